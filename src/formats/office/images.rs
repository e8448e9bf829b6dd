//! Pictures kept only in a form lak fully understands: every structure that could carry text goes.
//!
//! A picture is walked block by block, and a block is kept only when lak knows it is needed to show the
//! picture *and* its bytes are exactly what that block holds; everything else is dropped, so metadata
//! lak has never heard of goes as surely as EXIF. A picture whose structure does not parse cleanly needs
//! manual handling (or is removed with `--drop-embedded`): lak cannot tell what it holds.
//!
//! - **JPEG**: only the segments a decoder needs — frame headers (`SOFn`), Huffman and quantisation
//!   tables, restart interval, arithmetic conditioning, `DNL`, scan headers and their entropy-coded data —
//!   each checked to be exactly as long as its tables; `APP0` only as a bare 16-byte JFIF header (no
//!   thumbnail) and `APP14` only in Adobe's fixed 12-byte form. Every other `APPn` (EXIF, XMP, ICC
//!   profiles, IPTC, `JFXX`, vendor blocks) and comments go, and nothing after the end of the image is
//!   kept. Bytes between segments, and segments lak does not know, are refused.
//! - **PNG**: the critical chunks and a keep-list of ancillary chunks of fixed form (`tRNS`,
//!   `gAMA`, `sBIT`, `sRGB`, `bKGD`, `pHYs`, `cICP`); text, `iCCP` (its profile name is free text),
//!   `eXIf`, `tIME`, `cHRM`, animation and unknown chunks go, as does anything after `IEND`. The image
//!   data must be one zlib stream that ends where the data ends and inflates to exactly the size the
//!   header implies.
//! - **GIF**: the header, colour tables, graphic control extensions of their fixed form and image blocks
//!   are kept; comment, plain-text and application extensions (`NETSCAPE2.0` too: an animation plays
//!   once) go, and nothing after the trailer is kept.
//! - **WebP**: only `VP8 `, `VP8L`, `VP8X` (its flags and reserved bits fixed), `ALPH`, `ANIM` and `ANMF`
//!   (with only image chunks inside) are kept; the RIFF container is written again.
//! - **BMP**: only the headers, the colour table (its reserved bytes zeroed), and the pixel rows (their
//!   padding zeroed), exactly as the header declares them; gaps and bytes after the pixels go. BMPs with
//!   colour profiles or compressed pixels (RLE, embedded JPEG/PNG) are refused.
//! - **TIFF** keeps its metadata in the same directories as the picture layout, so it is decoded and
//!   encoded again (the `image` crate), without metadata.
//!
//! The orientation stored in EXIF and embedded colour profiles are lost; the pixels are unchanged.

use crate::formats::media::bytes::{u16_le, u32_be, u32_le};

/// The picture formats lak knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ImageFormat {
    Jpeg,
    Png,
    Gif,
    Webp,
    Tiff,
    Bmp,
}

/// The sizes of the bitmap headers there are (`BITMAPCOREHEADER`, `BITMAPINFOHEADER`, its V2 to V5): a
/// header's first field is its size, and says which it is.
pub(crate) const BMP_HEADER_SIZES: [u32; 6] = [12, 40, 52, 56, 108, 124];

/// Recognises a picture by its first bytes. A BMP needs a plausible header, not only its two-letter magic
/// (an OLE object or any other binary can start with `BM`).
pub(crate) fn sniff(data: &[u8]) -> Option<ImageFormat> {
    if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageFormat::Jpeg)
    } else if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageFormat::Png)
    } else if data.starts_with(b"GIF87a") || data.starts_with(b"GIF89a") {
        Some(ImageFormat::Gif)
    } else if data.len() >= 12 && &data[..4] == b"RIFF" && &data[8..12] == b"WEBP" {
        Some(ImageFormat::Webp)
    } else if data.starts_with(b"II*\0") || data.starts_with(b"MM\0*") {
        Some(ImageFormat::Tiff)
    } else if data.starts_with(b"BM")
        && u32_le(data, 2).is_some_and(|n| n as usize <= data.len() && n >= 26)
        && u32_le(data, 14).is_some_and(|h| BMP_HEADER_SIZES.contains(&h))
    {
        Some(ImageFormat::Bmp)
    } else {
        None
    }
}

/// The picture as lak keeps it, or `None` when that is the picture as it was. `Err` when it does not
/// parse cleanly.
pub(crate) fn strip(format: ImageFormat, data: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let out = match format {
        ImageFormat::Jpeg => jpeg(data)?,
        ImageFormat::Png => png(data)?,
        ImageFormat::Gif => gif(data)?,
        ImageFormat::Webp => webp(data)?,
        ImageFormat::Tiff => return tiff(data).map(Some),
        ImageFormat::Bmp => bmp(data)?,
    };
    Ok((out != data).then_some(out))
}

fn jpeg(data: &[u8]) -> Result<Vec<u8>, String> {
    crate::formats::media::jpeg::strip(data)
}

// ------------------------------------------------------------------------------------------- PNG

/// Ancillary chunks kept, with the lengths they may have (empty: any). Chunks of many free bytes
/// (`cHRM`, `mDCV`) go: a colour nuance is not worth a place to hide a value.
const PNG_KEEP: [(&[u8; 4], &[usize]); 7] = [
    (b"tRNS", &[]), // length checked against the colour type and palette below
    (b"gAMA", &[4]),
    (b"sBIT", &[1, 2, 3, 4]),
    (b"sRGB", &[1]),
    (b"bKGD", &[1, 2, 6]),
    (b"pHYs", &[9]),
    (b"cICP", &[4]),
];

/// Largest decompressed image data lak inflates to check a PNG (bytes).
const MAX_PNG_RAW: usize = 1 << 30;

fn png(data: &[u8]) -> Result<Vec<u8>, String> {
    let bad = |why: &str| Err(format!("PNG: {why}"));
    if !data.starts_with(b"\x89PNG\r\n\x1a\n") {
        return bad("no signature");
    }
    let mut out = data[..8].to_vec();
    let mut idat = Vec::new();
    let mut ihdr: Option<&[u8]> = None;
    let mut palette = 0;
    let mut i = 8;
    loop {
        let Some(len) = u32_be(data, i).map(|n| n as usize) else { return bad("ends without IEND") };
        let end = i
            .checked_add(12)
            .and_then(|e| e.checked_add(len))
            .filter(|&e| e <= data.len())
            .ok_or("PNG: chunk runs past the end")?;
        let kind = &data[i + 4..i + 8];
        let body = &data[i + 8..i + 8 + len];
        if ihdr.is_none() && kind != b"IHDR" {
            return bad("the first chunk is not IHDR");
        }
        let keep = match kind {
            b"IHDR" if ihdr.is_none() && len == 13 => {
                ihdr = Some(body);
                true
            }
            b"IHDR" => return bad("a second or malformed IHDR"),
            b"PLTE" if len % 3 == 0 && len <= 768 => {
                palette = len / 3;
                true
            }
            b"IDAT" => {
                idat.extend_from_slice(body);
                true
            }
            b"IEND" if len == 0 => {
                push_png_chunk(&mut out, kind, body);
                let header = ihdr.ok_or("PNG: no IHDR")?;
                check_png_data(header, &idat)?;
                return Ok(out); // anything after IEND is dropped
            }
            k if k[0].is_ascii_uppercase() => return bad("a critical chunk lak does not know or of the wrong length"),
            b"sRGB" if body.first().is_some_and(|&v| v > 3) => false,
            b"pHYs" if body.get(8).is_some_and(|&v| v > 1) => false,
            // Transparency: one grey or RGB sample, or one alpha byte per palette entry at most.
            b"tRNS" => match ihdr.map(|h| h[9]) {
                Some(0) => len == 2,
                Some(2) => len == 6,
                Some(3) => len <= palette,
                _ => false,
            },
            k => PNG_KEEP.iter().any(|(name, lens)| &name[..] == k && (lens.is_empty() || lens.contains(&len))),
        };
        if keep {
            push_png_chunk(&mut out, kind, body);
        }
        i = end;
    }
}

/// Writes a PNG chunk with its CRC computed again: the stored CRC is four bytes lak would otherwise
/// copy unchecked, and many empty chunks would carry many of them.
fn push_png_chunk(out: &mut Vec<u8>, kind: &[u8], body: &[u8]) {
    out.extend((body.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(body);
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(body);
    out.extend(crc.sum().to_be_bytes());
}

/// The image data must be one zlib stream ending where the data ends, inflating to exactly the rows the
/// header describes: bytes after the stream or after the last row are never shown and could hold anything.
fn check_png_data(ihdr: &[u8], idat: &[u8]) -> Result<(), String> {
    let bad = |why: &str| Err(format!("PNG: {why}"));
    let (Some(w), Some(h)) = (u32_be(ihdr, 0).map(|n| n as usize), u32_be(ihdr, 4).map(|n| n as usize)) else {
        return bad("short IHDR");
    };
    let (depth, colour, interlace) = (ihdr[8], ihdr[9], ihdr[12]);
    let channels = match colour {
        0 | 3 => 1,
        2 => 3,
        4 => 2,
        6 => 4,
        _ => return bad("an unknown colour type"),
    };
    if ![1, 2, 4, 8, 16].contains(&depth) || interlace > 1 {
        return bad("an unknown bit depth or interlace method");
    }
    let bits = channels * usize::from(depth);
    let rows = |w: usize, h: usize| -> Option<usize> {
        if w == 0 || h == 0 { Some(0) } else { h.checked_mul(w.checked_mul(bits)?.div_ceil(8) + 1) }
    };
    let expected = if interlace == 0 {
        rows(w, h)
    } else {
        const PASSES: [(usize, usize, usize, usize); 7] =
            [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];
        PASSES.iter().try_fold(0usize, |sum, &(x0, y0, dx, dy)| {
            let pw = w.saturating_sub(x0).div_ceil(dx);
            let ph = h.saturating_sub(y0).div_ceil(dy);
            sum.checked_add(rows(pw, ph)?)
        })
    };
    let Some(expected) = expected.filter(|&e| e <= MAX_PNG_RAW) else { return bad("too large to check") };
    use crate::formats::media::deflate::{InflateError, inflate_with};
    let mut produced = 0usize;
    let consumed = inflate_with(idat, true, expected, |c| produced += c.len()).map_err(|e| match e {
        InflateError::TooLarge => "PNG: more image data than the header describes".to_string(),
        InflateError::Truncated => "PNG: truncated image data".to_string(),
        InflateError::Corrupt(e) => format!("PNG: {e}"),
    })?;
    if consumed != idat.len() || produced != expected {
        return bad("image data of the wrong size, or bytes after it");
    }
    Ok(())
}

// ------------------------------------------------------------------------------------------- GIF

fn gif(data: &[u8]) -> Result<Vec<u8>, String> {
    let bad = |why: &str| format!("GIF: {why}");
    if data.len() < 13 {
        return Err(bad("too short"));
    }
    let mut i = 13;
    if data[10] & 0x80 != 0 {
        i += 3 * (1 << ((data[10] & 0x07) + 1));
    }
    let mut out = data.get(..i).ok_or_else(|| bad("truncated colour table"))?.to_vec();
    // Skips data sub-blocks starting at `j`, returning the index after the terminator.
    let sub_blocks = |mut j: usize| -> Result<usize, String> {
        loop {
            let n = *data.get(j).ok_or_else(|| bad("truncated sub-blocks"))? as usize;
            j += 1 + n;
            if n == 0 {
                return if j <= data.len() { Ok(j) } else { Err(bad("truncated sub-blocks")) };
            }
        }
    };
    loop {
        match data.get(i) {
            Some(0x3B) => {
                out.push(0x3B);
                return Ok(out); // anything after the trailer is dropped
            }
            Some(0x21) => {
                let label = *data.get(i + 1).ok_or_else(|| bad("truncated extension"))?;
                let end = sub_blocks(i + 2)?;
                match label {
                    // A graphic control extension: one block of 4 bytes.
                    0xF9 if end == i + 8 && data[i + 2] == 4 => out.extend_from_slice(&data[i..end]),
                    0xF9 | 0x01 | 0xFE | 0xFF => {}
                    _ => return Err(bad("an extension lak does not know")),
                }
                i = end;
            }
            Some(0x2C) => {
                let flags = *data.get(i + 9).ok_or_else(|| bad("truncated image"))?;
                let mut j = i + 10;
                if flags & 0x80 != 0 {
                    j += 3 * (1 << ((flags & 0x07) + 1));
                }
                let end = sub_blocks(j + 1)?;
                out.extend_from_slice(&data[i..end]);
                i = end;
            }
            _ => return Err(bad("unknown block")),
        }
    }
}

// ------------------------------------------------------------------------------------------ WebP

fn webp(data: &[u8]) -> Result<Vec<u8>, String> {
    let bad = |why: &str| format!("WebP: {why}");
    let size = u32_le(data, 4).ok_or_else(|| bad("too short"))? as usize;
    let riff_end = size.checked_add(8).filter(|&e| e <= data.len() && e >= 12).ok_or_else(|| bad("bad RIFF size"))?;
    let mut body = b"WEBP".to_vec();
    for (kind, chunk) in riff_chunks(&data[12..riff_end]).map_err(|e| bad(&e))? {
        match kind {
            b"VP8 " | b"VP8L" | b"ALPH" => push_chunk(&mut body, kind, chunk),
            b"ANIM" if chunk.len() == 6 => push_chunk(&mut body, kind, chunk),
            b"VP8X" if chunk.len() == 10 => {
                let mut c = chunk.to_vec();
                c[0] &= 0x12; // alpha and animation; no ICC, EXIF or XMP
                c[1..4].fill(0);
                push_chunk(&mut body, kind, &c);
            }
            b"ANMF" if chunk.len() >= 16 => {
                let mut frame = chunk[..16].to_vec();
                for (k, c) in riff_chunks(&chunk[16..]).map_err(|e| bad(&e))? {
                    if matches!(k, b"VP8 " | b"VP8L" | b"ALPH") {
                        push_chunk(&mut frame, k, c);
                    }
                }
                push_chunk(&mut body, kind, &frame);
            }
            b"VP8X" | b"ANIM" | b"ANMF" => return Err(bad("a chunk of the wrong length")),
            _ => {} // ICCP, EXIF, XMP, unknown chunks
        }
    }
    let mut out = b"RIFF".to_vec();
    out.extend(u32::try_from(body.len()).map_err(|_| bad("too large"))?.to_le_bytes());
    out.extend(body);
    Ok(out)
}

/// A RIFF chunk: its kind and its content.
type Chunk<'a> = (&'a [u8; 4], &'a [u8]);

/// The chunks of a RIFF body, which they must fill exactly.
fn riff_chunks(d: &[u8]) -> Result<Vec<Chunk<'_>>, String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < d.len() {
        let kind: &[u8; 4] = d.get(i..i + 4).and_then(|k| k.try_into().ok()).ok_or("a truncated chunk")?;
        let len = u32_le(d, i + 4).ok_or("a truncated chunk")? as usize;
        let end = (i + 8).checked_add(len).filter(|&e| e <= d.len()).ok_or("a chunk runs past the end")?;
        out.push((kind, &d[i + 8..end]));
        i = end + (len & 1);
        if i > d.len() {
            return Err("a chunk runs past the end".into());
        }
    }
    Ok(out)
}

fn push_chunk(out: &mut Vec<u8>, kind: &[u8; 4], chunk: &[u8]) {
    out.extend_from_slice(kind);
    out.extend((chunk.len() as u32).to_le_bytes());
    out.extend_from_slice(chunk);
    if chunk.len() % 2 == 1 {
        out.push(0);
    }
}

// ------------------------------------------------------------------------------------------- BMP

fn bmp(data: &[u8]) -> Result<Vec<u8>, String> {
    let bad = |why: &str| Err(format!("BMP: {why}"));
    let (Some(off_bits), Some(dib)) = (u32_le(data, 10), u32_le(data, 14)) else { return bad("truncated header") };
    let (off_bits, dib) = (off_bits as usize, dib as usize);
    let header_end = 14 + dib;
    if data.len() < header_end {
        return bad("truncated header");
    }
    let (width, height, bpp, compression, colours) = if dib == 12 {
        let w = u16_le(data, 18).map_or(0, usize::from);
        let h = u16_le(data, 20).map_or(0, usize::from);
        (w, h, u16_le(data, 24).map_or(0, usize::from), 0, 0)
    } else {
        let w = u32_le(data, 18).map_or(0, |v| v as i32);
        let h = u32_le(data, 22).map_or(0, |v| v as i32);
        if w <= 0 || h == 0 {
            return bad("an invalid size");
        }
        (
            w as usize,
            h.unsigned_abs() as usize,
            u16_le(data, 28).map_or(0, usize::from),
            u32_le(data, 30).unwrap_or(u32::MAX),
            u32_le(data, 46).unwrap_or(0) as usize,
        )
    };
    if width == 0 || height == 0 {
        return bad("an invalid size");
    }
    let colour_space = if dib >= 108 { u32_le(data, 14 + 56) } else { None };
    if !matches!(colour_space, None | Some(0 | 0x7352_4742 | 0x5769_6E20)) {
        return bad("a colour profile (linked or embedded)");
    }
    let masks = match (dib, compression) {
        (40, 3) => 12,
        (40, 6) => 16,
        (_, 0 | 3 | 6) => 0,
        _ => return bad("compressed pixels (RLE, JPEG or PNG inside)"),
    };
    if ![1, 4, 8, 16, 24, 32].contains(&bpp) || (compression != 0 && bpp != 16 && bpp != 32) {
        return bad("an unknown bit depth");
    }
    let entry = if dib == 12 { 3 } else { 4 };
    let palette = if colours > 0 {
        colours
    } else if bpp <= 8 {
        1 << bpp
    } else {
        0
    };
    if palette > 256 {
        return bad("a colour table that is too large");
    }
    let table_end = header_end + masks + palette * entry;
    let used = width.checked_mul(bpp).map(|b| b.div_ceil(8)).ok_or("BMP: too large")?;
    let stride = used.div_ceil(4) * 4;
    let pixels = stride.checked_mul(height).ok_or("BMP: too large")?;
    let end = off_bits.checked_add(pixels).ok_or("BMP: too large")?;
    if off_bits < table_end || end > data.len() {
        return bad("pixels outside the file or overlapping the headers");
    }
    let mut out = Vec::with_capacity(table_end + pixels);
    out.extend_from_slice(&data[..table_end]);
    out[2..6].copy_from_slice(&((table_end + pixels) as u32).to_le_bytes());
    out[6..10].fill(0); // reserved
    out[10..14].copy_from_slice(&(table_end as u32).to_le_bytes());
    if colour_space.is_some_and(|cs| cs != 0) {
        out[14 + 60..14 + 108].fill(0); // end points and gammas, unused outside a calibrated colour space
    }
    if dib >= 124 {
        out[14 + 112..14 + 124].fill(0); // profile offset and size (no profile), reserved
    }
    if entry == 4 {
        for k in 0..palette {
            out[header_end + masks + 4 * k + 3] = 0; // reserved byte of each colour
        }
    }
    for row in data[off_bits..end].chunks_exact(stride) {
        out.extend_from_slice(&row[..used]);
        out.extend(std::iter::repeat_n(0, stride - used)); // padding
    }
    Ok(out)
}

fn tiff(data: &[u8]) -> Result<Vec<u8>, String> {
    let img = image::load_from_memory_with_format(data, image::ImageFormat::Tiff).map_err(|e| format!("TIFF: {e}"))?;
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Tiff).map_err(|e| format!("TIFF: {e}"))?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(marker: u8, body: &[u8]) -> Vec<u8> {
        let mut v = vec![0xFF, marker];
        v.extend(((body.len() + 2) as u16).to_be_bytes());
        v.extend(body);
        v
    }

    /// Office pictures go through the shared JPEG primitive: what it keeps, they keep; what it refuses,
    /// they refuse.
    #[test]
    fn jpeg_pictures_are_stripped_by_the_shared_primitive() {
        let j = crate::formats::media::jpeg::tests::with_metadata();
        let shared = crate::formats::media::jpeg::strip(&j).unwrap();
        assert_eq!(strip(ImageFormat::Jpeg, &j).unwrap(), Some(shared.clone()));
        assert_eq!(strip(ImageFormat::Jpeg, &shared).unwrap(), None);
        assert!(strip(ImageFormat::Jpeg, &j[..j.len() - 30]).is_err());
    }

    fn chunk(kind: &[u8], body: &[u8]) -> Vec<u8> {
        let mut v = (body.len() as u32).to_be_bytes().to_vec();
        v.extend(kind);
        v.extend(body);
        v.extend([0, 0, 0, 0]);
        v
    }

    /// A 2×1 grey PNG with `extra` chunks before its image data, whose zlib stream is followed by `tail`.
    fn png_with(extra: &[Vec<u8>], tail: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(&[0, 10, 20]).unwrap();
        let mut idat = z.finish().unwrap();
        idat.extend(tail);
        let mut p = b"\x89PNG\r\n\x1a\n".to_vec();
        p.extend(chunk(b"IHDR", &[0, 0, 0, 2, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
        for e in extra {
            p.extend(e);
        }
        p.extend(chunk(b"IDAT", &idat));
        p.extend(chunk(b"IEND", b""));
        p
    }

    #[test]
    fn png_chunks_get_their_crc_computed_and_transparency_its_length() {
        let mut crc_body = chunk(b"gAMA", &[0, 0, 177, 143]);
        let n = crc_body.len();
        crc_body[n - 4..].copy_from_slice(b"J.J.");
        let p = png_with(&[crc_body, chunk(b"tRNS", b"\0\x01Jan Jansen 111222333")], b"");
        let out = strip(ImageFormat::Png, &p).unwrap().unwrap();
        assert!(!out.windows(4).any(|w| w == b"J.J." || w == b"tRNS"), "{}", String::from_utf8_lossy(&out));
        let mut crc = flate2::Crc::new();
        crc.update(b"gAMA");
        crc.update(&[0, 0, 177, 143]);
        assert!(out.windows(12).any(|w| w[..8] == *b"gAMA\0\0\xb1\x8f" && w[8..] == crc.sum().to_be_bytes()));
        // A grey picture's transparency is one 16-bit sample.
        let p = png_with(&[chunk(b"tRNS", &[0, 7])], b"");
        assert!(strip(ImageFormat::Png, &p).unwrap().unwrap().windows(4).any(|w| w == b"tRNS"));
    }

    #[test]
    fn a_bmp_without_width_is_refused_not_a_panic() {
        let b = [0x42, 0x4D, 0x1A, 0, 0, 0, 0, 0, 0, 0, 0x1A, 0, 0, 0, 0x0C, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0x18, 0];
        assert!(strip(ImageFormat::Bmp, &b).is_err());
    }

    #[test]
    fn png_keeps_only_picture_chunks() {
        let p = png_with(
            &[
                chunk(b"tEXt", b"Author\0Jan Jansen"),
                chunk(b"iCCP", b"Jansen\0\0xx"),
                chunk(b"prIv", b"Jansen"),
                chunk(b"gAMA", &[0, 0, 177, 143]),
                chunk(b"pHYs", b"Jansen123"), // a known chunk of the right length, but not of its form
            ],
            b"",
        );
        let out = strip(ImageFormat::Png, &p).unwrap().unwrap();
        assert!(!out.windows(6).any(|w| w == b"Jansen"), "{}", String::from_utf8_lossy(&out));
        assert!(out.windows(4).any(|w| w == b"IDAT"));
        assert!(out.windows(4).any(|w| w == b"gAMA"));
        assert_eq!(strip(ImageFormat::Png, &out).unwrap(), None);
        // Data after the zlib stream inside the image data cannot be dropped chunk by chunk: refused.
        assert!(strip(ImageFormat::Png, &png_with(&[], b"Jansen")).is_err());
    }

    #[test]
    fn gif_webp_and_bmp_keep_only_the_picture() {
        let mut g = b"GIF89a\x02\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff".to_vec();
        g.extend(b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x06Jansen\x00");
        g.extend(b"\x21\x01\x0c\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x06Jansen\x00");
        g.extend(b"\x21\xfe\x06Jansen\x00");
        g.extend(b"\x21\xf9\x04\x00\x00\x00\x00\x00");
        g.extend(b"\x2c\x00\x00\x00\x00\x02\x00\x01\x00\x00\x02\x02\x44\x01\x00\x3b");
        g.extend(b"Jansen after the trailer");
        let out = strip(ImageFormat::Gif, &g).unwrap().unwrap();
        assert!(!out.windows(6).any(|w| w == b"Jansen"));
        assert!(out.windows(3).any(|w| w == b"\x21\xf9\x04"));
        assert!(out.ends_with(b"\x3b"));

        let mut w = b"RIFF\0\0\0\0WEBP".to_vec();
        for (k, body) in [(&b"VP8L"[..], &b"\x2f\0\0\0\0"[..]), (b"TEXT", b"Jansen"), (b"EXIF", b"Jansen")] {
            w.extend(k);
            w.extend((body.len() as u32).to_le_bytes());
            w.extend(body);
            if body.len() % 2 == 1 {
                w.push(0);
            }
        }
        let n = (w.len() - 8) as u32;
        w[4..8].copy_from_slice(&n.to_le_bytes());
        let out = strip(ImageFormat::Webp, &w).unwrap().unwrap();
        assert!(!out.windows(6).any(|w| w == b"Jansen"));
        assert!(out.windows(4).any(|w| w == b"VP8L"));

        // A 2×1 24-bit BMP: rows padded to 8 bytes; padding and everything after the pixels go.
        let mut b = b"BM".to_vec();
        b.extend(62u32.to_le_bytes());
        b.extend(b"Ja");
        b.extend(b"ns");
        b.extend(54u32.to_le_bytes());
        b.extend(40u32.to_le_bytes());
        b.extend(2i32.to_le_bytes());
        b.extend(1i32.to_le_bytes());
        b.extend(1u16.to_le_bytes());
        b.extend(24u16.to_le_bytes());
        b.extend([0u8; 24]);
        b.extend([1, 2, 3, 4, 5, 6, b'J', b'n']);
        b.extend(b"Jansen");
        assert_eq!(sniff(&b), Some(ImageFormat::Bmp));
        let out = strip(ImageFormat::Bmp, &b).unwrap().unwrap();
        assert_eq!(out.len(), 62);
        assert!(out.ends_with(&[1, 2, 3, 4, 5, 6, 0, 0]));
        assert!(!out.windows(2).any(|w| w == b"Ja"));
        // `BM` alone does not make a picture.
        let mut ole = b"BM".to_vec();
        ole.extend([0u8; 60]);
        ole.extend(b"Jansen");
        assert_eq!(sniff(&ole), None);
    }

    #[test]
    fn truncated_pictures_are_errors_not_panics() {
        let mut j = vec![0xFF, 0xD8];
        j.extend(seg(0xE1, b"Exif\0\0"));
        for n in 0..j.len() {
            let _ = strip(ImageFormat::Jpeg, &j[..n.max(3)]);
        }
        let _ = strip(ImageFormat::Png, b"\x89PNG\r\n\x1a\n\xff\xff\xff\xff");
        let _ = strip(ImageFormat::Gif, b"GIF89a\x01\x00\x01\x00\x80");
        let _ = strip(ImageFormat::Webp, b"RIFF\0\0\0\0WEBPVP8X\xff\xff\xff\xff");
    }
}
