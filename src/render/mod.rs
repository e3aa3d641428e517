//! Renders a `Site` into `Output`: every page, feed and crawler file, in memory.
//!
//! Pages are independent of each other, so they are rendered in parallel; the result is a
//! `BTreeMap` keyed by output path, so its order (and so the written tree) never depends on
//! which thread finished first. Nothing here touches the disk.

pub mod context;
pub mod feeds;
pub mod pages;
pub mod schema;
pub mod sitemap;
pub mod templates;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;

use crate::diagnostic::{Diagnostic, Diagnostics, Failure};
use crate::model::Site;
use crate::source::StaticFile;
pub use templates::Templates;

/// What a file of the output is, as the render made it. Whoever counts pages or tells
/// assets from pages asks this, never a file name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// An HTML page made from a template, the 404 page included.
    Page,
    /// An Atom feed.
    Feed,
    /// A file for crawlers: the sitemap and robots.txt.
    Crawler,
    /// A file copied as is, which pages load or link to: the theme's style sheet, and
    /// everything under `static/`.
    Asset,
    /// A file of the search index, which the search page fetches (`search`).
    SearchIndex,
}

/// One rendered file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub kind: FileKind,
    pub bytes: Vec<u8>,
}

/// The rendered site: output path (relative, `/`-separated) → file.
pub type Output = BTreeMap<String, File>;

/// Where rendered files go as they are made: into memory (`serve`, `check`) or straight to a
/// staging folder (`build`), so a large site is never held in memory whole.
pub trait Sink: Sync {
    /// Takes one file; `path` is relative and `/`-separated, and never leaves the output.
    fn put(&self, path: &str, file: File) -> anyhow::Result<()>;
}

/// A sink that keeps every file in memory.
#[derive(Default)]
pub struct MemorySink {
    files: Mutex<Output>,
}

impl MemorySink {
    pub fn into_output(self) -> Output {
        self.files
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Sink for MemorySink {
    fn put(&self, path: &str, file: File) -> anyhow::Result<()> {
        let mut files = self
            .files
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        files.insert(path.to_string(), file);
        Ok(())
    }
}

/// Renders every page of `site` with `templates` into `sink`, with the static files (the
/// site's own over the built-in theme's).
///
/// Content problems come back as diagnostics: two things wanting the same output path (found
/// before anything is rendered), and template errors, reported once per template and line
/// however many pages hit them. A sink that fails is an I/O failure.
pub fn site(
    site: &Site,
    templates: &Templates,
    static_files: &[StaticFile],
    sink: &dyn Sink,
) -> Result<(), Failure> {
    let jobs = pages::jobs(site);
    let mut owners: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut problems = Vec::new();
    for job in &jobs {
        let (url, source) = (job.url(site), job.source(site));
        let path = crate::model::url::output_path(&url);
        match owners.get(&path) {
            Some(first) => problems.push(Diagnostic::error(
                &source,
                1,
                1,
                format!(
                    "{url} would be written twice: it is also the page of {}",
                    first.display()
                ),
            )),
            None => {
                owners.insert(path, source);
            }
        }
    }
    for file in static_files {
        let path = file.path.to_string_lossy().replace('\\', "/");
        if let Some(owner) = owners.get(&path) {
            problems.push(Diagnostic::error(
                PathBuf::from("static").join(&file.path),
                1,
                1,
                format!(
                    "static file /{path} has the same path as the page of {}",
                    owner.display()
                ),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(Diagnostics::from(problems).into());
    }
    pages::render_all(site, templates, &jobs, sink)?;
    let urls: Vec<String> = jobs.iter().map(|j| j.url(site)).collect();
    for page in [sitemap::sitemap(site, &urls), sitemap::robots(site)] {
        let file = File {
            kind: FileKind::Crawler,
            bytes: page.bytes,
        };
        sink.put(&crate::model::url::output_path(&page.url), file)?;
    }
    let asset = |bytes: &[u8]| File {
        kind: FileKind::Asset,
        bytes: bytes.to_vec(),
    };
    for file in static_files {
        let path = file.path.to_string_lossy().replace('\\', "/");
        sink.put(&path, asset(&file.bytes))?;
    }
    for (path, bytes) in templates::BUILT_IN_STATIC {
        if *path == "search.js" && !site.config.search {
            continue;
        }
        if !static_files
            .iter()
            .any(|f| f.path == std::path::Path::new(path))
        {
            sink.put(path, asset(bytes))?;
        }
    }
    Ok(())
}

/// One generated file that is not a template page (the sitemap, robots.txt).
pub struct Page {
    /// Site path such as `/sitemap.xml`.
    pub url: String,
    pub bytes: Vec<u8>,
}

/// Escapes text for HTML or XML, in content and in quoted attributes alike.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
