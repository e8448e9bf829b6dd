//! Scanned PDF pages end to end: `lak redact` on a folder of scans (fixtures/scans, built by
//! tests/build-fixtures/scans.py: LibreOffice renders, poppler rasterises, Pillow and Tesseract write
//! the PDFs), every output read back by independent tools. The pixels themselves are checked, not the
//! rendered page: `pdfimages` takes each image out of the output and Tesseract's own command line reads
//! it, so a value only covered by a drawn box would be found. `pdftoppm` + Tesseract read what a reader
//! of the page sees, `pdftotext` what can be copied out, `qpdf --check` the file's validity, `exiftool`
//! the metadata of the images.

mod common;

use std::process::Command;

use common::ocr::{files_with_prefix, images_and_pages, ocr, run, squeezed};
use common::{Dir, document, require, status};

/// The values planted in the scanned pages (synthetic people).
const PLANTED: &[&str] = &[
    "Jansen",
    "Pieter",
    "Vries",
    "111222333",
    "12345678",
    "NL91ABNA0417164300",
    "Bakker",
    "Willem",
    "Hoogendoorn",
    "Lindelaan",
    "98765432",
    "NL20INGB0001234567",
];

/// Values of the text page of gemengd.pdf (read from its text, not by OCR).
const PLANTED_TEXT: &[&str] = &["Sanne", "Kwakernaat", "123456782"];

/// Text of the scans that is no personal data and must stay readable.
const KEPT: &[(&str, &[&str])] = &[
    ("brief-scan.pdf", &["Voorbeeldstad", "Vergunningen", "aanvraag", "ontvangen", "beleidsmedewerker"]),
    ("doorzoekbaar.pdf", &["Voorbeeldstad", "Vergunningen", "ontvangen", "beleidsmedewerker"]),
    ("gemengd.pdf", &["Aanvraagformulier", "parkeervergunning", "Kenteken", "Handtekening"]),
];

fn tools() -> bool {
    ["tesseract", "pdftoppm", "pdfimages", "pdftotext", "qpdf", "exiftool"].iter().all(|t| require(t))
}

/// What OCR reads in the images stored in output `pdf`, and on its pages.
fn ocr_images_and_pages(d: &Dir, pdf: &str) -> (String, String) {
    images_and_pages(d, &d.join(&format!("out/{pdf}")), pdf)
}

fn scans(d: &Dir) {
    for name in ["brief-scan.pdf", "gemengd.pdf", "doorzoekbaar.pdf"] {
        d.fixture(&format!("scans/{name}"), &format!("in/{name}"));
    }
}

#[test]
fn scanned_pages_are_redacted_in_their_pixels() {
    if !tools() {
        return;
    }
    let d = Dir::new();
    scans(&d);
    let run_lak = d.lak(&["redact", "in", "--out", "out", "--review", "review"]);
    assert_eq!(run_lak.code, 0, "{}{}", run_lak.stdout, run_lak.stderr);
    let report = d.report("review");
    for (name, kept) in KEPT {
        assert_eq!(status(&report, name), "redacted", "{name}");
        let doc = document(&report, name);
        // Findings OCR made say on which page and where on it they are.
        let ocr_findings: Vec<&serde_json::Value> = doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["location"]["part"].as_str().is_some_and(|p| p.starts_with("OCR block")))
            .collect();
        assert!(ocr_findings.len() >= 4, "{name}: {ocr_findings:?}");
        for f in &ocr_findings {
            assert!(f["location"]["page"].as_u64().is_some(), "{f}");
            let b: Vec<f64> = f["location"]["bbox"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
            assert!(b[0] < b[2] && b[1] < b[3] && b[2] <= 596.0 && b[3] <= 842.0, "{name}: bbox in page space: {b:?}");
        }
        let (images, pages) = ocr_images_and_pages(&d, name);
        for (what, read) in [("its images", &images), ("its pages", &pages)] {
            let all = squeezed(read);
            for value in PLANTED.iter().chain(PLANTED_TEXT) {
                assert!(!all.contains(&squeezed(value)), "{name}: OCR of {what} still reads {value:?}:\n{read}");
            }
            for word in *kept {
                assert!(read.contains(word), "{name}: {word:?} is no longer readable in {what}:\n{read}");
            }
        }
        let text = run(Command::new("pdftotext").arg(d.join(&format!("out/{name}"))).arg("-"));
        for value in PLANTED.iter().chain(PLANTED_TEXT) {
            assert!(!text.contains(value), "{name}: {value:?} can be copied out:\n{text}");
        }
        // A scan without a text layer gets lak's: the words OCR read and kept can be searched.
        if *name == "brief-scan.pdf" {
            for line in ["Afdeling Vergunningen", "Met vriendelijke groet,", "beleidsmedewerker"] {
                assert!(text.contains(line), "{name}: no text layer with {line:?}:\n{text}");
            }
        }
        let check = run(Command::new("qpdf").arg("--check").arg(d.join(&format!("out/{name}"))));
        assert!(check.contains("No syntax or stream encoding errors"), "{name}: {check}");
        // The images carry nothing but their pixels.
        let work = d.join(&format!("raw-{name}"));
        std::fs::create_dir_all(&work).unwrap();
        run(Command::new("pdfimages").arg("-all").arg(d.join(&format!("out/{name}"))).arg(work.join("img")));
        for img in files_with_prefix(&work, "img") {
            let meta = run(Command::new("exiftool").args(["-G1", "-s"]).arg(&img));
            for tag in ["[EXIF]", "[XMP", "[IPTC]", "[ICC", "Comment", "Artist", "GPS"] {
                assert!(!meta.contains(tag), "{name}: {} carries {tag}:\n{meta}", img.display());
            }
        }
        let meta = run(Command::new("exiftool").arg(d.join(&format!("out/{name}"))));
        for tag in ["Producer", "Creator", "Title"] {
            assert!(!meta.lines().any(|l| l.starts_with(tag)), "{name}: the PDF still says its {tag}:\n{meta}");
        }
    }
    // The searchable scan's text layer reads a case number where the pixels show the BSN: only OCR of
    // the pixels found it.
    let bsn: Vec<String> = document(&report, "doorzoekbaar.pdf")["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "bsn")
        .map(|f| f["location"]["part"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(!bsn.is_empty() && bsn.iter().all(|p| p.starts_with("OCR block")), "{bsn:?}");
    // The mixed PDF: the text page is redacted as text, the form scan by OCR, the blank page left as is.
    let doc = document(&report, "gemengd.pdf");
    let pages: Vec<u64> =
        doc["findings"].as_array().unwrap().iter().map(|f| f["location"]["page"].as_u64().unwrap()).collect();
    assert!(pages.contains(&1) && pages.contains(&2) && !pages.contains(&3), "{pages:?}");
    assert!(doc["notes"].to_string().contains("blank"), "{}", doc["notes"]);
    let info = run(Command::new("pdfimages").arg("-list").arg(d.join("out/gemengd.pdf")));
    assert_eq!(info.lines().count(), 4, "two images, on pages 2 and 3:\n{info}");
}

#[test]
fn the_same_scans_give_the_same_bytes_on_any_number_of_workers() {
    if !require("tesseract") {
        return;
    }
    let d = Dir::new();
    scans(&d);
    for (out, jobs) in [("a", "1"), ("b", "2"), ("c", "2")] {
        let run = d.lak(&["redact", "in", "--out", out, "--review", &format!("review-{out}"), "--jobs", jobs]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    for name in ["brief-scan.pdf", "gemengd.pdf", "doorzoekbaar.pdf"] {
        let a = d.read(&format!("a/{name}"));
        assert_eq!(a, d.read(&format!("b/{name}")), "{name} differs between -j1 and -j2");
        assert_eq!(a, d.read(&format!("c/{name}")), "{name} differs between runs");
    }
}

#[test]
fn scans_lak_cannot_read_are_withheld_with_their_pages() {
    if !require("tesseract") {
        return;
    }
    let d = Dir::new();
    d.fixture("scans/fax.pdf", "in/fax.pdf");
    d.fixture("scans/onleesbaar.pdf", "in/onleesbaar.pdf");
    let run = d.lak(&["redact", "in", "--out", "out", "--review", "review"]);
    assert_eq!(run.code, 3, "manual handling has its own exit code: {}", run.stderr);
    let report = d.report("review");
    let fax = &document(&report, "fax.pdf")["reason"];
    assert_eq!(fax["code"], "pdf_image_only");
    assert!(fax["reason"].as_str().unwrap().contains("page(s) 1: an image compressed with CCITTFaxDecode"), "{fax}");
    let unsure = &document(&report, "onleesbaar.pdf")["reason"];
    assert_eq!(unsure["code"], "ocr_low_confidence");
    assert!(unsure["reason"].as_str().unwrap().contains("page(s) 1: OCR reads unsure"), "{unsure}");
    assert!(d.documents("out").is_empty(), "withheld scans were published: {:?}", d.documents("out"));

    // A person who looked at them lets them through, marked as not checked.
    let run = d.lak(&["redact", "in", "--out", "out2", "--review", "review2", "--allow-unchecked-images"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = d.report("review2");
    for name in ["fax.pdf", "onleesbaar.pdf"] {
        let notes = document(&report, name)["notes"].to_string();
        assert!(notes.contains("NOT checked"), "{name}: {notes}");
    }
    assert_eq!(d.documents("out2").len(), 2);
}

#[test]
fn without_tesseract_scans_are_withheld_and_say_how_to_install_it() {
    let d = Dir::new();
    scans(&d);
    let out = d.lak_without_ocr(&["redact", "in", "--out", "out", "--review", "review"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    let report = d.report("review");
    for (name, pages) in
        [("brief-scan.pdf", "page(s) 1 "), ("gemengd.pdf", "page(s) 2, 3 "), ("doorzoekbaar.pdf", "page(s) 1 ")]
    {
        let reason = &document(&report, name)["reason"];
        assert_eq!(reason["code"], "pdf_image_only", "{name}");
        let why = reason["reason"].as_str().unwrap();
        assert!(why.contains(pages) && why.contains("apt-get install tesseract-ocr"), "{name}: {why}");
    }
    // The searchable scan too: its text layer does not say what its pixels show.
    assert!(d.documents("out").is_empty(), "{:?}", d.documents("out"));
}

#[test]
fn a_dossier_of_mixed_documents_with_scans_loses_every_value_of_its_scans() {
    if !tools() || !require("unzip") {
        return;
    }
    // A Woo dossier as it arrives: scanned PDFs, a phone photo of the letter, a letter with a copy of an
    // identity card pasted in, and a typed note naming the card's holder by surname only.
    let d = Dir::new();
    scans(&d);
    d.fixture("pictures/brief-foto.jpg", "in/foto-brief.jpg");
    d.fixture("office/pictures-id-kopie.docx", "in/brief-met-kopie.docx");
    d.create("in/notitie.txt", "Terugbelverzoek: Verbeek belde over de kopie van haar kaart.\n");
    let run_lak = d.lak(&["redact", "in", "--out", "out", "--review", "review"]);
    assert_eq!(run_lak.code, 0, "{}{}", run_lak.stdout, run_lak.stderr);
    let report = d.report("review");
    for name in ["brief-scan.pdf", "gemengd.pdf", "doorzoekbaar.pdf", "foto-brief.jpg", "brief-met-kopie.docx"] {
        assert_eq!(status(&report, name), "redacted", "{name}: {}", document(&report, name));
    }
    let card = ["Verbeek", "Lotte", "Marije", "12-05-1984", "NXKR7PWA3", "274918365"];
    // Independent OCR of every output: the PDFs' stored images and rendered pages, the photo, the
    // pictures unzipped from the letter.
    let mut readings: Vec<(String, String)> = Vec::new();
    for pdf in ["brief-scan.pdf", "gemengd.pdf", "doorzoekbaar.pdf"] {
        let (images, pages) = ocr_images_and_pages(&d, pdf);
        readings.push((format!("{pdf} images"), images));
        readings.push((format!("{pdf} pages"), pages));
    }
    readings.push(("foto-brief.jpg".into(), ocr(&d.join("out/foto-brief.jpg"))));
    let unzipped = d.join("unzipped");
    run(Command::new("unzip").args(["-q", "-o"]).arg(d.join("out/brief-met-kopie.docx")).arg("-d").arg(&unzipped));
    for p in files_with_prefix(&unzipped.join("word/media"), "image") {
        readings.push((format!("brief-met-kopie.docx {}", p.display()), ocr(&p)));
    }
    for (what, read) in &readings {
        let all = squeezed(read);
        for value in PLANTED.iter().chain(PLANTED_TEXT).chain(&card) {
            assert!(!all.contains(&squeezed(value)), "{what}: OCR still reads {value:?}:\n{read}");
        }
    }
    // The surname OCR confirmed on the card is gone from the typed note too.
    let note = d.read_string("out/notitie.txt");
    assert!(!note.contains("Verbeek"), "{note}");
}

#[test]
fn a_page_scanned_sideways_is_read_turned_and_its_values_are_gone() {
    if !tools() {
        return;
    }
    let d = Dir::new();
    d.fixture("scans/gedraaid.pdf", "in/gedraaid.pdf");
    let run_lak = d.lak(&["redact", "in", "--out", "out", "--review", "review"]);
    assert_eq!(run_lak.code, 0, "{}{}", run_lak.stdout, run_lak.stderr);
    let report = d.report("review");
    assert_eq!(status(&report, "gedraaid.pdf"), "redacted", "{}", document(&report, "gedraaid.pdf"));
    // The stored image is still on its side; Tesseract, left to find the orientation itself (--psm 1),
    // reads none of the values in it, and the rest of the letter.
    let work = d.join("check");
    std::fs::create_dir_all(&work).unwrap();
    run(Command::new("pdfimages").arg("-png").arg(d.join("out/gedraaid.pdf")).arg(work.join("img")));
    let images = files_with_prefix(&work, "img");
    assert_eq!(images.len(), 1);
    let read = run(Command::new("tesseract").arg(&images[0]).args(["stdout", "-l", "nld", "--psm", "1"]));
    let all = squeezed(&read);
    for value in &PLANTED[..7] {
        assert!(!all.contains(&squeezed(value)), "OCR still reads {value:?}:\n{read}");
    }
    for word in ["Voorbeeldstad", "aanvraag", "ontvangen", "beleidsmedewerker"] {
        assert!(read.contains(word), "{word:?} is no longer readable:\n{read}");
    }
    // Its text layer runs the way the text does: whole words, none of the values.
    let text = run(Command::new("pdftotext").arg(d.join("out/gedraaid.pdf")).arg("-"));
    let words: Vec<&str> = text.split_whitespace().collect();
    for word in ["Voorbeeldstad", "omgevingsvergunning", "beleidsmedewerker"] {
        assert!(words.contains(&word), "the text layer lacks {word:?}: {words:?}");
    }
    for value in &PLANTED[..7] {
        assert!(!squeezed(&text).contains(&squeezed(value)), "the text layer holds {value:?}");
    }
}

#[test]
fn with_no_text_layer_scans_carry_no_text_but_their_labels() {
    if !require("tesseract") || !require("pdftotext") {
        return;
    }
    let d = Dir::new();
    scans(&d);
    let run_lak = d.lak(&["redact", "in", "--out", "out", "--review", "review", "--no-text-layer"]);
    assert_eq!(run_lak.code, 0, "{}", run_lak.stderr);
    let report = d.report("review");
    for name in ["brief-scan.pdf", "doorzoekbaar.pdf"] {
        let text = run(Command::new("pdftotext").arg(d.join(&format!("out/{name}"))).arg("-"));
        let words: Vec<&str> = text.split_whitespace().filter(|w| !w.starts_with("5.1.")).collect();
        assert!(words.is_empty(), "{name}: text besides the labels: {words:?}");
    }
    // The searchable scan's own layer was removed, and the report says so.
    let scrubbed = document(&report, "doorzoekbaar.pdf")["scrubbed"].to_string();
    assert!(scrubbed.contains("invisible text layer of scanned page(s) 1 removed (--no-text-layer)"), "{scrubbed}");
    // The text page of the mixed PDF keeps its text.
    let text = run(Command::new("pdftotext").arg(d.join("out/gemengd.pdf")).arg("-"));
    assert!(text.contains("Verslag van de hoorzitting"), "{text}");
}
