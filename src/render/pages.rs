//! Every page of the site as a job, what each kind of page shows, and the rendering of jobs
//! in parallel.
//!
//! A job names its kind and, for listings, which page of it. Each kind has one function
//! here that returns what its template sees, as a typed view built from shared views;
//! [`Renderer`] adds the `site` and `page` values every template sees and renders it.
//! Listings are paginated by slicing the model's sorted index lists, so no page copies the
//! site. A new kind of page is a new [`Kind`], its URL in `model::url`, its template in
//! `templates.rs`, and one function here.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::diagnostic::{Diagnostic, Diagnostics, Failure};
use crate::model::claims::Origin;
use crate::model::url::{self, LinkStyle};
use crate::model::{Site, archive};
use crate::render::cite;
use crate::render::context::{
    ArticleView, AuthorView, MonthView, PeriodView, SeriesView, StandaloneView, TermView, Views,
    YearView,
};
use crate::render::feeds::{self, FeedView};
use crate::render::files::{File, FileKind, Sink};
use crate::render::templates::Templates;

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
    AffiliationFeed(usize),
    Topics,
    Topic(usize),
    TopicFeed(usize),
    Archive,
    Year(usize),
    Month(usize, usize),
    NotFound,
    Feed,
    /// A standalone page (issue 12).
    Standalone(usize),
    /// The index of every series, and one series (issue 13).
    SeriesIndex,
    Series(usize),
    /// An article's citation files (issue 13), made by `cite` rather than a template.
    CiteBib(usize),
    CiteRis(usize),
    Search,
    /// The redirect page at an old URL (issue 12): alias `.1` of article or page `.0`.
    ArticleAlias(usize, usize),
    PageAlias(usize, usize),
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
        let listing = |first: &str| url::page_url(first, self.page);
        match self.kind {
            Kind::Home => listing(&url::home()),
            Kind::Article(i) => site.articles[i].url.clone(),
            Kind::Authors => url::authors(),
            Kind::Author(i) => listing(&site.authors[i].url),
            Kind::AuthorFeed(i) => url::feed_of(&site.authors[i].url),
            Kind::Affiliations => url::affiliations(),
            Kind::Affiliation(i) => listing(&site.affiliations[i].url),
            Kind::AffiliationFeed(i) => url::feed_of(&site.affiliations[i].url),
            Kind::Topics => url::topics(),
            Kind::Topic(i) => listing(&site.topics[i].url),
            Kind::TopicFeed(i) => url::feed_of(&site.topics[i].url),
            Kind::Archive => url::archive(),
            Kind::Year(y) => site.years[y].url.clone(),
            Kind::Month(y, m) => site.years[y].months[m].url.clone(),
            Kind::NotFound => url::not_found(),
            Kind::Feed => url::site_feed(),
            Kind::Standalone(i) => site.pages[i].url.clone(),
            Kind::SeriesIndex => url::series_index(),
            Kind::Series(i) => site.series[i].url.clone(),
            Kind::CiteBib(i) => url::cite_bib(&site.articles[i].url),
            Kind::CiteRis(i) => url::cite_ris(&site.articles[i].url),
            Kind::ArticleAlias(i, a) => site.articles[i].aliases[a].url.clone(),
            Kind::PageAlias(i, a) => site.pages[i].aliases[a].url.clone(),
            Kind::Search => url::search(),
        }
    }

    /// The file that makes this page exist, for messages: the article, page or profile, or
    /// else the template.
    pub fn source(&self, site: &Site) -> PathBuf {
        match self.kind {
            Kind::Article(i) | Kind::CiteBib(i) | Kind::CiteRis(i) | Kind::ArticleAlias(i, _) => {
                site.articles[i].path.clone()
            }
            Kind::Standalone(i) | Kind::PageAlias(i, _) => site.pages[i].path.clone(),
            Kind::Author(i) | Kind::AuthorFeed(i) => site.authors[i]
                .profile
                .clone()
                .unwrap_or_else(|| site.articles[site.authors[i].articles[0]].path.clone()),
            _ => Path::new("templates").join(self.template()),
        }
    }

    /// What claims this page's URL: the key of an article or page that made it, or else
    /// the template (an author's page is the site's, whatever a profile says).
    pub fn origin(&self, site: &Site) -> Origin {
        match self.kind {
            Kind::Article(i) | Kind::CiteBib(i) | Kind::CiteRis(i) => {
                Origin::at(&site.articles[i].path, site.articles[i].url_place)
            }
            Kind::Standalone(i) => Origin::at(&site.pages[i].path, site.pages[i].url_place),
            Kind::ArticleAlias(i, a) => {
                Origin::alias(&site.articles[i].path, site.articles[i].aliases[a].place)
            }
            Kind::PageAlias(i, a) => {
                Origin::alias(&site.pages[i].path, site.pages[i].aliases[a].place)
            }
            _ => Origin::template(self.template()),
        }
    }

    /// Where the page's canonical link points when it is not the page itself: the original
    /// of a republished article; for a redirect, wherever the page it leads to points.
    pub fn canonical(&self, site: &Site) -> Option<String> {
        match self.kind {
            Kind::Article(i) => site.articles[i].original.as_ref().map(|o| o.url.clone()),
            Kind::ArticleAlias(i, _) => Job::one(Kind::Article(i))
                .canonical(site)
                .or_else(|| Some(site.config.absolute_url(&site.articles[i].url))),
            Kind::PageAlias(i, _) => Some(site.config.absolute_url(&site.pages[i].url)),
            _ => None,
        }
    }

    fn one(kind: Kind) -> Job {
        Job { kind, page: 1 }
    }

    /// Whether this is the redirect page of an alias.
    pub fn is_alias(&self) -> bool {
        matches!(self.kind, Kind::ArticleAlias(..) | Kind::PageAlias(..))
    }

    /// Whether the sitemap lists this page: every HTML page but the 404 page and the search
    /// page, which has nothing of its own to find (and asks crawlers not to index it, since
    /// a crawled `?q=` is a page of someone else's words).
    pub fn in_sitemap(&self) -> bool {
        self.file_kind() == FileKind::Page && !matches!(self.kind, Kind::NotFound | Kind::Search)
    }

    /// What the file is: a feed for the feeds, a citation for the citation files, a page
    /// for everything else.
    pub fn file_kind(&self) -> FileKind {
        match self.kind {
            Kind::AuthorFeed(_) | Kind::AffiliationFeed(_) | Kind::TopicFeed(_) | Kind::Feed => {
                FileKind::Feed
            }
            Kind::CiteBib(_) | Kind::CiteRis(_) => FileKind::Citation,
            Kind::ArticleAlias(..) | Kind::PageAlias(..) => FileKind::Redirect,
            _ => FileKind::Page,
        }
    }

    fn template(&self) -> &'static str {
        match self.kind {
            Kind::Home => "index.html",
            Kind::Article(_) => "article.html",
            Kind::Authors => "authors.html",
            Kind::Author(_) => "author.html",
            Kind::AuthorFeed(_) | Kind::AffiliationFeed(_) | Kind::TopicFeed(_) | Kind::Feed => {
                "atom.xml"
            }
            Kind::Affiliations => "affiliations.html",
            Kind::Affiliation(_) => "affiliation.html",
            Kind::Topics => "topics.html",
            Kind::Topic(_) => "topic.html",
            Kind::Archive => "archive.html",
            Kind::Year(_) => "year.html",
            Kind::Month(..) => "month.html",
            Kind::NotFound => "404.html",
            Kind::Standalone(_) => "page.html",
            Kind::SeriesIndex => "series-index.html",
            Kind::Series(_) => "series.html",
            // Written beside the article's page by `cite`, from no template of their own.
            Kind::CiteBib(_) | Kind::CiteRis(_) => "article.html",
            Kind::ArticleAlias(..) | Kind::PageAlias(..) => "redirect.html",
            Kind::Search => "search.html",
        }
    }
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
    let one = |kind| Job { kind, page: 1 };
    jobs.extend(single.into_iter().map(one));
    if site.config.search {
        jobs.push(one(Kind::Search));
    }
    jobs.extend((0..site.articles.len()).map(|i| one(Kind::Article(i))));
    jobs.extend((0..site.articles.len()).map(|i| one(Kind::CiteBib(i))));
    jobs.extend((0..site.articles.len()).map(|i| one(Kind::CiteRis(i))));
    jobs.extend((0..site.pages.len()).map(|i| one(Kind::Standalone(i))));
    if !site.series.is_empty() {
        jobs.push(one(Kind::SeriesIndex));
    }
    jobs.extend((0..site.series.len()).map(|i| one(Kind::Series(i))));
    jobs.extend((0..site.authors.len()).map(|i| one(Kind::AuthorFeed(i))));
    jobs.extend((0..site.affiliations.len()).map(|i| one(Kind::AffiliationFeed(i))));
    jobs.extend((0..site.topics.len()).map(|i| one(Kind::TopicFeed(i))));
    for (i, article) in site.articles.iter().enumerate() {
        jobs.extend((0..article.aliases.len()).map(|a| one(Kind::ArticleAlias(i, a))));
    }
    for (i, page) in site.pages.iter().enumerate() {
        jobs.extend((0..page.aliases.len()).map(|a| one(Kind::PageAlias(i, a))));
    }
    for (y, year) in site.years.iter().enumerate() {
        jobs.push(one(Kind::Year(y)));
        jobs.extend((0..year.months.len()).map(|m| one(Kind::Month(y, m))));
    }
    jobs
}

/// The views of one render. A served site links alike from every page, so all its pages
/// share one set; in a portable build links differ by a page's depth, so pages at one depth
/// share a set (cards included), built the first time a page at that depth renders.
struct ViewSet<'a> {
    site: &'a Site,
    style: LinkStyle,
    levels: Vec<OnceLock<Views<'a>>>,
}

impl<'a> ViewSet<'a> {
    fn new(site: &'a Site, style: LinkStyle, jobs: &[Job]) -> Self {
        let levels = match style {
            LinkStyle::Served => 1,
            LinkStyle::Portable => {
                jobs.iter()
                    .map(|j| url::depth(&j.url(site)))
                    .max()
                    .unwrap_or(0)
                    + 1
            }
        };
        ViewSet {
            site,
            style,
            levels: (0..levels).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The views for the page at site path `page_url`.
    fn at(&self, page_url: &str) -> &Views<'a> {
        let links = self.style.at(self.site.config.base_path(), page_url);
        let level = match self.style {
            LinkStyle::Served => 0,
            LinkStyle::Portable => url::depth(page_url),
        };
        self.levels[level].get_or_init(|| Views::new(self.site, links))
    }
}

/// Renders `jobs` into `sink`, linking as `style` says: every page of the site, or (in a
/// preview) a few of them. Template errors are content failures, one per template and
/// line; a sink that fails is an I/O failure.
pub fn render_all(
    site: &Site,
    templates: &Templates,
    jobs: &[Job],
    style: LinkStyle,
    sink: &dyn Sink,
) -> Result<(), Failure> {
    let views = ViewSet::new(site, style, jobs);
    let results: Vec<Result<(), Failure>> = jobs
        .par_iter()
        .map(|job| {
            let page_url = job.url(site);
            let renderer = Renderer {
                job,
                page_url: &page_url,
                views: views.at(&page_url),
                templates,
            };
            let file = File {
                kind: job.file_kind(),
                bytes: renderer.render()?,
            };
            Ok(sink.put(&url::output_path(&page_url), file)?)
        })
        .collect();
    let mut problems = Diagnostics::new();
    for result in results {
        match result {
            Ok(()) => {}
            Err(Failure::Content(found)) => problems.extend(found),
            Err(io) => return Err(io),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.into())
    }
}

/// The `page` value every template sees.
#[derive(Serialize)]
struct PageView<'a> {
    /// Which kind of page: "home", "article", "author", …, for templates and styles.
    kind: &'a str,
    title: String,
    description: String,
    /// The page's own link, as the page prints links.
    url: String,
    /// Absolute URL of this page.
    permalink: String,
    /// Absolute URL of the page's canonical home: the permalink, or for a republished
    /// article the original's URL (issue 12).
    canonical: String,
    /// The navigation section this page belongs to, for `aria-current`.
    section: &'a str,
}

/// What one page shows: its place on the site, and what its template sees besides `site`
/// and `page`.
struct Page<T> {
    kind: &'static str,
    section: &'static str,
    title: String,
    description: String,
    body: T,
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

/// One page of a listing: its cards, and where it is among the listing's pages.
#[derive(Serialize)]
struct Listing {
    articles: Vec<Value>,
    pagination: PaginationView,
}

#[derive(Serialize)]
struct ArticlePage<'a> {
    article: ArticleView<'a>,
}

#[derive(Serialize)]
struct AuthorsPage<'a> {
    authors: Vec<AuthorView<'a>>,
}

#[derive(Serialize)]
struct AuthorPage<'a> {
    author: AuthorView<'a>,
    articles: Vec<Value>,
    pagination: PaginationView,
}

#[derive(Serialize)]
struct AffiliationsPage<'a> {
    affiliations: Vec<TermView<'a>>,
}

#[derive(Serialize)]
struct AffiliationPage<'a> {
    affiliation: TermView<'a>,
    /// Links to the authors who wrote under it.
    authors: Value,
    articles: Vec<Value>,
    pagination: PaginationView,
}

#[derive(Serialize)]
struct TopicsPage<'a> {
    topics: Vec<TermView<'a>>,
}

#[derive(Serialize)]
struct TopicPage<'a> {
    topic: TermView<'a>,
    articles: Vec<Value>,
    pagination: PaginationView,
}

#[derive(Serialize)]
struct ArchivePage<'a> {
    years: Vec<YearView<'a>>,
}

#[derive(Serialize)]
struct YearPage<'a> {
    year: YearView<'a>,
    /// The older year.
    previous: Option<PeriodView>,
    /// The newer year.
    next: Option<PeriodView>,
}

#[derive(Serialize)]
struct MonthPage<'a> {
    month: MonthView<'a>,
    articles: Vec<Value>,
    previous: Option<PeriodView>,
    next: Option<PeriodView>,
}

#[derive(Serialize)]
struct StandalonePage<'a> {
    standalone: StandaloneView<'a>,
}

#[derive(Serialize)]
struct NotFoundPage {}

/// The search page: where its script finds the index. Results are the script's work.
#[derive(Serialize)]
struct SearchPage {
    /// The index folder, as the page links to it (`/search/data/`).
    index_url: String,
    script_url: String,
}

#[derive(Serialize)]
struct SeriesIndexPage<'a> {
    series: Vec<SeriesView<'a>>,
}

#[derive(Serialize)]
struct SeriesPage<'a> {
    series: SeriesView<'a>,
    /// Cards of the parts, in reading order.
    articles: Vec<Value>,
}

#[derive(Serialize)]
struct RedirectPage<'a> {
    redirect: RedirectView<'a>,
}

/// Where an old URL leads.
#[derive(Serialize)]
struct RedirectView<'a> {
    /// The title of the piece or page it leads to.
    title: &'a str,
    /// Its link, as this page prints links: where the refresh goes.
    url: String,
    /// Its absolute URL.
    permalink: String,
}

#[derive(Serialize)]
struct FeedPage<'a> {
    feed: FeedView<'a>,
}

/// Renders one job: asks its kind's function what the page shows, then the template.
struct Renderer<'r, 'a> {
    job: &'r Job,
    page_url: &'r str,
    views: &'r Views<'a>,
    templates: &'r Templates,
}

impl<'a> Renderer<'_, 'a> {
    fn render(&self) -> Result<Vec<u8>, Diagnostic> {
        let (v, n) = (self.views, self.job.page);
        match self.job.kind {
            Kind::Home => self.page(home(v, n)),
            Kind::Article(i) => self.page(article(v, i)),
            Kind::Authors => self.page(authors(v)),
            Kind::Author(i) => self.page(author(v, i, n)),
            Kind::AuthorFeed(i) => self.page(author_feed(v, i)),
            Kind::Affiliations => self.page(affiliations(v)),
            Kind::Affiliation(i) => self.page(affiliation(v, i, n)),
            Kind::AffiliationFeed(i) => self.page(affiliation_feed(v, i)),
            Kind::Topics => self.page(topics(v)),
            Kind::Topic(i) => self.page(topic(v, i, n)),
            Kind::TopicFeed(i) => self.page(topic_feed(v, i)),
            Kind::Archive => self.page(archive(v)),
            Kind::Year(y) => self.page(year(v, y)),
            Kind::Month(y, m) => self.page(month(v, y, m)),
            Kind::NotFound => self.page(not_found(v)),
            Kind::SeriesIndex => self.page(series_index(v)),
            Kind::Series(i) => self.page(series(v, i)),
            Kind::CiteBib(i) => Ok(cite::bibtex(v.site, i).into_bytes()),
            Kind::CiteRis(i) => Ok(cite::ris(v.site, i).into_bytes()),
            Kind::Feed => self.page(site_feed(v)),
            Kind::Standalone(i) => self.page(standalone(v, i)),
            Kind::ArticleAlias(i, _) => {
                let article = &v.site.articles[i];
                self.page(redirect(v, &article.title, &article.url))
            }
            Kind::PageAlias(i, _) => {
                let page = &v.site.pages[i];
                self.page(redirect(v, &page.title, &page.url))
            }
            Kind::Search => self.page(search(v)),
        }
    }

    /// Renders `page` with the job's template, beside the `site` and `page` values.
    fn page<T: Serialize>(&self, page: Page<T>) -> Result<Vec<u8>, Diagnostic> {
        let template = self.job.template();
        let problem = |e: tera::Error| self.templates.diagnostic(&e, template);
        let mut ctx = Context::from_serialize(&page.body).map_err(problem)?;
        ctx.insert_value("site", self.views.site_value());
        let permalink = self.views.site.config.absolute_url(self.page_url);
        ctx.insert(
            "page",
            &PageView {
                kind: page.kind,
                title: page.title,
                description: page.description,
                url: self.views.link(self.page_url),
                permalink: permalink.clone(),
                canonical: self.job.canonical(self.views.site).unwrap_or(permalink),
                section: page.section,
            },
        );
        let html = self
            .templates
            .tera
            .render(template, &ctx)
            .map_err(problem)?;
        Ok(html.into_bytes())
    }
}

/// Page `page` of a listing of `indices` whose first page is at `first`.
fn listing(views: &Views, first: &str, indices: &[usize], page: usize) -> Listing {
    let per_page = views.site.config.per_page;
    let total = page_count(indices.len(), per_page);
    let start = ((page - 1) * per_page).min(indices.len());
    let end = (start + per_page).min(indices.len());
    let link = |n: usize| views.link(&url::page_url(first, n));
    Listing {
        articles: views.cards(&indices[start..end]),
        pagination: PaginationView {
            current: page,
            total,
            first_url: link(1),
            last_url: link(total),
            previous_url: (page > 1).then(|| link(page - 1)),
            next_url: (page < total).then(|| link(page + 1)),
        },
    }
}

/// "Trade (page 2)" past a listing's first page.
fn paged(title: &str, page: usize) -> String {
    if page > 1 {
        format!("{title} (page {page})")
    } else {
        title.to_string()
    }
}

fn home(views: &Views, page: usize) -> Page<Listing> {
    let config = &views.site.config;
    let all: Vec<usize> = (0..views.site.articles.len()).collect();
    Page {
        kind: "home",
        section: "home",
        title: paged(&config.title, page),
        description: config.description.clone(),
        body: listing(views, &url::home(), &all, page),
    }
}

fn article<'a>(views: &Views<'a>, index: usize) -> Page<ArticlePage<'a>> {
    let article = &views.site.articles[index];
    Page {
        kind: "article",
        section: "",
        title: article.title.clone(),
        description: article.summary.clone(),
        body: ArticlePage {
            article: views.article(index),
        },
    }
}

fn authors<'a>(views: &Views<'a>) -> Page<AuthorsPage<'a>> {
    let site = views.site;
    Page {
        kind: "authors",
        section: "authors",
        title: "Authors".into(),
        description: format!("Everyone who writes for {}.", site.config.title),
        body: AuthorsPage {
            authors: (0..site.authors.len()).map(|i| views.author(i)).collect(),
        },
    }
}

fn author<'a>(views: &Views<'a>, index: usize, page: usize) -> Page<AuthorPage<'a>> {
    let author = &views.site.authors[index];
    let description = match (&author.role, &author.affiliation) {
        (Some(role), Some(aff)) => format!("{}, {role}, {aff}.", author.name),
        (Some(role), None) => format!("{}, {role}.", author.name),
        _ => format!("Commentary by {}.", author.name),
    };
    let Listing {
        articles,
        pagination,
    } = listing(views, &author.url, &author.articles, page);
    Page {
        kind: "author",
        section: "authors",
        title: paged(&author.name, page),
        description,
        body: AuthorPage {
            author: views.author(index),
            articles,
            pagination,
        },
    }
}

fn author_feed<'a>(views: &Views<'a>, index: usize) -> Page<FeedPage<'a>> {
    Page {
        kind: "feed",
        section: "",
        title: views.site.authors[index].name.clone(),
        description: String::new(),
        body: FeedPage {
            feed: feeds::author_feed(views.site, index),
        },
    }
}

fn topic_feed<'a>(views: &Views<'a>, index: usize) -> Page<FeedPage<'a>> {
    Page {
        kind: "feed",
        section: "",
        title: views.site.topics[index].name.clone(),
        description: String::new(),
        body: FeedPage {
            feed: feeds::topic_feed(views.site, index),
        },
    }
}

fn affiliation_feed<'a>(views: &Views<'a>, index: usize) -> Page<FeedPage<'a>> {
    Page {
        kind: "feed",
        section: "",
        title: views.site.affiliations[index].name.clone(),
        description: String::new(),
        body: FeedPage {
            feed: feeds::affiliation_feed(views.site, index),
        },
    }
}

fn site_feed<'a>(views: &Views<'a>) -> Page<FeedPage<'a>> {
    Page {
        kind: "feed",
        section: "",
        title: views.site.config.title.clone(),
        description: String::new(),
        body: FeedPage {
            feed: feeds::site_feed(views.site),
        },
    }
}

fn affiliations<'a>(views: &Views<'a>) -> Page<AffiliationsPage<'a>> {
    let site = views.site;
    Page {
        kind: "affiliations",
        section: "affiliations",
        title: "Affiliations".into(),
        description: format!(
            "The institutions {}'s authors write from.",
            site.config.title
        ),
        body: AffiliationsPage {
            affiliations: (0..site.affiliations.len())
                .map(|i| views.affiliation(i))
                .collect(),
        },
    }
}

fn affiliation<'a>(views: &Views<'a>, index: usize, page: usize) -> Page<AffiliationPage<'a>> {
    let affiliation = &views.site.affiliations[index];
    let Listing {
        articles,
        pagination,
    } = listing(views, &affiliation.url, &affiliation.articles, page);
    Page {
        kind: "affiliation",
        section: "affiliations",
        title: paged(&affiliation.name, page),
        description: format!("Commentary written at {}.", affiliation.name),
        body: AffiliationPage {
            affiliation: views.affiliation(index),
            authors: views.affiliation_authors(index),
            articles,
            pagination,
        },
    }
}

fn topics<'a>(views: &Views<'a>) -> Page<TopicsPage<'a>> {
    let site = views.site;
    Page {
        kind: "topics",
        section: "topics",
        title: "Topics".into(),
        description: format!("Every topic {} covers.", site.config.title),
        body: TopicsPage {
            topics: (0..site.topics.len()).map(|i| views.topic(i)).collect(),
        },
    }
}

fn topic<'a>(views: &Views<'a>, index: usize, page: usize) -> Page<TopicPage<'a>> {
    let topic = &views.site.topics[index];
    let Listing {
        articles,
        pagination,
    } = listing(views, &topic.url, &topic.articles, page);
    Page {
        kind: "topic",
        section: "topics",
        title: paged(&topic.name, page),
        description: format!("Commentary on {}.", topic.name),
        body: TopicPage {
            topic: views.topic(index),
            articles,
            pagination,
        },
    }
}

fn archive<'a>(views: &Views<'a>) -> Page<ArchivePage<'a>> {
    let site = views.site;
    Page {
        kind: "archive",
        section: "archive",
        title: "Archive".into(),
        description: format!(
            "Every piece {} has published, by year and month.",
            site.config.title
        ),
        body: ArchivePage {
            years: site.years.iter().map(|y| views.year(y, false)).collect(),
        },
    }
}

fn year<'a>(views: &Views<'a>, index: usize) -> Page<YearPage<'a>> {
    let years = &views.site.years;
    let period = |y: &archive::Year| views.period(format!("{:04}", y.year), &y.url);
    let name = format!("{:04}", years[index].year);
    Page {
        kind: "year",
        section: "archive",
        description: format!("Commentary published in {name}."),
        title: name,
        body: YearPage {
            year: views.year(&years[index], true),
            previous: years.get(index + 1).map(period),
            next: index.checked_sub(1).map(|n| period(&years[n])),
        },
    }
}

fn month<'a>(views: &Views<'a>, y: usize, m: usize) -> Page<MonthPage<'a>> {
    let years = &views.site.years;
    let month = &years[y].months[m];
    // The neighbours come from all months in one list, newest first.
    let all: Vec<&archive::Month> = years.iter().flat_map(|y| y.months.iter()).collect();
    let position = all.iter().position(|x| x.url == month.url).unwrap_or(0);
    let period = |x: &archive::Month| views.period(x.title(), &x.url);
    let title = month.title();
    Page {
        kind: "month",
        section: "archive",
        description: format!("Commentary published in {title}."),
        title,
        body: MonthPage {
            month: views.month(month, false),
            articles: views.cards(&month.articles),
            previous: all.get(position + 1).map(|x| period(x)),
            next: position.checked_sub(1).map(|n| period(all[n])),
        },
    }
}

fn search(views: &Views) -> Page<SearchPage> {
    Page {
        kind: "search",
        section: "search",
        title: "Search".into(),
        description: format!(
            "Search every piece published on {}.",
            views.site.config.title
        ),
        body: SearchPage {
            index_url: views.link(&url::search_data("")),
            script_url: views.link(&url::search_script()),
        },
    }
}

fn standalone<'a>(views: &Views<'a>, index: usize) -> Page<StandalonePage<'a>> {
    let page = &views.site.pages[index];
    Page {
        kind: "page",
        section: "",
        title: page.title.clone(),
        description: page.summary.clone(),
        body: StandalonePage {
            standalone: views.standalone(index),
        },
    }
}

/// The redirect page at an old URL of the piece or page `title` at `target`.
fn redirect<'a>(views: &Views<'a>, title: &'a str, target: &str) -> Page<RedirectPage<'a>> {
    Page {
        kind: "redirect",
        section: "",
        title: title.to_string(),
        description: String::new(),
        body: RedirectPage {
            redirect: RedirectView {
                title,
                url: views.link(target),
                permalink: views.site.config.absolute_url(target),
            },
        },
    }
}

fn not_found(_: &Views) -> Page<NotFoundPage> {
    Page {
        kind: "not-found",
        section: "",
        title: "Page not found".into(),
        description: "There is no page at this address.".into(),
        body: NotFoundPage {},
    }
}

fn series_index<'a>(views: &Views<'a>) -> Page<SeriesIndexPage<'a>> {
    let site = views.site;
    Page {
        kind: "series-index",
        section: "series",
        title: "Series".into(),
        description: format!(
            "Every series {} has published, part by part.",
            site.config.title
        ),
        body: SeriesIndexPage {
            series: (0..site.series.len()).map(|i| views.series(i)).collect(),
        },
    }
}

fn series<'a>(views: &Views<'a>, index: usize) -> Page<SeriesPage<'a>> {
    let series = &views.site.series[index];
    Page {
        kind: "series",
        section: "series",
        title: series.name.clone(),
        description: format!(
            "{}: a series in {}.",
            series.name,
            crate::english::counted(series.articles.len(), "part")
        ),
        body: SeriesPage {
            series: views.series(index),
            articles: views.cards(&series.articles),
        },
    }
}
