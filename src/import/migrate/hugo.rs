//! A Hugo site, read as Hugo reads it (`resources/page/page_paths.go`, `permalinks.go`,
//! `pagemeta/page_frontmatter.go`, `hugolib/page__output.go`).
//!
//! - Settings from `hugo.toml`/`.yaml`/`.json` (or `config.*`, or `config/_default/`), whose
//!   keys Hugo reads in any case: `contentDir`, `staticDir`, `timeZone` (UTC without one),
//!   `permalinks` (by section, in the old and the `[permalinks.page]` form), `taxonomies`
//!   (`tags` and `categories` unless it says otherwise), `[params] author`, `uglyURLs`,
//!   `disablePathToLower`, `[frontmatter] date` (`:filename` dates a page by its file
//!   name), `baseURL`, and the languages of a multilingual site.
//! - Content: each Markdown or HTML file under `content/` with TOML, YAML or JSON front
//!   matter, whose keys are read in any case too. `index.md` makes a leaf bundle, whose other
//!   files are its resources; `_index.md` makes a section or list page, not an article. A
//!   page in a section with a date is an article; a page at the top of `content/`, or
//!   without any date, is a standalone page. Translations into other languages are skipped.
//! - Dates: `.Date` (`date`, else `publishDate`, else `lastmod`) makes the URL; the article
//!   is dated by `publishDate`, else `date`; `lastmod` is its `updated`. Without an offset
//!   they are read in `timeZone`.
//! - Topics from every taxonomy but `authors` (the byline) and `series` (the series);
//!   bylines from `authors`, `author`, `params.author`, then the site's author.
//! - The old URL: `url` as written; else the section's permalink pattern; else the section
//!   folders and the slug (or file or bundle name), lowercased as Hugo does. `aliases` are
//!   kept, a relative one resolved against the page's folder, as Hugo resolves it.

use std::collections::BTreeMap;

use jiff::tz::TimeZone;
use serde_json::{Map, Value};

use super::front::{self, Fences};
use super::permalink::{self, HugoPage};
use super::template::Dialect;
use super::{Document, OldSite, Reading, Reference, Role};

/// Hugo's settings, as far as moving a site needs them.
struct Config {
    content: String,
    tz: TimeZone,
    /// Section → pattern.
    permalinks: BTreeMap<String, String>,
    /// Front-matter keys of the taxonomies (their plural names).
    taxonomies: Vec<String>,
    ugly: bool,
    lowercase: bool,
    filename_dates: bool,
    /// Languages other than the default, for telling translations apart.
    other_languages: Vec<String>,
    default_language: String,
}

const CONFIG_FILES: &[&str] = &[
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
    "config/_default/hugo.toml",
    "config/_default/hugo.yaml",
    "config/_default/hugo.yml",
    "config/_default/hugo.json",
    "config/_default/config.toml",
    "config/_default/config.yaml",
    "config/_default/config.yml",
    "config/_default/config.json",
];

/// Reads a Hugo site.
pub fn read(site: &OldSite) -> Reading {
    let mut reading = Reading::new(Dialect::Hugo, "static");
    reading.target = target;
    let config = config(site, &mut reading);
    let prefix = format!("{}/", config.content);
    let content: Vec<(&str, &super::OldFile)> = site
        .files
        .iter()
        .filter_map(|(path, file)| Some((path.strip_prefix(&prefix)?, file)))
        .filter(|(rel, _)| !rel.split('/').any(|p| p.starts_with('.')))
        .collect();
    // Folders holding an `index.*` (leaf bundles) or `_index.*` (branch bundles).
    let index_of = |rel: &str, index: &str| {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        name.rsplit_once('.').is_some_and(|(stem, _)| {
            stem == index || stem.strip_prefix(index).is_some_and(|l| l.starts_with('.'))
        }) && (super::is_markdown(rel) || super::is_html(rel))
    };
    let dir_of = |rel: &str| rel.rsplit_once('/').map_or("", |(d, _)| d).to_string();
    let leaves: Vec<String> = content
        .iter()
        .filter(|(rel, _)| index_of(rel, "index"))
        .map(|(rel, _)| dir_of(rel))
        .collect();
    let branches: Vec<String> = content
        .iter()
        .filter(|(rel, _)| index_of(rel, "_index"))
        .map(|(rel, _)| dir_of(rel))
        .collect();
    let in_leaf = |rel: &str| {
        leaves
            .iter()
            .any(|leaf| leaf.is_empty() || rel.starts_with(&format!("{leaf}/")))
    };
    for (rel, file) in content {
        let path = format!("{prefix}{rel}");
        let is_content = super::is_markdown(rel) || super::is_html(rel);
        if index_of(rel, "_index") {
            reading.skip("section and list pages (`_index.md`)", &path);
            continue;
        }
        if index_of(rel, "index") {
            page(&path, rel, file, true, &config, &mut reading);
            continue;
        }
        if in_leaf(rel) {
            // A resource of a leaf bundle: copied with its page.
            continue;
        }
        if !is_content {
            let other_format = [
                ".org",
                ".adoc",
                ".asciidoc",
                ".rst",
                ".pandoc",
                ".pdc",
                ".ipynb",
            ]
            .iter()
            .any(|ext| rel.ends_with(ext));
            let why = if other_format {
                "not Markdown or HTML"
            } else if branches.contains(&dir_of(rel)) {
                "resources of section pages"
            } else {
                "not content (outside any page bundle)"
            };
            reading.skip(why, &path);
            continue;
        }
        page(&path, rel, file, false, &config, &mut reading);
    }
    reading
}

/// The site's settings file, its keys in lowercase, merged with the files of
/// `config/_default/` that hold one setting each.
fn config(site: &OldSite, reading: &mut Reading) -> Config {
    let mut settings = Map::new();
    if let Some((path, text)) = site.first_text(CONFIG_FILES) {
        match parse_settings(path, text) {
            Ok(map) => settings = map,
            Err((offset, message)) => reading.problem(path, text, offset, message),
        }
    }
    for key in ["permalinks", "taxonomies", "params", "languages"] {
        let files: Vec<String> = ["toml", "yaml", "yml", "json"]
            .iter()
            .map(|ext| format!("config/_default/{key}.{ext}"))
            .collect();
        let files: Vec<&str> = files.iter().map(String::as_str).collect();
        if let Some((path, text)) = site.first_text(&files) {
            match parse_settings(path, text) {
                Ok(map) => {
                    settings.insert(key.to_string(), Value::Object(map));
                }
                Err((offset, message)) => reading.problem(path, text, offset, message),
            }
        }
    }
    let text = |key: &str| settings.get(key).and_then(front::text);
    let mut config = Config {
        content: text("contentdir").unwrap_or_else(|| "content".into()),
        tz: TimeZone::UTC,
        permalinks: BTreeMap::new(),
        taxonomies: vec!["tags".into(), "categories".into()],
        ugly: settings.get("uglyurls").and_then(front::boolean) == Some(true),
        lowercase: settings.get("disablepathtolower").and_then(front::boolean) != Some(true),
        filename_dates: settings
            .get("frontmatter")
            .and_then(|f| f.get("date"))
            .map(front::names)
            .is_some_and(|d| d.iter().any(|k| k == ":filename")),
        other_languages: Vec::new(),
        default_language: text("defaultcontentlanguage").unwrap_or_else(|| "en".into()),
    };
    if let Some(dir) = text("staticdir") {
        reading.static_dir = dir.trim_matches('/').to_string();
    }
    if let Some(zone) = text("timezone") {
        match TimeZone::get(&zone) {
            Ok(tz) => config.tz = tz,
            Err(_) => reading
                .diagnostics
                .push(crate::diagnostic::Diagnostic::error(
                    "hugo.toml",
                    1,
                    1,
                    format!("`timeZone` {zone:?} is not a time zone Hugo or broadsheet knows"),
                )),
        }
    }
    if let Some(Value::Object(permalinks)) = settings.get("permalinks") {
        let pages = match permalinks.get("page") {
            Some(Value::Object(pages)) => pages,
            _ => permalinks,
        };
        for (section, pattern) in pages {
            if let Some(pattern) = front::text(pattern) {
                config.permalinks.insert(section.clone(), pattern);
            }
        }
    }
    if let Some(Value::Object(taxonomies)) = settings.get("taxonomies") {
        config.taxonomies = taxonomies.values().filter_map(front::text).collect();
    }
    let params = settings.get("params");
    reading.site_author = [params.and_then(|p| p.get("author")), settings.get("author")]
        .into_iter()
        .flatten()
        .find_map(|a| super::bylines(a).into_iter().next());
    if let Some(Value::Object(languages)) = settings.get("languages") {
        config.other_languages = languages
            .keys()
            .filter(|l| **l != config.default_language)
            .cloned()
            .collect();
    }
    reading.base_url = text("baseurl").and_then(|u| {
        let with_slash = if u.ends_with('/') { u } else { format!("{u}/") };
        url::Url::parse(&with_slash).ok()
    });
    config
}

/// A settings file as a map with every key in lowercase; `Err` at an offset.
fn parse_settings(path: &str, text: &str) -> Result<Map<String, Value>, (usize, String)> {
    let map = if path.ends_with(".json") {
        match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(map)) => map,
            Ok(_) => return Err((0, "the settings must be a JSON object".into())),
            Err(e) => return Err((0, format!("invalid JSON: {e}"))),
        }
    } else {
        let format = if path.ends_with(".toml") {
            crate::table::Format::Toml
        } else {
            crate::table::Format::Yaml
        };
        crate::table::parse(text, format)
            .map_err(|e| (e.offset, e.message))?
            .into_iter()
            .map(|e| (e.key, e.value))
            .collect()
    };
    Ok(lowercase_keys(map))
}

fn lowercase_keys(map: Map<String, Value>) -> Map<String, Value> {
    map.into_iter()
        .map(|(k, v)| {
            let v = match v {
                Value::Object(inner) => Value::Object(lowercase_keys(inner)),
                other => other,
            };
            (k.to_lowercase(), v)
        })
        .collect()
}

/// Front-matter keys a page's reading uses (in lowercase).
const USED: &[&str] = &[
    "title",
    "date",
    "publishdate",
    "pubdate",
    "published",
    "lastmod",
    "modified",
    "draft",
    "slug",
    "url",
    "aliases",
    "author",
    "authors",
    "summary",
    "description",
    "series",
    "params",
    "images",
    "image",
];

/// One content file: `rel` is its path inside `content/`; `leaf` when it is a bundle's
/// `index.md`.
fn page(
    path: &str,
    rel: &str,
    file: &super::OldFile,
    leaf: bool,
    config: &Config,
    reading: &mut Reading,
) {
    let Some(text) = file.text.as_deref() else {
        return reading.skip("not UTF-8 text", path);
    };
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let mut stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    // `ports.fr.md` is the French `ports.md`.
    if let Some((base, language)) = stem.rsplit_once('.') {
        if config.other_languages.iter().any(|l| l == language) {
            return reading.skip("translations into other languages", path);
        }
        if language == config.default_language {
            stem = base;
        }
    }
    let fm = match front::read(text, Fences::YamlTomlJson) {
        Ok(Some(fm)) => fm.lowercased(),
        Ok(None) => return reading.skip("without front matter", path),
        Err(e) => return reading.problem(path, text, e.offset, e.message),
    };
    let get = |key: &str| fm.get(key);
    let place = |key: &str| fm.offset_of(key).unwrap_or(0);
    if get("headless").and_then(front::boolean) == Some(true) {
        return reading.skip("headless bundles (never published)", path);
    }
    let build = get("build").or_else(|| get("_build"));
    let never = build.and_then(|b| b.get("render")).is_some_and(|r| {
        matches!(r, Value::Bool(false)) || front::text(r).as_deref() == Some("never")
    });
    if never {
        return reading.skip("pages Hugo does not render (`build.render`)", path);
    }
    let dirs: Vec<String> = rel.split('/').map(str::to_string).collect();
    let mut sections: Vec<String> = dirs[..dirs.len() - 1].to_vec();
    let filename = if leaf {
        match sections.pop() {
            Some(dir) => dir,
            None => return reading.skip("the home page, which broadsheet makes itself", path),
        }
    } else {
        stem.to_string()
    };
    let (file_date, filename) = match super::dated_name(&filename) {
        Some((day, rest)) if config.filename_dates => (Some(day.to_string()), rest.to_string()),
        _ => (None, filename),
    };

    let mut date_of = |keys: &[&str]| -> Option<super::Parsed> {
        for key in keys {
            if let Some(written) = get(key).and_then(front::text) {
                match super::parse_date(&written, &config.tz) {
                    Ok(parsed) => return Some(parsed),
                    Err(e) => {
                        reading.problem(path, text, place(key), format!("`{key}`: {e}"));
                        return None;
                    }
                }
            }
        }
        None
    };
    let from_name = file_date
        .as_deref()
        .and_then(|d| super::parse_date(d, &config.tz).ok());
    let url_date = date_of(&["date"])
        .or_else(|| from_name.clone())
        .or_else(|| date_of(&["publishdate", "pubdate", "published", "lastmod", "modified"]));
    let published = date_of(&["publishdate", "pubdate", "published"]).or_else(|| url_date.clone());
    let updated = date_of(&["lastmod", "modified"]);

    let role = if sections.is_empty() || published.is_none() {
        Role::Page
    } else {
        Role::Article
    };
    let mut doc = Document::new(path, role, fm.body_offset..text.len());
    doc.html = super::is_html(rel);
    if leaf {
        doc.bundle = Some(path.rsplit_once('/').map_or("", |(d, _)| d).to_string());
    }
    doc.title = match get("title").and_then(front::text) {
        Some(title) => title,
        None => {
            reading.warn(
                path,
                text,
                0,
                "it has no `title`; it was given one from its file name",
            );
            super::titleize(&filename)
        }
    };
    doc.date = published;
    doc.updated = updated;
    if get("draft").and_then(front::boolean) == Some(true) {
        doc.draft = Some("`draft: true`".into());
    }
    let params = get("params");
    doc.authors = [
        get("authors"),
        get("author"),
        params.and_then(|p| p.get("author")),
    ]
    .into_iter()
    .flatten()
    .map(super::bylines)
    .find(|names| !names.is_empty())
    .unwrap_or_default();
    for taxonomy in &config.taxonomies {
        if matches!(taxonomy.as_str(), "authors" | "series") {
            continue;
        }
        doc.topics.extend(
            get(&taxonomy.to_lowercase())
                .map(front::names)
                .unwrap_or_default(),
        );
    }
    doc.series = get("series")
        .map(front::names)
        .and_then(|s| s.into_iter().next());
    doc.summary = ["summary", "description"]
        .iter()
        .find_map(|k| get(k).and_then(front::text));
    doc.image = [
        get("images"),
        get("image"),
        params.and_then(|p| p.get("images")),
        params.and_then(|p| p.get("image")),
    ]
    .into_iter()
    .flatten()
    .find_map(super::LeadImage::of);
    for (what, key) in [
        ("image", "images"),
        ("image", "image"),
        ("url", "url"),
        ("aliases", "aliases"),
    ] {
        doc.place(what, &fm, key);
    }
    let slug = get("slug").and_then(front::text);
    doc.slug = slug.clone().unwrap_or_else(|| filename.clone());

    let old_url = match get("url").and_then(front::text) {
        Some(url) => Ok(front_matter_url(&url)),
        None => {
            let date = url_date.as_ref().map(|d| d.at.clone());
            let pattern = sections.first().and_then(|s| config.permalinks.get(s));
            match (pattern, &date) {
                (Some(pattern), Some(date)) => {
                    let page = HugoPage {
                        date,
                        title: &doc.title,
                        slug: slug.as_deref(),
                        filename: &filename,
                        sections: &sections,
                    };
                    permalink::hugo_url(pattern, &page)
                        .map(|url| sanitized(&url, config))
                        .map_err(|token| {
                            format!("its old URL cannot be worked out: Hugo's permalink {pattern:?} has {token}, which is not read here; it has no alias")
                        })
                }
                _ => {
                    let base = slug.as_deref().unwrap_or(&filename);
                    let mut parts = sections.clone();
                    parts.push(base.to_string());
                    let joined = format!("/{}", parts.join("/"));
                    let url = if config.ugly {
                        format!("{joined}.html")
                    } else {
                        format!("{joined}/")
                    };
                    Ok(sanitized(&url, config))
                }
            }
        }
    };
    if doc.draft.is_none() {
        match old_url {
            Ok(url) => {
                for alias in get("aliases").map(front::names).unwrap_or_default() {
                    doc.old_urls.push(alias_path(&alias, &url));
                }
                doc.old_urls.insert(0, url);
            }
            Err(why) => doc.unknown_urls.push(why),
        }
    }
    doc.left_keys = fm
        .entries
        .iter()
        .map(|(k, _, _)| k.clone())
        .filter(|k| !USED.contains(&k.as_str()) && !config.taxonomies.contains(k))
        .collect();
    reading.documents.push(doc);
}

/// `url` front matter as Hugo serves it: from the root, `..` resolved only when it has one,
/// and a folder (`/x/`) unless its last part has a dot.
fn front_matter_url(url: &str) -> String {
    let url = url.replace("\\:", ":");
    let rooted = if url.contains("..") {
        permalink::clean_climbs(&url)
    } else if url.starts_with('/') {
        url.clone()
    } else {
        format!("/{url}")
    };
    let last = rooted.rsplit('/').next().unwrap_or("");
    if rooted.ends_with('/') || last.contains('.') {
        rooted
    } else {
        format!("{rooted}/")
    }
}

/// Each part of an expanded permalink sanitized as Hugo does (and lowercased, unless the
/// site says not to).
fn sanitized(url: &str, config: &Config) -> String {
    let clean = permalink::hugo_sanitize(url);
    let clean = if config.lowercase {
        clean.to_lowercase()
    } else {
        clean
    };
    let mut out = String::new();
    for c in clean.chars() {
        if !(c == '/' && out.ends_with('/')) {
            out.push(c);
        }
    }
    if out.starts_with('/') {
        out
    } else {
        format!("/{out}")
    }
}

/// An alias as Hugo writes it: from the root as written, or, without a leading `/`,
/// beside the page (its URL's parent folder), `..` resolved.
fn alias_path(alias: &str, page_url: &str) -> String {
    if alias.starts_with('/') {
        return permalink::clean_climbs(alias);
    }
    let parent = page_url
        .trim_end_matches('/')
        .rsplit_once('/')
        .map_or("", |(p, _)| p);
    let joined = permalink::clean_climbs(&format!("{parent}/{alias}"));
    if alias.ends_with('/') && !joined.ends_with('/') {
        format!("{joined}/")
    } else {
        joined
    }
}

/// `ref` and `relref`: a content path, from `content/` or from the referring page's
/// folder, with or without its extension, or a bare file or bundle name that only one page
/// has.
fn target(reference: Reference, from: &str, sources: &[&str]) -> Option<String> {
    let Reference::Hugo(wanted) = reference else {
        return None;
    };
    let wanted = wanted.trim().trim_matches(['"', '\'']);
    let content = from.split('/').next().unwrap_or("content");
    let matches = |candidate: &str, source: &str| {
        let Some(rel) = within(content, source) else {
            return false;
        };
        let candidate = candidate.trim_matches('/');
        let stem = rel.rsplit_once('.').map_or(rel, |(s, _)| s);
        rel == candidate
            || stem == candidate
            || stem == format!("{candidate}/index")
            || stem == format!("{candidate}/_index")
    };
    let find = |candidate: &str| {
        sources
            .iter()
            .find(|s| matches(candidate, s))
            .map(|s| s.to_string())
    };
    let from_rel = within(content, from).unwrap_or("");
    let mut container = from_rel.rsplit_once('/').map_or("", |(d, _)| d).to_string();
    let from_name = from_rel.rsplit('/').next().unwrap_or("");
    if from_name.starts_with("index.") {
        container = container
            .rsplit_once('/')
            .map_or("", |(d, _)| d)
            .to_string();
    }
    if !wanted.starts_with('/') {
        let relative = permalink::clean_climbs(&format!("{container}/{wanted}"));
        if let Some(found) = find(&relative) {
            return Some(found);
        }
        if wanted.starts_with('.') {
            return None;
        }
    }
    if let Some(found) = find(wanted) {
        return Some(found);
    }
    if wanted.contains('/') {
        return None;
    }
    let name = wanted.rsplit_once('.').map_or(wanted, |(s, _)| s);
    let by_name: Vec<&&str> = sources
        .iter()
        .filter(|s| {
            let Some(rel) = within(content, s) else {
                return false;
            };
            let stem = rel.rsplit_once('.').map_or(rel, |(s, _)| s);
            let last = stem.rsplit('/').next().unwrap_or(stem);
            last == name || (last == "index" && stem.rsplit('/').nth(1) == Some(name))
        })
        .collect();
    match by_name.as_slice() {
        [one] => Some(one.to_string()),
        _ => None,
    }
}

/// `path` inside the folder `content`, if it is there.
fn within<'s>(content: &str, path: &'s str) -> Option<&'s str> {
    path.strip_prefix(content)?.strip_prefix('/')
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
                            text: super::super::is_text(path).then(|| text.to_string()),
                            modified: None,
                        },
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn sections_bundles_and_permalinks() {
        let read = read(&site(&[
            (
                "hugo.toml",
                "baseURL = 'https://old.example.org/'\ntimeZone = 'Europe/Paris'\n[permalinks]\nposts = '/:year/:month/:slug/'\n[taxonomies]\ntag = 'tags'\ntopic = 'topics'\nauthor = 'authors'\n",
            ),
            ("content/_index.md", "+++\ntitle = 'Home'\n+++\n"),
            (
                "content/about.md",
                "+++\ntitle = 'About'\ndate = 2019-01-01\n+++\nUs.\n",
            ),
            ("content/posts/_index.md", "+++\ntitle = 'Posts'\n+++\n"),
            (
                "content/posts/River Levels/index.md",
                "---\ntitle: River Levels\npublishDate: 2019-03-05T08:00:00\ndate: 2019-03-04\nlastMod: 2019-04-01\ntopics: [Water]\ntags: [rivers]\nauthors: [Ana Ruiz]\naliases: [/old/river/, river-old]\nweight: 3\n---\n![Chart](chart.png)\n",
            ),
            ("content/posts/River Levels/chart.png", ""),
            ("content/posts/notes.org", "#+TITLE: x"),
            (
                "content/docs/setup.md",
                "+++\ntitle = 'Setup'\n+++\nSteps.\n",
            ),
        ]));
        assert!(read.diagnostics.is_empty(), "{:?}", read.diagnostics);
        let docs: Vec<(&str, Role, &[String])> = read
            .documents
            .iter()
            .map(|d| (d.source.as_str(), d.role, d.old_urls.as_slice()))
            .collect();
        assert_eq!(
            docs,
            [
                ("content/about.md", Role::Page, &["/about/".to_string()][..]),
                (
                    "content/docs/setup.md",
                    Role::Page,
                    &["/docs/setup/".to_string()][..]
                ),
                (
                    "content/posts/River Levels/index.md",
                    Role::Article,
                    &[
                        "/2019/03/river-levels/".to_string(),
                        "/old/river/".to_string(),
                        "/2019/03/river-old".to_string()
                    ][..]
                ),
            ]
        );
        let river = &read.documents[2];
        assert_eq!(
            river.date.as_ref().unwrap().at.to_string(),
            "2019-03-05T08:00:00+01:00[Europe/Paris]"
        );
        assert!(river.updated.is_some());
        assert_eq!(river.topics, ["rivers", "Water"]);
        assert_eq!(river.authors, ["Ana Ruiz"]);
        assert_eq!(river.bundle.as_deref(), Some("content/posts/River Levels"));
        assert_eq!(river.left_keys, ["weight"]);
        assert_eq!(
            read.skipped.get("not Markdown or HTML").map(Vec::as_slice),
            Some(&["content/posts/notes.org".to_string()][..])
        );
        assert_eq!(
            read.skipped["section and list pages (`_index.md`)"].len(),
            2
        );
    }

    #[test]
    fn json_front_matter_url_and_drafts() {
        let read = read(&site(&[
            (
                "content/posts/a.md",
                "{\n \"title\": \"A\",\n \"date\": \"2019-05-06T07:00:00-04:00\",\n \"url\": \"/../../archive/a.html\"\n}\nBody\n",
            ),
            (
                "content/posts/b.md",
                "+++\ntitle = 'B'\ndate = 2019-05-07\ndraft = true\n+++\n",
            ),
            (
                "content/posts/c.fr.md",
                "+++\ntitle = 'C'\ndate = 2019-05-07\n+++\n",
            ),
        ]));
        assert_eq!(read.documents[0].old_urls, ["/archive/a.html"]);
        assert_eq!(read.documents[1].draft.as_deref(), Some("`draft: true`"));
        assert!(read.documents[1].old_urls.is_empty());
        assert_eq!(
            read.documents.len(),
            3,
            "one language: `.fr` is part of the name"
        );
    }

    #[test]
    fn refs_resolve_as_hugo_resolves_them() {
        let sources = [
            "content/posts/ports.md",
            "content/posts/river/index.md",
            "content/about.md",
        ];
        let find = |r: &str, from: &str| target(Reference::Hugo(r), from, &sources);
        let from = "content/posts/river/index.md";
        assert_eq!(find("ports.md", from).as_deref(), Some(sources[0]));
        assert_eq!(
            find("/posts/river", "content/about.md").as_deref(),
            Some(sources[1])
        );
        assert_eq!(
            find("river", "content/about.md").as_deref(),
            Some(sources[1])
        );
        assert_eq!(
            find("../about.md", "content/posts/ports.md").as_deref(),
            Some(sources[2])
        );
        assert_eq!(find("gone.md", from), None);
    }

    #[test]
    fn aliases_beside_the_page() {
        assert_eq!(alias_path("old", "/posts/new/"), "/posts/old");
        assert_eq!(alias_path("../../x/", "/posts/new/"), "/x/");
        assert_eq!(alias_path("/a/../b", "/posts/new/"), "/b");
    }
}
