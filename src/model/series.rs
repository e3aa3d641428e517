//! Series (issue 13): pieces that name one `series` are its parts, read in order, oldest
//! first, unless `series_part` places a piece itself.
//!
//! A part with `series_part = n` is the nth part when the series has that many; the others
//! fill the places left, oldest first. So numbering one piece never leaves a gap, and a
//! number past the end (its earlier parts still drafts, say) puts that piece last rather
//! than failing the build. The number a reader sees is the part's place in that order.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::model::article::Place;

/// A series, with its parts.
#[derive(Debug, Clone)]
pub struct Series {
    pub name: String,
    pub slug: String,
    pub url: String,
    /// Indices into `Site::articles`: part 1 first.
    pub articles: Vec<usize>,
}

/// One article in a series: its index in site order, and the place it asks for, if any,
/// with where `series_part` is written.
pub type Member = (usize, Option<(u32, Place)>);

/// Puts the `members` of series `name` in reading order. `members` come in site order
/// (newest first); `path_of` names an article's file for messages. Two parts asking for one
/// place are an error at the newer one's `series_part`, naming the other.
pub fn order<'a>(
    name: &str,
    members: &[Member],
    path_of: impl Fn(usize) -> &'a Path,
    problems: &mut Vec<Diagnostic>,
) -> Vec<usize> {
    let oldest_first = members.iter().rev();
    let mut numbered: BTreeMap<u32, usize> = BTreeMap::new();
    let mut unnumbered = Vec::new();
    for &(index, part) in oldest_first {
        let Some((number, place)) = part else {
            unnumbered.push(index);
            continue;
        };
        match numbered.get(&number) {
            Some(&other) => problems.push(
                Diagnostic::error(
                    path_of(index),
                    place.line,
                    place.column,
                    format!(
                        "part {number} of the series {name:?} is also {}",
                        path_of(other).display()
                    ),
                )
                .with_hint("give each part its own `series_part`, or leave it to the dates"),
            ),
            None => {
                numbered.insert(number, index);
            }
        }
    }
    let mut placed: Vec<(u64, usize)> = numbered
        .iter()
        .map(|(&n, &index)| (u64::from(n), index))
        .collect();
    let mut free = 1u64;
    for index in unnumbered {
        while numbered.contains_key(&u32::try_from(free).unwrap_or(u32::MAX)) {
            free += 1;
        }
        placed.push((free, index));
        free += 1;
    }
    placed.sort_unstable();
    placed.into_iter().map(|(_, index)| index).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(members: &[Member]) -> (Vec<usize>, Vec<String>) {
        let paths: Vec<String> = (0..10).map(|i| format!("content/{i}.md")).collect();
        let mut problems = Vec::new();
        let order = order("Depths", members, |i| Path::new(&paths[i]), &mut problems);
        (order, problems.iter().map(ToString::to_string).collect())
    }

    fn at(number: u32, line: usize) -> Option<(u32, Place)> {
        Some((number, Place { line, column: 1 }))
    }

    #[test]
    fn parts_read_oldest_first_unless_placed() {
        // Site order is newest first: 0 is the newest piece.
        for (members, expected) in [
            (vec![(0, None), (1, None), (2, None)], vec![2, 1, 0]),
            // The newest piece asks to be part 1; the others follow by date.
            (vec![(0, at(1, 3)), (1, None), (2, None)], vec![0, 2, 1]),
            // Part 2 is taken; the two others take places 1 and 3.
            (vec![(0, None), (1, None), (2, at(2, 3))], vec![1, 2, 0]),
            // A number past the end puts the piece last, without a gap.
            (vec![(0, at(9, 3)), (1, None)], vec![1, 0]),
            (vec![(0, at(3, 3)), (1, at(1, 3))], vec![1, 0]),
        ] {
            let (order, problems) = run(&members);
            assert_eq!(order, expected, "{members:?}");
            assert!(problems.is_empty(), "{problems:?}");
        }
    }

    #[test]
    fn two_parts_in_one_place_name_each_other() {
        let (_, problems) = run(&[(0, at(2, 4)), (1, None), (2, at(2, 5))]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with(
                "content/0.md:4:1: part 2 of the series \"Depths\" is also content/2.md"
            ),
            "{problems:?}"
        );
    }
}
