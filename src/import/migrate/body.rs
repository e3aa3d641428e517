//! A body's template code made into what broadsheet renders, and its links pointed at the
//! new site.
//!
//! [`convert`] walks the tags `template` finds. The common ones become what a reader saw on
//! the old site: a figure (`![alt](src "caption")`, which broadsheet renders as a captioned
//! figure), a YouTube or Vimeo `<iframe>` with a title from a host in `embed_hosts` (or a
//! plain link to the video when the site allows neither), a fenced code block, a link to the
//! new URL of another imported piece; Liquid's `{% raw %}` shows its text as written, and a
//! `{% comment %}` is left out, as it was from the page. Everything else stays in the body
//! as written, where a reader sees it and an editor finds it. Every tag is reported, at its
//! byte offset in the body, with what became of it.
//!
//! [`destinations`] then finds every link and image in the Markdown (inline, reference
//! definitions, and `href`/`src` in raw HTML) so the importer can point old URLs and Zola's
//! `@/` links at the new site and find the images the old site served.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag as MdTag};

use super::template::{self, Dialect, Form, Tag, arg, args};

/// A reference to another file of the old site, as a tag or link names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference<'a> {
    /// Hugo `{{< ref "posts/ports.md" >}}` / `relref`: a content path, relative or not.
    Hugo(&'a str),
    /// Jekyll `{% post_url 2019-03-04-ports %}`: a post's file name without its extension.
    PostUrl(&'a str),
    /// Jekyll `{% link _posts/2019-03-04-ports.md %}`: a path from the site's root.
    Link(&'a str),
    /// Zola `[x](@/blog/ports.md)`: a path from `content/`.
    Zola(&'a str),
}

/// What a conversion needs from the site.
pub struct Context<'a> {
    pub dialect: Dialect,
    /// The body is HTML (a `.html` post), so conversions write HTML, not Markdown.
    pub html: bool,
    pub embed_hosts: &'a [String],
    /// The new URL of the file a reference names, if it was imported.
    pub resolve: &'a dyn Fn(Reference) -> Option<String>,
}

/// What became of a tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// Made into a figure, an embed, a code block, a link or its text.
    Converted,
    /// Left in the body as written.
    LeftAsText,
    /// Left out, as it was from the old page (a Liquid comment).
    Dropped,
}

/// A tag and what became of it, at a byte offset of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub offset: usize,
    pub outcome: Outcome,
    pub message: String,
}

/// A converted body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Converted {
    pub text: String,
    pub notes: Vec<Note>,
}

/// Converts the template code of `body`.
pub fn convert(body: &str, cx: &Context) -> Converted {
    let tags = template::scan(cx.dialect, body);
    let mut out = Converted {
        text: String::with_capacity(body.len()),
        notes: Vec::new(),
    };
    let mut last = 0;
    let mut i = 0;
    while i < tags.len() {
        let tag = &tags[i];
        out.text.push_str(&body[last..tag.span.start]);
        let step = match cx.dialect {
            Dialect::Liquid => liquid(body, &tags, i, cx, &mut out),
            Dialect::Hugo => hugo(body, &tags, i, cx, &mut out),
            Dialect::Zola => zola(body, &tags, i, cx, &mut out),
        };
        last = step.resume;
        i = step.next;
    }
    out.text.push_str(&body[last..]);
    out
}

/// Where the walk goes on after a tag: the next tag to look at and the byte to copy from.
struct Step {
    next: usize,
    resume: usize,
}

impl Step {
    /// Past this one tag.
    fn one(tags: &[Tag], i: usize) -> Step {
        Step {
            next: i + 1,
            resume: tags[i].span.end,
        }
    }

    /// Past the tag at `close`, which ends a block opened at an earlier tag.
    fn to(tags: &[Tag], close: usize) -> Step {
        Step {
            next: close + 1,
            resume: tags[close].span.end,
        }
    }
}

fn note(out: &mut Converted, tag: &Tag, outcome: Outcome, message: String) {
    out.notes.push(Note {
        offset: tag.span.start,
        outcome,
        message,
    });
}

/// Leaves a tag in the body as written, and says so.
fn leave(body: &str, tags: &[Tag], i: usize, out: &mut Converted, what: &str) -> Step {
    let tag = &tags[i];
    out.text.push_str(&body[tag.span.clone()]);
    let shown = shorten(&body[tag.span.clone()]);
    note(
        out,
        tag,
        Outcome::LeftAsText,
        format!("{what} `{shown}` has no meaning here; it was left in the text as written"),
    );
    Step::one(tags, i)
}

fn liquid(body: &str, tags: &[Tag], i: usize, cx: &Context, out: &mut Converted) -> Step {
    let tag = &tags[i];
    let closing = |name: &str| {
        tags[i + 1..]
            .iter()
            .position(|t| t.form == Form::Statement && t.name == name)
            .map(|p| i + 1 + p)
    };
    match (&tag.form, tag.name) {
        (Form::Unclosed, _) => leave(body, tags, i, out, "the Liquid tag"),
        (Form::Statement, "raw") => match closing("endraw") {
            Some(end) => {
                out.text.push_str(&body[tag.span.end..tags[end].span.start]);
                note(
                    out,
                    tag,
                    Outcome::Converted,
                    "a `{% raw %}` block: its text is kept as written".into(),
                );
                Step::to(tags, end)
            }
            None => leave(body, tags, i, out, "the Liquid tag"),
        },
        (Form::Statement, "comment") => match closing("endcomment") {
            Some(end) => {
                note(
                    out,
                    tag,
                    Outcome::Dropped,
                    "a Liquid `{% comment %}` block was left out, as it was from the old page"
                        .into(),
                );
                Step::to(tags, end)
            }
            None => leave(body, tags, i, out, "the Liquid tag"),
        },
        (Form::Statement, "highlight") => match closing("endhighlight") {
            Some(end) => {
                let lang = tag.args.split_whitespace().next().unwrap_or("");
                let code = &body[tag.span.end..tags[end].span.start];
                code_block(out, body, tag.span.start, lang, code, cx.html);
                note(
                    out,
                    tag,
                    Outcome::Converted,
                    "`{% highlight %}` became a fenced code block".into(),
                );
                Step::to(tags, end)
            }
            None => leave(body, tags, i, out, "the Liquid tag"),
        },
        (Form::Statement, name @ ("post_url" | "link")) => {
            let target = tag.args.trim();
            let reference = if name == "post_url" {
                Reference::PostUrl(target)
            } else {
                Reference::Link(target)
            };
            link_to(body, tags, i, cx, out, reference, target)
        }
        (Form::Statement, "include") => {
            let read = args(tag.args);
            let file = read.first().map_or("", |a| a.value.as_str());
            let file = file.strip_suffix(".html").unwrap_or(file);
            let provider = match file {
                "video" => arg(&read, "provider", None).unwrap_or("youtube"),
                other => other,
            };
            match provider {
                "youtube" | "vimeo" => {
                    let id = arg(&read, "id", Some(1));
                    embed(
                        body,
                        tags,
                        i,
                        cx,
                        out,
                        provider,
                        id,
                        arg(&read, "title", None),
                    )
                }
                "figure" | "image" => {
                    let src = ["image_path", "image", "src", "url", "path", "file"]
                        .iter()
                        .find_map(|k| arg(&read, k, None));
                    let caption = arg(&read, "caption", None).or(arg(&read, "title", None));
                    figure(
                        body,
                        tags,
                        i,
                        cx,
                        out,
                        src,
                        arg(&read, "alt", None),
                        caption,
                    )
                }
                _ => leave(body, tags, i, out, "the Liquid include"),
            }
        }
        (Form::Statement, provider @ ("youtube" | "vimeo")) => {
            let read = args(tag.args);
            let id = arg(&read, "id", Some(0));
            embed(body, tags, i, cx, out, provider, id, None)
        }
        (Form::Output, _) => match site_url(tag.args) {
            Some(value) => {
                out.text.push_str(&value);
                note(
                    out,
                    tag,
                    Outcome::Converted,
                    format!(
                        "`{}` became {}",
                        shorten(&body[tag.span.clone()]),
                        if value.is_empty() {
                            "nothing (links are from the site's root)".to_string()
                        } else {
                            format!("`{value}`")
                        }
                    ),
                );
                Step::one(tags, i)
            }
            None => leave(body, tags, i, out, "the Liquid output"),
        },
        _ => leave(body, tags, i, out, "the Liquid tag"),
    }
}

/// `{{ site.baseurl }}`, `{{ site.url }}` (links are from the new site's root, so both are
/// nothing), and `{{ "/x" | relative_url }}` and its kin (the path itself).
fn site_url(expression: &str) -> Option<String> {
    let parts: Vec<&str> = expression.split('|').map(str::trim).collect();
    let (first, filters) = parts.split_first()?;
    let site_value = matches!(*first, "site.baseurl" | "site.url" | "site.github.url");
    let value = if site_value {
        String::new()
    } else {
        let quoted = first
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .or_else(|| first.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')))?;
        if quoted.contains(['"', '\'', '{', '}']) {
            return None;
        }
        quoted.to_string()
    };
    let known = filters.iter().all(|f| {
        let f: String = f.split_whitespace().collect();
        matches!(
            f.as_str(),
            "relative_url" | "absolute_url" | "prepend:site.baseurl" | "prepend:site.url"
        )
    });
    (known && (site_value || !filters.is_empty())).then_some(value)
}

fn hugo(body: &str, tags: &[Tag], i: usize, cx: &Context, out: &mut Converted) -> Step {
    let tag = &tags[i];
    match &tag.form {
        Form::Escaped(shown) => {
            out.text.push_str(shown);
            Step::one(tags, i)
        }
        Form::Unclosed => leave(body, tags, i, out, "the Hugo shortcode"),
        Form::Close => {
            // The end of a pair whose opening was left as text: it stays too. A close with
            // no opening at all is reported.
            let opened = tags[..i]
                .iter()
                .any(|t| matches!(t.form, Form::Shortcode { .. }) && t.name == tag.name);
            if opened {
                out.text.push_str(&body[tag.span.clone()]);
                Step::one(tags, i)
            } else {
                leave(body, tags, i, out, "the Hugo shortcode")
            }
        }
        Form::Shortcode { .. } => {
            let read = args(tag.args);
            match tag.name {
                "figure" => {
                    let caption = arg(&read, "caption", None).or(arg(&read, "title", None));
                    figure(
                        body,
                        tags,
                        i,
                        cx,
                        out,
                        arg(&read, "src", Some(0)),
                        arg(&read, "alt", None),
                        caption,
                    )
                }
                provider @ ("youtube" | "vimeo") => embed(
                    body,
                    tags,
                    i,
                    cx,
                    out,
                    provider,
                    arg(&read, "id", Some(0)),
                    arg(&read, "title", None),
                ),
                "highlight" => {
                    let close = matching_close(tags, i);
                    match close {
                        Some(end) => {
                            let code = &body[tag.span.end..tags[end].span.start];
                            let lang = arg(&read, "lang", Some(0)).unwrap_or("");
                            code_block(out, body, tag.span.start, lang, code, cx.html);
                            note(
                                out,
                                tag,
                                Outcome::Converted,
                                "the `highlight` shortcode became a fenced code block".into(),
                            );
                            Step::to(tags, end)
                        }
                        None => leave(body, tags, i, out, "the Hugo shortcode"),
                    }
                }
                "ref" | "relref" => {
                    let target = arg(&read, "path", Some(0)).unwrap_or("");
                    link_to(body, tags, i, cx, out, Reference::Hugo(target), target)
                }
                _ => leave(body, tags, i, out, "the Hugo shortcode"),
            }
        }
        _ => leave(body, tags, i, out, "the Hugo shortcode"),
    }
}

/// The Hugo closing tag that pairs with the shortcode at `open`, nesting counted.
fn matching_close(tags: &[Tag], open: usize) -> Option<usize> {
    let name = tags[open].name;
    let mut depth = 0usize;
    for (j, t) in tags.iter().enumerate().skip(open + 1) {
        match &t.form {
            Form::Shortcode {
                self_closing: false,
                ..
            } if t.name == name => depth += 1,
            Form::Close if t.name == name => {
                if depth == 0 {
                    return Some(j);
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    None
}

fn zola(body: &str, tags: &[Tag], i: usize, cx: &Context, out: &mut Converted) -> Step {
    let tag = &tags[i];
    match &tag.form {
        Form::Escaped(shown) => {
            out.text.push_str(shown);
            Step::one(tags, i)
        }
        Form::Inline => {
            let read = args(tag.args);
            match tag.name {
                provider @ ("youtube" | "vimeo") => embed(
                    body,
                    tags,
                    i,
                    cx,
                    out,
                    provider,
                    arg(&read, "id", None),
                    arg(&read, "title", None),
                ),
                _ => leave(body, tags, i, out, "the Zola shortcode"),
            }
        }
        Form::Close => {
            // `{% end %}` of a shortcode whose opening was left as text.
            out.text.push_str(&body[tag.span.clone()]);
            Step::one(tags, i)
        }
        _ => leave(body, tags, i, out, "the Zola shortcode"),
    }
}

/// A reference made into the new URL of what it names (keeping a `#fragment`), or left as
/// written when it names nothing that was imported.
fn link_to(
    body: &str,
    tags: &[Tag],
    i: usize,
    cx: &Context,
    out: &mut Converted,
    reference: Reference,
    target: &str,
) -> Step {
    let tag = &tags[i];
    let (path, fragment) = match target.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (target, None),
    };
    let reference = match reference {
        Reference::Hugo(_) => Reference::Hugo(path),
        Reference::PostUrl(_) => Reference::PostUrl(path),
        Reference::Link(_) => Reference::Link(path),
        Reference::Zola(_) => Reference::Zola(path),
    };
    match (cx.resolve)(reference) {
        Some(url) => {
            out.text.push_str(&url);
            if let Some(fragment) = fragment {
                out.text.push('#');
                out.text.push_str(fragment);
            }
            note(
                out,
                tag,
                Outcome::Converted,
                format!(
                    "`{}` became the link {url}",
                    shorten(&body[tag.span.clone()])
                ),
            );
            Step::one(tags, i)
        }
        None => {
            out.text.push_str(&body[tag.span.clone()]);
            note(
                out,
                tag,
                Outcome::LeftAsText,
                format!(
                    "`{}` names nothing that was imported; it was left in the text as written",
                    shorten(&body[tag.span.clone()])
                ),
            );
            Step::one(tags, i)
        }
    }
}

/// A YouTube or Vimeo video as an `<iframe>` from a host the site allows, with a title (the
/// tag's, or the one the old site's shortcode gave it); a link to the video when the site
/// allows neither host.
#[allow(clippy::too_many_arguments)]
fn embed(
    body: &str,
    tags: &[Tag],
    i: usize,
    cx: &Context,
    out: &mut Converted,
    provider: &str,
    id: Option<&str>,
    title: Option<&str>,
) -> Step {
    let tag = &tags[i];
    let valid = |id: &str| match provider {
        "vimeo" => !id.is_empty() && id.len() <= 20 && id.bytes().all(|b| b.is_ascii_digit()),
        _ => {
            !id.is_empty()
                && id.len() <= 64
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        }
    };
    let Some(id) = id.map(str::trim).filter(|id| valid(id)) else {
        return leave(
            body,
            tags,
            i,
            out,
            "the video tag, without a video id it can use,",
        );
    };
    let (name, hosts, watch): (&str, &[&str], String) = match provider {
        "vimeo" => (
            "Vimeo video",
            &["player.vimeo.com"],
            format!("https://vimeo.com/{id}"),
        ),
        _ => (
            "YouTube video",
            &["www.youtube-nocookie.com", "www.youtube.com"],
            format!("https://www.youtube.com/watch?v={id}"),
        ),
    };
    let title = title
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| name.to_string());
    let host = hosts
        .iter()
        .find(|h| cx.embed_hosts.iter().any(|allowed| allowed == *h));
    match host {
        Some(host) => {
            let src = match provider {
                "vimeo" => format!("https://{host}/video/{id}"),
                _ => format!("https://{host}/embed/{id}"),
            };
            out.text.push_str(&format!(
                "<iframe src=\"{src}\" title=\"{}\" width=\"560\" height=\"315\" allowfullscreen></iframe>",
                escape_html(&title)
            ));
            note(
                out,
                tag,
                Outcome::Converted,
                format!("the {name} became an embed from {host}"),
            );
        }
        None => {
            if cx.html {
                out.text
                    .push_str(&format!("<a href=\"{watch}\">{}</a>", escape_html(&title)));
            } else {
                out.text
                    .push_str(&format!("[{}]({watch})", escape_link_text(&title)));
            }
            note(
                out,
                tag,
                Outcome::Converted,
                format!(
                    "the {name} became a link to it: the site's `embed_hosts` allows none of {}",
                    hosts.join(", ")
                ),
            );
        }
    }
    Step::one(tags, i)
}

/// An image with its caption, as broadsheet renders a figure: `![alt](src "caption")` (the
/// title becomes the caption when the image is alone in its paragraph), or a `<figure>` in
/// an HTML body.
#[allow(clippy::too_many_arguments)]
fn figure(
    body: &str,
    tags: &[Tag],
    i: usize,
    cx: &Context,
    out: &mut Converted,
    src: Option<&str>,
    alt: Option<&str>,
    caption: Option<&str>,
) -> Step {
    let tag = &tags[i];
    let one_line = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(src) = src
        .map(str::trim)
        .filter(|s| !s.is_empty() && !s.contains(['\n', '"']))
    else {
        return leave(body, tags, i, out, "the figure, without an image source,");
    };
    let caption = caption.map(one_line).filter(|c| !c.is_empty());
    let alt = alt
        .map(one_line)
        .filter(|a| !a.is_empty())
        .or_else(|| caption.clone())
        .unwrap_or_default();
    if cx.html {
        out.text.push_str(&format!(
            "<figure><img src=\"{}\" alt=\"{}\">",
            escape_html(src),
            escape_html(&alt)
        ));
        if let Some(caption) = &caption {
            out.text.push_str(&format!(
                "<figcaption>{}</figcaption>",
                escape_html(caption)
            ));
        }
        out.text.push_str("</figure>");
    } else {
        out.text.push_str(&format!(
            "![{}](<{}>",
            escape_link_text(&alt),
            src.replace('<', "%3C").replace('>', "%3E")
        ));
        if let Some(caption) = &caption {
            out.text.push_str(&format!(
                " \"{}\"",
                caption.replace('\\', "\\\\").replace('"', "\\\"")
            ));
        }
        out.text.push(')');
    }
    note(
        out,
        tag,
        Outcome::Converted,
        "the figure became an image with its caption".into(),
    );
    Step::one(tags, i)
}

/// A fenced code block of `code` (its leading and trailing blank lines dropped), on lines
/// of its own, indented as the tag that opened it was.
fn code_block(out: &mut Converted, body: &str, at: usize, lang: &str, code: &str, html: bool) {
    let lang: String = lang
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "+-#._".contains(*c))
        .collect();
    let code = code.trim_matches(['\n', '\r']);
    if html {
        let class = if lang.is_empty() {
            String::new()
        } else {
            format!(" class=\"language-{lang}\"")
        };
        out.text.push_str(&format!(
            "<pre><code{class}>{}</code></pre>",
            escape_html(code)
        ));
        return;
    }
    let line_start = body[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &body[line_start..at];
    // Alone on its line (a list item's code, say): the fence takes the tag's indent, which
    // is already written, and the code loses it, as Hugo's `.InnerDeindent` does.
    let indent = if before.chars().all(char::is_whitespace) {
        before.to_string()
    } else {
        out.text.push('\n');
        String::new()
    };
    let lines: Vec<&str> = code
        .lines()
        .map(|line| line.strip_prefix(indent.as_str()).unwrap_or(line))
        .collect();
    let end = lines
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .map_or(0, |i| i + 1);
    let longest = longest_run(code, '`');
    let fence = "`".repeat(longest.max(2) + 1);
    out.text.push_str(&format!("{fence}{lang}\n"));
    for line in &lines[..end] {
        out.text.push_str(&indent);
        out.text.push_str(line);
        out.text.push('\n');
    }
    out.text.push_str(&indent);
    out.text.push_str(&fence);
}

fn longest_run(text: &str, c: char) -> usize {
    let (mut longest, mut run) = (0, 0);
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn escape_link_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '[' | ']' | '*' | '_' | '`' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A tag as quoted in a message: one line, at most 60 characters.
fn shorten(text: &str) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= 60 {
        line
    } else {
        let mut short: String = line.chars().take(59).collect();
        short.push('…');
        short
    }
}

// ---- Links ----------------------------------------------------------------------------

/// A link or image destination as written in a Markdown body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    /// Where the destination is written (the bytes to replace to change it).
    pub span: Range<usize>,
    pub url: String,
    /// An image (`![…](…)`, `<img src>`), not a link.
    pub image: bool,
}

/// Every link and image destination of a Markdown body, in order: inline links and
/// images, reference definitions, and `href`/`src` in raw HTML. Destinations written with
/// escapes that change their text are not found (their span would not be theirs).
pub fn destinations(markdown: &str) -> Vec<Destination> {
    let parser = Parser::new_ext(markdown, crate::markdown::options());
    let mut found = Vec::new();
    for (_, definition) in parser.reference_definitions().iter() {
        if let Some(span) = find_in(markdown, definition.span.clone(), &definition.dest) {
            found.push(Destination {
                span,
                url: definition.dest.to_string(),
                image: false,
            });
        }
    }
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(MdTag::Link { dest_url, .. }) => {
                found.extend(inline(markdown, range, &dest_url, false));
            }
            Event::Start(MdTag::Image { dest_url, .. }) => {
                found.extend(inline(markdown, range, &dest_url, true));
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                found.extend(html_attributes(&html, range.start));
            }
            _ => {}
        }
    }
    found.sort_by_key(|d| d.span.start);
    found.dedup_by_key(|d| d.span.start);
    found
}

/// An inline link's destination: the last place its text appears in the link's source,
/// where the `(…)` part is (a reference link's text is its definition's, found there).
fn inline(markdown: &str, range: Range<usize>, dest: &str, image: bool) -> Option<Destination> {
    if dest.is_empty() {
        return None;
    }
    let source = markdown.get(range.clone())?;
    let at = source.rfind(dest)?;
    let before = &source[..at];
    // Only inside the parentheses (or an autolink's angle brackets).
    if !(before.ends_with('(')
        || before.ends_with("(<")
        || before.ends_with('<')
        || before.trim_end().ends_with('('))
    {
        return None;
    }
    let start = range.start + at;
    Some(Destination {
        span: start..start + dest.len(),
        url: dest.to_string(),
        image,
    })
}

fn find_in(markdown: &str, range: Range<usize>, text: &str) -> Option<Range<usize>> {
    if text.is_empty() {
        return None;
    }
    let source = markdown.get(range.clone())?;
    let at = source.rfind(text)?;
    Some(range.start + at..range.start + at + text.len())
}

/// `href="…"` and `src="…"` (either quote) in a piece of raw HTML starting at `offset`.
fn html_attributes(html: &str, offset: usize) -> Vec<Destination> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    for (name, image) in [("href=", false), ("src=", true)] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(name) {
            let at = from + i;
            from = at + name.len();
            let preceded = lower[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace);
            let Some(quote) = html[from..]
                .chars()
                .next()
                .filter(|c| *c == '"' || *c == '\'')
            else {
                continue;
            };
            let value_start = from + 1;
            let Some(len) = html[value_start..].find(quote) else {
                continue;
            };
            if preceded && len > 0 {
                found.push(Destination {
                    span: offset + value_start..offset + value_start + len,
                    url: html[value_start..value_start + len].to_string(),
                    image,
                });
            }
        }
    }
    found
}

/// Applies replacements (non-overlapping spans, any order) to `text`.
pub fn replace(text: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(span, _)| span.start);
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (span, new) in edits {
        if span.start < last || span.end > text.len() {
            continue;
        }
        out.push_str(&text[last..span.start]);
        out.push_str(&new);
        last = span.end;
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts() -> Vec<String> {
        ["www.youtube-nocookie.com", "player.vimeo.com"]
            .map(String::from)
            .to_vec()
    }

    fn run(dialect: Dialect, body: &str) -> Converted {
        let resolve = |r: Reference| match r {
            Reference::Hugo("posts/ports.md") | Reference::PostUrl("2019-03-04-ports") => {
                Some("/2019/03/ports/".to_string())
            }
            _ => None,
        };
        let hosts = hosts();
        convert(
            body,
            &Context {
                dialect,
                html: false,
                embed_hosts: &hosts,
                resolve: &resolve,
            },
        )
    }

    fn outcomes(converted: &Converted) -> Vec<(usize, Outcome)> {
        converted
            .notes
            .iter()
            .map(|n| (n.offset, n.outcome))
            .collect()
    }

    #[test]
    fn liquid_conversions() {
        let body = "Read [this]({% post_url 2019-03-04-ports %}#why).\n\n![Chart]({{ site.baseurl }}/assets/c.png)\n\n{% highlight ruby linenos %}\nputs 1\n{% endhighlight %}\n\n{% raw %}{{ page.title }}{% endraw %} {% comment %}note{% endcomment %}{{ page.date }} {% include video id=\"abc_123\" provider=\"youtube\" %}";
        let done = run(Dialect::Liquid, body);
        assert_eq!(
            done.text,
            "Read [this](/2019/03/ports/#why).\n\n![Chart](/assets/c.png)\n\n```ruby\nputs 1\n```\n\n{{ page.title }} {{ page.date }} <iframe src=\"https://www.youtube-nocookie.com/embed/abc_123\" title=\"YouTube video\" width=\"560\" height=\"315\" allowfullscreen></iframe>"
        );
        let kinds: Vec<Outcome> = done.notes.iter().map(|n| n.outcome).collect();
        assert_eq!(
            kinds,
            [
                Outcome::Converted,
                Outcome::Converted,
                Outcome::Converted,
                Outcome::Converted,
                Outcome::Dropped,
                Outcome::LeftAsText,
                Outcome::Converted
            ]
        );
        assert_eq!(done.notes[5].offset, body.find("{{ page.date").unwrap());
    }

    #[test]
    fn liquid_links_to_nothing_stay_and_say_so() {
        let body = "[x]({% post_url 2001-01-01-gone %}) {% if a %}b{% endif %}";
        let done = run(Dialect::Liquid, body);
        assert_eq!(done.text, body);
        let at = |s: &str| body.find(s).unwrap();
        assert_eq!(
            outcomes(&done),
            [
                (at("{% post"), Outcome::LeftAsText),
                (at("{% if"), Outcome::LeftAsText),
                (at("{% endif"), Outcome::LeftAsText)
            ]
        );
    }

    #[test]
    fn hugo_conversions() {
        let body = "{{< figure src=\"chart.png\" caption=\"Water \\\"low\\\"\" >}}\n\n- item\n\n  {{< highlight go >}}\n  x := 1\n  {{< /highlight >}}\n\nSee [ports]({{< ref \"posts/ports.md#a\" >}}). {{< vimeo 12345 >}} {{< tweet user=\"x\" id=\"1\" >}} {{</* figure src=\"x\" */>}} {{< details summary=\"More\" >}}Hidden{{< /details >}}";
        let done = run(Dialect::Hugo, body);
        assert_eq!(
            done.text,
            "![Water \"low\"](<chart.png> \"Water \\\"low\\\"\")\n\n- item\n\n  ```go\n  x := 1\n  ```\n\nSee [ports](/2019/03/ports/#a). <iframe src=\"https://player.vimeo.com/video/12345\" title=\"Vimeo video\" width=\"560\" height=\"315\" allowfullscreen></iframe> {{< tweet user=\"x\" id=\"1\" >}} {{< figure src=\"x\" >}} {{< details summary=\"More\" >}}Hidden{{< /details >}}"
        );
        let left: Vec<&str> = done
            .notes
            .iter()
            .filter(|n| n.outcome == Outcome::LeftAsText)
            .map(|n| &body[n.offset..n.offset + 8])
            .collect();
        assert_eq!(left, ["{{< twee", "{{< deta"]);
    }

    #[test]
    fn zola_conversions_and_embeds_the_site_does_not_allow() {
        let resolve = |_: Reference| None;
        let no_hosts: Vec<String> = Vec::new();
        let body = "{{ youtube(id=\"dQw4\", title=\"Dock <tour>\") }} {% note() %}x{% end %} {{ page.title }}";
        let done = convert(
            body,
            &Context {
                dialect: Dialect::Zola,
                html: false,
                embed_hosts: &no_hosts,
                resolve: &resolve,
            },
        );
        assert_eq!(
            done.text,
            "[Dock \\<tour\\>](https://www.youtube.com/watch?v=dQw4) {% note() %}x{% end %} {{ page.title }}"
        );
        assert_eq!(
            outcomes(&done),
            [
                (0, Outcome::Converted),
                (body.find("{% note").unwrap(), Outcome::LeftAsText)
            ]
        );
    }

    #[test]
    fn an_html_body_gets_html() {
        let resolve = |_: Reference| None;
        let hosts = hosts();
        let done = convert(
            "<p>{% include figure.html image=\"/a.png\" caption=\"A & B\" %}</p>{% highlight c %}a<b{% endhighlight %}",
            &Context {
                dialect: Dialect::Liquid,
                html: true,
                embed_hosts: &hosts,
                resolve: &resolve,
            },
        );
        assert_eq!(
            done.text,
            "<p><figure><img src=\"/a.png\" alt=\"A &amp; B\"><figcaption>A &amp; B</figcaption></figure></p><pre><code class=\"language-c\">a&lt;b</code></pre>"
        );
    }

    #[test]
    fn bad_video_ids_stay_as_text() {
        let done = run(Dialect::Hugo, "{{< youtube \"x\\\" onload=\\\"y\" >}}");
        assert_eq!(done.text, "{{< youtube \"x\\\" onload=\\\"y\" >}}");
        assert_eq!(done.notes[0].outcome, Outcome::LeftAsText);
    }

    #[test]
    fn destinations_are_found_where_they_are_written() {
        let md = "[a](/posts/a/) ![b](img/b.png \"t\") <https://x.org/>\n\n[c][r]\n\n[r]: @/blog/c.md\n\n<img src=\"/i.png\" alt=\"\"> `[no](/code/)`\n";
        let found: Vec<(String, bool)> = destinations(md)
            .into_iter()
            .map(|d| {
                assert_eq!(&md[d.span.clone()], d.url);
                (d.url, d.image)
            })
            .collect();
        assert_eq!(
            found,
            [
                ("/posts/a/".into(), false),
                ("img/b.png".into(), true),
                ("https://x.org/".into(), false),
                ("@/blog/c.md".into(), false),
                ("/i.png".into(), true),
            ]
        );
        let edited = replace(md, vec![(4..13, "/new/".into()), (0..1, "[".into())]);
        assert!(edited.starts_with("[a](/new/) "));
    }
}
