//! The whole pipeline on one in-memory article beside a fixed profile: front matter, dates,
//! Markdown, assembly, every template, the feeds and the sitemap, then `check` over the
//! result; and `check`'s link resolver on the raw text. Whatever the
//! input holds, nothing may panic.

#![no_main]

use broadsheet::source::{SourceFile, Sources};
use broadsheet::build::{self, BuildOptions};
use libfuzzer_sys::fuzz_target;

const BASE: &str = "https://fuzz.example.org/notes";

const PROFILE: &str = "+++\nname = \"Jane Doe\"\nrole = \"Fellow\"\naffiliation = \"Harbor Institute\"\n+++\nJane Doe writes about ports.\n";

fuzz_target!(|text: &str| {
    // `check` resolves links of generated pages only, but its resolver must stand any text.
    let root = broadsheet::check::Root::new(BASE).expect("the base URL is a URL");
    let _ = root.resolve("a/b/index.html", text);
    let _ = root.resolve("index.html", text);

    let sources = Sources {
        config: Some(
            "title = \"Fuzz\"\nbase_url = \"https://fuzz.example.org/notes\"\ntimezone = \"Europe/Paris\"\nper_page = 2\n"
                .into(),
        ),
        articles: vec![SourceFile {
            path: "content/2025/piece.md".into(),
            text: text.to_string(),
        }],
        profiles: vec![SourceFile {
            path: "content/authors/jane-doe.md".into(),
            text: PROFILE.into(),
        }],
        ..Sources::default()
    };
    // A fixed moment, so a crash found here reproduces whatever the clock says.
    let options = BuildOptions {
        drafts: true,
        now: Some("2030-01-01".into()),
        ..BuildOptions::default()
    };
    if let Ok(built) = build::in_memory(&sources, &options) {
        let _ = broadsheet::check::check(&built.site, &built.output, &sources);
    }
});
