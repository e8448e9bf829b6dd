//! The words inside font programs: names, notices, comments.
//!
//! An embedded font program carries text no page shows: a TrueType or OpenType `name` table (family
//! name, designer, copyright, licence), a CFF font's name and its `/Notice`, `/Copyright`,
//! `/FullName`, `/FamilyName` and `/Weight` strings, a Type1 program's comments (`%%Creator:`) and
//! `FontInfo` strings. lak keeps font programs as they are, and the final sweep withholds an output
//! when a removed value is found in one (a font whose name is the person's, a designer who is the
//! person). [`blank_if_holding`] blanks those words in place (TrueType names to zero bytes, CFF and
//! Type1 text to spaces, same length, so no offset in the program moves) when one of them holds a
//! removed value: glyph outlines, metrics and glyph names stay, and the font draws as before.

use std::ops::Range;

/// The byte ranges of the words of a font program, by its format (sfnt, bare CFF, Type1); empty when
/// it is none of them or does not parse. The flag: fill with zero bytes (UTF-16 and Mac names of an
/// sfnt) rather than spaces.
fn word_ranges(p: &[u8]) -> Vec<(Range<usize>, bool)> {
    let mut out = Vec::new();
    if matches!(p.get(..4), Some([0, 1, 0, 0] | b"OTTO" | b"true" | b"typ1")) {
        sfnt(p, &mut out);
    } else if p.first() == Some(&1) && p.get(2).is_some_and(|&h| h >= 4) {
        cff(p, 0, &mut out);
    } else if p.starts_with(b"%!") {
        type1(p, &mut out);
    }
    out
}

fn u16_at(d: &[u8], at: usize) -> Option<usize> {
    Some(usize::from(u16::from_be_bytes([*d.get(at)?, *d.get(at.checked_add(1)?)?])))
}

fn u32_at(d: &[u8], at: usize) -> Option<usize> {
    let b = d.get(at..at.checked_add(4)?)?;
    usize::try_from(u32::from_be_bytes([b[0], b[1], b[2], b[3]])).ok()
}

/// The strings of the `name` table, and the words of a `CFF ` table.
fn sfnt(p: &[u8], out: &mut Vec<(Range<usize>, bool)>) {
    let Some(tables) = u16_at(p, 4) else { return };
    for t in 0..tables {
        let rec = 12 + 16 * t;
        let (Some(tag), Some(off), Some(len)) = (p.get(rec..rec + 4), u32_at(p, rec + 8), u32_at(p, rec + 12)) else {
            return;
        };
        let Some(end) = off.checked_add(len).filter(|&e| e <= p.len()) else { continue };
        match tag {
            b"name" => {
                let (Some(count), Some(storage)) = (u16_at(p, off + 2), u16_at(p, off + 4)) else { continue };
                for r in 0..count {
                    let at = off + 6 + 12 * r;
                    let (Some(length), Some(offset)) = (u16_at(p, at + 8), u16_at(p, at + 10)) else { break };
                    let s = off + storage + offset;
                    if s + length <= end {
                        out.push((s..s + length, true));
                    }
                }
            }
            b"CFF " => cff(&p[..end], off, out),
            _ => {}
        }
    }
}

/// A CFF INDEX at `pos`: its items' byte ranges and the offset after it.
fn cff_index(d: &[u8], pos: usize) -> Option<(Vec<Range<usize>>, usize)> {
    let count = u16_at(d, pos)?;
    if count == 0 {
        return Some((Vec::new(), pos + 2));
    }
    let size = usize::from(*d.get(pos + 2)?);
    if !(1..=4).contains(&size) {
        return None;
    }
    let off = |k: usize| -> Option<usize> {
        let s = d.get(pos + 3 + k * size..pos + 3 + (k + 1) * size)?;
        Some(s.iter().fold(0usize, |a, &b| (a << 8) | usize::from(b)))
    };
    let data = pos + 3 + (count + 1) * size - 1;
    let mut items = Vec::with_capacity(count);
    for k in 0..count {
        let (a, b) = (off(k)?, off(k + 1)?);
        if a == 0 || b < a || data + b > d.len() {
            return None;
        }
        items.push(data + a..data + b);
    }
    Some((items, data + off(count)?))
}

/// The SIDs a Top DICT gives its name and notice operators (version, Notice, FullName, FamilyName,
/// Weight, Copyright, PostScript, BaseFontName).
fn cff_word_sids(dict: &[u8]) -> Vec<usize> {
    let mut sids = Vec::new();
    let mut operands: Vec<i64> = Vec::new();
    let mut i = 0;
    while i < dict.len() {
        let b0 = dict[i];
        let (value, step) = match b0 {
            0..=21 => {
                let op =
                    if b0 == 12 { 1200 + u16::from(dict.get(i + 1).copied().unwrap_or(255)) } else { u16::from(b0) };
                if matches!(op, 0..=4 | 1200 | 1221 | 1222) {
                    sids.extend(operands.iter().filter_map(|&v| usize::try_from(v).ok()));
                }
                operands.clear();
                i += if b0 == 12 { 2 } else { 1 };
                continue;
            }
            28 => (dict.get(i + 1..i + 3).map(|s| i64::from(i16::from_be_bytes([s[0], s[1]]))), 3),
            29 => (dict.get(i + 1..i + 5).map(|s| i64::from(i32::from_be_bytes([s[0], s[1], s[2], s[3]]))), 5),
            30 => {
                let mut j = i + 1;
                while j < dict.len() && dict[j] & 0x0F != 0x0F && dict[j] >> 4 != 0x0F {
                    j += 1;
                }
                (None, j + 1 - i)
            }
            32..=246 => (Some(i64::from(b0) - 139), 1),
            247..=250 => (dict.get(i + 1).map(|&b| (i64::from(b0) - 247) * 256 + i64::from(b) + 108), 2),
            251..=254 => (dict.get(i + 1).map(|&b| -(i64::from(b0) - 251) * 256 - i64::from(b) - 108), 2),
            _ => return sids,
        };
        operands.extend(value);
        i += step;
    }
    sids
}

/// A CFF font set at `base`: the font names, and the strings its Top DICTs name as notices.
fn cff(p: &[u8], base: usize, out: &mut Vec<(Range<usize>, bool)>) {
    let Some(&hdr) = p.get(base + 2) else { return };
    let Some((names, after_names)) = cff_index(p, base + usize::from(hdr)) else { return };
    let Some((tops, after_tops)) = cff_index(p, after_names) else { return };
    let Some((strings, _)) = cff_index(p, after_tops) else { return };
    out.extend(names.into_iter().map(|r| (r, false)));
    for top in tops {
        for sid in cff_word_sids(&p[top]) {
            // SIDs below 391 are the standard strings, not in the font.
            if let Some(r) = sid.checked_sub(391).and_then(|i| strings.get(i)) {
                out.push((r.clone(), false));
            }
        }
    }
}

/// The clear-text part of a Type1 program: comments (the first line's `%!PS-AdobeFont-1.0:` tag
/// stays), the strings of `FontInfo`, and the `/FontName`.
fn type1(p: &[u8], out: &mut Vec<(Range<usize>, bool)>) {
    let clear = memchr::memmem::find(p, b"eexec").unwrap_or(p.len());
    let c = &p[..clear];
    let mut i = 0;
    while i < c.len() {
        match c[i] {
            b'%' => {
                let end = c[i..].iter().position(|&b| b == b'\n' || b == b'\r').map_or(c.len(), |e| i + e);
                let start = if i == 0 {
                    c[..end].iter().position(|&b| b == b':' || b == b' ').map_or(end, |s| s + 1)
                } else {
                    i + 1
                };
                if start < end {
                    out.push((start..end, false));
                }
                i = end;
            }
            b'(' => {
                // A string: skipped (its words are taken only after a FontInfo key, below).
                i = string_end(c, i).unwrap_or(c.len());
            }
            b'/' => {
                let key_end = c[i + 1..].iter().position(|b| !b.is_ascii_alphanumeric()).map_or(c.len(), |e| i + 1 + e);
                let key = &c[i + 1..key_end];
                let mut j = key_end;
                while j < c.len() && c[j].is_ascii_whitespace() {
                    j += 1;
                }
                let info =
                    matches!(key, b"Notice" | b"Copyright" | b"FullName" | b"FamilyName" | b"Weight" | b"version");
                if info && c.get(j) == Some(&b'(') {
                    if let Some(e) = string_end(c, j) {
                        out.push((j + 1..e - 1, false));
                        i = e;
                        continue;
                    }
                } else if key == b"FontName" && c.get(j) == Some(&b'/') {
                    let e = c[j + 1..].iter().position(|b| b.is_ascii_whitespace() || b"/[]{}()<>%".contains(b));
                    let e = e.map_or(c.len(), |e| j + 1 + e);
                    out.push((j + 1..e, false));
                    i = e;
                    continue;
                }
                i = key_end.max(i + 1);
            }
            _ => i += 1,
        }
    }
}

/// The offset after the PostScript string that starts at `open` (balanced parentheses, escapes).
fn string_end(c: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < c.len() {
        match c[i] {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Blanks the words of `program` when one of them holds one of `values` (as bytes or UTF-16BE).
/// Returns the new program, or `None` when nothing was to blank.
pub(crate) fn blank_if_holding(program: &[u8], values: &[String]) -> Option<Vec<u8>> {
    let ranges = word_ranges(program);
    let forms: Vec<Vec<u8>> = values
        .iter()
        .flat_map(|v| [v.as_bytes().to_vec(), v.encode_utf16().flat_map(u16::to_be_bytes).collect()])
        .filter(|f| !f.is_empty())
        .collect();
    let holds = ranges.iter().any(|(r, _)| {
        let hay = &program[r.clone()];
        forms.iter().any(|f| memchr::memmem::find(hay, f).is_some())
    });
    if !holds {
        return None;
    }
    let mut out = program.to_vec();
    for (r, zero) in ranges {
        out[r].fill(if zero { 0 } else { b' ' });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An sfnt with a `name` table of two records: "Jan Jansen" (Mac) and "Regular" (UTF-16BE).
    fn sfnt_with_names() -> Vec<u8> {
        let mac = b"Jan Jansen".to_vec();
        let utf16: Vec<u8> = "Regular".encode_utf16().flat_map(u16::to_be_bytes).collect();
        let mut name = Vec::new();
        name.extend([0, 0, 0, 2, 0, 30]); // format, count, storage offset (6 + 2 * 12)
        name.extend([0, 1, 0, 0, 0, 0, 0, 1, 0, mac.len() as u8, 0, 0]);
        name.extend([0, 3, 0, 1, 4, 9, 0, 2, 0, utf16.len() as u8, 0, mac.len() as u8]);
        name.extend(&mac);
        name.extend(&utf16);
        let mut p = vec![0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
        p.extend(b"name");
        p.extend([0; 4]);
        p.extend(28u32.to_be_bytes());
        p.extend((name.len() as u32).to_be_bytes());
        p.extend(name);
        p
    }

    #[test]
    fn sfnt_names_are_blanked_only_when_they_hold_a_removed_value() {
        let p = sfnt_with_names();
        assert_eq!(blank_if_holding(&p, &["Piet Bakker".into()]), None);
        let out = blank_if_holding(&p, &["Jansen".into()]).unwrap();
        assert_eq!(out.len(), p.len());
        assert!(memchr::memmem::find(&out, b"Jansen").is_none());
        assert_eq!(&out[..40], &p[..40], "the table directory and the name records stay");
        // UTF-16BE strings count too.
        assert!(blank_if_holding(&p, &["Regular".into()]).is_some());
    }

    #[test]
    fn type1_comments_font_info_and_font_name() {
        let p = b"%!PS-AdobeFont-1.0: Kwakernaat-Hand 001\n%%Creator: Jan Jansen\n/FontInfo 9 dict dup begin\n\
                  /Notice (Copyright \\(c\\) Jan Jansen) readonly def\n/FamilyName (Kwakernaat Hand) def\nend\n\
                  /FontName /Kwakernaat-Hand def\n/Encoding StandardEncoding def\ncurrentfile eexec\n\x8f\x01(Jan Jansen)";
        let out = blank_if_holding(p, &["Jan Jansen".into()]).unwrap();
        let clear = &out[..out.len() - 14];
        assert!(memchr::memmem::find(clear, b"Jansen").is_none(), "{}", String::from_utf8_lossy(clear));
        assert!(memchr::memmem::find(clear, b"Kwakernaat").is_none());
        assert!(
            out.starts_with(b"%!PS-AdobeFont-1.0:")
                && memchr::memmem::find(&out, b"/Encoding StandardEncoding").is_some()
        );
        assert_eq!(&out[out.len() - 14..], &p[p.len() - 14..], "the encrypted part is not touched");
    }

    #[test]
    fn cff_name_and_notices() {
        // Header; Name INDEX ["Kwak"]; Top DICT INDEX [Notice = SID 391]; String INDEX ["by Jan Jansen"].
        let mut p = vec![1, 0, 4, 1];
        p.extend([0, 1, 1, 1, 5]);
        p.extend(b"Kwak");
        let top = [0x1c, 0x01, 0x87, 0x01]; // 391 Notice
        p.extend([0, 1, 1, 1, 1 + top.len() as u8]);
        p.extend(top);
        p.extend([0, 1, 1, 1, 14]);
        p.extend(b"by Jan Jansen");
        let out = blank_if_holding(&p, &["Jan Jansen".into()]).unwrap();
        assert!(memchr::memmem::find(&out, b"Jansen").is_none() && memchr::memmem::find(&out, b"Kwak").is_none());
        assert_eq!(out.len(), p.len());
    }
}
