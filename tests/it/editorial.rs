//! The editorial life of a piece (issue 12): standalone pages, embargoes, republished
//! pieces, corrections, moved URLs, featured pieces, the `base_url` warning, topics written
//! in several ways, and `author` with `authors`. Each rule has a fixture site under
//! `tests/it/editorial/`, built by the real binary; pages are read with scraper, JSON-LD
//! with serde_json, feeds and the sitemap with roxmltree.

use std::collections::BTreeSet;

use crate::harness::{Page, SiteTest};

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// Every `<loc>` of a sitemap.
fn sitemap_locs(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).expect("the sitemap parses");
    doc.descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text().map(str::to_string))
        .collect()
}

/// The hrefs of every link inside `<main>` of every HTML page, by page URL.
fn main_links(site: &SiteTest) -> Vec<(String, String)> {
    site.pages()
        .into_iter()
        .flat_map(|(url, page)| {
            page.attrs("main a", "href")
                .into_iter()
                .map(move |href| (url.clone(), href))
        })
        .collect()
}

/// The `alternate` link of every entry of an Atom feed.
fn feed_links(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).expect("the feed parses");
    doc.descendants()
        .filter(|n| n.has_tag_name((ATOM, "entry")))
        .flat_map(|entry| entry.children().filter(|c| c.has_tag_name((ATOM, "link"))))
        .filter(|link| link.attribute("rel") == Some("alternate"))
        .filter_map(|link| link.attribute("href").map(str::to_string))
        .collect()
}

// --- Standalone pages --------------------------------------------------------------------

#[test]
fn pages_are_in_the_header_and_the_sitemap_but_in_no_listing() {
    let site = SiteTest::fixture("editorial/pages");
    site.build(&[]);

    let about = site.page("/about/");
    assert_eq!(about.text("main h1"), "About Harbour Notes");
    assert_eq!(
        about.text("main .dek"),
        "Who we are and how we choose what to publish."
    );
    assert_eq!(
        about.links("main .prose a"),
        [("our contact page".to_string(), "/contact/".to_string())]
    );
    assert_eq!(
        about.attr(r#"link[rel="canonical"]"#, "href"),
        "https://notes.example.org/about/"
    );
    assert!(
        about
            .select(r#"script[type="application/ld+json"]"#)
            .is_empty(),
        "a page is not an article: no article JSON-LD"
    );
    assert_eq!(about.attr("body", "class"), "kind-page");
    // A page in a folder of its own is still at its slug; YAML front matter reads alike.
    assert_eq!(site.page("/colophon/").text("main h1"), "Colophon");
    assert_eq!(
        site.page("/contact/").text("main h1"),
        "Contact the editors"
    );

    // The header lists pages with `nav = true`, lightest first, after the sections, on
    // every page; the page itself is marked current.
    let nav_tail = |page: &Page| page.links(".site-nav a")[5..].to_vec();
    let expected = [
        ("Contact the editors".to_string(), "/contact/".to_string()),
        ("About Harbour Notes".to_string(), "/about/".to_string()),
    ];
    for (url, page) in site.pages() {
        if url != "/404.html" {
            assert_eq!(nav_tail(&page), expected, "{url}");
        }
    }
    assert_eq!(
        about.attrs(".site-nav a[aria-current]", "href"),
        ["/about/"]
    );

    let locs = sitemap_locs(&site.read("/sitemap.xml"));
    for url in ["/about/", "/contact/", "/colophon/"] {
        let loc = format!("https://notes.example.org{url}");
        assert!(locs.contains(&loc), "{loc} is in the sitemap");
    }

    // No listing, feed or archive names a page: the only links to them inside `<main>`
    // are the one a page's own body makes.
    let pages: BTreeSet<&str> = ["/about/", "/contact/", "/colophon/"].into();
    let to_pages: Vec<(String, String)> = main_links(&site)
        .into_iter()
        .filter(|(_, href)| pages.contains(href.as_str()))
        .collect();
    assert_eq!(to_pages, [("/about/".to_string(), "/contact/".to_string())]);
    for feed in ["/atom.xml", "/authors/ines-moor/atom.xml"] {
        let links = feed_links(&site.read(feed));
        assert_eq!(links.len(), 2, "{feed} holds the two articles only");
        assert!(links.iter().all(|l| l.contains("/2025/")), "{links:?}");
    }
    assert_eq!(
        site.page("/2025/").texts("main .card-title a"),
        [
            "Dredging Is a Budget Line, Not a Miracle",
            "Why Harbour Pilots Still Matter"
        ]
    );
}

#[test]
fn a_page_at_a_taken_url_is_an_error_naming_both_files() {
    // Two pages with one slug: the heavier page is reported, naming the lighter one.
    let site = SiteTest::fixture("editorial/pages");
    site.file(
        "content/pages/about-us.md",
        "+++\ntitle = \"About us\"\nslug = \"about\"\n+++\nOld text.\n",
    );
    let run = site.build_fails(&[]);
    assert_eq!(
        run.diagnostics(),
        [
            "content/pages/about.md:4:8: URL /about/ is also the URL of content/pages/about-us.md:3:8"
        ],
        "{run}"
    );

    // A page and an article: the page is reported, naming the article.
    let site = SiteTest::fixture("editorial/pages");
    site.file("site.toml", "permalink = \"/{slug}/\"\n");
    site.file(
        "content/2025/about.md",
        "+++\ntitle = \"About\"\ndate = 2025-01-01\nauthor = \"Ines Moor\"\n+++\nText.\n",
    );
    let run = site.build_fails(&[]);
    assert_eq!(
        run.diagnostics(),
        ["content/pages/about.md:4:8: URL /about/ is also the URL of content/2025/about.md:2:9"],
        "{run}"
    );

    // A page over a page the site makes: the page's key is blamed, whichever comes first.
    let site = SiteTest::fixture("editorial/pages");
    site.file(
        "content/pages/contact.md",
        "+++\ntitle = \"Contact\"\nslug = \"authors\"\n+++\n",
    );
    site.file(
        "content/pages/masthead/colophon.md",
        "+++\ntitle = \"Colophon\"\nslug = \"2025\"\n+++\n",
    );
    let run = site.build_fails(&[]);
    assert_eq!(
        run.diagnostics(),
        [
            "content/pages/contact.md:3:8: URL /authors/ is also the URL of the page templates/authors.html makes",
            "content/pages/masthead/colophon.md:3:8: URL /2025/ is also the URL of the page templates/year.html makes",
        ],
        "{run}"
    );
    assert!(!site.exists("/"), "nothing was written");
}

#[test]
fn page_front_matter_is_checked_like_the_rest() {
    let site = SiteTest::fixture("editorial/pages");
    site.file(
        "content/pages/contact.md",
        "+++\ntitel = \"Contact\"\nnav = \"yes\"\nauthor = \"Ines Moor\"\n+++\n",
    );
    let run = site.build_fails(&[]);
    assert_eq!(
        run.diagnostics(),
        [
            "content/pages/contact.md:2:1: unknown key `titel`",
            "content/pages/contact.md:3:7: `nav` must be true or false, found a string",
            "content/pages/contact.md:4:1: unknown key `author`",
        ],
        "{run}"
    );
    assert!(run.stderr.contains("did you mean `title`?"), "{run}");
}

#[test]
fn check_follows_the_links_of_a_page_to_their_line() {
    let site = SiteTest::fixture("editorial/pages");
    site.file(
        "content/pages/contact.md",
        "+++\ntitle = \"Contact\"\n+++\n\nSee [the masthead](/masthead/) or [about](/about/).\n",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert_eq!(
        run.diagnostics(),
        [
            "content/pages/contact.md:5:20: broken link \"/masthead/\": the site has no file masthead/index.html"
        ],
        "{run}"
    );
}

// --- Embargo ------------------------------------------------------------------------------

/// What a held piece leaves in the output if it leaks anywhere: its title, a phrase of its
/// body or summary, its URL, its author or topic page.
const HELD: &[&str] = &[
    "What the Harbour Budget Leaves Out",
    "Embargoed-body-marker",
    "Embargoed analysis",
    "what-the-harbour-budget-leaves-out",
    "A Summer Timetable for Island Buses",
    "Summer-body-marker",
    "a-summer-timetable-for-island-buses",
    "Mira Santos",
    "mira-santos",
    "/tags/budgets/",
    "/2025/07/",
];

#[test]
fn an_embargoed_piece_is_in_no_output_file_until_its_moment() {
    let site = SiteTest::fixture("editorial/embargo");
    let run = site.build(&["--now", "2025-06-01"]);
    assert_eq!(
        run.stdout.lines().nth(1),
        Some(
            "held back 2 pieces dated in the future; the next, content/2025/budget-day.md, is due 2025-06-10T06:00:00-04:00"
        ),
        "{run}"
    );
    let tree = site.tree("public");
    for (path, bytes) in &tree {
        let text = String::from_utf8_lossy(bytes);
        for held in HELD {
            assert!(!text.contains(held), "{path} shows {held:?}");
        }
    }
    assert!(!site.exists("/2025/06/what-the-harbour-budget-leaves-out/"));
    assert!(!site.exists("/authors/mira-santos/"));
    assert!(!site.exists("/tags/budgets/"));
    assert!(!site.exists("/2025/07/"));
    assert_eq!(
        site.page("/").texts("main .card-title a"),
        ["Ferry Fares Should Follow the Tide Tables"]
    );
    assert_eq!(feed_links(&site.read("/atom.xml")).len(), 1);
    assert_eq!(
        sitemap_locs(&site.read("/sitemap.xml"))
            .iter()
            .filter(|l| l.contains("/2025/"))
            .count(),
        3,
        "the year, the month and the one published piece"
    );

    // At its moment (any date form front matter accepts; the same instant in UTC) the first
    // piece is out, and the line names the next.
    for now in ["June 10, 2025 - 6:00am", "2025-06-10T10:00:00Z"] {
        let run = site.build(&["--now", now]);
        assert_eq!(
            run.stdout.lines().nth(1),
            Some(
                "held back 1 piece dated in the future; the next, content/2025/summer-timetable.md, is due 2025-07-01T07:00:00-04:00"
            ),
            "{run}"
        );
        let page = site.page("/2025/06/what-the-harbour-budget-leaves-out/");
        assert!(
            page.select(".badge-scheduled").is_empty(),
            "a piece that is out is not marked"
        );
        assert!(site.exists("/tags/budgets/"));
        assert!(!site.exists("/authors/mira-santos/"));
    }

    // Once every moment has passed, nothing is held and no line says so.
    let run = site.build(&["--now", "2025-07-02"]);
    assert_eq!(run.stdout.lines().count(), 1, "{run}");
    assert!(site.exists("/authors/mira-santos/"));
}

#[test]
fn future_includes_embargoed_pieces_marked_scheduled() {
    let site = SiteTest::fixture("editorial/embargo");
    let run = site.build(&["--future", "--now", "2025-06-01"]);
    assert_eq!(run.stdout.lines().count(), 1, "nothing held: {run}");
    let home = site.page("/");
    assert_eq!(
        home.texts("main .card-title a"),
        [
            "A Summer Timetable for Island Buses",
            "What the Harbour Budget Leaves Out",
            "Ferry Fares Should Follow the Tide Tables"
        ]
    );
    assert_eq!(
        home.texts("main .card-title .badge-scheduled"),
        ["Scheduled", "Scheduled"]
    );
    let page = site.page("/2025/06/what-the-harbour-budget-leaves-out/");
    assert_eq!(
        page.attr(".draft-banner time", "datetime"),
        "2025-06-10T06:00:00-04:00"
    );
    assert_eq!(feed_links(&site.read("/atom.xml")).len(), 3);
    assert!(
        sitemap_locs(&site.read("/sitemap.xml"))
            .contains(&"https://quay.example.org/authors/mira-santos/".to_string())
    );
}

#[test]
fn two_builds_at_one_moment_are_byte_identical() {
    let site = SiteTest::fixture("editorial/embargo");
    for args in [
        &["--now", "2025-06-01"][..],
        &["--future", "--now", "2025-06-01"],
    ] {
        let mut first = vec!["--output", "first"];
        first.extend_from_slice(args);
        let mut second = vec!["--output", "second"];
        second.extend_from_slice(args);
        site.build(&first);
        std::thread::sleep(std::time::Duration::from_millis(1100));
        site.build(&second);
        assert_eq!(site.tree("first"), site.tree("second"), "{args:?}");
    }
}

#[test]
fn check_says_what_the_embargo_holds_and_what_future_publishes_early() {
    let site = SiteTest::fixture("editorial/embargo");
    let run = site.run(&["check", "--now", "2025-06-01"]);
    run.assert_code(0);
    let warnings: Vec<&str> = run
        .diagnostics()
        .into_iter()
        .filter(|d| d.contains("in the future"))
        .collect();
    assert_eq!(
        warnings,
        [
            "content/2025/budget-day.md:3:1: warning: dated 2025-06-10T06:00:00-04:00, in the future: `build` holds it back until then",
            "content/2025/summer-timetable.md:3:1: warning: dated 2025-07-01T07:00:00-04:00, in the future: `build` holds it back until then",
        ],
        "{run}"
    );
    let run = site.run(&["check", "--future", "--now", "2025-06-20"]);
    let warnings: Vec<&str> = run
        .diagnostics()
        .into_iter()
        .filter(|d| d.contains("in the future"))
        .collect();
    assert_eq!(
        warnings,
        [
            "content/2025/summer-timetable.md:3:1: warning: dated 2025-07-01T07:00:00-04:00, in the future: published now only because of `--future`"
        ],
        "{run}"
    );
}

#[test]
fn a_bad_now_is_an_error_and_nothing_is_written() {
    let site = SiteTest::fixture("editorial/embargo");
    let run = site.build_fails(&["--now", "June 31, 2025"]);
    assert_eq!(run.diagnostics().len(), 1, "{run}");
    assert!(
        run.diagnostic()
            .starts_with("--now:1:1: `--now` is not a valid date: "),
        "{run}"
    );
    assert!(!site.exists("/"));
}

#[test]
fn a_link_to_an_embargoed_piece_is_broken_until_its_moment() {
    let site = SiteTest::fixture("editorial/embargo");
    site.file(
        "content/2025/out-already.md",
        &std::fs::read_to_string(site.root().join("content/2025/out-already.md"))
            .expect("the fixture's piece")
            .replace(
            "without adding a boat.",
            "without adding a boat. See [the budget](/2025/06/what-the-harbour-budget-leaves-out/).",
        ),
    );
    let run = site.run(&["check", "--now", "2025-06-01"]);
    run.assert_code(1);
    let errors: Vec<&str> = run
        .diagnostics()
        .into_iter()
        .filter(|d| !d.contains("warning:"))
        .collect();
    assert_eq!(
        errors,
        [
            "content/2025/out-already.md:10:78: broken link \"/2025/06/what-the-harbour-budget-leaves-out/\": it leads to content/2025/budget-day.md, which `build` holds back until 2025-06-10T06:00:00-04:00"
        ],
        "{run}"
    );
    site.run(&["check", "--now", "2025-06-10 06:00"])
        .assert_code(0);
}

#[test]
fn without_now_the_clock_decides() {
    let site = SiteTest::fixture("editorial/embargo");
    site.file(
        "content/2025/far-off.md",
        "+++\ntitle = \"A Bridge for 2999\"\ndate = 2999-01-01\nauthor = \"Rafe Collins\"\n+++\nLater.\n",
    );
    let run = site.build(&[]);
    assert_eq!(
        run.stdout.lines().nth(1),
        Some(
            "held back 1 piece dated in the future; the next, content/2025/far-off.md, is due 2999-01-01T00:00:00-05:00"
        ),
        "{run}"
    );
    assert!(site.exists("/2025/06/what-the-harbour-budget-leaves-out/"));
    assert!(!site.exists("/2999/01/a-bridge-for-2999/"));
}

// --- Republished pieces ------------------------------------------------------------------

#[test]
fn a_republished_piece_points_its_canonical_at_the_original() {
    let site = SiteTest::fixture("editorial/record");
    site.build(&[]);
    let original = "https://www.coastpost.example.com/opinion/2025/02/ferries-bus-network";
    let page = site.page("/2025/02/ferries-are-part-of-the-bus-network/");
    assert_eq!(page.attr(r#"link[rel="canonical"]"#, "href"), original);
    assert_eq!(page.attr(r#"meta[property="og:url"]"#, "content"), original);
    assert_eq!(
        page.text("main .original"),
        "This piece first appeared in The Coast Post on February 11, 2025."
    );
    assert_eq!(
        page.links("main .original a"),
        [("The Coast Post".to_string(), original.to_string())]
    );
    assert_eq!(
        page.attr("main .original time", "datetime"),
        "2025-02-11T06:00:00+01:00"
    );
    let json = page.json_ld();
    assert_eq!(
        json["isBasedOn"],
        serde_json::json!({
            "@type": "CreativeWork",
            "datePublished": "2025-02-11T06:00:00+01:00",
            "publisher": { "@type": "Organization", "name": "The Coast Post" },
            "url": original,
        })
    );
    // The page itself is still this site's, as JSON-LD and the feed say.
    assert_eq!(
        json["url"],
        "https://ledger.example.org/2025/02/ferries-are-part-of-the-bus-network/"
    );
    let feed = site.read("/atom.xml");
    let doc = roxmltree::Document::parse(&feed).expect("the feed parses");
    let via: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((ATOM, "link")) && n.attribute("rel") == Some("via"))
        .filter_map(|n| n.attribute("href"))
        .collect();
    assert_eq!(
        via,
        [
            original,
            "https://regional-review.example.net/2025/01/bridge-tolls"
        ]
    );

    // With only a URL, the line names its host and no date.
    let page = site.page("/2025/01/bridge-tolls-should-end-at-dusk/");
    assert_eq!(
        page.text("main .original"),
        "This piece first appeared in regional-review.example.net."
    );
    assert_eq!(
        page.json_ld()["isBasedOn"],
        serde_json::json!({
            "@type": "CreativeWork",
            "url": "https://regional-review.example.net/2025/01/bridge-tolls",
        })
    );
    // A piece that ran here first is its own canonical and says nothing of the kind.
    let page = site.page("/2025/04/the-tourist-levy-pays-for-the-wrong-things/");
    assert!(page.select("main .original").is_empty());
    assert_eq!(
        page.attr(r#"link[rel="canonical"]"#, "href"),
        "https://ledger.example.org/2025/04/the-tourist-levy-pays-for-the-wrong-things/"
    );
    assert!(page.json_ld().get("isBasedOn").is_none());
}

#[test]
fn a_bad_original_is_an_error_at_its_place() {
    let site = SiteTest::fixture("editorial/record");
    site.file(
        "content/2025/tolls.md",
        "+++\ntitle = \"Bridge Tolls\"\ndate = 2025-01-20\nauthor = \"Jonas Ekberg\"\n\n[original]\npublisher = \"Review\"\ndate = \"Janury 3, 2025\"\n+++\n",
    );
    site.file(
        "content/2025/ferries.md",
        "---\ntitle: Ferries\ndate: 2025-02-14\nauthor: Jonas Ekberg\noriginal:\n  url: javascript:alert(1)\n---\n",
    );
    site.file(
        "content/2025/extra.md",
        "+++\ntitle = \"Extra\"\ndate = 2025-02-20\nauthor = \"Jonas Ekberg\"\noriginal = \"https://example.com/x\"\n+++\n",
    );
    let run = site.build_fails(&[]);
    assert_eq!(
        run.diagnostics(),
        [
            "content/2025/extra.md:5:12: `original` must be a table (`[original]` with `url`, `publication` and `date`), found a string",
            "content/2025/ferries.md:6:8: `url` of [original]: \"javascript:alert(1)\" must be an absolute http(s) URL",
            "content/2025/tolls.md:6:1: `[original]` has no `url`",
            "content/2025/tolls.md:7:1: unknown key `publisher` in [original]",
        ],
        "{run}"
    );
    assert!(
        run.stderr
            .contains("= hint: its keys are url, publication, date"),
        "{run}"
    );
}

// --- Corrections -------------------------------------------------------------------------

#[test]
fn corrections_are_on_the_page_in_json_ld_and_in_the_feed() {
    let site = SiteTest::fixture("editorial/record");
    site.build(&[]);
    let url = "/2025/04/the-tourist-levy-pays-for-the-wrong-things/";
    let page = site.page(url);
    assert_eq!(page.text("main .corrections h2"), "Corrections");
    assert_eq!(
        page.texts("main .correction"),
        [
            "April 4, 2025: An earlier version said the levy raised €9 million last year; it raised €6 million.",
            "April 9, 2025: The council vote was in March, not February. See the minutes."
        ]
    );
    assert_eq!(
        page.attrs("main .correction time", "datetime"),
        ["2025-04-04T00:00:00+02:00", "2025-04-09T16:30:00+02:00"]
    );
    assert_eq!(page.texts("main .correction strong"), ["€9 million"]);
    assert_eq!(
        page.links("main .correction a"),
        [(
            "the minutes".to_string(),
            "https://council.example.org/minutes/2025-03".to_string()
        )]
    );
    // Without `updated`, the dateline says when it was last corrected, linking the notes.
    assert_eq!(
        page.links("main .dateline a"),
        [(
            "Corrected April 9, 2025".to_string(),
            "#correction-notes".to_string()
        )]
    );
    assert!(page.ids().contains("correction-notes"));

    let json = page.json_ld();
    assert_eq!(
        json["correction"],
        serde_json::json!([
            {
                "@type": "CorrectionComment",
                "datePublished": "2025-04-04T00:00:00+02:00",
                "text": "An earlier version said the levy raised €9 million last year; it raised €6 million.",
            },
            {
                "@type": "CorrectionComment",
                "datePublished": "2025-04-09T16:30:00+02:00",
                "text": "The council vote was in March, not February. See the minutes.",
            },
        ])
    );
    assert_eq!(json["dateModified"], "2025-04-09T16:30:00+02:00");
    assert_eq!(json["datePublished"], "2025-04-02T07:00:00+02:00");

    // The feed entry carries the notes and moves its `updated`; so does the sitemap.
    let feed = site.read("/atom.xml");
    let doc = roxmltree::Document::parse(&feed).expect("the feed parses");
    let entry = doc
        .descendants()
        .find(|n| {
            n.has_tag_name((ATOM, "entry"))
                && n.children().any(|c| {
                    c.has_tag_name((ATOM, "title"))
                        && c.text() == Some("The Tourist Levy Pays for the Wrong Things")
                })
        })
        .expect("the entry");
    let child = |name: &str| {
        entry
            .children()
            .find(|c| c.has_tag_name((ATOM, name)))
            .and_then(|c| c.text())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(child("updated"), "2025-04-09T16:30:00+02:00");
    let content = scraper::Html::parse_fragment(&child("content"));
    let notes: Vec<String> = content
        .select(&crate::harness::selector("section.corrections p"))
        .map(crate::harness::text_of)
        .collect();
    assert_eq!(
        notes,
        [
            "Correction, April 4, 2025: An earlier version said the levy raised €9 million last year; it raised €6 million.",
            "Correction, April 9, 2025: The council vote was in March, not February. See the minutes."
        ]
    );
    let sitemap = site.read("/sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).expect("the sitemap parses");
    let lastmod = doc
        .descendants()
        .filter(|n| n.has_tag_name("url"))
        .find(|n| {
            n.descendants()
                .any(|c| c.text() == Some(&format!("https://ledger.example.org{url}")))
        })
        .and_then(|n| n.descendants().find(|c| c.has_tag_name("lastmod")))
        .and_then(|n| n.text());
    assert_eq!(lastmod, Some("2025-04-09T16:30:00+02:00"));
}

#[test]
fn updated_and_corrections_together_take_the_latest() {
    let site = SiteTest::fixture("editorial/record");
    site.build(&[]);
    let page = site.page("/2025/03/open-the-harbour-walk-all-year/");
    assert_eq!(
        page.texts("main .correction"),
        ["March 12, 2025: The promenade is 2.4 km long, not 4.2 km."]
    );
    assert_eq!(page.text("main .corrections h2"), "Correction");
    assert_eq!(
        page.json_ld()["dateModified"],
        "2025-03-20T08:00:00+01:00",
        "`updated` is later than the correction"
    );
    assert_eq!(
        page.attrs("main .dateline time", "datetime"),
        [
            "2025-03-10T08:00:00+01:00",
            "2025-03-20T08:00:00+01:00",
            "2025-03-12T00:00:00+01:00"
        ]
    );
    // A piece without corrections has no notes and no `correction` in its JSON-LD.
    let page = site.page("/2025/02/ferries-are-part-of-the-bus-network/");
    assert!(page.select("main .corrections").is_empty());
    assert!(page.json_ld().get("correction").is_none());
}

#[test]
fn a_bad_correction_is_an_error_at_its_place() {
    let site = SiteTest::fixture("editorial/record");
    // Problems of form (a key missing or unknown) are found as the front matter is read…
    site.file(
        "content/2025/harbour-walk.md",
        "+++\ntitle = \"Walk\"\ndate = 2025-03-10\nauthor = \"Hanne Vogt\"\n\n[[corrections]]\ndate = 2025-04-05\n\n[[corrections]]\ntext = \"Fine.\"\ndate = 2025-04-06\nnote = \"x\"\n+++\n",
    );
    site.file(
        "content/2025/tolls.md",
        "+++\ntitle = \"Tolls\"\ndate = 2025-01-20\nauthor = \"Jonas Ekberg\"\ncorrections = \"none\"\n+++\n",
    );
    // …and problems of meaning (an impossible date, a correction before the piece) once
    // its dates are read, in the same run.
    site.file(
        "content/2025/levy.md",
        "+++\ntitle = \"Levy\"\ndate = 2025-04-02\nauthor = \"Hanne Vogt\"\n\n[[corrections]]\ndate = 2025-03-30\ntext = \"Earlier than the piece.\"\n\n[[corrections]]\ndate = \"April 31, 2025\"\ntext = \"No such day.\"\n+++\n",
    );
    let run = site.build_fails(&[]);
    assert_eq!(
        run.diagnostics(),
        [
            "content/2025/harbour-walk.md:7:8: a correction has no `text`",
            "content/2025/harbour-walk.md:12:1: unknown key `note` in a correction",
            // Midnight on the day the clocks change is still winter time.
            "content/2025/levy.md:7:8: a correction dated 2025-03-30T00:00:00+01:00 is older than the piece (2025-04-02T00:00:00+02:00)",
            "content/2025/levy.md:11:9: `date` of a correction is not a valid date: April 31 does not exist in 2025",
            "content/2025/tolls.md:5:15: `corrections` must be a list of tables (`[[corrections]]` with `date` and `text`), found a string",
        ],
        "{run}"
    );
}

// --- Moved URLs ----------------------------------------------------------------------------

const FARES: &str = "/2024/03/ferry-fares-are-a-housing-policy/";
const WALLS: &str = "/2025/02/river-walls-will-not-hold-the-next-flood/";

/// The lines of a `_redirects` file that are rules, each split into its fields.
fn redirect_rules(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect()
}

#[test]
fn each_alias_is_a_redirect_page_and_a_line_of_redirects() {
    let site = SiteTest::fixture("editorial/moved");
    site.build(&[]);
    let base = "https://quayside.example.org/notes";
    // (where the redirect page is, its target, the target's title, its canonical link)
    let fares = "Ferry Fares Are a Housing Policy";
    let walls = "River Walls Will Not Hold the Next Flood";
    let walls_original = "https://tagus-herald.example.com/comment/river-walls";
    let redirects = [
        // A folder as WordPress served it.
        ("/2019/03/04/ferry-fares/", FARES, fares),
        // A file as Jekyll wrote it, in its own case: written as that file.
        ("/opinion/2019/03/04/Ferry-Fares.html", FARES, fares),
        // Written without its slash: the same folder.
        ("/f/fares/", FARES, fares),
        ("/index.php/2018/ferries/", FARES, fares),
        // Escaped as written, a folder of its decoded name, as a host looks it up.
        ("/crónica/tarifas/", FARES, fares),
        // Another extension is not a page a host would serve: a folder of that name.
        ("/story.php/", WALLS, walls),
        ("/about-us/", "/about/", "About Quayside"),
        ("/who-we-are.htm", "/about/", "About Quayside"),
    ];
    for (old, new, title) in redirects {
        let page = site.page(old);
        let link = format!("/notes{new}");
        assert_eq!(
            page.attr(r#"meta[http-equiv="refresh"]"#, "content"),
            format!("0; url={link}"),
            "{old}"
        );
        assert_eq!(page.links("main a"), [(title.to_string(), link)], "{old}");
        assert_eq!(page.attr(r#"meta[name="robots"]"#, "content"), "noindex");
        // The canonical link is where the page it leads to points: itself, or for a
        // republished piece the original.
        let canonical = if new == WALLS {
            walls_original.to_string()
        } else {
            format!("{base}{new}")
        };
        assert_eq!(
            page.attr(r#"link[rel="canonical"]"#, "href"),
            canonical,
            "{old}"
        );
        assert!(
            site.page(new)
                .select(r#"meta[http-equiv="refresh"]"#)
                .is_empty()
        );
    }

    // `_redirects`: the site's own rules first, as written, then one line per alias, sorted,
    // both paths from the host's root and escaped.
    let text = site.read("/_redirects");
    assert!(text.starts_with("# Our own rules come first.\n"), "{text}");
    let rule = |old: &str, new: &str| -> Vec<String> {
        vec![format!("/notes{old}"), format!("/notes{new}"), "301".into()]
    };
    assert_eq!(
        redirect_rules(&text),
        [
            vec![
                "/newsletter".to_string(),
                "https://lists.example.org/quayside".into(),
                "302".into()
            ],
            rule("/2019/03/04/ferry-fares/", FARES),
            rule("/about-us/", "/about/"),
            rule("/cr%C3%B3nica/tarifas/", FARES),
            rule("/f/fares/", FARES),
            rule("/index.php/2018/ferries/", FARES),
            rule("/opinion/2019/03/04/Ferry-Fares.html", FARES),
            rule("/story.php/", WALLS),
            rule("/who-we-are.htm", "/about/"),
        ]
    );

    // A redirect is not a page of the site: not in the sitemap, and no listing or count of
    // pages holds it.
    let locs = sitemap_locs(&site.read("/sitemap.xml"));
    for (old, _, _) in redirects {
        assert!(
            !locs.iter().any(|l| l.contains(old)),
            "{old} is not in the sitemap"
        );
    }
    assert!(locs.contains(&format!("{base}{FARES}")));
    assert_eq!(site.page("/").select("main .card").len(), 2);
    let check = site.run(&["check"]);
    check.assert_code(0);
    assert!(check.stdout.contains("0 errors"), "{check}");
}

#[test]
fn a_portable_redirect_leads_to_a_file_on_disk() {
    let site = SiteTest::fixture("editorial/moved");
    site.build(&["--portable"]);
    for (old, file, refresh) in [
        (
            "/f/fares/",
            "f/fares/index.html",
            "../../2024/03/ferry-fares-are-a-housing-policy/index.html",
        ),
        ("/who-we-are.htm", "who-we-are.htm", "about/index.html"),
    ] {
        let page = site.page(old);
        assert_eq!(
            page.attr(r#"meta[http-equiv="refresh"]"#, "content"),
            format!("0; url={refresh}")
        );
        let folder = std::path::Path::new(file).parent().unwrap();
        let target = site.root().join("public").join(folder).join(refresh);
        assert!(target.is_file(), "{old} leads to {}", target.display());
    }
}

#[test]
fn an_alias_over_a_page_or_another_alias_is_an_error_naming_both() {
    // Problems between content files are found as the site is assembled.
    let site = SiteTest::fixture("editorial/moved");
    site.file(
        "content/2025/tides.md",
        "+++\ntitle = \"Tides\"\ndate = 2025-05-01\nauthor = \"Rui Tavares\"\naliases = [\n  \"/F/Fares/\",\n  \"/about\",\n  \"/2025/05/tides/\",\n  \"/2025/05/tides/\",\n]\n+++\n",
    );
    let run = site.build_fails(&[]);
    assert_eq!(
        run.diagnostics(),
        [
            // Of two aliases, the older piece's is reported: `/f/fares` and `/F/Fares/` are
            // one file wherever the file system ignores case.
            "content/2024/ferry-fares.md:11:4: alias /f/fares/ is also an alias at content/2025/tides.md:6:4",
            "content/2025/tides.md:7:4: alias /about/ is the URL of content/pages/about.md:1:1",
            // Written twice, it is reported once.
            "content/2025/tides.md:8:4: alias /2025/05/tides/ is the URL of this file's own page",
        ],
        "{run}"
    );
    assert!(!site.exists("/"), "nothing was written");

    // Problems with what the site makes of its own are found before anything is rendered.
    let site = SiteTest::fixture("editorial/moved");
    site.file(
        "content/2025/tides.md",
        "+++\ntitle = \"Tides\"\ndate = 2025-05-01\nauthor = \"Rui Tavares\"\naliases = [\"/tags/\", \"/2024/\", \"/atom.xml\", \"/newsletter.html\", \"/search/data/old/\"]\n+++\n",
    );
    site.file("static/newsletter.html", "<p>Sign up.</p>\n");
    let run = site.build_fails(&[]);
    assert_eq!(
        run.diagnostics(),
        [
            "content/2025/tides.md:5:13: alias /tags/ is the URL of the page templates/topics.html makes",
            "content/2025/tides.md:5:23: alias /2024/ is the URL of the page templates/year.html makes",
            "content/2025/tides.md:5:33: alias /atom.xml/ needs a folder atom.xml/ for its redirect page, where the site has a file: the page templates/atom.xml makes",
            "content/2025/tides.md:5:46: alias /newsletter.html is the URL of the file static/newsletter.html",
            // The search index's folder is the build's alone.
            "content/2025/tides.md:5:66: alias /search/data/old/ is inside /search/data/, which holds the search index",
        ],
        "{run}"
    );
    assert!(!site.exists("/"), "nothing was written");
}

#[test]
fn an_alias_that_could_escape_or_cannot_be_served_is_refused() {
    let site = SiteTest::fixture("editorial/moved");
    site.file(
        "content/2025/tides.md",
        "---\ntitle: Tides\ndate: 2025-05-01\nauthor: Rui Tavares\naliases:\n  - /../../outside/\n  - /a/%2e%2e/%2e%2e/b/\n  - https://quayside.example.org/old/\n  - /?p=123\n  - old/tides/\n  - /.well-known/x/\n  - /\n---\n",
    );
    let run = site.build_fails(&[]);
    let diagnostics = run.diagnostics();
    let at: Vec<&str> = diagnostics
        .iter()
        .map(|d| d.split(": ").next().unwrap_or_default())
        .collect();
    let expected: Vec<String> = (6..=12)
        .map(|line| format!("content/2025/tides.md:{line}:5"))
        .collect();
    assert_eq!(at, expected, "{run}");
    for (needle, line) in [
        ("could lead outside the output folder", 6),
        ("could lead outside the output folder", 7),
        ("is a full URL", 8),
        ("query or fragment", 9),
        ("from the site's root", 10),
        ("hidden file or folder", 11),
        ("is the home page", 12),
    ] {
        let found = diagnostics
            .iter()
            .find(|d| d.starts_with(&format!("content/2025/tides.md:{line}:5:")))
            .unwrap_or_else(|| panic!("line {line}\n{run}"));
        assert!(found.contains(needle), "{found}");
    }
    assert!(!site.exists("/"), "nothing was written");
    assert!(!site.root().join("outside").exists());
}
