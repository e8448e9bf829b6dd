//! EMF (MS-EMF): the records lak reads text from, keeps field by field, zeroes, or refuses.

use super::*;

pub(super) const EMR_HEADER: u32 = 1;
pub(super) const EMR_EOF: u32 = 14;
pub(super) const EMR_SELECTOBJECT: u32 = 37;
pub(super) const EMR_DELETEOBJECT: u32 = 40;
pub(super) const EMR_COMMENT: u32 = 70;
pub(super) const EMR_EXTCREATEFONTINDIRECTW: u32 = 82;
pub(super) const EMR_EXTTEXTOUTA: u32 = 83;
pub(super) const EMR_EXTTEXTOUTW: u32 = 84;
pub(super) const EMR_POLYTEXTOUTA: u32 = 96;
pub(super) const EMR_POLYTEXTOUTW: u32 = 97;
pub(super) const EMR_SMALLTEXTOUT: u32 = 108;
/// The last record type MS-EMF defines (`EMR_CREATECOLORSPACEW`).
pub(super) const EMR_LAST: u32 = 122;
/// ` EMF` at byte 40 of the header.
pub(super) const EMF_SIGNATURE: u32 = 0x464D_4520;
/// `EMF+` as a comment identifier.
pub(super) const EMF_PLUS: u32 = 0x2B46_4D45;
/// `GDIC`: a public comment.
pub(super) const GDI_COMMENT: u32 = 0x4349_4447;
pub(super) const COMMENT_BEGINGROUP: u32 = 2;
pub(super) const COMMENT_ENDGROUP: u32 = 3;
pub(super) const STOCK_OBJECT: u32 = 0x8000_0000;
pub(super) const OEM_FIXED_FONT: u32 = 10;

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

pub(super) fn emf(d: &[u8], zero: &mut Vec<std::ops::Range<usize>>) -> Result<Vec<Text>, String> {
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
            let pixel_fields = size >= 100 && first_desc >= 100;
            let (pix_len, pix_off) = if pixel_fields { (u(88)?, u(92)?) } else { (0, size) };
            let first = first_desc.min(if pix_len > 0 { pix_off } else { size });
            let end = [108, 100, 88].into_iter().find(|&h| h <= first && h <= size).ok_or("a short header")?;
            // Fields lak read are kept: a pixel format placed over them would have them zeroed, and the
            // zeroed header reads as another header (found by the fuzzer: not the same picture again).
            if pixel_fields && end < 100 {
                return Err("a pixel format inside the header's fields".into());
            }
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
