//! The table of contents (issue 13): a piece with three or more subheadings gets
//! `<nav class="toc">` above its body, linking each heading; a shorter piece gets none, and
//! `toc = false` turns it off.

use crate::harness::SiteTest;

fn piece(title: &str, extra: &str, body: &str) -> String {
    format!(
        "+++\ntitle = {title:?}\ndate = 2025-04-01\nauthor = \"Ana Ruiz\"\n{extra}+++\n\nA first paragraph, long enough to stand as the summary of the piece.\n\n{body}"
    )
}

const LONG: &str = "## The problem\n\nText.\n\n## What others did\n\nText.\n\n### In Rosario\n\nText.\n\n#### A detail too deep to list\n\nText.\n\n## What to do {#plan}\n\nText.[^1]\n\n[^1]: A note.\n";

#[test]
fn a_long_piece_has_contents_linking_each_heading() {
    let site = SiteTest::empty();
    site.file("content/long.md", &piece("Long", "", LONG));
    site.file(
        "content/short.md",
        &piece("Short", "", "## One\n\nText.\n\n## Two\n\nText.\n"),
    );
    site.file("content/off.md", &piece("Off", "toc = false\n", LONG));
    site.build(&[]);

    let page = site.page("/2025/04/long/");
    let nav = page.one("nav.toc");
    assert_eq!(nav.value().attr("aria-label"), Some("Contents"));
    assert_eq!(
        page.links("nav.toc > ol > li > a"),
        [
            ("The problem".to_string(), "#the-problem".to_string()),
            (
                "What others did".to_string(),
                "#what-others-did".to_string()
            ),
            ("What to do".to_string(), "#plan".to_string()),
        ]
    );
    assert_eq!(
        page.links("nav.toc ol ol a"),
        [("In Rosario".to_string(), "#in-rosario".to_string())]
    );
    // Each entry lands on its heading, and the nav comes before the body.
    let ids = page.ids();
    for (_, href) in page.links("nav.toc a") {
        assert!(ids.contains(href.trim_start_matches('#')), "{href}");
    }
    let source = &page.source;
    assert!(source.find("class=\"toc").unwrap() < source.find("class=\"prose").unwrap());

    assert!(site.page("/2025/04/short/").select("nav.toc").is_empty());
    assert!(site.page("/2025/04/off/").select("nav.toc").is_empty());
}

#[test]
fn toc_must_be_true_or_false() {
    let site = SiteTest::empty();
    site.file("content/a.md", &piece("A", "toc = \"no\"\n", LONG));
    let run = site.build_fails(&[]);
    assert_eq!(
        run.diagnostics(),
        ["content/a.md:5:7: `toc` must be true or false, found a string"],
        "{run}"
    );
}
