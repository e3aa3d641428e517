//! The hot stages of a build, each timed on its own: front matter, Markdown, reading one
//! article (both, plus dates and slugs), assembling the site's indexes, choosing related
//! pieces by each of its two roads, and the whole pipeline in memory on a small site. Run with `cargo bench --bench stages`.
//!
//! The input is generated here, deterministically, in the shape of a real piece: some
//! 1,000 words in paragraphs, a subheading, a footnote, emphasis and a link.

use std::hint::black_box;
use std::path::Path;

use broadsheet::build::{self, BuildOptions};
use broadsheet::config::Config;
use broadsheet::model::related::{self, Piece, Road};
use broadsheet::model::{Article, Embargo, Site};
use broadsheet::source::{SourceFile, Sources};
use broadsheet::{front_matter, markdown};

fn main() {
    divan::main();
}

const WORDS: &[&str] = &[
    "policy", "ports", "budget", "the", "council", "should", "measure", "risk", "before", "it",
    "builds", "and", "water", "rights", "are", "not", "a", "ledger", "because", "every", "year",
    "differs", "from", "average", "trade", "grid",
];

/// A piece of about 1,000 words by author `n % authors`.
fn piece(n: usize, authors: usize) -> String {
    let mut body = String::new();
    let mut seed = n as u64 + 1;
    for paragraph in 0..12 {
        if paragraph == 6 {
            body.push_str("## What would help\n\n");
        }
        for word in 0..85 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let w = WORDS[(seed >> 33) as usize % WORDS.len()];
            body.push_str(if word % 17 == 3 { "*" } else { "" });
            body.push_str(w);
            body.push_str(if word % 17 == 3 { "*" } else { "" });
            body.push_str(if word % 14 == 13 { ". " } else { " " });
        }
        if paragraph == 2 {
            body.push_str("See [the report](https://example.org/report).[^1]");
        }
        body.push_str("\n\n");
    }
    body.push_str("[^1]: A note on sources.\n");
    format!(
        "+++\ntitle = \"Piece number {n}\"\ndate = 2024-{:02}-{:02}T08:00:00-04:00\nauthor = \"Author {}\"\naffiliation = \"Institute {}\"\ntags = [\"topic-{}\", \"topic-{}\"]\nsummary = \"A short dek for piece {n}.\"\n+++\n{body}",
        n % 12 + 1,
        n % 28 + 1,
        n % authors,
        n % 7,
        n % 11,
        n % 5
    )
}

fn sources(count: usize) -> Sources {
    Sources {
        config: Some("title = \"Bench\"\ntimezone = \"America/New_York\"\n".into()),
        articles: (0..count)
            .map(|n| SourceFile {
                path: format!("content/p{n}.md").into(),
                text: piece(n, count / 20 + 1),
            })
            .collect(),
        ..Sources::default()
    }
}

fn config() -> Config {
    Config::parse("timezone = \"America/New_York\"", Path::new("site.toml"))
        .expect("valid settings")
}

#[divan::bench]
fn front_matter(bencher: divan::Bencher) {
    let text = piece(1, 10);
    bencher.bench(|| front_matter::parse_article(Path::new("a.md"), black_box(&text)).is_ok());
}

#[divan::bench]
fn markdown(bencher: divan::Bencher) {
    let text = piece(1, 10);
    let body = text.split("+++\n").nth(2).unwrap_or_default().to_string();
    bencher.bench(|| markdown::render(black_box(&body), &[]).word_count);
}

#[divan::bench]
fn read_one_article(bencher: divan::Bencher) {
    let file = SourceFile {
        path: "content/a.md".into(),
        text: piece(1, 10),
    };
    let config = config();
    bencher.bench(|| Article::read(black_box(&file), &config).is_ok());
}

#[divan::bench(args = [1_000, 10_000])]
fn assemble_indexes(bencher: divan::Bencher, count: usize) {
    let config = config();
    let read: Vec<_> = sources(count)
        .articles
        .iter()
        .map(|f| Article::read(f, &config).expect("valid piece"))
        .collect();
    bencher
        .with_inputs(|| read.clone())
        .bench_values(|articles| {
            Site::assemble(
                config.clone(),
                articles,
                Vec::new(),
                Vec::new(),
                Embargo::new(jiff::Timestamp::UNIX_EPOCH, Vec::new()),
            )
            .map(|s| s.articles.len())
            .ok()
        });
}

/// An archive of `count` pieces shaped like `examples/gen_corpus.rs`'s: 40 topics, the
/// first ones on many more pieces than the last, two to four a piece, `count / 20`
/// authors, a piece a few hours after the one before. Returns the pieces and the lists of
/// each topic's and author's pieces.
fn related_site(count: usize) -> (Vec<Piece>, Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let (topics, authors) = (40, count / 20 + 1);
    let mut seed = 7u64;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    let pieces: Vec<Piece> = (0..count)
        .map(|i| {
            let mut own = Vec::new();
            while own.len() < 2 + next(3) {
                let t = next(topics).min(next(topics));
                if !own.contains(&t) {
                    own.push(t);
                }
            }
            Piece {
                timestamp: 2_000_000_000 - i as i64 * 30_000,
                topics: own,
                authors: vec![next(authors)],
            }
        })
        .collect();
    let mut topic_articles = vec![Vec::new(); topics];
    let mut author_articles = vec![Vec::new(); authors];
    for (i, p) in pieces.iter().enumerate() {
        p.topics.iter().for_each(|&t| topic_articles[t].push(i));
        p.authors.iter().for_each(|&a| author_articles[a].push(i));
    }
    (pieces, topic_articles, author_articles)
}

/// The related pieces of every article (issue 13), by the walk the build takes and by
/// scoring every candidate.
#[divan::bench(args = [(10_000, "walk"), (10_000, "score-all"), (100_000, "walk"), (100_000, "score-all")], sample_count = 5)]
fn related_pieces(bencher: divan::Bencher, (count, road): (usize, &str)) {
    let (pieces, topics, authors) = related_site(count);
    let topics: Vec<&[usize]> = topics.iter().map(Vec::as_slice).collect();
    let authors: Vec<&[usize]> = authors.iter().map(Vec::as_slice).collect();
    let road = if road == "walk" {
        Road::Shortest
    } else {
        Road::ScoreAll
    };
    bencher.bench(|| related::choose_by(road, black_box(&pieces), &topics, &authors).len());
}

#[divan::bench(args = [200], sample_count = 10)]
fn build_in_memory(bencher: divan::Bencher, count: usize) {
    let sources = sources(count);
    bencher.bench(|| {
        build::in_memory(black_box(&sources), &BuildOptions::default())
            .map(|b| b.output.len())
            .ok()
    });
}
