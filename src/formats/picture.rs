//! Pictures as documents of their own (`.png`, `.jpg`, `.jpeg`): a photographed or scanned letter, a
//! screenshot, a copy of an ID card.
//!
//! ```text
//!  bytes ─► decode (format checked against the extension, pixel limits)
//!        ─► OCR (src/ocr.rs) ─► words with boxes ─► a unit per text block, a line per OCR line
//!  detector reads the units like any text: `Naam:` left of a value is its context
//!        ─► redact: every word of a finding filled black in the pixels, with a margin; the picture is
//!           encoded again in its own format (no metadata, no trace of the old pixels)
//! ```
//!
//! The pipeline reads the output back like every output: this adapter OCRs the redacted picture again,
//! and a value still read there sends the picture to manual handling (`residual_*`).
//!
//! Fail closed: a picture lak cannot read well enough is not published as if checked. No OCR engine
//! (`ocr_unavailable`), no text at all (`picture_without_text`: a photo may show a face, a house, a
//! licence plate, which lak does not judge), or text OCR reads with low confidence
//! (`ocr_low_confidence`: handwriting, a blurred photo) need manual handling, unless the user passes
//! `--allow-unchecked-images`; then the picture is published re-encoded, and the report says it was not
//! checked.

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, ImageReader, Limits};

use super::{Document, Format, Options, Redacted, Redaction};
use crate::limits;
use crate::model::{Code, Location, Manual};
use crate::ocr::Word;

/// A picture is read too unsure to check when the mean confidence of its words (of two letters or
/// digits or more) is below this (Tesseract's 0–100 scale). Printed text scanned at 150 dpi reads at
/// 90–96; handwriting and blurred photos at 30–70.
pub const MIN_MEAN_CONFIDENCE: f32 = 80.0;

/// ... or when any word of three letters or digits or more reads below this: a name read this unsure
/// may be misread, and then no rule finds it.
pub const MIN_WORD_CONFIDENCE: f32 = 40.0;

/// The picture format.
pub struct Picture;

impl Format for Picture {
    fn name(&self) -> &'static str {
        "picture"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["png", "jpg", "jpeg"]
    }

    fn open(&self, bytes: Vec<u8>, options: &Options) -> Result<Box<dyn Document>, Manual> {
        Ok(Box::new(PictureDocument::open(bytes, options)?))
    }
}

/// A word's place in the units.
#[derive(Debug)]
struct Placed {
    unit: usize,
    start: usize,
    end: usize,
    bbox: [u32; 4],
}

struct PictureDocument {
    bytes: Vec<u8>,
    format: ImageFormat,
    units: Vec<String>,
    words: Vec<Placed>,
    notes: Vec<String>,
}

impl PictureDocument {
    fn open(bytes: Vec<u8>, options: &Options) -> Result<PictureDocument, Manual> {
        let format = sniff(&bytes)?;
        // Decoded here to know the file is whole and within the limits; redaction decodes again.
        let pixels = decode(&bytes, format)?.to_luma8();
        let unchecked = |reason: String| PictureDocument {
            bytes: bytes.clone(),
            format,
            units: Vec::new(),
            words: Vec::new(),
            notes: vec![format!("picture not checked (--allow-unchecked-images): {reason}")],
        };
        let Some(engine) = &options.ocr else {
            let reason = "lak reads pictures with OCR and found no Tesseract; install it (Debian: apt-get install \
                          tesseract-ocr tesseract-ocr-nld)"
                .to_string();
            return if options.allow_unchecked_images {
                Ok(unchecked(reason))
            } else {
                Err(Manual::new(Code::OcrUnavailable, reason))
            };
        };
        let mut words = engine.read(&bytes).map_err(|e| Manual::new(Code::Corrupt, e))?;
        // What OCR makes of a black box (lak's own, in an output read back, or one already on the scan)
        // is no text.
        words.retain(|w| !on_black(&pixels, w.bbox));
        if let Err(reason) = readable(&words, |w| beside_black(&pixels, w.bbox)) {
            return if options.allow_unchecked_images { Ok(unchecked(reason.reason.clone())) } else { Err(reason) };
        }
        let (units, words) = layout(&words);
        let notes = vec![format!("read by OCR: {}", engine.describe())];
        Ok(PictureDocument { bytes, format, units, words, notes })
    }
}

/// The picture's format, from its first bytes; only the formats this adapter writes back.
fn sniff(bytes: &[u8]) -> Result<ImageFormat, Manual> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Ok(ImageFormat::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Ok(ImageFormat::Jpeg)
    } else {
        Err(Manual::new(Code::Corrupt, "not a PNG or JPEG picture"))
    }
}

fn decode(bytes: &[u8], format: ImageFormat) -> Result<DynamicImage, Manual> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut bounds = Limits::default();
    bounds.max_alloc = Some(limits::PICTURE_MAX_PIXELS * 4);
    reader.limits(bounds);
    let (w, h) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|e| Manual::new(Code::Corrupt, format!("picture: {e}")))?;
    if u64::from(w) * u64::from(h) > limits::PICTURE_MAX_PIXELS {
        return Err(Manual::new(
            Code::TooLarge,
            format!("a picture of {w} × {h} pixels; lak reads at most {} pixels", limits::PICTURE_MAX_PIXELS),
        ));
    }
    reader.decode().map_err(|e| Manual::new(Code::Corrupt, format!("picture: {e}")))
}

/// The share (0–1) of near-black pixels in the rectangle `x0..x1` × `y0..y1`, clipped to the picture.
fn dark_share(pixels: &image::GrayImage, x0: u32, y0: u32, x1: u32, y1: u32) -> f32 {
    let (x1, y1) = (x1.min(pixels.width()), y1.min(pixels.height()));
    let (mut dark, mut all) = (0u64, 0u64);
    for yy in y0.min(y1)..y1 {
        for xx in x0.min(x1)..x1 {
            all += 1;
            dark += u64::from(pixels.get_pixel(xx, yy).0[0] < 48);
        }
    }
    if all == 0 { 0.0 } else { dark as f32 / all as f32 }
}

/// Whether word box `b` (left, top, width, height) is nine tenths or more near-black pixels: what OCR
/// reads in a black box.
fn on_black(pixels: &image::GrayImage, b: [u32; 4]) -> bool {
    let [x, y, w, h] = b;
    dark_share(pixels, x, y, x + w, y + h) >= 0.9
}

/// Whether a black box stands right beside word box `b`: in the three word heights to its left or
/// right, half the pixels or more are near-black. OCR reads a word beside a box (`IBAN:` before a
/// blacked-out number) less sure than elsewhere.
fn beside_black(pixels: &image::GrayImage, b: [u32; 4]) -> bool {
    let [x, y, w, h] = b;
    let reach = 3 * h;
    dark_share(pixels, x.saturating_sub(reach), y, x, y + h) >= 0.5
        || dark_share(pixels, x + w, y, x + w + reach, y + h) >= 0.5
}

/// Letters and digits in a word.
fn alphanumerics(word: &str) -> usize {
    word.chars().filter(|c| c.is_alphanumeric()).count()
}

/// Whether OCR read the picture well enough to check it (see [`MIN_MEAN_CONFIDENCE`]). A word
/// `beside_box` (a black box) may read unsure: the box, not the writing, is what OCR stumbles on.
fn readable(words: &[Word], beside_box: impl Fn(&Word) -> bool) -> Result<(), Manual> {
    let content: Vec<&Word> = words.iter().filter(|w| alphanumerics(&w.text) >= 2).collect();
    // Only one- and two-letter fragments (what OCR makes of a gradient, a photo's texture): no text.
    if !content.iter().any(|w| alphanumerics(&w.text) >= 3) {
        return Err(Manual::new(
            Code::PictureWithoutText,
            "OCR reads no text in this picture; lak does not judge what a photo shows (a face, a house, a \
             licence plate)",
        ));
    }
    let mean = content.iter().map(|w| w.confidence).sum::<f32>() / content.len() as f32;
    let unsure = content
        .iter()
        .filter(|w| alphanumerics(&w.text) >= 3 && w.confidence < MIN_WORD_CONFIDENCE && !beside_box(w))
        .count();
    if mean < MIN_MEAN_CONFIDENCE || unsure > 0 {
        return Err(Manual::new(
            Code::OcrLowConfidence,
            format!(
                "OCR reads this picture unsure (mean confidence {mean:.0}, {unsure} words under \
                 {MIN_WORD_CONFIDENCE:.0}; lak needs {MIN_MEAN_CONFIDENCE:.0} and none): handwriting or a \
                 blurred picture"
            ),
        ));
    }
    Ok(())
}

/// The units (one per OCR block, a line break between OCR lines, a space between words) and where each
/// word stands in them.
fn layout(words: &[Word]) -> (Vec<String>, Vec<Placed>) {
    let mut units: Vec<String> = Vec::new();
    let mut placed = Vec::new();
    let mut last: Option<&Word> = None;
    for w in words {
        match last {
            Some(l) if l.block == w.block => {
                let text = units.last_mut().expect("a unit per block");
                text.push(if (l.paragraph, l.line) == (w.paragraph, w.line) { ' ' } else { '\n' });
            }
            _ => units.push(String::new()),
        }
        let unit = units.len() - 1;
        let text = &mut units[unit];
        let start = text.len();
        text.push_str(&w.text);
        placed.push(Placed { unit, start, end: text.len(), bbox: w.bbox });
        last = Some(w);
    }
    (units, placed)
}

impl Document for PictureDocument {
    fn units(&self) -> Vec<&str> {
        self.units.iter().map(String::as_str).collect()
    }

    fn locate(&self, unit: usize, start: usize, end: usize) -> Location {
        let boxes = self.words.iter().filter(|w| w.unit == unit && w.start < end && w.end > start);
        let bbox = boxes.fold(None::<[u32; 4]>, |acc, w| {
            let [x, y, bw, bh] = w.bbox;
            Some(match acc {
                None => [x, y, x + bw, y + bh],
                Some([a, b, c, d]) => [a.min(x), b.min(y), c.max(x + bw), d.max(y + bh)],
            })
        });
        let line = self.units.get(unit).map(|t| t[..start.min(t.len())].matches('\n').count() as u32 + 1);
        Location {
            part: Some(format!("OCR block {}", unit + 1)),
            page: Some(1),
            bbox: bbox.map(|b| b.map(|v| v as f32)),
            line,
            offset: start,
            length: end - start,
            ..Location::default()
        }
    }

    fn notes(&self) -> Vec<String> {
        self.notes.clone()
    }

    fn redact(&self, redactions: &[Redaction]) -> Result<Redacted, Manual> {
        let mut boxes = Vec::new();
        for r in redactions {
            let hit: Vec<[u32; 4]> = self
                .words
                .iter()
                .filter(|w| w.unit == r.unit && w.start < r.end && w.end > r.start)
                .map(|w| w.bbox)
                .collect();
            if hit.is_empty() {
                return Err(Manual::new(Code::InternalError, "a finding in a picture maps to no OCR word"));
            }
            boxes.extend(hit);
        }
        let img = decode(&self.bytes, self.format)?;
        let grey = matches!(img.color(), image::ColorType::L8 | image::ColorType::L16 | image::ColorType::La8);
        let mut out = Vec::new();
        let written = if grey {
            let mut px = img.to_luma8();
            for b in &boxes {
                fill(px.width(), px.height(), b, |x, y| px.put_pixel(x, y, image::Luma([0])));
            }
            DynamicImage::ImageLuma8(px).write_to(&mut Cursor::new(&mut out), self.format)
        } else {
            let mut px = img.to_rgb8();
            for b in &boxes {
                fill(px.width(), px.height(), b, |x, y| px.put_pixel(x, y, image::Rgb([0, 0, 0])));
            }
            DynamicImage::ImageRgb8(px).write_to(&mut Cursor::new(&mut out), self.format)
        };
        written.map_err(|e| Manual::new(Code::InternalError, format!("picture could not be encoded: {e}")))?;
        Ok(Redacted {
            bytes: out,
            scrubbed: vec!["picture encoded anew: metadata (EXIF, XMP, comments, text chunks) not copied".into()],
        })
    }
}

/// Calls `set` for every pixel of word box `b` (left, top, width, height) widened by a margin of a fifth
/// of its height (at least 2 pixels), clipped to the picture.
fn fill(width: u32, height: u32, b: &[u32; 4], mut set: impl FnMut(u32, u32)) {
    let [x, y, w, h] = *b;
    let m = (h / 5).max(2);
    let (x0, y0) = (x.saturating_sub(m), y.saturating_sub(m));
    let (x1, y1) = ((x + w + m).min(width), (y + h + m).min(height));
    for yy in y0..y1 {
        for xx in x0..x1 {
            set(xx, yy);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, x: u32, conf: f32, block: u32, line: u32) -> Word {
        Word { text: text.into(), bbox: [x, 10 * line, 40, 12], confidence: conf, block, paragraph: 1, line }
    }

    #[test]
    fn blocks_become_units_and_lines_line_breaks() {
        let words = [
            word("Naam:", 0, 95.0, 1, 1),
            word("Pieter", 50, 95.0, 1, 1),
            word("BSN:", 0, 95.0, 1, 2),
            word("Gemeente", 0, 95.0, 2, 1),
        ];
        let (units, placed) = layout(&words);
        assert_eq!(units, ["Naam: Pieter\nBSN:", "Gemeente"]);
        assert_eq!((placed[1].unit, placed[1].start, placed[1].end), (0, 6, 12));
        assert_eq!(placed[3].unit, 1);
    }

    #[test]
    fn unsure_reading_and_no_text_need_a_person() {
        let sure = [word("Naam:", 0, 95.0, 1, 1), word("Pieter", 50, 92.0, 1, 1)];
        assert!(readable(&sure, |_| false).is_ok());
        let one_unsure = [word("Naam:", 0, 95.0, 1, 1), word("Pleter", 50, 31.0, 1, 1), word("de", 0, 99.0, 1, 1)];
        assert_eq!(readable(&one_unsure, |_| false).unwrap_err().code, Code::OcrLowConfidence);
        let noise = [word("|", 0, 20.0, 1, 1), word("~", 0, 10.0, 1, 1)];
        assert_eq!(readable(&noise, |_| false).unwrap_err().code, Code::PictureWithoutText);
    }

    #[test]
    fn boxes_get_a_margin_and_stay_inside_the_picture() {
        let mut set = Vec::new();
        fill(12, 12, &[1, 1, 2, 10], |x, y| set.push((x, y)));
        // Margin max(10 / 5, 2) = 2: x from 0 (clipped) to 5, y from 0 to 12 (clipped).
        assert_eq!(set.len(), 5 * 12);
        assert!(set.iter().all(|&(x, y)| x < 12 && y < 12));
    }
}
