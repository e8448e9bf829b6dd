//! `lak redact` end to end on a folder of 2,000 generated text documents (about 8 MB): the real
//! binary, started as a process, all cores, writing outputs and the report.
//!
//! Run: `cargo bench --bench e2e`. The corpus is written once to `target/lak-bench/e2e/dossier`.
//! The same folder can be timed by hand:
//! `hyperfine --prepare 'rm -rf /tmp/gelakt /tmp/gelakt-review' 'target/release/lak redact target/lak-bench/e2e/dossier --out /tmp/gelakt -q'`.

#[path = "synth/mod.rs"]
mod synth;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const DOCUMENTS: usize = 2000;

fn corpus() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/lak-bench/e2e");
    let dossier = root.join("dossier");
    let marker = root.join("complete");
    if !marker.exists() {
        let _ = std::fs::remove_dir_all(&dossier);
        let mut g = synth::Gen::new(2000);
        for i in 0..DOCUMENTS {
            let folder = dossier.join(format!("map-{:02}", i / 100));
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(folder.join(format!("document-{i:04}.txt")), g.document(4000).text).unwrap();
        }
        std::fs::write(&marker, "").unwrap();
    }
    dossier
}

fn bench(c: &mut Criterion) {
    let dossier = corpus();
    let bytes: u64 = walk_bytes(&dossier);
    let out_root = std::env::temp_dir().join(format!("lak-e2e-{}", std::process::id()));
    eprintln!("corpus: {DOCUMENTS} documents, {:.1} MB in {}", bytes as f64 / 1e6, dossier.display());
    let mut g = c.benchmark_group("end_to_end");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.throughput(Throughput::Elements(DOCUMENTS as u64));
    g.bench_function("lak_redact_2000_text_documents", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let _ = std::fs::remove_dir_all(&out_root);
                let out = out_root.join("gelakt");
                let start = Instant::now();
                let status = Command::new(env!("CARGO_BIN_EXE_lak"))
                    .args(["redact", "-q", "--out"])
                    .arg(&out)
                    .arg(&dossier)
                    .status()
                    .unwrap();
                total += start.elapsed();
                assert!(status.success(), "lak redact failed: {status}");
            }
            total
        })
    });
    g.finish();
    let _ = std::fs::remove_dir_all(&out_root);
}

fn walk_bytes(dir: &Path) -> u64 {
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let m = e.metadata().unwrap();
        n += if m.is_dir() { walk_bytes(&e.path()) } else { m.len() };
    }
    n
}

criterion_group!(benches, bench);
criterion_main!(benches);
