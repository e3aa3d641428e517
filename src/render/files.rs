//! What a render produces: files keyed by output path, each knowing what kind of file it
//! is, handed to a [`Sink`] as they are made.

use std::collections::BTreeMap;
use std::sync::Mutex;

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
    /// An article's citation for reference managers: its `cite.bib` and `cite.ris`.
    Citation,
    /// A redirect from an old URL (issue 12): an alias's small page, and `_redirects`, the
    /// list of them for hosts that read one. Not a page of the site: no sitemap, search or
    /// count of pages holds it.
    Redirect,
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
