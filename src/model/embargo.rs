//! The embargo (issue 12): a piece dated in the future is held back until its moment.
//!
//! One rule decides it, [`Article::is_embargoed`]: an article is embargoed when its `date`
//! is after the moment the build takes as now (the clock, or `--now`). The build driver asks
//! it once per article, before the site is assembled, and leaves every embargoed article out
//! of the [`Site`](crate::model::Site) (unless `--future`): so no page, listing, feed,
//! archive, sitemap, alias or search index can show one, because none of them ever sees it.
//! Whatever is made from `Site::articles` later inherits the rule without asking it.
//! `serve` keeps embargoed pieces in its site and marks them "Scheduled" through
//! [`Embargo::holds`], the same rule again, and so does `build --future`. What must never
//! show a piece that is not yet out, even there (the search index), asks
//! [`Article::is_published`]: neither a draft nor under embargo.

use jiff::Timestamp;

use crate::model::Article;

/// The moment a build takes as now, and the articles its embargo held back.
#[derive(Debug, Clone)]
pub struct Embargo {
    /// The build's now: the clock, or `--now`. Two builds with one `now` and one input are
    /// byte for byte the same.
    pub now: Timestamp,
    /// The articles left out because they are embargoed, soonest first (ties by path):
    /// `build` reports how many and when the next is due, `check` lints them.
    pub held: Vec<Article>,
}

impl Embargo {
    /// The embargo at `now` that held back `held`, put soonest first.
    pub fn new(now: Timestamp, mut held: Vec<Article>) -> Embargo {
        held.sort_by(|a, b| (a.date.timestamp(), &a.path).cmp(&(b.date.timestamp(), &b.path)));
        Embargo { now, held }
    }

    /// Whether `article` is under embargo at this moment. Pieces in a site built with
    /// `--future`, or previewed by `serve`, may be: they are marked "Scheduled".
    pub fn holds(&self, article: &Article) -> bool {
        article.is_embargoed(self.now)
    }

    /// The next held article to come due, if any.
    pub fn next(&self) -> Option<&Article> {
        self.held.first()
    }
}

impl Article {
    /// The embargo rule: whether this article is dated after `now`, and so not yet to be
    /// published. A piece dated exactly `now` is out.
    pub fn is_embargoed(&self, now: Timestamp) -> bool {
        self.date.timestamp() > now
    }

    /// Whether this article is out at `now`: neither a draft nor under embargo. A site may
    /// hold pieces that are not (`serve`, `build --drafts`, `build --future`, each marking
    /// them "Draft" or "Scheduled"); the search index (issue 14) holds only pieces that are.
    pub fn is_published(&self, now: Timestamp) -> bool {
        !self.draft && !self.is_embargoed(now)
    }
}
