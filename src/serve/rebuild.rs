//! Rebuilds for `serve`: the same stages as [`crate::build`], with what they read kept
//! between runs, so saving one article re-reads and re-parses that article alone.
//!
//! A full build of a 10,000-article archive spends about a third of its time walking the
//! disk and turning Markdown into articles. While serving, the sources and each article's
//! parse are kept in memory and refreshed by path from the watcher's events; a change that
//! is not one article (a template, a static file, `site.toml`, a folder) re-walks the site,
//! and still re-parses only the files whose text changed.
//!
//! Rendering is the larger half, and pages depend on each other (listings, neighbours,
//! feeds), so every build ends with a full render: only that says whether the site builds.
//! Before it, [`Rebuilder::render_pages`] can render a chosen few pages of the new site
//! (those open in a browser, say), byte for byte as the full render will, so they can be
//! shown at once. Tests check both against what `build` makes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{self, Config};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Article, Profile, References, Site};
use crate::render::pages::{self, Job};
use crate::render::{self, MemorySink, Output, Templates};
use crate::source::{self, SourceFile, Sources};

/// What is previewed: a whole site, or one article file that lives outside any site.
#[derive(Debug, Clone)]
pub enum Preview {
    /// The site whose root folder this is.
    Site(PathBuf),
    /// One Markdown article, shown with the built-in theme as it would publish.
    Article(PathBuf),
}

/// What the watcher saw change since the last build.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// Anything that needs the whole site read again.
    pub everything: bool,
    /// Article and profile files (relative to the site root) to read again.
    pub files: BTreeSet<PathBuf>,
}

impl Changes {
    /// A change that makes the next build read everything.
    pub fn everything() -> Changes {
        Changes {
            everything: true,
            files: BTreeSet::new(),
        }
    }

    /// Records a changed path, relative to the site root.
    pub fn add(&mut self, relative: &Path) {
        // A Markdown file under `content/` can be read again on its own; anything else
        // (a folder, a template, the settings) may change what the whole walk finds.
        if source::is_content_file(relative) {
            self.files.insert(relative.to_path_buf());
        } else {
            self.everything = true;
        }
    }

    pub fn is_empty(&self) -> bool {
        !self.everything && self.files.is_empty()
    }

    /// Folds `other` into these changes.
    pub fn merge(&mut self, other: Changes) {
        self.everything |= other.everything;
        self.files.extend(other.files);
    }
}

/// One article source and, once parsed, what it parsed to.
struct Entry {
    file: SourceFile,
    read: Option<Result<(Article, References), Vec<Diagnostic>>>,
}

/// Builds a previewed site again and again, keeping what it read.
pub struct Rebuilder {
    preview: Preview,
    base_url: String,
    /// The text of `site.toml`, as last read, and the settings it gave (with the base URL
    /// replaced). Parses cached in `articles` are valid for these settings only.
    config_text: Option<String>,
    config: Option<Result<Config, Vec<Diagnostic>>>,
    templates: Vec<SourceFile>,
    static_files: Vec<source::StaticFile>,
    articles: BTreeMap<PathBuf, Entry>,
    profiles: BTreeMap<PathBuf, SourceFile>,
    /// Files that could not be read as text, by path.
    unreadable: BTreeMap<PathBuf, Diagnostic>,
    /// Whether the sources have been read at least once.
    loaded: bool,
}

/// A successful build: the site and its rendered output.
pub struct Fresh {
    pub site: Site,
    pub output: Output,
}

/// A site read and assembled, ready to render in whole or in part.
pub struct Prepared {
    pub site: Site,
    templates: Templates,
    jobs: Vec<Job>,
    /// Output path of each page → its job.
    pages: BTreeMap<String, usize>,
}

impl Prepared {
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
        self.site
            .articles
            .iter()
            .filter(|a| files.contains(&a.path))
            .map(|a| crate::model::url::output_path(&a.url))
            .collect()
    }
}

impl Rebuilder {
    /// A rebuilder for `preview`, whose pages link to `base_url` (the server's own address).
    pub fn new(preview: Preview, base_url: String) -> Rebuilder {
        Rebuilder {
            preview,
            base_url,
            config_text: None,
            config: None,
            templates: Vec::new(),
            static_files: Vec::new(),
            articles: BTreeMap::new(),
            profiles: BTreeMap::new(),
            unreadable: BTreeMap::new(),
            loaded: false,
        }
    }

    /// What is previewed.
    pub fn preview(&self) -> &Preview {
        &self.preview
    }

    /// Reads what `changes` names and builds the whole site, drafts included: [`prepare`]
    /// then [`render`].
    ///
    /// Content problems come back as `Err`; an `anyhow::Error` means the disk failed us.
    ///
    /// [`prepare`]: Rebuilder::prepare
    /// [`render`]: Rebuilder::render
    pub fn build(&mut self, changes: &Changes) -> anyhow::Result<Result<Fresh, Diagnostics>> {
        Ok(match self.prepare(changes)? {
            Ok(prepared) => self.render(&prepared).map(|output| Fresh {
                site: prepared.site,
                output,
            }),
            Err(problems) => Err(problems),
        })
    }

    /// Reads what `changes` names (everything, the first time), parses what changed, and
    /// assembles the site with drafts included.
    pub fn prepare(&mut self, changes: &Changes) -> anyhow::Result<Result<Prepared, Diagnostics>> {
        match self.preview.clone() {
            Preview::Site(root) => {
                if changes.everything || !self.loaded {
                    self.read_all(&root)?;
                } else {
                    for path in &changes.files {
                        self.read_one(&root, path)?;
                    }
                }
            }
            Preview::Article(path) => self.read_article(&path)?,
        }
        self.loaded = true;
        Ok(self.assemble())
    }

    fn read_all(&mut self, root: &Path) -> anyhow::Result<()> {
        let (sources, problems) = source::collect(root)?;
        let Sources {
            config,
            articles,
            profiles,
            templates,
            static_files,
        } = sources;
        self.set_config(config);
        self.templates = templates;
        self.static_files = static_files;
        self.profiles = profiles.into_iter().map(|f| (f.path.clone(), f)).collect();
        self.unreadable = problems.into_iter().map(|d| (d.path.clone(), d)).collect();
        let mut previous = std::mem::take(&mut self.articles);
        for file in articles {
            // A file whose text has not changed keeps its parse.
            let read = match previous.remove(&file.path) {
                Some(entry) if entry.file.text == file.text => entry.read,
                _ => None,
            };
            self.articles
                .insert(file.path.clone(), Entry { file, read });
        }
        Ok(())
    }

    /// Reads one Markdown file under `content/` again, or forgets it if it is gone.
    fn read_one(&mut self, root: &Path, relative: &Path) -> anyhow::Result<()> {
        self.articles.remove(relative);
        self.profiles.remove(relative);
        self.unreadable.remove(relative);
        if !is_regular_file_inside(root, relative) {
            return Ok(());
        }
        let file = match source::single(&root.join(relative)) {
            Ok(Ok(file)) => SourceFile {
                path: relative.to_path_buf(),
                text: file.text,
            },
            Ok(Err(mut problem)) => {
                problem.path = relative.to_path_buf();
                self.unreadable.insert(relative.to_path_buf(), problem);
                return Ok(());
            }
            // Deleted between the event and now: the next event will say so.
            Err(_) if !root.join(relative).exists() => return Ok(()),
            Err(e) => return Err(e),
        };
        if source::is_profile(relative) {
            self.profiles.insert(relative.to_path_buf(), file);
        } else {
            self.articles
                .insert(relative.to_path_buf(), Entry { file, read: None });
        }
        Ok(())
    }

    fn read_article(&mut self, path: &Path) -> anyhow::Result<()> {
        self.unreadable.clear();
        match source::single(path)? {
            Ok(file) => {
                let unchanged = self
                    .articles
                    .get(&file.path)
                    .is_some_and(|e| e.file.text == file.text);
                if !unchanged {
                    self.articles.clear();
                    self.articles
                        .insert(file.path.clone(), Entry { file, read: None });
                }
            }
            Err(problem) => {
                self.articles.clear();
                self.unreadable.insert(problem.path.clone(), problem);
            }
        }
        self.set_config(None);
        Ok(())
    }

    /// Takes the text of `site.toml`; new settings invalidate every cached parse.
    fn set_config(&mut self, text: Option<String>) {
        if self.config.is_some() && text == self.config_text {
            return;
        }
        let mut config = match &text {
            Some(text) => Config::parse(text, Path::new("site.toml")),
            None => Ok(Config::default()),
        };
        if let Ok(config) = &mut config {
            match config::normalize_base_url(&self.base_url) {
                Ok(url) => config.base_url = url,
                Err(message) => {
                    return self.config =
                        Some(Err(vec![Diagnostic::error("--base-url", 1, 1, message)]));
                }
            }
        }
        self.config_text = text;
        self.config = Some(config);
        for entry in self.articles.values_mut() {
            entry.read = None;
        }
    }

    /// Every page of `prepared`, and the static files.
    pub fn render(&self, prepared: &Prepared) -> Result<Output, Diagnostics> {
        let sink = MemorySink::default();
        let result = render::site(
            &prepared.site,
            &prepared.templates,
            &self.static_files,
            &sink,
        );
        finish(result, sink)
    }

    /// Only the pages at `keys` (output paths; those that are not pages are skipped).
    pub fn render_pages(
        &self,
        prepared: &Prepared,
        keys: &BTreeSet<String>,
    ) -> Result<Output, Diagnostics> {
        let jobs: Vec<Job> = keys
            .iter()
            .filter_map(|key| prepared.pages.get(key))
            .map(|&i| prepared.jobs[i])
            .collect();
        let sink = MemorySink::default();
        let result = pages::render_all(&prepared.site, &prepared.templates, &jobs, &sink);
        finish(result, sink)
    }

    /// The stages of [`crate::build`] over the kept sources, up to rendering; see there for
    /// the order.
    fn assemble(&mut self) -> Result<Prepared, Diagnostics> {
        let mut problems = Diagnostics::new();
        problems.extend(self.unreadable.values().cloned());
        let config = match &self.config {
            Some(Ok(config)) => config.clone(),
            Some(Err(found)) => {
                problems.extend(found.iter().cloned());
                return Err(problems);
            }
            None => Config::default(),
        };
        let templates = Templates::compile(&self.templates, &config.timezone);

        let stale: Vec<&mut Entry> = self
            .articles
            .values_mut()
            .filter(|e| e.read.is_none())
            .collect();
        stale.into_par_iter().for_each(|entry| {
            entry.read = Some(Article::read(&entry.file, &config));
        });
        let mut read = Vec::with_capacity(self.articles.len());
        for entry in self.articles.values() {
            match &entry.read {
                Some(Ok(parsed)) => read.push(parsed.clone()),
                Some(Err(found)) => problems.extend(found.iter().cloned()),
                None => {}
            }
        }
        let mut profiles = Vec::with_capacity(self.profiles.len());
        for file in self.profiles.values() {
            match Profile::read(file) {
                Ok(profile) => profiles.push(profile),
                Err(found) => problems.extend(found),
            }
        }
        let templates = match templates {
            Ok(templates) => templates,
            Err(found) => {
                problems.extend(found);
                return Err(problems);
            }
        };
        if problems.has_errors() {
            return Err(problems);
        }
        let site = Site::assemble(config, read, profiles).map_err(|found| {
            problems.extend(found);
            std::mem::take(&mut problems)
        })?;
        let jobs = pages::jobs(&site);
        let pages = jobs
            .iter()
            .enumerate()
            .map(|(i, job)| (crate::model::url::output_path(&job.url(&site)), i))
            .collect();
        Ok(Prepared {
            site,
            templates,
            jobs,
            pages,
        })
    }
}

/// The output of a render into memory, or its problems.
fn finish(
    result: anyhow::Result<Result<(), Vec<Diagnostic>>>,
    sink: MemorySink,
) -> Result<Output, Diagnostics> {
    let mut problems = Diagnostics::new();
    match result {
        Ok(Ok(())) => Ok(sink.into_output()),
        Ok(Err(found)) => {
            problems.extend(found);
            Err(problems)
        }
        // A memory sink cannot fail; should it, say so where the problems are shown.
        Err(e) => {
            problems.push(Diagnostic::error("content", 1, 1, format!("{e:#}")));
            Err(problems)
        }
    }
}

/// Whether `root/relative` is a regular file reached without following a symbolic link,
/// as `source::collect` would find it.
fn is_regular_file_inside(root: &Path, relative: &Path) -> bool {
    let mut path = root.to_path_buf();
    let mut components = relative.components().peekable();
    while let Some(component) = components.next() {
        path.push(component);
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            return false;
        };
        let last = components.peek().is_none();
        if meta.file_type().is_symlink() || (last && !meta.is_file()) || (!last && !meta.is_dir()) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::BuildOptions;

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

    /// What `broadsheet build --drafts` would make of the site right now.
    fn reference(root: &Path) -> Output {
        let (sources, problems) = source::collect(root).unwrap();
        assert!(problems.is_empty());
        let options = BuildOptions {
            drafts: true,
            base_url: Some(BASE.into()),
        };
        crate::build(&sources, &options).ok().unwrap().output
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
        let mut rebuilder = Rebuilder::new(Preview::Site(root.to_path_buf()), BASE.into());
        let first = rebuilder.build(&Changes::default()).unwrap().ok().unwrap();
        assert_eq!(first.output, reference(root));

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
        let next = rebuilder.build(&changes).unwrap().ok().unwrap();
        assert_eq!(next.output, reference(root));
        assert!(!next.output.contains_key("authors/ben-ito/index.html"));
        assert!(next.output.contains_key("authors/cy-dunn/index.html"));

        // New settings re-read every article under them.
        std::fs::write(
            root.join("site.toml"),
            "title = \"Renamed\"\nper_page = 1\n",
        )
        .unwrap();
        let next = rebuilder
            .build(&changed(&["site.toml"]))
            .unwrap()
            .ok()
            .unwrap();
        assert_eq!(next.output, reference(root));
    }

    #[test]
    fn some_pages_render_as_the_full_render_does() {
        let dir = site();
        let root = dir.path();
        let mut rebuilder = Rebuilder::new(Preview::Site(root.to_path_buf()), BASE.into());
        let prepared = rebuilder
            .prepare(&Changes::default())
            .unwrap()
            .ok()
            .unwrap();
        let full = rebuilder.render(&prepared).unwrap();
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
        let some = rebuilder.render_pages(&prepared, &keys).unwrap();
        assert_eq!(some.len(), 4, "style.css is not a page: {:?}", some.keys());
        for (key, bytes) in &some {
            assert_eq!(Some(bytes), full.get(key), "{key}");
        }
        assert!(prepared.has_page("authors/ben-ito/index.html"));
        assert!(!prepared.has_page("sitemap.xml"));
    }

    #[test]
    fn a_broken_article_fails_and_its_fix_builds() {
        let dir = site();
        let root = dir.path();
        let mut rebuilder = Rebuilder::new(Preview::Site(root.to_path_buf()), BASE.into());
        assert!(rebuilder.build(&Changes::default()).unwrap().is_ok());
        let path = root.join("content/2025/one.md");
        std::fs::write(&path, "+++\ntitle = \"One\"\nautor = \"Ada\"\n+++\n").unwrap();
        let problems = rebuilder
            .build(&changed(&["content/2025/one.md"]))
            .unwrap()
            .err()
            .unwrap()
            .sorted();
        assert!(
            problems
                .iter()
                .any(|d| d.path == Path::new("content/2025/one.md") && d.line == 3),
            "{problems:?}"
        );
        std::fs::write(&path, article("One", "2025-01-02", "Ada Lane", "Fixed.")).unwrap();
        let fixed = rebuilder.build(&changed(&["content/2025/one.md"])).unwrap();
        assert_eq!(fixed.ok().unwrap().output, reference(root));
    }

    #[test]
    fn a_single_article_builds_on_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("piece.md");
        std::fs::write(&path, article("Alone", "2025-02-03", "Ada Lane", "Words.")).unwrap();
        let mut rebuilder = Rebuilder::new(Preview::Article(path.clone()), BASE.into());
        let fresh = rebuilder.build(&Changes::default()).unwrap().ok().unwrap();
        assert_eq!(fresh.site.articles.len(), 1);
        assert!(fresh.output.contains_key("2025/02/alone/index.html"));
        assert!(fresh.output.contains_key("authors/ada-lane/index.html"));
    }
}
