//! The vocabulary the XML scanner asks about: which elements group text, hold text, are removed.
//!
//! [`super::xml_text`] is format-agnostic; it asks this module what an element or attribute *is*. The
//! answers are split by format: `docx.rs` (WordprocessingML), `xlsx.rs` (SpreadsheetML), `pptx.rs`
//! (PresentationML and DrawingML), and `scrub.rs` (metadata shared by all: core and extended
//! properties, relationships to removed parts). Elements are recognised by namespace *family* (the
//! transitional and Strict URIs of a namespace map to the same family) and local name.

use std::collections::HashSet;

use super::{docx, pptx, scrub, xlsx};

/// A namespace family: transitional and Strict URIs of one vocabulary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fam {
    /// WordprocessingML main.
    W,
    /// DrawingML main.
    A,
    /// SpreadsheetML main.
    S,
    /// PresentationML main.
    P,
    /// Office Math.
    M,
    /// DrawingML charts.
    C,
    /// Office document relationships (`r:id`, `r:embed`).
    R,
    /// Package relationships (`.rels` parts).
    Rel,
    /// Core properties (`cp:`).
    Cp,
    /// Dublin Core (`dc:`).
    Dc,
    /// Extended (app) properties.
    Ep,
    /// Word drawing (`wp:docPr`).
    Wp,
    /// Excel 2010 absolute path (`x15ac:absPath`).
    X15ac,
    /// VML and its Office extensions.
    Vml,
    /// Markup compatibility (`mc:AlternateContent`, `mc:Ignorable`).
    Mc,
    /// `[Content_Types].xml`.
    Ct,
    /// DrawingML diagrams (SmartArt data).
    Dgm,
    /// PowerPoint 2010 extensions (`p14:section`).
    P14,
    /// Any other namespace.
    Other,
    /// No namespace.
    None,
}

/// Maps a namespace URI to its family.
pub(crate) fn family(uri: &[u8]) -> Fam {
    match uri {
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | b"http://purl.oclc.org/ooxml/wordprocessingml/main" => Fam::W,
        b"http://schemas.openxmlformats.org/drawingml/2006/main" | b"http://purl.oclc.org/ooxml/drawingml/main" => {
            Fam::A
        }
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        | b"http://purl.oclc.org/ooxml/spreadsheetml/main" => Fam::S,
        b"http://schemas.openxmlformats.org/presentationml/2006/main"
        | b"http://purl.oclc.org/ooxml/presentationml/main" => Fam::P,
        b"http://schemas.openxmlformats.org/officeDocument/2006/math"
        | b"http://purl.oclc.org/ooxml/officeDocument/math" => Fam::M,
        b"http://schemas.openxmlformats.org/drawingml/2006/chart" | b"http://purl.oclc.org/ooxml/drawingml/chart" => {
            Fam::C
        }
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        | b"http://purl.oclc.org/ooxml/officeDocument/relationships" => Fam::R,
        b"http://schemas.openxmlformats.org/package/2006/relationships" => Fam::Rel,
        b"http://schemas.openxmlformats.org/package/2006/metadata/core-properties" => Fam::Cp,
        b"http://purl.org/dc/elements/1.1/" => Fam::Dc,
        b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
        | b"http://purl.oclc.org/ooxml/officeDocument/extendedProperties" => Fam::Ep,
        b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
        | b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing" => Fam::Wp,
        b"http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac" => Fam::X15ac,
        b"urn:schemas-microsoft-com:vml"
        | b"urn:schemas-microsoft-com:office:office"
        | b"urn:schemas-microsoft-com:office:excel"
        | b"urn:schemas-microsoft-com:office:word" => Fam::Vml,
        b"http://schemas.openxmlformats.org/markup-compatibility/2006" => Fam::Mc,
        b"http://schemas.openxmlformats.org/package/2006/content-types" => Fam::Ct,
        b"http://schemas.openxmlformats.org/drawingml/2006/diagram"
        | b"http://purl.oclc.org/ooxml/drawingml/diagram" => Fam::Dgm,
        b"http://schemas.microsoft.com/office/powerpoint/2010/main" => Fam::P14,
        _ => Fam::Other,
    }
}

/// What a part is, for the few rules that depend on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// Any part without special rules.
    Generic,
    /// A pivot cache definition or its records (`xl/pivotCache/*`).
    PivotCache,
    /// A custom XML data item (`customXml/item*.xml`) or an SVG image: every attribute value is data.
    AllAttributes,
}

/// What the scanner knows about the part it reads.
pub(crate) struct Ctx<'a> {
    /// The part name, for messages.
    pub part: &'a str,
    /// What the part is.
    pub role: Role,
    /// Relationship ids of this part that point at parts lak removes.
    pub removed_rels: &'a HashSet<String>,
    /// For slides: the slide size (EMU), for the off-slide check.
    pub slide_size: Option<(i64, i64)>,
}

/// What the scanner does with an element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ElemRule {
    /// Nothing special: its character data, if any, is a unit of its own.
    Normal,
    /// Removed with everything in it (the text is scrubbed, e.g. deleted tracked changes).
    Remove(&'static str),
    /// Removed with everything in it; reported only when it held a value (an empty `Company`).
    RemoveValue(&'static str),
    /// Its tags are removed, its content kept (accepted insertions).
    Unwrap(&'static str),
    /// Opens a unit: a paragraph, a string item, a cell.
    Group(GroupKind),
    /// Holds text of the enclosing group.
    Text(TextKind),
    /// Stands for a character of the enclosing paragraph (tab, break).
    Char(&'static str),
    /// A symbol (`w:sym`): stands for the character its `w:char` attribute names.
    Sym,
    /// Markup compatibility: `mc:AlternateContent` holds alternatives of which a reader shows one.
    Alternatives,
    /// `mc:Choice` or `mc:Fallback`: one alternative.
    Alternative,
    /// A cell formula: its text is a unit of its own.
    Formula,
    /// A cell's cached value.
    CellValue,
    /// A number format code (`c:formatCode`): only its literal text is shown.
    FormatCode,
}

/// Kinds of text group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GroupKind {
    /// A paragraph (`w:p`, `a:p`).
    Para,
    /// A shared or inline string item (`si`, `is`).
    Str,
    /// A spreadsheet cell (`c`).
    Cell,
}

/// Which unit of its group a text element feeds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TextKind {
    /// The visible text.
    Main,
    /// Field codes (`w:instrText`): a unit of their own per paragraph.
    Field,
}

pub(crate) use super::attrs::{AttrKind, AttrRule};

/// Decides an element's rule from its name alone.
pub(crate) fn element(fam: Fam, local: &str, empty: bool) -> ElemRule {
    match fam {
        Fam::W => docx::element(local, empty),
        Fam::S => xlsx::element(local),
        Fam::A | Fam::P => pptx::element(fam, local),
        Fam::M if local == "t" => ElemRule::Text(TextKind::Main),
        Fam::C if local == "formatCode" => ElemRule::FormatCode,
        Fam::Mc if local == "AlternateContent" => ElemRule::Alternatives,
        Fam::Mc if matches!(local, "Choice" | "Fallback") => ElemRule::Alternative,
        Fam::Cp | Fam::Dc | Fam::Ep | Fam::X15ac => scrub::element(fam, local),
        _ => ElemRule::Normal,
    }
}

/// Decides an attribute's rule (see `attrs.rs` for the principle: everything not known to be structural
/// is read).
pub(crate) fn attribute(efam: Fam, elocal: &str, afam: Fam, alocal: &str, ctx: &Ctx<'_>) -> AttrRule {
    if ctx.role == Role::AllAttributes {
        return AttrRule::Scan(AttrKind::Text);
    }
    // Alt text and names of drawings, in every format.
    if matches!(elocal, "docPr" | "cNvPr") && matches!(alocal, "descr" | "title" | "name") {
        return AttrRule::Scan(AttrKind::Text);
    }
    if alocal == "tooltip" {
        return AttrRule::Scan(AttrKind::Text);
    }
    let specific = match efam {
        Fam::W => docx::attribute(elocal, afam, alocal),
        Fam::S => xlsx::attribute(elocal, alocal, ctx.role),
        Fam::A | Fam::P | Fam::P14 | Fam::Dgm | Fam::C => pptx::attribute(efam, elocal, alocal),
        Fam::Vml => vml_attribute(elocal, alocal),
        Fam::Rel | Fam::Ct => package_attribute(elocal, alocal),
        Fam::M if elocal == "mathFont" => Some(AttrRule::Name),
        _ => None,
    };
    specific
        .or_else(|| (afam == Fam::W && efam != Fam::W).then(|| docx::attribute(elocal, afam, alocal)).flatten())
        .unwrap_or_else(|| generic_attribute(afam, alocal))
}

/// Attributes that are structural wherever they occur: relationship ids, markup-compatibility lists,
/// ids and URIs. Everything else lak does not know is read ([`AttrRule::Unknown`]).
fn generic_attribute(afam: Fam, alocal: &str) -> AttrRule {
    if matches!(afam, Fam::R | Fam::Mc) {
        return AttrRule::Structural;
    }
    match alocal {
        "id" | "Id" | "ID" | "guid" | "uri" | "spid" | "panose" | "Requires" | "Ignorable" | "ProcessContent"
        | "MustUnderstand" | "PreserveElements" | "PreserveAttributes" => AttrRule::Structural,
        // Z-order, positions and sizes in EMU, shape and paragraph ids: numbers that can be long.
        "relativeHeight" | "anchorId" | "editId" | "paraId" | "textId" | "cx" | "cy" | "x" | "y" | "rot"
        | "posOffset" | "spidmax" | "shapeid" | "idref" => AttrRule::Structural,
        _ => AttrRule::Unknown,
    }
}

/// VML (legacy drawings, WordArt, watermarks, Excel's comment boxes).
fn vml_attribute(elocal: &str, alocal: &str) -> Option<AttrRule> {
    Some(match (elocal, alocal) {
        (_, "title" | "alt" | "href") | ("textpath", "string") => AttrRule::Scan(AttrKind::Text),
        // CSS, geometry and fill: no text (a font family in CSS is a font name).
        (
            _,
            "style" | "coordsize" | "coordorigin" | "path" | "adj" | "type" | "spt" | "eqn" | "fillcolor"
            | "strokecolor" | "color" | "color2" | "inset" | "connectlocs" | "connectangles" | "textboxrect" | "o:spid",
        ) => AttrRule::Structural,
        _ => return None,
    })
}

/// `.rels` parts and `[Content_Types].xml`: ids, types and modes are structure; a relationship target is
/// read (see `AttrKind::Target`); content types and part names are read, and cannot be rewritten.
fn package_attribute(elocal: &str, alocal: &str) -> Option<AttrRule> {
    Some(match (elocal, alocal) {
        ("Relationship", "Target") => AttrRule::Scan(AttrKind::Target),
        ("Relationship", "Id" | "Type" | "TargetMode") => AttrRule::Structural,
        ("Default", "Extension" | "ContentType") | ("Override", "PartName" | "ContentType") => {
            AttrRule::Scan(AttrKind::Fixed)
        }
        _ => return None,
    })
}

/// Attribute values the scanner collects to judge an element as a whole.
#[derive(Default, Debug)]
pub(crate) struct Facts {
    /// `xml:space="preserve"`.
    pub preserve: bool,
    /// The value of `xml:space`, if any (its byte range in the part is found by the scanner).
    pub space: Option<String>,
    /// A relationship's `TargetMode` and `Type`.
    pub target_mode: Option<String>,
    pub rel_type: Option<String>,
    /// `w:sym/@w:char`: the character a symbol stands for.
    pub sym: Option<char>,
    /// Cell reference, style, type (`r`, `s`, `t` on `c`); `t` of a formula.
    pub r: Option<String>,
    pub s: Option<String>,
    pub t: Option<String>,
    /// `ref` (a shared formula's master).
    pub has_ref: bool,
    /// Hidden flags: `w:val` (for `w:vanish`), `hidden`, `state`, `show`.
    pub val: Option<String>,
    pub hidden: Option<String>,
    pub state: Option<String>,
    pub show: Option<String>,
    /// `x`, `y`, `cx`, `cy` (DrawingML offsets and extents).
    pub x: Option<i64>,
    pub y: Option<i64>,
    pub cx: Option<i64>,
    pub cy: Option<i64>,
}

impl Facts {
    /// Records an attribute the element rules may need.
    pub fn see(&mut self, raw_name: &str, afam: Fam, alocal: &str, value: &str) {
        if raw_name == "xml:space" {
            self.preserve = value == "preserve";
            self.space = Some(value.to_string());
            return;
        }
        match (afam, alocal) {
            (Fam::None, "r") => self.r = Some(value.to_string()),
            (Fam::None, "s") => self.s = Some(value.to_string()),
            (Fam::None, "t") => self.t = Some(value.to_string()),
            (Fam::None, "ref") => self.has_ref = true,
            (Fam::W, "val") => self.val = Some(value.to_string()),
            (Fam::W, "char") => self.sym = sym_char(value),
            (Fam::None, "TargetMode") => self.target_mode = Some(value.to_string()),
            (Fam::None, "Type") => self.rel_type = Some(value.to_string()),
            (Fam::None, "hidden") => self.hidden = Some(value.to_string()),
            (Fam::None, "state") => self.state = Some(value.to_string()),
            (Fam::None, "show") => self.show = Some(value.to_string()),
            (Fam::None, "x") => self.x = value.parse().ok(),
            (Fam::None, "y") => self.y = value.parse().ok(),
            (Fam::None, "cx") => self.cx = value.parse().ok(),
            (Fam::None, "cy") => self.cy = value.parse().ok(),
            _ => {}
        }
    }
}

/// The character of a `w:sym` (`w:char="0033"` is `3`). Symbol fonts address their glyphs in the
/// private-use range `F000`–`F0FF`; the low byte is the character they show in place of ASCII.
fn sym_char(hex: &str) -> Option<char> {
    let code = u32::from_str_radix(hex.trim(), 16).ok()?;
    let code = if (0xF020..=0xF0FF).contains(&code) { code - 0xF000 } else { code };
    char::from_u32(code).filter(|c| !c.is_control())
}

/// Whether an XML boolean attribute is true.
pub(crate) fn truthy(v: &Option<String>) -> bool {
    matches!(v.as_deref(), Some("1" | "true" | "on"))
}

/// Hidden content an element reveals, for the report's notes.
pub(crate) fn note(fam: Fam, local: &str, facts: &Facts) -> Option<&'static str> {
    match fam {
        Fam::W => docx::note(local, facts),
        Fam::S => xlsx::note(local, facts),
        Fam::P => pptx::note(local, facts),
        _ => None,
    }
}

/// Elements that mean nothing once the part their relationship points at is removed.
pub(crate) fn remove_with_relationship(fam: Fam, local: &str) -> bool {
    matches!(
        (fam, local),
        (Fam::S, "legacyDrawing" | "legacyDrawingHF") | (Fam::W, "attachedTemplate") | (Fam::Vml, "OLEObject")
    )
}
