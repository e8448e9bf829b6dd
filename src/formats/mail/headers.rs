//! Header fields: splitting a header block, RFC 2047 encoded words, parameters (RFC 2045/2231), and
//! writing a field again.
//!
//! A field is read unfolded (the line breaks before continuation lines removed) and with its encoded
//! words decoded, so the detector sees `From: Zoë Bakker <z.bakker@example.nl>` whatever the producer
//! wrote. A field that is redacted is written anew: ASCII as it is, runs of words with other characters
//! as UTF-8 encoded words (a run is one sequence of encoded words, so the spaces inside it survive),
//! folded at spaces to lines of about 78 characters.

use std::ops::Range;

use super::body::{base64_decode, decode_text};
use crate::limits;
use crate::model::{Code, Manual};

/// One header field as it stands in the message.
#[derive(Clone, Debug)]
pub(super) struct Field {
    /// The name as written.
    pub name: String,
    /// The whole field in the source, its last line break included.
    pub raw: Range<usize>,
    /// The value, unfolded, without the space after the colon; its bytes as written.
    pub value: Vec<u8>,
}

impl Field {
    /// Whether the field is called `name` (case-insensitive).
    pub(super) fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }
}

/// What happens to a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    /// Read by the detector (unit `Name: value`) and kept, redacted where needed.
    Text,
    /// MIME structure, parsed (file names in it are read as units of their own).
    Structure,
    /// Transport and tracking data nobody reading the message needs: removed.
    Drop,
}

/// Fields removed as transport or tracking data: signatures over the original (which redaction breaks
/// anyway), spam and routing verdicts, client correlation ids.
const DROPPED: &[&str] = &[
    "dkim-signature",
    "domainkey-signature",
    "arc-seal",
    "arc-message-signature",
    "arc-authentication-results",
    "authentication-results",
    "received-spf",
    "thread-index",
];

/// Prefixes of dropped fields (vendor transport and filter data).
const DROPPED_PREFIXES: &[&str] = &[
    "x-ms-",
    "x-microsoft-",
    "x-forefront-",
    "x-eop",
    "x-google-",
    "x-gm-",
    "x-received",
    "x-proofpoint-",
    "x-mimecast-",
    "x-spam-",
    "x-virus-",
    "x-originatororg",
    "x-originating-ip",
    "x-ld-processed",
];

/// The role of a field by its name.
pub(super) fn role(name: &str) -> Role {
    let lower = name.to_ascii_lowercase();
    if matches!(lower.as_str(), "content-type" | "content-transfer-encoding" | "content-disposition" | "mime-version") {
        Role::Structure
    } else if DROPPED.contains(&lower.as_str()) || DROPPED_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        Role::Drop
    } else {
        Role::Text
    }
}

/// A header block read.
pub(super) struct Block {
    pub fields: Vec<Field>,
    /// Where the body starts.
    pub body: usize,
    /// A first line `From sender date` (an mbox envelope), skipped.
    pub envelope: Option<Range<usize>>,
}

/// The header block at `src[start..end]`.
pub(super) fn split(src: &[u8], start: usize, end: usize) -> Result<Block, Manual> {
    let mut fields: Vec<Field> = Vec::new();
    let mut envelope = None;
    let mut pos = start;
    let corrupt = |why: String| Manual::new(Code::Corrupt, why);
    while pos < end {
        let line_end = memchr::memchr(b'\n', &src[pos..end]).map_or(end, |i| pos + i + 1);
        let line = &src[pos..line_end];
        let content = line.strip_suffix(b"\n").unwrap_or(line);
        let content = content.strip_suffix(b"\r").unwrap_or(content);
        if content.is_empty() {
            return Ok(Block { fields, body: line_end, envelope });
        }
        if matches!(content[0], b' ' | b'\t') {
            let Some(f) = fields.last_mut() else {
                return Err(corrupt("the header starts with a continuation line".into()));
            };
            f.value.extend_from_slice(content);
            f.raw.end = line_end;
        } else if pos == start && fields.is_empty() && content.starts_with(b"From ") {
            envelope = Some(pos..line_end);
        } else {
            let colon = memchr::memchr(b':', content)
                .ok_or_else(|| corrupt(format!("a header line without a colon at byte {pos}")))?;
            let name = content[..colon].trim_ascii_end();
            if name.is_empty() || !name.iter().all(|&b| (33..=126).contains(&b)) {
                return Err(corrupt(format!("a header field name that is not one at byte {pos}")));
            }
            if fields.len() >= limits::MAIL_MAX_FIELDS {
                return Err(Manual::new(
                    Code::TooLarge,
                    format!("more than {} header fields in one part", limits::MAIL_MAX_FIELDS),
                ));
            }
            fields.push(Field {
                name: String::from_utf8_lossy(name).into_owned(),
                raw: pos..line_end,
                value: content[colon + 1..].to_vec(),
            });
        }
        if let Some(f) = fields.last()
            && f.value.len() > limits::MAIL_MAX_FIELD_BYTES
        {
            return Err(Manual::new(
                Code::TooLarge,
                format!("a header field ({}) over {} bytes", f.name, limits::MAIL_MAX_FIELD_BYTES),
            ));
        }
        pos = line_end;
    }
    Ok(Block { fields, body: end, envelope })
}

/// A field's value as text: UTF-8 (RFC 6532) with its encoded words decoded, white space at both ends
/// trimmed.
pub(super) fn decode(value: &[u8]) -> Result<String, Manual> {
    let text = std::str::from_utf8(value).map_err(|_| {
        Manual::new(
            Code::UnknownCharset,
            "a header field with bytes that are not UTF-8 and not encoded: lak does not guess",
        )
    })?;
    decode_words(text.trim())
}

/// `text` with every RFC 2047 encoded word decoded; white space between two encoded words goes.
/// Encoded words are decoded wherever they stand (also glued to other text, as some producers write
/// them): a reader may show them decoded there.
pub(super) fn decode_words(text: &str) -> Result<String, Manual> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut after_word = false;
    while !rest.is_empty() {
        if let Some(at) = rest.find("=?")
            && let Some((decoded, len)) = encoded_word(&rest[at..])?
        {
            let before = &rest[..at];
            // White space between two encoded words is not content.
            if !(after_word && before.chars().all(|c| c == ' ' || c == '\t')) {
                out.push_str(before);
            }
            out.push_str(&decoded);
            rest = &rest[at + len..];
            after_word = true;
            continue;
        }
        // No more encoded words at the next "=?": copy up to and including it.
        let cut = rest.find("=?").map_or(rest.len(), |a| a + 2);
        out.push_str(&rest[..cut]);
        rest = &rest[cut..];
        after_word = false;
    }
    Ok(out)
}

/// The encoded word `=?charset?B|Q?text?=` at the start of `s`: its text and its length; `None` when `s`
/// does not start with one.
fn encoded_word(s: &str) -> Result<Option<(String, usize)>, Manual> {
    let b = s.as_bytes();
    let Some(q1) = s[2..].find('?').map(|i| i + 2) else { return Ok(None) };
    let charset = &s[2..q1];
    if charset.is_empty() || charset.contains(|c: char| c.is_whitespace() || c == '=') {
        return Ok(None);
    }
    let (Some(enc), Some(b'?')) = (b.get(q1 + 1), b.get(q1 + 2)) else { return Ok(None) };
    let body_start = q1 + 3;
    let Some(end) = s[body_start..].find("?=").map(|i| i + body_start) else { return Ok(None) };
    let body = &s[body_start..end];
    if body.contains(|c: char| c.is_whitespace()) {
        return Ok(None);
    }
    let bytes = match enc.to_ascii_uppercase() {
        b'B' => base64_decode(body.as_bytes()).map_err(|w| {
            Manual::new(Code::BadTransferEncoding, format!("an encoded word in a header does not decode: {w}"))
        })?,
        b'Q' => {
            let mut out = Vec::new();
            let qb = body.as_bytes();
            let mut i = 0;
            while i < qb.len() {
                match qb[i] {
                    b'_' => out.push(b' '),
                    b'=' => {
                        let hex = qb.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
                        let v = hex.and_then(|h| u8::from_str_radix(h, 16).ok()).ok_or_else(|| {
                            Manual::new(Code::BadTransferEncoding, "an encoded word in a header does not decode")
                        })?;
                        out.push(v);
                        i += 2;
                    }
                    c => out.push(c),
                }
                i += 1;
            }
            out
        }
        _ => return Ok(None),
    };
    // RFC 2231 adds a language: `utf-8*nl`.
    let charset = charset.split('*').next().unwrap_or(charset);
    Ok(Some((decode_text(&bytes, Some(charset))?, end + 2)))
}

/// Characters that may stand as themselves in a `Q` encoded word anywhere in a header.
fn q_safe(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'!' | b'*' | b'+' | b'-' | b'/')
}

/// `text` as encoded words (at most 75 characters each, RFC 2047), never splitting a character.
pub(in crate::formats) fn encode_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    for ch in text.chars() {
        let mut enc = String::new();
        let mut buf = [0u8; 4];
        for &b in ch.encode_utf8(&mut buf).as_bytes() {
            if b == b' ' {
                enc.push('_');
            } else if q_safe(b) {
                enc.push(b as char);
            } else {
                enc.push_str(&format!("={b:02X}"));
            }
        }
        // 62 characters a word, so that `Name: word` stays near the 78 a line should keep to.
        if "=?UTF-8?Q?".len() + cur.len() + enc.len() + 2 > 62 && !cur.is_empty() {
            words.push(format!("=?UTF-8?Q?{cur}?="));
            cur.clear();
        }
        cur.push_str(&enc);
    }
    if !cur.is_empty() {
        words.push(format!("=?UTF-8?Q?{cur}?="));
    }
    words
}

/// Tokens of a value: runs between spaces, a quoted string kept whole.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut quoted, mut escaped) = (0, false, false);
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out
}

/// A header field written anew: `name: value` with the non-ASCII runs as encoded words, folded.
pub(in crate::formats) fn write_field(name: &str, value: &str, eol: &[u8]) -> Vec<u8> {
    // Line breaks and control characters cannot stand in a field value.
    let value: String = value.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let toks = tokens(&value);
    let mut words: Vec<String> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i].is_ascii() {
            words.push(toks[i].to_string());
            i += 1;
            continue;
        }
        let mut j = i;
        while j < toks.len() && !toks[j].is_ascii() {
            j += 1;
        }
        words.extend(encode_words(&toks[i..j].join(" ")));
        i = j;
    }
    let mut out = Vec::with_capacity(value.len() + name.len() + 8);
    out.extend_from_slice(name.as_bytes());
    out.push(b':');
    let mut line_len = name.len() + 1;
    for w in &words {
        if line_len + 1 + w.len() > 78 && line_len > name.len() + 1 {
            out.extend_from_slice(eol);
            line_len = 0;
        }
        out.push(b' ');
        out.extend_from_slice(w.as_bytes());
        line_len += 1 + w.len();
    }
    out.extend_from_slice(eol);
    out
}

/// Fields whose values are addresses or message ids: a marker written into them must leave them valid
/// ([`repair`]).
pub(super) fn is_structured(name: &str) -> bool {
    const FIELDS: &[&str] = &[
        "from",
        "to",
        "cc",
        "bcc",
        "reply-to",
        "sender",
        "return-path",
        "delivered-to",
        "resent-from",
        "resent-to",
        "resent-cc",
        "resent-bcc",
        "resent-sender",
        "disposition-notification-to",
        "message-id",
        "in-reply-to",
        "references",
        "content-id",
        "resent-message-id",
    ];
    FIELDS.iter().any(|f| name.eq_ignore_ascii_case(f))
}

/// An address or message-id value with markers (`[5.1.2e]`) written in, made valid again: a marker in a
/// display name is quoted (`"[5.1.2e]" <...>`), a marker in place of a whole address or message id
/// becomes `redacted@[5.1.2e]` (a domain literal), a marker in a local part is quoted. Readers that parse
/// these fields strictly (Python's `email` raises on `<[5.1.2e]>` in a `Message-ID`) then still read them.
pub(super) fn repair(name: &str, value: &str) -> String {
    let ids = ["message-id", "in-reply-to", "references", "content-id", "resent-message-id"]
        .iter()
        .any(|f| name.eq_ignore_ascii_case(f));
    let mut out = String::with_capacity(value.len() + 16);
    let mut rest = value;
    let mut quoted = false;
    while let Some(c) = rest.chars().next() {
        match c {
            '"' => {
                quoted = !quoted;
                out.push(c);
                rest = &rest[1..];
            }
            '\\' if quoted => {
                let n = rest.chars().nth(1).map_or(1, |n| 1 + n.len_utf8());
                out.push_str(&rest[..n]);
                rest = &rest[n..];
            }
            '<' if !quoted => match rest.find('>') {
                Some(end) => {
                    out.push('<');
                    out.push_str(&fix_angle(&rest[1..end], ids));
                    out.push('>');
                    rest = &rest[end + 1..];
                }
                None => {
                    out.push_str(rest);
                    rest = "";
                }
            },
            '[' if !quoted && !out.ends_with('@') => match rest.find(']') {
                Some(end) => {
                    out.push('"');
                    out.push_str(&rest[..=end]);
                    out.push('"');
                    rest = &rest[end + 1..];
                }
                None => {
                    out.push_str(rest);
                    rest = "";
                }
            },
            _ => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

/// The inside of `<...>` with a marker in it, valid again; a message id with a marker in it is
/// replaced whole (`redacted@[5.1.2e]`).
fn fix_angle(inner: &str, ids: bool) -> String {
    if !inner.contains('[') {
        return inner.to_string();
    }
    if ids {
        let start = inner.find('[').unwrap_or(0);
        let end = inner[start..].find(']').map_or(inner.len(), |e| start + e + 1);
        return format!("redacted@[{}]", inner[start..end].replace(['[', ']', '\\'], ""));
    }
    let literal = |s: &str| format!("[{}]", s.replace(['[', ']', '\\'], ""));
    match inner.rfind('@') {
        None => format!("redacted@{}", literal(inner)),
        Some(at) => {
            let (local, domain) = (&inner[..at], &inner[at + 1..]);
            let local = if local.contains('[') && !local.starts_with('"') {
                format!("\"{}\"", local.replace(['"', '\\'], ""))
            } else {
                local.to_string()
            };
            let whole_literal = domain.starts_with('[') && domain.ends_with(']') && domain.matches('[').count() == 1;
            let domain = if domain.contains('[') && !whole_literal { literal(domain) } else { domain.to_string() };
            format!("{local}@{domain}")
        }
    }
}

/// A `Content-Type` or `Content-Disposition` value: the lower-case type and the parameters, names lower
/// case, values decoded (quoted strings, RFC 2231 continuations and charsets, encoded words).
#[derive(Clone, Debug, Default)]
pub(super) struct Params {
    pub kind: String,
    pub params: Vec<(String, String)>,
}

impl Params {
    pub(super) fn get(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Parses `value`; anything that is not the syntax is an error.
    pub(super) fn parse(value: &str) -> Result<Params, Manual> {
        // The reason names the field, not its value: a file name in it can name a person.
        let corrupt = |why: &str| Manual::new(Code::Corrupt, format!("{why} in a content type or disposition"));
        let mut parts = split_params(value).ok_or_else(|| corrupt("an unclosed quoted string"))?.into_iter();
        let kind = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        // (name, section, extended, value)
        let mut raw: Vec<(String, u32, bool, String)> = Vec::new();
        for p in parts {
            let p = p.trim();
            if p.is_empty() {
                continue;
            }
            let (name, v) = p.split_once('=').ok_or_else(|| corrupt("a parameter without '='"))?;
            let name = name.trim().to_ascii_lowercase();
            let v = v.trim();
            let v = if let Some(q) = v.strip_prefix('"') {
                let q = q.strip_suffix('"').ok_or_else(|| corrupt("text after a quoted string"))?;
                let mut s = String::with_capacity(q.len());
                let mut esc = false;
                for c in q.chars() {
                    if esc || c != '\\' {
                        s.push(c);
                        esc = false;
                    } else {
                        esc = true;
                    }
                }
                s
            } else {
                if v.contains(|c: char| c.is_whitespace() || c == '"') {
                    return Err(corrupt("a parameter value with spaces and no quotes"));
                }
                v.to_string()
            };
            let (base, extended) = match name.strip_suffix('*') {
                Some(b) => (b.to_string(), true),
                None => (name.clone(), false),
            };
            let (base, section) = match base.split_once('*') {
                Some((b, n)) => (b.to_string(), n.parse::<u32>().map_err(|_| corrupt("a bad parameter section"))?),
                None => (base, 0),
            };
            raw.push((base, section, extended, v));
        }
        let mut params: Vec<(String, String)> = Vec::new();
        let mut names: Vec<String> = raw.iter().map(|r| r.0.clone()).collect();
        names.dedup();
        let mut seen = std::collections::HashSet::new();
        for name in names {
            if !seen.insert(name.clone()) {
                continue;
            }
            let mut pieces: Vec<&(String, u32, bool, String)> = raw.iter().filter(|r| r.0 == name).collect();
            pieces.sort_by_key(|r| r.1);
            let mut bytes = Vec::new();
            let mut charset: Option<String> = None;
            for (k, (_, _, extended, v)) in pieces.iter().map(|r| (r.0.as_str(), r.1, r.2, r.3.as_str())).enumerate() {
                if extended {
                    let mut s = v;
                    if k == 0 {
                        let mut it = v.splitn(3, '\'');
                        let (Some(cs), Some(_lang), Some(rest)) = (it.next(), it.next(), it.next()) else {
                            return Err(corrupt("an RFC 2231 value without its charset"));
                        };
                        charset = Some(cs.to_string());
                        s = rest;
                    }
                    bytes.extend(percent_decode(s).ok_or_else(|| corrupt("a bad %-escape"))?);
                } else {
                    bytes.extend_from_slice(v.as_bytes());
                }
            }
            let text = match &charset {
                Some(cs) => decode_text(&bytes, Some(if cs.is_empty() { "us-ascii" } else { cs }))?,
                None => decode_words(&String::from_utf8(bytes).map_err(|_| corrupt("a parameter that is not UTF-8"))?)?,
            };
            params.push((name, text));
        }
        Ok(Params { kind, params })
    }

    /// The value written again: `kind; name="value"`, non-ASCII values as RFC 2231 `name*=utf-8''...`.
    pub(super) fn write(&self) -> String {
        let mut out = self.kind.clone();
        for (n, v) in &self.params {
            out.push_str("; ");
            if v.is_ascii() && !v.contains(|c: char| c.is_control()) {
                out.push_str(&format!("{n}=\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\"")));
            } else {
                let mut enc = String::new();
                for &b in v.as_bytes() {
                    if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_') {
                        enc.push(b as char);
                    } else {
                        enc.push_str(&format!("%{b:02X}"));
                    }
                }
                out.push_str(&format!("{n}*=utf-8''{enc}"));
            }
        }
        out
    }
}

/// `value` split at the `;` outside quoted strings; `None` when a quote is not closed.
fn split_params(value: &str) -> Option<Vec<&str>> {
    let mut out = Vec::new();
    let (mut start, mut quoted, mut escaped) = (0, false, false);
    for (i, c) in value.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            ';' if !quoted => {
                out.push(&value[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if quoted {
        return None;
    }
    out.push(&value[start..]);
    Some(out)
}

fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let h = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(h, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_words_are_decoded_and_the_space_between_them_goes() {
        assert_eq!(decode(b"=?UTF-8?B?Wm/DqyBCYWtrZXI=?= <z@x.nl>").unwrap(), "Zo\u{eb} Bakker <z@x.nl>");
        assert_eq!(decode(b"=?iso-8859-1?Q?Zo=EB?= =?iso-8859-1?Q?_Bakker?=").unwrap(), "Zo\u{eb} Bakker");
        assert_eq!(decode(b"Re: =?utf-8?q?caf=C3=A9?= morgen").unwrap(), "Re: caf\u{e9} morgen");
        assert_eq!(decode(b"a =? b").unwrap(), "a =? b");
        assert_eq!(decode(b"=?x-unknown?Q?abc?=").unwrap_err().code, "unknown_charset");
    }

    #[test]
    fn written_fields_read_back_the_same() {
        for v in ["Zo\u{eb} van der Berg-\u{c6}rts <[5.1.2e]>", "\"Bakker, Zo\u{eb}\" <a@b.nl>", &"\u{e9}w ".repeat(60)]
        {
            let f = write_field("From", v, b"\r\n");
            assert!(f.is_ascii());
            assert!(f.split(|&b| b == b'\n').all(|l| l.len() <= 80), "{}", String::from_utf8_lossy(&f));
            let block = split(&f, 0, f.len()).unwrap();
            let mut value = block.fields[0].value.clone();
            value.retain(|&b| b != b'\r' && b != b'\n');
            assert_eq!(decode(&value).unwrap(), v.trim());
        }
    }

    #[test]
    fn markers_in_addresses_and_message_ids_leave_them_valid() {
        assert_eq!(repair("From", "[5.1.2e] <[5.1.2e]>"), "\"[5.1.2e]\" <redacted@[5.1.2e]>");
        assert_eq!(
            repair("To", "Jeroen [5.1.2e] <[5.1.2e]@gemeente.example.nl>"),
            "Jeroen \"[5.1.2e]\" <\"[5.1.2e]\"@gemeente.example.nl>"
        );
        assert_eq!(repair("Cc", "\"Bakker, [5.1.2e]\" <a@b.nl>"), "\"Bakker, [5.1.2e]\" <a@b.nl>");
        assert_eq!(repair("To", "<[5.1.2e]> <x@[192.0.2.1]>"), "<redacted@[5.1.2e]> <x@[192.0.2.1]>");
        assert_eq!(repair("References", "<CAKx=[5.1.2e]> <a@b>"), "<redacted@[5.1.2e]> <a@b>");
    }

    #[test]
    fn parameters_with_continuations_and_charsets() {
        let p = Params::parse("attachment; filename*0*=utf-8''Zo%C3%AB; filename*1=\" Bakker.pdf\"").unwrap();
        assert_eq!(p.kind, "attachment");
        assert_eq!(p.get("filename"), Some("Zo\u{eb} Bakker.pdf"));
        let p = Params::parse("text/plain; charset=\"windows-1252\"; format=flowed").unwrap();
        assert_eq!((p.get("charset"), p.get("format")), (Some("windows-1252"), Some("flowed")));
        let again = Params::parse(
            &Params { kind: "x/y".into(), params: vec![("name".into(), "Zo\u{eb} \"x\".pdf".into())] }.write(),
        )
        .unwrap();
        assert_eq!(again.get("name"), Some("Zo\u{eb} \"x\".pdf"));
        assert!(Params::parse("text/plain; name=\"open").is_err());
    }
}
