//! What templates see: serializable views of the model, borrowed from it, built once and
//! shared.
//!
//! Templates never see the model itself, so the model can change without breaking a theme;
//! the README documents every field here. Every link in a view is ready to print, as
//! [`Links`] makes it (a path from the server root with the base URL's path in front, or a
//! relative file path in a portable build); where a field says `permalink`, it is an
//! absolute URL. Article cards, which most pages list, are built once per build and link
//! style and shared between pages (Tera values are reference-counted, so sharing is cheap).

use std::borrow::Cow;
use std::sync::OnceLock;

use serde::Serialize;
use tera::Value;

use crate::dates::{date_display, rfc3339, time_display};
use crate::model::article::Original;
use crate::model::url::{self, Links};
use crate::model::{Article, Site, archive};
use crate::render::cite;
use crate::render::portable;
use crate::render::schema;

/// A link to a named thing: an author, affiliation, topic, year or month.
#[derive(Serialize, Clone)]
pub struct NamedLink<'a> {
    pub name: &'a str,
    pub url: String,
}

/// One author in an article's byline.
#[derive(Serialize)]
pub struct BylineView<'a> {
    pub name: &'a str,
    pub url: String,
    /// The affiliation printed with this author on this article.
    pub affiliation: Option<NamedLink<'a>>,
}

/// An article as listed on index pages.
#[derive(Serialize)]
pub struct CardView<'a> {
    pub title: &'a str,
    pub url: String,
    pub summary: &'a str,
    /// RFC 3339, in the site's time zone.
    pub date: String,
    /// For readers: "August 16, 2025".
    pub date_display: String,
    pub authors: Vec<BylineView<'a>>,
    pub topics: Vec<NamedLink<'a>>,
    pub reading_minutes: usize,
    pub draft: bool,
    /// Dated after the moment the site was built for: under embargo, shown only by
    /// `serve` or `build --future` (issue 12).
    pub scheduled: bool,
}

/// An author as shown in a bio box or on the authors page.
#[derive(Serialize)]
pub struct AuthorView<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: String,
    /// Absolute URL of the author's page.
    pub permalink: String,
    pub feed_url: String,
    pub role: Option<&'a str>,
    /// The current affiliation; `url` is empty when no piece was written under it.
    pub affiliation: Option<NamedLink<'a>>,
    pub photo: Option<String>,
    pub links: Vec<LinkView<'a>>,
    /// Safe HTML.
    pub bio_html: Cow<'a, str>,
    pub count: usize,
}

/// A labelled external link.
#[derive(Serialize)]
pub struct LinkView<'a> {
    pub label: &'a str,
    pub url: String,
}

/// An affiliation or topic with its count of articles.
#[derive(Serialize)]
pub struct TermView<'a> {
    pub name: &'a str,
    pub url: String,
    /// Its Atom feed.
    pub feed_url: String,
    pub count: usize,
    /// Authors who wrote under an affiliation (0 for topics).
    pub author_count: usize,
}

/// An article on its own page: a card's fields and everything else the page shows.
#[derive(Serialize)]
pub struct ArticleView<'a> {
    pub title: &'a str,
    pub url: String,
    pub permalink: String,
    pub summary: &'a str,
    pub summary_derived: bool,
    pub date: String,
    pub date_display: String,
    pub time_display: Option<String>,
    pub updated: Option<String>,
    pub updated_display: Option<String>,
    pub byline: Vec<BylineView<'a>>,
    pub authors: Vec<AuthorView<'a>>,
    pub affiliations: Vec<NamedLink<'a>>,
    pub topics: Vec<NamedLink<'a>>,
    pub month: NamedLink<'a>,
    pub year: PeriodView,
    /// Safe HTML.
    pub body_html: Cow<'a, str>,
    pub word_count: usize,
    pub reading_minutes: usize,
    pub draft: bool,
    /// Dated after the moment the site was built for: under embargo, shown only by
    /// `serve` or `build --future` (issue 12).
    pub scheduled: bool,
    pub previous: Option<NeighbourView<'a>>,
    pub next: Option<NeighbourView<'a>>,
    /// JSON, safe inside `<script>`.
    pub json_ld: String,
    /// The table of contents; empty when the piece has none.
    pub toc: Vec<TocView<'a>>,
    /// The series the piece is a part of, and its place in it.
    pub series: Option<SeriesPartView<'a>>,
    /// Cards of up to three related pieces, best first (see `model::related`).
    pub related: Vec<Value>,
    /// The lead image, also the page's share image.
    pub image: Option<ImageView<'a>>,
    /// How to cite the piece.
    pub cite: CiteView<'a>,
    /// Where the piece first ran, when it is republished (issue 12).
    pub original: Option<OriginalView<'a>>,
    /// Corrections on the record, oldest first (issue 12).
    pub corrections: Vec<CorrectionView<'a>>,
    /// The date of the latest correction, RFC 3339, and for readers; none without any.
    pub corrected: Option<String>,
    pub corrected_display: Option<String>,
    /// When the piece last changed: the latest of `date`, `updated` and the corrections.
    pub modified: String,
}

/// "Cite this": the parts of a formatted citation, the citation files, and the values of
/// the Google Scholar meta tags.
#[derive(Serialize)]
pub struct CiteView<'a> {
    /// "van der Berg, Anna, José de la Cruz, and Zoë Ångström".
    pub authors: String,
    /// The title, closed with a full stop unless it ends a sentence.
    pub title: String,
    pub site: &'a str,
    /// "July 7, 2024".
    pub date_display: String,
    /// `citation_publication_date`: "2024/07/07".
    pub date: String,
    /// `citation_author`, one per author: "van der Berg, Anna".
    pub names: Vec<String>,
    pub permalink: String,
    pub bib_url: String,
    pub ris_url: String,
}

/// A piece's lead image.
#[derive(Serialize)]
pub struct ImageView<'a> {
    /// As the page links it.
    pub url: String,
    /// Absolute, for `og:image` and JSON-LD.
    pub permalink: String,
    pub alt: &'a str,
    pub credit: Option<&'a str>,
}

/// An article's place in its series: "Part 2 of 3 in NAME".
#[derive(Serialize)]
pub struct SeriesPartView<'a> {
    pub name: &'a str,
    pub url: String,
    /// 1-based.
    pub part: usize,
    pub count: usize,
    /// The part before and after this one.
    pub previous: Option<NeighbourView<'a>>,
    pub next: Option<NeighbourView<'a>>,
}

/// A series, on its page and on the index of series.
#[derive(Serialize)]
pub struct SeriesView<'a> {
    pub name: &'a str,
    pub url: String,
    /// Number of parts.
    pub count: usize,
    /// Dates of the first and the last part, for readers ("January 10, 2024").
    pub first_display: String,
    pub last_display: String,
}

/// Where a republished piece first ran.
#[derive(Serialize)]
pub struct OriginalView<'a> {
    /// Absolute URL of the original; the page's canonical link.
    pub url: &'a str,
    /// The publication as written, or none.
    pub publication: Option<&'a str>,
    /// What to call the original in a sentence: the publication, or else the URL's host.
    pub name: &'a str,
    pub date: Option<String>,
    pub date_display: Option<String>,
}

/// A correction note.
#[derive(Serialize)]
pub struct CorrectionView<'a> {
    /// RFC 3339.
    pub date: String,
    /// "August 16, 2025".
    pub date_display: String,
    /// Safe HTML, inline.
    pub html: &'a str,
}

/// An entry of a table of contents: a heading's id and text, and the entries under it.
#[derive(Serialize)]
pub struct TocView<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub children: Vec<TocView<'a>>,
}

/// A standalone page on its own page (issue 12).
#[derive(Serialize)]
pub struct StandaloneView<'a> {
    pub title: &'a str,
    pub url: String,
    pub permalink: String,
    pub summary: &'a str,
    /// True when the summary was taken from the body rather than written.
    pub summary_derived: bool,
    /// Safe HTML.
    pub body_html: Cow<'a, str>,
}

/// A link in the header navigation: a standalone page with `nav = true`.
#[derive(Serialize)]
pub struct NavView<'a> {
    pub title: &'a str,
    pub url: String,
}

/// A neighbouring article.
#[derive(Serialize)]
pub struct NeighbourView<'a> {
    pub title: &'a str,
    pub url: String,
}

/// A year of the archive.
#[derive(Serialize)]
pub struct YearView<'a> {
    /// "2025".
    pub name: String,
    pub year: i16,
    pub url: String,
    pub count: usize,
    pub months: Vec<MonthView<'a>>,
}

/// A month of the archive; on a year's page, with its articles.
#[derive(Serialize)]
pub struct MonthView<'a> {
    /// "August".
    pub name: &'a str,
    pub number: i8,
    pub year: i16,
    /// The year's page, for a link up from the month.
    pub year_url: String,
    /// "August 2025".
    pub title: String,
    pub url: String,
    pub count: usize,
    /// Cards of the month's articles, on a year's page only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub articles: Option<Vec<Value>>,
}

/// The next or previous year or month, for the archive pages.
#[derive(Serialize)]
pub struct PeriodView {
    pub name: String,
    pub url: String,
}

/// The `site` value every template sees.
#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub base_url: &'a str,
    /// What stands for the site's root in a link (`{{ site.base_path }}/style.css`): the
    /// base URL's path, or `.`, `..`… in a portable build. Prefer `urls`, whose links name
    /// a file in a portable build too.
    pub base_path: String,
    pub language: &'a str,
    pub timezone: &'a str,
    pub feed_url: String,
    /// RFC 3339: the newest date anywhere on the site.
    pub updated: Option<String>,
    pub urls: SiteUrls,
    /// The standalone pages with `nav = true`, by weight, then title.
    pub nav: Vec<NavView<'a>>,
}

/// Links to the site-wide pages and files, ready to print.
#[derive(Serialize)]
pub struct SiteUrls {
    pub home: String,
    pub authors: String,
    pub affiliations: String,
    pub topics: String,
    pub archive: String,
    pub feed: String,
    pub stylesheet: String,
    /// The index of every series; none on a site without series.
    pub series: Option<String>,
    /// The search page, where the header's search box submits; absent with `search = false`.
    pub search: Option<String>,
}

/// Builds views for one site and one style of link.
pub struct Views<'a> {
    pub site: &'a Site,
    links: Links<'a>,
    site_value: Value,
    /// Every article's card, in site order, each built the first time a page lists it: a
    /// preview that renders three pages builds three pages' worth.
    cards: Vec<OnceLock<Value>>,
    /// For each affiliation, links to the authors who wrote under it: built once, since
    /// every page of a long affiliation listing shows them.
    affiliation_authors: Vec<OnceLock<Value>>,
    /// For a portable build, each author's bio with its links made relative, built the
    /// first time a page shows it.
    portable_bios: Vec<OnceLock<String>>,
}

impl<'a> Views<'a> {
    pub fn new(site: &'a Site, links: Links<'a>) -> Self {
        let mut views = Views {
            site,
            links,
            site_value: Value::none(),
            cards: (0..site.articles.len()).map(|_| OnceLock::new()).collect(),
            affiliation_authors: (0..site.affiliations.len())
                .map(|_| OnceLock::new())
                .collect(),
            portable_bios: match links {
                Links::Portable { .. } => {
                    (0..site.authors.len()).map(|_| OnceLock::new()).collect()
                }
                Links::Served { .. } => Vec::new(),
            },
        };
        views.site_value = Value::from_serializable(&views.site_view());
        views
    }

    /// A site path ready to print in an `href`.
    pub fn link(&self, url: &str) -> String {
        self.links.href(url)
    }

    /// The `site` value every template sees.
    pub fn site_value(&self) -> Value {
        self.site_value.clone()
    }

    fn site_view(&self) -> SiteView<'a> {
        let config = &self.site.config;
        SiteView {
            title: &config.title,
            description: &config.description,
            base_url: &config.base_url,
            base_path: self.links.root(),
            language: &config.language,
            timezone: &config.timezone_name,
            feed_url: self.link(&url::site_feed()),
            updated: self.site.updated().map(rfc3339),
            urls: SiteUrls {
                home: self.link(&url::home()),
                authors: self.link(&url::authors()),
                affiliations: self.link(&url::affiliations()),
                topics: self.link(&url::topics()),
                archive: self.link(&url::archive()),
                feed: self.link(&url::site_feed()),
                stylesheet: self.link(&url::stylesheet()),
                series: (!self.site.series.is_empty()).then(|| self.link(&url::series_index())),
                search: config.search.then(|| self.link(&url::search())),
            },
            nav: self
                .site
                .pages
                .iter()
                .filter(|p| p.nav)
                .map(|p| NavView {
                    title: &p.title,
                    url: self.link(&p.url),
                })
                .collect(),
        }
    }

    /// The card of article `index`, for listings.
    pub fn card_value(&self, index: usize) -> Value {
        self.cards[index]
            .get_or_init(|| Value::from_serializable(&self.card(index)))
            .clone()
    }

    /// The cards of articles `indices`, in that order.
    pub fn cards(&self, indices: &[usize]) -> Vec<Value> {
        indices.iter().map(|&i| self.card_value(i)).collect()
    }

    /// Links to the authors who wrote under affiliation `index`.
    pub fn affiliation_authors(&self, index: usize) -> Value {
        self.affiliation_authors[index]
            .get_or_init(|| {
                let links: Vec<NamedLink> = self.site.affiliations[index]
                    .authors
                    .iter()
                    .map(|&i| self.named(&self.site.authors[i].name, &self.site.authors[i].url))
                    .collect();
                Value::from_serializable(&links)
            })
            .clone()
    }

    fn named(&self, name: &'a str, url: &str) -> NamedLink<'a> {
        NamedLink {
            name,
            url: self.link(url),
        }
    }

    fn byline(&self, article: &'a Article) -> Vec<BylineView<'a>> {
        article
            .byline
            .iter()
            .map(|b| {
                let author = &self.site.authors[b.author];
                BylineView {
                    name: &author.name,
                    url: self.link(&author.url),
                    affiliation: b.affiliation.map(|i| {
                        let a = &self.site.affiliations[i];
                        self.named(&a.name, &a.url)
                    }),
                }
            })
            .collect()
    }

    fn topics(&self, article: &'a Article) -> Vec<NamedLink<'a>> {
        article
            .topics
            .iter()
            .map(|&i| self.named(&self.site.topics[i].name, &self.site.topics[i].url))
            .collect()
    }

    fn card(&self, index: usize) -> CardView<'a> {
        let article = &self.site.articles[index];
        CardView {
            title: &article.title,
            url: self.link(&article.url),
            summary: &article.summary,
            date: rfc3339(&article.date),
            date_display: date_display(&article.date),
            authors: self.byline(article),
            topics: self.topics(article),
            reading_minutes: article.body.reading_minutes(),
            draft: article.draft,
            scheduled: self.site.embargo.holds(article),
        }
    }

    /// A path written in a profile (a photo, a link): a site path becomes a link, anything
    /// else is printed as written.
    fn written_link(&self, written: &str) -> String {
        if written.starts_with('/') {
            self.link(written)
        } else {
            written.to_string()
        }
    }

    /// HTML a writer wrote (an article body), with its links as this page prints links.
    fn written_html(&self, html: &'a str) -> Cow<'a, str> {
        match self.links {
            Links::Served { .. } => Cow::Borrowed(html),
            Links::Portable { .. } => {
                portable::relink(html, &self.links, self.site.config.base_path())
            }
        }
    }

    /// An author's bio, with its links as this page prints links.
    fn bio(&self, index: usize) -> Cow<'a, str> {
        let html = &self.site.authors[index].bio_html;
        match self.portable_bios.get(index) {
            Some(cell) => Cow::Owned(
                cell.get_or_init(|| self.written_html(html).into_owned())
                    .clone(),
            ),
            None => Cow::Borrowed(html),
        }
    }

    /// An author's full view.
    pub fn author(&self, index: usize) -> AuthorView<'a> {
        let author = &self.site.authors[index];
        AuthorView {
            name: &author.name,
            slug: &author.slug,
            url: self.link(&author.url),
            permalink: self.site.config.absolute_url(&author.url),
            feed_url: self.link(&url::feed_of(&author.url)),
            role: author.role.as_deref(),
            affiliation: author.affiliation.as_deref().map(|name| NamedLink {
                name,
                url: author
                    .affiliation_page
                    .map(|i| self.link(&self.site.affiliations[i].url))
                    .unwrap_or_default(),
            }),
            photo: author.photo.as_deref().map(|p| self.written_link(p)),
            links: author
                .links
                .iter()
                .map(|(label, url)| LinkView {
                    label,
                    url: self.written_link(url),
                })
                .collect(),
            bio_html: self.bio(index),
            count: author.articles.len(),
        }
    }

    pub fn affiliation(&self, index: usize) -> TermView<'a> {
        let a = &self.site.affiliations[index];
        TermView {
            name: &a.name,
            url: self.link(&a.url),
            feed_url: self.link(&url::feed_of(&a.url)),
            count: a.articles.len(),
            author_count: a.authors.len(),
        }
    }

    pub fn topic(&self, index: usize) -> TermView<'a> {
        let t = &self.site.topics[index];
        TermView {
            name: &t.name,
            url: self.link(&t.url),
            feed_url: self.link(&url::feed_of(&t.url)),
            count: t.articles.len(),
            author_count: 0,
        }
    }

    /// The full view of an article, for its own page.
    pub fn article(&self, index: usize) -> ArticleView<'a> {
        let site = self.site;
        let article = &site.articles[index];
        // `previous` is the older piece, `next` the newer one.
        let neighbour = |i: usize| self.neighbour(i);
        let (y, m) = (article.date.year(), article.date.month());
        ArticleView {
            title: &article.title,
            url: self.link(&article.url),
            permalink: site.config.absolute_url(&article.url),
            summary: &article.summary,
            summary_derived: article.summary_derived,
            date: rfc3339(&article.date),
            date_display: date_display(&article.date),
            time_display: article.has_time.then(|| time_display(&article.date)),
            updated: article.updated.as_ref().map(rfc3339),
            updated_display: article.updated.as_ref().map(date_display),
            byline: self.byline(article),
            authors: article
                .byline
                .iter()
                .map(|b| self.author(b.author))
                .collect(),
            affiliations: self.written_at(article),
            topics: self.topics(article),
            month: self.named(archive::month_name(m), &url::month(y, m)),
            year: self.period(format!("{y:04}"), &url::year(y)),
            body_html: self.written_html(&article.body.html),
            word_count: article.body.word_count,
            reading_minutes: article.body.reading_minutes(),
            draft: article.draft,
            scheduled: self.site.embargo.holds(article),
            previous: site.articles.get(index + 1).map(|_| neighbour(index + 1)),
            next: index.checked_sub(1).map(neighbour),
            json_ld: schema::article(site, index),
            original: article.original.as_ref().map(original),
            corrections: article
                .corrections
                .iter()
                .map(|c| CorrectionView {
                    date: rfc3339(&c.date),
                    date_display: date_display(&c.date),
                    html: &c.html,
                })
                .collect(),
            corrected: article.corrected().map(rfc3339),
            corrected_display: article.corrected().map(date_display),
            modified: rfc3339(article.modified()),
            toc: article
                .toc()
                .into_iter()
                .map(|section| TocView {
                    id: &section.heading.id,
                    text: &section.heading.text,
                    children: section
                        .subsections
                        .iter()
                        .map(|h| TocView {
                            id: &h.id,
                            text: &h.text,
                            children: Vec::new(),
                        })
                        .collect(),
                })
                .collect(),
            series: self.series_part(index),
            related: self.cards(&article.related),
            image: article.image.as_ref().map(|image| ImageView {
                url: self.written_link(&image.url),
                permalink: site.config.absolute_written(&image.url),
                alt: &image.alt,
                credit: image.credit.as_deref(),
            }),
            cite: self.cite(article),
        }
    }

    fn cite(&self, article: &'a Article) -> CiteView<'a> {
        let names = cite::names(self.site, article);
        CiteView {
            authors: cite::author_list(&names),
            title: cite::title_sentence(&article.title),
            site: &self.site.config.title,
            date_display: date_display(&article.date),
            date: cite::scholar_date(article),
            names: names.into_iter().map(cite::inverted).collect(),
            permalink: self.site.config.absolute_url(&article.url),
            bib_url: self.link(&url::cite_bib(&article.url)),
            ris_url: self.link(&url::cite_ris(&article.url)),
        }
    }

    /// A link to article `index` by its title.
    fn neighbour(&self, index: usize) -> NeighbourView<'a> {
        let a = &self.site.articles[index];
        NeighbourView {
            title: &a.title,
            url: self.link(&a.url),
        }
    }

    /// Article `index`'s place in its series, if it is in one.
    fn series_part(&self, index: usize) -> Option<SeriesPartView<'a>> {
        let series = &self.site.series[self.site.articles[index].series?];
        let position = series.articles.iter().position(|&i| i == index)?;
        Some(SeriesPartView {
            name: &series.name,
            url: self.link(&series.url),
            part: position + 1,
            count: series.articles.len(),
            previous: position
                .checked_sub(1)
                .map(|p| self.neighbour(series.articles[p])),
            next: series
                .articles
                .get(position + 1)
                .map(|&i| self.neighbour(i)),
        })
    }

    /// Series `index`, for its page and the index of series.
    pub fn series(&self, index: usize) -> SeriesView<'a> {
        let series = &self.site.series[index];
        let date = |i: Option<&usize>| {
            i.map(|&i| date_display(&self.site.articles[i].date))
                .unwrap_or_default()
        };
        SeriesView {
            name: &series.name,
            url: self.link(&series.url),
            count: series.articles.len(),
            first_display: date(series.articles.first()),
            last_display: date(series.articles.last()),
        }
    }

    /// A standalone page's view, for its own page.
    pub fn standalone(&self, index: usize) -> StandaloneView<'a> {
        let page = &self.site.pages[index];
        StandaloneView {
            title: &page.title,
            url: self.link(&page.url),
            permalink: self.site.config.absolute_url(&page.url),
            summary: &page.summary,
            summary_derived: page.summary_derived,
            body_html: self.written_html(&page.body.html),
        }
    }

    /// Every affiliation an article was written under, once each, in byline order.
    fn written_at(&self, article: &'a Article) -> Vec<NamedLink<'a>> {
        let mut affiliations: Vec<NamedLink> = Vec::new();
        for i in article.byline.iter().filter_map(|b| b.affiliation) {
            let a = &self.site.affiliations[i];
            if !affiliations.iter().any(|x| x.name == a.name) {
                affiliations.push(self.named(&a.name, &a.url));
            }
        }
        affiliations
    }

    /// A year of the archive; with `cards`, each month lists its articles.
    pub fn year(&self, year: &'a archive::Year, cards: bool) -> YearView<'a> {
        YearView {
            name: format!("{:04}", year.year),
            year: year.year,
            url: self.link(&year.url),
            count: year.count(),
            months: year.months.iter().map(|m| self.month(m, cards)).collect(),
        }
    }

    /// A month of the archive; with `cards`, its articles.
    pub fn month(&self, month: &'a archive::Month, cards: bool) -> MonthView<'a> {
        MonthView {
            name: archive::month_name(month.month),
            number: month.month,
            year: month.year,
            year_url: self.link(&url::year(month.year)),
            title: month.title(),
            url: self.link(&month.url),
            count: month.articles.len(),
            articles: cards.then(|| self.cards(&month.articles)),
        }
    }

    /// A link to another year or month.
    pub fn period(&self, name: String, url: &str) -> PeriodView {
        PeriodView {
            name,
            url: self.link(url),
        }
    }
}

/// The view of a republished piece's original.
fn original(original: &Original) -> OriginalView<'_> {
    OriginalView {
        url: &original.url,
        publication: original.publication.as_deref(),
        name: original
            .publication
            .as_deref()
            .unwrap_or_else(|| url::host(&original.url)),
        date: original.date.as_ref().map(rfc3339),
        date_display: original.date.as_ref().map(date_display),
    }
}
