//! `broadsheet check`: build the site in memory, follow every link and lint the content.
//! Nothing is written.

use anyhow::bail;

use crate::build::{self, BuildOptions};
use crate::check;
use crate::cli::CheckArgs;
use crate::cmd::Report;
use crate::diagnostic::Failure;
use crate::english::counted;
use crate::source;

/// Checks the site under `args.site.root` as `build` would publish it with the same
/// `--future` and `--now` (drafts and, without `--future`, embargoed pieces left out).
///
/// Broken links and content that does not build are errors and fail the run; lints are
/// warnings and do not. An `Err` means the site could not be read at all (a `--root` that
/// is not a folder, say).
pub fn run(args: &CheckArgs) -> anyhow::Result<Report> {
    let root = &args.site.root;
    // A mistyped --root would otherwise check an empty site and pass.
    if !root.is_dir() {
        bail!("no site at {}: it is not a folder", root.display());
    }
    let sources = source::collect(root)?;
    let options = BuildOptions {
        future: args.embargo.future,
        now: args.embargo.now.clone(),
        ..BuildOptions::default()
    };
    let built = match build::in_memory(&sources, &options) {
        Ok(built) => built,
        Err(Failure::Io(error)) => return Err(error),
        Err(Failure::Content(problems)) => {
            let (count, files) = (problems.error_count(), problems.files_with_errors());
            return Ok(Report {
                summary: format!(
                    "the site does not build: {} in {}",
                    counted(count, "problem"),
                    counted(files, "file")
                ),
                diagnostics: problems.sorted(),
                success: false,
            });
        }
    };
    let checked = check::check(&built.site, &built.output, &sources);
    let (errors, warnings) = (checked.errors(), checked.warnings());
    Ok(Report {
        summary: format!(
            "checked {}: {}, {}",
            counted(checked.pages, "page"),
            counted(errors, "error"),
            counted(warnings, "warning")
        ),
        diagnostics: checked.diagnostics,
        success: errors == 0,
    })
}
