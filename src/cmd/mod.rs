//! One module per command, each a thin `run` over the library.

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod new;
pub mod serve;

use crate::diagnostic::Diagnostic;

/// What a command leaves for `main` to print: diagnostics, and the outcome.
pub struct Report {
    /// Every diagnostic, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The line printed on success (to stdout) or as the closing error line (to stderr).
    pub summary: String,
    pub success: bool,
}
