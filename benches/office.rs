//! Throughput of the Office adapter: open + detect + decide + redact (the work `lak redact` does per
//! document, without file I/O and without the re-check of the output, which repeats open + detect).
//!
//! Corpus: the committed fixtures of `fixtures/office/` that lak redacts without `--drop-embedded`
//! (nine small DOCX/XLSX/PPTX files from python-docx, openpyxl, python-pptx and LibreOffice), plus two
//! larger documents generated here: a letter-like DOCX of 2,000 paragraphs and an applicant list XLSX of
//! 5,000 rows (names as inline strings, BSNs as numbers, IBANs, phone numbers).
//!
//! Run: `cargo bench --bench office`. Criterion reports documents/s for the `documents` group and MB/s
//! (of input files) for the `bytes` group.

use std::io::{Cursor, Write};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lak::decide::Policy;
use lak::detect::Detector;
use lak::formats::{Format, Office, Options};
use lak::model::Mode;
use lak::rules::RuleSet;

const FIXTURES: [&str; 9] = [
    "word-basis.docx",
    "word-verborgen.docx",
    "word-macro.docm",
    "excel-basis.xlsx",
    "excel-verborgen.xlsx",
    "presentatie-basis.pptx",
    "libreoffice-brief.docx",
    "libreoffice-lijst.xlsx",
    "libreoffice-dia.pptx",
];

fn zip_of(files: &[(&str, String)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, body) in files {
        w.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(body.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

const FIRST: [&str; 8] = ["Jan", "Fatima", "Piet", "Sanne", "Mohamed", "Anouk", "Kees", "Lotte"];
const LAST: [&str; 8] = ["Jansen", "El Amrani", "Bakker", "de Graaf", "Yilmaz", "Visser", "Kok", "Dekker"];

fn big_docx() -> Vec<u8> {
    let mut body = String::new();
    for i in 0..2000 {
        let (f, l) = (FIRST[i % 8], LAST[(i / 8) % 8]);
        body.push_str(&format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">Op {} maart sprak de behandelaar met </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>{f} {l}</w:t></w:r><w:r><w:t xml:space=\"preserve\"> over zaak Z-{i:05} en de begroting voor het komende jaar; geen bijzonderheden.</w:t></w:r></w:p>",
            i % 28 + 1
        ));
    }
    zip_of(&[
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>".into()),
        ("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>".into()),
        ("word/document.xml", format!("<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>")),
    ])
}

fn big_xlsx() -> Vec<u8> {
    let mut rows = String::new();
    for i in 0..5000u64 {
        let (f, l) = (FIRST[(i % 8) as usize], LAST[((i / 8) % 8) as usize]);
        // A 9-digit number passing the 11-proof: adjust the last digit.
        let base = 100_000_000 + i * 7919;
        let bsn = (0..10)
            .map(|d| base / 10 * 10 + d)
            .find(|n| {
                let s = format!("{n:09}");
                let d: Vec<i64> = s.bytes().map(|b| (b - b'0') as i64).collect();
                let sum: i64 = (0..8).map(|k| (9 - k as i64) * d[k]).sum::<i64>() - d[8];
                sum % 11 == 0
            })
            .unwrap_or(base);
        let r = i + 2;
        rows.push_str(&format!(
            "<row r=\"{r}\"><c r=\"A{r}\" t=\"inlineStr\"><is><t>{f} {l}</t></is></c><c r=\"B{r}\"><v>{bsn}</v></c><c r=\"C{r}\" t=\"inlineStr\"><is><t>NL91ABNA0417164300</t></is></c><c r=\"D{r}\" t=\"inlineStr\"><is><t>06-{:08}</t></is></c><c r=\"E{r}\"><v>{}</v></c></row>",
            12_000_000 + i,
            i * 3
        ));
    }
    zip_of(&[
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>".into()),
        ("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".into()),
        ("xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Aanvragers\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".into()),
        ("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>".into()),
        ("xl/worksheets/sheet1.xml", format!("<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Naam</t></is></c></row>{rows}</sheetData></worksheet>")),
    ])
}

fn format_for(name: &str) -> Office {
    match name.rsplit('.').next().unwrap() {
        "xlsx" => Office::EXCEL,
        "pptx" => Office::POWERPOINT,
        _ => Office::WORD,
    }
}

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/office");
    let mut v: Vec<(String, Vec<u8>)> =
        FIXTURES.iter().map(|f| (f.to_string(), std::fs::read(dir.join(f)).unwrap())).collect();
    v.push(("generated-2000-paragraphs.docx".into(), big_docx()));
    v.push(("generated-5000-rows.xlsx".into(), big_xlsx()));
    v
}

fn bench(c: &mut Criterion) {
    let rules = RuleSet::builtin().unwrap();
    let detector = Detector::new(&rules).unwrap();
    let policy = Policy::new(Mode::Woo, &rules);
    let options = Options::default();
    let docs = corpus();
    let total: u64 = docs.iter().map(|(_, b)| b.len() as u64).sum();
    let run = |scratch: &mut lak::detect::Scratch| {
        let mut redacted = 0usize;
        for (name, bytes) in &docs {
            let doc = format_for(name).open(bytes.clone(), &options).unwrap();
            let units = doc.units();
            let found = detector.detect(scratch, &units);
            let decided = policy.decide(&rules, &units, found);
            let cuts = lak::decide::plan(&rules, Mode::Woo, &decided);
            redacted += doc.redact(&cuts).unwrap().bytes.len();
        }
        redacted
    };
    let mut scratch = detector.scratch();
    eprintln!("office corpus: {} documents, {:.2} MB of files", docs.len(), total as f64 / 1e6);
    let mut g = c.benchmark_group("office/documents");
    g.sample_size(10);
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.bench_function("open+detect+redact", |b| b.iter(|| run(&mut scratch)));
    g.finish();
    let mut g = c.benchmark_group("office/bytes");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(total));
    g.bench_function("open+detect+redact", |b| b.iter(|| run(&mut scratch)));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
