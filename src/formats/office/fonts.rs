//! Embedded fonts: kept as they are, but only when the bytes are a font.
//!
//! Word embeds fonts as *obfuscated* TrueType (`.odttf`: the first 32 bytes XOR-ed with a key derived
//! from a GUID, ECMA-376 Part 1 §17.8.1), PowerPoint as Embedded OpenType (`.fntdata`), and a font can be
//! stored plainly (TrueType, OpenType, WOFF). A font's name or content type says nothing about its bytes:
//! a part named `document.odttf` can be the main document. So a part is a font only when its bytes are
//! one — an sfnt header or table directory, a WOFF or an EOT header — and anything else is read as XML or
//! refused like any other unknown binary (see `scrub.rs`).

/// Whether `data` is a font file (`file` is the part's file name, lower case, for the obfuscation key).
pub(crate) fn is_font(file: &str, data: &[u8]) -> bool {
    sfnt(data) || woff(data) || eot(data) || obfuscated(file, data)
}

fn u32_be(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(d.get(at..at + 4)?.try_into().ok()?))
}

fn u32_le(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(d.get(at..at + 4)?.try_into().ok()?))
}

/// TrueType/OpenType: a known version tag and a table directory that lies inside the file.
fn sfnt(d: &[u8]) -> bool {
    let tag = d.get(..4).unwrap_or_default();
    if tag == b"ttcf" {
        return d.len() >= 16;
    }
    if !matches!(tag, [0, 1, 0, 0] | b"OTTO" | b"true" | b"typ1") {
        return false;
    }
    let tables = u16::from_be_bytes([d[4], d.get(5).copied().unwrap_or(0)]) as usize;
    tables > 0 && tables < 256 && directory(d, 0, tables)
}

/// `count` table records from record `first` on: printable tags, and offsets and lengths inside the file.
fn directory(d: &[u8], first: usize, count: usize) -> bool {
    (first..count).all(|k| {
        let at = 12 + 16 * k;
        let Some(tag) = d.get(at..at + 4) else { return false };
        let (Some(offset), Some(len)) = (u32_be(d, at + 8), u32_be(d, at + 12)) else { return false };
        tag.iter().all(|b| (0x20..0x7F).contains(b)) && (offset as usize).saturating_add(len as usize) <= d.len()
    })
}

fn woff(d: &[u8]) -> bool {
    (d.starts_with(b"wOFF") || d.starts_with(b"wOF2")) && u32_be(d, 8).is_some_and(|n| n as usize == d.len())
}

/// Embedded OpenType: its total size first, the magic number `0x504C` at byte 34.
fn eot(d: &[u8]) -> bool {
    d.len() > 82
        && u32_le(d, 0).is_some_and(|n| n as usize == d.len())
        && d[34..36] == [0x4C, 0x50]
        && matches!(u32_le(d, 8), Some(0x0001_0000 | 0x0002_0001 | 0x0002_0002))
}

/// An obfuscated font: with the key from a GUID file name it is a plain font; without one, the table
/// records after the obfuscated first 32 bytes are those of a font with at least eight tables.
fn obfuscated(file: &str, d: &[u8]) -> bool {
    if !file.ends_with(".odttf") || d.len() < 12 + 16 * 8 {
        return false;
    }
    if let Some(key) = guid_key(file) {
        let mut head = d[..32].to_vec();
        for (i, b) in head.iter_mut().enumerate() {
            *b ^= key[i % 16];
        }
        let mut plain = head;
        plain.extend_from_slice(&d[32..]);
        if sfnt(&plain) {
            return true;
        }
    }
    // Records 2 to 7 start at byte 44, after the obfuscated bytes.
    directory(d, 2, 8)
}

/// The key of §17.8.1: the GUID's 32 hex digits read from the end, two at a time.
fn guid_key(file: &str) -> Option<[u8; 16]> {
    let stem = file.rsplit('/').next()?.strip_suffix(".odttf")?;
    let hex: Vec<u8> = stem.bytes().filter(u8::is_ascii_hexdigit).collect();
    if hex.len() != 32 || stem.bytes().filter(|b| *b == b'-').count() != 4 {
        return None;
    }
    let mut key = [0u8; 16];
    for (i, k) in key.iter_mut().enumerate() {
        let pair = [hex[30 - 2 * i], hex[31 - 2 * i]];
        *k = u8::from_str_radix(std::str::from_utf8(&pair).ok()?, 16).ok()?;
    }
    Some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn font(tables: u16) -> Vec<u8> {
        let mut f = vec![0, 1, 0, 0];
        f.extend(tables.to_be_bytes());
        f.extend([0; 6]);
        let dir_end = 12 + 16 * tables as u32;
        for k in 0..tables as u32 {
            f.extend(b"tabl");
            f.extend([0; 4]);
            f.extend((dir_end + 4 * k).to_be_bytes());
            f.extend(4u32.to_be_bytes());
        }
        f.extend(vec![0; 4 * tables as usize]);
        f
    }

    #[test]
    fn fonts_are_recognised_by_their_bytes() {
        assert!(is_font("font1.ttf", &font(9)));
        let guid = "{0d4b5f1b-1234-4c2b-9a6e-0123456789ab}.odttf";
        let key = guid_key(guid).unwrap();
        let mut obf = font(9);
        for i in 0..32 {
            obf[i] ^= key[i % 16];
        }
        assert!(is_font(guid, &obf));
        assert!(is_font("font1.odttf", &obf), "table records after the obfuscated bytes");
        assert!(!is_font("document.odttf", b"<?xml version=\"1.0\"?><w:document/>"));
        assert!(!is_font("font1.fntdata", &[0x42; 400]));
    }
}
