//! Slugs, permalinks and output paths: the only place a name becomes part of a URL or a
//! file path, so nothing a name holds can ever lead outside the output folder.

use jiff::ZonedDateTime;

/// Transliterated, lowercase ASCII with hyphens: "Zoë Ångström" → "zoe-angstrom",
/// "王小明" → "wang-xiao-ming". A name with nothing to transliterate (private-use symbols, say) gets a
/// stable slug from its hash, so it still has a page. Names a file system reserves (`con`,
/// `nul`, …) get a suffix.
pub fn slugify(name: &str) -> String {
    let slug = slug::slugify(name);
    if slug.is_empty() {
        return format!("n-{:08x}", stable_hash(name) & 0xffff_ffff);
    }
    if is_reserved(&slug) {
        format!("{slug}-1")
    } else {
        slug
    }
}

fn is_reserved(slug: &str) -> bool {
    const DEVICES: [&str; 4] = ["con", "prn", "aux", "nul"];
    DEVICES.contains(&slug)
        || ((slug.starts_with("com") || slug.starts_with("lpt"))
            && slug.len() == 4
            && slug.as_bytes()[3].is_ascii_digit())
}

/// FNV-1a: a hash that is the same on every machine and every run.
pub fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Fills a permalink pattern (checked by `config`) for an article dated `date`.
pub fn permalink(pattern: &str, date: &ZonedDateTime, slug: &str) -> String {
    pattern
        .replace("{year}", &format!("{:04}", date.year()))
        .replace("{month}", &format!("{:02}", date.month()))
        .replace("{day}", &format!("{:02}", date.day()))
        .replace("{slug}", slug)
}

/// The URL of page `page` (1-based) of a listing whose first page is `base`.
pub fn page_url(base: &str, page: usize) -> String {
    if page <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{page}/")
    }
}

/// The file a URL path is written to: `/a/b/` → `a/b/index.html`, `/atom.xml` → `atom.xml`.
pub fn output_path(url: &str) -> String {
    let trimmed = url.trim_start_matches('/');
    if trimmed.is_empty() || trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_transliterate_and_never_escape() {
        for (name, slug) in [
            ("Zoë Ångström", "zoe-angstrom"),
            ("Ḥasan al-Amin", "hasan-al-amin"),
            ("王小明", "wang-xiao-ming"),
            ("../../etc/passwd", "etc-passwd"),
            ("%2e%2e/x", "2e-2e-x"),
            ("CON", "con-1"),
            ("lpt1", "lpt1-1"),
            ("Trade & Tariffs", "trade-tariffs"),
        ] {
            assert_eq!(slugify(name), slug, "{name}");
        }
        let emoji = slugify("\u{F8FF}\u{F8FF}");
        assert!(emoji.starts_with("n-") && emoji.len() == 10, "{emoji}");
        assert_eq!(emoji, slugify("\u{F8FF}\u{F8FF}"));
        assert_ne!(emoji, slugify("\u{F8FF}"));
        assert_eq!(slugify("🔥 Hot Takes"), "fire-hot-takes");
    }

    #[test]
    fn urls_become_files() {
        assert_eq!(output_path("/"), "index.html");
        assert_eq!(output_path("/authors/jane/"), "authors/jane/index.html");
        assert_eq!(output_path("/atom.xml"), "atom.xml");
        assert_eq!(page_url("/tags/trade/", 1), "/tags/trade/");
        assert_eq!(page_url("/", 3), "/page/3/");
    }
}
