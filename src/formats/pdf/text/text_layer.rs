//! From positioned glyphs to the text the detector reads, with a map back to every glyph.
//!
//! Per page, glyphs are grouped into lines: consecutive glyphs (in content order) whose origins lie on
//! one baseline. Within a line, runs of glyphs that follow each other are put in reading order by their
//! position along the baseline, so a name shown as `(sen) Tj` then `(Jan) Tj` at the right places reads
//! `Jansen`; overprinted runs keep their content order. A gap wider than a fifth of the font size reads
//! as a space (many producers position words instead of drawing spaces).
//!
//! Lines, and pages, are joined with a space rather than a line break: a BSN printed as `123 456` at
//! the end of one line and `782` at the start of the next, or a name wrapped after `Jan de`, is one
//! string to the detector. A word hyphenated at a line end (`Bak-` / `ker`) is joined without the hyphen
//! (`Bakker`); the hyphen glyph maps to an empty range inside the word, so removing the word removes it.
//! Before a capital or a digit, or after a digit, the hyphen stays and no space is added (`Jansen-` /
//! `Bakker`, `12-` / `BDF-3`).
//! A value that runs across a line break only when the lines are read together (an e-mail address
//! broken at its `@`, an IBAN or BSN that passes its check only across the break) is joined as one
//! (`joins.rs`).
//! Columns drawn row by row (each baseline across every column) are read column by column
//! (`columns.rs`).
//! Streams drawn outside page space (detached uses) follow their page, separated by a line break.
//!
//! Every glyph gets a byte range in the text ([`TextLayer::ranges`]); [`TextLayer::glyphs_in`] turns a
//! detector span back into the glyphs that produced it.

use std::collections::HashMap;

use super::columns;
use super::interpret::Layer;
use super::joins::{self, Join};

/// The detector's text for the page content of a document.
#[derive(Debug, Default)]
pub(crate) struct TextLayer {
    pub text: String,
    /// Per glyph: its byte range in `text` (empty for glyphs that add no text).
    pub ranges: Vec<(u32, u32)>,
    /// Glyph indices in text order.
    pub order: Vec<u32>,
    /// Per glyph: its line number (unique across the document).
    pub line: Vec<u32>,
    /// Byte offset in `text` where each page starts.
    pub page_starts: Vec<u32>,
}

/// Gap (in font sizes) between glyphs on a line above which a space is read: a tenth of the font size,
/// where viewers (and poppler's `pdftotext`) part words. Typesetters part words with a TJ offset as
/// often as with a space character, and set them 0.12 to 0.15 em apart in tight justified lines; read
/// as one word (`AnneliesVerhoeven,telefoon0612345678`), a name and a number went unrecognised and
/// were published as they stood.
pub(super) const SPACE_GAP: f64 = 0.1;
/// Offset across the baseline (in font sizes) beyond which a glyph starts a new line.
const LINE_TOLERANCE: f64 = 0.5;
/// Gap (in font sizes) beyond which glyphs on one line form separate runs for ordering.
const RUN_GAP: f64 = 1.0;
/// Largest gap (in font sizes) between two pieces of one baseline that are read as one line: a word
/// space of a justified line at most. Columns are often set closer than three font sizes apart (a
/// newsletter, LibreOffice's narrow column spacing); joined, every line of the left column came between
/// two lines of the right one, and a name broken over two lines there (`Pieter` / `Bakker`) was read in
/// two places and redacted in one.
const MERGE_GAP: f64 = 1.0;

#[derive(Clone, Copy)]
pub(super) struct Placed {
    pub idx: u32,
    /// Position along the line's direction of the glyph's origin and of its end.
    pub start: f64,
    pub end: f64,
    pub size: f64,
}

pub(super) struct Line {
    pub dir: (f64, f64),
    pub origin: (f64, f64),
    pub size: f64,
    pub glyphs: Vec<Placed>,
}

impl TextLayer {
    /// Glyph indices whose text intersects `start..end` (plus empty glyphs strictly inside it).
    pub fn glyphs_in(&self, start: usize, end: usize) -> Vec<u32> {
        let (s, e) = (start as u32, end as u32);
        let first = self.order.partition_point(|&g| self.ranges[g as usize].1 <= s);
        let mut out = Vec::new();
        for &g in &self.order[first..] {
            let (gs, ge) = self.ranges[g as usize];
            if gs >= e {
                break;
            }
            if (ge > s && gs < e) || (gs == ge && gs > s && gs < e) {
                out.push(g);
            }
        }
        out
    }

    /// The 0-based page of a byte offset.
    pub fn page_of(&self, offset: usize) -> usize {
        self.page_starts.partition_point(|&p| p as usize <= offset).saturating_sub(1)
    }
}

fn geometry(layer: &Layer, idx: u32) -> ((f64, f64), (f64, f64), f64, f64) {
    let g = &layer.glyphs[idx as usize];
    let origin = g.trm.apply(0.0, 0.0);
    let (ax, ay) = (g.trm.a, g.trm.b);
    let len = (ax * ax + ay * ay).sqrt();
    let dir = if len > 1e-9 { (ax / len, ay / len) } else { (1.0, 0.0) };
    // The font's height, not its width: horizontally scaled text (Tz) is no taller.
    let height = (g.trm.c * g.trm.c + g.trm.d * g.trm.d).sqrt();
    let size = if height > 1e-3 { height } else { len.max(1e-3) };
    let end = g.trm.apply(g.w, 0.0);
    let adv = (end.0 - origin.0) * dir.0 + (end.1 - origin.1) * dir.1;
    (origin, dir, size, adv)
}

/// Builds the text of every page.
pub(crate) fn build(layer: &Layer) -> TextLayer {
    let n = layer.glyphs.len();
    let mut out = TextLayer {
        text: String::new(),
        ranges: vec![(0, 0); n],
        order: Vec::with_capacity(n),
        line: vec![0; n],
        page_starts: Vec::with_capacity(layer.pages.len()),
    };
    // Glyphs per page, page content first, then each detached stream.
    let mut per_page: Vec<Vec<u32>> = vec![Vec::new(); layer.pages.len()];
    for (i, g) in layer.glyphs.iter().enumerate() {
        let u = &layer.uses[g.use_id as usize];
        if let Some(v) = per_page.get_mut(u.page as usize) {
            v.push(i as u32);
        }
    }
    let mut line_no = 0u32;
    for glyphs in per_page.iter_mut() {
        // A word hyphenated at the foot of a page continues on the next (`Ver-` / `hoeven`).
        let mut hyphen = ends_with_break_hyphen(&out);
        if hyphen.is_none() && !out.text.is_empty() && !out.text.ends_with(char::is_whitespace) {
            out.text.push(' ');
        }
        out.page_starts.push(out.text.len() as u32);
        // Stable: page-space glyphs keep content order, detached streams follow by root.
        glyphs.sort_by_key(|&g| {
            let u = &layer.uses[layer.glyphs[g as usize].use_id as usize];
            if u.detached { u.root + 1 } else { 0 }
        });
        let segment_of = |g: u32| {
            let u = &layer.uses[layer.glyphs[g as usize].use_id as usize];
            if u.detached { Some(u.root) } else { None }
        };
        let mut lines: Vec<(Option<u32>, Line)> = Vec::new();
        for &g in glyphs.iter() {
            let (origin, dir, size, adv) = geometry(layer, g);
            let seg = segment_of(g);
            let same = lines.last().is_some_and(|(s, l)| {
                *s == seg
                    && dir.0 * l.dir.0 + dir.1 * l.dir.1 > 0.99
                    && ((origin.0 - l.origin.0) * -l.dir.1 + (origin.1 - l.origin.1) * l.dir.0).abs()
                        < LINE_TOLERANCE * size.max(l.size)
            });
            if !same {
                lines.push((seg, Line { dir, origin, size, glyphs: Vec::new() }));
            }
            let l = &mut lines.last_mut().expect("just pushed").1;
            let start = (origin.0 - l.origin.0) * l.dir.0 + (origin.1 - l.origin.1) * l.dir.1;
            l.glyphs.push(Placed { idx: g, start, end: start + adv, size });
        }
        let lines = merge_same_baseline(lines);
        // Reading order inside each line: runs that follow each other, sorted by where they start.
        let mut ordered: Vec<(Option<u32>, Line)> = Vec::with_capacity(lines.len());
        for (seg, mut line) in lines {
            let mut runs: Vec<Vec<Placed>> = Vec::new();
            for p in line.glyphs.drain(..) {
                // A glyph continues a run when it starts near where the last one ended; a wide gap (a
                // removed name, a tab stop) ends the run so text drawn into the gap sorts into it.
                let follows = runs.last().and_then(|r| r.last()).is_some_and(|q| {
                    let size = p.size.max(q.size);
                    p.start >= q.end - 0.5 * size && p.start <= q.end + RUN_GAP * size
                });
                if follows {
                    runs.last_mut().expect("checked").push(p);
                } else {
                    runs.push(vec![p]);
                }
            }
            runs.sort_by(|a, b| a[0].start.total_cmp(&b[0].start));
            line.glyphs = runs.into_iter().flatten().collect();
            ordered.push((seg, line));
        }
        let ordered = columns::split(ordered, layer);
        let block_ends = block_ends(&ordered);
        for (i, (seg, line)) in ordered.iter().enumerate() {
            if i > 0 {
                let (pseg, prev) = &ordered[i - 1];
                let across = (pseg == seg).then(|| {
                    let text_of = |p: &Placed| layer.glyph_text(&layer.glyphs[p.idx as usize]).unwrap_or("");
                    let next: String = line.glyphs.iter().take(64).map(text_of).collect();
                    joins::across(&out.text, &next)
                });
                let across = across.flatten();
                if pseg != seg {
                    out.text.push('\n');
                } else if across == Some(Join::Tight) {
                    // A value broken at a character that is never a word's end (`@`), or one that only
                    // passes its check read whole: no space.
                } else if across == Some(Join::Spaced) {
                    if !out.text.ends_with(char::is_whitespace) {
                        out.text.push(' ');
                    }
                } else if wraps(prev, line, block_ends[i - 1], layer) {
                    hyphen = ends_with_break_hyphen(&out);
                    if hyphen.is_none() && !out.text.ends_with(char::is_whitespace) {
                        out.text.push(' ');
                    }
                } else {
                    out.text.push('\n');
                }
            }
            let mut prev: Option<Placed> = None;
            for &p in &line.glyphs {
                let t = layer.glyph_text(&layer.glyphs[p.idx as usize]).unwrap_or("");
                if let Some(h) = hyphen.take()
                    && t.starts_with(char::is_lowercase)
                    && out.text[..out.ranges[h as usize].0 as usize].ends_with(char::is_alphabetic)
                {
                    // `Bak-` + `ker`: the hyphen only breaks the word; read `Bakker`.
                    let (hs, _) = out.ranges[h as usize];
                    out.text.truncate(hs as usize);
                    out.ranges[h as usize] = (hs, hs);
                }
                if let Some(q) = prev {
                    let gap = p.start - q.end;
                    let size = p.size.max(q.size);
                    if (gap > SPACE_GAP * size || gap < -0.5 * size)
                        && !out.text.ends_with(char::is_whitespace)
                        && !t.starts_with(char::is_whitespace)
                    {
                        out.text.push(' ');
                    }
                }
                let s = out.text.len() as u32;
                out.text.push_str(t);
                out.ranges[p.idx as usize] = (s, out.text.len() as u32);
                out.line[p.idx as usize] = line_no;
                out.order.push(p.idx);
                prev = Some(p);
            }
            line_no += 1;
        }
    }
    out
}

/// Whether the last glyph is a hyphen after a letter or digit at the line end: the next line continues
/// the same word without a space — a hyphenated word (`Bak-` / `ker`, the hyphen is then read away), a
/// double name (`Jansen-` / `Bakker`) or a code (`12-` / `BDF-3`, a licence plate).
fn ends_with_break_hyphen(out: &TextLayer) -> Option<u32> {
    let &last = out.order.last()?;
    let (s, e) = out.ranges[last as usize];
    let t = &out.text[s as usize..e as usize];
    let before = out.text[..s as usize].chars().next_back();
    (matches!(t, "-" | "\u{2010}" | "\u{00AD}")
        && e as usize == out.text.len()
        && before.is_some_and(char::is_alphanumeric))
    .then_some(last)
}

/// Whether `text` ends in a hyphen after a letter or digit: the next line continues it, however short
/// it is. One hyphen, not a rule of dashes ("-----Oorspronkelijk bericht-----").
pub(super) fn ends_in_break_hyphen(text: &str) -> bool {
    let mut tail = text.trim_end().chars().rev();
    matches!(tail.next(), Some('-' | '\u{2010}' | '\u{00AD}')) && tail.next().is_some_and(char::is_alphanumeric)
}

/// Page-space x where a line starts and ends (horizontal lines only).
fn extent(line: &Line) -> Option<(f64, f64)> {
    if line.dir.0 < 0.99 {
        return None;
    }
    let first = line.glyphs.first()?;
    let end = line.glyphs.iter().map(|p| p.end).fold(f64::MIN, f64::max);
    Some((line.origin.0 + first.start, line.origin.0 + end))
}

/// For each line, the right edge of its block: the furthest end among lines that start where it does.
fn block_ends(lines: &[(Option<u32>, Line)]) -> Vec<f64> {
    let ext: Vec<Option<(f64, f64)>> = lines.iter().map(|(_, l)| extent(l)).collect();
    ext.iter()
        .zip(lines)
        .map(|(e, (seg, l))| {
            let Some((start, end)) = *e else {
                return f64::MAX;
            };
            ext.iter()
                .zip(lines)
                .filter(|(o, (s, _))| s == seg && o.is_some_and(|(s2, _)| (s2 - start).abs() < l.size))
                .map(|(o, _)| o.map_or(end, |(_, e2)| e2))
                .fold(end, f64::max)
        })
        .collect()
}

/// Whether `next` continues `prev` as a wrapped line of one paragraph (joined with a space) rather
/// than starting a new block (joined with a line break, which the detector treats as a boundary).
fn wraps(prev: &Line, next: &Line, block_end: f64, layer: &Layer) -> bool {
    let size = prev.size.max(next.size);
    let down = (next.origin.0 - prev.origin.0) * -prev.dir.1 + (next.origin.1 - prev.origin.1) * prev.dir.0;
    let text_of = |p: &Placed| layer.glyph_text(&layer.glyphs[p.idx as usize]).unwrap_or("");
    let last: String = prev.glyphs.iter().map(text_of).collect::<String>();
    let hyphenated = ends_in_break_hyphen(&last);
    // Also at the foot of a column, on the first line of the next one (up, and to the right):
    // `Ver-` / `hoeven` and `06-` / `12345678` were read apart and published.
    let next_column = match (extent(prev), extent(next)) {
        (Some((ps, _)), Some((ns, _))) => down > 0.5 * size && ns > ps + size,
        _ => false,
    };
    if hyphenated && next_column {
        return true;
    }
    if !(-2.2 * size..=-0.5 * size).contains(&down) {
        return false;
    }
    let last_word = last.trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
    let first = next.glyphs.iter().map(text_of).find(|t| !t.trim().is_empty()).unwrap_or("");
    let full = extent(prev).is_some_and(|(_, end)| end >= block_end - 5.0 * size);
    let continues_word = !last_word.is_empty() && last_word.chars().all(|c| c.is_lowercase() || c == '\'');
    let next_lower = first.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit());
    full || continues_word || next_lower || hyphenated
}

/// Per line, whether it is drawn as part of a column: the line drawn before it or after it (in content
/// order) starts where it starts, a line above or below. Such a line is never joined to another on
/// its baseline: table cells and columns set less than [`MERGE_GAP`] apart (a table without a grid and
/// one point of padding, justified HTML columns half a font size apart) were read across, and an IBAN
/// broken over two lines of one cell came apart (`NL91 ABNA` published).
fn flowing(lines: &[(Option<u32>, Line)]) -> Vec<bool> {
    // Lines of a column are wider than a box's label (`5.1.2e`, `Persoon 12`), which lak draws at the
    // end of the page, one under another where values stood at line starts, to be read into its line.
    let start = |l: &Line| extent(l).filter(|(s, e)| e - s >= 6.0 * l.size).map(|(s, _)| s);
    let stacked = |a: &(Option<u32>, Line), b: &(Option<u32>, Line)| {
        let (Some(sa), Some(sb)) = (start(&a.1), start(&b.1)) else { return false };
        let size = a.1.size.max(b.1.size);
        let apart = (a.1.origin.1 - b.1.origin.1).abs();
        a.0 == b.0 && (sa - sb).abs() < 0.5 && (0.5 * size..=2.2 * size).contains(&apart)
    };
    (0..lines.len())
        .map(|i| {
            (i > 0 && stacked(&lines[i - 1], &lines[i])) || lines.get(i + 1).is_some_and(|n| stacked(&lines[i], n))
        })
        .collect()
}

/// Joins a line to an earlier one on the same baseline when their extents touch: text drawn out of
/// content order (a word placed after the rest of its line, a box label drawn at the end of the page)
/// reads where it stands. Lines further apart than [`MERGE_GAP`] font sizes (table columns, a second
/// text column) stay apart.
fn merge_same_baseline(lines: Vec<(Option<u32>, Line)>) -> Vec<(Option<u32>, Line)> {
    let mut out: Vec<(Option<u32>, Line)> = Vec::with_capacity(lines.len());
    // Baseline bucket (perpendicular offset in units of BUCKET points) → indices into `out`.
    const BUCKET: f64 = 3.0;
    let mut buckets: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    let key = |l: &Line| {
        let perp = -l.dir.1 * l.origin.0 + l.dir.0 * l.origin.1;
        ((perp / BUCKET).round() as i64, (l.dir.1 * 100.0).round() as i64)
    };
    let flows = flowing(&lines);
    for ((seg, line), flows) in lines.into_iter().zip(flows) {
        let (kb, kd) = key(&line);
        let extent_of = |l: &Line, origin: (f64, f64), dir: (f64, f64)| {
            let off = (l.origin.0 - origin.0) * dir.0 + (l.origin.1 - origin.1) * dir.1;
            let s = l.glyphs.iter().map(|p| p.start).fold(f64::MAX, f64::min) + off;
            let e = l.glyphs.iter().map(|p| p.end).fold(f64::MIN, f64::max) + off;
            (s, e)
        };
        let mut target = None;
        'find: for b in (kb - 2..=kb + 2).filter(|_| !flows) {
            for &i in buckets.get(&(b, kd)).map(Vec::as_slice).unwrap_or(&[]) {
                let (oseg, other) = &out[i];
                if *oseg != seg || other.dir.0 * line.dir.0 + other.dir.1 * line.dir.1 < 0.99 {
                    continue;
                }
                let perp =
                    (line.origin.0 - other.origin.0) * -other.dir.1 + (line.origin.1 - other.origin.1) * other.dir.0;
                let size = line.size.max(other.size);
                if perp.abs() >= LINE_TOLERANCE * size {
                    continue;
                }
                let (s1, e1) = extent_of(other, other.origin, other.dir);
                let (s2, e2) = extent_of(&line, other.origin, other.dir);
                if s2 <= e1 + MERGE_GAP * size && s1 <= e2 + MERGE_GAP * size {
                    target = Some(i);
                    break 'find;
                }
            }
        }
        match target {
            Some(i) => {
                let other = &mut out[i].1;
                let off =
                    (line.origin.0 - other.origin.0) * other.dir.0 + (line.origin.1 - other.origin.1) * other.dir.1;
                other.glyphs.extend(line.glyphs.into_iter().map(|mut p| {
                    p.start += off;
                    p.end += off;
                    p
                }));
            }
            None => {
                buckets.entry((kb, kd)).or_default().push(out.len());
                out.push((seg, line));
            }
        }
    }
    out
}
