//! The files an import writes: an article's front matter and body, a new author profile, and
//! the additions to a profile that already exists.
//!
//! Front matter is built and edited with `toml_edit`, so strings are always quoted correctly
//! and an existing profile keeps every comment, key order, dotted key, inline table and
//! multi-line string its editor wrote: only the missing entries are added. A YAML profile is
//! never rewritten (a YAML serializer would drop its comments and layout); the warning for it
//! spells out the lines to add by hand.
//!
//! Choosing paths and touching the disk belong to the `import` command.

use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, Value, value};

use super::escape::escape_markdown;
use super::{ImportedArticle, ImportedAuthor};

/// Renders the article file: TOML front matter, then the body paragraphs, escaped.
///
/// A piece whose dateline gave no time gets a bare `date = "2025-08-16"` rather than an
/// invented midnight; otherwise the date is RFC 3339 with its offset.
pub fn article_file(article: &ImportedArticle) -> String {
    let mut front = DocumentMut::new();
    front["title"] = value(&article.title);
    let date_format = if article.has_time {
        "%Y-%m-%dT%H:%M:%S%.f%:z"
    } else {
        "%Y-%m-%d"
    };
    let date = jiff::fmt::strtime::format(date_format, &article.date)
        .unwrap_or_else(|_| article.date.timestamp().to_string());
    front["date"] = value(date);
    match article.authors.as_slice() {
        [author] => front["author"] = value(&author.name),
        authors
            if article.affiliation.is_some() || authors.iter().all(|a| a.affiliation.is_none()) =>
        {
            let names: Array = authors.iter().map(|a| a.name.as_str()).collect();
            front["authors"] = value(names);
        }
        authors => front["authors"] = value(one_per_line(authors.iter().map(author_table))),
    }
    if let Some(affiliation) = &article.affiliation {
        front["affiliation"] = value(affiliation);
    }
    front["summary"] = value(&article.summary);
    let mut out = fenced(&front);
    for paragraph in &article.paragraphs {
        out.push('\n');
        out.push_str(&escape_markdown(paragraph));
        out.push('\n');
    }
    out
}

/// Renders a new author profile: name, role, affiliation and `[links]`, then the bio as body.
pub fn profile_file(author: &ImportedAuthor) -> String {
    let mut front = DocumentMut::new();
    for (key, field) in profile_fields(author) {
        front[key] = value(field);
    }
    if !author.links.is_empty() {
        let mut links = Table::new();
        for (label, url) in &author.links {
            links[label.as_str()] = value(url);
        }
        links.decor_mut().set_prefix("\n");
        front["links"] = Item::Table(links);
    }
    let mut out = fenced(&front);
    if let Some(bio) = &author.bio {
        out.push('\n');
        out.push_str(&escape_markdown(bio));
        out.push('\n');
    }
    out
}

/// What [`merge_profile`] made of an existing profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProfileMerge {
    /// The profile with the missing entries added; everything else is byte for byte as it was.
    Filled(String),
    /// The profile already has everything the import knows.
    Complete,
    /// The profile was not changed although it lacks something: `why`, and `how` to add it
    /// by hand.
    LeftAlone { why: String, how: String },
}

/// Fills in what an existing profile lacks, never changing what is there.
///
/// Adds `name`, `role` and `affiliation` when absent, links whose label and URL are both new
/// (into a `[links]` table, a dotted `links.…` key or an inline table, whichever the profile
/// uses), and the bio when the body is empty. Any valid TOML front matter is accepted. YAML
/// front matter, front matter that does not parse, or a `links` that is not a table are left
/// alone, with what to add by hand.
pub fn merge_profile(existing: &str, author: &ImportedAuthor) -> ProfileMerge {
    let lines: Vec<&str> = existing.split_inclusive('\n').collect();
    let fence = |line: &&str, mark: &str| line.trim_end() == mark;
    let (mark, is_yaml) = match lines.first() {
        Some(l) if fence(l, "+++") => ("+++", false),
        Some(l) if fence(l, "---") => ("---", true),
        _ => return left_alone("the file has no `+++` front matter", author),
    };
    let Some(close) = lines
        .iter()
        .skip(1)
        .position(|l| fence(l, mark))
        .map(|i| i + 1)
    else {
        return left_alone(&format!("its front matter has no closing `{mark}`"), author);
    };
    let front_text: String = lines[1..close].concat();
    let body_empty = lines[close + 1..].iter().all(|l| l.trim().is_empty());
    let bio = author.bio.as_deref().filter(|_| body_empty);
    if is_yaml {
        return yaml_profile(&front_text, author, bio.is_some());
    }
    let mut front: DocumentMut = match front_text.parse() {
        Ok(front) => front,
        Err(_) => {
            return left_alone(
                "its front matter is not valid TOML (`broadsheet check` says where)",
                author,
            );
        }
    };
    for (key, field) in profile_fields(author) {
        if !front.contains_key(key) {
            front[key] = value(field);
        }
    }
    if let Err(why) = add_links(&mut front, &author.links) {
        return left_alone(why, author);
    }
    let mut new_front = front.to_string();
    if new_front == front_text && bio.is_none() {
        return ProfileMerge::Complete;
    }
    // Added lines follow the file's own line ends. In a file that is CRLF throughout, every
    // bare LF is a new one.
    let crlf = lines[0].ends_with("\r\n") && !has_bare_lf(&front_text);
    if crlf {
        new_front = with_crlf(&new_front);
    }
    let mut out = String::with_capacity(existing.len() + new_front.len());
    out.push_str(lines[0]);
    out.push_str(&new_front);
    match bio {
        Some(bio) => {
            out.push_str(lines[close]);
            if !lines[close].ends_with('\n') {
                out.push_str(if crlf { "\r\n" } else { "\n" });
            }
            let added = format!("\n{}\n", escape_markdown(bio));
            out.push_str(&if crlf { with_crlf(&added) } else { added });
        }
        None => out.push_str(&lines[close..].concat()),
    }
    ProfileMerge::Filled(out)
}

/// Adds each link whose label (in any case) and URL are both new to the profile's links.
fn add_links(front: &mut DocumentMut, links: &[(String, String)]) -> Result<(), &'static str> {
    fn is_new<'a>(
        label: &str,
        url: &str,
        mut present: impl Iterator<Item = (&'a str, &'a Value)>,
    ) -> bool {
        !present.any(|(l, u)| l.eq_ignore_ascii_case(label) || u.as_str() == Some(url))
    }
    match front.get_mut("links") {
        _ if links.is_empty() => {}
        None => {
            let mut table = Table::new();
            for (label, url) in links {
                table[label.as_str()] = value(url);
            }
            table.decor_mut().set_prefix("\n");
            front["links"] = Item::Table(table);
        }
        Some(Item::Table(table)) => {
            for (label, url) in links {
                let present = table.iter().filter_map(|(k, v)| Some((k, v.as_value()?)));
                if is_new(label, url, present) {
                    table[label.as_str()] = value(url);
                }
            }
        }
        Some(Item::Value(Value::InlineTable(table))) => {
            for (label, url) in links {
                if is_new(label, url, table.iter()) {
                    table.insert(label, url.into());
                }
            }
        }
        Some(_) => return Err("its `links` is not a table of label = URL"),
    }
    Ok(())
}

/// A YAML profile is read to see what it lacks, and never written.
fn yaml_profile(front: &str, author: &ImportedAuthor, add_bio: bool) -> ProfileMerge {
    let Ok(serde_yaml_ng::Value::Mapping(map)) = serde_yaml_ng::from_str(front) else {
        return left_alone("its YAML front matter does not parse", author);
    };
    let has = |key: &str| map.contains_key(key);
    let links = map.get("links").and_then(serde_yaml_ng::Value::as_mapping);
    let mut missing: Vec<String> = profile_fields(author)
        .into_iter()
        .filter(|(key, _)| !has(key))
        .map(|(key, field)| format!("{key}: {}", quoted(field)))
        .collect();
    let new_links: Vec<String> = author
        .links
        .iter()
        .filter(|(label, url)| {
            links.is_none_or(|present| {
                !present.iter().any(|(l, u)| {
                    l.as_str().is_some_and(|l| l.eq_ignore_ascii_case(label))
                        || u.as_str() == Some(url)
                })
            })
        })
        .map(|(label, url)| format!("{}: {}", quoted(label), quoted(url)))
        .collect();
    if !new_links.is_empty() {
        missing.push(format!("links: {{ {} }}", new_links.join(", ")));
    }
    if missing.is_empty() && !add_bio {
        return ProfileMerge::Complete;
    }
    let mut how = String::new();
    if !missing.is_empty() {
        how = format!("add to its front matter: {}", missing.join("; "));
    }
    if add_bio {
        if !how.is_empty() {
            how.push_str("; and ");
        }
        how.push_str("write the bio below it");
    }
    ProfileMerge::LeftAlone {
        why: "its front matter is YAML, which import reads but never rewrites (a rewrite would \
              lose its comments and layout)"
            .to_string(),
        how,
    }
}

fn left_alone(why: &str, author: &ImportedAuthor) -> ProfileMerge {
    let mut fields: Vec<String> = profile_fields(author)
        .into_iter()
        .map(|(key, field)| format!("{key} = {}", quoted(field)))
        .collect();
    fields.extend(
        author
            .links
            .iter()
            .map(|(label, url)| format!("links.{} = {}", quoted(label), quoted(url))),
    );
    ProfileMerge::LeftAlone {
        why: why.to_string(),
        how: format!(
            "fix it, or add what is missing by hand: {}",
            fields.join("; ")
        ),
    }
}

/// A string as TOML and YAML both read it: JSON's double-quoted form is valid in each.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// The `name`, `role` and `affiliation` a profile gets, in that order.
fn profile_fields(author: &ImportedAuthor) -> Vec<(&'static str, &str)> {
    [
        ("name", Some(author.name.as_str())),
        ("role", author.role.as_deref()),
        ("affiliation", author.affiliation.as_deref()),
    ]
    .into_iter()
    .filter_map(|(key, field)| Some((key, field?)))
    .collect()
}

fn author_table(author: &ImportedAuthor) -> InlineTable {
    let mut table = InlineTable::new();
    table.insert("name", author.name.as_str().into());
    if let Some(affiliation) = &author.affiliation {
        table.insert("affiliation", affiliation.as_str().into());
    }
    table
}

/// An array written one item a line, with a trailing comma, as an editor would.
fn one_per_line(items: impl Iterator<Item = InlineTable>) -> Array {
    let mut array = Array::new();
    for item in items {
        let mut item = Value::InlineTable(item);
        item.decor_mut().set_prefix("\n  ");
        array.push_formatted(item);
    }
    array.set_trailing_comma(true);
    array.set_trailing("\n");
    array
}

fn fenced(front: &DocumentMut) -> String {
    format!("+++\n{front}+++\n")
}

fn has_bare_lf(text: &str) -> bool {
    text.match_indices('\n')
        .any(|(i, _)| !text[..i].ends_with('\r'))
}

fn with_crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 20);
    for (i, c) in text.char_indices() {
        if c == '\n' && !text[..i].ends_with('\r') {
            out.push('\r');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn filled(existing: &str) -> String {
        match merge_profile(existing, &author()) {
            ProfileMerge::Filled(text) => text,
            other => panic!("{existing:?} gave {other:?}"),
        }
    }

    /// Whether every character of `original` is in `merged`, in order: the merge only added.
    fn only_added(original: &str, merged: &str) -> bool {
        let mut rest = merged.chars();
        original.chars().all(|c| rest.by_ref().any(|m| m == c))
    }

    /// The profile as `build` reads it: parses, and has the fields and links the author gave.
    fn reads_back(text: &str) -> crate::front_matter::AuthorMeta {
        let path = std::path::Path::new("content/authors/hanna-berg.md");
        let (meta, _) = crate::front_matter::parse_profile(path, text)
            .unwrap_or_else(|e| panic!("{e:?}\n{text}"));
        meta
    }

    #[test]
    fn merge_fills_only_what_is_missing() {
        let existing = "+++\nname = \"Hanna Berg\"\nrole = \"Editor's pick\"\n\n[links]\nx = \"https://x.com/old\"\n+++\n\nWritten by an editor.\n";
        let merged = filled(existing);
        assert_eq!(
            merged,
            "+++\nname = \"Hanna Berg\"\nrole = \"Editor's pick\"\naffiliation = \"Open Cities Project\"\n\n[links]\nx = \"https://x.com/old\"\nBluesky = \"https://bsky.app/profile/hb.example\"\n+++\n\nWritten by an editor.\n"
        );
        reads_back(&merged);
        assert_eq!(
            merge_profile(&merged, &author()),
            ProfileMerge::Complete,
            "a second merge adds nothing"
        );
    }

    #[test]
    fn merge_adds_links_table_and_bio_and_keeps_crlf() {
        let existing = "+++\r\nname = \"Hanna Berg\"\r\n+++\r\n";
        assert_eq!(
            filled(existing),
            "+++\r\nname = \"Hanna Berg\"\r\nrole = \"Senior fellow\"\r\naffiliation = \"Open Cities Project\"\r\n\r\n[links]\r\nX = \"https://x.com/hannaberg\"\r\nBluesky = \"https://bsky.app/profile/hb.example\"\r\n+++\r\n\r\nHanna Berg is a senior fellow at the Open Cities Project.\r\n"
        );
        let new_profile = profile_file(&author());
        assert_eq!(
            merge_profile(&new_profile, &author()),
            ProfileMerge::Complete
        );
        reads_back(&new_profile);
    }

    /// Issue 10: a profile is never refused for being in an unusual but valid TOML form.
    #[test]
    fn merge_accepts_every_valid_toml_form_and_keeps_its_bytes() {
        let unusual = [
            // comments everywhere, keys in any order
            "+++\n# written by the desk\naffiliation = \"Open Cities Project\" # current\nname = \"Hanna Berg\"\n+++\n",
            // a multi-line string
            "+++\nname = \"Hanna Berg\"\nrole = \"\"\"\nSenior fellow,\nopen data\"\"\"\n+++\nBio by hand.\n",
            // dotted keys for links
            "+++\nname = \"Hanna Berg\"\nlinks.Website = \"https://hb.example\"\n+++\n",
            // an inline table of links
            "+++\nname = \"Hanna Berg\"\nlinks = { Website = \"https://hb.example\" }\n+++\n",
            // a multi-line array and an unknown-to-import key that build knows
            "+++\nsort_name = \"Berg, Hanna\"\nname = 'Hanna Berg'\n[links]\n\"Web site\" = 'https://hb.example' # old\n+++\n",
            // links before the root keys would be a table; root keys stay at the root
            "+++\n[links] # handles\nWebsite = \"https://hb.example\"\n+++\n",
        ];
        for existing in unusual {
            let merged = filled(existing);
            assert!(only_added(existing, &merged), "{existing:?}\n→ {merged:?}");
            let meta = reads_back(&merged);
            assert_eq!(meta.name.map(|n| n.value).as_deref(), Some("Hanna Berg"));
            assert!(meta.affiliation.is_some(), "{merged}");
            let urls: Vec<&str> = meta.links.iter().map(|(_, u)| u.value.as_str()).collect();
            assert!(urls.contains(&"https://x.com/hannaberg"), "{merged}");
            assert_eq!(merge_profile(&merged, &author()), ProfileMerge::Complete);
        }
    }

    #[test]
    fn a_link_already_there_under_another_label_or_case_is_not_added_again() {
        let existing = "+++\nname = \"Hanna Berg\"\nrole = \"r\"\naffiliation = \"a\"\nlinks = { x = \"https://x.com/other\", Sky = \"https://bsky.app/profile/hb.example\" }\n+++\nBio.\n";
        assert_eq!(merge_profile(existing, &author()), ProfileMerge::Complete);
    }

    #[test]
    fn merge_leaves_what_it_cannot_read_alone_and_says_how() {
        let unreadable = [
            ("+++\nname = \"H\"\nname = \"I\"\n+++\n", "not valid TOML"),
            ("+++\nname = \"Hanna Berg\"\n", "no closing `+++`"),
            ("no front matter at all", "no `+++` front matter"),
            ("", "no `+++` front matter"),
            (
                "+++\nname = \"H\"\nlinks = \"https://x.com/a\"\n+++\n",
                "not a table",
            ),
            (
                "+++\nname = \"H\"\n[[links]]\nx = \"y\"\n+++\n",
                "not a table",
            ),
        ];
        for (existing, why_part) in unreadable {
            match merge_profile(existing, &author()) {
                ProfileMerge::LeftAlone { why, how } => {
                    assert!(why.contains(why_part), "{existing:?}: {why}");
                    assert!(how.contains("role = \"Senior fellow\""), "{how}");
                }
                other => panic!("{existing:?} gave {other:?}"),
            }
        }
    }

    #[test]
    fn a_yaml_profile_is_never_rewritten_and_the_warning_gives_the_lines() {
        let existing =
            "---\nname: Hanna Berg # as she signs\nlinks:\n  X: https://x.com/hannaberg\n---\n";
        let ProfileMerge::LeftAlone { why, how } = merge_profile(existing, &author()) else {
            panic!("rewritten")
        };
        assert!(why.contains("YAML"), "{why}");
        assert_eq!(
            how,
            "add to its front matter: role: \"Senior fellow\"; affiliation: \"Open Cities Project\"; \
             links: { \"Bluesky\": \"https://bsky.app/profile/hb.example\" }; and write the bio below it"
        );
        let complete = "---\nname: Hanna Berg\nrole: Fellow\naffiliation: Elsewhere\nlinks:\n  x: https://x.com/hannaberg\n  Bluesky: https://bsky.app/profile/hb.example\n---\nBio.\n";
        assert_eq!(merge_profile(complete, &author()), ProfileMerge::Complete);
    }
}
