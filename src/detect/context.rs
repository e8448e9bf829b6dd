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

    /// The context word (as written in the text, lower-cased) for the match `text[start..end]`.
    ///
    /// A context word applies within its own line (or cell): the nearest one within the window before
    /// the match, else the nearest after it — unless that one is itself a label (`Geboortedatum:`) of
    /// what follows it. Across one line break it applies only to the value directly after it, when it
    /// ends its line (`Geboortedatum:` / `14-06-1949`). `lead` is the line before the unit's first line:
    /// the label cell to the left in a table row, the paragraph before.
    pub(crate) fn find(&self, text: &str, start: usize, end: usize, lead: Option<&str>) -> Option<String> {
        // The line is searched for within the window only: lines can be long (a paragraph, a page of
        // extracted text), and most values have no context word at all.
        let back = reach_back(text, start, self.window);
        let ahead = ceil_boundary(text, end.saturating_add(self.window));
        let near_start = memchr::memrchr(b'\n', &text.as_bytes()[back..start]).map(|i| back + i + 1);
        let near_end = memchr::memchr(b'\n', &text.as_bytes()[end..ahead]).map(|i| end + i);
        let line_start = || near_start.unwrap_or_else(|| text[..back].rfind('\n').map_or(0, |i| i + 1));
        let line_end = || near_end.unwrap_or_else(|| text[ahead..].find('\n').map_or(text.len(), |i| ahead + i));
        let (from, to) = (near_start.unwrap_or(back), near_end.unwrap_or(ahead));
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
            } else if s >= end && after.is_none() && !labels_next(&text[e..line_end()]) {
                after = Some((s, e));
            }
        }
        if let Some((s, e)) = before.or(after) {
            return Some(text[s..e].to_lowercase());
        }
        // What stands before the match in the window decides for most matches without looking for the
        // start of a long line: if it already fails `opens_line`, the whole line before it does too.
        if !opens_line(&text[near_start.unwrap_or(back)..start]) {
            return None;
        }
        let line_start = line_start();
        if near_start.is_none() && !opens_line(&text[line_start..start]) {
            return None;
        }
        let previous = match line_start.checked_sub(1) {
            Some(nl) => {
                let p = text[..nl].rfind('\n').map_or(0, |i| i + 1);
                &text[p..nl]
            }
            None => lead?,
        };
        self.ending_line(previous)
    }

    /// A context word that ends `line`: only punctuation, or a short label tail ending in a colon
    /// (`Geboortedatum (dd-mm-jjjj):`), may follow it.
    fn ending_line(&self, line: &str) -> Option<String> {
        let from = floor_boundary(line, line.len().saturating_sub(self.window));
        self.words
            .find_iter(&line[from..])
            .map(|m| (from + m.start(), from + m.end()))
            .filter(|&(s, e)| is_whole_word(line, s, e) && ends_label(&line[e..]))
            .last()
            .map(|(s, e)| line[s..e].to_lowercase())
    }
}

/// The header cell above the cell of `text` at `at`, in a text table drawn with `|` (`Rol | Naam |
/// Geboortedatum` over rows of people, as e-mail and plain-text reports lay tables out): the cell in the
/// same column of the table's first line, when the table has one above the line of `at`.
pub(crate) fn pipe_header(text: &str, at: usize) -> Option<&str> {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    if !text[line_start..line_end].contains('|') {
        return None;
    }
    let col = text[line_start..at].matches('|').count();
    let is_rule = |l: &str| l.chars().all(|c| matches!(c, '-' | '+' | '|' | '=' | ':' | ' ' | '\t'));
    let mut header = None;
    let mut end = line_start;
    // Walk up through the table's lines (at most a page of rows).
    for _ in 0..200 {
        let Some(nl) = end.checked_sub(1) else { break };
        let start = text[..nl].rfind('\n').map_or(0, |i| i + 1);
        let line = &text[start..nl];
        let rule = is_rule(line) && line.contains(['-', '=']);
        if !line.contains('|') && !rule {
            break;
        }
        if !rule {
            header = Some(line);
        }
        end = start;
    }
    let cell = header?.split('|').nth(col)?.trim();
    (!cell.is_empty()).then_some(cell)
}

/// Where a window of `window` bytes before `start` begins when a run of spaces counts as one: a form
/// pads its labels (`Geboortedatum aanvrager:` and 30 spaces before the date).
fn reach_back(text: &str, start: usize, window: usize) -> usize {
    // Without a run of spaces or a tab in the window, it is the plain window.
    let plain = floor_boundary(text, start.saturating_sub(window));
    let hay = &text.as_bytes()[plain..start];
    if memchr::memchr(b'\t', hay).is_none() && memchr::memmem::find(hay, b"  ").is_none() {
        return plain;
    }
    let mut budget = window;
    let mut at = start;
    let mut in_space = false;
    for (i, c) in text[..start].char_indices().rev() {
        let space = c == ' ' || c == '\t';
        if !(space && in_space) {
            if budget == 0 {
                break;
            }
            budget = budget.saturating_sub(c.len_utf8());
        }
        in_space = space;
        at = i;
    }
    floor_boundary(text, at)
}

/// Whether the rest of a line after a context word makes it the label of the next value: a colon right
/// after it (`Geboortedatum: 14-06-1949` labels the date after it, not the one before).
fn labels_next(rest: &str) -> bool {
    rest.trim_start().starts_with(':')
}

/// Whether what stands before a match on its line lets a context word at the end of the previous line
/// reach it: nothing but punctuation and spaces, or one short word (`op 14-06-1949`, `is 111222333`).
fn opens_line(before: &str) -> bool {
    // From the end, and no further than two words: a match deep in a long line is decided at once.
    let mut words = before.rsplit(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
    match (words.next(), words.next()) {
        (None, _) => true,
        (Some(w), None) => w.len() <= 4 && w.chars().all(char::is_lowercase),
        _ => false,
    }
}

/// Whether what follows a context word ends its line as a label does.
fn ends_label(rest: &str) -> bool {
    let rest = rest.trim_end();
    if !rest.chars().any(char::is_alphanumeric) {
        return true;
    }
    rest.len() <= 24 && rest.ends_with(':') && !rest.chars().any(|c| c.is_ascii_digit())
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
        assert_eq!(m.find(t, 11, 20, None).as_deref(), Some("bsn"));
        let t = "BSN ........................ 111222333";
        assert_eq!(m.find(t, 29, 38, None), None);
        // Inside another word does not count.
        let t = "bsnummer 111222333";
        assert_eq!(m.find(t, 9, 18, None), None);
        let t = "(geb. 03-03-1984)";
        assert_eq!(m.find(t, 6, 16, None).as_deref(), Some("geb."));
    }

    fn at<'a>(t: &'a str, value: &str) -> (&'a str, usize, usize) {
        let s = t.find(value).unwrap();
        (t, s, s + value.len())
    }

    #[test]
    fn a_context_word_stays_in_its_line() {
        let m = ctx(&["geboortedatum", "geb."], 32);
        // The e-mail date before a `Geboortedatum:` line is no date of birth.
        let (t, s, e) = at("van dinsdag 4 april 2023.\nGeboortedatum: 14/06/1949", "4 april 2023");
        assert_eq!(m.find(t, s, e, None), None);
        let (t, s, e) = at("van dinsdag 4 april 2023.\nGeboortedatum: 14/06/1949", "14/06/1949");
        assert_eq!(m.find(t, s, e, None).as_deref(), Some("geboortedatum"));
        // A label on the same line that labels the next value does not reach back.
        let (t, s, e) = at("Verzonden: 4 april 2023 Geboortedatum: 14/06/1949", "4 april 2023");
        assert_eq!(m.find(t, s, e, None), None);
        // After the value, on its line, without a colon: it counts.
        let (t, s, e) = at("14-06-1949 (geboortedatum)", "14-06-1949");
        assert_eq!(m.find(t, s, e, None).as_deref(), Some("geboortedatum"));
    }

    #[test]
    fn pipe_tables_have_headers() {
        let t = "Gezin\nRol    | Naam      | Geboortedatum\n-------+-----------+--------------\nmoeder | A. Jansen | 01-03-1991\n";
        assert_eq!(pipe_header(t, t.find("01-03").unwrap()), Some("Geboortedatum"));
        assert_eq!(pipe_header(t, t.find("A. J").unwrap()), Some("Naam"));
        assert_eq!(pipe_header(t, t.find("Geboortedatum").unwrap()), None);
        assert_eq!(pipe_header("a 01-03-1991", 2), None);
    }

    #[test]
    fn padding_spaces_count_once() {
        let m = ctx(&["geboortedatum"], 32);
        let (t, s, e) = at("Geboortedatum aanvrager:                       1957-05-10", "1957-05-10");
        assert_eq!(m.find(t, s, e, None).as_deref(), Some("geboortedatum"));
        let (t, s, e) = at("Geboortedatum aanvrager: x x x x x x x x x x x x x x x x 1957-05-10", "1957-05-10");
        assert_eq!(m.find(t, s, e, None), None);
    }

    #[test]
    fn a_label_ending_its_line_reaches_the_value_after_it() {
        let m = ctx(&["geboortedatum", "geboren"], 32);
        let (t, s, e) = at("Geboortedatum:\n14-06-1949", "14-06-1949");
        assert_eq!(m.find(t, s, e, None).as_deref(), Some("geboortedatum"));
        let (t, s, e) = at("Zij is geboren\nop 14-06-1949 in Leiden.", "14-06-1949");
        assert_eq!(m.find(t, s, e, None).as_deref(), Some("geboren"));
        let (t, s, e) = at("Geboortedatum (dd-mm-jjjj):\n14-06-1949", "14-06-1949");
        assert_eq!(m.find(t, s, e, None).as_deref(), Some("geboortedatum"));
        // Not when the word does not end its line, or the value does not open its line.
        let (t, s, e) = at("Geboortedatum is bekend bij de afdeling.\n14-06-1949", "14-06-1949");
        assert_eq!(m.find(t, s, e, None), None);
        let (t, s, e) = at("Geboortedatum:\nDe aanvraag van 14-06-1949", "14-06-1949");
        assert_eq!(m.find(t, s, e, None), None);
        // The unit's lead (a table cell to the left) is the line before its first line.
        let (t, s, e) = at("02-11-1962", "02-11-1962");
        assert_eq!(m.find(t, s, e, Some("Geboortedatum")).as_deref(), Some("geboortedatum"));
        assert_eq!(m.find(t, s, e, Some("Datum aanvraag")), None);
    }
}
