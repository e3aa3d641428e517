//! `broadsheet import EXPORT.xml`: WordPress exports (issue 11), through the real binary.
//!
//! The exports in `import/wxr/` are of our own writing, in the shapes WordPress writes:
//! `newsroom-1.2.xml` (WXR 1.2, Gutenberg and classic bodies, Co-Authors Plus with a guest
//! author, Yoast canonical and description, drafts with zero GMT dates, attachments, menu
//! items, revisions, a custom post type, an untitled item, slugs that try to climb out) and
//! `commentary-1.1.xml` (WXR 1.1, entities escaped inline, a blog under a sub-path). The
//! files written are read back with `toml` and the bodies rendered with pulldown-cmark and
//! parsed with scraper, so the checks are on structure. Hostile exports are written here.

use std::path::Path;

use scraper::{Html, Selector};

use crate::harness::{FIXTURES, SiteTest};

/// A site in New York time with `export.xml` copied from `import/wxr/<name>`.
fn site_with(name: &str) -> SiteTest {
    let site = SiteTest::empty();
    site.file(
        "site.toml",
        "title = \"Imported\"\nbase_url = \"https://new.example.org\"\ntimezone = \"America/New_York\"\n",
    );
    site.file("export.xml", &fixture(name));
    site
}

fn fixture(name: &str) -> String {
    let path = Path::new(FIXTURES).join("import/wxr").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The front matter and body of a written file.
fn read(site: &SiteTest, path: &str) -> (toml::Table, String) {
    let text =
        std::fs::read_to_string(site.root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    let (front, body) = text
        .strip_prefix("+++\n")
        .and_then(|rest| rest.split_once("\n+++\n"))
        .unwrap_or_else(|| panic!("{path} has no +++ front matter:\n{text}"));
    let table = front
        .parse()
        .unwrap_or_else(|e| panic!("{path}: front matter does not parse: {e}\n{front}"));
    (table, body.to_string())
}

fn string<'a>(table: &'a toml::Table, key: &str) -> &'a str {
    table
        .get(key)
        .and_then(toml::Value::as_str)
        .unwrap_or_else(|| panic!("no string `{key}` in {table:#?}"))
}

fn strings(table: &toml::Table, key: &str) -> Vec<String> {
    table
        .get(key)
        .and_then(toml::Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// A body as a reader sees it: rendered as the site's Markdown stage does, then parsed.
fn rendered(markdown: &str) -> Html {
    use pulldown_cmark::{Options, Parser, html};
    let mut out = String::new();
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_SMART_PUNCTUATION;
    html::push_html(&mut out, Parser::new_ext(markdown, options));
    Html::parse_fragment(&out)
}

fn texts(html: &Html, css: &str) -> Vec<String> {
    let selector = Selector::parse(css).expect("selector");
    html.select(&selector)
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

fn attrs(html: &Html, css: &str, name: &str) -> Vec<String> {
    let selector = Selector::parse(css).expect("selector");
    html.select(&selector)
        .filter_map(|e| e.value().attr(name).map(str::to_string))
        .collect()
}

const NEWSROOM_SUMMARY: &str = "imported 8 articles (5 published, 3 as drafts: 1 draft, 1 pending, 1 private), 1 page
authors: 4 (4 new profiles, 0 existing profiles filled in)
topics: 4
aliases: 3 (old permalinks that redirect to the new URLs)
skipped: 1 `podcast` item, 1 attachment, 1 discarded post, 1 guest-author record, 1 menu item, 1 revision, 1 unpublished page, 1 untitled item
warnings: 1 image from other hosts, left where they are; 1 query-string permalink (`?p=123`), which a static host cannot redirect";

#[test]
fn an_export_becomes_articles_pages_and_profiles() {
    let site = site_with("newsroom-1.2.xml");
    let run = site.run(&["import", "export.xml"]);
    run.assert_code(0);
    assert_eq!(run.stdout.trim(), NEWSROOM_SUMMARY, "{run}");
    assert_eq!(
        run.diagnostics(),
        ["export.xml:268:2: warning: the item with post id 113 has no title; it was skipped"],
        "{run}"
    );

    // Co-Authors Plus byline in order, a guest author first; title decoded once; the
    // excerpt beats Yoast; an off-site canonical is the original; the old permalink an alias.
    let (front, body) = read(&site, "content/2019/ports-and-power.md");
    assert_eq!(string(&front, "title"), "Ports & Power: Who's Paying?");
    assert_eq!(string(&front, "date"), "2019-03-04T09:00:00-05:00");
    assert_eq!(strings(&front, "authors"), ["Lena Ortiz", "Jane Doe"]);
    assert_eq!(
        strings(&front, "tags"),
        ["Economy", "Trade", "Ports & Shipping"],
        "one topic per name, Uncategorized dropped"
    );
    assert_eq!(
        string(&front, "summary"),
        "Small ports carry more trade than their budgets suggest \u{2014} and the funding formula keeps it that way."
    );
    assert_eq!(string(&front, "slug"), "ports-and-power");
    assert_eq!(strings(&front, "aliases"), ["/2019/03/04/ports-and-power/"]);
    assert_eq!(
        front["original"]["url"].as_str(),
        Some("https://paper.example.com/opinion/2019/ports-and-power")
    );
    assert!(!front.contains_key("draft"));
    let html = rendered(&body);
    let paragraphs = texts(&html, "p");
    assert_eq!(
        paragraphs[0],
        "Small ports carry more of the country\u{2019}s trade than their budgets suggest.\nTheir cranes are older than the ships they serve.",
        "auto-paragraphs, with the line break kept (and quotes curled, as WordPress showed them)"
    );
    assert_eq!(paragraphs.len(), 3, "{paragraphs:?}");
    assert!(
        paragraphs[2].contains("\u{201c}mind the gap\u{201d}")
            && paragraphs[2].contains("paid & spent"),
        "{paragraphs:?}"
    );
    assert_eq!(
        texts(&html, "figure > figcaption"),
        ["A crane at the Eastbrook terminal, built in 1978."]
    );
    assert_eq!(
        attrs(&html, "figure img", "src"),
        ["https://old.example.org/wp-content/uploads/2019/03/crane-1024x683.jpg"]
    );
    assert!(attrs(&html, "img", "srcset").is_empty());
    assert_eq!(
        attrs(&html, "p a", "href"),
        ["https://old.example.org/2018/11/20/dredging-budgets/"]
    );

    // A Gutenberg body: block comments gone, structure kept, embeds and spanned tables as HTML.
    let (front, body) = read(&site, "content/2020/five-questions.md");
    assert_eq!(string(&front, "author"), "Mariam Khan");
    assert_eq!(
        string(&front, "summary"),
        "What the harbor board should be asked on Thursday, and why.",
        "Yoast's description when there is no excerpt"
    );
    assert!(
        !front.contains_key("original"),
        "an on-site canonical is no original"
    );
    assert!(
        !front.contains_key("aliases"),
        "the old permalink is the new URL"
    );
    assert!(!body.contains("<!--"), "{body}");
    let html = rendered(&body);
    assert_eq!(texts(&html, "h2"), ["The questions"]);
    assert_eq!(
        texts(&html, "ol > li > p > code, ol > li > code"),
        ["tonnage_2009"]
    );
    assert_eq!(
        texts(&html, "ol > li pre > code"),
        ["SELECT * FROM contracts\nWHERE audited = false;"]
    );
    assert_eq!(
        texts(&html, "blockquote > p"),
        ["\u{201c}We have never been asked,\u{201d} a board member told us."]
    );
    assert_eq!(
        attrs(&html, "iframe", "src"),
        ["https://www.youtube.com/embed/abc"]
    );
    assert_eq!(attrs(&html, "td", "colspan"), ["2"]);
    assert_eq!(texts(&html, "em"), ["ours"]);
    assert_eq!(texts(&html, "strong"), ["numbers"]);

    // Drafts: the zero GMT date falls back to the local date, read in the site's zone.
    let (front, _) = read(&site, "content/2024/notes-toward-a-transit-levy.md");
    assert_eq!(string(&front, "date"), "2024-02-10T09:15:00-05:00");
    assert_eq!(front["draft"].as_bool(), Some(true));
    assert_eq!(string(&front, "author"), "Opinion Desk & Staff");
    assert!(!front.contains_key("tags"), "only Uncategorized");
    assert!(!front.contains_key("aliases"));
    for draft in ["2024/waiting-for-the-editor", "2023/budget-memo"] {
        let (front, _) = read(&site, &format!("content/{draft}.md"));
        assert_eq!(front["draft"].as_bool(), Some(true), "{draft}");
    }
    let (front, _) = read(&site, "content/2017/an-old-link.md");
    assert!(
        !front.contains_key("aliases"),
        "`?p=105` cannot be redirected"
    );

    // A page: only the keys a standalone page has.
    let (front, body) = read(&site, "content/pages/about.md");
    let keys: Vec<&str> = front.keys().map(String::as_str).collect();
    assert_eq!(keys, ["slug", "summary", "title"]);
    assert_eq!(string(&front, "title"), "About the Review");
    assert_eq!(texts(&rendered(&body), "p").len(), 2);

    // Profiles: the guest author's bio and website; users by display name.
    let (profile, bio) = read(&site, "content/authors/lena-ortiz.md");
    assert_eq!(string(&profile, "name"), "Lena Ortiz");
    assert_eq!(
        profile["links"]["Website"].as_str(),
        Some("https://lena.example.com/")
    );
    assert_eq!(
        texts(&rendered(&bio), "p"),
        ["Lena Ortiz covers ports and shipping for The Paper."]
    );
    let (profile, _) = read(&site, "content/authors/jane-doe.md");
    assert_eq!(string(&profile, "name"), "Jane Doe");

    // Every file is inside content/, named by a slug, whatever the export's slugs said.
    let tree = site.tree("content");
    let names: Vec<&str> = tree.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "2017/an-old-link.md",
            "2019/ports-and-power.md",
            "2020/five-questions.md",
            "2022/dots-all-the-way-down.md",
            "2022/etc.md",
            "2023/budget-memo.md",
            "2024/notes-toward-a-transit-levy.md",
            "2024/waiting-for-the-editor.md",
            "authors/jane-doe.md",
            "authors/lena-ortiz.md",
            "authors/mariam-khan.md",
            "authors/opinion-desk-staff.md",
            "pages/about.md",
        ]
    );
    let root_entries: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !root_entries
            .iter()
            .any(|e| e.starts_with(".broadsheet-import")),
        "the staging folder is gone: {root_entries:?}"
    );
}

#[test]
fn a_wxr_1_1_export_imports_too() {
    let site = site_with("commentary-1.1.xml");
    let run = site.run(&["import", "export.xml"]);
    run.assert_code(0);
    assert!(
        run.stdout
            .starts_with("imported 2 articles (1 published, 1 as drafts: 1 future), 0 pages\n"),
        "{run}"
    );
    let (front, body) = read(&site, "content/2012/budgets.md");
    assert_eq!(
        string(&front, "title"),
        "Budgets & Their Discontents",
        "XML's escape undone, then WordPress's stored `&amp;` decoded once, as HTML"
    );
    assert_eq!(string(&front, "author"), "Daniel Okafor");
    assert_eq!(strings(&front, "tags"), ["Budgets", "Fiscal policy"]);
    assert_eq!(strings(&front, "aliases"), ["/blog/2012/10/budgets/"]);
    let html = rendered(&body);
    assert_eq!(texts(&html, "h3"), ["A year of stopgaps"]);
    assert_eq!(texts(&html, "ul > li").len(), 2);
    assert_eq!(
        attrs(&html, "a", "href"),
        ["http://fieldnotes.example.org/2011/09/stopgaps/"],
        "resolved against the blog's own address"
    );
    assert_eq!(
        attrs(&html, "img", "src"),
        ["http://fieldnotes.example.org/blog/uploads/chart.png"]
    );
    let (front, _) = read(&site, "content/2031/scheduled.md");
    assert_eq!(front["draft"].as_bool(), Some(true), "`future` is a draft");
}

/// A title is decoded exactly once after XML's own escapes: `&amp;amp;lt;` in the XML is
/// `&amp;lt;` in WordPress's database and `&lt;` on the page, never `<`.
#[test]
fn titles_are_decoded_exactly_once() {
    let site = site_with("newsroom-1.2.xml");
    let export = fixture("newsroom-1.2.xml").replacen(
        "<![CDATA[About the Review]]>",
        "About &amp;amp;lt;html&amp;amp;gt; &amp;#039;tags&amp;#039; &amp;lt;b&amp;gt;",
        1,
    );
    site.file("export.xml", &export);
    site.run(&["import", "export.xml"]).assert_code(0);
    let (front, _) = read(&site, "content/pages/about.md");
    assert_eq!(string(&front, "title"), "About &lt;html&gt; 'tags' <b>");
}

#[test]
fn a_second_import_needs_force_and_writes_the_same_bytes() {
    let site = site_with("newsroom-1.2.xml");
    site.run(&["import", "export.xml"]).assert_code(0);
    let first = site.tree("content");

    let again = site.run(&["import", "export.xml"]);
    again.assert_code(1);
    assert_eq!(
        again.diagnostics().len(),
        9,
        "one per article and page: {again}"
    );
    assert!(
        again.stderr.starts_with(
            "content/2017/an-old-link.md:1:1: already exists; it was not overwritten\n  = hint: pass `--force`"
        ),
        "{again}"
    );
    assert_eq!(site.tree("content"), first, "nothing changed");

    let forced = site.run(&["import", "export.xml", "--force"]);
    forced.assert_code(0);
    assert!(
        forced
            .stdout
            .contains("authors: 4 (0 new profiles, 0 existing profiles filled in)"),
        "{forced}"
    );
    assert_eq!(site.tree("content"), first, "byte-identical");
}

#[test]
fn an_existing_profile_is_only_filled_in() {
    let site = site_with("newsroom-1.2.xml");
    let by_editor =
        "+++\n# Kept by the desk.\nname = \"Lena Ortiz\"\nrole = \"Contributing writer\"\n+++\n";
    site.file("content/authors/lena-ortiz.md", by_editor);
    let run = site.run(&["import", "export.xml"]);
    run.assert_code(0);
    assert!(
        run.stdout
            .contains("authors: 4 (3 new profiles, 1 existing profile filled in)"),
        "{run}"
    );
    let text = std::fs::read_to_string(site.root().join("content/authors/lena-ortiz.md")).unwrap();
    assert!(
        text.starts_with(
            "+++\n# Kept by the desk.\nname = \"Lena Ortiz\"\nrole = \"Contributing writer\"\n"
        ),
        "{text}"
    );
    let (profile, bio) = read(&site, "content/authors/lena-ortiz.md");
    assert_eq!(string(&profile, "role"), "Contributing writer");
    assert_eq!(
        profile["links"]["Website"].as_str(),
        Some("https://lena.example.com/")
    );
    assert!(bio.contains("covers ports and shipping"));
}

/// Each hostile or broken export is refused at `FILE:line:col`, and nothing is written.
#[test]
fn hostile_and_broken_exports_write_nothing() {
    let newsroom = fixture("newsroom-1.2.xml");
    let bomb = {
        let mut dtd =
            String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY a0 \"laugh\">\n");
        for i in 1..10 {
            let prev = format!("&a{};", i - 1);
            dtd.push_str(&format!("<!ENTITY a{i} \"{}\">\n", prev.repeat(10)));
        }
        dtd.push_str("]>\n<rss><channel><title>&a9;</title></channel></rss>\n");
        dtd
    };
    let truncated = newsroom[..newsroom.len() * 3 / 5].to_string();
    let truncated_lines = truncated.lines().count();
    let cases: Vec<(&str, String, String)> = vec![
        (
            "entity bomb",
            bomb,
            "export.xml:2:1: the export declares entities in a DOCTYPE".into(),
        ),
        (
            "external entity",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<rss><channel><title>&x;</title></channel></rss>\n".into(),
            "export.xml:2:1: the export declares entities in a DOCTYPE".into(),
        ),
        (
            "an entity beyond the five",
            newsroom.replacen("<title>Harbor Review &amp; Analysis</title>", "<title>Harbor&nbsp;Review</title>", 1),
            "export.xml:12:15: `&nbsp;` is not one of XML's five entities".into(),
        ),
        (
            "truncated",
            truncated,
            format!("export.xml:{truncated_lines}:"),
        ),
        (
            "malformed tag",
            newsroom.replacen("<title><![CDATA[Five Questions for the Harbor Board]]></title>", "<title><![CDATA[Five Questions]]></titel>", 1),
            "export.xml:74:36: not well-formed XML".into(),
        ),
        (
            "not an export",
            "<?xml version=\"1.0\"?>\n<html><body><p>hello</p></body></html>\n".into(),
            "export.xml:1:1: not a WordPress export".into(),
        ),
    ];
    for (what, xml, starts) in cases {
        let site = SiteTest::empty();
        site.file("site.toml", "title = \"T\"\n");
        site.file("export.xml", &xml);
        let run = site.run(&["import", "export.xml"]);
        run.assert_code(1);
        let diagnostic = run.diagnostic();
        assert!(diagnostic.starts_with(&starts), "{what}: {run}");
        assert!(
            run.stderr
                .ends_with("error: the export cannot be read; nothing was imported\n"),
            "{what}: {run}"
        );
        assert!(
            !site.root().join("content").exists(),
            "{what}: nothing written"
        );
        assert!(!site.root().join(".broadsheet-import").exists(), "{what}");
    }
}

#[test]
fn an_export_is_imported_on_its_own() {
    let site = site_with("newsroom-1.2.xml");
    site.file(
        "piece.txt",
        "August 16, 2025\nT\n\nBody.\n\nJane Doe is a fellow at X Lab.\n",
    );
    let run = site.run(&["import", "export.xml", "piece.txt"]);
    run.assert_code(1);
    assert!(run.stderr.contains("imported on its own"), "{run}");
    let run = site.run(&["import", "export.xml", "--title", "T"]);
    run.assert_code(1);
    assert!(!site.root().join("content").exists());
}

/// The imported site builds with zero Nu HTML Checker errors and zero broken links, each
/// author page lists the right pieces and each draft is marked. It needs `build` to accept
/// `aliases`, `[original]` and `content/pages/`.
#[test]
fn an_imported_site_builds_clean() {
    let site = site_with("newsroom-1.2.xml");
    site.run(&["import", "export.xml"]).assert_code(0);
    site.build(&["--drafts"]);
    let check = site.run(&["check"]);
    check.assert_code(0);
    assert!(!check.stderr.contains("error"), "{check}");
    let lena = site.page("/authors/lena-ortiz/");
    assert_eq!(
        lena.texts(".cards .card-title > a"),
        ["Ports & Power: Who's Paying?"]
    );
    let jane = site.page("/authors/jane-doe/");
    assert_eq!(
        jane.texts(".cards .card-title > a"),
        [
            "Waiting for the Editor",
            "Members Only: The Budget Memo",
            "Ports & Power: Who's Paying?"
        ]
    );
    for draft in [
        "/2024/03/waiting-for-the-editor/",
        "/2024/02/notes-toward-a-transit-levy/",
        "/2023/07/budget-memo/",
    ] {
        assert!(
            !site.page(draft).select(".draft-banner").is_empty(),
            "{draft} is marked"
        );
    }
    assert!(site.exists("/about/"), "the page");
    assert!(site.exists("/2019/03/04/ports-and-power/"), "the alias");
    site.nu_check("the imported export");
}
