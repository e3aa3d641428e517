//! `broadsheet serve` (issue 4): the real binary serving a site on a free port, fetched
//! over raw HTTP (so traversal attempts reach the server exactly as written), its live
//! reload followed over the same websocket the pages use, and a headless Chromium
//! following links and watching a page change by itself.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::browser::{Browser, find_chromium};
use crate::harness::{BINARY, Page, SiteTest};

/// Long enough for a debug build on a busy machine; a working server answers in well under
/// a second.
const PATIENCE: Duration = Duration::from_secs(30);

/// A running `broadsheet serve`, stopped when dropped.
struct Server {
    child: Child,
    address: SocketAddr,
    /// The URL it printed (home page, or the previewed article).
    url: String,
    stdout: mpsc::Receiver<String>,
    /// What it printed before its URL.
    before: Vec<String>,
    /// Lines of stdout read while waiting for another.
    seen: std::cell::RefCell<Vec<String>>,
    /// Everything it wrote to stderr so far, for failure messages.
    stderr: Arc<Mutex<String>>,
}

impl Server {
    /// Runs `broadsheet serve --port 0 <args>` in `dir` and waits for its URL.
    fn start(dir: &Path, args: &[&str]) -> Server {
        let mut child = Command::new(BINARY)
            .arg("serve")
            .args(if args.contains(&"--port") {
                &[][..]
            } else {
                &["--port", "0"][..]
            })
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("cannot start broadsheet serve");
        let (sender, stdout) = mpsc::channel();
        let out = child.stdout.take().expect("piped stdout");
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let err = child.stderr.take().expect("piped stderr");
        let collected = stderr.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let mut all = collected.lock().unwrap_or_else(|e| e.into_inner());
                all.push_str(&line);
                all.push('\n');
            }
        });
        let mut server = Server {
            child,
            address: SocketAddr::from(([127, 0, 0, 1], 0)),
            url: String::new(),
            stdout,
            before: Vec::new(),
            seen: Default::default(),
            stderr,
        };
        let line = server.wait_for_line(|l| l.starts_with("serving http://"));
        server.before = server.seen.take();
        let url = line["serving ".len()..]
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string();
        let authority = url["http://".len()..].split('/').next().unwrap_or_default();
        server.address = authority
            .parse()
            .unwrap_or_else(|_| panic!("no address in {line:?}"));
        server.url = url;
        server
    }

    /// Waits for a line of stdout that `wanted` accepts, and returns it.
    fn wait_for_line(&self, wanted: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.stdout.recv_timeout(left) {
                Ok(line) if wanted(&line) => return line,
                Ok(line) => self.seen.borrow_mut().push(line),
                Err(_) => break,
            }
        }
        panic!(
            "serve did not print the expected line\n--- stdout\n{}\n--- stderr\n{}",
            self.seen.borrow().join("\n"),
            self.stderr()
        );
    }

    fn stderr(&self) -> String {
        self.stderr
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// `GET path`, sent exactly as written.
    fn get(&self, path: &str) -> Response {
        request(self.address, "GET", path)
    }

    /// The page at `path`, which must be served with status 200.
    fn page(&self, path: &str) -> Page {
        let response = self.get(path);
        assert_eq!(response.status, 200, "GET {path}\n{}", self.stderr());
        Page::parse(path, &response.body)
    }

    /// The live-reload socket of a page showing `path`.
    fn live(&self, path: &str) -> Live {
        Live::connect(self.address, path)
    }

    /// Waits until `condition` holds: pages that no browser shows are brought up to date
    /// by the full render, which may finish after the reload of the open ones.
    fn eventually(&self, what: &str, mut condition: impl FnMut() -> bool) {
        let deadline = Instant::now() + PATIENCE;
        while !condition() {
            assert!(
                Instant::now() < deadline,
                "never true: {what}\n{}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends SIGINT, as Ctrl-C does, and waits for the process to end.
    fn interrupt(mut self) -> (std::process::ExitStatus, String) {
        let status = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .expect("cannot run kill");
        assert!(status.success());
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().expect("cannot wait for serve") {
                let mut rest = Vec::new();
                while let Ok(line) = self.stdout.recv_timeout(Duration::from_millis(200)) {
                    rest.push(line);
                }
                return (status, rest.join("\n"));
            }
            assert!(Instant::now() < deadline, "serve did not stop on SIGINT");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What the server answered.
struct Response {
    status: u16,
    headers: BTreeMap<String, String>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", String::as_str)
    }
}

/// One HTTP/1.1 request on a fresh connection, the path sent byte for byte.
fn request(address: SocketAddr, method: &str, path: &str) -> Response {
    let mut stream = TcpStream::connect(address).expect("cannot connect to serve");
    stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .expect("cannot send a request");
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .expect("cannot read a response");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP response: {text:?}"));
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Response {
        status,
        headers,
        body: body.to_string(),
    }
}

/// The live-reload websocket, as a page opens it.
struct Live {
    socket: tungstenite::WebSocket<TcpStream>,
}

impl Live {
    /// Opens the socket and says which page it belongs to, as the live-reload script does.
    fn connect(address: SocketAddr, path: &str) -> Live {
        let stream = TcpStream::connect(address).expect("cannot connect to serve");
        let url = format!("ws://{address}/__broadsheet/live");
        let (mut socket, _) = tungstenite::client(url.as_str(), stream).expect("no websocket");
        let page = serde_json::json!({ "kind": "page", "path": path });
        socket
            .send(tungstenite::Message::Text(page.to_string().into()))
            .expect("cannot say which page");
        socket
            .get_ref()
            .set_read_timeout(Some(Duration::from_millis(250)))
            .expect("timeout");
        let mut live = Live { socket };
        let hello = live.next();
        assert_eq!(hello["kind"], "hello", "{hello}");
        live
    }

    /// The next message, within the test's patience.
    fn next(&mut self) -> serde_json::Value {
        let deadline = Instant::now() + PATIENCE;
        loop {
            match self.socket.read() {
                Ok(tungstenite::Message::Text(text)) => {
                    return serde_json::from_str(text.as_str()).expect("a JSON message");
                }
                Ok(_) => {}
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    assert!(
                        Instant::now() < deadline,
                        "no live-reload message in {PATIENCE:?}"
                    );
                }
                Err(e) => panic!("the live-reload socket failed: {e}"),
            }
        }
    }

    /// The next message if one comes within `wait`.
    fn within(&mut self, wait: Duration) -> Option<serde_json::Value> {
        let deadline = Instant::now() + wait;
        while Instant::now() < deadline {
            match self.socket.read() {
                Ok(tungstenite::Message::Text(text)) => {
                    return Some(serde_json::from_str(text.as_str()).expect("a JSON message"));
                }
                Ok(_) => {}
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(e) => panic!("the live-reload socket failed: {e}"),
            }
        }
        None
    }

    /// Waits for a message of `kind`, skipping others, and returns it.
    fn expect(&mut self, kind: &str) -> serde_json::Value {
        loop {
            let message = self.next();
            if message["kind"] == kind {
                return message;
            }
        }
    }
}

/// A draft article by a new author, dated in the future (so under embargo), so it heads
/// every listing.
fn article(title: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ndate = 2031-05-06T09:00:00-04:00\nauthor = \"Wren Okafor\"\n\
         affiliation = \"Harbor Institute\"\ntags = [\"tidewater\"]\ndraft = true\n+++\n\n{body}\n"
    )
}

const ARTICLE: &str = "content/2031/tides.md";
const ARTICLE_URL: &str = "/2031/05/tides-and-timetables/";

fn sample_with_article() -> SiteTest {
    let site = SiteTest::sample();
    site.file(
        ARTICLE,
        &article(
            "Tides and Timetables",
            "The first version of this argument.",
        ),
    );
    site
}

fn the_script(page: &Page) -> bool {
    !page
        .select(r#"script[src="/__broadsheet/live.js"]"#)
        .is_empty()
}

fn the_overlay(page: &Page) -> Option<String> {
    let found = page.select("#broadsheet-problems");
    found.first().map(|e| crate::harness::text_of(*e))
}

/// The issue's integration test: pages served, an edit reloads them, broken front matter
/// shows the overlay over the last good page, and the fix clears it.
#[test]
fn serve_reloads_on_edit_and_overlays_a_broken_build() {
    let site = sample_with_article();
    let server = Server::start(site.root(), &[]);
    assert!(server.url.ends_with('/'));

    let home = server.page("/");
    assert!(the_script(&home), "the live-reload script is injected");
    assert!(the_overlay(&home).is_none());
    let first_card = home.links(".card-title a");
    assert_eq!(
        first_card.first().map(|(_, href)| href.as_str()),
        Some(ARTICLE_URL)
    );
    // Drafts are served and marked.
    assert_eq!(
        home.texts(".card-title .badge").first().map(String::as_str),
        Some("Draft")
    );

    // So are pieces under embargo (issue 12): this one is dated 2031.
    assert_eq!(
        home.texts(".card-title .badge-scheduled")
            .first()
            .map(String::as_str),
        Some("Scheduled")
    );

    let page = server.page(ARTICLE_URL);
    assert_eq!(page.text("h1"), "Tides and Timetables");
    assert_eq!(
        page.texts(".draft-banner .badge"),
        ["Draft", "Scheduled"],
        "marked a draft and scheduled"
    );
    let author = page.href(".byline a.author");
    assert!(server.page(&author).source.contains("Tides and Timetables"));

    let mut live = server.live(ARTICLE_URL);
    site.file(
        ARTICLE,
        &article("Tides and Timetables", "A second, better version."),
    );
    live.expect("reload");
    assert!(
        server
            .page(ARTICLE_URL)
            .text(".prose")
            .contains("A second, better version.")
    );

    // Broken front matter: the last good page stays, with the problems over it.
    site.file(
        ARTICLE,
        "+++\ntitle = \"Tides and Timetables\"\ndate = 2031-05-06\nautor = \"Wren Okafor\"\n+++\nThird.\n",
    );
    let problems = live.expect("problems");
    let overlay = problems["overlay"].as_str().unwrap_or_default();
    assert!(overlay.contains("content/2031/tides.md:4:1"), "{overlay}");
    let page = server.page(ARTICLE_URL);
    assert!(page.text(".prose").contains("A second, better version."));
    let shown = the_overlay(&page).expect("the overlay is on the page");
    assert!(shown.contains("content/2031/tides.md:4:1"), "{shown}");
    assert!(shown.contains("did you mean `author`?"), "{shown}");
    assert_eq!(page.attr("#broadsheet-problems", "role"), "alert");
    assert!(
        the_overlay(&server.page("/authors/")).is_some(),
        "on every page"
    );
    let missing = server.get("/no/such/page/");
    assert!(
        the_overlay(&Page::parse("/404", &missing.body)).is_some(),
        "on every page"
    );

    site.file(
        ARTICLE,
        &article("Tides and Timetables", "A third version."),
    );
    live.expect("reload");
    let page = server.page(ARTICLE_URL);
    assert!(the_overlay(&page).is_none());
    assert!(page.text(".prose").contains("A third version."));

    assert!(
        !site.root().join("public").exists(),
        "serve never writes public/"
    );
}

#[test]
fn serve_refuses_paths_outside_the_site() {
    let site = sample_with_article();
    site.file("static/secret-link-target.txt", "fine");
    let outside = tempfile::tempdir().expect("tempdir");
    std::fs::write(outside.path().join("secret.txt"), "TOP SECRET").expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        site.root().join("static/linked.txt"),
    )
    .expect("symlink");
    let server = Server::start(site.root(), &[]);
    for path in [
        "/../site.toml",
        "/..%2fsite.toml",
        "/%2e%2e/site.toml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/static/../../site.toml",
        "/./index.html",
        "/..\\site.toml",
        "//etc/passwd",
        "/etc/passwd",
        "/site.toml",
        "/content/2031/tides.md",
        "/linked.txt",
        &format!("/{}", outside.path().join("secret.txt").display()),
    ] {
        let response = server.get(path);
        assert!(
            [403, 404].contains(&response.status),
            "{path}: {}",
            response.status
        );
        assert!(!response.body.contains("TOP SECRET"), "{path}");
        assert!(!response.body.contains("base_url"), "{path}");
    }
    assert_eq!(server.get("/../site.toml").status, 403);
    assert_eq!(server.get("/%2e%2e/site.toml").status, 403);
    assert_eq!(server.get("/secret-link-target.txt").body, "fine");
}

#[test]
fn serve_answers_like_a_web_server() {
    let site = sample_with_article();
    let server = Server::start(site.root(), &[]);
    for (path, kind) in [
        ("/", "text/html; charset=utf-8"),
        (ARTICLE_URL, "text/html; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/atom.xml", "application/atom+xml; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
    ] {
        let response = server.get(path);
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(response.header("content-type"), kind, "{path}");
    }
    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.body,
        server.get("/404.html").body,
        "the site's own 404 page"
    );
    assert!(the_script(&Page::parse("/404.html", &missing.body)));

    let folder = server.get("/authors");
    assert_eq!(folder.status, 308);
    assert_eq!(folder.header("location"), "/authors/");
    assert_eq!(request(server.address, "POST", "/").status, 405);
    let head = request(server.address, "HEAD", "/");
    assert_eq!((head.status, head.body.as_str()), (200, ""));

    // The script is added while serving only: a build of the same site has none of it.
    site.build(&["--drafts", "--future"]);
    let built = site.page("/");
    assert!(!the_script(&built));
    assert!(!site.read(ARTICLE_URL).contains("__broadsheet"));
}

#[test]
fn articles_added_renamed_and_deleted_show_up_everywhere() {
    let site = SiteTest::sample();
    let server = Server::start(site.root(), &[]);
    let mut live = server.live("/");
    let listed = |path: &str| -> Vec<String> {
        server
            .page(path)
            .links(".card-title a")
            .into_iter()
            .map(|(title, _)| title)
            .collect()
    };
    let status = |path: &str| server.get(path).status;
    let feed_has = |text: &str| server.get("/atom.xml").body.contains(text);

    site.file(ARTICLE, &article("Tides and Timetables", "New."));
    live.expect("reload");
    // The page open in the "browser" is current as soon as it is told to reload.
    assert_eq!(listed("/")[0], "Tides and Timetables");
    server.eventually("the new article is on every page", || {
        listed("/authors/wren-okafor/") == ["Tides and Timetables"]
            && status("/tags/tidewater/") == 200
            && listed("/tags/tidewater/") == ["Tides and Timetables"]
            && status("/authors/wren-okafor/atom.xml") == 200
            && feed_has("Tides and Timetables")
    });

    std::fs::rename(
        site.root().join(ARTICLE),
        site.root().join("content/2031/renamed.md"),
    )
    .expect("rename");
    // Same article, same pages: the open page has nothing to reload for.
    server.wait_for_line(|l| l.starts_with("rebuilt in") && l.contains("renamed.md"));
    assert_eq!(live.within(Duration::from_millis(300)), None);
    assert_eq!(listed("/")[0], "Tides and Timetables");
    assert_eq!(status(ARTICLE_URL), 200);

    site.remove("content/2031/renamed.md");
    live.expect("reload");
    assert_ne!(listed("/")[0], "Tides and Timetables");
    assert_eq!(status(ARTICLE_URL), 404);
    assert_eq!(status("/authors/wren-okafor/"), 404);
    server.eventually("the article is gone from every page", || {
        !feed_has("Tides and Timetables")
            && !server.page("/authors/").source.contains("Wren Okafor")
            && status("/tags/tidewater/") == 404
    });
}

/// Editors save in bursts: a backup, a temporary file renamed over the article, a second
/// write. All of it is one rebuild and one reload.
#[test]
fn an_editor_save_burst_is_one_rebuild() {
    let site = sample_with_article();
    let server = Server::start(site.root(), &[]);
    let mut live = server.live(ARTICLE_URL);
    let root = site.root();
    let burst = Instant::now();
    std::fs::copy(root.join(ARTICLE), root.join("content/2031/tides.md~")).expect("backup");
    std::fs::write(root.join("content/2031/.tides.md.swp"), "swap").expect("swap file");
    std::fs::write(root.join("content/2031/4913"), "").expect("probe");
    std::fs::remove_file(root.join("content/2031/4913")).expect("probe");
    std::fs::write(
        root.join("content/2031/.tides.md.new"),
        article("Tides and Timetables", "Saved in a burst."),
    )
    .expect("temporary file");
    std::fs::rename(root.join("content/2031/.tides.md.new"), root.join(ARTICLE))
        .expect("rename over");
    site.file(
        ARTICLE,
        &article("Tides and Timetables", "Saved in a burst, twice."),
    );
    std::fs::remove_file(root.join("content/2031/tides.md~")).expect("backup");
    let burst = burst.elapsed();

    live.expect("reload");
    assert!(
        server
            .page(ARTICLE_URL)
            .text(".prose")
            .contains("Saved in a burst, twice.")
    );
    server.wait_for_line(|l| l.starts_with("rebuilt in"));
    assert_eq!(
        live.within(Duration::from_millis(800)),
        None,
        "a second reload"
    );
    std::thread::sleep(Duration::from_millis(200));
    let more: Vec<String> = server.stdout.try_iter().collect();
    // A machine too busy to write six files in a row leaves gaps longer than the settle
    // window; that is no longer one burst, and two rebuilds are right.
    if burst < Duration::from_millis(25) {
        assert!(
            more.iter().all(|l| !l.contains("built in")),
            "a second rebuild after a {burst:?} burst: {more:?}"
        );
    }
}

#[test]
fn templates_and_settings_are_watched_too() {
    let site = sample_with_article();
    let server = Server::start(site.root(), &[]);
    let mut live = server.live("/");
    let settings = std::fs::read_to_string(site.root().join("site.toml")).expect("site.toml");
    site.file(
        "site.toml",
        &settings.replace("title = \"The Long View\"", "title = \"The Longer View\""),
    );
    live.expect("reload");
    assert!(server.page("/").text("title").contains("The Longer View"));

    site.file("static/extra.css", "body { color: red }");
    live.expect("reload");
    assert_eq!(server.get("/extra.css").body, "body { color: red }");

    // Only pages that change reload: the home page does not show the 404 page.
    let mut lost = server.live("/nowhere/");
    site.file("templates/404.html", "{% extends \"base.html\" %}{% block main %}<p class=\"gone\">Gone fishing</p>{% endblock main %}");
    lost.expect("reload");
    assert_eq!(live.within(Duration::from_millis(300)), None);
    let missing = server.get("/nowhere/");
    assert_eq!(missing.status, 404);
    assert_eq!(
        Page::parse("/404.html", &missing.body).text(".gone"),
        "Gone fishing"
    );
}

#[test]
fn serve_starts_while_the_site_does_not_build() {
    let site = SiteTest::sample();
    site.file(
        ARTICLE,
        "+++\ntitle = \"Broken\"\n+++\nNo date, no author.\n",
    );
    let server = Server::start(site.root(), &[]);
    let home = server.get("/");
    assert_eq!(home.status, 500);
    let page = Page::parse("/", &home.body);
    let shown = the_overlay(&page).expect("the overlay");
    assert!(shown.contains("content/2031/tides.md"), "{shown}");
    server.eventually("the problems are printed", || {
        server.stderr().contains("content/2031/tides.md:")
    });
    let mut live = server.live("/");
    site.file(ARTICLE, &article("Tides and Timetables", "Fixed."));
    live.expect("reload");
    server.wait_for_line(|l| l.starts_with("built in"));
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn serve_previews_a_single_article_outside_any_site() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("draft.md"),
        article("Sent In", "Original text."),
    )
    .expect("write");
    let server = Server::start(dir.path(), &["draft.md"]);
    assert!(server.url.ends_with("/2031/05/sent-in/"), "{}", server.url);
    let path = &server.url[server.url.find("/2031").unwrap_or(0)..];
    let page = server.page(path);
    assert_eq!(page.text("h1"), "Sent In");
    assert_eq!(page.text(".byline a.author"), "Wren Okafor");
    assert!(page.text(".byline").contains("Harbor Institute"));
    assert!(the_script(&page));

    let mut live = server.live(path);
    std::fs::write(
        dir.path().join("draft.md"),
        article("Sent In", "Revised text."),
    )
    .expect("write");
    live.expect("reload");
    assert!(server.page(path).text(".prose").contains("Revised text."));
}

#[test]
fn ctrl_c_stops_serve_cleanly() {
    let site = sample_with_article();
    let server = Server::start(site.root(), &[]);
    let live = server.live("/");
    let (status, stdout) = server.interrupt();
    assert!(status.success(), "{status:?}");
    assert!(stdout.contains("stopped serving"), "{stdout}");
    drop(live);
}

#[test]
fn a_busy_port_moves_serve_to_the_next_one() {
    let taken = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = taken.local_addr().expect("address").port();
    let site = sample_with_article();
    let server = Server::start(site.root(), &["--port", &port.to_string()]);
    assert_ne!(server.address.port(), port);
    assert_eq!(server.address.ip().to_string(), "127.0.0.1");
    assert!(
        server
            .before
            .iter()
            .any(|l| l.starts_with(&format!("port {port} is busy"))),
        "{:?}",
        server.before
    );
    assert!(server.page("/").source.contains("Tides and Timetables"));
    drop(taken);
}

/// A real browser: headless Chromium opens the home page, follows a link to an article and
/// to its author page; the article is edited, and the open page changes by itself.
#[test]
fn a_browser_follows_links_and_reloads_by_itself() {
    let Some(chromium) = find_chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but no chromium was found: .ci/run installs it"
        );
        println!("skipping the browser test: no chromium (install Debian's `chromium`)");
        return;
    };
    let site = sample_with_article();
    let server = Server::start(site.root(), &[]);
    let browser = Browser::launch(&chromium);
    let mut tab = browser.tab();

    tab.navigate(&server.url);
    assert_eq!(
        tab.wait_for("document.querySelector('.card-title a')?.textContent"),
        "Tides and Timetables"
    );
    tab.eval("document.querySelector('.card-title a').click()");
    tab.wait_until(&format!("location.pathname === '{ARTICLE_URL}'"));
    assert_eq!(
        tab.wait_for("document.querySelector('h1')?.textContent"),
        "Tides and Timetables"
    );
    tab.eval("document.querySelector('.byline a.author').click()");
    tab.wait_until("location.pathname === '/authors/wren-okafor/'");
    assert_eq!(
        tab.wait_for("document.querySelector('.card-title a')?.textContent"),
        "Tides and Timetables"
    );

    // Edit the article while its author page is open: the listing's summary, taken from
    // the first paragraph, follows by itself.
    tab.eval("window.untouched = true");
    site.file(
        ARTICLE,
        &article("Tides and Timetables", "Tugboats set the schedule now."),
    );
    tab.wait_until(
        "document.querySelector('.card-dek')?.textContent.includes('Tugboats set the schedule now.')",
    );
    assert_eq!(
        tab.eval("String(window.untouched)"),
        "undefined",
        "the page reloaded"
    );

    // Back on the article, edit its text.
    tab.eval("history.back()");
    tab.wait_until(&format!("location.pathname === '{ARTICLE_URL}'"));
    site.file(
        ARTICLE,
        &article(
            "Tides and Timetables",
            "Words written while the page was open.",
        ),
    );
    tab.wait_until(
        "document.querySelector('.prose')?.textContent.includes('Words written while the page was open.')",
    );

    // A broken save lays the overlay over the open page; the fix takes it away.
    site.file(
        ARTICLE,
        "+++\ntitle = \"x\"\ndate = 2031-05-06\nautor = \"W\"\n+++\n",
    );
    tab.wait_until("document.getElementById('broadsheet-problems') !== null");
    assert!(
        tab.eval("document.getElementById('broadsheet-problems').textContent")
            .contains("content/2031/tides.md:4:1")
    );
    site.file(ARTICLE, &article("Tides and Timetables", "Mended."));
    tab.wait_until(
        "document.getElementById('broadsheet-problems') === null && document.querySelector('.prose')?.textContent.includes('Mended.')",
    );
}

/// `serve` includes search (issue 14), and an edit reaches the index: after the page
/// reload (which the index never delays), with the full render that follows it. Drafts and
/// pieces under embargo, which `serve` shows marked "Draft" and "Scheduled", are never
/// searchable: the index holds what `build` would publish.
#[test]
fn serve_keeps_the_search_index_current_and_drafts_and_scheduled_pieces_out_of_it() {
    let site = SiteTest::sample();
    let server = Server::start(site.root(), &[]);
    let meta = || -> serde_json::Value {
        serde_json::from_str(&server.get("/search/data/meta.json").body).expect("meta.json")
    };
    // Whether `word` is in the index, looked up as the search page does: in the shard of
    // the longest prefix that begins it.
    let indexed = |word: &str| -> bool {
        let meta = meta();
        let Some(prefix) = meta["shards"]
            .as_array()
            .expect("shards")
            .iter()
            .filter_map(|p| p.as_str())
            .filter(|p| word.starts_with(p))
            .max_by_key(|p| p.len())
        else {
            return false;
        };
        let hex: String = prefix.bytes().map(|b| format!("{b:02x}")).collect();
        let shard: serde_json::Value =
            serde_json::from_str(&server.get(&format!("/search/data/t/{hex}.json")).body)
                .expect("a shard");
        shard.get(word).is_some()
    };
    let count = || meta()["count"].as_u64().expect("count");
    let before = count();
    assert_eq!(server.get("/search/").status, 200);
    assert_eq!(server.get("/search.js").status, 200);
    let mut live = server.live("/");

    // A draft dated in the past, and a piece under embargo that is not a draft.
    site.file(
        "content/2024/draft.md",
        "+++\ntitle = \"Not Yet\"\ndate = 2024-11-06\nauthor = \"Wren Okafor\"\ndraft = true\n+++\n\nMarshwort only.\n",
    );
    site.file(
        "content/2031/sedge.md",
        "+++\ntitle = \"Sedge Futures\"\ndate = 2031-05-06T09:00:00-04:00\nauthor = \"Wren Okafor\"\n+++\n\nSedgewort, later.\n",
    );
    live.expect("reload");
    // Then a published piece, dated in the past. Rebuilds run in order, so once its word
    // is in the index, so would the other two be, were they indexed at all.
    site.file(
        "content/2024/quillwort.md",
        "+++\ntitle = \"Marsh Plants and the Budget\"\ndate = 2024-11-05\nauthor = \"Wren Okafor\"\n+++\n\nQuillwort grows here.\n",
    );
    server.eventually("the new piece is in the index", || indexed("quillwort"));

    // Both are served, and marked.
    let draft = server.page("/2024/11/not-yet/");
    assert_eq!(draft.texts(".draft-banner .badge"), ["Draft"]);
    let scheduled = server.page("/2031/05/sedge-futures/");
    assert_eq!(scheduled.texts(".draft-banner .badge"), ["Scheduled"]);

    assert_eq!(count(), before + 1);
    assert!(!indexed("marshwort"), "a draft is never indexed");
    assert!(!indexed("sedgewort"), "a scheduled piece is never indexed");
}
