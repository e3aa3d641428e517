//! Front matter parsing on arbitrary text: splitting, TOML and YAML, every key's type checks.
//! It must never panic, and every diagnostic must point inside the file.

#![no_main]

use std::path::Path;

use broadsheet::front_matter;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let path = Path::new("content/fuzz.md");
    let lines = text.matches('\n').count() + 1;
    let within = |ds: &[broadsheet::diagnostic::Diagnostic]| {
        for d in ds {
            assert!(d.line >= 1 && d.line <= lines, "{d} is outside the file");
        }
    };
    match front_matter::parse_article(path, text) {
        Ok((_, split)) => assert!(split.body_offset <= text.len()),
        Err(ds) => within(&ds),
    }
    match front_matter::parse_profile(path, text) {
        Ok((_, split)) => assert!(split.body_offset <= text.len()),
        Err(ds) => within(&ds),
    }
});
