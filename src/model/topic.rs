//! Topics: the `tags` of articles.

/// A topic with the articles tagged with it.
#[derive(Debug, Clone)]
pub struct Topic {
    pub name: String,
    pub slug: String,
    pub url: String,
    /// Indices into `Site::articles`, newest first.
    pub articles: Vec<usize>,
}
