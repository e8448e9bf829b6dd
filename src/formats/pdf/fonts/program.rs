//! The built-in encoding of an embedded font program.
//!
//! A simple font without `/Encoding` (or with a `/Differences` dictionary and no `/BaseEncoding`) maps
//! codes to glyphs through the encoding of its own font program, and that is what every viewer draws
//! by. Assuming `StandardEncoding` there lets a document show one text and give lak another. So the
//! program is read:
//!
//! - **Type1** (`/FontFile`): the clear-text part holds `/Encoding StandardEncoding def` or
//!   `/Encoding 256 array … dup <code> /<glyph> put … def`;
//! - **CFF** (`/FontFile3 /Subtype /Type1C`): the Top DICT names the standard encoding or points at a
//!   custom one, whose glyphs are named through the charset and the string index.
//!
//! Anything else (a TrueType program, a CID-keyed CFF, the Expert encoding, a program that cannot be
//! parsed) is [`Builtin::Unknown`] with the reason: the caller then uses no glyph names at all for the
//! codes the PDF does not name itself, so their text comes from `/ToUnicode` or is undecodable.

use lopdf::{Dictionary, Document, Object};

use crate::formats::pdf::read::objects::{self, Budget};

/// A program's own encoding.
pub(crate) enum Builtin {
    /// `StandardEncoding`.
    Standard,
    /// A glyph name per code.
    Names(Box<[Option<String>; 256]>),
    /// Why it cannot be told.
    Unknown(String),
}

/// The built-in encoding of the program embedded in `descriptor`, or `None` when none is embedded.
pub(crate) fn builtin(doc: &Document, descriptor: &Dictionary, budget: &Budget) -> Option<Builtin> {
    if let Some(s) = objects::get_stream(doc, descriptor, b"FontFile") {
        let data = match budget.decode(s) {
            Ok(d) => d,
            Err(m) => {
                return Some(Builtin::Unknown(format!("its embedded Type1 program cannot be read ({})", m.reason)));
            }
        };
        let clear_len = match s.dict.get(b"Length1") {
            Ok(Object::Integer(n)) if *n > 0 && (*n as usize) <= data.len() => *n as usize,
            _ => data.len(),
        };
        return Some(type1(&data[..clear_len]));
    }
    if let Some(s) = objects::get_stream(doc, descriptor, b"FontFile3") {
        let sub = objects::get_name(doc, &s.dict, b"Subtype").unwrap_or(b"");
        if sub != b"Type1C" {
            return Some(Builtin::Unknown(format!(
                "its embedded program is of type {}, whose encoding lak does not read",
                String::from_utf8_lossy(sub)
            )));
        }
        return Some(match budget.decode(s) {
            Ok(d) => cff(&d).unwrap_or_else(|| Builtin::Unknown("its embedded CFF program cannot be parsed".into())),
            Err(m) => Builtin::Unknown(format!("its embedded CFF program cannot be read ({})", m.reason)),
        });
    }
    // A TrueType program (`/FontFile2`) has no glyph-name encoding of its own, and without a program
    // there is nothing to read: the caller's rules apply.
    None
}

/// Splits PostScript source into tokens: names keep their slash, `{`, `}`, `[`, `]` stand alone;
/// comments and strings are skipped.
fn ps_tokens(src: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut i = 0;
    let delim = |b: u8| b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b) || b == 0;
    while i < src.len() {
        let b = src[i];
        if b.is_ascii_whitespace() || b == 0 {
            i += 1;
        } else if b == b'%' {
            while i < src.len() && src[i] != b'\n' && src[i] != b'\r' {
                i += 1;
            }
        } else if b == b'(' {
            let mut depth = 0usize;
            while i < src.len() {
                match src[i] {
                    b'\\' => i += 1,
                    b'(' => depth += 1,
                    b')' => {
                        depth -= 1;
                        if depth == 0 {
                            i += 1;
                            break;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        } else if b"[]{}<>".contains(&b) {
            out.push(&src[i..i + 1]);
            i += 1;
        } else {
            let start = i;
            i += 1;
            while i < src.len() && !delim(src[i]) {
                i += 1;
            }
            out.push(&src[start..i]);
        }
    }
    out
}

fn ps_int(t: &[u8]) -> Option<i64> {
    let s = std::str::from_utf8(t).ok()?;
    if let Some((radix, digits)) = s.split_once('#') {
        return i64::from_str_radix(digits, radix.parse().ok().filter(|r| (2..=36).contains(r))?).ok();
    }
    s.parse().ok()
}

/// The encoding in the clear-text part of a Type1 program.
pub(crate) fn type1(clear: &[u8]) -> Builtin {
    let end = clear.windows(5).position(|w| w == b"eexec").unwrap_or(clear.len());
    let tokens = ps_tokens(&clear[..end]);
    let Some(at) = tokens.iter().position(|t| *t == b"/Encoding") else {
        return Builtin::Unknown("its embedded Type1 program has no /Encoding".into());
    };
    let rest = &tokens[at + 1..];
    match rest.first() {
        Some(&b"StandardEncoding") => return Builtin::Standard,
        Some(t) if ps_int(t).is_some() => {}
        _ => return Builtin::Unknown("its embedded Type1 program has an encoding lak cannot read".into()),
    }
    let mut names: Box<[Option<String>; 256]> = Box::new(std::array::from_fn(|_| None));
    let mut i = 1;
    while i < rest.len() {
        let t = rest[i];
        if t == b"def" || t == b"readonly" {
            return Builtin::Names(names);
        }
        if t == b"dup"
            && let (Some(code), Some(name), Some(&b"put")) =
                (rest.get(i + 1).and_then(|t| ps_int(t)), rest.get(i + 2), rest.get(i + 3))
            && let Some(glyph) = name.strip_prefix(b"/")
        {
            if !(0..256).contains(&code) {
                return Builtin::Unknown("its embedded Type1 program encodes a code outside 0..255".into());
            }
            names[code as usize] = Some(String::from_utf8_lossy(glyph).into_owned());
            i += 4;
            continue;
        }
        // The usual preamble: `256 array 0 1 255 {1 index exch /.notdef put} for`.
        i += 1;
    }
    Builtin::Unknown("its embedded Type1 program's encoding does not end".into())
}

/// A CFF INDEX at `pos`: its items' byte ranges and the offset after it.
fn cff_index(d: &[u8], pos: usize) -> Option<(Vec<std::ops::Range<usize>>, usize)> {
    let count = usize::from(u16::from_be_bytes([*d.get(pos)?, *d.get(pos + 1)?]));
    if count == 0 {
        return Some((Vec::new(), pos + 2));
    }
    let off_size = usize::from(*d.get(pos + 2)?);
    if !(1..=4).contains(&off_size) {
        return None;
    }
    let offs_at = pos + 3;
    let off = |k: usize| -> Option<usize> {
        let s = d.get(offs_at + k * off_size..offs_at + (k + 1) * off_size)?;
        Some(s.iter().fold(0usize, |a, &b| (a << 8) | usize::from(b)))
    };
    let data_at = offs_at + (count + 1) * off_size - 1;
    let mut items = Vec::with_capacity(count);
    for k in 0..count {
        let (a, b) = (off(k)?, off(k + 1)?);
        if a == 0 || b < a || data_at + b > d.len() {
            return None;
        }
        items.push(data_at + a..data_at + b);
    }
    let end = data_at + off(count)?;
    Some((items, end))
}

/// The operators of a CFF DICT with their integer operands (reals become `None`).
fn cff_dict(d: &[u8]) -> Option<Vec<(u16, Vec<Option<i64>>)>> {
    let mut out = Vec::new();
    let mut operands: Vec<Option<i64>> = Vec::new();
    let mut i = 0;
    while i < d.len() {
        let b0 = d[i];
        match b0 {
            0..=21 => {
                let op = if b0 == 12 {
                    i += 1;
                    1200 + u16::from(*d.get(i)?)
                } else {
                    u16::from(b0)
                };
                out.push((op, std::mem::take(&mut operands)));
                i += 1;
            }
            28 => {
                operands.push(Some(i64::from(i16::from_be_bytes([*d.get(i + 1)?, *d.get(i + 2)?]))));
                i += 3;
            }
            29 => {
                let s = d.get(i + 1..i + 5)?;
                operands.push(Some(i64::from(i32::from_be_bytes([s[0], s[1], s[2], s[3]]))));
                i += 5;
            }
            30 => {
                i += 1;
                loop {
                    let b = *d.get(i)?;
                    i += 1;
                    if b & 0x0F == 0x0F || b >> 4 == 0x0F {
                        break;
                    }
                }
                operands.push(None);
            }
            32..=246 => {
                operands.push(Some(i64::from(b0) - 139));
                i += 1;
            }
            247..=250 => {
                operands.push(Some((i64::from(b0) - 247) * 256 + i64::from(*d.get(i + 1)?) + 108));
                i += 2;
            }
            251..=254 => {
                operands.push(Some(-(i64::from(b0) - 251) * 256 - i64::from(*d.get(i + 1)?) - 108));
                i += 2;
            }
            _ => return None,
        }
    }
    Some(out)
}

/// The built-in encoding of a CFF font program (the first font of the set); `None` if malformed.
pub(crate) fn cff(d: &[u8]) -> Option<Builtin> {
    let hdr_size = usize::from(*d.get(2)?);
    let (_names, after_names) = cff_index(d, hdr_size)?;
    let (tops, after_tops) = cff_index(d, after_names)?;
    let (strings, _) = cff_index(d, after_tops)?;
    let top = cff_dict(&d[tops.first()?.clone()])?;
    let int = |op: u16| -> Option<Option<i64>> {
        top.iter().rev().find(|(o, _)| *o == op).map(|(_, v)| v.last().copied().flatten())
    };
    if int(1230).is_some() {
        return Some(Builtin::Unknown("its embedded CFF program is CID-keyed".into()));
    }
    let encoding = int(16).unwrap_or(Some(0))?;
    match encoding {
        0 => return Some(Builtin::Standard),
        1 => return Some(Builtin::Unknown("its embedded CFF program uses the Expert encoding".into())),
        _ => {}
    }
    let (charstrings, _) = cff_index(d, usize::try_from(int(17)??).ok()?)?;
    let n_glyphs = charstrings.len();
    // Glyph index → string id, through the charset.
    let charset = int(15).unwrap_or(Some(0))?;
    let mut sids: Vec<u16> = vec![0];
    match charset {
        0 => sids.extend((1..n_glyphs.min(229)).map(|g| g as u16)),
        1 | 2 => return Some(Builtin::Unknown("its embedded CFF program uses an expert charset".into())),
        off => {
            let mut p = usize::try_from(off).ok()?;
            let format = *d.get(p)?;
            p += 1;
            let u16_at = |p: usize| -> Option<u16> { Some(u16::from_be_bytes([*d.get(p)?, *d.get(p + 1)?])) };
            while sids.len() < n_glyphs {
                match format {
                    0 => {
                        sids.push(u16_at(p)?);
                        p += 2;
                    }
                    1 | 2 => {
                        let first = u16_at(p)?;
                        let (left, step) =
                            if format == 1 { (u16::from(*d.get(p + 2)?), 3) } else { (u16_at(p + 2)?, 4) };
                        p += step;
                        for k in 0..=left {
                            if sids.len() >= n_glyphs {
                                break;
                            }
                            sids.push(first.checked_add(k)?);
                        }
                    }
                    _ => return None,
                }
            }
        }
    }
    let name = |sid: u16| -> Option<String> {
        let sid = usize::from(sid);
        if sid < CFF_STANDARD_STRINGS.len() {
            return Some(CFF_STANDARD_STRINGS[sid].to_string());
        }
        let r = strings.get(sid - CFF_STANDARD_STRINGS.len())?.clone();
        Some(String::from_utf8_lossy(&d[r]).into_owned())
    };
    let mut names: Box<[Option<String>; 256]> = Box::new(std::array::from_fn(|_| None));
    let mut p = usize::try_from(encoding).ok()?;
    let format = *d.get(p)?;
    p += 1;
    match format & 0x7F {
        0 => {
            let n = usize::from(*d.get(p)?);
            p += 1;
            for gid in 1..=n {
                let code = *d.get(p)?;
                p += 1;
                if let Some(&sid) = sids.get(gid) {
                    names[usize::from(code)] = name(sid);
                }
            }
        }
        1 => {
            let n = usize::from(*d.get(p)?);
            p += 1;
            let mut gid = 1;
            for _ in 0..n {
                let (first, left) = (usize::from(*d.get(p)?), usize::from(*d.get(p + 1)?));
                p += 2;
                for code in first..=first + left {
                    if code < 256
                        && let Some(&sid) = sids.get(gid)
                    {
                        names[code] = name(sid);
                    }
                    gid += 1;
                }
            }
        }
        _ => return None,
    }
    if format & 0x80 != 0 {
        let n = usize::from(*d.get(p)?);
        p += 1;
        for _ in 0..n {
            let code = usize::from(*d.get(p)?);
            let sid = u16::from_be_bytes([*d.get(p + 1)?, *d.get(p + 2)?]);
            p += 3;
            names[code] = name(sid);
        }
    }
    Some(Builtin::Names(names))
}

/// The CFF standard strings (the CFF specification, Appendix A): string ids below 391.
#[rustfmt::skip]
static CFF_STANDARD_STRINGS: [&str; 391] = [
    ".notdef", "space", "exclam", "quotedbl", "numbersign", "dollar", "percent", "ampersand", "quoteright",
    "parenleft", "parenright", "asterisk", "plus", "comma", "hyphen", "period", "slash", "zero", "one", "two",
    "three", "four", "five", "six", "seven", "eight", "nine", "colon", "semicolon", "less", "equal", "greater",
    "question", "at", "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S",
    "T", "U", "V", "W", "X", "Y", "Z", "bracketleft", "backslash", "bracketright", "asciicircum", "underscore",
    "quoteleft", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "w", "x", "y", "z", "braceleft", "bar", "braceright", "asciitilde", "exclamdown", "cent", "sterling",
    "fraction", "yen", "florin", "section", "currency", "quotesingle", "quotedblleft", "guillemotleft",
    "guilsinglleft", "guilsinglright", "fi", "fl", "endash", "dagger", "daggerdbl", "periodcentered", "paragraph",
    "bullet", "quotesinglbase", "quotedblbase", "quotedblright", "guillemotright", "ellipsis", "perthousand",
    "questiondown", "grave", "acute", "circumflex", "tilde", "macron", "breve", "dotaccent", "dieresis", "ring",
    "cedilla", "hungarumlaut", "ogonek", "caron", "emdash", "AE", "ordfeminine", "Lslash", "Oslash", "OE",
    "ordmasculine", "ae", "dotlessi", "lslash", "oslash", "oe", "germandbls", "onesuperior", "logicalnot", "mu",
    "trademark", "Eth", "onehalf", "plusminus", "Thorn", "onequarter", "divide", "brokenbar", "degree", "thorn",
    "threequarters", "twosuperior", "registered", "minus", "eth", "multiply", "threesuperior", "copyright", "Aacute",
    "Acircumflex", "Adieresis", "Agrave", "Aring", "Atilde", "Ccedilla", "Eacute", "Ecircumflex", "Edieresis",
    "Egrave", "Iacute", "Icircumflex", "Idieresis", "Igrave", "Ntilde", "Oacute", "Ocircumflex", "Odieresis",
    "Ograve", "Otilde", "Scaron", "Uacute", "Ucircumflex", "Udieresis", "Ugrave", "Yacute", "Ydieresis", "Zcaron",
    "aacute", "acircumflex", "adieresis", "agrave", "aring", "atilde", "ccedilla", "eacute", "ecircumflex",
    "edieresis", "egrave", "iacute", "icircumflex", "idieresis", "igrave", "ntilde", "oacute", "ocircumflex",
    "odieresis", "ograve", "otilde", "scaron", "uacute", "ucircumflex", "udieresis", "ugrave", "yacute", "ydieresis",
    "zcaron", "exclamsmall", "Hungarumlautsmall", "dollaroldstyle", "dollarsuperior", "ampersandsmall", "Acutesmall",
    "parenleftsuperior", "parenrightsuperior", "twodotenleader", "onedotenleader", "zerooldstyle", "oneoldstyle",
    "twooldstyle", "threeoldstyle", "fouroldstyle", "fiveoldstyle", "sixoldstyle", "sevenoldstyle", "eightoldstyle",
    "nineoldstyle", "commasuperior", "threequartersemdash", "periodsuperior", "questionsmall", "asuperior",
    "bsuperior", "centsuperior", "dsuperior", "esuperior", "isuperior", "lsuperior", "msuperior", "nsuperior",
    "osuperior", "rsuperior", "ssuperior", "tsuperior", "ff", "ffi", "ffl", "parenleftinferior", "parenrightinferior",
    "Circumflexsmall", "hyphensuperior", "Gravesmall", "Asmall", "Bsmall", "Csmall", "Dsmall", "Esmall", "Fsmall",
    "Gsmall", "Hsmall", "Ismall", "Jsmall", "Ksmall", "Lsmall", "Msmall", "Nsmall", "Osmall", "Psmall", "Qsmall",
    "Rsmall", "Ssmall", "Tsmall", "Usmall", "Vsmall", "Wsmall", "Xsmall", "Ysmall", "Zsmall", "colonmonetary",
    "onefitted", "rupiah", "Tildesmall", "exclamdownsmall", "centoldstyle", "Lslashsmall", "Scaronsmall",
    "Zcaronsmall", "Dieresissmall", "Brevesmall", "Caronsmall", "Dotaccentsmall", "Macronsmall", "figuredash",
    "hypheninferior", "Ogoneksmall", "Ringsmall", "Cedillasmall", "questiondownsmall", "oneeighth", "threeeighths",
    "fiveeighths", "seveneighths", "onethird", "twothirds", "zerosuperior", "foursuperior", "fivesuperior",
    "sixsuperior", "sevensuperior", "eightsuperior", "ninesuperior", "zeroinferior", "oneinferior", "twoinferior",
    "threeinferior", "fourinferior", "fiveinferior", "sixinferior", "seveninferior", "eightinferior", "nineinferior",
    "centinferior", "dollarinferior", "periodinferior", "commainferior", "Agravesmall", "Aacutesmall",
    "Acircumflexsmall", "Atildesmall", "Adieresissmall", "Aringsmall", "AEsmall", "Ccedillasmall", "Egravesmall",
    "Eacutesmall", "Ecircumflexsmall", "Edieresissmall", "Igravesmall", "Iacutesmall", "Icircumflexsmall",
    "Idieresissmall", "Ethsmall", "Ntildesmall", "Ogravesmall", "Oacutesmall", "Ocircumflexsmall", "Otildesmall",
    "Odieresissmall", "OEsmall", "Oslashsmall", "Ugravesmall", "Uacutesmall", "Ucircumflexsmall", "Udieresissmall",
    "Yacutesmall", "Thornsmall", "Ydieresissmall", "001.000", "001.001", "001.002", "001.003", "Black", "Bold",
    "Book", "Light", "Medium", "Regular", "Roman", "Semibold",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn names(b: Builtin) -> Box<[Option<String>; 256]> {
        match b {
            Builtin::Names(n) => n,
            Builtin::Standard => panic!("standard"),
            Builtin::Unknown(r) => panic!("unknown: {r}"),
        }
    }

    #[test]
    fn type1_clear_text_encodings() {
        assert!(matches!(
            type1(b"%!PS-AdobeFont-1.0\n/Encoding StandardEncoding def\ncurrentfile eexec"),
            Builtin::Standard
        ));
        let n = names(type1(
            b"/FontName /X def /Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n\
              dup 65 /Z put\ndup 8#102 /one put % comment /Encoding\nreadonly def\ncurrentfile eexec \x80\x81",
        ));
        assert_eq!(n[65].as_deref(), Some("Z"));
        assert_eq!(n[66].as_deref(), Some("one"));
        assert_eq!(n[67], None);
        assert!(matches!(type1(b"/FontName /X def currentfile eexec"), Builtin::Unknown(_)));
        assert!(matches!(type1(b"/Encoding 256 array dup 65 /A put"), Builtin::Unknown(_)));
    }

    #[test]
    fn cff_custom_encoding_through_charset() {
        // Header, Name INDEX ("X"), Top DICT INDEX, String INDEX ("foo"), no global subrs needed.
        let mut d = vec![1, 0, 4, 1];
        d.extend([0, 1, 1, 1, 2, b'X']);
        // Top DICT: charset (15) at 100, Encoding (16) at 120, CharStrings (17) at 140, each as 28-ints.
        let top = [28, 0, 100, 15, 28, 0, 120, 16, 28, 0, 140, 17];
        d.extend([0, 1, 1, 1, 1 + top.len() as u8]);
        d.extend(top);
        d.extend([0, 1, 1, 1, 4, b'f', b'o', b'o']);
        d.resize(100, 0);
        // charset format 0: glyph 1 = SID 17 ("zero"), glyph 2 = SID 391 ("foo").
        d.extend([0, 0, 17, 1, 135]);
        d.resize(120, 0);
        // encoding format 0 with a supplement: code 0x41 → glyph 1, 0x42 → glyph 2; 0x43 → SID 34 ("A").
        d.extend([0x80, 2, 0x41, 0x42, 1, 0x43, 0, 34]);
        d.resize(140, 0);
        // CharStrings INDEX: three glyphs.
        d.extend([0, 3, 1, 1, 2, 3, 4, 14, 14, 14]);
        let n = names(cff(&d).unwrap());
        assert_eq!(n[0x41].as_deref(), Some("zero"));
        assert_eq!(n[0x42].as_deref(), Some("foo"));
        assert_eq!(n[0x43].as_deref(), Some("A"));
        assert_eq!(n[0x44], None);
        assert!(cff(&d[..50]).is_none());
    }
}
