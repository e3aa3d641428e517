//! Watching what a previewed site is made of, with events debounced into [`Changes`].
//!
//! For a site: `site.toml` and the folders `content/`, `templates/` and `static/`, and
//! nothing else under the root, so a `build` into `public/` or a compiler filling `target/`
//! never triggers a rebuild. The root itself is watched without recursion, to see those
//! folders appear (they are then watched too) or disappear. For a single article: the
//! folder holding it, because editors that save by writing a new file and renaming it over
//! the old one would leave a watch on the file itself pointing at a deleted inode.
//!
//! notify's debouncer merges an editor's save burst (a temporary file, a rename, a
//! backup removed) into batches; the rebuild loop waits for the batches to stop coming
//! ([`SETTLE`]) before it builds, so a burst, and whatever changed during a build, is one
//! build.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Context as _;
use notify_debouncer_full::notify::event::{CreateKind, EventKind, RemoveKind};
use notify_debouncer_full::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::serve::cache::{Changes, Preview};
use crate::source;

/// How old an event must be before the debouncer lets it go. Editors finish a save within
/// a few milliseconds; a short window keeps the save-to-reload time low.
const QUIET: Duration = Duration::from_millis(25);

/// How long the rebuild loop waits after a batch for the next one before it builds: the
/// debouncer lets events go one by one as they age, so a burst longer than its tick
/// arrives in several batches. Together with `QUIET`, a save burst with no gap longer than
/// this is one rebuild.
pub const SETTLE: Duration = Duration::from_millis(30);

/// The site folders a rebuild depends on, besides `site.toml`.
const FOLDERS: &[&str] = &["content", "templates", "static"];

/// What the rebuild loop receives: the watcher's batches, or the word to stop.
pub enum Signal {
    Events(DebounceEventResult),
    Stop,
}

/// A running watch over what a preview is made of.
pub struct Watch {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    /// The canonical site root, or the canonical folder of a single article.
    base: PathBuf,
    /// The single article's file name, when previewing one.
    article: Option<std::ffi::OsString>,
    watched: Vec<PathBuf>,
}

impl Watch {
    /// Starts watching `preview`; batches of events are sent to `sender`.
    ///
    /// Fails if the operating system refuses a watch (on Linux, usually the inotify limit:
    /// `fs.inotify.max_user_watches`).
    pub fn start(preview: &Preview, sender: mpsc::Sender<Signal>) -> anyhow::Result<Watch> {
        let handler = move |result: DebounceEventResult| {
            // The loop has stopped when this fails; nothing is left to tell.
            let _ = sender.send(Signal::Events(result));
        };
        let debouncer =
            new_debouncer(QUIET, None, handler).context("cannot start watching for changes")?;
        let (base, article) = match preview {
            Preview::Site(root) => (canonical(root)?, None),
            Preview::Article(path) => {
                let path = canonical(path)?;
                let name = path.file_name().map(|n| n.to_os_string());
                let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
                (folder, name)
            }
        };
        let mut watch = Watch {
            debouncer,
            base,
            article,
            watched: Vec::new(),
        };
        watch.add(watch.base.clone(), RecursiveMode::NonRecursive)?;
        if watch.article.is_none() {
            watch.add_folders()?;
        }
        Ok(watch)
    }

    /// Watches each site folder that exists and is not watched yet.
    fn add_folders(&mut self) -> anyhow::Result<()> {
        for folder in FOLDERS {
            let path = self.base.join(folder);
            if path.is_dir() && !self.watched.contains(&path) {
                self.add(path, RecursiveMode::Recursive)?;
            }
        }
        Ok(())
    }

    fn add(&mut self, path: PathBuf, mode: RecursiveMode) -> anyhow::Result<()> {
        self.debouncer.watch(&path, mode).with_context(|| {
            format!(
                "cannot watch {} for changes (on Linux, raising fs.inotify.max_user_watches may help)",
                path.display()
            )
        })?;
        self.watched.push(path);
        Ok(())
    }

    /// The changes in a batch of events that matter to the preview, and any trouble to
    /// report. Folders that appeared are watched from now on.
    pub fn changes(&mut self, result: DebounceEventResult) -> (Changes, Vec<String>) {
        let mut troubles = Vec::new();
        let events = match result {
            Ok(events) => events,
            Err(errors) => {
                // A lost event could have been anything: read everything again.
                troubles.extend(errors.iter().map(|e| format!("watching the site: {e}")));
                return (Changes::everything(), troubles);
            }
        };
        let mut changes = Changes::default();
        // Opening and closing are not changes, and every build opens every file it reads:
        // counting them would make each build start the next.
        let changing = events
            .iter()
            .filter(|e| !matches!(e.kind, EventKind::Access(_) | EventKind::Other));
        for event in changing {
            for path in &event.paths {
                if let Some(relative) = self.relevant(path, &event.kind) {
                    changes.add(&relative);
                }
            }
        }
        self.watched.retain(|p| p.is_dir());
        if self.article.is_none() && changes.everything {
            if let Err(e) = self.add_folders() {
                troubles.push(format!("{e:#}"));
            }
        }
        (changes, troubles)
    }

    /// `path` relative to the site root if a change to it matters, or, for a single
    /// article, `content/<name>` if it is that article.
    fn relevant(&self, path: &Path, kind: &EventKind) -> Option<PathBuf> {
        let relative = path.strip_prefix(&self.base).ok()?;
        if let Some(name) = &self.article {
            return (relative.as_os_str() == name.as_os_str())
                .then(|| Path::new("content").join(name));
        }
        if relative == Path::new("site.toml") {
            return Some(relative.to_path_buf());
        }
        let mut components = relative.components();
        let top = components.next()?.as_os_str().to_str()?;
        if !FOLDERS.contains(&top) {
            return None;
        }
        if relative
            .components()
            .skip(1)
            .any(|c| source::is_ignored(c.as_os_str()))
        {
            return None;
        }
        // Under content/, only Markdown files and folders matter; a file of another kind
        // (vim's `4913` probe, an image) would cost a full re-read for nothing.
        if top == "content" && relative.extension().is_none_or(|e| e != "md") {
            let file_event = matches!(
                kind,
                EventKind::Create(CreateKind::File) | EventKind::Remove(RemoveKind::File)
            );
            if file_event || path.is_file() {
                return None;
            }
        }
        Some(relative.to_path_buf())
    }
}

fn canonical(path: &Path) -> anyhow::Result<PathBuf> {
    std::fs::canonicalize(path).with_context(|| format!("cannot find {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_a_build_reads_is_relevant() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/2025")).unwrap();
        std::fs::write(dir.path().join("content/2025/notes.txt"), "x").unwrap();
        let (sender, _receiver) = mpsc::channel();
        let watch = Watch::start(&Preview::Site(dir.path().to_path_buf()), sender).unwrap();
        let base = watch.base.clone();
        let modify = EventKind::Modify(notify_debouncer_full::notify::event::ModifyKind::Any);
        for (path, wanted) in [
            ("site.toml", true),
            ("content/2025/a.md", true),
            ("content/2025", true),
            ("templates/base.html", true),
            ("static/style.css", true),
            ("public/index.html", false),
            ("target/debug/x", false),
            ("Cargo.toml", false),
            ("content/2025/.a.md.swp", false),
            ("content/2025/a.md~", false),
            ("content/.git/index", false),
            ("content/2025/notes.txt", false),
        ] {
            assert_eq!(
                watch.relevant(&base.join(path), &modify).is_some(),
                wanted,
                "{path}"
            );
        }
    }

    #[test]
    fn opening_a_file_is_not_a_change() {
        use notify_debouncer_full::DebouncedEvent;
        use notify_debouncer_full::notify::Event;
        use notify_debouncer_full::notify::event::{AccessKind, ModifyKind};

        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        let (sender, _receiver) = mpsc::channel();
        let mut watch = Watch::start(&Preview::Site(dir.path().to_path_buf()), sender).unwrap();
        let path = watch.base.join("content/a.md");
        let event = |kind| {
            DebouncedEvent::new(
                Event::new(kind).add_path(path.clone()),
                std::time::Instant::now(),
            )
        };
        let (changes, _) = watch.changes(Ok(vec![event(EventKind::Access(AccessKind::Any))]));
        assert!(changes.is_empty());
        let (changes, _) = watch.changes(Ok(vec![event(EventKind::Modify(ModifyKind::Any))]));
        assert_eq!(changes.files.len(), 1);
    }

    #[test]
    fn a_single_article_watches_only_itself() {
        let dir = tempfile::tempdir().unwrap();
        let piece = dir.path().join("piece.md");
        std::fs::write(&piece, "x").unwrap();
        let (sender, _receiver) = mpsc::channel();
        let watch = Watch::start(&Preview::Article(piece), sender).unwrap();
        let kind = EventKind::Any;
        assert_eq!(
            watch.relevant(&watch.base.join("piece.md"), &kind),
            Some(PathBuf::from("content/piece.md"))
        );
        assert_eq!(watch.relevant(&watch.base.join("other.md"), &kind), None);
    }
}
