//! Percent-decoding (`%20` → space) of URI paths: Office part names and relationship targets, and the
//! document links of the review page. Invalid escapes stay as written; the bytes are read as UTF-8 with
//! replacement characters.

/// `s` with every `%XX` escape decoded.
pub(crate) fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn escapes_decode_and_broken_ones_stay() {
        assert_eq!(decode("../dossier/brief%201%23.txt"), "../dossier/brief 1#.txt");
        assert_eq!(decode("word/media/image%2x.png"), "word/media/image%2x.png");
        assert_eq!(decode("a%"), "a%");
        assert_eq!(decode("caf%C3%A9"), "café");
    }
}
