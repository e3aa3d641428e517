//! Figures and embeds, safely (issue 13): raw HTML in a piece is cleaned by the sanitizer,
//! nothing active is left on the page whatever the piece holds, `check` reports every
//! removal where it is written, frames come only from `embed_hosts`, and a Markdown image
//! with a title becomes a captioned figure.
//!
//! The hostile cases are the usual tricks of cross-site scripting, written here in our own
//! words: each is judged on the parsed page, never by searching its text.

use std::collections::BTreeSet;

use scraper::ElementRef;

use crate::harness::{SiteTest, selector};

const FRONT: &str = "+++\ntitle = \"Embeds\"\ndate = 2025-03-01\nauthor = \"Ana Ruiz\"\n+++\n";

const PROFILE: &str = "+++\nname = \"Ana Ruiz\"\n+++\nAna Ruiz writes about rivers.\n";

/// Each case: a name, the Markdown, and whether the sanitizer must remove something from it.
const CASES: &[(&str, &str, bool)] = &[
    ("script block", "<script>alert(1)</script>", true),
    (
        "script, upper case, remote",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        true,
    ),
    (
        "error handler",
        "<img src=\"/chart.png\" alt=\"A chart\" onerror=\"alert(1)\">",
        true,
    ),
    (
        "script URL",
        "<a href=\"javascript:alert(1)\">one</a>",
        true,
    ),
    (
        "script URL with an entity tab",
        "<a href=\"jav&#x09;ascript:alert(1)\">two</a>",
        true,
    ),
    (
        "script URL in mixed case after a space",
        "<a href=\" JaVaScRiPt:alert(1)\">three</a>",
        true,
    ),
    (
        "script URL written in entities",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">four</a>",
        true,
    ),
    (
        "VBScript URL",
        "<a href=\"vbscript:msgbox(1)\">five</a>",
        true,
    ),
    (
        "SVG with a handler and a script",
        "<svg onload=\"alert(1)\"><script>alert(1)</script></svg>",
        true,
    ),
    (
        "frame with srcdoc",
        "<iframe srcdoc=\"<script>alert(1)</script>\" title=\"A frame\"></iframe>",
        true,
    ),
    (
        "frame inside a frame",
        "<iframe src=\"https://www.youtube.com/embed/abc\" title=\"Video: the river\"><iframe src=\"https://evil.example/\"></iframe></iframe>",
        false,
    ),
    (
        "frame from a host not listed",
        "<iframe src=\"https://evil.example/embed\" title=\"Chart\"></iframe>",
        true,
    ),
    (
        "scheme-relative frame from a host not listed",
        "<iframe src=\"//evil.example/x\" title=\"Chart\"></iframe>",
        true,
    ),
    (
        "scheme-relative frame from a listed host",
        "<iframe src=\"//player.vimeo.com/video/1\" title=\"Video: the dock\"></iframe>",
        false,
    ),
    (
        "frame from a listed host in capitals",
        "<iframe src=\"https://WWW.YOUTUBE.COM/embed/xyz\" title=\"Video: the lock\"></iframe>",
        false,
    ),
    (
        "frame from a look-alike host",
        "<iframe src=\"https://www.youtube.com.evil.example/embed\" title=\"Video\"></iframe>",
        true,
    ),
    (
        "frame behind a user name",
        "<iframe src=\"https://www.youtube.com@evil.example/\" title=\"Video\"></iframe>",
        true,
    ),
    (
        "frame with a script URL",
        "<iframe src=\"javascript:alert(1)\" title=\"Chart\"></iframe>",
        true,
    ),
    (
        "frame with a data URL",
        "<iframe src=\"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;\" title=\"Chart\"></iframe>",
        true,
    ),
    (
        "frame without a title",
        "<iframe src=\"https://player.vimeo.com/video/2\"></iframe>",
        true,
    ),
    (
        "image with a data URL",
        "<img src=\"data:image/svg+xml,&lt;svg onload=alert(1)&gt;\" alt=\"x\">",
        true,
    ),
    ("style sheet", "<style>body { display: none }</style>", true),
    (
        "style attribute",
        "<p style=\"background: url(javascript:alert(1))\">Styled.</p>",
        true,
    ),
    (
        "form",
        "<form action=\"https://evil.example/\"><input name=\"q\"><button>Go</button></form>",
        true,
    ),
    ("base", "<base href=\"https://evil.example/\">", true),
    (
        "meta refresh",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        true,
    ),
    (
        "object and embed",
        "<object data=\"https://evil.example/x.swf\"></object><embed src=\"https://evil.example/x.swf\">",
        true,
    ),
    (
        "math and style confusion",
        "<math><mtext><table><mglyph><style><img src=\"/chart.png\" onerror=\"alert(1)\">",
        true,
    ),
    (
        "noscript confusion",
        "<noscript><p title=\"</noscript><img src=/chart.png onerror=alert(1)>\"></p></noscript>",
        true,
    ),
    (
        "toggle handler",
        "<details open ontoggle=\"alert(1)\"><summary>x</summary></details>",
        true,
    ),
    (
        "inline handler in running text",
        "Text with <img src=\"/chart.png\" alt=\"c\" onmouseover=\"alert(1)\"> inline.",
        true,
    ),
    (
        "inline script URL in running text",
        "Text with <a href=\"javascript:alert(1)\">a link</a> inline.",
        true,
    ),
    (
        "inline script in running text",
        "Text with <script>alert(1)</script> inline.",
        true,
    ),
    (
        "Markdown script URLs",
        "[click](javascript:alert(1)) and ![image](data:text/html,x)",
        false,
    ),
];

/// The article holding every case, each in a paragraph of its own, and the line each
/// starts on.
fn article() -> (String, Vec<usize>) {
    let mut text = FRONT.to_string();
    text.push_str("\nA first paragraph, long enough to stand as the summary of the piece.\n");
    let mut lines = Vec::new();
    for (_, markdown, _) in CASES {
        text.push('\n');
        lines.push(text.lines().count() + 1);
        text.push_str(markdown);
        text.push('\n');
    }
    (text, lines)
}

fn site() -> SiteTest {
    let site = SiteTest::empty();
    site.file("content/authors/ana-ruiz.md", PROFILE);
    site.file("static/chart.png", "not really a png");
    site.file("content/embeds.md", &article().0);
    site
}

/// Elements that run code, load a plug-in, restyle or retarget the page, or take input.
const ACTIVE: &[&str] = &[
    "script", "style", "object", "embed", "applet", "base", "meta", "link", "form", "input",
    "button", "textarea", "select", "frame", "frameset", "svg", "math", "template", "noscript",
    "details",
];

fn is_script_url(value: &str) -> bool {
    let judged: String = value
        .chars()
        .filter(|c| !c.is_ascii_control() && !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|scheme| judged.starts_with(scheme))
}

/// Everything under `root` that could run, restyle or load what the site did not allow.
fn active_in(root: ElementRef) -> Vec<String> {
    let allowed_hosts = [
        "datawrapper.dwcdn.net",
        "flo.uri.sh",
        "www.youtube-nocookie.com",
        "www.youtube.com",
        "player.vimeo.com",
    ];
    let mut found = Vec::new();
    for node in root.descendants() {
        let Some(element) = ElementRef::wrap(node) else {
            continue;
        };
        let name = element.value().name();
        if ACTIVE.contains(&name) {
            found.push(format!("<{name}>"));
        }
        for (attribute, value) in element.value().attrs() {
            if attribute.starts_with("on") || matches!(attribute, "style" | "srcdoc") {
                found.push(format!("<{name} {attribute}>"));
            }
            if matches!(attribute, "href" | "src" | "action" | "data") && is_script_url(value) {
                found.push(format!("<{name} {attribute}={value:?}>"));
            }
        }
        if name == "iframe" {
            let src = element.value().attr("src").unwrap_or_default();
            let host = src
                .strip_prefix("https://")
                .and_then(|rest| rest.split('/').next())
                .unwrap_or_default();
            if !allowed_hosts.contains(&host) {
                found.push(format!("<iframe src={src:?}>"));
            }
            if element
                .value()
                .attr("title")
                .is_none_or(|t| t.trim().is_empty())
            {
                found.push("<iframe> without a title".into());
            }
            if element.value().attr("loading") != Some("lazy") {
                found.push("<iframe> not lazy".into());
            }
        }
    }
    found
}

#[test]
fn nothing_active_survives_on_the_page_or_in_the_feed() {
    let site = site();
    site.build(&[]);
    let page = site.page("/2025/03/embeds/");
    let prose = page.one(".prose");
    assert_eq!(active_in(prose), Vec::<String>::new(), "{}", prose.html());
    // The page's only script is its JSON-LD.
    let scripts = page.select("script");
    assert_eq!(scripts.len(), 1);
    assert_eq!(scripts[0].value().attr("type"), Some("application/ld+json"));

    // The frames that were allowed are there, from their hosts, over https.
    let frames = page.attrs(".prose iframe", "src");
    assert_eq!(
        frames,
        [
            "https://www.youtube.com/embed/abc",
            "https://player.vimeo.com/video/1",
            "https://www.youtube.com/embed/xyz",
        ]
    );
    // Markup inside a frame is the frame's fallback text, never elements.
    let nested = page.select(".prose iframe")[0];
    assert_eq!(
        nested.children().filter(|c| c.value().is_element()).count(),
        0
    );

    // The feed carries the same cleaned body: parsed back, it is just as inert.
    let feed = site.read("/atom.xml");
    let doc = roxmltree::Document::parse(&feed).expect("the feed is XML");
    let content = doc
        .descendants()
        .find(|n| n.has_tag_name("content"))
        .and_then(|n| n.text())
        .expect("an entry with content");
    let body = scraper::Html::parse_fragment(content);
    assert_eq!(active_in(body.root_element()), Vec::<String>::new());
}

#[test]
fn check_reports_each_removal_at_its_line() {
    let site = site();
    let run = site.run(&["check"]);
    run.assert_code(0);
    let (text, lines) = article();
    let reported: BTreeSet<usize> = run
        .diagnostics()
        .iter()
        .filter(|d| d.contains(": warning: raw HTML: removed"))
        .map(|d| {
            let place = d.strip_prefix("content/embeds.md:").expect("in the piece");
            place.split(':').next().unwrap().parse().expect("a line")
        })
        .collect();
    let expected: BTreeSet<usize> = CASES
        .iter()
        .zip(&lines)
        .filter(|((_, _, removes), _)| *removes)
        .map(|(_, line)| *line)
        .collect();
    assert_eq!(
        reported,
        expected,
        "{run}\nlines: {:?}",
        CASES
            .iter()
            .zip(&lines)
            .map(|(c, l)| (c.0, l))
            .collect::<Vec<_>>()
    );
    assert!(
        run.diagnostics().iter().all(|d| d.contains(": warning: ")),
        "{run}"
    );

    // A few in full: the element or attribute, why, and the column where it is written.
    let line_of = |name: &str| lines[CASES.iter().position(|c| c.0 == name).unwrap()];
    let column_of = |line: usize, needle: &str| {
        let written = text.lines().nth(line - 1).unwrap();
        written[..written.find(needle).unwrap()].chars().count() + 1
    };
    for (case, needle, message) in [
        (
            "error handler",
            "onerror",
            "raw HTML: removed `onerror` from `<img>`",
        ),
        (
            "frame from a host not listed",
            "<iframe",
            "raw HTML: removed `<iframe>`: evil.example is not one of the site's `embed_hosts`",
        ),
        (
            "frame without a title",
            "<iframe",
            "raw HTML: removed `<iframe>`: it has no `title`",
        ),
        (
            "inline handler in running text",
            "onmouseover",
            "raw HTML: removed `onmouseover` from `<img>`",
        ),
        (
            "script block",
            "<script",
            "raw HTML: removed `<script>` and everything in it",
        ),
    ] {
        let line = line_of(case);
        let expected = format!(
            "content/embeds.md:{line}:{}: warning: {message}",
            column_of(line, needle)
        );
        assert!(
            run.diagnostics().contains(&expected.as_str()),
            "{case}: no {expected:?} in\n{run}"
        );
    }
}

#[test]
fn embed_hosts_decide_which_frames_stay() {
    let site = SiteTest::empty();
    site.file("site.toml", "embed_hosts = [\"charts.example.org\"]\n");
    site.file("content/authors/ana-ruiz.md", PROFILE);
    site.file(
        "content/embeds.md",
        &format!(
            "{FRONT}\nA first paragraph, long enough to stand as the summary of the piece.\n\n<iframe src=\"https://charts.example.org/c/1\" title=\"Chart: one\"></iframe>\n\n<iframe src=\"https://www.youtube.com/embed/abc\" title=\"Video\"></iframe>\n"
        ),
    );
    site.build(&[]);
    let page = site.page("/2025/03/embeds/");
    assert_eq!(
        page.attrs(".prose iframe", "src"),
        ["https://charts.example.org/c/1"]
    );
    let run = site.run(&["check"]);
    assert_eq!(
        run.diagnostics(),
        [
            "content/embeds.md:11:1: warning: raw HTML: removed `<iframe>`: www.youtube.com is not one of the site's `embed_hosts`"
        ],
        "{run}"
    );

    site.file("site.toml", "embed_hosts = \"charts.example.org\"\n");
    let run = site.build_fails(&[]);
    assert_eq!(
        run.diagnostics(),
        ["site.toml:1:15: `embed_hosts` must be a list of host names, found a string"],
        "{run}"
    );
}

#[test]
fn figures_tables_and_notes_in_raw_html_are_kept() {
    let site = SiteTest::empty();
    site.file("content/authors/ana-ruiz.md", PROFILE);
    site.file("static/chart.png", "png");
    site.file(
        "content/embeds.md",
        &format!(
            "{FRONT}\nA first paragraph, long enough to stand as the summary of the piece.\n\n<figure>\n<iframe src=\"https://datawrapper.dwcdn.net/Ab12c/1/\" title=\"Chart: grain by river\" height=\"400\"></iframe>\n<figcaption>Grain by river. Source: <a href=\"https://stats.example.org/\">the statistics office</a>.</figcaption>\n</figure>\n\n<table>\n<tr><th colspan=\"2\">Both years</th></tr>\n<tr><td rowspan=\"2\">Soy</td><td>2023</td></tr>\n</table>\n\nWater is H<sub>2</sub>O; the <abbr title=\"North Atlantic Treaty Organization\">NATO</abbr> summit came 10<sup>th</sup>.\n\n![A chart of grain tonnage](/chart.png \"Grain shipped, 2019–2024. Source: the port authority.\")\n\nAn inline ![chart](/chart.png \"kept as a title\") stays an image.\n"
        ),
    );
    site.build(&[]);
    let page = site.page("/2025/03/embeds/");
    assert_eq!(page.select(".prose figure").len(), 2);
    let frame = page.one(".prose figure iframe");
    assert_eq!(frame.value().attr("title"), Some("Chart: grain by river"));
    assert_eq!(frame.value().attr("loading"), Some("lazy"));
    assert_eq!(
        page.links(".prose figcaption a"),
        [(
            "the statistics office".to_string(),
            "https://stats.example.org/".to_string()
        )]
    );
    assert_eq!(page.attr(".prose th", "colspan"), "2");
    assert_eq!(page.attrs(".prose td", "rowspan"), ["2"]);
    assert_eq!(page.text(".prose sub"), "2");
    assert_eq!(page.text(".prose sup"), "th");
    assert_eq!(
        page.attr(".prose abbr", "title"),
        "North Atlantic Treaty Organization"
    );

    // The Markdown image with a title is a figure captioned by it, and says it only there.
    let figures = page.select(".prose figure");
    let markdown_figure = figures[1];
    let image = markdown_figure
        .select(&selector("img"))
        .next()
        .expect("an image");
    assert_eq!(image.value().attr("src"), Some("/chart.png"));
    assert_eq!(image.value().attr("alt"), Some("A chart of grain tonnage"));
    assert_eq!(image.value().attr("title"), None);
    let caption: String = markdown_figure
        .select(&selector("figcaption"))
        .flat_map(|c| c.text())
        .collect();
    assert_eq!(
        caption,
        "Grain shipped, 2019–2024. Source: the port authority."
    );
    assert_eq!(page.attrs(".prose p img", "title"), ["kept as a title"]);

    let run = site.run(&["check"]);
    run.assert_code(0);
    assert_eq!(run.diagnostics(), Vec::<&str>::new(), "{run}");
}

#[test]
fn a_broken_link_in_raw_html_is_placed_where_written() {
    let site = SiteTest::empty();
    site.file("content/authors/ana-ruiz.md", PROFILE);
    site.file(
        "content/embeds.md",
        &format!(
            "{FRONT}\nA first paragraph, long enough to stand as the summary of the piece.\n\n<figure>\n<img src=\"/charts/missing.png\" alt=\"A chart\">\n</figure>\n"
        ),
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert_eq!(
        run.diagnostics(),
        [
            "content/embeds.md:10:11: broken link \"/charts/missing.png\": the site has no file charts/missing.png"
        ],
        "{run}"
    );
}
