//! Pictures (`.png`, `.jpg`) end to end: `lak redact` on a scanned letter (fixtures/pictures, built by
//! tests/build-fixtures/pictures.sh: LibreOffice renders, poppler rasterises), and every output read
//! back by independent tools: Tesseract's own command line for what a reader of the picture sees,
//! exiftool for metadata. Pictures lak cannot read well enough must not be published as checked.

mod common;

use std::process::Command;

use common::ocr::{ocr, squeezed};
use common::{Dir, document, require, status};

/// The values planted in the letter (synthetic people).
const PLANTED: &[&str] = &["Jansen", "Pieter", "Vries", "111222333", "12345678", "NL91ABNA0417164300", "Bakker"];

/// Text of the letter that is no personal data and must stay readable.
const KEPT: &[&str] = &["Voorbeeldstad", "Vergunningen", "aanvraag", "ontvangen", "beleidsmedewerker"];

fn letters(d: &Dir) {
    d.fixture("pictures/brief-scan.png", "in/brief-scan.png");
    d.fixture("pictures/brief-foto.jpg", "in/brief-foto.jpg");
}

#[test]
fn a_scanned_letter_is_redacted_in_its_pixels() {
    if !require("tesseract") || !require("exiftool") {
        return;
    }
    let d = Dir::new();
    letters(&d);
    let run = d.lak(&["redact", "in", "--out", "out", "--review", "review"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let report = d.report("review");
    for name in ["brief-scan.png", "brief-foto.jpg"] {
        assert_eq!(status(&report, name), "redacted");
        let doc = document(&report, name);
        let rules: Vec<&str> =
            doc["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
        for rule in ["bsn", "iban", "phone", "person-name"] {
            assert!(rules.contains(&rule), "{name}: no {rule} finding in {rules:?}");
        }
        // Every finding says where it is in the picture.
        assert!(doc["findings"].as_array().unwrap().iter().all(|f| f["location"]["bbox"].is_array()));
        let out = d.join(&format!("out/{name}"));
        assert!(out.exists(), "{name} was not published");
        let read = ocr(&out);
        let all = squeezed(&read);
        for value in PLANTED {
            assert!(!all.contains(&squeezed(value)), "{name}: OCR still reads {value:?} in the output:\n{read}");
        }
        for word in KEPT {
            assert!(read.contains(word), "{name}: {word:?} is gone from the output:\n{read}");
        }
    }
    // The JPEG's camera owner and GPS position are gone: exiftool finds neither, and the bytes hold no
    // trace of the owner's name.
    let meta = Command::new("exiftool").arg(d.join("out/brief-foto.jpg")).output().unwrap();
    let meta = String::from_utf8_lossy(&meta.stdout);
    assert!(!meta.contains("Hendriks") && !meta.contains("GPS"), "metadata left:\n{meta}");
    assert!(!d.read("out/brief-foto.jpg").windows(8).any(|w| w == b"Hendriks"));
    // The input is untouched.
    assert_eq!(d.read("in/brief-foto.jpg"), std::fs::read(common::fixtures().join("pictures/brief-foto.jpg")).unwrap());
}

#[test]
fn the_same_pictures_give_the_same_bytes() {
    if !require("tesseract") {
        return;
    }
    let d = Dir::new();
    letters(&d);
    for out in ["a", "b"] {
        let run = d.lak(&["redact", "in", "--out", out, "--review", &format!("review-{out}")]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    for name in ["brief-scan.png", "brief-foto.jpg"] {
        assert_eq!(d.read(&format!("a/{name}")), d.read(&format!("b/{name}")), "{name} differs between runs");
    }
}

#[test]
fn pictures_lak_cannot_read_well_enough_are_withheld() {
    if !require("tesseract") {
        return;
    }
    let d = Dir::new();
    d.fixture("pictures/te-klein.png", "in/te-klein.png");
    d.fixture("pictures/zonder-tekst.png", "in/zonder-tekst.png");
    let run = d.lak(&["redact", "in", "--out", "out", "--review", "review"]);
    assert_eq!(run.code, 3, "manual handling has its own exit code: {}", run.stderr);
    let report = d.report("review");
    assert_eq!(document(&report, "te-klein.png")["reason"]["code"], "ocr_low_confidence");
    assert_eq!(document(&report, "zonder-tekst.png")["reason"]["code"], "picture_without_text");
    assert!(d.documents("out").is_empty(), "withheld pictures were published: {:?}", d.documents("out"));

    // A person who looked at them lets them through: published encoded anew, marked as not checked.
    let run = d.lak(&["redact", "in", "--out", "out2", "--review", "review2", "--allow-unchecked-images"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = d.report("review2");
    let notes = document(&report, "zonder-tekst.png")["notes"].to_string();
    assert!(notes.contains("not checked"), "{notes}");
    assert_eq!(d.documents("out2").len(), 2);
}

#[test]
fn without_tesseract_pictures_need_manual_handling_and_say_how_to_install_it() {
    let d = Dir::new();
    d.fixture("pictures/brief-scan.png", "in/brief-scan.png");
    let out = d.lak_without_ocr(&["redact", "in", "--out", "out", "--review", "review"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    let report = d.report("review");
    let reason = &document(&report, "brief-scan.png")["reason"];
    assert_eq!(reason["code"], "ocr_unavailable");
    assert!(reason["reason"].as_str().unwrap().contains("apt-get install tesseract-ocr"));
    assert!(d.documents("out").is_empty());
}

#[test]
fn a_picture_that_is_not_what_its_name_says_is_refused() {
    let d = Dir::new();
    d.create("in/kapot.png", b"\x89PNG\r\n\x1a\nnot really a picture");
    d.create("in/tekst.jpg", b"Pieter de Vries, BSN 111222333");
    let run = d.lak(&["redact", "in", "--out", "out", "--review", "review"]);
    assert_eq!(run.code, 3);
    let report = d.report("review");
    assert_eq!(document(&report, "kapot.png")["reason"]["code"], "corrupt");
    assert_eq!(document(&report, "tekst.jpg")["reason"]["code"], "corrupt");
    assert!(d.documents("out").is_empty());
}

/// What an identity card pasted into a letter or a slide holds (tests/build-fixtures/office-pictures.sh).
const CARD: &[&str] = &["Verbeek", "Lotte", "Marije", "12-05-1984", "NXKR7PWA3", "274918365"];

/// Every picture of an Office file, unpacked by `unzip`.
fn media(d: &Dir, file: &str) -> Vec<std::path::PathBuf> {
    let dir = d.join(&format!("unzipped/{}", file.replace('/', "_")));
    std::fs::create_dir_all(&dir).unwrap();
    let o = Command::new("unzip").args(["-o", "-q"]).arg(d.join(file)).arg("-d").arg(&dir).output().unwrap();
    assert!(o.status.success(), "unzip {file}: {}", String::from_utf8_lossy(&o.stderr));
    let mut out = Vec::new();
    for sub in ["word/media", "ppt/media", "xl/media"] {
        if let Ok(rd) = std::fs::read_dir(dir.join(sub)) {
            out.extend(rd.map(|e| e.unwrap().path()));
        }
    }
    out.sort();
    out
}

#[test]
fn an_identity_card_pasted_into_a_letter_or_a_slide_is_redacted_in_its_pixels() {
    if !require("tesseract") || !require("unzip") {
        return;
    }
    let d = Dir::new();
    d.fixture("office/pictures-id-kopie.docx", "in/brief.docx");
    d.fixture("office/pictures-casus.pptx", "in/casus.pptx");
    // Before: Tesseract reads the card in both files.
    for file in ["in/brief.docx", "in/casus.pptx"] {
        let read: String = media(&d, file).iter().map(|p| ocr(p)).collect();
        assert!(squeezed(&read).contains("274918365"), "{file}: the fixture's card does not read:\n{read}");
    }
    let run = d.lak(&["redact", "in", "--out", "out", "--review", "review"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let report = d.report("review");
    for (name, part) in
        [("brief.docx", "word/media/image1.png, OCR block"), ("casus.pptx", "ppt/media/image1.png, OCR block")]
    {
        assert_eq!(status(&report, name), "redacted");
        let doc = document(&report, name);
        let findings = doc["findings"].as_array().unwrap();
        for rule in ["bsn", "id-document", "date-of-birth", "person-name"] {
            assert!(
                findings.iter().any(|f| f["rule"] == rule && f["location"]["part"].as_str().unwrap().starts_with(part)),
                "{name}: no {rule} finding in the picture: {doc}"
            );
        }
        // Tesseract reads the published pictures: the card's values are gone, its heading is not.
        let pictures = media(&d, &format!("out/{name}"));
        let read: String = pictures.iter().map(|p| ocr(p)).collect();
        for value in CARD {
            assert!(!squeezed(&read).contains(&squeezed(value)), "{name}: OCR still reads {value:?}:\n{read}");
        }
        assert!(read.contains("IDENTITEITSKAART"), "{name}: the card's heading is gone:\n{read}");
    }
    // The picture without text in the letter stays a picture, and the letter still opens in LibreOffice.
    assert_eq!(media(&d, "out/brief.docx").len(), 2);
    if require("soffice") {
        common::soffice_convert(&d, &["out/brief.docx".into()], "txt:Text", "lo");
        let text = d.read_string("lo/brief.txt");
        assert!(text.contains("De aanvraag is volledig."), "{text}");
    }
}

#[test]
fn a_number_ocr_reads_with_a_letter_for_a_digit_is_still_found() {
    if !require("tesseract") {
        return;
    }
    // The BSN 274918365 with an S for its last 5, as a misread scan gives it: the 11-proof decides on
    // the digits the letter stands for, and the report says how OCR read it.
    let d = Dir::new();
    d.fixture("pictures/verwarring.png", "in/notitie.png");
    let run = d.lak(&["redact", "in", "--out", "out", "--review", "review"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let report = d.report("review");
    let doc = document(&report, "notitie.png");
    let bsn =
        doc["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "bsn").unwrap_or_else(|| panic!("{doc}"));
    assert_eq!(bsn["text"], "274918365");
    assert!(bsn["location"]["part"].as_str().unwrap().contains("read 27491836S, letters taken for digits"), "{bsn}");
    let read = squeezed(&ocr(&d.join("out/notitie.png")));
    assert!(!read.contains("27491836") && !read.contains("48213579"), "{read}");
    assert!(read.contains("telefoonnotitie") && read.contains("aanvraag"), "{read}");
}

#[test]
fn a_letter_scanned_on_its_side_is_read_turned_and_stays_as_it_was() {
    if !require("tesseract") {
        return;
    }
    let d = Dir::new();
    d.fixture("pictures/brief-gedraaid.png", "in/gedraaid.png");
    let run = d.lak(&["redact", "in", "--out", "out", "--review", "review"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let report = d.report("review");
    assert_eq!(status(&report, "gedraaid.png"), "redacted");
    let doc = document(&report, "gedraaid.png");
    assert!(doc["notes"].to_string().contains("turned 90"), "{}", doc["notes"]);
    // The boxes are reported in the picture as it is: on its side, a line is taller than wide.
    let bsn =
        doc["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "bsn").unwrap_or_else(|| panic!("{doc}"));
    let b: Vec<f64> = bsn["location"]["bbox"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    assert!(b[3] - b[1] > b[2] - b[0], "{b:?}");
    // The output is still on its side (same size), and Tesseract, told to detect the orientation
    // itself, reads none of the values and the letter's other text.
    let (before, after) = (d.read("in/gedraaid.png"), d.read("out/gedraaid.png"));
    assert_eq!(&before[16..24], &after[16..24], "the picture's width and height changed");
    let o = Command::new("tesseract")
        .arg(d.join("out/gedraaid.png"))
        .args(["stdout", "-l", "nld", "--psm", "1"])
        .output()
        .expect("tesseract runs");
    let read = String::from_utf8_lossy(&o.stdout).into_owned();
    let all = squeezed(&read);
    for value in PLANTED {
        assert!(!all.contains(&squeezed(value)), "OCR still reads {value:?} in the output:\n{read}");
    }
    assert!(read.contains("Voorbeeldstad") && read.contains("aanvraag"), "{read}");
}

#[test]
fn a_copiers_multi_page_tiff_a_gif_and_a_bmp_are_redacted_and_written_back_in_their_own_format() {
    if !require("tesseract") {
        return;
    }
    let d = Dir::new();
    for name in ["kopieerapparaat.tif", "notitie.gif", "notitie.bmp"] {
        d.fixture(&format!("pictures/{name}"), &format!("in/{name}"));
    }
    let planted: &[(&str, &[&str])] = &[
        (
            "kopieerapparaat.tif",
            &["Femke", "Dijkstra", "123456782", "06-51728394", "Joost", "Verhoeven", "274918365", "voorbeeldmail"],
        ),
        ("notitie.gif", &["Ruben", "Hoekstra", "06-38472916"]),
        ("notitie.bmp", &["Ruben", "Hoekstra", "06-38472916"]),
    ];
    // Before: Tesseract reads every value (all pages of the TIFF).
    for (name, values) in planted {
        let read = squeezed(&ocr(&d.join(&format!("in/{name}"))));
        for v in *values {
            assert!(read.contains(&squeezed(v)), "{name}: the fixture does not read {v:?}");
        }
    }
    let run = d.lak(&["redact", "in", "--out", "out", "--review", "review"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let report = d.report("review");
    for (name, values) in planted {
        assert_eq!(status(&report, name), "redacted", "{name}");
        let out = d.read(&format!("out/{name}"));
        let magic: &[u8] = match &name[name.len() - 3..] {
            "tif" => b"II*\0",
            "gif" => b"GIF8",
            _ => b"BM",
        };
        assert!(out.starts_with(magic), "{name}: not written back in its own format");
        let read = ocr(&d.join(&format!("out/{name}")));
        for v in *values {
            assert!(!squeezed(&read).contains(&squeezed(v)), "{name}: OCR still reads {v:?}:\n{read}");
        }
        assert!(read.contains("Telefoon") || read.contains("Aanvraagformulier"), "{name}: its text is gone:\n{read}");
    }
    // The TIFF keeps its three pages (Tesseract separates pages with a form feed); findings say their page.
    let read = ocr(&d.join("out/kopieerapparaat.tif"));
    assert_eq!(read.trim_end_matches('\u{c}').split('\u{c}').count(), 3, "three pages:\n{read:?}");
    assert!(read.contains("Aanvraagformulier") && read.contains("Burgerzaken"), "{read}");
    let doc = document(&report, "kopieerapparaat.tif");
    let pages: Vec<u64> =
        doc["findings"].as_array().unwrap().iter().map(|f| f["location"]["page"].as_u64().unwrap()).collect();
    assert!(pages.contains(&1) && pages.contains(&3) && !pages.contains(&2), "{pages:?}");
    assert!(doc["notes"].to_string().contains("page(s) 2 blank"), "{}", doc["notes"]);
}

#[test]
fn an_animated_gif_is_refused_not_flattened() {
    let d = Dir::new();
    // Two 1 × 1 frames (GIF89a, a global palette of two colours, two image descriptors).
    let frame = |colour: u8| -> Vec<u8> {
        let mut f = vec![0x21, 0xF9, 4, 0, 10, 0, 0, 0]; // graphic control: 0.1 s
        f.extend([0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0]); // image descriptor 1 × 1
        f.extend([2, 2, 0x44 | colour, 0x01, 0]); // LZW min code size 2, one data block
        f
    };
    let mut gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff".to_vec();
    gif.extend(frame(0));
    gif.extend(frame(0));
    gif.push(0x3B);
    d.create("in/bewegend.gif", &gif);
    let run = d.lak(&["redact", "in", "--out", "out", "--review", "review"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    let report = d.report("review");
    let reason = &document(&report, "bewegend.gif")["reason"];
    assert!(
        reason["code"] == "unsupported_content" && reason["reason"].as_str().unwrap().contains("animated GIF"),
        "{reason}"
    );
}

#[test]
fn a_bitmap_inside_an_emf_picture_is_read_and_a_value_in_it_withholds_the_document() {
    if !require("tesseract") {
        return;
    }
    let d = Dir::new();
    // tests/build-fixtures/office-emf-bitmaps.py: EMFs whose only record draws a bitmap.
    d.fixture("office/word-emf-bitmap.docx", "in/notitie.docx");
    d.fixture("office/word-emf-bitmap-logo.docx", "in/briefpapier.docx");
    let run = d.lak(&["redact", "in", "--out", "out", "--review", "review"]);
    assert_eq!(run.code, 3, "{}{}", run.stdout, run.stderr);
    let report = d.report("review");
    // The note's name and mobile number are pixels in the EMF: found by OCR, and lak, which does not
    // redact inside metafile bitmaps, withholds the letter.
    let reason = &document(&report, "notitie.docx")["reason"];
    assert_eq!(reason["code"], "unsupported_content", "{reason}");
    let why = reason["reason"].as_str().unwrap();
    assert!(why.contains("word/media/image1.emf") && why.contains("bitmap 1"), "{why}");
    // A bitmap with no personal data in it is read and passes.
    assert_eq!(status(&report, "briefpapier.docx"), "redacted");
    let notes = document(&report, "briefpapier.docx")["notes"].to_string();
    assert!(notes.contains("bitmaps inside EMF/WMF pictures read by OCR"), "{notes}");
    assert_eq!(d.documents("out"), vec!["briefpapier.docx".to_string()]);

    // Without Tesseract the bitmaps are not read, and the notes say so.
    let run = d.lak_without_ocr(&["redact", "in", "--out", "out2", "--review", "review2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let notes = document(&d.report("review2"), "notitie.docx")["notes"].to_string();
    assert!(notes.contains("bitmaps inside EMF/WMF pictures not read: no Tesseract"), "{notes}");
}

/// The picture fingerprints a reason names (`sha256:` and 64 hexadecimal digits).
fn fingerprints(reason: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = reason;
    while let Some(at) = rest.find("sha256:") {
        let hex: String = rest[at + 7..].chars().take_while(char::is_ascii_hexdigit).collect();
        if hex.len() == 64 {
            out.push(format!("sha256:{hex}"));
        }
        rest = &rest[at + 7..];
    }
    out
}

#[test]
fn a_picture_a_person_has_checked_is_listed_by_its_fingerprint_and_then_published() {
    if !require("tesseract") {
        return;
    }
    let d = Dir::new();
    // Both read unsure: a picture file, and a picture on a PDF text page.
    d.fixture("pictures/te-klein.png", "in/te-klein.png");
    d.fixture("pdf/pictures-onleesbaar.pdf", "in/brief.pdf");
    let run = d.lak(&["redact", "in", "--out", "out", "--review", "review"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    let report = d.report("review");
    let mut prints = Vec::new();
    for name in ["te-klein.png", "brief.pdf"] {
        let reason = &document(&report, name)["reason"];
        assert_eq!(reason["code"], "ocr_low_confidence", "{name}: {reason}");
        let why = reason["reason"].as_str().unwrap();
        assert!(why.contains("--checked-pictures"), "{name}: the reason says what to do: {why}");
        let found = fingerprints(why);
        assert_eq!(found.len(), 1, "{name}: {why}");
        prints.extend(found);
    }
    // A person looked at both and lists them; the same pixels pass in the next run, unread.
    let list = format!("# checked by the Woo team\n{}  logo van de afdeling\n\n{}\n", prints[0], prints[1]);
    d.create("gecontroleerd.txt", list.as_bytes());
    let run =
        d.lak(&["redact", "in", "--out", "out2", "--review", "review2", "--checked-pictures", "gecontroleerd.txt"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let report = d.report("review2");
    for name in ["te-klein.png", "brief.pdf"] {
        let notes = document(&report, name)["notes"].to_string();
        assert!(notes.contains("checked by a person"), "{name}: {notes}");
    }
    assert_eq!(d.documents("out2").len(), 2);

    // A line that is no fingerprint is a usage error that names the line.
    d.create("fout.txt", b"sha256:1234\n");
    let run = d.lak(&["redact", "in", "--out", "out3", "--review", "review3", "--checked-pictures", "fout.txt"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("line 1"), "{}", run.stderr);
}

#[test]
fn a_gif_whose_screen_is_huge_is_refused_before_any_canvas_is_made() {
    let d = Dir::new();
    // A logical screen of 65535 × 65535 (17 GB of canvas) around one 1 × 1 frame: 30 bytes.
    let mut gif = b"GIF89a\xff\xff\xff\xff\x80\x00\x00\x00\x00\x00\xff\xff\xff".to_vec();
    gif.extend([0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0, 0x3B]);
    d.create("in/bom.gif", &gif);
    let run = d.lak(&["redact", "in", "--out", "out", "--review", "review"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    let report = d.report("review");
    assert_eq!(document(&report, "bom.gif")["reason"]["code"], "too_large");
}

#[test]
fn when_tesseract_fails_on_a_picture_the_document_is_withheld_in_every_format() {
    let d = Dir::new();
    // A Tesseract that installs fine (version, Dutch and English) and then fails on every picture.
    let fake = d.join("tesseract");
    d.create(
        "tesseract",
        b"#!/bin/sh\ncase \"$1\" in\n  --version) echo 'tesseract 5.3.0' ;;\n  --list-langs) printf 'List of available languages:\\nnld\\neng\\n' ;;\n  *) echo 'Segmentation fault' >&2; exit 139 ;;\nesac\n",
    );
    let mut perm = std::fs::metadata(&fake).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perm, 0o755);
    std::fs::set_permissions(&fake, perm).unwrap();
    d.fixture("pictures/brief-scan.png", "in/brief-scan.png");
    d.fixture("scans/brief-scan.pdf", "in/scan.pdf");
    d.fixture("pdf/pictures-id-kopie.pdf", "in/brief-met-kaart.pdf");
    d.fixture("office/pictures-id-kopie.docx", "in/brief-met-kaart.docx");
    d.fixture("office/word-emf-bitmap-logo.docx", "in/briefpapier.docx");
    let run = d.lak_with_tesseract(&fake, &["redact", "in", "--out", "out", "--review", "review"]);
    assert_eq!(run.code, 3, "{}{}", run.stdout, run.stderr);
    let report = d.report("review");
    for name in ["brief-scan.png", "scan.pdf", "brief-met-kaart.pdf", "brief-met-kaart.docx", "briefpapier.docx"] {
        assert_eq!(document(&report, name)["reason"]["code"], "ocr_failed", "{name}: {}", document(&report, name));
    }
    assert!(d.documents("out").is_empty(), "{:?}", d.documents("out"));
}

/// A Word document whose pasted picture is a WebP, which lak does not read with OCR: its text would be
/// published unchecked, so the document needs a person; `--allow-unchecked-images` lets it through
/// (the picture kept, without metadata, and said so), `--drop-embedded` removes the picture.
/// The package of fixture `fixture` with part `part` changed by `change`.
fn with_part(fixture: &str, part: &str, change: impl Fn(&mut Vec<u8>)) -> Vec<u8> {
    use std::io::{Cursor, Read, Write};
    let original = std::fs::read(common::fixtures().join(fixture)).unwrap();
    let mut z = zip::ZipArchive::new(Cursor::new(original)).unwrap();
    let names: Vec<String> = z.file_names().map(|s| s.unwrap().to_string()).collect();
    assert!(names.iter().any(|n| n == part), "{fixture} has no {part}");
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for name in &names {
        let mut data = Vec::new();
        z.by_name(name).unwrap().read_to_end(&mut data).unwrap();
        if name == part {
            change(&mut data);
        }
        w.start_file(name.clone(), zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(&data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn a_picture_lak_cannot_read_with_ocr_withholds_the_document_unless_allowed() {
    // An 8 × 8 white lossless WebP (Pillow).
    const WEBP: &[u8] = &[
        82, 73, 70, 70, 30, 0, 0, 0, 87, 69, 66, 80, 86, 80, 56, 76, 17, 0, 0, 0, 47, 7, 192, 1, 0, 7, 208, 255, 254,
        247, 191, 255, 129, 136, 232, 127, 0, 0,
    ];
    let docx = with_part("office/pictures-id-kopie.docx", "word/media/image1.png", |data| *data = WEBP.to_vec());
    let d = Dir::new();
    d.create("in/brief-webp.docx", &docx);
    let run = d.lak(&["redact", "in", "--out", "out", "--review", "review"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    let report = d.report("review");
    let reason = &document(&report, "brief-webp.docx")["reason"];
    assert_eq!(reason["code"], "unsupported_content", "{reason}");
    assert!(reason["reason"].as_str().unwrap().contains("WebP"), "{reason}");
    assert!(d.documents("out").is_empty());

    let d2 = Dir::new();
    d2.create("in/brief-webp.docx", &docx);
    let run = d2.lak(&["redact", "in", "--out", "out", "--review", "review", "--allow-unchecked-images"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = d2.report("review");
    assert_eq!(status(&report, "brief-webp.docx"), "redacted");
    assert!(document(&report, "brief-webp.docx")["notes"].to_string().contains("kept unread"), "{report}");
}

/// A bitmap inside an EMF picture that lak cannot decode is text no one checked, as an Office picture
/// lak cannot read is: the document is withheld (`unsupported_content`, naming the picture and the
/// bitmap), unless `--allow-unchecked-images` keeps it unread with a note or `--drop-embedded` removes
/// the picture. Before, it was kept with a note and the document counted as redacted.
#[test]
fn a_bitmap_inside_an_emf_picture_lak_cannot_decode_withholds_the_document_unless_allowed() {
    use std::io::Cursor;
    // The EMR_STRETCHDIBITS record (type 81): its BITMAPINFOHEADER size becomes one no bitmap format has.
    let docx = with_part("office/word-emf-bitmap-logo.docx", "word/media/image1.emf", |data| {
        let u32_at = |b: &[u8], at: usize| u32::from_le_bytes(b[at..at + 4].try_into().unwrap()) as usize;
        let mut at = 0;
        while u32_at(data, at) != 81 {
            at += u32_at(data, at + 4);
        }
        let info = at + u32_at(data, at + 48);
        assert_eq!(u32_at(data, info), 40, "a BITMAPINFOHEADER");
        data[info..info + 4].copy_from_slice(&99u32.to_le_bytes());
    });
    let d = Dir::new();
    d.create("in/briefpapier.docx", &docx);
    let run = d.lak(&["redact", "in", "--out", "out", "--review", "review"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    let report = d.report("review");
    let reason = &document(&report, "briefpapier.docx")["reason"];
    assert_eq!(reason["code"], "unsupported_content", "{reason}");
    let why = reason["reason"].as_str().unwrap();
    assert!(why.contains("word/media/image1.emf") && why.contains("bitmap 1"), "{why}");
    assert!(d.documents("out").is_empty());

    let run = d.lak(&["redact", "in", "--out", "out2", "--review", "review2", "--allow-unchecked-images"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = d.report("review2");
    assert_eq!(status(&report, "briefpapier.docx"), "redacted");
    assert!(document(&report, "briefpapier.docx")["notes"].to_string().contains("kept unread"), "{report}");

    let run = d.lak(&["redact", "in", "--out", "out3", "--review", "review3", "--drop-embedded"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(status(&d.report("review3"), "briefpapier.docx"), "redacted");
    let out = std::fs::read(d.join("out3/briefpapier.docx")).unwrap();
    let z = zip::ZipArchive::new(Cursor::new(out)).unwrap();
    assert!(!z.file_names().any(|n| n.unwrap().ends_with(".emf")), "the picture is removed");
}
