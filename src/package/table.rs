//! A table of text cells, rendered as CSV the way Dutch Excel opens it: UTF-8 with a byte-order mark,
//! `;` between fields, CRLF after each row.
//!
//! A field is quoted when it holds `;`, `"`, a line break, or leading or trailing spaces. A field that a
//! spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return) gets
//! a `'` in front: a file name is content from outside, and a published inventory must not compute.

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
        let mut out = String::from("\u{feff}");
        let header: Vec<String> = self.header.iter().map(|h| h.to_string()).collect();
        for row in std::iter::once(&header).chain(&self.rows) {
            let fields: Vec<String> = row.iter().map(|f| field(f)).collect();
            out.push_str(&fields.join(";"));
            out.push_str("\r\n");
        }
        out.into_bytes()
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
