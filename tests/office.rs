//! DOCX, XLSX and PPTX through the real binary: every hiding place of `fixtures/office/` (see its
//! README) is redacted, and an independent check — every entry of the output zip decompressed here with
//! the `zip` crate, nested packages too, plus the raw file bytes — proves the planted value is gone while
//! the text around it and its formatting stay.

mod common;

use std::io::{Cursor, Read};

use common::{Dir, require, status};

/// Every entry of a zip, decompressed, recursing into zips inside it (`outer!inner` names).
fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("output is a zip");
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if data.starts_with(b"PK\x03\x04") {
            for (inner, d) in parts(&data) {
                out.push((format!("{name}!{inner}"), d));
            }
        }
        out.push((name, data));
    }
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Fails if `value` is in the file or in any decompressed part.
fn assert_gone(file: &[u8], value: &str) {
    assert!(!contains(file, value.as_bytes()), "{value:?} in the raw file");
    for (name, data) in parts(file) {
        assert!(!contains(&data, value.as_bytes()), "{value:?} left in {name}");
    }
}

/// The text of one part.
fn part(file: &[u8], name: &str) -> String {
    let (_, data) =
        parts(file).into_iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("{name} not in the output"));
    String::from_utf8(data).unwrap()
}

fn has_part(file: &[u8], name: &str) -> bool {
    parts(file).iter().any(|(n, _)| n == name)
}

/// Redacts one fixture (path under `fixtures/`) in a fresh folder; returns the folder, the output and
/// the report.
fn redact(fixture: &str, extra: &[&str]) -> (Dir, Vec<u8>, serde_json::Value) {
    let d = Dir::new();
    let file = fixture.rsplit('/').next().unwrap();
    d.fixture(fixture, &format!("in/{file}"));
    let mut args = vec!["redact", "in", "--out", "uit"];
    args.extend(extra);
    let out = d.lak(&args);
    assert_eq!(out.code, 0, "{out:?}");
    let r = d.report("uit-review");
    assert_eq!(status(&r, file), "redacted");
    let bytes = d.read(&format!("uit/{file}"));
    (d, bytes, r)
}

fn doc_list(r: &serde_json::Value, key: &str) -> Vec<String> {
    r["documents"][0][key].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect()
}

const SHADED: &str = "w:fill=\"000000\"";

// ------------------------------------------------------------------------------------------ Word

#[test]
fn docx_name_split_over_runs_with_different_formatting() {
    let (_, out, _) = redact("office/word-basis.docx", &[]);
    assert_gone(&out, "Berg");
    let doc = part(&out, "word/document.xml");
    assert!(doc.contains("Geachte mevrouw "), "{doc}");
    // The italic and bold runs that held the name are still there (emptied), the marker has its own
    // black-shaded run with the bold run's formatting.
    assert!(doc.contains("<w:i/>") && doc.contains("<w:b/>"), "{doc}");
    assert!(
        doc.contains(&format!("<w:b/><w:color w:val=\"FFFFFF\"/><w:shd w:val=\"clear\" w:color=\"auto\" {SHADED}/>"))
            || doc.contains(&format!(
                "<w:i/><w:color w:val=\"FFFFFF\"/><w:shd w:val=\"clear\" w:color=\"auto\" {SHADED}/>"
            )),
        "{doc}"
    );
    assert!(doc.contains(">[5.1.2e]</w:t>"), "{doc}");
}

#[test]
fn docx_table_header_footer() {
    let (_, out, _) = redact("office/word-basis.docx", &[]);
    for v in ["234567806", "Kees Kok", "06-11223344"] {
        assert_gone(&out, v);
    }
    assert!(part(&out, "word/document.xml").contains("Omschrijving"));
    let header = parts(&out)
        .into_iter()
        .find(|(n, _)| n.starts_with("word/header"))
        .map(|(_, d)| String::from_utf8(d).unwrap())
        .unwrap();
    assert!(header.contains("Behandelaar: "), "{header}");
    let footer = parts(&out)
        .into_iter()
        .find(|(n, _)| n.starts_with("word/footer"))
        .map(|(_, d)| String::from_utf8(d).unwrap())
        .unwrap();
    assert!(footer.contains("Telefoon "), "{footer}");
}

#[test]
fn docx_hyperlink_target_in_rels() {
    let (_, out, _) = redact("office/word-basis.docx", &[]);
    assert_gone(&out, "eva.dijkstra");
    assert!(part(&out, "word/document.xml").contains("stuur een e-mail"));
    assert!(part(&out, "word/_rels/document.xml.rels").contains("mailto:"));
}

#[test]
fn docx_alt_text_and_picture_metadata() {
    let (d, out, r) = redact("office/word-basis.docx", &[]);
    assert_gone(&out, "Jeroen Schouten");
    assert_gone(&out, "Hanneke Prins");
    assert!(part(&out, "word/document.xml").contains("descr=\"Foto van [5.1.2e]\""));
    assert!(doc_list(&r, "scrubbed").iter().any(|s| s.starts_with("picture metadata")), "{r}");
    if require("exiftool") {
        let media = parts(&out).into_iter().find(|(n, _)| n.starts_with("word/media/")).unwrap();
        let p = d.create("foto.jpg", &media.1);
        let x = std::process::Command::new("exiftool").arg(&p).output().unwrap();
        let x = String::from_utf8_lossy(&x.stdout);
        for field in ["GPS", "Artist", "Creator", "Comment", "Make"] {
            assert!(!x.contains(field), "{field} still in the picture:\n{x}");
        }
        assert!(x.contains("Image Width"), "{x}");
    }
}

#[test]
fn docx_core_app_custom_properties_and_thumbnail() {
    let (_, out, r) = redact("office/word-basis.docx", &[]);
    for v in ["Karel Appelboom", "Willemijn Hoekstra", "Lars de Wit", "Hoekstra BV", "Ruud Kuipers", "Ingrid Vos"] {
        assert_gone(&out, v);
    }
    assert!(!has_part(&out, "docProps/custom.xml"));
    assert!(!parts(&out).iter().any(|(n, _)| n.starts_with("docProps/thumbnail")));
    assert!(!part(&out, "_rels/.rels").contains("thumbnail"));
    assert!(!part(&out, "[Content_Types].xml").contains("custom.xml"));
    assert!(part(&out, "docProps/core.xml").contains("Besluit op aanvraag"));
    let s = doc_list(&r, "scrubbed");
    for want in ["thumbnail", "custom document properties", "author (dc:creator)", "company"] {
        assert!(s.iter().any(|x| x.contains(want)), "{want}: {s:?}");
    }
}

#[test]
fn docx_rsids_removed() {
    let (_, out, _) = redact("office/word-basis.docx", &[]);
    for (name, data) in parts(&out) {
        if name.starts_with("word/") && name.ends_with(".xml") {
            assert!(!contains(&data, b"w:rsid"), "rsid left in {name}");
        }
    }
}

#[test]
fn docx_tracked_changes_resolved() {
    let (_, out, _) = redact("office/word-verborgen.docx", &[]);
    for v in ["789123411", "Annelies Verbeek", "Sanne de Graaf", "w:author", "w:date", "<w:del ", "<w:ins ", "delText"]
    {
        assert_gone(&out, v);
    }
    let doc = part(&out, "word/document.xml");
    assert!(doc.contains("Besluit over de aanvraag van "), "{doc}");
    assert!(doc.contains("aanvrager "), "{doc}");
}

#[test]
fn docx_comments_and_their_authors_removed() {
    let (_, out, r) = redact("office/word-verborgen.docx", &[]);
    for v in ["Marloes Brouwer", "Lotte Dekker", "06-22334455", "commentReference", "commentRangeStart"] {
        assert_gone(&out, v);
    }
    for p in ["word/comments.xml", "word/people.xml", "word/commentsExtended.xml"] {
        assert!(!has_part(&out, p), "{p}");
    }
    assert!(!part(&out, "word/_rels/document.xml.rels").contains("comments"));
    assert!(part(&out, "word/document.xml").contains("De aanvraag is compleet."));
    assert!(doc_list(&r, "scrubbed").iter().any(|s| s.contains("comments")));
}

#[test]
fn docx_hidden_text() {
    let (_, out, r) = redact("office/word-verborgen.docx", &[]);
    assert_gone(&out, "345678904");
    let doc = part(&out, "word/document.xml");
    assert!(doc.contains("Zichtbare tekst. ") && doc.contains("Verborgen: "), "{doc}");
    assert!(doc_list(&r, "notes").iter().any(|n| n.contains("hidden text")), "{r}");
}

#[test]
fn docx_field_codes() {
    let (_, out, _) = redact("office/word-verborgen.docx", &[]);
    assert_gone(&out, "fleur.visser");
    assert_gone(&out, "456789108");
    let doc = part(&out, "word/document.xml");
    assert!(doc.contains(" HYPERLINK &quot;mailto:[5.1.2e]&quot; "), "{doc}");
    assert!(doc.contains("mail de behandelaar") && doc.contains("zie kenmerk"), "{doc}");
}

#[test]
fn docx_bookmark_names_and_document_variables() {
    let (_, out, _) = redact("office/word-verborgen.docx", &[]);
    assert_gone(&out, "Jansen");
    assert_gone(&out, "567891203");
    assert!(part(&out, "word/document.xml").contains("Bladwijzer"));
    assert!(part(&out, "word/settings.xml").contains("w:docVar w:name=\"Aanvrager\""));
}

#[test]
fn docx_content_control_bound_to_custom_xml() {
    let (_, out, _) = redact("office/word-verborgen.docx", &[]);
    assert_gone(&out, "192837400");
    assert_gone(&out, "Noor Smit");
    assert!(part(&out, "word/document.xml").contains("w:dataBinding"));
    assert!(part(&out, "customXml/item2.xml").contains("<bsn>[5.1.1e]</bsn>"));
}

#[test]
fn docx_footnotes_and_endnotes() {
    let (_, out, _) = redact("office/word-verborgen.docx", &[]);
    assert_gone(&out, "283746506");
    assert_gone(&out, "06-33445566");
    assert!(part(&out, "word/footnotes.xml").contains("Zie dossier van"));
    assert!(part(&out, "word/endnotes.xml").contains("Bereikbaar via "));
}

#[test]
fn docx_text_box_in_choice_and_fallback() {
    let (_, out, r) = redact("office/word-verborgen.docx", &[]);
    assert_gone(&out, "Daan Mulder");
    assert_gone(&out, "891234500");
    let doc = part(&out, "word/document.xml");
    assert_eq!(doc.matches("Contactpersoon: ").count(), 2, "{doc}");
    assert!(doc.contains("<mc:Fallback>"));
    assert!(doc_list(&r, "notes").iter().any(|n| n.contains("text boxes")));
}

#[test]
fn docx_attached_template_path() {
    let (_, out, _) = redact("office/word-verborgen.docx", &[]);
    assert_gone(&out, "jvdberg");
    assert_gone(&out, "attachedTemplate");
}

#[test]
fn docx_smartart_chart_cache_glossary() {
    let (_, out, _) = redact("office/word-verborgen.docx", &[]);
    for v in ["Tim Hermans", "Lisa Kramer", "Rik Willems", "Vincent Lammers"] {
        assert_gone(&out, v);
    }
    assert!(part(&out, "word/diagrams/data1.xml").contains("Projectleider "));
    assert!(part(&out, "word/glossary/document.xml").contains("Sjabloontekst voor "));
}

#[test]
fn docm_macros_removed() {
    let (_, out, r) = redact("office/word-macro.docm", &[]);
    assert!(!has_part(&out, "word/vbaProject.bin"));
    assert!(!part(&out, "word/_rels/document.xml.rels").contains("vbaProject"));
    assert_gone(&out, "Sophie Hendriks");
    assert_gone(&out, "AutoOpen");
    assert!(part(&out, "word/document.xml").contains("Macrobrief voor de heer "));
    assert!(doc_list(&r, "scrubbed").iter().any(|s| s.contains("VBA")));
}

#[test]
fn docx_ole_object_needs_manual_handling_unless_dropped() {
    let d = Dir::new();
    d.fixture("office/word-ole.docx", "in/word-ole.docx");
    let out = d.lak(&["redact", "in", "--out", "uit"]);
    assert_eq!(out.code, 3, "{out:?}");
    assert!(!d.join("uit/word-ole.docx").exists());
    let r = d.report("uit-review");
    assert_eq!(r["documents"][0]["reason"]["code"], "embedded_object");

    let (_, out, r) = redact("office/word-ole.docx", &["--drop-embedded"]);
    assert!(!parts(&out).iter().any(|(n, _)| n.ends_with(".bin") || n.ends_with(".emf")));
    assert_gone(&out, "Hermsen");
    assert_gone(&out, "465564707");
    assert!(doc_list(&r, "scrubbed").iter().any(|s| s.contains("--drop-embedded")));
}

// ----------------------------------------------------------------------------------------- Excel

#[test]
fn xlsx_numeric_bsn_cell_becomes_an_inline_string_marker() {
    let (_, out, _) = redact("office/excel-basis.xlsx", &[]);
    for v in ["384756608", "475665703", "NL91ABNA0417164300", "06-44556677"] {
        assert_gone(&out, v);
    }
    let sheet = part(&out, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains("<c r=\"B2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">[5.1.1e]</t></is></c>"),
        "{sheet}"
    );
}

#[test]
fn xlsx_rich_text_inline_strings_and_cached_formula_values() {
    let (_, out, _) = redact("office/excel-basis.xlsx", &[]);
    for v in ["Yara", "Bakker", "Femke Peters", "Mila Jacobs"] {
        assert_gone(&out, v);
    }
    let sheet = part(&out, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("Mevrouw ") && sheet.contains("<b val=\"1\"/>"), "{sheet}");
    assert!(sheet.contains("Behandeld door [5.1.2e]"), "{sheet}");
    // The formula whose cached value was redacted is gone, so recalculation cannot restore it.
    assert!(sheet.contains("<c r=\"E2\" t=\"str\"><v>[5.1.2e]</v></c>"), "{sheet}");
}

#[test]
fn xlsx_hidden_sheets_rows_and_columns() {
    let (_, out, r) = redact("office/excel-basis.xlsx", &[]);
    for v in ["Niels Koster", "566574809", "Stijn Vermeulen", "657483904", "Julia Maas"] {
        assert_gone(&out, v);
    }
    assert!(part(&out, "xl/workbook.xml").contains("state=\"hidden\""));
    let notes = doc_list(&r, "notes");
    for want in ["hidden sheets", "hidden rows", "hidden columns"] {
        assert!(notes.iter().any(|n| n.contains(want)), "{want}: {notes:?}");
    }
}

#[test]
fn xlsx_header_footer_and_data_validation() {
    let (_, out, _) = redact("office/excel-basis.xlsx", &[]);
    for v in ["Ruben Smits", "Tess Hoekstra", "Lucas Meijer"] {
        assert_gone(&out, v);
    }
    let sheet = part(&out, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("Behandelaar: [5.1.2e]") && sheet.contains("<formula1>"), "{sheet}");
}

#[test]
fn xlsx_comments_removed() {
    let (_, out, _) = redact("office/excel-basis.xlsx", &[]);
    for v in ["Sem Kuijpers", "Roos Wouters", "legacyDrawing"] {
        assert_gone(&out, v);
    }
    assert!(!parts(&out).iter().any(|(n, _)| n.contains("comment") || n.ends_with(".vml")));
}

#[test]
fn xlsx_sheet_name_renamed_consistently() {
    let (_, out, r) = redact("office/excel-basis.xlsx", &[]);
    assert_gone(&out, "Jansen");
    let wb = part(&out, "xl/workbook.xml");
    assert!(wb.contains("name=\"Dossier (5.1.2e)\""), "{wb}");
    assert!(wb.contains("&apos;Dossier (5.1.2e)&apos;!$A$1"), "{wb}");
    assert!(doc_list(&r, "scrubbed").iter().any(|s| s.contains("sheet names")));
    let f = common::findings(&r, "excel-basis.xlsx");
    assert!(f.iter().any(|(_, t, _)| t == "Jansen"));
    // Locations name the sheet and cell.
    let loc = r["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["text"] == "384756608")
        .unwrap()["location"]
        .clone();
    assert_eq!(loc["sheet"], "Aanvragers");
    assert_eq!(loc["cell"], "B2");
}

#[test]
fn xlsx_properties() {
    let (_, out, _) = redact("office/excel-basis.xlsx", &[]);
    assert_gone(&out, "Bas van Dijk");
    assert_gone(&out, "Eline Mertens");
}

#[test]
fn xlsx_pivot_cache() {
    let (_, out, _) = redact("office/excel-verborgen.xlsx", &[]);
    for v in ["Daan de Groot", "Sara Willemsen", "910283709", "102938404"] {
        assert_gone(&out, v);
    }
    let rec = part(&out, "xl/pivotCache/pivotCacheRecords1.xml");
    assert!(rec.contains("<s v=\"[5.1.1e]\"/>") && rec.contains("<x v=\"0\"/>"), "{rec}");
}

#[test]
fn xlsx_external_link_path_and_cached_values() {
    let (_, out, r) = redact("office/excel-verborgen.xlsx", &[]);
    assert_gone(&out, "mschipper");
    assert_gone(&out, "Milan Schipper");
    assert!(doc_list(&r, "scrubbed").iter().any(|s| s.contains("external file paths")));
}

#[test]
fn xlsx_threaded_comments_and_persons_removed() {
    let (_, out, _) = redact("office/excel-verborgen.xlsx", &[]);
    assert_gone(&out, "Jesse Bosman");
    assert_gone(&out, "Iris Timmermans");
    assert!(!parts(&out).iter().any(|(n, _)| n.contains("threadedComments") || n.contains("persons")));
}

// ------------------------------------------------------------------------------------ PowerPoint

#[test]
fn pptx_slide_text_split_over_runs() {
    let (_, out, r) = redact("office/presentatie-basis.pptx", &[]);
    assert_gone(&out, "Smeets");
    assert_gone(&out, "Vera ");
    let slide = part(&out, "ppt/slides/slide1.xml");
    assert!(slide.contains("Overleg met ") && slide.contains("Kenmerk 2024-001"), "{slide}");
    assert!(slide.contains("b=\"1\"") && slide.contains("i=\"1\""), "{slide}");
    let first = &r["documents"][0]["findings"][0]["location"];
    assert!(first["part"].as_str().is_some(), "{first}");
}

#[test]
fn pptx_speaker_notes() {
    let (_, out, r) = redact("office/presentatie-basis.pptx", &[]);
    assert_gone(&out, "06-55667788");
    assert_gone(&out, "829100106");
    let notes = parts(&out)
        .into_iter()
        .find(|(n, _)| n.starts_with("ppt/notesSlides/notesSlide"))
        .map(|(_, d)| String::from_utf8(d).unwrap())
        .unwrap();
    assert!(notes.contains("Spreker: bel "), "{notes}");
    let f =
        r["documents"][0]["findings"].as_array().unwrap().iter().find(|f| f["text"] == "829100106").unwrap().clone();
    assert_eq!(f["location"]["page"], 1, "{f}");
}

#[test]
fn pptx_hidden_slide_and_off_slide_shape() {
    let (_, out, r) = redact("office/presentatie-basis.pptx", &[]);
    assert_gone(&out, "Gijs Postma");
    assert_gone(&out, "anouk.vos");
    assert!(part(&out, "ppt/slides/slide2.xml").contains("show=\"0\""));
    let notes = doc_list(&r, "notes");
    assert!(notes.iter().any(|n| n.contains("hidden slides")), "{notes:?}");
    assert!(notes.iter().any(|n| n.contains("outside the visible slide")), "{notes:?}");
}

#[test]
fn pptx_chart_cache_and_embedded_workbook() {
    let (_, out, _) = redact("office/presentatie-basis.pptx", &[]);
    assert_gone(&out, "Bart Huisman");
    assert!(parts(&out).iter().any(|(n, _)| n.contains(".xlsx!xl/")));
}

#[test]
fn pptx_layouts_masters_alt_text_picture_comments_properties() {
    let (_, out, _) = redact("office/presentatie-basis.pptx", &[]);
    for v in ["Hugo Dijkman", "Nina Claassen", "Maud Kuiper", "Jasper Kok", "Bente Wouters", "Tijn Bosch"] {
        assert_gone(&out, v);
    }
    assert!(!has_part(&out, "ppt/commentAuthors.xml"));
    assert!(!has_part(&out, "ppt/comments/comment1.xml"));
    assert!(part(&out, "ppt/slideLayouts/slideLayout1.xml").contains("Sjabloon van "));
}

// ------------------------------------------------------------------------------ LibreOffice files

#[test]
fn files_written_by_libreoffice() {
    for (f, values) in [
        ("office/libreoffice-brief.docx", &["Eva de Jong", "293847502"][..]),
        ("office/libreoffice-lijst.xlsx", &["Thomas van Leeuwen", "738291006"][..]),
        ("office/libreoffice-dia.pptx", &["Fenna Lammers", "647382908"][..]),
    ] {
        let (_, out, _) = redact(f, &[]);
        for v in values {
            assert_gone(&out, v);
        }
    }
}

// ------------------------------------------------------------------------------------- refusals

#[test]
fn hostile_packages_need_manual_handling() {
    let d = Dir::new();
    for f in ["versleuteld.docx", "zipbom.xlsx", "zipslip.docx", "dubbel.docx", "dtd.docx"] {
        d.fixture(&format!("office/adversarial/{f}"), &format!("in/{f}"));
    }
    let out = d.lak(&["redact", "in", "--out", "uit"]);
    assert_eq!(out.code, 3, "{out:?}");
    assert!(d.documents("uit").is_empty(), "{:?}", d.documents("uit"));
    let r = d.report("uit-review");
    let code = |f: &str| {
        r["documents"].as_array().unwrap().iter().find(|x| x["path"].as_str().unwrap().ends_with(f)).unwrap()["reason"]
            ["code"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(code("versleuteld.docx"), "encrypted");
    assert_eq!(code("zipbom.xlsx"), "zip_limit");
    assert_eq!(code("zipslip.docx"), "unsafe_path");
    assert_eq!(code("dubbel.docx"), "duplicate_entry");
    assert_eq!(code("dtd.docx"), "xml_dtd");
}

// ------------------------------------------------------------------------- validity, whole folder

const MIXED: [&str; 14] = [
    "word-basis.docx",
    "word-verborgen.docx",
    "word-macro.docm",
    "word-ole.docx",
    "excel-basis.xlsx",
    "excel-verborgen.xlsx",
    "presentatie-basis.pptx",
    "libreoffice-brief.docx",
    "libreoffice-lijst.xlsx",
    "libreoffice-dia.pptx",
    "word-emf.docx",
    "presentatie-wmf.pptx",
    "excel-kolomkoppen.xlsx",
    "excel-datums.xlsx",
];

fn mixed_folder() -> Dir {
    let d = Dir::new();
    for f in MIXED {
        d.fixture(&format!("office/{f}"), &format!("dossier/{f}"));
    }
    let out = d.lak(&["redact", "dossier", "--out", "gelakt", "--drop-embedded"]);
    assert_eq!(out.code, 0, "{out:?}");
    d
}

#[test]
fn outputs_are_valid_packages_with_the_original_order_methods_and_content_types() {
    let d = mixed_folder();
    for f in MIXED {
        let input = d.read(&format!("dossier/{f}"));
        let output = d.read(&format!("gelakt/{f}"));
        let entries = |b: &[u8]| {
            let mut z = zip::ZipArchive::new(Cursor::new(b.to_vec())).unwrap();
            (0..z.len())
                .map(|i| {
                    let e = z.by_index_raw(i).unwrap();
                    (e.name().unwrap().to_string(), e.compression(), e.last_modified())
                })
                .collect::<Vec<_>>()
        };
        let (ins, outs) = (entries(&input), entries(&output));
        // Same order and methods; only removed parts are missing.
        let kept: Vec<_> = ins.iter().filter(|e| outs.iter().any(|o| o.0 == e.0)).cloned().collect();
        assert_eq!(kept, outs, "{f}");
        // Every XML part is well-formed.
        for (name, data) in parts(&output) {
            if name.ends_with(".xml") || name.ends_with(".rels") {
                let mut r = quick_xml::Reader::from_reader(&data[..]);
                loop {
                    match r.read_event() {
                        Ok(quick_xml::events::Event::Eof) => break,
                        Ok(_) => {}
                        Err(e) => panic!("{f}: {name} is not well-formed: {e}"),
                    }
                }
            }
        }
        // Content types of the parts that stay are unchanged.
        let ct = |b: &[u8]| part(b, "[Content_Types].xml");
        let (ci, co) = (ct(&input), ct(&output));
        for line in co.split("<Override").skip(1) {
            assert!(ci.contains(line.split("/>").next().unwrap()), "{f}: {line}");
        }
    }
}

#[test]
fn libreoffice_converts_every_output_and_exiftool_finds_no_people() {
    if !require("soffice") {
        return;
    }
    let d = mixed_folder();
    let outs: Vec<String> = MIXED.iter().map(|f| format!("gelakt/{f}")).collect();
    common::soffice_convert(&d, &outs, "pdf", "pdf");
    for f in MIXED {
        let pdf = d.join(&format!("pdf/{}.pdf", f.rsplit_once('.').unwrap().0));
        assert!(pdf.exists(), "LibreOffice did not convert {f}");
    }
    if require("exiftool") && require("unzip") {
        for f in MIXED {
            let dir = d.join(&format!("x/{f}"));
            std::fs::create_dir_all(&dir).unwrap();
            let u = std::process::Command::new("unzip")
                .args(["-q", "-o"])
                .arg(d.join(&format!("gelakt/{f}")))
                .arg("-d")
                .arg(&dir)
                .status()
                .unwrap();
            assert!(u.success());
        }
        let x = std::process::Command::new("exiftool")
            .args(["-r", "-a", "-s"])
            .arg(d.join("gelakt"))
            .arg(d.join("x"))
            .output()
            .unwrap();
        let x = String::from_utf8_lossy(&x.stdout);
        for line in x.lines() {
            let field = line.split(':').next().unwrap_or("").trim();
            for bad in ["Creator", "Author", "LastModifiedBy", "Company", "Manager", "Artist", "GPS"] {
                assert!(!field.starts_with(bad), "exiftool: {line}");
            }
        }
    }
}

#[test]
fn office_output_is_deterministic() {
    let a = mixed_folder();
    let b = mixed_folder();
    for f in MIXED {
        assert_eq!(a.read(&format!("gelakt/{f}")), b.read(&format!("gelakt/{f}")), "{f}");
    }
}

// --------------------------------------------------------------------------------- no panics

/// A small deterministic generator, so failures reproduce.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// Opens, reads and redacts a possibly broken file through the library: any panic fails the test.
fn exercise(bytes: Vec<u8>) {
    use lak::formats::{Format, Office, Options, Redaction};
    let opts = Options { drop_embedded: true, ..Options::default() };
    for format in [Office::WORD, Office::EXCEL, Office::POWERPOINT] {
        if let Ok(doc) = format.open(bytes.clone(), &opts) {
            let units: Vec<String> = doc.units().iter().map(|s| s.to_string()).collect();
            let cuts: Vec<Redaction> = units
                .iter()
                .enumerate()
                .filter_map(|(i, u)| {
                    let end = u.char_indices().nth(3).map(|(b, _)| b).unwrap_or(u.len());
                    (end > 0).then(|| Redaction { unit: i, start: 0, end, label: "5.1.2e".into() })
                })
                .collect();
            for (i, c) in cuts.iter().enumerate() {
                let _ = doc.locate(c.unit, c.start, c.end);
                let _ = i;
            }
            if let Ok(out) = doc.redact(&cuts) {
                // What lak writes, lak can read again.
                assert!(format.open(out.bytes, &opts).is_ok(), "output of a mutated input does not open");
            }
        }
    }
}

#[test]
fn mutated_and_truncated_packages_never_panic() {
    let mut rng = Lcg(0x1a4);
    for f in ["word-verborgen.docx", "excel-basis.xlsx", "presentatie-basis.pptx"] {
        let original = std::fs::read(common::fixtures().join("office").join(f)).unwrap();
        // Truncated files.
        for k in 0..24 {
            exercise(original[..original.len() * k / 24].to_vec());
        }
        // Flipped bytes anywhere in the file.
        for _ in 0..60 {
            let mut b = original.clone();
            for _ in 0..4 {
                let i = rng.next() as usize % b.len();
                b[i] ^= (rng.next() % 255 + 1) as u8;
            }
            exercise(b);
        }
        // Broken XML inside a valid zip: each XML part truncated or with bytes replaced.
        let mut z = zip::ZipArchive::new(Cursor::new(original.clone())).unwrap();
        let names: Vec<String> = z.file_names().map(|s| s.unwrap().to_string()).collect();
        for target in names.iter().filter(|n| n.ends_with(".xml")) {
            for round in 0..3 {
                let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
                for name in &names {
                    let mut data = Vec::new();
                    z.by_name(name).unwrap().read_to_end(&mut data).unwrap();
                    if name == target && !data.is_empty() {
                        match round {
                            0 => data.truncate(rng.next() as usize % data.len()),
                            1 => {
                                for _ in 0..8 {
                                    let i = rng.next() as usize % data.len();
                                    data[i] = b"<>&\"'/;#x"[rng.next() as usize % 9];
                                }
                            }
                            _ => {
                                let i = rng.next() as usize % data.len();
                                data.splice(i..i, b"&#1114112;<a:t>&amp;</a:t>".iter().copied());
                            }
                        }
                    }
                    w.start_file(name.clone(), zip::write::SimpleFileOptions::default()).unwrap();
                    std::io::Write::write_all(&mut w, &data).unwrap();
                }
                exercise(w.finish().unwrap().into_inner());
            }
        }
    }
    // Broken pictures inside a valid package: each EMF/WMF part truncated or with bytes replaced. The
    // reader itself gets 20,000 mutations in its unit tests; this covers the way through the adapter.
    for f in ["word-emf.docx", "presentatie-wmf.pptx"] {
        let original = std::fs::read(common::fixtures().join("office").join(f)).unwrap();
        let mut z = zip::ZipArchive::new(Cursor::new(original)).unwrap();
        let names: Vec<String> = z.file_names().map(|s| s.unwrap().to_string()).collect();
        for target in names.iter().filter(|n| n.ends_with(".emf") || n.ends_with(".wmf")) {
            for round in 0..16 {
                let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
                for name in &names {
                    let mut data = Vec::new();
                    z.by_name(name).unwrap().read_to_end(&mut data).unwrap();
                    if name == target {
                        if round % 4 == 0 {
                            data.truncate(rng.next() as usize % data.len());
                        } else {
                            for _ in 0..round % 4 {
                                let i = rng.next() as usize % data.len();
                                data[i] = rng.next() as u8;
                            }
                        }
                    }
                    w.start_file(name.clone(), zip::write::SimpleFileOptions::default()).unwrap();
                    std::io::Write::write_all(&mut w, &data).unwrap();
                }
                exercise(w.finish().unwrap().into_inner());
            }
        }
    }
}

// ------------------------------------------------------------------------------ EMF/WMF pictures

/// `value` in UTF-16LE, as EMF stores text.
fn utf16(value: &str) -> Vec<u8> {
    value.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// `value` in Windows-1252 (the fixtures' values are Latin-1), as WMF stores text.
fn cp1252(value: &str) -> Vec<u8> {
    value.chars().map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 value")).collect()
}

/// Fails if `value` is anywhere in the file or its parts, as UTF-8, UTF-16LE or Windows-1252 bytes.
fn assert_gone_in_any_encoding(file: &[u8], value: &str) {
    assert_gone(file, value);
    for (name, data) in parts(file) {
        assert!(!contains(&data, &utf16(value)), "{value:?} (UTF-16) left in {name}");
        assert!(!contains(&data, &cp1252(value)), "{value:?} (Windows-1252) left in {name}");
    }
}

fn part_bytes(file: &[u8], name: &str) -> Vec<u8> {
    parts(file).into_iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("{name} not in the output")).1
}

/// The record types of an EMF, read independently of lak: every record's size must be valid and the
/// last record, ending the file, is EMR_EOF.
fn emf_records(b: &[u8]) -> Vec<u32> {
    let u32_at = |at: usize| u32::from_le_bytes(b[at..at + 4].try_into().unwrap());
    assert_eq!(&b[40..44], b" EMF");
    let (mut pos, mut types) = (0, Vec::new());
    while pos < b.len() {
        let (ty, size) = (u32_at(pos), u32_at(pos + 4) as usize);
        assert!(size >= 8 && size % 4 == 0 && pos + size <= b.len(), "record at {pos}");
        types.push(ty);
        pos += size;
        if ty == 14 {
            break;
        }
    }
    assert_eq!((pos, types.last()), (b.len(), Some(&14)));
    types
}

/// The record functions of a placeable WMF, read independently of lak.
fn wmf_records(b: &[u8]) -> Vec<u16> {
    assert_eq!(&b[..4], &[0xD7, 0xCD, 0xC6, 0x9A]);
    let (mut pos, mut funcs) = (22 + 18, Vec::new());
    while pos < b.len() {
        let size = u32::from_le_bytes(b[pos..pos + 4].try_into().unwrap()) as usize * 2;
        let func = u16::from_le_bytes([b[pos + 4], b[pos + 5]]);
        assert!(size >= 6 && pos + size <= b.len(), "record at {pos}");
        funcs.push(func);
        pos += size;
        if func == 0 {
            break;
        }
    }
    assert_eq!((pos, funcs.last()), (b.len(), Some(&0)));
    funcs
}

#[test]
fn emf_text_is_redacted_in_place_and_a_logo_passes_untouched() {
    let input = std::fs::read(common::fixtures().join("office/word-emf.docx")).unwrap();
    let (_, out, r) = redact("office/word-emf.docx", &[]);
    // The logo holds no personal data: byte for byte the same.
    assert_eq!(part_bytes(&out, "word/media/image1.emf"), part_bytes(&input, "word/media/image1.emf"));
    // The form: a name, a BSN, and a surname confirmed in the body ("mevrouw R. Schaap") are gone; the
    // picture keeps its size and its records.
    for v in ["Pieter Zwart", "Zwart", "135792472", "Schaap"] {
        assert_gone_in_any_encoding(&out, v);
    }
    let (before, after) = (part_bytes(&input, "word/media/image2.emf"), part_bytes(&out, "word/media/image2.emf"));
    assert_eq!(before.len(), after.len());
    assert_eq!(emf_records(&before), emf_records(&after));
    for kept in ["Aanvrager: ", "BSN ", "Plattegrond tuin "] {
        assert!(contains(&after, &utf16(kept)), "{kept:?} is gone too");
    }
    assert!(contains(&after, &utf16("\u{2588}\u{2588}\u{2588}\u{2588}\u{2588}\u{2588}")));
    // The name confirmed in the picture ("Aanvrager: Pieter Zwart") is found in the body too.
    let doc = part(&out, "word/document.xml");
    assert!(doc.contains(" Het dossier </w:t>") && doc.contains("> is compleet.</w:t>"), "{doc}");
    let f = r["documents"][0]["findings"].as_array().unwrap();
    let bsn = f.iter().find(|f| f["text"] == "135792472").unwrap();
    assert_eq!(bsn["location"]["part"], "word/media/image2.emf");
}

#[test]
fn wmf_ansi_text_is_redacted_in_place() {
    let input = std::fs::read(common::fixtures().join("office/presentatie-wmf.pptx")).unwrap();
    let (_, out, _) = redact("office/presentatie-wmf.pptx", &[]);
    for v in ["06-23456789", "Joëlle Zwanenburg", "Zwanenburg"] {
        assert_gone_in_any_encoding(&out, v);
    }
    let (before, after) = (part_bytes(&input, "ppt/media/image1.wmf"), part_bytes(&out, "ppt/media/image1.wmf"));
    assert_eq!(before.len(), after.len());
    assert_eq!(wmf_records(&before), wmf_records(&after));
    assert!(contains(&after, &cp1252("Coördinator: bel ###########")), "{after:?}");
    assert!(contains(&after, &cp1252("Contactpersoon: ")));
}

#[test]
fn emf_plus_and_glyph_index_pictures_need_manual_handling_unless_dropped() {
    let d = Dir::new();
    d.fixture("office/word-emf-plus.docx", "in/word-emf-plus.docx");
    d.fixture("office/word-emf-glyphs.docx", "in/word-emf-glyphs.docx");
    let out = d.lak(&["redact", "in", "--out", "uit"]);
    assert_eq!(out.code, 3, "{out:?}");
    assert!(d.documents("uit").is_empty());
    let r = d.report("uit-review");
    for (f, why) in [("word-emf-plus.docx", "EMF+"), ("word-emf-glyphs.docx", "glyph indices")] {
        let doc = r["documents"].as_array().unwrap().iter().find(|x| x["path"].as_str().unwrap().ends_with(f)).unwrap();
        assert_eq!(doc["reason"]["code"], "embedded_object", "{doc}");
        let reason = doc["reason"]["reason"].as_str().unwrap();
        assert!(reason.contains("word/media/image1.emf") && reason.contains(why), "{reason}");
    }
    let (_, out, _) = redact("office/word-emf-plus.docx", &["--drop-embedded"]);
    assert!(!parts(&out).iter().any(|(n, _)| n.ends_with(".emf")));
    assert!(!part(&out, "word/_rels/document.xml.rels").contains(".emf"));
}

/// A placeable WMF built here, independently of lak: `records` (function, parameters) and META_EOF.
fn wmf_file(records: &[(u16, Vec<u8>)]) -> Vec<u8> {
    let mut d = vec![0xD7, 0xCD, 0xC6, 0x9A, 0, 0, 0, 0, 0, 0, 100, 0, 100, 0, 0xA0, 0x05, 0, 0, 0, 0, 0, 0];
    d.extend([1, 0, 9, 0, 0, 3, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    for (func, params) in records.iter().chain(std::iter::once(&(0, Vec::new()))) {
        let mut p = params.clone();
        p.resize(p.len().next_multiple_of(2), 0);
        d.extend(((6 + p.len()) as u32 / 2).to_le_bytes());
        d.extend(func.to_le_bytes());
        d.extend(p);
    }
    d
}

/// The red team's EMF finding (leak-11) for WMF: a value in bytes a record carries beyond its fields
/// (a SETBKCOLOR record's tail, a font's face name after its NUL) is gone from every decompressed part;
/// a record function lak does not know makes the document need manual handling, naming the record.
#[test]
fn wmf_bytes_beyond_a_records_fields_are_gone_and_unknown_records_refused() {
    let mut bk = vec![0xFF, 0xFF, 0xFF, 0];
    bk.extend(b"BSN 111222333");
    let mut font = vec![0xF4, 0xFF, 0, 0, 0, 0, 0, 0, 0x90, 0x01, 0, 0, 0, 0, 0, 0, 0, 0];
    font.extend(b"Arial\x00111222333\x00");
    let tail = wmf_file(&[(0x0201, bk)]);
    let face = wmf_file(&[(0x02FB, font), (0x012D, vec![0, 0])]);
    let unknown = wmf_file(&[(0x0777, b"111222333".to_vec())]);
    let d = Dir::new();
    std::fs::create_dir_all(d.join("in")).unwrap();
    for (f, wmf) in [("staart.docx", tail), ("lettertype.docx", face), ("onbekend.docx", unknown)] {
        std::fs::write(d.join(&format!("in/{f}")), docx_with(&[("word/media/image1.wmf", wmf)])).unwrap();
    }
    let out = d.lak(&["redact", "in", "--out", "uit"]);
    assert_eq!(out.code, 3, "{out:?}");
    let r = d.report("uit-review");
    let doc = |f: &str| {
        r["documents"].as_array().unwrap().iter().find(|x| x["path"].as_str().unwrap().ends_with(f)).unwrap().clone()
    };
    for f in ["staart.docx", "lettertype.docx"] {
        assert_eq!(doc(f)["status"], "redacted", "{f}: {}", doc(f));
        let bytes = std::fs::read(d.join(&format!("uit/{f}"))).unwrap();
        assert_gone(&bytes, "111222333");
        assert!(!wmf_records(&part_bytes(&bytes, "word/media/image1.wmf")).is_empty());
    }
    assert_eq!(doc("onbekend.docx")["reason"]["code"], "embedded_object", "{}", doc("onbekend.docx"));
    let reason = doc("onbekend.docx")["reason"]["reason"].as_str().unwrap().to_string();
    assert!(reason.contains("word/media/image1.wmf") && reason.contains("0x0777"), "{reason}");
    assert!(!d.join("uit/onbekend.docx").exists());
}

// ---------------------------------------------------------------------------- column headers

#[test]
fn xlsx_column_headers_are_context_for_the_values_under_them() {
    let (_, out, r) = redact("office/excel-kolomkoppen.xlsx", &[]);
    // Dates of birth (shared and inline strings) and 8-digit BSNs (numbers) with no context word in
    // their cells.
    for v in ["14-02-1987", "3 maart 1979", "21-11-1990", "31415908", "27182812", "31415921"] {
        assert_gone(&out, v);
    }
    // Application dates under "Datum aanvraag", the title and the headers stay.
    let sst = part(&out, "xl/sharedStrings.xml");
    for kept in ["01-03-2024", "02-03-2024", "04-03-2024", "Aanvragers subsidie 2024", "Geboortedatum"] {
        assert!(sst.contains(kept), "{kept}: {sst}");
    }
    let f = r["documents"][0]["findings"].as_array().unwrap();
    for (v, rule, context) in [
        ("14-02-1987", "date-of-birth", "geboortedatum (column header)"),
        ("21-11-1990", "date-of-birth", "geboortedatum (column header)"),
        ("31415908", "bsn-8", "bsn (column header)"),
    ] {
        let x = f.iter().find(|x| x["text"] == v).unwrap_or_else(|| panic!("{v} not found"));
        assert_eq!((x["rule"].as_str(), x["evidence"]["context"].as_str()), (Some(rule), Some(context)), "{x}");
    }
    let inline = f.iter().find(|x| x["text"] == "21-11-1990").unwrap();
    assert_eq!(inline["location"]["cell"], "C6");
}

#[test]
fn xlsx_person_column_makes_a_lone_ordinary_word_a_surname() {
    let (_, out, r) = redact("office/excel-kolomkoppen.xlsx", &[]);
    // "Molenaar", "Timmerman", "Schipper" are Dutch words (miller, carpenter, skipper) as well as
    // surnames: alone in running text they stay, under "Achternaam" they are names.
    for v in ["Molenaar", "Timmerman", "Schipper"] {
        assert_gone(&out, v);
    }
    let f = r["documents"][0]["findings"].as_array().unwrap();
    let x = f.iter().find(|x| x["text"] == "Timmerman").unwrap();
    assert_eq!(x["evidence"]["context"], "achternaam (column header)", "{x}");
    assert!(part(&out, "xl/sharedStrings.xml").contains("Achternaam"));
}

// ------------------------------------------------------------------- dates stored as date numbers

/// Serials of the dates of birth in `excel-datums.xlsx` (16-03-1987, 02-11-1979, 21-07-1990,
/// 30-01-1965, 05-12-2001) and of the application dates (01-03-2024, 04-03-2024 … 07-03-2024).
const BIRTH_SERIALS: [&str; 5] = ["31852", "29161", "33075", "23772", "37230"];
const APPLICATION_SERIALS: [&str; 5] = ["45352", "45355", "45356", "45357", "45358"];

/// Column `col` of a CSV export (no quoted commas in these files).
fn csv_column(csv: &str, col: usize) -> Vec<String> {
    csv.lines().map(|l| l.split(',').nth(col).unwrap_or("").to_string()).collect()
}

/// Converts `file` with LibreOffice to CSV, cells as shown; returns the CSV text.
fn libreoffice_csv(d: &Dir, file: &str, outdir: &str) -> String {
    common::soffice_convert(
        d,
        &[file.to_string()],
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true",
        outdir,
    );
    let stem = file.rsplit('/').next().unwrap().rsplit_once('.').unwrap().0;
    d.read_string(&format!("{outdir}/{stem}.csv"))
}

/// Dates of birth typed into Excel as real dates are numbers with a date format (`dd-mm-yyyy`, built-in
/// 14, `d/m/yy`, `d mmmm yyyy`, `[$-413]d mmmm yyyy;@`): read as the dates they show, with the
/// `Geboortedatum` header as context, each cell becomes a marker. The application dates under `Datum
/// aanvraag` are real dates too and stay numbers with their formats.
#[test]
fn xlsx_date_numbers_under_a_birth_date_header_are_redacted() {
    let (d, out, r) = redact("office/excel-datums.xlsx", &[]);
    let f = r["documents"][0]["findings"].as_array().unwrap();
    let births: Vec<(&str, &str)> = f
        .iter()
        .filter(|x| x["rule"] == "date-of-birth")
        .map(|x| (x["location"]["cell"].as_str().unwrap(), x["text"].as_str().unwrap()))
        .collect();
    assert_eq!(
        births,
        [
            ("B2", "16-03-1987"),
            ("B3", "2-11-1979"),
            ("B4", "21/7/90"),
            ("B5", "30 januari 1965"),
            ("B6", "5 december 2001")
        ],
        "{f:?}"
    );
    for x in f.iter().filter(|x| x["rule"] == "date-of-birth") {
        assert_eq!(x["evidence"]["context"], "geboortedatum (column header)", "{x}");
    }
    // Independent check 1: the sheet XML (the zip crate here, `unzip` below) has no birth serial left,
    // the birth date cells are text markers, the application dates are the numbers they were.
    for serial in BIRTH_SERIALS {
        assert_gone(&out, serial);
    }
    let sheet = part(&out, "xl/worksheets/sheet1.xml");
    for row in 2..=6 {
        assert!(
            sheet.contains(&format!(
                "<c r=\"B{row}\" s=\"{}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">[5.1.2e]</t>",
                row - 1
            )),
            "{sheet}"
        );
    }
    for (row, serial) in (2..).zip(APPLICATION_SERIALS) {
        assert!(sheet.contains(&format!("<c r=\"C{row}\" s=\"{}\" t=\"n\"><v>{serial}</v></c>", row - 1)), "{sheet}");
    }
    if require("unzip") {
        let u = std::process::Command::new("unzip")
            .args(["-p"])
            .arg(d.join("uit/excel-datums.xlsx"))
            .arg("xl/worksheets/sheet1.xml")
            .output()
            .unwrap();
        let xml = String::from_utf8(u.stdout).unwrap();
        for serial in BIRTH_SERIALS {
            assert!(!xml.contains(serial), "{serial} in {xml}");
        }
        for serial in APPLICATION_SERIALS {
            assert!(xml.contains(&format!("<v>{serial}</v>")), "{serial} not in {xml}");
        }
    }
    // Independent check 2: LibreOffice shows the cells. The input's dates of birth are nowhere in the
    // output's CSV or PDF text; its application dates are shown exactly as before.
    if !require("soffice") {
        return;
    }
    let before = libreoffice_csv(&d, "in/excel-datums.xlsx", "csv-in");
    let after = libreoffice_csv(&d, "uit/excel-datums.xlsx", "csv-uit");
    let shown_births: Vec<String> = csv_column(&before, 1).into_iter().skip(1).collect();
    assert_eq!(shown_births.len(), 5, "{before}");
    assert!(shown_births.iter().all(|b| b.chars().any(|c| c.is_ascii_digit())), "{before}");
    assert_eq!(csv_column(&after, 1)[1..], ["[5.1.2e]"; 5], "{after}");
    assert_eq!(csv_column(&after, 2), csv_column(&before, 2), "application dates changed:\n{before}\n{after}");
    common::soffice_convert(&d, &["uit/excel-datums.xlsx".to_string()], "pdf", "pdf");
    if require("pdftotext") {
        let t = std::process::Command::new("pdftotext").arg(d.join("pdf/excel-datums.pdf")).arg("-").output().unwrap();
        let text = String::from_utf8_lossy(&t.stdout);
        for b in &shown_births {
            assert!(!text.contains(b.as_str()), "{b} in the PDF: {text}");
        }
        for year in ["1987", "1979", "1990", "1965", "2001"] {
            assert!(!text.contains(year), "{year} in the PDF: {text}");
        }
        for a in &csv_column(&before, 2)[1..] {
            assert!(text.contains(a.as_str()), "{a} not in the PDF: {text}");
        }
    }
}

/// A one-sheet workbook built by hand: `workbook_pr` is the `workbookPr` element, `rows` the sheet data;
/// style 1 shows numbers as dates (built-in format 14).
fn tiny_xlsx(workbook_pr: &str, rows: &str) -> Vec<u8> {
    use std::io::Write;
    let ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let parts = [
        (
            "[Content_Types].xml".to_string(),
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/></Types>".to_string(),
        ),
        (
            "_rels/.rels".to_string(),
            format!("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{rel}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
        ),
        (
            "xl/workbook.xml".to_string(),
            format!("<workbook {ns} xmlns:r=\"{rel}\">{workbook_pr}<sheets><sheet name=\"Blad1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
        ),
        (
            "xl/_rels/workbook.xml.rels".to_string(),
            format!("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{rel}/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"{rel}/styles\" Target=\"styles.xml\"/></Relationships>"),
        ),
        (
            "xl/styles.xml".to_string(),
            format!("<styleSheet {ns}><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>"),
        ),
        (
            "xl/worksheets/sheet1.xml".to_string(),
            format!("<worksheet {ns}><sheetData>{rows}</sheetData></worksheet>"),
        ),
    ];
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in &parts {
        z.start_file(name.as_str(), opts).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// A workbook in the 1904 date system (`<workbookPr date1904="1"/>`, old Mac Excel): its date numbers
/// count from 1 January 1904, so `30390` is 16-03-1987 (in the 1900 system it would be 15-03-1983).
#[test]
fn xlsx_date_numbers_in_the_1904_system() {
    let file = tiny_xlsx(
        "<workbookPr date1904=\"1\"/>",
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Geboortedatum</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>Datum aanvraag</t></is></c></row><row r=\"2\"><c r=\"A2\" s=\"1\"><v>30390</v></c><c r=\"B2\" s=\"1\"><v>43890</v></c></row>",
    );
    let d = Dir::new();
    d.create("in/mac.xlsx", file);
    let out = d.lak(&["redact", "in", "--out", "uit"]);
    assert_eq!(out.code, 0, "{out:?}");
    let r = d.report("uit-review");
    let f = r["documents"][0]["findings"].as_array().unwrap();
    let x = f.iter().find(|x| x["rule"] == "date-of-birth").unwrap_or_else(|| panic!("{f:?}"));
    assert_eq!((x["text"].as_str(), x["location"]["cell"].as_str()), (Some("16-3-1987"), Some("A2")), "{x}");
    assert_eq!(f.len(), 1, "{f:?}");
    let sheet = part(&d.read("uit/mac.xlsx"), "xl/worksheets/sheet1.xml");
    assert!(!sheet.contains("30390") && sheet.contains("<v>43890</v>"), "{sheet}");
}

// ------------------------------------------------------------------------- the final byte sweep

/// A minimal DOCX: a BSN in the body, and `extra` parts (deflated).
fn docx_with(extra: &[(&str, Vec<u8>)]) -> Vec<u8> {
    use std::io::Write;
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let xml = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"ttf\" ContentType=\"application/x-font-ttf\"/><Default Extension=\"docx\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>",
        ),
        (
            "_rels/.rels",
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>",
        ),
        (
            "word/document.xml",
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Het BSN van de aanvrager is 111222333.</w:t></w:r></w:p></w:body></w:document>",
        ),
    ];
    for (name, text) in xml {
        z.start_file(name, opts).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    for (name, data) in extra {
        z.start_file(*name, opts).unwrap();
        z.write_all(data).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// A removed value that survives only inside a compressed part lak keeps without reading it (here a
/// font, which lak keeps as it is, with the value inside one of its tables), in the package or in a
/// package embedded in it: the raw output does not show it, the decompressed parts (`byte_views`,
/// nested packages too) do, and the output is withheld.
#[test]
fn the_final_sweep_reads_every_decompressed_part_and_nested_packages() {
    // An sfnt with one table (`name`) of 48 bytes right after its directory.
    let mut font = vec![0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
    font.extend(b"name");
    font.extend([0; 4]);
    font.extend(28u32.to_be_bytes());
    font.extend(48u32.to_be_bytes());
    font.extend(b" naam 111222333 ".repeat(3));
    let outer = docx_with(&[("word/fonts/font1.ttf", font.clone())]);
    let nested = docx_with(&[("word/embeddings/bijlage.docx", docx_with(&[("word/fonts/font1.ttf", font)]))]);
    assert!(!contains(&outer, b"111222333") && !contains(&nested, b"111222333"));

    // What the adapter exposes: every decompressed entry, recursing into the embedded package.
    let registry = lak::formats::Registry::standard();
    let word = registry.for_path(std::path::Path::new("x.docx")).unwrap();
    for bytes in [&outer, &nested] {
        let doc = word.open(bytes.clone(), &lak::formats::Options::default()).unwrap();
        let views = doc.byte_views();
        assert!(views.iter().any(|v| contains(&v.bytes, b"naam 111222333")), "the font's bytes are a view");
    }

    let d = Dir::new();
    std::fs::create_dir_all(d.join("in")).unwrap();
    std::fs::write(d.join("in/buiten.docx"), &outer).unwrap();
    std::fs::write(d.join("in/genest.docx"), &nested).unwrap();
    std::fs::write(d.join("in/controle.docx"), docx_with(&[])).unwrap();
    let out = d.lak(&["redact", "in", "--out", "uit"]);
    assert_eq!(out.code, 3, "{out:?}");
    let r = d.report("uit-review");
    let doc = |f: &str| {
        r["documents"].as_array().unwrap().iter().find(|x| x["path"].as_str().unwrap().ends_with(f)).unwrap().clone()
    };
    for f in ["buiten.docx", "genest.docx"] {
        assert_eq!(doc(f)["reason"]["code"], "residual_bytes_after_redaction", "{f}: {}", doc(f));
        assert!(!d.join(&format!("uit/{f}")).exists());
    }
    assert_eq!(doc("controle.docx")["status"], "redacted");
}

/// A chart showing its cached numbers through a format that builds a phone number (`"06-"00000000`):
/// lak does not render chart labels, so it refuses the document rather than publish the number.
#[test]
fn a_chart_format_that_assembles_an_identifier_needs_manual_handling() {
    use std::io::Write;
    let original = std::fs::read(common::fixtures().join("office/presentatie-basis.pptx")).unwrap();
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut changed = false;
    for (name, data) in parts(&original).into_iter().filter(|(n, _)| !n.contains('!')) {
        let data = if name.starts_with("ppt/charts/chart") && name.ends_with(".xml") {
            let xml = String::from_utf8(data).unwrap();
            let new = xml.replacen(">General<", ">&quot;06-&quot;00000000<", 1);
            changed |= new != xml;
            new.into_bytes()
        } else {
            data
        };
        z.start_file(name.as_str(), opts).unwrap();
        z.write_all(&data).unwrap();
    }
    assert!(changed, "the fixture's chart has a General format code");
    let d = Dir::new();
    d.create("in/grafiek.pptx", z.finish().unwrap().into_inner());
    let out = d.lak(&["redact", "in", "--out", "uit"]);
    assert_eq!(out.code, 3, "{out:?}");
    let r = d.report("uit-review");
    assert_eq!(status(&r, "grafiek.pptx"), "needs_manual");
    let reason = r["documents"][0]["reason"]["reason"].as_str().unwrap();
    assert!(reason.contains("chart") && reason.contains("06-"), "{reason}");
    assert!(d.documents("uit").is_empty());
}

/// A date-typed cell (`t="d"`) stores an ISO timestamp; under `Geboortedatum` it is a date of birth.
#[test]
fn xlsx_date_typed_cells_under_a_birth_date_header_are_redacted() {
    let file = tiny_xlsx(
        "",
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Geboortedatum</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>Datum aanvraag</t></is></c></row><row r=\"2\"><c r=\"A2\" s=\"1\" t=\"d\"><v>1987-03-16T00:00:00</v></c><c r=\"B2\" s=\"1\" t=\"d\"><v>2020-02-28T00:00:00</v></c></row>",
    );
    let d = Dir::new();
    d.create("in/datums.xlsx", file);
    let out = d.lak(&["redact", "in", "--out", "uit"]);
    assert_eq!(out.code, 0, "{out:?}");
    let r = d.report("uit-review");
    let f = r["documents"][0]["findings"].as_array().unwrap();
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!((f[0]["rule"].as_str(), f[0]["location"]["cell"].as_str()), (Some("date-of-birth"), Some("A2")));
    let out = d.read("uit/datums.xlsx");
    assert_gone(&out, "1987-03-16");
    let sheet = part(&out, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("2020-02-28T00:00:00"), "{sheet}");
}
