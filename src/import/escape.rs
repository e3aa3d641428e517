//! Backslash escapes that make Markdown show a plain-text paragraph exactly as it was
//! written, so an imported body renders as its source text and nothing more.

/// Escapes a paragraph so that Markdown, with smart punctuation, renders exactly its text.
///
/// Backslash escapes are used only where Markdown would otherwise see syntax, so the file
/// stays readable: emphasis, code, links, tables, strikethrough, straight quotes, `--` and
/// `...`, HTML tags, entity references, and block markers at the start of the paragraph.
pub(super) fn escape_markdown(paragraph: &str) -> String {
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

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Renders a body as the site will, and returns the text of each `<p>`, entities decoded;
    /// fails on any other element or on markup inside a paragraph.
    pub(crate) fn rendered_paragraphs(markdown: &str) -> Vec<String> {
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
}
