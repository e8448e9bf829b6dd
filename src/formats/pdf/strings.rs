//! Every text string in the object graph, as units for the detector.
//!
//! Outline titles, `/ActualText` and `/Alt` in the structure tree, link targets, layer names,
//! document properties: any string reachable from the trailer can carry a name. The sweep walks the
//! graph from the trailer (each object once, so reference cycles end), records where each string sits
//! (a root and a path of keys and indices) and decodes it as a PDF text string. Redaction writes the
//! marker into that place in the same encoding. Strings inside content streams are not here: the
//! interpreter reads those.

use std::collections::{HashSet, VecDeque};

use lopdf::{Document, Object, ObjectId};

use super::encoding::{TextEncoding, decode_text_string, encode_text_string};
use crate::limits;
use crate::model::Manual;

/// Where a path starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Root {
    Trailer,
    Object(ObjectId),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    Key(Vec<u8>),
    Index(usize),
}

/// One string in the graph.
#[derive(Clone, Debug)]
pub(crate) struct Site {
    pub root: Root,
    pub path: Vec<Step>,
    pub text: String,
    pub encoding: TextEncoding,
    /// For the report: e.g. `object 12 (/Outlines): /Title`.
    pub place: String,
}

/// Keys whose strings are binary by definition (encryption, file identifiers, signatures).
const BINARY_KEYS: &[&[u8]] = &[b"ID", b"O", b"U", b"OE", b"UE", b"Perms", b"Cert", b"ByteRange"];

/// Keys whose strings describe fonts (`/FontFamily (Liberation Serif)`, a CID font's `/Registry`,
/// a subset's glyph `/CharSet`): never personal data, and a name rule would read `Serif` as a surname.
const FONT_KEYS: &[&[u8]] = &[b"FontFamily", b"Registry", b"Ordering", b"CharSet", b"Panose", b"CIDSet"];

/// Strings longer than this are data, not text (e.g. a signature's PKCS#7 blob).
const MAX_TEXT_STRING: usize = 1 << 20;

fn path_text(path: &[Step]) -> String {
    let mut s = String::new();
    for p in path {
        match p {
            Step::Key(k) => {
                s.push('/');
                s.push_str(&String::from_utf8_lossy(k));
            }
            Step::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// Collects every string reachable from the trailer.
pub(crate) fn collect(doc: &Document) -> Result<Vec<Site>, Manual> {
    let mut sites = Vec::new();
    let mut seen: HashSet<ObjectId> = HashSet::new();
    let mut queue: VecDeque<(ObjectId, String)> = VecDeque::new();
    walk(&Object::Dictionary(doc.trailer.clone()), Root::Trailer, "trailer".into(), &mut sites, &mut seen, &mut queue)?;
    while let Some((id, via)) = queue.pop_front() {
        let Some(obj) = doc.objects.get(&id) else {
            continue;
        };
        walk(obj, Root::Object(id), format!("object {} ({via})", id.0), &mut sites, &mut seen, &mut queue)?;
    }
    Ok(sites)
}

fn walk(
    obj: &Object,
    root: Root,
    root_text: String,
    sites: &mut Vec<Site>,
    seen: &mut HashSet<ObjectId>,
    queue: &mut VecDeque<(ObjectId, String)>,
) -> Result<(), Manual> {
    // Explicit stack: deeply nested arrays must not exhaust the call stack.
    let mut stack: Vec<(&Object, Vec<Step>)> = vec![(obj, Vec::new())];
    while let Some((o, path)) = stack.pop() {
        match o {
            Object::String(bytes, _) => {
                let key = path.iter().rev().find_map(|s| match s {
                    Step::Key(k) => Some(k.as_slice()),
                    Step::Index(_) => None,
                });
                let binary = key.is_some_and(|k| BINARY_KEYS.contains(&k) || FONT_KEYS.contains(&k));
                if binary || bytes.len() > MAX_TEXT_STRING || bytes.is_empty() {
                    continue;
                }
                if sites.len() >= limits::PDF_MAX_STRINGS {
                    return Err(Manual::new(
                        "pdf_too_complex",
                        format!("more than {} text strings", limits::PDF_MAX_STRINGS),
                    ));
                }
                let (text, encoding) = decode_text_string(bytes);
                sites.push(Site { root, place: format!("{root_text}: {}", path_text(&path)), path, text, encoding });
            }
            Object::Reference(id) if seen.insert(*id) => {
                let via = match path.iter().rev().find_map(|s| match s {
                    Step::Key(k) => Some(k),
                    Step::Index(_) => None,
                }) {
                    Some(k) => format!("/{}", String::from_utf8_lossy(k)),
                    None => "array".into(),
                };
                queue.push_back((*id, via));
            }
            Object::Array(a) => {
                if path.len() > limits::PDF_MAX_DEPTH * 4 {
                    continue;
                }
                for (i, e) in a.iter().enumerate().rev() {
                    let mut p = path.clone();
                    p.push(Step::Index(i));
                    stack.push((e, p));
                }
            }
            Object::Dictionary(d) => {
                if path.len() > limits::PDF_MAX_DEPTH * 4 {
                    continue;
                }
                for (k, v) in d.iter().collect::<Vec<_>>().into_iter().rev() {
                    let mut p = path.clone();
                    p.push(Step::Key(k.clone()));
                    stack.push((v, p));
                }
            }
            Object::Stream(s) => {
                for (k, v) in s.dict.iter().collect::<Vec<_>>().into_iter().rev() {
                    let mut p = path.clone();
                    p.push(Step::Key(k.clone()));
                    stack.push((v, p));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Writes `text` into the string at `site`, in the encoding it had.
pub(crate) fn set(doc: &mut Document, site: &Site, text: &str) {
    let bytes = encode_text_string(text, site.encoding);
    match site.root {
        Root::Trailer => {
            let Some(Step::Key(k)) = site.path.first() else {
                return;
            };
            if let Ok(o) = doc.trailer.get_mut(k) {
                set_in(o, &site.path[1..], bytes);
            }
        }
        Root::Object(id) => {
            if let Some(o) = doc.objects.get_mut(&id) {
                set_in(o, &site.path, bytes);
            }
        }
    }
}

/// Writes `bytes` into the string found by following `path` from `cur`.
pub(crate) fn set_at(cur: &mut Object, path: &[Step], bytes: Vec<u8>) {
    set_in(cur, path, bytes)
}

fn set_in(mut cur: &mut Object, path: &[Step], bytes: Vec<u8>) {
    for step in path {
        let next = match (cur, step) {
            (Object::Stream(s), Step::Key(k)) => s.dict.get_mut(k).ok(),
            (Object::Dictionary(d), Step::Key(k)) => d.get_mut(k).ok(),
            (Object::Array(a), Step::Index(i)) => a.get_mut(*i),
            _ => None,
        };
        match next {
            Some(n) => cur = n,
            None => return,
        }
    }
    if let Object::String(s, _) = cur {
        *s = bytes;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    #[test]
    fn finds_strings_everywhere_once_and_writes_them_back() {
        let mut doc = Document::with_version("1.7");
        let info = doc.add_object(dictionary! { "Author" => Object::string_literal("Jan Jansen") });
        let a = doc.add_object(dictionary! {});
        let b = doc.add_object(dictionary! {
            "Next" => a,
            "T" => vec![Object::String(vec![0xFE, 0xFF, 0, b'P', 0, b'i'], lopdf::StringFormat::Hexadecimal)],
        });
        // A cycle: a → b → a.
        doc.objects.insert(a, Object::Dictionary(dictionary! { "Next" => b }));
        doc.trailer.set("Info", info);
        doc.trailer.set("Root", a);
        let sites = collect(&doc).unwrap();
        let texts: Vec<&str> = sites.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, vec!["Jan Jansen", "Pi"]);
        assert_eq!(sites[1].encoding, TextEncoding::Utf16Be);
        set(&mut doc, &sites[1], "[5.1.2e]");
        let again = collect(&doc).unwrap();
        assert_eq!(again[1].text, "[5.1.2e]");
    }
}
