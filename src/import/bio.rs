//! The end of a plain-text piece: the bio sentence that names its authors, their role and
//! affiliation, and the short lines after it that belong to their profiles.
//!
//! Which lines are handles or links is `links`'s to tell; this module decides whose they are.

use super::header::{CLOSERS, Line, error_at, join_lines, last_filled, single_spaced, spaced};
use super::links::link_in_tail;
use super::{ImportError, ImportedAuthor};

/// Splits the blocks into body and bio, and reads the authors from the bio.
///
/// Walking back from the end, the bio is the run of blocks that open with a bio sentence or
/// hold only short lines (handles, a disclaimer); the body is everything before the first
/// block that opens with a bio sentence.
pub(super) fn read_tail<'a, 'b>(
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
        .take_while(|l| link_in_tail(l.text).is_none())
        .copied()
        .collect();
    let text = join_lines(&prose);
    sentences(&text)
        .first()
        .is_some_and(|s| parse_bio_sentence(s).is_some())
}

fn is_trailing(block: &[Line]) -> bool {
    let short_line = matches!(block, [line] if line.text.trim().chars().count() <= 80);
    short_line || block.iter().all(|l| link_in_tail(l.text).is_some())
}

/// Reads the bio blocks in order: a bio sentence starts a group of authors, and what follows
/// it (more sentences, short lines, handles) belongs to that group.
fn read_bio(tail: &[&[Line]], errors: &mut Vec<ImportError>) -> Vec<ImportedAuthor> {
    let mut authors: Vec<ImportedAuthor> = Vec::new();
    let mut group = 0..0;
    for block in tail {
        let mut prose: Vec<Line> = Vec::new();
        for line in block.iter() {
            match link_in_tail(line.text) {
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
    let sentence = spaced(sentence);
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

pub(super) fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

pub(super) fn shared_affiliation(authors: &[ImportedAuthor]) -> Option<String> {
    let first = authors.first()?.affiliation.clone()?;
    authors
        .iter()
        .all(|a| a.affiliation.as_ref() == Some(&first))
        .then_some(first)
}
/// The sentences of a paragraph, trimmed. A period after an initial, an abbreviation such as
/// `Dr.` or `Aug.`, or inside `U.S.` does not end a sentence, nor does an ellipsis.
pub(super) fn sentences(text: &str) -> Vec<&str> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
