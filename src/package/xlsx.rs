//! A [`Table`] as a minimal Excel workbook (SpreadsheetML), written byte for byte the same every time.
//!
//! Six parts and nothing else: the content types, the package and workbook relationships, the workbook
//! with one sheet, a style sheet (bold for the header row) and the sheet. Every cell is an inline string
//! (`t="inlineStr"`): no shared-string table to keep in step, and text is never read as a number, a date
//! or a formula. The zip entries are deflated with a fixed time (1980-01-01, the zip epoch), no extra
//! fields and no comments, so identical tables give identical bytes.
//!
//! Why not a crate: a general workbook writer (`rust_xlsxwriter`) brings a document model and
//! dependencies for formatting the inventory does not use, and byte-identical output across runs (no
//! creation time in the document properties, fixed entry times) would be a property of its defaults
//! that lak would have to pin and test again on every upgrade. What the inventory needs is a few
//! hundred bytes of fixed XML around its cells, and lak already has `zip`.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::table::Table;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;

/// The workbook bytes: `table` on one sheet called `sheet` (at most 31 characters, none of `[]:*?/\`).
pub fn workbook(sheet: &str, table: &Table) -> Vec<u8> {
    let book = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{}" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        escape(sheet)
    );
    let parts: [(&str, &[u8]); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("xl/workbook.xml", book.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/styles.xml", STYLES.as_bytes()),
        ("xl/worksheets/sheet1.xml", &worksheet(table)),
    ];
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    for (name, bytes) in parts {
        zip.start_file(name, options).expect("writing to memory");
        zip.write_all(bytes).expect("writing to memory");
    }
    zip.finish().expect("writing to memory").into_inner()
}

/// The sheet: a frozen bold header row, then one row per table row, every cell an inline string.
fn worksheet(table: &Table) -> Vec<u8> {
    let mut x = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>"#,
    );
    let header: Vec<String> = table.header.iter().map(|h| h.to_string()).collect();
    for (r, row) in std::iter::once(&header).chain(&table.rows).enumerate() {
        let n = r + 1;
        x.push_str(&format!("<row r=\"{n}\">"));
        for (c, value) in row.iter().enumerate() {
            if value.is_empty() {
                continue;
            }
            let style = if r == 0 { " s=\"1\"" } else { "" };
            let space = if value.trim() != value { " xml:space=\"preserve\"" } else { "" };
            x.push_str(&format!(
                "<c r=\"{}{n}\"{style} t=\"inlineStr\"><is><t{space}>{}</t></is></c>",
                column(c),
                escape(value)
            ));
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData></worksheet>");
    x.into_bytes()
}

/// Column letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
fn column(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII")
}

/// XML text: markup escaped, and characters XML 1.0 cannot hold (control characters a file name may
/// carry) replaced by U+FFFD.
fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\t' | '\n' | '\r' => o.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => o.push('\u{fffd}'),
            c => o.push(c),
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table { header: vec!["ID", "Document"], rows: vec![vec!["0001".into(), "a & <b>\u{1}.txt".into()]] }
    }

    #[test]
    fn the_same_table_gives_the_same_bytes() {
        assert_eq!(workbook("Inventaris", &table()), workbook("Inventaris", &table()));
    }

    #[test]
    fn cells_are_escaped_inline_strings() {
        let bytes = workbook("Inventaris", &table());
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut sheet = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut sheet).unwrap();
        assert!(sheet.contains(r#"<c r="B2" t="inlineStr"><is><t>a &amp; &lt;b&gt;"#), "{sheet}");
        assert!(sheet.contains('\u{fffd}'));
        assert_eq!(
            (column(0), column(13), column(26), column(701)),
            ("A".into(), "N".into(), "AA".into(), "ZZ".into())
        );
    }
}
