//! Publishing builds to the server: each one labelled, the last good pages kept, and a
//! failed build published as those pages with its problems laid over them.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::body::Bytes;
use tokio::sync::watch as channel;

use crate::diagnostic::Diagnostics;
use crate::render::{FileKind, Output};
use crate::serve::cache::Changes;
use crate::serve::note::Note;
use crate::serve::reload;
use crate::serve::state::{Pages, Snapshot, fingerprint};

/// A build that succeeded, as the server needs it.
pub struct Good {
    /// Everything the build rendered.
    pub output: Output,
    pub articles: usize,
    /// Output paths of the site's pages (not static files, feeds or crawler files).
    pub pages: BTreeSet<String>,
}

/// Publishes builds: keeps the last good pages and labels each build.
pub struct Publisher {
    sender: channel::Sender<Arc<Snapshot>>,
    /// Distinguishes this server's builds from those of an earlier run on the same port.
    run: String,
    count: u64,
    good: Option<Arc<Pages>>,
    /// Output paths of the pages of the last good build.
    good_pages: BTreeSet<String>,
    /// The fingerprint of the last good build's assets.
    good_assets: u64,
    failing: bool,
}

impl Publisher {
    /// A publisher, and the channel the server reads its snapshots from.
    pub fn new() -> (Publisher, channel::Receiver<Arc<Snapshot>>) {
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let run = format!("{:x}", nanos ^ u128::from(std::process::id()));
        let first = Arc::new(Snapshot {
            build: format!("{run}-0"),
            pages: None,
            overlay: None,
            assets: 0,
        });
        let (sender, receiver) = channel::channel(first);
        let publisher = Publisher {
            sender,
            run,
            count: 0,
            good: None,
            good_pages: BTreeSet::new(),
            good_assets: 0,
            failing: false,
        };
        (publisher, receiver)
    }

    fn label(&mut self) -> String {
        self.count += 1;
        format!("{}-{}", self.run, self.count)
    }

    /// Whether a partial render can be laid over the last build: it was good.
    pub fn can_patch(&self) -> bool {
        self.good.is_some() && !self.failing
    }

    /// Whether the last good build had a page at output path `key`.
    pub fn had_page(&self, key: &str) -> bool {
        self.good_pages.contains(key)
    }

    /// Publishes `fresh` pages of a new site over the last good pages: pages the new site
    /// no longer has (`has_page` says no) are dropped, static files kept. `None` when there
    /// is nothing to lay them over.
    pub fn publish_patch(&mut self, has_page: impl Fn(&str) -> bool, fresh: Output) -> Option<()> {
        let good = self.good.as_ref()?;
        let mut pages: Pages = (**good).clone();
        pages.retain(|key, _| has_page(key) || !self.good_pages.contains(key));
        pages.extend(
            fresh
                .into_iter()
                .map(|(key, file)| (key, Bytes::from(file.bytes))),
        );
        // Only articles changed: the assets are those of the last good build.
        let snapshot = Snapshot {
            build: self.label(),
            pages: Some(Arc::new(pages)),
            overlay: None,
            assets: self.good_assets,
        };
        self.sender.send_replace(Arc::new(snapshot));
        Some(())
    }

    /// Publishes a complete build and returns the note that describes it. `quick` is how
    /// soon open pages were published ahead of it, if they were.
    pub fn publish(
        &mut self,
        result: Result<Good, Diagnostics>,
        elapsed: Duration,
        changes: &Changes,
        quick: Option<Duration>,
    ) -> Note {
        let (snapshot, note) = match result {
            Ok(good) => self.good(good, elapsed, changes, quick),
            Err(problems) => self.failed(problems, elapsed),
        };
        self.sender.send_replace(Arc::new(snapshot));
        note
    }

    fn good(
        &mut self,
        good: Good,
        elapsed: Duration,
        changes: &Changes,
        quick: Option<Duration>,
    ) -> (Snapshot, Note) {
        let Good {
            output,
            articles,
            pages: page_keys,
        } = good;
        let page_count = output.values().filter(|f| f.kind == FileKind::Page).count();
        self.good_assets = fingerprint(&output);
        let pages: Pages = output
            .into_iter()
            .map(|(key, file)| (key, Bytes::from(file.bytes)))
            .collect();
        let pages = Arc::new(pages);
        let first = self.good.is_none();
        self.good = Some(pages.clone());
        self.good_pages = page_keys;
        self.failing = false;
        let cause = changes.files.iter().next().map(|first| {
            (
                first.to_string_lossy().replace('\\', "/"),
                changes.files.len() - 1,
            )
        });
        let snapshot = Snapshot {
            build: self.label(),
            assets: self.good_assets,
            pages: Some(pages),
            overlay: None,
        };
        let note = Note::Built {
            first,
            elapsed,
            quick,
            articles,
            pages: page_count,
            cause: if changes.everything { None } else { cause },
        };
        (snapshot, note)
    }

    fn failed(&mut self, problems: Diagnostics, elapsed: Duration) -> (Snapshot, Note) {
        let diagnostics = problems.sorted();
        let kept = self.good.is_some();
        self.failing = true;
        let snapshot = Snapshot {
            build: self.label(),
            pages: self.good.clone(),
            overlay: Some(reload::overlay(&diagnostics, kept).into()),
            assets: self.good_assets,
        };
        let note = Note::Failed {
            elapsed,
            diagnostics,
            kept,
        };
        (snapshot, note)
    }
}
