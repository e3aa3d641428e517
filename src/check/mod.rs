//! `check`: a link pass and a lint pass over a site built in memory.
//!
//! The link pass (`links`) follows every `href` and `src` of every generated page and feed:
//! each one that stays on the site must name a file of the output, and a `#fragment` an `id`
//! on its target page. Broken links are errors.
//!
//! The lint pass (`lints`) looks at the assembled `Site` for what is legal but probably a
//! mistake: an author without a profile, a profile no published article names, a summary
//! that cannot be taken from the body, a piece held back by its embargo (or published early
//! by `--future`), two pieces with one title, an image without alt text, a series of one
//! part, raw HTML that the sanitizer had to cut. Lints are warnings.
//!
//! Everything is pinned to the source file a reader would fix (the article, the page, the
//! profile, or else the template that made the page), at the place the model recorded when it read the
//! file: the key, the byline name, the link's destination. The sources' text only turns
//! those offsets into lines and columns. Building and reading the disk are left to the
//! caller.

mod links;
mod lints;

use std::collections::BTreeMap;
use std::path::Path;

pub use links::{Root, Target};
pub use lints::MIN_SUMMARY_CHARS;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::render::Output;
use crate::source::Sources;

/// What a check found.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    /// HTML pages read.
    pub pages: usize,
    /// Broken links (errors) and lints (warnings), sorted by path and line, each once.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// Checks a built site: its links against `output`, and its content for lints. `sources`
/// are the files the site was built from, for the lines and columns of what is found. What
/// counts as the future is the site's own: the moment it was built for.
///
/// Never fails: whatever the output holds, the result is a list of diagnostics.
pub fn check(site: &Site, output: &Output, sources: &Sources) -> Checked {
    let texts = Texts(
        sources
            .articles
            .iter()
            .chain(&sources.profiles)
            .chain(&sources.pages)
            .chain(&sources.templates)
            .map(|f| (f.path.as_path(), f.text.as_str()))
            .collect(),
    );
    let mut found = Diagnostics::new();
    let pages = links::check(site, output, &texts, &sources.templates, &mut found);
    lints::check(site, &texts, &mut found);
    Checked {
        pages,
        diagnostics: found.sorted(),
    }
}

/// The text of each source file, by path: what turns a recorded offset into a line and
/// column.
struct Texts<'s>(BTreeMap<&'s Path, &'s str>);

impl Texts<'_> {
    /// An error at byte `offset` of the file at `path` (at its top if the file is unknown).
    fn at(&self, path: &Path, offset: usize, message: impl Into<String>) -> Diagnostic {
        let text = self.0.get(path).copied().unwrap_or_default();
        Diagnostic::at_offset(path, text, offset, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn sources(files: &[(&str, &str)]) -> Sources {
        let mut sources = Sources::default();
        for (path, text) in files {
            let file = SourceFile {
                path: path.into(),
                text: text.to_string(),
            };
            if crate::source::is_profile(Path::new(path)) {
                sources.profiles.push(file);
            } else {
                sources.articles.push(file);
            }
        }
        sources
    }

    fn run(files: &[(&str, &str)]) -> Vec<String> {
        let sources = sources(files);
        let options = crate::build::BuildOptions {
            now: Some("2026-01-01T00:00:00Z".into()),
            ..Default::default()
        };
        let built = match crate::build::in_memory(&sources, &options) {
            Ok(built) => built,
            Err(failure) => panic!("{failure:?}"),
        };
        check(&built.site, &built.output, &sources)
            .diagnostics
            .iter()
            .map(|d| d.to_string().lines().next().unwrap_or_default().to_string())
            .collect()
    }

    const PROFILE: (&str, &str) = (
        "content/authors/ana-ruiz.md",
        "+++\nname = \"Ana Ruiz\"\n+++\nAna Ruiz writes.\n",
    );

    const PROSE: &str =
        "Ports are where trade policy meets the water, and the water keeps its own schedule.";

    #[test]
    fn a_clean_site_has_nothing_to_say() {
        let article = format!(
            "+++\ntitle = \"Ports\"\ndate = 2025-05-01\nauthor = \"Ana Ruiz\"\n+++\n\n{PROSE} See [the notes](#notes-1) and [her page](/authors/ana-ruiz/#main).\n\n## Notes\n\n![A chart](/style.css)\n"
        );
        let found = run(&[PROFILE, ("content/ports.md", &article)]);
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn broken_links_point_at_the_markdown() {
        let article = format!(
            "+++\ntitle = \"Ports\"\ndate = 2025-05-01\nauthor = \"Ana Ruiz\"\n+++\n\n{PROSE}\n\nSee [gone](/2024/01/gone/), [bad note](#nope),\n[her](/authors/ana-ruiz/#bio) and [up](../../../../x/).\n"
        );
        let found = run(&[PROFILE, ("content/ports.md", &article)]);
        assert_eq!(
            found,
            [
                "content/ports.md:9:12: broken link \"/2024/01/gone/\": the site has no file 2024/01/gone/index.html",
                "content/ports.md:9:40: broken link \"#nope\": no element with id \"nope\" on that page",
                "content/ports.md:10:7: broken link \"/authors/ana-ruiz/#bio\": no element with id \"bio\" on that page",
                "content/ports.md:10:40: broken link \"../../../../x/\": it leads above the site's root",
            ]
        );
    }

    #[test]
    fn a_broken_link_in_a_bio_is_reported_once_at_the_profile() {
        let profile = "+++\nname = \"Ana Ruiz\"\nphoto = \"/img/ana.jpg\"\n+++\nSee [her book](/books/ana/).\n";
        let a =
            format!("+++\ntitle = \"A\"\ndate = 2025-05-01\nauthor = \"Ana Ruiz\"\n+++\n{PROSE}\n");
        let b =
            format!("+++\ntitle = \"B\"\ndate = 2025-05-02\nauthor = \"Ana Ruiz\"\n+++\n{PROSE}\n");
        let found = run(&[
            ("content/authors/ana-ruiz.md", profile),
            ("content/a.md", &a),
            ("content/b.md", &b),
        ]);
        assert_eq!(
            found,
            [
                "content/authors/ana-ruiz.md:3:10: broken link \"/img/ana.jpg\": the site has no file img/ana.jpg",
                "content/authors/ana-ruiz.md:5:16: broken link \"/books/ana/\": the site has no file books/ana/index.html",
            ]
        );
    }

    #[test]
    fn a_broken_link_in_a_template_is_reported_once_at_the_template() {
        let a =
            format!("+++\ntitle = \"A\"\ndate = 2025-05-01\nauthor = \"Ana Ruiz\"\n+++\n{PROSE}\n");
        let mut sources = sources(&[PROFILE, ("content/a.md", &a)]);
        sources.templates.push(SourceFile {
            path: "templates/partials/card.html".into(),
            text: "<article class=\"card\">\n  <a href=\"{{ item.url }}\">{{ item.title }}</a>\n  <a href=\"/about/\">About</a>\n</article>\n".into(),
        });
        let built = crate::build::in_memory(&sources, &crate::build::BuildOptions::default())
            .unwrap_or_else(|failure| panic!("{failure:?}"));
        let found: Vec<String> = check(&built.site, &built.output, &sources)
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            found,
            [
                "templates/partials/card.html:3:12: broken link \"/about/\": the site has no file about/index.html"
            ]
        );
    }

    #[test]
    fn every_lint_is_a_warning_at_its_place() {
        let no_profile = format!(
            "+++\ntitle = \"Tides\"\ndate = 2025-05-01\nauthor = \"Sam Reyes\"\n+++\n\n{PROSE}\n\n![](/style.css)\n"
        );
        let same_title =
            format!("---\ntitle: \"tides \"\nauthor: Ana Ruiz\ndate: 2025-06-05\n---\n{PROSE}\n");
        let future = format!(
            "+++\ntitle = \"Later\"\nauthor = \"Ana Ruiz\"\ndate = 2099-01-01\n+++\n{PROSE}\n"
        );
        let short =
            "+++\ntitle = \"Short\"\ndate = 2025-05-02\nauthor = \"Ana Ruiz\"\n+++\n\nToo short.\n";
        let heading = format!(
            "+++\ntitle = \"Heading\"\ndate = 2025-05-03\nauthor = \"Ana Ruiz\"\n+++\n\n## Start\n\n{PROSE}\n"
        );
        let empty = "+++\ntitle = \"Empty\"\ndate = 2025-05-04\nauthor = \"Ana Ruiz\"\n+++\n";
        let lonely = "+++\nname = \"Lee Park\"\n+++\nBio.\n";
        let found = run(&[
            PROFILE,
            ("content/authors/lee-park.md", lonely),
            ("content/a.md", &no_profile),
            ("content/b.md", &same_title),
            ("content/c.md", short),
            ("content/d.md", &heading),
            ("content/e.md", empty),
            ("content/f.md", &future),
        ]);
        assert_eq!(
            found,
            [
                "content/a.md:2:1: warning: the title \"Tides\" is also the title of content/b.md",
                "content/a.md:4:11: warning: author \"Sam Reyes\" has no profile",
                "content/a.md:9:5: warning: image \"/style.css\" has no alt text",
                "content/authors/lee-park.md:1:1: warning: the profile of \"Lee Park\" is not named by any published article",
                "content/b.md:2:1: warning: the title \"tides\" is also the title of content/a.md",
                "content/c.md:7:1: warning: the summary taken from the first paragraph is only 10 characters: \"Too short.\"",
                &format!(
                    "content/d.md:7:1: warning: the body opens with a heading, so its summary comes from a later paragraph: {PROSE:?}"
                ),
                "content/e.md:6:1: warning: no summary: the body has no paragraph to take one from",
                "content/f.md:4:1: warning: dated 2099-01-01T00:00:00+00:00, in the future: `build` holds it back until then",
            ]
        );
    }
}
