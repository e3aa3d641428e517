//! `check`: a link pass and a lint pass over a site built in memory.
//!
//! The link pass reads every generated HTML page and feed as the browser would see it: each
//! `href` and `src` that stays on the site must name a file of the output, and a `#fragment`
//! must name an `id` on its target page. It scans our own generated markup with a small tag
//! reader rather than a full HTML parser: it only has to find attributes inside tags, skip
//! text, comments and script bodies, and decode the few entities our escaping produces.
//!
//! The lint pass looks at the assembled `Site` for what is legal but probably a mistake: an
//! author without a profile, a profile no published article names, a summary that cannot be
//! taken from the body, a piece dated in the future, two pieces with one title, an image
//! without alt text. Lints are warnings; broken links are errors.
//!
//! Everything is pinned to the source file a reader would fix (the article, the profile, or
//! else the template that made the page), at the line where the link or key is written when
//! the source text shows it. Building and reading the disk are left to the caller.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::diagnostic::{Diagnostic, Diagnostics, line_column};
use crate::front_matter;
use crate::model::{Site, url};
use crate::render::{Output, pages};
use crate::source::Sources;

/// A derived summary shorter than this (in characters) is too thin to stand as a dek.
pub const MIN_SUMMARY_CHARS: usize = 40;

/// What a check found.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    /// HTML pages read.
    pub pages: usize,
    /// Links and asset references on the site that were followed.
    pub links: usize,
    /// Broken links (errors) and lints (warnings), sorted by path and line, each once.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// Checks a built site: its links against `output`, and its content for lints. `sources`
/// gives the text of each file so that problems point at a line; `now` decides what counts
/// as the future.
///
/// Never fails: whatever the output holds, the result is a list of diagnostics.
pub fn check(site: &Site, output: &Output, sources: &Sources, now: Timestamp) -> Checked {
    let texts: BTreeMap<&Path, &str> = sources
        .articles
        .iter()
        .chain(&sources.profiles)
        .chain(&sources.templates)
        .map(|f| (f.path.as_path(), f.text.as_str()))
        .collect();
    // A link on many pages is written once: in a profile (a bio, a photo) or a template.
    let shared: Vec<&Path> = sources
        .profiles
        .iter()
        .chain(&sources.templates)
        .map(|f| f.path.as_path())
        .collect();
    let mut found = Diagnostics::new();
    let (pages, links) = check_links(site, output, &texts, &shared, &mut found);
    lint(site, &texts, now, &mut found);
    Checked {
        pages,
        links,
        diagnostics: found.sorted(),
    }
}

// --- Links ---------------------------------------------------------------------------

/// One attribute of a tag: its name (lowercase), its decoded value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute<'a> {
    pub tag: &'a str,
    pub name: String,
    pub value: String,
}

/// Every attribute of every tag in `html`, in document order.
///
/// Text between tags is skipped, so markup shown as text (`&lt;a href=…&gt;`, or a quote
/// that reads `href="x"` in a code block) is never taken for a link. Comments, `<script>`
/// and `<style>` bodies are skipped whole. Bad markup never fails: the reader moves on.
pub fn attributes(html: &str) -> Vec<Attribute<'_>> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(lt) = html[i..].find('<') {
        i += lt + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(html.len(), |end| i + end + 3);
            continue;
        }
        let name_start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
            i += 1;
        }
        if i == name_start || !bytes[name_start].is_ascii_alphabetic() {
            continue;
        }
        let tag = &html[name_start..i];
        // Attributes up to the closing `>`.
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                i = (i + 1).min(bytes.len());
                break;
            }
            let start = i;
            while i < bytes.len()
                && !bytes[i].is_ascii_whitespace()
                && !matches!(bytes[i], b'=' | b'>' | b'/')
            {
                i += 1;
            }
            if i == start {
                // A stray `=`: step over it.
                i += 1;
                continue;
            }
            let name = html[start..i].to_ascii_lowercase();
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] != b'=' {
                continue;
            }
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let raw = match bytes.get(i) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let open = i + 1;
                    let close = html[open..]
                        .find(quote as char)
                        .map_or(html.len(), |e| open + e);
                    i = (close + 1).min(html.len());
                    &html[open..close]
                }
                _ => {
                    let open = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    &html[open..i]
                }
            };
            out.push(Attribute {
                tag,
                name,
                value: decode_entities(raw).into_owned(),
            });
        }
        if tag.eq_ignore_ascii_case("script") || tag.eq_ignore_ascii_case("style") {
            i = closing_tag(html, i, tag);
        }
    }
    out
}

/// Where `</tag` (in any case) next starts at or after `from`, or the end of `html`.
fn closing_tag(html: &str, from: usize, tag: &str) -> usize {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(found) = html[at..].find("</") {
        let start = at + found;
        let name = start + 2;
        if bytes
            .get(name..name + tag.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(tag.as_bytes()))
        {
            return start;
        }
        at = name;
    }
    html.len()
}

/// Decodes the character references an attribute value may hold; unknown ones stay as
/// written.
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|&semi| semi <= 10).and_then(|semi| {
            let name = &rest[1..semi];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Where an on-site link leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Leaves the site: another host or scheme (`mailto:`, `https://elsewhere`).
    External,
    /// A file of the output (relative path, percent-decoded), and the fragment if any.
    Internal {
        path: String,
        fragment: Option<String>,
    },
    /// Stays on the site's host but cannot be on the site: above the root, or outside the
    /// base URL's path. The string says why.
    Outside(String),
}

/// Resolves `href`, found on the page written at output path `from`, against the site at
/// `base_url` (whose path part is `base_path`).
pub fn resolve(from: &str, href: &str, base_url: &str, base_path: &str) -> Target {
    let href = href.trim();
    let on_site = href
        .strip_prefix(base_url)
        .filter(|rest| rest.is_empty() || rest.starts_with(['/', '#', '?']));
    let local: Cow<str> = match on_site {
        // What follows the base URL is relative to the base path.
        Some(rest) => Cow::Owned(format!("{base_path}/{}", rest.trim_start_matches('/'))),
        None => {
            if href.starts_with("//") || has_scheme(href) {
                return Target::External;
            }
            Cow::Borrowed(href)
        }
    };
    let local = local.as_ref();
    let (rest, fragment) = match local.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (local, None),
    };
    let rest = rest.split('?').next().unwrap_or_default();
    let joined = if rest.is_empty() {
        // `#x` or `?q` alone: this very page.
        return Target::Internal {
            path: from.to_string(),
            fragment: fragment.map(decode_percent).filter(|f| !f.is_empty()),
        };
    } else if let Some(absolute) = rest.strip_prefix('/') {
        let path = format!("/{absolute}");
        if base_path.is_empty() {
            absolute.to_string()
        } else if path == base_path {
            String::new()
        } else if let Some(inside) = path.strip_prefix(&format!("{base_path}/")) {
            inside.to_string()
        } else {
            return Target::Outside(format!("it is outside the site's base path {base_path}"));
        }
    } else {
        let folder = &from[..from.rfind('/').map_or(0, |i| i + 1)];
        format!("{folder}{rest}")
    };
    let decoded = decode_percent(&joined);
    let mut parts: Vec<&str> = Vec::new();
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    for (n, part) in segments.into_iter().enumerate() {
        match part {
            ".." => {
                if parts.pop().is_none() {
                    return Target::Outside("it leads above the site's root".into());
                }
                if n == last {
                    parts.push("");
                }
            }
            "." if n == last => parts.push(""),
            "." => {}
            "" if n != last => {}
            p => parts.push(p),
        }
    }
    let path = parts.join("/");
    let path = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path
    };
    Target::Internal {
        path,
        fragment: fragment.map(decode_percent).filter(|f| !f.is_empty()),
    }
}

fn has_scheme(href: &str) -> bool {
    match href.find(':') {
        Some(colon) => {
            let scheme = &href[..colon];
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

fn decode_percent(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// Which attributes of which tags point at another file.
fn is_reference(attribute: &Attribute) -> bool {
    matches!(attribute.name.as_str(), "href" | "src")
}

/// Follows every on-site link of every page and feed; returns (pages, links) checked.
fn check_links(
    site: &Site,
    output: &Output,
    texts: &BTreeMap<&Path, &str>,
    shared: &[&Path],
    found: &mut Diagnostics,
) -> (usize, usize) {
    let base_url = site.config.base_url.as_str();
    let base_path = site.config.base_path();
    let is_page = |path: &str| path.ends_with(".html");
    let is_feed = |path: &str| path.ends_with(".xml");

    let mut ids: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut references: Vec<(&str, Vec<String>)> = Vec::new();
    for (path, bytes) in output {
        if !is_page(path) && !is_feed(path) {
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        let attributes = attributes(&text);
        if is_page(path) {
            ids.insert(
                path,
                attributes
                    .iter()
                    .filter(|a| a.name == "id")
                    .map(|a| a.value.clone())
                    .collect(),
            );
        }
        references.push((
            path,
            attributes
                .into_iter()
                .filter(is_reference)
                .map(|a| a.value)
                .collect(),
        ));
    }

    let sources = page_sources(site);
    let mut links = 0;
    for (from, hrefs) in &references {
        for href in hrefs {
            if href.trim().is_empty() {
                continue;
            }
            let problem = match resolve(from, href, base_url, base_path) {
                Target::External => continue,
                Target::Outside(why) => format!("broken link {href:?}: {why}"),
                Target::Internal { path, fragment } => {
                    links += 1;
                    if !output.contains_key(&path) {
                        let folder = format!("{path}/index.html");
                        if output.contains_key(&folder) {
                            // A server answers `/x` with `/x/`; a page linked without its
                            // trailing slash is still found.
                            continue;
                        }
                        format!("broken link {href:?}: the site has no file {path}")
                    } else {
                        match (fragment, ids.get(path.as_str())) {
                            (Some(fragment), Some(page_ids)) if !page_ids.contains(&fragment) => {
                                format!(
                                    "broken link {href:?}: no element with id {fragment:?} on that page"
                                )
                            }
                            _ => continue,
                        }
                    }
                }
            };
            let page_source = sources.get(*from);
            found.push(locate(href, page_source, shared, texts, problem));
        }
    }
    let pages = output.keys().filter(|p| is_page(p)).count();
    (pages, links)
}

/// The file each page comes from: its article, its author's profile, or its template.
fn page_sources(site: &Site) -> BTreeMap<String, PathBuf> {
    pages::jobs(site)
        .iter()
        .map(|job| (url::output_path(&job.url(site)), job.source(site)))
        .collect()
}

/// Pins a broken link to where it is written: the page's own source when the link is in its
/// text, else a profile or template of the site that holds it (a bio or a header shown on
/// many pages), else the page's source at line 1. The built-in theme's own links are
/// checked by the test suite, so a link in no file at all is rare: one made by a template
/// from parts.
fn locate(
    href: &str,
    page_source: Option<&PathBuf>,
    shared: &[&Path],
    texts: &BTreeMap<&Path, &str>,
    message: String,
) -> Diagnostic {
    let decoded = decode_percent(href);
    let find = |path: &Path| {
        let text = texts.get(path)?;
        let offset = written_at(text, href).or_else(|| written_at(text, &decoded))?;
        Some(Diagnostic::at_offset(path, text, offset, message.clone()))
    };
    page_source
        .and_then(|p| find(p))
        .or_else(|| shared.iter().find_map(|p| find(p)))
        .unwrap_or_else(|| {
            let path = page_source
                .cloned()
                .unwrap_or_else(|| PathBuf::from("templates"));
            Diagnostic::error(path, 1, 1, message)
        })
}

/// Where `url` is written in a source text: as a Markdown link or image destination, a
/// reference definition, an autolink or a quoted front matter value, before anywhere else
/// (`/authors/` is also part of `https://x.org/notes/authors/`).
fn written_at(text: &str, url: &str) -> Option<usize> {
    if url.is_empty() {
        return None;
    }
    for (before, after) in [("](", ""), ("]: ", ""), ("<", ">"), ("\"", "\"")] {
        let pattern = format!("{before}{url}{after}");
        if let Some(at) = text.find(&pattern) {
            return Some(at + before.len());
        }
    }
    text.find(url)
}

// --- Lints ---------------------------------------------------------------------------

fn lint(site: &Site, texts: &BTreeMap<&Path, &str>, now: Timestamp, found: &mut Diagnostics) {
    let text_of = |path: &Path| texts.get(path).copied().unwrap_or_default();

    for author in &site.authors {
        match &author.profile {
            None => {
                // The oldest file naming them, so the warning stays put as pieces are added.
                let Some(path) = author
                    .articles
                    .iter()
                    .map(|&i| site.articles[i].path.as_path())
                    .min()
                else {
                    continue;
                };
                let text = text_of(path);
                found.push(
                    at_front_matter_text(path, text, &author.name)
                        .message(format!("author {:?} has no profile", author.name))
                        .warning()
                        .with_hint(format!(
                            "add content/authors/{}.md with `name = {:?}` and a short bio",
                            author.slug, author.name
                        )),
                );
            }
            Some(profile) if author.articles.is_empty() => found.push(
                Diagnostic::error(
                    profile,
                    1,
                    1,
                    format!(
                        "the profile of {:?} is not named by any published article",
                        author.name
                    ),
                )
                .warning()
                .with_hint(format!(
                    "an article names this author with `author = {:?}`",
                    author.name
                )),
            ),
            Some(_) => {}
        }
    }

    let mut titles: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (index, article) in site.articles.iter().enumerate() {
        let path = article.path.as_path();
        let text = text_of(path);
        titles
            .entry(title_key(&article.title))
            .or_default()
            .push(index);

        if article.summary_derived
            && let Some(problem) = summary_problem(&article.summary, &article.body.html)
        {
            found.push(
                at_body_start(path, text)
                    .message(problem)
                    .warning()
                    .with_hint("write a `summary = \"…\"` in the front matter, or open the piece with a paragraph of prose"),
            );
        }

        if article.date.timestamp() > now {
            found.push(
                at_key(path, text, "date")
                    .message(format!(
                        "dated {}, in the future; it is published at once all the same",
                        crate::render::context::rfc3339(&article.date)
                    ))
                    .warning()
                    .with_hint("set `draft = true` to hold it back until then"),
            );
        }

        for image in &article.body.images_without_alt {
            found.push(
                at_body_text(path, text, &image.url)
                    .message(format!("image {:?} has no alt text", image.url))
                    .warning()
                    .with_hint(format!(
                        "describe it between the brackets for readers who cannot see it: ![A chart of …]({})", image.url
                    )),
            );
        }
    }
    for group in titles.values().filter(|g| g.len() > 1) {
        for &index in group {
            let article = &site.articles[index];
            let others: Vec<String> = group
                .iter()
                .filter(|&&i| i != index)
                .map(|&i| site.articles[i].path.display().to_string())
                .collect();
            found.push(
                at_key(&article.path, text_of(&article.path), "title")
                    .message(format!(
                        "the title {:?} is also the title of {}",
                        article.title,
                        others.join(", ")
                    ))
                    .warning()
                    .with_hint("readers tell pieces apart by title; make each one distinct"),
            );
        }
    }
}

/// Titles compare without regard to case, spacing or punctuation quirks of typing.
fn title_key(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// What is wrong with a summary taken from the body, if anything.
fn summary_problem(summary: &str, body_html: &str) -> Option<String> {
    let opening = body_html.trim_start();
    let first_block = [
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "blockquote",
        "pre",
        "table",
    ]
    .into_iter()
    .find(|tag| {
        opening.starts_with(&format!("<{tag}>")) || opening.starts_with(&format!("<{tag} "))
    });
    let chars = summary.chars().count();
    if summary.trim().is_empty() {
        return Some("no summary: the body has no paragraph to take one from".into());
    }
    if let Some(tag) = first_block {
        let what = match tag {
            "ul" | "ol" => "a list",
            "blockquote" => "a quotation",
            "pre" => "a code block",
            "table" => "a table",
            _ => "a heading",
        };
        return Some(format!(
            "the body opens with {what}, so its summary comes from a later paragraph: {summary:?}"
        ));
    }
    if chars < MIN_SUMMARY_CHARS {
        return Some(format!(
            "the summary taken from the first paragraph is only {chars} characters: {summary:?}"
        ));
    }
    None
}

/// A diagnostic whose message is set once its place is known.
struct Location {
    path: PathBuf,
    line: usize,
    column: usize,
}

impl Location {
    fn message(self, message: String) -> Diagnostic {
        Diagnostic::error(self.path, self.line, self.column, message)
    }
}

fn place(path: &Path, text: &str, offset: Option<usize>) -> Location {
    let (line, column) = offset.map_or((1, 1), |o| line_column(text, o));
    Location {
        path: path.to_path_buf(),
        line,
        column,
    }
}

/// The line of front-matter key `key` (`key =` in TOML, `key:` in YAML).
fn at_key(path: &Path, text: &str, key: &str) -> Location {
    let offset = front_matter::split(path, text).ok().and_then(|split| {
        let mut offset = split.block_offset;
        for line in split.block.split_inclusive('\n') {
            let trimmed = line.trim_start();
            if let Some(rest) = trimmed.strip_prefix(key)
                && rest.trim_start().starts_with(['=', ':'])
            {
                return Some(offset + (line.len() - trimmed.len()));
            }
            offset += line.len();
        }
        None
    });
    place(path, text, offset)
}

/// Where `needle` is first written in the front matter block.
fn at_front_matter_text(path: &Path, text: &str, needle: &str) -> Location {
    let offset = front_matter::split(path, text)
        .ok()
        .and_then(|split| Some(split.block_offset + split.block.find(needle)?));
    place(path, text, offset)
}

/// Where `needle` is first written in the body; for an image with no destination, the
/// first image.
fn at_body_text(path: &Path, text: &str, needle: &str) -> Location {
    let offset = front_matter::split(path, text).ok().and_then(|split| {
        let found = if needle.is_empty() {
            split.body.find("![")
        } else {
            written_at(split.body, needle)
        };
        Some(split.body_offset + found?)
    });
    place(path, text, offset)
}

/// The first written character of the body, or the line after the front matter.
fn at_body_start(path: &Path, text: &str) -> Location {
    let offset = front_matter::split(path, text).ok().map(|split| {
        let skipped = split.body.len() - split.body.trim_start().len();
        if skipped == split.body.len() {
            split.body_offset
        } else {
            split.body_offset + skipped
        }
    });
    place(path, text, offset)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    #[test]
    fn attributes_come_from_tags_only() {
        let html = concat!(
            "<!-- <a href=\"/commented/\"> -->",
            "<p class=x id='intro'>Text with href=\"/text/\" in it</p>",
            "<code>&lt;a href=\"/code/\"&gt;</code>",
            "<script type=\"application/ld+json\">{\"a\":\"<a href='/json/'>\"}</script>",
            "<a href=\"/a/?x=1&amp;y=2\" data-href=\"/data/\">a</a>",
            "<img src=/img.png alt>",
            "<br/><a\nhref = \"/spaced/\">b</a>",
            "<a href=\"/unclosed/",
        );
        let found: Vec<(String, String)> = attributes(html)
            .into_iter()
            .map(|a| (a.name, a.value))
            .collect();
        let expected: Vec<(String, String)> = [
            ("class", "x"),
            ("id", "intro"),
            ("type", "application/ld+json"),
            ("href", "/a/?x=1&y=2"),
            ("data-href", "/data/"),
            ("src", "/img.png"),
            ("href", "/spaced/"),
            ("href", "/unclosed/"),
        ]
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn entities_decode() {
        for (text, expected) in [
            ("a&amp;b", "a&b"),
            ("&lt;&gt;&quot;&#39;&#x2F;", "<>\"'/"),
            ("&unknown; & alone", "&unknown; & alone"),
            ("&#xFFFFFFFF;", "&#xFFFFFFFF;"),
        ] {
            assert_eq!(decode_entities(text), expected, "{text}");
        }
    }

    #[test]
    fn links_resolve_against_the_page_and_base() {
        let internal = |path: &str, fragment: Option<&str>| Target::Internal {
            path: path.into(),
            fragment: fragment.map(str::to_string),
        };
        let base = "https://x.org";
        for (from, href, expected) in [
            ("a/b/index.html", "/", internal("index.html", None)),
            ("a/b/index.html", "/c/", internal("c/index.html", None)),
            ("a/b/index.html", "/style.css", internal("style.css", None)),
            (
                "a/b/index.html",
                "#n",
                internal("a/b/index.html", Some("n")),
            ),
            ("a/b/index.html", "../", internal("a/index.html", None)),
            ("a/b/index.html", "../..", internal("index.html", None)),
            ("a/b/index.html", "c.png", internal("a/b/c.png", None)),
            ("a/b/index.html", "./", internal("a/b/index.html", None)),
            (
                "index.html",
                "/x/?q=1#f%20g",
                internal("x/index.html", Some("f g")),
            ),
            (
                "index.html",
                "/caf%C3%A9/",
                internal("café/index.html", None),
            ),
            (
                "index.html",
                "https://x.org/a/",
                internal("a/index.html", None),
            ),
            ("index.html", "https://x.org", internal("index.html", None)),
            ("index.html", "https://x.org.evil/a/", Target::External),
            ("index.html", "https://y.org/a/", Target::External),
            ("index.html", "//y.org/a/", Target::External),
            ("index.html", "mailto:a@b.org", Target::External),
        ] {
            assert_eq!(resolve(from, href, base, ""), expected, "{from} → {href}");
        }
        assert!(matches!(
            resolve("a/index.html", "../../../etc/passwd", base, ""),
            Target::Outside(_)
        ));
        assert!(matches!(
            resolve("index.html", "/%2e%2e/x", base, ""),
            Target::Outside(_)
        ));
        // Under a base path, root-relative links must carry it.
        let base = "https://x.org/notes";
        assert_eq!(
            resolve("index.html", "/notes/a/", base, "/notes"),
            internal("a/index.html", None)
        );
        assert_eq!(
            resolve("index.html", "/notes", base, "/notes"),
            internal("index.html", None)
        );
        assert_eq!(
            resolve("index.html", "https://x.org/notes/a/", base, "/notes"),
            internal("a/index.html", None)
        );
        assert!(matches!(
            resolve("index.html", "/a/", base, "/notes"),
            Target::Outside(_)
        ));
        assert!(matches!(
            resolve("index.html", "/notesx/", base, "/notes"),
            Target::Outside(_)
        ));
    }

    #[test]
    fn thin_or_missing_summaries_are_noticed() {
        let long = "A first paragraph long enough to stand as the summary of the piece.";
        assert_eq!(summary_problem(long, "<p>x</p>"), None);
        for (summary, html, expected) in [
            ("", "<h2 id=\"a\">A</h2>", "no summary"),
            ("Too short.", "<p>Too short.</p>", "only 10 characters"),
            (long, "<h2 id=\"a\">A</h2><p>x</p>", "opens with a heading"),
            (long, "<ul>\n<li>x</li></ul>", "opens with a list"),
            (long, "<blockquote>\n<p>x</p>", "opens with a quotation"),
        ] {
            let problem = summary_problem(summary, html).unwrap_or_default();
            assert!(problem.contains(expected), "{html}: {problem}");
        }
    }

    fn sources(files: &[(&str, &str)]) -> Sources {
        let mut sources = Sources::default();
        for (path, text) in files {
            let file = SourceFile {
                path: path.into(),
                text: text.to_string(),
            };
            if crate::source::is_profile(Path::new(path)) {
                sources.profiles.push(file);
            } else {
                sources.articles.push(file);
            }
        }
        sources
    }

    fn run(files: &[(&str, &str)]) -> Vec<String> {
        let sources = sources(files);
        let built = match crate::build(&sources, &crate::BuildOptions::default()) {
            Ok(built) => built,
            Err(problems) => panic!("{:?}", problems.sorted()),
        };
        let now: Timestamp = "2026-01-01T00:00:00Z".parse().expect("a timestamp");
        check(&built.site, &built.output, &sources, now)
            .diagnostics
            .iter()
            .map(|d| d.to_string().lines().next().unwrap_or_default().to_string())
            .collect()
    }

    const PROFILE: (&str, &str) = (
        "content/authors/ana-ruiz.md",
        "+++\nname = \"Ana Ruiz\"\n+++\nAna Ruiz writes.\n",
    );

    const PROSE: &str =
        "Ports are where trade policy meets the water, and the water keeps its own schedule.";

    #[test]
    fn a_clean_site_has_nothing_to_say() {
        let article = format!(
            "+++\ntitle = \"Ports\"\ndate = 2025-05-01\nauthor = \"Ana Ruiz\"\n+++\n\n{PROSE} See [the notes](#notes-1) and [her page](/authors/ana-ruiz/#main).\n\n## Notes\n\n![A chart](/style.css)\n"
        );
        let found = run(&[PROFILE, ("content/ports.md", &article)]);
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn broken_links_point_at_the_markdown() {
        let article = format!(
            "+++\ntitle = \"Ports\"\ndate = 2025-05-01\nauthor = \"Ana Ruiz\"\n+++\n\n{PROSE}\n\nSee [gone](/2024/01/gone/), [bad note](#nope),\n[her](/authors/ana-ruiz/#bio) and [up](../../../../x/).\n"
        );
        let found = run(&[PROFILE, ("content/ports.md", &article)]);
        assert_eq!(
            found,
            [
                "content/ports.md:9:12: broken link \"/2024/01/gone/\": the site has no file 2024/01/gone/index.html",
                "content/ports.md:9:40: broken link \"#nope\": no element with id \"nope\" on that page",
                "content/ports.md:10:7: broken link \"/authors/ana-ruiz/#bio\": no element with id \"bio\" on that page",
                "content/ports.md:10:40: broken link \"../../../../x/\": it leads above the site's root",
            ]
        );
    }

    #[test]
    fn a_broken_link_in_a_bio_is_reported_once_at_the_profile() {
        let profile = "+++\nname = \"Ana Ruiz\"\nphoto = \"/img/ana.jpg\"\n+++\nSee [her book](/books/ana/).\n";
        let a =
            format!("+++\ntitle = \"A\"\ndate = 2025-05-01\nauthor = \"Ana Ruiz\"\n+++\n{PROSE}\n");
        let b =
            format!("+++\ntitle = \"B\"\ndate = 2025-05-02\nauthor = \"Ana Ruiz\"\n+++\n{PROSE}\n");
        let found = run(&[
            ("content/authors/ana-ruiz.md", profile),
            ("content/a.md", &a),
            ("content/b.md", &b),
        ]);
        assert_eq!(
            found,
            [
                "content/authors/ana-ruiz.md:3:10: broken link \"/img/ana.jpg\": the site has no file img/ana.jpg",
                "content/authors/ana-ruiz.md:5:16: broken link \"/books/ana/\": the site has no file books/ana/index.html",
            ]
        );
    }

    #[test]
    fn a_broken_link_in_a_template_is_reported_once_at_the_template() {
        let a =
            format!("+++\ntitle = \"A\"\ndate = 2025-05-01\nauthor = \"Ana Ruiz\"\n+++\n{PROSE}\n");
        let mut sources = sources(&[PROFILE, ("content/a.md", &a)]);
        sources.templates.push(SourceFile {
            path: "templates/partials/card.html".into(),
            text: "<article class=\"card\">\n  <a href=\"{{ item.url }}\">{{ item.title }}</a>\n  <a href=\"/about/\">About</a>\n</article>\n".into(),
        });
        let built = crate::build(&sources, &crate::BuildOptions::default())
            .unwrap_or_else(|problems| panic!("{:?}", problems.sorted()));
        let now: Timestamp = "2026-01-01T00:00:00Z".parse().expect("a timestamp");
        let found: Vec<String> = check(&built.site, &built.output, &sources, now)
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            found,
            [
                "templates/partials/card.html:3:12: broken link \"/about/\": the site has no file about/index.html"
            ]
        );
    }

    #[test]
    fn every_lint_is_a_warning_at_its_place() {
        let no_profile = format!(
            "+++\ntitle = \"Tides\"\ndate = 2025-05-01\nauthor = \"Sam Reyes\"\n+++\n\n{PROSE}\n\n![](/style.css)\n"
        );
        let future =
            format!("---\ntitle: \"tides \"\nauthor: Ana Ruiz\ndate: 2099-01-01\n---\n{PROSE}\n");
        let short =
            "+++\ntitle = \"Short\"\ndate = 2025-05-02\nauthor = \"Ana Ruiz\"\n+++\n\nToo short.\n";
        let heading = format!(
            "+++\ntitle = \"Heading\"\ndate = 2025-05-03\nauthor = \"Ana Ruiz\"\n+++\n\n## Start\n\n{PROSE}\n"
        );
        let empty = "+++\ntitle = \"Empty\"\ndate = 2025-05-04\nauthor = \"Ana Ruiz\"\n+++\n";
        let lonely = "+++\nname = \"Lee Park\"\n+++\nBio.\n";
        let found = run(&[
            PROFILE,
            ("content/authors/lee-park.md", lonely),
            ("content/a.md", &no_profile),
            ("content/b.md", &future),
            ("content/c.md", short),
            ("content/d.md", &heading),
            ("content/e.md", empty),
        ]);
        assert_eq!(
            found,
            [
                "content/a.md:2:1: warning: the title \"Tides\" is also the title of content/b.md",
                "content/a.md:4:11: warning: author \"Sam Reyes\" has no profile",
                "content/a.md:9:5: warning: image \"/style.css\" has no alt text",
                "content/authors/lee-park.md:1:1: warning: the profile of \"Lee Park\" is not named by any published article",
                "content/b.md:2:1: warning: the title \"tides\" is also the title of content/a.md",
                "content/b.md:4:1: warning: dated 2099-01-01T00:00:00+00:00, in the future; it is published at once all the same",
                "content/c.md:7:1: warning: the summary taken from the first paragraph is only 10 characters: \"Too short.\"",
                &format!(
                    "content/d.md:7:1: warning: the body opens with a heading, so its summary comes from a later paragraph: {PROSE:?}"
                ),
                "content/e.md:6:1: warning: no summary: the body has no paragraph to take one from",
            ]
        );
    }
}
