//! EMF and WMF pictures: the text they draw, read for the detector and redacted in place.
//!
//! Word, Excel and PowerPoint files carry Windows metafiles all the time (logos, pasted charts, Visio
//! drawings, scanned signatures placed as pictures). A metafile is a list of drawing records; some of
//! them draw text, and that text is personal data like any other. lak reads a metafile strictly, record
//! by record with bounds checks, and accepts it only when it understands every record that could carry
//! text:
//!
//! - **EMF** (records of `u32` type + `u32` size, a header record with the ` EMF` signature first, an
//!   end-of-file record last): the text of `EMR_EXTTEXTOUTA`/`W`, `EMR_POLYTEXTOUTA`/`W` and
//!   `EMR_SMALLTEXTOUT`, the description string of the header and of `EMR_COMMENT` group records, and
//!   the names of fonts (`EMR_EXTCREATEFONTINDIRECTW`). Every record type's fields are known (MS-EMF
//!   2.3): bytes of a record beyond them (a record longer than its fields, a string longer than its
//!   count, a font name's bytes after its end) are zeroed in the output, and a record shorter than its
//!   fields or of a type whose layout lak does not check is refused;
//! - **WMF** (an optional placeable header, a `META_HEADER`, records of `u32` size in 16-bit words +
//!   `u16` function, `META_EOF` last): the text of `META_TEXTOUT` and `META_EXTTEXTOUT`, and the face
//!   name of `META_CREATEFONTINDIRECT` (up to its NUL). Every record function's fields are known
//!   (MS-WMF 2.3), variable ones checked against their counts (points, polygons, palette entries,
//!   region scans, string lengths, bitmaps): bytes beyond them (a record longer than its fields, a
//!   string's padding byte, a face name's bytes after its NUL, an optional reserved word, the padding
//!   of bitmap rows) are zeroed, and a record shorter than its fields or of a function lak does not
//!   check is refused (`META_SETDIBTODEV`, and the obsolete `Bitmap16` forms of `META_BITBLT`,
//!   `META_STRETCHBLT` and `META_CREATEPATTERNBRUSH`). The placeable header's reserved fields must be
//!   zero; the header's unused `NumberOfMembers` is zeroed.
//!
//! Each string a record draws is one [`Text`]: a unit for the detector, read together with the rest of
//! the document (a name confirmed in the body is found in a picture and the other way round). UTF-16
//! text is decoded as such; 8-bit ("ANSI") text as Windows-1252, and only when the font selected for
//! it uses the ANSI or default character set (fonts are followed through the records that create,
//! select and delete them); `EMR_SMALLTEXTOUT`'s 8-bit form holds the low bytes of UTF-16 code units.
//!
//! **Redaction** overwrites each redacted character in place, one replacement per UTF-16 code unit
//! (`█`, a full block) or byte (`#`), so record sizes, offsets and the glyph advance arrays stay valid
//! and the value is gone from the bytes. The replacement is no letter or digit on purpose: the re-check
//! of the output must not read `XXXX` after `Contactpersoon:` as a name. The marker with the ground
//! does not fit in the space of the value; the report has it. The advances of the redacted characters are evened out (their sum, and so the position of
//! the text after them, is kept): per-glyph widths would otherwise tell `i` from `m`. Every other byte
//! stays as it was.
//!
//! **Refused** (the picture is then "unknown": manual handling, or removed with `--drop-embedded`),
//! with a reason naming what was found: EMF+ records (GDI+ can draw strings lak does not read), comment
//! records with embedded metafiles or private data, text drawn as glyph indices (`ETO_GLYPH_INDEX`: the
//! characters are not in the file), 8-bit text in a font with another character set (Greek, Cyrillic,
//! Far-East double-byte, OEM, symbol), characters that do not decode, escape records and other records
//! that can pass data through (printer escapes, OpenGL, colour profiles by file name), unknown record
//! types, anything after the end-of-file record, and every record that does not parse.
//!
//! Bitmaps inside a metafile (`EMR_STRETCHDIBITS`, `META_DIBSTRETCHBLT`, ...) are taken out as picture
//! files ([`bitmaps`]) and read by OCR like the pictures of the package; lak does not redact inside
//! them, so a value found in one withholds the document (see `office/mod.rs`). In a WMF the bitmap's
//! header, masks, colour table and rows are checked as for a BMP picture (`images.rs`): compressed
//! pixels and colour profiles are refused, unused bytes (the reserved byte of each colour, row padding)
//! zeroed.

use std::collections::HashMap;

use crate::limits;

pub(crate) mod bitmaps;
mod emf;
mod wmf;

use emf::{EMF_SIGNATURE, EMR_HEADER, emf};
use wmf::{WMF_PLACEABLE_KEY, wmf};

/// The two metafile formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MetaKind {
    Emf,
    Wmf,
}

impl MetaKind {
    pub(crate) fn name(self) -> &'static str {
        match self {
            MetaKind::Emf => "EMF",
            MetaKind::Wmf => "WMF",
        }
    }
}

/// Recognises a metafile by its first bytes.
pub(crate) fn sniff(data: &[u8]) -> Option<MetaKind> {
    if u32_at(data, 0) == Some(EMR_HEADER) && u32_at(data, 40) == Some(EMF_SIGNATURE) {
        return Some(MetaKind::Emf);
    }
    if u32_at(data, 0) == Some(WMF_PLACEABLE_KEY) {
        return Some(MetaKind::Wmf);
    }
    match (u16_at(data, 0), u16_at(data, 2), u16_at(data, 4)) {
        (Some(1 | 2), Some(9), Some(0x0100 | 0x0300)) => Some(MetaKind::Wmf),
        _ => None,
    }
}

/// A metafile that lak has read completely.
#[derive(Debug)]
pub(crate) struct Metafile {
    /// Every string in the picture, in record order.
    pub texts: Vec<Text>,
    /// Bytes of records that are neither structure lak checked nor text it read, and are not all zero:
    /// they are zeroed in the output (a record longer than its fields, bytes after a string's end).
    pub zero: Vec<std::ops::Range<usize>>,
    /// The bitmaps it draws, as picture files ([`bitmaps`]), for OCR.
    pub bitmaps: Vec<bitmaps::Bitmap>,
}

/// One string of a metafile and where its characters are.
#[derive(Clone, Debug)]
pub(crate) struct Text {
    /// The decoded string (a detector unit).
    pub text: String,
    chars: Vec<Char>,
    /// Bytes per code unit: 2 for UTF-16, 1 for 8-bit text.
    width: usize,
    dx: Option<Advances>,
}

/// One character: its offset in [`Text::text`] and its code units in the file.
#[derive(Clone, Copy, Debug)]
struct Char {
    at: usize,
    src: usize,
    /// Code units (2 for a UTF-16 surrogate pair).
    units: usize,
    /// Index of its first code unit in the string, which is its index in the advance array.
    index: usize,
}

/// A glyph advance array (`lpDx`): one entry per code unit, or two (x and y) with `ETO_PDY`.
#[derive(Clone, Copy, Debug)]
struct Advances {
    /// File offset of the array.
    at: usize,
    /// Bytes per entry: 4 (EMF) or 2 (WMF).
    entry: usize,
    /// Entries per code unit.
    stride: usize,
}

/// Reads a metafile; `Err` says why lak cannot vouch for it.
pub(crate) fn read(data: &[u8]) -> Result<Metafile, String> {
    match sniff(data) {
        Some(MetaKind::Emf) => {
            let mut zero = Vec::new();
            let texts = emf(data, &mut zero)?;
            Ok(Metafile { texts, zero, bitmaps: bitmaps::emf(data) })
        }
        Some(MetaKind::Wmf) => {
            let mut zero = Vec::new();
            let texts = wmf(data, &mut zero)?;
            let records = if u32_at(data, 0) == Some(WMF_PLACEABLE_KEY) { 22 + 18 } else { 18 };
            Ok(Metafile { texts, zero, bitmaps: bitmaps::wmf(data, records) })
        }
        None => Err("not an EMF or WMF file".into()),
    }
}

/// The metafile with the characters `start..end` (byte offsets in the text) of each `(text, start,
/// end)` overwritten in place.
pub(crate) fn redact(data: &[u8], mf: &Metafile, cuts: &[(usize, usize, usize)]) -> Result<Vec<u8>, String> {
    let mut out = data.to_vec();
    for z in &mf.zero {
        out.get_mut(z.clone()).ok_or("unused bytes outside the picture")?.fill(0);
    }
    for &(t, start, end) in cuts {
        let text = mf.texts.get(t).ok_or("a redaction outside the picture's texts")?;
        let mut units = Vec::new();
        for c in text.chars.iter().filter(|c| c.at >= start && c.at < end) {
            for k in 0..c.units {
                let at = c.src + k * text.width;
                let slot = out.get_mut(at..at + text.width).ok_or("a character outside the picture")?;
                if text.width == 2 {
                    slot.copy_from_slice(&REPLACEMENT_UTF16.to_le_bytes());
                } else {
                    slot[0] = REPLACEMENT_BYTE;
                }
                units.push(c.index + k);
            }
        }
        if let Some(dx) = text.dx {
            for axis in 0..dx.stride {
                even_out(&mut out, dx, axis, &units)?;
            }
        }
    }
    Ok(out)
}

/// What a redacted UTF-16 code unit becomes: `█`.
const REPLACEMENT_UTF16: u16 = 0x2588;
/// What a redacted 8-bit character becomes: `#`.
const REPLACEMENT_BYTE: u8 = b'#';

/// Gives the advance entries of `units` (one axis) their average, keeping their sum.
fn even_out(out: &mut [u8], dx: Advances, axis: usize, units: &[usize]) -> Result<(), String> {
    if units.is_empty() {
        return Ok(());
    }
    let slot = |u: usize| dx.at + (u * dx.stride + axis) * dx.entry;
    let read = |out: &[u8], u: usize| -> Option<i64> {
        match dx.entry {
            4 => i32_at(out, slot(u)).map(i64::from),
            _ => u16_at(out, slot(u)).map(|v| i64::from(v as i16)),
        }
    };
    let mut sum = 0i64;
    for &u in units {
        sum += read(out, u).ok_or("an advance outside the picture")?;
    }
    let n = units.len() as i64;
    let (base, rest) = (sum.div_euclid(n), sum.rem_euclid(n));
    for (k, &u) in units.iter().enumerate() {
        let v = base + i64::from((k as i64) < rest);
        let at = slot(u);
        match dx.entry {
            4 => out[at..at + 4].copy_from_slice(&(v as i32).to_le_bytes()),
            _ => out[at..at + 2].copy_from_slice(&(v as i16).to_le_bytes()),
        }
    }
    Ok(())
}

fn push(texts: &mut Vec<Text>, text: Text) {
    if !text.text.trim_matches(|c: char| c.is_whitespace() || c == '\0').is_empty() {
        texts.push(text);
    }
}

// ------------------------------------------------------------------------ shared by EMF and WMF

const ANSI_CHARSET: u8 = 0;
const DEFAULT_CHARSET: u8 = 1;
const OEM_CHARSET: u8 = 255;
const ETO_OPAQUE: u32 = 0x0002;
const ETO_CLIPPED: u32 = 0x0004;
const ETO_GLYPH_INDEX: u32 = 0x0010;
const ETO_NO_RECT: u32 = 0x0100;
const ETO_SMALL_CHARS: u32 = 0x0200;
const ETO_PDY: u32 = 0x2000;

/// Adds to `zero` the bytes of record `r` (at `base`) outside `keep` that are not all zero.
fn unused(
    r: &[u8],
    base: usize,
    keep: &mut [std::ops::Range<usize>],
    zero: &mut Vec<std::ops::Range<usize>>,
) -> Result<(), String> {
    keep.sort_by_key(|k| k.start);
    let mut at = 0;
    for k in keep.iter().chain(std::iter::once(&(r.len()..r.len()))) {
        if k.end > r.len() {
            return Err("a field outside its record".into());
        }
        if k.start > at && r[at..k.start].iter().any(|&b| b != 0) {
            zero.push(base + at..base + k.start);
        }
        at = at.max(k.end);
    }
    Ok(())
}

/// Bytes after the end-of-file record may only be zero padding.
fn trailing(d: &[u8], pos: usize, texts: Vec<Text>) -> Result<Vec<Text>, String> {
    match d.get(pos..).unwrap_or_default().iter().filter(|&&b| b != 0).count() {
        0 => Ok(texts),
        n => Err(format!("{n} bytes of data after the end-of-file record")),
    }
}

// -------------------------------------------------------------------------------------- decoding

/// `r[off..]` holding `count` items of `width` bytes, starting at or after `min`.
fn span(r: &[u8], off: usize, count: usize, width: usize, min: usize) -> Option<std::ops::Range<usize>> {
    let end = off.checked_add(count.checked_mul(width)?)?;
    (off >= min && end <= r.len()).then_some(off..end)
}

fn utf16(bytes: &[u8], src: usize) -> Result<Text, String> {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
    let mut text = Text { text: String::with_capacity(units.len()), chars: Vec::new(), width: 2, dx: None };
    let mut index = 0;
    for c in char::decode_utf16(units.iter().copied()) {
        let c = c.map_err(|_| "text lak cannot decode (an unpaired UTF-16 surrogate)".to_string())?;
        let n = c.len_utf16();
        text.chars.push(Char { at: text.text.len(), src: src + 2 * index, units: n, index });
        text.text.push(c);
        index += n;
    }
    Ok(text)
}

/// 8-bit text in the selected font's character set: only ANSI (and the default, ANSI on Dutch
/// systems) is decoded, as Windows-1252.
fn ansi(bytes: &[u8], src: usize, charset: u8) -> Result<Text, String> {
    if charset != ANSI_CHARSET && charset != DEFAULT_CHARSET {
        return Err(format!("8-bit text in a font with character set {charset}, which lak does not decode"));
    }
    bytes_to_text(bytes, src, |b| match b {
        0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
        _ => Some(char::from(b)),
    })
}

/// `ETO_SMALL_CHARS`: each byte is the low byte of a UTF-16 code unit below 256 (C1 controls refused).
fn latin1(bytes: &[u8], src: usize) -> Result<Text, String> {
    bytes_to_text(bytes, src, |b| (!(0x80..=0x9F).contains(&b)).then(|| char::from(b)))
}

fn bytes_to_text(bytes: &[u8], src: usize, decode: impl Fn(u8) -> Option<char>) -> Result<Text, String> {
    let mut text = Text { text: String::with_capacity(bytes.len()), chars: Vec::new(), width: 1, dx: None };
    for (i, &b) in bytes.iter().enumerate() {
        let c = decode(b).ok_or_else(|| format!("text lak cannot decode (byte {b:#04x})"))?;
        text.chars.push(Char { at: text.text.len(), src: src + i, units: 1, index: i });
        text.text.push(c);
    }
    Ok(text)
}

/// Windows-1252 for 0x80–0x9F; `None` where the code page defines no character.
const CP1252_HIGH: [Option<char>; 32] = [
    Some('\u{20AC}'),
    None,
    Some('\u{201A}'),
    Some('\u{0192}'),
    Some('\u{201E}'),
    Some('\u{2026}'),
    Some('\u{2020}'),
    Some('\u{2021}'),
    Some('\u{02C6}'),
    Some('\u{2030}'),
    Some('\u{0160}'),
    Some('\u{2039}'),
    Some('\u{0152}'),
    None,
    Some('\u{017D}'),
    None,
    None,
    Some('\u{2018}'),
    Some('\u{2019}'),
    Some('\u{201C}'),
    Some('\u{201D}'),
    Some('\u{2022}'),
    Some('\u{2013}'),
    Some('\u{2014}'),
    Some('\u{02DC}'),
    Some('\u{2122}'),
    Some('\u{0161}'),
    Some('\u{203A}'),
    Some('\u{0153}'),
    None,
    Some('\u{017E}'),
    Some('\u{0178}'),
];

use crate::formats::media::bytes::{u16_le as u16_at, u32_le as u32_at};

fn i32_at(d: &[u8], at: usize) -> Option<i32> {
    u32_at(d, at).map(|v| v as i32)
}

#[cfg(test)]
mod tests;
