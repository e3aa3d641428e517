//! The command line, as clap types: one `…Args` struct per command.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// A static site generator for commentary: op-eds, analysis and policy briefs.
#[derive(Debug, Parser)]
#[command(name = "broadsheet", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into a folder of HTML, feeds and a sitemap.
    Build(BuildArgs),
    /// Bring pieces in: plain-text files, a WordPress export, or a Jekyll, Hugo or Zola site.
    Import(ImportArgs),
    /// Start a draft article, dated now, and print its path.
    New(NewArgs),
    /// Create a new site that builds at once with the built-in theme.
    Init(InitArgs),
    /// Preview the site (or one article file) in a browser, rebuilt and reloaded on every change.
    Serve(ServeArgs),
    /// Build the site in memory, check every link and fragment, and lint the content.
    Check(CheckArgs),
}

/// Where the site lives; shared by every command that reads one.
#[derive(Debug, Args, Clone)]
pub struct SiteArgs {
    /// The site's folder (holding `site.toml` and `content/`).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site [default: ROOT/public].
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Include articles marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    #[command(flatten)]
    pub embargo: EmbargoArgs,
    /// Use this base URL instead of the one in site.toml.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Write a site to read from disk (file://, a zipped copy): every link between pages
    /// relative and naming a file. Feeds, the sitemap and canonical links stay absolute.
    #[arg(long)]
    pub portable: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Plain-text pieces (a dateline, a title line, paragraphs and an author bio at the end),
    /// one WordPress export (`.xml`), or with `--from` the folder of another generator's site.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Read FILE as the folder of a site made with this generator, and move its articles,
    /// pages and their images into this site (issue 17).
    #[arg(long, value_enum, value_name = "GENERATOR", conflicts_with_all = ["title", "titles", "into"])]
    pub from: Option<Generator>,
    /// With `--from`: the byline of every article that names no author (and whose site
    /// names none either).
    #[arg(long, value_name = "NAME", requires = "from")]
    pub author: Option<String>,
    /// The article's title, for a piece without a title line (one FILE only).
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// A CSV file of `file,title` lines giving titles to pieces without a title line, for a
    /// batch; each file is named as on this command line.
    #[arg(long, value_name = "CSV", conflicts_with = "title")]
    pub titles: Option<PathBuf>,
    /// Where articles go, in a folder per year [default: ROOT/content]; profiles always go
    /// to ROOT/content/authors.
    #[arg(long, value_name = "DIR")]
    pub into: Option<PathBuf>,
    /// Replace an article, page or static file that already exists (author profiles are only
    /// ever filled in).
    #[arg(long)]
    pub force: bool,
}

/// The generators whose sites `import --from` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Generator {
    Jekyll,
    Hugo,
    Zola,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The article's title; its slug names the file.
    #[arg(value_name = "TITLE")]
    pub title: String,
    /// The author's full name; repeat for co-authors.
    #[arg(long = "author", required = true, value_name = "NAME")]
    pub authors: Vec<String>,
    /// The author's affiliation at the time of writing.
    #[arg(long, value_name = "ORG")]
    pub affiliation: Option<String>,
    /// Topics, separated by commas.
    #[arg(long, value_name = "a,b")]
    pub tags: Vec<String>,
}

/// The embargo's flags, shared by `build` and `check` (issue 12).
#[derive(Debug, Args, Clone, Default)]
pub struct EmbargoArgs {
    /// Include pieces dated in the future, which are otherwise held back until their moment.
    #[arg(long)]
    pub future: bool,
    /// Build as if it were this moment (any date form front matter accepts, in the site's
    /// time zone), for a reproducible build [default: the clock].
    #[arg(long, value_name = "DATE")]
    pub now: Option<String>,
}

/// `broadsheet check [--root DIR] [--future] [--now DATE]`: writes nothing.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    #[command(flatten)]
    pub embargo: EmbargoArgs,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the site in; it must be new or empty.
    #[arg(default_value = ".", value_name = "DIR")]
    pub dir: PathBuf,
}

/// `broadsheet serve [--root DIR | ARTICLE] [--port N] [--bind ADDR] [--open]`
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Preview this one article file on its own, with the built-in theme, outside any site.
    #[arg(value_name = "ARTICLE", conflicts_with = "root")]
    pub article: Option<PathBuf>,
    /// Port to listen on; the next free one is taken if it is busy (0: any free port).
    #[arg(long, default_value_t = crate::serve::DEFAULT_PORT, value_name = "N")]
    pub port: u16,
    /// Address to listen on. Anything but loopback shows the preview, drafts included, to
    /// whoever can reach this machine.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: std::net::IpAddr,
    /// Open the preview in the default browser.
    #[arg(long)]
    pub open: bool,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
