//! Writes a generated archive of commentary for benchmarks: a broadsheet site and, on
//! request, the same pieces as a Hugo site with minimal layouts of comparable weight.
//!
//! The output depends only on `--articles` and `--seed`: the same pair always gives
//! byte-identical trees, so timings taken on different days compare like with like. It uses
//! the standard library alone (a splitmix64 generator stands in for a random crate), so the
//! example builds whatever state the rest of the crate is in.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --articles 10000 --out /dev/shm/site \
//!     [--seed 1] [--hugo /dev/shm/hugo-site]
//! ```
//!
//! Scale follows the archive the benchmark models: one author per twenty pieces (at least
//! five), fifteen affiliations, forty topics, one piece in ten co-authored by two people
//! from different institutions, dates spread over 2016-2025 in New York time, and bodies of
//! roughly a thousand words with the odd subheading, footnote, emphasis, link, quote or list.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Name of the file that marks a folder as ours, so a rerun may clear it and nothing else.
const MARKER: &str = ".gen_corpus";

const USAGE: &str = "usage: gen_corpus --articles N --out DIR [--seed S] [--hugo DIR]

Writes a deterministic generated archive of N pieces as a broadsheet site in DIR and,
with --hugo, as an equivalent Hugo site. An existing DIR must be empty or written by an
earlier run of this program; it is replaced whole.";

fn main() -> ExitCode {
    let options = match Options::parse(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let corpus = Corpus::generate(options.articles, options.seed);
    let mut result = write_broadsheet(&corpus, &options.out);
    if let (Ok(()), Some(dir)) = (&result, &options.hugo) {
        result = write_hugo(&corpus, dir);
    }
    match result {
        Ok(()) => {
            let words: usize = corpus.pieces.iter().map(|p| p.words).sum();
            println!(
                "{} pieces ({} words, {} co-authored), {} authors, {} affiliations, {} topics; seed {}",
                corpus.pieces.len(),
                words,
                corpus.pieces.iter().filter(|p| p.byline.len() > 1).count(),
                corpus.authors.len(),
                AFFILIATIONS.len(),
                TOPICS.len(),
                options.seed
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// What the command line asked for.
struct Options {
    articles: usize,
    out: PathBuf,
    seed: u64,
    hugo: Option<PathBuf>,
}

impl Options {
    /// Reads the arguments by hand; `Ok(None)` means help was asked for.
    fn parse(mut args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
        let (mut articles, mut out, mut seed, mut hugo) = (None, None, 1, None);
        while let Some(flag) = args.next() {
            if flag == "-h" || flag == "--help" {
                return Ok(None);
            }
            let (name, inline) = match flag.split_once('=') {
                Some((name, value)) => (name.to_string(), Some(value.to_string())),
                None => (flag, None),
            };
            let mut value = || {
                inline
                    .clone()
                    .or_else(|| args.next())
                    .ok_or_else(|| format!("`{name}` needs a value"))
            };
            match name.as_str() {
                "--articles" => {
                    let text = value()?;
                    articles = Some(
                        text.parse::<usize>()
                            .ok()
                            .filter(|n| (1..=10_000_000).contains(n))
                            .ok_or_else(|| {
                                format!("`--articles` must be from 1 to 10000000, not `{text}`")
                            })?,
                    );
                }
                "--seed" => {
                    let text = value()?;
                    seed = text
                        .parse::<u64>()
                        .map_err(|_| format!("`--seed` must be a whole number, not `{text}`"))?;
                }
                "--out" => out = Some(PathBuf::from(value()?)),
                "--hugo" => hugo = Some(PathBuf::from(value()?)),
                _ => return Err(format!("unknown argument `{name}`")),
            }
        }
        let articles = articles.ok_or("`--articles N` is required")?;
        let out = out.ok_or("`--out DIR` is required")?;
        Ok(Some(Options {
            articles,
            out,
            seed,
            hugo,
        }))
    }
}

/// splitmix64: tiny, fast and good enough to make text; the exact sequence is part of the
/// promise that a seed always gives the same archive.
struct Rng(u64);

impl Rng {
    /// A generator for one purpose, so that changing how one part draws numbers leaves the
    /// other parts of the archive as they were.
    fn stream(seed: u64, purpose: u64, index: u64) -> Rng {
        let mut rng = Rng(seed ^ purpose.wrapping_mul(0xA24B_AED4_963E_E407));
        rng.0 ^= rng
            .next_u64()
            .wrapping_add(index.wrapping_mul(0x9FB2_1C65_1E98_DF25));
        rng
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; the modulo bias is far below anything text could show.
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn percent(&mut self, chance: usize) -> bool {
        self.below(100) < chance
    }

    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FIRST_NAMES: &[&str] = &[
    "Abigail", "Adrian", "Alma", "Amos", "Anika", "Arjun", "Beatrice", "Bennett", "Bianca",
    "Calvin", "Camille", "Cedric", "Clara", "Dalia", "Damian", "Delphine", "Desmond", "Eamon",
    "Edith", "Elena", "Elias", "Esther", "Farah", "Felix", "Fiona", "Gareth", "Greta", "Hana",
    "Harold", "Hugo", "Ines", "Isaac", "Ivy", "Jasper", "Joanna", "Jonah", "Julian", "Kamala",
    "Keiko", "Kofi", "Lars", "Leila", "Lionel", "Lucia", "Malik", "Margot", "Marisol", "Mateo",
    "Mina", "Miriam", "Nadia", "Naveen", "Nell", "Nikhil", "Nora", "Oren", "Orla", "Pablo",
    "Petra", "Priya", "Quentin", "Rafael", "Rhea", "Rosalind", "Ruben", "Saoirse", "Selma",
    "Simon", "Sofia", "Tamsin", "Tariq", "Thea", "Tobias", "Ursula", "Viktor", "Vivian", "Wendell",
    "Willa", "Yusuf", "Zara",
];

const LAST_NAMES: &[&str] = &[
    "Abernathy",
    "Achebe",
    "Alvarez",
    "Ashdown",
    "Balogun",
    "Barrow",
    "Bergstrom",
    "Blackwood",
    "Castellano",
    "Chowdhury",
    "Cordero",
    "Dagenais",
    "Delacroix",
    "Dunmore",
    "Eklund",
    "Esposito",
    "Fairbanks",
    "Farrell",
    "Fonseca",
    "Galloway",
    "Greenhalgh",
    "Haddad",
    "Halvorsen",
    "Hargreave",
    "Ibarra",
    "Iwasaki",
    "Jablonski",
    "Kaminski",
    "Kasprzak",
    "Kowalczyk",
    "Lachance",
    "Lindqvist",
    "Llewellyn",
    "Machado",
    "Marchetti",
    "Mbeki",
    "Montague",
    "Nakashima",
    "Novak",
    "Okafor",
    "Okonkwo",
    "Ostrowski",
    "Pacheco",
    "Pemberton",
    "Quintero",
    "Radcliffe",
    "Ravensworth",
    "Rinaldi",
    "Sandoval",
    "Satterfield",
    "Sorensen",
    "Sutherland",
    "Takahashi",
    "Thorne",
    "Trevelyan",
    "Umberto",
    "Vasquez",
    "Vellacott",
    "Wakefield",
    "Whitcombe",
    "Yamamoto",
    "Zielinski",
];

const ROLES: &[&str] = &[
    "Senior Fellow",
    "Columnist",
    "Contributing Writer",
    "Research Director",
    "Visiting Scholar",
    "Economics Editor",
    "Policy Analyst",
    "Professor of Public Policy",
    "Nonresident Fellow",
    "Staff Writer",
    "Program Director",
    "Associate Editor",
];

const AFFILIATIONS: &[&str] = &[
    "Larkspur Institute",
    "Quayside Policy Center",
    "Eastmarch University",
    "Council for Civic Ledgers",
    "Northhollow College",
    "Bellwether Forum",
    "Ridgeline Institute for Economics",
    "Tidewater School of Law",
    "Cobaltline Strategy Group",
    "Lantern Public Trust",
    "Westbrook Policy Lab",
    "Granary Economics Project",
    "Solstice Center for Security Studies",
    "Harrowgate Foundation",
    "Marram Coast University",
];

const TOPICS: &[&str] = &[
    "Trade",
    "Energy",
    "Housing",
    "Health Care",
    "Education",
    "Defense",
    "Climate",
    "Elections",
    "Courts",
    "Immigration",
    "Labor",
    "Taxes",
    "Monetary Policy",
    "Technology",
    "Privacy",
    "Transport",
    "Agriculture",
    "Water",
    "Public Health",
    "Cities",
    "Rural Affairs",
    "Foreign Aid",
    "Diplomacy",
    "Cybersecurity",
    "Pensions",
    "Banking",
    "Media",
    "Science",
    "Space",
    "Oceans",
    "Arctic",
    "Africa",
    "Asia",
    "Europe",
    "Latin America",
    "Middle East",
    "Unions",
    "Antitrust",
    "Infrastructure",
    "Budget",
];

/// Institutions, all singular, because sentences refer back to them as "it".
const ACTORS: &[&str] = &[
    "the administration",
    "Congress",
    "the central bank",
    "the city council",
    "the trade ministry",
    "the regulator",
    "the governor",
    "the state legislature",
    "the finance committee",
    "the school board",
    "the coalition government",
    "the opposition",
    "the appeals court",
    "the lending industry",
    "the treasury",
    "the county commission",
    "the port authority",
    "the planning office",
    "the health ministry",
    "the budget office",
];

const POLICIES: &[&str] = &[
    "the new tariff schedule",
    "the housing voucher program",
    "the carbon levy",
    "the grid modernization plan",
    "the pension overhaul",
    "the border compact",
    "the broadband subsidy",
    "the transit bond",
    "the rent stabilization rule",
    "the farm credit reform",
    "the data protection bill",
    "the water rights settlement",
    "the school funding formula",
    "the minimum wage increase",
    "the drug pricing deal",
    "the defense procurement review",
    "the election security grant",
    "the foreign aid package",
    "the sanctions regime",
    "the merger guidelines",
    "the apprenticeship scheme",
    "the rural clinic fund",
    "the port expansion",
    "the coastal buffer plan",
    "the research budget",
    "the deposit insurance change",
    "the zoning reform",
    "the visa lottery",
    "the fuel standard",
    "the public option",
    "the satellite licensing rule",
    "the fisheries quota",
    "the debt ceiling deal",
    "the stimulus rebate",
    "the patent reform",
    "the bail reform",
    "the teacher pay compact",
    "the highway trust fund fix",
    "the child tax credit",
    "the regional trade pact",
];

const GROUPS: &[&str] = &[
    "working families",
    "small manufacturers",
    "renters",
    "first-time voters",
    "rural hospitals",
    "midsize ports",
    "young teachers",
    "retirees",
    "independent farmers",
    "commuters",
    "public defenders",
    "community banks",
    "nurses",
    "exporters",
    "start-up founders",
    "municipal utilities",
    "seasonal workers",
    "veterans",
    "local newspapers",
    "transit riders",
];

const PLACES: &[&str] = &[
    "the Midwest",
    "coastal towns",
    "the river delta",
    "mid-sized cities",
    "the northern provinces",
    "border counties",
    "the capital region",
    "former mill towns",
    "the high plains",
    "island communities",
    "the inner suburbs",
    "the southern ports",
    "mountain districts",
    "the rust belt",
    "fast-growing exurbs",
];

const ADJECTIVES: &[&str] = &[
    "sobering",
    "uneven",
    "surprising",
    "familiar",
    "stubborn",
    "encouraging",
    "messy",
    "lopsided",
    "fragile",
    "overdue",
    "costly",
    "quiet",
    "durable",
    "awkward",
];

const GOALS: &[&str] = &[
    "predictable funding",
    "transparent rules",
    "shared risk",
    "long-term maintenance",
    "honest accounting",
    "local control",
    "fair competition",
    "steady investment",
    "clear accountability",
    "public trust",
];

const NOUNS: &[&str] = &[
    "task force",
    "pilot program",
    "white paper",
    "summit",
    "commission",
    "hearing",
    "advisory board",
    "press conference",
    "framework",
    "review",
];

const SPANS: &[&str] = &[
    "the better part of a decade",
    "three budget cycles",
    "most of the past year",
    "two election campaigns",
    "a generation",
    "eighteen months",
];

/// Shares of a group; each reads well followed by "of".
const STATS: &[&str] = &[
    "nearly half",
    "a third",
    "roughly a quarter",
    "the majority",
    "almost 60 percent",
    "barely 12 percent",
    "a clear majority",
    "only a small fraction",
];

const DOCUMENTS: &[&str] = &[
    "a recent audit",
    "last spring's survey",
    "an internal review",
    "the committee's own report",
    "a careful study",
    "the inspector general",
];

/// Sentence patterns; `{X}` marks a slot filled from the lists above (see `fill`).
const SENTENCES: &[&str] = &[
    "{A} has spent {D} arguing about {P}, but the harder question is who pays for it.",
    "The numbers tell {j} story: {S} of {G} in {L} say {P} has changed little so far.",
    "Critics will call {P} {J}, and they are not entirely wrong.",
    "What {G} need is not another {N} but a steady commitment to {O}.",
    "None of this is new to anyone who has watched {T} policy since {Y}.",
    "It is tempting to blame {A}, yet the deeper problem is the way {Q} was designed.",
    "In {L}, the effects of {P} arrived faster than anyone had planned for.",
    "{j} truth sits under the headlines: {G} have been asked to carry most of the risk.",
    "Supporters of {P} promised {O}, and on that score the record is {J}.",
    "The next {N} should start with {G}, not with the people who drafted {Q}.",
    "If {A} wants {O}, it will have to say so in the budget rather than in speeches.",
    "Ask {G} in {L} what changed after {Y} and the answers are remarkably consistent.",
    "There is a version of {P} that works, and it looks a lot like {Q}.",
    "The argument over {T} has become a proxy for a fight about {O}.",
    "Nobody designing {P} from scratch would have chosen this path.",
    "{A} can still fix this, but the window is closing with every {N}.",
    "For {G}, the difference between a good year and a bad one often comes down to {Q}.",
    "The evidence from {L} points the other way, and it deserves a hearing.",
    "Every serious review since {Y} has reached the same uncomfortable conclusion.",
    "Reform will not come from another {N}; it will come when {A} accepts some blame.",
    "The cost of waiting is real, and it falls hardest on {G}.",
    "Put simply, {P} was sold as a bargain and delivered as a bill.",
    "That is why the debate over {Q} matters more than its modest price tag suggests.",
    "Those who defend the status quo rarely live in {L}.",
    "The lesson for {T} is not to do less, but to do fewer things well.",
    "Any honest account of {P} has to start with {G}.",
    "Even its architects now concede that {Q} needs {O} to survive.",
    "Without {O}, {P} will keep disappointing the people it was meant to help.",
    "The more interesting question is why {A} keeps returning to the same playbook.",
    "Compared with {Y}, the politics of {T} have shifted, but the arithmetic has not.",
    "Local officials in {L} have quietly tried something different.",
    "Their results are {J}, which is more than can be said for {Q}.",
    "No single rule will settle this, but {O} would be a start.",
    "It would be a mistake to read too much into one {J} quarter.",
    "A decade ago {P} looked like a consensus; today it looks like a cautionary tale.",
    "The people who run {L} do not have the luxury of waiting for {A} to decide.",
    "One reason the debate feels stuck is that both sides are still fighting the battles of {Y}.",
    "{G} have adapted, as they always do, but adaptation is not the same as success.",
    "Much of what passes for analysis of {T} is really a wish list.",
    "Start with the budget, because that is where intentions become choices.",
    "The gap between the promise of {P} and its delivery keeps widening.",
    "Nobody should pretend that {O} comes cheap.",
    "The strongest objection to {Q} is not ideological but practical.",
    "Consider what happened in {L} after {Y}.",
    "The officials involved meant well, and that is precisely the trouble.",
    "It is worth asking who was in the room when {P} was written.",
    "Money alone will not settle this, though it would help.",
    "The record of {A} on {T} is better than its critics admit and worse than its press releases claim.",
    "A modest fix is available, and it does not require a new {N}.",
    "{G} in {L} have learned to expect little, which is its own indictment.",
    "Meanwhile the cost of {Q} keeps rising, largely out of sight.",
    "The politics are hard; the policy is not.",
    "If the goal is {O}, the current design of {P} is a poor way to reach it.",
    "Reasonable people can disagree about {T}, but not about the arithmetic.",
    "The people closest to the problem, {G} among them, have said this for years.",
];

/// Sentences that carry a link; `{K}` is the linked document.
const LINK_SENTENCES: &[&str] = &[
    "{K} found that {S} of {G} in {L} never saw the promised benefits.",
    "As {K} put it, {P} has been timid in practice and generous on paper.",
    "{K} counted the cost of {Q} and arrived at a figure few officials repeat.",
];

const SUBHEADINGS: &[&str] = &[
    "What the Numbers Show",
    "The Case Against",
    "A Better Path",
    "Who Pays",
    "What Comes Next",
    "The View From the Ground",
    "An Old Argument",
    "Where Reform Stalls",
    "The Missing Piece",
    "Counting the Cost",
];

const DEKS: &[&str] = &[
    "{P} promised {O}; {G} in {L} are still waiting.",
    "Why {A} keeps misreading {T}, and what {G} can teach it.",
    "The fight over {Q} is really a fight about {O}.",
    "{j} look at {P} and the people it was meant to help.",
];

/// Title patterns; every slot is title-cased before it is used.
const TITLES: &[&str] = &[
    "Why {P} Needs a Second Look",
    "The Quiet Cost of {P}",
    "{A} Is Getting {T} Wrong",
    "What {G} Can Teach Us About {T}",
    "A Better Deal for {G}",
    "The Case Against {P}",
    "How {L} Rethought {T}",
    "{T} After the Vote",
    "Ten Years of {P}",
    "Stop Pretending {P} Is Free",
    "The Limits of {P}",
    "Rethinking {T} in {L}",
    "{G} Deserve More Than {P}",
    "The Real Lesson of {P}",
    "What {A} Gets Right About {T}",
    "Fixing {P} Before It Is Too Late",
    "{T} and the Politics of {O}",
    "The {J} Truth About {P}",
    "{P} and the Future of {T}",
    "Why {G} in {L} Are Losing Patience",
    "{A} Should Listen to {G}",
    "What {P} Means for {L}",
    "The Trouble With {P} in {L}",
    "{G}, {T} and the Next Budget",
    "Who Really Pays for {P}",
    "After {P}, a Harder Choice on {T}",
    "The Forgotten Stake of {G} in {T}",
    "{A} and the Price of {O}",
    "Lessons on {T} From {L}",
];

/// A local date and time in New York, with its UTC offset in hours.
#[derive(Clone, Copy)]
struct DateTime {
    year: i32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    offset: i32,
}

impl DateTime {
    /// RFC 3339, which TOML reads as an offset date-time.
    fn rfc3339(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:00-{:02}:00",
            self.year, self.month, self.day, self.hour, self.minute, -self.offset
        )
    }
}

/// Days since 1970-01-01 of a civil date (the well-known era-based conversion).
fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count, the inverse of `days_from_civil`.
fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

/// The day count of the `nth` Sunday of a month (1-based).
fn nth_sunday(year: i32, month: u32, nth: i64) -> i64 {
    let first = days_from_civil(year, month, 1);
    // 1970-01-01 was a Thursday; with Sunday as 0 that is weekday 4.
    let weekday = (first + 4).rem_euclid(7);
    first + (7 - weekday) % 7 + 7 * (nth - 1)
}

/// A random publication time between 2016 and 2025, during working hours. New York's
/// daylight saving time runs from the second Sunday of March to the first Sunday of
/// November (rules in force for the whole range); both switches happen at 2am, before any
/// time drawn here, so the day alone decides the offset.
fn random_datetime(rng: &mut Rng) -> DateTime {
    let start = days_from_civil(2016, 1, 1);
    let end = days_from_civil(2025, 12, 31);
    let days = start + rng.below((end - start + 1) as usize) as i64;
    let (year, month, day) = civil_from_days(days);
    let summer = days >= nth_sunday(year, 3, 2) && days < nth_sunday(year, 11, 1);
    DateTime {
        year,
        month,
        day,
        hour: rng.between(6, 21) as u32,
        minute: rng.below(12) as u32 * 5,
        offset: if summer { -4 } else { -5 },
    }
}

/// Lowercase ASCII words joined by single hyphens.
fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// Capitalises every word but the short joining ones, as headline style does.
fn title_case(text: &str) -> String {
    const SMALL: &[&str] = &["a", "an", "the", "of", "for", "in", "on", "and", "to"];
    text.split(' ')
        .enumerate()
        .map(|(i, word)| {
            if i > 0 && SMALL.contains(&word) {
                word.to_string()
            } else {
                capitalise(word)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Uppercases the first letter; hyphenated words get each part capitalised.
fn capitalise(word: &str) -> String {
    word.split('-')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join("-")
}

/// A TOML basic string, quoted.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML array of strings on one line.
fn string_array<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = items.into_iter().map(quote).collect();
    format!("[{}]", quoted.join(", "))
}

/// One generated author.
struct Author {
    name: String,
    slug: String,
    role: &'static str,
    /// Index into `AFFILIATIONS` of the institution they are with now.
    current: usize,
    /// An earlier institution and the year they left it, for authors who moved.
    previous: Option<(usize, i32)>,
    /// Indexes into `TOPICS` they write about most.
    beats: [usize; 2],
}

impl Author {
    /// The affiliation a piece of theirs carries when it was written in `year`.
    fn affiliation_in(&self, year: i32) -> usize {
        match self.previous {
            Some((earlier, until)) if year < until => earlier,
            _ => self.current,
        }
    }
}

/// One generated piece.
struct Piece {
    title: String,
    slug: String,
    date: DateTime,
    /// Author and affiliation indexes, in byline order.
    byline: Vec<(usize, usize)>,
    tags: Vec<usize>,
    summary: Option<String>,
    body: String,
    words: usize,
}

/// Everything both sites are written from.
struct Corpus {
    authors: Vec<Author>,
    pieces: Vec<Piece>,
}

impl Corpus {
    fn generate(articles: usize, seed: u64) -> Corpus {
        let authors = generate_authors((articles / 20).max(5).min(articles), seed);
        let mut pick = Rng::stream(seed, 2, 0);
        let mut slugs = HashSet::new();
        let pieces = (0..articles)
            .map(|index| {
                // The first pieces go to each author in turn so nobody is left without one;
                // after that a skewed draw makes some authors far more prolific than others.
                let lead = if index < authors.len() {
                    index
                } else {
                    ((pick.unit().powf(1.5)) * authors.len() as f64) as usize % authors.len()
                };
                generate_piece(&authors, lead, index, seed, &mut slugs)
            })
            .collect();
        Corpus { authors, pieces }
    }
}

fn generate_authors(count: usize, seed: u64) -> Vec<Author> {
    let mut rng = Rng::stream(seed, 1, 0);
    let mut names = HashSet::new();
    let mut authors = Vec::with_capacity(count);
    while authors.len() < count {
        let first = rng.pick(FIRST_NAMES);
        let last = rng.pick(LAST_NAMES);
        // Past a few thousand authors plain first-and-last pairs run out; a middle name
        // (never an initial, whose full stop would slug differently elsewhere) keeps them apart.
        let mut name = format!("{first} {last}");
        let mut tries = 0;
        while names.contains(&name) {
            tries += 1;
            name = if tries < 50 {
                format!("{first} {} {last}", rng.pick(FIRST_NAMES))
            } else {
                format!(
                    "{first} {} {} {last}",
                    rng.pick(FIRST_NAMES),
                    rng.pick(FIRST_NAMES)
                )
            };
        }
        names.insert(name.clone());
        let current = rng.below(AFFILIATIONS.len());
        let previous = if rng.percent(20) {
            let earlier = (current + rng.between(1, AFFILIATIONS.len() - 1)) % AFFILIATIONS.len();
            Some((earlier, rng.between(2018, 2024) as i32))
        } else {
            None
        };
        let first_beat = rng.below(TOPICS.len());
        let second_beat = (first_beat + rng.between(1, TOPICS.len() - 1)) % TOPICS.len();
        authors.push(Author {
            slug: slugify(&name),
            name,
            role: rng.pick(ROLES),
            current,
            previous,
            beats: [first_beat, second_beat],
        });
    }
    authors
}

fn generate_piece(
    authors: &[Author],
    lead: usize,
    index: usize,
    seed: u64,
    slugs: &mut HashSet<String>,
) -> Piece {
    let mut rng = Rng::stream(seed, 3, index as u64);
    let date = random_datetime(&mut rng);
    let lead_affiliation = authors[lead].affiliation_in(date.year);
    let mut byline = vec![(lead, lead_affiliation)];
    if rng.percent(10) && authors.len() > 1 {
        // A co-author from another institution; give up quietly in the unlikely case that
        // every author shares one.
        for _ in 0..100 {
            let other = rng.below(authors.len());
            let affiliation = authors[other].affiliation_in(date.year);
            if other != lead && affiliation != lead_affiliation {
                byline.push((other, affiliation));
                break;
            }
        }
    }

    let mut tags = Vec::new();
    let beats = authors[lead].beats;
    if rng.percent(70) {
        tags.push(beats[rng.below(2)]);
    }
    let tag_count = rng.between(2, 4);
    while tags.len() < tag_count {
        let topic = rng.below(TOPICS.len());
        if !tags.contains(&topic) {
            tags.push(topic);
        }
    }

    let focus = Focus {
        actor: rng.pick(ACTORS),
        policy: rng.pick(POLICIES),
        other_policy: rng.pick(POLICIES),
        group: rng.pick(GROUPS),
        place: rng.pick(PLACES),
        topic: TOPICS[tags[0]],
        affiliation: AFFILIATIONS[lead_affiliation],
    };

    // Titles must be unique, since slugs come from them: draw again a few times, then
    // date the title, and number it only as a last resort.
    let mut title = String::new();
    let mut slug = String::new();
    for attempt in 0..40 {
        let pattern = TITLES[rng.below(TITLES.len())];
        title = fill(&mut rng, pattern, &focus, Style::Title);
        if attempt >= 8 {
            title = format!("{title} in {}", date.year);
        }
        slug = slugify(&title);
        if !slugs.contains(&slug) {
            break;
        }
    }
    let stem = title.clone();
    let mut part = 2;
    while slugs.contains(&slug) {
        title = format!("{stem} Part {part}");
        slug = slugify(&title);
        part += 1;
    }
    slugs.insert(slug.clone());

    let summary = if rng.percent(70) {
        let pattern = rng.pick(DEKS);
        Some(fill(&mut rng, pattern, &focus, Style::Prose))
    } else {
        None
    };
    let (body, words) = generate_body(&mut rng, &focus, index);
    Piece {
        title,
        slug,
        date,
        byline,
        tags,
        summary,
        body,
        words,
    }
}

/// The handful of phrases a piece keeps coming back to, which is what makes the generated
/// text read as one argument rather than a heap of sentences.
struct Focus {
    actor: &'static str,
    policy: &'static str,
    other_policy: &'static str,
    group: &'static str,
    place: &'static str,
    topic: &'static str,
    affiliation: &'static str,
}

#[derive(Clone, Copy, PartialEq)]
enum Style {
    Title,
    Prose,
    /// Prose with one slot set in *emphasis*.
    Emphatic,
}

/// Fills the `{X}` slots of a pattern. Prose gets its first letter capitalised; titles get
/// every slot title-cased.
fn fill(rng: &mut Rng, pattern: &str, focus: &Focus, style: Style) -> String {
    let mut out = String::with_capacity(pattern.len() + 64);
    let mut emphasised = style != Style::Emphatic;
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let slot = rest[open + 1..].chars().next().unwrap_or('?');
        rest = rest.get(open + 3..).unwrap_or("");
        let value: String = match slot {
            'A' => focus.actor.into(),
            'P' => focus.policy.into(),
            // The second policy is usually the piece's own, sometimes a fresh one.
            'Q' if rng.percent(70) => focus.other_policy.into(),
            'Q' => rng.pick(POLICIES).into(),
            'G' if rng.percent(75) => focus.group.into(),
            'G' => rng.pick(GROUPS).into(),
            'L' if rng.percent(75) => focus.place.into(),
            'L' => rng.pick(PLACES).into(),
            'T' if style == Style::Title => focus.topic.into(),
            'T' => focus.topic.to_lowercase(),
            'J' => rng.pick(ADJECTIVES).into(),
            'j' => {
                let adjective = rng.pick(ADJECTIVES);
                let article = if adjective.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an"
                } else {
                    "a"
                };
                format!("{article} {adjective}")
            }
            'O' => rng.pick(GOALS).into(),
            'N' => rng.pick(NOUNS).into(),
            'D' => rng.pick(SPANS).into(),
            'S' => rng.pick(STATS).into(),
            'Y' => rng.between(1994, 2015).to_string(),
            'K' => {
                let document = rng.pick(DOCUMENTS);
                format!(
                    "[{document}](https://example.org/reports/{}-{})",
                    slugify(document),
                    rng.between(100, 999)
                )
            }
            _ => String::new(),
        };
        if style == Style::Title {
            // Title-cased once, as a whole, below.
            out.push_str(&value);
        } else if !emphasised && matches!(slot, 'J' | 'O' | 'G' | 'P' | 'D') {
            emphasised = true;
            let _ = write!(out, "*{value}*");
        } else {
            out.push_str(&value);
        }
    }
    out.push_str(rest);
    if style == Style::Title {
        title_case(&out)
    } else {
        capitalise_first(&out)
    }
}

fn capitalise_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some('[') => format!("[{}", capitalise_first(chars.as_str())),
        Some('*') => format!("*{}", capitalise_first(chars.as_str())),
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A sentence pattern not among the last few used, so paragraphs do not echo each other.
fn fresh_sentence(rng: &mut Rng, recent: &mut Vec<usize>) -> &'static str {
    let mut index = rng.below(SENTENCES.len());
    while recent.contains(&index) {
        index = rng.below(SENTENCES.len());
    }
    if recent.len() == SENTENCES.len() / 2 {
        recent.remove(0);
    }
    recent.push(index);
    SENTENCES[index]
}

/// A body of about a thousand words, and its word count.
fn generate_body(rng: &mut Rng, focus: &Focus, index: usize) -> (String, usize) {
    let target = rng.between(850, 1150);
    let headings = rng.between(0, 2);
    let footnote = rng.percent(35);
    let links = if rng.percent(60) {
        rng.between(1, 2)
    } else {
        0
    };
    let quote_at = if rng.percent(15) {
        Some(rng.between(2, 5))
    } else {
        None
    };
    let list_at = if rng.percent(15) {
        Some(rng.between(3, 6))
    } else {
        None
    };

    let mut body = String::with_capacity(target * 7);
    let mut words = 0;
    let mut paragraphs = 0;
    let mut recent = Vec::new();
    let (mut headings_done, mut links_done, mut footnote_done) = (0, 0, false);
    while words < target {
        if paragraphs >= 2 && headings_done < headings && rng.percent(30) {
            let heading = rng.pick(SUBHEADINGS);
            let _ = write!(body, "## {heading}\n\n");
            words += heading.split_whitespace().count();
            headings_done += 1;
        }
        if quote_at == Some(paragraphs) {
            let pattern = fresh_sentence(rng, &mut recent);
            let line = fill(rng, pattern, focus, Style::Prose);
            words += line.split_whitespace().count();
            let _ = write!(body, "> {line}\n\n");
        }
        if list_at == Some(paragraphs) {
            body.push_str("Three things would help:\n\n");
            for _ in 0..3 {
                let goal = capitalise_first(rng.pick(GOALS));
                let group = rng.pick(GROUPS);
                let _ = writeln!(body, "- {goal} for {group}.");
                words += 3 + group.split_whitespace().count() + goal.split_whitespace().count();
            }
            body.push('\n');
        }
        let sentences = rng.between(3, 6);
        for s in 0..sentences {
            if s > 0 {
                body.push(' ');
            }
            let (pattern, style) = if links_done < links && paragraphs >= 1 && rng.percent(20) {
                links_done += 1;
                (rng.pick(LINK_SENTENCES), Style::Prose)
            } else if rng.percent(8) {
                (fresh_sentence(rng, &mut recent), Style::Emphatic)
            } else {
                (fresh_sentence(rng, &mut recent), Style::Prose)
            };
            let sentence = fill(rng, pattern, focus, style);
            words += sentence.split_whitespace().count();
            body.push_str(&sentence);
            if footnote && !footnote_done && paragraphs >= 2 && rng.percent(25) {
                footnote_done = true;
                body.push_str("[^1]");
            }
        }
        body.push_str("\n\n");
        paragraphs += 1;
    }
    if footnote_done {
        let _ = writeln!(
            body,
            "[^1]: Figures come from {}'s annual survey of {}, edition {}.",
            focus.affiliation,
            focus.group,
            1000 + index % 9000
        );
    } else {
        body.pop();
    }
    (body, words)
}

/// A short biography in our own generated words.
fn bio(author: &Author) -> String {
    let first = author.name.split(' ').next().unwrap_or(&author.name);
    let mut text = format!(
        "{} is {} {} at {}, where {first} writes about {} and {}.",
        author.name,
        if author.role.starts_with(['A', 'E', 'I', 'O', 'U']) {
            "an"
        } else {
            "a"
        },
        author.role.to_lowercase(),
        AFFILIATIONS[author.current],
        TOPICS[author.beats[0]].to_lowercase(),
        TOPICS[author.beats[1]].to_lowercase(),
    );
    if let Some((earlier, until)) = author.previous {
        let _ = write!(
            text,
            " Until {until}, {first} was with {}.",
            AFFILIATIONS[earlier]
        );
    }
    let _ = writeln!(
        text,
        " {first}'s commentary looks for the gap between what a policy promises and what it delivers."
    );
    text
}

/// Clears `dir` if an earlier run wrote it, refuses if it holds anything else, and
/// recreates it empty.
fn prepare(dir: &Path) -> Result<(), String> {
    let shown = dir.display();
    if dir.exists() {
        let mut entries = fs::read_dir(dir).map_err(|e| format!("cannot read {shown}: {e}"))?;
        if entries.next().is_some() {
            if !dir.join(MARKER).is_file() {
                return Err(format!(
                    "{shown} is not empty and was not written by gen_corpus; refusing to replace it"
                ));
            }
            fs::remove_dir_all(dir).map_err(|e| format!("cannot clear {shown}: {e}"))?;
        }
    }
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {shown}: {e}"))?;
    write(
        &dir.join(MARKER),
        "Written by gen_corpus; a rerun replaces this folder.\n",
    )
}

fn write(path: &Path, contents: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    fs::write(path, contents).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn write_broadsheet(corpus: &Corpus, out: &Path) -> Result<(), String> {
    prepare(out)?;
    write(
        &out.join("site.toml"),
        "title = \"Generated Archive\"\nbase_url = \"https://bench.example.org\"\n\
         timezone = \"America/New_York\"\nper_page = 20\nlanguage = \"en\"\n",
    )?;
    for author in &corpus.authors {
        let text = format!(
            "+++\nname = {}\nrole = {}\naffiliation = {}\n\n[links]\nWebsite = {}\n+++\n\n{}",
            quote(&author.name),
            quote(author.role),
            quote(AFFILIATIONS[author.current]),
            quote(&format!("https://example.org/people/{}", author.slug)),
            bio(author)
        );
        write(
            &out.join("content/authors")
                .join(format!("{}.md", author.slug)),
            &text,
        )?;
    }
    for piece in &corpus.pieces {
        let mut text = format!(
            "+++\ntitle = {}\ndate = {}\n",
            quote(&piece.title),
            piece.date.rfc3339()
        );
        if let [(author, affiliation)] = piece.byline[..] {
            let _ = write!(
                text,
                "author = {}\naffiliation = {}\n",
                quote(&corpus.authors[author].name),
                quote(AFFILIATIONS[affiliation])
            );
        } else {
            let entries: Vec<String> = piece
                .byline
                .iter()
                .map(|&(author, affiliation)| {
                    format!(
                        "{{ name = {}, affiliation = {} }}",
                        quote(&corpus.authors[author].name),
                        quote(AFFILIATIONS[affiliation])
                    )
                })
                .collect();
            let _ = writeln!(text, "authors = [{}]", entries.join(", "));
        }
        let _ = writeln!(
            text,
            "tags = {}",
            string_array(piece.tags.iter().map(|&t| TOPICS[t]))
        );
        if let Some(summary) = &piece.summary {
            let _ = writeln!(text, "summary = {}", quote(summary));
        }
        let _ = write!(text, "+++\n\n{}", piece.body);
        let path = out
            .join("content")
            .join(piece.date.year.to_string())
            .join(format!("{}.md", piece.slug));
        write(&path, &text)?;
    }
    Ok(())
}

/// The Hugo site: configuration, the same pieces under `content/posts/`, author profiles as
/// term pages of the `authors` taxonomy, and the layouts below.
fn write_hugo(corpus: &Corpus, dir: &Path) -> Result<(), String> {
    prepare(dir)?;
    write(&dir.join("hugo.toml"), HUGO_CONFIG)?;
    for (name, text) in HUGO_LAYOUTS {
        write(&dir.join("layouts").join(name), text)?;
    }
    for author in &corpus.authors {
        let text = format!(
            "+++\ntitle = {}\nrole = {}\naffiliation = {}\noutputs = [\"html\", \"rss\"]\n\n[links]\nWebsite = {}\n+++\n\n{}",
            quote(&author.name),
            quote(author.role),
            quote(AFFILIATIONS[author.current]),
            quote(&format!("https://example.org/people/{}", author.slug)),
            bio(author)
        );
        write(
            &dir.join("content/authors")
                .join(&author.slug)
                .join("_index.md"),
            &text,
        )?;
    }
    for piece in &corpus.pieces {
        let names = piece
            .byline
            .iter()
            .map(|&(a, _)| corpus.authors[a].name.as_str());
        let affiliations = piece.byline.iter().map(|&(_, f)| AFFILIATIONS[f]);
        let mut text = format!(
            "+++\ntitle = {}\ndate = {}\nslug = {}\nauthors = {}\naffiliations = {}\ntags = {}\n",
            quote(&piece.title),
            piece.date.rfc3339(),
            quote(&piece.slug),
            string_array(names),
            string_array(affiliations),
            string_array(piece.tags.iter().map(|&t| TOPICS[t]))
        );
        if let Some(summary) = &piece.summary {
            let _ = writeln!(text, "summary = {}", quote(summary));
        }
        let byline: Vec<String> = piece
            .byline
            .iter()
            .map(|&(a, f)| {
                format!(
                    "{{ name = {}, affiliation = {} }}",
                    quote(&corpus.authors[a].name),
                    quote(AFFILIATIONS[f])
                )
            })
            .collect();
        let _ = write!(
            text,
            "[params]\nbyline = [{}]\n+++\n\n{}",
            byline.join(", "),
            piece.body
        );
        write(
            &dir.join("content/posts").join(format!("{}.md", piece.slug)),
            &text,
        )?;
    }
    Ok(())
}

/// Feeds: broadsheet writes a site feed and one per author, so Hugo renders RSS for the
/// home page and (through each profile's `outputs`) for author pages, and nothing else.
const HUGO_CONFIG: &str = r#"baseURL = "https://bench.example.org/"
title = "Generated Archive"
timeZone = "America/New_York"
enableRobotsTXT = true

[pagination]
  pagerSize = 20

[taxonomies]
  author = "authors"
  affiliation = "affiliations"
  tag = "tags"

[permalinks.page]
  posts = "/:year/:month/:slug/"

[outputs]
  home = ["html", "rss"]
  section = ["html"]
  taxonomy = ["html"]
  term = ["html"]

[services.rss]
  limit = 20

[markup.goldmark.renderer]
  unsafe = false
"#;

/// Minimal layouts that do the work broadsheet's built-in theme does, in the folder layout
/// of Hugo 0.146 and later.
const HUGO_LAYOUTS: &[(&str, &str)] = &[
    (
        "baseof.html",
        r#"<!DOCTYPE html>
<html lang="{{ site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}" title="{{ site.Title }}">{{ end }}
<style>
body{font:18px/1.6 Georgia,serif;max-width:42rem;margin:0 auto;padding:1rem;color:#222}
header{display:flex;justify-content:space-between;border-bottom:1px solid #ccc}
header nav a{margin-left:1rem}.meta,.byline{color:#555;font-size:.9rem}
ul.pieces{list-style:none;padding:0}ul.tags li{display:inline;margin-right:.5rem}
</style>
</head>
<body>
<header><a class="brand" href="{{ relURL "/" }}">{{ site.Title }}</a>
<nav><a href="{{ relURL "/authors/" }}">Authors</a><a href="{{ relURL "/affiliations/" }}">Affiliations</a><a href="{{ relURL "/tags/" }}">Topics</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer><p>{{ site.Title }}</p></footer>
</body>
</html>
"#,
    ),
    (
        "home.html",
        r#"{{ define "main" }}
{{/* Every regular page is a piece, so no filter: a `where` here would rerun on each of the home page's pagers. */}}
{{ $pager := .Paginate site.RegularPages }}
<h1>Latest</h1>
<ul class="pieces">{{ range $pager.Pages }}{{ partial "item.html" . }}{{ end }}</ul>
{{ partial "pager.html" $pager }}
{{ end }}
"#,
    ),
    (
        "section.html",
        r#"{{ define "main" }}
{{ $pager := .Paginate .Pages }}
<h1>{{ .Title }}</h1>
<ul class="pieces">{{ range $pager.Pages }}{{ partial "item.html" . }}{{ end }}</ul>
{{ partial "pager.html" $pager }}
{{ end }}
"#,
    ),
    (
        "page.html",
        r#"{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="dek">{{ . }}</p>{{ end }}
<p class="byline">By {{ partial "byline.html" . }}</p>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "January 2, 2006 3:04pm" }}</time> · {{ .ReadingTime }} min read</p>
<div class="body">{{ .Content }}</div>
{{ with .GetTerms "tags" }}<ul class="tags">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
<nav class="prev-next">
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">Newer: {{ .Title }}</a>{{ end }}
{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">Older: {{ .Title }}</a>{{ end }}
</nav>
</article>
{{ end }}
"#,
    ),
    (
        "taxonomy.html",
        r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="terms">{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
"#,
    ),
    (
        "term.html",
        r#"{{ define "main" }}
{{ $pager := .Paginate .Pages }}
<h1>{{ .Title }}</h1>
{{ with .Params.role }}<p class="role">{{ . }}{{ with $.Params.affiliation }}, {{ . }}{{ end }}</p>{{ end }}
{{ with .Content }}<div class="bio">{{ . }}</div>{{ end }}
{{ with .Params.links }}<ul class="links">{{ range $label, $url := . }}<li><a href="{{ $url }}">{{ $label }}</a></li>{{ end }}</ul>{{ end }}
<ul class="pieces">{{ range $pager.Pages }}{{ partial "item.html" . }}{{ end }}</ul>
{{ partial "pager.html" $pager }}
{{ end }}
"#,
    ),
    (
        "404.html",
        r#"{{ define "main" }}
<h1>Page not found</h1>
<p><a href="{{ relURL "/" }}">Back to the front page</a></p>
{{ end }}
"#,
    ),
    (
        "_partials/byline.html",
        r#"{{ range $i, $b := .Params.byline }}{{ if $i }} and {{ end }}{{ with site.GetPage (printf "/authors/%s" (urlize $b.name)) }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ else }}{{ $b.name }}{{ end }}{{ with $b.affiliation }}, {{ with site.GetPage (printf "/affiliations/%s" (urlize .)) }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}{{ end }}{{ end }}"#,
    ),
    (
        "_partials/item.html",
        r#"<li><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p class="byline">{{ range $i, $a := .GetTerms "authors" }}{{ if $i }} and {{ end }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }} · <time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "January 2, 2006" }}</time></p>
<div class="summary">{{ .Summary }}</div></li>
"#,
    ),
    (
        "_partials/pager.html",
        r#"{{ if gt .TotalPages 1 }}<nav class="pager">{{ with .Prev }}<a rel="prev" href="{{ .URL }}">Newer</a>{{ end }} Page {{ .PageNumber }} of {{ .TotalPages }} {{ with .Next }}<a rel="next" href="{{ .URL }}">Older</a>{{ end }}</nav>{{ end }}
"#,
    ),
];
