//! `broadsheet build`: read the site, build it in memory, write it all at once.

use std::time::Instant;

use crate::cli::BuildArgs;
use crate::cmd::Report;
use crate::diagnostic::Diagnostics;
use crate::english::counted;
use crate::{BuildOptions, build_into, output, source};

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
    let (sources, read_problems) = source::collect(root)?;
    let built = if read_problems.is_empty() {
        let staging = output::Staging::create(&target, root)?;
        let options = BuildOptions {
            drafts: args.drafts,
            base_url: args.base_url.clone(),
        };
        match build_into(sources, &options, &staging)? {
            Ok(site) => Ok((site, staging.commit()?)),
            Err(problems) => Err(problems),
        }
    } else {
        let mut problems = Diagnostics::new();
        problems.extend(read_problems);
        Err(problems)
    };
    match built {
        Ok((site, written)) => {
            let summary = format!(
                "built {} by {}: {} pages, {} files in {:.2} s → {}",
                counted(site.articles.len(), "article"),
                counted(site.authors.len(), "author"),
                written.pages,
                written.files,
                started.elapsed().as_secs_f64(),
                target.display()
            );
            Ok(Report {
                diagnostics: Vec::new(),
                summary,
                success: true,
            })
        }
        Err(problems) => {
            let (count, files) = (problems.error_count(), problems.files_with_errors());
            let summary = format!(
                "{} in {}; the previous output was left as it was",
                counted(count, "problem"),
                counted(files, "file")
            );
            Ok(Report {
                diagnostics: problems.sorted(),
                summary,
                success: false,
            })
        }
    }
}
