//! Raw HTML written in a piece, cleaned by ammonia against one allow-list (issue 13).
//!
//! A piece may hold the HTML that Markdown cannot write: figures with captions, tables with
//! merged cells, `<sup>`, `<sub>`, `<abbr>`, and frames that embed a chart or a video. A few
//! inline elements come with them (`<a>`, `<em>`, `<strong>`, `<code>`, `<br>`, `<p>`…) so
//! that a caption or a cell can hold a link. Everything else goes: scripts and styles with
//! their content, event handlers, `style` and `class` and `id`, forms, `<object>`, `<embed>`,
//! `<svg>`, and any URL that `safe_url` refuses.
//!
//! An `<iframe>` is kept only when its `src` is an https address on one of the site's
//! `embed_hosts` and it has a `title` (which names the frame for a screen reader); it is
//! given `loading="lazy"`. A frame without a title is removed, not given one: a made-up
//! title would tell a listener nothing, and `check` says how to mend it.
//!
//! What was removed is worked out by comparing the elements and attributes written with
//! those ammonia kept, name by name in document order, so that `check` can report each one
//! where it was written. The cleaning itself is ammonia's alone.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::{HashMap, HashSet, VecDeque};

use ammonia::{Builder, UrlRelative};
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use markup5ever_rcdom::{Handle, NodeData, RcDom, SerializableHandle};

use crate::safe_url;

/// The elements raw HTML may hold.
pub const TAGS: &[&str] = &[
    "figure",
    "figcaption",
    "img",
    "table",
    "caption",
    "colgroup",
    "col",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "sup",
    "sub",
    "abbr",
    "iframe",
    // What a caption or a cell needs, as Markdown itself would write it.
    "a",
    "em",
    "strong",
    "i",
    "b",
    "code",
    "small",
    "cite",
    "br",
    "p",
];

/// The attributes each element may keep.
const ATTRIBUTES: &[(&str, &[&str])] = &[
    ("img", &["src", "alt", "width", "height", "title"]),
    (
        "iframe",
        &[
            "src",
            "title",
            "width",
            "height",
            "allowfullscreen",
            "sandbox",
            "referrerpolicy",
            "aria-label",
        ],
    ),
    ("th", &["colspan", "rowspan", "scope"]),
    ("td", &["colspan", "rowspan"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("abbr", &["title"]),
    ("a", &["href", "title"]),
];

/// Elements removed together with everything inside them.
const CONTENT_GOES: &[&str] = &["script", "style"];

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Something cleaning took out of the raw HTML, and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    /// Byte offset into the text that was cleaned.
    pub offset: usize,
    pub message: String,
    pub hint: String,
}

/// A fragment of HTML, cleaned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    pub html: String,
    pub removed: Vec<Removal>,
    /// Each `href` and `src` kept, as it is written in `html`, with the byte offset of its
    /// value in the text that was cleaned.
    pub urls: Vec<(String, usize)>,
}

/// One tag of inline HTML (a tag inside a paragraph), cleaned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// A start tag: what to write for it (`None` when it was removed), whether it has an
    /// end tag to wait for, and whether what follows it up to its end tag goes too.
    Start {
        name: String,
        html: Option<String>,
        void: bool,
        content_goes: bool,
        removed: Vec<Removal>,
        urls: Vec<(String, usize)>,
    },
    /// An end tag; the caller writes it if it closes an element it kept.
    End { name: String },
    /// A comment or declaration: nothing to write.
    Other,
}

/// Cleans raw HTML for one site: its allow-list, and its `embed_hosts`.
pub struct Sanitizer<'h> {
    embed_hosts: &'h [String],
    /// Built on first use: most pieces hold no raw HTML at all.
    cleaner: OnceCell<Builder<'static>>,
}

impl<'h> Sanitizer<'h> {
    pub fn new(embed_hosts: &'h [String]) -> Self {
        Sanitizer {
            embed_hosts,
            cleaner: OnceCell::new(),
        }
    }

    /// Cleans a fragment of HTML (an HTML block of a piece). The removals' offsets are
    /// into `fragment`.
    pub fn clean_block(&self, fragment: &str) -> Cleaned {
        let html = self.clean(fragment);
        let (removed, urls) = self.compare(fragment, &html);
        Cleaned {
            html,
            removed,
            urls,
        }
    }

    /// Cleans one inline tag, written alone (`<sup>`, `<abbr title="…">`, `</sup>`).
    pub fn clean_tag(&self, tag: &str) -> Inline {
        let Some(first) = tokens(tag).into_iter().next() else {
            return Inline::Other;
        };
        let element = match first {
            Item::End(name) => return Inline::End { name },
            Item::Start(element) => element,
        };
        let cleaned = self.clean(tag);
        let (removed, urls) = self.compare(tag, &cleaned);
        let name = element.name;
        // Cleaned alone, a kept start tag comes back closed (`<sup></sup>`); the end tag
        // written later in the paragraph closes it instead.
        let html = (!cleaned.is_empty()).then(|| {
            cleaned
                .strip_suffix(&format!("</{name}>"))
                .unwrap_or(&cleaned)
                .to_string()
        });
        Inline::Start {
            void: VOID.contains(&name.as_str()),
            content_goes: html.is_none() && CONTENT_GOES.contains(&name.as_str()),
            html,
            removed,
            urls,
            name,
        }
    }

    fn cleaner(&self) -> &Builder<'static> {
        self.cleaner.get_or_init(|| cleaner(self.embed_hosts))
    }

    fn clean(&self, html: &str) -> String {
        let cleaned = self.cleaner().clean(html).to_string();
        if cleaned.contains("<iframe") {
            drop_unusable_frames(&cleaned)
        } else {
            cleaned
        }
    }

    /// Why a frame written with these attributes cannot be shown, if it cannot.
    fn frame_problem(&self, element: &Element) -> Option<(String, String)> {
        let Some(src) = element.attribute("src") else {
            return Some((
                "it has no `src`".into(),
                "an embed needs the address of what it shows in `src`".into(),
            ));
        };
        if let Err(why) = safe_url::check_embed(src, self.embed_hosts) {
            return Some((
                why,
                "embed from a host listed in `embed_hosts` (site.toml), over https".into(),
            ));
        }
        if element
            .attribute("title")
            .is_none_or(|t| t.trim().is_empty())
        {
            return Some((
                "it has no `title`".into(),
                "say what the frame shows, for readers who hear the page: <iframe title=\"Chart: …\" …>".into(),
            ));
        }
        None
    }

    /// What cleaning `written` into `cleaned` took out, and the URLs it kept: each element
    /// of `written` is matched with the next kept element of the same name.
    fn compare(&self, written: &str, cleaned: &str) -> (Vec<Removal>, Vec<(String, usize)>) {
        let mut kept: HashMap<String, VecDeque<Element>> = HashMap::new();
        for item in tokens(cleaned) {
            if let Item::Start(element) = item {
                kept.entry(element.name.clone())
                    .or_default()
                    .push_back(element);
            }
        }
        let mut places = Places::new(written);
        let mut removed = Vec::new();
        let mut urls = Vec::new();
        for item in tokens(written) {
            let Item::Start(element) = item else {
                continue;
            };
            let at = places.element(&element);
            let name = &element.name;
            if name == "iframe"
                && let Some((why, hint)) = self.frame_problem(&element)
            {
                removed.push(Removal {
                    offset: at,
                    message: format!("raw HTML: removed `<iframe>`: {why}"),
                    hint,
                });
                continue;
            }
            let Some(twin) = kept.get_mut(name).and_then(VecDeque::pop_front) else {
                let what = if CONTENT_GOES.contains(&name.as_str()) {
                    format!("`<{name}>` and everything in it")
                } else {
                    format!("`<{name}>`")
                };
                removed.push(Removal {
                    offset: at,
                    message: format!("raw HTML: removed {what}"),
                    hint: allowed_hint(),
                });
                continue;
            };
            for (attribute, value) in &element.attributes {
                if let Some(kept) = twin.attribute(attribute) {
                    if matches!(attribute.as_str(), "href" | "src") {
                        urls.push((kept.to_string(), places.value(at, attribute)));
                    }
                    continue;
                }
                // An attribute the element may keep went for its value.
                let why =
                    if matches!(attribute.as_str(), "href" | "src") && allowed(name, attribute) {
                        format!(": {value:?} is not a URL a page may link to")
                    } else {
                        String::new()
                    };
                removed.push(Removal {
                    offset: places.attribute(at, attribute),
                    message: format!("raw HTML: removed `{attribute}` from `<{name}>`{why}"),
                    hint: format!("`<{name}>` may keep: {}", allowed_attributes(name)),
                });
            }
        }
        (removed, urls)
    }
}

/// ammonia, set to this module's allow-list and the site's embed hosts.
fn cleaner(embed_hosts: &[String]) -> Builder<'static> {
    let hosts = embed_hosts.to_vec();
    let mut builder = Builder::empty();
    builder
        .add_tags(TAGS)
        .tag_attributes(
            ATTRIBUTES
                .iter()
                .map(|(tag, attributes)| (*tag, attributes.iter().copied().collect()))
                .collect(),
        )
        .generic_attributes(HashSet::new())
        .tag_attribute_values(HashMap::new())
        .url_schemes(["http", "https", "mailto"].into())
        .url_relative(UrlRelative::PassThrough)
        .clean_content_tags(CONTENT_GOES.iter().copied().collect())
        .link_rel(None)
        .strip_comments(true)
        .set_tag_attribute_value("iframe", "loading", "lazy")
        // One rule for every URL on a page, and one for what a frame may show.
        .attribute_filter(
            move |element, attribute, value| match (element, attribute) {
                ("iframe", "src") => safe_url::check_embed(value, &hosts).ok().map(Cow::Owned),
                (_, "href" | "src") if !safe_url::is_safe(value) => None,
                _ => Some(Cow::Borrowed(value)),
            },
        );
    builder
}

fn allowed(tag: &str, attribute: &str) -> bool {
    ATTRIBUTES
        .iter()
        .any(|(t, attributes)| *t == tag && attributes.contains(&attribute))
}

fn allowed_attributes(tag: &str) -> String {
    ATTRIBUTES
        .iter()
        .find(|(t, _)| *t == tag)
        .map_or("no attributes".into(), |(_, attributes)| {
            attributes.join(", ")
        })
}

fn allowed_hint() -> String {
    "raw HTML in a piece may hold figure, figcaption, img, tables, sup, sub, abbr, links and \
     emphasis, and iframes from `embed_hosts`"
        .into()
}

/// Removes each frame that ammonia kept without a `src` (its address was refused) or
/// without a `title`: ammonia judges attributes one by one, and these are judged together.
/// The HTML is ammonia's own output, parsed and written again as html5ever writes it.
fn drop_unusable_frames(cleaned: &str) -> String {
    use html5ever::tendril::TendrilSink;
    use html5ever::{LocalName, QualName, ns};

    let context = QualName::new(None, ns!(html), LocalName::from("div"));
    let dom =
        html5ever::parse_fragment(RcDom::default(), Default::default(), context, vec![], false)
            .one(cleaned);
    let Some(root) = dom.document.children.borrow().first().cloned() else {
        return String::new();
    };
    let mut stack: Vec<Handle> = vec![root.clone()];
    while let Some(node) = stack.pop() {
        node.children
            .borrow_mut()
            .retain(|child| !is_unusable_frame(child));
        stack.extend(node.children.borrow().iter().cloned());
    }
    let mut out = Vec::new();
    let scope = html5ever::serialize::TraversalScope::ChildrenOnly(None);
    let options = html5ever::serialize::SerializeOpts {
        traversal_scope: scope,
        ..Default::default()
    };
    let handle: SerializableHandle = root.into();
    match html5ever::serialize(&mut out, &handle, options) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        // Writing to memory does not fail; if it did, nothing is safer than something.
        Err(_) => String::new(),
    }
}

fn is_unusable_frame(node: &Handle) -> bool {
    let NodeData::Element { name, attrs, .. } = &node.data else {
        return false;
    };
    if &*name.local != "iframe" {
        return false;
    }
    let attrs = attrs.borrow();
    let has = |wanted: &str| {
        attrs
            .iter()
            .any(|a| &*a.name.local == wanted && !a.value.trim().is_empty())
    };
    !has("src") || !has("title")
}

// --- Reading tags -----------------------------------------------------------------------

/// A start tag as written: its name, its attributes (decoded), and the line (1-based) of
/// the text where the tag ends.
#[derive(Debug, Clone)]
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    line: u64,
}

impl Element {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

enum Item {
    Start(Element),
    End(String),
}

#[derive(Default)]
struct Collector(std::cell::RefCell<Vec<Item>>);

impl TokenSink for Collector {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        let name = tag.name.to_string();
        if tag.kind == TagKind::EndTag {
            self.0.borrow_mut().push(Item::End(name));
            return TokenSinkResult::Continue;
        }
        let attributes = tag
            .attrs
            .iter()
            .map(|a| (a.name.local.to_string(), a.value.to_string()))
            .collect();
        // The tree builder would switch the tokenizer for these; here that is ours to do.
        let next = match name.as_str() {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
            "plaintext" => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        };
        self.0.borrow_mut().push(Item::Start(Element {
            name,
            attributes,
            line,
        }));
        next
    }
}

fn tokens(html: &str) -> Vec<Item> {
    let tokenizer = Tokenizer::new(Collector::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.take()
}

/// Finds where each element of a fragment is written. The tokenizer gives the line a tag
/// ends on; the tag's `<` is the first one for its name, from the previous element on, that
/// is not past that line.
struct Places<'t> {
    text: &'t str,
    /// Byte offset of the start of each line.
    lines: Vec<usize>,
    cursor: usize,
}

impl<'t> Places<'t> {
    fn new(text: &'t str) -> Self {
        let lines = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Places {
            text,
            lines,
            cursor: 0,
        }
    }

    fn element(&mut self, element: &Element) -> usize {
        let line = usize::try_from(element.line).unwrap_or(1).max(1);
        let line_start = self.lines.get(line - 1).copied().unwrap_or(0);
        let line_end = self.lines.get(line).copied().unwrap_or(self.text.len());
        let search = self.text.get(self.cursor..line_end).unwrap_or_default();
        let found = find_tag(search, &element.name).map(|i| self.cursor + i);
        let at = found.unwrap_or(line_start.max(self.cursor.min(line_end)));
        self.cursor = (at + 1).min(self.text.len());
        at
    }

    /// Where the value of `attribute` is written in the tag at `at`, past `=` and a quote.
    fn value(&self, at: usize, attribute: &str) -> usize {
        let name = self.attribute(at, attribute);
        let rest = self.text.get(name + attribute.len()..).unwrap_or_default();
        let Some(after) = rest.trim_start().strip_prefix('=') else {
            return name;
        };
        let value = after.trim_start();
        let quote = usize::from(value.starts_with(['"', '\'']));
        name + attribute.len() + (rest.len() - value.len()) + quote
    }

    /// Where `attribute` is written in the tag at `at`, or the tag's place.
    fn attribute(&self, at: usize, attribute: &str) -> usize {
        let tag = self.text.get(at..).unwrap_or_default();
        let tag = &tag[..tag.find('>').map_or(tag.len(), |i| i + 1)];
        let lower = tag.to_ascii_lowercase();
        lower
            .match_indices(attribute)
            .find(|&(i, _)| {
                let before = lower[..i].chars().next_back();
                let after = lower[i + attribute.len()..].chars().next();
                before.is_some_and(char::is_whitespace)
                    && after.is_none_or(|c| c == '=' || c == '>' || c == '/' || c.is_whitespace())
            })
            .map_or(at, |(i, _)| at + i)
    }
}

/// The offset of `<name` (any case, followed by a space, `/` or `>`) in `text`.
fn find_tag(text: &str, name: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    lower.match_indices(&format!("<{name}")).find_map(|(i, m)| {
        let after = lower[i + m.len()..].chars().next();
        after
            .is_none_or(|c| c == '>' || c == '/' || c.is_whitespace())
            .then_some(i)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts() -> Vec<String> {
        crate::config::DEFAULT_EMBED_HOSTS
            .iter()
            .map(|h| h.to_string())
            .collect()
    }

    fn messages(removed: &[Removal], written: &str) -> Vec<(String, String)> {
        removed
            .iter()
            .map(|r| {
                let at: String = written[r.offset..].chars().take(12).collect();
                (r.message.clone(), at)
            })
            .collect()
    }

    #[test]
    fn figures_tables_and_notes_survive_as_written() {
        let hosts = hosts();
        let sanitizer = Sanitizer::new(&hosts);
        for html in [
            "<figure><img src=\"/charts/a.png\" alt=\"A chart\"><figcaption>Source: <a href=\"https://stats.example.org/\">Statistics office</a></figcaption></figure>",
            "<table><tbody><tr><th colspan=\"2\" scope=\"col\">Both</th></tr><tr><td rowspan=\"2\">a</td><td>b</td></tr></tbody></table>",
            "<p>H<sub>2</sub>O, 10<sup>3</sup>, <abbr title=\"North Atlantic Treaty Organization\">NATO</abbr></p>",
        ] {
            let cleaned = sanitizer.clean_block(html);
            assert_eq!(cleaned.html, html);
            assert_eq!(cleaned.removed, []);
        }
    }

    #[test]
    fn frames_are_kept_from_listed_hosts_with_a_title() {
        let hosts = hosts();
        let sanitizer = Sanitizer::new(&hosts);
        let written = concat!(
            "<iframe title=\"Chart: river levels\" src=\"https://datawrapper.dwcdn.net/aBc12/1/\" style=\"border:none\" height=\"400\"></iframe>\n",
            "<iframe src=\"https://evil.example/x\" title=\"Looks fine\"></iframe>\n",
            "<iframe src=\"https://player.vimeo.com/video/1\"></iframe>\n",
        );
        let Cleaned {
            html: cleaned,
            removed,
            urls,
        } = sanitizer.clean_block(written);
        assert_eq!(
            urls,
            [(
                "https://datawrapper.dwcdn.net/aBc12/1/".to_string(),
                written.find("https://datawrapper").unwrap()
            )]
        );
        assert_eq!(
            cleaned,
            "<iframe title=\"Chart: river levels\" src=\"https://datawrapper.dwcdn.net/aBc12/1/\" height=\"400\" loading=\"lazy\"></iframe>\n\n\n"
        );
        assert_eq!(
            messages(&removed, written),
            [
                (
                    "raw HTML: removed `style` from `<iframe>`".to_string(),
                    "style=\"borde".to_string()
                ),
                (
                    "raw HTML: removed `<iframe>`: evil.example is not one of the site's `embed_hosts`".to_string(),
                    "<iframe src=".to_string()
                ),
                (
                    "raw HTML: removed `<iframe>`: it has no `title`".to_string(),
                    "<iframe src=".to_string()
                ),
            ]
        );
        assert_eq!(
            removed[1].offset,
            written.find("<iframe src=\"https://evil").unwrap()
        );
        assert_eq!(
            removed[2].offset,
            written.find("<iframe src=\"https://player").unwrap()
        );
    }

    #[test]
    fn script_and_handlers_go_and_are_reported_where_written() {
        let hosts = hosts();
        let sanitizer = Sanitizer::new(&hosts);
        let written = "<div>\n<img src=x onerror=alert(1) alt=\"\">\n<SCRIPT>alert(1)</SCRIPT>\n<a href=\"javascript:alert(1)\">x</a>\n</div>\n";
        let Cleaned {
            html: cleaned,
            removed,
            ..
        } = sanitizer.clean_block(written);
        assert_eq!(cleaned, "\n<img src=\"x\" alt=\"\">\n\n<a>x</a>\n\n");
        assert_eq!(
            messages(&removed, written),
            [
                ("raw HTML: removed `<div>`".to_string(), "<div>\n<img s".to_string()),
                (
                    "raw HTML: removed `onerror` from `<img>`".to_string(),
                    "onerror=aler".to_string()
                ),
                (
                    "raw HTML: removed `<script>` and everything in it".to_string(),
                    "<SCRIPT>aler".to_string()
                ),
                (
                    "raw HTML: removed `href` from `<a>`: \"javascript:alert(1)\" is not a URL a page may link to".to_string(),
                    "href=\"javasc".to_string()
                ),
            ]
        );
    }

    #[test]
    fn inline_tags_are_cleaned_one_by_one() {
        let hosts = hosts();
        let sanitizer = Sanitizer::new(&hosts);
        let start = |tag: &str| match sanitizer.clean_tag(tag) {
            Inline::Start {
                html,
                void,
                content_goes,
                removed,
                ..
            } => (html, void, content_goes, removed.len()),
            other => panic!("{tag}: {other:?}"),
        };
        let kept = |html: &str| Some(html.to_string());
        assert_eq!(start("<sup>"), (kept("<sup>"), false, false, 0));
        assert_eq!(
            start("<abbr title=\"x\" onclick=\"y\">"),
            (kept("<abbr title=\"x\">"), false, false, 1)
        );
        assert_eq!(
            start("<img src=\"/a.png\" alt=\"A\">"),
            (kept("<img src=\"/a.png\" alt=\"A\">"), true, false, 0)
        );
        assert_eq!(start("<script>"), (None, false, true, 1));
        assert_eq!(start("<span style=\"x\">"), (None, false, false, 1));
        assert_eq!(
            sanitizer.clean_tag("</sup>"),
            Inline::End { name: "sup".into() }
        );
        assert_eq!(sanitizer.clean_tag("<!-- note -->"), Inline::Other);
    }
}
