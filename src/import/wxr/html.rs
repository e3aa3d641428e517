//! A WordPress body, as the export holds it, turned into Markdown that renders the same.
//!
//! Three WordPress habits are undone before the HTML is parsed: Gutenberg's block comments
//! (`<!-- wp:paragraph -->`) are dropped; `[caption]` shortcodes become a `<figure>` with its
//! `<figcaption>`; and a classic-editor body, whose paragraphs are only blank lines apart
//! (WordPress adds the `<p>` when it shows the post, in `wpautop`), gets its paragraphs and
//! line breaks. The HTML is then parsed once (html5ever, through htmd), which decodes each
//! entity exactly once; relative links and images are made absolute against the old site,
//! so nothing points at a path the new site lacks. htmd writes the Markdown: headings,
//! lists (code inside them too), quotes, links, emphasis, code and `<pre>`. What Markdown
//! cannot say (an iframe, a video, a figure, a table with merged or no header cells) stays
//! HTML, for the sanitizer of the Markdown stage to keep or drop.

use std::rc::Rc;

use htmd::element_handler::{HandlerResult, Handlers};
use htmd::options::{BulletListMarker, Options};
use htmd::{Element, HtmlToMarkdown, Node};
use html5ever::serialize::{SerializeOpts, TraversalScope, serialize};
use markup5ever_rcdom::{NodeData, SerializableHandle};
use url::Url;

/// A body in Markdown, and what the conversion noticed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Body {
    pub markdown: String,
    /// Images served from another host than the old site's: kept, but a warning, since the
    /// new site cannot vouch for them.
    pub external_images: usize,
}

/// Elements Markdown has no form for, kept as HTML.
const KEPT_AS_HTML: &[&str] = &["iframe", "video", "audio", "embed", "object", "figure"];

/// Converts a body. `old_site` is the address relative links are resolved against; without
/// one they are left as they are. Never fails: HTML parsing recovers from anything.
pub fn to_markdown(html: &str, old_site: Option<&Url>) -> Body {
    let has_blocks = html.contains("<!-- wp:");
    let html = html.replace("\r\n", "\n");
    let html = drop_block_comments(&html);
    let html = captions_to_figures(&html);
    let html = if has_blocks { html } else { autop(&html) };

    let converter = converter();
    let Ok(tree) = converter.html_to_tree(&html) else {
        return Body::default();
    };
    let mut external_images = 0;
    rewrite_urls(&tree, old_site, &mut external_images);
    keep_references_literal(&tree, false);
    let mut markdown = converter.tree_to_markdown(&tree);
    if !markdown.is_empty() {
        markdown.push('\n');
    }
    Body {
        markdown,
        external_images,
    }
}

fn converter() -> HtmlToMarkdown {
    HtmlToMarkdown::builder()
        .options(Options {
            bullet_list_marker: BulletListMarker::Dash,
            ul_bullet_spacing: 1,
            ol_number_spacing: 1,
            ..Options::default()
        })
        .skip_tags(vec!["script", "style", "noscript", "head"])
        .add_handler(
            KEPT_AS_HTML.to_vec(),
            |_: &dyn Handlers, element: Element| Some(raw_html(element.node)),
        )
        .add_handler(vec!["pre"], |handlers: &dyn Handlers, element: Element| {
            if has_code_child(element.node) {
                handlers.fallback(element)
            } else {
                Some(fenced(&text_content(element.node)))
            }
        })
        .add_handler(
            vec!["table"],
            |handlers: &dyn Handlers, element: Element| {
                if has_plain_header_row(element.node) {
                    handlers.fallback(element)
                } else {
                    Some(raw_html(element.node))
                }
            },
        )
        .build()
}

fn has_code_child(node: &Rc<Node>) -> bool {
    node.children
        .borrow()
        .iter()
        .any(|c| matches!(&c.data, NodeData::Element { name, .. } if name.local.as_ref() == "code"))
}

fn text_content(node: &Rc<Node>) -> String {
    let mut text = String::new();
    walk(node, &mut |n| {
        if let NodeData::Text { contents } = &n.data {
            text.push_str(&contents.borrow());
        }
    });
    text
}

/// A `<pre>` without `<code>` (the classic editor's), as a fenced block whose fence is
/// longer than any run of backticks inside.
fn fenced(code: &str) -> HandlerResult {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let code = code
        .strip_prefix('\n')
        .unwrap_or(code)
        .trim_end_matches('\n');
    HandlerResult::from(format!("\n\n{fence}\n{code}\n{fence}\n\n"))
}

/// Text that reads like a character reference (`&amp;`, `&#38;`) after the one decoding the
/// HTML parser did would be decoded again by Markdown; its `&` is written as `&amp;` so the
/// reader sees the text the author wrote. Code is left alone: Markdown decodes nothing there.
fn keep_references_literal(node: &Rc<Node>, in_code: bool) {
    let in_code = in_code
        || matches!(&node.data, NodeData::Element { name, .. }
            if matches!(name.local.as_ref(), "code" | "pre"));
    if let NodeData::Text { contents } = &node.data
        && !in_code
    {
        let text = contents.borrow().to_string();
        if text.contains('&') {
            let mut out = String::with_capacity(text.len() + 8);
            for (i, c) in text.char_indices() {
                if c == '&' && looks_like_reference(&text[i + 1..]) {
                    out.push_str("&amp;");
                } else {
                    out.push(c);
                }
            }
            *contents.borrow_mut() = out.into();
        }
    }
    for child in node.children.borrow().iter() {
        keep_references_literal(child, in_code);
    }
}

/// Whether the text after an `&` is what Markdown takes for a reference: `name;`, `#38;`,
/// `#x26;`.
fn looks_like_reference(after: &str) -> bool {
    let body = after
        .strip_prefix('#')
        .map_or(after, |n| n.strip_prefix(['x', 'X']).unwrap_or(n));
    let len = body.chars().take_while(char::is_ascii_alphanumeric).count();
    len > 0 && body[len..].starts_with(';')
}

/// The element as HTML, set apart as a Markdown HTML block. A blank line would end the block
/// early, so runs of line ends inside it are made one.
fn raw_html(node: &Rc<Node>) -> HandlerResult {
    let mut bytes = Vec::new();
    let options = SerializeOpts {
        traversal_scope: TraversalScope::IncludeNode,
        ..SerializeOpts::default()
    };
    let handle = SerializableHandle::from(node.clone());
    if serialize(&mut bytes, &handle, options).is_err() {
        return HandlerResult::from(String::new());
    }
    let html = String::from_utf8_lossy(&bytes);
    let lines: Vec<&str> = html.lines().filter(|l| !l.trim().is_empty()).collect();
    HandlerResult {
        content: format!("\n\n{}\n\n", lines.join("\n")),
        markdown_translated: false,
    }
}

/// Whether a table can be a Markdown table: its first row all header cells, and no cell
/// spanning rows or columns anywhere.
fn has_plain_header_row(table: &Rc<Node>) -> bool {
    let mut rows = Vec::new();
    let mut spans = false;
    walk(table, &mut |node| {
        if let NodeData::Element { name, attrs, .. } = &node.data {
            match name.local.as_ref() {
                "tr" => rows.push(node.clone()),
                "td" | "th" => {
                    spans |= attrs.borrow().iter().any(|a| {
                        matches!(a.name.local.as_ref(), "rowspan" | "colspan")
                            && a.value.trim() != "1"
                    })
                }
                _ => {}
            }
        }
    });
    let Some(first) = rows.first() else {
        return false;
    };
    let cells: Vec<String> = first
        .children
        .borrow()
        .iter()
        .filter_map(|c| match &c.data {
            NodeData::Element { name, .. } => Some(name.local.to_string()),
            _ => None,
        })
        .collect();
    !spans && !cells.is_empty() && cells.iter().all(|c| c == "th")
}

fn walk(node: &Rc<Node>, visit: &mut impl FnMut(&Rc<Node>)) {
    visit(node);
    for child in node.children.borrow().iter() {
        walk(child, visit);
    }
}

/// Makes every link, image and embed address absolute against the old site, drops the
/// `srcset` and `sizes` that name the old site's resized copies, and counts images from other
/// hosts.
fn rewrite_urls(tree: &Rc<Node>, old_site: Option<&Url>, external_images: &mut usize) {
    walk(tree, &mut |node| {
        let NodeData::Element { name, attrs, .. } = &node.data else {
            return;
        };
        let tag = name.local.as_ref();
        let key = match tag {
            "a" => "href",
            "img" | "iframe" | "video" | "audio" | "source" | "embed" => "src",
            _ => return,
        };
        let mut attrs = attrs.borrow_mut();
        if tag == "img" {
            attrs.retain(|a| !matches!(a.name.local.as_ref(), "srcset" | "sizes"));
        }
        for attr in attrs.iter_mut() {
            if attr.name.local.as_ref() != key {
                continue;
            }
            let value = attr.value.trim().to_string();
            let absolute = absolute(&value, old_site);
            if tag == "img" {
                let host = Url::parse(&absolute)
                    .ok()
                    .and_then(|u| u.host_str().map(str::to_owned));
                let home = old_site.and_then(|s| s.host_str());
                if host.is_some() && host.as_deref() != home {
                    *external_images += 1;
                }
            }
            if absolute != value {
                attr.value = absolute.into();
            }
        }
    });
}

/// `href` made absolute against the old site; an in-page `#fragment` and anything already
/// absolute are left alone.
pub fn absolute(href: &str, old_site: Option<&Url>) -> String {
    if href.is_empty() || href.starts_with('#') || Url::parse(href).is_ok() {
        return href.to_string();
    }
    match old_site.and_then(|base| base.join(href).ok()) {
        Some(url) => url.to_string(),
        None => href.to_string(),
    }
}

/// Removes Gutenberg's `<!-- wp:… -->` and `<!-- /wp:… -->` comments, which carry block
/// settings and nothing a reader sees.
fn drop_block_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        let after = rest[start + 4..].trim_start();
        let is_block = after.starts_with("wp:") || after.starts_with("/wp:");
        match rest[start..].find("-->") {
            Some(len) if is_block => {
                out.push_str(&rest[..start]);
                rest = &rest[start + len + 3..];
            }
            _ => {
                out.push_str(&rest[..start + 4]);
                rest = &rest[start + 4..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `[caption id="…" align="…" width="…"]<img …> The caption[/caption]` → a figure. Older
/// exports put the caption in a `caption="…"` attribute instead; that is read too.
fn captions_to_figures(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("[caption") {
        let Some(open_end) = rest[start..].find(']').map(|i| start + i) else {
            break;
        };
        let Some(close) = rest[open_end..].find("[/caption]").map(|i| open_end + i) else {
            break;
        };
        out.push_str(&rest[..start]);
        let attributes = &rest[start + "[caption".len()..open_end];
        let inner = &rest[open_end + 1..close];
        let (image, text) = split_caption(inner);
        let text = match text.trim() {
            "" => attribute(attributes, "caption").unwrap_or_default(),
            text => text.to_string(),
        };
        out.push_str("<figure>");
        out.push_str(image.trim());
        if !text.is_empty() {
            out.push_str("<figcaption>");
            out.push_str(&text);
            out.push_str("</figcaption>");
        }
        out.push_str("</figure>");
        rest = &rest[close + "[/caption]".len()..];
    }
    out.push_str(rest);
    out
}

/// The image (with the link around it, if any) and the caption text after it.
fn split_caption(inner: &str) -> (&str, &str) {
    let Some(img) = inner.find("<img") else {
        return ("", inner);
    };
    let img_end = inner[img..].find('>').map_or(inner.len(), |i| img + i + 1);
    let end = match inner[img_end..].trim_start().strip_prefix("</a>") {
        Some(after) => inner.len() - after.len(),
        None => img_end,
    };
    (&inner[..end], &inner[end..])
}

fn attribute(attributes: &str, name: &str) -> Option<String> {
    let at = attributes.find(&format!("{name}=\""))? + name.len() + 2;
    let len = attributes[at..].find('"')?;
    Some(attributes[at..at + len].to_string())
}

/// Tags that start a block of their own: `wpautop` puts no `<p>` around them.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "div",
    "dl",
    "dt",
    "figure",
    "figcaption",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "iframe",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "video",
    "audio",
];

/// WordPress's auto-paragraphs: text blocks between blank lines become `<p>`s, a single line
/// end inside one a `<br>`. Block elements stand as they are, and `<pre>` keeps its blank
/// lines.
fn autop(html: &str) -> String {
    // `<pre>` sections are set aside first: their blank lines are content.
    let mut kept: Vec<&str> = Vec::new();
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = find_tag(rest, "pre") {
        let end = rest[start..]
            .find("</pre>")
            .map_or(rest.len(), |i| start + i + "</pre>".len());
        text.push_str(&rest[..start]);
        text.push_str(&format!("\n\n\u{e000}{}\u{e001}\n\n", kept.len()));
        kept.push(&rest[start..end]);
        rest = &rest[end..];
    }
    text.push_str(rest);

    let mut out = String::with_capacity(text.len() + 64);
    for block in split_blank_lines(&text) {
        let block = block.trim();
        if block.is_empty() {
            continue;
        }
        if let Some(index) = block
            .strip_prefix('\u{e000}')
            .and_then(|b| b.strip_suffix('\u{e001}'))
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| kept.get(n))
        {
            out.push_str(index);
        } else if starts_with_block(block) {
            out.push_str(block);
        } else {
            out.push_str("<p>");
            out.push_str(
                &block
                    .lines()
                    .map(str::trim_end)
                    .collect::<Vec<_>>()
                    .join("<br>"),
            );
            out.push_str("</p>");
        }
        out.push('\n');
    }
    out
}

fn split_blank_lines(text: &str) -> Vec<&str> {
    let mut blocks = Vec::new();
    let mut start = 0;
    let mut line_start = 0;
    let mut blank_run = false;
    for (i, line) in text.split_inclusive('\n').map(|l| {
        let i = line_start;
        line_start += l.len();
        (i, l)
    }) {
        if line.trim().is_empty() {
            if !blank_run {
                blocks.push(&text[start..i]);
            }
            blank_run = true;
            start = i + line.len();
        } else {
            blank_run = false;
        }
    }
    blocks.push(&text[start..]);
    blocks
}

fn find_tag(html: &str, tag: &str) -> Option<usize> {
    let open = format!("<{tag}");
    let mut from = 0;
    while let Some(i) = html[from..].find(&open).map(|i| from + i) {
        let next = html[i + open.len()..].chars().next();
        if next.is_some_and(|c| c == '>' || c.is_whitespace()) {
            return Some(i);
        }
        from = i + open.len();
    }
    None
}

fn starts_with_block(block: &str) -> bool {
    let Some(tag) = block.strip_prefix('<') else {
        return false;
    };
    let tag = tag.strip_prefix('/').unwrap_or(tag);
    if tag.starts_with("!--") {
        return true;
    }
    let name: String = tag
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    BLOCK_TAGS.contains(&name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Url {
        Url::parse("https://old.example.org/").unwrap()
    }

    fn md(html: &str) -> String {
        to_markdown(html, Some(&site())).markdown
    }

    /// The Markdown rendered as the site's Markdown stage would, for checking what a reader
    /// sees rather than how the Markdown is spelt.
    fn rendered(markdown: &str) -> String {
        use pulldown_cmark::{Options, Parser, html};
        let mut out = String::new();
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_SMART_PUNCTUATION;
        html::push_html(&mut out, Parser::new_ext(markdown, options));
        out
    }

    #[test]
    fn classic_bodies_get_their_paragraphs() {
        let body = md(
            "First line\nsecond line.\n\nA new paragraph with <em>stress</em>.\n\n\n<ul>\n<li>one</li>\n</ul>\n\n<pre>code\n\nstill code</pre>",
        );
        assert_eq!(
            body,
            "First line  \nsecond line.\n\nA new paragraph with *stress*.\n\n- one\n\n```\ncode\n\nstill code\n```\n"
        );
    }

    #[test]
    fn block_comments_go_and_block_bodies_keep_their_own_paragraphs() {
        let body = md(
            "<!-- wp:paragraph -->\n<p>One.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:heading {\"level\":3} -->\n<h3>Head</h3>\n<!-- /wp:heading --><!-- a note -->",
        );
        assert_eq!(body, "One.\n\n### Head\n");
    }

    #[test]
    fn captions_become_figures_with_absolute_images() {
        let html = "[caption id=\"attachment_9\" align=\"alignnone\" width=\"300\"]<a href=\"/2019/harbor/\"><img class=\"size-medium\" src=\"/wp-content/uploads/harbor.jpg\" srcset=\"/a.jpg 300w\" alt=\"The harbor at dawn\" width=\"300\"></a> The harbor, &amp; its cranes[/caption]\n\nAfter.";
        let body = md(html);
        let html = rendered(&body);
        assert!(
            html.contains("<figure><a href=\"https://old.example.org/2019/harbor/\"><img class=\"size-medium\" src=\"https://old.example.org/wp-content/uploads/harbor.jpg\" alt=\"The harbor at dawn\" width=\"300\"></a><figcaption>The harbor, &amp; its cranes</figcaption></figure>"),
            "{body}"
        );
        assert!(html.contains("<p>After.</p>"), "{html}");
        let old = md(
            "[caption id=\"x\" caption=\"Old style\"]<img src=\"https://cdn.example.net/x.png\">[/caption]",
        );
        assert!(old.contains("<figcaption>Old style</figcaption>"), "{old}");
        assert_eq!(
            to_markdown(
                "<img src=\"https://cdn.example.net/x.png\"><img src=\"/y.png\">",
                Some(&site())
            )
            .external_images,
            1
        );
    }

    #[test]
    fn entities_are_decoded_once_and_curly_quotes_kept() {
        let body = md("<p>AT&amp;T &#8220;said&#8221; it&#8217;s &lt;b&gt; &amp;amp; 5 &lt; 6</p>");
        let html = rendered(&body);
        assert_eq!(
            html, "<p>AT&amp;T \u{201c}said\u{201d} it\u{2019}s &lt;b&gt; &amp;amp; 5 &lt; 6</p>\n",
            "{body}"
        );
    }

    #[test]
    fn structure_survives() {
        let body = md(
            "<h2>Why</h2><blockquote><p>Quoted <strong>firmly</strong>.</p></blockquote><ol><li>Run <code>make</code></li><li><pre><code>two\nlines</code></pre></li></ol><p><a href=\"page/\">rel</a> <a href=\"#n\">note</a> <a href=\"https://else.example.com/\">out</a></p>",
        );
        let html = rendered(&body);
        for want in [
            "<h2>Why</h2>",
            "<blockquote>\n<p>Quoted <strong>firmly</strong>.</p>\n</blockquote>",
            "<code>make</code>",
            "<pre><code>two\nlines\n</code></pre>",
            "<a href=\"https://old.example.org/page/\">rel</a>",
            "<a href=\"#n\">note</a>",
            "<a href=\"https://else.example.com/\">out</a>",
        ] {
            assert!(html.contains(want), "{want} not in\n{html}\nfrom\n{body}");
        }
    }

    #[test]
    fn what_markdown_cannot_say_stays_html() {
        let body = md(
            "<p>Watch:</p><iframe src=\"https://www.youtube.com/embed/x\" width=\"560\"></iframe><table><tr><td rowspan=\"2\">a</td><td>b</td></tr><tr><td>c</td></tr></table><table><tr><th>H</th></tr><tr><td>v</td></tr></table>",
        );
        let html = rendered(&body);
        assert!(
            html.contains(
                "<iframe src=\"https://www.youtube.com/embed/x\" width=\"560\"></iframe>"
            ),
            "{body}"
        );
        assert!(html.contains("<td rowspan=\"2\">a</td>"), "{body}");
        assert!(
            body.contains("| H |"),
            "a plain table becomes Markdown: {body}"
        );
        assert!(!html.contains("&lt;iframe"), "never shown as escaped text");
    }

    #[test]
    fn odd_input_never_panics() {
        for html in [
            "",
            "[caption]",
            "[caption id=\"x\"]no close",
            "[caption][/caption]",
            "<pre>",
            "<!--",
            "<!-- wp:x",
            "\u{e000}0\u{e001}",
            "<table></table>",
            "<a href=\"//\">x</a><img src=\"http://[::1\">",
            "\n\n\n",
        ] {
            let _ = md(html);
            let _ = to_markdown(html, None);
        }
    }
}
