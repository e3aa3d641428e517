//! `broadsheet import --from jekyll|hugo|zola SITE_DIR`: another generator's site moved
//! into this one (issue 17).
//!
//! Reading and converting are [`crate::import::migrate`]'s; this command owns the disk. It
//! reads the old site's folder (never following a symbolic link out of it), plans every file
//! in memory, and refuses before writing anything when the old site has a problem, when an
//! article names no author and `--author` was not given, or (without `--force`) when a file
//! it would write already exists. Then every file is staged beside the site and moved into
//! place together; profiles are only ever created or filled in. The same site imported
//! twice writes the same bytes.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::shown;
use super::staging::{Staging, stage_profiles};
use crate::cli::{Generator, ImportArgs};
use crate::cmd::Report;
use crate::config::{self, Config};
use crate::diagnostic::Diagnostic;
use crate::english::counted;
use crate::import::migrate::{self, OldFile, OldSite, Options, Outcome, Tally};

/// Text files larger than this are not read: no post is this long.
const MAX_TEXT: u64 = 16 << 20;

/// Imports the site in the one FILE argument.
pub fn run(args: &ImportArgs, generator: Generator, config: &Config) -> anyhow::Result<Report> {
    let [dir] = args.files.as_slice() else {
        return Ok(refusal("`--from` imports one site: give its folder, once"));
    };
    if !dir.is_dir() {
        return Ok(refusal(&format!(
            "{} is not a folder; `--from {}` reads the folder of a site",
            shown(dir),
            name(generator)
        )));
    }
    let root = &args.site.root;
    if same_place(dir, root) {
        return Ok(refusal(
            "the site to import is this site; give the folder of the other generator's site",
        ));
    }
    let (old, symlinks) = read_site(dir, root)?;
    let reading = match generator {
        Generator::Jekyll => migrate::jekyll::read(&old),
        Generator::Hugo => migrate::hugo::read(&old),
        Generator::Zola => migrate::zola::read(&old),
    };
    let options = Options {
        tz: &config.timezone,
        permalink: &config.permalink,
        embed_hosts: &config.embed_hosts,
        author: args.author.as_deref(),
    };
    let mut migration = migrate::plan(&old, reading, &options);
    if !symlinks.is_empty() {
        migration
            .tally
            .skipped
            .insert("symbolic links (not followed)".into(), symlinks);
    }
    let mut diagnostics: Vec<Diagnostic> = std::mem::take(&mut migration.diagnostics)
        .into_iter()
        .map(|mut d| {
            d.path = PathBuf::from(shown(&dir.join(&d.path)));
            d
        })
        .collect();
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Ok(Report {
            diagnostics,
            summary: "the old site has problems; nothing was imported".into(),
            success: false,
        });
    }
    if !migration.unsigned.is_empty() {
        let listed: Vec<String> = migration
            .unsigned
            .iter()
            .map(|s| shown(&dir.join(s)))
            .collect();
        return Ok(Report {
            diagnostics,
            summary: format!(
                "{} no author, and neither does the old site's settings: {}; pass `--author \
                 \"NAME\"` to sign them; nothing was imported",
                if listed.len() == 1 {
                    "1 article names".to_string()
                } else {
                    format!("{} articles name", listed.len())
                },
                listed.join(", ")
            ),
            success: false,
        });
    }

    // Refuse to replace anything before anything is written.
    let mut conflicts = Vec::new();
    for file in &migration.files {
        let target = root.join(&file.path);
        if target.symlink_metadata().is_ok() && !args.force {
            conflicts.push(already_there(&target));
        }
    }
    let mut copies = Vec::new();
    for copy in std::mem::take(&mut migration.copies) {
        let target = root.join(&copy.to);
        let from = dir.join(&copy.from);
        if target.symlink_metadata().is_ok() {
            let same = std::fs::read(&target).ok() == std::fs::read(&from).ok();
            if same {
                continue;
            }
            if !args.force {
                conflicts.push(already_there(&target));
                continue;
            }
        }
        copies.push((copy.to, from));
    }
    if !conflicts.is_empty() {
        conflicts.sort();
        diagnostics.extend(conflicts);
        return Ok(Report {
            diagnostics,
            summary: "nothing was imported".into(),
            success: false,
        });
    }

    let mut staging = Staging::new(root)?;
    for file in &migration.files {
        staging.stage(&file.path, &file.text)?;
    }
    for (to, from) in &copies {
        staging.stage_copy(to, from)?;
    }
    let content = config::content_dir(root);
    let profiles = stage_profiles(&mut staging, &content, "content/", &migration.authors)?;
    staging.commit(root)?;
    diagnostics.extend(profiles.warnings);
    diagnostics.sort();
    let summary = summary(
        &migration.tally,
        &Counts {
            authors: migration.authors.len(),
            new_profiles: profiles.new,
            filled_profiles: profiles.filled,
            copied: copies.len(),
        },
    );
    Ok(Report {
        diagnostics,
        summary,
        success: true,
    })
}

fn name(generator: Generator) -> &'static str {
    match generator {
        Generator::Jekyll => "jekyll",
        Generator::Hugo => "hugo",
        Generator::Zola => "zola",
    }
}

fn same_place(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn already_there(target: &Path) -> Diagnostic {
    Diagnostic::error(
        shown(target),
        1,
        1,
        "already exists; it was not overwritten",
    )
    .with_hint("pass `--force` to replace what an earlier import wrote")
}

/// Reads every file under `dir` (hidden ones, `node_modules` and the new site's own folder
/// left out): the text of those the readers look at, and when each changed. Symbolic links
/// are not followed; they come back by path, to be named in the summary.
fn read_site(dir: &Path, root: &Path) -> anyhow::Result<(OldSite, Vec<String>)> {
    let mut site = OldSite::default();
    let mut symlinks = Vec::new();
    let skip_root = std::fs::canonicalize(root).ok();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            let hidden = entry.depth() > 0 && (name.starts_with('.') || name == "node_modules");
            let ours = entry.file_type().is_dir()
                && skip_root.is_some()
                && std::fs::canonicalize(entry.path()).ok() == skip_root;
            !hidden && !ours
        });
    for entry in walker {
        let entry = entry.with_context(|| format!("cannot read {}", shown(dir)))?;
        let Ok(relative) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let Some(relative) = relative
            .to_str()
            .map(|r| r.replace(std::path::MAIN_SEPARATOR, "/"))
        else {
            continue;
        };
        if entry.path_is_symlink() {
            symlinks.push(relative);
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let metadata = entry
            .metadata()
            .with_context(|| format!("cannot read {}", shown(entry.path())))?;
        let modified = metadata
            .modified()
            .ok()
            .and_then(|t| jiff::Timestamp::try_from(t).ok());
        let text = if migrate::is_text(&relative) && metadata.len() <= MAX_TEXT {
            let bytes = std::fs::read(entry.path())
                .with_context(|| format!("cannot read {}", shown(entry.path())))?;
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            std::str::from_utf8(bytes)
                .ok()
                .map(|t| t.replace("\r\n", "\n"))
        } else {
            None
        };
        site.files.insert(relative, OldFile { text, modified });
    }
    Ok((site, symlinks))
}

/// What the disk side adds to the tally.
struct Counts {
    authors: usize,
    new_profiles: usize,
    filled_profiles: usize,
    copied: usize,
}

/// The closing summary: what was imported, what was skipped (each file named), and the
/// warnings by kind.
fn summary(tally: &Tally, counts: &Counts) -> String {
    let drafts: usize = tally.drafts.values().sum();
    let total = tally.published + drafts;
    let mut articles = format!(
        "{} ({} published",
        counted(total, "article"),
        tally.published
    );
    if drafts > 0 {
        let reasons: Vec<String> = tally
            .drafts
            .iter()
            .map(|(why, n)| format!("{n} {why}"))
            .collect();
        articles.push_str(&format!(", {drafts} as drafts: {}", reasons.join(", ")));
    }
    articles.push(')');
    let mut lines = vec![
        format!("imported {articles}, {}", counted(tally.pages, "page")),
        format!(
            "authors: {} ({}, {} filled in)",
            counts.authors,
            counted(counts.new_profiles, "new profile"),
            counted(counts.filled_profiles, "existing profile")
        ),
        format!("topics: {}", tally.topics),
        format!(
            "aliases: {} (old URLs that redirect to the new ones)",
            tally.aliases
        ),
        format!(
            "static files: {} (page-bundle files and images the pieces link to)",
            counts.copied
        ),
    ];
    let skipped_total: usize = tally.skipped.values().map(Vec::len).sum();
    if skipped_total == 0 {
        lines.push("skipped: nothing".into());
    } else {
        let reasons: Vec<String> = tally
            .skipped
            .iter()
            .map(|(why, paths)| format!("{why} ({}): {}", paths.len(), named(paths)))
            .collect();
        lines.push(format!(
            "skipped: {}: {}",
            counted(skipped_total, "file"),
            reasons.join("; ")
        ));
    }
    let mut warnings = Vec::new();
    let tags: usize = tally.tags.values().sum();
    if tags > 0 {
        let by: Vec<String> = [
            (Outcome::Converted, "converted"),
            (Outcome::LeftAsText, "left as text"),
            (Outcome::Dropped, "left out"),
        ]
        .iter()
        .filter_map(|(outcome, word)| tally.tags.get(outcome).map(|n| format!("{n} {word}")))
        .collect();
        warnings.push(format!(
            "template code and generator links: {tags} ({})",
            by.join(", ")
        ));
    }
    if tally.unredirected > 0 {
        warnings.push(format!(
            "{} that cannot redirect",
            counted(tally.unredirected, "old URL")
        ));
    }
    if tally.missing_images > 0 {
        warnings.push(format!(
            "{} the old site does not have",
            counted(tally.missing_images, "linked image")
        ));
    }
    if tally.lead_images_left > 0 {
        warnings.push(format!(
            "{} without a description, left out",
            counted(tally.lead_images_left, "lead image")
        ));
    }
    if !tally.keys_left.is_empty() {
        let keys: Vec<String> = tally
            .keys_left
            .iter()
            .map(|(key, n)| format!("{key} ({n})"))
            .collect();
        warnings.push(format!(
            "front-matter keys with no meaning here, left behind: {}",
            keys.join(", ")
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

/// Up to five paths, then how many more.
fn named(paths: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut out: Vec<&str> = paths.iter().take(SHOWN).map(String::as_str).collect();
    let more;
    if paths.len() > SHOWN {
        more = format!("and {} more", paths.len() - SHOWN);
        out.push(&more);
    }
    out.join(", ")
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
    fn the_summary_counts_and_names() {
        let mut tally = Tally {
            published: 3,
            pages: 1,
            topics: 4,
            aliases: 2,
            unredirected: 1,
            ..Tally::default()
        };
        tally.drafts.insert("in _drafts/".into(), 1);
        tally.skipped.insert(
            "without front matter".into(),
            (1..=7).map(|i| format!("_posts/{i}.md")).collect(),
        );
        tally.tags.insert(Outcome::Converted, 2);
        tally.tags.insert(Outcome::LeftAsText, 1);
        tally.keys_left.insert("layout".into(), 4);
        let text = summary(
            &tally,
            &Counts {
                authors: 2,
                new_profiles: 2,
                filled_profiles: 0,
                copied: 3,
            },
        );
        assert_eq!(
            text,
            "imported 4 articles (3 published, 1 as drafts: 1 in _drafts/), 1 page\n\
             authors: 2 (2 new profiles, 0 existing profiles filled in)\n\
             topics: 4\n\
             aliases: 2 (old URLs that redirect to the new ones)\n\
             static files: 3 (page-bundle files and images the pieces link to)\n\
             skipped: 7 files: without front matter (7): _posts/1.md, _posts/2.md, _posts/3.md, _posts/4.md, _posts/5.md, and 2 more\n\
             warnings: template code and generator links: 3 (2 converted, 1 left as text); 1 old URL that cannot redirect; front-matter keys with no meaning here, left behind: layout (4)"
        );
    }
}
