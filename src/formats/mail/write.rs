//! Writing the message again: every field and body lak did not change is copied byte for byte; changed
//! fields are written anew (`headers::write_field`), changed text bodies are written in UTF-8 (the
//! `charset` parameter and any HTML `<meta>` charset say so) in base64 if they were base64 and in
//! quoted-printable otherwise, changed attachments in their own transfer encoding (base64 for binary
//! content). Multipart bodies keep their boundary and their parts in order; preambles and epilogues,
//! which no mail client shows, are left out.

use std::collections::HashMap;

use super::body::Cte;
use super::headers::{Params, Role, write_field};
use super::mime::{Kind, Part};

/// A new body for a part.
pub(super) enum Body {
    /// Text, written in UTF-8.
    Text(String),
    /// New content in the part's own type (an attachment or picture).
    Bytes(Vec<u8>),
    /// The part is replaced by a short note (`--drop-embedded`).
    Dropped,
}

/// What changes in the message.
#[derive(Default)]
pub(super) struct Plan {
    /// New bytes of fields, by (part, field).
    pub fields: HashMap<(usize, usize), Vec<u8>>,
    /// New file names by part: (content type `name`, disposition `filename`).
    pub names: HashMap<usize, (Option<String>, Option<String>)>,
    /// New bodies by part.
    pub bodies: HashMap<usize, Body>,
}

/// The message `src` read as `parts`, with the changes of `plan`.
pub(super) fn message(src: &[u8], parts: &[Part], plan: &Plan, eol: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(src.len() + src.len() / 8);
    part(&mut out, src, parts, 0, plan, eol);
    out
}

fn part(out: &mut Vec<u8>, src: &[u8], parts: &[Part], i: usize, plan: &Plan, eol: &[u8]) {
    let p = &parts[i];
    let body = plan.bodies.get(&i);
    if let Some(Body::Dropped) = body {
        for line in ["Content-Type: text/plain; charset=us-ascii", "Content-Transfer-Encoding: 7bit", ""] {
            out.extend_from_slice(line.as_bytes());
            out.extend_from_slice(eol);
        }
        out.extend_from_slice(b"[attachment removed by lak]");
        return;
    }
    let message = p.ctype.kind.starts_with("message/");
    let cte = match body {
        Some(Body::Text(_)) if p.cte == Cte::Base64 => Cte::Base64,
        Some(Body::Text(_)) => Cte::QuotedPrintable,
        Some(Body::Bytes(_)) if p.cte == Cte::Identity && message => Cte::Identity,
        Some(Body::Bytes(_)) if p.cte == Cte::QuotedPrintable => Cte::QuotedPrintable,
        Some(Body::Bytes(_)) => Cte::Base64,
        _ => p.cte,
    };
    let text_changed = matches!(body, Some(Body::Text(_)));
    let names = plan.names.get(&i);
    let regen_type = text_changed || p.dropped_params || names.is_some_and(|n| n.0.is_some());
    let regen_disp = p.dropped_params || names.is_some_and(|n| n.1.is_some());
    let regen_cte = cte != p.cte;
    let ctype = || {
        let mut t: Params = p.ctype.clone();
        if text_changed {
            set(&mut t, "charset", "utf-8");
        }
        if let Some(n) = names.and_then(|n| n.0.as_ref()) {
            set(&mut t, "name", n);
        }
        t.write()
    };
    let disp = || {
        let mut d = p.disp.clone().unwrap_or_default();
        if let Some(n) = names.and_then(|n| n.1.as_ref()) {
            set(&mut d, "filename", n);
        }
        d.write()
    };
    let mut wrote_type = false;
    for (k, f) in p.fields.iter().enumerate() {
        if p.roles[k] == Role::Drop {
            continue;
        }
        if let Some(b) = plan.fields.get(&(i, k)) {
            out.extend_from_slice(b);
        } else if Some(k) == p.ct_field && regen_type {
            out.extend(write_field(&f.name, &ctype(), eol));
            wrote_type = true;
        } else if Some(k) == p.disp_field && regen_disp {
            out.extend(write_field(&f.name, &disp(), eol));
        } else if Some(k) == p.cte_field && regen_cte {
            out.extend(write_field(&f.name, cte.name(), eol));
        } else {
            out.extend_from_slice(&src[f.raw.clone()]);
        }
    }
    if regen_type && !wrote_type {
        if i == 0 && !p.fields.iter().any(|f| f.is("mime-version")) {
            out.extend(write_field("MIME-Version", "1.0", eol));
        }
        out.extend(write_field("Content-Type", &ctype(), eol));
    }
    if regen_cte && p.cte_field.is_none() {
        out.extend(write_field("Content-Transfer-Encoding", cte.name(), eol));
    }
    out.extend_from_slice(eol);
    match (&p.kind, body) {
        (Kind::Multipart { boundary, children, .. }, _) => {
            for &c in children {
                out.extend_from_slice(b"--");
                out.extend_from_slice(boundary.as_bytes());
                out.extend_from_slice(eol);
                part(out, src, parts, c, plan, eol);
                out.extend_from_slice(eol);
            }
            out.extend_from_slice(b"--");
            out.extend_from_slice(boundary.as_bytes());
            out.extend_from_slice(b"--");
            out.extend_from_slice(eol);
        }
        (_, Some(Body::Text(t))) => out.extend(cte.encode(t.as_bytes(), eol)),
        (_, Some(Body::Bytes(b))) => out.extend(cte.encode(b, eol)),
        _ => out.extend_from_slice(&src[p.body.clone()]),
    }
}

fn set(p: &mut Params, name: &str, value: &str) {
    match p.params.iter_mut().find(|(n, _)| n == name) {
        Some(slot) => slot.1 = value.to_string(),
        None => p.params.push((name.to_string(), value.to_string())),
    }
}
