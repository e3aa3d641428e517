//! `broadsheet import EXPORT.xml`: a WordPress export in, a broadsheet site out (issue 11).
//!
//! Converting is [`crate::import::wxr`]'s; this command owns the disk. The export is read
//! through once to check it and plan every file (a malformed or hostile export stops here,
//! reported at `FILE:line:col`), then again to convert each item, writing each file into a
//! staging folder beside `content/`. Only when every file is staged are they moved into
//! place, so a failed import leaves the site as it was. Every path comes from a slug, which
//! can hold only `a-z`, `0-9` and `-`: nothing from the export names a place outside
//! `content/`.
//!
//! An existing article or page is replaced only with `--force`; profiles are only ever
//! filled in. The same export imported twice writes the same bytes.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use anyhow::Context as _;

use super::shown;
use super::staging::{Staging, stage_profiles};
use crate::cli::ImportArgs;
use crate::cmd::Report;
use crate::config::{self, Config};
use crate::diagnostic::Diagnostic;
use crate::english::counted;
use crate::import::ImportedAuthor;
use crate::import::wxr::{self, Kind, Options, Record, Survey};
use crate::model::url;

/// Imports one export into the site at `--root`.
pub fn run(args: &ImportArgs, export: &Path, config: &Config) -> anyhow::Result<Report> {
    if args.title.is_some() || args.titles.is_some() || args.into.is_some() {
        return Ok(refusal(
            "`--title`, `--titles` and `--into` are for plain-text pieces; an export brings \
             its own titles and goes to ROOT/content",
        ));
    }
    let content = config::content_dir(&args.site.root);
    let options = Options {
        tz: &config.timezone,
        permalink: &config.permalink,
    };
    let open = || -> anyhow::Result<BufReader<File>> {
        let file = File::open(export).with_context(|| format!("cannot read {}", shown(export)))?;
        Ok(BufReader::with_capacity(1 << 16, file))
    };

    let survey = match Survey::of(open()?, &options) {
        Ok(survey) => survey,
        Err(error) => {
            let (line, column) = places(open()?, &[error.offset])?
                .first()
                .copied()
                .unwrap_or((1, 1));
            return Ok(Report {
                diagnostics: vec![Diagnostic::error(export, line, column, error.message)],
                summary: "the export cannot be read; nothing was imported".into(),
                success: false,
            });
        }
    };

    // Refuse to replace anything before anything is written.
    let mut diagnostics = Vec::new();
    if !args.force {
        for planned in survey.planned.values() {
            let target = content.join(&planned.path);
            if target.symlink_metadata().is_ok() {
                diagnostics.push(
                    Diagnostic::error(
                        shown(&target),
                        1,
                        1,
                        "already exists; it was not overwritten",
                    )
                    .with_hint("pass `--force` to replace what an earlier import wrote"),
                );
            }
        }
    }
    if !diagnostics.is_empty() {
        diagnostics.sort();
        return Ok(Report {
            diagnostics,
            summary: "nothing was imported".into(),
            success: false,
        });
    }

    let mut staging = Staging::new(&args.site.root)?;
    let mut tally = Tally::default();
    let mut authors: BTreeMap<String, ImportedAuthor> = BTreeMap::new();
    let mut write_error = None;
    wxr::read(open()?, |record| {
        let Record::Item(item) = record else { return };
        let Some(converted) = wxr::convert(&item, &survey, &options) else {
            return;
        };
        if write_error.is_some() {
            return;
        }
        if let Err(e) = staging.stage(&converted.path, &converted.text) {
            write_error = Some(e);
            return;
        }
        tally.count(&converted);
        for author in converted.authors {
            authors.entry(url::slugify(&author.name)).or_insert(author);
        }
    })
    .map_err(|e| {
        anyhow::anyhow!(
            "{}: the export changed while it was read: {}",
            shown(export),
            e.message
        )
    })?;
    if let Some(e) = write_error {
        return Err(e);
    }

    tally.authors = authors.len();
    let profiles = stage_profiles(&mut staging, &content, "", &authors)?;
    tally.new_profiles = profiles.new;
    tally.filled_profiles = profiles.filled;
    diagnostics.extend(profiles.warnings);

    staging.commit(&content)?;

    let offsets: Vec<u64> = survey.notes.iter().map(|n| n.offset).collect();
    let places = places(open()?, &offsets)?;
    for (note, (line, column)) in survey.notes.iter().zip(places) {
        diagnostics.push(Diagnostic::error(export, line, column, &note.message).warning());
    }
    diagnostics.sort();
    tally.skipped = survey.skipped.clone();
    Ok(Report {
        diagnostics,
        summary: tally.summary(),
        success: true,
    })
}

/// What an import did, for the summary block.
#[derive(Default)]
struct Tally {
    /// Articles by WordPress status.
    articles: BTreeMap<String, usize>,
    pages: usize,
    authors: usize,
    new_profiles: usize,
    filled_profiles: usize,
    topics: std::collections::BTreeSet<String>,
    aliases: usize,
    query_permalinks: usize,
    external_images: usize,
    skipped: BTreeMap<String, usize>,
}

impl Tally {
    fn count(&mut self, converted: &wxr::Converted) {
        match &converted.kind {
            Kind::Article { status } => *self.articles.entry(status.clone()).or_default() += 1,
            Kind::Page => self.pages += 1,
        }
        self.topics
            .extend(converted.topics.iter().map(|t| url::slugify(t)));
        self.aliases += converted.aliases;
        self.query_permalinks += usize::from(converted.query_permalink);
        self.external_images += converted.external_images;
    }

    fn summary(&self) -> String {
        let total: usize = self.articles.values().sum();
        let published = self.articles.get("publish").copied().unwrap_or(0);
        let drafts: Vec<String> = self
            .articles
            .iter()
            .filter(|(status, _)| *status != "publish")
            .map(|(status, n)| format!("{n} {status}"))
            .collect();
        let mut articles = format!("{} ({published} published", counted(total, "article"));
        if !drafts.is_empty() {
            articles.push_str(&format!(
                ", {} as drafts: {}",
                total - published,
                drafts.join(", ")
            ));
        }
        articles.push(')');
        let mut lines = vec![
            format!("imported {articles}, {}", counted(self.pages, "page")),
            format!(
                "authors: {} ({}, {} filled in)",
                self.authors,
                counted(self.new_profiles, "new profile"),
                counted(self.filled_profiles, "existing profile")
            ),
            format!("topics: {}", self.topics.len()),
            format!(
                "aliases: {} (old permalinks that redirect to the new URLs)",
                self.aliases
            ),
        ];
        let skipped: Vec<String> = self
            .skipped
            .iter()
            .map(|(kind, n)| counted(*n, kind))
            .collect();
        lines.push(format!(
            "skipped: {}",
            if skipped.is_empty() {
                "nothing".to_string()
            } else {
                skipped.join(", ")
            }
        ));
        let mut warnings = Vec::new();
        if self.external_images > 0 {
            warnings.push(format!(
                "{} from other hosts, left where they are",
                counted(self.external_images, "image")
            ));
        }
        if self.query_permalinks > 0 {
            warnings.push(format!(
                "{} (`?p=123`), which a static host cannot redirect",
                counted(self.query_permalinks, "query-string permalink")
            ));
        }
        lines.push(format!(
            "warnings: {}",
            if warnings.is_empty() {
                "none".to_string()
            } else {
                warnings.join("; ")
            }
        ));
        lines.join("\n")
    }
}

/// The 1-based line and column (in characters) of each byte offset, read in one pass; the
/// offsets may come in any order.
fn places(input: impl BufRead, offsets: &[u64]) -> anyhow::Result<Vec<(usize, usize)>> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut found = vec![(1, 1); offsets.len()];
    let (mut line, mut column, mut at) = (1usize, 1usize, 0u64);
    let mut next = order.iter().peekable();
    for byte in input.bytes() {
        while let Some(&&i) = next.peek() {
            if offsets[i] > at {
                break;
            }
            found[i] = (line, column);
            next.next();
        }
        if next.peek().is_none() {
            break;
        }
        let byte = byte.context("cannot read the export again")?;
        if byte == b'\n' {
            line += 1;
            column = 1;
        } else if byte & 0xC0 != 0x80 {
            column += 1;
        }
        at += 1;
    }
    for &i in next {
        found[i] = (line, column);
    }
    Ok(found)
}

fn refusal(summary: &str) -> Report {
    Report {
        diagnostics: Vec::new(),
        summary: summary.to_string(),
        success: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_count_lines_and_characters() {
        let text = "ab\nçd\n\nxyz";
        let found = places(text.as_bytes(), &[9, 0, 3, 5, 100]).unwrap();
        assert_eq!(found, [(4, 2), (1, 1), (2, 1), (2, 2), (4, 4)]);
    }
}
