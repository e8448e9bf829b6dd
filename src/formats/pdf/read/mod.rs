//! Reading: from the file's bytes to an object graph lak can trust, every stream decoded strictly.
//!
//! - `load.rs` loads with lopdf under size limits and puts right what lopdf gets wrong: `crypt.rs`
//!   decrypts again what lopdf decrypted with the wrong crypt filter, and `objects.rs` reads streams
//!   whose `/Length` lopdf could not use up to `endstream` and writes every stream's filters as direct
//!   objects;
//! - `objects.rs` is how every stage looks things up (bounded reference chasing) and decodes a stream
//!   (within a [`objects::Budget`]), strictly, through `filters.rs`;
//! - `pagetree.rs` lists the pages the way viewers walk the tree;
//! - `streams.rs` accounts for every stream in the file, from the first walk of the object graph to the
//!   audit of the output;
//! - `attachments.rs` says what embedded files the document carries (the scrub removes them).

mod attachments;
mod crypt;
pub(super) mod filters;
mod load;
pub(super) mod objects;
pub(super) mod pagetree;
pub(super) mod streams;

pub(super) use attachments::embedded_files;
pub(super) use load::{load, unreadable};
