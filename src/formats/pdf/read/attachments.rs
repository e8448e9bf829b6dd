//! Attachments: the scrub removes them (hidden data); the report says what was there, so that a
//! reviewer can handle them on their own.

use lopdf::{Document as LoDocument, Object};

use super::objects;

/// What embedded files the document carries, if any.
pub(crate) fn embedded_files(doc: &LoDocument) -> Option<String> {
    let mut found = Vec::new();
    if let Ok(cat) = doc.catalog()
        && let Some(names) = objects::get_dict(doc, cat, b"Names")
        && names.has(b"EmbeddedFiles")
    {
        found.push("attachments (/EmbeddedFiles)");
    }
    for (_, o) in doc.objects.iter() {
        let d = match o {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => continue,
        };
        if objects::get_name(doc, d, b"Subtype") == Some(b"FileAttachment") {
            found.push("file attachment annotations");
        }
        if d.has(b"EF") {
            found.push("embedded file streams");
        }
        if objects::get_name(doc, d, b"Type") == Some(b"EmbeddedFile") {
            found.push("embedded file streams");
        }
    }
    found.sort();
    found.dedup();
    (!found.is_empty()).then(|| found.join(", "))
}
