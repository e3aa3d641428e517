//! The link pass: every `href` and `src` of every page and feed, followed as a browser would.
//!
//! Pages are read with html5ever's tokenizer, so attribute values are decoded exactly as a
//! browser decodes them, and text, comments and script bodies are never taken for markup.
//! Each link is resolved with the `url` crate against the page's own absolute address; one
//! that stays on the site's origin must name a file of the output, under the base URL's
//! path, and its `#fragment` an `id` on that page.
//!
//! A broken link is reported where it is written: at the destination of the Markdown link in
//! the article or profile, which the model recorded when the Markdown was rendered; else in
//! the template that holds it; else at the top of the page's source.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use url::Url;

use crate::check::Texts;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::Destination;
use crate::model::{Article, Site, url as site_url};
use crate::render::{FileKind, Output, pages};
use crate::source::SourceFile;

/// Where an on-site link leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Leaves the site: another origin or scheme (`mailto:`, `https://elsewhere`).
    External,
    /// A file of the output (its key), and the fragment if any, percent-decoded.
    Internal {
        path: String,
        fragment: Option<String>,
    },
    /// Stays on the site's origin but cannot be on the site: above its root, or outside
    /// the base URL's path. The string says why.
    Outside(String),
}

/// The address the site is published at, against which every link is resolved.
#[derive(Debug, Clone)]
pub struct Root {
    /// The base URL, ending in `/`.
    base: Url,
    /// Its path without the final `/`: empty for a site at the root of its host.
    path: String,
}

impl Root {
    /// The root of a site published at `base_url`; `None` if that is not a URL.
    pub fn new(base_url: &str) -> Option<Root> {
        let base = Url::parse(&format!("{}/", base_url.trim_end_matches('/'))).ok()?;
        let path = base.path().trim_end_matches('/').to_string();
        Some(Root { base, path })
    }

    /// Where `href`, found on the page written at output key `from`, leads.
    pub fn resolve(&self, from: &str, href: &str) -> Target {
        let href = href.trim();
        let Some(url) = self.base.join(from).and_then(|page| page.join(href)).ok() else {
            // Not a URL a browser could follow either; nothing on the site to check.
            return Target::External;
        };
        // A full address that is not under the base URL is another site, even on this host
        // (the organisation's home page above a site at `/notes`).
        let absolute = href.starts_with("//") || Url::parse(href).is_ok();
        let under_base = url.origin() == self.base.origin()
            && (self.path.is_empty()
                || url.path() == self.path
                || url.path().starts_with(self.base.path()));
        if url.origin() != self.base.origin() || (absolute && !under_base) {
            return Target::External;
        }
        if climbs_above_root(from, href) {
            return Target::Outside("it leads above the site's root".into());
        }
        let inside = if self.path.is_empty() {
            url.path()
        } else if url.path() == self.path {
            ""
        } else if let Some(inside) = url
            .path()
            .strip_prefix(self.path.as_str())
            .filter(|rest| rest.starts_with('/'))
        {
            inside
        } else {
            return Target::Outside(format!(
                "it is outside the site's base path {}",
                percent_decoded(&self.path)
            ));
        };
        match site_url::resolve(inside) {
            Ok(path) => Target::Internal {
                path,
                fragment: url
                    .fragment()
                    .map(percent_decoded)
                    .filter(|f| !f.is_empty()),
            },
            Err(_) => Target::Outside("it names no file a site can have".into()),
        }
    }
}

/// Whether a relative `href` on the page at `from` climbs above the site's root with one
/// `..` too many. A browser quietly stops at the root, and so does `Url::join`; so the link
/// is followed a second time from a root set below as many placeholder folders as the link
/// has segments, and if one of them is gone the link went past the real root.
fn climbs_above_root(from: &str, href: &str) -> bool {
    // Only a `..` segment climbs, written plainly or with a dot percent-encoded.
    if !href.contains("..") && !href.to_ascii_lowercase().contains("%2e") {
        return false;
    }
    if Url::parse(href) != Err(url::ParseError::RelativeUrlWithoutBase) || href.starts_with("//") {
        return false;
    }
    let floor = "%00/".repeat(href.split(['/', '\\']).count());
    let Ok(root) = Url::parse(&format!("http://probe.invalid/{floor}")) else {
        return false;
    };
    let followed = if href.starts_with(['/', '\\']) {
        root.join(href.trim_start_matches(['/', '\\']))
    } else {
        root.join(from).and_then(|page| page.join(href))
    };
    followed.is_ok_and(|url| !url.path().starts_with(root.path()))
}

fn percent_decoded(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// What one page or feed holds that the link pass needs.
#[derive(Default)]
struct Scanned {
    ids: BTreeSet<String>,
    /// Every `href` and `src`, decoded, in document order.
    references: Vec<String>,
}

/// Collects ids and references from the tokens of one document.
#[derive(Default)]
struct Scanner(RefCell<Scanned>);

impl TokenSink for Scanner {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind != TagKind::StartTag {
            return TokenSinkResult::Continue;
        }
        let mut scanned = self.0.borrow_mut();
        for attribute in tag.attrs {
            match &*attribute.name.local {
                "id" => {
                    scanned.ids.insert(attribute.value.to_string());
                }
                "href" | "src" => scanned.references.push(attribute.value.to_string()),
                _ => {}
            }
        }
        // The tokenizer alone does not know which elements hold text rather than markup;
        // the tree builder would tell it, and here that is us.
        match &*tag.name {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
            "plaintext" => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        }
    }
}

fn scan(document: &str) -> Scanned {
    let tokenizer = Tokenizer::new(Scanner::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(document.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.take()
}

/// Follows every on-site link of every page and feed of `output`; returns the number of
/// pages read.
pub fn check(
    site: &Site,
    output: &Output,
    texts: &Texts,
    templates: &[SourceFile],
    found: &mut Diagnostics,
) -> usize {
    let pages = output
        .values()
        .filter(|file| file.kind == FileKind::Page)
        .count();
    let Some(root) = Root::new(&site.config.base_url) else {
        found.push(Diagnostic::error(
            "site.toml",
            1,
            1,
            format!(
                "links cannot be checked: `base_url` {:?} is not a URL",
                site.config.base_url
            ),
        ));
        return pages;
    };
    let scanned: BTreeMap<&str, Scanned> = output
        .iter()
        .filter(|(_, file)| matches!(file.kind, FileKind::Page | FileKind::Feed))
        .map(|(path, file)| (path.as_str(), scan(&String::from_utf8_lossy(&file.bytes))))
        .collect();

    let places = Places::new(site, templates);
    let held: BTreeMap<String, &Article> = site
        .embargo
        .held
        .iter()
        .map(|a| (site_url::output_path(&a.url), a))
        .collect();
    for (from, page) in &scanned {
        for href in &page.references {
            if href.trim().is_empty() {
                continue;
            }
            let problem = match root.resolve(from, href) {
                Target::External => continue,
                Target::Outside(why) => format!("broken link {href:?}: {why}"),
                Target::Internal { path, fragment } => {
                    if !output.contains_key(&path) {
                        if output.contains_key(&format!("{path}/index.html")) {
                            // A server answers `/x` with `/x/`; a page linked without its
                            // trailing slash is still found.
                            continue;
                        }
                        match held.get(path.as_str()) {
                            // Issue 12: a link to a piece under embargo breaks until the
                            // piece is out; say so rather than call it missing.
                            Some(article) => format!(
                                "broken link {href:?}: it leads to {}, which `build` holds back until {}",
                                article.path.display(),
                                crate::dates::rfc3339(&article.date)
                            ),
                            None => format!("broken link {href:?}: the site has no file {path}"),
                        }
                    } else {
                        let ids = scanned
                            .get(path.as_str())
                            .filter(|_| output[&path].kind == FileKind::Page)
                            .map(|target| &target.ids);
                        match (fragment, ids) {
                            (Some(fragment), Some(ids)) if !ids.contains(&fragment) => format!(
                                "broken link {href:?}: no element with id {fragment:?} on that page"
                            ),
                            _ => continue,
                        }
                    }
                }
            };
            found.extend(places.locate(from, href, texts, &problem));
        }
    }
    pages
}

/// Where the links of the site are written.
struct Places<'s> {
    /// The file each page comes from: its article or page, its author's profile, or its
    /// template.
    page_sources: BTreeMap<String, PathBuf>,
    /// The links of each article, page and profile, by file, with offsets into that file.
    written: BTreeMap<&'s Path, Vec<Destination>>,
    /// Files whose links show on many pages: the profiles (a bio, a photo).
    shared: Vec<&'s Path>,
    templates: &'s [SourceFile],
}

impl<'s> Places<'s> {
    fn new(site: &'s Site, templates: &'s [SourceFile]) -> Self {
        let page_sources = pages::jobs(site)
            .iter()
            .map(|job| (site_url::output_path(&job.url(site)), job.source(site)))
            .collect();
        let mut written: BTreeMap<&Path, Vec<Destination>> = BTreeMap::new();
        for article in &site.articles {
            let destinations = article.body.destinations.iter().map(|d| Destination {
                url: d.url.clone(),
                offset: article.places.body + d.offset,
            });
            let image = article.image.iter().map(|i| Destination {
                url: i.url.clone(),
                offset: i.offset,
            });
            written
                .entry(&article.path)
                .or_default()
                .extend(destinations.chain(image));
        }
        for page in &site.pages {
            let destinations = page.body.destinations.iter().map(|d| Destination {
                url: d.url.clone(),
                offset: page.body_offset + d.offset,
            });
            written.entry(&page.path).or_default().extend(destinations);
        }
        let mut shared = Vec::new();
        for author in &site.authors {
            if let Some(profile) = &author.profile {
                written
                    .entry(profile)
                    .or_default()
                    .extend(author.urls.iter().cloned());
                shared.push(profile.as_path());
            }
        }
        Places {
            page_sources,
            written,
            shared,
            templates,
        }
    }

    /// Pins a broken link to where it is written: wherever the page's own source writes
    /// it, else wherever a profile does (a bio shows on many pages), else in the first
    /// template that holds it, else at the top of the page's source. The built-in theme's
    /// own links are checked by the test suite, so a link written nowhere is rare: one a
    /// template puts together from parts.
    fn locate(&self, from: &str, href: &str, texts: &Texts, message: &str) -> Vec<Diagnostic> {
        let page_source = self.page_sources.get(from);
        let written_in = |path: &Path| -> Vec<Diagnostic> {
            self.written
                .get(path)
                .into_iter()
                .flatten()
                .filter(|d| same_url(&d.url, href))
                .map(|d| texts.at(path, d.offset, message))
                .collect()
        };
        if let Some(found) = page_source
            .map(|p| written_in(p))
            .filter(|found| !found.is_empty())
        {
            return found;
        }
        let found: Vec<Diagnostic> = self.shared.iter().flat_map(|p| written_in(p)).collect();
        if !found.is_empty() {
            return found;
        }
        let decoded = percent_decoded(href);
        let in_template = self.templates.iter().find_map(|template| {
            let offset = written_at(&template.text, href)
                .or_else(|| written_at(&template.text, &decoded))?;
            Some(texts.at(&template.path, offset, message))
        });
        let fallback = || {
            let path = page_source
                .cloned()
                .unwrap_or_else(|| PathBuf::from("templates"));
            Diagnostic::error(path, 1, 1, message)
        };
        vec![in_template.unwrap_or_else(fallback)]
    }
}

/// Whether a destination written in Markdown is the `href` it became: pulldown-cmark
/// percent-encodes what a URL cannot hold, so the two are compared decoded.
fn same_url(written: &str, href: &str) -> bool {
    written.trim() == href.trim() || percent_decoded(written.trim()) == percent_decoded(href.trim())
}

/// Where `url` is written in a template: in quotes, as an attribute value, before anywhere
/// else (`/authors/` is also part of `https://x.org/notes/authors/`). Tera fills a template
/// in as text, so the text is the only record of where a link in it came from.
fn written_at(text: &str, url: &str) -> Option<usize> {
    if url.is_empty() {
        return None;
    }
    text.find(&format!("\"{url}\""))
        .map(|at| at + 1)
        .or_else(|| text.find(url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_read_as_a_browser_reads_them() {
        let html = concat!(
            "<!-- <a href=\"/commented/\"> -->",
            "<p class=x id='intro'>Text with href=\"/text/\" in it</p>",
            "<code>&lt;a href=\"/code/\"&gt;</code>",
            "<script type=\"application/ld+json\">{\"a\":\"<a href='/json/'>\"}</script>",
            "<title><a href=\"/title/\"></title>",
            "<a href=\"/a/?x=1&amp;y=2\" data-href=\"/data/\">a</a>",
            "<img src=/img.png alt>",
            "<br/><a\nhref = \"/spaced/\" ID=Two>b</a>",
            "<a href=\"/caf&eacute;/&#x23;x\">c</a>",
            "<a href=\"/unclosed/",
        );
        let scanned = scan(html);
        assert_eq!(
            scanned.references,
            ["/a/?x=1&y=2", "/img.png", "/spaced/", "/café/#x"]
        );
        assert_eq!(
            scanned.ids.into_iter().collect::<Vec<_>>(),
            ["Two", "intro"]
        );
    }

    #[test]
    fn links_resolve_against_the_page_and_base() {
        let internal = |path: &str, fragment: Option<&str>| Target::Internal {
            path: path.into(),
            fragment: fragment.map(str::to_string),
        };
        let root = Root::new("https://x.org").unwrap();
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
            ("index.html", "/café/", internal("café/index.html", None)),
            (
                "index.html",
                "https://x.org/a/",
                internal("a/index.html", None),
            ),
            (
                "index.html",
                "HTTPS://X.ORG/a/",
                internal("a/index.html", None),
            ),
            ("index.html", "https://x.org", internal("index.html", None)),
            ("index.html", "https://x.org.evil/a/", Target::External),
            ("index.html", "https://y.org/a/", Target::External),
            ("index.html", "http://x.org/a/", Target::External),
            ("index.html", "//y.org/a/", Target::External),
            ("index.html", "mailto:a@b.org", Target::External),
            ("index.html", "https://[::1", Target::External),
        ] {
            assert_eq!(root.resolve(from, href), expected, "{from} → {href}");
        }
        for (from, href) in [
            ("a/index.html", "../../../etc/passwd"),
            ("index.html", "/%2e%2e/x"),
            ("index.html", "..\\x"),
            ("a/b/index.html", "../../.."),
        ] {
            assert_eq!(
                root.resolve(from, href),
                Target::Outside("it leads above the site's root".into()),
                "{from} → {href}"
            );
        }
        // Under a base path, root-relative links must carry it.
        let root = Root::new("https://x.org/notes").unwrap();
        for (href, expected) in [
            ("/notes/a/", internal("a/index.html", None)),
            ("/notes", internal("index.html", None)),
            ("https://x.org/notes/a/", internal("a/index.html", None)),
            ("a/", internal("a/index.html", None)),
        ] {
            assert_eq!(root.resolve("index.html", href), expected, "{href}");
        }
        assert_eq!(
            root.resolve("index.html", "https://x.org/"),
            Target::External
        );
        for href in ["/a/", "/notesx/", "/"] {
            assert_eq!(
                root.resolve("index.html", href),
                Target::Outside("it is outside the site's base path /notes".into()),
                "{href}"
            );
        }
        assert_eq!(
            root.resolve("a/index.html", "../../x/"),
            Target::Outside("it leads above the site's root".into())
        );
    }
}
