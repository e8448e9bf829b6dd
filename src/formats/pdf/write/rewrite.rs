//! Removing glyphs from content streams without leaving their width behind.
//!
//! For each stream with glyphs to remove, a *plan* is made from one use of it (all uses of a stream
//! show the same codes; only the matrix around them differs):
//!
//! 1. **Cuts.** Consecutive removed glyphs of one operator, with one label, form a cut. Its advance
//!    (from the first glyph's origin to the end of the last, kerning and spacing included) is rounded
//!    *up* to a multiple of [`ADVANCE_QUANTUM_EM`] em; the cut is replaced by one `TJ` adjustment of that
//!    rounded width. The exact width of the removed text — which identifies a name among candidates
//!    (the attack MuPDF's redaction leaves open) — is not in the file.
//! 2. **Shifts.** Text after a cut on the same line moves right by the rounding difference, so the
//!    following words do not overlap the box and sit where the rounded width puts them.
//! 3. **Absolute positions.** Every text object (`BT`…`ET`) that holds a cut or shifted text is rewritten
//!    with an explicit `Tm` before each text operator, and its relative moves (`Td`, `TD`, `T*`, the
//!    line moves of `'` and `"`) are dropped. A relative move after a name encodes the name's original
//!    end; re-anchoring every operator at its new place means no number in the stream depends on the
//!    removed width.
//!
//! Box positions come from the same plan: a box starts where the cut's text starts (after shifts from
//! earlier cuts on its line) and is as wide as the rounded advance, drawn for every use of the stream.
//!
//! Known limit (docs/formats.md): in a justified or right-aligned line, the original line end and the word
//! spacing (`Tw`) still relate to the full width of the line; lak shifts the rest of the line, so the
//! line end moves by the rounding difference.

use std::collections::{BTreeMap, HashMap, HashSet};

use lopdf::Object;
use lopdf::content::Operation;

use crate::formats::pdf::geom::{self, Matrix, Quad};
use crate::formats::pdf::text::interpret::{Glyph, Layer, StreamKey};
use crate::formats::pdf::text::strings::{self, Step};
use crate::formats::pdf::text::text_layer::TextLayer;
use crate::model::{Code, Manual};

/// Removed advances are rounded up to a multiple of this many em.
pub(crate) const ADVANCE_QUANTUM_EM: f64 = 2.0;

/// Identifies a glyph within its stream, whichever use showed it.
pub(crate) type GlyphKey = (StreamKey, u32, u32, u32);

/// The key of a glyph.
pub(crate) fn key(layer: &Layer, g: u32) -> GlyphKey {
    let gl = &layer.glyphs[g as usize];
    (layer.uses[gl.use_id as usize].stream, gl.op, gl.elem, gl.byte)
}

/// Edits asked of the content streams.
#[derive(Default)]
pub(crate) struct Edits {
    /// Glyphs to remove, with the index of their label.
    pub removed: HashMap<GlyphKey, usize>,
    /// Operators to drop (inline images under a box).
    pub drop_ops: HashSet<(StreamKey, u32)>,
    /// New values of strings among operands, per (stream, op).
    pub props: HashMap<(StreamKey, u32), Vec<OperandEdit>>,
}

/// A new value for a string operand: (operand index, path inside it, bytes).
pub(crate) type OperandEdit = (u32, Vec<Step>, Vec<u8>);

/// A box to draw on a page.
#[derive(Clone, Debug)]
pub(crate) struct PageBox {
    pub page: u32,
    /// From the glyphs' descent to their ascent: bottom-left, bottom-right, top-right, top-left.
    pub quad: Quad,
    pub label: usize,
    /// Where the text's baseline lies, as a fraction of the box height from its bottom.
    pub baseline: f64,
    /// The box height in em of the text it covers.
    pub height_em: f64,
}

/// The result: new operations per changed stream, and the boxes.
pub(crate) struct Rewritten {
    pub streams: BTreeMap<StreamKey, Vec<Operation>>,
    pub boxes: Vec<PageBox>,
}

struct Cut {
    /// First and last position in the use's glyph list.
    f: usize,
    t: usize,
    label: usize,
    /// Original and rounded advance, in glyph units along the first glyph's baseline.
    w: f64,
    wq: f64,
    /// Where the box starts, in glyph units from the first glyph's origin.
    pre: f64,
}

/// Glyph units of a page-space vector along a glyph's baseline.
fn units(m: &Matrix, v: (f64, f64)) -> f64 {
    let n = m.a * m.a + m.b * m.b;
    if n < 1e-18 { 0.0 } else { (v.0 * m.a + v.1 * m.b) / n }
}

fn quantise(w: f64) -> f64 {
    if w <= 1e-6 {
        return 0.0;
    }
    (w / ADVANCE_QUANTUM_EM - 1e-9).ceil().max(1.0) * ADVANCE_QUANTUM_EM
}

fn real(v: f64) -> Object {
    // Three decimals are plenty for positions, and keep the stream small.
    Object::Real(((v * 1000.0).round() / 1000.0) as f32)
}

/// Plans and applies the edits. `ops_of` gives the decoded operations of a stream.
pub(crate) fn rewrite(
    layer: &Layer,
    text: &TextLayer,
    edits: &Edits,
    mut ops_of: impl FnMut(StreamKey) -> Result<Vec<Operation>, Manual>,
) -> Result<Rewritten, Manual> {
    let mut per_use: Vec<Vec<u32>> = vec![Vec::new(); layer.uses.len()];
    for (i, g) in layer.glyphs.iter().enumerate() {
        per_use[g.use_id as usize].push(i as u32);
    }
    let mut uses_of: BTreeMap<StreamKey, Vec<u32>> = BTreeMap::new();
    for (i, u) in layer.uses.iter().enumerate() {
        uses_of.entry(u.stream).or_default().push(i as u32);
    }
    let mut touched: HashSet<StreamKey> = edits.removed.keys().map(|k| k.0).collect();
    touched.extend(edits.drop_ops.iter().map(|k| k.0));
    touched.extend(edits.props.keys().map(|k| k.0));

    let mut out = Rewritten { streams: BTreeMap::new(), boxes: Vec::new() };
    for (stream, uses) in &uses_of {
        if !touched.contains(stream) {
            continue;
        }
        let reference = &per_use[uses[0] as usize];
        // Every use must show the same codes (a form inheriting different fonts would not).
        for &u in &uses[1..] {
            let other = &per_use[u as usize];
            let same = other.len() == reference.len()
                && other.iter().zip(reference).all(|(&a, &b)| {
                    let (x, y) = (&layer.glyphs[a as usize], &layer.glyphs[b as usize]);
                    (x.op, x.elem, x.byte, x.len) == (y.op, y.elem, y.byte, y.len)
                });
            if !same {
                return Err(Manual::new(
                    Code::PdfUnsupported,
                    "a form XObject shows different glyphs where it is drawn (fonts inherited from each page)",
                ));
            }
        }
        let ops = ops_of(*stream)?;
        let (new_ops, cuts) = plan(layer, text, edits, *stream, reference, ops);
        for &u in uses {
            if layer.uses[u as usize].detached {
                continue;
            }
            let glyphs = &per_use[u as usize];
            for c in &cuts {
                if c.wq <= 0.0 {
                    continue;
                }
                let g = &layer.glyphs[glyphs[c.f] as usize];
                out.boxes.push(PageBox {
                    page: layer.uses[u as usize].page,
                    quad: g.trm.quad(c.pre, f64::from(g.descent), c.pre + c.wq, f64::from(g.ascent)),
                    label: c.label,
                    baseline: -f64::from(g.descent) / f64::from(g.ascent - g.descent).max(1e-6),
                    height_em: f64::from(g.ascent - g.descent).max(1e-6),
                });
            }
        }
        out.streams.insert(*stream, new_ops);
    }
    Ok(out)
}

fn plan(
    layer: &Layer,
    text: &TextLayer,
    edits: &Edits,
    stream: StreamKey,
    glyphs: &[u32],
    ops: Vec<Operation>,
) -> (Vec<Operation>, Vec<Cut>) {
    let g = |k: usize| &layer.glyphs[glyphs[k] as usize];
    let removed: Vec<Option<usize>> = glyphs.iter().map(|&i| edits.removed.get(&key(layer, i)).copied()).collect();

    // 1. Cuts.
    let mut cuts: Vec<Cut> = Vec::new();
    let mut cut_of: Vec<Option<usize>> = vec![None; glyphs.len()];
    for k in 0..glyphs.len() {
        let Some(label) = removed[k] else { continue };
        // One cut per run of removed glyphs on a line, across operators: producers that show every
        // glyph with its own `Tj` (Chromium) made a cut per glyph, each widened to the quantum, and a
        // 66-point name got a 259-point box over the words beside it.
        let same_line = |a: usize, b: usize| {
            text.line[glyphs[a] as usize] == text.line[glyphs[b] as usize]
                && g(a).trm.a * g(b).trm.a + g(a).trm.b * g(b).trm.b > 0.0
        };
        let extend = k > 0
            && cut_of[k - 1].is_some_and(|c| cuts[c].label == label && (g(k - 1).op == g(k).op || same_line(k - 1, k)));
        if extend {
            let c = cut_of[k - 1].expect("checked");
            cuts[c].t = k;
            cut_of[k] = Some(c);
        } else {
            cuts.push(Cut { f: k, t: k, label, w: 0.0, wq: 0.0, pre: 0.0 });
            cut_of[k] = Some(cuts.len() - 1);
        }
    }
    for c in &mut cuts {
        let (first, last) = (g(c.f), g(c.t));
        let o = first.trm.apply(0.0, 0.0);
        let e = last.trm.apply(last.w, 0.0);
        let w = units(&first.trm, (e.0 - o.0, e.1 - o.1));
        c.w = if w.is_finite() { w } else { 0.0 };
        c.wq = quantise(c.w);
    }

    // 2. Shifts: per glyph, the page-space displacement from the cuts before it on its line.
    let mut by_line: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, c) in cuts.iter().enumerate() {
        by_line.entry(text.line[glyphs[c.f] as usize]).or_default().push(i);
    }
    let shift_at = |k: usize, own: Option<usize>| -> (f64, f64) {
        let mut s = (0.0, 0.0);
        let Some(line_cuts) = by_line.get(&text.line[glyphs[k] as usize]) else {
            return s;
        };
        let o = g(k).trm.apply(0.0, 0.0);
        for &ci in line_cuts {
            if Some(ci) == own {
                continue;
            }
            let c = &cuts[ci];
            let m = &g(c.f).trm;
            let of = m.apply(0.0, 0.0);
            let len = (m.a * m.a + m.b * m.b).sqrt();
            if len < 1e-9 {
                continue;
            }
            let along = ((o.0 - of.0) * m.a + (o.1 - of.1) * m.b) / len;
            if along > 1e-3 * len {
                let d = m.apply_vec(c.wq - c.w, 0.0);
                s = (s.0 + d.0, s.1 + d.1);
            }
        }
        s
    };
    let shift: Vec<(f64, f64)> = (0..glyphs.len()).map(|k| shift_at(k, cut_of[k])).collect();
    for c in &mut cuts {
        c.pre = units(&g(c.f).trm, shift[c.f]);
    }

    // 3. Which text objects change, and where each operator's glyphs are.
    let mut op_glyphs: HashMap<u32, (usize, usize)> = HashMap::new();
    for k in 0..glyphs.len() {
        let e = op_glyphs.entry(g(k).op).or_insert((k, k));
        e.1 = k;
    }
    let mut text_object = vec![0usize; ops.len()];
    let mut current = 0usize;
    for (i, op) in ops.iter().enumerate() {
        if op.operator == "BT" {
            current = i;
        }
        text_object[i] = current;
    }
    let mut changed_objects: HashSet<usize> = HashSet::new();
    for k in 0..glyphs.len() {
        let moved = units(&g(k).trm, shift[k]).abs() > 1e-4;
        if (removed[k].is_some() || moved)
            && let Some(&t) = text_object.get(g(k).op as usize)
        {
            changed_objects.insert(t);
        }
    }

    // 4. Emit.
    let mut out: Vec<Operation> = Vec::with_capacity(ops.len() + 8);
    for (i, mut op) in ops.into_iter().enumerate() {
        let i32_ = i as u32;
        if edits.drop_ops.contains(&(stream, i32_)) {
            continue;
        }
        if let Some(list) = edits.props.get(&(stream, i32_)) {
            for (operand, path, bytes) in list {
                if let Some(o) = op.operands.get_mut(*operand as usize) {
                    strings::set_at(o, path, bytes.clone());
                }
            }
        }
        if !changed_objects.contains(&text_object[i]) {
            out.push(op);
            continue;
        }
        match op.operator.as_str() {
            "Td" | "T*" | "Tm" => {}
            "TD" => {
                let ty = op.operands.get(1).and_then(geom::number).unwrap_or(0.0);
                out.push(Operation::new("TL", vec![real(-ty)]));
            }
            "Tj" | "TJ" | "'" | "\"" => {
                if op.operator == "\"" {
                    out.push(Operation::new("Tw", vec![op.operands[0].clone()]));
                    out.push(Operation::new("Tc", vec![op.operands[1].clone()]));
                }
                let Some(&(k0, k1)) = op_glyphs.get(&i32_) else {
                    continue;
                };
                if (k0..=k1).all(|k| removed[k].is_some()) {
                    continue;
                }
                show(&op, k0, k1, &g, &removed, &cut_of, &cuts, &shift, &mut out);
            }
            _ => out.push(op),
        }
    }
    (out, cuts)
}

#[allow(clippy::too_many_arguments)]
fn show<'a>(
    op: &Operation,
    k0: usize,
    k1: usize,
    g: &impl Fn(usize) -> &'a Glyph,
    removed: &[Option<usize>],
    cut_of: &[Option<usize>],
    cuts: &[Cut],
    shift: &[(f64, f64)],
    out: &mut Vec<Operation>,
) {
    // An operator that starts inside a cut begun in an earlier one (a name drawn glyph by glyph) is
    // placed at its first kept glyph: the earlier operator's adjustment made room for the whole cut,
    // and the stream holds no exact width of a removed part.
    let k_start = match cut_of[k0] {
        Some(ci) if cuts[ci].f < k0 => (k0..=k1).find(|&k| removed[k].is_none()).unwrap_or(k0),
        _ => k0,
    };
    let first = g(k_start);
    let axis = first.trm;
    let mut cur = units(&axis, shift[k_start]);
    let t = cur * f64::from(first.fs_th);
    let tm = Matrix::new(
        f64::from(first.tm[0]),
        f64::from(first.tm[1]),
        f64::from(first.tm[2]),
        f64::from(first.tm[3]),
        f64::from(first.tm[4]),
        f64::from(first.tm[5]),
    );
    let tm = Matrix::translate(t, 0.0).then(&tm);
    out.push(Operation::new("Tm", vec![real(tm.a), real(tm.b), real(tm.c), real(tm.d), real(tm.e), real(tm.f)]));
    let items: Vec<&Object> = if op.operator == "TJ" {
        match op.operands.first() {
            Some(Object::Array(a)) => a.iter().collect(),
            _ => Vec::new(),
        }
    } else {
        op.operands.last().into_iter().collect()
    };
    let mut arr: Vec<Object> = Vec::new();
    let mut k = k0;
    let mut started = false;
    let mut open_cut = false;
    for (e, item) in items.iter().enumerate() {
        match item {
            Object::String(bytes, fmt) => {
                let mut buf: Vec<u8> = Vec::new();
                let flush = |buf: &mut Vec<u8>, arr: &mut Vec<Object>| {
                    if !buf.is_empty() {
                        arr.push(Object::String(std::mem::take(buf), *fmt));
                    }
                };
                while k <= k1 && g(k).elem == e as u32 {
                    let gl = g(k);
                    if k < k_start {
                        k += 1;
                        continue;
                    }
                    started = true;
                    let need = units(&axis, shift[k]);
                    match cut_of[k] {
                        Some(ci) if removed[k].is_some() => {
                            let c = &cuts[ci];
                            if k == c.f {
                                if (need - cur).abs() > 1e-3 {
                                    flush(&mut buf, &mut arr);
                                    arr.push(real(-(need - cur) * 1000.0));
                                    cur = need;
                                }
                                flush(&mut buf, &mut arr);
                                arr.push(real(-c.wq * 1000.0));
                                cur += c.wq - c.w;
                                open_cut = true;
                            }
                            if k == c.t {
                                open_cut = false;
                            }
                        }
                        _ => {
                            if (need - cur).abs() > 1e-3 {
                                flush(&mut buf, &mut arr);
                                arr.push(real(-(need - cur) * 1000.0));
                                cur = need;
                            }
                            let s = gl.byte as usize;
                            let end = (s + usize::from(gl.len)).min(bytes.len());
                            buf.extend_from_slice(&bytes[s.min(end)..end]);
                        }
                    }
                    k += 1;
                }
                flush(&mut buf, &mut arr);
            }
            other => {
                // Spacing before the first glyph is in the new Tm; spacing inside a cut is in its width.
                if started && !open_cut {
                    arr.push((*other).clone());
                }
            }
        }
    }
    out.push(Operation::new("TJ", vec![Object::Array(arr)]));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advances_round_up_to_the_quantum() {
        assert_eq!(quantise(0.0), 0.0);
        assert_eq!(quantise(0.3), ADVANCE_QUANTUM_EM);
        assert_eq!(quantise(ADVANCE_QUANTUM_EM), ADVANCE_QUANTUM_EM);
        assert_eq!(quantise(ADVANCE_QUANTUM_EM + 0.01), 2.0 * ADVANCE_QUANTUM_EM);
        // Two names of different widths within one quantum are indistinguishable.
        assert_eq!(quantise(2.61), quantise(3.44));
    }
}
