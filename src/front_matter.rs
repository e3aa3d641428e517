//! Splits the `+++` (TOML) or `---` (YAML) block off a Markdown file and reads it into
//! `ArticleMeta` or `AuthorMeta`: exactly what the author wrote, type-checked, each value
//! with its byte offset so later stages can point at it.
//!
//! Every key is checked. An unknown key is an error with a suggestion; all the problems of
//! a file are reported together. What the values mean (is this date real? whose slug is
//! this?) is decided later, in `model`.

use std::path::Path;

use serde_json::Value;

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::safe_url;
use crate::table::{self, Entry, Format};

/// The keys an article's front matter may hold.
pub const ARTICLE_KEYS: &[&str] = &[
    "title",
    "date",
    "author",
    "authors",
    "affiliation",
    "tags",
    "summary",
    "slug",
    "draft",
    "updated",
    "toc",
    "original",
    "corrections",
    "aliases",
    "series",
    "series_part",
    "image",
    "image_alt",
    "image_credit",
];

/// Keys that mean nothing without another: (key, the key it needs, how to mend it). An
/// `image` also needs its `image_alt`: without a description, the lead image and the share
/// image leave out every reader who cannot see them.
const NEEDS: &[(&str, &str, &str)] = &[
    (
        "series_part",
        "series",
        "add `series`, or remove `series_part`",
    ),
    ("image_alt", "image", "add `image`, or remove `image_alt`"),
    (
        "image_credit",
        "image",
        "add `image`, or remove `image_credit`",
    ),
    (
        "image",
        "image_alt",
        "describe what the image shows in `image_alt = \"…\"`, for readers who cannot see it",
    ),
];

/// The keys of an article's `[original]` table (issue 12).
pub const ORIGINAL_KEYS: &[&str] = &["url", "publication", "date"];

/// The keys of each `[[corrections]]` table (issue 12).
pub const CORRECTION_KEYS: &[&str] = &["date", "text"];

/// The keys a standalone page's front matter may hold (issue 12).
pub const PAGE_KEYS: &[&str] = &["title", "summary", "slug", "nav", "weight", "aliases"];

/// The keys an author profile's front matter may hold.
pub const PROFILE_KEYS: &[&str] = &["name", "role", "affiliation", "photo", "links", "sort_name"];

/// A value as written, with the byte offset (into the whole file) where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Field<T> {
    pub value: T,
    pub offset: usize,
}

/// One name in a byline, as written: a string, or a `{ name, affiliation }` table.
#[derive(Debug, Clone, PartialEq)]
pub struct BylineMeta {
    pub name: String,
    pub affiliation: Option<String>,
    /// Where the name itself is written (the byline's `Field` points at the whole value).
    pub name_offset: usize,
}

/// Where each key of a front matter block is written: byte offsets into the whole file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyPlaces(Vec<(String, usize)>);

impl KeyPlaces {
    /// The offset of `key`, if the block has it.
    pub fn of(&self, key: &str) -> Option<usize> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|&(_, offset)| offset)
    }
}

/// An article's front matter as written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleMeta {
    pub title: Option<Field<String>>,
    pub date: Option<Field<String>>,
    pub authors: Vec<Field<BylineMeta>>,
    pub affiliation: Option<Field<String>>,
    pub tags: Vec<Field<String>>,
    pub summary: Option<Field<String>>,
    pub slug: Option<Field<String>>,
    pub draft: bool,
    pub updated: Option<Field<String>>,
    /// `toc = false` turns the table of contents off.
    pub toc: Option<bool>,
    /// Where the piece first ran, when it is republished.
    pub original: Option<OriginalMeta>,
    /// Corrections, in the order written.
    pub corrections: Vec<CorrectionMeta>,
    /// Old URLs of the piece, as written, each with where it is written (issue 12).
    pub aliases: Vec<Field<String>>,
    /// The series the piece is a part of, by name (issue 13).
    pub series: Option<Field<String>>,
    /// Its place in the series, when not its date's.
    pub series_part: Option<Field<u32>>,
    /// The lead and share image: a site path or a web address; its offset is the URL's
    /// own, inside its quotes.
    pub image: Option<Field<String>>,
    /// What the image shows, for readers who cannot see it.
    pub image_alt: Option<Field<String>>,
    /// Who made the image, printed under it.
    pub image_credit: Option<Field<String>>,
    /// Every key of the block, and where it is written.
    pub keys: KeyPlaces,
}

/// `[original]` as written: the piece first ran elsewhere.
#[derive(Debug, Clone, PartialEq)]
pub struct OriginalMeta {
    /// Checked to be an absolute http(s) URL.
    pub url: Field<String>,
    pub publication: Option<Field<String>>,
    pub date: Option<Field<String>>,
}

/// One `[[corrections]]` table as written.
#[derive(Debug, Clone, PartialEq)]
pub struct CorrectionMeta {
    pub date: Field<String>,
    /// Inline Markdown.
    pub text: Field<String>,
}

/// A standalone page's front matter as written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    pub title: Option<Field<String>>,
    pub summary: Option<Field<String>>,
    pub slug: Option<Field<String>>,
    /// Listed in the header navigation.
    pub nav: bool,
    /// Orders pages, lightest first; 0 when not written.
    pub weight: i64,
    /// Old URLs of the page, as written, each with where it is written.
    pub aliases: Vec<Field<String>>,
}

/// An author profile's front matter as written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuthorMeta {
    pub name: Option<Field<String>>,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub photo: Option<Field<String>>,
    /// Label → URL, by label; each offset is where its URL is written.
    pub links: Vec<(String, Field<String>)>,
    pub sort_name: Option<String>,
}

/// A file split into its front matter block and its Markdown body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    pub format: Format,
    pub block: &'a str,
    /// Offset of `block` in the file.
    pub block_offset: usize,
    pub body: &'a str,
    /// Offset of `body` in the file.
    pub body_offset: usize,
}

/// Splits `text` into front matter and body.
///
/// The file must open with a `+++` or `---` line and close the block with the same line;
/// otherwise the error says so, at line 1. Windows line endings are accepted.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let fence = text[..first_line_end].trim_end();
    let format = match fence {
        "+++" => Format::Toml,
        "---" => Format::Yaml,
        _ if text.trim().is_empty() => {
            return Err(Diagnostic::error(path, 1, 1, "file is empty").with_hint(
                "an article starts with front matter between `+++` lines: title, date and author",
            ));
        }
        _ => {
            return Err(Diagnostic::error(path, 1, 1, "missing front matter").with_hint("start the file with a `+++` line, then `title = \"…\"`, `date = …` and `author = \"…\"`, then another `+++` line"));
        }
    };
    let mut offset = first_line_end;
    for line in text[first_line_end..].split_inclusive('\n') {
        if line.trim_end() == fence {
            let body_offset = offset + line.len();
            return Ok(Split {
                format,
                block: &text[first_line_end..offset],
                block_offset: first_line_end,
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        path,
        1,
        1,
        format!("front matter opened with `{fence}` is never closed"),
    )
    .with_hint(format!(
        "add a line holding only `{fence}` after the last key"
    )))
}

/// Reads an article's front matter. Returns the meta and the split, or every problem found.
pub fn parse_article<'a>(
    path: &Path,
    text: &'a str,
) -> Result<(ArticleMeta, Split<'a>), Vec<Diagnostic>> {
    let split = split(path, text).map_err(|d| vec![d])?;
    let entries = parse_block(path, text, &split)?;
    let mut meta = ArticleMeta::default();
    let mut problems = Vec::new();
    let mut author_key: Option<&str> = None;
    meta.keys = KeyPlaces(
        entries
            .iter()
            .map(|e| (e.key.clone(), split.block_offset + e.key_offset))
            .collect(),
    );
    for entry in &entries {
        let reader = Reader::new(path, text, &split, entry);
        match entry.key.as_str() {
            "title" => meta.title = reader.non_empty_string(&mut problems),
            "date" => meta.date = reader.non_empty_string(&mut problems),
            "updated" => meta.updated = reader.non_empty_string(&mut problems),
            "summary" => meta.summary = reader.non_empty_string(&mut problems),
            "slug" => meta.slug = reader.non_empty_string(&mut problems),
            "affiliation" => meta.affiliation = reader.non_empty_string(&mut problems),
            "draft" => meta.draft = reader.boolean(&mut problems),
            "toc" => meta.toc = Some(reader.boolean(&mut problems)),
            "series" => meta.series = reader.non_empty_string(&mut problems),
            "series_part" => meta.series_part = reader.part_number(&mut problems),
            "image" => meta.image = reader.url(safe_url::check_image, &mut problems),
            "image_alt" => meta.image_alt = reader.non_empty_string(&mut problems),
            "image_credit" => meta.image_credit = reader.non_empty_string(&mut problems),
            "tags" => meta.tags = reader.string_list(&mut problems),
            "original" => meta.original = reader.original(&mut problems),
            "corrections" => meta.corrections = reader.corrections(&mut problems),
            "aliases" => meta.aliases = reader.placed_list(&mut problems),
            key @ ("author" | "authors") => {
                if let Some(previous) = author_key {
                    problems.push(
                        reader
                            .key_error(format!("both `{previous}` and `{key}` are given"))
                            .with_hint("keep one: `author` for one name, `authors` for a list"),
                    );
                    continue;
                }
                author_key = Some(key);
                meta.authors = reader.bylines(&mut problems);
            }
            unknown => problems.push(unknown_key(&reader, unknown, ARTICLE_KEYS)),
        }
    }
    for (key, needed, hint) in NEEDS {
        let needs = entries.iter().find(|e| e.key == *key);
        if let Some(entry) = needs.filter(|_| !entries.iter().any(|e| e.key == *needed)) {
            let reader = Reader::new(path, text, &split, entry);
            problems.push(
                reader
                    .key_error(format!("`{key}` is given without `{needed}`"))
                    .with_hint(*hint),
            );
        }
    }
    // A misspelt key (`titel`) already says what is missing; saying it twice is noise.
    let misspelt: Vec<&str> = entries
        .iter()
        .filter(|e| !ARTICLE_KEYS.contains(&e.key.as_str()))
        .filter_map(|e| did_you_mean(&e.key, ARTICLE_KEYS))
        .collect();
    let yaml = split.format == Format::Yaml;
    for (missing, present, toml_example, yaml_example) in [
        (
            "title",
            meta.title.is_some(),
            "title = \"…\"",
            "title: \"…\"",
        ),
        (
            "date",
            meta.date.is_some(),
            "date = 2025-08-16T08:00:00-04:00",
            "date: \"2025-08-16T08:00:00-04:00\"",
        ),
        (
            "author",
            author_key.is_some(),
            "author = \"Jane Doe\"",
            "author: Jane Doe",
        ),
    ] {
        let written = entries
            .iter()
            .any(|e| e.key == missing || (missing == "author" && e.key == "authors"));
        let suggested = misspelt
            .iter()
            .any(|s| *s == missing || (missing == "author" && *s == "authors"));
        if !present && !written && !suggested {
            let example = if yaml { yaml_example } else { toml_example };
            problems.push(
                Diagnostic::error(path, 1, 1, format!("missing `{missing}` in front matter"))
                    .with_hint(format!("add a line such as `{example}`")),
            );
        }
    }
    if problems.is_empty() {
        Ok((meta, split))
    } else {
        Err(problems)
    }
}

/// Reads a standalone page's front matter. Returns the meta and the split, or every problem.
pub fn parse_page<'a>(
    path: &Path,
    text: &'a str,
) -> Result<(PageMeta, Split<'a>), Vec<Diagnostic>> {
    let split = split(path, text).map_err(|d| vec![d])?;
    let entries = parse_block(path, text, &split)?;
    let mut meta = PageMeta::default();
    let mut problems = Vec::new();
    for entry in &entries {
        let reader = Reader::new(path, text, &split, entry);
        match entry.key.as_str() {
            "title" => meta.title = reader.non_empty_string(&mut problems),
            "summary" => meta.summary = reader.non_empty_string(&mut problems),
            "slug" => meta.slug = reader.non_empty_string(&mut problems),
            "nav" => meta.nav = reader.boolean(&mut problems),
            "aliases" => meta.aliases = reader.placed_list(&mut problems),
            "weight" => match entry.value.as_i64() {
                Some(weight) => meta.weight = weight,
                None => problems.push(reader.error(format!(
                    "`weight` must be a whole number, found {}",
                    table::type_name(&entry.value)
                ))),
            },
            unknown => problems.push(unknown_key(&reader, unknown, PAGE_KEYS)),
        }
    }
    let written = |key: &str| entries.iter().any(|e| e.key == key);
    let misspelt = entries
        .iter()
        .filter(|e| !PAGE_KEYS.contains(&e.key.as_str()))
        .any(|e| did_you_mean(&e.key, PAGE_KEYS) == Some("title"));
    if !written("title") && !misspelt {
        let example = match split.format {
            Format::Toml => "title = \"About us\"",
            Format::Yaml => "title: About us",
        };
        problems.push(
            Diagnostic::error(path, 1, 1, "missing `title` in the page's front matter")
                .with_hint(format!("add a line such as `{example}`")),
        );
    }
    if problems.is_empty() {
        Ok((meta, split))
    } else {
        Err(problems)
    }
}

/// Reads an author profile's front matter. Returns the meta and the split, or every problem.
pub fn parse_profile<'a>(
    path: &Path,
    text: &'a str,
) -> Result<(AuthorMeta, Split<'a>), Vec<Diagnostic>> {
    let split = split(path, text).map_err(|d| vec![d])?;
    let entries = parse_block(path, text, &split)?;
    let mut meta = AuthorMeta::default();
    let mut problems = Vec::new();
    for entry in &entries {
        let reader = Reader::new(path, text, &split, entry);
        match entry.key.as_str() {
            "name" => meta.name = reader.non_empty_string(&mut problems),
            "role" => meta.role = reader.non_empty_string(&mut problems).map(|f| f.value),
            "affiliation" => {
                meta.affiliation = reader.non_empty_string(&mut problems).map(|f| f.value)
            }
            "sort_name" => meta.sort_name = reader.non_empty_string(&mut problems).map(|f| f.value),
            // At the URL itself, inside its quotes, like each of `links`.
            "photo" => meta.photo = reader.url(safe_url::check_site_wide, &mut problems),
            "links" => meta.links = reader.links(&mut problems),
            unknown => problems.push(unknown_key(&reader, unknown, PROFILE_KEYS)),
        }
    }
    if meta.name.is_none() && !entries.iter().any(|e| e.key == "name") {
        problems.push(
            Diagnostic::error(path, 1, 1, "missing `name` in author profile")
                .with_hint("add a line such as `name = \"Jane Doe\"`"),
        );
    }
    if problems.is_empty() {
        Ok((meta, split))
    } else {
        Err(problems)
    }
}

fn parse_block(path: &Path, text: &str, split: &Split) -> Result<Vec<Entry>, Vec<Diagnostic>> {
    table::parse(split.block, split.format).map_err(|e| {
        vec![Diagnostic::at_offset(
            path,
            text,
            split.block_offset + e.offset,
            e.message,
        )]
    })
}

fn unknown_key(reader: &Reader, key: &str, known: &[&str]) -> Diagnostic {
    let d = reader.key_error(format!("unknown key `{key}`"));
    match did_you_mean(key, known) {
        Some(suggestion) => d.with_hint(format!("did you mean `{suggestion}`?")),
        None => d.with_hint(format!("known keys: {}", known.join(", "))),
    }
}

/// Reads one entry's value into the types front matter uses.
struct Reader<'a> {
    path: &'a Path,
    text: &'a str,
    entry: &'a Entry,
    /// Where the block starts and ends in the file.
    base: usize,
    end: usize,
}

impl<'a> Reader<'a> {
    fn new(path: &'a Path, text: &'a str, split: &Split, entry: &'a Entry) -> Self {
        Reader {
            path,
            text,
            entry,
            base: split.block_offset,
            end: split.block_offset + split.block.len(),
        }
    }

    /// Where an item of this entry's value (a name in a list, a URL in a table) is written:
    /// the first place its text appears at or after `from`, within the block. Neither the
    /// TOML nor the YAML parser reports positions inside a value; a value written with
    /// escapes is not found, and gets the offset of the whole value.
    fn item_offset(&self, written: &str, from: usize) -> usize {
        let value = self.base + self.entry.value_offset;
        let start = from.max(value);
        self.text
            .get(start..self.end)
            .and_then(|rest| rest.find(written))
            .map_or(value, |i| start + i)
    }

    fn error(&self, message: String) -> Diagnostic {
        Diagnostic::at_offset(
            self.path,
            self.text,
            self.base + self.entry.value_offset,
            message,
        )
    }

    fn key_error(&self, message: String) -> Diagnostic {
        Diagnostic::at_offset(
            self.path,
            self.text,
            self.base + self.entry.key_offset,
            message,
        )
    }

    fn field<T>(&self, value: T) -> Field<T> {
        Field {
            value,
            offset: self.base + self.entry.value_offset,
        }
    }

    fn error_at(&self, offset: usize, message: String) -> Diagnostic {
        Diagnostic::at_offset(self.path, self.text, offset, message)
    }

    /// The fields `known` of a table written as this entry's value (or as one item of it),
    /// each a non-empty string with where it is written, searched for from `cursor`, which
    /// moves past the table. Unknown keys, and values that are not strings, are problems;
    /// `what` names the table in messages (`[original]`, `a correction`).
    fn fields(
        &self,
        map: &serde_json::Map<String, Value>,
        what: &str,
        known: &[&str],
        cursor: &mut usize,
        problems: &mut Vec<Diagnostic>,
    ) -> Vec<(String, Field<String>)> {
        // Keys come back sorted, not in the order written: each value is searched for
        // from where the table starts, which is where its first value is written.
        let start = *cursor;
        let mut end = start;
        let mut out = Vec::new();
        for (key, value) in map {
            let key_at = self.item_offset(key, start);
            if !known.contains(&key.as_str()) {
                let hint = did_you_mean(key, known)
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| format!("its keys are {}", known.join(", ")));
                problems.push(
                    self.error_at(key_at, format!("unknown key `{key}` in {what}"))
                        .with_hint(hint),
                );
                continue;
            }
            match value {
                Value::String(s) if s.trim().is_empty() => {
                    problems.push(self.error_at(key_at, format!("`{key}` of {what} is empty")))
                }
                Value::String(s) if s.contains('\0') => problems.push(self.error_at(
                    key_at,
                    format!("`{key}` of {what} contains a NUL character"),
                )),
                Value::String(s) => {
                    let offset = self.item_offset(s, key_at);
                    end = end.max(offset + s.len());
                    out.push((
                        key.clone(),
                        Field {
                            value: s.trim().to_string(),
                            offset,
                        },
                    ));
                }
                other => problems.push(self.error_at(
                    key_at,
                    format!(
                        "`{key}` of {what} must be a string, found {}",
                        table::type_name(other)
                    ),
                )),
            }
        }
        *cursor = end;
        out
    }

    /// `[original]`: `url` (required, absolute http or https), `publication`, `date`.
    fn original(&self, problems: &mut Vec<Diagnostic>) -> Option<OriginalMeta> {
        let Value::Object(map) = &self.entry.value else {
            problems.push(self.error(format!(
                "`original` must be a table (`[original]` with `url`, `publication` and `date`), found {}",
                table::type_name(&self.entry.value)
            )));
            return None;
        };
        let mut cursor = 0;
        let mut fields = self.fields(map, "[original]", ORIGINAL_KEYS, &mut cursor, problems);
        let mut take = |key: &str| {
            let at = fields.iter().position(|(k, _)| k == key)?;
            Some(fields.swap_remove(at).1)
        };
        let (url, publication, date) = (take("url"), take("publication"), take("date"));
        let Some(url) = url else {
            if !map.contains_key("url") {
                problems.push(
                    self.key_error("`[original]` has no `url`".into())
                        .with_hint(
                            "add `url = \"https://…\"`: the address where the piece first ran",
                        ),
                );
            }
            return None;
        };
        if let Err(message) = safe_url::check_web(&url.value) {
            problems.push(self.error_at(url.offset, format!("`url` of [original]: {message}")));
            return None;
        }
        Some(OriginalMeta {
            url,
            publication,
            date,
        })
    }

    /// `[[corrections]]`: a list of tables, each with `date` and `text`, both required.
    fn corrections(&self, problems: &mut Vec<Diagnostic>) -> Vec<CorrectionMeta> {
        let items = match &self.entry.value {
            Value::Array(items) => items.as_slice(),
            single @ Value::Object(_) => std::slice::from_ref(single),
            other => {
                problems.push(self.error(format!(
                    "`corrections` must be a list of tables (`[[corrections]]` with `date` and `text`), found {}",
                    table::type_name(other)
                )));
                return Vec::new();
            }
        };
        let mut cursor = 0;
        let mut out = Vec::new();
        for item in items {
            let Value::Object(map) = item else {
                problems.push(self.error(format!(
                    "each correction must be a table with `date` and `text`, found {}",
                    table::type_name(item)
                )));
                continue;
            };
            let from = cursor;
            let mut fields =
                self.fields(map, "a correction", CORRECTION_KEYS, &mut cursor, problems);
            let mut take = |key: &str| {
                let at = fields.iter().position(|(k, _)| k == key)?;
                Some(fields.swap_remove(at).1)
            };
            match (take("date"), take("text")) {
                (Some(date), Some(text)) => out.push(CorrectionMeta { date, text }),
                (date, text) => {
                    for (key, field) in [("date", &date), ("text", &text)] {
                        if field.is_none() && !map.contains_key(key) {
                            let at = date.as_ref().or(text.as_ref()).map_or_else(
                                || self.item_offset("corrections", from),
                                |f| f.offset,
                            );
                            problems.push(self.error_at(at, format!("a correction has no `{key}`")).with_hint(
                                "each correction needs `date` (when it was made) and `text` (what was wrong)",
                            ));
                        }
                    }
                }
            }
        }
        out
    }

    fn boolean(&self, problems: &mut Vec<Diagnostic>) -> bool {
        match self.entry.value {
            Value::Bool(b) => b,
            ref other => {
                problems.push(self.error(format!(
                    "`{}` must be true or false, found {}",
                    self.entry.key,
                    table::type_name(other)
                )));
                false
            }
        }
    }

    /// A URL string that `check` (one of `safe_url`'s rules) accepts, with the offset of the
    /// URL itself.
    fn url(
        &self,
        check: fn(&str) -> Result<(), String>,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Field<String>> {
        let url = self.non_empty_string(problems)?;
        match check(&url.value) {
            Ok(()) => Some(Field {
                offset: self.item_offset(&url.value, 0),
                value: url.value,
            }),
            Err(message) => {
                problems.push(self.error(format!("`{}` {message}", self.entry.key)));
                None
            }
        }
    }

    /// A place in a sequence: a whole number from 1 up.
    fn part_number(&self, problems: &mut Vec<Diagnostic>) -> Option<Field<u32>> {
        let number = self
            .entry
            .value
            .as_u64()
            .and_then(|n| u32::try_from(n).ok());
        match number.filter(|&n| n >= 1) {
            Some(n) => Some(self.field(n)),
            None => {
                let found = match &self.entry.value {
                    Value::Number(n) => n.to_string(),
                    other => table::type_name(other).to_string(),
                };
                problems.push(self.error(format!(
                    "`{}` must be a whole number from 1 up, found {found}",
                    self.entry.key
                )));
                None
            }
        }
    }

    fn non_empty_string(&self, problems: &mut Vec<Diagnostic>) -> Option<Field<String>> {
        let key = &self.entry.key;
        match &self.entry.value {
            Value::String(s) if s.trim().is_empty() => {
                problems.push(self.error(format!("`{key}` is empty")));
                None
            }
            Value::String(s) if s.contains('\0') => {
                problems.push(self.error(format!("`{key}` contains a NUL character")));
                None
            }
            Value::String(s) => Some(self.field(s.trim().to_string())),
            other => {
                problems.push(self.error(format!(
                    "`{key}` must be a string, found {}",
                    table::type_name(other)
                )));
                None
            }
        }
    }

    fn string_list(&self, problems: &mut Vec<Diagnostic>) -> Vec<Field<String>> {
        let key = &self.entry.key;
        let items = match &self.entry.value {
            Value::Array(items) => items.as_slice(),
            // A single topic written without brackets is forgiven.
            Value::String(_) => std::slice::from_ref(&self.entry.value),
            other => {
                problems.push(self.error(format!(
                    "`{key}` must be a list of strings, found {}",
                    table::type_name(other)
                )));
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for item in items {
            match item {
                Value::String(s) if !s.trim().is_empty() && !s.contains('\0') => {
                    out.push(self.field(s.trim().to_string()))
                }
                Value::String(_) => {
                    problems.push(self.error(format!("`{key}` holds an empty name")))
                }
                other => problems.push(self.error(format!(
                    "`{key}` must be a list of strings, found {} in it",
                    table::type_name(other)
                ))),
            }
        }
        out
    }

    /// A list of strings, each with where it is itself written (not the list's offset), so
    /// a message about one item points at it. A single string is a list of one.
    fn placed_list(&self, problems: &mut Vec<Diagnostic>) -> Vec<Field<String>> {
        let key = &self.entry.key;
        let items = match &self.entry.value {
            Value::Array(items) => items.as_slice(),
            Value::String(_) => std::slice::from_ref(&self.entry.value),
            other => {
                problems.push(self.error(format!(
                    "`{key}` must be a list of strings, found {}",
                    table::type_name(other)
                )));
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        let mut cursor = 0;
        for item in items {
            match item {
                Value::String(s) if !s.trim().is_empty() && !s.contains('\0') => {
                    let value = s.trim();
                    let offset = self.item_offset(value, cursor);
                    cursor = offset + value.len();
                    out.push(Field {
                        value: value.to_string(),
                        offset,
                    });
                }
                Value::String(_) => {
                    problems.push(self.error(format!("`{key}` holds an empty string")))
                }
                other => problems.push(self.error(format!(
                    "`{key}` must be a list of strings, found {} in it",
                    table::type_name(other)
                ))),
            }
        }
        out
    }

    fn bylines(&self, problems: &mut Vec<Diagnostic>) -> Vec<Field<BylineMeta>> {
        let key = &self.entry.key;
        let items = match &self.entry.value {
            Value::Array(items) if items.is_empty() => {
                problems.push(self.error(format!("`{key}` is an empty list")));
                return Vec::new();
            }
            Value::Array(items) => items.as_slice(),
            single @ (Value::String(_) | Value::Object(_)) => std::slice::from_ref(single),
            other => {
                problems.push(self.error(format!("`{key}` must be a name, or a list of names or `{{ name, affiliation }}` tables, found {}", table::type_name(other))));
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        let mut cursor = 0;
        for item in items {
            match byline(item) {
                Ok(mut b) => {
                    b.name_offset = self.item_offset(&b.name, cursor);
                    cursor = b.name_offset + b.name.len();
                    out.push(self.field(b));
                }
                Err(message) => problems.push(self.error(format!("`{key}`: {message}"))),
            }
        }
        out
    }

    fn links(&self, problems: &mut Vec<Diagnostic>) -> Vec<(String, Field<String>)> {
        let Value::Object(map) = &self.entry.value else {
            problems.push(self.error(format!(
                "`links` must be a table of label = URL, found {}",
                table::type_name(&self.entry.value)
            )));
            return Vec::new();
        };
        let mut out = Vec::new();
        for (label, url) in map {
            match url.as_str().map(|u| (u, safe_url::check_site_wide(u))) {
                Some((u, Ok(()))) => {
                    let url = u.trim().to_string();
                    let offset = self.item_offset(&url, self.item_offset(label, 0));
                    out.push((label.clone(), Field { value: url, offset }));
                }
                Some((_, Err(message))) => {
                    problems.push(self.error(format!("link `{label}`: {message}")))
                }
                None => problems.push(self.error(format!(
                    "link `{label}` must be a URL string, found {}",
                    table::type_name(url)
                ))),
            }
        }
        out
    }
}

fn byline(item: &Value) -> Result<BylineMeta, String> {
    let clean = |s: &str, what: &str| -> Result<String, String> {
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.contains('\0') {
            Err(format!("{what} contains a NUL character"))
        } else if s.is_empty() {
            Err(format!("{what} is empty"))
        } else {
            Ok(s)
        }
    };
    match item {
        Value::String(name) => Ok(BylineMeta {
            name: clean(name, "a name")?,
            affiliation: None,
            name_offset: 0,
        }),
        Value::Object(map) => {
            if let Some(unknown) = map.keys().find(|k| *k != "name" && *k != "affiliation") {
                let hint = did_you_mean(unknown, &["name", "affiliation"])
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                return Err(format!("unknown key `{unknown}` in an author table{hint}"));
            }
            let name = map
                .get("name")
                .and_then(Value::as_str)
                .ok_or("an author table needs `name = \"…\"`")?;
            let affiliation = match map.get("affiliation") {
                None => None,
                Some(Value::String(a)) => Some(clean(a, "an affiliation")?),
                Some(other) => {
                    return Err(format!(
                        "`affiliation` must be a string, found {}",
                        table::type_name(other)
                    ));
                }
            };
            Ok(BylineMeta {
                name: clean(name, "a name")?,
                affiliation,
                name_offset: 0,
            })
        }
        other => Err(format!(
            "each author must be a name or a `{{ name, affiliation }}` table, found {}",
            table::type_name(other)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Result<ArticleMeta, Vec<String>> {
        parse_article(Path::new("a.md"), text)
            .map(|(m, _)| m)
            .map_err(|ds| ds.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn toml_and_yaml_read_alike() {
        let toml = "+++\ntitle = \"Ports\"\ndate = 2025-08-16\nauthor = \"Jane Doe\"\ntags = [\"trade\"]\n+++\nBody\n";
        let yaml =
            "---\ntitle: Ports\ndate: \"2025-08-16\"\nauthor: Jane Doe\ntags: [trade]\n---\nBody\n";
        let crlf = toml.replace('\n', "\r\n");
        for text in [toml, yaml, crlf.as_str()] {
            let meta = article(text).unwrap();
            assert_eq!(meta.title.unwrap().value, "Ports");
            assert_eq!(meta.date.unwrap().value, "2025-08-16");
            assert_eq!(meta.authors[0].value.name, "Jane Doe");
            assert_eq!(meta.tags[0].value, "trade");
        }
    }

    #[test]
    fn co_authors_keep_their_affiliations() {
        let meta = article("+++\ntitle = \"T\"\ndate = 2025-08-16\nauthors = [\"A B\", { name = \"C D\", affiliation = \"X\" }]\naffiliation = \"Y\"\n+++\n").unwrap();
        let names: Vec<_> = meta
            .authors
            .iter()
            .map(|a| (a.value.name.as_str(), a.value.affiliation.as_deref()))
            .collect();
        assert_eq!(names, [("A B", None), ("C D", Some("X"))]);
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let errors = article("+++\ntitel = \"T\"\ndate = 5\nauthor = \"A\"\nauthors = [\"B\"]\ndraft = \"yes\"\n+++\n").unwrap_err();
        let expected = [
            "a.md:2:1: unknown key `titel`",
            "a.md:3:8: `date` must be a string, found a number",
            "a.md:5:1: both `author` and `authors` are given",
            "a.md:6:9: `draft` must be true or false, found a string",
        ];
        let mut errors = errors;
        errors.sort();
        assert_eq!(errors.len(), expected.len(), "{errors:#?}");
        for (e, x) in errors.iter().zip(expected) {
            assert!(e.starts_with(x), "{e} does not start with {x}");
        }
        assert!(errors[0].contains("did you mean `title`?"));
    }

    #[test]
    fn missing_keys_are_hinted_in_the_file_s_own_syntax() {
        let errors = article("---\ntitle: T\ndate: \"2025-08-16\"\n---\n").unwrap_err();
        assert_eq!(
            errors,
            [
                "a.md:1:1: missing `author` in front matter\n  = hint: add a line such as `author: Jane Doe`"
            ]
        );
        let errors =
            article("+++\ntitle = \"T\"\ndate = 2025-08-16\nautor = \"A\"\n+++\n").unwrap_err();
        assert_eq!(
            errors.len(),
            1,
            "a misspelt key is not also reported missing: {errors:?}"
        );
    }

    #[test]
    fn broken_blocks_are_errors_at_line_one_or_at_the_fault() {
        for (text, expected) in [
            ("", "a.md:1:1: file is empty"),
            ("Just text\n", "a.md:1:1: missing front matter"),
            (
                "+++\ntitle = \"T\"\n",
                "a.md:1:1: front matter opened with `+++` is never closed",
            ),
            (
                "+++\ntitle = \"T\"\ndate = [\n+++\n",
                "a.md:3:9: invalid TOML",
            ),
            ("---\ntitle: [a\n---\n", "a.md:3:1: invalid YAML"),
        ] {
            let errors = article(text).unwrap_err();
            assert!(
                errors[0].starts_with(expected),
                "{:?} gave {errors:?}",
                text
            );
        }
    }

    /// Issue 7 (hostile input): a NUL in a byline name was reported as an empty name.
    #[test]
    fn nul_in_a_byline_name_is_named_as_such() {
        for (line, expected) in [
            (
                "author = \"A\\u0000B\"",
                "a.md:4:10: `author`: a name contains a NUL character",
            ),
            ("author = \" \"", "a.md:4:10: `author`: a name is empty"),
            (
                "authors = [{ name = \"A\", affiliation = \"\\u0000\" }]",
                "a.md:4:11: `authors`: an affiliation contains a NUL character",
            ),
        ] {
            let errors = article(&format!(
                "+++\ntitle = \"T\"\ndate = 2025-08-16\n{line}\n+++\n"
            ))
            .unwrap_err();
            assert_eq!(errors, [expected], "{line}");
        }
    }

    #[test]
    fn profile_links_must_be_safe() {
        let text = "+++\nname = \"A\"\n[links]\nSite = \"javascript:alert(1)\"\nHome = \"https://a.org\"\n+++\nBio";
        let errors = parse_profile(Path::new("p.md"), text).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("javascript"));
        let fixed = text.replace("javascript:alert(1)", "/about/");
        let (meta, split) = parse_profile(Path::new("p.md"), &fixed).unwrap();
        assert_eq!(meta.links.len(), 2);
        assert_eq!(split.body, "Bio");
    }

    #[test]
    fn keys_names_and_links_keep_where_they_are_written() {
        let text = "+++\ntitle = \"Sam Reyes on ports\"\ndate = 2025-01-02\nauthors = [\"Ana Ruiz\", { name = \"Sam Reyes\" }]\n+++\n";
        let meta = article(text).unwrap();
        let at = |offset: usize| &text[offset..];
        assert!(at(meta.keys.of("title").unwrap()).starts_with("title ="));
        assert!(at(meta.keys.of("authors").unwrap()).starts_with("authors ="));
        assert_eq!(meta.keys.of("summary"), None);
        // The second name is found in the byline, not in the title above it.
        assert!(at(meta.authors[0].value.name_offset).starts_with("Ana Ruiz\", {"));
        assert!(at(meta.authors[1].value.name_offset).starts_with("Sam Reyes\" }"));

        let yaml = "---\nname: A\nlinks:\n  Site: https://a.org/home\n  Home: /about/\n---\n";
        let (meta, _) = parse_profile(Path::new("p.md"), yaml).unwrap();
        for (label, url) in &meta.links {
            assert!(yaml[url.offset..].starts_with(&url.value), "{label}");
        }
    }
}
