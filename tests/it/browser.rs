//! Headless Chromium for the browser tests (`serve`, `search`), driven over the DevTools
//! protocol, and a plain static file server to put a built site behind, as a host would.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Long enough for a debug build on a busy machine.
const PATIENCE: Duration = Duration::from_secs(30);

/// Chromium, or `None` outside CI when it is not installed (the caller skips); in CI its
/// absence is a failure, since `.ci/run` installs it.
pub fn chromium_or_skip(test: &str) -> Option<PathBuf> {
    let found = find_chromium();
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but no chromium was found: .ci/run installs it"
        );
        println!("skipping {test}: no chromium (install Debian's `chromium`)");
    }
    found
}

pub fn find_chromium() -> Option<PathBuf> {
    let named = std::env::var_os("CHROMIUM").map(PathBuf::from);
    named
        .into_iter()
        .chain(
            [
                "/usr/bin/chromium",
                "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome",
            ]
            .map(PathBuf::from),
        )
        .find(|p| p.is_file())
}

/// Headless Chromium driven over the DevTools protocol.
pub struct Browser {
    child: Child,
    endpoint: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub fn launch(binary: &Path) -> Browser {
        let profile = tempfile::tempdir().expect("tempdir");
        let mut child = Command::new(binary)
            .args(CHROMIUM_FLAGS)
            .arg("--remote-debugging-port=0")
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("cannot start chromium");
        let stderr = child.stderr.take().expect("piped stderr");
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(at) = line.find("ws://") {
                    let _ = sender.send(line[at..].trim().to_string());
                }
            }
        });
        let endpoint = receiver
            .recv_timeout(PATIENCE)
            .expect("chromium did not print its DevTools address");
        Browser {
            child,
            endpoint,
            _profile: profile,
        }
    }

    /// A new tab, attached.
    pub fn tab(&self) -> Tab {
        let url = self.endpoint.trim_start_matches("ws://");
        let authority = url.split('/').next().unwrap_or_default();
        let stream = TcpStream::connect(authority).expect("cannot reach chromium");
        let (socket, _) =
            tungstenite::client(self.endpoint.as_str(), stream).expect("no DevTools socket");
        let mut tab = Tab {
            socket,
            next_id: 0,
            session: None,
            errors: Vec::new(),
        };
        let target = tab.call(
            "Target.createTarget",
            serde_json::json!({ "url": "about:blank" }),
        );
        let id = target["targetId"].as_str().unwrap_or_default().to_string();
        let attached = tab.call(
            "Target.attachToTarget",
            serde_json::json!({ "targetId": id, "flatten": true }),
        );
        tab.session = attached["sessionId"].as_str().map(str::to_string);
        tab
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Flags for a quiet, self-contained headless Chromium (also used for screenshots).
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--mute-audio",
];

pub struct Tab {
    socket: tungstenite::WebSocket<TcpStream>,
    next_id: u64,
    session: Option<String>,
    /// Errors the page reported since [`Tab::watch_errors`]: uncaught exceptions,
    /// `console.error`, and failed loads.
    pub errors: Vec<String>,
}

impl Tab {
    /// Sends a DevTools command and waits for its result, skipping events.
    pub fn call(&mut self, method: &str, params: serde_json::Value) -> serde_json::Value {
        self.try_call(method, params)
            .unwrap_or_else(|error| panic!("{method}: {error}"))
    }

    /// A DevTools command that may fail, as evaluation does while a page is replaced.
    pub fn try_call(
        &mut self,
        method: &str,
        params: serde_json::Value,
    ) -> Result<serde_json::Value, serde_json::Value> {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = serde_json::json!({ "id": id, "method": method, "params": params });
        if let Some(session) = &self.session {
            message["sessionId"] = session.clone().into();
        }
        self.socket
            .send(tungstenite::Message::Text(message.to_string().into()))
            .expect("cannot talk to chromium");
        loop {
            let reply = self.socket.read().expect("chromium went away");
            let tungstenite::Message::Text(text) = reply else {
                continue;
            };
            let value: serde_json::Value = serde_json::from_str(text.as_str()).expect("JSON");
            if let Some(error) = page_error(&value) {
                self.errors.push(error);
            }
            if value["id"] == id {
                return match value.get("error") {
                    Some(error) => Err(error.clone()),
                    None => Ok(value["result"].clone()),
                };
            }
        }
    }

    /// From now on, keeps the page's errors in [`Tab::errors`].
    pub fn watch_errors(&mut self) {
        self.call("Runtime.enable", serde_json::json!({}));
        self.call("Log.enable", serde_json::json!({}));
    }

    /// Runs the next pages without JavaScript, as a reader who turned it off.
    pub fn disable_scripts(&mut self) {
        self.call(
            "Emulation.setScriptExecutionDisabled",
            serde_json::json!({ "value": true }),
        );
    }

    pub fn navigate(&mut self, url: &str) {
        self.call("Page.navigate", serde_json::json!({ "url": url }));
    }

    /// Evaluates `expression` in the page and returns its value as text: "" for none, or
    /// when the page was being replaced.
    pub fn eval(&mut self, expression: &str) -> String {
        let Ok(result) = self.try_call(
            "Runtime.evaluate",
            serde_json::json!({ "expression": expression, "returnByValue": true }),
        ) else {
            return String::new();
        };
        match &result["result"]["value"] {
            serde_json::Value::String(text) => text.clone(),
            serde_json::Value::Null => String::new(),
            other => other.to_string(),
        }
    }

    /// Waits until `expression` gives a non-empty value, and returns it.
    pub fn wait_for(&mut self, expression: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let value = self.eval(&format!("String(({expression}) ?? '')"));
            if !value.is_empty() {
                return value;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {expression}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until `condition` is true in the page.
    pub fn wait_until(&mut self, condition: &str) {
        let deadline = Instant::now() + PATIENCE;
        while self.eval(&format!("Boolean({condition})")) != "true" {
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {condition}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// The error a DevTools event reports, if it reports one. The favicon that Chromium asks
/// every site for is not the site's error: pages do not link to one.
fn page_error(event: &serde_json::Value) -> Option<String> {
    let params = &event["params"];
    match event["method"].as_str()? {
        "Runtime.exceptionThrown" => Some(params["exceptionDetails"].to_string()),
        "Runtime.consoleAPICalled" if params["type"] == "error" => Some(params["args"].to_string()),
        "Log.entryAdded" if params["entry"]["level"] == "error" => {
            let entry = &params["entry"];
            let url = entry["url"].as_str().unwrap_or_default();
            (!url.ends_with("/favicon.ico")).then(|| format!("{} {url}", entry["text"]))
        }
        _ => None,
    }
}

/// A static file server over a built site, as a plain web host serves it: `/a/` is
/// `a/index.html`, the query string is ignored, anything else missing is a 404. It serves
/// until the test process ends.
pub struct StaticServer {
    pub url: String,
}

impl StaticServer {
    pub fn start(root: &Path) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let address: SocketAddr = listener.local_addr().expect("address");
        let root = root.to_path_buf();
        std::thread::spawn(move || {
            for stream in listener.incoming().map_while(Result::ok) {
                let root = root.clone();
                std::thread::spawn(move || serve_one(&root, stream));
            }
        });
        StaticServer {
            url: format!("http://{address}"),
        }
    }
}

fn serve_one(root: &Path, mut stream: TcpStream) {
    let _ = stream.set_read_timeout(Some(PATIENCE));
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&head);
    let target = head.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut file = root.join(path.trim_start_matches('/'));
    if path.ends_with('/') {
        file.push("index.html");
    }
    let inside = !path.split('/').any(|part| part == "..");
    let (status, body) = match std::fs::read(&file) {
        Ok(bytes) if inside => ("200 OK", bytes),
        _ => ("404 Not Found", b"not found".to_vec()),
    };
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        _ => "application/octet-stream",
    };
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(header.as_bytes());
    let _ = stream.write_all(&body);
}
