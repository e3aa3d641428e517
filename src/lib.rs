//! broadsheet turns a folder of commentary pieces in Markdown into a static archive:
//! article pages with real bylines, author, affiliation, topic and date pages, feeds and a
//! sitemap.
//!
//! The pipeline runs one way, each stage taking plain data and returning plain data:
//!
//! ```text
//! source::collect → config → front_matter + markdown (per article, in parallel)
//!   → model::Site::assemble → render::site → output::write
//! ```
//!
//! Only `source` reads the disk and only `output` writes to it; [`build`] runs everything in
//! between from memory, so `serve` and `check` use it as it is.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod dates;
pub mod diagnostic;
pub mod front_matter;
pub mod import;
pub mod markdown;
pub mod model;
pub mod output;
pub mod render;
pub mod safe_url;
pub mod serve;
pub mod source;
pub mod table;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Profile, Site};
use crate::render::{MemorySink, Output, Sink, Templates};
use crate::source::Sources;

/// Choices that change what a build contains.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Include articles marked `draft = true`.
    pub drafts: bool,
    /// Replaces `base_url` from `site.toml`.
    pub base_url: Option<String>,
}

/// A site built in memory.
pub struct Built {
    pub site: Site,
    pub output: Output,
}

/// Builds a site from its sources, in memory.
///
/// Problems are collected stage by stage: every bad file is reported, not only the first;
/// a stage that found errors stops the build before the next one.
pub fn build(sources: &Sources, options: &BuildOptions) -> Result<Built, Diagnostics> {
    let sink = MemorySink::default();
    match build_into(sources.clone(), options, &sink) {
        Ok(Ok(site)) => Ok(Built {
            site,
            output: sink.into_output(),
        }),
        Ok(Err(problems)) => Err(problems),
        // A memory sink cannot fail.
        Err(e) => {
            let mut problems = Diagnostics::new();
            problems.push(Diagnostic::error("content", 1, 1, e.to_string()));
            Err(problems)
        }
    }
}

/// Builds a site from its sources, handing each file to `sink` as soon as it is rendered.
///
/// Takes the sources by value so each article's text is dropped once it is read: a large
/// site is never held in memory twice. Content problems are the inner `Err`; a sink that
/// fails is the outer one. After either, the sink may hold part of a site: discard it.
pub fn build_into(
    sources: Sources,
    options: &BuildOptions,
    sink: &dyn Sink,
) -> anyhow::Result<Result<Site, Diagnostics>> {
    let mut problems = Diagnostics::new();
    let mut config = match &sources.config {
        Some(text) => match Config::parse(text, std::path::Path::new("site.toml")) {
            Ok(config) => config,
            Err(ds) => return Ok(Err(fail(&mut problems, ds))),
        },
        None => Config::default(),
    };
    if let Some(url) = &options.base_url {
        match config::normalize_base_url(url) {
            Ok(url) => config.base_url = url,
            Err(message) => {
                return Ok(Err(fail(
                    &mut problems,
                    vec![Diagnostic::error("--base-url", 1, 1, message)],
                )));
            }
        }
    }

    let templates = Templates::compile(&sources.templates, &config.timezone);
    let articles: Vec<_> = sources
        .articles
        .into_par_iter()
        .map(|file| model::Article::read(&file, &config))
        .collect();
    let profiles: Vec<_> = sources.profiles.iter().map(Profile::read).collect();

    let templates = templates.map_err(|ds| problems.extend(ds));
    let mut read = Vec::with_capacity(articles.len());
    for result in articles {
        match result {
            Ok((article, refs)) if options.drafts || !article.draft => read.push((article, refs)),
            Ok(_) => {}
            Err(ds) => problems.extend(ds),
        }
    }
    let mut profile_list = Vec::with_capacity(profiles.len());
    for result in profiles {
        match result {
            Ok(profile) => profile_list.push(profile),
            Err(ds) => problems.extend(ds),
        }
    }
    let Ok(templates) = templates else {
        return Ok(Err(problems));
    };
    if problems.has_errors() {
        return Ok(Err(problems));
    }

    let site = match Site::assemble(config, read, profile_list) {
        Ok(site) => site,
        Err(ds) => return Ok(Err(fail(&mut problems, ds))),
    };
    if let Err(ds) = render::site(&site, &templates, &sources.static_files, sink)? {
        return Ok(Err(fail(&mut problems, ds)));
    }
    Ok(Ok(site))
}

fn fail(problems: &mut Diagnostics, found: Vec<Diagnostic>) -> Diagnostics {
    problems.extend(found);
    std::mem::take(problems)
}
