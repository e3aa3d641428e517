//! `_redirects` (issue 12): the list of every alias as `old new 301`, one a line, for the
//! hosts that read one (Netlify, Cloudflare Pages), which answer an old URL with a real
//! 301 rather than the redirect page. Both URLs are paths from the host's root (the base
//! URL's path in front), escaped as URLs, the old one as [`url::alias`] reads it: a folder
//! with its slash, which those hosts match with or without it. Lines are sorted by old
//! URL, so two builds write the same file.
//!
//! A site's own `static/_redirects` (rules of its own, say) is kept at the top: those
//! hosts apply the first line that matches, so what the site wrote by hand comes first.

use crate::model::Site;
use crate::model::url;

/// Whether any piece or page of `site` has an alias.
pub fn any(site: &Site) -> bool {
    site.articles.iter().any(|a| !a.aliases.is_empty())
        || site.pages.iter().any(|p| !p.aliases.is_empty())
}

/// The text of `_redirects`, after the site's `own` one, or `None` when nothing has an
/// alias (a site's own file is then copied as it is, with the rest of `static/`).
pub fn list(site: &Site, own: Option<&[u8]>) -> Option<Vec<u8>> {
    if !any(site) {
        return None;
    }
    let base = site.config.base_path();
    let targets = site
        .articles
        .iter()
        .map(|a| (&a.aliases, &a.url))
        .chain(site.pages.iter().map(|p| (&p.aliases, &p.url)));
    let mut lines: Vec<(String, String)> = targets
        .flat_map(|(aliases, to)| {
            aliases.iter().map(move |alias| {
                (
                    format!("{base}{}", url::encode_path(&alias.url)),
                    format!("{base}{}", url::encode_path(to)),
                )
            })
        })
        .collect();
    lines.sort();
    let mut text = Vec::new();
    if let Some(own) = own.filter(|own| !own.is_empty()) {
        text.extend_from_slice(own);
        if !own.ends_with(b"\n") {
            text.push(b'\n');
        }
    }
    for (old, new) in lines {
        text.extend_from_slice(format!("{old} {new} 301\n").as_bytes());
    }
    Some(text)
}
