//! Handles and links from the lines after a bio: `@name`, `X: @name`, a Bluesky or Mastodon
//! handle, a URL or `Label: URL`, each turned into a `(label, url)` profile link.

use super::bio::capitalize;
use super::header::spaced;

/// A link on a line of the bio's tail: whatever [`parse_link`] reads, or a bare handle.
pub(super) fn link_in_tail(line: &str) -> Option<(String, String)> {
    parse_link(line).or_else(|| bare_handle(line))
}

/// A handle alone on its line without its `@`, as a think tank's page shows it under the
/// bio next to an icon that copying leaves behind: `janedoe`, `jane_doe42`, `JaneDoe`. It is
/// taken for an X handle. A capitalised word (`Thanks`) is prose, not a handle.
fn bare_handle(line: &str) -> Option<(String, String)> {
    let word = spaced(line);
    let word = word.trim();
    let mut chars = word.chars();
    let plain_word = chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_lowercase());
    if plain_word {
        return None;
    }
    x_handle(word)
}

/// Reads `@name`, `X: @name`, `Bluesky: @name.bsky.social`, `Mastodon: @user@host`, a URL or
/// `Label: URL` as a `(label, url)` link.
///
/// After a service's name the `@` may be left out (`X: janedoe`).
fn parse_link(line: &str) -> Option<(String, String)> {
    let line = spaced(line);
    let line = line.trim().trim_end_matches('.');
    let (prefix, value) = match line.split_once(':') {
        Some((prefix, value)) if value.starts_with([' ', '@']) => {
            (Some(prefix.trim()), value.trim())
        }
        _ => (None, line),
    };
    // A profile refuses a link with a space or a control character in it; so does this.
    if value.is_empty() || value.contains(|c: char| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let service = prefix
        .and_then(|p| p.split_whitespace().last())
        .map(str::to_lowercase);
    if value.starts_with("https://") || value.starts_with("http://") {
        let label = match prefix {
            Some(p) if p.split_whitespace().count() <= 2 => capitalize(p),
            _ => label_for_url(value).to_string(),
        };
        return Some((label, value.to_string()));
    }
    let known_service = matches!(
        service.as_deref(),
        Some("x" | "twitter" | "bluesky" | "bsky" | "mastodon")
    );
    let handle = value
        .strip_prefix('@')
        .or_else(|| known_service.then_some(value))?;
    match (service.as_deref(), handle.split_once('@')) {
        (None | Some("mastodon"), Some((user, host))) => mastodon(user, host),
        (Some("x" | "twitter"), None) => x_handle(handle),
        (Some("bluesky" | "bsky"), None) => bluesky(handle),
        (None, None) if handle.contains('.') => bluesky(handle),
        (None, None) => x_handle(handle),
        _ => None,
    }
}

fn x_handle(name: &str) -> Option<(String, String)> {
    let valid = (1..=15).contains(&name.len())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    valid.then(|| ("X".to_string(), format!("https://x.com/{name}")))
}

fn bluesky(handle: &str) -> Option<(String, String)> {
    is_domain(handle).then(|| {
        (
            "Bluesky".to_string(),
            format!("https://bsky.app/profile/{handle}"),
        )
    })
}

fn mastodon(user: &str, host: &str) -> Option<(String, String)> {
    let user_ok = !user.is_empty() && user.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    (user_ok && is_domain(host))
        .then(|| ("Mastodon".to_string(), format!("https://{host}/@{user}")))
}

fn is_domain(text: &str) -> bool {
    text.contains('.')
        && !text.starts_with('.')
        && !text.ends_with('.')
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
}

fn label_for_url(url: &str) -> &'static str {
    let host = url
        .split("://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or("");
    match host.strip_prefix("www.").unwrap_or(host) {
        "x.com" | "twitter.com" => "X",
        "bsky.app" => "Bluesky",
        "linkedin.com" => "LinkedIn",
        "github.com" => "GitHub",
        _ => "Website",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_from_handles_and_urls() {
        let cases = [
            ("@jane_doe", Some(("X", "https://x.com/jane_doe"))),
            ("Twitter: @jane", Some(("X", "https://x.com/jane"))),
            ("X: @jane.", Some(("X", "https://x.com/jane"))),
            ("Follow her on X: @jane", Some(("X", "https://x.com/jane"))),
            (
                "@jane.bsky.social",
                Some(("Bluesky", "https://bsky.app/profile/jane.bsky.social")),
            ),
            (
                "Bluesky: @jane.example.org",
                Some(("Bluesky", "https://bsky.app/profile/jane.example.org")),
            ),
            (
                "Mastodon: @jane@policy.social",
                Some(("Mastodon", "https://policy.social/@jane")),
            ),
            (
                "@jane@policy.social",
                Some(("Mastodon", "https://policy.social/@jane")),
            ),
            ("https://x.com/jane", Some(("X", "https://x.com/jane"))),
            (
                "Personal site: https://jane.example.org/",
                Some(("Personal site", "https://jane.example.org/")),
            ),
            ("@this_handle_is_far_too_long", None),
            ("Threads: @jane", None),
            ("Note: this is prose.", None),
            ("@jane and @john", None),
            ("Views are her own.", None),
        ];
        for (line, want) in cases {
            let got = parse_link(line);
            assert_eq!(
                got.as_ref().map(|(l, u)| (l.as_str(), u.as_str())),
                want,
                "{line}"
            );
        }
    }

    /// Found by the `import` fuzz target (crash-dfb98a1b): a URL line holding control
    /// characters became a profile link, which the profile reader then refused.
    #[test]
    fn fuzz_crash_a_url_with_control_characters_is_no_link() {
        assert_eq!(parse_link("http://\u{12}\u{12}"), None);
        assert_eq!(parse_link("Website: https://a.org/\u{7f}"), None);
        assert_eq!(
            parse_link("Website: https://a.org/x"),
            Some(("Website".into(), "https://a.org/x".into()))
        );
    }
}
