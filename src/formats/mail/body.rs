//! Transfer encodings (base64, quoted-printable) and charsets of body parts.
//!
//! Decoding is strict: a base64 body with a stray character or a quoted-printable body with an `=` that
//! starts no escape is refused, not repaired, because a lenient decoder could read other text than the
//! mail client a reader uses. Charsets are decoded by `encoding_rs` (the WHATWG decoders every browser
//! uses); an unknown label or a byte sequence that is invalid in its charset is refused too.

use crate::model::{Code, Manual};

/// How a part's body is written in the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Cte {
    /// `7bit`, `8bit` or `binary` (or none): the bytes are the content.
    Identity,
    /// `quoted-printable`.
    QuotedPrintable,
    /// `base64`.
    Base64,
}

impl Cte {
    /// The `Content-Transfer-Encoding` value, or why it is refused.
    pub(super) fn parse(label: Option<&str>) -> Result<Cte, Manual> {
        let Some(label) = label else { return Ok(Cte::Identity) };
        match label.trim().to_ascii_lowercase().as_str() {
            "7bit" | "8bit" | "binary" | "" => Ok(Cte::Identity),
            "quoted-printable" => Ok(Cte::QuotedPrintable),
            "base64" => Ok(Cte::Base64),
            other => Err(Manual::new(
                Code::BadTransferEncoding,
                format!("a part in the transfer encoding {other:?}, which lak does not decode"),
            )),
        }
    }

    /// The header value.
    pub(super) fn name(self) -> &'static str {
        match self {
            Cte::Identity => "8bit",
            Cte::QuotedPrintable => "quoted-printable",
            Cte::Base64 => "base64",
        }
    }

    /// The content of `raw`.
    pub(super) fn decode(self, raw: &[u8]) -> Result<Vec<u8>, Manual> {
        let bad =
            |what: &str, why: String| Manual::new(Code::BadTransferEncoding, format!("{what} does not decode: {why}"));
        match self {
            Cte::Identity => Ok(raw.to_vec()),
            Cte::QuotedPrintable => qp_decode(raw).map_err(|w| bad("a quoted-printable part", w)),
            Cte::Base64 => base64_decode(raw).map_err(|w| bad("a base64 part", w)),
        }
    }

    /// `data` written in this encoding, lines ended by `eol`.
    pub(super) fn encode(self, data: &[u8], eol: &[u8]) -> Vec<u8> {
        match self {
            Cte::Identity => data.to_vec(),
            Cte::QuotedPrintable => qp_encode(data, eol),
            Cte::Base64 => base64_encode(data, eol),
        }
    }
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn b64_value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// Base64 with line breaks and spaces between the characters; padding at the end only (it may be
/// missing).
pub(super) fn base64_decode(raw: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(raw.len() / 4 * 3);
    let (mut acc, mut n, mut pad) = (0u32, 0usize, 0usize);
    for (i, &c) in raw.iter().enumerate() {
        if c.is_ascii_whitespace() {
            continue;
        }
        if c == b'=' {
            pad += 1;
            continue;
        }
        if pad > 0 {
            return Err(format!("data after the padding at byte {i}"));
        }
        let v = b64_value(c).ok_or_else(|| format!("byte {c:#04x} at {i} is not base64"))?;
        acc = (acc << 6) | u32::from(v);
        n += 1;
        if n == 4 {
            out.extend_from_slice(&[(acc >> 16) as u8, (acc >> 8) as u8, acc as u8]);
            acc = 0;
            n = 0;
        }
    }
    match n {
        0 => {}
        2 => out.push((acc >> 4) as u8),
        3 => out.extend_from_slice(&[(acc >> 10) as u8, (acc >> 2) as u8]),
        _ => return Err("a truncated final group".into()),
    }
    if pad > 2 || (n == 0 && pad > 0) {
        return Err("misplaced padding".into());
    }
    Ok(out)
}

/// Base64 in lines of 76 characters.
pub(in crate::formats) fn base64_encode(data: &[u8], eol: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() * 4 / 3 + data.len() / 57 * eol.len() + 8);
    for line in data.chunks(57) {
        for g in line.chunks(3) {
            let b = [g[0], *g.get(1).unwrap_or(&0), *g.get(2).unwrap_or(&0)];
            let v = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            out.push(B64[(v >> 18) as usize & 63]);
            out.push(B64[(v >> 12) as usize & 63]);
            out.push(if g.len() > 1 { B64[(v >> 6) as usize & 63] } else { b'=' });
            out.push(if g.len() > 2 { B64[v as usize & 63] } else { b'=' });
        }
        out.extend_from_slice(eol);
    }
    out
}

fn hex_value(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// Quoted-printable: `=XX` escapes, `=` at the end of a line joins it to the next; white space at the end
/// of a line is not content (RFC 2045 6.7). Hard line breaks stay as written.
pub(super) fn qp_decode(raw: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(raw.len());
    for (n, line) in raw.split_inclusive(|&b| b == b'\n').enumerate() {
        let (content, end): (&[u8], &[u8]) = if let Some(c) = line.strip_suffix(b"\r\n") {
            (c, b"\r\n")
        } else if let Some(c) = line.strip_suffix(b"\n") {
            (c, b"\n")
        } else {
            (line, b"")
        };
        let content = content.trim_ascii_end();
        let mut i = 0;
        let mut soft = false;
        while i < content.len() {
            let c = content[i];
            if c != b'=' {
                out.push(c);
                i += 1;
                continue;
            }
            if i + 1 == content.len() {
                soft = true;
                break;
            }
            match (content.get(i + 1).copied().and_then(hex_value), content.get(i + 2).copied().and_then(hex_value)) {
                (Some(h), Some(l)) => out.push(h << 4 | l),
                _ => return Err(format!("an '=' that starts no escape on line {}", n + 1)),
            }
            i += 3;
        }
        if !soft {
            out.extend_from_slice(end);
        }
    }
    Ok(out)
}

/// Quoted-printable in lines of at most 76 characters. A `-` or `.` that starts a line is escaped, so
/// that no line of the body can read as a multipart boundary or end an SMTP transfer.
pub(super) fn qp_encode(data: &[u8], eol: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + data.len() / 8);
    let lines: Vec<&[u8]> = data.split(|&b| b == b'\n').collect();
    for (k, line) in lines.iter().enumerate() {
        let last = k + 1 == lines.len();
        let hard_break = !last;
        let line = if hard_break { line.strip_suffix(b"\r").unwrap_or(line) } else { line };
        let mut len = 0;
        for (i, &c) in line.iter().enumerate() {
            let at_end = i + 1 == line.len();
            let literal = match c {
                b' ' | b'\t' => !at_end,
                b'-' | b'.' => len > 0,
                33..=126 => c != b'=',
                _ => false,
            };
            let width = if literal { 1 } else { 3 };
            if len + width > 75 {
                out.push(b'=');
                out.extend_from_slice(eol);
                len = 0;
            }
            if literal {
                out.push(c);
                len += 1;
            } else {
                out.extend_from_slice(format!("={c:02X}").as_bytes());
                len += 3;
            }
        }
        if hard_break {
            out.extend_from_slice(eol);
        } else if !line.is_empty() {
            // Text without a final line break: a soft break keeps it so.
            out.push(b'=');
            out.extend_from_slice(eol);
        }
    }
    out
}

/// The text of `bytes` in `charset` (none: US-ASCII), or why it cannot be read.
pub(super) fn decode_text(bytes: &[u8], charset: Option<&str>) -> Result<String, Manual> {
    let label = charset.map(str::trim).filter(|c| !c.is_empty()).unwrap_or("us-ascii");
    // 8-bit bytes in text that says it is ASCII (or says nothing): mail clients read valid UTF-8 as
    // UTF-8; anything else would be a guess (WHATWG reads `us-ascii` as Windows-1252).
    if label.eq_ignore_ascii_case("us-ascii") && !bytes.is_ascii() {
        return std::str::from_utf8(bytes).map(str::to_string).map_err(|_| {
            Manual::new(
                Code::UnknownCharset,
                "8-bit text that declares no charset (or US-ASCII) and is not UTF-8: lak does not guess",
            )
        });
    }
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| {
        Manual::new(Code::UnknownCharset, format!("text in the charset {label:?}, which lak does not know"))
    })?;
    if encoding == encoding_rs::REPLACEMENT {
        return Err(Manual::new(
            Code::UnknownCharset,
            format!("text in the charset {label:?}, which lak does not read"),
        ));
    }
    let text = encoding.decode_without_bom_handling_and_without_replacement(bytes).ok_or_else(|| {
        Manual::new(Code::UnknownCharset, format!("text that is not valid {label}: lak does not guess"))
    })?;
    Ok(text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_and_refuses_garbage() {
        for data in [&b""[..], b"a", b"ab", b"abc", b"Jan de Vries, BSN 111222333 \xff\x00"] {
            assert_eq!(base64_decode(&base64_encode(data, b"\r\n")).unwrap(), data);
        }
        assert_eq!(base64_decode(b"SmFu\r\nIGRl").unwrap(), b"Jan de");
        assert_eq!(base64_decode(b"SmE").unwrap(), b"Ja");
        assert!(base64_decode(b"SmF*").is_err());
        assert!(base64_decode(b"Sm==Fu").is_err());
        assert!(base64_decode(b"S").is_err());
    }

    #[test]
    fn quoted_printable_round_trips_and_refuses_bad_escapes() {
        let text = "Beste Zo\u{eb},\r\n-- \r\nline with = and trailing space \r\n.dot\r\n".repeat(3) + &"x".repeat(200);
        let enc = qp_encode(text.as_bytes(), b"\r\n");
        assert!(enc.split(|&b| b == b'\n').all(|l| l.len() <= 77), "{}", String::from_utf8_lossy(&enc));
        assert!(!enc.split(|&b| b == b'\n').any(|l| l.starts_with(b"-") || l.starts_with(b".")));
        assert_eq!(String::from_utf8(qp_decode(&enc).unwrap()).unwrap(), text);
        assert_eq!(qp_decode(b"Caf=E9 =\r\nau lait\r\n").unwrap(), b"Caf\xe9 au lait\r\n");
        assert!(qp_decode(b"a =ZZ b").is_err());
    }

    #[test]
    fn charsets_are_decoded_or_refused() {
        assert_eq!(decode_text(b"Caf\xe9 \x80", Some("windows-1252")).unwrap(), "Caf\u{e9} \u{20ac}");
        assert_eq!(decode_text(b"Caf\xe9", Some("ISO-8859-1")).unwrap(), "Caf\u{e9}");
        assert_eq!(decode_text(b"abc", Some("x-klingon")).unwrap_err().code, "unknown_charset");
        assert_eq!(decode_text(b"\xff", Some("utf-8")).unwrap_err().code, "unknown_charset");
        assert_eq!(decode_text("Zo\u{eb}".as_bytes(), None).unwrap(), "Zo\u{eb}");
        assert_eq!(decode_text(b"Zo\xeb", Some("US-ASCII")).unwrap_err().code, "unknown_charset");
    }
}
