//! `--label pseudonym`: one label per person across the run, at the user's level.
//!
//! The dossier is a small e-mail exchange in three formats, read in path order: a citizen's mail (text),
//! the municipality's reply (DOCX) and the decision (PDF, `fixtures/pdf/libreoffice-brief.pdf`). Sanne
//! de Vries is written three ways (`Sanne de Vries`, `S. de Vries`, `mevrouw De Vries`), her son
//! `T. de Vries` shares her surname but not her initial. Outputs are read with independent tools.

mod common;

use common::Dir;
use serde_json::Value;

const MAIL: &str = "Van: Sanne de Vries <s.devries@example.nl>
Aan: Gemeente Voorbeeld
Onderwerp: verzoek inschrijving

Geachte heer, mevrouw,

Hierbij verzoek ik om inschrijving. Mijn zoon T. de Vries woont bij mij.

Met vriendelijke groet,
Sanne de Vries
";

/// A minimal Word document with one paragraph per entry.
fn docx(paragraphs: &[&str]) -> Vec<u8> {
    let body: String =
        paragraphs.iter().map(|p| format!("<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>")).collect();
    common::docx_with_body(&body)
}

fn thread() -> Dir {
    let d = Dir::new();
    d.create("in/01-mail.txt", MAIL);
    d.create(
        "in/02-reactie.docx",
        docx(&[
            "Geachte mevrouw S. de Vries,",
            "Wij hebben uw verzoek ontvangen. Ook uw zoon T. de Vries wordt ingeschreven.",
            "Met vriendelijke groet,",
            "Ingrid van Dam",
        ]),
    );
    d.fixture("pdf/libreoffice-brief.pdf", "in/03-besluit.pdf");
    d
}

/// (document file name, text, ground, label) of every finding redacted.
fn labels(report: &Value) -> Vec<(String, String, String, Option<String>)> {
    let mut v = Vec::new();
    for doc in report["documents"].as_array().unwrap() {
        let path = doc["path"].as_str().unwrap();
        let file = path.rsplit(['/', '\\']).next().unwrap().to_string();
        for f in doc["findings"].as_array().unwrap() {
            if f["action"] == "redact" {
                v.push((
                    file.clone(),
                    f["text"].as_str().unwrap().to_string(),
                    f["ground"].as_str().unwrap().to_string(),
                    f["label"].as_str().map(str::to_string),
                ));
            }
        }
    }
    v
}

fn label_of<'a>(all: &'a [(String, String, String, Option<String>)], file: &str, text: &str) -> Vec<Option<&'a str>> {
    let v: Vec<Option<&str>> =
        all.iter().filter(|(f, t, _, _)| f == file && t == text).map(|(_, _, _, l)| l.as_deref()).collect();
    assert!(!v.is_empty(), "no finding {text:?} in {file}: {all:#?}");
    v
}

#[test]
fn one_person_one_label_in_every_document_and_format() {
    if !common::require("pdftotext") || !common::require("unzip") {
        return;
    }
    let d = thread();
    let out = d.lak(&["redact", "in", "--out", "uit", "--label", "pseudonym", "-j", "2"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report = d.report("uit-review");
    let all = labels(&report);
    // Sanne de Vries in three spellings, in three documents: person 1 (she writes first).
    for (file, text) in [
        ("01-mail.txt", "Sanne de Vries"),
        ("02-reactie.docx", "S. de Vries"),
        ("03-besluit.pdf", "Sanne de Vries"),
        ("03-besluit.pdf", "De Vries"),
    ] {
        assert!(label_of(&all, file, text).iter().all(|l| *l == Some("Persoon 1")), "{file} {text}: {all:#?}");
    }
    // Her son shares the surname, not the initial: another person, the same one in both documents.
    assert_eq!(label_of(&all, "01-mail.txt", "T. de Vries"), [Some("Persoon 2")]);
    assert_eq!(label_of(&all, "02-reactie.docx", "T. de Vries"), [Some("Persoon 2")]);
    // The official who signs the reply and the decision: one person, numbered after the de Vries.
    assert_eq!(label_of(&all, "02-reactie.docx", "Ingrid van Dam"), [Some("Persoon 3")]);
    assert!(label_of(&all, "03-besluit.pdf", "Ingrid van Dam").iter().all(|l| *l == Some("Persoon 3")));
    // The ground stays in the report; only people have labels.
    for (file, text, ground, label) in &all {
        if label.is_some() {
            assert_eq!(ground, "5.1.2e", "{file} {text}");
            let n = label.as_deref().unwrap().strip_prefix("Persoon ").expect("a pseudonym");
            assert!(n.parse::<usize>().is_ok(), "no letters from the name in the label: {label:?}");
        }
    }
    assert_eq!(label_of(&all, "01-mail.txt", "s.devries@example.nl"), [None]);
    assert_eq!(label_of(&all, "03-besluit.pdf", "123456782"), [None], "a BSN keeps its ground label");

    // An independent reader sees the pseudonyms and none of the names.
    let mail = d.read_string("uit/01-mail.txt");
    let word = common::office_text(&d.join("uit/02-reactie.docx"));
    let pdf = common::pdftotext(&d.join("uit/03-besluit.pdf"));
    assert!(mail.contains("Van: [Persoon 1] <[5.1.2e]>"), "{mail}");
    assert!(mail.contains("Mijn zoon [Persoon 2] woont"), "{mail}");
    assert!(word.contains("Geachte mevrouw [Persoon 1],"), "{word}");
    assert!(word.contains("uw zoon [Persoon 2] wordt") && word.contains("[Persoon 3]"), "{word}");
    assert!(pdf.contains("Persoon 1") && pdf.contains("5.1.1e"), "{pdf}");
    for text in [&mail, &word, &pdf] {
        for name in ["Vries", "Sanne", "Ingrid", "Dam", "Çelik"] {
            assert!(!text.contains(name), "{name} is still there: {text}");
        }
        assert!(!text.contains("[5.1.2e] "), "no name box keeps the ground: {text}");
    }
    // The inventory and the redaction log keep the grounds.
    let log = d.read_string("uit/lakregister.csv");
    assert!(log.contains("5.1.2e") && !log.contains("Persoon"), "{log}");
    let inventory = d.read_string("uit/inventarislijst.csv");
    assert!(!inventory.contains("Persoon"), "{inventory}");
    // lak verify reads the pseudonyms as what they are.
    assert_eq!(d.lak(&["verify", "uit"]).code, 0);
}

#[test]
fn same_inputs_give_the_same_bytes_whatever_the_threads() {
    let d = thread();
    for (out, jobs) in [("een", "1"), ("twee", "2")] {
        let o = d.lak(&["redact", "in", "--out", out, "--label", "pseudonym", "-j", jobs]);
        assert_eq!(o.code, 0, "{}", o.stderr);
    }
    let files = d.files("een");
    assert_eq!(files, d.files("twee"));
    for f in &files {
        assert_eq!(d.read(&format!("een/{f}")), d.read(&format!("twee/{f}")), "{f}");
    }
    assert_eq!(d.read("een-review/lak-report.json"), d.read("twee-review/lak-report.json"));
    // Scan labels the report the same way, without writing anything.
    let o = d.lak(&["scan", "in", "--review", "scan", "--label", "pseudonym", "-j", "2"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(labels(&d.report("scan")), labels(&d.report("een-review")));
}

#[test]
fn the_default_is_the_ground() {
    let d = thread();
    let o = d.lak(&["redact", "in", "--out", "uit"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let mail = d.read_string("uit/01-mail.txt");
    assert!(mail.contains("Van: [5.1.2e] <[5.1.2e]>") && !mail.contains("Persoon"), "{mail}");
    assert!(!d.read_string("uit-review/lak-report.json").contains("\"label\""));
    // `--label ground` is the same run.
    let o = d.lak(&["redact", "in", "--out", "uit2", "--label", "ground"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    for f in d.files("uit") {
        assert_eq!(d.read(&format!("uit/{f}")), d.read(&format!("uit2/{f}")), "{f}");
    }
    // With pseudonyms, only the labels differ: the same values go.
    let o = d.lak(&["redact", "in", "--out", "pseudo", "--label", "pseudonym"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let mut pseudo = d.read_string("pseudo/01-mail.txt");
    for n in 1..=3 {
        pseudo = pseudo.replace(&format!("[Persoon {n}]"), "[5.1.2e]");
    }
    assert_eq!(pseudo, mail);
}

#[test]
fn the_requester_keeps_her_name_and_gets_no_label() {
    let d = thread();
    d.create("verzoeker.toml", "name = [\"Sanne de Vries\"]\nemail = \"s.devries@example.nl\"\n");
    let o = d.lak(&[
        "redact",
        "in",
        "--out",
        "uit",
        "--mode",
        "inzage",
        "--requester",
        "verzoeker.toml",
        "--label",
        "pseudonym",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let all = labels(&d.report("uit-review"));
    assert!(all.iter().all(|(_, t, _, _)| !t.contains("Sanne")), "her name is not redacted: {all:#?}");
    // Her son is the first person redacted: number 1; the label replaces the AVG ground on his box.
    assert_eq!(label_of(&all, "01-mail.txt", "T. de Vries"), [Some("Persoon 1")]);
    let mail = d.read_string("uit/01-mail.txt");
    assert!(mail.contains("Van: Sanne de Vries <s.devries@example.nl>"), "{mail}");
    assert!(mail.contains("Mijn zoon [Persoon 1] woont"), "{mail}");
}

#[test]
fn a_pseudonym_in_a_document_is_no_name() {
    // What lak wrote is read again by the re-scan and by `lak verify`; in a PDF the label has no brackets.
    let d = Dir::new();
    d.create("in/a-brief.txt", "Geachte mevrouw Persoon 1,\nDe heer Persoon 12 belde.\n");
    // Mrs Persoon herself is still a name (and then every copy of her name in the document goes).
    d.create("in/b-brief.txt", "Geachte mevrouw Persoon,\nMet vriendelijke groet.\n");
    let o = d.lak(&["scan", "in", "--review", "r"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let found: Vec<(String, String)> = labels(&d.report("r")).into_iter().map(|(f, t, _, _)| (f, t)).collect();
    assert_eq!(found, [("b-brief.txt".to_string(), "Persoon".to_string())]);
}
