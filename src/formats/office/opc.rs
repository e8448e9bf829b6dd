//! The Open Packaging Conventions layer: content types and relationships.
//!
//! `[Content_Types].xml` says what each part is; `_rels/*.rels` parts say which part points at which
//! (and at which external address). lak needs both to classify parts, to find the parts a relationship
//! makes special (the thumbnail), and to keep the package consistent when it removes a part: the
//! relationships pointing at it and its content-type override are removed too, and elements that
//! refer to such a relationship lose the reference (`xml_text.rs`).
//!
//! External relationship targets are hidden data as well: hyperlink targets (`mailto:` addresses,
//! URLs with names in them) are units the detector reads; every other external target (the path of
//! an attached template, a linked workbook or picture, usually on someone's `C:\Users\...`) is removed.

use std::collections::HashMap;
use std::ops::Range;

use quick_xml::NsReader;
use quick_xml::events::Event;

use super::xml_text::offset_in;
use crate::model::{Code, Manual};

/// The parsed `[Content_Types].xml`.
#[derive(Debug, Default)]
pub(crate) struct ContentTypes {
    /// Extension (lower case) → content type.
    pub defaults: HashMap<String, String>,
    /// Part name (lower case, no leading slash) → (content type, the `Override` element).
    pub overrides: HashMap<String, (String, Range<usize>)>,
}

impl ContentTypes {
    /// The content type of a part.
    pub fn of(&self, part: &str) -> Option<&str> {
        let lower = part.to_ascii_lowercase();
        if let Some((ct, _)) = self.overrides.get(&lower) {
            return Some(ct);
        }
        let ext = lower.rsplit_once('.').map(|(_, e)| e)?;
        self.defaults.get(ext).map(String::as_str)
    }
}

/// One relationship.
#[derive(Clone, Debug)]
pub(crate) struct Rel {
    /// `Id`.
    pub id: String,
    /// `Type` (a URI).
    pub rtype: String,
    /// `TargetMode="External"`.
    pub external: bool,
    /// The target as written (decoded).
    pub target: String,
    /// For internal targets: the part name it resolves to (lower case).
    pub resolved: Option<String>,
    /// The whole `Relationship` element.
    pub span: Range<usize>,
    /// The `Target` attribute value (escaped, as in the file).
    pub target_span: Range<usize>,
}

fn refuse_dtd(part: &str) -> Manual {
    Manual::new(Code::XmlDtd, format!("part {part} declares a DTD; lak refuses DTDs"))
}

fn corrupt(part: &str, e: &dyn std::fmt::Display) -> Manual {
    Manual::new(Code::Corrupt, format!("part {part} is not well-formed XML: {e}"))
}

/// Calls `f(local name, [(attribute local name, value, value range)], element range)` for each element.
pub(crate) fn elements(
    part: &str,
    xml: &[u8],
    mut f: impl FnMut(&str, &[(String, String, Range<usize>)], Range<usize>) -> Result<(), Manual>,
) -> Result<(), Manual> {
    let mut reader = NsReader::from_reader(xml);
    loop {
        let before = reader.buffer_position() as usize;
        let ev = reader.read_event().map_err(|e| corrupt(part, &e))?;
        let after = reader.buffer_position() as usize;
        match ev {
            Event::Eof => return Ok(()),
            Event::DocType(_) => return Err(refuse_dtd(part)),
            Event::GeneralRef(r)
                if r.resolve_char_ref().map_err(|e| corrupt(part, &e))?.is_none()
                    && !matches!(&*r, "amp" | "lt" | "gt" | "quot" | "apos") =>
            {
                return Err(refuse_dtd(part));
            }
            Event::Start(s) | Event::Empty(s) => {
                let local = s.local_name().as_ref().to_string();
                let mut attrs = Vec::new();
                for a in s.attributes() {
                    let a = a.map_err(|e| corrupt(part, &e))?;
                    let name = a.key.local_name().as_ref().to_string();
                    let raw: &str = &a.value;
                    let at = offset_in(xml, raw).ok_or_else(|| corrupt(part, &"attribute outside the part"))?;
                    let value = quick_xml::escape::unescape(raw).map_err(|e| corrupt(part, &e))?.into_owned();
                    attrs.push((name, value, at..at + raw.len()));
                }
                f(&local, &attrs, before..after)?;
            }
            _ => {}
        }
    }
}

pub(crate) fn attr<'a>(
    attrs: &'a [(String, String, Range<usize>)],
    name: &str,
) -> Option<&'a (String, String, Range<usize>)> {
    attrs.iter().find(|(n, _, _)| n == name)
}

/// Parses `[Content_Types].xml`.
pub(crate) fn content_types(xml: &[u8]) -> Result<ContentTypes, Manual> {
    let part = "[Content_Types].xml";
    let mut ct = ContentTypes::default();
    elements(part, xml, |local, attrs, span| {
        match local {
            "Default" => {
                if let (Some(e), Some(t)) = (attr(attrs, "Extension"), attr(attrs, "ContentType")) {
                    ct.defaults.insert(e.1.to_ascii_lowercase(), t.1.clone());
                }
            }
            "Override" => {
                if let (Some(p), Some(t)) = (attr(attrs, "PartName"), attr(attrs, "ContentType")) {
                    let name = p.1.trim_start_matches('/').to_ascii_lowercase();
                    ct.overrides.insert(crate::percent::decode(&name), (t.1.clone(), span));
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(ct)
}

/// The part a `.rels` part describes: `word/_rels/document.xml.rels` → `word/document.xml`;
/// `_rels/.rels` → `` (the package). `None` if the name is not a relationships part.
pub(crate) fn source_of(rels_part: &str) -> Option<String> {
    let (dir, file) = match rels_part.rsplit_once('/') {
        Some((d, f)) => (d, f),
        None => return None,
    };
    let file = file.strip_suffix(".rels")?;
    let parent = if dir == "_rels" { "" } else { dir.strip_suffix("/_rels")? };
    Some(if parent.is_empty() { file.to_string() } else { format!("{parent}/{file}") })
}

/// Parses a `.rels` part. `source` is the part it describes (see [`source_of`]).
pub(crate) fn relationships(part: &str, source: &str, xml: &[u8]) -> Result<Vec<Rel>, Manual> {
    let base = source.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    let mut rels = Vec::new();
    elements(part, xml, |local, attrs, span| {
        if local != "Relationship" {
            return Ok(());
        }
        let (Some(id), Some(t), Some(target)) = (attr(attrs, "Id"), attr(attrs, "Type"), attr(attrs, "Target")) else {
            return Err(corrupt(part, &"a relationship without Id, Type or Target"));
        };
        let external = attr(attrs, "TargetMode").is_some_and(|m| m.1 == "External");
        let resolved = (!external).then(|| resolve(base, &target.1));
        rels.push(Rel {
            id: id.1.clone(),
            rtype: t.1.clone(),
            external,
            target: target.1.clone(),
            resolved,
            span,
            target_span: target.2.clone(),
        });
        Ok(())
    })?;
    Ok(rels)
}

/// Resolves a relative target against the source part's folder, lower case, without a leading slash.
fn resolve(base: &str, target: &str) -> String {
    let target = target.split('#').next().unwrap_or("");
    let mut segs: Vec<&str> = Vec::new();
    let joined;
    let path = if let Some(abs) = target.strip_prefix('/') {
        abs
    } else {
        joined = if base.is_empty() { target.to_string() } else { format!("{base}/{target}") };
        &joined
    };
    for s in path.split('/') {
        match s {
            "" | "." => {}
            ".." => {
                segs.pop();
            }
            s => segs.push(s),
        }
    }
    crate::percent::decode(&segs.join("/")).to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_targets() {
        assert_eq!(source_of("word/_rels/document.xml.rels").as_deref(), Some("word/document.xml"));
        assert_eq!(source_of("_rels/.rels").as_deref(), Some(""));
        assert_eq!(resolve("word", "media/image1.jpeg"), "word/media/image1.jpeg");
        assert_eq!(resolve("xl/worksheets", "../comments1.xml"), "xl/comments1.xml");
        assert_eq!(resolve("", "/docProps/core.xml"), "docprops/core.xml");
        assert_eq!(resolve("ppt/slides", "../media/My%20Pic.png"), "ppt/media/my pic.png");
    }
}
