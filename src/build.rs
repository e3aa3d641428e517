//! The build driver: the one sequence of stages that turns a site's sources into pages.
//!
//! ```text
//! settings → templates, articles, profiles and pages (read in parallel) → Site::assemble
//!   → render::site into a sink
//! ```
//!
//! [`site`] runs the stages top to bottom for `build` (into a staging folder) and `check`
//! (into memory, through [`in_memory`]). `serve` keeps the sources and each article's
//! parse between rebuilds, and calls the same stages itself: [`settings`],
//! [`read_articles`] for the articles that changed, [`read_profiles`], [`read_pages`],
//! [`assemble`] and
//! [`render`]. So the order of the stages, the base-URL override and the point where a
//! build stops for content problems are written once, here.
//!
//! Problems are collected stage by stage, so every bad file is reported, not only the first;
//! a stage that found errors stops the build before the next one.

use std::borrow::Borrow;

use rayon::prelude::*;

use jiff::Timestamp;

use crate::config::{self, Config};
use crate::dates;
use crate::diagnostic::{Diagnostic, Diagnostics, Failure};
use crate::model::url::LinkStyle;
use crate::model::{Article, Embargo, Page, Profile, References, Site};
use crate::render::{self, MemorySink, Output, Sink, Templates};
use crate::source::{SourceFile, Sources, StaticFile};

/// Choices that change what a build contains.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Include articles marked `draft = true`.
    pub drafts: bool,
    /// Include articles under embargo, dated after the build's moment (`--future`).
    pub future: bool,
    /// The moment the build takes as now, as written after `--now` (any date form front
    /// matter accepts, read in the site's time zone); the clock when `None`.
    pub now: Option<String>,
    /// Replaces `base_url` from `site.toml`: `--base-url`, or the preview server's address.
    pub base_url: Option<String>,
    /// How pages link: for a web server, or for reading from disk (`--portable`).
    pub links: LinkStyle,
}

/// A site built in memory.
pub struct Built {
    pub site: Site,
    pub output: Output,
}

/// A site assembled and its templates compiled: everything but the render.
pub struct Assembled {
    pub site: Site,
    pub templates: Templates,
}

/// One article file, read on its own: the article and the names it refers to, or its
/// problems.
pub type ArticleRead = Result<(Article, References), Diagnostics>;

/// Builds a site from its sources, handing each file to `sink` as soon as it is rendered.
///
/// Takes the sources by value so each article's text is dropped once it is read: a large
/// site is never held in memory twice. After a failure the sink may hold part of a site:
/// discard it.
pub fn site(sources: Sources, options: &BuildOptions, sink: &dyn Sink) -> Result<Site, Failure> {
    let Sources {
        config,
        articles,
        profiles,
        pages,
        templates,
        static_files,
        unreadable,
    } = sources;
    let config = settings(config.as_deref(), options).map_err(|found| {
        let mut problems = unreadable.clone();
        problems.extend(found);
        problems
    })?;
    let templates = Templates::compile(&templates, &config.timezone);
    let read = Read {
        templates,
        articles: read_articles(articles, &config),
        profiles: read_profiles(&profiles, &config),
        pages: read_pages(&pages, &config),
        unreadable,
    };
    let assembled = assemble(config, read, options)?;
    render(&assembled, &static_files, options.links, sink)?;
    Ok(assembled.site)
}

/// Builds a site from its sources, in memory (for `check`, tests and benchmarks).
pub fn in_memory(sources: &Sources, options: &BuildOptions) -> Result<Built, Failure> {
    let sink = MemorySink::default();
    let site = site(sources.clone(), options, &sink)?;
    Ok(Built {
        site,
        output: sink.into_output(),
    })
}

/// The site settings: `site.toml` (defaults without one), with the base URL replaced when
/// the options say so. The only place the base URL is overridden.
pub fn settings(text: Option<&str>, options: &BuildOptions) -> Result<Config, Diagnostics> {
    let mut config = match text {
        Some(text) => Config::parse(text, std::path::Path::new("site.toml"))?,
        None => Config::default(),
    };
    if let Some(url) = &options.base_url {
        config.base_url = config::normalize_base_url(url)
            .map_err(|message| Diagnostic::error("--base-url", 1, 1, message))?;
    }
    Ok(config)
}

/// The moment a build takes as now: `--now` read like a front matter date, in the site's
/// time zone, or else the clock. The only place the clock is read.
pub fn moment(options: &BuildOptions, config: &Config) -> Result<Timestamp, Diagnostic> {
    match &options.now {
        None => Ok(Timestamp::now()),
        Some(text) => dates::parse(text, &config.timezone)
            .map(|parsed| parsed.at.timestamp())
            .map_err(|e| {
                Diagnostic::error("--now", 1, 1, format!("`--now` is not a valid date: {e}"))
            }),
    }
}

/// Reads article files, in parallel, each on its own; the results keep the files' order.
/// Files given by value are dropped as soon as they are read.
pub fn read_articles<F>(
    files: impl IntoParallelIterator<Item = F>,
    config: &Config,
) -> Vec<ArticleRead>
where
    F: Borrow<SourceFile> + Send,
{
    files
        .into_par_iter()
        .map(|file| Article::read(file.borrow(), config))
        .collect()
}

/// Reads author profiles, each on its own.
pub fn read_profiles<'a>(
    files: impl IntoIterator<Item = &'a SourceFile>,
    config: &Config,
) -> Vec<Result<Profile, Diagnostics>> {
    files
        .into_iter()
        .map(|file| Profile::read(file, config))
        .collect()
}

/// Standalone pages, each read on its own.
pub fn read_pages<'a>(
    files: impl IntoIterator<Item = &'a SourceFile>,
    config: &Config,
) -> Vec<Result<Page, Diagnostics>> {
    files
        .into_iter()
        .map(|file| Page::read(file, config))
        .collect()
}

/// Everything read from a site's files, each file on its own, before it is tied together.
pub struct Read {
    pub templates: Result<Templates, Diagnostics>,
    pub articles: Vec<ArticleRead>,
    pub profiles: Vec<Result<Profile, Diagnostics>>,
    pub pages: Vec<Result<Page, Diagnostics>>,
    /// Files that could not be read as text.
    pub unreadable: Diagnostics,
}

/// Ties what was read into a site: every problem found so far (`unreadable` files,
/// templates, articles, profiles, pages, `--now`) is reported together and stops the build
/// here; drafts are left out unless the options include them, and so are embargoed
/// articles ([`Article::is_embargoed`] at [`moment`]) unless `future`, kept aside in the
/// site's [`Embargo`]; then [`Site::assemble`].
pub fn assemble(
    config: Config,
    read: Read,
    options: &BuildOptions,
) -> Result<Assembled, Diagnostics> {
    let mut problems = read.unreadable;
    let templates = keep(read.templates, &mut problems);
    let now = moment(options, &config)
        .map_err(|d| problems.push(d))
        .unwrap_or(Timestamp::UNIX_EPOCH);
    let mut held = Vec::new();
    let articles: Vec<(Article, References)> = read
        .articles
        .into_iter()
        .filter_map(|read| keep(read, &mut problems))
        .filter(|(article, _)| options.drafts || !article.draft)
        .filter_map(|(article, refs)| {
            if !options.future && article.is_embargoed(now) {
                held.push(article);
                None
            } else {
                Some((article, refs))
            }
        })
        .collect();
    let profiles: Vec<Profile> = read
        .profiles
        .into_iter()
        .filter_map(|read| keep(read, &mut problems))
        .collect();
    let pages: Vec<Page> = read
        .pages
        .into_iter()
        .filter_map(|read| keep(read, &mut problems))
        .collect();
    let Some(templates) = templates.filter(|_| !problems.has_errors()) else {
        return Err(problems);
    };
    let embargo = Embargo::new(now, held);
    let site = Site::assemble(config, articles, profiles, pages, embargo)?;
    Ok(Assembled { site, templates })
}

/// The value read, or `None` with its problems added to `problems`.
fn keep<T>(read: Result<T, Diagnostics>, problems: &mut Diagnostics) -> Option<T> {
    read.map_err(|found| problems.extend(found)).ok()
}

/// Renders every page of an assembled site into `sink`, linking as `links` says, with the
/// static files.
pub fn render(
    assembled: &Assembled,
    static_files: &[StaticFile],
    links: LinkStyle,
    sink: &dyn Sink,
) -> Result<(), Failure> {
    render::site(
        &assembled.site,
        &assembled.templates,
        static_files,
        links,
        sink,
    )
}
