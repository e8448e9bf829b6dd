//! Single-byte encodings: the standard encodings, `/Differences` glyph names, and PDF text strings.
//!
//! A simple font maps a byte to a glyph *name* (through its base encoding and `/Differences`); the
//! name maps to Unicode through the Adobe Glyph List, or through the `uniXXXX` / `uXXXX[XX]` naming
//! conventions, or by splitting ligature names (`f_f_i`). A name none of these explain (`g123`,
//! `cid42`) has no Unicode: the caller must treat such text as undecodable rather than guess.
//!
//! Text strings outside content streams (`/Title`, `/ActualText`, …) are PDFDocEncoding, UTF-16BE with a
//! byte-order mark, or (PDF 2.0) UTF-8 with a byte-order mark; [`decode_text_string`] reads them and
//! [`encode_text_string`] writes a replacement in the same form.

use super::tables;

/// The base encodings a simple font can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BaseEncoding {
    Standard,
    WinAnsi,
    MacRoman,
    MacExpert,
    Symbol,
    ZapfDingbats,
}

impl BaseEncoding {
    pub fn from_name(name: &[u8]) -> Option<BaseEncoding> {
        Some(match name {
            b"StandardEncoding" => BaseEncoding::Standard,
            b"WinAnsiEncoding" => BaseEncoding::WinAnsi,
            b"MacRomanEncoding" => BaseEncoding::MacRoman,
            b"MacExpertEncoding" => BaseEncoding::MacExpert,
            _ => return None,
        })
    }

    /// The glyph name for a code, if the encoding has one.
    pub fn glyph(self, code: u8) -> Option<&'static str> {
        let table = match self {
            BaseEncoding::Standard => &tables::STANDARD,
            BaseEncoding::WinAnsi => &tables::WIN_ANSI,
            BaseEncoding::MacRoman => &tables::MAC_ROMAN,
            BaseEncoding::MacExpert => &tables::MAC_EXPERT,
            BaseEncoding::Symbol => &tables::SYMBOL,
            BaseEncoding::ZapfDingbats => &tables::ZAPF_DINGBATS,
        };
        let name = table[code as usize];
        (!name.is_empty()).then_some(name)
    }
}

/// Unicode for a glyph name, or `None` when the name does not say.
pub(crate) fn glyph_to_unicode(name: &str) -> Option<String> {
    if let Ok(i) = tables::GLYPH_LIST.binary_search_by(|(n, _)| n.as_bytes().cmp(name.as_bytes())) {
        return char::from_u32(tables::GLYPH_LIST[i].1).map(String::from);
    }
    // `uni` followed by groups of four hex digits (one UTF-16 unit each, no surrogates).
    if let Some(hex) = name.strip_prefix("uni")
        && !hex.is_empty()
        && hex.len() % 4 == 0
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        let mut s = String::new();
        for chunk in hex.as_bytes().chunks(4) {
            let v = u32::from_str_radix(std::str::from_utf8(chunk).ok()?, 16).ok()?;
            s.push(char::from_u32(v)?);
        }
        return Some(s);
    }
    // `u` followed by four to six hex digits.
    if let Some(hex) = name.strip_prefix('u')
        && (4..=6).contains(&hex.len())
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return char::from_u32(u32::from_str_radix(hex, 16).ok()?).map(String::from);
    }
    // `name.suffix` (a variant: `a.sc`, `one.oldstyle`) reads as `name`.
    if let Some((base, _)) = name.split_once('.')
        && !base.is_empty()
    {
        return glyph_to_unicode(base);
    }
    // `f_f_i`: a ligature of its components.
    if name.contains('_') {
        let mut s = String::new();
        for part in name.split('_') {
            s.push_str(&glyph_to_unicode(part)?);
        }
        return Some(s);
    }
    None
}

/// How a text string was written, so a replacement can be written the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TextEncoding {
    PdfDoc,
    Utf16Be,
    Utf8,
}

/// Reads a PDF text string (PDFDocEncoding, or UTF-16BE/UTF-8 with a byte-order mark).
pub(crate) fn decode_text_string(bytes: &[u8]) -> (String, TextEncoding) {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
        let s = char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')).collect();
        return (s, TextEncoding::Utf16Be);
    }
    // Not in the PDF specification, but written by some producers and read by viewers (poppler,
    // pdf.js): a value must not hide behind it. A redacted string is written back as UTF-16BE.
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let units: Vec<u16> = rest.chunks(2).map(|c| u16::from_le_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
        let s = char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')).collect();
        return (s, TextEncoding::Utf16Be);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (String::from_utf8_lossy(rest).into_owned(), TextEncoding::Utf8);
    }
    let s = bytes
        .iter()
        .map(|&b| match tables::PDF_DOC[b as usize] {
            0 if b < 0x80 => b as char,
            0 => '\u{FFFD}',
            u => char::from_u32(u32::from(u)).unwrap_or('\u{FFFD}'),
        })
        .collect();
    (s, TextEncoding::PdfDoc)
}

/// Writes a text string in `enc`; PDFDocEncoding falls back to UTF-16BE for characters it lacks.
pub(crate) fn encode_text_string(text: &str, enc: TextEncoding) -> Vec<u8> {
    match enc {
        TextEncoding::Utf8 => {
            let mut v = vec![0xEF, 0xBB, 0xBF];
            v.extend_from_slice(text.as_bytes());
            v
        }
        TextEncoding::PdfDoc => {
            let mut out = Vec::with_capacity(text.len());
            for c in text.chars() {
                match pdf_doc_byte(c) {
                    Some(b) => out.push(b),
                    None => return encode_text_string(text, TextEncoding::Utf16Be),
                }
            }
            out
        }
        TextEncoding::Utf16Be => {
            let mut v = vec![0xFE, 0xFF];
            for u in text.encode_utf16() {
                v.extend_from_slice(&u.to_be_bytes());
            }
            v
        }
    }
}

fn pdf_doc_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if u < 0x80 {
        return Some(u as u8);
    }
    (0x80..=0xFF).find(|&b| u32::from(tables::PDF_DOC[b as usize]) == u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names_resolve_by_list_and_convention() {
        assert_eq!(glyph_to_unicode("A").as_deref(), Some("A"));
        assert_eq!(glyph_to_unicode("eacute").as_deref(), Some("é"));
        assert_eq!(glyph_to_unicode("uni00EB").as_deref(), Some("ë"));
        assert_eq!(glyph_to_unicode("uni00450046").as_deref(), Some("EF"));
        assert_eq!(glyph_to_unicode("u1F600").as_deref(), Some("😀"));
        assert_eq!(glyph_to_unicode("f_f_i").as_deref(), Some("ffi"));
        assert_eq!(glyph_to_unicode("a.sc").as_deref(), Some("a"));
        assert_eq!(glyph_to_unicode("g123"), None);
        assert_eq!(glyph_to_unicode("cid42"), None);
    }

    #[test]
    fn base_encodings_differ_where_they_should() {
        assert_eq!(BaseEncoding::WinAnsi.glyph(0x80), Some("Euro"));
        assert_eq!(BaseEncoding::Standard.glyph(0x27), Some("quoteright"));
        assert_eq!(BaseEncoding::WinAnsi.glyph(0x27), Some("quotesingle"));
        assert_eq!(BaseEncoding::MacRoman.glyph(0x8E), Some("eacute"));
    }

    #[test]
    fn text_strings_round_trip_in_their_form() {
        let (s, e) = decode_text_string(b"Jan \x8d");
        assert_eq!((s.as_str(), e), ("Jan \u{201C}", TextEncoding::PdfDoc));
        let utf16 = encode_text_string("Zoë Ĳssel", TextEncoding::PdfDoc);
        assert_eq!(&utf16[..2], &[0xFE, 0xFF]);
        assert_eq!(decode_text_string(&utf16).0, "Zoë Ĳssel");
        assert_eq!(encode_text_string("[5.1.2e]", TextEncoding::PdfDoc), b"[5.1.2e]");
    }
}
