//! The model: the assembled, sorted, immutable `Site` that every page is rendered from.
//!
//! `Site::assemble` takes articles and profiles that were each read on their own and ties
//! them together: it resolves every name to an author, affiliation or topic, rejects two
//! names that would share a URL, and sorts the articles once, by [`article_order`]: every
//! listing is built from that list in its order. Everything after this stage only reads.

pub mod affiliation;
pub mod alias;
pub mod archive;
pub mod article;
pub mod author;
pub mod claims;
pub mod embargo;
pub mod names;
pub mod page;
pub mod related;
pub mod series;
pub mod topic;
pub mod url;

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub use affiliation::Affiliation;
pub use article::{Article, Byline, References};
pub use author::{Author, Profile};
pub use embargo::Embargo;
pub use page::Page;
pub use series::Series;
pub use topic::Topic;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use article::NameAt;
use names::Names;

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
    /// Standalone pages, in [`page::page_order`].
    pub pages: Vec<Page>,
    /// By name; each with its parts in reading order.
    pub series: Vec<Series>,
    /// The moment the site was built for, and the articles its embargo held back.
    pub embargo: Embargo,
}

impl Site {
    /// Ties articles, profiles and pages together into a site. The articles are those the
    /// build publishes: `embargo` only records the moment and what it held back.
    ///
    /// Returns every problem found: two articles or pages with one URL, two names with one
    /// slug, one author twice in a byline, two profiles with one name.
    pub fn assemble(
        config: Config,
        mut articles: Vec<(Article, References)>,
        profiles: Vec<Profile>,
        mut pages: Vec<Page>,
        embargo: Embargo,
    ) -> Result<Site, Diagnostics> {
        articles.sort_by(|(a, _), (b, _)| article_order(a).cmp(&article_order(b)));
        pages.sort_by(|a, b| page::page_order(a).cmp(&page::page_order(b)));
        let mut problems = Vec::new();
        claims::check(articles.iter().map(|(a, _)| a), &pages, &mut problems);
        let profiles = Profiles::index(&profiles, &mut problems);
        let mut names = Claims::new(&profiles);
        let resolved: Vec<ResolvedNames> = articles
            .iter()
            .map(|(article, refs)| names.resolve(article, refs, &profiles, &mut problems))
            .collect();
        let mut parts = series_parts(&articles, &resolved, &mut problems);
        if !problems.is_empty() {
            return Err(problems.into());
        }

        let mut authors = authors(names.authors, &profiles);
        let mut affiliations = terms(names.affiliations, |slug, name| Affiliation {
            url: url::affiliation(&slug),
            name,
            slug,
            articles: Vec::new(),
            authors: Vec::new(),
        });
        let mut topics = terms(names.topics, |slug, name| Topic {
            url: url::topic(&slug),
            name,
            slug,
            articles: Vec::new(),
        });
        let series = terms(names.series, |slug, name| Series {
            url: url::series(&slug),
            articles: parts.remove(&slug).unwrap_or_default(),
            name,
            slug,
        });
        let mut articles: Vec<Article> = articles.into_iter().map(|(a, _)| a).collect();
        for (index, one) in series.iter().enumerate() {
            for &part in &one.articles {
                articles[part].series = Some(index);
            }
        }
        link(
            &mut articles,
            resolved,
            &mut authors,
            &mut affiliations,
            &mut topics,
        );
        current_affiliations(&mut authors, &articles, &affiliations);
        related(&mut articles, &topics, &authors);
        let years = archive::assemble(articles.iter().map(|a| &a.date));
        Ok(Site {
            config,
            articles,
            authors,
            affiliations,
            topics,
            years,
            pages,
            series,
            embargo,
        })
    }

    /// The newest date anywhere on the site (dates and updates), if it has articles.
    pub fn updated(&self) -> Option<&jiff::ZonedDateTime> {
        self.articles.iter().map(Article::modified).max()
    }
}

/// The one order of articles on the site: newest first, ties broken by title, then by
/// path, so two builds of the same input list everything alike.
pub fn article_order(article: &Article) -> (Reverse<jiff::Timestamp>, &str, &Path) {
    (
        Reverse(article.date.timestamp()),
        &article.title,
        &article.path,
    )
}

/// The profiles, by the name they give and by their slug.
struct Profiles<'a> {
    by_name: BTreeMap<&'a str, &'a Profile>,
    by_slug: BTreeMap<&'a str, &'a Profile>,
}

impl<'a> Profiles<'a> {
    /// Indexes `profiles`; two profiles with one name are an error.
    fn index(profiles: &'a [Profile], problems: &mut Vec<Diagnostic>) -> Profiles<'a> {
        let mut by_name: BTreeMap<&str, &Profile> = BTreeMap::new();
        for profile in profiles {
            if let Some(other) = by_name.insert(&profile.name, profile) {
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
        let by_slug = profiles.iter().map(|p| (p.slug.as_str(), p)).collect();
        Profiles { by_name, by_slug }
    }
}

/// One article's names as slugs.
struct ResolvedNames {
    /// (author, affiliation) per byline.
    bylines: Vec<(String, Option<String>)>,
    topics: Vec<String>,
    series: Option<String>,
}

/// The slugs claimed by the names of every kind.
struct Claims<'a> {
    authors: Names<'a>,
    affiliations: Names<'a>,
    topics: Names<'a>,
    series: Names<'a>,
}

impl<'a> Claims<'a> {
    /// Claims, with each profile's slug already taken by its name: a name written as in
    /// its profile finds it.
    fn new(profiles: &Profiles<'a>) -> Claims<'a> {
        let mut authors = Names::new("author");
        for profile in profiles.by_slug.values() {
            authors.reserve(&profile.slug, &profile.name, &profile.path);
        }
        Claims {
            authors,
            affiliations: Names::new("affiliation"),
            topics: Names::new("topic"),
            series: Names::new("series"),
        }
    }

    /// The slugs of one article's names; one author twice in a byline is an error.
    fn resolve(
        &mut self,
        article: &'a Article,
        refs: &References,
        profiles: &Profiles,
        problems: &mut Vec<Diagnostic>,
    ) -> ResolvedNames {
        let path = article.path.as_path();
        let mut bylines: Vec<(String, Option<String>)> = Vec::new();
        for byline in &refs.bylines {
            let slug = match profiles.by_name.get(byline.author.name.as_str()) {
                Some(profile) => profile.slug.clone(),
                None => self.authors.claim(&byline.author, path, problems),
            };
            if bylines.iter().any(|(s, _)| *s == slug) {
                let NameAt { name, place } = &byline.author;
                problems.push(Diagnostic::error(
                    path,
                    place.line,
                    place.column,
                    format!("{name:?} appears twice in the byline"),
                ));
                continue;
            }
            let affiliation = byline
                .affiliation
                .as_ref()
                .map(|a| self.affiliations.claim(a, path, problems));
            bylines.push((slug, affiliation));
        }
        let mut topics: Vec<String> = refs
            .topics
            .iter()
            .map(|t| self.topics.claim(t, path, problems))
            .collect();
        // A topic written twice is one topic, listed where it is first written.
        let mut seen = BTreeSet::new();
        topics.retain(|slug| seen.insert(slug.clone()));
        let series = refs
            .series
            .as_ref()
            .map(|(name, _)| self.series.claim(name, path, problems));
        ResolvedNames {
            bylines,
            topics,
            series,
        }
    }
}

/// The parts of each series, by slug, in reading order (see [`series::order`]).
fn series_parts(
    articles: &[(Article, References)],
    resolved: &[ResolvedNames],
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Vec<usize>> {
    let mut members: BTreeMap<&str, (&str, Vec<series::Member>)> = BTreeMap::new();
    for (index, ((_, refs), names)) in articles.iter().zip(resolved).enumerate() {
        if let (Some(slug), Some((name, part))) = (&names.series, &refs.series) {
            let entry = members.entry(slug).or_insert((&name.name, Vec::new()));
            entry.1.push((index, *part));
        }
    }
    members
        .into_iter()
        .map(|(slug, (name, members))| {
            let path_of = |i: usize| articles[i].0.path.as_path();
            let order = series::order(name, &members, path_of, problems);
            (slug.to_string(), order)
        })
        .collect()
}

/// Every author, with or without a profile, in order of family name.
fn authors(names: Names, profiles: &Profiles) -> Vec<Author> {
    let mut authors: Vec<Author> = names
        .claims
        .into_iter()
        .map(|(slug, (name, _, _))| {
            let profile = profiles.by_slug.get(slug.as_str());
            Author {
                url: url::author(&slug),
                sort_key: author::sort_key(&name, profile.and_then(|p| p.sort_name.as_deref())),
                name_parts: author::name_parts(&name, profile.and_then(|p| p.sort_name.as_deref())),
                role: profile.and_then(|p| p.role.clone()),
                affiliation: profile.and_then(|p| p.affiliation.clone()),
                photo: profile.and_then(|p| p.photo.clone()),
                links: profile.map(|p| p.links.clone()).unwrap_or_default(),
                bio_html: profile.map(|p| p.bio_html.clone()).unwrap_or_default(),
                profile: profile.map(|p| p.path.clone()),
                urls: profile.map(|p| p.urls.clone()).unwrap_or_default(),
                removed: profile.map(|p| p.removed.clone()).unwrap_or_default(),
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
    authors
}

/// Affiliations, topics or series, in order of name, made by `make` from (slug, name).
fn terms<T>(names: Names, mut make: impl FnMut(String, String) -> T) -> Vec<T> {
    names
        .into_sorted()
        .into_iter()
        .map(|(slug, name)| make(slug, name))
        .collect()
}

/// Slug → index in a sorted list.
fn index_of<'a>(slugs: impl Iterator<Item = &'a String>) -> BTreeMap<String, usize> {
    slugs.enumerate().map(|(i, s)| (s.clone(), i)).collect()
}

/// Points articles at their authors, affiliations and topics, and each of those back at
/// their articles, newest first.
fn link(
    articles: &mut [Article],
    resolved: Vec<ResolvedNames>,
    authors: &mut [Author],
    affiliations: &mut [Affiliation],
    topics: &mut [Topic],
) {
    let author_index = index_of(authors.iter().map(|a| &a.slug));
    let affiliation_index = index_of(affiliations.iter().map(|a| &a.slug));
    let topic_index = index_of(topics.iter().map(|t| &t.slug));
    let mut affiliation_authors: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); affiliations.len()];
    let mut author_articles: Vec<Vec<usize>> = vec![Vec::new(); authors.len()];
    for (index, (article, names)) in articles.iter_mut().zip(resolved).enumerate() {
        for (author_slug, affiliation_slug) in names.bylines {
            let author = author_index[&author_slug];
            let affiliation = affiliation_slug.map(|s| affiliation_index[&s]);
            author_articles[author].push(index);
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
        for slug in names.topics {
            let topic = topic_index[&slug];
            topics[topic].articles.push(index);
            article.topics.push(topic);
        }
    }
    for (author, articles_of) in authors.iter_mut().zip(author_articles) {
        author.articles = articles_of;
    }
    for (affiliation, authors_of) in affiliations.iter_mut().zip(affiliation_authors) {
        affiliation.authors = authors_of.into_iter().collect();
    }
}

/// Each article's related pieces (see [`related`]), from the topics' and authors' lists of
/// articles that [`link`] made.
fn related(articles: &mut [Article], topics: &[Topic], authors: &[Author]) {
    let pieces: Vec<related::Piece> = articles
        .iter()
        .map(|a| related::Piece {
            timestamp: a.date.timestamp().as_second(),
            topics: a.topics.clone(),
            authors: a.byline.iter().map(|b| b.author).collect(),
        })
        .collect();
    let topic_articles: Vec<&[usize]> = topics.iter().map(|t| t.articles.as_slice()).collect();
    let author_articles: Vec<&[usize]> = authors.iter().map(|a| a.articles.as_slice()).collect();
    let chosen = related::choose(&pieces, &topic_articles, &author_articles);
    for (article, related) in articles.iter_mut().zip(chosen) {
        article.related = related;
    }
}

/// Without a profile, an author's affiliation is the one on their newest piece. Either
/// way, its page is found here once, not each time the author is shown.
fn current_affiliations(
    authors: &mut [Author],
    articles: &[Article],
    affiliations: &[Affiliation],
) {
    let affiliation_index = index_of(affiliations.iter().map(|a| &a.slug));
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
}
