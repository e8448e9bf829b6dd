//! A spreadsheet column whose header names people: a lone capitalised word in it is a name.
//!
//! In running text a lone `Molenaar` or `Timmerman` is an ordinary word (miller, carpenter) unless a
//! title or role stands before it. In a column headed `Achternaam` it is a surname. The header acts as
//! a role word before the first token of the unit (see `grammar.rs`), and the report says
//! `context: "achternaam (column header)"`.
//!
//! A header counts when every word of it is a person word or a joining word, and at least one is a
//! person word: `Naam`, `Achternaam`, `Naam van de aanvrager`, `Name` — but not `Naam organisatie`,
//! `Bedrijfsnaam` or `Straatnaam`, whose values are organisations and streets. A header with several
//! lines (a shared string shown in several columns) counts when one of its lines does.

use super::grammar::with_lower;
use super::lexicon::{FIRST, Lexicon, OFFICIAL, ROLE, SALUT, SURNAME, TITLE, TUSSEN, WORD, letters_only};
use super::tokens::{Kind, Shape, Tok};
use crate::model::NameParts;

/// Words that say a column holds people.
const PERSON: &[&str] = &[
    "naam",
    "namen",
    "achternaam",
    "achternamen",
    "voornaam",
    "voornamen",
    "roepnaam",
    "aanvrager",
    "aanvragers",
    "contactpersoon",
    "contactpersonen",
    "behandelaar",
    "behandelaars",
    "medewerker",
    "medewerkers",
    "klant",
    "klanten",
    "client",
    "cliënt",
    "melder",
    "indiener",
    "verzoeker",
    "bewoner",
    "betrokkene",
    "belanghebbende",
    "bezwaarmaker",
    "huurder",
    "deelnemer",
    "deelnemers",
    "ouder",
    "partner",
    "getuige",
    "name",
    "names",
    "surname",
];

/// Words that may join person words in a header (`Naam van de aanvrager`, `Naam / Name`).
const JOINING: &[&str] = &["van", "de", "het", "der", "en", "of", "the"];

/// The header (lower case, one line) if it names a person column.
pub(crate) fn person_column(header: &str) -> Option<String> {
    header.lines().find_map(|line| {
        let words: Vec<String> =
            line.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
        let person = words.iter().any(|w| PERSON.contains(&w.as_str()));
        let only_these = words.iter().all(|w| PERSON.contains(&w.as_str()) || JOINING.contains(&w.as_str()));
        (person && only_these).then(|| line.trim().to_lowercase())
    })
}

/// The label (lower case) if `line` is a person label that ends its line (`Naam aanvrager:`, a table
/// cell `Contactpersoon`): the value after it — in the next cell or on the next line — is a name.
pub(crate) fn person_label(line: &str) -> Option<String> {
    let line = line.trim();
    if line.len() > 48 {
        return None;
    }
    person_column(line.strip_suffix(':').unwrap_or(line))
}

/// Cell values that fill a person column without naming anyone.
const NO_ONE: &[&str] = &["onbekend", "nvt", "n.v.t.", "geen", "anoniem", "niemand", "diversen", "allen", "iedereen"];

/// Words that make a cell an organisation's or a team's, not a person's.
const UNITS: &[&str] =
    &["team", "afdeling", "cluster", "bureau", "sector", "dienst", "gemeente", "directie", "unit", "loket", "college"];

/// The whole cell as one person's name, when the unit stands in a person column (or after a person
/// label) and reads as nothing but a name: initials, tussenvoegsels and name words, in any letter case
/// and order (`femke opdam`, `SARMO KANHAI`, `Os, Y.C. van`, `S. Lo-A-Njoe`). In a column headed `Naam` a
/// name the gazetteers do not know is a name all the same. Returns the span (trimmed) and its parts.
pub(crate) fn cell_name(lx: &Lexicon, text: &str, toks: &[Tok]) -> Option<(usize, usize, NameParts)> {
    let trimmed = text.trim();
    if trimmed.is_empty() || trimmed.len() > 80 || NO_ONE.contains(&trimmed.to_lowercase().as_str()) {
        return None;
    }
    let mut words = 0;
    let mut known = false;
    // A cell of one word is a name only when it reads as one: not a word of three letters or fewer
    // (`ja`, `bsn`), not a lower-case word of the language (`burger`), not an acronym.
    let single: Vec<&Tok> = toks.iter().filter(|t| t.kind == Kind::Word).collect();
    if let [t] = single.as_slice() {
        let w = &text[t.start as usize..t.end as usize];
        let f = lx.word_any_case(w);
        if w.chars().count() <= 3
            || t.shape == Shape::Lower && f & WORD != 0
            || t.shape == Shape::Upper && f & (FIRST | SURNAME) == 0
        {
            return None;
        }
    }
    for t in toks {
        let w = &text[t.start as usize..t.end as usize];
        match t.kind {
            Kind::Word => {
                words += 1;
                let f = lx.word_any_case(w);
                if with_lower(w, |l| UNITS.contains(&l) || lx.is_org_word(l) || lx.is_street_word(l)) {
                    return None;
                }
                // A title or role is context the grammar reads (`Mevrouw Yara Bakker`), never part of a
                // span — unless the cell is surname-first (`Pater, G.M.H. de`).
                if f & (TITLE | SALUT | ROLE | OFFICIAL) != 0 && f & SURNAME == 0 && !trimmed.contains(',') {
                    return None;
                }
                // A name word, or a word the dictionary does not know — not an acronym (`BSN`, `IBAN`).
                let acronym = t.shape == Shape::Upper && w.chars().count() <= 4;
                known |= !acronym && (f & (FIRST | SURNAME) != 0 || f & (WORD | TUSSEN) == 0);
            }
            Kind::Initial => known = true,
            Kind::Punct if matches!(t.punct, b',' | b'-' | b'.' | b'\'' | b'(' | b')') => {}
            _ => return None,
        }
    }
    if words == 0 || words > 6 || !known {
        return None;
    }
    let start = text.len() - text.trim_start().len();
    Some((start, start + trimmed.len(), parts(lx, trimmed)))
}

/// The parts of a name written in a cell: `J.P. van den Berg`, `Berg, J.P. van den`, `jan de vries`.
fn parts(lx: &Lexicon, name: &str) -> NameParts {
    let (surname, rest) = match name.split_once(',') {
        Some((s, r)) => (s, r),
        None => {
            // The surname starts at the first tussenvoegsel after a given name or initial, else it is
            // the last word.
            let words: Vec<&str> = name.split_whitespace().collect();
            let from = (1..words.len())
                .find(|&i| lx.word_any_case(words[i]) & TUSSEN != 0)
                .unwrap_or(words.len().saturating_sub(1));
            let split = words[..from].iter().map(|w| w.len() + 1).sum::<usize>().min(name.len());
            (&name[split..], &name[..split])
        }
    };
    let mut p = NameParts::default();
    for w in rest.split_whitespace() {
        if w.ends_with('.') {
            p.initials.push_str(&letters_only(w));
        } else if lx.word_any_case(w) & TUSSEN == 0 {
            p.given.push(w.to_lowercase());
        }
    }
    for piece in surname.split('-') {
        let core: Vec<String> =
            piece.split_whitespace().filter(|w| lx.word_any_case(w) & TUSSEN == 0).map(str::to_lowercase).collect();
        if !core.is_empty() {
            p.surnames.push(core.join(" "));
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::{person_column, person_label};

    #[test]
    fn person_columns() {
        for h in ["Naam", "Achternaam", "VOORNAAM", "Naam van de aanvrager", "Naam / Name", "Medewerker:"] {
            assert!(person_column(h).is_some(), "{h}");
        }
        for h in ["Naam organisatie", "Bedrijfsnaam", "Straatnaam", "Woonplaats", "", "van de"] {
            assert_eq!(person_column(h), None, "{h}");
        }
        assert_eq!(person_column("Woonplaats\nAchternaam").as_deref(), Some("achternaam"));
        assert_eq!(person_label("Naam aanvrager:").as_deref(), Some("naam aanvrager"));
        assert_eq!(person_label("Zaak"), None);
    }
}
