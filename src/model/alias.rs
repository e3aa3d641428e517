//! Aliases (issue 12): the old URLs of a piece or page, each of which gets a small redirect
//! page and a line of `_redirects`. What an alias may be is [`url::alias`]'s rule; here
//! each one written is read at its place, and one written twice in a file is kept once.
//! Whether it collides with anything else is [`claims`](super::claims)' to say.

use std::collections::BTreeSet;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::front_matter::Field;
use crate::model::article::Place;
use crate::model::{claims, url};

/// An old URL that now leads to a piece or page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The site path its redirect page is written at (see [`url::alias`]).
    pub url: String,
    /// Where it is written in its file.
    pub place: Place,
}

/// The aliases `written` in the file at `path` (whose text is `text`), in the order
/// written; each refused one is a problem at its place.
pub fn read(
    written: &[Field<String>],
    path: &Path,
    text: &str,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Alias> {
    let mut seen = BTreeSet::new();
    let mut aliases = Vec::new();
    for field in written {
        let (line, column) = crate::diagnostic::line_column(text, field.offset);
        match url::alias(&field.value) {
            // The same old URL twice in one list (or in two spellings of one file name)
            // is one redirect.
            Ok(url) if !seen.insert(claims::key(&url)) => {}
            Ok(url) => aliases.push(Alias {
                url,
                place: Place { line, column },
            }),
            Err(message) => problems.push(
                Diagnostic::error(path, line, column, format!("alias {message}")).with_hint(
                    "an alias is an old URL of this page on this site, such as \"/2019/05/old-post/\"",
                ),
            ),
        }
    }
    aliases
}
