//! `broadsheet build`: read the site, build it in memory, write it all at once.

use std::time::Instant;

use crate::cli::BuildArgs;
use crate::cmd::Report;
use crate::{BuildOptions, build, output, source};

/// Builds the site; on any problem, the previous output is left as it was.
pub fn run(args: &BuildArgs) -> anyhow::Result<Report> {
    let started = Instant::now();
    let root = &args.site.root;
    let target = args.output.clone().unwrap_or_else(|| root.join("public"));
    // Fail before any work if the output folder is not ours to replace.
    output::check_target(&target, root)?;
    let (sources, read_problems) = source::collect(root)?;
    let options = BuildOptions {
        drafts: args.drafts,
        base_url: args.base_url.clone(),
    };
    let built = if read_problems.is_empty() {
        build(&sources, &options)
    } else {
        let mut problems = crate::diagnostic::Diagnostics::new();
        problems.extend(read_problems);
        Err(problems)
    };
    match built {
        Ok(built) => {
            let written = output::write(&built.output, &target, root)?;
            let pages = built.output.keys().filter(|p| p.ends_with(".html")).count();
            let summary = format!(
                "built {} articles by {} authors: {pages} pages, {written} files in {:.2} s → {}",
                built.site.articles.len(),
                built.site.authors.len(),
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
                "{count} problem{} in {files} file{}; the previous output was left as it was",
                if count == 1 { "" } else { "s" },
                if files == 1 { "" } else { "s" }
            );
            Ok(Report {
                diagnostics: problems.sorted(),
                summary,
                success: false,
            })
        }
    }
}
