//! Writing replacements into text or bytes: the one place where every adapter turns spans into markers
//! (plain text, CSV cells, PDF strings) or patches into a part (Office XML).
//!
//! One policy for overlapping spans: a span that lies wholly inside one already written is covered by
//! it and dropped (nothing of it is left); a span that overlaps another only in part, runs past the
//! end, or cuts a character is an error, and the document needs manual handling. The old adapters
//! differed: text and CSV refused every overlap, PDF skipped a partly overlapping span (leaving its
//! other part in place for the final sweep to catch), Office dropped nested patches and refused partial
//! ones.

use std::ops::Range;

/// Why replacements could not be written.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum SpliceError {
    /// Two replacements overlap in part.
    Overlap,
    /// A replacement runs past the end, is reversed, or cuts a character in two.
    Range,
}

impl std::fmt::Display for SpliceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SpliceError::Overlap => "overlapping redactions",
            SpliceError::Range => "a redaction outside the text",
        })
    }
}

/// `src` with each range replaced by its bytes, under the policy above.
pub(crate) fn splice<B: AsRef<[u8]>>(src: &[u8], edits: &mut [(Range<usize>, B)]) -> Result<Vec<u8>, SpliceError> {
    // Outer ranges first where two start together, so the inner one is the one dropped.
    edits.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
    let mut out = Vec::with_capacity(src.len());
    let mut pos = 0;
    for (range, with) in edits.iter() {
        if range.start > range.end || range.end > src.len() {
            return Err(SpliceError::Range);
        }
        if range.start < pos {
            if range.end <= pos {
                continue; // covered by the replacement already written
            }
            return Err(SpliceError::Overlap);
        }
        out.extend_from_slice(&src[pos..range.start]);
        out.extend_from_slice(with.as_ref());
        pos = range.end;
    }
    out.extend_from_slice(&src[pos..]);
    Ok(out)
}

/// `text` with each span replaced by the marker of its label ([`super::marker`]).
pub(crate) fn mark(
    text: &str,
    spans: impl IntoIterator<Item = (usize, usize, impl AsRef<str>)>,
) -> Result<String, SpliceError> {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for (start, end, label) in spans {
        if !(text.is_char_boundary(start) && text.is_char_boundary(end)) {
            return Err(SpliceError::Range);
        }
        edits.push((start..end, super::marker(label.as_ref())));
    }
    let out = splice(text.as_bytes(), &mut edits)?;
    // Whole characters replaced by whole strings: still UTF-8.
    String::from_utf8(out).map_err(|_| SpliceError::Range)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_become_markers_in_order() {
        let t = "Jan de Vries, BSN 111222333.";
        assert_eq!(mark(t, [(18, 27, "5.1.1e"), (0, 12, "5.1.2e")]).unwrap(), "[5.1.2e], BSN [5.1.1e].");
    }

    #[test]
    fn a_span_inside_another_is_covered_a_partial_overlap_is_refused() {
        let t = "Jan de Vries woont hier";
        assert_eq!(mark(t, [(0, 12, "a"), (4, 12, "b")]).unwrap(), "[a] woont hier");
        assert_eq!(mark(t, [(4, 12, "b"), (0, 12, "a")]).unwrap(), "[a] woont hier");
        assert_eq!(mark(t, [(0, 6, "a"), (4, 12, "b")]), Err(SpliceError::Overlap));
    }

    #[test]
    fn spans_outside_the_text_or_inside_a_character_are_refused() {
        assert_eq!(mark("abc", [(1, 9, "a")]), Err(SpliceError::Range));
        assert_eq!(mark("abc", [(2, 1, "a")]), Err(SpliceError::Range));
        assert_eq!(mark("é", [(1, 2, "a")]), Err(SpliceError::Range));
    }

    #[test]
    fn bytes_take_any_replacement() {
        let mut edits = vec![(5..9, b"<x/>".to_vec()), (0..1, b"".to_vec())];
        assert_eq!(splice(b"<a><b></b></a>", &mut edits).unwrap(), b"a><b<x/>></a>".to_vec());
    }
}
