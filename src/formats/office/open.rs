//! Opening a package, in named steps: relationships, what each part is, the document's structure,
//! then every part read into units.
//!
//! [`OfficeDocument::open`] runs them in this order: [`relationships`] (who points at what),
//! [`classify`] (what each part is; a metafile is read here, since its removal must be known before
//! the relationships are rewritten), the removed parts and the relationships to them, [`structure`]
//! (sheets, slides, the slide size and the date system, from the main part), then every part is read:
//! XML parts by `xml_text.rs` ([`xml_part`]), `[Content_Types].xml` and `.rels` parts like any XML
//! part ([`content_types_part`], [`relationships_part`]), pictures by `pictures.rs`, embedded packages
//! by opening them in turn ([`embedded_package`]). Excel's number views (`workbook.rs`), where shared
//! strings are first used and the column headers (`headers.rs`) come last.

use std::collections::{HashMap, HashSet};

use super::package::{self, Entry};
use super::pictures::{ReadMetafile, picture_part, read_bitmaps};
use super::scrub::{self, PartKind};
use super::vocab::{self, Ctx};
use super::xml_text::{self, Edit, Scanned, Unit, UnitKind};
use super::{OfficeDocument, Part, Tally, headers, metafile, numfmt, opc, unit_count, workbook};
use crate::formats::Options;
use crate::limits;
use crate::model::{Code, Manual};

const OFFICE_DOCUMENT_REL: &str = "/officeDocument";
const HYPERLINK_REL: &str = "/hyperlink";
const NOTES_SLIDE_REL: &str = "/notesSlide";
const ATTACHED_TEMPLATE_REL: &str = "/attachedTemplate";

/// Relationships by the (lower-case) part they start from: the `.rels` entry's index, and its list.
type Rels = HashMap<String, (usize, Vec<opc::Rel>)>;

/// Per entry: what it is, and the metafile it holds, read.
type Classified = (Vec<Option<PartKind>>, Vec<Option<ReadMetafile>>);

/// What the main part says about the document, for locations and the off-slide check.
struct Structure {
    /// Worksheet part (lower case) → sheet name.
    sheet_of: HashMap<String, String>,
    /// Slide or notes part (lower case) → slide number.
    slide_of: HashMap<String, u32>,
    /// The presentation's slide size (`sldSz`).
    slide_size: Option<(i64, i64)>,
    date_system: numfmt::DateSystem,
}

impl OfficeDocument {
    pub(super) fn open(source: Vec<u8>, options: &Options, depth: usize) -> Result<OfficeDocument, Manual> {
        let entries = package::read(&source)?;
        let ct_index = entries.iter().position(|e| e.name == "[Content_Types].xml").ok_or_else(|| {
            Manual::new(Code::Corrupt, "a zip without [Content_Types].xml: not an Office Open XML file")
        })?;
        let content_types = opc::content_types(&entries[ct_index].data)?;
        let rels = relationships(&entries)?;

        let mut scrubbed = Tally::default();
        let mut notes = Tally::default();
        let (kinds, mut metafiles) =
            classify(&entries, ct_index, &content_types, &rels, options, &mut scrubbed, &mut notes)?;
        let removed = removed_parts(&entries, &kinds);
        let removed_rels = removed_rels(&rels, &removed);
        let Structure { sheet_of, slide_of, slide_size, date_system } = structure(&entries, &rels)?;

        // Read every part.
        let no_ids = HashSet::new();
        let mut parts = Vec::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            let lower = e.name.to_ascii_lowercase();
            let part = match kinds[i] {
                None if i == ct_index => {
                    content_types_part(e, &entries, &content_types, &removed, &no_ids, &mut scrubbed)?
                }
                None => relationships_part(e, &rels, &removed, &no_ids, &mut scrubbed)?,
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
                Some(PartKind::Image(format)) => picture_part(e, format, options, &mut scrubbed, &mut notes)?,
                Some(PartKind::Package) => embedded_package(e, options, depth, &mut scrubbed, &mut notes)?,
                Some(PartKind::Xml(role)) => {
                    let ctx = Ctx {
                        part: &e.name,
                        role,
                        removed_rels: removed_rels.get(&lower).unwrap_or(&no_ids),
                        slide_size: if lower.starts_with("ppt/slides/") { slide_size } else { None },
                    };
                    xml_part(e, &ctx, &mut scrubbed, &mut notes)?
                }
            };
            parts.push(part);
        }

        workbook::number_views(&entries, &mut parts, &sheet_of, &content_types, date_system)?;

        let string_use = shared_string_uses(&entries, &parts, &sheet_of);
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
}

/// The relationships of every `.rels` part.
fn relationships(entries: &[Entry]) -> Result<Rels, Manual> {
    let mut rels: Rels = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if let Some(src) = opc::source_of(&e.name) {
            let list = opc::relationships(&e.name, &src, &e.data)?;
            rels.insert(src.to_ascii_lowercase(), (i, list));
        }
    }
    Ok(rels)
}

/// What each part is (`None`: `[Content_Types].xml` and `.rels` parts, handled once the removals are
/// known), and the metafiles, read now: one lak cannot vouch for is unknown, which refuses the
/// document unless `--drop-embedded` removes it.
fn classify(
    entries: &[Entry],
    ct_index: usize,
    content_types: &opc::ContentTypes,
    rels: &Rels,
    options: &Options,
    scrubbed: &mut Tally,
    notes: &mut Tally,
) -> Result<Classified, Manual> {
    let mut incoming: HashMap<&str, Vec<&str>> = HashMap::new();
    for (_, list) in rels.values() {
        for r in list {
            if let Some(t) = &r.resolved {
                incoming.entry(t.as_str()).or_default().push(r.rtype.as_str());
            }
        }
    }
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
                Ok(m) => match read_bitmaps(&e.name, &m, options, notes) {
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
    Ok((kinds, metafiles))
}

/// The parts that go (lower case).
fn removed_parts(entries: &[Entry], kinds: &[Option<PartKind>]) -> HashSet<String> {
    entries
        .iter()
        .zip(kinds)
        .filter(|(_, k)| matches!(k, Some(PartKind::Remove(_))))
        .map(|(e, _)| e.name.to_ascii_lowercase())
        .collect()
}

/// Relationship ids, per source part, that point at removed parts.
fn removed_rels(rels: &Rels, removed: &HashSet<String>) -> HashMap<String, HashSet<String>> {
    let mut removed_rels: HashMap<String, HashSet<String>> = HashMap::new();
    for (src, (_, list)) in rels {
        let ids: HashSet<String> = list
            .iter()
            .filter(|r| r.resolved.as_ref().is_some_and(|t| removed.contains(t)))
            .map(|r| r.id.clone())
            .collect();
        removed_rels.insert(src.clone(), ids);
    }
    removed_rels
}

/// Word and PowerPoint and Excel structure, for locations and the off-slide check.
fn structure(entries: &[Entry], rels: &Rels) -> Result<Structure, Manual> {
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
    Ok(Structure { sheet_of, slide_of, slide_size, date_system })
}

/// `[Content_Types].xml`: read like any part (comments go, content types and part names are read);
/// the overrides of removed parts go; every part name is read as well.
fn content_types_part(
    e: &Entry,
    entries: &[Entry],
    content_types: &opc::ContentTypes,
    removed: &HashSet<String>,
    no_ids: &HashSet<String>,
    scrubbed: &mut Tally,
) -> Result<Part, Manual> {
    let mut sc = package_part(&e.name, &e.data, no_ids, scrubbed)?;
    for (name, (_, span)) in &content_types.overrides {
        if removed.contains(name) {
            sc.edits.push(Edit { range: span.clone(), with: String::new() });
        }
    }
    for other in entries.iter().filter(|o| !o.is_dir && !removed.contains(&o.name.to_ascii_lowercase())) {
        sc.units.push(Unit {
            text: other.name.clone(),
            pieces: Vec::new(),
            kind: UnitKind::Fixed(format!("the name of part {}", other.name)),
            seq: 0,
            hidden: false,
        });
    }
    forget_removed(&mut sc);
    Ok(Part::Xml(sc))
}

/// A `.rels` part: gone with the part it starts from, else read with the edits of [`rels_part`].
fn relationships_part(
    e: &Entry,
    rels: &Rels,
    removed: &HashSet<String>,
    no_ids: &HashSet<String>,
    scrubbed: &mut Tally,
) -> Result<Part, Manual> {
    let src = opc::source_of(&e.name).unwrap_or_default().to_ascii_lowercase();
    Ok(if removed.contains(&src) {
        Part::Remove
    } else {
        let list = rels.get(&src).map(|(_, l)| l.as_slice()).unwrap_or(&[]);
        let mut sc = package_part(&e.name, &e.data, no_ids, scrubbed)?;
        sc.edits.extend(rels_part(list, removed, scrubbed));
        forget_removed(&mut sc);
        Part::Xml(sc)
    })
}

/// An Office package inside this one, opened in turn (within [`limits::MAX_OFFICE_NESTING`]).
fn embedded_package(
    e: &Entry,
    options: &Options,
    depth: usize,
    scrubbed: &mut Tally,
    notes: &mut Tally,
) -> Result<Part, Manual> {
    if depth + 1 > limits::MAX_OFFICE_NESTING {
        return Err(Manual::new(Code::ZipLimit, format!("{} nests Office packages too deeply", e.name)));
    }
    let inner = OfficeDocument::open(e.data.clone(), options, depth + 1)
        .map_err(|m| Manual::new(m.code, format!("embedded {}: {}", e.name, m.reason)))?;
    for s in &inner.scrubbed {
        scrubbed.add(format!("in embedded {}: {s}", e.name), 1);
    }
    for n in &inner.notes {
        notes.add(format!("in embedded {}: {n}", e.name), 1);
    }
    Ok(Part::Embedded(Box::new(inner)))
}

/// An XML part, read into units by `xml_text.rs`.
fn xml_part(e: &Entry, ctx: &Ctx, scrubbed: &mut Tally, notes: &mut Tally) -> Result<Part, Manual> {
    let sc = xml_text::scan(&e.data, ctx)?;
    for (what, n) in &sc.scrubbed {
        scrubbed.add(*what, *n);
    }
    for (what, n) in &sc.notes {
        notes.add(format!("{}: {what}", e.name), *n);
    }
    Ok(Part::Xml(sc))
}

/// Where shared strings are first used, for locations.
fn shared_string_uses(
    entries: &[Entry],
    parts: &[Part],
    sheet_of: &HashMap<String, String>,
) -> HashMap<u32, (String, String)> {
    let mut string_use = HashMap::new();
    for (e, p) in entries.iter().zip(parts) {
        if let (Part::Xml(sc), Some(sheet)) = (p, sheet_of.get(&e.name.to_ascii_lowercase())) {
            for (i, cell) in &sc.shared_refs {
                string_use.entry(*i).or_insert_with(|| (sheet.clone(), cell.clone()));
            }
        }
    }
    string_use
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
