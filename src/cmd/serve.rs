//! `broadsheet serve`: a live preview of the site, or of one article file on its own.

use std::sync::Arc;

use crate::cli::ServeArgs;
use crate::cmd::Report;
use crate::serve::{self, Note, Options, Preview};

/// Serves until Ctrl-C; `notes` says in the terminal what happens meanwhile.
///
/// Content problems never end the preview: they are shown, in the terminal and over the
/// page, until fixed. An `Err` means serving could not start (no free port, say).
pub fn run(
    args: &ServeArgs,
    notes: impl Fn(Note) + Send + Sync + 'static,
) -> anyhow::Result<Report> {
    let preview = match &args.article {
        Some(path) => Preview::Article(path.clone()),
        None => Preview::Site(args.site.root.clone()),
    };
    let options = Options {
        preview,
        bind: args.bind,
        port: args.port,
        open: args.open,
    };
    serve::run(&options, Arc::new(notes))?;
    Ok(Report {
        diagnostics: Vec::new(),
        summary: "stopped serving".into(),
        success: true,
    })
}
