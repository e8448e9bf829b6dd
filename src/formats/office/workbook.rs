//! Excel-only logic over a workbook's parts: numbers as their formats show them, and sheet names that
//! must be redacted turned into renames with every reference rewritten. (`xlsx.rs` is the vocabulary of
//! SpreadsheetML elements; this is what the adapter does with a whole workbook.)

use std::collections::{HashMap, HashSet};

use super::package::Entry;
use super::rewrite::{self, Cut};
use super::xml_text::{Unit, UnitKind};
use super::{Part, numfmt, opc};
use crate::model::{Code, Manual};

/// Numbers as they are shown: each numeric cell whose style has a custom number format or a built-in
/// date format gets a view of its value rendered through that format (`612345678` through
/// `"0"0"-"00000000` is `06-12345678`, `31852` through `d mmmm yyyy` is `16 March 1987`; see
/// `numfmt.rs`), and a date number the view `dd-mm-yyyy` too when it is shown otherwise (dates count from
/// the workbook's `date_system`). A format lak cannot render that could assemble an identifier out of a
/// number (literal digits, or literals between digit placeholders) needs manual handling, in a cell
/// style and in a differential (conditional or table) format alike.
pub(super) fn number_views(
    entries: &[Entry],
    parts: &mut [Part],
    sheet_of: &HashMap<String, String>,
    content_types: &opc::ContentTypes,
    date_system: numfmt::DateSystem,
) -> Result<(), Manual> {
    if sheet_of.is_empty() {
        return Ok(());
    }
    // The styles part is the one of its content type, whatever its name (Excel follows the workbook's
    // relationship, which must point at a part of that type).
    let mut candidates = entries.iter().filter(|e| {
        content_types.of(&e.name).is_some_and(|ct| ct.contains("spreadsheetml") && ct.ends_with(".styles+xml"))
    });
    let Some(styles) = candidates.next() else {
        return Ok(());
    };
    if candidates.next().is_some() {
        return Err(Manual::new(
            Code::UnsupportedContent,
            "the workbook has more than one styles part, so lak cannot tell how its numbers are shown",
        ));
    }
    #[derive(PartialEq)]
    enum Section {
        Other,
        NumFmts,
        CellXfs,
        Dxfs,
    }
    let mut section = Section::Other;
    let mut codes: HashMap<String, String> = HashMap::new();
    let mut xfs: Vec<String> = Vec::new();
    let mut dxf_codes: Vec<String> = Vec::new();
    opc::elements(&styles.name, &styles.data, |local, attrs, _| {
        match local {
            "numFmts" => section = Section::NumFmts,
            "cellXfs" => section = Section::CellXfs,
            "dxfs" => section = Section::Dxfs,
            "cellStyleXfs" | "cellStyles" | "fonts" | "fills" | "borders" | "tableStyles" | "colors" | "extLst" => {
                section = Section::Other
            }
            "numFmt" => {
                let code = opc::attr(attrs, "formatCode").map(|a| a.1.clone()).unwrap_or_default();
                match section {
                    Section::NumFmts => {
                        if let Some(id) = opc::attr(attrs, "numFmtId") {
                            codes.insert(id.1.trim().to_string(), code);
                        }
                    }
                    Section::Dxfs => dxf_codes.push(code),
                    _ => {}
                }
            }
            "xf" if section == Section::CellXfs => {
                xfs.push(opc::attr(attrs, "numFmtId").map(|a| a.1.trim().to_string()).unwrap_or_default());
            }
            _ => {}
        }
        Ok(())
    })?;
    if let Some(code) = dxf_codes.iter().find(|c| numfmt::assembles(c)) {
        return Err(Manual::new(
            Code::UnsupportedContent,
            format!(
                "a conditional or table format shows numbers through the number format {code:?}, which can \
                 assemble an identifier out of a number; lak does not apply such formats: check the workbook by hand"
            ),
        ));
    }
    for (e, part) in entries.iter().zip(parts.iter_mut()) {
        let Some(sheet) = sheet_of.get(&e.name.to_ascii_lowercase()) else { continue };
        let Part::Xml(sc) = part else { continue };
        for u in 0..sc.units.len() {
            let UnitKind::Cell(cell) = &sc.units[u].kind else { continue };
            if cell.t != "n" {
                continue;
            }
            let style = cell.s.as_deref().unwrap_or("0").trim();
            let Some(code) = style
                .parse::<usize>()
                .ok()
                .and_then(|s| xfs.get(s))
                .and_then(|id| codes.get(id).map(String::as_str).or_else(|| numfmt::builtin(id)))
            else {
                continue;
            };
            let r = cell.r.clone();
            let shown = match numfmt::render(code, &sc.units[u].text, date_system) {
                numfmt::Shown::Text(shown) => vec![shown],
                numfmt::Shown::Date { shown, day } => shown.into_iter().chain(day).collect(),
                numfmt::Shown::Unknown if numfmt::assembles(code) => {
                    return Err(Manual::new(
                        Code::UnsupportedContent,
                        format!(
                            "cell {} of sheet {sheet} shows its number through the format {code:?}, which lak \
                             cannot render and which can assemble an identifier: check it by hand",
                            r.unwrap_or_default()
                        ),
                    ));
                }
                numfmt::Shown::Unknown => Vec::new(),
            };
            for text in shown {
                if text == sc.units[u].text {
                    continue;
                }
                let n = sc.units.len();
                sc.units.push(Unit {
                    text,
                    pieces: Vec::new(),
                    kind: UnitKind::View { of: u, map: Vec::new() },
                    seq: 0,
                    hidden: false,
                });
                if let Some(r) = r.clone() {
                    sc.cell_units.push((n, r));
                }
            }
        }
    }
    Ok(())
}

/// Turns redactions of sheet names into renames, and rewrites every reference to a renamed sheet in
/// every part.
pub(super) fn rename_sheets(
    parts: &[Part],
    sheet_of: &HashMap<String, String>,
    cuts: &mut [Vec<Cut>],
) -> Result<bool, Manual> {
    let mut all_names: HashSet<String> = sheet_of.values().map(|n| n.to_lowercase()).collect();
    let mut renames: Vec<(String, String)> = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        let Part::Xml(sc) = p else { continue };
        let units: Vec<usize> = {
            let mut v: Vec<usize> =
                cuts[i].iter().filter(|c| sc.units[c.unit].kind == UnitKind::SheetName).map(|c| c.unit).collect();
            v.dedup();
            v
        };
        for u in units {
            let unit = &sc.units[u];
            let mut edits: Vec<(std::ops::Range<usize>, &str)> =
                cuts[i].iter().filter(|c| c.unit == u).map(|c| (c.start..c.end, c.with.as_str())).collect();
            let redacted = crate::formats::splice::splice(unit.text.as_bytes(), &mut edits)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or_else(|| Manual::new(Code::InternalError, "overlapping changes in a sheet name"))?;
            let base = rewrite::sheet_name(&redacted).ok_or_else(|| {
                Manual::new(
                    Code::UnsupportedContent,
                    format!(
                        "the sheet name {:?} must be redacted but no valid name remains: rename it by hand",
                        unit.text
                    ),
                )
            })?;
            let mut new = base.clone();
            let mut k = 2;
            while all_names.contains(&new.to_lowercase()) {
                new = format!("{} {k}", base.chars().take(28).collect::<String>());
                k += 1;
            }
            all_names.insert(new.to_lowercase());
            renames.push((unit.text.clone(), new));
        }
    }
    if renames.is_empty() {
        return Ok(false);
    }
    for (i, p) in parts.iter().enumerate() {
        let Part::Xml(sc) = p else { continue };
        for (u, unit) in sc.units.iter().enumerate() {
            for (old, new) in &renames {
                let quoted_new = format!("'{}'", new.replace('\'', "''"));
                let mut spans: Vec<(usize, usize, String)> = Vec::new();
                if unit.text == *old {
                    spans.push((0, old.len(), new.clone()));
                } else {
                    let quoted_old = format!("'{}'!", old.replace('\'', "''"));
                    for (at, _) in unit.text.match_indices(&quoted_old) {
                        spans.push((at, at + quoted_old.len() - 1, quoted_new.clone()));
                    }
                    let bare = format!("{old}!");
                    for (at, _) in unit.text.match_indices(&bare) {
                        let before_ok = at == 0
                            || !unit.text[..at]
                                .chars()
                                .next_back()
                                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '\'');
                        if before_ok {
                            spans.push((at, at + old.len(), quoted_new.clone()));
                        }
                    }
                }
                for (s, e, with) in spans {
                    cuts[i].retain(|c| c.unit != u || c.end <= s || c.start >= e);
                    cuts[i].push(Cut { unit: u, start: s, end: e, with });
                }
            }
        }
    }
    Ok(true)
}
