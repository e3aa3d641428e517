//! Plain-text import: reading a piece, then writing its article and profile files. When a
//! piece is read, the article it becomes must itself be a valid article with the same title
//! and byline, and each profile must be a valid profile.

#![no_main]

use std::path::Path;

use broadsheet::front_matter;
use broadsheet::import::{self, ImportOptions};
use jiff::tz::TimeZone;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let tz = TimeZone::get("America/New_York").expect("bundled zone");
    for title in [None, Some("A Title Given on the Command Line")] {
        let opts = ImportOptions { title, tz: &tz };
        let Ok(article) = import::parse(text, &opts) else {
            continue;
        };
        let file = import::article_file(&article);
        let (meta, _) = front_matter::parse_article(Path::new("content/a.md"), &file)
            .unwrap_or_else(|e| panic!("article of {text:?} does not parse: {e:?}\n{file}"));
        let written = meta.title.map(|t| t.value).unwrap_or_default();
        assert_eq!(written, article.title.trim(), "{file}");
        let names: Vec<&str> = meta.authors.iter().map(|a| a.value.name.as_str()).collect();
        let expected: Vec<&str> = article.authors.iter().map(|a| a.name.trim()).collect();
        assert_eq!(names, expected, "{file}");
        for author in &article.authors {
            let profile = import::profile_file(author);
            if let Err(e) = front_matter::parse_profile(Path::new("content/authors/a.md"), &profile)
            {
                panic!("profile of {text:?} does not parse: {e:?}\n{profile}");
            }
        }
    }
});
