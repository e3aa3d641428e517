//! The top of a plain-text piece: its lines, its blocks, the dateline and the title line.
//!
//! Everything here reads lines; dates themselves are `crate::dates`'s to parse, and what the
//! bio at the end says is `bio`'s.

use std::borrow::Cow;

use super::ImportError;
use crate::dates;

#[derive(Clone, Copy, Debug)]
pub(super) struct Line<'a> {
    pub(super) number: usize,
    pub(super) text: &'a str,
}

pub(super) fn split_lines(text: &str) -> Vec<Line<'_>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.split('\n')
        .enumerate()
        .map(|(i, line)| Line {
            number: i + 1,
            text: line.strip_suffix('\r').unwrap_or(line),
        })
        .collect()
}

pub(super) fn is_blank(line: &Line) -> bool {
    line.text.trim().is_empty()
}

pub(super) fn last_filled<'a>(lines: &[Line<'a>]) -> Line<'a> {
    let fallback = Line {
        number: lines.len().max(1),
        text: "",
    };
    lines
        .iter()
        .rev()
        .find(|l| !is_blank(l))
        .copied()
        .unwrap_or(fallback)
}

/// Groups lines into runs of non-blank lines: the paragraphs of the text.
pub(super) fn split_blocks<'a, 'b>(lines: &'b [Line<'a>]) -> Vec<&'b [Line<'a>]> {
    lines
        .split(is_blank)
        .filter(|block| !block.is_empty())
        .collect()
}

/// `text` with every Unicode space (a no-break space, a thin space, an ideographic space…)
/// read as a plain space, for parsing. Text copied from a web page carries them inside
/// datelines (`8:00\u{202f}am`), names and bio sentences; what is written keeps the original.
pub(super) fn spaced(text: &str) -> Cow<'_, str> {
    if text.chars().all(|c| c == ' ' || !c.is_whitespace()) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect(),
    )
}

/// Whether a line reads as a dateline, Unicode spaces and all.
pub(super) fn looks_like_dateline(text: &str) -> bool {
    dates::looks_like_dateline(&spaced(text))
}

/// `text` with each run of whitespace (tabs and form feeds included) made one space.
pub(super) fn single_spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn join_lines(block: &[Line]) -> String {
    let parts: Vec<&str> = block.iter().map(|l| l.text.trim()).collect();
    parts.join(" ")
}

pub(super) struct Header<'a> {
    pub(super) first: Line<'a>,
    pub(super) dateline: Line<'a>,
    pub(super) title: Option<Line<'a>>,
    /// Index in the lines of the first line after the header.
    pub(super) body_start: usize,
}

/// Finds the dateline and the title line among the first lines.
///
/// The dateline is the first non-empty line, unless that line reads like a title and the next
/// one like a dateline. A title after the dateline must stand alone: the first line of a
/// hard-wrapped paragraph often lacks final punctuation too.
pub(super) fn find_header<'a>(lines: &[Line<'a>]) -> Option<Header<'a>> {
    let filled = |from: usize| (from..lines.len()).find(|&i| !is_blank(&lines[i]));
    let first = filled(0)?;
    let second = filled(first + 1);
    let header = |dateline: usize, title: Option<usize>, body_start: usize| Header {
        first: lines[first],
        dateline: lines[dateline],
        title: title.map(|i| lines[i]),
        body_start,
    };
    if looks_like_dateline(lines[first].text) {
        let ends_block = |i: usize| lines.get(i + 1).is_none_or(is_blank);
        let title = second.filter(|&i| is_title_line(lines[i].text) && ends_block(i));
        return Some(header(first, title, title.unwrap_or(first) + 1));
    }
    match second {
        Some(s) if is_title_line(lines[first].text) && looks_like_dateline(lines[s].text) => {
            Some(header(s, Some(first), s + 1))
        }
        // No dateline where one belongs: a title-like first line is still the title, so the
        // only error reported is the missing dateline.
        _ => {
            let title = is_title_line(lines[first].text).then_some(first);
            Some(header(first, title, first + 1))
        }
    }
}

/// A short line without final punctuation; a closing `?` or `!` is allowed, as headlines ask.
/// A `By Jane Doe` byline is not a title; it stays in the body, where an editor will see it.
fn is_title_line(text: &str) -> bool {
    let text = text.trim().trim_end_matches(CLOSERS);
    let words = text.split_whitespace().count();
    !text.starts_with("By ")
        && (1..=20).contains(&words)
        && text.chars().count() <= 150
        && !text.ends_with(['.', ',', ';', ':', '…'])
}

pub(super) const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»'];

pub(super) fn error_at(number: usize, text: &str, message: &str) -> ImportError {
    let column = text.chars().take_while(|c| c.is_whitespace()).count() + 1;
    ImportError {
        line: number,
        column,
        message: message.to_string(),
    }
}
