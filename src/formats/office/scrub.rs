//! Hidden data: which parts are removed, which are read, which lak cannot read.
//!
//! Every part of a package gets exactly one [`PartKind`], decided from its content type, its name and
//! its first bytes (never from the name alone when the bytes say otherwise):
//!
//! - **removed whole**, listed in the report: the thumbnail (a picture of the first page), custom
//!   properties, comments with their authors in every format (`comments*.xml`, `commentsExtended`,
//!   `commentsIds`, `people.xml`, threaded comments, `persons`, PowerPoint comment authors), Excel's VML
//!   comment boxes, VBA projects (macro-enabled files keep their type but lose their macros) and
//!   printer settings (binary, naming printers and servers);
//! - **read as XML**: every other XML part, whatever its name — main text, properties, charts, custom
//!   XML, VML, SVG, font tables — and every part whose bytes start like XML;
//! - **images**: JPEG, PNG, GIF and WebP are stripped of metadata losslessly, TIFF is decoded and
//!   encoded again without it, BMP has none (see `images.rs`);
//! - **embedded Office packages** (a chart's workbook): opened and processed like a document;
//! - **EMF/WMF pictures** (by their bytes): their text is read and redacted (see `metafile/`); one
//!   that lak cannot fully read is unknown;
//! - **fonts**: kept, when their bytes are a font (see `fonts.rs`); a part named or typed as a font
//!   whose bytes are XML is read as XML (a main document can be named `document.odttf`);
//! - **unknown**: OLE objects, ActiveX binaries, parts named or typed EMF/WMF whose bytes are not,
//!   anything else: lak cannot read them, so the document needs manual handling unless
//!   `--drop-embedded` removes them.
//!
//! Core and extended properties are read like any XML, except the elements that name people or
//! places: `dc:creator`, `cp:lastModifiedBy`, `Company`, `Manager`, `Template`, `HyperlinkBase`, and
//! Excel's absolute file path, which are removed.

use super::fonts;
use super::images::{self, ImageFormat};
use super::metafile::{self, MetaKind};
use super::vocab::{ElemRule, Fam, Role};

/// What lak does with a part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PartKind {
    /// Removed from the package; the text goes to the report's scrubbed list.
    Remove(&'static str),
    /// Read as XML.
    Xml(Role),
    /// A picture whose metadata is stripped.
    Image(ImageFormat),
    /// An EMF or WMF picture, whose text is read.
    Metafile(MetaKind),
    /// An embedded OOXML package.
    Package,
    /// A font: kept as it is.
    Font,
    /// A folder entry.
    Folder,
    /// A binary lak cannot read (what it is).
    Unknown(&'static str),
}

const THUMBNAIL_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail";

/// Classifies a part. `rel_types` are the types of the relationships that point at it.
pub(crate) fn classify(name: &str, content_type: Option<&str>, data: &[u8], rel_types: &[&str]) -> PartKind {
    let lower = name.to_ascii_lowercase();
    let ct = content_type.unwrap_or("").to_ascii_lowercase();
    let file = lower.rsplit('/').next().unwrap_or(&lower);
    if name.ends_with('/') {
        return PartKind::Folder;
    }
    if rel_types.contains(&THUMBNAIL_REL) || lower.starts_with("docprops/thumbnail") {
        return PartKind::Remove("thumbnail (a picture of the first page) removed");
    }
    if lower == "docprops/custom.xml" || ct.ends_with("custom-properties+xml") {
        return PartKind::Remove("custom document properties removed");
    }
    if ct.contains("comments")
        || ct.contains("commentauthors")
        || ct.ends_with("people+xml")
        || ct.ends_with("person+xml")
        || ct.ends_with("authors+xml")
        || (file.starts_with("comment") && file.ends_with(".xml"))
        || file == "people.xml"
        || file == "commentauthors.xml"
        || file == "authors.xml"
        || lower.starts_with("xl/persons/")
        || lower.starts_with("xl/threadedcomments/")
        || lower.starts_with("ppt/comments/")
    {
        return PartKind::Remove("comments and their authors removed");
    }
    if ct.contains("vbaproject") || ct.contains("vbadata") || file.starts_with("vbaproject") || file == "vbadata.xml" {
        return PartKind::Remove("macros (VBA project) removed");
    }
    if lower.contains("/printersettings/") || ct.contains("printersettings") {
        return PartKind::Remove("printer settings removed");
    }
    if lower.starts_with("xl/") && file.ends_with(".vml") && contains(data, b"ObjectType=\"Note\"") {
        return PartKind::Remove("comments and their authors removed");
    }
    // An OLE compound file is never a picture, whatever its first bytes look like to a picture sniffer.
    if data.starts_with(b"\xD0\xCF\x11\xE0") {
        return PartKind::Unknown("an embedded object (OLE)");
    }
    if let Some(format) = images::sniff(data) {
        return PartKind::Image(format);
    }
    if let Some(kind) = metafile::sniff(data) {
        return PartKind::Metafile(kind);
    }
    if data.starts_with(b"PK\x03\x04")
        && [".docx", ".docm", ".dotx", ".dotm", ".xlsx", ".xlsm", ".xltx", ".xltm", ".pptx", ".pptm", ".potx", ".ppsx"]
            .iter()
            .any(|e| file.ends_with(e))
    {
        return PartKind::Package;
    }
    if fonts::is_font(file, data) {
        return PartKind::Font;
    }
    if ct.contains("svg") || file.ends_with(".svg") {
        return PartKind::Xml(Role::AllAttributes);
    }
    if ct.contains("emf") || ct.contains("wmf") || file.ends_with(".emf") || file.ends_with(".wmf") {
        return PartKind::Unknown("an EMF/WMF picture that is not a valid EMF or WMF file");
    }
    let xmlish = ct.ends_with("xml")
        || file.ends_with(".xml")
        || file.ends_with(".rels")
        || file.ends_with(".vml")
        || ct.contains("vmldrawing")
        || looks_like_xml(data);
    if xmlish && !data.starts_with(b"\xD0\xCF\x11\xE0") {
        if lower.starts_with("customxml/item") && !file.starts_with("itemprops") {
            return PartKind::Xml(Role::AllAttributes);
        }
        if lower.starts_with("xl/pivotcache/") {
            return PartKind::Xml(Role::PivotCache);
        }
        return PartKind::Xml(Role::Generic);
    }
    if ct.contains("oleobject") || file.ends_with(".bin") {
        return PartKind::Unknown("an embedded object (OLE)");
    }
    PartKind::Unknown("a binary part")
}

/// Bytes that start like XML (after a byte-order mark and whitespace): read as XML, whatever the name.
fn looks_like_xml(data: &[u8]) -> bool {
    let d = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    d.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Property elements that name people or places.
pub(crate) fn element(fam: Fam, local: &str) -> ElemRule {
    match (fam, local) {
        (Fam::Dc, "creator") => ElemRule::Remove("document properties: author (dc:creator) removed"),
        (Fam::Cp, "lastModifiedBy") => ElemRule::Remove("document properties: last modified by removed"),
        (Fam::Ep, "Company") => ElemRule::RemoveValue("document properties: company removed"),
        (Fam::Ep, "Manager") => ElemRule::RemoveValue("document properties: manager removed"),
        (Fam::Ep, "Template") => ElemRule::RemoveValue("document properties: template name removed"),
        (Fam::Ep, "HyperlinkBase") => ElemRule::Remove("document properties: hyperlink base removed"),
        (Fam::X15ac, "absPath") => ElemRule::Remove("absolute file path of the workbook removed"),
        _ => ElemRule::Normal,
    }
}
