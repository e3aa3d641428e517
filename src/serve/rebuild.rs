//! The rebuild loop of `serve`: it waits for the watcher's changes, assembles the site
//! through the [`Cache`], renders it and publishes the result.
//!
//! Saving an article publishes twice. Rendering a large archive takes a second or more
//! (issue 4 measured 1.7 s at 10,000 articles), so first the pages open in a browser, the
//! saved article's page and any page new to the site are rendered from the new site and
//! laid over the last good pages, and open pages reload at once. The full render follows:
//! pages depend on each other (listings, neighbours, feeds), so only it says whether the
//! site builds. Any other change (a template, `site.toml`, a static file), or a site that
//! is failing, gets the full render alone. [`Prepared::render_pages`] renders a chosen few
//! pages byte for byte as the full render will; tests check both against `build`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::build::{self, Assembled};
use crate::diagnostic::Failure;
use crate::model::Site;
use crate::model::url::{self, LinkStyle};
use crate::render::pages::{self, Job};
use crate::render::{MemorySink, Output};
use crate::serve::cache::{Cache, Changes, Preview};
use crate::serve::note::{Note, Notes};
use crate::serve::publish::{Good, Publisher};
use crate::serve::state::OpenPages;
use crate::serve::watch::{self, Signal, Watch};

/// A site assembled for the preview, with the output path of each of its pages.
pub struct Prepared {
    assembled: Assembled,
    jobs: Vec<Job>,
    /// Output path of each page → its job.
    pages: BTreeMap<String, usize>,
}

impl Prepared {
    pub fn new(assembled: Assembled) -> Prepared {
        let site = &assembled.site;
        let jobs = pages::jobs(site);
        let pages = jobs
            .iter()
            .enumerate()
            .map(|(i, job)| (url::output_path(&job.url(site)), i))
            .collect();
        Prepared {
            assembled,
            jobs,
            pages,
        }
    }

    pub fn site(&self) -> &Site {
        &self.assembled.site
    }

    /// Whether `key` is the output path of one of the site's pages.
    pub fn has_page(&self, key: &str) -> bool {
        self.pages.contains_key(key)
    }

    /// Output paths of every page (not static files, the sitemap or robots.txt).
    pub fn page_keys(&self) -> impl Iterator<Item = &String> {
        self.pages.keys()
    }

    /// Output paths of the pages of the articles read from `files`.
    pub fn article_pages(&self, files: &BTreeSet<PathBuf>) -> Vec<String> {
        self.site()
            .articles
            .iter()
            .filter(|a| files.contains(&a.path))
            .map(|a| url::output_path(&a.url))
            .collect()
    }

    /// The whole site, as `build` renders it.
    pub fn render(&self, cache: &Cache) -> Result<Output, Failure> {
        let sink = MemorySink::default();
        build::render(
            &self.assembled,
            cache.static_files(),
            LinkStyle::Served,
            &sink,
        )?;
        Ok(sink.into_output())
    }

    /// Only the pages at `keys` (output paths; those that are not pages are skipped).
    pub fn render_pages(&self, keys: &BTreeSet<String>) -> Result<Output, Failure> {
        let jobs: Vec<Job> = keys
            .iter()
            .filter_map(|key| self.pages.get(key))
            .map(|&i| self.jobs[i])
            .collect();
        let sink = MemorySink::default();
        let Assembled { site, templates } = &self.assembled;
        pages::render_all(site, templates, &jobs, LinkStyle::Served, &sink)?;
        Ok(sink.into_output())
    }
}

/// The rebuild side: builds, publishes, and says so.
pub struct Rebuilder {
    pub cache: Cache,
    pub publisher: Publisher,
    /// The pages open in a browser, rendered first.
    pub open: OpenPages,
    pub notes: Notes,
}

impl Rebuilder {
    /// Builds whenever `watch` reports a change, until told to stop.
    pub fn run(mut self, receiver: mpsc::Receiver<Signal>, mut watch: Watch) {
        let mut pending = Changes::default();
        let mut reread = false;
        loop {
            let signal = if pending.is_empty() {
                receiver
                    .recv()
                    .map_err(|_| mpsc::RecvTimeoutError::Disconnected)
            } else {
                // The debouncer lets each event go once it is old enough, so a burst that
                // spans one of its ticks comes in two batches: wait for the burst to end.
                receiver.recv_timeout(watch::SETTLE)
            };
            match signal {
                Ok(Signal::Events(events)) => {
                    let (changes, troubles) = watch.changes(events);
                    for trouble in troubles {
                        (self.notes)(Note::Trouble(trouble));
                    }
                    pending.merge(changes);
                    continue;
                }
                Ok(Signal::Stop) | Err(mpsc::RecvTimeoutError::Disconnected) => return,
                Err(mpsc::RecvTimeoutError::Timeout) => {}
            }
            let mut changes = std::mem::take(&mut pending);
            changes.everything |= std::mem::take(&mut reread);
            if let Err(e) = self.build(changes) {
                (self.notes)(Note::Trouble(format!("{e:#}")));
                // Whatever failed (a folder that vanished mid-walk, say), the next change
                // reads everything again rather than trusting what was kept.
                reread = true;
            }
        }
    }

    /// One build, published; returns the URL of the first article when it succeeded. An
    /// `Err` is the disk failing, not the content.
    pub fn build(&mut self, changes: Changes) -> anyhow::Result<Option<String>> {
        let started = Instant::now();
        let prepared = match self.cache.assemble(&changes) {
            Ok(assembled) => Prepared::new(assembled),
            Err(Failure::Content(problems)) => {
                let note = self
                    .publisher
                    .publish(Err(problems), started.elapsed(), &changes, None);
                (self.notes)(note);
                return Ok(None);
            }
            Err(Failure::Io(error)) => return Err(error),
        };
        let quick = self.render_ahead(&prepared, &changes, started);
        let result = match prepared.render(&self.cache) {
            Ok(output) => Ok(Good {
                output,
                articles: prepared.site().articles.len(),
                pages: prepared.page_keys().cloned().collect(),
            }),
            Err(Failure::Content(problems)) => Err(problems),
            Err(Failure::Io(error)) => return Err(error),
        };
        let first = match &result {
            Ok(_) => prepared.site().articles.first().map(|a| a.url.clone()),
            Err(_) => None,
        };
        let note = self
            .publisher
            .publish(result, started.elapsed(), &changes, quick);
        (self.notes)(note);
        Ok(first)
    }

    /// After an edit to articles of a good site, renders the pages that cannot wait and
    /// publishes them over the last good ones: the pages open in a browser, the edited
    /// articles' own pages, pages the site did not have, and the 404 page. Returns how
    /// soon, or `None` when the full render must do it all.
    fn render_ahead(
        &mut self,
        prepared: &Prepared,
        changes: &Changes,
        started: Instant,
    ) -> Option<Duration> {
        // A single article is a site of a few pages: the full render is as quick.
        let single = matches!(self.cache.preview(), Preview::Article(_));
        if single || changes.everything || !self.publisher.can_patch() {
            return None;
        }
        let mut wanted: BTreeSet<String> = self
            .open
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .values()
            .cloned()
            .collect();
        wanted.extend(prepared.article_pages(&changes.files));
        wanted.extend(
            prepared
                .page_keys()
                .filter(|key| !self.publisher.had_page(key))
                .cloned(),
        );
        wanted.insert(url::output_path(&url::not_found()));
        wanted.retain(|key| prepared.has_page(key));
        // A template error here is left for the full render to report.
        let fresh = prepared.render_pages(&wanted).ok()?;
        self.publisher
            .publish_patch(|key| prepared.has_page(key), fresh)?;
        Some(started.elapsed())
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::{Arc, Mutex};

    use tokio::sync::watch as channel;

    use super::*;
    use crate::build::BuildOptions;
    use crate::serve::state::Snapshot;
    use crate::source;

    const BASE: &str = "http://127.0.0.1:1111";

    fn article(title: &str, date: &str, author: &str, body: &str) -> String {
        format!(
            "+++\ntitle = \"{title}\"\ndate = {date}\nauthor = \"{author}\"\ndraft = true\n+++\n\n{body}\n"
        )
    }

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let write = |path: &str, text: &str| {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, text).unwrap();
        };
        write("site.toml", "title = \"Test\"\n");
        write(
            "content/2025/one.md",
            &article("One", "2025-01-02", "Ada Lane", "First body."),
        );
        write(
            "content/2025/two.md",
            &article("Two", "2025-03-04", "Ben Ito", "Second body."),
        );
        write(
            "content/authors/ada-lane.md",
            "+++\nname = \"Ada Lane\"\n+++\nBio.\n",
        );
        dir
    }

    type Files = BTreeMap<String, Vec<u8>>;

    /// What `broadsheet build --drafts --future` would make of the site right now.
    fn reference(root: &Path) -> Files {
        let sources = source::collect(root).unwrap();
        assert!(sources.unreadable.is_empty());
        let options = BuildOptions {
            drafts: true,
            future: true,
            base_url: Some(BASE.into()),
            ..BuildOptions::default()
        };
        let built = build::in_memory(&sources, &options).ok().unwrap();
        built
            .output
            .into_iter()
            .map(|(k, f)| (k, f.bytes))
            .collect()
    }

    /// A rebuilder as `serve` runs it, the channel it publishes on, and its notes.
    /// The notes a rebuilder said, in order.
    type Said = Arc<Mutex<Vec<Note>>>;

    fn rebuilder(preview: Preview) -> (Rebuilder, channel::Receiver<Arc<Snapshot>>, Said) {
        let (publisher, builds) = Publisher::new();
        let said: Said = Arc::default();
        let notes = said.clone();
        let rebuilder = Rebuilder {
            cache: Cache::new(preview, BASE.into()),
            publisher,
            open: OpenPages::default(),
            notes: Arc::new(move |note| notes.lock().unwrap().push(note)),
        };
        (rebuilder, builds, said)
    }

    /// The files the server serves now.
    fn served(builds: &channel::Receiver<Arc<Snapshot>>) -> Files {
        let snapshot = builds.borrow().clone();
        let pages = snapshot.pages.as_ref().expect("a good build");
        pages.iter().map(|(k, v)| (k.clone(), v.to_vec())).collect()
    }

    fn changed(paths: &[&str]) -> Changes {
        let mut changes = Changes::default();
        for path in paths {
            changes.add(Path::new(path));
        }
        changes
    }

    #[test]
    fn changes_sort_articles_from_everything_else() {
        for (path, one_file) in [
            ("content/2025/a.md", true),
            ("content/authors/x.md", true),
            ("content/2025", false),
            ("content/.hidden/a.md", false),
            ("content/#a.md", false),
            ("content/a.md~", false),
            ("templates/base.html", false),
            ("static/style.css", false),
            ("site.toml", false),
            ("content", false),
        ] {
            let changes = changed(&[path]);
            assert_eq!(!changes.everything, one_file, "{path}");
        }
    }

    #[test]
    fn incremental_builds_match_a_full_build() {
        let dir = site();
        let root = dir.path();
        let (mut rebuilder, builds, _) = rebuilder(Preview::Site(root.to_path_buf()));
        rebuilder.build(Changes::everything()).unwrap();
        assert_eq!(served(&builds), reference(root));

        // Edit one article, add one, delete one: each read on its own.
        std::fs::write(
            root.join("content/2025/one.md"),
            article("One, revised", "2025-01-02", "Ada Lane", "New words."),
        )
        .unwrap();
        std::fs::write(
            root.join("content/2025/three.md"),
            article("Three", "2025-05-06", "Cy Dunn", "Third body."),
        )
        .unwrap();
        std::fs::remove_file(root.join("content/2025/two.md")).unwrap();
        let changes = changed(&[
            "content/2025/one.md",
            "content/2025/two.md",
            "content/2025/three.md",
        ]);
        assert!(!changes.everything);
        rebuilder.build(changes).unwrap();
        let next = served(&builds);
        assert_eq!(next, reference(root));
        assert!(!next.contains_key("authors/ben-ito/index.html"));
        assert!(next.contains_key("authors/cy-dunn/index.html"));

        // A standalone page is read on its own too, added or changed.
        let about = root.join("content/pages/about.md");
        std::fs::create_dir_all(about.parent().unwrap()).unwrap();
        std::fs::write(&about, "+++\ntitle = \"About\"\nnav = true\n+++\nUs.\n").unwrap();
        let changes = changed(&["content/pages/about.md"]);
        assert!(!changes.everything);
        rebuilder.build(changes).unwrap();
        assert_eq!(served(&builds), reference(root));
        std::fs::write(&about, "+++\ntitle = \"About us\"\n+++\nWe.\n").unwrap();
        rebuilder
            .build(changed(&["content/pages/about.md"]))
            .unwrap();
        let next = served(&builds);
        assert_eq!(next, reference(root));
        assert!(String::from_utf8_lossy(&next["about/index.html"]).contains("About us"));

        // New settings re-read every article under them.
        std::fs::write(
            root.join("site.toml"),
            "title = \"Renamed\"\nper_page = 1\n",
        )
        .unwrap();
        rebuilder.build(changed(&["site.toml"])).unwrap();
        assert_eq!(served(&builds), reference(root));
    }

    #[test]
    fn some_pages_render_as_the_full_render_does() {
        let dir = site();
        let root = dir.path();
        let mut cache = Cache::new(Preview::Site(root.to_path_buf()), BASE.into());
        let prepared = Prepared::new(cache.assemble(&Changes::everything()).ok().unwrap());
        let full = prepared.render(&cache).ok().unwrap();
        let mut keys: BTreeSet<String> = prepared
            .article_pages(&BTreeSet::from([PathBuf::from("content/2025/one.md")]))
            .into_iter()
            .collect();
        assert_eq!(keys, BTreeSet::from(["2025/01/one/index.html".to_string()]));
        keys.extend(
            [
                "index.html",
                "authors/ada-lane/index.html",
                "404.html",
                "style.css",
            ]
            .map(String::from),
        );
        let some = prepared.render_pages(&keys).ok().unwrap();
        assert_eq!(some.len(), 4, "style.css is not a page: {:?}", some.keys());
        for (key, file) in &some {
            assert_eq!(Some(file), full.get(key), "{key}");
        }
        assert!(prepared.has_page("authors/ben-ito/index.html"));
        assert!(!prepared.has_page("sitemap.xml"));
    }

    #[test]
    fn a_broken_article_fails_and_its_fix_builds() {
        let dir = site();
        let root = dir.path();
        let (mut rebuilder, builds, said) = rebuilder(Preview::Site(root.to_path_buf()));
        rebuilder.build(Changes::everything()).unwrap();
        let good = served(&builds);
        let path = root.join("content/2025/one.md");
        std::fs::write(&path, "+++\ntitle = \"One\"\nautor = \"Ada\"\n+++\n").unwrap();
        rebuilder.build(changed(&["content/2025/one.md"])).unwrap();
        let snapshot = builds.borrow().clone();
        assert!(snapshot.overlay.is_some(), "the problems are shown");
        assert_eq!(served(&builds), good, "the last good build is still served");
        match said.lock().unwrap().last() {
            Some(Note::Failed {
                diagnostics, kept, ..
            }) => {
                assert!(*kept);
                assert!(
                    diagnostics
                        .iter()
                        .any(|d| d.path == Path::new("content/2025/one.md") && d.line == 3),
                    "{diagnostics:?}"
                );
            }
            other => panic!("expected a failed build, got {other:?}"),
        }
        std::fs::write(&path, article("One", "2025-01-02", "Ada Lane", "Fixed.")).unwrap();
        rebuilder.build(changed(&["content/2025/one.md"])).unwrap();
        assert!(builds.borrow().overlay.is_none());
        assert_eq!(served(&builds), reference(root));
    }

    #[test]
    fn a_single_article_builds_on_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("piece.md");
        std::fs::write(&path, article("Alone", "2025-02-03", "Ada Lane", "Words.")).unwrap();
        let (mut rebuilder, builds, _) = rebuilder(Preview::Article(path.clone()));
        let first = rebuilder.build(Changes::everything()).unwrap();
        assert_eq!(first.as_deref(), Some("/2025/02/alone/"));
        let files = served(&builds);
        assert!(files.contains_key("2025/02/alone/index.html"));
        assert!(files.contains_key("authors/ada-lane/index.html"));
    }
}
