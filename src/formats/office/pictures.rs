//! Pictures in an Office package: read by OCR with the picture adapter (PNG and JPEG parts, and the
//! bitmaps inside EMF/WMF pictures), or kept without their metadata when lak does not read them.

use super::package::Entry;
use super::{Part, Tally, images, metafile};
use crate::formats::media::ocr_text;
use crate::formats::{Document, Format, Options, Picture};
use crate::model::{Code, Manual};

/// What OCR made of a picture in the package.
pub(crate) enum Read {
    /// Read: its text is units of the document, its pixels are redacted.
    Picture(Box<dyn Document>),
    /// Read too unsure to check (`ocr_low_confidence`): the document needs manual handling, or the
    /// picture is removed under `--drop-embedded`.
    Refused(Manual),
    /// Not read (no text in it, no Tesseract, or unreadable and `--allow-unchecked-images`): kept as
    /// pictures were before OCR, without metadata; the note says why, once per document.
    Unread(Option<&'static str>),
}

/// An image part: read by OCR ([`read_picture`]), or kept without its metadata ([`strip_picture`]);
/// a reading too unsure refuses the document, unless `--drop-embedded` removes the picture.
pub(crate) fn picture_part(
    e: &Entry,
    format: images::ImageFormat,
    options: &Options,
    scrubbed: &mut Tally,
    notes: &mut Tally,
) -> Result<Part, Manual> {
    Ok(match read_picture(&e.name, format, &e.data, options) {
        Read::Picture(doc) => {
            scrubbed.add("pictures read by OCR and encoded anew (no metadata, no old pixels)", 1);
            for n in doc.notes() {
                notes.add(format!("picture {}: {n}", e.name), 1);
            }
            Part::Picture(doc)
        }
        Read::Refused(_) if options.drop_embedded => {
            scrubbed.add("pictures OCR cannot read removed (--drop-embedded)", 1);
            Part::Remove
        }
        Read::Refused(m) => return Err(m),
        Read::Unread(why) => {
            if let Some(why) = why {
                notes.add(why, 1);
            }
            strip_picture(&e.name, format, &e.data, options, scrubbed)?
        }
    })
}

/// Reads a PNG or JPEG picture with the picture adapter (OCR). A copy of an identity card pasted into a
/// letter is the document's most personal page: its text is found and blacked out like any other. A
/// picture without text stays (lak does not judge what a photo shows, and a logo is no person).
pub(crate) fn read_picture(name: &str, format: images::ImageFormat, data: &[u8], options: &Options) -> Read {
    // A picture OCR cannot read may show text no one checked: the document needs a person, unless the
    // user lets such pictures pass (`--allow-unchecked-images`) or removes them (`--drop-embedded`).
    let unchecked = |why: String| {
        if options.allow_unchecked_images {
            Read::Unread(Some("pictures lak cannot read with OCR kept unread (--allow-unchecked-images)"))
        } else {
            Read::Refused(Manual::new(
                Code::UnsupportedContent,
                format!(
                    "picture {name}: {why}, so text in it is not checked; check it by hand, then pass \
                     --allow-unchecked-images (kept unread) or --drop-embedded (removed)"
                ),
            ))
        }
    };
    if format == images::ImageFormat::Webp {
        return unchecked("a WebP picture, which lak does not read with OCR".into());
    }
    if !crate::formats::picture::readable(data) {
        return unchecked("a picture lak does not read with OCR".into());
    }
    match Picture.open(data.to_vec(), options) {
        Ok(doc) => Read::Picture(doc),
        Err(m) => match m.code {
            Code::OcrLowConfidence | Code::OcrFailed => {
                Read::Refused(Manual::new(m.code, format!("picture {name}: {}", m.reason)))
            }
            Code::OcrUnavailable => Read::Unread(Some(
                "pictures not read: no Tesseract on this machine (Debian: apt-get install tesseract-ocr \
                 tesseract-ocr-nld); text in them was not checked",
            )),
            Code::PictureWithoutText => Read::Unread(Some("pictures in which OCR reads no text kept unchanged")),
            // Damaged, over a limit, animated: not read, so not checked.
            _ => unchecked(format!("lak cannot read it with OCR ({})", m.reason)),
        },
    }
}

/// A metafile as read, and the documents of its bitmaps in which OCR reads text.
pub(crate) type ReadMetafile = (metafile::Metafile, Vec<Box<dyn Document>>);

/// The bitmaps of a metafile, read by OCR with the Office pictures' policy: one in which OCR reads text
/// is a document whose units are the metafile's after its text records; no text or too small to hold
/// any: noted and passed; not decodable: refused unless allowed ([`undecodable`]); read unsure: refused.
pub(crate) fn read_bitmaps(
    name: &str,
    m: &metafile::Metafile,
    options: &Options,
    notes: &mut Tally,
) -> Result<Vec<Box<dyn Document>>, Manual> {
    let mut docs = Vec::new();
    for (k, bitmap) in m.bitmaps.iter().enumerate() {
        let bytes = match bitmap {
            Ok(b) => b,
            Err(why) => {
                undecodable(name, k, why, options, notes)?;
                continue;
            }
        };
        // Too small to hold text (a size that does not read is the picture adapter's to refuse).
        let small = image::ImageReader::new(std::io::Cursor::new(bytes))
            .with_guessed_format()
            .ok()
            .and_then(|r| r.into_dimensions().ok())
            .is_some_and(|(w, h)| w.min(h) < ocr_text::MIN_SIDE);
        if small {
            notes.add("bitmaps inside EMF/WMF pictures too small to hold text, not read", 1);
            continue;
        }
        match Picture.open(bytes.clone(), options) {
            Ok(doc) => {
                notes.add("bitmaps inside EMF/WMF pictures read by OCR", 1);
                for n in doc.notes().into_iter().filter(|n| !n.starts_with("read by OCR")) {
                    notes.add(format!("picture {name}, bitmap {}: {n}", k + 1), 1);
                }
                docs.push(doc);
            }
            Err(m) => match m.code {
                Code::OcrLowConfidence | Code::OcrFailed => {
                    return Err(Manual::new(m.code, format!("picture {name}, bitmap {}: {}", k + 1, m.reason)));
                }
                Code::OcrUnavailable => notes.add(
                    "bitmaps inside EMF/WMF pictures not read: no Tesseract on this machine (Debian: apt-get \
                     install tesseract-ocr tesseract-ocr-nld)",
                    1,
                ),
                Code::PictureWithoutText => notes.add("bitmaps inside EMF/WMF pictures without text, kept", 1),
                _ => undecodable(name, k, &m.reason, options, notes)?,
            },
        }
    }
    Ok(docs)
}

/// A bitmap of a metafile that OCR cannot read (it does not decode, or is over a limit): its text is
/// not checked, so the document needs a person, as with an Office picture lak cannot read — unless the
/// user lets it pass (`--allow-unchecked-images`, noted) or removes the metafile (`--drop-embedded`).
fn undecodable(name: &str, k: usize, why: &str, options: &Options, notes: &mut Tally) -> Result<(), Manual> {
    if options.allow_unchecked_images {
        notes.add(
            format!("bitmaps inside EMF/WMF pictures lak cannot decode, kept unread ({why}; --allow-unchecked-images)"),
            1,
        );
        return Ok(());
    }
    Err(Manual::new(
        Code::UnsupportedContent,
        format!(
            "picture {name}, bitmap {}: lak cannot read it with OCR ({why}), so text in it is not checked; check \
             it by hand, then pass --allow-unchecked-images (kept unread) or --drop-embedded (picture removed)",
            k + 1
        ),
    ))
}

/// The bitmap and its unit that unit `local` of a metafile part is, if it is not a text record's.
pub(crate) fn bitmap_unit(m: &metafile::Metafile, docs: &[Box<dyn Document>], local: usize) -> Option<(usize, usize)> {
    let mut at = local.checked_sub(m.texts.len())?;
    for (k, d) in docs.iter().enumerate() {
        let n = d.units().len();
        if at < n {
            return Some((k, at));
        }
        at -= n;
    }
    None
}

/// A picture lak does not read, without its metadata (what pictures in Office files were before OCR).
pub(crate) fn strip_picture(
    name: &str,
    format: images::ImageFormat,
    data: &[u8],
    options: &Options,
    scrubbed: &mut Tally,
) -> Result<Part, Manual> {
    Ok(match images::strip(format, data) {
        Ok(Some(clean)) => {
            scrubbed.add("picture metadata (EXIF, GPS, XMP, IPTC, comments) removed", 1);
            Part::Image(clean)
        }
        Ok(None) => Part::Raw,
        Err(_) if options.drop_embedded => {
            scrubbed.add("embedded objects lak cannot read removed (--drop-embedded)", 1);
            Part::Remove
        }
        Err(why) => {
            return Err(Manual::new(
                Code::EmbeddedObject,
                format!("picture {name} does not parse ({why}); lak cannot check it"),
            ));
        }
    })
}
