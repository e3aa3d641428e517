//! `site.toml` → `Config`: defaults for everything, unknown keys rejected, the time zone
//! resolved and the permalink pattern checked before any article is read.

use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;
use serde_json::Value;

use crate::diagnostic::{Diagnostic, Diagnostics, Failure, did_you_mean};
use crate::table::{self, Format};

/// Every key `site.toml` may hold.
pub const KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "timezone",
    "per_page",
    "permalink",
    "search",
];

/// The placeholders a permalink pattern may use.
pub const PERMALINK_PLACEHOLDERS: &[&str] = &["{year}", "{month}", "{day}", "{slug}"];

/// Site settings, validated.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// Absolute base URL without a trailing slash, e.g. `https://example.org` or
    /// `https://example.org/commentary`.
    pub base_url: String,
    /// BCP 47 language tag for `<html lang>`.
    pub language: String,
    /// IANA name of the site's time zone, as written.
    pub timezone_name: String,
    pub timezone: TimeZone,
    /// Articles per listing page.
    pub per_page: usize,
    /// URL pattern of an article, such as `/{year}/{month}/{slug}/`.
    pub permalink: String,
    /// Whether the build writes the search index and page (issue 14); on by default.
    pub search: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Commentary".into(),
            description: String::new(),
            base_url: "http://localhost".into(),
            language: "en".into(),
            timezone_name: "UTC".into(),
            timezone: TimeZone::UTC,
            per_page: 20,
            permalink: "/{year}/{month}/{slug}/".into(),
            search: true,
        }
    }
}

impl Config {
    /// Parses the text of `site.toml` (shown in messages as `path`).
    ///
    /// Every bad key is reported; the result is `Err` when any was found.
    pub fn parse(text: &str, path: &Path) -> Result<Config, Diagnostics> {
        let entries = table::parse(text, Format::Toml)
            .map_err(|e| Diagnostic::at_offset(path, text, e.offset, e.message))?;
        let mut config = Config::default();
        let mut problems = Vec::new();
        for entry in entries {
            let at =
                |message: String| Diagnostic::at_offset(path, text, entry.value_offset, message);
            let as_string = |v: &Value| v.as_str().map(str::to_string);
            match entry.key.as_str() {
                "title" | "description" | "language" | "base_url" | "timezone" | "permalink" => {
                    let Some(value) = as_string(&entry.value) else {
                        problems.push(at(format!(
                            "`{}` must be a string, found {}",
                            entry.key,
                            table::type_name(&entry.value)
                        )));
                        continue;
                    };
                    match entry.key.as_str() {
                        "title" => config.title = value,
                        "description" => config.description = value,
                        "language" => config.language = value,
                        "base_url" => match normalize_base_url(&value) {
                            Ok(url) => config.base_url = url,
                            Err(message) => problems.push(at(message)),
                        },
                        "timezone" => match TimeZone::get(&value) {
                            Ok(tz) => {
                                config.timezone = tz;
                                config.timezone_name = value;
                            }
                            Err(_) => problems.push(
                                at(format!("unknown time zone {value:?}"))
                                    .with_hint("use an IANA name such as \"America/New_York\", \"Europe/Paris\" or \"UTC\""),
                            ),
                        },
                        _ => match check_permalink(&value) {
                            Ok(()) => config.permalink = value,
                            Err(message) => problems.push(at(message)),
                        },
                    }
                }
                "per_page" => match entry.value.as_u64() {
                    Some(n) if (1..=10_000).contains(&n) => config.per_page = n as usize,
                    _ => problems.push(at(
                        "`per_page` must be a whole number from 1 to 10000".into()
                    )),
                },
                "search" => match entry.value.as_bool() {
                    Some(on) => config.search = on,
                    None => problems.push(at(format!(
                        "`search` must be true or false, found {}",
                        table::type_name(&entry.value)
                    ))),
                },
                unknown => {
                    let mut d = Diagnostic::at_offset(
                        path,
                        text,
                        entry.key_offset,
                        format!("unknown key `{unknown}` in site settings"),
                    );
                    if let Some(suggestion) = did_you_mean(unknown, KEYS) {
                        d = d.with_hint(format!("did you mean `{suggestion}`?"));
                    }
                    problems.push(d);
                }
            }
        }
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems.into())
        }
    }

    /// Reads `site.toml` under `root`; a site without one gets the defaults.
    pub fn load(root: &Path) -> Result<Config, Failure> {
        let path = root.join("site.toml");
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(Config::parse(&text, Path::new("site.toml"))?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(Failure::Io(
                anyhow::Error::new(e).context(format!("cannot read {}", path.display())),
            )),
        }
    }

    /// The absolute URL of a site path such as `/authors/`.
    pub fn absolute_url(&self, path: &str) -> String {
        crate::model::url::absolute(&self.base_url, path)
    }

    /// The path part of the base URL (`/commentary` for `https://example.org/commentary`),
    /// which prefixes every link a page makes.
    pub fn base_path(&self) -> &str {
        let after_scheme = self
            .base_url
            .split_once("://")
            .map_or(self.base_url.as_str(), |(_, rest)| rest);
        after_scheme.find('/').map_or("", |i| &after_scheme[i..])
    }
}

/// Where a site's pieces live, relative to its root.
pub fn content_dir(root: &Path) -> PathBuf {
    root.join("content")
}

/// Checks and trims a base URL: it must be absolute http(s), and loses a trailing slash.
pub fn normalize_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("base URL {url:?} must start with http:// or https://"))?;
    if rest.is_empty() || rest.starts_with('/') {
        return Err(format!("base URL {url:?} has no host"));
    }
    if url
        .chars()
        .any(|c| c.is_whitespace() || matches!(c, '"' | '<' | '>' | '\'' | '`' | '?' | '#'))
    {
        return Err(format!("base URL {url:?} holds characters a URL cannot"));
    }
    Ok(url.trim_end_matches('/').to_string())
}

fn check_permalink(pattern: &str) -> Result<(), String> {
    if !pattern.starts_with('/') || !pattern.ends_with('/') {
        return Err(format!("permalink {pattern:?} must start and end with `/`"));
    }
    if !pattern.contains("{slug}") {
        return Err(format!(
            "permalink {pattern:?} must contain {{slug}}, or two articles would share a URL"
        ));
    }
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .ok_or_else(|| format!("permalink {pattern:?} has an unclosed `{{`"))?;
        let placeholder = &rest[open..open + close + 1];
        if !PERMALINK_PLACEHOLDERS.contains(&placeholder) {
            return Err(format!(
                "permalink {pattern:?} uses unknown placeholder {placeholder}; known: {}",
                PERMALINK_PLACEHOLDERS.join(", ")
            ));
        }
        rest = &rest[open + close + 1..];
    }
    let literal = PERMALINK_PLACEHOLDERS
        .iter()
        .fold(pattern.to_string(), |p, ph| p.replace(ph, "x"));
    if literal.split('/').any(|seg| seg == "." || seg == "..")
        || !literal
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.'))
    {
        return Err(format!(
            "permalink {pattern:?} may only hold letters, digits, `-`, `_`, `.` and `/` besides placeholders"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Vec<String>> {
        Config::parse(text, Path::new("site.toml"))
            .map_err(|ds| ds.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn defaults_without_keys() {
        let config = parse("").unwrap();
        assert_eq!(config.per_page, 20);
        assert_eq!(config.timezone_name, "UTC");
        assert_eq!(config.permalink, "/{year}/{month}/{slug}/");
    }

    #[test]
    fn reads_every_key() {
        let config = parse(
            "title = \"T\"\ndescription = \"D\"\nbase_url = \"https://x.org/sub/\"\nlanguage = \"fr\"\ntimezone = \"America/New_York\"\nper_page = 5\npermalink = \"/{year}/{slug}/\"\n",
        )
        .unwrap();
        assert_eq!(config.base_url, "https://x.org/sub");
        assert_eq!(config.base_path(), "/sub");
        assert_eq!(config.per_page, 5);
        assert_eq!(config.timezone_name, "America/New_York");
    }

    #[test]
    fn reports_every_bad_key() {
        let errors = parse("titel = \"T\"\ntimezone = \"Mars/Olympus\"\nper_page = 0\npermalink = \"/{year}/\"\nbase_url = \"example.org\"\n").unwrap_err();
        assert_eq!(errors.len(), 5, "{errors:#?}");
        assert!(
            errors[0].starts_with("site.toml:1:1: unknown key `titel`"),
            "{}",
            errors[0]
        );
        assert!(errors[0].contains("did you mean `title`"));
        assert!(
            errors[1].starts_with("site.toml:2:12: unknown time zone"),
            "{}",
            errors[1]
        );
        assert!(errors[2].starts_with("site.toml:3:12:"));
        assert!(errors[3].contains("{slug}"));
        assert!(errors[4].contains("http"));
    }

    #[test]
    fn search_is_on_unless_turned_off() {
        assert!(parse("").unwrap().search);
        assert!(!parse("search = false\n").unwrap().search);
        assert!(parse("search = true\n").unwrap().search);
        let errors = parse("search = \"no\"\n").unwrap_err();
        assert_eq!(
            errors,
            vec!["site.toml:1:10: `search` must be true or false, found a string".to_string()]
        );
    }

    #[test]
    fn permalink_cannot_escape() {
        assert!(check_permalink("/../{slug}/").is_err());
        assert!(check_permalink("/{slug}/{oops}/").is_err());
        assert!(check_permalink("/opinion/{year}/{slug}/").is_ok());
    }
}
