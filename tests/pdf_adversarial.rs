//! Red-team reproducers (`fixtures/pdf/adversarial/`, built by `tests/build-fixtures/pdf_redteam/`):
//! PDFs that put a planted value where a reader of the PDF might miss it — operators with surprising
//! operands, inline images that desynchronise a parser, ToUnicode maps that contradict themselves or
//! the font, page trees with odd node types, streams shared between a page and a form, UTF-16LE strings,
//! invisible format characters inside values, streams no page draws, objects nested too deep.
//!
//! For each one, lak must either refuse the document (needs manual handling, nothing written) or write
//! an output in which no planted value can be found by independent tools: pdftotext, and a byte search
//! of the file and of its `qpdf --qdf` expansion (plain, UTF-16BE/LE, hex and octal forms). Every
//! output must pass `qpdf --check`.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Dir, require};

const VALUES: &[&str] = &[
    "111222333",
    "123456782",
    "NL91ABNA0417164300",
    "piet.bakker@example.nl",
    "06-12345678",
    "Jan Jansen",
    "de Vries",
    "Jansen",
    "Bakker",
    "3 maart 1984",
];

fn forms(v: &str) -> Vec<Vec<u8>> {
    let b = v.as_bytes();
    let utf16 = |be: bool| -> Vec<u8> {
        v.encode_utf16().flat_map(|u| if be { u.to_be_bytes() } else { u.to_le_bytes() }).collect()
    };
    let hex: String = b.iter().map(|c| format!("{c:02x}")).collect();
    let octal: String = b.iter().map(|c| format!("\\{c:03o}")).collect();
    vec![b.to_vec(), utf16(true), utf16(false), hex.into_bytes(), octal.into_bytes()]
}

fn find_value(hay: &[u8]) -> Option<String> {
    let low = hay.to_ascii_lowercase();
    for v in VALUES {
        for f in forms(v) {
            let f = f.to_ascii_lowercase();
            if low.windows(f.len()).any(|w| w == f.as_slice()) {
                return Some(v.to_string());
            }
        }
    }
    None
}

fn check(d: &Dir, name: &str) -> Result<String, String> {
    let out = d.lak(&["redact", "in", "--out", "out", "-q"]);
    let report = d.report("out-review");
    let doc = &report["documents"][0];
    let status = doc["status"].as_str().unwrap_or("").to_string();
    if !matches!(out.code, 0 | 3) {
        return Err(format!("{name}: exit {} ({})", out.code, out.stderr));
    }
    let written = d.join(&format!("out/{name}"));
    if status == "needs_manual" {
        if written.exists() {
            return Err(format!("{name}: needs manual handling but was written"));
        }
        return Ok(format!("refused: {}", doc["reason"]["code"]));
    }
    let check = Command::new("qpdf").arg("--check").arg(&written).output().unwrap();
    if !check.status.success() {
        return Err(format!(
            "{name}: written as {status} but qpdf --check fails: {}",
            String::from_utf8_lossy(&check.stdout)
        ));
    }
    let qdf = d.join("q.pdf");
    let _ = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable", "--static-id"])
        .arg(&written)
        .arg(&qdf)
        .output()
        .unwrap();
    let text = Command::new("pdftotext").arg(&written).arg("-").output().unwrap().stdout;
    for (what, bytes) in [
        ("the output", std::fs::read(&written).unwrap()),
        ("qpdf --qdf", std::fs::read(&qdf).unwrap_or_default()),
        ("pdftotext", text),
    ] {
        if let Some(v) = find_value(&bytes) {
            return Err(format!("{name}: written as {status}, but {v:?} is in {what}"));
        }
    }
    Ok(format!("written as {status}, clean"))
}

#[test]
fn red_team_pdfs_are_refused_or_leak_nothing() {
    if !(require("qpdf") && require("pdftotext")) {
        return;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pdf/adversarial");
    let mut names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.retain(|n| n.ends_with(".pdf"));
    names.sort();
    assert!(names.len() >= 20, "the red-team fixtures are missing");
    let mut failures = Vec::new();
    for name in &names {
        let d = Dir::new();
        d.fixture(&format!("pdf/adversarial/{name}"), &format!("in/{name}"));
        match check(&d, name) {
            Ok(what) => eprintln!("{name}: {what}"),
            Err(e) => failures.push(e),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
