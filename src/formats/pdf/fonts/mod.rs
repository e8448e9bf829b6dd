//! Fonts and encodings: from the codes a content stream shows to Unicode text and advance widths, and
//! the words a font program carries.
//!
//! - `font.rs` loads a font dictionary (simple, Type0 over a CID font, Type3) into a [`Font`] that
//!   splits a string into codes and gives each its text and width, or no text when it cannot be
//!   established;
//! - `encoding.rs` holds the single-byte encodings, glyph names to Unicode, and PDF text strings
//!   (PDFDocEncoding, UTF-16BE, UTF-8), read and written;
//! - `cmap.rs` parses `/ToUnicode` CMaps and the code-to-CID CMaps of Type0 fonts, and writes them
//!   again as read;
//! - `program.rs` reads the built-in encoding of an embedded Type1 or CFF program;
//! - `tables.rs` is generated: the standard encodings, the Adobe Glyph List, the core-14 metrics;
//! - `font_words.rs` finds the names, notices and comments inside font programs, and blanks them when
//!   one holds a removed value.

pub(crate) mod cmap;
pub(super) mod encoding;
mod font;
pub(super) mod font_words;
pub(crate) mod program;
pub(super) mod tables;

pub(super) use font::{Code, Font};
