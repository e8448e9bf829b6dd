//! Names are text too.
//!
//! A PDF name is an identifier, but an author or a producer chooses most of them: a font resource
//! called `/FKwakernaat`, a font `/BaseFont /ABCDEF+Kwakernaat-Bold`, a private key, a custom glyph
//! or structure type. Two kinds are handled here and in `write/resources.rs`:
//!
//! - **Resource names** (the keys of a `/Resources` dictionary's `/Font`, `/XObject`, `/ExtGState`,
//!   `/Pattern`, `/Shading`, `/ColorSpace` and `/Properties`, and the operands that use them) are
//!   not read: `write/resources.rs` renames every one of them in the output, whatever it says.
//! - **Every other name** in the object graph, key or value, that is not PDF's own vocabulary
//!   (`vocabulary.rs`) is a unit for the detector, like a string ([`collect`]). A finding in the
//!   `/BaseFont` of a font or the `/FontName` of its descriptor is replaced by a neutral font name
//!   ([`neutral_font_name`], keeping a subset tag); a finding in any other name refuses the document,
//!   since lak cannot tell what renaming it would break.

use std::collections::{HashSet, VecDeque};

use lopdf::{Document, Object, ObjectId};

use super::strings::{Root, Step};
use super::vocabulary::is_vocabulary;
use crate::limits;
use crate::model::{Code, Manual};

/// The resource categories whose keys `write/resources.rs` renames.
pub(crate) const RESOURCE_CATEGORIES: &[&[u8]] =
    &[b"Font", b"XObject", b"ExtGState", b"Pattern", b"Shading", b"ColorSpace", b"Properties"];

/// What a name is, for what may be done with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// A font's `/BaseFont` or a descriptor's `/FontName`: can be replaced by a neutral name.
    FontName,
    /// A dictionary key.
    Key,
    /// Any other name value.
    Value,
}

/// One name in the graph.
#[derive(Clone, Debug)]
pub(crate) struct NameSite {
    pub root: Root,
    /// The path to the name (for a key: to its dictionary, then the key).
    pub path: Vec<Step>,
    pub role: Role,
    pub text: String,
    /// For the report: e.g. `object 12 (/Font): /BaseFont (a name)`.
    pub place: String,
}

/// How an object is reached, for the names in it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Plain,
    /// A `/Resources` dictionary: its category entries are renamed, not read.
    Resources,
    /// A category dictionary of resources: its keys are renamed, not read.
    Category,
}

fn path_text(path: &[Step]) -> String {
    path.iter()
        .map(|p| match p {
            Step::Key(k) => format!("/{}", String::from_utf8_lossy(k)),
            Step::Index(i) => format!("[{i}]"),
        })
        .collect()
}

/// Every name in the graph that is neither vocabulary nor a resource name, each object once.
pub(crate) fn collect(doc: &Document) -> Result<Vec<NameSite>, Manual> {
    let mut sites = Vec::new();
    let mut seen: HashSet<ObjectId> = HashSet::new();
    let mut queue: VecDeque<(ObjectId, String, Ctx)> = VecDeque::new();
    let trailer = Object::Dictionary(doc.trailer.clone());
    walk(&trailer, Root::Trailer, "trailer", Ctx::Plain, &mut sites, &mut seen, &mut queue)?;
    while let Some((id, via, ctx)) = queue.pop_front() {
        let Some(obj) = doc.objects.get(&id) else { continue };
        walk(obj, Root::Object(id), &format!("object {} ({via})", id.0), ctx, &mut sites, &mut seen, &mut queue)?;
    }
    Ok(sites)
}

fn walk(
    obj: &Object,
    root: Root,
    root_text: &str,
    ctx: Ctx,
    sites: &mut Vec<NameSite>,
    seen: &mut HashSet<ObjectId>,
    queue: &mut VecDeque<(ObjectId, String, Ctx)>,
) -> Result<(), Manual> {
    let push = |sites: &mut Vec<NameSite>, path: Vec<Step>, role: Role, name: &[u8]| -> Result<(), Manual> {
        if is_vocabulary(name) {
            return Ok(());
        }
        if sites.len() >= limits::PDF_MAX_STRINGS {
            return Err(Manual::new(Code::PdfTooComplex, format!("more than {} names", limits::PDF_MAX_STRINGS)));
        }
        let what = if role == Role::Key { "a key" } else { "a name" };
        sites.push(NameSite {
            root,
            place: format!("{root_text}: {} ({what})", path_text(&path)),
            path,
            role,
            text: String::from_utf8_lossy(name).into_owned(),
        });
        Ok(())
    };
    let mut stack: Vec<(&Object, Vec<Step>, Ctx, Option<&lopdf::Dictionary>)> = vec![(obj, Vec::new(), ctx, None)];
    while let Some((o, path, ctx, parent)) = stack.pop() {
        if path.len() > limits::PDF_MAX_DEPTH * 4 {
            continue;
        }
        match o {
            Object::Name(n) if !is_vocabulary(n) => {
                let font_name = match (path.last(), parent) {
                    (Some(Step::Key(k)), Some(d)) if k == b"BaseFont" || k == b"FontName" => {
                        matches!(d.get(b"Type"), Ok(Object::Name(t)) if t == b"Font" || t == b"FontDescriptor")
                            || d.has(b"Subtype") && k == b"BaseFont"
                    }
                    _ => false,
                };
                push(sites, path, if font_name { Role::FontName } else { Role::Value }, n)?;
            }
            Object::Reference(id) if seen.insert(*id) => {
                let via = match path.last() {
                    Some(Step::Key(k)) => format!("/{}", String::from_utf8_lossy(k)),
                    _ => "array".into(),
                };
                queue.push_back((*id, via, ctx));
            }
            Object::Array(a) => {
                for (i, e) in a.iter().enumerate().rev() {
                    let mut p = path.clone();
                    p.push(Step::Index(i));
                    stack.push((e, p, Ctx::Plain, None));
                }
            }
            Object::Dictionary(_) | Object::Stream(_) => {
                let d = match o {
                    Object::Stream(s) => &s.dict,
                    Object::Dictionary(d) => d,
                    _ => continue,
                };
                for (k, v) in d.iter().collect::<Vec<_>>().into_iter().rev() {
                    let mut p = path.clone();
                    p.push(Step::Key(k.clone()));
                    if ctx != Ctx::Category && !is_vocabulary(k) {
                        push(sites, p.clone(), Role::Key, k)?;
                    }
                    let child = match ctx {
                        _ if k == b"Resources" => Ctx::Resources,
                        Ctx::Resources if RESOURCE_CATEGORIES.contains(&k.as_slice()) => Ctx::Category,
                        _ => Ctx::Plain,
                    };
                    // A value under a renamed key is an object like any other.
                    stack.push((v, p, child, Some(d)));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// A neutral name for font number `n`, keeping the six-letter subset tag of `old` (`ABCDEF+`), which
/// tells viewers the font is a subset.
pub(crate) fn neutral_font_name(old: &[u8], n: usize) -> Vec<u8> {
    let tag = old.len() > 7 && old[6] == b'+' && old[..6].iter().all(u8::is_ascii_uppercase);
    let mut out = if tag { old[..7].to_vec() } else { Vec::new() };
    out.extend(format!("Font{n}").bytes());
    out
}

/// Whether the name at `site` is still in `doc` (after the scrub).
pub(crate) fn present(doc: &Document, site: &NameSite) -> bool {
    let mut cur: &Object = match site.root {
        Root::Trailer => match site.path.first() {
            Some(Step::Key(k)) if site.path.len() == 1 && site.role == Role::Key => return doc.trailer.has(k),
            Some(Step::Key(k)) => match doc.trailer.get(k) {
                Ok(o) => o,
                Err(_) => return false,
            },
            _ => return false,
        },
        Root::Object(id) => match doc.objects.get(&id) {
            Some(o) => o,
            None => return false,
        },
    };
    let rest = if site.root == Root::Trailer { &site.path[1..] } else { &site.path[..] };
    for (i, step) in rest.iter().enumerate() {
        let last = i + 1 == rest.len();
        let d = match cur {
            Object::Stream(s) => Some(&s.dict),
            Object::Dictionary(d) => Some(d),
            _ => None,
        };
        let next = match (d, cur, step) {
            (Some(d), _, Step::Key(k)) if last && site.role == Role::Key => return d.has(k),
            (Some(d), _, Step::Key(k)) => d.get(k).ok(),
            (_, Object::Array(a), Step::Index(i)) => a.get(*i),
            _ => None,
        };
        match next {
            Some(n) => cur = n,
            None => return false,
        }
    }
    matches!(cur, Object::Name(n) if String::from_utf8_lossy(n) == site.text)
}

/// Replaces the name at `site` (a value) with `new`.
pub(crate) fn set(doc: &mut Document, site: &NameSite, new: &[u8]) {
    let mut cur: &mut Object = match site.root {
        Root::Trailer => {
            let Some(Step::Key(k)) = site.path.first() else { return };
            match doc.trailer.get_mut(k) {
                Ok(o) => o,
                Err(_) => return,
            }
        }
        Root::Object(id) => match doc.objects.get_mut(&id) {
            Some(o) => o,
            None => return,
        },
    };
    let rest = if site.root == Root::Trailer { &site.path[1..] } else { &site.path[..] };
    for step in rest {
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
    if let Object::Name(n) = cur {
        *n = new.to_vec();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    #[test]
    fn names_outside_the_vocabulary_and_the_resources_are_units() {
        let mut doc = Document::with_version("1.7");
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "ABCDEF+Kwakernaat-Bold",
        });
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Resources" => dictionary! { "Font" => dictionary! { "FKwakernaat" => font } },
            "PieceInfo" => dictionary! { "JanJansen" => dictionary! { "Private" => "Geheim" } },
        });
        doc.trailer.set("Root", page);
        let sites = collect(&doc).unwrap();
        let got: Vec<(&str, Role)> = sites.iter().map(|s| (s.text.as_str(), s.role)).collect();
        assert!(got.contains(&("ABCDEF+Kwakernaat-Bold", Role::FontName)), "{got:?}");
        assert!(got.contains(&("JanJansen", Role::Key)) && got.contains(&("Geheim", Role::Value)), "{got:?}");
        assert!(!got.iter().any(|(t, _)| *t == "FKwakernaat" || *t == "TrueType"), "{got:?}");

        let base = sites.iter().find(|s| s.role == Role::FontName).unwrap();
        let key = sites.iter().find(|s| s.text == "JanJansen").unwrap();
        assert!(present(&doc, base) && present(&doc, key));
        set(&mut doc, base, &neutral_font_name(b"ABCDEF+Kwakernaat-Bold", 1));
        assert!(!present(&doc, base), "the old name is gone");
        assert_eq!(doc.get_dictionary(font).unwrap().get(b"BaseFont").unwrap().as_name().unwrap(), b"ABCDEF+Font1");
        assert_eq!(neutral_font_name(b"Kwakernaat", 2), b"Font2");
    }
}
