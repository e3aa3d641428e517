//! Standalone pages (issue 12): `content/pages/…/<slug>.md`, an About page or submission
//! guidelines, at `/<slug>/`. A page is not an article: it has no date, byline or topics, and
//! no listing, feed, archive or article JSON-LD shows it; the sitemap lists it, and with
//! `nav = true` the header links to it.

use std::path::PathBuf;
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostic::{Diagnostics, line_column};
use crate::front_matter;
use crate::markdown::{self, Rendered};
use crate::model::alias::{self, Alias};
use crate::model::article::{Place, derive_summary};
use crate::model::url;
use crate::source::SourceFile;

/// A standalone page, validated.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to the site root, e.g. `content/pages/about.md`.
    pub path: PathBuf,
    pub title: String,
    pub slug: String,
    /// Site path such as `/about/`.
    pub url: String,
    /// Where the URL comes from (the `slug` key, or else line 1: the file's name), for
    /// messages about two things at one URL.
    pub url_place: Place,
    /// The summary as written, or else taken from the first paragraph.
    pub summary: String,
    pub summary_derived: bool,
    /// Listed in the header navigation.
    pub nav: bool,
    /// Pages are ordered by weight, lightest first, then by title.
    pub weight: i64,
    pub body: Arc<Rendered>,
    /// Where the body starts in the file; the offsets `body` records count from here.
    pub body_offset: usize,
    /// Old URLs that redirect to the page.
    pub aliases: Vec<Alias>,
}

impl Page {
    /// Reads one page file. Its slug is the `slug` key, or else its file name made a slug
    /// (`About Us.md` → `about-us`), so nothing in either can leave the output folder.
    ///
    /// Every problem in the file is returned at once.
    pub fn read(file: &SourceFile, config: &Config) -> Result<Page, Diagnostics> {
        let (meta, split) = front_matter::parse_page(&file.path, &file.text)?;
        let mut problems = Vec::new();
        let aliases = alias::read(&meta.aliases, &file.path, &file.text, &mut problems);
        if !problems.is_empty() {
            return Err(problems.into());
        }
        let Some(title) = meta.title else {
            return Err(Diagnostics::new());
        };
        let stem = file
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (slug, url_place) = match &meta.slug {
            Some(slug) => {
                let (line, column) = line_column(&file.text, slug.offset);
                (url::slugify(&slug.value), Place { line, column })
            }
            None => (url::slugify(&stem), Place { line: 1, column: 1 }),
        };
        let body = markdown::render(split.body, &config.embed_hosts);
        let (summary, summary_derived) = match meta.summary {
            Some(s) => (s.value, false),
            None => (derive_summary(&body.first_paragraph), true),
        };
        Ok(Page {
            path: file.path.clone(),
            title: title.value,
            url: url::standalone(&slug),
            slug,
            url_place,
            summary,
            summary_derived,
            nav: meta.nav,
            weight: meta.weight,
            body: Arc::new(body),
            body_offset: split.body_offset,
            aliases,
        })
    }
}

/// The one order of pages, in the navigation and the sitemap alike: by weight, then title,
/// then path.
pub fn page_order(page: &Page) -> (i64, &str, &std::path::Path) {
    (page.weight, &page.title, &page.path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: &str, text: &str) -> Result<Page, Vec<String>> {
        let file = SourceFile {
            path: path.into(),
            text: text.into(),
        };
        Page::read(&file, &Config::default())
            .map_err(|ds| ds.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn a_page_is_at_its_slug() {
        let page = read(
            "content/pages/About Us.md",
            "+++\ntitle = \"About\"\nnav = true\nweight = -2\n+++\nWe publish analysis.\n",
        )
        .unwrap();
        assert_eq!(
            (page.url.as_str(), page.nav, page.weight),
            ("/about-us/", true, -2)
        );
        assert_eq!(page.summary, "We publish analysis.");
        let page = read(
            "content/pages/x.md",
            "+++\ntitle = \"Guidelines\"\nslug = \"../../submit\"\n+++\n",
        )
        .unwrap();
        assert_eq!(page.url, "/submit/");
        assert_eq!(page.url_place, Place { line: 3, column: 8 });
    }

    #[test]
    fn page_keys_are_checked() {
        let errors = read(
            "content/pages/x.md",
            "+++\ntitle = \"T\"\nnav = \"yes\"\nweight = 1.5\ndate = 2025-01-01\n+++\n",
        )
        .unwrap_err();
        assert_eq!(errors.len(), 3, "{errors:#?}");
        assert!(errors[0].starts_with("content/pages/x.md:3:7: `nav` must be true or false"));
        assert!(errors[1].starts_with("content/pages/x.md:4:10: `weight` must be a whole number"));
        assert!(errors[2].starts_with("content/pages/x.md:5:1: unknown key `date`"));
        let errors = read("content/pages/x.md", "---\nsummary: S\n---\n").unwrap_err();
        assert_eq!(
            errors,
            [
                "content/pages/x.md:1:1: missing `title` in the page's front matter\n  = hint: add a line such as `title: About us`"
            ]
        );
    }
}
