//! Scanned pages and pictures on text pages, read by OCR and redacted in the pixels.
//!
//! A page is scanned when it draws images and no glyph a reader sees: a scan without a text layer, a
//! searchable scan (its OCR text invisible, render mode 3), and lak's own output of either read back
//! (its labels are white text on black boxes). The text a page carries is read as always; OCR adds
//! what the pixels show, so a searchable scan is checked on both and redacted on the union.
//!
//! A picture on a text page (a copy of an identity card pasted into a letter, a screenshot) is read
//! the same way when it is drawn large enough to hold a word ([`ocr::worth_reading`]). Its policy is
//! the Office pictures': one in which OCR reads no text is kept (a photo, a logo: the page is judged by
//! its text), one read unsure withholds the document, one lak cannot decode is noted as not read unless
//! it covers a quarter of the page ([`ocr::large`]: a pasted scan), which withholds the document.
//!
//! ```text
//!  image XObject ─► decode once (samples.rs: JPEG or raw samples, grey, RGB or a palette, through its
//!                   soft mask over white) ─► grey pixels ─► Tesseract (PNM on stdin, the dpi it is
//!                   drawn at) ─► media/ocr_text.rs: drop words on black, judge, lay out
//!  findings ─► word boxes per OCR line, widened ─► filled black in the pixels; image encoded anew
//!           ─► the same boxes through the image's matrix to page space: labelled boxes, and the glyphs
//!              of an invisible text layer under them removed
//! ```
//!
//! An image shown on several pages is read once; its boxes are drawn at every use.
//! Images smaller than [`ocr::MIN_SIDE`] pixels on a side are not read (no text fits), nor are blank
//! ones ([`crate::formats::media::ocr_text::is_blank`]). What lak cannot decode (CCITT, JBIG2, JPEG 2000,
//! CMYK, 16 bits, an inline image) is not guessed at: a scanned page is refused (`pdf_image_only`), with
//! the reason.
//!
//! - `ocr.rs` decides which images are read and reads them;
//! - `policy.rs` decides what may pass of what was read: refusals and notes;
//! - `samples.rs` decodes an image's samples to pixels, and writes them back with boxes filled black;
//! - `ocr_layer.rs` chooses the words of the OCR text layer written on scanned pages that carry none.

mod ocr;
mod ocr_layer;
mod policy;
pub(super) mod samples;

pub(super) use ocr::{Scans, scanned_pages};
pub(super) use policy::read_scans;
