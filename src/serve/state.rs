//! What the preview serves, shared between the rebuild thread and every request: each
//! build as a [`Snapshot`] on a `tokio::sync::watch` channel, and the [`App`] state that
//! request handlers reach (never statics).

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use tokio::sync::watch as channel;

use crate::render::{FileKind, Output};

/// The served files: output path → content. Cloning it shares the contents.
pub type Pages = BTreeMap<String, Bytes>;

/// One build as the server sees it.
#[derive(Debug)]
pub struct Snapshot {
    /// Names this build, for pages to tell whether they are current.
    pub build: String,
    /// The last good pages; `None` until a build succeeds.
    pub pages: Option<Arc<Pages>>,
    /// The overlay that lays this build's problems over every page, when it failed.
    pub overlay: Option<Arc<str>>,
    /// A fingerprint of the files pages load (styles, scripts, images): when it changes,
    /// every open page reloads, whether or not its own HTML changed.
    pub assets: u64,
}

/// The fingerprint of the assets of a render: the files it made as [`FileKind::Asset`].
pub fn fingerprint(output: &Output) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for (key, file) in output.iter().filter(|(_, f)| f.kind == FileKind::Asset) {
        key.hash(&mut hasher);
        file.bytes.hash(&mut hasher);
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
    pub sockets: Arc<AtomicU64>,
}
