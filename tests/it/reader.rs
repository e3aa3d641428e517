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

// --- Series ----------------------------------------------------------------------------

const DEPTHS: [(&str, &str); 3] = [
    (
        "Dredging the Outer Channel",
        "/2024/01/dredging-the-outer-channel/",
    ),
    (
        "Who Pays for the Sediment",
        "/2024/02/who-pays-for-the-sediment/",
    ),
    ("Silt Is a Budget Line", "/2024/03/silt-is-a-budget-line/"),
];

/// A link as (text, site path).
type Link = Option<(String, String)>;

/// (part line, previous part's link, next part's link) of an article page.
fn series_box(page: &Page) -> (String, Link, Link) {
    let link = |css: &str| {
        page.links(css)
            .into_iter()
            .next()
            .map(|(text, href)| (text, site_path(&href).to_string()))
    };
    let line = page.text("nav.series > p");
    assert_eq!(page.text(".article-header .series-part"), line);
    (
        line,
        link("nav.series .series-previous a"),
        link("nav.series .series-next a"),
    )
}

fn part(index: usize) -> Link {
    DEPTHS
        .get(index)
        .map(|(title, url)| (title.to_string(), url.to_string()))
}

#[test]
fn a_series_lists_its_parts_oldest_first_and_each_part_links_its_neighbours() {
    let site = SiteTest::fixture("reader/desk");
    site.build(&[]);

    let page = site.page("/series/harbor-depths/");
    assert_eq!(page.text("h1.page-title"), "Harbor Depths");
    let parts: Vec<(String, String)> = page
        .links(".series-parts h2.card-title a")
        .into_iter()
        .map(|(t, h)| (t, site_path(&h).to_string()))
        .collect();
    let expected: Vec<(String, String)> = (0..3).filter_map(part).collect();
    assert_eq!(parts, expected, "oldest first");
    assert_eq!(page.texts(".series-number"), ["Part 1", "Part 2", "Part 3"]);
    assert_eq!(
        site_path(&page.href(".kicker a")),
        "/series/",
        "the series page leads to the index of series"
    );
    let index = site.page("/series/");
    assert_eq!(
        index.links("a.directory-name"),
        [(
            "Harbor Depths".to_string(),
            "/notes/series/harbor-depths/".to_string()
        )]
    );

    for (n, (_, url)) in DEPTHS.iter().enumerate() {
        let article = site.page(url);
        let (line, previous, next) = series_box(&article);
        assert_eq!(line, format!("Part {} of 3 in Harbor Depths", n + 1));
        assert_eq!(
            previous,
            n.checked_sub(1).and_then(part),
            "{url}: previous part"
        );
        assert_eq!(next, part(n + 1), "{url}: next part");
        assert_eq!(
            site_path(&article.href("nav.series > p a")),
            "/series/harbor-depths/"
        );
        let json = article.json_ld();
        assert_eq!(json["isPartOf"]["@type"], "CreativeWorkSeries");
        assert_eq!(json["isPartOf"]["name"], "Harbor Depths");
        assert_eq!(
            json["isPartOf"]["url"],
            format!("{BASE}/series/harbor-depths/")
        );
        assert_eq!(json["position"], n + 1);
    }
    // A piece outside any series says nothing of one.
    let other = site.page("/2024/06/a-tariff-on-tugboats/");
    assert!(other.select("nav.series, .series-part").is_empty());
    assert!(other.json_ld().get("isPartOf").is_none());

    let sitemap = site.read("/sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).expect("the sitemap is XML");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    for url in ["/series/", "/series/harbor-depths/"] {
        assert!(locs.contains(&format!("{BASE}{url}").as_str()), "{url}");
    }
}

#[test]
fn series_part_places_a_piece_and_the_others_fill_in_by_date() {
    let site = SiteTest::fixture("reader/desk");
    // The newest piece is written as the opening part.
    let path = "content/2024/silt-is-a-budget-line.md";
    let text = std::fs::read_to_string(site.root().join(path)).expect("the fixture");
    site.file(
        path,
        &text.replace(
            "series = \"Harbor Depths\"\n",
            "series = \"Harbor Depths\"\nseries_part = 1\n",
        ),
    );
    site.build(&[]);
    let page = site.page("/series/harbor-depths/");
    assert_eq!(
        page.texts(".series-parts h2.card-title a"),
        [DEPTHS[2].0, DEPTHS[0].0, DEPTHS[1].0]
    );
    let (line, previous, next) = series_box(&site.page(DEPTHS[0].1));
    assert_eq!(line, "Part 2 of 3 in Harbor Depths");
    assert_eq!(previous, part(2));
    assert_eq!(next, part(1));
    assert_eq!(series_box(&site.page(DEPTHS[2].1)).1, None);
}

#[test]
fn a_site_without_series_has_no_series_pages() {
    let site = SiteTest::fixture("reader/desk");
    for path in [
        "content/2024/dredging-the-outer-channel.md",
        "content/2024/who-pays-for-the-sediment.md",
        "content/2024/silt-is-a-budget-line.md",
    ] {
        let text = std::fs::read_to_string(site.root().join(path)).expect("the fixture");
        site.file(path, &text.replace("series = \"Harbor Depths\"\n", ""));
    }
    site.build(&[]);
    assert!(!site.exists("/series/"));
    assert!(!site.exists("/series/harbor-depths/"));
}

fn series_piece(name: &str, date: &str, extra: &str) -> String {
    format!(
        "+++\ntitle = \"{name}\"\ndate = {date}\nauthor = \"Zoë Ångström\"\n{extra}\nsummary = \"A short note on {name}, for the tests.\"\n+++\n\nA short note on {name}.\n"
    )
}

#[test]
fn bad_series_keys_are_errors_at_their_places() {
    let site = SiteTest::fixture("reader/desk");
    for (file, name, extra) in [
        ("b", "Low Water", "series_part = 2"),
        ("c", "Neap Tides", "series = \"Tides\"\nseries_part = 0"),
        (
            "d",
            "Spring Tides",
            "series = \"Tides\"\nseries_part = \"two\"",
        ),
        ("g", "Slack", "serie = \"Currents\""),
    ] {
        site.file(
            &format!("content/2025/{file}.md"),
            &series_piece(name, "2025-01-02", extra),
        );
    }
    let run = site.build_fails(&[]);
    assert_eq!(
        run.diagnostics(),
        [
            "content/2025/b.md:5:1: `series_part` is given without `series`",
            "content/2025/c.md:6:15: `series_part` must be a whole number from 1 up, found 0",
            "content/2025/d.md:6:15: `series_part` must be a whole number from 1 up, found a string",
            "content/2025/g.md:5:1: unknown key `serie`",
        ],
        "{run}"
    );
    assert!(run.stderr.contains("did you mean `series`?"), "{run}");
    assert!(!site.exists("/"), "nothing is written");
}

#[test]
fn two_series_at_one_slug_and_two_parts_in_one_place_are_errors_naming_both() {
    let site = SiteTest::fixture("reader/desk");
    site.file(
        "content/2025/a.md",
        &series_piece("Tide Tables", "2025-01-01", "series = \"Harbor depths!\""),
    );
    site.file(
        "content/2025/e.md",
        &series_piece(
            "Ebb",
            "2025-01-05",
            "series = \"Currents\"\nseries_part = 1",
        ),
    );
    site.file(
        "content/2025/f.md",
        &series_piece(
            "Flood",
            "2025-01-06",
            "series = \"Currents\"\nseries_part = 1",
        ),
    );
    let run = site.build_fails(&[]);
    assert_eq!(
        run.diagnostics(),
        [
            "content/2024/dredging-the-outer-channel.md:7:10: series \"Harbor Depths\" and \"Harbor depths!\" (content/2025/a.md:5:10) would share the URL slug `harbor-depths`",
            "content/2024/silt-is-a-budget-line.md:7:10: series \"Harbor Depths\" and \"Harbor depths!\" (content/2025/a.md:5:10) would share the URL slug `harbor-depths`",
            "content/2024/who-pays-for-the-sediment.md:7:10: series \"Harbor Depths\" and \"Harbor depths!\" (content/2025/a.md:5:10) would share the URL slug `harbor-depths`",
            "content/2025/f.md:6:15: part 1 of the series \"Currents\" is also content/2025/e.md",
        ],
        "{run}"
    );
    assert!(!site.exists("/"), "nothing is written");
}

#[test]
fn check_finds_no_broken_link_on_the_desk_and_warns_of_a_series_of_one_part() {
    let site = SiteTest::fixture("reader/desk");
    let run = site.run(&["check"]);
    run.assert_code(0);
    assert!(run.diagnostics().is_empty(), "{run}");

    site.file(
        "content/2025/a.md",
        &series_piece("Tide Tables", "2025-01-01", "series = \"Harbour Depths\""),
    );
    let run = site.run(&["check"]);
    run.assert_code(0);
    assert_eq!(
        run.diagnostics(),
        ["content/2025/a.md:5:1: warning: the series \"Harbour Depths\" has only this part"],
        "{run}"
    );
}

// --- Related pieces ---------------------------------------------------------------------

/// The related pieces an article page shows, as (title, URL), best first; `None` when the
/// page has no related block at all.
fn related_of(page: &Page) -> Option<Vec<(String, String)>> {
    let asides = page.select("aside.related");
    if asides.is_empty() {
        return None;
    }
    assert_eq!(asides.len(), 1, "{}: one related block", page.url);
    Some(page.links("aside.related a.related-title"))
}

fn titled(titles: &[&str]) -> Vec<String> {
    titles.iter().map(|t| t.to_string()).collect()
}

#[test]
fn related_pieces_weigh_rare_topics_then_authors_then_dates() {
    let site = SiteTest::fixture("reader/related");
    site.build(&[]);
    let related = |url: &str| -> Option<Vec<String>> {
        let page = site.page(url);
        let found = related_of(&page)?;
        for (_, href) in &found {
            assert!(site.exists(href), "{url}: {href} is a page");
            assert_ne!(href, url, "{url} is never related to itself");
        }
        Some(found.into_iter().map(|(title, _)| title).collect())
    };
    // "silt" is on two pieces, "harbors" on five: the rare topic wins over a shared
    // author, the shared author over nearness, and of two pieces five days away the newer
    // comes first (the site's order).
    assert_eq!(
        related("/2024/06/target-piece/"),
        Some(titled(&["Rare Match", "Author Match", "Later Match"]))
    );
    // Sharing an author outranks being nearer in date.
    assert_eq!(
        related("/2024/06/near-match/"),
        Some(titled(&["Later Match", "Far Match", "Target Piece"]))
    );
    // A shared author alone does not make a piece related: only the one sharing a topic.
    assert_eq!(
        related("/2020/01/rare-match/"),
        Some(titled(&["Target Piece"]))
    );
    // Nothing shared, nothing shown, however near in date.
    assert_eq!(related("/2024/06/unrelated/"), None);
}

#[test]
fn related_pieces_are_the_same_in_every_build() {
    let site = SiteTest::fixture("reader/desk");
    site.build(&[]);
    let first = site.tree("public");
    let pages = site.pages();
    site.build(&[]);
    assert_eq!(first, site.tree("public"), "two builds, byte for byte");
    let mut shown = 0;
    for (url, page) in &pages {
        if page.select("article.article").is_empty() {
            continue;
        }
        if let Some(related) = related_of(page) {
            assert!(related.len() <= 3, "{url}: {related:?}");
            assert!(related.iter().all(|(_, href)| site_path(href) != url));
            shown += 1;
        }
    }
    assert_eq!(
        shown, 5,
        "every piece of the desk shares a topic with another"
    );
    let depth = site.page("/2024/07/depth-and-its-price/");
    assert_eq!(
        related_of(&depth)
            .unwrap_or_default()
            .into_iter()
            .map(|(t, _)| t)
            .collect::<Vec<_>>(),
        // Tariffs is on two pieces, Dredging on four: the tariff piece first; the three
        // Dredging pieces share one author each with it, so the nearest two in date.
        [
            "A Tariff on Tugboats",
            "Silt Is a Budget Line",
            "Who Pays for the Sediment",
        ]
    );
}
