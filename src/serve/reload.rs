//! Live reload: the script every served page gets, the websocket it listens on, and the
//! overlay that lays a failed build's problems over the page.
//!
//! Each build, good or bad, has a label (the server's start plus a count). A page is
//! served with the label of the build it came from. When its socket opens, the page says
//! which path it shows and the server says which build is current; a page that is behind
//! reloads, so no change is missed between a page load and its socket, or while the
//! server was restarted. After that a good build sends `reload` to the pages it changed,
//! and a failed one sends every page the overlay to lay over it in place, keeping its
//! scroll position. None of this is ever part of `build`'s output: it
//! is added to HTML responses as they leave the server.

use std::fmt::Write as _;

use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::diagnostic::{Diagnostic, Severity};
use crate::english::counted;
use crate::render::escape;
use crate::serve::state::{App, OpenPages, Pages, Snapshot};

/// Where the script is served; a prefix no site page uses.
pub const SCRIPT_PATH: &str = "/__broadsheet/live.js";
/// Where pages open their websocket.
pub const SOCKET_PATH: &str = "/__broadsheet/live";

/// The element id of the overlay, for the script and for tests.
pub const OVERLAY_ID: &str = "broadsheet-problems";

const SCRIPT: &str = r#"// Live reload for `broadsheet serve`; never part of a built site.
(function () {
  "use strict";
  var script = document.currentScript;
  var build = script ? script.getAttribute("data-build") : "";
  var delay = 200;
  function overlay(html) {
    var old = document.getElementById("broadsheet-problems");
    if (old) old.remove();
    if (!html) return;
    var holder = document.createElement("div");
    holder.innerHTML = html;
    if (holder.firstElementChild) document.body.appendChild(holder.firstElementChild);
  }
  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + "/__broadsheet/live");
    socket.onopen = function () {
      delay = 200;
      // Which page this is, so a rebuild can render it first.
      socket.send(JSON.stringify({ kind: "page", path: location.pathname }));
    };
    socket.onmessage = function (event) {
      var message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      if (message.kind === "reload" || (message.kind === "hello" && message.build !== build)) {
        location.reload();
      } else if (message.kind === "problems") {
        build = message.build;
        overlay(message.overlay);
      }
    };
    // The server stopped or restarted: try again, more and more slowly, up to every 2 s.
    socket.onclose = function () {
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 2000);
    };
  }
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest("[data-broadsheet-dismiss]")) overlay("");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") overlay("");
  });
  connect();
})();
"#;

/// The overlay's look. Everything is scoped under the overlay's id and reset first, so the
/// site's styles do not leak in, and the overlay is fixed to the bottom of the viewport, so
/// it never moves the page's own layout.
const STYLE: &str = "\
#broadsheet-problems{all:initial;position:fixed;z-index:2147483647;left:0;right:0;bottom:0;\
max-height:55vh;overflow:auto;box-sizing:border-box;padding:0 0 12px;background:#1e1e22;\
color:#f2f2f2;border-top:4px solid #e0394c;box-shadow:0 -8px 28px rgba(0,0,0,.35);\
font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,\"DejaVu Sans Mono\",\"Liberation Mono\",monospace}\
#broadsheet-problems *{all:revert;box-sizing:border-box;font:inherit;color:inherit}\
#broadsheet-problems .bs-head{display:flex;align-items:center;gap:16px;position:sticky;top:0;\
margin:0;padding:10px 16px;background:#2a2a30;border-bottom:1px solid #3a3a42}\
#broadsheet-problems .bs-title{flex:1;margin:0;font-weight:700;font-size:15px;color:#ff8a95}\
#broadsheet-problems .bs-note{font-weight:400;color:#c9c9cf}\
#broadsheet-problems button{cursor:pointer;margin:0;padding:4px 12px;border:1px solid #5a5a64;\
border-radius:4px;background:#3a3a42;color:#f2f2f2}\
#broadsheet-problems button:hover,#broadsheet-problems button:focus-visible{background:#4a4a55;outline:2px solid #8ab4ff}\
#broadsheet-problems ol{list-style:none;margin:0;padding:0 16px}\
#broadsheet-problems li{margin:0;padding:10px 0;border-bottom:1px solid #33333a}\
#broadsheet-problems .bs-at{display:block;color:#8ab4ff;font-weight:700;overflow-wrap:anywhere}\
#broadsheet-problems .bs-warning{color:#ffd27a}\
#broadsheet-problems .bs-message{display:block;white-space:pre-wrap;overflow-wrap:anywhere}\
#broadsheet-problems .bs-hint{display:block;color:#a8e6a1;white-space:pre-wrap}";

/// Serves the live-reload script.
pub async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        SCRIPT,
    )
        .into_response()
}

/// What is added before `</body>` of every HTML page served from `snapshot`: the script,
/// and the overlay while the latest build has problems.
pub fn injection(snapshot: &Snapshot) -> String {
    let mut html = format!(
        "<script src=\"{SCRIPT_PATH}\" data-build=\"{}\" defer></script>",
        escape(&snapshot.build)
    );
    if let Some(overlay) = &snapshot.overlay {
        html.push_str(overlay);
    }
    html
}

/// The overlay: one entry per diagnostic, `path:line:column`, the message and its hint;
/// `kept` says whether a previous good build is still served under it.
pub fn overlay(diagnostics: &[Diagnostic], kept: bool) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let mut files: Vec<_> = diagnostics.iter().map(|d| &d.path).collect();
    files.sort();
    files.dedup();
    let title = format!(
        "The site did not build: {} in {}.",
        counted(errors, "problem"),
        counted(files.len(), "file")
    );
    let note = if kept {
        "Showing the last version that built; this page reloads when the problems are fixed."
    } else {
        "Nothing has built yet; this page reloads when the problems are fixed."
    };
    let mut html = format!(
        "<div id=\"{OVERLAY_ID}\" role=\"alert\" aria-live=\"assertive\"><style>{STYLE}</style>\
<div class=\"bs-head\"><p class=\"bs-title\">{} <span class=\"bs-note\">{}</span></p>\
<button type=\"button\" data-broadsheet-dismiss aria-label=\"Dismiss the list of problems\">Dismiss</button></div><ol>",
        escape(&title),
        escape(note)
    );
    for d in diagnostics {
        let place = format!(
            "{}:{}:{}",
            d.path.to_string_lossy().replace('\\', "/"),
            d.line.max(1),
            d.column.max(1)
        );
        let (class, kind) = match d.severity {
            Severity::Error => ("bs-at", ""),
            Severity::Warning => ("bs-at bs-warning", "warning: "),
        };
        let _ = write!(
            html,
            "<li><code class=\"{class}\">{}</code><span class=\"bs-message\">{}{}</span>",
            escape(&place),
            kind,
            escape(&d.message)
        );
        if let Some(hint) = &d.hint {
            let _ = write!(
                html,
                "<span class=\"bs-hint\">hint: {}</span>",
                escape(hint)
            );
        }
        html.push_str("</li>");
    }
    html.push_str("</ol></div>");
    html
}

/// What the server says to a page, as the script reads it (`{"kind": "reload", …}`).
#[derive(serde::Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Tell<'a> {
    Hello { build: &'a str },
    Reload { build: &'a str },
    Problems { build: &'a str, overlay: &'a str },
}

/// The message that tells a page about `snapshot`: `hello` when its socket opens, then
/// `reload` or `problems` on each build.
pub fn message(snapshot: &Snapshot, hello: bool) -> String {
    let message = match (&snapshot.overlay, hello) {
        (_, true) => Tell::Hello {
            build: &snapshot.build,
        },
        (None, false) => Tell::Reload {
            build: &snapshot.build,
        },
        (Some(overlay), false) => Tell::Problems {
            build: &snapshot.build,
            overlay,
        },
    };
    serde_json::to_string(&message).unwrap_or_default()
}

/// Whether a page showing output path `key` (if known) looks different in `new` than in
/// `old`: its HTML (or the 404 page, where it has none), the assets, or the overlay.
pub fn looks_different(old: &Snapshot, new: &Snapshot, key: Option<&str>) -> bool {
    let (Some(key), Some(before), Some(after)) = (key, &old.pages, &new.pages) else {
        return true;
    };
    let not_found = crate::model::url::output_path(&crate::model::url::not_found());
    let shown = |pages: &Pages| pages.get(key).or_else(|| pages.get(&not_found)).cloned();
    old.overlay.is_some() || old.assets != new.assets || shown(before) != shown(after)
}

/// Upgrades to the live-reload websocket.
pub async fn socket(State(app): State<App>, upgrade: WebSocketUpgrade) -> Response {
    upgrade.on_upgrade(move |socket| talk(app, socket))
}

/// Keeps an open page's path in [`App::open`] for as long as its socket lives.
struct Registration {
    open: OpenPages,
    id: u64,
}

impl Registration {
    fn set(&self, key: String) {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        open.insert(self.id, key);
    }

    fn key(&self) -> Option<String> {
        let open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        open.get(&self.id).cloned()
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        open.remove(&self.id);
    }
}

/// The output path a page's `{"kind": "page", "path": …}` message names.
fn page_key(text: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    if value["kind"] != "page" {
        return None;
    }
    crate::model::url::resolve(value["path"].as_str()?).ok()
}

/// Tells one page about every build until it leaves or the server stops.
async fn talk(app: App, mut socket: WebSocket) {
    let mut builds = app.builds.clone();
    let mut stopping = app.stopping.clone();
    let registration = Registration {
        open: app.open.clone(),
        id: app
            .sockets
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed),
    };
    // The build this page was last told about, to compare each new one with.
    let mut told = builds.borrow_and_update().clone();
    if socket
        .send(Message::Text(message(&told, true).into()))
        .await
        .is_err()
    {
        return;
    }
    loop {
        tokio::select! {
            changed = builds.changed() => {
                if changed.is_err() {
                    break;
                }
                let snapshot = builds.borrow_and_update().clone();
                let tell = snapshot.overlay.is_some()
                    || looks_different(&told, &snapshot, registration.key().as_deref());
                told = snapshot.clone();
                if !tell {
                    continue;
                }
                let text = message(&snapshot, false);
                if socket.send(Message::Text(text.into())).await.is_err() {
                    return;
                }
            }
            received = socket.recv() => match received {
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return,
                Some(Ok(Message::Text(text))) => {
                    if let Some(key) = page_key(text.as_str()) {
                        registration.set(key);
                    }
                }
                Some(Ok(_)) => {}
            },
            // It only ever turns true, and its sender goes away once it has.
            _ = stopping.changed() => break,
        }
    }
    let _ = socket.send(Message::Close(None)).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overlay_escapes_and_places_every_problem() {
        let diagnostics = vec![
            Diagnostic::error("content/a.md", 3, 8, "bad <date> & \"time\"")
                .with_hint("write 2025-08-16"),
            Diagnostic::error("content/b.md", 1, 1, "no title"),
        ];
        let html = overlay(&diagnostics, true);
        let page = scraper::Html::parse_fragment(&html);
        let select = |css: &str| scraper::Selector::parse(css).unwrap();
        let root = page.select(&select("#broadsheet-problems")).next().unwrap();
        assert_eq!(root.value().attr("role"), Some("alert"));
        let places: Vec<String> = page
            .select(&select("li .bs-at"))
            .map(|e| e.text().collect())
            .collect();
        assert_eq!(places, ["content/a.md:3:8", "content/b.md:1:1"]);
        let message: String = page
            .select(&select("li .bs-message"))
            .next()
            .unwrap()
            .text()
            .collect();
        assert_eq!(message, "bad <date> & \"time\"");
        assert!(html.contains("2 problems in 2 files"));
        assert!(
            page.select(&select("button[data-broadsheet-dismiss]"))
                .next()
                .is_some()
        );
    }

    #[test]
    fn pages_say_which_path_they_show() {
        for (text, key) in [
            (r#"{"kind":"page","path":"/"}"#, Some("index.html")),
            (
                r#"{"kind":"page","path":"/2025/08/a%C3%A9/"}"#,
                Some("2025/08/aé/index.html"),
            ),
            (r#"{"kind":"page","path":"/../x"}"#, None),
            (r#"{"kind":"other","path":"/"}"#, None),
            ("not json", None),
        ] {
            assert_eq!(page_key(text).as_deref(), key, "{text}");
        }
    }

    #[test]
    fn pages_reload_only_when_what_they_show_changed() {
        use axum::body::Bytes;
        use std::sync::Arc;
        let snapshot = |pages: &[(&str, &str)], assets: u64, problems: bool| Snapshot {
            build: String::new(),
            pages: Some(Arc::new(
                pages
                    .iter()
                    .map(|(k, v)| (k.to_string(), Bytes::from(v.to_string())))
                    .collect::<Pages>(),
            )),
            overlay: problems.then(|| overlay(&[], true).into()),
            assets,
        };
        let old = snapshot(
            &[("a.html", "A"), ("b.html", "B"), ("404.html", "N")],
            1,
            false,
        );
        let new = snapshot(
            &[("a.html", "A2"), ("b.html", "B"), ("404.html", "N")],
            1,
            false,
        );
        assert!(looks_different(&old, &new, Some("a.html")));
        assert!(!looks_different(&old, &new, Some("b.html")));
        assert!(
            !looks_different(&old, &new, Some("gone.html")),
            "the same 404 page"
        );
        assert!(
            looks_different(&old, &new, None),
            "a page that has not said where it is"
        );
        let restyled = snapshot(
            &[("a.html", "A"), ("b.html", "B"), ("404.html", "N")],
            2,
            false,
        );
        assert!(looks_different(&old, &restyled, Some("b.html")));
        let failed = snapshot(
            &[("a.html", "A"), ("b.html", "B"), ("404.html", "N")],
            1,
            true,
        );
        assert!(
            looks_different(&failed, &old, Some("b.html")),
            "the overlay goes"
        );
        let removed = snapshot(&[("a.html", "A"), ("404.html", "N")], 1, false);
        assert!(looks_different(&old, &removed, Some("b.html")), "now a 404");
    }

    #[test]
    fn messages_name_the_build() {
        let snapshot = Snapshot {
            build: "x-2".into(),
            pages: None,
            overlay: Some(overlay(&[], false).into()),
            assets: 0,
        };
        let hello: serde_json::Value = serde_json::from_str(&message(&snapshot, true)).unwrap();
        assert_eq!(hello["kind"], "hello");
        assert_eq!(hello["build"], "x-2");
        let problems: serde_json::Value = serde_json::from_str(&message(&snapshot, false)).unwrap();
        assert_eq!(problems["kind"], "problems");
        assert!(problems["overlay"].as_str().unwrap().contains(OVERLAY_ID));
    }
}
