//! Affiliations: the institutions pieces were written under. A piece counts under the
//! affiliation printed on it, which may differ from its author's current one.

/// An institution with at least one piece written under it.
#[derive(Debug, Clone)]
pub struct Affiliation {
    pub name: String,
    pub slug: String,
    pub url: String,
    /// Indices into `Site::articles`, newest first.
    pub articles: Vec<usize>,
    /// Indices into `Site::authors` of those who wrote under it, in author order.
    pub authors: Vec<usize>,
}
