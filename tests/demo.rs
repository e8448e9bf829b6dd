//! The README's first command: `lak redact examples/woo-verzoek` goes through with exit code 0, a short
//! summary, and nothing of the request's people left in any output, as independent tools read it.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Dir, office_text, pdftotext, require, status};

/// The values planted in the demo dossier (synthetic people), as they are written there.
const PLANTED: &[&str] = &[
    "Marloes",
    "Veenstra",
    "m.veenstra.deboer@example.nl",
    "06-41238765",
    "Esdoornlaan 17",
    "Esdoornlaan 21",
    "Esdoornlaan 4",
    "3704 KT",
    "3704 KS",
    "Karin",
    "Bosman",
    "693 41 27",
    "k.bosman@lakdorp.example.nl",
    "Sjoerd",
    "Kuipers",
    "Anouk",
    "Linden",
    "06-28417390",
    "NL84RABO7440632348",
    "NL22ABNA3780318890",
    "NL33INGB5253271009",
    "312082253",
    "225935466",
    "12-07-1961",
    "30-11-1984",
    "s.kuipers@example.nl",
    "anouk.vdlinden@example.nl",
];

fn demo() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/woo-verzoek")
}

/// Every way an independent tool reads an output: its bytes, and for PDF and Office what pdftotext,
/// qpdf (streams decompressed) and unzip give.
fn readings(d: &Dir, rel: &str) -> Vec<(String, String)> {
    let path = d.join(rel);
    let mut out = vec![("bytes".to_string(), String::from_utf8_lossy(&d.read(rel)).into_owned())];
    if rel.ends_with(".pdf") {
        out.push(("pdftotext".into(), pdftotext(&path)));
        if require("qpdf") {
            let qdf = d.join("qdf.pdf");
            let o = Command::new("qpdf").args(["--qdf", "--object-streams=disable"]).arg(&path).arg(&qdf).output();
            assert!(o.expect("qpdf runs").status.success(), "qpdf --qdf failed on {rel}");
            out.push(("qpdf --qdf".into(), String::from_utf8_lossy(&std::fs::read(&qdf).unwrap()).into_owned()));
        }
    } else if rel.ends_with(".docx") || rel.ends_with(".xlsx") {
        out.push(("unzip".into(), office_text(&path)));
        let o = Command::new("unzip").arg("-p").arg(&path).output().expect("unzip runs");
        out.push(("unzip -p (every entry)".into(), String::from_utf8_lossy(&o.stdout).into_owned()));
    }
    out
}

#[test]
fn the_demo_dossier_goes_through_with_exit_0_and_leaves_nobody_in_the_outputs() {
    let d = Dir::new();
    let demo = demo();
    let out = d.lak(&["redact", demo.to_str().unwrap(), "--out", "gelakt"]);
    assert_eq!(out.code, 0, "{out:?}");
    // A newcomer's first sight is a summary, not a wall of lines.
    let lines = out.stdout.lines().count() + out.stderr.lines().count();
    assert!(lines <= 5, "{lines} lines printed:\n{}\n{}", out.stdout, out.stderr);

    let r = d.report("gelakt-review");
    assert_eq!(r["counts"]["documents"], 5);
    assert_eq!(r["counts"]["redacted"], 5);
    assert_eq!(r["counts"]["needs_manual"], 0);
    let docs = d.documents("gelakt");
    for name in [
        "01 Woo-verzoek.txt",
        "02 Ontvangstbevestiging.docx",
        "03 Verslag bewonersoverleg.pdf",
        "04 Vergoedingen.xlsx",
        "05 Bezwaarschriften.csv",
    ] {
        assert_eq!(status(&r, name), "redacted");
        assert!(docs.contains(&name.to_string()), "{name} not written: {docs:?}");
        for (how, text) in readings(&d, &format!("gelakt/{name}")) {
            for value in PLANTED {
                assert!(!text.contains(value), "{value:?} left in {name} ({how})");
            }
        }
    }
    // What is not personal data stays readable: the alderman in office, the municipality's Postbus.
    assert!(pdftotext(&d.join("gelakt/03 Verslag bewonersoverleg.pdf")).contains("wethouder Pieters"));
    assert!(office_text(&d.join("gelakt/02 Ontvangstbevestiging.docx")).contains("Postbus 100"));
    // The inputs are untouched.
    let before: Vec<_> = std::fs::read_dir(&demo).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(before.len(), 5);
}
