//! A WordPress body to Markdown: shortcodes, auto-paragraphs, block comments, URL rewriting
//! and htmd, on any text. Nothing panics, with or without an old site to resolve against,
//! and the Markdown it writes renders.

#![no_main]

use broadsheet::import::wxr::html;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let site = url::Url::parse("https://old.example.org/blog/").expect("a URL");
    for base in [Some(&site), None] {
        let body = html::to_markdown(text, base);
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, pulldown_cmark::Parser::new(&body.markdown));
    }
});
