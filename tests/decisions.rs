//! Reviewer decisions (issue 10, item 2): `lak scan`, a `decisions.json` built from its report the way
//! the review page builds it, `lak redact --decisions` — checked where a user sees it: the outputs read
//! back with tools lak does not share (`pdftotext`, `unzip -p`, raw bytes), the report, the redaction
//! log, the exit code, and a second run that must give the same bytes.

mod common;

use std::path::Path;

use common::{Dir, office_text, pdftotext};
use serde_json::{Value, json};

const WHO: &str = "A. Beoordelaar";

/// A small mixed dossier of real producers' files.
fn dossier(d: &Dir) {
    d.fixture("text/brief-bezwaar.txt", "in/brief.txt");
    d.fixture("text/mail-melding.txt", "in/mail.txt");
    d.fixture("office/word-basis.docx", "in/regeling.docx");
    d.fixture("pdf/libreoffice-brief.pdf", "in/brief.pdf");
}

/// The report entry of the document whose path ends with `doc`.
fn document<'a>(r: &'a Value, doc: &str) -> &'a Value {
    r["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with(doc))
        .unwrap_or_else(|| panic!("no document {doc}"))
}

/// The findings of `doc` whose text is `text`.
fn with_text<'a>(r: &'a Value, doc: &str, text: &str) -> Vec<&'a Value> {
    document(r, doc)["findings"].as_array().unwrap().iter().filter(|f| f["text"] == text).collect()
}

fn one<'a>(r: &'a Value, doc: &str, text: &str) -> &'a Value {
    let found = with_text(r, doc, text);
    assert_eq!(found.len(), 1, "one finding {text:?} in {doc}: {found:#?}");
    found[0]
}

/// The text units lak reads in a document (how the review page knows a passage's offsets).
fn units(path: &Path) -> Vec<String> {
    let registry = lak::formats::Registry::standard();
    let format = registry.for_path(path).unwrap();
    let doc = format.open(std::fs::read(path).unwrap(), &lak::formats::Options::default()).unwrap();
    doc.units().iter().map(|u| u.to_string()).collect()
}

/// A passage decision from `from` to the end of `to` in the unit of `path` that holds both.
fn passage(r: &Value, d: &Dir, doc: &str, from: &str, to: &str, ground: &str) -> Value {
    let units = units(&d.join(&format!("in/{doc}")));
    let (unit, text) = units.iter().enumerate().find(|(_, u)| u.contains(from) && u.contains(to)).unwrap();
    let start = text.find(from).unwrap();
    let end = text[start..].find(to).unwrap() + start + to.len();
    json!({"kind": "passage", "sha256": document(r, doc)["sha256"], "unit": unit, "start": start, "end": end,
           "text": &text[start..end], "action": "redact", "ground": ground,
           "reviewer": WHO, "time": "2026-12-03T15:08:00Z"})
}

fn write_decisions(d: &Dir, decisions: &[Value]) -> String {
    let file = json!({"lak_decisions": 1, "decisions": decisions});
    d.create("decisions.json", serde_json::to_string_pretty(&file).unwrap());
    "decisions.json".into()
}

/// Every byte of a file contains `needle` (case-insensitive)?
fn in_bytes(bytes: &[u8], needle: &str) -> bool {
    let hay = String::from_utf8_lossy(bytes).to_lowercase();
    hay.contains(&needle.to_lowercase())
}

/// The decisions of the round trip, from the scan's report.
fn decisions(r: &Value, d: &Dir) -> Vec<Value> {
    let kaya = one(r, "brief.txt", "A. Kaya-de Groot");
    assert_eq!(kaya["action"], "redact");
    let mailbox = one(r, "brief.txt", "vergunningen@haarlem.nl");
    assert_eq!(mailbox["action"], "keep");
    assert!(with_text(r, "mail.txt", "de vries").iter().all(|f| f["action"] == "redact"));
    assert!(with_text(r, "brief.pdf", "De Vries").iter().all(|f| f["action"] == "redact"));
    vec![
        json!({"kind": "finding", "finding": kaya["id"], "action": "keep", "reviewer": WHO,
               "time": "2026-12-03T15:04:05Z", "document": document(r, "brief.txt")["id"],
               "text": "A. Kaya-de Groot", "note": "wil genoemd worden"}),
        json!({"kind": "finding", "finding": mailbox["id"], "action": "redact", "ground": "5.1.2i",
               "reviewer": WHO, "time": "2026-12-03T15:05:00Z"}),
        // Kept in two documents (written `de vries` in one, `De Vries` in the other).
        json!({"kind": "value", "value": "De  Vries", "action": "keep", "reviewer": WHO,
               "time": "2026-12-03T15:06:00Z"}),
        // No rule finds these words; they stand in the DOCX, the PDF and the text.
        json!({"kind": "value", "value": "besluit", "action": "redact", "ground": "5.1.2i", "reviewer": WHO,
               "time": "2026-12-03T15:07:00Z"}),
        json!({"kind": "value", "value": "omgevingsvergunning", "action": "redact", "reviewer": WHO,
               "time": "2026-12-03T15:07:30Z"}),
        // Across lines of a text (taking in the date of birth and the BSN), across lines of a PDF,
        // and in a paragraph of a DOCX.
        passage(r, d, "brief.txt", "U bent geboren", "bij de BRP.", "5.2"),
        passage(r, d, "brief.pdf", "Naar aanleiding", "ingeschreven.", "5.2"),
        passage(r, d, "regeling.docx", "Hierbij ontvangt", "aanvraag.", "5.2"),
    ]
}

#[test]
fn scan_decide_redact_applies_every_kind_of_decision_and_records_who_decided() {
    let d = Dir::new();
    dossier(&d);
    let scan = d.lak(&["scan", "in", "--review", "scan"]);
    assert_eq!(scan.code, 0, "{}", scan.stderr);
    let r = d.report("scan");
    let file = write_decisions(&d, &decisions(&r, &d));

    let run = d.lak(&["redact", "in", "--out", "out", "--decisions", &file, "-j", "1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let r = d.report("out-review");
    assert_eq!(r["counts"]["stale_decisions"], 0);
    assert!(r.get("stale_decisions").is_none());
    for doc in ["brief.txt", "mail.txt", "regeling.docx", "brief.pdf"] {
        assert_eq!(document(&r, doc)["status"], "redacted", "{doc}");
    }

    // Text: the kept name stays, the mailbox and the passage are gone from every byte.
    let txt = d.read("out/brief.txt");
    assert!(in_bytes(&txt, "A. Kaya-de Groot"));
    for gone in ["vergunningen@haarlem.nl", "omgevingsvergunning", "U bent geboren", "bij de BRP", "1234.56.782"] {
        assert!(!in_bytes(&txt, gone), "{gone} in brief.txt");
    }
    assert!(in_bytes(&txt, "[5.2]") && in_bytes(&txt, "[5.1.2i]"));
    assert!(in_bytes(&d.read("out/mail.txt"), "mevrouw de vries"));

    // PDF, read by poppler: the kept name stays, the word and the passage across three lines are gone.
    let pdf = pdftotext(&d.join("out/brief.pdf"));
    assert!(pdf.contains("De Vries"), "{pdf}");
    for gone in ["besluit", "Naar aanleiding", "delen wij mee", "ingeschreven", "123456782", "Sanne"] {
        assert!(!pdf.contains(gone), "{gone} in the PDF: {pdf}");
    }
    // DOCX, read by unzip: every part, every byte.
    let docx = office_text(&d.join("out/regeling.docx"));
    for gone in ["besluit", "Hierbij ontvangt", "aanvraag."] {
        assert!(!docx.to_lowercase().contains(&gone.to_lowercase()), "{gone} in the DOCX: {docx}");
    }

    // The report says who decided, everywhere.
    let kaya = one(&r, "brief.txt", "A. Kaya-de Groot");
    assert_eq!(kaya["action"], "keep");
    assert_eq!(kaya["decided_by"]["by"], "reviewer");
    assert_eq!(kaya["decided_by"]["reviewer"], WHO);
    assert_eq!(kaya["decided_by"]["decision"], "finding");
    assert_eq!(kaya["decided_by"]["note"], "wil genoemd worden");
    // The review page carries who decided, for the reviewer of the next round.
    let page = d.read_string("out-review/lak-review.html");
    assert!(page.contains(r#""decided_by":{"by":"reviewer","reviewer":"A. Beoordelaar""#), "no decided_by on the page");
    let mailbox = one(&r, "brief.txt", "vergunningen@haarlem.nl");
    assert_eq!((mailbox["action"].as_str(), mailbox["ground"].as_str()), (Some("redact"), Some("5.1.2i")));
    assert!(mailbox["why"].as_str().unwrap().contains("reviewer A. Beoordelaar decided on 2026-12-03T15:05:00Z"));
    for (doc, text) in [("mail.txt", "de vries"), ("brief.pdf", "De Vries")] {
        let f = one(&r, doc, text);
        assert_eq!((f["action"].as_str(), f["decided_by"]["decision"].as_str()), (Some("keep"), Some("value")));
    }
    // In the PDF's text and in the DOCX's title (the one in its body is inside the passage there).
    let added: Vec<&Value> = ["regeling.docx", "brief.pdf"]
        .iter()
        .flat_map(|doc| document(&r, doc)["findings"].as_array().unwrap())
        .filter(|f| f["text"].as_str().unwrap().eq_ignore_ascii_case("besluit"))
        .collect();
    assert_eq!(added.len(), 2, "{added:#?}");
    for f in added {
        assert_eq!((f["rule"].as_str(), f["category"].as_str()), (Some("reviewer"), Some("reviewer")));
        assert_eq!(f["ground"], "5.1.2i");
        assert_eq!(f["evidence"]["source"]["kind"], "reviewer");
        assert_eq!(f["why"], "reviewer A. Beoordelaar decided on 2026-12-03T15:07:00Z");
    }
    let passages: Vec<&Value> = r["documents"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["findings"].as_array().unwrap())
        .filter(|f| f["decided_by"]["decision"] == "passage")
        .collect();
    assert_eq!(passages.len(), 3, "{passages:#?}");
    assert!(passages.iter().all(|f| f["ground"] == "5.2" && f["action"] == "redact"));
    // Everything else was decided by the rules.
    let all = r["documents"].as_array().unwrap().iter().flat_map(|d| d["findings"].as_array().unwrap());
    assert!(all.clone().filter(|f| f["decided_by"]["by"] == "rule").count() > 20);
    assert!(all.clone().all(|f| f["decided_by"]["by"] == "rule" || f["decided_by"]["reviewer"] == WHO));

    // The redaction log says which boxes a reviewer decided.
    let log = d.read_string("out/lakregister.csv");
    assert!(log.lines().filter(|l| l.ends_with("reviewer")).count() >= 6, "{log}");

    // The same inputs, rules and decisions give the same bytes, with one worker or two.
    let again = d.lak(&["redact", "in", "--out", "out2", "--decisions", &file, "-j", "2"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(d.files("out"), d.files("out2"));
    for f in d.files("out") {
        assert!(d.read(&format!("out/{f}")) == d.read(&format!("out2/{f}")), "{f} differs between runs");
    }
    assert_eq!(d.read("out-review/lak-report.json"), d.read("out2-review/lak-report.json"));
    assert_eq!(d.read("out-review/lak-report.html"), d.read("out2-review/lak-report.html"));

    // A scan with the decisions shows them too (for a review page made after it).
    let scan = d.lak(&["scan", "in", "--review", "scan2", "--decisions", &file]);
    assert_eq!(scan.code, 0, "{}", scan.stderr);
    let kaya = one(&d.report("scan2"), "brief.txt", "A. Kaya-de Groot").clone();
    assert_eq!(kaya["decided_by"]["by"], "reviewer");
}

#[test]
fn a_decision_whose_document_changed_is_stale_listed_and_never_applied_elsewhere() {
    let d = Dir::new();
    dossier(&d);
    assert_eq!(d.lak(&["scan", "in", "--review", "scan"]).code, 0);
    let r = d.report("scan");
    let kaya = one(&r, "brief.txt", "A. Kaya-de Groot");
    let visser = one(&r, "mail.txt", "Sanne Visser");
    let decisions = vec![
        json!({"kind": "finding", "finding": kaya["id"], "action": "keep", "reviewer": WHO,
               "time": "2026-12-03T15:04:05Z"}),
        // The right id with the wrong text: stale, not applied.
        json!({"kind": "finding", "finding": visser["id"], "text": "Karel Visser", "action": "keep",
               "reviewer": WHO, "time": "2026-12-03T15:04:06Z"}),
        passage(&r, &d, "brief.txt", "U bent geboren", "bij de BRP.", "5.2"),
        json!({"kind": "value", "value": "Zonnebloem", "action": "redact", "reviewer": WHO,
               "time": "2026-12-03T15:04:07Z"}),
        json!({"kind": "finding", "finding": "0123456789abcdef", "action": "redact", "reviewer": WHO,
               "time": "2026-12-03T15:04:08Z"}),
    ];
    let file = write_decisions(&d, &decisions);
    // The letter changes after the review: its finding ids and its bytes are others now.
    let mut text = d.read_string("in/brief.txt");
    text.insert_str(0, "Nagekomen stuk.\n");
    d.create("in/brief.txt", text);

    let run = d.lak(&["redact", "in", "--out", "out", "--decisions", &file]);
    assert_eq!(run.code, 3, "stale decisions need a person: {}", run.stderr);
    let r = d.report("out-review");
    assert_eq!(r["counts"]["stale_decisions"], 5);
    let stale = r["stale_decisions"].as_array().unwrap();
    assert_eq!(stale.len(), 5);
    for (s, d) in stale.iter().zip(&decisions) {
        assert_eq!(&s["decision"], d, "listed as read");
        assert!(!s["why"].as_str().unwrap().is_empty());
    }
    assert!(stale[1]["why"].as_str().unwrap().contains("Sanne Visser"), "{}", stale[1]["why"]);
    // Not applied anywhere: the name and the passage are redacted by the rules as before.
    assert_eq!(one(&r, "brief.txt", "A. Kaya-de Groot")["action"], "redact");
    assert_eq!(one(&r, "mail.txt", "Sanne Visser")["decided_by"]["by"], "rule");
    let txt = d.read("out/brief.txt");
    assert!(!in_bytes(&txt, "Kaya-de Groot"));
    assert!(in_bytes(&txt, "U bent geboren"), "a stale passage is not applied at other offsets");
    assert!(d.read_string("out-review/lak-report.html").contains("Stale decisions"));
    assert!(
        d.read_string("out-review/lak-review.html").contains(r#""stale":[{"decision":"#),
        "no stale list on the page"
    );
}

#[test]
fn a_bad_decisions_file_is_a_usage_error_that_names_the_decision_and_the_field() {
    let d = Dir::new();
    d.fixture("text/brief-bezwaar.txt", "in/brief.txt");
    let ok = json!({"kind": "value", "value": "Haarlem", "action": "keep", "reviewer": WHO,
                    "time": "2026-12-03T15:04:05Z"});
    let cases: Vec<(Value, &str)> = vec![
        (
            json!({"lak_decisions": 1, "decisions": [ok, {"kind": "value", "value": "x", "action": "keep",
            "reviewer": WHO, "time": "2026-12-03T15:04:05Z", "colour": "red"}]}),
            "decision 2: unknown field `colour`",
        ),
        (json!({"lak_decisions": 2, "decisions": []}), "version 1"),
        (
            json!({"lak_decisions": 1, "decisions": [{"kind": "value", "value": "x", "action": "keep",
            "time": "2026-12-03T15:04:05Z"}]}),
            "decision 1: missing field `reviewer`",
        ),
        (
            json!({"lak_decisions": 1, "decisions": [{"kind": "value", "value": "x", "action": "keep",
            "reviewer": WHO, "time": "3 december 2026"}]}),
            "decision 1: `time`",
        ),
    ];
    for (file, message) in cases {
        d.create("decisions.json", file.to_string());
        for cmd in ["redact", "scan"] {
            let out = if cmd == "redact" {
                d.lak(&["redact", "in", "--out", "out", "--decisions", "decisions.json"])
            } else {
                d.lak(&["scan", "in", "--review", "rev", "--decisions", "decisions.json"])
            };
            assert_eq!(out.code, 2, "{message}: {}", out.stderr);
            assert!(out.stderr.contains("decisions.json") && out.stderr.contains(message), "{message}: {}", out.stderr);
        }
        assert!(!d.join("out").exists() && !d.join("rev").exists(), "nothing runs on a bad file");
    }
}
