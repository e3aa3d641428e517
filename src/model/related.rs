//! Related pieces (issue 13): for each article, up to [`RELATED`] others that share a topic
//! with it, chosen by one total order:
//!
//! 1. the weight of the topics they share, each topic weighing more the rarer it is on the
//!    site (an inverse document frequency, `ln(1 + N / pieces on the topic)`, in fixed
//!    point so that sums compare exactly);
//! 2. then the number of authors they share;
//! 3. then nearness in date;
//! 4. then the site's one article order (newest first, title, path), which is the index.
//!
//! A piece that shares no topic is never related, however near in date or whoever wrote it;
//! a piece is never related to itself.
//!
//! Everything is read from the inverted indexes `Site::assemble` already built: each
//! topic's and each author's articles. Scoring every piece that shares a topic costs the
//! sum of those topics' sizes, which on a site with a few dozen topics grows with the
//! square of the archive. So the common case takes a shorter road to the same answer: the
//! sets of shared topics are tried from the heaviest down, and for each set only the
//! nearest pieces in date that share exactly that set are looked at (a topic's list is in
//! date order, so they are found by walking out from the piece in both directions), until
//! no lighter set can displace the three found. The pieces that share an author are scored
//! outright (an author's list is short). Should the walk ever look at more pieces than
//! scoring them all would, it gives up and every piece is scored instead: the result is
//! the same either way, as the tests check against a plain all-pairs oracle.
//!
//! `cargo bench --bench stages -- related` on an archive shaped like the benchmark's (40
//! topics, two to four a piece): scoring every candidate takes about 290 ms at 10,000
//! pieces and 47 s at 100,000; the walk 50 ms and 1.5 s.

use std::cmp::Reverse;

use rayon::prelude::*;

/// Related pieces per article.
pub const RELATED: usize = 3;

/// The most topics of one piece for which the sets of shared topics are walked (2^6 - 1
/// sets); a piece with more is scored outright.
const MAX_WALKED_TOPICS: usize = 6;

/// Below this many candidate postings, scoring them all is as quick as anything.
const SMALL: usize = 512;

/// What the choice needs to know of one article.
#[derive(Debug, Clone)]
pub struct Piece {
    /// Seconds since the epoch.
    pub timestamp: i64,
    /// Indices of its topics, each once.
    pub topics: Vec<usize>,
    /// Indices of its authors.
    pub authors: Vec<usize>,
}

/// Up to [`RELATED`] related pieces of each of `pieces` (indices in site order), best
/// first. `topic_articles[t]` and `author_articles[a]` list the pieces of each topic and
/// author in site order, each piece once.
pub fn choose(
    pieces: &[Piece],
    topic_articles: &[&[usize]],
    author_articles: &[&[usize]],
) -> Vec<Vec<usize>> {
    choose_by(Road::Shortest, pieces, topic_articles, author_articles)
}

/// [`choose`], by the road given: for the benchmark that weighs one road against the other.
pub fn choose_by(
    road: Road,
    pieces: &[Piece],
    topic_articles: &[&[usize]],
    author_articles: &[&[usize]],
) -> Vec<Vec<usize>> {
    let index = Index::new(pieces, topic_articles, author_articles);
    (0..pieces.len())
        .into_par_iter()
        .map_init(
            || Scores::new(pieces.len()),
            |scores, a| index.related(a, scores, road),
        )
        .collect()
}

/// Which way to the answer: both give the same one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Road {
    /// Walk the sets of shared topics when that is cheaper, else score every candidate.
    Shortest,
    /// Score every piece sharing a topic.
    ScoreAll,
}

/// A candidate's place in the order: smaller is better.
type Key = (Reverse<u64>, Reverse<usize>, u64, usize);

struct Index<'a> {
    pieces: &'a [Piece],
    topic_articles: &'a [&'a [usize]],
    author_articles: &'a [&'a [usize]],
    /// Each topic's weight, in fixed point.
    weights: Vec<u64>,
    /// Each piece's date and a one-word summary of its topics (bit `t % 64` for topic
    /// `t`), side by side in memory: the walk reads these for every piece it passes and
    /// looks at a piece's own lists only when they cannot rule it out.
    times: Vec<i64>,
    masks: Vec<u64>,
    /// Whether a summary says exactly which topics a piece has: on a site of at most 64
    /// topics, where no two share a bit.
    exact_masks: bool,
}

/// The bit that stands for topic `t` in a piece's summary of topics.
fn bit(t: usize) -> u64 {
    1 << (t % 64)
}

/// A dense score per piece, reused from one article to the next on a thread.
struct Scores {
    weight: Vec<u64>,
    touched: Vec<usize>,
}

impl Scores {
    fn new(n: usize) -> Self {
        Scores {
            weight: vec![0; n],
            touched: Vec::new(),
        }
    }
}

impl<'a> Index<'a> {
    fn new(
        pieces: &'a [Piece],
        topic_articles: &'a [&'a [usize]],
        author_articles: &'a [&'a [usize]],
    ) -> Self {
        let n = pieces.len() as f64;
        let weights = topic_articles
            .iter()
            .map(|list| {
                let df = list.len().max(1) as f64;
                // 2^20 steps per unit keep the weights of topics of different sizes apart
                // and their sums exact.
                ((1.0 + n / df).ln() * f64::from(1 << 20)).round() as u64
            })
            .collect();
        Index {
            exact_masks: topic_articles.len() <= 64,
            times: pieces.iter().map(|p| p.timestamp).collect(),
            masks: pieces
                .iter()
                .map(|p| p.topics.iter().fold(0, |m, &t| m | bit(t)))
                .collect(),
            pieces,
            topic_articles,
            author_articles,
            weights,
        }
    }

    fn related(&self, a: usize, scores: &mut Scores, road: Road) -> Vec<usize> {
        let topics = &self.pieces[a].topics;
        let cost: usize = topics.iter().map(|&t| self.topic_articles[t].len()).sum();
        if road == Road::Shortest
            && topics.len() <= MAX_WALKED_TOPICS
            && cost > SMALL
            && let Some(found) = self.walk(a, cost)
        {
            return found;
        }
        self.score_all(a, scores)
    }

    fn key(&self, a: usize, b: usize, weight: u64) -> Key {
        let (pa, pb) = (&self.pieces[a], &self.pieces[b]);
        let shared = pa.authors.iter().filter(|x| pb.authors.contains(x)).count();
        (
            Reverse(weight),
            Reverse(shared),
            pa.timestamp.abs_diff(pb.timestamp),
            b,
        )
    }

    /// Scores every piece that shares a topic with `a`.
    fn score_all(&self, a: usize, scores: &mut Scores) -> Vec<usize> {
        for &t in &self.pieces[a].topics {
            for &b in self.topic_articles[t] {
                if b != a {
                    if scores.weight[b] == 0 {
                        scores.touched.push(b);
                    }
                    scores.weight[b] += self.weights[t];
                }
            }
        }
        let mut best: Vec<Key> = Vec::with_capacity(RELATED + 1);
        for b in scores.touched.drain(..) {
            let key = self.key(a, b, scores.weight[b]);
            scores.weight[b] = 0;
            keep_best(&mut best, key);
        }
        best.into_iter().map(|(_, _, _, b)| b).collect()
    }

    /// The walk over sets of shared topics; `None` when it would look at more than
    /// `budget` pieces.
    fn walk(&self, a: usize, mut budget: usize) -> Option<Vec<usize>> {
        let piece = &self.pieces[a];
        let topics = &piece.topics;
        // Which of `a`'s topics a piece has, as bits.
        let signature = |b: usize| -> u32 {
            let of_b = &self.pieces[b].topics;
            topics
                .iter()
                .enumerate()
                .filter(|(_, t)| of_b.contains(t))
                .fold(0, |mask, (i, _)| mask | (1 << i))
        };
        let weight_of = |mask: u32| -> u64 {
            topics
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, &t)| self.weights[t])
                .sum()
        };
        let shares_author = |b: usize| {
            self.pieces[b]
                .authors
                .iter()
                .any(|x| piece.authors.contains(x))
        };

        // Pieces sharing an author and a topic, scored outright.
        let mut pool: Vec<Key> = Vec::new();
        for &x in &piece.authors {
            for &b in self.author_articles[x] {
                let mask = signature(b);
                if b != a && mask != 0 && !pool.iter().any(|k| k.3 == b) {
                    pool.push(self.key(a, b, weight_of(mask)));
                }
            }
        }

        let mut sets: Vec<(u64, u32)> = (1..1u32 << topics.len())
            .map(|mask| (weight_of(mask), mask))
            .collect();
        sets.sort_unstable_by_key(|&(weight, mask)| (Reverse(weight), mask));
        for (weight, mask) in sets {
            if pool.len() >= RELATED {
                pool.sort_unstable();
                if pool[RELATED - 1].0.0 > weight {
                    break;
                }
            }
            // A piece without one of the set's bits lacks one of its topics.
            let needed = (0..topics.len())
                .filter(|i| mask & (1 << i) != 0)
                .fold(0, |m, i| m | bit(topics[i]));
            let all = topics.iter().fold(0, |m, &t| m | bit(t));
            let has_exactly = |b: usize| {
                let of_b = self.masks[b];
                if self.exact_masks {
                    of_b & all == needed
                } else {
                    of_b & needed == needed && signature(b) == mask
                }
            };
            // The shortest list of the set's topics holds every piece that has them all.
            let list = (0..topics.len())
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| self.topic_articles[topics[i]])
                .min_by_key(|list| list.len())?;
            let at = list.binary_search(&a).ok()?;
            let (mut newer, mut older) = (at, at + 1);
            let gap = |b: usize| piece.timestamp.abs_diff(self.times[b]);
            // Pieces come nearest first (each side of the list moves away in date); all
            // those as near as the third one found are kept, since the site order, not
            // the walk, breaks their tie.
            let mut found: Vec<u64> = Vec::new();
            loop {
                let take_newer = match (newer.checked_sub(1), list.get(older)) {
                    (Some(n), Some(&o)) => gap(list[n]) <= gap(o),
                    (Some(_), None) => true,
                    (None, Some(_)) => false,
                    (None, None) => break,
                };
                let b = if take_newer {
                    list[newer - 1]
                } else {
                    list[older]
                };
                if found.len() >= RELATED && gap(b) > found[RELATED - 1] {
                    break;
                }
                if take_newer {
                    newer -= 1;
                } else {
                    older += 1;
                }
                budget = budget.checked_sub(1)?;
                if has_exactly(b) && !shares_author(b) {
                    pool.push(self.key(a, b, weight));
                    found.push(gap(b));
                }
            }
        }
        pool.sort_unstable();
        pool.truncate(RELATED);
        Some(pool.into_iter().map(|(_, _, _, b)| b).collect())
    }
}

/// Keeps the [`RELATED`] smallest keys of `best`, in order.
fn keep_best(best: &mut Vec<Key>, key: Key) {
    if best.len() == RELATED && key >= best[RELATED - 1] {
        return;
    }
    let at = best.partition_point(|k| *k < key);
    best.insert(at, key);
    best.truncate(RELATED);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator, so the sites below are the same on every run.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((self.0 >> 33) % n as u64) as usize
        }
    }

    /// A site of `n` pieces in site order (newest first), with skewed topics (the first
    /// few on many pieces) and repeated dates, and its inverted indexes.
    fn site(
        seed: u64,
        n: usize,
        topics: usize,
        authors: usize,
    ) -> (Vec<Piece>, Vec<Vec<usize>>, Vec<Vec<usize>>) {
        let mut rng = Lcg(seed);
        let mut timestamp = 2_000_000_000;
        let pieces: Vec<Piece> = (0..n)
            .map(|_| {
                // Some pieces share a date with the one before.
                timestamp -= [0, 3_600, 86_400, 86_400 * 7][rng.below(4)];
                let mut own = Vec::new();
                for _ in 0..rng.below(5) {
                    let t = rng.below(topics).min(rng.below(topics));
                    if !own.contains(&t) {
                        own.push(t);
                    }
                }
                let mut by = vec![rng.below(authors)];
                if rng.below(5) == 0 {
                    let other = rng.below(authors);
                    if !by.contains(&other) {
                        by.push(other);
                    }
                }
                Piece {
                    timestamp,
                    topics: own,
                    authors: by,
                }
            })
            .collect();
        let mut topic_articles = vec![Vec::new(); topics];
        let mut author_articles = vec![Vec::new(); authors];
        for (i, p) in pieces.iter().enumerate() {
            for &t in &p.topics {
                topic_articles[t].push(i);
            }
            for &x in &p.authors {
                author_articles[x].push(i);
            }
        }
        (pieces, topic_articles, author_articles)
    }

    /// Every pair, scored from the rule as written.
    fn oracle(pieces: &[Piece], index: &Index) -> Vec<Vec<usize>> {
        (0..pieces.len())
            .map(|a| {
                let mut keys: Vec<Key> = (0..pieces.len())
                    .filter(|&b| b != a)
                    .filter_map(|b| {
                        let weight: u64 = pieces[a]
                            .topics
                            .iter()
                            .filter(|t| pieces[b].topics.contains(t))
                            .map(|&t| index.weights[t])
                            .sum();
                        (weight > 0).then(|| index.key(a, b, weight))
                    })
                    .collect();
                keys.sort();
                keys.iter().take(RELATED).map(|k| k.3).collect()
            })
            .collect()
    }

    #[test]
    fn both_roads_give_the_oracle_s_answer() {
        for (seed, n, topics, authors) in [
            (1, 400, 6, 30),
            (2, 1_000, 12, 60),
            (3, 1_000, 3, 200),
            (4, 900, 40, 10),
            // More topics than a one-word summary has bits: pieces are looked at whole.
            (5, 1_500, 90, 100),
        ] {
            let (pieces, topic_lists, author_lists) = site(seed, n, topics, authors);
            let topic_articles: Vec<&[usize]> = topic_lists.iter().map(Vec::as_slice).collect();
            let author_articles: Vec<&[usize]> = author_lists.iter().map(Vec::as_slice).collect();
            let index = Index::new(&pieces, &topic_articles, &author_articles);
            let expected = oracle(&pieces, &index);
            let mut scores = Scores::new(n);
            for (a, expected) in expected.iter().enumerate() {
                let all = index.related(a, &mut scores, Road::ScoreAll);
                let short = index.related(a, &mut scores, Road::Shortest);
                // The walk itself, whatever the piece's size would choose.
                let walked = index.walk(a, usize::MAX);
                assert_eq!(all, *expected, "seed {seed}, piece {a}: scoring all");
                assert_eq!(
                    short, *expected,
                    "seed {seed}, piece {a}: the shortest road"
                );
                assert_eq!(
                    walked.as_ref(),
                    Some(expected),
                    "seed {seed}, piece {a}: the walk"
                );
                // A walk cut short by its budget gives up rather than answer wrong.
                if let Some(cut) = index.walk(a, 3) {
                    assert_eq!(cut, *expected, "seed {seed}, piece {a}: a short walk");
                }
            }
            assert_eq!(
                choose(&pieces, &topic_articles, &author_articles),
                expected,
                "seed {seed}: in parallel"
            );
        }
    }

    #[test]
    fn rare_topics_then_authors_then_dates_then_site_order() {
        let day = 86_400;
        let piece = |timestamp: i64, topics: &[usize], authors: &[usize]| Piece {
            timestamp,
            topics: topics.to_vec(),
            authors: authors.to_vec(),
        };
        // Topic 0 is common, topic 1 rare; author 0 writes the piece at 0.
        let pieces = vec![
            piece(20 * day, &[0], &[1]),     // 0: five days after
            piece(15 * day, &[0, 1], &[0]),  // 1: the piece
            piece(10 * day, &[0], &[1]),     // 2: five days before
            piece(5 * day, &[1], &[1]),      // 3: the rare topic, far away
            piece(-1_000 * day, &[0], &[0]), // 4: the same author, farther still
            piece(15 * day, &[2], &[0]),     // 5: same day and author, no topic shared
        ];
        let topic_articles: [&[usize]; 3] = [&[0, 1, 2, 4], &[1, 3], &[5]];
        let author_articles: [&[usize]; 2] = [&[1, 4, 5], &[0, 2, 3]];
        let related = choose(&pieces, &topic_articles, &author_articles);
        assert_eq!(
            related[1],
            [3, 4, 0],
            "rare topic, then author, then the newer of two at one distance"
        );
        assert_eq!(
            related[5],
            Vec::<usize>::new(),
            "nothing shared, nothing related"
        );
        assert!(related.iter().enumerate().all(|(i, r)| !r.contains(&i)));
    }
}
