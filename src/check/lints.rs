//! The lint pass: what is legal in a site but probably a mistake, each a warning at the
//! place the model recorded for it (a front matter key, a byline name, an image, the start
//! of the body), and everything the sanitizer took out of a piece's raw HTML, where it was
//! written.

use std::collections::BTreeMap;

use crate::check::Texts;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Site;

/// A derived summary shorter than this (in characters) is too thin to stand as a dek.
pub const MIN_SUMMARY_CHARS: usize = 40;

/// Lints the site; `texts` only turns recorded offsets into lines and columns.
pub(super) fn check(site: &Site, texts: &Texts, found: &mut Diagnostics) {
    for (index, author) in site.authors.iter().enumerate() {
        match &author.profile {
            None => {
                // The oldest file naming them, so the warning stays put as pieces are added.
                let Some(article) = author
                    .articles
                    .iter()
                    .map(|&i| &site.articles[i])
                    .min_by_key(|a| &a.path)
                else {
                    continue;
                };
                let name_at = article
                    .byline
                    .iter()
                    .position(|b| b.author == index)
                    .and_then(|k| article.places.bylines.get(k).copied())
                    .unwrap_or_default();
                found.push(
                    texts
                        .at(
                            &article.path,
                            name_at,
                            format!("author {:?} has no profile", author.name),
                        )
                        .warning()
                        .with_hint(format!(
                            "add content/authors/{}.md with `name = {:?}` and a short bio",
                            author.slug, author.name
                        )),
                );
            }
            Some(profile) if author.articles.is_empty() => found.push(
                Diagnostic::error(
                    profile,
                    1,
                    1,
                    format!(
                        "the profile of {:?} is not named by any published article",
                        author.name
                    ),
                )
                .warning()
                .with_hint(format!(
                    "an article names this author with `author = {:?}`",
                    author.name
                )),
            ),
            Some(_) => {}
        }
        if let Some(profile) = &author.profile {
            for removal in &author.removed {
                found.push(
                    texts
                        .at(profile, removal.offset, &removal.message)
                        .warning()
                        .with_hint(&removal.hint),
                );
            }
        }
    }

    for page in &site.pages {
        for removal in &page.body.removed {
            found.push(
                texts
                    .at(
                        &page.path,
                        page.body_offset + removal.offset,
                        &removal.message,
                    )
                    .warning()
                    .with_hint(&removal.hint),
            );
        }
    }

    // What the embargo held back is not on the site, so no other lint sees it; a date in
    // the wrong year is the mistake worth a word (issue 12).
    for article in &site.embargo.held {
        let message = format!(
            "dated {}, in the future: `build` holds it back until then",
            crate::dates::rfc3339(&article.date)
        );
        let at = article.places.keys.of("date").unwrap_or_default();
        found.push(
            texts
                .at(&article.path, at, message)
                .warning()
                .with_hint("`build --future` publishes it now; a build at or after that moment publishes it on time"),
        );
    }

    let mut titles: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (index, article) in site.articles.iter().enumerate() {
        let path = article.path.as_path();
        let key = |key: &str| article.places.keys.of(key).unwrap_or_default();
        titles
            .entry(title_key(&article.title))
            .or_default()
            .push(index);

        if article.summary_derived
            && let Some(problem) = summary_problem(&article.summary, &article.body.html)
        {
            found.push(
                texts.at(path, article.places.body_start, problem)
                    .warning()
                    .with_hint("write a `summary = \"…\"` in the front matter, or open the piece with a paragraph of prose"),
            );
        }

        if site.embargo.holds(article) {
            let message = format!(
                "dated {}, in the future: published now only because of `--future`",
                crate::dates::rfc3339(&article.date)
            );
            found.push(
                texts
                    .at(path, key("date"), message)
                    .warning()
                    .with_hint("without `--future`, `build` holds it back until then"),
            );
        }

        for removal in &article.body.removed {
            found.push(
                texts
                    .at(path, article.places.body + removal.offset, &removal.message)
                    .warning()
                    .with_hint(&removal.hint),
            );
        }

        for image in &article.body.images_without_alt {
            let message = format!("image {:?} has no alt text", image.url);
            found.push(
                texts
                    .at(path, article.places.body + image.offset, message)
                    .warning()
                    .with_hint(format!(
                        "describe it between the brackets for readers who cannot see it: ![A chart of …]({})",
                        image.url
                    )),
            );
        }
    }
    // A series of one part is most often a name written two ways (issue 13).
    for series in site.series.iter().filter(|s| s.articles.len() == 1) {
        let article = &site.articles[series.articles[0]];
        found.push(
            texts
                .at(
                    &article.path,
                    article.places.keys.of("series").unwrap_or_default(),
                    format!("the series {:?} has only this part", series.name),
                )
                .warning()
                .with_hint("write the series name exactly as the other parts do"),
        );
    }
    for group in titles.values().filter(|g| g.len() > 1) {
        for &index in group {
            let article = &site.articles[index];
            let others: Vec<String> = group
                .iter()
                .filter(|&&i| i != index)
                .map(|&i| site.articles[i].path.display().to_string())
                .collect();
            let message = format!(
                "the title {:?} is also the title of {}",
                article.title,
                others.join(", ")
            );
            found.push(
                texts
                    .at(
                        &article.path,
                        article.places.keys.of("title").unwrap_or_default(),
                        message,
                    )
                    .warning()
                    .with_hint("readers tell pieces apart by title; make each one distinct"),
            );
        }
    }
}

/// Titles compare without regard to case, spacing or punctuation quirks of typing.
fn title_key(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// What is wrong with a summary taken from the body, if anything.
fn summary_problem(summary: &str, body_html: &str) -> Option<String> {
    let opening = body_html.trim_start();
    let first_block = [
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "blockquote",
        "pre",
        "table",
    ]
    .into_iter()
    .find(|tag| {
        opening.starts_with(&format!("<{tag}>")) || opening.starts_with(&format!("<{tag} "))
    });
    let chars = summary.chars().count();
    if summary.trim().is_empty() {
        return Some("no summary: the body has no paragraph to take one from".into());
    }
    if let Some(tag) = first_block {
        let what = match tag {
            "ul" | "ol" => "a list",
            "blockquote" => "a quotation",
            "pre" => "a code block",
            "table" => "a table",
            _ => "a heading",
        };
        return Some(format!(
            "the body opens with {what}, so its summary comes from a later paragraph: {summary:?}"
        ));
    }
    if chars < MIN_SUMMARY_CHARS {
        return Some(format!(
            "the summary taken from the first paragraph is only {chars} characters: {summary:?}"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thin_or_missing_summaries_are_noticed() {
        let long = "A first paragraph long enough to stand as the summary of the piece.";
        assert_eq!(summary_problem(long, "<p>x</p>"), None);
        for (summary, html, expected) in [
            ("", "<h2 id=\"a\">A</h2>", "no summary"),
            ("Too short.", "<p>Too short.</p>", "only 10 characters"),
            (long, "<h2 id=\"a\">A</h2><p>x</p>", "opens with a heading"),
            (long, "<ul>\n<li>x</li></ul>", "opens with a list"),
            (long, "<blockquote>\n<p>x</p>", "opens with a quotation"),
        ] {
            let problem = summary_problem(summary, html).unwrap_or_default();
            assert!(problem.contains(expected), "{html}: {problem}");
        }
    }
}
