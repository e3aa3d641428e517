//! Which URLs an author may put on a page: the one rule behind every link and image in a
//! Markdown body and every `photo` and `links` URL in a profile.
//!
//! A URL is judged by its scheme, read the way a browser reads it: whitespace and control
//! characters inside it are ignored (a browser drops a tab in `java\tscript:`), letters in any
//! case. Web and mail schemes are safe, and so is a URL without a scheme, which the browser
//! resolves against the page. Everything else (`javascript:`, `data:`, `vbscript:`, `file:`)
//! could run script or reach outside the web, and never gets onto a page.
//!
//! An embedded frame shows another site inside the page, so its address is held to more:
//! https, on one of the hosts the site lists in `embed_hosts`.
//!
//! A URL written once and shown on many pages, such as an author's photo, must also mean the
//! same thing on all of them: a full web address, a mail address, or a path from the site's
//! root, never relative to whichever page shows it.

/// What a URL written by an author points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `http://…` or `https://…`.
    Web,
    /// `mailto:…`.
    Mail,
    /// `/…`: a path from the site's root.
    SitePath,
    /// Resolved against the page it is on: `../x/`, `chart.png`, `#note`, `?q=1`, and also
    /// `//host/x` (the page's scheme) and `https:x` (the page's host).
    Relative,
    /// Any other scheme.
    Unsafe,
}

/// What `url` points at, judged by its scheme.
pub fn kind(url: &str) -> Kind {
    let judged: String = url
        .chars()
        .filter(|c| !c.is_ascii_control() && !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    // A colon after the first `/`, `?` or `#` belongs to the path, not a scheme.
    let colon = judged
        .find(':')
        .filter(|&colon| !judged[..colon].contains(['/', '?', '#']));
    let Some(colon) = colon else {
        return if judged.starts_with('/') && !judged.starts_with("//") {
            Kind::SitePath
        } else {
            Kind::Relative
        };
    };
    match &judged[..colon] {
        "http" | "https" if judged[colon..].starts_with("://") => Kind::Web,
        "http" | "https" => Kind::Relative,
        "mailto" => Kind::Mail,
        _ => Kind::Unsafe,
    }
}

/// Whether a link or image on a page may point at `url`: any URL but an unsafe scheme.
pub fn is_safe(url: &str) -> bool {
    kind(url) != Kind::Unsafe
}

/// Checks a URL that is written once and shown on many pages (a profile's `photo` and
/// `links`): a web or mail address, or a path from the site's root, written without spaces.
///
/// The error completes a sentence that names the key: "`photo` …".
pub fn check_site_wide(url: &str) -> Result<(), String> {
    if !matches!(kind(url), Kind::Web | Kind::Mail | Kind::SitePath) {
        return Err(format!(
            "{url:?} must be an http(s) or mailto: URL, or a path starting with `/`"
        ));
    }
    // A browser forgives a space or a tab in a URL; a value published on every page should
    // not need forgiving.
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(format!(
            "{url:?} must not contain spaces or control characters"
        ));
    }
    Ok(())
}

/// Checks a URL that names a page elsewhere on the web, printed in a canonical link and
/// JSON-LD (the `url` of an article's `[original]`, issue 12): an absolute http(s) address,
/// written without spaces.
pub fn check_web(url: &str) -> Result<(), String> {
    if kind(url) != Kind::Web {
        return Err(format!("{url:?} must be an absolute http(s) URL"));
    }
    check_site_wide(url)
}

/// Checks a piece's lead image (`image`), which is also its share image: a URL written once
/// and shown on many pages, as [`check_site_wide`] says, and an image, so not a mail
/// address.
///
/// The error completes a sentence that names the key: "`image` …".
pub fn check_image(url: &str) -> Result<(), String> {
    if !matches!(kind(url), Kind::Web | Kind::SitePath) {
        return Err(format!(
            "{url:?} must be an http(s) URL or a path starting with `/`"
        ));
    }
    check_site_wide(url)
}

/// Checks the `src` of an `<iframe>`: an https address on one of `hosts` (lowercase). A
/// scheme-relative `//host/…`, as older embed codes write it, is read as https.
///
/// Returns the address to use, or why the frame cannot be shown.
pub fn check_embed(src: &str, hosts: &[String]) -> Result<String, String> {
    let written = src.trim();
    let absolute = match written.strip_prefix("//") {
        Some(rest) => format!("https://{rest}"),
        None => written.to_string(),
    };
    let url = url::Url::parse(&absolute)
        .map_err(|_| format!("its `src` {src:?} is not a full web address"))?;
    if url.scheme() != "https" {
        return Err(format!("its `src` {src:?} is not an https address"));
    }
    let host = url.host_str().unwrap_or_default();
    if !hosts.iter().any(|h| h == host) {
        return Err(format!("{host} is not one of the site's `embed_hosts`"));
    }
    Ok(url.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_judged_by_scheme() {
        for (url, expected) in [
            ("https://a.org", Kind::Web),
            ("HTTP://A.ORG/x", Kind::Web),
            ("/x/", Kind::SitePath),
            ("/x:y", Kind::SitePath),
            ("#fn", Kind::Relative),
            ("a/b:c", Kind::Relative),
            ("?q=a:b", Kind::Relative),
            ("//elsewhere.org/x", Kind::Relative),
            ("https:x", Kind::Relative),
            ("mailto:a@b", Kind::Mail),
            ("javascript:x", Kind::Unsafe),
            ("JaVa\tScript:x", Kind::Unsafe),
            (" java\nscript:x", Kind::Unsafe),
            ("java\u{a0}script:x", Kind::Unsafe),
            ("data:text/html,x", Kind::Unsafe),
            (" vbscript:x", Kind::Unsafe),
            ("file:///etc/passwd", Kind::Unsafe),
        ] {
            assert_eq!(kind(url), expected, "{url:?}");
            assert_eq!(is_safe(url), expected != Kind::Unsafe, "{url:?}");
        }
    }

    #[test]
    fn a_site_wide_url_means_the_same_on_every_page() {
        for url in [
            "https://a.org/p.jpg",
            "http://a.org",
            "mailto:a@b.org",
            "/img/a.jpg",
        ] {
            assert_eq!(check_site_wide(url), Ok(()), "{url}");
        }
        for url in [
            "img/a.jpg",
            "../a.jpg",
            "//cdn.org/a.jpg",
            "javascript:alert(1)",
            "data:image/png;base64,AAAA",
            "https:a.jpg",
        ] {
            let error = check_site_wide(url).unwrap_err();
            assert!(error.contains("must be an http(s)"), "{url}: {error}");
        }
        for url in ["/img/a b.jpg", " https://a.org", "ht tps://a.org"] {
            let error = check_site_wide(url).unwrap_err();
            assert!(error.contains("must not contain spaces"), "{url}: {error}");
        }
    }

    #[test]
    fn a_lead_image_is_a_web_address_or_a_site_path() {
        for url in ["https://cdn.example.org/a.png", "/images/a.svg"] {
            assert_eq!(check_image(url), Ok(()), "{url}");
        }
        for url in [
            "mailto:a@b.org",
            "javascript:alert(1)",
            "data:image/png;base64,AAAA",
            "a.png",
            "/a b.png",
        ] {
            assert!(check_image(url).is_err(), "{url}");
        }
    }

    #[test]
    fn embeds_come_from_listed_hosts_over_https() {
        let hosts = ["www.youtube.com".to_string(), "flo.uri.sh".to_string()];
        for (src, expected) in [
            (
                "https://www.youtube.com/embed/abc",
                Ok("https://www.youtube.com/embed/abc"),
            ),
            ("//flo.uri.sh/v/1/embed", Ok("https://flo.uri.sh/v/1/embed")),
            (
                "HTTPS://WWW.YouTube.COM/embed/abc",
                Ok("https://www.youtube.com/embed/abc"),
            ),
            (
                "http://www.youtube.com/embed/abc",
                Err("not an https address"),
            ),
            ("javascript:alert(1)", Err("not an https address")),
            (
                "data:text/html,<script>x</script>",
                Err("not an https address"),
            ),
            (
                "https://www.youtube.com.evil.org/x",
                Err("www.youtube.com.evil.org is not one"),
            ),
            (
                "https://www.youtube.com@evil.org/x",
                Err("evil.org is not one"),
            ),
            ("//evil.org/x", Err("evil.org is not one")),
            ("/embed/x", Err("not a full web address")),
        ] {
            let found = check_embed(src, &hosts);
            match expected {
                Ok(url) => assert_eq!(found.as_deref(), Ok(url), "{src}"),
                Err(why) => assert!(
                    found.as_ref().is_err_and(|e| e.contains(why)),
                    "{src}: {found:?}"
                ),
            }
        }
    }
}
