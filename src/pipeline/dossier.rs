//! Dossier-wide consistency: a value redacted in one document of a run is redacted in every document of
//! the run where it occurs.
//!
//! Inconsistent redaction across a dossier is the classic leak: a name blacked out in one e-mail and
//! readable in the next, because the next one gave the recogniser no context. So every document leaves
//! a [`Trace`] of what it redacted — its confirmed names, its other redacted values, the surnames it kept
//! only for an office — and of which words it contains (a sorted list of word hashes, a few kilobytes per
//! document, instead of its text). After the first pass the traces make one [`Dossier`]; a document in
//! which a value redacted elsewhere may occur un-redacted (its words are all there) is processed again
//! with the dossier: names confirmed elsewhere are found the way names confirmed in the same document are
//! (`propagate.rs`), other values as whole words (`repeat.rs`), and a name kept for its office is redacted
//! when its surname is redacted for a person elsewhere. The findings say which document the value came
//! from (`evidence.source`: `dossier`). New redactions can make more documents need it, so this repeats,
//! at most [`crate::limits::MAX_DOSSIER_ROUNDS`] times.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;

use crate::model::{Decided, Dossier, DossierName, DossierValue, Source};
use crate::rules::RuleSet;

/// What one document redacted, and which words it contains.
#[derive(Debug, Default)]
pub(crate) struct Trace {
    /// The document's input path (as the report gives it).
    path: String,
    names: Vec<DossierName>,
    values: Vec<DossierValue>,
    /// Names redacted for a person here, as written (lower case).
    redacted_names: Vec<String>,
    /// Names kept here only for their office, as written (lower case).
    officials: Vec<String>,
    /// Lower-case name words and values redacted here.
    redacted: BTreeSet<String>,
    /// Hashes of the document's lower-case words, sorted.
    words: Vec<u64>,
}

impl Trace {
    /// The trace of a decided document. `official[i]` says whether `decided[i]` was kept for its office.
    pub(crate) fn new(path: &str, rules: &RuleSet, units: &[&str], decided: &[Decided]) -> Trace {
        let mut t = Trace { path: path.to_string(), ..Trace::default() };
        let kept: Vec<&str> = decided.iter().filter(|d| !d.is_redacted()).map(|d| d.finding.text(units)).collect();
        for d in decided {
            let f = &d.finding;
            let text = f.text(units).trim();
            let person = rules.rule(f.rule).category == "person";
            match (&f.evidence.name, person) {
                (Some(parts), true) => {
                    let confirmed = matches!(f.evidence.source, Some(Source::Name { .. })) && f.confidence >= 0.7;
                    if d.is_redacted() {
                        t.redacted_names.push(text.to_lowercase());
                        t.redacted.extend(parts.surnames.iter().chain(&parts.given).cloned());
                    } else if f.evidence.official.is_some() {
                        t.officials.push(text.to_lowercase());
                    }
                    let keep_reason_official = f.evidence.official.is_some() && !d.is_redacted();
                    if confirmed && (d.is_redacted() || keep_reason_official) {
                        t.names.push(DossierName {
                            text: text.to_string(),
                            parts: parts.clone(),
                            official: f.evidence.official.clone().filter(|_| !d.is_redacted()),
                            from: path.to_string(),
                        });
                    }
                }
                _ if d.is_redacted() => {
                    let long_enough = text.chars().filter(|c| c.is_alphanumeric()).count() >= 4;
                    // The town of an address alone (a Woonplaats cell) is no value to look for elsewhere:
                    // every letter from the town hall names it.
                    let town = matches!(f.evidence.source, Some(Source::Cell { .. }))
                        && !text.contains(|c: char| c.is_ascii_digit());
                    if long_enough && !town && !kept.iter().any(|k| k.contains(text)) {
                        t.redacted.insert(text.to_string());
                        t.values.push(DossierValue { value: text.to_string(), rule: f.rule, from: path.to_string() });
                    }
                }
                _ => {}
            }
        }
        t.words = units.iter().flat_map(|u| words(u)).map(|w| hash(&w)).collect();
        t.words.sort_unstable();
        t.words.dedup();
        t
    }

    fn has_words(&self, value: &str) -> bool {
        let mut ws = words(value).peekable();
        ws.peek().is_some() && ws.all(|w| self.words.binary_search(&hash(&w)).is_ok())
    }

    /// Whether a value or name the dossier redacts may occur here without being redacted.
    pub(crate) fn needs(&self, dossier: &Dossier) -> bool {
        let other = |from: &str| from != self.path;
        let names = dossier
            .names
            .iter()
            .filter(|n| n.official.is_none() && other(&n.from))
            .any(|n| n.parts.surnames.iter().any(|w| !self.redacted.contains(w) && self.has_words(w)));
        let values = dossier
            .values
            .iter()
            .filter(|v| other(&v.from))
            .any(|v| !self.redacted.contains(&v.value) && self.has_words(&v.value));
        let offices = dossier.redacted_names.iter().any(|(n, from)| other(from) && self.officials.contains(n));
        names || values || offices
    }
}

/// The dossier the traces make: each name, value and redacted name from the first two documents (in
/// the run's order) that redacted it — two, so that [`Dossier::without`] a document still has it when
/// another document redacted it too.
pub(crate) fn dossier<'a>(traces: impl Iterator<Item = &'a Trace>) -> Dossier {
    let mut d = Dossier::default();
    let mut names: BTreeMap<(String, bool), u8> = BTreeMap::new();
    let mut values: BTreeMap<String, u8> = BTreeMap::new();
    let mut redacted: BTreeMap<String, u8> = BTreeMap::new();
    let twice = |seen: &mut u8| {
        *seen += 1;
        *seen <= 2
    };
    for t in traces {
        for n in &t.names {
            if twice(names.entry((n.text.clone(), n.official.is_some())).or_default()) {
                d.names.push(n.clone());
            }
        }
        for v in &t.values {
            if twice(values.entry(v.value.clone()).or_default()) {
                d.values.push(v.clone());
            }
        }
        for n in &t.redacted_names {
            if twice(redacted.entry(n.clone()).or_default()) {
                d.redacted_names.push((n.clone(), t.path.clone()));
            }
        }
    }
    d
}

/// The lower-case runs of letters and digits of `text`.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

fn hash(word: &str) -> u64 {
    let mut h = FxHasher::default();
    word.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, Evidence, Finding, NameParts};

    fn rules() -> RuleSet {
        RuleSet::builtin().unwrap()
    }

    fn rule(rules: &RuleSet, id: &str) -> usize {
        rules.rules().iter().position(|r| r.id == id).unwrap()
    }

    fn name(rules: &RuleSet, unit: usize, start: usize, end: usize, surname: &str, action: Action) -> Decided {
        Decided {
            finding: Finding {
                unit,
                start,
                end,
                rule: rule(rules, "person-name"),
                confidence: 0.9,
                evidence: Evidence {
                    source: Some(Source::Name { form: "initials + surname" }),
                    name: Some(NameParts {
                        surnames: vec![surname.into()],
                        initials: "j".into(),
                        ..NameParts::default()
                    }),
                    ..Evidence::default()
                },
            },
            action,
        }
    }

    #[test]
    fn a_name_redacted_in_one_document_makes_another_that_holds_it_unredacted_need_the_dossier() {
        let r = rules();
        let a_units = ["Gesprek met J. Kwakernaat over de aanvraag."];
        let a = Trace::new("a.txt", &r, &a_units, &[name(&r, 0, 12, 25, "kwakernaat", Action::Redact)]);
        let b = Trace::new("b.txt", &r, &["Kwakernaat belde terug."], &[]);
        let c = Trace::new("c.txt", &r, &["Niemand belde."], &[]);
        let d = dossier([&a, &b, &c].into_iter());
        assert_eq!(d.names.len(), 1);
        assert_eq!(d.redacted_names.len(), 1);
        assert!(!a.needs(&d), "the document that redacted it");
        assert!(b.needs(&d));
        assert!(!c.needs(&d));
    }

    #[test]
    fn values_and_offices_count_too() {
        let r = rules();
        let bsn = Decided {
            finding: Finding {
                unit: 0,
                start: 4,
                end: 13,
                rule: rule(&r, "bsn"),
                confidence: 0.99,
                evidence: Evidence::default(),
            },
            action: Action::Redact,
        };
        let a =
            Trace::new("a.txt", &r, &["BSN 111222333 Kramer"], &[bsn, name(&r, 0, 14, 20, "kramer", Action::Redact)]);
        let b = Trace::new("b.txt", &r, &["kenmerk 111222333"], &[]);
        let mut official = name(&r, 0, 10, 16, "kramer", Action::Keep { reason: "official".into() });
        official.finding.evidence.official = Some("wethouder".into());
        let c = Trace::new("c.txt", &r, &["wethouder Kramer"], &[official]);
        let d = dossier([&a, &b, &c].into_iter());
        assert!(b.needs(&d));
        assert!(c.needs(&d), "a name kept for its office whose surname is redacted elsewhere");
    }
}
