//! Scanned pages: pages whose only visible content is images, read by OCR and redacted in the pixels.
//!
//! A page is scanned when it draws images and no glyph a reader sees: a scan without a text layer, a
//! searchable scan (its OCR text invisible, render mode 3), and lak's own output of either read back
//! (its labels are white text on black boxes). The text a page carries is read as always; OCR adds
//! what the pixels show, so a searchable scan is checked on both and redacted on the union.
//!
//! ```text
//!  image XObject ─► decode once (JPEG, or raw samples after Flate/LZW/ASCII filters; 8-bit grey or RGB,
//!                   1-bit grey or a stencil mask) ─► grey pixels ─► Tesseract (PNM on stdin, the dpi
//!                   the image is drawn at) ─► media/ocr_text.rs: drop words on black, judge, lay out
//!  findings ─► word boxes per OCR line, widened ─► filled black in the pixels; image encoded anew
//!           ─► the same boxes through the image's matrix to page space: labelled boxes, and the glyphs
//!              of an invisible text layer under them removed
//! ```
//!
//! An image shown on several pages is read once; its boxes are drawn at every use on a scanned page.
//! Images smaller than [`MIN_SIDE`] pixels on a side are not read (no text fits), nor are blank ones
//! ([`ocr_text::is_blank`]). What lak cannot decode (CCITT, JBIG2, JPEG 2000, CMYK, palettes, an
//! image under a soft mask, an inline image) is not guessed at: the page is refused as before
//! (`pdf_image_only`), with the reason.

use image::{GrayImage, ImageFormat, Luma, Rgb, RgbImage};
use lopdf::{Dictionary, Document as LoDocument, Object, ObjectId, Stream};
use rayon::prelude::*;

use super::geom::{Matrix, Quad};
use super::interpret::Layer;
use super::objects;
use crate::formats::media::ocr_text::{self, Layout, Pixels, Verdict};
use crate::limits;
use crate::ocr::Engine;

/// Images with fewer pixels than this on either side are not read: no line of text fits (Tesseract
/// needs letters of about 10 pixels).
pub(crate) const MIN_SIDE: u32 = 16;

/// Quality of the JPEG a redacted JPEG image is encoded anew with.
const JPEG_QUALITY: u8 = 80;

/// How an image's samples are stored: what it is encoded back into once redacted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Codec {
    Jpeg,
    /// Raw samples, Flate-compressed once written: 8-bit grey or RGB, or 1-bit (`mask`: a stencil
    /// mask, whose samples paint where 0).
    Raw {
        bits: u8,
        mask: bool,
    },
}

/// An image on scanned pages, as OCR read it.
pub(crate) struct ScanImage {
    pub id: ObjectId,
    /// Its uses on scanned pages: the 0-based page and the matrix from the unit square to the page.
    pub uses: Vec<(u32, Matrix)>,
    pub width: u32,
    pub height: u32,
    pub layout: Layout,
}

impl ScanImage {
    /// Pixel box `b` (left, top, right, bottom) as drawn by use `ctm`.
    pub fn quad(&self, ctm: &Matrix, b: [u32; 4]) -> Quad {
        let (w, h) = (f64::from(self.width), f64::from(self.height));
        let u = |x: u32| f64::from(x) / w;
        let v = |y: u32| 1.0 - f64::from(y) / h;
        ctm.quad(u(b[0]), v(b[3]), u(b[2]), v(b[1]))
    }

    /// Area `a` of the unit square (x0, y0, x1, y1; y up) as a pixel box, a pixel wider each way.
    pub fn pixel_box(&self, a: [f64; 4]) -> [u32; 4] {
        let (w, h) = (f64::from(self.width), f64::from(self.height));
        let clip = |v: f64, max: f64| v.clamp(0.0, max) as u32;
        [
            clip((a[0] * w).floor() - 1.0, w),
            clip(((1.0 - a[3]) * h).floor() - 1.0, h),
            clip((a[2] * w).ceil() + 1.0, w),
            clip(((1.0 - a[1]) * h).ceil() + 1.0, h),
        ]
    }
}

/// What OCR made of the scanned pages of a document.
#[derive(Default)]
pub(crate) struct Scans {
    pub images: Vec<ScanImage>,
    /// The document's OCR units in order: (image, unit of its layout).
    pub units: Vec<(usize, usize)>,
    /// 1-based pages lak could not read, each kind with its pages: an image it cannot decode, a
    /// reading too unsure, no text where the pixels show something.
    pub undecodable: Vec<(u32, String)>,
    pub unsure: Vec<(u32, String)>,
    pub without_text: Vec<u32>,
    /// Pages read, and how many images were passed over as too small or blank.
    pub read: Vec<u32>,
    pub small: usize,
    pub blank: usize,
}

/// The 0-based pages that are scanned: images and no glyph a reader sees.
pub(crate) fn scanned_pages(layer: &Layer) -> Vec<u32> {
    (0..layer.pages.len() as u32)
        .filter(|&p| {
            let info = &layer.pages[p as usize];
            info.images > 0 && info.shown == 0
        })
        .collect()
}

/// Reads the images of `pages` (0-based) with `engine`, in parallel across the rayon pool.
pub(crate) fn read(doc: &LoDocument, layer: &Layer, pages: &[u32], engine: &Engine) -> Scans {
    let mut scans = Scans::default();
    let mut by_id: Vec<(ObjectId, Vec<(u32, Matrix)>)> = Vec::new();
    for img in &layer.images {
        let u = &layer.uses[img.use_id as usize];
        if u.detached || !pages.contains(&u.page) {
            continue;
        }
        let Some(id) = img.xobject else {
            scans.undecodable.push((u.page + 1, "an inline image, which lak does not read with OCR".into()));
            continue;
        };
        match by_id.iter_mut().find(|(i, _)| *i == id) {
            Some((_, uses)) => uses.push((u.page, img.ctm)),
            None => by_id.push((id, vec![(u.page, img.ctm)])),
        }
    }
    let results: Vec<Result<Outcome, String>> =
        by_id.par_iter().map(|(id, uses)| read_image(doc, *id, &uses[0].1, engine)).collect();
    for ((id, uses), result) in by_id.into_iter().zip(results) {
        let mut pages: Vec<u32> = uses.iter().map(|(p, _)| p + 1).collect();
        pages.sort_unstable();
        pages.dedup();
        match result {
            Err(why) => scans.undecodable.extend(pages.iter().map(|&p| (p, why.clone()))),
            Ok(Outcome::Small) => scans.small += 1,
            Ok(Outcome::Blank) => {
                scans.blank += 1;
                scans.read.extend(&pages);
            }
            Ok(Outcome::Read { width, height, words, verdict }) => {
                match verdict {
                    Verdict::Readable => {}
                    Verdict::NoText => scans.without_text.extend(&pages),
                    Verdict::Unsure { .. } => {
                        let why = verdict.why().unwrap_or_default();
                        scans.unsure.extend(pages.iter().map(|&p| (p, why.clone())));
                    }
                }
                scans.read.extend(&pages);
                let layout = Layout::new(&words);
                let n = scans.images.len();
                scans.units.extend((0..layout.units.len()).map(|u| (n, u)));
                scans.images.push(ScanImage { id, uses, width, height, layout });
            }
        }
    }
    for list in [&mut scans.without_text, &mut scans.read] {
        list.sort_unstable();
        list.dedup();
    }
    scans.undecodable.sort();
    scans.undecodable.dedup();
    scans.unsure.sort_by_key(|u| u.0);
    scans.unsure.dedup_by_key(|u| u.0);
    scans
}

/// What came of reading one image.
enum Outcome {
    /// Too small to hold text ([`MIN_SIDE`]).
    Small,
    /// Nothing on it ([`ocr_text::is_blank`]).
    Blank,
    Read {
        width: u32,
        height: u32,
        words: Vec<crate::ocr::Word>,
        verdict: Verdict,
    },
}

/// Decodes and OCRs one image, drawn (first) with `ctm`.
fn read_image(doc: &LoDocument, id: ObjectId, ctm: &Matrix, engine: &Engine) -> Result<Outcome, String> {
    let Some(Object::Stream(s)) = doc.objects.get(&id) else {
        return Err(format!("image object {} is missing", id.0));
    };
    let w = objects::get_number(doc, &s.dict, b"Width").unwrap_or(0.0);
    let h = objects::get_number(doc, &s.dict, b"Height").unwrap_or(0.0);
    if w < f64::from(MIN_SIDE) || h < f64::from(MIN_SIDE) {
        return Ok(Outcome::Small);
    }
    let (pixels, _) = decode(doc, s)?;
    let grey = match pixels {
        Pixels::Grey(g) => g,
        Pixels::Colour(c) => image::DynamicImage::ImageRgb8(c).to_luma8(),
    };
    if ocr_text::is_blank(&grey) {
        return Ok(Outcome::Blank);
    }
    // The resolution the image is drawn at, from its width on the page.
    let (ux, uy) = ctm.apply_vec(1.0, 0.0);
    let inches = (ux * ux + uy * uy).sqrt() / 72.0;
    let dpi = (inches > 0.01).then(|| (f64::from(grey.width()) / inches).round() as u32);
    let mut words = engine.read_at(&ocr_text::pgm(&grey), dpi)?;
    let mut verdict = ocr_text::judge(&mut words, &grey);
    // A page scanned on its side is read turned; its boxes come back in the image as it is stored.
    if verdict != Verdict::Readable
        && let Some((turned, _)) = ocr_text::read_turned(engine, &grey, dpi)
    {
        (words, verdict) = (turned, Verdict::Readable);
    }
    Ok(Outcome::Read { width: grey.width(), height: grey.height(), words, verdict })
}

/// The number of colour components of `cs` when it is grey (1) or RGB (3), the only spaces lak reads
/// scans in.
fn grey_or_rgb(doc: &LoDocument, cs: Option<&Object>) -> Option<u8> {
    let named = |n: &[u8]| match n {
        b"DeviceGray" | b"CalGray" | b"G" => Some(1),
        b"DeviceRGB" | b"CalRGB" | b"RGB" => Some(3),
        _ => None,
    };
    match objects::deref(doc, cs?)? {
        Object::Name(n) => named(n),
        Object::Array(a) => match a.first().and_then(|o| objects::deref(doc, o)) {
            Some(Object::Name(n)) if n == b"ICCBased" => {
                let s = a.get(1).and_then(|o| objects::as_dict(doc, o))?;
                match objects::get_number(doc, s, b"N")? as u8 {
                    n @ (1 | 3) => Some(n),
                    _ => None,
                }
            }
            Some(Object::Name(n)) if a.len() == 2 => named(n),
            _ => None,
        },
        _ => None,
    }
}

/// Whether the image's `/Decode` array inverts its samples: `Some(false)` for none or the default,
/// `Some(true)` for `[1 0]` on one component, `None` for anything else.
fn inverted(doc: &LoDocument, d: &Dictionary, comps: u8) -> Option<bool> {
    let Some(arr) = objects::get_array(doc, d, b"Decode") else { return Some(false) };
    let v: Vec<f64> = arr.iter().map(|o| objects::num(doc, o)).collect::<Option<_>>()?;
    let default: Vec<f64> = (0..comps).flat_map(|_| [0.0, 1.0]).collect();
    if v == default {
        Some(false)
    } else if comps == 1 && v == [1.0, 0.0] {
        Some(true)
    } else {
        None
    }
}

/// The image's pixels and how they were stored; `Err` says why lak cannot read them.
fn decode(doc: &LoDocument, s: &Stream) -> Result<(Pixels, Codec), String> {
    let num = |k: &[u8]| objects::get_number(doc, &s.dict, k).filter(|v| *v >= 1.0 && v.fract() == 0.0);
    let (Some(w), Some(h)) = (num(b"Width"), num(b"Height")) else {
        return Err("an image without a usable size".into());
    };
    if w * h > limits::PDF_MAX_IMAGE_PIXELS as f64 {
        return Err(format!("an image of more than {} pixels", limits::PDF_MAX_IMAGE_PIXELS));
    }
    let (w, h) = (w as u32, h as u32);
    if s.dict.has(b"SMask") || s.dict.has(b"Mask") || s.dict.has(b"SMaskInData") {
        return Err("an image under a mask, which lak does not read with OCR".into());
    }
    let filters = objects::filter_names(s);
    let mask = matches!(objects::get(doc, &s.dict, b"ImageMask"), Some(Object::Boolean(true)));
    if filters == [&b"DCTDecode"[..]] {
        let comps = grey_or_rgb(doc, s.dict.get(b"ColorSpace").ok())
            .ok_or("a JPEG image in a colour space other than grey or RGB")?;
        if mask || inverted(doc, &s.dict, comps) != Some(false) {
            return Err("a JPEG image with a /Decode array".into());
        }
        let mut reader = image::ImageReader::with_format(std::io::Cursor::new(&s.content), ImageFormat::Jpeg);
        let mut bounds = image::Limits::default();
        bounds.max_alloc = Some(limits::PDF_MAX_IMAGE_PIXELS * 4);
        reader.limits(bounds);
        let img = reader.decode().map_err(|e| format!("a JPEG image that does not decode ({e})"))?;
        if (img.width(), img.height()) != (w, h) {
            return Err("a JPEG image whose size is not the one its dictionary gives".into());
        }
        let pixels = match (img.color(), comps) {
            (image::ColorType::L8, 1) => Pixels::Grey(img.to_luma8()),
            (image::ColorType::Rgb8, 3) => Pixels::Colour(img.to_rgb8()),
            _ => return Err("a JPEG image whose components do not match its colour space".into()),
        };
        return Ok((pixels, Codec::Jpeg));
    }
    let raw = filters.iter().all(|f| {
        matches!(
            *f,
            b"FlateDecode" | b"Fl" | b"LZWDecode" | b"LZW" | b"ASCIIHexDecode" | b"AHx" | b"ASCII85Decode" | b"A85"
        )
    });
    if !raw {
        let names: Vec<String> = filters.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect();
        return Err(format!("an image compressed with {}, which lak does not decode", names.join(" + ")));
    }
    let (comps, bits) = if mask {
        (1, 1)
    } else {
        let comps = grey_or_rgb(doc, s.dict.get(b"ColorSpace").ok())
            .ok_or("an image in a colour space other than grey or RGB")?;
        let bits = objects::get_number(doc, &s.dict, b"BitsPerComponent").unwrap_or(0.0) as u8;
        match (comps, bits) {
            (1, 1 | 8) | (3, 8) => (comps, bits),
            _ => return Err(format!("an image of {bits} bits per component, which lak does not read with OCR")),
        }
    };
    let invert = inverted(doc, &s.dict, comps).ok_or("an image with an unusual /Decode array")?;
    let data = super::filters::decode(s, limits::PDF_MAX_STREAM_BYTES)
        .map_err(|_| "an image whose samples do not decode with their filters".to_string())?;
    let row = (w as usize * comps as usize * bits as usize).div_ceil(8);
    if data.len() < row * h as usize {
        return Err("an image with fewer samples than its size needs".into());
    }
    let pixels = if bits == 1 {
        // A stencil mask paints where its sample is 0 (1 with `[1 0]`); a grey image is black at 0.
        let dark_bit = u8::from(mask && invert);
        let flip = !mask && invert;
        Pixels::Grey(GrayImage::from_fn(w, h, |x, y| {
            let byte = data[y as usize * row + x as usize / 8];
            let bit = (byte >> (7 - x % 8)) & 1;
            let black = if mask { bit == dark_bit } else { (bit == 0) != flip };
            Luma([if black { 0 } else { 255 }])
        }))
    } else if comps == 1 {
        Pixels::Grey(GrayImage::from_fn(w, h, |x, y| {
            let v = data[y as usize * row + x as usize];
            Luma([if invert { 255 - v } else { v }])
        }))
    } else {
        Pixels::Colour(RgbImage::from_fn(w, h, |x, y| {
            let i = y as usize * row + 3 * x as usize;
            Rgb([data[i], data[i + 1], data[i + 2]])
        }))
    };
    Ok((pixels, Codec::Raw { bits, mask }))
}

/// Fills `boxes` (pixel boxes: left, top, right, bottom) of image `id` black and writes the image
/// anew: a JPEG as a new JPEG, raw samples as Flate-compressed samples of the same depth; nothing of
/// its old dictionary but what draws it (no metadata). Returns a line for the report.
pub(crate) fn redact(doc: &mut LoDocument, id: ObjectId, boxes: &[[u32; 4]]) -> Result<String, String> {
    let Some(Object::Stream(s)) = doc.objects.get(&id) else {
        return Err(format!("image object {} is missing", id.0));
    };
    let (mut pixels, codec) = decode(doc, s)?;
    pixels.fill(boxes);
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XObject".to_vec()));
    dict.set("Subtype", Object::Name(b"Image".to_vec()));
    for key in [&b"Interpolate"[..], b"Intent", b"StructParent"] {
        if let Ok(v) = s.dict.get(key) {
            dict.set(key, v.clone());
        }
    }
    let (w, h) = match &pixels {
        Pixels::Grey(g) => g.dimensions(),
        Pixels::Colour(c) => c.dimensions(),
    };
    dict.set("Width", i64::from(w));
    dict.set("Height", i64::from(h));
    let space = if matches!(pixels, Pixels::Grey(_)) { &b"DeviceGray"[..] } else { b"DeviceRGB" };
    let stream = match codec {
        Codec::Jpeg => {
            let mut out = Vec::new();
            let mut enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
            let written = match &pixels {
                Pixels::Grey(g) => enc.encode_image(g),
                Pixels::Colour(c) => enc.encode_image(c),
            };
            written.map_err(|e| format!("the redacted image could not be encoded ({e})"))?;
            dict.set("ColorSpace", Object::Name(space.to_vec()));
            dict.set("BitsPerComponent", 8);
            dict.set("Filter", Object::Name(b"DCTDecode".to_vec()));
            Stream::new(dict, out)
        }
        Codec::Raw { bits, mask } => {
            let data = match &pixels {
                Pixels::Grey(g) if bits == 1 => {
                    // Bit 1 is white in a grey image, and where a stencil mask leaves the page alone.
                    let row = (w as usize).div_ceil(8);
                    let mut out = vec![0u8; row * h as usize];
                    for (x, y, p) in g.enumerate_pixels() {
                        if p.0[0] >= 128 {
                            out[y as usize * row + x as usize / 8] |= 0x80 >> (x % 8);
                        }
                    }
                    out
                }
                Pixels::Grey(g) => g.as_raw().clone(),
                Pixels::Colour(c) => c.as_raw().clone(),
            };
            if mask {
                dict.set("ImageMask", true);
            } else {
                dict.set("ColorSpace", Object::Name(space.to_vec()));
            }
            dict.set("BitsPerComponent", i64::from(bits));
            let mut s = Stream::new(dict, data);
            s.compress().map_err(|e| format!("the redacted image could not be compressed ({e})"))?;
            s
        }
    };
    doc.objects.insert(id, Object::Stream(stream));
    Ok(format!("scanned image (object {}): OCR boxes blacked out in its pixels, image encoded anew", id.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn image(dict: Dictionary, data: Vec<u8>) -> (LoDocument, ObjectId) {
        let mut doc = LoDocument::with_version("1.7");
        let id = doc.add_object(Stream::new(dict, data));
        (doc, id)
    }

    #[test]
    fn raw_grey_and_bilevel_images_decode_and_come_back_with_boxes_filled() {
        let grey = dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 4, "Height" => 2,
        "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8, "Metadata" => "x" };
        let (mut doc, id) = image(grey, vec![200; 8]);
        redact(&mut doc, id, &[[1, 0, 3, 1]]).unwrap();
        let s = doc.get_object(id).unwrap().as_stream().unwrap();
        assert!(!s.dict.has(b"Metadata"));
        let (Pixels::Grey(g), Codec::Raw { bits: 8, mask: false }) = decode(&doc, s).unwrap() else { panic!() };
        assert_eq!(g.as_raw(), &[200, 0, 0, 200, 200, 200, 200, 200]);

        // A stencil mask painting where 0: a box paints too.
        let mask = dictionary! { "Subtype" => "Image", "Width" => 8, "Height" => 1, "ImageMask" => true };
        let (mut doc, id) = image(mask, vec![0b1111_0000]);
        let (Pixels::Grey(g), _) = decode(&doc, doc.get_object(id).unwrap().as_stream().unwrap()).unwrap() else {
            panic!()
        };
        assert_eq!(g.as_raw(), &[255, 255, 255, 255, 0, 0, 0, 0]);
        redact(&mut doc, id, &[[0, 0, 2, 1]]).unwrap();
        let s = doc.get_object(id).unwrap().as_stream().unwrap();
        assert_eq!(super::super::filters::decode(s, 100).unwrap(), vec![0b0011_0000]);
    }

    #[test]
    fn what_lak_cannot_decode_is_refused_with_the_reason() {
        let fax = dictionary! { "Subtype" => "Image", "Width" => 100, "Height" => 100,
        "ColorSpace" => "DeviceGray", "BitsPerComponent" => 1, "Filter" => "CCITTFaxDecode" };
        let (doc, id) = image(fax, vec![0; 10]);
        let err = decode(&doc, doc.get_object(id).unwrap().as_stream().unwrap()).err().unwrap();
        assert!(err.contains("CCITTFaxDecode"), "{err}");
        let indexed = dictionary! { "Subtype" => "Image", "Width" => 2, "Height" => 2,
        "ColorSpace" => vec![Object::Name(b"Indexed".to_vec())], "BitsPerComponent" => 8 };
        let (doc, id) = image(indexed, vec![0; 4]);
        assert!(decode(&doc, doc.get_object(id).unwrap().as_stream().unwrap()).is_err());
    }

    #[test]
    fn pixel_boxes_map_through_the_image_matrix() {
        let img = ScanImage { id: (1, 0), uses: vec![], width: 100, height: 200, layout: Layout::default() };
        // Drawn over 50 × 100 points at (10, 20).
        let ctm = Matrix::new(50.0, 0.0, 0.0, 100.0, 10.0, 20.0);
        let b = img.quad(&ctm, [0, 0, 100, 20]).bbox();
        assert_eq!(b, [10.0, 110.0, 60.0, 120.0]);
        assert_eq!(img.pixel_box([0.0, 0.9, 1.0, 1.0]), [0, 0, 100, 21]);
    }
}
