//! The OCR text layer lak writes on scanned pages that carry none: the words OCR read there and lak
//! kept, drawn invisible over their pixels (`write/marks.rs` draws them).

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::formats::Redaction;
use crate::formats::pdf::PdfDocument;
use crate::formats::pdf::write::marks;

impl PdfDocument {
    /// The words of an OCR text layer for the scanned pages that carry no text at all: every word OCR
    /// read in their images that no redaction touches and no filled box overlaps, placed over its
    /// pixels at every use of the image on such a page.
    pub(crate) fn layer_words(
        &self,
        redactions: &[Redaction],
        fills: &BTreeMap<usize, Vec<[u32; 4]>>,
        scanned: &[u32],
    ) -> Vec<marks::LayerWord> {
        let bare: Vec<u32> = scanned.iter().copied().filter(|&p| self.layer.pages[p as usize].glyphs == 0).collect();
        if bare.is_empty() {
            return Vec::new();
        }
        let mut removed: HashSet<(usize, usize)> = HashSet::new(); // (image, word)
        for r in redactions {
            if let Some((i, u)) = self.scan_unit(r.unit) {
                for (k, w) in self.scans.images[i].layout.words.iter().enumerate() {
                    if w.unit == u && w.start < r.end && r.start < w.end {
                        removed.insert((i, k));
                    }
                }
            }
        }
        let mut words = Vec::new();
        for (i, img) in self.scans.images.iter().enumerate() {
            let filled = fills.get(&i).map(Vec::as_slice).unwrap_or(&[]);
            // The words of a line share its extent across the text (top and bottom, or left and right in
            // an image read turned), so they share a baseline and a size, and a reader's extraction
            // keeps them on one line.
            let across = usize::from(img.turn % 180 != 90);
            let mut lines: HashMap<u32, (u32, u32)> = HashMap::new();
            for w in &img.layout.words {
                let (lo, hi) = (w.bbox[across], w.bbox[across] + w.bbox[2 + across]);
                let e = lines.entry(w.line).or_insert((lo, hi));
                *e = (e.0.min(lo), e.1.max(hi));
            }
            for (k, w) in img.layout.words.iter().enumerate() {
                let [l, t, ww, hh] = w.bbox;
                let b = [l, t, l + ww, t + hh];
                let overlaps = |f: &[u32; 4]| b[0] < f[2] && f[0] < b[2] && b[1] < f[3] && f[1] < b[3];
                if removed.contains(&(i, k)) || filled.iter().any(overlaps) {
                    continue;
                }
                let mut line = b;
                if let Some(&(lo, hi)) = lines.get(&w.line) {
                    (line[across], line[2 + across]) = (lo, hi);
                }
                let text = &img.layout.units[w.unit][w.start..w.end];
                for (page, ctm) in img.uses.iter().filter(|(p, _)| bare.contains(p)) {
                    let quad = img.text_quad(ctm, line);
                    words.push(marks::LayerWord { page: *page, quad, text: text.to_string() });
                }
            }
        }
        words.sort_by_key(|w| w.page);
        words
    }
}
