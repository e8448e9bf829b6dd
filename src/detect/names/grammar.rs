//! The grammar of Dutch person names, read over tokens.
//!
//! A name is `[initials | given names [initials]] [(nickname)] surname-part [-surname-part]`, where a
//! surname part is `tussenvoegsel* core`. Whether a candidate is accepted depends on what it is made of
//! (an initial before a capitalised word is strong evidence; a lone capitalised word is weak) and on the
//! context before it: a title, salutation, role word, office, mail header field or a closing formula
//! before a signature. The context is never part of the span.
//!
//! What is deliberately *not* a name: a capitalised ordinary word (`Daarna`), a place after `te`/`in`
//! (`te Haarlem`), a name followed by an organisation suffix (`Jansen B.V.`), dotted abbreviations
//! (`N.B. De ...`), and names that are ordinary words (`Bakker`, `Visser`) without context.

use std::borrow::Cow;

use smallvec::SmallVec;

use super::lexicon::*;
use super::tokens::{FLAGS_KNOWN, Kind, Shape, Tok};
use crate::model::NameParts;

/// The kind of context before a candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CtxKind {
    None,
    Title,
    Salutation,
    Role,
    Official,
    Header,
    Signature,
}

#[derive(Clone, Debug)]
struct Ctx {
    kind: CtxKind,
    word: Option<String>,
    place_prep: bool,
}

impl Ctx {
    fn none() -> Ctx {
        Ctx { kind: CtxKind::None, word: None, place_prep: false }
    }

    fn strong(&self) -> bool {
        self.kind != CtxKind::None
    }
}

/// A recognised name, in normalised-text offsets.
#[derive(Clone, Debug)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub form: &'static str,
    pub confidence: f32,
    pub context: Option<String>,
    pub official: Option<String>,
    pub gazetteers: Vec<&'static str>,
    pub parts: NameParts,
}

/// The part after the comma of a surname-first name (`Berg, J.P. van den`).
#[derive(Debug, Default)]
struct InvertedTail {
    initials: Few<usize>,
    given: Few<(usize, usize)>,
    /// A tussenvoegsel follows (`, J.P. van den`).
    tussen: bool,
    /// Index one past the last token.
    end: usize,
}

/// The few tokens of one part of a name, kept inline: a candidate is parsed at almost every
/// capitalised word, and four heap vectors per candidate were a tenth of the recogniser's time.
type Few<T> = SmallVec<[T; 4]>;

/// A parsed candidate before acceptance.
#[derive(Debug, Default)]
struct Parsed {
    first: usize,
    /// Index one past the last token.
    end: usize,
    initials: Few<usize>,
    /// Given names as token ranges (a hyphenated name spans three tokens).
    given: Few<(usize, usize)>,
    nick: Option<usize>,
    tussen: Few<usize>,
    /// Surname cores as token ranges.
    cores: Few<(usize, usize)>,
}

/// Reads names from one unit's tokens.
pub(crate) struct Grammar<'a> {
    lx: &'a Lexicon,
    cache: &'a mut FlagCache,
    text: &'a str,
    toks: &'a mut [Tok],
    /// The header of a person column the unit is in (`achternaam (column header)`), or a person label
    /// before the unit (`naam aanvrager (label)`): a role before its first token.
    column: Option<&'a str>,
    /// The line before the unit's first line (the previous cell or paragraph).
    lead: Option<&'a str>,
    /// The first line of the unit after this one (the next cell): `S. Arslan | wethouder`.
    trail: Option<&'a str>,
}

impl<'a> Grammar<'a> {
    pub(crate) fn new(
        lx: &'a Lexicon,
        cache: &'a mut FlagCache,
        text: &'a str,
        toks: &'a mut [Tok],
        column: Option<&'a str>,
        lead: Option<&'a str>,
        trail: Option<&'a str>,
    ) -> Self {
        Grammar { lx, cache, text, toks, column, lead, trail }
    }

    /// Every name in the unit, in order.
    pub(crate) fn run(&mut self, out: &mut Vec<Hit>) {
        let n = self.toks.len();
        let mut i = 0;
        let mut line_start = 0;
        let mut signature_next = false;
        // The office of the last name and the token after it: "raadsleden T. Bos (VVD) en R. de Graaf".
        let mut last_office: Option<(String, usize)> = None;
        let mut first_word = true;
        while i < n {
            let t = self.toks[i];
            match t.kind {
                Kind::Newline => {
                    if self.is_closing_line(line_start, i) {
                        signature_next = true;
                    } else if line_start < i {
                        signature_next = false;
                    }
                    line_start = i + 1;
                    i += 1;
                    continue;
                }
                Kind::Word | Kind::Initial => {}
                _ => {
                    i += 1;
                    continue;
                }
            }
            let unit_start = std::mem::replace(&mut first_word, false);
            let lower_ok = t.kind == Kind::Word && t.shape == Shape::Lower;
            // A capitalised ordinary word that is no name word cannot start a name ("Daarna", "Geachte").
            if t.kind == Kind::Word && !lower_ok {
                let f = self.flags(i);
                // ... unless initials follow it after a comma: `Pater, G.M.H. de`, `Kinderen, P.C. der`.
                let inverted =
                    self.is_punct(i + 1, b',') && self.toks.get(i + 2).is_some_and(|t| t.kind == Kind::Initial);
                if f & WORD != 0 && f & (FIRST | SURNAME | TUSSEN | SURNAME_PHRASE_START) == 0 && !inverted {
                    i += 1;
                    continue;
                }
            }
            // A salutation opening a line is the salutation, even when it is also a given name: "Beste Ruben,",
            // "Hoi Karim" (`Beste`, `Hoi` are given names too). The name after it gets it as context.
            if !lower_ok && i == line_start && self.flags(i) & SALUT != 0 && self.capitalised(i + 1) {
                i += 1;
                continue;
            }
            // A lower-case word starts a name only right after a title ("mevrouw de vries"), or, when it
            // is a gazetteer name and no word of the language, right after a role ("zoon kevin", "buurman
            // jansen": contact journals are typed in lower case).
            if lower_ok && !self.title_before(i) && !self.lower_name_after_role(i) {
                i += 1;
                continue;
            }
            let mut ctx = if signature_next && i == line_start {
                Ctx { kind: CtxKind::Signature, word: Some("closing formula".into()), place_prep: false }
            } else {
                self.context_before(i)
            };
            if i == line_start {
                signature_next = false;
            }
            if ctx.kind == CtxKind::None
                && unit_start
                && let Some(column) = self.column
            {
                ctx = Ctx { kind: CtxKind::Role, word: Some(column.to_string()), place_prep: false };
            }
            // "[18-10-2024 15:17] Shurandy: ..." — the sender of a chat message.
            if ctx.kind == CtxKind::None && self.chat_sender_at(i) {
                ctx = Ctx { kind: CtxKind::Header, word: Some("chat sender".into()), place_prep: false };
            }
            // "de secretaris,   de burgemeester," over the line of signatures: the names are officials.
            if ctx.kind == CtxKind::None
                && let Some(office) = self.office_line_before(line_start)
            {
                ctx = Ctx { kind: CtxKind::Official, word: Some(office), place_prep: false };
            }
            // "Naam aanvrager:" ending the line before: the first word of this line is a name.
            if ctx.kind == CtxKind::None
                && i == line_start
                && let Some(label) = self.label_line_before(line_start)
            {
                ctx = Ctx { kind: CtxKind::Role, word: Some(format!("{label} (label)")), place_prep: false };
            }
            if ctx.kind == CtxKind::None
                && let Some((office, after)) = &last_office
                && self.enumeration_between(*after, i)
            {
                ctx = Ctx { kind: CtxKind::Official, word: Some(office.clone()), place_prep: false };
            }
            match self.parse(i, lower_ok, ctx.strong()).and_then(|p| self.accept(p, &mut ctx)) {
                Some((hit, next)) => {
                    // An office binds to the one name it qualifies (`wethouder Kramer`, `Kramer
                    // (wethouder)`); only a plural office before a list covers the names listed after
                    // it (`raadsleden T. Bos (VVD) en R. de Graaf`).
                    let list_office = ctx.kind == CtxKind::Official && ctx.word.as_deref().is_some_and(plural_office);
                    last_office = hit.official.clone().filter(|_| list_office).map(|o| (o, next));
                    out.push(hit);
                    i = next;
                }
                None => i += 1,
            }
        }
    }

    /// The office of a signature block when the line before the line starting at `line_start` (or, two
    /// lines up, past a line of names) names only offices: `de secretaris,  de burgemeester,` or `De
    /// burgemeester van Zwolle,` over the names that sign.
    fn office_line_before(&mut self, line_start: usize) -> Option<String> {
        let mut end = match line_start.checked_sub(1) {
            Some(nl) => self.toks[nl].start as usize,
            None => return self.lead.and_then(|l| self.office_line(l)),
        };
        for _ in 0..3 {
            let start = self.text[..end].rfind('\n').map_or(0, |p| p + 1);
            let line = &self.text[start..end];
            if let Some(office) = self.office_line(line) {
                return Some(office);
            }
            // Past a line of initials and names only (`H. Hoek` over `G. Elzinga`).
            let names_only = line.split_whitespace().all(|w| w.starts_with(char::is_uppercase) || w.len() <= 3);
            if start == 0 || !names_only || line.trim().is_empty() {
                return None;
            }
            end = start - 1;
        }
        None
    }

    /// The first office of `line` when it holds nothing but offices, roles and joining words.
    fn office_line(&self, line: &str) -> Option<String> {
        let mut office = None;
        let mut words = 0;
        for w in line.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()) {
            words += 1;
            let f = self.lx.word_any_case(w);
            let joining =
                with_lower(w, |l| matches!(l, "de" | "het" | "van" | "en" | "namens" | "deze" | "dezen" | "college"));
            if f & OFFICIAL != 0 {
                office.get_or_insert_with(|| w.to_lowercase());
            } else if !(joining || f & ROLE != 0 || f & PLACE != 0) {
                return None;
            }
        }
        office.filter(|_| words <= 12)
    }

    /// Whether token `i` follows the bracketed time stamp that opens a chat line (`[18-10-2024 15:17]`)
    /// and a colon follows the name within a few words.
    fn chat_sender_at(&self, i: usize) -> bool {
        if !(i >= 2 && self.is_punct(i - 1, b']')) {
            return false;
        }
        let line_start = (0..i).rev().find(|&k| self.toks[k].kind == Kind::Newline).map_or(0, |k| k + 1);
        self.is_punct(line_start, b'[') && (i + 1..(i + 6).min(self.toks.len())).any(|k| self.is_punct(k, b':'))
    }

    /// The person label (`Naam:`, `Contactpersoon`) that is the whole line before the line starting at
    /// token `line_start`.
    fn label_line_before(&self, line_start: usize) -> Option<String> {
        let nl = line_start.checked_sub(1)?;
        let end = self.toks[nl].start as usize;
        let start = self.text[..end].rfind('\n').map_or(0, |p| p + 1);
        super::column::person_label(&self.text[start..end])
    }

    /// Whether tokens `from..to` only join two names of a list: `,`, `en`, `and`, `&` and a bracketed
    /// party or role (`(VVD)`).
    fn enumeration_between(&self, from: usize, to: usize) -> bool {
        if to <= from || to - from > 8 {
            return false;
        }
        let mut depth = 0;
        let mut joined = false;
        for k in from..to {
            let t = self.toks[k];
            match t.kind {
                Kind::Punct if t.punct == b'(' => depth += 1,
                Kind::Punct if t.punct == b')' => depth -= 1,
                _ if depth > 0 => {}
                Kind::Punct if t.punct == b',' || t.punct == b'&' => joined = true,
                Kind::Word if matches!(self.tok_text(k), "en" | "and") => joined = true,
                _ => return false,
            }
        }
        joined && depth == 0
    }

    /// Whether a title stands right before token `i` (cheap test first: most words cannot be titles).
    fn title_before(&mut self, i: usize) -> bool {
        let mut p = match i.checked_sub(1) {
            Some(p) => p,
            None => return false,
        };
        if self.is_punct(p, b'.') {
            match p.checked_sub(1) {
                Some(q) => p = q,
                None => return false,
            }
        }
        if !self.is_word(p) {
            return false;
        }
        let t = self.toks[p];
        if !self.lx.maybe_title_first(t.punct, (t.end - t.start) as usize) {
            return false;
        }
        let w = self.tok_text(p).as_bytes();
        let head = [w[0].to_ascii_lowercase(), w.get(1).map_or(0, u8::to_ascii_lowercase)];
        self.lx.maybe_title(&head, w.len()) && self.flags(p) & TITLE != 0
    }

    /// Whether lower-case token `i` is a name word that is no word of the language (`kevin`, `jansen`)
    /// right after a role word (`zoon`, `buurman`).
    fn lower_name_after_role(&mut self, i: usize) -> bool {
        // The word before first, by its shape: most lower-case words follow no role word, and are then
        // never looked up here.
        let Some(p) = i.checked_sub(1).filter(|&p| self.is_word(p) && self.adjacent_word(p)) else {
            return false;
        };
        let t = self.toks[p];
        if !self.lx.maybe_role_first(t.punct, (t.end - t.start) as usize) {
            return false;
        }
        let w = self.tok_text(p).as_bytes();
        let head = [w[0].to_ascii_lowercase(), w.get(1).map_or(0, u8::to_ascii_lowercase)];
        if !self.lx.maybe_role(&head, w.len()) {
            return false;
        }
        let f = self.flags(i);
        if f & (FIRST | SURNAME) == 0 || f & (WORD | AMBIG | TUSSEN | PLACE) != 0 {
            return false;
        }
        self.flags(p) & ROLE != 0
    }

    fn tok_text(&self, i: usize) -> &'a str {
        let t = self.toks[i];
        &self.text[t.start as usize..t.end as usize]
    }

    fn lower(&self, i: usize) -> Cow<'a, str> {
        let s = self.tok_text(i);
        if s.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
            Cow::Owned(s.to_lowercase())
        } else {
            Cow::Borrowed(s)
        }
    }

    /// Calls `f` with the words `words` lower-cased and joined by `sep`: on the stack when they are ASCII
    /// and short (the common case; phrases are looked up at most capitalised words), else on the heap.
    fn with_phrase<R>(&self, words: impl IntoIterator<Item = usize>, sep: u8, f: impl FnOnce(&str) -> R) -> R {
        const MAX: usize = 96;
        let mut buf = [0u8; MAX];
        let mut len = 0;
        let mut words = words.into_iter().enumerate();
        for (n, k) in words.by_ref() {
            let w = self.tok_text(k);
            let need = w.len() + usize::from(n > 0);
            if !w.is_ascii() || len + need > MAX {
                // Spill: the rest goes through `to_lowercase` on the heap.
                let mut heap = String::from(std::str::from_utf8(&buf[..len]).expect("ASCII so far"));
                for (n, k) in std::iter::once((n, k)).chain(words) {
                    if n > 0 {
                        heap.push(char::from(sep));
                    }
                    heap.push_str(&self.tok_text(k).to_lowercase());
                }
                return f(&heap);
            }
            if n > 0 {
                buf[len] = sep;
                len += 1;
            }
            for (dst, src) in buf[len..len + w.len()].iter_mut().zip(w.bytes()) {
                *dst = src.to_ascii_lowercase();
            }
            len += w.len();
        }
        f(std::str::from_utf8(&buf[..len]).expect("ASCII"))
    }

    /// The words among tokens `range`, lower-cased and joined by `sep`, into one string.
    fn joined_lower(&self, range: std::ops::Range<usize>, sep: char) -> String {
        let mut out = String::new();
        for k in range.filter(|&k| self.is_word(k)) {
            if !out.is_empty() {
                out.push(sep);
            }
            let w = self.tok_text(k);
            if w.is_ascii() {
                out.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                out.push_str(&w.to_lowercase());
            }
        }
        out
    }

    /// Lexicon flags of a word token (0 for other tokens), looked up once.
    fn flags(&mut self, i: usize) -> u32 {
        let t = self.toks[i];
        if t.flags & FLAGS_KNOWN != 0 {
            return t.flags & !FLAGS_KNOWN;
        }
        let f = if t.kind == Kind::Word {
            let text = self.tok_text(i);
            let (lx, cache) = (self.lx, &mut *self.cache);
            lx.word_any_case_cached(cache, text)
        } else {
            0
        };
        self.toks[i].flags = f | FLAGS_KNOWN;
        f
    }

    fn is_word(&self, i: usize) -> bool {
        i < self.toks.len() && self.toks[i].kind == Kind::Word
    }

    fn is_punct(&self, i: usize, c: u8) -> bool {
        i < self.toks.len() && self.toks[i].kind == Kind::Punct && self.toks[i].punct == c
    }

    fn adjacent(&self, a: usize, b: usize) -> bool {
        b < self.toks.len() && self.toks[a].end == self.toks[b].start
    }

    /// Whether a word follows token `i` after a single space (not across a line break).
    fn adjacent_word(&self, i: usize) -> bool {
        i + 1 < self.toks.len() && self.is_word(i + 1) && self.toks[i + 1].start == self.toks[i].end + 1
    }

    fn capitalised(&self, i: usize) -> bool {
        self.is_word(i) && matches!(self.toks[i].shape, Shape::Cap | Shape::Upper)
    }

    /// Whether token `i` starts a sentence (or the text, or a line).
    fn sentence_start(&mut self, i: usize) -> bool {
        let Some(p) = i.checked_sub(1) else {
            return true;
        };
        match self.toks[p].kind {
            Kind::Newline => true,
            Kind::Punct => match self.toks[p].punct {
                b'!' | b'?' | b':' | b'"' => true,
                b'.' => !(p > 0 && self.is_word(p - 1) && self.flags(p - 1) & TITLE != 0),
                _ => false,
            },
            _ => false,
        }
    }

    /// Whether tokens `from..to` (one line) are a closing formula such as `Met vriendelijke groet,`.
    fn is_closing_line(&mut self, from: usize, to: usize) -> bool {
        // A closing may follow the last sentence on the same line ("... vernemen. Met vriendelijke groet,").
        let from = (from..to)
            .rev()
            .find(|&k| {
                self.toks[k].kind == Kind::Punct && matches!(self.toks[k].punct, b'.' | b'!' | b'?') && k + 2 < to
            })
            .map_or(from, |k| k + 1);
        let mut words = (from..to).filter(|&k| self.toks[k].kind == Kind::Word);
        let Some(first) = words.next() else { return false };
        if words.count() > 4 || self.flags(first) & CLOSING_START == 0 {
            return false;
        }

        // Only words and trailing punctuation on the line.
        if (from..to).any(|k| !matches!(self.toks[k].kind, Kind::Word | Kind::Punct)) {
            return false;
        }
        self.with_phrase((from..to).filter(|&k| self.is_word(k)), b' ', |phrase| self.lx.is_closing(phrase))
    }

    /// The words from the start of the line to `colon` form a mail header field (`Van:`, `Verzonden door:`).
    fn header_before(&mut self, colon: usize) -> bool {
        let mut k = colon;
        let mut words = Vec::new();
        while k > 0 && self.is_word(k - 1) && words.len() < 3 {
            k -= 1;
            words.push(k);
        }
        let at_line_start = k == 0 || self.toks[k - 1].kind == Kind::Newline;
        let after_sentence =
            k > 0 && self.toks[k - 1].kind == Kind::Punct && matches!(self.toks[k - 1].punct, b'.' | b'!' | b'?');
        if words.is_empty() || !(at_line_start || after_sentence) {
            return false;
        }
        words.reverse();
        if self.flags(words[0]) & HEADER_START == 0 {
            return false;
        }
        self.with_phrase(words.iter().copied(), b' ', |phrase| self.lx.is_header(phrase))
    }

    /// A multi-word phrase (role, office or title) ending at token `last`: its flags and first token.
    fn phrase_ending_at(&mut self, last: usize) -> Option<(u32, usize)> {
        for len in (2..=4).rev() {
            let Some(first) = (last + 1).checked_sub(len) else {
                continue;
            };
            if !(first..=last).all(|k| self.is_word(k)) {
                continue;
            }
            let f = self.with_phrase(first..=last, b' ', |phrase| self.lx.phrase(phrase));
            if f & (TITLE | SALUT | ROLE | OFFICIAL) != 0 {
                return Some((f, first));
            }
        }
        None
    }

    /// What stands before token `i`.
    fn context_before(&mut self, i: usize) -> Ctx {
        let mut k = i;
        let mut title: Option<String> = None;
        while let Some(p) = k.checked_sub(1) {
            let t = self.toks[p];
            match t.kind {
                Kind::Punct if t.punct == b'.' && p > 0 && self.is_word(p - 1) && self.flags(p - 1) & TITLE != 0 => {
                    title = Some(self.lower(p - 1).into_owned());
                    k = p - 1;
                    continue;
                }
                Kind::Punct if t.punct == b':' => {
                    if self.header_before(p) {
                        return Ctx {
                            kind: CtxKind::Header,
                            word: Some(format!("{}:", self.lower(p - 1))),
                            place_prep: false,
                        };
                    }
                    break;
                }
                Kind::Punct if (t.punct == b',' || t.punct == b';') && title.is_none() => {
                    // "De burgemeester, P. de Vries" / "Aan: A. Bakker; P. Smit" / "Met vriendelijke groet, Jan".
                    if p > 0 && self.is_word(p - 1) && self.flags(p - 1) & OFFICIAL != 0 {
                        return Ctx {
                            kind: CtxKind::Official,
                            word: Some(self.lower(p - 1).into_owned()),
                            place_prep: false,
                        };
                    }
                    let mut q = p;
                    let mut steps = 0;
                    while q > 0 && self.toks[q - 1].kind != Kind::Newline && steps < 40 {
                        q -= 1;
                        steps += 1;
                    }
                    let mut colon = None;
                    for r in q..p {
                        if self.is_punct(r, b':') {
                            colon = Some(r);
                            break;
                        }
                    }
                    if let Some(c) = colon
                        && self.header_before(c)
                    {
                        return Ctx {
                            kind: CtxKind::Header,
                            word: Some(format!("{}:", self.lower(c - 1))),
                            place_prep: false,
                        };
                    }
                    if self.is_closing_line(q, p) {
                        return Ctx {
                            kind: CtxKind::Signature,
                            word: Some("closing formula".into()),
                            place_prep: false,
                        };
                    }
                    break;
                }
                Kind::Word => {
                    let f = self.flags(p);
                    // "2021 BC", "1234 MR": the letters of a postcode, not a title.
                    let after_number = p > 0 && self.toks[p - 1].kind == Kind::Number;
                    if f & TITLE != 0 && !after_number {
                        title = Some(self.lower(p).into_owned());
                        k = p;
                        continue;
                    }
                    if f & PHRASE_END != 0
                        && let Some((pf, first)) = self.phrase_ending_at(p)
                    {
                        let phrase = (first..=p).map(|x| self.lower(x)).collect::<Vec<_>>().join(" ");
                        if pf & TITLE != 0 {
                            title = Some(phrase);
                            k = first;
                            continue;
                        }
                        return Ctx { kind: kind_of(pf), word: Some(phrase), place_prep: false };
                    }
                    if f & (SALUT | OFFICIAL | ROLE) != 0 {
                        return Ctx { kind: kind_of(f), word: Some(self.lower(p).into_owned()), place_prep: false };
                    }
                    if f & PLACE_PREP != 0 && title.is_none() && self.toks[p].shape == Shape::Lower {
                        return Ctx { kind: CtxKind::None, word: None, place_prep: true };
                    }
                    break;
                }
                _ => break,
            }
        }
        match title {
            Some(t) => Ctx { kind: CtxKind::Title, word: Some(t), place_prep: false },
            None => Ctx::none(),
        }
    }

    /// Reads the longest name-shaped token sequence starting at `i`.
    fn parse(&mut self, i: usize, lower_ok: bool, strong: bool) -> Option<Parsed> {
        let n = self.toks.len();
        let mut p = Parsed { first: i, ..Parsed::default() };
        let mut j = i;
        while j < n && self.toks[j].kind == Kind::Initial && p.initials.len() < 6 {
            p.initials.push(j);
            j += 1;
        }
        if p.initials.is_empty() {
            // "zoon kevin", "mevrouw anna de vries": a lower-case given name where lower case may start a
            // name, when it is no word of the language.
            if lower_ok && self.toks[j].shape == Shape::Lower {
                let f = self.flags(j);
                if f & FIRST != 0 && f & (SURNAME | WORD | AMBIG | TUSSEN) == 0 {
                    p.given.push((j, j + 1));
                    j += 1;
                }
            }
            while self.capitalised(j) && p.given.len() < 4 {
                let f = self.flags(j);
                // A hyphenated given name: Anne-Marie, Jan-Willem.
                if self.is_punct(j + 1, b'-')
                    && self.adjacent(j, j + 1)
                    && self.adjacent(j + 1, j + 2)
                    && self.capitalised(j + 2)
                {
                    let compound = format!("{}-{}", self.lower(j), self.lower(j + 2));
                    let both = f & FIRST != 0 && self.flags(j + 2) & FIRST != 0;
                    if both || self.lx.phrase(&compound) & FIRST != 0 {
                        p.given.push((j, j + 3));
                        j += 3;
                        continue;
                    }
                }
                // "Beste Roy": a salutation, title, role or office is context, not a given name.
                if f & FIRST == 0 || f & TUSSEN != 0 || f & (SALUT | TITLE | ROLE | OFFICIAL) != 0 && f & SURNAME == 0 {
                    break;
                }
                p.given.push((j, j + 1));
                j += 1;
            }
            // "Wayan Dijkstra": an unknown capitalised word right before a known surname is a given name
            // that is not in the gazetteer.
            if p.given.is_empty() && self.toks[j].shape == Shape::Cap && self.adjacent_word(j) && self.flags(j) == 0 {
                let mut k = j + 1;
                while self.is_word(k) && self.flags(k) & TUSSEN != 0 && self.toks[k].shape == Shape::Lower {
                    k += 1;
                }
                let f = if self.capitalised(k) { self.flags(k) } else { 0 };
                let known_surname = f & SURNAME != 0 && f & (AMBIG | WORD) == 0;
                // After a strong context ("Van: Wayan Dorsenstra") any capitalised name word will do.
                let name_word = strong
                    && self.capitalised(k)
                    && (f & SURNAME != 0 || f & (WORD | TITLE | ROLE | OFFICIAL | NOT_SURNAME) == 0);
                if known_surname && (strong || !self.sentence_start(j)) || name_word {
                    p.given.push((j, j + 1));
                    j += 1;
                }
            }
            while j < n && self.toks[j].kind == Kind::Initial && !p.given.is_empty() && p.initials.len() < 4 {
                p.initials.push(j);
                j += 1;
            }
        }
        if self.is_punct(j, b'(')
            && self.capitalised(j + 1)
            && self.is_punct(j + 2, b')')
            && (!p.initials.is_empty() || !p.given.is_empty())
        {
            p.nick = Some(j + 1);
            j += 3;
        }
        // A name broken over two lines ("Bart" / "Huisman" in a chart label, a table cell, a wrapped line):
        // after a given name or initials, a known surname at the start of the next line continues it.
        if (!p.given.is_empty() || !p.initials.is_empty())
            && j < n
            && self.toks[j].kind == Kind::Newline
            && self.capitalised(j + 1)
            && self.flags(j + 1) & SURNAME != 0
            && self.flags(j + 1) & (TITLE | SALUT | ROLE | OFFICIAL | NOT_SURNAME) == 0
        {
            j += 1;
        }
        match self.surname_part(j, lower_ok) {
            Some((tussen, core, next)) => {
                p.tussen = tussen;
                p.cores.push(core);
                j = next;
                // Double surname: Jansen-Bakker, Van der Berg-de Vries.
                if self.is_punct(j, b'-')
                    && self.adjacent(core.1 - 1, j)
                    && self.adjacent(j, j + 1)
                    && let Some((_, core2, next2)) = self.surname_part(j + 1, true)
                {
                    p.cores.push(core2);
                    j = next2;
                }
            }
            None => {
                if p.given.len() >= 2 && p.initials.is_empty() && p.nick.is_none() {
                    // "Jan Willem": the last given name reads as the surname.
                    let last = p.given.pop().expect("two or more");
                    p.cores.push(last);
                } else if p.given.is_empty() {
                    return None;
                }
            }
        }
        p.end = j;
        Some(p)
    }

    /// `tussenvoegsel* core` at `j`: (tussenvoegsel tokens, core token range, next index).
    fn surname_part(&mut self, mut j: usize, lower_ok: bool) -> Option<(Few<usize>, (usize, usize), usize)> {
        let mut tussen = Few::new();
        while self.is_word(j) && tussen.len() < 4 && self.flags(j) & TUSSEN != 0 {
            tussen.push(j);
            j += 1;
        }
        if !self.is_word(j) {
            return None;
        }
        let t = self.toks[j];
        let f = self.flags(j);
        let lower_core = t.shape == Shape::Lower;
        if lower_core && !(lower_ok && (f & SURNAME != 0 || !tussen.is_empty())) {
            return None;
        }
        if f & (TITLE | SALUT | OFFICIAL | ROLE) != 0 && f & SURNAME == 0 {
            return None;
        }
        if f & TUSSEN != 0 && f & SURNAME == 0 {
            return None;
        }
        if self.tok_text(j).chars().count() < 2 {
            return None;
        }
        // A multi-word surname core: El Amrani, Ait Brahim.
        if f & SURNAME_PHRASE_START != 0 && self.capitalised(j + 1) {
            let phrase = format!("{} {}", self.lower(j), self.lower(j + 1));
            if self.lx.phrase(&phrase) & SURNAME != 0 {
                return Some((tussen, (j, j + 2), j + 2));
            }
        }
        Some((tussen, (j, j + 1), j + 1))
    }

    fn range_flags(&mut self, r: (usize, usize)) -> u32 {
        if r.1 - r.0 == 1 {
            return self.flags(r.0);
        }
        let sep = if self.is_punct(r.0 + 1, b'-') { b'-' } else { b' ' };
        self.with_phrase((r.0..r.1).filter(|&k| self.is_word(k)), sep, |phrase| self.lx.phrase(phrase))
    }

    /// Decides on a parsed candidate; returns the hit and the token index to continue from.
    fn accept(&mut self, mut p: Parsed, ctx: &mut Ctx) -> Option<(Hit, usize)> {
        let strong = ctx.strong();
        let sentence_start = self.sentence_start(p.first);
        // An organisation, not a person: "Jansen B.V.", "Bakker Holding".
        if self.org_suffix_at(p.end) {
            return None;
        }
        // A month in a date, not a person: "4 April 2022", "30 January 1965".
        if p.end == p.first + 1 && self.month_in_date(p.first) {
            return None;
        }
        // Letter case must be consistent: "AB te Haarlem" (a postcode's letters before a place) is not
        // "Ab te Haarlem".
        let shapes = p.given.iter().map(|g| g.0).chain(p.cores.iter().map(|c| c.0)).map(|k| self.toks[k].shape);
        let (upper, other) = shapes.fold((false, false), |(u, o), s| (u || s == Shape::Upper, o || s != Shape::Upper));
        if upper && other && !strong {
            return None;
        }
        // "te Haarlem" inside a name is a place.
        if let (Some(&t), Some(&core)) = (p.tussen.first(), p.cores.first())
            && matches!(self.lower(t).as_ref(), "te" | "in")
            && self.range_flags(core) & PLACE != 0
            && self.range_flags(core) & SURNAME == 0
        {
            return None;
        }
        // "Stichting Mulder", "Bakkerij De Wit", "Loodgietersbedrijf Chakir", "Issa Groep": the name of
        // an organisation.
        if self.org_word_before(p.first)
            || p.given
                .iter()
                .chain(&p.cores)
                .any(|&(a, _)| self.is_word(a) && with_lower(self.tok_text(a), |l| self.lx.is_org_word(l)))
        {
            return None;
        }
        // "Jan Steenstraat", "Willem de Zwijgerlaan": a street, not a person.
        if p.cores.iter().any(|&(a, b)| b == a + 1 && with_lower(self.tok_text(a), |l| self.lx.is_street_word(l))) {
            return None;
        }
        // "Wmo-consulent", "Jeugd-team": the first part of a compound word, not a name.
        if self.is_punct(p.end, b'-')
            && self.adjacent(p.end - 1, p.end)
            && self.adjacent(p.end, p.end + 1)
            && self.is_word(p.end + 1)
            && self.toks[p.end + 1].shape == Shape::Lower
        {
            return None;
        }
        // "Privacyfunctionaris", "Wmo-consulent": a job title, not a name.
        if p.end == p.first + 1 && with_lower(self.tok_text(p.first), |l| self.lx.is_job_title(l)) {
            return None;
        }
        // "From:", "To:": a mail header field, not a name.
        if p.end == p.first + 1
            && self.is_punct(p.end, b':')
            && with_lower(self.tok_text(p.first), |l| self.lx.is_header(l))
        {
            return None;
        }
        // "Berg, J.P. van den", "Vries-Bakker, A. de", "JANSEN, P.": surname first, as case systems
        // export it.
        // (`Berg` is also a given name: read alone before the comma, it is the surname.)
        let lone = match (p.given.as_slice(), p.cores.first()) {
            ([], Some(&core)) => Some(core),
            (&[given], None) if p.nick.is_none() => Some(given),
            _ => None,
        };
        if p.initials.is_empty()
            && let Some(core) = lone
            && let Some(tail) = self.inverted_tail(p.end, self.toks[core.0].shape)
        {
            if p.cores.is_empty() {
                p.cores.push(core);
            }
            let cf = self.range_flags(core);
            // An ordinary word or a title before `, J.P. van den` is still a surname (`Kinderen, P.C. der`,
            // `Pater, G.M.H. de`) when the tail leaves no doubt: a trailing tussenvoegsel, two or more
            // initials, or a person column.
            let sure = tail.tussen || tail.initials.len() >= 2 || ctx.strong();
            let ordinary = cf & WORD != 0 && cf & (SURNAME | FIRST) == 0;
            let context_word = cf & (NOT_SURNAME | TITLE | SALUT | ROLE | OFFICIAL) != 0 && cf & SURNAME == 0;
            if sure || !ordinary && !context_word {
                let mut gazetteers = Vec::new();
                if cf & SURNAME != 0 {
                    gazetteers.push("surnames");
                }
                p.initials = tail.initials;
                p.given = tail.given;
                let official = self.official(ctx, tail.end);
                let hit = self.hit(&p, tail.end, "surname, initials", 0.9, ctx, official, gazetteers);
                return Some((hit, tail.end));
            }
        }
        let mut gazetteers: Vec<&'static str> = Vec::new();
        let given_flags = p.given.first().map(|&g| self.range_flags(g)).unwrap_or(0);
        let given_clear = !p.given.is_empty() && given_flags & (AMBIG | WORD) == 0;
        let has_initials = !p.initials.is_empty();
        let has_given = !p.given.is_empty();
        let has_tussen = !p.tussen.is_empty();
        if given_flags & FIRST != 0 {
            gazetteers.push("first_names");
        }

        let (form, confidence) = if let Some(&core) = p.cores.first() {
            let cf = self.range_flags(core);
            // "DE HEER", "Heer": a title, even though Heer is also a surname, unless a given name or initials
            // make it a name. ("De Graaf" stays a name: "graaf" is a title, "de graaf" is not.)
            if cf & TITLE != 0 && !has_initials && !has_given {
                let words = p.tussen.iter().copied().chain(core.0..core.1);
                if p.tussen.is_empty() || self.with_phrase(words, b' ', |phrase| self.lx.phrase(phrase)) & TITLE != 0 {
                    return None;
                }
            }
            let is_surname = cf & SURNAME != 0;
            if is_surname {
                gazetteers.push("surnames");
            }
            let ambiguous = cf & (AMBIG | WORD) != 0;
            let known =
                cf & (SURNAME | WORD | FIRST | PLACE | NOT_SURNAME | TITLE | SALUT | ROLE | OFFICIAL | TUSSEN) != 0;
            let unknown = !known;
            let ordinary = cf & WORD != 0 && !is_surname && cf & FIRST == 0;
            // A short unknown word in capitals is an acronym or code ("IBAN NL91...", "BSN"), not a surname.
            if unknown
                && self.toks[core.0].shape == Shape::Upper
                && self.tok_text(core.0).chars().count() <= 3
                && !strong
            {
                return self.lone_given(p, ctx, gazetteers);
            }
            let not_surname = cf & NOT_SURNAME != 0 && !is_surname;
            let core_ok = !not_surname;
            if has_initials {
                let letters: String = p.initials.iter().map(|&k| letters_only(self.tok_text(k))).collect();
                let abbreviation = self.lx.is_abbreviation(&letters) && !is_surname && !has_tussen;
                // An ordinary word after two or more initials, or in a double surname, is a surname all
                // the same (`D.J.P. Zwerver`, `A. Pronk-Bulut`); after one initial it may not be.
                let plain_word = ordinary && !has_tussen && letters.chars().count() < 2 && p.cores.len() < 2;
                if !strong && (abbreviation || !core_ok || plain_word) {
                    return self.lone_given(p, ctx, gazetteers);
                }
                if strong && !core_ok {
                    return None;
                }
                ("initials + surname", if strong { 0.95 } else { 0.9 })
            } else if has_given {
                let ok = core_ok
                    && if given_clear || strong {
                        is_surname || unknown || has_tussen || strong || cf & FIRST != 0 || !ordinary
                    } else {
                        // Two capitalised name words mid-sentence are a name even when both are also
                        // ordinary words ("van Klaas Bos"); at a sentence start they may not be.
                        is_surname && (!ambiguous || has_tussen || !sentence_start) || unknown && !sentence_start
                    };
                if !ok {
                    return self.lone_given(p, ctx, gazetteers);
                }
                ("given name + surname", if strong || given_clear { 0.9 } else { 0.8 })
            } else if has_tussen {
                // `Het` opens no surname on its own (`van het Reve` and `'t Hart` do): `wijkcentrum Het
                // Baken`, `Het Kasteel` name places; only a title or a label makes it a name.
                if !strong && p.tussen.len() == 1 && self.lower(p.tussen[0]) == "het" {
                    return None;
                }
                let first_cap = self.capitalised(p.tussen[0]);
                let words = p.tussen.iter().copied().chain(core.0..core.1);
                let phrase_flags = self.with_phrase(words, b' ', |phrase| self.lx.phrase(phrase));
                if phrase_flags & PLACE != 0 && !strong {
                    return None;
                }
                let ok = if strong {
                    core_ok && !ordinary || is_surname
                } else if first_cap && !sentence_start {
                    core_ok && (is_surname || unknown)
                } else if first_cap {
                    is_surname && !ambiguous
                } else {
                    is_surname && !ambiguous && !ctx.place_prep
                };
                if !ok {
                    return None;
                }
                ("tussenvoegsel + surname", if strong { 0.9 } else { 0.8 })
            } else {
                // A single word.
                if strong {
                    if cf & NOT_SURNAME != 0 || ordinary {
                        return None;
                    }
                    // An unknown short word in capitals is an acronym ("Contactpersoon: D. Mulder, BSN ...").
                    if unknown && self.toks[core.0].shape == Shape::Upper && self.tok_text(core.0).chars().count() <= 4
                    {
                        return None;
                    }
                    if cf & FIRST != 0 && !is_surname {
                        gazetteers.push("first_names");
                    }
                    ("name after context word", 0.85)
                } else {
                    if ctx.place_prep || cf & PLACE != 0 {
                        return None;
                    }
                    // A lone word in capitals is an acronym far more often than a name (IBAN, WOZ).
                    if self.toks[core.0].shape == Shape::Upper {
                        return None;
                    }
                    if is_surname && !ambiguous {
                        ("surname", 0.7)
                    } else if cf & FIRST != 0 && !ambiguous {
                        gazetteers.push("first_names");
                        ("first name", 0.6)
                    } else {
                        return None;
                    }
                }
            }
        } else {
            // Given names only.
            return self.lone_given(p, ctx, gazetteers);
        };

        let mut end = p.end;
        // "Jansen, J.P." / "Vries, J. de": initials after a surname belong to it.
        if p.initials.is_empty() && p.given.is_empty() && self.is_punct(end, b',') {
            let mut k = end + 1;
            let mut took = false;
            while k < self.toks.len() && self.toks[k].kind == Kind::Initial {
                p.initials.push(k);
                k += 1;
                took = true;
            }
            while took && self.is_word(k) && self.toks[k].shape == Shape::Lower && self.flags(k) & TUSSEN != 0 {
                k += 1;
            }
            if took {
                end = k;
            }
        }
        let official = self.official(ctx, end);
        let hit = self.hit(&p, end, form, confidence, ctx, official, gazetteers);
        Some((hit, end))
    }

    /// Whether the word before token `first` names an organisation (`Stichting`, `Bakkerij`,
    /// `Sportvereniging`) that the name at `first` belongs to.
    fn org_word_before(&mut self, first: usize) -> bool {
        let Some(p) = first.checked_sub(1) else { return false };
        self.capitalised(p) && self.adjacent_word(p) && with_lower(self.tok_text(p), |l| self.lx.is_org_word(l))
    }

    /// The initials or given names after a surname and a comma, with a trailing tussenvoegsel: `, J.P. van
    /// den`, `, A. de`, `, Jan` (a given name only where the name ends: the end of the line, a `;` or a
    /// bracket). `shape` is the surname's letter case: a tussenvoegsel after `BERG, J.P.` may be in
    /// capitals.
    fn inverted_tail(&mut self, end: usize, shape: Shape) -> Option<InvertedTail> {
        if !self.is_punct(end, b',') {
            return None;
        }
        let mut k = end + 1;
        let mut tail = InvertedTail::default();
        while k < self.toks.len() && self.toks[k].kind == Kind::Initial && tail.initials.len() < 6 {
            tail.initials.push(k);
            k += 1;
        }
        if tail.initials.is_empty() {
            while self.capitalised(k)
                && self.flags(k) & FIRST != 0
                && self.flags(k) & TUSSEN == 0
                && tail.given.len() < 3
            {
                if self.toks[k].shape == Shape::Upper && shape != Shape::Upper {
                    break;
                }
                tail.given.push((k, k + 1));
                k += 1;
            }
            if tail.given.is_empty() {
                return None;
            }
        }
        let before_tussen = k;
        while self.is_word(k)
            && self.flags(k) & TUSSEN != 0
            && (self.toks[k].shape == Shape::Lower || shape == Shape::Upper && self.toks[k].shape == Shape::Upper)
        {
            k += 1;
        }
        tail.tussen = k > before_tussen;
        // A given name is only the inverted form where the name ends; initials are clear enough.
        if tail.initials.is_empty() {
            let ends = k >= self.toks.len()
                || match self.toks[k].kind {
                    Kind::Newline => true,
                    Kind::Punct => matches!(self.toks[k].punct, b';' | b')' | b'|' | b'(' | b','),
                    _ => false,
                };
            if !ends || (k == before_tussen && self.is_punct(k, b',')) {
                return None;
            }
        }
        tail.end = k;
        Some(tail)
    }

    /// Falls back to the given names alone when the rest is not a surname ("Piet Daarna" → "Piet").
    fn lone_given(&mut self, p: Parsed, ctx: &Ctx, gazetteers: Vec<&'static str>) -> Option<(Hit, usize)> {
        if p.given.is_empty() {
            return None;
        }
        let gf = self.range_flags(p.given[0]);
        // "Beste Allen": words that follow salutations without being names.
        if gf & NOT_SURNAME != 0 {
            return None;
        }
        let clear = gf & (AMBIG | WORD | PLACE) == 0;
        if !(clear || ctx.strong()) || ctx.place_prep {
            return None;
        }
        if !ctx.strong() && p.given.iter().any(|g| self.toks[g.0].shape == Shape::Upper) {
            return None;
        }
        let end = p.given.last().map(|g| g.1).expect("non-empty");
        let q = Parsed { first: p.first, end, given: p.given, ..Parsed::default() };
        let official = self.official(ctx, end);
        let conf = if ctx.strong() { 0.85 } else { 0.6 };
        let hit = self.hit(&q, end, "first name", conf, ctx, official, gazetteers);
        Some((hit, end))
    }

    /// Whether an organisation suffix starts at token `k` (`B.V.`, `BV`, `Holding`).
    /// Whether token `k` is a month name written between a day and a year (`4 April 2022`).
    pub(crate) fn month_in_date(&self, k: usize) -> bool {
        month_in_date(self.text, self.toks, k)
    }

    fn org_suffix_at(&mut self, k: usize) -> bool {
        // "Hendriks Schilderwerken B.V.": the company name may go on for a word before its suffix.
        self.org_suffix_right_at(k)
            || self.capitalised(k) && self.adjacent_word(k - 1) && self.org_suffix_right_at(k + 1)
    }

    fn org_suffix_right_at(&self, k: usize) -> bool {
        self.lx.org_suffix_from(self.text, self.toks, k)
    }

    /// The office of a public administrator before (context) or right after the name (`, wethouder`).
    fn official(&mut self, ctx: &Ctx, end: usize) -> Option<String> {
        if ctx.kind == CtxKind::Official {
            return ctx.word.clone();
        }
        // The name fills its cell and the next cell holds the office: `S. Arslan | wethouder Openbare
        // Ruimte`.
        if end >= self.toks.len()
            && let Some(office) = self.trail.and_then(|t| trail_office(self.lx, t))
        {
            return Some(office);
        }
        let sep = self.is_punct(end, b',') || self.is_punct(end, b'(') || self.is_punct(end, b'-');
        let mut k = if sep { end + 1 } else { return None };
        // "J. Jansen, de burgemeester" / "(wethouder Financiën)".
        if self.is_word(k) && self.lower(k) == "de" {
            k += 1;
        }
        (self.is_word(k) && self.flags(k) & OFFICIAL != 0).then(|| self.lower(k).into_owned())
    }

    #[allow(clippy::too_many_arguments)]
    fn hit(
        &mut self,
        p: &Parsed,
        end: usize,
        form: &'static str,
        confidence: f32,
        ctx: &Ctx,
        official: Option<String>,
        gazetteers: Vec<&'static str>,
    ) -> Hit {
        let mut parts = NameParts::default();
        for &(a, b) in &p.given {
            parts.given.push(self.joined_lower(a..b, '-'));
        }
        if let Some(nick) = p.nick {
            parts.given.push(self.lower(nick).into_owned());
        }
        for &k in &p.initials {
            parts.initials.push_str(&letters_only(self.tok_text(k)));
        }
        for &(a, b) in &p.cores {
            parts.surnames.push(self.joined_lower(a..b, ' '));
        }
        let start = self.toks[p.first].start as usize;
        let end_byte = self.toks[end - 1].end as usize;
        Hit { start, end: end_byte, form, confidence, context: ctx.word.clone(), official, gazetteers, parts }
    }
}

/// Calls `f` with `s` lower-cased, without allocating for short ASCII words (the common case).
pub(crate) fn with_lower<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    const MAX: usize = 48;
    if s.len() <= MAX && s.is_ascii() {
        let mut buf = [0u8; MAX];
        let b = &mut buf[..s.len()];
        b.copy_from_slice(s.as_bytes());
        b.make_ascii_lowercase();
        f(std::str::from_utf8(b).expect("ASCII stays UTF-8"))
    } else if !s.chars().any(char::is_uppercase) {
        f(s)
    } else {
        f(&s.to_lowercase())
    }
}

/// Whether an office word names several people (`raadsleden`, `wethouders`, `gedeputeerden`).
fn plural_office(office: &str) -> bool {
    let last = office.rsplit(' ').next().unwrap_or(office);
    last.ends_with("leden") || last.ends_with('s') || last.ends_with("den")
}

/// The office that opens the next cell (`wethouder Openbare Ruimte`, `de burgemeester`): the office of
/// the name that fills the cell before it. A street (`Burgemeester de Withstraat 37`) is no office.
pub(crate) fn trail_office(lx: &Lexicon, trail: &str) -> Option<String> {
    if trail.contains(|c: char| c.is_ascii_digit())
        || trail.split_whitespace().any(|w| lx.is_street_word(&w.to_lowercase()))
    {
        return None;
    }
    let mut words = trail.split_whitespace().map(|w| w.trim_end_matches([',', ':']).to_lowercase());
    let first = words.next()?;
    let word = if first == "de" { words.next()? } else { first };
    (lx.word(&word) & OFFICIAL != 0).then_some(word)
}

fn kind_of(flags: u32) -> CtxKind {
    if flags & OFFICIAL != 0 {
        CtxKind::Official
    } else if flags & SALUT != 0 {
        CtxKind::Salutation
    } else if flags & ROLE != 0 {
        CtxKind::Role
    } else if flags & TITLE != 0 {
        CtxKind::Title
    } else {
        CtxKind::None
    }
}

/// Whether token `k` of `text` is a month name (Dutch or English, or its abbreviation: `Jan`, `May`) with
/// a day number right before it and a year (four digits) right after it.
pub(crate) fn month_in_date(text: &str, toks: &[Tok], k: usize) -> bool {
    let number = |j: usize, digits: std::ops::RangeInclusive<usize>| {
        toks.get(j).is_some_and(|t| t.kind == Kind::Number && digits.contains(&((t.end - t.start) as usize)))
    };
    let Some(t) = toks.get(k) else { return false };
    t.kind == Kind::Word
        && k > 0
        && number(k - 1, 1..=2)
        && number(k + 1, 4..=4)
        && crate::detect::validate::month_number(&text[t.start as usize..t.end as usize].to_lowercase()).is_some()
}
