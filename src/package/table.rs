//! A table of text cells, rendered as CSV the way Dutch Excel opens it: UTF-8 with a byte-order mark,
//! `;` between fields, CRLF after each row.
//!
//! A field is quoted when it holds `;`, `"`, a line break, or leading or trailing spaces. A field that a
//! spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return) gets
//! a `'` in front: a file name is content from outside, and a published inventory must not compute.

use std::io::{self, Write};

/// Rows of text under a header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// Column names.
    pub header: Vec<&'static str>,
    /// One entry per row, as many cells as `header`.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// The CSV bytes.
    pub fn to_csv(&self) -> Vec<u8> {
        let mut out = Vec::new();
        // Writing to memory does not fail.
        let _ = self.write_csv(&mut out);
        out
    }

    /// Writes the CSV to `w`.
    pub fn write_csv(&self, w: &mut dyn Write) -> io::Result<()> {
        let mut csv = Csv::new(w, &self.header)?;
        for row in &self.rows {
            csv.row(row)?;
        }
        Ok(())
    }
}

/// CSV written row by row, for a table too large to hold whole (the redaction log has a row per box).
pub struct Csv<'a> {
    w: &'a mut dyn Write,
}

impl<'a> Csv<'a> {
    /// Starts the CSV in `w`: the byte-order mark and the header.
    pub fn new(w: &'a mut dyn Write, header: &[&str]) -> io::Result<Csv<'a>> {
        w.write_all("\u{feff}".as_bytes())?;
        let mut csv = Csv { w };
        csv.row(header)?;
        Ok(csv)
    }

    /// Writes one row.
    pub fn row<S: AsRef<str>>(&mut self, fields: &[S]) -> io::Result<()> {
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                self.w.write_all(b";")?;
            }
            self.w.write_all(field(f.as_ref()).as_bytes())?;
        }
        self.w.write_all(b"\r\n")
    }
}

/// One CSV field.
fn field(value: &str) -> String {
    let value =
        if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_string() };
    let quote = value.contains([';', '"', '\n', '\r']) || value.starts_with(' ') || value.ends_with(' ');
    if quote { format!("\"{}\"", value.replace('"', "\"\"")) } else { value }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_as_dutch_excel_opens_it() {
        let t = Table {
            header: vec!["ID", "Document"],
            rows: vec![
                vec!["0001".into(), "a;b \"c\".txt".into()],
                vec!["0002".into(), "=HYPERLINK(\"x\")".into()],
                vec!["0003".into(), " spatie".into()],
            ],
        };
        let csv = String::from_utf8(t.to_csv()).unwrap();
        assert_eq!(
            csv,
            "\u{feff}ID;Document\r\n0001;\"a;b \"\"c\"\".txt\"\r\n0002;\"'=HYPERLINK(\"\"x\"\")\"\r\n0003;\" spatie\"\r\n"
        );
    }
}
