//! Images: black out the pixels under a box, and drop metadata from embedded JPEGs.
//!
//! A box over a scanned page (its invisible OCR text removed) would otherwise leave the name in the
//! pixels underneath. Every image drawn where a box lies has the covered pixels set to zero in every
//! component (black in gray, RGB and CMYK-less spaces; the information is gone in any colour space).
//! Raw samples (after Flate, LZW, ASCII filters) of any bit depth are edited in place; JPEGs are
//! decoded with the `image` crate and written back as Flate-compressed samples. An image lak cannot
//! decode (JBIG2, CCITT, JPX, unusual colour spaces) or that is too large is replaced by one black
//! pixel stretched over its area: removed, not guessed at.
//!
//! An image drawn in several places is edited once, with the union of the areas under boxes in all of
//! its uses: a second, untouched copy would keep the pixels in the file.
//!
//! JPEG metadata: APP1 (EXIF, XMP), APP3–APP13, APP15, JFXX thumbnails, non-ICC APP2 (MPF holds
//! extra pictures) and comments are dropped from every DCT-encoded image, byte for byte, without
//! re-encoding.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::geom::{Matrix, overlaps};
use super::interpret::Layer;
use super::objects::{self, Budget};
use super::rewrite::PageBox;
use crate::limits;

/// A rectangle in image unit space (0..1 × 0..1, y up).
type Area = [f64; 4];

/// Images under boxes: the covered areas of each image XObject, and the inline images as (use, op).
pub(crate) struct Covered {
    pub xobjects: BTreeMap<ObjectId, Vec<Area>>,
    pub inline: Vec<(u32, u32)>,
}

/// Finds the images under boxes.
pub(crate) fn covered(layer: &Layer, boxes: &[PageBox]) -> Covered {
    let mut xobjects: BTreeMap<ObjectId, Vec<Area>> = BTreeMap::new();
    let mut inline = Vec::new();
    for img in &layer.images {
        let u = &layer.uses[img.use_id as usize];
        if u.detached {
            continue;
        }
        let quad = img.ctm.quad(0.0, 0.0, 1.0, 1.0).bbox();
        let Some(inv) = img.ctm.invert() else {
            continue;
        };
        for b in boxes.iter().filter(|b| b.page == u.page) {
            if !overlaps(quad, b.quad.bbox()) {
                continue;
            }
            match img.xobject {
                Some(id) => {
                    let area = unit_area(&inv, b);
                    xobjects.entry(id).or_default().push(area);
                }
                None => {
                    inline.push((img.use_id, img.op));
                    break;
                }
            }
        }
    }
    Covered { xobjects, inline }
}

fn unit_area(inv: &Matrix, b: &PageBox) -> Area {
    let mut a = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for &(x, y) in &b.quad.0 {
        let (u, v) = inv.apply(x, y);
        a = [a[0].min(u), a[1].min(v), a[2].max(u), a[3].max(v)];
    }
    [a[0].max(0.0), a[1].max(0.0), a[2].min(1.0), a[3].min(1.0)]
}

/// Blacks out `areas` of the image `id`. Returns a line for the report.
pub(crate) fn blacken(doc: &mut Document, id: ObjectId, areas: &[Area], budget: &Budget) -> String {
    let Some(Object::Stream(s)) = doc.objects.get(&id) else {
        return String::new();
    };
    // The soft mask (alpha) of an image can carry a shape on its own (a signature on a transparent
    // background): it is edited with the same areas, or made fully transparent.
    let smask = s.dict.get(b"SMask").ok().and_then(objects::ref_id);
    if let Some(mid) = smask
        && let Some(Object::Stream(m)) = doc.objects.get(&mid)
    {
        let edited = edit_pixels(doc, m, areas, budget).unwrap_or_else(|| black_pixel(false));
        doc.objects.insert(mid, Object::Stream(edited));
    }
    let Some(Object::Stream(s)) = doc.objects.get(&id) else {
        return String::new();
    };
    match edit_pixels(doc, s, areas, budget) {
        Some(new) => {
            doc.objects.insert(id, Object::Stream(new));
            format!("image (object {}): pixels under a box blacked out", id.0)
        }
        None => {
            let mask = matches!(objects::get(doc, &s.dict, b"ImageMask"), Some(Object::Boolean(true)));
            doc.objects.insert(id, Object::Stream(black_pixel(mask)));
            format!("image (object {}): under a box and not editable by lak, replaced by black", id.0)
        }
    }
}

fn black_pixel(mask: bool) -> Stream {
    let mut d = Dictionary::new();
    d.set("Type", Object::Name(b"XObject".to_vec()));
    d.set("Subtype", Object::Name(b"Image".to_vec()));
    d.set("Width", 1);
    d.set("Height", 1);
    if mask {
        d.set("ImageMask", true);
        d.set("BitsPerComponent", 1);
        Stream::new(d, vec![0])
    } else {
        d.set("ColorSpace", Object::Name(b"DeviceGray".to_vec()));
        d.set("BitsPerComponent", 8);
        Stream::new(d, vec![0])
    }
}

fn components(doc: &Document, cs: Option<&Object>) -> Option<usize> {
    let cs = cs?;
    let n = |name: &[u8]| -> Option<usize> {
        Some(match name {
            b"DeviceGray" | b"CalGray" | b"G" | b"Indexed" | b"I" | b"Separation" | b"Pattern" => 1,
            b"DeviceRGB" | b"CalRGB" | b"RGB" | b"Lab" => 3,
            b"DeviceCMYK" | b"CMYK" => 4,
            _ => return None,
        })
    };
    match objects::deref(doc, cs)? {
        Object::Name(name) => n(name),
        Object::Array(a) => match a.first().and_then(|o| objects::deref(doc, o)) {
            Some(Object::Name(name)) if name == b"ICCBased" => {
                let s = a.get(1).and_then(|o| objects::as_dict(doc, o))?;
                objects::get_number(doc, s, b"N").map(|v| v as usize)
            }
            Some(Object::Name(name)) if name == b"DeviceN" => match a.get(1).and_then(|o| objects::deref(doc, o)) {
                Some(Object::Array(names)) => Some(names.len()),
                _ => None,
            },
            Some(Object::Name(name)) => n(name),
            _ => None,
        },
        _ => None,
    }
}

fn edit_pixels(doc: &Document, s: &Stream, areas: &[Area], budget: &Budget) -> Option<Stream> {
    let w = objects::get_number(doc, &s.dict, b"Width")? as u64;
    let h = objects::get_number(doc, &s.dict, b"Height")? as u64;
    if w == 0 || h == 0 || w * h > limits::PDF_MAX_IMAGE_PIXELS {
        return None;
    }
    let filters: Vec<Vec<u8>> = match objects::get(doc, &s.dict, b"Filter") {
        None => Vec::new(),
        Some(Object::Name(n)) => vec![n.clone()],
        Some(Object::Array(a)) => a
            .iter()
            .map(|o| match objects::deref(doc, o) {
                Some(Object::Name(n)) => Some(n.clone()),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()?,
        _ => return None,
    };
    let mut dict = s.dict.clone();
    for k in [&b"Filter"[..], b"DecodeParms", b"Length", b"SMaskInData"] {
        dict.remove(k);
    }
    let (mut data, ncomp, bpc) = if filters.last().map(Vec::as_slice) == Some(b"DCTDecode") && filters.len() == 1 {
        let img = image::load_from_memory_with_format(&s.content, image::ImageFormat::Jpeg).ok()?;
        if u64::from(img.width()) != w || u64::from(img.height()) != h {
            return None;
        }
        let (data, ncomp, cs) = match img.color() {
            image::ColorType::L8 | image::ColorType::L16 => (img.to_luma8().into_raw(), 1, "DeviceGray"),
            _ => (img.to_rgb8().into_raw(), 3, "DeviceRGB"),
        };
        dict.set("ColorSpace", Object::Name(cs.as_bytes().to_vec()));
        dict.set("BitsPerComponent", 8);
        dict.remove(b"Decode");
        (data, ncomp, 8u64)
    } else {
        let decodable = filters.iter().all(|f| {
            matches!(
                f.as_slice(),
                b"FlateDecode" | b"Fl" | b"LZWDecode" | b"LZW" | b"ASCIIHexDecode" | b"AHx" | b"ASCII85Decode" | b"A85"
            )
        });
        if !decodable {
            return None;
        }
        let data = budget.decode(s).ok()?;
        let mask = matches!(objects::get(doc, &s.dict, b"ImageMask"), Some(Object::Boolean(true)));
        let (ncomp, bpc) = if mask {
            (1, 1)
        } else {
            (
                components(doc, s.dict.get(b"ColorSpace").ok())?,
                objects::get_number(doc, &s.dict, b"BitsPerComponent")? as u64,
            )
        };
        if !matches!(bpc, 1 | 2 | 4 | 8 | 16) {
            return None;
        }
        (data, ncomp, bpc)
    };
    let row_bytes = (w * ncomp as u64 * bpc).div_ceil(8);
    if (data.len() as u64) < row_bytes * h {
        return None;
    }
    for a in areas {
        // Unit space has y up; image rows run top down. Widen by a pixel: edges must not survive.
        let x0 = ((a[0] * w as f64).floor() as i64 - 1).max(0) as u64;
        let x1 = ((a[2] * w as f64).ceil() as i64 + 1).min(w as i64) as u64;
        let r0 = (((1.0 - a[3]) * h as f64).floor() as i64 - 1).max(0) as u64;
        let r1 = (((1.0 - a[1]) * h as f64).ceil() as i64 + 1).min(h as i64) as u64;
        for r in r0..r1 {
            let base = r * row_bytes * 8;
            let b0 = base + x0 * ncomp as u64 * bpc;
            let b1 = base + x1 * ncomp as u64 * bpc;
            clear_bits(&mut data, b0, b1);
        }
    }
    let mut out = Stream::new(dict, data);
    let _ = out.compress();
    Some(out)
}

/// Sets bits `from..to` (bit 0 is the most significant bit of byte 0) to zero.
fn clear_bits(data: &mut [u8], from: u64, to: u64) {
    let mut bit = from;
    while bit < to {
        let byte = (bit / 8) as usize;
        if byte >= data.len() {
            return;
        }
        if bit.is_multiple_of(8) && to - bit >= 8 {
            data[byte] = 0;
            bit += 8;
        } else {
            data[byte] &= !(0x80u8 >> (bit % 8));
            bit += 1;
        }
    }
}

/// Drops metadata segments from a JPEG; `None` when there is nothing to drop or it is not a JPEG.
pub(crate) fn strip_jpeg(data: &[u8]) -> Option<Vec<u8>> {
    if !data.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut out = Vec::with_capacity(data.len());
    out.extend_from_slice(&data[..2]);
    let mut i = 2;
    let mut dropped = false;
    while i + 1 < data.len() {
        if data[i] != 0xFF {
            return None;
        }
        let m = data[i + 1];
        if m == 0xFF {
            i += 1;
            continue;
        }
        if m == 0xDA || m == 0xD9 {
            out.extend_from_slice(&data[i..]);
            return dropped.then_some(out);
        }
        if (0xD0..=0xD7).contains(&m) || m == 0x01 {
            out.extend_from_slice(&data[i..i + 2]);
            i += 2;
            continue;
        }
        if i + 4 > data.len() {
            return None;
        }
        let len = usize::from(u16::from_be_bytes([data[i + 2], data[i + 3]]));
        let end = i + 2 + len;
        if len < 2 || end > data.len() {
            return None;
        }
        let body = &data[i + 4..end];
        let keep = match m {
            0xE0 => body.starts_with(b"JFIF\0"),
            0xE2 => body.starts_with(b"ICC_PROFILE\0"),
            0xEE => true,
            0xE1 | 0xE3..=0xED | 0xEF | 0xFE => false,
            _ => true,
        };
        if keep {
            out.extend_from_slice(&data[i..end]);
        } else {
            dropped = true;
        }
        i = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_clear_across_bytes() {
        let mut d = vec![0xFF; 3];
        clear_bits(&mut d, 4, 20);
        assert_eq!(d, vec![0xF0, 0x00, 0x0F]);
    }

    #[test]
    fn jpeg_metadata_segments_go_image_data_stays() {
        let mut j = vec![0xFF, 0xD8];
        j.extend_from_slice(&[0xFF, 0xE0, 0, 7, b'J', b'F', b'I', b'F', 0]);
        j.extend_from_slice(&[0xFF, 0xE1, 0, 8, b'E', b'x', b'i', b'f', 0, 0]);
        j.extend_from_slice(&[0xFF, 0xFE, 0, 5, b'J', b'a', b'n']);
        j.extend_from_slice(&[0xFF, 0xDA, 0, 2, 1, 2, 3, 0xFF, 0xD9]);
        let s = strip_jpeg(&j).unwrap();
        assert!(!s.windows(4).any(|w| w == b"Exif"));
        assert!(!s.windows(3).any(|w| w == b"Jan"));
        assert!(s.windows(4).any(|w| w == b"JFIF"));
        assert!(s.ends_with(&[0xFF, 0xDA, 0, 2, 1, 2, 3, 0xFF, 0xD9]));
        assert_eq!(strip_jpeg(&s), None);
    }
}
