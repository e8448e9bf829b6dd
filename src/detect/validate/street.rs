//! Street addresses: the pattern finds "<street word> <number>"; this check drops what is a place name
//! followed by a date or a time (`Oosterhout 12 maart`, `Vijfhuizen 12:30`).

use std::ops::Range;

const MONTHS: &[&str] = &[
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
    "jan",
    "feb",
    "mrt",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "okt",
    "nov",
    "dec",
];

/// Label words a form writes before an address (`Adres Wilhelminastraat 34` when the label and the value
/// share a line): they are not part of the street's name.
const LABELS: &[&str] = &[
    "adres",
    "woonadres",
    "postadres",
    "bezoekadres",
    "correspondentieadres",
    "huisadres",
    "verblijfadres",
    "verblijfsadres",
    "locatie",
    "straat",
    "address",
];

/// The accepted span: not a place followed by a date or a time, and without a label word before the
/// street.
pub(super) fn check(text: &str, span: Range<usize>) -> Option<Range<usize>> {
    let rest = &text[span.end..];
    if rest.starts_with(':') && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let next: String = rest.trim_start().chars().take_while(|c| c.is_alphabetic()).collect::<String>().to_lowercase();
    if MONTHS.contains(&next.as_str()) {
        return None;
    }
    let m = &text[span.clone()];
    let first = m.split([' ', ':']).next().unwrap_or_default();
    if LABELS.contains(&first.to_lowercase().as_str()) {
        let skip = first.len() + m[first.len()..].len() - m[first.len()..].trim_start_matches([' ', ':']).len();
        let start = span.start + skip;
        // What is left must still be a street and a number.
        return (text[start..span.end].contains(' ')).then_some(start..span.end);
    }
    Some(span)
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn rejects_dates_and_times() {
        let t = "Oosterhout 12 maart 2024";
        assert_eq!(check(t, 0..13), None);
        let t = "Kerkstraat 12:30";
        assert_eq!(check(t, 0..13), None);
        let t = "Kerkstraat 12 te Haarlem";
        assert_eq!(check(t, 0..13), Some(0..13));
    }

    #[test]
    fn a_label_before_the_street_is_not_part_of_it() {
        let t = "Adres Wilhelminastraat 34";
        assert_eq!(check(t, 0..t.len()), Some(6..t.len()));
        let t = "Woonadres: Kerkstraat 12a";
        assert_eq!(check(t, 0..t.len()), Some(11..t.len()));
    }
}
