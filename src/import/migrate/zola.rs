//! A Zola site, read as Zola reads it (`components/content/src/page.rs`, `file_info.rs`,
//! `front_matter/page.rs`).
//!
//! - Settings from `config.toml` (or `zola.toml`): `base_url`, `author` (the byline of
//!   pages that name none), `slugify.paths` (`on` by default: the `slug` crate broadsheet
//!   uses too), `taxonomies`, and the languages of a multilingual site. Zola has no time
//!   zone: a date without an offset is UTC there, and so here.
//! - Content: every `.md` file under `content/` with TOML (or YAML) front matter. `_index.md`
//!   is a section, not a page; `index.md` is a page with colocated assets (every other file
//!   of its folder), named after its folder. A page in a section with a date is an article;
//!   one at the top of `content/`, or undated, is a standalone page.
//! - Dates: `date`, else the file name's (`2019-03-04-ports.md`, `2019-03-04_ports.md`, or
//!   a whole RFC 3339 date-time), which then leaves the slug; `updated`; `draft`.
//! - Topics from `[taxonomies]` (all but `authors`, which is a byline, and `series`);
//!   bylines from `authors`, `[extra] author`, the `authors` taxonomy, then the site's.
//!   `description` is the summary.
//! - The old URL: `path`, else the section folders and the slug; `aliases` are kept.

use jiff::tz::TimeZone;
use serde_json::Value;

use super::front::{self, Fences};
use super::template::Dialect;
use super::{Document, OldSite, Reading, Reference, Role};

/// How Zola makes paths of slugs and file names (`slugify.paths`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slugify {
    On,
    Safe,
    Off,
}

struct Config {
    slugify: Slugify,
    taxonomies: Vec<String>,
    other_languages: Vec<String>,
}

/// Reads a Zola site.
pub fn read(site: &OldSite) -> Reading {
    let mut reading = Reading::new(Dialect::Zola, "static");
    reading.target = target;
    let config = config(site, &mut reading);
    let content: Vec<(&str, &super::OldFile)> = site
        .files
        .iter()
        .filter_map(|(path, file)| Some((path.strip_prefix("content/")?, file)))
        .filter(|(rel, _)| !rel.split('/').any(|p| p.starts_with('.')))
        .collect();
    let dir_of = |rel: &str| rel.rsplit_once('/').map_or("", |(d, _)| d).to_string();
    let name_of = |rel: &str| rel.rsplit('/').next().unwrap_or(rel).to_string();
    let pages_with_assets: Vec<String> = content
        .iter()
        .filter(|(rel, _)| name_of(rel) == "index.md")
        .map(|(rel, _)| dir_of(rel))
        .filter(|dir| !dir.is_empty())
        .collect();
    let sections: Vec<String> = content
        .iter()
        .filter(|(rel, _)| name_of(rel) == "_index.md")
        .map(|(rel, _)| dir_of(rel))
        .collect();
    for (rel, file) in content {
        let path = format!("content/{rel}");
        let name = name_of(rel);
        if name == "_index.md" || name.starts_with("_index.") && name.ends_with(".md") {
            reading.skip("section pages (`_index.md`)", &path);
            continue;
        }
        if rel.ends_with(".md") {
            page(&path, rel, file, &config, &mut reading);
            continue;
        }
        let asset_of = pages_with_assets
            .iter()
            .any(|dir| rel.starts_with(&format!("{dir}/")));
        if asset_of {
            continue;
        }
        let why = if sections.contains(&dir_of(rel)) {
            "assets of section pages"
        } else {
            "not Markdown"
        };
        reading.skip(why, &path);
    }
    reading
}

fn config(site: &OldSite, reading: &mut Reading) -> Config {
    let mut config = Config {
        slugify: Slugify::On,
        taxonomies: Vec::new(),
        other_languages: Vec::new(),
    };
    let Some((path, text)) = site.first_text(&["config.toml", "zola.toml"]) else {
        return config;
    };
    let settings: toml::Table = match text.parse() {
        Ok(table) => table,
        Err(e) => {
            let e: toml::de::Error = e;
            reading.problem(
                path,
                text,
                e.span().map_or(0, |s| s.start),
                format!("invalid TOML: {}", e.message()),
            );
            return config;
        }
    };
    let string = |key: &str| settings.get(key).and_then(toml::Value::as_str);
    if let Some(paths) = settings
        .get("slugify")
        .and_then(|s| s.get("paths"))
        .and_then(toml::Value::as_str)
    {
        config.slugify = match paths {
            "safe" => Slugify::Safe,
            "off" => Slugify::Off,
            _ => Slugify::On,
        };
    }
    if let Some(toml::Value::Array(taxonomies)) = settings.get("taxonomies") {
        config.taxonomies = taxonomies
            .iter()
            .filter_map(|t| t.get("name").and_then(toml::Value::as_str))
            .map(str::to_string)
            .collect();
    }
    if let Some(toml::Value::Table(languages)) = settings.get("languages") {
        let default = string("default_language").unwrap_or("en");
        config.other_languages = languages
            .keys()
            .filter(|l| *l != default)
            .cloned()
            .collect();
    }
    reading.site_author = string("author").map(str::to_string);
    reading.base_url = string("base_url").and_then(|u| {
        let with_slash = if u.ends_with('/') {
            u.to_string()
        } else {
            format!("{u}/")
        };
        url::Url::parse(&with_slash).ok()
    });
    config
}

const USED: &[&str] = &[
    "title",
    "description",
    "date",
    "updated",
    "draft",
    "slug",
    "path",
    "aliases",
    "authors",
    "taxonomies",
];

fn page(path: &str, rel: &str, file: &super::OldFile, config: &Config, reading: &mut Reading) {
    let Some(text) = file.text.as_deref() else {
        return reading.skip("not UTF-8 text", path);
    };
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let stem = name.strip_suffix(".md").unwrap_or(name);
    if let Some((_, language)) = stem.rsplit_once('.') {
        if config.other_languages.iter().any(|l| l == language) {
            return reading.skip("translations into other languages", path);
        }
    }
    let fm = match front::read(text, Fences::TomlYaml) {
        Ok(Some(fm)) => fm,
        Ok(None) => return reading.skip("without front matter", path),
        Err(e) => return reading.problem(path, text, e.offset, e.message),
    };
    let get = |key: &str| fm.get(key);
    let place = |key: &str| fm.offset_of(key).unwrap_or(0);
    let mut components: Vec<String> = rel.split('/').map(str::to_string).collect();
    components.pop();
    let own_name = if stem == "index" {
        match components.pop() {
            Some(dir) => dir,
            // `content/index.md` is the home page's content.
            None => return reading.skip("the home page, which broadsheet makes itself", path),
        }
    } else {
        stem.to_string()
    };
    let (name_date, name_slug) = match dated(&own_name) {
        Some((date, rest)) => (Some(date), rest),
        None => (None, Some(own_name.as_str())),
    };
    let utc = TimeZone::UTC;
    let mut date = None;
    for (key, written) in [
        ("date", get("date").and_then(front::text)),
        ("date", name_date.map(str::to_string)),
    ] {
        let Some(written) = written else { continue };
        match super::parse_date(&written, &utc) {
            Ok(parsed) => {
                date = Some(parsed);
                break;
            }
            Err(e) => return reading.problem(path, text, place(key), format!("`{key}`: {e}")),
        }
    }
    let updated = match get("updated").and_then(front::text) {
        Some(written) => match super::parse_date(&written, &utc) {
            Ok(parsed) => Some(parsed),
            Err(e) => {
                return reading.problem(path, text, place("updated"), format!("`updated`: {e}"));
            }
        },
        None => None,
    };
    let role = if components.is_empty() || date.is_none() {
        Role::Page
    } else {
        Role::Article
    };
    let mut doc = Document::new(path, role, fm.body_offset..text.len());
    if stem == "index" {
        doc.bundle = Some(path.rsplit_once('/').map_or("", |(d, _)| d).to_string());
    }
    let file_slug = name_slug.unwrap_or(&own_name);
    doc.title = match get("title").and_then(front::text) {
        Some(title) => title,
        None => {
            reading.warn(
                path,
                text,
                0,
                "it has no `title`; it was given one from its file name",
            );
            super::titleize(file_slug)
        }
    };
    doc.date = date;
    doc.updated = updated;
    if get("draft").and_then(front::boolean) == Some(true) {
        doc.draft = Some("`draft = true`".into());
    }
    let taxonomies = get("taxonomies").and_then(Value::as_object);
    let extra = get("extra").and_then(Value::as_object);
    doc.authors = [
        get("authors"),
        extra.and_then(|e| e.get("author")),
        extra.and_then(|e| e.get("authors")),
        taxonomies.and_then(|t| t.get("authors")),
    ]
    .into_iter()
    .flatten()
    .map(super::bylines)
    .find(|names| !names.is_empty())
    .unwrap_or_default();
    if let Some(taxonomies) = taxonomies {
        for (taxonomy, terms) in taxonomies {
            match taxonomy.as_str() {
                "authors" => {}
                "series" => doc.series = front::names(terms).into_iter().next(),
                _ => doc.topics.extend(front::names(terms)),
            }
        }
    }
    doc.summary = get("description").and_then(front::text);
    for (what, key) in [("image", "extra"), ("url", "path"), ("aliases", "aliases")] {
        doc.place(what, &fm, key);
    }
    doc.image = extra
        .and_then(|e| e.get("image"))
        .and_then(super::LeadImage::of);
    let slug_source = get("slug")
        .and_then(front::text)
        .unwrap_or_else(|| file_slug.to_string());
    let slug = slugify(&slug_source, config.slugify);
    doc.slug = slug.clone();
    if slug.is_empty() && get("path").is_none() {
        doc.unknown_urls.push(format!(
            "its slug {slug_source:?} makes no part of a URL, so Zola gave it none of its own; it has no alias"
        ));
    } else if doc.draft.is_none() {
        let old_url = match get("path").and_then(front::text) {
            Some(path) => format!("/{}/", path.trim().trim_matches('/')),
            None => {
                let mut parts = components.clone();
                parts.push(slug);
                format!("/{}/", parts.join("/"))
            }
        };
        doc.old_urls.push(old_url);
        for alias in get("aliases").map(front::names).unwrap_or_default() {
            doc.old_urls
                .push(format!("/{}", alias.trim().trim_start_matches('/')));
        }
    }
    let mut left: Vec<String> = fm
        .entries
        .iter()
        .map(|(k, _, _)| k.clone())
        .filter(|k| !USED.contains(&k.as_str()) && k != "extra")
        .collect();
    if let Some(extra) = extra {
        left.extend(
            extra
                .keys()
                .filter(|k| !matches!(k.as_str(), "author" | "authors" | "image"))
                .map(|k| format!("extra.{k}")),
        );
    }
    doc.left_keys = left;
    reading.documents.push(doc);
}

/// A file name that starts with a date (`YYYY-MM-DD` or a whole RFC 3339 date-time),
/// then optional whitespace, `_` or `-`, and the slug: the date and the slug. A name that
/// is only a date has no slug of its own (Zola names the page by the date).
fn dated(name: &str) -> Option<(&str, Option<&str>)> {
    let bytes = name.as_bytes();
    let is = |i: usize, f: fn(&u8) -> bool| bytes.get(i).is_some_and(f);
    let date_ok = (0..10).all(|i| match i {
        4 | 7 => is(i, |b| *b == b'-'),
        _ => is(i, u8::is_ascii_digit),
    });
    if !date_ok {
        return None;
    }
    let mut end = 10;
    // `T08:00:00Z`, `T08:00:00+01:00`, with optional fractions.
    if is(10, |b| *b == b'T') {
        let rest = &name[10..];
        let time_len = rest
            .char_indices()
            .take_while(|&(i, c)| {
                i == 0 || c.is_ascii_digit() || matches!(c, ':' | '.' | 'Z' | '+' | '-')
            })
            .count();
        let candidate = &name[..10 + time_len];
        // The longest prefix that reads as a date-time (a dash may start the slug).
        end = (11..=candidate.len())
            .rev()
            .find(|&e| {
                jiff::Timestamp::strptime("%Y-%m-%dT%H:%M:%S%:z", &name[..e]).is_ok()
                    || name[..e].parse::<jiff::Timestamp>().is_ok()
            })
            .unwrap_or(10);
    }
    let date = &name[..end];
    let rest = name[end..].trim_start();
    match rest.chars().next() {
        None => Some((date, None)),
        Some('_' | '-') if rest.len() > 1 => Some((date, Some(&rest[1..]))),
        _ => None,
    }
}

/// A path part as Zola makes it under `slugify.paths`.
fn slugify(text: &str, how: Slugify) -> String {
    match how {
        Slugify::On => slug::slugify(text),
        Slugify::Safe => {
            let kept: String = text
                .chars()
                .filter(|c| !"<>:/|?*#\\()[]\n\t".contains(*c))
                .collect();
            kept.trim_end_matches(|c: char| c.is_whitespace() || c == '.')
                .replace(' ', "_")
        }
        Slugify::Off => text.to_string(),
    }
}

/// `[x](@/blog/ports.md)` names a file by its path from `content/`.
fn target(reference: Reference, from: &str, sources: &[&str]) -> Option<String> {
    let Reference::Zola(wanted) = reference else {
        return None;
    };
    let content = from.split('/').next().unwrap_or("content");
    let path = format!("{content}/{}", wanted.trim().trim_start_matches('/'));
    sources.iter().find(|s| **s == path).map(|s| s.to_string())
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
    fn pages_sections_and_assets() {
        let read = read(&site(&[
            (
                "config.toml",
                "base_url = \"https://old.example.net\"\nauthor = \"The Desk\"\ntaxonomies = [{ name = \"tags\" }, { name = \"categories\" }]\n",
            ),
            ("content/_index.md", "+++\n+++\n"),
            ("content/about.md", "+++\ntitle = \"About\"\n+++\nUs.\n"),
            ("content/blog/_index.md", "+++\nsort_by = \"date\"\n+++\n"),
            ("content/blog/banner.png", ""),
            (
                "content/blog/2019-03-04_Ports and Power.md",
                "+++\ntitle = \"Ports\"\naliases = [\"old/ports.html\"]\n[taxonomies]\ntags = [\"Trade\"]\n[extra]\nauthor = \"Ana Ruiz\"\nimage = \"x.png\"\n+++\nBody\n",
            ),
            (
                "content/blog/levels/index.md",
                "+++\ntitle = \"Levels\"\ndate = 2019-04-01T10:00:00\npath = \"water/levels\"\ndraft = false\n+++\n",
            ),
            ("content/blog/levels/chart.svg", ""),
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
                    "content/blog/2019-03-04_Ports and Power.md",
                    Role::Article,
                    &[
                        "/blog/ports-and-power/".to_string(),
                        "/old/ports.html".to_string()
                    ][..]
                ),
                (
                    "content/blog/levels/index.md",
                    Role::Article,
                    &["/water/levels/".to_string()][..]
                ),
            ]
        );
        let ports = &read.documents[1];
        assert_eq!(ports.authors, ["Ana Ruiz"]);
        assert_eq!(ports.topics, ["Trade"]);
        assert!(ports.left_keys.is_empty(), "{:?}", ports.left_keys);
        assert_eq!(ports.image.as_ref().map(|i| i.src.as_str()), Some("x.png"));
        assert!(!ports.date.as_ref().unwrap().has_time);
        let levels = &read.documents[2];
        assert_eq!(
            levels.date.as_ref().unwrap().at.to_string(),
            "2019-04-01T10:00:00+00:00[UTC]"
        );
        assert_eq!(read.site_author.as_deref(), Some("The Desk"));
        assert_eq!(
            read.skipped["assets of section pages"],
            ["content/blog/banner.png"]
        );
    }

    #[test]
    fn dated_file_names() {
        assert_eq!(
            dated("2019-03-04-ports"),
            Some(("2019-03-04", Some("ports")))
        );
        assert_eq!(
            dated("2019-03-04 _ports"),
            Some(("2019-03-04", Some("ports")))
        );
        assert_eq!(dated("2019-03-04"), Some(("2019-03-04", None)));
        assert_eq!(
            dated("2019-03-04T08:00:00Z-ports"),
            Some(("2019-03-04T08:00:00Z", Some("ports")))
        );
        assert_eq!(dated("ports"), None);
        assert_eq!(dated("2019-03-04ports"), None);
    }

    #[test]
    fn slugs_by_the_site_setting() {
        assert_eq!(slugify("Ports & Power", Slugify::On), "ports-power");
        assert_eq!(slugify("Ports (2019)?.", Slugify::Safe), "Ports_2019");
        assert_eq!(slugify("Ports & Power", Slugify::Off), "Ports & Power");
    }
}
