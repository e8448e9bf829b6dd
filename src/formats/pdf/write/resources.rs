//! Resource names, renamed: `/FKwakernaat` becomes `/F3`.
//!
//! A content stream refers to its fonts, images, graphics states, patterns, shadings, colour spaces
//! and marked-content property lists by name, and the producer picks the names (often from the font
//! or file name, which can be a person's). lak does not read them: it renames all of them, in every
//! resource dictionary of the output and in every content stream that uses them (pages, forms and
//! the appearance streams of annotations, tiling patterns, Type3 glyph procedures).
//!
//! One map serves the whole document, per category: the old names of a category, sorted, get
//! `F1`, `F2`, … (`Im`/`Fm` for image and form XObjects, `X` for a name used for both, `GS`, `P`,
//! `Sh`, `CS`, `MC`). Because the same old name gets the same new name everywhere, a content stream
//! shared by pages whose resources differ, or a form that takes its resources from each page, stays
//! consistent without knowing which dictionary each use resolves against. An operand that names a
//! resource no dictionary defines gets a fresh name of its own (it still draws nothing). Colour
//! spaces a viewer knows without a resource (`/DeviceRGB`, `/Pattern`, the inline-image
//! abbreviations) and the `/Default…` colour spaces keep their names. Page contents are written as
//! one new stream per page when they are an array (an operator may span its streams); every other
//! content stream is rewritten in place, once however many pages or forms use it. The output is the
//! same for the same input.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use crate::formats::pdf::read::objects::{Budget, deref};
use crate::formats::pdf::text::interpret;
use crate::formats::pdf::text::names::RESOURCE_CATEGORIES;
use crate::model::{Code, Manual};

/// Colour space names that are not resources.
const DIRECT_COLOUR_SPACES: &[&[u8]] =
    &[b"DeviceGray", b"DeviceRGB", b"DeviceCMYK", b"Pattern", b"G", b"RGB", b"CMYK", b"I", b"Indexed"];

/// Colour space keys with a meaning of their own (they replace the device spaces).
const DEFAULT_COLOUR_SPACES: &[&[u8]] = &[b"DefaultGray", b"DefaultRGB", b"DefaultCMYK"];

/// Where a dictionary sits: an object and a path of keys inside it.
type At = (ObjectId, Vec<Vec<u8>>);

fn dict_at<'a>(doc: &'a Document, at: &At) -> Option<&'a Dictionary> {
    let mut cur = match doc.objects.get(&at.0)? {
        Object::Stream(s) => &s.dict,
        Object::Dictionary(d) => d,
        _ => return None,
    };
    for k in &at.1 {
        cur = match cur.get(k).ok()? {
            Object::Dictionary(d) => d,
            _ => return None,
        };
    }
    Some(cur)
}

fn dict_at_mut<'a>(doc: &'a mut Document, at: &At) -> Option<&'a mut Dictionary> {
    let mut cur = match doc.objects.get_mut(&at.0)? {
        Object::Stream(s) => &mut s.dict,
        Object::Dictionary(d) => d,
        _ => return None,
    };
    for k in &at.1 {
        cur = match cur.get_mut(k).ok()? {
            Object::Dictionary(d) => d,
            _ => return None,
        };
    }
    Some(cur)
}

/// The place of the dictionary `value` (found at `at` + `key`): its own object when it is a reference.
fn place_of(at: &At, key: &[u8], value: &Object) -> Option<At> {
    match value {
        Object::Reference(id) => Some((*id, Vec::new())),
        Object::Dictionary(_) => {
            let mut path = at.1.clone();
            path.push(key.to_vec());
            Some((at.0, path))
        }
        _ => None,
    }
}

/// Every category dictionary of every resource dictionary in the document, with its category.
fn category_dicts(doc: &Document) -> BTreeSet<(Vec<u8>, At)> {
    let mut resources: BTreeSet<At> = BTreeSet::new();
    for (&id, o) in &doc.objects {
        let top = match o {
            Object::Stream(s) => &s.dict,
            Object::Dictionary(d) => d,
            _ => continue,
        };
        // Dictionaries nested directly in the object (a page's /Resources, an annotation's /AP /N
        // form is its own object).
        let mut stack: Vec<(&Dictionary, Vec<Vec<u8>>)> = vec![(top, Vec::new())];
        while let Some((d, path)) = stack.pop() {
            if path.len() > 8 {
                continue;
            }
            for (k, v) in d.iter() {
                if k == b"Resources"
                    && let Some(at) = place_of(&(id, path.clone()), k, v)
                {
                    resources.insert(at);
                }
                if let Object::Dictionary(inner) = v {
                    let mut p = path.clone();
                    p.push(k.clone());
                    stack.push((inner, p));
                }
            }
        }
    }
    let mut out = BTreeSet::new();
    for at in resources {
        let Some(res) = dict_at(doc, &at) else { continue };
        for cat in RESOURCE_CATEGORIES {
            if let Ok(v) = res.get(cat)
                && let Some(c) = place_of(&at, cat, v)
            {
                out.insert((cat.to_vec(), c));
            }
        }
    }
    out
}

/// Old names of one category, each with the subtypes of what it names.
type Subtypes = BTreeMap<Vec<u8>, BTreeSet<Vec<u8>>>;

/// The global map from (category, old name) to new name.
struct Names {
    map: HashMap<(&'static [u8], Vec<u8>), Vec<u8>>,
    next: HashMap<&'static str, usize>,
}

impl Names {
    fn fresh(&mut self, prefix: &'static str) -> Vec<u8> {
        let n = self.next.entry(prefix).or_insert(0);
        *n += 1;
        format!("{prefix}{n}").into_bytes()
    }

    /// The new name of a resource used in a content stream (a fresh one if no dictionary defines it).
    fn get(&mut self, cat: &'static [u8], old: &[u8]) -> Vec<u8> {
        if let Some(new) = self.map.get(&(cat, old.to_vec())) {
            return new.clone();
        }
        let new = self.fresh(prefix(cat, None));
        self.map.insert((cat, old.to_vec()), new.clone());
        new
    }
}

fn prefix(cat: &[u8], xobject: Option<&BTreeSet<Vec<u8>>>) -> &'static str {
    match cat {
        b"Font" => "F",
        b"XObject" => match xobject.map(|s| s.iter().map(Vec::as_slice).collect::<Vec<_>>()).as_deref() {
            Some([b"Image"]) => "Im",
            Some([b"Form"]) => "Fm",
            _ => "X",
        },
        b"ExtGState" => "GS",
        b"Pattern" => "P",
        b"Shading" => "Sh",
        b"ColorSpace" => "CS",
        _ => "MC",
    }
}

fn category(cat: &[u8]) -> &'static [u8] {
    RESOURCE_CATEGORIES.iter().find(|c| **c == cat).copied().unwrap_or(b"Properties")
}

/// Renames every resource, in the resource dictionaries and in the content streams of `pages` and of
/// every form, tiling pattern and glyph procedure (`read`: the streams lak interpreted or wrote,
/// which must parse). Returns the new page content streams (for pages whose `/Contents` was an array).
pub(crate) fn rename(
    doc: &mut Document,
    pages: &[ObjectId],
    read: &HashSet<ObjectId>,
    budget: &Budget,
) -> Result<Vec<ObjectId>, Manual> {
    let dicts = category_dicts(doc);
    // Old names per category, with the subtypes of XObjects.
    let mut old: BTreeMap<&'static [u8], Subtypes> = BTreeMap::new();
    for (cat, at) in &dicts {
        let Some(d) = dict_at(doc, at) else { continue };
        for (k, v) in d.iter() {
            if cat == b"ColorSpace" && DEFAULT_COLOUR_SPACES.contains(&k.as_slice()) {
                continue;
            }
            let subtype = deref(doc, v)
                .and_then(|o| match o {
                    Object::Stream(s) => s.dict.get(b"Subtype").ok()?.as_name().ok().map(<[u8]>::to_vec),
                    _ => None,
                })
                .unwrap_or_default();
            old.entry(category(cat)).or_default().entry(k.clone()).or_default().insert(subtype);
        }
    }
    let mut names = Names { map: HashMap::new(), next: HashMap::new() };
    for (cat, olds) in &old {
        for (name, subtypes) in olds {
            let new = names.fresh(prefix(cat, Some(subtypes)));
            names.map.insert((cat, name.clone()), new);
        }
    }

    // The dictionaries, keys renamed in place (order kept). A font or XObject may repeat its key in
    // `/Name` (PDF 1.0): set to the new key (if one object has several keys, the last one's).
    let mut own_names: Vec<(ObjectId, Vec<u8>)> = Vec::new();
    for (cat, at) in &dicts {
        let cat = category(cat);
        let Some(d) = dict_at_mut(doc, at) else { continue };
        let mut renamed = Dictionary::new();
        for (k, v) in d.iter() {
            let new = names.map.get(&(cat, k.clone())).cloned().unwrap_or_else(|| k.clone());
            let mut v = v.clone();
            match &mut v {
                Object::Reference(id) => own_names.push((*id, new.clone())),
                Object::Dictionary(inner) => rename_own_name(inner, &new),
                _ => {}
            }
            renamed.set(new, v);
        }
        *d = renamed;
    }
    for (id, new) in own_names {
        match doc.objects.get_mut(&id) {
            Some(Object::Dictionary(d)) => rename_own_name(d, &new),
            Some(Object::Stream(s)) => rename_own_name(&mut s.dict, &new),
            _ => {}
        }
    }

    // Content streams in place: forms (annotation appearances too), tiling patterns, glyph procedures.
    let char_procs: BTreeSet<ObjectId> = doc
        .objects
        .values()
        .filter_map(|o| match o {
            Object::Dictionary(d) => d.get(b"CharProcs").ok(),
            Object::Stream(s) => s.dict.get(b"CharProcs").ok(),
            _ => None,
        })
        .filter_map(|cp| deref(doc, cp)?.as_dict().ok())
        .flat_map(|cp| cp.iter().filter_map(|(_, v)| v.as_reference().ok()))
        .collect();
    let in_place: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter(|(id, o)| match o {
            Object::Stream(s) => {
                s.dict.get(b"Subtype").ok().and_then(|t| t.as_name().ok()) == Some(b"Form")
                    || s.dict.get(b"PatternType").ok().and_then(|t| t.as_i64().ok()) == Some(1)
                    || char_procs.contains(id)
            }
            _ => false,
        })
        .map(|(id, _)| *id)
        .collect();
    let mut done: BTreeSet<ObjectId> = BTreeSet::new();
    let in_place_rename = |doc: &mut Document, id: ObjectId, names: &mut Names| -> Result<(), Manual> {
        let ops = interpret::stream_operations(doc, id, budget)?;
        let data = encode(rename_ops(ops, names))?;
        if let Some(Object::Stream(s)) = doc.objects.get_mut(&id) {
            s.set_plain_content(data);
        }
        Ok(())
    };
    for id in in_place {
        done.insert(id);
        match in_place_rename(doc, id, &mut names) {
            Ok(()) => {}
            // A stream lak never read (a form nothing draws) is the scrub's to drop, or the audit's
            // to refuse: its names are not the reason.
            Err(_) if !read.contains(&id) => {}
            Err(e) => return Err(e),
        }
    }

    // Pages: a single content stream in place (once, however many pages share it); the streams of a
    // `/Contents` array as one new stream per page.
    let mut own = Vec::new();
    for &page in pages {
        let contents = match doc.get_dictionary(page).ok().and_then(|p| p.get(b"Contents").ok()) {
            None => continue,
            Some(c) => c.clone(),
        };
        if let Object::Reference(id) = contents
            && matches!(doc.objects.get(&id), Some(Object::Stream(_)))
        {
            if done.insert(id) {
                in_place_rename(doc, id, &mut names)?;
            }
            continue;
        }
        let ops = interpret::page_operations(doc, page, budget)?;
        let data = encode(rename_ops(ops, &mut names))?;
        let id = doc.add_object(Stream::new(Dictionary::new(), data));
        own.push(id);
        if let Ok(p) = doc.get_dictionary_mut(page) {
            p.set("Contents", Object::Reference(id));
        }
    }
    Ok(own)
}

/// Sets a resource's `/Name` (which PDF 1.0 wanted equal to its key) to its new key.
fn rename_own_name(d: &mut Dictionary, new: &[u8]) {
    if let Ok(Object::Name(n)) = d.get_mut(b"Name") {
        *n = new.to_vec();
    }
}

fn encode(ops: Vec<Operation>) -> Result<Vec<u8>, Manual> {
    Content { operations: ops }
        .encode()
        .map_err(|e| Manual::new(Code::InternalError, format!("content could not be encoded: {e}")))
}

/// The operations with every resource operand renamed.
fn rename_ops(mut ops: Vec<Operation>, names: &mut Names) -> Vec<Operation> {
    for op in &mut ops {
        let (cat, at): (&'static [u8], Option<usize>) = match op.operator.as_str() {
            "Tf" => (b"Font", Some(0)),
            "Do" => (b"XObject", Some(0)),
            "gs" => (b"ExtGState", Some(0)),
            "sh" => (b"Shading", Some(0)),
            "scn" | "SCN" => (b"Pattern", op.operands.len().checked_sub(1)),
            "cs" | "CS" => (b"ColorSpace", Some(0)),
            "BDC" | "DP" => (b"Properties", Some(1)),
            "BI" => {
                // An inline image names a colour space resource in /CS (or /ColorSpace).
                for o in &mut op.operands {
                    let d = match o {
                        Object::Stream(s) => &mut s.dict,
                        Object::Dictionary(d) => d,
                        _ => continue,
                    };
                    for key in [&b"CS"[..], b"ColorSpace"] {
                        if let Ok(Object::Name(n)) = d.get_mut(key)
                            && !DIRECT_COLOUR_SPACES.contains(&n.as_slice())
                        {
                            *n = names.get(b"ColorSpace", n);
                        }
                    }
                }
                continue;
            }
            _ => continue,
        };
        let Some(Object::Name(n)) = at.and_then(|i| op.operands.get_mut(i)) else { continue };
        if cat == b"ColorSpace" && DIRECT_COLOUR_SPACES.contains(&n.as_slice()) {
            continue;
        }
        *n = names.get(cat, n);
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    #[test]
    fn resources_are_renamed_in_dictionaries_and_streams_alike() {
        let mut doc = Document::with_version("1.7");
        let font = doc.add_object(
            dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Name" => "FKwakernaat" },
        );
        let form_content = b"/FKwakernaat 9 Tf BT (x) Tj ET /DeviceRGB cs /GSKwakernaat gs".to_vec();
        let form = doc.add_object(Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 1.into(), 1.into()] },
            form_content,
        ));
        let resources = doc.add_object(dictionary! {
            "Font" => dictionary! { "FKwakernaat" => font, "Alpha" => font },
            "XObject" => dictionary! { "XKwakernaat" => form },
            "ExtGState" => dictionary! { "GSKwakernaat" => dictionary! { "CA" => 1 } },
            "ColorSpace" => dictionary! { "DefaultRGB" => "DeviceRGB" },
        });
        let content = doc.add_object(Stream::new(
            dictionary! {},
            b"BT /FKwakernaat 12 Tf (Tekst) Tj /Onbekend 9 Tf ET /XKwakernaat Do /P <</MCID 0>> BDC EMC".to_vec(),
        ));
        let page = doc.add_object(dictionary! { "Type" => "Page", "Resources" => resources, "Contents" => content });
        rename(&mut doc, &[page], &HashSet::from([form, content]), &Budget::new()).unwrap();
        let res = doc.get_dictionary(resources).unwrap();
        let keys = |k: &[u8]| -> Vec<Vec<u8>> {
            res.get(k).unwrap().as_dict().unwrap().iter().map(|(k, _)| k.clone()).collect()
        };
        assert_eq!(keys(b"Font"), vec![b"F2".to_vec(), b"F1".to_vec()], "sorted: Alpha F1, FKwakernaat F2");
        assert_eq!(keys(b"XObject"), vec![b"Fm1".to_vec()]);
        assert_eq!(keys(b"ColorSpace"), vec![b"DefaultRGB".to_vec()]);
        let page_ops = interpret::page_operations(&doc, page, &Budget::new()).unwrap();
        let text = String::from_utf8(encode(page_ops).unwrap()).unwrap();
        assert!(text.contains("/F2 12 Tf") && text.contains("/F3 9 Tf") && text.contains("/Fm1 Do"), "{text}");
        assert!(
            text.contains("/P <</MCID 0>>BDC") || text.contains("/P<</MCID 0>>BDC") || text.contains("BDC"),
            "{text}"
        );
        let form_text = String::from_utf8(
            interpret::stream_operations(&doc, form, &Budget::new()).map(|o| encode(o).unwrap()).unwrap(),
        )
        .unwrap();
        assert!(
            form_text.contains("/F2 9 Tf") && form_text.contains("/GS1 gs") && form_text.contains("/DeviceRGB cs"),
            "{form_text}"
        );
        assert!(!form_text.contains("Kwakernaat") && !text.contains("Kwakernaat"));
        assert_eq!(doc.get_dictionary(font).unwrap().get(b"Name").unwrap().as_name().unwrap(), b"F1");
    }
}
