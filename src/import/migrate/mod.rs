//! Another generator's site moved into this one (issue 17): `broadsheet import --from
//! jekyll|hugo|zola SITE_DIR`. Articles come over with their bylines, dates (time zones
//! kept), topics, summaries and drafts; standalone pages as pages; each old URL as an alias
//! of the new one; the images of page bundles and the static files the bodies link to.
//!
//! Each generator has its reader (`jekyll`, `hugo`, `zola`), which knows where that
//! generator keeps its posts and how it reads their front matter, dates and URLs, and turns
//! every file into a [`Document`]: one shape for all three. What they share is here and
//! beside it: `front` (YAML, TOML and JSON front matter), `permalink` (placeholders, and
//! which old URLs can be redirected), `template` (finding Liquid and shortcodes) and `body`
//! (converting them, and finding links). `plan` then gives each document its slug, file and
//! URL, converts its body, points its links at the new site and writes its file.
//!
//! It is all pure: the command reads the old site into an [`OldSite`] and writes what the
//! [`Migration`] holds, staged, only when nothing is wrong.

pub mod body;
pub mod front;
pub mod hugo;
pub mod jekyll;
pub mod permalink;
mod plan;
pub mod template;
pub mod zola;

use std::collections::BTreeMap;
use std::ops::Range;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::ImportedAuthor;
use crate::dates::Parsed;
use crate::diagnostic::Diagnostic;
pub use body::{Outcome, Reference};
pub use plan::plan;
use template::Dialect;

/// The old site as the command read it: every file under its folder, by `/`-separated path
/// relative to that folder.
#[derive(Debug, Clone, Default)]
pub struct OldSite {
    pub files: BTreeMap<String, OldFile>,
}

/// One file of the old site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OldFile {
    /// Its text, for a file the readers may read (content, settings, data: see
    /// [`is_text`]) that is UTF-8, with any byte-order mark taken off; `None` otherwise.
    pub text: Option<String>,
    /// When it last changed: Jekyll dates a draft without a date by it.
    pub modified: Option<Timestamp>,
}

impl OldSite {
    /// The text of the file at `path`, if it has one.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.files.get(path)?.text.as_deref()
    }

    /// The first of `paths` that the site has as text, and its text.
    fn first_text<'a>(&'a self, paths: &[&'a str]) -> Option<(&'a str, &'a str)> {
        paths
            .iter()
            .find_map(|path| Some((*path, self.text(path)?)))
    }
}

/// Whether the command should read a file of the old site as text, by its extension: the
/// content, settings and data files the readers look at.
pub fn is_text(path: &str) -> bool {
    let ext = path
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    matches!(
        ext.as_str(),
        "md" | "markdown"
            | "mdown"
            | "mkdn"
            | "mkd"
            | "html"
            | "htm"
            | "toml"
            | "yaml"
            | "yml"
            | "json"
    )
}

/// What the new site adds to the old one.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// The new site's time zone: articles are filed by year in it.
    pub tz: &'a TimeZone,
    /// The new site's permalink pattern, to tell an old URL from the new one.
    pub permalink: &'a str,
    /// Hosts the new site's `<iframe>`s may show, for embedded videos.
    pub embed_hosts: &'a [String],
    /// `--author`: the byline of articles that name no author.
    pub author: Option<&'a str>,
}

/// An article or a standalone page, as a generator's reader found it.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Its file, relative to the old site's folder.
    pub source: String,
    pub role: Role,
    pub title: String,
    /// The date, as the old site read it: in the offset it was written with, or in the old
    /// site's time zone.
    pub date: Option<Parsed>,
    pub updated: Option<Parsed>,
    /// Why the article is a draft (`` `draft: true` ``, `in _drafts/`), if it is one.
    pub draft: Option<String>,
    pub authors: Vec<String>,
    pub topics: Vec<String>,
    pub series: Option<String>,
    pub summary: Option<String>,
    /// The last part of its old URL, as the old site had it (made a safe slug later).
    pub slug: String,
    /// Its URL on the old site, then the aliases the old site already had for it; site
    /// paths as the old site wrote them, not yet checked. Empty for what it never published.
    pub old_urls: Vec<String>,
    /// Old URLs that could not be worked out, each with why.
    pub unknown_urls: Vec<String>,
    /// Where the body is in the file's text.
    pub body: Range<usize>,
    /// The body is HTML (a `.html` post), not Markdown.
    pub html: bool,
    /// The folder of its page bundle (Hugo) or of its colocated assets (Zola), whose other
    /// files are its images and attachments.
    pub bundle: Option<String>,
    /// Its lead image, as the old site wrote it (`image`, `images`, `[extra] image`).
    pub image: Option<LeadImage>,
    /// Front-matter keys that mean nothing here (`layout`, `comments`), left behind.
    pub left_keys: Vec<String>,
    /// Where the keys that warnings are about are written (offsets into the file): `url`
    /// (whatever made the old URL: `permalink`, `url`, `path`), `aliases`, `image`.
    pub places: BTreeMap<&'static str, usize>,
}

/// A lead image (the share image too) as the old site's front matter gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadImage {
    /// As written: a URL, a path from the site's root, or a path relative to the page
    /// bundle (or, without one, to the site's root, as Jekyll's SEO tag reads it).
    pub src: String,
    /// What it shows; broadsheet takes no lead image without one.
    pub alt: Option<String>,
}

impl LeadImage {
    /// The lead image a front-matter value gives: a string, or a table with `path` (or
    /// `src`, `url`) and perhaps `alt`; a list gives its first.
    fn of(value: &serde_json::Value) -> Option<LeadImage> {
        match value {
            serde_json::Value::Array(items) => items.iter().find_map(LeadImage::of),
            serde_json::Value::Object(map) => Some(LeadImage {
                src: ["path", "src", "url"]
                    .iter()
                    .find_map(|k| map.get(*k).and_then(front::text))?,
                alt: map.get("alt").and_then(front::text),
            }),
            other => Some(LeadImage {
                src: front::text(other)?,
                alt: None,
            }),
        }
    }
}

/// Whether a document becomes an article or a standalone page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Article,
    Page,
}

impl Document {
    /// Notes that `what` (`url`, `aliases`, `image`) comes from the front-matter key `key`.
    fn place(&mut self, what: &'static str, fm: &front::Front, key: &str) {
        if let Some(offset) = fm.offset_of(key) {
            self.places.insert(what, offset);
        }
    }

    fn new(source: &str, role: Role, body: Range<usize>) -> Document {
        Document {
            source: source.to_string(),
            role,
            title: String::new(),
            date: None,
            updated: None,
            draft: None,
            authors: Vec::new(),
            topics: Vec::new(),
            series: None,
            summary: None,
            slug: String::new(),
            old_urls: Vec::new(),
            unknown_urls: Vec::new(),
            body,
            html: false,
            bundle: None,
            image: None,
            left_keys: Vec::new(),
            places: BTreeMap::new(),
        }
    }
}

/// What a generator's reader made of the old site.
#[derive(Debug)]
pub struct Reading {
    /// Whose template code the bodies hold.
    pub dialect: Dialect,
    /// Articles and pages, by source path.
    pub documents: Vec<Document>,
    /// Files that are not articles or pages, by why: `without front matter`, `not Markdown`.
    pub skipped: BTreeMap<String, Vec<String>>,
    /// Problems (a file whose front matter or date does not read: nothing is imported
    /// until they are fixed) and warnings, at places in the old site's files.
    pub diagnostics: Vec<Diagnostic>,
    /// The folder of the old site whose files are served from its root: `static` for Hugo
    /// and Zola, the site's own folder (`""`) for Jekyll.
    pub static_dir: String,
    /// The byline the old site gives pieces that name none (its settings' `author`).
    pub site_author: Option<String>,
    /// What the old site knows of its authors beyond their names (Jekyll's
    /// `_data/authors.yml`), by the key its posts name them with.
    pub people: BTreeMap<String, ImportedAuthor>,
    /// The source path of the file a reference names, given the referring document's
    /// source and every document's.
    pub target: fn(Reference, &str, &[&str]) -> Option<String>,
    /// The old site's address, for links written as absolute URLs.
    pub base_url: Option<url::Url>,
}

impl Reading {
    fn new(dialect: Dialect, static_dir: &str) -> Reading {
        Reading {
            dialect,
            documents: Vec::new(),
            skipped: BTreeMap::new(),
            diagnostics: Vec::new(),
            static_dir: static_dir.to_string(),
            site_author: None,
            people: BTreeMap::new(),
            target: |_, _, _| None,
            base_url: None,
        }
    }

    fn skip(&mut self, reason: &str, path: &str) {
        self.skipped
            .entry(reason.to_string())
            .or_default()
            .push(path.to_string());
    }

    /// A problem at a byte offset of the file at `path`, whose text is `text`.
    fn problem(&mut self, path: &str, text: &str, offset: usize, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::at_offset(path, text, offset, message));
    }

    fn warn(&mut self, path: &str, text: &str, offset: usize, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::at_offset(path, text, offset, message).warning());
    }
}

/// A text file to write, by its path relative to the new site's root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// `content/2019/ports-and-power.md`, `content/pages/about.md`.
    pub path: String,
    pub text: String,
    /// The old site's file it comes from.
    pub source: String,
}

/// A file of the old site copied into the new one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    /// Relative to the old site's folder.
    pub from: String,
    /// Relative to the new site's root: `static/…`.
    pub to: String,
}

/// Everything an import writes and says.
#[derive(Debug, Default)]
pub struct Migration {
    pub files: Vec<Planned>,
    pub copies: Vec<Copied>,
    /// Each author named in a byline, by slug, for a profile.
    pub authors: BTreeMap<String, ImportedAuthor>,
    /// At places in the old site's files, by their path relative to its folder. Any error
    /// means nothing may be written.
    pub diagnostics: Vec<Diagnostic>,
    /// Articles that name no author, by source path, when `--author` was not given.
    pub unsigned: Vec<String>,
    pub tally: Tally,
}

/// The counts of an import, for its summary.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub published: usize,
    /// Drafts, by why they are drafts.
    pub drafts: BTreeMap<String, usize>,
    pub pages: usize,
    pub topics: usize,
    pub aliases: usize,
    /// Files not imported, by why, each named.
    pub skipped: BTreeMap<String, Vec<String>>,
    /// Template tags, by what became of them.
    pub tags: BTreeMap<Outcome, usize>,
    /// Front-matter keys left behind, by key, with how many files had them.
    pub keys_left: BTreeMap<String, usize>,
    /// Old URLs that could not become aliases (a page's, one that climbs, one that is taken).
    pub unredirected: usize,
    /// Images a body links to that the old site does not have.
    pub missing_images: usize,
    /// Lead images left out: without a description, or at an address broadsheet refuses.
    pub lead_images_left: usize,
}

/// Whether a path names a Markdown file, by the extensions Jekyll, Hugo and Zola read as
/// Markdown.
pub fn is_markdown(path: &str) -> bool {
    let ext = path
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    matches!(ext.as_str(), "md" | "markdown" | "mdown" | "mkdn" | "mkd")
}

/// Whether a path names an HTML file.
fn is_html(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".html") || lower.ends_with(".htm")
}

/// Reads a date as the old generators write them, in the old site's time zone when it
/// names no offset: broadsheet's forms, and a year-month-day with one-digit parts
/// (`2019-3-4`, as Jekyll's file names allow).
fn parse_date(text: &str, tz: &TimeZone) -> Result<Parsed, crate::dates::DateError> {
    crate::dates::parse(&pad_iso(text.trim()), tz)
}

/// `2019-3-4 9:00` → `2019-03-04 9:00`: pads the month and day of an ISO date.
fn pad_iso(text: &str) -> String {
    let mut parts = text.splitn(3, '-');
    let (Some(year), Some(month), Some(rest)) = (parts.next(), parts.next(), parts.next()) else {
        return text.to_string();
    };
    let day_len = rest.bytes().take_while(u8::is_ascii_digit).count();
    let digits = |s: &str, range: std::ops::RangeInclusive<usize>| {
        range.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(year, 4..=4) || !digits(month, 1..=2) || !(1..=2).contains(&day_len) {
        return text.to_string();
    }
    format!(
        "{year}-{month:0>2}-{:0>2}{}",
        &rest[..day_len],
        &rest[day_len..]
    )
}

/// `YYYY-M-D-rest` → (`YYYY-M-D`, `rest`): a file name that starts with its date, as
/// Jekyll's `_posts/` names go (a month and day of one or two digits) and as Hugo's
/// `:filename` dates read them.
fn dated_name(stem: &str) -> Option<(&str, &str)> {
    let mut parts = stem.splitn(4, '-');
    let (year, month, day, rest) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, min: usize, max: usize| {
        (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    (digits(year, 4, 4) && digits(month, 1, 2) && digits(day, 1, 2))
        .then(|| (&stem[..year.len() + month.len() + day.len() + 2], rest))
}

/// A title made from a file name, as Jekyll makes one: `ports-and-power` → `Ports And Power`.
fn titleize(slug: &str) -> String {
    slug.split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// The byline names a front-matter value gives: a name, a list of names, or tables with a
/// `name` (or `display_name`).
fn bylines(value: &serde_json::Value) -> Vec<String> {
    let one = |v: &serde_json::Value| match v {
        serde_json::Value::Object(map) => map
            .get("name")
            .or_else(|| map.get("display_name"))
            .and_then(front::text),
        other => front::text(other),
    };
    match value {
        serde_json::Value::Array(items) => items.iter().filter_map(one).collect(),
        other => one(other).into_iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_name_dates_are_padded() {
        assert_eq!(pad_iso("2019-3-4"), "2019-03-04");
        assert_eq!(pad_iso("2019-03-4 9:00"), "2019-03-04 9:00");
        assert_eq!(pad_iso("March 4, 2019"), "March 4, 2019");
        assert_eq!(pad_iso("2019-123-4"), "2019-123-4");
    }

    #[test]
    fn titles_from_file_names() {
        assert_eq!(titleize("ports-and-POWER"), "Ports And Power");
        assert_eq!(titleize("a__b"), "A B");
    }

    #[test]
    fn bylines_in_every_shape() {
        use serde_json::json;
        assert_eq!(bylines(&json!("Jane Doe")), ["Jane Doe"]);
        assert_eq!(bylines(&json!(["A", {"name": "B"}])), ["A", "B"]);
        assert_eq!(bylines(&json!({"name": "C", "email": "c@x"})), ["C"]);
        assert!(bylines(&json!(null)).is_empty());
    }
}
