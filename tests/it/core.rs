//! The build itself (issue 2): bylines and their links, JSON-LD, escaping of hostile names,
//! error reports with their places and exit codes, all-or-nothing output, determinism, the
//! built-in theme, the `build` flags, template overrides and errors, and output safety.

use std::collections::BTreeMap;

use crate::harness::{SiteTest, text_of};

/// An article with one author, in TOML front matter.
fn piece(title: &str, date: &str, author: &str) -> String {
    format!(
        "+++\ntitle = {title:?}\ndate = {date}\nauthor = {author:?}\n+++\n\nA short piece called {title}.\n"
    )
}

/// The co-authored piece of the `core/coauthors` fixture.
const SHARED: &str = "/2025/03/two-rivers-one-budget/";

#[test]
fn coauthored_byline_links_each_author_with_their_own_affiliation() {
    let site = SiteTest::fixture("core/coauthors");
    site.build(&[]);
    let page = site.page(SHARED);

    assert_eq!(
        page.text("p.byline"),
        "By Ada Mensah, Lakeshore Institute and Iker Zubiri, University of the North Coast"
    );
    assert_eq!(
        page.links("p.byline a.author"),
        [
            ("Ada Mensah".into(), "/authors/ada-mensah/".into()),
            ("Iker Zubiri".into(), "/authors/iker-zubiri/".into()),
        ]
    );
    assert_eq!(
        page.links("p.byline .affiliation a"),
        [
            (
                "Lakeshore Institute".into(),
                "/affiliations/lakeshore-institute/".into()
            ),
            (
                "University of the North Coast".into(),
                "/affiliations/university-of-the-north-coast/".into()
            ),
        ]
    );

    // Both bio boxes, in byline order, with the profile's role and bio.
    let bios = page.select("section.bios .bio");
    assert_eq!(bios.len(), 2);
    let bio = |i: usize, css: &str| {
        let found: Vec<String> = bios[i]
            .select(&crate::harness::selector(css))
            .map(text_of)
            .collect();
        found.join(" | ")
    };
    assert_eq!(bio(0, ".bio-name a"), "Ada Mensah");
    assert_eq!(bio(0, ".bio-role"), "Senior Fellow, Lakeshore Institute");
    assert_eq!(
        bio(0, ".bio-body"),
        "Ada Mensah studies inland shipping and the public budgets that keep channels open."
    );
    assert_eq!(bio(1, ".bio-name a"), "Iker Zubiri");
    assert_eq!(
        bio(1, ".bio-role"),
        "Professor of Hydrology, University of the North Coast"
    );
    assert_eq!(
        bio(1, ".bio-body"),
        "Iker Zubiri measures how rivers move sand, and who pays when they do."
    );
    assert_eq!(
        page.attrs("section.bios .bio-name a", "href"),
        ["/authors/ada-mensah/", "/authors/iker-zubiri/"]
    );

    // The article's own footer names both affiliations it was written at.
    assert_eq!(
        page.attrs("p.filed a", "href"),
        [
            "/2025/03/",
            "/affiliations/lakeshore-institute/",
            "/affiliations/university-of-the-north-coast/"
        ]
    );
    assert_eq!(
        page.attrs(r#"meta[name="author"]"#, "content"),
        ["Ada Mensah", "Iker Zubiri"]
    );
}

#[test]
fn coauthored_article_main_matches_its_golden_file() {
    let site = SiteTest::fixture("core/coauthors");
    site.build(&[]);
    site.assert_pages(&["/2025/03/two-rivers-one-budget/"]);
}

#[test]
fn json_ld_describes_the_article_field_by_field() {
    let site = SiteTest::fixture("core/coauthors");
    site.build(&[]);
    let ld = site.page(SHARED).json_ld();
    let base = "https://notes.example.org";

    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "OpinionNewsArticle");
    assert_eq!(ld["headline"], "Two Rivers, One Budget");
    assert_eq!(
        ld["description"],
        "Two river agencies plan their dredging apart and pay for it twice."
    );
    assert_eq!(ld["url"], format!("{base}{SHARED}"));
    assert_eq!(ld["mainEntityOfPage"], format!("{base}{SHARED}"));
    // RFC 3339 with New York's offset on that day (standard time, before the March change).
    assert_eq!(ld["datePublished"], "2025-03-04T09:15:00-05:00");
    assert_eq!(ld["dateModified"], "2025-03-06T12:00:00-05:00");
    assert_eq!(ld["keywords"], serde_json::json!(["water", "budgets"]));
    assert_eq!(ld["inLanguage"], "en");

    let organization = |name: &str, slug: &str| {
        serde_json::json!({
            "@type": "Organization",
            "name": name,
            "url": format!("{base}/affiliations/{slug}/"),
        })
    };
    let authors = ld["author"].as_array().expect("author is an array");
    assert_eq!(authors.len(), 2);
    for (person, name, slug, job, affiliation, affiliation_slug) in [
        (
            &authors[0],
            "Ada Mensah",
            "ada-mensah",
            "Senior Fellow",
            "Lakeshore Institute",
            "lakeshore-institute",
        ),
        (
            &authors[1],
            "Iker Zubiri",
            "iker-zubiri",
            "Professor of Hydrology",
            "University of the North Coast",
            "university-of-the-north-coast",
        ),
    ] {
        assert_eq!(person["@type"], "Person");
        assert_eq!(person["name"], name);
        assert_eq!(person["url"], format!("{base}/authors/{slug}/"));
        assert_eq!(person["jobTitle"], job);
        assert_eq!(
            person["affiliation"],
            organization(affiliation, affiliation_slug)
        );
        assert_eq!(
            person["worksFor"],
            organization(affiliation, affiliation_slug)
        );
    }
    assert_eq!(
        ld["publisher"],
        serde_json::json!({ "@type": "Organization", "name": "Harbor Notes", "url": format!("{base}/") })
    );
}

#[test]
fn hostile_title_and_names_are_escaped_everywhere() {
    let title = r#"<script>alert(1)</script> & "quoted" 'single'"#;
    let author = r#"</script><b>Mal</b> & "O'Neil""#;
    let affiliation = r#"Lab <&> "Q""#;
    let topic = r#"<i>x</i> & "y""#;
    let site = SiteTest::empty();
    site.file(
        "site.toml",
        "title = \"Safe & Sound\"\nbase_url = \"https://safe.example.org\"\n",
    );
    site.file(
        "content/hostile.md",
        &format!(
            "+++\ntitle = {title:?}\ndate = 2025-08-16T08:00:00Z\nauthor = {author:?}\naffiliation = {affiliation:?}\ntags = [{topic:?}]\nsummary = {title:?}\n+++\n\nPlain text.\n"
        ),
    );
    site.build(&[]);
    let pages = site.pages();
    let (url, page) = pages
        .iter()
        .find(|(_, p)| !p.select("body.kind-article").is_empty())
        .expect("an article page");

    // Text and attributes read back as exactly what was written, and nothing became markup.
    assert_eq!(page.text("h1.article-title"), title);
    assert_eq!(page.text("p.byline a.author"), author);
    assert_eq!(page.text("p.byline .affiliation a"), affiliation);
    assert_eq!(page.text("title"), format!("{title} · Safe & Sound"));
    assert_eq!(page.attr(r#"meta[property="og:title"]"#, "content"), title);
    assert_eq!(page.attr(r#"meta[name="description"]"#, "content"), title);
    assert_eq!(
        page.attr(r#"meta[property="og:description"]"#, "content"),
        title
    );
    assert_eq!(page.text("p.dek"), title);
    assert_eq!(page.attr(r#"meta[name="author"]"#, "content"), author);
    assert_eq!(page.text("p.kicker a"), topic);
    assert_eq!(
        page.attr(r#"meta[property="article:tag"]"#, "content"),
        topic
    );
    assert_eq!(
        page.select("script").len(),
        1,
        "{url}: only the JSON-LD script"
    );
    assert!(page.select("main b").is_empty(), "{url}: <b> became markup");

    // JSON-LD: the raw block never closes its script, and parses back to the exact strings.
    let raw = site.read(url);
    let start = raw.find("application/ld+json\">").expect("JSON-LD block") + 21;
    let block = &raw[start..start + raw[start..].find("</script>").expect("closed")];
    assert!(!block.contains('<'), "raw `<` in JSON-LD: {block}");
    let ld = page.json_ld();
    assert_eq!(ld["headline"], title);
    assert_eq!(ld["author"][0]["name"], author);
    assert_eq!(ld["author"][0]["affiliation"]["name"], affiliation);
    assert_eq!(ld["publisher"]["name"], "Safe & Sound");
    assert_eq!(ld["keywords"][0], topic);

    // The author page and listings carry the same exact text.
    let author_page = site.page(&page.href("p.byline a.author"));
    assert_eq!(author_page.text("h1.page-title"), author);
    assert_eq!(site.page("/").text(".card-title a"), title);

    // The Atom feed is well-formed XML that gives back the exact strings.
    let xml = site.read("/atom.xml");
    let feed = roxmltree::Document::parse(&xml).expect("atom.xml is XML");
    let entry = feed
        .descendants()
        .find(|n| n.has_tag_name("entry"))
        .expect("an entry");
    let child_text = |node: roxmltree::Node, name: &str| {
        node.descendants()
            .find(|n| n.has_tag_name(name))
            .and_then(|n| n.text())
            .map(str::to_string)
    };
    assert_eq!(child_text(entry, "title").as_deref(), Some(title));
    assert_eq!(child_text(entry, "summary").as_deref(), Some(title));
    let author_node = entry
        .descendants()
        .find(|n| n.has_tag_name("author"))
        .expect("an author");
    assert_eq!(child_text(author_node, "name").as_deref(), Some(author));
    assert_eq!(
        child_text(feed.root_element(), "title").as_deref(),
        Some("Safe & Sound")
    );
    let category = entry
        .descendants()
        .find(|n| n.has_tag_name("category"))
        .expect("a category");
    assert_eq!(category.attribute("term"), Some(topic));

    // So is the author's own feed, whose title holds the name.
    let author_url = page.href("p.byline a.author");
    let xml = site.read(&format!("{author_url}atom.xml"));
    let author_feed = roxmltree::Document::parse(&xml).expect("the author feed is XML");
    assert_eq!(
        child_text(author_feed.root_element(), "title"),
        Some(format!("{author} · Safe & Sound"))
    );
}

// --- Errors: each at `path:line:column`, exit code 1 ------------------------------------

/// Builds a one-file site whose only article is `text`, which must fail; returns the run.
fn build_one(text: &str) -> crate::harness::Run {
    let site = SiteTest::empty();
    site.file("content/piece.md", text);
    site.build_fails(&[])
}

#[test]
fn bad_toml_is_reported_where_the_parser_stopped() {
    let run = build_one("+++\ntitle = \"Unclosed\ndate = 2025-08-16\nauthor = \"A B\"\n+++\n");
    let d = run.diagnostic();
    assert!(
        d.starts_with("content/piece.md:2:18: invalid TOML:"),
        "{run}"
    );
}

#[test]
fn bad_yaml_is_reported_where_the_parser_stopped() {
    let run = build_one("---\ntitle: Fine\ndate: 2025-08-16\nauthor: A B\n  tags: [x]\n---\n");
    assert_eq!(
        run.diagnostic(),
        "content/piece.md:5:7: invalid YAML: mapping values are not allowed in this context",
        "{run}"
    );
}

#[test]
fn missing_title_date_and_author_are_each_reported() {
    let run = build_one("+++\nsummary = \"Only this.\"\n+++\n");
    assert_eq!(
        run.diagnostics(),
        [
            "content/piece.md:1:1: missing `author` in front matter",
            "content/piece.md:1:1: missing `date` in front matter",
            "content/piece.md:1:1: missing `title` in front matter",
        ],
        "{run}"
    );
    // Each comes with an example line to add.
    assert_eq!(run.stderr.matches("= hint: add a line such as").count(), 3);
}

#[test]
fn unknown_key_is_an_error_with_a_suggestion() {
    let run =
        build_one("+++\ntitle = \"T\"\ndate = 2025-08-16\nauthor = \"A B\"\nsumary = \"S\"\n+++\n");
    assert_eq!(
        run.stderr,
        "content/piece.md:5:1: unknown key `sumary`\n  = hint: did you mean `summary`?\nerror: 1 problem in 1 file; the previous output was left as it was\n",
        "{run}"
    );
}

#[test]
fn unknown_key_in_site_settings_is_an_error_with_a_suggestion() {
    let site = SiteTest::empty();
    site.file("site.toml", "title = \"T\"\nper_pag = 5\n");
    site.file("content/a.md", &piece("A", "2025-08-16", "A B"));
    let run = site.build_fails(&[]);
    assert_eq!(
        run.stderr,
        "site.toml:2:1: unknown key `per_pag` in site settings\n  = hint: did you mean `per_page`?\nerror: 1 problem in 1 file; the previous output was left as it was\n",
    );
}

#[test]
fn bad_date_points_at_the_value() {
    let run = build_one("+++\ntitle = \"T\"\ndate = \"Agust 16, 2025\"\nauthor = \"A B\"\n+++\n");
    let d = run.diagnostic();
    assert!(
        d.starts_with("content/piece.md:3:8: `date` is not a valid date:"),
        "{run}"
    );
    assert!(d.contains("\"Agust 16, 2025\""), "{run}");
}

#[test]
fn duplicate_url_names_both_files() {
    let site = SiteTest::empty();
    site.file(
        "content/first.md",
        "+++\ntitle = \"Same Title\"\ndate = 2025-08-16\nauthor = \"A B\"\n+++\n",
    );
    site.file(
        "content/second.md",
        "+++\ntitle = \"Another Title\"\nslug = \"same-title\"\ndate = 2025-08-20\nauthor = \"A B\"\n+++\n",
    );
    let run = site.build_fails(&[]);
    // The older piece is reported (newest is seen first), at the title its URL comes from.
    assert_eq!(
        run.stderr,
        "content/first.md:2:9: URL /2025/08/same-title/ is also the URL of content/second.md:3:8\n  = hint: give one of them a different `slug`\nerror: 1 problem in 1 file; the previous output was left as it was\n",
        "{run}"
    );
}

#[test]
fn every_broken_file_is_reported_sorted_by_path_and_line() {
    let site = SiteTest::fixture("core/broken");
    let run = site.build_fails(&[]);
    let places: Vec<&str> = run
        .diagnostics()
        .into_iter()
        .map(|d| d.split(": ").next().unwrap_or_default())
        .collect();
    assert_eq!(
        places,
        [
            "content/2025/bad-date.md:3:8",
            "content/bad-toml.md:2:18",
            "content/bad-yaml.md:5:7",
            "content/missing.md:1:1",
            "content/missing.md:1:1",
            "content/missing.md:1:1",
            "content/typo.md:5:1",
        ],
        "{run}"
    );
    assert!(!site.root().join("public").exists(), "nothing was written");
    // The whole report is pinned, to keep its format stable.
    site.assert_snapshot("stderr.txt", &run.stderr);
}

#[test]
fn failed_build_leaves_the_previous_output_byte_identical() {
    let site = SiteTest::fixture("core/coauthors");
    site.build(&[]);
    let before = site.tree("public");
    assert!(before.contains_key("index.html"));

    site.file(
        "content/2025/late.md",
        "+++\ntitle = \"Late\"\nautor = \"X\"\n+++\n",
    );
    let run = site.build_fails(&[]);
    assert!(
        run.stderr
            .contains("the previous output was left as it was")
    );
    assert_eq!(site.tree("public"), before);
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .expect("read root")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("broadsheet"))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left: {leftovers:?}");

    // A template error fails the same way.
    site.remove("content/2025/late.md");
    site.file("templates/index.html", "{% if %}");
    site.build_fails(&[]);
    assert_eq!(site.tree("public"), before);
}

#[test]
fn two_builds_are_byte_identical() {
    let site = SiteTest::sample();
    site.build(&[]);
    let first = site.tree("public");
    site.build(&[]);
    assert!(first.len() > 50, "the sample site has many files");
    assert_eq!(site.tree("public"), first);

    site.build(&["--output", "out-a"]);
    site.build(&["--output", "out-b"]);
    let (a, b) = (site.tree("out-a"), site.tree("out-b"));
    assert_eq!(a, b);
    assert_eq!(a, first, "the output folder's name leaves no trace in it");
}

#[test]
fn a_site_with_only_content_builds_with_the_built_in_theme() {
    let site = SiteTest::empty();
    site.file(
        "content/only.md",
        &piece("Only Content", "2025-01-02", "Sam Reyes"),
    );
    site.build(&[]);
    let css = site.read("/style.css");
    assert!(css.len() > 1000, "the built-in stylesheet");
    let pages = site.pages();
    for url in [
        "/",
        "/2025/01/only-content/",
        "/authors/",
        "/authors/sam-reyes/",
        "/affiliations/",
        "/tags/",
        "/archive/",
        "/2025/",
        "/2025/01/",
        "/404.html",
    ] {
        let page = pages.get(url).unwrap_or_else(|| panic!("no page {url}"));
        assert_eq!(
            page.attr(r#"link[rel="stylesheet"]"#, "href"),
            "/style.css",
            "{url}"
        );
    }
    assert_eq!(site.page("/").text("h2.card-title a"), "Only Content");
    assert_eq!(site.page("/").text("title"), "Commentary");
}

#[test]
fn drafts_are_built_only_with_the_flag() {
    let site = SiteTest::empty();
    site.file(
        "content/out.md",
        &piece("Published", "2025-02-01", "Ana Ruiz"),
    );
    site.file(
        "content/draft.md",
        "+++\ntitle = \"Not Yet\"\ndate = 2025-02-03\nauthor = \"Ana Ruiz\"\ndraft = true\n+++\n\nUnfinished.\n",
    );
    site.build(&[]);
    assert!(!site.exists("/2025/02/not-yet/"));
    assert_eq!(site.page("/").texts("h2.card-title a"), ["Published"]);
    assert!(!site.read("/sitemap.xml").contains("not-yet"));
    assert!(!site.read("/atom.xml").contains("Not Yet"));

    site.build(&["--drafts"]);
    let draft = site.page("/2025/02/not-yet/");
    assert_eq!(draft.text("h1.article-title"), "Not Yet");
    assert_eq!(draft.select("article.is-draft").len(), 1);
    let home = site.page("/");
    assert_eq!(home.texts("h2.card-title a"), ["Not Yet", "Published"]);
    assert_eq!(home.texts("h2.card-title .badge"), ["Draft"]);
}

#[test]
fn base_url_flag_changes_canonical_urls() {
    let site = SiteTest::fixture("core/coauthors");
    site.build(&["--base-url", "https://mirror.example.net/notes/"]);
    let page = site.page(SHARED);
    let expected = format!("https://mirror.example.net/notes{SHARED}");
    assert_eq!(page.attr(r#"link[rel="canonical"]"#, "href"), expected);
    assert_eq!(page.attr(r#"meta[property="og:url"]"#, "content"), expected);
    assert_eq!(page.json_ld()["url"], expected.as_str());
    // Links inside the site carry the base URL's path.
    assert_eq!(
        page.attrs("p.byline a.author", "href"),
        ["/notes/authors/ada-mensah/", "/notes/authors/iker-zubiri/"]
    );
    let sitemap = site.read("/sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).expect("sitemap is XML");
    assert!(
        doc.descendants()
            .filter(|n| n.has_tag_name("loc"))
            .all(|n| n
                .text()
                .unwrap_or_default()
                .starts_with("https://mirror.example.net/notes/"))
    );

    let run = site.run(&["build", "--base-url", "mirror.example.net"]);
    run.assert_code(1);
    assert!(
        run.diagnostic().starts_with("--base-url:1:1: base URL"),
        "{run}"
    );
}

#[test]
fn a_template_in_the_site_replaces_the_built_in_one() {
    let site = SiteTest::fixture("core/coauthors");
    site.file(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block main %}<h1 class=\"ours\">{{ article.title }}</h1>{% endblock main %}\n",
    );
    site.build(&[]);
    let page = site.page(SHARED);
    assert_eq!(page.text("main h1.ours"), "Two Rivers, One Budget");
    assert!(
        page.select("p.byline").is_empty(),
        "the built-in body is gone"
    );
    // The built-in base still frames it, and other pages are untouched.
    assert_eq!(page.select("header.site-header nav a").len(), 5);
    assert_eq!(site.page("/").select("h2.card-title").len(), 2);
}

#[test]
fn template_syntax_error_points_at_the_template() {
    let site = SiteTest::fixture("core/coauthors");
    site.file(
        "templates/topics.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{% for t in topics %}\n{% endblock main %}\n",
    );
    let run = site.build_fails(&[]);
    let d = run.diagnostic();
    assert!(
        d.starts_with("templates/topics.html:4:") && d.contains("template syntax error"),
        "{run}"
    );
}

#[test]
fn template_render_error_points_at_the_variable() {
    let site = SiteTest::fixture("core/coauthors");
    site.file(
        "templates/404.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ missing_thing }}</p>\n{% endblock main %}\n",
    );
    let run = site.build_fails(&[]);
    let d = run.diagnostic();
    assert!(
        d.starts_with("templates/404.html:3:7: template error:") && d.contains("missing_thing"),
        "{run}"
    );

    // An error in a built-in template that the site overrides is pinned to the override.
    site.remove("templates/404.html");
    site.file(
        "templates/partials/card.html",
        "<article>\n{{ item.no_such_field.deeper }}\n</article>\n",
    );
    let run = site.build_fails(&[]);
    assert!(
        run.diagnostic()
            .starts_with("templates/partials/card.html:2:"),
        "{run}"
    );
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_write() {
    let site = SiteTest::fixture("core/coauthors");
    site.file("notes/keep.txt", "mine\n");
    let run = site.run(&["build", "--output", "notes"]);
    run.assert_code(2);
    assert!(
        run.stderr.starts_with(
            "error: refusing to replace notes: it is not empty and was not written by broadsheet"
        ),
        "{run}"
    );
    let left: BTreeMap<String, Vec<u8>> = site.tree("notes");
    assert_eq!(left.keys().collect::<Vec<_>>(), ["keep.txt"]);

    // An absolute path is refused the same way, and shown redacted.
    let absolute = site.root().join("notes");
    let run = site.run(&["build", "--output", &absolute.to_string_lossy()]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("refusing to replace [ROOT]/notes"),
        "{run}"
    );
    assert_eq!(site.tree("notes").len(), 1);
}

#[test]
fn refuses_to_write_over_the_site_root() {
    let site = SiteTest::fixture("core/coauthors");
    let before = site.tree("");
    for output in [".", "./", "content/.."] {
        let run = site.run(&["build", "--output", output]);
        run.assert_code(2);
        assert!(
            run.stderr.contains("it holds the site's own sources"),
            "{run}"
        );
    }
    let absolute = site.root().to_string_lossy().into_owned();
    site.run(&["build", "--output", &absolute]).assert_code(2);
    assert_eq!(site.tree(""), before, "nothing was written or removed");
}

#[test]
fn a_root_that_is_not_a_folder_is_refused() {
    let site = SiteTest::fixture("core/coauthors");
    let before = site.tree("");
    let run = site.run(&["build", "--root", "no-such-site", "--output", "out"]);
    run.assert_code(2);
    assert!(run.stderr.contains("no-such-site is not a folder"), "{run}");
    assert_eq!(site.tree(""), before, "nothing was written");
}
