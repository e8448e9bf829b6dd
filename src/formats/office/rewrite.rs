//! Writing a part back: the redactions and the scrubbing edits, every other byte as it was.
//!
//! The part is never re-serialised. The scan ([`super::xml_text`]) recorded where every character of
//! every unit is; a redaction becomes a list of byte-range replacements, merged with the part's
//! unconditional edits, and applied to the original bytes in one pass. Formatting, namespaces,
//! attribute order, whitespace and everything lak does not touch stay byte-identical.
//!
//! How a redaction is written depends on where the text is:
//!
//! - in text pieces: the redacted characters are removed from every piece they span (a name split over
//!   three runs empties the second and third) and the marker goes where the redaction starts. The text
//!   element gets `xml:space="preserve"` so the spaces around the marker survive. In Word, the marker
//!   gets a run of its own — a copy of the run's properties with white text on black shading — so it
//!   shows as a black box with the ground in it;
//! - in a tab or break that a redaction covers: the element is removed;
//! - in an attribute: the value is rewritten whole (as an identifier for bookmark names);
//! - in a numeric spreadsheet cell: the cell becomes an inline-string cell holding the marker, because a
//!   number cannot hold text; a cell with a formula loses it (a recalculation would bring the value
//!   back);
//! - in a formula: the formula is removed and the cell keeps its (redacted) cached value;
//! - in a sheet name: see [`sheet_name`].

use std::collections::HashSet;
use std::ops::Range;

use quick_xml::Reader;
use quick_xml::escape::escape;
use quick_xml::events::Event;

use super::vocab::Fam;
use super::xml_text::{Edit, Holder, PieceKind, Scanned, Unit, UnitKind};
use crate::model::{Code, Manual};

/// One redaction inside a part: unit index within the part, byte range in the unit's text, and what
/// replaces it (the marker, or a sheet's new name).
#[derive(Clone, Debug)]
pub(crate) struct Cut {
    pub unit: usize,
    pub start: usize,
    pub end: usize,
    pub with: String,
}

/// A redaction in a unit's text: start, end, replacement.
type Op = (usize, usize, String);

/// Writes the part with its edits and the redactions.
pub(crate) fn rewrite(part: &str, xml: &[u8], scanned: &Scanned, cuts: &[Cut]) -> Result<Vec<u8>, Manual> {
    let mut patches: Vec<Edit> = scanned.edits.clone();
    let mut by_unit: Vec<(usize, Vec<Op>)> = Vec::new();
    let mut sorted: Vec<&Cut> = cuts.iter().collect();
    sorted.sort_by_key(|c| (c.unit, c.start, c.end));
    for c in sorted {
        let unit = scanned.units.get(c.unit).ok_or_else(|| internal(part))?;
        if c.start > c.end || c.end > unit.text.len() {
            return Err(internal(part));
        }
        match by_unit.last_mut() {
            Some((u, ops)) if *u == c.unit => match ops.last_mut() {
                // Overlapping or touching redactions become one (with a marker, if either has one).
                Some(last) if c.start <= last.1 => {
                    last.1 = last.1.max(c.end);
                    if last.2.is_empty() {
                        last.2 = c.with.clone();
                    }
                }
                _ => ops.push((c.start, c.end, c.with.clone())),
            },
            _ => by_unit.push((c.unit, vec![(c.start, c.end, c.with.clone())])),
        }
    }
    let mut preserved: HashSet<usize> = HashSet::new();
    for (u, ops) in &by_unit {
        let unit = &scanned.units[*u];
        match &unit.kind {
            // A sheet name arrives with one cut over the whole name, holding the new name (see `workbook.rs`).
            UnitKind::Text | UnitKind::SheetName => {
                text_unit(part, xml, scanned, unit, ops, &mut patches, &mut preserved)?
            }
            UnitKind::Ident => {
                let value = apply(&unit.text, ops)
                    .chars()
                    .map(|c| if c.is_alphanumeric() { c } else { '_' })
                    .collect::<String>();
                attr_patch(unit, &format!("_{value}"), &mut patches)?;
            }
            UnitKind::Fixed(what) => {
                return Err(Manual::new(
                    Code::UnsupportedContent,
                    format!(
                        "{what} in part {part} holds personal data ({:?}); lak cannot rewrite it safely: \
                         handle the document by hand",
                        unit.text
                    ),
                ));
            }
            UnitKind::View { .. } => return Err(internal(part)),
            UnitKind::DefinedName => {
                return Err(Manual::new(
                    Code::UnsupportedContent,
                    format!(
                        "the defined name {:?} holds personal data; renaming it would break the formulas \
                         that use it: rename it by hand",
                        unit.text
                    ),
                ));
            }
            UnitKind::PivotValue { tag, qname } => {
                let piece = unit.pieces.first().ok_or_else(|| internal(part))?;
                let new_value = escape(apply(&unit.text, ops)).into_owned();
                let tag_text = std::str::from_utf8(&xml[tag.clone()]).map_err(|_| internal(part))?;
                let rel = piece.src.start - tag.start..piece.src.end - tag.start;
                let mut t = String::new();
                t.push_str(&tag_text[..rel.start]);
                t.push_str(&new_value);
                t.push_str(&tag_text[rel.end..]);
                // A number or date item holding a marker becomes a string item.
                let local = qname.rsplit(':').next().unwrap_or(qname);
                if local != "s" {
                    let prefix = &qname[..qname.len() - local.len()];
                    t = format!("<{prefix}s{}", &t[1 + qname.len()..]);
                }
                patches.push(Edit { range: tag.clone(), with: t });
            }
            UnitKind::Cell(cell) => {
                if let Some((f, shared_master)) = &cell.formula {
                    if *shared_master {
                        return Err(shared_formula(part, cell.r.as_deref()));
                    }
                    if cell.t == "str" {
                        patches.push(Edit { range: f.clone(), with: String::new() });
                    }
                }
                if cell.t == "str" {
                    text_unit(part, xml, scanned, unit, ops, &mut patches, &mut preserved)?;
                } else {
                    // A number (or boolean, date, error) cannot hold the marker: write an inline string.
                    let local = cell.qname.rsplit(':').next().unwrap_or(&cell.qname);
                    let prefix = &cell.qname[..cell.qname.len() - local.len()];
                    let mut c = format!("<{}", cell.qname);
                    if let Some(r) = &cell.r {
                        c.push_str(&format!(" r=\"{}\"", escape(r.as_str())));
                    }
                    if let Some(s) = &cell.s {
                        c.push_str(&format!(" s=\"{}\"", escape(s.as_str())));
                    }
                    c.push_str(&format!(
                        " t=\"inlineStr\"><{prefix}is><{prefix}t xml:space=\"preserve\">{}</{prefix}t></{prefix}is></{}>",
                        escape(apply(&unit.text, ops)),
                        cell.qname
                    ));
                    patches.push(Edit { range: cell.span.clone(), with: c });
                }
            }
            UnitKind::Formula { elem, shared_master } => {
                if *shared_master {
                    return Err(shared_formula(part, None));
                }
                patches.push(Edit { range: elem.clone(), with: String::new() });
            }
        }
    }
    apply_patches(part, xml, patches)
}

fn shared_formula(part: &str, cell: Option<&str>) -> Manual {
    Manual::new(
        Code::UnsupportedContent,
        format!(
            "a shared formula in {part}{} must be removed, but other cells depend on it: handle by hand",
            cell.map(|c| format!(" (cell {c})")).unwrap_or_default()
        ),
    )
}

fn internal(part: &str) -> Manual {
    Manual::new(Code::InternalError, format!("a redaction in part {part} does not map back to the file"))
}

/// `text` with each `(start, end, marker)` replaced by its marker.
fn apply(text: &str, ops: &[Op]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for (s, e, m) in ops {
        out.push_str(&text[pos..*s]);
        out.push_str(m);
        pos = *e;
    }
    out.push_str(&text[pos..]);
    out
}

fn attr_patch(unit: &Unit, value: &str, patches: &mut Vec<Edit>) -> Result<(), Manual> {
    let piece = unit.pieces.first().filter(|p| p.kind == PieceKind::Attr).ok_or_else(|| internal("(attribute)"))?;
    patches.push(Edit { range: piece.src.clone(), with: escape(value).into_owned() });
    Ok(())
}

/// A valid sheet name from a redacted one: brackets and the other characters Excel forbids become
/// parentheses or spaces; at most 31 characters; `None` if nothing usable remains.
pub(crate) fn sheet_name(redacted: &str) -> Option<String> {
    let name: String = redacted
        .chars()
        .map(|c| match c {
            '[' => '(',
            ']' => ')',
            ':' | '*' | '?' | '/' | '\\' => ' ',
            c => c,
        })
        .collect();
    let name = name.trim().trim_matches('\'').to_string();
    (!name.is_empty() && name.chars().count() <= 31).then_some(name)
}

/// Writes the redactions of one text unit into its pieces.
fn text_unit(
    part: &str,
    xml: &[u8],
    scanned: &Scanned,
    unit: &Unit,
    ops: &[Op],
    patches: &mut Vec<Edit>,
    preserved: &mut HashSet<usize>,
) -> Result<(), Manual> {
    // Per piece: local (start, end, marker?) operations.
    let mut piece_ops: Vec<Vec<(usize, usize, Option<&str>)>> = vec![Vec::new(); unit.pieces.len()];
    for (s, e, m) in ops {
        let mut marker_placed = false;
        for (i, p) in unit.pieces.iter().enumerate() {
            let (ps, pe) = (p.at, p.at + p.len);
            if pe <= *s || ps >= *e {
                continue;
            }
            let ls = s.saturating_sub(ps).min(p.len);
            let le = (e - ps).min(p.len);
            let put_marker = !marker_placed && p.kind != PieceKind::Element;
            if put_marker {
                marker_placed = true;
            }
            piece_ops[i].push((ls, le, put_marker.then_some(m.as_str())));
        }
        if !marker_placed && !m.is_empty() {
            return Err(internal(part));
        }
    }
    for (i, ops) in piece_ops.iter().enumerate() {
        if ops.is_empty() {
            continue;
        }
        let p = &unit.pieces[i];
        let text = &unit.text[p.at..p.at + p.len];
        match p.kind {
            PieceKind::Element => {
                patches.push(Edit { range: p.src.clone(), with: String::new() });
            }
            PieceKind::Attr => {
                let value = apply_local(text, ops);
                patches.push(Edit { range: p.src.clone(), with: escape(value).into_owned() });
            }
            PieceKind::Text | PieceKind::Ref | PieceKind::CData => {
                let holder = p.holder.and_then(|h| scanned.holders.get(h));
                let split = holder.and_then(|h| shaded_split(part, xml, scanned, h).transpose()).transpose()?;
                let mut with = String::new();
                let mut pos = 0;
                for (ls, le, m) in ops {
                    with.push_str(&escape(&text[pos..*ls]));
                    if let Some(m) = m {
                        match &split {
                            Some((before, after)) => {
                                with.push_str(before);
                                with.push_str(&escape(*m));
                                with.push_str(after);
                            }
                            None => with.push_str(&escape(*m)),
                        }
                    }
                    pos = *le;
                }
                with.push_str(&escape(&text[pos..]));
                patches.push(Edit { range: p.src.clone(), with });
                if let (Some(h), Some(hi)) = (holder, p.holder)
                    && matches!(h.fam, Fam::W | Fam::S)
                    && !h.preserve
                    && preserved.insert(hi)
                {
                    // `xml:space="default"` becomes `preserve`; otherwise the attribute is inserted before
                    // the `>` of the start tag (an insertion, so edits of other attributes of the tag stay).
                    match &h.space {
                        Some(value) => patches.push(Edit { range: value.clone(), with: "preserve".into() }),
                        None => {
                            if xml.get(h.start_tag.end.wrapping_sub(1)) != Some(&b'>') {
                                return Err(internal(part));
                            }
                            let at = h.start_tag.end - 1;
                            patches.push(Edit { range: at..at, with: " xml:space=\"preserve\"".into() });
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

fn apply_local(text: &str, ops: &[(usize, usize, Option<&str>)]) -> String {
    let mut out = String::new();
    let mut pos = 0;
    for (s, e, m) in ops {
        out.push_str(&text[pos..*s]);
        if let Some(m) = m {
            out.push_str(m);
        }
        pos = *e;
    }
    out.push_str(&text[pos..]);
    out
}

/// For a Word `w:t` directly in a run: the markup that closes the run before the marker and reopens
/// it after, giving the marker a run of its own with white text on black shading.
fn shaded_split(part: &str, xml: &[u8], scanned: &Scanned, h: &Holder) -> Result<Option<(String, String)>, Manual> {
    let Some(run) = &h.run else {
        return Ok(None);
    };
    if h.fam != Fam::W || h.qname.rsplit(':').next() != Some("t") {
        return Ok(None);
    }
    let t = &h.qname;
    let r = &run.qname;
    let prefix = &t[..t.len() - 1]; // "w:"
    let rpr = match &run.rpr {
        Some(range) => Some(cleaned(part, xml, range.clone(), &scanned.edits)?),
        None => None,
    };
    let shaded = shaded_rpr(prefix, rpr.as_deref());
    let before = format!("</{t}></{r}><{r}>{shaded}<{t} xml:space=\"preserve\">");
    let after = format!("</{t}></{r}><{r}>{}<{t} xml:space=\"preserve\">", rpr.as_deref().unwrap_or(""));
    Ok(Some((before, after)))
}

/// The bytes of `range` with the scrubbing edits inside it applied (a run's properties without the
/// tracked formatting change they may hold).
fn cleaned(part: &str, xml: &[u8], range: Range<usize>, edits: &[Edit]) -> Result<String, Manual> {
    let mut inner: Vec<&Edit> =
        edits.iter().filter(|e| e.range.start >= range.start && e.range.end <= range.end).collect();
    inner.sort_by_key(|e| e.range.start);
    let mut out = Vec::new();
    let mut pos = range.start;
    for e in inner {
        if e.range.start < pos {
            continue;
        }
        out.extend_from_slice(&xml[pos..e.range.start]);
        out.extend_from_slice(e.with.as_bytes());
        pos = e.range.end;
    }
    out.extend_from_slice(&xml[pos..range.end]);
    String::from_utf8(out).map_err(|_| internal(part))
}

/// Run properties for the marker: the original's font, size and style, white text, black shading. The
/// children are written in the order the schema prescribes (Word is strict about it).
fn shaded_rpr(prefix: &str, rpr: Option<&str>) -> String {
    // The order of CT_RPr's children (ECMA-376 Part 1, 17.3.2.28), with the ones lak leaves out.
    const ORDER: [&str; 38] = [
        "rStyle",
        "rFonts",
        "b",
        "bCs",
        "i",
        "iCs",
        "caps",
        "smallCaps",
        "strike",
        "dstrike",
        "outline",
        "shadow",
        "emboss",
        "imprint",
        "noProof",
        "snapToGrid",
        "vanish",
        "webHidden",
        "color",
        "spacing",
        "w",
        "kern",
        "position",
        "sz",
        "szCs",
        "highlight",
        "u",
        "effect",
        "bdr",
        "shd",
        "fitText",
        "vertAlign",
        "rtl",
        "cs",
        "em",
        "lang",
        "eastAsianLayout",
        "specVanish",
    ];
    const DROP: [&str; 6] = ["vanish", "webHidden", "color", "highlight", "shd", "specVanish"];
    let mut children: Vec<(usize, String)> = Vec::new();
    if let Some(rpr) = rpr {
        let mut reader = Reader::from_str(rpr);
        let mut depth = 0usize;
        let mut child_start = 0usize;
        loop {
            let before = reader.buffer_position() as usize;
            let Ok(ev) = reader.read_event() else { break };
            let after = reader.buffer_position() as usize;
            match ev {
                Event::Start(s) => {
                    if depth == 1 {
                        child_start = before;
                    }
                    depth += 1;
                    let _ = s;
                }
                Event::Empty(s) if depth == 1 => {
                    let name = s.local_name().as_ref().to_string();
                    if let Some(i) = ORDER.iter().position(|o| *o == name)
                        && !DROP.contains(&name.as_str())
                    {
                        children.push((i, rpr[before..after].to_string()));
                    }
                }
                Event::End(e) => {
                    depth = depth.saturating_sub(1);
                    if depth == 1 {
                        let name = e.local_name().as_ref().to_string();
                        if let Some(i) = ORDER.iter().position(|o| *o == name)
                            && !DROP.contains(&name.as_str())
                        {
                            children.push((i, rpr[child_start..after].to_string()));
                        }
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
    }
    let pos = |n: &str| ORDER.iter().position(|o| *o == n).unwrap_or(0);
    children.push((pos("color"), format!("<{prefix}color {prefix}val=\"FFFFFF\"/>")));
    children.push((
        pos("shd"),
        format!("<{prefix}shd {prefix}val=\"clear\" {prefix}color=\"auto\" {prefix}fill=\"000000\"/>"),
    ));
    children.sort_by_key(|(i, _)| *i);
    let mut out = format!("<{prefix}rPr>");
    for (_, c) in children {
        out.push_str(&c);
    }
    out.push_str(&format!("</{prefix}rPr>"));
    out
}

/// Applies the patches ([`crate::formats::splice`]): a patch inside another one is dropped (the outer
/// one was built from the already redacted text); a partial overlap is a bug, and fails closed.
pub(crate) fn apply_patches(part: &str, xml: &[u8], patches: Vec<Edit>) -> Result<Vec<u8>, Manual> {
    let mut edits: Vec<(std::ops::Range<usize>, String)> = patches.into_iter().map(|p| (p.range, p.with)).collect();
    crate::formats::splice::splice(xml, &mut edits).map_err(|e| match e {
        crate::formats::splice::SpliceError::Overlap => {
            Manual::new(Code::InternalError, format!("overlapping changes in part {part}"))
        }
        crate::formats::splice::SpliceError::Range => internal(part),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::office::vocab::{Ctx, Role};
    use crate::formats::office::xml_text::scan;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    const S: &str = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";

    /// Scans `xml`, cuts `text` wherever it occurs in unit `unit`, returns the units and the new XML.
    fn cut(xml: &str, unit: usize, text: &str) -> (Vec<String>, String) {
        let none = HashSet::new();
        let ctx = Ctx { part: "test.xml", role: Role::Generic, removed_rels: &none, slide_size: None };
        let sc = scan(xml.as_bytes(), &ctx).unwrap();
        let units: Vec<String> = sc.units.iter().map(|u| u.text.clone()).collect();
        let start = units[unit].find(text).unwrap();
        let cuts = [Cut { unit, start, end: start + text.len(), with: "[X]".into() }];
        let out = rewrite("test.xml", xml.as_bytes(), &sc, &cuts).unwrap();
        (units, String::from_utf8(out).unwrap())
    }

    #[test]
    fn a_name_over_runs_entities_and_char_refs_is_one_unit_and_cut_everywhere() {
        let xml = format!(
            "<w:document {W}><w:p><w:r><w:t>Mw. Ja</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>n&#115;en &amp; Co</w:t></w:r></w:p></w:document>"
        );
        let (units, out) = cut(&xml, 0, "Jansen");
        assert_eq!(units, ["Mw. Jansen & Co"]);
        assert!(!out.contains("Ja<") && !out.contains("&#115;"), "{out}");
        assert!(out.contains("<w:t xml:space=\"preserve\"> &amp; Co</w:t>"), "{out}");
        assert!(out.contains(">[X]</w:t>"), "{out}");
        assert!(out.contains("<w:t xml:space=\"preserve\">Mw. </w:t>"), "{out}");
    }

    #[test]
    fn cdata_and_tabs_map_back() {
        let xml = format!(
            "<w:document {W}><w:p><w:r><w:t><![CDATA[BSN <1>]]></w:t><w:tab/><w:t>123</w:t></w:r></w:p></w:document>"
        );
        let (units, out) = cut(&xml, 0, ">\t12");
        assert_eq!(units, ["BSN <1>\t123"]);
        assert!(!out.contains("<w:tab/>") && !out.contains("CDATA"), "{out}");
        assert!(out.contains("BSN &lt;1"), "{out}");
    }

    #[test]
    fn a_number_cell_becomes_an_inline_string() {
        let xml = format!(
            "<worksheet {S}><sheetData><row r=\"2\"><c r=\"B2\" s=\"3\"><v>111222333</v></c></row></sheetData></worksheet>"
        );
        let (units, out) = cut(&xml, 0, "111222333");
        assert_eq!(units, ["111222333"]);
        assert!(
            out.contains("<c r=\"B2\" s=\"3\" t=\"inlineStr\"><is><t xml:space=\"preserve\">[X]</t></is></c>"),
            "{out}"
        );
    }

    #[test]
    fn a_formula_string_cell_loses_its_formula() {
        let xml = format!(
            "<worksheet {S}><sheetData><row r=\"2\"><c r=\"C2\" t=\"str\"><f>A2&amp;B2</f><v>Jan Jansen</v></c></row></sheetData></worksheet>"
        );
        let (units, out) = cut(&xml, 1, "Jansen");
        assert_eq!(units, ["A2&B2", "Jan Jansen"]);
        assert!(out.contains("<c r=\"C2\" t=\"str\"><v>Jan [X]</v></c>"), "{out}");
    }

    #[test]
    fn shared_strings_skip_indexes() {
        let xml = format!(
            "<worksheet {S}><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c><c r=\"B1\"><v>5</v></c></row></sheetData></worksheet>"
        );
        let none = HashSet::new();
        let ctx = Ctx { part: "s.xml", role: Role::Generic, removed_rels: &none, slide_size: None };
        let sc = scan(xml.as_bytes(), &ctx).unwrap();
        assert_eq!(sc.units.len(), 1);
        assert_eq!(sc.shared_refs, [(7, "A1".to_string())]);
    }

    #[test]
    fn tracked_changes_are_resolved_and_authors_stripped() {
        let xml = format!(
            "<w:document {W}><w:body><w:p w:rsidR=\"00AB\"><w:ins w:id=\"1\" w:author=\"A\"><w:r><w:t>nieuw</w:t></w:r></w:ins><w:del w:id=\"2\" w:author=\"A\"><w:r><w:delText>oud</w:delText></w:r></w:del></w:p></w:body></w:document>"
        );
        let none = HashSet::new();
        let ctx = Ctx { part: "d.xml", role: Role::Generic, removed_rels: &none, slide_size: None };
        let sc = scan(xml.as_bytes(), &ctx).unwrap();
        assert_eq!(sc.units.iter().map(|u| u.text.as_str()).collect::<Vec<_>>(), ["nieuw"]);
        let out = String::from_utf8(rewrite("d.xml", xml.as_bytes(), &sc, &[]).unwrap()).unwrap();
        assert_eq!(
            out,
            format!("<w:document {W}><w:body><w:p><w:r><w:t>nieuw</w:t></w:r></w:p></w:body></w:document>")
        );
    }

    #[test]
    fn dtds_and_unknown_entities_are_refused() {
        let none = HashSet::new();
        let ctx = Ctx { part: "d.xml", role: Role::Generic, removed_rels: &none, slide_size: None };
        for xml in ["<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>", "<a>&x;</a>"] {
            assert_eq!(scan(xml.as_bytes(), &ctx).unwrap_err().code, "xml_dtd", "{xml}");
        }
        assert_eq!(scan(b"<a><b></a>", &ctx).unwrap_err().code, "corrupt");
    }

    #[test]
    fn sheet_names_stay_valid() {
        assert_eq!(sheet_name("[5.1.2e]").as_deref(), Some("(5.1.2e)"));
        assert_eq!(sheet_name("Dossier [5.1.2e]").as_deref(), Some("Dossier (5.1.2e)"));
        assert_eq!(sheet_name("[5.1.2e] / [5.1.1e]").as_deref(), Some("(5.1.2e)   (5.1.1e)"));
        assert!(sheet_name(&"x".repeat(40)).is_none());
    }

    #[test]
    fn shaded_rpr_keeps_font_and_order() {
        let r =
            shaded_rpr("w:", Some("<w:rPr><w:b/><w:color w:val=\"FF0000\"/><w:sz w:val=\"28\"/><w:vanish/></w:rPr>"));
        assert_eq!(
            r,
            "<w:rPr><w:b/><w:color w:val=\"FFFFFF\"/><w:sz w:val=\"28\"/>\
             <w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"000000\"/></w:rPr>"
        );
    }

    #[test]
    fn nested_patches_keep_the_outer_one() {
        let xml = b"0123456789";
        let out = apply_patches(
            "p",
            xml,
            vec![
                Edit { range: 2..8, with: "X".into() },
                Edit { range: 3..4, with: "Y".into() },
                Edit { range: 9..10, with: "Z".into() },
            ],
        )
        .unwrap();
        assert_eq!(out, b"01X8Z");
        assert!(
            apply_patches(
                "p",
                xml,
                vec![Edit { range: 2..5, with: String::new() }, Edit { range: 4..6, with: String::new() }]
            )
            .is_err()
        );
    }
}
