//! Document-level propagation: once a name is confirmed somewhere in a document, every other occurrence
//! of its surname (and of its given names), in any letter case, is found too — the classic miss is a
//! name blacked out on page 3 and left standing on page 47.
//!
//! Seeds come from confirmed names and from personal e-mail addresses (`j.devries@...` confirms
//! `De Vries`). A seed that is also an ordinary word (`Bakker`), or that the surname gazetteer does not
//! know, is only propagated to capitalised occurrences. An office travels with its name: if every confirmed use of a surname is an official's,
//! the other occurrences are the official's too; if the same surname is also a private person's, they are
//! not (the safe side).

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::grammar::{month_in_date, with_lower};
use super::lexicon::{AMBIG, FIRST, FlagCache, Lexicon, NOT_SURNAME, PLACE, SURNAME, TUSSEN, WORD};
use super::tokens::{Kind, NON_ASCII, Tok};
use crate::model::NameParts;

/// A name to look for in the rest of the document.
#[derive(Clone, Debug)]
pub(crate) struct Seed {
    /// The confirmed name (for the report).
    pub from: String,
    /// Only capitalised occurrences count.
    pub capitalised_only: bool,
    /// The office, when every confirmed use was an official's.
    pub official: Option<String>,
    /// What the seed stands for (surname or given name).
    pub parts: NameParts,
    /// The tussenvoegsels the confirmed name wrote before this surname (`van der`), lower case: an
    /// occurrence preceded by exactly these words includes them. Empty for given names.
    pub tussen: Vec<String>,
    /// The other document of the dossier the name was confirmed in, when not in this one.
    pub dossier: Option<String>,
    /// An occurrence counts only with [`Seed::tussen`] before it (`van der Meer`, never a lone `Meer`).
    pub needs_tussen: bool,
}

/// Seeds, keyed by the lower-cased word.
#[derive(Debug, Default)]
pub(crate) struct Seeds {
    map: BTreeMap<String, (Seed, bool)>,
}

impl Seeds {
    /// Adds a word; `official` is `None` for a private person. Conflicting offices clear the office. The
    /// seed is only built for a word not seen before (most names repeat).
    fn add(&mut self, word: &str, official: Option<&String>, capitalised_only: bool, make: impl FnOnce() -> Seed) {
        if word.chars().count() < 2 {
            return;
        }
        match self.map.get_mut(word) {
            None => {
                let seed = make();
                let is_official = seed.official.is_some();
                self.map.insert(word.to_string(), (seed, is_official));
            }
            Some((existing, all_official)) => {
                if official.is_none() || existing.official.as_ref() != official {
                    *all_official = false;
                    existing.official = None;
                }
                existing.capitalised_only &= capitalised_only;
            }
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Seeds from a confirmed name.
    pub(crate) fn add_name(
        &mut self,
        lx: &Lexicon,
        cache: &mut FlagCache,
        text: &str,
        parts: &NameParts,
        official: Option<&String>,
    ) {
        for core in &parts.surnames {
            // Lower-case copies count only for a surname the gazetteer knows and that is no word: an
            // unknown word taken for a surname (`Meta Information`) must not take every `information`.
            // (The grammar just looked the word up: the cache has it.)
            let f = lx.word_cached(cache, core);
            let capitalised_only = f & (AMBIG | WORD) != 0 || f & SURNAME == 0;
            self.add(core, official, capitalised_only, || {
                // A surname that is also a word is written with its tussenvoegsels (`Van der Meer zei`):
                // a bare `Meer` at the start of a sentence is the word.
                let tussen = tussen_before(lx, text, core);
                Seed {
                    from: text.to_string(),
                    capitalised_only,
                    official: official.cloned(),
                    parts: NameParts { surnames: vec![core.clone()], ..NameParts::default() },
                    needs_tussen: f & (AMBIG | WORD) != 0 && !tussen.is_empty(),
                    tussen,
                    dossier: None,
                }
            });
        }
        for given in &parts.given {
            if given.chars().count() < 3 {
                continue;
            }
            self.add(given, official, true, || Seed {
                from: text.to_string(),
                capitalised_only: true,
                official: official.cloned(),
                parts: NameParts { given: vec![given.clone()], ..NameParts::default() },
                tussen: Vec::new(),
                dossier: None,
                needs_tussen: false,
            });
        }
    }

    /// Seeds from a name confirmed in another document of the dossier; a seed of this document's own
    /// for the same word stays as it is. This document gave the name no evidence of its own, so the
    /// seeds are stricter than within a document: surnames only (a lone `Jan` or `Maarten` elsewhere in
    /// the dossier is anyone, or `Sint Maarten`), a surname that is also a word only behind its
    /// tussenvoegsels (`van der Meer`, never `Meer informatie`), no organisation words or places, and a
    /// surname the gazetteer does not know only from a name written with given names or initials.
    pub(crate) fn add_dossier_name(&mut self, lx: &Lexicon, cache: &mut FlagCache, name: &crate::model::DossierName) {
        let mut more = Seeds::default();
        more.add_name(lx, cache, &name.text, &name.parts, name.official.as_ref());
        let full = !name.parts.given.is_empty() || !name.parts.initials.is_empty();
        for (word, (mut seed, all_official)) in more.map {
            if self.map.contains_key(&word) || seed.parts.surnames.is_empty() {
                continue;
            }
            let flags = word.split(' ').fold(0, |f, w| f | lx.word(w));
            if word.split(' ').any(|w| lx.is_org_word(w)) || flags & (PLACE | NOT_SURNAME) != 0 {
                continue;
            }
            // A lone word confirmed by context alone (`burgemeester Utrecht`, `team Vergunningen`) is one
            // reading of one sentence: only a known surname travels on its own.
            if !full && flags & SURNAME == 0 {
                continue;
            }
            if flags & (AMBIG | WORD) != 0 {
                if seed.tussen.is_empty() {
                    continue;
                }
                seed.needs_tussen = true;
            }
            seed.dossier = Some(name.from.to_string());
            self.map.insert(word, (seed, all_official));
        }
    }

    /// Seeds from a personal e-mail address: `piet.bakker@`, `j.devries@`, `jan_van_dam@`.
    pub(crate) fn add_email(&mut self, lx: &Lexicon, address: &str) {
        let local = address.split('@').next().unwrap_or_default().to_lowercase();
        let parts: Vec<&str> = local.split(['.', '_', '-']).filter(|p| !p.is_empty()).collect();
        if parts.len() < 2 {
            return;
        }
        let has_given =
            parts.iter().any(|p| p.len() <= 2 && p.chars().all(char::is_alphabetic) || lx.word(p) & FIRST != 0);
        if !has_given {
            return;
        }
        for p in &parts {
            let core = strip_tussen_prefix(lx, p);
            let f = lx.word(core);
            // A known surname, or an unknown word long enough to be one (`p.hazelkamp`).
            let surname = f & SURNAME != 0 && f & (AMBIG | WORD) == 0 || f == 0 && core.chars().count() >= 4;
            if core.chars().count() >= 3 && surname && lx.word(p) & FIRST == 0 {
                let tussen = p.strip_suffix(core).filter(|t| !t.is_empty()).map(split_glued_tussen).unwrap_or_default();
                self.add(core, None, false, || Seed {
                    from: address.to_string(),
                    capitalised_only: false,
                    official: None,
                    parts: NameParts { surnames: vec![core.to_string()], ..NameParts::default() },
                    tussen,
                    dossier: None,
                    needs_tussen: false,
                });
            }
        }
    }
}

/// The tussenvoegsel words written right before `core` in a confirmed name (`J. van der Meulen` →
/// `van der`).
fn tussen_before(lx: &Lexicon, name: &str, core: &str) -> Vec<String> {
    let lower = name.to_lowercase();
    let Some(pos) = lower.rfind(core) else {
        return Vec::new();
    };
    let mut words: Vec<String> = Vec::new();
    for w in lower[..pos].split_whitespace().rev() {
        if lx.word(w) & TUSSEN == 0 {
            break;
        }
        words.push(w.to_string());
    }
    words.reverse();
    words
}

/// `vander` → `van der`, `de` → `de`: the tussenvoegsels glued before a surname in an e-mail address.
fn split_glued_tussen(t: &str) -> Vec<String> {
    match t {
        "vanden" => vec!["van".into(), "den".into()],
        "vander" => vec!["van".into(), "der".into()],
        "vande" => vec!["van".into(), "de".into()],
        other => vec![other.to_string()],
    }
}

/// `devries` → `vries`, `vandenberg` → `berg`: tussenvoegsels glued to the surname in an address.
fn strip_tussen_prefix<'a>(lx: &Lexicon, s: &'a str) -> &'a str {
    for prefix in ["vanden", "vander", "vande", "van", "den", "der", "de", "ter", "ten", "te", "op", "het"] {
        if let Some(rest) = s.strip_prefix(prefix)
            && rest.chars().count() >= 3
            && lx.word(rest) & SURNAME != 0
        {
            return rest;
        }
    }
    s
}

/// One propagated occurrence: (unit, start, end, seed).
pub(crate) type Occurrence<'s> = (usize, usize, usize, &'s Seed);

/// Finds every occurrence of the seeds in the tokens of each unit, outside the `taken` spans (sorted per
/// unit). Word tokens are compared lower-cased, so every letter case counts (`BOUZID`, `bouzid`).
pub(crate) fn occurrences<'s>(
    lx: &Lexicon,
    seeds: &'s Seeds,
    texts: &[&str],
    toks: &[Vec<Tok>],
    taken: &[Vec<(usize, usize)>],
) -> Vec<Occurrence<'s>> {
    // First word → (remaining words, seed); multi-word surnames (`el amrani`) check the words after it.
    let mut index: FxHashMap<&str, Vec<(Vec<&str>, &Seed)>> = FxHashMap::default();
    // For each lower-case first letter, the byte lengths of seeds starting with it: a cheap test that
    // rejects almost every word without lower-casing or hashing it.
    let mut by_letter = [0u64; 27];
    let slot = |b: u8| if b.is_ascii_alphabetic() { usize::from(b.to_ascii_lowercase() - b'a') } else { 26 };
    for (word, (seed, _)) in &seeds.map {
        let mut parts = word.split(' ');
        let first = parts.next().unwrap_or_default();
        by_letter[slot(first.as_bytes()[0])] |= 1 << first.len().min(63);
        index.entry(first).or_default().push((parts.collect(), seed));
    }
    let mut out = Vec::new();
    for (unit, (text, toks)) in texts.iter().zip(toks).enumerate() {
        for (k, t) in toks.iter().enumerate() {
            if t.kind != Kind::Word {
                continue;
            }
            let len = (t.end - t.start) as usize;
            if t.punct != NON_ASCII && by_letter[slot(t.punct)] & (1 << len.min(63)) == 0 {
                continue;
            }
            let w = &text[t.start as usize..t.end as usize];
            let Some(candidates) = with_lower(w, |l| index.get(l)) else { continue };
            for (rest, seed) in candidates {
                let Some(last) = following_words(text, toks, k, rest) else { continue };
                if seed.capitalised_only && !w.starts_with(char::is_uppercase) {
                    continue;
                }
                // "April de Vries" does not make "4 April 2022" a name.
                if last == k && month_in_date(text, toks, k) {
                    continue;
                }
                // "Stichting Mulder", "Hendriks Installatietechniek B.V.": an organisation's name.
                if in_organisation(lx, text, toks, k, last) {
                    continue;
                }
                let (s, e) = (t.start as usize, toks[last].end as usize);
                let with_tussen = extend_over_tussen(text, s, &seed.tussen);
                if seed.needs_tussen && with_tussen == s {
                    continue;
                }
                let s = with_tussen;
                let spans = &taken[unit];
                let j = spans.partition_point(|&(_, te)| te <= s);
                if j < spans.len() && spans[j].0 < e {
                    continue;
                }
                out.push((unit, s, e, *seed));
                break;
            }
        }
    }
    out
}

/// Whether the words `first..=last` stand in an organisation's name: right after an organisation word
/// (`Stichting`, `Bakkerij De`), or before an organisation suffix, directly or after one more word
/// (`B.V.`, `Installatietechniek B.V.`).
fn in_organisation(lx: &Lexicon, text: &str, toks: &[Tok], first: usize, last: usize) -> bool {
    let word = |k: usize| toks.get(k).filter(|t| t.kind == Kind::Word).map(|t| &text[t.start as usize..t.end as usize]);
    let capitalised = |k: usize| word(k).is_some_and(|w| w.starts_with(char::is_uppercase));
    // Skip a tussenvoegsel written before the name (`Bakkerij De Wit`).
    let mut before = first.checked_sub(1);
    if let Some(b) = before
        && word(b).is_some_and(|w| lx.word_any_case(w) & TUSSEN != 0)
    {
        before = b.checked_sub(1);
    }
    if let Some(b) = before
        && capitalised(b)
        && with_lower(word(b).unwrap_or_default(), |l| lx.is_org_word(l))
    {
        return true;
    }
    let suffix_at = |k: usize| lx.org_suffix_from(text, toks, k);
    suffix_at(last + 1) || capitalised(last + 1) && suffix_at(last + 2)
}

/// The index of the last token when the words after token `k` are `rest` (lower-cased, one space apart).
fn following_words(text: &str, toks: &[Tok], k: usize, rest: &[&str]) -> Option<usize> {
    let mut last = k;
    for want in rest {
        let next = toks.get(last + 1)?;
        if next.kind != Kind::Word || next.start != toks[last].end + 1 {
            return None;
        }
        if !text[next.start as usize..next.end as usize].to_lowercase().eq(want) {
            return None;
        }
        last += 1;
    }
    Some(last)
}

/// Moves `start` left over the seed's own tussenvoegsels written before the surname (`de Vries`,
/// `van den Berg`); other words stay (`op verzoek van Jansen` keeps its `van`).
fn extend_over_tussen(text: &str, start: usize, tussen: &[String]) -> usize {
    if tussen.is_empty() {
        return start;
    }
    let mut s = start;
    for w in tussen.iter().rev() {
        let before = &text[..s];
        let Some(trimmed) = before.strip_suffix(' ') else {
            return start;
        };
        if trimmed.len() < w.len() || !trimmed.is_char_boundary(trimmed.len() - w.len()) {
            return start;
        }
        let cand = &trimmed[trimmed.len() - w.len()..];
        let word_start = trimmed.len() - w.len();
        if !cand.eq_ignore_ascii_case(w) || trimmed[..word_start].chars().next_back().is_some_and(char::is_alphanumeric)
        {
            return start;
        }
        s = word_start;
    }
    s
}
