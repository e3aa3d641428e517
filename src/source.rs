//! Reads a site from disk: `site.toml`, the Markdown under `content/`, template overrides
//! under `templates/` and the files under `static/`.
//!
//! This is the only stage that reads the disk. Paths are walked in sorted order and kept
//! relative to the site root, so every later stage, and every message, sees the same stable
//! names whatever the machine.

use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};

use anyhow::Context as _;
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Diagnostics, Failure};

/// A text file of the site, with its path relative to the site root.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

/// A file under `static/`, copied as is; `path` is relative to `static/`.
#[derive(Debug, Clone)]
pub struct StaticFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// Everything a build reads, sorted by path.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    /// The text of `site.toml`, if the site has one.
    pub config: Option<String>,
    pub articles: Vec<SourceFile>,
    /// `content/authors/*.md`.
    pub profiles: Vec<SourceFile>,
    /// `content/pages/**/*.md`: standalone pages (About, submission guidelines).
    pub pages: Vec<SourceFile>,
    /// `templates/*`, with paths relative to the site root.
    pub templates: Vec<SourceFile>,
    pub static_files: Vec<StaticFile>,
    /// Files that could not be read as text (not UTF-8), one diagnostic each: the build
    /// reports them with every other problem of the site.
    pub unreadable: Diagnostics,
}

/// Reads the site under `root`.
///
/// Files that are not UTF-8 become diagnostics in [`Sources::unreadable`]; a folder or file
/// that cannot be read is an `Err`. A missing `content/` is not an error: the site is
/// simply empty.
pub fn collect(root: &Path) -> anyhow::Result<Sources> {
    let mut sources = Sources::default();
    // A file that is not text is noted and the walk goes on; a disk error ends it.
    let mut unreadable = Diagnostics::new();
    let mut text = |read: Result<SourceFile, Failure>| match read {
        Ok(file) => Ok(Some(file)),
        Err(Failure::Content(problems)) => {
            unreadable.extend(problems);
            Ok(None)
        }
        Err(Failure::Io(error)) => Err(error),
    };

    if root.join("site.toml").is_file() {
        sources.config = text(read_text(root, Path::new("site.toml")))?.map(|f| f.text);
    }

    // Reading thousands of small files is worth spreading over threads; the order stays
    // the walk's, so the result does not depend on which read finished first.
    let markdown: Vec<PathBuf> = walk(root, "content")?
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    let read: Vec<Result<SourceFile, Failure>> = markdown
        .into_par_iter()
        .map(|path| read_text(root, &path))
        .collect();
    for file in read {
        if let Some(file) = text(file)? {
            match kind_of(&file.path) {
                ContentKind::Profile => sources.profiles.push(file),
                ContentKind::Page => sources.pages.push(file),
                ContentKind::Article => sources.articles.push(file),
            }
        }
    }

    for path in walk(root, "templates")? {
        sources.templates.extend(text(read_text(root, &path))?);
    }

    for path in walk(root, "static")? {
        let bytes = read_bytes(&root.join(&path))?;
        let path = path
            .strip_prefix("static")
            .map(Path::to_path_buf)
            .unwrap_or(path);
        sources.static_files.push(StaticFile { path, bytes });
    }
    sources.unreadable = unreadable;
    Ok(sources)
}

/// Reads one Markdown file that lives outside any site, for previewing a single piece. A
/// file that is not UTF-8 is a content failure; one that cannot be read, an I/O failure.
pub fn single(path: &Path) -> Result<SourceFile, Failure> {
    read_text(Path::new(""), path)
}

/// Reads `root/path` as text, keeping `path` (relative to the root) as its name.
fn read_text(root: &Path, path: &Path) -> Result<SourceFile, Failure> {
    let bytes = read_bytes(&root.join(path))?;
    let text = decode(path, bytes)?;
    Ok(SourceFile {
        path: path.to_path_buf(),
        text,
    })
}

fn read_bytes(path: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

/// What a Markdown file under `content/` is, by where it lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentKind {
    /// Anywhere else under `content/`.
    Article,
    /// `content/authors/<slug>.md`.
    Profile,
    /// Anywhere under `content/pages/` (issue 12): the folder is the editor's, so an About
    /// page may sit in `content/pages/masthead/about.md` and still be `/about/`.
    Page,
}

/// What the content file at `path` (relative to the site root) is.
pub fn kind_of(path: &Path) -> ContentKind {
    if is_profile(path) {
        ContentKind::Profile
    } else if is_page(path) {
        ContentKind::Page
    } else {
        ContentKind::Article
    }
}

/// Whether a content path is a standalone page: `content/pages/…/<slug>.md`.
pub fn is_page(path: &Path) -> bool {
    let mut parts = path.components().map(|c| c.as_os_str());
    parts.next().is_some_and(|c| c == "content")
        && parts.next().is_some_and(|c| c == "pages")
        && parts.next().is_some()
}

/// Whether a content path is an author profile: `content/authors/<slug>.md`.
pub fn is_profile(path: &Path) -> bool {
    let mut parts = path.components().map(|c| c.as_os_str());
    parts.next().is_some_and(|c| c == "content")
        && parts.next().is_some_and(|c| c == "authors")
        && parts.next().is_some()
        && parts.next().is_none()
}

/// Regular files under `root/dir`, as paths relative to `root`, sorted. Whatever
/// [`is_ignored`] names is skipped, and symbolic links are not followed, so nothing outside
/// the site is ever read.
fn walk(root: &Path, dir: &str) -> anyhow::Result<Vec<PathBuf>> {
    let base = root.join(dir);
    if !base.is_dir() {
        return Ok(Vec::new());
    }
    let mut paths = Vec::new();
    let walker = WalkDir::new(&base)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    for entry in walker.filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name())) {
        let entry = entry.with_context(|| format!("cannot read {}", base.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        if let Ok(relative) = entry.path().strip_prefix(root) {
            paths.push(relative.to_path_buf());
        }
    }
    Ok(paths)
}

/// Whether a file or folder of this name is left out of the site, wherever it lies under
/// `content/`, `templates/` or `static/`: hidden ones (`.git`, vim's `.a.md.swp`, emacs's
/// `.#a.md`) and editor leftovers (`#a.md#`, `a.md~`, `a.swp`, `a.swx`, `a.tmp`). The
/// watcher of `serve` asks this too, so a leftover never costs a rebuild.
pub fn is_ignored(name: &OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
}

/// Whether a path relative to the site root is a Markdown file that [`collect`] reads as
/// an article or profile: `content/…/*.md`, with no ignored part on the way.
pub fn is_content_file(relative: &Path) -> bool {
    let mut components = relative.components();
    if components.next() != Some(Component::Normal(OsStr::new("content"))) {
        return false;
    }
    let mut rest = 0;
    for component in components {
        match component {
            Component::Normal(name) if !is_ignored(name) => rest += 1,
            _ => return false,
        }
    }
    rest > 0 && relative.extension().is_some_and(|e| e == "md")
}

/// UTF-8 text, or a diagnostic at the first byte that is not.
/// A leading byte-order mark is dropped, so positions count from the first visible character.
fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid_up_to = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let valid = String::from_utf8_lossy(&bytes[..valid_up_to]);
        Diagnostic::at_offset(
            path,
            &valid,
            valid.len(),
            format!(
                "file is not UTF-8 text (bad byte 0x{:02x})",
                bytes[valid_up_to]
            ),
        )
        .with_hint("save the file as UTF-8")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_are_direct_children_of_content_authors() {
        assert!(is_profile(Path::new("content/authors/jane-doe.md")));
        assert!(!is_profile(Path::new("content/authors/2025/x.md")));
        assert!(!is_profile(Path::new("content/2025/authors.md")));
    }

    #[test]
    fn pages_lie_anywhere_under_content_pages() {
        for (path, kind) in [
            ("content/pages/about.md", ContentKind::Page),
            ("content/pages/masthead/about.md", ContentKind::Page),
            ("content/pages.md", ContentKind::Article),
            ("content/2025/pages/x.md", ContentKind::Article),
            ("content/authors/jane-doe.md", ContentKind::Profile),
            ("content/2025/x.md", ContentKind::Article),
        ] {
            assert_eq!(kind_of(Path::new(path)), kind, "{path}");
        }
    }

    #[test]
    fn hidden_files_and_editor_leftovers_are_ignored() {
        for (path, read) in [
            ("content/2025/a.md", true),
            ("content/authors/x.md", true),
            ("content/a.md", true),
            ("content/2025", false),
            ("content/.hidden/a.md", false),
            ("content/2025/.a.md.swp", false),
            ("content/.#a.md", false),
            ("content/#a.md#", false),
            ("content/a.md~", false),
            ("content/drafts.tmp/a.md", false),
            ("content/a.txt", false),
            ("content", false),
            ("templates/base.html", false),
            ("site.toml", false),
        ] {
            assert_eq!(is_content_file(Path::new(path)), read, "{path}");
        }
    }

    #[test]
    fn non_utf8_points_at_the_bad_byte() {
        let d = decode(Path::new("a.md"), b"+++\ntitle = \"x\xff\"\n".to_vec()).unwrap_err();
        assert_eq!((d.line, d.column), (2, 11));
    }

    #[test]
    fn byte_order_mark_is_dropped() {
        assert_eq!(
            decode(Path::new("a.md"), b"\xEF\xBB\xBF+++".to_vec()).unwrap(),
            "+++"
        );
    }
}
