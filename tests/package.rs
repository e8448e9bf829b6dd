//! The publication package at the command line: names without personal data, document numbers, and
//! outputs that never overwrite each other.

mod common;

use common::Dir;

/// Every value the report says was redacted, in documents and in names.
fn redacted_values(report: &serde_json::Value) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    let findings = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .chain(report["names"].as_array().into_iter().flatten())
        .flat_map(|d| d["findings"].as_array().unwrap().iter());
    for f in findings {
        if f["action"] == "redact" {
            v.push(f["text"].as_str().unwrap().to_string());
        }
    }
    v.sort();
    v.dedup();
    v
}

/// Every file and folder below `rel`, as relative paths.
fn all_paths(d: &Dir, rel: &str) -> Vec<String> {
    let root = d.join(rel);
    walkdir::WalkDir::new(&root)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap().path().strip_prefix(&root).unwrap().to_string_lossy().into_owned())
        .collect()
}

fn assert_no_value_in_paths(d: &Dir, out: &str, values: &[String]) {
    assert!(!values.is_empty());
    for path in all_paths(d, out) {
        for v in values {
            assert!(!path.contains(v.as_str()), "{v:?} is in the output path {path:?}");
        }
    }
}

const BRIEF: &str = "Geachte heer De Vries,\n\nUw BSN is 111222333.\n";

#[test]
fn no_personal_value_in_any_output_path() {
    let d = Dir::new();
    d.create("dossier/Dossier Jan de Vries/Brief aan J. de Vries 111222333.txt", BRIEF);
    d.create("dossier/Dossier Jan de Vries/notulen.txt", "Vergadering over de begroting.\n");
    // The name alone is too little for the recogniser; the letter inside names her.
    d.create("dossier/Bezwaar Kloosterboer.txt", "Bezwaar van mevrouw A. Kloosterboer.\n");
    d.create("dossier/verslag_gesprek_Piet_Hendriks.txt", "Gesprek gevoerd.\n");
    let out = d.lak(&["redact", "dossier", "--out", "gelakt"]);
    assert_eq!(out.code, 0, "{out:?}");
    let r = d.report("gelakt-review");
    let values = redacted_values(&r);
    for must in ["Jan de Vries", "J. de Vries", "111222333", "Kloosterboer"] {
        assert!(values.iter().any(|v| v == must), "{must} not reported as redacted: {values:?}");
    }
    assert_no_value_in_paths(&d, "gelakt", &values);
    assert_no_value_in_paths(&d, "gelakt", &["Vries".into(), "Piet".into(), "Hendriks".into()]);
    assert_eq!(
        d.documents("gelakt"),
        vec![
            "Bezwaar [5.1.2e].txt",
            "Dossier [5.1.2e]/Brief aan [5.1.2e] [5.1.1e].txt",
            "Dossier [5.1.2e]/notulen.txt",
            "verslag_gesprek_[5.1.2e].txt",
        ]
    );
    // The report maps every input to its output; nothing is left over from the staging of outputs.
    for doc in r["documents"].as_array().unwrap() {
        let output = doc["output"].as_str().unwrap();
        assert!(d.join("gelakt").join(output).is_file(), "{output}");
        assert_eq!(doc["name"], output);
    }
    let brief = r["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["path"].as_str().unwrap().ends_with("111222333.txt"))
        .unwrap();
    assert_eq!(
        d.read_string(&format!("gelakt/{}", brief["output"].as_str().unwrap())),
        "Geachte heer [5.1.2e],\n\nUw BSN is [5.1.1e].\n"
    );
    assert_eq!(r["documents"].as_array().unwrap().iter().filter(|x| x["status"] == "redacted").count(), 4);
    // The published tree passes a re-scan, names included.
    let out = d.lak(&["verify", "gelakt"]);
    assert_eq!(out.code, 0, "{out:?}");
    // A name with a finding makes a document found (scan) or residual (verify), whatever its content.
    d.create("schoon/Notitie over J. de Vries.txt", "Vergadering over de begroting.\n");
    let out = d.lak(&["verify", "schoon"]);
    assert_eq!(out.code, 1, "{out:?}");
    let out = d.lak(&["scan", "schoon", "--review", "rev"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(common::status(&d.report("rev"), "Notitie over J. de Vries.txt"), "found");
}

#[test]
fn number_names_outputs_by_document_number_in_input_order() {
    let d = Dir::new();
    d.create("dossier/b/Brief aan J. de Vries.txt", BRIEF);
    d.create("dossier/a.txt", "Niets.\n");
    d.create("dossier/c.md", "Mevrouw A. Kloosterboer belde.\n");
    d.create("dossier/foto.jpg", b"\xff\xd8\xff\xe0");
    let out = d.lak(&["redact", "dossier", "--out", "gelakt", "--number", "WOO-2024-17"]);
    assert_eq!(out.code, 3, "{out:?}");
    assert_eq!(d.documents("gelakt"), vec!["WOO-2024-17-0001.txt", "WOO-2024-17-0002.txt", "WOO-2024-17-0003.md"]);
    assert_eq!(d.read_string("gelakt/WOO-2024-17-0002.txt"), "Geachte heer [5.1.2e],\n\nUw BSN is [5.1.1e].\n");
    let r = d.report("gelakt-review");
    let docs = r["documents"].as_array().unwrap();
    let ids: Vec<&str> = docs.iter().map(|x| x["id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec!["WOO-2024-17-0001", "WOO-2024-17-0002", "WOO-2024-17-0003", "WOO-2024-17-0004"]);
    // The withheld photo keeps its number, and the original name is only in the review report.
    assert!(docs[3]["output"].is_null());
    assert_eq!(docs[1]["name"], "b/Brief aan [5.1.2e].txt");
    assert!(docs[1]["path"].as_str().unwrap().ends_with("b/Brief aan J. de Vries.txt"));
    // A prefix that is no safe file name is refused before anything is written.
    let out = d.lak(&["redact", "dossier", "--out", "x", "--number", "a/b"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(!d.join("x").exists());
}

#[test]
fn outputs_that_would_get_the_same_name_are_numbered_never_overwritten() {
    let d = Dir::new();
    d.create("dossier/Brief aan J. de Vries.txt", "Brief 1 aan J. de Vries.\n");
    d.create("dossier/Brief aan P. Hendriks.txt", "Brief 2 aan P. Hendriks.\n");
    d.create("los/Brief aan [5.1.2e].txt", "Brief 3.\n");
    let out = d.lak(&["redact", "dossier", "los/Brief aan [5.1.2e].txt", "--out", "gelakt"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        d.documents("gelakt"),
        vec!["Brief aan [5.1.2e] (2).txt", "Brief aan [5.1.2e] (3).txt", "Brief aan [5.1.2e].txt"]
    );
    let r = d.report("gelakt-review");
    let mut texts = Vec::new();
    for doc in r["documents"].as_array().unwrap() {
        texts.push((
            doc["output"].as_str().unwrap().to_string(),
            d.read_string(&format!("gelakt/{}", doc["output"].as_str().unwrap())),
        ));
    }
    assert_eq!(
        texts,
        vec![
            ("Brief aan [5.1.2e].txt".to_string(), "Brief 1 aan [5.1.2e].\n".to_string()),
            ("Brief aan [5.1.2e] (2).txt".to_string(), "Brief 2 aan [5.1.2e].\n".to_string()),
            ("Brief aan [5.1.2e] (3).txt".to_string(), "Brief 3.\n".to_string()),
        ]
    );
}

#[test]
fn markers_in_names_are_safe_on_every_file_system() {
    let d = Dir::new();
    d.create("dossier/Plan Project Zonnebloem.txt", "Over Project Zonnebloem.\n");
    d.create("deny.txt", "Project Zonnebloem\tart. 5/1: \"h\"\n");
    let out = d.lak(&["redact", "dossier", "--out", "gelakt", "--deny", "deny.txt"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(d.documents("gelakt"), vec!["Plan [art. 5_1_ _h_].txt"]);
    assert_eq!(d.read_string("gelakt/Plan [art. 5_1_ _h_].txt"), "Over [art. 5/1: \"h\"].\n");
}

#[test]
fn inzage_keeps_the_requesters_own_name_in_file_names() {
    let d = Dir::new();
    d.create("pakket/Dossier Jan de Vries/Brief aan J. de Vries 111222333.txt", BRIEF);
    d.create("pakket/Melding buurman P. Hendriks.txt", "Melding van de buurman.\n");
    d.create("verzoeker.toml", "name = \"Jan de Vries\"\nbsn = \"111222333\"\n");
    let out = d.lak(&["redact", "pakket", "--out", "uit", "--mode", "inzage", "--requester", "verzoeker.toml"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        d.documents("uit"),
        vec!["Dossier Jan de Vries/Brief aan J. de Vries 111222333.txt", "Melding buurman [AVG 15(4)].txt"]
    );
}

/// The inventory's columns, exactly as platforms import them.
const COLUMNS: [&str; 14] = [
    "ID",
    "Matter",
    "Family ID",
    "Email Thread ID",
    "Document",
    "File type",
    "Datum",
    "Beoordeling",
    "Opgeschort",
    "Beoordelingsgrond",
    "Toelichting",
    "Publieke link",
    "Gerelateerd ID",
    "Zaaknummer",
];

/// Reads a table with Python's standard library (a reader lak does not share): `csv` for CSV files
/// (`delimiter`), `zipfile` + `xml.etree` for the workbook's first sheet.
fn python_rows(path: &std::path::Path, delimiter: char) -> Vec<Vec<String>> {
    const SCRIPT: &str = r#"
import csv, json, sys, zipfile, xml.etree.ElementTree as ET
path, delim = sys.argv[1], sys.argv[2]
if path.endswith('.xlsx'):
    m = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
    z = zipfile.ZipFile(path)
    assert z.testzip() is None
    sheet = ET.fromstring(z.read('xl/worksheets/sheet1.xml'))
    rows = []
    for row in sheet.find(m + 'sheetData'):
        cells = {}
        for c in row:
            col = ''.join(ch for ch in c.get('r') if ch.isalpha())
            cells[col] = ''.join(t.text or '' for t in c.iter(m + 't'))
        rows.append([cells.get(chr(65 + i), '') for i in range(14)])
else:
    with open(path, newline='', encoding='utf-8-sig') as f:
        rows = list(csv.reader(f, delimiter=delim))
print(json.dumps(rows))
"#;
    let o = std::process::Command::new("python3")
        .arg("-c")
        .arg(SCRIPT)
        .arg(path)
        .arg(delimiter.to_string())
        .output()
        .expect("python3 runs");
    assert!(o.status.success(), "python3: {}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn inventory_dossier(d: &Dir) {
    d.create("dossier/Brief aan J. de Vries.txt", BRIEF);
    d.create("dossier/notulen.txt", "Vergadering over de begroting.\n");
    d.fixture("office/word-basis.docx", "dossier/verslag.docx");
    d.fixture("pdf/fpdf2-type0.pdf", "dossier/nota.pdf");
    d.create("dossier/Gesprek met P. Hendriks.jpg", b"\xff\xd8\xff\xe0");
}

#[test]
fn the_inventory_has_one_row_per_document_and_reads_back_with_independent_readers() {
    if !common::require("python3") {
        return;
    }
    let d = Dir::new();
    inventory_dossier(&d);
    let args = ["redact", "dossier", "--out", "gelakt", "--matter", "Woo-verzoek 2024-17", "--zaaknummer", "Z/2024/17"];
    let out = d.lak(&args);
    assert_eq!(out.code, 3, "{out:?}");
    let csv = python_rows(&d.join("gelakt/inventarislijst.csv"), ';');
    assert_eq!(csv[0], COLUMNS);
    let rows = &csv[1..];
    assert_eq!(rows.len(), 5, "{rows:?}");
    let col = |name: &str| COLUMNS.iter().position(|c| *c == name).unwrap();
    for r in rows {
        assert_eq!(r.len(), COLUMNS.len());
        assert!(["Openbaar", "Deels openbaar", "Niet openbaar"].contains(&r[col("Beoordeling")].as_str()), "{r:?}");
        assert_eq!(r[col("Matter")], "Woo-verzoek 2024-17");
        assert_eq!(r[col("Zaaknummer")], "Z/2024/17");
    }
    let by_doc =
        |name: &str| rows.iter().find(|r| r[col("Document")] == name).unwrap_or_else(|| panic!("{name}: {rows:?}"));
    let brief = by_doc("Brief aan [5.1.2e].txt");
    assert_eq!(brief[col("ID")], "0001");
    assert_eq!(brief[col("File type")], "doc");
    assert_eq!(brief[col("Beoordeling")], "Deels openbaar");
    assert_eq!(brief[col("Beoordelingsgrond")], "5.1.2e; 5.1.1e");
    assert_eq!(brief[col("Toelichting")], "2× 5.1.2e, 1× 5.1.1e");
    let jpg = by_doc("Gesprek met [5.1.2e].jpg");
    assert_eq!(jpg[col("Beoordeling")], "Niet openbaar");
    assert_eq!(jpg[col("File type")], "image");
    assert!(jpg[col("Toelichting")].starts_with("Handmatig te beoordelen: "), "{jpg:?}");
    assert_eq!(by_doc("notulen.txt")[col("Beoordeling")], "Openbaar");
    assert_eq!(by_doc("verslag.docx")[col("Datum")], "2013-12-23");
    assert_eq!(by_doc("nota.pdf")[col("Datum")], "2024-01-01");
    assert_eq!(by_doc("nota.pdf")[col("File type")], "pdf");

    // The workbook holds the same table.
    let xlsx = python_rows(&d.join("gelakt/inventarislijst.xlsx"), ';');
    assert_eq!(xlsx, csv);
    // LibreOffice Calc opens it.
    if common::require("soffice") {
        common::soffice_convert(
            &d,
            &["gelakt/inventarislijst.xlsx".into()],
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            "lo",
        );
        assert_eq!(python_rows(&d.join("lo/inventarislijst.csv"), ','), csv);
    }

    // No redacted value in the inventory, and a re-scan of the package finds nothing.
    let values = redacted_values(&d.report("gelakt-review"));
    let sheet = common::office_text(&d.join("gelakt/inventarislijst.xlsx"));
    let text = d.read_string("gelakt/inventarislijst.csv");
    for v in &values {
        assert!(!text.contains(v.as_str()) && !sheet.contains(v.as_str()), "{v:?} is in the inventory");
    }
    assert_eq!(d.lak(&["verify", "gelakt"]).code, 0);

    // Byte-identical for identical runs.
    let again = d.lak(&[
        "redact",
        "dossier",
        "--out",
        "nog",
        "--matter",
        "Woo-verzoek 2024-17",
        "--zaaknummer",
        "Z/2024/17",
        "-j",
        "1",
    ]);
    assert_eq!(again.code, 3);
    for f in ["inventarislijst.csv", "inventarislijst.xlsx"] {
        assert_eq!(d.read(&format!("gelakt/{f}")), d.read(&format!("nog/{f}")), "{f} differs");
    }
}

/// A dossier whose file and folder names carry names and numbers, in several formats.
fn named_dossier(d: &Dir) {
    d.create("dossier/Dossier Jan de Vries/Brief aan J. de Vries 111222333.txt", BRIEF);
    d.create("dossier/Dossier Jan de Vries/notulen.txt", "Vergadering over de begroting.\n");
    // A surname no gazetteer holds: the name alone is too little for the recogniser; the letter inside
    // names her, so it goes from the name as a value redacted elsewhere in the run.
    d.create("dossier/Bezwaar Qwerenbrink.txt", "Bezwaar van mevrouw A. Qwerenbrink.\n");
    d.create("dossier/Gesprek P. Hendriks 06-12345678.txt", "Mevrouw P. Hendriks belde over haar aanvraag.\n");
    d.fixture("office/word-basis.docx", "dossier/verslag.docx");
    d.fixture("pdf/fpdf2-type0.pdf", "dossier/nota.pdf");
}

/// Every file the package publishes besides the documents, as text.
fn package_texts(d: &Dir, out: &str) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = ["inventarislijst.csv", "lakregister.csv"]
        .iter()
        .map(|f| (f.to_string(), d.read_string(&format!("{out}/{f}"))))
        .collect();
    v.push(("inventarislijst.xlsx".into(), common::office_text(&d.join(&format!("{out}/inventarislijst.xlsx")))));
    v
}

#[test]
fn the_redaction_log_has_one_row_per_box_and_no_value() {
    if !common::require("python3") {
        return;
    }
    let d = Dir::new();
    named_dossier(&d);
    let out = d.lak(&["redact", "dossier", "--out", "gelakt"]);
    assert_eq!(out.code, 0, "{out:?}");
    let r = d.report("gelakt-review");
    let log = python_rows(&d.join("gelakt/lakregister.csv"), ';');
    assert_eq!(log[0], ["ID", "Vindplaats", "Categorie", "Grond", "Regel", "Bron"]);
    let rows = &log[1..];
    // One row per redacted finding, in documents and in folder names, in report order.
    let mut expected: Vec<(String, String, String, String)> = Vec::new();
    for doc in r["documents"].as_array().unwrap() {
        for f in doc["findings"].as_array().unwrap().iter().filter(|f| f["action"] == "redact") {
            let id = doc["id"].as_str().unwrap().to_string();
            expected.push((
                id,
                f["category"].as_str().unwrap().into(),
                f["ground"].as_str().unwrap().into(),
                f["rule"].as_str().unwrap().into(),
            ));
        }
    }
    for name in r["names"].as_array().unwrap() {
        for f in name["findings"].as_array().unwrap().iter().filter(|f| f["action"] == "redact") {
            expected.push((
                String::new(),
                f["category"].as_str().unwrap().into(),
                f["ground"].as_str().unwrap().into(),
                f["rule"].as_str().unwrap().into(),
            ));
        }
    }
    let got: Vec<(String, String, String, String)> =
        rows.iter().map(|r| (r[0].clone(), r[2].clone(), r[3].clone(), r[4].clone())).collect();
    assert_eq!(got, expected);
    assert!(rows.len() >= 8, "{rows:?}");
    for row in rows {
        assert_eq!(row.len(), 6);
        assert!(["rule", "dossier"].contains(&row[5].as_str()), "{row:?}");
        assert!(!row[1].is_empty(), "{row:?}");
    }
    // Where: a file name, a folder name, a line of a text file, a part of the Word file.
    let places: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    for p in ["bestandsnaam", "mapnaam", "regel 3", "word/document.xml"] {
        assert!(places.contains(&p), "{p} not in {places:?}");
    }
    // `Qwerenbrink` in the file name is removed because the letter lost it: a dossier box.
    let bezwaar = r["documents"].as_array().unwrap().iter().find(|x| x["name"] == "Bezwaar [5.1.2e].txt").unwrap();
    let bezwaar_rows: Vec<&Vec<String>> = rows.iter().filter(|row| row[0] == bezwaar["id"]).collect();
    assert_eq!(bezwaar_rows[0][1], "bestandsnaam");
    assert_eq!(bezwaar_rows[0][5], "dossier");
    assert_eq!(bezwaar_rows[1][5], "rule");

    // No redacted value in any output path, in the inventory or in the log.
    let values = redacted_values(&r);
    for must in ["Jan de Vries", "111222333", "Qwerenbrink", "06-12345678", "P. Hendriks"] {
        assert!(values.iter().any(|v| v == must), "{must} not reported as redacted: {values:?}");
    }
    assert_no_value_in_paths(&d, "gelakt", &values);
    for (file, text) in package_texts(&d, "gelakt") {
        for v in &values {
            assert!(!text.contains(v.as_str()), "{v:?} is in {file}");
        }
        for word in ["Vries", "Hendriks", "12345678"] {
            assert!(!text.contains(word), "{word:?} is in {file}");
        }
    }
    assert_eq!(d.lak(&["verify", "gelakt"]).code, 0);

    // Byte-identical for identical runs.
    assert_eq!(d.lak(&["redact", "dossier", "--out", "nog", "-j", "1"]).code, 0);
    assert_eq!(d.read("gelakt/lakregister.csv"), d.read("nog/lakregister.csv"));
    assert!(d.read("gelakt/lakregister.csv").starts_with("\u{feff}ID;Vindplaats;".as_bytes()));
}

/// A dossier with the same letter four times: two attachments with the same bytes, the same text with
/// other line breaks, and a copy of a Word file.
fn duplicates_dossier(d: &Dir) {
    d.create("dossier/a.txt", "Niets bijzonders.\n");
    d.create("dossier/brief.md", "Geachte heer De Vries,\r\nUw   BSN is 111222333.");
    d.create("dossier/mail1/bijlage.txt", BRIEF);
    d.create("dossier/mail2/bijlage.txt", BRIEF);
    d.fixture("office/word-basis.docx", "dossier/mail1/verslag.docx");
    d.fixture("office/word-basis.docx", "dossier/mail3/verslag kopie.docx");
}

#[test]
fn duplicates_are_redacted_identically_and_linked_in_the_inventory() {
    if !common::require("python3") {
        return;
    }
    let d = Dir::new();
    duplicates_dossier(&d);
    let out = d.lak(&["redact", "dossier", "--out", "gelakt", "--number", "W"]);
    assert_eq!(out.code, 0, "{out:?}");
    // Every copy is published, and byte copies are published with the same bytes.
    assert_eq!(
        d.documents("gelakt"),
        vec!["W-0001.txt", "W-0002.md", "W-0003.txt", "W-0004.docx", "W-0005.txt", "W-0006.docx"]
    );
    assert_eq!(d.read("gelakt/W-0003.txt"), d.read("gelakt/W-0005.txt"));
    assert_eq!(d.read("gelakt/W-0004.docx"), d.read("gelakt/W-0006.docx"));
    let words = |f: &str| d.read_string(f).split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(words("gelakt/W-0002.md"), words("gelakt/W-0003.txt"));
    assert_eq!(words("gelakt/W-0002.md"), "Geachte heer [5.1.2e], Uw BSN is [5.1.1e].");

    let r = d.report("gelakt-review");
    let dup = |i: usize| r["documents"][i]["duplicate"].clone();
    assert!(dup(0).is_null() && dup(1).is_null() && dup(3).is_null());
    assert_eq!(dup(2), serde_json::json!({"of": "W-0002", "same": "text"}));
    assert_eq!(dup(4), serde_json::json!({"of": "W-0002", "same": "text"}));
    assert_eq!(dup(5), serde_json::json!({"of": "W-0004", "same": "bytes"}));

    let csv = python_rows(&d.join("gelakt/inventarislijst.csv"), ';');
    let col = |name: &str| COLUMNS.iter().position(|c| *c == name).unwrap();
    let cells = |id: &str, name: &str| {
        csv[1..].iter().find(|row| row[0] == id).unwrap_or_else(|| panic!("{id}: {csv:?}"))[col(name)].clone()
    };
    assert_eq!(cells("W-0002", "Gerelateerd ID"), "W-0003; W-0005");
    assert_eq!(cells("W-0003", "Gerelateerd ID"), "W-0002");
    assert_eq!(cells("W-0003", "Toelichting"), "1× 5.1.1e, 1× 5.1.2e; gelijk aan W-0002");
    assert_eq!(cells("W-0003", "Beoordeling"), "Deels openbaar");
    assert_eq!(cells("W-0006", "Gerelateerd ID"), "W-0004");
    assert!(cells("W-0006", "Toelichting").ends_with("gelijk aan W-0004"));
    assert_eq!(cells("W-0001", "Gerelateerd ID"), "");
}

#[test]
fn skip_duplicates_publishes_one_copy_and_lists_the_others_as_niet_openbaar() {
    if !common::require("python3") {
        return;
    }
    let d = Dir::new();
    duplicates_dossier(&d);
    let out = d.lak(&["redact", "dossier", "--out", "gelakt", "--skip-duplicates"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stderr.contains("3 duplicates not published"), "{}", out.stderr);
    assert_eq!(d.documents("gelakt"), vec!["a.txt", "brief.md", "mail1/verslag.docx"]);
    let csv = python_rows(&d.join("gelakt/inventarislijst.csv"), ';');
    assert_eq!(csv.len(), 7, "one row per input document: {csv:?}");
    let col = |name: &str| COLUMNS.iter().position(|c| *c == name).unwrap();
    let skipped: Vec<(&str, &str, &str)> = csv[1..]
        .iter()
        .filter(|row| row[col("Beoordeling")] == "Niet openbaar")
        .map(|row| (row[0].as_str(), row[col("Toelichting")].as_str(), row[col("Gerelateerd ID")].as_str()))
        .collect();
    assert_eq!(
        skipped,
        vec![
            ("0003", "dubbel; gelijk aan 0002", "0002"),
            ("0005", "dubbel; gelijk aan 0002", "0002"),
            ("0006", "dubbel; gelijk aan 0004", "0004"),
        ]
    );
    let r = d.report("gelakt-review");
    assert_eq!(r["counts"]["duplicates"], 3);
    assert_eq!(common::status(&r, "mail2/bijlage.txt"), "duplicate");
    assert!(r["documents"][2]["output"].is_null());
    // The log has boxes only for what is published.
    let log = python_rows(&d.join("gelakt/lakregister.csv"), ';');
    let ids: std::collections::BTreeSet<&str> = log[1..].iter().map(|row| row[0].as_str()).collect();
    assert_eq!(ids.into_iter().collect::<Vec<_>>(), vec!["0002", "0004"]);
}

#[test]
fn a_same_text_copy_that_hides_less_is_withheld() {
    if !common::require("python3") {
        return;
    }
    let d = Dir::new();
    // The CSV's Woonplaats cell is redacted as part of a person's address; in the text, the town alone
    // is no finding. Publishing both would show in one what the other hides.
    d.create("dossier/a.csv", "Naam;Adres;Woonplaats\nJan de Vries;Kerkstraat 12;Haarlem\n");
    d.create("dossier/b.txt", "Naam Adres Woonplaats\nJan de Vries Kerkstraat 12 Haarlem\n");
    let out = d.lak(&["redact", "dossier", "--out", "gelakt"]);
    assert_eq!(out.code, 3, "{out:?}");
    assert_eq!(d.documents("gelakt"), vec!["a.csv"]);
    assert!(!d.read_string("gelakt/a.csv").contains("Haarlem"));
    let r = d.report("gelakt-review");
    let b = &r["documents"][1];
    assert_eq!(b["status"], "needs_manual");
    assert_eq!(b["reason"]["code"], "duplicate_differs");
    assert_eq!(b["duplicate"], serde_json::json!({"of": "0001", "same": "text"}));
    let csv = python_rows(&d.join("gelakt/inventarislijst.csv"), ';');
    let col = |name: &str| COLUMNS.iter().position(|c| *c == name).unwrap();
    assert_eq!(csv[2][col("Beoordeling")], "Niet openbaar");
    assert!(csv[2][col("Toelichting")].ends_with("(duplicate_differs); gelijk aan 0001"), "{csv:?}");
    assert_eq!(csv[1][col("Gerelateerd ID")], "0002");
}
