//! Markdown → HTML, with pulldown-cmark's options set in one place.
//!
//! The body is rendered by a few small passes over pulldown-cmark's event stream, each an
//! iterator adapter, in this order:
//!
//! 1. `Survey` only looks: the first paragraph (for the summary), the word count, images given
//!    no alt text, and every link and image destination with the place it is written, so that
//!    `check` can point at the Markdown rather than at the page.
//! 2. `Sanitize` keeps script out: raw HTML is cleaned by `sanitize` (ammonia), an HTML block
//!    as a whole and inline tags one by one, and a link or image whose URL `safe_url` refuses
//!    is dropped. What cleaning removed is kept, with its place, for `check`.
//! 3. `Figures` turns an image with a title, alone in its paragraph, into a `<figure>` with
//!    the title as its caption.
//! 4. `HeadingIds` gives each heading a stable, unique id, and demotes every heading one level
//!    when the body has an `# H1` of its own (the page's title is the only `h1`). It lists
//!    the body's headings, for a table of contents.
//! 5. `Footnotes` numbers references in the order they are first cited, takes the notes out of
//!    the flow and writes them as one list at the end, each linked back to its reference.

use std::cell::RefCell;
use std::collections::{BTreeSet, VecDeque};
use std::ops::Range;

use pulldown_cmark::{
    CowStr, Event, HeadingLevel, LinkType, Options, Parser, RefDefs, Tag, TagEnd, html,
};

use crate::safe_url;
use crate::sanitize::{Inline, Removal, Sanitizer};

/// Words a reader gets through in a minute, for the reading time.
pub const WORDS_PER_MINUTE: usize = 230;

/// A rendered Markdown body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rendered {
    pub html: String,
    /// The first paragraph as plain text (empty when the body has none).
    pub first_paragraph: String,
    pub word_count: usize,
    /// Images that were given no alt text.
    pub images_without_alt: Vec<Destination>,
    /// Every link and image destination, as written, in the order their links end; then
    /// each `href` and `src` kept in raw HTML.
    pub destinations: Vec<Destination>,
    /// What cleaning took out of the raw HTML, at byte offsets into the Markdown text.
    pub removed: Vec<Removal>,
    /// The body's headings (not those inside footnotes), in order.
    pub headings: Vec<Heading>,
}

/// A heading of the body, as rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 2 to 6: the level on the page, after any demotion.
    pub level: u8,
    pub id: String,
    /// The heading as plain text.
    pub text: String,
}

impl Rendered {
    /// Minutes to read, at least one.
    pub fn reading_minutes(&self) -> usize {
        self.word_count.div_ceil(WORDS_PER_MINUTE).max(1)
    }
}

/// A link or image destination as written, and where: a byte offset into the Markdown text
/// that was rendered (for a reference link, into its definition).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    pub url: String,
    pub offset: usize,
}

/// An event and the bytes of the Markdown it came from.
type Spanned<'a> = (Event<'a>, Range<usize>);

/// The Markdown broadsheet reads, in one place: the importers find links with the same options.
pub(crate) fn options() -> Options {
    Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a Markdown body; an `<iframe>` in its raw HTML may show a page of one of
/// `embed_hosts`. Never fails: whatever the input, the output is well-formed HTML.
pub fn render(markdown: &str, embed_hosts: &[String]) -> Rendered {
    let mut parser = Parser::new_ext(markdown, options()).into_offset_iter();
    // Whether headings are demoted depends on one that may come last, so the stream is read
    // whole before any pass runs.
    let events: Vec<Spanned> = parser.by_ref().collect();
    let demote = events.iter().any(|(event, _)| {
        matches!(
            event,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            })
        )
    });

    let mut survey = Survey::new(markdown, parser.reference_definitions());
    let ids = RefCell::new(Ids::default());
    let mut notes = Footnotes::default();
    let sanitizer = Sanitizer::new(embed_hosts);
    let mut removed = Vec::new();
    let mut raw_urls = Vec::new();
    let mut headings = Vec::new();
    let mut html_out = String::with_capacity(markdown.len() * 3 / 2);
    let events = events
        .into_iter()
        .inspect(|(event, range)| survey.observe(event, range));
    let events = Sanitize::new(events, &sanitizer, &mut removed, &mut raw_urls);
    let events = HeadingIds::new(Figures::new(events), demote, &ids, &mut headings);
    let events = notes.gather(events, &ids);
    html::push_html(&mut html_out, events.map(|(event, _)| event));
    notes.write(&mut html_out, &mut ids.borrow_mut());
    let mut rendered = survey.finish(html_out);
    rendered.destinations.extend(raw_urls);
    Rendered {
        removed,
        headings,
        ..rendered
    }
}

// --- Survey: what the rest of the site needs to know about a body ---------------------

/// The read-only pass.
struct Survey<'m> {
    markdown: &'m str,
    definitions: &'m RefDefs<'m>,
    /// How many elements are open around the current event.
    depth: usize,
    /// The first top-level paragraph, while it is being read.
    paragraph: Option<String>,
    first_paragraph: String,
    word_count: usize,
    /// Links and images being read: where each starts, and where its text ends so far.
    open: Vec<OpenLink>,
    /// The alt text of the image being read.
    alt: Option<String>,
    images_without_alt: Vec<Destination>,
    destinations: Vec<Destination>,
}

struct OpenLink {
    link_type: LinkType,
    url: String,
    id: String,
    start: usize,
    text_end: Option<usize>,
    image: bool,
}

impl<'m> Survey<'m> {
    fn new(markdown: &'m str, definitions: &'m RefDefs<'m>) -> Self {
        Survey {
            markdown,
            definitions,
            depth: 0,
            paragraph: None,
            first_paragraph: String::new(),
            word_count: 0,
            open: Vec::new(),
            alt: None,
            images_without_alt: Vec::new(),
            destinations: Vec::new(),
        }
    }

    fn observe(&mut self, event: &Event, range: &Range<usize>) {
        // The summary comes from a top-level paragraph only.
        match event {
            Event::Start(Tag::Paragraph)
                if self.depth == 0
                    && self.first_paragraph.is_empty()
                    && self.paragraph.is_none() =>
            {
                self.paragraph = Some(String::new());
            }
            Event::End(TagEnd::Paragraph) if self.depth == 1 => {
                if let Some(p) = self.paragraph.take() {
                    self.first_paragraph = p.split_whitespace().collect::<Vec<_>>().join(" ");
                }
            }
            _ => {}
        }
        match event {
            Event::Start(_) => self.depth += 1,
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        if let Some(p) = self.paragraph.as_mut() {
            match event {
                Event::Text(t) | Event::Code(t) => p.push_str(t),
                Event::SoftBreak | Event::HardBreak => p.push(' '),
                _ => {}
            }
        }
        if let Event::Text(t) = event {
            self.word_count += t
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
        }
        if let (Some(alt), Event::Text(t) | Event::Html(t) | Event::InlineHtml(t)) =
            (self.alt.as_mut(), event)
        {
            alt.push_str(t);
        }

        if !matches!(event, Event::End(TagEnd::Link | TagEnd::Image))
            && let Some(link) = self.open.last_mut()
        {
            link.text_end = Some(range.end);
        }
        match event {
            Event::Start(
                tag @ (Tag::Link {
                    link_type,
                    dest_url,
                    id,
                    ..
                }
                | Tag::Image {
                    link_type,
                    dest_url,
                    id,
                    ..
                }),
            ) => {
                let image = matches!(tag, Tag::Image { .. });
                if image {
                    self.alt = Some(String::new());
                }
                self.open.push(OpenLink {
                    link_type: *link_type,
                    url: dest_url.to_string(),
                    id: id.to_string(),
                    start: range.start,
                    text_end: None,
                    image,
                });
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                let Some(link) = self.open.pop() else {
                    return;
                };
                let destination = Destination {
                    offset: self.written_at(&link, range),
                    url: link.url,
                };
                if link.image
                    && let Some(alt) = self.alt.take()
                    && alt.trim().is_empty()
                {
                    self.images_without_alt.push(destination.clone());
                }
                self.destinations.push(destination);
            }
            _ => {}
        }
    }

    /// Where a link's destination is written: after the `](` that closes its text, at the
    /// start of its reference definition's URL, or inside the `<…>` of an autolink.
    fn written_at(&self, link: &OpenLink, range: &Range<usize>) -> usize {
        let after = |from: usize, end: usize, marker: &str| {
            let text = self.markdown.get(from..end)?;
            let at = text.find(marker)? + marker.len();
            let rest = &text[at..];
            let skipped = rest.len() - rest.trim_start().len();
            let angle = usize::from(rest.trim_start().starts_with('<'));
            Some(from + at + skipped + angle)
        };
        let found = match link.link_type {
            LinkType::Inline => {
                // The text may hold `](` of its own (an image inside a link), so look only
                // past it.
                let text_end = link.text_end.unwrap_or(link.start + 1);
                after(text_end, range.end, "](")
            }
            LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut => self
                .definitions
                .get(&link.id)
                .and_then(|definition| after(definition.span.start, definition.span.end, "]:")),
            LinkType::Autolink | LinkType::Email => Some(range.start + 1),
            _ => None,
        };
        found.unwrap_or(range.start)
    }

    fn finish(self, html: String) -> Rendered {
        Rendered {
            html,
            first_paragraph: self.first_paragraph,
            word_count: self.word_count,
            images_without_alt: self.images_without_alt,
            destinations: self.destinations,
            removed: Vec::new(),
            headings: Vec::new(),
        }
    }
}

// --- Sanitize: nothing written in a body runs in a reader's browser -------------------

/// Cleans raw HTML, and drops links and image sources whose URL is not safe.
///
/// An HTML block is cleaned whole. Inline HTML comes as one event per tag, with Markdown
/// between (`<abbr title="…">NATO</abbr>`), so each tag is cleaned alone and the pass keeps
/// the elements it let open: an end tag is written only for one of them, and whatever is
/// still open when its paragraph (or cell, or item) ends is closed there, so no tag written
/// in a piece can reach past it.
struct Sanitize<'s, 'h, 'a, I> {
    events: I,
    sanitizer: &'s Sanitizer<'h>,
    removed: &'s mut Vec<Removal>,
    /// The URLs kept in raw HTML, with where they are written.
    urls: &'s mut Vec<Destination>,
    /// How many elements are open around the current event.
    depth: usize,
    /// One entry per open link: whether it was dropped, so its end is dropped too.
    dropped_links: Vec<bool>,
    /// Inside an image, whose alt text is plain text.
    images: usize,
    /// Inline elements kept open, and the depth they were opened at.
    open: Vec<(String, usize)>,
    /// While inside a removed `<script>` or `<style>`: its name, and the depth it opened at.
    skipping: Option<(String, usize)>,
    ready: VecDeque<Spanned<'a>>,
}

impl<'s, 'h, 'a, I: Iterator<Item = Spanned<'a>>> Sanitize<'s, 'h, 'a, I> {
    fn new(
        events: I,
        sanitizer: &'s Sanitizer<'h>,
        removed: &'s mut Vec<Removal>,
        urls: &'s mut Vec<Destination>,
    ) -> Self {
        Sanitize {
            events,
            sanitizer,
            removed,
            urls,
            depth: 0,
            dropped_links: Vec::new(),
            images: 0,
            open: Vec::new(),
            skipping: None,
            ready: VecDeque::new(),
        }
    }

    fn note(
        &mut self,
        removed: Vec<Removal>,
        urls: Vec<(String, usize)>,
        at: impl Fn(usize) -> usize,
    ) {
        self.removed.extend(removed.into_iter().map(|r| Removal {
            offset: at(r.offset),
            ..r
        }));
        self.urls
            .extend(urls.into_iter().map(|(url, offset)| Destination {
                url,
                offset: at(offset),
            }));
    }

    /// Cleans the HTML block that `start` opens, and queues it.
    fn block(&mut self, start: Range<usize>) {
        // The block's lines, each with where it is written: inside a quotation or a list
        // item, the source has `> ` or indentation between them.
        let mut fragment = String::new();
        let mut pieces: Vec<(usize, usize)> = Vec::new();
        let mut end = start.clone();
        for (event, range) in self.events.by_ref() {
            match event {
                Event::Html(text) | Event::InlineHtml(text) => {
                    pieces.push((fragment.len(), range.start));
                    fragment.push_str(&text);
                }
                Event::End(TagEnd::HtmlBlock) => {
                    end = range;
                    break;
                }
                _ => {}
            }
        }
        let cleaned = self.sanitizer.clean_block(&fragment);
        let written_at = |offset: usize| {
            let (from, written) = pieces
                .iter()
                .rev()
                .find(|(from, _)| *from <= offset)
                .copied()
                .unwrap_or((0, start.start));
            written + offset - from
        };
        self.note(cleaned.removed, cleaned.urls, written_at);
        let cleaned = cleaned.html;
        self.ready
            .push_back((Event::Start(Tag::HtmlBlock), start.clone()));
        self.ready
            .push_back((Event::Html(CowStr::Boxed(cleaned.into_boxed_str())), start));
        self.ready.push_back((Event::End(TagEnd::HtmlBlock), end));
    }

    /// What to write for one inline tag, if anything.
    fn inline(&mut self, tag: &str, range: Range<usize>) -> Option<Spanned<'a>> {
        match self.sanitizer.clean_tag(tag) {
            Inline::Start {
                name,
                html,
                void,
                content_goes,
                removed,
                urls,
            } => {
                self.note(removed, urls, |offset| range.start + offset);
                let Some(html) = html else {
                    if content_goes {
                        self.skipping = Some((name, self.depth));
                    }
                    return None;
                };
                if !void {
                    self.open.push((name, self.depth));
                }
                Some((
                    Event::InlineHtml(CowStr::Boxed(html.into_boxed_str())),
                    range,
                ))
            }
            Inline::End { name } => {
                // Only an element opened in this same element of the Markdown: an end tag
                // never closes what Markdown opened.
                let at = self
                    .open
                    .iter()
                    .rposition(|(n, depth)| *n == name && *depth == self.depth)?;
                let closing = self.close(at);
                Some((
                    Event::InlineHtml(CowStr::Boxed(closing.into_boxed_str())),
                    range,
                ))
            }
            Inline::Other => None,
        }
    }

    /// End tags for the open elements from `at` on, innermost first.
    fn close(&mut self, at: usize) -> String {
        self.open
            .drain(at..)
            .rev()
            .map(|(name, _)| format!("</{name}>"))
            .collect()
    }
}

impl<'a, I: Iterator<Item = Spanned<'a>>> Iterator for Sanitize<'_, '_, 'a, I> {
    type Item = Spanned<'a>;

    fn next(&mut self) -> Option<Spanned<'a>> {
        loop {
            if let Some(ready) = self.ready.pop_front() {
                return Some(ready);
            }
            let (event, range) = self.events.next()?;
            if let Some((name, at)) = &self.skipping {
                match &event {
                    Event::Start(_) => self.depth += 1,
                    Event::End(_) if self.depth > *at => self.depth -= 1,
                    // The paragraph ends before the script does: so does the script.
                    Event::End(_) => self.skipping = None,
                    Event::InlineHtml(tag) if self.depth == *at => {
                        if matches!(self.sanitizer.clean_tag(tag), Inline::End { name: n } if n == *name)
                        {
                            self.skipping = None;
                        }
                    }
                    _ => {}
                }
                if self.skipping.is_some() || !matches!(event, Event::End(_)) {
                    continue;
                }
            }
            let event = match event {
                Event::Start(Tag::HtmlBlock) => {
                    self.block(range);
                    continue;
                }
                // An alt text is plain text; tags in it were never going to be markup.
                Event::InlineHtml(_) | Event::Html(_) if self.images > 0 => continue,
                Event::InlineHtml(tag) | Event::Html(tag) => match self.inline(&tag, range) {
                    Some(spanned) => return Some(spanned),
                    None => continue,
                },
                Event::End(end) => {
                    // What was opened inside the element that ends closes with it.
                    if let Some(at) = self.open.iter().position(|(_, d)| *d >= self.depth) {
                        let closing = self.close(at);
                        self.ready.push_back((
                            Event::InlineHtml(CowStr::Boxed(closing.into_boxed_str())),
                            range.clone(),
                        ));
                    }
                    self.depth = self.depth.saturating_sub(1);
                    let dropped = match end {
                        TagEnd::Image => {
                            self.images = self.images.saturating_sub(1);
                            false
                        }
                        TagEnd::Link => self.dropped_links.pop().unwrap_or(false),
                        _ => false,
                    };
                    if !dropped {
                        self.ready.push_back((Event::End(end), range));
                    }
                    continue;
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    self.depth += 1;
                    let safe = safe_url::is_safe(&dest_url);
                    self.dropped_links.push(!safe);
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
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    self.depth += 1;
                    self.images += 1;
                    Event::Start(Tag::Image {
                        link_type,
                        dest_url: if safe_url::is_safe(&dest_url) {
                            dest_url
                        } else {
                            CowStr::Borrowed("")
                        },
                        title,
                        id,
                    })
                }
                Event::Start(tag) => {
                    self.depth += 1;
                    Event::Start(tag)
                }
                other => other,
            };
            return Some((event, range));
        }
    }
}

// --- Figures --------------------------------------------------------------------------

/// An image with a title, alone in its paragraph, becomes a figure captioned by the title.
/// (An image with a title inside running text stays an image: a figure cannot sit in a
/// paragraph.)
struct Figures<'a, I> {
    events: I,
    ready: VecDeque<Spanned<'a>>,
}

impl<'a, I: Iterator<Item = Spanned<'a>>> Figures<'a, I> {
    fn new(events: I) -> Self {
        Figures {
            events,
            ready: VecDeque::new(),
        }
    }
}

impl<'a, I: Iterator<Item = Spanned<'a>>> Iterator for Figures<'a, I> {
    type Item = Spanned<'a>;

    fn next(&mut self) -> Option<Spanned<'a>> {
        if let Some(ready) = self.ready.pop_front() {
            return Some(ready);
        }
        let (event, range) = self.events.next()?;
        if !matches!(event, Event::Start(Tag::Paragraph)) {
            return Some((event, range));
        }
        let paragraph = (event, range);
        let Some(first) = self.events.next() else {
            return Some(paragraph);
        };
        let captioned =
            matches!(&first.0, Event::Start(Tag::Image { title, .. }) if !title.trim().is_empty());
        if !captioned {
            self.ready.push_back(first);
            return Some(paragraph);
        }
        // Read the image to its end, then see whether the paragraph ends with it.
        let mut image = vec![first];
        for spanned in self.events.by_ref() {
            let end = matches!(spanned.0, Event::End(TagEnd::Image));
            image.push(spanned);
            if end {
                break;
            }
        }
        let Some(after) = self.events.next() else {
            self.ready.extend(image);
            return Some(paragraph);
        };
        if !matches!(after.0, Event::End(TagEnd::Paragraph)) {
            self.ready.extend(image);
            self.ready.push_back(after);
            return Some(paragraph);
        }
        let (
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }),
            at,
        ) = image.remove(0)
        else {
            unreachable!("the first event was checked to be an image");
        };
        let html = |text: &'static str| (Event::Html(CowStr::Borrowed(text)), at.clone());
        self.ready.push_back(html("<figure>"));
        // The caption says what the title said; the image does not say it twice.
        self.ready.push_back((
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title: CowStr::Borrowed(""),
                id,
            }),
            at.clone(),
        ));
        self.ready.extend(image);
        self.ready.push_back(html("<figcaption>"));
        self.ready.push_back((Event::Text(title), at.clone()));
        self.ready.push_back(html("</figcaption></figure>\n"));
        self.ready.pop_front()
    }
}

// --- Heading ids ----------------------------------------------------------------------

/// Gives every heading an id (its `{#id}` if written, else a slug of its text) that no other
/// element of the page has, demoting each heading a level when asked.
struct HeadingIds<'i, 'a, I> {
    events: I,
    demote: bool,
    ids: &'i RefCell<Ids>,
    /// The headings of the body, outside footnotes.
    headings: &'i mut Vec<Heading>,
    /// Inside a footnote, whose headings are not the body's.
    in_note: bool,
    /// A whole heading, ready to go out.
    ready: VecDeque<Spanned<'a>>,
}

impl<'i, 'a, I: Iterator<Item = Spanned<'a>>> HeadingIds<'i, 'a, I> {
    fn new(events: I, demote: bool, ids: &'i RefCell<Ids>, headings: &'i mut Vec<Heading>) -> Self {
        HeadingIds {
            events,
            demote,
            ids,
            headings,
            in_note: false,
            ready: VecDeque::new(),
        }
    }
}

impl<'a, I: Iterator<Item = Spanned<'a>>> Iterator for HeadingIds<'_, 'a, I> {
    type Item = Spanned<'a>;

    fn next(&mut self) -> Option<Spanned<'a>> {
        if let Some(ready) = self.ready.pop_front() {
            return Some(ready);
        }
        let (event, range) = self.events.next()?;
        match event {
            Event::Start(Tag::FootnoteDefinition(_)) => self.in_note = true,
            Event::End(TagEnd::FootnoteDefinition) => self.in_note = false,
            _ => {}
        }
        let Event::Start(Tag::Heading { level, id, .. }) = event else {
            return Some((event, range));
        };
        // The id is a slug of the text, so the heading is read to its end first.
        let mut inner = Vec::new();
        let mut end = range.clone();
        for (event, range) in self.events.by_ref() {
            if matches!(event, Event::End(TagEnd::Heading(_))) {
                end = range;
                break;
            }
            inner.push((event, range));
        }
        let level = if self.demote { demoted(level) } else { level };
        let text = plain_text(&inner);
        let wanted = id
            .map(slug::slugify)
            .filter(|id| !id.is_empty())
            .unwrap_or_else(|| heading_slug(&text));
        let id = self.ids.borrow_mut().claim(&wanted);
        if !self.in_note {
            self.headings.push(Heading {
                level: level as u8,
                id: id.clone(),
                text: text.split_whitespace().collect::<Vec<_>>().join(" "),
            });
        }
        self.ready.extend(inner);
        self.ready
            .push_back((Event::End(TagEnd::Heading(level)), end));
        Some((
            Event::Start(Tag::Heading {
                level,
                id: Some(CowStr::Boxed(id.into_boxed_str())),
                classes: Vec::new(),
                attrs: Vec::new(),
            }),
            range,
        ))
    }
}

fn demoted(level: HeadingLevel) -> HeadingLevel {
    use HeadingLevel::*;
    match level {
        H1 => H2,
        H2 => H3,
        H3 => H4,
        H4 => H5,
        H5 | H6 => H6,
    }
}

fn plain_text(events: &[Spanned]) -> String {
    let mut text = String::new();
    for (event, _) in events {
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

// --- Footnotes ------------------------------------------------------------------------

/// Footnote definitions taken out of the flow, and the order references first cite them.
#[derive(Default)]
struct Footnotes<'a> {
    /// Labels in the order they are first cited.
    cited: Vec<String>,
    /// Each note's label and content, in the order written.
    notes: Vec<(String, Vec<Event<'a>>)>,
    /// The note being read.
    open: Option<(String, Vec<Event<'a>>)>,
}

impl<'a> Footnotes<'a> {
    /// Passes `events` on with each reference numbered and each note taken out.
    fn gather<'n, I: Iterator<Item = Spanned<'a>>>(
        &'n mut self,
        events: I,
        ids: &'n RefCell<Ids>,
    ) -> impl Iterator<Item = Spanned<'a>> + use<'n, 'a, I> {
        let mut events = events;
        std::iter::from_fn(move || {
            loop {
                let (event, range) = events.next()?;
                let event = match event {
                    Event::FootnoteReference(label) => {
                        self.reference(&label, &mut ids.borrow_mut())
                    }
                    Event::Start(Tag::FootnoteDefinition(label)) => {
                        self.open = Some((label.to_string(), Vec::new()));
                        continue;
                    }
                    Event::End(TagEnd::FootnoteDefinition) => {
                        if let Some(note) = self.open.take() {
                            self.notes.push(note);
                        }
                        continue;
                    }
                    other => other,
                };
                match self.open.as_mut() {
                    Some((_, note)) => note.push(event),
                    None => return Some((event, range)),
                }
            }
        })
    }

    /// The superscript number that links a reference to its note.
    fn reference(&mut self, label: &str, ids: &mut Ids) -> Event<'a> {
        let number = match self.cited.iter().position(|l| l == label) {
            Some(i) => i + 1,
            None => {
                self.cited.push(label.to_string());
                self.cited.len()
            }
        };
        let id = footnote_id(label);
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

    /// Writes the notes, in the order they are first cited (notes never cited last).
    fn write(mut self, html_out: &mut String, ids: &mut Ids) {
        if self.notes.is_empty() {
            return;
        }
        let cited = std::mem::take(&mut self.cited);
        self.notes
            .sort_by_key(|(label, _)| cited.iter().position(|l| l == label).unwrap_or(usize::MAX));
        html_out.push_str("<section class=\"footnotes\" aria-label=\"Notes\">\n<ol>\n");
        for (label, events) in self.notes {
            let id = footnote_id(&label);
            let note_id = ids.claim(&format!("fn-{id}"));
            html_out.push_str(&format!("<li id=\"{note_id}\">"));
            html::push_html(html_out, events.into_iter());
            if ids.contains(&format!("fnref-{id}")) {
                let back = format!(
                    " <a href=\"#fnref-{id}\" class=\"footnote-back\" aria-label=\"Back to text\">↩</a>"
                );
                let trimmed = html_out.trim_end().len();
                html_out.truncate(trimmed);
                // Inside the note's last paragraph, when it ends with one.
                if html_out.ends_with("</p>") {
                    html_out.truncate(html_out.len() - 4);
                    html_out.push_str(&back);
                    html_out.push_str("</p>");
                } else {
                    html_out.push_str(&back);
                }
            }
            html_out.push_str("</li>\n");
        }
        html_out.push_str("</ol>\n</section>\n");
    }
}

fn footnote_id(label: &str) -> String {
    let s = slug::slugify(label);
    if s.is_empty() {
        format!("{:x}", crate::model::url::stable_hash(label) & 0xffff_ffff)
    } else {
        s
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

/// A short note written in Markdown, such as a correction (issue 12): its HTML, sanitized
/// like a body, with a note of one paragraph unwrapped so it reads inline after its date;
/// and its plain text, for JSON-LD.
pub fn note(markdown: &str) -> (String, String) {
    let html = render(markdown, &[]).html;
    let html = html.trim_end();
    let inline = html
        .strip_prefix("<p>")
        .and_then(|inner| inner.strip_suffix("</p>"))
        .filter(|inner| !inner.contains("<p>"));
    let mut text = String::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => text.push(' '),
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (inline.unwrap_or(html).to_string(), text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(markdown: &str) -> Rendered {
        let hosts: Vec<String> = crate::config::DEFAULT_EMBED_HOSTS
            .iter()
            .map(|h| h.to_string())
            .collect();
        render(markdown, &hosts)
    }

    #[test]
    fn footnotes_are_numbered_and_linked_both_ways() {
        let r = md("Claim.[^src] Another.[^b]\n\n[^b]: Second.\n[^src]: First *source*.\n");
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
        let r = md("# Intro\n\n## Intro\n\n## Main {#main}\n");
        assert!(r.html.contains("<h2 id=\"intro\">Intro</h2>"), "{}", r.html);
        assert!(r.html.contains("<h3 id=\"intro-1\">Intro</h3>"));
        assert!(r.html.contains("<h3 id=\"main-1\">Main</h3>"));
    }

    #[test]
    fn summary_words_and_reading_time() {
        let r = md("A first \"claim\" -- made\nhere.\n\nSecond paragraph.\n");
        assert_eq!(r.first_paragraph, "A first “claim” – made here.");
        assert_eq!(r.word_count, 7);
        assert_eq!(r.reading_minutes(), 1);
        assert_eq!(md(&"word ".repeat(461)).reading_minutes(), 3);
    }

    #[test]
    fn script_cannot_get_in() {
        let r = md(
            "<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> [x](javascript:alert(1)) [y](JaVa\tScript:alert(1)) ![a](javascript:x)\n",
        );
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("<img src=x"));
        assert!(!r.html.to_ascii_lowercase().contains("href=\"javascript"));
        assert!(!r.html.to_ascii_lowercase().contains("src=\"javascript"));
        assert!(!r.html.contains("alert(1)</"), "{}", r.html);
        assert!(!r.html.contains("onerror"), "{}", r.html);
        assert_eq!(
            r.html,
            "\n<p>Text <img src=\"x\"> x [y](JaVa\tScript:alert(1)) <img src=\"\" alt=\"a\" /></p>\n"
        );
        let removed: Vec<&str> = r.removed.iter().map(|r| r.message.as_str()).collect();
        assert_eq!(
            removed,
            [
                "raw HTML: removed `<script>` and everything in it",
                "raw HTML: removed `onerror` from `<img>`"
            ]
        );
    }

    /// Issue 13: inline HTML is cleaned tag by tag, and cannot reach past its paragraph.
    #[test]
    fn inline_html_stays_inside_its_paragraph() {
        for (markdown, html) in [
            (
                "H<sub>2</sub>O and <abbr title=\"North Atlantic Treaty Organization\">NATO</abbr>.",
                "<p>H<sub>2</sub>O and <abbr title=\"North Atlantic Treaty Organization\">NATO</abbr>.</p>\n",
            ),
            (
                "An open <sup>note\n\nNext.",
                "<p>An open <sup>note</sup></p>\n<p>Next.</p>\n",
            ),
            ("Stray </sup> end.", "<p>Stray  end.</p>\n"),
            ("*em <sup>x* y</sup>", "<p><em>em <sup>x</sup></em> y</p>\n"),
            (
                "Text <script>alert(*1*)</script> after.",
                "<p>Text  after.</p>\n",
            ),
            (
                "Unclosed <style>body{}\n\nNext.",
                "<p>Unclosed </p>\n<p>Next.</p>\n",
            ),
            ("A <span onclick=\"x\">span</span>.", "<p>A span.</p>\n"),
            (
                "![a <b>bold</b> alt](/a.png)",
                "<p><img src=\"/a.png\" alt=\"a bold alt\" /></p>\n",
            ),
            (
                "- <sup>1</sup>\n- <sup>2",
                "<ul>\n<li><sup>1</sup></li>\n<li><sup>2</sup></li>\n</ul>\n",
            ),
        ] {
            assert_eq!(md(markdown).html, html, "{markdown:?}");
        }
    }

    /// Issue 13: an HTML block is cleaned whole, and each removal is placed where written,
    /// also inside a quotation.
    #[test]
    fn html_blocks_are_cleaned_and_removals_placed() {
        let markdown = "Intro.\n\n> <figure>\n> <img src=\"/a.png\" alt=\"A\" onload=\"x()\">\n> <figcaption>Cap</figcaption>\n> </figure>\n";
        let r = md(markdown);
        assert_eq!(
            r.html,
            "<p>Intro.</p>\n<blockquote>\n<figure>\n<img src=\"/a.png\" alt=\"A\">\n<figcaption>Cap</figcaption>\n</figure>\n</blockquote>\n"
        );
        assert_eq!(r.removed.len(), 1, "{:?}", r.removed);
        assert!(markdown[r.removed[0].offset..].starts_with("onload="));
    }

    #[test]
    fn an_image_with_a_title_alone_is_a_figure() {
        let r = md(
            "![A chart of river levels](/river.svg \"River levels, 2020–2024\")\n\nText ![inline](/i.png \"kept\") here.\n",
        );
        assert_eq!(
            r.html,
            "<figure><img src=\"/river.svg\" alt=\"A chart of river levels\" /><figcaption>River levels, 2020–2024</figcaption></figure>\n<p>Text <img src=\"/i.png\" alt=\"inline\" title=\"kept\" /> here.</p>\n"
        );
    }

    #[test]
    fn headings_are_listed_outside_footnotes() {
        let r =
            md("# Start\n\n## Sub *one*\n\nText.[^n]\n\n[^n]: A note.\n\n    ## Not a heading\n");
        let headings: Vec<(u8, &str, &str)> = r
            .headings
            .iter()
            .map(|h| (h.level, h.id.as_str(), h.text.as_str()))
            .collect();
        assert_eq!(headings, [(2, "start", "Start"), (3, "sub-one", "Sub one")]);
    }

    #[test]
    fn images_without_alt_are_noted() {
        let r = md("![](/a.png) ![A chart](/b.png)");
        assert_eq!(
            r.images_without_alt,
            [Destination {
                url: "/a.png".into(),
                offset: 4
            }]
        );
    }

    #[test]
    fn destinations_are_found_where_they_are_written() {
        let markdown = concat!(
            "See [a](/a/) and [![B](/b.png)](/c/ \"t\").\n",
            "A [reference][r], [`](`](/d/), <https://e.org/> and [f]( <g h> ).\n",
            "\n",
            "[R]: /r/\n",
        );
        let found: Vec<(String, &str)> = md(markdown)
            .destinations
            .into_iter()
            .map(|d| (d.url, &markdown[d.offset..]))
            .collect();
        let expected = [
            ("/a/", "/a/)"),
            ("/b.png", "/b.png)"),
            ("/c/", "/c/ \"t\")"),
            ("/r/", "/r/\n"),
            ("/d/", "/d/)"),
            ("https://e.org/", "https://e.org/>"),
            ("g h", "g h> )"),
        ];
        assert_eq!(found.len(), expected.len(), "{found:#?}");
        for ((url, at), (want_url, want_at)) in found.iter().zip(expected) {
            assert_eq!(url, want_url);
            assert!(at.starts_with(want_at), "{url}: {at:?}");
        }
    }

    #[test]
    fn a_note_reads_inline_and_as_text() {
        let (html, text) = note("The figure was *4 percent*, not 40.\n<script>x</script>");
        assert_eq!(html, "The figure was <em>4 percent</em>, not 40.");
        assert_eq!(text, "The figure was 4 percent, not 40.");
        let (html, text) = note("First.\n\nSecond, with [a link](https://example.org/).");
        assert!(html.starts_with("<p>First.</p>"), "{html}");
        assert_eq!(text, "First. Second, with a link.");
    }
}
