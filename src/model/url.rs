//! Every URL of the site: slugs, the shape of each page's and file's path, how a page links
//! to another, and how a path becomes a file of the output and back. This is the only place a
//! name becomes part of a URL or a file path, so nothing a name holds can ever lead outside
//! the output folder, and the only place a URL shape is written down.
//!
//! Three kinds of value come out of here:
//!
//! - **Site paths**, from the site's root: `/authors/jane-doe/`, `/atom.xml`. The model and
//!   the renderer use these, whatever the base URL; pages end with `/`, files do not.
//! - **Links**, what a page prints in an `href` or `src`: [`Links::href`] turns a site path
//!   into one, either served (the base URL's path in front) or portable (relative, naming
//!   a file, for browsing from disk).
//! - **Absolute URLs** for feeds, the sitemap and canonical links: [`absolute`].
//!
//! A new kind of page gets its shape here, beside its siblings, and nowhere else. The second
//! release's shapes slot in the same way: a series page is [`series`] beside [`topic`]
//! (`/series/{slug}/`), the search page a `search()` beside [`archive`]
//! (`/search/`); topic and affiliation
//! feeds are [`feed_of`] their page, as an author's is; an article's citation files are
//! [`cite_bib`] and [`cite_ris`], beside its page; an alias redirect is written at
//! [`output_path`] of the old path, as [`alias`] reads it, and listed in [`redirects`].

use jiff::ZonedDateTime;
use percent_encoding::percent_decode_str;

// --- Slugs ---------------------------------------------------------------------------

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

// --- Pages ---------------------------------------------------------------------------

/// The home page, the first page of the listing of every article: `/`.
pub fn home() -> String {
    "/".into()
}

/// An article's permalink: the pattern from `site.toml` (checked by `config`) filled in for
/// an article dated `date`, such as `/2025/08/ports-and-power/`.
pub fn permalink(pattern: &str, date: &ZonedDateTime, slug: &str) -> String {
    pattern
        .replace("{year}", &format!("{:04}", date.year()))
        .replace("{month}", &format!("{:02}", date.month()))
        .replace("{day}", &format!("{:02}", date.day()))
        .replace("{slug}", slug)
}

/// A standalone page (issue 12): `/{slug}/`, at the site's root beside the sections.
pub fn standalone(slug: &str) -> String {
    format!("/{slug}/")
}

/// The index of every author: `/authors/`.
pub fn authors() -> String {
    "/authors/".into()
}

/// An author's page: `/authors/{slug}/`.
pub fn author(slug: &str) -> String {
    format!("/authors/{slug}/")
}

/// The index of every affiliation: `/affiliations/`.
pub fn affiliations() -> String {
    "/affiliations/".into()
}

/// An affiliation's page: `/affiliations/{slug}/`.
pub fn affiliation(slug: &str) -> String {
    format!("/affiliations/{slug}/")
}

/// The index of every topic: `/tags/` (topics are the `tags` key).
pub fn topics() -> String {
    "/tags/".into()
}

/// A topic's page: `/tags/{slug}/`.
pub fn topic(slug: &str) -> String {
    format!("/tags/{slug}/")
}

/// The index of every series: `/series/`.
pub fn series_index() -> String {
    "/series/".into()
}

/// A series' page, its parts in reading order: `/series/{slug}/`.
pub fn series(slug: &str) -> String {
    format!("/series/{slug}/")
}

/// The date index of every year and month: `/archive/`.
pub fn archive() -> String {
    "/archive/".into()
}

/// A year's page: `/2025/`.
pub fn year(year: i16) -> String {
    format!("/{year:04}/")
}

/// A month's page: `/2025/08/`.
pub fn month(year: i16, month: i8) -> String {
    format!("/{year:04}/{month:02}/")
}

/// Page `page` (1-based) of a listing whose first page is `first`: `/tags/trade/page/2/`.
pub fn page_url(first: &str, page: usize) -> String {
    if page <= 1 {
        first.to_string()
    } else {
        format!("{first}page/{page}/")
    }
}

/// The search page: `/search/`; a query is `?q=`.
pub fn search() -> String {
    "/search/".into()
}

/// A file of the search index, which the search page fetches from beside itself:
/// `meta.json` → `/search/data/meta.json`.
pub fn search_data(name: &str) -> String {
    beside(&search(), &format!("data/{name}"))
}

/// The search page's script, a file of the theme: `/search.js`.
pub fn search_script() -> String {
    static_file("search.js")
}

/// The page servers show for a path the site does not have: `/404.html`.
pub fn not_found() -> String {
    "/404.html".into()
}

/// Whether the site makes the page or file at site path `path` itself, whatever the content
/// holds: the home page and its later pages, the indexes of authors, affiliations, topics
/// and series and everything under them (their pages are named by slugs the content
/// chooses), the search page and its index, the archive, a year's or a month's page, the
/// feeds, the theme's scripts and the crawlers' files. An importer keeps old URLs (aliases) and standalone pages off
/// these (issue 17).
pub fn is_made_by_site(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let first_of = |page: String| page.trim_matches('/').split('/').next().map(str::to_string);
    let sections = [
        authors(),
        affiliations(),
        topics(),
        series_index(),
        search(),
        page_url(&home(), 2),
    ];
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let file = output_path(path);
    let files = [
        home(),
        archive(),
        site_feed(),
        sitemap(),
        robots(),
        not_found(),
        stylesheet(),
        search_script(),
    ];
    match parts.as_slice() {
        [] => true,
        [first, ..]
            if sections
                .into_iter()
                .any(|s| first_of(s).as_deref() == Some(*first)) =>
        {
            true
        }
        [year] if digits(year, 4) => true,
        [year, month] if digits(year, 4) && digits(month, 2) => true,
        _ => files.iter().any(|f| output_path(f) == file),
    }
}

// --- Files ---------------------------------------------------------------------------

/// The Atom feed of a page, beside it: `/authors/jane-doe/` → `/authors/jane-doe/atom.xml`.
pub fn feed_of(page: &str) -> String {
    beside(page, "atom.xml")
}

/// A file in a page's folder: `beside("/2025/08/x/", "cite.bib")` → `/2025/08/x/cite.bib`.
pub fn beside(page: &str, file: &str) -> String {
    format!("{page}{file}")
}

/// An article's citation as BibTeX, beside its page: `/2025/08/x/cite.bib`.
pub fn cite_bib(article: &str) -> String {
    beside(article, "cite.bib")
}

/// An article's citation as RIS, beside its page: `/2025/08/x/cite.ris`.
pub fn cite_ris(article: &str) -> String {
    beside(article, "cite.ris")
}

/// The site-wide feed: `/atom.xml`.
pub fn site_feed() -> String {
    feed_of(&home())
}

/// The sitemap: `/sitemap.xml`.
pub fn sitemap() -> String {
    "/sitemap.xml".into()
}

/// The crawlers' instructions: `/robots.txt`.
pub fn robots() -> String {
    "/robots.txt".into()
}

/// A file copied from `static/` (or the built-in theme's), by its `/`-separated path there:
/// `style.css` → `/style.css`.
pub fn static_file(path: &str) -> String {
    format!("/{}", path.trim_start_matches('/'))
}

/// The built-in theme's style sheet.
pub fn stylesheet() -> String {
    static_file("style.css")
}

/// The list of redirects for hosts that read one (Netlify, Cloudflare Pages):
/// `/_redirects`, one `old new 301` line per alias (issue 12).
pub fn redirects() -> String {
    "/_redirects".into()
}

// --- Aliases -------------------------------------------------------------------------

/// The site path of an alias, an old URL of a piece or page that now redirects to it
/// (issue 12), or why it cannot be one. The answer is a path from the site's root, as
/// every site path here, with `%` escapes decoded: the redirect page is written at
/// [`output_path`] of it.
///
/// - `/old/path/` stays as it is: a folder, its redirect page `old/path/index.html`.
/// - `/old/path`, written without its slash, is the same folder (`/old/path/`): hosts
///   serve a folder's `index.html` at the path with and without its slash.
/// - `/old.html` (or `.htm`) names a file, and the redirect page is that file. A name with
///   any other extension (`/story.php`) is a folder too: a host would not serve a file so
///   named as a page, and does serve `story.php/index.html` at `/story.php/`.
///
/// Refused, like a slug that could escape: a path that is not from the root (a full URL,
/// a relative path), a query or fragment (a static host cannot redirect by them), spaces
/// or control characters, `.` or `..` parts (encoded or not), backslashes and the other
/// characters no file name may hold everywhere, hidden parts (`/.old/`), Windows device
/// names (`/con/`) and the home page itself.
pub fn alias(written: &str) -> Result<String, String> {
    if !written.starts_with('/') {
        return Err(if written.contains("://") {
            format!(
                "{written:?} is a full URL: an alias is a path on this site, from its root, such as \"/2019/05/old-post/\""
            )
        } else {
            format!("{written:?} must be a path from the site's root, starting with `/`")
        });
    }
    if written.contains(['?', '#']) {
        return Err(format!(
            "{written:?} has a query or fragment, which a static host cannot redirect by; give the path alone"
        ));
    }
    if written.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "{written:?} must not contain spaces or control characters (write a space as %20)"
        ));
    }
    let decoded = percent_decode_str(written)
        .decode_utf8()
        .map_err(|_| format!("{written:?} is not UTF-8 once its % escapes are decoded"))?;
    if let Some(c) = decoded
        .chars()
        .find(|&c| c.is_control() || matches!(c, '\\' | ':' | '*' | '"' | '<' | '>' | '|'))
    {
        return Err(format!(
            "{written:?} holds {c:?}, which a file name cannot hold on every system"
        ));
    }
    let parts: Vec<&str> = decoded.split('/').filter(|p| !p.is_empty()).collect();
    for part in &parts {
        if matches!(*part, "." | "..") {
            return Err(format!(
                "{written:?} has a `{part}` part, which could lead outside the output folder"
            ));
        }
        if part.starts_with('.') {
            return Err(format!(
                "{written:?} names a hidden file or folder ({part:?}), which hosts do not serve"
            ));
        }
        // Windows drops a trailing space or dot from a file name, so `old.` is `old`.
        if part.ends_with([' ', '.']) {
            return Err(format!(
                "{written:?} has a part ({part:?}) ending in a space or a dot, which a file name cannot end in on every system"
            ));
        }
        let stem = part.split('.').next().unwrap_or(part).to_ascii_lowercase();
        if is_reserved(&stem) {
            return Err(format!(
                "{written:?} has a part ({part:?}) that is a device name on Windows, not a file"
            ));
        }
    }
    let Some(last) = parts.last() else {
        return Err(format!(
            "{written:?} is the home page: an alias is an old URL of one piece or page"
        ));
    };
    let lower = last.to_ascii_lowercase();
    let names_page_file =
        !decoded.ends_with('/') && (lower.ends_with(".html") || lower.ends_with(".htm"));
    let mut path = format!("/{}", parts.join("/"));
    if !names_page_file {
        path.push('/');
    }
    Ok(path)
}

/// A site path as a URL path, for files that list URLs as text (`_redirects`): every
/// byte that a URL path cannot hold as it is, and `%` itself, escaped. `/café/` →
/// `/caf%C3%A9/`.
pub fn encode_path(path: &str) -> String {
    const ESCAPED: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'`')
        .add(b'{')
        .add(b'}');
    percent_encoding::utf8_percent_encode(path, ESCAPED).to_string()
}

// --- URLs and files ------------------------------------------------------------------

/// The absolute URL of a site path: `https://example.org/notes` and `/authors/` →
/// `https://example.org/notes/authors/`. `base_url` has no trailing slash (`config` sees to
/// that).
pub fn absolute(base_url: &str, path: &str) -> String {
    format!("{base_url}{path}")
}

/// The host of an absolute URL, for naming a site in a sentence:
/// `https://www.example.com/a/b` → `www.example.com`. Anything else comes back whole.
pub fn host(url: &str) -> &str {
    url.split_once("://")
        .map(|(_, rest)| rest)
        .and_then(|rest| rest.split(['/', '?', '#']).next())
        .map(|host| host.rsplit_once('@').map_or(host, |(_, h)| h))
        .filter(|host| !host.is_empty())
        .unwrap_or(url)
}

/// The file a site path is written to: `/a/b/` → `a/b/index.html`, `/atom.xml` →
/// `atom.xml`. Output keys are relative and `/`-separated.
pub fn output_path(url: &str) -> String {
    let trimmed = url.trim_start_matches('/');
    if trimmed.is_empty() || trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.to_string()
    }
}

/// How many folders deep the file of a site path lies: `/` and `/atom.xml` → 0,
/// `/2025/08/x/` → 3.
pub fn depth(url: &str) -> usize {
    output_path(url).matches('/').count()
}

/// Why a request path does not name a file of the site.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The path tries to leave the site (`..`, `.`, a backslash, a NUL): 403.
    Outside,
    /// The path is not UTF-8 once decoded: 400.
    Malformed,
}

/// The output key a request path names, the inverse of [`output_path`]: `/a/b/` →
/// `a/b/index.html`, `/` → `index.html`, `/style.css` → `style.css`.
///
/// `path` is the path of a request or of a link on the site, without the base URL's path,
/// query or fragment. Percent escapes are decoded first, and empty segments (`//x`)
/// dropped, so an absolute file system path is just a key that is not there. A path that
/// tries to leave the site (`..`, `.`, an encoded `%2e%2e`, a backslash, a NUL) is refused
/// rather than quietly cleaned up. `serve` answers every request through this, and `check`
/// finds the target of every link with it; the key is never joined to a folder on disk
/// without [`output_path`]'s guarantee that it stays inside.
pub fn resolve(path: &str) -> Result<String, Refusal> {
    let decoded = percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| Refusal::Malformed)?;
    if decoded.contains(['\\', '\0']) {
        return Err(Refusal::Outside);
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" => {}
            "." | ".." => return Err(Refusal::Outside),
            _ => segments.push(segment),
        }
    }
    let mut key = segments.join("/");
    if key.is_empty() {
        key.push_str("index.html");
    } else if decoded.ends_with('/') {
        key.push_str("/index.html");
    }
    Ok(key)
}

// --- Links ---------------------------------------------------------------------------

/// How a whole build links its pages: for a web server, or for reading from disk.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LinkStyle {
    /// Paths from the server's root (every build but a portable one).
    #[default]
    Served,
    /// Relative links naming files (`build --portable`).
    Portable,
}

impl LinkStyle {
    /// How the page at site path `page` links, on a site whose base URL has the path
    /// `base_path`.
    pub fn at<'a>(self, base_path: &'a str, page: &str) -> Links<'a> {
        match self {
            LinkStyle::Served => Links::Served { base_path },
            LinkStyle::Portable => Links::Portable { depth: depth(page) },
        }
    }
}

/// How a page links to another place of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links<'a> {
    /// For a web server: a path from the server's root, with the base URL's path in front
    /// (`/notes/authors/` for a site at `https://example.org/notes`).
    Served {
        /// The path part of the base URL, without a trailing slash; empty at a host's root.
        base_path: &'a str,
    },
    /// For a reader browsing the files from disk (`build --portable`): relative to the
    /// page's folder and naming a file, since `file://` shows a folder, not its
    /// `index.html` (`../../authors/index.html`). Every page at one depth links alike.
    Portable {
        /// How many folders deep the linking page lies (see [`depth`]).
        depth: usize,
    },
}

impl Links<'_> {
    /// The link to site path `path` (which may end in `?query` or `#fragment`).
    pub fn href(&self, path: &str) -> String {
        match *self {
            Links::Served { base_path } => format!("{base_path}{path}"),
            Links::Portable { depth } => {
                let end = path.find(['?', '#']).unwrap_or(path.len());
                let (path, rest) = path.split_at(end);
                format!("{}{}{rest}", "../".repeat(depth), output_path(path))
            }
        }
    }

    /// The prefix that stands for the site's root in a link, for templates that write
    /// `{{ site.base_path }}/style.css`: the base URL's path, or `.`, `..`, `../..`… from
    /// disk.
    pub fn root(&self) -> String {
        match *self {
            Links::Served { base_path } => base_path.to_string(),
            Links::Portable { depth: 0 } => ".".into(),
            Links::Portable { depth } => vec![".."; depth].join("/"),
        }
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
    fn every_shape_is_a_site_path() {
        for (url, expected) in [
            (home(), "/"),
            (standalone("about"), "/about/"),
            (authors(), "/authors/"),
            (author("jane-doe"), "/authors/jane-doe/"),
            (feed_of(&author("jane-doe")), "/authors/jane-doe/atom.xml"),
            (feed_of(&topic("trade")), "/tags/trade/atom.xml"),
            (
                feed_of(&affiliation("harbor")),
                "/affiliations/harbor/atom.xml",
            ),
            (affiliations(), "/affiliations/"),
            (affiliation("harbor"), "/affiliations/harbor/"),
            (topics(), "/tags/"),
            (topic("trade"), "/tags/trade/"),
            (series_index(), "/series/"),
            (cite_bib("/2025/08/x/"), "/2025/08/x/cite.bib"),
            (cite_ris("/2025/08/x/"), "/2025/08/x/cite.ris"),
            (series("harbor-depths"), "/series/harbor-depths/"),
            (archive(), "/archive/"),
            (year(2025), "/2025/"),
            (month(2025, 8), "/2025/08/"),
            (page_url(&home(), 3), "/page/3/"),
            (page_url(&topic("trade"), 1), "/tags/trade/"),
            (site_feed(), "/atom.xml"),
            (sitemap(), "/sitemap.xml"),
            (robots(), "/robots.txt"),
            (not_found(), "/404.html"),
            (redirects(), "/_redirects"),
            (stylesheet(), "/style.css"),
            (static_file("images/a.svg"), "/images/a.svg"),
        ] {
            assert_eq!(url, expected);
        }
    }

    #[test]
    fn aliases_are_folders_or_page_files() {
        for (written, path) in [
            ("/old/path/", "/old/path/"),
            ("/old/path", "/old/path/"),
            ("//old//path/", "/old/path/"),
            ("/old.html", "/old.html"),
            (
                "/2019/03/Ports-and-Power.HTM",
                "/2019/03/Ports-and-Power.HTM",
            ),
            ("/old.html/", "/old.html/"),
            ("/story.php", "/story.php/"),
            ("/v1.2/notes", "/v1.2/notes/"),
            ("/caf%C3%A9/", "/café/"),
            ("/café/", "/café/"),
            ("/a%20b/", "/a b/"),
        ] {
            assert_eq!(alias(written), Ok(path.to_string()), "{written}");
        }
        assert_eq!(output_path(&alias("/old").unwrap()), "old/index.html");
        assert_eq!(output_path(&alias("/a/old.html").unwrap()), "a/old.html");
    }

    #[test]
    fn aliases_that_could_escape_or_cannot_be_served_are_refused() {
        for (written, why) in [
            ("old/path/", "from the site's root"),
            ("https://example.org/old/", "a full URL"),
            ("/?p=123", "query or fragment"),
            ("/old/#top", "query or fragment"),
            ("/old path/", "spaces"),
            ("/old\tpath/", "spaces"),
            ("/../etc/passwd", "outside the output folder"),
            ("/a/../../x/", "outside the output folder"),
            ("/%2e%2e/x/", "outside the output folder"),
            ("/a/./b/", "outside the output folder"),
            ("/a%5c..%5cb/", "cannot hold"),
            ("/a%00b/", "cannot hold"),
            ("/c:/x/", "cannot hold"),
            ("/%ff/", "not UTF-8"),
            ("/.git/config", "hidden"),
            ("/con/", "device name"),
            ("/old./", "ending in a space or a dot"),
            ("/old%20/", "ending in a space or a dot"),
            ("/x/NUL.html", "device name"),
            ("/", "home page"),
            ("//", "home page"),
        ] {
            let refused = alias(written).expect_err(written);
            assert!(refused.contains(why), "{written}: {refused}");
        }
    }

    #[test]
    fn the_pages_the_site_makes_are_known() {
        for made in [
            "/",
            "/authors/",
            "/authors/jane/",
            "/tags/trade/page/2/",
            "/archive/",
            "/2019/",
            "/2019/03/",
            "/page/2/",
            "/atom.xml",
            "/sitemap.xml",
            "/404.html",
            "/series/x/",
            "/search/",
            "/search/data/meta.json",
            "/search.js",
        ] {
            assert!(super::is_made_by_site(made), "{made}");
        }
        for free in [
            "/about/",
            "/2019/03/04/ports.html",
            "/2019/03/ports/",
            "/posts/x/",
            "/authorship/",
            "/archive/2018/11/20/x.html",
        ] {
            assert!(!super::is_made_by_site(free), "{free}");
        }
    }

    #[test]
    fn paths_are_encoded_for_lists_of_urls() {
        assert_eq!(encode_path("/café/"), "/caf%C3%A9/");
        assert_eq!(encode_path("/a b/100%/"), "/a%20b/100%25/");
        assert_eq!(encode_path("/2019/03/x.html"), "/2019/03/x.html");
    }

    #[test]
    fn hosts_name_a_site() {
        for (url, host) in [
            ("https://www.example.com/2024/op-ed/", "www.example.com"),
            ("http://example.org", "example.org"),
            (
                "https://user@news.example.net:8080/x?y#z",
                "news.example.net:8080",
            ),
            ("not a url", "not a url"),
        ] {
            assert_eq!(super::host(url), host, "{url}");
        }
    }

    #[test]
    fn urls_become_files() {
        assert_eq!(output_path("/"), "index.html");
        assert_eq!(output_path("/authors/jane/"), "authors/jane/index.html");
        assert_eq!(output_path("/atom.xml"), "atom.xml");
        assert_eq!(depth("/"), 0);
        assert_eq!(depth("/404.html"), 0);
        assert_eq!(depth("/authors/jane/atom.xml"), 2);
        assert_eq!(depth("/2025/08/x/"), 3);
    }

    #[test]
    fn links_are_served_or_portable() {
        let served = Links::Served {
            base_path: "/notes",
        };
        assert_eq!(served.href("/authors/"), "/notes/authors/");
        assert_eq!(served.root(), "/notes");
        let top = Links::Portable { depth: 0 };
        assert_eq!(top.href("/"), "index.html");
        assert_eq!(top.href("/authors/"), "authors/index.html");
        assert_eq!(top.root(), ".");
        let deep = Links::Portable { depth: 3 };
        assert_eq!(deep.href("/"), "../../../index.html");
        assert_eq!(deep.href("/style.css"), "../../../style.css");
        assert_eq!(
            deep.href("/2025/08/x/#note-1"),
            "../../../2025/08/x/index.html#note-1"
        );
        assert_eq!(deep.href("/tags/?q=a"), "../../../tags/index.html?q=a");
        assert_eq!(deep.root(), "../../..");
    }

    #[test]
    fn request_paths_become_output_keys() {
        for (path, key) in [
            ("/", "index.html"),
            ("", "index.html"),
            ("/authors/", "authors/index.html"),
            ("/authors", "authors"),
            ("/style.css", "style.css"),
            ("/2025/08/a%20b/", "2025/08/a b/index.html"),
            ("//etc/passwd", "etc/passwd"),
            ("/%2Fetc%2Fpasswd", "etc/passwd"),
            ("/%252e%252e/x", "%2e%2e/x"),
        ] {
            assert_eq!(resolve(path), Ok(key.to_string()), "{path}");
        }
        // The inverse of `output_path` for every page shape.
        for url in [home(), author("a"), month(2025, 8), site_feed()] {
            assert_eq!(resolve(&url), Ok(output_path(&url)), "{url}");
        }
    }

    #[test]
    fn traversal_is_refused() {
        for path in [
            "/../Cargo.toml",
            "/a/../../x",
            "/%2e%2e/x",
            "/%2E%2E%2Fsite.toml",
            "/.%2e/x",
            "/./index.html",
            "/a%5c..%5cb",
            "/a%00b",
        ] {
            assert_eq!(resolve(path), Err(Refusal::Outside), "{path}");
        }
        assert_eq!(resolve("/%ff"), Err(Refusal::Malformed));
    }
}
