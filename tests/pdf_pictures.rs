//! Pictures on PDF text pages end to end: `lak redact` on LibreOffice exports with pictures pasted
//! between paragraphs (fixtures/pdf/pictures-*.pdf, built by tests/build-fixtures/pdf-pictures.sh), every
//! output read back by independent tools: `pdfimages` takes each image out (soft masks too, where a
//! transparent picture keeps its text's shapes) and Tesseract's own command line reads it, `pdftoppm`
//! + Tesseract read the rendered page, `pdftotext` what can be copied out, `qpdf --check` validity.

mod common;

use std::process::Command;

use common::ocr::{images_and_pages, run, squeezed};
use common::{Dir, document, require, status};

/// The values in the pictures (synthetic people).
const PLANTED: &[(&str, &[&str])] = &[
    ("pictures-id-kopie.pdf", &["Verbeek", "Lotte", "Marije", "12-05-1984", "NXKR7PWA3", "274918365"]),
    ("pictures-transparant.pdf", &["Ruben", "Hoekstra", "06-38472916", "NL91ABNA0417164300"]),
];

/// Words of the pictures that are no personal data and stay readable, and text of the page.
const KEPT_IN_PICTURES: &[(&str, &[&str])] = &[
    ("pictures-id-kopie.pdf", &["IDENTITEITSKAART", "Documentnummer"]),
    ("pictures-transparant.pdf", &["Telefoonnotitie", "IBAN"]),
];
const KEPT_TEXT: &[(&str, &[&str])] = &[
    ("pictures-id-kopie.pdf", &["aanvraag parkeervergunning", "De aanvraag is volledig."]),
    ("pictures-transparant.pdf", &["Betreft: terugbelverzoek", "Afgehandeld door het KCC."]),
];

fn tools() -> bool {
    ["tesseract", "pdftoppm", "pdfimages", "pdftotext", "qpdf"].iter().all(|t| require(t))
}

#[test]
fn pictures_on_text_pages_are_read_and_redacted_in_their_pixels() {
    if !tools() {
        return;
    }
    let d = Dir::new();
    for (name, _) in PLANTED {
        d.fixture(&format!("pdf/{name}"), &format!("in/{name}"));
    }
    let run_lak = d.lak(&["redact", "in", "--out", "out", "--review", "review"]);
    assert_eq!(run_lak.code, 0, "{}{}", run_lak.stdout, run_lak.stderr);
    let report = d.report("review");
    for (name, planted) in PLANTED {
        assert_eq!(status(&report, name), "redacted", "{name}");
        let doc = document(&report, name);
        // Independent OCR reads the values in the input's pictures: the check below is not empty.
        let (before, _) = images_and_pages(&d, &d.join(&format!("in/{name}")), &format!("in-{name}"));
        for value in *planted {
            assert!(squeezed(&before).contains(&squeezed(value)), "{name}: the input does not show {value:?}");
        }
        // Every value is a finding located in a picture on page 1, in page space.
        let found: Vec<&serde_json::Value> = doc["findings"].as_array().unwrap().iter().collect();
        for f in &found {
            let part = f["location"]["part"].as_str().unwrap_or("");
            assert!(part.starts_with("OCR block") && part.contains("of a picture"), "{name}: {f}");
            assert_eq!(f["location"]["page"], 1, "{name}: {f}");
        }
        assert!(found.len() >= planted.len() - 1, "{name}: {found:?}");
        let out = d.join(&format!("out/{name}"));
        let (images, pages) = images_and_pages(&d, &out, name);
        for (what, read) in [("its images", &images), ("its page", &pages)] {
            for value in *planted {
                assert!(!squeezed(read).contains(&squeezed(value)), "{name}: OCR of {what} reads {value:?}:\n{read}");
            }
        }
        for (n, kept) in KEPT_IN_PICTURES {
            if n == name {
                for word in *kept {
                    assert!(images.contains(word), "{name}: {word:?} no longer readable in its images:\n{images}");
                }
            }
        }
        let text = run(Command::new("pdftotext").arg(&out).arg("-"));
        for (n, kept) in KEPT_TEXT {
            if n == name {
                for line in *kept {
                    assert!(text.contains(line), "{name}: the text {line:?} is gone:\n{text}");
                }
            }
        }
        let check = run(Command::new("qpdf").arg("--check").arg(&out));
        assert!(check.contains("No syntax or stream encoding errors"), "{name}: {check}");
    }
    // The gradient beside the identity card holds no text: kept as it was, and the notes say so.
    let notes = document(&report, "pictures-id-kopie.pdf")["notes"].to_string();
    assert!(notes.contains("pictures on page(s) 1: read by OCR"), "{notes}");
    assert!(notes.contains("1 picture(s) on text pages in which OCR reads no text kept unchanged"), "{notes}");
    let list = run(Command::new("pdfimages").arg("-list").arg(d.join("out/pictures-id-kopie.pdf")));
    assert!(list.lines().any(|l| l.contains(" 200   120 ")), "the gradient is still there:\n{list}");
}

#[test]
fn a_picture_on_a_text_page_read_unsure_withholds_the_document() {
    if !require("tesseract") {
        return;
    }
    let d = Dir::new();
    d.fixture("pdf/pictures-onleesbaar.pdf", "in/pictures-onleesbaar.pdf");
    let run = d.lak(&["redact", "in", "--out", "out", "--review", "review"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    let report = d.report("review");
    let reason = &document(&report, "pictures-onleesbaar.pdf")["reason"];
    assert_eq!(reason["code"], "ocr_low_confidence", "{reason}");
    assert!(reason["reason"].as_str().unwrap().starts_with("a picture on page(s) 1: OCR reads unsure"), "{reason}");
    assert!(d.documents("out").is_empty(), "{:?}", d.documents("out"));
    // Looked at by a person: let through, marked as not checked.
    let run = d.lak(&["redact", "in", "--out", "out2", "--review", "review2", "--allow-unchecked-images"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let notes = document(&d.report("review2"), "pictures-onleesbaar.pdf")["notes"].to_string();
    assert!(notes.contains("NOT checked (--allow-unchecked-images)"), "{notes}");
}

#[test]
fn without_tesseract_pictures_on_text_pages_are_kept_and_the_notes_say_they_were_not_read() {
    let d = Dir::new();
    d.fixture("pdf/pictures-id-kopie.pdf", "in/pictures-id-kopie.pdf");
    let run = d.lak_without_ocr(&["redact", "in", "--out", "out", "--review", "review"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let notes = document(&d.report("review"), "pictures-id-kopie.pdf")["notes"].to_string();
    assert!(notes.contains("pictures on page(s) 1 not read: no Tesseract"), "{notes}");
    assert!(notes.contains("apt-get install tesseract-ocr"), "{notes}");
}

#[test]
fn a_large_picture_without_text_on_a_text_page_is_withheld_as_a_scan_would_be() {
    let d = Dir::new();
    // Half the page, no text OCR reads: a photo, or a scanned page that a stamped number made a text page.
    d.fixture("pdf/pictures-foto.pdf", "in/foto.pdf");
    if require("tesseract") {
        let run = d.lak(&["redact", "in", "--out", "out", "--review", "review"]);
        assert_eq!(run.code, 3, "{}", run.stderr);
        let report = d.report("review");
        let reason = &document(&report, "foto.pdf")["reason"];
        assert_eq!(reason["code"], "picture_without_text", "{reason}");
        let why = reason["reason"].as_str().unwrap();
        assert!(why.contains("a quarter of the page") && why.contains("--checked-pictures"), "{why}");
    }
    // Without Tesseract a picture that large is not published unread either.
    let run = d.lak_without_ocr(&["redact", "in", "--out", "out2", "--review", "review2"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    let report = d.report("review2");
    assert_eq!(document(&report, "foto.pdf")["reason"]["code"], "ocr_unavailable");
    assert!(d.documents("out2").is_empty());
}
