//! Text: everything the detector reads, each piece with a map back to where it sits in the file.
//!
//! - `interpret.rs` walks every content stream with its graphics and text state and records each
//!   glyph with its source and position (`fonts/` turns codes into Unicode and widths), and every
//!   string operand of a content operator (marked-content property lists, operators viewers ignore);
//! - `text_layer.rs` puts the glyphs into lines and reading order and builds unit 0, the page text,
//!   with a map from each byte back to its glyph; `columns.rs` reads columns drawn row by row one
//!   column after the other; `joins.rs` reads a value broken over two lines as one;
//! - `strings.rs` collects every text string of the object graph (bookmarks, `/ActualText`, `/Alt`,
//!   link targets, …) and writes a marker back in its place;
//! - `names.rs` collects every name that is not PDF's own vocabulary (`vocabulary.rs`).

pub(super) mod columns;
pub(super) mod interpret;
pub(super) mod joins;
pub(super) mod names;
pub(super) mod strings;
pub(super) mod text_layer;
pub(super) mod vocabulary;
