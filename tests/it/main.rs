//! The integration suite: one binary, so the crate links once, with one module per feature.
//! Each test runs the real `broadsheet` binary over a site in a temporary folder through
//! the `SiteTest` harness; see `README.md` here for how to add a case.

mod browser;
mod harness;

mod archive;
mod check;
mod contents;
mod core;
mod editorial;
mod embeds;
mod golden;
mod hostile;
mod import;
mod links;
mod migrate;
mod portable;
mod reader;
mod search;
mod serve;
mod wxr;
