//! WMF (MS-WMF): the records lak reads text from, keeps field by field, zeroes, or refuses.

use super::*;

pub(super) const WMF_PLACEABLE_KEY: u32 = 0x9AC6_CDD7;
pub(super) const META_EOF: u16 = 0x0000;
pub(super) const META_TEXTOUT: u16 = 0x0521;
pub(super) const META_EXTTEXTOUT: u16 = 0x0A32;
pub(super) const META_ESCAPE: u16 = 0x0626;
pub(super) const META_SELECTOBJECT: u16 = 0x012D;
pub(super) const META_DELETEOBJECT: u16 = 0x01F0;
pub(super) const META_CREATEFONTINDIRECT: u16 = 0x02FB;
/// Records that create an object other than a font (they take a slot in the object table).
pub(super) const META_CREATE_OTHER: [u16; 6] = [0x02FA, 0x02FC, 0x00F7, 0x01F9, 0x0142, 0x06FF];

/// Reads a WMF; `zero` gets the bytes no field of MS-WMF defines.
pub(super) fn wmf(d: &[u8], zero: &mut Vec<std::ops::Range<usize>>) -> Result<Vec<Text>, String> {
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
