//! Plain text (`.txt`, `.text`, `.md`), UTF-8.
//!
//! The whole file is one unit. Redaction replaces each span by its marker and leaves every other byte as
//! it was (line endings, a byte-order mark). A file that is not valid UTF-8, or that holds NUL bytes
//! (a binary file named `.txt`), needs manual handling: guessing an encoding could hide a name from the
//! rules.

use super::{Document, Format, Options, Redacted, Redaction};
use crate::model::{Code, Location, Manual};

/// The plain-text format.
pub struct PlainText;

impl Format for PlainText {
    fn name(&self) -> &'static str {
        "text"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["txt", "text", "md"]
    }

    fn open(&self, bytes: Vec<u8>, _options: &Options) -> Result<Box<dyn Document>, Manual> {
        let text = decode_utf8(bytes)?;
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut line_starts = vec![bom];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Ok(Box::new(TextDocument { text, bom, line_starts }))
    }
}

/// The file as UTF-8 text, or why it is not: NUL bytes (a binary file), UTF-16, invalid UTF-8. lak does
/// not guess encodings: a wrong guess could hide a name from the rules.
pub(super) fn decode_utf8(bytes: Vec<u8>) -> Result<String, Manual> {
    if bytes.contains(&0) {
        return Err(Manual::new(Code::Binary, "holds NUL bytes: a binary file, not plain text"));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Manual::new(Code::NotUtf8, "UTF-16 text: convert it to UTF-8 first"));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        Manual::new(Code::NotUtf8, format!("not valid UTF-8 (first invalid byte at offset {at})"))
    })
}

struct TextDocument {
    text: String,
    bom: usize,
    line_starts: Vec<usize>,
}

impl Document for TextDocument {
    fn units(&self) -> Vec<&str> {
        vec![&self.text[self.bom..]]
    }

    fn locate(&self, _unit: usize, start: usize, end: usize) -> Location {
        let offset = start + self.bom;
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let line_start = self.line_starts[line - 1];
        let column = self.text[line_start..offset].chars().count() + 1;
        Location {
            line: Some(line as u32),
            column: Some(column as u32),
            offset,
            length: end - start,
            ..Location::default()
        }
    }

    fn redact(&self, redactions: &[Redaction]) -> Result<Redacted, Manual> {
        let body = &self.text[self.bom..];
        let marked = super::splice::mark(body, redactions.iter().map(|r| (r.start, r.end, r.label.as_str())))
            .map_err(|e| Manual::new(Code::InternalError, e.to_string()))?;
        let out = format!("{}{marked}", &self.text[..self.bom]);
        Ok(Redacted { bytes: out.into_bytes(), scrubbed: Vec::new() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_and_locates() {
        let doc = PlainText
            .open("\u{feff}regel een\nBSN 111222333 hier\r\n".as_bytes().to_vec(), &Options::default())
            .unwrap();
        let unit = doc.units()[0];
        let s = unit.find("111").unwrap();
        let loc = doc.locate(0, s, s + 9);
        assert_eq!((loc.line, loc.column), (Some(2), Some(5)));
        let out = doc.redact(&[Redaction { unit: 0, start: s, end: s + 9, label: "5.1.1e".into() }]).unwrap();
        assert_eq!(String::from_utf8(out.bytes).unwrap(), "\u{feff}regel een\nBSN [5.1.1e] hier\r\n");
    }

    #[test]
    fn refuses_binary_and_bad_utf8() {
        assert_eq!(PlainText.open(b"abc\0def".to_vec(), &Options::default()).err().unwrap().code, "binary");
        assert_eq!(PlainText.open(vec![b'a', 0xC3, 0x28], &Options::default()).err().unwrap().code, "not_utf8");
    }
}
