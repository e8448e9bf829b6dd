//! The content-stream interpreter: every glyph a page shows, where, in which font, and from which
//! operator.
//!
//! It keeps the graphics state (CTM, `q`/`Q`) and the text state (`Tm`/`Tlm`, `Tf`, `Tc`, `Tw`, `Tz`,
//! `TL`, `Ts`, `Tr`) and walks `Tj`, `TJ`, `'` and `"`, descending into form XObjects with their
//! matrices. Every glyph records its *source* (the stream, the operator index, the element of a `TJ`
//! array and the byte range of its code), its text rendering matrix, and its advance, so the text layer
//! can build lines and the rewriter can remove exactly these bytes later.
//!
//! Glyphs count whether or not they can be seen: invisible text (render mode 3, the OCR layer of a
//! scan), white text, text outside the crop box and text in optional-content groups that are switched
//! off are all read, and noted per page. Streams that are not drawn in page space — tiling patterns,
//! soft masks, Type3 glyph procedures, and form XObjects that sit in a resource dictionary without being
//! drawn — are read too, as *detached* uses after the pages: whatever text they hold is in the file, so it
//! must be checked.
//!
//! A use is one drawing of one stream. A form drawn on two pages has two uses of one stream; the
//! rewriter edits the stream once (see `write/rewrite.rs`), the boxes are drawn per use.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::rc::Rc;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::formats::pdf::fonts::encoding::{TextEncoding, decode_text_string};
use crate::formats::pdf::fonts::{Code, Font};
use crate::formats::pdf::geom::{Matrix, number};
use crate::formats::pdf::read::objects::{self, Budget};
use crate::limits;
use crate::model::Manual;

/// Which stream a use draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum StreamKey {
    /// The page's `/Contents` (all of its streams, read as one).
    Page(ObjectId),
    /// A stream object: a form XObject, a pattern, a soft mask, a glyph procedure.
    Object(ObjectId),
}

/// One drawing of a stream.
#[derive(Clone, Debug)]
pub(crate) struct Use {
    /// 0-based page the use belongs to (for detached uses: the page whose resources named it).
    pub page: u32,
    pub stream: StreamKey,
    /// Drawn outside page space (pattern, soft mask, glyph procedure, undrawn form): no boxes.
    pub detached: bool,
    /// The use at the top of this one's tree (a page's content, or a detached stream).
    pub root: u32,
}

/// One glyph shown.
#[derive(Clone, Debug)]
pub(crate) struct Glyph {
    pub use_id: u32,
    /// Operator index in the use's stream.
    pub op: u32,
    /// Element of the `TJ` array (0 for `Tj`, `'`, `"`).
    pub elem: u32,
    /// Byte offset of the code in the string, and its length.
    pub byte: u32,
    pub len: u8,
    /// Range in [`Layer::chars`]; `None` when the font does not say what the glyph is.
    pub text: Option<(u32, u32)>,
    /// Text rendering matrix: glyph space (per unit font size) to page space.
    pub trm: Matrix,
    /// The text matrix at the glyph's origin (what a `Tm` before it would set).
    pub tm: [f32; 6],
    /// Font size times horizontal scaling: text-space units per glyph unit along the baseline.
    pub fs_th: f32,
    /// Advance in text space per unit font size, character and word spacing included.
    pub w: f64,
    pub ascent: f32,
    pub descent: f32,
    /// Why a reader does not see it: `HIDDEN_*` bits (0: seen).
    pub hidden: u8,
}

pub(crate) const HIDDEN_INVISIBLE: u8 = 1;
pub(crate) const HIDDEN_WHITE: u8 = 2;
pub(crate) const HIDDEN_OFF_PAGE: u8 = 4;
pub(crate) const HIDDEN_LAYER_OFF: u8 = 8;

/// An image drawn (an image XObject or an inline image).
#[derive(Clone, Debug)]
pub(crate) struct ImageUse {
    pub use_id: u32,
    pub op: u32,
    /// Maps the unit square to page space.
    pub ctm: Matrix,
    /// The image XObject, or `None` for an inline image.
    pub xobject: Option<ObjectId>,
}

/// A string operand of an operator that does not show text: a marked-content property list
/// (`/Span <</ActualText (…)>> BDC`), or any string an operator carries (viewers ignore unknown
/// operators, but their bytes are in the file).
#[derive(Clone, Debug)]
pub(crate) struct PropString {
    pub use_id: u32,
    pub op: u32,
    /// The operand, and the way from it down to the string.
    pub operand: u32,
    pub path: Vec<super::strings::Step>,
    pub text: String,
    pub encoding: TextEncoding,
}

/// Per-page facts.
#[derive(Clone, Debug, Default)]
pub(crate) struct PageInfo {
    pub id: ObjectId,
    pub crop: [f64; 4],
    pub images: u32,
    /// Glyphs shown in page space (detached uses not counted).
    pub glyphs: u32,
    /// Of those, the glyphs a reader sees (none of the [`Glyph::hidden`] bits).
    pub shown: u32,
    /// Fonts whose text could not be decoded here, with the reason.
    pub undecodable: Vec<String>,
    /// Glyphs by [`Glyph::hidden`] bit: invisible, white, off the page, in a switched-off layer.
    pub hidden: [u32; 4],
}

/// Everything the pages show.
#[derive(Default)]
pub(crate) struct Layer {
    pub uses: Vec<Use>,
    pub glyphs: Vec<Glyph>,
    pub chars: String,
    pub images: Vec<ImageUse>,
    pub props: Vec<PropString>,
    pub pages: Vec<PageInfo>,
    /// Detached streams read, by kind (for the notes).
    pub detached: BTreeMap<&'static str, usize>,
    /// Streams whose bytes hold a `%`: possibly a comment, which the operations do not keep, so the
    /// redaction writes them again from their operations (a comment can hold anything).
    pub percent: BTreeSet<StreamKey>,
}

impl Layer {
    pub fn glyph_text(&self, g: &Glyph) -> Option<&str> {
        g.text.map(|(s, e)| &self.chars[s as usize..e as usize])
    }
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    tc: f64,
    tw: f64,
    th: f64,
    tl: f64,
    rise: f64,
    render: i64,
    white: bool,
}

/// A stream to read after the pages because it is not drawn in page space.
struct Detached<'a> {
    id: ObjectId,
    what: &'static str,
    page: u32,
    resources: Option<&'a Dictionary>,
}

/// Reads the content of one page or stream at a time into a [`Layer`].
pub(crate) struct Interpreter<'a> {
    doc: &'a Document,
    budget: &'a Budget,
    fonts: BTreeMap<ObjectId, Rc<Font>>,
    layer: Layer,
    ops_left: usize,
    /// Streams read as part of a page (a form drawn by `Do`).
    drawn: HashSet<ObjectId>,
    detached: Vec<Detached<'a>>,
    detached_seen: HashSet<ObjectId>,
    /// Resource dictionaries already scanned, by address (the document does not change while read).
    scanned_resources: HashSet<usize>,
    /// Optional-content groups that are off by default.
    ocg_off: HashSet<ObjectId>,
    codes: Vec<Code>,
}

fn manual(reason: impl Into<String>) -> Manual {
    Manual::new(crate::model::Code::PdfUnreadable, reason)
}

/// The decoded operations of `/Contents` of a page (all streams, in order, as one).
pub(crate) fn page_operations(doc: &Document, page: ObjectId, budget: &Budget) -> Result<Vec<Operation>, Manual> {
    decode_ops(&page_data(doc, page, budget)?)
}

/// The decoded bytes of `/Contents` of a page (all streams, in order, as one).
fn page_data(doc: &Document, page: ObjectId, budget: &Budget) -> Result<Vec<u8>, Manual> {
    let mut data = Vec::new();
    for id in doc.get_page_contents(page) {
        let Some(Object::Stream(s)) = doc.objects.get(&id) else {
            return Err(manual(format!("a content stream of page object {} is missing", id.0)));
        };
        data.extend(budget.decode(s)?);
        data.push(b'\n');
    }
    Ok(data)
}

/// The decoded operations of a stream object.
pub(crate) fn stream_operations(doc: &Document, id: ObjectId, budget: &Budget) -> Result<Vec<Operation>, Manual> {
    decode_ops(&stream_data(doc, id, budget)?)
}

fn stream_data(doc: &Document, id: ObjectId, budget: &Budget) -> Result<Vec<u8>, Manual> {
    let Some(Object::Stream(s)) = doc.objects.get(&id) else {
        return Err(manual(format!("object {} is not a stream", id.0)));
    };
    budget.decode(s)
}

/// Refuses operators whose operands a viewer could read differently from lak: a show operator with
/// more or other operands than it takes (`[(a)] [(b)] TJ`: lak would read one array, a viewer the
/// other), and an inline image the parser skipped rather than read (lopdf gives `BI` without operands
/// when it cannot parse the image, e.g. with a filter, and then looks for `EI` blindly — the text after
/// the real end of the image could be read differently by a viewer).
fn check_operands(operator: &str, a: &[Object]) -> Result<(), Manual> {
    let string = |o: &Object| matches!(o, Object::String(..));
    let ok = match operator {
        "Tj" | "'" => a.len() == 1 && string(&a[0]),
        "\"" => a.len() == 3 && number(&a[0]).is_some() && number(&a[1]).is_some() && string(&a[2]),
        "TJ" => {
            a.len() == 1
                && matches!(&a[0], Object::Array(items) if items.iter().all(|o| string(o) || number(o).is_some()))
        }
        "BI" => {
            if a.is_empty() {
                return Err(manual(
                    "an inline image lak cannot parse (inline images with filters or named colour spaces are not supported)",
                ));
            }
            // An inline image's dictionary holds numbers and names; a string there is not drawn and not read.
            !a.iter().any(|o| matches!(o, Object::Stream(s) if s.dict.iter().any(|(_, v)| string(v))))
        }
        _ => true,
    };
    if ok { Ok(()) } else { Err(manual(format!("operator {operator} with operands lak does not expect"))) }
}

fn decode_ops(data: &[u8]) -> Result<Vec<Operation>, Manual> {
    // Strict: lenient parsing drops what it cannot read, and text lak does not see would stay in the file.
    Content::decode_strict(data).map(|c| c.operations).map_err(|_| manual("a content stream cannot be fully parsed"))
}

/// The inherited page attribute `key` (`/Resources`, `/CropBox`, …).
pub(crate) fn inherited<'a>(doc: &'a Document, page: ObjectId, key: &[u8]) -> Option<&'a Object> {
    let mut node = doc.get_dictionary(page).ok()?;
    for _ in 0..limits::PDF_MAX_DEPTH {
        if let Some(v) = objects::get(doc, node, key) {
            return Some(v);
        }
        node = objects::get_dict(doc, node, b"Parent")?;
    }
    None
}

fn rect(doc: &Document, o: Option<&Object>) -> Option<[f64; 4]> {
    let Some(Object::Array(a)) = o else {
        return None;
    };
    if a.len() != 4 {
        return None;
    }
    let mut r = [0.0; 4];
    for (slot, v) in r.iter_mut().zip(a) {
        *slot = objects::num(doc, v)?;
    }
    Some([r[0].min(r[2]), r[1].min(r[3]), r[0].max(r[2]), r[1].max(r[3])])
}

impl<'a> Interpreter<'a> {
    pub fn new(doc: &'a Document, budget: &'a Budget) -> Interpreter<'a> {
        let mut ocg_off = HashSet::new();
        if let Ok(cat) = doc.catalog()
            && let Some(oc) = objects::get_dict(doc, cat, b"OCProperties")
            && let Some(d) = objects::get_dict(doc, oc, b"D")
            && let Some(off) = objects::get_array(doc, d, b"OFF")
        {
            ocg_off.extend(off.iter().filter_map(objects::ref_id));
        }
        Interpreter {
            doc,
            budget,
            fonts: BTreeMap::new(),
            layer: Layer::default(),
            ops_left: limits::PDF_MAX_OPERATIONS,
            drawn: HashSet::new(),
            detached: Vec::new(),
            detached_seen: HashSet::new(),
            scanned_resources: HashSet::new(),
            ocg_off,
            codes: Vec::new(),
        }
    }

    /// Reads every page, then every detached stream, and returns the layer.
    pub fn run(mut self, pages: &[ObjectId]) -> Result<Layer, Manual> {
        for (n, &page) in pages.iter().enumerate() {
            let crop = rect(self.doc, inherited(self.doc, page, b"CropBox"))
                .or_else(|| rect(self.doc, inherited(self.doc, page, b"MediaBox")))
                .unwrap_or([0.0, 0.0, 612.0, 792.0]);
            self.layer.pages.push(PageInfo { id: page, crop, ..PageInfo::default() });
            let resources = inherited(self.doc, page, b"Resources").and_then(|o| objects::as_dict(self.doc, o));
            let ops = self.operations(StreamKey::Page(page))?;
            let use_id = self.new_use(n as u32, StreamKey::Page(page), false, None);
            self.run_ops(use_id, &ops, resources, Matrix::IDENTITY, 0, &mut Vec::new())?;
        }
        // Detached streams can name further detached streams; read until none are left.
        let mut i = 0;
        while i < self.detached.len() {
            let (id, page, res, what) = {
                let d = &self.detached[i];
                (d.id, d.page, d.resources, d.what)
            };
            i += 1;
            if self.drawn.contains(&id) {
                continue;
            }
            let Some(Object::Stream(s)) = self.doc.objects.get(&id) else {
                continue;
            };
            let own = objects::get_dict(self.doc, &s.dict, b"Resources");
            let ops = self.operations(StreamKey::Object(id))?;
            let use_id = self.new_use(page, StreamKey::Object(id), true, None);
            let m = objects::get_array(self.doc, &s.dict, b"Matrix")
                .and_then(Matrix::from_objects)
                .unwrap_or(Matrix::IDENTITY);
            self.drawn.insert(id);
            *self.layer.detached.entry(what).or_default() += 1;
            self.run_ops(use_id, &ops, own.or(res), m, 1, &mut vec![id])?;
        }
        Ok(self.layer)
    }

    /// The operations of a stream, noting a `%` in its bytes.
    fn operations(&mut self, key: StreamKey) -> Result<Vec<Operation>, Manual> {
        let data = match key {
            StreamKey::Page(p) => page_data(self.doc, p, self.budget)?,
            StreamKey::Object(id) => stream_data(self.doc, id, self.budget)?,
        };
        if data.contains(&b'%') {
            self.layer.percent.insert(key);
        }
        decode_ops(&data)
    }

    fn new_use(&mut self, page: u32, stream: StreamKey, detached: bool, parent: Option<u32>) -> u32 {
        let id = self.layer.uses.len() as u32;
        let root = parent.map_or(id, |p| self.layer.uses[p as usize].root);
        self.layer.uses.push(Use { page, stream, detached, root });
        id
    }

    fn font(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let fonts = objects::get_dict(self.doc, resources?, b"Font")?;
        let o = fonts.get(name).ok()?;
        let dict = objects::as_dict(self.doc, o)?;
        let id = objects::ref_id(o);
        if let Some(id) = id
            && let Some(f) = self.fonts.get(&id)
        {
            return Some(f.clone());
        }
        let f = Rc::new(Font::load(self.doc, dict, self.budget));
        if f.type3 {
            let res = objects::get_dict(self.doc, dict, b"Resources").or(resources);
            if let Some(procs) = objects::get_dict(self.doc, dict, b"CharProcs") {
                for (_, p) in procs.iter() {
                    if let Some(pid) = objects::ref_id(p) {
                        self.add_detached(pid, "Type3 glyph procedure", res);
                    }
                }
            }
        }
        if let Some(id) = id {
            self.fonts.insert(id, f.clone());
        }
        Some(f)
    }

    fn add_detached(&mut self, id: ObjectId, what: &'static str, resources: Option<&'a Dictionary>) {
        if self.detached_seen.insert(id) {
            let page = self.layer.uses.last().map_or(0, |u| u.page);
            self.detached.push(Detached { id, what, page, resources });
        }
    }

    /// Notes the streams a resource dictionary can draw outside page space.
    fn scan_resources(&mut self, resources: Option<&'a Dictionary>) {
        let Some(res) = resources else { return };
        if !self.scanned_resources.insert(res as *const Dictionary as usize) {
            return;
        }
        let doc = self.doc;
        if let Some(pats) = objects::get_dict(doc, res, b"Pattern") {
            for (_, p) in pats.iter() {
                if let Some(id) = objects::ref_id(p)
                    && let Some(Object::Stream(_)) = doc.objects.get(&id)
                {
                    self.add_detached(id, "tiling pattern", Some(res));
                }
            }
        }
        if let Some(gs) = objects::get_dict(doc, res, b"ExtGState") {
            for (_, g) in gs.iter() {
                if let Some(g) = objects::as_dict(doc, g)
                    && let Some(sm) = objects::get_dict(doc, g, b"SMask")
                    && let Ok(o) = sm.get(b"G")
                    && let Some(id) = objects::ref_id(o)
                {
                    self.add_detached(id, "soft mask", Some(res));
                }
            }
        }
        if let Some(xo) = objects::get_dict(doc, res, b"XObject") {
            for (_, x) in xo.iter() {
                if let Some(id) = objects::ref_id(x)
                    && let Some(Object::Stream(s)) = doc.objects.get(&id)
                    && objects::get_name(doc, &s.dict, b"Subtype") == Some(b"Form")
                {
                    self.add_detached(id, "form not drawn on any page", Some(res));
                }
            }
        }
        if let Some(fonts) = objects::get_dict(doc, res, b"Font") {
            let names: Vec<Vec<u8>> = fonts.iter().map(|(k, _)| k.clone()).collect();
            for n in names {
                // Loading a Type3 font queues its glyph procedures.
                self.font(Some(res), &n);
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn run_ops(
        &mut self,
        use_id: u32,
        ops: &[Operation],
        resources: Option<&'a Dictionary>,
        ctm: Matrix,
        depth: usize,
        stack: &mut Vec<ObjectId>,
    ) -> Result<(), Manual> {
        let doc = self.doc;
        let page = self.layer.uses[use_id as usize].page as usize;
        let detached = self.layer.uses[use_id as usize].detached;
        self.scan_resources(resources);
        let mut gs = GState {
            ctm,
            font: None,
            size: 0.0,
            tc: 0.0,
            tw: 0.0,
            th: 1.0,
            tl: 0.0,
            rise: 0.0,
            render: 0,
            white: false,
        };
        let mut saved: Vec<GState> = Vec::new();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        // Marked content: for each open BDC/BMC, whether it switched a layer off.
        let mut marked: Vec<bool> = Vec::new();
        let mut layer_off = 0usize;
        for (i, op) in ops.iter().enumerate() {
            if self.ops_left == 0 {
                return Err(Manual::new(
                    crate::model::Code::PdfTooComplex,
                    format!("more than {} content operations", limits::PDF_MAX_OPERATIONS),
                ));
            }
            self.ops_left -= 1;
            let a = &op.operands;
            check_operands(&op.operator, a)?;
            if !matches!(op.operator.as_str(), "Tj" | "TJ" | "'" | "\"" | "BI") {
                self.collect_strings(use_id, i as u32, a);
            }
            let n = |k: usize| a.get(k).and_then(number).unwrap_or(0.0);
            match op.operator.as_str() {
                "q" => {
                    if saved.len() >= limits::PDF_MAX_DEPTH * 8 {
                        return Err(Manual::new(
                            crate::model::Code::PdfTooComplex,
                            "graphics states nested too deeply",
                        ));
                    }
                    saved.push(gs.clone());
                }
                "Q" => {
                    if let Some(s) = saved.pop() {
                        gs = s;
                    }
                }
                "cm" => {
                    if let Some(m) = Matrix::from_objects(a) {
                        gs.ctm = m.then(&gs.ctm);
                    }
                }
                "BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                "Tf" => {
                    let name = match a.first() {
                        Some(Object::Name(nm)) => nm.as_slice(),
                        _ => b"",
                    };
                    gs.font = self.font(resources, name);
                    gs.size = n(1);
                }
                "Tc" => gs.tc = n(0),
                "Tw" => gs.tw = n(0),
                "Tz" => gs.th = n(0) / 100.0,
                "TL" => gs.tl = n(0),
                "Ts" => gs.rise = n(0),
                "Tr" => gs.render = n(0) as i64,
                "Td" | "TD" => {
                    if op.operator == "TD" {
                        gs.tl = -n(1);
                    }
                    tlm = Matrix::translate(n(0), n(1)).then(&tlm);
                    tm = tlm;
                }
                "Tm" => {
                    if let Some(m) = Matrix::from_objects(a) {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    tlm = Matrix::translate(0.0, -gs.tl).then(&tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if op.operator == "\"" {
                        gs.tw = n(0);
                        gs.tc = n(1);
                    }
                    if op.operator == "'" || op.operator == "\"" {
                        tlm = Matrix::translate(0.0, -gs.tl).then(&tlm);
                        tm = tlm;
                    }
                    let mut hidden = 0;
                    if gs.render == 3 || gs.render == 7 {
                        hidden |= HIDDEN_INVISIBLE;
                    }
                    if gs.white {
                        hidden |= HIDDEN_WHITE;
                    }
                    if layer_off > 0 {
                        hidden |= HIDDEN_LAYER_OFF;
                    }
                    let items: Vec<(u32, &Object)> = if op.operator == "TJ" {
                        match a.first() {
                            Some(Object::Array(arr)) => arr.iter().enumerate().map(|(k, o)| (k as u32, o)).collect(),
                            _ => Vec::new(),
                        }
                    } else {
                        a.last().map(|o| (0u32, o)).into_iter().collect()
                    };
                    for (elem, item) in items {
                        match item {
                            Object::String(bytes, _) => {
                                self.show(use_id, i as u32, elem, bytes, &gs, &mut tm, hidden, page, detached)?;
                            }
                            other => {
                                if let Some(adj) = number(other) {
                                    tm = Matrix::translate(-adj / 1000.0 * gs.size * gs.th, 0.0).then(&tm);
                                }
                            }
                        }
                    }
                }
                "g" => gs.white = n(0) >= 0.999,
                "rg" => gs.white = n(0) >= 0.999 && n(1) >= 0.999 && n(2) >= 0.999,
                "k" => gs.white = a.iter().take(4).all(|o| number(o).is_some_and(|v| v <= 0.001)),
                "sc" | "scn" => {
                    let nums: Vec<f64> = a.iter().filter_map(number).collect();
                    gs.white = match nums.len() {
                        1 | 3 => nums.iter().all(|v| *v >= 0.999),
                        _ => false,
                    };
                }
                "gs" => {
                    if let Some(Object::Name(nm)) = a.first()
                        && let Some(res) = resources
                        && let Some(egs) = objects::get_dict(doc, res, b"ExtGState")
                        && let Some(g) = objects::get_dict(doc, egs, nm)
                        && let Some(Object::Array(f)) = objects::get(doc, g, b"Font")
                        && f.len() == 2
                        && let Some(fd) = objects::as_dict(doc, &f[0])
                    {
                        let font = match objects::ref_id(&f[0]).and_then(|id| self.fonts.get(&id)) {
                            Some(font) => font.clone(),
                            None => Rc::new(Font::load(doc, fd, self.budget)),
                        };
                        gs.font = Some(font);
                        gs.size = number(&f[1]).unwrap_or(0.0);
                    }
                }
                "BDC" | "BMC" => {
                    let mut off = false;
                    if op.operator == "BDC" {
                        match a.get(1) {
                            Some(Object::Name(nm)) if matches!(a.first(), Some(Object::Name(t)) if t == b"OC") => {
                                if let Some(res) = resources
                                    && let Some(props) = objects::get_dict(doc, res, b"Properties")
                                    && let Ok(o) = props.get(nm)
                                    && let Some(id) = objects::ref_id(o)
                                {
                                    off = self.ocg_off.contains(&id);
                                }
                            }
                            _ => {}
                        }
                    }
                    if off {
                        layer_off += 1;
                    }
                    marked.push(off);
                }
                "EMC" => {
                    let was_off = marked.pop() == Some(true);
                    layer_off -= usize::from(was_off);
                }
                "Do" => {
                    let Some(Object::Name(nm)) = a.first() else {
                        continue;
                    };
                    let Some(xo) = resources.and_then(|r| objects::get_dict(doc, r, b"XObject")) else {
                        continue;
                    };
                    let Ok(o) = xo.get(nm) else { continue };
                    let Some(id) = objects::ref_id(o) else {
                        continue;
                    };
                    let Some(Object::Stream(s)) = doc.objects.get(&id) else {
                        continue;
                    };
                    match objects::get_name(doc, &s.dict, b"Subtype") {
                        Some(b"Image") => {
                            self.layer.images.push(ImageUse { use_id, op: i as u32, ctm: gs.ctm, xobject: Some(id) });
                            if !detached {
                                self.layer.pages[page].images += 1;
                            }
                        }
                        Some(b"Form") => {
                            if stack.contains(&id) {
                                return Err(manual("a form XObject draws itself (a cycle)"));
                            }
                            if depth >= limits::PDF_MAX_DEPTH {
                                return Err(Manual::new(
                                    crate::model::Code::PdfTooComplex,
                                    "form XObjects nested too deeply",
                                ));
                            }
                            let m = objects::get_array(doc, &s.dict, b"Matrix")
                                .and_then(Matrix::from_objects)
                                .unwrap_or(Matrix::IDENTITY);
                            let own = objects::get_dict(doc, &s.dict, b"Resources");
                            let ops = self.operations(StreamKey::Object(id))?;
                            self.drawn.insert(id);
                            let child = self.new_use(page as u32, StreamKey::Object(id), detached, Some(use_id));
                            stack.push(id);
                            self.run_ops(child, &ops, own.or(resources), m.then(&gs.ctm), depth + 1, stack)?;
                            stack.pop();
                        }
                        _ => {}
                    }
                }
                "BI" => {
                    self.layer.images.push(ImageUse { use_id, op: i as u32, ctm: gs.ctm, xobject: None });
                    if !detached {
                        self.layer.pages[page].images += 1;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Records every string among an operator's operands (in dictionaries and arrays too).
    fn collect_strings(&mut self, use_id: u32, op: u32, operands: &[Object]) {
        use super::strings::Step;
        for (j, o) in operands.iter().enumerate() {
            let mut stack: Vec<(&Object, Vec<Step>)> = vec![(o, Vec::new())];
            while let Some((o, path)) = stack.pop() {
                match o {
                    Object::String(bytes, _) => {
                        let (text, encoding) = decode_text_string(bytes);
                        self.layer.props.push(PropString { use_id, op, operand: j as u32, path, text, encoding });
                    }
                    Object::Array(items) if path.len() < limits::PDF_MAX_DEPTH => {
                        for (k, e) in items.iter().enumerate().rev() {
                            let mut p = path.clone();
                            p.push(Step::Index(k));
                            stack.push((e, p));
                        }
                    }
                    Object::Dictionary(d) if path.len() < limits::PDF_MAX_DEPTH => {
                        for (k, v) in d.iter().collect::<Vec<_>>().into_iter().rev() {
                            let mut p = path.clone();
                            p.push(Step::Key(k.clone()));
                            stack.push((v, p));
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn show(
        &mut self,
        use_id: u32,
        op: u32,
        elem: u32,
        bytes: &[u8],
        gs: &GState,
        tm: &mut Matrix,
        mut hidden: u8,
        page: usize,
        detached: bool,
    ) -> Result<(), Manual> {
        let Some(font) = gs.font.clone() else {
            if bytes.is_empty() {
                return Ok(());
            }
            return Err(manual("text is shown without a font"));
        };
        self.codes.clear();
        let chars_before = self.layer.chars.len();
        font.decode(bytes, &mut self.codes, &mut self.layer.chars);
        if font.unreadable.is_some() {
            // Nothing of an unreadable font counts as text.
            self.layer.chars.truncate(chars_before);
        }
        if self.layer.glyphs.len() + self.codes.len() > limits::PDF_MAX_GLYPHS {
            return Err(Manual::new(
                crate::model::Code::PdfTooComplex,
                format!("more than {} glyphs", limits::PDF_MAX_GLYPHS),
            ));
        }
        let info = &mut self.layer.pages[page];
        let mut byte = 0u32;
        let codes = std::mem::take(&mut self.codes);
        for c in &codes {
            let trm = Matrix::new(gs.size * gs.th, 0.0, 0.0, gs.size, 0.0, gs.rise).then(tm).then(&gs.ctm);
            let spacing = gs.tc + if c.space { gs.tw } else { 0.0 };
            let w = c.w0 + if gs.size.abs() > 1e-9 { spacing / gs.size } else { 0.0 };
            let text = match (c.text, &font.unreadable) {
                (Some(t), None) => Some(t),
                (_, reason) => {
                    let why = reason.clone().unwrap_or_else(|| {
                        if c.contradicts {
                            format!(
                                "font {}: its /ToUnicode map gives other characters than the letters and digits \
                                 its encoding draws, so what lak reads is not what a viewer shows",
                                font.name
                            )
                        } else if let Some(why) = &font.why_no_text {
                            why.clone()
                        } else {
                            format!("font {} has glyphs without a Unicode mapping", font.name)
                        }
                    });
                    if !info.undecodable.contains(&why) {
                        info.undecodable.push(why);
                    }
                    None
                }
            };
            if !detached {
                let (x, y) = trm.apply(0.0, 0.0);
                let cb = info.crop;
                if x < cb[0] - 1.0 || x > cb[2] + 1.0 || y < cb[1] - 1.0 || y > cb[3] + 1.0 {
                    hidden |= HIDDEN_OFF_PAGE;
                }
                info.glyphs += 1;
                info.shown += u32::from(hidden == 0);
                for bit in 0..4 {
                    if hidden & (1 << bit) != 0 {
                        info.hidden[bit] += 1;
                    }
                }
            }
            self.layer.glyphs.push(Glyph {
                use_id,
                op,
                elem,
                byte,
                len: c.len,
                text,
                trm,
                tm: [tm.a, tm.b, tm.c, tm.d, tm.e, tm.f].map(|v| v as f32),
                fs_th: (gs.size * gs.th) as f32,
                w,
                ascent: font.ascent as f32,
                descent: font.descent as f32,
                hidden,
            });
            let tx = (c.w0 * gs.size + spacing) * gs.th;
            *tm = Matrix::translate(tx, 0.0).then(tm);
            byte += u32::from(c.len);
        }
        self.codes = codes;
        Ok(())
    }
}
