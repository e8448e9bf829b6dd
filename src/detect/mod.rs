//! The detector: rules compiled once, applied to the text units of a document.
//!
//! A [`Detector`] is built from a [`RuleSet`] once per run and shared by every worker thread (it is
//! immutable and `Sync`); each worker owns a [`Scratch`] with the mutable search state, so the hot path
//! takes no locks and, after warm-up, allocates little.
//!
//! For one document, [`Detector::detect`]:
//!
//! 1. normalises each unit ([`normalize`]: NFKC, dashes, apostrophes, invisible characters) keeping a map
//!    back to the original offsets;
//! 2. runs all pattern rules in one multi-pattern regex pass ([`patterns`]), each candidate checked by its
//!    validator ([`validate`]) and context words ([`context`]);
//! 3. runs term lists with aho-corasick ([`terms`]) and finds streets of a street list followed by a house
//!    number ([`streets`]);
//! 4. runs the person-name recogniser ([`names`]), which also propagates confirmed names through the
//!    whole document;
//! 5. resolves overlaps ([`overlap`]) and maps every span back to the original text.
//!
//! The detector reports facts (what matched and why). Whether a finding is redacted or kept is decided
//! later, by [`crate::decide`].

pub(crate) mod boundary;
mod context;
mod names;
mod normalize;
mod overlap;
mod patterns;
mod streets;
mod terms;
pub mod validate;

use regex_automata::meta::{self, Regex};

use crate::model::{Finding, RuleIndex};
use crate::rules::{RuleKind, RuleSet, Validator};
use crate::{Error, Result};

/// Rule settings the passes need at match time.
#[derive(Debug)]
pub(crate) struct CompiledRule {
    validator: Option<Validator>,
    context: Option<context::ContextMatcher>,
    context_required: bool,
    confidence: f32,
    context_confidence: f32,
    exceptions: Vec<CompiledException>,
    priority: i32,
}

impl CompiledRule {
    /// Applies the context rule: `None` when a required context word is missing, else the confidence
    /// and the word found.
    fn context_check(
        &self,
        text: &str,
        start: usize,
        end: usize,
        header: Option<&str>,
    ) -> Option<(f32, Option<String>)> {
        let near = self.context.as_ref().and_then(|c| c.find(text, start, end));
        let word = near.or_else(|| {
            let (c, h) = (self.context.as_ref()?, header?);
            c.find_anywhere(h).map(|w| format!("{w} (column header)"))
        });
        match word {
            Some(w) => Some((self.context_confidence, Some(w))),
            None if self.context_required => None,
            None => Some((self.confidence, None)),
        }
    }

    /// The reason of the first exception the match at `start..end` falls under.
    fn exception(&self, text: &str, start: usize, end: usize) -> Option<String> {
        let hit = |e: &CompiledException| {
            e.pattern.as_ref().is_none_or(|re| re.is_match(&text[start..end]))
                && e.after.as_ref().is_none_or(|c| c.find_before(text, start).is_some())
        };
        self.exceptions.iter().find(|e| hit(e)).map(|e| e.reason.clone())
    }
}

/// A compiled keep exception of a rule.
#[derive(Debug)]
struct CompiledException {
    pattern: Option<Regex>,
    after: Option<context::ContextMatcher>,
    reason: String,
}

/// The compiled rule set. Build once, share across threads.
#[derive(Debug)]
pub struct Detector {
    rules: Vec<CompiledRule>,
    patterns: Option<patterns::PatternPass>,
    terms: Option<terms::TermPass>,
    names: Option<names::NameRecognizer>,
    streets: Vec<streets::StreetPass>,
    /// Rules whose findings seed name propagation (personal e-mail addresses).
    email_rules: Vec<RuleIndex>,
}

/// Per-thread search state for a [`Detector`].
#[derive(Debug)]
pub struct Scratch {
    caches: Option<(meta::Cache, meta::Cache)>,
    names: names::NameScratch,
}

impl Detector {
    /// Compiles a rule set.
    pub fn new(rules: &RuleSet) -> Result<Detector> {
        let mut compiled = Vec::with_capacity(rules.rules().len());
        let mut names = None;
        let mut streets = Vec::new();
        let mut email_rules = Vec::new();
        for (i, r) in rules.rules().iter().enumerate() {
            let mut exceptions = Vec::new();
            for e in &r.exceptions {
                let pattern =
                    match &e.pattern {
                        Some(p) => Some(Regex::new(p).map_err(|err| {
                            Error::config(&r.origin, 0, format!("rule {:?}: keep pattern: {err}", r.id))
                        })?),
                        None => None,
                    };
                let after = e.after.as_ref().map(|words| {
                    context::ContextMatcher::new(&crate::rules::Context {
                        words: words.clone(),
                        window: e.window,
                        required: true,
                        confidence: 1.0,
                    })
                });
                exceptions.push(CompiledException { pattern, after, reason: e.reason.clone() });
            }
            compiled.push(CompiledRule {
                validator: r.validator,
                context: r.context.as_ref().map(context::ContextMatcher::new),
                context_required: r.context.as_ref().is_some_and(|c| c.required),
                confidence: r.confidence,
                context_confidence: r.context.as_ref().map_or(r.confidence, |c| c.confidence),
                exceptions,
                priority: r.priority,
            });
            match &r.kind {
                RuleKind::PersonName(lists) => names = Some(names::NameRecognizer::new(i, lists)),
                RuleKind::StreetGazetteer(lists) => streets.push(streets::StreetPass::new(i, lists)),
                RuleKind::Patterns(_) | RuleKind::Terms { .. } => {}
            }
            if r.category == "email" {
                email_rules.push(i);
            }
        }
        Ok(Detector {
            rules: compiled,
            patterns: patterns::PatternPass::new(rules)?,
            terms: terms::TermPass::new(rules),
            names,
            streets,
            email_rules,
        })
    }

    /// Fresh per-thread state.
    pub fn scratch(&self) -> Scratch {
        Scratch {
            caches: self.patterns.as_ref().map(patterns::PatternPass::create_cache),
            names: names::NameScratch::default(),
        }
    }

    /// Finds personal data in the text units of one document. Spans are byte offsets into the given
    /// units; the result is sorted by (unit, start) and free of overlaps.
    pub fn detect(&self, scratch: &mut Scratch, units: &[&str]) -> Vec<Finding> {
        self.detect_with_headers(scratch, units, &[])
    }

    /// Like [`Detector::detect`], with a header per unit (e.g. the header cell of a spreadsheet column):
    /// a rule's context word in a unit's header counts as context for every match in that unit, so a
    /// date under `Geboortedatum` is a date of birth. `headers` may be shorter than `units`.
    pub fn detect_with_headers(&self, scratch: &mut Scratch, units: &[&str], headers: &[Option<&str>]) -> Vec<Finding> {
        let normalized: Vec<normalize::Normalized<'_>> = units.iter().map(|u| normalize::Normalized::new(u)).collect();
        let texts: Vec<&str> = normalized.iter().map(normalize::Normalized::text).collect();
        let mut out = Vec::new();
        for (unit, text) in texts.iter().enumerate() {
            let header = headers.get(unit).copied().flatten();
            if let (Some(p), Some(cache)) = (&self.patterns, scratch.caches.as_mut()) {
                p.find(cache, &self.rules, unit, text, header, &mut out);
            }
            if let Some(t) = &self.terms {
                t.find(&self.rules, unit, text, header, &mut out);
            }
            for s in &self.streets {
                s.find(&self.rules, self.names.as_ref(), unit, text, header, &mut out);
            }
        }
        if let Some(names) = &self.names {
            let emails: Vec<(usize, usize, usize)> = out
                .iter()
                .filter(|f| self.email_rules.contains(&f.rule) && f.evidence.exception.is_none())
                .map(|f| (f.unit, f.start, f.end))
                .collect();
            names.find(&mut scratch.names, &texts, headers, &emails, &mut out);
        }
        overlap::resolve(&mut out, |r| self.rules[r].priority);
        for f in &mut out {
            let (s, e) = normalized[f.unit].to_source(f.start, f.end);
            f.start = s;
            f.end = e;
        }
        out
    }
}

/// The text the detector matches on for `text` (NFKC, dashes and apostrophes folded, invisible
/// characters removed).
pub fn normalize_for_matching(text: &str) -> String {
    normalize::Normalized::new(text).text().to_string()
}

#[cfg(test)]
mod tests;
