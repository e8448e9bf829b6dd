//! The fuzz targets' smoke pass, for CI: every entry point of `lak::fuzzing` on every seed drawn from
//! `fixtures/` and `examples/`, on a fixed number of deterministic mutations of each (bit flips, byte
//! insertions and deletions, truncations, interesting bytes, splices with another seed of the same
//! target), and on every input AFL found a crash with (`fuzz/regressions/<target>/`, kept as regression
//! fixtures). The long coverage-guided runs happen outside CI (`fuzz/`, `docs/fuzzing.md`).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use lak::fuzzing::{TARGETS, Target, seeds};

/// Seeds per target, the smallest first.
const SEEDS_PER_TARGET: usize = 40;

/// A fixed-seed SplitMix64: the same mutations on every run, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

/// Mutations per seed: fewer for the targets that open a whole document.
fn mutations(target: &str) -> usize {
    match target {
        "office" | "pdf" | "package" => 16,
        "pdf_content" | "mail" | "msg" => 40,
        _ => 120,
    }
}

/// One mutation of `data`; `other` is another seed of the same target, for splices.
fn mutate(rng: &mut Rng, data: &[u8], other: &[u8]) -> Vec<u8> {
    let mut d = data.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(d.len() + 1);
        match rng.below(7) {
            0 if !d.is_empty() => {
                let i = at.min(d.len() - 1);
                d[i] ^= 1 << rng.below(8);
            }
            1 => d.insert(at, rng.next() as u8),
            2 if at < d.len() => {
                let n = 1 + rng.below(16).min(d.len() - at - 1);
                d.drain(at..at + n);
            }
            3 => d.truncate(at),
            4 if !d.is_empty() => {
                let i = at.min(d.len() - 1);
                d[i] = [0x00, 0xFF, 0x7F, 0x80, b'0', b'<', b'(', b'/'][rng.below(8)];
            }
            5 if !other.is_empty() => {
                let from = rng.below(other.len());
                let n = 1 + rng.below(256).min(other.len() - from - 1);
                d.splice(at..at, other[from..from + n].iter().copied());
            }
            6 if at + 4 <= d.len() => {
                let v: [u8; 4] = [0xFF, 0xFF, 0xFF, 0x7F];
                d[at..at + 4].copy_from_slice(&v);
            }
            _ => {}
        }
    }
    d
}

fn run(name: &str, target: Target, what: &str, input: &[u8]) -> Result<(), String> {
    catch_unwind(AssertUnwindSafe(|| target(input))).map_err(|e| {
        let msg = e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()));
        format!("{name} panicked on {what}: {}", msg.unwrap_or_default())
    })
}

#[test]
fn every_target_survives_its_seeds_and_their_mutations() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = seeds(&[&root.join("fixtures"), &root.join("examples")], SEEDS_PER_TARGET);
    all.extend(kept(&root.join("fuzz/hand-seeds")));
    let mut failures = Vec::new();
    for &(name, target) in TARGETS {
        let mine: Vec<&(&str, String, Vec<u8>)> = all.iter().filter(|s| s.0 == name).collect();
        assert!(!mine.is_empty(), "no seeds for {name}");
        let mut rng = Rng(0x1A4B_0000 ^ name.len() as u64);
        for (i, (_, seed, data)) in mine.iter().enumerate() {
            failures.extend(run(name, target, seed, data).err());
            let other = &mine[(i + 1) % mine.len()].2;
            for m in 0..mutations(name) {
                let input = mutate(&mut rng, data, other);
                failures.extend(run(name, target, &format!("{seed} mutation {m}"), &input).err());
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

/// The files of `dir/<target>/` for every target (hand-made seeds, kept crashes), as `(target, name,
/// bytes)`; Markdown files there describe the others.
fn kept(dir: &Path) -> Vec<(&'static str, String, Vec<u8>)> {
    let mut out = Vec::new();
    for &(name, _) in TARGETS {
        let Ok(read) = std::fs::read_dir(dir.join(name)) else { continue };
        let mut paths: Vec<_> = read.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            if path.extension().is_some_and(|e| e == "md") {
                continue;
            }
            out.push((name, path.display().to_string(), std::fs::read(&path).unwrap()));
        }
    }
    out
}

#[test]
fn every_kept_crash_is_fixed() {
    let crashes = kept(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions"));
    let mut failures = Vec::new();
    for (name, path, data) in &crashes {
        let target = TARGETS.iter().find(|t| t.0 == *name).unwrap().1;
        failures.extend(run(name, target, path, data).err());
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}
