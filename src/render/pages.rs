//! Every page of the site as a job, and the rendering of jobs in parallel.
//!
//! A job names its URL, its template and what it lists; its context is built from shared
//! views when it runs. Listings are paginated by slicing the model's sorted index lists, so
//! no page copies the site.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::diagnostic::Diagnostic;
use crate::model::{Site, url};
use crate::render::context::{self, Views};
use crate::render::{Page, Templates, feeds, sitemap};

/// What one page shows.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Home,
    Article(usize),
    Authors,
    Author(usize),
    AuthorFeed(usize),
    Affiliations,
    Affiliation(usize),
    Topics,
    Topic(usize),
    Archive,
    Year(usize),
    Month(usize, usize),
    NotFound,
    Feed,
}

/// A page to render: what it shows, and for listings which page of it.
#[derive(Debug, Clone, Copy)]
struct Job {
    kind: Kind,
    page: usize,
}

/// The `page` value every template sees.
#[derive(Serialize)]
struct PageView<'a> {
    /// Which kind of page: "home", "article", "author", …, for templates and styles.
    kind: &'a str,
    title: String,
    description: String,
    /// Path from the server root, e.g. `/authors/`.
    url: String,
    /// Absolute URL, for canonical links.
    permalink: String,
    /// The navigation section this page belongs to, for `aria-current`.
    section: &'a str,
}

/// A listing's place among its pages.
#[derive(Serialize)]
struct PaginationView {
    current: usize,
    total: usize,
    first_url: String,
    last_url: String,
    previous_url: Option<String>,
    next_url: Option<String>,
}

/// Renders every page, feed and crawler file.
pub fn render_all(site: &Site, templates: &Templates) -> Result<Vec<Page>, Vec<Diagnostic>> {
    let views = Views::new(site);
    let site_value = views.site_value();
    let jobs = jobs(site);
    let results: Vec<Result<Page, Diagnostic>> = jobs
        .par_iter()
        .map(|job| render_job(*job, site, &views, &site_value, templates))
        .collect();
    let mut pages = Vec::with_capacity(results.len() + 2);
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(page) => pages.push(page),
            Err(d) => problems.push(d),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    pages.push(sitemap::sitemap(site, &pages));
    pages.push(sitemap::robots(site));
    Ok(pages)
}

fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

/// Every page of the site, in a fixed order.
fn jobs(site: &Site) -> Vec<Job> {
    let per_page = site.config.per_page;
    let mut jobs = Vec::new();
    let mut listing = |kind: Kind, items: usize| {
        for page in 1..=page_count(items, per_page) {
            jobs.push(Job { kind, page });
        }
    };
    listing(Kind::Home, site.articles.len());
    for (i, author) in site.authors.iter().enumerate() {
        listing(Kind::Author(i), author.articles.len());
    }
    for (i, affiliation) in site.affiliations.iter().enumerate() {
        listing(Kind::Affiliation(i), affiliation.articles.len());
    }
    for (i, topic) in site.topics.iter().enumerate() {
        listing(Kind::Topic(i), topic.articles.len());
    }
    let single = [
        Kind::Authors,
        Kind::Affiliations,
        Kind::Topics,
        Kind::Archive,
        Kind::NotFound,
        Kind::Feed,
    ];
    jobs.extend(single.into_iter().map(|kind| Job { kind, page: 1 }));
    jobs.extend((0..site.articles.len()).map(|i| Job {
        kind: Kind::Article(i),
        page: 1,
    }));
    jobs.extend((0..site.authors.len()).map(|i| Job {
        kind: Kind::AuthorFeed(i),
        page: 1,
    }));
    for (y, year) in site.years.iter().enumerate() {
        jobs.push(Job {
            kind: Kind::Year(y),
            page: 1,
        });
        jobs.extend((0..year.months.len()).map(|m| Job {
            kind: Kind::Month(y, m),
            page: 1,
        }));
    }
    jobs
}

fn render_job(
    job: Job,
    site: &Site,
    views: &Views,
    site_value: &Value,
    templates: &Templates,
) -> Result<Page, Diagnostic> {
    let config = &site.config;
    let mut ctx = Context::new();
    ctx.insert_value("site", site_value.clone());
    let mut source: PathBuf = PathBuf::new();
    let cards = |indices: &[usize]| -> Value {
        Value::from(
            indices
                .iter()
                .map(|&i| views.cards[i].clone())
                .collect::<Vec<Value>>(),
        )
    };
    // A listing: set `articles` and `pagination` for page `job.page` of `indices` at `base`.
    let paginate = |ctx: &mut Context, base: &str, indices: &[usize]| -> String {
        let per_page = config.per_page;
        let total = page_count(indices.len(), per_page);
        let start = ((job.page - 1) * per_page).min(indices.len());
        let end = (start + per_page).min(indices.len());
        ctx.insert_value("articles", cards(&indices[start..end]));
        let pagination = PaginationView {
            current: job.page,
            total,
            first_url: views.link(base),
            last_url: views.link(&url::page_url(base, total)),
            previous_url: (job.page > 1).then(|| views.link(&url::page_url(base, job.page - 1))),
            next_url: (job.page < total).then(|| views.link(&url::page_url(base, job.page + 1))),
        };
        ctx.insert("pagination", &pagination);
        url::page_url(base, job.page)
    };
    let paged_title = |title: String| {
        if job.page > 1 {
            format!("{title} (page {})", job.page)
        } else {
            title
        }
    };

    let (template, page_url, kind, section, title, description): (
        &str,
        String,
        &str,
        &str,
        String,
        String,
    ) = match job.kind {
        Kind::Home => {
            let all: Vec<usize> = (0..site.articles.len()).collect();
            let u = paginate(&mut ctx, "/", &all);
            (
                "index.html",
                u,
                "home",
                "home",
                paged_title(config.title.clone()),
                config.description.clone(),
            )
        }
        Kind::Article(i) => {
            let article = &site.articles[i];
            source = article.path.clone();
            ctx.insert_value("article", views.article(i));
            (
                "article.html",
                article.url.clone(),
                "article",
                "",
                article.title.clone(),
                article.summary.clone(),
            )
        }
        Kind::Authors => {
            let authors: Vec<_> = (0..site.authors.len()).map(|i| views.author(i)).collect();
            ctx.insert("authors", &authors);
            (
                "authors.html",
                "/authors/".into(),
                "authors",
                "authors",
                "Authors".into(),
                format!("Everyone who writes for {}.", config.title),
            )
        }
        Kind::Author(i) => {
            let author = &site.authors[i];
            source = author.profile.clone().unwrap_or_default();
            ctx.insert("author", &views.author(i));
            let u = paginate(&mut ctx, &author.url, &author.articles);
            let description = match (&author.role, &author.affiliation) {
                (Some(role), Some(aff)) => format!("{}, {role}, {aff}.", author.name),
                (Some(role), None) => format!("{}, {role}.", author.name),
                _ => format!("Commentary by {}.", author.name),
            };
            (
                "author.html",
                u,
                "author",
                "authors",
                paged_title(author.name.clone()),
                description,
            )
        }
        Kind::AuthorFeed(i) => {
            let author = &site.authors[i];
            source = author.profile.clone().unwrap_or_default();
            let feed = feeds::author_feed(site, views, i);
            ctx.insert_value("feed", feed);
            (
                "atom.xml",
                format!("{}atom.xml", author.url),
                "feed",
                "",
                author.name.clone(),
                String::new(),
            )
        }
        Kind::Feed => {
            ctx.insert_value("feed", feeds::site_feed(site, views));
            (
                "atom.xml",
                "/atom.xml".into(),
                "feed",
                "",
                config.title.clone(),
                String::new(),
            )
        }
        Kind::Affiliations => {
            let all: Vec<_> = (0..site.affiliations.len())
                .map(|i| views.affiliation(i))
                .collect();
            ctx.insert("affiliations", &all);
            (
                "affiliations.html",
                "/affiliations/".into(),
                "affiliations",
                "affiliations",
                "Affiliations".into(),
                format!("The institutions {}'s authors write from.", config.title),
            )
        }
        Kind::Affiliation(i) => {
            let affiliation = &site.affiliations[i];
            ctx.insert("affiliation", &views.affiliation(i));
            let authors: Vec<_> = affiliation
                .authors
                .iter()
                .map(|&a| views.author(a))
                .collect();
            ctx.insert("authors", &authors);
            let u = paginate(&mut ctx, &affiliation.url, &affiliation.articles);
            (
                "affiliation.html",
                u,
                "affiliation",
                "affiliations",
                paged_title(affiliation.name.clone()),
                format!("Commentary written at {}.", affiliation.name),
            )
        }
        Kind::Topics => {
            let all: Vec<_> = (0..site.topics.len()).map(|i| views.topic(i)).collect();
            ctx.insert("topics", &all);
            (
                "topics.html",
                "/tags/".into(),
                "topics",
                "topics",
                "Topics".into(),
                format!("Every topic {} covers.", config.title),
            )
        }
        Kind::Topic(i) => {
            let topic = &site.topics[i];
            ctx.insert("topic", &views.topic(i));
            let u = paginate(&mut ctx, &topic.url, &topic.articles);
            (
                "topic.html",
                u,
                "topic",
                "topics",
                paged_title(topic.name.clone()),
                format!("Commentary on {}.", topic.name),
            )
        }
        Kind::Archive => {
            let years: Vec<_> = site
                .years
                .iter()
                .map(|y| context::year_view(y, views))
                .collect();
            ctx.insert("years", &years);
            (
                "archive.html",
                "/archive/".into(),
                "archive",
                "archive",
                "Archive".into(),
                format!(
                    "Every piece {} has published, by year and month.",
                    config.title
                ),
            )
        }
        Kind::Year(y) => {
            let year = &site.years[y];
            let months: Vec<Value> = year
                .months
                .iter()
                .map(|m| {
                    with_field(
                        Value::from_serializable(&context::month_view(m, views)),
                        "articles",
                        cards(&m.articles),
                    )
                })
                .collect();
            let value = with_field(
                Value::from_serializable(&context::year_view(year, views)),
                "months",
                Value::from(months),
            );
            ctx.insert_value("year", value);
            let older = site
                .years
                .get(y + 1)
                .map(|p| period(views, &format!("{:04}", p.year), &p.url));
            let newer = y.checked_sub(1).map(|n| {
                period(
                    views,
                    &format!("{:04}", site.years[n].year),
                    &site.years[n].url,
                )
            });
            ctx.insert("previous", &older);
            ctx.insert("next", &newer);
            let name = format!("{:04}", year.year);
            (
                "year.html",
                year.url.clone(),
                "year",
                "archive",
                name.clone(),
                format!("Commentary published in {name}."),
            )
        }
        Kind::Month(y, m) => {
            let year = &site.years[y];
            let month = &year.months[m];
            ctx.insert("month", &context::month_view(month, views));
            ctx.insert_value("articles", cards(&month.articles));
            // Months in one flat list, newest first, for the neighbours.
            let flat: Vec<&crate::model::archive::Month> =
                site.years.iter().flat_map(|y| y.months.iter()).collect();
            let position = flat.iter().position(|x| x.url == month.url).unwrap_or(0);
            let label = |x: &crate::model::archive::Month| {
                format!(
                    "{} {:04}",
                    crate::model::archive::month_name(x.month),
                    x.year
                )
            };
            let older = flat
                .get(position + 1)
                .map(|p| period(views, &label(p), &p.url));
            let newer = position
                .checked_sub(1)
                .map(|n| period(views, &label(flat[n]), &flat[n].url));
            ctx.insert("previous", &older);
            ctx.insert("next", &newer);
            let title = label(month);
            (
                "month.html",
                month.url.clone(),
                "month",
                "archive",
                title.clone(),
                format!("Commentary published in {title}."),
            )
        }
        Kind::NotFound => (
            "404.html",
            "/404.html".into(),
            "not-found",
            "",
            "Page not found".into(),
            "There is no page at this address.".into(),
        ),
    };
    let page = PageView {
        kind,
        permalink: config.absolute_url(&page_url),
        url: views.link(&page_url),
        section,
        title,
        description,
    };
    ctx.insert("page", &page);
    if source.as_os_str().is_empty() {
        source = Path::new("templates").join(template);
    }
    let bytes = templates
        .tera
        .render(template, &ctx)
        .map_err(|e| templates.diagnostic(&e, template))?;
    Ok(Page {
        url: page_url,
        bytes: bytes.into_bytes(),
        source,
    })
}

fn period(views: &Views, name: &str, url: &str) -> serde_json::Value {
    serde_json::json!({ "name": name, "url": views.link(url) })
}

/// A map value with one more field.
fn with_field(value: Value, key: &'static str, extra: Value) -> Value {
    let mut map: std::collections::BTreeMap<tera::value::Key<'static>, Value> = value
        .as_map()
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default();
    map.insert(tera::value::Key::from(key), extra);
    Value::from(map)
}
