//! Streams that are not text but can hide text, written again from what lak understands of them.
//!
//! Reading these as text would flag font and colour-profile names as people (`TeX`, `Apple`), and
//! leaving them as they are would keep whatever else their bytes carry. So each surviving one is
//! rebuilt from its parsed content, and what lak cannot parse refuses the document:
//!
//! - **CMaps** (`/ToUnicode`, a Type0 `/Encoding`): written again by [`CMap::write`] — the mappings
//!   lak read, last definition winning, nothing else (no comments, no names, no ambiguity);
//! - **ICC profiles**: the header, the tag table and the data of numeric tags (curves, matrices,
//!   lookup tables) are kept; every other byte — description, copyright, device names, private tags,
//!   gaps between tags — becomes zero, and the profile ID (an MD5 of the old bytes) is cleared;
//! - **PostScript-calculator functions** (`/FunctionType 4`): written again from their tokens
//!   (numbers, braces, the calculator's operators); comments go.

use std::collections::{BTreeMap, HashSet};

use lopdf::{Document, Object, ObjectId};

use super::cmap::CMap;
use super::objects::Budget;
use super::streams::Kind;
use crate::model::Manual;

fn refuse(id: ObjectId, what: &str) -> Manual {
    Manual::new("pdf_unsupported", format!("stream object {} is {what} lak cannot read, so it cannot check it", id.0))
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

/// Tag types made of numbers only.
const NUMERIC_TAGS: &[&[u8; 4]] = &[
    b"XYZ ", b"curv", b"para", b"sf32", b"mft1", b"mft2", b"mAB ", b"mBA ", b"mpet", b"chrm", b"clro", b"sig ",
    b"meas", b"view", b"dtim", b"ui08", b"ui16", b"ui32", b"ui64", b"uf32",
];

fn be32(d: &[u8], at: usize) -> Option<usize> {
    Some(u32::from_be_bytes(d.get(at..at + 4)?.try_into().ok()?) as usize)
}

/// An ICC profile with only its structure and numeric data left; `None` when it is not one.
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
    for i in 0..count {
        let e = 132 + 12 * i;
        let (off, len) = (be32(d, e + 4)?, be32(d, e + 8)?);
        let end = off.checked_add(len)?;
        if off < table_end || len < 8 || end > d.len() {
            return None;
        }
        // The type signature and its reserved bytes stay, so the tag still parses (as empty).
        out[off..off + 8].copy_from_slice(&d[off..off + 8]);
        if NUMERIC_TAGS.iter().any(|t| &d[off..off + 4] == *t) {
            out[off..end].copy_from_slice(&d[off..end]);
        }
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
        let xyz = b"XYZ \0\0\0\0\x00\x01\x02\x03".to_vec();
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
}
