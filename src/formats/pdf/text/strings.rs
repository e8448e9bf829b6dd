//! Every text string in the object graph, as units for the detector.
//!
//! Outline titles, `/ActualText` and `/Alt` in the structure tree, link targets, layer names,
//! document properties: any string reachable from the trailer can carry a name. The sweep walks the
//! graph from the trailer (each object once, so reference cycles end), records where each string sits
//! (a root and a path of keys and indices) and decodes it as a PDF text string. Redaction writes the
//! marker into that place in the same encoding. Strings inside content streams are not here: the
//! interpreter reads those.

use std::collections::{HashMap, HashSet, VecDeque};

use lopdf::{Document, Object, ObjectId};

use crate::formats::pdf::fonts::encoding::{TextEncoding, decode_text_string, encode_text_string};
use crate::limits;
use crate::model::{Code, Manual};

/// Where a path starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Root {
    Trailer,
    Object(ObjectId),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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

/// One step down a direct path.
fn step_into<'a>(o: &'a Object, step: &Step) -> Option<&'a Object> {
    match (o, step) {
        (Object::Dictionary(d), Step::Key(k)) => d.get(k).ok(),
        (Object::Array(a), Step::Index(i)) => a.get(*i),
        _ => None,
    }
}

/// A place in the graph: a root and a path of keys and indices from it.
type Place = (Root, Vec<Step>);

/// Dictionaries whose strings under some keys are binary by definition, with those keys.
type BinaryPlaces = HashMap<Place, &'static [&'static [u8]]>;

const ENCRYPT_KEYS: &[&[u8]] = &[b"O", b"U", b"OE", b"UE", b"Perms"];
const SIGNATURE_KEYS: &[&[u8]] = &[b"Contents", b"Cert", b"ByteRange"];

/// Where strings are binary by their *place*, not by what a dictionary says about itself (any
/// dictionary can carry `/ByteRange` or `/O /U /R` and would hide its strings): the trailer's
/// `/Encrypt` dictionary, and a signature dictionary that is the `/V` of a field in the
/// `/AcroForm` field tree (which the scrub removes anyway). The trailer's `/ID` is handled by
/// [`walk`]. Every other string is read, however long and wherever it sits.
fn binary_places(doc: &Document) -> BinaryPlaces {
    let mut places = BinaryPlaces::new();
    // An object as a place: a reference starts a new root.
    let place = |o: &Object, root: Root, path: Vec<Step>| -> Option<Place> {
        match o {
            Object::Reference(id) => {
                matches!(doc.objects.get(id), Some(Object::Dictionary(_))).then_some((Root::Object(*id), Vec::new()))
            }
            Object::Dictionary(_) => Some((root, path)),
            _ => None,
        }
    };
    let dict_at = |(root, path): &Place| -> Option<&lopdf::Dictionary> {
        let mut cur: &Object = match root {
            Root::Trailer => {
                return path.is_empty().then_some(&doc.trailer).or_else(|| {
                    let Some(Step::Key(k)) = path.first() else { return None };
                    let mut cur = doc.trailer.get(k).ok()?;
                    for step in &path[1..] {
                        cur = step_into(cur, step)?;
                    }
                    cur.as_dict().ok()
                });
            }
            Root::Object(id) => doc.objects.get(id)?,
        };
        for step in path {
            cur = step_into(cur, step)?;
        }
        cur.as_dict().ok()
    };
    let child = |at: &Place, key: &[u8]| -> Option<Place> {
        let d = dict_at(at)?;
        let mut path = at.1.clone();
        path.push(Step::Key(key.to_vec()));
        place(d.get(key).ok()?, at.0, path)
    };
    let trailer = (Root::Trailer, Vec::new());
    if let Some(enc) = child(&trailer, b"Encrypt") {
        places.insert(enc, ENCRYPT_KEYS);
    }
    let Some(form) = child(&trailer, b"Root").and_then(|cat| child(&cat, b"AcroForm")) else {
        return places;
    };
    // The field tree: /Fields, then /Kids, each field once.
    let mut stack: Vec<(Place, &[u8])> = vec![(form, b"Fields")];
    let mut seen: HashSet<Place> = HashSet::new();
    while let Some((at, key)) = stack.pop() {
        if seen.len() > limits::PDF_MAX_STRINGS || at.1.len() > limits::PDF_MAX_DEPTH * 4 {
            break;
        }
        let Some(d) = dict_at(&at) else { continue };
        let kids = match d.get(key) {
            Ok(Object::Reference(id)) => doc.objects.get(id).and_then(|o| o.as_array().ok()),
            Ok(Object::Array(a)) => Some(a),
            _ => None,
        };
        let direct = matches!(d.get(key), Ok(Object::Array(_)));
        for (i, k) in kids.into_iter().flatten().enumerate() {
            let mut path = at.1.clone();
            path.extend([Step::Key(key.to_vec()), Step::Index(i)]);
            let field = match k {
                // An indirect array's direct elements sit under that array's own root: not followed
                // (their strings are then read, which is the safe side).
                Object::Dictionary(_) if !direct => None,
                _ => place(k, at.0, path),
            };
            let Some(field) = field else { continue };
            if !seen.insert(field.clone()) {
                continue;
            }
            if let Some(sig) = child(&field, b"V") {
                places.insert(sig, SIGNATURE_KEYS);
            }
            stack.push((field, b"Kids"));
        }
    }
    places
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
    let places = binary_places(doc);
    let mut w = Walk { places: &places, sites: &mut sites, seen: &mut seen, queue: &mut queue };
    w.walk(&Object::Dictionary(doc.trailer.clone()), Root::Trailer, "trailer".into())?;
    while let Some((id, via)) = w.queue.pop_front() {
        let Some(obj) = doc.objects.get(&id) else {
            continue;
        };
        w.walk(obj, Root::Object(id), format!("object {} ({via})", id.0))?;
    }
    Ok(sites)
}

struct Walk<'a> {
    places: &'a BinaryPlaces,
    sites: &'a mut Vec<Site>,
    seen: &'a mut HashSet<ObjectId>,
    queue: &'a mut VecDeque<(ObjectId, String)>,
}

impl Walk<'_> {
    fn walk(&mut self, obj: &Object, root: Root, root_text: String) -> Result<(), Manual> {
        let Walk { places, sites, seen, queue } = self;
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
                            Code::PdfTooComplex,
                            format!("more than {} text strings", limits::PDF_MAX_STRINGS),
                        ));
                    }
                    let (text, encoding) = decode_text_string(bytes);
                    sites.push(Site {
                        root,
                        place: format!("{root_text}: {}", path_text(&path)),
                        path,
                        text,
                        encoding,
                    });
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
                    let keys: &[&[u8]] = if root == Root::Trailer && path.is_empty() {
                        &[b"ID"]
                    } else {
                        places.get(&(root, path.clone())).copied().unwrap_or(&[])
                    };
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
        assert!(texts.iter().any(|t| t == "pkcs7"), "a /V outside the field tree is read");
        assert!(!texts.iter().any(|t| t == "file id"), "{:?}", texts.len());
    }

    #[test]
    fn binary_strings_are_decided_by_place_not_by_their_dictionary() {
        let mut doc = Document::with_version("1.7");
        let sig = doc.add_object(dictionary! {
            "Type" => "Sig", "ByteRange" => vec![0.into(), 0.into()], "Contents" => Object::string_literal("pkcs7 blob"),
        });
        let field =
            doc.add_object(dictionary! { "FT" => "Sig", "T" => Object::string_literal("handtekening"), "V" => sig });
        let enc = doc.add_object(dictionary! {
            "Filter" => "Standard", "R" => 4, "O" => Object::string_literal("owner hash"), "U" => Object::string_literal("user hash"),
        });
        // Look-alikes under page resources: a signature-like and an encryption-like dictionary.
        let root = doc.add_object(dictionary! {
            "AcroForm" => dictionary! { "Fields" => vec![field.into()] },
            "Properties" => dictionary! {
                "P1" => dictionary! { "ByteRange" => vec![0.into(), 0.into()], "Contents" => Object::string_literal("BSN 111222333") },
                "P2" => dictionary! { "O" => Object::string_literal("Jan Jansen"), "U" => Object::string_literal("x"), "R" => 4 },
            },
        });
        doc.trailer.set("Root", root);
        doc.trailer.set("Encrypt", enc);
        let texts: Vec<String> = collect(&doc).unwrap().into_iter().map(|s| s.text).collect();
        assert!(texts.contains(&"BSN 111222333".to_string()) && texts.contains(&"Jan Jansen".to_string()), "{texts:?}");
        assert!(texts.contains(&"handtekening".to_string()));
        for binary in ["pkcs7 blob", "owner hash", "user hash"] {
            assert!(!texts.iter().any(|t| t == binary), "{binary} read: {texts:?}");
        }
    }
}
