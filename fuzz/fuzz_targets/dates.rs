//! Date parsing in a few time zones: ISO forms, RFC 3339 and datelines. It must never panic,
//! and a date it accepts must print and parse back to the same instant.

#![no_main]

use jiff::tz::TimeZone;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let zones = [
        TimeZone::UTC,
        TimeZone::get("America/New_York").expect("bundled zone"),
        TimeZone::get("Asia/Kolkata").expect("bundled zone"),
    ];
    for tz in &zones {
        if let Ok(parsed) = broadsheet::dates::parse(text, tz) {
            let printed = parsed.at.timestamp().to_string();
            let again = broadsheet::dates::parse(&printed, tz)
                .unwrap_or_else(|e| panic!("{printed:?} from {text:?} does not parse: {e}"));
            assert_eq!(again.at.timestamp(), parsed.at.timestamp(), "{text:?}");
        }
    }
    let _ = broadsheet::dates::looks_like_dateline(text);
});
