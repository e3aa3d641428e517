//! What templates see: serializable views of the model, built once and shared.
//!
//! Templates never see the model itself, so the model can change without breaking a theme;
//! the README documents every field here. Every URL in a view is ready to print: a path
//! from the server root (with the base URL's path in front) or, where it says `permalink`,
//! an absolute URL. Article cards, which most pages list, are built once per build and
//! shared between pages (Tera values are reference-counted, so sharing is cheap).

use std::sync::OnceLock;

use jiff::ZonedDateTime;
use serde::Serialize;
use tera::Value;

use crate::model::{Article, Site, archive, url};

/// A link to a named thing: an author, affiliation, topic or period.
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
    pub bio_html: &'a str,
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
    pub year: NamedLink<'a>,
    /// Safe HTML.
    pub body_html: &'a str,
    pub word_count: usize,
    pub reading_minutes: usize,
    pub draft: bool,
    pub previous: Option<NeighbourView<'a>>,
    pub next: Option<NeighbourView<'a>>,
    /// JSON, safe inside `<script>`.
    pub json_ld: String,
}

/// A neighbouring article or period.
#[derive(Serialize)]
pub struct NeighbourView<'a> {
    pub title: &'a str,
    pub url: String,
}

/// Builds views for one site.
pub struct Views<'a> {
    pub site: &'a Site,
    base_path: &'a str,
    /// Every article's card, in site order, each built the first time a page lists it: a
    /// preview that renders three pages builds three pages' worth.
    cards: Vec<OnceLock<Value>>,
    /// For each affiliation, links to the authors who wrote under it: built once, since
    /// every page of a long affiliation listing shows them.
    pub affiliation_authors: Vec<Value>,
}

impl<'a> Views<'a> {
    pub fn new(site: &'a Site) -> Self {
        let mut views = Views {
            site,
            base_path: site.config.base_path(),
            cards: Vec::new(),
            affiliation_authors: Vec::new(),
        };
        views.cards = (0..site.articles.len()).map(|_| OnceLock::new()).collect();
        views.affiliation_authors = site
            .affiliations
            .iter()
            .map(|a| {
                let links: Vec<NamedLink> = a
                    .authors
                    .iter()
                    .map(|&i| NamedLink {
                        name: &site.authors[i].name,
                        url: views.link(&site.authors[i].url),
                    })
                    .collect();
                Value::from_serializable(&links)
            })
            .collect();
        views
    }

    /// The card of article `index`, for listings.
    pub fn card_value(&self, index: usize) -> Value {
        self.cards[index]
            .get_or_init(|| Value::from_serializable(&self.card(index)))
            .clone()
    }

    /// A site path ready to print in an `href`.
    pub fn link(&self, url: &str) -> String {
        format!("{}{}", self.base_path, url)
    }

    /// The `site` value every template sees.
    pub fn site_value(&self) -> Value {
        let config = &self.site.config;
        Value::from_serializable(&serde_json::json!({
            "title": config.title,
            "description": config.description,
            "base_url": config.base_url,
            "base_path": self.base_path,
            "language": config.language,
            "timezone": config.timezone_name,
            "feed_url": self.link(&url::site_feed()),
            "updated": self.site.updated().map(rfc3339),
        }))
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
                        NamedLink {
                            name: &a.name,
                            url: self.link(&a.url),
                        }
                    }),
                }
            })
            .collect()
    }

    fn topics(&self, article: &'a Article) -> Vec<NamedLink<'a>> {
        article
            .topics
            .iter()
            .map(|&i| {
                let t = &self.site.topics[i];
                NamedLink {
                    name: &t.name,
                    url: self.link(&t.url),
                }
            })
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
            photo: author.photo.as_deref().map(|p| {
                if p.starts_with('/') {
                    self.link(p)
                } else {
                    p.to_string()
                }
            }),
            links: author
                .links
                .iter()
                .map(|(label, url)| LinkView {
                    label,
                    url: if url.starts_with('/') {
                        self.link(url)
                    } else {
                        url.clone()
                    },
                })
                .collect(),
            bio_html: &author.bio_html,
            count: author.articles.len(),
        }
    }

    pub fn affiliation(&self, index: usize) -> TermView<'a> {
        let a = &self.site.affiliations[index];
        TermView {
            name: &a.name,
            url: self.link(&a.url),
            count: a.articles.len(),
            author_count: a.authors.len(),
        }
    }

    pub fn topic(&self, index: usize) -> TermView<'a> {
        let t = &self.site.topics[index];
        TermView {
            name: &t.name,
            url: self.link(&t.url),
            count: t.articles.len(),
            author_count: 0,
        }
    }

    /// The full view of an article, for its own page.
    pub fn article(&self, index: usize) -> Value {
        let site = self.site;
        let article = &site.articles[index];
        // `previous` is the older piece, `next` the newer one.
        let neighbour = |i: usize| {
            let a = &site.articles[i];
            NeighbourView {
                title: &a.title,
                url: self.link(&a.url),
            }
        };
        let previous = site.articles.get(index + 1).map(|_| neighbour(index + 1));
        let next = index.checked_sub(1).map(neighbour);
        let mut affiliations: Vec<NamedLink> = Vec::new();
        for b in &article.byline {
            if let Some(i) = b.affiliation {
                let a = &site.affiliations[i];
                if !affiliations.iter().any(|x| x.name == a.name) {
                    affiliations.push(NamedLink {
                        name: &a.name,
                        url: self.link(&a.url),
                    });
                }
            }
        }
        let (y, m) = (article.date.year(), article.date.month());
        let month = NamedLink {
            name: archive::month_name(m),
            url: self.link(&url::month(y, m)),
        };
        let authors: Vec<AuthorView> = article
            .byline
            .iter()
            .map(|b| self.author(b.author))
            .collect();
        let view = ArticleView {
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
            authors,
            affiliations,
            topics: self.topics(article),
            month,
            year: NamedLink {
                name: &format!("{y:04}"),
                url: self.link(&url::year(y)),
            },
            body_html: &article.body.html,
            word_count: article.body.word_count,
            reading_minutes: article.body.reading_minutes(),
            draft: article.draft,
            previous,
            next,
            json_ld: self.json_ld(index),
        };
        Value::from_serializable(&view)
    }

    /// schema.org `OpinionNewsArticle` as JSON, safe to place inside a `<script>` element.
    pub fn json_ld(&self, index: usize) -> String {
        let site = self.site;
        let article = &site.articles[index];
        let authors: Vec<serde_json::Value> = article
            .byline
            .iter()
            .map(|b| {
                let author = &site.authors[b.author];
                let mut person = serde_json::json!({
                    "@type": "Person",
                    "name": author.name,
                    "url": site.config.absolute_url(&author.url),
                });
                if let Some(role) = &author.role {
                    person["jobTitle"] = role.as_str().into();
                }
                if let Some(i) = b.affiliation {
                    let org = serde_json::json!({ "@type": "Organization", "name": site.affiliations[i].name, "url": site.config.absolute_url(&site.affiliations[i].url) });
                    person["affiliation"] = org.clone();
                    person["worksFor"] = org;
                }
                person
            })
            .collect();
        let value = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "OpinionNewsArticle",
            "headline": article.title,
            "description": article.summary,
            "url": site.config.absolute_url(&article.url),
            "mainEntityOfPage": site.config.absolute_url(&article.url),
            "datePublished": rfc3339(&article.date),
            "dateModified": rfc3339(article.modified()),
            "wordCount": article.body.word_count,
            "keywords": article.topics.iter().map(|&t| site.topics[t].name.as_str()).collect::<Vec<_>>(),
            "author": authors,
            "publisher": { "@type": "Organization", "name": site.config.title, "url": site.config.absolute_url(&url::home()) },
            "inLanguage": site.config.language,
        });
        script_safe_json(&value.to_string())
    }
}

/// JSON that cannot end a `<script>` element or open a comment: `<`, `>` and `&` are written
/// as `\u` escapes, which every JSON reader reads back as the same characters.
pub fn script_safe_json(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// RFC 3339 with the site's offset, e.g. `2025-08-16T08:00:00-04:00`.
pub fn rfc3339(date: &ZonedDateTime) -> String {
    date.timestamp()
        .display_with_offset(date.offset())
        .to_string()
}

/// "August 16, 2025", in the site's time zone.
pub fn date_display(date: &ZonedDateTime) -> String {
    crate::dates::long_date(date.date())
}

/// "8:00 a.m. EDT".
pub fn time_display(date: &ZonedDateTime) -> String {
    let (hour, minute) = (date.hour(), date.minute());
    let (h12, half) = match hour {
        0 => (12, "a.m."),
        1..=11 => (hour, "a.m."),
        12 => (12, "p.m."),
        _ => (hour - 12, "p.m."),
    };
    let zone = jiff::fmt::strtime::format("%Z", date).unwrap_or_default();
    format!("{h12}:{minute:02} {half} {zone}")
        .trim_end()
        .to_string()
}

/// A period link for the archive pages.
pub fn year_view(year: &archive::Year, views: &Views) -> serde_json::Value {
    serde_json::json!({
        "name": format!("{:04}", year.year),
        "year": year.year,
        "url": views.link(&year.url),
        "count": year.count(),
        "months": year.months.iter().map(|m| month_view(m, views)).collect::<Vec<_>>(),
    })
}

/// A month of the archive, without its articles.
pub fn month_view(month: &archive::Month, views: &Views) -> serde_json::Value {
    serde_json::json!({
        "name": archive::month_name(month.month),
        "number": month.month,
        "year": month.year,
        "title": format!("{} {:04}", archive::month_name(month.month), month.year),
        "url": views.link(&month.url),
        "count": month.articles.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_cannot_close_a_script() {
        let json = serde_json::json!({ "headline": "</script><!-- & " }).to_string();
        let safe = script_safe_json(&json);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["headline"], "</script><!-- & ");
    }

    #[test]
    fn times_read_like_a_dateline() {
        let tz = jiff::tz::TimeZone::get("America/New_York").unwrap();
        let at = |s: &str| {
            s.parse::<jiff::civil::DateTime>()
                .unwrap()
                .to_zoned_datetime(tz.clone())
                .unwrap()
        };
        assert_eq!(time_display(&at("2025-08-16T08:00")), "8:00 a.m. EDT");
        assert_eq!(time_display(&at("2025-12-16T00:05")), "12:05 a.m. EST");
        assert_eq!(time_display(&at("2025-12-16T12:30")), "12:30 p.m. EST");
        assert_eq!(date_display(&at("2025-08-06T08:00")), "August 6, 2025");
        assert_eq!(
            rfc3339(&at("2025-08-16T08:00")),
            "2025-08-16T08:00:00-04:00"
        );
    }
}
