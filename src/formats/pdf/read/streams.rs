//! Every stream in the file, accounted for.
//!
//! A value can hide in any stream a reader of the file can reach, not only in the ones a page draws:
//! an orphan page a bookmark still points at, a widget reachable only from the structure tree, a
//! PostScript XObject, a stream under a made-up trailer key, a comment in a PostScript-calculator
//! function, an ICC profile's description. So lak keeps an inventory instead of a list of places to
//! look:
//!
//! 1. [`walk`] goes through the object graph from the trailer, once per object. It refuses a file in
//!    which a reachable reference names an object the cross-reference table lists but lopdf did not
//!    load (lopdf silently drops objects nested more than 100 deep: a page or a font `/Encoding`
//!    would vanish and lak would read, and write, something else than every viewer shows). Each
//!    stream gets a [`Kind`] from the keys it is reached under and its own dictionary.
//! 2. After the interpreter has run, [`Inventory::new`] sorts the streams: those the interpreter read
//!    (page contents, forms, patterns, soft masks, Type3 glyph procedures), those that are binary by
//!    nature and handled as such (image samples, which the scrub drops unless a page draws them; the
//!    programs of fonts in a `/Font` resource dictionary; sampled functions, which must be exactly as
//!    long as their dictionary says), and all others (ICC profiles, shadings, XMP packets, CMaps, a
//!    font program no font uses, anything unknown), which are read as text — printable runs of
//!    Latin-1 and of UTF-16 — and become units of their own for the detector. (A stream's own
//!    dictionary cannot make it binary: `/FunctionType 0` is checked by length, `/Subtype /Image` is
//!    kept only where drawn.)
//! 3. After the redaction and the scrub, [`Inventory::audit`] looks at every stream still reachable
//!    in the output. A stream that a viewer draws but lak did not interpret, a stream that could not
//!    be decoded, a text stream in which the detector found something to redact, and an original
//!    page content stream that lak replaced (because it held a value) all refuse the document. The
//!    scrub drops the common cases first (unknown trailer keys, PostScript XObjects, annotations,
//!    destinations to pages outside the page tree), so only what is really used is left to decide.
//!
//! The pipeline re-opens the output with this adapter, so the same inventory is taken of the output
//! and its text streams are scanned with the run's rules once more.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use lopdf::xref::XrefEntry;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::objects::Budget;
use crate::model::{Code, Manual};

/// What a stream is, by the way it is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Image samples (and data only images use, like JBIG2 globals): binary, not read as text.
    Image,
    /// A font program, `/CIDSet` or `/CIDToGIDMap`: binary, not read as text.
    Font,
    /// A sampled function (`/FunctionType 0`): numbers only, checked to be exactly as long as its
    /// `/Size`, `/BitsPerSample` and `/Range` say.
    Samples,
    /// A CMap (`/ToUnicode`, a Type0 `/Encoding`): written again from what lak read of it.
    CMap,
    /// An ICC profile: its text tags are blanked.
    Icc,
    /// A PostScript-calculator function: written again from its tokens, comments left out.
    Calculator,
    /// Read as text (printable runs): metadata, anything unknown.
    Text,
    /// Drawn by a viewer: page contents, forms, patterns, glyph procedures, PostScript.
    Drawn,
}

impl Kind {
    /// The kind of a stream reached as both `self` and `other`: what is drawn stays drawn, and a
    /// stream that is two different things at once is only read as text.
    fn and(self, other: Kind) -> Kind {
        match (self, other) {
            (a, b) if a == b => a,
            (Kind::Drawn, _) | (_, Kind::Drawn) => Kind::Drawn,
            _ => Kind::Text,
        }
    }
}

/// The streams reachable from the trailer, by kind (the strictest kind of any reference wins).
pub(crate) struct Reach {
    pub streams: BTreeMap<ObjectId, Kind>,
}

const FONT_KEYS: &[&[u8]] = &[b"FontFile", b"FontFile2", b"FontFile3", b"CIDSet", b"CIDToGIDMap"];

fn kind_of(key: Option<&[u8]>, parent: Option<&[u8]>, dict: &Dictionary) -> Kind {
    let name = |k: &[u8]| match dict.get(k) {
        Ok(Object::Name(n)) => Some(n.as_slice()),
        _ => None,
    };
    let int = |k: &[u8]| match dict.get(k) {
        Ok(Object::Integer(i)) => Some(*i),
        _ => None,
    };
    match (name(b"Subtype"), key) {
        (Some(b"Image"), _) => Kind::Image,
        (Some(b"Form" | b"PS"), _) => Kind::Drawn,
        (_, Some(b"JBIG2Globals")) => Kind::Image,
        (_, Some(k)) if FONT_KEYS.contains(&k) => Kind::Font,
        (_, Some(b"Contents")) => Kind::Drawn,
        (_, Some(b"ToUnicode" | b"Encoding" | b"UseCMap")) => Kind::CMap,
        (_, Some(b"ICCBased" | b"DestOutputProfile")) => Kind::Icc,
        _ if parent == Some(b"CharProcs") => Kind::Drawn,
        _ if int(b"PatternType") == Some(1) => Kind::Drawn,
        // A shading's mesh is read as text like anything else lak does not check number by number.
        _ if int(b"FunctionType") == Some(0) => Kind::Samples,
        _ if int(b"FunctionType") == Some(4) => Kind::Calculator,
        _ => Kind::Text,
    }
}

/// The font programs (and `/CIDSet`, `/CIDToGIDMap`) of fonts: dictionaries in a `/Font` resource
/// dictionary (or an ExtGState's `/Font`), their descendant fonts, and their descriptors.
fn font_programs(doc: &Document) -> HashSet<ObjectId> {
    use super::objects::{as_dict, get, get_array, get_dict};
    let mut out = HashSet::new();
    let mut add = |d: &Dictionary| {
        let fonts: Vec<&Dictionary> = std::iter::once(d)
            .chain(get_array(doc, d, b"DescendantFonts").into_iter().flatten().filter_map(|f| as_dict(doc, f)))
            .collect();
        for f in fonts {
            if let Ok(Object::Reference(id)) = f.get(b"CIDToGIDMap") {
                out.insert(*id);
            }
            if let Some(fd) = get_dict(doc, f, b"FontDescriptor") {
                for k in FONT_KEYS {
                    if let Ok(Object::Reference(id)) = fd.get(k) {
                        out.insert(*id);
                    }
                }
            }
        }
    };
    let is_font = |d: &Dictionary| matches!(d.get(b"Type"), Ok(Object::Name(n)) if n == b"Font");
    let mut stack: Vec<&Object> = doc.objects.values().collect();
    while let Some(o) = stack.pop() {
        let d = match o {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            Object::Array(a) => {
                stack.extend(a.iter());
                continue;
            }
            _ => continue,
        };
        match get(doc, d, b"Font") {
            Some(Object::Dictionary(fonts)) => {
                for (_, f) in fonts.iter() {
                    if let Some(f) = as_dict(doc, f).filter(|f| is_font(f)) {
                        add(f);
                    }
                }
            }
            // ExtGState: `/Font [font size]`.
            Some(Object::Array(a)) => {
                if let Some(f) = a.first().and_then(|f| as_dict(doc, f)).filter(|f| is_font(f)) {
                    add(f);
                }
            }
            _ => {}
        }
        stack.extend(d.iter().map(|(_, v)| v).filter(|v| matches!(v, Object::Dictionary(_) | Object::Array(_))));
    }
    out
}

/// Whether a sampled function's data is exactly as long as its dictionary says: Size × BitsPerSample
/// × outputs bits, rounded up to a byte. Anything more could carry anything.
fn samples_fit(dict: &Dictionary, data: &[u8]) -> bool {
    let ints = |k: &[u8]| -> Option<Vec<u128>> {
        match dict.get(k).ok()? {
            Object::Array(a) => a.iter().map(|o| o.as_i64().ok().and_then(|i| u128::try_from(i).ok())).collect(),
            _ => None,
        }
    };
    let (Some(size), Some(range)) = (ints(b"Size"), dict.get(b"Range").ok().and_then(|r| r.as_array().ok())) else {
        return false;
    };
    let Some(bits) = dict.get(b"BitsPerSample").ok().and_then(|b| b.as_i64().ok()) else {
        return false;
    };
    if !matches!(bits, 1 | 2 | 4 | 8 | 12 | 16 | 24 | 32) || range.is_empty() || range.len() % 2 != 0 {
        return false;
    }
    let mut total: u128 = bits as u128 * (range.len() / 2) as u128;
    for n in size {
        total = match total.checked_mul(n) {
            Some(t) if t <= u128::from(u64::MAX) => t,
            _ => return false,
        };
    }
    total.div_ceil(8) == data.len() as u128
}

/// Walks the graph from the trailer: every reachable stream with its kind. Refuses references to
/// objects that are listed in the cross-reference table but were not loaded.
pub(crate) fn walk(doc: &Document) -> Result<Reach, Manual> {
    let programs = font_programs(doc);
    let mut streams: BTreeMap<ObjectId, Kind> = BTreeMap::new();
    let mut seen: HashSet<ObjectId> = HashSet::new();
    // Objects still to visit, with the key they were first reached under.
    let mut queue: Vec<(ObjectId, Option<&[u8]>)> = Vec::new();
    // (object, the key it sits under, the key of the dictionary around that)
    type Step<'a> = (&'a Object, Option<&'a [u8]>, Option<&'a [u8]>);
    let mut stack: Vec<Step> = Vec::new();
    let trailer = Object::Dictionary(doc.trailer.clone());
    stack.push((&trailer, None, None));
    loop {
        while let Some((o, key, parent)) = stack.pop() {
            match o {
                Object::Reference(id) => {
                    match doc.objects.get(id) {
                        Some(Object::Stream(s)) => {
                            let k = match kind_of(key, parent, &s.dict) {
                                // A font program no font uses is just bytes: read as text.
                                Kind::Font if !programs.contains(id) => Kind::Text,
                                k => k,
                            };
                            let e = streams.entry(*id).or_insert(k);
                            *e = e.and(k);
                        }
                        Some(_) => {}
                        None => {
                            if matches!(
                                doc.reference_table.get(id.0),
                                Some(XrefEntry::Normal { .. } | XrefEntry::Compressed { .. })
                            ) {
                                // In an encrypted file, most likely the empty password did not open it (an
                                // AES-256 file whose user password lopdf does not check).
                                if doc.was_encrypted() || doc.trailer.has(b"Encrypt") {
                                    return Err(Manual::new(
                                        Code::Encrypted,
                                        format!(
                                            "the PDF is encrypted and object {} does not decrypt without a \
                                             password: lak cannot read it; ask for an unprotected copy",
                                            id.0
                                        ),
                                    ));
                                }
                                return Err(Manual::new(
                                    Code::PdfUnreadable,
                                    format!(
                                        "object {} is in the file but lak's PDF library could not read it \
                                         (e.g. nested too deeply): lak would not see what a viewer shows",
                                        id.0
                                    ),
                                ));
                            }
                        }
                    }
                    if seen.insert(*id) {
                        queue.push((*id, key));
                    }
                }
                // `[/ICCBased 12 0 R]`: the stream is an ICC profile.
                Object::Array(a) if matches!(a.first(), Some(Object::Name(n)) if n == b"ICCBased") => {
                    stack.extend(a.iter().map(|e| (e, Some(&b"ICCBased"[..]), key)))
                }
                Object::Array(a) => stack.extend(a.iter().map(|e| (e, key, parent))),
                Object::Dictionary(d) => stack.extend(d.iter().map(|(k, v)| (v, Some(k.as_slice()), key))),
                Object::Stream(s) => stack.extend(s.dict.iter().map(|(k, v)| (v, Some(k.as_slice()), key))),
                _ => {}
            }
        }
        let Some((id, via)) = queue.pop() else { break };
        match doc.objects.get(&id) {
            Some(Object::Dictionary(d)) => stack.extend(d.iter().map(|(k, v)| (v, Some(k.as_slice()), via))),
            Some(o) => stack.push((o, via, None)),
            None => {}
        }
    }
    Ok(Reach { streams })
}

/// A stream read as text.
pub(crate) struct TextStream {
    pub id: ObjectId,
    /// `None` when it cannot be decoded.
    pub text: Option<String>,
}

/// The streams of a document and how each is accounted for.
pub(crate) struct Inventory {
    pub kinds: BTreeMap<ObjectId, Kind>,
    /// Streams the interpreter read.
    pub interpreted: HashSet<ObjectId>,
    /// Text streams, in object order: units after the other units.
    pub text: Vec<TextStream>,
}

impl Inventory {
    pub fn new(reach: Reach, interpreted: HashSet<ObjectId>, doc: &Document, budget: &Budget) -> Inventory {
        let mut text = Vec::new();
        for (&id, &kind) in &reach.streams {
            if interpreted.contains(&id) || kind != Kind::Text {
                continue;
            }
            let Some(Object::Stream(s)) = doc.objects.get(&id) else {
                continue;
            };
            let t = budget.decode(s).ok().map(|data| readable(&data));
            text.push(TextStream { id, text: t });
        }
        Inventory { kinds: reach.streams, interpreted, text }
    }

    /// A line for the report: where a text stream is.
    pub fn place(&self, i: usize) -> String {
        let t = &self.text[i];
        format!("stream object {} (not drawn; read as text)", t.id.0)
    }

    /// Checks every stream left in `doc` (after scrub and prune, before renumbering).
    ///
    /// `own`: streams lak wrote; `retired`: original page content streams replaced because they held a
    /// value; `flagged`: text streams in which something is to be redacted.
    pub fn audit(
        &self,
        doc: &Document,
        own: &HashSet<ObjectId>,
        retired: &BTreeSet<ObjectId>,
        flagged: &HashSet<ObjectId>,
    ) -> Result<(), Manual> {
        let refuse = |why: String| Err(Manual::new(Code::PdfUnsupported, why));
        for (id, o) in &doc.objects {
            if !matches!(o, Object::Stream(_)) || own.contains(id) {
                continue;
            }
            if retired.contains(id) {
                return refuse(format!(
                    "content stream object {} held a value and is used in more than one place (another page, \
                     a form): lak cannot remove the value for every use",
                    id.0
                ));
            }
            if self.interpreted.contains(id) {
                continue;
            }
            match self.kinds.get(id) {
                Some(Kind::Image | Kind::Font) => {}
                Some(Kind::Samples) => {
                    let Some(Object::Stream(s)) = doc.objects.get(id) else { continue };
                    if !Budget::new().decode(s).is_ok_and(|d| samples_fit(&s.dict, &d)) {
                        return refuse(format!(
                            "sampled function object {} holds more or less data than its /Size says",
                            id.0
                        ));
                    }
                }
                // Written again by `normalise` (which refuses what it cannot read).
                Some(Kind::CMap | Kind::Icc | Kind::Calculator) => {}
                Some(Kind::Text) => {
                    let readable = self.text.iter().any(|t| t.id == *id && t.text.is_some());
                    if !readable {
                        return refuse(format!("stream object {} cannot be decoded, so lak cannot check it", id.0));
                    }
                    if flagged.contains(id) {
                        return refuse(format!(
                            "stream object {} holds values to redact and lak cannot edit that kind of stream",
                            id.0
                        ));
                    }
                }
                Some(Kind::Drawn) => {
                    return refuse(format!(
                        "stream object {} can be drawn by a viewer but is not part of any page lak reads",
                        id.0
                    ));
                }
                None => return refuse(format!("stream object {} was not in the input", id.0)),
            }
        }
        Ok(())
    }
}

/// The text in a stream's bytes: the whole stream when it is UTF-8 text, otherwise every run of at
/// least four printable Latin-1 characters and of four printable UTF-16 characters (big- or
/// little-endian), one per line.
fn readable(data: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(data)
        && !s.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c'))
    {
        return s.to_string();
    }
    let printable = |c: u32| (0x20..0x7F).contains(&c) || c >= 0xA0 || c == 9;
    let mut out = String::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.chars().count() >= 4 {
            out.push_str(run);
            out.push('\n');
        }
        run.clear();
    };
    for &b in data {
        if printable(u32::from(b)) {
            run.push(char::from(b));
        } else {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    for be in [true, false] {
        for start in 0..2 {
            for pair in data[start..].chunks_exact(2) {
                let u =
                    if be { u16::from_be_bytes([pair[0], pair[1]]) } else { u16::from_le_bytes([pair[0], pair[1]]) };
                // Latin letters and punctuation only: ASCII text read in pairs would be CJK otherwise.
                let latin = matches!(u, 0x20..=0x7E | 0xA0..=0x24F | 0x2010..=0x2030);
                match char::from_u32(u32::from(u)) {
                    Some(c) if latin => run.push(c),
                    _ => flush(&mut run, &mut out),
                }
            }
            flush(&mut run, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An object listed in the cross-reference table that did not load is refused; in an encrypted file
    /// that is a password lak does not have (pdf.js `issue6010_1.pdf`: AES-256 whose objects do not
    /// decrypt without one), not a file lak's library cannot parse.
    #[test]
    fn an_object_that_did_not_load_in_an_encrypted_file_is_a_password() {
        use lopdf::{Document, Object, dictionary, xref::XrefEntry};
        let mut doc = Document::with_version("1.7");
        doc.reference_table.insert(1, XrefEntry::Normal { offset: 9, generation: 0 });
        doc.trailer.set("Root", Object::Reference((1, 0)));
        assert_eq!(walk(&doc).err().map(|m| m.code), Some(Code::PdfUnreadable));
        doc.trailer.set("Encrypt", dictionary! { "Filter" => "Standard", "V" => 5, "R" => 6 });
        assert_eq!(walk(&doc).err().map(|m| m.code), Some(Code::Encrypted));
    }

    #[test]
    fn sampled_functions_must_be_as_long_as_they_say() {
        use lopdf::dictionary;
        let f = dictionary! {
            "FunctionType" => 0, "Size" => vec![4.into(), 2.into()], "BitsPerSample" => 8,
            "Range" => vec![0.into(), 1.into(), 0.into(), 1.into(), 0.into(), 1.into()], "Domain" => vec![0.into(), 1.into(), 0.into(), 1.into()],
        };
        assert!(samples_fit(&f, &[0; 24]));
        assert!(!samples_fit(&f, b"000000000000000000000000 BSN 111222333"));
        assert!(!samples_fit(&f, &[0; 23]));
        let mut huge = f.clone();
        huge.set("Size", vec![i64::MAX.into(), i64::MAX.into(), i64::MAX.into()]);
        assert!(!samples_fit(&huge, &[0; 24]));
    }

    #[test]
    fn text_is_found_in_binary_and_utf16() {
        let mut icc = vec![0u8, 1, 2, 0xFF];
        icc.extend_from_slice(b"desc BSN 111222333");
        icc.extend_from_slice(&[0, 0, 7]);
        icc.extend("Jan Jansen".encode_utf16().flat_map(|u| u.to_be_bytes()));
        icc.push(3);
        let t = readable(&icc);
        assert!(t.contains("desc BSN 111222333"), "{t}");
        assert!(t.contains("Jan Jansen"), "{t}");
        assert_eq!(readable(b"<x:xmpmeta>Jan</x:xmpmeta>"), "<x:xmpmeta>Jan</x:xmpmeta>");
    }
}
