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
    "embed_hosts",
    "search",
];

/// The hosts whose pages a piece may embed in an `<iframe>` unless `embed_hosts` says
/// otherwise: charts from Datawrapper and Flourish, videos from YouTube and Vimeo.
pub const DEFAULT_EMBED_HOSTS: &[&str] = &[
    "datawrapper.dwcdn.net",
    "flo.uri.sh",
    "www.youtube-nocookie.com",
    "www.youtube.com",
    "player.vimeo.com",
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
    /// Hosts an `<iframe>` in a piece may show, lowercase (issue 13).
    pub embed_hosts: Vec<String>,
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
            embed_hosts: DEFAULT_EMBED_HOSTS.iter().map(|h| h.to_string()).collect(),
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
            let set = match entry.key.as_str() {
                "per_page" => config.set_per_page(&entry.value),
                "search" => match entry.value.as_bool() {
                    Some(on) => {
                        config.search = on;
                        Ok(())
                    }
                    None => Err(Problem::from(format!(
                        "`search` must be true or false, found {}",
                        table::type_name(&entry.value)
                    ))),
                },
                "embed_hosts" => config.set_embed_hosts(&entry.value),
                key if KEYS.contains(&key) => match entry.value.as_str() {
                    Some(value) => config.set_text(key, value),
                    None => Err(Problem::from(format!(
                        "`{key}` must be a string, found {}",
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
                    continue;
                }
            };
            if let Err(Problem { message, hint }) = set {
                let d = Diagnostic::at_offset(path, text, entry.value_offset, message);
                problems.push(match hint {
                    Some(hint) => d.with_hint(hint),
                    None => d,
                });
            }
        }
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems.into())
        }
    }

    /// Sets a key whose value is text, checking it.
    fn set_text(&mut self, key: &str, value: &str) -> Result<(), Problem> {
        match key {
            "title" => self.title = value.into(),
            "description" => self.description = value.into(),
            "language" => self.language = value.into(),
            "base_url" => self.base_url = normalize_base_url(value)?,
            "timezone" => {
                self.timezone = TimeZone::get(value).map_err(|_| Problem {
                    message: format!("unknown time zone {value:?}"),
                    hint: Some(
                        "use an IANA name such as \"America/New_York\", \"Europe/Paris\" or \"UTC\"",
                    ),
                })?;
                self.timezone_name = value.into();
            }
            _ => {
                check_permalink(value)?;
                self.permalink = value.into();
            }
        }
        Ok(())
    }

    fn set_per_page(&mut self, value: &Value) -> Result<(), Problem> {
        match value.as_u64() {
            Some(n) if (1..=10_000).contains(&n) => {
                self.per_page = n as usize;
                Ok(())
            }
            _ => Err("`per_page` must be a whole number from 1 to 10000"
                .to_string()
                .into()),
        }
    }

    fn set_embed_hosts(&mut self, value: &Value) -> Result<(), Problem> {
        let list = || Problem {
            message: format!(
                "`embed_hosts` must be a list of host names, found {}",
                table::type_name(value)
            ),
            hint: Some(
                "write the hosts alone, such as [\"datawrapper.dwcdn.net\", \"player.vimeo.com\"]",
            ),
        };
        let items = value.as_array().ok_or_else(list)?;
        let mut hosts = Vec::with_capacity(items.len());
        for item in items {
            let host = item.as_str().ok_or_else(|| {
                Problem::from(format!(
                    "`embed_hosts` must be a list of host names, found {} in it",
                    table::type_name(item)
                ))
            })?;
            hosts.push(check_host(host)?);
        }
        hosts.sort();
        hosts.dedup();
        self.embed_hosts = hosts;
        Ok(())
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

    /// The absolute URL of a URL written in content as a path from the site's root or a web
    /// address (a photo, a lead image): a path gains the base URL, anything else is as
    /// written.
    pub fn absolute_written(&self, written: &str) -> String {
        if written.starts_with('/') {
            self.absolute_url(written)
        } else {
            written.to_string()
        }
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

/// What is wrong with one value, and how to mend it.
struct Problem {
    message: String,
    hint: Option<&'static str>,
}

impl From<String> for Problem {
    fn from(message: String) -> Self {
        Problem {
            message,
            hint: None,
        }
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

/// Checks one entry of `embed_hosts`: a host name alone, which is kept lowercase.
fn check_host(host: &str) -> Result<String, Problem> {
    let lower = host.trim().to_ascii_lowercase();
    let is_label = |label: &str| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    if lower.contains(['/', ':', '@']) {
        return Err(Problem {
            message: format!("`embed_hosts`: {host:?} is more than a host name"),
            hint: Some(
                "write the host alone, without `https://`, a port or a path: \"player.vimeo.com\"",
            ),
        });
    }
    if lower.len() > 253 || !lower.split('.').all(is_label) {
        return Err(format!("`embed_hosts`: {host:?} is not a host name").into());
    }
    Ok(lower)
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

    /// Issue 13: the hosts an embed may come from.
    #[test]
    fn embed_hosts_are_host_names() {
        assert_eq!(parse("").unwrap().embed_hosts, DEFAULT_EMBED_HOSTS.to_vec());
        let config =
            parse("embed_hosts = [\"Charts.Example.org\", \"player.vimeo.com\"]\n").unwrap();
        assert_eq!(
            config.embed_hosts,
            ["charts.example.org", "player.vimeo.com"]
        );
        assert!(parse("embed_hosts = []\n").unwrap().embed_hosts.is_empty());
        for (text, expected) in [
            (
                "embed_hosts = [\"https://flo.uri.sh/\"]",
                "site.toml:1:15: `embed_hosts`: \"https://flo.uri.sh/\" is more than a host name",
            ),
            (
                "embed_hosts = [\"flo..sh\"]",
                "site.toml:1:15: `embed_hosts`: \"flo..sh\" is not a host name",
            ),
            (
                "embed_hosts = \"flo.uri.sh\"",
                "site.toml:1:15: `embed_hosts` must be a list of host names, found a string",
            ),
            (
                "embed_hosts = [1]",
                "site.toml:1:15: `embed_hosts` must be a list of host names, found a number in it",
            ),
        ] {
            let errors = parse(text).unwrap_err();
            assert!(errors[0].starts_with(expected), "{text}: {errors:?}");
        }
    }
}
