//! PresentationML and DrawingML (PPTX, PPTM, POTX, PPSX; and the drawings inside DOCX and XLSX).
//!
//! Text: each DrawingML paragraph (`a:p`) is a unit, made of its `a:t` runs and fields, on slides,
//! speaker notes, layouts, masters, handout and notes masters, charts (titles, axis titles, data labels)
//! and SmartArt data, and in the drawings of Word and Excel parts. Chart caches (`c:v`) are character
//! data read as units of their own. Slide tags (`p:tag`) are attribute units.
//!
//! Hidden slides (`show="0"`) and shapes placed outside the slide are processed like visible ones and
//! reported as notes. Comments and their authors are removed whole by `scrub.rs`.

use super::vocab::{AttrKind, AttrRule, ElemRule, Facts, Fam, GroupKind, TextKind};

/// The rule for a DrawingML (`a:`) or PresentationML (`p:`) element.
pub(crate) fn element(fam: Fam, local: &str) -> ElemRule {
    match (fam, local) {
        (Fam::A, "p") => ElemRule::Group(GroupKind::Para),
        (Fam::A, "t") => ElemRule::Text(TextKind::Main),
        (Fam::A, "br") => ElemRule::Char("\n"),
        _ => ElemRule::Normal,
    }
}

/// The rule for an attribute of a PresentationML element.
pub(crate) fn attribute(elocal: &str, alocal: &str) -> AttrRule {
    match (elocal, alocal) {
        ("tag", "name" | "val") => AttrRule::Scan(AttrKind::Text),
        ("custShow" | "sldLayout" | "cSld", "name") => AttrRule::Scan(AttrKind::Text),
        _ => AttrRule::Keep,
    }
}

/// Hidden content worth a note.
pub(crate) fn note(local: &str, facts: &Facts) -> Option<&'static str> {
    match local {
        "sld" if matches!(facts.show.as_deref(), Some("0" | "false")) => {
            Some("hidden slides (processed like visible ones)")
        }
        _ => None,
    }
}
