//! Which images OCR reads ([`scanned_pages`], [`role`]) and reading them ([`read`]): each image once,
//! with its uses on the pages and the layout of what OCR read.

use std::collections::BTreeSet;

use lopdf::{Document as LoDocument, Object, ObjectId};
use rayon::prelude::*;

use super::samples::{decode, over_white, soft_mask};
use crate::formats::media::ocr_text::{self, Layout, Pixels, Verdict};
use crate::formats::pdf::geom::{Matrix, Quad};
use crate::formats::pdf::read::objects;
use crate::formats::pdf::text::interpret::{ImageUse, Layer};
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

/// How one use of an image is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// Drawn on a scanned page.
    Scan,
    /// A picture on a text page worth reading ([`worth_reading`]); `large`: it covers a quarter of the
    /// page or more ([`large`]).
    Picture { large: bool },
    /// On a text page, too small to hold a word: not read.
    Tiny,
    /// Outside page space (a pattern, a soft mask, a glyph procedure, a form never drawn): not read.
    Detached,
}

/// The role of image use `img`; `scanned`: the 0-based scanned pages ([`scanned_pages`]).
pub(crate) fn role(doc: &LoDocument, layer: &Layer, scanned: &[u32], img: &ImageUse) -> Role {
    let u = &layer.uses[img.use_id as usize];
    if u.detached {
        Role::Detached
    } else if scanned.contains(&u.page) {
        Role::Scan
    } else if worth_reading(&img.ctm, pixel_size(doc, img.xobject)) {
        Role::Picture { large: layer.pages.get(u.page as usize).is_some_and(|p| large(&img.ctm, p.crop)) }
    } else {
        Role::Tiny
    }
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
        let (on_scan, big) = match role(doc, layer, &scanned, img) {
            Role::Detached => {
                scans.detached += 1;
                continue;
            }
            Role::Tiny => {
                scans.tiny += 1;
                continue;
            }
            Role::Scan => (true, false),
            Role::Picture { large } => (false, large),
        };
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

#[cfg(test)]
mod tests {
    use super::*;

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
