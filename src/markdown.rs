//! Markdown → HTML, with pulldown-cmark's options set in one place.
//!
//! Besides the HTML this pass yields what the rest of the site needs from a body: a plain-text
//! summary (the first paragraph), a word count, and the images given no alt text (for `check`).
//! Headings get stable ids; footnotes are gathered into one numbered list at the end. Raw HTML
//! written in a body is shown as text, and links or images with a scheme other than http(s),
//! mailto or a relative path are dropped, so no author can put script into a page.

use std::collections::BTreeSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// Words a reader gets through in a minute, for the reading time.
pub const WORDS_PER_MINUTE: usize = 230;

/// A rendered Markdown body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rendered {
    pub html: String,
    /// The first paragraph as plain text (empty when the body has none).
    pub first_paragraph: String,
    pub word_count: usize,
    /// Destinations of images that were given no alt text.
    pub images_without_alt: Vec<String>,
}

impl Rendered {
    /// Minutes to read, at least one.
    pub fn reading_minutes(&self) -> usize {
        self.word_count.div_ceil(WORDS_PER_MINUTE).max(1)
    }
}

fn options() -> Options {
    Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a Markdown body. Never fails: whatever the input, the output is well-formed HTML.
pub fn render(markdown: &str) -> Rendered {
    let events: Vec<Event> = Parser::new_ext(markdown, options()).collect();
    let shift = if events.iter().any(|e| {
        matches!(
            e,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            })
        )
    }) {
        1
    } else {
        0
    };

    let mut out = Rendered::default();
    let mut ids = Ids::default();
    let mut body: Vec<Event> = Vec::with_capacity(events.len());
    let mut footnotes: Vec<(String, Vec<Event>)> = Vec::new();
    let mut footnote_order: Vec<String> = Vec::new();
    let mut in_footnote: Option<(String, Vec<Event>)> = None;
    let mut dropped_links: Vec<bool> = Vec::new();
    let mut paragraph: Option<String> = None;
    let mut depth = 0usize;
    let mut heading: Option<(HeadingLevel, Option<String>, Vec<Event>)> = None;
    let mut image_alt: Option<(String, String)> = None;

    for event in events {
        // Track where we are: the summary comes from a top-level paragraph only.
        match &event {
            Event::Start(Tag::Paragraph)
                if depth == 0
                    && out.first_paragraph.is_empty()
                    && paragraph.is_none()
                    && in_footnote.is_none() =>
            {
                paragraph = Some(String::new());
            }
            Event::End(TagEnd::Paragraph) if depth == 1 => {
                if let Some(p) = paragraph.take() {
                    out.first_paragraph = p.split_whitespace().collect::<Vec<_>>().join(" ");
                }
            }
            _ => {}
        }
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if let (Some(p), Event::Text(t) | Event::Code(t)) = (paragraph.as_mut(), &event) {
            p.push_str(t);
        }
        if let (Some(p), Event::SoftBreak | Event::HardBreak) = (paragraph.as_mut(), &event) {
            p.push(' ');
        }
        if let Event::Text(t) = &event {
            out.word_count += t
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
        }

        let event = match event {
            // Raw HTML is shown, not obeyed.
            Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let safe = is_safe_url(&dest_url);
                dropped_links.push(!safe);
                if !safe {
                    continue;
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Link) => {
                if dropped_links.pop().unwrap_or(false) {
                    continue;
                }
                Event::End(TagEnd::Link)
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                image_alt = Some((dest_url.to_string(), String::new()));
                let dest_url = if is_safe_url(&dest_url) {
                    dest_url
                } else {
                    CowStr::Borrowed("")
                };
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Image) => {
                if let Some((dest, alt)) = image_alt.take()
                    && alt.trim().is_empty()
                {
                    out.images_without_alt.push(dest);
                }
                Event::End(TagEnd::Image)
            }
            Event::FootnoteReference(label) => {
                let key = label.to_string();
                let number = match footnote_order.iter().position(|l| *l == key) {
                    Some(i) => i + 1,
                    None => {
                        footnote_order.push(key.clone());
                        footnote_order.len()
                    }
                };
                let id = footnote_id(&key);
                // The first reference to a note carries the id the note links back to.
                let back = if ids.contains(&format!("fnref-{id}")) {
                    String::new()
                } else {
                    format!(" id=\"{}\"", ids.claim(&format!("fnref-{id}")))
                };
                Event::InlineHtml(CowStr::Boxed(
                    format!("<sup class=\"footnote-ref\"{back}><a href=\"#fn-{id}\" aria-label=\"Note {number}\">{number}</a></sup>").into_boxed_str(),
                ))
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                in_footnote = Some((label.to_string(), Vec::new()));
                continue;
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some(note) = in_footnote.take() {
                    footnotes.push(note);
                }
                continue;
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((shifted(level, shift), id.map(|i| i.to_string()), Vec::new()));
                continue;
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, id, inner)) = heading.take() {
                    let text = plain_text(&inner);
                    let wanted = id
                        .map(slug::slugify)
                        .filter(|i| !i.is_empty())
                        .unwrap_or_else(|| heading_slug(&text));
                    let id = ids.claim(&wanted);
                    let sink = in_footnote.as_mut().map_or(&mut body, |(_, events)| events);
                    sink.push(Event::Start(Tag::Heading {
                        level,
                        id: Some(CowStr::Boxed(id.into_boxed_str())),
                        classes: Vec::new(),
                        attrs: Vec::new(),
                    }));
                    sink.extend(inner);
                    sink.push(Event::End(TagEnd::Heading(level)));
                }
                continue;
            }
            other => other,
        };
        if let (Some((_, alt)), Event::Text(t)) = (image_alt.as_mut(), &event) {
            alt.push_str(t);
        }
        if let Some((_, _, inner)) = heading.as_mut() {
            inner.push(event);
        } else if let Some((_, events)) = in_footnote.as_mut() {
            events.push(event);
        } else {
            body.push(event);
        }
    }

    let mut html_out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut html_out, body.into_iter());
    if !footnotes.is_empty() {
        // Notes appear in the order they are first cited; notes never cited come last.
        footnotes.sort_by_key(|(label, _)| {
            footnote_order
                .iter()
                .position(|l| l == label)
                .unwrap_or(usize::MAX)
        });
        html_out.push_str("<section class=\"footnotes\" aria-label=\"Notes\">\n<ol>\n");
        for (label, events) in footnotes {
            let id = footnote_id(&label);
            let note_id = ids.claim(&format!("fn-{id}"));
            html_out.push_str(&format!("<li id=\"{note_id}\">"));
            html::push_html(&mut html_out, events.into_iter());
            if ids.contains(&format!("fnref-{id}")) {
                let trimmed = html_out.trim_end().len();
                html_out.truncate(trimmed);
                if html_out.ends_with("</p>") {
                    html_out.truncate(html_out.len() - 4);
                    html_out.push_str(&format!(" <a href=\"#fnref-{id}\" class=\"footnote-back\" aria-label=\"Back to text\">↩</a></p>"));
                } else {
                    html_out.push_str(&format!(" <a href=\"#fnref-{id}\" class=\"footnote-back\" aria-label=\"Back to text\">↩</a>"));
                }
            }
            html_out.push_str("</li>\n");
        }
        html_out.push_str("</ol>\n</section>\n");
    }
    out.html = html_out;
    out
}

fn shifted(level: HeadingLevel, by: usize) -> HeadingLevel {
    use HeadingLevel::*;
    let levels = [H1, H2, H3, H4, H5, H6];
    let index = levels.iter().position(|l| *l == level).unwrap_or(0);
    levels[(index + by).min(5)]
}

fn plain_text(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        if let Event::Text(t) | Event::Code(t) = event {
            text.push_str(t);
        }
    }
    text
}

fn heading_slug(text: &str) -> String {
    let s = slug::slugify(text);
    if s.is_empty() { "section".into() } else { s }
}

fn footnote_id(label: &str) -> String {
    let s = slug::slugify(label);
    if s.is_empty() {
        format!("{:x}", crate::model::url::stable_hash(label) & 0xffff_ffff)
    } else {
        s
    }
}

/// Whether a link may be followed from a page: web, mail, a fragment, or a relative path.
pub fn is_safe_url(url: &str) -> bool {
    let lower: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_ascii_control() && !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(colon) => {
            // A colon after the first `/`, `?` or `#` belongs to the path, not a scheme.
            let before = &lower[..colon];
            if before.contains(['/', '?', '#']) {
                return true;
            }
            matches!(before, "http" | "https" | "mailto")
        }
    }
}

/// Ids handed out on one page, each unique.
#[derive(Default)]
struct Ids {
    taken: BTreeSet<String>,
}

impl Ids {
    /// Ids the page template itself uses; a heading never takes them.
    const RESERVED: [&'static str; 4] = ["main", "top", "notes", "content"];

    fn claim(&mut self, wanted: &str) -> String {
        let mut id = wanted.to_string();
        let mut n = 1;
        while self.taken.contains(&id) || Self::RESERVED.contains(&id.as_str()) {
            id = format!("{wanted}-{n}");
            n += 1;
        }
        self.taken.insert(id.clone());
        id
    }

    fn contains(&self, id: &str) -> bool {
        self.taken.contains(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnotes_are_numbered_and_linked_both_ways() {
        let r = render("Claim.[^src] Another.[^b]\n\n[^b]: Second.\n[^src]: First *source*.\n");
        assert!(r.html.contains("<sup class=\"footnote-ref\" id=\"fnref-src\"><a href=\"#fn-src\" aria-label=\"Note 1\">1</a></sup>"), "{}", r.html);
        let first = r.html.find("<li id=\"fn-src\">").unwrap();
        let second = r.html.find("<li id=\"fn-b\">").unwrap();
        assert!(first < second);
        assert!(
            r.html
                .contains("First <em>source</em>. <a href=\"#fnref-src\" class=\"footnote-back\"")
        );
    }

    #[test]
    fn headings_get_unique_ids_and_h1_is_demoted() {
        let r = render("# Intro\n\n## Intro\n\n## Main {#main}\n");
        assert!(r.html.contains("<h2 id=\"intro\">Intro</h2>"), "{}", r.html);
        assert!(r.html.contains("<h3 id=\"intro-1\">Intro</h3>"));
        assert!(r.html.contains("<h3 id=\"main-1\">Main</h3>"));
    }

    #[test]
    fn summary_words_and_reading_time() {
        let r = render("A first \"claim\" -- made\nhere.\n\nSecond paragraph.\n");
        assert_eq!(r.first_paragraph, "A first “claim” – made here.");
        assert_eq!(r.word_count, 7);
        assert_eq!(r.reading_minutes(), 1);
        assert_eq!(render(&"word ".repeat(461)).reading_minutes(), 3);
    }

    #[test]
    fn script_cannot_get_in() {
        let r = render(
            "<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> [x](javascript:alert(1)) [y](JaVa\tScript:alert(1)) ![a](javascript:x)\n",
        );
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("<img src=x"));
        assert!(!r.html.to_ascii_lowercase().contains("href=\"javascript"));
        assert!(!r.html.to_ascii_lowercase().contains("src=\"javascript"));
        assert!(r.html.contains("&lt;script&gt;"));
    }

    #[test]
    fn urls_are_judged_by_scheme() {
        for (url, safe) in [
            ("https://a.org", true),
            ("/x/", true),
            ("#fn", true),
            ("a/b:c", true),
            ("mailto:a@b", true),
            ("javascript:x", false),
            ("data:text/html,x", false),
            (" vbscript:x", false),
        ] {
            assert_eq!(is_safe_url(url), safe, "{url}");
        }
    }

    #[test]
    fn images_without_alt_are_noted() {
        let r = render("![](/a.png) ![A chart](/b.png)");
        assert_eq!(r.images_without_alt, ["/a.png"]);
    }
}
