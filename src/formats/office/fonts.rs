//! Embedded fonts: kept as they are, but only when the bytes are a font.
//!
//! Word embeds fonts as *obfuscated* TrueType (`.odttf`: the first 32 bytes XOR-ed with a key derived
//! from a GUID, ECMA-376 Part 1 §17.8.1), PowerPoint as Embedded OpenType (`.fntdata`), and a font can be
//! stored plainly (TrueType, OpenType, WOFF). A font's name or content type says nothing about its bytes:
//! a part named `document.odttf` can be the main document. So a part is a font only when its bytes are
//! one — an sfnt header or table directory, a WOFF or an EOT header — and anything else is read as XML or
//! refused like any other unknown binary (see `scrub.rs`).
//!
//! A font is kept unread, so "is one" is checked to the end of the file: every table of a table
//! directory lies inside the file, and the file ends with its last table (up to three zero bytes of
//! padding): a value appended to a real font makes it no font. A TrueType Collection must have version
//! 1.0 or 2.0, 1 to 64 fonts and a valid table directory at each offset; a WOFF its tables (or its one
//! compressed stream) up to its declared length, and no metadata or private data block (lak cannot read
//! them); an EOT its names, then font data that ends the file and is itself a font (plain or XOR-ed;
//! MicroType Express compressed data lak cannot check, so it is refused).

use crate::formats::media::bytes::{u16_be, u16_le, u32_be, u32_le};

/// Whether `data` is a font file (`file` is the part's file name, lower case, for the obfuscation key).
pub(crate) fn is_font(file: &str, data: &[u8]) -> bool {
    sfnt(data) || woff(data) || woff2(data) || eot(data) || obfuscated(file, data)
}

/// The most fonts a TrueType Collection may hold (real collections hold a few, CJK ones up to ~30).
const MAX_COLLECTION_FONTS: usize = 64;

/// A file whose last block ends at `end`: nothing may follow but the padding to four bytes.
fn ends_at(d: &[u8], end: usize) -> bool {
    end <= d.len() && d.len() <= end.next_multiple_of(4) && d[end..].iter().all(|&b| b == 0)
}

/// TrueType/OpenType, or a TrueType Collection of them: a known version tag and table directories whose
/// tables lie inside the file, which ends with the last table.
fn sfnt(d: &[u8]) -> bool {
    let end = if d.starts_with(b"ttcf") { collection(d) } else { table_directory(d, 0) };
    end.is_some_and(|end| ends_at(d, end))
}

/// The table directory (offset table) at `at`: a version tag, 1 to 255 tables with printable tags, and
/// each table inside the file. Returns where the last table ends.
fn table_directory(d: &[u8], at: usize) -> Option<usize> {
    if !matches!(d.get(at..at.checked_add(4)?)?, [0, 1, 0, 0] | b"OTTO" | b"true" | b"typ1") {
        return None;
    }
    let tables = u16_be(d, at + 4).map(usize::from)?;
    if tables == 0 || tables >= 256 {
        return None;
    }
    directory(d, at + 12, 0, tables)
}

/// Table records `first..count` of the directory whose records start at `records`: printable tags, and
/// offsets and lengths inside the file. Returns where the last of them ends.
fn directory(d: &[u8], records: usize, first: usize, count: usize) -> Option<usize> {
    let mut end = records + 16 * count;
    for k in first..count {
        let at = records + 16 * k;
        let tag = d.get(at..at + 4)?;
        let (offset, len) = (u32_be(d, at + 8)? as usize, u32_be(d, at + 12)? as usize);
        let table_end = offset.checked_add(len).filter(|&e| e <= d.len())?;
        if !tag.iter().all(|b| (0x20..0x7F).contains(b)) {
            return None;
        }
        end = end.max(table_end);
    }
    Some(end)
}

/// A TrueType Collection: version 1.0 or 2.0, 1 to [`MAX_COLLECTION_FONTS`] fonts, each offset a table
/// directory inside the file; version 2.0's digital signature, if any, inside the file too. Returns
/// where the last table (or the signature) ends.
fn collection(d: &[u8]) -> Option<usize> {
    let version = u32_be(d, 4)?;
    let fonts = u32_be(d, 8)? as usize;
    if !matches!(version, 0x0001_0000 | 0x0002_0000) || fonts == 0 || fonts > MAX_COLLECTION_FONTS {
        return None;
    }
    let mut end = 12 + 4 * fonts;
    for k in 0..fonts {
        end = end.max(table_directory(d, u32_be(d, 12 + 4 * k)? as usize)?);
    }
    if version == 0x0002_0000 {
        let at = 12 + 4 * fonts;
        let (tag, len, offset) = (u32_be(d, at)?, u32_be(d, at + 4)? as usize, u32_be(d, at + 8)? as usize);
        end = end.max(at + 12);
        match tag {
            0 if len == 0 && offset == 0 => {}
            0x4453_4947 => end = end.max(offset.checked_add(len).filter(|&e| e <= d.len())?), // `DSIG`
            _ => return None,
        }
    }
    Some(end)
}

/// WOFF 1.0: its length is the file's, a table directory of 20-byte records whose tables lie inside
/// the file, which ends with the last table. Metadata (compressed XML about the font's makers and
/// licensee) and a private data block are not fonts: lak cannot read them, so such a file is none.
fn woff(d: &[u8]) -> bool {
    if !d.starts_with(b"wOFF") || u32_be(d, 8).is_none_or(|n| n as usize != d.len()) {
        return false;
    }
    let (Some(tables), Some(0), Some(0), Some(0)) =
        (u16_be(d, 12).map(usize::from), u16_be(d, 14).map(usize::from), u32_be(d, 28), u32_be(d, 40))
    else {
        return false;
    };
    let mut end = 44 + 20 * tables;
    for k in 0..tables {
        let at = 44 + 20 * k;
        let (Some(offset), Some(len)) = (u32_be(d, at + 4), u32_be(d, at + 8)) else { return false };
        match (offset as usize).checked_add(len as usize) {
            Some(e) if e <= d.len() && offset as usize >= 44 + 20 * tables => end = end.max(e),
            _ => return false,
        }
    }
    tables > 0 && ends_at(d, end)
}

/// WOFF 2.0: its length is the file's, a table directory of variable-length entries, then the one
/// compressed stream of all tables, which the file ends with. Metadata, private data and collections
/// are refused (see [`woff`]).
fn woff2(d: &[u8]) -> bool {
    if !d.starts_with(b"wOF2") || u32_be(d, 8).is_none_or(|n| n as usize != d.len()) || d.get(4..8) == Some(b"ttcf") {
        return false;
    }
    let (Some(tables), Some(0), Some(compressed), Some(0), Some(0)) =
        (u16_be(d, 12).map(usize::from), u16_be(d, 14).map(usize::from), u32_be(d, 20), u32_be(d, 32), u32_be(d, 44))
    else {
        return false;
    };
    let mut at = 48;
    for _ in 0..tables {
        let Some(&flags) = d.get(at) else { return false };
        at += if flags & 0x3F == 0x3F { 5 } else { 1 };
        let tag = if flags & 0x3F == 0x3F { d.get(at - 4..at) } else { None };
        // The transform version (bits 6-7) says whether a transformed length follows: for `glyf` and
        // `loca` every version but 3 is a transform, for every other table every version but 0.
        let known = KNOWN_TAGS.get(usize::from(flags & 0x3F)).map(|t| &t[..]).or(tag);
        let glyf_or_loca = matches!(known, Some(b"glyf" | b"loca"));
        let transformed = if glyf_or_loca { flags >> 6 != 3 } else { flags >> 6 != 0 };
        for _ in 0..if transformed { 2 } else { 1 } {
            match base128(d, at) {
                Some(next) => at = next,
                None => return false,
            }
        }
    }
    tables > 0 && at.checked_add(compressed as usize).is_some_and(|end| ends_at(d, end))
}

/// The tags WOFF 2.0 numbers 0 to 62 (its table 3.1); only `glyf` and `loca` matter here.
const KNOWN_TAGS: [&[u8; 4]; 12] =
    [b"cmap", b"head", b"hhea", b"hmtx", b"maxp", b"name", b"OS/2", b"post", b"cvt ", b"fpgm", b"glyf", b"loca"];

/// Where a `UIntBase128` (at most five bytes, no leading zero byte) at `at` ends.
fn base128(d: &[u8], at: usize) -> Option<usize> {
    for k in 0..5 {
        let b = *d.get(at + k)?;
        if k == 0 && b == 0x80 {
            return None;
        }
        if b & 0x80 == 0 {
            return Some(at + k + 1);
        }
    }
    None
}

/// Embedded OpenType: its total size first, the magic number `0x504C` at byte 34, reserved fields zero,
/// the names and (from version 2.2) the signature and EUDC font after them, and then the font data of
/// `FontDataSize` bytes, which ends the file. Uncompressed font data (possibly XOR-ed with `0x50`) must
/// be a font itself; compressed font data (MicroType Express) lak cannot check, so it is refused.
fn eot(d: &[u8]) -> bool {
    let version = u32_le(d, 8);
    if d.len() <= 82
        || u32_le(d, 0).is_none_or(|n| n as usize != d.len())
        || d[34..36] != [0x4C, 0x50]
        || !matches!(version, Some(0x0001_0000 | 0x0002_0001 | 0x0002_0002))
        || d[64..80].iter().any(|&b| b != 0)
    {
        return false;
    }
    let (Some(data_size), Some(flags)) = (u32_le(d, 4), u32_le(d, 12)) else { return false };
    // Padding1, then per name: its size and bytes, each name after the first behind a padding word.
    let mut at = 82;
    let names = if version == Some(0x0001_0000) { 4 } else { 5 };
    for k in 0..names {
        at += if k == 0 { 0 } else { 2 };
        let Some(n) = u16_le(d, at).map(usize::from) else { return false };
        at += 2 + n;
    }
    if version == Some(0x0002_0002) {
        // RootStringCheckSum, EUDCCodePage, Padding6, SignatureSize, Signature, EUDCFlags, EUDCFontSize,
        // EUDCFontData.
        let Some(sig) = u16_le(d, at + 10).map(usize::from) else { return false };
        at += 12 + sig + 4;
        let Some(eudc) = u32_le(d, at) else { return false };
        at += 4 + eudc as usize;
    }
    if at.checked_add(data_size as usize) != Some(d.len()) || flags & 0x4 != 0 {
        return false;
    }
    let mut font = d[at..].to_vec();
    if flags & 0x1000_0000 != 0 {
        font.iter_mut().for_each(|b| *b ^= 0x50);
    }
    sfnt(&font)
}

/// An obfuscated font: with the key from a GUID file name it is a plain font; without one, the table
/// records after the obfuscated first 32 bytes are those of a font with at least eight tables, and the
/// file ends with the last of their tables.
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
    // Records 2 to 7 start at byte 44, after the obfuscated bytes; the table count is obfuscated, so the
    // records are those that follow while they look like records. Record 1's offset and length are
    // clear (bytes 36 to 43).
    let Some(mut end) = directory(d, 12, 2, 8) else { return false };
    let mut count = 8;
    while count < 255 {
        match directory(d, 12, count, count + 1) {
            Some(e) => end = end.max(e),
            None => break,
        }
        count += 1;
    }
    let record1 = u32_be(d, 36).zip(u32_be(d, 40)).and_then(|(o, l)| (o as usize).checked_add(l as usize));
    record1.is_some_and(|e| e <= d.len()) && ends_at(d, end.max(record1.unwrap_or(0)))
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

    /// An sfnt of `tables` 4-byte tables whose directory is at `base` (offsets count from the file's start).
    fn font_at(tables: u16, base: u32) -> Vec<u8> {
        let mut f = vec![0, 1, 0, 0];
        f.extend(tables.to_be_bytes());
        f.extend([0; 6]);
        let dir_end = base + 12 + 16 * tables as u32;
        for k in 0..tables as u32 {
            f.extend(b"tabl");
            f.extend([0; 4]);
            f.extend((dir_end + 4 * k).to_be_bytes());
            f.extend(4u32.to_be_bytes());
        }
        f.extend(vec![7; 4 * tables as usize]);
        f
    }

    fn font(tables: u16) -> Vec<u8> {
        font_at(tables, 0)
    }

    /// A TrueType Collection of `fonts` fonts of three tables each.
    fn ttc(version: u32, fonts: u32) -> Vec<u8> {
        let mut c = b"ttcf".to_vec();
        c.extend(version.to_be_bytes());
        c.extend(fonts.to_be_bytes());
        let header = 12 + 4 * fonts + if version == 0x0002_0000 { 12 } else { 0 };
        let each = font(3).len() as u32;
        for k in 0..fonts {
            c.extend((header + k * each).to_be_bytes());
        }
        if version == 0x0002_0000 {
            c.extend([0; 12]); // no signature
        }
        for k in 0..fonts {
            c.extend(font_at(3, header + k * each));
        }
        c
    }

    const VALUE: &[u8] = b" naam 111222333 ";

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

    #[test]
    fn a_value_after_a_font_makes_it_no_font() {
        // The last table one byte long, then three bytes of padding.
        let mut padded = font(9);
        let n = padded.len();
        padded[12 + 16 * 8 + 15] = 1;
        padded[n - 3..].fill(0);
        assert!(is_font("font1.ttf", &padded), "padding to four bytes");
        padded[n - 1] = b'1';
        assert!(!is_font("font1.ttf", &padded), "padding that is not zero");
        let mut appended = font(9);
        appended.extend(VALUE);
        assert!(!is_font("font1.ttf", &appended));
        let mut short = font(9);
        short.truncate(short.len() - 1);
        assert!(!is_font("font1.ttf", &short), "a table outside the file");
        let guid = "{0d4b5f1b-1234-4c2b-9a6e-0123456789ab}.odttf";
        let key = guid_key(guid).unwrap();
        let mut obf = font(9);
        obf.extend(VALUE);
        for i in 0..32 {
            obf[i] ^= key[i % 16];
        }
        assert!(!is_font(guid, &obf));
        assert!(!is_font("font1.odttf", &obf), "without the key too");
    }

    #[test]
    fn a_font_collection_must_be_one() {
        assert!(is_font("font1.ttf", &ttc(0x0001_0000, 1)));
        assert!(is_font("font1.ttf", &ttc(0x0001_0000, 3)));
        assert!(is_font("font1.ttf", &ttc(0x0002_0000, 2)));
        // What lak accepted before: the tag and 16 bytes.
        let mut fake = b"ttcf".to_vec();
        fake.extend([0u8; 12]);
        fake.extend(VALUE.repeat(3));
        assert!(!is_font("font1.ttf", &fake));
        let mut bad_version = ttc(0x0001_0000, 1);
        bad_version[5] = 3;
        assert!(!is_font("font1.ttf", &bad_version));
        let mut none = ttc(0x0001_0000, 1);
        none[8..12].copy_from_slice(&0u32.to_be_bytes());
        assert!(!is_font("font1.ttf", &none));
        let mut many = ttc(0x0001_0000, 1);
        many[8..12].copy_from_slice(&1000u32.to_be_bytes());
        assert!(!is_font("font1.ttf", &many));
        let mut outside = ttc(0x0001_0000, 2);
        outside[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        assert!(!is_font("font1.ttf", &outside));
        let mut not_sfnt = ttc(0x0001_0000, 2);
        not_sfnt[16..20].copy_from_slice(&0u32.to_be_bytes()); // points at the collection header
        assert!(!is_font("font1.ttf", &not_sfnt));
        let mut appended = ttc(0x0001_0000, 2);
        appended.extend(VALUE);
        assert!(!is_font("font1.ttf", &appended));
        let mut signed = ttc(0x0002_0000, 1);
        signed[16..20].copy_from_slice(b"XXXX");
        assert!(!is_font("font1.ttf", &signed), "an unknown signature tag");
    }

    fn woff1(extra: &[u8], private: bool) -> Vec<u8> {
        let table = [7u8; 8];
        let mut w = b"wOFF\x00\x01\x00\x00".to_vec();
        let len = 44 + 20 + table.len() + extra.len();
        w.extend((len as u32).to_be_bytes());
        w.extend(1u16.to_be_bytes());
        w.extend([0; 2]);
        w.extend([0u8; 20]); // totalSfntSize, versions, metadata
        w.extend(if private { 64u32 } else { 0 }.to_be_bytes());
        w.extend(if private { 8u32 } else { 0 }.to_be_bytes());
        w.extend(b"tabl");
        w.extend(64u32.to_be_bytes());
        w.extend(8u32.to_be_bytes());
        w.extend(8u32.to_be_bytes());
        w.extend([0; 4]);
        w.extend(table);
        w.extend(extra);
        w
    }

    fn woff2_file(extra: &[u8]) -> Vec<u8> {
        let stream = [9u8; 12];
        let mut w = b"wOF2\x00\x01\x00\x00".to_vec();
        let len = 48 + 3 + stream.len() + extra.len();
        w.extend((len as u32).to_be_bytes());
        w.extend(2u16.to_be_bytes());
        w.extend([0; 2]);
        w.extend([0; 4]); // totalSfntSize
        w.extend((stream.len() as u32).to_be_bytes());
        w.extend([0u8; 24]); // versions, metadata, private data
        w.push(1); // head, no transform
        w.push(0x81); // its length: 2 bytes
        w.push(0x00);
        w.extend(stream);
        w.extend(extra);
        w
    }

    #[test]
    fn woff_files_end_with_their_tables() {
        assert!(is_font("font1.woff", &woff1(&[], false)));
        assert!(!is_font("font1.woff", &woff1(VALUE, false)));
        assert!(!is_font("font1.woff", &woff1(&[], true)), "a private data block");
        // The directory declares two tables but holds one entry (`head`, its length in two bytes).
        let mut w2 = woff2_file(&[]);
        assert!(!is_font("font1.woff2", &w2), "a directory entry short");
        w2[12..14].copy_from_slice(&1u16.to_be_bytes());
        assert!(is_font("font1.woff2", &w2));
        let mut appended = woff2_file(VALUE);
        appended[12..14].copy_from_slice(&1u16.to_be_bytes());
        assert!(!is_font("font1.woff2", &appended));
    }

    /// An EOT (version 2.1) around `data`, with `flags`.
    fn eot_file(data: &[u8], flags: u32) -> Vec<u8> {
        let mut e = vec![0u8; 82];
        e[4..8].copy_from_slice(&(data.len() as u32).to_le_bytes());
        e[8..12].copy_from_slice(&0x0002_0001u32.to_le_bytes());
        e[12..16].copy_from_slice(&flags.to_le_bytes());
        e[34..36].copy_from_slice(&[0x4C, 0x50]);
        let name: Vec<u8> = "Arial".encode_utf16().flat_map(u16::to_le_bytes).collect();
        for k in 0..5 {
            if k > 0 {
                e.extend([0; 2]);
            }
            e.extend((name.len() as u16).to_le_bytes());
            e.extend(&name);
        }
        e.extend(data);
        let total = e.len() as u32;
        e[..4].copy_from_slice(&total.to_le_bytes());
        e
    }

    #[test]
    fn an_eot_holds_exactly_a_font() {
        assert!(is_font("font1.fntdata", &eot_file(&font(9), 0)));
        let xored: Vec<u8> = font(9).iter().map(|b| b ^ 0x50).collect();
        assert!(is_font("font1.fntdata", &eot_file(&xored, 0x1000_0000)));
        assert!(!is_font("font1.fntdata", &eot_file(&font(9), 0x4)), "compressed: lak cannot check it");
        let mut appended = font(9);
        appended.extend(VALUE);
        assert!(!is_font("font1.fntdata", &eot_file(&appended, 0)));
        let mut after = eot_file(&font(9), 0);
        after.extend(VALUE);
        let total = after.len() as u32;
        after[..4].copy_from_slice(&total.to_le_bytes());
        assert!(!is_font("font1.fntdata", &after), "bytes after the font data");
        assert!(!is_font("font1.fntdata", &eot_file(&[0x42; 200], 0)), "font data that is no font");
    }
}
