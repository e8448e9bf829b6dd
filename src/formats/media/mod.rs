//! Primitives every adapter shares for the bytes inside documents: reading integers, and keeping only
//! what a picture needs. One implementation each, with one policy, so a JPEG in a PDF and a JPEG in a
//! Word file are held to the same rules.

pub(crate) mod bytes;
pub(crate) mod deflate;
pub(crate) mod jpeg;
pub(crate) mod ocr_text;
