//! Search (issue 14): the index `build` writes, the search page and the header's search
//! box, and headless Chromium running real queries against the built output served as a
//! static host serves it.

use std::collections::BTreeMap;

use crate::browser::{Browser, StaticServer, Tab, chromium_or_skip};
use crate::harness::SiteTest;

/// Four published pieces (two in a series), a draft, a piece under embargo until 2099 and a
/// standalone page. The deep phrase,
/// the author's surname and the topic each appear in one place only, so each query has one
/// right answer; the draft's and the scheduled piece's words appear nowhere else.
fn fixture() -> SiteTest {
    let site = SiteTest::empty();
    site.file(
        "site.toml",
        "title = \"The Ledger\"\nbase_url = \"https://ledger.example.org\"\n",
    );
    let filler = "Officials have argued about the schedule for years, and the \
                  argument has not moved much since the last budget.\n\n";
    site.file(
        "content/grain.md",
        &format!(
            "+++\ntitle = \"The Grain Insurance Puzzle\"\ndate = 2024-03-10\nauthor = \"Marguerite Okonkwo\"\naffiliation = \"Harbor Institute\"\ntags = [\"Agriculture\"]\nsummary = \"Why farmers pay twice for the same cover.\"\n+++\n\n{}Near the end, the county clerks explain their silo ledger reconciliation, which nobody reads.\n",
            filler.repeat(30)
        ),
    );
    site.file(
        "content/tolls.md",
        "+++\ntitle = \"Tolls on the Northern Canal\"\ndate = 2023-05-02\nauthor = \"Dmitri Vasquez-Hale\"\ntags = [\"Transport\"]\nseries = \"Water Ways\"\n+++\n\nThe canal pays for itself only on paper.\n",
    );
    site.file(
        "content/ports.md",
        "+++\ntitle = \"Why Ports Need Patience\"\ndate = 2025-01-20\nauthor = \"Marguerite Okonkwo\"\ntags = [\"Transport\"]\nseries = \"Water Ways\"\n+++\n\nA canal dredged in haste silts up in a decade.\n",
    );
    site.file(
        "content/rates.md",
        "+++\ntitle = \"Rates and Ratepayers\"\ndate = 2025-06-01\nauthor = \"Ines Abara\"\ntags = [\"Energy\"]\n+++\n\nPumping water up the canal costs more each summer.\n",
    );
    site.file(
        "content/draft.md",
        "+++\ntitle = \"Unpublished Musings\"\ndate = 2025-07-01\nauthor = \"Ines Abara\"\ndraft = true\n+++\n\nA zephyrine notion, not ready for readers.\n",
    );
    // A standalone page (issue 12): not an article, so not searchable.
    site.file(
        "content/pages/about.md",
        "+++\ntitle = \"About the Ledger\"\nnav = true\n+++\n\nWe publish on Mondays; write to the xylographic desk.\n",
    );
    site.file(
        "content/later.md",
        "+++\ntitle = \"Tariffs to Come\"\ndate = 2099-01-01T09:00:00Z\nauthor = \"Olu Brandvold\"\ntags = [\"Trade\"]\n+++\n\nA quodlibetic forecast, held until its morning.\n",
    );
    site
}

#[test]
fn build_writes_the_search_page_and_every_header_has_a_search_box() {
    let site = fixture();
    site.build(&[]);
    let pages = site.pages();
    let kinds: std::collections::BTreeSet<String> = pages
        .values()
        .map(|page| page.attr("body", "class"))
        .collect();
    for kind in [
        "home",
        "article",
        "page",
        "author",
        "authors",
        "affiliation",
        "affiliations",
        "topic",
        "topics",
        "series",
        "series-index",
        "archive",
        "year",
        "month",
        "not-found",
        "search",
    ] {
        assert!(kinds.contains(&format!("kind-{kind}")), "{kinds:?}");
    }
    for (url, page) in &pages {
        let form = page.one("header.site-header form[role=search]");
        assert_eq!(form.value().attr("action"), Some("/search/"), "{url}");
        assert_eq!(form.value().attr("method"), Some("get"), "{url}");
        let input = page.one("header.site-header form[role=search] input[name=q]");
        let id = input.value().attr("id").unwrap_or_default();
        assert_eq!(
            page.attr(&format!("label[for={id}]"), "for"),
            id,
            "{url}: the box has a label"
        );
    }
    let page = site.page("/search/");
    assert_eq!(page.text("h1"), "Search");
    let form = page.one("main form.search-form");
    assert_eq!(form.value().attr("method"), Some("get"));
    assert_eq!(form.value().attr("action"), Some("/search/"));
    assert_eq!(form.value().attr("data-index"), Some("/search/data/"));
    assert_eq!(page.attr("label[for=search-q]", "for"), "search-q");
    assert_eq!(page.attr("#search-q", "name"), "q");
    assert_eq!(page.attr("#search-status", "aria-live"), "polite");
    assert_eq!(page.attr("script[src]", "src"), "/search.js");
    assert!(site.exists("/search.js"));
    for facet in ["author", "topic", "year"] {
        let select = format!("select[name={facet}]");
        let id = page.attr(&select, "id");
        assert_eq!(page.attr(&format!("label[for={id}]"), "for"), id);
    }
}

#[test]
fn without_javascript_the_search_page_says_so_and_links_to_the_archive_and_topics() {
    let site = fixture();
    site.build(&[]);
    let page = site.page("/search/");
    // scraper parses <noscript> as a browser with scripting on does (its content is text),
    // so its markup is parsed again here as the page a reader without JavaScript sees.
    let inner = page
        .select("noscript")
        .first()
        .map(|n| n.text().collect::<String>())
        .expect("a <noscript> message");
    let message = crate::harness::Page::parse("/search/", &format!("<body>{inner}</body>"));
    assert!(message.text("p").starts_with("Search needs JavaScript"));
    let links: Vec<String> = message.links("a").into_iter().map(|(_, h)| h).collect();
    assert_eq!(links, ["/archive/", "/tags/"]);
    assert!(page.select(".search-result").is_empty());
}

#[test]
fn search_off_writes_no_index_page_box_or_script() {
    let site = fixture();
    site.file(
        "site.toml",
        "title = \"The Ledger\"\nbase_url = \"https://ledger.example.org\"\nsearch = false\n",
    );
    site.build(&[]);
    assert!(!site.exists("/search/"));
    assert!(!site.exists("/search.js"));
    assert!(!site.root().join("public/search").exists());
    for (url, page) in site.pages() {
        assert!(page.select("form[role=search]").is_empty(), "{url}");
    }
}

#[test]
fn a_bad_search_setting_is_an_error_at_its_place() {
    let site = fixture();
    site.file("site.toml", "title = \"T\"\nsearch = \"yes\"\n");
    let run = site.build_fails(&[]);
    assert_eq!(
        run.diagnostics(),
        ["site.toml:2:10: `search` must be true or false, found a string"],
        "{run}"
    );
}

/// The index files under `public/search/data/`, parsed.
fn index(site: &SiteTest) -> BTreeMap<String, serde_json::Value> {
    site.tree("public/search/data")
        .into_iter()
        .map(|(path, bytes)| (path, serde_json::from_slice(&bytes).expect("JSON")))
        .collect()
}

/// The titles of the indexed articles, and every indexed word.
fn indexed(site: &SiteTest) -> (Vec<String>, Vec<String>) {
    let files = index(site);
    let titles: Vec<String> = files
        .iter()
        .filter(|(path, _)| path.starts_with("d/"))
        .map(|(_, doc)| doc["title"].as_str().expect("a title").to_string())
        .collect();
    assert_eq!(
        files["meta.json"]["count"].as_u64(),
        Some(titles.len() as u64)
    );
    let words = files
        .iter()
        .filter(|(path, _)| path.starts_with("t/"))
        .flat_map(|(_, shard)| shard.as_object().expect("a shard").keys().cloned())
        .collect();
    (titles, words)
}

/// Drafts and pieces under embargo are never indexed (issue 14): not by `build`, which
/// leaves embargoed pieces out of the site, nor by `--drafts` or `--future`, which build
/// their pages marked "Draft" and "Scheduled". The index holds what a plain build at the
/// same moment publishes. Standalone pages are not articles, and are not indexed either.
#[test]
fn drafts_scheduled_pieces_and_standalone_pages_are_never_indexed() {
    let site = fixture();
    for args in [
        &[][..],
        &["--drafts"],
        &["--future"],
        &["--drafts", "--future"],
    ] {
        site.build(args);
        let (titles, words) = indexed(&site);
        assert_eq!(titles.len(), 4, "{args:?}: {titles:?}");
        for title in ["Unpublished Musings", "Tariffs to Come"] {
            assert!(!titles.iter().any(|t| t == title), "{args:?}: {titles:?}");
        }
        assert!(words.iter().any(|w| w == "canal"), "{args:?}");
        assert!(
            !titles.iter().any(|t| t == "About the Ledger"),
            "{titles:?}"
        );
        for word in ["zephyrine", "quodlibetic", "brandvold", "xylographic"] {
            assert!(!words.iter().any(|w| w == word), "{args:?}: {word}");
        }
    }
    // The last build had both pages, each marked, and still neither was searchable.
    let draft = site.page("/2025/07/unpublished-musings/");
    assert_eq!(draft.texts(".draft-banner .badge"), ["Draft"]);
    let later = site.page("/2099/01/tariffs-to-come/");
    assert_eq!(later.texts(".draft-banner .badge"), ["Scheduled"]);

    // Once its moment has come, the scheduled piece is published, and found.
    site.build(&["--now", "2099-01-01T09:00:01Z"]);
    let (titles, words) = indexed(&site);
    assert!(titles.iter().any(|t| t == "Tariffs to Come"), "{titles:?}");
    assert!(words.iter().any(|w| w == "quodlibetic"));
    assert!(!words.iter().any(|w| w == "zephyrine"));
}

#[test]
fn two_builds_write_the_same_index() {
    let site = fixture();
    site.build(&["--output", "out-a"]);
    site.build(&["--output", "out-b"]);
    let (a, b) = (site.tree("out-a"), site.tree("out-b"));
    assert!(a.keys().any(|k| k.starts_with("search/data/t/")));
    assert_eq!(a, b);
}

/// The search page at `query` (the part after `?`), once its results are in.
fn search(tab: &mut Tab, server: &StaticServer, query: &str) -> Results {
    tab.navigate(&format!("{}/search/?{query}", server.url));
    results(tab)
}

/// What the page shows once the status has its final text.
fn results(tab: &mut Tab) -> Results {
    tab.wait_until(
        "(s => s && s.textContent && !s.textContent.startsWith('Searching'))(document.getElementById('search-status'))",
    );
    // Results are appended once their documents arrive; the count says how many to expect.
    tab.wait_until(
        "document.querySelectorAll('.search-result').length === Math.min(10, parseInt(document.getElementById('search-status').textContent) || 0)",
    );
    let titles = tab.eval(
        "JSON.stringify([...document.querySelectorAll('.search-result-title')].map(e => e.textContent))",
    );
    let marks = tab.eval(
        "JSON.stringify([...document.querySelectorAll('.search-result-excerpt mark')].map(e => e.textContent.toLowerCase()))",
    );
    Results {
        status: tab.eval("document.getElementById('search-status').textContent"),
        titles: serde_json::from_str(&titles).expect("titles"),
        marks: serde_json::from_str(&marks).expect("marks"),
    }
}

#[derive(Debug)]
struct Results {
    status: String,
    titles: Vec<String>,
    /// The highlighted words of the excerpts, lowercased.
    marks: Vec<String>,
}

#[test]
fn a_browser_finds_each_piece_by_phrase_author_and_topic() {
    let Some(chromium) = chromium_or_skip("the search browser test") else {
        return;
    };
    let site = fixture();
    // The draft's and the scheduled piece's pages are built too, and marked; neither is
    // searchable.
    site.build(&["--drafts", "--future"]);
    let server = StaticServer::start(&site.root().join("public"));
    let browser = Browser::launch(&chromium);
    let mut tab = browser.tab();
    tab.watch_errors();

    // A phrase from the last paragraph of a long body.
    let found = search(&mut tab, &server, "q=silo+ledger+reconciliation");
    assert_eq!(found.titles, ["The Grain Insurance Puzzle"], "{found:?}");
    assert_eq!(found.status, "1 result for “silo ledger reconciliation”.");
    assert_eq!(found.marks, ["silo", "ledger", "reconciliation"]);

    // An author's surname: both of her pieces, newest first.
    let found = search(&mut tab, &server, "q=okonkwo");
    assert_eq!(
        found.titles,
        ["Why Ports Need Patience", "The Grain Insurance Puzzle"],
        "{found:?}"
    );
    assert!(
        tab.eval("document.querySelector('.search-result-meta').textContent")
            .starts_with("Marguerite Okonkwo")
    );

    // A topic's name, found only among the topics.
    let found = search(&mut tab, &server, "q=Agriculture");
    assert_eq!(found.titles, ["The Grain Insurance Puzzle"], "{found:?}");

    // A word begun is a word found: "recon" → "reconciliation".
    let found = search(&mut tab, &server, "q=recon");
    assert_eq!(found.titles, ["The Grain Insurance Puzzle"], "{found:?}");

    // The draft's own word finds nothing.
    let found = search(&mut tab, &server, "q=zephyrine");
    assert!(found.titles.is_empty(), "{found:?}");
    assert_eq!(found.status, "No results for “zephyrine”.");
    // Nor does the scheduled piece's, nor its author's name.
    for word in ["quodlibetic", "brandvold"] {
        let found = search(&mut tab, &server, &format!("q={word}"));
        assert!(found.titles.is_empty(), "{word}: {found:?}");
    }

    assert!(tab.errors.is_empty(), "{:#?}", tab.errors);
}

#[test]
fn a_browser_narrows_results_by_author_topic_and_year() {
    let Some(chromium) = chromium_or_skip("the search filter test") else {
        return;
    };
    let site = fixture();
    site.build(&[]);
    let server = StaticServer::start(&site.root().join("public"));
    let browser = Browser::launch(&chromium);
    let mut tab = browser.tab();
    tab.watch_errors();

    let all = search(&mut tab, &server, "q=canal");
    assert_eq!(
        all.titles,
        [
            "Tolls on the Northern Canal",
            "Rates and Ratepayers",
            "Why Ports Need Patience"
        ],
        "{all:?}"
    );
    // Title words weigh more than body words, so the piece named after the canal comes
    // first; the two that mention it once are tied, and the newer comes first.
    let options = |tab: &mut Tab, facet: &str| -> Vec<String> {
        let json = tab.eval(&format!(
            "JSON.stringify([...document.querySelectorAll('select[name={facet}] option')].map(o => o.textContent))"
        ));
        serde_json::from_str(&json).expect("options")
    };
    assert_eq!(
        options(&mut tab, "topic"),
        ["Any topic", "Energy (1)", "Transport (2)"]
    );
    assert_eq!(
        options(&mut tab, "year"),
        ["Any year", "2025 (2)", "2023 (1)"]
    );

    // Choosing an author narrows the list and the address says so.
    tab.eval(
        "(s => { s.value = 'Marguerite Okonkwo'; s.dispatchEvent(new Event('change')); })(document.querySelector('select[name=author]'))",
    );
    tab.wait_until("location.search.includes('author=')");
    let narrowed = results(&mut tab);
    assert_eq!(narrowed.titles, ["Why Ports Need Patience"], "{narrowed:?}");
    assert_eq!(narrowed.status, "1 result for “canal” (filtered).");

    // Filters in the address apply on load, as a shared link would.
    let by_year = search(&mut tab, &server, "q=canal&year=2023");
    assert_eq!(
        by_year.titles,
        ["Tolls on the Northern Canal"],
        "{by_year:?}"
    );
    let by_topic = search(&mut tab, &server, "q=canal&topic=Transport");
    assert_eq!(by_topic.titles.len(), 2, "{by_topic:?}");

    assert!(tab.errors.is_empty(), "{:#?}", tab.errors);
}

#[test]
fn the_header_box_submits_to_the_search_page_and_it_works_without_javascript_too() {
    let Some(chromium) = chromium_or_skip("the search header test") else {
        return;
    };
    let site = fixture();
    site.build(&[]);
    let server = StaticServer::start(&site.root().join("public"));
    let browser = Browser::launch(&chromium);
    let mut tab = browser.tab();
    tab.watch_errors();

    // Typing in the header's box on an article and pressing Enter: a plain GET.
    tab.navigate(&format!(
        "{}/2023/05/tolls-on-the-northern-canal/",
        server.url
    ));
    tab.wait_until("document.getElementById('site-search-q') !== null");
    tab.eval(
        "(i => { i.value = 'patience'; i.form.requestSubmit(); })(document.getElementById('site-search-q'))",
    );
    tab.wait_until("location.pathname === '/search/' && location.search === '?q=patience'");
    let found = results(&mut tab);
    assert_eq!(found.titles, ["Why Ports Need Patience"], "{found:?}");
    assert_eq!(
        tab.eval("document.getElementById('search-q').value"),
        "patience"
    );
    assert!(tab.errors.is_empty(), "{:#?}", tab.errors);

    // With scripts off the page shows its message and no results.
    tab.disable_scripts();
    tab.navigate(&format!("{}/search/?q=canal", server.url));
    tab.wait_until("document.readyState === 'complete'");
    assert!(
        tab.eval("document.querySelector('main').innerText")
            .contains("Search needs JavaScript"),
    );
    assert_eq!(
        tab.eval("String(document.querySelectorAll('.search-result').length)"),
        "0"
    );
}

/// A portable build read from disk (issue 10) cannot fetch its index: browsers refuse
/// `fetch` on `file://`. The page says where search works instead, with no error.
#[test]
fn a_portable_build_read_from_disk_says_search_needs_a_web_server() {
    let Some(chromium) = chromium_or_skip("the portable search test") else {
        return;
    };
    let site = fixture();
    site.build(&["--portable"]);
    let page = site.root().join("public/search/index.html");
    assert!(page.is_file());
    let browser = Browser::launch(&chromium);
    let mut tab = browser.tab();
    tab.watch_errors();
    tab.navigate(&format!("file://{}?q=canal", page.display()));
    let status = tab.wait_for("document.getElementById('search-status').textContent");
    assert!(
        status.starts_with("Search works once the site is on a web server"),
        "{status}"
    );
    assert_eq!(
        tab.eval("String(document.querySelectorAll('.search-result').length)"),
        "0"
    );
    assert!(tab.errors.is_empty(), "{:#?}", tab.errors);
}

#[test]
fn a_static_file_inside_the_index_folder_is_an_error() {
    let site = fixture();
    site.file("static/search/data/meta.json", "{}");
    let run = site.build_fails(&[]);
    assert_eq!(
        run.diagnostics(),
        [
            "static/search/data/meta.json:1:1: static file /search/data/meta.json is inside /search/data/, which holds the search index"
        ],
        "{run}"
    );
    // With search off the folder is the site's to use.
    site.file(
        "site.toml",
        "title = \"The Ledger\"\nbase_url = \"https://ledger.example.org\"\nsearch = false\n",
    );
    site.build(&[]);
    assert_eq!(site.read("/search/data/meta.json"), "{}");
}
