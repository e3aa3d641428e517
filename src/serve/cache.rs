//! What `serve` keeps between rebuilds: the site's sources and each article's parse,
//! refreshed by path from the watcher's events, in front of the build driver's stages.
//!
//! A full build of a 10,000-article archive spends about a third of its time walking the
//! disk and turning Markdown into articles. While serving, the sources and each article's
//! parse are kept in memory, so saving one article re-reads and re-parses that article
//! alone; a change that is not one article (a template, a static file, `site.toml`, a
//! folder) re-walks the site, and still re-parses only the files whose text changed. The
//! stages themselves, and their order, are [`crate::build`]'s.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::build::{self, ArticleRead, Assembled, BuildOptions};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics, Failure};
use crate::model::url::LinkStyle;
use crate::render::Templates;
use crate::source::{self, ContentKind, SourceFile, Sources, StaticFile};

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
        // A Markdown file under `content/` can be read again on its own; anything else (a
        // folder, a template, the settings) may change what the whole walk finds.
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
    read: Option<ArticleRead>,
}

/// The sources of a previewed site and each article's parse, kept between rebuilds.
pub struct Cache {
    preview: Preview,
    /// Drafts and embargoed pieces included, and the server's own address as the base URL.
    options: BuildOptions,
    /// The text of `site.toml`, as last read, and the settings it gave. Parses cached in
    /// `articles` are valid for these settings only.
    config_text: Option<String>,
    config: Option<Result<Config, Diagnostics>>,
    templates: Vec<SourceFile>,
    static_files: Vec<StaticFile>,
    articles: BTreeMap<PathBuf, Entry>,
    profiles: BTreeMap<PathBuf, SourceFile>,
    pages: BTreeMap<PathBuf, SourceFile>,
    /// Files that could not be read as text, by path.
    unreadable: BTreeMap<PathBuf, Diagnostic>,
    /// Whether the sources have been read at least once.
    loaded: bool,
}

impl Cache {
    /// A cache for `preview`, whose pages link to `base_url` (the server's own address).
    pub fn new(preview: Preview, base_url: String) -> Cache {
        Cache {
            preview,
            options: BuildOptions {
                drafts: true,
                // Pieces under embargo are previewed too, marked "Scheduled".
                future: true,
                now: None,
                base_url: Some(base_url),
                links: LinkStyle::Served,
            },
            config_text: None,
            config: None,
            templates: Vec::new(),
            static_files: Vec::new(),
            articles: BTreeMap::new(),
            profiles: BTreeMap::new(),
            pages: BTreeMap::new(),
            unreadable: BTreeMap::new(),
            loaded: false,
        }
    }

    /// What is previewed.
    pub fn preview(&self) -> &Preview {
        &self.preview
    }

    /// The static files, as last read.
    pub fn static_files(&self) -> &[StaticFile] {
        &self.static_files
    }

    /// Reads what `changes` names (everything, the first time), parses what changed, and
    /// assembles the site, drafts included, through the driver's stages.
    pub fn assemble(&mut self, changes: &Changes) -> Result<Assembled, Failure> {
        self.refresh(changes)?;
        let unreadable: Diagnostics = self.unreadable.values().cloned().collect();
        let config = match &self.config {
            Some(Ok(config)) => config.clone(),
            Some(Err(found)) => {
                let mut problems = unreadable;
                problems.extend(found.clone());
                return Err(problems.into());
            }
            None => Config::default(),
        };
        let templates = Templates::compile(&self.templates, &config.timezone);
        self.read_stale(&config);
        let read = build::Read {
            templates,
            articles: self
                .articles
                .values()
                .filter_map(|e| e.read.clone())
                .collect(),
            profiles: build::read_profiles(self.profiles.values(), &config),
            pages: build::read_pages(self.pages.values(), &config),
            unreadable,
        };
        Ok(build::assemble(config, read, &self.options)?)
    }

    /// Reads again what `changes` names, or everything.
    fn refresh(&mut self, changes: &Changes) -> anyhow::Result<()> {
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
        Ok(())
    }

    /// Parses the articles whose text changed since they were last parsed.
    fn read_stale(&mut self, config: &Config) {
        let mut stale: Vec<&mut Entry> = self
            .articles
            .values_mut()
            .filter(|e| e.read.is_none())
            .collect();
        let files: Vec<&SourceFile> = stale.iter().map(|e| &e.file).collect();
        let reads = build::read_articles(files, config);
        for (entry, read) in stale.iter_mut().zip(reads) {
            entry.read = Some(read);
        }
    }

    fn read_all(&mut self, root: &Path) -> anyhow::Result<()> {
        let Sources {
            config,
            articles,
            profiles,
            pages,
            templates,
            static_files,
            unreadable,
        } = source::collect(root)?;
        self.set_config(config);
        self.templates = templates;
        self.static_files = static_files;
        self.profiles = profiles.into_iter().map(|f| (f.path.clone(), f)).collect();
        self.pages = pages.into_iter().map(|f| (f.path.clone(), f)).collect();
        self.unreadable = unreadable
            .into_iter()
            .map(|d| (d.path.clone(), d))
            .collect();
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
        self.pages.remove(relative);
        self.unreadable.remove(relative);
        if !is_regular_file_inside(root, relative) {
            return Ok(());
        }
        let text = match source::single(&root.join(relative)) {
            Ok(file) => file.text,
            Err(Failure::Content(problems)) => {
                for mut problem in problems {
                    problem.path = relative.to_path_buf();
                    self.unreadable.insert(relative.to_path_buf(), problem);
                }
                return Ok(());
            }
            // Deleted between the event and now: the next event will say so.
            Err(Failure::Io(_)) if !root.join(relative).exists() => return Ok(()),
            Err(Failure::Io(error)) => return Err(error),
        };
        let file = SourceFile {
            path: relative.to_path_buf(),
            text,
        };
        match source::kind_of(relative) {
            ContentKind::Profile => {
                self.profiles.insert(relative.to_path_buf(), file);
            }
            ContentKind::Page => {
                self.pages.insert(relative.to_path_buf(), file);
            }
            ContentKind::Article => {
                self.articles
                    .insert(relative.to_path_buf(), Entry { file, read: None });
            }
        }
        Ok(())
    }

    fn read_article(&mut self, path: &Path) -> anyhow::Result<()> {
        self.unreadable.clear();
        match source::single(path) {
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
            Err(Failure::Content(problems)) => {
                self.articles.clear();
                self.unreadable
                    .extend(problems.into_iter().map(|d| (d.path.clone(), d)));
            }
            Err(Failure::Io(error)) => return Err(error),
        }
        self.set_config(None);
        Ok(())
    }

    /// Takes the text of `site.toml`; new settings invalidate every cached parse.
    fn set_config(&mut self, text: Option<String>) {
        if self.config.is_some() && text == self.config_text {
            return;
        }
        self.config = Some(build::settings(text.as_deref(), &self.options));
        self.config_text = text;
        for entry in self.articles.values_mut() {
            entry.read = None;
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
