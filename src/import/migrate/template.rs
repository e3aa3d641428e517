//! Finds the template code in a body: Liquid's `{{ … }}` and `{% … %}` (Jekyll renders a
//! whole post through Liquid), Hugo's shortcodes `{{< … >}}` and `{{% … %}}`, and Zola's
//! `{{ name(…) }}` and `{% name(…) %} … {% end %}`. Each tag comes back with its place in
//! the text, its name and its arguments as written; what to make of it is `body`'s.
//!
//! Each scanner reads as its generator does, and no further. Liquid's tokenizer does not
//! look inside quotes (`{% x "%}" %}` ends at the first `%}`), and leaves whatever follows
//! `{% raw %}` alone up to `{% endraw %}`. Hugo's is quote-aware, and `{{</* x */>}}` is
//! Hugo's way of writing the text `{{< x >}}`. Zola's grammar takes only `ident(args)`: a
//! `{{ page.title }}` in a Zola body is plain text there, and so it is here.

use std::ops::Range;

/// Whose template code a body holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Liquid,
    Hugo,
    Zola,
}

/// The shape of a tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Form {
    /// Liquid `{{ expression }}`: `name` is the first word, `args` the whole expression.
    Output,
    /// Liquid `{% name args %}`.
    Statement,
    /// A Hugo shortcode, `{{< name args >}}` or (`percent`) `{{% name args %}}`, perhaps
    /// self-closing (`{{< name />}}`).
    Shortcode { percent: bool, self_closing: bool },
    /// Zola `{{ name(args) }}`.
    Inline,
    /// Zola `{% name(args) %}`, whose body runs to `{% end %}`.
    Body,
    /// What closes a paired tag: Hugo `{{< /name >}}` (with its name), Zola `{% end %}`.
    Close,
    /// Written to show a tag as text (`{{</* x */>}}`, `{{/* x(…) */}}`): what it shows.
    Escaped(String),
    /// An opening with no end (`{{` and no `}}` after it): Jekyll and Hugo refuse the file.
    Unclosed,
}

/// One piece of template code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag<'a> {
    /// The whole tag, delimiters included, as a byte range of the text scanned.
    pub span: Range<usize>,
    pub form: Form,
    pub name: &'a str,
    /// The arguments as written, trimmed (Liquid's `-` whitespace marks taken off).
    pub args: &'a str,
}

/// Every tag in `text`, in order; the spans never overlap. Text inside Liquid's
/// `{% raw %}` and `{% comment %}` blocks is not scanned: the block comes back as its two
/// tags.
pub fn scan(dialect: Dialect, text: &str) -> Vec<Tag<'_>> {
    match dialect {
        Dialect::Liquid => liquid(text),
        Dialect::Hugo => hugo(text),
        Dialect::Zola => zola(text),
    }
}

fn liquid(text: &str) -> Vec<Tag<'_>> {
    let mut tags = Vec::new();
    let mut at = 0;
    while let Some(found) = find_either(text, at, "{{", "{%") {
        let (open, close, form) = if text[found..].starts_with("{{") {
            ("{{", "}}", Form::Output)
        } else {
            ("{%", "%}", Form::Statement)
        };
        let inner_start = found + open.len();
        let Some(end) = text[inner_start..].find(close).map(|i| inner_start + i) else {
            tags.push(Tag {
                span: found..text.len(),
                form: Form::Unclosed,
                name: "",
                args: "",
            });
            break;
        };
        let inner = text[inner_start..end]
            .strip_prefix('-')
            .unwrap_or(&text[inner_start..end]);
        let inner = inner.strip_suffix('-').unwrap_or(inner).trim();
        let (name, rest) = split_word(inner);
        let tag = Tag {
            span: found..end + close.len(),
            args: if form == Form::Output { inner } else { rest },
            name,
            form,
        };
        at = tag.span.end;
        // `raw` shows what follows as written, and a comment hides it: neither is template
        // code, up to the tag that ends the block.
        let block_end = match (&tag.form, tag.name) {
            (Form::Statement, "raw") => Some("endraw"),
            (Form::Statement, "comment") => Some("endcomment"),
            _ => None,
        };
        tags.push(tag);
        if let Some(end_name) = block_end {
            match find_liquid_statement(text, at, end_name) {
                Some(end_tag) => {
                    at = end_tag.span.end;
                    tags.push(end_tag);
                }
                None => break,
            }
        }
    }
    tags
}

/// The first `{% name %}` at or after `from`.
fn find_liquid_statement<'a>(text: &'a str, from: usize, name: &str) -> Option<Tag<'a>> {
    let mut at = from;
    while let Some(i) = text[at..].find("{%") {
        let start = at + i;
        let end = start + 2 + text[start + 2..].find("%}")?;
        let found = split_word(text[start + 2..end].trim_matches('-')).0;
        if found == name {
            return Some(Tag {
                span: start..end + 2,
                form: Form::Statement,
                name: found,
                args: "",
            });
        }
        at = end + 2;
    }
    None
}

fn hugo(text: &str) -> Vec<Tag<'_>> {
    let mut tags = Vec::new();
    let mut at = 0;
    while let Some(found) = find_either(text, at, "{{<", "{{%") {
        let percent = text[found..].starts_with("{{%");
        let close = if percent { "%}}" } else { ">}}" };
        let inner_start = found + 3;
        if text[inner_start..].trim_start().starts_with("/*") {
            // `{{</* figure src="x" */>}}` shows `{{< figure src="x" >}}`.
            let comment_start = inner_start + text[inner_start..].find("/*").unwrap_or(0);
            let end_mark = format!("*/{close}");
            match text[comment_start..].find(&end_mark) {
                Some(i) => {
                    let end = comment_start + i + end_mark.len();
                    let shown = format!(
                        "{}{}{}",
                        &text[found..inner_start],
                        &text[comment_start + 2..comment_start + i],
                        close
                    );
                    tags.push(Tag {
                        span: found..end,
                        form: Form::Escaped(shown),
                        name: "",
                        args: "",
                    });
                    at = end;
                    continue;
                }
                None => {
                    tags.push(unclosed(text, found));
                    break;
                }
            }
        }
        let Some(end) = hugo_close(text, inner_start, close) else {
            tags.push(unclosed(text, found));
            break;
        };
        let inner = text[inner_start..end].trim();
        let (form, inner) = match inner.strip_prefix('/') {
            Some(rest) => (Form::Close, rest.trim_start()),
            None => {
                let self_closing = inner.ends_with('/');
                let inner = inner.strip_suffix('/').unwrap_or(inner).trim_end();
                (
                    Form::Shortcode {
                        percent,
                        self_closing,
                    },
                    inner,
                )
            }
        };
        let (name, args) = split_word(inner);
        tags.push(Tag {
            span: found..end + close.len(),
            form,
            name,
            args,
        });
        at = end + close.len();
    }
    tags
}

/// Where a Hugo shortcode's closing delimiter starts, skipping quoted arguments (a
/// caption may hold `>}}` inside its quotes).
fn hugo_close(text: &str, from: usize, close: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'`' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'`' {
                    i += 1;
                }
            }
            _ if text[i..].starts_with(close) => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

fn zola(text: &str) -> Vec<Tag<'_>> {
    let mut tags = Vec::new();
    let mut at = 0;
    while let Some(found) = find_either(text, at, "{{", "{%") {
        let brace = text[found..].starts_with("{{");
        let (open, close) = if brace { ("{{", "}}") } else { ("{%", "%}") };
        let inner_start = found + open.len();
        if text[inner_start..].starts_with("/*") {
            let end_mark = format!("*/{close}");
            if let Some(i) = text[inner_start..].find(&end_mark) {
                let end = inner_start + i + end_mark.len();
                let shown = format!("{open}{}{close}", &text[inner_start + 2..inner_start + i]);
                tags.push(Tag {
                    span: found..end,
                    form: Form::Escaped(shown),
                    name: "",
                    args: "",
                });
                at = end;
                continue;
            }
        }
        match zola_call(text, inner_start, close) {
            Some((name, args, end)) => {
                tags.push(Tag {
                    span: found..end,
                    form: if brace { Form::Inline } else { Form::Body },
                    name,
                    args,
                });
                at = end;
            }
            None if !brace && zola_end(text, inner_start).is_some() => {
                let end = zola_end(text, inner_start).unwrap_or(inner_start);
                tags.push(Tag {
                    span: found..end,
                    form: Form::Close,
                    name: "end",
                    args: "",
                });
                at = end;
            }
            // Not Zola's grammar: text, as Zola leaves it.
            None => at = inner_start,
        }
    }
    tags
}

/// `ident(kwargs)` then the closing delimiter, from `from`: the name, the arguments inside
/// the parentheses, and where the tag ends.
fn zola_call<'a>(text: &'a str, from: usize, close: &str) -> Option<(&'a str, &'a str, usize)> {
    let rest = &text[from..];
    let lead = rest.len() - rest.trim_start().len();
    let name_start = from + lead;
    let name_len = text[name_start..]
        .char_indices()
        .take_while(|&(i, c)| c == '_' || c.is_ascii_alphabetic() || (i > 0 && c.is_ascii_digit()))
        .count();
    if name_len == 0 {
        return None;
    }
    let name = &text[name_start..name_start + name_len];
    let after = &text[name_start + name_len..];
    let open = name_start + name_len + (after.len() - after.trim_start().len());
    if !text[open..].starts_with('(') {
        return None;
    }
    let bytes = text.as_bytes();
    let mut i = open + 1;
    while i < bytes.len() && bytes[i] != b')' {
        match bytes[i] {
            quote @ (b'"' | b'\'' | b'`') => {
                i += 1;
                while i < bytes.len() && bytes[i] != quote {
                    i += 1;
                }
                if i >= bytes.len() {
                    return None;
                }
            }
            b'{' | b'}' | b'%' => return None,
            _ => {}
        }
        i += 1;
    }
    if i >= bytes.len() {
        return None;
    }
    let args = text[open + 1..i].trim();
    let tail = &text[i + 1..];
    let tail_lead = tail.len() - tail.trim_start().len();
    let close_at = i + 1 + tail_lead;
    text[close_at..]
        .starts_with(close)
        .then_some((name, args, close_at + close.len()))
}

/// The end of `{% end %}` whose `{%` ends at `from`.
fn zola_end(text: &str, from: usize) -> Option<usize> {
    let rest = text[from..].trim_start();
    let rest = rest.strip_prefix("end")?;
    let rest_trimmed = rest.trim_start();
    rest_trimmed
        .starts_with("%}")
        .then(|| text.len() - rest_trimmed.len() + 2)
}

fn unclosed(text: &str, from: usize) -> Tag<'_> {
    Tag {
        span: from..text.len(),
        form: Form::Unclosed,
        name: "",
        args: "",
    }
}

/// The first place at or after `from` where `a` or `b` starts.
fn find_either(text: &str, from: usize, a: &str, b: &str) -> Option<usize> {
    let rest = text.get(from..)?;
    match (rest.find(a), rest.find(b)) {
        (Some(x), Some(y)) => Some(from + x.min(y)),
        (Some(x), None) | (None, Some(x)) => Some(from + x),
        (None, None) => None,
    }
}

/// The first word of `text` and the rest, trimmed.
fn split_word(text: &str) -> (&str, &str) {
    let text = text.trim();
    match text.find(|c: char| c.is_whitespace()) {
        Some(i) => (&text[..i], text[i..].trim()),
        None => (text, ""),
    }
}

/// One argument of a tag: `key=value` or a bare value, quotes taken off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arg {
    pub key: Option<String>,
    pub value: String,
}

/// Reads arguments as Liquid includes, Hugo shortcodes and Zola calls write them: values
/// bare, or quoted with `"`, `'` or backticks; `key=value` or `key: value`; separated by
/// spaces or commas.
pub fn args(text: &str) -> Vec<Arg> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let skip = |i: &mut usize| {
        while *i < chars.len() && (chars[*i].is_whitespace() || chars[*i] == ',') {
            *i += 1;
        }
    };
    loop {
        skip(&mut i);
        if i >= chars.len() {
            break;
        }
        let first = read_value(&chars, &mut i);
        let mut j = i;
        while j < chars.len() && chars[j] == ' ' {
            j += 1;
        }
        let is_key = !first.quoted
            && j < chars.len()
            && (chars[j] == '=' || (chars[j] == ':' && i == j))
            && !first.text.is_empty();
        if is_key {
            i = j + 1;
            while i < chars.len() && chars[i] == ' ' {
                i += 1;
            }
            let value = read_value(&chars, &mut i);
            out.push(Arg {
                key: Some(first.text),
                value: value.text,
            });
        } else {
            out.push(Arg {
                key: None,
                value: first.text,
            });
        }
    }
    out
}

struct Value {
    text: String,
    quoted: bool,
}

fn read_value(chars: &[char], i: &mut usize) -> Value {
    if let Some(&quote) = chars.get(*i).filter(|c| matches!(c, '"' | '\'' | '`')) {
        *i += 1;
        let mut text = String::new();
        while *i < chars.len() && chars[*i] != quote {
            if chars[*i] == '\\' && quote == '"' && *i + 1 < chars.len() {
                *i += 1;
            }
            text.push(chars[*i]);
            *i += 1;
        }
        *i += 1;
        return Value { text, quoted: true };
    }
    let mut text = String::new();
    while *i < chars.len()
        && !chars[*i].is_whitespace()
        && chars[*i] != ','
        && chars[*i] != '='
        && !(chars[*i] == ':' && chars.get(*i + 1).is_none_or(|c| c.is_whitespace()))
    {
        text.push(chars[*i]);
        *i += 1;
    }
    if text.is_empty() && *i < chars.len() {
        // A stray `=` or `:`: step over it, so the reading always moves on.
        text.push(chars[*i]);
        *i += 1;
    }
    Value {
        text,
        quoted: false,
    }
}

/// The value of the argument named `key`, else of the bare argument at `position`.
pub fn arg<'a>(args: &'a [Arg], key: &str, position: Option<usize>) -> Option<&'a str> {
    args.iter()
        .find(|a| a.key.as_deref() == Some(key))
        .or_else(|| position.and_then(|p| args.iter().filter(|a| a.key.is_none()).nth(p)))
        .map(|a| a.value.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(dialect: Dialect, text: &str) -> Vec<(String, Form, String, String)> {
        scan(dialect, text)
            .into_iter()
            .map(|t| {
                (
                    text[t.span.clone()].to_string(),
                    t.form,
                    t.name.to_string(),
                    t.args.to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn liquid_tags_and_outputs() {
        let found = shapes(
            Dialect::Liquid,
            "See [it]({% post_url 2019-03-04-ports %}) at {{ site.baseurl }}/x.\n{%- include figure.html src=\"a.png\" -%}",
        );
        assert_eq!(
            found,
            [
                (
                    "{% post_url 2019-03-04-ports %}".into(),
                    Form::Statement,
                    "post_url".into(),
                    "2019-03-04-ports".into()
                ),
                (
                    "{{ site.baseurl }}".into(),
                    Form::Output,
                    "site.baseurl".into(),
                    "site.baseurl".into()
                ),
                (
                    "{%- include figure.html src=\"a.png\" -%}".into(),
                    Form::Statement,
                    "include".into(),
                    "figure.html src=\"a.png\"".into()
                ),
            ]
        );
    }

    #[test]
    fn liquid_raw_and_comment_blocks_are_not_scanned_inside() {
        let text = "{% raw %}{{ page.title }} {% if %}{% endraw %} {% comment %}{{ x }}{% endcomment %}{{ y }}";
        let names: Vec<String> = scan(Dialect::Liquid, text)
            .iter()
            .map(|t| t.name.to_string())
            .collect();
        assert_eq!(names, ["raw", "endraw", "comment", "endcomment", "y"]);
        // A raw block that never ends leaves the rest of the body as it is.
        assert_eq!(scan(Dialect::Liquid, "{% raw %}{{ a }}").len(), 1);
        let unclosed = scan(Dialect::Liquid, "a {{ b");
        assert_eq!(unclosed[0].form, Form::Unclosed);
        assert_eq!(unclosed[0].span, 2..6);
    }

    #[test]
    fn hugo_shortcodes_pairs_and_escapes() {
        let text = "{{< figure src=\"a.png\" caption=\"x >}} y\" >}}\n{{% highlight go \"linenos=table\" %}}\nfunc(){}\n{{% /highlight %}}\n{{</* youtube abc */>}} {{< br />}} {{ .Title }}";
        let found = shapes(Dialect::Hugo, text);
        assert_eq!(found.len(), 5, "{found:#?}");
        assert_eq!(found[0].2, "figure");
        assert_eq!(found[0].3, "src=\"a.png\" caption=\"x >}} y\"");
        assert_eq!(
            found[1].1,
            Form::Shortcode {
                percent: true,
                self_closing: false
            }
        );
        assert_eq!(
            (found[2].1.clone(), found[2].2.as_str()),
            (Form::Close, "highlight")
        );
        assert_eq!(found[3].1, Form::Escaped("{{< youtube abc >}}".into()));
        assert_eq!(
            found[4].1,
            Form::Shortcode {
                percent: false,
                self_closing: true
            }
        );
        assert_eq!(
            shapes(Dialect::Hugo, "{{< ref \"a.md\"")[0].1,
            Form::Unclosed
        );
    }

    #[test]
    fn zola_takes_only_calls() {
        let text = "{{ youtube(id=\"abc\", autoplay=true) }} {{ page.title }} {% quote(author=\"A\") %}Hi{% end %} {{/* gist(url=\"u\") */}} {% if x %}";
        let found = shapes(Dialect::Zola, text);
        assert_eq!(found.len(), 4, "{found:#?}");
        assert_eq!(
            (found[0].1.clone(), found[0].2.as_str(), found[0].3.as_str()),
            (Form::Inline, "youtube", "id=\"abc\", autoplay=true")
        );
        assert_eq!(
            (found[1].1.clone(), found[1].2.as_str()),
            (Form::Body, "quote")
        );
        assert_eq!(found[2].1, Form::Close);
        assert_eq!(found[3].1, Form::Escaped("{{ gist(url=\"u\") }}".into()));
    }

    #[test]
    fn arguments_read_every_way_they_are_written() {
        let read =
            args("figure.html src=\"/a b.png\" alt='A \"quoted\" chart' width=300, caption: `x`");
        let shown: Vec<(Option<&str>, &str)> = read
            .iter()
            .map(|a| (a.key.as_deref(), a.value.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                (None, "figure.html"),
                (Some("src"), "/a b.png"),
                (Some("alt"), "A \"quoted\" chart"),
                (Some("width"), "300"),
                (Some("caption"), "x"),
            ]
        );
        let positional = args("go \"linenos=table\"");
        assert_eq!(arg(&positional, "lang", Some(0)), Some("go"));
        assert_eq!(arg(&positional, "options", Some(1)), Some("linenos=table"));
        assert_eq!(args("= = :"), args("= = :"));
        assert!(args("\"unclosed").len() == 1);
    }
}
