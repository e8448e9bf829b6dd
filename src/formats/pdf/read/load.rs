//! Loading: the file's bytes into lopdf's object graph, under size limits, with what lopdf gets wrong
//! put right before anything reads it.

use lopdf::{Document as LoDocument, LoadOptions};

use super::{crypt, objects};
use crate::limits;
use crate::model::{Code, Manual};

pub(crate) fn unreadable(reason: impl Into<String>) -> Manual {
    Manual::new(Code::PdfUnreadable, reason)
}

/// Loads `bytes` with lopdf under size limits and refuses a password; `crypt.rs` decrypts again what
/// lopdf decrypted with the wrong crypt filter, streams whose `/Length` lopdf could not use are read
/// up to `endstream`, and every stream's filters are made direct. The notes say what was repaired.
pub(crate) fn load(bytes: &[u8]) -> Result<(LoDocument, Vec<String>), Manual> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(unreadable("not a PDF file (no %PDF- header)"));
    }
    let load = LoadOptions { max_decompressed_size: Some(limits::PDF_MAX_STREAM_BYTES), ..LoadOptions::default() };
    let mut doc = LoDocument::load_mem_with_options(bytes, load).map_err(|e| match e {
        lopdf::Error::Decompress(_) => {
            Manual::new(Code::TooLarge, format!("a stream decodes to more than {} bytes", limits::PDF_MAX_STREAM_BYTES))
        }
        lopdf::Error::InvalidPassword => Manual::new(Code::Encrypted, "the PDF is protected with a password"),
        e => unreadable(format!("the PDF cannot be parsed ({e})")),
    })?;
    if doc.is_encrypted() {
        return Err(Manual::new(
            Code::Encrypted,
            "the PDF is encrypted with a password: lak cannot read it; ask for an unprotected copy",
        ));
    }
    let mut notes = Vec::new();
    if doc.was_encrypted() {
        notes.push("encrypted with an empty user password: decrypted and written without encryption".into());
    }
    let recovered = objects::recover_unread_streams(&mut doc, bytes);
    if recovered > 0 {
        notes.push(format!("{recovered} stream(s) without a usable /Length: read up to their endstream"));
    }
    if crypt::repair(&mut doc)? {
        notes.push("its crypt filters are indirect objects, which lak's PDF library misreads: decrypted again".into());
    }
    if doc.xref_recovery.is_some() {
        notes.push("damaged cross-reference table: rebuilt by scanning the file".into());
    }
    if doc.objects.len() > limits::PDF_MAX_OBJECTS {
        return Err(Manual::new(
            Code::TooLarge,
            format!("{} objects; lak reads at most {}", doc.objects.len(), limits::PDF_MAX_OBJECTS),
        ));
    }
    objects::inline_filters(&mut doc)?;
    Ok((doc, notes))
}
