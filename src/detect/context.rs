//! Context words: a word near a match that is required for it, or that raises its confidence.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::boundary::{ceil_boundary, floor_boundary, is_whole_word};
use crate::rules::Context;

/// A compiled context-word matcher for one rule.
#[derive(Debug)]
pub(crate) struct ContextMatcher {
    words: AhoCorasick,
    window: usize,
}

impl ContextMatcher {
    pub(crate) fn new(ctx: &Context) -> ContextMatcher {
        let words = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&ctx.words)
            .expect("context word lists are small and valid");
        ContextMatcher { words, window: ctx.window }
    }

    /// The first context word anywhere in `text` (a unit's header).
    pub(crate) fn find_anywhere(&self, text: &str) -> Option<String> {
        self.words
            .find_iter(text)
            .find(|m| is_whole_word(text, m.start(), m.end()))
            .map(|m| text[m.range()].to_lowercase())
    }

    /// The nearest context word within the window before `start`.
    pub(crate) fn find_before(&self, text: &str, start: usize) -> Option<String> {
        self.find_before_span(text, start).map(|(s, e)| text[s..e].to_lowercase())
    }

    /// Where the nearest context word within the window before `start` is.
    pub(crate) fn find_before_span(&self, text: &str, start: usize) -> Option<(usize, usize)> {
        let from = floor_boundary(text, start.saturating_sub(self.window));
        self.words
            .find_iter(&text[from..start])
            .map(|m| (from + m.start(), from + m.end()))
            .filter(|&(s, e)| is_whole_word(text, s, e))
            .last()
    }

    /// The first context word (as written in the text, lower-cased) within the window around
    /// `text[start..end]`, not overlapping the match itself.
    pub(crate) fn find(&self, text: &str, start: usize, end: usize) -> Option<String> {
        let from = floor_boundary(text, start.saturating_sub(self.window));
        let to = ceil_boundary(text, end.saturating_add(self.window));
        let hay = &text[from..to];
        // Prefer the nearest word before the match, then the nearest after it.
        let mut before: Option<(usize, usize)> = None;
        let mut after: Option<(usize, usize)> = None;
        for m in self.words.find_iter(hay) {
            let (s, e) = (from + m.start(), from + m.end());
            if !is_whole_word(text, s, e) {
                continue;
            }
            if e <= start {
                before = Some((s, e));
            } else if s >= end && after.is_none() {
                after = Some((s, e));
            }
        }
        before.or(after).map(|(s, e)| text[s..e].to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(words: &[&str], window: usize) -> ContextMatcher {
        ContextMatcher::new(&Context {
            words: words.iter().map(|w| w.to_string()).collect(),
            window,
            required: false,
            confidence: 0.9,
        })
    }

    #[test]
    fn finds_words_within_the_window_only() {
        let m = ctx(&["bsn", "geb."], 20);
        let t = "Het BSN is 111222333.";
        assert_eq!(m.find(t, 11, 20).as_deref(), Some("bsn"));
        let t = "BSN ........................ 111222333";
        assert_eq!(m.find(t, 29, 38), None);
        // Inside another word does not count.
        let t = "bsnummer 111222333";
        assert_eq!(m.find(t, 9, 18), None);
        let t = "(geb. 03-03-1984)";
        assert_eq!(m.find(t, 6, 16).as_deref(), Some("geb."));
    }
}
