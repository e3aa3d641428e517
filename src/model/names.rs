//! Names and the slugs they claim: two different names of one kind (authors, affiliations
//! or topics) may not share a URL slug, and a name written in many articles is
//! transliterated once.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::model::article::{NameAt, Place};
use crate::model::url;

/// Names of one kind (author, affiliation, topic) and the slugs they claim.
pub struct Names<'a> {
    kind: &'static str,
    /// Slug → the name that claimed it, and where it was first written.
    pub claims: BTreeMap<String, (String, &'a Path, Place)>,
    /// Name → slug, so each distinct name is transliterated once, not once per article.
    slugs: HashMap<String, String>,
}

impl<'a> Names<'a> {
    pub fn new(kind: &'static str) -> Self {
        Names {
            kind,
            claims: BTreeMap::new(),
            slugs: HashMap::new(),
        }
    }

    /// Claims `slug` for `name` outright: a profile's file name is its author's slug.
    pub fn reserve(&mut self, slug: &str, name: &str, path: &'a Path) {
        self.claims.insert(
            slug.to_string(),
            (name.to_string(), path, Place { line: 1, column: 1 }),
        );
    }

    /// The slug of `name`; an error when a different name already holds that slug.
    pub fn claim(
        &mut self,
        name: &NameAt,
        path: &'a Path,
        problems: &mut Vec<Diagnostic>,
    ) -> String {
        let slug = match self.slugs.get(&name.name) {
            Some(slug) => slug.clone(),
            None => {
                let slug = url::slugify(&name.name);
                self.slugs.insert(name.name.clone(), slug.clone());
                slug
            }
        };
        match self.claims.get(&slug) {
            Some((other, other_path, other_place)) if *other != name.name => {
                problems.push(
                    Diagnostic::error(
                        path,
                        name.place.line,
                        name.place.column,
                        format!(
                            "{} {:?} and {:?} ({}:{}:{}) would share the URL slug `{slug}`",
                            self.kind,
                            name.name,
                            other,
                            other_path.display(),
                            other_place.line,
                            other_place.column
                        ),
                    )
                    .with_hint(format!(
                        "write the {} the same way in both places",
                        self.kind
                    )),
                );
            }
            Some(_) => {}
            None => {
                self.claims
                    .insert(slug.clone(), (name.name.clone(), path, name.place));
            }
        }
        slug
    }

    /// (slug, name) pairs in display order: by name, transliterated and lowercased.
    pub fn into_sorted(self) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = self
            .claims
            .into_iter()
            .map(|(slug, (name, _, _))| (slug, name))
            .collect();
        pairs.sort_by(|a, b| {
            sort_name(&a.1)
                .cmp(&sort_name(&b.1))
                .then_with(|| a.0.cmp(&b.0))
        });
        pairs
    }
}

/// The order affiliations and topics are listed in.
fn sort_name(name: &str) -> String {
    deunicode::deunicode(name).to_lowercase()
}
