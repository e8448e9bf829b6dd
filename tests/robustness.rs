//! Hostile input never panics: the detector on random and mutated text, the plain-text adapter on random
//! bytes, and redaction of whatever is found always leaves well-formed output. Deterministic (fixed
//! seeds), so a failure reproduces.

#[path = "../benches/synth/mod.rs"]
mod synth;

use lak::decide::Policy;
use lak::detect::Detector;
use lak::formats::{Format, Options, PlainText};
use lak::model::Mode;
use lak::rules::RuleSet;
use synth::Rng;

/// Characters chosen to stress the tokenizer, normaliser and patterns: separators, combining marks,
/// zero-width characters, ligatures, digits, capitals, apostrophes, brackets.
const ALPHABET: &[char] = &[
    'a', 'J', 'n', 's', 'e', ' ', ' ', '.', ',', '-', '\'', '(', ')', ':', ';', '@', '+', '0', '1', '6', '9', '\n',
    '\r', '\t', 'é', 'Ö', '\u{308}', '\u{301}', '\u{200B}', '\u{00AD}', '\u{00A0}', '\u{2013}', '\u{2019}', 'ﬁ', 'Ĳ',
    'İ', 'ß', '€', '𝔄', '\u{feff}', 'V', 'D', 'B', 'N', 'L', '/', '[', ']', '<', '>',
];

#[test]
fn the_detector_survives_random_text() {
    let rules = RuleSet::builtin().unwrap();
    let det = Detector::new(&rules).unwrap();
    let policy = Policy::new(Mode::Woo, &rules);
    let mut scratch = det.scratch();
    let mut rng = Rng::new(99);
    for round in 0..3000 {
        let len = rng.below(300);
        let text: String = (0..len).map(|_| *rng.pick(ALPHABET)).collect();
        let units = [text.as_str(), "J. Jansen", ""];
        let found = det.detect(&mut scratch, &units);
        for f in &found {
            assert!(f.start <= f.end && f.end <= units[f.unit].len(), "round {round}: span out of range");
            assert!(units[f.unit].is_char_boundary(f.start) && units[f.unit].is_char_boundary(f.end));
        }
        let _ = policy.decide(&rules, &units, found);
    }
}

#[test]
fn mutated_letters_redact_to_valid_text() {
    let rules = RuleSet::builtin().unwrap();
    let det = Detector::new(&rules).unwrap();
    let policy = Policy::new(Mode::Woo, &rules);
    let mut scratch = det.scratch();
    let mut g = synth::Gen::new(5);
    let mut rng = Rng::new(6);
    for _ in 0..300 {
        let mut text: Vec<char> = g.document(1500).text.chars().collect();
        for _ in 0..rng.below(40) {
            let at = rng.below(text.len().max(1));
            match rng.below(3) {
                0 => text.insert(at, *rng.pick(ALPHABET)),
                1 if !text.is_empty() => {
                    text.remove(at);
                }
                _ => {
                    if let Some(c) = text.get_mut(at) {
                        *c = *rng.pick(ALPHABET);
                    }
                }
            }
        }
        let text: String = text.into_iter().collect();
        let doc = PlainText.open(text.clone().into_bytes(), &Options::default()).unwrap();
        let units = doc.units();
        let found = det.detect(&mut scratch, &units);
        let redactions = lak::decide::plan(&rules, Mode::Woo, &policy.decide(&rules, &units, found));
        let out = doc.redact(&redactions).expect("non-overlapping spans redact");
        assert!(String::from_utf8(out.bytes).is_ok());
    }
}

#[test]
fn the_text_adapter_refuses_or_accepts_random_bytes_without_panicking() {
    let mut rng = Rng::new(7);
    for _ in 0..2000 {
        let len = rng.below(200);
        let bytes: Vec<u8> = (0..len).map(|_| rng.below(256) as u8).collect();
        match PlainText.open(bytes, &Options::default()) {
            Ok(doc) => {
                let _ = doc.locate(0, 0, 0);
            }
            Err(m) => assert!(["binary", "not_utf8"].contains(&m.code.as_str()), "{m}"),
        }
    }
}
