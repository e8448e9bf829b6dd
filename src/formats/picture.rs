//! Pictures as documents of their own (`.png`, `.jpg`, `.jpeg`, `.tif`, `.tiff`, `.gif`, `.bmp`): a
//! photographed or scanned letter, a screenshot, a copy of an ID card, a copier's multi-page TIFF.
//!
//! ```text
//!  bytes ─► decode (format from the first bytes, pixel limits; a TIFF page by page)
//!        ─► OCR (src/ocr.rs) ─► words with boxes ─► a unit per text block, a line per OCR line
//!           (media/ocr_text.rs, shared with scanned PDF pages)
//!  detector reads the units like any text: `Naam:` left of a value is its context
//!        ─► redact: every word of a finding filled black in the pixels, with a margin; the picture is
//!           encoded again in its own format (no metadata, no trace of the old pixels)
//! ```
//!
//! A multi-page TIFF is read page by page, each page's OCR blocks located on their page, and written
//! back with all its pages (grey or RGB, Deflate-compressed). An animated GIF is refused: which frame a
//! viewer shows is not lak's to choose.
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

use image::{DynamicImage, GrayImage, ImageFormat, ImageReader, Limits, RgbImage, RgbaImage};

use super::media::ocr_text::{self, Layout, Pixels, Verdict};
use super::office::images::{self, ImageFormat as Kind};
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
        &["png", "jpg", "jpeg", "tif", "tiff", "gif", "bmp"]
    }

    fn open(&self, bytes: Vec<u8>, options: &Options) -> Result<Box<dyn Document>, Manual> {
        Ok(Box::new(PictureDocument::open(bytes, options)?))
    }
}

/// Whether `data` is a picture this adapter reads (by its first bytes).
pub(crate) fn readable(data: &[u8]) -> bool {
    sniff(data).is_ok()
}

/// The pages of a picture file as this adapter decodes them (for the fuzz targets).
pub(crate) fn pages(data: &[u8]) -> Result<Vec<DynamicImage>, Manual> {
    decode(data, sniff(data)?)
}

struct PictureDocument {
    bytes: Vec<u8>,
    format: ImageFormat,
    /// One layout per page (one page but for a multi-page TIFF), and where each page's units start.
    pages: Vec<Layout>,
    starts: Vec<usize>,
    notes: Vec<String>,
}

impl PictureDocument {
    fn open(bytes: Vec<u8>, options: &Options) -> Result<PictureDocument, Manual> {
        let format = sniff(&bytes)?;
        // Decoded here to know the file is whole and within the limits; redaction decodes again.
        let frames = decode(&bytes, format)?;
        let n = frames.len();
        let unchecked = |reason: String| PictureDocument {
            bytes: bytes.clone(),
            format,
            pages: Vec::new(),
            starts: Vec::new(),
            notes: vec![format!("picture not checked (--allow-unchecked-images): {reason}")],
        };
        // Read as grey pixels, as scanned PDF pages are: the same pixels give the same bytes, so the
        // read-back of an output without findings is answered from the engine's readings.
        let greys: Vec<image::GrayImage> = frames.iter().map(DynamicImage::to_luma8).collect();
        let prints: Vec<String> = greys.iter().map(ocr_text::fingerprint).collect();
        let checked: Vec<usize> =
            (0..n).filter(|&i| options.checked_pictures.contains(&prints[i])).map(|i| i + 1).collect();
        let checked_note = || {
            let what = if n == 1 { "picture".to_string() } else { format!("page(s) {}", listed(&checked)) };
            format!("{what} checked by a person (fingerprint in --checked-pictures): not read by OCR")
        };
        if checked.len() == n {
            let pages = vec![Layout::default(); n];
            return Ok(PictureDocument { bytes, format, pages, starts: vec![0; n], notes: vec![checked_note()] });
        }
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
        let mut pages = Vec::with_capacity(n);
        let mut starts = Vec::with_capacity(n);
        let mut units = 0;
        let mut turned = Vec::new();
        let mut unread: Vec<(usize, Verdict)> = Vec::new();
        let mut blank = Vec::new();
        for (i, pixels) in greys.iter().enumerate() {
            // An empty page of a multi-page scan (the back of a letter) has nothing to read; a page a
            // person checked is not read.
            if (n > 1 && ocr_text::is_blank(pixels)) || checked.contains(&(i + 1)) {
                if !checked.contains(&(i + 1)) {
                    blank.push(i + 1);
                }
                starts.push(units);
                pages.push(Layout::default());
                continue;
            }
            let mut words = engine.read(&ocr_text::pgm(pixels)).map_err(|e| Manual::new(Code::OcrFailed, e))?;
            let mut verdict = ocr_text::judge(&mut words, pixels);
            // A picture on its side (a phone photo of a letter, a page scanned the wrong way round)
            // reads as no text or unsure: when orientation detection says how to turn it, it is read
            // turned. Its boxes come back in the picture as it is, so redaction and the report need no
            // turning.
            if verdict != Verdict::Readable
                && let Some((again, t)) = ocr_text::read_turned(engine, pixels, None)
            {
                (words, verdict) = (again, Verdict::Readable);
                turned.push((i + 1, t));
            }
            if verdict != Verdict::Readable {
                unread.push((i + 1, verdict));
            }
            let layout = Layout::new(&words);
            starts.push(units);
            units += layout.units.len();
            pages.push(layout);
        }
        let mut unchecked_note = None;
        if let Some((_, verdict)) = unread.first() {
            let why = verdict.why().unwrap_or_default();
            let listed: Vec<String> = unread.iter().map(|(p, _)| p.to_string()).collect();
            let unsure = unread.iter().any(|(_, v)| *v != Verdict::NoText);
            // No text on every page: a photo (lak does not judge what it shows). No text on some pages
            // of a scan whose other pages hold text: those pages are not checked, which withholds the
            // whole file as an unsure reading does (an Office file keeps a picture without text).
            let hint = ocr_text::checked_hint(&unread.iter().map(|(p, _)| prints[p - 1].clone()).collect::<Vec<_>>());
            let (code, reason) = if n == 1 {
                let code = if unsure { Code::OcrLowConfidence } else { Code::PictureWithoutText };
                (code, format!("in this picture, {why}; {hint}"))
            } else if !unsure && unread.len() + blank.len() + checked.len() == n {
                (Code::PictureWithoutText, format!("on every page of this picture, {why}; {hint}"))
            } else {
                (Code::OcrLowConfidence, format!("on page(s) {} of this picture, {why}; {hint}", listed.join(", ")))
            };
            if !options.allow_unchecked_images {
                return Err(Manual::new(code, reason));
            }
            // Let through as asked, but what OCR did read is still redacted: the other pages of a
            // TIFF, and what an unsure reading found.
            unchecked_note = Some(format!("picture not checked (--allow-unchecked-images): {reason}"));
        }
        let mut notes = vec![format!("read by OCR: {}", engine.describe())];
        notes.extend(unchecked_note);
        if n > 1 {
            notes.push(format!("a TIFF of {n} pages, each read"));
        }
        if !blank.is_empty() {
            notes.push(format!("page(s) {} blank: nothing to read", listed(&blank)));
        }
        if !checked.is_empty() {
            notes.push(checked_note());
        }
        for (page, t) in turned {
            let on = if n > 1 { format!("page {page} ") } else { "picture ".into() };
            notes.push(format!("{on}read turned {t}° clockwise (it stood on its side or upside down)"));
        }
        Ok(PictureDocument { bytes, format, pages, starts, notes })
    }

    /// The page and the unit within it of a document unit.
    fn page_unit(&self, unit: usize) -> Option<(usize, usize)> {
        let page = self.starts.partition_point(|&s| s <= unit).checked_sub(1)?;
        Some((page, unit - self.starts[page]))
    }
}

/// 1-based page numbers as a list: `1, 3`.
fn listed(pages: &[usize]) -> String {
    pages.iter().map(usize::to_string).collect::<Vec<_>>().join(", ")
}

/// The picture's format, from its first bytes; only the formats this adapter writes back.
fn sniff(bytes: &[u8]) -> Result<ImageFormat, Manual> {
    match images::sniff(bytes) {
        Some(Kind::Png) => Ok(ImageFormat::Png),
        Some(Kind::Jpeg) => Ok(ImageFormat::Jpeg),
        Some(Kind::Tiff) => Ok(ImageFormat::Tiff),
        Some(Kind::Gif) => Ok(ImageFormat::Gif),
        Some(Kind::Bmp) => Ok(ImageFormat::Bmp),
        _ => Err(Manual::new(Code::Corrupt, "not a PNG, JPEG, TIFF, GIF or BMP picture")),
    }
}

/// The picture's pages: one, or each page of a TIFF.
fn decode(bytes: &[u8], format: ImageFormat) -> Result<Vec<DynamicImage>, Manual> {
    let corrupt = |e: &dyn std::fmt::Display| Manual::new(Code::Corrupt, format!("picture: {e}"));
    let too_large = |w: u32, h: u32| {
        Manual::new(
            Code::TooLarge,
            format!("a picture of {w} × {h} pixels; lak reads at most {} pixels", limits::PICTURE_MAX_PIXELS),
        )
    };
    if format == ImageFormat::Tiff {
        return tiff_pages(bytes);
    }
    let (w, h) = ImageReader::with_format(Cursor::new(bytes), format).into_dimensions().map_err(|e| corrupt(&e))?;
    if u64::from(w) * u64::from(h) > limits::PICTURE_MAX_PIXELS {
        return Err(too_large(w, h));
    }
    let mut bounds = Limits::default();
    bounds.max_alloc = Some(limits::PICTURE_MAX_PIXELS * 4);
    if format == ImageFormat::Gif {
        use image::{AnimationDecoder, ImageDecoder};
        // Its frames are drawn on a canvas of its logical screen's size: checked above, and bounded here.
        let mut gif = image::codecs::gif::GifDecoder::new(Cursor::new(bytes)).map_err(|e| corrupt(&e))?;
        gif.set_limits(bounds.clone()).map_err(|e| corrupt(&e))?;
        let frames = gif;
        let mut n = 0;
        for frame in frames.into_frames() {
            frame.map_err(|e| corrupt(&e))?;
            n += 1;
            if n > 1 {
                return Err(Manual::new(
                    Code::UnsupportedContent,
                    "an animated GIF: which of its frames a viewer shows is not lak's to choose; handle it by hand",
                ));
            }
        }
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(bounds);
    Ok(vec![reader.decode().map_err(|e| corrupt(&e))?])
}

/// Every page of a TIFF, within [`limits::PICTURE_MAX_PIXELS`] for all pages together and
/// [`limits::PICTURE_MAX_PAGES`] pages.
fn tiff_pages(bytes: &[u8]) -> Result<Vec<DynamicImage>, Manual> {
    use tiff::ColorType as T;
    use tiff::decoder::{Decoder, DecodingResult as R};
    let corrupt = |e: tiff::TiffError| Manual::new(Code::Corrupt, format!("TIFF: {e}"));
    let mut bounds = tiff::decoder::Limits::default();
    bounds.decoding_buffer_size = (limits::PICTURE_MAX_PIXELS * 4) as usize;
    let mut dec = Decoder::new(Cursor::new(bytes)).map_err(corrupt)?.with_limits(bounds);
    let mut pages = Vec::new();
    let mut pixels: u64 = 0;
    loop {
        let (w, h) = dec.dimensions().map_err(corrupt)?;
        pixels += u64::from(w) * u64::from(h);
        if pixels > limits::PICTURE_MAX_PIXELS {
            return Err(Manual::new(
                Code::TooLarge,
                format!("a TIFF of more than {} pixels over its pages", limits::PICTURE_MAX_PIXELS),
            ));
        }
        let colour = dec.colortype().map_err(corrupt)?;
        let data = dec.read_image().map_err(corrupt)?;
        let wrong = || Manual::new(Code::Corrupt, "TIFF: fewer samples than the page's size needs");
        let page = match (colour, data) {
            (T::Gray(1), R::U8(v)) => {
                let row = (w as usize).div_ceil(8);
                if v.len() < row * h as usize {
                    return Err(wrong());
                }
                DynamicImage::ImageLuma8(GrayImage::from_fn(w, h, |x, y| {
                    let bit = (v[y as usize * row + x as usize / 8] >> (7 - x % 8)) & 1;
                    image::Luma([if bit == 1 { 255 } else { 0 }])
                }))
            }
            (T::Gray(8), R::U8(v)) => DynamicImage::ImageLuma8(GrayImage::from_raw(w, h, v).ok_or_else(wrong)?),
            (T::Gray(16), R::U16(v)) => {
                DynamicImage::ImageLuma16(image::ImageBuffer::from_raw(w, h, v).ok_or_else(wrong)?)
            }
            (T::RGB(8), R::U8(v)) => DynamicImage::ImageRgb8(RgbImage::from_raw(w, h, v).ok_or_else(wrong)?),
            (T::RGBA(8), R::U8(v)) => DynamicImage::ImageRgba8(RgbaImage::from_raw(w, h, v).ok_or_else(wrong)?),
            (T::GrayA(8), R::U8(v)) => {
                DynamicImage::ImageLumaA8(image::ImageBuffer::from_raw(w, h, v).ok_or_else(wrong)?)
            }
            (colour, _) => {
                return Err(Manual::new(
                    Code::UnsupportedContent,
                    format!("a TIFF page in {colour:?}, which lak does not read with OCR"),
                ));
            }
        };
        pages.push(page);
        if !dec.more_images() {
            break;
        }
        if pages.len() >= limits::PICTURE_MAX_PAGES {
            return Err(Manual::new(
                Code::TooLarge,
                format!("a TIFF of more than {} pages", limits::PICTURE_MAX_PAGES),
            ));
        }
        dec.next_image().map_err(corrupt)?;
    }
    Ok(pages)
}

/// Whether a page is grey (kept grey when written back): stored grey, or colour with no colour in it
/// (a bilevel BMP or a grey GIF decode as RGB).
fn is_grey(img: &DynamicImage) -> bool {
    match img {
        DynamicImage::ImageLuma8(_)
        | DynamicImage::ImageLuma16(_)
        | DynamicImage::ImageLumaA8(_)
        | DynamicImage::ImageLumaA16(_) => true,
        DynamicImage::ImageRgb8(c) => c.pixels().all(|p| p.0[0] == p.0[1] && p.0[1] == p.0[2]),
        _ => false,
    }
}

/// A multi-page TIFF of `pages`, grey or RGB, Deflate-compressed; no tags but what draws the pages.
fn write_tiff(pages: &[Pixels]) -> Result<Vec<u8>, String> {
    use tiff::encoder::{Compression, DeflateLevel, TiffEncoder, colortype};
    let mut out = Cursor::new(Vec::new());
    {
        let mut enc = TiffEncoder::new(&mut out)
            .map_err(|e| e.to_string())?
            .with_compression(Compression::Deflate(DeflateLevel::Balanced));
        for page in pages {
            match page {
                Pixels::Grey(g) => enc.write_image::<colortype::Gray8>(g.width(), g.height(), g.as_raw()),
                Pixels::Colour(c) => enc.write_image::<colortype::RGB8>(c.width(), c.height(), c.as_raw()),
            }
            .map_err(|e| e.to_string())?;
        }
    }
    Ok(out.into_inner())
}

impl Document for PictureDocument {
    fn units(&self) -> Vec<&str> {
        self.pages.iter().flat_map(|l| l.units.iter().map(String::as_str)).collect()
    }

    fn locate(&self, unit: usize, start: usize, end: usize) -> Location {
        let Some((page, u)) = self.page_unit(unit) else {
            return Location { offset: start, length: end - start, ..Location::default() };
        };
        let layout = &self.pages[page];
        let bbox = layout.line_boxes(u, start, end).map(|boxes| {
            boxes.iter().fold(boxes[0], |a, b| [a[0].min(b[0]), a[1].min(b[1]), a[2].max(b[2]), a[3].max(b[3])])
        });
        Location {
            part: Some(match layout.correction_note(u, start, end) {
                Some(note) => format!("OCR block {} ({note})", u + 1),
                None => format!("OCR block {}", u + 1),
            }),
            page: Some(page as u32 + 1),
            bbox: bbox.map(|b| b.map(|v| v as f32)),
            line: layout.line_of(u, start),
            offset: start,
            length: end - start,
            ..Location::default()
        }
    }

    fn notes(&self) -> Vec<String> {
        self.notes.clone()
    }

    fn redact(&self, redactions: &[Redaction]) -> Result<Redacted, Manual> {
        // Nothing to black out: the metadata goes and the pixels stay as they are (a JPEG encoded anew
        // would read differently, and a picture a person checked must stay the one checked). A TIFF is
        // written anew whole: the metadata stripper keeps only its first page.
        if redactions.is_empty() && self.format != ImageFormat::Tiff {
            let kind = images::sniff(&self.bytes).ok_or_else(|| Manual::new(Code::InternalError, "picture lost"))?;
            let clean = images::strip(kind, &self.bytes)
                .map_err(|why| Manual::new(Code::Corrupt, format!("picture metadata: {why}")))?;
            return Ok(Redacted {
                bytes: clean.unwrap_or_else(|| self.bytes.clone()),
                scrubbed: vec!["picture metadata (EXIF, XMP, comments, text chunks) removed; pixels unchanged".into()],
            });
        }
        let frames = decode(&self.bytes, self.format)?;
        let mut boxes: Vec<Vec<[u32; 4]>> = vec![Vec::new(); frames.len()];
        for r in redactions {
            let (page, u) = self
                .page_unit(r.unit)
                .ok_or_else(|| Manual::new(Code::InternalError, "a finding in a picture maps to no page"))?;
            let img = &frames[page];
            let hit = self.pages[page]
                .line_boxes(u, r.start, r.end)
                .ok_or_else(|| Manual::new(Code::InternalError, "a finding in a picture maps to no OCR word"))?;
            boxes[page].extend(hit.into_iter().map(|b| ocr_text::widened(b, img.width(), img.height())));
        }
        let pages: Vec<Pixels> = frames
            .into_iter()
            .zip(&boxes)
            .map(|(img, b)| {
                let mut pixels =
                    if is_grey(&img) { Pixels::Grey(img.to_luma8()) } else { Pixels::Colour(img.to_rgb8()) };
                pixels.fill(b);
                pixels
            })
            .collect();
        let failed =
            |e: &dyn std::fmt::Display| Manual::new(Code::InternalError, format!("picture could not be encoded: {e}"));
        let out = if self.format == ImageFormat::Tiff {
            write_tiff(&pages).map_err(|e| failed(&e))?
        } else {
            let img = match pages.into_iter().next() {
                Some(Pixels::Grey(p)) => DynamicImage::ImageLuma8(p),
                Some(Pixels::Colour(p)) => DynamicImage::ImageRgb8(p),
                None => return Err(Manual::new(Code::InternalError, "a picture without pixels")),
            };
            let mut out = Vec::new();
            img.write_to(&mut Cursor::new(&mut out), self.format).map_err(|e| failed(&e))?;
            out
        };
        Ok(Redacted {
            bytes: out,
            scrubbed: vec!["picture encoded anew: metadata (EXIF, XMP, comments, text chunks) not copied".into()],
        })
    }
}
