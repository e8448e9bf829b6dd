//! Removing metadata from embedded pictures: EXIF (with GPS), XMP, IPTC, comments.
//!
//! Lossless where the format allows it, by dropping metadata blocks and copying everything else byte
//! for byte:
//!
//! - **JPEG**: every segment is walked (including those between progressive scans); `APP1` (EXIF, XMP),
//!   `APP3`–`APP13` (IPTC, Photoshop, vendor blocks), `APP15`, comments (`COM`) and `APP2` blocks that
//!   are not an ICC colour profile (a multi-picture `MPF` block carries a second image) are dropped;
//!   `APP0` (JFIF), the ICC profile and `APP14` (Adobe colour transform) are kept; bytes after the end
//!   of the image are dropped. The orientation stored in EXIF is lost with it.
//! - **PNG**: only chunks needed to show the picture are kept (a keep-list, so unknown private chunks
//!   go too); `tEXt`, `zTXt`, `iTXt`, `eXIf`, `tIME` are dropped.
//! - **GIF**: comment extensions and application extensions other than the animation loop are dropped.
//! - **WebP**: `EXIF` and `XMP ` chunks are dropped and the header flags fixed.
//! - **TIFF** keeps its metadata in the same directories as the picture layout, so it is decoded and
//!   encoded again (the `image` crate), without metadata.
//! - **BMP** has no metadata.
//!
//! A picture that does not parse as its format needs manual handling: lak cannot tell what it holds.

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

/// Recognises a picture by its first bytes.
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
    } else if data.starts_with(b"BM") && data.len() > 54 {
        Some(ImageFormat::Bmp)
    } else {
        None
    }
}

/// The picture without its metadata, or `None` when it has none. `Err` when it does not parse.
pub(crate) fn strip(format: ImageFormat, data: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let out = match format {
        ImageFormat::Jpeg => jpeg(data)?,
        ImageFormat::Png => png(data)?,
        ImageFormat::Gif => gif(data)?,
        ImageFormat::Webp => webp(data)?,
        ImageFormat::Tiff => return tiff(data).map(Some),
        ImageFormat::Bmp => return Ok(None),
    };
    Ok((out != data).then_some(out))
}

fn jpeg(data: &[u8]) -> Result<Vec<u8>, String> {
    let bad = |why: &str| Err(format!("JPEG: {why}"));
    let mut out = Vec::with_capacity(data.len());
    out.extend_from_slice(&data[..2]);
    let mut i = 2;
    loop {
        // Entropy-coded data runs until a marker that is not a stuffed 0xFF00 or a restart marker.
        let seg_start = i;
        while i < data.len() {
            if data[i] == 0xFF && i + 1 < data.len() {
                let m = data[i + 1];
                if m != 0x00 && !(0xD0..=0xD7).contains(&m) && m != 0xFF {
                    break;
                }
            }
            i += 1;
        }
        out.extend_from_slice(&data[seg_start..i]);
        if i + 1 >= data.len() {
            return bad("ends without an end-of-image marker");
        }
        let marker = data[i + 1];
        if marker == 0xD9 {
            out.extend_from_slice(&[0xFF, 0xD9]);
            return Ok(out); // anything after the end of the image is dropped
        }
        if marker == 0x01 {
            out.extend_from_slice(&data[i..i + 2]);
            i += 2;
            continue;
        }
        if i + 4 > data.len() {
            return bad("truncated segment header");
        }
        let len = u16::from_be_bytes([data[i + 2], data[i + 3]]) as usize;
        if len < 2 || i + 2 + len > data.len() {
            return bad("segment runs past the end");
        }
        let body = &data[i + 4..i + 2 + len];
        let keep = match marker {
            0xE0 | 0xEE => true,
            0xE2 => body.starts_with(b"ICC_PROFILE\0"),
            0xE1 | 0xE3..=0xED | 0xEF | 0xFE => false,
            _ => true,
        };
        if keep {
            out.extend_from_slice(&data[i..i + 2 + len]);
        }
        i += 2 + len;
    }
}

fn png(data: &[u8]) -> Result<Vec<u8>, String> {
    const KEEP: [&[u8; 4]; 19] = [
        b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB", b"bKGD", b"pHYs",
        b"hIST", b"acTL", b"fcTL", b"fdAT", b"cICP", b"mDCV", b"cLLI",
    ];
    let mut out = data[..8].to_vec();
    let mut i = 8;
    loop {
        if i + 12 > data.len() {
            return Err("PNG: ends without IEND".into());
        }
        let len = u32::from_be_bytes([data[i], data[i + 1], data[i + 2], data[i + 3]]) as usize;
        let end = i
            .checked_add(12)
            .and_then(|e| e.checked_add(len))
            .filter(|&e| e <= data.len())
            .ok_or("PNG: chunk runs past the end")?;
        let kind = &data[i + 4..i + 8];
        if KEEP.iter().any(|k| &k[..] == kind) {
            out.extend_from_slice(&data[i..end]);
        }
        if kind == b"IEND" {
            return Ok(out);
        }
        i = end;
    }
}

fn gif(data: &[u8]) -> Result<Vec<u8>, String> {
    let bad = |why: &str| format!("GIF: {why}");
    if data.len() < 13 {
        return Err(bad("too short"));
    }
    let mut i = 13;
    if data[10] & 0x80 != 0 {
        i += 3 * (1 << ((data[10] & 0x07) + 1));
    }
    let mut out = data[..i.min(data.len())].to_vec();
    // Skips data sub-blocks starting at `j`, returning the index after the terminator.
    let sub_blocks = |mut j: usize| -> Result<usize, String> {
        loop {
            let n = *data.get(j).ok_or_else(|| bad("truncated sub-blocks"))? as usize;
            j += 1 + n;
            if n == 0 {
                return Ok(j);
            }
        }
    };
    loop {
        match data.get(i) {
            Some(0x3B) => {
                out.push(0x3B);
                return Ok(out);
            }
            Some(0x21) => {
                let label = *data.get(i + 1).ok_or_else(|| bad("truncated extension"))?;
                let end = sub_blocks(i + 2)?;
                let keep = match label {
                    0xFE => false,
                    0xFF => {
                        let id = data.get(i + 3..i + 14).unwrap_or_default();
                        id == b"NETSCAPE2.0" || id == b"ANIMEXTS1.0"
                    }
                    _ => true,
                };
                if end > data.len() {
                    return Err(bad("truncated extension"));
                }
                if keep {
                    out.extend_from_slice(&data[i..end]);
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
                if end > data.len() {
                    return Err(bad("truncated image"));
                }
                out.extend_from_slice(&data[i..end]);
                i = end;
            }
            _ => return Err(bad("unknown block")),
        }
    }
}

fn webp(data: &[u8]) -> Result<Vec<u8>, String> {
    let mut chunks = Vec::new();
    let mut i = 12;
    let mut dropped = false;
    while i + 8 <= data.len() {
        let len = u32::from_le_bytes([data[i + 4], data[i + 5], data[i + 6], data[i + 7]]) as usize;
        let end = i + 8 + len + (len & 1);
        if end > data.len() {
            return Err("WebP: chunk runs past the end".into());
        }
        let kind = &data[i..i + 4];
        if kind == b"EXIF" || kind == b"XMP " {
            dropped = true;
        } else {
            chunks.push(i..end);
        }
        i = end;
    }
    if !dropped {
        return Ok(data.to_vec());
    }
    let mut body = b"WEBP".to_vec();
    for c in chunks {
        let mut chunk = data[c].to_vec();
        if &chunk[..4] == b"VP8X" && chunk.len() > 8 {
            chunk[8] &= !0x0C; // clear the EXIF and XMP flags
        }
        body.extend(chunk);
    }
    let mut out = b"RIFF".to_vec();
    out.extend((body.len() as u32).to_le_bytes());
    out.extend(body);
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

    #[test]
    fn jpeg_drops_exif_xmp_iptc_comments_and_trailers() {
        let mut j = vec![0xFF, 0xD8];
        j.extend(seg(0xE0, b"JFIF\0\x01\x01"));
        j.extend(seg(0xE1, b"Exif\0\0GPS Jan Jansen"));
        j.extend(seg(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x>Jansen</x>"));
        j.extend(seg(0xED, b"Photoshop 3.0\0Jansen"));
        j.extend(seg(0xFE, b"Jansen"));
        j.extend(seg(0xE2, b"ICC_PROFILE\0\x01\x01icc"));
        j.extend(seg(0xDA, b"\x01\x01\x00\x00\x3f\x00"));
        j.extend([0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]);
        j.extend(seg(0xFE, b"Jansen between scans"));
        j.extend([0xFF, 0xD9]);
        j.extend(b"trailer Jansen");
        let out = strip(ImageFormat::Jpeg, &j).unwrap().unwrap();
        assert!(!out.windows(6).any(|w| w == b"Jansen"));
        assert!(out.windows(4).any(|w| w == b"JFIF"));
        assert!(out.windows(11).any(|w| w == b"ICC_PROFILE"));
        assert!(out.windows(4).any(|w| w == [0x12, 0xFF, 0x00, 0x34]));
        assert!(out.ends_with(&[0xFF, 0xD9]));
        // Idempotent: nothing left to strip.
        assert_eq!(strip(ImageFormat::Jpeg, &out).unwrap(), None);
    }

    #[test]
    fn png_keeps_only_picture_chunks() {
        let chunk = |kind: &[u8], body: &[u8]| {
            let mut v = (body.len() as u32).to_be_bytes().to_vec();
            v.extend(kind);
            v.extend(body);
            v.extend([0, 0, 0, 0]);
            v
        };
        let mut p = b"\x89PNG\r\n\x1a\n".to_vec();
        p.extend(chunk(b"IHDR", &[0; 13]));
        p.extend(chunk(b"tEXt", b"Author\0Jan Jansen"));
        p.extend(chunk(b"IDAT", b"xx"));
        p.extend(chunk(b"IEND", b""));
        let out = strip(ImageFormat::Png, &p).unwrap().unwrap();
        assert!(!out.windows(6).any(|w| w == b"Jansen"));
        assert!(out.windows(4).any(|w| w == b"IDAT"));
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
