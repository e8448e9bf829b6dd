//! The boxes: an opaque rectangle over each removed span, with the ground label in white Helvetica.
//!
//! Boxes are drawn at the end of the page content, after a `Q` that closes a `q` wrapped around the
//! original content, so whatever state the page leaves behind, the boxes are drawn in default user
//! space and on top of everything else on the page.
//!
//! The same place takes the OCR text layer of a scanned page ([`invisible`]): the words OCR read and
//! lak did not remove, in invisible Helvetica (render mode 3) over the words in the pixels, so the
//! scan can be searched, copied from and read aloud.

use lopdf::content::Operation;
use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

use super::rewrite::PageBox;
use crate::formats::pdf::fonts::Font;
use crate::formats::pdf::geom::Quad;
use crate::formats::pdf::read::objects;
use crate::formats::pdf::text::interpret;

/// The resource name the label font is registered under (made unique per page by the caller).
pub(crate) const LABEL_FONT: &str = "LakLabel";

fn real(v: f64) -> Object {
    Object::Real(((v * 1000.0).round() / 1000.0) as f32)
}

/// A word of a scanned page's OCR text layer.
#[derive(Clone, Debug)]
pub(crate) struct LayerWord {
    pub page: u32,
    /// The word's box in page space; its first side runs along the baseline.
    pub quad: Quad,
    pub text: String,
}

/// Operations drawing `words` invisible (render mode 3), each stretched over its box; `font` is the
/// page's resource name for Helvetica. Characters WinAnsiEncoding lacks are written as `?`.
pub(crate) fn invisible(words: &[LayerWord], font: &[u8]) -> Vec<Operation> {
    let helv = Font::helvetica();
    // In a q … Q of its own: the render mode is graphics state, and the labels drawn after it must show.
    let mut ops =
        vec![Operation::new("q", vec![]), Operation::new("BT", vec![]), Operation::new("Tr", vec![Object::Integer(3)])];
    for w in words {
        let [a, r, _, d] = w.quad.0;
        let (u, v) = ((r.0 - a.0, r.1 - a.1), (d.0 - a.0, d.1 - a.1));
        let (wl, hl) = (len(u), len(v));
        let bytes = winansi_text(&w.text);
        let mut codes = Vec::new();
        helv.decode(&bytes, &mut codes, &mut String::new());
        let em: f64 = codes.iter().map(|c| c.w0).sum();
        if wl < 1e-3 || hl < 1e-3 || em <= 0.0 {
            continue;
        }
        // The letters' height is most of the box; the baseline a fifth of it above the bottom.
        let size = hl;
        let stretch = (wl / (em * size) * 100.0).clamp(1.0, 1000.0);
        let (eu, ev) = ((u.0 / wl, u.1 / wl), (v.0 / hl, v.1 / hl));
        let (x, y) = (a.0 + 0.2 * v.0, a.1 + 0.2 * v.1);
        ops.push(Operation::new("Tf", vec![Object::Name(font.to_vec()), real(size)]));
        ops.push(Operation::new("Tz", vec![real(stretch)]));
        ops.push(Operation::new("Tm", vec![real(eu.0), real(eu.1), real(ev.0), real(ev.1), real(x), real(y)]));
        ops.push(Operation::new("Tj", vec![Object::String(bytes, StringFormat::Literal)]));
    }
    ops.push(Operation::new("ET", vec![]));
    ops.push(Operation::new("Q", vec![]));
    ops
}

/// `text` in WinAnsiEncoding, as Helvetica reads it back; `?` for what it lacks.
fn winansi_text(text: &str) -> Vec<u8> {
    static TABLE: std::sync::OnceLock<std::collections::HashMap<char, u8>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let helv = Font::helvetica();
        let mut map = std::collections::HashMap::new();
        for b in 0x20u8..=0xFF {
            let mut s = String::new();
            helv.decode(&[b], &mut Vec::new(), &mut s);
            let mut chars = s.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                map.entry(c).or_insert(b);
            }
        }
        map
    });
    text.chars().map(|c| table.get(&c).copied().unwrap_or(b'?')).collect()
}

/// Label width in em for Helvetica.
fn label_em(font: &Font, label: &str) -> f64 {
    let mut codes = Vec::new();
    font.decode(&winansi(label), &mut codes, &mut String::new());
    codes.iter().map(|c| c.w0).sum()
}

/// The label in WinAnsiEncoding (labels are ASCII in practice; anything else becomes `?`).
fn winansi(label: &str) -> Vec<u8> {
    label.chars().map(|c| if c.is_ascii() && !c.is_ascii_control() { c as u8 } else { b'?' }).collect()
}

fn len(v: (f64, f64)) -> f64 {
    (v.0 * v.0 + v.1 * v.1).sqrt()
}

/// Merges boxes that touch along one line and carry one label (a name split over operators).
pub(crate) fn merge(mut boxes: Vec<PageBox>) -> Vec<PageBox> {
    // Along each line from left to right, whatever order the content drew them in.
    boxes.sort_by(|a, b| {
        let (pa, pb) = (a.quad.0[0], b.quad.0[0]);
        ((-pa.1 * 2.0).round(), pa.0).partial_cmp(&((-pb.1 * 2.0).round(), pb.0)).unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut out: Vec<PageBox> = Vec::new();
    for b in boxes {
        if let Some(p) = out.last_mut()
            && p.label == b.label
        {
            let [p0, p1, _, p3] = p.quad.0;
            let [q0, q1, q2, q3] = b.quad.0;
            let height = len((p3.0 - p0.0, p3.1 - p0.1));
            let gap = len((q0.0 - p1.0, q0.1 - p1.1));
            let other = len((q3.0 - q0.0, q3.1 - q0.1));
            if gap < 0.6 * height && (other - height).abs() < 0.2 * height {
                p.quad = Quad([p0, q1, q2, p3]);
                continue;
            }
        }
        out.push(b);
    }
    out
}

/// Operations drawing the boxes; `font` is the page's resource name for Helvetica.
///
/// The label sits on the covered text's baseline at (at most) its size, so text extraction reads it
/// as part of the line: `Geachte heer 5.1.2e ,` rather than a stray word elsewhere.
pub(crate) fn draw(boxes: &[PageBox], labels: &[String], font: &[u8]) -> Vec<Operation> {
    let helv = Font::helvetica();
    let mut ops = Vec::new();
    for b in boxes {
        let [a, r, c, d] = b.quad.0;
        ops.push(Operation::new("q", vec![]));
        ops.push(Operation::new("g", vec![Object::Integer(0)]));
        ops.push(Operation::new("m", vec![real(a.0), real(a.1)]));
        ops.push(Operation::new("l", vec![real(r.0), real(r.1)]));
        ops.push(Operation::new("l", vec![real(c.0), real(c.1)]));
        ops.push(Operation::new("l", vec![real(d.0), real(d.1)]));
        ops.push(Operation::new("h", vec![]));
        ops.push(Operation::new("f", vec![]));
        let text = labels.get(b.label).map(String::as_str).unwrap_or("");
        let u = (r.0 - a.0, r.1 - a.1);
        let v = (d.0 - a.0, d.1 - a.1);
        let (w, h) = (len(u), len(v));
        let em = label_em(&helv, text);
        if !text.is_empty() && w > 1e-6 && h > 1e-6 && em > 0.0 {
            let text_size = h / b.height_em;
            let size = text_size.min(0.9 * w / em);
            if size >= 1.0 {
                // Stretch the label over the box (less a margin) so extraction reads no gap wide
                // enough to split the line into columns around it.
                let stretch = ((w - 0.5 * size) / (em * size)).clamp(1.0, 20.0);
                let (eu, ev) = ((u.0 / w, u.1 / w), (v.0 / h, v.1 / h));
                let dx = (w - em * size * stretch) / 2.0;
                let dy = b.baseline * h;
                let x = a.0 + eu.0 * dx + ev.0 * dy;
                let y = a.1 + eu.1 * dx + ev.1 * dy;
                ops.push(Operation::new("BT", vec![]));
                ops.push(Operation::new("Tf", vec![Object::Name(font.to_vec()), real(size)]));
                ops.push(Operation::new("Tz", vec![real(stretch * 100.0)]));
                ops.push(Operation::new("g", vec![Object::Integer(1)]));
                ops.push(Operation::new("Tm", vec![real(eu.0), real(eu.1), real(ev.0), real(ev.1), real(x), real(y)]));
                ops.push(Operation::new("Tj", vec![Object::String(winansi(text), StringFormat::Literal)]));
                ops.push(Operation::new("ET", vec![]));
            }
        }
        ops.push(Operation::new("Q", vec![]));
    }
    ops
}

/// Gives the page its own resources with Helvetica under a free name; returns the name.
pub(crate) fn add_label_font(doc: &mut Document, page: ObjectId) -> Vec<u8> {
    let mut res: Dictionary = interpret::inherited(doc, page, b"Resources")
        .and_then(|o| objects::as_dict(doc, o))
        .cloned()
        .unwrap_or_default();
    let mut fonts: Dictionary = objects::get_dict(doc, &res, b"Font").cloned().unwrap_or_default();
    let mut name = LABEL_FONT.as_bytes().to_vec();
    let mut n = 0;
    while fonts.has(&name) {
        n += 1;
        name = format!("{}{n}", LABEL_FONT).into_bytes();
    }
    let mut f = Dictionary::new();
    f.set("Type", Object::Name(b"Font".to_vec()));
    f.set("Subtype", Object::Name(b"Type1".to_vec()));
    f.set("BaseFont", Object::Name(b"Helvetica".to_vec()));
    f.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
    let fid = doc.add_object(Object::Dictionary(f));
    fonts.set(name.clone(), Object::Reference(fid));
    res.set("Font", Object::Dictionary(fonts));
    if let Ok(p) = doc.get_dictionary_mut(page) {
        p.set("Resources", Object::Dictionary(res));
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layer_words_are_written_in_winansi_and_stretched_over_their_box() {
        assert_eq!(winansi_text("café €5 ł"), vec![b'c', b'a', b'f', 0xE9, b' ', 0x80, b'5', b' ', b'?']);
        let word = LayerWord {
            page: 0,
            quad: Quad([(100.0, 200.0), (160.0, 200.0), (160.0, 212.0), (100.0, 212.0)]),
            text: "Lakstad".into(),
        };
        let ops = invisible(&[word], b"F1");
        let names: Vec<&str> = ops.iter().map(|o| o.operator.as_str()).collect();
        // Invisible, and the render mode restored for the labels drawn after it.
        assert_eq!(names, ["q", "BT", "Tr", "Tf", "Tz", "Tm", "Tj", "ET", "Q"]);
        assert_eq!(ops[2].operands, vec![Object::Integer(3)]);
        // Size is the box's height; the baseline a fifth of it up.
        assert_eq!(ops[3].operands[1], real(12.0));
        assert_eq!(ops[5].operands[5], real(202.4));
    }
}
