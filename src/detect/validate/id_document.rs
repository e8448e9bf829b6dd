//! Dutch passport and identity-card numbers: 9 characters, 2 letters, 6 letters or digits (any mix, all
//! letters included), 1 digit; never the letter O (it would be confused with zero). Documents issued
//! before 2019 may hold the digit 0. The rule only fires next to a document word, so the shape alone
//! need not tell a number from a word.

pub(super) fn check(m: &str) -> bool {
    let b = m.as_bytes();
    b.len() == 9
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..8].iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && b[8].is_ascii_digit()
        && !b.contains(&b'O')
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn shapes() {
        assert!(check("NW92KP3L4"));
        assert!(check("IX1234567"));
        assert!(!check("NO1234567"));
        assert!(check("NXKRTPWA3"));
        assert!(check("IR1234560"));
        assert!(!check("NOKRTPWA3"));
        assert!(!check("N1234567X"));
    }
}
