//! `/sitemap.xml` and `/robots.txt`.
//!
//! The sitemap lists every HTML page written except the 404 and search pages, each with the newest
//! date among the articles it shows (or its article's own date), so `lastmod` only moves
//! when a page's content does.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::dates::rfc3339;
use crate::model::{Site, url};
use crate::render::escape::escape;

/// One generated file that is not a template page (the sitemap, robots.txt).
pub struct Page {
    /// Site path such as `/sitemap.xml`.
    pub url: String,
    pub bytes: Vec<u8>,
}

/// Builds the sitemap from the URLs of every page.
pub fn sitemap(site: &Site, page_urls: &[String]) -> Page {
    let lastmods = lastmods(site);
    let mut urls: Vec<&str> = page_urls
        .iter()
        .map(String::as_str)
        .filter(|u| u.ends_with('/'))
        .collect();
    urls.sort_unstable();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for url in urls {
        let _ = write!(
            xml,
            "  <url><loc>{}</loc>",
            escape(&site.config.absolute_url(url))
        );
        if let Some(lastmod) = lastmod_of(url, &lastmods) {
            let _ = write!(xml, "<lastmod>{lastmod}</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    Page {
        url: url::sitemap(),
        bytes: xml.into_bytes(),
    }
}

/// `/robots.txt`, pointing crawlers at the sitemap.
pub fn robots(site: &Site) -> Page {
    let text = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.config.absolute_url(&url::sitemap())
    );
    Page {
        url: url::robots(),
        bytes: text.into_bytes(),
    }
}

/// The newest date shown on each listing's first page URL, and each article's own.
fn lastmods(site: &Site) -> BTreeMap<String, String> {
    let newest = |indices: &[usize]| {
        indices
            .iter()
            .map(|&i| site.articles[i].modified())
            .max()
            .map(rfc3339)
    };
    let mut map = BTreeMap::new();
    let mut put = |url: &str, date: Option<String>| {
        if let Some(date) = date {
            map.insert(url.to_string(), date);
        }
    };
    let all: Vec<usize> = (0..site.articles.len()).collect();
    for index in [
        url::home(),
        url::authors(),
        url::affiliations(),
        url::topics(),
        url::archive(),
    ] {
        put(&index, newest(&all));
    }
    for article in &site.articles {
        put(&article.url, Some(rfc3339(article.modified())));
    }
    for author in &site.authors {
        put(&author.url, newest(&author.articles));
    }
    for affiliation in &site.affiliations {
        put(&affiliation.url, newest(&affiliation.articles));
    }
    for topic in &site.topics {
        put(&topic.url, newest(&topic.articles));
    }
    let in_series: Vec<usize> = site
        .series
        .iter()
        .flat_map(|s| s.articles.clone())
        .collect();
    put(&url::series_index(), newest(&in_series));
    for series in &site.series {
        put(&series.url, newest(&series.articles));
    }
    for year in &site.years {
        put(&year.url, newest(&year.articles().collect::<Vec<_>>()));
        for month in &year.months {
            put(&month.url, newest(&month.articles));
        }
    }
    map
}

/// A paginated page (`…/page/3/`) takes the date of its listing.
fn lastmod_of<'a>(url: &str, lastmods: &'a BTreeMap<String, String>) -> Option<&'a str> {
    if let Some(date) = lastmods.get(url) {
        return Some(date);
    }
    let base = url
        .trim_end_matches('/')
        .rsplit_once("/page/")
        .map(|(base, _)| format!("{base}/"))?;
    lastmods.get(&base).map(String::as_str)
}
