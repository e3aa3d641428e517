//! Links across the whole sample site (the repository's own `content/`, built into a
//! temporary folder): no broken internal link or fragment anywhere, the header on every
//! page, and the links every article owes its reader (issue 3, "Navigation").

use std::collections::BTreeSet;

use crate::harness::{SiteTest, resolve, url_of};

/// The sample site's `base_url`.
const BASE: &str = "https://longview.example.org";

/// Every internal `href` or `src` in the site's pages (and every link back into the site
/// in its feeds) that points to no file, or to an `id` its target page does not have.
fn broken_links(site: &SiteTest, base: &str) -> (usize, Vec<String>) {
    let files = site.tree("public");
    let pages = site.pages();
    let mut broken = Vec::new();
    let mut checked = 0;
    for (url, page) in &pages {
        for attribute in ["href", "src"] {
            for value in page.attrs(&format!("[{attribute}]"), attribute) {
                let Some((path, fragment)) = resolve(url, &value, base) else {
                    continue;
                };
                checked += 1;
                if !files.contains_key(&path) {
                    broken.push(format!("{url}: {attribute}={value:?} → no file {path}"));
                    continue;
                }
                let Some(fragment) = fragment.filter(|f| !f.is_empty()) else {
                    continue;
                };
                match pages.get(&url_of(&path)) {
                    Some(target) if target.ids().contains(&fragment) => {}
                    Some(_) => broken.push(format!("{url}: {value:?} → no id {fragment:?}")),
                    None => broken.push(format!("{url}: {value:?} → a fragment of a non-page")),
                }
            }
        }
    }
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with("atom.xml")) {
        let xml = String::from_utf8_lossy(bytes);
        let doc = roxmltree::Document::parse(&xml).expect("a feed is XML");
        for node in doc.descendants() {
            let target = match node.tag_name().name() {
                "link" => node.attribute("href"),
                "uri" | "id" => node.text(),
                _ => None,
            };
            if let Some((file, _)) = target.and_then(|t| resolve("/", t, base)) {
                checked += 1;
                if !files.contains_key(&file) {
                    broken.push(format!("{path}: {target:?} → no file {file}"));
                }
            }
        }
    }
    (checked, broken)
}

#[test]
fn every_internal_link_and_fragment_in_the_sample_site_resolves() {
    let site = SiteTest::sample();
    site.build(&[]);
    let (checked, broken) = broken_links(&site, BASE);
    assert!(checked > 1000, "only {checked} links were checked");
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

#[test]
fn the_link_walker_finds_a_missing_page_and_a_missing_fragment() {
    let site = SiteTest::empty();
    site.file(
        "content/walk.md",
        "+++\ntitle = \"Walk\"\ndate = 2025-04-01\nauthor = \"Ines Duarte\"\n+++\n\nSee [nowhere](/nowhere/), [a bad note](#no-such-note), [the archive](/archive/) and [up](../../).\n",
    );
    site.build(&[]);
    let (_, broken) = broken_links(&site, "http://localhost");
    assert_eq!(
        broken,
        [
            "/2025/04/walk/: href=\"/nowhere/\" → no file nowhere/index.html",
            "/2025/04/walk/: \"#no-such-note\" → no id \"no-such-note\"",
        ]
    );
}

#[test]
fn every_page_header_reaches_every_section() {
    let site = SiteTest::sample();
    site.build(&[]);
    let pages = site.pages();
    assert!(pages.len() > 50);
    for (url, page) in &pages {
        assert_eq!(page.href("header.site-header a.site-title"), "/", "{url}");
        assert_eq!(
            page.links("header.site-header nav a"),
            [
                ("Latest".into(), "/".into()),
                ("Authors".into(), "/authors/".into()),
                ("Affiliations".into(), "/affiliations/".into()),
                ("Topics".into(), "/tags/".into()),
                ("Archive".into(), "/archive/".into()),
                ("About The Long View".into(), "/about/".into()),
            ],
            "{url}"
        );
        // The section a page belongs to is marked for assistive technology.
        let kind = page
            .attr("body", "class")
            .strip_prefix("kind-")
            .unwrap_or_default()
            .to_string();
        let current = match kind.as_str() {
            "home" => vec!["/"],
            "authors" | "author" => vec!["/authors/"],
            "affiliations" | "affiliation" => vec!["/affiliations/"],
            "topics" | "topic" => vec!["/tags/"],
            "archive" | "year" | "month" => vec!["/archive/"],
            // A standalone page in the navigation is its own section (issue 12).
            "page" => vec![url.as_str()],
            _ => vec![],
        };
        assert_eq!(
            page.attrs(r#"header.site-header nav a[aria-current="page"]"#, "href"),
            current,
            "{url} ({kind})"
        );
    }
}

#[test]
fn every_article_links_its_authors_affiliations_topics_and_month() {
    let site = SiteTest::sample();
    site.build(&[]);
    let pages = site.pages();
    let local = |url: &serde_json::Value| {
        let url = url.as_str().expect("a URL string");
        url.strip_prefix(BASE)
            .unwrap_or_else(|| panic!("{url} is not on the site"))
            .to_string()
    };
    let mut articles = 0;
    for (url, page) in pages
        .iter()
        .filter(|(_, p)| !p.select("body.kind-article").is_empty())
    {
        articles += 1;
        let ld = page.json_ld();
        let authors = ld["author"].as_array().expect("authors");
        let hrefs: BTreeSet<String> = page.attrs("a[href]", "href").into_iter().collect();

        let author_urls: Vec<String> = authors.iter().map(|a| local(&a["url"])).collect();
        assert!(!author_urls.is_empty(), "{url}");
        assert_eq!(
            page.attrs("p.byline a.author", "href"),
            author_urls,
            "{url}"
        );
        for person in authors {
            assert!(
                page.texts("p.byline a.author").contains(
                    &person["name"]
                        .as_str()
                        .expect("a name")
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
                "{url}"
            );
            if person.get("affiliation").is_some() {
                let affiliation = local(&person["affiliation"]["url"]);
                assert!(
                    page.attrs("p.filed a", "href").contains(&affiliation),
                    "{url}: the footer does not name {affiliation}"
                );
            }
        }

        let keywords: Vec<&str> = ld["keywords"]
            .as_array()
            .expect("keywords")
            .iter()
            .filter_map(|k| k.as_str())
            .collect();
        let topics = page.links("nav.topics a");
        assert_eq!(
            topics.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(),
            keywords,
            "{url}"
        );
        for (_, href) in &topics {
            assert!(href.starts_with("/tags/"), "{url}: {href}");
        }

        // The month the piece is filed under is the month of its date, in the site's zone.
        let date = ld["datePublished"].as_str().expect("a date");
        let month = format!("/{}/{}/", &date[..4], &date[5..7]);
        assert_eq!(
            page.attrs("p.filed a", "href").first(),
            Some(&month),
            "{url}"
        );
        assert!(url.starts_with(&month), "{url} is not under {month}");
        assert!(hrefs.contains(&month));
    }
    assert!(articles >= 15, "only {articles} articles in the sample");
}
