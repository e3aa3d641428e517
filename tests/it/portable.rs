//! `build --portable` (issue 10): a site a reader browses straight from disk. Every link
//! between pages is relative and names a file, stylesheet and images included; fragments
//! still land; feeds, the sitemap and canonical links stay absolute.

use std::path::{Component, Path, PathBuf};

use crate::harness::{Page, SiteTest, output_path};

/// Every `href` and `src` on a page.
fn references(page: &Page) -> Vec<String> {
    let mut all = page.attrs("[href]", "href");
    all.extend(page.attrs("[src]", "src"));
    all
}

/// Whether a link leaves the site: a scheme (`https:`, `mailto:`) or another host (`//`).
fn is_external(link: &str) -> bool {
    link.starts_with("//")
        || link
            .split('/')
            .next()
            .is_some_and(|first| first.contains(':'))
}

/// The file a relative link on the page at `url` names, under the output folder, with
/// `..` resolved on the way; `None` if it climbs above the output folder.
fn target(url: &str, link: &str) -> Option<PathBuf> {
    let page_file = output_path(url);
    let folder = Path::new(&page_file).parent().unwrap_or(Path::new(""));
    let path = link.split(['#', '?']).next().unwrap_or_default();
    let mut parts: Vec<String> = Vec::new();
    for component in folder.join(path).components() {
        match component {
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    Some(parts.iter().collect())
}

#[test]
fn every_link_of_a_portable_sample_is_relative_and_names_a_file() {
    let site = SiteTest::sample();
    site.build(&["--portable"]);
    let public = site.root().join("public");
    let pages = site.pages();
    assert!(pages.len() > 50, "the sample has every kind of page");
    let mut checked = 0;
    for (url, page) in &pages {
        for link in references(page) {
            if is_external(&link) {
                continue;
            }
            assert!(
                !link.starts_with('/'),
                "{url}: {link:?} starts at the disk's root"
            );
            let fragment = link.split_once('#').map(|(_, f)| f);
            let file = if link.starts_with('#') {
                PathBuf::from(output_path(url))
            } else {
                target(url, &link).unwrap_or_else(|| panic!("{url}: {link:?} leaves the site"))
            };
            assert!(
                public.join(&file).is_file(),
                "{url}: {link:?} names {}, which is not a file",
                file.display()
            );
            if let Some(id) = fragment.filter(|f| !f.is_empty()) {
                let target_page = Page::parse(
                    url,
                    &std::fs::read_to_string(public.join(&file)).expect("the target page"),
                );
                assert!(
                    target_page.ids().contains(id),
                    "{url}: {link:?} has no #{id}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 1000, "only {checked} links followed");

    // The style sheet and the portraits load from disk too.
    let article = &pages["/2025/06/desalination-is-not-a-drought-plan/"];
    assert_eq!(
        article.attr(r#"link[rel="stylesheet"]"#, "href"),
        "../../../style.css"
    );
    let portrait = article.attr("img.bio-photo", "src");
    assert!(
        portrait.starts_with("../../../images/authors/"),
        "{portrait}"
    );
    assert_eq!(pages["/"].href("a.site-title"), "index.html");
}

#[test]
fn a_portable_build_keeps_feeds_sitemap_and_canonical_links_absolute() {
    let site = SiteTest::sample();
    site.build(&["--portable"]);
    let base = "https://longview.example.org/";
    let feed = site.read("/atom.xml");
    let feed = roxmltree::Document::parse(&feed).expect("the feed parses");
    let hrefs: Vec<&str> = feed
        .descendants()
        .filter(|n| n.has_tag_name("link"))
        // A republished piece's `via` link names its original, on another site (issue 12).
        .filter(|n| n.attribute("rel") != Some("via"))
        .filter_map(|n| n.attribute("href"))
        .collect();
    assert!(!hrefs.is_empty());
    assert!(hrefs.iter().all(|h| h.starts_with(base)), "{hrefs:?}");
    let sitemap = site.read("/sitemap.xml");
    let sitemap = roxmltree::Document::parse(&sitemap).expect("the sitemap parses");
    let locs: Vec<&str> = sitemap
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.len() > 50);
    assert!(locs.iter().all(|l| l.starts_with(base)), "{locs:?}");
    let home = site.page("/");
    assert_eq!(home.attr(r#"link[rel="canonical"]"#, "href"), base);
}

#[test]
fn links_written_in_bodies_and_bios_become_relative_files() {
    let site = SiteTest::empty();
    site.file(
        "site.toml",
        "title = \"Notes\"\nbase_url = \"https://example.org/notes\"\n",
    )
    .file(
        "content/2025/first.md",
        "+++\ntitle = \"First\"\ndate = 2025-01-02\nauthor = \"Ada Lane\"\ntags = [\"Ports\"]\n+++\n\
         The first piece, about ports and what they cost.\n",
    )
    .file(
        "content/2025/second.md",
        "+++\ntitle = \"Second\"\ndate = 2025-02-03\nauthor = \"Ada Lane\"\n+++\n\
         As [the first piece](/notes/2025/01/first/#top) and [the topic](/tags/ports/) say, \
         see ![a chart](/images/chart.png) and [elsewhere](https://example.com/a/).\n",
    )
    .file(
        "content/authors/ada-lane.md",
        "+++\nname = \"Ada Lane\"\n+++\nAda writes about [ports](/tags/ports/).\n",
    )
    .file("static/images/chart.png", "not really a picture");
    site.build(&["--portable"]);
    let page = site.page("/2025/02/second/");
    assert_eq!(
        page.links(".prose a"),
        [
            (
                "the first piece".to_string(),
                "../../../2025/01/first/index.html#top".to_string()
            ),
            (
                "the topic".to_string(),
                "../../../tags/ports/index.html".to_string()
            ),
            (
                "elsewhere".to_string(),
                "https://example.com/a/".to_string()
            ),
        ]
    );
    assert_eq!(page.attr(".prose img", "src"), "../../../images/chart.png");
    assert_eq!(
        page.attr(".bio-body a", "href"),
        "../../../tags/ports/index.html"
    );
    let author = site.page("/authors/ada-lane/");
    assert_eq!(
        author.attr(".profile-bio a", "href"),
        "../../tags/ports/index.html"
    );
    // Without the flag, the same site links for a server.
    site.build(&[]);
    let served = site.page("/2025/02/second/");
    assert_eq!(served.attr(".prose img", "src"), "/images/chart.png");
    assert_eq!(served.href("a.site-title"), "/notes/");
}
