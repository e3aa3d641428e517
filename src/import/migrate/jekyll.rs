//! A Jekyll site, read as Jekyll reads it (`lib/jekyll/document.rb`, `readers/`,
//! `url.rb`, `configuration.rb`).
//!
//! - Settings from `_config.yml` (or `.yaml`, `.toml`): `permalink` (a style, `date` by
//!   default, or a pattern; `collections.posts.permalink` wins), `timezone` (without one,
//!   Jekyll uses the zone of the machine that builds, which we take to be UTC, as on GitHub
//!   Pages), `author`, `defaults` (front matter given by scope), `exclude`, `markdown_ext`,
//!   `url` and `baseurl`. People from `_data/authors.yml`, which themes look bylines up in.
//! - Posts: `_posts/**/YYYY-M-D-title.EXT` (and `DIR/_posts/`, whose `DIR` is a category),
//!   Markdown or HTML with YAML front matter. The date and slug come from the file name unless
//!   the front matter gives them; so does the title (`ports-and-power` → "Ports And
//!   Power"). Drafts: `_drafts/**/title.EXT` (dated by front matter, or as Jekyll does by the
//!   file's last change) and `published: false`.
//! - Topics from `categories`/`category` and `tags`/`tag` (a string is space-separated
//!   words), and the folders above `_posts`; bylines from `author`/`authors`.
//! - The old URL: the post's `permalink`, or the site's pattern, expanded in the site's time
//!   zone; `redirect_from` (jekyll-redirect-from) adds the URLs it already redirected.
//! - Pages: Markdown files with front matter outside `_` folders, at `permalink` or
//!   `/:path/:basename.html` (`/:path/:basename/` with `pretty`). The home page and the
//!   not-found page are the theme's, and HTML pages are templates: those are skipped.

use std::collections::BTreeMap;

use jiff::tz::TimeZone;
use serde_json::{Map, Value};

use super::front::{self, Fences};
use super::permalink::{self, JekyllPost};
use super::template::Dialect;
use super::{Document, OldSite, Reading, Reference, Role};
use crate::import::ImportedAuthor;
use crate::table::{self, Format};

/// Jekyll's settings, as far as moving a site needs them.
struct Config {
    tz: TimeZone,
    /// The posts' URL pattern (a style already expanded).
    permalink: String,
    /// Pages end with `/` rather than `.html`.
    pretty: bool,
    defaults: Vec<Default>,
    exclude: Vec<String>,
    markdown_ext: Vec<String>,
}

/// One entry of `defaults`: front matter for the files in a scope.
struct Default {
    path: String,
    /// `posts`, `pages`, `drafts`, or any.
    kind: Option<String>,
    values: Map<String, Value>,
}

/// Reads a Jekyll site.
pub fn read(site: &OldSite) -> Reading {
    let mut reading = Reading::new(Dialect::Liquid, "");
    reading.target = target;
    let config = config(site, &mut reading);
    people(site, &mut reading);
    for (path, file) in &site.files {
        if excluded(path, &config) {
            continue;
        }
        let parts: Vec<&str> = path.split('/').collect();
        let special = parts[..parts.len() - 1]
            .iter()
            .position(|p| p.starts_with('_'))
            .map(|i| (i, parts[i]));
        match special {
            Some((at, "_posts" | "_drafts")) => {
                let categories: Vec<String> = parts[..at].iter().map(|s| s.to_string()).collect();
                let draft = parts[at] == "_drafts";
                post(path, file, &categories, draft, &config, &mut reading);
            }
            // The generator's own folders (`_layouts`, `_includes`, `_data`, `_sass`) and
            // collections other than posts.
            Some(_) => {}
            None => page(path, file, &config, &mut reading),
        }
    }
    reading
}

/// Reads `_config.yml`; a missing one means Jekyll's defaults.
fn config(site: &OldSite, reading: &mut Reading) -> Config {
    let mut config = Config {
        tz: TimeZone::UTC,
        permalink: permalink::jekyll_style("date").to_string(),
        pretty: false,
        defaults: Vec::new(),
        exclude: Vec::new(),
        markdown_ext: ["markdown", "mkdown", "mkdn", "mkd", "md"]
            .map(String::from)
            .to_vec(),
    };
    let Some((path, text)) = site.first_text(&["_config.yml", "_config.yaml", "_config.toml"])
    else {
        return config;
    };
    let format = if path.ends_with(".toml") {
        Format::Toml
    } else {
        Format::Yaml
    };
    let entries = match table::parse(text, format) {
        Ok(entries) => entries,
        Err(e) => {
            reading.problem(path, text, e.offset, e.message);
            return config;
        }
    };
    let at = |key: &str| {
        entries
            .iter()
            .find(|e| e.key == key)
            .map_or(0, |e| e.value_offset)
    };
    let settings: Map<String, Value> = entries
        .iter()
        .map(|e| (e.key.clone(), e.value.clone()))
        .collect();
    if let Some(name) = settings.get("timezone").and_then(front::text) {
        match TimeZone::get(&name) {
            Ok(tz) => config.tz = tz,
            Err(_) => reading.problem(
                path,
                text,
                at("timezone"),
                format!("`timezone` {name:?} is not a time zone Jekyll or broadsheet knows"),
            ),
        }
    }
    let style = settings
        .get("permalink")
        .and_then(front::text)
        .unwrap_or_else(|| "date".into());
    config.pretty = style == "pretty" || style.ends_with('/');
    config.permalink = settings
        .get("collections")
        .and_then(|c| c.get("posts"))
        .and_then(|p| p.get("permalink"))
        .and_then(front::text)
        .unwrap_or_else(|| permalink::jekyll_style(&style).to_string());
    reading.site_author = settings
        .get("author")
        .and_then(|a| super::bylines(a).into_iter().next());
    if let Some(Value::Array(defaults)) = settings.get("defaults") {
        for entry in defaults {
            let scope = entry.get("scope");
            let values = match entry.get("values") {
                Some(Value::Object(values)) => values.clone(),
                _ => continue,
            };
            config.defaults.push(Default {
                path: scope
                    .and_then(|s| s.get("path"))
                    .and_then(front::text)
                    .unwrap_or_default()
                    .trim_matches('/')
                    .to_string(),
                kind: scope.and_then(|s| s.get("type")).and_then(front::text),
                values,
            });
        }
    }
    config.exclude = settings
        .get("exclude")
        .map(front::names)
        .unwrap_or_default();
    if let Some(ext) = settings.get("markdown_ext").and_then(front::text) {
        config.markdown_ext = ext.split(',').map(|e| e.trim().to_lowercase()).collect();
    }
    let url = settings
        .get("url")
        .and_then(front::text)
        .unwrap_or_default();
    let baseurl = settings
        .get("baseurl")
        .and_then(front::text)
        .unwrap_or_default();
    if !url.is_empty() {
        reading.base_url = url::Url::parse(&format!(
            "{}/{}/",
            url.trim_end_matches('/'),
            baseurl.trim_matches('/')
        ))
        .ok();
    }
    config
}

/// `_data/authors.yml`: each key is how posts name an author; `name`, `bio` and a web
/// address fill in the profile.
fn people(site: &OldSite, reading: &mut Reading) {
    let Some((path, text)) = site.first_text(&["_data/authors.yml", "_data/authors.yaml"]) else {
        return;
    };
    let entries = match table::parse(text, Format::Yaml) {
        Ok(entries) => entries,
        Err(e) => {
            reading.warn(
                path,
                text,
                e.offset,
                format!("{}; its authors were not read", e.message),
            );
            return;
        }
    };
    for entry in entries {
        let Value::Object(fields) = &entry.value else {
            continue;
        };
        let field = |key: &str| fields.get(key).and_then(front::text);
        let name = field("name")
            .or_else(|| field("display_name"))
            .unwrap_or_else(|| entry.key.clone());
        let mut links = Vec::new();
        for (key, label) in [
            ("url", "Website"),
            ("website", "Website"),
            ("uri", "Website"),
        ] {
            if let Some(url) = field(key).and_then(|u| url::Url::parse(&u).ok()) {
                if matches!(url.scheme(), "http" | "https") && links.is_empty() {
                    links.push((label.to_string(), url.to_string()));
                }
            }
        }
        reading.people.insert(
            entry.key.clone(),
            ImportedAuthor {
                name,
                bio: field("bio"),
                links,
                ..ImportedAuthor::default()
            },
        );
    }
}

/// Files Jekyll leaves out: `exclude`, its default excludes, and hidden files.
fn excluded(path: &str, config: &Config) -> bool {
    const DEFAULT: &[&str] = &[
        "_site",
        ".sass-cache",
        ".jekyll-cache",
        "gemfiles",
        "Gemfile",
        "Gemfile.lock",
        "node_modules",
        "vendor",
    ];
    path.split('/').any(|p| p.starts_with('.'))
        || DEFAULT
            .iter()
            .map(|d| d.to_string())
            .chain(
                config
                    .exclude
                    .iter()
                    .map(|e| e.trim_matches('/').to_string()),
            )
            .any(|e| !e.is_empty() && (path == e || path.starts_with(&format!("{e}/"))))
}

/// The front matter of a file with the `defaults` that apply to it under it.
fn with_defaults(
    path: &str,
    kind: &str,
    fm: &front::Front,
    config: &Config,
) -> BTreeMap<String, (Value, usize)> {
    let mut merged = BTreeMap::new();
    for default in &config.defaults {
        let in_scope = default.path.is_empty()
            || path == default.path
            || path.starts_with(&format!("{}/", default.path));
        let kind_fits = default
            .kind
            .as_deref()
            .is_none_or(|k| k == kind || (k == "posts" && kind == "drafts"));
        if in_scope && kind_fits {
            for (key, value) in &default.values {
                merged.insert(key.clone(), (value.clone(), 0));
            }
        }
    }
    for (key, value, offset) in &fm.entries {
        merged.insert(key.clone(), (value.clone(), *offset));
    }
    merged
}

/// Front-matter keys a post's reading uses.
const POST_KEYS: &[&str] = &[
    "title",
    "date",
    "slug",
    "author",
    "authors",
    "categories",
    "category",
    "tags",
    "tag",
    "summary",
    "description",
    "excerpt",
    "published",
    "permalink",
    "redirect_from",
    "last_modified_at",
    "image",
];

fn post(
    path: &str,
    file: &super::OldFile,
    categories_from_path: &[String],
    in_drafts: bool,
    config: &Config,
    reading: &mut Reading,
) {
    let name = path.rsplit('/').next().unwrap_or(path);
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return reading.skip("without an extension", path);
    };
    let ext_lower = ext.to_ascii_lowercase();
    let html = matches!(ext_lower.as_str(), "html" | "htm");
    if !html && !config.markdown_ext.contains(&ext_lower) {
        return reading.skip("not Markdown or HTML", path);
    }
    // `YYYY-M-D-slug`: Jekyll's DATE_FILENAME_MATCHER.
    let file_date = if in_drafts {
        None
    } else {
        match super::dated_name(stem) {
            Some(found) => Some(found),
            None => return reading.skip("in _posts/ without a date in the file name", path),
        }
    };
    let Some(text) = file.text.as_deref() else {
        return reading.skip("not UTF-8 text", path);
    };
    let fm = match front::read(text, Fences::Yaml) {
        Ok(Some(fm)) => fm,
        Ok(None) => return reading.skip("without front matter", path),
        Err(e) => return reading.problem(path, text, e.offset, e.message),
    };
    let data = with_defaults(
        path,
        if in_drafts { "drafts" } else { "posts" },
        &fm,
        config,
    );
    let get = |key: &str| data.get(key).map(|(v, _)| v);
    let place = |key: &str| data.get(key).map_or(0, |&(_, offset)| offset);
    let file_slug = match &file_date {
        Some((_, rest)) => *rest,
        None => stem,
    }
    .trim_end_matches('.');
    let slug = get("slug")
        .and_then(front::text)
        .unwrap_or_else(|| file_slug.to_string());

    let mut doc = Document::new(path, Role::Article, fm.body_offset..text.len());
    doc.html = html;
    doc.title = get("title")
        .and_then(front::text)
        .unwrap_or_else(|| super::titleize(file_slug));
    doc.date = match get("date").and_then(front::text) {
        Some(written) => match super::parse_date(&written, &config.tz) {
            Ok(parsed) => Some(parsed),
            Err(e) => return reading.problem(path, text, place("date"), format!("`date`: {e}")),
        },
        None => match &file_date {
            Some((day, _)) => super::parse_date(day, &config.tz).ok(),
            None => {
                let Some(modified) = file.modified else {
                    return reading.problem(
                        path,
                        text,
                        0,
                        "the draft has no `date`, and its file no time of change",
                    );
                };
                reading.warn(
                    path,
                    text,
                    0,
                    "the draft has no `date`; it was dated by its file's last change, as Jekyll dates it",
                );
                Some(crate::dates::Parsed {
                    at: modified.to_zoned_datetime(config.tz.clone()),
                    has_time: true,
                    offset: None,
                })
            }
        },
    };
    if let Some(updated) = get("last_modified_at").and_then(front::text) {
        doc.updated = super::parse_date(&updated, &config.tz).ok();
    }
    if in_drafts {
        doc.draft = Some("in _drafts/".into());
    } else if get("published").and_then(front::boolean) == Some(false) {
        doc.draft = Some("`published: false`".into());
    }
    doc.authors = get("author")
        .or_else(|| get("authors"))
        .map(super::bylines)
        .unwrap_or_default();
    let mut categories: Vec<String> = categories_from_path.to_vec();
    for key in ["categories", "category"] {
        categories.extend(get(key).map(front::words).unwrap_or_default());
    }
    let mut seen = Vec::new();
    categories.retain(|c| {
        let fresh = !seen.contains(c);
        seen.push(c.clone());
        fresh
    });
    doc.topics = categories.clone();
    for key in ["tags", "tag"] {
        doc.topics
            .extend(get(key).map(front::words).unwrap_or_default());
    }
    doc.summary = ["summary", "description", "excerpt"]
        .iter()
        .find_map(|k| get(k).and_then(front::text));
    doc.slug = slug.clone();
    doc.image = get("image").and_then(super::LeadImage::of);
    doc.place("image", &fm, "image");
    doc.place("url", &fm, "permalink");
    doc.place("aliases", &fm, "redirect_from");
    if doc.draft.is_none() {
        if let Some(date) = &doc.date {
            let stem_path = path.rsplit_once('.').map_or(path, |(p, _)| p);
            let post = JekyllPost {
                date: &date.at,
                slug: &slug,
                basename: stem,
                categories: &categories,
                path: stem_path,
            };
            let pattern = get("permalink")
                .and_then(front::text)
                .unwrap_or_else(|| config.permalink.clone());
            match permalink::jekyll_url(&pattern, &post) {
                Ok(url) => doc.old_urls.push(url),
                Err(placeholder) => doc.unknown_urls.push(format!(
                    "its old URL cannot be worked out: Jekyll knows no placeholder {placeholder} in {pattern:?}; it has no alias"
                )),
            }
            doc.old_urls
                .extend(get("redirect_from").map(front::names).unwrap_or_default());
        }
    }
    doc.left_keys = written_keys(&fm, POST_KEYS);
    reading.documents.push(doc);
}

/// A file outside Jekyll's own folders: a Markdown page if it has front matter.
fn page(path: &str, file: &super::OldFile, config: &Config, reading: &mut Reading) {
    let Some(text) = file.text.as_deref() else {
        return;
    };
    let markdown = path
        .rsplit_once('.')
        .is_some_and(|(_, ext)| config.markdown_ext.contains(&ext.to_ascii_lowercase()));
    if !markdown && !super::is_html(path) {
        return;
    }
    let fm = match front::read(text, Fences::Yaml) {
        Ok(Some(fm)) => fm,
        // Without front matter Jekyll copies the file as it is: a static file, not a page.
        Ok(None) => return,
        Err(e) => return reading.problem(path, text, e.offset, e.message),
    };
    let name = path.rsplit('/').next().unwrap_or(path);
    let basename = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let dir = path.rsplit_once('/').map_or("", |(dir, _)| dir);
    if !markdown {
        return reading.skip("HTML pages (templates of the old theme)", path);
    }
    if dir.is_empty() && basename == "index" {
        return reading.skip("the home page, which broadsheet makes itself", path);
    }
    if dir.is_empty() && basename == "404" {
        return reading.skip("the not-found page, which broadsheet makes itself", path);
    }
    let data = with_defaults(path, "pages", &fm, config);
    let get = |key: &str| data.get(key).map(|(v, _)| v);
    let pattern =
        get("permalink")
            .and_then(front::text)
            .unwrap_or_else(|| match (basename, config.pretty) {
                ("index", _) => "/:path/".to_string(),
                (_, true) => "/:path/:basename/".to_string(),
                (_, false) => "/:path/:basename:output_ext".to_string(),
            });
    let old_url = permalink::clean_climbs(
        &pattern
            .replace(":path", dir)
            .replace(":basename", basename)
            .replace(":output_ext", ".html"),
    );
    let mut doc = Document::new(path, Role::Page, fm.body_offset..text.len());
    doc.title = get("title")
        .and_then(front::text)
        .unwrap_or_else(|| super::titleize(basename));
    doc.summary = ["summary", "description", "excerpt"]
        .iter()
        .find_map(|k| get(k).and_then(front::text));
    let last = old_url
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("")
        .trim_end_matches(".html")
        .to_string();
    doc.slug = if last.is_empty() {
        basename.to_string()
    } else {
        last
    };
    doc.old_urls.push(old_url);
    doc.left_keys = written_keys(
        &fm,
        &["title", "summary", "description", "excerpt", "permalink"],
    );
    reading.documents.push(doc);
}

/// The keys a file's own front matter writes that are not among `used` (what `defaults`
/// adds is the site's, not the file's).
fn written_keys(fm: &front::Front, used: &[&str]) -> Vec<String> {
    fm.entries
        .iter()
        .map(|(k, _, _)| k.clone())
        .filter(|k| !used.contains(&k.as_str()))
        .collect()
}

/// `{% post_url 2019-03-04-ports %}` names a post by its file name (perhaps with a folder
/// inside `_posts/` before it); `{% link about.md %}` by its path from the site's root.
fn target(reference: Reference, _from: &str, sources: &[&str]) -> Option<String> {
    match reference {
        Reference::PostUrl(name) => {
            let name = name.trim().trim_matches(['"', '\'']);
            sources
                .iter()
                .find(|source| {
                    let stem = source.rsplit_once('.').map_or(**source, |(s, _)| s);
                    source.contains("_posts/")
                        && (stem.ends_with(&format!("/{name}")) || stem == name)
                })
                .map(|s| s.to_string())
        }
        Reference::Link(path) => {
            let path = path
                .trim()
                .trim_matches(['"', '\''])
                .trim_start_matches('/');
            sources.iter().find(|s| **s == path).map(|s| s.to_string())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> OldSite {
        OldSite {
            files: files
                .iter()
                .map(|(path, text)| {
                    (
                        path.to_string(),
                        super::super::OldFile {
                            text: Some(text.to_string()),
                            modified: None,
                        },
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn a_post_takes_its_date_slug_and_title_from_its_file_name() {
        let read = read(&site(&[
            (
                "_config.yml",
                "timezone: America/Chicago\npermalink: pretty\n",
            ),
            (
                "news/_posts/2019-3-4-ports-and-power.md",
                "---\ncategories: Policy Trade\ntags: [water]\nlayout: post\n---\nBody\n",
            ),
        ]));
        assert!(read.diagnostics.is_empty(), "{:?}", read.diagnostics);
        let doc = &read.documents[0];
        assert_eq!(doc.title, "Ports And Power");
        assert_eq!(doc.slug, "ports-and-power");
        let date = doc.date.as_ref().unwrap();
        assert!(!date.has_time);
        assert_eq!(
            date.at.to_string(),
            "2019-03-04T00:00:00-06:00[America/Chicago]"
        );
        assert_eq!(doc.topics, ["news", "Policy", "Trade", "water"]);
        assert_eq!(
            doc.old_urls,
            ["/news/policy/trade/2019/03/04/ports-and-power/"]
        );
        assert_eq!(doc.left_keys, ["layout"]);
    }

    #[test]
    fn front_matter_wins_and_dates_are_read_in_the_site_zone() {
        let read = read(&site(&[
            ("_config.yml", "timezone: Europe/Berlin\n"),
            (
                "_posts/2019-03-04-x.md",
                "---\ntitle: Late Night\ndate: 2019-03-04 23:30:00 -0800\nslug: night\n---\n",
            ),
        ]));
        let doc = &read.documents[0];
        assert_eq!(doc.title, "Late Night");
        // Jekyll shows the time in its zone: the 5th in Berlin, so the URL says so.
        assert_eq!(doc.old_urls, ["/2019/03/05/night.html"]);
        assert_eq!(
            doc.date.as_ref().unwrap().offset.map(|o| o.seconds()),
            Some(-8 * 3600)
        );
    }

    #[test]
    fn drafts_and_unpublished_posts_have_no_old_url() {
        let mut old = site(&[
            ("_drafts/thinking-aloud.md", "---\ntitle: Thinking\n---\n"),
            (
                "_posts/2019-01-02-hidden.md",
                "---\npublished: false\n---\n",
            ),
        ]);
        old.files
            .get_mut("_drafts/thinking-aloud.md")
            .unwrap()
            .modified = Some("2020-05-06T07:08:09Z".parse().unwrap());
        let read = read(&old);
        let reasons: Vec<_> = read
            .documents
            .iter()
            .map(|d| d.draft.clone().unwrap())
            .collect();
        assert_eq!(reasons, ["in _drafts/", "`published: false`"]);
        assert!(read.documents.iter().all(|d| d.old_urls.is_empty()));
        assert_eq!(read.diagnostics.len(), 1, "the draft dated by its file");
    }

    #[test]
    fn what_is_not_a_post_is_named() {
        let read = read(&site(&[
            ("_posts/notes.md", "---\n---\n"),
            ("_posts/2019-01-02-x.textile", "---\n---\n"),
            ("_posts/2019-01-03-y.md", "No front matter\n"),
            ("index.md", "---\nlayout: home\n---\n"),
            (
                "about.md",
                "---\ntitle: About\npermalink: /about/\n---\nWe are.\n",
            ),
            ("_layouts/post.html", "---\n---\n{{ content }}"),
            ("README.md", "Hello\n"),
        ]));
        let skipped: Vec<(&str, &[String])> = read
            .skipped
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_slice()))
            .collect();
        assert_eq!(
            skipped,
            [
                (
                    "in _posts/ without a date in the file name",
                    &["_posts/notes.md".to_string()][..]
                ),
                (
                    "not Markdown or HTML",
                    &["_posts/2019-01-02-x.textile".to_string()][..]
                ),
                (
                    "the home page, which broadsheet makes itself",
                    &["index.md".to_string()][..]
                ),
                (
                    "without front matter",
                    &["_posts/2019-01-03-y.md".to_string()][..]
                ),
            ]
        );
        assert_eq!(read.documents.len(), 1);
        assert_eq!(read.documents[0].role, Role::Page);
        assert_eq!(read.documents[0].old_urls, ["/about/"]);
    }

    #[test]
    fn references_find_posts_and_pages() {
        let sources = [
            "_posts/2019-03-04-ports.md",
            "_posts/sub/2020-01-01-x.html",
            "about.md",
        ];
        let find = |r| target(r, "x", &sources);
        assert_eq!(
            find(Reference::PostUrl("2019-03-04-ports")).as_deref(),
            Some(sources[0])
        );
        assert_eq!(
            find(Reference::PostUrl("sub/2020-01-01-x")).as_deref(),
            Some(sources[1])
        );
        assert_eq!(
            find(Reference::Link("/about.md")).as_deref(),
            Some("about.md")
        );
        assert_eq!(find(Reference::PostUrl("2019-03-04-gone")), None);
    }
}
