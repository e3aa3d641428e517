//! A WordPress export (WXR) turned into a broadsheet site (issue 11): posts into articles,
//! pages into standalone pages, users and Co-Authors Plus guest authors into profiles.
//!
//! The export is read twice, each time as a stream (`reader`): a [`Survey`] first reads the
//! whole file, so a malformed one is refused before anything is converted, and learns who
//! everyone is (bylines can name a guest author whose record comes later) and where every
//! file will go; then [`convert`] turns one item at a time into its file. Bodies are
//! `html`'s. Everything here is pure; the `import` command owns the disk, staging the files
//! and moving them into place only when all are written.
//!
//! The rules, in the order an item meets them:
//! - `wp:post_type` `post` → an article, `page` → `content/pages/<slug>.md`; attachments,
//!   menu items, revisions, guest-author records and any other type are counted, not
//!   imported. An item without a title is reported with its post id and skipped.
//! - `wp:status` `publish` → published; `draft`, `pending`, `private`, `future` →
//!   `draft = true`; `trash`, `auto-draft` and `inherit` are skipped. Only published pages
//!   are imported (a page has no `draft` key).
//! - Bylines: Co-Authors Plus terms (`<category domain="author" nicename="cap-…">`) in their
//!   order, each resolved to a guest-author record or a WordPress user; without them,
//!   `dc:creator` through `wp:author` to its display name.
//! - `date` from `wp:post_date_gmt`, or `wp:post_date` in the site's time zone when the GMT
//!   date is `0000-00-00 00:00:00` (WordPress leaves drafts so).
//! - `tags` from categories and tags, one topic per name, "Uncategorized" dropped.
//! - `summary` from the excerpt, else Yoast's meta description (unless it is a template
//!   such as `%%excerpt%%`).
//! - `slug` from `wp:post_name` (percent-decoded, then made a slug: nothing in it can leave
//!   `content/`), else from the title; `aliases` holds the old permalink's path when it
//!   differs from the new URL; `[original] url` is Yoast's canonical when it points off-site.

pub mod html;
pub mod reader;

use std::collections::{BTreeMap, BTreeSet};

use jiff::ZonedDateTime;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use toml_edit::{Array, DocumentMut, Item as TomlItem, Table, value};
use url::Url;

use super::ImportedAuthor;
use crate::model::url as site_url;
pub use reader::{Channel, Item, Record, User, XmlError, read};

/// What the site adds to an export.
#[derive(Clone, Copy, Debug)]
pub struct Options<'a> {
    /// The site's time zone: dates are written in it, and a draft's local date read in it.
    pub tz: &'a TimeZone,
    /// The site's permalink pattern, to tell whether an old permalink needs an alias.
    pub permalink: &'a str,
}

/// What an item becomes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An article; `status` is WordPress's (`publish`, `draft`, `pending`, `private`,
    /// `future`).
    Article {
        status: String,
    },
    Page,
}

/// A post or page the survey found importable, and where it goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planned {
    pub kind: Kind,
    /// Relative to `content/`, `/`-separated: `2019/ports-and-power.md`, `pages/about.md`.
    pub path: String,
    pub slug: String,
    pub post_id: String,
}

/// A warning about one item, at the byte offset of its `<item>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub offset: u64,
    pub message: String,
}

/// A Co-Authors Plus guest author, from its `guest-author` item.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Guest {
    display_name: String,
    first_name: String,
    last_name: String,
    login: String,
    description: String,
    website: String,
}

/// The first reading of an export: the old site, its people, where every importable item
/// goes, and what is skipped.
#[derive(Clone, Debug, Default)]
pub struct Survey {
    pub channel: Channel,
    users: BTreeMap<String, User>,
    guests: BTreeMap<String, Guest>,
    /// Keyed by the item's offset, which is the same in the second reading.
    pub planned: BTreeMap<u64, Planned>,
    /// Skipped items by kind, as singular nouns for the summary: `attachment`, `menu item`,
    /// `` `podcast` item `` for a custom post type…
    pub skipped: BTreeMap<String, usize>,
    pub notes: Vec<Note>,
}

impl Survey {
    /// Reads an export through, planning every item; `Err` at the first place it is not a
    /// readable export.
    pub fn of<R: std::io::BufRead>(input: R, options: &Options) -> Result<Survey, XmlError> {
        let mut survey = Survey::default();
        read(input, |record| survey.add(record, options))?;
        survey.settle();
        Ok(survey)
    }

    fn add(&mut self, record: Record, options: &Options) {
        match record {
            Record::Channel(channel) => self.channel = channel,
            Record::User(user) => {
                self.users.insert(user.login.clone(), user);
            }
            Record::Item(item) => self.plan(&item, options),
        }
    }

    fn skip(&mut self, kind: &str) {
        *self.skipped.entry(kind.to_string()).or_default() += 1;
    }

    fn plan(&mut self, item: &Item, options: &Options) {
        let kind = match (item.post_type.as_str(), item.status.as_str()) {
            ("post", "publish" | "draft" | "pending" | "private" | "future") => Kind::Article {
                status: item.status.clone(),
            },
            ("post", _) => return self.skip("discarded post"),
            ("page", "publish") => Kind::Page,
            ("page", _) => return self.skip("unpublished page"),
            ("attachment", _) => return self.skip("attachment"),
            ("nav_menu_item", _) => return self.skip("menu item"),
            ("revision", _) => return self.skip("revision"),
            ("guest-author", _) => {
                self.guests.insert(item.post_name.clone(), guest(item));
                return self.skip("guest-author record");
            }
            (other, _) => return self.skip(&format!("`{other}` item")),
        };
        let Some(title) = title_of(item) else {
            self.notes.push(Note {
                offset: item.offset,
                message: format!(
                    "the item with post id {} has no title; it was skipped",
                    shown_id(item)
                ),
            });
            return self.skip("untitled item");
        };
        let slug = slug_of(item, &title);
        let path = match &kind {
            Kind::Page => format!("pages/{slug}.md"),
            Kind::Article { .. } => match date_of(item, options.tz) {
                Some(date) => format!("{:04}/{slug}.md", date.year()),
                None => {
                    self.notes.push(Note {
                        offset: item.offset,
                        message: format!(
                            "the post with id {} has no readable `wp:post_date` ({:?}); it was \
                             skipped",
                            shown_id(item),
                            item.post_date
                        ),
                    });
                    return self.skip("undated post");
                }
            },
        };
        self.planned.insert(
            item.offset,
            Planned {
                kind,
                path,
                slug,
                post_id: item.post_id.clone(),
            },
        );
    }

    /// Gives every planned file its own path: when two items would share one (drafts with
    /// one title, say), the later gets its post id after its slug.
    fn settle(&mut self) {
        let mut taken = BTreeSet::new();
        for planned in self.planned.values_mut() {
            if !taken.insert(planned.path.clone()) {
                let suffix = site_url::slugify(&planned.post_id);
                planned.slug = format!("{}-{suffix}", planned.slug);
                let dir = planned.path.rsplit_once('/').map_or("", |(d, _)| d);
                planned.path = format!("{dir}/{}.md", planned.slug);
                taken.insert(planned.path.clone());
            }
        }
    }

    /// The old site's address, for resolving relative links.
    pub fn old_site(&self) -> Option<Url> {
        [&self.channel.link, &self.channel.base_blog_url]
            .into_iter()
            .find_map(|link| {
                let mut url = Url::parse(link).ok()?;
                if !url.path().ends_with('/') {
                    let path = format!("{}/", url.path());
                    url.set_path(&path);
                }
                Some(url)
            })
    }

    /// The byline of an item, in order: its Co-Authors Plus terms, or else its creator.
    fn byline(&self, item: &Item) -> Vec<ImportedAuthor> {
        let terms: Vec<&reader::Term> =
            item.terms.iter().filter(|t| t.domain == "author").collect();
        let mut authors: Vec<ImportedAuthor> = if terms.is_empty() {
            vec![self.user_author(&item.creator)]
        } else {
            terms.iter().map(|term| self.term_author(term)).collect()
        };
        let mut seen = BTreeSet::new();
        authors.retain(|a| !a.name.is_empty() && seen.insert(a.name.clone()));
        authors
    }

    fn term_author(&self, term: &reader::Term) -> ImportedAuthor {
        if let Some(guest) = self.guests.get(&term.nicename) {
            let name = first_filled(&[
                &guest.display_name,
                &format!("{} {}", guest.first_name, guest.last_name),
                &guest.login,
            ]);
            let website = guest.website.trim();
            return ImportedAuthor {
                name: single_line(&decode_entities(&name)),
                // The parsed form, not the text: `http:/host/` parses (and means
                // `http://host/`), but a profile takes only the written-out form.
                links: match Url::parse(website) {
                    Ok(url) if matches!(url.scheme(), "http" | "https") => {
                        vec![("Website".to_string(), url.to_string())]
                    }
                    _ => Vec::new(),
                },
                bio: Some(plain_text(&guest.description)).filter(|b| !b.is_empty()),
                ..ImportedAuthor::default()
            };
        }
        let login = term.nicename.strip_prefix("cap-").unwrap_or(&term.nicename);
        let user = self.users.get(term.name.trim()).or_else(|| {
            self.users
                .values()
                .find(|u| site_url::slugify(&u.login) == login)
        });
        match user {
            Some(user) => self.user_author(&user.login),
            None => ImportedAuthor {
                name: single_line(&decode_entities(&term.name)),
                ..ImportedAuthor::default()
            },
        }
    }

    fn user_author(&self, login: &str) -> ImportedAuthor {
        let name = match self.users.get(login.trim()) {
            Some(user) => first_filled(&[
                &user.display_name,
                &format!("{} {}", user.first_name, user.last_name),
                &user.login,
            ]),
            None => login.to_string(),
        };
        ImportedAuthor {
            name: single_line(&decode_entities(&name)),
            ..ImportedAuthor::default()
        }
    }
}

/// One item, converted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Converted {
    pub kind: Kind,
    /// As planned by the survey, relative to `content/`.
    pub path: String,
    pub text: String,
    pub authors: Vec<ImportedAuthor>,
    pub topics: Vec<String>,
    pub aliases: usize,
    /// A published item whose old permalink is a query string (`?p=123`), which a static
    /// host cannot redirect.
    pub query_permalink: bool,
    pub external_images: usize,
}

/// Converts an item the survey planned; `None` for any other.
pub fn convert(item: &Item, survey: &Survey, options: &Options) -> Option<Converted> {
    let planned = survey.planned.get(&item.offset)?;
    let title = title_of(item)?;
    let old_site = survey.old_site();
    let body = html::to_markdown(&item.content, old_site.as_ref());
    let summary = summary_of(item);
    let mut front = DocumentMut::new();
    front["title"] = value(&title);
    let mut converted = Converted {
        kind: planned.kind.clone(),
        path: planned.path.clone(),
        text: String::new(),
        authors: Vec::new(),
        topics: Vec::new(),
        aliases: 0,
        query_permalink: false,
        external_images: body.external_images,
    };
    match &planned.kind {
        Kind::Page => {
            if let Some(summary) = &summary {
                front["summary"] = value(summary);
            }
            front["slug"] = value(&planned.slug);
        }
        Kind::Article { status } => {
            let date = date_of(item, options.tz)?;
            let date_text = jiff::fmt::strtime::format("%Y-%m-%dT%H:%M:%S%:z", &date)
                .unwrap_or_else(|_| date.timestamp().to_string());
            front["date"] = value(date_text);
            converted.authors = survey.byline(item);
            match converted.authors.as_slice() {
                [] => {}
                [one] => front["author"] = value(&one.name),
                many => {
                    front["authors"] =
                        value(many.iter().map(|a| a.name.as_str()).collect::<Array>())
                }
            }
            converted.topics = topics_of(item);
            if !converted.topics.is_empty() {
                front["tags"] = value(converted.topics.iter().collect::<Array>());
            }
            if let Some(summary) = &summary {
                front["summary"] = value(summary);
            }
            front["slug"] = value(&planned.slug);
            let published = status == "publish";
            if !published {
                front["draft"] = value(true);
            }
            let new_url = site_url::permalink(options.permalink, &date, &planned.slug);
            match old_path(&item.link, old_site.as_ref()) {
                OldPath::Path(path) if published && path != new_url => {
                    front["aliases"] = value(Array::from_iter([path]));
                    converted.aliases = 1;
                }
                OldPath::Query if published => converted.query_permalink = true,
                _ => {}
            }
            if let Some(canonical) = off_site_canonical(item, old_site.as_ref()) {
                let mut original = Table::new();
                original["url"] = value(canonical);
                original.decor_mut().set_prefix("\n");
                front["original"] = TomlItem::Table(original);
            }
        }
    }
    converted.text = format!("+++\n{front}+++\n\n{}", body.markdown);
    Some(converted)
}

/// The item's title, entities decoded once; `None` when it has none.
fn title_of(item: &Item) -> Option<String> {
    let title = single_line(&decode_entities(item.title.as_deref()?));
    (!title.is_empty()).then_some(title)
}

fn shown_id(item: &Item) -> &str {
    if item.post_id.is_empty() {
        "(none)"
    } else {
        &item.post_id
    }
}

/// `wp:post_name`, percent-decoded (WordPress stores non-ASCII slugs encoded), as a slug;
/// the title's slug when it has none worth the name (`%2e%2e` decodes to `..`).
fn slug_of(item: &Item, title: &str) -> String {
    let decoded = percent_encoding::percent_decode_str(&item.post_name).decode_utf8_lossy();
    let source = if decoded.chars().any(char::is_alphanumeric) {
        decoded.as_ref()
    } else {
        title
    };
    site_url::slugify(source)
}

/// The item's date in the site's time zone.
fn date_of(item: &Item, tz: &TimeZone) -> Option<ZonedDateTime> {
    let civil = |text: &str| DateTime::strptime("%Y-%m-%d %H:%M:%S", text.trim()).ok();
    let gmt = item.post_date_gmt.trim();
    if !gmt.is_empty() && !gmt.starts_with("0000-00-00") {
        return civil(gmt)?
            .to_zoned_datetime(TimeZone::UTC)
            .ok()
            .map(|z| z.with_time_zone(tz.clone()));
    }
    civil(&item.post_date)?.to_zoned_datetime(tz.clone()).ok()
}

/// Categories and tags, one topic per name (told apart as slugs are, so `Trade` and `trade`
/// are one), in the export's order, "Uncategorized" dropped.
fn topics_of(item: &Item) -> Vec<String> {
    let mut seen = BTreeSet::new();
    item.terms
        .iter()
        .filter(|t| matches!(t.domain.as_str(), "category" | "post_tag"))
        .map(|t| single_line(&decode_entities(&t.name)))
        .filter(|name| !name.is_empty())
        .filter(|name| {
            let slug = site_url::slugify(name);
            slug != "uncategorized" && seen.insert(slug)
        })
        .collect()
}

/// The excerpt as plain text, else Yoast's meta description when it is not a template.
fn summary_of(item: &Item) -> Option<String> {
    let excerpt = plain_text(&item.excerpt);
    if !excerpt.is_empty() {
        return Some(excerpt);
    }
    let description = plain_text(item.meta("_yoast_wpseo_metadesc").unwrap_or(""));
    (!description.is_empty() && !description.contains("%%")).then_some(description)
}

enum OldPath {
    /// A path on the old site, safe to redirect from.
    Path(String),
    /// `?p=123`: nothing a static host can answer.
    Query,
    /// Another host, no link, or a path that climbs out of the site.
    None,
}

/// The old permalink's path, when a static host can redirect it: on the old site's host,
/// without a query string, with no `.` or `..` segment (encoded or not).
fn old_path(link: &str, old_site: Option<&Url>) -> OldPath {
    let Ok(url) = Url::parse(html::absolute(link, old_site).as_str()) else {
        return OldPath::None;
    };
    if old_site.is_some_and(|site| site.host_str() != url.host_str()) {
        return OldPath::None;
    }
    if url.query().is_some() {
        return OldPath::Query;
    }
    let path = url.path();
    let climbs = path.split('/').any(|segment| {
        let decoded = percent_encoding::percent_decode_str(segment).decode_utf8_lossy();
        decoded == "." || decoded == ".." || decoded.contains(['\\', '\0'])
    });
    if climbs || path == "/" {
        return OldPath::None;
    }
    OldPath::Path(path.to_string())
}

/// Yoast's canonical, when it points away from the old site: the piece first ran there.
fn off_site_canonical(item: &Item, old_site: Option<&Url>) -> Option<String> {
    let canonical = item.meta("_yoast_wpseo_canonical")?.trim();
    let url = Url::parse(canonical).ok()?;
    let off_site = matches!(url.scheme(), "http" | "https")
        && old_site.is_none_or(|site| site.host_str() != url.host_str());
    off_site.then(|| url.to_string())
}

fn guest(item: &Item) -> Guest {
    let meta = |key: &str| item.meta(key).unwrap_or("").trim().to_string();
    Guest {
        display_name: meta("cap-display_name"),
        first_name: meta("cap-first_name"),
        last_name: meta("cap-last_name"),
        login: meta("cap-user_login"),
        description: meta("cap-description"),
        website: meta("cap-website"),
    }
}

fn first_filled(candidates: &[&str]) -> String {
    candidates
        .iter()
        .map(|c| c.trim())
        .find(|c| !c.is_empty())
        .unwrap_or("")
        .to_string()
}

fn single_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// HTML as one line of plain text: tags dropped, entities decoded once, spaces collapsed.
fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            rest = &rest[open..];
            break;
        };
        // A tag that breaks a line leaves a space; an inline one (`<em>`) leaves nothing.
        let name: String = rest[open + 1..open + close]
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if matches!(
            name.as_str(),
            "br" | "p" | "div" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
        ) {
            text.push(' ');
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    single_line(&decode_entities(&text))
}

/// Decodes HTML's character references once: `&amp;` → `&`, `&#039;` → `'`, `&rsquo;` → `’`,
/// `&amp;lt;` → `&lt;`. Anything that is not a reference is kept as written, `<tags>`
/// included.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match reference(rest) {
            Some((decoded, len)) => {
                out.push_str(&decoded);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text a reference at the start of `text` stands for, and its length.
fn reference(text: &str) -> Option<(String, usize)> {
    let end = text[1..].find(';')? + 1;
    let name = &text[1..end];
    if name.is_empty() || name.len() > 32 {
        return None;
    }
    let decoded = if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        let c = char::from_u32(code).filter(|&c| c != '\0')?;
        c.to_string()
    } else {
        if !name.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        let &(first, second) = html5ever::data::NAMED_ENTITIES.get(&text[1..=end])?;
        [first, second]
            .into_iter()
            .filter(|&c| c != 0)
            .filter_map(char::from_u32)
            .collect()
    };
    Some((decoded, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_decoded_once() {
        let cases = [
            ("Ports &amp; Power", "Ports & Power"),
            ("Don&#039;t &#8217;n&#x2019;", "Don't ’n’"),
            ("&amp;lt;html&amp;gt;", "&lt;html&gt;"),
            ("Why <html> matters", "Why <html> matters"),
            ("&rsquo;&hellip;&notanentity; & &;", "’…&notanentity; & &;"),
            ("&#0; &#xD800; &#99999999;", "&#0; &#xD800; &#99999999;"),
        ];
        for (text, want) in cases {
            assert_eq!(decode_entities(text), want, "{text}");
        }
    }

    /// Found by the `wxr` fuzz target (crash-a645fb00): a guest author's website of
    /// `http:/lsne/a.example.com/` parses as a URL, but written as it was it made a profile
    /// that `build` refuses.
    #[test]
    fn fuzz_crash_a_website_is_written_in_its_parsed_form() {
        let mut survey = Survey::default();
        survey.guests.insert(
            "cap-lena".into(),
            Guest {
                display_name: "Lena Ortiz".into(),
                website: "http:/lsne/a.example.com/".into(),
                ..Guest::default()
            },
        );
        let term = reader::Term {
            domain: "author".into(),
            nicename: "cap-lena".into(),
            name: "lena".into(),
        };
        let author = survey.term_author(&term);
        assert_eq!(
            author.links,
            [(
                "Website".to_string(),
                "http://lsne/a.example.com/".to_string()
            )]
        );
        let profile = crate::import::profile_file(&author);
        crate::front_matter::parse_profile(std::path::Path::new("content/authors/l.md"), &profile)
            .unwrap_or_else(|e| panic!("{e:?}\n{profile}"));
    }

    #[test]
    fn slugs_cannot_climb_out() {
        let item = |name: &str| Item {
            post_name: name.to_string(),
            ..Item::default()
        };
        assert_eq!(slug_of(&item("../../etc"), "T"), "etc");
        assert_eq!(slug_of(&item("%2e%2e"), "The Title"), "the-title");
        assert_eq!(slug_of(&item("%2e%2e%2fpasswd"), "T"), "passwd");
        assert_eq!(slug_of(&item("%e6%b8%af"), "T"), "gang");
        assert_eq!(slug_of(&item(""), "Ports & Power"), "ports-power");
    }

    #[test]
    fn old_paths_are_redirectable_only_when_safe() {
        let site = Url::parse("https://old.example.org/").unwrap();
        let path = |link: &str| match old_path(link, Some(&site)) {
            OldPath::Path(p) => format!("path {p}"),
            OldPath::Query => "query".into(),
            OldPath::None => "none".into(),
        };
        assert_eq!(
            path("https://old.example.org/2019/03/ports/"),
            "path /2019/03/ports/"
        );
        assert_eq!(path("/2019/03/ports/"), "path /2019/03/ports/");
        assert_eq!(path("https://old.example.org/?p=123"), "query");
        assert_eq!(path("https://elsewhere.example.com/x/"), "none");
        // The URL parser resolves encoded dot segments, so what is left is a path inside the
        // site, never above it.
        assert_eq!(
            path("https://old.example.org/a/%2e%2e/%2e%2e/etc/"),
            "path /etc/"
        );
        assert_eq!(path(""), "none");
    }
}
