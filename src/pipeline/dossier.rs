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
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHasher};

use crate::model::{Decided, Dossier, DossierName, DossierValue, Source};
use crate::rules::RuleSet;

/// What one document redacted, and which words it contains.
#[derive(Debug, Default)]
pub(crate) struct Trace {
    /// The document's input path (as the report gives it), shared by its entries.
    path: Arc<str>,
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
    /// The fingerprint of the dossier the document was processed with.
    given: u64,
}

impl Trace {
    /// The trace of a decided document. `official[i]` says whether `decided[i]` was kept for its office.
    pub(crate) fn new(path: &str, rules: &RuleSet, units: &[&str], decided: &[Decided]) -> Trace {
        let mut t = Trace { path: path.into(), ..Trace::default() };
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
                            from: Arc::clone(&t.path),
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
                        t.values.push(DossierValue {
                            value: text.to_string(),
                            rule: f.rule,
                            ground: f.evidence.ground.clone(),
                            from: Arc::clone(&t.path),
                        });
                    }
                }
                _ => {}
            }
        }
        t.words = units.iter().flat_map(|u| words(u)).map(|w| hash(&w)).collect();
        t.words.sort_unstable();
        t.words.dedup();
        // Kept until the dossier rounds end, for every document: without the room the duplicates (and
        // the growth of the lists) took.
        t.words.shrink_to_fit();
        t.names.shrink_to_fit();
        t.values.shrink_to_fit();
        t.redacted_names.shrink_to_fit();
        t.officials.shrink_to_fit();
        t
    }

    /// Records the dossier the document was processed with.
    pub(crate) fn processed_with(mut self, dossier: &Dossier) -> Trace {
        self.given = fingerprint(dossier);
        self
    }

    /// The dossier to process this document with again, when it needs that: something the other
    /// documents redacted may stand here unredacted, and the document has not yet been processed with
    /// exactly this knowledge (a value it cannot redact even so — a word surname that stands here without
    /// its tussenvoegsels — does not make it go round again).
    pub(crate) fn again(&self, known: &Known) -> Option<Dossier> {
        if !self.needs(known) {
            return None;
        }
        let relevant = self.relevant(known);
        (fingerprint(&relevant) != self.given).then_some(relevant)
    }

    fn has_words(&self, value: &str) -> bool {
        let mut ws = words(value).peekable();
        ws.peek().is_some() && ws.all(|w| self.words.binary_search(&hash(&w)).is_ok())
    }

    /// Whether a value or name the dossier redacts may occur here without being redacted.
    fn needs(&self, known: &Known) -> bool {
        let mut needs = false;
        self.visit(known, |entry| {
            needs |= match entry {
                // A name kept elsewhere for its office asks nothing of this document.
                Entry::Name(n) => {
                    n.official.is_none()
                        && n.parts.surnames.iter().any(|w| !self.redacted.contains(w) && self.has_words(w))
                }
                Entry::Value(v) => !self.redacted.contains(&v.value),
                Entry::Office => true,
            };
        });
        needs
    }

    /// What the other documents redacted that may occur here: the dossier to process this document
    /// with. Found through the index of the words of each entry, so a document costs the words it has,
    /// not the size of the dossier.
    pub(crate) fn relevant(&self, known: &Known) -> Dossier {
        self.pick(known).dossier(known)
    }

    /// Which entries of `known` [`Trace::relevant`] gives this document, by their indices.
    pub(crate) fn pick(&self, known: &Known) -> Picked {
        let mut p = Picked::default();
        self.visit_indexed(known, |kind, i| match kind {
            0 => p.names.push(i as u32),
            1 => p.values.push(i as u32),
            _ => p.offices.push(i as u32),
        });
        // In the run's order, whatever order the words came in.
        for v in [&mut p.names, &mut p.values, &mut p.offices] {
            v.sort_unstable();
            v.dedup();
        }
        p
    }

    fn visit(&self, known: &Known, mut f: impl FnMut(Entry<'_>)) {
        let d = &known.dossier;
        self.visit_indexed(known, |kind, i| match kind {
            0 => f(Entry::Name(&d.names[i])),
            1 => f(Entry::Value(&d.values[i])),
            _ => f(Entry::Office),
        });
    }

    /// Calls `f(kind, index)` for every entry of another document that may occur here: names (kind 0,
    /// also those kept there for an office) with a surname whose words are all here, values (1) whose words are all here, and redacted names
    /// (2) that this document kept for an office.
    fn visit_indexed(&self, known: &Known, mut f: impl FnMut(u8, usize)) {
        let d = &known.dossier;
        let other = |from: &str| from != &*self.path;
        for w in &self.words {
            for &i in known.names.get(w).map_or(&[][..], Vec::as_slice) {
                let n = &d.names[i];
                if other(&n.from) && n.parts.surnames.iter().any(|s| self.has_words(s)) {
                    f(0, i);
                }
            }
            for &i in known.values.get(w).map_or(&[][..], Vec::as_slice) {
                let v = &d.values[i];
                if other(&v.from) && self.has_words(&v.value) {
                    f(1, i);
                }
            }
        }
        for o in &self.officials {
            for &i in known.redacted.get(&hash(o)).map_or(&[][..], Vec::as_slice) {
                if other(&d.redacted_names[i].1) {
                    f(2, i);
                }
            }
        }
    }
}

/// The entries of a round's [`Known`] that one document was given, by index: what a document keeps of
/// the dossier it was processed with, at four bytes an entry, to be processed again with the same
/// (`--label pseudonym`).
#[derive(Clone, Debug, Default)]
pub(crate) struct Picked {
    names: Vec<u32>,
    values: Vec<u32>,
    offices: Vec<u32>,
}

impl Picked {
    /// The dossier these entries of `known` make: each name and value once.
    pub(crate) fn dossier(&self, known: &Known) -> Dossier {
        let d = &known.dossier;
        let mut out = Dossier::default();
        let mut seen = BTreeSet::new();
        for &i in &self.names {
            let n = &d.names[i as usize];
            if seen.insert((0, n.text.as_str(), n.official.is_some())) {
                out.names.push(n.clone());
            }
        }
        for &i in &self.values {
            let v = &d.values[i as usize];
            if seen.insert((1, v.value.as_str(), false)) {
                out.values.push(v.clone());
            }
        }
        for &i in &self.offices {
            let (n, from) = &d.redacted_names[i as usize];
            if seen.insert((2, n.as_str(), false)) {
                out.redacted_names.push((n.clone(), from.clone()));
            }
        }
        out
    }
}

/// The dossier a document was last processed with, kept to process it again with the same once the
/// run's people are numbered (`--label pseudonym`).
#[derive(Clone, Debug)]
pub(crate) enum Given {
    /// Entries of a dossier round's knowledge (shared by the documents of that round).
    Picked(std::sync::Arc<Known>, Picked),
    /// A dossier of its own (copies with the same text, see `same_text_alike`).
    Own(Dossier),
}

impl Given {
    /// The dossier itself.
    pub(crate) fn dossier(&self) -> Dossier {
        match self {
            Given::Picked(known, picked) => picked.dossier(known),
            Given::Own(d) => d.clone(),
        }
    }
}

/// One entry of the dossier, as [`Trace::needs`] looks at it.
enum Entry<'a> {
    Name(&'a DossierName),
    Value(&'a DossierValue),
    Office,
}

/// The dossier of a round, with an index from words to its entries.
#[derive(Debug, Default)]
pub(crate) struct Known {
    dossier: Dossier,
    /// The hash of the first word of each surname of a name → the name's index.
    names: FxHashMap<u64, Vec<usize>>,
    /// The hash of the first word of a value → its index.
    values: FxHashMap<u64, Vec<usize>>,
    /// The hash of a redacted name as written (lower case) → its index.
    redacted: FxHashMap<u64, Vec<usize>>,
}

/// The dossier the traces make: each name, value and redacted name from the first two documents (in
/// the run's order) that redacted it — two, so that a document that redacted it itself still learns of
/// it when another document redacted it too.
pub(crate) fn dossier<'a>(traces: impl Iterator<Item = &'a Trace>) -> Known {
    let mut d = Dossier::default();
    // Names by their surnames: propagation seeds one name per surname word, so the first two names with
    // the same surnames stand for all (a dossier of thousands of documents names `Jansen` in many ways).
    let mut names: BTreeMap<(Vec<String>, bool), u8> = BTreeMap::new();
    let mut values: BTreeMap<String, u8> = BTreeMap::new();
    let mut redacted: BTreeMap<String, u8> = BTreeMap::new();
    let twice = |seen: &mut u8| {
        *seen += 1;
        *seen <= 2
    };
    for t in traces {
        for n in &t.names {
            if twice(names.entry((n.parts.surnames.clone(), n.official.is_some())).or_default()) {
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
                d.redacted_names.push((n.clone(), Arc::clone(&t.path)));
            }
        }
    }
    let mut k = Known::default();
    for (i, n) in d.names.iter().enumerate() {
        let mut keys: Vec<u64> = n.parts.surnames.iter().filter_map(|s| words(s).next()).map(|w| hash(&w)).collect();
        keys.dedup();
        for key in keys {
            k.names.entry(key).or_default().push(i);
        }
    }
    // A value under its rarest word (`Kerkstraat 12` under `12` or `kerkstraat`, whichever fewer values
    // have), so that a document looks at few values per word it has.
    let mut count: FxHashMap<u64, usize> = FxHashMap::default();
    for v in &d.values {
        for w in words(&v.value) {
            *count.entry(hash(&w)).or_default() += 1;
        }
    }
    for (i, v) in d.values.iter().enumerate() {
        if let Some(key) = words(&v.value).map(|w| hash(&w)).min_by_key(|h| (count[h], *h)) {
            k.values.entry(key).or_default().push(i);
        }
    }
    for (i, (n, _)) in d.redacted_names.iter().enumerate() {
        k.redacted.entry(hash(n)).or_default().push(i);
    }
    k.dossier = d;
    k
}

/// A hash of everything in a dossier, to tell whether a document was processed with it.
fn fingerprint(d: &Dossier) -> u64 {
    let mut h = FxHasher::default();
    for n in &d.names {
        (&n.text, &n.from, &n.official).hash(&mut h);
    }
    0xffu8.hash(&mut h);
    for v in &d.values {
        (&v.value, &v.from).hash(&mut h);
    }
    0xffu8.hash(&mut h);
    d.redacted_names.hash(&mut h);
    h.finish()
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
            by: crate::model::DecidedBy::Rule,
            id: None,
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
        assert_eq!(d.dossier.names.len(), 1);
        assert_eq!(d.dossier.redacted_names.len(), 1);
        assert!(!a.needs(&d), "the document that redacted it");
        assert!(b.needs(&d));
        assert!(!c.needs(&d));
        // What each document is processed with: only what occurs in it, never its own.
        assert!(a.relevant(&d).is_empty());
        assert_eq!(b.relevant(&d).names.len(), 1);
        assert!(c.relevant(&d).is_empty());
        // Processed with that and still not redacting it (the name may stand there in a form that is no
        // name), it does not go round again: rounds end when nothing new is known.
        let given = b.again(&d).expect("first time with the dossier");
        let b = Trace::new("b.txt", &r, &["Kwakernaat belde terug."], &[]).processed_with(&given);
        assert!(b.again(&d).is_none());
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
            by: crate::model::DecidedBy::Rule,
            id: None,
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
