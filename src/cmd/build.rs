//! `broadsheet build`: read the site, build it in memory, write it all at once.

use std::time::Instant;

use crate::build::{self, BuildOptions};
use crate::cli::BuildArgs;
use crate::cmd::Report;
use crate::dates::rfc3339;
use crate::diagnostic::Failure;
use crate::english::counted;
use crate::model::url::LinkStyle;
use crate::{output, source};

/// Builds the site; on any problem, the previous output is left as it was.
///
/// Pages go straight to a staging folder as they are rendered, so a large site is never
/// held in memory whole; the staging folder replaces the output only after a clean build.
pub fn run(args: &BuildArgs) -> anyhow::Result<Report> {
    let started = Instant::now();
    let root = &args.site.root;
    if !root.is_dir() {
        anyhow::bail!(
            "{} is not a folder: pass the site's folder with --root",
            root.display()
        );
    }
    let target = args.output.clone().unwrap_or_else(|| root.join("public"));
    // Fail before any work if the output folder is not ours to replace.
    output::check_target(&target, root)?;
    let sources = source::collect(root)?;
    let staging = output::Staging::create(&target, root)?;
    let options = BuildOptions {
        drafts: args.drafts,
        future: args.embargo.future,
        now: args.embargo.now.clone(),
        base_url: args.base_url.clone(),
        links: if args.portable {
            LinkStyle::Portable
        } else {
            LinkStyle::Served
        },
    };
    let site = match build::site(sources, &options, &staging) {
        Ok(site) => site,
        Err(Failure::Io(error)) => return Err(error),
        Err(Failure::Content(problems)) => {
            let summary = format!(
                "{} in {}; the previous output was left as it was",
                counted(problems.error_count(), "problem"),
                counted(problems.files_with_errors(), "file")
            );
            return Ok(Report {
                diagnostics: problems.sorted(),
                summary,
                success: false,
            });
        }
    };
    let written = staging.commit()?;
    let mut summary = format!(
        "built {} by {}: {} pages, {} files in {:.2} s → {}",
        counted(site.articles.len(), "article"),
        counted(site.authors.len(), "author"),
        written.pages,
        written.files,
        started.elapsed().as_secs_f64(),
        target.display()
    );
    if let Some(next) = site.embargo.next() {
        // The moment is printed in a form `--now`, cron and `at` all read, so a scheduled
        // rebuild can be set for it.
        summary.push_str(&format!(
            "\nheld back {} dated in the future; the next, {}, is due {}",
            counted(site.embargo.held.len(), "piece"),
            next.path.display(),
            rfc3339(&next.date)
        ));
    }
    Ok(Report {
        diagnostics: Vec::new(),
        summary,
        success: true,
    })
}
