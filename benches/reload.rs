//! Save-to-reload time of `broadsheet serve`: how long after an article is saved the open
//! pages are told to reload, and how long until the new page can be fetched.
//!
//! A benchmark, not a test: it prints timings and checks only that each edit arrives.
//! It serves a site with the real binary, opens the live-reload websocket as a page does,
//! showing the newest article, then saves that article again and again with one sentence
//! changed, timing from just before the write to the `reload` message, and on to the page
//! fetched with the new sentence in it. Each save waits for the previous full render to
//! finish. The article's text is put back afterwards.
//!
//! ```text
//! cargo bench --bench reload                        # a copy of the repository's sample site
//! cargo bench --bench reload -- --root DIR [--runs N]
//! bench/reload.sh 10000                             # a generated archive of 10,000 pieces
//! ```
//!
//! `BROADSHEET=/path/to/broadsheet` times that binary instead of the one cargo built.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const BINARY: &str = env!("CARGO_BIN_EXE_broadsheet");
const PATIENCE: Duration = Duration::from_secs(120);

fn main() {
    let mut root: Option<PathBuf> = None;
    let mut runs = 10usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--root" => root = args.next().map(PathBuf::from),
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(runs),
            // `cargo bench` passes this to every bench target.
            "--bench" => {}
            other => {
                eprintln!("unknown argument {other:?}; usage: reload [--root DIR] [--runs N]");
                std::process::exit(2);
            }
        }
    }
    let sample;
    let root = match root {
        Some(root) => root,
        None => {
            sample = tempfile::tempdir().expect("tempdir");
            copy_sample(sample.path());
            sample.path().to_path_buf()
        }
    };
    let result = bench(&root, runs);
    println!("{result}");
}

struct Server {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn bench(root: &Path, runs: usize) -> String {
    let started = Instant::now();
    // BROADSHEET names another binary, such as a copy kept apart from a busy target folder.
    let binary =
        std::env::var_os("BROADSHEET").map_or_else(|| PathBuf::from(BINARY), PathBuf::from);
    let mut child = Command::new(binary)
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("cannot start broadsheet serve");
    let (sender, lines) = mpsc::channel();
    let stdout = child.stdout.take().expect("stdout");
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = sender.send(line);
        }
    });
    let server = Server { child, lines };
    let url = wait_for(&server, "serving http://");
    let first_build = started.elapsed();
    let url = url["serving ".len()..]
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string();
    let address: SocketAddr = url["http://".len()..]
        .trim_end_matches('/')
        .parse()
        .expect("an address");

    // The newest article: the first on the home page.
    let home = scraper::Html::parse_document(&get(address, "/"));
    let card = scraper::Selector::parse(".card-title a").expect("selector");
    let link = home
        .select(&card)
        .next()
        .expect("an article on the home page");
    let title: String = link.text().collect();
    let href = link.value().attr("href").expect("href").to_string();
    let file = find_article(&root.join("content"), &title).expect("the article's file");
    let original = std::fs::read_to_string(&file).expect("read the article");

    let mut live = Live::connect(address, &href);
    let mut rebuilds = Vec::new();
    let mut to_event = Vec::new();
    let mut to_page = Vec::new();
    for run in 0..runs {
        let sentence = format!("Revision {run} of this piece, saved by the benchmark.");
        let text = format!("{}\n\n{sentence}\n", original.trim_end());
        let saved = Instant::now();
        std::fs::write(&file, &text).expect("save the article");
        live.wait_for_reload();
        to_event.push(saved.elapsed());
        let page = get(address, &href);
        to_page.push(saved.elapsed());
        assert!(page.contains(&sentence), "the page does not show the edit");
        // Let the full render finish, so each save starts from a quiet server.
        rebuilds.push(wait_for(&server, "rebuilt in "));
        std::thread::sleep(Duration::from_millis(200));
    }
    std::fs::write(&file, &original).expect("restore the article");
    live.wait_for_reload();
    wait_for(&server, "rebuilt in ");

    // "rebuilt in 1650 ms, open pages reloaded after 180 ms: …"
    let mut full: Vec<u64> = rebuilds
        .iter()
        .filter_map(|l| {
            l.strip_prefix("rebuilt in ")?
                .split(' ')
                .next()?
                .parse()
                .ok()
        })
        .collect();
    full.sort_unstable();
    let articles = count_markdown(&root.join("content"));
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let summary = |times: &mut Vec<Duration>| {
        times.sort();
        format!(
            "median {:.0} ms (min {:.0}, max {:.0})",
            ms(times[times.len() / 2]),
            ms(times[0]),
            ms(times[times.len() - 1])
        )
    };
    format!(
        "{} ({articles} Markdown files), {runs} saves of {}\n\
         first build and listen: {:.0} ms\n\
         save → reload message: {}\n\
         save → new page fetched: {}\n\
         full rebuild as printed by serve: median {} ms",
        root.display(),
        file.strip_prefix(root).unwrap_or(&file).display(),
        ms(first_build),
        summary(&mut to_event),
        summary(&mut to_page),
        full.get(full.len() / 2).copied().unwrap_or(0),
    )
}

fn wait_for(server: &Server, prefix: &str) -> String {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match server.lines.recv_timeout(left) {
            Ok(line) if line.starts_with(prefix) => return line,
            Ok(_) => {}
            Err(_) => panic!("serve never printed {prefix:?}"),
        }
    }
}

struct Live {
    socket: tungstenite::WebSocket<TcpStream>,
}

impl Live {
    /// Opens the socket of a page showing `path`, saying so as the live-reload script does.
    fn connect(address: SocketAddr, path: &str) -> Live {
        let stream = TcpStream::connect(address).expect("connect");
        stream.set_nodelay(true).expect("nodelay");
        let url = format!("ws://{address}/__broadsheet/live");
        let (mut socket, _) = tungstenite::client(url.as_str(), stream).expect("websocket");
        let page = format!("{{\"kind\":\"page\",\"path\":{path:?}}}");
        socket
            .send(tungstenite::Message::Text(page.into()))
            .expect("say which page");
        socket
            .get_ref()
            .set_read_timeout(Some(PATIENCE))
            .expect("timeout");
        Live { socket }
    }

    fn wait_for_reload(&mut self) {
        loop {
            match self.socket.read().expect("the live-reload socket failed") {
                tungstenite::Message::Text(text) if text.contains("\"reload\"") => return,
                tungstenite::Message::Text(text) if text.contains("\"problems\"") => {
                    panic!("the edit did not build: {text}")
                }
                _ => {}
            }
        }
    }
}

fn get(address: SocketAddr, path: &str) -> String {
    let mut stream = TcpStream::connect(address).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .expect("request");
    let mut body = String::new();
    stream.read_to_string(&mut body).expect("response");
    body
}

/// The Markdown file under `dir` whose front matter has this title.
fn find_article(dir: &Path, title: &str) -> Option<PathBuf> {
    let wanted = [format!("title = {title:?}"), format!("title: {title:?}")];
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&dir).ok()?.flatten().collect();
        entries.sort_by_key(|e| e.path());
        for entry in entries {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                if text.lines().take(12).any(|l| wanted.iter().any(|w| l == w)) {
                    return Some(path);
                }
            }
        }
    }
    None
}

fn count_markdown(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| {
            let path = e.path();
            if path.is_dir() {
                count_markdown(&path)
            } else {
                usize::from(path.extension().is_some_and(|e| e == "md"))
            }
        })
        .sum()
}

/// The repository's sample site, copied so the benchmark never edits it.
fn copy_sample(to: &Path) {
    let repository = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(repository.join("site.toml"), to.join("site.toml")).expect("site.toml");
    for dir in ["content", "static"] {
        copy_dir(&repository.join(dir), &to.join(dir));
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).expect("copy");
        }
    }
}
