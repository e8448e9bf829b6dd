//! Pseudonyms (`--label pseudonym`): every distinct person of a run gets one label, `Persoon 1`,
//! `Persoon 2`, …, on the boxes of their name, in place of the ground, so that a reader can follow who
//! wrote to whom in a redacted e-mail thread. The ground stays in the report and the inventory.
//!
//! A redacted person finding is a [`Mention`]: its surname (the surname cores the name recogniser found,
//! lower case; a double name joined by `-`) refined by its given names and initials, from the
//! [`NameParts`] the recogniser already made (a name propagated from a confirmed one carries that
//! name's parts, so `Vries` after `Jan de Vries` is his). [`Pseudonyms::build`] clusters the mentions of a
//! whole run into people:
//!
//! 1. a mention with given names or initials joins the first person (in the order below) with the same
//!    surname that it does not contradict: initials (or the first letters of the given names) where one
//!    is the start of the other (`J.`, `Jan`, `J.P.`), and given names that share one when both have them
//!    (`Jan` and `Joost` are two people); otherwise it is a new person. `J. de Vries` and `Jan de Vries`
//!    are one person, `P. de Vries` another;
//! 2. a bare surname (`De Vries`, no given name or initial) joins the only person with that surname its
//!    document names in full (`Geachte heer De Vries` in a reply to `J. de Vries`); when its document
//!    names none or several, it joins the only person with that surname in the run; when the run has
//!    none or several, all such bare mentions of that surname are one person of their own;
//! 3. people are numbered by their first mention: documents in the run's order (the order of their
//!    paths), then by position in the document. Nothing depends on threads, so the same inputs, rules
//!    and decisions give the same numbers.
//!
//! A label is never derived from the name itself (no initials), and a tussenvoegsel does not tell people
//! apart (`de Vries` and `van Vries` share the surname core `vries`, as everywhere else in lak).

use std::collections::BTreeMap;

use crate::model::NameParts;

/// Which label a box carries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Labels {
    /// The ground of the rule (or the reviewer's ground): `5.1.2e`.
    #[default]
    Ground,
    /// Person names are labelled `Persoon N`; every other category keeps its ground.
    Pseudonym,
}

/// What one redacted mention of a person says about who it is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Mention {
    /// Surname cores, lower case, joined by `-`; for a finding without name parts, its text.
    surname: String,
    /// Given names, lower case.
    given: Vec<String>,
    /// Initials, or the first letters of the given names when none are written.
    letters: String,
    /// For a bare surname: the mentions with given names or initials of that surname in its document.
    beside: Vec<Mention>,
}

impl Mention {
    /// The mention of a person finding with name parts `parts` and text `text`.
    pub fn new(parts: Option<&NameParts>, text: &str) -> Mention {
        match parts.filter(|p| !p.surnames.is_empty() || !p.given.is_empty()) {
            Some(p) => Mention {
                surname: p.surnames.join("-"),
                given: p.given.clone(),
                letters: if p.initials.is_empty() {
                    p.given.iter().filter_map(|g| g.chars().next()).collect()
                } else {
                    p.initials.clone()
                },
                beside: Vec::new(),
            },
            None => Mention {
                surname: text
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
                    .join(" "),
                given: Vec::new(),
                letters: String::new(),
                beside: Vec::new(),
            },
        }
    }

    /// Tells the bare surnames among the mentions of one document who else of that surname the
    /// document names in full.
    pub fn in_document(mentions: &mut [Mention]) {
        let full: Vec<Mention> = mentions.iter().filter(|m| !m.is_bare()).cloned().collect();
        for m in mentions.iter_mut().filter(|m| m.is_bare()) {
            let mut beside: Vec<Mention> = full.iter().filter(|f| f.surname == m.surname).cloned().collect();
            beside.sort();
            beside.dedup();
            m.beside = beside;
        }
    }

    /// A surname alone: no given name, no initial.
    fn is_bare(&self) -> bool {
        self.given.is_empty() && self.letters.is_empty()
    }
}

/// A person: the surname and what the mentions that joined it say.
#[derive(Debug)]
struct Person {
    surname: String,
    given: Vec<String>,
    letters: String,
    /// The index of its first mention.
    first: usize,
    bare: bool,
}

impl Person {
    fn admits(&self, m: &Mention) -> bool {
        let letters = self.letters.is_empty()
            || m.letters.is_empty()
            || self.letters.starts_with(&m.letters)
            || m.letters.starts_with(&self.letters);
        let given = self.given.is_empty() || m.given.is_empty() || m.given.iter().any(|g| self.given.contains(g));
        !self.bare && self.surname == m.surname && letters && given
    }

    fn join(&mut self, m: &Mention, at: usize) {
        for g in &m.given {
            if !self.given.contains(g) {
                self.given.push(g.clone());
            }
        }
        if m.letters.len() > self.letters.len() {
            self.letters = m.letters.clone();
        }
        self.first = self.first.min(at);
    }
}

/// The people of a run and their numbers.
#[derive(Debug, Default)]
pub struct Pseudonyms {
    people: Vec<Person>,
    /// Each distinct mention → its person (index into `people`).
    of: BTreeMap<Mention, usize>,
    /// Each person's number (1-based), by index into `people`.
    number: Vec<usize>,
}

impl Pseudonyms {
    /// Clusters the mentions of a run, given in the run's order (documents in path order, then
    /// position), into numbered people.
    pub fn build(mentions: impl IntoIterator<Item = Mention>) -> Pseudonyms {
        let mut first: BTreeMap<Mention, usize> = BTreeMap::new();
        let mut order: Vec<Mention> = Vec::new();
        for (i, m) in mentions.into_iter().enumerate() {
            if !first.contains_key(&m) {
                first.insert(m.clone(), i);
                order.push(m);
            }
        }
        let mut p = Pseudonyms::default();
        for m in order.iter().filter(|m| !m.is_bare()) {
            let at = first[m];
            match p.people.iter().position(|person| person.admits(m)) {
                Some(i) => {
                    p.people[i].join(m, at);
                    p.of.insert(m.clone(), i);
                }
                None => {
                    p.people.push(Person {
                        surname: m.surname.clone(),
                        given: m.given.clone(),
                        letters: m.letters.clone(),
                        first: at,
                        bare: false,
                    });
                    p.of.insert(m.clone(), p.people.len() - 1);
                }
            }
        }
        for m in order.iter().filter(|m| m.is_bare()) {
            let at = first[m];
            let i = match p.beside(m).or_else(|| p.only(&m.surname)) {
                Some(i) => i,
                None => match p.people.iter().position(|q| q.bare && q.surname == m.surname) {
                    Some(i) => i,
                    None => {
                        p.people.push(Person {
                            surname: m.surname.clone(),
                            given: Vec::new(),
                            letters: String::new(),
                            first: at,
                            bare: true,
                        });
                        p.people.len() - 1
                    }
                },
            };
            p.people[i].first = p.people[i].first.min(at);
            p.of.insert(m.clone(), i);
        }
        let mut by_first: Vec<usize> = (0..p.people.len()).collect();
        by_first.sort_by_key(|&i| p.people[i].first);
        p.number = vec![0; p.people.len()];
        for (n, i) in by_first.into_iter().enumerate() {
            p.number[i] = n + 1;
        }
        p
    }

    /// The one person the full mentions beside a bare one are, if they are one.
    fn beside(&self, m: &Mention) -> Option<usize> {
        let mut people: Vec<usize> = m
            .beside
            .iter()
            .filter_map(|b| self.of.get(b).copied().or_else(|| self.people.iter().position(|q| q.admits(b))))
            .collect();
        people.sort_unstable();
        people.dedup();
        (people.len() == 1).then(|| people[0])
    }

    /// The one person (not a bare one) with this surname, if the run has exactly one.
    fn only(&self, surname: &str) -> Option<usize> {
        let mut with = (0..self.people.len()).filter(|&i| !self.people[i].bare && self.people[i].surname == surname);
        let one = with.next()?;
        with.next().is_none().then_some(one)
    }

    /// The number of the person a mention is. A mention the run did not see when the numbers were made (a
    /// name found only in a later redaction pass) is placed by the same rule among the people there are;
    /// `None` when it fits none (its box then carries the ground).
    pub fn number(&self, m: &Mention) -> Option<usize> {
        let i = match self.of.get(m) {
            Some(&i) => i,
            None if m.is_bare() => self
                .beside(m)
                .or_else(|| self.only(&m.surname))
                .or_else(|| self.people.iter().position(|q| q.bare && q.surname == m.surname))?,
            None => self.people.iter().position(|q| q.admits(m))?,
        };
        Some(self.number[i])
    }

    /// The label of a mention: `Persoon N`.
    pub fn label(&self, m: &Mention) -> Option<String> {
        self.number(m).map(|n| format!("Persoon {n}"))
    }

    /// How many people the run has.
    pub fn len(&self) -> usize {
        self.people.len()
    }

    /// Whether the run has no people.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(written: &str) -> Mention {
        let tussen = ["de", "van", "der", "den"].iter().map(|s| s.to_string()).collect();
        let parts = crate::decide::parse_name(written, &tussen);
        Mention::new(Some(&parts), written)
    }

    fn numbers(names: &[&str]) -> Vec<usize> {
        let p = Pseudonyms::build(names.iter().map(|n| m(n)));
        names.iter().map(|n| p.number(&m(n)).unwrap()).collect()
    }

    #[test]
    fn spellings_of_one_name_are_one_person() {
        assert_eq!(numbers(&["J. de Vries", "Jan de Vries", "De Vries", "J.P. de Vries"]), [1, 1, 1, 1]);
    }

    #[test]
    fn other_initials_or_given_names_are_other_people() {
        assert_eq!(numbers(&["J. de Vries", "P. de Vries", "Jan de Vries", "Piet de Vries"]), [1, 2, 1, 2]);
        assert_eq!(numbers(&["Jan de Vries", "Joost de Vries", "J. Bakker"]), [1, 2, 3]);
    }

    #[test]
    fn a_bare_surname_joins_the_only_person_with_it_or_stands_alone() {
        // One de Vries in the run: the bare surname is that person, wherever it stands first.
        assert_eq!(numbers(&["De Vries", "Jansen", "Jan de Vries"]), [1, 2, 1]);
        // Two: the bare surname is a person of its own (all bare mentions the same one).
        assert_eq!(numbers(&["J. de Vries", "P. de Vries", "De Vries", "de Vries"]), [1, 2, 3, 3]);
        // None with a given name: all bare mentions are one person.
        assert_eq!(numbers(&["Jansen", "Bakker", "JANSEN"]), [1, 2, 1]);
    }

    #[test]
    fn a_bare_surname_is_the_one_its_document_names_in_full() {
        let mut first = vec![m("Jan de Vries"), m("P. de Vries")];
        let mut reply = vec![m("J. de Vries"), m("De Vries")];
        let mut note = vec![m("J. de Vries"), m("P. de Vries"), m("De Vries")];
        for doc in [&mut first, &mut reply, &mut note] {
            Mention::in_document(doc);
        }
        let p = Pseudonyms::build(first.iter().chain(&reply).chain(&note).cloned());
        let n = |m: &Mention| p.number(m).unwrap();
        assert_eq!((n(&first[0]), n(&first[1])), (1, 2));
        assert_eq!((n(&reply[0]), n(&reply[1])), (1, 1), "the reply names only Jan de Vries");
        assert_eq!(n(&note[2]), 3, "the note names both: the bare surname is a person of its own");
    }

    #[test]
    fn numbers_follow_the_first_mention_not_the_order_people_were_made() {
        // The bare `Bakker` comes first and joins the later `K. Bakker`: that person is number 1.
        assert_eq!(numbers(&["Bakker", "J. de Vries", "K. Bakker"]), [1, 2, 1]);
    }

    #[test]
    fn a_mention_not_seen_is_placed_by_the_same_rule() {
        let p = Pseudonyms::build(["J. de Vries", "P. de Vries", "Kees Jansen"].iter().map(|n| m(n)));
        assert_eq!(p.number(&m("Jan de Vries")), Some(1));
        assert_eq!(p.number(&m("Jansen")), Some(3));
        assert_eq!(p.number(&m("de Vries")), None, "two de Vries and no bare one: no guess");
        assert_eq!(p.number(&m("A. Bakker")), None);
        assert_eq!(p.label(&m("K. Jansen")).as_deref(), Some("Persoon 3"));
    }

    #[test]
    fn a_finding_without_name_parts_is_keyed_by_its_text() {
        let a = Mention::new(None, "jdevries01");
        let p = Pseudonyms::build([m("Jan de Vries"), a.clone(), a.clone()]);
        assert_eq!(p.number(&a), Some(2));
        assert_eq!(p.len(), 2);
    }
}
