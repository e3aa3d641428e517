//! Plain-text pieces, in the shape think tanks publish them, turned into articles (issue 5).
//!
//! A piece is a dateline, an optional title line before or after it, paragraphs separated by
//! blank lines, and at the end a bio sentence about the author(s), perhaps followed by short
//! lines such as a social-media handle. [`parse`] reads that text into an
//! [`ImportedArticle`]; [`files`] renders the article and author-profile files and fills in
//! profiles that already exist. It is pure: reading the input files, choosing paths, refusing
//! to overwrite and reporting errors with a path all belong to the `import` command.
//!
//! One concern per file: `header` (lines, the dateline and the title), `bio` (the bio
//! sentence and whose lines follow it), `links` (handles and URLs), `escape` (Markdown that
//! shows the source text exactly) and `files` (the front matter and bodies written). A
//! WordPress export is `wxr`'s (issue 11); a Jekyll, Hugo or Zola site is `migrate`'s
//! (issue 17).

mod bio;
mod escape;
pub mod files;
mod header;
mod links;
pub mod migrate;
pub mod titles;
pub mod wxr;

use std::fmt;

use jiff::ZonedDateTime;
use jiff::tz::TimeZone;

use crate::dates;
use crate::model::article::derive_summary;
use bio::{read_tail, shared_affiliation};
use header::{
    error_at, find_header, join_lines, last_filled, looks_like_dateline, spaced, split_blocks,
    split_lines,
};

pub use files::{ProfileMerge, article_file, merge_profile, profile_file};

/// What the command line adds to the text of a piece.
#[derive(Clone, Copy, Debug)]
pub struct ImportOptions<'a> {
    /// `--title`: used instead of the piece's title line, and required when it has none.
    pub title: Option<&'a str>,
    /// The site's time zone, in which a dateline's wall-clock time is read.
    pub tz: &'a TimeZone,
}

/// An article read from a plain-text piece and checked, ready to be written.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedArticle {
    pub title: String,
    pub date: ZonedDateTime,
    /// False when the dateline gave only a day.
    pub has_time: bool,
    pub authors: Vec<ImportedAuthor>,
    /// The affiliation shared by every author, if they share one.
    pub affiliation: Option<String>,
    /// The first sentence or two of the body, as plain text, by the rule a build uses to
    /// derive a summary ([`derive_summary`]), so writing it down changes nothing.
    pub summary: String,
    /// The exact source text of each body paragraph, its lines joined with one space.
    pub paragraphs: Vec<String>,
}

/// An author as the bio sentence and the lines after it describe them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportedAuthor {
    pub name: String,
    /// As written, with a capital first letter: `Senior fellow and director of studies`.
    pub role: Option<String>,
    pub affiliation: Option<String>,
    /// `(label, url)`, e.g. `("X", "https://x.com/janedoe")`.
    pub links: Vec<(String, String)>,
    /// The bio text and any short lines after it, for the profile's body. Co-authors named in
    /// one sentence each get that shared text.
    pub bio: Option<String>,
}

/// A problem with a piece, at a 1-based line and column of its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// Reads a plain-text piece into an article.
///
/// Accepts a UTF-8 byte-order mark and CRLF line ends. Returns every problem found (a bad
/// dateline, no title, no bio, no body, a handle that fits no single author), not just the
/// first. A NUL character is an error of its own: no text file holds one, and front matter
/// refuses it.
pub fn parse(text: &str, opts: &ImportOptions) -> Result<ImportedArticle, Vec<ImportError>> {
    let lines = split_lines(text);
    if let Some((line, before)) = lines
        .iter()
        .find_map(|l| Some((l, l.text.split_once('\0')?.0)))
    {
        return Err(vec![ImportError {
            line: line.number,
            column: before.chars().count() + 1,
            message: "the file holds a NUL character; is it a text file?".into(),
        }]);
    }
    let Some(header) = find_header(&lines) else {
        return Err(vec![error_at(1, "", "the file is empty")]);
    };
    let mut errors = Vec::new();
    let date = dates::parse(&spaced(header.dateline.text), opts.tz).map_err(|e| {
        let message = if looks_like_dateline(header.dateline.text) {
            e.message
        } else {
            format!("no dateline found: {}", e.message)
        };
        error_at(header.dateline.number, header.dateline.text, &message)
    });
    let title = match (
        opts.title.map(str::trim).filter(|t| !t.is_empty()),
        header.title,
    ) {
        (Some(title), _) => Some(title.to_string()),
        (None, Some(line)) => Some(line.text.trim().to_string()),
        (None, None) => {
            let first = header.first;
            let message = "no title line found (a short line without final punctuation next \
                           to the dateline); pass the title with `--title \"…\"`, or for \
                           several files list them in a CSV of `file,title` lines given with \
                           `--titles FILE`";
            errors.push(error_at(first.number, first.text, message));
            None
        }
    };
    let blocks = split_blocks(&lines[header.body_start..]);
    let (body, authors) = read_tail(&blocks, &lines, &mut errors);
    if body.is_empty() && authors.is_some() {
        let last = last_filled(&lines);
        errors.push(error_at(
            last.number,
            last.text,
            "the piece has no body paragraphs",
        ));
    }
    match (date, title, authors) {
        (Ok(date), Some(title), Some(authors)) if errors.is_empty() => {
            let paragraphs: Vec<String> = body.iter().map(|b| join_lines(b)).collect();
            Ok(ImportedArticle {
                title,
                date: date.at,
                has_time: date.has_time,
                affiliation: shared_affiliation(&authors),
                authors,
                summary: derive_summary(paragraphs.first().map_or("", String::as_str)),
                paragraphs,
            })
        }
        (date, ..) => {
            errors.extend(date.err());
            errors.sort_by_key(|e| (e.line, e.column));
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::escape::tests::rendered_paragraphs;

    macro_rules! fixture {
        ($name:literal) => {
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/it/import/fixtures/",
                $name
            ))
        };
    }

    fn new_york() -> TimeZone {
        TimeZone::get("America/New_York").expect("bundled time zone")
    }

    fn import(text: &str, title: Option<&str>) -> Result<ImportedArticle, Vec<ImportError>> {
        parse(
            text,
            &ImportOptions {
                title,
                tz: &new_york(),
            },
        )
    }

    fn imported(text: &str) -> ImportedArticle {
        import(text, None).unwrap_or_else(|errors| panic!("{errors:?}"))
    }

    fn only_error(text: &str, title: Option<&str>) -> ImportError {
        match import(text, title) {
            Ok(piece) => panic!("imported {:?}", piece.title),
            Err(mut errors) if errors.len() == 1 => errors.remove(0),
            Err(errors) => panic!("several errors: {errors:?}"),
        }
    }

    fn body_of(file: &str) -> &str {
        file.splitn(3, "+++\n").nth(2).expect("front matter")
    }

    fn front_matter_of(file: &str) -> toml::Table {
        let front = file.split("+++\n").nth(1).expect("front matter");
        front
            .parse()
            .unwrap_or_else(|e| panic!("bad TOML: {e}\n{front}"))
    }

    #[test]
    fn reads_every_dateline_form() {
        let cases = [
            (
                fixture!("dateline-long-time.txt"),
                "Why Small Ports Matter More Than Ever",
                "2025-08-16T08:00:00-04:00",
            ),
            (
                fixture!("dateline-abbreviated.txt"),
                "The Quiet Cost of Temporary Budgets",
                "2025-08-16",
            ),
            (
                fixture!("dateline-day-first.txt"),
                "Rethinking the Night Train",
                "2025-08-16",
            ),
            (
                fixture!("dateline-iso.txt"),
                "Libraries as Climate Shelters",
                "2025-08-16",
            ),
            (
                fixture!("dateline-am-pm.txt"),
                "A Modest Case for Boring Elections",
                "2025-08-16T20:00:00-04:00",
            ),
            (
                fixture!("dateline-weekday.txt"),
                "Fixing the Permit Queue",
                "2025-08-16",
            ),
            (
                fixture!("coauthors-three.txt"),
                "Grid Batteries Are Not a Luxury",
                "2025-08-16T09:30:00-04:00",
            ),
        ];
        for (text, title, date) in cases {
            let piece = imported(text);
            assert_eq!(piece.title, title);
            assert_eq!(piece.has_time, date.len() > 10, "{title}");
            let front = front_matter_of(&article_file(&piece));
            assert_eq!(front["date"].as_str(), Some(date), "{title}");
        }
    }

    #[test]
    fn reads_every_bio_form() {
        let cases = [
            (
                fixture!("dateline-long-time.txt"),
                "Marta Ivanović",
                "Senior fellow and director of studies",
                "Meridian Policy Institute",
            ),
            (
                fixture!("dateline-abbreviated.txt"),
                "Daniel Okafor",
                "Senior fellow",
                "Halvorsen Center for Fiscal Studies",
            ),
            (
                fixture!("dateline-day-first.txt"),
                "Léa Fontaine",
                "Fellow",
                "Northgate Forum",
            ),
            (
                fixture!("dateline-iso.txt"),
                "Ines Varga",
                "President",
                "Civic Resilience Lab",
            ),
            (
                fixture!("dateline-am-pm.txt"),
                "Robert Lindqvist",
                "Visiting scholar",
                "Eastbrook Institute for Democracy",
            ),
        ];
        for (text, name, role, affiliation) in cases {
            let piece = imported(text);
            let [author] = piece.authors.as_slice() else {
                panic!("{:?}", piece.authors)
            };
            assert_eq!(author.name, name);
            assert_eq!(author.role.as_deref(), Some(role), "{name}");
            assert_eq!(author.affiliation.as_deref(), Some(affiliation), "{name}");
            assert_eq!(piece.affiliation.as_deref(), Some(affiliation), "{name}");
            assert!(
                author.bio.as_deref().is_some_and(|b| b.starts_with(name)),
                "{name}"
            );
            assert!(
                !piece
                    .paragraphs
                    .iter()
                    .any(|p| p.contains(" is ") && p.starts_with(name))
            );
            let front = front_matter_of(&article_file(&piece));
            assert_eq!(front["author"].as_str(), Some(name));
        }
    }

    #[test]
    fn co_authors_share_one_bio_sentence() {
        let piece = imported(fixture!("coauthors-two.txt"));
        let names: Vec<&str> = piece.authors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Samir al-Haddad", "Ana de la Cruz"]);
        let bio =
            "Samir al-Haddad and Ana de la Cruz are fellows at the Meridian Policy Institute.";
        for author in &piece.authors {
            assert_eq!(
                (author.role.as_deref(), author.bio.as_deref()),
                (Some("Fellow"), Some(bio))
            );
        }

        let piece = imported(fixture!("coauthors-three.txt"));
        let names: Vec<&str> = piece.authors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(
            names,
            ["Pieter van der Berg", "Grace Mensah", "Tomás Ruiz-Ortega"]
        );
        let role = "Senior fellow and co-director of the energy program";
        assert!(
            piece
                .authors
                .iter()
                .all(|a| a.role.as_deref() == Some(role))
        );
        let file = article_file(&piece);
        assert!(file.contains(
            "authors = [\"Pieter van der Berg\", \"Grace Mensah\", \"Tomás Ruiz-Ortega\"]\n\
             affiliation = \"Northgate Forum\"\n"
        ));
        front_matter_of(&file);
    }

    #[test]
    fn co_authors_with_bios_of_their_own_keep_their_affiliations() {
        let piece = imported(fixture!("coauthors-separate-bios.txt"));
        assert_eq!(piece.affiliation, None);
        assert_eq!(piece.paragraphs.len(), 2);
        let [first, second] = piece.authors.as_slice() else {
            panic!("{:?}", piece.authors)
        };
        assert_eq!(first.name, "Helena Korhonen");
        assert_eq!(
            first.affiliation.as_deref(),
            Some("Baltic Trade Observatory")
        );
        assert_eq!(
            second.role.as_deref(),
            Some("Adjunct professor of economics")
        );
        assert_eq!(second.affiliation.as_deref(), Some("Westmere University"));
        let front = front_matter_of(&article_file(&piece));
        let authors = front["authors"].as_array().expect("authors list");
        assert_eq!(
            authors[1]["affiliation"].as_str(),
            Some("Westmere University")
        );
    }

    #[test]
    fn handle_lines_after_the_bio_become_profile_links() {
        let piece = imported(fixture!("trailing-handle.txt"));
        let [author] = piece.authors.as_slice() else {
            panic!("{:?}", piece.authors)
        };
        let links: Vec<(&str, &str)> = author
            .links
            .iter()
            .map(|(l, u)| (l.as_str(), u.as_str()))
            .collect();
        assert_eq!(
            links,
            [
                ("X", "https://x.com/hannaberg"),
                ("Bluesky", "https://bsky.app/profile/hannaberg.bsky.social"),
                ("Mastodon", "https://policy.social/@hanna"),
                ("Website", "https://hannaberg.example.org"),
            ]
        );
        assert_eq!(
            author.bio.as_deref(),
            Some("Hanna Berg is a senior fellow at the Open Cities Project.")
        );
        assert_eq!(piece.paragraphs.len(), 3);
        assert!(!article_file(&piece).contains('@'));
        assert_eq!(
            profile_file(author),
            "+++\n\
             name = \"Hanna Berg\"\n\
             role = \"Senior fellow\"\n\
             affiliation = \"Open Cities Project\"\n\
             \n\
             [links]\n\
             X = \"https://x.com/hannaberg\"\n\
             Bluesky = \"https://bsky.app/profile/hannaberg.bsky.social\"\n\
             Mastodon = \"https://policy.social/@hanna\"\n\
             Website = \"https://hannaberg.example.org\"\n\
             +++\n\
             \n\
             Hanna Berg is a senior fellow at the Open Cities Project.\n"
        );
    }

    #[test]
    fn short_lines_after_the_bio_go_to_the_profile() {
        let text = "August 16, 2025\nTitle\n\nBody.\n\nJane Doe is a fellow at X Lab.\n\nViews are her own.\n\n@janedoe\n";
        let piece = imported(text);
        assert_eq!(piece.paragraphs, ["Body."]);
        let author = &piece.authors[0];
        assert_eq!(
            author.bio.as_deref(),
            Some("Jane Doe is a fellow at X Lab. Views are her own.")
        );
        assert_eq!(
            author.links,
            [("X".to_string(), "https://x.com/janedoe".to_string())]
        );
    }

    #[test]
    fn a_piece_without_a_title_line_needs_the_title_flag() {
        let text = fixture!("no-title.txt");
        let error = only_error(text, None);
        assert_eq!((error.line, error.column), (1, 1));
        assert!(error.message.contains("--title"), "{}", error.message);
        let piece = import(text, Some("Tolls That Pay for Themselves")).expect("imports");
        assert_eq!(piece.title, "Tolls That Pay for Themselves");
        assert_eq!(piece.paragraphs.len(), 3);
        assert!(piece.paragraphs[0].starts_with("Nobody likes paying tolls"));
    }

    #[test]
    fn the_title_flag_wins_over_a_title_line() {
        let piece = import(fixture!("dateline-iso.txt"), Some("Cool Rooms")).expect("imports");
        assert_eq!(piece.title, "Cool Rooms");
        assert!(piece.paragraphs[0].starts_with("When a heat wave"));
    }

    #[test]
    fn a_bad_dateline_is_reported_on_its_line() {
        let error = only_error(fixture!("bad-dateline.txt"), None);
        assert_eq!((error.line, error.column), (1, 1));
        assert!(
            error
                .message
                .starts_with("\"Agust 16, 2025\" is not a date"),
            "{}",
            error.message
        );

        let error = only_error(
            "Title Only\n\nOne paragraph.\n\nJane Doe is a fellow at X Lab.\n",
            None,
        );
        assert_eq!(error.line, 1);
        assert!(
            error.message.starts_with("no dateline found"),
            "{}",
            error.message
        );

        let error = only_error(
            "Title\nFebruary 30, 2025\n\nBody.\n\nJane Doe is a fellow at X Lab.",
            None,
        );
        assert_eq!(
            (error.line, error.message.as_str()),
            (2, "February 30 does not exist in 2025")
        );
    }

    #[test]
    fn a_piece_without_a_bio_names_its_last_line() {
        let error = only_error(fixture!("no-bio.txt"), None);
        assert_eq!((error.line, error.column), (6, 1));
        assert!(
            error.message.contains("no author bio sentence"),
            "{}",
            error.message
        );
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let errors = import(
            "Agust 16, 2025\n\nJust a body without a byline, and no title.\n",
            None,
        )
        .expect_err("three problems");
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [1, 1, 3], "{errors:?}");
        assert_eq!(
            import("", None).expect_err("empty")[0].message,
            "the file is empty"
        );
        assert_eq!(
            import("\u{feff}\r\n  \n", None).expect_err("empty").len(),
            1
        );
    }

    #[test]
    fn byte_order_mark_and_crlf_are_accepted() {
        let text = fixture!("trailing-handle.txt");
        let windows = format!("\u{feff}{}", text.replace('\n', "\r\n"));
        assert_eq!(imported(&windows), imported(text));
    }

    #[test]
    fn body_renders_exactly_as_the_source_text() {
        let fixtures = [
            fixture!("dateline-long-time.txt"),
            fixture!("dateline-abbreviated.txt"),
            fixture!("dateline-day-first.txt"),
            fixture!("coauthors-separate-bios.txt"),
            fixture!("trailing-handle.txt"),
            fixture!("markdown-traps.txt"),
        ];
        for text in fixtures {
            let piece = imported(text);
            assert_eq!(
                rendered_paragraphs(body_of(&article_file(&piece))),
                piece.paragraphs
            );
        }
        let traps = imported(fixture!("markdown-traps.txt"));
        assert_eq!(traps.paragraphs.len(), 13);
        assert_eq!(
            traps.paragraphs.last().map(String::as_str),
            Some(
                "A final, hard-wrapped paragraph that continues on a second line and ends with \
                 ‘curly quotes’ and an em-dash — kept exactly."
            )
        );
    }

    /// Issue 10: one summary rule. The importer writes down the summary a build would derive
    /// from the rendered first paragraph, so the written key changes nothing.
    #[test]
    fn summary_is_the_one_a_build_derives() {
        let piece = imported(fixture!("dateline-long-time.txt"));
        assert_eq!(
            piece.summary,
            "Coastal towns have spent a decade watching container traffic gather in a handful of \
             giant terminals."
        );
        for text in [
            fixture!("dateline-long-time.txt"),
            fixture!("markdown-traps.txt"),
            fixture!("coauthors-three.txt"),
        ] {
            let piece = imported(text);
            let file = article_file(&piece);
            let first = &rendered_paragraphs(body_of(&file))[0];
            assert_eq!(piece.summary, derive_summary(first));
        }
    }

    /// Issue 11: pieces as pasted from a think tank's page import with the body kept exactly.
    #[test]
    fn pieces_pasted_from_a_web_page_import() {
        let piece = imported(fixture!("pasted-bare-handle.txt"));
        assert_eq!(piece.title, "Why Regional Airports Keep Losing Routes");
        assert_eq!(piece.paragraphs.len(), 2);
        assert!(piece.paragraphs.iter().all(|p| !p.contains("mirelacosta")));
        assert_eq!(
            piece.authors[0].links,
            [("X".to_string(), "https://x.com/mirelacosta".to_string())]
        );
        assert_eq!(
            piece.authors[0].bio.as_deref(),
            Some("Mirela Costa is a senior fellow at the Plains Transport Institute.")
        );

        let piece = imported(fixture!("pasted-unicode-spaces.txt"));
        assert_eq!(
            piece.date.to_string(),
            "2025-08-16T08:00:00-04:00[America/New_York]"
        );
        assert!(piece.has_time);
        let author = &piece.authors[0];
        assert_eq!(author.name, "Oskar Lindahl");
        assert_eq!(author.role.as_deref(), Some("Fellow"));
        assert_eq!(
            author.affiliation.as_deref(),
            Some("Northfield Center for Rural Policy")
        );
        assert_eq!(
            author.bio.as_deref(),
            Some(
                "Oskar\u{a0}Lindahl is\u{a0}a fellow at the Northfield Center\u{a0}for Rural Policy."
            ),
            "the bio keeps the spaces it was written with"
        );
        assert!(
            piece.paragraphs[0].contains("40\u{a0}percent"),
            "kept in the body"
        );
        assert!(piece.paragraphs[1].contains("one\u{2009}—"));
        let file = article_file(&piece);
        assert_eq!(rendered_paragraphs(body_of(&file)), piece.paragraphs);

        let piece = imported(fixture!("pasted-blank-lines.txt"));
        assert_eq!(piece.title, "Cleaner Buses, Slower Budgets");
        assert_eq!(
            piece.paragraphs,
            [
                "Electric buses cost more to buy and less to run. Transit agencies budget one \
                 year at a time, so they see only the first half of that sentence.",
                "A ten-year lease that folds the battery into the fare of the vehicle would let \
                 them see both halves.",
            ]
        );
        let names: Vec<&str> = piece.authors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Priya Raman", "Tomasz Nowak"]);
        assert_eq!(
            piece.authors[0].links,
            [(
                "Bluesky".to_string(),
                "https://bsky.app/profile/priyaraman.bsky.social".to_string()
            )]
        );
        assert!(piece.authors[1].links.is_empty());
    }

    /// A capitalised word alone after the bio is prose for the profile, not a handle.
    #[test]
    fn a_plain_word_after_the_bio_is_not_a_handle() {
        let piece =
            imported("August 16, 2025\nTitle\n\nBody.\n\nJane Doe is a fellow at X Lab.\nThanks\n");
        assert!(piece.authors[0].links.is_empty());
        assert_eq!(
            piece.authors[0].bio.as_deref(),
            Some("Jane Doe is a fellow at X Lab. Thanks")
        );
    }

    /// Issue 11: every trailing form a pasted piece ends in, appended to every fixture that
    /// imports: the body comes out exactly as without it, and the bio and handle stay out.
    #[test]
    fn every_trailing_form_keeps_the_body_and_takes_the_bio_out() {
        let fixtures = [
            fixture!("dateline-long-time.txt"),
            fixture!("dateline-abbreviated.txt"),
            fixture!("dateline-day-first.txt"),
            fixture!("dateline-iso.txt"),
            fixture!("dateline-am-pm.txt"),
            fixture!("dateline-weekday.txt"),
            fixture!("coauthors-two.txt"),
            fixture!("coauthors-three.txt"),
            fixture!("coauthors-separate-bios.txt"),
            fixture!("markdown-traps.txt"),
            fixture!("trailing-handle.txt"),
            fixture!("pasted-bare-handle.txt"),
            fixture!("pasted-unicode-spaces.txt"),
            fixture!("pasted-blank-lines.txt"),
        ];
        for text in fixtures {
            let plain = imported(text);
            // A handle for an author of the last bio sentence, named so that a shared bio
            // can tell whose it is.
            let last_bio = plain.authors.last().and_then(|a| a.bio.clone());
            let (owner, handle) = plain
                .authors
                .iter()
                .enumerate()
                .filter(|(_, a)| a.bio == last_bio)
                .find_map(|(i, a)| {
                    let word = a
                        .name
                        .split_whitespace()
                        .find(|w| w.len() >= 3 && w.chars().all(|c| c.is_ascii_alphabetic()))?;
                    Some((i, format!("{}_x", word.to_lowercase())))
                })
                .expect("an author with a plain name");
            let trimmed = text.trim_end();
            let forms: Vec<(&str, String)> = vec![
                (
                    "a bare handle right after",
                    format!("{trimmed}\n{handle}\n"),
                ),
                (
                    "a bare handle, no final newline",
                    format!("{trimmed}\n{handle}"),
                ),
                (
                    "an @handle, no final newline",
                    format!("{trimmed}\n@{handle}"),
                ),
                ("no final newline", trimmed.to_string()),
                ("trailing spaces", text.replace('\n', "  \t\n")),
                ("three blank lines", text.replace("\n\n", "\n\n\n\n")),
                (
                    "blank lines, then a handle",
                    format!("{trimmed}\n\n\n{handle}\n"),
                ),
                (
                    "CRLF and a handle",
                    format!("{trimmed}\r\n{handle}\r\n")
                        .replace('\n', "\r\n")
                        .replace("\r\r", "\r"),
                ),
                (
                    "no-break spaces in the bio",
                    match trimmed.rsplit_once("\n\n") {
                        Some((before, tail)) => {
                            format!("{before}\n\n{}\n", tail.replace(' ', "\u{a0}"))
                        }
                        None => unreachable!(),
                    },
                ),
            ];
            for (form, changed) in forms {
                let piece = import(&changed, None)
                    .unwrap_or_else(|e| panic!("{} with {form}: {e:?}", plain.title));
                assert_eq!(
                    piece.paragraphs, plain.paragraphs,
                    "{} with {form}",
                    plain.title
                );
                let names = |p: &ImportedArticle| -> Vec<String> {
                    p.authors.iter().map(|a| a.name.clone()).collect()
                };
                assert_eq!(names(&piece), names(&plain), "{} with {form}", plain.title);
                let body = body_of(&article_file(&piece)).to_string();
                assert!(!body.contains(&handle), "{} with {form}", plain.title);
                if form.contains("handle") {
                    let link = format!("https://x.com/{handle}");
                    assert!(
                        piece.authors[owner].links.iter().any(|(_, u)| *u == link),
                        "{} with {form}: {:?}",
                        plain.title,
                        piece.authors
                    );
                }
            }
        }
    }

    #[test]
    fn a_handle_after_a_shared_bio_must_name_its_author() {
        let text = "August 16, 2025\nTitle\n\nBody.\n\nJane Doe and John Roe are fellows at X Lab.\n@jroe\n@someone\n";
        let errors = import(text, None).expect_err("ambiguous");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 8);
        let fine = "August 16, 2025\nTitle\n\nBody.\n\nJane Doe and John Roe are fellows at X Lab.\n@jroe\n";
        let piece = imported(fine);
        assert_eq!(
            piece.authors[1].links,
            [("X".to_string(), "https://x.com/jroe".to_string())]
        );
    }

    #[test]
    fn front_matter_strings_are_escaped() {
        let mut piece = imported(fixture!("dateline-iso.txt"));
        piece.title = "A \"quoted\" \\ title\twith\u{7}control".to_string();
        let front = front_matter_of(&article_file(&piece));
        assert_eq!(front["title"].as_str(), Some(piece.title.as_str()));
        assert_eq!(front["summary"].as_str(), Some(piece.summary.as_str()));
    }

    /// Found by the `import` fuzz target (crash-08d0fd52): a NUL inside a paragraph went
    /// into the summary, and the article written from it did not parse.
    #[test]
    fn fuzz_crash_nul_in_a_paragraph_is_an_error() {
        let text = "August 16, 2025 - 8:00am\n\nPorts Are Power\n\nThe first paragraph of the piece makes its claim plainly.\0\nA second paragraph follows it.\n\nJane Doe is a senior fellow at the Harbor Institute.\n@janedoe\n";
        let errors = import(text, None).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(
            errors[0].to_string(),
            "5:58: the file holds a NUL character; is it a text file?"
        );
    }

    /// Found by the `import` fuzz target (crash-52e365bd): a form feed inside an author's
    /// name was kept, while front matter reads a byline with its whitespace collapsed, so
    /// the article and the author's profile named two different people.
    #[test]
    fn fuzz_crash_control_whitespace_in_a_name_is_collapsed() {
        let text = "Two Rivers, One Budget\nMarch 4, 2025\n\nTwo agencies plan their dredging apart.\n\nAda \u{c}Mensah is a senior fellow at the Lakeshore Institute.\n";
        let piece = import(text, None).unwrap();
        assert_eq!(piece.authors[0].name, "Ada Mensah");
        let file = article_file(&piece);
        let (meta, _) =
            crate::front_matter::parse_article(std::path::Path::new("a.md"), &file).unwrap();
        assert_eq!(meta.authors[0].value.name, "Ada Mensah");
    }

    /// Found by the `import` fuzz target (crash-41519abc): two handles with one label gave
    /// the profile's `[links]` table one key twice, which is not TOML.
    #[test]
    fn fuzz_crash_two_links_with_one_label_get_distinct_keys() {
        let text = "August 16, 2025\nPorts Are Power\n\nThe first paragraph makes its claim.\n\nJane Doe is a senior fellow at the Harbor Institute.\n@janedoe\n@jane_two\nX: @janedoe\n";
        let piece = import(text, None).unwrap();
        assert_eq!(
            piece.authors[0].links,
            [
                ("X".to_string(), "https://x.com/janedoe".to_string()),
                ("X 2".to_string(), "https://x.com/jane_two".to_string()),
            ]
        );
        let profile = profile_file(&piece.authors[0]);
        let (meta, _) = crate::front_matter::parse_profile(
            std::path::Path::new("content/authors/jane-doe.md"),
            &profile,
        )
        .unwrap_or_else(|e| panic!("{e:?}\n{profile}"));
        assert_eq!(meta.links.len(), 2);
    }

    #[test]
    fn odd_input_never_panics() {
        let long = "word ".repeat(20_000);
        let odd = [
            "\u{feff}",
            "\n\n\n",
            "+++",
            "August 16, 2025",
            "August 16, 2025\n\n@jane",
            "August 16, 2025\nT\n\nJane Doe is a fellow at X.",
            "August 16, 2025\nT\n\n. . .\n\nJane Doe is a fellow at X.\n@",
            "Jane Doe is a fellow at X.",
            "\r\r\r\n\r",
            "🙂\n🙂🙂\n\n🙂",
            "2025-08-16\n\u{0}\n\n\u{7f} is a fellow at \u{0}.",
            &long,
        ];
        for text in odd {
            if let Ok(piece) = import(text, Some("T")) {
                let _ = article_file(&piece);
                for author in &piece.authors {
                    let _ = profile_file(author);
                    let _ = merge_profile(text, author);
                }
            }
        }
    }
}
