//! Word boundaries, checked by hand.
//!
//! A Unicode `\b` in the multi-pattern regex costs a hundredfold in speed on text with accented letters,
//! and aho-corasick has no boundaries at all; so boundaries are checked on the (rare) candidate matches.

/// Whether the character before byte `i` of `text` is a letter or digit.
pub(crate) fn alnum_before(text: &str, i: usize) -> bool {
    text[..i].chars().next_back().is_some_and(char::is_alphanumeric)
}

/// Whether the character at byte `i` of `text` is a letter or digit.
pub(crate) fn alnum_at(text: &str, i: usize) -> bool {
    text[i..].chars().next().is_some_and(char::is_alphanumeric)
}

/// Whether `text[start..end]` stands as a whole word: no letter or digit glued to either end (an end
/// that is itself punctuation, like the dot of `geb.`, needs no check).
pub(crate) fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let m = &text[start..end];
    let first_alnum = m.chars().next().is_some_and(char::is_alphanumeric);
    let last_alnum = m.chars().next_back().is_some_and(char::is_alphanumeric);
    let glued_before = first_alnum && alnum_before(text, start);
    let glued_after = last_alnum && alnum_at(text, end);
    !glued_before && !glued_after
}

/// The largest char boundary at or before `i`.
pub(crate) fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary at or after `i`.
pub(crate) fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words() {
        let t = "Gemeente gemeentehuis geb. x";
        assert!(is_whole_word(t, 0, 8));
        assert!(!is_whole_word(t, 9, 17));
        assert!(is_whole_word(t, 22, 26));
        let t = "ééjan";
        assert!(!is_whole_word(t, 4, 7));
        assert_eq!(floor_boundary(t, 1), 0);
        assert_eq!(ceil_boundary(t, 1), 2);
    }
}
