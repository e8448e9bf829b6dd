//! The redaction log (*lakregister*): one row per box, so that the decision letter can say how many
//! redactions were made on which ground, and a reader can see where each box is and why it is there.
//!
//! Like the inventory, the log is published with the documents and holds no personal data: no value,
//! no original file name. A row says which document (its number), where in it (from a fixed vocabulary:
//! a page, a line, a cell reference, a part name of the format's own), which category, ground and rule,
//! and how the box came about. The place is the one field built from the document's own data (the name
//! of a part of an Office package, a PDF's place of a string), so it is written only when it is plainly
//! a technical name (ASCII letters, digits, `_ . / ! -`) holding no value redacted anywhere in the run;
//! otherwise the row says `ander onderdeel`.

use std::io::{self, Write};

use super::table::Csv;
use crate::report::spool::Store;
use crate::report::{Brief, Origin, Report, Status};

/// The columns.
pub const COLUMNS: [&str; 6] = ["ID", "Vindplaats", "Categorie", "Grond", "Regel", "Bron"];

/// The place of a box in a part lak cannot name safely.
const OTHER_PART: &str = "ander onderdeel";

/// How a box came about: `rule` (a rule fired on this document), `dossier` (the value was redacted in
/// another document or name of the run) or `reviewer` (a reviewer's decision, `--decisions`: a value
/// or passage the reviewer added, or a finding the reviewer decided to redact).
pub fn source(f: &Brief<'_>) -> &'static str {
    match f.origin {
        Origin::Reviewer => "reviewer",
        Origin::Dossier => "dossier",
        Origin::Rule => "rule",
    }
}

/// Writes the log of a redact run's report as CSV (see [`super::table`]): every redacted finding of
/// every document (its file name first, as in the report), then the boxes in folder names, which belong
/// to no one document (`ID` empty). Row by row: a dossier of 10,000 documents has 200,000 boxes.
pub fn write(report: &Report, store: Option<&dyn Store>, w: &mut dyn Write) -> io::Result<()> {
    let values = redacted_values(report, store)?;
    let mut csv = Csv::new(w, &COLUMNS)?;
    for d in &report.documents {
        // A copy that is not published has boxes only in its name (in the inventory).
        let published = |f: &Brief<'_>| d.status != Status::Duplicate || f.part == Some("file name");
        let briefs = d.briefs(store)?;
        for f in briefs.iter().filter(|f| f.is_redacted() && published(f)) {
            csv.row(&row(&d.id, &f, &values))?;
        }
    }
    for f in report.names.iter().flat_map(|n| n.findings.iter().map(Brief::of)).filter(Brief::is_redacted) {
        csv.row(&row("", &f, &values))?;
    }
    Ok(())
}

fn row<'a>(id: &'a str, f: &Brief<'a>, values: &[String]) -> [std::borrow::Cow<'a, str>; 6] {
    [id.into(), place(f, values).into(), f.category.into(), f.ground.into(), f.rule.into(), source(f).into()]
}

/// Every text redacted in the run, lower case, sorted.
fn redacted_values(report: &Report, store: Option<&dyn Store>) -> io::Result<Vec<String>> {
    let lower = |f: Brief<'_>| f.is_redacted().then(|| f.text.trim().to_lowercase()).filter(|t| !t.is_empty());
    let mut v: std::collections::BTreeSet<String> =
        report.names.iter().flat_map(|n| n.findings.iter().map(Brief::of)).filter_map(lower).collect();
    for d in &report.documents {
        v.extend(d.briefs(store)?.iter().filter_map(lower));
    }
    Ok(v.into_iter().collect())
}

/// Where the box is, in words that hold no value: `bestandsnaam`, `mapnaam`, `pagina 3`, `regel 12`,
/// `word/document.xml`, `xl/worksheets/sheet1.xml, cel B7`. Sheet names are left out: a sheet may be
/// named after a person.
fn place(f: &Brief<'_>, values: &[String]) -> String {
    let mut parts: Vec<String> = Vec::new();
    match f.part {
        Some("file name") => parts.push("bestandsnaam".into()),
        Some("folder name") => parts.push("mapnaam".into()),
        Some(p) if technical(p, values) => parts.push(p.to_string()),
        Some(_) => parts.push(OTHER_PART.into()),
        None => {}
    }
    if let Some(page) = f.page {
        parts.push(format!("pagina {page}"));
    }
    if let Some(line) = f.line {
        parts.push(format!("regel {line}"));
    }
    if let Some(cell) = f.cell.filter(|c| is_cell_reference(c)) {
        parts.push(format!("cel {cell}"));
    }
    parts.join(", ")
}

/// A part name that is plainly technical and holds no redacted value.
fn technical(part: &str, values: &[String]) -> bool {
    let charset = !part.is_empty()
        && part.len() <= 200
        && part.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'/' | b'!' | b'-'));
    let lower = part.to_ascii_lowercase();
    charset && !values.iter().any(|v| lower.contains(v.as_str()))
}

/// `B7`, `AA12`: letters then digits.
fn is_cell_reference(c: &str) -> bool {
    let letters = c.bytes().take_while(u8::is_ascii_uppercase).count();
    letters > 0 && letters < c.len() && c.len() <= 12 && c.bytes().skip(letters).all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, Evidence, Location};
    use crate::report::FindingReport;

    fn finding(part: Option<&str>, text: &str) -> FindingReport {
        FindingReport {
            id: String::new(),
            unit: 0,
            rule: "person".into(),
            category: "person".into(),
            ground: "5.1.2e".into(),
            label: None,
            action: Action::Redact,
            decided_by: crate::model::DecidedBy::Rule,
            text: text.into(),
            location: Location { part: part.map(str::to_string), ..Location::default() },
            confidence: 1.0,
            why: String::new(),
            evidence: Evidence::default(),
            context: None,
        }
    }

    #[test]
    fn places_come_from_a_fixed_vocabulary_or_technical_names_without_values() {
        let values = vec!["jansen".to_string()];
        let mut f = finding(Some("xl/worksheets/sheet1.xml"), "Jansen");
        f.location.cell = Some("B7".into());
        f.location.sheet = Some("Jansen".into());
        let place = |f: &FindingReport, values: &[String]| place(&Brief::of(f), values);
        assert_eq!(place(&f, &values), "xl/worksheets/sheet1.xml, cel B7");
        assert_eq!(place(&finding(Some("word/media/Jansen.xml"), "x"), &values), OTHER_PART);
        assert_eq!(place(&finding(Some("document information: /Author"), "x"), &values), OTHER_PART);
        assert_eq!(place(&finding(Some("file name"), "x"), &values), "bestandsnaam");
        let mut p = finding(None, "x");
        p.location.page = Some(3);
        p.location.cell = Some("=A1".into());
        assert_eq!(place(&p, &values), "pagina 3");
    }
}
