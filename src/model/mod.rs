//! The model: the assembled, sorted, immutable `Site` that every page is rendered from.
//!
//! `Site::assemble` takes articles and profiles that were each read on their own and ties
//! them together: it resolves every name to an author, affiliation or topic, rejects two
//! names that would share a URL, and sorts every listing once (newest first, then title,
//! then path). Everything after this stage only reads.

pub mod affiliation;
pub mod archive;
pub mod article;
pub mod author;
pub mod topic;
pub mod url;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

pub use affiliation::Affiliation;
pub use article::{Article, Byline, References};
pub use author::{Author, Profile};
pub use topic::Topic;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use article::{NameAt, Place};

/// The whole site, ready to render. Indices in one list point into another.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    /// Newest first; ties broken by title, then path.
    pub articles: Vec<Article>,
    /// By family name.
    pub authors: Vec<Author>,
    /// By name.
    pub affiliations: Vec<Affiliation>,
    /// By name.
    pub topics: Vec<Topic>,
    /// Newest first.
    pub years: Vec<archive::Year>,
}

impl Site {
    /// Ties articles and profiles together into a site.
    ///
    /// Returns every problem found: two articles with one URL, two names with one slug,
    /// one author twice in a byline, two profiles with one name.
    pub fn assemble(
        config: Config,
        mut articles: Vec<(Article, References)>,
        profiles: Vec<Profile>,
    ) -> Result<Site, Vec<Diagnostic>> {
        articles.sort_by(|(a, _), (b, _)| {
            b.date
                .timestamp()
                .cmp(&a.date.timestamp())
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.path.cmp(&b.path))
        });
        let mut problems = Vec::new();
        check_urls(&articles, &mut problems);

        // Authors: profiles first, so a name written as in its profile finds it.
        let mut profile_by_name: BTreeMap<&str, &Profile> = BTreeMap::new();
        let profile_by_slug: BTreeMap<&str, &Profile> =
            profiles.iter().map(|p| (p.slug.as_str(), p)).collect();
        for profile in &profiles {
            if let Some(other) = profile_by_name.insert(&profile.name, profile) {
                problems.push(Diagnostic::error(
                    &profile.path,
                    1,
                    1,
                    format!(
                        "the name {:?} is also the name of {}",
                        profile.name,
                        other.path.display()
                    ),
                ));
            }
        }
        let mut author_names = Names::new("author");
        let mut affiliation_names = Names::new("affiliation");
        let mut topic_names = Names::new("topic");
        for profile in &profiles {
            author_names.claims.insert(
                profile.slug.clone(),
                (
                    profile.name.clone(),
                    profile.path.as_path(),
                    Place { line: 1, column: 1 },
                ),
            );
        }
        // Slugs per article, resolved in one pass; indices follow once every list is sorted.
        let mut resolved: Vec<ResolvedNames> = Vec::with_capacity(articles.len());
        for (article, refs) in &articles {
            let mut bylines = Vec::new();
            for byline in &refs.bylines {
                let slug = match profile_by_name.get(byline.author.name.as_str()) {
                    Some(profile) => profile.slug.clone(),
                    None => author_names.claim(&byline.author, &article.path, &mut problems),
                };
                if bylines
                    .iter()
                    .any(|(s, _): &(String, Option<String>)| *s == slug)
                {
                    let NameAt { name, place } = &byline.author;
                    problems.push(Diagnostic::error(
                        &article.path,
                        place.line,
                        place.column,
                        format!("{name:?} appears twice in the byline"),
                    ));
                    continue;
                }
                let affiliation = byline
                    .affiliation
                    .as_ref()
                    .map(|a| affiliation_names.claim(a, &article.path, &mut problems));
                bylines.push((slug, affiliation));
            }
            let mut topics: Vec<String> = refs
                .topics
                .iter()
                .map(|t| topic_names.claim(t, &article.path, &mut problems))
                .collect();
            topics.dedup();
            resolved.push((bylines, topics));
        }
        if !problems.is_empty() {
            return Err(problems);
        }

        let mut authors: Vec<Author> = author_names
            .claims
            .into_iter()
            .map(|(slug, (name, _, _))| {
                let profile = profile_by_slug.get(slug.as_str());
                Author {
                    url: format!("/authors/{slug}/"),
                    sort_key: author::sort_key(&name, profile.and_then(|p| p.sort_name.as_deref())),
                    role: profile.and_then(|p| p.role.clone()),
                    affiliation: profile.and_then(|p| p.affiliation.clone()),
                    photo: profile.and_then(|p| p.photo.clone()),
                    links: profile.map(|p| p.links.clone()).unwrap_or_default(),
                    bio_html: profile.map(|p| p.bio_html.clone()).unwrap_or_default(),
                    profile: profile.map(|p| p.path.clone()),
                    urls: profile.map(|p| p.urls.clone()).unwrap_or_default(),
                    articles: Vec::new(),
                    affiliation_page: None,
                    slug,
                    name,
                }
            })
            .collect();
        authors.sort_by(|a, b| {
            a.sort_key
                .cmp(&b.sort_key)
                .then_with(|| a.slug.cmp(&b.slug))
        });
        let mut affiliations: Vec<Affiliation> = affiliation_names
            .into_sorted()
            .into_iter()
            .map(|(slug, name)| Affiliation {
                url: format!("/affiliations/{slug}/"),
                name,
                slug,
                articles: Vec::new(),
                authors: Vec::new(),
            })
            .collect();
        let mut topics: Vec<Topic> = topic_names
            .into_sorted()
            .into_iter()
            .map(|(slug, name)| Topic {
                url: format!("/tags/{slug}/"),
                name,
                slug,
                articles: Vec::new(),
            })
            .collect();

        let author_index: BTreeMap<String, usize> = authors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.slug.clone(), i))
            .collect();
        let affiliation_index: BTreeMap<String, usize> = affiliations
            .iter()
            .enumerate()
            .map(|(i, a)| (a.slug.clone(), i))
            .collect();
        let topic_index: BTreeMap<String, usize> = topics
            .iter()
            .enumerate()
            .map(|(i, t)| (t.slug.clone(), i))
            .collect();
        let mut affiliation_authors: Vec<BTreeSet<usize>> =
            vec![BTreeSet::new(); affiliations.len()];

        let mut articles: Vec<Article> = articles.into_iter().map(|(a, _)| a).collect();
        for (index, (article, (bylines, topic_slugs))) in
            articles.iter_mut().zip(resolved).enumerate()
        {
            for (author_slug, affiliation_slug) in bylines {
                let author = author_index[&author_slug];
                let affiliation = affiliation_slug.map(|s| affiliation_index[&s]);
                authors[author].articles.push(index);
                if let Some(a) = affiliation {
                    if affiliations[a].articles.last() != Some(&index) {
                        affiliations[a].articles.push(index);
                    }
                    affiliation_authors[a].insert(author);
                }
                article.byline.push(Byline {
                    author,
                    affiliation,
                });
            }
            for slug in topic_slugs {
                let topic = topic_index[&slug];
                topics[topic].articles.push(index);
                article.topics.push(topic);
            }
        }
        for (affiliation, authors_of) in affiliations.iter_mut().zip(affiliation_authors) {
            affiliation.authors = authors_of.into_iter().collect();
        }
        // Without a profile, an author's affiliation is the one on their newest piece. Either
        // way, its page is found here once, not each time the author is shown.
        for (index, author) in authors.iter_mut().enumerate() {
            if author.affiliation.is_none() {
                author.affiliation = author.articles.first().and_then(|&a| {
                    let byline = articles[a].byline.iter().find(|b| b.author == index)?;
                    byline.affiliation.map(|i| affiliations[i].name.clone())
                });
            }
            author.affiliation_page = author.affiliation.as_deref().and_then(|name| {
                let i = *affiliation_index.get(&url::slugify(name))?;
                (affiliations[i].name == name).then_some(i)
            });
        }
        let years = archive::assemble(articles.iter().map(|a| &a.date));
        Ok(Site {
            config,
            articles,
            authors,
            affiliations,
            topics,
            years,
        })
    }

    /// The newest date anywhere on the site (dates and updates), if it has articles.
    pub fn updated(&self) -> Option<&jiff::ZonedDateTime> {
        self.articles.iter().map(Article::modified).max()
    }
}

/// The order affiliations and topics are listed in.
fn sort_name(name: &str) -> String {
    deunicode::deunicode(name).to_lowercase()
}

fn check_urls(articles: &[(Article, References)], problems: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<&str, &Path> = BTreeMap::new();
    for (article, refs) in articles {
        if let Some(first) = seen.insert(&article.url, &article.path) {
            let place = refs.url_place;
            problems.push(
                Diagnostic::error(
                    &article.path,
                    place.line,
                    place.column,
                    format!("URL {} is also the URL of {}", article.url, first.display()),
                )
                .with_hint("give one of them a different `slug`"),
            );
        }
    }
}

/// One article's names as slugs: (author, affiliation) per byline, then topics.
type ResolvedNames = (Vec<(String, Option<String>)>, Vec<String>);

/// Names of one kind (author, affiliation, topic) and the slugs they claim.
struct Names<'a> {
    kind: &'static str,
    /// Slug → the name that claimed it, and where it was first written.
    claims: BTreeMap<String, (String, &'a Path, Place)>,
    /// Name → slug, so each distinct name is transliterated once, not once per article.
    slugs: HashMap<String, String>,
}

impl<'a> Names<'a> {
    fn new(kind: &'static str) -> Self {
        Names {
            kind,
            claims: BTreeMap::new(),
            slugs: HashMap::new(),
        }
    }

    /// The slug of `name`; an error when a different name already holds that slug.
    fn claim(&mut self, name: &NameAt, path: &'a Path, problems: &mut Vec<Diagnostic>) -> String {
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

    /// (slug, name) pairs in display order.
    fn into_sorted(self) -> Vec<(String, String)> {
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
