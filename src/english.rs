//! The English broadsheet writes for people: counted nouns in summaries, notes and the
//! error overlay ("1 article", "3 problems"). Every message that counts something says it
//! through here, so the rule is written once; the nouns used so far all take a plain `s`.

/// `n` and `noun`, plural unless `n` is 1: "1 article", "0 articles", "2 new author profiles".
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(counted(0, "page"), "0 pages");
        assert_eq!(counted(1, "page"), "1 page");
        assert_eq!(counted(2, "new author profile"), "2 new author profiles");
    }
}
