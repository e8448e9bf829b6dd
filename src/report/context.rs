//! The context snippet of a finding: the text around the value, for the reviewer who has to judge it.
//!
//! A snippet is the value's sentence within its line: it ends at a line break, or at a sentence end
//! (`.`, `!` or `?` and a space) at least [`MIN_CONTEXT_CHARS`] characters from the value (so that
//! the `J.` of `J. de Vries` does not end it), and at most [`CONTEXT_CHARS`] characters on each side,
//! cut at a word boundary where it is cut at all. Other findings inside it are listed (`others`) so that the review page
//! can mask them: a reviewer judging one name should not read every other value of the document in
//! passing. Offsets are bytes, as everywhere in lak: `start` is where the snippet begins in the finding's
//! text unit, so that a passage marked in the snippet becomes unit offsets for a `passage` decision.

use serde::Serialize;

/// The most characters taken on each side of a value.
pub const CONTEXT_CHARS: usize = 120;
/// A sentence end closer to the value than this does not end the snippet.
pub const MIN_CONTEXT_CHARS: usize = 30;

fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?')
}

/// The text around a finding. The snippet is `before` + the finding's `text` + `after`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Context {
    /// Byte offset of the snippet's first byte in the finding's text unit.
    pub start: usize,
    /// The text before the value. Personal data.
    pub before: String,
    /// The text after the value. Personal data.
    pub after: String,
    /// Other findings inside the snippet: byte ranges `[from, to)` relative to the snippet's start,
    /// clipped to it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub others: Vec<[usize; 2]>,
}

/// A span in a text unit: `(unit, start, end)`.
pub type Span = (usize, usize, usize);

/// The snippets of `spans` (in any order) in `units`: one per span, `None` where a span does not lie in
/// its unit (which would be a bug upstream; the page then shows no context rather than lak failing).
pub fn snippets(units: &[&str], spans: &[Span]) -> Vec<Option<Context>> {
    // Spans by unit and start, to find the others in a snippet without a quadratic scan.
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| (spans[i].0, spans[i].1, spans[i].2));
    let sorted: Vec<Span> = order.iter().map(|&i| spans[i]).collect();
    let longest = spans.iter().map(|s| s.2.saturating_sub(s.1)).max().unwrap_or(0);
    spans
        .iter()
        .map(|&(unit, start, end)| {
            let text = units.get(unit)?;
            if start > end || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                return None;
            }
            let from = left_edge(text, start);
            let to = right_edge(text, end);
            let lo = sorted.partition_point(|s| (s.0, s.1) < (unit, from.saturating_sub(longest)));
            let others = sorted[lo..]
                .iter()
                .take_while(|s| s.0 == unit && s.1 < to)
                .filter(|s| s.2 > from && (s.2 <= start || s.1 >= end))
                .map(|s| [s.1.max(from) - from, s.2.min(to) - from])
                .collect();
            Some(Context {
                start: from,
                before: text[from..start].to_string(),
                after: text[end..to].to_string(),
                others,
            })
        })
        .collect()
}

/// Where the snippet starts: the start of the line or sentence, or [`CONTEXT_CHARS`] characters back and
/// then on to the start of a word; leading white space skipped.
fn left_edge(text: &str, start: usize) -> usize {
    let head = &text[..start];
    let mut from = start;
    let mut cut = false;
    for (n, (i, c)) in head.char_indices().rev().enumerate() {
        if c == '\n' || c == '\r' {
            break;
        }
        if n >= MIN_CONTEXT_CHARS && c.is_whitespace() && head[..i].chars().next_back().is_some_and(ends_sentence) {
            break;
        }
        if n == CONTEXT_CHARS {
            cut = true;
            break;
        }
        from = i;
    }
    if cut && let Some(space) = head[from..].find(char::is_whitespace) {
        from += space;
    }
    from + (head[from..].len() - head[from..].trim_start().len())
}

/// Where the snippet ends: the end of the line or sentence, or [`CONTEXT_CHARS`] characters on and then
/// back to the end of a word; trailing white space dropped.
fn right_edge(text: &str, end: usize) -> usize {
    let tail = &text[end..];
    let mut to = end;
    let mut cut = false;
    for (n, (i, c)) in tail.char_indices().enumerate() {
        if c == '\n' || c == '\r' {
            break;
        }
        if n == CONTEXT_CHARS {
            cut = true;
            break;
        }
        to = end + i + c.len_utf8();
        if n >= MIN_CONTEXT_CHARS && ends_sentence(c) && tail[i + 1..].chars().next().is_none_or(char::is_whitespace) {
            break;
        }
    }
    if cut && let Some(space) = text[end..to].rfind(char::is_whitespace) {
        to = end + space;
    }
    end + text[end..to].trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str, value: &str) -> Context {
        let start = text.find(value).unwrap();
        snippets(&[text], &[(0, start, start + value.len())]).remove(0).unwrap()
    }

    #[test]
    fn a_snippet_is_the_line_of_the_value() {
        let c = one("Geachte heer,\n  Mijn BSN is 111222333 en mijn naam Jan.\nGroet", "111222333");
        assert_eq!((c.before.as_str(), c.after.as_str()), ("Mijn BSN is ", " en mijn naam Jan."));
        assert_eq!(c.start, "Geachte heer,\n  ".len());
    }

    #[test]
    fn a_snippet_is_the_sentence_but_initials_and_near_stops_do_not_end_it() {
        let text = "Eerste zin die er niet toe doet. Het besluit is op 3 mei door dhr. J. de Vries ondertekend. \
                    Daarna volgde nog een zin die er evenmin toe doet. Slot.";
        let c = one(text, "J. de Vries");
        assert_eq!(c.before, "Het besluit is op 3 mei door dhr. ");
        assert_eq!(c.after, " ondertekend. Daarna volgde nog een zin die er evenmin toe doet.");
    }

    #[test]
    fn a_long_line_is_cut_at_word_boundaries_within_the_bound() {
        let words = "woord ".repeat(100);
        let text = format!("{words}VALUE{}", words.trim_end());
        let c = one(&text, "VALUE");
        assert!(c.before.chars().count() <= CONTEXT_CHARS && c.after.chars().count() <= CONTEXT_CHARS);
        assert!(c.before.starts_with("woord") && c.before.ends_with("woord "), "{:?}", c.before);
        assert!(c.after.starts_with("woord") && c.after.ends_with("woord"), "{:?}", c.after);
        assert_eq!(&text[c.start..c.start + c.before.len()], c.before);
    }

    #[test]
    fn other_findings_in_the_snippet_are_listed_relative_to_its_start_and_multibyte_text_is_safe() {
        let text = "x\nÉén: Jan Jansen, tel. 0612345678 — én meer\ny";
        let name = text.find("Jan Jansen").unwrap();
        let phone = text.find("0612345678").unwrap();
        let outside = text.find('y').unwrap();
        let spans = [(0, name, name + 10), (0, phone, phone + 10), (0, outside, outside + 1)];
        let cs = snippets(&[text], &spans);
        let c = cs[0].as_ref().unwrap();
        let snippet = format!("{}Jan Jansen{}", c.before, c.after);
        assert_eq!(c.others.len(), 1);
        let [a, b] = c.others[0];
        assert_eq!(&snippet[a..b], "0612345678");
        assert_eq!(cs[2].as_ref().unwrap().others, Vec::<[usize; 2]>::new());
    }

    #[test]
    fn a_span_outside_its_unit_has_no_snippet() {
        assert_eq!(snippets(&["abc"], &[(0, 2, 9), (1, 0, 1)]), vec![None, None]);
    }
}
