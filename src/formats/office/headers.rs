//! Spreadsheet column headers: the text that says what the values under it are.
//!
//! A list of applicants holds `14-02-1987` under `Geboortedatum` and `31415908` under `BSN`, with no
//! context word in the cells themselves. The detector accepts a header per unit
//! ([`crate::formats::Document::header`]); this module finds it for every cell value of every worksheet.
//!
//! **The header row** of a sheet is the first row with text in two or more cells; a sheet whose rows
//! all have at most one text cell (a one-column list) uses its first row with text. A title above the
//! table (`Aanvragers 2024` alone in `A1`) is so skipped. The header of a column is the text cell of that
//! column in the header row, or the nearest one above it (a two-row header). Only cells *below* the
//! header row get a header. Text cells are shared strings, inline strings and formula strings; numbers
//! are never headers, not even as their number format shows them (a date). A sheet holding several
//! tables one under the other gets the headers of the first.
//!
//! **Shared strings.** One shared string can be shown by many cells, and it is one piece of text in the
//! file: redacting it removes it from all of them. Its header is therefore the headers of all the cells
//! that show it, one per line, each once (at most [`limits::MAX_HEADERS_PER_SHARED_STRING`]): a value
//! that is a date of birth under `Geboortedatum` is removed wherever it is shown.
//!
//! Cells without a reference (`r`, which Excel and LibreOffice always write) get no header.

use std::collections::HashMap;

use super::Part;
use super::package::Entry;
use super::xml_text::{Scanned, UnitKind};
use crate::limits;

/// A cell of one sheet, as far as headers are concerned.
struct Cell<'a> {
    row: u32,
    col: u32,
    /// Its text, when it is a text cell (a header candidate).
    text: Option<&'a str>,
    target: Target,
}

/// What gets the header.
enum Target {
    /// A unit of the sheet's part (local index).
    Unit(usize),
    /// A shared string (its index).
    Shared(u32),
}

/// Headers of one workbook's worksheets.
#[derive(Default)]
pub(crate) struct Headers {
    /// (worksheet part index, local unit index) → header.
    pub units: HashMap<(usize, usize), String>,
    /// Shared string index → the distinct headers of the cells showing it.
    pub shared: HashMap<u32, Vec<String>>,
}

/// Finds the headers of the worksheets `sheets` (part index, scan), reading shared strings from `sst`.
pub(crate) fn find(sheets: &[(usize, &Scanned)], sst: Option<&Scanned>) -> Headers {
    let strings: HashMap<u32, &str> =
        sst.map(|s| s.units.iter().map(|u| (u.seq, u.text.as_str())).collect()).unwrap_or_default();
    let mut out = Headers::default();
    for &(part, sc) in sheets {
        let mut cells = Vec::with_capacity(sc.cell_units.len() + sc.shared_refs.len());
        for (u, r) in &sc.cell_units {
            let Some((col, row)) = cell_ref(r) else { continue };
            let unit = &sc.units[*u];
            let is_text = match &unit.kind {
                UnitKind::Cell(c) => c.t == "str",
                // A number as shown (`15-03-1987`) is still a number.
                UnitKind::View { of, .. } => {
                    !matches!(sc.units.get(*of).map(|o| &o.kind), Some(UnitKind::Cell(c)) if c.t != "str")
                }
                _ => true, // an inline string, a formula's literals
            };
            cells.push(Cell { row, col, text: is_text.then_some(unit.text.as_str()), target: Target::Unit(*u) });
        }
        for (i, r) in &sc.shared_refs {
            let Some((col, row)) = cell_ref(r) else { continue };
            cells.push(Cell { row, col, text: strings.get(i).copied(), target: Target::Shared(*i) });
        }
        let Some(header_row) = header_row(&cells) else { continue };
        let mut by_col: HashMap<u32, (u32, &str)> = HashMap::new();
        for c in &cells {
            if let Some(t) = c.text.map(str::trim).filter(|t| !t.is_empty())
                && c.row <= header_row
                && by_col.get(&c.col).is_none_or(|(r, _)| *r < c.row)
            {
                by_col.insert(c.col, (c.row, t));
            }
        }
        for c in cells.iter().filter(|c| c.row > header_row) {
            let Some(&(_, header)) = by_col.get(&c.col) else { continue };
            match c.target {
                Target::Unit(u) => {
                    out.units.insert((part, u), header.to_string());
                }
                Target::Shared(i) => {
                    let list = out.shared.entry(i).or_default();
                    if list.len() < limits::MAX_HEADERS_PER_SHARED_STRING && !list.iter().any(|h| h == header) {
                        list.push(header.to_string());
                    }
                }
            }
        }
    }
    out
}

/// The first row with two or more text cells, else the first row with text.
fn header_row(cells: &[Cell<'_>]) -> Option<u32> {
    let mut per_row: HashMap<u32, usize> = HashMap::new();
    for c in cells.iter().filter(|c| c.text.is_some_and(|t| !t.trim().is_empty())) {
        *per_row.entry(c.row).or_default() += 1;
    }
    per_row.iter().filter(|(_, n)| **n >= 2).map(|(r, _)| *r).min().or_else(|| per_row.keys().copied().min())
}

/// `B7` → (column 2, row 7); `$B$7` is accepted too.
fn cell_ref(r: &str) -> Option<(u32, u32)> {
    let r = r.trim_start_matches('$');
    let split = r.find(|c: char| !c.is_ascii_alphabetic())?;
    let (letters, digits) = r.split_at(split);
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let col = letters.bytes().fold(0u32, |n, b| n * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1));
    let row: u32 = digits.trim_start_matches('$').parse().ok()?;
    (row > 0).then_some((col, row))
}

/// Column headers of Word and PowerPoint tables: a table whose first row has text in two or more cells
/// is read as headed by it, and every paragraph below gets the text of the first-row cell of its column
/// (`Naam | Geboortedatum | BSN` over rows of people). Form tables with the label in the left cell need
/// no header: the detector reads the cell before a unit as its lead. Returns (local unit, header).
pub(crate) fn table_headers(sc: &Scanned) -> Vec<(usize, String)> {
    let mut first_row: HashMap<(u32, u32), String> = HashMap::new();
    for (u, pos) in &sc.table_units {
        if pos.row == 0 {
            let cell = first_row.entry((pos.table, pos.col)).or_default();
            if !cell.is_empty() {
                cell.push(' ');
            }
            cell.push_str(sc.units[*u].text.trim());
        }
    }
    let headed = |table: u32| first_row.iter().filter(|((t, _), text)| *t == table && !text.is_empty()).count() >= 2;
    let columns = |table: u32| first_row.keys().filter(|(t, _)| *t == table).count();
    // A two-column table is often a form (`Naam | Jan Jansen` on its first row): its first column then
    // holds labels, and a `Naam` over them would make every label a name. The second column's header
    // is harmless either way.
    sc.table_units
        .iter()
        .filter(|(_, pos)| pos.row > 0 && headed(pos.table) && (pos.col > 0 || columns(pos.table) > 2))
        .filter_map(|(u, pos)| Some((*u, first_row.get(&(pos.table, pos.col))?.clone())))
        .filter(|(_, h)| !h.is_empty())
        .collect()
}

/// The column header of every cell value of every worksheet and of every paragraph under a headed Word
/// or PowerPoint table, by flat unit index (see the module docs).
pub(crate) fn column_headers(
    entries: &[Entry],
    parts: &[Part],
    first_unit: &[usize],
    sheet_of: &HashMap<String, String>,
) -> HashMap<usize, String> {
    let xml = |i: usize| match &parts[i] {
        Part::Xml(sc) => Some(sc),
        _ => None,
    };
    let sheets: Vec<(usize, &Scanned)> = (0..entries.len())
        .filter(|&i| sheet_of.contains_key(&entries[i].name.to_ascii_lowercase()))
        .filter_map(|i| Some((i, xml(i)?)))
        .collect();
    let mut tables: HashMap<usize, String> = HashMap::new();
    for (i, first) in first_unit.iter().enumerate().take(entries.len()) {
        if let Some(sc) = xml(i) {
            tables.extend(table_headers(sc).into_iter().map(|(u, h)| (first + u, h)));
        }
    }
    if sheets.is_empty() {
        return tables;
    }
    let sst = entries.iter().position(|e| e.name.to_ascii_lowercase().ends_with("sharedstrings.xml"));
    let sst_scan = sst.and_then(xml);
    let found = find(&sheets, sst_scan);
    let mut out: HashMap<usize, String> = found.units.into_iter().map(|((i, u), h)| (first_unit[i] + u, h)).collect();
    out.extend(tables);
    if let (Some(i), Some(sc)) = (sst, sst_scan) {
        for (u, unit) in sc.units.iter().enumerate() {
            if let Some(list) = found.shared.get(&unit.seq) {
                out.insert(first_unit[i] + u, list.join("\n"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::cell_ref;

    #[test]
    fn cell_references() {
        assert_eq!(cell_ref("A1"), Some((1, 1)));
        assert_eq!(cell_ref("AB12"), Some((28, 12)));
        assert_eq!(cell_ref("$C$3"), Some((3, 3)));
        assert_eq!(cell_ref("XFD1048576"), Some((16384, 1048576)));
        for bad in ["", "12", "A", "A0", "ABCD1", "A1B"] {
            assert_eq!(cell_ref(bad), None, "{bad}");
        }
    }
}
