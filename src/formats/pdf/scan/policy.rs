//! What may pass of what OCR read: the refusals and the notes for scanned pages and pictures on text
//! pages.

use lopdf::Document as LoDocument;

use super::ocr;
use crate::formats::Options;
use crate::formats::pdf::page_list;
use crate::formats::pdf::text::interpret::Layer;
use crate::model::{Code, Manual};

/// OCRs the scanned pages and the pictures on text pages (`ocr.rs`) and decides whether they can be
/// checked: without Tesseract, an image lak cannot decode, a reading too unsure, or no text where the
/// pixels of a scan show something, the document needs manual handling (`--allow-unchecked-images`: a
/// note says what was not checked). Pictures on text pages follow the Office pictures' policy.
pub(crate) fn read_scans(
    doc: &LoDocument,
    layer: &Layer,
    options: &Options,
    notes: &mut Vec<String>,
) -> Result<ocr::Scans, Manual> {
    let scanned = ocr::scanned_pages(layer);
    // The 1-based pages of the pictures on text pages worth reading, and of those covering a quarter
    // of the page or more.
    let (mut pictures, mut large) = (Vec::new(), Vec::new());
    for img in &layer.images {
        if let ocr::Role::Picture { large: big } = ocr::role(doc, layer, &scanned, img) {
            let page = layer.uses[img.use_id as usize].page + 1;
            pictures.push(page);
            if big {
                large.push(page);
            }
        }
    }
    for list in [&mut pictures, &mut large] {
        list.sort_unstable();
        list.dedup();
    }
    if scanned.is_empty() && pictures.is_empty() {
        return Ok(ocr::Scans::default());
    }
    let pages = |list: &[u32]| page_list(list);
    let Some(engine) = &options.ocr else {
        // A picture covering a quarter of the page is withheld unread, as a scan is; smaller ones are
        // kept with a note, as Office pictures are.
        if !large.is_empty() && !options.allow_unchecked_images {
            return Err(Manual::new(
                Code::OcrUnavailable,
                format!(
                    "page(s) {} hold a picture covering a quarter of the page or more (a pasted scan?): lak reads \
                     pictures with OCR and found no Tesseract; install it (Debian: apt-get install tesseract-ocr \
                     tesseract-ocr-nld), or use --allow-unchecked-images to let them through unchecked",
                    pages(&large)
                ),
            ));
        }
        if !pictures.is_empty() {
            notes.push(format!(
                "pictures on page(s) {} not read: no Tesseract on this machine (Debian: apt-get install \
                 tesseract-ocr tesseract-ocr-nld); text in them was not checked",
                pages(&pictures)
            ));
        }
        if scanned.is_empty() {
            return Ok(ocr::Scans::default());
        }
        // A searchable scan too: its invisible text layer may say other things than its pixels.
        let listed: Vec<u32> = scanned.iter().map(|p| p + 1).collect();
        if !options.allow_unchecked_images {
            return Err(Manual::new(
                Code::PdfImageOnly,
                format!(
                    "page(s) {} hold only images (a scan, perhaps with an invisible text layer): lak reads scans \
                     with OCR and found no Tesseract; install it (Debian: apt-get install tesseract-ocr \
                     tesseract-ocr-nld), or use --allow-unchecked-images to let them through unchecked",
                    pages(&listed)
                ),
            ));
        }
        notes.push(format!("page(s) {}: only images (a scan; no OCR), NOT checked", pages(&listed)));
        return Ok(ocr::Scans::default());
    };
    let scans = ocr::read(doc, layer, engine, &options.checked_pictures);
    let mut problems: Vec<(Code, String)> = Vec::new();
    let grouped = |list: &[(u32, String)]| -> String {
        let mut whys: Vec<&str> = list.iter().map(|(_, w)| w.as_str()).collect();
        whys.sort_unstable();
        whys.dedup();
        let mut ps: Vec<u32> = list.iter().map(|(p, _)| *p).collect();
        ps.sort_unstable();
        ps.dedup();
        format!("page(s) {}: {}", pages(&ps), whys.join("; "))
    };
    if !scans.failed.is_empty() {
        problems.push((Code::OcrFailed, format!("OCR failed on an image on {}", grouped(&scans.failed))));
    }
    if !scans.undecodable.is_empty() {
        problems.push((
            Code::PdfImageOnly,
            format!("scanned {} (lak reads scans with OCR, and cannot read this one)", grouped(&scans.undecodable)),
        ));
    }
    if !scans.unsure.is_empty() {
        problems.push((Code::OcrLowConfidence, format!("scanned {}", grouped(&scans.unsure))));
    }
    if !scans.without_text.is_empty() {
        problems.push((Code::PictureWithoutText, format!("scanned {}", grouped(&scans.without_text))));
    }
    if !scans.pictures_undecodable.is_empty() {
        problems.push((
            Code::PdfUnsupported,
            format!(
                "a picture covering a quarter of the page or more (a pasted scan?) on {}: lak reads pictures with \
                 OCR and cannot read this one",
                grouped(&scans.pictures_undecodable)
            ),
        ));
    }
    if !scans.pictures_large_without_text.is_empty() {
        problems.push((
            Code::PictureWithoutText,
            format!(
                "a picture covering a quarter of the page or more on {} (a scanned page with a stamped number, a \
                 handwritten letter, a photo?)",
                grouped(&scans.pictures_large_without_text)
            ),
        ));
    }
    if !scans.pictures_unsure.is_empty() {
        problems.push((Code::OcrLowConfidence, format!("a picture on {}", grouped(&scans.pictures_unsure))));
    }
    if !problems.is_empty() {
        let all: Vec<&str> = problems.iter().map(|(_, why)| why.as_str()).collect();
        if !options.allow_unchecked_images {
            return Err(Manual::new(problems[0].0, all.join("; ")));
        }
        notes.push(format!("{}: NOT checked (--allow-unchecked-images)", all.join("; ")));
    }
    if !scans.read.is_empty() {
        notes.push(format!("page(s) {} scanned: read by OCR ({})", pages(&scans.read), engine.describe()));
    }
    if !scans.pictures_read.is_empty() {
        notes.push(format!("pictures on page(s) {}: read by OCR ({})", pages(&scans.pictures_read), engine.describe()));
    }
    if !scans.pictures_unread.is_empty() {
        notes.push(format!("pictures NOT read by OCR on {}", grouped(&scans.pictures_unread)));
    }
    if scans.pictures_without_text > 0 {
        notes.push(format!(
            "{} picture(s) on text pages in which OCR reads no text kept unchanged",
            scans.pictures_without_text
        ));
    }
    if scans.small > 0 {
        notes.push(format!(
            "{} image(s) smaller than {} pixels on a side: too small to hold text, not read",
            scans.small,
            ocr::MIN_SIDE
        ));
    }
    if scans.blank > 0 {
        notes.push(format!("{} blank image(s): nothing to read", scans.blank));
    }
    if scans.tiny > 0 {
        notes.push(format!(
            "{} small picture(s) on text pages (icons, bullets, rules: too small to hold a word): not read",
            scans.tiny
        ));
    }
    if scans.detached > 0 {
        notes.push(format!(
            "{} image(s) outside page space (in patterns, soft masks, glyph procedures or forms never drawn): NOT \
             read by OCR",
            scans.detached
        ));
    }
    if scans.checked > 0 {
        notes.push(format!(
            "{} image(s) checked by a person (fingerprint in --checked-pictures): not read by OCR",
            scans.checked
        ));
    }
    Ok(scans)
}
