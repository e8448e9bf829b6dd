//! Street addresses from a street gazetteer: `Rokin 84`, `Lange Voorhout 9`, `Plein 1944 3`, `Dam 1`.
//!
//! The `street-address` patterns know a street by its ending (`-straat`, `-laan`, `-gracht`, ...) or by a
//! first word such as `Lange` or `Achter`. Many streets have neither (`Rokin`, `Weena`, `Plein 1944`), and
//! documents written by others name them all the same. This pass knows the streets themselves: a street
//! of the rule's list (the BAG's 158k names) followed by a house number is an address.
//!
//! **Speed.** An automaton over 158k street names run over all text would cost as much as the name pass.
//! Instead the pass looks for house numbers first — a digit right after a space, a cheap byte scan — and
//! for each looks back over the 1–[`MAX_WORDS`] words before it, longest first, in a hash set of the
//! streets' normalised keys (lower case, dots as spaces, single spaces; `rules/names/build.py` writes
//! the list with the same key). Text without numbers costs one pass over its bytes.
//!
//! **Precision.** A document is full of capitalised words followed by a number that are no address:
//! `Bijlage 2`, `Artikel 3`, `Fase 2`, `Punt 4`, `Groep 8`, `Lijn 5`, `Markt 5 keer`. Many are street names
//! somewhere in the country. So:
//!
//! - the street must be written capitalised (every word that is not a particle such as `de`, `van`, `aan`
//!   starts with a capital or a digit) or in capitals: `rokin 84` is no address;
//! - a street that is one word (after a leading article: `De Markt`) which is also an ordinary word, a
//!   name or a place (`Dam`, `Punt`, `Markt`, `Blaak`, `Texel`; the person-name lexicon, the rule's places
//!   and its own `words`: `Marokko`, `Europa`, `Mondriaan`) needs address context, as does a house number
//!   that looks like a year (`Rokin 2030`): a context word of the rule (`adres`, `woont`, `wonende`, ...) or
//!   a column header holding one, `aan`/`op` (`op de`, `aan het`) right before the street, or a postcode
//!   or place right after the number (`Dam 1, 1012 JS`, `Dam 1 te Amsterdam`);
//! - a street of several words or a word that is no ordinary word (`Rokin`, `Lange Voorhout`, `Achter de
//!   Hoven`, `Plein 1944`) needs none;
//! - the street validator's checks apply (no month or time after the number: `Dam 12 maart`, `Dam 12:30`);
//! - `Postbus` and `Antwoordnummer` are never streets, whatever a list says.

use rustc_hash::{FxHashMap, FxHashSet};

use super::CompiledRule;
use super::names::NameRecognizer;
use crate::model::{Evidence, Finding, RuleIndex, Source};
use crate::rules::{StreetLists, Validator};

/// The most words a street may have (`Laan van de Verenigde Provinciën`, `Weg van 's-Gravenvoeren naar
/// Sint Geertruid` has seven and is not found). 99.9 % of the BAG's names have at most six.
pub(crate) const MAX_WORDS: usize = 6;

/// Organisational addresses: never streets.
const NOT_STREETS: &[&str] = &["postbus", "antwoordnummer"];

/// Words that may stand in lower case inside a street name (`Laan van Meerdervoort`, `Achter de Hoven`).
const PARTICLES: &[&str] = &[
    "de", "der", "den", "het", "'t", "'s", "van", "von", "op", "aan", "in", "te", "ten", "ter", "bij", "over", "onder",
    "tot", "naar", "om", "en", "voor", "achter", "uit", "la", "le", "du", "des", "di", "da", "of", "zur", "zum", "am",
    "im", "auf", "'n", "a", "à",
];

/// Articles that may open a street in lower case (`de Gats`) and do not count as one of its words for the
/// context rule (`De Markt` is one word).
const ARTICLES: &[&str] = &["de", "het", "'t", "den", "der", "'s"];

/// Words right before a street that make it an address: `aan de Kade 4`, `op het Plein 3`, `op Rokin 84`.
const PREPOSITIONS: &[&str] = &["aan", "op"];

/// Words right after the house number that introduce a place: `Dam 1 te Amsterdam`.
const PLACE_PREPOSITIONS: &[&str] = &["te", "in"];

/// The compiled street recogniser of one `street_gazetteer` rule.
#[derive(Debug)]
pub(crate) struct StreetPass {
    pub(crate) rule: RuleIndex,
    source: String,
    streets: FxHashSet<u64>,
    /// For the last word of every street (normalised; `mensinglaan` of `1e J.C. Mensinglaan`), the most
    /// words a street ending in it has: most numbers follow a word no street ends in, and are dropped after
    /// one look-up; the others look back no further than needed.
    ends: FxHashMap<u64, u8>,
    places: FxHashSet<u64>,
    /// The rule's own list of words that make a one-word street need context, besides the person-name
    /// lexicon's words, names and places.
    words: Option<FxHashSet<u64>>,
}

/// A word of the text: byte range.
#[derive(Clone, Copy, Debug)]
struct Word {
    start: usize,
    end: usize,
}

impl StreetPass {
    pub(crate) fn new(rule: RuleIndex, lists: &StreetLists) -> StreetPass {
        let mut key = String::new();
        let mut set = |list: &str| {
            let mut out = FxHashSet::default();
            out.reserve(list.lines().count());
            for s in list.lines() {
                normalise_into(s, &mut key);
                if !key.is_empty() {
                    out.insert(hash(&key));
                }
            }
            out
        };
        let places = set(&lists.places);
        let words = (!lists.words.is_empty()).then(|| set(&lists.words));
        let mut streets = FxHashSet::default();
        streets.reserve(lists.streets.lines().count());
        let mut ends: FxHashMap<u64, u8> = FxHashMap::default();
        for s in lists.streets.lines() {
            normalise_into(s, &mut key);
            let Some(last) = key.rsplit(' ').next().filter(|l| !l.is_empty()) else {
                continue;
            };
            let e = ends.entry(hash(last)).or_insert(0);
            *e = (*e).max(key.split(' ').count().min(MAX_WORDS) as u8);
            streets.insert(hash(&key));
        }
        for s in NOT_STREETS {
            streets.remove(&hash(s));
        }
        StreetPass { rule, source: lists.source.clone(), streets, ends, places, words }
    }

    /// Finds the addresses in `text` (unit `unit`) and appends them to `out`. `names` is the person-name
    /// recogniser, whose lexicon says which words are ordinary words, names or places when the rule has no
    /// word list of its own.
    pub(crate) fn find(
        &self,
        rules: &[CompiledRule],
        names: Option<&NameRecognizer>,
        unit: usize,
        text: &str,
        header: Option<&str>,
        out: &mut Vec<Finding>,
    ) {
        let rule = &rules[self.rule];
        let b = text.as_bytes();
        let mut key = String::new();
        // Bytes before `done` belong to an address found or a number looked at.
        let mut done = 0;
        let mut block = 1;
        while block < b.len() {
            // Whether a digit 1-9 follows a space in the block, in one test (the loop in `number_starts`
            // compiles to a few vector instructions); most blocks have none.
            let end = b.len().min(block + BLOCK);
            let word_start = block;
            block = end;
            if !number_starts(&b[word_start - 1..end]) {
                continue;
            }
            // The block has one: find where, eight bytes at a time.
            let mut word = word_start;
            let mut starts = 0u64;
            loop {
                if starts == 0 {
                    if word >= end {
                        break;
                    }
                    starts = number_starts8(b, word);
                    word += 8;
                    continue;
                }
                let at = word - 8 + starts.trailing_zeros() as usize / 8;
                starts &= starts - 1;
                if at >= end || at < done || !may_end_street(b, at - 1) {
                    continue;
                }
                let Some(number) = house_number(text, at) else {
                    continue;
                };
                done = number.digits_end;
                if let Some(f) = self.address_at(rule, names, text, header, at, number, &mut key) {
                    done = f.end;
                    out.push(Finding { unit, ..f });
                }
            }
        }
    }

    /// The address whose house number starts at byte `at`, if the words before it are a street. Kept out
    /// of line: the scan in `find` runs over every byte and should stay small.
    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn address_at(
        &self,
        rule: &CompiledRule,
        names: Option<&NameRecognizer>,
        text: &str,
        header: Option<&str>,
        at: usize,
        number: HouseNumber,
        key: &mut String,
    ) -> Option<Finding> {
        let mut buf = [Word { start: 0, end: 0 }; MAX_WORDS];
        let last = *words_before(text, at, &mut buf, 1).first()?;
        normalise_into(&text[last.start..last.end], key);
        let limit = *self.ends.get(&hash(key.rsplit(' ').next()?))?;
        let words = words_before(text, at, &mut buf, usize::from(limit));
        let street = self.street(text, words, key)?;
        let start = street.first()?.start;
        // `Plein 1944 3`: at `1944` the street is `Plein 1944`, whose house number comes next.
        if text.as_bytes().get(number.digits_end) == Some(&b' ')
            && text.as_bytes().get(number.digits_end + 1).is_some_and(|c| matches!(c, b'1'..=b'9'))
        {
            normalise_into(&text[start..number.digits_end], key);
            if self.streets.contains(&hash(key)) {
                return None;
            }
        }
        let end = number.end;
        super::validate::check(Validator::StreetAddress, text, start..end)?;
        let needs_context = number.year_like(text, at)
            || self.ordinary(text, street, names, key)
            || person_like(text, street, names, key);
        // Context words count before the street only (`adres: Dam 1`, not `Punt 4 voor het adres`), in the
        // same sentence, or in the column header.
        let words = rule.context.as_ref();
        let context = words
            .and_then(|c| c.find_before_span(text, start))
            .filter(|&(_, e)| same_sentence(&text[e..start]))
            .map(|(s, e)| text[s..e].to_lowercase())
            .or_else(|| words.zip(header).and_then(|(c, h)| c.find_anywhere(h)).map(|w| format!("{w} (column header)")))
            .or_else(|| preposition_before(text, start))
            .or_else(|| self.place_after(text, end, key));
        if context.is_none() && (needs_context || rule.context_required) {
            return None;
        }
        Some(Finding {
            unit: 0,
            start,
            end,
            rule: self.rule,
            confidence: if context.is_some() { rule.context_confidence } else { rule.confidence },
            evidence: Evidence {
                source: Some(Source::Term { list: self.source.clone() }),
                gazetteers: vec!["streets"],
                context,
                exception: rule.exception(text, start, end),
                ..Evidence::default()
            },
        })
    }

    /// The longest street among the last 1–`MAX_WORDS` of `words` (in text order), written capitalised.
    fn street<'w>(&self, text: &str, words: &'w [Word], key: &mut String) -> Option<&'w [Word]> {
        // Which suffixes of `words` are written like a street (see `written_as_street`), found from the
        // right in one go: a lower-case word that is no particle ends the search.
        let n = words.len();
        let mut starts = [false; MAX_WORDS];
        let mut capital = false;
        for j in (0..n).rev() {
            let shape = shape(&text[words[j].start..words[j].end]);
            match shape {
                Shape::Other => break,
                Shape::Capital => capital = true,
                Shape::Digit | Shape::Article | Shape::Particle => {}
            }
            starts[j] = capital && shape != Shape::Particle;
        }
        if !capital {
            return None;
        }
        // The look-back normalised once; `offsets[j]`: where word `j` starts in it.
        let mut offsets = [0; MAX_WORDS];
        key.clear();
        for (j, w) in words.iter().enumerate() {
            if !key.is_empty() {
                key.push(' ');
            }
            offsets[j] = key.len();
            push_normalised(&text[w.start..w.end], key);
        }
        let found = |j: usize| self.streets.contains(&hash(&key[offsets[j]..]));
        let j = (0..n).find(|&j| starts[j] && found(j))?;
        // `op de Dam 1`: a lower-case article is the sentence's when the street is one without it too.
        if j + 1 < n && ARTICLES.contains(&&text[words[j].start..words[j].end]) && starts[j + 1] && found(j + 1) {
            return Some(&words[j + 1..]);
        }
        Some(&words[j..])
    }

    /// Whether a street is one ordinary word (or name, or place) after a leading article: `Dam`, `De Markt`.
    fn ordinary(&self, text: &str, street: &[Word], names: Option<&NameRecognizer>, key: &mut String) -> bool {
        let mut core = street
            .iter()
            .map(|w| &text[w.start..w.end])
            .skip_while(|w| ARTICLES.iter().any(|a| w.eq_ignore_ascii_case(a)));
        let (Some(word), None) = (core.next(), core.next()) else {
            return false;
        };
        if word.bytes().any(|c| c.is_ascii_digit()) {
            return false;
        }
        normalise_into(word, key);
        let h = hash(key);
        if self.places.contains(&h) || self.words.as_ref().is_some_and(|w| w.contains(&h)) {
            return true;
        }
        match names {
            Some(names) => names.is_word_or_name(key),
            // Without a lexicon, the rule's own words decide; without those too, every one-word street is
            // taken for an ordinary word.
            None => self.words.is_none(),
        }
    }

    /// A postcode or a place right after the address: `Dam 1, 1012 JS`, `Dam 1\nAmsterdam`,
    /// `Dam 1 te Amsterdam`.
    fn place_after(&self, text: &str, end: usize, key: &mut String) -> Option<String> {
        let rest = text[end..].trim_start_matches([' ', '\t']);
        let rest = rest.strip_prefix(',').unwrap_or(rest);
        let rest = rest.trim_start_matches([' ', '\t']);
        let rest = rest.strip_prefix("\r\n").or_else(|| rest.strip_prefix('\n')).unwrap_or(rest);
        let rest = rest.trim_start_matches([' ', '\t']);
        let rest = rest.split(['\n', '\r']).next().unwrap_or_default();
        if let Some(pc) = postcode_at(rest) {
            return Some(format!("postcode {pc}"));
        }
        let mut rest = rest;
        for p in PLACE_PREPOSITIONS {
            if let Some(r) = rest.strip_prefix(p).and_then(|r| r.strip_prefix(' ')) {
                rest = r;
                break;
            }
        }
        // A place of one to four capitalised words (`Amsterdam`, `Alphen aan den Rijn`).
        let mut words = rest.split(' ');
        let mut len = 0;
        let mut found = None;
        for n in 1..=4 {
            let Some(w) = words.next() else { break };
            len += w.len() + usize::from(n > 1);
            let w = w.trim_end_matches([',', '.', ';', ')']);
            if n == 1 && !w.starts_with(char::is_uppercase) {
                return None;
            }
            let cand = rest[..len].trim_end_matches([',', '.', ';', ')']);
            normalise_into(cand, key);
            // `Texel 3, Vlieland 2`: a place followed by a number is the next item of a list.
            let next = rest[cand.len()..].trim_start_matches([',', '.', ';', ')', ' ', '\t']);
            if self.places.contains(&hash(key)) && !next.starts_with(|c: char| c.is_ascii_digit()) {
                found = Some(cand);
            }
        }
        found.map(|p| format!("place {p}"))
    }
}

/// A house number found at some position: where its digits end and where the address ends (after an
/// addition such as `a`, `-II`, ` bis`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct HouseNumber {
    digits_end: usize,
    end: usize,
}

impl HouseNumber {
    /// A four-digit number from 1800 to 2099: more often a year (`Europa 2030`) than a house number.
    fn year_like(self, text: &str, start: usize) -> bool {
        self.digits_end - start == 4
            && text[start..self.digits_end].parse::<u32>().is_ok_and(|y| (1800..2100).contains(&y))
    }
}

/// The house number starting at byte `i` (a digit 1-9): 1–5 digits and an optional addition — a letter
/// (`12a`, `100 A`), `-` and a roman numeral, letters or up to three digits (`12-II`, `3-hs`, `12-1`), or
/// a word (`12 bis`, `12 hs`, `12 boven`). `None` when the digits are part of something else: a decimal
/// or an amount (`12,5`, `12.5`), a time (`12:30`), a date (`12-03-2024`, `12/3`), a percentage, or
/// digits glued to a word (`3D`, `12km`).
#[inline(never)]
pub(crate) fn house_number(text: &str, i: usize) -> Option<HouseNumber> {
    let b = text.as_bytes();
    let digits_end = i + b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    if digits_end - i > 5 {
        return None;
    }
    let done = |end: usize| Some(HouseNumber { digits_end, end });
    let digit_at = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
    let letters_from = |k: usize| k + b[k.min(b.len())..].iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let Some(&c) = b.get(digits_end) else {
        return done(digits_end);
    };
    match c {
        b'a'..=b'z' | b'A'..=b'Z' => {
            let end = letters_from(digits_end);
            let word = &text[digits_end..end];
            let ok = end - digits_end == 1 || ["bis", "hs", "huis"].iter().any(|w| word.eq_ignore_ascii_case(w));
            (ok && !super::boundary::alnum_at(text, end)).then_some(HouseNumber { digits_end, end })
        }
        b'-' => {
            let k = digits_end + 1;
            let digits = b[k.min(b.len())..].iter().take_while(|c| c.is_ascii_digit()).count();
            if digits > 0 {
                // `12-03-2024`, `12-3/4`: a date or a fraction, not an addition.
                if matches!(b.get(k + digits), Some(b'-' | b'/' | b'.' | b':')) && digit_at(k + digits + 1) {
                    return None;
                }
                let end = k + digits;
                return if digits <= 3 && !super::boundary::alnum_at(text, end) { done(end) } else { done(digits_end) };
            }
            let end = letters_from(k);
            if end > k && is_addition_word(&text[k..end], true) && !super::boundary::alnum_at(text, end) {
                return done(end);
            }
            done(digits_end)
        }
        b'.' | b',' | b':' | b'/' if digit_at(digits_end + 1) => None,
        b'%' => None,
        b' ' => {
            let k = digits_end + 1;
            let end = letters_from(k);
            let word = &text[k..end];
            let single_capital = word.len() == 1 && word.as_bytes()[0].is_ascii_uppercase();
            let ok = end > k
                && (single_capital || is_addition_word(word, false))
                && !super::boundary::alnum_at(text, end)
                // `84 A. de Vries`: an initial, not an addition.
                && !(single_capital && b.get(end) == Some(&b'.'));
            if ok { done(end) } else { done(digits_end) }
        }
        _ => (!super::boundary::alnum_at(text, digits_end)).then_some(HouseNumber { digits_end, end: digits_end }),
    }
}

/// An addition written as a word: `bis`, `hs`, `huis`, `boven`, `beneden`, a roman numeral; after a hyphen
/// also any single letter (`12-a`) and the floor marks `rd`, `zw`.
fn is_addition_word(word: &str, after_hyphen: bool) -> bool {
    const WORDS: &[&str] = &["bis", "hs", "huis", "boven", "bov", "beneden"];
    const ROMAN: &[&str] = &["I", "II", "III", "IV"];
    WORDS.iter().any(|w| word.eq_ignore_ascii_case(w))
        || ROMAN.contains(&word)
        || after_hyphen && (word.len() == 1 || word.eq_ignore_ascii_case("rd") || word.eq_ignore_ascii_case("zw"))
}

/// Up to `limit` (at most [`MAX_WORDS`]) words before the house number at `at` (in text order, at the end of `buf`), within
/// the line: words separated by spaces, made of letters, digits, `'`, `-` and `.`. A word that opens with
/// `(` or a quotation mark is the last one taken (the mark left out); any other character ends the
/// look-back.
fn words_before<'b>(text: &str, at: usize, buf: &'b mut [Word; MAX_WORDS], limit: usize) -> &'b [Word] {
    let b = text.as_bytes();
    let mut first = MAX_WORDS;
    let mut pos = at;
    while first > MAX_WORDS.saturating_sub(limit) {
        let end = pos - b[..pos].iter().rev().take_while(|&&c| c == b' ').count();
        if end == pos && first < MAX_WORDS || end == 0 {
            break;
        }
        let start = end - b[..end].iter().rev().take_while(|&&c| !matches!(c, b' ' | b'\n' | b'\r' | b'\t')).count();
        let word = &text[start..end];
        let opener = word.starts_with(['(', '"', '[']);
        let inner = if opener { &word[1..] } else { word };
        let ok = !inner.is_empty()
            && inner.chars().all(|c| c.is_alphanumeric() || matches!(c, '\'' | '-' | '.'))
            && inner.chars().next().is_some_and(|c| c.is_alphanumeric() || c == '\'');
        if !ok {
            break;
        }
        first -= 1;
        buf[first] = Word { start: start + usize::from(opener), end };
        if opener {
            break;
        }
        pos = start;
    }
    &buf[first..]
}

/// How a word of a street is written. Words are written like a street name when every word that is not
/// a particle starts with a capital or a digit (a leading `'s-`, `'t-`, `d'` or `l'` skipped:
/// `'s-Gravelandseweg`, `d'Aasdonken`), at least one starts with a capital, and the first is capitalised,
/// a number or a lower-case article (`de Gats`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Capital,
    Digit,
    /// A lower-case article (`de`, `het`, `'t`): may also open a street.
    Article,
    /// Another lower-case particle (`van`, `aan`, `op`).
    Particle,
    Other,
}

fn shape(word: &str) -> Shape {
    let head = word.trim_start_matches('\'');
    let head = ["s-", "t-", "d'", "l'", "S-", "T-", "D'", "L'"]
        .iter()
        .find_map(|p| head.strip_prefix(p).filter(|r| !r.is_empty()))
        .unwrap_or(head);
    match head.chars().next() {
        Some(c) if c.is_uppercase() => Shape::Capital,
        Some(c) if c.is_ascii_digit() => Shape::Digit,
        _ if ARTICLES.contains(&word) => Shape::Article,
        _ if PARTICLES.contains(&word) => Shape::Particle,
        _ => Shape::Other,
    }
}

/// Bytes looked at in one test for a house number.
const BLOCK: usize = 32;

/// Whether a digit 1-9 right after a space starts in `bytes[1..]` (`bytes` holds the byte before a
/// block and the block, at most [`BLOCK`] bytes). Written without early exit so that a full block compiles
/// to a few vector instructions.
fn number_starts(bytes: &[u8]) -> bool {
    match <&[u8; BLOCK + 1]>::try_from(bytes) {
        Ok(full) => starts_in(&full[..BLOCK], &full[1..]),
        Err(_) => starts_in(&bytes[..bytes.len().saturating_sub(1)], bytes.get(1..).unwrap_or_default()),
    }
}

fn starts_in(prev: &[u8], cur: &[u8]) -> bool {
    prev.iter().zip(cur).fold(false, |hit, (&p, &c)| hit | ((p == b' ') & (c.wrapping_sub(b'1') < 9)))
}

/// For the eight bytes from `at` (`at >= 1`): the top bit of byte `k` of the result is set when byte
/// `at + k` is a digit 1-9 and the byte before it a space. Exact byte-wise tests on a `u64` without
/// carries between bytes (Hacker's Delight); past the end of `b` nothing is set.
fn number_starts8(b: &[u8], at: usize) -> u64 {
    const ONES: u64 = u64::MAX / 255;
    const LOW7: u64 = ONES * 0x7f;
    const HIGH: u64 = ONES * 0x80;
    let load = |from: usize| match b.get(from..from + 8) {
        Some(w) => u64::from_le_bytes(w.try_into().unwrap_or_default()),
        None => {
            let mut w = [0u8; 8];
            let part = b.get(from..).unwrap_or_default();
            w[..part.len()].copy_from_slice(part);
            u64::from_le_bytes(w)
        }
    };
    let (prev, cur) = (load(at - 1), load(at));
    // Bytes equal to 0: top bit set.
    let zero = |x: u64| !((x & LOW7).wrapping_add(LOW7) | x | LOW7);
    let space = zero(prev ^ (ONES * u64::from(b' ')));
    // ASCII bytes from 0x31 (`1`) up, and from 0x3a (`:`) up.
    let from_one = (cur & LOW7).wrapping_add(ONES * (0x80 - 0x31));
    let past_nine = (cur & LOW7).wrapping_add(ONES * (0x80 - 0x3a));
    space & from_one & !past_nine & !cur & HIGH
}

/// Whether the word ending at byte `end` (exclusive; `b[end]` is the space before the number) may be the
/// last word of a street: it starts with a capital letter, a non-ASCII letter (`Émile`) or a character
/// that may open one (`'`, `(`, a quotation mark), or it is a number after a word ending in a lower-case
/// letter (`Plein 1944 3`). Lower-case words, most of the words before a number in running text, and numbers
/// after numbers (`06 12 34 56 78`, `NL91 ABNA 0417 1643 00`) are out at once.
fn may_end_street(b: &[u8], end: usize) -> bool {
    let word_start = |end: usize| {
        let end = end - b[..end].iter().rev().take_while(|&&c| c == b' ').count();
        (end, end - b[..end].iter().rev().take_while(|&&c| !matches!(c, b' ' | b'\n' | b'\r' | b'\t')).count())
    };
    let (_, start) = word_start(end);
    match b.get(start) {
        Some(c) if c.is_ascii_digit() => {
            let (before, _) = word_start(start);
            before > 0 && before < start && (b[before - 1].is_ascii_lowercase() || b[before - 1] >= 0x80)
        }
        Some(&c) => c.is_ascii_uppercase() || c >= 0x80 || matches!(c, b'\'' | b'(' | b'"' | b'['),
        None => false,
    }
}

/// Whether a street of several words reads as a person's name: a given name first and a name last, with
/// at most particles between (`Jan Steen`, `Anne Frank`, `Jan van Galen`). Such a street, followed by a
/// number, is more often the person (`Jan Steen 3`, a painter and a count) and needs context.
fn person_like(text: &str, street: &[Word], names: Option<&NameRecognizer>, key: &mut String) -> bool {
    let Some(names) = names else { return false };
    let mut core = street.iter().map(|w| &text[w.start..w.end]).filter(|w| !PARTICLES.contains(w));
    let (Some(first), Some(last)) = (core.next(), core.next_back()) else {
        return false;
    };
    if core.count() > 1 {
        return false;
    }
    normalise_into(first, key);
    if !names.is_given_name(key) {
        return false;
    }
    normalise_into(last, key);
    names.is_name(key)
}

/// Whether text between a context word and a street stays within one sentence: no `;`, `!`, `?`, blank
/// line, or full stop ending a word of more than three letters (`mw.` and `J.` are abbreviations).
fn same_sentence(between: &str) -> bool {
    if between.contains([';', '!', '?']) || between.contains("\n\n") {
        return false;
    }
    let b = between.as_bytes();
    !b.iter().enumerate().any(|(i, &c)| {
        c == b'.'
            && b.get(i + 1).is_some_and(u8::is_ascii_whitespace)
            && b[..i].iter().rev().take_while(|c| c.is_ascii_alphabetic()).count() > 3
    })
}

/// `aan`/`op` (with `de`, `het`, `'t`) right before byte `start`: `op de Dam 1`, `aan Rokin 84`.
fn preposition_before(text: &str, start: usize) -> Option<String> {
    let mut before = text[..start].trim_end_matches(' ').rsplit(' ');
    let last = before.next()?.to_lowercase();
    if PREPOSITIONS.contains(&last.as_str()) {
        return Some(last);
    }
    if ["de", "het", "'t"].contains(&last.as_str()) {
        let prev = before.next()?.to_lowercase();
        if PREPOSITIONS.contains(&prev.as_str()) {
            return Some(format!("{prev} {last}"));
        }
    }
    None
}

/// A Dutch postcode at the start of `s` (`1012 JS`, `1012JS`), validated (no SA, SD, SS).
fn postcode_at(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    if b.len() < 6 || !matches!(b[0], b'1'..=b'9') || !b[1..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let letters = if b[4] == b' ' { 5 } else { 4 };
    let end = letters + 2;
    if b.len() < end || !b[letters..end].iter().all(u8::is_ascii_uppercase) || super::boundary::alnum_at(s, end) {
        return None;
    }
    super::validate::check(Validator::Postcode, s, 0..end).map(|r| &s[r])
}

/// The key streets and places are compared by: lower case, dots as spaces, single spaces (the same as
/// `street_key` in `rules/names/build.py`).
fn normalise_into(s: &str, out: &mut String) {
    out.clear();
    push_normalised(s, out);
}

/// Appends `s` normalised as in [`normalise_into`] to `out`.
fn push_normalised(s: &str, out: &mut String) {
    let from = out.len();
    for c in s.chars() {
        if c.is_whitespace() || c == '.' {
            if out.len() > from && !out.ends_with(' ') {
                out.push(' ');
            }
        } else if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    if out.len() > from && out.ends_with(' ') {
        out.pop();
    }
}

/// A 64-bit hash of a key, used as its identity in the sets (with 165k keys the chance that two share one
/// is about 1 in 10^9).
fn hash(key: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(key.as_bytes());
    h.write_usize(key.len());
    let x = h.finish();
    (x ^ (x >> 29)).wrapping_mul(0xBF58_476D_1CE4_E5B9) ^ (x >> 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pass(streets: &[&str]) -> StreetPass {
        let v = |xs: &[&str]| xs.join("\n");
        StreetPass::new(
            0,
            &StreetLists {
                streets: v(streets),
                places: v(&["Amsterdam", "Alphen aan den Rijn"]),
                words: v(&["dam", "markt", "punt", "plein", "bijlage"]),
                source: "streets.txt".into(),
            },
        )
    }

    /// The street the look-back finds before the number that starts at `number` in `text`.
    fn street_before(p: &StreetPass, text: &str, number: &str) -> Option<String> {
        let at = text.find(number).unwrap();
        let mut buf = [Word { start: 0, end: 0 }; MAX_WORDS];
        let words = words_before(text, at, &mut buf, MAX_WORDS);
        let street = p.street(text, words, &mut String::new())?;
        Some(text[street[0].start..street[street.len() - 1].end].to_string())
    }

    #[test]
    fn the_look_back_takes_the_longest_street() {
        let p =
            pass(&["Rokin", "Lange Voorhout", "Voorhout", "Laan van Meerdervoort", "Achter de Hoven", "Plein 1944"]);
        assert_eq!(street_before(&p, "Mevrouw Smit woont op Rokin 84.", "84").as_deref(), Some("Rokin"));
        assert_eq!(street_before(&p, "adres: Lange Voorhout 9", "9").as_deref(), Some("Lange Voorhout"));
        assert_eq!(
            street_before(&p, "wonende aan de Laan van Meerdervoort 100", "100").as_deref(),
            Some("Laan van Meerdervoort")
        );
        assert_eq!(street_before(&p, "Hij woont Achter de Hoven 12", "12").as_deref(), Some("Achter de Hoven"));
        assert_eq!(street_before(&p, "Plein 1944 3", "3").as_deref(), Some("Plein 1944"));
        // Case and dots do not matter for the key; several spaces count as one.
        assert_eq!(street_before(&p, "LANGE  VOORHOUT 9", "9").as_deref(), Some("LANGE  VOORHOUT"));
        // Written in lower case, or across punctuation, it is no street.
        assert_eq!(street_before(&p, "de rokin 84", "84"), None);
        assert_eq!(street_before(&p, "lange voorhout 9", "9"), None);
        assert_eq!(street_before(&p, "Rokin, 84", "84"), None);
        assert_eq!(
            street_before(
                &p,
                "Zie Rokin:
84",
                "84"
            ),
            None
        );
        // A bracket opens the street: (Rokin 84).
        assert_eq!(street_before(&p, "(Rokin 84)", "84").as_deref(), Some("Rokin"));
    }

    #[test]
    fn abbreviations_and_articles() {
        let p = pass(&["Burg. Kuijperlaan", "De Gats", "'s-Gravelandseweg", "1e J.C. Mensinglaan"]);
        assert_eq!(street_before(&p, "Burg Kuijperlaan 3", "3").as_deref(), Some("Burg Kuijperlaan"));
        assert_eq!(street_before(&p, "woont aan de Gats 12", "12").as_deref(), Some("de Gats"));
        let dam = pass(&["De Dam", "Dam"]);
        assert_eq!(street_before(&dam, "op de Dam 1", "1").as_deref(), Some("Dam"));
        assert_eq!(street_before(&dam, "De Dam 1", "1").as_deref(), Some("De Dam"));
        assert_eq!(street_before(&p, "'s-Gravelandseweg 80", "80").as_deref(), Some("'s-Gravelandseweg"));
        assert_eq!(street_before(&p, "1e J. C. Mensinglaan 4", "4").as_deref(), Some("1e J. C. Mensinglaan"));
    }

    #[test]
    fn a_block_at_a_time() {
        let full = |s: &str| {
            let mut b = [b'x'; BLOCK + 1];
            b[..s.len()].copy_from_slice(s.as_bytes());
            number_starts(&b)
        };
        assert!(!full(" Rokin Damrak Weena Blaak Dam"));
        assert!(!full("x0 0 0 0 x12345678 a1 b2 c3 d4"));
        assert!(full(" Rokin 84 is een adres"));
        // The first byte is the one before the block: a digit there does not count, a space does.
        assert!(!full("1bcdef"));
        assert!(full(" 1cdef"));
        let mut last = [b'x'; BLOCK + 1];
        last[BLOCK - 1] = b' ';
        last[BLOCK] = b'9';
        assert!(number_starts(&last));
        // A short last block.
        assert!(number_starts(b"a 1"));
        assert!(!number_starts(b"a"));
        // Where, eight bytes at a time: the top bit of each byte that starts a number.
        let text = b"x 1 9 0 :/a 5\xc3\xa9 7";
        let bits = |at: usize| {
            let m = number_starts8(text, at);
            (0..8).filter(|k| m >> (8 * k + 7) & 1 == 1).map(|k| at + k).collect::<Vec<_>>()
        };
        assert_eq!(bits(1), vec![2, 4]);
        assert_eq!(bits(9), vec![12, 16]);
        assert_eq!(bits(16), vec![16]);
    }

    #[test]
    fn the_word_before_the_number() {
        let before = |t: &str| may_end_street(t.as_bytes(), t.rfind(' ').unwrap());
        assert!(before("Rokin 84"));
        assert!(before("zie Émile 3"));
        assert!(before("('s-Gravelandseweg 3"));
        assert!(before("Plein 1944 3"));
        assert!(!before("op 12"));
        assert!(!before("06 12"));
        assert!(!before("NL91 ABNA 0417 1643"));
        assert!(!before("1944 3"));
        assert!(!before(" 12"));
    }

    #[test]
    fn house_numbers_and_additions() {
        fn num(t: &str) -> Option<&str> {
            let at = t.find(|c: char| c.is_ascii_digit()).unwrap();
            house_number(t, at).map(|n| &t[at..n.end])
        }
        assert_eq!(num("Rokin 84"), Some("84"));
        assert_eq!(num("Rokin 12a."), Some("12a"));
        assert_eq!(num("Rokin 12-II,"), Some("12-II"));
        assert_eq!(num("Rokin 12 bis"), Some("12 bis"));
        assert_eq!(num("Rokin 3-hs"), Some("3-hs"));
        assert_eq!(num("Rokin 100 A"), Some("100 A"));
        assert_eq!(num("Rokin 84-86 "), Some("84-86"));
        assert_eq!(num("Rokin 84 in Amsterdam"), Some("84"));
        assert_eq!(num("Rokin 84 A. de Vries"), Some("84"));
        assert_eq!(num("Punt 12,5"), None);
        assert_eq!(num("Dam 12:30"), None);
        assert_eq!(num("Dam 12-03-2024"), None);
        assert_eq!(num("Fase 3D"), Some("3D"));
        assert_eq!(num("Weg 12km"), None);
        assert_eq!(num("Dam 50%"), None);
        assert_eq!(num("Dam 123456"), None);
    }

    fn found(p: &StreetPass, text: &str) -> Vec<String> {
        found_in(p, text).into_iter().map(|(s, e)| text[s..e].to_string()).collect()
    }

    fn found_in(p: &StreetPass, text: &str) -> Vec<(usize, usize)> {
        let rules = [CompiledRule {
            validator: None,
            context: Some(super::super::context::ContextMatcher::new(&crate::rules::Context {
                words: vec!["adres".into(), "woont".into()],
                window: 40,
                required: false,
                confidence: 0.95,
            })),
            context_required: false,
            confidence: 0.85,
            context_confidence: 0.95,
            exceptions: Vec::new(),
            priority: 54,
        }];
        let mut out = Vec::new();
        p.find(&rules, None, 0, text, None, &mut out);
        out.iter().map(|f| (f.start, f.end)).collect()
    }

    #[test]
    fn never_panics_and_cuts_at_character_boundaries() {
        let p = pass(&["Rokin", "Plein 1944", "'s-Gravelandseweg", "Dam", "De Dam", "Émile Zolastraat"]);
        let pieces = [
            "Rokin",
            " ",
            "84",
            "1",
            "0",
            "a",
            "A",
            "-",
            "II",
            ".",
            ",",
            ":",
            "(",
            "\"",
            "'",
            "'s-",
            "\n",
            "é",
            "Émile",
            "Zolastraat",
            "ø",
            "1944",
            "Plein",
            "Dam",
            "De",
            "de",
            "op",
            "adres",
            "1012 JS",
            "Amsterdam",
            "\u{2019}",
            "bis",
            "%",
            "/",
        ];
        let mut seed = 7u64;
        for _ in 0..20_000 {
            let mut t = String::new();
            for _ in 0..12 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                t.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            for f in found_in(&p, &t) {
                assert!(t.is_char_boundary(f.0) && t.is_char_boundary(f.1) && f.0 < f.1, "{t:?}");
            }
        }
    }

    #[test]
    fn one_ordinary_word_needs_address_context() {
        let p = pass(&["Dam", "Markt", "Punt", "Plein", "Plein 1944", "Rokin", "Bijlage", "Postbus"]);
        // Not ordinary words: no context needed.
        assert_eq!(found(&p, "Zie Rokin 84 voor de kaart."), vec!["Rokin 84"]);
        assert_eq!(found(&p, "Locatie Plein 1944 3"), vec!["Plein 1944 3"]);
        // Ordinary words: only with context.
        assert!(found(&p, "Zie Punt 4 en Bijlage 2. Dam 1 is een ding.").is_empty());
        assert_eq!(found(&p, "Afspraak op de Dam 1 morgen."), vec!["Dam 1"]);
        assert_eq!(found(&p, "Ze woont sinds mei aan de Markt 5."), vec!["Markt 5"]);
        assert_eq!(found(&p, "Dam 1, 1012 JS Amsterdam"), vec!["Dam 1"]);
        assert_eq!(
            found(
                &p,
                "Dam 1
Amsterdam"
            ),
            vec!["Dam 1"]
        );
        assert_eq!(found(&p, "Dam 1 te Alphen aan den Rijn"), vec!["Dam 1"]);
        assert_eq!(found(&p, "Het adres is Dam 1."), vec!["Dam 1"]);
        assert!(found(&p, "Zie Punt 4 voor het adres.").is_empty());
        assert!(found(&p, "Ze woont al jaren in de wijk. Punt 4 van de agenda.").is_empty());
        assert!(found(&p, "Ze woont hier; Punt 4 van de agenda.").is_empty());
        assert_eq!(found(&p, "Adres:\nDam 1"), vec!["Dam 1"]);
        assert_eq!(found(&p, "Het adres van mw. Smit is Dam 1."), vec!["Dam 1"]);
        // A place after a comma is address context, unless a number follows it (a list of places).
        assert!(found(&p, "Dam 3, Amsterdam 2").is_empty());
        // A year after a street needs context too; a month or a time after the number is no address.
        assert!(found(&p, "Rokin 2030 is de visie.").is_empty());
        assert!(found(&p, "Rokin 12 maart").is_empty());
        // Never a street.
        assert!(found(&p, "Postbus 123, 1000 AB Amsterdam").is_empty());
    }
}
