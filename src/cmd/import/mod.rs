//! `broadsheet import FILE…`: plain-text pieces in, Markdown articles and author profiles out
//! (issue 5); `broadsheet import EXPORT.xml`, a WordPress export, is `wxr`'s (issue 11);
//! `broadsheet import --from jekyll|hugo|zola SITE_DIR`, another generator's site, is
//! `site`'s (issue 17). Both write through `staging`.
//!
//! Reading a piece and rendering its files is [`crate::import`]'s job; this command owns the
//! disk side: where each file goes, what may be overwritten, and one report for the batch.
//! Every file is tried even when an earlier one failed.
//!
//! Where files go: an article to `CONTENT/{year}/{slug}.md`, where `CONTENT` is `--into` (a
//! path as given on the command line, like the FILE arguments) or else `ROOT/content`; the
//! year is the article's own, in the site's time zone, and the slug comes from its title.
//! Profiles always go to `ROOT/content/authors/<slug>.md`, where `build` looks for them.
//!
//! What is overwritten: an existing article only with `--force`. An existing profile never:
//! missing fields are filled in and nothing an editor wrote is changed, with or without
//! `--force`, whatever valid TOML form it is in; a YAML profile, or one whose front matter
//! does not parse, is left alone with a warning that says what to add by hand.

mod site;
mod staging;
mod wxr;

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::cli::ImportArgs;
use crate::cmd::Report;
use crate::config::{self, Config};
use crate::diagnostic::{Diagnostic, Failure, line_column};
use crate::english::counted;
use crate::import::{self, ImportOptions, ImportedAuthor, ProfileMerge};
use crate::model::url;

/// Imports every FILE, reporting each one that fails; the report fails if any did.
pub fn run(args: &ImportArgs) -> anyhow::Result<Report> {
    let root = &args.site.root;
    if args.title.is_some() && args.files.len() > 1 {
        return Ok(refusal(
            "`--title` gives one piece its title; import the files one at a time to use it",
        ));
    }
    let config = match Config::load(root) {
        Ok(config) => config,
        Err(Failure::Content(problems)) => {
            return Ok(Report {
                diagnostics: under_root(root, problems.sorted()),
                summary: "the site settings have problems; nothing was imported".into(),
                success: false,
            });
        }
        Err(Failure::Io(error)) => return Err(error),
    };
    if let Some(generator) = args.from {
        return site::run(args, generator, &config);
    }
    let exports: Vec<&PathBuf> = args.files.iter().filter(|f| is_export(f)).collect();
    match (exports.as_slice(), args.files.len()) {
        ([], _) => {}
        ([export], 1) => return wxr::run(args, export, &config),
        _ => {
            return Ok(refusal(
                "a WordPress export (.xml) is imported on its own, one per run",
            ));
        }
    }
    let (titles, warnings) = match &args.titles {
        Some(csv) => match read_titles(csv, &args.files) {
            Ok(read) => read,
            Err(problems) => {
                return Ok(Report {
                    diagnostics: problems,
                    summary: "the titles file has problems; nothing was imported".into(),
                    success: false,
                });
            }
        },
        None => Default::default(),
    };
    let mut batch = Batch {
        content: args
            .into
            .clone()
            .unwrap_or_else(|| config::content_dir(root)),
        authors: config::content_dir(root).join("authors"),
        force: args.force,
        title: args.title.as_deref(),
        titles,
        config: &config,
        diagnostics: warnings,
        written: BTreeMap::new(),
        tally: Tally::default(),
    };
    for file in &args.files {
        if let Err(problems) = batch.import_file(file) {
            batch.diagnostics.extend(problems);
            batch.tally.failed += 1;
        }
    }
    let Batch {
        mut diagnostics,
        tally,
        ..
    } = batch;
    diagnostics.sort();
    let success = tally.failed == 0 && !diagnostics.iter().any(Diagnostic::is_error);
    Ok(Report {
        diagnostics,
        summary: tally.summary(),
        success,
    })
}

/// What a batch did, for the closing line.
#[derive(Default)]
struct Tally {
    pieces: usize,
    replaced: usize,
    new_profiles: usize,
    filled_profiles: usize,
    failed: usize,
}

impl Tally {
    fn summary(&self) -> String {
        let mut line = format!(
            "imported {}, {}",
            counted(self.pieces, "piece"),
            counted(self.new_profiles, "new author profile")
        );
        if self.replaced > 0 {
            line.push_str(&format!(" ({} replaced with --force)", self.replaced));
        }
        if self.filled_profiles > 0 {
            line.push_str(&format!(
                ", {} filled in",
                counted(self.filled_profiles, "existing profile")
            ));
        }
        if self.failed > 0 {
            line.push_str(&format!("; {} failed", counted(self.failed, "file")));
        }
        line
    }
}

struct Batch<'a> {
    content: PathBuf,
    authors: PathBuf,
    force: bool,
    title: Option<&'a str>,
    /// `--titles`: a title for each listed file, keyed by [`same_file`].
    titles: Titles,
    config: &'a Config,
    /// Warnings, and the errors of files that were imported in part.
    diagnostics: Vec<Diagnostic>,
    /// Article path → the file it was imported from, in this run.
    written: BTreeMap<PathBuf, PathBuf>,
    tally: Tally,
}

impl Batch<'_> {
    /// Imports one file; `Err` holds why it was not imported.
    fn import_file(&mut self, file: &Path) -> Result<(), Vec<Diagnostic>> {
        let text = read_text(file)?;
        let listed = self.titles.get(&same_file(file)).map(String::as_str);
        let options = ImportOptions {
            title: self.title.or(listed),
            tz: &self.config.timezone,
        };
        let article = import::parse(&text, &options).map_err(|errors| {
            errors
                .into_iter()
                .map(|e| Diagnostic::error(file, e.line, e.column, e.message))
                .collect::<Vec<_>>()
        })?;

        let slug = url::slugify(&article.title);
        let target = self
            .content
            .join(format!("{:04}", article.date.year()))
            .join(format!("{slug}.md"));
        let shown_target = shown(&target);
        if let Some(earlier) = self.written.get(&target) {
            // Checked before `--force`: replacing a piece imported a moment ago loses it.
            return Err(vec![
                Diagnostic::error(
                    file,
                    1,
                    1,
                    format!(
                        "{shown_target} was just written from {}, which has the same title and year",
                        shown(earlier)
                    ),
                )
                .with_hint("import this file on its own with `--title` to give it another title"),
            ]);
        }
        let exists = target.symlink_metadata().is_ok();
        if exists && !self.force {
            return Err(vec![
                Diagnostic::error(
                    file,
                    1,
                    1,
                    format!("{shown_target} already exists; it was not overwritten"),
                )
                .with_hint("pass `--force` to replace it"),
            ]);
        }
        let file_text = import::article_file(&article);
        let written = if self.force {
            write_file(&target, &file_text)
        } else {
            write_new(&target, &file_text)
        };
        written.map_err(|e| {
            vec![Diagnostic::error(
                file,
                1,
                1,
                format!("cannot write {shown_target}: {e}"),
            )]
        })?;
        self.written.insert(target, file.to_path_buf());
        self.tally.pieces += 1;
        self.tally.replaced += usize::from(exists);

        let mut profile_failed = false;
        for author in &article.authors {
            if let Err(problem) = self.save_profile(author) {
                self.diagnostics.push(problem);
                profile_failed = true;
            }
        }
        if profile_failed {
            self.tally.failed += 1;
        }
        Ok(())
    }

    /// Creates the author's profile, or fills in what an existing one lacks. `Err` only when
    /// the disk refuses; a profile left alone on purpose is a warning.
    fn save_profile(&mut self, author: &ImportedAuthor) -> Result<(), Diagnostic> {
        let path = self
            .authors
            .join(format!("{}.md", url::slugify(&author.name)));
        let shown_path = shown(&path);
        let cannot =
            |e: std::io::Error| Diagnostic::error(&shown_path, 1, 1, format!("cannot write: {e}"));
        let existing = match std::fs::read(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                write_new(&path, &import::profile_file(author)).map_err(cannot)?;
                self.tally.new_profiles += 1;
                return Ok(());
            }
            Err(e) => {
                return Err(Diagnostic::error(
                    &shown_path,
                    1,
                    1,
                    format!("cannot read: {e}"),
                ));
            }
            Ok(bytes) => bytes,
        };
        let leave_alone = |why: &str| {
            Diagnostic::error(
                &shown_path,
                1,
                1,
                format!("{why}; the profile of {} was left as it was", author.name),
            )
            .warning()
        };
        let Ok(existing) = String::from_utf8(existing) else {
            self.diagnostics.push(leave_alone("not UTF-8 text"));
            return Ok(());
        };
        match import::merge_profile(&existing, author) {
            ProfileMerge::Filled(merged) => {
                write_file(&path, &merged).map_err(cannot)?;
                self.tally.filled_profiles += 1;
            }
            ProfileMerge::LeftAlone { why, how } => {
                self.diagnostics.push(leave_alone(&why).with_hint(how));
            }
            ProfileMerge::Complete => {}
        }
        Ok(())
    }
}

/// Each `--titles` file's title, keyed by [`same_file`].
type Titles = BTreeMap<PathBuf, String>;

/// Reads `--titles`: the title of each file, and a warning for each row naming a file that
/// is not being imported. Files are matched as the user typed them, relative to where the
/// command runs, like the FILE arguments; `Err` holds every bad row.
fn read_titles(
    csv: &Path,
    files: &[PathBuf],
) -> Result<(Titles, Vec<Diagnostic>), Vec<Diagnostic>> {
    let text = read_text(csv)?;
    let rows = import::titles::parse(&text).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| Diagnostic::error(csv, e.line, e.column, e.message))
            .collect::<Vec<_>>()
    })?;
    let wanted: Vec<PathBuf> = files.iter().map(|f| same_file(f)).collect();
    let mut titles = BTreeMap::new();
    let mut warnings = Vec::new();
    for row in rows {
        let key = same_file(Path::new(&row.file));
        if wanted.contains(&key) {
            titles.insert(key, row.title);
        } else {
            warnings.push(
                Diagnostic::error(
                    csv,
                    row.line,
                    1,
                    format!("`{}` is not among the files being imported", row.file),
                )
                .warning(),
            );
        }
    }
    Ok((titles, warnings))
}

/// One key for every way of typing a path to the same file: its canonical form where it
/// exists, else the path made absolute.
fn same_file(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Whether a FILE is a WordPress export rather than a plain-text piece: WordPress names its
/// exports `site.wordpress.YYYY-MM-DD.xml`.
fn is_export(file: &Path) -> bool {
    file.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
}

/// Reads a piece as UTF-8 text; a file that is not is reported at its first bad byte.
fn read_text(file: &Path) -> Result<String, Vec<Diagnostic>> {
    let bytes = std::fs::read(file)
        .map_err(|e| vec![Diagnostic::error(file, 1, 1, format!("cannot read: {e}"))])?;
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let valid = std::str::from_utf8(&bytes[..e.utf8_error().valid_up_to()]).unwrap_or("");
        let (line, column) = line_column(valid, valid.len());
        vec![
            Diagnostic::error(file, line, column, "the file is not UTF-8 text")
                .with_hint("save it as UTF-8 and import it again"),
        ]
    })
}

fn refusal(summary: &str) -> Report {
    Report {
        diagnostics: Vec::new(),
        summary: summary.to_string(),
        success: false,
    }
}

/// Site diagnostics name paths relative to the root; shown from here they need the root.
pub(crate) fn under_root(root: &Path, problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    problems
        .into_iter()
        .map(|mut d| {
            d.path = PathBuf::from(shown(&root.join(&d.path)));
            d
        })
        .collect()
}

/// A path as a user would type it: `./content/x.md` → `content/x.md`.
pub(crate) fn shown(path: &Path) -> String {
    path.strip_prefix(".")
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Writes a file that must not exist yet, creating its folder; fails with `AlreadyExists`
/// rather than replace anything.
pub(crate) fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(text.as_bytes())
}

/// Writes a file, replacing it if it exists, creating its folder.
fn write_file(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_names_what_happened() {
        let mut tally = Tally {
            pieces: 3,
            new_profiles: 2,
            ..Tally::default()
        };
        assert_eq!(tally.summary(), "imported 3 pieces, 2 new author profiles");
        tally.failed = 1;
        tally.filled_profiles = 1;
        assert_eq!(
            tally.summary(),
            "imported 3 pieces, 2 new author profiles, 1 existing profile filled in; 1 file failed"
        );
        let one = Tally {
            pieces: 1,
            new_profiles: 1,
            replaced: 1,
            ..Tally::default()
        };
        assert_eq!(
            one.summary(),
            "imported 1 piece, 1 new author profile (1 replaced with --force)"
        );
    }

    #[test]
    fn paths_are_shown_as_typed() {
        assert_eq!(
            shown(&Path::new(".").join("content/2025/a.md")),
            "content/2025/a.md"
        );
        assert_eq!(shown(Path::new("site/content")), "site/content");
        assert_eq!(shown(Path::new("/abs/content")), "/abs/content");
    }
}
