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

/// The rule for an attribute of a PresentationML, DrawingML, chart or diagram element; `None` when the
/// vocabulary says nothing about it (then `vocab.rs` decides).
pub(crate) fn attribute(fam: Fam, elocal: &str, alocal: &str) -> Option<AttrRule> {
    Some(match (fam, elocal, alocal) {
        (Fam::P, "tag", "name" | "val") => AttrRule::Scan(AttrKind::Text),
        (Fam::P, "custShow" | "sldLayout" | "cSld", "name") => AttrRule::Scan(AttrKind::Text),
        (Fam::P14, "section", "name") => AttrRule::Scan(AttrKind::Text),
        (Fam::Dgm, "prSet", "phldrT") => AttrRule::Scan(AttrKind::Text),
        (Fam::A, "snd", "name") | (Fam::A, "hlinkClick" | "hlinkHover", "tgtFrame") => AttrRule::Scan(AttrKind::Text),
        (Fam::C | Fam::A, "numFmt", "formatCode") => AttrRule::Scan(AttrKind::FormatCode),
        // Themes, fonts, table styles: names from a vocabulary.
        (Fam::A, "theme" | "clrScheme" | "fontScheme" | "fmtScheme", "name")
        | (Fam::A, "latin" | "ea" | "cs" | "sym" | "font" | "buFont", "typeface")
        | (Fam::A, "tblStyle", "styleName") => AttrRule::Name,
        (Fam::A, "hlinkClick" | "hlinkHover", "action") | (Fam::A, "font", "script") => AttrRule::Structural,
        // Chart axis ids are random numbers (nine digits, often), never text.
        (Fam::C, "axId" | "crossAx", "val") => AttrRule::Structural,
        (Fam::Dgm, "prSet", "loTypeId" | "loCatId" | "qsTypeId" | "qsCatId" | "csTypeId" | "csCatId") => {
            AttrRule::Structural
        }
        _ => return None,
    })
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
