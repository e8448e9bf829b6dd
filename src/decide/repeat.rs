//! A value removed once is removed everywhere in the document.
//!
//! The detector decides per occurrence: `TagName` can be a name in one sentence and pass unnoticed in
//! the next, a date is a date of birth under `Geboortedatum` and a plain date elsewhere. Publishing the
//! second copy of a value lak blacked out in the first would undo the redaction, and the final byte
//! sweep (`pipeline/sweep.rs`) would then withhold the whole document. So, after the decisions, every
//! other occurrence of a redacted value — the same characters, in the same case, as a whole word — is
//! redacted too, under the same rule, with evidence that says where it came from.
//!
//! The values are the ones the sweep searches for ([`removed_values`]): redacted texts of at least four
//! letters or digits that do not also occur inside a kept finding (an official's name, the requester's
//! own data). Occurrences inside a keep-list term or overlapping another finding are left alone.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::model::{Decided, DossierValue, Evidence, Finding, Source};

/// The values every copy of which must go: each redacted text (trimmed), unless it also occurs inside a
/// kept one or has fewer than four letters or digits. Sorted, without duplicates.
pub fn removed_values(units: &[&str], decided: &[Decided]) -> Vec<String> {
    let kept: Vec<&str> = decided.iter().filter(|d| !d.is_redacted()).map(|d| d.finding.text(units)).collect();
    let mut values: Vec<String> = decided
        .iter()
        .filter(|d| d.is_redacted())
        // The town of an address alone (a Woonplaats cell): the town hall's own letterhead names it too.
        .filter(|d| {
            !matches!(d.finding.evidence.source, Some(Source::Cell { .. }))
                || d.finding.text(units).contains(|c: char| c.is_ascii_digit())
        })
        .map(|d| d.finding.text(units).trim().to_string())
        .filter(|v| v.chars().filter(|c| c.is_alphanumeric()).count() >= 4)
        .filter(|v| !kept.iter().any(|k| k.contains(v.as_str())))
        .collect();
    values.sort();
    values.dedup();
    values
}

/// Whether `hay[start..end]` is not glued to an ASCII letter or digit on either side (the sweep's test,
/// so that everything the sweep would find in a unit is redacted first).
pub(crate) fn bounded(hay: &[u8], start: usize, end: usize) -> bool {
    let glued = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
    !glued(start.checked_sub(1).and_then(|s| hay.get(s))) && !glued(hay.get(end))
}

/// Adds a redacted finding for every occurrence of a removed value that no finding covers yet.
/// `keep_spans` are the keep-list occurrences per unit; the result is ordered by unit and offset.
/// `dossier` are values redacted in other documents of the run: their copies are redacted too, with
/// evidence that names the document.
pub(super) fn complete(
    units: &[&str],
    decided: &mut Vec<Decided>,
    keep_spans: &[Vec<(usize, usize, usize)>],
    dossier: &[DossierValue],
) {
    let mut values = removed_values(units, decided);
    // The finding each value is taken from: the first redacted one with that text.
    let mut first: BTreeMap<&str, &Finding> = BTreeMap::new();
    for d in decided.iter().filter(|d| d.is_redacted()) {
        first.entry(d.finding.text(units).trim()).or_insert(&d.finding);
    }
    let mut origin: Vec<Finding> = values.iter().filter_map(|v| first.get(v.as_str()).map(|&f| f.clone())).collect();
    if origin.len() != values.len() {
        return;
    }
    // A value kept in this document (inside an official's name, the requester's data) stays kept here.
    let kept: Vec<&str> = decided.iter().filter(|d| !d.is_redacted()).map(|d| d.finding.text(units)).collect();
    for v in dossier {
        if values.contains(&v.value) || kept.iter().any(|k| k.contains(v.value.as_str())) {
            continue;
        }
        values.push(v.value.clone());
        origin.push(Finding {
            unit: 0,
            start: 0,
            end: 0,
            rule: v.rule,
            confidence: 0.9,
            evidence: Evidence {
                source: Some(Source::Dossier { of: v.value.clone(), from: v.from.to_string() }),
                ground: v.ground.clone(),
                ..Evidence::default()
            },
        });
    }
    if values.is_empty() {
        return;
    }
    // Built per document: a contiguous NFA builds in microseconds, a DFA (the default for few patterns)
    // costs more to build than the search saves.
    let Ok(ac) = AhoCorasickBuilder::new()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .match_kind(MatchKind::LeftmostLongest)
        .build(&values)
    else {
        // Too many values for one automaton: the byte sweep still withholds a document with a copy left.
        return;
    };
    // Spans already decided and keep-list spans, per unit, sorted: an occurrence overlapping one is left.
    let mut taken: Vec<Vec<(usize, usize)>> = vec![Vec::new(); units.len()];
    for d in decided.iter() {
        if let Some(t) = taken.get_mut(d.finding.unit) {
            t.push((d.finding.start, d.finding.end));
        }
    }
    for (t, k) in taken.iter_mut().zip(keep_spans) {
        t.extend(k.iter().map(|&(s, e, _)| (s, e)));
    }
    for t in &mut taken {
        t.sort_unstable();
    }
    // Decided spans do not overlap each other, but keep spans may overlap them: the longest end among
    // the spans before each position is what an occurrence must clear.
    let reach: Vec<Vec<usize>> = taken
        .iter()
        .map(|t| {
            t.iter()
                .scan(0, |m, &(_, e)| {
                    *m = e.max(*m);
                    Some(*m)
                })
                .collect()
        })
        .collect();
    let mut added = Vec::new();
    for (unit, text) in units.iter().enumerate() {
        for m in ac.find_iter(text) {
            let (start, end) = (m.start(), m.end());
            // Spans starting before `end`; the last of them reaching past `start` overlaps.
            let before = taken[unit].partition_point(|&(s, _)| s < end);
            if !bounded(text.as_bytes(), start, end) || (before > 0 && reach[unit][before - 1] > start) {
                continue;
            }
            let from = &origin[m.pattern().as_usize()];
            let source = match &from.evidence.source {
                Some(dossier @ Source::Dossier { .. }) => dossier.clone(),
                _ => Source::Repeated { of: values[m.pattern().as_usize()].clone() },
            };
            added.push(Decided {
                finding: Finding {
                    unit,
                    start,
                    end,
                    rule: from.rule,
                    confidence: from.confidence,
                    evidence: Evidence {
                        source: Some(source),
                        name: from.evidence.name.clone(),
                        // A ground a reviewer gave the value goes with every copy.
                        ground: from.evidence.ground.clone(),
                        ..Evidence::default()
                    },
                },
                action: crate::model::Action::Redact,
                by: crate::model::DecidedBy::Rule,
                id: None,
            });
        }
    }
    if added.is_empty() {
        return;
    }
    decided.extend(added);
    decided.sort_by_key(|d| (d.finding.unit, d.finding.start));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Action;

    fn decided(unit: usize, start: usize, end: usize, action: Action) -> Decided {
        Decided::by_rule(Finding { unit, start, end, rule: 0, confidence: 0.9, evidence: Evidence::default() }, action)
    }

    #[test]
    fn every_other_whole_word_copy_is_redacted() {
        let units = ["Aanvraag TagName ontvangen.", "TagName's brief; TagNames en tagname blijven.", "(TagName)"];
        let mut d = vec![decided(0, 9, 16, Action::Redact)];
        complete(&units, &mut d, &[vec![], vec![], vec![]], &[]);
        let spans: Vec<(usize, usize, usize)> =
            d.iter().map(|d| (d.finding.unit, d.finding.start, d.finding.end)).collect();
        assert_eq!(spans, vec![(0, 9, 16), (1, 0, 7), (2, 1, 8)]);
        assert_eq!(d[1].finding.evidence.source, Some(Source::Repeated { of: "TagName".into() }));
        assert!(d.iter().all(Decided::is_redacted));
    }

    #[test]
    fn values_kept_elsewhere_short_values_and_keep_terms_are_left_alone() {
        let keep = Action::Keep { reason: "official".into() };
        // `Jansen` is also inside a kept finding; `Eva` is too short; the last copy of `Bakker` is in a
        // keep-list term.
        let units = ["Jansen, Eva en Bakker.", "wethouder Jansen, Eva, Bakker & Zn"];
        let mut d = vec![
            decided(0, 0, 6, Action::Redact),
            decided(0, 8, 11, Action::Redact),
            decided(0, 15, 21, Action::Redact),
            decided(1, 10, 16, keep),
        ];
        complete(&units, &mut d, &[vec![], vec![(23, 34, 0)]], &[]);
        assert_eq!(d.len(), 4, "{d:?}");
    }
}
