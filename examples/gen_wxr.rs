//! Writes a generated WordPress export (WXR 1.2) for the import benchmark: N posts by a
//! staff of users and Co-Authors Plus guest authors, in categories and tags, with Yoast
//! metadata, classic and block bodies of about `--words` words each, an attachment for one
//! post in four, a revision for one in ten and one draft in twenty.
//!
//! The output depends only on its arguments; it uses the standard library alone, like
//! `gen_corpus`.
//!
//! ```text
//! cargo run --release --example gen_wxr -- --posts 10000 --out /dev/shm/export.xml [--words 900]
//! ```

use std::fmt::Write as _;
use std::io::{BufWriter, Write as _};
use std::process::ExitCode;

const USAGE: &str = "usage: gen_wxr --posts N --out FILE [--words W]";

const WORDS: &[&str] = &[
    "budget", "harbor", "transit", "council", "ledger", "tariff", "corridor", "levy", "grid",
    "district", "audit", "reform", "subsidy", "contract", "freight", "rail", "water", "permit",
    "housing", "school", "clinic", "bridge", "county", "program", "policy", "market", "labor",
    "energy", "fiscal", "regional", "public", "private", "federal", "local", "annual", "shared",
];
const TOPICS: &[&str] = &[
    "Economy",
    "Cities",
    "Trade",
    "Energy",
    "Housing",
    "Transit",
    "Water",
    "Schools",
    "Health",
    "Budgets",
    "Labor",
    "Ports & Shipping",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (mut posts, mut out, mut words) = (None, None, 900usize);
    while let Some(flag) = args.next() {
        let value = args.next();
        match (flag.as_str(), value) {
            ("--posts", Some(v)) => posts = v.parse::<usize>().ok(),
            ("--out", Some(v)) => out = Some(v),
            ("--words", Some(v)) => words = v.parse().unwrap_or(words),
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let (Some(posts), Some(out)) = (posts, out) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match write_export(posts, words, &out) {
        Ok(bytes) => {
            println!("{posts} posts, {bytes} bytes → {out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {out}: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write_export(posts: usize, words: usize, out: &str) -> std::io::Result<u64> {
    let file = std::fs::File::create(out)?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    let mut rng = Rng(1);
    let users = (posts / 25).max(5);
    let guests = (posts / 100).max(2);
    writeln!(
        w,
        r#"<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>Generated Review</title>
	<link>https://old.example.org</link>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_blog_url>https://old.example.org</wp:base_blog_url>"#
    )?;
    for u in 0..users {
        writeln!(
            w,
            "\t<wp:author><wp:author_id>{u}</wp:author_id><wp:author_login><![CDATA[user{u}]]></wp:author_login><wp:author_display_name><![CDATA[{} {} {u}]]></wp:author_display_name></wp:author>",
            capital(WORDS[u % WORDS.len()]),
            capital(WORDS[(u * 7 + 3) % WORDS.len()]),
        )?;
    }
    let mut id = 1;
    for g in 0..guests {
        id += 1;
        writeln!(
            w,
            "\t<item><title><![CDATA[Guest {g}]]></title><wp:post_id>{id}</wp:post_id><wp:post_name><![CDATA[cap-guest-{g}]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[guest-author]]></wp:post_type>\
<wp:postmeta><wp:meta_key>cap-display_name</wp:meta_key><wp:meta_value><![CDATA[Guest Writer {g}]]></wp:meta_value></wp:postmeta>\
<wp:postmeta><wp:meta_key>cap-description</wp:meta_key><wp:meta_value><![CDATA[Guest Writer {g} writes on {} policy.]]></wp:meta_value></wp:postmeta>\
<wp:postmeta><wp:meta_key>cap-website</wp:meta_key><wp:meta_value><![CDATA[https://guest{g}.example.net/]]></wp:meta_value></wp:postmeta></item>",
            rng.word()
        )?;
    }
    for p in 0..posts {
        id += 1;
        let year = 2010 + p * 15 / posts.max(1);
        let month = 1 + rng.below(12);
        let day = 1 + rng.below(28);
        let hour = 6 + rng.below(14);
        let title = format!(
            "{} {} and the {} {} No. {p}",
            capital(rng.word()),
            rng.word(),
            rng.word(),
            rng.word()
        );
        let slug = format!("post-{p}-{}", rng.word());
        let draft = p % 20 == 19;
        let (status, gmt) = if draft {
            ("draft", "0000-00-00 00:00:00".to_string())
        } else {
            (
                "publish",
                format!("{year}-{month:02}-{day:02} {:02}:15:00", hour + 4),
            )
        };
        let link = if draft {
            format!("https://old.example.org/?p={id}")
        } else {
            format!("https://old.example.org/{year}/{month:02}/{day:02}/{slug}/")
        };
        let body = body(&mut rng, words, p % 2 == 0);
        let mut terms = String::new();
        if p % 5 == 0 {
            let _ = write!(
                terms,
                "<category domain=\"author\" nicename=\"cap-guest-{}\"><![CDATA[guest-{0}]]></category><category domain=\"author\" nicename=\"cap-user{}\"><![CDATA[user{1}]]></category>",
                p % guests,
                p % users
            );
        }
        for t in [rng.below(TOPICS.len()), rng.below(TOPICS.len())] {
            let _ = write!(
                terms,
                "<category domain=\"category\" nicename=\"t{t}\"><![CDATA[{}]]></category>",
                TOPICS[t].replace('&', "&amp;")
            );
        }
        let _ = write!(
            terms,
            "<category domain=\"post_tag\" nicename=\"{0}\"><![CDATA[{0}]]></category>",
            rng.word()
        );
        writeln!(
            w,
            "\t<item>\n\t\t<title><![CDATA[{title}]]></title>\n\t\t<link>{link}</link>\n\t\t<dc:creator><![CDATA[user{}]]></dc:creator>\n\t\t<content:encoded><![CDATA[{body}]]></content:encoded>\n\t\t<excerpt:encoded><![CDATA[]]></excerpt:encoded>\n\t\t<wp:post_id>{id}</wp:post_id>\n\t\t<wp:post_date><![CDATA[{year}-{month:02}-{day:02} {hour:02}:15:00]]></wp:post_date>\n\t\t<wp:post_date_gmt><![CDATA[{gmt}]]></wp:post_date_gmt>\n\t\t<wp:post_name><![CDATA[{slug}]]></wp:post_name>\n\t\t<wp:status><![CDATA[{status}]]></wp:status>\n\t\t<wp:post_type><![CDATA[post]]></wp:post_type>\n\t\t{terms}\n\t\t<wp:postmeta><wp:meta_key><![CDATA[_yoast_wpseo_metadesc]]></wp:meta_key><wp:meta_value><![CDATA[On {} and {}.]]></wp:meta_value></wp:postmeta>\n\t</item>",
            p % users,
            rng.word(),
            rng.word()
        )?;
        if p % 4 == 0 {
            id += 1;
            writeln!(
                w,
                "\t<item><title>image-{p}</title><wp:post_id>{id}</wp:post_id><wp:status>inherit</wp:status><wp:post_type>attachment</wp:post_type></item>"
            )?;
        }
        if p % 10 == 0 {
            id += 1;
            writeln!(
                w,
                "\t<item><title><![CDATA[{title}]]></title><content:encoded><![CDATA[{}]]></content:encoded><wp:post_id>{id}</wp:post_id><wp:status>inherit</wp:status><wp:post_type>revision</wp:post_type></item>",
                &body[..body.len().min(2000)]
            )?;
        }
    }
    writeln!(w, "</channel>\n</rss>")?;
    w.flush()?;
    Ok(std::fs::metadata(out)?.len())
}

fn capital(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// About `words` words in paragraphs of forty to ninety, as a classic body (blank lines) or
/// a block body (`<!-- wp:paragraph -->`), with a link, emphasis and a heading now and then.
fn body(rng: &mut Rng, words: usize, classic: bool) -> String {
    let mut out = String::with_capacity(words * 8);
    let mut written = 0;
    let mut paragraph = 0;
    while written < words {
        let len = 40 + rng.below(50);
        let mut text = String::new();
        for i in 0..len {
            let word = rng.word();
            match (i, rng.below(40)) {
                (0, _) => text.push_str(&capital(word)),
                (_, 0) => {
                    let _ = write!(text, " <a href=\"/{word}/\">{word}</a>");
                }
                (_, 1) => {
                    let _ = write!(text, " <em>{word}</em>");
                }
                _ => {
                    text.push(' ');
                    text.push_str(word);
                }
            }
        }
        text.push('.');
        written += len;
        paragraph += 1;
        if classic {
            if paragraph % 6 == 0 {
                let _ = write!(out, "<h2>{}</h2>\n\n", capital(rng.word()));
            }
            out.push_str(&text);
            out.push_str("\n\n");
        } else {
            let _ = write!(
                out,
                "<!-- wp:paragraph -->\n<p>{text}</p>\n<!-- /wp:paragraph -->\n\n"
            );
        }
    }
    out
}
