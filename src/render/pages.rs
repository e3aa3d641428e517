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
use crate::model::{Site, archive, url};
use crate::render::context::{self, Views};
use crate::render::{Sink, Templates, feeds};

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
pub struct Job {
    kind: Kind,
    page: usize,
}

impl Job {
    /// The site path the page is written at.
    pub fn url(&self, site: &Site) -> String {
        let listing = |base: &str| url::page_url(base, self.page);
        match self.kind {
            Kind::Home => listing(&url::home()),
            Kind::Article(i) => site.articles[i].url.clone(),
            Kind::Authors => url::authors(),
            Kind::Author(i) => listing(&site.authors[i].url),
            Kind::AuthorFeed(i) => url::feed_of(&site.authors[i].url),
            Kind::Affiliations => url::affiliations(),
            Kind::Affiliation(i) => listing(&site.affiliations[i].url),
            Kind::Topics => url::topics(),
            Kind::Topic(i) => listing(&site.topics[i].url),
            Kind::Archive => url::archive(),
            Kind::Year(y) => site.years[y].url.clone(),
            Kind::Month(y, m) => site.years[y].months[m].url.clone(),
            Kind::NotFound => url::not_found(),
            Kind::Feed => url::site_feed(),
        }
    }

    /// The file that makes this page exist, for messages: the article or profile, or else
    /// the template.
    pub fn source(&self, site: &Site) -> PathBuf {
        match self.kind {
            Kind::Article(i) => site.articles[i].path.clone(),
            Kind::Author(i) | Kind::AuthorFeed(i) => site.authors[i]
                .profile
                .clone()
                .unwrap_or_else(|| site.articles[site.authors[i].articles[0]].path.clone()),
            _ => Path::new("templates").join(self.template()),
        }
    }

    fn template(&self) -> &'static str {
        match self.kind {
            Kind::Home => "index.html",
            Kind::Article(_) => "article.html",
            Kind::Authors => "authors.html",
            Kind::Author(_) => "author.html",
            Kind::AuthorFeed(_) | Kind::Feed => "atom.xml",
            Kind::Affiliations => "affiliations.html",
            Kind::Affiliation(_) => "affiliation.html",
            Kind::Topics => "topics.html",
            Kind::Topic(_) => "topic.html",
            Kind::Archive => "archive.html",
            Kind::Year(_) => "year.html",
            Kind::Month(..) => "month.html",
            Kind::NotFound => "404.html",
        }
    }
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

/// Renders `jobs` into `sink`: every page of the site, or (in a preview) a few of them.
pub fn render_all(
    site: &Site,
    templates: &Templates,
    jobs: &[Job],
    sink: &dyn Sink,
) -> anyhow::Result<Result<(), Vec<Diagnostic>>> {
    let views = Views::new(site);
    let site_value = views.site_value();
    let results: Vec<anyhow::Result<Result<(), Diagnostic>>> = jobs
        .par_iter()
        .map(|job| {
            let page_url = job.url(site);
            match render_job(*job, &page_url, site, &views, &site_value, templates) {
                Ok(bytes) => sink.put(&url::output_path(&page_url), bytes).map(Ok),
                Err(d) => Ok(Err(d)),
            }
        })
        .collect();
    let mut problems = Vec::new();
    for result in results {
        if let Err(d) = result? {
            problems.push(d);
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    Ok(Ok(()))
}

fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

/// Every page of the site, in a fixed order.
pub fn jobs(site: &Site) -> Vec<Job> {
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
    page_url: &str,
    site: &Site,
    views: &Views,
    site_value: &Value,
    templates: &Templates,
) -> Result<Vec<u8>, Diagnostic> {
    let config = &site.config;
    let template = job.template();
    let mut ctx = Context::new();
    ctx.insert_value("site", site_value.clone());
    let cards = |indices: &[usize]| {
        Value::from(
            indices
                .iter()
                .map(|&i| views.card_value(i))
                .collect::<Vec<Value>>(),
        )
    };
    // A listing: `articles` and `pagination` for page `job.page` of `indices` at `base`.
    let paginate = |ctx: &mut Context, base: &str, indices: &[usize]| {
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
    };
    let paged = |title: String| {
        if job.page > 1 {
            format!("{title} (page {})", job.page)
        } else {
            title
        }
    };
    let (kind, section, title, description): (&str, &str, String, String) = match job.kind {
        Kind::Home => {
            let all: Vec<usize> = (0..site.articles.len()).collect();
            paginate(&mut ctx, &url::home(), &all);
            (
                "home",
                "home",
                paged(config.title.clone()),
                config.description.clone(),
            )
        }
        Kind::Article(i) => {
            let article = &site.articles[i];
            ctx.insert_value("article", views.article(i));
            (
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
                "authors",
                "authors",
                "Authors".into(),
                format!("Everyone who writes for {}.", config.title),
            )
        }
        Kind::Author(i) => {
            let author = &site.authors[i];
            ctx.insert("author", &views.author(i));
            paginate(&mut ctx, &author.url, &author.articles);
            let description = match (&author.role, &author.affiliation) {
                (Some(role), Some(aff)) => format!("{}, {role}, {aff}.", author.name),
                (Some(role), None) => format!("{}, {role}.", author.name),
                _ => format!("Commentary by {}.", author.name),
            };
            ("author", "authors", paged(author.name.clone()), description)
        }
        Kind::AuthorFeed(i) => {
            ctx.insert_value("feed", feeds::author_feed(site, i));
            ("feed", "", site.authors[i].name.clone(), String::new())
        }
        Kind::Feed => {
            ctx.insert_value("feed", feeds::site_feed(site));
            ("feed", "", config.title.clone(), String::new())
        }
        Kind::Affiliations => {
            let all: Vec<_> = (0..site.affiliations.len())
                .map(|i| views.affiliation(i))
                .collect();
            ctx.insert("affiliations", &all);
            (
                "affiliations",
                "affiliations",
                "Affiliations".into(),
                format!("The institutions {}'s authors write from.", config.title),
            )
        }
        Kind::Affiliation(i) => {
            let affiliation = &site.affiliations[i];
            ctx.insert("affiliation", &views.affiliation(i));
            ctx.insert_value("authors", views.affiliation_authors[i].clone());
            paginate(&mut ctx, &affiliation.url, &affiliation.articles);
            (
                "affiliation",
                "affiliations",
                paged(affiliation.name.clone()),
                format!("Commentary written at {}.", affiliation.name),
            )
        }
        Kind::Topics => {
            let all: Vec<_> = (0..site.topics.len()).map(|i| views.topic(i)).collect();
            ctx.insert("topics", &all);
            (
                "topics",
                "topics",
                "Topics".into(),
                format!("Every topic {} covers.", config.title),
            )
        }
        Kind::Topic(i) => {
            let topic = &site.topics[i];
            ctx.insert("topic", &views.topic(i));
            paginate(&mut ctx, &topic.url, &topic.articles);
            (
                "topic",
                "topics",
                paged(topic.name.clone()),
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
            ctx.insert_value(
                "year",
                with_field(
                    Value::from_serializable(&context::year_view(year, views)),
                    "months",
                    Value::from(months),
                ),
            );
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
                "year",
                "archive",
                name.clone(),
                format!("Commentary published in {name}."),
            )
        }
        Kind::Month(y, m) => {
            let month = &site.years[y].months[m];
            ctx.insert("month", &context::month_view(month, views));
            ctx.insert_value("articles", cards(&month.articles));
            // The neighbours come from all months in one list, newest first.
            let flat: Vec<&archive::Month> =
                site.years.iter().flat_map(|y| y.months.iter()).collect();
            let position = flat.iter().position(|x| x.url == month.url).unwrap_or(0);
            let label =
                |x: &archive::Month| format!("{} {:04}", archive::month_name(x.month), x.year);
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
                "month",
                "archive",
                title.clone(),
                format!("Commentary published in {title}."),
            )
        }
        Kind::NotFound => (
            "not-found",
            "",
            "Page not found".into(),
            "There is no page at this address.".into(),
        ),
    };
    let page = PageView {
        kind,
        permalink: config.absolute_url(page_url),
        url: views.link(page_url),
        section,
        title,
        description,
    };
    ctx.insert("page", &page);
    let html = templates
        .tera
        .render(template, &ctx)
        .map_err(|e| templates.diagnostic(&e, template))?;
    Ok(html.into_bytes())
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
