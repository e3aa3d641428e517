//! broadsheet turns a folder of commentary pieces in Markdown into a static archive:
//! article pages with real bylines, author, affiliation, topic and date pages, feeds and a
//! sitemap.
//!
//! The pipeline runs one way, each stage taking plain data and returning plain data:
//!
//! ```text
//! source::collect → config → front_matter + markdown (per article, in parallel)
//!   → model::Site::assemble → render::site → output (a staging folder, renamed into place)
//! ```
//!
//! Only `source` reads the disk and only `output` writes to it; [`build`] is the driver that
//! runs every stage in between, in one order, for `build`, `check` and `serve` alike.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod build;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod dates;
pub mod diagnostic;
pub mod english;
pub mod front_matter;
pub mod import;
pub mod markdown;
pub mod model;
pub mod output;
pub mod render;
pub mod safe_url;
pub mod sanitize;
pub mod search;
pub mod serve;
pub mod source;
pub mod table;
