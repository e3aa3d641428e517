//! "Cite this" (issue 13): an article's citation as a reader copies it from the page, and
//! as reference managers import it: `cite.bib` (BibTeX) and `cite.ris` (RIS) beside its
//! page, and the Google Scholar meta tags (`citation_*`) that Zotero and Scholar read from
//! its `<head>`. Nothing in them depends on when the site is built (no access date), so two
//! builds write the same bytes.
//!
//! Names are cited as `model::author::name_parts` splits them, the family name keeping its
//! particles ("van der Berg, Anna").
//!
//! **BibTeX.** The entry is biblatex's `@online`, the type made for a piece published on
//! the web, with `author`, `title`, `year`, `month` (a number, as biblatex reads it), `url`
//! and `organization` (the site). Classic BibTeX styles, which lack `@online`, print it as
//! `@misc`. The file is UTF-8, and accented and non-Latin letters are written as
//! themselves: biber and every reference manager read them so, and no table of TeX
//! escapes covers Vietnamese or Chinese names. What TeX or BibTeX would read as markup is
//! escaped in every field: `\%`, `\&`, `\$`, `\#`, `\_`, and `\textasciitilde{}`,
//! `\textasciicircum{}`, `\textbackslash{}`, `\textbraceleft{}`, `\textbraceright{}`
//! (BibTeX counts every brace, escaped or not, so braces in text become commands). Each
//! family name is one braced group (`{van der Berg}, Anna`), so no style splits the
//! particle from the name or lowercases it into a "von" part; a given name holding a comma,
//! or the word "and", is braced too, so it is not read as a third name part or a second
//! author. The title is double-braced so styles keep its capitals. The URL is
//! percent-encoded wherever it holds a character TeX would read (`~`, `_`, `#`, `&`, `$`,
//! `^`, braces, backslash, spaces and non-ASCII), which leaves the address the same.
//!
//! **RIS.** One `TY  - ELEC` record ending `ER  - `, each line `XX  - value` ending in CR
//! LF as the format's specification says, UTF-8, with `AU` per author ("van der Berg,
//! Anna"), `TI`, `T2` (the site), `PB`, `PY`, `DA` (`2024/07/07/`), `UR`, `LA`, a `KW` per
//! topic and the summary as `AB`.

use std::fmt::Write as _;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use crate::model::author::NameParts;
use crate::model::{Article, Site};

/// What the URL in a BibTeX entry percent-encodes: everything TeX reads as markup, and
/// what a URL cannot hold as it is (non-ASCII is always encoded).
const BIB_URL: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'~')
    .add(b'_')
    .add(b'#')
    .add(b'$')
    .add(b'&')
    .add(b'|');

/// The names of an article's authors, in byline order, split for citing.
pub fn names<'s>(site: &'s Site, article: &Article) -> Vec<&'s NameParts> {
    article
        .byline
        .iter()
        .map(|b| &site.authors[b.author].name_parts)
        .collect()
}

/// A name as reference lists and meta tags write it: "van der Berg, Anna", or the family
/// name alone.
pub fn inverted(name: &NameParts) -> String {
    if name.given.is_empty() {
        name.family.clone()
    } else {
        format!("{}, {}", name.family, name.given)
    }
}

/// The authors as a citation opens: the first inverted, the others as written, the last
/// after "and" ("van der Berg, Anna, José de la Cruz, and Zoë Ångström").
pub fn author_list(names: &[&NameParts]) -> String {
    let written = |n: &NameParts| {
        if n.given.is_empty() {
            n.family.clone()
        } else {
            format!("{} {}", n.given, n.family)
        }
    };
    let mut out = String::new();
    for (i, name) in names.iter().enumerate() {
        match i {
            0 => out.push_str(&inverted(name)),
            _ if i + 1 == names.len() => {
                out.push_str(", and ");
                out.push_str(&written(name));
            }
            _ => {
                out.push_str(", ");
                out.push_str(&written(name));
            }
        }
    }
    out
}

/// A title closed with a full stop for a citation, unless it already ends a sentence.
pub fn title_sentence(title: &str) -> String {
    if title.ends_with(['.', '?', '!']) {
        title.to_string()
    } else {
        format!("{title}.")
    }
}

/// The publication date as Google Scholar asks for it: `2024/07/07`.
pub fn scholar_date(article: &Article) -> String {
    let d = &article.date;
    format!("{:04}/{:02}/{:02}", d.year(), d.month(), d.day())
}

/// Text for a BibTeX field: runs of white space made one space, and every character TeX
/// or BibTeX would read as markup escaped.
pub fn tex(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '%' | '&' | '$' | '#' | '_' => {
                    out.push('\\');
                    out.push(c);
                }
                '~' => out.push_str("\\textasciitilde{}"),
                '^' => out.push_str("\\textasciicircum{}"),
                '\\' => out.push_str("\\textbackslash{}"),
                '{' => out.push_str("\\textbraceleft{}"),
                '}' => out.push_str("\\textbraceright{}"),
                c if c.is_control() => out.push(' '),
                c => out.push(c),
            }
        }
    }
    out
}

/// One name for BibTeX's `author` field: `{van der Berg}, Anna`.
fn bib_name(name: &NameParts) -> String {
    let family = format!("{{{}}}", tex(&name.family));
    if name.given.is_empty() {
        return family;
    }
    let given = tex(&name.given);
    // A comma would start a "Jr" part; the word "and" would start another author.
    let given = if given.contains(',') {
        format!("{{{given}}}")
    } else {
        given
            .split(' ')
            .map(|w| {
                if w.eq_ignore_ascii_case("and") {
                    format!("{{{w}}}")
                } else {
                    w.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    format!("{family}, {given}")
}

/// The entry's key: the first author's family name, the year and the title's first word
/// of note, in lowercase ASCII (`vanderberg2024depth`).
fn bib_key(names: &[&NameParts], article: &Article) -> String {
    let ascii = |s: &str| -> String {
        deunicode::deunicode(s)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase()
    };
    let family = names.first().map(|n| ascii(&n.family)).unwrap_or_default();
    let word = article
        .title
        .split_whitespace()
        .map(ascii)
        .find(|w| !w.is_empty() && !matches!(w.as_str(), "a" | "an" | "the"))
        .unwrap_or_default();
    let family = if family.is_empty() {
        "piece".into()
    } else {
        family
    };
    format!("{family}{:04}{word}", article.date.year())
}

/// The BibTeX file of article `index`.
pub fn bibtex(site: &Site, index: usize) -> String {
    let article = &site.articles[index];
    let names = names(site, article);
    let authors: Vec<String> = names.iter().map(|n| bib_name(n)).collect();
    let url = utf8_percent_encode(&site.config.absolute_url(&article.url), BIB_URL).to_string();
    let mut out = String::from("% Encoding: UTF-8\n");
    let _ = write!(
        out,
        "@online{{{key},\n  author = {{{authors}}},\n  title = {{{{{title}}}}},\n  year = {{{year}}},\n  month = {{{month}}},\n  url = {{{url}}},\n  organization = {{{site}}},\n}}\n",
        key = bib_key(&names, article),
        authors = authors.join(" and "),
        title = tex(&article.title),
        year = article.date.year(),
        month = article.date.month(),
        site = tex(&site.config.title),
    );
    out
}

/// The RIS file of article `index`.
pub fn ris(site: &Site, index: usize) -> String {
    let article = &site.articles[index];
    let config = &site.config;
    let mut out = String::new();
    let mut line = |tag: &str, value: &str| {
        // One line per tag: white space, line breaks included, becomes single spaces.
        let value = value
            .split(|c: char| c.is_whitespace() || c.is_control())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let _ = write!(out, "{tag}  - {value}\r\n");
    };
    line("TY", "ELEC");
    for name in names(site, article) {
        line("AU", &inverted(name));
    }
    line("TI", &article.title);
    line("T2", &config.title);
    line("PB", &config.title);
    line("PY", &format!("{:04}", article.date.year()));
    line("DA", &format!("{}/", scholar_date(article)));
    line("UR", &config.absolute_url(&article.url));
    line("LA", &config.language);
    for &topic in &article.topics {
        line("KW", &site.topics[topic].name);
    }
    line("AB", &article.summary);
    // The end tag has an empty value: "ER  - ", its space kept.
    out.push_str("ER  - \r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(given: &str, family: &str) -> NameParts {
        NameParts {
            given: given.into(),
            family: family.into(),
        }
    }

    #[test]
    fn tex_escapes_what_tex_would_read() {
        assert_eq!(
            tex("50% of {ports} & $3 #fees_x ~ ^ \\ end\n  line"),
            "50\\% of \\textbraceleft{}ports\\textbraceright{} \\& \\$3 \\#fees\\_x \\textasciitilde{} \\textasciicircum{} \\textbackslash{} end line"
        );
        assert_eq!(tex("Zoë Ångström, 王小明"), "Zoë Ångström, 王小明");
    }

    #[test]
    fn names_keep_their_particles_in_one_group() {
        assert_eq!(
            bib_name(&name("Anna", "van der Berg")),
            "{van der Berg}, Anna"
        );
        assert_eq!(bib_name(&name("", "王小明")), "{王小明}");
        assert_eq!(bib_name(&name("Mary, Jr.", "King")), "{King}, {Mary, Jr.}");
        assert_eq!(
            bib_name(&name("Sam And Lee", "Park")),
            "{Park}, Sam {And} Lee"
        );
        assert_eq!(
            bib_name(&name("Jo", "R&D_{x}")),
            "{R\\&D\\_\\textbraceleft{}x\\textbraceright{}}, Jo"
        );
    }

    #[test]
    fn citations_list_authors_as_reference_lists_do() {
        let (a, b, c) = (
            name("Anna", "van der Berg"),
            name("José", "de la Cruz"),
            name("", "Plato"),
        );
        assert_eq!(author_list(&[&a]), "van der Berg, Anna");
        assert_eq!(
            author_list(&[&a, &b]),
            "van der Berg, Anna, and José de la Cruz"
        );
        assert_eq!(
            author_list(&[&a, &b, &c]),
            "van der Berg, Anna, José de la Cruz, and Plato"
        );
        assert_eq!(
            title_sentence("Depth and Its Price"),
            "Depth and Its Price."
        );
        assert_eq!(title_sentence("Why Ports?"), "Why Ports?");
    }
}
