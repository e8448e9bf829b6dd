//! CMaps: the `/ToUnicode` maps of any font, and the code-to-CID maps embedded in Type0 fonts.
//!
//! Only the parts that matter for reading text are parsed: `codespacerange` (how many bytes a code
//! takes), `bfchar`/`bfrange` (code → Unicode, incrementing or from an array), and `cidchar`/`cidrange`
//! (code → CID). Anything else (`usecmap`, PostScript procedures) is skipped. Sizes are bounded: a
//! `bfrange` over more than [`limits::PDF_MAX_CMAP_RANGE`] codes, incrementing or not, and a CMap whose
//! `bfchar`/`bfrange` entries map more than [`limits::PDF_MAX_CMAP_CODES`] codes in all, are rejected
//! rather than expanded (the CMap is written again code by code, so this bounds the output too).
//!
//! **Precedence.** A CMap may map one code twice (a `bfchar` and a later `bfrange` over it). Viewers
//! apply the entries in order, so the one defined last wins, and so does lak: the entries are
//! resolved into disjoint pieces, later entries first ([`last_wins`]), for every mix of `bfchar`,
//! `bfrange`, `cidchar` and `cidrange`.
//!
//! **Written back as read.** [`CMap::write`] serialises exactly what lak read — one mapping per code,
//! incrementing ranges split where viewers could count differently (a range crossing a low-byte
//! boundary of the code or of its UTF-16 value) — and the redaction replaces every CMap in the output
//! with it. Whatever ambiguity the input held, the output's text is the text lak checked.

use std::collections::BTreeMap;

use crate::limits;

/// Where a code's Unicode comes from.
#[derive(Clone, Debug)]
enum Dst {
    /// A `bfchar` entry or one element of a `bfrange` array: the text of one code.
    Text(String),
    /// An incrementing `bfrange`: the UTF-16 of its low code; each later code adds one to the last unit.
    Inc(Vec<u16>),
}

/// A piece of the code space with one entry behind it: (byte length, low, high, entry index).
type Piece = (u8, u32, u32, usize);

/// A parsed CMap.
#[derive(Clone, Debug, Default)]
pub(crate) struct CMap {
    /// (byte length, low, high).
    codespace: Vec<(u8, u32, u32)>,
    /// bf entries in file order: (length, low, high, destination).
    bf_entries: Vec<(u8, u32, u32, Dst)>,
    /// cid entries in file order: (length, low, high, CID of the low code).
    cid_entries: Vec<(u8, u32, u32, u32)>,
    /// Disjoint pieces sorted by (length, low), the last definition of each code winning.
    bf: Vec<Piece>,
    cids: Vec<Piece>,
    /// Codes mapped by all bf entries together (counted before overlaps are resolved).
    bf_codes: u64,
    /// `/WMode 1`: vertical writing.
    pub vertical: bool,
    /// A `usecmap` was found: part of the map lives in another CMap lak does not load.
    pub uses_other: bool,
}

/// Resolves entries `(length, low, high)` given in file order into disjoint pieces sorted by
/// (length, low), each naming the entry that was defined last for its codes.
fn last_wins(entries: impl DoubleEndedIterator<Item = (u8, u32, u32)>) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    // Per code length: covered intervals (low → high), disjoint.
    let mut covered: BTreeMap<(u8, u32), u32> = BTreeMap::new();
    let entries: Vec<(u8, u32, u32)> = entries.collect();
    for (idx, &(len, lo, hi)) in entries.iter().enumerate().rev() {
        // Intervals overlapping [lo, hi]: the one starting at or before lo, and those starting inside.
        let mut overlapping: Vec<(u32, u32)> = Vec::new();
        if let Some((&(l, s), &e)) = covered.range(..=(len, lo)).next_back()
            && l == len
            && e >= lo
        {
            overlapping.push((s, e));
        }
        if lo < hi {
            for (&(_, s), &e) in covered.range((len, lo + 1)..=(len, hi)) {
                overlapping.push((s, e));
            }
        }
        // The gaps are this entry's.
        let mut at: Option<u32> = Some(lo);
        for &(s, e) in &overlapping {
            if let Some(a) = at {
                if s > a {
                    pieces.push((len, a, s - 1, idx));
                }
                at = if e >= hi { None } else { Some(a.max(e + 1)) };
            }
        }
        if let Some(a) = at
            && a <= hi
        {
            pieces.push((len, a, hi, idx));
        }
        // Merge [lo, hi] with what it overlaps into one covered interval.
        let mut s_all = lo;
        let mut e_all = hi;
        for &(s, e) in &overlapping {
            covered.remove(&(len, s));
            s_all = s_all.min(s);
            e_all = e_all.max(e);
        }
        covered.insert((len, s_all), e_all);
    }
    pieces.sort_by_key(|p| (p.0, p.1));
    pieces
}

/// The piece holding a code, if any.
fn find(pieces: &[Piece], len: u8, code: u32) -> Option<&Piece> {
    let k = pieces.partition_point(|p| (p.0, p.1) <= (len, code));
    k.checked_sub(1).map(|k| &pieces[k]).filter(|p| p.0 == len && code <= p.2)
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

/// The largest code of `len` bytes (a range's high end may be written longer than its low end).
fn max_code(len: u8) -> u32 {
    if len >= 4 { u32::MAX } else { (1u32 << (8 * u32::from(len))) - 1 }
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
                        // A high end written longer than the low end is clamped to the low end's length,
                        // as in ranges, so that the CMap written back says what was read.
                        if let (Some((l, lo)), Some((_, hi))) = (code_of(lo), code_of(hi)) {
                            map.codespace.push((l, lo, hi.min(max_code(l))));
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
                        if let Some((len, code)) = code_of(src) {
                            map.bf_entries.push((len, code, code, Dst::Text(text)));
                            map.bf_codes += 1;
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
                        let hi = hi.min(max_code(len));
                        if hi < lo {
                            i += 3;
                            continue;
                        }
                        if hi - lo >= limits::PDF_MAX_CMAP_RANGE {
                            return Err("a CMap range is too large".into());
                        }
                        map.bf_codes += u64::from(hi - lo) + 1;
                        match toks.get(i + 2) {
                            Some(Tok::Hex(d)) => {
                                map.bf_entries.push((len, lo, hi, Dst::Inc(utf16_units(d))));
                                i += 3;
                            }
                            Some(Tok::Open) => {
                                let mut j = i + 3;
                                let mut code = lo;
                                while let Some(Tok::Hex(d)) = toks.get(j) {
                                    if code <= hi {
                                        map.bf_entries.push((
                                            len,
                                            code,
                                            code,
                                            Dst::Text(utf16_string(&utf16_units(d))),
                                        ));
                                    }
                                    code = code.saturating_add(1);
                                    j += 1;
                                }
                                i = j + 1;
                            }
                            _ => break,
                        }
                        map.check_size()?;
                    }
                }
                Tok::Word(b"begincidchar") => {
                    i += 1;
                    while let (Some(Tok::Hex(src)), Some(Tok::Num(cid))) = (toks.get(i), toks.get(i + 1)) {
                        if let (Some((l, c)), Ok(cid)) = (code_of(src), u32::try_from(*cid)) {
                            map.cid_entries.push((l, c, c, cid));
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
                            map.cid_entries.push((l, lo, hi.min(max_code(l)), cid));
                        }
                        i += 3;
                    }
                }
                _ => i += 1,
            }
            map.check_size()?;
        }
        map.bf = last_wins(map.bf_entries.iter().map(|e| (e.0, e.1, e.2)));
        map.cids = last_wins(map.cid_entries.iter().map(|e| (e.0, e.1, e.2)));
        Ok(map)
    }

    fn check_size(&self) -> Result<(), String> {
        if self.bf_entries.len() + self.cid_entries.len() + self.codespace.len() > limits::PDF_MAX_CMAP_ENTRIES {
            return Err("a CMap has too many entries".into());
        }
        if self.bf_codes > limits::PDF_MAX_CMAP_CODES {
            return Err("a CMap maps too many codes".into());
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

    /// The UTF-16 units of an incrementing range's code: the last unit of the low code's text plus
    /// the distance from the low code.
    fn inc_units(base: &[u16], offset: u32) -> impl Iterator<Item = u16> + '_ {
        let n = base.len();
        let last = base[n - 1].wrapping_add(offset as u16);
        base[..n - 1].iter().copied().chain(std::iter::once(last))
    }

    /// Appends the text for a code of `len` bytes to `out`; `false` when the map has none. Called per
    /// glyph, so it does not allocate.
    pub fn unicode_into(&self, len: u8, code: u32, out: &mut String) -> bool {
        let Some(&(_, _, _, idx)) = find(&self.bf, len, code) else {
            return false;
        };
        let (_, lo, _, dst) = &self.bf_entries[idx];
        match dst {
            Dst::Text(s) => out.push_str(s),
            Dst::Inc(base) => {
                if base.is_empty() {
                    return false;
                }
                out.extend(char::decode_utf16(Self::inc_units(base, code - lo)).map(|r| r.unwrap_or('\u{FFFD}')));
            }
        }
        true
    }

    /// The CID for a code of `len` bytes.
    pub fn cid(&self, len: u8, code: u32) -> Option<u32> {
        let &(_, _, _, idx) = find(&self.cids, len, code)?;
        let (_, lo, _, cid) = self.cid_entries[idx];
        Some(cid.wrapping_add(code - lo))
    }

    /// The CMap as lak reads it, in a form every reader reads the same way: one `bfchar` per code with
    /// its own text, incrementing ranges split so that neither the code's last byte nor the last
    /// UTF-16 unit wraps inside one, cid ranges as resolved.
    pub fn write(&self) -> Vec<u8> {
        use std::fmt::Write;
        let hex = |len: u8, code: u32| format!("<{:0w$X}>", code, w = usize::from(len) * 2);
        let utf16 = |units: &mut dyn Iterator<Item = u16>| {
            let mut s = String::from("<");
            for u in units {
                let _ = write!(s, "{u:04X}");
            }
            s.push('>');
            s
        };
        let mut chars: Vec<String> = Vec::new();
        let mut ranges: Vec<String> = Vec::new();
        for &(len, lo, hi, idx) in &self.bf {
            match &self.bf_entries[idx].3 {
                Dst::Text(t) => {
                    for code in lo..=hi {
                        chars.push(format!("{} {}", hex(len, code), utf16(&mut t.encode_utf16())));
                    }
                }
                Dst::Inc(base) if base.is_empty() => {}
                Dst::Inc(base) => {
                    let first = self.bf_entries[idx].1;
                    let mut a = lo;
                    loop {
                        let last = base[base.len() - 1].wrapping_add((a - first) as u16);
                        // Up to the next low-byte boundary of the code and of the last unit.
                        let b = hi.min(a | 0xFF).min(a.saturating_add(u32::from(0xFFFF - last)));
                        let b = b.min(a.saturating_add(0xFF - (last & 0xFF) as u32));
                        ranges.push(format!(
                            "{} {} {}",
                            hex(len, a),
                            hex(len, b),
                            utf16(&mut Self::inc_units(base, a - first))
                        ));
                        if b >= hi {
                            break;
                        }
                        a = b + 1;
                    }
                }
            }
        }
        let cids: Vec<String> = self
            .cids
            .iter()
            .map(|&(len, lo, hi, idx)| {
                let (_, first, _, cid) = self.cid_entries[idx];
                format!("{} {} {}", hex(len, lo), hex(len, hi), cid.wrapping_add(lo - first))
            })
            .collect();
        let mut out = String::from(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
             /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
             /CMapName /Lak-Resolved def\n/CMapType 2 def\n",
        );
        if self.vertical {
            out.push_str("/WMode 1 def\n");
        }
        let block = |out: &mut String, what: &str, items: &[String]| {
            for chunk in items.chunks(100) {
                let _ = writeln!(out, "{} begin{what}", chunk.len());
                for item in chunk {
                    out.push_str(item);
                    out.push('\n');
                }
                let _ = writeln!(out, "end{what}");
            }
        };
        let spaces: Vec<String> =
            self.codespace.iter().map(|&(l, lo, hi)| format!("{} {}", hex(l, lo), hex(l, hi))).collect();
        block(&mut out, "codespacerange", &spaces);
        block(&mut out, "bfchar", &chars);
        block(&mut out, "bfrange", &ranges);
        block(&mut out, "cidrange", &cids);
        out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        out.into_bytes()
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

    #[test]
    fn huge_incrementing_ranges_are_refused_not_written() {
        // Written back code block by code block, this one range would be 16.7M lines.
        assert!(CMap::parse(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange").is_err());
        // Many ranges each within the limit add up to too many codes.
        let mut many = b"100 beginbfrange ".to_vec();
        for k in 0..100u32 {
            many.extend(format!("<{:08X}> <{:08X}> <0041> ", k << 16, (k << 16) | 0xFFFF).as_bytes());
        }
        many.extend(b"endbfrange");
        assert_eq!(CMap::parse(&many).unwrap_err(), "a CMap maps too many codes");
        // A full two-byte identity range is fine.
        let m = CMap::parse(b"1 beginbfrange <0000> <FFFF> <0000> endbfrange").unwrap();
        assert!(m.write().len() < 4 << 20);
    }

    #[test]
    fn the_mapping_defined_last_wins() {
        // bfchar then bfrange over the same codes (leak-04): the range wins.
        let m =
            CMap::parse(b"2 beginbfchar <41> <0078> <42> <0078> endbfchar 1 beginbfrange <20> <7E> <0020> endbfrange")
                .unwrap();
        assert_eq!(m.unicode(1, 0x41).as_deref(), Some("A"));
        assert_eq!(m.unicode(1, 0x42).as_deref(), Some("B"));
        // bfrange then bfchar: the char wins for its code only.
        let m = CMap::parse(b"1 beginbfrange <20> <7E> <0020> endbfrange 1 beginbfchar <41> <0078> endbfchar").unwrap();
        assert_eq!(m.unicode(1, 0x41).as_deref(), Some("x"));
        assert_eq!(m.unicode(1, 0x40).as_deref(), Some("@"));
        assert_eq!(m.unicode(1, 0x42).as_deref(), Some("B"));
        // Overlapping ranges, an array range in the middle.
        let m = CMap::parse(
            b"1 beginbfrange <10> <30> <0061> endbfrange 1 beginbfrange <18> <19> [<0058> <0059>] endbfrange \
              1 beginbfrange <20> <40> <0041> endbfrange",
        )
        .unwrap();
        assert_eq!(m.unicode(1, 0x10).as_deref(), Some("a"));
        assert_eq!(m.unicode(1, 0x18).as_deref(), Some("X"));
        assert_eq!(m.unicode(1, 0x1A).as_deref(), Some("k"));
        assert_eq!(m.unicode(1, 0x20).as_deref(), Some("A"));
        assert_eq!(m.unicode(1, 0x40).as_deref(), Some("a"));
        // cidchar and cidrange.
        let m = CMap::parse(b"1 begincidchar <05> 100 endcidchar 1 begincidrange <00> <0F> 10 endcidrange").unwrap();
        assert_eq!(m.cid(1, 5), Some(15));
        let m = CMap::parse(b"1 begincidrange <00> <0F> 10 endcidrange 1 begincidchar <05> 100 endcidchar").unwrap();
        assert_eq!((m.cid(1, 4), m.cid(1, 5), m.cid(1, 6)), (Some(14), Some(100), Some(16)));
    }

    #[test]
    fn a_codespace_high_end_longer_than_its_low_end_is_written_back_as_read() {
        // Found by fuzzing (fuzz/regressions/cmap/): `<048>` was kept as 0x480 for a 1-byte range and
        // written back as `<480>`, which reads as `<4800>`.
        let m = CMap::parse(b"1 begincodespacerange <00> <048> endcodespacerange").unwrap();
        let written = m.write();
        assert!(String::from_utf8_lossy(&written).contains("<00> <FF>"));
        assert_eq!(CMap::parse(&written).unwrap().write(), written);
        assert_eq!(m.code_len(&[0x41, 0x42]), 1);
    }

    #[test]
    fn written_cmaps_read_back_the_same() {
        let src: &[u8] = b"2 begincodespacerange <00> <80> <8140> <FFFF> endcodespacerange
3 beginbfchar <41> <0078> <42> <00660069> <8141> <D83DDE00> endbfchar
2 beginbfrange <20> <7E> <0020> <00F0> <01FF> <00FE> endbfrange
1 beginbfchar <43> /eacute endbfchar
1 begincidrange <8140> <817E> 633 endcidrange 1 begincidchar <8150> 7 endcidchar";
        let m = CMap::parse(src).unwrap();
        let again = CMap::parse(&m.write()).unwrap();
        for len in 1..=2u8 {
            for code in 0..0x200u32 {
                assert_eq!(m.unicode(len, code), again.unicode(len, code), "{len} {code:x}");
            }
            for code in 0x8100..0x8200u32 {
                assert_eq!(m.unicode(len, code), again.unicode(len, code), "{len} {code:x}");
                assert_eq!(m.cid(len, code), again.cid(len, code), "{len} {code:x}");
            }
        }
        assert_eq!(again.code_len(&[0x81, 0x41]), 2);
        // The range over F0..1FF is split where the code or the last UTF-16 unit crosses a byte boundary.
        let text = String::from_utf8(m.write()).unwrap();
        assert!(text.contains("<00F0> <00F1> <00FE>\n<00F2> <00FF> <0100>"), "{text}");
    }
}
