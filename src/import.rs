//! Plain-text pieces, in the shape think tanks publish them, turned into articles (issue 5).
//!
//! A piece is a dateline, an optional title line before or after it, paragraphs separated by
//! blank lines, and at the end a bio sentence about the author(s), perhaps followed by short
//! lines such as a social-media handle. This module reads that text into an [`ImportedPiece`]
//! and renders the article and author-profile files. It is pure: reading the input files,
//! choosing paths, refusing to overwrite and reporting errors with a path all belong to the
//! `import` command.
//!
//! The body is written so that Markdown, with smart punctuation on, shows exactly the source
//! text: every character Markdown would read as syntax is backslash-escaped.

use std::collections::BTreeSet;
use std::fmt;

use jiff::ZonedDateTime;
use jiff::tz::TimeZone;

use crate::dates;

/// What the command line adds to the text of a piece.
#[derive(Clone, Copy, Debug)]
pub struct ImportOptions<'a> {
    /// `--title`: used instead of the piece's title line, and required when it has none.
    pub title: Option<&'a str>,
    /// The site's time zone, in which a dateline's wall-clock time is read.
    pub tz: &'a TimeZone,
}

/// A plain-text piece, read and checked.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedPiece {
    pub title: String,
    pub date: ZonedDateTime,
    /// False when the dateline gave only a day.
    pub has_time: bool,
    pub authors: Vec<ImportedAuthor>,
    /// The affiliation shared by every author, if they share one.
    pub affiliation: Option<String>,
    /// The first sentence or two of the body, as plain text.
    pub summary: String,
    /// The exact source text of each body paragraph, its lines joined with one space.
    pub paragraphs: Vec<String>,
}

/// An author as the bio sentence and the lines after it describe them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportedAuthor {
    pub name: String,
    /// As written, with a capital first letter: `Senior fellow and director of studies`.
    pub role: Option<String>,
    pub affiliation: Option<String>,
    /// `(label, url)`, e.g. `("X", "https://x.com/janedoe")`.
    pub links: Vec<(String, String)>,
    /// The bio text and any short lines after it, for the profile's body. Co-authors named in
    /// one sentence each get that shared text.
    pub bio: Option<String>,
}

/// A problem with a piece, at a 1-based line and column of its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// Reads a plain-text piece.
///
/// Accepts a UTF-8 byte-order mark and CRLF line ends. Returns every problem found (a bad
/// dateline, no title, no bio, no body, a handle that fits no single author), not just the
/// first. A NUL character is an error of its own: no text file holds one, and front matter
/// refuses it.
pub fn parse(text: &str, opts: &ImportOptions) -> Result<ImportedPiece, Vec<ImportError>> {
    let lines = split_lines(text);
    if let Some((line, before)) = lines
        .iter()
        .find_map(|l| Some((l, l.text.split_once('\0')?.0)))
    {
        return Err(vec![ImportError {
            line: line.number,
            column: before.chars().count() + 1,
            message: "the file holds a NUL character; is it a text file?".into(),
        }]);
    }
    let Some(header) = find_header(&lines) else {
        return Err(vec![error_at(1, "", "the file is empty")]);
    };
    let mut errors = Vec::new();
    let date = dates::parse(header.dateline.text, opts.tz).map_err(|e| {
        let message = if dates::looks_like_dateline(header.dateline.text) {
            e.message
        } else {
            format!("no dateline found: {}", e.message)
        };
        error_at(header.dateline.number, header.dateline.text, &message)
    });
    let title = match (
        opts.title.map(str::trim).filter(|t| !t.is_empty()),
        header.title,
    ) {
        (Some(title), _) => Some(title.to_string()),
        (None, Some(line)) => Some(line.text.trim().to_string()),
        (None, None) => {
            let first = header.first;
            let message = "no title line found (a short line without final punctuation next \
                           to the dateline); pass the title with `--title \"…\"`";
            errors.push(error_at(first.number, first.text, message));
            None
        }
    };
    let blocks = split_blocks(&lines[header.body_start..]);
    let (body, authors) = read_tail(&blocks, &lines, &mut errors);
    if body.is_empty() && authors.is_some() {
        let last = last_filled(&lines);
        errors.push(error_at(
            last.number,
            last.text,
            "the piece has no body paragraphs",
        ));
    }
    match (date, title, authors) {
        (Ok(date), Some(title), Some(authors)) if errors.is_empty() => {
            let paragraphs: Vec<String> = body.iter().map(|b| join_lines(b)).collect();
            Ok(ImportedPiece {
                title,
                date: date.at,
                has_time: date.has_time,
                affiliation: shared_affiliation(&authors),
                authors,
                summary: summarize(paragraphs.first().map_or("", String::as_str)),
                paragraphs,
            })
        }
        (date, ..) => {
            errors.extend(date.err());
            errors.sort_by_key(|e| (e.line, e.column));
            Err(errors)
        }
    }
}

/// Renders the article file: TOML front matter, then the body paragraphs, escaped.
///
/// A piece whose dateline gave no time gets a bare `date = "2025-08-16"` rather than an
/// invented midnight; otherwise the date is RFC 3339 with its offset.
pub fn article_file(piece: &ImportedPiece) -> String {
    let mut out = String::from("+++\n");
    push_key(&mut out, "title", &piece.title);
    let date_format = if piece.has_time {
        "%Y-%m-%dT%H:%M:%S%.f%:z"
    } else {
        "%Y-%m-%d"
    };
    let date = jiff::fmt::strtime::format(date_format, &piece.date)
        .unwrap_or_else(|_| piece.date.timestamp().to_string());
    push_key(&mut out, "date", &date);
    match piece.authors.as_slice() {
        [author] => push_key(&mut out, "author", &author.name),
        authors
            if piece.affiliation.is_some() || authors.iter().all(|a| a.affiliation.is_none()) =>
        {
            let names: Vec<String> = authors.iter().map(|a| toml_string(&a.name)).collect();
            out.push_str(&format!("authors = [{}]\n", names.join(", ")));
        }
        authors => {
            let tables: Vec<String> = authors.iter().map(author_table).collect();
            out.push_str(&format!("authors = [\n  {},\n]\n", tables.join(",\n  ")));
        }
    }
    if let Some(affiliation) = &piece.affiliation {
        push_key(&mut out, "affiliation", affiliation);
    }
    push_key(&mut out, "summary", &piece.summary);
    out.push_str("+++\n");
    for paragraph in &piece.paragraphs {
        out.push('\n');
        out.push_str(&escape_markdown(paragraph));
        out.push('\n');
    }
    out
}

/// Renders a new author profile: name, role, affiliation and `[links]`, then the bio as body.
pub fn profile_file(author: &ImportedAuthor) -> String {
    let mut out = String::from("+++\n");
    out.push_str(&profile_keys(author, &BTreeSet::new()));
    if !author.links.is_empty() {
        out.push_str("\n[links]\n");
        for (label, url) in &author.links {
            out.push_str(&format!("{} = {}\n", toml_key(label), toml_string(url)));
        }
    }
    out.push_str("+++\n");
    if let Some(bio) = &author.bio {
        out.push('\n');
        out.push_str(&escape_markdown(bio));
        out.push('\n');
    }
    out
}

/// Fills in what an existing profile lacks, never changing what is there.
///
/// Adds `name`, `role` and `affiliation` when absent, links whose label and URL are both new,
/// and the bio when the body is empty. Returns the new file text, or `None` when there is
/// nothing to add or the profile is not in the simple form this understands: TOML front
/// matter of one-line `key = value` entries and at most a `[links]` table. Anything else (YAML,
/// multi-line strings or arrays, dotted keys) is left alone.
pub fn merge_profile(existing: &str, author: &ImportedAuthor) -> Option<String> {
    let lines: Vec<&str> = existing.split_inclusive('\n').collect();
    let open = lines.first().filter(|l| fence(l))?;
    let close = lines.iter().skip(1).position(fence)? + 1;
    let front = Front::scan(&lines[1..close])?;
    // Added lines follow the file's own line ends.
    let crlf = open.ends_with("\r\n");
    let line_ends = |text: String| {
        if crlf {
            text.replace('\n', "\r\n")
        } else {
            text
        }
    };

    let root = line_ends(profile_keys(author, &front.root_keys));
    let links: Vec<String> = if front.root_keys.contains("links") {
        Vec::new()
    } else {
        let front_text: String = lines[1..close].concat();
        author
            .links
            .iter()
            .filter(|(label, url)| {
                !front.labels.contains(&label.to_lowercase()) && !front_text.contains(url.as_str())
            })
            .map(|(label, url)| format!("{} = {}\n", toml_key(label), toml_string(url)))
            .collect()
    };
    let body_empty = lines[close + 1..].iter().all(|l| l.trim().is_empty());
    let bio = author.bio.as_ref().filter(|_| body_empty);
    if root.is_empty() && links.is_empty() && bio.is_none() {
        return None;
    }

    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let links = links.concat();
    match front.links_end {
        Some(end) => out[end + 1].insert_str(0, &line_ends(links)),
        None if !links.is_empty() => {
            out[close].insert_str(0, &line_ends(format!("\n[links]\n{links}")));
        }
        None => {}
    }
    out[front.root_end + 1].insert_str(0, &root);
    if let Some(bio) = bio {
        if !out[close].ends_with('\n') {
            out[close].push_str(&line_ends("\n".to_string()));
        }
        out.truncate(close + 1);
        out.push(line_ends(format!("\n{}\n", escape_markdown(bio))));
    }
    Some(out.concat())
}

/// Whether an existing profile is in the simple form [`merge_profile`] can extend.
///
/// Tells apart the two reasons `merge_profile` returns `None`: a profile this can read that
/// already has everything, and one it leaves alone because it cannot read it safely.
pub fn can_merge_profile(existing: &str) -> bool {
    let lines: Vec<&str> = existing.split_inclusive('\n').collect();
    if !lines.first().is_some_and(fence) {
        return false;
    }
    match lines.iter().skip(1).position(fence) {
        Some(close) => Front::scan(&lines[1..close + 1]).is_some(),
        None => false,
    }
}

// ---- lines, blocks and the header ----------------------------------------------------------

#[derive(Clone, Copy, Debug)]
struct Line<'a> {
    number: usize,
    text: &'a str,
}

fn split_lines(text: &str) -> Vec<Line<'_>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.split('\n')
        .enumerate()
        .map(|(i, line)| Line {
            number: i + 1,
            text: line.strip_suffix('\r').unwrap_or(line),
        })
        .collect()
}

fn is_blank(line: &Line) -> bool {
    line.text.trim().is_empty()
}

fn last_filled<'a>(lines: &[Line<'a>]) -> Line<'a> {
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
fn split_blocks<'a, 'b>(lines: &'b [Line<'a>]) -> Vec<&'b [Line<'a>]> {
    lines
        .split(is_blank)
        .filter(|block| !block.is_empty())
        .collect()
}

/// `text` with each run of whitespace (tabs and form feeds included) made one space.
fn single_spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn join_lines(block: &[Line]) -> String {
    let parts: Vec<&str> = block.iter().map(|l| l.text.trim()).collect();
    parts.join(" ")
}

struct Header<'a> {
    first: Line<'a>,
    dateline: Line<'a>,
    title: Option<Line<'a>>,
    /// Index in the lines of the first line after the header.
    body_start: usize,
}

/// Finds the dateline and the title line among the first lines.
///
/// The dateline is the first non-empty line, unless that line reads like a title and the next
/// one like a dateline. A title after the dateline must stand alone: the first line of a
/// hard-wrapped paragraph often lacks final punctuation too.
fn find_header<'a>(lines: &[Line<'a>]) -> Option<Header<'a>> {
    let filled = |from: usize| (from..lines.len()).find(|&i| !is_blank(&lines[i]));
    let first = filled(0)?;
    let second = filled(first + 1);
    let header = |dateline: usize, title: Option<usize>, body_start: usize| Header {
        first: lines[first],
        dateline: lines[dateline],
        title: title.map(|i| lines[i]),
        body_start,
    };
    if dates::looks_like_dateline(lines[first].text) {
        let ends_block = |i: usize| lines.get(i + 1).is_none_or(is_blank);
        let title = second.filter(|&i| is_title_line(lines[i].text) && ends_block(i));
        return Some(header(first, title, title.unwrap_or(first) + 1));
    }
    match second {
        Some(s)
            if is_title_line(lines[first].text) && dates::looks_like_dateline(lines[s].text) =>
        {
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

const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»'];

fn error_at(number: usize, text: &str, message: &str) -> ImportError {
    let column = text.chars().take_while(|c| c.is_whitespace()).count() + 1;
    ImportError {
        line: number,
        column,
        message: message.to_string(),
    }
}

// ---- the bio at the end --------------------------------------------------------------------

/// Splits the blocks into body and bio, and reads the authors from the bio.
///
/// Walking back from the end, the bio is the run of blocks that open with a bio sentence or
/// hold only short lines (handles, a disclaimer); the body is everything before the first
/// block that opens with a bio sentence.
fn read_tail<'a, 'b>(
    blocks: &[&'b [Line<'a>]],
    lines: &[Line],
    errors: &mut Vec<ImportError>,
) -> (Vec<&'b [Line<'a>]>, Option<Vec<ImportedAuthor>>) {
    let mut first_bio = None;
    for (i, block) in blocks.iter().enumerate().rev() {
        if opens_with_bio(block) {
            first_bio = Some(i);
        } else if !is_trailing(block) {
            break;
        }
    }
    let Some(start) = first_bio else {
        let last = last_filled(lines);
        let message = "no author bio sentence found at the end of the piece; end it with one \
                       such as `Jane Doe is a senior fellow at Some Institute.`";
        errors.push(error_at(last.number, last.text, message));
        return (blocks.to_vec(), None);
    };
    let authors = read_bio(&blocks[start..], errors);
    (blocks[..start].to_vec(), Some(authors))
}

fn opens_with_bio(block: &[Line]) -> bool {
    let prose: Vec<Line> = block
        .iter()
        .take_while(|l| parse_link(l.text).is_none())
        .copied()
        .collect();
    let text = join_lines(&prose);
    sentences(&text)
        .first()
        .is_some_and(|s| parse_bio_sentence(s).is_some())
}

fn is_trailing(block: &[Line]) -> bool {
    let short_line = matches!(block, [line] if line.text.trim().chars().count() <= 80);
    short_line || block.iter().all(|l| parse_link(l.text).is_some())
}

/// Reads the bio blocks in order: a bio sentence starts a group of authors, and what follows
/// it (more sentences, short lines, handles) belongs to that group.
fn read_bio(tail: &[&[Line]], errors: &mut Vec<ImportError>) -> Vec<ImportedAuthor> {
    let mut authors: Vec<ImportedAuthor> = Vec::new();
    let mut group = 0..0;
    for block in tail {
        let mut prose: Vec<Line> = Vec::new();
        for line in block.iter() {
            match parse_link(line.text) {
                Some(link) => {
                    add_prose(&mut authors, &mut group, &prose);
                    prose.clear();
                    match owner_of(&link.1, &authors[group.clone()]) {
                        Some(i) => add_link(&mut authors[group.start + i].links, link),
                        None => errors.push(error_at(
                            line.number,
                            line.text,
                            "cannot tell which author this link belongs to; put it right \
                             after a bio sentence about that author alone",
                        )),
                    }
                }
                None => prose.push(*line),
            }
        }
        add_prose(&mut authors, &mut group, &prose);
    }
    authors
}

/// Adds a link to an author's, once, numbering its label when another link already has it
/// (`X`, `X 2`): a profile's `[links]` table cannot hold one key twice.
fn add_link(links: &mut Vec<(String, String)>, (label, url): (String, String)) {
    if links.iter().any(|(_, u)| *u == url) {
        return;
    }
    let mut unique = label.clone();
    let mut n = 2;
    while links.iter().any(|(l, _)| *l == unique) {
        unique = format!("{label} {n}");
        n += 1;
    }
    links.push((unique, url));
}

fn add_prose(
    authors: &mut Vec<ImportedAuthor>,
    group: &mut std::ops::Range<usize>,
    prose: &[Line],
) {
    let text = join_lines(prose);
    for sentence in sentences(&text) {
        if let Some(bio) = parse_bio_sentence(sentence) {
            *group = authors.len()..authors.len() + bio.names.len();
            // Names and affiliations are matched between files, and front matter reads a
            // byline's name with its whitespace collapsed: write them that way here too.
            authors.extend(bio.names.into_iter().map(|name| ImportedAuthor {
                name: single_spaced(&name),
                role: Some(bio.role.clone()),
                affiliation: Some(single_spaced(&bio.affiliation)),
                links: Vec::new(),
                bio: Some(sentence.to_string()),
            }));
        } else {
            for author in &mut authors[group.clone()] {
                let bio = author.bio.get_or_insert_with(String::new);
                bio.push(' ');
                bio.push_str(sentence);
            }
        }
    }
}

/// Which author of the group a link is for: the only one, or the one whose name it contains.
fn owner_of(url: &str, group: &[ImportedAuthor]) -> Option<usize> {
    if group.len() == 1 {
        return Some(0);
    }
    let url = url.to_lowercase();
    let mentions = |a: &ImportedAuthor| {
        a.name
            .split_whitespace()
            .any(|w| w.chars().count() >= 3 && url.contains(&w.to_lowercase()))
    };
    let matching: Vec<usize> = (0..group.len()).filter(|&i| mentions(&group[i])).collect();
    match matching.as_slice() {
        [only] => Some(*only),
        _ => None,
    }
}

struct Bio {
    names: Vec<String>,
    role: String,
    affiliation: String,
}

/// `NAME is [a|an] ROLE at|with|of ORG.` or `NAME, NAME and NAME are ROLES at ORG.`
fn parse_bio_sentence(sentence: &str) -> Option<Bio> {
    let sentence = sentence.trim().strip_suffix('.')?;
    let (names, plural, rest) = [" is ", " are "]
        .iter()
        .filter_map(|verb| sentence.find(verb).map(|at| (at, *verb)))
        .min()
        .map(|(at, verb)| {
            (
                &sentence[..at],
                verb == " are ",
                &sentence[at + verb.len()..],
            )
        })?;
    let names = parse_names(names)?;
    let rest = ["a ", "an ", "the "]
        .iter()
        .find_map(|a| rest.strip_prefix(a))
        .unwrap_or(rest);
    let (role, org) = [" at ", " with ", " of "]
        .iter()
        .find_map(|p| rest.split_once(p))?;
    let org = org.trim().strip_prefix("the ").unwrap_or(org.trim());
    let org_capitalized = org
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    if role.trim().is_empty() || !org_capitalized {
        return None;
    }
    let role = if plural {
        singularize(role.trim())
    } else {
        role.trim().to_string()
    };
    Some(Bio {
        names,
        role: capitalize(&role),
        affiliation: org.to_string(),
    })
}

fn parse_names(text: &str) -> Option<Vec<String>> {
    let text = text
        .replace(", and ", ", ")
        .replace(" and ", ", ")
        .replace(" & ", ", ");
    text.split(", ")
        .map(|name| is_name(name.trim()).then(|| name.trim().to_string()))
        .collect()
}

/// Two to four capitalised words, with particles such as `de`, `van` or `al-` between them.
fn is_name(name: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "al", "bin", "da", "de", "del", "della", "der", "des", "di", "du", "el", "ibn", "la", "le",
        "van", "von", "y",
    ];
    const NOT_NAMES: &[&str] = &[
        "A", "An", "And", "But", "For", "He", "Her", "His", "In", "It", "Its", "Our", "She",
        "That", "The", "Their", "There", "These", "They", "This", "Those", "We", "What", "When",
        "Why",
    ];
    let capitalized = |w: &str| {
        let rest = ["al-", "el-"]
            .iter()
            .find_map(|p| w.strip_prefix(p))
            .unwrap_or(w);
        rest.chars().next().is_some_and(char::is_uppercase)
            && rest
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    let names = words.iter().filter(|w| capitalized(w)).count();
    let all_fit = words
        .iter()
        .all(|w| capitalized(w) || PARTICLES.contains(w));
    let first_fits = words.first().is_some_and(|w| !NOT_NAMES.contains(w));
    let last_fits = words.last().is_some_and(|w| capitalized(w));
    (2..=4).contains(&names) && words.len() <= 6 && all_fit && first_fits && last_fits
}

/// `senior fellows and co-directors of the program` → `senior fellow and co-director of the
/// program`: each noun before `and`, a preposition or the end of the phrase loses its plural.
fn singularize(role: &str) -> String {
    const STOPS: &[&str] = &["and", "&", "in", "of", "for", "on", "at", "with"];
    let words: Vec<&str> = role.split_whitespace().collect();
    let phrase_end = words
        .iter()
        .position(|w| STOPS[2..].contains(w))
        .unwrap_or(words.len());
    let singular = |w: &str| match w {
        _ if w.ends_with("ies") => format!("{}y", &w[..w.len() - 3]),
        _ if w.ends_with("ss") || w.ends_with("us") || !w.ends_with('s') => w.to_string(),
        _ => w[..w.len() - 1].to_string(),
    };
    let out: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let ends_noun = i < phrase_end && words.get(i + 1).is_none_or(|n| STOPS.contains(n));
            if ends_noun {
                singular(w)
            } else {
                w.to_string()
            }
        })
        .collect();
    out.join(" ")
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn shared_affiliation(authors: &[ImportedAuthor]) -> Option<String> {
    let first = authors.first()?.affiliation.clone()?;
    authors
        .iter()
        .all(|a| a.affiliation.as_ref() == Some(&first))
        .then_some(first)
}

// ---- handles and links ---------------------------------------------------------------------

/// Reads `@name`, `X: @name`, `Bluesky: @name.bsky.social`, `Mastodon: @user@host`, a URL or
/// `Label: URL` as a `(label, url)` link.
fn parse_link(line: &str) -> Option<(String, String)> {
    let line = line.trim().trim_end_matches('.');
    let (prefix, value) = match line.split_once(':') {
        Some((prefix, value)) if value.starts_with([' ', '@']) => {
            (Some(prefix.trim()), value.trim())
        }
        _ => (None, line),
    };
    // A profile refuses a link with a space or a control character in it; so does this.
    if value.is_empty() || value.contains(|c: char| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let service = prefix
        .and_then(|p| p.split_whitespace().last())
        .map(str::to_lowercase);
    if value.starts_with("https://") || value.starts_with("http://") {
        let label = match prefix {
            Some(p) if p.split_whitespace().count() <= 2 => capitalize(p),
            _ => label_for_url(value).to_string(),
        };
        return Some((label, value.to_string()));
    }
    let handle = value.strip_prefix('@')?;
    match (service.as_deref(), handle.split_once('@')) {
        (None | Some("mastodon"), Some((user, host))) => mastodon(user, host),
        (Some("x" | "twitter"), None) => x_handle(handle),
        (Some("bluesky" | "bsky"), None) => bluesky(handle),
        (None, None) if handle.contains('.') => bluesky(handle),
        (None, None) => x_handle(handle),
        _ => None,
    }
}

fn x_handle(name: &str) -> Option<(String, String)> {
    let valid = (1..=15).contains(&name.len())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    valid.then(|| ("X".to_string(), format!("https://x.com/{name}")))
}

fn bluesky(handle: &str) -> Option<(String, String)> {
    is_domain(handle).then(|| {
        (
            "Bluesky".to_string(),
            format!("https://bsky.app/profile/{handle}"),
        )
    })
}

fn mastodon(user: &str, host: &str) -> Option<(String, String)> {
    let user_ok = !user.is_empty() && user.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    (user_ok && is_domain(host))
        .then(|| ("Mastodon".to_string(), format!("https://{host}/@{user}")))
}

fn is_domain(text: &str) -> bool {
    text.contains('.')
        && !text.starts_with('.')
        && !text.ends_with('.')
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
}

fn label_for_url(url: &str) -> &'static str {
    let host = url
        .split("://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or("");
    match host.strip_prefix("www.").unwrap_or(host) {
        "x.com" | "twitter.com" => "X",
        "bsky.app" => "Bluesky",
        "linkedin.com" => "LinkedIn",
        "github.com" => "GitHub",
        _ => "Website",
    }
}

// ---- sentences and the summary -------------------------------------------------------------

/// The sentences of a paragraph, trimmed. A period after an initial, an abbreviation such as
/// `Dr.` or `Aug.`, or inside `U.S.` does not end a sentence, nor does an ellipsis.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?') || (c == '.' && !ends_sentence(text, i)) {
            continue;
        }
        let after = &text[i + c.len_utf8()..];
        let closed = after.trim_start_matches(CLOSERS);
        let end = text.len() - closed.len();
        let next = closed.trim_start();
        let opens = next.chars().next().is_some_and(|n| {
            n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '“' | '‘' | '\'' | '(')
        });
        if end > start && closed.len() > next.len() && opens {
            out.push(text[start..end].trim());
            start = end;
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

fn ends_sentence(text: &str, dot: usize) -> bool {
    const ABBREVIATIONS: &[&str] = &[
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "ltd", "co", "corp", "gen",
        "sen", "rep", "gov", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec",
    ];
    let before = &text[..dot];
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let single_letter = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
    !(before.ends_with('.')
        || text[dot + 1..].starts_with('.')
        || single_letter
        || word.contains('.')
        || ABBREVIATIONS.contains(&word.to_lowercase().as_str()))
}

/// The first sentence of the paragraph, or the first two when the first is under 80
/// characters; never cut mid-sentence.
fn summarize(paragraph: &str) -> String {
    match sentences(paragraph).as_slice() {
        [] => String::new(),
        [first, second, ..] if first.chars().count() < 80 => {
            let start = first.as_ptr() as usize - paragraph.as_ptr() as usize;
            let end = second.as_ptr() as usize - paragraph.as_ptr() as usize + second.len();
            paragraph[start..end].to_string()
        }
        [first, ..] => first.to_string(),
    }
}

// ---- Markdown and TOML output --------------------------------------------------------------

/// Escapes a paragraph so that Markdown, with smart punctuation, renders exactly its text.
///
/// Backslash escapes are used only where Markdown would otherwise see syntax, so the file
/// stays readable: emphasis, code, links, tables, strikethrough, straight quotes, `--` and
/// `...`, HTML tags, entity references, and block markers at the start of the paragraph.
fn escape_markdown(paragraph: &str) -> String {
    let chars: Vec<char> = paragraph.trim().chars().collect();
    let mut out = String::with_capacity(paragraph.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let run = |ch: char| {
            let before = chars[..i].iter().rev().take_while(|&&x| x == ch).count();
            let after = chars[i + 1..].iter().take_while(|&&x| x == ch).count();
            before + 1 + after
        };
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '"' | '\'' => true,
            '<' => next.is_some_and(|n| !n.is_whitespace()),
            '&' => is_entity(&chars[i + 1..]),
            '-' => run('-') >= 2 || i == 0,
            '.' => run('.') >= 3,
            '#' | '>' | '+' | '=' => i == 0,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    escape_list_number(out)
}

/// `1986. It began` would start an ordered list; escaping the period keeps it a paragraph.
fn escape_list_number(mut text: String) -> String {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let rest = &text[digits..];
    let marker =
        rest.starts_with(['.', ')']) && rest[1..].chars().next().is_none_or(char::is_whitespace);
    if (1..=9).contains(&digits) && marker {
        text.insert(digits, '\\');
    }
    text
}

/// Whether the text after an `&` would be read as an entity such as `&amp;` or `&#38;`.
fn is_entity(after: &[char]) -> bool {
    let body = after.strip_prefix(&['#']).unwrap_or(after);
    let len = body
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    len > 0 && body.get(len) == Some(&';')
}

fn push_key(out: &mut String, key: &str, value: &str) {
    out.push_str(&format!("{key} = {}\n", toml_string(value)));
}

fn author_table(author: &ImportedAuthor) -> String {
    let mut table = format!("{{ name = {}", toml_string(&author.name));
    if let Some(affiliation) = &author.affiliation {
        table.push_str(&format!(", affiliation = {}", toml_string(affiliation)));
    }
    table.push_str(" }");
    table
}

/// The `name`, `role` and `affiliation` lines of a profile, except keys in `present`.
fn profile_keys(author: &ImportedAuthor, present: &BTreeSet<String>) -> String {
    let fields = [
        ("name", Some(&author.name)),
        ("role", author.role.as_ref()),
        ("affiliation", author.affiliation.as_ref()),
    ];
    let mut out = String::new();
    for (key, value) in fields {
        if let Some(value) = value.filter(|_| !present.contains(key)) {
            push_key(&mut out, key, value);
        }
    }
    out
}

fn toml_string(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn toml_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        key.to_string()
    } else {
        toml_string(key)
    }
}

fn fence(line: &&str) -> bool {
    line.trim_end() == "+++"
}

/// What an existing profile's front matter already has, when it is simple enough to extend.
struct Front {
    root_keys: BTreeSet<String>,
    /// Lowercased labels of the `[links]` table.
    labels: BTreeSet<String>,
    /// Index (in the file's lines) of the last line of the top-level keys.
    root_end: usize,
    /// Index of the last entry of the `[links]` table, if there is one.
    links_end: Option<usize>,
}

impl Front {
    /// Scans the lines between the fences; `None` for anything outside the simple form.
    fn scan(lines: &[&str]) -> Option<Front> {
        let mut front = Front {
            root_keys: BTreeSet::new(),
            labels: BTreeSet::new(),
            root_end: 0,
            links_end: None,
        };
        let mut in_links = false;
        for (i, line) in lines.iter().enumerate() {
            let index = i + 1;
            let text = line.trim();
            if text.is_empty() || text.starts_with('#') {
                continue;
            }
            // Keys added after an unknown table would land inside it, so only one bare
            // `[links]` table is understood.
            if text.starts_with('[') {
                if text != "[links]" || in_links {
                    return None;
                }
                in_links = true;
                front.links_end = Some(index);
                continue;
            }
            let key = simple_entry(text)?;
            if in_links {
                front.labels.insert(key.to_lowercase());
                front.links_end = Some(index);
            } else {
                front.root_keys.insert(key);
                front.root_end = index;
            }
        }
        Some(front)
    }
}

/// The key of a one-line `key = value` entry; `None` for dotted keys, multi-line values or
/// anything else this does not fully understand.
fn simple_entry(text: &str) -> Option<String> {
    let (key, value) = text.split_once('=')?;
    let key = key.trim();
    let value = value.trim();
    let key = match key.strip_prefix('"').and_then(|k| k.strip_suffix('"')) {
        Some(quoted) if !quoted.contains(['"', '\\']) => quoted,
        Some(_) => return None,
        None if key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') =>
        {
            key
        }
        None => return None,
    };
    let multi_line = value.starts_with("\"\"\"")
        || value.starts_with("'''")
        || (value.starts_with('[') && !value.ends_with(']'))
        || (value.starts_with('{') && !value.ends_with('}'));
    (!key.is_empty() && !value.is_empty() && !multi_line).then(|| key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! fixture {
        ($name:literal) => {
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/it/import/fixtures/",
                $name
            ))
        };
    }

    fn new_york() -> TimeZone {
        TimeZone::get("America/New_York").expect("bundled time zone")
    }

    fn import(text: &str, title: Option<&str>) -> Result<ImportedPiece, Vec<ImportError>> {
        parse(
            text,
            &ImportOptions {
                title,
                tz: &new_york(),
            },
        )
    }

    fn imported(text: &str) -> ImportedPiece {
        import(text, None).unwrap_or_else(|errors| panic!("{errors:?}"))
    }

    fn only_error(text: &str, title: Option<&str>) -> ImportError {
        match import(text, title) {
            Ok(piece) => panic!("imported {:?}", piece.title),
            Err(mut errors) if errors.len() == 1 => errors.remove(0),
            Err(errors) => panic!("several errors: {errors:?}"),
        }
    }

    /// Renders a body as the site will, and returns the text of each `<p>`, entities decoded;
    /// fails on any other element or on markup inside a paragraph.
    fn rendered_paragraphs(markdown: &str) -> Vec<String> {
        use pulldown_cmark::{Options, Parser, html};
        let options = Options::ENABLE_FOOTNOTES
            | Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_SMART_PUNCTUATION
            | Options::ENABLE_HEADING_ATTRIBUTES;
        let mut html_out = String::new();
        html::push_html(&mut html_out, Parser::new_ext(markdown, options));
        html_out
            .lines()
            .map(|line| {
                let inner = line
                    .strip_prefix("<p>")
                    .and_then(|l| l.strip_suffix("</p>"));
                let inner = inner.unwrap_or_else(|| panic!("not a paragraph: {line}"));
                assert!(!inner.contains('<'), "markup in {line}");
                inner
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&amp;", "&")
            })
            .collect()
    }

    fn body_of(file: &str) -> &str {
        file.splitn(3, "+++\n").nth(2).expect("front matter")
    }

    fn front_matter_of(file: &str) -> toml::Table {
        let front = file.split("+++\n").nth(1).expect("front matter");
        front
            .parse()
            .unwrap_or_else(|e| panic!("bad TOML: {e}\n{front}"))
    }

    #[test]
    fn reads_every_dateline_form() {
        let cases = [
            (
                fixture!("dateline-long-time.txt"),
                "Why Small Ports Matter More Than Ever",
                "2025-08-16T08:00:00-04:00",
            ),
            (
                fixture!("dateline-abbreviated.txt"),
                "The Quiet Cost of Temporary Budgets",
                "2025-08-16",
            ),
            (
                fixture!("dateline-day-first.txt"),
                "Rethinking the Night Train",
                "2025-08-16",
            ),
            (
                fixture!("dateline-iso.txt"),
                "Libraries as Climate Shelters",
                "2025-08-16",
            ),
            (
                fixture!("dateline-am-pm.txt"),
                "A Modest Case for Boring Elections",
                "2025-08-16T20:00:00-04:00",
            ),
            (
                fixture!("dateline-weekday.txt"),
                "Fixing the Permit Queue",
                "2025-08-16",
            ),
            (
                fixture!("coauthors-three.txt"),
                "Grid Batteries Are Not a Luxury",
                "2025-08-16T09:30:00-04:00",
            ),
        ];
        for (text, title, date) in cases {
            let piece = imported(text);
            assert_eq!(piece.title, title);
            assert_eq!(piece.has_time, date.len() > 10, "{title}");
            let front = front_matter_of(&article_file(&piece));
            assert_eq!(front["date"].as_str(), Some(date), "{title}");
        }
    }

    #[test]
    fn reads_every_bio_form() {
        let cases = [
            (
                fixture!("dateline-long-time.txt"),
                "Marta Ivanović",
                "Senior fellow and director of studies",
                "Meridian Policy Institute",
            ),
            (
                fixture!("dateline-abbreviated.txt"),
                "Daniel Okafor",
                "Senior fellow",
                "Halvorsen Center for Fiscal Studies",
            ),
            (
                fixture!("dateline-day-first.txt"),
                "Léa Fontaine",
                "Fellow",
                "Northgate Forum",
            ),
            (
                fixture!("dateline-iso.txt"),
                "Ines Varga",
                "President",
                "Civic Resilience Lab",
            ),
            (
                fixture!("dateline-am-pm.txt"),
                "Robert Lindqvist",
                "Visiting scholar",
                "Eastbrook Institute for Democracy",
            ),
        ];
        for (text, name, role, affiliation) in cases {
            let piece = imported(text);
            let [author] = piece.authors.as_slice() else {
                panic!("{:?}", piece.authors)
            };
            assert_eq!(author.name, name);
            assert_eq!(author.role.as_deref(), Some(role), "{name}");
            assert_eq!(author.affiliation.as_deref(), Some(affiliation), "{name}");
            assert_eq!(piece.affiliation.as_deref(), Some(affiliation), "{name}");
            assert!(
                author.bio.as_deref().is_some_and(|b| b.starts_with(name)),
                "{name}"
            );
            assert!(
                !piece
                    .paragraphs
                    .iter()
                    .any(|p| p.contains(" is ") && p.starts_with(name))
            );
            let front = front_matter_of(&article_file(&piece));
            assert_eq!(front["author"].as_str(), Some(name));
        }
    }

    #[test]
    fn co_authors_share_one_bio_sentence() {
        let piece = imported(fixture!("coauthors-two.txt"));
        let names: Vec<&str> = piece.authors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Samir al-Haddad", "Ana de la Cruz"]);
        let bio =
            "Samir al-Haddad and Ana de la Cruz are fellows at the Meridian Policy Institute.";
        for author in &piece.authors {
            assert_eq!(
                (author.role.as_deref(), author.bio.as_deref()),
                (Some("Fellow"), Some(bio))
            );
        }

        let piece = imported(fixture!("coauthors-three.txt"));
        let names: Vec<&str> = piece.authors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(
            names,
            ["Pieter van der Berg", "Grace Mensah", "Tomás Ruiz-Ortega"]
        );
        let role = "Senior fellow and co-director of the energy program";
        assert!(
            piece
                .authors
                .iter()
                .all(|a| a.role.as_deref() == Some(role))
        );
        let file = article_file(&piece);
        assert!(file.contains(
            "authors = [\"Pieter van der Berg\", \"Grace Mensah\", \"Tomás Ruiz-Ortega\"]\n\
             affiliation = \"Northgate Forum\"\n"
        ));
        front_matter_of(&file);
    }

    #[test]
    fn co_authors_with_bios_of_their_own_keep_their_affiliations() {
        let piece = imported(fixture!("coauthors-separate-bios.txt"));
        assert_eq!(piece.affiliation, None);
        assert_eq!(piece.paragraphs.len(), 2);
        let [first, second] = piece.authors.as_slice() else {
            panic!("{:?}", piece.authors)
        };
        assert_eq!(first.name, "Helena Korhonen");
        assert_eq!(
            first.affiliation.as_deref(),
            Some("Baltic Trade Observatory")
        );
        assert_eq!(
            second.role.as_deref(),
            Some("Adjunct professor of economics")
        );
        assert_eq!(second.affiliation.as_deref(), Some("Westmere University"));
        let front = front_matter_of(&article_file(&piece));
        let authors = front["authors"].as_array().expect("authors list");
        assert_eq!(
            authors[1]["affiliation"].as_str(),
            Some("Westmere University")
        );
    }

    #[test]
    fn handle_lines_after_the_bio_become_profile_links() {
        let piece = imported(fixture!("trailing-handle.txt"));
        let [author] = piece.authors.as_slice() else {
            panic!("{:?}", piece.authors)
        };
        let links: Vec<(&str, &str)> = author
            .links
            .iter()
            .map(|(l, u)| (l.as_str(), u.as_str()))
            .collect();
        assert_eq!(
            links,
            [
                ("X", "https://x.com/hannaberg"),
                ("Bluesky", "https://bsky.app/profile/hannaberg.bsky.social"),
                ("Mastodon", "https://policy.social/@hanna"),
                ("Website", "https://hannaberg.example.org"),
            ]
        );
        assert_eq!(
            author.bio.as_deref(),
            Some("Hanna Berg is a senior fellow at the Open Cities Project.")
        );
        assert_eq!(piece.paragraphs.len(), 3);
        assert!(!article_file(&piece).contains('@'));
        assert_eq!(
            profile_file(author),
            "+++\n\
             name = \"Hanna Berg\"\n\
             role = \"Senior fellow\"\n\
             affiliation = \"Open Cities Project\"\n\
             \n\
             [links]\n\
             X = \"https://x.com/hannaberg\"\n\
             Bluesky = \"https://bsky.app/profile/hannaberg.bsky.social\"\n\
             Mastodon = \"https://policy.social/@hanna\"\n\
             Website = \"https://hannaberg.example.org\"\n\
             +++\n\
             \n\
             Hanna Berg is a senior fellow at the Open Cities Project.\n"
        );
    }

    #[test]
    fn short_lines_after_the_bio_go_to_the_profile() {
        let text = "August 16, 2025\nTitle\n\nBody.\n\nJane Doe is a fellow at X Lab.\n\nViews are her own.\n\n@janedoe\n";
        let piece = imported(text);
        assert_eq!(piece.paragraphs, ["Body."]);
        let author = &piece.authors[0];
        assert_eq!(
            author.bio.as_deref(),
            Some("Jane Doe is a fellow at X Lab. Views are her own.")
        );
        assert_eq!(
            author.links,
            [("X".to_string(), "https://x.com/janedoe".to_string())]
        );
    }

    #[test]
    fn a_piece_without_a_title_line_needs_the_title_flag() {
        let text = fixture!("no-title.txt");
        let error = only_error(text, None);
        assert_eq!((error.line, error.column), (1, 1));
        assert!(error.message.contains("--title"), "{}", error.message);
        let piece = import(text, Some("Tolls That Pay for Themselves")).expect("imports");
        assert_eq!(piece.title, "Tolls That Pay for Themselves");
        assert_eq!(piece.paragraphs.len(), 3);
        assert!(piece.paragraphs[0].starts_with("Nobody likes paying tolls"));
    }

    #[test]
    fn the_title_flag_wins_over_a_title_line() {
        let piece = import(fixture!("dateline-iso.txt"), Some("Cool Rooms")).expect("imports");
        assert_eq!(piece.title, "Cool Rooms");
        assert!(piece.paragraphs[0].starts_with("When a heat wave"));
    }

    #[test]
    fn a_bad_dateline_is_reported_on_its_line() {
        let error = only_error(fixture!("bad-dateline.txt"), None);
        assert_eq!((error.line, error.column), (1, 1));
        assert!(
            error
                .message
                .starts_with("\"Agust 16, 2025\" is not a date"),
            "{}",
            error.message
        );

        let error = only_error(
            "Title Only\n\nOne paragraph.\n\nJane Doe is a fellow at X Lab.\n",
            None,
        );
        assert_eq!(error.line, 1);
        assert!(
            error.message.starts_with("no dateline found"),
            "{}",
            error.message
        );

        let error = only_error(
            "Title\nFebruary 30, 2025\n\nBody.\n\nJane Doe is a fellow at X Lab.",
            None,
        );
        assert_eq!(
            (error.line, error.message.as_str()),
            (2, "February 30 does not exist in 2025")
        );
    }

    #[test]
    fn a_piece_without_a_bio_names_its_last_line() {
        let error = only_error(fixture!("no-bio.txt"), None);
        assert_eq!((error.line, error.column), (6, 1));
        assert!(
            error.message.contains("no author bio sentence"),
            "{}",
            error.message
        );
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let errors = import(
            "Agust 16, 2025\n\nJust a body without a byline, and no title.\n",
            None,
        )
        .expect_err("three problems");
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [1, 1, 3], "{errors:?}");
        assert_eq!(
            import("", None).expect_err("empty")[0].message,
            "the file is empty"
        );
        assert_eq!(
            import("\u{feff}\r\n  \n", None).expect_err("empty").len(),
            1
        );
    }

    #[test]
    fn byte_order_mark_and_crlf_are_accepted() {
        let text = fixture!("trailing-handle.txt");
        let windows = format!("\u{feff}{}", text.replace('\n', "\r\n"));
        assert_eq!(imported(&windows), imported(text));
    }

    #[test]
    fn body_renders_exactly_as_the_source_text() {
        let fixtures = [
            fixture!("dateline-long-time.txt"),
            fixture!("dateline-abbreviated.txt"),
            fixture!("dateline-day-first.txt"),
            fixture!("coauthors-separate-bios.txt"),
            fixture!("trailing-handle.txt"),
            fixture!("markdown-traps.txt"),
        ];
        for text in fixtures {
            let piece = imported(text);
            assert_eq!(
                rendered_paragraphs(body_of(&article_file(&piece))),
                piece.paragraphs
            );
        }
        let traps = imported(fixture!("markdown-traps.txt"));
        assert_eq!(traps.paragraphs.len(), 13);
        assert_eq!(
            traps.paragraphs.last().map(String::as_str),
            Some(
                "A final, hard-wrapped paragraph that continues on a second line and ends with \
                 ‘curly quotes’ and an em-dash — kept exactly."
            )
        );
    }

    #[test]
    fn escaping_covers_markdown_syntax() {
        let paragraphs = [
            "1. one",
            "1) one",
            "12345. year",
            "1.5 million",
            "7.",
            "1234567890. ten digits",
            "#",
            "## two",
            "#hashtag",
            ">",
            "> q",
            "-",
            "- item",
            "-5 degrees",
            "+ plus",
            "* star",
            "*",
            "=",
            "===",
            "---",
            "- - -",
            "***",
            "___",
            "_ _ _",
            "```",
            "~~~",
            "    indented",
            "\tTab",
            "<div>",
            "<!-- c -->",
            "<?x?>",
            "</p>",
            "<https://example.org>",
            "a <b> c",
            "a < b",
            "a<b",
            "x <",
            "&amp;",
            "&#38;",
            "&#x26;",
            "AT&T",
            "& more",
            "&copy",
            "[a](b)",
            "[a]: /url",
            "[^1]",
            "![i](p)",
            "a | b",
            "| a |",
            "~x~",
            "~~x~~",
            "*a* _b_ **c** __d__",
            "`c`",
            "``c``",
            "a\\b",
            "trailing \\",
            "\\*",
            "\"q\" 'q' don't",
            "a -- b --- c",
            "wait...",
            "....",
            "..",
            "“curly” ‘quotes’ — dash – en",
            "{#id}",
            "# T {#id}",
            "$x$",
            "^sup^",
            "a\u{a0}b",
            "50%",
            "a_b_c",
            "http://example.org/a_b",
            "x:y",
            "[[wiki]]",
            "¶ §",
            "é ü ñ 漢字 🙂",
        ];
        for paragraph in paragraphs {
            let rendered = rendered_paragraphs(&escape_markdown(paragraph));
            assert_eq!(
                rendered,
                [paragraph.trim()],
                "{paragraph:?} as {:?}",
                escape_markdown(paragraph)
            );
        }
        assert_eq!(
            escape_markdown("AT&T, a < b"),
            "AT&T, a < b",
            "left alone where safe"
        );
    }

    #[test]
    fn summary_is_one_or_two_whole_sentences() {
        let cases = [
            ("Short one. Short two. Three.", "Short one. Short two."),
            (
                "A first sentence that is long enough to stand on its own as the summary of the piece. Next.",
                "A first sentence that is long enough to stand on its own as the summary of the piece.",
            ),
            (
                "Dr. Rao met Mr. Ito in Aug. 2025. They talked.",
                "Dr. Rao met Mr. Ito in Aug. 2025. They talked.",
            ),
            (
                "The U.S. Senate voted. It passed.",
                "The U.S. Senate voted. It passed.",
            ),
            ("Wait... what? Yes.", "Wait... what? Yes."),
            (
                "Is it “done.” Maybe not. Later.",
                "Is it “done.” Maybe not.",
            ),
            ("No final stop", "No final stop"),
            ("", ""),
        ];
        for (paragraph, want) in cases {
            assert_eq!(summarize(paragraph), want, "{paragraph:?}");
        }
        let piece = imported(fixture!("dateline-long-time.txt"));
        assert_eq!(
            piece.summary,
            "Coastal towns have spent a decade watching container traffic gather in a handful of \
             giant terminals."
        );
    }

    #[test]
    fn bio_sentences_and_their_lookalikes() {
        let yes = [
            (
                "Jane Doe is a fellow at X Lab.",
                &["Jane Doe"][..],
                "Fellow",
                "X Lab",
            ),
            (
                "Jane Q. Doe is an economist with the Y Group.",
                &["Jane Q. Doe"][..],
                "Economist",
                "Y Group",
            ),
            (
                "Ana de la Cruz is director of Z.",
                &["Ana de la Cruz"][..],
                "Director",
                "Z",
            ),
            (
                "Jo Ng, Al Roe, and Bo Li are researchers at Q.",
                &["Jo Ng", "Al Roe", "Bo Li"][..],
                "Researcher",
                "Q",
            ),
            (
                "Jo Ng & Al Roe are senior fellows at the Q Center.",
                &["Jo Ng", "Al Roe"][..],
                "Senior fellow",
                "Q Center",
            ),
        ];
        for (sentence, names, role, org) in yes {
            let bio = parse_bio_sentence(sentence).unwrap_or_else(|| panic!("{sentence}"));
            assert_eq!(bio.names, names, "{sentence}");
            assert_eq!(
                (bio.role.as_str(), bio.affiliation.as_str()),
                (role, org),
                "{sentence}"
            );
        }
        let no = [
            "The Kremlin is a partner of Beijing.",
            "Jane Doe is a fellow.",
            "Jane is a fellow at X.",
            "Jane Doe is a fellow at the end of her term.",
            "This Year is the year of reckoning.",
            "Jane Doe is a fellow at X",
            "Alpha Beta Gamma Delta Epsilon is a fellow at X.",
        ];
        for sentence in no {
            assert!(parse_bio_sentence(sentence).is_none(), "{sentence}");
        }
    }

    #[test]
    fn links_from_handles_and_urls() {
        let cases = [
            ("@jane_doe", Some(("X", "https://x.com/jane_doe"))),
            ("Twitter: @jane", Some(("X", "https://x.com/jane"))),
            ("X: @jane.", Some(("X", "https://x.com/jane"))),
            ("Follow her on X: @jane", Some(("X", "https://x.com/jane"))),
            (
                "@jane.bsky.social",
                Some(("Bluesky", "https://bsky.app/profile/jane.bsky.social")),
            ),
            (
                "Bluesky: @jane.example.org",
                Some(("Bluesky", "https://bsky.app/profile/jane.example.org")),
            ),
            (
                "Mastodon: @jane@policy.social",
                Some(("Mastodon", "https://policy.social/@jane")),
            ),
            (
                "@jane@policy.social",
                Some(("Mastodon", "https://policy.social/@jane")),
            ),
            ("https://x.com/jane", Some(("X", "https://x.com/jane"))),
            (
                "Personal site: https://jane.example.org/",
                Some(("Personal site", "https://jane.example.org/")),
            ),
            ("@this_handle_is_far_too_long", None),
            ("Threads: @jane", None),
            ("Note: this is prose.", None),
            ("@jane and @john", None),
            ("Views are her own.", None),
        ];
        for (line, want) in cases {
            let got = parse_link(line);
            assert_eq!(
                got.as_ref().map(|(l, u)| (l.as_str(), u.as_str())),
                want,
                "{line}"
            );
        }
    }

    #[test]
    fn a_handle_after_a_shared_bio_must_name_its_author() {
        let text = "August 16, 2025\nTitle\n\nBody.\n\nJane Doe and John Roe are fellows at X Lab.\n@jroe\n@someone\n";
        let errors = import(text, None).expect_err("ambiguous");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 8);
        let fine = "August 16, 2025\nTitle\n\nBody.\n\nJane Doe and John Roe are fellows at X Lab.\n@jroe\n";
        let piece = imported(fine);
        assert_eq!(
            piece.authors[1].links,
            [("X".to_string(), "https://x.com/jroe".to_string())]
        );
    }

    #[test]
    fn front_matter_strings_are_escaped() {
        let mut piece = imported(fixture!("dateline-iso.txt"));
        piece.title = "A \"quoted\" \\ title\twith\u{7}control".to_string();
        let front = front_matter_of(&article_file(&piece));
        assert_eq!(front["title"].as_str(), Some(piece.title.as_str()));
        assert_eq!(front["summary"].as_str(), Some(piece.summary.as_str()));
    }

    fn author() -> ImportedAuthor {
        ImportedAuthor {
            name: "Hanna Berg".to_string(),
            role: Some("Senior fellow".to_string()),
            affiliation: Some("Open Cities Project".to_string()),
            links: vec![
                ("X".to_string(), "https://x.com/hannaberg".to_string()),
                (
                    "Bluesky".to_string(),
                    "https://bsky.app/profile/hb.example".to_string(),
                ),
            ],
            bio: Some("Hanna Berg is a senior fellow at the Open Cities Project.".to_string()),
        }
    }

    #[test]
    fn merge_fills_only_what_is_missing() {
        let existing = "+++\nname = \"Hanna Berg\"\nrole = \"Editor's pick\"\n\n[links]\nx = \"https://x.com/old\"\n+++\n\nWritten by an editor.\n";
        let merged = merge_profile(existing, &author()).expect("something to add");
        assert_eq!(
            merged,
            "+++\nname = \"Hanna Berg\"\nrole = \"Editor's pick\"\naffiliation = \"Open Cities Project\"\n\n[links]\nx = \"https://x.com/old\"\nBluesky = \"https://bsky.app/profile/hb.example\"\n+++\n\nWritten by an editor.\n"
        );
        front_matter_of(&merged);
        assert_eq!(
            merge_profile(&merged, &author()),
            None,
            "a second merge adds nothing"
        );
    }

    #[test]
    fn merge_adds_links_table_and_bio_and_keeps_crlf() {
        let existing = "+++\r\nname = \"Hanna Berg\"\r\n+++\r\n";
        let merged = merge_profile(existing, &author()).expect("something to add");
        assert_eq!(
            merged,
            "+++\r\nname = \"Hanna Berg\"\r\nrole = \"Senior fellow\"\r\naffiliation = \"Open Cities Project\"\r\n\r\n[links]\r\nX = \"https://x.com/hannaberg\"\r\nBluesky = \"https://bsky.app/profile/hb.example\"\r\n+++\r\n\r\nHanna Berg is a senior fellow at the Open Cities Project.\r\n"
        );
        let new_profile = profile_file(&author());
        assert_eq!(merge_profile(&new_profile, &author()), None);
        front_matter_of(&new_profile);
    }

    #[test]
    fn merge_leaves_unfamiliar_profiles_alone() {
        let unfamiliar = [
            "---\nname: Hanna Berg\n---\n",
            "+++\nname = \"Hanna Berg\"\nbio = \"\"\"\nlong\n\"\"\"\n+++\n",
            "+++\nname = \"Hanna Berg\"\ntags = [\n  \"a\",\n]\n+++\n",
            "+++\nlinks.x = \"https://x.com/a\"\n+++\n",
            "+++\nname = \"H\"\n[extra]\nrole = \"r\"\n+++\n",
            "+++\nname = \"H\"\n[links] # handles\n+++\n",
            "+++\nname = \"Hanna Berg\"\n",
            "no front matter at all",
            "",
            "+++\nname = \"H\"\nlinks = { X = \"https://x.com/hannaberg\" }\nrole = \"r\"\naffiliation = \"a\"\n+++\nbody\n",
        ];
        for existing in unfamiliar {
            assert_eq!(merge_profile(existing, &author()), None, "{existing:?}");
        }
        // All but the last are unreadable; the last is readable and already complete.
        let (complete, unreadable) = unfamiliar.split_last().expect("cases");
        for existing in unreadable {
            assert!(!can_merge_profile(existing), "{existing:?}");
        }
        assert!(can_merge_profile(complete));
        assert!(can_merge_profile(&profile_file(&author())));
    }

    /// Found by the `import` fuzz target (crash-08d0fd52): a NUL inside a paragraph went
    /// into the summary, and the article written from it did not parse.
    #[test]
    fn fuzz_crash_nul_in_a_paragraph_is_an_error() {
        let text = "August 16, 2025 - 8:00am\n\nPorts Are Power\n\nThe first paragraph of the piece makes its claim plainly.\0\nA second paragraph follows it.\n\nJane Doe is a senior fellow at the Harbor Institute.\n@janedoe\n";
        let errors = import(text, None).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(
            errors[0].to_string(),
            "5:58: the file holds a NUL character; is it a text file?"
        );
    }

    /// Found by the `import` fuzz target (crash-52e365bd): a form feed inside an author's
    /// name was kept, while front matter reads a byline with its whitespace collapsed, so
    /// the article and the author's profile named two different people.
    #[test]
    fn fuzz_crash_control_whitespace_in_a_name_is_collapsed() {
        let text = "Two Rivers, One Budget\nMarch 4, 2025\n\nTwo agencies plan their dredging apart.\n\nAda \u{c}Mensah is a senior fellow at the Lakeshore Institute.\n";
        let piece = import(text, None).unwrap();
        assert_eq!(piece.authors[0].name, "Ada Mensah");
        let file = article_file(&piece);
        let (meta, _) =
            crate::front_matter::parse_article(std::path::Path::new("a.md"), &file).unwrap();
        assert_eq!(meta.authors[0].value.name, "Ada Mensah");
    }

    /// Found by the `import` fuzz target (crash-41519abc): two handles with one label gave
    /// the profile's `[links]` table one key twice, which is not TOML.
    #[test]
    fn fuzz_crash_two_links_with_one_label_get_distinct_keys() {
        let text = "August 16, 2025\nPorts Are Power\n\nThe first paragraph makes its claim.\n\nJane Doe is a senior fellow at the Harbor Institute.\n@janedoe\n@jane_two\nX: @janedoe\n";
        let piece = import(text, None).unwrap();
        assert_eq!(
            piece.authors[0].links,
            [
                ("X".to_string(), "https://x.com/janedoe".to_string()),
                ("X 2".to_string(), "https://x.com/jane_two".to_string()),
            ]
        );
        let profile = profile_file(&piece.authors[0]);
        let (meta, _) = crate::front_matter::parse_profile(
            std::path::Path::new("content/authors/jane-doe.md"),
            &profile,
        )
        .unwrap_or_else(|e| panic!("{e:?}\n{profile}"));
        assert_eq!(meta.links.len(), 2);
    }

    /// Found by the `import` fuzz target (crash-dfb98a1b): a URL line holding control
    /// characters became a profile link, which the profile reader then refused.
    #[test]
    fn fuzz_crash_a_url_with_control_characters_is_no_link() {
        assert_eq!(parse_link("http://\u{12}\u{12}"), None);
        assert_eq!(parse_link("Website: https://a.org/\u{7f}"), None);
        assert_eq!(
            parse_link("Website: https://a.org/x"),
            Some(("Website".into(), "https://a.org/x".into()))
        );
    }

    #[test]
    fn odd_input_never_panics() {
        let long = "word ".repeat(20_000);
        let odd = [
            "\u{feff}",
            "\n\n\n",
            "+++",
            "August 16, 2025",
            "August 16, 2025\n\n@jane",
            "August 16, 2025\nT\n\nJane Doe is a fellow at X.",
            "August 16, 2025\nT\n\n. . .\n\nJane Doe is a fellow at X.\n@",
            "Jane Doe is a fellow at X.",
            "\r\r\r\n\r",
            "🙂\n🙂🙂\n\n🙂",
            "2025-08-16\n\u{0}\n\n\u{7f} is a fellow at \u{0}.",
            &long,
        ];
        for text in odd {
            if let Ok(piece) = import(text, Some("T")) {
                let _ = article_file(&piece);
                piece.authors.iter().for_each(|a| drop(profile_file(a)));
            }
            let _ = merge_profile(text, &author());
        }
    }
}
