//! Format adapters: one per file type, behind one trait.
//!
//! An adapter does three things for its format, and nothing else:
//!
//! 1. **extract** — [`Format::open`] parses the bytes and exposes the text as *units* (a plain-text file
//!    is one unit; later formats use a paragraph, a cell, a page) with a way back to the source
//!    ([`Document::locate`]);
//! 2. **redact** — [`Document::redact`] removes the spans it is given from the file itself and puts a
//!    marker carrying the ground in their place;
//! 3. **scrub** — the same call removes the hidden data of the format (metadata, comments, old
//!    revisions) and lists what it removed.
//!
//! Anything an adapter cannot fully handle is returned as [`Manual`]: the pipeline then withholds the
//! document. Adding a format is adding a module that implements [`Format`] and registering it in
//! [`Registry::standard`].

mod csv;
pub(crate) mod mail;
pub(crate) mod media;
mod msg;
pub(crate) mod office;
pub(crate) mod pdf;
pub(crate) mod picture;
mod splice;
mod text;

use std::path::Path;

use crate::model::{Location, Manual};

pub use csv::Csv;
pub use mail::Mail;
pub use msg::Msg;
pub use office::Office;
pub use pdf::Pdf;
pub use picture::Picture;
pub use text::PlainText;

/// A file type lak can process.
pub trait Format: Send + Sync {
    /// Short name used in the report (`text`, `docx`, `pdf`).
    fn name(&self) -> &'static str;

    /// File name extensions (lower case, without the dot) this format claims.
    fn extensions(&self) -> &'static [&'static str];

    /// The format the redacted output is written in, when it is another (an Outlook `.msg` is written
    /// as `.eml`): the pipeline reads the output back with it and publishes it under its extension.
    fn output(&self) -> Option<&'static dyn Format> {
        None
    }

    /// Parses a file. Anything that cannot be fully understood is a [`Manual`] reason.
    fn open(&self, bytes: Vec<u8>, options: &Options) -> Result<Box<dyn Document>, Manual>;
}

/// An opened document.
pub trait Document: Send {
    /// The text units the detector reads.
    fn units(&self) -> Vec<&str>;

    /// Where `units[unit][start..end]` is in the source document.
    fn locate(&self, unit: usize, start: usize, end: usize) -> Location;

    /// Text that labels a unit without being part of it, such as the header cell of a spreadsheet
    /// column: context words in it count for every match in the unit (a date under `Geboortedatum` is a
    /// date of birth, a number under `BSN` is more surely a BSN).
    fn header(&self, _unit: usize) -> Option<&str> {
        None
    }

    /// Whether a unit is an identifier (a PDF name) rather than text: the name recogniser only finds
    /// names confirmed elsewhere in the document there ([`crate::detect::Detector::detect_document`]).
    fn is_identifier(&self, _unit: usize) -> bool {
        false
    }

    /// Every stored byte sequence of the document in decoded form (decompressed zip parts, decoded PDF
    /// streams), beyond the raw file: the pipeline's final sweep searches them for every removed value.
    /// A format whose file is its text (plain text) needs none.
    fn byte_views(&self) -> Vec<ByteView<'_>> {
        Vec::new()
    }

    /// How the file itself is written, for the final sweep.
    fn file_syntax(&self) -> Syntax {
        Syntax::Bytes
    }

    /// Hidden content the format found and will keep processing (e.g. hidden sheets), for the report.
    fn notes(&self) -> Vec<String> {
        Vec::new()
    }

    /// The document's own date, `YYYY-MM-DD`, where the format records one (Office: the core property
    /// `created`; PDF: `/CreationDate`), read from the input before anything is scrubbed. Text and CSV
    /// record none.
    fn date(&self) -> Option<String> {
        None
    }

    /// Writes the redacted document: every span in `redactions` is removed and replaced by its marker,
    /// and hidden data is scrubbed.
    fn redact(&self, redactions: &[Redaction]) -> Result<Redacted, Manual>;
}

/// One decoded byte sequence of a document, with where it is (for the reason when a removed value is
/// found in it).
#[derive(Clone, Debug)]
pub struct ByteView<'a> {
    /// Where in the document, e.g. `part word/document.xml`, `stream object 12`.
    pub place: String,
    /// The bytes.
    pub bytes: std::borrow::Cow<'a, [u8]>,
    /// How they are written.
    pub syntax: Syntax,
}

impl<'a> ByteView<'a> {
    /// A view of borrowed bytes.
    pub fn borrowed(place: impl Into<String>, bytes: &'a [u8]) -> ByteView<'a> {
        ByteView { place: place.into(), bytes: std::borrow::Cow::Borrowed(bytes), syntax: Syntax::Bytes }
    }

    /// A view of owned bytes.
    pub fn owned(place: impl Into<String>, bytes: Vec<u8>) -> ByteView<'a> {
        ByteView { place: place.into(), bytes: std::borrow::Cow::Owned(bytes), syntax: Syntax::Bytes }
    }

    /// The same view, written in `syntax`.
    pub fn with_syntax(self, syntax: Syntax) -> ByteView<'a> {
        ByteView { syntax, ..self }
    }
}

/// How the bytes of a view are written, for the final sweep: a removed value can also be a token of
/// the format's own syntax, which is the same in every file and so no copy of anything.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Syntax {
    /// Plain bytes: every occurrence counts.
    #[default]
    Bytes,
    /// PDF objects or content operators: a name from PDF's own vocabulary (`/Parent`, `/Text`) is
    /// syntax.
    PdfTokens,
}

impl Syntax {
    /// Whether `bytes[start..end]` is a whole token of the format's own vocabulary.
    pub fn is_vocabulary(self, bytes: &[u8], start: usize, end: usize) -> bool {
        match self {
            Syntax::Bytes => false,
            Syntax::PdfTokens => pdf::is_vocabulary_token(bytes, start, end),
        }
    }
}

/// Choices a user makes about content lak cannot check.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Remove embedded objects (OLE objects, attachments) lak cannot inspect instead of sending the
    /// document to manual handling (`--drop-embedded`).
    pub drop_embedded: bool,
    /// Let pages that hold only images (scans, no text layer), pictures in e-mail and picture files OCR
    /// cannot read through, marked as unchecked in the report, instead of sending the document to manual
    /// handling (`--allow-unchecked-images`).
    pub allow_unchecked_images: bool,
    /// Write no OCR text layer on scanned PDF pages, and remove the invisible text layer they carry
    /// (`--no-text-layer`).
    pub no_text_layer: bool,
    /// Fingerprints of pictures a person has checked (`--checked-pictures`, see
    /// `media::ocr_text::fingerprint`): not read by OCR, published as they are (without metadata).
    pub checked_pictures: std::collections::BTreeSet<String>,
    /// The OCR engine pictures are read with (`None`: pictures need manual handling, or with
    /// `allow_unchecked_images` pass unchecked).
    pub ocr: Option<crate::ocr::Engine>,
}

/// The fingerprints of a `--checked-pictures` file: one per line (`sha256:` and 64 hexadecimal digits,
/// anything after it on the line a comment), blank lines and lines starting with `#` skipped; `Err`
/// names the first line that is none of these.
pub fn checked_pictures(text: &str) -> Result<std::collections::BTreeSet<String>, String> {
    let mut out = std::collections::BTreeSet::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let print = line.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
        let ok =
            print.strip_prefix("sha256:").is_some_and(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()));
        if !ok {
            return Err(format!("line {}: not a picture fingerprint (sha256: and 64 hexadecimal digits)", n + 1));
        }
        out.insert(print);
    }
    Ok(out)
}

/// One span to remove.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redaction {
    /// Unit index.
    pub unit: usize,
    /// Byte offset in the unit's text.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// The label for the marker, e.g. `5.1.2e`.
    pub label: String,
}

/// The output of a redaction.
#[derive(Clone, Debug, Default)]
pub struct Redacted {
    /// The new file.
    pub bytes: Vec<u8>,
    /// Hidden data that was removed (e.g. `document properties: author`), for the report.
    pub scrubbed: Vec<String>,
}

/// `YYYY-MM-DD` from the first eight digits of `digits` (year, month, day; separators skipped), when
/// they make a plausible calendar date.
pub(crate) fn iso_date(text: &[u8]) -> Option<String> {
    let digits: Vec<u8> = text.iter().take(10).filter(|b| b.is_ascii_digit()).map(|b| b - b'0').take(8).collect();
    let [y1, y2, y3, y4, m1, m2, d1, d2] = digits[..] else { return None };
    let year = u32::from(y1) * 1000 + u32::from(y2) * 100 + u32::from(y3) * 10 + u32::from(y4);
    let (month, day) = (m1 * 10 + m2, d1 * 10 + d2);
    ((1900..=2999).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// The marker written in place of a removed value.
pub fn marker(label: &str) -> String {
    format!("[{label}]")
}

/// The formats lak knows, looked up by file extension.
pub struct Registry {
    formats: Vec<Box<dyn Format>>,
}

impl Registry {
    /// Every built-in format.
    pub fn standard() -> Registry {
        Registry {
            formats: vec![
                Box::new(PlainText),
                Box::new(Csv),
                Box::new(Office::WORD),
                Box::new(Office::EXCEL),
                Box::new(Office::POWERPOINT),
                Box::new(Pdf),
                Box::new(Mail),
                Box::new(Picture),
                Box::new(Msg),
            ],
        }
    }

    /// The format for a path, by its extension (case-insensitive).
    pub fn for_path(&self, path: &Path) -> Option<&dyn Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        self.formats.iter().find(|f| f.extensions().contains(&ext.as_str())).map(|f| f.as_ref())
    }

    /// Every extension handled, for messages.
    pub fn extensions(&self) -> Vec<&'static str> {
        self.formats.iter().flat_map(|f| f.extensions().iter().copied()).collect()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn iso_dates_from_office_and_pdf_forms() {
        assert_eq!(super::iso_date(b"2024-03-01T10:00:00Z").as_deref(), Some("2024-03-01"));
        assert_eq!(super::iso_date(b"20240301120000+01'00'").as_deref(), Some("2024-03-01"));
        assert_eq!(super::iso_date(b"2024-13-01"), None);
        assert_eq!(super::iso_date(b"2024"), None);
    }
}
