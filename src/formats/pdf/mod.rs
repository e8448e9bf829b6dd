//! PDF: true redaction in content streams, labelled boxes, and a scrub of hidden data.
//!
//! The stages, in the order a document goes through them, each a folder:
//!
//! - `read/`: [`Pdf::open`] loads with lopdf under size limits (`read/load.rs`: `read/crypt.rs`
//!   decrypts again what lopdf decrypted with the wrong crypt filter; streams whose `/Length` lopdf
//!   could not use are read up to `endstream`), refuses what cannot be handled safely (a password,
//!   undecodable text, image-only pages unless `--allow-unchecked-images`), lists the pages
//!   (`read/pagetree.rs`) and every stream (`read/streams.rs`), and notes the attachments
//!   (`read/attachments.rs`), which the scrub removes; every stream is decoded strictly by
//!   `read/filters.rs`;
//! - `text/` with `fonts/`: `text/interpret.rs` walks every content stream with its graphics and text
//!   state and records each glyph with its source and position (`fonts/font.rs`, `fonts/encoding.rs`,
//!   `fonts/cmap.rs`, `fonts/program.rs` turn codes into Unicode and widths); `text/text_layer.rs`
//!   puts glyphs into lines and reading order and builds unit 0, the page text, with a map from each
//!   byte back to its glyph; `text/strings.rs` adds every text string of the object graph (bookmarks,
//!   `/ActualText`, `/Alt`, link targets, …) and the interpreter every string operand of a content
//!   operator (marked-content property lists, operators viewers ignore) as further units, and
//!   `text/names.rs` every name that is not PDF's own vocabulary (`text/vocabulary.rs`);
//! - `scan/`: scanned pages and pictures on text pages are read by OCR (`scan/ocr.rs`), and what may
//!   pass unchecked is decided (`scan/policy.rs`); the words read are the last units;
//! - `write/`: [`Document::redact`]: `write/rewrite.rs` removes the glyphs of each span from their
//!   operators and re-anchors the text around them so the removed width is not recoverable;
//!   `write/apply.rs` writes the new page contents with the labelled boxes `write/marks.rs` draws;
//!   `write/images.rs` blacks out pixels under boxes and strips JPEG and JPEG 2000 metadata
//!   (`scan/samples.rs` fills the boxes in the images OCR read); `write/resources.rs` gives every
//!   resource a neutral name; `write/scrub.rs` removes hidden data and unreachable objects;
//!   `write/normalise.rs` and `write/font_programs.rs` write again what can hide text in streams
//!   that are not text; `write/decodable.rs` checks that every stream of the output decodes; the
//!   file is written whole, never as an update.
//!
//! `geom.rs` (matrices, quadrilaterals, numbers) serves every stage. This file is the glue: [`Pdf`],
//! and `PdfDocument` with `open` and `redact` calling the stages in that order, and which unit is
//! which.
//!
//! The pipeline re-opens the output with this same adapter and scans it again (fail closed); its final
//! sweep also searches [`Document::byte_views`]: every stream decoded and every string as stored.

pub(crate) mod fonts;
mod geom;
mod read;
mod scan;
mod text;
mod write;

pub(crate) use text::vocabulary::is_vocabulary_token;

use std::collections::{BTreeMap, BTreeSet, HashSet};

use lopdf::content::Operation;
use lopdf::{Document as LoDocument, Object, ObjectId};

use super::media::ocr_text;
use super::{ByteView, Document, Format, Options, Redacted, Redaction, Syntax};
use crate::limits;
use crate::model::{Code, Location, Manual};
use fonts::encoding;
use read::objects::{self, Budget};
use read::{pagetree, streams, unreadable};
use text::interpret::{self, HIDDEN_INVISIBLE, HIDDEN_LAYER_OFF, HIDDEN_OFF_PAGE, HIDDEN_WHITE, Layer, StreamKey};
use text::strings::{self, Site};
use text::text_layer::{self, TextLayer};
use text::{names, vocabulary};
use write::{IMAGE_FILTERS, check_decodable, images, normalise, resources, rewrite, scrub};

/// The PDF format.
pub struct Pdf;

impl Format for Pdf {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["pdf"]
    }

    fn open(&self, bytes: Vec<u8>, options: &Options) -> Result<Box<dyn Document>, Manual> {
        Ok(Box::new(PdfDocument::open(&bytes, options)?))
    }
}

fn page_list(pages: &[u32]) -> String {
    let v: Vec<String> = pages.iter().map(|p| p.to_string()).collect();
    v.join(", ")
}

struct PdfDocument {
    doc: LoDocument,
    layer: Layer,
    text: TextLayer,
    sites: Vec<Site>,
    streams: streams::Inventory,
    /// Names of the object graph that are read as text (after the text streams among the units).
    names: Vec<names::NameSite>,
    /// What OCR read on scanned pages (the last units).
    scans: scan::Scans,
    notes: Vec<String>,
    /// `--no-text-layer`: no OCR text layer on scanned pages, and theirs removed.
    no_text_layer: bool,
}

impl PdfDocument {
    fn open(bytes: &[u8], options: &Options) -> Result<PdfDocument, Manual> {
        let (doc, mut notes) = read::load(bytes)?;
        let reach = streams::walk(&doc)?;
        let pages = pagetree::pages(&doc)?;
        if pages.is_empty() {
            return Err(unreadable("the PDF has no pages lak can find"));
        }
        if pages.len() > limits::PDF_MAX_PAGES {
            return Err(Manual::new(Code::TooLarge, format!("more than {} pages", limits::PDF_MAX_PAGES)));
        }
        // Attachments are hidden data: the scrub removes them (the rule for PDF); the report says
        // what was there, so that a reviewer can handle the attachments on their own.
        let attachments = read::embedded_files(&doc);
        let budget = Budget::new();
        let layer = interpret::Interpreter::new(&doc, &budget).run(&pages)?;

        let mut undecodable: Vec<u32> = Vec::new();
        let mut reasons: BTreeSet<String> = BTreeSet::new();
        for (n, p) in layer.pages.iter().enumerate() {
            if !p.undecodable.is_empty() {
                undecodable.push(n as u32 + 1);
                reasons.extend(p.undecodable.iter().cloned());
            }
            let hidden: Vec<String> = [
                (HIDDEN_INVISIBLE, "invisible (render mode 3)"),
                (HIDDEN_WHITE, "white"),
                (HIDDEN_OFF_PAGE, "outside the visible page"),
                (HIDDEN_LAYER_OFF, "in a layer that is switched off"),
            ]
            .iter()
            .enumerate()
            .filter(|(bit, _)| p.hidden[*bit] > 0)
            .map(|(bit, (_, what))| format!("{} glyphs {what}", p.hidden[bit]))
            .collect();
            if !hidden.is_empty() {
                notes.push(format!(
                    "page {}: text a reader does not see was read and checked: {}",
                    n + 1,
                    hidden.join(", ")
                ));
            }
        }
        if layer.glyphs.iter().any(|g| g.text.is_none()) && undecodable.is_empty() {
            // Glyphs without text in detached streams only.
            undecodable.push(0);
        }
        if !undecodable.is_empty() {
            let pages = if undecodable == [0] {
                "a pattern or glyph procedure".to_string()
            } else {
                format!("page(s) {}", page_list(&undecodable))
            };
            return Err(Manual::new(
                Code::PdfUndecodableText,
                format!(
                    "text on {pages} cannot be decoded to characters, so lak cannot check it: {}",
                    reasons.into_iter().collect::<Vec<_>>().join("; ")
                ),
            ));
        }
        let scans = scan::read_scans(&doc, &layer, options, &mut notes)?;
        for (what, n) in &layer.detached {
            notes.push(format!("{n} {what}(s) outside page space: text read and checked"));
        }
        if let Some(what) = attachments {
            notes.push(format!("the PDF carried {what}: removed from the output, not checked; handle them separately"));
        }
        let text = text_layer::build(&layer);
        let sites = strings::collect(&doc)?;
        let mut interpreted: HashSet<ObjectId> = HashSet::new();
        for u in &layer.uses {
            match u.stream {
                StreamKey::Object(id) => {
                    interpreted.insert(id);
                }
                StreamKey::Page(p) => interpreted.extend(doc.get_page_contents(p)),
            }
        }
        let streams = streams::Inventory::new(reach, interpreted, &doc, &budget);
        let names = names::collect(&doc)?;
        let no_text_layer = options.no_text_layer;
        Ok(PdfDocument { doc, layer, text, sites, streams, names, scans, notes, no_text_layer })
    }

    /// The image and the unit of its OCR layout a unit is, if it is text OCR read.
    fn scan_unit(&self, unit: usize) -> Option<(usize, usize)> {
        unit.checked_sub(1 + self.sites.len() + self.layer.props.len() + self.streams.text.len() + self.names.len())
            .and_then(|i| self.scans.units.get(i).copied())
    }

    fn prop_unit(&self, unit: usize) -> Option<&interpret::PropString> {
        unit.checked_sub(1 + self.sites.len()).and_then(|i| self.layer.props.get(i))
    }

    /// The index in [`streams::Inventory::text`] of a unit, if it is a text stream.
    fn stream_unit(&self, unit: usize) -> Option<usize> {
        unit.checked_sub(1 + self.sites.len() + self.layer.props.len()).filter(|&i| i < self.streams.text.len())
    }

    /// The name of the object graph a unit is, if it is one.
    fn name_unit(&self, unit: usize) -> Option<&names::NameSite> {
        unit.checked_sub(1 + self.sites.len() + self.layer.props.len() + self.streams.text.len())
            .and_then(|i| self.names.get(i))
    }
}

/// Each span of `text` replaced by its marker ([`crate::formats::splice`]).
fn mark(text: &str, spans: &[(usize, usize, String)]) -> Result<String, Manual> {
    crate::formats::splice::mark(text, spans.iter().map(|(s, e, l)| (*s, *e, l.as_str())))
        .map_err(|e| Manual::new(Code::InternalError, format!("a PDF string: {e}")))
}

impl Document for PdfDocument {
    fn units(&self) -> Vec<&str> {
        let mut v = Vec::with_capacity(
            1 + self.sites.len() + self.layer.props.len() + self.streams.text.len() + self.names.len(),
        );
        v.push(self.text.text.as_str());
        v.extend(self.sites.iter().map(|s| s.text.as_str()));
        v.extend(self.layer.props.iter().map(|p| p.text.as_str()));
        v.extend(self.streams.text.iter().map(|t| t.text.as_deref().unwrap_or("")));
        v.extend(self.names.iter().map(|n| n.text.as_str()));
        v.extend(self.scans.units.iter().map(|&(i, u)| self.scans.images[i].layout.units[u].as_str()));
        v
    }

    fn locate(&self, unit: usize, start: usize, end: usize) -> Location {
        let mut loc = Location { offset: start, length: end - start, ..Location::default() };
        if unit == 0 {
            let page = self.text.page_of(start);
            loc.page = Some(page as u32 + 1);
            let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
            for g in self.text.glyphs_in(start, end) {
                let gl = &self.layer.glyphs[g as usize];
                let u = &self.layer.uses[gl.use_id as usize];
                if u.detached || u.page as usize != page {
                    continue;
                }
                let q = gl.trm.quad(0.0, f64::from(gl.descent), gl.w, f64::from(gl.ascent)).bbox();
                b = [b[0].min(q[0]), b[1].min(q[1]), b[2].max(q[2]), b[3].max(q[3])];
            }
            if b[0] <= b[2] {
                loc.bbox = Some(b.map(|v| ((v * 10.0).round() / 10.0) as f32));
            }
        } else if let Some(site) = self.sites.get(unit - 1) {
            loc.part = Some(site.place.clone());
        } else if let Some(p) = self.prop_unit(unit) {
            let u = &self.layer.uses[p.use_id as usize];
            loc.page = Some(u.page + 1);
            let path: String = p
                .path
                .iter()
                .map(|s| match s {
                    strings::Step::Key(k) => format!("/{}", String::from_utf8_lossy(k)),
                    strings::Step::Index(i) => format!("[{i}]"),
                })
                .collect();
            loc.part = Some(format!("string operand of a content operator {path}"));
        } else if let Some(i) = self.stream_unit(unit) {
            loc.part = Some(self.streams.place(i));
        } else if let Some(n) = self.name_unit(unit) {
            loc.part = Some(n.place.clone());
        } else if let Some((i, u)) = self.scan_unit(unit) {
            let img = &self.scans.images[i];
            loc.part = Some(match img.layout.correction_note(u, start, end) {
                Some(note) => format!("OCR block {} of {} ({note})", u + 1, img.what()),
                None => format!("OCR block {} of {}", u + 1, img.what()),
            });
            loc.line = img.layout.line_of(u, start);
            if let (Some((page, ctm)), Some(boxes)) = (img.uses.first(), img.layout.line_boxes(u, start, end)) {
                loc.page = Some(page + 1);
                let b = boxes
                    .iter()
                    .map(|b| img.quad(ctm, *b).bbox())
                    .fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |a, q| {
                        [a[0].min(q[0]), a[1].min(q[1]), a[2].max(q[2]), a[3].max(q[3])]
                    });
                loc.bbox = Some(b.map(|v| ((v * 10.0).round() / 10.0) as f32));
            }
        }
        loc
    }

    /// Every filtered stream decoded, each within its own budget, and one view of every string and
    /// name in the object graph as stored: a hex string, or a name written with `#` escapes, does not
    /// show its value in the file's bytes. Streams whose last filter is an image codec are left out
    /// (their raw bytes are the file's); every other filtered stream of an output decodes, within the
    /// document's total, or the redaction refused it ([`check_decodable`]).
    fn byte_views(&self) -> Vec<ByteView<'_>> {
        let mut views = Vec::new();
        let mut atoms: Vec<u8> = Vec::new();
        let mut stack: Vec<&Object> = self.doc.trailer.iter().map(|(_, v)| v).collect();
        for (id, o) in &self.doc.objects {
            if let Object::Stream(s) = o
                && objects::filter_names(s).last().is_some_and(|f| !IMAGE_FILTERS.contains(f))
                && let Ok(data) = Budget::new().decode(s)
            {
                // Content streams and CMaps are PDF syntax; everything else is plain bytes.
                let syntax = match self.streams.kinds.get(id) {
                    Some(streams::Kind::Drawn | streams::Kind::CMap) => Syntax::PdfTokens,
                    _ => Syntax::Bytes,
                };
                views.push(ByteView::owned(format!("stream object {} (decoded)", id.0), data).with_syntax(syntax));
            }
            stack.push(o);
        }
        while let Some(o) = stack.pop() {
            match o {
                Object::String(b, _) => {
                    atoms.extend_from_slice(b);
                    atoms.push(0);
                }
                // PDF's own names are syntax, the same in every file (`/Parent`).
                Object::Name(b) if !vocabulary::is_vocabulary(b) => {
                    atoms.extend_from_slice(b);
                    atoms.push(0);
                }
                Object::Array(a) => stack.extend(a.iter()),
                Object::Dictionary(d) => stack.extend(d.iter().map(|(k, v)| {
                    if !vocabulary::is_vocabulary(k) {
                        atoms.extend_from_slice(k);
                        atoms.push(0);
                    }
                    v
                })),
                Object::Stream(s) => stack.extend(s.dict.iter().map(|(k, v)| {
                    if !vocabulary::is_vocabulary(k) {
                        atoms.extend_from_slice(k);
                        atoms.push(0);
                    }
                    v
                })),
                _ => {}
            }
        }
        views.push(ByteView::owned("the strings and names of the object graph", atoms));
        // What OCR reads in the pixels is a view of the images too: a removed value read there again
        // withholds the output.
        for img in &self.scans.images {
            let page = img.uses.first().map_or(0, |u| u.0 + 1);
            let text = img.layout.units.join("\n").into_bytes();
            views.push(ByteView::owned(format!("the text OCR reads in {} on page {page}", img.what()), text));
        }
        views
    }

    fn file_syntax(&self) -> Syntax {
        Syntax::PdfTokens
    }

    fn is_identifier(&self, unit: usize) -> bool {
        self.name_unit(unit).is_some()
    }

    fn notes(&self) -> Vec<String> {
        self.notes.clone()
    }

    fn date(&self) -> Option<String> {
        let info = objects::as_dict(&self.doc, self.doc.trailer.get(b"Info").ok()?)?;
        match objects::deref(&self.doc, info.get(b"CreationDate").ok()?)? {
            Object::String(bytes, _) => super::iso_date(bytes.strip_prefix(b"D:").unwrap_or(bytes)),
            _ => None,
        }
    }

    fn redact(&self, redactions: &[Redaction]) -> Result<Redacted, Manual> {
        let mut doc = self.doc.clone();
        let budget = Budget::new();
        let mut labels: Vec<String> = Vec::new();
        let mut label_of = |l: &str| -> usize {
            match labels.iter().position(|x| x == l) {
                Some(i) => i,
                None => {
                    labels.push(l.to_string());
                    labels.len() - 1
                }
            }
        };

        // Strings in the object graph and in marked-content property lists.
        let mut per_unit: BTreeMap<usize, Vec<(usize, usize, String)>> = BTreeMap::new();
        let mut edits = rewrite::Edits::default();
        // Text OCR read: pixel boxes to fill per scanned image, labelled boxes on the page.
        let mut fills: BTreeMap<usize, Vec<[u32; 4]>> = BTreeMap::new();
        let mut ocr_boxes: Vec<rewrite::PageBox> = Vec::new();
        for r in redactions {
            if r.unit == 0 {
                for g in self.text.glyphs_in(r.start, r.end) {
                    let l = label_of(&r.label);
                    edits.removed.entry(rewrite::key(&self.layer, g)).or_insert(l);
                }
            } else if let Some((i, u)) = self.scan_unit(r.unit) {
                let img = &self.scans.images[i];
                let boxes = img.layout.line_boxes(u, r.start, r.end).ok_or_else(|| {
                    Manual::new(Code::InternalError, "a finding in an image OCR read maps to no OCR word")
                })?;
                let l = label_of(&r.label);
                for b in boxes {
                    let b = ocr_text::widened(b, img.width, img.height);
                    fills.entry(i).or_default().push(b);
                    for (page, ctm) in &img.uses {
                        let quad = img.quad(ctm, b);
                        ocr_boxes.push(rewrite::PageBox {
                            page: *page,
                            quad,
                            label: l,
                            baseline: 0.25,
                            height_em: 1.4,
                        });
                        // The union with a text layer: its glyphs under the box go too, whatever they say.
                        for g in self.glyphs_under(*page, quad.bbox()) {
                            edits.removed.entry(rewrite::key(&self.layer, g)).or_insert(l);
                        }
                    }
                }
            } else {
                per_unit.entry(r.unit).or_default().push((r.start, r.end, r.label.clone()));
            }
        }
        let mut tainted: HashSet<ObjectId> = HashSet::new();
        let mut flagged: HashSet<ObjectId> = HashSet::new();
        let mut font_names: BTreeMap<Vec<u8>, Vec<u8>> = BTreeMap::new();
        let mut unrenamable: Vec<&names::NameSite> = Vec::new();
        for (unit, spans) in per_unit {
            if let Some(n) = self.name_unit(unit) {
                if n.role != names::Role::FontName {
                    // Refused below unless the scrub removes it.
                    unrenamable.push(n);
                    continue;
                }
                let old = n.text.as_bytes().to_vec();
                let k = font_names.len() + 1;
                let new = font_names.entry(old.clone()).or_insert_with(|| names::neutral_font_name(&old, k)).clone();
                names::set(&mut doc, n, &new);
                if let strings::Root::Object(id) = n.root {
                    tainted.insert(id);
                }
            } else if let Some(i) = self.stream_unit(unit) {
                // Not edited: such a stream may only stay if the scrub drops it (checked by the audit).
                flagged.insert(self.streams.text[i].id);
            } else if let Some(site) = self.sites.get(unit - 1) {
                let new = mark(&site.text, &spans)?;
                strings::set(&mut doc, site, &new);
                if let strings::Root::Object(id) = site.root {
                    tainted.insert(id);
                }
            } else if let Some(p) = self.prop_unit(unit) {
                let new = mark(&p.text, &spans)?;
                let stream = self.layer.uses[p.use_id as usize].stream;
                edits.props.entry((stream, p.op)).or_default().push((
                    p.operand,
                    p.path.clone(),
                    encoding::encode_text_string(&new, p.encoding),
                ));
            } else {
                return Err(Manual::new(Code::InternalError, "a redaction names a unit that does not exist"));
            }
        }

        // `--no-text-layer`: the invisible text of scanned pages goes, operator by operator (a text
        // operator draws in one render mode).
        let scanned = scan::scanned_pages(&self.layer);
        let mut layer_dropped: BTreeSet<u32> = BTreeSet::new();
        if self.no_text_layer {
            for g in &self.layer.glyphs {
                let u = &self.layer.uses[g.use_id as usize];
                if g.hidden & interpret::HIDDEN_INVISIBLE != 0
                    && !u.detached
                    && scanned.contains(&u.page)
                    && matches!(u.stream, StreamKey::Page(_))
                {
                    edits.drop_ops.insert((u.stream, g.op));
                    layer_dropped.insert(u.page + 1);
                }
            }
        }
        let layer_ops = edits.drop_ops.len();

        // Content streams, boxes, images.
        let ops_of = |k: StreamKey| -> Result<Vec<Operation>, Manual> {
            match k {
                StreamKey::Page(p) => interpret::page_operations(&self.doc, p, &budget),
                StreamKey::Object(id) => interpret::stream_operations(&self.doc, id, &budget),
            }
        };
        let mut rewritten = rewrite::rewrite(&self.layer, &self.text, &edits, ops_of)?;
        rewritten.boxes.extend(ocr_boxes.iter().cloned());
        let mut covered = images::covered(&self.layer, &rewritten.boxes);
        if !covered.inline.is_empty() {
            for &(use_id, op) in &covered.inline {
                edits.drop_ops.insert((self.layer.uses[use_id as usize].stream, op));
            }
            rewritten = rewrite::rewrite(&self.layer, &self.text, &edits, ops_of)?;
            rewritten.boxes.extend(ocr_boxes);
        }
        // A scanned image under any box (OCR's or a text layer's) is filled and encoded anew once.
        for (i, img) in self.scans.images.iter().enumerate() {
            if let Some(areas) = covered.xobjects.remove(&img.id) {
                fills.entry(i).or_default().extend(areas.iter().map(|a| img.pixel_box(*a)));
            }
        }
        let mut scrubbed = Vec::new();
        let inline = edits.drop_ops.len() - layer_ops;
        if inline > 0 {
            scrubbed.push(format!("inline images under a box: {inline} removed"));
        }
        if !layer_dropped.is_empty() {
            let pages: Vec<u32> = layer_dropped.into_iter().collect();
            scrubbed.push(format!(
                "invisible text layer of scanned page(s) {} removed (--no-text-layer)",
                page_list(&pages)
            ));
        }
        // The OCR text layer of scanned pages that carry none: the words lak did not remove.
        let layer_words = if self.no_text_layer { Vec::new() } else { self.layer_words(redactions, &fills, &scanned) };
        if !layer_words.is_empty() {
            let mut pages: Vec<u32> = layer_words.iter().map(|w| w.page + 1).collect();
            pages.dedup();
            scrubbed.push(format!(
                "OCR text layer written on scanned page(s) {}: the words read there and kept, invisible over \
                 the pixels",
                page_list(&pages)
            ));
        }
        // Streams that may hold a comment are written again from their operations, comments left out.
        for &k in &self.layer.percent {
            if let std::collections::btree_map::Entry::Vacant(e) = rewritten.streams.entry(k) {
                e.insert(ops_of(k)?);
            }
        }
        let mut applied = self.apply(&mut doc, &rewritten, &layer_words, &labels, &budget)?;
        for (id, areas) in &covered.xobjects {
            scrubbed.push(images::blacken(&mut doc, *id, areas, &budget));
        }
        for (i, boxes) in &fills {
            let id = self.scans.images[*i].id;
            let (done, mask) = scan::samples::redact(&mut doc, id, boxes)
                .map_err(|why| Manual::new(Code::PdfUnsupported, format!("image object {}: {why}", id.0)))?;
            scrubbed.push(done);
            applied.own.extend(mask);
        }
        if !font_names.is_empty() {
            scrubbed.push(format!("font names holding personal data replaced by neutral ones: {}", font_names.len()));
        }
        let pages: Vec<ObjectId> = self.layer.pages.iter().map(|p| p.id).collect();
        // Not listed as scrubbed: every output gets neutral resource names (docs/formats.md, PDF).
        let read: HashSet<ObjectId> =
            self.streams.interpreted.iter().chain(&applied.own).chain(&applied.in_place).copied().collect();
        applied.own.extend(resources::rename(&mut doc, &pages, &read, &budget)?);
        let jpegs = images::strip_jpegs(&mut doc, &budget)?;
        if jpegs > 0 {
            scrubbed.push(format!("EXIF/XMP/comments in embedded JPEG images: {jpegs}"));
        }
        let jpxs = images::strip_jpxs(&mut doc)?;
        if jpxs > 0 {
            scrubbed.push(format!("XML/XMP/comments in embedded JPEG 2000 images: {jpxs}"));
        }
        let drawn_images = self.layer.images.iter().filter_map(|u| u.xobject).collect();
        scrubbed.extend(scrub::scrub(&mut doc, &scrub::Context { tainted, drawn_images }));
        if let Some(n) = unrenamable.iter().find(|n| names::present(&doc, n)) {
            return Err(Manual::new(
                Code::PdfUnsupported,
                format!(
                    "a name in the PDF's structure holds a value to redact ({}) and lak cannot rename it without \
                     changing what the file means",
                    n.place
                ),
            ));
        }
        let rebuilt = normalise::normalise(&mut doc, &self.streams.kinds, &self.streams.interpreted, &budget)?;
        if rebuilt > 0 {
            scrubbed.push(format!("text in ICC profiles and comments in calculator functions: {rebuilt} stream(s)"));
        }
        let blanked = self.blank_font_words(&mut doc, redactions, &budget);
        if blanked > 0 {
            scrubbed.push(format!(
                "names, notices and comments in embedded font programs that held a removed value: {blanked} font(s)"
            ));
        }
        self.streams.audit(&doc, &applied.own, &applied.retired, &flagged)?;

        doc.encryption_state = None;
        doc.trailer.remove(b"Encrypt");
        // Checked before compressing: what `compress` adds is lopdf's own zlib of plain data.
        let repaired = check_decodable(&mut doc)?;
        if repaired > 0 {
            scrubbed.push(format!("streams with a wrong zlib checksum written again from their data: {repaired}"));
        }
        doc.compress();
        objects::direct_lengths(&mut doc);
        doc.renumber_objects();
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes)
            .map_err(|e| Manual::new(Code::WriteFailed, format!("the PDF could not be written: {e}")))?;
        Ok(Redacted { bytes, scrubbed })
    }
}

impl PdfDocument {
    /// The glyphs shown on 0-based `page` whose middle lies in `area` (x0, y0, x1, y1 in page space).
    fn glyphs_under(&self, page: u32, area: [f64; 4]) -> Vec<u32> {
        let mut found = Vec::new();
        for (g, gl) in self.layer.glyphs.iter().enumerate() {
            let u = &self.layer.uses[gl.use_id as usize];
            if u.detached || u.page != page {
                continue;
            }
            let q = gl.trm.quad(0.0, f64::from(gl.descent), gl.w, f64::from(gl.ascent)).bbox();
            let (x, y) = ((q[0] + q[2]) / 2.0, (q[1] + q[3]) / 2.0);
            if x >= area[0] && x <= area[2] && y >= area[1] && y <= area[3] {
                found.push(g as u32);
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::Policy;
    use crate::detect::Detector;
    use crate::rules::RuleSet;
    use lopdf::Stream;

    /// What the built-in rules would have lak remove from `doc`.
    fn redactions(doc: &dyn Document, rules: &RuleSet, detector: &Detector) -> Vec<Redaction> {
        let policy = Policy::new(crate::model::Mode::Woo, rules);
        let units = doc.units();
        let identifiers: Vec<bool> = (0..units.len()).map(|u| doc.is_identifier(u)).collect();
        let found = detector.detect_document(&mut detector.scratch(), &units, &[], &identifiers);
        crate::decide::plan(rules, crate::model::Mode::Woo, &policy.decide(rules, &units, found))
    }

    /// A page showing `text` in Helvetica whose descriptor embeds `program` (Flate-compressed).
    fn pdf_with_font_program(text: &str, program: &[u8]) -> Vec<u8> {
        use lopdf::dictionary;
        let mut doc = LoDocument::with_version("1.7");
        let mut ff = Stream::new(dictionary! {}, program.to_vec());
        ff.compress().unwrap();
        let ff = doc.add_object(ff);
        let fd = doc.add_object(dictionary! {
            "Type" => "FontDescriptor", "FontName" => "Helvetica", "Flags" => 32, "FontFile2" => ff,
        });
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding", "FontDescriptor" => fd,
        });
        let content = format!("BT /F1 12 Tf 72 700 Td ({text}) Tj ET");
        let contents = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
        let pages = doc.new_object_id();
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Contents" => contents, "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        });
        doc.objects.insert(
            pages,
            Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }),
        );
        let cat = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", cat);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        bytes
    }

    #[test]
    fn byte_views_show_what_compression_and_hex_strings_hide() {
        use lopdf::dictionary;
        let program = b"\x00\x01\x00\x00 name: Notice BSN 111222333 ".repeat(20);
        let bytes = pdf_with_font_program("Tekst", &program);
        let hay = |b: &[u8]| b.windows(9).any(|w| w == b"111222333");
        assert!(!hay(&bytes), "the program must be compressed in the file");
        let doc = Pdf.open(bytes, &Options::default()).unwrap();
        let views = doc.byte_views();
        assert!(views.iter().any(|v| hay(&v.bytes)), "the decoded program is a view");
        assert!(!doc.units().iter().any(|u| u.contains("111222333")), "the detector does not read font programs");

        // A hex string's value is only in the view of strings.
        let mut d = LoDocument::load_mem(&pdf_with_font_program("Tekst", b"x")).unwrap();
        d.trailer.set(
            "Info",
            dictionary! {
                "Author" => Object::String(b"Jan Jansen".to_vec(), lopdf::StringFormat::Hexadecimal),
            },
        );
        let mut bytes = Vec::new();
        d.save_to(&mut bytes).unwrap();
        assert!(!bytes.windows(10).any(|w| w == b"Jan Jansen"));
        let doc = Pdf.open(bytes, &Options::default()).unwrap();
        assert!(doc.byte_views().iter().any(|v| v.bytes.windows(10).any(|w| w == b"Jan Jansen")));
    }

    /// A page whose only content stream is declared Flate but holds `data`.
    fn pdf_with_content(data: &[u8]) -> Vec<u8> {
        let mut d = LoDocument::load_mem(&pdf_with_font_program("Tekst", b"x")).unwrap();
        let page = d.page_iter().next().unwrap();
        let contents = d.get_page_contents(page)[0];
        let mut s = Stream::new(lopdf::dictionary! { "Filter" => "FlateDecode" }, data.to_vec());
        s.set_content(data.to_vec());
        d.objects.insert(contents, Object::Stream(s));
        let mut bytes = Vec::new();
        d.save_to(&mut bytes).unwrap();
        bytes
    }

    #[test]
    fn a_content_stream_that_does_not_inflate_is_not_an_empty_page() {
        // lopdf decodes a broken zlib header to nothing, with `Ok`: the page read as empty and was
        // written out as it was (pdf.js issue7665.pdf, after a wrong decryption).
        let err = Pdf.open(pdf_with_content(b"\xb1Y\xfd_\xe5 not zlib at all"), &Options::default()).err().unwrap();
        assert_eq!(err.code, "pdf_unreadable");
        assert!(err.reason.contains("FlateDecode"), "{}", err.reason);
    }

    #[test]
    fn the_output_audit_refuses_a_stream_that_does_not_decode() {
        let mut d = LoDocument::load_mem(&pdf_with_font_program("Tekst", b"x")).unwrap();
        assert_eq!(check_decodable(&mut d).unwrap(), 0);
        // A wrong checksum after complete data: written again from the data.
        let mut s = Stream::new(lopdf::dictionary! {}, b"Jan Jansen".repeat(40));
        s.compress().unwrap();
        let last = s.content.len() - 1;
        s.content[last] ^= 0xFF;
        let id = d.add_object(s);
        assert_eq!(check_decodable(&mut d).unwrap(), 1);
        assert_eq!(d.get_object(id).unwrap().as_stream().unwrap().content, b"Jan Jansen".repeat(40));
        d.add_object(Stream::new(lopdf::dictionary! { "Filter" => "FlateDecode" }, b"\x78\x9c garbage".to_vec()));
        let err = check_decodable(&mut d).unwrap_err();
        assert_eq!(err.code, "pdf_unreadable");
        assert!(err.reason.contains("of the output"), "{}", err.reason);
    }

    /// A one-page PDF written by hand: `stream_dict` is the content stream's dictionary.
    fn raw_pdf(stream_dict: &str, content: &str) -> Vec<u8> {
        let objs = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> \
             /Contents 4 0 R >>"
                .to_string(),
            format!("{stream_dict}\nstream\n{content}\nendstream"),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
        ];
        let mut out = b"%PDF-1.7\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objs.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).bytes());
        for o in offsets {
            out.extend(format!("{o:010} 00000 n \n").bytes());
        }
        out.extend(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objs.len() + 1).bytes());
        out
    }

    #[test]
    fn a_stream_without_a_usable_length_is_read_to_its_endstream() {
        // lopdf leaves such a stream empty: lak read an empty page and wrote a stream without /Length.
        let content = "BT /F1 12 Tf 72 700 Td (Geachte heer Jan Jansen,) Tj ET";
        for dict in ["<< >>", "<< /Length 4 0 R >>", "<< /Length /Lang >>"] {
            let doc = Pdf.open(raw_pdf(dict, content), &Options::default()).unwrap();
            assert!(doc.units()[0].contains("Jan Jansen"), "{dict}: {:?}", doc.units()[0]);
            assert!(doc.notes().iter().any(|n| n.contains("/Length")), "{dict}");
            let out = doc.redact(&[]).unwrap().bytes;
            let back = LoDocument::load_mem(&out).unwrap();
            for o in back.objects.values() {
                if let Object::Stream(s) = o {
                    assert_eq!(s.dict.get(b"Length").unwrap().as_i64().unwrap(), s.content.len() as i64);
                }
            }
        }
        let doc = Pdf.open(raw_pdf(&format!("<< /Length {} >>", content.len()), content), &Options::default()).unwrap();
        assert!(doc.notes().is_empty(), "{:?}", doc.notes());
    }

    /// Redacts what the built-in rules find in `bytes`.
    fn redact_with_rules(bytes: Vec<u8>) -> Result<Vec<u8>, Manual> {
        let rules = RuleSet::builtin().unwrap();
        let detector = Detector::new(&rules).unwrap();
        let doc = Pdf.open(bytes, &Options::default())?;
        let found = redactions(doc.as_ref(), &rules, &detector);
        Ok(doc.redact(&found)?.bytes)
    }

    #[test]
    fn a_removed_value_in_a_font_programs_name_table_is_blanked() {
        // An sfnt whose `name` table has one record (Mac Roman) naming the designer.
        let designer = b"ontworpen door Jan Jansen";
        let mut name = vec![0, 0, 0, 1, 0, 18];
        name.extend([0, 1, 0, 0, 0, 0, 0, 9, 0, designer.len() as u8, 0, 0]);
        name.extend(designer);
        let mut program = vec![0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
        program.extend(b"name");
        program.extend([0; 4]);
        program.extend(28u32.to_be_bytes());
        program.extend((name.len() as u32).to_be_bytes());
        program.extend(name);
        let bytes = pdf_with_font_program("Geachte heer Jan Jansen,", &program);
        let out = redact_with_rules(bytes).unwrap();
        let back = Pdf.open(out, &Options::default()).unwrap();
        let views = back.byte_views();
        assert!(views.iter().all(|v| !v.bytes.windows(6).any(|w| w == b"Jansen")), "the name table is blanked");
    }

    #[test]
    fn a_font_name_is_a_person_only_when_the_document_names_that_person() {
        let rules = RuleSet::builtin().unwrap();
        let detector = Detector::new(&rules).unwrap();
        let with_font = |content: &str| {
            let mut d = LoDocument::load_mem(&raw_pdf(&format!("<< /Length {} >>", content.len()), content)).unwrap();
            let font = d.objects.keys().copied().max().unwrap();
            d.get_dictionary_mut(font).unwrap().set("BaseFont", Object::Name(b"Constantia-Bold".to_vec()));
            let mut bytes = Vec::new();
            d.save_to(&mut bytes).unwrap();
            Pdf.open(bytes, &Options::default()).unwrap()
        };
        let in_font = |doc: &dyn Document, found: &[Redaction]| {
            found.iter().any(|r| doc.is_identifier(r.unit) && doc.units()[r.unit] == "Constantia-Bold")
        };
        // A font called Constantia: no person (and nothing on the page becomes one).
        let doc = with_font("BT /F1 12 Tf 72 700 Td (Met vriendelijke groet, de gemeente) Tj ET");
        assert!(redactions(doc.as_ref(), &rules, &detector).is_empty());
        // A letter to mevrouw Constantia Jansen: the font's name holds her given name.
        let doc = with_font("BT /F1 12 Tf 72 700 Td (Geachte mevrouw Constantia Jansen,) Tj ET");
        let found = redactions(doc.as_ref(), &rules, &detector);
        assert!(in_font(doc.as_ref(), &found), "{found:?}");
        let out = doc.redact(&found).unwrap().bytes;
        let back = Pdf.open(out, &Options::default()).unwrap();
        assert!(back.units().iter().all(|u| !u.contains("Constantia")), "{:?}", back.units());
    }

    #[test]
    fn a_name_holding_a_removed_value_is_refused_unless_the_scrub_removes_it() {
        use lopdf::dictionary;
        let content = "BT /F1 12 Tf 72 700 Td (Geachte heer J. Kwakernaat,) Tj ET";
        // A private key in the font dictionary, which stays in the output.
        let mut d = LoDocument::load_mem(&raw_pdf(&format!("<< /Length {} >>", content.len()), content)).unwrap();
        let font = d.objects.keys().copied().max().unwrap();
        d.get_dictionary_mut(font).unwrap().set("Kwakernaat", true);
        let mut bytes = Vec::new();
        d.save_to(&mut bytes).unwrap();
        let err = redact_with_rules(bytes).unwrap_err();
        assert_eq!(err.code, "pdf_unsupported");
        assert!(err.reason.contains("(a key)"), "{}", err.reason);
        // The same key in page-piece data, which the scrub drops: written, and gone.
        let mut d = LoDocument::load_mem(&raw_pdf(&format!("<< /Length {} >>", content.len()), content)).unwrap();
        let page = d.page_iter().next().unwrap();
        d.get_dictionary_mut(page).unwrap().set("PieceInfo", dictionary! { "Kwakernaat" => dictionary! {} });
        let mut bytes = Vec::new();
        d.save_to(&mut bytes).unwrap();
        let out = redact_with_rules(bytes).unwrap();
        assert!(!out.windows(10).any(|w| w == b"Kwakernaat"));
    }

    /// Where the time goes on one file:
    /// `LAK_PDF_DUMP=file.pdf cargo test --release --lib timing -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn timing() {
        let bytes = std::fs::read(std::env::var("LAK_PDF_DUMP").expect("LAK_PDF_DUMP")).unwrap();
        let rules = RuleSet::builtin().unwrap();
        let detector = Detector::new(&rules).unwrap();
        for _ in 0..5 {
            let t = std::time::Instant::now();
            let doc = Pdf.open(bytes.clone(), &Options::default()).unwrap();
            let t_open = t.elapsed();
            let found = redactions(doc.as_ref(), &rules, &detector);
            let t_detect = t.elapsed() - t_open;
            let t2 = std::time::Instant::now();
            doc.redact(&found).unwrap();
            println!("open {t_open:?} detect {t_detect:?} redact {:?}", t2.elapsed());
        }
    }

    /// Prints the units of a file; with `LAK_PDF_OUT` also writes what the built-in rules make of it:
    /// `LAK_PDF_DUMP=file.pdf cargo test --lib dump_units -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn dump_units() {
        let bytes = std::fs::read(std::env::var("LAK_PDF_DUMP").expect("LAK_PDF_DUMP")).unwrap();
        let doc = Pdf.open(bytes, &Options::default()).unwrap();
        for (i, u) in doc.units().iter().enumerate() {
            println!("--- unit {i}\n{u}");
        }
        if let Ok(out) = std::env::var("LAK_PDF_OUT") {
            let rules = RuleSet::builtin().unwrap();
            let detector = Detector::new(&rules).unwrap();
            let found = redactions(doc.as_ref(), &rules, &detector);
            std::fs::write(out, doc.redact(&found).unwrap().bytes).unwrap();
        }
    }

    /// The page text of `rows`, each drawn left cell then right cell on one baseline, 12 pt apart.
    fn rows_text(rows: &[(&str, &str)], right_x: u32) -> String {
        let mut content = String::from("BT /F1 10 Tf\n");
        for (i, (l, r)) in rows.iter().enumerate() {
            let y = 700 - 12 * i;
            content += &format!("1 0 0 1 50 {y} Tm ({l}) Tj 1 0 0 1 {right_x} {y} Tm ({r}) Tj\n");
        }
        content += "ET";
        let bytes = raw_pdf(&format!("<< /Length {} >>", content.len()), &content);
        Pdf.open(bytes, &Options::default()).unwrap().units()[0].to_string()
    }

    #[test]
    fn prose_columns_drawn_row_by_row_are_read_column_by_column() {
        let text = rows_text(
            &[
                ("De gemeente heeft het verzoek op", "Op 3 maart sprak ik met Pieter"),
                ("grond van de Woo ontvangen. Bel", "Bakker over de aanvraag. Daarna"),
                ("voor vragen 06-", "belde mevrouw Annelies Ver-"),
                ("87654321 of schrijf ons, onder", "hoeven van de afdeling Vergunningen"),
            ],
            227,
        );
        assert!(text.contains("voor vragen 06-87654321 of"), "{text:?}");
        assert!(text.contains("met Pieter Bakker over"), "{text:?}");
        assert!(text.contains("Annelies Verhoeven van"), "{text:?}");
    }

    #[test]
    fn a_label_column_drawn_row_by_row_stays_next_to_its_values() {
        // Labels are short and not prose: each row reads label then value, as the context rules expect.
        let rows =
            [("Naam:", "Jan Jansen"), ("BSN:", "111222333"), ("Adres:", "Dorpsstraat 1"), ("Telefoon:", "0612345678")];
        let text = rows_text(&rows, 160);
        for (l, r) in rows {
            assert!(text.contains(&format!("{l} {r}")), "{text:?}");
        }
    }

    #[test]
    fn a_form_with_long_labels_drawn_row_by_row_stays_next_to_its_values() {
        // Labels as wide as a prose column, each its own line: not text that runs on from line to line.
        let rows = [
            ("Naam en voorletters van de aanvrager ......", "Jan Jansen"),
            ("Geboortedatum van de aanvrager ............", "12-03-1980"),
            ("Burgerservicenummer van de aanvrager .....", "111222333"),
            ("Telefoonnummer waarop u bereikbaar bent ..", "0612345678"),
        ];
        let text = rows_text(&rows, 300);
        for (l, r) in rows {
            assert!(text.contains(&format!("{l} {r}")), "{text:?}");
        }
    }
}
