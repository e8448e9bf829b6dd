//! The requester of an inzage request: their own data stays visible.
//!
//! The requester file is TOML; every key is optional and takes a string or a list of strings:
//!
//! ```toml
//! name = ["Jan Pieter de Vries", "J.P. de Vries"]
//! bsn = "111222333"
//! address = "Kerkstraat 12a, 1234 AB Haarlem"
//! email = "jp.devries@example.nl"
//! phone = "06-12345678"
//! iban = "NL91 ABNA 0417 1643 00"
//! date_of_birth = "3 maart 1984"
//! other = ["AB-12-34"]
//! ```

use std::collections::BTreeSet;
use std::path::Path;

use serde::Deserialize;

use super::names::{NameBook, parse_name};
use crate::model::NameParts;
use crate::{Error, Result};

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RequesterDoc {
    name: Option<OneOrMany>,
    bsn: Option<OneOrMany>,
    address: Option<OneOrMany>,
    email: Option<OneOrMany>,
    phone: Option<OneOrMany>,
    iban: Option<OneOrMany>,
    date_of_birth: Option<OneOrMany>,
    other: Option<OneOrMany>,
}

/// The requester's own data.
#[derive(Clone, Debug, Default)]
pub struct Requester {
    pub(crate) names: NameBook,
    /// Every value in its comparable forms ([`keys`]): compact, and as a date or phone number where it
    /// reads as one.
    keys: BTreeSet<String>,
    /// Values as token lists (for an address part inside a full address).
    tokens: Vec<Vec<String>>,
}

impl Requester {
    /// Reads a requester file. `tussen` are the known tussenvoegsels (to split names).
    pub fn load(path: &Path, tussen: &BTreeSet<String>) -> Result<Requester> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Requester::parse(path, &text, tussen)
    }

    /// Parses a requester file's text.
    pub fn parse(path: &Path, text: &str, tussen: &BTreeSet<String>) -> Result<Requester> {
        let doc: RequesterDoc = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(0, |s| text[..s.start].matches('\n').count() + 1);
            Error::config(path, line, e.message().trim().to_string())
        })?;
        let names: Vec<NameParts> =
            doc.name.map(OneOrMany::into_vec).unwrap_or_default().iter().map(|n| parse_name(n, tussen)).collect();
        let values: Vec<String> = [doc.bsn, doc.address, doc.email, doc.phone, doc.iban, doc.date_of_birth, doc.other]
            .into_iter()
            .flatten()
            .flat_map(OneOrMany::into_vec)
            .collect();
        if names.is_empty() && values.is_empty() {
            return Err(Error::config(path, 0, "the requester file names no data to keep"));
        }
        Ok(Requester {
            names: NameBook::new(names),
            keys: values.iter().flat_map(|v| keys(v)).collect(),
            tokens: values.iter().map(|v| tokens(v)).collect(),
        })
    }

    /// Whether a non-name value is the requester's: the same value in any spelling — the same letters
    /// and digits (`111 222 333`, `NL91ABNA...`), the same date (`16-03-1975` for `16 maart 1975`), the
    /// same phone number (`+31 6 1234 5678` for `06-12345678`) — or (for addresses) a whole part of one
    /// of the requester's values (`1234 AB` inside `Kerkstraat 12a, 1234 AB Haarlem`).
    pub fn owns_value(&self, found: &str, is_address: bool) -> bool {
        if keys(found).iter().any(|k| self.keys.contains(k)) {
            return true;
        }
        // A part must hold a number (a street and house number, a postcode): a place alone is shared
        // with every neighbour in town.
        if !is_address || !found.contains(|c: char| c.is_ascii_digit()) {
            return false;
        }
        // `Kerkstraat 12a te Haarlem`, `Kerkstraat 12a, Haarlem`: each piece a whole part of one of the
        // requester's addresses (which has the postcode between them).
        let pieces: Vec<Vec<String>> = found
            .split(',')
            .flat_map(|p| p.split(" te ").flat_map(|q| q.split(" in ")))
            .map(tokens)
            .filter(|t| !t.is_empty())
            .collect();
        self.tokens.iter().any(|v| pieces.iter().all(|p| contains_part(v, p)))
    }
}

/// The forms a value is compared in: its letters and digits (lower case; a BSN of eight digits also with
/// its leading zero), and, where it reads as one, the date or the nationally dialled phone number.
fn keys(value: &str) -> Vec<String> {
    let c = compact(value);
    if c.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    if c.len() == 8 && c.bytes().all(|b| b.is_ascii_digit()) {
        out.push(format!("c:0{c}"));
    }
    out.push(format!("c:{c}"));
    if let Some((y, m, d)) = crate::detect::validate::ymd(value) {
        out.push(format!("d:{y:04}-{m:02}-{d:02}"));
    }
    if let Some(p) = crate::detect::validate::national_form(value) {
        out.push(format!("p:{p}"));
    }
    out
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Alphanumeric runs, split where letters meet digits (`12a` → `12`, `a`).
fn tokens(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut prev: Option<bool> = None;
    for c in s.chars().flat_map(char::to_lowercase) {
        if !c.is_alphanumeric() {
            prev = None;
            continue;
        }
        let digit = c.is_ascii_digit();
        if prev != Some(digit) {
            out.push(String::new());
        }
        out.last_mut().expect("pushed").push(c);
        prev = Some(digit);
    }
    out
}

/// Whether `part` occurs in `value` as whole tokens, not followed by a house-number addition when it
/// ends in a number (`Kerkstraat 12` is not part of `Kerkstraat 12a`).
fn contains_part(value: &[String], part: &[String]) -> bool {
    if part.is_empty() || part.len() > value.len() {
        return false;
    }
    (0..=value.len() - part.len()).any(|i| {
        if value[i..i + part.len()] != *part {
            return false;
        }
        let ends_in_number = part.last().is_some_and(|t| t.chars().all(|c| c.is_ascii_digit()));
        let next = value.get(i + part.len());
        !(ends_in_number
            && next.is_some_and(|n| {
                n.chars().count() <= 2 && n.chars().all(char::is_alphabetic) || n == "bis" || n == "hs"
            }))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req() -> Requester {
        let tussen: BTreeSet<String> = ["de", "van"].iter().map(|s| s.to_string()).collect();
        Requester::parse(
            Path::new("r.toml"),
            "name = \"Jan de Vries\"\nbsn = \"111222333\"\naddress = \"Kerkstraat 12a, 1234 AB Haarlem\"\n\
             phone = \"06-12345678\"\ndate_of_birth = \"16 maart 1975\"\n",
            &tussen,
        )
        .unwrap()
    }

    #[test]
    fn values_match_in_any_spelling() {
        let r = req();
        assert!(r.owns_value("111 222 333", false));
        assert!(r.owns_value("1112.22.333", false));
        assert!(!r.owns_value("123456782", false));
        assert!(r.owns_value("1234 AB", true));
        assert!(r.owns_value("Kerkstraat 12a", true));
        assert!(!r.owns_value("Kerkstraat 12", true));
        assert!(!r.owns_value("Kerkstraat 1", true));
        assert!(r.owns_value("1234 AB Haarlem", true));
        assert!(!r.owns_value("Haarlem", true));
        assert!(r.owns_value("Kerkstraat 12a te Haarlem", true));
        assert!(r.owns_value("Kerkstraat 12a, Haarlem", true));
        assert!(!r.owns_value("Kerkstraat 12a te Leiden", true));
        assert!(r.owns_value("16-03-1975", false));
        assert!(r.owns_value("16/3/75", false));
        assert!(!r.owns_value("17-03-1975", false));
        assert!(r.owns_value("+31 6 1234 5678", false));
        assert!(r.owns_value("0031 (0)6 12 34 56 78", false));
        assert!(!r.owns_value("06-12345679", false));
    }

    #[test]
    fn rejects_unknown_keys_and_empty_files() {
        let t = BTreeSet::new();
        let e = Requester::parse(Path::new("r.toml"), "nmae = \"x\"\n", &t).unwrap_err().to_string();
        assert!(e.starts_with("r.toml:1:"), "{e}");
        assert!(Requester::parse(Path::new("r.toml"), "", &t).is_err());
    }
}
