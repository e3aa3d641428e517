//! Golden pages of the repository's sample site (issue 10): the `<main>` element of one
//! page of every kind, the site feed, an author's feed and the sitemap, as insta snapshots
//! in `tests/it/snapshots/`. A change to what any kind of page shows appears here as a diff
//! to review (`cargo insta review`), rather than slipping by.

use std::path::Path;

use crate::harness::{FIXTURES, SiteTest, snapshot_in};

/// (snapshot name, URL) of one page of each kind the sample build has.
const PAGES: &[(&str, &str)] = &[
    ("home", "/"),
    ("home-page-2", "/page/2/"),
    ("article", "/2025/06/desalination-is-not-a-drought-plan/"),
    ("authors", "/authors/"),
    ("author", "/authors/margaret-okafor/"),
    ("affiliations", "/affiliations/"),
    ("affiliation", "/affiliations/harbor-policy-institute/"),
    ("topics", "/tags/"),
    ("topic", "/tags/energy/"),
    ("series", "/series/dry-years/"),
    ("series-index", "/series/"),
    ("archive", "/archive/"),
    ("year", "/2025/"),
    ("month", "/2025/08/"),
    ("not-found", "/404.html"),
    ("page", "/about/"),
    // Issue 12: a piece with a correction, and one that first ran elsewhere.
    (
        "article-corrected",
        "/2025/01/heat-pumps-will-move-the-peak-to-winter-plan-for-it-now/",
    ),
    (
        "article-republished",
        "/2023/02/stop-budgeting-for-the-best-year-you-ever-had/",
    ),
];

/// (snapshot name, URL) of the files that are not pages, snapshotted whole.
const FILES: &[(&str, &str)] = &[
    ("site-feed", "/atom.xml"),
    ("author-feed", "/authors/margaret-okafor/atom.xml"),
    ("sitemap", "/sitemap.xml"),
    (
        "citation-bib",
        "/2024/10/when-the-river-runs-low-the-ships-wait/cite.bib",
    ),
    (
        "citation-ris",
        "/2024/10/when-the-river-runs-low-the-ships-wait/cite.ris",
    ),
];

#[test]
fn every_kind_of_page_of_the_sample_matches_its_snapshot() {
    let site = SiteTest::sample();
    site.build(&[]);
    let snapshots = Path::new(FIXTURES).join("snapshots");
    for (name, url) in PAGES {
        assert!(site.exists(url), "the sample has no page {url}");
        snapshot_in(&snapshots, name, &site.page(url).main_html());
    }
    for (name, url) in FILES {
        snapshot_in(&snapshots, name, &site.read(url));
    }
}
