//! What the terminal should say while serving, as data: the preview prints nothing itself,
//! and `cmd/serve.rs` words each note for the terminal.

use std::net::SocketAddr;
use std::time::Duration;

use crate::diagnostic::Diagnostic;

/// Something the terminal should say.
#[derive(Debug)]
pub enum Note {
    /// The first build is done (or failed) and the server is listening.
    Listening {
        /// The page to open: the home page, or the previewed article.
        url: String,
        bind: SocketAddr,
        /// The port asked for, when it was busy and another one was taken.
        busy: Option<u16>,
        /// Whether the first build succeeded.
        built: bool,
        watching: String,
    },
    /// A build succeeded.
    Built {
        /// Whether this is the first build that succeeded.
        first: bool,
        elapsed: Duration,
        /// When open pages were reloaded ahead of the full render, how soon.
        quick: Option<Duration>,
        articles: usize,
        pages: usize,
        /// The first changed path, and how many more changed with it.
        cause: Option<(String, usize)>,
    },
    /// A build failed; `kept` when an earlier good build is still served.
    Failed {
        elapsed: Duration,
        diagnostics: Vec<Diagnostic>,
        kept: bool,
    },
    /// Something went wrong that does not stop the preview (a lost watch, a failed read).
    Trouble(String),
    /// Ctrl-C was pressed.
    Stopping,
}

impl Note {
    /// Whether this note belongs on stderr.
    pub fn is_problem(&self) -> bool {
        matches!(self, Note::Failed { .. } | Note::Trouble(_))
    }
}

/// Where notes go: the terminal, in the binary; a list, in tests.
pub type Notes = std::sync::Arc<dyn Fn(Note) + Send + Sync>;
