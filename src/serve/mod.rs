//! `serve`: a live preview of a site, or of one article, built in memory and served over
//! HTTP on loopback, rebuilt on every change and reloaded in every open page.
//!
//! Three parts run side by side. A rebuild thread ([`rebuild`], fed by [`watch`]) builds
//! the site with drafts included whenever what it is made of changes: [`cache`] keeps the
//! sources and each article's parse in front of the build driver's stages. Each result is
//! published ([`publish`]) as a [`state::Snapshot`] on a `tokio::sync::watch` channel: the
//! last good pages plus, while the latest build failed, the overlay of its problems. The
//! HTTP side ([`http`]) answers every request from the current snapshot and never touches
//! the disk, `public/` included. The live-reload side ([`reload`]) tells open pages about
//! each new snapshot over a websocket, and learns which page each one shows. A page is told
//! to reload only when what it shows changed (its own HTML, or a style sheet, script or
//! image), so saving an article leaves pages that do not show it alone.
//!
//! Nothing here prints: what the terminal should say goes to the caller as [`Note`]s.

pub mod cache;
pub mod http;
pub mod note;
pub mod publish;
pub mod rebuild;
pub mod reload;
pub mod state;
pub mod watch;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};
use std::sync::{Arc, mpsc};

use anyhow::Context as _;

pub use cache::Preview;
pub use note::{Note, Notes};

use cache::{Cache, Changes};
use publish::Publisher;
use rebuild::Rebuilder;
use state::OpenPages;

/// The port tried first when none is given.
pub const DEFAULT_PORT: u16 = 1111;

/// How many ports after the requested one are tried when it is busy.
const PORT_TRIES: u16 = 20;

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

/// Serves `options.preview` until Ctrl-C, telling `notes` what the terminal should say.
///
/// Fails only when serving cannot start: no free port, no watch, no runtime. Content
/// problems are never an error here: they are shown, and the preview goes on.
pub fn run(options: &Options, notes: Notes) -> anyhow::Result<()> {
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
    let (publisher, builds) = Publisher::new();
    let open: OpenPages = Arc::default();
    let mut rebuilder = Rebuilder {
        cache: Cache::new(options.preview.clone(), base_url.clone()),
        publisher,
        open: open.clone(),
        notes: notes.clone(),
    };
    let first = rebuilder.build(Changes::everything())?;
    let start_page = match (&options.preview, &first) {
        (Preview::Article(_), Some(url)) => url.clone(),
        _ => crate::model::url::home(),
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
        .spawn(move || rebuilder.run(receiver, watch))
        .context("cannot start the rebuild thread")?;

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    let result = runtime.block_on(http::serve(listener, builds, open, &notes));
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
}
