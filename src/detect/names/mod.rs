//! The person-name recogniser.
//!
//! Names have no checksum; they are recognised from three kinds of evidence, in this order:
//!
//! 1. their *shape* ([`grammar`]): initials, given names from the gazetteer, tussenvoegsels, surnames,
//!    hyphenated double names, a nickname in brackets in a signature (`P.J. (Piet) Bakker`);
//! 2. their *context*: titles (`de heer`, `mw.`, `dr.`), salutations, role words, offices, mail header
//!    fields and closing formulas mark what follows as a name — and are never part of the span;
//! 3. the *document* ([`propagate`]): a name confirmed once is found everywhere else in the document.
//!
//! A unit's header (a spreadsheet column header) that names people ([`column`]) counts as a role word
//! before the unit's first token.
//!
//! The word knowledge comes from the rule's lists ([`lexicon`]); the tokens from [`tokens`].

mod column;
mod grammar;
mod lexicon;
mod propagate;
mod tokens;

use crate::model::{Evidence, Finding, RuleIndex, Source};
use crate::rules::NameLists;

use propagate::Seeds;
pub(crate) use tokens::Tok;

/// Per-thread state of the recogniser: token buffers per unit and the look-up cache.
#[derive(Debug, Default)]
pub(crate) struct NameScratch {
    tokens: Vec<Vec<Tok>>,
    cache: lexicon::FlagCache,
}

/// The compiled recogniser of one `person_name` rule.
#[derive(Debug)]
pub(crate) struct NameRecognizer {
    lexicon: lexicon::Lexicon,
    rule: RuleIndex,
}

impl NameRecognizer {
    pub(crate) fn new(rule: RuleIndex, lists: &NameLists) -> NameRecognizer {
        NameRecognizer { lexicon: lexicon::Lexicon::new(lists), rule }
    }

    /// Whether a lower-cased word is an ordinary word, a name or a place in this recogniser's lists.
    pub(crate) fn is_word_or_name(&self, lower: &str) -> bool {
        use lexicon::{AMBIG, FIRST, PLACE, SURNAME, WORD};
        self.lexicon.word(lower) & (WORD | AMBIG | FIRST | SURNAME | PLACE) != 0
    }

    /// Whether a lower-cased word is a given name (and no ordinary word) in this recogniser's lists.
    pub(crate) fn is_given_name(&self, lower: &str) -> bool {
        use lexicon::{AMBIG, FIRST, WORD};
        self.lexicon.word(lower) & (FIRST | WORD | AMBIG) == FIRST
    }

    /// Whether a lower-cased word is a given name or a surname in this recogniser's lists.
    pub(crate) fn is_name(&self, lower: &str) -> bool {
        use lexicon::{FIRST, SURNAME};
        self.lexicon.word(lower) & (FIRST | SURNAME) != 0
    }

    /// Finds names in every unit of one document (normalised texts). `headers` are the units' headers
    /// (may be shorter than `texts`); `emails` are personal e-mail addresses found by the pattern rules
    /// (unit, start, end), used as propagation seeds.
    pub(crate) fn find(
        &self,
        scratch: &mut NameScratch,
        texts: &[&str],
        headers: &[Option<&str>],
        emails: &[(usize, usize, usize)],
        out: &mut Vec<Finding>,
    ) {
        let first = out.len();
        let mut hits = Vec::new();
        let NameScratch { tokens: toks, cache } = scratch;
        if toks.len() < texts.len() {
            toks.resize_with(texts.len(), Vec::new);
        }
        for (unit, text) in texts.iter().enumerate() {
            let toks = &mut toks[unit];
            tokens::tokenize(text, toks);
            hits.clear();
            let column = headers.get(unit).copied().flatten().and_then(column::person_column);
            grammar::Grammar::new(&self.lexicon, cache, text, toks, column.as_deref()).run(&mut hits);
            for h in hits.drain(..) {
                out.push(Finding {
                    unit,
                    start: h.start,
                    end: h.end,
                    rule: self.rule,
                    confidence: h.confidence,
                    evidence: Evidence {
                        source: Some(Source::Name { form: h.form }),
                        context: h.context,
                        official: h.official,
                        gazetteers: h.gazetteers,
                        name: Some(h.parts),
                        ..Evidence::default()
                    },
                });
            }
        }
        let mut seeds = Seeds::default();
        for f in &out[first..] {
            if f.confidence >= 0.7
                && let Some(parts) = &f.evidence.name
            {
                seeds.add_name(&self.lexicon, &texts[f.unit][f.start..f.end], parts, f.evidence.official.as_ref());
            }
        }
        for &(unit, s, e) in emails {
            seeds.add_email(&self.lexicon, &texts[unit][s..e]);
        }
        if seeds.is_empty() {
            return;
        }
        let mut taken: Vec<Vec<(usize, usize)>> = vec![Vec::new(); texts.len()];
        for f in &out[first..] {
            taken[f.unit].push((f.start, f.end));
        }
        for &(unit, s, e) in emails {
            taken[unit].push((s, e));
        }
        for t in &mut taken {
            t.sort_unstable();
        }
        for (unit, start, end, seed) in propagate::occurrences(&seeds, texts, &toks[..texts.len()], &taken) {
            out.push(Finding {
                unit,
                start,
                end,
                rule: self.rule,
                confidence: 0.8,
                evidence: Evidence {
                    source: Some(Source::Propagated { from: seed.from.clone() }),
                    official: seed.official.clone(),
                    name: Some(seed.parts.clone()),
                    ..Evidence::default()
                },
            });
        }
    }
}

#[cfg(test)]
mod tests;
