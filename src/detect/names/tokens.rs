//! Splits normalised text into the tokens the name grammar reads: words (with their letter case),
//! initials (`J.`, `Th.`), numbers, punctuation and line breaks. White space is not a token; two tokens
//! are *adjacent* when nothing lies between them (`Jansen-Bakker`).

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters, possibly with inner apostrophes (`O'Brien`) or a leading `'t`/`'s`.
    Word,
    /// One initial with its dot: `J.`, `Th.`, `IJ.`.
    Initial,
    /// A run of digits.
    Number,
    /// One ASCII punctuation character, stored in [`Tok::punct`].
    Punct,
    /// A line break (`\n`, `\r\n`, `\r`, form feed, or the break between two units).
    Newline,
    /// Anything else (symbols, non-ASCII punctuation).
    Other,
}

/// The letter case of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Starts lower-case (`jansen`, `van`).
    Lower,
    /// Starts upper-case, not all capitals (`Jansen`, `McDonald`), or a lone capital.
    Cap,
    /// Two or more letters, all capitals (`JANSEN`).
    Upper,
    /// Not a word.
    None,
}

/// One token. Offsets are byte offsets in the normalised unit text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub start: u32,
    pub end: u32,
    /// Lexicon flags, filled lazily (see `FLAGS_KNOWN`).
    pub flags: u32,
    pub kind: Kind,
    pub shape: Shape,
    /// For [`Kind::Punct`]: the character. For [`Kind::Word`]: its first byte lower-cased when the
    /// whole word is ASCII, else `NON_ASCII` (lets propagation reject words without reading the text).
    pub punct: u8,
}

/// [`Tok::punct`] of a word that is not all ASCII.
pub(crate) const NON_ASCII: u8 = 0xFF;

/// Set in [`Tok::flags`] once the lexicon was consulted.
pub(crate) const FLAGS_KNOWN: u32 = 1 << 31;

/// Multi-letter initials people write with one dot (`Th.`, `Chr.`, `IJ.`).
const MULTI_INITIALS: &[&str] =
    &["Th", "Ph", "Chr", "Joh", "Jac", "Wm", "Fr", "IJ", "Ij", "Tj", "Sj", "Gerh", "Hk", "Ma", "Mich", "Corn", "Jos"];

/// Splits `text` into `out` (cleared first).
pub(crate) fn tokenize(text: &str, out: &mut Vec<Tok>) {
    out.clear();
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    let tok = |start: usize, end: usize, kind: Kind, shape: Shape, punct: u8| Tok {
        start: start as u32,
        end: end as u32,
        flags: 0,
        kind,
        shape,
        punct,
    };
    while i < n {
        let c = b[i];
        match c {
            b' ' | b'\t' => i += 1,
            b'\n' | b'\x0c' => {
                out.push(tok(i, i + 1, Kind::Newline, Shape::None, 0));
                i += 1;
            }
            b'\r' => {
                let end = if b.get(i + 1) == Some(&b'\n') { i + 2 } else { i + 1 };
                out.push(tok(i, end, Kind::Newline, Shape::None, 0));
                i = end;
            }
            b'0'..=b'9' => {
                let s = i;
                while i < n && b[i].is_ascii_digit() {
                    i += 1;
                }
                out.push(tok(s, i, Kind::Number, Shape::None, 0));
            }
            b'a'..=b'z' | b'A'..=b'Z' => i = word(text, i, out),
            b'\'' if starts_tussen_apostrophe(b, i) => {
                // `'t` / `'s` as a word of its own.
                out.push(tok(i, i + 2, Kind::Word, Shape::Lower, b'\''));
                i += 2;
            }
            0x80.. => {
                let ch = text[i..].chars().next().expect("i is a char boundary");
                if ch.is_alphabetic() {
                    i = word(text, i, out);
                } else if ch.is_whitespace() {
                    i += ch.len_utf8();
                } else {
                    out.push(tok(i, i + ch.len_utf8(), Kind::Other, Shape::None, 0));
                    i += ch.len_utf8();
                }
            }
            _ if c.is_ascii_punctuation() => {
                out.push(tok(i, i + 1, Kind::Punct, Shape::None, c));
                i += 1;
            }
            _ => {
                out.push(tok(i, i + 1, Kind::Other, Shape::None, 0));
                i += 1;
            }
        }
    }
}

fn starts_tussen_apostrophe(b: &[u8], i: usize) -> bool {
    matches!(b.get(i + 1), Some(b't' | b's' | b'T' | b'S')) && !b.get(i + 2).is_some_and(u8::is_ascii_alphanumeric)
}

/// [`ASCII_CASE`] of a lower-case ASCII letter.
const LOWER: u8 = 1;
/// [`ASCII_CASE`] of an upper-case ASCII letter.
const UPPER: u8 = 2;

/// The case of every byte that is an ASCII letter, 0 for every other byte: the word loop reads one table
/// entry per byte.
const ASCII_CASE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 26 {
        t[b'a' as usize + c] = LOWER;
        t[b'A' as usize + c] = UPPER;
        c += 1;
    }
    t
};

/// Reads a word starting at `s`; returns the offset after it.
fn word(text: &str, s: usize, out: &mut Vec<Tok>) -> usize {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = s;
    // Letters read, the cases seen among them (`LOWER | UPPER`; a letter without case counts as lower),
    // and the case of the first.
    let mut letters = 0usize;
    let mut seen = 0u8;
    let mut first_upper = None;
    let mut ascii = true;
    loop {
        // A run of ASCII letters, the common case.
        let run = i;
        while i < n {
            let k = ASCII_CASE[usize::from(b[i])];
            if k == 0 {
                break;
            }
            seen |= k;
            i += 1;
        }
        if i > run {
            letters += i - run;
            first_upper.get_or_insert(b[run].is_ascii_uppercase());
        }
        if i >= n {
            break;
        }
        let c = b[i];
        if c >= 0x80 {
            let ch = text[i..].chars().next().expect("char boundary");
            if !ch.is_alphabetic() {
                break;
            }
            ascii = false;
            seen |= if ch.is_uppercase() { UPPER } else { LOWER };
            letters += 1;
            first_upper.get_or_insert(ch.is_uppercase());
            i += ch.len_utf8();
        } else if c == b'\'' && i + 1 < n && b[i + 1].is_ascii_alphabetic() && i > s {
            // O'Brien, D'Souza: an apostrophe between letters stays inside the word.
            i += 1;
        } else {
            break;
        }
    }
    let shape = match first_upper {
        Some(true) if letters >= 2 && seen & LOWER == 0 => Shape::Upper,
        Some(true) => Shape::Cap,
        _ => Shape::Lower,
    };
    // Initials: a capital (or a known short form) directly followed by a dot.
    if b.get(i) == Some(&b'.') && first_upper == Some(true) {
        let w = &text[s..i];
        let letters = w.chars().count();
        if letters == 1 || MULTI_INITIALS.contains(&w) {
            out.push(Tok {
                start: s as u32,
                end: (i + 1) as u32,
                flags: 0,
                kind: Kind::Initial,
                shape: Shape::Cap,
                punct: 0,
            });
            return i + 1;
        }
    }
    let lead = if ascii { b[s].to_ascii_lowercase() } else { NON_ASCII };
    out.push(Tok { start: s as u32, end: i as u32, flags: 0, kind: Kind::Word, shape, punct: lead });
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, Kind, Shape)> {
        let mut v = Vec::new();
        tokenize(text, &mut v);
        v.iter().map(|t| (text[t.start as usize..t.end as usize].to_string(), t.kind, t.shape)).collect()
    }

    #[test]
    fn words_initials_and_punctuation() {
        let got = kinds("Dhr. J.P. van 't Hof-DE VRIES, 06\r\nÖzdemir O'Brien Th. x");
        let want = [
            ("Dhr", Kind::Word, Shape::Cap),
            (".", Kind::Punct, Shape::None),
            ("J.", Kind::Initial, Shape::Cap),
            ("P.", Kind::Initial, Shape::Cap),
            ("van", Kind::Word, Shape::Lower),
            ("'t", Kind::Word, Shape::Lower),
            ("Hof", Kind::Word, Shape::Cap),
            ("-", Kind::Punct, Shape::None),
            ("DE", Kind::Word, Shape::Upper),
            ("VRIES", Kind::Word, Shape::Upper),
            (",", Kind::Punct, Shape::None),
            ("06", Kind::Number, Shape::None),
            ("\r\n", Kind::Newline, Shape::None),
            ("Özdemir", Kind::Word, Shape::Cap),
            ("O'Brien", Kind::Word, Shape::Cap),
            ("Th.", Kind::Initial, Shape::Cap),
            ("x", Kind::Word, Shape::Lower),
        ];
        let want: Vec<_> = want.iter().map(|(s, k, sh)| (s.to_string(), *k, *sh)).collect();
        assert_eq!(got, want);
    }
}
