//! The name recogniser's word knowledge, compiled from the rule's word lists into one hash map.
//!
//! Every word is stored once, lower-cased, with a set of flags (first name, surname, ordinary word,
//! title, ...). Multi-word entries (`de heer`, `commissaris van de koning`, `Bergen op Zoom`,
//! `El Amrani`) go into a phrase map; their words get a flag saying a phrase may end (or start) there, so
//! that the grammar only tries phrase look-ups where one can match.

use rustc_hash::{FxHashMap, FxHashSet};

use super::tokens::{Kind, Tok};
use crate::rules::NameLists;

/// A given name.
pub(crate) const FIRST: u32 = 1 << 0;
/// A surname core.
pub(crate) const SURNAME: u32 = 1 << 1;
/// A name that is also an ordinary word: needs context.
pub(crate) const AMBIG: u32 = 1 << 2;
/// A tussenvoegsel word.
pub(crate) const TUSSEN: u32 = 1 << 3;
/// A title or honorific (`heer`, `mevrouw`, `dhr`, `mr`).
pub(crate) const TITLE: u32 = 1 << 4;
/// A salutation (`beste`, `geachte`).
pub(crate) const SALUT: u32 = 1 << 5;
/// A role word of a private person (`verzoeker`).
pub(crate) const ROLE: u32 = 1 << 6;
/// An office of a public administrator (`wethouder`).
pub(crate) const OFFICIAL: u32 = 1 << 7;
/// Not a surname even after a title (`Allen`, `College`).
pub(crate) const NOT_SURNAME: u32 = 1 << 8;
/// A place name.
pub(crate) const PLACE: u32 = 1 << 9;
/// An ordinary word of the language.
pub(crate) const WORD: u32 = 1 << 10;
/// First word of a closing formula (`met`, `hoogachtend`).
pub(crate) const CLOSING_START: u32 = 1 << 11;
/// First word of a mail header field (`van`, `aan`, `verzonden`).
pub(crate) const HEADER_START: u32 = 1 << 12;
/// A preposition before a place (`te`, `in`, `uit`).
pub(crate) const PLACE_PREP: u32 = 1 << 13;
/// First word of a multi-word surname (`el` of `El Amrani`).
pub(crate) const SURNAME_PHRASE_START: u32 = 1 << 14;
/// Last word of a multi-word role, office or title (`koning` of `commissaris van de koning`).
pub(crate) const PHRASE_END: u32 = 1 << 15;

/// Prepositions after which a capitalised word is a place, not a person.
const PLACE_PREPOSITIONS: &[&str] = &["te", "in", "uit", "naar", "nabij", "rond", "richting", "omgeving", "gemeente"];

/// Dotted abbreviations that look like initials (`N.B.`, `P.S.`), as their letters.
const ABBREVIATIONS: &[&str] = &[
    "nb", "ps", "bv", "nv", "vof", "aub", "zoz", "cq", "ed", "io", "tav", "mbt", "oa", "ivm", "dwz", "svp", "ua", "wa",
    "ev", "ipv", "ok",
];

/// A direct-mapped cache of recent look-ups (key, flags), owned by one worker thread.
#[derive(Debug)]
pub(crate) struct FlagCache {
    slots: Vec<(u64, u32)>,
}

impl FlagCache {
    const SLOTS: usize = 1 << 14;
}

impl Default for FlagCache {
    fn default() -> Self {
        // No real key is u64::MAX with any meaningful probability; it marks an empty slot.
        FlagCache { slots: vec![(u64::MAX, 0); Self::SLOTS] }
    }
}

/// Endings of compound words that name an organisation (`sportvereniging`, `installatiebedrijf`,
/// `huisartsenpraktijk`, `notariskantoor`).
const ORG_COMPOUND_ENDS: &[&str] = &[
    "vereniging",
    "verzorging",
    "bedrijf",
    "bedrijven",
    "praktijk",
    "kantoor",
    "stichting",
    "winkel",
    "handel",
    "centrum",
    "club",
    "groep",
    "fonds",
    "school",
    "kliniek",
    "werken",
    "techniek",
    "fabriek",
    "opvang",
    "groep",
    "advies",
    "café",
    "cafe",
    "restaurant",
    "hotel",
    "salon",
    "studio",
    "atelier",
    "garage",
    // bakkerij, slagerij, drukkerij, kwekerij, brouwerij
    "erij",
];

/// Bit `27 * a + b` is set when an entry of `list` ends in the letters `a`, `b` (a-z as 0-25, see
/// `letter_index`); an entry ending in other letters (`café`) is only found by a word whose tail is not
/// a-z either.
const fn tails(list: &[&str]) -> [u64; 12] {
    let mut bits = [0u64; 12];
    let mut i = 0;
    while i < list.len() {
        let e = list[i].as_bytes();
        let (x, y) = (e[e.len() - 2], e[e.len() - 1]);
        if x.is_ascii_lowercase() && y.is_ascii_lowercase() {
            let t = (x - b'a') as usize * 27 + (y - b'a') as usize;
            bits[t / 64] |= 1 << (t % 64);
        }
        i += 1;
    }
    bits
}

const ORG_TAILS: [u64; 12] = tails(ORG_COMPOUND_ENDS);
const JOB_TAILS: [u64; 12] = tails(JOB_ENDS);
const STREET_TAILS: [u64; 12] = tails(STREET_ENDS);

/// Whether a word (lower case) may end in an entry of the list `tails` was made of: most words end in
/// two letters none of the entries ends in, and one bit test then spares ~70 `ends_with`.
fn may_end_in(tails: &[u64; 12], lower: &str) -> bool {
    let t = match lower.as_bytes() {
        [.., x, y] => letter_index(*x).zip(letter_index(*y)).map(|(x, y)| x * 27 + y),
        _ => None,
    };
    t.is_none_or(|t| tails[t / 64] & (1 << (t % 64)) != 0)
}

/// Endings of compound job titles (`privacyfunctionaris`, `wijkcoördinator`).
const JOB_ENDS: &[&str] = &[
    "functionaris",
    "medewerker",
    "medewerkster",
    "adviseur",
    "consulent",
    "coördinator",
    "coordinator",
    "manager",
    "beheerder",
    "ambtenaar",
    "jurist",
    "secretaris",
    "officer",
    "specialist",
    "deskundige",
    "assistent",
    "leider",
    "begeleider",
    "behandelaar",
    "directeur",
    "voorzitter",
    "inspecteur",
    "toezichthouder",
    "regisseur",
];

/// Endings of street names (`Steenstraat`, `Zwijgerlaan`): a word with one is no surname. (Not `-dijk`,
/// `-hof`, `-veld`, `-weg`: `Hoogendijk`, `Verhoef`, `Schoonveld` and `Hogeweg` are surnames as often as streets.)
const STREET_ENDS: &[&str] =
    &["straat", "laan", "plein", "gracht", "kade", "singel", "dreef", "steeg", "plantsoen", "boulevard", "allee"];

/// The compiled word knowledge.
#[derive(Debug)]
pub(crate) struct Lexicon {
    /// Keyed by [`key`] of the lower-cased word: one probe into a compact table instead of a probe plus
    /// a string comparison on the heap (the table has ~400k words; lookups are the hot path).
    words: FxHashMap<u64, u32>,
    phrases: FxHashMap<u64, u32>,
    closings: FxHashSet<Box<str>>,
    headers: FxHashSet<Box<str>>,
    org_suffixes: FxHashSet<Box<str>>,
    /// The first bytes of the organisation suffixes (as [`letters_only`] writes them).
    org_suffix_first: [bool; 256],
    /// The longest organisation suffix, in bytes of its letters.
    org_suffix_len: usize,
    abbreviations: FxHashSet<&'static str>,
    /// Bit `len` of `title_prefix[a][b]` is set when a title of that length starts with letters a, b: a
    /// cheap test that saves a hash look-up on almost every lower-case word.
    title_prefix: Box<[[u32; 27]; 27]>,
    /// The same for role words (`zoon`, `buurman`).
    role_prefix: Box<[[u32; 27]; 27]>,
    /// Bit `len` of `role_first[a]`: a role word of that length starts with letter a.
    role_first: [u32; 27],
    /// The same for titles.
    title_first: [u32; 27],
}

impl Lexicon {
    pub(crate) fn new(lists: &NameLists) -> Lexicon {
        let mut lx = Lexicon {
            words: FxHashMap::default(),
            phrases: FxHashMap::default(),
            closings: FxHashSet::default(),
            headers: FxHashSet::default(),
            org_suffixes: FxHashSet::default(),
            org_suffix_first: [false; 256],
            org_suffix_len: 0,
            abbreviations: ABBREVIATIONS.iter().copied().collect(),
            title_prefix: Box::new([[0; 27]; 27]),
            role_prefix: Box::new([[0; 27]; 27]),
            role_first: [0; 27],
            title_first: [0; 27],
        };
        // Most names are not ordinary words, but the name lists repeat each other (lak's and deduce's): their
        // sum would overshoot a power of two and double the table (8 MB more, and slower look-ups). The
        // map grows by itself if the names do need more room.
        lx.words.reserve(lists.words.len());
        for w in &lists.words {
            lx.add_word(&w.to_lowercase(), WORD);
        }
        lx.add_all(&lists.first_names, FIRST);
        lx.add_all(&lists.surnames, SURNAME);
        for w in &lists.ambiguous {
            lx.add_word_or_phrase(&w.to_lowercase(), AMBIG);
        }
        for t in &lists.tussenvoegsels {
            for part in t.to_lowercase().split(' ') {
                lx.add_word(part, TUSSEN);
            }
        }
        lx.add_context(&lists.titles, TITLE);
        lx.add_context(&lists.salutations, SALUT);
        lx.add_context(&lists.roles, ROLE);
        lx.add_context(&lists.officials, OFFICIAL);
        lx.add_all(&lists.not_surnames, NOT_SURNAME);
        lx.add_all(&lists.places, PLACE);
        for p in PLACE_PREPOSITIONS {
            lx.add_word(p, PLACE_PREP);
        }
        for c in &lists.closings {
            let c = squash(&c.to_lowercase());
            if let Some(first) = c.split(' ').next() {
                lx.add_word(first, CLOSING_START);
            }
            lx.closings.insert(c.into());
        }
        for h in &lists.mail_headers {
            let h = squash(h.to_lowercase().trim_end_matches(':'));
            if let Some(first) = h.split(' ').next() {
                lx.add_word(first, HEADER_START);
            }
            lx.headers.insert(h.into());
        }
        for s in &lists.org_suffixes {
            let letters = letters_only(s);
            if let Some(&b) = letters.as_bytes().first() {
                lx.org_suffix_first[usize::from(b)] = true;
            }
            lx.org_suffix_len = lx.org_suffix_len.max(letters.len());
            lx.org_suffixes.insert(letters.into());
        }
        lx
    }

    fn add_word(&mut self, w: &str, flag: u32) {
        if w.is_empty() {
            return;
        }
        if flag == TITLE || flag == ROLE {
            let b = w.as_bytes();
            if let (Some(i), Some(j)) = (letter_index(b[0]), b.get(1).and_then(|&c| letter_index(c)))
                && b.len() < 32
            {
                let table = if flag == TITLE { &mut self.title_prefix } else { &mut self.role_prefix };
                table[i][j] |= 1 << b.len();
            }
            if let Some(i) = letter_index(b[0])
                && b.len() < 32
            {
                let first = if flag == TITLE { &mut self.title_first } else { &mut self.role_first };
                first[i] |= 1 << b.len();
            }
        }
        *self.words.entry(key(w)).or_insert(0) |= flag;
    }

    fn add_word_or_phrase(&mut self, w: &str, flag: u32) {
        let w = w.trim_end_matches('.');
        if w.contains([' ', '-']) && !w.starts_with('\'') {
            let w = squash(w);
            *self.phrases.entry(key(&w)).or_insert(0) |= flag;
            if flag == SURNAME
                && let Some(first) = w.split([' ', '-']).next()
            {
                self.add_word(first, SURNAME_PHRASE_START);
            }
        } else {
            self.add_word(w, flag);
        }
    }

    fn add_all(&mut self, list: &[String], flag: u32) {
        for w in list {
            self.add_word_or_phrase(&w.to_lowercase(), flag);
        }
    }

    /// Titles, salutations, roles and offices: single words directly, multi-word entries as phrases
    /// whose last word is marked.
    fn add_context(&mut self, list: &[String], flag: u32) {
        for w in list {
            let w = squash(w.to_lowercase().trim_end_matches(['.', ':']));
            if w.contains(' ') {
                let last = w.rsplit(' ').next().unwrap_or_default().trim_end_matches('.').to_string();
                self.add_word(&last, PHRASE_END);
                *self.phrases.entry(key(&w)).or_insert(0) |= flag;
            } else {
                self.add_word(&w, flag);
            }
        }
    }

    /// Flags of a lower-cased word.
    pub(crate) fn word(&self, lower: &str) -> u32 {
        self.words.get(&key(lower)).copied().unwrap_or(0)
    }

    /// Flags of a lower-cased word, through a per-thread cache: text repeats its words, and the cache
    /// stays in the CPU cache where the 400k-word table does not.
    pub(crate) fn word_cached(&self, cache: &mut FlagCache, lower: &str) -> u32 {
        self.flags_cached(cache, key(lower))
    }

    /// Flags of the word with key `k`, through the cache.
    fn flags_cached(&self, cache: &mut FlagCache, k: u64) -> u32 {
        let slot = &mut cache.slots[(k as usize) & (FlagCache::SLOTS - 1)];
        if slot.0 == k {
            return slot.1;
        }
        let f = self.words.get(&k).copied().unwrap_or(0);
        *slot = (k, f);
        f
    }

    /// Flags of a word in any letter case (`Jansen`, `JANSEN`).
    pub(crate) fn word_any_case(&self, w: &str) -> u32 {
        if w.is_ascii() {
            self.words.get(&key_ascii_lower(w.as_bytes())).copied().unwrap_or(0)
        } else {
            super::grammar::with_lower(w, |l| self.word(l))
        }
    }

    /// [`Lexicon::word_any_case`] through the per-thread cache.
    pub(crate) fn word_any_case_cached(&self, cache: &mut FlagCache, w: &str) -> u32 {
        if !w.is_ascii() {
            return super::grammar::with_lower(w, |l| self.word_cached(cache, l));
        }
        self.flags_cached(cache, key_ascii_lower(w.as_bytes()))
    }

    /// Flags of a lower-cased phrase (words joined by single spaces).
    pub(crate) fn phrase(&self, lower: &str) -> u32 {
        self.phrases.get(&key(lower)).copied().unwrap_or(0)
    }

    /// Whether a word of `len` bytes whose first two bytes, lower-cased, are `head` might be a title (a
    /// false answer is certain).
    pub(crate) fn maybe_title(&self, head: &[u8; 2], len: usize) -> bool {
        maybe(&self.title_prefix, head, len)
    }

    /// The same for a role word.
    pub(crate) fn maybe_role(&self, head: &[u8; 2], len: usize) -> bool {
        maybe(&self.role_prefix, head, len)
    }

    /// Whether a word of `len` bytes whose first byte, lower-cased, is `first` might be a role word (a
    /// false answer is certain; `first` is a token's [`super::tokens::Tok::punct`]).
    pub(crate) fn maybe_role_first(&self, first: u8, len: usize) -> bool {
        maybe_first(&self.role_first, first, len)
    }

    /// The same for a title.
    pub(crate) fn maybe_title_first(&self, first: u8, len: usize) -> bool {
        maybe_first(&self.title_first, first, len)
    }

    /// Whether a lower-cased line is a closing formula (`met vriendelijke groet`).
    pub(crate) fn is_closing(&self, lower: &str) -> bool {
        self.closings.contains(lower)
    }

    /// Whether lower-cased words (without the colon) name a mail header field.
    pub(crate) fn is_header(&self, lower: &str) -> bool {
        self.headers.contains(lower)
    }

    /// Whether letters (dots and spaces removed, lower-cased) are an organisation suffix (`bv`, `holding`).
    pub(crate) fn is_org_suffix(&self, letters: &str) -> bool {
        self.org_suffixes.contains(letters)
    }

    /// Whether the tokens from `k` on spell an organisation suffix (`B.V.`, `& Zn.`, `N.V.`): up to three
    /// words, initials and `&`, their letters lower-cased and joined.
    pub(crate) fn org_suffix_from(&self, text: &str, toks: &[Tok], k: usize) -> bool {
        // Most words after a name start with a letter no suffix starts with.
        if toks.get(k).is_some_and(|t| t.kind == Kind::Word && !self.org_suffix_may_start(t.punct)) {
            return false;
        }
        // The letters so far, on the stack: no suffix is longer than `org_suffix_len`.
        let mut buf = [0u8; 64];
        let mut len = 0;
        for t in toks.iter().skip(k).take(3) {
            let mut push = |c: char| {
                let n = c.len_utf8();
                if len + n > buf.len().min(self.org_suffix_len) {
                    return false;
                }
                c.encode_utf8(&mut buf[len..]);
                len += n;
                true
            };
            let word = &text[t.start as usize..t.end as usize];
            let fits = match t.kind {
                Kind::Word | Kind::Initial if word.is_ascii() => {
                    word.bytes().filter(u8::is_ascii_alphanumeric).all(|b| push(char::from(b.to_ascii_lowercase())))
                }
                Kind::Word | Kind::Initial => {
                    word.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).all(&mut push)
                }
                Kind::Punct if t.punct == b'&' => push('&'),
                _ => return false,
            };
            if !fits {
                return false;
            }
            let letters = std::str::from_utf8(&buf[..len]).expect("whole characters were pushed");
            if self.is_org_suffix(letters) {
                return true;
            }
        }
        false
    }

    /// Whether an organisation suffix may start with a word whose first byte, lower-cased, is `first`
    /// (a token's [`super::tokens::Tok::punct`]; a false answer is certain).
    pub(crate) fn org_suffix_may_start(&self, first: u8) -> bool {
        first == super::tokens::NON_ASCII || self.org_suffix_first[usize::from(first)]
    }

    /// Whether a word (lower case) names a kind of organisation that a name after it belongs to
    /// (`Stichting Mulder`, `Bakkerij De Wit`, `Sportvereniging Hoogland`): an organisation word of the
    /// suffix list, or a compound ending in one of [`ORG_COMPOUND_ENDS`].
    pub(crate) fn is_org_word(&self, lower: &str) -> bool {
        if self.org_suffixes.contains(lower) {
            return true;
        }
        if !may_end_in(&ORG_TAILS, lower) {
            return false;
        }
        ORG_COMPOUND_ENDS.contains(&lower)
            || ORG_COMPOUND_ENDS.iter().any(|e| lower.len() > e.len() + 2 && lower.ends_with(e))
    }

    /// Whether a word (lower case) is a street name by its ending (`steenstraat`, `zwijgerlaan`) and no
    /// known surname (`Verhoef`, `Van Dijk`'s `dijk` stay names).
    pub(crate) fn is_street_word(&self, lower: &str) -> bool {
        may_end_in(&STREET_TAILS, lower)
            && STREET_ENDS.iter().any(|e| lower.len() > e.len() + 2 && lower.ends_with(e))
            && self.word(lower) & SURNAME == 0
    }

    /// Whether a word (lower case) is a job title by its ending (`privacyfunctionaris`,
    /// `beleidsmedewerker`, `wijkcoordinator`) and no known surname.
    pub(crate) fn is_job_title(&self, lower: &str) -> bool {
        may_end_in(&JOB_TAILS, lower)
            && JOB_ENDS.iter().any(|e| lower.len() > e.len() + 2 && lower.ends_with(e))
            && self.word(lower) & SURNAME == 0
    }

    /// Whether the letters of dotted initials are a common abbreviation (`N.B.` → `nb`).
    pub(crate) fn is_abbreviation(&self, letters: &str) -> bool {
        self.abbreviations.contains(letters)
    }
}

/// A 64-bit hash of a word, used as its identity in the lexicon. With ~400k words the chance that two
/// of them share a key is about 1 in 10^8; a clash could only make one word look like another.
fn key(w: &str) -> u64 {
    hash_words(w.as_bytes(), |x| x)
}

/// The key of `w` lower-cased, for an ASCII `w`: equal to `key(&w.to_ascii_lowercase())` without the
/// copy (the grammar asks this for every capitalised word).
fn key_ascii_lower(w: &[u8]) -> u64 {
    debug_assert!(w.is_ascii());
    hash_words(w, ascii_lower_word)
}

/// Hashes `b` eight bytes at a time (the last word zero-padded), each word passed through `map` first.
fn hash_words(b: &[u8], map: impl Fn(u64) -> u64) -> u64 {
    const K: u64 = 0xF135_7AEA_2E62_A9C5;
    let mut h = (b.len() as u64).wrapping_mul(K);
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let x = u64::from_le_bytes(c.try_into().expect("chunks of eight"));
        h = (h.rotate_left(26) ^ map(x)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(26) ^ map(u64::from_le_bytes(last))).wrapping_mul(K);
    }
    // The last step is a multiply; mix the high bits down so the hash map's bucket bits are good.
    (h ^ (h >> 29)).wrapping_mul(0xBF58_476D_1CE4_E5B9) ^ (h >> 32)
}

/// Lower-cases the ASCII capitals among eight bytes (other bytes, also non-ASCII ones, stay).
fn ascii_lower_word(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let seven = x & (0x7F * ONES);
    // The high bit of each byte: at least `A`, above `Z`, ASCII.
    let from_a = seven + (0x80 - u64::from(b'A')) * ONES;
    let past_z = seven + (0x80 - u64::from(b'Z') - 1) * ONES;
    let upper = from_a & !past_z & !x & (0x80 * ONES);
    x | (upper >> 2)
}

fn letter_index(c: u8) -> Option<usize> {
    c.is_ascii_lowercase().then(|| usize::from(c - b'a')).or((c == b'\'').then_some(26))
}

/// Collapses runs of white space to one space.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower-case letters and digits only (`B.V.` → `bv`).
pub(crate) fn letters_only(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric() || *c == '&').flat_map(char::to_lowercase).collect()
}

/// Whether `table` (see [`Lexicon::maybe_role_first`]) allows a word of `len` bytes starting with `first`.
fn maybe_first(table: &[u32; 27], first: u8, len: usize) -> bool {
    match letter_index(first) {
        Some(i) if len < 32 => table[i] & (1 << len) != 0,
        Some(_) => false,
        None => true,
    }
}

/// Whether `table` (see [`Lexicon::maybe_title`]) allows a word of `len` bytes starting with `head`.
fn maybe(table: &[[u32; 27]; 27], head: &[u8; 2], len: usize) -> bool {
    match (letter_index(head[0]), letter_index(head[1])) {
        (Some(i), Some(j)) if len < 32 => table[i][j] & (1 << len) != 0,
        (Some(_), Some(_)) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_any_case_key_is_the_key_of_the_lower_cased_word() {
        for w in ["", "a", "Z", "Jansen", "JANSEN", "jAnSeN", "@[`{", "Van-Der-Meulen-Oosterhuis-Bakker", "O'BRIEN"] {
            assert_eq!(key_ascii_lower(w.as_bytes()), key(&w.to_ascii_lowercase()), "{w}");
        }
        // Every byte, at every position of a word.
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut word = [b'x'; 8];
                word[at] = b;
                let x = u64::from_le_bytes(word);
                let mut want = word;
                want[at] = b.to_ascii_lowercase();
                assert_eq!(ascii_lower_word(x), u64::from_le_bytes(want), "byte {b} at {at}");
            }
        }
    }

    fn lists() -> NameLists {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        NameLists {
            first_names: v(&["Jan", "Anne-Marie", "Dan"]),
            surnames: v(&["Jansen", "Vries", "El Amrani", "Bakker"]),
            ambiguous: v(&["Dan", "Bakker"]),
            tussenvoegsels: v(&["van", "de", "van der", "'t"]),
            titles: v(&["de heer", "heer", "dhr.", "mevrouw"]),
            officials: v(&["wethouder", "commissaris van de koning"]),
            closings: v(&["Met vriendelijke groet"]),
            mail_headers: v(&["Van:", "Verzonden door:"]),
            org_suffixes: v(&["B.V."]),
            words: v(&["bakker", "dan", "gemeente"]),
            ..NameLists::default()
        }
    }

    #[test]
    fn flags_combine() {
        let lx = Lexicon::new(&lists());
        assert_eq!(lx.word("jansen"), SURNAME);
        assert_eq!(lx.word("bakker") & (SURNAME | AMBIG | WORD), SURNAME | AMBIG | WORD);
        assert_ne!(lx.word("der") & TUSSEN, 0);
        assert_ne!(lx.word("'t") & TUSSEN, 0);
        assert_ne!(lx.word("dhr") & TITLE, 0);
        assert_ne!(lx.word("koning") & PHRASE_END, 0);
        assert_ne!(lx.phrase("commissaris van de koning") & OFFICIAL, 0);
        assert_ne!(lx.phrase("el amrani") & SURNAME, 0);
        assert_ne!(lx.word("el") & SURNAME_PHRASE_START, 0);
        assert_ne!(lx.phrase("anne-marie") & FIRST, 0);
        assert!(lx.is_closing("met vriendelijke groet"));
        assert!(lx.is_header("verzonden door"));
        assert!(lx.is_org_suffix("bv"));
        assert!(lx.maybe_title(b"dh", 3));
        assert!(!lx.maybe_title(b"de", 2));
    }
}
