//! Account names: the logins by which system exports and audit logs name people (`pjansen`,
//! `jdevries01`, `m.bakker`, `piet_bakker`).
//!
//! A login derived from a person's name is personal data, but a lower-case word glued to initials has
//! none of the shape the name grammar reads. So an account is looked for only where something says
//! that a login follows — a word such as `gebruiker`, `medewerker`, `user`, `login` or `account` right
//! before it (`Gebruiker: pjansen`, `gewijzigd door mbakker`), or a column header or label cell with such
//! a word — and it is accepted only when it decomposes into name parts: initials or a given name and a
//! surname the gazetteer knows (`j` + `de` + `vries` + `01`), glued or joined by `.`, `_` or `-`. A word
//! of the language (`admin`, `systeem`, `beheer`) is no account of a person.

use super::grammar::with_lower;
use super::lexicon::{FIRST, Lexicon, SURNAME, TUSSEN, WORD};
use super::tokens::{Kind, Tok};

/// Words after which a login follows (lower case).
const ACCOUNT_WORDS: &[&str] = &[
    "account",
    "accountnaam",
    "auteur",
    "author",
    "behandelaar",
    "door",
    "eigenaar",
    "gebruiker",
    "gebruikers-id",
    "gebruikersid",
    "gebruikersnaam",
    "inlognaam",
    "login",
    "loginnaam",
    "medewerker",
    "owner",
    "user",
    "userid",
    "username",
];

/// For each first two letters `a`..`z` of [`ACCOUNT_WORDS`], the byte lengths they have (bit `n` for
/// length `n`): a cheap test that rejects almost every word of running text.
const ACCOUNT_SHAPES: [[u32; 26]; 26] = {
    let mut shapes = [[0u32; 26]; 26];
    let mut i = 0;
    while i < ACCOUNT_WORDS.len() {
        let w = ACCOUNT_WORDS[i].as_bytes();
        shapes[(w[0] - b'a') as usize][(w[1] - b'a') as usize] |= 1 << w.len();
        i += 1;
    }
    shapes
};

/// For each first letter `a`..`z` of [`ACCOUNT_WORDS`], the byte lengths they have.
const ACCOUNT_FIRST: [u32; 26] = {
    let mut first = [0u32; 26];
    let mut a = 0;
    while a < 26 {
        let mut b = 0;
        while b < 26 {
            first[a] |= ACCOUNT_SHAPES[a][b];
            b += 1;
        }
        a += 1;
    }
    first
};

/// Tussenvoegsels people glue into a login (`jdevries`, `pvandenberg`, `avd berg` typed as `avdberg`).
const GLUED_TUSSEN: &[&str] =
    &["vanden", "vander", "vande", "vd", "van", "den", "der", "de", "ter", "ten", "te", "op", "in", "het", "t"];

/// An account found: byte span in the unit and the context that announced it.
pub(crate) struct Account {
    pub start: usize,
    pub end: usize,
    pub context: String,
    /// The surname the login was derived from (lower case).
    pub surname: String,
}

/// Accounts in one unit. `column` is the unit's header or label when it announces logins
/// (`Gebruiker`, `Medewerker`): then the whole unit may be one.
pub(crate) fn find(lx: &Lexicon, text: &str, toks: &[Tok], column: Option<&str>, out: &mut Vec<Account>) {
    if let Some(label) = column.and_then(account_label) {
        let trimmed = text.trim();
        let start = text.len() - text.trim_start().len();
        if let Some(surname) = login(lx, trimmed) {
            out.push(Account { start, end: start + trimmed.len(), context: label, surname });
            return;
        }
    }
    for t in toks {
        let len = (t.end - t.start) as usize;
        if t.kind != Kind::Word || !(4..=15).contains(&len) {
            continue;
        }
        // Most words fail on their first letter (known from the token) and length alone, without reading
        // the text; then on their first two letters; only the rest are lower-cased and looked up.
        if !t.punct.is_ascii_lowercase() || ACCOUNT_FIRST[usize::from(t.punct - b'a')] & (1 << len) == 0 {
            continue;
        }
        let w = &text[t.start as usize..t.end as usize];
        let (a, b) = (w.as_bytes()[0].to_ascii_lowercase(), w.as_bytes()[1].to_ascii_lowercase());
        if !a.is_ascii_lowercase()
            || !b.is_ascii_lowercase()
            || ACCOUNT_SHAPES[usize::from(a - b'a')][usize::from(b - b'a')] & (1 << len) == 0
        {
            continue;
        }
        if !with_lower(w, |l| ACCOUNT_WORDS.binary_search(&l).is_ok()) {
            continue;
        }
        // `Gebruiker: pjansen`, `user=jdevries01`, `gewijzigd door mbakker`.
        let after = &text[t.end as usize..];
        let skip = after.len() - after.trim_start_matches([' ', ':', '=', '\t']).len();
        if skip == 0 || after[..skip].matches([':', '=']).count() > 1 {
            continue;
        }
        let from = t.end as usize + skip;
        let Some((s, e)) = candidate(text, from) else { continue };
        // After a label (`Gebruiker: kooijmr`) any personal-looking login counts; in running text
        // (`gewijzigd door mbakker`) only one made of name parts.
        let labelled = after[..skip].contains([':', '=']);
        let found = if labelled { login(lx, &text[s..e]) } else { derived(lx, &text[s..e]) };
        if let Some(surname) = found {
            out.push(Account { start: s, end: e, context: w.to_lowercase(), surname });
        }
    }
}

/// The label (lower case) when a header or label announces logins.
fn account_label(header: &str) -> Option<String> {
    header.lines().find_map(|line| {
        let words: Vec<String> = line
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        (words.len() <= 3 && words.iter().any(|w| ACCOUNT_WORDS.binary_search(&w.as_str()).is_ok() && w != "door"))
            .then(|| format!("{} (column header)", line.trim().to_lowercase()))
    })
}

/// The login starting at `from`: lower-case ASCII letters, digits and inner `.`, `_`, `-`; it must
/// start with a letter and end at a word boundary.
fn candidate(text: &str, from: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    if !b.get(from).is_some_and(u8::is_ascii_lowercase) {
        return None;
    }
    let mut end = from;
    while end < b.len()
        && (b[end].is_ascii_lowercase() || b[end].is_ascii_digit() || matches!(b[end], b'.' | b'_' | b'-'))
    {
        end += 1;
    }
    while end > from && matches!(b[end - 1], b'.' | b'_' | b'-') {
        end -= 1;
    }
    // Not a part of an e-mail address or a longer word.
    if b.get(end).is_some_and(|&c| c == b'@' || c.is_ascii_alphanumeric() || c >= 0x80) {
        return None;
    }
    (end - from >= 4 && end - from <= 40).then_some((from, end))
}

/// System accounts and words that logins of no person are made of.
const SYSTEM: &[&str] = &[
    "admin",
    "administrator",
    "api",
    "applicatiebeheer",
    "auto",
    "automaat",
    "backup",
    "batch",
    "beheer",
    "beheerder",
    "bot",
    "cron",
    "digid",
    "eherkenning",
    "export",
    "extern",
    "functioneel",
    "gast",
    "guest",
    "helpdesk",
    "import",
    "koppeling",
    "migratie",
    "noreply",
    "onbekend",
    "robot",
    "root",
    "scheduler",
    "service",
    "servicedesk",
    "svc",
    "sync",
    "system",
    "systeem",
    "test",
    "user",
    "workflow",
];

/// The surname a login where a label announces one stands for — or, when the login is not made of
/// known name parts, the login itself: in a `Gebruiker` column, `kooijmr` (a truncated surname and an
/// initial) is a person's as surely as `pjansen`. System accounts (`admin`, `svc_backup`, `batch01`) and
/// words are not.
fn login(lx: &Lexicon, s: &str) -> Option<String> {
    if let Some(surname) = derived(lx, s) {
        return Some(surname);
    }
    let core = s.trim_end_matches(|c: char| c.is_ascii_digit());
    let shaped = core.len() >= 4
        && s.len() <= 32
        && s.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || b"._-".contains(&c));
    let parts: Vec<&str> = core.split(['.', '_', '-']).filter(|p| !p.is_empty()).collect();
    let system = parts.iter().all(|p| SYSTEM.contains(p) || p.len() > 3 && lx.word(p) & WORD != 0);
    (shaped && !system).then(|| core.to_string())
}

/// The surname a login is derived from, if it decomposes into name parts.
fn derived(lx: &Lexicon, login: &str) -> Option<String> {
    if login.len() < 4 || !login.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || b"._-".contains(&c)) {
        return None;
    }
    let core = login.trim_end_matches(|c: char| c.is_ascii_digit());
    if core.len() < 3 || login.len() - core.len() > 4 {
        return None;
    }
    let parts: Vec<&str> = core.split(['.', '_', '-']).filter(|p| !p.is_empty()).collect();
    if parts.len() >= 2 {
        // `p.jansen`, `jan.de.vries`, `piet_bakker`: every part a name part, one of them a surname.
        let mut surname = None;
        for p in &parts {
            let f = lx.word(p);
            let initials = p.len() <= 2;
            if let Some(s) = (f & SURNAME != 0 && p.len() >= 3).then(|| p.to_string()).or_else(|| glued(lx, p)) {
                surname = Some(s);
            } else if !(initials || f & (FIRST | TUSSEN) != 0) {
                return None;
            }
        }
        return surname;
    }
    let w = parts.first()?;
    let plain_word = |s: &str| {
        let f = lx.word(s);
        f & WORD != 0 && f & SURNAME == 0
    };
    if plain_word(w) {
        return None;
    }
    let surname_at = |rest: &str| glued(lx, rest).or_else(|| surname_ok(lx, rest).then(|| rest.to_string()));
    // `pjansen`, `jpdevries`, `mbakker`: one to three initials, then the surname.
    for k in 1..=3.min(w.len().saturating_sub(3)) {
        if let Some(s) = surname_at(&w[k..]) {
            return Some(s);
        }
    }
    // `pietbakker`: a given name, then the surname; `jansenp`: the surname, then an initial.
    for k in 3..w.len().saturating_sub(2) {
        if lx.word(&w[..k]) & FIRST != 0
            && let Some(s) = surname_at(&w[k..])
        {
            return Some(s);
        }
    }
    if let Some(s) = w.get(..w.len() - 1).filter(|s| surname_ok(lx, s)) {
        return Some(s.to_string());
    }
    // A bare surname as a login, when it is no word of the language.
    (lx.word(w) & (SURNAME | WORD) == SURNAME).then(|| w.to_string())
}

/// The surname after a glued tussenvoegsel (`vandam`, `devries`): the tussenvoegsel makes even a
/// surname that is also a word clear (`avandenberg`).
fn glued(lx: &Lexicon, s: &str) -> Option<String> {
    GLUED_TUSSEN
        .iter()
        .filter_map(|t| s.strip_prefix(t))
        .find(|r| r.len() >= 3 && lx.word(r) & SURNAME != 0)
        .map(str::to_string)
}

/// A surname core of three letters or more that the gazetteer knows and that is not only a word.
fn surname_ok(lx: &Lexicon, s: &str) -> bool {
    let f = lx.word(s);
    s.len() >= 3 && f & SURNAME != 0 && (f & WORD == 0 || s.len() >= 5)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::NameLists;

    fn lexicon() -> Lexicon {
        let v = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        Lexicon::new(&NameLists {
            first_names: v(&["Piet", "Jan"]),
            surnames: v(&["Jansen", "Vries", "Bakker", "Berg"]),
            tussenvoegsels: v(&["de", "van", "van den"]),
            words: v(&["admin", "systeem", "bakker", "berg", "beheer"]),
            ..NameLists::default()
        })
    }

    #[test]
    fn the_word_list_is_sorted() {
        assert!(ACCOUNT_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn logins_derived_from_names() {
        let lx = lexicon();
        for (login, surname) in [
            ("pjansen", "jansen"),
            ("jdevries01", "vries"),
            ("mbakker", "bakker"),
            ("p.jansen", "jansen"),
            ("jan.de.vries", "vries"),
            ("piet_bakker", "bakker"),
            ("pietbakker", "bakker"),
            ("jansenp", "jansen"),
            ("avandenberg", "berg"),
        ] {
            assert_eq!(derived(&lx, login).as_deref(), Some(surname), "{login}");
        }
        for login in ["admin", "systeem", "beheer01", "bakker", "x.y", "zaak.nummer", "Jansen"] {
            assert_eq!(derived(&lx, login), None, "{login}");
        }
    }

    fn find_in(text: &str, column: Option<&str>) -> Vec<String> {
        let lx = lexicon();
        let mut toks = Vec::new();
        super::super::tokens::tokenize(text, &mut toks);
        let mut out = Vec::new();
        find(&lx, text, &toks, column, &mut out);
        out.iter().map(|a| text[a.start..a.end].to_string()).collect()
    }

    #[test]
    fn accounts_after_their_context() {
        assert_eq!(find_in("Gebruiker: pjansen wijzigde de zaak.", None), vec!["pjansen"]);
        assert_eq!(find_in("gewijzigd door mbakker op 3 mei", None), vec!["mbakker"]);
        assert_eq!(find_in("medewerker jdevries01, login p.jansen.", None), vec!["jdevries01", "p.jansen"]);
        assert_eq!(find_in("door middel van", None), Vec::<String>::new());
        assert_eq!(find_in("user: admin", None), Vec::<String>::new());
        assert_eq!(find_in("mail pjansen@example.nl", None), Vec::<String>::new());
        assert_eq!(find_in("jdevries01", Some("Gebruiker")), vec!["jdevries01"]);
        assert_eq!(find_in("jdevries01", Some("Zaaknummer")), Vec::<String>::new());
        // A label or a column makes any personal-looking login count; system accounts stay.
        assert_eq!(find_in("kooijmr", Some("Gebruiker")), vec!["kooijmr"]);
        assert_eq!(find_in("Gebruiker: hulshoh", None), vec!["hulshoh"]);
        assert_eq!(find_in("gewijzigd door hulshoh", None), Vec::<String>::new());
        assert_eq!(find_in("svc_backup", Some("Gebruiker")), Vec::<String>::new());
        assert_eq!(find_in("batch01", Some("User")), Vec::<String>::new());
    }
}
