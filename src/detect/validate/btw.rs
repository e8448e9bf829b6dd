//! Dutch VAT ids (`NL` + 9 digits + `B` + 2 digits): old ids pass the 11-proof (they were built on the
//! BSN or RSIN), ids issued since 2020 pass the ISO 7064 mod-97 check over the whole string.

pub(super) fn check(m: &str) -> bool {
    let digits: String = m[2..11].to_string();
    if super::bsn::is_valid_bsn(&digits) {
        return true;
    }
    let mut r: u64 = 0;
    for c in m.chars() {
        let v = match c {
            '0'..='9' => u64::from(c as u8 - b'0'),
            'A'..='Z' => u64::from(c as u8 - b'A') + 10,
            _ => return false,
        };
        r = if v >= 10 { (r * 100 + v) % 97 } else { (r * 10 + v) % 97 };
    }
    r == 1
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn old_and_new_style() {
        assert!(check("NL123456782B01"));
        assert!(check("NL000099998B57"));
        assert!(!check("NL123456789B01"));
    }
}
