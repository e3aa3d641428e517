//! schema.org JSON-LD for an article's page: an `OpinionNewsArticle` with its authors,
//! their affiliations at the time of writing and the publisher, so search engines and
//! readers' tools see who wrote what, where. Every URL in it is absolute, whatever the
//! page's links are.
//!
//! Issue 12 adds the record of a piece's life. Corrections are `correction` items of type
//! `CorrectionComment`, each with `datePublished` and `text`, and move `dateModified`. A
//! republished piece says where it first ran with `isBasedOn`, a `CreativeWork` with the
//! original's `url`, `datePublished` and `publisher`: `sameAs` would carry the URL alone,
//! and the publication and date are the point of the record. The canonical link of the page
//! points at the original too.
//!
//! The fields are declared in the order of their names, so the JSON comes out with its
//! keys sorted, as a reader diffing two builds expects.

use serde::Serialize;

use crate::dates::rfc3339;
use crate::model::{Site, url};
use crate::safe_url;

#[derive(Serialize)]
struct OpinionNewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    author: Vec<Person<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    correction: Vec<CorrectionComment<'a>>,
    #[serde(rename = "dateModified")]
    date_modified: String,
    #[serde(rename = "datePublished")]
    date_published: String,
    description: &'a str,
    headline: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<ImageObject<'a>>,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    #[serde(rename = "isBasedOn", skip_serializing_if = "Option::is_none")]
    is_based_on: Option<CreativeWork<'a>>,
    #[serde(rename = "isPartOf", skip_serializing_if = "Option::is_none")]
    is_part_of: Option<CreativeWorkSeries<'a>>,
    keywords: Vec<&'a str>,
    #[serde(rename = "mainEntityOfPage")]
    main_entity_of_page: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<usize>,
    publisher: Organization<'a>,
    url: String,
    #[serde(rename = "wordCount")]
    word_count: usize,
}

#[derive(Serialize)]
struct Person<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    affiliation: Option<Organization<'a>>,
    /// The profile's photo.
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    #[serde(rename = "jobTitle", skip_serializing_if = "Option::is_none")]
    job_title: Option<&'a str>,
    name: &'a str,
    /// The profile's web links: the same person elsewhere.
    #[serde(rename = "sameAs", skip_serializing_if = "Vec::is_empty")]
    same_as: Vec<String>,
    url: String,
    #[serde(rename = "worksFor", skip_serializing_if = "Option::is_none")]
    works_for: Option<Organization<'a>>,
}

#[derive(Serialize)]
struct CorrectionComment<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "datePublished")]
    date_published: String,
    text: &'a str,
}

/// Where a republished piece first ran.
#[derive(Serialize)]
struct CreativeWork<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<Publication<'a>>,
    url: &'a str,
}

/// A publication known by name only (the original's, which has no page here).
#[derive(Serialize)]
struct Publication<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

/// A lead image (issue 13).
#[derive(Serialize)]
struct ImageObject<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "creditText", skip_serializing_if = "Option::is_none")]
    credit_text: Option<&'a str>,
    /// Its alt text: what it shows.
    description: &'a str,
    url: String,
}

/// The series an article is a part of (issue 13).
#[derive(Serialize)]
struct CreativeWorkSeries<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
}

#[derive(Serialize, Clone)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
}

/// The JSON-LD of article `index`, safe to place inside a `<script>` element.
pub fn article(site: &Site, index: usize) -> String {
    let config = &site.config;
    let article = &site.articles[index];
    let organization = |name, path: &str| Organization {
        kind: "Organization",
        name,
        url: config.absolute_url(path),
    };
    let author = article
        .byline
        .iter()
        .map(|b| {
            let author = &site.authors[b.author];
            let affiliation = b.affiliation.map(|i| {
                let a = &site.affiliations[i];
                organization(&a.name, &a.url)
            });
            Person {
                kind: "Person",
                works_for: affiliation.clone(),
                affiliation,
                image: author.photo.as_deref().map(|p| config.absolute_written(p)),
                same_as: author
                    .links
                    .iter()
                    .filter(|(_, url)| safe_url::kind(url) != safe_url::Kind::Mail)
                    .map(|(_, url)| config.absolute_written(url))
                    .collect(),
                job_title: author.role.as_deref(),
                name: &author.name,
                url: config.absolute_url(&author.url),
            }
        })
        .collect();
    let permalink = config.absolute_url(&article.url);
    let series = article.series.map(|s| &site.series[s]);
    let value = OpinionNewsArticle {
        context: "https://schema.org",
        kind: "OpinionNewsArticle",
        author,
        correction: article
            .corrections
            .iter()
            .map(|c| CorrectionComment {
                kind: "CorrectionComment",
                date_published: rfc3339(&c.date),
                text: &c.text,
            })
            .collect(),
        date_modified: rfc3339(article.modified()),
        date_published: rfc3339(&article.date),
        description: &article.summary,
        headline: &article.title,
        image: article.image.as_ref().map(|image| ImageObject {
            kind: "ImageObject",
            description: &image.alt,
            credit_text: image.credit.as_deref(),
            url: config.absolute_written(&image.url),
        }),
        in_language: &config.language,
        is_based_on: article.original.as_ref().map(|o| CreativeWork {
            kind: "CreativeWork",
            date_published: o.date.as_ref().map(rfc3339),
            publisher: o.publication.as_deref().map(|name| Publication {
                kind: "Organization",
                name,
            }),
            url: &o.url,
        }),
        is_part_of: series.map(|s| CreativeWorkSeries {
            kind: "CreativeWorkSeries",
            name: &s.name,
            url: config.absolute_url(&s.url),
        }),
        keywords: article
            .topics
            .iter()
            .map(|&t| site.topics[t].name.as_str())
            .collect(),
        main_entity_of_page: permalink.clone(),
        position: series.and_then(|s| s.articles.iter().position(|&i| i == index).map(|p| p + 1)),
        publisher: organization(&config.title, &url::home()),
        url: permalink,
        word_count: article.body.word_count,
    };
    script_safe_json(&serde_json::to_string(&value).unwrap_or_default())
}

/// JSON that cannot end a `<script>` element or open a comment: `<`, `>` and `&` are written
/// as `\u` escapes, which every JSON reader reads back as the same characters.
pub fn script_safe_json(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_cannot_close_a_script() {
        let json = serde_json::to_string(&[("headline", "</script><!-- & ")]).unwrap();
        let safe = script_safe_json(&json);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: Vec<(String, String)> = serde_json::from_str(&safe).unwrap();
        assert_eq!(back[0].1, "</script><!-- & ");
    }
}
