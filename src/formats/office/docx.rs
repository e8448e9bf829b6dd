//! WordprocessingML (DOCX, DOCM, DOTX, DOTM): what the elements of a Word part mean to lak.
//!
//! Text: every paragraph (`w:p`) is one unit, made of its `w:t` runs wherever they are — the body,
//! tables, headers and footers, footnotes and endnotes, text boxes (both the `mc:Choice` and the
//! `mc:Fallback` copy are paragraphs of their own, so both are redacted), content controls, the
//! glossary. Field codes (`w:instrText`) are a second unit of their paragraph; `w:fldSimple`'s
//! instruction, bookmark names, document variables and form-field texts are attribute units. Hidden
//! text (`w:vanish`) is text like any other and is reported as a note.
//!
//! Scrubbed whatever is found: tracked changes are resolved — insertions (`w:ins`, `w:moveTo`) accepted
//! by unwrapping them, deletions (`w:del`, `w:moveFrom`) removed with their text, formatting changes
//! (`w:rPrChange`, ...) removed — and every `w:author`, `w:date` and `w:rsid*` attribute is stripped;
//! comment anchors are removed (the comments parts themselves are removed by `scrub.rs`); the list of
//! revision ids (`w:rsids`), the attached template, mail-merge data sources and edit permissions with
//! user names are removed from the settings.

use super::vocab::{AttrKind, AttrRule, ElemRule, Facts, Fam, GroupKind, TextKind, truthy};

/// The rule for a `w:` element.
pub(crate) fn element(local: &str, empty: bool) -> ElemRule {
    match local {
        "p" => ElemRule::Group(GroupKind::Para),
        "t" | "delText" => ElemRule::Text(TextKind::Main),
        "instrText" | "delInstrText" => ElemRule::Text(TextKind::Field),
        "tab" | "ptab" => ElemRule::Char("\t"),
        "br" | "cr" => ElemRule::Char("\n"),
        "noBreakHyphen" => ElemRule::Char("-"),
        "sym" => ElemRule::Sym,
        // Tracked changes: insertions accepted, deletions and old formatting removed.
        "ins" | "moveTo" if !empty => ElemRule::Unwrap("tracked changes: insertions accepted"),
        "ins" | "moveTo" => ElemRule::Remove("tracked changes: insertion marks removed"),
        "del" | "moveFrom" => ElemRule::Remove("tracked changes: deleted text removed"),
        "moveFromRangeStart"
        | "moveFromRangeEnd"
        | "moveToRangeStart"
        | "moveToRangeEnd"
        | "customXmlInsRangeStart"
        | "customXmlInsRangeEnd"
        | "customXmlDelRangeStart"
        | "customXmlDelRangeEnd"
        | "customXmlMoveFromRangeStart"
        | "customXmlMoveFromRangeEnd"
        | "customXmlMoveToRangeStart"
        | "customXmlMoveToRangeEnd"
        | "cellIns"
        | "cellDel"
        | "cellMerge" => ElemRule::Remove("tracked changes: revision marks removed"),
        "rPrChange" | "pPrChange" | "sectPrChange" | "tblPrChange" | "tblPrExChange" | "trPrChange" | "tcPrChange"
        | "tblGridChange" | "numberingChange" => {
            ElemRule::Remove("tracked changes: formatting changes (with authors) removed")
        }
        "commentRangeStart" | "commentRangeEnd" | "commentReference" => {
            ElemRule::Remove("comments: anchors in the text removed")
        }
        "rsids" | "rsid" => ElemRule::Remove("revision ids (w:rsids) removed"),
        "attachedTemplate" => ElemRule::Remove("attached template path removed"),
        "mailMerge" => ElemRule::Remove("mail-merge data source removed"),
        "permStart" | "permEnd" => ElemRule::Remove("editing permissions with user names removed"),
        _ => ElemRule::Normal,
    }
}

/// The rule for an attribute of a `w:` element (or a `w:` attribute anywhere); `None` when Word's
/// vocabulary says nothing about it (then `vocab.rs` decides).
pub(crate) fn attribute(elocal: &str, afam: Fam, alocal: &str) -> Option<AttrRule> {
    if afam == Fam::W {
        match alocal {
            "author" => return Some(AttrRule::Strip("authors of changes (w:author) removed")),
            "date" | "dateUtc" => return Some(AttrRule::Strip("dates of changes (w:date) removed")),
            a if a.starts_with("rsid") => return Some(AttrRule::Strip("revision ids (w:rsid*) removed")),
            _ => {}
        }
    }
    Some(match (elocal, alocal) {
        ("docVar", "name" | "val") => AttrRule::Scan(AttrKind::Text),
        ("bookmarkStart", "name") | ("hyperlink", "anchor") => AttrRule::Scan(AttrKind::Ident),
        ("fldSimple", "instr") => AttrRule::Scan(AttrKind::Text),
        // Content controls and legacy form fields: titles, tags, default texts, help texts, drop-down
        // entries (the selected one is shown), formats, placeholders.
        (
            "alias" | "tag" | "default" | "helpText" | "statusText" | "listItem" | "listEntry" | "format" | "docPart",
            "val",
        ) => AttrRule::Scan(AttrKind::Text),
        ("listItem", "displayText" | "value") => AttrRule::Scan(AttrKind::Text),
        // Smart tags and custom XML markup carry their data as attributes.
        ("attr", "val") => AttrRule::Scan(AttrKind::Text),
        ("attr" | "smartTag" | "customXml", "name" | "element") => AttrRule::Name,
        ("lvlText", "val") => AttrRule::Scan(AttrKind::Text),
        ("hyperlink", "tgtFrame" | "docLocation") => AttrRule::Scan(AttrKind::Text),
        // Fonts and styles: names from the document's own vocabulary.
        ("rFonts", "ascii" | "hAnsi" | "eastAsia" | "cs") | ("font" | "sym", "name" | "font") => AttrRule::Name,
        (
            "altName" | "name" | "pStyle" | "rStyle" | "tblStyle" | "basedOn" | "next" | "link" | "numStyleLink"
            | "styleLink" | "entryMacro" | "exitMacro",
            "val",
        )
        | ("style", "styleId")
        | ("lsdException", "name") => AttrRule::Name,
        ("panose1", "val") | ("sym", "char") | ("decimalSymbol" | "listSeparator", "val") => AttrRule::Structural,
        _ => return None,
    })
}

/// Hidden content worth a note.
pub(crate) fn note(local: &str, facts: &Facts) -> Option<&'static str> {
    match local {
        "vanish" | "specVanish" if facts.val.is_none() || truthy(&facts.val) => {
            Some("hidden text (w:vanish) formatting: its text was processed like visible text")
        }
        "txbxContent" => Some("text boxes (processed, both the modern and the fallback copy)"),
        "instrText" | "fldSimple" => Some("field codes (processed)"),
        _ => None,
    }
}
