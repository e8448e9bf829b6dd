//! BSN (burgerservicenummer) and RSIN: the 11-proof.

/// `9·d1 + 8·d2 + … + 2·d8 − 1·d9` must be divisible by 11; 8-digit numbers are read with a leading zero;
/// all zeros is not a BSN.
pub fn is_valid_bsn(number: &str) -> bool {
    let d: Vec<u32> = super::digits(number).collect();
    let d = match d.len() {
        9 => d,
        8 => std::iter::once(0).chain(d).collect(),
        _ => return false,
    };
    if d.iter().all(|&x| x == 0) {
        return false;
    }
    let sum: i64 = d[..8].iter().zip((2..=9).rev()).map(|(&x, w)| i64::from(x) * w).sum::<i64>() - i64::from(d[8]);
    sum % 11 == 0
}

pub(super) fn check(m: &str) -> bool {
    is_valid_bsn(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_valid_numbers() {
        for n in ["111222333", "123456782", "1234.56.782", "123 456 782", "123.456.782", "012345672"] {
            assert!(is_valid_bsn(n), "{n}");
        }
        // Eight digits are read with a leading zero.
        assert!(is_valid_bsn("12345672"));
    }

    #[test]
    fn near_misses_fail() {
        // One digit off, two digits swapped, all zeros, wrong lengths.
        for n in ["123456789", "111222334", "213456782", "000000000", "1234567", "1234567820"] {
            assert!(!is_valid_bsn(n), "{n}");
        }
    }

    #[test]
    fn exactly_one_in_eleven_of_a_range_passes() {
        let passing = (100_000_000u32..100_011_000).filter(|n| is_valid_bsn(&n.to_string())).count();
        assert_eq!(passing, 1000);
    }
}
