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

pub(super) fn check(text: &str, span: Range<usize>) -> bool {
    let rest = &text[span.end..];
    if rest.starts_with(':') && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let next: String = rest.trim_start().chars().take_while(|c| c.is_alphabetic()).collect::<String>().to_lowercase();
    !MONTHS.contains(&next.as_str())
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn rejects_dates_and_times() {
        let t = "Oosterhout 12 maart 2024";
        assert!(!check(t, 0..13));
        let t = "Kerkstraat 12:30";
        assert!(!check(t, 0..13));
        let t = "Kerkstraat 12 te Haarlem";
        assert!(check(t, 0..13));
    }
}
