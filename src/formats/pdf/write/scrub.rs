//! Hidden data: removed by default, each kind listed for the report.
//!
//! The scrub is a whitelist where the structure is known (the catalog, pages, link annotations,
//! outline items keep only the keys that draw or navigate) and a blacklist everywhere else (`/Metadata`,
//! `/PieceInfo`, `/AA`, `/AF`, `/EF`, `/JS` are removed from every dictionary). Named destinations are
//! resolved into explicit ones before the name trees go, so bookmarks and links keep working without
//! the names (which are often made from headings or people's names). Annotations other than links are
//! removed with their appearance streams; a link stays only while its target is clean. References to
//! removed objects are cut everywhere (the structure tree points at annotations too), and whatever is no
//! longer reachable from the trailer is pruned before the file is written whole.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::formats::pdf::read::objects;
use crate::limits;

const CATALOG_KEEP: &[&[u8]] = &[
    b"Type",
    b"Version",
    b"Pages",
    b"PageLayout",
    b"PageMode",
    b"Outlines",
    b"StructTreeRoot",
    b"MarkInfo",
    b"Lang",
    b"ViewerPreferences",
    b"OCProperties",
    b"Extensions",
    b"OutputIntents",
];

const PAGE_KEEP: &[&[u8]] = &[
    b"Type",
    b"Parent",
    b"Resources",
    b"MediaBox",
    b"CropBox",
    b"BleedBox",
    b"TrimBox",
    b"ArtBox",
    b"Contents",
    b"Rotate",
    b"Group",
    b"Annots",
    b"StructParents",
    b"Tabs",
    b"UserUnit",
    b"Kids",
    b"Count",
];

const LINK_KEEP: &[&[u8]] =
    &[b"Type", b"Subtype", b"Rect", b"Border", b"BS", b"C", b"H", b"F", b"QuadPoints", b"A", b"Dest", b"StructParent"];

const OUTLINE_KEEP: &[&[u8]] =
    &[b"Title", b"Parent", b"Prev", b"Next", b"First", b"Last", b"Count", b"Dest", b"A", b"SE", b"C", b"F"];

/// Keys removed from every dictionary in the file.
const EVERYWHERE: &[(&[u8], &str)] = &[
    (b"Metadata", "XMP metadata streams"),
    (b"PieceInfo", "application data (/PieceInfo)"),
    (b"AA", "additional actions (/AA)"),
    (b"AF", "associated files (/AF)"),
    (b"EF", "embedded file streams (/EF)"),
    (b"JS", "JavaScript (/JS)"),
    (b"LastModified", "modification dates (/LastModified)"),
    (b"Alternates", "alternate images (/Alternates)"),
];

fn name(k: &[u8]) -> String {
    String::from_utf8_lossy(k).into_owned()
}

/// What the scrub needs to know from the rest of the redaction.
pub(crate) struct Context {
    /// Objects in which a string was redacted: a link pointing there is dropped.
    pub tainted: HashSet<ObjectId>,
    /// Image XObjects some content stream draws (`Do`); their masks are kept with them.
    pub drawn_images: HashSet<ObjectId>,
}

/// Scrubs `doc` in place and returns what was removed.
pub(crate) fn scrub(doc: &mut Document, cx: &Context) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut deleted: HashSet<ObjectId> = HashSet::new();

    // Trailer.
    if let Some(info) = doc.trailer.remove(b"Info") {
        let keys: Vec<String> =
            objects::as_dict(doc, &info).map(|d| d.iter().map(|(k, _)| name(k)).collect()).unwrap_or_default();
        out.push(format!("document properties (Info): {}", keys.join(", ")));
    }
    if doc.trailer.remove(b"ID").is_some() {
        out.push("file identifier (/ID)".into());
    }

    // Named destinations, resolved before the name trees go.
    let dests = named_destinations(doc);

    // Catalog.
    let Ok(root) = doc.trailer.get(b"Root").and_then(Object::as_reference) else {
        return out;
    };
    if let Some(Object::Dictionary(cat)) = doc.objects.get_mut(&root) {
        let drop: Vec<Vec<u8>> =
            cat.iter().map(|(k, _)| k.clone()).filter(|k| !CATALOG_KEEP.contains(&k.as_slice())).collect();
        for k in drop {
            cat.remove(&k);
            out.push(match k.as_slice() {
                b"AcroForm" => "form fields and their values (/AcroForm)".into(),
                b"OpenAction" => "open action (/OpenAction)".into(),
                b"Names" => "name trees: embedded files, JavaScript, named destinations (/Names)".into(),
                b"Dests" => "named destinations (/Dests)".into(),
                b"PageLabels" => "page labels (/PageLabels)".into(),
                b"Metadata" => "XMP metadata of the document".into(),
                b"Threads" => "article threads (/Threads)".into(),
                other => format!("catalog entry /{}", name(other)),
            });
        }
    }

    // Pages: whitelist keys, filter annotations.
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    let mut removed_annots: BTreeMap<String, usize> = BTreeMap::new();
    for &p in &pages {
        let annots: Vec<Object> = doc
            .get_dictionary(p)
            .ok()
            .and_then(|d| objects::get_array(doc, d, b"Annots"))
            .map(|a| a.to_vec())
            .unwrap_or_default();
        let mut keep: Vec<Object> = Vec::new();
        for a in annots {
            let id = objects::ref_id(&a);
            let Some(d) = objects::as_dict(doc, &a) else {
                continue;
            };
            let subtype = objects::get_name(doc, d, b"Subtype").map(name).unwrap_or_default();
            match clean_link(doc, d, id, &dests, cx) {
                Some(link) => match id {
                    Some(id) => {
                        doc.objects.insert(id, Object::Dictionary(link));
                        keep.push(a);
                    }
                    None => keep.push(Object::Dictionary(link)),
                },
                None => {
                    *removed_annots.entry(subtype).or_default() += 1;
                    if let Some(id) = id {
                        deleted.insert(id);
                    }
                }
            }
        }
        if let Ok(page) = doc.get_dictionary_mut(p) {
            if keep.is_empty() {
                page.remove(b"Annots");
            } else {
                page.set("Annots", Object::Array(keep));
            }
            let drop: Vec<Vec<u8>> =
                page.iter().map(|(k, _)| k.clone()).filter(|k| !PAGE_KEEP.contains(&k.as_slice())).collect();
            for k in drop {
                page.remove(&k);
                out.push(match k.as_slice() {
                    b"Thumb" => "page thumbnail (/Thumb)".into(),
                    b"B" => "article beads (/B)".into(),
                    other => format!("page entry /{}", name(other)),
                });
            }
        }
    }
    if !removed_annots.is_empty() {
        let list: Vec<String> = removed_annots.iter().map(|(k, n)| format!("{n} {k}")).collect();
        out.push(format!("annotations with their appearance streams: {}", list.join(", ")));
    }

    // Outlines: keep titles (already redacted), structure and plain destinations.
    let outline_actions = clean_outlines(doc, root, &dests);
    if outline_actions > 0 {
        out.push(format!("bookmark actions other than go-to: {outline_actions}"));
    }

    // Keys removed everywhere; JavaScript action dictionaries emptied.
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let ids: Vec<ObjectId> = doc.objects.keys().copied().collect();
    for id in ids {
        let Some(obj) = doc.objects.get_mut(&id) else {
            continue;
        };
        for_each_dict(obj, &mut |d| {
            for (k, what) in EVERYWHERE {
                if d.remove(k).is_some() {
                    *counts.entry(what).or_default() += 1;
                }
            }
            if matches!(d.get(b"S"), Ok(Object::Name(n)) if n == b"JavaScript") {
                *counts.entry("JavaScript actions").or_default() += 1;
                let keys: Vec<Vec<u8>> = d.iter().map(|(k, _)| k.clone()).collect();
                for k in keys {
                    d.remove(&k);
                }
            }
        });
    }
    for (what, n) in counts {
        out.push(format!("{what}: {n}"));
    }

    // Images no content draws: whatever their samples hold, no reader sees them as part of a page.
    let undrawn = undrawn_images(doc, &cx.drawn_images);
    if !undrawn.is_empty() {
        out.push(format!("images no page draws: {}", undrawn.len()));
        deleted.extend(undrawn);
    }

    // Cut references to removed objects everywhere, then prune.
    if !deleted.is_empty() {
        let ids: Vec<ObjectId> = doc.objects.keys().copied().collect();
        for id in ids {
            if deleted.contains(&id) {
                continue;
            }
            if let Some(obj) = doc.objects.get_mut(&id) {
                cut_references(obj, &deleted);
            }
        }
        for id in &deleted {
            doc.objects.remove(id);
        }
    }
    let pruned = doc.prune_objects();
    if !pruned.is_empty() {
        out.push(format!("objects no longer used, including older revisions: {}", pruned.len()));
    }
    out
}

/// Image streams that are neither drawn nor a mask of a drawn image.
fn undrawn_images(doc: &Document, drawn: &HashSet<ObjectId>) -> Vec<ObjectId> {
    let mut keep: HashSet<ObjectId> = HashSet::new();
    let mut stack: Vec<ObjectId> = drawn.iter().copied().collect();
    while let Some(id) = stack.pop() {
        if !keep.insert(id) {
            continue;
        }
        if let Some(Object::Stream(s)) = doc.objects.get(&id) {
            for k in [&b"SMask"[..], b"Mask"] {
                if let Ok(Object::Reference(m)) = s.dict.get(k) {
                    stack.push(*m);
                }
            }
        }
    }
    doc.objects
        .iter()
        .filter(|(id, o)| {
            matches!(o, Object::Stream(s) if matches!(s.dict.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Image"))
                && !keep.contains(id)
        })
        .map(|(id, _)| *id)
        .collect()
}

fn for_each_dict(obj: &mut Object, f: &mut impl FnMut(&mut Dictionary)) {
    let mut stack: Vec<&mut Object> = vec![obj];
    while let Some(o) = stack.pop() {
        match o {
            Object::Dictionary(d) => {
                f(d);
                stack.extend(d.iter_mut().map(|(_, v)| v));
            }
            Object::Stream(s) => {
                f(&mut s.dict);
                stack.extend(s.dict.iter_mut().map(|(_, v)| v));
            }
            Object::Array(a) => stack.extend(a.iter_mut()),
            _ => {}
        }
    }
}

fn cut_references(obj: &mut Object, deleted: &HashSet<ObjectId>) {
    let mut stack: Vec<&mut Object> = vec![obj];
    while let Some(o) = stack.pop() {
        match o {
            Object::Dictionary(d) => {
                let gone: Vec<Vec<u8>> = d
                    .iter()
                    .filter(|(_, v)| matches!(v, Object::Reference(r) if deleted.contains(r)))
                    .map(|(k, _)| k.clone())
                    .collect();
                for k in gone {
                    d.remove(&k);
                }
                stack.extend(d.iter_mut().map(|(_, v)| v));
            }
            Object::Stream(s) => stack.extend(s.dict.iter_mut().map(|(_, v)| v)),
            Object::Array(a) => {
                for e in a.iter_mut() {
                    if matches!(e, Object::Reference(r) if deleted.contains(r)) {
                        // Null, not removal: number trees pair keys with values.
                        *e = Object::Null;
                    }
                }
                stack.extend(a.iter_mut());
            }
            _ => {}
        }
    }
}

/// Name → explicit destination, from `/Dests` and the `/Names` `/Dests` tree.
fn named_destinations(doc: &Document) -> HashMap<Vec<u8>, Object> {
    let mut out = HashMap::new();
    let Ok(cat) = doc.catalog() else { return out };
    let explicit = |o: &Object| -> Option<Object> {
        match objects::deref(doc, o)? {
            Object::Array(a) => Some(Object::Array(a.clone())),
            Object::Dictionary(d) => match objects::get(doc, d, b"D")? {
                Object::Array(a) => Some(Object::Array(a.clone())),
                _ => None,
            },
            _ => None,
        }
    };
    if let Some(d) = objects::get_dict(doc, cat, b"Dests") {
        for (k, v) in d.iter() {
            if let Some(e) = explicit(v) {
                out.insert(k.clone(), e);
            }
        }
    }
    if let Some(names) = objects::get_dict(doc, cat, b"Names")
        && let Some(tree) = objects::get_dict(doc, names, b"Dests")
    {
        let mut stack = vec![(tree, 0usize)];
        let mut seen = HashSet::new();
        while let Some((node, depth)) = stack.pop() {
            if depth > limits::PDF_MAX_DEPTH || !seen.insert(node as *const Dictionary as usize) {
                continue;
            }
            if let Some(pairs) = objects::get_array(doc, node, b"Names") {
                for p in pairs.chunks(2) {
                    if let (Some(Object::String(k, _)), Some(v)) = (objects::deref(doc, &p[0]), p.get(1))
                        && let Some(e) = explicit(v)
                    {
                        out.insert(k.clone(), e);
                    }
                }
            }
            if let Some(kids) = objects::get_array(doc, node, b"Kids") {
                for k in kids {
                    if let Some(d) = objects::as_dict(doc, k) {
                        stack.push((d, depth + 1));
                    }
                }
            }
        }
    }
    out
}

/// An explicit destination for a `/Dest` value (an array, or a name or string to resolve).
fn resolve(doc: &Document, o: &Object, dests: &HashMap<Vec<u8>, Object>) -> Option<Object> {
    match objects::deref(doc, o)? {
        Object::Array(a) => Some(Object::Array(a.clone())),
        Object::Name(n) | Object::String(n, _) => dests.get(n).cloned(),
        _ => None,
    }
}

/// A cleaned copy of a link annotation, or `None` if the annotation goes.
fn clean_link(
    doc: &Document,
    d: &Dictionary,
    id: Option<ObjectId>,
    dests: &HashMap<Vec<u8>, Object>,
    cx: &Context,
) -> Option<Dictionary> {
    if objects::get_name(doc, d, b"Subtype") != Some(b"Link") {
        return None;
    }
    if id.is_some_and(|i| cx.tainted.contains(&i)) {
        return None;
    }
    let mut out = Dictionary::new();
    for (k, v) in d.iter() {
        if LINK_KEEP.contains(&k.as_slice()) && k != b"A" && k != b"Dest" {
            out.set(k.clone(), v.clone());
        }
    }
    if let Ok(dest) = d.get(b"Dest") {
        out.set("Dest", resolve(doc, dest, dests)?);
    }
    if let Ok(a) = d.get(b"A") {
        if objects::ref_id(a).is_some_and(|i| cx.tainted.contains(&i)) {
            return None;
        }
        let action = objects::as_dict(doc, a)?;
        let mut clean = Dictionary::new();
        match objects::get_name(doc, action, b"S")? {
            b"URI" => {
                clean.set("S", Object::Name(b"URI".to_vec()));
                clean.set("URI", objects::get(doc, action, b"URI")?.clone());
            }
            b"GoTo" => {
                clean.set("S", Object::Name(b"GoTo".to_vec()));
                clean.set("D", resolve(doc, action.get(b"D").ok()?, dests)?);
            }
            _ => return None,
        }
        out.set("A", Object::Dictionary(clean));
    }
    Some(out)
}

/// Whitelists keys of every outline item and resolves destinations; returns how many actions went.
fn clean_outlines(doc: &mut Document, root: ObjectId, dests: &HashMap<Vec<u8>, Object>) -> usize {
    let first = doc
        .get_dictionary(root)
        .ok()
        .and_then(|c| c.get(b"Outlines").ok())
        .and_then(|o| objects::as_dict(doc, o))
        .and_then(|o| o.get(b"First").ok())
        .and_then(objects::ref_id);
    let mut stack: Vec<ObjectId> = first.into_iter().collect();
    let mut seen: BTreeSet<ObjectId> = BTreeSet::new();
    let mut removed = 0;
    while let Some(id) = stack.pop() {
        if !seen.insert(id) || seen.len() > limits::PDF_MAX_OBJECTS {
            continue;
        }
        let Ok(item) = doc.get_dictionary(id) else {
            continue;
        };
        let mut clean = Dictionary::new();
        for (k, v) in item.iter() {
            if OUTLINE_KEEP.contains(&k.as_slice()) && k != b"A" && k != b"Dest" {
                clean.set(k.clone(), v.clone());
            }
        }
        if let Ok(d) = item.get(b"Dest")
            && let Some(e) = resolve(doc, d, dests)
        {
            clean.set("Dest", e);
        }
        if let Ok(a) = item.get(b"A") {
            let goto = objects::as_dict(doc, a).and_then(|act| {
                (objects::get_name(doc, act, b"S") == Some(b"GoTo"))
                    .then(|| act.get(b"D").ok().and_then(|d| resolve(doc, d, dests)))
                    .flatten()
            });
            match goto {
                Some(e) => clean.set("Dest", e),
                None => removed += 1,
            }
        }
        for k in [&b"First"[..], b"Next"] {
            if let Some(n) = item.get(k).ok().and_then(objects::ref_id) {
                stack.push(n);
            }
        }
        doc.objects.insert(id, Object::Dictionary(clean));
    }
    removed
}
