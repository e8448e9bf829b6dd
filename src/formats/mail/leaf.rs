//! What each leaf part becomes: text the detector reads, an attachment opened by the adapter of its
//! format, a picture, or a reason for manual handling.
//!
//! | part | becomes |
//! |---|---|
//! | `text/plain`, `text/html` (inline or attached) | text (HTML: text nodes and attributes) |
//! | `text/calendar`, `text/csv`, `text/vcard`, `text/markdown` and the like | plain text |
//! | `message/rfc822`, a `.eml` file | a message of its own, read by this adapter |
//! | a file another adapter reads (by file name, else by type): PDF, DOCX, XLSX, PPTX, text, CSV | that adapter's document |
//! | S/MIME or PGP signed or encrypted parts | manual handling (`signed`, `encrypted`) |
//! | PNG and JPEG pictures (inline or attached) | the picture adapter's document: OCR, values blacked out in the pixels, encoded anew; what OCR cannot check needs manual handling with its code (`ocr_unavailable`, `picture_without_text`, `ocr_low_confidence`) |
//! | other pictures (GIF, BMP, WebP, TIFF) | manual handling (`embedded_object`): kept with their metadata removed under `--allow-unchecked-images` |
//! | anything else (TNEF `winmail.dat`, archives, executables) | manual handling (`embedded_object`) |
//!
//! With `--drop-embedded`, a part that would go to manual handling for what it is (not for being
//! damaged) is replaced by a short text part saying it was removed.

use std::path::Path;

use super::html::{self, Html};
use super::mime::Part;
use crate::formats::office::images;
use crate::formats::{Document, Format, Options, Picture, Registry};
use crate::model::{Code, Manual};

/// A leaf part, read.
pub(super) enum Leaf {
    /// Decoded text; `html` when it is an HTML body.
    Text { text: String, html: Option<Html> },
    /// A file another adapter (or this one, for a message) opened.
    Attachment { data: Vec<u8>, doc: Box<dyn Document> },
    /// A picture kept without its metadata (`--allow-unchecked-images`).
    Picture { data: Vec<u8>, clean: Option<Vec<u8>> },
    /// Replaced by a note (`--drop-embedded`).
    Dropped,
}

const PLAIN_TEXT_TYPES: &[&str] = &[
    "text/calendar",
    "text/csv",
    "text/vcard",
    "text/x-vcard",
    "text/directory",
    "text/markdown",
    "text/x-markdown",
    "text/tab-separated-values",
    "text/enriched",
];

/// The file name extension an attachment without a usable name is read as, by its type.
fn extension_of_type(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "application/pdf" => "pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xlsx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation" => "pptx",
        "message/rfc822" | "message/global" => "eml",
        _ => return None,
    })
}

/// A PNG or JPEG picture (by its type or file name, and its first bytes), read like a picture file in
/// the dossier: OCR, detection, pixel redaction ([`Picture`]). What that adapter cannot check (no
/// Tesseract, no text, text read unsure) is dropped under `--drop-embedded`, else the message needs
/// manual handling with the picture's reason; a damaged picture always does.
fn picture(name: &str, kind: &str, what: &str, data: &[u8], options: &Options) -> Option<Result<Leaf, Manual>> {
    let by_name = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| Picture.extensions().iter().any(|x| x.eq_ignore_ascii_case(e)));
    if !(kind.starts_with("image/") || by_name) || !super::super::picture::readable(data) {
        return None;
    }
    Some(match Picture.open(data.to_vec(), options) {
        Ok(doc) => Ok(Leaf::Attachment { data: data.to_vec(), doc }),
        Err(m) if options.drop_embedded && m.code != Code::Corrupt => Ok(Leaf::Dropped),
        Err(m) => Err(Manual::new(m.code, format!("picture {what}: {}", m.reason))),
    })
}

/// Reads a leaf part whose decoded content is `data`. `open_message` opens a nested message.
pub(super) fn read(
    part: &Part,
    data: Vec<u8>,
    options: &Options,
    open_message: &dyn Fn(Vec<u8>) -> Result<Box<dyn Document>, Manual>,
) -> Result<Leaf, Manual> {
    let kind = part.ctype.kind.as_str();
    let name = part.file_name().unwrap_or("").to_string();
    // Reasons name the part by its place and type, never by its file name (which can name a person).
    let what = format!("{} ({kind})", part.name());
    match kind {
        "application/pkcs7-mime" | "application/x-pkcs7-mime" | "application/pgp-encrypted" => {
            return Err(Manual::new(Code::Encrypted, format!("{what} is encrypted (S/MIME or PGP)")));
        }
        "application/pkcs7-signature" | "application/x-pkcs7-signature" | "application/pgp-signature" => {
            return Err(Manual::new(
                Code::Signed,
                format!("{what} is a signature (S/MIME or PGP): redacting the message would break it"),
            ));
        }
        _ => {}
    }
    if kind == "text/plain" || kind == "text/html" || PLAIN_TEXT_TYPES.contains(&kind) {
        let text = super::body::decode_text(&data, part.ctype.get("charset"))
            .map_err(|m| Manual::new(m.code, format!("{what}: {}", m.reason)))?;
        if text.contains("-----BEGIN PGP MESSAGE-----") {
            return Err(Manual::new(Code::Encrypted, format!("{what} holds a PGP-encrypted message")));
        }
        if text.contains("-----BEGIN PGP SIGNED MESSAGE-----") {
            return Err(Manual::new(
                Code::Signed,
                format!("{what} is PGP-signed: redacting would break the signature"),
            ));
        }
        let html = (kind == "text/html").then(|| html::read(&text));
        return Ok(Leaf::Text { text, html });
    }
    if let Some(leaf) = picture(&name, kind, &what, &data, options) {
        return leaf;
    }
    let registry = Registry::standard();
    let ext = Path::new(&name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        // A format written as another (an attached Outlook `.msg`, published as `.eml`) could not go
        // back into its part as what it claims to be: such an attachment is one lak cannot check.
        .filter(|e| registry.for_path(Path::new(&format!("x.{e}"))).is_some_and(|f| f.output().is_none()))
        .or_else(|| extension_of_type(kind).map(str::to_string));
    if let Some(ext) = ext {
        let opened = if ext == "eml" {
            open_message(data.clone())
        } else {
            match registry.for_path(Path::new(&format!("x.{ext}"))) {
                Some(format) => format.open(data.clone(), options),
                None => Err(Manual::new(Code::InternalError, "no adapter for an extension it claimed")),
            }
        };
        return match opened {
            Ok(doc) => Ok(Leaf::Attachment { data, doc }),
            Err(m) => Err(Manual::new(m.code, format!("attachment {what}: {}", m.reason))),
        };
    }
    if kind.starts_with("image/")
        && let Some(format) = images::sniff(&data)
    {
        if options.allow_unchecked_images {
            let clean = images::strip(format, &data).map_err(|why| {
                Manual::new(Code::EmbeddedObject, format!("picture {what} does not parse ({why}); lak cannot check it"))
            })?;
            return Ok(Leaf::Picture { data, clean });
        }
        if options.drop_embedded {
            return Ok(Leaf::Dropped);
        }
        return Err(Manual::new(
            Code::EmbeddedObject,
            format!(
                "picture {what}: lak reads text only in PNG and JPEG pictures. Check it by hand, or run with \
                 --allow-unchecked-images (kept, metadata removed) or --drop-embedded (removed)"
            ),
        ));
    }
    if options.drop_embedded {
        return Ok(Leaf::Dropped);
    }
    let tnef = kind == "application/ms-tnef" || name.eq_ignore_ascii_case("winmail.dat");
    Err(Manual::new(
        Code::EmbeddedObject,
        format!(
            "{} {what}: lak cannot check its content. Handle it by hand, or run with --drop-embedded to remove it",
            if tnef { "Outlook TNEF attachment (winmail.dat)" } else { "attachment" }
        ),
    ))
}
