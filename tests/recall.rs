//! Recall on a labelled synthetic corpus: lak must find what the generator planted.
//!
//! The generator (`benches/synth`) plants BSNs, IBANs, e-mail addresses, phone numbers, postcodes,
//! addresses, names (common Dutch and immigrant names, and invented surnames that are in no gazetteer,
//! in the forms documents use), dates of birth, plates, document numbers and IP addresses, plus 9-digit
//! numbers that fail the 11-proof. A planted value counts as found when one redacted finding of the right
//! category covers it entirely. Thresholds are the issue's: ≥ 0.99 for BSN, IBAN, e-mail, phone and
//! postcode, ≥ 0.95 for names, and no invalid number flagged as a BSN.

#[path = "../benches/synth/mod.rs"]
mod synth;

use std::collections::BTreeMap;

use lak::decide::Policy;
use lak::detect::Detector;
use lak::model::Mode;
use lak::rules::RuleSet;
use synth::{Gen, Kind};

#[test]
fn recall_on_synthetic_documents() {
    let rules = RuleSet::builtin().unwrap();
    let detector = Detector::new(&rules).unwrap();
    let policy = Policy::new(Mode::Woo, &rules);
    let mut scratch = detector.scratch();
    let mut generator = Gen::new(20_251_123);
    let mut total: BTreeMap<Kind, (usize, usize)> = BTreeMap::new();
    let mut misses: BTreeMap<Kind, Vec<String>> = BTreeMap::new();
    let mut decoys_flagged = Vec::new();
    for _ in 0..900 {
        let doc = generator.document(3000);
        let units = [doc.text.as_str()];
        let found = detector.detect(&mut scratch, &units);
        let decided = policy.decide(&rules, &units, found);
        let redacted: Vec<_> = decided.iter().filter(|d| d.is_redacted()).map(|d| &d.finding).collect();
        for label in &doc.labels {
            let hit = redacted.iter().any(|f| {
                f.start <= label.start
                    && label.end <= f.end
                    && label.kind.categories().contains(&rules.rule(f.rule).category.as_str())
            });
            let e = total.entry(label.kind).or_default();
            e.0 += 1;
            if hit {
                e.1 += 1;
            } else {
                let from = doc.text[..label.start].char_indices().rev().nth(30).map_or(0, |(i, _)| i);
                let to = doc.text[label.end..].char_indices().nth(20).map_or(doc.text.len(), |(i, _)| label.end + i);
                misses.entry(label.kind).or_default().push(doc.text[from..to].replace('\n', " "));
            }
        }
        for &(s, e) in &doc.decoys {
            if redacted.iter().any(|f| rules.rule(f.rule).category == "bsn" && f.start < e && s < f.end) {
                decoys_flagged.push(doc.text[s..e].to_string());
            }
        }
    }
    let mut table = String::new();
    for (kind, (n, hit)) in &total {
        let recall = *hit as f64 / *n as f64;
        table.push_str(&format!("{kind:?}: {hit}/{n} = {recall:.4}\n"));
        for m in misses.get(kind).into_iter().flatten().take(5) {
            table.push_str(&format!("    missed in: …{m}…\n"));
        }
    }
    eprintln!("{table}");
    for (kind, (n, hit)) in &total {
        let recall = *hit as f64 / *n as f64;
        let need = match kind {
            Kind::Bsn | Kind::Iban | Kind::Email | Kind::Phone | Kind::Postcode => 0.99,
            Kind::Name => 0.95,
            _ => 0.95,
        };
        assert!(recall >= need, "{kind:?} recall {recall:.4} < {need}\n{table}");
    }
    assert!(decoys_flagged.is_empty(), "numbers failing the 11-proof flagged as BSN: {decoys_flagged:?}");
}
