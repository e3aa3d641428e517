//! The search index: every published article's words, written as small static files that
//! the search page (`/search/`, script `search.js`) fetches as a query needs them.
//!
//! Why not Pagefind, the usual engine of static sites: BENCHMARKS.md ("Search") has the
//! figures. Its crate, fed the text we already hold, took 33 s of CPU and 2.5 GiB at 10,000
//! pieces; the whole build with search has about 3.8 s and 390 MiB. This index does what
//! the search page needs and no more, so it is built in a few hundred milliseconds:
//!
//! - `data/meta.json`: the article count and the shard list;
//! - `data/t/{hex}.json`: one shard of the word index. Each word maps to its postings,
//!   `[article, weight, article, weight, …]`, article numbers delta-encoded. Words are
//!   sharded by their first two letters, and a shard over [`SHARD_BYTES`] is split by a
//!   further letter, so a one-word query fetches one shard. A shard's file is named by the
//!   hex of its prefix's UTF-8, so any script of any language makes a safe file name;
//! - `data/filters.json`: for each author, topic and year, its articles (delta-encoded);
//! - `data/d/{n}.json`: article `n`'s title, byline, date, link and plain text, fetched
//!   only for the results shown, to write their excerpts.
//!
//! Article numbers follow the site's order, newest first, so "lowest number first" is the
//! tie-break the search page needs. Everything is built in that order and written from
//! sorted maps, so two builds write the same bytes.
//!
//! This module owns the index format, the tokenizer (mirrored in `static/search.js`, which
//! says so). Which articles are searchable is the model's rule,
//! [`Article::is_published`](crate::model::Article::is_published): not drafts, not under
//! embargo. It knows nothing of templates; the search page itself is a page kind in
//! `render`.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::model::Site;
use crate::model::url;
use crate::render::{File, FileKind, Sink};

/// A shard larger than this (in bytes of JSON) is split by one more letter of its words.
pub const SHARD_BYTES: usize = 32 * 1024;

/// Words shorter than this (in characters) are not indexed: single letters left over from
/// "don't" or "U.S." match everything and mean nothing. The script has the same rule.
const MIN_WORD: usize = 2;

/// Shards stop splitting at prefixes this long, however large.
const MAX_PREFIX: usize = 6;

/// Articles are read and tokenized in parallel this many at a time, and their words merged
/// in order, so memory holds one chunk's text at once, never the whole archive's.
const CHUNK: usize = 256;

/// How much one occurrence of a word counts, by where it stands.
const TITLE_WEIGHT: u32 = 8;
const NAME_WEIGHT: u32 = 4;
const DEK_WEIGHT: u32 = 2;
const BODY_WEIGHT: u32 = 1;

/// A word's postings: (article number, weight), in article order.
type Postings = Vec<(u32, u32)>;

/// What the index knows of one article: plain text and names, nothing of the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The link the search page follows, base path included: `/notes/2025/08/ports/`.
    pub url: String,
    pub title: String,
    /// The summary shown under the title.
    pub dek: String,
    /// The body as plain text.
    pub body: String,
    /// "Jane Doe (Harbor Institute) and Sam Roe", as the result shows it.
    pub byline: String,
    /// "August 16, 2025".
    pub date: String,
    /// RFC 3339, for the result's `<time datetime>`.
    pub datetime: String,
    pub year: i16,
    pub authors: Vec<String>,
    pub affiliations: Vec<String>,
    pub topics: Vec<String>,
}

/// The record of article `index` of `site`.
pub fn record(site: &Site, index: usize) -> Record {
    let article = &site.articles[index];
    let base = site.config.base_path();
    let authors: Vec<String> = article
        .byline
        .iter()
        .map(|b| site.authors[b.author].name.clone())
        .collect();
    let affiliations: Vec<String> = article
        .byline
        .iter()
        .filter_map(|b| b.affiliation.map(|a| site.affiliations[a].name.clone()))
        .collect();
    let names: Vec<String> = article
        .byline
        .iter()
        .map(|b| {
            let name = &site.authors[b.author].name;
            match b.affiliation {
                Some(a) => format!("{name} ({})", site.affiliations[a].name),
                None => name.clone(),
            }
        })
        .collect();
    Record {
        url: format!("{base}{}", article.url),
        title: article.title.clone(),
        dek: article.summary.clone(),
        body: plain_text(&article.body.html),
        byline: join_names(&names),
        date: crate::dates::date_display(&article.date),
        datetime: crate::dates::rfc3339(&article.date),
        year: article.date.year(),
        authors,
        affiliations,
        topics: article
            .topics
            .iter()
            .map(|&t| site.topics[t].name.clone())
            .collect(),
    }
}

/// "A", "A and B", "A, B and C".
fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Writes the index of `site`'s published articles into `sink`: neither drafts nor pieces
/// under embargo, which a site holds in `serve`, `build --drafts` and `build --future`
/// (where their pages are marked "Draft" and "Scheduled"); the index holds only what a
/// plain `build` at the same moment would publish.
pub fn write_site(site: &Site, sink: &dyn Sink) -> anyhow::Result<()> {
    let published: Vec<usize> = site
        .articles
        .iter()
        .enumerate()
        .filter(|(_, a)| a.is_published(site.embargo.now))
        .map(|(i, _)| i)
        .collect();
    write(published.len(), |n| record(site, published[n]), sink)
}

/// Writes the index of `count` records into `sink`. `record(n)` makes record `n` when it is
/// needed (in parallel, a chunk at a time) and its text is dropped once indexed; records
/// come in the order results break ties in, newest first.
pub fn write<F>(count: usize, record: F, sink: &dyn Sink) -> anyhow::Result<()>
where
    F: Fn(usize) -> Record + Sync,
{
    let mut postings: FxHashMap<Box<str>, Postings> = FxHashMap::default();
    let mut filters = Filters::default();
    for start in (0..count).step_by(CHUNK) {
        let end = (start + CHUNK).min(count);
        let chunk: Vec<anyhow::Result<(Terms, Facets)>> = (start..end)
            .into_par_iter()
            .map(|n| {
                let record = record(n);
                sink.put(
                    &data_path(&format!("d/{n}.json")),
                    index_file(&doc(&record)),
                )?;
                Ok((weighted_words(&record), Facets::of(record)))
            })
            .collect();
        for (n, result) in (start..).zip(chunk) {
            let (words, facets) = result?;
            let n = n as u32;
            for (word, weight) in words.iter() {
                match postings.get_mut(word) {
                    Some(list) => list.push((n, weight)),
                    None => {
                        postings.insert(word.into(), vec![(n, weight)]);
                    }
                }
            }
            filters.add(n, facets);
        }
    }
    let mut words: Vec<(Box<str>, Postings)> = postings.into_iter().collect();
    words.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let encoded: Vec<(String, String)> = words
        .into_par_iter()
        .map(|(word, list)| (word.into(), encode_postings(&list)))
        .collect();
    let shards = shard(&encoded);
    for shard in &shards {
        let mut json = String::from("{");
        for (i, (word, list)) in shard.words.iter().enumerate() {
            if i > 0 {
                json.push(',');
            }
            json.push_str(&serde_json::to_string(word)?);
            json.push(':');
            json.push_str(list);
        }
        json.push('}');
        let path = data_path(&format!("t/{}.json", hex(&shard.prefix)));
        sink.put(&path, index_file(&json))?;
    }
    let meta = Meta {
        version: 1,
        count,
        shards: shards.iter().map(|s| s.prefix.as_str()).collect(),
    };
    sink.put(
        &data_path("meta.json"),
        index_file(&serde_json::to_string(&meta)?),
    )?;
    sink.put(&data_path("filters.json"), index_file(&filters.to_json()?))?;
    Ok(())
}

/// An index file's place in the output: `meta.json` → `search/data/meta.json`.
fn data_path(name: &str) -> String {
    url::output_path(&url::search_data(name))
}

fn index_file(json: &str) -> File {
    File {
        kind: FileKind::SearchIndex,
        bytes: json.as_bytes().to_vec(),
    }
}

/// The manifest the script reads first.
#[derive(Serialize)]
struct Meta<'a> {
    version: u32,
    count: usize,
    /// Every shard's prefix, sorted; the script picks the longest that begins a word.
    shards: Vec<&'a str>,
}

/// What a result shows of one article.
#[derive(Serialize)]
struct Doc<'a> {
    url: &'a str,
    title: &'a str,
    byline: &'a str,
    date: &'a str,
    datetime: &'a str,
    dek: &'a str,
    text: &'a str,
}

fn doc(record: &Record) -> String {
    let doc = Doc {
        url: &record.url,
        title: &record.title,
        byline: &record.byline,
        date: &record.date,
        datetime: &record.datetime,
        dek: &record.dek,
        text: &record.body,
    };
    serde_json::to_string(&doc).unwrap_or_default()
}

/// The words of `text`: runs of letters and digits of at least [`MIN_WORD`] characters,
/// each lowercased. The script splits a query the same way (`\p{Alphabetic}` and `\p{N}`
/// are what Rust's `char::is_alphanumeric` tests, and both lowercase a word by Unicode's
/// default mapping), so a word typed is a word indexed.
pub fn words(text: &str) -> impl Iterator<Item = Cow<'_, str>> {
    Words { rest: text }
        .filter(|w| w.chars().nth(MIN_WORD - 1).is_some())
        .map(lowercase)
}

/// Runs of `char::is_alphanumeric` characters, read a byte at a time where the text is
/// ASCII (nearly all of an English body), which is several times faster than `str::split`
/// with a `char` predicate.
struct Words<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let start = self.boundary(false)?;
        self.rest = &self.rest[start..];
        let end = self.boundary(true).unwrap_or(self.rest.len());
        let (word, rest) = self.rest.split_at(end);
        self.rest = rest;
        Some(word)
    }
}

impl Words<'_> {
    /// Where the first character that is (`in_word == false`) or is not (`true`) part of
    /// a word starts, if any.
    fn boundary(&self, in_word: bool) -> Option<usize> {
        let bytes = self.rest.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let (alnum, len) = if b.is_ascii() {
                (b.is_ascii_alphanumeric(), 1)
            } else {
                let c = self.rest[i..].chars().next()?;
                (c.is_alphanumeric(), c.len_utf8())
            };
            if alnum != in_word {
                return Some(i);
            }
            i += len;
        }
        None
    }
}

/// `word` lowercased, borrowed when it already is: most words of a body are, and
/// allocating for each was a fifth of the index's time.
fn lowercase(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// A record's distinct words, each with the sum of its weights: the words in one
/// string, a line each, so a record's words cost two allocations rather than one a word.
struct Terms {
    words: String,
    weights: Vec<u32>,
}

impl Terms {
    fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        self.words.lines().zip(self.weights.iter().copied())
    }
}

/// Each distinct word of a record with the sum of its weights.
fn weighted_words(record: &Record) -> Terms {
    let names = record
        .authors
        .iter()
        .chain(&record.affiliations)
        .chain(&record.topics)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ");
    let fields = [
        (record.title.as_str(), TITLE_WEIGHT),
        (names.as_str(), NAME_WEIGHT),
        (record.dek.as_str(), DEK_WEIGHT),
        (record.body.as_str(), BODY_WEIGHT),
    ];
    // Each record's words, summed in a map of its own; their order in `Terms` does not
    // matter, since postings are appended in article order and words sorted at the end.
    let mut sums: FxHashMap<Cow<str>, u32> = FxHashMap::default();
    for (text, weight) in fields {
        for word in words(text) {
            *sums.entry(word).or_default() += weight;
        }
    }
    let mut terms = Terms {
        words: String::with_capacity(sums.len() * 8),
        weights: Vec::with_capacity(sums.len()),
    };
    for (word, weight) in sums {
        terms.words.push_str(&word);
        terms.words.push('\n');
        terms.weights.push(weight);
    }
    terms
}

/// `[first article, weight, gap to the next, weight, …]` as JSON.
fn encode_postings(list: &[(u32, u32)]) -> String {
    let mut out = String::with_capacity(list.len() * 5 + 2);
    out.push('[');
    let mut last = 0;
    for (i, &(n, weight)) in list.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&(n - last).to_string());
        out.push(',');
        out.push_str(&weight.to_string());
        last = n;
    }
    out.push(']');
    out
}

/// One shard file: the words under one prefix, with their encoded postings.
#[derive(Debug, PartialEq)]
struct Shard<'a> {
    prefix: String,
    words: Vec<(&'a str, &'a str)>,
}

/// Groups sorted words into shards by prefix: two letters first, and one more for any
/// shard over [`SHARD_BYTES`], up to [`MAX_PREFIX`]. A word as short as its shard's
/// prefix stays in the shard of that prefix, which the script finds as the longest prefix
/// beginning the word.
fn shard(words: &[(String, String)]) -> Vec<Shard<'_>> {
    let mut shards = Vec::new();
    let mut rest = words;
    while let Some((first, _)) = rest.first() {
        let prefix = prefix_of(first, MIN_WORD);
        let len = rest
            .iter()
            .take_while(|(w, _)| w.starts_with(&prefix))
            .count();
        split(&rest[..len], prefix, &mut shards);
        rest = &rest[len..];
    }
    shards.sort_by(|a, b| a.prefix.cmp(&b.prefix));
    shards
}

fn split<'a>(words: &'a [(String, String)], prefix: String, shards: &mut Vec<Shard<'a>>) {
    let size: usize = words.iter().map(|(w, p)| w.len() + p.len() + 4).sum();
    let depth = prefix.chars().count();
    if size <= SHARD_BYTES || depth >= MAX_PREFIX {
        shards.push(Shard {
            prefix,
            words: words
                .iter()
                .map(|(w, p)| (w.as_str(), p.as_str()))
                .collect(),
        });
        return;
    }
    // Words no longer than the prefix stay in this shard; the rest, being sorted, fall
    // into runs sharing one more letter.
    let (short, long): (Vec<_>, Vec<_>) = words
        .iter()
        .enumerate()
        .partition(|(_, (w, _))| w.chars().count() <= depth);
    if !short.is_empty() {
        shards.push(Shard {
            prefix: prefix.clone(),
            words: short
                .iter()
                .map(|(_, (w, p))| (w.as_str(), p.as_str()))
                .collect(),
        });
    }
    let mut i = 0;
    while i < long.len() {
        let start = long[i].0;
        let next = prefix_of(&long[i].1.0, depth + 1);
        let mut end = start;
        while i < long.len() && long[i].1.0.starts_with(&next) {
            end = long[i].0 + 1;
            i += 1;
        }
        split(&words[start..end], next, shards);
    }
}

/// The first `n` characters of `word`.
fn prefix_of(word: &str, n: usize) -> String {
    word.chars().take(n).collect()
}

/// Lowercase hex of `text`'s UTF-8: `co` → `636f`.
fn hex(text: &str) -> String {
    text.bytes().map(|b| format!("{b:02x}")).collect()
}

/// The names a record is filed under.
struct Facets {
    authors: Vec<String>,
    topics: Vec<String>,
    year: i16,
}

impl Facets {
    fn of(record: Record) -> Facets {
        Facets {
            authors: record.authors,
            topics: record.topics,
            year: record.year,
        }
    }
}

/// Each author, topic and year with its articles, in article order.
#[derive(Default)]
struct Filters {
    author: BTreeMap<String, Vec<u32>>,
    topic: BTreeMap<String, Vec<u32>>,
    year: BTreeMap<i16, Vec<u32>>,
}

impl Filters {
    fn add(&mut self, n: u32, facets: Facets) {
        for name in facets.authors {
            self.author.entry(name).or_default().push(n);
        }
        for name in facets.topics {
            self.topic.entry(name).or_default().push(n);
        }
        self.year.entry(facets.year).or_default().push(n);
    }

    /// `{"author":[["Name",[delta…]],…],"topic":…,"year":…}`; years newest first.
    fn to_json(&self) -> serde_json::Result<String> {
        fn deltas(list: &[u32]) -> Vec<u32> {
            let mut last = 0;
            list.iter()
                .map(|&n| {
                    let d = n - last;
                    last = n;
                    d
                })
                .collect()
        }
        #[derive(Serialize)]
        struct Json<'a> {
            author: Vec<(&'a str, Vec<u32>)>,
            topic: Vec<(&'a str, Vec<u32>)>,
            year: Vec<(String, Vec<u32>)>,
        }
        fn named(map: &BTreeMap<String, Vec<u32>>) -> Vec<(&str, Vec<u32>)> {
            map.iter().map(|(k, v)| (k.as_str(), deltas(v))).collect()
        }
        serde_json::to_string(&Json {
            author: named(&self.author),
            topic: named(&self.topic),
            year: self
                .year
                .iter()
                .rev()
                .map(|(y, v)| (y.to_string(), deltas(v)))
                .collect(),
        })
    }
}

/// The text of a rendered body: tags dropped (each a word break), character references
/// decoded.
///
/// The body is our own Markdown pass's output, with any raw HTML already cleaned and
/// written out again by the sanitizer (`sanitize`: no scripts, styles or comments, and
/// `<` and `>` escaped inside attribute values), so tags and character references are the
/// whole of its grammar; what a figure's caption or a table's cells say is text like any
/// other.
/// Reading it back here, one article at a time, costs less than keeping a second, plain
/// copy of every body for the length of a build (about 60 MB at 10,000 pieces).
pub fn plain_text(html: &str) -> String {
    // Runs of text are copied whole (so the result stays UTF-8: only ASCII is dropped or
    // added); a tag or a line break becomes one space.
    let bytes = html.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    let space = |out: &mut Vec<u8>| {
        if out.last().is_some_and(|&b| b != b' ') {
            out.push(b' ');
        }
    };
    while i < bytes.len() {
        let next = memchr::memchr3(b'<', b'&', b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
        let mut run = &bytes[i..next];
        if out.last().is_none_or(|&b| b == b' ') {
            while let [b' ', rest @ ..] = run {
                run = rest;
            }
        }
        out.extend_from_slice(run);
        i = next;
        match bytes.get(i) {
            Some(b'<') => {
                i = memchr::memchr(b'>', &bytes[i..]).map_or(bytes.len(), |end| i + end + 1);
                space(&mut out);
            }
            Some(b'\n') => {
                i += 1;
                space(&mut out);
            }
            Some(_) => {
                let reference =
                    memchr::memchr(b';', &bytes[i..bytes.len().min(i + 12)]).and_then(|end| {
                        let c = decode_reference(html.get(i + 1..i + end)?)?;
                        Some((i + end, c))
                    });
                match reference {
                    Some((end, c)) => {
                        out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                        i = end + 1;
                    }
                    None => {
                        out.push(b'&');
                        i += 1;
                    }
                }
            }
            None => {}
        }
    }
    while out.last() == Some(&b' ') {
        out.pop();
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// `amp` → `&`, `#39` → `'`, `#x2014` → `—`.
fn decode_reference(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::MemorySink;

    fn record(title: &str, body: &str, author: &str, topic: &str, year: i16) -> Record {
        Record {
            url: format!("/{year}/{}/", title.to_lowercase().replace(' ', "-")),
            title: title.into(),
            dek: String::new(),
            body: body.into(),
            byline: author.into(),
            date: format!("January 1, {year}"),
            datetime: format!("{year}-01-01T00:00:00Z"),
            year,
            authors: vec![author.into()],
            affiliations: vec![],
            topics: vec![topic.into()],
        }
    }

    fn build(records: &[Record]) -> BTreeMap<String, serde_json::Value> {
        let sink = MemorySink::default();
        write(records.len(), |n| records[n].clone(), &sink).unwrap();
        sink.into_output()
            .into_iter()
            .map(|(path, file)| {
                assert_eq!(file.kind, FileKind::SearchIndex);
                (path, serde_json::from_slice(&file.bytes).unwrap())
            })
            .collect()
    }

    /// Decodes a word's postings from whichever shard holds it.
    fn postings(files: &BTreeMap<String, serde_json::Value>, word: &str) -> Vec<(u64, u64)> {
        let meta = &files["search/data/meta.json"];
        let prefix = meta["shards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .filter(|p| word.starts_with(p))
            .max_by_key(|p| p.len());
        let Some(prefix) = prefix else {
            return vec![];
        };
        let shard = &files[&format!("search/data/t/{}.json", hex(prefix))];
        let Some(list) = shard.get(word) else {
            return vec![];
        };
        let flat: Vec<u64> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        let mut n = 0;
        flat.chunks(2)
            .map(|pair| {
                n += pair[0];
                (n, pair[1])
            })
            .collect()
    }

    #[test]
    fn words_split_on_anything_but_letters_and_digits_and_lowercase() {
        let cases: &[(&str, &[&str])] = &[
            ("Grain insurance, 1994!", &["grain", "insurance", "1994"]),
            (
                "the committee's own report",
                &["the", "committee", "own", "report"],
            ),
            ("Ünïcode ÉTÉ ΟΔΟΣ", &["ünïcode", "été", "οδος"]),
            ("a b U.S. x-ray", &["ray"]),
            ("naïve—Café, 2°C", &["naïve", "café"]),
            ("", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(words(text).collect::<Vec<_>>(), *expected, "{text:?}");
        }
    }

    #[test]
    fn plain_text_drops_tags_and_decodes_references() {
        let cases = [
            ("<p>Ports &amp; rails</p>", "Ports & rails"),
            ("<p>one</p>\n<p>two</p>", "one two"),
            (
                "<h2 id=\"x\">Head</h2><p>&lt;b&gt; &#39;q&#39; &#x2014;</p>",
                "Head <b> 'q' —",
            ),
            ("a &unknown; b & c", "a &unknown; b & c"),
            ("<p>cut <em", "cut"),
            ("<p>a\n\n  b</p>\n", "a b"),
            ("<li>x</li><li> y</li>", "x y"),
            // Raw HTML as the sanitizer writes it back: attribute text is not body text.
            (
                "<figure><img src=\"/c.png\" alt=\"a &gt; b\"><figcaption>Grain <em>yields</em></figcaption></figure>",
                "Grain yields",
            ),
        ];
        for (html, text) in cases {
            assert_eq!(plain_text(html), text, "{html:?}");
        }
    }

    #[test]
    fn postings_name_each_article_with_weights_title_first() {
        let files = build(&[
            record(
                "Grain insurance",
                "Farmers want grain cover.",
                "Ada Lee",
                "Farming",
                2025,
            ),
            record(
                "Port fees",
                "The harbor and its grain silos.",
                "Bo Park",
                "Trade",
                2024,
            ),
        ]);
        // Title words weigh 8, body words 1; article numbers follow the records' order.
        assert_eq!(postings(&files, "grain"), vec![(0, 9), (1, 1)]);
        assert_eq!(postings(&files, "harbor"), vec![(1, 1)]);
        assert_eq!(postings(&files, "farming"), vec![(0, 4)]);
        assert_eq!(postings(&files, "lee"), vec![(0, 4)]);
        assert_eq!(postings(&files, "absent"), vec![]);
        assert_eq!(files["search/data/meta.json"]["count"], 2);
        let doc = &files["search/data/d/1.json"];
        assert_eq!(doc["title"], "Port fees");
        assert_eq!(doc["url"], "/2024/port-fees/");
        assert_eq!(doc["text"], "The harbor and its grain silos.");
    }

    #[test]
    fn filters_list_each_name_with_its_articles() {
        let files = build(&[
            record("One", "x", "Ada Lee", "Trade", 2025),
            record("Two", "x", "Bo Park", "Trade", 2025),
            record("Three", "x", "Ada Lee", "Farming", 2023),
        ]);
        let filters = &files["search/data/filters.json"];
        assert_eq!(
            filters["author"],
            serde_json::json!([["Ada Lee", [0, 2]], ["Bo Park", [1]]])
        );
        assert_eq!(
            filters["topic"],
            serde_json::json!([["Farming", [2]], ["Trade", [0, 1]]])
        );
        assert_eq!(
            filters["year"],
            serde_json::json!([["2025", [0, 1]], ["2023", [2]]])
        );
    }

    #[test]
    fn large_shards_split_by_one_more_letter_and_every_word_stays_findable() {
        // Many words under "co", each in many articles, force the "co" shard to split.
        let vocabulary: Vec<String> = (0..400).map(|i| format!("co{}", to_letters(i))).collect();
        let body = format!("co {}", vocabulary.join(" "));
        let records: Vec<Record> = (0..30)
            .map(|i| {
                record(
                    &format!("Piece {}", to_letters(i)),
                    &body,
                    "Ada Lee",
                    "T",
                    2025,
                )
            })
            .collect();
        let files = build(&records);
        let shards = files["search/data/meta.json"]["shards"]
            .as_array()
            .unwrap()
            .clone();
        assert!(
            shards.iter().any(|s| s.as_str().unwrap().len() > 2),
            "{shards:?}"
        );
        assert!(shards.contains(&serde_json::json!("co")));
        for word in vocabulary.iter().chain([&"co".to_string()]) {
            assert_eq!(postings(&files, word).len(), 30, "{word}");
        }
        for (path, _) in files.iter().filter(|(p, _)| p.contains("/t/")) {
            let size = serde_json::to_string(&files[path]).unwrap().len();
            assert!(size <= SHARD_BYTES + 4096, "{path}: {size}");
        }
    }

    fn to_letters(mut i: usize) -> String {
        let mut s = String::new();
        loop {
            s.push((b'a' + (i % 26) as u8) as char);
            i /= 26;
            if i == 0 {
                return s;
            }
        }
    }

    #[test]
    fn two_builds_write_the_same_bytes() {
        let records: Vec<Record> = (0..600)
            .map(|i| {
                record(
                    &format!("Piece {i}"),
                    &format!("word{} common", i % 37),
                    "A B",
                    "T",
                    2020,
                )
            })
            .collect();
        let once = || {
            let sink = MemorySink::default();
            write(records.len(), |n| records[n].clone(), &sink).unwrap();
            sink.into_output()
        };
        assert_eq!(once(), once());
    }

    #[test]
    fn names_are_joined_as_a_byline() {
        let names =
            |list: &[&str]| join_names(&list.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(names(&[]), "");
        assert_eq!(names(&["A"]), "A");
        assert_eq!(names(&["A", "B"]), "A and B");
        assert_eq!(names(&["A", "B", "C"]), "A, B and C");
    }
}
