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
    /// Use this base URL instead of the one in site.toml.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
