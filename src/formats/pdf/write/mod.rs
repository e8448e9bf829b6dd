//! Writing: the redaction put into the document, hidden data scrubbed, and the output checked before
//! it is written whole.
//!
//! - `rewrite.rs` removes the glyphs of each span from their operators and re-anchors the text around
//!   them so the removed width is not recoverable;
//! - `apply.rs` writes the rewritten streams into the document, with the labelled boxes and the OCR
//!   text layer that `marks.rs` draws;
//! - `images.rs` blacks out pixels under boxes and strips JPEG and JPEG 2000 metadata;
//! - `resources.rs` gives every resource a neutral name;
//! - `scrub.rs` removes hidden data and unreachable objects;
//! - `normalise.rs` writes again, from what lak understood of them, the streams that are not text but
//!   can hide text (CMaps, ICC profiles, calculator functions);
//! - `font_programs.rs` blanks the words of font programs that hold a removed value;
//! - `decodable.rs` checks that every stream of the output decodes, so the final sweep reads it all.

mod apply;
mod decodable;
mod font_programs;
pub(super) mod images;
pub(super) mod marks;
pub(super) mod normalise;
pub(super) mod resources;
pub(super) mod rewrite;
pub(super) mod scrub;

pub(super) use decodable::{IMAGE_FILTERS, check_decodable};
