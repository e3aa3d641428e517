//! Archive navigation (issue 3): author and affiliation pages of co-authored pieces,
//! pagination, date indexes in the site's time zone, slugs and the order of names, slug
//! collisions, Atom feeds, the sitemap and robots.txt.

use std::collections::BTreeSet;

use crate::harness::{SiteTest, output_path, selector, text_of};

// --- Authors and affiliations ------------------------------------------------------------

#[test]
fn coauthored_piece_is_on_both_authors_and_both_affiliations() {
    let site = SiteTest::fixture("core/coauthors");
    site.build(&[]);
    let titles = |url: &str| site.page(url).texts("h2.card-title a");
    let shared = "Two Rivers, One Budget";
    let older = "The Mill Race Still Matters";

    assert_eq!(titles("/authors/ada-mensah/"), [shared, older]);
    assert_eq!(titles("/authors/iker-zubiri/"), [shared]);
    assert_eq!(titles("/affiliations/lakeshore-institute/"), [shared]);
    assert_eq!(
        titles("/affiliations/university-of-the-north-coast/"),
        [shared]
    );
    // The affiliation printed on the piece counts, not the author's current one.
    assert_eq!(titles("/affiliations/old-mill-college/"), [older]);

    let contributors = |url: &str| site.page(url).links(".contributors a");
    assert_eq!(
        contributors("/affiliations/lakeshore-institute/"),
        [("Ada Mensah".into(), "/authors/ada-mensah/".into())]
    );
    assert_eq!(
        contributors("/affiliations/university-of-the-north-coast/"),
        [("Iker Zubiri".into(), "/authors/iker-zubiri/".into())]
    );
    assert_eq!(
        contributors("/affiliations/old-mill-college/"),
        [("Ada Mensah".into(), "/authors/ada-mensah/".into())]
    );

    // The author page: the profile first, then the pieces.
    let ada = site.page("/authors/ada-mensah/");
    assert_eq!(ada.text("h1.page-title"), "Ada Mensah");
    assert_eq!(
        ada.text(".profile-role"),
        "Senior Fellow, Lakeshore Institute"
    );
    assert_eq!(
        ada.href(".profile-role a"),
        "/affiliations/lakeshore-institute/"
    );
    assert_eq!(
        ada.text(".profile-bio"),
        "Ada Mensah studies inland shipping and the public budgets that keep channels open."
    );
    assert_eq!(
        ada.links(".profile-links a"),
        [
            ("Website".into(), "https://example.org/mensah".into()),
            (
                "Feed of Ada Mensah’s pieces".into(),
                "/authors/ada-mensah/atom.xml".into()
            ),
        ]
    );

    let directory = site.page("/affiliations/");
    assert_eq!(
        directory.texts(".directory li"),
        [
            "Lakeshore Institute 1 piece by 1 author",
            "Old Mill College 1 piece by 1 author",
            "University of the North Coast 1 piece by 1 author",
        ]
    );
}

#[test]
fn unicode_names_get_ascii_slugs_and_sort_by_family_name() {
    let site = SiteTest::fixture("archive/names");
    site.build(&[]);
    let authors = site.page("/authors/");
    // A `sort_name` in a profile overrides the family-name guess: Kim Jae-won sorts under K.
    assert_eq!(
        authors.links(".directory-name"),
        [
            ("Ḥasan al-Amin".into(), "/authors/hasan-al-amin/".into()),
            ("Zoë Ångström".into(), "/authors/zoe-angstrom/".into()),
            ("Kofi Boateng".into(), "/authors/kofi-boateng/".into()),
            ("Lena Johansson".into(), "/authors/lena-johansson/".into()),
            ("Kim Jae-won".into(), "/authors/kim-jae-won/".into()),
            ("王小明".into(), "/authors/wang-xiao-ming/".into()),
        ]
    );
    // Role, affiliation and count: from the profile, or else from the newest piece.
    let rows: Vec<(String, String)> = authors
        .select(".directory li")
        .into_iter()
        .map(|li| {
            let part = |css: &str| li.select(&selector(css)).map(text_of).collect::<String>();
            (part(".directory-meta"), part(".count"))
        })
        .collect();
    assert_eq!(rows[0], ("Oasis Water Council".into(), "1 piece".into()));
    assert_eq!(
        rows[1],
        ("Grid Engineer, Nordic Grid Lab".into(), "2 pieces".into())
    );
    assert_eq!(
        rows[4],
        ("Lecturer, Busan Maritime School".into(), "1 piece".into())
    );

    for (slug, name) in [
        ("zoe-angstrom", "Zoë Ångström"),
        ("hasan-al-amin", "Ḥasan al-Amin"),
        ("wang-xiao-ming", "王小明"),
    ] {
        let page = site.page(&format!("/authors/{slug}/"));
        assert_eq!(page.text("h1.page-title"), name);
        let feed = Feed::parse(&site.read(&format!("/authors/{slug}/atom.xml")));
        assert!(feed.entries.iter().all(|e| e.authors == [name]));
    }
}

#[test]
fn names_that_share_a_slug_are_an_error_naming_both_files() {
    let site = SiteTest::empty();
    site.file(
        "content/plain.md",
        "+++\ntitle = \"Plain\"\ndate = 2025-03-01\nauthor = \"Zoe Angstrom\"\naffiliation = \"Trade Council\"\ntags = [\"Trade\"]\n+++\n",
    );
    site.file(
        "content/accented.md",
        "+++\ntitle = \"Accented\"\ndate = 2025-03-02\nauthor = \"Zoë Ångström\"\naffiliation = \"Trade-Council\"\ntags = [\"trade\"]\n+++\n",
    );
    let run = site.build_fails(&[]);
    let diagnostics = run.diagnostics();
    assert_eq!(diagnostics.len(), 3, "{run}");
    for (kind, slug) in [
        ("author", "zoe-angstrom"),
        ("affiliation", "trade-council"),
        ("topic", "trade"),
    ] {
        let d = diagnostics
            .iter()
            .find(|d| d.contains(&format!(": {kind} ")))
            .unwrap_or_else(|| panic!("no {kind} collision\n{run}"));
        // The newer piece claimed the slug first; the older one is reported, naming both.
        assert!(d.starts_with("content/plain.md:"), "{run}");
        assert!(d.contains("(content/accented.md:"), "{d}");
        assert!(
            d.ends_with(&format!("would share the URL slug `{slug}`")),
            "{d}"
        );
    }
    assert!(!site.root().join("public").exists());
}

#[test]
fn affiliation_collision_points_at_the_affiliation_key() {
    let site = SiteTest::empty();
    for (file, day, name) in [("a", 1, "Trade Council"), ("b", 2, "Trade-Council")] {
        site.file(
            &format!("content/{file}.md"),
            &format!(
                "+++\ntitle = \"{file}\"\ndate = 2025-03-0{day}\nauthor = \"Rui Costa\"\naffiliation = {name:?}\n+++\n"
            ),
        );
    }
    let run = site.build_fails(&[]);
    assert!(
        run.diagnostic().starts_with("content/a.md:5:15: affiliation \"Trade Council\" and \"Trade-Council\" (content/b.md:5:15)"),
        "{run}"
    );
}

// --- Pagination ---------------------------------------------------------------------------

/// 45 trade notes by Rosa Delgado (one a day in early 2024, `Trade Note 00` oldest) and two
/// older housing pieces by Tariq Nasser; `per_page` left at its default of 20.
fn many_pieces() -> SiteTest {
    let site = SiteTest::empty();
    site.file(
        "site.toml",
        "title = \"Ledger\"\nbase_url = \"https://ledger.example.org\"\n",
    );
    for i in 0..45 {
        // Note 30 was corrected long after: the newest date anywhere on the site.
        let updated = if i == 30 {
            "updated = 2024-06-01T00:00:00Z\n"
        } else {
            ""
        };
        site.file(
            &format!("content/trade/note-{i:02}.md"),
            &format!(
                "+++\ntitle = \"Trade Note {i:02}\"\ndate = 2024-{:02}-{:02}T10:00:00Z\n{updated}author = \"Rosa Delgado\"\naffiliation = \"Port Ledger\"\ntags = [\"trade\"]\n+++\n\nNote {i} on the tariff schedule.\n\nA *second* paragraph, so the feed has more than a summary.\n",
                1 + i / 28,
                1 + i % 28
            ),
        );
    }
    for (month, title) in [(3, "Rents in Spring"), (4, "Rents in April")] {
        site.file(
            &format!("content/housing/{month}.md"),
            &format!(
                "+++\ntitle = \"{title}\"\ndate = 2023-{month:02}-01\nauthor = \"Tariq Nasser\"\ntags = [\"housing\"]\n+++\n\nOn {title}.\n"
            ),
        );
    }
    site.build(&[]);
    site
}

fn notes(range: impl DoubleEndedIterator<Item = usize>) -> Vec<String> {
    range.rev().map(|i| format!("Trade Note {i:02}")).collect()
}

/// Checks every page of the listing at `base`: its articles, status text and links.
fn check_listing(site: &SiteTest, base: &str, pages: &[Vec<String>]) {
    let total = pages.len();
    let url = |n: usize| {
        if n == 1 {
            base.to_string()
        } else {
            format!("{base}page/{n}/")
        }
    };
    for (i, titles) in pages.iter().enumerate() {
        let n = i + 1;
        let page = site.page(&url(n));
        assert_eq!(&page.texts("h2.card-title a"), titles, "{}", url(n));
        assert_eq!(
            page.text(".pagination .pagination-status"),
            format!("Page {n} of {total}")
        );
        let rel = |name: &str| {
            let found = page.attrs(&format!(".pagination a[rel={name}]"), "href");
            assert!(found.len() <= 1, "{}: two rel={name}", url(n));
            found.into_iter().next()
        };
        let first_or_previous = (n > 1).then(|| url(1));
        assert_eq!(rel("first"), first_or_previous, "{}", url(n));
        assert_eq!(rel("prev"), (n > 1).then(|| url(n - 1)), "{}", url(n));
        assert_eq!(rel("next"), (n < total).then(|| url(n + 1)), "{}", url(n));
        assert_eq!(rel("last"), (n < total).then(|| url(total)), "{}", url(n));
    }
    assert!(
        !site.exists(&format!("{base}page/1/")),
        "page 1 is the listing's own URL"
    );
    assert!(!site.exists(&url(total + 1)));
}

#[test]
fn listings_are_paginated_with_first_previous_next_and_last() {
    let site = many_pieces();
    let mut home_last = notes(0..5);
    home_last.extend(["Rents in April".to_string(), "Rents in Spring".to_string()]);
    check_listing(&site, "/", &[notes(25..45), notes(5..25), home_last]);
    let trade = [notes(25..45), notes(5..25), notes(0..5)];
    check_listing(&site, "/tags/trade/", &trade);
    check_listing(&site, "/authors/rosa-delgado/", &trade);
    check_listing(&site, "/affiliations/port-ledger/", &trade);

    // The page number is also in the heading of listings that have one.
    assert_eq!(
        site.page("/tags/trade/page/2/").text(".page-dek"),
        "45 pieces · page 2 of 3"
    );
    assert_eq!(
        site.page("/authors/rosa-delgado/page/3/")
            .text("h2.section-title .page-number"),
        "page 3 of 3"
    );
    assert_eq!(site.page("/page/2/").text("title"), "Ledger (page 2)");

    // A listing that fits on one page has no pagination at all.
    let housing = site.page("/tags/housing/");
    assert_eq!(
        housing.texts("h2.card-title a"),
        ["Rents in April", "Rents in Spring"]
    );
    assert!(housing.select(".pagination").is_empty());
    assert!(!site.exists("/tags/housing/page/2/"));

    // `per_page` in site.toml sets the page size everywhere.
    site.file(
        "site.toml",
        "title = \"Ledger\"\nbase_url = \"https://ledger.example.org\"\nper_page = 25\n",
    );
    site.build(&[]);
    let mut second = notes(0..20);
    second.extend(["Rents in April".to_string(), "Rents in Spring".to_string()]);
    check_listing(&site, "/", &[notes(20..45), second]);
    assert!(!site.exists("/page/3/"), "the old third page is gone");
}

// --- Date indexes -------------------------------------------------------------------------

#[test]
fn months_follow_the_site_time_zone() {
    let site = SiteTest::fixture("archive/calendar");
    site.build(&[]);
    // 23:30 in New York on August 31 is 03:30 UTC on September 1: both are August.
    assert_eq!(
        site.page("/2025/08/").texts("h2.card-title a"),
        ["Last Night of August", "Same Night in UTC"]
    );
    assert_eq!(
        site.page("/2025/09/").texts("h2.card-title a"),
        ["First of September"]
    );
    assert!(site.exists("/2025/08/same-night-in-utc/"));
    assert!(!site.exists("/2025/09/same-night-in-utc/"));

    let utc = site.page("/2025/08/same-night-in-utc/");
    assert_eq!(utc.json_ld()["datePublished"], "2025-08-31T23:30:00-04:00");
    assert_eq!(
        utc.attr("p.dateline time", "datetime"),
        "2025-08-31T23:30:00-04:00"
    );
    assert_eq!(utc.href("p.filed a"), "/2025/08/");
    // A bare date is midnight where the site is.
    let bare = site.page("/2025/09/first-of-september/");
    assert_eq!(bare.json_ld()["datePublished"], "2025-09-01T00:00:00-04:00");
    // And winter dates carry the winter offset.
    let winter = site.page("/2024/12/ice-on-the-locks/");
    assert_eq!(
        winter.json_ld()["datePublished"],
        "2024-12-20T16:30:00-05:00"
    );
}

#[test]
fn archive_lists_every_year_and_month_with_counts() {
    let site = SiteTest::fixture("archive/calendar");
    site.build(&[]);
    let archive = site.page("/archive/");
    // Each period as "name url (count)": the link, where it goes, and the count beside it.
    let period = |link: scraper::ElementRef, count: Option<scraper::ElementRef>| {
        format!(
            "{} {} ({})",
            text_of(link),
            link.value().attr("href").unwrap_or_default(),
            count.map(text_of).unwrap_or_default()
        )
    };
    let years: Vec<(String, Vec<String>)> = archive
        .select("section.archive-year")
        .into_iter()
        .map(|section| {
            let first = |css: &str| section.select(&selector(css)).next();
            let year = period(first("h2 a").expect("a year link"), first("h2 .count"));
            let months = section
                .select(&selector("li"))
                .map(|li| {
                    let link = li.select(&selector("a")).next().expect("a month link");
                    period(link, li.select(&selector(".count")).next())
                })
                .collect();
            (year, months)
        })
        .collect();
    let strings = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        years,
        [
            (
                "2025 /2025/ (4)".to_string(),
                strings(&[
                    "September /2025/09/ (1)",
                    "August /2025/08/ (2)",
                    "February /2025/02/ (1)",
                ])
            ),
            (
                "2024 /2024/ (3)".to_string(),
                strings(&["December /2024/12/ (2)", "November /2024/11/ (1)"])
            ),
        ]
    );
}

#[test]
fn year_pages_group_by_month_and_periods_link_their_neighbours() {
    let site = SiteTest::fixture("archive/calendar");
    site.build(&[]);
    let year = site.page("/2024/");
    let groups: Vec<(String, Vec<String>)> = year
        .select("section.archive-month")
        .into_iter()
        .map(|s| {
            let heading = s.select(&selector("h2 a")).next().expect("a month heading");
            let titles = s
                .select(&selector("h2.card-title a"))
                .map(text_of)
                .collect();
            (text_of(heading), titles)
        })
        .collect();
    assert_eq!(
        groups,
        [
            (
                "December".to_string(),
                vec![
                    "Ice on the Locks".to_string(),
                    "Winter Dredging".to_string()
                ]
            ),
            (
                "November".to_string(),
                vec!["Autumn Ferry Fares".to_string()]
            ),
        ]
    );
    assert_eq!(year.text(".page-dek"), "3 pieces");

    // rel=prev is the older period with pieces, rel=next the newer; empty months are skipped.
    let neighbours = |url: &str| {
        let page = site.page(url);
        let rel = |r: &str| page.attrs(&format!(".periods a[rel={r}]"), "href");
        (rel("prev"), rel("next"))
    };
    let some = |u: &str| vec![u.to_string()];
    assert_eq!(neighbours("/2024/"), (vec![], some("/2025/")));
    assert_eq!(neighbours("/2025/"), (some("/2024/"), vec![]));
    assert_eq!(neighbours("/2024/11/"), (vec![], some("/2024/12/")));
    assert_eq!(
        neighbours("/2024/12/"),
        (some("/2024/11/"), some("/2025/02/"))
    );
    assert_eq!(
        neighbours("/2025/02/"),
        (some("/2024/12/"), some("/2025/08/"))
    );
    assert_eq!(neighbours("/2025/09/"), (some("/2025/08/"), vec![]));
    assert!(
        !site.exists("/2025/01/"),
        "no page for a month without pieces"
    );
    assert_eq!(
        site.page("/2025/02/").text("h1.page-title"),
        "February 2025"
    );
}

// --- Feeds, sitemap, robots.txt -----------------------------------------------------------

/// An Atom feed, read with roxmltree.
struct Feed {
    title: String,
    updated: String,
    self_url: String,
    entries: Vec<Entry>,
}

struct Entry {
    title: String,
    link: String,
    published: String,
    updated: String,
    authors: Vec<String>,
    content: String,
}

const ATOM: &str = "http://www.w3.org/2005/Atom";

impl Feed {
    /// Parses a feed, checking what Atom requires of it (RFC 4287 §4.1.1–4.1.2).
    fn parse(xml: &str) -> Feed {
        let doc = roxmltree::Document::parse(xml).expect("the feed is XML");
        let root = doc.root_element();
        assert!(root.has_tag_name((ATOM, "feed")), "an Atom feed");
        let child = |node: roxmltree::Node, name: &str| -> String {
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
        assert!(!child(root, "id").is_empty());
        let entries = root
            .children()
            .filter(|n| n.has_tag_name((ATOM, "entry")))
            .map(|e| {
                assert!(!child(e, "id").is_empty());
                let content = e
                    .children()
                    .find(|n| n.has_tag_name((ATOM, "content")))
                    .expect("content");
                assert_eq!(content.attribute("type"), Some("html"));
                Entry {
                    title: child(e, "title"),
                    link: link(e, "alternate"),
                    published: child(e, "published"),
                    updated: child(e, "updated"),
                    authors: e
                        .children()
                        .filter(|n| n.has_tag_name((ATOM, "author")))
                        .map(|a| child(a, "name"))
                        .collect(),
                    content: content.text().unwrap_or_default().to_string(),
                }
            })
            .collect();
        Feed {
            title: child(root, "title"),
            updated: child(root, "updated"),
            self_url: link(root, "self"),
            entries,
        }
    }
}

#[test]
fn site_feed_has_the_newest_twenty_with_full_content() {
    let site = many_pieces();
    let feed = Feed::parse(&site.read("/atom.xml"));
    assert_eq!(feed.title, "Ledger");
    assert_eq!(feed.self_url, "https://ledger.example.org/atom.xml");
    let titles: Vec<&str> = feed.entries.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, notes(25..45));
    let published: Vec<&str> = feed.entries.iter().map(|e| e.published.as_str()).collect();
    let mut newest_first = published.clone();
    newest_first.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(published, newest_first);
    // `updated` is the newest date in the feed: here a correction to an older piece.
    assert_eq!(feed.updated, "2024-06-01T00:00:00+00:00");
    let corrected = &feed.entries[44 - 30];
    assert_eq!(corrected.title, "Trade Note 30");
    assert_eq!(corrected.updated, "2024-06-01T00:00:00+00:00");

    for entry in &feed.entries {
        assert_eq!(entry.authors, ["Rosa Delgado"]);
        // Full content: the same text as the article's body, not only its summary.
        let url = entry
            .link
            .strip_prefix("https://ledger.example.org")
            .expect("an absolute link");
        let body = site.page(url).text("div.prose");
        let content = scraper::Html::parse_fragment(&entry.content);
        let text: String = content.root_element().text().collect();
        assert_eq!(text.split_whitespace().collect::<Vec<_>>().join(" "), body);
        assert!(body.contains("A second paragraph"), "{body}");
    }
}

#[test]
fn author_feeds_hold_only_that_authors_pieces() {
    let site = many_pieces();
    let tariq = Feed::parse(&site.read("/authors/tariq-nasser/atom.xml"));
    assert_eq!(
        tariq.self_url,
        "https://ledger.example.org/authors/tariq-nasser/atom.xml"
    );
    let titles: Vec<&str> = tariq.entries.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["Rents in April", "Rents in Spring"]);
    assert_eq!(tariq.updated, "2023-04-01T00:00:00+00:00");
    assert!(tariq.entries.iter().all(|e| e.authors == ["Tariq Nasser"]));

    let rosa = Feed::parse(&site.read("/authors/rosa-delgado/atom.xml"));
    assert_eq!(rosa.entries.len(), 20);
    assert!(rosa.entries.iter().all(|e| e.authors == ["Rosa Delgado"]));

    // A co-authored entry names every author, in byline order, in every feed it is in.
    let site = SiteTest::fixture("core/coauthors");
    site.build(&[]);
    for url in [
        "/atom.xml",
        "/authors/ada-mensah/atom.xml",
        "/authors/iker-zubiri/atom.xml",
    ] {
        let feed = Feed::parse(&site.read(url));
        let shared = feed
            .entries
            .iter()
            .find(|e| e.title == "Two Rivers, One Budget")
            .unwrap_or_else(|| panic!("{url}: the co-authored piece"));
        assert_eq!(shared.authors, ["Ada Mensah", "Iker Zubiri"], "{url}");
    }
    let iker = Feed::parse(&site.read("/authors/iker-zubiri/atom.xml"));
    assert_eq!(iker.entries.len(), 1);
}

#[test]
fn sitemap_lists_every_page_and_robots_names_it() {
    let site = SiteTest::sample();
    site.build(&[]);
    let base = "https://longview.example.org";
    let xml = site.read("/sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("the sitemap is XML");
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    assert!(doc.root_element().has_tag_name((ns, "urlset")));
    let mut listed = BTreeSet::new();
    for url in doc.descendants().filter(|n| n.has_tag_name((ns, "url"))) {
        let field = |name: &str| {
            url.children()
                .find(|n| n.has_tag_name((ns, name)))
                .and_then(|n| n.text())
                .map(str::to_string)
        };
        let loc = field("loc").expect("a <url> with a <loc>");
        let path = loc.strip_prefix(base).unwrap_or_else(|| panic!("{loc}"));
        assert!(
            site.exists(path),
            "{loc} is in the sitemap but not in the output"
        );
        // A standalone page (issue 12) has no date, so no lastmod; every other page has.
        let lastmod = match field("lastmod") {
            Some(lastmod) => lastmod,
            None if site.page(path).attr("body", "class") == "kind-page" => {
                assert!(listed.insert(output_path(path)), "{loc} listed twice");
                continue;
            }
            None => panic!("{loc}: a <url> without <lastmod>"),
        };
        assert!(
            lastmod.len() == 25 && lastmod.as_bytes()[10] == b'T',
            "{loc}: lastmod {lastmod} is not RFC 3339 with an offset"
        );
        assert!(listed.insert(output_path(path)), "{loc} listed twice");
    }
    let pages: BTreeSet<String> = site
        .tree("public")
        .into_keys()
        .filter(|p| p.ends_with(".html") && p != "404.html" && p != "search/index.html")
        .collect();
    // The search page (issue 14) has nothing of its own to find: out of the sitemap, and
    // marked for crawlers not to index.
    assert_eq!(listed, pages);
    assert!(site.exists("/search/"));
    assert_eq!(
        site.page("/search/").attr("meta[name=robots]", "content"),
        "noindex"
    );

    let robots = site.read("/robots.txt");
    assert!(
        robots
            .lines()
            .any(|l| l == format!("Sitemap: {base}/sitemap.xml")),
        "{robots}"
    );
    assert!(site.exists("/404.html"));
}
