//! The old site's URLs: each generator's permalink placeholders expanded as it expands them,
//! and [`old_path`], which decides whether a URL the old site served can become an alias
//! of the new site.
//!
//! Jekyll's `:title`, `:categories` and friends (`lib/jekyll/drops/url_drop.rb`, then
//! `URL#sanitize_url`, which turns every `..` into `/`), and Hugo's `:slug`, `:sections[1:]`
//! and friends (`resources/page/permalinks.go`, then `MakePathSanitized`, which lowercases
//! the path). Zola has no placeholders: a page is at its section's path and its slug, or at
//! its `path`. An unknown placeholder is an error here as it is there: the old URL cannot
//! be worked out, and the caller says so.

use jiff::ZonedDateTime;

/// What Jekyll's URL placeholders read from a post.
#[derive(Debug, Clone)]
pub struct JekyllPost<'a> {
    /// The post's date, in the old site's time zone.
    pub date: &'a ZonedDateTime,
    /// The `slug` front matter, else the file name's slug (`2019-03-04-ports.md` → `ports`).
    pub slug: &'a str,
    /// The file name without its extension (`2019-03-04-ports`).
    pub basename: &'a str,
    /// `categories`, as the post has them (front matter, then the folders above `_posts`).
    pub categories: &'a [String],
    /// The path of the file without its extension, from the site's root (`_posts/ports`).
    pub path: &'a str,
}

/// Jekyll's permalink styles, by name; any other value of `permalink` is a pattern.
pub fn jekyll_style(permalink: &str) -> &str {
    match permalink {
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        pattern => pattern,
    }
}

/// Expands a Jekyll permalink pattern for a post, then cleans it as Jekyll does; `Err`
/// names a placeholder Jekyll does not know.
pub fn jekyll_url(pattern: &str, post: &JekyllPost) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut rest = pattern;
    while let Some(colon) = rest.find(':') {
        out.push_str(&rest[..colon]);
        let after = &rest[colon + 1..];
        let key_len = after
            .bytes()
            .take_while(|b| b.is_ascii_lowercase() || *b == b'_')
            .count();
        if key_len == 0 {
            out.push(':');
            rest = after;
            continue;
        }
        let key = &after[..key_len];
        // `:month_:day` is `:month` then `_`, as Jekyll reads it.
        let (value, used) = match jekyll_value(key, post) {
            Some(value) => (value, key_len),
            None => match key.strip_suffix('_').and_then(|k| jekyll_value(k, post)) {
                Some(value) => (value, key_len - 1),
                None => return Err(format!(":{key}")),
            },
        };
        out.push_str(&value);
        rest = &after[used..];
    }
    out.push_str(rest);
    Ok(jekyll_clean(&out))
}

fn jekyll_value(key: &str, post: &JekyllPost) -> Option<String> {
    let date = post.date;
    let strf = |format: &str| date.strftime(format).to_string();
    Some(match key {
        "year" => strf("%Y"),
        "month" => strf("%m"),
        "day" => strf("%d"),
        "hour" => strf("%H"),
        "minute" => strf("%M"),
        "second" => strf("%S"),
        "i_day" => strf("%-d"),
        "i_month" => strf("%-m"),
        "short_month" => strf("%b"),
        "long_month" => strf("%B"),
        "short_year" => strf("%y"),
        "w_year" => strf("%G"),
        "week" => strf("%V"),
        "w_day" => strf("%u"),
        "short_day" => strf("%a"),
        "long_day" => strf("%A"),
        "y_day" => strf("%j"),
        "title" => jekyll_slugify(post.slug, true, true),
        "slug" => jekyll_slugify(post.slug, false, false),
        "name" => jekyll_slugify(post.basename, false, false),
        "categories" => {
            let mut seen = Vec::new();
            for category in post.categories {
                let lower = category.to_lowercase();
                if !seen.contains(&lower) {
                    seen.push(lower);
                }
            }
            seen.join("/")
        }
        "slugified_categories" => post
            .categories
            .iter()
            .map(|c| jekyll_slugify(c, false, false))
            .collect::<Vec<_>>()
            .join("/"),
        "path" => post.path.to_string(),
        "output_ext" => ".html".to_string(),
        "collection" => "posts".to_string(),
        _ => return None,
    })
}

/// `URL#sanitize_url`: a leading `/`, every `..` made `/`, `./` dropped, runs of `/` made one.
fn jekyll_clean(url: &str) -> String {
    let url = format!("/{url}").replace("..", "/").replace("./", "");
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if !(c == '/' && out.ends_with('/')) {
            out.push(c);
        }
    }
    out
}

/// `Utils.slugify` in its `default` mode (letters, marks and digits kept, runs of anything
/// else one hyphen, lowercased) or, with `pretty`, also keeping `._~!$&'()+,;=@`; `cased`
/// keeps the case, as `:title` does.
pub fn jekyll_slugify(text: &str, pretty: bool, cased: bool) -> String {
    let keep = |c: char| c.is_alphanumeric() || (pretty && "._~!$&'()+,;=@".contains(c));
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if keep(c) {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-');
    if cased {
        out.to_string()
    } else {
        out.to_lowercase()
    }
}

/// What Hugo's permalink tokens read from a page.
#[derive(Debug, Clone)]
pub struct HugoPage<'a> {
    /// `.Date`, in the zone it was written in (or the site's `timeZone`).
    pub date: &'a ZonedDateTime,
    pub title: &'a str,
    /// The `slug` front matter, if any.
    pub slug: Option<&'a str>,
    /// The file's base name, or the bundle's folder name for an `index.md`.
    pub filename: &'a str,
    /// The folders from `content/` to the page, its own bundle folder left out.
    pub sections: &'a [String],
}

/// Expands a Hugo permalink pattern for a page; `Err` names a token Hugo does not know (or
/// a Go time layout, which is not read here).
pub fn hugo_url(pattern: &str, page: &HugoPage) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut rest = pattern;
    while let Some(colon) = rest.find(':') {
        out.push_str(&rest[..colon]);
        let after = &rest[colon + 1..];
        let word_len = after
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        if word_len == 0 {
            out.push(':');
            rest = after;
            continue;
        }
        let word = &after[..word_len];
        let mut used = word_len;
        let slice = if after[word_len..].starts_with('[') {
            let close = after[word_len..].find(']').ok_or(format!(":{word}["))?;
            used += close + 1;
            Some(&after[word_len + 1..word_len + close])
        } else {
            None
        };
        let value = hugo_value(word, slice, page).ok_or_else(|| format!(":{word}"))?;
        out.push_str(&value);
        rest = &after[used..];
    }
    out.push_str(rest);
    Ok(out)
}

fn hugo_value(word: &str, slice: Option<&str>, page: &HugoPage) -> Option<String> {
    let is_sections = matches!(word, "sections" | "sectionslugs");
    if slice.is_some() && !is_sections {
        return None;
    }
    let date = page.date;
    let slug_or = |other: String| page.slug.map(hugo_urlize).unwrap_or(other);
    Some(match word {
        "year" => date.year().to_string(),
        "month" => format!("{:02}", date.month()),
        "monthname" => date.strftime("%B").to_string(),
        "day" => format!("{:02}", date.day()),
        "weekday" => date.weekday().to_sunday_zero_offset().to_string(),
        "weekdayname" => date.strftime("%A").to_string(),
        "yearday" => date.day_of_year().to_string(),
        "section" | "sectionslug" => page.sections.first().cloned().unwrap_or_default(),
        _ if is_sections => match slice {
            Some(slice) => hugo_slice(page.sections, slice)?.join("/"),
            None => page.sections.join("/"),
        },
        "title" => hugo_urlize(page.title),
        "slug" => slug_or(hugo_urlize(page.title)),
        "filename" | "contentbasename" => hugo_urlize(page.filename),
        "slugorfilename" | "slugorcontentbasename" => slug_or(hugo_urlize(page.filename)),
        _ => return None,
    })
}

/// `:sections[1:]`, `[:last]`, `[last]`, `[1:2]`: Go-like slices that never go out of
/// bounds, as Hugo reads them.
fn hugo_slice<'a>(sections: &'a [String], slice: &str) -> Option<&'a [String]> {
    let len = sections.len();
    let bound = |text: &str, default: usize| -> Option<usize> {
        match text.trim() {
            "" => Some(default),
            "last" => Some(len.saturating_sub(1)),
            n => n.parse::<usize>().ok().map(|n| n.min(len)),
        }
    };
    let (from, to) = match slice.split_once(':') {
        Some((a, b)) => (bound(a, 0)?, bound(b, len)?),
        None => {
            let at = bound(slice, 0)?;
            (at, (at + 1).min(len))
        }
    };
    Some(if from < to { &sections[from..to] } else { &[] })
}

/// Hugo's `urlize` before escaping: letters, digits, marks and `._~+#@/\-` kept (and `%`
/// with two hex digits), spaces made one hyphen, everything else dropped, then lowercased.
pub fn hugo_urlize(text: &str) -> String {
    hugo_sanitize(text).to_lowercase()
}

/// Hugo's `paths.Sanitize`, which keeps the case.
pub fn hugo_sanitize(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for (i, c) in text.char_indices() {
        let allowed = c != ' '
            && (c.is_alphanumeric()
                || "./\\_#+~-@".contains(c)
                || is_mark(c)
                || (c == '%'
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                    && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit)));
        if allowed {
            if pending_hyphen && c != '-' {
                out.push('-');
            }
            pending_hyphen = false;
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') && c.is_whitespace() {
            pending_hyphen = true;
        }
    }
    out
}

/// Combining marks, which Hugo keeps in paths (`é` written as `e` and U+0301).
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Resolves `..` and `.` in a `/`-separated path the way Go's `path.Join("/", p)` does:
/// never above the root.
pub fn clean_climbs(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if path.ends_with('/') && out != "/" {
        out.push('/');
    }
    out
}

/// Why an old URL cannot become an alias.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotAnAlias {
    /// The site's root, or nothing at all.
    Root,
    /// A `.` or `..` segment once decoded (`%2e%2e`), a backslash, a control character,
    /// a `?` or a `#`, or percent escapes that are not UTF-8: no browser reaches it as
    /// written, and no file may be made for it.
    Unsafe,
}

/// The site path an old URL is served at, as an alias: `/`-separated, percent escapes
/// decoded, runs of `/` made one, with a trailing `/` unless its last part names a file
/// (`/2019/03/04/ports.html`). Anything a web server could not map to a file inside the
/// site is refused.
pub fn old_path(url: &str) -> Result<String, NotAnAlias> {
    let decoded = percent_encoding::percent_decode_str(url.trim())
        .decode_utf8()
        .map_err(|_| NotAnAlias::Unsafe)?;
    // Besides what climbs or is not a path, what no Windows file name may hold.
    if decoded.chars().any(|c| {
        c.is_control() || matches!(c, '\\' | '?' | '#' | ':' | '*' | '"' | '<' | '>' | '|')
    }) {
        return Err(NotAnAlias::Unsafe);
    }
    let parts: Vec<&str> = decoded.split('/').filter(|p| !p.is_empty()).collect();
    if parts
        .iter()
        .any(|p| *p == "." || *p == ".." || p.trim().is_empty())
    {
        return Err(NotAnAlias::Unsafe);
    }
    let Some(last) = parts.last() else {
        return Err(NotAnAlias::Root);
    };
    let names_file = !decoded.ends_with('/')
        && last.rsplit_once('.').is_some_and(|(stem, ext)| {
            !stem.is_empty()
                && (1..=5).contains(&ext.len())
                && ext.starts_with(|c: char| c.is_ascii_alphabetic())
                && ext.chars().all(|c| c.is_ascii_alphanumeric())
        });
    let mut path = format!("/{}", parts.join("/"));
    if !names_file {
        path.push('/');
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use jiff::tz::TimeZone;

    fn at(y: i16, m: i8, d: i8, h: i8) -> ZonedDateTime {
        date(y, m, d)
            .at(h, 30, 0, 0)
            .to_zoned_datetime(TimeZone::UTC)
            .unwrap()
    }

    #[test]
    fn jekyll_styles_expand_as_jekyll_does() {
        let date = at(2019, 3, 4, 9);
        let categories = [
            "Policy".to_string(),
            "trade".to_string(),
            "policy".to_string(),
        ];
        let post = JekyllPost {
            date: &date,
            slug: "Ports-and-Power",
            basename: "2019-03-04-Ports-and-Power",
            categories: &categories,
            path: "_posts/2019-03-04-Ports-and-Power",
        };
        let url = |pattern: &str| jekyll_url(jekyll_style(pattern), &post).unwrap();
        assert_eq!(url("date"), "/policy/trade/2019/03/04/Ports-and-Power.html");
        assert_eq!(url("pretty"), "/policy/trade/2019/03/04/Ports-and-Power/");
        assert_eq!(
            url("ordinal"),
            "/policy/trade/2019/063/Ports-and-Power.html"
        );
        assert_eq!(
            url("weekdate"),
            "/policy/trade/2019/W10/Mon/Ports-and-Power.html"
        );
        assert_eq!(url("none"), "/policy/trade/Ports-and-Power.html");
        assert_eq!(
            url("/:year/:i_month/:month_:day/:slug"),
            "/2019/3/03_04/ports-and-power"
        );
        assert_eq!(
            jekyll_url("/:nope/:title/", &post),
            Err(":nope".to_string())
        );
        let none = JekyllPost {
            categories: &[],
            ..post.clone()
        };
        assert_eq!(
            jekyll_url(jekyll_style("date"), &none).unwrap(),
            "/2019/03/04/Ports-and-Power.html"
        );
    }

    #[test]
    fn jekyll_cleans_climbing_permalinks_into_the_site() {
        let date = at(2019, 3, 4, 9);
        let post = JekyllPost {
            date: &date,
            slug: "x",
            basename: "x",
            categories: &[],
            path: "x",
        };
        assert_eq!(
            jekyll_url("/../../etc/passwd", &post).unwrap(),
            "/etc/passwd"
        );
        assert_eq!(jekyll_url("..//./:title", &post).unwrap(), "/x");
        assert_eq!(
            jekyll_slugify("Où est--la gare?", false, false),
            "où-est-la-gare"
        );
        assert_eq!(
            jekyll_slugify("It's (Really) Fine", true, true),
            "It's-(Really)-Fine"
        );
    }

    #[test]
    fn hugo_tokens_expand_as_hugo_does() {
        let date = at(2019, 3, 4, 9);
        let sections = [
            "posts".to_string(),
            "Analysis".to_string(),
            "water".to_string(),
        ];
        let page = HugoPage {
            date: &date,
            title: "When the River Runs Low!",
            slug: None,
            filename: "river-low",
            sections: &sections,
        };
        let url = |pattern: &str| hugo_url(pattern, &page).unwrap();
        assert_eq!(
            url("/:year/:month/:title/"),
            "/2019/03/when-the-river-runs-low/"
        );
        assert_eq!(url("/:section/:slug/"), "/posts/when-the-river-runs-low/");
        assert_eq!(
            url("/:sections[1:]/:filename/"),
            "/Analysis/water/river-low/"
        );
        assert_eq!(url("/:sections[last]/:yearday/"), "/water/63/");
        assert_eq!(
            url("/:sections/:weekdayname/"),
            "/posts/Analysis/water/Monday/"
        );
        let slugged = HugoPage {
            slug: Some("Low Water"),
            ..page.clone()
        };
        assert_eq!(
            hugo_url("/:slugorfilename/", &slugged).unwrap(),
            "/low-water/"
        );
        assert_eq!(hugo_url("/:06/:title/", &page), Err(":06".to_string()));
        assert_eq!(
            hugo_urlize("Vim (text editor) — 2.0"),
            "vim-text-editor-2.0"
        );
    }

    #[test]
    fn climbs_never_leave_the_root() {
        assert_eq!(clean_climbs("../../../tmp/x"), "/tmp/x");
        assert_eq!(clean_climbs("/posts/a/../b/"), "/posts/b/");
        assert_eq!(clean_climbs("/.."), "/");
    }

    #[test]
    fn only_plain_paths_become_aliases() {
        assert_eq!(
            old_path("/2019/03/04/ports.html"),
            Ok("/2019/03/04/ports.html".into())
        );
        assert_eq!(old_path("/posts/ports"), Ok("/posts/ports/".into()));
        assert_eq!(old_path("//posts//caf%C3%A9/"), Ok("/posts/café/".into()));
        assert_eq!(
            old_path("/v1.2"),
            Ok("/v1.2/".into()),
            "not a file extension"
        );
        assert_eq!(old_path("/"), Err(NotAnAlias::Root));
        for bad in [
            "/a/%2e%2e/etc/",
            "/a/../b/",
            "/a\\b/",
            "/a/%00/",
            "/a?b",
            "/a#b",
            "/%ff/",
            "/ /",
        ] {
            assert_eq!(old_path(bad), Err(NotAnAlias::Unsafe), "{bad}");
        }
    }
}
