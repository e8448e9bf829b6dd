//! The bitmaps a metafile draws, taken out as picture files so OCR can read them.
//!
//! A screenshot or a scan pasted into a document can arrive as an EMF or WMF whose only content is one
//! bitmap record (`EMR_STRETCHDIBITS`, `META_STRETCHDIB`, ...): the text is in the pixels, not in text
//! records. Each device-independent bitmap is written out as a BMP file (a file header before its
//! `BITMAPINFO` and its bits), or taken as it is when the bitmap is a JPEG or PNG inside (EMF's
//! `BI_JPEG`, `BI_PNG`). The walk runs after [`super::read`] has checked every record's size and every
//! offset, so it only looks up where the bitmaps are.

use super::{u16_at, u32_at};
use crate::formats::office::images::{self, ImageFormat};

/// `BI_BITFIELDS`, `BI_JPEG`, `BI_PNG`, `BI_ALPHABITFIELDS` (MS-WMF 2.1.1.7).
const BI_BITFIELDS: u32 = 3;
const BI_JPEG: u32 = 4;
const BI_PNG: u32 = 5;
const BI_ALPHABITFIELDS: u32 = 6;

/// What a bitmap of a metafile is: a picture file lak can decode, or why not.
pub(crate) type Bitmap = Result<Vec<u8>, &'static str>;

/// Every bitmap an EMF draws, in record order.
pub(super) fn emf(d: &[u8]) -> Vec<Bitmap> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let (Some(ty), Some(size)) = (u32_at(d, pos), u32_at(d, pos + 4)) {
        let size = size as usize;
        let Some(r) = d.get(pos..pos + size).filter(|_| size >= 8) else { break };
        let u = |at: usize| u32_at(r, at).map(|v| v as usize);
        // Offsets of (BITMAPINFO, its size, bits, their size) per record type (MS-EMF 2.3.1).
        let pairs: &[usize] = match ty {
            // Pattern brushes (EMR_CREATEMONOBRUSH, EMR_CREATEDIBPATTERNBRUSHPT) and a pen's brush.
            93 | 94 => &[16],
            95 => &[12],
            76 | 77 | 114 | 116 => &[84],
            78 => &[84, 112],
            79 => &[96, 124],
            80 | 81 => &[48],
            14 => break, // EMR_EOF
            _ => &[],
        };
        for &at in pairs {
            if let (Some(ob), Some(cb), Some(obits), Some(cbits)) = (u(at), u(at + 4), u(at + 8), u(at + 12))
                && cb > 0
                && cbits > 0
                && let (Some(info), Some(bits)) = (r.get(ob..ob + cb), r.get(obits..obits + cbits))
            {
                out.push(picture(info, bits));
            }
        }
        pos += size;
    }
    out
}

/// Every bitmap a WMF draws, in record order (`records` starts after the headers).
pub(super) fn wmf(d: &[u8], mut pos: usize) -> Vec<Bitmap> {
    let mut out = Vec::new();
    while let (Some(words), Some(func)) = (u32_at(d, pos), u16_at(d, pos + 4)) {
        let size = (words as usize).saturating_mul(2);
        let Some(r) = d.get(pos..pos + size).filter(|_| size >= 6) else { break };
        // Where the packed bitmap starts (MS-WMF 2.3.1): DIBBITBLT and DIBSTRETCHBLT when they carry
        // one, STRETCHDIB and DIBCREATEPATTERNBRUSH, with DIB_RGB_COLORS only (palette indices need
        // the palette of the moment).
        let at = match func {
            0x0000 => break,
            0x0940 if size != 24 => Some(22),
            0x0B41 if size != 28 => Some(26),
            0x0F43 if u16_at(r, 10) == Some(0) => Some(28),
            0x0F43 => {
                out.push(Err("a bitmap with palette indices for colours"));
                None
            }
            // DIBCREATEPATTERNBRUSH: Style, ColorUsage, bitmap (a BS_PATTERN brush's colours are RGB).
            0x0142 if u16_at(r, 8) == Some(0) || u16_at(r, 6) == Some(3) => Some(10),
            0x0142 => {
                out.push(Err("a pattern brush with palette indices for colours"));
                None
            }
            _ => None,
        };
        if let Some(dib) = at.and_then(|at| r.get(at..)) {
            out.push(match info_len(dib) {
                Some(len) if len <= dib.len() => picture(&dib[..len], &dib[len..]),
                _ => Err("a bitmap whose header does not parse"),
            });
        }
        pos += size;
    }
    out
}

/// The length of a packed bitmap's `BITMAPINFO`: its header, colour masks and colour table.
fn info_len(dib: &[u8]) -> Option<usize> {
    let header = u32_at(dib, 0)? as usize;
    if header == 12 {
        // BITMAPCOREHEADER: 3-byte colours, as many as the depth allows up to 8 bits.
        let bpp = u16_at(dib, 10)?;
        return Some(12 + if bpp <= 8 { 3 << bpp } else { 0 });
    }
    let bpp = u16_at(dib, 14)?;
    let compression = u32_at(dib, 16)?;
    let used = u32_at(dib, 32)? as usize;
    let masks = match (header, compression) {
        (40, BI_BITFIELDS) => 12,
        (40, BI_ALPHABITFIELDS) => 16,
        _ => 0,
    };
    let colours = if used > 0 {
        used.min(256)
    } else if bpp <= 8 {
        1 << bpp
    } else {
        0
    };
    Some(header + masks + 4 * colours)
}

/// A picture file of a bitmap: its JPEG or PNG, or a BMP of its `BITMAPINFO` and bits.
fn picture(info: &[u8], bits: &[u8]) -> Bitmap {
    if !u32_at(info, 0).is_some_and(|n| images::BMP_HEADER_SIZES.contains(&n) && n as usize <= info.len()) {
        return Err("a bitmap whose header does not parse");
    }
    let compression = if u32_at(info, 0) == Some(12) { Some(0) } else { u32_at(info, 16) };
    match compression {
        // Taken as they are, when they are what the header says.
        Some(BI_JPEG) if images::sniff(bits) == Some(ImageFormat::Jpeg) => Ok(bits.to_vec()),
        Some(BI_PNG) if images::sniff(bits) == Some(ImageFormat::Png) => Ok(bits.to_vec()),
        Some(BI_JPEG | BI_PNG) => Err("a bitmap marked as JPEG or PNG whose bytes are neither"),
        Some(_) => {
            let offset = 14 + info.len();
            let total = offset + bits.len();
            let mut bmp = Vec::with_capacity(total);
            bmp.extend_from_slice(b"BM");
            bmp.extend_from_slice(&(total as u32).to_le_bytes());
            bmp.extend_from_slice(&[0; 4]);
            bmp.extend_from_slice(&(offset as u32).to_le_bytes());
            bmp.extend_from_slice(info);
            bmp.extend_from_slice(bits);
            Ok(bmp)
        }
        None => Err("a bitmap whose header does not parse"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 2 × 1 24-bit BITMAPINFOHEADER and its one padded row.
    fn info() -> (Vec<u8>, Vec<u8>) {
        let mut h = vec![0u8; 40];
        h[0] = 40;
        h[4] = 2; // width
        h[8] = 1; // height
        h[12] = 1; // planes
        h[14] = 24; // bits per pixel
        (h, vec![0, 0, 0, 255, 255, 255, 0, 0])
    }

    #[test]
    fn a_bitmap_becomes_a_bmp_file_that_decodes() {
        let (h, bits) = info();
        let bmp = picture(&h, &bits).unwrap();
        let img = image::load_from_memory_with_format(&bmp, image::ImageFormat::Bmp).unwrap().to_rgb8();
        assert_eq!(img.as_raw(), &[0, 0, 0, 255, 255, 255]);
        // A packed bitmap (WMF) splits at the end of its info.
        let mut packed = h.clone();
        packed.extend(&bits);
        assert_eq!(info_len(&packed), Some(40));
        // An 8-bit one carries 256 colours unless it says fewer.
        let mut eight = h;
        eight[14] = 8;
        assert_eq!(info_len(&eight), Some(40 + 1024));
        eight[32] = 2;
        assert_eq!(info_len(&eight), Some(40 + 8));
    }
}
