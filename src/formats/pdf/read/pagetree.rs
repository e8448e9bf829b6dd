//! The page tree, walked the way viewers walk it, and checked against lopdf's reading.
//!
//! Viewers (poppler, pdf.js, MuPDF) treat a dictionary with a `/Kids` array as an intermediate node
//! and any other dictionary among the kids as a page, whatever its `/Type` says. lopdf's page iterator
//! goes by `/Type` instead: a node without `/Type /Pages` becomes a blank page whose kids are never
//! visited, and a leaf with another type (`/Template`) is skipped. Either way a page a reader sees
//! would not be read by lak. [`pages`] walks the tree the viewers' way and refuses the document when
//! its list differs from lopdf's, or when the tree is ambiguous (a node that is also typed as a page, a
//! kid that is not a reference, a kid that is missing or not a dictionary). A page tree is a tree: an object reached twice in it (a cycle, or a
//! node shared by two parents, which makes the walk exponential: four levels of a node listing the
//! one below a thousand times are 10^12 pages) refuses the document, and the walk stops after
//! [`limits::PDF_MAX_PAGE_TREE_VISITS`] kids whatever the tree. Everything else in lak — the interpreter,
//! the scrub, the rewriting of `/Contents` — then works on a page list every reader agrees on.

use std::collections::HashSet;

use lopdf::{Document, Object, ObjectId};

use super::objects;
use crate::limits;
use crate::model::{Code, Manual};

fn unsupported(reason: impl Into<String>) -> Manual {
    Manual::new(Code::PdfUnsupported, reason)
}

/// The pages in document order, as every reader sees them.
pub(crate) fn pages(doc: &Document) -> Result<Vec<ObjectId>, Manual> {
    let mine = walk(doc)?;
    let lopdf: Vec<ObjectId> = doc.page_iter().take(limits::PDF_MAX_PAGES + 1).collect();
    if mine != lopdf {
        return Err(unsupported(format!(
            "the page tree can be read in two ways ({} pages the way viewers read it, {} the way lak's PDF \
             library does): a node without /Type /Pages, or a page with another /Type",
            mine.len(),
            lopdf.len()
        )));
    }
    Ok(mine)
}

fn walk(doc: &Document) -> Result<Vec<ObjectId>, Manual> {
    let Some(root) = doc.catalog().ok().and_then(|c| c.get(b"Pages").ok()).and_then(objects::ref_id) else {
        return Ok(Vec::new());
    };
    let kids_of = |id: ObjectId| -> Option<&[Object]> {
        match doc.objects.get(&id) {
            Some(Object::Dictionary(d)) => objects::get_array(doc, d, b"Kids"),
            _ => None,
        }
    };
    let Some(top) = kids_of(root) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    // (kids of a node, next index); `seen` holds every object reached so far.
    let mut stack: Vec<(&[Object], usize)> = vec![(top, 0)];
    let mut seen: HashSet<ObjectId> = HashSet::from([root]);
    let mut visits = 0usize;
    while let Some(top) = stack.last_mut() {
        let (kids, i) = (top.0, top.1);
        if i >= kids.len() {
            stack.pop();
            continue;
        }
        top.1 += 1;
        visits += 1;
        if visits > limits::PDF_MAX_PAGE_TREE_VISITS {
            return Err(Manual::new(Code::PdfTooComplex, "the page tree has too many entries"));
        }
        let Some(id) = objects::ref_id(&kids[i]) else {
            return Err(unsupported("a page-tree node lists a kid that is not a reference"));
        };
        if !seen.insert(id) {
            return Err(Manual::new(
                Code::PdfUnreadable,
                format!(
                    "object {} is reached twice in the page tree (a cycle, or a node or page listed by two \
                     parents)",
                    id.0
                ),
            ));
        }
        let Some(Object::Dictionary(dict)) = doc.objects.get(&id) else {
            // Missing or not a dictionary: some readers show a blank page, some skip it, some parse
            // an object lopdf could not (`3 18446744073709551616 obj`); the output would point at
            // nothing. lak cannot say what is on that page.
            return Err(Manual::new(
                Code::PdfUnreadable,
                format!(
                    "page {} is object {}, which is missing or not a page dictionary: lak cannot tell what \
                     a viewer shows there",
                    out.len() + 1,
                    id.0
                ),
            ));
        };
        let typ = objects::get_name(doc, dict, b"Type");
        match kids_of(id) {
            Some(kids) => {
                if typ == Some(b"Page") {
                    return Err(unsupported("a page-tree entry is typed as a page but has /Kids like a node"));
                }
                if stack.len() >= limits::PDF_MAX_DEPTH {
                    return Err(Manual::new(Code::PdfTooComplex, "the page tree is nested too deeply"));
                }
                stack.push((kids, 0));
            }
            None => {
                if typ == Some(b"Pages") {
                    return Err(unsupported("a page-tree entry is typed as a node but has no /Kids"));
                }
                out.push(id);
            }
        }
        if out.len() > limits::PDF_MAX_PAGES {
            break;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn doc_with(kids_of_second: Object, second: lopdf::Dictionary) -> Document {
        let mut doc = Document::with_version("1.7");
        let pages = doc.new_object_id();
        let p1 = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages });
        let leaf = doc.add_object(dictionary! { "Type" => "Page" });
        let mut second = second;
        second.set("Parent", pages);
        if !matches!(kids_of_second, Object::Null) {
            second.set("Kids", kids_of_second);
        }
        let n = doc.add_object(second);
        let _ = leaf;
        doc.objects
            .insert(pages, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![p1.into(), n.into()] }));
        let cat = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", cat);
        doc
    }

    #[test]
    fn agreeing_trees_pass_and_odd_nodes_are_refused() {
        let ok = doc_with(Object::Null, dictionary! { "Type" => "Page" });
        assert_eq!(pages(&ok).unwrap().len(), 2);
        // A node without /Type: lopdf reads a blank page, viewers read its kids.
        let leaf = (3, 0);
        let untyped = doc_with(vec![Object::Reference(leaf)].into(), dictionary! {});
        assert_eq!(pages(&untyped).unwrap_err().code, "pdf_unsupported");
        // A leaf typed /Template: lopdf skips it, viewers show it.
        let template = doc_with(Object::Null, dictionary! { "Type" => "Template" });
        assert_eq!(pages(&template).unwrap_err().code, "pdf_unsupported");
    }

    #[test]
    fn a_missing_page_is_refused() {
        // The second kid names object 3, which the document does not hold (lopdf could not parse it).
        let mut doc = doc_with(Object::Null, dictionary! { "Type" => "Page" });
        let root = doc.catalog().unwrap().get(b"Pages").unwrap().as_reference().unwrap();
        if let Some(Object::Dictionary(d)) = doc.objects.get_mut(&root) {
            d.set("Kids", vec![Object::Reference((99, 0))]);
        }
        let err = pages(&doc).unwrap_err();
        assert_eq!(err.code, "pdf_unreadable");
        assert!(err.reason.contains("object 99"), "{}", err.reason);
    }

    #[test]
    fn cycles_are_refused_with_a_reason() {
        let mut doc = doc_with(Object::Null, dictionary! { "Type" => "Page" });
        let root = doc.catalog().unwrap().get(b"Pages").unwrap().as_reference().unwrap();
        if let Some(Object::Dictionary(d)) = doc.objects.get_mut(&root) {
            let mut kids = d.get(b"Kids").unwrap().as_array().unwrap().clone();
            kids.push(Object::Reference(root));
            d.set("Kids", kids);
        }
        assert!(pages(&doc).unwrap_err().reason.contains("cycle"));
    }

    #[test]
    fn shared_nodes_are_refused_before_the_walk_explodes() {
        // N0 lists a page 1000 times; N1..N4 each list the level below 1000 times: 10^15 leaves.
        let mut doc = Document::with_version("1.7");
        let leaf = doc.add_object(dictionary! { "Type" => "Page" });
        let mut below = leaf;
        for _ in 0..5 {
            let kids: Vec<Object> = (0..1000).map(|_| Object::Reference(below)).collect();
            below = doc.add_object(dictionary! { "Type" => "Pages", "Kids" => kids });
        }
        let cat = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => below });
        doc.trailer.set("Root", cat);
        let started = std::time::Instant::now();
        let err = walk(&doc).unwrap_err();
        assert!(err.reason.contains("reached twice"), "{}", err.reason);
        assert!(started.elapsed().as_secs() < 2);
    }
}
