//! `import`, `new` and `init` (issue 5), through the real binary.
//!
//! The plain-text pieces in `import/fixtures/` are of our own writing, one per dateline and
//! bio form the importer accepts, plus the broken ones it must refuse. Each test copies the
//! pieces it needs into `pieces/` of a fresh site whose time zone is New York, so every
//! dateline is read there.

use std::path::Path;

use crate::harness::{FIXTURES, SiteTest};

/// A site in New York time, with the named fixtures copied into `pieces/`.
fn site_with(pieces: &[&str]) -> SiteTest {
    let site = SiteTest::empty();
    site.file(
        "site.toml",
        "title = \"Imports\"\ntimezone = \"America/New_York\"\n",
    );
    for name in pieces {
        site.file(&format!("pieces/{name}"), &fixture(name));
    }
    site
}

fn fixture(name: &str) -> String {
    let path = Path::new(FIXTURES).join("import/fixtures").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `broadsheet import pieces/<name>…` followed by `extra` arguments.
fn import(site: &SiteTest, pieces: &[&str], extra: &[&str]) -> crate::harness::Run {
    let paths: Vec<String> = pieces.iter().map(|p| format!("pieces/{p}")).collect();
    let mut args = vec!["import"];
    args.extend(paths.iter().map(String::as_str));
    args.extend_from_slice(extra);
    site.run(&args)
}

fn read(site: &SiteTest, path: &str) -> String {
    std::fs::read_to_string(site.root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The TOML front matter of a file the commands wrote.
fn front_matter(site: &SiteTest, path: &str) -> toml::Table {
    let text = read(site, path);
    let block = text
        .strip_prefix("+++\n")
        .and_then(|rest| rest.split_once("\n+++\n"))
        .map(|(block, _)| block)
        .unwrap_or_else(|| panic!("{path} has no +++ front matter:\n{text}"));
    block
        .parse()
        .unwrap_or_else(|e| panic!("{path}: front matter does not parse: {e}\n{block}"))
}

fn string<'a>(table: &'a toml::Table, key: &str) -> &'a str {
    table
        .get(key)
        .and_then(toml::Value::as_str)
        .unwrap_or_else(|| panic!("no string `{key}` in {table:#?}"))
}

/// The body paragraphs of a fixture, found without the importer: blocks of lines between
/// blank lines, each joined with single spaces, less `header` blocks at the top and the bio
/// block at the end.
fn source_paragraphs(name: &str, header: usize) -> Vec<String> {
    let text = fixture(name);
    let blocks: Vec<String> = text
        .split("\n\n")
        .map(|block| {
            block
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|b| !b.is_empty())
        .collect();
    blocks[header..blocks.len() - 1].to_vec()
}

/// Every fixture that imports, with its article's slug, its title, its date as written to
/// the front matter, and the number of header blocks before its body.
const GOOD: &[(&str, &str, &str, &str, usize)] = &[
    (
        "dateline-long-time.txt",
        "why-small-ports-matter-more-than-ever",
        "Why Small Ports Matter More Than Ever",
        "2025-08-16T08:00:00-04:00",
        1,
    ),
    (
        "dateline-am-pm.txt",
        "a-modest-case-for-boring-elections",
        "A Modest Case for Boring Elections",
        "2025-08-16T20:00:00-04:00",
        1,
    ),
    (
        "dateline-abbreviated.txt",
        "the-quiet-cost-of-temporary-budgets",
        "The Quiet Cost of Temporary Budgets",
        "2025-08-16",
        2,
    ),
    (
        "dateline-day-first.txt",
        "rethinking-the-night-train",
        "Rethinking the Night Train",
        "2025-08-16",
        1,
    ),
    (
        "dateline-iso.txt",
        "libraries-as-climate-shelters",
        "Libraries as Climate Shelters",
        "2025-08-16",
        1,
    ),
    (
        "dateline-weekday.txt",
        "fixing-the-permit-queue",
        "Fixing the Permit Queue",
        "2025-08-16",
        1,
    ),
    (
        "coauthors-two.txt",
        "water-rights-need-a-ledger",
        "Water Rights Need a Ledger",
        "2025-08-16",
        1,
    ),
    (
        "coauthors-three.txt",
        "grid-batteries-are-not-a-luxury",
        "Grid Batteries Are Not a Luxury",
        "2025-08-16T09:30:00-04:00",
        1,
    ),
    (
        "coauthors-separate-bios.txt",
        "two-cheers-for-regional-trade-deals",
        "Two Cheers for Regional Trade Deals",
        "2025-08-16",
        1,
    ),
    (
        "trailing-handle.txt",
        "the-case-for-public-data-stewards",
        "The Case for Public Data Stewards",
        "2025-08-16T08:00:00-04:00",
        1,
    ),
    (
        "markdown-traps.txt",
        "five-lessons-from-the-budget-fight",
        "Five Lessons From the Budget Fight",
        "2025-08-16T08:00:00-04:00",
        1,
    ),
];

fn good_names() -> Vec<&'static str> {
    GOOD.iter().map(|g| g.0).collect()
}

#[test]
fn every_dateline_and_bio_form_imports() {
    let site = site_with(&good_names());
    let run = import(&site, &good_names(), &[]);
    run.assert_code(0);
    assert_eq!(
        run.stdout.trim(),
        "imported 11 pieces, 15 new author profiles",
        "{run}"
    );
    assert_eq!(run.stderr, "", "{run}");

    for &(_, slug, title, date, _) in GOOD {
        let front = front_matter(&site, &format!("content/2025/{slug}.md"));
        assert_eq!(string(&front, "title"), title);
        assert_eq!(string(&front, "date"), date, "{slug}");
        assert!(!string(&front, "summary").is_empty(), "{slug}");
        assert!(
            front.contains_key("author") != front.contains_key("authors"),
            "{slug}: one of author and authors"
        );
    }

    let single = front_matter(
        &site,
        "content/2025/why-small-ports-matter-more-than-ever.md",
    );
    assert_eq!(string(&single, "author"), "Marta Ivanović");
    assert_eq!(string(&single, "affiliation"), "Meridian Policy Institute");
    assert_eq!(
        string(&single, "summary"),
        "Coastal towns have spent a decade watching container traffic gather in a handful of \
         giant terminals."
    );
    // A dateline that puts the title first.
    let abbreviated = front_matter(&site, "content/2025/the-quiet-cost-of-temporary-budgets.md");
    assert_eq!(string(&abbreviated, "author"), "Daniel Okafor");
    assert_eq!(
        string(&abbreviated, "affiliation"),
        "Halvorsen Center for Fiscal Studies"
    );

    // Every imported piece builds.
    let built = site.build(&[]);
    assert!(
        built.stdout.starts_with("built 11 articles by 15 authors"),
        "{built}"
    );
}

#[test]
fn round_trip_keeps_every_paragraph_exactly() {
    let site = site_with(&good_names());
    import(&site, &good_names(), &[]).assert_code(0);
    site.build(&[]);
    for &(name, slug, title, _, header) in GOOD {
        let page = site.page(&format!("/2025/08/{slug}/"));
        assert_eq!(page.text("h1.article-title"), title);
        // Raw text nodes, entities decoded, nothing normalized: curly quotes, em-dashes,
        // straight quotes and Markdown look-alikes must all come back as written.
        let rendered: Vec<String> = page
            .select("div.prose > p")
            .into_iter()
            .map(|p| p.text().collect())
            .collect();
        assert_eq!(rendered, source_paragraphs(name, header), "{name}");
    }
    // The bio left the body: it is in the profile, not the article.
    let page = site.page("/2025/08/the-case-for-public-data-stewards/");
    let prose = page.text("div.prose");
    assert!(!prose.contains("senior fellow"), "{prose}");
    assert!(!prose.contains("@hannaberg"), "{prose}");
}

#[test]
fn coauthors_each_get_a_profile() {
    let pieces = [
        "coauthors-two.txt",
        "coauthors-three.txt",
        "coauthors-separate-bios.txt",
    ];
    let site = site_with(&pieces);
    import(&site, &pieces, &[]).assert_code(0);

    let two = front_matter(&site, "content/2025/water-rights-need-a-ledger.md");
    let names: Vec<&str> = two["authors"]
        .as_array()
        .expect("authors")
        .iter()
        .filter_map(toml::Value::as_str)
        .collect();
    assert_eq!(names, ["Samir al-Haddad", "Ana de la Cruz"]);
    assert_eq!(string(&two, "affiliation"), "Meridian Policy Institute");

    let profiles = [
        (
            "samir-al-haddad",
            "Samir al-Haddad",
            "Fellow",
            "Meridian Policy Institute",
        ),
        (
            "ana-de-la-cruz",
            "Ana de la Cruz",
            "Fellow",
            "Meridian Policy Institute",
        ),
        (
            "pieter-van-der-berg",
            "Pieter van der Berg",
            "Senior fellow and co-director of the energy program",
            "Northgate Forum",
        ),
        (
            "grace-mensah",
            "Grace Mensah",
            "Senior fellow and co-director of the energy program",
            "Northgate Forum",
        ),
        (
            "tomas-ruiz-ortega",
            "Tomás Ruiz-Ortega",
            "Senior fellow and co-director of the energy program",
            "Northgate Forum",
        ),
        (
            "helena-korhonen",
            "Helena Korhonen",
            "Senior economist",
            "Baltic Trade Observatory",
        ),
        (
            "omar-siddiqui",
            "Omar Siddiqui",
            "Adjunct professor of economics",
            "Westmere University",
        ),
    ];
    for (slug, name, role, affiliation) in profiles {
        let profile = front_matter(&site, &format!("content/authors/{slug}.md"));
        assert_eq!(string(&profile, "name"), name, "{slug}");
        assert_eq!(string(&profile, "role"), role, "{slug}");
        assert_eq!(string(&profile, "affiliation"), affiliation, "{slug}");
    }

    // Co-authors with their own affiliations keep them, on the page too.
    site.build(&[]);
    let page = site.page("/2025/08/two-cheers-for-regional-trade-deals/");
    assert_eq!(
        page.text("p.byline"),
        "By Helena Korhonen, Baltic Trade Observatory and Omar Siddiqui, Westmere University"
    );
    let page = site.page("/2025/08/grid-batteries-are-not-a-luxury/");
    assert_eq!(
        page.links("p.byline a.author"),
        [
            (
                "Pieter van der Berg".into(),
                "/authors/pieter-van-der-berg/".into()
            ),
            ("Grace Mensah".into(), "/authors/grace-mensah/".into()),
            (
                "Tomás Ruiz-Ortega".into(),
                "/authors/tomas-ruiz-ortega/".into()
            ),
        ]
    );
}

#[test]
fn a_trailing_handle_becomes_a_profile_link() {
    let site = site_with(&["trailing-handle.txt"]);
    import(&site, &["trailing-handle.txt"], &[]).assert_code(0);
    let profile = front_matter(&site, "content/authors/hanna-berg.md");
    assert_eq!(string(&profile, "name"), "Hanna Berg");
    assert_eq!(string(&profile, "role"), "Senior fellow");
    assert_eq!(string(&profile, "affiliation"), "Open Cities Project");
    // Each trailing line is a link, written in the order the piece gave them.
    assert!(
        read(&site, "content/authors/hanna-berg.md").contains(
            "\n[links]\nX = \"https://x.com/hannaberg\"\nBluesky = \"https://bsky.app/profile/hannaberg.bsky.social\"\nMastodon = \"https://policy.social/@hanna\"\nWebsite = \"https://hannaberg.example.org\"\n+++\n"
        )
    );
    site.build(&[]);
    let author = site.page("/authors/hanna-berg/");
    let mut links = author.links(r#"ul.profile-links a[rel="me"]"#);
    links.sort();
    assert_eq!(
        links,
        [
            (
                "Bluesky".into(),
                "https://bsky.app/profile/hannaberg.bsky.social".into()
            ),
            ("Mastodon".into(), "https://policy.social/@hanna".into()),
            ("Website".into(), "https://hannaberg.example.org".into()),
            ("X".into(), "https://x.com/hannaberg".into()),
        ]
    );
}

#[test]
fn an_existing_profile_is_only_filled_in() {
    let site = site_with(&["trailing-handle.txt", "coauthors-two.txt"]);
    let by_editor = "+++\nname = \"Hanna Berg\"\nrole = \"Visiting editor\"\n\n[links]\nX = \"https://x.com/hb_desk\"\n+++\n\nHanna Berg edits the cities desk.\n";
    site.file("content/authors/hanna-berg.md", by_editor);
    // A YAML profile is read but never rewritten: it is left exactly as it was, and the
    // warning gives the lines to add by hand.
    let yaml = "---\nname: Ana de la Cruz\n---\n\nWritten by hand.\n";
    site.file("content/authors/ana-de-la-cruz.md", yaml);

    let run = import(&site, &["trailing-handle.txt", "coauthors-two.txt"], &[]);
    run.assert_code(0);
    assert_eq!(
        run.stdout.trim(),
        "imported 2 pieces, 1 new author profile, 1 existing profile filled in",
        "{run}"
    );
    let warning = run.diagnostic();
    assert!(
        warning.starts_with("content/authors/ana-de-la-cruz.md:1:1: warning: "),
        "{run}"
    );
    assert!(warning.contains("left as it was"), "{run}");
    assert!(
        run.stderr.contains(
            "hint: add to its front matter: role: \"Fellow\"; affiliation: \"Meridian Policy Institute\""
        ),
        "{run}"
    );
    assert_eq!(read(&site, "content/authors/ana-de-la-cruz.md"), yaml);

    let merged = read(&site, "content/authors/hanna-berg.md");
    assert!(merged.starts_with("+++\nname = \"Hanna Berg\"\nrole = \"Visiting editor\"\naffiliation = \"Open Cities Project\"\n"), "{merged}");
    assert!(
        merged.ends_with("+++\n\nHanna Berg edits the cities desk.\n"),
        "{merged}"
    );
    let profile = front_matter(&site, "content/authors/hanna-berg.md");
    let links = profile["links"].as_table().expect("links");
    assert_eq!(
        links["X"].as_str(),
        Some("https://x.com/hb_desk"),
        "the editor's link stays"
    );
    assert_eq!(
        links["Bluesky"].as_str(),
        Some("https://bsky.app/profile/hannaberg.bsky.social")
    );

    // A second import of the same piece adds nothing more.
    let again = import(&site, &["trailing-handle.txt"], &["--force"]);
    again.assert_code(0);
    assert_eq!(read(&site, "content/authors/hanna-berg.md"), merged);
    site.build(&[]);
}

/// Issue 10: a profile in any valid TOML form (comments, dotted keys, multi-line strings,
/// inline tables, keys in any order) is filled in, with every byte the editor wrote kept.
#[test]
fn a_profile_in_an_unusual_toml_form_is_filled_in_not_refused() {
    let site = site_with(&["trailing-handle.txt"]);
    let by_editor = "+++\n# Kept by the cities desk.\nlinks.X = \"https://x.com/hb_desk\" # her desk account\naffiliation = '''\nOpen Cities\nProject'''\nname = \"Hanna Berg\"\n+++\n";
    site.file("content/authors/hanna-berg.md", by_editor);
    let run = import(&site, &["trailing-handle.txt"], &[]);
    run.assert_code(0);
    assert!(run.stderr.is_empty(), "{run}");
    let merged = read(&site, "content/authors/hanna-berg.md");
    let mut rest = merged.chars();
    assert!(
        by_editor.chars().all(|c| rest.by_ref().any(|m| m == c)),
        "every character the editor wrote is kept, in order:\n{merged}"
    );
    assert!(
        merged.starts_with("+++\n# Kept by the cities desk.\nlinks.X = \"https://x.com/hb_desk\" # her desk account\nlinks.Bluesky = "),
        "new links join the dotted ones:\n{merged}"
    );
    let profile = front_matter(&site, "content/authors/hanna-berg.md");
    assert_eq!(string(&profile, "role"), "Senior fellow");
    assert_eq!(string(&profile, "affiliation"), "Open Cities\nProject");
    let links = profile["links"].as_table().expect("links");
    assert_eq!(links["X"].as_str(), Some("https://x.com/hb_desk"));
    assert_eq!(
        links["Mastodon"].as_str(),
        Some("https://policy.social/@hanna")
    );
    assert!(
        merged.ends_with("+++\n\nHanna Berg is a senior fellow at the Open Cities Project.\n"),
        "{merged}"
    );
    site.build(&[]);
}

#[test]
fn a_piece_without_a_title_line_asks_for_title() {
    let site = site_with(&["no-title.txt"]);
    let run = import(&site, &["no-title.txt"], &[]);
    run.assert_code(1);
    let diagnostic = run.diagnostic();
    assert!(
        diagnostic.starts_with("pieces/no-title.txt:1:1: no title line found"),
        "{run}"
    );
    assert!(diagnostic.contains("--title"), "{run}");
    assert!(!site.root().join("content").exists(), "nothing written");

    let run = import(
        &site,
        &["no-title.txt"],
        &["--title", "Tolls That Pay for Roads"],
    );
    run.assert_code(0);
    let path = "content/2025/tolls-that-pay-for-roads.md";
    assert_eq!(
        string(&front_matter(&site, path), "title"),
        "Tolls That Pay for Roads"
    );
    site.build(&[]);
    let page = site.page("/2025/08/tolls-that-pay-for-roads/");
    assert_eq!(
        page.texts("div.prose > p"),
        source_paragraphs("no-title.txt", 0)
            .into_iter()
            .map(|p| p.replacen("August 16, 2025 ", "", 1))
            .collect::<Vec<_>>()
    );
}

#[test]
fn an_unparseable_dateline_is_reported_at_its_line() {
    let site = site_with(&["bad-dateline.txt"]);
    let run = import(&site, &["bad-dateline.txt"], &[]);
    run.assert_code(1);
    assert!(
        run.diagnostic()
            .starts_with("pieces/bad-dateline.txt:1:1: \"Agust 16, 2025\" is not a date"),
        "{run}"
    );
    assert!(
        run.stderr
            .ends_with("error: imported 0 pieces, 0 new author profiles; 1 file failed\n"),
        "{run}"
    );
    assert!(!site.root().join("content").exists());
}

#[test]
fn a_piece_without_a_bio_is_refused() {
    let site = site_with(&["no-bio.txt"]);
    let run = import(&site, &["no-bio.txt"], &[]);
    run.assert_code(1);
    let diagnostic = run.diagnostic();
    assert!(
        diagnostic.starts_with("pieces/no-bio.txt:6:1: no author bio sentence found"),
        "{run}"
    );
    assert!(!site.root().join("content").exists());
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let pieces = [
        "dateline-iso.txt",
        "bad-dateline.txt",
        "no-bio.txt",
        "missing.txt",
        "trailing-handle.txt",
    ];
    let site = site_with(&[
        "dateline-iso.txt",
        "bad-dateline.txt",
        "no-bio.txt",
        "trailing-handle.txt",
    ]);
    site.file("pieces/latin1.txt", "");
    std::fs::write(
        site.root().join("pieces/latin1.txt"),
        b"August 16, 2025\nCaf\xe9 Culture\n",
    )
    .expect("write");
    let mut all: Vec<&str> = pieces.to_vec();
    all.push("latin1.txt");
    let run = import(&site, &all, &[]);
    run.assert_code(1);
    let files: Vec<&str> = run
        .diagnostics()
        .iter()
        .map(|d| d.split(':').next().unwrap_or(""))
        .collect();
    assert_eq!(
        files,
        [
            "pieces/bad-dateline.txt",
            "pieces/latin1.txt",
            "pieces/missing.txt",
            "pieces/no-bio.txt",
        ],
        "{run}"
    );
    assert!(
        run.stderr
            .contains("pieces/latin1.txt:2:4: the file is not UTF-8 text"),
        "{run}"
    );
    assert!(
        run.stderr.contains("pieces/missing.txt:1:1: cannot read:"),
        "{run}"
    );
    assert!(
        run.stderr
            .ends_with("error: imported 2 pieces, 2 new author profiles; 4 files failed\n"),
        "{run}"
    );
    let written: Vec<String> = site.tree("content").into_keys().collect();
    assert_eq!(
        written,
        [
            "2025/libraries-as-climate-shelters.md",
            "2025/the-case-for-public-data-stewards.md",
            "authors/hanna-berg.md",
            "authors/ines-varga.md",
        ]
    );
}

#[test]
fn nothing_is_overwritten_without_force() {
    let site = site_with(&["dateline-iso.txt"]);
    import(&site, &["dateline-iso.txt"], &[]).assert_code(0);
    let path = "content/2025/libraries-as-climate-shelters.md";
    let imported = read(&site, path);
    let edited = imported.replace("Cities could", "Councils could");
    site.file(path, &edited);
    site.file(
        "content/authors/ines-varga.md",
        "+++\nname = \"Ines Varga\"\nrole = \"Founder\"\naffiliation = \"Civic Resilience Lab\"\n+++\n\nAn editor's bio.\n",
    );
    let profile = read(&site, "content/authors/ines-varga.md");

    let run = import(&site, &["dateline-iso.txt"], &[]);
    run.assert_code(1);
    assert_eq!(
        run.diagnostic(),
        "pieces/dateline-iso.txt:1:1: content/2025/libraries-as-climate-shelters.md already exists; it was not overwritten"
    );
    assert!(
        run.stderr.contains("= hint: pass `--force` to replace it"),
        "{run}"
    );
    assert_eq!(read(&site, path), edited);

    let run = import(&site, &["dateline-iso.txt"], &["--force"]);
    run.assert_code(0);
    assert_eq!(
        run.stdout.trim(),
        "imported 1 piece, 0 new author profiles (1 replaced with --force)"
    );
    assert_eq!(read(&site, path), imported);
    assert_eq!(
        read(&site, "content/authors/ines-varga.md"),
        profile,
        "--force replaces articles, never profiles"
    );

    // The same piece twice in one batch: the second would replace the first, even with --force.
    site.file("pieces/copy.txt", &fixture("dateline-iso.txt"));
    let run = import(&site, &["dateline-iso.txt", "copy.txt"], &["--force"]);
    run.assert_code(1);
    assert!(
        run.diagnostic().starts_with(
            "pieces/copy.txt:1:1: content/2025/libraries-as-climate-shelters.md was just written from pieces/dateline-iso.txt"
        ),
        "{run}"
    );
}

#[test]
fn into_places_articles_in_another_folder() {
    let site = site_with(&["dateline-weekday.txt"]);
    import(&site, &["dateline-weekday.txt"], &["--into", "incoming"]).assert_code(0);
    assert!(
        site.root()
            .join("incoming/2025/fixing-the-permit-queue.md")
            .is_file()
    );
    assert!(
        site.root()
            .join("content/authors/nadia-rahman.md")
            .is_file()
    );
    assert!(!site.root().join("content/2025").exists());
}

#[test]
fn title_is_for_one_file_at_a_time() {
    let site = site_with(&["dateline-iso.txt", "dateline-weekday.txt"]);
    let run = import(
        &site,
        &["dateline-iso.txt", "dateline-weekday.txt"],
        &["--title", "One Title"],
    );
    run.assert_code(1);
    assert!(run.stderr.contains("--title"), "{run}");
    assert!(!site.root().join("content").exists());
}

#[test]
fn new_creates_a_draft_and_refuses_a_second_time() {
    let site = SiteTest::empty();
    site.file("site.toml", "timezone = \"America/New_York\"\n");
    let before = jiff::Timestamp::now();
    let args = [
        "new",
        "Why Ports Matter",
        "--author",
        "Jane Doe",
        "--affiliation",
        "Some Institute",
        "--tags",
        "trade, ports ,",
    ];
    let run = site.run(&args);
    run.assert_code(0);
    let path = run.stdout.trim().to_string();
    let year = before
        .to_zoned_datetime(jiff::tz::TimeZone::get("America/New_York").expect("zone"))
        .year();
    // A new year may begin between the two clocks; either year is right then.
    assert!(
        path == format!("content/{year}/why-ports-matter.md")
            || path == format!("content/{}/why-ports-matter.md", year + 1),
        "{run}"
    );
    let front = front_matter(&site, &path);
    assert_eq!(string(&front, "title"), "Why Ports Matter");
    assert_eq!(string(&front, "author"), "Jane Doe");
    assert_eq!(string(&front, "affiliation"), "Some Institute");
    assert_eq!(front["draft"].as_bool(), Some(true));
    let tags: Vec<&str> = front["tags"]
        .as_array()
        .expect("tags")
        .iter()
        .filter_map(toml::Value::as_str)
        .collect();
    assert_eq!(tags, ["trade", "ports"]);
    let date: jiff::Timestamp = string(&front, "date").parse().expect("RFC 3339");
    let offset = string(&front, "date");
    assert!(
        offset.ends_with("-04:00") || offset.ends_with("-05:00"),
        "{offset}"
    );
    assert!(
        date.as_second() >= before.as_second() && date <= jiff::Timestamp::now(),
        "{date} is not now"
    );

    let written = read(&site, &path);
    let again = site.run(&args);
    again.assert_code(1);
    assert!(again.stderr.contains("already exists"), "{again}");
    assert_eq!(read(&site, &path), written);

    // A draft stays out of the build, and shows with --drafts.
    let built = site.build(&[]);
    assert!(built.stdout.starts_with("built 0 articles"), "{built}");
    let built = site.build(&["--drafts"]);
    assert!(built.stdout.starts_with("built 1 article "), "{built}");

    let blank = site.run(&["new", "  ", "--author", "Jane Doe"]);
    blank.assert_code(1);
    assert!(blank.stderr.contains("title is empty"), "{blank}");
}

#[test]
fn init_creates_a_site_that_builds_at_once() {
    let site = SiteTest::empty();
    let run = site.run(&["init", "."]);
    run.assert_code(0);
    let files: Vec<String> = site.tree(".").into_keys().collect();
    assert_eq!(files.len(), 4, "{files:?}");
    assert!(files.contains(&"site.toml".to_string()));
    assert!(files.contains(&".gitignore".to_string()));
    assert!(files.contains(&"content/authors/rowan-avery.md".to_string()));
    assert!(
        files
            .iter()
            .any(|f| f.starts_with("content/") && f.ends_with("/writing-your-first-piece.md")),
        "{files:?}"
    );
    let static_dir = site.root().join("static");
    assert!(static_dir.is_dir());
    assert_eq!(std::fs::read_dir(&static_dir).expect("static").count(), 0);

    let settings = read(&site, "site.toml");
    for key in broadsheet::config::KEYS {
        assert!(
            settings.contains(&format!("\n# {key} = ")),
            "site.toml lacks a commented `{key}`"
        );
    }

    let built = site.build(&[]);
    assert!(
        built.stdout.starts_with("built 1 article by 1 author"),
        "{built}"
    );
    let pages = site.pages();
    let (url, article) = pages
        .iter()
        .find(|(url, _)| url.ends_with("/writing-your-first-piece/"))
        .expect("the example piece's page");
    assert_eq!(article.text("h1.article-title"), "Writing Your First Piece");
    assert_eq!(
        article.links("p.byline a.author"),
        [("Rowan Avery".into(), "/authors/rowan-avery/".into())]
    );
    assert_eq!(
        article.select("div.prose section.footnotes li").len(),
        1,
        "{url}: the example shows a footnote"
    );
    assert!(pages.contains_key("/authors/rowan-avery/"));
    assert!(pages.contains_key("/tags/getting-started/"));

    // A second init in the same folder is refused, as is any folder with something in it.
    let again = site.run(&["init", "."]);
    again.assert_code(1);
    assert!(again.stderr.contains("is not empty"), "{again}");
    site.file("elsewhere/notes.txt", "mine");
    let run = site.run(&["init", "elsewhere"]);
    run.assert_code(1);
    assert_eq!(read(&site, "elsewhere/notes.txt"), "mine");
    // A folder that does not exist yet is created, a `.git` folder is no obstacle.
    std::fs::create_dir_all(site.root().join("fresh/.git")).expect("mkdir");
    site.run(&["init", "fresh"]).assert_code(0);
    site.run(&["build", "--root", "fresh"]).assert_code(0);
    site.run(&["init", "brand/new"]).assert_code(0);
}

/// Issue 11: pieces as pasted from a think tank's page (a bare handle on the last line with
/// no final newline, Unicode spaces in the dateline, names and bio, runs of blank lines and
/// trailing spaces) import, and the site shows each body exactly and each handle as a link.
#[test]
fn pieces_pasted_from_a_web_page_import_and_build() {
    let pasted = [
        "pasted-bare-handle.txt",
        "pasted-unicode-spaces.txt",
        "pasted-blank-lines.txt",
    ];
    let site = site_with(&pasted);
    let run = import(&site, &pasted, &[]);
    run.assert_code(0);
    assert_eq!(
        run.stdout.trim(),
        "imported 3 pieces, 4 new author profiles",
        "{run}"
    );
    assert_eq!(run.stderr, "", "{run}");
    site.build(&[]);

    let page = site.page("/2025/09/why-regional-airports-keep-losing-routes/");
    let paragraphs = page.texts("div.prose > p");
    assert_eq!(paragraphs.len(), 2, "{paragraphs:?}");
    assert!(paragraphs.iter().all(|p| !p.contains("mirelacosta")));
    let author = site.page("/authors/mirela-costa/");
    assert!(
        author
            .attrs("a", "href")
            .contains(&"https://x.com/mirelacosta".to_string()),
        "the bare handle is a profile link"
    );

    let page = site.page("/2025/08/a-fair-price-for-rural-broadband/");
    // Raw text: the harness's texts() would fold the no-break space away.
    let first: String = page.select("div.prose > p")[0].text().collect();
    assert!(
        first.contains("40\u{a0}percent"),
        "kept in the text: {first:?}"
    );
    assert_eq!(
        page.attr("time[datetime]", "datetime"),
        "2025-08-16T08:00:00-04:00"
    );
    let front = front_matter(&site, "content/2025/a-fair-price-for-rural-broadband.md");
    assert_eq!(string(&front, "author"), "Oskar Lindahl");
    assert_eq!(
        string(&front, "affiliation"),
        "Northfield Center for Rural Policy"
    );

    let front = front_matter(&site, "content/2025/cleaner-buses-slower-budgets.md");
    let authors: Vec<&str> = front["authors"]
        .as_array()
        .expect("authors")
        .iter()
        .filter_map(toml::Value::as_str)
        .collect();
    assert_eq!(authors, ["Priya Raman", "Tomasz Nowak"]);
    let profile = front_matter(&site, "content/authors/priya-raman.md");
    assert_eq!(
        profile["links"]["Bluesky"].as_str(),
        Some("https://bsky.app/profile/priyaraman.bsky.social")
    );
}

/// Issue 11: `--titles FILE` gives title-less pieces their titles in one batch; files are
/// named as typed on the command line, whichever way the user typed them.
#[test]
fn titles_file_names_a_batch_of_untitled_pieces() {
    let untitled = ["pasted-untitled-water.txt", "pasted-untitled-schools.txt"];
    let site = site_with(&untitled);
    site.file(
        "titles.csv",
        "file,title\r\npieces/pasted-untitled-water.txt,\"Finding Leaks, Saving Water\"\r\n./pieces/../pieces/pasted-untitled-schools.txt,One Bus Contract for Two Counties\r\npieces/elsewhere.txt,Not Here\r\n",
    );
    let run = import(&site, &untitled, &["--titles", "titles.csv"]);
    run.assert_code(0);
    assert_eq!(
        run.stdout.trim(),
        "imported 2 pieces, 2 new author profiles",
        "{run}"
    );
    assert_eq!(
        run.diagnostic(),
        "titles.csv:4:1: warning: `pieces/elsewhere.txt` is not among the files being imported"
    );
    let water = front_matter(&site, "content/2025/finding-leaks-saving-water.md");
    assert_eq!(string(&water, "title"), "Finding Leaks, Saving Water");
    let schools = front_matter(&site, "content/2025/one-bus-contract-for-two-counties.md");
    assert_eq!(
        string(&schools, "title"),
        "One Bus Contract for Two Counties"
    );
    let profile = front_matter(&site, "content/authors/hana-sato.md");
    assert_eq!(
        profile["links"]["X"].as_str(),
        Some("https://x.com/hanasato")
    );
    site.build(&[]);
}

/// A piece the titles file leaves out still gets the error that says how; a bad titles
/// file stops the batch before anything is written.
#[test]
fn titles_file_errors_say_where_and_how() {
    let untitled = ["pasted-untitled-water.txt", "pasted-untitled-schools.txt"];
    let site = site_with(&untitled);
    site.file(
        "titles.csv",
        "pieces/pasted-untitled-water.txt,Finding Leaks\n",
    );
    let run = import(&site, &untitled, &["--titles", "titles.csv"]);
    run.assert_code(1);
    let diagnostic = run.diagnostic();
    assert!(
        diagnostic.starts_with("pieces/pasted-untitled-schools.txt:1:1: no title line found"),
        "{run}"
    );
    assert!(diagnostic.contains("`--titles FILE`"), "{run}");

    let site = site_with(&untitled);
    site.file(
        "titles.csv",
        "pieces/a.txt,A\npieces/b.txt\nc.txt,C,extra\n",
    );
    let run = import(&site, &untitled, &["--titles", "titles.csv"]);
    run.assert_code(1);
    assert_eq!(
        run.diagnostics(),
        [
            "titles.csv:2:1: expected two fields, `file,title`, and found 1",
            "titles.csv:3:1: expected two fields, `file,title`, and found 3"
        ],
        "{run}"
    );
    assert!(!site.root().join("content").exists(), "nothing written");

    let run = import(
        &site,
        &untitled,
        &["--titles", "titles.csv", "--title", "T"],
    );
    run.assert_code(2);
}
