//! Streams that are not text but can hide text, written again from what lak understands of them.
//!
//! Reading these as text would flag font and colour-profile names as people (`TeX`, `Apple`), and
//! leaving them as they are would keep whatever else their bytes carry. So each surviving one is
//! rebuilt from its parsed content, and what lak cannot parse refuses the document:
//!
//! - **CMaps** (`/ToUnicode`, a Type0 `/Encoding`): written again by [`CMap::write`] — the mappings
//!   lak read, last definition winning, nothing else (no comments, no names, no ambiguity);
//! - **ICC profiles**: the header, the tag table and the data of numeric tags (curves, matrices,
//!   lookup tables) are kept, each only as long as its type defines (an `XYZ ` tag keeps its one XYZ
//!   number whatever its declared length; a lookup table its header, curves, matrix and grid); every
//!   other byte — description, copyright, device names, private tags, padding, gaps between tags —
//!   becomes zero, and the profile ID (an MD5 of the old bytes) is cleared. Tags that overlap (other
//!   than sharing the same data) and numeric types lak cannot measure (`mpet`) refuse the document;
//! - **PostScript-calculator functions** (`/FunctionType 4`): written again from their tokens
//!   (numbers, braces, the calculator's operators); comments go.

use std::collections::{BTreeMap, HashSet};

use lopdf::{Document, Object, ObjectId};

use crate::formats::pdf::fonts::cmap::CMap;
use crate::formats::pdf::read::objects::Budget;
use crate::formats::pdf::read::streams::Kind;
use crate::model::{Code, Manual};

fn refuse(id: ObjectId, what: &str) -> Manual {
    Manual::new(
        Code::PdfUnsupported,
        format!("stream object {} is {what} lak cannot read, so it cannot check it", id.0),
    )
}

/// Rebuilds every CMap, ICC profile and calculator function left in `doc`; returns how many ICC
/// profiles and functions changed (CMaps are always written again, which is no news for the report).
pub(crate) fn normalise(
    doc: &mut Document,
    kinds: &BTreeMap<ObjectId, Kind>,
    interpreted: &HashSet<ObjectId>,
    budget: &Budget,
) -> Result<usize, Manual> {
    let mut changed = 0;
    for (id, o) in doc.objects.iter_mut() {
        let Object::Stream(s) = o else { continue };
        let kind = match kinds.get(id) {
            Some(k @ (Kind::CMap | Kind::Icc | Kind::Calculator)) if !interpreted.contains(id) => *k,
            _ => continue,
        };
        let data = budget.decode(s).map_err(|_| refuse(*id, "a stream"))?;
        let new = match kind {
            Kind::CMap => match CMap::parse(&data) {
                Ok(m) if !m.uses_other => m.write(),
                _ => return Err(refuse(*id, "a CMap")),
            },
            Kind::Icc => icc(&data).ok_or_else(|| refuse(*id, "an ICC profile"))?,
            _ => calculator(&data).ok_or_else(|| refuse(*id, "a PostScript-calculator function"))?,
        };
        if new != data {
            s.set_plain_content(new);
            changed += usize::from(kind != Kind::CMap);
        }
    }
    Ok(changed)
}

fn be32(d: &[u8], at: usize) -> Option<usize> {
    crate::formats::media::bytes::u32_be(d, at).map(|n| n as usize)
}

fn be16(d: &[u8], at: usize) -> Option<usize> {
    crate::formats::media::bytes::u16_be(d, at).map(usize::from)
}

/// How many bytes of a numeric tag (type signature first) its type defines; `None` for a type that
/// is not numbers only (text, names: blanked) and `Some(Err)` for one lak cannot measure (refused).
fn numeric_size(t: &[u8]) -> Option<Result<usize, ()>> {
    let array = |head: usize, item: usize| Ok(head + t.len().saturating_sub(head) / item * item);
    let sig = t.get(..4)?;
    let fixed = |n: usize| if t.len() >= n { Ok(n) } else { Err(()) };
    Some(match sig {
        // Every tag of this type in ICC.1 holds one XYZ number; more could be anything.
        b"XYZ " => fixed(20),
        b"sf32" | b"uf32" | b"ui32" => array(8, 4),
        b"ui08" => array(8, 1),
        b"ui16" => array(8, 2),
        b"ui64" => array(8, 8),
        b"curv" => be32(t, 8).and_then(|n| n.checked_mul(2)?.checked_add(12)).map_or(Err(()), fixed),
        b"para" => match be16(t, 8) {
            Some(f @ 0..=4) => fixed(12 + 4 * [1, 3, 4, 5, 7][f]),
            _ => Err(()),
        },
        b"chrm" => be16(t, 8).map_or(Err(()), |n| fixed(12 + 8 * n)),
        b"clro" => be32(t, 8).and_then(|n| n.checked_add(12)).map_or(Err(()), fixed),
        b"sig " => fixed(12),
        b"dtim" => fixed(20),
        b"meas" | b"view" => fixed(36),
        b"mft1" | b"mft2" => lut(t).map_or(Err(()), fixed),
        b"mAB " | b"mBA " => lut_ab(t).map_or(Err(()), fixed),
        b"mpet" => Err(()),
        _ => return None,
    })
}

/// `g` to the power `i`, times `o`, bounded.
fn grid(g: usize, i: usize, o: usize) -> Option<usize> {
    let mut n = o;
    for _ in 0..i {
        n = n.checked_mul(g)?;
    }
    (n <= 1 << 28).then_some(n)
}

/// The size of an `mft1` (lut8) or `mft2` (lut16) tag.
fn lut(t: &[u8]) -> Option<usize> {
    let (i, o, g) = (usize::from(*t.get(8)?), usize::from(*t.get(9)?), usize::from(*t.get(10)?));
    let clut = grid(g, i, o)?;
    if &t[..4] == b"mft1" {
        Some(48 + 256 * i + clut + 256 * o)
    } else {
        let (n, m) = (be16(t, 48)?, be16(t, 50)?);
        Some(52 + 2 * (n * i + clut + m * o))
    }
}

/// The size of an `mAB `/`mBA ` tag: the header and its elements (curve sets, matrix, CLUT), which
/// must follow each other without gaps a value could sit in.
fn lut_ab(t: &[u8]) -> Option<usize> {
    let (i, o) = (usize::from(*t.get(8)?), usize::from(*t.get(9)?));
    let (ins, outs) = if &t[..4] == b"mAB " { (i, o) } else { (o, i) };
    // (offset, size) of each element present: B curves (outputs), matrix, M curves, CLUT, A curves.
    let curves = |at: usize, n: usize| -> Option<usize> {
        let mut p = at;
        for _ in 0..n {
            let size = match numeric_size(t.get(p..)?)? {
                Ok(s) if matches!(t.get(p..p + 4)?, b"curv" | b"para") => s,
                _ => return None,
            };
            p += size.div_ceil(4) * 4;
        }
        Some(p - at)
    };
    let mut elements: Vec<(usize, usize)> = Vec::new();
    for (k, field) in [12usize, 16, 20, 24, 28].into_iter().enumerate() {
        let at = be32(t, field)?;
        if at == 0 {
            continue;
        }
        let size = match k {
            0 => curves(at, outs)?,
            1 => 48,
            2 => curves(at, outs)?,
            3 => {
                let points = t.get(at..at + 16)?;
                let precision = usize::from(*t.get(at + 16)?);
                let mut n = outs.checked_mul(precision)?;
                for &g in &points[..ins.min(16)] {
                    n = n.checked_mul(usize::from(g))?;
                }
                if n > 1 << 28 || !matches!(precision, 1 | 2) {
                    return None;
                }
                20 + n
            }
            _ => curves(at, ins)?,
        };
        elements.push((at, at.checked_add(size)?));
    }
    elements.sort_unstable();
    let mut end = 32;
    for (at, e) in elements {
        // Elements start on 4-byte boundaries right after the previous one.
        if at < end || at > end.div_ceil(4) * 4 {
            return None;
        }
        end = e;
    }
    (end <= t.len()).then_some(end)
}

/// An ICC profile with only its structure and numeric data left; `None` when it is not one, when a
/// numeric tag cannot be measured, or when tags overlap without being the same data.
pub(super) fn icc(d: &[u8]) -> Option<Vec<u8>> {
    if d.len() < 132 || d.get(36..40)? != b"acsp" {
        return None;
    }
    let count = be32(d, 128)?;
    let table_end = 132usize.checked_add(count.checked_mul(12)?)?;
    if table_end > d.len() {
        return None;
    }
    let mut out = vec![0u8; d.len()];
    out[..table_end].copy_from_slice(&d[..table_end]);
    out[84..100].fill(0);
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(count);
    for i in 0..count {
        let e = 132 + 12 * i;
        let (off, len) = (be32(d, e + 4)?, be32(d, e + 8)?);
        let end = off.checked_add(len)?;
        if off < table_end || len < 8 || end > d.len() {
            return None;
        }
        spans.push((off, end));
        // The type signature and its reserved bytes stay, so the tag still parses (as empty).
        out[off..off + 8].copy_from_slice(&d[off..off + 8]);
        if let Some(size) = numeric_size(&d[off..end]) {
            let size = size.ok()?;
            out[off..off + size].copy_from_slice(&d[off..off + size]);
        }
    }
    // Tags may share their data (three TRCs in one curve), but not overlap otherwise.
    spans.sort_unstable();
    spans.dedup();
    if spans.windows(2).any(|w| w[1].0 < w[0].1) {
        return None;
    }
    Some(out)
}

const CALCULATOR_OPERATORS: &[&str] = &[
    "abs", "add", "atan", "ceiling", "cos", "cvi", "cvr", "div", "exp", "floor", "idiv", "ln", "log", "mod", "mul",
    "neg", "round", "sin", "sqrt", "sub", "truncate", "and", "bitshift", "eq", "false", "ge", "gt", "le", "lt", "ne",
    "not", "or", "true", "xor", "copy", "dup", "exch", "index", "pop", "roll", "if", "ifelse",
];

/// A calculator function's program from its tokens alone; `None` when a token is not part of the
/// language.
fn calculator(d: &[u8]) -> Option<Vec<u8>> {
    let mut out: Vec<u8> = Vec::with_capacity(d.len());
    let mut i = 0;
    while i < d.len() {
        let c = d[i];
        if c.is_ascii_whitespace() || c == 0 {
            i += 1;
        } else if c == b'%' {
            while i < d.len() && d[i] != b'\n' && d[i] != b'\r' {
                i += 1;
            }
        } else if c == b'{' || c == b'}' {
            out.push(c);
            out.push(b' ');
            i += 1;
        } else {
            let s = i;
            while i < d.len() && !d[i].is_ascii_whitespace() && !matches!(d[i], b'{' | b'}' | b'%' | 0) {
                i += 1;
            }
            let tok = std::str::from_utf8(&d[s..i]).ok()?;
            let number = tok.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E'))
                && tok.parse::<f64>().is_ok();
            if !number && !CALCULATOR_OPERATORS.contains(&tok) {
                return None;
            }
            out.extend_from_slice(tok.as_bytes());
            out.push(b' ');
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calculator_functions_lose_their_comments_and_keep_their_program() {
        let f = b"{ % opgesteld door piet.bakker@example.nl\n 2 copy pop -0.5e1 mul }";
        assert_eq!(calculator(f).unwrap(), b"{ 2 copy pop -0.5e1 mul } ".to_vec());
        assert_eq!(calculator(b"{ (Jan) pop }"), None);
        assert_eq!(calculator(b"{ jansen }"), None);
    }

    #[test]
    fn icc_profiles_keep_numbers_and_lose_text() {
        let mut p = vec![0u8; 128];
        p[36..40].copy_from_slice(b"acsp");
        p[84..100].fill(7);
        p.extend_from_slice(&2u32.to_be_bytes());
        let desc_at = 128 + 4 + 24;
        let desc = b"desc\0\0\0\0Jan Jansen 111222333".to_vec();
        let xyz_at = desc_at + desc.len();
        let xyz = b"XYZ \0\0\0\0\x00\x01\x02\x03\0\0\0\x01\0\0\0\x02".to_vec();
        for (sig, at, len) in [(b"desc", desc_at, desc.len()), (b"wtpt", xyz_at, xyz.len())] {
            p.extend_from_slice(sig);
            p.extend_from_slice(&(at as u32).to_be_bytes());
            p.extend_from_slice(&(len as u32).to_be_bytes());
        }
        p.extend_from_slice(&desc);
        p.extend_from_slice(&xyz);
        p.extend_from_slice(b"hidden in a gap");
        let out = icc(&p).unwrap();
        assert_eq!(out.len(), p.len());
        assert!(!out.windows(6).any(|w| w == b"Jansen" || w == b"hidden"));
        assert!(out.windows(4).any(|w| w == b"desc"));
        assert!(out.ends_with(&[0; 15]));
        assert_eq!(&out[xyz_at..xyz_at + xyz.len()], &xyz[..]);
        assert!(out[84..100].iter().all(|&b| b == 0));
        assert_eq!(icc(b"ICC-ish profile, desc: NL91ABNA0417164300"), None);
    }

    /// A profile with the given tags (signature, body), laid out one after the other.
    fn profile(tags: &[(&[u8; 4], Vec<u8>)]) -> Vec<u8> {
        let mut p = vec![0u8; 128];
        p[36..40].copy_from_slice(b"acsp");
        p.extend_from_slice(&(tags.len() as u32).to_be_bytes());
        let mut at = 132 + 12 * tags.len();
        for (sig, body) in tags {
            p.extend_from_slice(*sig);
            p.extend_from_slice(&(at as u32).to_be_bytes());
            p.extend_from_slice(&(body.len() as u32).to_be_bytes());
            at += body.len();
        }
        for (_, body) in tags {
            p.extend_from_slice(body);
        }
        p
    }

    #[test]
    fn numeric_icc_tags_keep_only_the_size_their_type_defines() {
        // An XYZ tag declared 200 bytes long (sixteen numbers by its length): one XYZ number, then text.
        let mut xyz = b"XYZ \0\0\0\0\0\x01\0\0\0\x01\0\0\0\x01\0\0".to_vec();
        xyz.extend_from_slice(b"BSN 111222333 Jan Jansen");
        xyz.resize(200, b'x');
        // A curve with one entry, declared longer.
        let mut curv = b"curv\0\0\0\0\0\0\0\x01\x01\0".to_vec();
        curv.extend_from_slice(b"piet.bakker@example.nl");
        let para = b"para\0\0\0\0\0\0\0\0\0\x02\0\0Jansen".to_vec();
        let p = profile(&[(b"wtpt", xyz), (b"rTRC", curv), (b"gTRC", para)]);
        let out = icc(&p).unwrap();
        for gone in [&b"111222333"[..], b"Jansen", b"piet", b"xxxx"] {
            assert!(!out.windows(gone.len()).any(|w| w == gone), "{gone:?}");
        }
        assert!(out.windows(4).any(|w| w == [0, 0x01, 0, 0]), "the XYZ number stays");
        // A curve that says it is longer than its tag, and an unmeasurable type: refused.
        let short = b"curv\0\0\0\0\0\0\0\x09\x01\0".to_vec();
        assert_eq!(icc(&profile(&[(b"rTRC", short)])), None);
        assert_eq!(icc(&profile(&[(b"A2B0", b"mpet\0\0\0\0Jan Jansen".to_vec())])), None);
    }

    #[test]
    fn overlapping_icc_tags_are_refused_shared_ones_are_not() {
        let xyz = b"XYZ \0\0\0\0\0\x01\0\0\0\x01\0\0\0\x01\0\0".to_vec();
        let mut p = profile(&[(b"wtpt", xyz.clone()), (b"bkpt", xyz)]);
        assert!(icc(&p).is_some());
        // bkpt starts inside wtpt.
        let at = be32(&p, 132 + 4).unwrap() + 4;
        p[132 + 12 + 4..132 + 12 + 8].copy_from_slice(&(at as u32).to_be_bytes());
        assert_eq!(icc(&p), None);
        // Both at one offset with one length: shared data, fine.
        let first = p[132 + 4..132 + 8].to_vec();
        p[132 + 12 + 4..132 + 12 + 8].copy_from_slice(&first);
        assert!(icc(&p).is_some());
    }
}
