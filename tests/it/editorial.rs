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
