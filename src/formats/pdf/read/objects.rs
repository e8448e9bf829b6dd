//! Small, bounded accessors over lopdf's object graph.
//!
//! Every lookup follows references through [`deref`], which gives up after a few hops, so a reference
//! cycle (`1 0 R` pointing at itself) costs nothing. Stream data is decoded only through [`Budget`],
//! which caps each stream and the whole document, so a decompression bomb ends in a clear reason.
//!
//! lopdf decodes a stream only by a direct `/Filter` (and `/DecodeParms`): an indirect one reads as
//! no filter at all, so the compressed bytes would pass for the content. [`inline_filters`] writes
//! every stream's filters and parameters as direct objects once, after loading, so every later
//! decoding (and every check of a filter's name) sees what a viewer sees.

use std::cell::Cell;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use crate::formats::pdf::geom;
use crate::limits;
use crate::model::{Code, Manual};

/// Follows references (at most a few hops; a cycle yields `None`).
pub(crate) fn deref<'a>(doc: &'a Document, mut o: &'a Object) -> Option<&'a Object> {
    for _ in 0..8 {
        match o {
            Object::Reference(id) => o = doc.objects.get(id)?,
            _ => return Some(o),
        }
    }
    None
}

/// The object id behind `o`, if it is a reference.
pub(crate) fn ref_id(o: &Object) -> Option<ObjectId> {
    match o {
        Object::Reference(id) => Some(*id),
        _ => None,
    }
}

pub(crate) fn as_dict<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    match deref(doc, o)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

pub(crate) fn get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    deref(doc, d.get(key).ok()?)
}

pub(crate) fn get_dict<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    as_dict(doc, d.get(key).ok()?)
}

pub(crate) fn get_stream<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Stream> {
    match get(doc, d, key)? {
        Object::Stream(s) => Some(s),
        _ => None,
    }
}

pub(crate) fn get_name<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    match get(doc, d, key)? {
        Object::Name(n) => Some(n),
        _ => None,
    }
}

pub(crate) fn get_array<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a [Object]> {
    match get(doc, d, key)? {
        Object::Array(a) => Some(a),
        _ => None,
    }
}

pub(crate) fn get_number(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<f64> {
    geom::number(get(doc, d, key)?)
}

pub(crate) fn num(doc: &Document, o: &Object) -> Option<f64> {
    geom::number(deref(doc, o)?)
}

/// Makes every stream's `/Filter` and `/DecodeParms` direct (references resolved, inside arrays
/// too). A filter that is not a name, or a parameter entry that is not a dictionary or null, refuses
/// the document: lak could not tell how a viewer decodes that stream.
pub(crate) fn inline_filters(doc: &mut Document) -> Result<(), Manual> {
    let bad = |id: ObjectId, what: &str| {
        Manual::new(Code::PdfUnsupported, format!("stream object {}: its {what} lak cannot read", id.0))
    };
    let mut changes: Vec<(ObjectId, &'static [u8], Object)> = Vec::new();
    for (&id, o) in &doc.objects {
        let Object::Stream(s) = o else { continue };
        for key in [&b"Filter"[..], b"DecodeParms"] {
            let Ok(raw) = s.dict.get(key) else { continue };
            let value = deref(doc, raw).ok_or_else(|| bad(id, "filter is a broken reference"))?;
            let element_ok = |e: &Object| match key {
                b"Filter" => matches!(e, Object::Name(_)),
                _ => matches!(e, Object::Dictionary(_) | Object::Null),
            };
            let direct = match value {
                Object::Array(a) => {
                    let mut items = Vec::with_capacity(a.len());
                    for e in a {
                        let e = deref(doc, e).ok_or_else(|| bad(id, "filter is a broken reference"))?;
                        if !element_ok(e) {
                            return Err(bad(id, "filter array holds something else than a name"));
                        }
                        items.push(e.clone());
                    }
                    Object::Array(items)
                }
                Object::Null => Object::Null,
                e if element_ok(e) => e.clone(),
                _ => return Err(bad(id, "/Filter or /DecodeParms is of a type")),
            };
            if &direct != raw {
                changes.push((id, if key == b"Filter" { b"Filter" } else { b"DecodeParms" }, direct));
            }
        }
    }
    for (id, key, value) in changes {
        if let Some(Object::Stream(s)) = doc.objects.get_mut(&id) {
            s.dict.set(key, value);
        }
    }
    Ok(())
}

/// Reads the data of streams whose `/Length` lopdf could not resolve (missing, not a number, a
/// reference to the stream itself): lopdf leaves them empty, so lak would read, and write, an empty
/// stream where every viewer recovers the data up to `endstream` (as qpdf does, and as this does).
/// `bytes` is the file; `start_position` counts from its `%PDF-` header. Returns how many were read.
pub(crate) fn recover_unread_streams(doc: &mut Document, bytes: &[u8]) -> usize {
    let base = bytes.windows(5).position(|w| w == b"%PDF-").unwrap_or(0);
    let lengths: Vec<(ObjectId, Option<i64>)> = doc
        .objects
        .iter()
        .filter_map(|(&id, o)| match o {
            Object::Stream(s) if s.content.is_empty() && s.start_position.is_some() => {
                let length = s.dict.get(b"Length").ok().and_then(|l| deref(doc, l)).and_then(|l| l.as_i64().ok());
                Some((id, length))
            }
            _ => None,
        })
        .collect();
    let mut n = 0;
    for (id, length) in lengths {
        if length == Some(0) {
            continue;
        }
        let Some(Object::Stream(s)) = doc.objects.get_mut(&id) else { continue };
        let Some(data) = s.start_position.and_then(|p| bytes.get(base.checked_add(p)?..)) else { continue };
        let Some(end) = memchr::memmem::find(data, b"endstream") else { continue };
        let mut data = &data[..end];
        for eol in [&b"\r\n"[..], b"\n", b"\r"] {
            if let Some(d) = data.strip_suffix(eol) {
                data = d;
                break;
            }
        }
        s.set_content(data.to_vec());
        n += 1;
    }
    n
}

/// Writes every stream's `/Length` as the direct length of its data: lopdf writes a stream's
/// dictionary as it is, so a `/Length` that was missing or pointed at the stream itself would go
/// into the output as it came.
pub(crate) fn direct_lengths(doc: &mut Document) {
    for o in doc.objects.values_mut() {
        if let Object::Stream(s) = o {
            s.dict.set("Length", Object::Integer(s.content.len() as i64));
        }
    }
}

/// The names of a stream's filters, in decoding order (after [`inline_filters`]: direct names).
pub(crate) fn filter_names(s: &Stream) -> Vec<&[u8]> {
    match s.dict.get(b"Filter") {
        Ok(Object::Name(n)) => vec![n.as_slice()],
        Ok(Object::Array(a)) => a.iter().filter_map(|f| f.as_name().ok()).collect(),
        _ => Vec::new(),
    }
}

/// Caps on decoded stream data for one document.
pub(crate) struct Budget {
    left: Cell<usize>,
}

impl Budget {
    pub fn new() -> Budget {
        Budget { left: Cell::new(limits::PDF_MAX_DECODED_BYTES) }
    }

    /// The decoded bytes of a stream, or why not (too large, a bomb, damaged data, an unsupported
    /// filter). Decoding is strict ([`super::filters`]): a stream that does not decode to its end is
    /// refused, never read as whatever came out before the error.
    pub fn decode(&self, s: &Stream) -> Result<Vec<u8>, Manual> {
        let cap = limits::PDF_MAX_STREAM_BYTES.min(self.left.get());
        let data = super::filters::decode(s, cap).map_err(|e| match e {
            super::filters::Fault::TooLarge => Manual::new(
                Code::TooLarge,
                format!(
                    "a stream decodes to more than {} bytes (or the document to more than {} in all)",
                    limits::PDF_MAX_STREAM_BYTES,
                    limits::PDF_MAX_DECODED_BYTES
                ),
            ),
            super::filters::Fault::Damaged(why) => {
                Manual::new(Code::PdfUnreadable, format!("a stream does not decode with its filters ({why})"))
            }
            super::filters::Fault::Unsupported(what) => {
                Manual::new(Code::PdfUnreadable, format!("a stream uses {what}, which lak does not decode"))
            }
        })?;
        self.left.set(self.left.get().saturating_sub(data.len()));
        Ok(data)
    }
}
