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

// --- Lead and share images ------------------------------------------------------------

/// The `content` of the one `<meta>` matching `css`.
fn meta(page: &Page, css: &str) -> String {
    page.attr(&format!("head meta{css}"), "content")
}

const DEPTH: &str = "/2024/07/depth-and-its-price/";
const DEPTH_ALT: &str =
    "A bar chart: each metre of channel depth costs more to dredge than the one before";

#[test]
fn a_lead_image_is_shown_shared_and_described() {
    let site = SiteTest::fixture("reader/desk");
    site.build(&[]);

    let page = site.page(DEPTH);
    let img = page.one("figure.lead-image img");
    let src = img.value().attr("src").expect("a src");
    assert_eq!(src, "/notes/images/depth-chart.svg");
    assert!(site.exists(site_path(src)), "{src}");
    assert_eq!(img.value().attr("alt"), Some(DEPTH_ALT));
    assert_eq!(
        page.text("figure.lead-image figcaption.credit"),
        "Chart: Tidewater Notes & <the authors>",
        "the credit is escaped as text, not read as markup"
    );
    assert_eq!(
        page.select("figure.lead-image + nav.toc, figure.lead-image ~ .prose")
            .len(),
        1,
        "the figure leads the body"
    );
    assert_eq!(
        meta(&page, r#"[name="twitter:card"]"#),
        "summary_large_image"
    );
    assert_eq!(
        meta(&page, r#"[property="og:image"]"#),
        format!("{BASE}/images/depth-chart.svg")
    );
    assert_eq!(meta(&page, r#"[property="og:image:alt"]"#), DEPTH_ALT);

    let json = page.json_ld();
    assert_eq!(json["image"]["@type"], "ImageObject");
    assert_eq!(
        json["image"]["url"],
        format!("{BASE}/images/depth-chart.svg")
    );
    assert_eq!(json["image"]["description"], DEPTH_ALT);
    assert_eq!(
        json["image"]["creditText"],
        "Chart: Tidewater Notes & <the authors>"
    );
    // Each author's photo and web links, absolute.
    let people = json["author"].as_array().expect("authors");
    assert_eq!(people[0]["name"], "Anna van der Berg");
    assert_eq!(
        people[0]["image"],
        format!("{BASE}/images/anna-van-der-berg.svg")
    );
    assert_eq!(
        people[0]["sameAs"],
        serde_json::json!(["https://example.org/vanderberg"]),
        "a mail address is not a profile elsewhere"
    );
    assert_eq!(people[2]["name"], "Ḥasan al-Amin");
    assert_eq!(
        people[2]["sameAs"],
        serde_json::json!([format!("{BASE}/authors/hasan-al-amin/")])
    );
    assert!(people[1].get("image").is_none() && people[1].get("sameAs").is_none());

    // An image on another host is shared as written, and has no credit line.
    let tug = site.page("/2024/06/a-tariff-on-tugboats/");
    assert_eq!(
        meta(&tug, r#"[property="og:image"]"#),
        "https://cdn.example.org/tugboat-at-dawn.jpg"
    );
    assert_eq!(
        tug.attr("figure.lead-image img", "src"),
        "https://cdn.example.org/tugboat-at-dawn.jpg"
    );
    assert!(tug.select("figure.lead-image figcaption").is_empty());
    assert!(tug.json_ld()["image"].get("creditText").is_none());

    // Without an image: a small card, no image anywhere.
    let plain = site.page("/2024/03/silt-is-a-budget-line/");
    assert_eq!(meta(&plain, r#"[name="twitter:card"]"#), "summary");
    assert!(
        plain
            .select(r#"meta[property^="og:image"], figure.lead-image"#)
            .is_empty()
    );
    assert!(plain.json_ld().get("image").is_none());
    // Other pages have a small card too.
    assert_eq!(
        meta(&site.page("/tags/dredging/"), r#"[name="twitter:card"]"#),
        "summary"
    );
}

#[test]
fn a_portable_build_links_the_lead_image_from_disk_and_shares_it_absolute() {
    let site = SiteTest::fixture("reader/desk");
    site.build(&["--portable", "--output", "portable"]);
    let path = site
        .root()
        .join("portable/2024/07/depth-and-its-price/index.html");
    let page = Page::parse(DEPTH, &std::fs::read_to_string(&path).expect("the page"));
    let src = page.attr("figure.lead-image img", "src");
    assert_eq!(src, "../../../images/depth-chart.svg");
    assert!(
        path.parent().expect("a folder").join(&src).is_file(),
        "{src}"
    );
    assert_eq!(
        meta(&page, r#"[property="og:image"]"#),
        format!("{BASE}/images/depth-chart.svg")
    );
}

#[test]
fn bad_image_keys_are_errors_at_their_places() {
    let site = SiteTest::fixture("reader/desk");
    for (file, extra) in [
        ("a", "image = \"/images/depth-chart.svg\""),
        ("b", "image_alt = \"A chart\""),
        ("c", "image_credit = \"Chart: us\""),
        ("d", "image = \"javascript:alert(1)\"\nimage_alt = \"x\""),
        ("e", "image = \"mailto:a@example.org\"\nimage_alt = \"x\""),
        ("f", "image = \"chart.png\"\nimage_alt = \"x\""),
        ("g", "image = 5\nimage_alt = \"x\""),
        ("h", "image = \"/images/a.png\"\nimage_alt = \"\""),
        ("i", "imgae = \"/images/a.png\""),
    ] {
        site.file(
            &format!("content/2025/{file}.md"),
            &series_piece(&format!("Piece {file}"), "2025-02-02", extra),
        );
    }
    let run = site.build_fails(&[]);
    assert_eq!(
        run.diagnostics(),
        [
            "content/2025/a.md:5:1: `image` is given without `image_alt`",
            "content/2025/b.md:5:1: `image_alt` is given without `image`",
            "content/2025/c.md:5:1: `image_credit` is given without `image`",
            "content/2025/d.md:5:9: `image` \"javascript:alert(1)\" must be an http(s) URL or a path starting with `/`",
            "content/2025/e.md:5:9: `image` \"mailto:a@example.org\" must be an http(s) URL or a path starting with `/`",
            "content/2025/f.md:5:9: `image` \"chart.png\" must be an http(s) URL or a path starting with `/`",
            "content/2025/g.md:5:9: `image` must be a string, found a number",
            "content/2025/h.md:6:13: `image_alt` is empty",
            "content/2025/i.md:5:1: unknown key `imgae`",
        ],
        "{run}"
    );
    assert!(
        run.stderr.contains("for readers who cannot see it"),
        "{run}"
    );
    assert!(run.stderr.contains("did you mean `image`?"), "{run}");
}

#[test]
fn check_reports_a_missing_lead_image_at_its_key() {
    let site = SiteTest::fixture("reader/related");
    let path = "content/target.md";
    let text = std::fs::read_to_string(site.root().join(path)).expect("the fixture");
    site.file(
        path,
        &text.replace(
            "tags = ",
            "image = \"/images/missing.png\"\nimage_alt = \"A harbour at low tide\"\ntags = ",
        ),
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    let errors: Vec<&str> = run
        .diagnostics()
        .into_iter()
        .filter(|d| !d.contains(": warning: "))
        .collect();
    assert_eq!(
        errors,
        [
            "content/target.md:5:10: broken link \"/images/missing.png\": the site has no file images/missing.png"
        ],
        "{run}"
    );
}

// --- Cite this --------------------------------------------------------------------------

/// The tag lines of an RIS file, checked against the format's grammar: every line
/// `XX  - value` (two capitals or a capital and a digit, two spaces, a hyphen, a space)
/// ending in CR LF, one record from `TY` to `ER`.
fn ris_lines(text: &str) -> Vec<(String, String)> {
    assert!(
        text.ends_with("\r\n"),
        "CR LF after the last line: {text:?}"
    );
    let lines: Vec<(String, String)> = text
        .strip_suffix("\r\n")
        .unwrap_or(text)
        .split("\r\n")
        .map(|line| {
            let bytes = line.as_bytes();
            assert!(
                bytes.len() >= 6
                    && bytes[0].is_ascii_uppercase()
                    && (bytes[1].is_ascii_uppercase() || bytes[1].is_ascii_digit())
                    && &line[2..6] == "  - ",
                "not an RIS tag line: {line:?}"
            );
            assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
            (line[..2].to_string(), line[6..].to_string())
        })
        .collect();
    assert_eq!(lines.first(), Some(&("TY".into(), "ELEC".into())));
    assert_eq!(lines.last(), Some(&("ER".into(), String::new())));
    assert_eq!(
        lines.iter().filter(|(t, _)| t == "TY" || t == "ER").count(),
        2
    );
    lines
}

fn ris_values<'a>(lines: &'a [(String, String)], tag: &str) -> Vec<&'a str> {
    lines
        .iter()
        .filter(|(t, _)| t == tag)
        .map(|(_, v)| v.as_str())
        .collect()
}

/// Reads BibTeX files with Python's bibtexparser (2.x) and RIS files with rispy, and
/// prints what they found as JSON: for each BibTeX file its entries (type, key, fields,
/// and each author split into first, von, last and jr parts by bibtexparser's
/// `SplitNameParts`) and any block it could not parse; for each RIS file its records.
const READ_BACK: &str = r#"
import json, sys
import bibtexparser, rispy
from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts
out = []
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    if path.endswith(".bib"):
        lib = bibtexparser.parse_string(text, append_middleware=[SeparateCoAuthors(), SplitNameParts()])
        entries = []
        for e in lib.entries:
            fields = {f.key: f.value for f in e.fields if f.key != "author"}
            names = [[n.first, n.von, n.last, n.jr] for n in e["author"]]
            entries.append({"type": e.entry_type, "key": e.key, "fields": fields, "authors": names})
        out.append({"entries": entries, "failed": len(lib.failed_blocks)})
    else:
        out.append({"records": rispy.loads(text)})
print(json.dumps(out))
"#;

/// What bibtexparser and rispy read from `files` (site paths), or `None` when Python or
/// either package is missing outside CI (`.ci/run` installs them; in CI they must be there).
fn read_back(site: &SiteTest, files: &[String]) -> Option<serde_json::Value> {
    let paths: Vec<std::path::PathBuf> = files.iter().map(|f| site.output_file(f)).collect();
    let run = std::process::Command::new("python3")
        .arg("-c")
        .arg(READ_BACK)
        .args(&paths)
        .output();
    let in_ci = std::env::var("CI").is_ok_and(|v| v == "true");
    match run {
        Ok(out) if out.status.success() => {
            Some(serde_json::from_slice(&out.stdout).expect("the reader prints JSON"))
        }
        Ok(out)
            if !in_ci && String::from_utf8_lossy(&out.stderr).contains("ModuleNotFoundError") =>
        {
            eprintln!("bibtexparser or rispy is not installed; skipping the read-back outside CI");
            None
        }
        Err(e) if !in_ci => {
            eprintln!("python3 cannot be run ({e}); skipping the read-back outside CI");
            None
        }
        Ok(out) => panic!(
            "the BibTeX and RIS read-back failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => panic!("python3 is required in CI: {e}"),
    }
}

/// TeX's meaning of the escapes BibTeX fields hold: written here from TeX's definitions,
/// not from the code that writes them, so the two can disagree.
fn untex(text: &str) -> String {
    let mut out = text.to_string();
    for (escape, meaning) in [
        ("\\textbraceleft{}", "{"),
        ("\\textbraceright{}", "}"),
        ("\\textasciitilde{}", "~"),
        ("\\textasciicircum{}", "^"),
        ("\\textbackslash{}", "\\"),
        ("\\%", "%"),
        ("\\&", "&"),
        ("\\$", "$"),
        ("\\#", "#"),
        ("\\_", "_"),
    ] {
        out = out.replace(escape, meaning);
    }
    out
}

/// Fails unless every character TeX reads as markup is escaped in `field` (the text of a
/// BibTeX field, without its grouping braces): once the escapes are taken out, none is left.
fn assert_escaped(field: &str) {
    let mut rest = field.to_string();
    for escape in [
        "\\textbraceleft{}",
        "\\textbraceright{}",
        "\\textasciitilde{}",
        "\\textasciicircum{}",
        "\\textbackslash{}",
        "\\%",
        "\\&",
        "\\$",
        "\\#",
        "\\_",
    ] {
        rest = rest.replace(escape, "");
    }
    assert!(
        !rest.contains(['{', '}', '%', '&', '$', '#', '_', '~', '^', '\\']),
        "unescaped TeX in {field:?}"
    );
}

/// A name part as bibtexparser gives it (a list of words), its grouping braces removed.
fn name_part(words: &serde_json::Value) -> String {
    let words: Vec<String> = words
        .as_array()
        .expect("a list of words")
        .iter()
        .map(|w| w.as_str().expect("a word").to_string())
        .collect();
    let joined = words.join(" ");
    let unbraced = joined
        .strip_prefix('{')
        .and_then(|j| j.strip_suffix('}'))
        .unwrap_or(&joined);
    untex(unbraced)
}

#[test]
fn cite_this_gives_a_citation_scholar_meta_and_files_a_parser_reads_back() {
    let site = SiteTest::fixture("reader/desk");
    site.build(&[]);
    let page = site.page(DEPTH);
    let permalink = format!("{BASE}{DEPTH}");

    assert_eq!(
        page.text("section.cite p.citation"),
        format!(
            "van der Berg, Anna, José de la Cruz, Ḥasan al-Amin, and Zoë Ångström. “Depth and Its Price.” Tidewater Notes, July 7, 2024. {permalink}."
        )
    );
    assert_eq!(page.text("section.cite p.citation cite"), "Tidewater Notes");
    assert_eq!(page.href("section.cite p.citation a"), permalink);
    let names = [
        "van der Berg, Anna",
        "de la Cruz, José",
        "al-Amin, Ḥasan",
        "Ångström, Zoë",
    ];
    assert_eq!(
        meta(&page, r#"[name="citation_title"]"#),
        "Depth and Its Price"
    );
    assert_eq!(
        page.attrs(r#"head meta[name="citation_author"]"#, "content"),
        names
    );
    assert_eq!(
        meta(&page, r#"[name="citation_publication_date"]"#),
        "2024/07/07"
    );
    assert_eq!(meta(&page, r#"[name="citation_public_url"]"#), permalink);

    let files = page.links(".cite-files a");
    assert_eq!(
        files,
        [
            ("BibTeX".to_string(), format!("/notes{DEPTH}cite.bib")),
            ("RIS".to_string(), format!("/notes{DEPTH}cite.ris")),
        ]
    );
    let (bib, ris) = (format!("{DEPTH}cite.bib"), format!("{DEPTH}cite.ris"));

    let lines = ris_lines(&site.read(&ris));
    assert_eq!(ris_values(&lines, "AU"), names);
    assert_eq!(ris_values(&lines, "TI"), ["Depth and Its Price"]);
    assert_eq!(ris_values(&lines, "T2"), ["Tidewater Notes"]);
    assert_eq!(ris_values(&lines, "PY"), ["2024"]);
    assert_eq!(ris_values(&lines, "DA"), ["2024/07/07/"]);
    assert_eq!(ris_values(&lines, "UR"), [permalink.as_str()]);
    assert_eq!(ris_values(&lines, "KW"), ["Dredging", "Tariffs"]);

    let Some(read) = read_back(&site, &[bib, ris]) else {
        return;
    };
    let bib = &read[0];
    assert_eq!(bib["failed"], 0, "{bib}");
    let entries = bib["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 1, "{bib}");
    let entry = &entries[0];
    assert_eq!(entry["type"], "online");
    assert_eq!(entry["key"], "vanderberg2024depth");
    let fields = entry["fields"].as_object().expect("fields");
    let mut keys: Vec<&str> = fields.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["month", "organization", "title", "url", "year"],
        "and no access date"
    );
    assert_eq!(fields["title"], "{Depth and Its Price}");
    assert_eq!(
        (&fields["year"], &fields["month"]),
        (&"2024".into(), &"7".into())
    );
    assert_eq!(fields["url"], permalink.as_str());
    assert_eq!(fields["organization"], "Tidewater Notes");
    let authors: Vec<(String, String)> = entry["authors"]
        .as_array()
        .expect("authors")
        .iter()
        .map(|n| {
            assert_eq!(n[1], serde_json::json!([]), "no particle is split off: {n}");
            assert_eq!(n[3], serde_json::json!([]), "{n}");
            (name_part(&n[2]), name_part(&n[0]))
        })
        .collect();
    assert_eq!(
        authors,
        [
            ("van der Berg", "Anna"),
            ("de la Cruz", "José"),
            ("al-Amin", "Ḥasan"),
            ("Ångström", "Zoë")
        ]
        .map(|(f, g)| (f.to_string(), g.to_string()))
    );
    let record = &read[1]["records"][0];
    assert_eq!(record["type_of_reference"], "ELEC");
    assert_eq!(record["authors"], serde_json::json!(names));
    assert_eq!(record["title"], "Depth and Its Price");
    assert_eq!(record["urls"], serde_json::json!([permalink]));
}

#[test]
fn every_character_bibtex_reads_as_markup_comes_back_as_written() {
    let site = SiteTest::empty();
    site.file(
        "site.toml",
        "title = \"Notes & Queries #5: 100% {Ports}\"\nbase_url = \"https://example.org/~desk_notes\"\n",
    );
    site.file(
        "content/authors/mary-king.md",
        "+++\nname = \"Mary King\"\nsort_name = \"King, Mary, Jr.\"\n+++\nMary King writes about fees.\n",
    );
    let title = r#"50% of {Ports} & $3 #Fees_x ~ ^ \ "Quoted""#;
    site.file(
        "content/fees.md",
        &format!(
            "+++\ntitle = '{title}'\nslug = \"fees\"\ndate = 2025-03-04T10:00:00Z\nauthors = [\"Mary King\", \"Sam And Lee Park\", \"王小明\"]\nsummary = \"Fees,\\nline by line.\"\n+++\n\nThe fees are listed.\n"
        ),
    );
    site.build(&[]);
    let page = site.page("/2025/03/fees/");
    assert_eq!(meta(&page, r#"[name="citation_title"]"#), title);
    assert_eq!(
        page.attrs(r#"head meta[name="citation_author"]"#, "content"),
        ["King, Mary, Jr.", "Park, Sam And Lee", "王小明"]
    );
    let lines = ris_lines(&site.read("/2025/03/fees/cite.ris"));
    assert_eq!(ris_values(&lines, "TI"), [title]);
    assert_eq!(ris_values(&lines, "AB"), ["Fees, line by line."]);

    let bib_file = "/2025/03/fees/cite.bib".to_string();
    let Some(read) = read_back(&site, &[bib_file, "/2025/03/fees/cite.ris".into()]) else {
        return;
    };
    let bib = &read[0];
    assert_eq!(bib["failed"], 0, "{bib}");
    let entry = &bib["entries"][0];
    let title_field = entry["fields"]["title"].as_str().expect("a title");
    let inner = title_field
        .strip_prefix('{')
        .and_then(|t| t.strip_suffix('}'))
        .expect("a double-braced title");
    assert_escaped(inner);
    assert_eq!(untex(inner), title, "the title, escaped: {title_field}");
    let organization = entry["fields"]["organization"].as_str().expect("a site");
    assert_escaped(organization);
    assert_eq!(untex(organization), "Notes & Queries #5: 100% {Ports}");
    // The URL is percent-encoded where TeX would read it, and means the same address.
    assert_eq!(
        entry["fields"]["url"],
        "https://example.org/%7Edesk%5Fnotes/2025/03/fees/"
    );
    let authors: Vec<Vec<String>> = entry["authors"]
        .as_array()
        .expect("authors")
        .iter()
        .map(|n| (0..4).map(|i| name_part(&n[i])).collect())
        .collect();
    assert_eq!(
        authors,
        [
            ["Mary, Jr.", "", "King", ""],
            ["Sam {And} Lee", "", "Park", ""],
            ["", "", "王小明", ""],
        ]
        .map(|n| n.map(str::to_string).to_vec())
    );
    assert_eq!(read[1]["records"][0]["title"], title);
}

// --- Untrusted text in the new keys -----------------------------------------------------

#[test]
fn markup_in_series_names_and_image_text_lands_as_text() {
    let site = SiteTest::empty();
    site.file("site.toml", "base_url = \"https://example.org\"\n");
    let series = r#"</nav><script>alert("s")</script> & "Q""#;
    let alt = r#"A chart" onerror="alert(1)"><script>alert(2)</script>"#;
    let credit = "<img src=x onerror=alert(3)> & Co";
    for (slug, date) in [("one", "2025-01-01"), ("two", "2025-01-02")] {
        site.file(
            &format!("content/{slug}.md"),
            &format!(
                "+++\ntitle = \"Part {slug}\"\ndate = {date}\nauthor = \"Ana Ruiz\"\ntags = [\"ports\", \"harbors\", \"ports\"]\nseries = '{series}'\nimage = \"/chart.svg\"\nimage_alt = '{alt}'\nimage_credit = '{credit}'\n+++\n\nBody of part {slug}, long enough to read.\n"
            ),
        );
    }
    site.file(
        "static/chart.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.build(&[]);
    for url in ["/2025/01/part-one/", "/2025/01/part-two/"] {
        let page = site.page(url);
        assert!(
            page.select(
                "script:not([type=\"application/ld+json\"]), img[onerror], main img[src=\"x\"]"
            )
            .is_empty(),
            "{url}: nothing active"
        );
        assert_eq!(page.attr("figure.lead-image img", "alt"), alt);
        assert_eq!(page.text("figure.lead-image figcaption"), credit);
        assert_eq!(meta(&page, r#"[property="og:image:alt"]"#), alt);
        assert_eq!(page.text("nav.series > p a"), series);
        assert_eq!(page.json_ld()["isPartOf"]["name"], series);
        assert_eq!(page.json_ld()["image"]["description"], alt);
        // A topic written twice is one topic.
        assert_eq!(page.texts("nav.topics li"), ["ports", "harbors"]);
    }
    let listing = site.page("/series/");
    assert_eq!(listing.texts("a.directory-name"), [series]);
    assert!(listing.select("main script").is_empty());
    assert_eq!(
        site.page("/tags/ports/").texts("h2.card-title a"),
        ["Part two", "Part one"],
        "each piece listed once under its topic"
    );
}
