//! `Article`: one piece with validated values — a real date in the site's time zone, a slug,
//! a URL, a rendered body and a summary — read from one file without looking at any other.
//! Names that point to other things (authors, affiliations, topics) are kept as written in
//! `References`, and resolved by `Site::assemble`.

use std::path::PathBuf;
use std::sync::Arc;

use jiff::ZonedDateTime;

use crate::config::Config;
use crate::dates;
use crate::diagnostic::{Diagnostic, Diagnostics, line_column};
use crate::front_matter::{self, Field, KeyPlaces};
use crate::markdown::{self, Heading, Rendered};
use crate::model::alias::{self, Alias};
use crate::model::url;
use crate::source::SourceFile;

/// A line and column in a source file, for messages about names found there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Place {
    pub line: usize,
    pub column: usize,
}

/// A name as written in a file, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameAt {
    pub name: String,
    pub place: Place,
}

/// One name in a byline, with the affiliation that applies to it (its own or the article's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BylineRef {
    pub author: NameAt,
    pub affiliation: Option<NameAt>,
}

/// The names an article refers to, as written; `Site::assemble` turns them into indices.
#[derive(Debug, Clone, Default)]
pub struct References {
    pub bylines: Vec<BylineRef>,
    pub topics: Vec<NameAt>,
    /// The series the article is a part of, and the place it asks for (`series_part`).
    pub series: Option<(NameAt, Option<(u32, Place)>)>,
}

/// Where an article's parts are written in its file, as byte offsets, so that messages
/// about them can point there once the file's text is no longer at hand (`check`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    /// Every key of the front matter.
    pub keys: KeyPlaces,
    /// The name of each author, in byline order.
    pub bylines: Vec<usize>,
    /// The body; the offsets in `Article::body` count from here.
    pub body: usize,
    /// The body's first written character, or the body's offset when it is blank.
    pub body_start: usize,
}

/// An author of an article and the affiliation they wrote under, as indices into the `Site`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Byline {
    pub author: usize,
    pub affiliation: Option<usize>,
}

/// A piece's lead image, shown above its body and shared with links to it (issue 13).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadImage {
    /// A path from the site's root (`/images/x.png`) or a web address, as written.
    pub url: String,
    /// What it shows, for readers who cannot see it.
    pub alt: String,
    /// Who made it, printed under it.
    pub credit: Option<String>,
    /// Where the URL is written in the file.
    pub offset: usize,
}

/// One article, validated.
#[derive(Debug, Clone)]
pub struct Article {
    /// Path relative to the site root, e.g. `content/2025/ports.md`.
    pub path: PathBuf,
    pub title: String,
    pub slug: String,
    /// Site path such as `/2025/08/ports/`.
    pub url: String,
    /// Where the URL comes from (the `slug` key, or else the title), for messages about two
    /// things at one URL.
    pub url_place: Place,
    pub date: ZonedDateTime,
    /// Whether `date` was written with a time of day.
    pub has_time: bool,
    pub updated: Option<ZonedDateTime>,
    /// The dek: from front matter, or else the first paragraph.
    pub summary: String,
    /// Whether `summary` was taken from the body rather than written.
    pub summary_derived: bool,
    /// Shared, so a preview that keeps articles between rebuilds copies no bodies.
    pub body: Arc<Rendered>,
    pub draft: bool,
    /// Whether the piece may have a table of contents (`toc = false` says no).
    pub toc: bool,
    pub image: Option<LeadImage>,
    /// Filled in by `Site::assemble`.
    pub byline: Vec<Byline>,
    /// Indices into `Site::topics`, filled in by `Site::assemble`.
    pub topics: Vec<usize>,
    /// Index into `Site::series`, filled in by `Site::assemble`.
    pub series: Option<usize>,
    /// Indices into `Site::articles` of its related pieces, best first (see
    /// `model::related`), filled in by `Site::assemble`.
    pub related: Vec<usize>,
    pub places: Places,
    /// Where the piece first ran, when it is republished (issue 12).
    pub original: Option<Original>,
    /// Corrections on the record, oldest first (issue 12).
    pub corrections: Vec<Correction>,
    /// Old URLs that redirect to the piece (issue 12).
    pub aliases: Vec<Alias>,
}

/// Where a republished piece first ran: its canonical home.
#[derive(Debug, Clone, PartialEq)]
pub struct Original {
    /// Absolute http(s) URL.
    pub url: String,
    pub publication: Option<String>,
    pub date: Option<ZonedDateTime>,
    /// Whether `date` was written with a time of day.
    pub has_time: bool,
}

/// A correction on the record: when it was made and what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    pub date: ZonedDateTime,
    /// The note as HTML, inline: a one-paragraph note loses its `<p>`.
    pub html: String,
    /// The note as plain text, for JSON-LD.
    pub text: String,
}

/// A piece gets a table of contents when it has at least this many subheadings (issue 13);
/// a shorter one is read at a glance.
pub const TOC_MIN_HEADINGS: usize = 3;

/// A section in an article's table of contents, and the subsections under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section<'a> {
    pub heading: &'a Heading,
    pub subsections: Vec<&'a Heading>,
}

impl Article {
    /// The table of contents: the body's two top levels of headings, each subsection under
    /// the section before it. Empty when `toc = false`, or when there are fewer than
    /// [`TOC_MIN_HEADINGS`] such headings.
    pub fn toc(&self) -> Vec<Section<'_>> {
        let headings = &self.body.headings;
        let Some(top) = headings.iter().map(|h| h.level).min() else {
            return Vec::new();
        };
        let listed = headings.iter().filter(|h| h.level <= top + 1);
        if !self.toc || listed.clone().count() < TOC_MIN_HEADINGS {
            return Vec::new();
        }
        let mut sections: Vec<Section> = Vec::new();
        for heading in listed {
            match sections.last_mut() {
                Some(section) if heading.level > top => section.subsections.push(heading),
                _ => sections.push(Section {
                    heading,
                    subsections: Vec::new(),
                }),
            }
        }
        sections
    }

    /// The latest of `date`, `updated` and the corrections' dates: when the piece last
    /// changed, for JSON-LD's `dateModified`, feeds and the sitemap. A correction counts
    /// though `updated` was not touched (issue 12).
    pub fn modified(&self) -> &ZonedDateTime {
        std::iter::once(&self.date)
            .chain(&self.updated)
            .chain(self.corrections.iter().map(|c| &c.date))
            .max()
            .unwrap_or(&self.date)
    }

    /// The date of the latest correction, if the piece has any.
    pub fn corrected(&self) -> Option<&ZonedDateTime> {
        self.corrections.iter().map(|c| &c.date).max()
    }

    /// Reads one article file: front matter, dates, slug, URL and body.
    ///
    /// Every problem in the file is returned at once.
    pub fn read(file: &SourceFile, config: &Config) -> Result<(Article, References), Diagnostics> {
        let (meta, split) = front_matter::parse_article(&file.path, &file.text)?;
        let text = &file.text;
        let place = |offset: usize| {
            let (line, column) = line_column(text, offset);
            Place { line, column }
        };
        let mut problems = Vec::new();
        let mut date_of = |field: Option<&Field<String>>, what: &str| {
            let field = field?;
            match dates::parse(&field.value, &config.timezone) {
                Ok(parsed) => Some(parsed),
                Err(e) => {
                    problems.push(Diagnostic::at_offset(
                        &file.path,
                        text,
                        field.offset,
                        format!("{what} is not a valid date: {}", e.message),
                    ));
                    None
                }
            }
        };
        let date = date_of(meta.date.as_ref(), "`date`");
        let updated = date_of(meta.updated.as_ref(), "`updated`");
        let original = meta.original.map(|o| {
            let date = date_of(o.date.as_ref(), "`date` of [original]");
            Original {
                url: o.url.value,
                publication: o.publication.map(|p| p.value),
                has_time: date.as_ref().is_some_and(|d| d.has_time),
                date: date.map(|d| d.at),
            }
        });
        let mut corrections: Vec<(Correction, usize)> = meta
            .corrections
            .iter()
            .filter_map(|c| {
                let date = date_of(Some(&c.date), "`date` of a correction")?;
                let (html, text) = markdown::note(&c.text.value);
                Some((
                    Correction {
                        date: date.at,
                        html,
                        text,
                    },
                    c.date.offset,
                ))
            })
            .collect();
        let (Some(title), Some(date)) = (meta.title, date) else {
            return Err(problems.into());
        };
        // A correction before the piece ran is a typo in its year; compared by day, since a
        // bare date is midnight and the piece ran later that morning.
        for (correction, offset) in &corrections {
            if correction.date.date() < date.at.date() {
                problems.push(
                    Diagnostic::at_offset(
                        &file.path,
                        text,
                        *offset,
                        format!(
                            "a correction dated {} is older than the piece ({})",
                            dates::rfc3339(&correction.date),
                            dates::rfc3339(&date.at)
                        ),
                    )
                    .with_hint("a correction is dated the day it was made"),
                );
            }
        }
        corrections.sort_by_key(|(c, _)| c.date.timestamp());
        let aliases = alias::read(&meta.aliases, &file.path, text, &mut problems);
        if !problems.is_empty() {
            return Err(problems.into());
        }

        let slug = match &meta.slug {
            Some(s) => url::slugify(&s.value),
            None => url::slugify(&title.value),
        };
        let url_place = place(meta.slug.as_ref().map_or(title.offset, |s| s.offset));
        let at = date.at.clone();
        let url = url::permalink(&config.permalink, &at, &slug);

        let body = markdown::render(split.body, &config.embed_hosts);
        let blank = split.body.len() - split.body.trim_start().len();
        let places = Places {
            keys: meta.keys,
            bylines: meta.authors.iter().map(|b| b.value.name_offset).collect(),
            body: split.body_offset,
            body_start: split.body_offset + if blank == split.body.len() { 0 } else { blank },
        };
        let (summary, summary_derived) = match meta.summary {
            Some(s) => (s.value, false),
            None => (derive_summary(&body.first_paragraph), true),
        };

        let bylines = meta
            .authors
            .into_iter()
            .map(|b| {
                let at = place(b.offset);
                // An affiliation of the author's own is reported at the byline; the
                // article's shared one at its own key.
                let affiliation = match b.value.affiliation {
                    Some(name) => Some(NameAt { name, place: at }),
                    None => meta.affiliation.as_ref().map(|a| NameAt {
                        name: a.value.clone(),
                        place: place(a.offset),
                    }),
                };
                BylineRef {
                    author: NameAt {
                        name: b.value.name,
                        place: at,
                    },
                    affiliation,
                }
            })
            .collect();
        let topics = meta
            .tags
            .into_iter()
            .map(|t| NameAt {
                name: t.value,
                place: place(t.offset),
            })
            .collect();

        let series = meta.series.map(|s| {
            let part = meta.series_part.map(|p| (p.value, place(p.offset)));
            let name = NameAt {
                name: s.value,
                place: place(s.offset),
            };
            (name, part)
        });

        // `front_matter` saw to it that an image has its alt text.
        let image = meta.image.zip(meta.image_alt).map(|(url, alt)| LeadImage {
            url: url.value,
            offset: url.offset,
            alt: alt.value,
            credit: meta.image_credit.map(|c| c.value),
        });

        let article = Article {
            path: file.path.clone(),
            title: title.value,
            slug,
            url,
            url_place,
            date: at,
            has_time: date.has_time,
            updated: updated.map(|u| u.at),
            summary,
            summary_derived,
            body: Arc::new(body),
            draft: meta.draft,
            toc: meta.toc.unwrap_or(true),
            image,
            byline: Vec::new(),
            topics: Vec::new(),
            series: None,
            related: Vec::new(),
            places,
            original,
            corrections: corrections.into_iter().map(|(c, _)| c).collect(),
            aliases,
        };
        Ok((
            article,
            References {
                bylines,
                topics,
                series,
            },
        ))
    }
}

/// A dek from the first paragraph: its first sentence, or two when the first is short, cut
/// to a card-sized length.
pub fn derive_summary(paragraph: &str) -> String {
    let mut end = 0;
    for (i, c) in paragraph.char_indices() {
        let next = paragraph[i + c.len_utf8()..].chars().next();
        if matches!(c, '.' | '?' | '!') && next.is_none_or(char::is_whitespace) {
            end = i + c.len_utf8();
            if end >= 80 {
                break;
            }
        }
    }
    let sentences = if end == 0 {
        paragraph
    } else {
        &paragraph[..end]
    };
    shorten(sentences, 220)
}

/// Cuts `text` at a word boundary to at most about `max` characters, adding an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    let out = out.trim_end_matches([',', ';', ':', '.', '—', '–']);
    format!("{out}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<(Article, References), Vec<String>> {
        let config = Config::parse(
            "timezone = \"America/New_York\"",
            std::path::Path::new("site.toml"),
        )
        .unwrap();
        let file = SourceFile {
            path: "content/a.md".into(),
            text: text.into(),
        };
        Article::read(&file, &config).map_err(|ds| ds.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn reads_a_whole_article() {
        let (article, refs) = read(
            "+++\ntitle = \"Ports & Power\"\ndate = 2025-08-31T23:30:00-04:00\nauthors = [{ name = \"A B\", affiliation = \"X\" }, \"C D\"]\naffiliation = \"Y\"\ntags = [\"trade\"]\n+++\nFirst paragraph here.\n\nSecond.\n",
        )
        .unwrap();
        assert_eq!(article.url, "/2025/08/ports-power/");
        assert_eq!(article.summary, "First paragraph here.");
        assert!(article.summary_derived);
        let affiliations: Vec<_> = refs
            .bylines
            .iter()
            .map(|b| b.affiliation.as_ref().unwrap().name.as_str())
            .collect();
        assert_eq!(affiliations, ["X", "Y"]);
        assert_eq!(
            refs.bylines[0].author.place,
            Place {
                line: 4,
                column: 11
            }
        );
        assert_eq!(refs.topics[0].name, "trade");
    }

    #[test]
    fn utc_dates_land_in_the_site_time_zone() {
        let (article, _) =
            read("+++\ntitle = \"T\"\ndate = 2025-09-01T03:30:00Z\nauthor = \"A\"\n+++\n").unwrap();
        assert_eq!(article.url, "/2025/08/t/");
    }

    #[test]
    fn bad_dates_point_at_the_value() {
        let errors = read("+++\ntitle = \"T\"\ndate = \"Agust 16, 2025\"\nupdated = \"2025-02-30\"\nauthor = \"A\"\n+++\n").unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].starts_with("content/a.md:3:8: `date` is not a valid date"),
            "{}",
            errors[0]
        );
        assert!(
            errors[1].starts_with("content/a.md:4:11: `updated` is not a valid date"),
            "{}",
            errors[1]
        );
    }

    #[test]
    fn derived_summaries_end_with_a_sentence() {
        assert_eq!(
            derive_summary(
                "Short one. Then a second sentence, which runs on long enough to stop the summary here. Third."
            ),
            "Short one. Then a second sentence, which runs on long enough to stop the summary here."
        );
        assert_eq!(derive_summary("No full stop at all"), "No full stop at all");
        assert!(derive_summary(&"word ".repeat(100)).chars().count() <= 221);
    }

    #[test]
    fn shorten_cuts_between_words() {
        assert_eq!(shorten("one two three", 20), "one two three");
        assert_eq!(shorten("one two, three four", 9), "one two…");
    }
}
