//! The publication package: what a Woo decision publishes besides the redacted documents.
//!
//! A dossier is published as a package: the documents, under names that identify no one, and (in later
//! steps) an inventory and a redaction log. Everything here works on what the pipeline already
//! learned about each document and renders names, rows and bytes; the pipeline owns the file system and
//! writes them (atomically, like the documents).
//!
//! - [`names`]: file and folder names are content. They are scanned with the run's rules and policy,
//!   written with markers in place of the values, numbered on request (`--number PREFIX`), and made
//!   unique so that no output overwrites another.
//!
//! Nothing in this module may put a value lak removed into a published byte: names are built only from
//! redacted components.

pub mod names;
