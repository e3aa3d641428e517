//! Hostile input (issue 7): broken, strange, huge and malicious sites, each run through the
//! real binary. Every case starts from a good site that has been built once, breaks or
//! stretches it, and builds again. Whatever the input, the binary must not panic, must
//! write nothing outside the output folder, and must either refuse with a clear
//! `path:line:column` message (leaving the previous output byte for byte as it was) or
//! build a correct site. `check` is run over every case too: it must agree, and write
//! nothing at all.
//!
//! The site sits two folders deep in the test's temporary folder, so that a path climbing
//! out of the output would still land where the test looks.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{BINARY, Page, Run, SiteTest, output_path, pages_of};

/// The site, relative to the temporary folder the binary runs in.
const SITE: &str = "outer/site";
/// Its default output folder.
const OUTPUT: &str = "outer/site/public";

const SITE_TOML: &str =
    "title = \"Hostile Ground\"\nbase_url = \"https://hostile.example.org\"\ntimezone = \"UTC\"\n";

const BASELINE: &str = "+++\ntitle = \"Baseline\"\ndate = 2025-06-01T09:00:00Z\nauthor = \"Ana Ruiz\"\ntags = [\"ports\"]\n+++\n\nThe baseline piece stands in for the site a hostile change is made to.\n";

const PROFILE: &str = "+++\nname = \"Ana Ruiz\"\nrole = \"Fellow\"\naffiliation = \"Harbor Institute\"\n+++\nAna Ruiz writes about ports.\n";

/// A good site, built once, about to be given something hostile.
struct Hostile {
    test: SiteTest,
}

impl Hostile {
    fn new() -> Hostile {
        let site = Hostile {
            test: SiteTest::empty(),
        };
        site.file("site.toml", SITE_TOML);
        site.file("content/2025/baseline.md", BASELINE);
        site.file("content/authors/ana-ruiz.md", PROFILE);
        site
    }

    /// Writes a file of the site (`path` relative to the site's root).
    fn file(&self, path: &str, text: &str) -> &Self {
        self.bytes(path, text.as_bytes())
    }

    fn bytes(&self, path: &str, bytes: &[u8]) -> &Self {
        let full = self.path(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).expect("cannot create a folder");
        }
        std::fs::write(&full, bytes).expect("cannot write a file");
        self
    }

    fn path(&self, path: &str) -> PathBuf {
        self.test.root().join(SITE).join(path)
    }

    /// `broadsheet <command> --root outer/site <args>`, from the temporary folder.
    fn run(&self, command: &str, args: &[&str]) -> Run {
        let mut all = vec![command, "--root", SITE];
        all.extend_from_slice(args);
        let run = self.test.run(&all);
        assert!(
            !run.stderr.contains("panicked") && !run.stdout.contains("panicked"),
            "the binary panicked\n{run}"
        );
        run
    }

    fn build(&self) -> Run {
        let run = self.run("build", &[]);
        run.assert_code(0);
        run
    }

    /// Every file in the temporary folder, the default output folder left out.
    fn outside_output(&self) -> BTreeMap<String, Vec<u8>> {
        let prefix = format!("{OUTPUT}/");
        self.test
            .tree("")
            .into_iter()
            .filter(|(path, _)| !path.starts_with(&prefix))
            .collect()
    }

    fn output(&self) -> BTreeMap<String, Vec<u8>> {
        self.test.tree(OUTPUT)
    }

    fn read(&self, url: &str) -> String {
        let path = self.test.root().join(OUTPUT).join(output_path(url));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {url}: {e}"))
    }

    fn page(&self, url: &str) -> Page {
        Page::parse(url, &self.read(url))
    }

    /// Every HTML page of the output, by URL.
    fn pages(&self) -> BTreeMap<String, Page> {
        pages_of(self.output())
    }
}

/// What a hostile case must come to.
enum Expect<'a> {
    /// Exit code 1, with exactly these diagnostics, each starting with its `path:line:col:
    /// message` prefix, in order; the previous output untouched.
    Errors(&'a [&'a str]),
    /// Exit code 2 (the run was refused) with this in stderr; the previous output untouched.
    Refused(&'a str),
    /// Exit code 0; the case checks what was built.
    Builds,
}

/// Runs one hostile case: build the good site, apply `change`, build with `args`, and hold
/// the outcome to `expect`. Returns the site for the case's own checks.
fn case(name: &str, args: &[&str], change: impl FnOnce(&Hostile), expect: Expect) -> Hostile {
    let site = Hostile::new();
    site.build();
    let previous = site.output();
    change(&site);
    let outside = site.outside_output();

    let run = site.run("build", args);
    match &expect {
        Expect::Errors(expected) => {
            assert_eq!(run.code, 1, "{name}: exit code\n{run}");
            let found = run.diagnostics();
            assert_eq!(
                found.len(),
                expected.len(),
                "{name}: diagnostics\n{found:#?}\n{run}"
            );
            for (d, prefix) in found.iter().zip(expected.iter()) {
                assert!(
                    d.starts_with(prefix),
                    "{name}: {d:?} should start with {prefix:?}\n{run}"
                );
            }
            assert!(
                run.stderr
                    .contains("the previous output was left as it was"),
                "{name}\n{run}"
            );
        }
        Expect::Refused(fragment) => {
            assert_eq!(run.code, 2, "{name}: exit code\n{run}");
            assert!(run.stderr.contains(fragment), "{name}: stderr\n{run}");
        }
        Expect::Builds => assert_eq!(run.code, 0, "{name}: exit code\n{run}"),
    }
    let changed = changes(&outside, &site.outside_output());
    assert!(
        changed.is_empty(),
        "{name}: files outside the output folder changed: {changed:?}\n{run}"
    );
    if !matches!(expect, Expect::Builds) {
        let changed = changes(&previous, &site.output());
        assert!(
            changed.is_empty(),
            "{name}: the previous output changed: {changed:?}"
        );
    }

    // `check` reads the same site: it writes nothing, and finds the same content errors.
    let everything = site.test.tree("");
    let checked = site.run("check", &[]);
    match &expect {
        Expect::Errors(_) => {
            assert_eq!(checked.code, 1, "{name}: check\n{checked}");
            assert_eq!(checked.diagnostics(), run.diagnostics(), "{name}: check");
        }
        Expect::Refused(_) | Expect::Builds => {
            assert_eq!(checked.code, 0, "{name}: check\n{checked}")
        }
    }
    let changed = changes(&everything, &site.test.tree(""));
    assert!(changed.is_empty(), "{name}: check changed {changed:?}");
    site
}

/// The paths that differ between two trees: added, removed or changed.
fn changes(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut paths: Vec<String> = before
        .iter()
        .filter(|(path, bytes)| after.get(*path) != Some(bytes))
        .map(|(path, _)| path.clone())
        .collect();
    paths.extend(after.keys().filter(|p| !before.contains_key(*p)).cloned());
    paths.sort();
    paths
}

/// A case whose hostile change is one article file, `content/piece.md`.
fn piece(name: &str, text: &str, expect: Expect) -> Hostile {
    case(
        name,
        &[],
        |site| {
            site.file("content/piece.md", text);
        },
        expect,
    )
}

/// An article with every required key, and `extra` lines in its front matter.
fn with(extra: &str) -> String {
    format!(
        "+++\ntitle = \"Piece\"\ndate = 2025-07-01\nauthor = \"Ana Ruiz\"\n{extra}+++\n\nA piece with enough words in its first paragraph to be summed up.\n"
    )
}

// --- Front matter that does not parse ---------------------------------------------------

#[test]
fn invalid_toml_and_yaml_are_errors_where_the_parser_stopped() {
    for (name, text, expected) in [
        (
            "unterminated TOML string",
            "+++\ntitle = \"Unclosed\ndate = 2025-08-16\nauthor = \"A B\"\n+++\n",
            "content/piece.md:2:18: invalid TOML",
        ),
        (
            "TOML key given twice",
            "+++\ntitle = \"A\"\ntitle = \"B\"\ndate = 2025-08-16\nauthor = \"A B\"\n+++\n",
            "content/piece.md:3:1: invalid TOML",
        ),
        (
            "YAML mapping in a scalar",
            "---\ntitle: Fine\ndate: 2025-08-16\nauthor: A B\n  tags: [x]\n---\n",
            "content/piece.md:5:7: invalid YAML",
        ),
        (
            "YAML unclosed flow list",
            "---\ntitle: [a\ndate: 2025-08-16\nauthor: A B\n---\n",
            "content/piece.md:3:5: invalid YAML",
        ),
    ] {
        piece(name, text, Expect::Errors(&[expected]));
    }
    case(
        "invalid site.toml",
        &[],
        |site| {
            site.file("site.toml", "title = \"Hostile\nper_page = 5\n");
        },
        Expect::Errors(&["site.toml:1:17: invalid TOML"]),
    );
    case(
        "invalid TOML in a profile",
        &[],
        |site| {
            site.file("content/authors/ana-ruiz.md", "+++\nname = Ana Ruiz\n+++\n");
        },
        Expect::Errors(&["content/authors/ana-ruiz.md:2:8: invalid TOML"]),
    );
}

// --- Keys: missing, mistyped, unknown -------------------------------------------------------

#[test]
fn each_required_key_missing_is_reported() {
    let body = "\nA piece with enough words in its first paragraph to be summed up.\n";
    for (name, block, expected) in [
        (
            "no title",
            "date = 2025-07-01\nauthor = \"Ana Ruiz\"\n",
            "content/piece.md:1:1: missing `title` in front matter",
        ),
        (
            "no date",
            "title = \"Piece\"\nauthor = \"Ana Ruiz\"\n",
            "content/piece.md:1:1: missing `date` in front matter",
        ),
        (
            "no author",
            "title = \"Piece\"\ndate = 2025-07-01\n",
            "content/piece.md:1:1: missing `author` in front matter",
        ),
    ] {
        piece(
            name,
            &format!("+++\n{block}+++\n{body}"),
            Expect::Errors(&[expected]),
        );
    }
    case(
        "profile without a name",
        &[],
        |site| {
            site.file(
                "content/authors/ana-ruiz.md",
                "+++\nrole = \"Fellow\"\n+++\nBio.\n",
            );
        },
        Expect::Errors(&["content/authors/ana-ruiz.md:1:1: missing `name` in author profile"]),
    );
}

#[test]
fn values_of_the_wrong_type_are_reported_at_the_value() {
    for (name, text, expected) in [
        (
            "title a number",
            "+++\ntitle = 5\ndate = 2025-07-01\nauthor = \"Ana Ruiz\"\n+++\n".to_string(),
            "content/piece.md:2:9: `title` must be a string, found a number",
        ),
        (
            "date a boolean",
            "+++\ntitle = \"T\"\ndate = true\nauthor = \"Ana Ruiz\"\n+++\n".into(),
            "content/piece.md:3:8: `date` must be a string, found",
        ),
        (
            "author a number",
            "+++\ntitle = \"T\"\ndate = 2025-07-01\nauthor = 3\n+++\n".into(),
            "content/piece.md:4:10: `author` must be a name",
        ),
        (
            "authors holding a number",
            with("").replace("author = \"Ana Ruiz\"", "authors = [1]"),
            "content/piece.md:4:11: `authors`: each author must be a name",
        ),
        (
            "authors an empty list",
            with("").replace("author = \"Ana Ruiz\"", "authors = []"),
            "content/piece.md:4:11: `authors` is an empty list",
        ),
        (
            "tags a number",
            with("tags = 5\n"),
            "content/piece.md:5:8: `tags` must be a list of strings",
        ),
        (
            "tags holding a table",
            with("tags = [{ a = 1 }]\n"),
            "content/piece.md:5:8: `tags` must be a list of strings",
        ),
        (
            "draft a string",
            with("draft = \"yes\"\n"),
            "content/piece.md:5:9: `draft` must be true or false, found a string",
        ),
        (
            "updated a list",
            with("updated = []\n"),
            "content/piece.md:5:11: `updated` must be a string",
        ),
        (
            "summary a table",
            with("summary = { a = 1 }\n"),
            "content/piece.md:5:11: `summary` must be a string",
        ),
        (
            "slug a boolean",
            with("slug = false\n"),
            "content/piece.md:5:8: `slug` must be a string",
        ),
        (
            "title empty",
            with("").replace("title = \"Piece\"", "title = \"  \""),
            "content/piece.md:2:9: `title` is empty",
        ),
        (
            "YAML title a list",
            "---\ntitle: [a, b]\ndate: 2025-07-01\nauthor: Ana Ruiz\n---\n".into(),
            "content/piece.md:2:8: `title` must be a string, found a list",
        ),
    ] {
        piece(name, &text, Expect::Errors(&[expected]));
    }
    for (name, profile, expected) in [
        (
            "profile name a number",
            "+++\nname = 5\n+++\n",
            "content/authors/ana-ruiz.md:2:8: `name` must be a string",
        ),
        (
            "profile links a string",
            "+++\nname = \"Ana Ruiz\"\nlinks = \"x\"\n+++\n",
            "content/authors/ana-ruiz.md:3:9: `links` must be a table",
        ),
        (
            "profile photo a script URL",
            "+++\nname = \"Ana Ruiz\"\nphoto = \"javascript:alert(1)\"\n+++\n",
            "content/authors/ana-ruiz.md:3:9: `photo` \"javascript:alert(1)\" must be an http(s)",
        ),
    ] {
        case(
            name,
            &[],
            |site| {
                site.file("content/authors/ana-ruiz.md", profile);
            },
            Expect::Errors(&[expected]),
        );
    }
    case(
        "site.toml per_page a string",
        &[],
        |site| {
            site.file("site.toml", "per_page = \"ten\"\n");
        },
        Expect::Errors(&["site.toml:1:12: `per_page` must be a whole number"]),
    );
}

#[test]
fn unknown_keys_are_errors_with_a_suggestion() {
    let run = |site: &Hostile| site.run("build", &[]);
    let site = piece(
        "article key misspelt",
        &with("autor = \"Ana Ruiz\"\n"),
        Expect::Errors(&["content/piece.md:5:1: unknown key `autor`"]),
    );
    assert!(run(&site).stderr.contains("= hint: did you mean `author`?"));
    let site = piece(
        "YAML key misspelt",
        "---\ntitle: T\ndate: 2025-07-01\nauthor: Ana Ruiz\nsumary: S\n---\n",
        Expect::Errors(&["content/piece.md:5:1: unknown key `sumary`"]),
    );
    assert!(run(&site).stderr.contains("did you mean `summary`?"));
    piece(
        "key in an author table misspelt",
        &with("").replace(
            "author = \"Ana Ruiz\"",
            "authors = [{ name = \"Ana Ruiz\", afiliation = \"X\" }]",
        ),
        Expect::Errors(&[
            "content/piece.md:4:11: `authors`: unknown key `afiliation` in an author table (did you mean `affiliation`?)",
        ]),
    );
    case(
        "profile key misspelt",
        &[],
        |site| {
            site.file(
                "content/authors/ana-ruiz.md",
                "+++\nname = \"Ana Ruiz\"\nrloe = \"Fellow\"\n+++\n",
            );
        },
        Expect::Errors(&["content/authors/ana-ruiz.md:3:1: unknown key `rloe`"]),
    );
    case(
        "site.toml key misspelt",
        &[],
        |site| {
            site.file("site.toml", "titel = \"T\"\n");
        },
        Expect::Errors(&["site.toml:1:1: unknown key `titel` in site settings"]),
    );
}

// --- Dates --------------------------------------------------------------------------------

#[test]
fn unparseable_and_impossible_dates_are_errors_at_the_value() {
    for (name, date, expected) in [
        (
            "words",
            "\"yesterday\"",
            "content/piece.md:3:8: `date` is not a valid date: \"yesterday\" is not a date",
        ),
        (
            "February 30",
            "\"2025-02-30\"",
            "content/piece.md:3:8: `date` is not a valid date: February 30 does not exist",
        ),
        (
            "February 29 in a common year",
            "\"February 29, 2025\"",
            "content/piece.md:3:8: `date` is not a valid date: February 29 does not exist in 2025",
        ),
        (
            "month 13",
            "\"2025-13-01\"",
            "content/piece.md:3:8: `date` is not a valid date",
        ),
        (
            "hour 25",
            "\"2025-08-16T25:00:00Z\"",
            "content/piece.md:3:8: `date` is not a valid date",
        ),
        (
            "wrong weekday",
            "\"Tuesday, August 16, 2025\"",
            "content/piece.md:3:8: `date` is not a valid date",
        ),
        (
            "TOML date February 30",
            "2025-02-30",
            "content/piece.md:3:8: invalid TOML",
        ),
    ] {
        piece(
            name,
            &format!("+++\ntitle = \"T\"\ndate = {date}\nauthor = \"Ana Ruiz\"\n+++\n"),
            Expect::Errors(&[expected]),
        );
    }
    piece(
        "updated on February 30",
        &with("updated = \"2025-02-30\"\n"),
        Expect::Errors(&[
            "content/piece.md:5:11: `updated` is not a valid date: February 30 does not exist",
        ]),
    );
}

// --- Bytes and line ends ------------------------------------------------------------------

#[test]
fn non_utf8_bytes_are_reported_at_the_bad_byte() {
    case(
        "Latin-1 in an article",
        &[],
        |site| {
            site.bytes(
                "content/piece.md",
                b"+++\ntitle = \"Caf\xe9\"\ndate = 2025-07-01\nauthor = \"Ana Ruiz\"\n+++\n",
            );
        },
        Expect::Errors(&["content/piece.md:2:13: file is not UTF-8 text (bad byte 0xe9)"]),
    );
    case(
        "bad bytes in a profile and in site.toml",
        &[],
        |site| {
            site.bytes("content/authors/ana-ruiz.md", b"\xff\xfe+\x00+\x00+\x00");
            site.bytes("site.toml", b"title = \"\xc3\x28\"\n");
        },
        Expect::Errors(&[
            "content/authors/ana-ruiz.md:1:1: file is not UTF-8 text (bad byte 0xff)",
            "site.toml:1:10: file is not UTF-8 text (bad byte 0xc3)",
        ]),
    );
    case(
        "bad bytes in a template",
        &[],
        |site| {
            site.bytes("templates/404.html", b"<p>\x80</p>");
        },
        Expect::Errors(&["templates/404.html:1:4: file is not UTF-8 text (bad byte 0x80)"]),
    );
}

#[test]
fn byte_order_mark_and_crlf_read_like_plain_text() {
    let text = "\u{feff}+++\r\ntitle = \"Windows Line Ends\"\r\ndate = 2025-07-01T08:00:00Z\r\nauthor = \"Ana Ruiz\"\r\ntags = [\"ports\"]\r\n+++\r\n\r\nFirst paragraph, written on a machine that ends lines differently.\r\nIt continues here.\r\n\r\n## A heading\r\n\r\nSecond paragraph.\r\n";
    let yaml = "\u{feff}---\r\ntitle: YAML Line Ends\r\ndate: 2025-07-02\r\nauthor: Ana Ruiz\r\n---\r\nA YAML piece with a byte-order mark and enough words to be summed up.\r\n";
    let site = case(
        "BOM and CRLF",
        &[],
        |site| {
            site.file("content/crlf.md", text);
            site.file("content/yaml.md", yaml);
            site.file(
                "site.toml",
                &format!("\u{feff}{}", SITE_TOML.replace('\n', "\r\n")),
            );
        },
        Expect::Builds,
    );
    let page = site.page("/2025/07/windows-line-ends/");
    assert_eq!(page.text("h1.article-title"), "Windows Line Ends");
    assert_eq!(
        page.texts(".prose p"),
        [
            "First paragraph, written on a machine that ends lines differently. It continues here.",
            "Second paragraph."
        ]
    );
    assert_eq!(page.attrs(".prose h2", "id"), ["a-heading"]);
    assert_eq!(
        site.page("/2025/07/yaml-line-ends/")
            .text("h1.article-title"),
        "YAML Line Ends"
    );
    assert_eq!(page.text("title"), "Windows Line Ends · Hostile Ground");
    for (url, bytes) in site.output() {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains('\u{feff}'), "{url} holds a byte-order mark");
        // RIS lines end in CR LF by the format's specification (issue 13), whatever the
        // source's line ends.
        if !url.ends_with(".ris") {
            assert!(!text.contains('\r'), "{url} holds a carriage return");
        }
    }
}

#[test]
fn empty_and_unclosed_files_are_errors_at_line_one() {
    piece(
        "empty article",
        "",
        Expect::Errors(&["content/piece.md:1:1: file is empty"]),
    );
    piece(
        "only blank lines",
        "\n\n  \n",
        Expect::Errors(&["content/piece.md:1:1: file is empty"]),
    );
    piece(
        "no front matter",
        "Just a paragraph.\n",
        Expect::Errors(&["content/piece.md:1:1: missing front matter"]),
    );
    piece(
        "TOML never closed",
        "+++\ntitle = \"T\"\ndate = 2025-07-01\nauthor = \"Ana Ruiz\"\n\nBody.\n",
        Expect::Errors(&["content/piece.md:1:1: front matter opened with `+++` is never closed"]),
    );
    piece(
        "YAML closed with the other fence",
        "---\ntitle: T\ndate: 2025-07-01\nauthor: Ana Ruiz\n+++\nBody.\n",
        Expect::Errors(&["content/piece.md:1:1: front matter opened with `---` is never closed"]),
    );
    case(
        "empty profile",
        &[],
        |site| {
            site.file("content/authors/ana-ruiz.md", "");
        },
        Expect::Errors(&["content/authors/ana-ruiz.md:1:1: file is empty"]),
    );
    // An empty site.toml is no settings at all: every default.
    let site = case(
        "empty site.toml",
        &[],
        |site| {
            site.file("site.toml", "");
        },
        Expect::Builds,
    );
    assert_eq!(site.page("/").text("title"), "Commentary");
}

// --- Size ---------------------------------------------------------------------------------

#[test]
fn a_five_megabyte_piece_builds_whole() {
    let mut text = String::from(
        "+++\ntitle = \"The Long One\"\ndate = 2025-07-01\nauthor = \"Ana Ruiz\"\n+++\n\n",
    );
    let mut n = 0;
    while text.len() < 5 * 1024 * 1024 {
        n += 1;
        text.push_str(&format!(
            "Paragraph {n} goes on about harbors, tariffs and the weather at some length, so that the piece grows; it has *emphasis*, a [link](#p-end) and `code`.\n\n"
        ));
        if n % 500 == 0 {
            text.push_str(&format!("## Part {}\n\n", n / 500));
        }
    }
    text.push_str("## The end {#p-end}\n\nThe last paragraph.\n");
    let started = Instant::now();
    let site = case(
        "5 MB piece",
        &[],
        |site| {
            site.file("content/long.md", &text);
        },
        Expect::Builds,
    );
    let page = site.page("/2025/07/the-long-one/");
    let paragraphs = page.select(".prose p").len();
    assert_eq!(paragraphs, n + 1, "every paragraph is on the page");
    assert_eq!(page.text(".prose h2#p-end"), "The end");
    assert!(
        page.text("p.dateline").contains("min read"),
        "{}",
        page.text("p.dateline")
    );
    assert!(
        started.elapsed() < Duration::from_secs(120),
        "took {:?}",
        started.elapsed()
    );
}

/// Writes `count` short pieces by one author, three a day from 1990 on (in years of twelve
/// 28-day months, so that piece `i` is always newer than piece `i - 1`).
fn many_pieces(site: &Hostile, count: usize, title: &str) {
    for i in 0..count {
        let day = i / 3;
        let (year, day_of_year) = (1990 + day / 336, day % 336);
        let (month, day) = (1 + day_of_year / 28, 1 + day_of_year % 28);
        site.file(
            &format!("content/{year}/p{i:05}.md"),
            &format!(
                "+++\ntitle = \"{title} {i}\"\ndate = {year}-{month:02}-{day:02}T{:02}:00:00Z\nauthor = \"Ben Okoro\"\n+++\n\nPiece {i} says one short thing and stops there, politely.\n",
                8 + i % 3
            ),
        );
    }
}

#[test]
#[ignore = "slow: a minute or more in a debug build; CI runs it in release with `cargo test --release --test it hostile:: -- --ignored`"]
fn twenty_thousand_pieces_by_one_author_paginate() {
    const COUNT: usize = 20_000;
    let site = case(
        "20,000 pieces by one author",
        &[],
        |site| many_pieces(site, COUNT, "Piece"),
        Expect::Builds,
    );
    let per_page = 20;
    let author_pages = COUNT.div_ceil(per_page);
    let first = site.page("/authors/ben-okoro/");
    let last = site.page(&format!("/authors/ben-okoro/page/{author_pages}/"));
    assert_eq!(first.select(".card").len(), per_page);
    assert_eq!(
        last.select(".card").len(),
        COUNT - (author_pages - 1) * per_page
    );
    assert_eq!(
        first.text(".pagination-status"),
        format!("Page 1 of {author_pages}")
    );
    assert_eq!(
        first.href(r#".pagination a[rel="last"]"#),
        format!("/authors/ben-okoro/page/{author_pages}/")
    );
    assert_eq!(
        last.href(r#".pagination a[rel="prev"]"#),
        format!("/authors/ben-okoro/page/{}/", author_pages - 1)
    );
    let beyond = format!("authors/ben-okoro/page/{}/index.html", author_pages + 1);
    assert!(!site.output().contains_key(&beyond));
    // The newest piece opens the first page; the oldest closes the last.
    assert_eq!(
        first.texts(".card-title a")[0],
        format!("Piece {}", COUNT - 1)
    );
    assert_eq!(
        last.texts(".card-title a").last().map(String::as_str),
        Some("Piece 0")
    );
    // The home page lists the baseline piece as well.
    let home_pages = (COUNT + 1).div_ceil(per_page);
    assert_eq!(
        site.page(&format!("/page/{home_pages}/"))
            .select(".card")
            .len(),
        COUNT + 1 - (home_pages - 1) * per_page
    );
    let articles = site
        .output()
        .keys()
        .filter(|p| p.contains("/piece-") && p.ends_with("/index.html"))
        .count();
    assert_eq!(articles, COUNT);
}

// --- No content -----------------------------------------------------------------------------

#[test]
fn an_empty_site_builds_an_empty_archive() {
    let site = case(
        "empty content/",
        &[],
        |site| {
            std::fs::remove_dir_all(site.path("content")).expect("remove content/");
            std::fs::create_dir_all(site.path("content")).expect("create content/");
        },
        Expect::Builds,
    );
    for url in [
        "/",
        "/authors/",
        "/tags/",
        "/archive/",
        "/affiliations/",
        "/404.html",
    ] {
        assert!(site.page(url).select(".card").is_empty(), "{url}");
    }
    let feed = site.read("/atom.xml");
    let doc = roxmltree::Document::parse(&feed).expect("the feed is XML");
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("entry"))
            .count(),
        0
    );
    let sitemap = site.read("/sitemap.xml");
    roxmltree::Document::parse(&sitemap).expect("the sitemap is XML");

    // No content/ folder at all is the same empty site.
    let site = case(
        "no content/",
        &[],
        |site| {
            std::fs::remove_dir_all(site.path("content")).expect("remove content/");
        },
        Expect::Builds,
    );
    assert!(site.page("/").select(".card").is_empty());
}

// --- Names that try to leave the output folder -------------------------------------------

#[test]
fn slugs_and_titles_never_escape_the_output_folder() {
    let cases: &[(&str, &str)] = &[
        ("slug = \"../../../escaped\"", "/2025/07/escaped/"),
        ("slug = \"/etc/passwd\"", "/2025/07/etc-passwd/"),
        ("slug = \"%2e%2e/%2e%2e/x\"", "/2025/07/2e-2e-2e-2e-x/"),
        ("slug = \"..\"", ""),
        ("slug = \"CON\"", "/2025/07/con-1/"),
        ("slug = \"nul\"", "/2025/07/nul-1/"),
        (
            "slug = \"C:\\\\Windows\\\\system32\"",
            "/2025/07/c-windows-system32/",
        ),
        ("slug = \"a b?c#d&e\"", "/2025/07/a-b-c-d-e/"),
    ];
    let site = case(
        "escaping slugs",
        &[],
        |site| {
            for (i, (slug, _)) in cases.iter().enumerate() {
                site.file(
                    &format!("content/slug-{i}.md"),
                    &format!("+++\ntitle = \"Slug case {i}\"\n{slug}\ndate = 2025-07-{:02}\nauthor = \"Ana Ruiz\"\n+++\n\nA piece whose slug tries to leave the output folder.\n", i + 1),
                );
            }
            for (i, title) in ["../../../up", "/abs/olute", "LPT1", "..\\..\\win"]
                .iter()
                .enumerate()
            {
                site.file(
                    &format!("content/title-{i}.md"),
                    &format!("+++\ntitle = {title:?}\ndate = 2025-08-{:02}\nauthor = \"Ana Ruiz\"\n+++\n\nA piece whose title tries to leave the output folder.\n", i + 1),
                );
            }
        },
        Expect::Builds,
    );
    let output = site.output();
    for (i, (slug, url)) in cases.iter().enumerate() {
        if url.is_empty() {
            continue;
        }
        let page = site.page(url);
        assert_eq!(
            page.text("h1.article-title"),
            format!("Slug case {i}"),
            "{slug}"
        );
    }
    for url in [
        "/2025/08/up/",
        "/2025/08/abs-olute/",
        "/2025/08/lpt1-1/",
        "/2025/08/win/",
    ] {
        assert!(output.contains_key(&output_path(url)), "no {url}");
    }
    for path in output.keys() {
        assert!(
            path.split('/').all(|part| !part.is_empty()
                && part != ".."
                && part != "."
                && !part.contains(['\\', ':', '%', '\0'])),
            "odd output path {path:?}"
        );
    }
    // The slug made only of dots still gets a page of its own.
    let dots = site
        .pages()
        .into_iter()
        .filter(|(_, p)| p.texts("h1.article-title") == ["Slug case 3"])
        .count();
    assert_eq!(dots, 1);

    for (name, text, expected) in [
        (
            "NUL in a slug",
            with("slug = \"a\\u0000b\"\n"),
            "content/piece.md:5:8: `slug` contains a NUL character",
        ),
        (
            "NUL in a title",
            with("").replace("\"Piece\"", "\"Pie\\u0000ce\""),
            "content/piece.md:2:9: `title` contains a NUL character",
        ),
        (
            "NUL in an author's name",
            with("").replace("\"Ana Ruiz\"", "\"Ana\\u0000Ruiz\""),
            "content/piece.md:4:10: `author`: a name contains a NUL character",
        ),
    ] {
        piece(name, &text, Expect::Errors(&[expected]));
    }
}

#[test]
fn two_pieces_with_one_url_are_an_error() {
    case(
        "same slug",
        &[],
        |site| {
            site.file("content/a.md", &with("slug = \"same\"\n"));
            site.file(
                "content/b.md",
                &with("slug = \"same\"\n").replace("Piece", "Other"),
            );
        },
        Expect::Errors(&["content/a.md:5:8: URL /2025/07/same/ is also the URL of content/b.md"]),
    );
    case(
        "titles that slug alike",
        &[],
        |site| {
            site.file("content/a.md", &with("").replace("Piece", "Ports & Power"));
            site.file("content/b.md", &with("").replace("Piece", "Ports, Power!"));
        },
        Expect::Errors(&[
            "content/b.md:2:9: URL /2025/07/ports-power/ is also the URL of content/a.md",
        ]),
    );
    case(
        "an article over a section page",
        &[],
        |site| {
            site.file(
                "site.toml",
                &format!("{SITE_TOML}permalink = \"/{{slug}}/\"\n"),
            );
            site.file("content/a.md", &with("slug = \"authors\"\n"));
        },
        Expect::Errors(&[
            "content/a.md:5:8: URL /authors/ is also the URL of the page templates/authors.html makes",
        ]),
    );
}

// --- Markup and script in every text field ------------------------------------------------

const NASTY: &str = "<script>alert(\"x\")</script> ]]> <b>&amp;</b> \"q\" 'a' </title>";

#[test]
fn markup_in_every_text_field_is_escaped_everywhere() {
    let title = format!("T {NASTY}");
    let author = format!("Au {NASTY}");
    let affiliation = format!("Af {NASTY}");
    let topic = format!("To {NASTY}");
    let summary = format!("Su {NASTY}");
    let role = format!("Ro {NASTY}");
    let site_title = format!("Si {NASTY}");
    let site = case(
        "markup everywhere",
        &[],
        |site| {
            site.file(
                "site.toml",
                &format!(
                    "title = {site_title:?}\ndescription = {NASTY:?}\nbase_url = \"https://hostile.example.org\"\n"
                ),
            );
            site.file(
                "content/nasty.md",
                &format!(
                    "+++\ntitle = {title:?}\ndate = 2025-07-01\nauthor = {author:?}\naffiliation = {affiliation:?}\ntags = [{topic:?}]\nsummary = {summary:?}\nslug = \"nasty\"\n+++\n\nBody with <script>alert(1)</script> and ]]> and <img src=/style.css onerror=alert(1)>.\n\n[click](javascript:alert(1)) ![x](javascript:alert(2))\n"
                ),
            );
            site.file(
                "content/authors/au.md",
                &format!(
                    "+++\nname = {author:?}\nrole = {role:?}\naffiliation = {affiliation:?}\n[links]\n{:?} = \"https://example.org/?a=1&b=<2>\"\n+++\nBio with <script>x</script> ]]>.\n",
                    format!("Li {NASTY}")
                ),
            );
        },
        Expect::Builds,
    );
    let pages = site.pages();
    for (url, page) in &pages {
        // One script element at most: the JSON-LD block, which never closes early; and on
        // the search page (issue 14) only the theme's own script, loaded from its file.
        let mut scripts = page.select("script");
        if url == "/search/" {
            let ours = scripts.remove(scripts.len() - 1);
            assert_eq!(ours.value().attr("src"), Some("/search.js"), "{url}");
            assert_eq!(ours.text().collect::<String>(), "", "{url}");
        }
        assert!(scripts.len() <= 1, "{url}: {} scripts", scripts.len());
        for script in scripts {
            assert_eq!(
                script.value().attr("type"),
                Some("application/ld+json"),
                "{url}"
            );
        }
        assert!(page.select("b").is_empty(), "{url}: <b> became markup");
        assert!(page.select("img[onerror]").is_empty(), "{url}");
        assert!(
            !page.source.to_ascii_lowercase().contains("javascript:"),
            "{url}"
        );
        assert_eq!(page.text("header .site-title"), site_title, "{url}");
    }
    let article = &pages["/2025/07/nasty/"];
    assert_eq!(article.text("h1.article-title"), title);
    assert_eq!(article.text("p.dek"), summary);
    assert_eq!(article.text("p.byline a.author"), author);
    assert_eq!(article.text("p.byline .affiliation a"), affiliation);
    assert_eq!(article.text("p.kicker a"), topic);
    assert_eq!(
        article.attr(r#"meta[property="og:title"]"#, "content"),
        title
    );
    assert_eq!(
        article.attr(r#"meta[name="description"]"#, "content"),
        summary
    );
    assert_eq!(
        article.attr(r#"meta[property="article:tag"]"#, "content"),
        topic
    );
    assert_eq!(
        article
            .text(".bio-role")
            .trim_end_matches(&format!(", {affiliation}")),
        role
    );
    // Issue 13: raw HTML is cleaned rather than shown: the script goes with its content,
    // the image stays without its handler (so it points at a file, for `check` to pass).
    assert!(
        article.text(".prose").contains("Body with and ]]> and ."),
        "{}",
        article.text(".prose")
    );
    // …and the Markdown image with a script URL keeps no source at all.
    assert_eq!(article.attrs(".prose img", "src"), ["/style.css", ""]);
    let ld = article.json_ld();
    assert_eq!(ld["headline"], title.as_str());
    assert_eq!(ld["description"], summary.as_str());
    assert_eq!(ld["author"][0]["name"], author.as_str());
    assert_eq!(ld["author"][0]["jobTitle"], role.as_str());
    assert_eq!(ld["publisher"]["name"], site_title.as_str());
    assert_eq!(ld["keywords"][0], topic.as_str());
    let author_page = &pages["/authors/au/"];
    assert_eq!(author_page.text("h1.page-title"), author);
    assert_eq!(
        author_page.links(".profile-links a").first(),
        Some(&(
            format!("Li {NASTY}"),
            "https://example.org/?a=1&b=<2>".to_string()
        ))
    );

    // Feeds and the sitemap are XML that gives back the exact strings.
    for feed in ["/atom.xml", "/authors/au/atom.xml"] {
        let xml = site.read(feed);
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{feed}: {e}"));
        let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
        assert!(texts.contains(&title.as_str()), "{feed}");
        assert!(texts.contains(&author.as_str()), "{feed}");
        assert!(texts.contains(&summary.as_str()), "{feed}");
        let content = doc
            .descendants()
            .find(|n| n.has_tag_name("content"))
            .and_then(|n| n.text())
            .unwrap_or_default();
        assert!(
            !content.contains("<script"),
            "{feed}: a live script in the entry's HTML"
        );
    }
    roxmltree::Document::parse(&site.read("/sitemap.xml")).expect("the sitemap is XML");
}

// --- Templates ----------------------------------------------------------------------------

#[test]
fn broken_templates_are_errors_at_the_template() {
    case(
        "template syntax error",
        &[],
        |site| {
            site.file("templates/article.html", "{% extends \"base.html\" %}\n{% block main %}\n{{ article.title \n{% endblock main %}\n");
        },
        Expect::Errors(&["templates/article.html:4:1: template syntax error"]),
    );
    case(
        "template with an undefined variable",
        &[],
        |site| {
            site.file("templates/article.html", "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ article.headline_that_is_not_there }}</h1>\n{% endblock main %}\n");
        },
        Expect::Errors(&[
            "templates/article.html:3:16: template error: Field `headline_that_is_not_there` is not defined",
        ]),
    );
    case(
        "template extending a missing one",
        &[],
        |site| {
            site.file("templates/topics.html", "{% extends \"nowhere.html\" %}\n");
        },
        Expect::Errors(&[
            "templates/topics.html:1:1: template extends \"nowhere.html\", which does not exist",
        ]),
    );
    case(
        "templates including each other",
        &[],
        |site| {
            site.file(
                "templates/partials/card.html",
                "{% include \"partials/list.html\" %}",
            );
            site.file(
                "templates/partials/list.html",
                "{% include \"partials/card.html\" %}",
            );
        },
        Expect::Errors(&["templates/"]),
    );
}

// --- Where the output goes ------------------------------------------------------------------

#[test]
fn output_folders_that_are_not_ours_are_refused() {
    case(
        "--output at the site root",
        &["--output", SITE],
        |_| {},
        Expect::Refused("it holds the site's own sources"),
    );
    case(
        "--output at a folder holding the site",
        &["--output", "outer"],
        |_| {},
        Expect::Refused("it holds the site's own sources"),
    );
    case(
        "--output at /",
        &["--output", "/"],
        |_| {},
        Expect::Refused("that is the root of the file system"),
    );
    let site = case(
        "--output at a folder holding other files",
        &["--output", "outer/notes"],
        |site| {
            site.test.file("outer/notes/keep.txt", "mine\n");
        },
        Expect::Refused("it is not empty and was not written by broadsheet"),
    );
    assert_eq!(site.test.tree("outer/notes").len(), 1);
    case(
        "--output at a file",
        &["--output", "outer/file.txt"],
        |site| {
            site.test.file("outer/file.txt", "a file\n");
        },
        Expect::Refused("it is a file"),
    );
    case(
        "--output at content/",
        &["--output", "outer/site/content"],
        |_| {},
        Expect::Refused("it is not empty and was not written by broadsheet"),
    );
}

// --- A build killed mid-write ---------------------------------------------------------------

/// The entries beside the output folder that a build in progress uses: its staging folder
/// and the previous output set aside.
fn leftovers(site: &Hostile) -> Vec<String> {
    std::fs::read_dir(site.path(""))
        .expect("read the site folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.contains("broadsheet"))
        .collect()
}

#[test]
#[ignore = "slow: about 40 s in a debug build; CI runs it in release with `cargo test --release --test it hostile:: -- --ignored`"]
fn a_build_killed_mid_write_leaves_a_complete_site() {
    let site = Hostile::new();
    many_pieces(&site, 3_000, "Piece");
    let started = Instant::now();
    site.build();
    let full = started.elapsed();
    let first = site.output();

    // The changed site, built elsewhere once, is the only other complete state allowed.
    many_pieces(&site, 3_000, "Changed");
    site.run("build", &["--output", "outer/changed"])
        .assert_code(0);
    let changed = site.test.tree("outer/changed");
    assert_ne!(changed, first);

    let (mut killed_mid_run, mut killed_mid_write) = (0, 0);
    for percent in [3, 10, 25, 45, 65, 80, 90, 97] {
        let delay = full * percent / 100;
        let mut child = Command::new(BINARY)
            .args(["build", "--root", SITE])
            .current_dir(site.test.root())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start a build");
        std::thread::sleep(delay);
        if child.try_wait().expect("poll the build").is_none() {
            killed_mid_run += 1;
        }
        // SIGKILL on Unix: no destructor, no cleanup.
        child.kill().expect("kill the build");
        child.wait().expect("reap the build");
        if !leftovers(&site).is_empty() {
            killed_mid_write += 1;
        }
        let now = site.output();
        assert!(
            now == first || now == changed,
            "killed after {delay:?}: the output is neither the old site nor the new one ({} files)",
            now.len()
        );
        if now == changed {
            // The new site went into place before the kill: put the old one back for the
            // next round.
            many_pieces(&site, 3_000, "Piece");
            site.build();
            assert_eq!(site.output(), first);
            many_pieces(&site, 3_000, "Changed");
        }
    }
    assert!(
        killed_mid_run >= 4,
        "only {killed_mid_run} builds were killed while running"
    );
    assert!(
        killed_mid_write >= 1,
        "no build was killed while writing its staging folder"
    );

    // The next build clears what the killed ones left, and completes.
    site.build();
    assert_eq!(site.output(), changed);
    assert!(
        leftovers(&site).is_empty(),
        "left behind: {:?}",
        leftovers(&site)
    );
}
