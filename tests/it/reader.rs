//! What readers of commentary expect (issue 13): feeds per topic and per affiliation,
//! series, related pieces, lead and share images, and "Cite this" with its BibTeX and RIS
//! files. Most cases build `tests/it/reader/desk/`, a small port-economics desk whose
//! authors' names have particles and accents, on a site served under a path
//! (`https://tidewater.example.org/notes`).

use crate::harness::{Page, SiteTest};

const BASE: &str = "https://tidewater.example.org/notes";
const ATOM: &str = "http://www.w3.org/2005/Atom";

/// The site path of a link the desk's pages print (served under `/notes`).
fn site_path(href: &str) -> &str {
    href.strip_prefix(BASE)
        .or_else(|| href.strip_prefix("/notes"))
        .unwrap_or_else(|| panic!("{href} is not a link into the site"))
}

// --- Feeds per topic and per affiliation --------------------------------------------

/// What a test needs of an Atom feed, read with roxmltree.
struct Feed {
    title: String,
    self_url: String,
    alternate_url: String,
    /// (title, alternate link, author names) of each entry, in feed order.
    entries: Vec<(String, String, Vec<String>)>,
}

impl Feed {
    fn parse(xml: &str) -> Feed {
        let doc = roxmltree::Document::parse(xml).expect("the feed is XML");
        let root = doc.root_element();
        assert!(root.has_tag_name((ATOM, "feed")), "an Atom feed");
        let text = |node: roxmltree::Node, name: &str| -> String {
            let found: Vec<_> = node
                .children()
                .filter(|n| n.has_tag_name((ATOM, name)))
                .collect();
            assert_eq!(found.len(), 1, "one <{name}>");
            found[0].text().unwrap_or_default().to_string()
        };
        let link = |node: roxmltree::Node, rel: &str| -> String {
            node.children()
                .find(|n| n.has_tag_name((ATOM, "link")) && n.attribute("rel") == Some(rel))
                .and_then(|n| n.attribute("href"))
                .unwrap_or_else(|| panic!("a link rel={rel}"))
                .to_string()
        };
        assert!(!text(root, "id").is_empty() && !text(root, "updated").is_empty());
        let entries = root
            .children()
            .filter(|n| n.has_tag_name((ATOM, "entry")))
            .map(|e| {
                assert!(!text(e, "id").is_empty());
                let authors = e
                    .children()
                    .filter(|n| n.has_tag_name((ATOM, "author")))
                    .map(|a| text(a, "name"))
                    .collect();
                (text(e, "title"), link(e, "alternate"), authors)
            })
            .collect();
        Feed {
            title: text(root, "title"),
            self_url: link(root, "self"),
            alternate_url: link(root, "alternate"),
            entries,
        }
    }

    fn titles(&self) -> Vec<&str> {
        self.entries.iter().map(|(t, _, _)| t.as_str()).collect()
    }
}

/// The feed a page announces in its `<head>`, followed to its file and parsed.
fn announced_feed(site: &SiteTest, page: &Page) -> Feed {
    let feeds = page.attrs(
        r#"head link[rel="alternate"][type="application/atom+xml"]"#,
        "href",
    );
    // The site's feed, then the page's own.
    assert_eq!(feeds.len(), 2, "{}: {feeds:?}", page.url);
    assert_eq!(feeds[0], "/notes/atom.xml");
    let feed = Feed::parse(&site.read(site_path(&feeds[1])));
    assert_eq!(site_path(&feed.self_url), site_path(&feeds[1]));
    assert_eq!(site_path(&feed.alternate_url), page.url);
    feed
}

#[test]
fn each_topic_and_affiliation_has_a_feed_its_page_links() {
    let site = SiteTest::fixture("reader/desk");
    site.build(&[]);

    let topic = site.page("/tags/dredging/");
    let feed = announced_feed(&site, &topic);
    assert_eq!(feed.title, "Dredging · Tidewater Notes");
    assert_eq!(
        feed.titles(),
        [
            "Depth and Its Price",
            "Silt Is a Budget Line",
            "Who Pays for the Sediment",
            "Dredging the Outer Channel",
        ],
        "every piece on the topic, newest first"
    );
    assert_eq!(
        feed.entries[0].2,
        [
            "Anna van der Berg",
            "José de la Cruz",
            "Ḥasan al-Amin",
            "Zoë Ångström"
        ],
        "a co-authored entry names every author in byline order"
    );
    for (_, link, _) in &feed.entries {
        assert!(link.starts_with(BASE), "{link} is absolute");
        assert!(site.exists(site_path(link)), "{link}");
    }
    // The page also links its feed where a reader sees it.
    assert_eq!(
        site_path(&topic.href("a.feed-link")),
        site_path(&feed.self_url)
    );

    let affiliation = site.page("/affiliations/delta-works-institute/");
    let feed = announced_feed(&site, &affiliation);
    assert_eq!(feed.title, "Delta Works Institute · Tidewater Notes");
    assert_eq!(
        feed.titles(),
        [
            "Depth and Its Price",
            "Who Pays for the Sediment",
            "Dredging the Outer Channel",
        ],
        "the pieces written under the affiliation, newest first"
    );

    let tariffs = Feed::parse(&site.read("/tags/tariffs/atom.xml"));
    assert_eq!(
        tariffs.titles(),
        ["Depth and Its Price", "A Tariff on Tugboats"]
    );
    let forum = Feed::parse(&site.read("/affiliations/gulf-trade-forum/atom.xml"));
    assert_eq!(
        forum.titles(),
        ["Depth and Its Price", "A Tariff on Tugboats"]
    );
}
