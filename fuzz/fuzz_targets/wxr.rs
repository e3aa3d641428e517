//! WordPress export import: the streaming reader, the survey and the conversion of every
//! item. Whatever the bytes, nothing panics; an export that reads plans only paths inside
//! `content/`, named by slugs; every written file has front matter that parses as TOML; and
//! every profile written for its authors is a valid profile.

#![no_main]

use std::path::Path;

use broadsheet::front_matter;
use broadsheet::import::{self, wxr};
use jiff::tz::TimeZone;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let tz = TimeZone::get("America/New_York").expect("bundled zone");
    let options = wxr::Options {
        tz: &tz,
        permalink: "/{year}/{month}/{slug}/",
    };
    let Ok(survey) = wxr::Survey::of(bytes, &options) else {
        return;
    };
    for planned in survey.planned.values() {
        let safe = planned.path.split('/').all(|part| {
            !part.is_empty()
                && part != ".."
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
        });
        assert!(safe && !planned.path.starts_with('/'), "{:?}", planned.path);
        assert!(
            planned.path.starts_with("pages/")
                || planned.path.split('/').next().is_some_and(|y| y.len() == 4),
            "{:?}",
            planned.path
        );
    }
    let mut converted = Vec::new();
    wxr::read(bytes, |record| {
        if let wxr::Record::Item(item) = record {
            converted.extend(wxr::convert(&item, &survey, &options));
        }
    })
    .expect("an export that surveyed reads again");
    for file in converted {
        let front = file
            .text
            .strip_prefix("+++\n")
            .and_then(|rest| rest.split_once("\n+++\n"))
            .map(|(front, _)| front)
            .unwrap_or_else(|| panic!("no front matter:\n{}", file.text));
        if let Err(e) = front.parse::<toml::Table>() {
            panic!("front matter does not parse: {e}\n{front}");
        }
        for author in &file.authors {
            let profile = import::profile_file(author);
            if let Err(e) = front_matter::parse_profile(Path::new("content/authors/a.md"), &profile)
            {
                panic!("profile does not parse: {e:?}\n{profile}");
            }
        }
    }
});
