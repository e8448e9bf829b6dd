//! Office Open XML: DOCX, XLSX and PPTX (and their macro-enabled and template siblings).
//!
//! An Office file is a zip of XML parts. lak edits it in place rather than through a document model,
//! so that everything it does not change stays byte for byte as it was:
//!
//! ```text
//!  bytes ─► package (safe zip reading, limits) ─► entries
//!                 opc (content types, relationships) ─► what each part is, what points where
//!                 scrub (classify: remove / read as XML / picture / embedded package / unknown)
//!                 xml_text (+ vocab: docx, xlsx, pptx) ─► units with a map to the bytes, scrub edits
//!                 pictures ─► PNG and JPEG parts, and the bitmaps in metafiles, read by OCR
//!                 headers (XLSX) ─► the column header of each cell value, context for the detector
//!  detector reads the units of *all* parts together (a name confirmed in the body is found in a footer)
//!                 rewrite ─► each changed part: edits + redactions applied to the original bytes
//!                 images ─► pictures without metadata
//!                 metafile ─► EMF/WMF pictures: their text as units, redacted in place
//!                 package ─► the zip again: same order, compression methods and times; raw copies
//! ```
//!
//! `open.rs` reads a package in these steps ([`OfficeDocument::open`]); this file holds the types and
//! the redaction.
//!
//! The pipeline's final sweep searches every removed value in the output's decompressed entries and
//! those of the packages embedded in it ([`Document::byte_views`]), not only in the text lak reads.
//!
//! What cannot be fully handled is a [`Manual`] reason, never a partial output: an encrypted file, a
//! zip bomb, a DTD, an OLE object or an EMF/WMF picture lak cannot fully read (unless
//! `--drop-embedded`), a defined name holding personal data, a shared formula that would have to go.

mod attrs;
mod docx;
pub(crate) mod fonts;
mod headers;
pub(crate) mod images;
pub(crate) mod metafile;
mod numfmt;
mod opc;
mod open;
pub(crate) mod package;
mod pictures;
mod pptx;
pub(crate) mod rewrite;
mod scrub;
mod views;
pub(crate) mod vocab;
mod workbook;
mod xlsx;
pub(crate) mod xml_text;

use std::collections::HashMap;

use super::{ByteView, Document, Format, Options, Redacted, Redaction, marker};
use crate::model::{Code, Location, Manual};
use package::{Entry, Out};
use pictures::bitmap_unit;
use rewrite::Cut;
use xml_text::{Scanned, UnitKind};

/// An Office Open XML format: the same adapter under the names and extensions of one application.
pub struct Office {
    name: &'static str,
    extensions: &'static [&'static str],
}

impl Office {
    /// Word documents and templates (`.docx`, `.docm`, `.dotx`, `.dotm`).
    pub const WORD: Office = Office { name: "docx", extensions: &["docx", "docm", "dotx", "dotm"] };
    /// Excel workbooks and templates (`.xlsx`, `.xlsm`, `.xltx`, `.xltm`).
    pub const EXCEL: Office = Office { name: "xlsx", extensions: &["xlsx", "xlsm", "xltx", "xltm"] };
    /// PowerPoint presentations, shows and templates (`.pptx`, `.pptm`, `.ppsx`, `.ppsm`, `.potx`, `.potm`).
    pub const POWERPOINT: Office =
        Office { name: "pptx", extensions: &["pptx", "pptm", "ppsx", "ppsm", "potx", "potm"] };
}

impl Format for Office {
    fn name(&self) -> &'static str {
        self.name
    }

    fn extensions(&self) -> &'static [&'static str] {
        self.extensions
    }

    fn open(&self, bytes: Vec<u8>, options: &Options) -> Result<Box<dyn Document>, Manual> {
        Ok(Box::new(OfficeDocument::open(bytes, options, 0)?))
    }
}

/// What happens to one entry of the package.
enum Part {
    /// Copied unchanged.
    Raw,
    /// Left out.
    Remove,
    /// Read; rewritten if it has edits or redactions.
    Xml(Scanned),
    /// A picture without its metadata.
    Image(Vec<u8>),
    /// An EMF/WMF picture whose text was read, and its bitmaps OCR read text in; rewritten if it has
    /// redactions (in its text records only: a value in one of its bitmaps withholds the document).
    Metafile(metafile::Metafile, Vec<Box<dyn Document>>),
    /// An Office package inside this one.
    Embedded(Box<OfficeDocument>),
    /// A PNG or JPEG picture read by OCR (the picture adapter's document): redacted in its pixels and
    /// encoded anew.
    Picture(Box<dyn Document>),
}

/// An opened Office file.
struct OfficeDocument {
    source: Vec<u8>,
    entries: Vec<Entry>,
    parts: Vec<Part>,
    /// Per entry: the flat index of its first unit.
    first_unit: Vec<usize>,
    scrubbed: Vec<String>,
    notes: Vec<String>,
    /// Worksheet part (lower case) → sheet name.
    sheet_of: HashMap<String, String>,
    /// Slide or notes part (lower case) → slide number.
    slide_of: HashMap<String, u32>,
    /// Shared string index → (sheet, cell) of its first use.
    string_use: HashMap<u32, (String, String)>,
    /// Flat unit index → the column header of the cell(s) showing it (see `headers.rs`).
    headers: HashMap<usize, String>,
}

/// Counts things for the report's lists: `what (n×)`.
#[derive(Default)]
struct Tally(Vec<(String, usize)>);

impl Tally {
    fn add(&mut self, what: impl Into<String>, n: usize) {
        let what = what.into();
        match self.0.iter_mut().find(|(w, _)| *w == what) {
            Some((_, c)) => *c += n,
            None => self.0.push((what, n)),
        }
    }

    fn lines(self) -> Vec<String> {
        self.0.into_iter().map(|(w, n)| if n > 1 { format!("{w} ({n}×)") } else { w }).collect()
    }
}

impl OfficeDocument {
    fn total_units(&self) -> usize {
        self.first_unit.last().copied().unwrap_or(0) + self.parts.last().map(unit_count).unwrap_or(0)
    }

    /// The entry holding flat unit `unit`, and the unit's index inside it.
    fn find(&self, unit: usize) -> Option<(usize, usize)> {
        // Entries without units share their first index with the next one; the last entry starting at or
        // before `unit` is the one holding it.
        let i = self.first_unit.partition_point(|&f| f <= unit).checked_sub(1)?;
        let local = unit - self.first_unit[i];
        (local < unit_count(&self.parts[i])).then_some((i, local))
    }

    /// Every entry's name and decompressed bytes, and those of the packages embedded in it, recursively
    /// (read within the limits of `package.rs` when the package was opened).
    fn collect_byte_views<'a>(&'a self, prefix: &str, out: &mut Vec<ByteView<'a>>) {
        for (e, p) in self.entries.iter().zip(&self.parts) {
            out.push(ByteView::borrowed(format!("the name of part {prefix}{}", e.name), e.name.as_bytes()));
            out.push(ByteView::borrowed(format!("part {prefix}{}", e.name), &e.data));
            if let Part::Embedded(d) = p {
                d.collect_byte_views(&format!("{prefix}{}!", e.name), out);
            }
        }
    }

    fn collect_units<'a>(&'a self, out: &mut Vec<&'a str>) {
        for p in &self.parts {
            match p {
                // A hidden unit is read through its views.
                Part::Xml(sc) => out.extend(sc.units.iter().map(|u| if u.hidden { "" } else { u.text.as_str() })),
                Part::Metafile(m, docs) => {
                    out.extend(m.texts.iter().map(|t| t.text.as_str()));
                    for d in docs {
                        out.extend(d.units());
                    }
                }
                Part::Embedded(d) => d.collect_units(out),
                Part::Picture(d) => out.extend(d.units()),
                _ => {}
            }
        }
    }
}

fn unit_count(p: &Part) -> usize {
    match p {
        Part::Xml(sc) => sc.units.len(),
        Part::Metafile(m, docs) => m.texts.len() + docs.iter().map(|d| d.units().len()).sum::<usize>(),
        Part::Embedded(d) => d.total_units(),
        Part::Picture(d) => d.units().len(),
        _ => 0,
    }
}

impl Document for OfficeDocument {
    fn units(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_units(&mut out);
        out
    }

    fn locate(&self, unit: usize, start: usize, end: usize) -> Location {
        let mut loc = Location { offset: start, length: end.saturating_sub(start), ..Location::default() };
        let Some((i, local)) = self.find(unit) else {
            return loc;
        };
        let name = &self.entries[i].name;
        let lower = name.to_ascii_lowercase();
        match &self.parts[i] {
            Part::Xml(sc) => {
                loc.part = Some(name.clone());
                loc.sheet = self.sheet_of.get(&lower).cloned();
                loc.page = self.slide_of.get(&lower).copied();
                if let Some(u) = sc.units.get(local) {
                    if let UnitKind::Cell(c) = &u.kind {
                        loc.cell = c.r.clone();
                    } else if let Some((_, r)) = sc.cell_units.iter().find(|(k, _)| *k == local) {
                        loc.cell = Some(r.clone()); // an inline string
                    }
                    if lower.ends_with("sharedstrings.xml")
                        && let Some((sheet, cell)) = self.string_use.get(&u.seq)
                    {
                        loc.sheet = Some(sheet.clone());
                        loc.cell = Some(cell.clone());
                    }
                }
            }
            Part::Metafile(m, docs) => match bitmap_unit(m, docs, local) {
                Some((k, inner)) => {
                    let at = docs[k].locate(inner, start, end);
                    loc = Location {
                        part: Some(format!("{name}, bitmap {}, {}", k + 1, at.part.unwrap_or_default())),
                        page: None,
                        ..at
                    };
                }
                None => loc.part = Some(name.clone()),
            },
            Part::Embedded(d) => {
                let inner = d.locate(local, start, end);
                loc = Location { part: Some(format!("{name}!{}", inner.part.unwrap_or_default())), ..inner };
            }
            Part::Picture(d) => {
                let inner = d.locate(local, start, end);
                loc = Location { part: Some(format!("{name}, {}", inner.part.unwrap_or_default())), ..inner };
                loc.sheet = self.sheet_of.get(&lower).cloned();
            }
            _ => {}
        }
        loc
    }

    fn header(&self, unit: usize) -> Option<&str> {
        let (i, local) = self.find(unit)?;
        match &self.parts[i] {
            Part::Embedded(d) => d.header(local),
            Part::Picture(d) => d.header(local),
            _ => self.headers.get(&unit).map(String::as_str),
        }
    }

    fn notes(&self) -> Vec<String> {
        self.notes.clone()
    }

    fn date(&self) -> Option<String> {
        let core = self.entries.iter().find(|e| e.name.eq_ignore_ascii_case("docProps/core.xml"))?;
        let xml = &core.data;
        // `<dcterms:created xsi:type="dcterms:W3CDTF">2024-03-01T10:00:00Z</dcterms:created>`, any prefix.
        let at = memchr::memmem::find_iter(xml, b"created")
            .find(|&i| i > 0 && matches!(xml[i - 1], b':' | b'<') && matches!(xml.get(i + 7), Some(b' ' | b'>')))?;
        let open = at + memchr::memchr(b'>', &xml[at..])? + 1;
        super::iso_date(xml[open..].trim_ascii_start())
    }

    fn byte_views(&self) -> Vec<ByteView<'_>> {
        let mut out = Vec::new();
        self.collect_byte_views("", &mut out);
        out
    }

    fn redact(&self, redactions: &[Redaction]) -> Result<Redacted, Manual> {
        let mut cuts: Vec<Vec<Cut>> = (0..self.parts.len()).map(|_| Vec::new()).collect();
        let mut nested: Vec<Vec<Redaction>> = (0..self.parts.len()).map(|_| Vec::new()).collect();
        let mut in_pictures: Vec<Vec<(usize, usize, usize)>> = (0..self.parts.len()).map(|_| Vec::new()).collect();
        for r in redactions {
            let (i, local) = self
                .find(r.unit)
                .ok_or_else(|| Manual::new(Code::InternalError, "a redaction outside the document"))?;
            match &self.parts[i] {
                Part::Xml(sc) => views::view_cuts(sc, local, r.start, r.end, marker(&r.label), &mut cuts[i]),
                Part::Embedded(_) | Part::Picture(_) => nested[i].push(Redaction { unit: local, ..r.clone() }),
                Part::Metafile(m, docs) => {
                    if let Some((k, _)) = bitmap_unit(m, docs, local) {
                        return Err(Manual::new(
                            Code::UnsupportedContent,
                            format!(
                                "picture {}: OCR reads a value to redact in bitmap {} inside it, and lak does not \
                                 redact inside the bitmaps of EMF/WMF pictures; handle it by hand",
                                self.entries[i].name,
                                k + 1
                            ),
                        ));
                    }
                    in_pictures[i].push((local, r.start, r.end))
                }
                _ => {
                    return Err(Manual::new(Code::InternalError, "a redaction in a part without text"));
                }
            }
        }
        let mut scrubbed = self.scrubbed.clone();
        if workbook::rename_sheets(&self.parts, &self.sheet_of, &mut cuts)? {
            scrubbed.push("sheet names holding personal data renamed (references updated)".into());
        }
        let mut data: Vec<Option<Vec<u8>>> = Vec::with_capacity(self.parts.len());
        for (i, p) in self.parts.iter().enumerate() {
            let e = &self.entries[i];
            data.push(match p {
                Part::Xml(sc) if !sc.edits.is_empty() || !cuts[i].is_empty() => {
                    Some(rewrite::rewrite(&e.name, &e.data, sc, &cuts[i])?)
                }
                Part::Embedded(d) => Some(d.redact(&nested[i])?.bytes),
                Part::Picture(d) => Some(
                    d.redact(&nested[i])
                        .map_err(|m| Manual::new(m.code, format!("picture {}: {}", e.name, m.reason)))?
                        .bytes,
                ),
                Part::Metafile(m, _) if !in_pictures[i].is_empty() || !m.zero.is_empty() => {
                    Some(metafile::redact(&e.data, m, &in_pictures[i]).map_err(|why| {
                        Manual::new(Code::InternalError, format!("a redaction in picture {} failed: {why}", e.name))
                    })?)
                }
                _ => None,
            });
        }
        let out: Vec<Out<'_>> = self
            .parts
            .iter()
            .zip(&data)
            .map(|(p, d)| match (p, d) {
                (Part::Remove, _) => Out::Drop,
                (Part::Image(b), _) => Out::Data(b),
                (_, Some(d)) => Out::Data(d),
                _ => Out::Raw,
            })
            .collect();
        let bytes = package::write(&self.source, &self.entries, &out)?;
        Ok(Redacted { bytes, scrubbed })
    }
}
