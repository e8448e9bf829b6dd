//! The MIME structure of a message: its parts, each with its header fields, content type and body,
//! read strictly and within the limits of `limits.rs`.
//!
//! lak reads MIME itself rather than through a lenient parser: it needs the byte range of every field
//! and body to write the message again with everything it did not change as it was, and it must refuse
//! what it does not understand (a multipart without its closing boundary, a parameter it cannot parse)
//! instead of guessing, because a mail client that guesses otherwise could show text lak never read.

use std::ops::Range;

use super::body::Cte;
use super::headers::{self, Field, Params, Role};
use crate::limits;
use crate::model::{Code, Manual};

/// One MIME part (the message itself is part 0).
pub(super) struct Part {
    /// `1.2` for the second part of the first part; empty for the message.
    pub path: String,
    pub fields: Vec<Field>,
    pub roles: Vec<Role>,
    /// An mbox `From ` line before the header (dropped).
    pub envelope: Option<Range<usize>>,
    pub body: Range<usize>,
    /// The content type (defaulted when absent), and the field it came from.
    pub ctype: Params,
    pub ct_field: Option<usize>,
    pub disp: Option<Params>,
    pub disp_field: Option<usize>,
    pub cte: Cte,
    pub cte_field: Option<usize>,
    /// Whether parameters were left out when the content type or disposition is written again.
    pub dropped_params: bool,
    pub kind: Kind,
}

/// What a part holds.
pub(super) enum Kind {
    /// Parts of their own, by index.
    Multipart { boundary: String, children: Vec<usize>, extra: bool },
    /// A leaf, not yet decoded.
    Leaf,
}

impl Part {
    /// `part 1.2` or `message`.
    pub(super) fn name(&self) -> String {
        if self.path.is_empty() { "message".into() } else { format!("part {}", self.path) }
    }

    /// The file name: `filename` of the disposition, else `name` of the content type.
    pub(super) fn file_name(&self) -> Option<&str> {
        self.disp.as_ref().and_then(|d| d.get("filename")).or_else(|| self.ctype.get("name"))
    }
}

/// Parameters kept when a content type is written again; others (producer hints, dates) go.
const KEPT_TYPE_PARAMS: &[&str] = &[
    "charset",
    "boundary",
    "format",
    "delsp",
    "reply-type",
    "type",
    "start",
    "start-info",
    "method",
    "name",
    "protocol",
    "micalg",
    "report-type",
    "differences",
];

/// The line ending the message uses (that of its first line).
pub(super) fn eol(src: &[u8]) -> &'static [u8] {
    match memchr::memchr(b'\n', src) {
        Some(i) if i > 0 && src[i - 1] == b'\r' => b"\r\n",
        Some(_) => b"\n",
        None => b"\r\n",
    }
}

/// Reads the message in `src` into its parts.
pub(super) fn parse(src: &[u8]) -> Result<Vec<Part>, Manual> {
    let mut parts = Vec::new();
    read_part(src, 0..src.len(), String::new(), false, 0, &mut parts)?;
    Ok(parts)
}

fn read_part(
    src: &[u8],
    range: Range<usize>,
    path: String,
    digest: bool,
    depth: usize,
    parts: &mut Vec<Part>,
) -> Result<usize, Manual> {
    if depth > limits::MAIL_MAX_DEPTH {
        return Err(Manual::new(
            Code::MailTooComplex,
            format!("MIME parts nested more than {} deep", limits::MAIL_MAX_DEPTH),
        ));
    }
    if parts.len() >= limits::MAIL_MAX_PARTS {
        return Err(Manual::new(Code::MailTooComplex, format!("more than {} MIME parts", limits::MAIL_MAX_PARTS)));
    }
    let headers::Block { fields, body: body_start, envelope } = headers::split(src, range.start, range.end)?;
    let envelope = if path.is_empty() {
        envelope
    } else if envelope.is_some() {
        return Err(Manual::new(Code::Corrupt, format!("a header line without a colon in part {path}")));
    } else {
        None
    };
    let roles: Vec<Role> = fields.iter().map(|f| headers::role(&f.name)).collect();
    let find = |name: &str| -> Result<Option<usize>, Manual> {
        let mut it = fields.iter().enumerate().filter(|(_, f)| f.is(name)).map(|(i, _)| i);
        let first = it.next();
        if it.next().is_some() {
            return Err(Manual::new(Code::Corrupt, format!("two {name} fields in one part")));
        }
        Ok(first)
    };
    let ct_field = find("content-type")?;
    let disp_field = find("content-disposition")?;
    let cte_field = find("content-transfer-encoding")?;
    let value = |i: usize| headers::decode(&fields[i].value);
    let mut dropped_params = false;
    let ctype = match ct_field {
        Some(i) => {
            let mut p = Params::parse(&value(i)?)?;
            if !p.kind.contains('/') {
                return Err(Manual::new(Code::Corrupt, "a content type without a subtype"));
            }
            let before = p.params.len();
            p.params.retain(|(n, _)| KEPT_TYPE_PARAMS.contains(&n.as_str()));
            dropped_params |= p.params.len() != before;
            p
        }
        None if digest => Params { kind: "message/rfc822".into(), params: Vec::new() },
        None => Params { kind: "text/plain".into(), params: Vec::new() },
    };
    let disp = match disp_field {
        Some(i) => {
            let mut p = Params::parse(&value(i)?)?;
            let before = p.params.len();
            p.params.retain(|(n, _)| n == "filename");
            dropped_params |= p.params.len() != before;
            Some(p)
        }
        None => None,
    };
    let cte = Cte::parse(cte_field.map(value).transpose()?.as_deref())?;
    let index = parts.len();
    parts.push(Part {
        path: path.clone(),
        fields,
        roles,
        envelope,
        body: body_start..range.end,
        ctype,
        ct_field,
        disp,
        disp_field,
        cte,
        cte_field,
        dropped_params,
        kind: Kind::Leaf,
    });
    let kind = parts[index].ctype.kind.clone();
    if let Some(sub) = kind.strip_prefix("multipart/") {
        if parts[index].cte != Cte::Identity {
            return Err(Manual::new(Code::Corrupt, "a multipart part in a transfer encoding"));
        }
        let boundary = parts[index]
            .ctype
            .get("boundary")
            .filter(|b| !b.is_empty() && b.len() <= 200)
            .ok_or_else(|| Manual::new(Code::Corrupt, format!("a {kind} part without a usable boundary")))?
            .to_string();
        let (ranges, extra) = split_multipart(src, body_start..range.end, boundary.as_bytes())?;
        let mut children = Vec::with_capacity(ranges.len());
        for (n, r) in ranges.into_iter().enumerate() {
            let child_path = if path.is_empty() { format!("{}", n + 1) } else { format!("{path}.{}", n + 1) };
            children.push(read_part(src, r, child_path, sub == "digest", depth + 1, parts)?);
        }
        parts[index].kind = Kind::Multipart { boundary, children, extra };
    }
    Ok(index)
}

/// The ranges of the parts of a multipart body, and whether it has a preamble or epilogue with
/// content. A body without its closing delimiter, or with no part, is refused.
fn split_multipart(src: &[u8], body: Range<usize>, boundary: &[u8]) -> Result<(Vec<Range<usize>>, bool), Manual> {
    let corrupt = |why: &str| Manual::new(Code::Corrupt, why.to_string());
    // (start of the delimiter line, end of the line, closing)
    let mut delims: Vec<(usize, usize, bool)> = Vec::new();
    let mut pos = body.start;
    while pos < body.end {
        let line_end = memchr::memchr(b'\n', &src[pos..body.end]).map_or(body.end, |i| pos + i + 1);
        let line = &src[pos..line_end];
        if let Some(rest) = line.strip_prefix(b"--").and_then(|l| l.strip_prefix(boundary)) {
            let (closing, rest) = match rest.strip_prefix(b"--") {
                Some(r) => (true, r),
                None => (false, rest),
            };
            if rest.iter().all(|b| b.is_ascii_whitespace()) {
                delims.push((pos, line_end, closing));
                if closing {
                    break;
                }
            }
        }
        pos = line_end;
    }
    let Some(&(close_at, close_end, true)) = delims.last() else {
        return Err(corrupt("a multipart body without its closing boundary"));
    };
    if delims.len() < 2 {
        return Err(corrupt("a multipart body without parts"));
    }
    let before_eol = |at: usize| {
        let mut e = at;
        if e > 0 && src[e - 1] == b'\n' {
            e -= 1;
            if e > 0 && src[e - 1] == b'\r' {
                e -= 1;
            }
        }
        e
    };
    let mut ranges = Vec::with_capacity(delims.len() - 1);
    for w in delims.windows(2) {
        let start = w[0].1;
        ranges.push(start..before_eol(w[1].0).max(start));
    }
    let preamble = &src[body.start..before_eol(delims[0].0).max(body.start)];
    let epilogue = &src[close_end.max(close_at)..body.end];
    let extra = !preamble.trim_ascii().is_empty() || !epilogue.trim_ascii().is_empty();
    Ok((ranges, extra))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_multipart_is_split_at_its_own_boundary_only() {
        let m = b"Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\npre\r\n--b\r\n\r\none\r\n--b-x\r\n--b  \r\nContent-Type: text/html\r\n\r\n<p>two</p>\r\n--b--\r\nepi\r\n";
        let parts = parse(m).unwrap();
        assert_eq!(parts.len(), 3);
        assert_eq!(&m[parts[1].body.clone()], b"one\r\n--b-x");
        assert_eq!(&m[parts[2].body.clone()], b"<p>two</p>");
        assert_eq!(parts[2].ctype.kind, "text/html");
        assert!(matches!(parts[0].kind, Kind::Multipart { extra: true, .. }));
    }

    #[test]
    fn malformed_structure_is_refused() {
        let no_close = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\none\r\n";
        assert_eq!(parse(no_close).err().unwrap().code, "corrupt");
        let no_boundary = b"Content-Type: multipart/mixed\r\n\r\n--b\r\n\r\none\r\n--b--\r\n";
        assert_eq!(parse(no_boundary).err().unwrap().code, "corrupt");
        assert_eq!(parse(b"Subject x\r\n\r\n").err().unwrap().code, "corrupt");
        assert_eq!(parse(b" continued\r\n\r\n").err().unwrap().code, "corrupt");
        let mut deep = "Content-Type: text/plain\r\n\r\nx".to_string();
        for i in 0..40 {
            deep = format!("Content-Type: multipart/mixed; boundary=b{i}\r\n\r\n--b{i}\r\n{deep}\r\n--b{i}--\r\n");
        }
        assert_eq!(parse(deep.as_bytes()).err().unwrap().code, "mail_too_complex");
    }
}
