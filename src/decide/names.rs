//! Matching found names against known people (the requester, names on a keep list).
//!
//! A finding matches a known person when its surnames are among the person's surnames and its given
//! names and initials do not contradict the person's. A lone surname (`Jansen`) or a lone given name
//! matches only when no *other* person in the same document shares it: the requester's mother
//! `mevrouw A. de Vries` must not make `De Vries` everywhere count as the requester.

use std::collections::BTreeSet;

use crate::model::NameParts;

/// Known people.
#[derive(Clone, Debug, Default)]
pub struct NameBook {
    people: Vec<NameParts>,
}

impl NameBook {
    /// A book of the given people.
    pub fn new(people: Vec<NameParts>) -> NameBook {
        NameBook { people }
    }

    /// Whether the book is empty.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    /// Whether `found` is compatible with someone in the book.
    pub fn compatible(&self, found: &NameParts) -> bool {
        self.people.iter().any(|p| compatible(found, p))
    }

    /// Surnames and given names used in the document by people *not* in the book.
    pub fn conflicts<'a>(&self, found: impl Iterator<Item = &'a NameParts>) -> Conflicts {
        let mut c = Conflicts::default();
        for f in found {
            let full = !f.surnames.is_empty() && (!f.given.is_empty() || !f.initials.is_empty());
            if full && !self.compatible(f) {
                c.surnames.extend(f.surnames.iter().cloned());
                c.given.extend(f.given.iter().cloned());
            }
        }
        c
    }

    /// Whether `found` is someone in the book, given the document's conflicts.
    pub fn matches(&self, found: &NameParts, conflicts: &Conflicts) -> bool {
        if !self.compatible(found) {
            return false;
        }
        let lone_surname = found.given.is_empty() && found.initials.is_empty();
        if lone_surname && found.surnames.iter().any(|s| conflicts.surnames.contains(s)) {
            return false;
        }
        let lone_given = found.surnames.is_empty();
        !(lone_given && found.given.iter().any(|g| conflicts.given.contains(g)))
    }
}

/// Names of other people in a document.
#[derive(Clone, Debug, Default)]
pub struct Conflicts {
    surnames: BTreeSet<String>,
    given: BTreeSet<String>,
}

/// Whether two names found in documents may be the same person: they share a surname (a lone word read
/// as a given name counts as one: `wethouder Kramer`), and their initials (or the first letters of their
/// given names) do not contradict each other. `wethouder P. Kramer` and `J. Kramer` are two people;
/// `wethouder Kramer` and `J. Kramer` may be one.
pub fn may_be_same(a: &NameParts, b: &NameParts) -> bool {
    let surnames = |n: &NameParts| if n.surnames.is_empty() { n.given.clone() } else { n.surnames.clone() };
    let (sa, sb) = (surnames(a), surnames(b));
    if !sa.iter().any(|s| sb.contains(s)) {
        return false;
    }
    let letters = |n: &NameParts| -> String {
        if !n.initials.is_empty() {
            n.initials.clone()
        } else if n.surnames.is_empty() {
            String::new()
        } else {
            n.given.iter().filter_map(|g| g.chars().next()).collect()
        }
    };
    let (la, lb) = (letters(a), letters(b));
    la.is_empty() || lb.is_empty() || la.starts_with(&lb) || lb.starts_with(&la)
}

fn compatible(found: &NameParts, person: &NameParts) -> bool {
    if found.surnames.is_empty() && found.given.is_empty() {
        return false;
    }
    if !found.surnames.iter().all(|s| person.surnames.contains(s)) {
        return false;
    }
    // Given names: each must be the person's (or fit the person's initials when only those are known).
    let person_initials: String = if person.initials.is_empty() {
        person.given.iter().filter_map(|g| g.chars().next()).collect()
    } else {
        person.initials.clone()
    };
    for g in &found.given {
        let ok = person.given.contains(g)
            || (person.given.is_empty() && g.chars().next().is_some_and(|c| person_initials.contains(c)));
        if !ok {
            return false;
        }
    }
    // Initials: a prefix of the person's initials.
    found.initials.is_empty() || person_initials.is_empty() || person_initials.starts_with(&found.initials)
}

/// Splits a written name (`Jan Pieter de Vries`, `J.P. de Vries-Bakker`, `P.J. (Piet) Bakker`) into its
/// parts, with `tussen` the known tussenvoegsels (lower case).
pub fn parse_name(written: &str, tussen: &BTreeSet<String>) -> NameParts {
    let mut parts = NameParts::default();
    let mut words: Vec<String> = Vec::new();
    for raw in written.split_whitespace() {
        if let Some(nick) = raw.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
            parts.given.push(nick.to_lowercase());
        } else if raw.ends_with('.') || (raw.chars().count() == 1 && raw.chars().all(char::is_uppercase)) {
            parts.initials.extend(raw.chars().filter(|c| c.is_alphabetic()).flat_map(char::to_lowercase));
        } else {
            words.push(raw.to_string());
        }
    }
    // The surname starts after the last given name: at the first tussenvoegsel, or at the last word.
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let first_tussen = lower.iter().position(|w| tussen.contains(w.as_str()));
    let surname_from = match first_tussen {
        Some(i) if i + 1 < lower.len() => i,
        _ => lower.len().saturating_sub(1),
    };
    parts.given.extend(lower[..surname_from].iter().cloned());
    let surname = lower[surname_from..].join(" ");
    for piece in surname.split('-') {
        let core: Vec<&str> = piece.split(' ').filter(|w| !w.is_empty() && !tussen.contains(*w)).collect();
        if !core.is_empty() {
            parts.surnames.push(core.join(" "));
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tussen() -> BTreeSet<String> {
        ["van", "de", "der", "den", "'t", "ter"].iter().map(|s| s.to_string()).collect()
    }

    fn np(given: &[&str], initials: &str, surnames: &[&str]) -> NameParts {
        NameParts {
            given: given.iter().map(|s| s.to_string()).collect(),
            initials: initials.into(),
            surnames: surnames.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn parses_written_names() {
        assert_eq!(parse_name("Jan Pieter de Vries", &tussen()), np(&["jan", "pieter"], "", &["vries"]));
        assert_eq!(parse_name("J.P. de Vries-van Dam", &tussen()), np(&[], "jp", &["vries", "dam"]));
        assert_eq!(parse_name("P.J. (Piet) Bakker", &tussen()), np(&["piet"], "pj", &["bakker"]));
    }

    #[test]
    fn compatibility() {
        let book = NameBook::new(vec![np(&["jan", "pieter"], "", &["vries"])]);
        assert!(book.compatible(&np(&[], "j", &["vries"])));
        assert!(book.compatible(&np(&[], "jp", &["vries"])));
        assert!(book.compatible(&np(&["jan"], "", &["vries"])));
        assert!(book.compatible(&np(&[], "", &["vries"])));
        assert!(!book.compatible(&np(&[], "a", &["vries"])));
        assert!(!book.compatible(&np(&["anna"], "", &["vries"])));
        assert!(!book.compatible(&np(&["jan"], "", &["jansen"])));
    }

    #[test]
    fn names_that_may_be_one_person() {
        let official = np(&[], "p", &["kramer"]);
        assert!(!may_be_same(&official, &np(&[], "j", &["kramer"])));
        assert!(may_be_same(&official, &np(&[], "", &["kramer"])));
        assert!(may_be_same(&np(&["kramer"], "", &[]), &np(&[], "j", &["kramer"])));
        assert!(may_be_same(&np(&["femke"], "", &["hoogendijk"]), &np(&[], "f", &["hoogendijk"])));
        assert!(!may_be_same(&np(&["femke"], "", &["hoogendijk"]), &np(&[], "", &["jansen"])));
    }

    #[test]
    fn a_relative_with_the_same_surname_blocks_lone_surnames() {
        let book = NameBook::new(vec![np(&["jan"], "", &["vries"])]);
        let mother = np(&[], "a", &["vries"]);
        let lone = np(&[], "", &["vries"]);
        let none = book.conflicts([np(&["jan"], "", &["vries"])].iter());
        assert!(book.matches(&lone, &none));
        let conflicts = book.conflicts([mother.clone(), lone.clone()].iter());
        assert!(!book.matches(&lone, &conflicts));
        assert!(!book.matches(&mother, &conflicts));
        assert!(book.matches(&np(&["jan"], "", &["vries"]), &conflicts));
    }
}
