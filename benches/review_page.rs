//! The review page at the scale of a large Woo request: `lak scan` on 10,000 generated documents (over
//! 200,000 findings), then `lak-review.html` opened in headless Chromium: time to first render, time
//! to apply filters and a search, the page's size and the browser's JavaScript heap.
//!
//! Run: `cargo bench --bench review_page` (needs chromium and chromedriver). The corpus is written once
//! to `target/lak-bench/review/dossier`; `LAK_REVIEW_DOCS=N` sets the number of documents. Figures:
//! docs/review.md.

#[path = "synth/mod.rs"]
mod synth;
#[path = "../tests/common/webdriver.rs"]
mod webdriver;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn corpus(documents: usize) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("target/lak-bench/review-{documents}"));
    let dossier = root.join("dossier");
    let marker = root.join("complete");
    if !marker.exists() {
        let _ = std::fs::remove_dir_all(&dossier);
        let mut g = synth::Gen::new(10_000);
        for i in 0..documents {
            let folder = dossier.join(format!("map-{:03}", i / 100));
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(folder.join(format!("document-{i:05}.txt")), g.document(5200).text).unwrap();
        }
        std::fs::write(&marker, "").unwrap();
    }
    dossier
}

fn main() {
    // `cargo bench` passes --bench; a filter argument that does not name this bench skips it.
    if std::env::args().skip(1).any(|a| !a.starts_with('-') && !"review_page".contains(&a)) {
        return;
    }
    let documents: usize = std::env::var("LAK_REVIEW_DOCS").ok().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let dossier = corpus(documents);
    let review = dossier.parent().unwrap().join("review");
    let _ = std::fs::remove_dir_all(&review);
    let start = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_lak"))
        .args(["scan", "-q", "--review"])
        .arg(&review)
        .arg(&dossier)
        .status()
        .unwrap();
    let scan = start.elapsed();
    assert!(status.success(), "lak scan failed: {status}");
    let size = |name: &str| std::fs::metadata(review.join(name)).map(|m| m.len() as f64 / 1e6).unwrap_or(0.0);
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(review.join("lak-report.json")).unwrap()).unwrap();
    let findings: usize =
        report["documents"].as_array().unwrap().iter().map(|d| d["findings"].as_array().unwrap().len()).sum();
    drop(report);
    println!(
        "lak scan: {documents} documents, {findings} findings in {:.1} s; lak-report.json {:.1} MB, lak-report.html {:.1} MB, lak-review.html {:.1} MB",
        scan.as_secs_f64(),
        size("lak-report.json"),
        size("lak-report.html"),
        size("lak-review.html")
    );

    let downloads = review.join("downloads");
    let b = webdriver::browser(&downloads).expect("chromium and chromedriver are needed for this bench");
    let url = format!("file://{}", review.join("lak-review.html").display());
    for round in 1..=3 {
        let start = Instant::now();
        b.open(&url);
        let open = start.elapsed();
        let nav = b.run(
            "const n = performance.getEntriesByType('navigation')[0]; \
             return [n.domContentLoadedEventEnd, n.loadEventEnd, performance.memory ? performance.memory.usedJSHeapSize : 0]",
        );
        let shown = b.run("return document.getElementById('shown').textContent");
        let timed = |script: &str| -> f64 {
            b.run(&format!("const t = performance.now(); {script}; return performance.now() - t")).as_f64().unwrap()
        };
        let choose = |id: &str, nth: usize| {
            format!(
                "{{ const s = document.getElementById('{id}'); s.value = s.options[{nth}].value; s.dispatchEvent(new Event('change')) }}"
            )
        };
        let category = timed(&choose("f-category", 1));
        let category_shown = b.run("return document.getElementById('shown').textContent");
        let action = timed(&choose("f-action", 2));
        let reset = timed(&format!("{}; {}", choose("f-category", 0), choose("f-action", 0)));
        let search = timed(
            "const s = document.getElementById('search'); s.value = 'jansen'; s.dispatchEvent(new Event('input'))",
        );
        let search_shown = b.run("return document.getElementById('shown').textContent");
        let clear =
            timed("const s = document.getElementById('search'); s.value = ''; s.dispatchEvent(new Event('input'))");
        let next = timed("document.dispatchEvent(new KeyboardEvent('keydown', { key: 'n' }))");
        println!(
            "round {round}: open (navigation to rendered list) {:.2} s (DOMContentLoaded {:.0} ms, load {:.0} ms, JS heap {:.0} MB), {shown}; \
             category filter {category:.0} ms ({category_shown}), + action filter {action:.0} ms, reset {reset:.0} ms, \
             search {search:.0} ms ({search_shown}), clear the search {clear:.0} ms, next document (n) {next:.0} ms",
            open.as_secs_f64(),
            nav[0].as_f64().unwrap_or(0.0),
            nav[1].as_f64().unwrap_or(0.0),
            nav[2].as_f64().unwrap_or(0.0) / 1e6,
        );
    }
}
