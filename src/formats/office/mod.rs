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
//!                 headers (XLSX) ─► the column header of each cell value, context for the detector
//!  detector reads the units of *all* parts together (a name confirmed in the body is found in a footer)
//!                 rewrite ─► each changed part: edits + redactions applied to the original bytes
//!                 images ─► pictures without metadata
//!                 metafile ─► EMF/WMF pictures: their text as units, redacted in place
//!                 package ─► the zip again: same order, compression methods and times; raw copies
//! ```
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

use std::collections::{HashMap, HashSet};

use super::{ByteView, Document, Format, Options, Redacted, Redaction, marker};
use crate::limits;
use crate::model::{Code, Location, Manual};
use package::{Entry, Out};
use pictures::{Read, ReadMetafile, bitmap_unit, read_bitmaps, read_picture, strip_picture};
use rewrite::Cut;
use scrub::PartKind;
use vocab::Ctx;
use xml_text::{Edit, Scanned, Unit, UnitKind};

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

const OFFICE_DOCUMENT_REL: &str = "/officeDocument";
const HYPERLINK_REL: &str = "/hyperlink";
const NOTES_SLIDE_REL: &str = "/notesSlide";
const ATTACHED_TEMPLATE_REL: &str = "/attachedTemplate";

impl OfficeDocument {
    fn open(source: Vec<u8>, options: &Options, depth: usize) -> Result<OfficeDocument, Manual> {
        let entries = package::read(&source)?;
        let ct_index = entries.iter().position(|e| e.name == "[Content_Types].xml").ok_or_else(|| {
            Manual::new(Code::Corrupt, "a zip without [Content_Types].xml: not an Office Open XML file")
        })?;
        let content_types = opc::content_types(&entries[ct_index].data)?;

        // Relationships, by the (lower-case) part they start from.
        let mut rels: HashMap<String, (usize, Vec<opc::Rel>)> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if let Some(src) = opc::source_of(&e.name) {
                let list = opc::relationships(&e.name, &src, &e.data)?;
                rels.insert(src.to_ascii_lowercase(), (i, list));
            }
        }
        let mut incoming: HashMap<&str, Vec<&str>> = HashMap::new();
        for (_, list) in rels.values() {
            for r in list {
                if let Some(t) = &r.resolved {
                    incoming.entry(t.as_str()).or_default().push(r.rtype.as_str());
                }
            }
        }

        // Classify every part.
        let mut scrubbed = Tally::default();
        let mut notes = Tally::default();
        let mut kinds: Vec<Option<PartKind>> = Vec::with_capacity(entries.len());
        let mut metafiles: Vec<Option<ReadMetafile>> = Vec::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            metafiles.push(None);
            if i == ct_index || opc::source_of(&e.name).is_some() {
                kinds.push(None); // handled below, once the removals are known
                continue;
            }
            let lower = e.name.to_ascii_lowercase();
            let types = incoming.get(lower.as_str()).map(Vec::as_slice).unwrap_or(&[]);
            let mut kind = if e.is_dir {
                PartKind::Folder
            } else {
                scrub::classify(&e.name, content_types.of(&e.name), &e.data, types)
            };
            // A metafile is read now: one lak cannot vouch for is unknown, and its removal must be known
            // before the relationships are rewritten.
            let unknown = match kind {
                PartKind::Unknown(what) => Some(what.to_string()),
                PartKind::Metafile(mk) => match metafile::read(&e.data) {
                    Ok(m) => match read_bitmaps(&e.name, &m, options, &mut notes) {
                        Ok(docs) => {
                            if !m.zero.is_empty() {
                                scrubbed.add(format!("unused bytes in {} records zeroed", mk.name()), 1);
                            }
                            metafiles[i] = Some((m, docs));
                            None
                        }
                        Err(refused) if !options.drop_embedded => return Err(refused),
                        Err(refused) => Some(refused.reason),
                    },
                    Err(why) => Some(format!("an {} picture lak cannot fully read: {why}", mk.name())),
                },
                _ => None,
            };
            if let Some(what) = unknown {
                if !options.drop_embedded {
                    return Err(Manual::new(
                        Code::EmbeddedObject,
                        format!(
                            "part {} is {what}; lak cannot check its content. Handle it by hand, or run \
                             with --drop-embedded to remove such parts",
                            e.name
                        ),
                    ));
                }
                kind = PartKind::Remove("embedded objects lak cannot read removed (--drop-embedded)");
            }
            kinds.push(Some(kind));
        }
        let removed: HashSet<String> = entries
            .iter()
            .zip(&kinds)
            .filter(|(_, k)| matches!(k, Some(PartKind::Remove(_))))
            .map(|(e, _)| e.name.to_ascii_lowercase())
            .collect();

        // Relationship ids, per source part, that point at removed parts.
        let mut removed_rels: HashMap<String, HashSet<String>> = HashMap::new();
        for (src, (_, list)) in &rels {
            let ids: HashSet<String> = list
                .iter()
                .filter(|r| r.resolved.as_ref().is_some_and(|t| removed.contains(t)))
                .map(|r| r.id.clone())
                .collect();
            removed_rels.insert(src.clone(), ids);
        }

        // Word and PowerPoint and Excel structure, for locations and the off-slide check.
        let main = rels
            .get("")
            .and_then(|(_, l)| l.iter().find(|r| r.rtype.ends_with(OFFICE_DOCUMENT_REL)))
            .and_then(|r| r.resolved.clone())
            .unwrap_or_default();
        let main_entry = entries.iter().find(|e| e.name.to_ascii_lowercase() == main);
        let main_rels = rels.get(&main).map(|(_, l)| l.as_slice()).unwrap_or(&[]);
        let target_of = |id: &str| main_rels.iter().find(|r| r.id == id).and_then(|r| r.resolved.clone());
        let mut sheet_of = HashMap::new();
        let mut slide_of = HashMap::new();
        let mut slide_size = None;
        let mut date_system = numfmt::DateSystem::Excel1900;
        if let Some(m) = main_entry {
            let mut n_slide = 0u32;
            opc::elements(&m.name, &m.data, |local, attrs, _| {
                match local {
                    "sheet" => {
                        if let (Some(name), Some(id)) = (opc::attr(attrs, "name"), opc::attr(attrs, "id"))
                            && let Some(t) = target_of(&id.1)
                        {
                            sheet_of.insert(t, name.1.clone());
                        }
                    }
                    "sldId" => {
                        n_slide += 1;
                        // `id` (a number) and `r:id` share the local name; the relationship id is the other one.
                        if let Some(id) =
                            attrs.iter().filter(|a| a.0 == "id").find(|a| !a.1.chars().all(|c| c.is_ascii_digit()))
                            && let Some(t) = target_of(&id.1)
                        {
                            slide_of.insert(t, n_slide);
                        }
                    }
                    "workbookPr" if opc::attr(attrs, "date1904").is_some_and(|a| vocab::truthy(&Some(a.1.clone()))) => {
                        date_system = numfmt::DateSystem::Excel1904;
                    }
                    "sldSz" => {
                        if let (Some(cx), Some(cy)) = (opc::attr(attrs, "cx"), opc::attr(attrs, "cy")) {
                            slide_size = cx.1.parse().ok().zip(cy.1.parse().ok());
                        }
                    }
                    _ => {}
                }
                Ok(())
            })?;
        }
        let slides: Vec<(String, u32)> = slide_of.iter().map(|(k, v)| (k.clone(), *v)).collect();
        for (slide, n) in slides {
            if let Some((_, list)) = rels.get(&slide) {
                for r in list.iter().filter(|r| r.rtype.ends_with(NOTES_SLIDE_REL)) {
                    if let Some(t) = &r.resolved {
                        slide_of.insert(t.clone(), n);
                    }
                }
            }
        }

        // Read every part.
        let no_ids = HashSet::new();
        let mut parts = Vec::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            let lower = e.name.to_ascii_lowercase();
            let part = match kinds[i] {
                None if i == ct_index => {
                    // Read like any part (comments go, content types and part names are read); the
                    // overrides of removed parts go; every part name is read as well.
                    let mut sc = package_part(&e.name, &e.data, &no_ids, &mut scrubbed)?;
                    for (name, (_, span)) in &content_types.overrides {
                        if removed.contains(name) {
                            sc.edits.push(Edit { range: span.clone(), with: String::new() });
                        }
                    }
                    for other in entries.iter().filter(|o| !o.is_dir && !removed.contains(&o.name.to_ascii_lowercase()))
                    {
                        sc.units.push(Unit {
                            text: other.name.clone(),
                            pieces: Vec::new(),
                            kind: UnitKind::Fixed(format!("the name of part {}", other.name)),
                            seq: 0,
                            hidden: false,
                        });
                    }
                    forget_removed(&mut sc);
                    Part::Xml(sc)
                }
                None => {
                    let src = opc::source_of(&e.name).unwrap_or_default().to_ascii_lowercase();
                    if removed.contains(&src) {
                        Part::Remove
                    } else {
                        let list = rels.get(&src).map(|(_, l)| l.as_slice()).unwrap_or(&[]);
                        let mut sc = package_part(&e.name, &e.data, &no_ids, &mut scrubbed)?;
                        sc.edits.extend(rels_part(list, &removed, &mut scrubbed));
                        forget_removed(&mut sc);
                        Part::Xml(sc)
                    }
                }
                Some(PartKind::Remove(what)) => {
                    scrubbed.add(what, 1);
                    Part::Remove
                }
                Some(PartKind::Folder | PartKind::Font) => Part::Raw,
                Some(PartKind::Unknown(_)) => Part::Remove,
                Some(PartKind::Metafile(_)) => {
                    let (m, docs) =
                        metafiles[i].take().ok_or_else(|| Manual::new(Code::InternalError, "a metafile was lost"))?;
                    Part::Metafile(m, docs)
                }
                Some(PartKind::Image(format)) => match read_picture(&e.name, format, &e.data, options) {
                    Read::Picture(doc) => {
                        scrubbed.add("pictures read by OCR and encoded anew (no metadata, no old pixels)", 1);
                        for n in doc.notes() {
                            notes.add(format!("picture {}: {n}", e.name), 1);
                        }
                        Part::Picture(doc)
                    }
                    Read::Refused(_) if options.drop_embedded => {
                        scrubbed.add("pictures OCR cannot read removed (--drop-embedded)", 1);
                        Part::Remove
                    }
                    Read::Refused(m) => return Err(m),
                    Read::Unread(why) => {
                        if let Some(why) = why {
                            notes.add(why, 1);
                        }
                        strip_picture(&e.name, format, &e.data, options, &mut scrubbed)?
                    }
                },
                Some(PartKind::Package) => {
                    if depth + 1 > limits::MAX_OFFICE_NESTING {
                        return Err(Manual::new(
                            Code::ZipLimit,
                            format!("{} nests Office packages too deeply", e.name),
                        ));
                    }
                    let inner = OfficeDocument::open(e.data.clone(), options, depth + 1)
                        .map_err(|m| Manual::new(m.code, format!("embedded {}: {}", e.name, m.reason)))?;
                    for s in &inner.scrubbed {
                        scrubbed.add(format!("in embedded {}: {s}", e.name), 1);
                    }
                    for n in &inner.notes {
                        notes.add(format!("in embedded {}: {n}", e.name), 1);
                    }
                    Part::Embedded(Box::new(inner))
                }
                Some(PartKind::Xml(role)) => {
                    let ctx = Ctx {
                        part: &e.name,
                        role,
                        removed_rels: removed_rels.get(&lower).unwrap_or(&no_ids),
                        slide_size: if lower.starts_with("ppt/slides/") { slide_size } else { None },
                    };
                    let sc = xml_text::scan(&e.data, &ctx)?;
                    for (what, n) in &sc.scrubbed {
                        scrubbed.add(*what, *n);
                    }
                    for (what, n) in &sc.notes {
                        notes.add(format!("{}: {what}", e.name), *n);
                    }
                    Part::Xml(sc)
                }
            };
            parts.push(part);
        }

        workbook::number_views(&entries, &mut parts, &sheet_of, &content_types, date_system)?;

        // Where shared strings are first used, for locations.
        let mut string_use = HashMap::new();
        for (e, p) in entries.iter().zip(&parts) {
            if let (Part::Xml(sc), Some(sheet)) = (p, sheet_of.get(&e.name.to_ascii_lowercase())) {
                for (i, cell) in &sc.shared_refs {
                    string_use.entry(*i).or_insert_with(|| (sheet.clone(), cell.clone()));
                }
            }
        }
        let mut first_unit = Vec::with_capacity(parts.len());
        let mut n = 0;
        for p in &parts {
            first_unit.push(n);
            n += unit_count(p);
        }
        let headers = headers::column_headers(&entries, &parts, &first_unit, &sheet_of);
        Ok(OfficeDocument {
            source,
            entries,
            parts,
            first_unit,
            scrubbed: scrubbed.lines(),
            notes: notes.lines(),
            sheet_of,
            slide_of,
            string_use,
            headers,
        })
    }

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

/// `[Content_Types].xml` or a `.rels` part, read like any XML part: comments are removed, every
/// attribute value that is not structure is read (relationship targets, content types, part names; see
/// `vocab.rs`), and text where none belongs is read too.
fn package_part(name: &str, data: &[u8], no_ids: &HashSet<String>, scrubbed: &mut Tally) -> Result<Scanned, Manual> {
    let ctx = Ctx { part: name, role: vocab::Role::Generic, removed_rels: no_ids, slide_size: None };
    let sc = xml_text::scan(data, &ctx)?;
    for (what, n) in &sc.scrubbed {
        scrubbed.add(*what, *n);
    }
    Ok(sc)
}

/// Units inside content an edit removes are not in the output: they need no redaction (and a part name
/// in a relationship that goes must not send the document to manual handling).
fn forget_removed(sc: &mut Scanned) {
    let removed: Vec<std::ops::Range<usize>> =
        sc.edits.iter().filter(|e| e.with.is_empty()).map(|e| e.range.clone()).collect();
    sc.units.retain(|u| {
        u.pieces.is_empty()
            || !u.pieces.iter().all(|p| removed.iter().any(|r| r.start <= p.src.start && p.src.end <= r.end))
    });
}

/// The edits of a `.rels` part: relationships to removed parts go, other external targets than
/// hyperlinks (paths of templates, linked files) are removed. Hyperlink targets are read by the scan.
fn rels_part(list: &[opc::Rel], removed: &HashSet<String>, scrubbed: &mut Tally) -> Vec<Edit> {
    let mut edits = Vec::new();
    for r in list {
        if r.resolved.as_ref().is_some_and(|t| removed.contains(t)) {
            edits.push(Edit { range: r.span.clone(), with: String::new() });
        } else if r.rtype.ends_with(ATTACHED_TEMPLATE_REL) {
            // The `w:attachedTemplate` element that used it is removed by `docx.rs`.
            scrubbed.add("attached template path removed", 1);
            edits.push(Edit { range: r.span.clone(), with: String::new() });
        } else if r.external && !r.rtype.ends_with(HYPERLINK_REL) && !r.target.is_empty() {
            edits.push(Edit { range: r.target_span.clone(), with: String::new() });
            scrubbed.add("external file paths (linked templates, files, pictures) removed", 1);
        }
    }
    edits
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
