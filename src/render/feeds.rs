//! Atom feeds (RFC 4287): the site's newest articles, and each author's, topic's and
//! affiliation's.
//!
//! The XML itself comes from the `atom.xml` template, which a site may override; this
//! module decides what goes in: the newest `FEED_LENGTH` articles with full content, every
//! author, and `updated` set to the newest date in the feed, so the feed changes only when
//! its content does.

use serde::Serialize;

use crate::dates::{date_display, rfc3339};
use crate::model::{Site, url};
use crate::render::context::CorrectionView;

/// Entries per feed.
pub const FEED_LENGTH: usize = 20;

/// Stands in for `updated` in a feed with no entries, which Atom still requires.
const EPOCH: &str = "1970-01-01T00:00:00Z";

/// What the `atom.xml` template sees as `feed`.
#[derive(Serialize)]
pub struct FeedView<'a> {
    title: String,
    subtitle: &'a str,
    /// Absolute URL of the feed itself.
    self_url: String,
    /// Absolute URL of the HTML page the feed follows.
    alternate_url: String,
    id: String,
    updated: String,
    entries: Vec<EntryView<'a>>,
}

/// One entry of a feed.
#[derive(Serialize)]
pub struct EntryView<'a> {
    title: &'a str,
    permalink: String,
    id: String,
    published: String,
    updated: String,
    summary: &'a str,
    content_html: &'a str,
    authors: Vec<PersonView<'a>>,
    topics: Vec<&'a str>,
    /// Corrections on the record, oldest first, for the template to add to the content.
    corrections: Vec<CorrectionView<'a>>,
    /// Where a republished piece first ran (`<link rel="via">`).
    original_url: Option<&'a str>,
}

/// An author of an entry.
#[derive(Serialize)]
pub struct PersonView<'a> {
    name: &'a str,
    uri: String,
}

/// The site-wide feed, `/atom.xml`.
pub fn site_feed(site: &Site) -> FeedView<'_> {
    let indices: Vec<usize> = (0..site.articles.len().min(FEED_LENGTH)).collect();
    feed(
        site,
        site.config.title.clone(),
        &url::home(),
        &url::site_feed(),
        &indices,
    )
}

/// One author's feed, `/authors/{slug}/atom.xml`.
pub fn author_feed(site: &Site, author: usize) -> FeedView<'_> {
    let author = &site.authors[author];
    let indices = &author.articles[..author.articles.len().min(FEED_LENGTH)];
    feed(
        site,
        format!("{} · {}", author.name, site.config.title),
        &author.url,
        &url::feed_of(&author.url),
        indices,
    )
}

/// One topic's feed, `/tags/{slug}/atom.xml`.
pub fn topic_feed(site: &Site, topic: usize) -> FeedView<'_> {
    let topic = &site.topics[topic];
    let indices = &topic.articles[..topic.articles.len().min(FEED_LENGTH)];
    feed(
        site,
        format!("{} · {}", topic.name, site.config.title),
        &topic.url,
        &url::feed_of(&topic.url),
        indices,
    )
}

/// One affiliation's feed, `/affiliations/{slug}/atom.xml`: the pieces written under it.
pub fn affiliation_feed(site: &Site, affiliation: usize) -> FeedView<'_> {
    let affiliation = &site.affiliations[affiliation];
    let indices = &affiliation.articles[..affiliation.articles.len().min(FEED_LENGTH)];
    feed(
        site,
        format!("{} · {}", affiliation.name, site.config.title),
        &affiliation.url,
        &url::feed_of(&affiliation.url),
        indices,
    )
}

fn feed<'a>(
    site: &'a Site,
    title: String,
    page: &str,
    feed: &str,
    indices: &[usize],
) -> FeedView<'a> {
    let config = &site.config;
    let entries: Vec<EntryView> = indices
        .iter()
        .map(|&i| {
            let article = &site.articles[i];
            let permalink = config.absolute_url(&article.url);
            EntryView {
                title: &article.title,
                id: permalink.clone(),
                permalink,
                published: rfc3339(&article.date),
                updated: rfc3339(article.modified()),
                summary: &article.summary,
                content_html: &article.body.html,
                authors: article
                    .byline
                    .iter()
                    .map(|b| &site.authors[b.author])
                    .map(|a| PersonView {
                        name: &a.name,
                        uri: config.absolute_url(&a.url),
                    })
                    .collect(),
                topics: article
                    .topics
                    .iter()
                    .map(|&t| site.topics[t].name.as_str())
                    .collect(),
                corrections: article
                    .corrections
                    .iter()
                    .map(|c| CorrectionView {
                        date: rfc3339(&c.date),
                        date_display: date_display(&c.date),
                        html: &c.html,
                    })
                    .collect(),
                original_url: article.original.as_ref().map(|o| o.url.as_str()),
            }
        })
        .collect();
    let updated = indices
        .iter()
        .map(|&i| site.articles[i].modified())
        .max()
        .map_or_else(|| EPOCH.to_string(), rfc3339);
    FeedView {
        title,
        subtitle: &config.description,
        self_url: config.absolute_url(feed),
        alternate_url: config.absolute_url(page),
        id: config.absolute_url(feed),
        updated,
        entries,
    }
}
