//! Text normalisation before matching, with a map back to the original offsets.
//!
//! Documents write the same value in many ways: `ﬁ` ligatures, non-breaking spaces in phone numbers,
//! en dashes in `06–12345678`, curly apostrophes in `in ’t Veld`, a combining diaeresis in `Zoë`, zero-width
//! spaces and soft hyphens inside names. Matching runs on NFKC text with those folded; every span is mapped
//! back to the original bytes before it leaves the detector, so redaction always removes the original.
//!
//! Plain ASCII text (most of it) is borrowed unchanged. Otherwise the map is sparse: only the places where
//! the normalised text differs from the original are recorded.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

/// A normalised text and the edits that produced it.
#[derive(Debug)]
pub(crate) struct Normalized<'a> {
    text: Cow<'a, str>,
    /// Replaced stretches, in order: (normalised start, normalised end, source start, source end).
    edits: Vec<Edit>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Edit {
    norm_start: usize,
    norm_end: usize,
    src_start: usize,
    src_end: usize,
}

/// Characters folded beyond NFKC, or removed (`None`).
fn fold(c: char) -> Option<Option<&'static str>> {
    Some(match c {
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => Some("-"),
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => Some("'"),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => Some("\""),
        '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2000}'..='\u{200A}' => Some(" "),
        // Default-ignorable code points (Unicode's list): format controls, bidi marks, joiners,
        // variation selectors, tags. They draw nothing, so a value written with one inside is still
        // the value: `06-\u{200E}12345678` is a phone number.
        '\u{00AD}'
        | '\u{034F}'
        | '\u{061C}'
        | '\u{115F}'
        | '\u{1160}'
        | '\u{17B4}'
        | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{3164}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}'
        | '\u{FFA0}'
        | '\u{FFF0}'..='\u{FFF8}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}' => None,
        _ => return None,
    })
}

/// Whether normalisation changes `c` (folds, removes, recomposes or NFKC-maps it). Latin letters with
/// diacritics (the common case in Dutch text) are answered from a table.
fn changes(c: char) -> bool {
    use std::sync::OnceLock;
    const TABLE_END: u32 = 0x0250;
    static TABLE: OnceLock<Vec<bool>> = OnceLock::new();
    if c.is_ascii() {
        return false;
    }
    let slow = |c: char| {
        if fold(c).is_some() || canonical_combining_class(c) != 0 {
            return true;
        }
        let mut n = std::iter::once(c).nfkc();
        !(n.next() == Some(c) && n.next().is_none())
    };
    if (c as u32) < TABLE_END {
        let t = TABLE.get_or_init(|| (0..TABLE_END).map(|u| char::from_u32(u).is_some_and(slow)).collect());
        return t[c as usize];
    }
    slow(c)
}

impl<'a> Normalized<'a> {
    /// Normalises `src`.
    pub(crate) fn new(src: &'a str) -> Normalized<'a> {
        if src.is_ascii() || !src.chars().any(changes) {
            return Normalized { text: Cow::Borrowed(src), edits: Vec::new() };
        }
        let mut out = String::with_capacity(src.len());
        let mut edits: Vec<Edit> = Vec::new();
        // Source and output offsets of the last character copied verbatim, for combining sequences.
        let mut last_base: Option<(usize, usize)> = None;
        let mut chars = src.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_ascii() {
                last_base = Some((i, out.len()));
                out.push(c);
                continue;
            }
            if canonical_combining_class(c) != 0 {
                // Recompose the whole sequence (base + marks) from the source.
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek() {
                    if canonical_combining_class(d) == 0 {
                        break;
                    }
                    end = j + d.len_utf8();
                    chars.next();
                }
                let (src_start, norm_start) = match edits.last() {
                    Some(e) if e.norm_end == out.len() && last_base.is_none_or(|(_, n)| n < e.norm_start) => {
                        let e = edits.pop().expect("just looked");
                        (e.src_start, e.norm_start)
                    }
                    _ => last_base.unwrap_or((i, out.len())),
                };
                out.truncate(norm_start);
                out.extend(src[src_start..end].nfkc());
                edits.push(Edit { norm_start, norm_end: out.len(), src_start, src_end: end });
                last_base = None;
                continue;
            }
            let end = i + c.len_utf8();
            let start = out.len();
            match fold(c) {
                Some(Some(s)) => out.push_str(s),
                Some(None) => {}
                None => {
                    let mut n = std::iter::once(c).nfkc();
                    if n.next() == Some(c) && n.next().is_none() {
                        last_base = Some((i, out.len()));
                        out.push(c);
                        continue;
                    }
                    out.extend(std::iter::once(c).nfkc());
                }
            }
            edits.push(Edit { norm_start: start, norm_end: out.len(), src_start: i, src_end: end });
            last_base = None;
        }
        if edits.is_empty() {
            return Normalized { text: Cow::Borrowed(src), edits };
        }
        Normalized { text: Cow::Owned(out), edits }
    }

    /// The normalised text.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// Maps a normalised span to the smallest source span that covers it.
    pub(crate) fn to_source(&self, start: usize, end: usize) -> (usize, usize) {
        if self.edits.is_empty() {
            return (start, end);
        }
        (self.map_start(start), self.map_end(end).max(self.map_start(start)))
    }

    fn map_start(&self, o: usize) -> usize {
        // Last edit starting at or before o.
        let k = self.edits.partition_point(|e| e.norm_start <= o);
        if k == 0 {
            return o;
        }
        let e = self.edits[k - 1];
        if o < e.norm_end { e.src_start } else { e.src_end + (o - e.norm_end) }
    }

    fn map_end(&self, o: usize) -> usize {
        // Last edit starting strictly before o.
        let k = self.edits.partition_point(|e| e.norm_start < o);
        if k == 0 {
            return o;
        }
        let e = self.edits[k - 1];
        if o <= e.norm_end { e.src_end } else { e.src_end + (o - e.norm_end) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip<'a>(src: &'a str, expect: &str) -> Normalized<'a> {
        let n = Normalized::new(src);
        assert_eq!(n.text(), expect);
        n
    }

    #[test]
    fn ascii_is_borrowed() {
        let n = roundtrip("Jan Jansen", "Jan Jansen");
        assert!(matches!(n.text, Cow::Borrowed(_)));
    }

    #[test]
    fn precomposed_accents_are_kept_without_edits() {
        let n = roundtrip("Zoë Özdemir", "Zoë Özdemir");
        assert!(n.edits.is_empty());
    }

    #[test]
    fn folds_and_maps_back() {
        let src = "tel 06\u{2013}12\u{00A0}34 56 78 en ﬁets";
        let n = roundtrip(src, "tel 06-12 34 56 78 en fiets");
        let s = n.text().find("06").unwrap();
        let e = n.text().find(" en").unwrap();
        let (a, b) = n.to_source(s, e);
        assert_eq!(&src[a..b], "06\u{2013}12\u{00A0}34 56 78");
        // A match inside the ligature widens to the whole source character.
        let f = n.text().find("fiets").unwrap();
        let (a, b) = n.to_source(f, f + 1);
        assert_eq!(&src[a..b], "ﬁ");
    }

    #[test]
    fn combining_marks_compose() {
        let src = "mevrouw Zoe\u{308} Jansen";
        let n = roundtrip(src, "mevrouw Zoë Jansen");
        let s = n.text().find("Zoë").unwrap();
        let (a, b) = n.to_source(s, s + "Zoë".len());
        assert_eq!(&src[a..b], "Zoe\u{308}");
    }

    #[test]
    fn zero_width_characters_vanish() {
        let src = "Jan\u{200B}sen en Pie\u{00AD}ter";
        let n = roundtrip(src, "Jansen en Pieter");
        let (a, b) = n.to_source(0, 6);
        assert_eq!(&src[a..b], "Jan\u{200B}sen");
        let s = n.text().find("Pieter").unwrap();
        let (a, b) = n.to_source(s, s + 6);
        assert_eq!(&src[a..b], "Pie\u{00AD}ter");
    }

    #[test]
    fn every_default_ignorable_character_vanishes() {
        for c in [
            '\u{200E}',
            '\u{200F}',
            '\u{202A}',
            '\u{202E}',
            '\u{2061}',
            '\u{2066}',
            '\u{2069}',
            '\u{FE0F}',
            '\u{E0041}',
            '\u{034F}',
        ] {
            let src = format!("BSN 1112{c}22333");
            let n = Normalized::new(&src);
            assert_eq!(n.text(), "BSN 111222333", "U+{:04X}", c as u32);
            let (a, b) = n.to_source(4, 13);
            assert_eq!(&src[a..b], &src[4..], "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn ij_ligature_and_curly_apostrophe() {
        let n = roundtrip("in ’t Veld, Ĳsselmeer", "in 't Veld, IJsselmeer");
        let (a, b) = n.to_source(12, 14);
        assert_eq!(&"in ’t Veld, Ĳsselmeer"[a..b], "Ĳ");
    }
}
