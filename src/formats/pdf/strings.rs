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

/// The keys whose strings are binary by definition in a dictionary, by what the dictionary is: the
/// trailer's file identifiers, an encryption dictionary's keys and hashes, a signature's PKCS#7 blob
/// and byte range. Every other string is read, however long and wherever it sits (a font's
/// `/FontFamily`, a structure element's `/ID` and a layer's `/ID` can carry anything).
fn binary_keys(d: &lopdf::Dictionary, trailer: bool) -> &'static [&'static [u8]] {
    let name = |k: &[u8]| match d.get(k) {
        Ok(Object::Name(n)) => Some(n.as_slice()),
        _ => None,
    };
    if trailer {
        &[b"ID"]
    } else if d.has(b"O") && d.has(b"U") && (d.has(b"Filter") || d.has(b"R")) {
        &[b"O", b"U", b"OE", b"UE", b"Perms"]
    } else if matches!(name(b"Type"), Some(b"Sig" | b"DocTimeStamp")) || d.has(b"ByteRange") {
        &[b"Contents", b"Cert", b"ByteRange"]
    } else {
        &[]
    }
}

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
    // Explicit stack: deeply nested arrays must not exhaust the call stack. The flag: the string is
    // binary data by its place (see [`binary_keys`]).
    let mut stack: Vec<(&Object, Vec<Step>, bool)> = vec![(obj, Vec::new(), false)];
    while let Some((o, path, binary)) = stack.pop() {
        match o {
            Object::String(bytes, _) => {
                if binary || bytes.is_empty() {
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
                    stack.push((e, p, binary));
                }
            }
            Object::Dictionary(_) | Object::Stream(_) => {
                if path.len() > limits::PDF_MAX_DEPTH * 4 {
                    continue;
                }
                let d = match o {
                    Object::Stream(s) => &s.dict,
                    Object::Dictionary(d) => d,
                    _ => continue,
                };
                let keys = binary_keys(d, root == Root::Trailer && path.is_empty());
                for (k, v) in d.iter().collect::<Vec<_>>().into_iter().rev() {
                    let mut p = path.clone();
                    p.push(Step::Key(k.clone()));
                    stack.push((v, p, keys.contains(&k.as_slice())));
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

    #[test]
    fn only_strings_binary_by_their_place_are_skipped() {
        let mut doc = Document::with_version("1.7");
        let long = format!("BSN 111222333 {}", "x".repeat(2 << 20));
        let root = doc.add_object(dictionary! {
            "FontFamily" => Object::string_literal("Jan Jansen"),
            "ID" => Object::string_literal("element id"),
            "Title" => Object::string_literal(long.as_str()),
            "V" => dictionary! { "Type" => "Sig", "Contents" => Object::string_literal("pkcs7"), "Name" => Object::string_literal("signer") },
        });
        doc.trailer.set("Root", root);
        doc.trailer.set("ID", vec![Object::string_literal("file id")]);
        let texts: Vec<String> = collect(&doc).unwrap().into_iter().map(|s| s.text).collect();
        assert!(texts.contains(&"Jan Jansen".to_string()) && texts.contains(&"element id".to_string()));
        assert!(texts.contains(&long) && texts.contains(&"signer".to_string()));
        assert!(!texts.iter().any(|t| t == "pkcs7" || t == "file id"), "{:?}", texts.len());
    }
}
