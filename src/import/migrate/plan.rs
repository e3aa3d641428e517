//! From documents to files: each article and page gets its slug, its file under `content/`
//! and its URL; its body is converted and its links point at the new site; its old URLs
//! become aliases where they can; the images it needs are copied; its file is written.
//!
//! The order of the rules:
//! - Bylines: the document's own, else the old site's default author, else `--author`;
//!   an article with none is listed for the command to refuse. Authors and topics are
//!   told apart by slug (as the build does), so `Trade` and `trade`, or a name written two
//!   ways, are one, spelled as it first appears (sources in path order).
//! - Files and URLs: an article goes to `content/{year}/{slug}.md` at the site's permalink,
//!   a page to `content/pages/{slug}.md` at `/{slug}/`; when two would share a file or a
//!   URL, the later (by source path) gets `-2`, `-3`… after its slug. A page with no text
//!   of its own (a theme's listing: `tags.md`, `archive.md`) is skipped, since broadsheet
//!   makes its own listings; one whose slug is a page the site makes (`/authors/`) gets a
//!   suffix too.
//! - Aliases: each old URL of a published article (see [`permalink::old_path`]) that is not
//!   its new URL, nor any other piece's, nor a page the site makes, nor taken by another
//!   alias. A page cannot have aliases: its old URL, when it changes, is reported.
//! - Links: `ref`, `post_url` and Zola's `@/…` links become new URLs; a link to an old URL of
//!   an imported piece becomes its new URL; an image or file the body links to on the old
//!   site is copied to the same path under `static/`; the files of a page bundle are copied
//!   beside the new page, under `static/`, where its relative links find them.

use std::collections::{BTreeMap, BTreeSet};

use jiff::ZonedDateTime;
use jiff::tz::TimeZone;
use toml_edit::{Array, DocumentMut, value};
use url::Url;

use super::body::{self, Context, Outcome, Reference};
use super::permalink::{self, NotAnAlias};
use super::{Copied, Document, Migration, OldSite, Options, Planned, Reading, Role};
use crate::dates::{self, Parsed};
use crate::diagnostic::Diagnostic;
use crate::import::ImportedAuthor;
use crate::import::wxr::html;
use crate::model::url as site_url;

/// A document with its place in the new site.
struct Placed {
    doc: Document,
    /// The date as written in the new file, and as the new site reads it.
    date: Option<(String, ZonedDateTime)>,
    slug: String,
    path: String,
    url: String,
    authors: Vec<String>,
    topics: Vec<String>,
}

/// Turns what a reader found into the files of the new site.
pub fn plan(site: &OldSite, reading: Reading, options: &Options) -> Migration {
    let mut migration = Migration {
        diagnostics: reading.diagnostics.clone(),
        ..Migration::default()
    };
    migration.tally.skipped = reading.skipped.clone();
    let mut documents = reading.documents.clone();
    documents.sort_by(|a, b| a.source.cmp(&b.source));

    let placed = place(site, documents, &reading, options, &mut migration);
    let by_source: BTreeMap<&str, &str> = placed
        .iter()
        .map(|p| (p.doc.source.as_str(), p.url.as_str()))
        .collect();
    let claimed: BTreeSet<String> = placed
        .iter()
        .map(|p| site_url::output_path(&p.url))
        .collect();
    let mut by_old: BTreeMap<String, &str> = BTreeMap::new();
    for p in &placed {
        for old in &p.doc.old_urls {
            if let Ok(path) = permalink::old_path(old) {
                by_old.entry(path).or_insert(&p.url);
            }
        }
    }

    let sources: Vec<&str> = by_source.keys().copied().collect();
    let mut aliases_taken: BTreeMap<String, String> = BTreeMap::new();
    let mut copied: BTreeSet<String> = BTreeSet::new();
    for p in &placed {
        let Some(text) = site.text(&p.doc.source) else {
            continue;
        };
        let source = p.doc.source.as_str();
        let resolve = |reference: Reference| {
            let target = (reading.target)(reference, source, &sources)?;
            by_source.get(target.as_str()).map(|u| u.to_string())
        };
        let cx = Context {
            dialect: reading.dialect,
            html: p.doc.html,
            embed_hosts: options.embed_hosts,
            resolve: &resolve,
        };
        let converted = body::convert(&text[p.doc.body.clone()], &cx);
        for note in &converted.notes {
            *migration.tally.tags.entry(note.outcome).or_default() += 1;
            migration.diagnostics.push(
                Diagnostic::at_offset(source, text, p.doc.body.start + note.offset, &note.message)
                    .warning(),
            );
        }
        let markdown = if p.doc.html {
            html::to_markdown(&converted.text, None).markdown
        } else {
            converted.text
        };
        let markdown = drop_more_markers(&markdown);
        let links = Links {
            site,
            reading: &reading,
            by_old: &by_old,
            resolve: &resolve,
            page: p,
        };
        let markdown = links.rewrite(&markdown, text, &mut migration, &mut copied);
        let image = links.lead_image(text, &mut migration, &mut copied);
        bundle_files(site, p, &placed, &mut migration, &mut copied);

        let aliases = match p.doc.role {
            Role::Article if p.doc.draft.is_none() => {
                aliases_of(p, &claimed, &mut aliases_taken, text, &mut migration)
            }
            _ => {
                unredirected_page(p, text, &mut migration);
                Vec::new()
            }
        };
        migration.tally.aliases += aliases.len();
        match (p.doc.role, &p.doc.draft) {
            (Role::Page, _) => migration.tally.pages += 1,
            (Role::Article, None) => migration.tally.published += 1,
            (Role::Article, Some(why)) => {
                *migration.tally.drafts.entry(why.clone()).or_default() += 1
            }
        }
        for key in &p.doc.left_keys {
            *migration.tally.keys_left.entry(key.clone()).or_default() += 1;
        }
        migration.files.push(Planned {
            path: p.path.clone(),
            text: file_text(p, &aliases, image.as_ref(), &markdown),
            source: p.doc.source.clone(),
        });
    }

    let topics: BTreeSet<String> = placed
        .iter()
        .flat_map(|p| p.topics.iter().map(|t| site_url::slugify(t)))
        .collect();
    migration.tally.topics = topics.len();
    for p in &placed {
        for name in &p.authors {
            let slug = site_url::slugify(name);
            let known = p
                .doc
                .authors
                .iter()
                .find_map(|key| reading.people.get(key))
                .filter(|person| site_url::slugify(&person.name) == slug);
            migration
                .authors
                .entry(slug)
                .or_insert_with(|| match known {
                    Some(person) => person.clone(),
                    None => ImportedAuthor {
                        name: name.clone(),
                        ..ImportedAuthor::default()
                    },
                });
        }
    }
    migration.diagnostics.sort();
    migration
}

/// Gives every document its date, byline, topics, slug, file and URL.
fn place(
    site: &OldSite,
    documents: Vec<Document>,
    reading: &Reading,
    options: &Options,
    migration: &mut Migration,
) -> Vec<Placed> {
    // One spelling per slug, the first met.
    let mut topic_names: BTreeMap<String, String> = BTreeMap::new();
    let mut author_names: BTreeMap<String, String> = BTreeMap::new();
    let spelled = |names: &mut BTreeMap<String, String>, name: &str| -> String {
        names
            .entry(site_url::slugify(name))
            .or_insert_with(|| name.to_string())
            .clone()
    };
    let mut taken_files = BTreeSet::new();
    let mut taken_urls = BTreeSet::new();
    let mut placed = Vec::new();
    let (documents, listings): (Vec<Document>, Vec<Document>) =
        documents.into_iter().partition(|d| {
            d.role == Role::Article
                || site
                    .text(&d.source)
                    .and_then(|text| text.get(d.body.clone()))
                    .is_none_or(|body| !body.trim().is_empty())
        });
    for listing in listings {
        migration
            .tally
            .skipped
            .entry("pages with no text of their own (listings the old theme made)".into())
            .or_default()
            .push(listing.source);
    }
    // Articles first, so a page never takes an article's URL.
    let (articles, pages): (Vec<Document>, Vec<Document>) =
        documents.into_iter().partition(|d| d.role == Role::Article);
    for doc in articles.into_iter().chain(pages) {
        let date = doc.date.as_ref().and_then(|parsed| {
            let written = written_date(parsed);
            let at = dates::parse(&written, options.tz).ok()?.at;
            Some((written, at))
        });
        let mut authors = Vec::new();
        if doc.role == Role::Article {
            let named: Vec<String> = if doc.authors.is_empty() {
                reading
                    .site_author
                    .as_deref()
                    .or(options.author)
                    .map(str::to_string)
                    .into_iter()
                    .collect()
            } else {
                doc.authors.clone()
            };
            if named.is_empty() {
                migration.unsigned.push(doc.source.clone());
            }
            for key in named {
                let name = reading
                    .people
                    .get(&key)
                    .map_or(key.as_str(), |p| p.name.as_str())
                    .to_string();
                let name = spelled(&mut author_names, &name);
                if !authors.contains(&name) {
                    authors.push(name);
                }
            }
        }
        let mut topics: Vec<String> = Vec::new();
        for topic in &doc.topics {
            let name = spelled(&mut topic_names, topic);
            if !topics.contains(&name) {
                topics.push(name);
            }
        }
        let base = safe_slug(
            &url_tail(&doc).unwrap_or_else(|| doc.slug.clone()),
            &doc.title,
        );
        let (slug, path, url) = match (doc.role, &date) {
            (Role::Article, Some((_, at))) => {
                settle(&base, &mut taken_files, &mut taken_urls, |slug| {
                    (
                        format!("content/{:04}/{slug}.md", at.year()),
                        site_url::permalink(options.permalink, at, slug),
                    )
                })
            }
            (Role::Article, None) => {
                // Readers date every article; one that slipped through is not lost quietly.
                migration.diagnostics.push(Diagnostic::error(
                    &doc.source,
                    1,
                    1,
                    "the article has no date",
                ));
                continue;
            }
            (Role::Page, _) => settle(&base, &mut taken_files, &mut taken_urls, |slug| {
                (
                    format!("content/pages/{slug}.md"),
                    site_url::standalone(slug),
                )
            }),
        };
        placed.push(Placed {
            doc,
            date,
            slug,
            path,
            url,
            authors,
            topics,
        });
    }
    placed
}

/// The first of `base`, `base-2`, `base-3`… whose file and URL are free (and, for a page,
/// whose URL the site does not make itself), taken.
fn settle(
    base: &str,
    files: &mut BTreeSet<String>,
    urls: &mut BTreeSet<String>,
    at: impl Fn(&str) -> (String, String),
) -> (String, String, String) {
    let mut n = 1;
    loop {
        let slug = if n == 1 {
            base.to_string()
        } else {
            format!("{base}-{n}")
        };
        let (path, url) = at(&slug);
        let key = site_url::output_path(&url);
        if !files.contains(&path) && !urls.contains(&key) && !site_url::is_made_by_site(&url) {
            files.insert(path.clone());
            urls.insert(key);
            return (slug, path, url);
        }
        n += 1;
    }
}

/// The last part of the document's old URL, without a file extension, when the old URL is
/// one a reader could reach: kept as the new slug, the URL changes as little as it can.
fn url_tail(doc: &Document) -> Option<String> {
    let path = permalink::old_path(doc.old_urls.first()?).ok()?;
    let last = path.trim_end_matches('/').rsplit('/').next()?;
    let stem = match last.rsplit_once('.') {
        Some((stem, _)) if !path.ends_with('/') => stem,
        _ => last,
    };
    Some(stem.to_string()).filter(|s| s.chars().any(char::is_alphanumeric))
}

/// A slug of the old slug, or of the title when the old one has nothing to make a slug of
/// (`...`, `%2e%2e`).
fn safe_slug(old: &str, title: &str) -> String {
    let decoded = percent_encoding::percent_decode_str(old).decode_utf8_lossy();
    if decoded.chars().any(char::is_alphanumeric) {
        site_url::slugify(&decoded)
    } else {
        site_url::slugify(title)
    }
}

/// A date as the new file writes it: RFC 3339 in the offset the old site gave it (written,
/// or its time zone's), or the bare day when it had no time.
fn written_date(parsed: &Parsed) -> String {
    let at = match parsed.offset {
        Some(offset) => parsed.at.with_time_zone(TimeZone::fixed(offset)),
        None => parsed.at.clone(),
    };
    let format = if parsed.has_time {
        "%Y-%m-%dT%H:%M:%S%:z"
    } else {
        "%Y-%m-%d"
    };
    at.strftime(format).to_string()
}

/// Drops the lines that are only a summary marker (`<!--more-->`, `<!-- more -->`): Jekyll,
/// Hugo and Zola cut their excerpts there; broadsheet takes the summary from front matter
/// or the first paragraph.
fn drop_more_markers(markdown: &str) -> String {
    if !markdown.contains("more") {
        return markdown.to_string();
    }
    markdown
        .split_inclusive('\n')
        .filter(|line| {
            let bare: String = line.split_whitespace().collect();
            bare != "<!--more-->"
        })
        .collect()
}

/// The new URL of what a link on the old site points at, and the images it needs.
struct Links<'a> {
    site: &'a OldSite,
    reading: &'a Reading,
    by_old: &'a BTreeMap<String, &'a str>,
    resolve: &'a dyn Fn(Reference) -> Option<String>,
    page: &'a Placed,
}

impl Links<'_> {
    fn rewrite(
        &self,
        markdown: &str,
        source_text: &str,
        migration: &mut Migration,
        copied: &mut BTreeSet<String>,
    ) -> String {
        let source = self.page.doc.source.as_str();
        let at = |url: &str| {
            let body = &source_text[self.page.doc.body.clone()];
            self.page.doc.body.start + body.find(url).unwrap_or(0)
        };
        let mut edits = Vec::new();
        for destination in body::destinations(markdown) {
            let url = destination.url.as_str();
            if let Some(reference) = url.strip_prefix("@/") {
                let (path, fragment) = split_fragment(reference);
                match (self.resolve)(Reference::Zola(path)) {
                    Some(new) => {
                        edits.push((destination.span, with_fragment(&new, fragment)));
                        *migration.tally.tags.entry(Outcome::Converted).or_default() += 1;
                    }
                    None => {
                        *migration.tally.tags.entry(Outcome::LeftAsText).or_default() += 1;
                        migration.diagnostics.push(
                            Diagnostic::at_offset(
                                source,
                                source_text,
                                at(url),
                                format!("the link `{url}` names nothing that was imported; it was left as written"),
                            )
                            .warning(),
                        );
                    }
                }
                continue;
            }
            let Some((path, fragment, site_absolute)) = self.old_site_path(url) else {
                continue;
            };
            if let Some(new) = self.by_old.get(&path) {
                if **new != *path || fragment.is_some() {
                    edits.push((destination.span, with_fragment(new, fragment)));
                }
                continue;
            }
            if !site_absolute {
                continue;
            }
            let from = format!("{}{}", self.static_prefix(), path.trim_start_matches('/'));
            if self.is_static_file(&from) {
                let to = format!("static{path}");
                if copied.insert(to.clone()) {
                    migration.copies.push(Copied { from, to });
                }
            } else if destination.image && !path.ends_with('/') {
                migration.tally.missing_images += 1;
                migration.diagnostics.push(
                    Diagnostic::at_offset(
                        source,
                        source_text,
                        at(url),
                        format!(
                            "the image {url} is not in the old site; the link was left as written"
                        ),
                    )
                    .warning(),
                );
            }
        }
        body::replace(markdown, edits)
    }

    /// The site path (decoded, as [`permalink::old_path`] gives it) and fragment a link of
    /// this page points at on the old site, and whether it was written from the site's
    /// root (`/x`, or the old site's own address) rather than relative to the page.
    fn old_site_path<'u>(&self, url: &'u str) -> Option<(String, Option<&'u str>, bool)> {
        if url.is_empty() || url.starts_with('#') || url.starts_with("//") {
            return None;
        }
        let base = self
            .reading
            .base_url
            .clone()
            .unwrap_or_else(|| Url::parse("http://old.invalid/").expect("a valid URL"));
        let absolute = Url::parse(url).is_ok();
        let site_absolute = url.starts_with('/') || absolute;
        let page_url = self.page.doc.old_urls.first().map_or("/", String::as_str);
        let page = base.join(page_url).ok()?;
        let target = page.join(url).ok()?;
        if target.host_str() != base.host_str() || !matches!(target.scheme(), "http" | "https") {
            return None;
        }
        // The old site may live under a path (`https://x.org/blog/`): what it serves starts there.
        let site_path = target
            .path()
            .strip_prefix(base.path().trim_end_matches('/'))?;
        let path = permalink::old_path(site_path).ok()?;
        let (_, fragment) = split_fragment(url);
        Some((path, fragment, site_absolute))
    }

    /// The lead image, at its address on the new site (a bundle's beside the page, a
    /// static file copied), with its description; `None`, said, when it has no description
    /// or an address broadsheet refuses.
    fn lead_image(
        &self,
        source_text: &str,
        migration: &mut Migration,
        copied: &mut BTreeSet<String>,
    ) -> Option<(String, String)> {
        let doc = &self.page.doc;
        let image = doc.image.as_ref().filter(|_| doc.role == Role::Article)?;
        let src = image.src.trim();
        let bundled = doc.bundle.is_some() && !src.starts_with('/') && Url::parse(src).is_err();
        let address = if bundled {
            format!("{}{}", self.page.url, src.trim_start_matches("./"))
        } else {
            let written = if src.starts_with('/') || Url::parse(src).is_ok() {
                src.to_string()
            } else {
                format!("/{src}")
            };
            match self.old_site_path(&written) {
                Some((path, _, _)) => {
                    let from = format!("{}{}", self.static_prefix(), path.trim_start_matches('/'));
                    if self.is_static_file(&from) {
                        let to = format!("static{path}");
                        if copied.insert(to.clone()) {
                            migration.copies.push(Copied { from, to });
                        }
                    }
                    path
                }
                None => written,
            }
        };
        let refused = crate::safe_url::check_image(&address).err();
        let why = match (&image.alt, refused) {
            (_, Some(why)) => format!("its lead image {why}; it was left out"),
            (None, None) => format!(
                "its lead image {address} has no description, which broadsheet needs; it was left out"
            ),
            (Some(alt), None) => return Some((address, alt.clone())),
        };
        migration.tally.lead_images_left += 1;
        migration.diagnostics.push(
            Diagnostic::at_offset(
                &doc.source,
                source_text,
                doc.places.get("image").copied().unwrap_or(0),
                why,
            )
            .with_hint("add `image` and `image_alt = \"…\"` (what the image shows) by hand")
            .warning(),
        );
        None
    }

    fn static_prefix(&self) -> String {
        match self.reading.static_dir.as_str() {
            "" => String::new(),
            dir => format!("{dir}/"),
        }
    }

    /// Whether `path` (of the old site) is a file it served as it is: under its static
    /// folder, not one of its documents, nor (for Jekyll) a file in a folder it keeps to
    /// itself (`_layouts`, `.git`).
    fn is_static_file(&self, path: &str) -> bool {
        let hidden = self.reading.static_dir.is_empty()
            && path.split('/').any(|p| p.starts_with(['_', '.']));
        !hidden
            && self.site.files.contains_key(path)
            && !self.reading.documents.iter().any(|d| d.source == path)
    }
}

fn split_fragment(url: &str) -> (&str, Option<&str>) {
    match url.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (url, None),
    }
}

fn with_fragment(url: &str, fragment: Option<&str>) -> String {
    match fragment {
        Some(fragment) => format!("{url}#{fragment}"),
        None => url.to_string(),
    }
}

/// Names a page bundle's other files may not have beside the new page: the page itself and
/// the files broadsheet writes beside an article.
const TAKEN_NAMES: &[&str] = &["index.html", "cite.bib", "cite.ris"];

/// Copies the files of a document's page bundle beside its new page, under `static/`.
fn bundle_files(
    site: &OldSite,
    p: &Placed,
    placed: &[Placed],
    migration: &mut Migration,
    copied: &mut BTreeSet<String>,
) {
    let Some(bundle) = &p.doc.bundle else {
        return;
    };
    let prefix = format!("{bundle}/");
    for path in site.files.range(prefix.clone()..) {
        let (path, _) = path;
        let Some(relative) = path.strip_prefix(&prefix) else {
            break;
        };
        if *path == p.doc.source || placed.iter().any(|other| other.doc.source == *path) {
            continue;
        }
        let parts: Vec<&str> = relative.split('/').collect();
        if parts.iter().any(|part| part.starts_with('.')) {
            continue;
        }
        if super::is_markdown(path) {
            migration
                .tally
                .skipped
                .entry("Markdown files inside a page bundle".into())
                .or_default()
                .push(path.clone());
            continue;
        }
        if parts.len() == 1 && TAKEN_NAMES.contains(&parts[0]) {
            migration
                .tally
                .skipped
                .entry(format!(
                    "bundle files named like a file of the new page ({})",
                    TAKEN_NAMES.join(", ")
                ))
                .or_default()
                .push(path.clone());
            continue;
        }
        let to = format!("static{}{relative}", p.url);
        if copied.insert(to.clone()) {
            migration.copies.push(Copied {
                from: path.clone(),
                to,
            });
        }
    }
}

/// The aliases of a published article: each old URL that may redirect to the new one.
fn aliases_of(
    p: &Placed,
    claimed: &BTreeSet<String>,
    taken: &mut BTreeMap<String, String>,
    text: &str,
    migration: &mut Migration,
) -> Vec<String> {
    let source = p.doc.source.as_str();
    let place = |what: &str| p.doc.places.get(what).copied().unwrap_or(0);
    let warn = |migration: &mut Migration, at: usize, message: String| {
        migration.tally.unredirected += 1;
        migration
            .diagnostics
            .push(Diagnostic::at_offset(source, text, at, message).warning());
    };
    for why in &p.doc.unknown_urls {
        warn(migration, place("url"), why.clone());
    }
    let new = site_url::output_path(&p.url);
    let mut aliases = Vec::new();
    for (i, old) in p.doc.old_urls.iter().enumerate() {
        let at = if i == 0 {
            place("url")
        } else {
            place("aliases")
        };
        let path = match permalink::old_path(old) {
            Ok(path) => path,
            Err(NotAnAlias::Root) => continue,
            Err(NotAnAlias::Unsafe) => {
                warn(
                    migration,
                    at,
                    format!(
                        "its old URL {old:?} is not a path a redirect can be written for; it has no alias"
                    ),
                );
                continue;
            }
        };
        let file = site_url::output_path(&path);
        if file == new || aliases.contains(&path) {
            continue;
        }
        if claimed.contains(&file) || site_url::is_made_by_site(&path) {
            warn(
                migration,
                at,
                format!("its old URL {path} is a page of the new site; it has no alias"),
            );
            continue;
        }
        if let Some(first) = taken.get(&file) {
            warn(
                migration,
                at,
                format!("its old URL {path} is already an alias of {first}; it has no alias"),
            );
            continue;
        }
        taken.insert(file, source.to_string());
        aliases.push(path);
    }
    aliases
}

/// A page cannot have aliases: when its old URL changes, the editor is told.
fn unredirected_page(p: &Placed, text: &str, migration: &mut Migration) {
    if p.doc.role != Role::Page {
        return;
    }
    let Some(Ok(old)) = p.doc.old_urls.first().map(|u| permalink::old_path(u)) else {
        return;
    };
    if site_url::output_path(&old) != site_url::output_path(&p.url) {
        migration.tally.unredirected += 1;
        migration.diagnostics.push(
            Diagnostic::at_offset(
                &p.doc.source,
                text,
                0,
                format!(
                    "the page was at {old} and is now at {}; pages have no aliases, so the old URL does not redirect",
                    p.url
                ),
            )
            .warning(),
        );
    }
}

/// The new file: TOML front matter, then the body.
fn file_text(
    p: &Placed,
    aliases: &[String],
    image: Option<&(String, String)>,
    body: &str,
) -> String {
    let doc = &p.doc;
    let mut front = DocumentMut::new();
    front["title"] = value(&doc.title);
    if doc.role == Role::Article {
        if let Some((written, _)) = &p.date {
            front["date"] = value(written);
        }
        match p.authors.as_slice() {
            [] => {}
            [one] => front["author"] = value(one),
            many => front["authors"] = value(many.iter().collect::<Array>()),
        }
        if !p.topics.is_empty() {
            front["tags"] = value(p.topics.iter().collect::<Array>());
        }
        if let Some(series) = &doc.series {
            front["series"] = value(series);
        }
    }
    if let Some(summary) = &doc.summary {
        front["summary"] = value(summary);
    }
    front["slug"] = value(&p.slug);
    if let Some((src, alt)) = image {
        front["image"] = value(src);
        front["image_alt"] = value(alt);
    }
    if doc.role == Role::Article {
        if doc.draft.is_some() {
            front["draft"] = value(true);
        }
        let updated = doc.updated.as_ref().map(written_date);
        if let (Some(updated), Some((date, _))) = (updated, &p.date) {
            if updated > *date {
                front["updated"] = value(updated);
            }
        }
        if !aliases.is_empty() {
            front["aliases"] = value(aliases.iter().collect::<Array>());
        }
    }
    let body = body.trim_matches('\n');
    if body.is_empty() {
        format!("+++\n{front}+++\n")
    } else {
        format!("+++\n{front}+++\n\n{body}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_the_offset_they_were_written_with() {
        let new_york = TimeZone::get("America/New_York").unwrap();
        let parsed = dates::parse("2019-03-04 23:30:00 +0100", &new_york).unwrap();
        assert_eq!(written_date(&parsed), "2019-03-04T23:30:00+01:00");
        let local = dates::parse("2019-07-04 09:00", &new_york).unwrap();
        assert_eq!(written_date(&local), "2019-07-04T09:00:00-04:00");
        let day = dates::parse("2019-07-04", &new_york).unwrap();
        assert_eq!(written_date(&day), "2019-07-04");
    }

    #[test]
    fn slugs_fall_back_to_the_title() {
        assert_eq!(safe_slug("Ports-and-Power", "T"), "ports-and-power");
        assert_eq!(safe_slug("...", "Low Water"), "low-water");
        assert_eq!(safe_slug("%2e%2e", "Low Water"), "low-water");
        assert_eq!(safe_slug("../../etc", "T"), "etc");
    }

    #[test]
    fn settling_skips_what_is_taken_and_what_the_site_makes() {
        let mut files = BTreeSet::new();
        let mut urls = BTreeSet::new();
        let page = |slug: &str| (format!("content/pages/{slug}.md"), format!("/{slug}/"));
        assert_eq!(settle("about", &mut files, &mut urls, page).0, "about");
        assert_eq!(settle("about", &mut files, &mut urls, page).0, "about-2");
        assert_eq!(
            settle("authors", &mut files, &mut urls, page).0,
            "authors-2"
        );
        assert_eq!(settle("2019", &mut files, &mut urls, page).0, "2019-2");
    }

    #[test]
    fn summary_markers_go() {
        assert_eq!(
            drop_more_markers("One.\n\n<!--more-->\n\nTwo <!-- more --> here.\n  <!-- more -->\n"),
            "One.\n\n\nTwo <!-- more --> here.\n"
        );
    }
}
