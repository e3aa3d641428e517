//! Authors: profiles read from `content/authors/<slug>.md`, and the sort order of names.
//!
//! An author is known by slug. A profile's slug is its file name; an author named in an
//! article without a profile gets the slug of the name. Which articles an author wrote is
//! filled in by `Site::assemble`.

use std::path::PathBuf;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::front_matter;
use crate::markdown::{self, Destination};
use crate::model::url;
use crate::sanitize::Removal;
use crate::source::SourceFile;

/// An author profile as read from its file.
#[derive(Debug, Clone)]
pub struct Profile {
    pub path: PathBuf,
    pub slug: String,
    pub name: String,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub photo: Option<String>,
    pub links: Vec<(String, String)>,
    pub sort_name: Option<String>,
    pub bio_html: String,
    /// Every URL the profile writes (photo, links, and the bio's links and images), with
    /// its byte offset into the profile's file.
    pub urls: Vec<Destination>,
    /// What cleaning took out of the bio's raw HTML, at byte offsets into the file.
    pub removed: Vec<Removal>,
}

impl Profile {
    /// Reads a profile; its bio's raw HTML is cleaned as an article's is, by `config`'s
    /// rules. Its file name must already be a slug (`jane-doe.md`), since it becomes the
    /// author's URL.
    pub fn read(file: &SourceFile, config: &Config) -> Result<Profile, Diagnostics> {
        let (meta, split) = front_matter::parse_profile(&file.path, &file.text)?;
        let stem = file
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if url::slugify(&stem) != stem {
            return Err(Diagnostic::error(
                &file.path,
                1,
                1,
                format!("profile file name `{stem}` is not a slug"),
            )
            .with_hint(format!(
                "rename it to `{}.md`",
                url::slugify(
                    meta.name
                        .as_ref()
                        .map_or(stem.as_str(), |n| n.value.as_str())
                )
            ))
            .into());
        }
        let Some(name) = meta.name else {
            return Err(Diagnostics::new());
        };
        let bio = if split.body.trim().is_empty() {
            markdown::Rendered::default()
        } else {
            markdown::render(split.body, &config.embed_hosts)
        };
        let written = |field: &front_matter::Field<String>| Destination {
            url: field.value.clone(),
            offset: field.offset,
        };
        let urls = (meta.photo.iter().map(written))
            .chain(meta.links.iter().map(|(_, url)| written(url)))
            .chain(bio.destinations.into_iter().map(|d| Destination {
                url: d.url,
                offset: split.body_offset + d.offset,
            }))
            .collect();
        Ok(Profile {
            path: file.path.clone(),
            slug: stem,
            name: name.value,
            role: meta.role,
            affiliation: meta.affiliation,
            photo: meta.photo.map(|p| p.value),
            links: meta
                .links
                .into_iter()
                .map(|(label, url)| (label, url.value))
                .collect(),
            sort_name: meta.sort_name,
            bio_html: bio.html,
            urls,
            removed: bio
                .removed
                .into_iter()
                .map(|r| Removal {
                    offset: split.body_offset + r.offset,
                    ..r
                })
                .collect(),
        })
    }
}

/// An author of the site, with or without a profile.
#[derive(Debug, Clone)]
pub struct Author {
    pub slug: String,
    pub name: String,
    pub url: String,
    /// Lowercase ASCII key putting authors in order of family name.
    pub sort_key: String,
    pub role: Option<String>,
    /// The current affiliation: the profile's, or else the one on the author's newest piece.
    pub affiliation: Option<String>,
    /// Index into `Site::affiliations` of the current affiliation, when a piece was written
    /// under it (and so it has a page).
    pub affiliation_page: Option<usize>,
    pub photo: Option<String>,
    pub links: Vec<(String, String)>,
    /// The bio as HTML; empty without a profile.
    pub bio_html: String,
    /// The profile file, if there is one.
    pub profile: Option<PathBuf>,
    /// Every URL the profile writes, and where (see `Profile::urls`).
    pub urls: Vec<Destination>,
    /// What cleaning took out of the bio (see `Profile::removed`).
    pub removed: Vec<Removal>,
    /// Indices into `Site::articles`, newest first.
    pub articles: Vec<usize>,
    /// The name split for citations.
    pub name_parts: NameParts,
}

/// Words that belong to a family name but are not where it sorts: "van" in "Ludwig van
/// Beethoven", "al-" in "Ḥasan al-Amin".
const PARTICLES: &[&str] = &[
    "da", "das", "de", "del", "della", "der", "di", "do", "dos", "du", "la", "le", "ten", "ter",
    "van", "von", "bin", "ibn",
];

/// The key authors sort by: the family name first, transliterated and lowercased.
///
/// A written `sort_name` wins. Names in scripts that put the family name first and use no
/// spaces (Chinese, Japanese, Korean) sort as written.
pub fn sort_key(name: &str, sort_name: Option<&str>) -> String {
    let ascii = |s: &str| {
        deunicode::deunicode(s)
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    if let Some(sort_name) = sort_name {
        return format!("{}\u{0}{}", ascii(sort_name), name);
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return format!("{}\u{0}{}", ascii(name), name);
    }
    let family_start = family_start(&words);
    let family: Vec<&str> = words[family_start..]
        .iter()
        .copied()
        .filter(|w| !PARTICLES.contains(&w.to_lowercase().as_str()))
        .collect();
    let family = family.join(" ");
    let family = strip_article_prefix(&family);
    let given = words[..family_start].join(" ");
    format!("{} {}\u{0}{}", ascii(family), ascii(&given), name)
}

/// Where the family name starts among a name's words (at least two): at the last word,
/// or before the particles in front of it ("van der Berg"), leaving at least one given
/// name.
fn family_start(words: &[&str]) -> usize {
    let mut start = words.len() - 1;
    while start > 1 && PARTICLES.contains(&words[start - 1].to_lowercase().as_str()) {
        start -= 1;
    }
    start
}

/// A name as a citation writes it: given names, and the family name with its particles
/// kept ("van der Berg", "de la Cruz", "al-Amin").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameParts {
    /// Empty for a name of one word, or one written without spaces (王小明).
    pub given: String,
    pub family: String,
}

/// Splits a name for citations. A `sort_name` written "Family, Given" says where, for the
/// names the rule cannot know ("Nguyen, Thi Lan"); otherwise the family name is the last
/// word with the particles before it, as for sorting.
pub fn name_parts(name: &str, sort_name: Option<&str>) -> NameParts {
    if let Some((family, given)) = sort_name.and_then(|s| s.split_once(','))
        && !family.trim().is_empty()
    {
        return NameParts {
            given: given.trim().to_string(),
            family: family.trim().to_string(),
        };
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return NameParts {
            given: String::new(),
            family: name.to_string(),
        };
    }
    let start = family_start(&words);
    NameParts {
        given: words[..start].join(" "),
        family: words[start..].join(" "),
    }
}

/// "al-Amin" sorts under A for Amin; so do "el-", "ad-", "as-" and "at-".
fn strip_article_prefix(family: &str) -> &str {
    for prefix in [
        "al-", "Al-", "el-", "El-", "ad-", "as-", "at-", "an-", "ar-", "az-",
    ] {
        if let Some(rest) = family.strip_prefix(prefix)
            && !rest.is_empty()
        {
            return rest;
        }
    }
    family
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_by_family_name() {
        let mut names = vec![
            "Zoë Ångström",
            "Ḥasan al-Amin",
            "王小明",
            "Ludwig van Beethoven",
            "Jane Doe",
            "Mary Ann Zimmer",
            "Plato",
        ];
        names.sort_by_key(|n| sort_key(n, None));
        assert_eq!(
            names,
            [
                "Ḥasan al-Amin",
                "Zoë Ångström",
                "Ludwig van Beethoven",
                "Jane Doe",
                "Plato",
                "王小明",
                "Mary Ann Zimmer"
            ]
        );
    }

    #[test]
    fn citations_keep_particles_with_the_family_name() {
        for (name, sort_name, given, family) in [
            ("Anna van der Berg", None, "Anna", "van der Berg"),
            ("José de la Cruz", None, "José", "de la Cruz"),
            ("Ḥasan al-Amin", None, "Ḥasan", "al-Amin"),
            ("Zoë Ångström", None, "Zoë", "Ångström"),
            ("Mary Ann Zimmer", None, "Mary Ann", "Zimmer"),
            ("Plato", None, "", "Plato"),
            ("王小明", None, "", "王小明"),
            (
                "Nguyen Thi Lan",
                Some("Nguyen, Thi Lan"),
                "Thi Lan",
                "Nguyen",
            ),
            ("Kim Jae-won", Some("Kim Jae-won"), "Kim", "Jae-won"),
        ] {
            assert_eq!(
                name_parts(name, sort_name),
                NameParts {
                    given: given.into(),
                    family: family.into()
                },
                "{name}"
            );
        }
    }

    #[test]
    fn sort_name_overrides() {
        assert!(sort_key("Kim Jae-won", Some("Kim Jae-won")) < sort_key("Jane Lee", None));
    }

    #[test]
    fn profile_file_names_must_be_slugs() {
        let file = SourceFile {
            path: "content/authors/Jane Doe.md".into(),
            text: "+++\nname = \"Jane Doe\"\n+++\n".into(),
        };
        let errors = Profile::read(&file, &Config::default()).unwrap_err();
        assert!(
            errors
                .iter()
                .next()
                .unwrap()
                .hint
                .as_deref()
                .unwrap()
                .contains("jane-doe.md")
        );
        let file = SourceFile {
            path: "content/authors/jane-doe.md".into(),
            text: "+++\nname = \"Jane Doe\"\nrole = \"Fellow\"\n+++\nShe *writes*.\n".into(),
        };
        let profile = Profile::read(&file, &Config::default()).unwrap();
        assert_eq!(profile.slug, "jane-doe");
        assert_eq!(profile.bio_html, "<p>She <em>writes</em>.</p>\n");
    }
}
