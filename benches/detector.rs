//! The matching core on a 20 MB generated Dutch corpus with realistic PII density.
//!
//! Three measurements in one run, so the README can state the detector as a ratio:
//!
//! - `lak_detector`: the full default rule set (`Detector::detect` per document, as the pipeline calls it);
//! - `bare_aho_corasick`: one aho-corasick pass over the same name gazetteers (first names + surnames,
//!   leftmost-longest, ASCII case-insensitive), counting matches; once with the default automaton
//!   (contiguous NFA) and once with the DFA;
//! - `bare_regex`: one pass of the rule set's patterns as a single multi-pattern meta regex, counting
//!   matches (no validators, no context, no names).
//!
//! Run: `cargo bench --bench detector`. Set `LAK_BENCH_MB` to change the corpus size.

#[path = "synth/mod.rs"]
mod synth;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lak::detect::Detector;
use lak::rules::{RuleKind, RuleSet};
use regex_automata::meta::Regex;

fn corpus_documents() -> Vec<String> {
    let mb: usize = std::env::var("LAK_BENCH_MB").ok().and_then(|s| s.parse().ok()).unwrap_or(20);
    let mut g = synth::Gen::new(7);
    let mut docs = Vec::new();
    let mut total = 0;
    while total < mb * 1024 * 1024 {
        let d = g.document(4000).text;
        total += d.len();
        docs.push(d);
    }
    docs
}

fn bench(c: &mut Criterion) {
    let docs = corpus_documents();
    let bytes: usize = docs.iter().map(String::len).sum();
    let rules = RuleSet::builtin().unwrap();
    let detector = Detector::new(&rules).unwrap();
    let mut names: Vec<String> = Vec::new();
    let mut patterns: Vec<String> = Vec::new();
    for r in rules.rules() {
        match &r.kind {
            RuleKind::PersonName(lists) => {
                names.extend(lists.first_names.iter().cloned());
                names.extend(lists.surnames.iter().cloned());
            }
            RuleKind::Patterns(ps) => patterns.extend(ps.iter().cloned()),
            RuleKind::Terms { .. } | RuleKind::StreetGazetteer(_) => {}
        }
    }
    let ac_nfa = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(&names)
        .unwrap();
    let ac_dfa = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&names)
        .unwrap();
    let regex = Regex::new_many(&patterns).unwrap();
    eprintln!(
        "corpus: {} documents, {:.1} MB; gazetteer patterns: {}; regex patterns: {}; AC NFA {:.1} MB, DFA {:.1} MB",
        docs.len(),
        bytes as f64 / 1e6,
        names.len(),
        patterns.len(),
        ac_nfa.memory_usage() as f64 / 1e6,
        ac_dfa.memory_usage() as f64 / 1e6
    );

    let mut g = c.benchmark_group("matching_core");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("lak_detector", |b| {
        let mut scratch = detector.scratch();
        b.iter(|| {
            let mut n = 0;
            for d in &docs {
                n += detector.detect(&mut scratch, &[d.as_str()]).len();
            }
            n
        })
    });
    g.bench_function("bare_aho_corasick_nfa", |b| {
        b.iter(|| docs.iter().map(|d| ac_nfa.find_iter(d).count()).sum::<usize>())
    });
    g.bench_function("bare_aho_corasick_dfa", |b| {
        b.iter(|| docs.iter().map(|d| ac_dfa.find_iter(d).count()).sum::<usize>())
    });
    g.bench_function("bare_regex", |b| {
        let mut cache = regex.create_cache();
        b.iter(|| docs.iter().map(|d| regex.find_iter(d).count()).sum::<usize>());
        let _ = &mut cache;
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
