//! Who claims each output file: the URLs that content makes (an article's permalink, a
//! page's slug) checked against each other, and the one message for two things at one URL.
//!
//! URLs are compared as the files they are written to (`url::output_path`), so `/about` and
//! `/about/` are one claim. Content claims are checked here, while the site is assembled, so
//! they are reported with every other problem of the content; the pages the site makes of
//! its own (`/authors/`, `/2025/`, `/page/2/`) are known only once the site is, and the
//! renderer checks content against them with [`clash`].

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::model::article::Place;
use crate::model::url;
use crate::model::{Article, Page};

/// What made a URL: a key in a content file (at its place), or a template of the theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub path: PathBuf,
    /// The key that made the URL; `None` for a page the site makes from a template.
    pub place: Option<Place>,
}

impl Origin {
    /// The URL of a content file, made by the key at `place`.
    pub fn at(path: &Path, place: Place) -> Origin {
        Origin {
            path: path.to_path_buf(),
            place: Some(place),
        }
    }

    /// A page the site makes from `template`.
    pub fn template(template: &str) -> Origin {
        Origin {
            path: Path::new("templates").join(template),
            place: None,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.to_string_lossy().replace('\\', "/");
        match self.place {
            Some(place) => write!(f, "{path}:{}:{}", place.line, place.column),
            None => write!(f, "the page {path} makes"),
        }
    }
}

/// Two things at one URL: an error at `here` (the content file to fix, where it has one),
/// naming `other` and where it claims the URL.
pub fn clash(url: &str, here: &Origin, other: &Origin) -> Diagnostic {
    let place = here.place.unwrap_or(Place { line: 1, column: 1 });
    let hint = match other.place {
        Some(_) => "give one of them a different `slug`",
        None => "choose another `slug`: the site makes that page itself",
    };
    Diagnostic::error(
        &here.path,
        place.line,
        place.column,
        format!("URL {url} is also the URL of {other}"),
    )
    .with_hint(hint)
}

/// Checks that no two articles or pages share an output file. Articles come first, in site
/// order (newest first), so of two articles the older is reported, naming the newer.
pub fn check<'a>(
    articles: impl IntoIterator<Item = &'a Article>,
    pages: &[Page],
    problems: &mut Vec<Diagnostic>,
) {
    let mut claimed: BTreeMap<String, Origin> = BTreeMap::new();
    let claims = articles
        .into_iter()
        .map(|a| (&a.url, Origin::at(&a.path, a.url_place)))
        .chain(
            pages
                .iter()
                .map(|p| (&p.url, Origin::at(&p.path, p.url_place))),
        );
    for (url, origin) in claims {
        let file = url::output_path(url);
        match claimed.get(&file) {
            Some(other) => problems.push(clash(url, &origin, other)),
            None => {
                claimed.insert(file, origin);
            }
        }
    }
}
