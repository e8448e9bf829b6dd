//! Scanned pages and pictures on text pages, read by OCR and redacted in the pixels.
//!
//! A page is scanned when it draws images and no glyph a reader sees: a scan without a text layer, a
//! searchable scan (its OCR text invisible, render mode 3), and lak's own output of either read back
//! (its labels are white text on black boxes). The text a page carries is read as always; OCR adds
//! what the pixels show, so a searchable scan is checked on both and redacted on the union.
//!
//! A picture on a text page (a copy of an identity card pasted into a letter, a screenshot) is read
//! the same way when it is drawn large enough to hold a word ([`worth_reading`]). Its policy is the
//! Office pictures': one in which OCR reads no text is kept (a photo, a logo: the page is judged by its
//! text), one read unsure withholds the document, one lak cannot decode is noted as not read unless it
//! covers a quarter of the page ([`large`]: a pasted scan), which withholds the document.
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
//! An image shown on several pages is read once; its boxes are drawn at every use.
//! Images smaller than [`MIN_SIDE`] pixels on a side are not read (no text fits), nor are blank ones
//! ([`ocr_text::is_blank`]). What lak cannot decode (CCITT, JBIG2, JPEG 2000, CMYK, palettes, an
//! image under a soft mask, an inline image) is not guessed at: the page is refused as before
//! (`pdf_image_only`), with the reason.

use std::collections::BTreeSet;

use image::{GrayImage, ImageFormat, Luma, Rgb, RgbImage};
use lopdf::{Dictionary, Document as LoDocument, Object, ObjectId, Stream};
use rayon::prelude::*;

use super::geom::{Matrix, Quad};
use super::interpret::Layer;
use super::objects;
use crate::formats::media::ocr_text::{self, Layout, Pixels, Verdict};
use crate::limits;
use crate::ocr::Engine;

pub(crate) use crate::formats::media::ocr_text::MIN_SIDE;

/// A picture on a text page is read when drawn at least this many points on either side and
/// [`MIN_DRAWN_LONG`] on its longer side: a short word in a small font.
pub(crate) const MIN_DRAWN_SIDE: f64 = 8.0;
pub(crate) const MIN_DRAWN_LONG: f64 = 36.0;

/// A picture on a text page drawn smaller is still read when it has at least this many pixels on
/// either side and [`MIN_PIXELS_LONG`] on its longer side (a line of text at a readable size).
pub(crate) const MIN_PIXELS_SIDE: f64 = 32.0;
pub(crate) const MIN_PIXELS_LONG: f64 = 100.0;

/// A picture on a text page lak cannot decode withholds the document when it covers at least this
/// share of the page (a pasted scan); a smaller one is listed in the notes as not read.
pub(crate) const LARGE_SHARE: f64 = 0.25;

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

/// An image OCR read: on a scanned page, or a picture on a text page.
pub(crate) struct ScanImage {
    pub id: ObjectId,
    /// Its uses on the pages read: the 0-based page and the matrix from the unit square to the page.
    pub uses: Vec<(u32, Matrix)>,
    pub width: u32,
    pub height: u32,
    pub layout: Layout,
    /// Drawn on a scanned page (else only on text pages: a picture beside text).
    pub scanned: bool,
    /// Degrees the image was turned clockwise to be read (its text runs that way in the pixels).
    pub turn: u32,
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

    /// Pixel box `b` as drawn by use `ctm`, its corners starting where the text's baseline starts and
    /// going along it: the box of a word read turned has its baseline on another side.
    pub fn text_quad(&self, ctm: &Matrix, b: [u32; 4]) -> Quad {
        let mut q = self.quad(ctm, b);
        q.0.rotate_left((self.turn / 90 % 4) as usize);
        q
    }

    /// What the image is, for a finding's location and the report.
    pub fn what(&self) -> &'static str {
        if self.scanned { "a scanned image" } else { "a picture" }
    }
}

/// What OCR made of the scanned pages and the pictures on text pages of a document.
#[derive(Default)]
pub(crate) struct Scans {
    pub images: Vec<ScanImage>,
    /// The document's OCR units in order: (image, unit of its layout).
    pub units: Vec<(usize, usize)>,
    /// 1-based scanned pages lak could not read, each kind with its pages: an image it cannot decode,
    /// a reading too unsure, no text where the pixels show something.
    pub undecodable: Vec<(u32, String)>,
    pub unsure: Vec<(u32, String)>,
    pub without_text: Vec<(u32, String)>,
    /// Scanned pages read, and how many images were passed over as too small or blank.
    pub read: Vec<u32>,
    pub small: usize,
    pub blank: usize,
    /// Images a person has checked (`--checked-pictures`): not read.
    pub checked: usize,
    /// Image uses passed over: on text pages too small to hold a word (icons, bullets, rules), and
    /// outside page space (in a pattern, a soft mask, a glyph procedure, a form never drawn).
    pub tiny: usize,
    pub detached: usize,
    /// Pictures on text pages covering a quarter of the page or more in which OCR reads no text: a
    /// scanned page with a stamped number, a handwritten letter, a photo (withheld, as a scan is).
    pub pictures_large_without_text: Vec<(u32, String)>,
    /// 1-based pages with an image Tesseract failed on, and what it said.
    pub failed: Vec<(u32, String)>,
    /// Pictures on text pages: the pages where OCR read them; those lak cannot decode, large ones
    /// (a pasted scan: the document is withheld) and the others (noted), with their pages and why;
    /// those read unsure (withheld), and how many hold no text (kept, as a photo or a logo is).
    pub pictures_read: Vec<u32>,
    pub pictures_undecodable: Vec<(u32, String)>,
    pub pictures_unread: Vec<(u32, String)>,
    pub pictures_unsure: Vec<(u32, String)>,
    pub pictures_without_text: usize,
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

/// Whether an image drawn with `ctm` on a text page is read: drawn large enough to hold a word
/// ([`MIN_DRAWN_SIDE`] and [`MIN_DRAWN_LONG`] points), or holding enough pixels to ([`MIN_PIXELS_SIDE`]
/// and [`MIN_PIXELS_LONG`]) however small it is drawn: a copy of an identity card shown as a thumbnail
/// keeps all its pixels in the file. A bullet, an icon or a rule is not read.
pub(crate) fn worth_reading(ctm: &Matrix, pixels: (f64, f64)) -> bool {
    let b = ctm.quad(0.0, 0.0, 1.0, 1.0).bbox();
    let (w, h) = (b[2] - b[0], b[3] - b[1]);
    (w.min(h) >= MIN_DRAWN_SIDE && w.max(h) >= MIN_DRAWN_LONG)
        || (pixels.0.min(pixels.1) >= MIN_PIXELS_SIDE && pixels.0.max(pixels.1) >= MIN_PIXELS_LONG)
}

/// The pixel size of image XObject `id` (0 × 0 when it has none or is inline).
pub(crate) fn pixel_size(doc: &LoDocument, id: Option<ObjectId>) -> (f64, f64) {
    match id.and_then(|id| doc.objects.get(&id)) {
        Some(Object::Stream(s)) => (
            objects::get_number(doc, &s.dict, b"Width").unwrap_or(0.0),
            objects::get_number(doc, &s.dict, b"Height").unwrap_or(0.0),
        ),
        _ => (0.0, 0.0),
    }
}

/// Whether an image drawn with `ctm` covers at least [`LARGE_SHARE`] of a page whose crop box is
/// `crop`: a picture that large is a pasted scan, and one lak cannot decode withholds the document.
pub(crate) fn large(ctm: &Matrix, crop: [f64; 4]) -> bool {
    let b = ctm.quad(0.0, 0.0, 1.0, 1.0).bbox();
    let clip = |lo: f64, hi: f64, a: f64, z: f64| (hi.min(z) - lo.max(a)).max(0.0);
    let area = clip(b[0], b[2], crop[0], crop[2]) * clip(b[1], b[3], crop[1], crop[3]);
    let page = (crop[2] - crop[0]).abs() * (crop[3] - crop[1]).abs();
    page > 0.0 && area >= LARGE_SHARE * page
}

/// Reads the images of the scanned pages and the pictures on text pages worth reading
/// ([`worth_reading`]) with `engine`, in parallel across the rayon pool; an image drawn several
/// times is read once.
pub(crate) fn read(doc: &LoDocument, layer: &Layer, engine: &Engine, checked: &BTreeSet<String>) -> Scans {
    let scanned = scanned_pages(layer);
    let mut scans = Scans::default();
    let mut by_id: Vec<Drawn> = Vec::new();
    for img in &layer.images {
        let u = &layer.uses[img.use_id as usize];
        if u.detached {
            scans.detached += 1;
            continue;
        }
        let on_scan = scanned.contains(&u.page);
        if !on_scan && !worth_reading(&img.ctm, pixel_size(doc, img.xobject)) {
            scans.tiny += 1;
            continue;
        }
        let big = !on_scan && layer.pages.get(u.page as usize).is_some_and(|p| large(&img.ctm, p.crop));
        let Some(id) = img.xobject else {
            let why = "an inline image, which lak does not read with OCR".to_string();
            match (on_scan, big) {
                (true, _) => scans.undecodable.push((u.page + 1, why)),
                (false, true) => scans.pictures_undecodable.push((u.page + 1, why)),
                (false, false) => scans.pictures_unread.push((u.page + 1, why)),
            }
            continue;
        };
        match by_id.iter_mut().find(|(i, ..)| *i == id) {
            Some((_, uses, s, b)) => {
                uses.push((u.page, img.ctm));
                *s |= on_scan;
                *b |= big;
            }
            None => by_id.push((id, vec![(u.page, img.ctm)], on_scan, big)),
        }
    }
    let results: Vec<Result<Outcome, String>> =
        by_id.par_iter().map(|(id, uses, ..)| read_image(doc, *id, &uses[0].1, engine, checked)).collect();
    for ((id, uses, on_scan, big), result) in by_id.into_iter().zip(results) {
        let mut pages: Vec<u32> = uses.iter().map(|(p, _)| p + 1).collect();
        pages.sort_unstable();
        pages.dedup();
        let listed = |why: &str| pages.iter().map(|&p| (p, why.to_string())).collect::<Vec<_>>();
        match result {
            Err(why) if on_scan => scans.undecodable.extend(listed(&why)),
            Err(why) if big => scans.pictures_undecodable.extend(listed(&why)),
            Err(why) => scans.pictures_unread.extend(listed(&why)),
            Ok(Outcome::Small) => scans.small += 1,
            Ok(Outcome::Checked) => scans.checked += 1,
            Ok(Outcome::Failed(why)) => scans.failed.extend(listed(&why)),
            Ok(Outcome::Blank) => {
                scans.blank += 1;
                if on_scan {
                    scans.read.extend(&pages);
                }
            }
            Ok(Outcome::Read { width, height, words, verdict, print, turn }) => {
                let why = || {
                    format!(
                        "{} ({})",
                        verdict.why().unwrap_or_default(),
                        ocr_text::checked_hint(std::slice::from_ref(&print))
                    )
                };
                if on_scan {
                    match verdict {
                        Verdict::Readable => {}
                        Verdict::NoText => scans.without_text.extend(listed(&why())),
                        Verdict::Unsure { .. } => scans.unsure.extend(listed(&why())),
                    }
                    scans.read.extend(&pages);
                } else {
                    match verdict {
                        Verdict::Readable => {}
                        Verdict::NoText if big => {
                            scans.pictures_large_without_text.extend(listed(&why()));
                            continue;
                        }
                        // A photo or a logo: the page is judged by its text, as in Office files.
                        Verdict::NoText => {
                            scans.pictures_without_text += 1;
                            continue;
                        }
                        Verdict::Unsure { .. } => scans.pictures_unsure.extend(listed(&why())),
                    }
                    scans.pictures_read.extend(&pages);
                }
                let layout = Layout::new(&words);
                let n = scans.images.len();
                scans.units.extend((0..layout.units.len()).map(|u| (n, u)));
                scans.images.push(ScanImage { id, uses, width, height, layout, scanned: on_scan, turn });
            }
        }
    }
    for list in [&mut scans.read, &mut scans.pictures_read] {
        list.sort_unstable();
        list.dedup();
    }
    for list in [&mut scans.undecodable, &mut scans.pictures_undecodable, &mut scans.pictures_unread, &mut scans.failed]
    {
        list.sort();
        list.dedup();
    }
    for list in
        [&mut scans.unsure, &mut scans.pictures_unsure, &mut scans.without_text, &mut scans.pictures_large_without_text]
    {
        list.sort_by_key(|u| u.0);
        list.dedup_by_key(|u| u.0);
    }
    scans
}

/// An image to read: its object, its uses (page, matrix), whether one is on a scanned page, whether
/// one is [`large`].
type Drawn = (ObjectId, Vec<(u32, Matrix)>, bool, bool);

/// What came of reading one image.
enum Outcome {
    /// Too small to hold text ([`MIN_SIDE`]).
    Small,
    /// Nothing on it ([`ocr_text::is_blank`]).
    Blank,
    /// Its fingerprint is among the pictures a person checked.
    Checked,
    /// Tesseract failed on it (what it said): whatever the image, the document is withheld.
    Failed(String),
    Read {
        width: u32,
        height: u32,
        words: Vec<crate::ocr::Word>,
        verdict: Verdict,
        /// Its fingerprint ([`ocr_text::fingerprint`]), for the reason when it is withheld.
        print: String,
        turn: u32,
    },
}

/// Decodes and OCRs one image, drawn (first) with `ctm`.
fn read_image(
    doc: &LoDocument,
    id: ObjectId,
    ctm: &Matrix,
    engine: &Engine,
    checked: &BTreeSet<String>,
) -> Result<Outcome, String> {
    let Some(Object::Stream(s)) = doc.objects.get(&id) else {
        return Err(format!("image object {} is missing", id.0));
    };
    let w = objects::get_number(doc, &s.dict, b"Width").unwrap_or(0.0);
    let h = objects::get_number(doc, &s.dict, b"Height").unwrap_or(0.0);
    if w < f64::from(MIN_SIDE) || h < f64::from(MIN_SIDE) {
        return Ok(Outcome::Small);
    }
    let (pixels, _) = decode(doc, s)?;
    let (w, h) = pixels.dimensions();
    let grey = match (soft_mask(doc, s, w, h)?, pixels) {
        (Some((_, mask)), pixels) => over_white(pixels, &mask),
        (None, Pixels::Grey(g)) => g,
        (None, Pixels::Colour(c)) => image::DynamicImage::ImageRgb8(c).to_luma8(),
    };
    if ocr_text::is_blank(&grey) {
        return Ok(Outcome::Blank);
    }
    let print = ocr_text::fingerprint(&grey);
    if checked.contains(&print) {
        return Ok(Outcome::Checked);
    }
    // The resolution the image is drawn at, from its width on the page.
    let (ux, uy) = ctm.apply_vec(1.0, 0.0);
    let inches = (ux * ux + uy * uy).sqrt() / 72.0;
    let dpi = (inches > 0.01).then(|| (f64::from(grey.width()) / inches).round() as u32);
    let mut words = match engine.read_at(&ocr_text::pgm(&grey), dpi) {
        Ok(words) => words,
        Err(why) => return Ok(Outcome::Failed(why)),
    };
    let mut verdict = ocr_text::judge(&mut words, &grey);
    let mut turn = 0;
    // A page scanned on its side is read turned; its boxes come back in the image as it is stored.
    if verdict != Verdict::Readable
        && let Some((turned, t)) = ocr_text::read_turned(engine, &grey, dpi)
    {
        (words, verdict, turn) = (turned, Verdict::Readable, t);
    }
    Ok(Outcome::Read { width: grey.width(), height: grey.height(), words, verdict, print, turn })
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
fn decode(doc: &LoDocument, s: &Stream) -> Result<(Pixels, Codec), String> {
    decode_samples(doc, s, false)
}

/// The image's soft mask (`/SMask`), when it has one: its object and its samples, which must be 8-bit
/// grey of the image's own size. A picture with transparency keeps its shapes there (black text on
/// nothing is a black image and a mask in the shape of the text), so OCR reads the image laid over
/// white through it, and a redaction fills the box in both.
fn soft_mask(doc: &LoDocument, s: &Stream, width: u32, height: u32) -> Result<Option<(ObjectId, GrayImage)>, String> {
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
fn over_white(pixels: Pixels, mask: &GrayImage) -> GrayImage {
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
        Some(Object::Stream(t)) => super::filters::decode(t, limits::PDF_MAX_STREAM_BYTES)
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
    let data = super::filters::decode(s, limits::PDF_MAX_STREAM_BYTES)
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
        let img = ScanImage {
            id: (1, 0),
            uses: vec![],
            width: 100,
            height: 200,
            layout: Layout::default(),
            scanned: true,
            turn: 0,
        };
        // Drawn over 50 × 100 points at (10, 20).
        let ctm = Matrix::new(50.0, 0.0, 0.0, 100.0, 10.0, 20.0);
        let b = img.quad(&ctm, [0, 0, 100, 20]).bbox();
        assert_eq!(b, [10.0, 110.0, 60.0, 120.0]);
        assert_eq!(img.pixel_box([0.0, 0.9, 1.0, 1.0]), [0, 0, 100, 21]);
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

    #[test]
    fn pictures_on_text_pages_are_read_when_a_word_fits_and_large_when_a_quarter_of_the_page() {
        let at = |w: f64, h: f64| Matrix::new(w, 0.0, 0.0, h, 100.0, 100.0);
        let few = (24.0, 24.0);
        assert!(worth_reading(&at(60.0, 12.0), few), "a telephone number in 10 points");
        assert!(!worth_reading(&at(12.0, 12.0), few), "an icon");
        assert!(!worth_reading(&at(400.0, 2.0), few), "a rule");
        assert!(worth_reading(&at(34.0, 22.0), (1000.0, 640.0)), "a card drawn as a thumbnail keeps its pixels");
        let a4 = [0.0, 0.0, 595.0, 842.0];
        assert!(large(&at(340.0, 400.0), a4));
        assert!(!large(&at(200.0, 200.0), a4));
        // Only what lies on the page counts.
        assert!(!large(&Matrix::new(595.0, 0.0, 0.0, 842.0, 500.0, 700.0), a4));
    }
}
