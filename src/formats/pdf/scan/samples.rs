//! The samples of PDF image XObjects: decoded to grey or RGB pixels for OCR (JPEG; raw samples after
//! Flate, LZW or ASCII filters at 1, 2, 4 or 8 bits, grey, RGB or a palette over either; stencil masks;
//! soft masks), and written back with boxes filled black. What lak cannot decode (CCITT, JBIG2,
//! JPEG 2000, CMYK, 16 bits, colour-key masks) is not guessed at: `Err` says why.

use image::{GrayImage, ImageFormat, Luma, Rgb, RgbImage};
use lopdf::{Dictionary, Document as LoDocument, Object, ObjectId, Stream};

use crate::formats::media::ocr_text::Pixels;
use crate::formats::pdf::read::objects;
use crate::limits;

/// Quality of the JPEG a redacted JPEG image is encoded anew with.
const JPEG_QUALITY: u8 = 80;

/// How an image's samples are stored: what it is encoded back into once redacted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Codec {
    Jpeg,
    /// Raw samples, Flate-compressed once written: 8-bit grey or RGB, or 1-bit (`mask`: a stencil
    /// mask, whose samples paint where 0).
    Raw {
        bits: u8,
        mask: bool,
    },
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

/// The image's pixels and how they were stored; `Err` says why lak cannot read them. A soft mask is
/// not applied here ([`soft_mask`]).
pub(crate) fn decode(doc: &LoDocument, s: &Stream) -> Result<(Pixels, Codec), String> {
    decode_samples(doc, s, false)
}

/// The image's soft mask (`/SMask`), when it has one: its object and its samples, which must be 8-bit
/// grey of the image's own size. A picture with transparency keeps its shapes there (black text on
/// nothing is a black image and a mask in the shape of the text), so OCR reads the image laid over
/// white through it, and a redaction fills the box in both.
pub(crate) fn soft_mask(
    doc: &LoDocument,
    s: &Stream,
    width: u32,
    height: u32,
) -> Result<Option<(ObjectId, GrayImage)>, String> {
    let Ok(o) = s.dict.get(b"SMask") else { return Ok(None) };
    let id = objects::ref_id(o).ok_or("a soft mask that is not an object of its own")?;
    let Some(Object::Stream(m)) = doc.objects.get(&id) else {
        return Err("a soft mask that is missing".into());
    };
    match decode_samples(doc, m, true)? {
        (Pixels::Grey(g), Codec::Raw { bits: 8, mask: false } | Codec::Jpeg) if g.dimensions() == (width, height) => {
            Ok(Some((id, g)))
        }
        (Pixels::Grey(g), _) if g.dimensions() != (width, height) => {
            Err("a soft mask of another size than its image".into())
        }
        _ => Err("a soft mask that is not 8-bit grey".into()),
    }
}

/// `pixels` laid over white through `mask` (255: the image, 0: white), as grey.
pub(crate) fn over_white(pixels: Pixels, mask: &GrayImage) -> GrayImage {
    let mut grey = match pixels {
        Pixels::Grey(g) => g,
        Pixels::Colour(c) => image::DynamicImage::ImageRgb8(c).to_luma8(),
    };
    for (p, a) in grey.pixels_mut().zip(mask.pixels()) {
        let (v, a) = (u32::from(p.0[0]), u32::from(a.0[0]));
        p.0[0] = ((v * a + 255 * (255 - a) + 127) / 255) as u8;
    }
    grey
}

/// A palette (`/Indexed`): the base space's components (grey or RGB), the highest index and the
/// colours, `comps` bytes each.
struct Palette {
    comps: u8,
    colours: Vec<u8>,
    /// The highest index it declares: a sample above it shows that colour, as in a viewer.
    hival: usize,
}

fn palette(doc: &LoDocument, cs: Option<&Object>) -> Result<Option<Palette>, String> {
    let Some(Object::Array(a)) = cs.and_then(|o| objects::deref(doc, o)) else { return Ok(None) };
    let Some(Object::Name(n)) = a.first().and_then(|o| objects::deref(doc, o)) else { return Ok(None) };
    if n != b"Indexed" && n != b"I" {
        return Ok(None);
    }
    let comps = grey_or_rgb(doc, a.get(1)).ok_or("a palette over a colour space other than grey or RGB")?;
    let hival = a.get(2).and_then(|o| objects::num(doc, o)).filter(|v| (0.0..=255.0).contains(v));
    let hival = hival.ok_or("a palette without a usable size")? as usize;
    let colours = match a.get(3).and_then(|o| objects::deref(doc, o)) {
        Some(Object::String(b, _)) => b.clone(),
        Some(Object::Stream(t)) => crate::formats::pdf::read::filters::decode(t, limits::PDF_MAX_STREAM_BYTES)
            .map_err(|_| "a palette whose table does not decode".to_string())?,
        _ => return Err("a palette without a table".into()),
    };
    if colours.len() < (hival + 1) * comps as usize {
        return Err("a palette table shorter than its size".into());
    }
    Ok(Some(Palette { comps, colours, hival }))
}

/// [`decode`]; `soft`: the stream is a soft mask, grey without saying so.
fn decode_samples(doc: &LoDocument, s: &Stream, soft: bool) -> Result<(Pixels, Codec), String> {
    let num = |k: &[u8]| objects::get_number(doc, &s.dict, k).filter(|v| *v >= 1.0 && v.fract() == 0.0);
    let (Some(w), Some(h)) = (num(b"Width"), num(b"Height")) else {
        return Err("an image without a usable size".into());
    };
    if w * h > limits::PDF_MAX_IMAGE_PIXELS as f64 {
        return Err(format!("an image of more than {} pixels", limits::PDF_MAX_IMAGE_PIXELS));
    }
    let (w, h) = (w as u32, h as u32);
    if s.dict.has(b"Mask") || s.dict.has(b"SMaskInData") || (soft && s.dict.has(b"SMask")) {
        return Err("an image under a mask, which lak does not read with OCR".into());
    }
    let colour_space = s.dict.get(b"ColorSpace").ok();
    let space = |what: &str| -> Result<u8, String> {
        match (soft, colour_space) {
            (true, None) => Ok(1),
            _ => grey_or_rgb(doc, colour_space).ok_or(format!("{what} in a colour space other than grey or RGB")),
        }
    };
    let filters = objects::filter_names(s);
    let mask = matches!(objects::get(doc, &s.dict, b"ImageMask"), Some(Object::Boolean(true)));
    if filters == [&b"DCTDecode"[..]] {
        let comps = space("a JPEG image")?;
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
    let bits = if mask { 1 } else { objects::get_number(doc, &s.dict, b"BitsPerComponent").unwrap_or(0.0) as u8 };
    let palette = if mask || soft { None } else { palette(doc, colour_space)? };
    let comps = match (&palette, mask) {
        (_, true) | (Some(_), _) => 1,
        (None, false) => space("an image")?,
    };
    if !matches!(bits, 1 | 2 | 4 | 8) || (mask && bits != 1) {
        return Err(format!("an image of {bits} bits per component, which lak does not read with OCR"));
    }
    let invert = match palette {
        Some(_) if s.dict.has(b"Decode") => return Err("a palette image with a /Decode array".into()),
        Some(_) => false,
        None => inverted(doc, &s.dict, comps).ok_or("an image with an unusual /Decode array")?,
    };
    let data = crate::formats::pdf::read::filters::decode(s, limits::PDF_MAX_STREAM_BYTES)
        .map_err(|_| "an image whose samples do not decode with their filters".to_string())?;
    let row = (w as usize * comps as usize * bits as usize).div_ceil(8);
    if data.len() < row * h as usize {
        return Err("an image with fewer samples than its size needs".into());
    }
    // Sample `c` of pixel (x, y), 0 ..= 2^bits - 1.
    let sample = |x: u32, y: u32, c: u8| -> u8 {
        let i = (x as usize * comps as usize + c as usize) * bits as usize;
        let byte = data[y as usize * row + i / 8];
        (byte >> (8 - bits as usize - i % 8)) & ((1u16 << bits) - 1) as u8
    };
    let top = (1u16 << bits) - 1;
    let scale = |v: u8| (u16::from(v) * 255 / top) as u8;
    if let Some(pal) = palette {
        let hival = pal.hival;
        let at = |x: u32, y: u32| (sample(x, y, 0) as usize).min(hival) * pal.comps as usize;
        let pixels = if pal.comps == 1 {
            Pixels::Grey(GrayImage::from_fn(w, h, |x, y| Luma([pal.colours[at(x, y)]])))
        } else {
            Pixels::Colour(RgbImage::from_fn(w, h, |x, y| {
                let i = at(x, y);
                Rgb([pal.colours[i], pal.colours[i + 1], pal.colours[i + 2]])
            }))
        };
        return Ok((pixels, Codec::Raw { bits: 8, mask: false }));
    }
    let pixels = if bits == 1 {
        // A stencil mask paints where its sample is 0 (1 with `[1 0]`); a grey image is black at 0.
        let dark_bit = u8::from(mask && invert);
        let flip = !mask && invert;
        Pixels::Grey(GrayImage::from_fn(w, h, |x, y| {
            let bit = sample(x, y, 0);
            let black = if mask { bit == dark_bit } else { (bit == 0) != flip };
            Luma([if black { 0 } else { 255 }])
        }))
    } else if comps == 1 {
        Pixels::Grey(GrayImage::from_fn(w, h, |x, y| {
            let v = scale(sample(x, y, 0));
            Luma([if invert { 255 - v } else { v }])
        }))
    } else {
        Pixels::Colour(RgbImage::from_fn(w, h, |x, y| {
            Rgb([scale(sample(x, y, 0)), scale(sample(x, y, 1)), scale(sample(x, y, 2))])
        }))
    };
    // Written back at 8 bits unless bilevel: 2 and 4 bits are widened once.
    let bits = if bits == 1 && comps == 1 { 1 } else { 8 };
    Ok((pixels, Codec::Raw { bits, mask }))
}

/// Fills `boxes` (pixel boxes: left, top, right, bottom) of image `id` black and writes the image
/// anew: a JPEG as a new JPEG, raw samples as Flate-compressed samples of the same depth; nothing of
/// its old dictionary but what draws it (no metadata). Returns a line for the report, and the new soft
/// mask object lak wrote, if the image has one.
pub(crate) fn redact(
    doc: &mut LoDocument,
    id: ObjectId,
    boxes: &[[u32; 4]],
) -> Result<(String, Option<ObjectId>), String> {
    let Some(Object::Stream(s)) = doc.objects.get(&id) else {
        return Err(format!("image object {} is missing", id.0));
    };
    let (mut pixels, codec) = decode(doc, s)?;
    let (w, h) = pixels.dimensions();
    let mask = soft_mask(doc, s, w, h)?;
    pixels.fill(boxes);
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XObject".to_vec()));
    dict.set("Subtype", Object::Name(b"Image".to_vec()));
    for key in [&b"Interpolate"[..], b"Intent", b"StructParent"] {
        if let Ok(v) = s.dict.get(key) {
            dict.set(key, v.clone());
        }
    }
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
    // The soft mask is opaque under the boxes (so they show) and written anew like the image.
    let mut stream = stream;
    let mut new_mask = None;
    if let Some((_, mut alpha)) = mask {
        for b in boxes {
            for y in b[1].min(h)..b[3].min(h) {
                for x in b[0].min(w)..b[2].min(w) {
                    alpha.put_pixel(x, y, Luma([255]));
                }
            }
        }
        let mut d = Dictionary::new();
        d.set("Type", Object::Name(b"XObject".to_vec()));
        d.set("Subtype", Object::Name(b"Image".to_vec()));
        d.set("Width", i64::from(w));
        d.set("Height", i64::from(h));
        d.set("ColorSpace", Object::Name(b"DeviceGray".to_vec()));
        d.set("BitsPerComponent", 8);
        let mut m = Stream::new(d, alpha.into_raw());
        m.compress().map_err(|e| format!("the redacted soft mask could not be compressed ({e})"))?;
        // A new object: a mask shared with another image keeps that image's own look; the old one,
        // if nothing else uses it, is pruned with the other unused objects.
        let mask_id = doc.add_object(Object::Stream(m));
        stream.dict.set("SMask", Object::Reference(mask_id));
        new_mask = Some(mask_id);
    }
    doc.objects.insert(id, Object::Stream(stream));
    Ok((format!("image (object {}) read by OCR: boxes blacked out in its pixels, image encoded anew", id.0), new_mask))
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
        assert_eq!(crate::formats::pdf::read::filters::decode(s, 100).unwrap(), vec![0b0011_0000]);
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
    fn palettes_and_narrow_samples_decode_to_their_colours() {
        // Two colours (dark red, white) at 1 bit per index; written back as 8-bit RGB.
        let cs = vec![
            Object::Name(b"Indexed".to_vec()),
            Object::Name(b"DeviceRGB".to_vec()),
            Object::Integer(1),
            Object::String(vec![128, 0, 0, 255, 255, 255], lopdf::StringFormat::Hexadecimal),
        ];
        let d = dictionary! { "Subtype" => "Image", "Width" => 4, "Height" => 1, "ColorSpace" => cs,
        "BitsPerComponent" => 1 };
        let (mut doc, id) = image(d, vec![0b0110_0000]);
        let (Pixels::Colour(c), Codec::Raw { bits: 8, mask: false }) =
            decode(&doc, doc.get_object(id).unwrap().as_stream().unwrap()).unwrap()
        else {
            panic!()
        };
        assert_eq!(c.as_raw(), &[128, 0, 0, 255, 255, 255, 255, 255, 255, 128, 0, 0]);
        redact(&mut doc, id, &[[1, 0, 2, 1]]).unwrap();
        let s = doc.get_object(id).unwrap().as_stream().unwrap();
        assert_eq!(s.dict.get(b"ColorSpace").unwrap().as_name().unwrap(), b"DeviceRGB");
        let (Pixels::Colour(c), _) = decode(&doc, s).unwrap() else { panic!() };
        assert_eq!(c.as_raw(), &[128, 0, 0, 0, 0, 0, 255, 255, 255, 128, 0, 0]);

        // A palette index past its table is refused, not read out of bounds.
        let short = vec![
            Object::Name(b"Indexed".to_vec()),
            Object::Name(b"DeviceGray".to_vec()),
            Object::Integer(3),
            Object::String(vec![0, 255], lopdf::StringFormat::Literal),
        ];
        let d = dictionary! { "Subtype" => "Image", "Width" => 2, "Height" => 1, "ColorSpace" => short,
        "BitsPerComponent" => 8 };
        let (doc, id) = image(d, vec![0, 3]);
        let err = decode(&doc, doc.get_object(id).unwrap().as_stream().unwrap()).err().unwrap();
        assert!(err.contains("shorter"), "{err}");

        // 4-bit grey, inverted: 0x0 reads white, 0xF black.
        let d = dictionary! { "Subtype" => "Image", "Width" => 2, "Height" => 1, "ColorSpace" => "DeviceGray",
        "BitsPerComponent" => 4, "Decode" => vec![1.into(), 0.into()] };
        let (doc, id) = image(d, vec![0x0F]);
        let (Pixels::Grey(g), Codec::Raw { bits: 8, .. }) =
            decode(&doc, doc.get_object(id).unwrap().as_stream().unwrap()).unwrap()
        else {
            panic!()
        };
        assert_eq!(g.as_raw(), &[255, 0]);
    }
    #[test]
    fn text_kept_in_a_soft_mask_is_read_through_it_and_its_box_made_opaque() {
        // A black image whose mask shows it in the second pixel only: over white, the second is black.
        let mut doc = LoDocument::with_version("1.7");
        let mask = doc.add_object(Stream::new(
            dictionary! { "Subtype" => "Image", "Width" => 3, "Height" => 1, "ColorSpace" => "DeviceGray",
            "BitsPerComponent" => 8 },
            vec![0, 255, 0],
        ));
        let id = doc.add_object(Stream::new(
            dictionary! { "Subtype" => "Image", "Width" => 3, "Height" => 1, "ColorSpace" => "DeviceGray",
            "BitsPerComponent" => 8, "SMask" => Object::Reference(mask) },
            vec![0, 0, 0],
        ));
        let s = doc.get_object(id).unwrap().as_stream().unwrap();
        let (pixels, _) = decode(&doc, s).unwrap();
        let (_, alpha) = soft_mask(&doc, s, 3, 1).unwrap().unwrap();
        assert_eq!(over_white(pixels, &alpha).as_raw(), &[255, 0, 255]);
        let (_, written) = redact(&mut doc, id, &[[0, 0, 1, 1]]).unwrap();
        let s = doc.get_object(id).unwrap().as_stream().unwrap();
        let (new, alpha) = soft_mask(&doc, s, 3, 1).unwrap().unwrap();
        assert_eq!(alpha.as_raw(), &[255, 255, 0], "the box shows black where the mask hid the image");
        // A mask of its own: another image using the old one keeps its look.
        assert_ne!(new, mask);
        assert_eq!(written, Some(new));
        // A mask of another size is refused.
        assert!(soft_mask(&doc, s, 4, 1).is_err());
    }
}
