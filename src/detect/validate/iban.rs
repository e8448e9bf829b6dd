//! IBAN: the country's length (ISO 13616 registry) and the mod-97 check.

use std::ops::Range;

/// Length of the IBAN of each country in the ISO 13616 registry.
const LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AE", 23),
    ("AL", 28),
    ("AT", 20),
    ("AZ", 28),
    ("BA", 20),
    ("BE", 16),
    ("BG", 22),
    ("BH", 22),
    ("BI", 27),
    ("BR", 29),
    ("BY", 28),
    ("CH", 21),
    ("CR", 22),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DJ", 27),
    ("DK", 18),
    ("DO", 28),
    ("EE", 20),
    ("EG", 29),
    ("ES", 24),
    ("FI", 18),
    ("FK", 18),
    ("FO", 18),
    ("FR", 27),
    ("GB", 22),
    ("GE", 22),
    ("GI", 23),
    ("GL", 18),
    ("GR", 27),
    ("GT", 28),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IL", 23),
    ("IQ", 23),
    ("IS", 26),
    ("IT", 27),
    ("JO", 30),
    ("KW", 30),
    ("KZ", 20),
    ("LB", 28),
    ("LC", 32),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("LY", 25),
    ("MC", 27),
    ("MD", 24),
    ("ME", 22),
    ("MK", 19),
    ("MN", 20),
    ("MR", 27),
    ("MT", 31),
    ("MU", 30),
    ("NI", 28),
    ("NL", 18),
    ("NO", 15),
    ("OM", 23),
    ("PK", 24),
    ("PL", 28),
    ("PS", 29),
    ("PT", 25),
    ("QA", 29),
    ("RO", 24),
    ("RS", 22),
    ("RU", 33),
    ("SA", 24),
    ("SC", 31),
    ("SD", 18),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("SO", 23),
    ("ST", 25),
    ("SV", 28),
    ("TL", 23),
    ("TN", 24),
    ("TR", 26),
    ("UA", 29),
    ("VA", 22),
    ("VG", 24),
    ("XK", 20),
    ("YE", 30),
];

/// Whether `s` (spaces allowed) is a valid IBAN: known country, exact length, mod 97 = 1.
pub fn is_valid_iban(s: &str) -> bool {
    let compact: Vec<u8> = s.bytes().filter(|b| *b != b' ').collect();
    if !compact.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    let Some(len) = country_length(&compact) else {
        return false;
    };
    compact.len() == len && mod97(&compact) == 1
}

fn country_length(compact: &[u8]) -> Option<usize> {
    let cc = compact.get(..2)?;
    LENGTHS.iter().find(|(c, _)| c.as_bytes() == cc).map(|&(_, l)| l)
}

/// Moves the first four characters to the end, maps A=10 … Z=35 and takes the number mod 97.
fn mod97(compact: &[u8]) -> u32 {
    let rotated = compact[4..].iter().chain(&compact[..4]);
    let mut r: u32 = 0;
    for &b in rotated {
        let v = match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            b'A'..=b'Z' => u32::from(b - b'A') + 10,
            b'a'..=b'z' => u32::from(b - b'a') + 10,
            _ => return u32::MAX,
        };
        r = if v >= 10 { (r * 100 + v) % 97 } else { (r * 10 + v) % 97 };
    }
    r
}

/// The pattern may run on into following words (`NL91 ABNA 0417 1643 00 EUR`): cut the span after the
/// country's number of characters, then check.
pub(super) fn check(text: &str, span: Range<usize>) -> Option<Range<usize>> {
    let bytes = &text.as_bytes()[span.clone()];
    let upper: Vec<u8> = bytes.iter().filter(|b| **b != b' ').copied().collect();
    let len = country_length(&upper)?;
    let mut seen = 0;
    let mut end = span.start;
    for (i, &b) in bytes.iter().enumerate() {
        if b != b' ' {
            seen += 1;
            if seen == len {
                end = span.start + i + 1;
                break;
            }
        }
    }
    if seen < len {
        return None;
    }
    // The number must end there: an IBAN glued to more letters or digits is something else.
    if text.as_bytes().get(end).is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    is_valid_iban(&text[span.start..end]).then_some(span.start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_ibans() {
        for s in [
            "NL91ABNA0417164300",
            "NL91 ABNA 0417 1643 00",
            "DE89370400440532013000",
            "BE68539007547034",
            "GB82WEST12345698765432",
        ] {
            assert!(is_valid_iban(s), "{s}");
        }
    }

    #[test]
    fn near_misses() {
        // A changed digit, swapped characters, wrong length, unknown country.
        for s in ["NL91ABNA0417164301", "NL19ABNA0417164300", "NL91ABNA041716430", "XX91ABNA0417164300"] {
            assert!(!is_valid_iban(s), "{s}");
        }
    }

    #[test]
    fn cuts_span_at_country_length() {
        let t = "NL91 ABNA 0417 1643 00 EUR";
        assert_eq!(check(t, 0..t.len()), Some(0..22));
        let t = "NL91ABNA0417164300X";
        assert_eq!(check(t, 0..t.len()), None);
    }
}
