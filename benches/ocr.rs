//! OCR throughput: pages per second for a scanned page through lak (read with OCR, detect, redact in
//! the pixels, and the read-back of the output that the pipeline does for every document), against
//! Tesseract's own command line on the same page images in the same run: the floor for this design,
//! since lak reads pixels with Tesseract.
//!
//! Corpus: `fixtures/pictures/brief-scan.png` (an A4 letter at 150 dpi, grey) and
//! `fixtures/scans/brief-scan.pdf` (the same letter as a scanned PDF page: a grey JPEG, slightly
//! rotated, with noise). One thread: lak runs one Tesseract per worker, so pages/s on N cores is N
//! times this (`--jobs`).
//!
//! Run: `cargo bench --bench ocr` (needs `tesseract` with the `nld` model; skipped without it).
//! Figures: docs/formats.md, *Scanned pages*.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lak::decide::Policy;
use lak::detect::Detector;
use lak::formats::{Format, Options, Pdf, Picture};
use lak::model::Mode;
use lak::rules::RuleSet;

fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(rel)).unwrap()
}

/// What the pipeline does for one document: open (OCR), detect, redact, and open the output again.
fn through_lak(format: &dyn Format, bytes: &[u8], detector: &Detector, rules: &RuleSet, options: &Options) {
    let policy = Policy::new(Mode::Woo, rules);
    let mut scratch = detector.scratch();
    let doc = format.open(bytes.to_vec(), options).expect("the fixture opens");
    let units = doc.units();
    let found = detector.detect(&mut scratch, &units);
    let redactions = lak::decide::plan(rules, Mode::Woo, &policy.decide(rules, &units, found));
    let out = doc.redact(&redactions).expect("the fixture redacts");
    let again = format.open(out.bytes, options).expect("the output reads back");
    std::hint::black_box(again.units().len());
}

/// Tesseract alone, as lak calls it, on a picture.
fn tesseract(png: &[u8]) {
    let mut child = Command::new("tesseract")
        .args(["stdin", "stdout", "-l", "nld+eng", "--psm", "3", "tsv"])
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("tesseract runs");
    child.stdin.take().unwrap().write_all(png).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    std::hint::black_box(out.stdout.len());
}

fn bench(c: &mut Criterion) {
    let Some(engine) = lak::ocr::Engine::find() else {
        eprintln!("ocr bench skipped: no tesseract with the nld model on this machine");
        return;
    };
    let rules = RuleSet::builtin().unwrap();
    let detector = Detector::new(&rules).unwrap();
    let options = Options { ocr: Some(engine), ..Options::default() };
    let png = fixture("pictures/brief-scan.png");
    let pdf = fixture("scans/brief-scan.pdf");
    // The scanned PDF's page image as Tesseract alone would get it: the JPEG, as PNG (lak hands
    // Tesseract decoded pixels too).
    let page = {
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        let jpeg = doc
            .objects
            .values()
            .filter_map(|o| o.as_stream().ok())
            .find(|s| s.dict.get(b"Subtype").and_then(|v| v.as_name()).is_ok_and(|n| n == b"Image"))
            .map(|s| s.content.clone())
            .expect("the scan has an image");
        let img = image::load_from_memory(&jpeg).unwrap();
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    };

    let mut g = c.benchmark_group("ocr_page");
    g.throughput(Throughput::Elements(1));
    g.sample_size(10);
    g.bench_function("tesseract_alone_picture", |b| b.iter(|| tesseract(&png)));
    g.bench_function("lak_picture", |b| b.iter(|| through_lak(&Picture, &png, &detector, &rules, &options)));
    g.bench_function("tesseract_alone_scan_pdf_page", |b| b.iter(|| tesseract(&page)));
    g.bench_function("lak_scan_pdf", |b| b.iter(|| through_lak(&Pdf, &pdf, &detector, &rules, &options)));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
