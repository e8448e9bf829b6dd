//! PDF throughput: pages per second for open + detect + redact, against a plain lopdf load + save of
//! the same files in the same run (the floor for this design: lak parses and writes with lopdf).
//!
//! Corpus: `fixtures/pdf/bench-report.pdf` (40 pages of dense reportlab text with names and BSNs) and
//! every other fixture in `fixtures/pdf/` that lak redacts without manual handling.
//!
//! Run: `cargo bench --bench pdf` (numbers in README, *Formats → PDF*).

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lak::decide::Policy;
use lak::detect::Detector;
use lak::formats::{Format, Options, Pdf};
use lak::model::Mode;
use lak::rules::RuleSet;

fn corpus() -> Vec<(String, Vec<u8>, u64)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pdf");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    files
        .into_iter()
        .filter_map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            Pdf.open(bytes.clone(), &Options::default()).ok()?;
            let pages = lopdf::Document::load_mem(&bytes).ok()?.get_pages().len() as u64;
            Some((p.file_name()?.to_string_lossy().into_owned(), bytes, pages))
        })
        .collect()
}

fn redact_all(detector: &Detector, rules: &RuleSet, policy: &Policy, files: &[(String, Vec<u8>, u64)]) {
    let mut scratch = detector.scratch();
    for (_, bytes, _) in files {
        let doc = Pdf.open(bytes.clone(), &Options::default()).unwrap();
        let units = doc.units();
        let found = detector.detect(&mut scratch, &units);
        let redactions = lak::decide::plan(rules, Mode::Woo, &policy.decide(rules, &units, found));
        std::hint::black_box(doc.redact(&redactions).unwrap());
    }
}

fn lopdf_round_trip(files: &[(String, Vec<u8>, u64)]) {
    for (_, bytes, _) in files {
        let mut doc = lopdf::Document::load_mem(bytes).unwrap();
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        std::hint::black_box(out);
    }
}

fn bench(c: &mut Criterion) {
    let rules = RuleSet::builtin().unwrap();
    let detector = Detector::new(&rules).unwrap();
    let policy = Policy::new(Mode::Woo, &rules);
    let all = corpus();
    let report: Vec<_> = all.iter().filter(|f| f.0 == "bench-report.pdf").cloned().collect();
    for (name, files) in [("report-40p", report), ("fixtures", all)] {
        let pages: u64 = files.iter().map(|f| f.2).sum();
        let mut g = c.benchmark_group(format!("pdf/{name}"));
        g.sample_size(10);
        g.throughput(Throughput::Elements(pages));
        g.bench_function("lak open+detect+redact", |b| b.iter(|| redact_all(&detector, &rules, &policy, &files)));
        g.bench_function("lopdf load+save", |b| b.iter(|| lopdf_round_trip(&files)));
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
