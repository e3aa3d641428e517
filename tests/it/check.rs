//! `broadsheet check` (issue 7): it builds in memory and writes nothing, follows every
//! internal link and fragment, and lints the content. Broken links and content that does
//! not build fail the run; lints are warnings that leave the exit code at 0.

use crate::harness::SiteTest;

/// A first paragraph long enough to be a summary.
const PROSE: &str = "Harbors set the pace of trade more than any treaty, and the pace is slow.";

fn article(title: &str, date: &str, author: &str, body: &str) -> String {
    format!("+++\ntitle = {title:?}\ndate = {date}\nauthor = {author:?}\n+++\n\n{PROSE}\n{body}")
}

const PROFILE: &str =
    "+++\nname = \"Ana Ruiz\"\nrole = \"Fellow\"\n+++\nAna Ruiz writes about ports.\n";

#[test]
fn the_sample_site_checks_clean_and_nothing_is_written() {
    let site = SiteTest::sample();
    let before = site.tree("");
    let run = site.run(&["check"]);
    run.assert_code(0);
    assert!(run.stderr.is_empty(), "{run}");
    let summary = run.stdout.trim();
    let pages: usize = summary
        .strip_prefix("checked ")
        .and_then(|s| s.strip_suffix(" pages: 0 errors, 0 warnings"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("unexpected summary {summary:?}"));
    assert!(pages > 50, "{run}");
    assert_eq!(site.tree(""), before, "check wrote something");
    assert!(!site.root().join("public").exists());
}

#[test]
fn broken_links_and_fragments_fail_at_their_line() {
    let site = SiteTest::empty();
    site.file("content/authors/ana-ruiz.md", PROFILE);
    site.file(
        "content/2025/ports.md",
        &article(
            "Ports",
            "2025-05-01",
            "Ana Ruiz",
            "\nSee [the old piece](/2024/01/gone/) and [a note](#nowhere),\nher [page](/authors/ana-ruiz/#main) and [the feed](/atom.xml).\n\nAlso [up](../../../../../etc/) and ![A chart](/charts/missing.png).\n",
        ),
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert_eq!(
        run.diagnostics(),
        [
            "content/2025/ports.md:9:21: broken link \"/2024/01/gone/\": the site has no file 2024/01/gone/index.html",
            "content/2025/ports.md:9:50: broken link \"#nowhere\": no element with id \"nowhere\" on that page",
            "content/2025/ports.md:12:11: broken link \"../../../../../etc/\": it leads above the site's root",
            "content/2025/ports.md:12:47: broken link \"/charts/missing.png\": the site has no file charts/missing.png",
        ],
        "{run}"
    );
    assert!(
        run.stderr
            .ends_with("error: checked 11 pages: 4 errors, 0 warnings\n"),
        "{run}"
    );
    assert!(!site.root().join("public").exists());

    // A static file and a heading id make them good.
    site.file("static/charts/missing.png", "png");
    site.file(
        "content/2025/ports.md",
        &article(
            "Ports",
            "2025-05-01",
            "Ana Ruiz",
            "\n## Nowhere\n\nSee [a note](#nowhere) and ![A chart](/charts/missing.png).\n",
        ),
    );
    let run = site.run(&["check"]);
    run.assert_code(0);
    assert_eq!(
        run.stdout, "checked 11 pages: 0 errors, 0 warnings\n",
        "{run}"
    );
}

#[test]
fn links_under_a_base_path_must_carry_it() {
    let site = SiteTest::empty();
    site.file("site.toml", "base_url = \"https://example.org/notes\"\n");
    site.file("content/authors/ana-ruiz.md", PROFILE);
    site.file(
        "content/a.md",
        &article(
            "A",
            "2025-05-01",
            "Ana Ruiz",
            "\nGood: [home](/notes/), [authors](https://example.org/notes/authors/).\nBad: [home](/authors/).\n",
        ),
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert_eq!(
        run.diagnostics(),
        [
            "content/a.md:10:13: broken link \"/authors/\": it is outside the site's base path /notes"
        ],
        "{run}"
    );
}

#[test]
fn lints_are_warnings_that_keep_exit_code_zero() {
    let site = SiteTest::fixture("check/lints");
    let run = site.run(&["check"]);
    run.assert_code(0);
    assert!(run.stdout.starts_with("checked "), "{run}");
    assert!(
        run.diagnostics().iter().all(|d| d.contains(": warning: ")),
        "{run}"
    );
    // The whole report is pinned, so its format and places cannot drift.
    site.assert_snapshot("stderr.txt", &run.stderr);
    site.assert_snapshot("stdout.txt", &run.stdout);
}

#[test]
fn a_site_that_does_not_build_fails_check_with_the_build_errors() {
    let site = SiteTest::empty();
    site.file(
        "content/a.md",
        "+++\ntitle = \"A\"\ndate = \"2025-02-30\"\nauthor = \"Ana Ruiz\"\n+++\n",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.diagnostic().starts_with(
            "content/a.md:3:8: `date` is not a valid date: February 30 does not exist"
        ),
        "{run}"
    );
    assert!(
        run.stderr
            .ends_with("error: the site does not build: 1 problem in 1 file\n"),
        "{run}"
    );
}

#[test]
fn drafts_are_left_out_as_build_leaves_them_out() {
    let site = SiteTest::empty();
    site.file("content/authors/ana-ruiz.md", PROFILE);
    site.file(
        "content/a.md",
        &article(
            "A",
            "2025-05-01",
            "Ana Ruiz",
            "\nSee [the draft](/2025/05/b/).\n",
        ),
    );
    site.file(
        "content/b.md",
        &format!(
            "+++\ntitle = \"B\"\ndate = 2025-05-02\nauthor = \"Ana Ruiz\"\ndraft = true\n+++\n\n{PROSE}\n"
        ),
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert_eq!(
        run.diagnostics(),
        [
            "content/a.md:9:17: broken link \"/2025/05/b/\": the site has no file 2025/05/b/index.html"
        ],
        "{run}"
    );
}

#[test]
fn a_root_that_is_not_a_folder_is_refused() {
    let site = SiteTest::empty();
    site.file("file.txt", "not a site\n");
    for root in ["missing", "file.txt"] {
        let run = site.run(&["check", "--root", root]);
        run.assert_code(2);
        assert_eq!(
            run.stderr,
            format!("error: no site at {root}: it is not a folder\n"),
            "{run}"
        );
    }
}
