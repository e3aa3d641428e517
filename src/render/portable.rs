//! Links inside written HTML for a portable build (`build --portable`): article bodies and
//! author bios hold the links their writers gave as site paths (`/2025/08/x/`,
//! `/images/chart.png`), which a browser reading the files from disk would look for at the
//! root of the disk. Here each becomes what the page's [`Links`] make of it, relative and
//! naming a file; a relative link to a folder gains its `index.html`. Everything else in the
//! HTML, fragments and external links included, is left byte for byte as it was.

use std::borrow::Cow;

use lol_html::{RewriteStrSettings, element, rewrite_str};

use crate::model::url::Links;

/// `html` with every `href` and `src` that names a place on the site rewritten by `links`.
/// `base_path` is the path part of the base URL, which a writer may have put in front of a
/// site path (`/notes/2025/08/x/` on a site at `https://example.org/notes`).
pub fn relink<'h>(html: &'h str, links: &Links, base_path: &str) -> Cow<'h, str> {
    if !html.contains("href=") && !html.contains("src=") {
        return Cow::Borrowed(html);
    }
    let rewrite = |value: &str| relink_one(value, links, base_path);
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!("[href]", |el| {
            if let Some(new) = el.get_attribute("href").and_then(|v| rewrite(&v)) {
                el.set_attribute("href", &new)?;
            }
            Ok(())
        }))
        .append_element_content_handler(element!("[src]", |el| {
            if let Some(new) = el.get_attribute("src").and_then(|v| rewrite(&v)) {
                el.set_attribute("src", &new)?;
            }
            Ok(())
        }));
    // The HTML is our own Markdown's output, which the rewriter always reads; should it
    // ever refuse, the links stay as they were rather than the page being lost.
    rewrite_str(html, settings).map_or(Cow::Borrowed(html), Cow::Owned)
}

/// The portable form of one link, or `None` to leave it alone.
fn relink_one(value: &str, links: &Links, base_path: &str) -> Option<String> {
    if let Some(path) = value.strip_prefix('/') {
        if path.starts_with('/') {
            return None; // `//host/x`: another site.
        }
        let site_path = match value.strip_prefix(base_path) {
            Some(rest) if !base_path.is_empty() && rest.starts_with('/') => rest,
            _ => value,
        };
        return Some(links.href(site_path));
    }
    let end = value.find(['?', '#']).unwrap_or(value.len());
    let (path, rest) = value.split_at(end);
    let relative_folder = !path.is_empty() && path.ends_with('/') && !has_scheme(path);
    relative_folder.then(|| format!("{path}index.html{rest}"))
}

/// Whether a link starts with a scheme (`https:`, `mailto:`).
fn has_scheme(link: &str) -> bool {
    let before_slash = link.split('/').next().unwrap_or_default();
    before_slash.contains(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths_become_relative_files_and_nothing_else_moves() {
        let links = Links::Portable { depth: 3 };
        let html = "<p>See <a href=\"/2025/08/x/#note-1\">this</a>, <a href=\"../y/\">that</a>, \
                    <a href=\"#fn-1\">1</a>, <a href=\"https://example.org/a/\">out</a> and \
                    <a href=\"//cdn.example.org/z\">there</a>.</p>\n<p><img src=\"/images/c.png\" alt=\"A &amp; B\"></p>\n";
        assert_eq!(
            relink(html, &links, ""),
            "<p>See <a href=\"../../../2025/08/x/index.html#note-1\">this</a>, <a href=\"../y/index.html\">that</a>, \
             <a href=\"#fn-1\">1</a>, <a href=\"https://example.org/a/\">out</a> and \
             <a href=\"//cdn.example.org/z\">there</a>.</p>\n<p><img src=\"../../../images/c.png\" alt=\"A &amp; B\"></p>\n"
        );
        let plain = "<p>No links here.</p>\n";
        assert!(matches!(relink(plain, &links, ""), Cow::Borrowed(_)));
    }

    #[test]
    fn the_base_path_a_writer_gave_is_dropped() {
        let links = Links::Portable { depth: 0 };
        assert_eq!(
            relink_one("/notes/authors/a/", &links, "/notes").as_deref(),
            Some("authors/a/index.html")
        );
        assert_eq!(
            relink_one("/notesx/", &links, "/notes").as_deref(),
            Some("notesx/index.html")
        );
        assert_eq!(relink_one("mailto:a@example.org", &links, ""), None);
    }
}
