//! Renders a `Site` into `Output`: every page, feed and crawler file, in memory.
//!
//! Pages are independent of each other, so they are rendered in parallel; the result is a
//! `BTreeMap` keyed by output path, so its order (and so the written tree) never depends on
//! which thread finished first. Nothing here touches the disk.

pub mod context;
pub mod feeds;
pub mod pages;
pub mod sitemap;
pub mod templates;

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::source::StaticFile;
pub use templates::Templates;

/// The rendered site: output path (relative, `/`-separated) → file content.
pub type Output = BTreeMap<String, Vec<u8>>;

/// Renders every page of `site` with `templates`, and adds the static files (the site's own
/// over the built-in theme's).
///
/// A template that fails is reported once per template and line, however many pages hit it.
/// Two things wanting the same output path is an error naming both.
pub fn site(
    site: &Site,
    templates: &Templates,
    static_files: &[StaticFile],
) -> Result<Output, Vec<Diagnostic>> {
    let rendered = pages::render_all(site, templates)?;
    let mut output = Output::new();
    let mut owners: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut problems = Vec::new();
    for page in rendered {
        let path = crate::model::url::output_path(&page.url);
        if let Some(first) = owners.get(&path) {
            problems.push(Diagnostic::error(
                &page.source,
                1,
                1,
                format!(
                    "{} would be written twice: it is also the page of {}",
                    page.url,
                    first.display()
                ),
            ));
            continue;
        }
        owners.insert(path.clone(), page.source);
        output.insert(path, page.bytes);
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
            continue;
        }
        output.insert(path, file.bytes.clone());
    }
    for (path, bytes) in templates::BUILT_IN_STATIC {
        output
            .entry((*path).to_string())
            .or_insert_with(|| bytes.to_vec());
    }
    if problems.is_empty() {
        Ok(output)
    } else {
        Err(problems)
    }
}

/// One rendered file, before it takes its place in `Output`.
pub struct Page {
    /// Site path such as `/authors/` or `/atom.xml`.
    pub url: String,
    pub bytes: Vec<u8>,
    /// The file that made this page exist (an article, or the template), for messages.
    pub source: PathBuf,
}
