//! Dutch passport and identity-card numbers: 9 characters, 2 letters, 6 letters or digits, 1 digit; never
//! the letter O (it would be confused with zero).

pub(super) fn check(m: &str) -> bool {
    let b = m.as_bytes();
    b.len() == 9
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..8].iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && b[8].is_ascii_digit()
        && !b.contains(&b'O')
        // A document number mixes letters and digits in its middle part.
        && b[2..8].iter().any(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn shapes() {
        assert!(check("NW92KP3L4"));
        assert!(check("IX1234567"));
        assert!(!check("NO1234567"));
        assert!(!check("NWABCDEF4"));
        assert!(!check("N1234567X"));
    }
}
