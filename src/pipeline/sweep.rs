//! The last check before an output is written: no value lak removed may occur anywhere in the output's
//! bytes.
//!
//! The re-scan of the output ([`super::process`]) reads it through the same adapter that wrote it, so
//! whatever the adapter does not read it misses twice. This sweep does not depend on the adapter's idea
//! of the text: it takes the values that were redacted and searches the raw output and every decoded
//! view the adapter exposes ([`crate::formats::Document::byte_views`]: decompressed zip parts, decoded
//! PDF streams) for them, as UTF-8, UTF-16LE, UTF-16BE and XML-escaped text. A hit means a copy of a
//! removed value survived somewhere the adapter did not look (a second use of a stream, an attribute,
//! a comment): the output is withheld.
//!
//! A hit that is a token of the format's own syntax ([`crate::formats::Syntax`]: in a PDF, `/Parent`
//! when the removed value was the surname Parent) is the same in every file and no copy. Matching
//! is exact (case-sensitive) and needs word boundaries, so `Bakker` does not fire on
//! `bakker` (an ordinary word left alone on purpose) or `Bakkerij`. Values that are also kept
//! somewhere (an official's name), or that are shorter than four letters or digits, are not searched
//! ([`crate::decide::removed_values`]); every copy of a value in the text units was already redacted by
//! the decision step, so a hit here is a copy outside the text lak reads.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// The encoded forms of a value: (bytes, width of one character unit for the boundary check).
fn forms(value: &str) -> Vec<(Vec<u8>, usize)> {
    let mut out = vec![(value.as_bytes().to_vec(), 1)];
    out.push((value.encode_utf16().flat_map(u16::to_le_bytes).collect(), 2));
    out.push((value.encode_utf16().flat_map(u16::to_be_bytes).collect(), 2));
    let escaped = value.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    if escaped != value {
        out.push((escaped.into_bytes(), 1));
    }
    out
}

use crate::formats::ByteView;

/// A value found in a view: (value, index of the view).
pub(crate) fn find(values: &[String], views: &[ByteView<'_>]) -> Option<(String, usize)> {
    if values.is_empty() {
        return None;
    }
    let mut patterns: Vec<Vec<u8>> = Vec::new();
    let mut owners: Vec<(usize, usize)> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        for (bytes, unit) in forms(v) {
            patterns.push(bytes);
            owners.push((i, unit));
        }
    }
    // Built per document: a contiguous NFA, not the DFA the builder picks for few patterns (whose
    // construction cost more than the whole sweep).
    let ac: AhoCorasick = AhoCorasickBuilder::new()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .match_kind(MatchKind::Standard)
        .build(&patterns)
        .expect("value patterns are plain bytes");
    for (k, view) in views.iter().enumerate() {
        for m in ac.find_overlapping_iter(view.bytes.as_ref()) {
            let (value, unit) = owners[m.pattern().as_usize()];
            if bounded(&view.bytes, m.start(), m.end(), unit)
                && !(unit == 1 && view.syntax.is_vocabulary(&view.bytes, m.start(), m.end()))
            {
                return Some((values[value].clone(), k));
            }
        }
    }
    None
}

/// Whether the character units before and after `start..end` are not ASCII letters or digits.
fn bounded(hay: &[u8], start: usize, end: usize, unit: usize) -> bool {
    let alnum = |bytes: &[u8]| -> bool {
        match (unit, bytes) {
            (1, [b]) => b.is_ascii_alphanumeric(),
            (2, [a, b]) => (*a == 0 && b.is_ascii_alphanumeric()) || (*b == 0 && a.is_ascii_alphanumeric()),
            _ => false,
        }
    };
    let before = start.checked_sub(unit).map(|s| &hay[s..start]);
    let after = hay.get(end..end + unit);
    !before.is_some_and(alnum) && !after.is_some_and(alnum)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn views(texts: &[&[u8]]) -> Vec<ByteView<'static>> {
        texts.iter().map(|t| ByteView::owned("test", t.to_vec())).collect()
    }

    #[test]
    fn finds_a_removed_value_in_any_encoding() {
        let values = vec!["Jan Jansen".to_string(), "111222333".to_string()];
        assert_eq!(find(&values, &views(&[b"nothing here"])), None);
        assert_eq!(find(&values, &views(&[b"x", b"<w:t>Jan Jansen</w:t>"])), Some(("Jan Jansen".into(), 1)));
        let utf16: Vec<u8> = "BSN 111222333".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(find(&values, &views(&[&utf16])), Some(("111222333".into(), 0)));
        let values = vec!["Bakker & Zn".to_string()];
        assert!(find(&values, &views(&[b"<a>Bakker &amp; Zn</a>"])).is_some());
    }

    #[test]
    fn pdf_vocabulary_is_syntax_in_pdf_views_only() {
        use crate::formats::Syntax;
        let values = vec!["Parent".to_string()];
        let pdf = |b: &[u8]| vec![ByteView::owned("pdf", b.to_vec()).with_syntax(Syntax::PdfTokens)];
        assert_eq!(find(&values, &pdf(b"<</Type/Page/Parent 2 0 R>>")), None);
        assert!(find(&values, &pdf(b"<</Title(Mevrouw Parent)>>")).is_some(), "a string is not syntax");
        assert!(find(&values, &pdf(b"/Parent-Kwakernaat")).is_some(), "a longer name is not vocabulary");
        assert!(find(&values, &views(&[b"/Parent 2 0 R"])).is_some(), "plain bytes are not PDF");
    }

    #[test]
    fn needs_boundaries_and_exact_case() {
        let values = vec!["Bakker".to_string(), "111222333".to_string()];
        assert_eq!(find(&values, &views(&[b"de bakker en Bakkerij, nummer 41112223339"])), None);
        assert!(find(&values, &views(&[b"(Bakker)"])).is_some());
    }
}
