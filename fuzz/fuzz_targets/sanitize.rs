//! The sanitizer on any input: a Markdown body (its raw HTML blocks and inline tags) through
//! `markdown::render`, and the same text as an HTML block and as one inline tag through
//! `Sanitizer`. Whatever comes out is parsed as a browser would parse it (html5ever, into a
//! DOM) and must hold no executable element, no event handler, no script URL, no style and
//! no frame from a host the site does not list. Judged on the parsed tree, never by
//! searching the text.

#![no_main]

use broadsheet::config::DEFAULT_EMBED_HOSTS;
use broadsheet::markdown;
use broadsheet::sanitize::{Inline, Sanitizer};
use html5ever::tendril::TendrilSink;
use html5ever::{LocalName, QualName, ns};
use libfuzzer_sys::fuzz_target;
use markup5ever_rcdom::{Handle, NodeData, RcDom};

/// Elements that run code, load a page or a plug-in, restyle or retarget the page.
const ACTIVE: &[&str] = &[
    "script", "style", "object", "embed", "applet", "base", "meta", "link", "form", "frame",
    "frameset", "svg", "math", "template", "portal", "noscript", "input", "button", "textarea",
    "select",
];

/// Attributes that hold a URL a browser may follow or load.
const URL_ATTRIBUTES: &[&str] = &[
    "href", "src", "action", "formaction", "data", "poster", "background", "cite", "srcset",
    "xlink:href", "ping",
];

fuzz_target!(|text: &str| {
    let hosts: Vec<String> = DEFAULT_EMBED_HOSTS.iter().map(|h| h.to_string()).collect();
    assert_inert(&markdown::render(text, &hosts).html, &hosts, text);
    let sanitizer = Sanitizer::new(&hosts);
    assert_inert(&sanitizer.clean_block(text).html, &hosts, text);
    if let Inline::Start { html: Some(tag), .. } = sanitizer.clean_tag(text) {
        assert_inert(&tag, &hosts, text);
    }
});

fn assert_inert(html: &str, hosts: &[String], input: &str) {
    let context = QualName::new(None, ns!(html), LocalName::from("div"));
    let dom = html5ever::parse_fragment(RcDom::default(), Default::default(), context, vec![], false)
        .one(html);
    let mut stack: Vec<Handle> = vec![dom.document.clone()];
    while let Some(node) = stack.pop() {
        if let NodeData::Element { name, attrs, .. } = &node.data {
            let element = name.local.to_string().to_ascii_lowercase();
            assert!(
                !ACTIVE.contains(&element.as_str()),
                "<{element}> survived\ninput: {input:?}\noutput: {html:?}"
            );
            for attribute in attrs.borrow().iter() {
                let attribute_name = attribute.name.local.to_string().to_ascii_lowercase();
                let value = attribute.value.to_string();
                assert!(
                    !attribute_name.starts_with("on"),
                    "handler {attribute_name} survived\ninput: {input:?}\noutput: {html:?}"
                );
                assert!(
                    !matches!(attribute_name.as_str(), "style" | "srcdoc" | "formaction"),
                    "{attribute_name} survived\ninput: {input:?}\noutput: {html:?}"
                );
                if URL_ATTRIBUTES.contains(&attribute_name.as_str()) {
                    assert!(
                        !is_script_url(&value),
                        "script URL in {attribute_name}\ninput: {input:?}\noutput: {html:?}"
                    );
                }
            }
            if element == "iframe" {
                let attribute = |wanted: &str| {
                    attrs
                        .borrow()
                        .iter()
                        .find(|a| &*a.name.local == wanted)
                        .map(|a| a.value.to_string())
                };
                let src = attribute("src").unwrap_or_default();
                let host = url::Url::parse(&src)
                    .ok()
                    .filter(|u| u.scheme() == "https")
                    .and_then(|u| u.host_str().map(str::to_string));
                assert!(
                    host.is_some_and(|h| hosts.contains(&h)),
                    "a frame from {src:?}\ninput: {input:?}\noutput: {html:?}"
                );
                assert!(
                    attribute("title").is_some_and(|t| !t.trim().is_empty()),
                    "a frame without a title\ninput: {input:?}\noutput: {html:?}"
                );
            }
        }
        stack.extend(node.children.borrow().iter().cloned());
    }
}

/// A URL whose scheme runs script or inlines a document, read as a browser reads it:
/// whitespace and control characters dropped, any case.
fn is_script_url(value: &str) -> bool {
    let judged: String = value
        .chars()
        .filter(|c| !c.is_ascii_control() && !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:", "livescript:"]
        .iter()
        .any(|scheme| judged.starts_with(scheme))
}
