//! CMaps: the `/ToUnicode` maps of any font, and the code-to-CID maps embedded in Type0 fonts.
//!
//! Only the parts that matter for reading text are parsed: `codespacerange` (how many bytes a code
//! takes), `bfchar`/`bfrange` (code → Unicode, incrementing or from an array), and `cidchar`/`cidrange`
//! (code → CID). Anything else (`usecmap`, PostScript procedures) is skipped. Sizes are bounded: a
//! range that would expand beyond [`limits::PDF_MAX_CMAP_RANGE`] is rejected rather than allocated.

use std::collections::HashMap;

use crate::limits;

/// A parsed CMap.
#[derive(Clone, Debug, Default)]
pub(crate) struct CMap {
    /// (byte length, low, high).
    codespace: Vec<(u8, u32, u32)>,
    /// bfchar entries and expanded bfrange arrays: (length, code) → text.
    chars: HashMap<(u8, u32), String>,
    /// Incrementing bfranges: (length, low, high, UTF-16 of the low code's text).
    ranges: Vec<(u8, u32, u32, Vec<u16>)>,
    /// cidchar and cidrange entries: (length, low, high, first CID).
    cids: Vec<(u8, u32, u32, u32)>,
    /// `/WMode 1`: vertical writing.
    pub vertical: bool,
    /// A `usecmap` was found: part of the map lives in another CMap lak does not load.
    pub uses_other: bool,
}

#[derive(Debug, PartialEq)]
enum Tok<'a> {
    Hex(Vec<u8>),
    Str(Vec<u8>),
    Num(i64),
    Name(&'a [u8]),
    Word(&'a [u8]),
    Open,
    Close,
}

fn tokens(data: &[u8]) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    let n = data.len();
    while i < n {
        let c = data[i];
        match c {
            b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | 0 => i += 1,
            b'%' => {
                while i < n && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let mut digits = Vec::new();
                i += 1;
                while i < n && data[i] != b'>' {
                    if data[i].is_ascii_hexdigit() {
                        digits.push(data[i]);
                    }
                    i += 1;
                }
                i += 1;
                if digits.len() % 2 == 1 {
                    digits.push(b'0');
                }
                let bytes = digits.chunks(2).map(|p| (hex(p[0]) << 4) | hex(p[1])).collect();
                out.push(Tok::Hex(bytes));
            }
            b'(' => {
                // Literal strings are rare in CMaps; read them without escapes beyond `\\` and `\)`.
                let mut depth = 1;
                let mut s = Vec::new();
                i += 1;
                while i < n && depth > 0 {
                    let b = data[i];
                    if b == b'\\' && i + 1 < n {
                        s.push(data[i + 1]);
                        i += 2;
                        continue;
                    }
                    if b == b'(' {
                        depth += 1;
                    } else if b == b')' {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    s.push(b);
                    i += 1;
                }
                i += 1;
                out.push(Tok::Str(s));
            }
            b'[' => {
                out.push(Tok::Open);
                i += 1;
            }
            b']' => {
                out.push(Tok::Close);
                i += 1;
            }
            b'{' | b'}' => i += 1,
            b'/' => {
                let s = i + 1;
                i += 1;
                while i < n && !is_delim(data[i]) {
                    i += 1;
                }
                out.push(Tok::Name(&data[s..i]));
            }
            _ => {
                let s = i;
                while i < n && !is_delim(data[i]) {
                    i += 1;
                }
                if i == s {
                    i += 1;
                    continue;
                }
                let w = &data[s..i];
                match std::str::from_utf8(w).ok().and_then(|t| t.parse::<i64>().ok()) {
                    Some(v) => out.push(Tok::Num(v)),
                    None => out.push(Tok::Word(w)),
                }
            }
        }
    }
    out
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t'
            | b'\r'
            | b'\n'
            | b'\x0c'
            | 0
            | b'('
            | b')'
            | b'<'
            | b'>'
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'/'
            | b'%'
    )
}

fn hex(b: u8) -> u8 {
    match b {
        b'0'..=b'9' => b - b'0',
        b'a'..=b'f' => b - b'a' + 10,
        b'A'..=b'F' => b - b'A' + 10,
        _ => 0,
    }
}

fn code_of(bytes: &[u8]) -> Option<(u8, u32)> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    Some((bytes.len() as u8, bytes.iter().fold(0u32, |a, &b| (a << 8) | u32::from(b))))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes.chunks(2).map(|c| if c.len() == 2 { u16::from_be_bytes([c[0], c[1]]) } else { u16::from(c[0]) }).collect()
}

fn utf16_string(units: &[u16]) -> String {
    char::decode_utf16(units.iter().copied()).map(|r| r.unwrap_or('\u{FFFD}')).collect()
}

impl CMap {
    /// Parses a CMap; `Err` when it would need more memory than the limits allow.
    pub fn parse(data: &[u8]) -> Result<CMap, String> {
        let toks = tokens(data);
        let mut map = CMap::default();
        let mut i = 0;
        let mut last_name: Option<&[u8]> = None;
        while i < toks.len() {
            match &toks[i] {
                Tok::Name(n) => {
                    if *n == b"WMode"
                        && let Some(Tok::Num(1)) = toks.get(i + 1)
                    {
                        map.vertical = true;
                    }
                    last_name = Some(n);
                    i += 1;
                }
                Tok::Word(b"usecmap") => {
                    map.uses_other = last_name.is_some();
                    i += 1;
                }
                Tok::Word(b"begincodespacerange") => {
                    i += 1;
                    while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) = (toks.get(i), toks.get(i + 1)) {
                        if let (Some((l, lo)), Some((_, hi))) = (code_of(lo), code_of(hi)) {
                            map.codespace.push((l, lo, hi));
                        }
                        i += 2;
                    }
                }
                Tok::Word(b"beginbfchar") => {
                    i += 1;
                    while let (Some(Tok::Hex(src)), Some(dst)) = (toks.get(i), toks.get(i + 1)) {
                        let text = match dst {
                            Tok::Hex(d) => utf16_string(&utf16_units(d)),
                            Tok::Name(n) => super::encoding::glyph_to_unicode(std::str::from_utf8(n).unwrap_or(""))
                                .unwrap_or_default(),
                            _ => break,
                        };
                        if let Some(code) = code_of(src) {
                            map.chars.insert(code, text);
                        }
                        i += 2;
                        map.check_size()?;
                    }
                }
                Tok::Word(b"beginbfrange") => {
                    i += 1;
                    while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) = (toks.get(i), toks.get(i + 1)) {
                        let (Some((len, lo)), Some((_, hi))) = (code_of(lo), code_of(hi)) else {
                            i += 3;
                            continue;
                        };
                        if hi < lo {
                            i += 3;
                            continue;
                        }
                        match toks.get(i + 2) {
                            Some(Tok::Hex(d)) => {
                                map.ranges.push((len, lo, hi, utf16_units(d)));
                                i += 3;
                            }
                            Some(Tok::Open) => {
                                if hi - lo > limits::PDF_MAX_CMAP_RANGE {
                                    return Err("a CMap range is too large".into());
                                }
                                let mut j = i + 3;
                                let mut code = lo;
                                while let Some(Tok::Hex(d)) = toks.get(j) {
                                    if code <= hi {
                                        map.chars.insert((len, code), utf16_string(&utf16_units(d)));
                                    }
                                    code = code.saturating_add(1);
                                    j += 1;
                                }
                                i = j + 1;
                                map.check_size()?;
                            }
                            _ => break,
                        }
                    }
                }
                Tok::Word(b"begincidchar") => {
                    i += 1;
                    while let (Some(Tok::Hex(src)), Some(Tok::Num(cid))) = (toks.get(i), toks.get(i + 1)) {
                        if let (Some((l, c)), Ok(cid)) = (code_of(src), u32::try_from(*cid)) {
                            map.cids.push((l, c, c, cid));
                        }
                        i += 2;
                    }
                }
                Tok::Word(b"begincidrange") => {
                    i += 1;
                    while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi)), Some(Tok::Num(cid))) =
                        (toks.get(i), toks.get(i + 1), toks.get(i + 2))
                    {
                        if let (Some((l, lo)), Some((_, hi)), Ok(cid)) = (code_of(lo), code_of(hi), u32::try_from(*cid))
                            && hi >= lo
                        {
                            map.cids.push((l, lo, hi, cid));
                        }
                        i += 3;
                    }
                }
                _ => i += 1,
            }
            if map.cids.len() + map.ranges.len() + map.codespace.len() > limits::PDF_MAX_CMAP_ENTRIES {
                return Err("a CMap has too many entries".into());
            }
        }
        map.ranges.sort_by_key(|r| (r.0, r.1));
        Ok(map)
    }

    fn check_size(&self) -> Result<(), String> {
        if self.chars.len() > limits::PDF_MAX_CMAP_ENTRIES {
            return Err("a CMap has too many entries".into());
        }
        Ok(())
    }

    /// Whether the CMap declares code lengths.
    pub fn has_codespace(&self) -> bool {
        !self.codespace.is_empty()
    }

    /// The length of the code at the start of `bytes`, by the codespace ranges (1 when none matches,
    /// so a reader always moves on).
    pub fn code_len(&self, bytes: &[u8]) -> usize {
        for len in 1..=4usize {
            if bytes.len() < len {
                break;
            }
            let Some((_, code)) = code_of(&bytes[..len]) else {
                break;
            };
            if self.codespace.iter().any(|&(l, lo, hi)| usize::from(l) == len && (lo..=hi).contains(&code)) {
                return len;
            }
        }
        // No range matched: take the shortest declared length (PDF 32000-1, 9.7.6.3).
        self.codespace.iter().map(|&(l, _, _)| usize::from(l)).min().unwrap_or(1).min(bytes.len()).max(1)
    }

    /// The text for a code of `len` bytes.
    #[cfg(test)]
    pub fn unicode(&self, len: u8, code: u32) -> Option<String> {
        let mut s = String::new();
        self.unicode_into(len, code, &mut s).then_some(s)
    }

    /// Appends the text for a code of `len` bytes to `out`; `false` when the map has none. Called per
    /// glyph, so it does not allocate.
    pub fn unicode_into(&self, len: u8, code: u32, out: &mut String) -> bool {
        if let Some(s) = self.chars.get(&(len, code)) {
            out.push_str(s);
            return true;
        }
        // Ranges are sorted by (length, low): the candidate is the last one starting at or below `code`.
        let k = self.ranges.partition_point(|r| (r.0, r.1) <= (len, code));
        let Some((l, lo, hi, base)) = k.checked_sub(1).map(|k| &self.ranges[k]) else {
            return false;
        };
        if *l != len || code < *lo || code > *hi || base.is_empty() {
            return false;
        }
        let n = base.len();
        let last = base[n - 1].wrapping_add((code - lo) as u16);
        let units = base[..n - 1].iter().copied().chain(std::iter::once(last));
        out.extend(char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')));
        true
    }

    /// The CID for a code of `len` bytes.
    pub fn cid(&self, len: u8, code: u32) -> Option<u32> {
        self.cids
            .iter()
            .rev()
            .find(|(l, lo, hi, _)| *l == len && (*lo..=*hi).contains(&code))
            .map(|(_, lo, _, cid)| cid + (code - lo))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TO_UNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Adobe-Identity-UCS def /CMapType 2 def
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <0011> <00660069> endbfchar
2 beginbfrange <0024> <0026> <004A> <0030> <0031> [<00EB> <D83DDE00>] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";

    #[test]
    fn bfchar_and_both_bfrange_forms() {
        let m = CMap::parse(TO_UNICODE).unwrap();
        assert_eq!(m.unicode(2, 0x0003).as_deref(), Some(" "));
        assert_eq!(m.unicode(2, 0x0011).as_deref(), Some("fi"));
        assert_eq!(m.unicode(2, 0x0024).as_deref(), Some("J"));
        assert_eq!(m.unicode(2, 0x0026).as_deref(), Some("L"));
        assert_eq!(m.unicode(2, 0x0030).as_deref(), Some("ë"));
        assert_eq!(m.unicode(2, 0x0031).as_deref(), Some("😀"));
        assert_eq!(m.unicode(2, 0x0027), None);
        assert_eq!(m.code_len(&[0, 3, 0, 4]), 2);
    }

    #[test]
    fn cid_ranges_and_mixed_code_lengths() {
        let m = CMap::parse(
            b"2 begincodespacerange <00> <80> <8140> <FFFF> endcodespacerange
1 begincidrange <20> <7e> 1 <8140> <817e> 633 endcidrange /WMode 0 def",
        )
        .unwrap();
        assert_eq!(m.code_len(b"A"), 1);
        assert_eq!(m.code_len(&[0x81, 0x41]), 2);
        assert_eq!(m.cid(1, 0x41), Some(34));
        assert_eq!(m.cid(2, 0x8141), Some(634));
        assert!(!m.vertical);
    }

    #[test]
    fn huge_ranges_are_refused_not_allocated() {
        let r = CMap::parse(b"1 beginbfrange <00000000> <FFFFFFFF> [<0041>] endbfrange");
        assert!(r.is_err());
    }
}
