//! `broadsheet init DIR`: a new site that builds at once with the built-in theme.
//!
//! It holds `site.toml` with every setting commented out at its default, one example piece
//! that explains how to write one, its author's profile, an empty `static/` and a
//! `.gitignore` for the built output. The starting files live in `src/cmd/init/`, compiled
//! in, apart from the theme: they are a site's first content, not part of how it looks.

use std::path::Path;

use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};

use crate::cli::InitArgs;
use crate::cmd::Report;
use crate::cmd::import::{shown, write_new};

const SITE_TOML: &str = include_str!("init/site.toml");
const EXAMPLE: &str = include_str!("init/example.md");
const PROFILE: &str = include_str!("init/profile.md");
const GITIGNORE: &str = include_str!("init/gitignore");

/// Where the example piece goes under `content/`, after its year.
const EXAMPLE_NAME: &str = "writing-your-first-piece.md";
/// The example author's profile, named after the slug of `name` in `PROFILE`.
const PROFILE_PATH: &str = "content/authors/rowan-avery.md";

/// Creates the site in DIR, which must be new or empty (a `.git` folder is allowed).
pub fn run(args: &InitArgs) -> anyhow::Result<Report> {
    let dir = &args.dir;
    if let Some(why) = occupied(dir)? {
        return Ok(Report {
            diagnostics: Vec::new(),
            summary: format!(
                "{} {why}; `init` creates a site only in a new or empty folder",
                shown(dir)
            ),
            success: false,
        });
    }
    // The example is dated now, in the time zone the site starts with.
    let now = Timestamp::now().to_zoned_datetime(TimeZone::UTC);
    for (path, text) in starting_files(&now) {
        let full = dir.join(&path);
        write_new(&full, &text)
            .map_err(|e| anyhow::Error::new(e).context(format!("cannot write {}", shown(&full))))?;
    }
    let static_dir = dir.join("static");
    std::fs::create_dir_all(&static_dir).map_err(|e| {
        anyhow::Error::new(e).context(format!("cannot create {}", shown(&static_dir)))
    })?;
    let root = if dir.as_os_str().is_empty() {
        ".".to_string()
    } else {
        shown(dir)
    };
    Ok(Report {
        diagnostics: Vec::new(),
        summary: format!(
            "created a site in {root} with an example piece and author profile; build it with `broadsheet build --root {root}`"
        ),
        success: true,
    })
}

/// Why `dir` cannot hold a new site, if it cannot.
fn occupied(dir: &Path) -> anyhow::Result<Option<&'static str>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(_) if dir.exists() && !dir.is_dir() => return Ok(Some("is a file")),
        Err(e) => {
            return Err(anyhow::Error::new(e).context(format!("cannot read {}", shown(dir))));
        }
    };
    for entry in entries {
        let entry = entry
            .map_err(|e| anyhow::Error::new(e).context(format!("cannot read {}", shown(dir))))?;
        // `git init` first, then `broadsheet init .`, is a natural order.
        if entry.file_name() != ".git" {
            return Ok(Some("is not empty"));
        }
    }
    Ok(None)
}

/// Every file of a new site, as (path relative to the site, text).
fn starting_files(now: &ZonedDateTime) -> Vec<(String, String)> {
    let date = now.strftime("%Y-%m-%d %H:%M").to_string();
    vec![
        ("site.toml".to_string(), SITE_TOML.to_string()),
        (
            format!("content/{:04}/{EXAMPLE_NAME}", now.year()),
            EXAMPLE.replace("{date}", &date),
        ),
        (PROFILE_PATH.to_string(), PROFILE.to_string()),
        (".gitignore".to_string(), GITIGNORE.to_string()),
    ]
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::config::{Config, KEYS};
    use crate::source::{SourceFile, Sources, is_profile};

    fn now() -> ZonedDateTime {
        "2025-08-16T08:30:00+00:00[UTC]".parse().expect("a date")
    }

    #[test]
    fn site_toml_comments_every_setting_at_its_default() {
        let commented = Config::parse(SITE_TOML, Path::new("site.toml")).expect("parses");
        let uncommented: String = SITE_TOML
            .lines()
            .map(|line| match line.strip_prefix("# ") {
                Some(setting) if KEYS.iter().any(|k| setting.starts_with(&format!("{k} = "))) => {
                    setting
                }
                _ => line,
            })
            .map(|line| format!("{line}\n"))
            .collect();
        for key in KEYS {
            assert!(
                uncommented
                    .lines()
                    .any(|l| l.starts_with(&format!("{key} = "))),
                "site.toml lacks `{key}`"
            );
        }
        let defaults = Config::default();
        for config in [
            commented,
            Config::parse(&uncommented, Path::new("site.toml")).expect("parses"),
        ] {
            assert_eq!(config.title, defaults.title);
            assert_eq!(config.description, defaults.description);
            assert_eq!(config.base_url, defaults.base_url);
            assert_eq!(config.language, defaults.language);
            assert_eq!(config.timezone_name, defaults.timezone_name);
            assert_eq!(config.per_page, defaults.per_page);
            assert_eq!(config.permalink, defaults.permalink);
        }
    }

    #[test]
    fn the_starting_site_builds() {
        let mut sources = Sources::default();
        for (path, text) in starting_files(&now()) {
            let file = SourceFile {
                path: PathBuf::from(&path),
                text,
            };
            match path.as_str() {
                "site.toml" => sources.config = Some(file.text),
                ".gitignore" => {}
                _ if is_profile(&file.path) => sources.profiles.push(file),
                _ => sources.articles.push(file),
            }
        }
        assert_eq!(
            sources.articles[0].path,
            Path::new("content/2025/writing-your-first-piece.md")
        );
        let built = crate::build::in_memory(&sources, &crate::build::BuildOptions::default())
            .unwrap_or_else(|failure| panic!("{failure:#?}"));
        let article = &built.site.articles[0];
        assert_eq!(article.slug, "writing-your-first-piece");
        assert!(
            built
                .output
                .contains_key("2025/08/writing-your-first-piece/index.html")
        );
        assert!(built.output.contains_key("authors/rowan-avery/index.html"));
    }
}
