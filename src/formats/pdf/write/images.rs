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
//! JPEG metadata: every JPEG (`/DCTDecode`, also after other filters) is walked segment by segment,
//! through its scans, and only what decoding needs is kept (see [`strip_jpeg`]): EXIF, XMP, ICC
//! profiles, comments, thumbnails, unknown segments and bytes after the end marker go, without
//! re-encoding the image. A JPEG that does not parse refuses the document. JPEG 2000 images lose their
//! XML, UUID and IPR boxes, the text of their ICC profile, comments and bytes after the codestream.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::rewrite::PageBox;
use crate::formats::pdf::geom::{Matrix, overlaps};
use crate::formats::pdf::read::objects::{self, Budget};
use crate::formats::pdf::text::interpret::Layer;
use crate::limits;
use crate::model::{Code, Manual};

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

/// A JPEG with nothing but what decoding needs (the shared primitive, [`crate::formats::media::jpeg`]).
/// `Err`: it does not parse as a JPEG, so lak cannot tell what it carries.
pub(crate) fn strip_jpeg(d: &[u8]) -> Result<Vec<u8>, String> {
    crate::formats::media::jpeg::strip(d).map_err(|why| format!("an embedded image: {why}"))
}

/// A JPEG 2000 image (`/JPXDecode`) with its metadata removed: XML, UUID (XMP) and IPR boxes, the text
/// of an embedded ICC profile, and comment (`COM`) segments in the codestream. `Ok(None)`: nothing to
/// remove. `Err`: a box or segment lak does not know, so it cannot tell what the file carries.
pub(crate) fn strip_jpx(data: &[u8]) -> Result<Option<Vec<u8>>, String> {
    const SIGNATURE: &[u8] = &[0, 0, 0, 12, b'j', b'P', b' ', b' ', 0x0D, 0x0A, 0x87, 0x0A];
    let out = if data.starts_with(SIGNATURE) {
        jp2_boxes(data, false)?
    } else if data.starts_with(&[0xFF, 0x4F]) {
        codestream(data)?
    } else {
        return Err("a JPEG 2000 image is neither a JP2 file nor a codestream".into());
    };
    Ok((out != data).then_some(out))
}

/// The boxes of a JP2 file (or of the `jp2h` superbox when `header`), metadata left out.
fn jp2_boxes(data: &[u8], header: bool) -> Result<Vec<u8>, String> {
    let bad = || "a JPEG 2000 image has a malformed box".to_string();
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let head = data.get(i..i + 8).ok_or_else(bad)?;
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as u64;
        let kind: [u8; 4] = [head[4], head[5], head[6], head[7]];
        let (body_at, end) = match len {
            0 => (i + 8, data.len()),
            1 => {
                let x = data.get(i + 8..i + 16).ok_or_else(bad)?;
                let xl = u64::from_be_bytes(x.try_into().map_err(|_| bad())?);
                (i + 16, usize::try_from(xl).ok().and_then(|l| i.checked_add(l)).ok_or_else(bad)?)
            }
            l => (i + 8, i.checked_add(l as usize).ok_or_else(bad)?),
        };
        if end > data.len() || end < body_at {
            return Err(bad());
        }
        let body = &data[body_at..end];
        let new_body: Option<Vec<u8>> = match (&kind, header) {
            (b"xml " | b"uuid" | b"uinf" | b"jp2i" | b"asoc" | b"lbl ", _) => None,
            (b"jP  " | b"ftyp" | b"rreq", false) => Some(body.to_vec()),
            (b"jp2h", false) => Some(jp2_boxes(body, true)?),
            (b"jp2c", false) => Some(codestream(body)?),
            (b"ihdr" | b"bpcc" | b"pclr" | b"cmap" | b"cdef" | b"res " | b"resc" | b"resd", true) => {
                Some(body.to_vec())
            }
            (b"colr", true) => Some(match body.first() {
                // Method 1: an enumerated colour space, seven bytes in all.
                Some(1) if body.len() == 7 => body.to_vec(),
                Some(2 | 3) if body.len() > 3 => {
                    let icc = super::normalise::icc(&body[3..])
                        .ok_or("a JPEG 2000 image has a colour profile lak cannot read")?;
                    [&body[..3], &icc[..]].concat()
                }
                _ => return Err("a JPEG 2000 image has a colour specification lak cannot read".into()),
            }),
            _ => {
                return Err(format!(
                    "a JPEG 2000 image has a box '{}' lak does not know",
                    String::from_utf8_lossy(&kind).trim()
                ));
            }
        };
        if let Some(b) = new_body {
            let total = b.len() + 8;
            if len == 0 {
                out.extend_from_slice(&0u32.to_be_bytes());
            } else {
                out.extend_from_slice(&u32::try_from(total).map_err(|_| bad())?.to_be_bytes());
            }
            out.extend_from_slice(&kind);
            out.extend_from_slice(&b);
        }
        i = end;
    }
    Ok(out)
}

/// A JPEG 2000 codestream without its comment segments (main and tile-part headers).
fn codestream(d: &[u8]) -> Result<Vec<u8>, String> {
    let bad = || "a JPEG 2000 codestream is malformed".to_string();
    let u16_at = |p: usize| d.get(p..p + 2).map(|s| u16::from_be_bytes([s[0], s[1]])).ok_or_else(bad);
    let u32_at = |p: usize| d.get(p..p + 4).map(|s| u32::from_be_bytes([s[0], s[1], s[2], s[3]])).ok_or_else(bad);
    if !d.starts_with(&[0xFF, 0x4F]) {
        return Err(bad());
    }
    let mut out = Vec::with_capacity(d.len());
    out.extend_from_slice(&d[..2]);
    let mut i = 2;
    // Marker segments up to `stop` (SOT in the main header, SOD in a tile-part header), COM left out.
    let segments = |mut i: usize, stop: u16, out: &mut Vec<u8>| -> Result<usize, String> {
        loop {
            let m = u16_at(i)?;
            if m == stop {
                return Ok(i);
            }
            if m & 0xFF00 != 0xFF00 || m == 0xFFD9 {
                return Err(bad());
            }
            let len = usize::from(u16_at(i + 2)?);
            let end = i + 2 + len;
            if len < 2 || end > d.len() {
                return Err(bad());
            }
            if m != 0xFF64 {
                out.extend_from_slice(&d[i..end]);
            }
            i = end;
        }
    };
    i = segments(i, 0xFF90, &mut out)?;
    // TLM lists every tile-part's length: one made shorter would no longer match it.
    let tlm = d[..i].windows(2).any(|w| w == [0xFF, 0x55]);
    loop {
        match u16_at(i)? {
            0xFF90 => {
                // SOT: Lsot, Isot, Psot (this tile-part's length from SOT, 0: to the end), TPsot, TNsot.
                let psot = u32_at(i + 6)? as usize;
                let tile_end = if psot == 0 {
                    d.len().checked_sub(2).filter(|&e| e >= i && d[e..] == [0xFF, 0xD9]).ok_or_else(bad)?
                } else {
                    i.checked_add(psot).filter(|&e| e <= d.len()).ok_or_else(bad)?
                };
                let sot_end = i + 2 + usize::from(u16_at(i + 2)?);
                if sot_end > tile_end {
                    return Err(bad());
                }
                let mut part = d[i..sot_end].to_vec();
                let sod = segments(sot_end, 0xFF93, &mut part)?;
                if tlm && part.len() != sod - i {
                    return Err("a JPEG 2000 codestream has comments in a tile-part indexed by TLM".into());
                }
                if sod > tile_end {
                    return Err(bad());
                }
                part.extend_from_slice(&d[sod..tile_end]);
                if psot != 0 {
                    let n = u32::try_from(part.len()).map_err(|_| bad())?;
                    part[6..10].copy_from_slice(&n.to_be_bytes());
                }
                out.extend_from_slice(&part);
                i = tile_end;
            }
            // The end of the codestream: whatever follows it is no part of the image.
            0xFFD9 => {
                out.extend_from_slice(&d[i..i + 2]);
                return Ok(out);
            }
            _ => return Err(bad()),
        }
    }
}

/// Strips every JPEG image (`/DCTDecode`, last in its filter chain) down to what decoding needs;
/// returns how many changed. Filters before `/DCTDecode` are decoded and dropped, so the JPEG's bytes
/// are what lak checked. A JPEG that does not parse, or whose outer filters cannot be decoded,
/// refuses the document: lak cannot see what it carries.
pub(crate) fn strip_jpegs(doc: &mut Document, budget: &Budget) -> Result<usize, Manual> {
    let mut n = 0;
    for (id, o) in doc.objects.iter_mut() {
        let Object::Stream(s) = o else { continue };
        let filters = objects::filter_names(s);
        if !filters.contains(&&b"DCTDecode"[..]) {
            continue;
        }
        let refuse = |why: String| Manual::new(Code::PdfUnsupported, format!("image object {}: {why}", id.0));
        if filters.last() != Some(&&b"DCTDecode"[..]) {
            return Err(refuse("a JPEG image under further filters, which lak does not read".into()));
        }
        let outer = filters.len() - 1;
        let jpeg = if outer == 0 {
            std::borrow::Cow::Borrowed(&s.content)
        } else {
            let mut inner = s.clone();
            let mut params = None;
            if let Ok(Object::Array(a)) = s.dict.get(b"Filter") {
                inner.dict.set("Filter", Object::Array(a[..outer].to_vec()));
            }
            if let Ok(Object::Array(p)) = s.dict.get(b"DecodeParms") {
                params = p.get(outer).cloned();
                inner.dict.set("DecodeParms", Object::Array(p.iter().take(outer).cloned().collect()));
            }
            let data = budget.decode(&inner).map_err(|m| refuse(m.reason))?;
            s.dict.set("Filter", Object::Name(b"DCTDecode".to_vec()));
            match params {
                Some(p @ Object::Dictionary(_)) => s.dict.set("DecodeParms", p),
                _ => {
                    s.dict.remove(b"DecodeParms");
                }
            }
            std::borrow::Cow::Owned(data)
        };
        let clean = strip_jpeg(&jpeg).map_err(refuse)?;
        if clean != *jpeg || outer > 0 {
            s.set_content(clean);
            n += 1;
        }
    }
    Ok(n)
}

/// Strips metadata from every JPEG 2000 image; returns how many were changed. A JPEG 2000 image that
/// cannot be parsed, or that is filtered further, refuses the document: its metadata cannot be seen.
pub(crate) fn strip_jpxs(doc: &mut Document) -> Result<usize, Manual> {
    let mut n = 0;
    for (id, o) in doc.objects.iter_mut() {
        let Object::Stream(s) = o else { continue };
        // Direct names only, since `objects::inline_filters` ran at open.
        let filters = objects::filter_names(s);
        if !filters.contains(&&b"JPXDecode"[..]) {
            continue;
        }
        let refuse = |why: String| Manual::new(Code::PdfUnsupported, format!("image object {}: {why}", id.0));
        if filters.len() != 1 {
            return Err(refuse("a JPEG 2000 image under further filters, which lak does not read".into()));
        }
        if let Some(clean) = strip_jpx(&s.content).map_err(refuse)? {
            s.set_content(clean);
            n += 1;
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jpx_loses_xml_boxes_and_comments() {
        // A codestream: SOC, SIZ-like segment, COM, SOT (Psot covers the tile-part), COM, SOD, data, EOC.
        let mut cs = vec![0xFF, 0x4F, 0xFF, 0x51, 0, 4, 1, 2, 0xFF, 0x64, 0, 6, 0, 1, b'J', b'o'];
        let tile = vec![0xFF, 0x90, 0, 10, 0, 0, 0, 0, 0, 22, 0, 1, 0xFF, 0x64, 0, 4, b'h', b'i', 0xFF, 0x93, 9, 9];
        cs.extend(&tile);
        cs.extend([0xFF, 0xD9]);
        let stripped = codestream(&cs).unwrap();
        assert_eq!(
            stripped,
            vec![
                0xFF, 0x4F, 0xFF, 0x51, 0, 4, 1, 2, 0xFF, 0x90, 0, 10, 0, 0, 0, 0, 0, 16, 0, 1, 0xFF, 0x93, 9, 9, 0xFF,
                0xD9
            ]
        );
        let mut jp2 = vec![0, 0, 0, 12, b'j', b'P', b' ', b' ', 0x0D, 0x0A, 0x87, 0x0A];
        jp2.extend([0, 0, 0, 12, b'f', b't', b'y', b'p', b'j', b'p', b'2', b' ']);
        jp2.extend([0, 0, 0, 12, b'x', b'm', b'l', b' ', b'J', b'a', b'n', b'!']);
        jp2.extend((8 + cs.len() as u32).to_be_bytes());
        jp2.extend(b"jp2c");
        jp2.extend(&cs);
        let out = strip_jpx(&jp2).unwrap().unwrap();
        assert!(!out.windows(3).any(|w| w == b"Jan"), "{out:?}");
        assert!(!out.windows(2).any(|w| w == b"Jo" || w == b"hi"));
        assert_eq!(&out[out.len() - stripped.len()..], &stripped[..]);
        // With TLM (tile-part lengths) in the main header, a tile-part cannot be made shorter.
        let mut indexed = vec![0xFF, 0x4F, 0xFF, 0x55, 0, 4, 0, 0];
        indexed.extend(&tile);
        indexed.extend([0xFF, 0xD9]);
        assert!(codestream(&indexed).is_err());
        assert!(strip_jpx(&jp2[..30]).is_err());
        // Bytes after the end of the codestream go.
        let mut trailing = cs.clone();
        trailing.extend_from_slice(b"BSN 111222333");
        assert_eq!(codestream(&trailing).unwrap(), stripped);
        // A method-1 colour specification is seven bytes; a longer one could carry anything.
        let colr = |body: &[u8]| {
            let mut b = (16 + body.len() as u32).to_be_bytes().to_vec();
            b.extend(b"jp2h");
            b.extend((8 + body.len() as u32).to_be_bytes());
            b.extend(b"colr");
            b.extend(body);
            jp2_boxes(&b, false)
        };
        assert!(colr(&[1, 0, 0, 0, 0, 0, 16]).is_ok());
        assert!(colr(b"\x01\0\0\0\0\0\x10BSN 111222333").is_err());
        jp2[28..32].copy_from_slice(b"abcd");
        assert!(strip_jpx(&jp2).is_err());
    }

    #[test]
    fn bits_clear_across_bytes() {
        let mut d = vec![0xFF; 3];
        clear_bits(&mut d, 4, 20);
        assert_eq!(d, vec![0xF0, 0x00, 0x0F]);
    }

    /// PDF images go through the shared JPEG primitive: what it keeps, they keep; what it refuses, they
    /// refuse.
    #[test]
    fn jpeg_images_are_stripped_by_the_shared_primitive() {
        let j = crate::formats::media::jpeg::tests::with_metadata();
        assert_eq!(strip_jpeg(&j).unwrap(), crate::formats::media::jpeg::strip(&j).unwrap());
        assert!(strip_jpeg(&j[..j.len() - 30]).is_err());
    }
}
