//! CSV (`.csv`), UTF-8: a table, read cell by cell.
//!
//! Every non-empty field is a text unit, and the field in the header row above it is the unit's header
//! (see [`Document::header`]), so a date under `Geboortedatum` is a date of birth and a lone word under
//! `Achternaam` is a surname — as in a spreadsheet. The delimiter is the one of `;`, `,` and TAB that
//! the header row uses most (Dutch exports use `;`). Quoted fields may hold delimiters, doubled quotes
//! and line breaks; a unit is the field's text between its quotes, as written.
//!
//! Redaction works on the bytes like plain text: each span becomes its marker and every other byte
//! stays. A file whose quoting does not parse is read as one plain-text unit instead (nothing is lost:
//! the rules still see all of it, only without headers). Decoding refusals are those of plain text.

use super::text::decode_utf8;
use super::{Document, Format, Options, Redacted, Redaction};
use crate::model::{Code, Location, Manual};

/// The CSV format.
pub struct Csv;

impl Format for Csv {
    fn name(&self) -> &'static str {
        "csv"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["csv"]
    }

    fn open(&self, bytes: Vec<u8>, _options: &Options) -> Result<Box<dyn Document>, Manual> {
        let text = decode_utf8(bytes)?;
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut line_starts = vec![bom];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let cells = parse(&text[bom..]).map(|cells| {
            cells.into_iter().map(|c| Cell { start: c.start + bom, end: c.end + bom, ..c }).collect::<Vec<_>>()
        });
        let (cells, headers) = match cells {
            Some(cells) => {
                let headers = header_indices(&cells);
                (cells, headers)
            }
            // Unparseable quoting: one unit, the whole file.
            None => (vec![Cell { start: bom, end: text.len(), row: 0, col: 0 }], vec![None]),
        };
        Ok(Box::new(CsvDocument { text, line_starts, cells, headers }))
    }
}

/// A non-empty field: byte range of its text in the file, 0-based row and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Cell {
    start: usize,
    end: usize,
    row: usize,
    col: usize,
}

/// The delimiter the first line uses most, outside quotes.
fn delimiter(text: &str) -> u8 {
    let mut counts = [(b';', 0usize), (b',', 0), (b'\t', 0)];
    let mut quoted = false;
    for &b in text.as_bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                for (d, n) in &mut counts {
                    if b == *d {
                        *n += 1;
                    }
                }
            }
            _ => {}
        }
    }
    counts.iter().max_by_key(|(d, n)| (*n, *d == b';')).map_or(b';', |(d, _)| *d)
}

/// The non-empty fields of `text`, or `None` if a quote is never closed or text follows a closing quote.
fn parse(text: &str) -> Option<Vec<Cell>> {
    let b = text.as_bytes();
    let delim = delimiter(text);
    let mut cells = Vec::new();
    let (mut row, mut col, mut i) = (0, 0, 0);
    while i <= b.len() {
        let (start, end, next) = if b.get(i) == Some(&b'"') {
            let open = i + 1;
            let mut j = open;
            loop {
                match b.get(j) {
                    None => return None,
                    Some(b'"') if b.get(j + 1) == Some(&b'"') => j += 2,
                    Some(b'"') => break,
                    Some(_) => j += 1,
                }
            }
            let mut after = j + 1;
            if b.get(after) == Some(&b'\r') {
                after += 1;
            }
            if !matches!(b.get(after), None | Some(b'\n')) && b.get(after) != Some(&delim) {
                return None;
            }
            (open, j, after)
        } else {
            let mut j = i;
            while j < b.len() && b[j] != delim && b[j] != b'\n' {
                j += 1;
            }
            let end = if j > i && b[j - 1] == b'\r' { j - 1 } else { j };
            (i, end, j)
        };
        if text[start..end].trim().chars().any(|c| !c.is_whitespace()) {
            cells.push(Cell { start, end, row, col });
        }
        match b.get(next) {
            None => break,
            Some(b'\n') => {
                row += 1;
                col = 0;
            }
            Some(_) => col += 1,
        }
        i = next + 1;
    }
    Some(cells)
}

/// For each cell, the index of the header-row cell of its column (rows below the first only).
fn header_indices(cells: &[Cell]) -> Vec<Option<usize>> {
    let header: std::collections::HashMap<usize, usize> =
        cells.iter().enumerate().filter(|(_, c)| c.row == 0).map(|(i, c)| (c.col, i)).collect();
    cells.iter().map(|c| if c.row == 0 { None } else { header.get(&c.col).copied() }).collect()
}

/// Spreadsheet column letters for a 0-based column (`0` → `A`, `27` → `AB`).
fn column_letters(mut col: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII letters")
}

struct CsvDocument {
    text: String,
    line_starts: Vec<usize>,
    cells: Vec<Cell>,
    headers: Vec<Option<usize>>,
}

impl Document for CsvDocument {
    fn units(&self) -> Vec<&str> {
        self.cells.iter().map(|c| &self.text[c.start..c.end]).collect()
    }

    fn header(&self, unit: usize) -> Option<&str> {
        self.headers.get(unit).copied().flatten().map(|h| {
            let c = self.cells[h];
            &self.text[c.start..c.end]
        })
    }

    fn locate(&self, unit: usize, start: usize, end: usize) -> Location {
        let cell = self.cells[unit];
        let offset = cell.start + start;
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let column = self.text[self.line_starts[line - 1]..offset].chars().count() + 1;
        Location {
            cell: Some(format!("{}{}", column_letters(cell.col), cell.row + 1)),
            line: Some(line as u32),
            column: Some(column as u32),
            offset,
            length: end - start,
            ..Location::default()
        }
    }

    fn redact(&self, redactions: &[Redaction]) -> Result<Redacted, Manual> {
        let spans = redactions.iter().map(|r| {
            let c = self.cells[r.unit];
            (c.start + r.start, c.start + r.end, r.label.as_str())
        });
        let out =
            super::splice::mark(&self.text, spans).map_err(|e| Manual::new(Code::InternalError, e.to_string()))?;
        Ok(Redacted { bytes: out.into_bytes(), scrubbed: Vec::new() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Vec<(String, usize, usize)> {
        parse(text).unwrap().into_iter().map(|c| (text[c.start..c.end].to_string(), c.row, c.col)).collect()
    }

    #[test]
    fn parses_quotes_delimiters_and_line_breaks() {
        let got = cells("Naam;Geboortedatum;Notitie\r\nJan Jansen;03-03-1984;\"zei \"\"ja\"\"; kwam\r\nlater\"\n;;x");
        let want = [
            ("Naam", 0, 0),
            ("Geboortedatum", 0, 1),
            ("Notitie", 0, 2),
            ("Jan Jansen", 1, 0),
            ("03-03-1984", 1, 1),
            ("zei \"\"ja\"\"; kwam\r\nlater", 1, 2),
            ("x", 2, 2),
        ];
        let want: Vec<(String, usize, usize)> = want.iter().map(|(s, r, c)| (s.to_string(), *r, *c)).collect();
        assert_eq!(got, want);
        assert_eq!(delimiter("a,b,c\n"), b',');
        assert_eq!(delimiter("a\tb\n"), b'\t');
        assert!(parse("a;\"open\nno close").is_none());
        assert!(parse("a;\"x\"y;z").is_none());
    }

    #[test]
    fn headers_label_the_cells_below_and_redaction_keeps_the_rest() {
        let doc = Csv.open(b"Naam;BSN\nJan;12345672\n".to_vec(), &Options::default()).unwrap();
        assert_eq!(doc.units(), vec!["Naam", "BSN", "Jan", "12345672"]);
        assert_eq!(doc.header(3), Some("BSN"));
        assert_eq!(doc.header(1), None);
        assert_eq!(doc.locate(3, 0, 8).cell.as_deref(), Some("B2"));
        let out = doc.redact(&[Redaction { unit: 3, start: 0, end: 8, label: "5.1.1e".into() }]).unwrap();
        assert_eq!(out.bytes, b"Naam;BSN\nJan;[5.1.1e]\n");
        assert_eq!(column_letters(27), "AB");
    }

    #[test]
    fn unparseable_quoting_falls_back_to_one_unit() {
        let doc = Csv.open(b"a;\"b\nBSN 111222333".to_vec(), &Options::default()).unwrap();
        assert_eq!(doc.units(), vec!["a;\"b\nBSN 111222333"]);
    }
}
