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
