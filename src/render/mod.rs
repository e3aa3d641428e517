//! Renders a `Site` into `Output`: every page, feed and crawler file, in memory.
//!
//! Pages are independent of each other, so they are rendered in parallel; the result is a
//! `BTreeMap` keyed by output path, so its order (and so the written tree) never depends on
//! which thread finished first. Nothing here touches the disk.

pub mod cite;
pub mod context;
pub mod escape;
pub mod feeds;
pub mod files;
pub mod pages;
pub mod portable;
pub mod redirects;
pub mod schema;
pub mod sitemap;
pub mod templates;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics, Failure};
use crate::model::Site;
use crate::model::claims::{self, Origin};
use crate::model::url::{self, LinkStyle};
use crate::source::StaticFile;
pub use escape::escape;
pub use files::{File, FileKind, MemorySink, Output, Sink};
use pages::Job;
pub use templates::Templates;

/// Renders every page of `site` with `templates` into `sink`, linking as `style` says,
/// then the files made from the whole site, then the static files (the site's own over
/// the built-in theme's).
///
/// Content problems come back as diagnostics: two things wanting the same output path (found
/// before anything is rendered), and template errors, reported once per template and line
/// however many pages hit them. A sink that fails is an I/O failure.
pub fn site(
    site: &Site,
    templates: &Templates,
    static_files: &[StaticFile],
    style: LinkStyle,
    sink: &dyn Sink,
) -> Result<(), Failure> {
    let jobs = pages::jobs(site);
    check_paths(site, &jobs, static_files)?;
    pages::render_all(site, templates, &jobs, style, sink)?;
    site_files(site, &jobs, static_files, sink)?;
    copy_static(site, static_files, sink)
}

/// Checks that every page and static file has an output path of its own, before anything
/// is rendered. Two content files at one URL are `Site::assemble`'s to find; what is left is
/// content over a page the site makes (an article or page at `/authors/`, an alias at
/// `/2025/`), a static file over a page, and an alias that would need a folder where
/// another file is (`/atom.xml`). Each is reported at the content file's key that made
/// the URL, an alias before anything it hits.
fn check_paths(site: &Site, jobs: &[Job], static_files: &[StaticFile]) -> Result<(), Diagnostics> {
    let mut owners: BTreeMap<String, Origin> = BTreeMap::new();
    let mut problems = Diagnostics::new();
    let mut aliases = Vec::new();
    for job in jobs {
        let (url, origin) = (job.url(site), job.origin(site));
        let key = claims::key(&url);
        match owners.get(&key) {
            Some(first) => {
                // Blame the alias, which can be let go, or else the content file, which can
                // change its slug; the site's own page cannot move.
                let (here, other) = match (&origin, first) {
                    (o, f) if f.is_alias() && !o.is_alias() => (first, &origin),
                    (o, f) if o.place().is_none() && f.place().is_some() => (first, &origin),
                    _ => (&origin, first),
                };
                problems.push(claims::clash(&url, here, other));
            }
            None => {
                if job.is_alias() {
                    aliases.push((url, key.clone(), origin.clone()));
                }
                owners.insert(key, origin);
            }
        }
    }
    // The search index's folder is the build's alone: a file of `static/` there would
    // replace (or sit among) the index files and break queries without a word.
    let index_folder = url::search_data("").trim_start_matches('/').to_string();
    for file in static_files {
        let path = static_path(file);
        let origin = Origin::static_file(&file.path);
        let key = claims::key(&format!("/{path}"));
        match owners.get(&key) {
            Some(owner) if owner.is_alias() => {
                let url = aliases
                    .iter()
                    .find(|(_, k, _)| *k == key)
                    .map(|(u, _, _)| u);
                problems.push(claims::clash(url.unwrap_or(&path), owner, &origin))
            }
            Some(owner) => problems.push(Diagnostic::error(
                PathBuf::from("static").join(&file.path),
                1,
                1,
                format!("static file /{path} has the same path as {owner}"),
            )),
            None if site.config.search && path.starts_with(&index_folder) => {
                problems.push(Diagnostic::error(
                    PathBuf::from("static").join(&file.path),
                    1,
                    1,
                    format!(
                        "static file /{path} is inside /{index_folder}, which holds the search index"
                    ),
                ))
            }
            None => {
                owners.insert(key, origin);
            }
        }
    }
    let mut site_files = vec![url::sitemap(), url::robots()];
    if !aliases.is_empty() {
        site_files.push(url::redirects());
    }
    for url in site_files {
        owners.insert(claims::key(&url), Origin::site_file(&url));
    }
    // A redirect page is written where a host looks for the old URL, whatever else is
    // there: no other file may be one of its folders, or lie inside it when it is a file;
    // nor may it sit among the search index's files.
    for (url, key, origin) in &aliases {
        let above = key
            .match_indices('/')
            .map(|(i, _)| &key[..i])
            .find_map(|folder| owners.get(folder).map(|other| (folder, other)));
        let folder = format!("{key}/");
        let inside = owners
            .range(folder.clone()..)
            .next()
            .filter(|(k, _)| k.starts_with(&folder))
            .map(|(_, other)| other);
        if let Some((file, other)) = above {
            problems.push(claims::nesting(url, origin, file, other, false));
        } else if let Some(other) = inside {
            problems.push(claims::nesting(url, origin, key, other, true));
        } else if site.config.search && key.starts_with(&index_folder) {
            problems.push(claims::reserved(
                url,
                origin,
                &url::search_data(""),
                "the search index",
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// The files made from the whole site once its pages are rendered, rather than from a
/// template: the sitemap (which lists the pages), robots.txt, the search index unless
/// `search = false`, and `_redirects` when a piece or page has aliases.
fn site_files(
    site: &Site,
    jobs: &[Job],
    static_files: &[StaticFile],
    sink: &dyn Sink,
) -> anyhow::Result<()> {
    let urls: Vec<String> = jobs
        .iter()
        .filter(|j| j.in_sitemap())
        .map(|j| j.url(site))
        .collect();
    for page in [sitemap::sitemap(site, &urls), sitemap::robots(site)] {
        let file = File {
            kind: FileKind::Crawler,
            bytes: page.bytes,
        };
        sink.put(&url::output_path(&page.url), file)?;
    }
    if site.config.search {
        crate::search::write_site(site, sink)?;
    }
    if let Some(bytes) = redirects::list(site, own_redirects(static_files)) {
        let file = File {
            kind: FileKind::Redirect,
            bytes,
        };
        sink.put(&url::output_path(&url::redirects()), file)?;
    }
    Ok(())
}

/// The site's own `static/_redirects`, which the list of aliases follows.
fn own_redirects(static_files: &[StaticFile]) -> Option<&[u8]> {
    let own = url::output_path(&url::redirects());
    static_files
        .iter()
        .find(|f| static_path(f) == own)
        .map(|f| f.bytes.as_slice())
}

/// The site's `static/` files, and the built-in theme's where the site has none of its own
/// (its search script only when the site has search). A `static/_redirects` is copied as
/// it is unless the site has aliases, whose list starts with it instead.
fn copy_static(site: &Site, static_files: &[StaticFile], sink: &dyn Sink) -> Result<(), Failure> {
    let search = site.config.search;
    let asset = |bytes: &[u8]| File {
        kind: FileKind::Asset,
        bytes: bytes.to_vec(),
    };
    let merged = redirects::any(site).then(|| url::output_path(&url::redirects()));
    for file in static_files {
        if merged.as_deref() == Some(static_path(file).as_str()) {
            continue;
        }
        sink.put(&static_path(file), asset(&file.bytes))?;
    }
    for (path, bytes) in templates::BUILT_IN_STATIC {
        if *path == "search.js" && !search {
            continue;
        }
        if !static_files.iter().any(|f| f.path == Path::new(path)) {
            sink.put(path, asset(bytes))?;
        }
    }
    Ok(())
}

/// The output path of a static file: its path under `static/`, `/`-separated.
fn static_path(file: &StaticFile) -> String {
    file.path.to_string_lossy().replace('\\', "/")
}
