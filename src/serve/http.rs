//! The HTTP side of `serve`: the routes, the server loop until Ctrl-C, and the answer to
//! every request, from the last good build in memory.
//!
//! A request path is decoded, checked and turned into a key of the rendered `Output`; it
//! is never joined to a folder on disk, so nothing outside the built site can be reached
//! whatever the path says. Paths that try anyway (`..`, `.`, an encoded `%2e%2e`, a
//! backslash, a NUL) are refused with 403 rather than quietly cleaned up, so the attempt
//! shows in the browser. HTML gets the live-reload script (and the overlay of a failed
//! build) on the way out.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::watch as channel;

use crate::model::url::{self, Refusal};
use crate::serve::note::{Note, Notes};
use crate::serve::reload;
use crate::serve::state::{App, OpenPages, Snapshot};

/// How long open connections get to close after Ctrl-C before the server stops anyway.
const GRACE: Duration = Duration::from_secs(3);

/// The HTTP routes of the preview.
pub fn router(app: App) -> Router {
    Router::new()
        .route(reload::SOCKET_PATH, get(reload::socket))
        .route(reload::SCRIPT_PATH, get(reload::script))
        .fallback(file)
        .with_state(app)
}

/// Runs the HTTP server until Ctrl-C (or SIGTERM), then closes every connection.
pub async fn serve(
    listener: TcpListener,
    builds: channel::Receiver<Arc<Snapshot>>,
    open: OpenPages,
    notes: &Notes,
) -> anyhow::Result<()> {
    listener
        .set_nonblocking(true)
        .context("cannot configure the listening socket")?;
    let listener =
        tokio::net::TcpListener::from_std(listener).context("cannot listen for connections")?;
    let (stop, stopping) = channel::channel(false);
    let app = App {
        builds,
        stopping: stopping.clone(),
        open,
        sockets: Arc::default(),
    };
    let signal_notes = notes.clone();
    let shutdown = async move {
        stop_signal().await;
        signal_notes(Note::Stopping);
        let _ = stop.send(true);
    };
    let server = axum::serve(listener, router(app)).with_graceful_shutdown(shutdown);
    let mut deadline = stopping;
    tokio::select! {
        result = server => result.context("the server failed"),
        // Past the grace period, stop without waiting for stragglers.
        _ = async {
            let _ = deadline.wait_for(|stop| *stop).await;
            tokio::time::sleep(GRACE).await;
        } => Ok(()),
    }
}

/// Resolves on Ctrl-C, or on SIGTERM where there is one.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// The content type of an output file, from its extension; text gets `charset=utf-8`.
pub fn content_type(key: &str) -> String {
    let extension = key.rsplit_once('.').map_or("", |(_, e)| e);
    match extension {
        "html" | "htm" => "text/html; charset=utf-8".into(),
        "xml" if key.ends_with("atom.xml") => "application/atom+xml; charset=utf-8".into(),
        "xml" => "application/xml; charset=utf-8".into(),
        _ => {
            let mime = mime_guess::from_ext(extension).first_or_octet_stream();
            let text = mime.type_() == mime_guess::mime::TEXT
                || matches!(mime.subtype().as_str(), "javascript" | "json" | "svg");
            if text && mime.get_param("charset").is_none() {
                format!("{mime}; charset=utf-8")
            } else {
                mime.to_string()
            }
        }
    }
}

/// Answers a request for a file of the site.
pub async fn file(State(app): State<App>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "only GET and HEAD are served\n",
        )
            .into_response();
    }
    let snapshot = app.builds.borrow().clone();
    let key = match url::resolve(uri.path()) {
        Ok(key) => key,
        Err(Refusal::Outside) => {
            return plain(StatusCode::FORBIDDEN, "403: outside the site\n");
        }
        Err(Refusal::Malformed) => {
            return plain(StatusCode::BAD_REQUEST, "400: the path is not UTF-8\n");
        }
    };
    let Some(output) = snapshot.pages.clone() else {
        return page(
            &snapshot,
            StatusCode::INTERNAL_SERVER_ERROR,
            "index.html",
            &Bytes::from_static(NOTHING_BUILT.as_bytes()),
        );
    };
    if let Some(bytes) = output.get(&key) {
        return page(&snapshot, StatusCode::OK, &key, bytes);
    }
    // `/authors` → `/authors/`, so relative links on the page resolve as they will online.
    let folder_index = url::output_path(&format!("/{key}/"));
    if !uri.path().ends_with('/') && output.contains_key(&folder_index) {
        let mut location = format!("{}/", uri.path());
        if let Some(query) = uri.query() {
            location = format!("{location}?{query}");
        }
        return redirect(&location);
    }
    let not_found = url::output_path(&url::not_found());
    match output.get(&not_found) {
        Some(bytes) => page(&snapshot, StatusCode::NOT_FOUND, &not_found, bytes),
        None => plain(StatusCode::NOT_FOUND, "404: not found\n"),
    }
}

/// Shown, under the overlay, when the very first build failed.
const NOTHING_BUILT: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>The site did not build</title></head><body></body></html>";

fn page(snapshot: &Arc<Snapshot>, status: StatusCode, key: &str, bytes: &Bytes) -> Response {
    let kind = content_type(key);
    let body = if kind.starts_with("text/html") {
        Body::from(inject(bytes, &reload::injection(snapshot)))
    } else {
        Body::from(bytes.clone())
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&kind) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    // A preview is always current: never let the browser answer from its cache.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `page` with `extra` added before its last `</body>`, or at the end if it has none.
pub fn inject(page: &[u8], extra: &str) -> Vec<u8> {
    let at = last_body_close(page).unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + extra.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

fn last_body_close(page: &[u8]) -> Option<usize> {
    const TAG: &[u8] = b"</body";
    (0..=page.len().checked_sub(TAG.len())?)
        .rev()
        .find(|&i| page[i..i + TAG.len()].eq_ignore_ascii_case(TAG))
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        text,
    )
        .into_response()
}

fn redirect(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(value) => {
            let mut response = Response::new(Body::empty());
            *response.status_mut() = StatusCode::PERMANENT_REDIRECT;
            response.headers_mut().insert(header::LOCATION, value);
            response
        }
        Err(_) => plain(StatusCode::BAD_REQUEST, "400: bad path\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_follow_extensions() {
        for (key, kind) in [
            ("index.html", "text/html; charset=utf-8"),
            ("style.css", "text/css; charset=utf-8"),
            ("atom.xml", "application/atom+xml; charset=utf-8"),
            ("authors/x/atom.xml", "application/atom+xml; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("photo.jpg", "image/jpeg"),
            ("logo.svg", "image/svg+xml; charset=utf-8"),
            ("app.js", "text/javascript; charset=utf-8"),
            ("noextension", "application/octet-stream"),
        ] {
            assert_eq!(content_type(key), kind, "{key}");
        }
    }

    #[test]
    fn injection_goes_before_the_last_body_close() {
        assert_eq!(
            inject(b"<body><p>x</p></BODY></html>", "<i>"),
            b"<body><p>x</p><i></BODY></html>"
        );
        assert_eq!(inject(b"<p>x</p>", "<i>"), b"<p>x</p><i>");
        assert_eq!(inject(b"", "<i>"), b"<i>");
    }
}
