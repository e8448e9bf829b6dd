//! The decision step: which findings are removed and which stay.
//!
//! The detector reports facts; a [`Policy`] turns them into actions for one run. A finding stays, with
//! the reason in the report, when:
//!
//! 1. it falls under one of its rule's exceptions (an organisational mailbox, a `14 0xx` number);
//! 2. it lies inside an occurrence of a `--keep` term, or is a name compatible with one;
//! 3. it is the name of a public administrator acting in office (`wethouder Jansen`), unless the run
//!    redacts officials too;
//! 4. in inzage mode, it is the requester's own data.
//!
//! Everything else is redacted. Doubt resolves to redaction: a lone surname shared by the requester and
//! another person in the same document is redacted. Then a reviewer's decisions (`--decisions`,
//! [`reviewer`]) override all of these, and conflict resolution does not undo a reviewer's keep. Last,
//! every other copy of a redacted value in the document is redacted too ([`repeat`]).

mod names;
pub mod pseudonyms;
mod repeat;
mod requester;
pub mod reviewer;

use std::collections::BTreeSet;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

pub use names::{NameBook, may_be_same, parse_name};
pub use pseudonyms::{Labels, Mention, Pseudonyms};
pub(crate) use repeat::bounded;
pub use repeat::removed_values;
pub use requester::Requester;
pub use reviewer::{DocumentKey, Review, Reviewer};

use crate::model::{Action, Decided, DecidedBy, Dossier, Finding, Mode, NameParts};
use crate::rules::{RuleKind, RuleSet};

/// How findings are decided in one run.
#[derive(Debug)]
pub struct Policy {
    mode: Mode,
    keep_officials: bool,
    keep_terms: Vec<String>,
    keep_ac: Option<AhoCorasick>,
    keep_names: NameBook,
    requester: Option<Requester>,
    reviewer: Option<Reviewer>,
}

impl Policy {
    /// A policy for `mode` with the keep list of `rules`.
    pub fn new(mode: Mode, rules: &RuleSet) -> Policy {
        let keep_terms: Vec<String> = rules.keep_terms().to_vec();
        let keep_ac = (!keep_terms.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(&keep_terms)
                .expect("keep terms build")
        });
        let tussen = tussenvoegsels(rules);
        let keep_names =
            NameBook::new(keep_terms.iter().filter(|t| looks_like_name(t)).map(|t| parse_name(t, &tussen)).collect());
        Policy { mode, keep_officials: true, keep_terms, keep_ac, keep_names, requester: None, reviewer: None }
    }

    /// Also redact the names of public officials acting in office.
    pub fn redact_officials(mut self) -> Policy {
        self.keep_officials = false;
        self
    }

    /// Keep the requester's own data (inzage).
    pub fn with_requester(mut self, requester: Requester) -> Policy {
        self.requester = Some(requester);
        self
    }

    /// Apply a reviewer's decisions on top of the rules.
    pub fn with_reviewer(mut self, reviewer: Reviewer) -> Policy {
        self.reviewer = Some(reviewer);
        self
    }

    /// The run's mode.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The reviewer's decisions, if the run has any.
    pub fn reviewer(&self) -> Option<&Reviewer> {
        self.reviewer.as_ref()
    }

    /// Decides every finding of one document (`units` are the texts the findings were made on).
    pub fn decide(&self, rules: &RuleSet, units: &[&str], findings: Vec<Finding>) -> Vec<Decided> {
        self.decide_in_dossier(rules, units, findings, &Dossier::default())
    }

    /// Like [`Policy::decide`], in a dossier: a value redacted in another document of the run is
    /// redacted here too, and a name kept only for its office is redacted when its surname is redacted
    /// for a person in another document.
    pub fn decide_in_dossier(
        &self,
        rules: &RuleSet,
        units: &[&str],
        findings: Vec<Finding>,
        dossier: &Dossier,
    ) -> Vec<Decided> {
        self.decide_document(rules, units, findings, dossier, None).0
    }

    /// Like [`Policy::decide_in_dossier`], for a document of the run (`doc`): a reviewer's decisions
    /// that address it are applied, and the result says which.
    pub fn decide_document(
        &self,
        rules: &RuleSet,
        units: &[&str],
        findings: Vec<Finding>,
        dossier: &Dossier,
        doc: Option<&DocumentKey<'_>>,
    ) -> (Vec<Decided>, Review) {
        let is_person = |f: &Finding| rules.rule(f.rule).category == "person";
        let person_names = || findings.iter().filter(|f| is_person(f)).filter_map(|f| f.evidence.name.as_ref());
        let keep_conflicts = self.keep_names.conflicts(person_names());
        let requester_conflicts = self.requester.as_ref().map(|r| r.names.conflicts(person_names()));
        let keep_spans = self.keep_spans(units);
        let mut official = Vec::with_capacity(findings.len());
        let mut decided: Vec<Decided> = findings
            .into_iter()
            .map(|f| {
                let action = self.action(rules, units, &f, &keep_spans, &keep_conflicts, requester_conflicts.as_ref());
                official.push(matches!(&action, Action::Keep { reason } if reason.starts_with(OFFICIAL)));
                Decided::by_rule(f, action)
            })
            .collect();
        let mut review = Review::default();
        if let (Some(reviewer), Some(doc)) = (&self.reviewer, doc) {
            review = reviewer.apply(rules, units, &mut decided, doc);
            // Findings are added and taken in: which ones are kept for their office alone is read again.
            official = decided
                .iter()
                .map(|d| {
                    d.by == DecidedBy::Rule
                        && matches!(&d.action, Action::Keep { reason } if reason.starts_with(OFFICIAL))
                })
                .collect();
        }
        redact_conflicts(rules, units, &mut decided, &official, &dossier.redacted_names);
        repeat::complete(units, &mut decided, &keep_spans, &dossier.values);
        if let (Some(reviewer), Some(_)) = (&self.reviewer, doc) {
            reviewer.keep_values(units, &mut decided);
        }
        (decided, review)
    }

    fn action(
        &self,
        rules: &RuleSet,
        units: &[&str],
        f: &Finding,
        keep_spans: &[Vec<(usize, usize, usize)>],
        keep_conflicts: &names::Conflicts,
        requester_conflicts: Option<&names::Conflicts>,
    ) -> Action {
        let keep = |reason: String| Action::Keep { reason };
        if let Some(reason) = &f.evidence.exception {
            return keep(reason.clone());
        }
        let text = f.text(units);
        if let Some(term) = keep_spans[f.unit]
            .iter()
            .find(|&&(s, e, _)| s <= f.start && f.end <= e)
            .map(|&(_, _, t)| &self.keep_terms[t])
        {
            return keep(format!("on keep list: \"{term}\""));
        }
        let category = rules.rule(f.rule).category.as_str();
        let name: Option<&NameParts> = f.evidence.name.as_ref().filter(|_| category == "person");
        if let Some(n) = name {
            if self.keep_names.matches(n, keep_conflicts) {
                return keep("on keep list (same person)".into());
            }
            if self.keep_officials
                && let Some(office) = &f.evidence.official
            {
                return keep(format!("{OFFICIAL} (\"{office}\")"));
            }
        }
        if let (Mode::Inzage, Some(r)) = (self.mode, &self.requester) {
            let own = match name {
                Some(n) => r.names.matches(n, requester_conflicts.expect("computed with the requester")),
                None => r.owns_value(text, matches!(category, "address" | "postcode")),
            };
            if own {
                return keep("requester's own data".into());
            }
        }
        Action::Redact
    }

    /// Occurrences of keep terms per unit: (start, end, term index).
    fn keep_spans(&self, units: &[&str]) -> Vec<Vec<(usize, usize, usize)>> {
        units
            .iter()
            .map(|u| match &self.keep_ac {
                Some(ac) => ac
                    .find_iter(u)
                    .filter(|m| crate::detect::boundary::is_whole_word(u, m.start(), m.end()))
                    .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                    .collect(),
                None => Vec::new(),
            })
            .collect()
    }
}

/// The reason given for keeping the name of an administrator acting in office.
const OFFICIAL: &str = "public official acting in office";

/// Conflicts resolve to redaction: a name kept only because an office stands next to it is redacted
/// when a redacted name in the same document may be the same person ([`names::may_be_same`]: `wethouder
/// Kramer` and `buurvrouw J. Kramer`), or when another document of the run redacts it written the same.
/// Blacked out on one line and readable on the next is the classic leak. A keep list, the requester file
/// or a reviewer's decision still keeps a name explicitly; `official[i]` says which findings were kept
/// for their office alone.
fn redact_conflicts(
    rules: &RuleSet,
    units: &[&str],
    decided: &mut [Decided],
    official: &[bool],
    elsewhere: &[(String, std::sync::Arc<str>)],
) {
    if !official.contains(&true) {
        return;
    }
    let is_person = |d: &Decided| rules.rule(d.finding.rule).category == "person";
    let redacted: Vec<NameParts> = decided
        .iter()
        .filter(|d| d.is_redacted() && is_person(d))
        .filter_map(|d| d.finding.evidence.name.clone())
        .collect();
    for (d, &kept_for_office) in decided.iter_mut().zip(official) {
        let Some(name) = d.finding.evidence.name.clone().filter(|_| kept_for_office) else { continue };
        let surname = |n: &NameParts| n.surnames.first().or(n.given.first()).cloned().unwrap_or_default();
        if let Some(other) = redacted.iter().find(|r| names::may_be_same(&name, r)) {
            d.action = Action::Redact;
            d.finding.evidence.conflict =
                Some(format!("\"{}\" is redacted for another person in the document", surname(other)));
        } else if let Some((text, from)) = elsewhere.iter().find(|(t, _)| *t == d.finding.text(units).to_lowercase()) {
            d.action = Action::Redact;
            d.finding.evidence.conflict = Some(format!("\"{text}\" is redacted for a person in {from}"));
        }
    }
}

/// The boxes to draw: the spans of the findings decided [`crate::model::Action::Redact`], each labelled
/// with its rule's ground in `mode` (or the reviewer's ground). The format adapters only apply them.
pub fn plan(rules: &RuleSet, mode: Mode, decided: &[Decided]) -> Vec<crate::formats::Redaction> {
    decided
        .iter()
        .filter(|d| d.is_redacted())
        .map(|d| crate::formats::Redaction {
            unit: d.finding.unit,
            start: d.finding.start,
            end: d.finding.end,
            label: rules.label(&d.finding, mode).to_string(),
        })
        .collect()
}

/// The tussenvoegsels of the rule set's name rule (lower case).
pub fn tussenvoegsels(rules: &RuleSet) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for r in rules.rules() {
        if let RuleKind::PersonName(lists) = &r.kind {
            for t in &lists.tussenvoegsels {
                out.extend(t.to_lowercase().split(' ').map(str::to_string));
            }
        }
    }
    out
}

/// A keep term that reads like a person's name: two or more words, the last capitalised.
fn looks_like_name(term: &str) -> bool {
    let words: Vec<&str> = term.split_whitespace().collect();
    words.len() >= 2
        && words.last().is_some_and(|w| w.starts_with(char::is_uppercase))
        && !term.chars().any(|c| c.is_ascii_digit())
}
