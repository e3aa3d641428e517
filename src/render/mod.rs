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
    site_files(site, &jobs, sink)?;
    copy_static(static_files, site.config.search, sink)
}

/// Checks that every page and static file has an output path of its own, before anything
/// is rendered. Two content files at one URL are `Site::assemble`'s to find; what is left is
/// content over a page the site makes (an article or page at `/authors/`), and a static
/// file over a page. Each is reported at the content file's key that made the URL.
fn check_paths(site: &Site, jobs: &[Job], static_files: &[StaticFile]) -> Result<(), Diagnostics> {
    let mut owners: BTreeMap<String, Origin> = BTreeMap::new();
    let mut problems = Diagnostics::new();
    for job in jobs {
        let (url, origin) = (job.url(site), job.origin(site));
        let path = url::output_path(&url);
        match owners.get(&path) {
            Some(first) => {
                // Blame the content file, which can change its slug; the site's own page
                // cannot move.
                let (here, other) = match (&origin.place, &first.place) {
                    (None, Some(_)) => (first, &origin),
                    _ => (&origin, first),
                };
                problems.push(claims::clash(&url, here, other));
            }
            None => {
                owners.insert(path, origin);
            }
        }
    }
    // The search index's folder is the build's alone: a file of `static/` there would
    // replace (or sit among) the index files and break queries without a word.
    let index_folder = url::search_data("").trim_start_matches('/').to_string();
    for file in static_files {
        let path = static_path(file);
        if let Some(owner) = owners.get(&path) {
            problems.push(Diagnostic::error(
                PathBuf::from("static").join(&file.path),
                1,
                1,
                format!("static file /{path} has the same path as {owner}"),
            ));
        } else if site.config.search && path.starts_with(&index_folder) {
            problems.push(Diagnostic::error(
                PathBuf::from("static").join(&file.path),
                1,
                1,
                format!(
                    "static file /{path} is inside /{index_folder}, which holds the search index"
                ),
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
/// template: the sitemap (which lists the pages), robots.txt, and the search index unless
/// `search = false`.
fn site_files(site: &Site, jobs: &[Job], sink: &dyn Sink) -> anyhow::Result<()> {
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
    Ok(())
}

/// The site's `static/` files, and the built-in theme's where the site has none of its own
/// (its search script only when the site has search).
fn copy_static(static_files: &[StaticFile], search: bool, sink: &dyn Sink) -> Result<(), Failure> {
    let asset = |bytes: &[u8]| File {
        kind: FileKind::Asset,
        bytes: bytes.to_vec(),
    };
    for file in static_files {
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
