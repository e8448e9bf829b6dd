//! E-mail messages (`.eml`, RFC 5322 + MIME).
//!
//! ```text
//!  bytes ─► mime (strict structure, limits) ─► parts: fields, content type, body range
//!           headers (unfold, RFC 2047, parameters) ─► a unit per field: `From: Zoë Bakker <...>`
//!           body (base64, quoted-printable, charsets) ─► leaf (what each part becomes):
//!                text/plain → one unit; text/html (html) → text and attribute units;
//!                attachments → the adapter of their format (PDF, Office, text, CSV, a nested message)
//!  detector reads the units of the whole message, attachments included, as one document: a value
//!  found in the HTML part is redacted in the plain-text part, a name confirmed in a signature in every
//!  quoted copy and in the attached letter
//!           write ─► the same MIME structure; changed fields and bodies written anew, the rest as it was
//! ```
//!
//! Fields: every field is read and kept (redacted where needed) except the MIME structure fields
//! (`Content-Type`, `Content-Disposition`, `Content-Transfer-Encoding`, `MIME-Version`: parsed; the file
//! names in them are units) and transport and tracking fields nobody reading the message needs, which
//! are removed (`headers.rs`: DKIM and ARC signatures, authentication and spam verdicts, Exchange and
//! Google routing data, `Thread-Index`). Content-type parameters other than the ones that shape the
//! content (dates, sizes, producer hints) are removed too.
//!
//! What lak does not fully understand is a [`Manual`] reason for the whole message: damaged MIME, an
//! unknown charset, an undecodable transfer encoding, signed or encrypted content, an attachment no
//! adapter reads (or one its adapter refuses), a picture, a part over a limit.

pub(super) mod body;
pub(super) mod headers;
mod html;
mod leaf;
pub(crate) mod mbox;
mod mime;
mod write;

use std::collections::HashMap;

use super::{ByteView, Document, Format, Options, Redacted, Redaction, marker};
use crate::limits;
use crate::model::{Code, Location, Manual};
use headers::Role;
use leaf::Leaf;
use mime::{Kind, Part};
use write::{Body, Plan};

/// The e-mail format.
pub struct Mail;

impl Format for Mail {
    fn name(&self) -> &'static str {
        "eml"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["eml"]
    }

    fn open(&self, bytes: Vec<u8>, options: &Options) -> Result<Box<dyn Document>, Manual> {
        Ok(Box::new(MailDocument::open(bytes, options, 0)?))
    }
}

/// Where a unit of the message itself comes from.
enum UnitRef {
    /// A header field: the unit is `Name: value`; `prefix` bytes are the name and `: `.
    Field { part: usize, field: usize, prefix: usize },
    /// A file name: of the content type (`name`) or of the disposition (`filename`).
    FileName { part: usize, disposition: bool },
    /// A text body.
    Text { part: usize },
    /// A unit of an HTML body.
    Html { part: usize, unit: usize },
}

/// An attachment opened by an adapter: its part, its first flat unit and its unit count.
struct Attached {
    part: usize,
    first: usize,
    count: usize,
    label: String,
}

struct MailDocument {
    source: Vec<u8>,
    eol: &'static [u8],
    parts: Vec<Part>,
    leaves: HashMap<usize, Leaf>,
    units: Vec<UnitRef>,
    texts: Vec<String>,
    attached: Vec<Attached>,
    scrubbed: Vec<String>,
    notes: Vec<String>,
}

fn add_once(list: &mut Vec<String>, what: impl Into<String>) {
    let what = what.into();
    if !list.contains(&what) {
        list.push(what);
    }
}

impl MailDocument {
    fn open(source: Vec<u8>, options: &Options, depth: usize) -> Result<MailDocument, Manual> {
        if depth > limits::MAIL_MAX_DEPTH {
            return Err(Manual::new(
                Code::MailTooComplex,
                format!("messages nested more than {} deep", limits::MAIL_MAX_DEPTH),
            ));
        }
        let eol = mime::eol(&source);
        let parts = mime::parse(&source)?;
        let mut doc = MailDocument {
            eol,
            parts: Vec::new(),
            leaves: HashMap::new(),
            units: Vec::new(),
            texts: Vec::new(),
            attached: Vec::new(),
            scrubbed: Vec::new(),
            notes: Vec::new(),
            source: Vec::new(),
        };
        let mut attachments: Vec<(usize, String)> = Vec::new();
        for (i, p) in parts.iter().enumerate() {
            match p.ctype.kind.as_str() {
                "multipart/signed" => {
                    return Err(Manual::new(
                        Code::Signed,
                        format!(
                            "{} is signed (S/MIME or PGP): redacting the message would break the signature",
                            p.name()
                        ),
                    ));
                }
                "multipart/encrypted" => {
                    return Err(Manual::new(Code::Encrypted, format!("{} is encrypted (PGP/MIME)", p.name())));
                }
                _ => {}
            }
            if p.envelope.is_some() {
                add_once(&mut doc.scrubbed, "mbox envelope line (From ...) removed");
            }
            if p.dropped_params {
                add_once(
                    &mut doc.scrubbed,
                    "content-type and disposition parameters (dates, sizes, producer hints) removed",
                );
            }
            let mut dropped = Vec::new();
            for (k, f) in p.fields.iter().enumerate() {
                match p.roles[k] {
                    Role::Drop => dropped.push(f.name.clone()),
                    Role::Structure => {}
                    Role::Text => {
                        let value = headers::decode(&f.value)
                            .map_err(|m| Manual::new(m.code, format!("{} field {}: {}", p.name(), f.name, m.reason)))?;
                        doc.texts.push(format!("{}: {value}", f.name));
                        doc.units.push(UnitRef::Field { part: i, field: k, prefix: f.name.len() + 2 });
                    }
                }
            }
            if !dropped.is_empty() {
                add_once(
                    &mut doc.scrubbed,
                    "transport and tracking header fields removed (signatures, spam and routing data)",
                );
            }
            if let Some(n) = p.ctype.get("name") {
                doc.texts.push(n.to_string());
                doc.units.push(UnitRef::FileName { part: i, disposition: false });
            }
            if let Some(n) = p.disp.as_ref().and_then(|d| d.get("filename")) {
                doc.texts.push(n.to_string());
                doc.units.push(UnitRef::FileName { part: i, disposition: true });
            }
            match &p.kind {
                Kind::Multipart { extra: true, .. } => {
                    add_once(&mut doc.scrubbed, "multipart preamble and epilogue (text no mail client shows) removed")
                }
                Kind::Multipart { .. } => {}
                Kind::Leaf => {
                    let data = p
                        .cte
                        .decode(&source[p.body.clone()])
                        .map_err(|m| Manual::new(m.code, format!("{}: {}", p.name(), m.reason)))?;
                    let open_message = |bytes: Vec<u8>| -> Result<Box<dyn Document>, Manual> {
                        Ok(Box::new(MailDocument::open(bytes, options, depth + 1)?))
                    };
                    let leaf = leaf::read(p, data, options, &open_message)?;
                    match &leaf {
                        Leaf::Text { text, html: None } => {
                            doc.texts.push(text.clone());
                            doc.units.push(UnitRef::Text { part: i });
                        }
                        Leaf::Text { html: Some(h), .. } => {
                            for (u, unit) in h.units.iter().enumerate() {
                                doc.texts.push(unit.text.clone());
                                doc.units.push(UnitRef::Html { part: i, unit: u });
                            }
                            for s in &h.scrubbed {
                                add_once(&mut doc.scrubbed, *s);
                            }
                        }
                        Leaf::Attachment { .. } => {
                            let label = match p.file_name() {
                                Some(n) => format!("{} ({n})", p.name()),
                                None => format!("{} ({})", p.name(), p.ctype.kind),
                            };
                            attachments.push((i, label));
                        }
                        Leaf::Picture { clean, .. } => {
                            add_once(
                                &mut doc.notes,
                                "pictures kept unchecked: lak reads text only in PNG and JPEG pictures",
                            );
                            if clean.is_some() {
                                add_once(
                                    &mut doc.scrubbed,
                                    "picture metadata (EXIF, GPS, XMP, IPTC, comments) removed",
                                );
                            }
                        }
                        Leaf::Dropped => {
                            add_once(&mut doc.scrubbed, "attachments lak cannot read removed (--drop-embedded)")
                        }
                    }
                    doc.leaves.insert(i, leaf);
                }
            }
        }
        let mut next = doc.texts.len();
        for (part, label) in attachments {
            let Some(Leaf::Attachment { doc: inner, .. }) = doc.leaves.get(&part) else { continue };
            let count = inner.units().len();
            // Every attachment is listed, also one without findings: the reviewer sees what was read.
            doc.notes.push(format!("attachment {label}: read and redacted with the message"));
            for n in inner.notes() {
                doc.notes.push(format!("in {label}: {n}"));
            }
            doc.attached.push(Attached { part, first: next, count, label });
            next += count;
        }
        doc.parts = parts;
        doc.source = source;
        Ok(doc)
    }

    /// The attachment holding flat unit `unit`, and the unit's index in it.
    fn attachment(&self, unit: usize) -> Option<(&Attached, &dyn Document, usize)> {
        let a = self.attached.iter().find(|a| a.first <= unit && unit < a.first + a.count)?;
        match self.leaves.get(&a.part) {
            Some(Leaf::Attachment { doc, .. }) => Some((a, doc.as_ref(), unit - a.first)),
            _ => None,
        }
    }

    fn describe(&self, unit: &UnitRef) -> String {
        match *unit {
            UnitRef::Field { part, field, .. } => {
                let p = &self.parts[part];
                format!("{}, header {}", p.name(), p.fields[field].name)
            }
            UnitRef::FileName { part, .. } => format!("{}, file name", self.parts[part].name()),
            UnitRef::Text { part } => format!("{} ({})", self.parts[part].name(), self.parts[part].ctype.kind),
            UnitRef::Html { part, unit } => {
                let what = match self.leaves.get(&part) {
                    Some(Leaf::Text { html: Some(h), .. }) => h.units.get(unit).map_or("text", |u| u.what.as_str()),
                    _ => "text",
                };
                format!("{} (text/html), {what}", self.parts[part].name())
            }
        }
    }
}

/// 1-based line and column (in characters) of byte `at` of `text`.
fn line_column(text: &str, at: usize) -> (u32, u32) {
    let at = at.min(text.len());
    let before = text.get(..at).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line as u32, before[start..].chars().count() as u32 + 1)
}

impl Document for MailDocument {
    fn units(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.texts.iter().map(String::as_str).collect();
        for a in &self.attached {
            if let Some(Leaf::Attachment { doc, .. }) = self.leaves.get(&a.part) {
                out.extend(doc.units());
            }
        }
        out
    }

    fn locate(&self, unit: usize, start: usize, end: usize) -> Location {
        let mut loc = Location { offset: start, length: end.saturating_sub(start), ..Location::default() };
        if let Some(r) = self.units.get(unit) {
            loc.part = Some(self.describe(r));
            match *r {
                UnitRef::Text { .. } => {
                    let (l, c) = line_column(&self.texts[unit], start);
                    (loc.line, loc.column) = (Some(l), Some(c));
                }
                UnitRef::Html { part, unit: u } => {
                    if let Some(Leaf::Text { text, html: Some(h) }) = self.leaves.get(&part)
                        && let Some(hu) = h.units.get(u)
                    {
                        let at = hu.pieces.iter().find(|(at, len, _)| *at <= start && start < at + len).map_or(
                            hu.at,
                            |(at, len, src)| if src.len() == *len { src.start + start - at } else { src.start },
                        );
                        let (l, c) = line_column(text, at);
                        (loc.line, loc.column) = (Some(l), Some(c));
                    }
                }
                _ => {}
            }
            return loc;
        }
        if let Some((a, doc, local)) = self.attachment(unit) {
            let inner = doc.locate(local, start, end);
            let part = match &inner.part {
                Some(p) => format!("{}!{p}", a.label),
                None => a.label.clone(),
            };
            return Location { part: Some(part), ..inner };
        }
        loc
    }

    fn header(&self, unit: usize) -> Option<&str> {
        let (_, doc, local) = self.attachment(unit)?;
        doc.header(local)
    }

    fn is_identifier(&self, unit: usize) -> bool {
        self.attachment(unit).is_some_and(|(_, doc, local)| doc.is_identifier(local))
    }

    fn notes(&self) -> Vec<String> {
        self.notes.clone()
    }

    fn date(&self) -> Option<String> {
        let root = self.parts.first()?;
        let f = root.fields.iter().find(|f| f.is("date"))?;
        date(std::str::from_utf8(&f.value).ok()?)
    }

    fn byte_views(&self) -> Vec<ByteView<'_>> {
        let mut out = Vec::new();
        for (r, t) in self.units.iter().zip(&self.texts) {
            out.push(ByteView::borrowed(self.describe(r), t.as_bytes()));
        }
        for (i, leaf) in &self.leaves {
            let name = self.parts[*i].name();
            match leaf {
                Leaf::Text { text, .. } => out.push(ByteView::borrowed(format!("{name}, decoded"), text.as_bytes())),
                Leaf::Picture { data, .. } => out.push(ByteView::borrowed(format!("{name}, decoded"), data)),
                Leaf::Attachment { data, doc } => {
                    out.push(ByteView::borrowed(format!("{name}, decoded"), data));
                    for v in doc.byte_views() {
                        out.push(ByteView { place: format!("{name}!{}", v.place), ..v });
                    }
                }
                Leaf::Dropped => {}
            }
        }
        out
    }

    fn redact(&self, redactions: &[Redaction]) -> Result<Redacted, Manual> {
        let internal = |why: &str| Manual::new(Code::InternalError, why.to_string());
        let mut own: Vec<Vec<&Redaction>> = (0..self.units.len()).map(|_| Vec::new()).collect();
        let mut nested: Vec<Vec<Redaction>> = (0..self.attached.len()).map(|_| Vec::new()).collect();
        for r in redactions {
            if let Some(list) = own.get_mut(r.unit) {
                list.push(r);
            } else if let Some(k) = self.attached.iter().position(|a| a.first <= r.unit && r.unit < a.first + a.count) {
                nested[k].push(Redaction { unit: r.unit - self.attached[k].first, ..r.clone() });
            } else {
                return Err(internal("a redaction outside the message"));
            }
        }
        // A field's name is structure, not text: a redaction reaching into it is cut at the value (one
        // wholly inside it is left, and the re-scan of the output finds it again and withholds it).
        let mark = |unit: usize, skip: usize| -> Result<String, Manual> {
            let text = &self.texts[unit];
            let spans: Vec<(usize, usize, &str)> = own[unit]
                .iter()
                .filter(|r| r.end > skip)
                .map(|r| (r.start.max(skip) - skip, r.end - skip, r.label.as_str()))
                .collect();
            super::splice::mark(&text[skip..], spans).map_err(|e| internal(&e.to_string()))
        };
        let mut plan = Plan::default();
        let mut html_cuts: HashMap<usize, Vec<(std::ops::Range<usize>, String)>> = HashMap::new();
        for (u, r) in self.units.iter().enumerate() {
            if own[u].is_empty() {
                continue;
            }
            match *r {
                UnitRef::Field { part, field, prefix } => {
                    let name = &self.parts[part].fields[field].name;
                    let value = mark(u, prefix)?;
                    let value = if headers::is_structured(name) { headers::repair(name, &value) } else { value };
                    plan.fields.insert((part, field), headers::write_field(name, &value, self.eol));
                }
                UnitRef::FileName { part, disposition } => {
                    let value = mark(u, 0)?;
                    let slot = plan.names.entry(part).or_default();
                    if disposition { slot.1 = Some(value) } else { slot.0 = Some(value) }
                }
                UnitRef::Text { part } => {
                    plan.bodies.insert(part, Body::Text(mark(u, 0)?));
                }
                UnitRef::Html { part, unit } => {
                    let Some(Leaf::Text { html: Some(h), .. }) = self.leaves.get(&part) else {
                        return Err(internal("an HTML unit without its body"));
                    };
                    let cuts = html_cuts.entry(part).or_default();
                    for r in &own[u] {
                        html::cuts(&h.units[unit], r.start, r.end, &marker(&r.label), cuts);
                    }
                }
            }
        }
        let mut scrubbed = self.scrubbed.clone();
        for (i, leaf) in &self.leaves {
            match leaf {
                Leaf::Text { text, html: Some(h) } => {
                    let mut edits = html_cuts.remove(i).unwrap_or_default();
                    if edits.is_empty() && h.removed.is_empty() {
                        continue;
                    }
                    edits.extend(h.removed.iter().map(|r| (r.clone(), String::new())));
                    edits.extend(h.meta_charsets.iter().map(|r| (r.clone(), "utf-8".to_string())));
                    let out =
                        super::splice::splice(text.as_bytes(), &mut edits).map_err(|e| internal(&e.to_string()))?;
                    let out = String::from_utf8(out).map_err(|_| internal("an HTML edit cut a character"))?;
                    plan.bodies.insert(*i, Body::Text(out));
                }
                Leaf::Picture { clean: Some(c), .. } => {
                    plan.bodies.insert(*i, Body::Bytes(c.clone()));
                }
                Leaf::Dropped => {
                    plan.bodies.insert(*i, Body::Dropped);
                }
                _ => {}
            }
        }
        for (k, a) in self.attached.iter().enumerate() {
            let Some(Leaf::Attachment { data, doc }) = self.leaves.get(&a.part) else {
                return Err(internal("an attachment was lost"));
            };
            let r = doc
                .redact(&nested[k])
                .map_err(|m| Manual::new(m.code, format!("{}: {}", self.parts[a.part].name(), m.reason)))?;
            for s in r.scrubbed {
                add_once(&mut scrubbed, format!("in {}: {s}", a.label));
            }
            if r.bytes != *data {
                plan.bodies.insert(a.part, Body::Bytes(r.bytes));
            }
        }
        let bytes = write::message(&self.source, &self.parts, &plan, self.eol);
        Ok(Redacted { bytes, scrubbed })
    }
}

/// `YYYY-MM-DD` of an RFC 5322 date (`Tue, 4 Mar 2025 10:12:00 +0100`).
fn date(value: &str) -> Option<String> {
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let words: Vec<&str> = value.split([' ', ',', '\t']).filter(|w| !w.is_empty()).collect();
    let m = words.iter().position(|w| MONTHS.contains(&w.to_ascii_lowercase().as_str()))?;
    let day: u32 = words.get(m.checked_sub(1)?)?.parse().ok()?;
    let year: u32 = words.get(m + 1)?.parse().ok()?;
    let month = MONTHS.iter().position(|x| *x == words[m].to_ascii_lowercase())? + 1;
    ((1900..=2999).contains(&year) && (1..=31).contains(&day)).then(|| format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests;
