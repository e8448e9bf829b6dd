//! Views: a unit read the way a reader sees it, when that differs from the characters in the file.
//!
//! The detector reads text units; lak redacts the characters of a unit where they are in the part. Some
//! text is shown differently from how it is stored, and a value can only be found in the shown form:
//!
//! - **alternatives** (`mc:AlternateContent` inside a paragraph): a reader shows the `mc:Choice` *or* the
//!   `mc:Fallback`, never both. The paragraph's own text (both at once, `BSN 111222222333`) is hidden
//!   from the detector; each alternative is read joined with the text around it (`BSN 111222333`), and a
//!   value found in any alternative is redacted in the characters it came from;
//! - **number format codes** (`General`, `"Tel. "0`): only the literal text is shown; the code itself is
//!   hidden (`General` is no person) and the literals are read;
//! - **formulas**: the string literals of a formula joined (`CONCATENATE("1234","56782")` shows
//!   `123456782` once calculated, and a formula written by openpyxl has no cached value); a value found
//!   there removes the formula;
//! - **numbers as Excel shows them**: `1.11222333E8` is 111222333 ([`integral`]); a number shown through a
//!   format with leading zeros or literal digits (`000000000`, `"0"0"-"00000000`) is read as shown too
//!   (`numfmt.rs`, applied in `workbook.rs`), and so is a date number (`31852` through `d mmmm yyyy` is
//!   `16 maart 1987`, read as `16-03-1987` as well when the format shows the day otherwise); a value
//!   found there redacts the cell.
//!
//! A view is a unit of kind [`super::xml_text::UnitKind::View`]: its text, the unit it is a view of, and
//! a map from its characters to that unit's. [`view_cuts`] turns a redaction in a view into redactions of
//! the unit's characters before the part is rewritten.

use super::rewrite::Cut;
use super::xml_text::{Piece, Scanned, UnitKind};

/// At most this many views per unit (an `mc:AlternateContent` has a few `mc:Choice`s at most).
const MAX_ALTERNATIVES: usize = 8;

/// A view's map: `(offset in the view, offset in the unit, length)` per stretch.
pub(crate) type Map = Vec<(usize, usize, usize)>;

/// The `mc:AlternateContent` elements inside text groups of one part, and their branches.
#[derive(Default, Debug)]
pub(crate) struct Branches {
    /// Per alternatives element: the branch it is in (if nested) and how many branches it has.
    alternatives: Vec<(Option<usize>, usize)>,
    /// Per branch: its alternatives element and its index there (0 is the first `mc:Choice`).
    branches: Vec<(usize, usize)>,
}

impl Branches {
    /// Registers an `mc:AlternateContent` (inside branch `parent`, if any); returns its id.
    pub(crate) fn open_alternatives(&mut self, parent: Option<usize>) -> usize {
        self.alternatives.push((parent, 0));
        self.alternatives.len() - 1
    }

    /// Registers the next branch of alternatives `ac`; returns its id.
    pub(crate) fn open_branch(&mut self, ac: usize) -> usize {
        let index = self.alternatives[ac].1;
        self.alternatives[ac].1 += 1;
        self.branches.push((ac, index));
        self.branches.len() - 1
    }

    /// Whether branch `b` is shown when every alternatives element shows its branch `k` (or its last
    /// one, when it has fewer).
    fn shown(&self, b: usize, k: usize) -> bool {
        let mut b = Some(b);
        let mut guard = 0;
        while let Some(id) = b {
            let (ac, index) = self.branches[id];
            let (parent, count) = self.alternatives[ac];
            if index != k.min(count.saturating_sub(1)) {
                return false;
            }
            b = parent;
            guard += 1;
            if guard > self.branches.len() {
                return false;
            }
        }
        true
    }

    /// The views of a unit whose pieces lie in branches (`tags[i]` is piece `i`'s branch): one per
    /// branch index, each the text around the alternatives plus that branch of each.
    pub(crate) fn views(&self, text: &str, pieces: &[Piece], tags: &[Option<usize>]) -> Vec<(String, Map)> {
        let most = tags
            .iter()
            .flatten()
            .map(|&b| self.alternatives[self.branches[b].0].1)
            .max()
            .unwrap_or(0)
            .min(MAX_ALTERNATIVES);
        let mut out = Vec::new();
        let mut covered = vec![false; self.branches.len()];
        for k in 0..most {
            out.push(self.view(text, pieces, tags, &mut covered, |b| self.shown(b, k)));
        }
        // A branch no view above showed (one past the first MAX_ALTERNATIVES, or a fallback nested in a
        // choice) is read in a view of its own: the text around the alternatives, that branch and the
        // branches it lies in. Every character is read at least once.
        for &b in tags.iter().flatten() {
            if covered[b] {
                continue;
            }
            let chain = self.chain(b);
            out.push(self.view(text, pieces, tags, &mut covered, |x| chain.contains(&x)));
        }
        out
    }

    /// One view: the pieces outside alternatives and those in a branch `shown` accepts.
    fn view(
        &self,
        text: &str,
        pieces: &[Piece],
        tags: &[Option<usize>],
        covered: &mut [bool],
        shown: impl Fn(usize) -> bool,
    ) -> (String, Map) {
        let mut view = String::new();
        let mut map: Map = Vec::new();
        for (p, tag) in pieces.iter().zip(tags) {
            if let Some(b) = *tag {
                if !shown(b) {
                    continue;
                }
                covered[b] = true;
            }
            let Some(s) = text.get(p.at..p.at + p.len) else { continue };
            match map.last_mut() {
                Some(last) if last.0 + last.2 == view.len() && last.1 + last.2 == p.at => last.2 += p.len,
                _ => map.push((view.len(), p.at, p.len)),
            }
            view.push_str(s);
        }
        (view, map)
    }

    /// Branch `b` and the branches it lies in.
    fn chain(&self, b: usize) -> Vec<usize> {
        let mut out = vec![b];
        while let Some(parent) = self.alternatives[self.branches[*out.last().expect("not empty")].0].0 {
            if out.contains(&parent) || out.len() > self.branches.len() {
                break;
            }
            out.push(parent);
        }
        out
    }
}

/// The literal text of a number format code: quoted strings and `\`-escaped characters, with a map
/// to the code's characters. `None` when it has none.
pub(crate) fn format_literals(code: &str) -> Option<(String, Map)> {
    let mut view = String::new();
    let mut map: Map = Vec::new();
    let mut push = |view: &mut String, at: usize, s: &str| {
        match map.last_mut() {
            Some(last) if last.0 + last.2 == view.len() && last.1 + last.2 == at => last.2 += s.len(),
            _ => map.push((view.len(), at, s.len())),
        }
        view.push_str(s);
    };
    let mut chars = code.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                let start = i + 1;
                let mut end = code.len();
                for (j, d) in chars.by_ref() {
                    if d == '"' {
                        end = j;
                        break;
                    }
                }
                if end > start {
                    push(&mut view, start, &code[start..end]);
                }
            }
            '\\' | '_' | '*' => {
                // An escaped character is shown; `_x` (a space as wide as x) and `*x` (x repeated) are
                // layout, but show x as well in the case of `*`.
                if let Some((j, d)) = chars.next()
                    && c != '_'
                {
                    push(&mut view, j, &code[j..j + d.len_utf8()]);
                }
            }
            '[' => {
                // Colours, conditions and locales: `[Red]`, `[>=100]`, `[$€-413]`.
                for (_, d) in chars.by_ref() {
                    if d == ']' {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    (!view.trim().is_empty()).then_some((view, map))
}

/// The string literals of a formula, joined; `None` unless there are any.
pub(crate) fn formula_literals(formula: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = formula.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        any = true;
        loop {
            match chars.next() {
                Some('"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    out.push('"');
                }
                Some('"') | None => break,
                Some(d) => out.push(d),
            }
        }
    }
    (any && !out.trim().is_empty()).then_some(out)
}

/// A number cell's value as an integer when it is one, written without exponent or decimals
/// (`1.11222333E8`, `111222333.0` → `111222333`); `None` when it is not integral, is written that way
/// already, or is too large to be exact.
pub(crate) fn integral(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() || t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v: f64 = t.parse().ok()?;
    if !v.is_finite() || v.fract() != 0.0 || v.abs() >= 1e15 {
        return None;
    }
    Some(format!("{}", v as i64))
}

/// A redaction of `unit[start..end]`; a redaction in a view becomes redactions of the characters of the
/// unit it is a view of (the marker goes with the first; a view of a whole unit redacts all of it).
pub(crate) fn view_cuts(sc: &Scanned, unit: usize, start: usize, end: usize, with: String, cuts: &mut Vec<Cut>) {
    let Some(UnitKind::View { of, map }) = sc.units.get(unit).map(|u| &u.kind) else {
        cuts.push(Cut { unit, start, end, with });
        return;
    };
    let of = *of;
    if map.is_empty() {
        let len = sc.units.get(of).map_or(0, |u| u.text.len());
        cuts.push(Cut { unit: of, start: 0, end: len, with });
        return;
    }
    let mut with = Some(with);
    for &(view_at, unit_at, len) in map {
        let (s, e) = (start.max(view_at), end.min(view_at + len));
        if s < e {
            cuts.push(Cut {
                unit: of,
                start: unit_at + s - view_at,
                end: unit_at + e - view_at,
                with: with.take().unwrap_or_default(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::office::xml_text::PieceKind;

    fn piece(at: usize, len: usize) -> Piece {
        Piece { at, len, src: 0..0, kind: PieceKind::Text, holder: None }
    }

    #[test]
    fn each_alternative_is_read_with_its_surroundings() {
        let mut b = Branches::default();
        let ac = b.open_alternatives(None);
        let choice = b.open_branch(ac);
        let fallback = b.open_branch(ac);
        // "BSN 111" + "222" (choice) + "999" (fallback) + "333"
        let text = "BSN 111222999333";
        let pieces = [piece(0, 7), piece(7, 3), piece(10, 3), piece(13, 3)];
        let tags = [None, Some(choice), Some(fallback), None];
        let views = b.views(text, &pieces, &tags);
        assert_eq!(views.len(), 2);
        assert_eq!(views[0].0, "BSN 111222333");
        assert_eq!(views[0].1, vec![(0, 0, 10), (10, 13, 3)]);
        assert_eq!(views[1].0, "BSN 111999333");
        assert_eq!(views[1].1, vec![(0, 0, 7), (7, 10, 6)]);
    }

    #[test]
    fn every_branch_is_read_once_at_least_nested_or_past_the_limit() {
        // A fallback nested in a choice: no "branch k of every element" view shows it.
        let mut b = Branches::default();
        let outer = b.open_alternatives(None);
        let choice = b.open_branch(outer);
        let inner = b.open_alternatives(Some(choice));
        let _inner_choice = b.open_branch(inner);
        let inner_fallback = b.open_branch(inner);
        let outer_fallback = b.open_branch(outer);
        let text = "BSN 111222333 x";
        let pieces = [piece(0, 4), piece(4, 9), piece(13, 2)];
        let views = b.views(text, &pieces, &[None, Some(inner_fallback), Some(outer_fallback)]);
        assert!(views.iter().any(|v| v.0 == "BSN 111222333"), "{views:?}");
        // Ten choices: the ninth and tenth are read too.
        let mut b = Branches::default();
        let ac = b.open_alternatives(None);
        let branches: Vec<usize> = (0..10).map(|_| b.open_branch(ac)).collect();
        let text = "BSN 0123456789";
        let mut pieces = vec![piece(0, 4)];
        let mut tags = vec![None];
        for (i, &br) in branches.iter().enumerate() {
            pieces.push(piece(4 + i, 1));
            tags.push(Some(br));
        }
        let views = b.views(text, &pieces, &tags);
        assert!(views.iter().any(|v| v.0 == "BSN 8") && views.iter().any(|v| v.0 == "BSN 9"), "{views:?}");
    }

    #[test]
    fn format_codes_show_their_literals() {
        assert_eq!(format_literals("General"), None);
        assert_eq!(format_literals("#,##0.00;[Red]-#,##0.00"), None);
        let (v, m) = format_literals("\"piet.bakker@example.nl \"0").unwrap();
        assert_eq!(v, "piet.bakker@example.nl ");
        assert_eq!(m, vec![(0, 1, 23)]);
        assert_eq!(format_literals("\\J\\a\\n 0").unwrap().0, "Jan");
    }

    #[test]
    fn formula_literals_and_numbers() {
        assert_eq!(formula_literals("CONCATENATE(\"1234\",\"56782\")").as_deref(), Some("123456782"));
        assert_eq!(formula_literals("A1&\"\"\"x\"").as_deref(), Some("\"x"));
        assert_eq!(formula_literals("SUM(A1:A3)"), None);
        assert_eq!(integral("1.11222333E8").as_deref(), Some("111222333"));
        assert_eq!(integral("612345678.0").as_deref(), Some("612345678"));
        assert_eq!(integral("111222333"), None);
        assert_eq!(integral("1.5"), None);
    }
}
