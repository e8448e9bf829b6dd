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

mod accounts;
mod column;
mod grammar;
mod lexicon;
mod propagate;
mod tokens;

use crate::model::{Evidence, Finding, NameParts, RuleIndex, Source};
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

    /// The end of the place name that follows `pos` in an address line (`1234 AB Haarlem`, `2511 CV  Den
    /// Haag`, `ASSEN`): one capitalised word, or up to four words that the place list knows as one name
    /// (`Bergen op Zoom`, `Alphen aan den Rijn`, `'s-Hertogenbosch`). `None` when no place follows.
    pub(crate) fn place_after(&self, text: &str, pos: usize) -> Option<usize> {
        let rest = &text[pos..];
        let skip = rest.len() - rest.trim_start_matches([' ', ',', '\u{a0}']).len();
        if skip == 0 || skip > 4 {
            return None;
        }
        self.place_at(text, pos + skip)
    }

    /// The end of a place name starting at `start` (see [`NameRecognizer::place_after`]).
    pub(crate) fn place_at(&self, text: &str, start: usize) -> Option<usize> {
        let word_end = |from: usize| {
            text[from..]
                .char_indices()
                .find(|&(_, c)| !(c.is_alphabetic() || c == '-' || c == '\''))
                .map_or(text.len(), |(i, _)| from + i)
        };
        let first_end = word_end(start);
        let first = &text[start..first_end];
        if !first.starts_with(|c: char| c.is_uppercase() || c == '\'') || first.chars().count() < 2 {
            return None;
        }
        // The longest run of up to four words the place list knows.
        let mut best = first_end;
        let mut end = first_end;
        for _ in 0..3 {
            if !text[end..].starts_with(' ') {
                break;
            }
            let next_end = word_end(end + 1);
            if next_end == end + 1 {
                break;
            }
            end = next_end;
            if self.lexicon.phrase(&text[start..end].to_lowercase()) & lexicon::PLACE != 0 {
                best = end;
            }
        }
        Some(best)
    }

    /// Finds names in every unit of one document (normalised texts). `around` holds each unit's header
    /// and lead (a person column header or a person label before the unit make its first word a name) and
    /// whether it is an identifier, in which names are only propagated, never recognised; `emails` are personal e-mail addresses found by the pattern rules (unit, start, end), used as
    /// propagation seeds; `dossier` are names confirmed in other documents of the run.
    pub(crate) fn find(
        &self,
        scratch: &mut NameScratch,
        texts: &[&str],
        around: &[super::Around<'_>],
        emails: &[(usize, usize, usize)],
        dossier: &[crate::model::DossierName],
        out: &mut Vec<Finding>,
    ) {
        let first = out.len();
        let mut hits = Vec::new();
        let mut accounts = Vec::new();
        let NameScratch { tokens: toks, cache } = scratch;
        if toks.len() < texts.len() {
            toks.resize_with(texts.len(), Vec::new);
        }
        for (unit, text) in texts.iter().enumerate() {
            let toks = &mut toks[unit];
            tokens::tokenize(text, toks);
            hits.clear();
            let a = around.get(unit).copied().unwrap_or_default();
            if a.identifier {
                continue;
            }
            let column = a
                .header
                .and_then(column::person_column)
                .map(|c| format!("{c} (column header)"))
                .or_else(|| a.lead.and_then(column::person_label).map(|c| format!("{c} (label)")));
            let trail = texts.get(unit + 1).map(|t| t.split('\n').next().unwrap_or(""));
            // A cell under `Naam` that reads as nothing but a name is one, known to the gazetteers or not.
            if let Some(column) = column.as_deref()
                && let Some((start, end, parts)) = column::cell_name(&self.lexicon, text, toks)
            {
                hits.push(grammar::Hit {
                    start,
                    end,
                    form: "name in a person column",
                    confidence: 0.9,
                    context: Some(column.to_string()),
                    official: trail.and_then(|t| grammar::trail_office(&self.lexicon, t)),
                    gazetteers: Vec::new(),
                    parts,
                });
            } else {
                grammar::Grammar::new(&self.lexicon, cache, text, toks, column.as_deref(), a.lead, trail)
                    .run(&mut hits);
            }
            accounts.clear();
            accounts::find(&self.lexicon, text, toks, a.header.or(a.lead), &mut accounts);
            for acc in accounts.drain(..) {
                out.push(Finding {
                    unit,
                    start: acc.start,
                    end: acc.end,
                    rule: self.rule,
                    confidence: 0.85,
                    evidence: Evidence {
                        source: Some(Source::Name { form: "account name" }),
                        context: Some(acc.context),
                        gazetteers: vec!["surnames"],
                        name: Some(NameParts { surnames: vec![acc.surname], ..NameParts::default() }),
                        ..Evidence::default()
                    },
                });
            }
            for h in hits.drain(..) {
                if is_pseudonym(text, h.start, h.end) {
                    continue;
                }
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
                seeds.add_name(
                    &self.lexicon,
                    cache,
                    &texts[f.unit][f.start..f.end],
                    parts,
                    f.evidence.official.as_ref(),
                );
            }
        }
        for &(unit, s, e) in emails {
            seeds.add_email(&self.lexicon, &texts[unit][s..e]);
        }
        for name in dossier {
            seeds.add_dossier_name(&self.lexicon, cache, name);
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
        for (unit, start, end, seed) in
            propagate::occurrences(&self.lexicon, &seeds, texts, &toks[..texts.len()], &taken)
        {
            if is_pseudonym(texts[unit], start, end) {
                continue;
            }
            out.push(Finding {
                unit,
                start,
                end,
                rule: self.rule,
                confidence: 0.8,
                evidence: Evidence {
                    source: Some(match &seed.dossier {
                        Some(doc) => Source::Dossier { of: seed.from.clone(), from: doc.clone() },
                        None => Source::Propagated { from: seed.from.clone() },
                    }),
                    official: seed.official.clone(),
                    name: Some(seed.parts.clone()),
                    ..Evidence::default()
                },
            });
        }
    }
}

/// Whether `text[start..end]` is the word of a pseudonym lak writes in place of a name (`Persoon 12`,
/// `--label pseudonym`): `Persoon` followed by a space and a number. The re-scan of an output, and `lak
/// verify`, must not take the label for the name of a Mrs Persoon (`Geachte mevrouw Persoon 1`).
fn is_pseudonym(text: &str, start: usize, end: usize) -> bool {
    let Some(rest) = text[end..].strip_prefix(' ') else { return false };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    &text[start..end] == "Persoon" && digits > 0 && !rest[digits..].chars().next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests;
