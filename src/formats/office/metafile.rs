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
//! Bitmaps inside a metafile (`EMR_STRETCHDIBITS`, `META_DIBSTRETCHBLT`, ...) are treated like any
//! other picture in the package: their pixels pass, and lak does not read text in them. In a WMF the
//! bitmap's header, masks, colour table and rows are checked as for a BMP picture (`images.rs`):
//! compressed pixels and colour profiles are refused, unused bytes (the reserved byte of each colour,
//! row padding) zeroed.

use std::collections::HashMap;

use crate::limits;

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
            Ok(Metafile { texts, zero })
        }
        Some(MetaKind::Wmf) => {
            let mut zero = Vec::new();
            let texts = wmf(data, &mut zero)?;
            Ok(Metafile { texts, zero })
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

// ------------------------------------------------------------------------------------------- EMF

const EMR_HEADER: u32 = 1;
const EMR_EOF: u32 = 14;
const EMR_SELECTOBJECT: u32 = 37;
const EMR_DELETEOBJECT: u32 = 40;
const EMR_COMMENT: u32 = 70;
const EMR_EXTCREATEFONTINDIRECTW: u32 = 82;
const EMR_EXTTEXTOUTA: u32 = 83;
const EMR_EXTTEXTOUTW: u32 = 84;
const EMR_POLYTEXTOUTA: u32 = 96;
const EMR_POLYTEXTOUTW: u32 = 97;
const EMR_SMALLTEXTOUT: u32 = 108;
/// The last record type MS-EMF defines (`EMR_CREATECOLORSPACEW`).
const EMR_LAST: u32 = 122;
/// ` EMF` at byte 40 of the header.
const EMF_SIGNATURE: u32 = 0x464D_4520;
/// `EMF+` as a comment identifier.
const EMF_PLUS: u32 = 0x2B46_4D45;
/// `GDIC`: a public comment.
const GDI_COMMENT: u32 = 0x4349_4447;
const COMMENT_BEGINGROUP: u32 = 2;
const COMMENT_ENDGROUP: u32 = 3;
const STOCK_OBJECT: u32 = 0x8000_0000;
const OEM_FIXED_FONT: u32 = 10;

const ETO_OPAQUE: u32 = 0x0002;
const ETO_CLIPPED: u32 = 0x0004;
const ETO_GLYPH_INDEX: u32 = 0x0010;
const ETO_NO_RECT: u32 = 0x0100;
const ETO_SMALL_CHARS: u32 = 0x0200;
const ETO_PDY: u32 = 0x2000;

const ANSI_CHARSET: u8 = 0;
const DEFAULT_CHARSET: u8 = 1;
const OEM_CHARSET: u8 = 255;

/// EMF record types that can carry data lak does not read, with what they are.
fn emf_refused(ty: u32) -> Option<&'static str> {
    Some(match ty {
        69 | 107 | 117 => "an unused record type",
        99 | 122 => "a colour space with a file name (EMR_CREATECOLORSPACE)",
        102 | 103 => "OpenGL records (EMR_GLSRECORD)",
        104 => "a pixel format record (EMR_PIXELFORMAT)",
        105 | 106 | 110 => {
            "a printer escape (EMR_DRAWESCAPE, EMR_EXTESCAPE, EMR_NAMEDESCAPE), which passes data through"
        }
        112 | 113 | 121 => "a colour profile by file name (EMR_SETICMPROFILE, EMR_COLORMATCHTOTARGETW)",
        _ => return None,
    })
}

/// State while walking the records: the fonts and the character set of the selected one.
struct Fonts {
    charsets: HashMap<u32, u8>,
    current: u8,
}

fn emf(d: &[u8], zero: &mut Vec<std::ops::Range<usize>>) -> Result<Vec<Text>, String> {
    let mut texts = Vec::new();
    let mut fonts = Fonts { charsets: HashMap::new(), current: ANSI_CHARSET };
    let mut pos = 0;
    let mut n = 0usize;
    loop {
        let (Some(ty), Some(size)) = (u32_at(d, pos), u32_at(d, pos + 4)) else {
            return Err(format!("the EMF ends at byte {pos} without an end-of-file record"));
        };
        let size = size as usize;
        if size < 8 || !size.is_multiple_of(4) || d.len() - pos < size {
            return Err(format!("EMF record {n} (type {ty}) at byte {pos} has an invalid size {size}"));
        }
        let r = &d[pos..pos + size];
        if (n == 0) != (ty == EMR_HEADER) {
            return Err(format!("EMF record {n}: the header must be the first record and only the first"));
        }
        n += 1;
        if n > limits::MAX_METAFILE_RECORDS {
            return Err(format!("more than {} records", limits::MAX_METAFILE_RECORDS));
        }
        let bad = move |what: &str| format!("EMF record {} (type {ty}) at byte {pos}: {what}", n - 1);
        // What of the record lak understands: every other byte is zeroed.
        let mut keep = if ty == EMR_EXTCREATEFONTINDIRECTW || emf_refused(ty).is_some() || ty > EMR_LAST {
            Vec::new()
        } else {
            emf_keep(ty, r).map_err(|e| bad(&e))?
        };
        match ty {
            EMR_HEADER => emf_header(r, pos, &mut texts).map_err(|e| bad(&e))?,
            EMR_EOF => {
                unused(r, pos, &mut keep, zero).map_err(|e| bad(&e))?;
                pos += size;
                break;
            }
            EMR_COMMENT => emf_comment(r, pos, &mut texts).map_err(|e| bad(&e))?,
            EMR_EXTCREATEFONTINDIRECTW => {
                // ihFont, then a LOGFONTW (92 bytes) whose lfCharSet is its byte 23.
                if size < 12 + 92 {
                    return Err(bad("a font record too short for its LOGFONT"));
                }
                if fonts.charsets.len() >= limits::MAX_METAFILE_OBJECTS {
                    return Err(bad("too many fonts"));
                }
                fonts.charsets.insert(u32_at(r, 8).unwrap_or(0), r[12 + 23]);
                keep = font_names(r, pos, &mut texts).map_err(|e| bad(&e))?;
            }
            EMR_SELECTOBJECT => {
                let ih = u32_at(r, 8).ok_or_else(|| bad("truncated"))?;
                if ih & STOCK_OBJECT != 0 {
                    // Stock fonts are ANSI, except the OEM one; stock pens and brushes are no fonts.
                    if ih & !STOCK_OBJECT == OEM_FIXED_FONT {
                        fonts.current = OEM_CHARSET;
                    } else if matches!(ih & !STOCK_OBJECT, 11 | 12 | 13 | 14 | 16 | 17) {
                        fonts.current = ANSI_CHARSET;
                    }
                } else if let Some(&cs) = fonts.charsets.get(&ih) {
                    fonts.current = cs;
                }
            }
            EMR_DELETEOBJECT => {
                let ih = u32_at(r, 8).ok_or_else(|| bad("truncated"))?;
                fonts.charsets.remove(&ih);
            }
            EMR_EXTTEXTOUTA | EMR_EXTTEXTOUTW => {
                // Bounds (16), iGraphicsMode, exScale, eyScale, then one EMRTEXT.
                let wide = ty == EMR_EXTTEXTOUTW;
                let end = emr_text_end(r, 36).map_err(|e| bad(&e))?;
                emr_text(r, pos, 36, end, wide, fonts.current, &mut texts).map_err(|e| bad(&e))?;
            }
            EMR_POLYTEXTOUTA | EMR_POLYTEXTOUTW => {
                let wide = ty == EMR_POLYTEXTOUTW;
                let count = u32_at(r, 36).ok_or_else(|| bad("truncated"))? as usize;
                if count > size / 24 {
                    return Err(bad("more strings than the record can hold"));
                }
                // The strings and advances lie after the whole array.
                let mut at = 40;
                let mut starts = Vec::with_capacity(count);
                for _ in 0..count {
                    starts.push(at);
                    at = emr_text_end(r, at).map_err(|e| bad(&e))?;
                }
                for s in starts {
                    emr_text(r, pos, s, at, wide, fonts.current, &mut texts).map_err(|e| bad(&e))?;
                }
            }
            EMR_SMALLTEXTOUT => small_text_out(r, pos, &mut texts).map_err(|e| bad(&e))?,
            _ if emf_refused(ty).is_some() => {
                return Err(format!("{} (EMF record type {ty})", emf_refused(ty).unwrap_or_default()));
            }
            2..=EMR_LAST => {}
            _ => return Err(bad("an unknown record type")),
        }
        if texts.len() > limits::MAX_METAFILE_TEXTS {
            return Err(format!("more than {} strings", limits::MAX_METAFILE_TEXTS));
        }
        unused(r, pos, &mut keep, zero).map_err(|e| bad(&e))?;
        pos += size;
    }
    trailing(d, pos, texts)
}

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

/// The face name of an `EMR_EXTCREATEFONTINDIRECTW` (and the full name, style and script of a
/// `LogFontExDv`) read as text; returns what of the record lak understands. A `LogFont` field holds its
/// name up to the first NUL: the bytes after it are unused.
fn font_names(r: &[u8], base: usize, texts: &mut Vec<Text>) -> Result<Vec<std::ops::Range<usize>>, String> {
    // ihFont and the numeric LOGFONT fields, then lfFaceName (32 UTF-16 code units).
    let mut keep: Vec<std::ops::Range<usize>> = std::iter::once(0..40).collect();
    let mut field = |at: usize, units: usize, keep: &mut Vec<std::ops::Range<usize>>| -> Result<(), String> {
        let bytes = r.get(at..at + 2 * units).ok_or("a truncated font record")?;
        let n = bytes.chunks_exact(2).position(|c| c == [0, 0]).unwrap_or(units);
        if n > 0 {
            push(texts, utf16(&bytes[..2 * n], base + at)?);
            keep.push(at..at + 2 * n);
        }
        Ok(())
    };
    field(40, 32, &mut keep)?;
    // A record no larger than a LogFontPanose is read as a LogFont (MS-EMF 2.3.7.8): the rest is unused.
    if r.len() <= 12 + 320 {
        return Ok(keep);
    }
    // LogFontExDv: full name (64), style (32), script (32), then the design vector.
    field(104, 64, &mut keep)?;
    field(232, 32, &mut keep)?;
    field(296, 32, &mut keep)?;
    let axes = u32_at(r, 364).ok_or("a truncated design vector")? as usize;
    if u32_at(r, 360) != Some(0x0800_7664) || axes > 16 {
        return Err("a font record lak cannot read (a design vector of an unknown form)".into());
    }
    keep.push(360..368 + 4 * axes);
    Ok(keep)
}

/// What of an EMF record lak understands as structure or reads as text: the fields its type defines
/// (MS-EMF 2.3), the strings and advances of text records, the bitmaps and regions its offsets point
/// at. A record shorter than its fields, or of a type whose layout lak does not check, does not parse.
fn emf_keep(ty: u32, r: &[u8]) -> Result<Vec<std::ops::Range<usize>>, String> {
    let size = r.len();
    let u = |at: usize| u32_at(r, at).map(|v| v as usize).ok_or_else(|| "a truncated record".to_string());
    let n = |base: usize, count: usize, each: usize| -> Result<usize, String> {
        count.checked_mul(each).and_then(|c| c.checked_add(base)).ok_or_else(|| "a count too large".into())
    };
    // A bitmap or region at an offset given in the record, after its fixed fields.
    let blob = |off: usize, len: usize, fixed: usize| -> Result<Option<std::ops::Range<usize>>, String> {
        if len == 0 {
            return Ok(None);
        }
        match off.checked_add(len) {
            Some(end) if off >= fixed && end <= size => Ok(Some(off..end)),
            _ => Err("a bitmap outside its record".into()),
        }
    };
    let mut keep = Vec::new();
    let fixed = match ty {
        EMR_HEADER => {
            let desc = u(60)?;
            let first_desc = if desc > 0 { u(64)? } else { size };
            // The pixel format fields exist when the description does not start where they would be.
            let (pix_len, pix_off) = if size >= 100 && first_desc >= 100 { (u(88)?, u(92)?) } else { (0, size) };
            let first = first_desc.min(if pix_len > 0 { pix_off } else { size });
            let end = [108, 100, 88].into_iter().find(|&h| h <= first && h <= size).ok_or("a short header")?;
            if desc > 0 {
                keep.push(first_desc..n(first_desc, desc, 2)?);
            }
            keep.extend(blob(pix_off, pix_len, end)?);
            end
        }
        2..=6 => n(28, u(24)?, 8)?,
        7 | 8 => n(n(32, u(24)?, 4)?, u(28)?, 8)?,
        9..=13 | 26 | 27 | 51 | 54 | 120 => 16,
        EMR_EOF => {
            let pal = u(8)?;
            keep.extend(blob(u(12)?, n(0, pal, 4)?, 16)?);
            keep.push(size.checked_sub(4).ok_or("a short record")?..size);
            16
        }
        15 => 20,
        16..=22 | 24 | 25 | 34 | 37 | 40 | 48 | 57 | 58 | 67 | 98 | 100 | 101 | 115 => 12,
        23 | 35 => 32,
        28 | 33 | 52 | 59..=61 | 65 | 66 | 68 => 8,
        29..=32 | 39 | 42 | 43 | 53 | 62..=64 | 111 => 24,
        36 => 36,
        38 | 41 => 28,
        44 => 32,
        45..=47 | 55 => 40,
        49 => n(16, usize::from(u16_at(r, 14).ok_or("a truncated record")?), 4)?,
        50 => n(20, u(16)?, 4)?,
        56 => n(28, u(24)?, 9)?,
        EMR_COMMENT => {
            let len = u(8)?;
            if len == 0 {
                12
            } else {
                match (u32_at(r, 12), u32_at(r, 16)) {
                    (Some(GDI_COMMENT), Some(COMMENT_BEGINGROUP)) => n(40, u(36)?, 2)?,
                    (Some(GDI_COMMENT), Some(COMMENT_ENDGROUP)) => 20,
                    _ => n(12, len, 1)?, // refused by emf_comment
                }
            }
        }
        71 => region(r, 32, u(24)?, &mut keep)?,
        72 => region(r, 40, u(24)?, &mut keep)?,
        73 | 74 => region(r, 28, u(24)?, &mut keep)?,
        75 => region(r, 16, u(8)?, &mut keep)?,
        76 | 77 | 114 | 116 => {
            let fixed = if ty == 76 { 100 } else { 108 };
            keep.extend(blob(u(84)?, u(88)?, fixed)?);
            keep.extend(blob(u(92)?, u(96)?, fixed)?);
            fixed
        }
        78 | 79 => {
            let (fixed, at) = if ty == 78 { (128, 84) } else { (140, 96) };
            for k in [at, at + 8, at + 28, at + 36] {
                keep.extend(blob(u(k)?, u(k + 4)?, fixed)?);
            }
            fixed
        }
        80 | 81 => {
            let fixed = if ty == 80 { 76 } else { 80 };
            keep.extend(blob(u(48)?, u(52)?, fixed)?);
            keep.extend(blob(u(56)?, u(60)?, fixed)?);
            fixed
        }
        EMR_EXTTEXTOUTA | EMR_EXTTEXTOUTW => {
            let end = emr_text_end(r, 36)?;
            text_fields(r, 36, ty == EMR_EXTTEXTOUTW, &mut keep)?;
            end
        }
        EMR_POLYTEXTOUTA | EMR_POLYTEXTOUTW => {
            let mut at = 40;
            for _ in 0..u(36)?.min(size / 24) {
                text_fields(r, at, ty == EMR_POLYTEXTOUTW, &mut keep)?;
                at = emr_text_end(r, at)?;
            }
            at
        }
        EMR_SMALLTEXTOUT => {
            let options = u(20)? as u32;
            let at = if options & ETO_NO_RECT != 0 { 36 } else { 52 };
            n(at, u(16)?, if options & ETO_SMALL_CHARS != 0 { 1 } else { 2 })?
        }
        85..=89 => n(28, u(24)?, 4)?,
        90 | 91 => n(n(32, u(24)?, 4)?, u(28)?, 4)?,
        92 => n(28, u(24)?, 5)?,
        93 | 94 => {
            keep.extend(blob(u(16)?, u(20)?, 32)?);
            keep.extend(blob(u(24)?, u(28)?, 32)?);
            32
        }
        95 => {
            let fixed = n(52, u(48)?, 4)?;
            keep.extend(blob(u(12)?, u(16)?, fixed)?);
            keep.extend(blob(u(20)?, u(24)?, fixed)?);
            fixed
        }
        109 => 16,
        118 => {
            let vertices = n(36, u(24)?, 16)?;
            let each = if u(32)? == 2 { 12 } else { 8 };
            n(vertices, u(28)?, each)?
        }
        119 => n(12, u(8)?, 8)?,
        _ => return Err("a record whose layout lak does not check".into()),
    };
    if fixed > size {
        return Err("a record shorter than its fields".into());
    }
    keep.push(0..fixed);
    Ok(keep)
}

/// A region (`RegionData`: a 32-byte header and its rectangles) of `cb` bytes at `at`, after the fields.
fn region(r: &[u8], at: usize, cb: usize, keep: &mut Vec<std::ops::Range<usize>>) -> Result<usize, String> {
    if cb == 0 {
        return Ok(at);
    }
    let rects = u32_at(r, at + 8).ok_or("a truncated region")? as usize;
    let len = rects.checked_mul(16).and_then(|l| l.checked_add(32)).filter(|&l| l <= cb);
    match len.and_then(|l| at.checked_add(l)) {
        Some(end) if at.checked_add(cb).is_some_and(|e| e <= r.len()) => keep.push(at..end),
        _ => return Err("a region outside its record".into()),
    }
    Ok(at)
}

/// The string and advances of the EMRTEXT at `at` (checked by [`emr_text`]).
fn text_fields(r: &[u8], at: usize, wide: bool, keep: &mut Vec<std::ops::Range<usize>>) -> Result<(), String> {
    let chars = u32_at(r, at + 8).ok_or("truncated")? as usize;
    let off_string = u32_at(r, at + 12).ok_or("truncated")? as usize;
    let options = u32_at(r, at + 16).ok_or("truncated")?;
    let off_dx = u32_at(r, if options & ETO_NO_RECT != 0 { at + 20 } else { at + 36 }).ok_or("truncated")? as usize;
    if chars == 0 {
        return Ok(());
    }
    let width = if wide { 2 } else { 1 };
    keep.extend(span(r, off_string, chars, width, 0));
    if off_dx != 0 {
        let stride = if options & ETO_PDY != 0 { 2 } else { 1 };
        keep.extend(span(r, off_dx, chars.saturating_mul(stride), 4, 0));
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

/// The header: signature, and the description string (application and picture name).
fn emf_header(r: &[u8], base: usize, texts: &mut Vec<Text>) -> Result<(), String> {
    if r.len() < 88 || u32_at(r, 40) != Some(EMF_SIGNATURE) {
        return Err("a header without the EMF signature".into());
    }
    let chars = u32_at(r, 60).unwrap_or(0) as usize;
    let off = u32_at(r, 64).unwrap_or(0) as usize;
    if chars > 0 {
        if off < 88 {
            return Err("a description inside the header's fields".into());
        }
        utf16_lines(r, base, off, chars, texts)?;
    }
    Ok(())
}

/// A comment: only the GDI group markers are understood; everything else may carry data.
fn emf_comment(r: &[u8], base: usize, texts: &mut Vec<Text>) -> Result<(), String> {
    let len = u32_at(r, 8).ok_or("truncated")? as usize;
    if len > r.len() - 12 {
        return Err("a comment larger than its record".into());
    }
    if len == 0 {
        return Ok(());
    }
    match u32_at(r, 12) {
        Some(EMF_PLUS) => Err("EMF+ records (a GDI+ drawing, which can draw text lak does not read)".into()),
        Some(GDI_COMMENT) => match u32_at(r, 16) {
            Some(COMMENT_BEGINGROUP) => {
                // Bounds (16 bytes), nDescription, then the description.
                let chars = u32_at(r, 36).ok_or("truncated group comment")? as usize;
                if chars > 0 {
                    utf16_lines(r, base, 40, chars, texts)?;
                }
                Ok(())
            }
            Some(COMMENT_ENDGROUP) => Ok(()),
            Some(0x8000_0001) => Err("an embedded WMF picture (EMR_COMMENT_WINDOWS_METAFILE)".into()),
            Some(0x4000_0004) => Err("an embedded picture in other formats (EMR_COMMENT_MULTIFORMATS)".into()),
            other => Err(format!("a GDI comment of an unknown kind ({:#x})", other.unwrap_or(0))),
        },
        _ => Err("a private comment (EMR_COMMENT) with data lak cannot read".into()),
    }
}

/// Where the EMRTEXT at `at` ends (it has a rectangle unless `ETO_NO_RECT`).
fn emr_text_end(r: &[u8], at: usize) -> Result<usize, String> {
    let options = u32_at(r, at + 16).ok_or("a truncated EMRTEXT")?;
    let end = if options & ETO_NO_RECT != 0 { at + 24 } else { at + 40 };
    if end > r.len() {
        return Err("a truncated EMRTEXT".into());
    }
    Ok(end)
}

/// One EMRTEXT at `at`: reference point, chars, offString, options, [rectangle], offDx. Strings and
/// advances must lie in the record after `min` (the fixed fields).
fn emr_text(
    r: &[u8],
    base: usize,
    at: usize,
    min: usize,
    wide: bool,
    charset: u8,
    texts: &mut Vec<Text>,
) -> Result<(), String> {
    let chars = u32_at(r, at + 8).ok_or("truncated")? as usize;
    let off_string = u32_at(r, at + 12).ok_or("truncated")? as usize;
    let options = u32_at(r, at + 16).ok_or("truncated")?;
    let off_dx_at = if options & ETO_NO_RECT != 0 { at + 20 } else { at + 36 };
    let off_dx = u32_at(r, off_dx_at).ok_or("truncated")? as usize;
    if options & ETO_GLYPH_INDEX != 0 {
        return Err("text drawn as glyph indices (ETO_GLYPH_INDEX): the characters are not in the file".into());
    }
    if options & ETO_SMALL_CHARS != 0 {
        return Err("an EXTTEXTOUT record with 8-bit characters (ETO_SMALL_CHARS)".into());
    }
    if chars == 0 {
        return Ok(());
    }
    let width = if wide { 2 } else { 1 };
    let string = span(r, off_string, chars, width, min).ok_or("the string lies outside its record")?;
    let dx = if off_dx == 0 {
        None
    } else {
        let stride = if options & ETO_PDY != 0 { 2 } else { 1 };
        let range =
            span(r, off_dx, chars.saturating_mul(stride), 4, min).ok_or("the advances lie outside the record")?;
        if range.start < string.end && string.start < range.end {
            return Err("the advances overlap the string".into());
        }
        Some(Advances { at: base + off_dx, entry: 4, stride })
    };
    let mut text =
        if wide { utf16(&r[string], base + off_string)? } else { ansi(&r[string], base + off_string, charset)? };
    text.dx = dx;
    push(texts, text);
    Ok(())
}

/// `EMR_SMALLTEXTOUT`: x, y, cChars, fuOptions, iGraphicsMode, exScale, eyScale, [bounds], string.
fn small_text_out(r: &[u8], base: usize, texts: &mut Vec<Text>) -> Result<(), String> {
    let chars = u32_at(r, 16).ok_or("truncated")? as usize;
    let options = u32_at(r, 20).ok_or("truncated")?;
    if options & ETO_GLYPH_INDEX != 0 {
        return Err("text drawn as glyph indices (ETO_GLYPH_INDEX): the characters are not in the file".into());
    }
    let at = if options & ETO_NO_RECT != 0 { 36 } else { 52 };
    let small = options & ETO_SMALL_CHARS != 0;
    let width = if small { 1 } else { 2 };
    let string = span(r, at, chars, width, at).ok_or("the string lies outside its record")?;
    if chars == 0 {
        return Ok(());
    }
    let text = if small { latin1(&r[string], base + at)? } else { utf16(&r[string], base + at)? };
    push(texts, text);
    Ok(())
}

/// A UTF-16 string that may hold several NUL-separated strings (a description): one text each.
fn utf16_lines(r: &[u8], base: usize, off: usize, chars: usize, texts: &mut Vec<Text>) -> Result<(), String> {
    let range = span(r, off, chars, 2, 8).ok_or("a description outside its record")?;
    let mut start = range.start;
    let mut k = range.start;
    while k <= range.end {
        if k == range.end || u16_at(r, k) == Some(0) {
            if k > start {
                push(texts, utf16(&r[start..k], base + start)?);
            }
            start = k + 2;
        }
        k += 2;
    }
    Ok(())
}

fn push(texts: &mut Vec<Text>, text: Text) {
    if !text.text.trim_matches(|c: char| c.is_whitespace() || c == '\0').is_empty() {
        texts.push(text);
    }
}

// ------------------------------------------------------------------------------------------- WMF

const WMF_PLACEABLE_KEY: u32 = 0x9AC6_CDD7;
const META_EOF: u16 = 0x0000;
const META_TEXTOUT: u16 = 0x0521;
const META_EXTTEXTOUT: u16 = 0x0A32;
const META_ESCAPE: u16 = 0x0626;
const META_SELECTOBJECT: u16 = 0x012D;
const META_DELETEOBJECT: u16 = 0x01F0;
const META_CREATEFONTINDIRECT: u16 = 0x02FB;
/// Records that create an object other than a font (they take a slot in the object table).
const META_CREATE_OTHER: [u16; 6] = [0x02FA, 0x02FC, 0x00F7, 0x01F9, 0x0142, 0x06FF];

/// Reads a WMF; `zero` gets the bytes no field of MS-WMF defines.
fn wmf(d: &[u8], zero: &mut Vec<std::ops::Range<usize>>) -> Result<Vec<Text>, String> {
    let mut pos = 0;
    if u32_at(d, 0) == Some(WMF_PLACEABLE_KEY) {
        // Key, HWmf (0), bounding box, Inch, Reserved (0), Checksum (MS-WMF 2.3.2.3).
        if d.len() < 22 || u16_at(d, 4) != Some(0) || u32_at(d, 16) != Some(0) {
            return Err("a WMF placeable header with data in its reserved fields".into());
        }
        pos = 22;
    }
    // Type, HeaderSize, Version, Size, NumberOfObjects, MaxRecord, NumberOfMembers (MS-WMF 2.3.2.2).
    match (u16_at(d, pos), u16_at(d, pos + 2), u16_at(d, pos + 4), u16_at(d, pos + 16)) {
        (Some(1 | 2), Some(9), Some(0x0100 | 0x0300), Some(_)) => {}
        _ => return Err("a WMF without a valid header".into()),
    }
    // NumberOfMembers is unused (MUST be 0): zeroed, like every byte no field defines.
    if u16_at(d, pos + 16) != Some(0) {
        zero.push(pos + 16..pos + 18);
    }
    pos += 18;
    let mut texts = Vec::new();
    // The object table: a created object takes the lowest free slot; `Some(Some(cs))` is a font.
    let mut slots: Vec<Option<Option<u8>>> = Vec::new();
    let mut charset = ANSI_CHARSET;
    let mut n = 0usize;
    loop {
        let (Some(words), Some(func)) = (u32_at(d, pos), u16_at(d, pos + 4)) else {
            return Err(format!("the WMF ends at byte {pos} without an end-of-file record"));
        };
        let size = (words as usize).saturating_mul(2);
        if size < 6 || d.len() - pos < size {
            return Err(format!("WMF record {n} (function {func:#06x}) at byte {pos} has an invalid size"));
        }
        let r = &d[pos..pos + size];
        n += 1;
        if n > limits::MAX_METAFILE_RECORDS {
            return Err(format!("more than {} records", limits::MAX_METAFILE_RECORDS));
        }
        let bad = move |what: &str| format!("WMF record {} (function {func:#06x}) at byte {pos}: {what}", n - 1);
        if func == META_ESCAPE {
            let what = if u16_at(r, 6) == Some(0x000F) && u32_at(r, 10) == Some(0x4346_4D57) {
                "an embedded EMF picture (META_ESCAPE MFCOMMENT)"
            } else {
                "an escape record (META_ESCAPE), which can carry data lak does not read"
            };
            return Err(what.into());
        }
        if let Some(what) = wmf_refused(func, size) {
            return Err(bad(&format!("{what}, whose layout lak does not check")));
        }
        // What of the record lak understands: every other byte is zeroed.
        let mut keep =
            if func == META_CREATEFONTINDIRECT { Vec::new() } else { wmf_keep(func, r).map_err(|e| bad(&e))? };
        match func {
            META_EOF => {
                unused(r, pos, &mut keep, zero).map_err(|e| bad(&e))?;
                pos += size;
                break;
            }
            META_TEXTOUT => {
                let len = usize::from(u16_at(r, 6).unwrap_or(0));
                push(&mut texts, ansi(&r[8..8 + len], pos + 8, charset).map_err(|e| bad(&e))?);
            }
            META_EXTTEXTOUT => wmf_ext_text_out(r, pos, charset, &mut texts).map_err(|e| bad(&e))?,
            META_CREATEFONTINDIRECT => {
                // Height, Width, Escapement, Orientation, Weight (2 bytes each), Italic, Underline,
                // StrikeOut, CharSet, OutPrecision, ClipPrecision, Quality, PitchAndFamily, then the face
                // name: at most 32 bytes, up to its NUL. What follows the NUL is unused.
                if size < 24 {
                    return Err(bad("a font record too short for its fields"));
                }
                take_slot(&mut slots, Some(r[6 + 13])).map_err(|e| bad(&e))?;
                let face = &r[24..size.min(24 + 32)];
                let len = face.iter().position(|&b| b == 0).unwrap_or(face.len());
                push(&mut texts, ansi(&face[..len], pos + 24, ANSI_CHARSET).map_err(|e| bad(&e))?);
                keep = std::iter::once(0..24 + len).collect();
            }
            _ if META_CREATE_OTHER.contains(&func) => take_slot(&mut slots, None).map_err(|e| bad(&e))?,
            META_SELECTOBJECT => {
                let i = usize::from(u16_at(r, 6).unwrap_or(0));
                if let Some(Some(Some(cs))) = slots.get(i) {
                    charset = *cs;
                }
            }
            META_DELETEOBJECT => {
                let i = usize::from(u16_at(r, 6).unwrap_or(0));
                if let Some(s) = slots.get_mut(i) {
                    *s = None;
                }
            }
            _ => {}
        }
        if texts.len() > limits::MAX_METAFILE_TEXTS {
            return Err(format!("more than {} strings", limits::MAX_METAFILE_TEXTS));
        }
        unused(r, pos, &mut keep, zero).map_err(|e| bad(&e))?;
        pos += size;
    }
    trailing(d, pos, texts)
}

/// WMF records lak refuses although MS-WMF defines them: their bitmaps are in the obsolete `Bitmap16`
/// form, or they are rare and their layouts are not checked. `size` tells `META_BITBLT` and
/// `META_STRETCHBLT` without a bitmap (their size is then fixed) from those with one.
fn wmf_refused(func: u16, size: usize) -> Option<&'static str> {
    Some(match func {
        0x0922 if size != 24 => "a META_BITBLT with a bitmap (Bitmap16)",
        0x0B23 if size != 28 => "a META_STRETCHBLT with a bitmap (Bitmap16)",
        0x01F9 => "a pattern brush with a bitmap (META_CREATEPATTERNBRUSH, Bitmap16)",
        0x0D33 => "a bitmap drawn scan line by scan line (META_SETDIBTODEV)",
        _ => return None,
    })
}

/// What of a WMF record lak understands as structure or reads as text: the fields its function defines
/// (MS-WMF 2.3), checked against the record's counts, the strings of text records and the bitmaps of
/// bitmap records. A record shorter than its fields, or of a function lak does not know, does not parse.
fn wmf_keep(func: u16, r: &[u8]) -> Result<Vec<std::ops::Range<usize>>, String> {
    let size = r.len();
    let u = |at: usize| u16_at(r, at).map(usize::from).ok_or_else(|| "a truncated record".to_string());
    let mut keep = Vec::new();
    let fixed = match func {
        // META_EOF, META_REALIZEPALETTE, META_SETRELABS, META_SAVEDC.
        0x0000 | 0x0035 | 0x0105 | 0x001E => 6,
        // One 16-bit field (an optional reserved one after it is unused): SETBKMODE, SETMAPMODE,
        // SETROP2, SETPOLYFILLMODE, SETSTRETCHBLTMODE, SETTEXTCHAREXTRA, RESTOREDC, INVERTREGION,
        // PAINTREGION, SELECTCLIPREGION, SELECTOBJECT, SETTEXTALIGN, RESIZEPALETTE, SETLAYOUT,
        // DELETEOBJECT, SELECTPALETTE.
        0x0102..=0x0104 | 0x0106..=0x0108 | 0x0127 | 0x012A..=0x012E | 0x0139 | 0x0149 | 0x01F0 | 0x0234 => 8,
        // Two 16-bit fields or a colour: SETBKCOLOR, SETTEXTCOLOR, SETTEXTJUSTIFICATION, SETWINDOWORG,
        // SETWINDOWEXT, SETVIEWPORTORG, SETVIEWPORTEXT, OFFSETWINDOWORG, OFFSETVIEWPORTORG, LINETO,
        // MOVETO, OFFSETCLIPRGN, FILLREGION, SETMAPPERFLAGS.
        0x0201 | 0x0209 | 0x020A..=0x020F | 0x0211 | 0x0213 | 0x0214 | 0x0220 | 0x0228 | 0x0231 => 10,
        // Palettes (Start, NumberOfEntries, 4-byte entries): SETPALENTRIES, ANIMATEPALETTE, CREATEPALETTE.
        0x0037 | 0x0436 | 0x00F7 => 10 + 4 * u(8)?,
        // CREATEBRUSHINDIRECT (style, colour, hatch); SCALEWINDOWEXT, SCALEVIEWPORTEXT,
        // EXCLUDECLIPRECT, INTERSECTCLIPRECT, ELLIPSE, FLOODFILL, RECTANGLE, SETPIXEL, FRAMEREGION.
        0x02FC | 0x0410 | 0x0412 | 0x0415 | 0x0416 | 0x0418 | 0x0419 | 0x041B | 0x041F | 0x0429 => 14,
        // CREATEPENINDIRECT (style, width, colour); EXTFLOODFILL (mode, colour, point).
        0x02FA | 0x0548 => 16,
        // ROUNDRECT, PATBLT.
        0x061C | 0x061D => 18,
        // ARC, PIE, CHORD.
        0x0817 | 0x081A | 0x0830 => 22,
        // BITBLT and STRETCHBLT without a bitmap (the others are refused by `wmf_refused`).
        0x0922 => 24,
        0x0B23 => 28,
        // POLYGON, POLYLINE: NumberOfPoints, then the points.
        0x0324 | 0x0325 => 8 + 4 * u(6)?,
        0x0538 => {
            // POLYPOLYGON: NumberOfPolygons, the point count of each, then all points.
            let polygons = u(6)?;
            let counts = span(r, 8, polygons, 2, 8).ok_or("more polygons than the record holds")?;
            let points = r[counts.clone()].chunks_exact(2).map(|c| usize::from(u16::from_le_bytes([c[0], c[1]])));
            points.fold(counts.end, |end, p| end.saturating_add(4 * p))
        }
        META_TEXTOUT => {
            // StringLength, the string (padded to a word), YStart, XStart.
            let len = u(6)?;
            let end = 8 + len.next_multiple_of(2);
            keep.push(8..8 + len);
            keep.push(end..end + 4);
            if end + 4 > size {
                return Err("a TEXTOUT record shorter than its string".into());
            }
            8
        }
        META_EXTTEXTOUT => {
            let (at, len, dx) = ext_text_out_layout(r)?;
            keep.push(at..at + len);
            if let Some(dx) = dx {
                keep.push(dx..dx + 2 * len);
            }
            at
        }
        // DIBBITBLT and DIBSTRETCHBLT: without a bitmap their size is fixed (with a reserved field).
        0x0940 if size == 24 => 24,
        0x0B41 if size == 28 => 28,
        // With one: the raster operation and the coordinates, then a device-independent bitmap.
        0x0940 => dib(r, 22, false, &mut keep)?,
        0x0B41 => dib(r, 26, false, &mut keep)?,
        // STRETCHDIB: raster operation, ColorUsage, coordinates, bitmap.
        0x0F43 => dib(r, 28, u(10)? == 1, &mut keep)?,
        // DIBCREATEPATTERNBRUSH: Style, ColorUsage, bitmap (a BS_PATTERN brush's colours are RGB).
        0x0142 => dib(r, 10, u(8)? == 1 && u(6)? != 3, &mut keep)?,
        0x06FF => region16(r)?,
        _ => return Err("an unknown record function".into()),
    };
    if fixed > size {
        return Err("a record shorter than its fields".into());
    }
    keep.push(0..fixed);
    Ok(keep)
}

/// Where the string of a `META_EXTTEXTOUT` starts, its length, and where its advances are if it has
/// them: Y, X, StringLength, fwOpts, [rectangle if opaque or clipped], the string (padded to a word),
/// [one 16-bit advance per byte]. Bytes after that are unused.
fn ext_text_out_layout(r: &[u8]) -> Result<(usize, usize, Option<usize>), String> {
    let len = usize::from(u16_at(r, 10).ok_or("truncated")?);
    let options = u32::from(u16_at(r, 12).ok_or("truncated")?);
    let at = if options & (ETO_OPAQUE | ETO_CLIPPED) != 0 { 22 } else { 14 };
    let dx_at = at + len.next_multiple_of(2);
    if r.len() < dx_at {
        return Err("an EXTTEXTOUT record shorter than its string".into());
    }
    Ok((at, len, (r.len() >= dx_at + 2 * len && len > 0).then_some(dx_at)))
}

/// A device-independent bitmap (MS-WMF 2.2.2.9) at `at`: its header, colour masks, colour table (the
/// reserved byte of each RGB entry unused) and pixel rows (their padding unused) are kept; returns
/// where the fixed fields before it end. Compressed pixels and colour profiles are refused, as for a
/// BMP picture (see `images.rs`). `indices`: the colour table holds 16-bit palette indices.
fn dib(r: &[u8], at: usize, indices: bool, keep: &mut Vec<std::ops::Range<usize>>) -> Result<usize, String> {
    let h = r.get(at..).unwrap_or_default();
    let header = u32_at(h, 0).ok_or("a truncated bitmap")? as usize;
    let (width, height, bpp, compression, colours) = match header {
        12 => {
            let w = usize::from(u16_at(h, 4).unwrap_or(0));
            (w, usize::from(u16_at(h, 6).unwrap_or(0)), u16_at(h, 10).unwrap_or(0), 0, 0)
        }
        40 | 52 | 56 | 108 | 124 => {
            let (w, ht) = (i32_at(h, 4).unwrap_or(0), i32_at(h, 8).unwrap_or(0));
            if w <= 0 {
                return Err("a bitmap of an invalid size".into());
            }
            let c = u32_at(h, 16).ok_or("a truncated bitmap")?;
            (w as usize, ht.unsigned_abs() as usize, u16_at(h, 14).unwrap_or(0), c, u32_at(h, 32).unwrap_or(0) as usize)
        }
        _ => return Err("a bitmap with an unknown header".into()),
    };
    if width == 0 || height == 0 || h.len() < header {
        return Err("a bitmap of an invalid size".into());
    }
    let colour_space = if header >= 108 { u32_at(h, 56) } else { None };
    if !matches!(colour_space, None | Some(0 | 0x7352_4742 | 0x5769_6E20)) {
        return Err("a bitmap with a colour profile (linked or embedded)".into());
    }
    let masks = match (header, compression) {
        (40, 3) => 12,
        (40, 6) => 16,
        (_, 0 | 3 | 6) => 0,
        _ => return Err("a bitmap with compressed pixels (RLE, JPEG or PNG inside)".into()),
    };
    if ![1, 4, 8, 16, 24, 32].contains(&bpp) || (compression != 0 && bpp != 16 && bpp != 32) {
        return Err("a bitmap of an unknown bit depth".into());
    }
    // The header: a calibrated colour space's end points and gammas, and a V5 header's profile
    // fields and reserved word, are unused without a calibrated space or a profile.
    match (header, colour_space) {
        (108 | 124, Some(0)) => keep.push(at..at + 108),
        (108 | 124, _) => keep.push(at..at + 60),
        _ => keep.push(at..at + header),
    }
    if header == 124 {
        keep.push(at + 108..at + 112); // bV5Intent
    }
    let mut pos = at + header;
    keep.push(pos..pos + masks);
    pos += masks;
    let entries = if colours > 0 {
        colours
    } else if bpp <= 8 {
        1 << bpp
    } else {
        0
    };
    if entries > 256 {
        return Err("a bitmap with a colour table that is too large".into());
    }
    let entry = if indices {
        2
    } else if header == 12 {
        3
    } else {
        4
    };
    let table = span(r, pos, entries, entry, pos).ok_or("a bitmap's colour table outside its record")?;
    for k in 0..entries {
        keep.push(pos + k * entry..pos + k * entry + entry.min(3));
    }
    pos = table.end;
    let used = width.checked_mul(usize::from(bpp)).map(|b| b.div_ceil(8)).ok_or("a bitmap too large")?;
    let stride = used.div_ceil(4) * 4;
    let pixels = span(r, pos, height, stride, pos).ok_or("a bitmap's pixels outside its record")?;
    // One range when no row's padding holds anything (the common case), else one per row.
    if r[pixels.clone()].chunks_exact(stride).all(|row| row[used..].iter().all(|&b| b == 0)) {
        keep.push(pixels);
    } else {
        for row in 0..height {
            keep.push(pos + row * stride..pos + row * stride + used);
        }
    }
    Ok(at)
}

/// `META_CREATEREGION`: a `Region` (MS-WMF 2.2.1.5): nextInChain, ObjectType, ObjectCount, RegionSize,
/// ScanCount, maxScan, Bounding, then ScanCount scans of Count, Top, Bottom, Count coordinates, Count2.
fn region16(r: &[u8]) -> Result<usize, String> {
    let scans = usize::from(u16_at(r, 16).ok_or("a truncated region")?);
    let mut at = 6 + 22;
    for _ in 0..scans {
        let count = usize::from(u16_at(r, at).ok_or("a region larger than its record")?);
        at += 6 + 2 * count;
        if u16_at(r, at).map(usize::from) != Some(count) {
            return Err("a region scan whose counts differ".into());
        }
        at += 2;
    }
    Ok(at)
}

fn take_slot(slots: &mut Vec<Option<Option<u8>>>, what: Option<u8>) -> Result<(), String> {
    match slots.iter().position(Option::is_none) {
        Some(i) => slots[i] = Some(what),
        None if slots.len() < limits::MAX_METAFILE_OBJECTS => slots.push(Some(what)),
        None => return Err("too many objects".into()),
    }
    Ok(())
}

/// `META_EXTTEXTOUT` (its layout checked by [`ext_text_out_layout`]).
fn wmf_ext_text_out(r: &[u8], base: usize, charset: u8, texts: &mut Vec<Text>) -> Result<(), String> {
    let options = u32::from(u16_at(r, 12).ok_or("truncated")?);
    if options & ETO_GLYPH_INDEX != 0 {
        return Err("text drawn as glyph indices (ETO_GLYPH_INDEX): the characters are not in the file".into());
    }
    let (at, len, dx) = ext_text_out_layout(r)?;
    let mut text = ansi(&r[at..at + len], base + at, charset)?;
    text.dx = dx.map(|dx| Advances { at: base + dx, entry: 2, stride: 1 });
    push(texts, text);
    Ok(())
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

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    let b = d.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    let b = d.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn i32_at(d: &[u8], at: usize) -> Option<i32> {
    u32_at(d, at).map(|v| v as i32)
}

#[cfg(test)]
mod tests;
