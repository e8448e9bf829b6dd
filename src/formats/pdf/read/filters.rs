//! Stream filters, decoded strictly.
//!
//! lopdf's decoders are built to show as much as they can of a damaged file: a Flate stream whose
//! zlib header or data is broken decodes to what came out before the error (often nothing), with a
//! warning in the log and `Ok` to the caller; an LZW error, a stray character in ASCII85 data and a
//! run-length stream cut short end the data just as quietly. For lak that `Ok` is the problem: a page
//! whose content stream decoded to nothing reads as an empty page, nothing is found on it, and the
//! stream is copied into the output as it was, still undecodable (pdf.js's `issue7665.pdf`, a file
//! lopdf decrypts with the wrong crypt filter, went through that way). So lak decodes every stream
//! itself: each filter must decode its input completely, or the stream is [`Fault::Damaged`], which
//! the readers turn into a refusal (`pdf_unreadable`), and which the audit of the output
//! (`check_decodable` in `write/decodable.rs`) turns into a refusal as well: lak never writes a stream
//! it could not read to its end, and never one that does not decode with the filters its dictionary
//! declares.
//!
//! Tolerated, because nothing is lost and viewers agree: a missing end-of-data marker (ASCII85 `~>`,
//! ASCIIHex `>`, run-length 128, LZW 257), bytes after the end of a zlib stream, and a zlib stream
//! whose deflate data is complete but whose checksum is wrong or missing (some producers write a
//! bad one; every viewer shows the data). Such a stream is not [`Decoded::intact`]: the output
//! audit writes it again from its decoded bytes, so the output holds what lak read and nothing a
//! checker calls broken. Image codecs (DCT, JPX, JBIG2, CCITT) and crypt filters are
//! [`Fault::Unsupported`]: their callers decide.

use lopdf::{Dictionary, Object, Stream};

use crate::limits;

/// Why a stream could not be decoded.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Fault {
    /// It decodes to more than the limit it was given.
    TooLarge,
    /// A filter's data is broken: what it says, in a few words.
    Damaged(String),
    /// A filter lak does not decode (image codecs, crypt filters, unknown names).
    Unsupported(String),
}

fn damaged(filter: &str, why: impl std::fmt::Display) -> Fault {
    Fault::Damaged(format!("/{filter}: {why}"))
}

/// A stream's decoded bytes.
pub(crate) struct Decoded {
    pub data: Vec<u8>,
    /// Whether every filter's data was intact (false: a zlib checksum was wrong or missing).
    pub intact: bool,
}

/// The decoded bytes of a stream, at most `cap` of them.
pub(crate) fn decode(s: &Stream, cap: usize) -> Result<Vec<u8>, Fault> {
    decode_checked(s, cap).map(|d| d.data)
}

/// [`decode`], saying whether the data was intact.
pub(crate) fn decode_checked(s: &Stream, cap: usize) -> Result<Decoded, Fault> {
    let filters: Vec<&[u8]> = match s.dict.get(b"Filter") {
        Ok(Object::Name(n)) => vec![n.as_slice()],
        Ok(Object::Array(a)) => {
            let mut v = Vec::with_capacity(a.len());
            for f in a {
                match f {
                    Object::Name(n) => v.push(n.as_slice()),
                    _ => return Err(Fault::Unsupported("a filter that is not a name".into())),
                }
            }
            v
        }
        Ok(Object::Null) | Err(_) => Vec::new(),
        Ok(_) => return Err(Fault::Unsupported("a /Filter that is not a name".into())),
    };
    if filters.is_empty() {
        if s.content.len() > cap {
            return Err(Fault::TooLarge);
        }
        return Ok(Decoded { data: s.content.clone(), intact: true });
    }
    if filters.len() > limits::PDF_MAX_FILTERS {
        return Err(Fault::Unsupported(format!("more than {} filters", limits::PDF_MAX_FILTERS)));
    }
    let params = s.dict.get(b"DecodeParms").ok();
    let mut intact = true;
    let mut data: std::borrow::Cow<'_, [u8]> = std::borrow::Cow::Borrowed(&s.content);
    for (i, f) in filters.iter().enumerate() {
        let p = match params {
            Some(Object::Array(a)) => a.get(i).and_then(|p| p.as_dict().ok()),
            Some(Object::Dictionary(d)) => Some(d),
            _ => None,
        };
        let out = match *f {
            b"FlateDecode" | b"Fl" => {
                let (out, checksum) = inflate(&data, cap)?;
                intact &= checksum;
                predict(out, p, cap)?
            }
            b"BrotliDecode" => brotli(&data, cap)?,
            b"LZWDecode" | b"LZW" => predict(lzw(&data, early_change(p), cap)?, p, cap)?,
            b"ASCII85Decode" | b"A85" => ascii85(&data, cap)?,
            b"ASCIIHexDecode" | b"AHx" => ascii_hex(&data, cap)?,
            b"RunLengthDecode" | b"RL" => run_length(&data, cap)?,
            other => return Err(Fault::Unsupported(format!("/{}", String::from_utf8_lossy(other)))),
        };
        data = std::borrow::Cow::Owned(out);
    }
    Ok(Decoded { data: data.into_owned(), intact })
}

/// Appends to `out`, refusing to grow past `cap`.
fn push(out: &mut Vec<u8>, bytes: &[u8], cap: usize) -> Result<(), Fault> {
    if out.len() + bytes.len() > cap {
        return Err(Fault::TooLarge);
    }
    out.extend_from_slice(bytes);
    Ok(())
}

/// A zlib stream: a valid two-byte header, then deflate data that must end within the input; bytes
/// after its end are ignored, as every reader ignores them. Returns the data and whether the Adler-32
/// checksum after it is there and right.
fn inflate(input: &[u8], cap: usize) -> Result<(Vec<u8>, bool), Fault> {
    if input.iter().all(u8::is_ascii_whitespace) {
        return Ok((Vec::new(), true));
    }
    let header_ok = input.len() >= 2
        && input[0] & 0x0F == 8
        && input[0] >> 4 <= 7
        && (u16::from(input[0]) << 8 | u16::from(input[1])) % 31 == 0
        && input[1] & 0x20 == 0;
    if !header_ok {
        return Err(damaged("FlateDecode", "no zlib header"));
    }
    let body = &input[2..];
    use crate::formats::media::deflate::{InflateError, inflate as inflate_raw};
    let inflated = inflate_raw(body, false, cap).map_err(|e| match e {
        InflateError::TooLarge => Fault::TooLarge,
        e => damaged("FlateDecode", e),
    })?;
    let (out, end) = (inflated.data, inflated.consumed);
    let stored = body.get(end..end.saturating_add(4)).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]));
    let intact = stored == Some(adler32(&out));
    Ok((out, intact))
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in data.chunks(5552) {
        for &x in chunk {
            a += u32::from(x);
            b += a;
        }
        a %= 65521;
        b %= 65521;
    }
    (b << 16) | a
}

/// Brotli (`/BrotliDecode`, ISO/TS 32001 extension): must decode to its end.
fn brotli(input: &[u8], cap: usize) -> Result<Vec<u8>, Fault> {
    use std::io::Read;
    let mut out = Vec::new();
    brotli_decompressor::Decompressor::new(input, 4096)
        .take(cap as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| damaged("BrotliDecode", e))?;
    if out.len() > cap {
        return Err(Fault::TooLarge);
    }
    Ok(out)
}

fn early_change(p: Option<&Dictionary>) -> bool {
    p.and_then(|p| p.get(b"EarlyChange").ok()).and_then(|v| v.as_i64().ok()).is_none_or(|v| v != 0)
}

/// LZW as PDF uses it: codes of 9 to 12 bits, most significant bit first, 256 clears the table, 257
/// ends the data; with `early` the code width grows one code early (the default).
fn lzw(input: &[u8], early: bool, cap: usize) -> Result<Vec<u8>, Fault> {
    // Each table entry: (prefix code, last byte, length); the string is rebuilt by walking prefixes.
    let mut table: Vec<(u16, u8, u32)> = Vec::with_capacity(4096);
    let reset = |t: &mut Vec<(u16, u8, u32)>| {
        t.clear();
        t.extend((0..=255u16).map(|b| (u16::MAX, b as u8, 1)));
        t.push((u16::MAX, 0, 0)); // 256: clear
        t.push((u16::MAX, 0, 0)); // 257: end of data
    };
    reset(&mut table);
    let mut out = Vec::new();
    let mut width = 9u32;
    let (mut acc, mut bits) = (0u32, 0u32);
    let mut prev: Option<u16> = None;
    let mut buf: Vec<u8> = Vec::new();
    let string = |t: &[(u16, u8, u32)], mut code: u16, buf: &mut Vec<u8>| {
        buf.clear();
        loop {
            let (p, b, _) = t[code as usize];
            buf.push(b);
            if p == u16::MAX {
                break;
            }
            code = p;
        }
        buf.reverse();
    };
    for &byte in input {
        acc = (acc << 8) | u32::from(byte);
        bits += 8;
        while bits >= width {
            let code = ((acc >> (bits - width)) & ((1 << width) - 1)) as u16;
            bits -= width;
            acc &= (1 << bits) - 1;
            match code {
                256 => {
                    reset(&mut table);
                    width = 9;
                    prev = None;
                    continue;
                }
                257 => return Ok(out),
                _ => {}
            }
            let next = table.len() as u16;
            match prev {
                None => {
                    if code > 255 {
                        return Err(damaged("LZWDecode", "the first code after a reset is not a byte"));
                    }
                    string(&table, code, &mut buf);
                }
                Some(p) => {
                    if code < next {
                        string(&table, code, &mut buf);
                        if table.len() < 4096 {
                            let len = table[p as usize].2 + 1;
                            table.push((p, buf[0], len));
                        }
                    } else if code == next && table.len() < 4096 {
                        string(&table, p, &mut buf);
                        let first = buf[0];
                        buf.push(first);
                        let len = table[p as usize].2 + 1;
                        table.push((p, first, len));
                    } else {
                        return Err(damaged("LZWDecode", format!("code {code} is not in the table")));
                    }
                }
            }
            push(&mut out, &buf, cap)?;
            prev = Some(code);
            let limit = table.len() as u32 + u32::from(early);
            width = match limit {
                0..=511 => 9,
                512..=1023 => 10,
                1024..=2047 => 11,
                _ => 12,
            };
        }
    }
    Ok(out)
}

fn ascii85(input: &[u8], cap: usize) -> Result<Vec<u8>, Fault> {
    let mut out = Vec::new();
    let mut group = [0u8; 5];
    let mut n = 0usize;
    let mut i = 0;
    let flush = |group: &[u8], n: usize, out: &mut Vec<u8>| -> Result<(), Fault> {
        let v = (0..5).fold(0u64, |v, k| v * 85 + u64::from(group.get(k).filter(|_| k < n).map_or(84, |c| c - b'!')));
        if v > u64::from(u32::MAX) {
            return Err(damaged("ASCII85Decode", "a group is out of range"));
        }
        push(out, &(v as u32).to_be_bytes()[..n - 1], cap)
    };
    while i < input.len() {
        let c = input[i];
        i += 1;
        match c {
            b'!'..=b'u' => {
                group[n] = c;
                n += 1;
                if n == 5 {
                    flush(&group, 5, &mut out)?;
                    n = 0;
                }
            }
            b'z' if n == 0 => push(&mut out, &[0; 4], cap)?,
            b'~' => {
                if input[i..].iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'>') {
                    return Err(damaged("ASCII85Decode", "`~` without `>`"));
                }
                break;
            }
            c if c.is_ascii_whitespace() || c == 0 => {}
            _ => return Err(damaged("ASCII85Decode", format!("character 0x{c:02x} is not ASCII85"))),
        }
    }
    match n {
        0 => {}
        1 => return Err(damaged("ASCII85Decode", "the last group has one character")),
        _ => flush(&group, n, &mut out)?,
    }
    Ok(out)
}

fn ascii_hex(input: &[u8], cap: usize) -> Result<Vec<u8>, Fault> {
    let mut out = Vec::with_capacity((input.len() / 2).min(cap));
    let mut high: Option<u8> = None;
    for &c in input {
        if c == b'>' {
            break;
        }
        if c.is_ascii_whitespace() || c == 0 {
            continue;
        }
        let Some(v) = (c as char).to_digit(16) else {
            return Err(damaged("ASCIIHexDecode", format!("character 0x{c:02x} is not a hex digit")));
        };
        match high.take() {
            Some(h) => push(&mut out, &[(h << 4) | v as u8], cap)?,
            None => high = Some(v as u8),
        }
    }
    if let Some(h) = high {
        push(&mut out, &[h << 4], cap)?;
    }
    Ok(out)
}

fn run_length(input: &[u8], cap: usize) -> Result<Vec<u8>, Fault> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < input.len() {
        let l = input[i] as usize;
        i += 1;
        match l {
            128 => break,
            0..=127 => {
                let Some(run) = input.get(i..i + l + 1) else {
                    return Err(damaged("RunLengthDecode", "a literal run is cut short"));
                };
                push(&mut out, run, cap)?;
                i += l + 1;
            }
            _ => {
                let Some(&b) = input.get(i) else {
                    return Err(damaged("RunLengthDecode", "a repeat run is cut short"));
                };
                push(&mut out, &vec![b; 257 - l], cap)?;
                i += 1;
            }
        }
    }
    Ok(out)
}

/// Undoes a `/Predictor` (TIFF 2, PNG 10–15) of Flate and LZW data.
fn predict(data: Vec<u8>, p: Option<&Dictionary>, cap: usize) -> Result<Vec<u8>, Fault> {
    let Some(p) = p else { return Ok(data) };
    let int = |k: &[u8], d: i64| p.get(k).ok().and_then(|v| v.as_i64().ok()).unwrap_or(d);
    let predictor = int(b"Predictor", 1);
    if predictor < 2 {
        return Ok(data);
    }
    let field = |k: &[u8], d: i64| usize::try_from(int(k, d)).ok().filter(|&v| v >= 1);
    let (Some(columns), Some(colors), Some(bits)) =
        (field(b"Columns", 1), field(b"Colors", 1), field(b"BitsPerComponent", 8))
    else {
        return Err(damaged("DecodeParms", "a predictor with a negative or zero size"));
    };
    let Some(row_bits) = columns.checked_mul(colors).and_then(|n| n.checked_mul(bits)) else {
        return Err(damaged("DecodeParms", "a predictor row too large"));
    };
    let row = row_bits.div_ceil(8);
    if row > cap || !matches!(bits, 1 | 2 | 4 | 8 | 16) {
        return Err(damaged("DecodeParms", "a predictor with an impossible row"));
    }
    match predictor {
        2 => Ok(tiff2(data, row, colors, bits)),
        10..=15 => {
            let bpp = (colors * bits).div_ceil(8);
            lopdf::filters::png::decode_frame(&data, bpp, row).map_err(|e| damaged("DecodeParms", e))
        }
        _ => Err(damaged("DecodeParms", format!("unknown predictor {predictor}"))),
    }
}

/// TIFF predictor 2: every sample is the difference to the same colour component one sample left.
fn tiff2(mut data: Vec<u8>, row: usize, colors: usize, bits: usize) -> Vec<u8> {
    for r in data.chunks_mut(row) {
        match bits {
            8 => {
                for i in colors..r.len() {
                    r[i] = r[i].wrapping_add(r[i - colors]);
                }
            }
            16 => {
                for i in (colors * 2..r.len().saturating_sub(1)).step_by(2) {
                    let left = u16::from_be_bytes([r[i - colors * 2], r[i - colors * 2 + 1]]);
                    let v = u16::from_be_bytes([r[i], r[i + 1]]).wrapping_add(left);
                    r[i..i + 2].copy_from_slice(&v.to_be_bytes());
                }
            }
            _ => {
                let mask = (1u16 << bits) - 1;
                let samples = r.len() * 8 / bits;
                let get = |r: &[u8], s: usize| -> u16 {
                    let bit = s * bits;
                    (u16::from(r[bit / 8]) >> (8 - bits - bit % 8)) & mask
                };
                for s in colors..samples {
                    let v = (get(r, s) + get(r, s - colors)) & mask;
                    let bit = s * bits;
                    let shift = 8 - bits - bit % 8;
                    r[bit / 8] = (r[bit / 8] & !((mask as u8) << shift)) | ((v as u8) << shift);
                }
            }
        }
    }
    data
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn stream(filter: Object, content: &[u8]) -> Stream {
        Stream::new(dictionary! { "Filter" => filter }, content.to_vec())
    }

    fn zlib(data: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(data).unwrap();
        z.finish().unwrap()
    }

    #[test]
    fn flate_must_decode_to_its_end() {
        let text = b"BT /F1 12 Tf (Jan Jansen) Tj ET".repeat(20);
        let z = zlib(&text);
        assert_eq!(decode(&stream("FlateDecode".into(), &z), 1 << 20).unwrap(), text);
        let mut trailing = z.clone();
        trailing.extend_from_slice(b"\r\n");
        assert_eq!(decode(&stream("FlateDecode".into(), &trailing), 1 << 20).unwrap(), text);
        // A broken header (lopdf: `Ok` and nothing), a cut-off stream, a wrong checksum.
        let mut header = z.clone();
        header[0] = 0x12;
        assert!(matches!(decode(&stream("FlateDecode".into(), &header), 1 << 20), Err(Fault::Damaged(_))));
        let cut = &z[..z.len() / 2];
        assert!(matches!(decode(&stream("FlateDecode".into(), cut), 1 << 20), Err(Fault::Damaged(_))));
        // A wrong or missing checksum after complete data: the data, marked as not intact.
        assert!(decode_checked(&stream("FlateDecode".into(), &z), 1 << 20).unwrap().intact);
        let mut sum = z.clone();
        let last = sum.len() - 1;
        sum[last] ^= 1;
        let d = decode_checked(&stream("FlateDecode".into(), &sum), 1 << 20).unwrap();
        assert!(d.data == text && !d.intact);
        let d = decode_checked(&stream("FlateDecode".into(), &z[..z.len() - 4]), 1 << 20).unwrap();
        assert!(d.data == text && !d.intact);
        assert_eq!(decode(&stream("FlateDecode".into(), &z), 10), Err(Fault::TooLarge));
    }

    #[test]
    fn lzw_ascii_and_run_length_filters() {
        // "-----A---B" from the PDF reference (7.4.4.2), with EarlyChange.
        let lzw = [0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01];
        assert_eq!(decode(&stream("LZWDecode".into(), &lzw), 100).unwrap(), b"-----A---B");
        assert!(matches!(decode(&stream("LZWDecode".into(), &[0xFF, 0xFF, 0xFF]), 100), Err(Fault::Damaged(_))));
        let a85 = stream("ASCII85Decode".into(), b"87cURD]i,\"Ebo80~>");
        assert_eq!(decode(&a85, 100).unwrap(), b"Hello World!");
        assert_eq!(decode(&stream("ASCII85Decode".into(), b"z~>"), 100).unwrap(), [0; 4]);
        assert!(matches!(decode(&stream("ASCII85Decode".into(), b"87c{URD~>"), 100), Err(Fault::Damaged(_))));
        assert_eq!(decode(&stream("AHx".into(), b"4a 61 6E>"), 100).unwrap(), b"Jan");
        assert!(matches!(decode(&stream("AHx".into(), b"4g>"), 100), Err(Fault::Damaged(_))));
        assert_eq!(decode(&stream("RL".into(), &[2, b'J', b'a', b'n', 254, b'!', 128]), 100).unwrap(), b"Jan!!!");
        assert!(matches!(decode(&stream("RL".into(), &[5, b'J']), 100), Err(Fault::Damaged(_))));
        let chain: Object =
            vec![Object::Name(b"ASCIIHexDecode".to_vec()), Object::Name(b"FlateDecode".to_vec())].into();
        let hex: String = zlib(b"Jan Jansen").iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(decode(&stream(chain, hex.as_bytes()), 100).unwrap(), b"Jan Jansen");
        assert!(matches!(decode(&stream("DCTDecode".into(), b"x"), 100), Err(Fault::Unsupported(_))));
    }

    #[test]
    fn predictors() {
        // PNG Up predictor, 3 columns: rows [1 2 3] and [1 1 1] + above.
        let raw = [2u8, 1, 2, 3, 2, 1, 1, 1];
        let mut s = stream("FlateDecode".into(), &zlib(&raw));
        s.dict.set("DecodeParms", dictionary! { "Predictor" => 12, "Columns" => 3 });
        assert_eq!(decode(&s, 100).unwrap(), [1, 2, 3, 2, 3, 4]);
        // TIFF 2, 8 bits, 2 colours.
        let mut s = stream("FlateDecode".into(), &zlib(&[10, 20, 1, 2, 1, 2]));
        s.dict.set("DecodeParms", dictionary! { "Predictor" => 2, "Columns" => 3, "Colors" => 2 });
        assert_eq!(decode(&s, 100).unwrap(), [10, 20, 11, 22, 12, 24]);
        // A PNG row type that does not exist.
        let mut s = stream("FlateDecode".into(), &zlib(&[9, 1, 2, 3]));
        s.dict.set("DecodeParms", dictionary! { "Predictor" => 12, "Columns" => 3 });
        assert!(matches!(decode(&s, 100), Err(Fault::Damaged(_))));
    }
}
