//! Pictures as documents of their own (`.png`, `.jpg`, `.jpeg`): a photographed or scanned letter, a
//! screenshot, a copy of an ID card.
//!
//! ```text
//!  bytes ─► decode (format checked against the extension, pixel limits)
//!        ─► OCR (src/ocr.rs) ─► words with boxes ─► a unit per text block, a line per OCR line
//!           (media/ocr_text.rs, shared with scanned PDF pages)
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

use super::media::ocr_text::{self, Layout, Pixels, Verdict};
use super::{Document, Format, Options, Redacted, Redaction};
use crate::limits;
use crate::model::{Code, Location, Manual};

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

struct PictureDocument {
    bytes: Vec<u8>,
    format: ImageFormat,
    layout: Layout,
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
            layout: Layout::default(),
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
        // Read as grey pixels, as scanned PDF pages are: the same pixels give the same bytes, so the
        // read-back of an output without findings is answered from the engine's readings.
        let mut words = engine.read(&ocr_text::pgm(&pixels)).map_err(|e| Manual::new(Code::Corrupt, e))?;
        let mut verdict = ocr_text::judge(&mut words, &pixels);
        let mut turn = 0;
        // A picture on its side (a phone photo of a letter, a page scanned the wrong way round) reads
        // as no text or unsure: when orientation detection says how to turn it, it is read turned.
        // Its boxes come back in the picture as it is, so redaction and the report need no turning.
        if verdict != Verdict::Readable
            && let Some((again, t)) = ocr_text::read_turned(engine, &pixels, None)
        {
            (words, verdict, turn) = (again, Verdict::Readable, t);
        }
        if let Some(why) = verdict.why() {
            let reason = format!("in this picture, {why}");
            let code = if verdict == Verdict::NoText { Code::PictureWithoutText } else { Code::OcrLowConfidence };
            return if options.allow_unchecked_images { Ok(unchecked(reason)) } else { Err(Manual::new(code, reason)) };
        }
        let mut notes = vec![format!("read by OCR: {}", engine.describe())];
        if turn != 0 {
            notes.push(format!("picture read turned {turn}° clockwise (it stood on its side or upside down)"));
        }
        Ok(PictureDocument { bytes, format, layout: Layout::new(&words), notes })
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

impl Document for PictureDocument {
    fn units(&self) -> Vec<&str> {
        self.layout.units.iter().map(String::as_str).collect()
    }

    fn locate(&self, unit: usize, start: usize, end: usize) -> Location {
        let bbox = self.layout.line_boxes(unit, start, end).map(|boxes| {
            boxes.iter().fold(boxes[0], |a, b| [a[0].min(b[0]), a[1].min(b[1]), a[2].max(b[2]), a[3].max(b[3])])
        });
        Location {
            part: Some(match self.layout.correction_note(unit, start, end) {
                Some(note) => format!("OCR block {} ({note})", unit + 1),
                None => format!("OCR block {}", unit + 1),
            }),
            page: Some(1),
            bbox: bbox.map(|b| b.map(|v| v as f32)),
            line: self.layout.line_of(unit, start),
            offset: start,
            length: end - start,
            ..Location::default()
        }
    }

    fn notes(&self) -> Vec<String> {
        self.notes.clone()
    }

    fn redact(&self, redactions: &[Redaction]) -> Result<Redacted, Manual> {
        let img = decode(&self.bytes, self.format)?;
        let (width, height) = (img.width(), img.height());
        let mut boxes = Vec::new();
        for r in redactions {
            let hit = self
                .layout
                .line_boxes(r.unit, r.start, r.end)
                .ok_or_else(|| Manual::new(Code::InternalError, "a finding in a picture maps to no OCR word"))?;
            boxes.extend(hit.into_iter().map(|b| ocr_text::widened(b, width, height)));
        }
        let grey = matches!(img.color(), image::ColorType::L8 | image::ColorType::L16 | image::ColorType::La8);
        let mut pixels = if grey { Pixels::Grey(img.to_luma8()) } else { Pixels::Colour(img.to_rgb8()) };
        pixels.fill(&boxes);
        let img = match pixels {
            Pixels::Grey(p) => DynamicImage::ImageLuma8(p),
            Pixels::Colour(p) => DynamicImage::ImageRgb8(p),
        };
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), self.format)
            .map_err(|e| Manual::new(Code::InternalError, format!("picture could not be encoded: {e}")))?;
        Ok(Redacted {
            bytes: out,
            scrubbed: vec!["picture encoded anew: metadata (EXIF, XMP, comments, text chunks) not copied".into()],
        })
    }
}
