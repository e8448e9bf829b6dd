//! Dutch phone numbers: the number plan's lengths and prefixes, and a sane grouping.
//!
//! The pattern allows a separator between any two digits; this check rejects what is not a phone number
//! written by a person: more than one hyphen (`01-02-2023 12` is a date and an hour), groups of a single
//! digit (`0 6 1 2 ...`), mobile prefixes that do not exist.

pub(super) fn check(m: &str) -> bool {
    // Nine digits without the trunk 0: a spreadsheet stored the number as a number (`612345678`). Only
    // the rule that needs a phone context word or column header produces such a candidate.
    if m.len() == 9 && m.bytes().all(|b| b.is_ascii_digit()) && !m.starts_with('0') {
        return national(&format!("0{m}"));
    }
    let international = m.starts_with('+') || m.starts_with("00");
    // Drop the trunk prefix written as "(0)" after a country code.
    let body = m.replace("(0)", "");
    if body.matches('-').count() > 1 {
        return false;
    }
    let groups: Vec<&str> = body.split(|c: char| !c.is_ascii_digit()).filter(|g| !g.is_empty()).collect();
    let digits: String = groups.concat();
    if international {
        let rest = digits.strip_prefix("0031").or_else(|| digits.strip_prefix("31"));
        let Some(rest) = rest else { return false };
        // After the country code the area code may be one digit ("+31 6 ..."); later groups have two or more.
        let tail_groups = groups.iter().skip(1);
        if tail_groups.skip(1).any(|g| g.len() < 2) {
            return false;
        }
        return rest.len() == 9 && national(&format!("0{rest}"));
    }
    if groups.iter().any(|g| g.len() < 2) {
        return false;
    }
    if digits.starts_with("14") {
        return matches!(digits.len(), 5 | 6) && digits.as_bytes()[2] == b'0';
    }
    if ["0800", "0900", "0906", "0909"].iter().any(|p| digits.starts_with(p)) {
        return matches!(digits.len(), 8 | 11);
    }
    national(&digits)
}

/// The number as it is dialled nationally (`0612345678` for `+31 6 1234 5678`, `0031 (0)6-...`), for
/// comparing numbers written in different forms; `None` for what is no Dutch phone number.
pub(crate) fn national_form(m: &str) -> Option<String> {
    if !check(m) {
        return None;
    }
    let digits: String = m.replace("(0)", "").chars().filter(char::is_ascii_digit).collect();
    let rest = if m.trim_start().starts_with('+') { digits.strip_prefix("31") } else { digits.strip_prefix("0031") };
    Some(rest.map_or(digits.clone(), |r| format!("0{r}")))
}

/// A 10-digit national number.
fn national(d: &str) -> bool {
    let b = d.as_bytes();
    if b.len() != 10 || b[0] != b'0' || b[1] == b'0' {
        return false;
    }
    match b[1] {
        // Mobile: every 06 + 8 digits. Only 061–065 and 068 are assigned, but a typed number in another
        // range (a typo, an old pager number, a fictional one) still points at a person.
        b'6' => true,
        // 08xx: 0800 is 8 or 11 digits (handled by the caller); 084, 085, 087, 088 are 10.
        b'8' => matches!(b[2], b'4' | b'5' | b'7' | b'8'),
        // 09xx: 0900/090x are service numbers (other lengths); 091 is a VoIP range; 097 is machine-to-machine.
        b'9' => b[2] == b'1',
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn accepts_every_written_form() {
        for n in [
            "020-1234567",
            "(023) 123 45 67",
            "0251-123456",
            "06-12345678",
            "06 12 34 56 78",
            "0612345678",
            "+31 6 1234 5678",
            "+31612345678",
            "0031 6 12345678",
            "+31 (0)20 123 4567",
            "088-1234567",
            "085 123 4567",
            "14 023",
            "14 0172",
            "0800-1234",
            "0900 123 4567",
            "010.123.45.67",
            "06-71234580",
            "0669876543",
            "+31 6 91234567",
            "612345678",
            "201234567",
        ] {
            assert!(check(n), "{n}");
        }
    }

    #[test]
    fn national_forms() {
        for n in ["06-12345678", "+31 6 1234 5678", "0031 6 12345678", "+31 (0)6-12345678", "06 12 34 56 78"] {
            assert_eq!(super::national_form(n).as_deref(), Some("0612345678"), "{n}");
        }
        assert_eq!(super::national_form("123"), None);
    }

    #[test]
    fn rejects_look_alikes() {
        for n in
            ["01-02-2023 12", "0 6 1 2 3 4 5 6 7 8", "0612345", "0971234567", "+32 6 1234 5678", "14 123", "0800-12345"]
        {
            assert!(!check(n), "{n}");
        }
    }
}
