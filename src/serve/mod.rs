//! `serve`: a live preview of a site, or of one article, built in memory and served over
//! HTTP on loopback, rebuilt on every change and reloaded in every open page.
//!
//! Three parts run side by side. A rebuild thread ([`rebuild`], fed by [`watch`]) builds
//! the site with drafts included whenever what it is made of changes, and publishes each
//! result as a [`Snapshot`] on a `tokio::sync::watch` channel: the last good pages plus,
//! while the latest build failed, its problems. The HTTP side ([`http`]) answers every
//! request from the current snapshot and never touches the disk, `public/` included. The
//! live-reload side ([`reload`]) tells open pages about each new snapshot over a
//! websocket, and learns which page each one shows. State travels in an [`App`] value,
//! never in statics.
//!
//! Saving an article publishes twice. Rendering a large archive takes a second or more
//! (issue 4 measured 1.7 s at 10,000 articles), so first the pages open in a browser, the
//! saved article's page and any page new to the site are rendered from the new site and
//! laid over the last good pages, and open pages reload at once. The full render follows.
//! Either way a page is told to reload only when what it shows changed (its own HTML, or
//! a style sheet, script or image), so the full render reloads only pages that were shown
//! from the older build meanwhile, and saving an article leaves pages that do not show it
//! alone. Any other change (a template, `site.toml`, a static file), or a site that is
//! failing, gets the full render alone.
//!
//! Nothing here prints: what the terminal should say goes to the caller as [`Note`]s.

pub mod http;
pub mod rebuild;
pub mod reload;
pub mod watch;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant, SystemTime};

use anyhow::Context as _;
use axum::Router;
use axum::body::Bytes;
use axum::routing::get;
use tokio::sync::watch as channel;

use crate::diagnostic::Diagnostic;
use crate::english::counted;
use crate::render::Output;
pub use rebuild::{Changes, Preview};
use rebuild::{Prepared, Rebuilder};
pub use reload::Problems;

/// The port tried first when none is given.
pub const DEFAULT_PORT: u16 = 1111;

/// How many ports after the requested one are tried when it is busy.
const PORT_TRIES: u16 = 20;

/// How long open connections get to close after Ctrl-C before the server stops anyway.
const GRACE: Duration = Duration::from_secs(3);

/// How to serve.
#[derive(Debug, Clone)]
pub struct Options {
    pub preview: Preview,
    /// Address to listen on; loopback unless the user says otherwise.
    pub bind: IpAddr,
    /// First port to try; 0 lets the system choose.
    pub port: u16,
    /// Open the start page in the default browser.
    pub open: bool,
}

/// Something the terminal should say.
#[derive(Debug)]
pub enum Note {
    /// The first build is done (or failed) and the server is listening.
    Listening {
        /// The page to open: the home page, or the previewed article.
        url: String,
        bind: SocketAddr,
        /// The port asked for, when it was busy and another one was taken.
        busy: Option<u16>,
        /// Whether the first build succeeded.
        built: bool,
        watching: String,
    },
    /// A build succeeded.
    Built {
        /// Whether this is the first build that succeeded.
        first: bool,
        elapsed: Duration,
        /// When open pages were reloaded ahead of the full render, how soon.
        quick: Option<Duration>,
        articles: usize,
        pages: usize,
        /// The first changed path, and how many more changed with it.
        cause: Option<(String, usize)>,
    },
    /// A build failed; `kept` when an earlier good build is still served.
    Failed {
        elapsed: Duration,
        diagnostics: Vec<Diagnostic>,
        kept: bool,
    },
    /// Something went wrong that does not stop the preview (a lost watch, a failed read).
    Trouble(String),
    /// Ctrl-C was pressed.
    Stopping,
}

impl Note {
    /// Whether this note belongs on stderr.
    pub fn is_problem(&self) -> bool {
        matches!(self, Note::Failed { .. } | Note::Trouble(_))
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::Listening {
                url,
                bind,
                busy,
                built,
                watching,
            } => {
                if let Some(port) = busy {
                    writeln!(f, "port {port} is busy; using {} instead", bind.port())?;
                }
                if !bind.ip().is_loopback() {
                    writeln!(
                        f,
                        "warning: listening on {bind}: anyone who can reach this machine can read the preview, drafts included"
                    )?;
                }
                let state = if *built {
                    ""
                } else {
                    " (the site does not build yet)"
                };
                write!(
                    f,
                    "serving {url}{state}\nwatching {watching}; press Ctrl-C to stop"
                )
            }
            Note::Built {
                first,
                elapsed,
                quick,
                articles,
                pages,
                cause,
            } => {
                let verb = if *first { "built" } else { "rebuilt" };
                write!(f, "{verb} in {} ms", elapsed.as_millis())?;
                if let Some(quick) = quick {
                    write!(f, ", open pages reloaded after {} ms", quick.as_millis())?;
                }
                write!(f, ": {}, {pages} pages", counted(*articles, "article"))?;
                match cause {
                    Some((path, 0)) => write!(f, " ({path} changed)"),
                    Some((path, more)) => write!(f, " ({path} and {more} more changed)"),
                    None => Ok(()),
                }
            }
            Note::Failed {
                elapsed,
                diagnostics,
                kept,
            } => {
                for d in diagnostics {
                    writeln!(f, "{d}")?;
                }
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                write!(
                    f,
                    "error: {} after {} ms; {}",
                    counted(errors, "problem"),
                    elapsed.as_millis(),
                    if *kept {
                        "still serving the last good build"
                    } else {
                        "nothing to serve until it builds"
                    }
                )
            }
            Note::Trouble(message) => write!(f, "warning: {message}"),
            Note::Stopping => write!(f, "stopping"),
        }
    }
}

/// The served files: output path → content. Cloning it shares the contents.
pub type Pages = BTreeMap<String, Bytes>;

/// One build as the server sees it.
#[derive(Debug)]
pub struct Snapshot {
    /// Names this build, for pages to tell whether they are current.
    pub build: String,
    /// The last good pages; `None` until a build succeeds.
    pub pages: Option<Arc<Pages>>,
    /// The problems of this build, when it failed.
    pub problems: Option<Arc<Problems>>,
    /// A fingerprint of the files pages load (styles, scripts, images): when it changes,
    /// every open page reloads, whether or not its own HTML changed.
    pub assets: u64,
}

/// Whether a file is one that pages load, rather than a page, feed or crawler file.
fn is_asset(key: &str) -> bool {
    ![".html", ".xml", ".txt"].iter().any(|e| key.ends_with(e))
}

/// The fingerprint of the assets among `pages`.
fn fingerprint(pages: &Pages) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for (key, bytes) in pages.iter().filter(|(key, _)| is_asset(key)) {
        key.hash(&mut hasher);
        bytes.hash(&mut hasher);
    }
    hasher.finish()
}

/// The output path each open page shows, by websocket.
pub type OpenPages = Arc<Mutex<BTreeMap<u64, String>>>;

/// What every request handler can reach.
#[derive(Clone)]
pub struct App {
    /// The current snapshot; a new value is a new build.
    pub builds: channel::Receiver<Arc<Snapshot>>,
    /// Turns true when the server is stopping, so open websockets close.
    pub stopping: channel::Receiver<bool>,
    /// Which page each open websocket belongs to, so rebuilds can render those first.
    pub open: OpenPages,
    /// Numbers websockets for `open`.
    pub sockets: Arc<std::sync::atomic::AtomicU64>,
}

/// The HTTP routes of the preview.
pub fn router(app: App) -> Router {
    Router::new()
        .route(reload::SOCKET_PATH, get(reload::socket))
        .route(reload::SCRIPT_PATH, get(reload::script))
        .fallback(http::file)
        .with_state(app)
}

/// Publishes builds: keeps the last good pages and labels each build.
struct Publisher {
    sender: channel::Sender<Arc<Snapshot>>,
    /// Distinguishes this server's builds from those of an earlier run on the same port.
    run: String,
    count: u64,
    good: Option<Arc<Pages>>,
    /// Output paths of the pages (not static files) of the last good build.
    good_pages: BTreeSet<String>,
    /// The fingerprint of the last good build's assets.
    good_assets: u64,
    failing: bool,
}

impl Publisher {
    fn new() -> (Publisher, channel::Receiver<Arc<Snapshot>>) {
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let run = format!("{:x}", nanos ^ u128::from(std::process::id()));
        let first = Arc::new(Snapshot {
            build: format!("{run}-0"),
            pages: None,
            problems: None,
            assets: 0,
        });
        let (sender, receiver) = channel::channel(first);
        let publisher = Publisher {
            sender,
            run,
            count: 0,
            good: None,
            good_pages: BTreeSet::new(),
            good_assets: 0,
            failing: false,
        };
        (publisher, receiver)
    }

    fn label(&mut self) -> String {
        self.count += 1;
        format!("{}-{}", self.run, self.count)
    }

    /// Whether a partial render can be laid over the last build: it was good.
    fn can_patch(&self) -> bool {
        self.good.is_some() && !self.failing
    }

    /// Publishes `fresh` pages of `prepared` over the last good pages: pages the new site
    /// no longer has are dropped, static files kept. `None` when there is nothing to lay
    /// them over.
    fn publish_patch(&mut self, prepared: &Prepared, fresh: Output) -> Option<()> {
        let good = self.good.as_ref()?;
        let mut pages: Pages = (**good).clone();
        pages.retain(|key, _| prepared.has_page(key) || !self.good_pages.contains(key));
        pages.extend(
            fresh
                .into_iter()
                .map(|(key, bytes)| (key, Bytes::from(bytes))),
        );
        // Only articles changed: the assets are those of the last good build.
        let snapshot = Snapshot {
            build: self.label(),
            pages: Some(Arc::new(pages)),
            problems: None,
            assets: self.good_assets,
        };
        self.sender.send_replace(Arc::new(snapshot));
        Some(())
    }

    /// Publishes a complete build and returns the note that describes it. `quick` is how
    /// soon open pages were published ahead of it, if they were.
    fn publish(
        &mut self,
        result: Result<(Prepared, Output), crate::diagnostic::Diagnostics>,
        elapsed: Duration,
        changes: &Changes,
        quick: Option<Duration>,
    ) -> Note {
        let build = self.label();
        let (snapshot, note) = match result {
            Ok((prepared, output)) => {
                let pages_count = output.keys().filter(|k| k.ends_with(".html")).count();
                let articles = prepared.site.articles.len();
                let pages: Pages = output
                    .into_iter()
                    .map(|(key, bytes)| (key, Bytes::from(bytes)))
                    .collect();
                let pages = Arc::new(pages);
                let first = self.good.is_none();
                self.good = Some(pages.clone());
                self.good_pages = prepared.page_keys().cloned().collect();
                self.failing = false;
                let cause = changes.files.iter().next().map(|first| {
                    (
                        first.to_string_lossy().replace('\\', "/"),
                        changes.files.len() - 1,
                    )
                });
                self.good_assets = fingerprint(&pages);
                let snapshot = Snapshot {
                    build,
                    assets: self.good_assets,
                    pages: Some(pages),
                    problems: None,
                };
                let note = Note::Built {
                    first,
                    elapsed,
                    quick,
                    articles,
                    pages: pages_count,
                    cause: if changes.everything { None } else { cause },
                };
                (snapshot, note)
            }
            Err(problems) => {
                let diagnostics = problems.sorted();
                let kept = self.good.is_some();
                self.failing = true;
                let snapshot = Snapshot {
                    build,
                    pages: self.good.clone(),
                    problems: Some(Arc::new(Problems::new(&diagnostics, kept))),
                    assets: self.good_assets,
                };
                let note = Note::Failed {
                    elapsed,
                    diagnostics,
                    kept,
                };
                (snapshot, note)
            }
        };
        self.sender.send_replace(Arc::new(snapshot));
        note
    }
}

/// Serves `options.preview` until Ctrl-C, telling `notes` what the terminal should say.
///
/// Fails only when serving cannot start: no free port, no watch, no runtime. Content
/// problems are never an error here: they are shown, and the preview goes on.
pub fn run(options: &Options, notes: Arc<dyn Fn(Note) + Send + Sync>) -> anyhow::Result<()> {
    if let Preview::Article(path) = &options.preview {
        if !path.is_file() {
            anyhow::bail!("{} is not a file", path.display());
        }
    }
    if let Preview::Site(root) = &options.preview {
        if !root.is_dir() {
            anyhow::bail!("{} is not a folder", root.display());
        }
    }
    let (listener, busy) = bind(options.bind, options.port)?;
    let address = listener
        .local_addr()
        .context("cannot read the server's address")?;
    let base_url = format!("http://{}", browsable(address));

    let (sender, receiver) = mpsc::channel();
    let watch = watch::Watch::start(&options.preview, sender.clone())?;
    let rebuilder = Rebuilder::new(options.preview.clone(), base_url.clone());
    let (publisher, builds) = Publisher::new();

    let open: OpenPages = Arc::default();
    let mut builder = Builder {
        receiver,
        watch,
        rebuilder,
        publisher,
        open: open.clone(),
        notes: notes.clone(),
    };
    let first = builder.build(Changes::everything())?;
    let start_page = match (&options.preview, &first) {
        (Preview::Article(_), Some(url)) => url.clone(),
        _ => "/".to_string(),
    };
    let url = format!("{base_url}{start_page}");
    notes(Note::Listening {
        url: url.clone(),
        bind: address,
        busy,
        built: first.is_some(),
        watching: watching(&options.preview),
    });
    if options.open {
        if let Err(e) = open_browser(&url) {
            notes(Note::Trouble(format!("cannot open a browser: {e}")));
        }
    }
    std::thread::Builder::new()
        .name("broadsheet-rebuild".into())
        .spawn(move || builder.run())
        .context("cannot start the rebuild thread")?;

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    let result = runtime.block_on(serve(listener, builds, open, &notes));
    // The rebuild thread ends at its next wake-up; the process may end before.
    let _ = sender.send(watch::Signal::Stop);
    result
}

/// Listens on `port` at `ip`, or on the next free port after it.
fn bind(ip: IpAddr, port: u16) -> anyhow::Result<(TcpListener, Option<u16>)> {
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(PORT_TRIES)
    };
    let mut candidate = port;
    loop {
        match TcpListener::bind(SocketAddr::new(ip, candidate)) {
            Ok(listener) => {
                let busy = (candidate != port).then_some(port);
                return Ok((listener, busy));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && candidate < last => {
                candidate += 1;
            }
            Err(e) => {
                return Err(anyhow::Error::new(e).context(if candidate == port {
                    format!("cannot listen on {}", SocketAddr::new(ip, port))
                } else {
                    format!("ports {port} to {candidate} on {ip} are all busy")
                }));
            }
        }
    }
}

/// The address a browser on this machine should use: loopback for a wildcard bind.
fn browsable(address: SocketAddr) -> SocketAddr {
    match address.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), address.port())
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(IpAddr::V6(Ipv6Addr::LOCALHOST), address.port())
        }
        _ => address,
    }
}

fn watching(preview: &Preview) -> String {
    match preview {
        Preview::Site(_) => "content/, templates/, static/ and site.toml".into(),
        Preview::Article(path) => path.display().to_string(),
    }
}

/// The rebuild side: waits for changes, builds, publishes.
struct Builder {
    receiver: mpsc::Receiver<watch::Signal>,
    watch: watch::Watch,
    rebuilder: Rebuilder,
    publisher: Publisher,
    open: OpenPages,
    notes: Arc<dyn Fn(Note) + Send + Sync>,
}

impl Builder {
    /// Builds whenever the watch reports a change, until told to stop.
    fn run(mut self) {
        let mut pending = Changes::default();
        let mut reread = false;
        loop {
            let signal = if pending.is_empty() {
                self.receiver
                    .recv()
                    .map_err(|_| mpsc::RecvTimeoutError::Disconnected)
            } else {
                // The debouncer lets each event go once it is old enough, so a burst that
                // spans one of its ticks comes in two batches: wait for the burst to end.
                self.receiver.recv_timeout(watch::SETTLE)
            };
            match signal {
                Ok(watch::Signal::Events(events)) => {
                    let (changes, troubles) = self.watch.changes(events);
                    for trouble in troubles {
                        (self.notes)(Note::Trouble(trouble));
                    }
                    pending.merge(changes);
                    continue;
                }
                Ok(watch::Signal::Stop) | Err(mpsc::RecvTimeoutError::Disconnected) => return,
                Err(mpsc::RecvTimeoutError::Timeout) => {}
            }
            let mut changes = std::mem::take(&mut pending);
            changes.everything |= std::mem::take(&mut reread);
            if let Err(e) = self.build(changes) {
                (self.notes)(Note::Trouble(format!("{e:#}")));
                // Whatever failed (a folder that vanished mid-walk, say), the next change
                // reads everything again rather than trusting what was kept.
                reread = true;
            }
        }
    }

    /// One build, published; returns the URL of the first article when it succeeded.
    fn build(&mut self, changes: Changes) -> anyhow::Result<Option<String>> {
        let started = Instant::now();
        let prepared = match self.rebuilder.prepare(&changes)? {
            Ok(prepared) => prepared,
            Err(problems) => {
                let note = self
                    .publisher
                    .publish(Err(problems), started.elapsed(), &changes, None);
                (self.notes)(note);
                return Ok(None);
            }
        };
        let quick = self.render_ahead(&prepared, &changes, started);
        let first = prepared.site.articles.first().map(|a| a.url.clone());
        let result = self
            .rebuilder
            .render(&prepared)
            .map(|output| (prepared, output));
        let built = result.is_ok();
        let note = self
            .publisher
            .publish(result, started.elapsed(), &changes, quick);
        (self.notes)(note);
        Ok(first.filter(|_| built))
    }

    /// After an edit to articles of a good site, renders the pages that cannot wait and
    /// publishes them over the last good ones: the pages open in a browser, the edited
    /// articles' own pages, pages the site did not have, and the 404 page. Returns how
    /// soon, or `None` when the full render must do it all.
    fn render_ahead(
        &mut self,
        prepared: &Prepared,
        changes: &Changes,
        started: Instant,
    ) -> Option<Duration> {
        // A single article is a site of a few pages: the full render is as quick.
        let single = matches!(self.rebuilder.preview(), Preview::Article(_));
        if single || changes.everything || !self.publisher.can_patch() {
            return None;
        }
        let mut wanted: BTreeSet<String> = self
            .open
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .values()
            .cloned()
            .collect();
        wanted.extend(prepared.article_pages(&changes.files));
        wanted.extend(
            prepared
                .page_keys()
                .filter(|key| !self.publisher.good_pages.contains(*key))
                .cloned(),
        );
        wanted.insert("404.html".into());
        wanted.retain(|key| prepared.has_page(key));
        // A template error here is left for the full render to report.
        let fresh = self.rebuilder.render_pages(prepared, &wanted).ok()?;
        self.publisher.publish_patch(prepared, fresh)?;
        Some(started.elapsed())
    }
}

/// Runs the HTTP server until Ctrl-C (or SIGTERM), then closes every connection.
async fn serve(
    listener: TcpListener,
    builds: channel::Receiver<Arc<Snapshot>>,
    open: OpenPages,
    notes: &Arc<dyn Fn(Note) + Send + Sync>,
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

/// Opens `url` in the desktop's browser, without waiting for it.
fn open_browser(url: &str) -> std::io::Result<()> {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_busy_port_moves_to_the_next() {
        let taken = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port();
        let (listener, busy) = bind(IpAddr::V4(Ipv4Addr::LOCALHOST), port).unwrap();
        assert_ne!(listener.local_addr().unwrap().port(), port);
        assert_eq!(busy, Some(port));
        let (_, busy) = bind(IpAddr::V4(Ipv4Addr::LOCALHOST), 0).unwrap();
        assert_eq!(busy, None);
    }

    #[test]
    fn a_wildcard_bind_is_browsed_on_loopback() {
        let any: SocketAddr = "0.0.0.0:1111".parse().unwrap();
        assert_eq!(browsable(any).to_string(), "127.0.0.1:1111");
        let any6: SocketAddr = "[::]:1111".parse().unwrap();
        assert_eq!(browsable(any6).to_string(), "[::1]:1111");
        let own: SocketAddr = "192.0.2.7:1111".parse().unwrap();
        assert_eq!(browsable(own), own);
    }

    #[test]
    fn notes_read_well() {
        let listening = |bind: &str, busy| {
            Note::Listening {
                url: "http://127.0.0.1:1112/".into(),
                bind: bind.parse().unwrap(),
                busy,
                built: true,
                watching: "content/".into(),
            }
            .to_string()
        };
        assert_eq!(
            listening("127.0.0.1:1112", Some(1111)),
            "port 1111 is busy; using 1112 instead\nserving http://127.0.0.1:1112/\n\
             watching content/; press Ctrl-C to stop"
        );
        assert!(listening("0.0.0.0:1112", None).starts_with("warning: listening on 0.0.0.0:1112"));
        let built = Note::Built {
            first: false,
            elapsed: Duration::from_millis(1650),
            quick: Some(Duration::from_millis(180)),
            articles: 2,
            pages: 9,
            cause: Some(("content/a.md".into(), 0)),
        };
        assert_eq!(
            built.to_string(),
            "rebuilt in 1650 ms, open pages reloaded after 180 ms: 2 articles, 9 pages \
             (content/a.md changed)"
        );
        let failed = Note::Failed {
            elapsed: Duration::from_millis(12),
            diagnostics: vec![Diagnostic::error(
                "content/a.md",
                4,
                1,
                "unknown key `autor`",
            )],
            kept: true,
        };
        assert!(failed.is_problem());
        assert_eq!(
            failed.to_string(),
            "content/a.md:4:1: unknown key `autor`\n\
             error: 1 problem after 12 ms; still serving the last good build"
        );
    }
}
