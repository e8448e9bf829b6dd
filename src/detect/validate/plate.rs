//! Dutch licence plates: the sidecodes (shapes of letter and digit groups) and their letter rules.
//!
//! From sidecode 4 on, plates use no vowels and never C or Q, which rejects most product and case codes
//! of the same shape.

/// Sidecodes 1–14 as shapes: L = letter, D = digit.
const SIDECODES: [&str; 14] = [
    "LL-DD-DD", "DD-DD-LL", "DD-LL-DD", "LL-DD-LL", "LL-LL-DD", "DD-LL-LL", "DD-LLL-D", "D-LLL-DD", "LL-DDD-L",
    "L-DDD-LL", "LLL-DD-L", "L-DD-LLL", "D-LL-DDD", "DDD-LL-D",
];

pub(super) fn check(m: &str) -> bool {
    sidecode(m).is_some_and(|code| {
        let letters = m.chars().filter(char::is_ascii_uppercase);
        code < 4 || letters.clone().all(|c| !"AEIOUCQ".contains(c))
    })
}

/// The 1-based sidecode of a plate written with or without hyphens.
fn sidecode(m: &str) -> Option<usize> {
    // Plates are 6 characters and two hyphens at most; anything longer has no sidecode.
    if m.len() > 8 {
        return None;
    }
    let mut shape = [0u8; 8];
    for (s, b) in shape.iter_mut().zip(m.bytes()) {
        *s = match b {
            b'A'..=b'Z' => b'L',
            b'0'..=b'9' => b'D',
            b'-' => b'-',
            _ => return None,
        };
    }
    let shape = &shape[..m.len()];
    let hyphens = shape.contains(&b'-');
    SIDECODES
        .iter()
        .position(|code| {
            let code = code.as_bytes();
            if hyphens {
                code == shape
            } else {
                code.len() == shape.len() + 2 && code.iter().filter(|&&c| c != b'-').eq(shape.iter())
            }
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sidecode() {
        for (plate, code) in [
            ("AB-12-34", 1),
            ("12-34-AB", 2),
            ("12-AB-34", 3),
            ("BD-12-FG", 4),
            ("BD-FG-12", 5),
            ("12-BD-FG", 6),
            ("12-BDF-3", 7),
            ("1-BDF-23", 8),
            ("BD-123-F", 9),
            ("B-123-DF", 10),
            ("BDF-12-G", 11),
            ("B-12-DFG", 12),
            ("1-BD-234", 13),
            ("123-BD-4", 14),
        ] {
            assert_eq!(sidecode(plate), Some(code), "{plate}");
            assert!(check(plate), "{plate}");
        }
        assert!(check("12BDF3"));
    }

    #[test]
    fn rejects_vowels_c_q_and_other_shapes() {
        for s in ["AE-12-IO", "12-CQ-34X", "12-03-84", "ABC-DEF-GH", "12-AB-CD", "K-123-QX"] {
            assert!(!check(s), "{s}");
        }
    }
}
