//! Every date form broadsheet accepts, resolved in the site's time zone.
//!
//! Two families of input arrive here: the ISO forms of front matter (`2025-08-16`,
//! `2025-08-16 08:00`, RFC 3339 with an offset) and the dateline styles that think tanks print
//! above a piece (`August 16, 2025 - 8:00am`, `16 Aug 2025`, `Monday, August 16, 2025`). Both
//! are read by hand rather than with a format string, so that a wrong date gets a message
//! naming what is wrong with it (`February 30 does not exist in 2025`) instead of a parser's
//! position. Where the text comes from, and where an error is reported, is left to the caller.

use std::fmt;
use std::ops::RangeInclusive;

use jiff::ZonedDateTime;
use jiff::civil::{Date, DateTime, Time, Weekday};
use jiff::tz::{Offset, TimeZone};

/// A parsed date: the instant, and whether the input gave a time of day.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    /// The instant, presented in the time zone given to [`parse`].
    pub at: ZonedDateTime,
    /// False for a bare date such as `2025-08-16`, which resolves to midnight.
    pub has_time: bool,
    /// The UTC offset the input wrote (`-04:00`, `Z`), if it wrote one: an importer keeps it
    /// rather than restate the instant in the site's zone.
    pub offset: Option<Offset>,
}

/// Why an input is not a date, as a sentence for a human.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError {
    /// For example `February 30 does not exist in 2025`.
    pub message: String,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DateError {}

/// English month names, January first: read in datelines, printed on pages.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Monday),
    ("tuesday", Weekday::Tuesday),
    ("wednesday", Weekday::Wednesday),
    ("thursday", Weekday::Thursday),
    ("friday", Weekday::Friday),
    ("saturday", Weekday::Saturday),
    ("sunday", Weekday::Sunday),
];

/// Parses any date form broadsheet accepts, resolving wall-clock forms in `tz`.
///
/// An input with an offset (`Z`, `-04:00`) keeps its instant and is only presented in `tz`. A
/// wall-clock time that falls in a DST gap or fold is resolved the "compatible" way (the
/// later time in a gap, the earlier one in a fold), never as an error. Empty input, text in no
/// known form, impossible dates and times, and a weekday that contradicts the date are errors.
pub fn parse(input: &str, tz: &TimeZone) -> Result<Parsed, DateError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(error(format!("no date given; {EXAMPLES}")));
    }
    let fields = if is_iso_shaped(text) {
        parse_iso(text).or_else(|| parse_dateline(&tokenize(text)))
    } else {
        parse_dateline(&tokenize(text))
    };
    match fields {
        Some(fields) => resolve(&fields, tz),
        None => Err(error(format!(
            "\"{}\" is not a date; {EXAMPLES}",
            shorten(text)
        ))),
    }
}

/// Whether `line` is probably meant as a dateline, even a misspelt one.
///
/// Used to find the dateline among the first lines of a plain-text piece, so that a line such
/// as `Agust 16, 2025` is reported as a bad date rather than taken for a title.
pub fn looks_like_dateline(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() || line.chars().count() > 60 {
        return false;
    }
    if parse(line, &TimeZone::UTC).is_ok() {
        return true;
    }
    let tokens = tokenize(line);
    let has_year = tokens
        .iter()
        .any(|t| matches!(t, Token::Number { len: 4, .. }));
    let strangers = tokens.iter().filter(|t| is_stranger(t)).count();
    has_year && strangers <= 1
}

const EXAMPLES: &str = "expected e.g. 2025-08-16, 2025-08-16 08:00 or August 16, 2025 - 8:00am";

fn error(message: String) -> DateError {
    DateError { message }
}

fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let mut short: String = text.chars().take(MAX).collect();
    short.push('…');
    short
}

/// The pieces of a date as written, before any range check.
#[derive(Debug, Default)]
struct Fields {
    year: u32,
    month: u32,
    day: u32,
    weekday: Option<Weekday>,
    time: Option<Clock>,
    /// Seconds east of UTC, when the input named an offset.
    offset: Option<i32>,
}

#[derive(Debug, Default)]
struct Clock {
    hour: u32,
    minute: u32,
    second: u32,
    nanosecond: u32,
    /// `Some(true)` for pm, `Some(false)` for am, `None` for a 24-hour clock.
    pm: Option<bool>,
}

fn resolve(fields: &Fields, tz: &TimeZone) -> Result<Parsed, DateError> {
    let date = resolve_date(fields)?;
    let time = match &fields.time {
        Some(clock) => resolve_time(clock)?,
        None => Time::midnight(),
    };
    let civil = DateTime::from_parts(date, time);
    let out_of_range = |_| error(format!("{} is out of the supported range", long_date(date)));
    let offset = fields
        .offset
        .map(|seconds| {
            Offset::from_seconds(seconds)
                .map_err(|_| error("the UTC offset is out of range".to_string()))
        })
        .transpose()?;
    let at = match offset {
        Some(offset) => offset
            .to_timestamp(civil)
            .map_err(out_of_range)?
            .to_zoned_datetime(tz.clone()),
        None => civil.to_zoned_datetime(tz.clone()).map_err(out_of_range)?,
    };
    Ok(Parsed {
        at,
        has_time: fields.time.is_some(),
        offset,
    })
}

fn resolve_date(fields: &Fields) -> Result<Date, DateError> {
    let Some(month_name) = fields
        .month
        .checked_sub(1)
        .and_then(|i| MONTHS.get(i as usize))
    else {
        return Err(error(format!("month {} does not exist", fields.month)));
    };
    let missing = || {
        error(format!(
            "{month_name} {} does not exist in {}",
            fields.day, fields.year
        ))
    };
    let (Ok(year), Ok(month), Ok(day)) = (
        i16::try_from(fields.year),
        i8::try_from(fields.month),
        i8::try_from(fields.day),
    ) else {
        return Err(missing());
    };
    let date = Date::new(year, month, day).map_err(|_| missing())?;
    if let Some(claimed) = fields.weekday
        && claimed != date.weekday()
    {
        return Err(error(format!(
            "{} is a {}, not a {}",
            long_date(date),
            weekday_name(date.weekday()),
            weekday_name(claimed)
        )));
    }
    Ok(date)
}

fn resolve_time(clock: &Clock) -> Result<Time, DateError> {
    let hour = match clock.pm {
        Some(_) if !(1..=12).contains(&clock.hour) => {
            return Err(error(format!(
                "hour {} does not exist on a 12-hour clock (am/pm)",
                clock.hour
            )));
        }
        Some(pm) => clock.hour % 12 + if pm { 12 } else { 0 },
        None if clock.hour > 23 => {
            return Err(error(format!("hour {} does not exist", clock.hour)));
        }
        None => clock.hour,
    };
    if clock.minute > 59 {
        return Err(error(format!("minute {} does not exist", clock.minute)));
    }
    // RFC 3339 allows a leap second; like most software we fold it into the second before.
    let second = match clock.second {
        60 => 59,
        s if s > 60 => return Err(error(format!("second {s} does not exist"))),
        s => s,
    };
    let as_i8 = |n: u32| i8::try_from(n).unwrap_or(i8::MAX);
    let nanosecond = i32::try_from(clock.nanosecond).unwrap_or(i32::MAX);
    Time::new(as_i8(hour), as_i8(clock.minute), as_i8(second), nanosecond)
        .map_err(|_| error("the time of day does not exist".to_string()))
}

/// A date as readers see it on a page and in messages: "August 16, 2025".
pub fn long_date(date: Date) -> String {
    let month = MONTHS.get(date.month() as usize - 1).copied().unwrap_or("");
    format!("{month} {}, {}", date.day(), date.year())
}

/// RFC 3339 with the site's offset, e.g. `2025-08-16T08:00:00-04:00`.
pub fn rfc3339(date: &ZonedDateTime) -> String {
    date.timestamp()
        .display_with_offset(date.offset())
        .to_string()
}

/// "August 16, 2025", in the site's time zone.
pub fn date_display(date: &ZonedDateTime) -> String {
    long_date(date.date())
}

/// "8:00 a.m. EDT".
pub fn time_display(date: &ZonedDateTime) -> String {
    let (hour, minute) = (date.hour(), date.minute());
    let (h12, half) = match hour {
        0 => (12, "a.m."),
        1..=11 => (hour, "a.m."),
        12 => (12, "p.m."),
        _ => (hour - 12, "p.m."),
    };
    let zone = jiff::fmt::strtime::format("%Z", date).unwrap_or_default();
    format!("{h12}:{minute:02} {half} {zone}")
        .trim_end()
        .to_string()
}

fn weekday_name(weekday: Weekday) -> String {
    let name = WEEKDAYS
        .iter()
        .find(|(_, w)| *w == weekday)
        .map_or("", |(n, _)| n);
    capitalize(name)
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

// ---- ISO 8601 / RFC 3339 -------------------------------------------------------------------

fn is_iso_shaped(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 5 && bytes[..4].iter().all(u8::is_ascii_digit) && bytes[4] == b'-'
}

/// `YYYY-MM-DD`, then optionally `[T ]HH:MM[:SS[.fff]]`, then optionally `Z` or `±HH[:MM]`.
fn parse_iso(text: &str) -> Option<Fields> {
    let mut cur = Cursor {
        bytes: text.as_bytes(),
        pos: 0,
    };
    let mut fields = Fields {
        year: cur.digits(4, 4)?,
        ..Fields::default()
    };
    cur.expect(b'-')?;
    fields.month = cur.digits(2, 2)?;
    cur.expect(b'-')?;
    fields.day = cur.digits(2, 2)?;
    if cur.at_end() {
        return Some(fields);
    }
    if !(cur.eat(b'T') || cur.eat(b't') || cur.skip_spaces()) {
        return None;
    }
    fields.time = Some(iso_clock(&mut cur)?);
    cur.skip_spaces();
    if !cur.at_end() {
        fields.offset = Some(iso_offset(&mut cur)?);
        // An RFC 9557 zone annotation, as jiff prints (`…-04:00[America/New_York]`): the
        // offset already fixes the instant, so the name adds nothing.
        if cur.eat(b'[') {
            cur.pos = cur.bytes.len() - usize::from(text.ends_with(']'));
            cur.expect(b']')?;
        }
    }
    cur.at_end().then_some(fields)
}

fn iso_clock(cur: &mut Cursor) -> Option<Clock> {
    let mut clock = Clock {
        hour: cur.digits(1, 2)?,
        ..Clock::default()
    };
    cur.expect(b':')?;
    clock.minute = cur.digits(2, 2)?;
    if cur.eat(b':') {
        clock.second = cur.digits(2, 2)?;
        if cur.eat(b'.') || cur.eat(b',') {
            let start = cur.pos;
            let fraction = cur.digits(1, 9)?;
            let len = cur.pos - start;
            clock.nanosecond = fraction * 10u32.pow(9 - len as u32);
        }
    }
    Some(clock)
}

fn iso_offset(cur: &mut Cursor) -> Option<i32> {
    if cur.eat(b'Z') || cur.eat(b'z') {
        return Some(0);
    }
    let sign = if cur.eat(b'+') {
        1
    } else if cur.eat(b'-') {
        -1
    } else {
        return None;
    };
    let start = cur.pos;
    let mut hours = cur.digits(2, 4)?;
    let mut minutes = 0;
    if cur.pos - start == 4 {
        (hours, minutes) = (hours / 100, hours % 100);
    } else if cur.pos - start != 2 {
        return None;
    } else if cur.eat(b':') {
        minutes = cur.digits(2, 2)?;
    }
    if minutes > 59 {
        return None;
    }
    i32::try_from(hours * 3600 + minutes * 60)
        .ok()
        .map(|s| sign * s)
}

struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let hit = self.bytes.get(self.pos) == Some(&byte);
        self.pos += usize::from(hit);
        hit
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.eat(byte).then_some(())
    }

    fn skip_spaces(&mut self) -> bool {
        let start = self.pos;
        while self.eat(b' ') {}
        self.pos > start
    }

    /// Reads between `min` and `max` digits; more digits than `max` is a mismatch.
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let rest = self.bytes.get(self.pos..)?;
        let len = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if len < min || len > max {
            return None;
        }
        let value = rest[..len]
            .iter()
            .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'));
        self.pos += len;
        Some(value)
    }
}

// ---- datelines -----------------------------------------------------------------------------

#[derive(Debug, PartialEq)]
enum Token {
    /// Letters with any periods removed, lowercased: `Aug.` → `aug`, `a.m.` → `am`.
    Word(String),
    Number {
        value: u32,
        len: usize,
    },
    Colon,
    Other,
}

/// Splits a dateline into words, numbers and colons. Commas, dashes and spaces only separate.
fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() || matches!(c, ',' | '-' | '–' | '—') {
            chars.next();
        } else if c == ':' {
            chars.next();
            tokens.push(Token::Colon);
        } else if c.is_ascii_digit() {
            let mut digits = String::new();
            while let Some(d) = chars.next_if(char::is_ascii_digit) {
                digits.push(d);
            }
            tokens.push(match digits.parse() {
                Ok(value) if digits.len() <= 4 => Token::Number {
                    value,
                    len: digits.len(),
                },
                _ => Token::Other,
            });
        } else if c.is_alphabetic() {
            let mut word = String::new();
            while let Some(w) = chars.next_if(|w| w.is_alphabetic() || *w == '.') {
                word.extend(w.to_lowercase().filter(|l| *l != '.'));
            }
            tokens.push(Token::Word(word));
        } else {
            chars.next();
            tokens.push(Token::Other);
        }
    }
    tokens
}

fn month_number(word: &str) -> Option<u32> {
    let index = match word {
        "sept" => 8,
        _ if word.len() >= 3 => MONTHS
            .iter()
            .position(|m| m.to_lowercase() == word || m[..3].to_lowercase() == word)?,
        _ => return None,
    };
    Some(index as u32 + 1)
}

fn weekday_from(word: &str) -> Option<Weekday> {
    let word = if word == "weds" { "wed" } else { word };
    WEEKDAYS
        .iter()
        .find(|(name, _)| word.len() >= 3 && name.starts_with(word))
        .map(|(_, weekday)| *weekday)
}

fn is_stranger(token: &Token) -> bool {
    match token {
        Token::Word(w) => {
            let known = ["am", "pm", "at", "noon", "midnight", "st", "nd", "rd", "th"];
            !(known.contains(&w.as_str()) || month_number(w).is_some() || weekday_from(w).is_some())
        }
        Token::Other => true,
        Token::Number { .. } | Token::Colon => false,
    }
}

/// `[Weekday] (Month D | D Month | YYYY MM DD), YYYY [at] [time]`, where time is `8:00am`,
/// `8 p.m.`, `20:00`, `noon` or `midnight`.
fn parse_dateline(tokens: &[Token]) -> Option<Fields> {
    let mut p = Parser { tokens, pos: 0 };
    let weekday = p.word().and_then(weekday_from);
    if weekday.is_some() {
        p.pos += 1;
    }
    let mut fields = p.date()?;
    fields.weekday = weekday;
    if p.word() == Some("at") {
        p.pos += 1;
    }
    if p.pos < tokens.len() {
        fields.time = Some(p.clock()?);
    }
    (p.pos == tokens.len()).then_some(fields)
}

struct Parser<'a> {
    tokens: &'a [Token],
    pos: usize,
}

impl<'a> Parser<'a> {
    fn word(&self) -> Option<&'a str> {
        match self.tokens.get(self.pos) {
            Some(Token::Word(w)) => Some(w),
            _ => None,
        }
    }

    fn number(&mut self, lengths: RangeInclusive<usize>) -> Option<u32> {
        match self.tokens.get(self.pos) {
            Some(&Token::Number { value, len }) if lengths.contains(&len) => {
                self.pos += 1;
                Some(value)
            }
            _ => None,
        }
    }

    fn month(&mut self) -> Option<u32> {
        let month = month_number(self.word()?)?;
        self.pos += 1;
        Some(month)
    }

    fn day(&mut self) -> Option<u32> {
        let day = self.number(1..=2)?;
        if matches!(self.word(), Some("st" | "nd" | "rd" | "th")) {
            self.pos += 1;
        }
        Some(day)
    }

    fn year(&mut self) -> Option<u32> {
        self.number(4..=4)
    }

    fn date(&mut self) -> Option<Fields> {
        let (year, month, day) = if let Some(month) = self.month() {
            let day = self.day()?;
            (self.year()?, month, day)
        } else if let Some(year) = self.year() {
            (year, self.number(1..=2)?, self.number(1..=2)?)
        } else {
            let day = self.day()?;
            let month = self.month()?;
            (self.year()?, month, day)
        };
        Some(Fields {
            year,
            month,
            day,
            ..Fields::default()
        })
    }

    fn clock(&mut self) -> Option<Clock> {
        if let Some(named @ ("noon" | "midnight")) = self.word() {
            self.pos += 1;
            return Some(Clock {
                hour: if named == "noon" { 12 } else { 0 },
                ..Clock::default()
            });
        }
        let mut clock = Clock {
            hour: self.number(1..=2)?,
            ..Clock::default()
        };
        let mut explicit = false;
        if self.tokens.get(self.pos) == Some(&Token::Colon) {
            self.pos += 1;
            clock.minute = self.number(2..=2)?;
            explicit = true;
            if self.tokens.get(self.pos) == Some(&Token::Colon) {
                self.pos += 1;
                clock.second = self.number(2..=2)?;
            }
        }
        match self.word() {
            Some("am" | "pm") => {
                clock.pm = Some(self.word() == Some("pm"));
                self.pos += 1;
            }
            Some("noon") if clock.hour == 12 && clock.minute == 0 => self.pos += 1,
            _ if explicit => {}
            _ => return None,
        }
        Some(clock)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_york() -> TimeZone {
        TimeZone::get("America/New_York").expect("bundled time zone")
    }

    fn rfc3339(parsed: &Parsed) -> String {
        parsed.at.strftime("%Y-%m-%dT%H:%M:%S%.f%:z").to_string()
    }

    #[test]
    fn accepted_forms() {
        let cases = [
            // RFC 3339: the instant is kept and shown in the site's zone.
            (
                "2025-08-16T08:00:00-04:00",
                "2025-08-16T08:00:00-04:00",
                true,
            ),
            ("2025-08-16T12:00:00Z", "2025-08-16T08:00:00-04:00", true),
            ("2025-08-16t12:00:00z", "2025-08-16T08:00:00-04:00", true),
            (
                "2025-08-16T14:00:00+02:00",
                "2025-08-16T08:00:00-04:00",
                true,
            ),
            (
                "2025-08-16T12:00:00.250Z",
                "2025-08-16T08:00:00.25-04:00",
                true,
            ),
            (
                "2025-08-16T12:00:00,5Z",
                "2025-08-16T08:00:00.5-04:00",
                true,
            ),
            (
                "2025-08-16 08:00:00-04:00",
                "2025-08-16T08:00:00-04:00",
                true,
            ),
            (
                "2025-08-16 08:00:00 -04:00",
                "2025-08-16T08:00:00-04:00",
                true,
            ),
            (
                "2025-08-16T13:00:00+0100",
                "2025-08-16T08:00:00-04:00",
                true,
            ),
            // Bare date and wall-clock forms, read in the site's zone.
            ("2025-08-16", "2025-08-16T00:00:00-04:00", false),
            ("  2025-01-16  ", "2025-01-16T00:00:00-05:00", false),
            ("2025-08-16 08:00", "2025-08-16T08:00:00-04:00", true),
            ("2025-08-16T08:00", "2025-08-16T08:00:00-04:00", true),
            ("2025-08-16 08:00:30", "2025-08-16T08:00:30-04:00", true),
            ("2025-08-16 8:05", "2025-08-16T08:05:00-04:00", true),
            ("2025-08-16 - 8:00am", "2025-08-16T08:00:00-04:00", true),
            ("2025-8-6", "2025-08-06T00:00:00-04:00", false),
            // DST gap: 02:30 does not exist on this day, so the later side is taken.
            ("2025-03-09 02:30", "2025-03-09T03:30:00-04:00", true),
            // DST fold: 01:30 happens twice, the earlier one is taken.
            ("2025-11-02 01:30", "2025-11-02T01:30:00-04:00", true),
            // Dateline styles.
            (
                "August 16, 2025 - 8:00am",
                "2025-08-16T08:00:00-04:00",
                true,
            ),
            (
                "August 16, 2025 – 8:00am",
                "2025-08-16T08:00:00-04:00",
                true,
            ),
            (
                "August 16, 2025 - 8:00 a.m.",
                "2025-08-16T08:00:00-04:00",
                true,
            ),
            ("August 16, 2025 8:00 AM", "2025-08-16T08:00:00-04:00", true),
            (
                "August 16, 2025, 8:00 PM",
                "2025-08-16T20:00:00-04:00",
                true,
            ),
            (
                "August 16, 2025 at 8 p.m.",
                "2025-08-16T20:00:00-04:00",
                true,
            ),
            ("August 16, 2025 20:15", "2025-08-16T20:15:00-04:00", true),
            ("August 16, 2025 12:00pm", "2025-08-16T12:00:00-04:00", true),
            ("August 16, 2025 12:00am", "2025-08-16T00:00:00-04:00", true),
            (
                "August 16, 2025 12:30 a.m.",
                "2025-08-16T00:30:00-04:00",
                true,
            ),
            ("August 16, 2025 noon", "2025-08-16T12:00:00-04:00", true),
            ("August 16, 2025 12 noon", "2025-08-16T12:00:00-04:00", true),
            (
                "August 16, 2025 - midnight",
                "2025-08-16T00:00:00-04:00",
                true,
            ),
            ("Aug. 16, 2025", "2025-08-16T00:00:00-04:00", false),
            ("Aug 16, 2025", "2025-08-16T00:00:00-04:00", false),
            ("aug 16 2025", "2025-08-16T00:00:00-04:00", false),
            ("AUGUST 16, 2025", "2025-08-16T00:00:00-04:00", false),
            ("Sept. 5, 2025", "2025-09-05T00:00:00-04:00", false),
            ("Sep 5, 2025", "2025-09-05T00:00:00-04:00", false),
            ("August 16th, 2025", "2025-08-16T00:00:00-04:00", false),
            ("16 August 2025", "2025-08-16T00:00:00-04:00", false),
            ("16 Aug 2025", "2025-08-16T00:00:00-04:00", false),
            ("16 Aug. 2025, 9:30 am", "2025-08-16T09:30:00-04:00", true),
            (
                "Saturday, August 16, 2025",
                "2025-08-16T00:00:00-04:00",
                false,
            ),
            ("Sat., Aug. 16, 2025", "2025-08-16T00:00:00-04:00", false),
            (
                "Monday, August 18, 2025 - 8:00am",
                "2025-08-18T08:00:00-04:00",
                true,
            ),
            ("May 1, 2025", "2025-05-01T00:00:00-04:00", false),
            ("February 29, 2024", "2024-02-29T00:00:00-05:00", false),
        ];
        let tz = new_york();
        for (input, want, has_time) in cases {
            let parsed = parse(input, &tz).unwrap_or_else(|e| panic!("{input:?}: {e}"));
            assert_eq!(rfc3339(&parsed), want, "{input:?}");
            assert_eq!(parsed.has_time, has_time, "{input:?}");
        }
    }

    #[test]
    fn rejected_forms() {
        let cases = [
            ("", "no date given; expected e.g. 2025-08-16"),
            ("   ", "no date given"),
            (
                "Agust 16, 2025",
                "\"Agust 16, 2025\" is not a date; expected e.g. 2025-08-16",
            ),
            ("2025-02-30", "February 30 does not exist in 2025"),
            ("February 30, 2025", "February 30 does not exist in 2025"),
            ("30 Feb 2025", "February 30 does not exist in 2025"),
            ("February 29, 2025", "February 29 does not exist in 2025"),
            ("August 0, 2025", "August 0 does not exist in 2025"),
            ("2025-13-01", "month 13 does not exist"),
            ("2025-00-01", "month 0 does not exist"),
            ("2025-08-16 25:00", "hour 25 does not exist"),
            ("2025-08-16 24:00", "hour 24 does not exist"),
            ("2025-08-16 08:60", "minute 60 does not exist"),
            ("2025-08-16 08:00:61", "second 61 does not exist"),
            (
                "August 16, 2025 13:00 pm",
                "hour 13 does not exist on a 12-hour clock",
            ),
            (
                "August 16, 2025 0:30 am",
                "hour 0 does not exist on a 12-hour clock",
            ),
            (
                "Monday, August 16, 2025",
                "August 16, 2025 is a Saturday, not a Monday",
            ),
            ("August 16, 2025 8", "is not a date"),
            ("August 16, 2025 8:00 ET", "is not a date"),
            ("August 16", "is not a date"),
            ("16/08/2025", "is not a date"),
            ("2025-08-16T08", "is not a date"),
            ("2025-08-16T08:00:00.1234567890Z", "is not a date"),
            ("2025-08-16T08:00:00+04:99", "is not a date"),
            ("yesterday", "is not a date"),
            (
                "2025-08-16T08:00:00-04:00[America/New_York",
                "is not a date",
            ),
            ("2025-08-16T08:00[America/New_York]", "is not a date"),
        ];
        let tz = new_york();
        for (input, want) in cases {
            match parse(input, &tz) {
                Ok(parsed) => panic!("{input:?} parsed as {}", rfc3339(&parsed)),
                Err(e) => assert!(e.message.contains(want), "{input:?}: {e}"),
            }
        }
    }

    #[test]
    fn odd_input_never_panics() {
        let long_digits = "9".repeat(10_000);
        let long_words = "August ".repeat(5_000);
        let odd = [
            "0000-01-01",
            "9999-12-31T23:59:59-25:59",
            "9999-12-31T23:59:59+23:59",
            "0000-01-01T00:00:00+23:59",
            "2025-08-16T08:00:00.",
            "2025-08-16T",
            "2025-",
            "2025-08-16 ",
            "12345-01-01",
            "99999999999999999999",
            "August 99999999999, 2025",
            "August 16, 99999",
            ":::",
            "a.m.",
            ".",
            "—",
            "Ｆｅｂｒｕａｒｙ　３０，２０２５",
            "٢٠٢٥-٠٨-١٦",
            "🗓️ August 16, 2025",
            "\u{0}\u{7f}\u{feff}",
            "Åugust 16, 2025",
            &long_digits,
            &long_words,
        ];
        let tz = new_york();
        for input in odd {
            let _ = parse(input, &tz);
            let _ = looks_like_dateline(input);
        }
        let message = parse(&long_words, &tz).expect_err("not a date").message;
        assert!(
            message.len() < 200,
            "long input is shortened in the message"
        );
    }

    #[test]
    fn looks_like_dateline_finds_near_misses() {
        let yes = [
            "August 16, 2025 - 8:00am",
            "2025-08-16",
            "Agust 16, 2025",
            "2025-02-30",
            "Monday, August 16, 2025",
        ];
        let no = [
            "",
            "The 2025 Budget Fight",
            "Why the Ceasefire Is Holding",
            "In 2025 the treasury ran a surplus for the first time in a generation.",
            "August",
        ];
        for line in yes {
            assert!(looks_like_dateline(line), "{line:?}");
        }
        for line in no {
            assert!(!looks_like_dateline(line), "{line:?}");
        }
    }

    #[test]
    fn times_read_like_a_dateline() {
        let tz = jiff::tz::TimeZone::get("America/New_York").unwrap();
        let at = |s: &str| {
            s.parse::<jiff::civil::DateTime>()
                .unwrap()
                .to_zoned_datetime(tz.clone())
                .unwrap()
        };
        assert_eq!(time_display(&at("2025-08-16T08:00")), "8:00 a.m. EDT");
        assert_eq!(time_display(&at("2025-12-16T00:05")), "12:05 a.m. EST");
        assert_eq!(time_display(&at("2025-12-16T12:30")), "12:30 p.m. EST");
        assert_eq!(date_display(&at("2025-08-06T08:00")), "August 6, 2025");
        assert_eq!(
            super::rfc3339(&at("2025-08-16T08:00")),
            "2025-08-16T08:00:00-04:00"
        );
    }
}
