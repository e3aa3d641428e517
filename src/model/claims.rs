//! Who claims each output file: the URLs that content makes (an article's permalink, a
//! page's slug, an alias of either) checked against each other, and the one message for two
//! things at one URL.
//!
//! URLs are compared as the files they are written to ([`key`]), so `/about` and `/about/`
//! are one claim, and so are `/About/` and `/about/`, which are one file on the file systems
//! of Windows and macOS. Content claims are checked here, while the site is assembled, so
//! they are reported with every other problem of the content; the pages the site makes of
//! its own (`/authors/`, `/2025/`, `/page/2/`) are known only once the site is, and the
//! renderer checks content against them with [`clash`].
//!
//! Of two claims, the alias is the one reported (issue 12): an old URL can always be let go,
//! a page's URL is what readers and other pages link to.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::model::article::Place;
use crate::model::url;
use crate::model::{Article, Page};

/// What made a URL, and so which file to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The content file, the template, the static file, or the site file itself.
    pub path: PathBuf,
    pub maker: Maker,
}

/// How a file came to claim a URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Maker {
    /// The key of a content file that makes its URL (`slug`, or else the title), at its
    /// place.
    Key(Place),
    /// One of the `aliases` of a content file, at its place.
    Alias(Place),
    /// A template of the theme: a page the site makes of its own.
    Template,
    /// A file of `static/`, copied as it is.
    Static,
    /// A file made from the whole site, not from a template: the sitemap, robots.txt.
    Site,
}

impl Origin {
    /// The URL of a content file, made by the key at `place`.
    pub fn at(path: &Path, place: Place) -> Origin {
        Origin {
            path: path.to_path_buf(),
            maker: Maker::Key(place),
        }
    }

    /// An alias of a content file, written at `place`.
    pub fn alias(path: &Path, place: Place) -> Origin {
        Origin {
            path: path.to_path_buf(),
            maker: Maker::Alias(place),
        }
    }

    /// A page the site makes from `template`.
    pub fn template(template: &str) -> Origin {
        Origin {
            path: Path::new("templates").join(template),
            maker: Maker::Template,
        }
    }

    /// A file of `static/`, by its path there.
    pub fn static_file(path: &Path) -> Origin {
        Origin {
            path: Path::new("static").join(path),
            maker: Maker::Static,
        }
    }

    /// A file the site makes from all of it, by its site path (`/sitemap.xml`).
    pub fn site_file(url: &str) -> Origin {
        Origin {
            path: PathBuf::from(url),
            maker: Maker::Site,
        }
    }

    /// Where in a content file the claim is written, if it is.
    pub fn place(&self) -> Option<Place> {
        match self.maker {
            Maker::Key(place) | Maker::Alias(place) => Some(place),
            Maker::Template | Maker::Static | Maker::Site => None,
        }
    }

    pub fn is_alias(&self) -> bool {
        matches!(self.maker, Maker::Alias(_))
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.to_string_lossy().replace('\\', "/");
        match self.maker {
            Maker::Key(place) | Maker::Alias(place) => {
                write!(f, "{path}:{}:{}", place.line, place.column)
            }
            Maker::Template => write!(f, "the page {path} makes"),
            Maker::Static => write!(f, "the file {path}"),
            Maker::Site => write!(f, "the file {path} the site makes"),
        }
    }
}

/// The claim a URL makes: the file it is written to, lowercased, since two names that
/// differ in case alone are one file where the site may be built or served.
pub fn key(url: &str) -> String {
    url::output_path(url).to_lowercase()
}

/// Two things at one URL: an error at `here` (the content file to fix, where it has one),
/// naming `other` and where it claims the URL.
pub fn clash(url: &str, here: &Origin, other: &Origin) -> Diagnostic {
    if here.is_alias() {
        return alias_clash(url, here, other);
    }
    let place = here.place().unwrap_or(Place { line: 1, column: 1 });
    let hint = match other.maker {
        Maker::Key(_) | Maker::Alias(_) => "give one of them a different `slug`",
        _ => "choose another `slug`: the site makes that page itself",
    };
    Diagnostic::error(
        &here.path,
        place.line,
        place.column,
        format!("URL {url} is also the URL of {other}"),
    )
    .with_hint(hint)
}

/// An alias at a URL that something else has: the alias is the one to let go.
fn alias_clash(url: &str, here: &Origin, other: &Origin) -> Diagnostic {
    let place = here.place().unwrap_or(Place { line: 1, column: 1 });
    let (message, hint) = match other.maker {
        Maker::Alias(_) => (
            format!("alias {url} is also an alias at {other}"),
            "an old URL can lead to one page only: keep it in one of the two `aliases`",
        ),
        Maker::Key(_) if other.path == here.path => (
            format!("alias {url} is the URL of this file's own page"),
            "remove it from `aliases`: a page cannot redirect to itself",
        ),
        _ => (
            format!("alias {url} is the URL of {other}"),
            "remove it from `aliases`: its redirect would take the place of that page",
        ),
    };
    Diagnostic::error(&here.path, place.line, place.column, message).with_hint(hint)
}

/// An alias whose redirect page cannot be written beside another file: one of them would
/// have to be a folder where the other is a file (`/atom.xml/`, written as
/// `atom.xml/index.html`, over the site's feed `atom.xml`). `folder` is the path that
/// would be both; `inside` says whether `other` lies inside the alias's file rather than
/// the alias inside `other`.
pub fn nesting(url: &str, here: &Origin, folder: &str, other: &Origin, inside: bool) -> Diagnostic {
    let place = here.place().unwrap_or(Place { line: 1, column: 1 });
    let message = if inside {
        format!("alias {url} would be a file where the site needs a folder {folder}/, for {other}")
    } else {
        format!(
            "alias {url} needs a folder {folder}/ for its redirect page, where the site has a file: {other}"
        )
    };
    Diagnostic::error(&here.path, place.line, place.column, message)
        .with_hint("remove it from `aliases`: a host cannot serve both")
}

/// An alias inside a folder the build keeps for `what` of its own (`/search/data/`, the
/// search index), where a redirect page would sit among its files.
pub fn reserved(url: &str, here: &Origin, folder: &str, what: &str) -> Diagnostic {
    let place = here.place().unwrap_or(Place { line: 1, column: 1 });
    Diagnostic::error(
        &here.path,
        place.line,
        place.column,
        format!("alias {url} is inside {folder}, which holds {what}"),
    )
    .with_hint("remove it from `aliases`: the build writes that folder alone")
}

/// Checks that no two articles, pages or aliases share an output file. Articles come
/// first, in site order (newest first), so of two articles the older is reported, naming
/// the newer; then pages, then every alias, so an alias is reported, not what it hits.
pub fn check<'a>(
    articles: impl IntoIterator<Item = &'a Article> + Clone,
    pages: &[Page],
    problems: &mut Vec<Diagnostic>,
) {
    let mut claimed: BTreeMap<String, Origin> = BTreeMap::new();
    let urls = articles
        .clone()
        .into_iter()
        .map(|a| (&a.url, Origin::at(&a.path, a.url_place)))
        .chain(
            pages
                .iter()
                .map(|p| (&p.url, Origin::at(&p.path, p.url_place))),
        );
    let aliases = articles
        .into_iter()
        .flat_map(|a| a.aliases.iter().map(|alias| (alias, &a.path)))
        .chain(
            pages
                .iter()
                .flat_map(|p| p.aliases.iter().map(|alias| (alias, &p.path))),
        )
        .map(|(alias, path)| (&alias.url, Origin::alias(path, alias.place)));
    for (url, origin) in urls.chain(aliases) {
        match claimed.get(&key(url)) {
            Some(other) => problems.push(clash(url, &origin, other)),
            None => {
                claimed.insert(key(url), origin);
            }
        }
    }
}
