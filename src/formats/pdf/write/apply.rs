//! The redaction written into the document: the rewritten content streams, and on each page that
//! needs them the labelled boxes and the OCR text layer, drawn on top of its original content.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document as LoDocument, Object, ObjectId, Stream};

use super::{marks, rewrite};
use crate::formats::pdf::PdfDocument;
use crate::formats::pdf::read::objects::Budget;
use crate::formats::pdf::text::interpret::{self, StreamKey};
use crate::model::{Code, Manual};

impl PdfDocument {
    /// Writes the rewritten streams, the boxes and an OCR text layer into `doc`.
    pub(crate) fn apply(
        &self,
        doc: &mut LoDocument,
        rw: &rewrite::Rewritten,
        words: &[marks::LayerWord],
        labels: &[String],
        budget: &Budget,
    ) -> Result<Applied, Manual> {
        let mut applied = Applied::default();
        let encode = |ops: Vec<Operation>| -> Result<Vec<u8>, Manual> {
            Content { operations: ops }
                .encode()
                .map_err(|e| Manual::new(Code::InternalError, format!("content could not be encoded: {e}")))
        };
        // Detached and form streams: in place.
        for (key, ops) in &rw.streams {
            if let StreamKey::Object(id) = key {
                let data = encode(ops.clone())?;
                if let Some(Object::Stream(s)) = doc.objects.get_mut(id) {
                    s.set_plain_content(data);
                }
                applied.in_place.insert(*id);
            }
        }
        // Pages: new content (rewritten or original) plus the boxes.
        let mut boxes_by_page: BTreeMap<u32, Vec<rewrite::PageBox>> = BTreeMap::new();
        for b in &rw.boxes {
            boxes_by_page.entry(b.page).or_default().push(b.clone());
        }
        let mut pages: BTreeSet<u32> = boxes_by_page.keys().copied().collect();
        pages.extend(words.iter().map(|w| w.page));
        for key in rw.streams.keys() {
            if let StreamKey::Page(p) = key
                && let Some(n) = self.layer.pages.iter().position(|x| x.id == *p)
            {
                pages.insert(n as u32);
            }
        }
        for n in pages {
            let page_id = self.layer.pages[n as usize].id;
            let old = self.doc.get_page_contents(page_id);
            // The page's new content is written from the original operations of its streams: one that
            // was also edited in place as a form would come back unedited.
            if let Some(c) = old.iter().find(|c| applied.in_place.contains(c)) {
                return Err(Manual::new(
                    Code::PdfUnsupported,
                    format!("content stream object {} is both a page's content and a form with values to remove", c.0),
                ));
            }
            let ops = match rw.streams.get(&StreamKey::Page(page_id)) {
                Some(ops) => {
                    // The originals hold what was removed: they must not be used anywhere else (the audit
                    // checks that the scrub pruned them).
                    applied.retired.extend(old);
                    ops.clone()
                }
                None => interpret::page_operations(&self.doc, page_id, budget)?,
            };
            let mut all = vec![Operation::new("q", vec![])];
            all.extend(ops);
            all.push(Operation::new("Q", vec![]));
            let boxes = marks::merge(boxes_by_page.remove(&n).unwrap_or_default());
            let on_page: Vec<marks::LayerWord> = words.iter().filter(|w| w.page == n).cloned().collect();
            if !boxes.is_empty() || !on_page.is_empty() {
                let font = marks::add_label_font(doc, page_id);
                if !on_page.is_empty() {
                    all.extend(marks::invisible(&on_page, &font));
                }
                all.extend(marks::draw(&boxes, labels, &font));
            }
            let data = encode(all)?;
            let id = doc.add_object(Stream::new(Dictionary::new(), data));
            applied.own.insert(id);
            if let Ok(page) = doc.get_dictionary_mut(page_id) {
                page.set("Contents", Object::Reference(id));
            }
        }
        Ok(applied)
    }
}

/// What [`PdfDocument::apply`] did to the streams, for the audit.
#[derive(Default)]
pub(crate) struct Applied {
    /// New streams lak wrote.
    pub own: HashSet<ObjectId>,
    /// Streams edited in place.
    pub in_place: HashSet<ObjectId>,
    /// Original page content streams replaced because their page had something removed.
    pub retired: BTreeSet<ObjectId>,
}
