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

use crate::model::{Dossier, Finding, RuleIndex};
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
    fn context_check(&self, text: &str, start: usize, end: usize, around: Around<'_>) -> Option<(f32, Option<String>)> {
        let near = self.context.as_ref().and_then(|c| c.find(text, start, end, around.lead));
        let word = near.or_else(|| {
            let c = self.context.as_ref()?;
            let h = around.header.or_else(|| around.pipes.then(|| context::pipe_header(text, start)).flatten())?;
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

/// What labels a unit from outside it: the header of its spreadsheet column, and its lead — the line
/// before its first line (the cell to the left in a table row, the paragraph before).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Around<'a> {
    header: Option<&'a str>,
    lead: Option<&'a str>,
    /// The unit is an identifier (a PDF name): names are only propagated into it, never read from it.
    identifier: bool,
    /// The unit has a `|`: it may hold a text table whose header row is context.
    pipes: bool,
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
        self.detect_document(scratch, units, headers, &[])
    }

    /// Like [`Detector::detect_with_headers`], with units marked as *identifiers* (a PDF name such as a
    /// font's `/BaseFont`): the name recogniser does not look for names in them on their own (a font
    /// called Constantia is no person, and must not make every Constantia in the text one), but a name
    /// confirmed elsewhere in the document is found in them too. `identifiers` may be shorter than
    /// `units`.
    pub fn detect_document(
        &self,
        scratch: &mut Scratch,
        units: &[&str],
        headers: &[Option<&str>],
        identifiers: &[bool],
    ) -> Vec<Finding> {
        self.detect_in_dossier(scratch, units, headers, identifiers, &Dossier::default())
    }

    /// Like [`Detector::detect_document`], in a dossier: a name confirmed in another document of the
    /// run is found in this one the way a name confirmed in the same document is.
    pub fn detect_in_dossier(
        &self,
        scratch: &mut Scratch,
        units: &[&str],
        headers: &[Option<&str>],
        identifiers: &[bool],
        dossier: &Dossier,
    ) -> Vec<Finding> {
        let normalized: Vec<normalize::Normalized<'_>> = units.iter().map(|u| normalize::Normalized::new(u)).collect();
        let texts: Vec<&str> = normalized.iter().map(normalize::Normalized::text).collect();
        let mut out = Vec::new();
        let around: Vec<Around<'_>> = (0..texts.len())
            .map(|unit| Around {
                header: headers.get(unit).copied().flatten(),
                lead: unit.checked_sub(1).map(|p| texts[p].rsplit('\n').next().unwrap_or("")),
                identifier: identifiers.get(unit).copied().unwrap_or(false),
                pipes: memchr::memchr(b'|', texts[unit].as_bytes()).is_some(),
            })
            .collect();
        for (unit, text) in texts.iter().enumerate() {
            if let (Some(p), Some(cache)) = (&self.patterns, scratch.caches.as_mut()) {
                p.find(cache, &self.rules, unit, text, around[unit], &mut out);
            }
            if let Some(t) = &self.terms {
                t.find(&self.rules, unit, text, around[unit], &mut out);
            }
            for s in &self.streets {
                s.find(&self.rules, self.names.as_ref(), unit, text, around[unit].header, &mut out);
            }
        }
        if let Some(names) = &self.names {
            let emails: Vec<(usize, usize, usize)> = out
                .iter()
                .filter(|f| self.email_rules.contains(&f.rule) && f.evidence.exception.is_none())
                .map(|f| (f.unit, f.start, f.end))
                .collect();
            names.find(&mut scratch.names, &texts, &around, &emails, &dossier.names, &mut out);
        }
        self.extend_addresses(&texts, &mut out);
        self.residence_cells(&texts, &around, &mut out);
        overlap::resolve(&mut out, |r| self.rules[r].priority);
        for f in &mut out {
            let (s, e) = normalized[f.unit].to_source(f.start, f.end);
            f.start = s;
            f.end = e;
        }
        out
    }
}

impl Detector {
    /// A private person's address takes the place after it: `1234 AB Haarlem`, `Kerkstraat 12, Haarlem`,
    /// `Kerkstraat 12 te Haarlem`. The woonplaats is part of the address line, and with the street and
    /// postcode gone it is what is left of where someone lives. A postcode kept by an exception (a
    /// `Postbus`) keeps its place too.
    fn extend_addresses(&self, texts: &[&str], out: &mut [Finding]) {
        let Some(names) = &self.names else { return };
        for f in out.iter_mut() {
            if f.evidence.exception.is_some() {
                continue;
            }
            let text = texts[f.unit];
            let street = self.rules[f.rule].validator == Some(Validator::StreetAddress)
                || self.streets.iter().any(|s| s.rule == f.rule);
            let end = match self.rules[f.rule].validator {
                Some(Validator::Postcode) => names.place_after(text, f.end),
                _ if street => {
                    let rest = &text[f.end..];
                    [", ", " te ", " in "]
                        .iter()
                        .find(|sep| rest.starts_with(*sep))
                        .and_then(|sep| names.place_at(text, f.end + sep.len()))
                        .filter(|&e| !text[f.end..e].contains(|c: char| c.is_ascii_digit()))
                        // `Rokin 12a, Rokin 12 bis`: a word with a number after it is the next street.
                        .filter(|&e| !text[e..].trim_start_matches(' ').starts_with(|c: char| c.is_ascii_digit()))
                }
                _ => None,
            };
            if let Some(end) = end {
                f.end = end;
            }
        }
    }

    /// A cell under a `Woonplaats` header that is one place name (the place of a person's address), and
    /// a cell under an `Adres` header that is a street and a house number, whether the street ends like
    /// one or not (`Nieuwestad 312`, `Rokin 84`).
    fn residence_cells(&self, texts: &[&str], around: &[Around<'_>], out: &mut Vec<Finding>) {
        let (Some(names), Some(rule)) =
            (&self.names, self.rules.iter().position(|r| r.validator == Some(Validator::StreetAddress)))
        else {
            return;
        };
        for (unit, text) in texts.iter().enumerate() {
            let Some(header) = around[unit].header else { continue };
            let start = text.len() - text.trim_start().len();
            let trimmed = text.trim();
            let header = match (residence_header(header), address_header(header)) {
                (Some(h), _) if !trimmed.is_empty() && names.place_at(text, start) == Some(start + trimmed.len()) => h,
                (_, Some(h)) if street_and_number(trimmed) => h,
                _ => continue,
            };
            out.push(Finding {
                unit,
                start,
                end: start + trimmed.len(),
                rule,
                confidence: 0.85,
                evidence: crate::model::Evidence {
                    source: Some(crate::model::Source::Cell { header: header.clone() }),
                    context: Some(format!("{header} (column header)")),
                    ..crate::model::Evidence::default()
                },
            });
        }
    }
}

/// The header (lower case) when it names a street address: `Adres`, `Woonadres`, `Straat + huisnummer`.
fn address_header(header: &str) -> Option<String> {
    header.lines().map(|l| l.trim().trim_end_matches(':').to_lowercase()).find(|l| {
        matches!(
            l.as_str(),
            "adres"
                | "woonadres"
                | "postadres"
                | "straat"
                | "straat en huisnummer"
                | "straat + huisnummer"
                | "straatnaam en huisnummer"
                | "adres aanvrager"
                | "adres melder"
                | "huisadres"
                | "address"
        )
    })
}

/// Whether a cell is a street and a house number with its addition: capitalised words (joined by
/// lower-case ones: `Laan van Meerdervoort`), then `12`, `12a`, `3-II`, `100 bis`, `7 hs`.
fn street_and_number(cell: &str) -> bool {
    let words: Vec<&str> = cell.split_whitespace().collect();
    let number_at = words.iter().rposition(|w| w.starts_with(|c: char| c.is_ascii_digit()));
    let Some(n) = number_at.filter(|&n| n >= 1 && n + 2 >= words.len()) else { return false };
    let number = words[n];
    let digits = number.bytes().take_while(u8::is_ascii_digit).count();
    let addition = &number[digits..];
    let number_ok = (1..=5).contains(&digits)
        && addition.len() <= 5
        && addition.chars().all(|c| c.is_alphanumeric() || c == '-')
        && words[n + 1..].iter().all(|w| w.len() <= 4 && w.chars().all(char::is_alphanumeric));
    let street_ok = words[0].starts_with(char::is_uppercase)
        && words[..n].iter().all(|w| w.chars().all(|c| c.is_alphabetic() || matches!(c, '\'' | '-' | '.')))
        && n <= 6;
    number_ok && street_ok
}

/// The header (lower case) when it names the place someone lives: `Woonplaats`, `Plaats`, `Residence`.
fn residence_header(header: &str) -> Option<String> {
    header.lines().map(|l| l.trim().trim_end_matches(':').to_lowercase()).find(|l| {
        matches!(
            l.as_str(),
            "woonplaats" | "plaats" | "woonplaats aanvrager" | "woonplaats melder" | "residence" | "city"
        )
    })
}

/// The text the detector matches on for `text` (NFKC, dashes and apostrophes folded, invisible
/// characters removed).
pub fn normalize_for_matching(text: &str) -> String {
    normalize::Normalized::new(text).text().to_string()
}

#[cfg(test)]
mod tests;
