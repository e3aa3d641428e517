//! `broadsheet new "Title" --author NAME`: starts a draft article at
//! `content/{year}/{slug}.md`, dated now in the site's time zone, and prints its path.
//!
//! The body is left empty rather than filled with placeholder text, which could slip into
//! print if the draft flag were dropped in a hurry. An existing file is never replaced.

use jiff::{Timestamp, ZonedDateTime};
use serde::Serialize;

use crate::cli::NewArgs;
use crate::cmd::Report;
use crate::cmd::import::{shown, under_root, write_new};
use crate::config::{self, Config};
use crate::diagnostic::Failure;
use crate::model::url;

/// Creates the draft; refuses an empty title or author and an existing file.
pub fn run(args: &NewArgs) -> anyhow::Result<Report> {
    let root = &args.site.root;
    let title = args.title.trim();
    if title.is_empty() {
        return Ok(refusal(
            "the title is empty; write it in quotes: broadsheet new \"Title\" --author NAME",
        ));
    }
    let authors: Vec<&str> = args.authors.iter().map(|a| a.trim()).collect();
    if authors.iter().any(|a| a.is_empty()) {
        return Ok(refusal("`--author` is empty; give the author's full name"));
    }
    let config = match Config::load(root) {
        Ok(config) => config,
        Err(Failure::Content(problems)) => {
            return Ok(Report {
                diagnostics: under_root(root, problems.sorted()),
                summary: "the site settings have problems; no article was created".into(),
                success: false,
            });
        }
        Err(Failure::Io(error)) => return Err(error),
    };
    let now = Timestamp::now().to_zoned_datetime(config.timezone.clone());
    let path = config::content_dir(root)
        .join(format!("{:04}", now.year()))
        .join(format!("{}.md", url::slugify(title)));
    let draft = Draft {
        title,
        date: &now,
        authors: &authors,
        affiliation: args.affiliation.as_deref().map(str::trim),
        tags: &topics(&args.tags),
    };
    match write_new(&path, &draft.file()?) {
        Ok(()) => Ok(Report {
            diagnostics: Vec::new(),
            summary: shown(&path),
            success: true,
        }),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(refusal(&format!(
            "{} already exists; it was not overwritten (choose another title, or edit that file)",
            shown(&path)
        ))),
        Err(e) => Err(anyhow::Error::new(e).context(format!("cannot write {}", shown(&path)))),
    }
}

/// What `new` writes into the front matter.
struct Draft<'a> {
    title: &'a str,
    date: &'a ZonedDateTime,
    authors: &'a [&'a str],
    affiliation: Option<&'a str>,
    tags: &'a [String],
}

/// The front matter, in the order an editor reads it.
#[derive(Serialize)]
struct Front<'a> {
    title: &'a str,
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    authors: Option<&'a [&'a str]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    affiliation: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    draft: bool,
}

impl Draft<'_> {
    /// The new file's text: TOML front matter and an empty body.
    fn file(&self) -> anyhow::Result<String> {
        let (author, authors) = match self.authors {
            [one] => (Some(*one), None),
            many => (None, Some(many)),
        };
        let front = Front {
            title: self.title,
            // Whole seconds: a draft's date is a starting point, not a measurement.
            date: self.date.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            author,
            authors,
            affiliation: self.affiliation.filter(|a| !a.is_empty()),
            tags: self.tags,
            draft: true,
        };
        Ok(format!("+++\n{}+++\n\n", toml::to_string(&front)?))
    }
}

/// `--tags "a, b" --tags c` → `[a, b, c]`: split on commas, trimmed, empty ones dropped.
fn topics(tags: &[String]) -> Vec<String> {
    tags.iter()
        .flat_map(|t| t.split(','))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

fn refusal(summary: &str) -> Report {
    Report {
        diagnostics: Vec::new(),
        summary: summary.to_string(),
        success: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> ZonedDateTime {
        "2025-08-16T08:00:00.123-04:00[America/New_York]"
            .parse()
            .expect("a date")
    }

    #[test]
    fn front_matter_of_a_new_draft() {
        let date = date();
        let draft = Draft {
            title: "A \"Quoted\" Title",
            date: &date,
            authors: &["Jane Doe"],
            affiliation: Some("X Lab"),
            tags: &["trade".to_string(), "energy policy".to_string()],
        };
        assert_eq!(
            draft.file().expect("serializes"),
            "+++\ntitle = 'A \"Quoted\" Title'\ndate = \"2025-08-16T08:00:00-04:00\"\nauthor = \"Jane Doe\"\naffiliation = \"X Lab\"\ntags = [\"trade\", \"energy policy\"]\ndraft = true\n+++\n\n"
        );
        let coauthored = Draft {
            title: "T",
            date: &date,
            authors: &["Jane Doe", "John Roe"],
            affiliation: None,
            tags: &[],
        };
        assert_eq!(
            coauthored.file().expect("serializes"),
            "+++\ntitle = \"T\"\ndate = \"2025-08-16T08:00:00-04:00\"\nauthors = [\"Jane Doe\", \"John Roe\"]\ndraft = true\n+++\n\n"
        );
    }

    #[test]
    fn tags_are_split_and_trimmed() {
        let given = [" trade , energy,,".to_string(), "housing".to_string()];
        assert_eq!(topics(&given), ["trade", "energy", "housing"]);
        assert!(topics(&[" , ".to_string()]).is_empty());
    }
}
