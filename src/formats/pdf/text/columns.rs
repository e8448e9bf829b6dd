//! Columns drawn row by row: reading each column down before the next.
//!
//! Producers that draw a page column after column need nothing here: their lines already come in
//! reading order. Report writers and HTML-to-PDF converters draw each baseline across every column
//! (`left line 1`, `right line 1`, `left line 2`, …). Read per baseline, a name or number broken over
//! two lines of one column (`Pieter` / `Bakker`, `06-` / `87654321`) has a line of the other column
//! between its halves; neither half is recognised and both are published.
//!
//! A gutter is an empty strip at least [`GUTTER`] font sizes wide, at the same place on consecutive
//! lines, right of which text starts at one x (a column is aligned at its left edge). A line that
//! crosses the strip ends the block. Such a block is read column by column when the text left of the
//! gutter is prose (see [`prose`]): a table's label column (`Naam:` / `Jan Jansen`), a form's lines with
//! their amounts or a table of contents stay read row by row, so a label stays next to its value, which
//! the detector's context rules use. pdftotext's block and flow analysis is the model;
//! this takes only its column step.

use super::interpret::Layer;
use super::text_layer::{Line, Placed, SPACE_GAP, ends_in_break_hyphen};

/// Least width (in font sizes) of the empty strip between two columns. A word space of a justified
/// line reaches it, but not on three lines at once with the next word starting at one x ([`ALIGN`]).
const GUTTER: f64 = 0.45;
/// How far (in font sizes) the right column's lines may start from one x: a column's left edge is
/// one number in the producer's layout.
const ALIGN: f64 = 0.05;
/// Least number of lines that have text on both sides of the gutter, starting at its edge.
const MIN_ROWS: usize = 3;
/// Median width (in font sizes) and word count of the left pieces for the block to be prose.
const PROSE_WIDTH: f64 = 12.0;
const PROSE_WORDS: usize = 4;
/// Lines looked at below a block's first line; a page holds fewer.
const MAX_BLOCK: usize = 400;
/// Columns inside columns looked at (three and more columns split one at a time).
const MAX_DEPTH: usize = 6;

type Seg = Option<u32>;

/// The shape of a horizontal line: where its ink lies along the baseline, page x.
struct Shape {
    y: f64,
    size: f64,
    /// Non-blank glyph extents, merged where they touch or overlap, left to right.
    spans: Vec<(f64, f64)>,
}

/// Splits blocks of lines that run across a gutter into column pieces, left column first.
pub(super) fn split(lines: Vec<(Seg, Line)>, layer: &Layer) -> Vec<(Seg, Line)> {
    split_at_depth(lines, layer, 0)
}

fn split_at_depth(lines: Vec<(Seg, Line)>, layer: &Layer, depth: usize) -> Vec<(Seg, Line)> {
    if depth >= MAX_DEPTH || lines.len() < MIN_ROWS {
        return lines;
    }
    let shapes: Vec<Option<Shape>> = lines.iter().map(|(_, l)| shape(l, layer)).collect();
    let mut blocks: Vec<(usize, usize, f64)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        match block_at(&lines, &shapes, i, layer, depth > 0) {
            Some((end, x)) => {
                blocks.push((i, end, x));
                i = end;
            }
            None => i += 1,
        }
    }
    if blocks.is_empty() {
        return lines;
    }
    let mut out = Vec::with_capacity(lines.len() + blocks.len() * MIN_ROWS);
    let mut blocks = blocks.into_iter().peekable();
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for (i, (seg, line)) in lines.into_iter().enumerate() {
        let Some(&(start, end, x)) = blocks.peek() else {
            out.push((seg, line));
            continue;
        };
        if i < start {
            out.push((seg, line));
            continue;
        }
        let (l, r) = cut(line, x);
        left.extend(l.map(|l| (seg, l)));
        right.extend(r.map(|r| (seg, r)));
        if i + 1 == end {
            out.extend(split_at_depth(std::mem::take(&mut left), layer, depth + 1));
            out.extend(split_at_depth(std::mem::take(&mut right), layer, depth + 1));
            blocks.next();
        }
    }
    out
}

fn shape(line: &Line, layer: &Layer) -> Option<Shape> {
    if line.dir.0 < 0.99 {
        return None;
    }
    let mut ink: Vec<(f64, f64)> = line
        .glyphs
        .iter()
        .filter(|p| !blank(p, layer))
        .map(|p| (line.origin.0 + p.start.min(p.end), line.origin.0 + p.start.max(p.end)))
        .collect();
    ink.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut spans: Vec<(f64, f64)> = Vec::with_capacity(ink.len());
    for (s, e) in ink {
        match spans.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => spans.push((s, e)),
        }
    }
    Some(Shape { y: line.origin.1, size: line.size, spans })
}

fn blank(p: &Placed, layer: &Layer) -> bool {
    layer.glyph_text(&layer.glyphs[p.idx as usize]).is_none_or(|t| t.trim().is_empty())
}

/// Whether nothing on the line lies in the strip of width `gap` left of `x`.
fn clear(s: &Shape, x: f64, gap: f64) -> bool {
    !s.spans.iter().any(|&(a, b)| a < x && b > x - gap)
}

/// Whether the line has ink left of the strip and its first ink right of it starts at `x`.
fn two_sided(s: &Shape, x: f64, gap: f64, align: f64) -> bool {
    clear(s, x, gap)
        && s.spans.first().is_some_and(|&(a, _)| a < x - gap)
        && s.spans.iter().find(|&&(a, _)| a >= x - gap).is_some_and(|&(a, _)| (a - x).abs() <= align)
}

/// The block of lines from `i` read across a gutter, if one starts there: its end and the gutter's
/// right edge.
fn block_at(
    lines: &[(Seg, Line)],
    shapes: &[Option<Shape>],
    i: usize,
    layer: &Layer,
    inside: bool,
) -> Option<(usize, f64)> {
    let first = shapes[i].as_ref()?;
    let (gap, align) = (GUTTER * first.size, ALIGN * first.size);
    let candidates = first.spans.windows(2).filter(|w| w[1].0 - w[0].1 >= gap).map(|w| w[1].0);
    for x in candidates {
        let mut rows = vec![i];
        let mut end = i + 1;
        let mut y = first.y;
        while end < lines.len().min(i + MAX_BLOCK) {
            let Some(s) = shapes[end].as_ref() else { break };
            let down = s.y - y;
            if lines[end].0 != lines[i].0
                || !(-2.2 * first.size..=-0.5 * first.size).contains(&down)
                || (s.size - first.size).abs() > 0.3 * first.size
                || !clear(s, x, gap)
            {
                break;
            }
            if two_sided(s, x, gap, align) {
                rows.push(end);
            }
            y = s.y;
            end += 1;
        }
        if rows.len() >= MIN_ROWS && prose(i..end, &rows, lines, shapes, x, layer, inside) {
            return Some((end, x));
        }
    }
    None
}

/// Whether the text left of the gutter is prose, not a label column or a table of contents: on the
/// two-sided rows, lines of [`PROSE_WIDTH`] font sizes and [`PROSE_WORDS`] words (median), and from line
/// to line the text runs on — at least half the lines start with a lower-case letter or follow a line
/// that ends in a hyphen, where labels and entries start with a capital or a number. Right of a column
/// already cut (`inside`: three columns and more) the width and words suffice.
fn prose(
    block: std::ops::Range<usize>,
    rows: &[usize],
    lines: &[(Seg, Line)],
    shapes: &[Option<Shape>],
    x: f64,
    layer: &Layer,
    inside: bool,
) -> bool {
    let mut widths = Vec::with_capacity(rows.len());
    let mut words = Vec::with_capacity(rows.len());
    for &r in rows {
        let s = shapes[r].as_ref().expect("rows have shapes");
        let left: Vec<&(f64, f64)> = s.spans.iter().filter(|(a, _)| *a < x).collect();
        let (Some(a), Some(b)) = (left.first(), left.last()) else { continue };
        widths.push((b.1 - a.0) / s.size);
        words.push(word_count(&lines[r].1, x, layer));
    }
    widths.sort_by(f64::total_cmp);
    words.sort_unstable();
    let mid = widths.len() / 2;
    if widths.is_empty() || widths[mid] < PROSE_WIDTH || words[mid] < PROSE_WORDS {
        return false;
    }
    if inside {
        // Right of a prose column already cut: the page is set in columns.
        return true;
    }
    let texts: Vec<String> = block.filter_map(|i| left_text(&lines[i].1, x, layer)).collect();
    let runs_on =
        texts.windows(2).filter(|w| ends_in_break_hyphen(&w[0]) || w[1].starts_with(char::is_lowercase)).count();
    texts.len() >= 2 && 2 * runs_on >= texts.len() - 1
}

/// The text left of `x`, trimmed; `None` when there is none.
fn left_text(line: &Line, x: f64, layer: &Layer) -> Option<String> {
    let t: String = line
        .glyphs
        .iter()
        .filter(|p| line.origin.0 + p.start < x)
        .map(|p| layer.glyph_text(&layer.glyphs[p.idx as usize]).unwrap_or(""))
        .collect();
    let t = t.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Words left of `x`: runs of non-blank glyphs parted by a blank glyph or a word gap.
fn word_count(line: &Line, x: f64, layer: &Layer) -> usize {
    let mut count = 0;
    let mut last_end: Option<f64> = None;
    for p in &line.glyphs {
        if line.origin.0 + p.start >= x {
            continue;
        }
        if blank(p, layer) {
            last_end = None;
            continue;
        }
        if last_end.is_none_or(|e| p.start - e > SPACE_GAP * p.size) {
            count += 1;
        }
        last_end = Some(p.end);
    }
    count
}

/// The glyphs of a line left and right of `x` (blank glyphs go where they start).
fn cut(line: Line, x: f64) -> (Option<Line>, Option<Line>) {
    let Line { dir, origin, size, glyphs } = line;
    let (l, r): (Vec<Placed>, Vec<Placed>) = glyphs.into_iter().partition(|p| origin.0 + p.start < x - 1e-6);
    let piece = |g: Vec<Placed>| (!g.is_empty()).then_some(Line { dir, origin, size, glyphs: g });
    (piece(l), piece(r))
}
