//! The boxes: an opaque rectangle over each removed span, with the ground label in white Helvetica.
//!
//! Boxes are drawn at the end of the page content, after a `Q` that closes a `q` wrapped around the
//! original content, so whatever state the page leaves behind, the boxes are drawn in default user
//! space and on top of everything else on the page.

use lopdf::content::Operation;
use lopdf::{Object, StringFormat};

use super::fonts::Font;
use super::geom::Quad;

/// The resource name the label font is registered under (made unique per page by the caller).
pub(crate) const LABEL_FONT: &str = "LakLabel";

fn real(v: f64) -> Object {
    Object::Real(((v * 1000.0).round() / 1000.0) as f32)
}

/// Label width in em for Helvetica.
fn label_em(font: &Font, label: &str) -> f64 {
    let mut codes = Vec::new();
    font.decode(&winansi(label), &mut codes);
    codes.iter().map(|c| c.w0).sum()
}

/// The label in WinAnsiEncoding (labels are ASCII in practice; anything else becomes `?`).
fn winansi(label: &str) -> Vec<u8> {
    label
        .chars()
        .map(|c| {
            if c.is_ascii() && !c.is_ascii_control() {
                c as u8
            } else {
                b'?'
            }
        })
        .collect()
}

/// Merges boxes that touch along one line and carry one label (a name split over operators).
pub(crate) fn merge(mut boxes: Vec<(Quad, usize)>) -> Vec<(Quad, usize)> {
    let mut out: Vec<(Quad, usize)> = Vec::new();
    for (q, l) in boxes.drain(..) {
        if let Some((p, pl)) = out.last_mut()
            && *pl == l
        {
            let [p0, p1, _, p3] = p.0;
            let [q0, q1, q2, q3] = q.0;
            let height = ((p3.0 - p0.0).powi(2) + (p3.1 - p0.1).powi(2)).sqrt();
            let gap = ((q0.0 - p1.0).powi(2) + (q0.1 - p1.1).powi(2)).sqrt();
            let same_height = ((q3.0 - q0.0).powi(2) + (q3.1 - q0.1).powi(2)).sqrt();
            if gap < 0.6 * height && (same_height - height).abs() < 0.2 * height {
                *p = Quad([p0, q1, q2, p3]);
                continue;
            }
        }
        out.push((q, l));
    }
    out
}

/// Operations drawing the boxes; `font` is the page's resource name for Helvetica.
pub(crate) fn draw(boxes: &[(Quad, usize)], labels: &[String], font: &[u8]) -> Vec<Operation> {
    let helv = Font::helvetica();
    let mut ops = Vec::new();
    for (q, label) in boxes {
        let [a, b, c, d] = q.0;
        ops.push(Operation::new("q", vec![]));
        ops.push(Operation::new("g", vec![Object::Integer(0)]));
        ops.push(Operation::new("m", vec![real(a.0), real(a.1)]));
        ops.push(Operation::new("l", vec![real(b.0), real(b.1)]));
        ops.push(Operation::new("l", vec![real(c.0), real(c.1)]));
        ops.push(Operation::new("l", vec![real(d.0), real(d.1)]));
        ops.push(Operation::new("h", vec![]));
        ops.push(Operation::new("f", vec![]));
        let text = labels.get(*label).map(String::as_str).unwrap_or("");
        let u = (b.0 - a.0, b.1 - a.1);
        let v = (d.0 - a.0, d.1 - a.1);
        let w = (u.0 * u.0 + u.1 * u.1).sqrt();
        let h = (v.0 * v.0 + v.1 * v.1).sqrt();
        let em = label_em(&helv, text);
        if !text.is_empty() && w > 1e-6 && h > 1e-6 && em > 0.0 {
            let size = (0.75 * h).min(0.9 * w / em);
            if size >= 1.0 {
                let (eu, ev) = ((u.0 / w, u.1 / w), (v.0 / h, v.1 / h));
                let dx = (w - em * size) / 2.0;
                let dy = (h - 0.72 * size) / 2.0;
                let x = a.0 + eu.0 * dx + ev.0 * dy;
                let y = a.1 + eu.1 * dx + ev.1 * dy;
                ops.push(Operation::new("BT", vec![]));
                ops.push(Operation::new(
                    "Tf",
                    vec![Object::Name(font.to_vec()), real(size)],
                ));
                ops.push(Operation::new("g", vec![Object::Integer(1)]));
                ops.push(Operation::new(
                    "Tm",
                    vec![
                        real(eu.0),
                        real(eu.1),
                        real(ev.0),
                        real(ev.1),
                        real(x),
                        real(y),
                    ],
                ));
                ops.push(Operation::new(
                    "Tj",
                    vec![Object::String(winansi(text), StringFormat::Literal)],
                ));
                ops.push(Operation::new("ET", vec![]));
            }
        }
        ops.push(Operation::new("Q", vec![]));
    }
    ops
}
