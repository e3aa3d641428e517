//! `broadsheet serve`: a live preview of the site, or of one article file on its own, and
//! how its notes read in the terminal.

use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use crate::cli::ServeArgs;
use crate::cmd::Report;
use crate::diagnostic::Diagnostic;
use crate::english::counted;
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

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::Listening {
                url,
                bind,
                busy,
                built,
                watching,
            } => listening(f, url, bind, *busy, *built, watching),
            Note::Built {
                first,
                elapsed,
                quick,
                articles,
                pages,
                cause,
            } => {
                let verb = if *first { "built" } else { "rebuilt" };
                write!(f, "{verb} in {} ms", elapsed.as_millis())?;
                if let Some(quick) = quick {
                    write!(f, ", open pages reloaded after {} ms", quick.as_millis())?;
                }
                write!(f, ": {}, {pages} pages", counted(*articles, "article"))?;
                match cause {
                    Some((path, 0)) => write!(f, " ({path} changed)"),
                    Some((path, more)) => write!(f, " ({path} and {more} more changed)"),
                    None => Ok(()),
                }
            }
            Note::Failed {
                elapsed,
                diagnostics,
                kept,
            } => failed(f, *elapsed, diagnostics, *kept),
            Note::Trouble(message) => write!(f, "warning: {message}"),
            Note::Stopping => write!(f, "stopping"),
        }
    }
}

/// "serving http://…", with a warning first when the port moved or anyone can connect.
fn listening(
    f: &mut fmt::Formatter<'_>,
    url: &str,
    bind: &SocketAddr,
    busy: Option<u16>,
    built: bool,
    watching: &str,
) -> fmt::Result {
    if let Some(port) = busy {
        writeln!(f, "port {port} is busy; using {} instead", bind.port())?;
    }
    if !bind.ip().is_loopback() {
        writeln!(
            f,
            "warning: listening on {bind}: anyone who can reach this machine can read the preview, drafts included"
        )?;
    }
    let state = if built {
        ""
    } else {
        " (the site does not build yet)"
    };
    write!(
        f,
        "serving {url}{state}\nwatching {watching}; press Ctrl-C to stop"
    )
}

/// Every problem, then what the preview shows meanwhile.
fn failed(
    f: &mut fmt::Formatter<'_>,
    elapsed: Duration,
    diagnostics: &[Diagnostic],
    kept: bool,
) -> fmt::Result {
    for d in diagnostics {
        writeln!(f, "{d}")?;
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    write!(
        f,
        "error: {} after {} ms; {}",
        counted(errors, "problem"),
        elapsed.as_millis(),
        if kept {
            "still serving the last good build"
        } else {
            "nothing to serve until it builds"
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_read_well() {
        let listening = |bind: &str, busy| {
            Note::Listening {
                url: "http://127.0.0.1:1112/".into(),
                bind: bind.parse().unwrap(),
                busy,
                built: true,
                watching: "content/".into(),
            }
            .to_string()
        };
        assert_eq!(
            listening("127.0.0.1:1112", Some(1111)),
            "port 1111 is busy; using 1112 instead\nserving http://127.0.0.1:1112/\n\
             watching content/; press Ctrl-C to stop"
        );
        assert!(listening("0.0.0.0:1112", None).starts_with("warning: listening on 0.0.0.0:1112"));
        let built = Note::Built {
            first: false,
            elapsed: Duration::from_millis(1650),
            quick: Some(Duration::from_millis(180)),
            articles: 2,
            pages: 9,
            cause: Some(("content/a.md".into(), 0)),
        };
        assert_eq!(
            built.to_string(),
            "rebuilt in 1650 ms, open pages reloaded after 180 ms: 2 articles, 9 pages \
             (content/a.md changed)"
        );
        let failed = Note::Failed {
            elapsed: Duration::from_millis(12),
            diagnostics: vec![Diagnostic::error(
                "content/a.md",
                4,
                1,
                "unknown key `autor`",
            )],
            kept: true,
        };
        assert!(failed.is_problem());
        assert_eq!(
            failed.to_string(),
            "content/a.md:4:1: unknown key `autor`\n\
             error: 1 problem after 12 ms; still serving the last good build"
        );
    }
}
