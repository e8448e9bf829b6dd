//! Dutch postcodes: `1234 AB`; the letter pairs SA, SD and SS are never issued.

pub(super) fn check(m: &str) -> bool {
    let letters: String = m.chars().filter(char::is_ascii_alphabetic).collect();
    letters.len() == 2 && !matches!(letters.as_str(), "SA" | "SD" | "SS")
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn rejects_unissued_letter_pairs() {
        assert!(check("1234 AB"));
        assert!(check("9999ZZ"));
        assert!(!check("1234 SS"));
        assert!(!check("1234SA"));
        assert!(!check("1234 SD"));
    }
}
