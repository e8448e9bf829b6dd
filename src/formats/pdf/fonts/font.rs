//! Fonts: from the bytes of a shown string to glyphs with Unicode text and advance widths.
//!
//! Three families are read:
//!
//! - **simple fonts** (Type1, MMType1, TrueType, Type3): one byte per glyph; Unicode from `/ToUnicode`
//!   first (NOTES.md: a font's `/Encoding` can disagree with what the glyphs show, and `/ToUnicode` is
//!   what viewers copy out), then from the encoding (a base encoding plus `/Differences` glyph names;
//!   without a base in the PDF, the built-in encoding of the embedded program, read by `program.rs`);
//!   widths from `/Widths`, or the standard-14 metrics when a standard font has none. Where both are
//!   known and `/ToUnicode` gives something else than the letter or digit the encoding draws, the
//!   glyph has no text (and says why): a viewer would show one thing and lak read another;
//! - **Type0 fonts** with a CID font below: codes split by `Identity-H` (two bytes) or an embedded CMap;
//!   Unicode from `/ToUnicode`; widths from `/W` and `/DW`;
//! - **Type3 fonts**: like simple fonts, with widths in glyph space scaled by `/FontMatrix`.
//!
//! A glyph whose Unicode cannot be established has `text == None`; the caller sends the document to
//! manual handling rather than guess. Vertical fonts (`Identity-V`, `/WMode 1`) are flagged for the
//! same reason: lak's line and redaction geometry is horizontal.

use lopdf::{Dictionary, Document, Object};

use super::cmap::CMap;
use unicode_normalization::UnicodeNormalization;

use super::encoding::{BaseEncoding, glyph_to_unicode};
use super::program::{self, Builtin};
use super::tables;
use crate::formats::pdf::geom;
use crate::formats::pdf::read::objects::{self, Budget};
use crate::limits;

/// One decoded code of a shown string.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Code {
    /// Bytes the code takes in the string.
    pub len: u8,
    /// Horizontal advance in text space per unit of font size (e.g. 0.5 for a 500-unit glyph).
    pub w0: f64,
    /// Where its Unicode text was appended in the caller's buffer, or `None` when the font does not say.
    pub text: Option<(u32, u32)>,
    /// A single-byte code 32: word spacing applies to it.
    pub space: bool,
    /// The font's `/ToUnicode` says something else than the glyph its encoding draws (`text` is `None`).
    pub contradicts: bool,
}

/// One code of a simple font.
struct Slot {
    text: Option<String>,
    /// Width in glyph units.
    w: f64,
    /// `/ToUnicode` contradicts the letter or digit the encoding draws.
    contradicts: bool,
}

enum Kind {
    /// One byte per code.
    Simple(Box<[Slot; 256]>),
    /// Multi-byte codes.
    Cid(Box<CidFont>),
}

/// The parts of a Type0 font that decode codes.
struct CidFont {
    encoding: CidEncoding,
    to_unicode: Option<CMap>,
    /// (low CID, high CID, width in glyph units).
    widths: Vec<(u32, u32, f64)>,
    default_width: f64,
}

enum CidEncoding {
    IdentityH,
    Embedded(CMap),
}

/// A font ready to decode strings.
pub(crate) struct Font {
    /// `/BaseFont`, for messages.
    pub name: String,
    kind: Kind,
    /// Glyph units to text space (1/1000, or the Type3 font matrix).
    scale: f64,
    /// Ascent and descent in text space per unit of font size.
    pub ascent: f64,
    pub descent: f64,
    /// Why this font's text cannot be read at all (`None`: it can).
    pub unreadable: Option<String>,
    /// A Type3 font: its glyphs are content streams of their own.
    pub type3: bool,
    /// Why some codes have no text, when there is more to say than that the font does not map them.
    pub why_no_text: Option<String>,
}

impl Font {
    /// Reads a font dictionary. Never fails: problems land in [`Font::unreadable`] or as glyphs without
    /// text, so the caller decides what they mean for the document.
    pub fn load(doc: &Document, dict: &Dictionary, budget: &Budget) -> Font {
        let subtype = objects::get_name(doc, dict, b"Subtype").unwrap_or(b"");
        let name = objects::get_name(doc, dict, b"BaseFont")
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_else(|| String::from_utf8_lossy(subtype).into_owned());
        match subtype {
            b"Type0" => load_type0(doc, dict, name, budget),
            _ => load_simple(doc, dict, name, subtype == b"Type3", budget),
        }
    }

    /// Splits `bytes` into codes.
    pub fn decode(&self, bytes: &[u8], out: &mut Vec<Code>, text: &mut String) {
        match &self.kind {
            Kind::Simple(table) => {
                for &b in bytes {
                    let slot = &table[b as usize];
                    let start = text.len() as u32;
                    let t = slot.text.as_deref().map(|t| {
                        text.push_str(t);
                        (start, text.len() as u32)
                    });
                    out.push(Code {
                        len: 1,
                        w0: slot.w * self.scale,
                        text: t,
                        space: b == b' ',
                        contradicts: slot.contradicts,
                    });
                }
            }
            Kind::Cid(cid) => {
                let CidFont { encoding, to_unicode, widths, default_width } = cid.as_ref();
                let mut i = 0;
                while i < bytes.len() {
                    let len = match encoding {
                        CidEncoding::IdentityH => 2.min(bytes.len() - i),
                        CidEncoding::Embedded(m) => m.code_len(&bytes[i..]),
                    };
                    let code = bytes[i..i + len].iter().fold(0u32, |a, &b| (a << 8) | u32::from(b));
                    let cid = match encoding {
                        CidEncoding::IdentityH => Some(code),
                        CidEncoding::Embedded(m) => m.cid(len as u8, code),
                    };
                    let w = cid
                        .and_then(|c| {
                            let k = widths.partition_point(|&(_, hi, _)| hi < c);
                            widths.get(k).filter(|&&(lo, _, _)| lo <= c).map(|&(_, _, w)| w)
                        })
                        .unwrap_or(*default_width);
                    let start = text.len() as u32;
                    let found = to_unicode.as_ref().is_some_and(|m| {
                        m.unicode_into(len as u8, code, text)
                            // Some producers write ToUnicode keys one byte long for two-byte codes.
                            || (len == 2 && code < 256 && m.unicode_into(1, code, text))
                    });
                    out.push(Code {
                        len: len as u8,
                        w0: w * self.scale,
                        text: found.then_some((start, text.len() as u32)),
                        space: len == 1 && code == 32,
                        contradicts: false,
                    });
                    i += len;
                }
            }
        }
    }

    /// A font for the boxes' labels and for tests: Helvetica, WinAnsiEncoding.
    pub fn helvetica() -> Font {
        let table: Box<[Slot; 256]> = Box::new(std::array::from_fn(|code| {
            let g = BaseEncoding::WinAnsi.glyph(code as u8);
            Slot {
                text: g.and_then(glyph_to_unicode),
                w: g.and_then(|g| std14_width(tables::HELVETICA, g)).unwrap_or(0.0),
                contradicts: false,
            }
        }));
        Font {
            name: "Helvetica".into(),
            kind: Kind::Simple(table),
            scale: 0.001,
            ascent: 0.718,
            descent: -0.207,
            unreadable: None,
            type3: false,
            why_no_text: None,
        }
    }
}

fn std14_width(table: &[(&str, u16)], glyph: &str) -> Option<f64> {
    table.binary_search_by(|(n, _)| n.as_bytes().cmp(glyph.as_bytes())).ok().map(|i| f64::from(table[i].1))
}

/// The standard-14 font a `/BaseFont` names (or is a common alias of), with its metrics.
struct Std14 {
    widths: Option<&'static [(&'static str, u16)]>,
    fixed: Option<f64>,
    builtin: Option<BaseEncoding>,
    ascent: f64,
    descent: f64,
}

fn std14(base_font: &str) -> Option<Std14> {
    let name = base_font.split_once('+').map_or(base_font, |(_, n)| n);
    let n: String = name.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
    let bold = n.contains("bold");
    let italic = n.contains("italic") || n.contains("oblique");
    let m = |w, a: i16, d: i16| Std14 {
        widths: Some(w),
        fixed: None,
        builtin: None,
        ascent: f64::from(a) / 1000.0,
        descent: f64::from(d) / 1000.0,
    };
    Some(if n.starts_with("courier") {
        Std14 { widths: None, fixed: Some(600.0), builtin: None, ascent: 0.629, descent: -0.157 }
    } else if n.starts_with("helvetica") || n.starts_with("arial") {
        m(if bold { tables::HELVETICA_BOLD } else { tables::HELVETICA }, 718, -207)
    } else if n.starts_with("times") {
        let w = match (bold, italic) {
            (false, false) => tables::TIMES_ROMAN,
            (true, false) => tables::TIMES_BOLD,
            (false, true) => tables::TIMES_ITALIC,
            (true, true) => tables::TIMES_BOLD_ITALIC,
        };
        m(w, 683, -217)
    } else if n == "symbol" {
        Std14 { builtin: Some(BaseEncoding::Symbol), ..m(tables::SYMBOL_FONT, 800, -200) }
    } else if n == "zapfdingbats" {
        Std14 { builtin: Some(BaseEncoding::ZapfDingbats), ..m(tables::ZAPF_DINGBATS_FONT, 800, -200) }
    } else {
        return None;
    })
}

fn to_unicode(doc: &Document, dict: &Dictionary, budget: &Budget) -> Result<Option<CMap>, String> {
    let Some(s) = objects::get_stream(doc, dict, b"ToUnicode") else {
        return Ok(None);
    };
    let data = budget.decode(s).map_err(|m| m.reason)?;
    CMap::parse(&data).map(Some)
}

fn ascent_descent(doc: &Document, dict: &Dictionary, fallback: (f64, f64)) -> (f64, f64) {
    let Some(fd) = objects::get_dict(doc, dict, b"FontDescriptor") else {
        return fallback;
    };
    let a = objects::get_number(doc, fd, b"Ascent").map(|v| v / 1000.0);
    let d = objects::get_number(doc, fd, b"Descent").map(|v| v / 1000.0);
    let a = a.filter(|v| *v > 0.1 && *v < 3.0).unwrap_or(fallback.0);
    let d = d.filter(|v| *v < 0.0 && *v > -2.0).unwrap_or(fallback.1);
    (a, d)
}

fn load_simple(doc: &Document, dict: &Dictionary, name: String, type3: bool, budget: &Budget) -> Font {
    let mut unreadable = None;
    let tu = match to_unicode(doc, dict, budget) {
        Ok(m) => m,
        Err(e) => {
            unreadable = Some(e);
            None
        }
    };
    let std = if type3 { None } else { std14(&name) };
    let descriptor = objects::get_dict(doc, dict, b"FontDescriptor");
    let flags = descriptor.and_then(|fd| objects::get_number(doc, fd, b"Flags")).unwrap_or(0.0) as i64;
    let symbolic = flags & 4 != 0;

    // The encoding: a base (named, or the font's own) plus differences. `known`: whether the glyph a
    // viewer draws for a code is really the one named here (not a guess for an embedded TrueType).
    let mut base: Option<BaseEncoding> = None;
    let mut differences: Vec<(u8, String)> = Vec::new();
    match objects::get(doc, dict, b"Encoding") {
        Some(Object::Name(n)) => base = BaseEncoding::from_name(n),
        Some(Object::Dictionary(e)) => {
            base = objects::get_name(doc, e, b"BaseEncoding").and_then(BaseEncoding::from_name);
            if let Some(diffs) = objects::get_array(doc, e, b"Differences") {
                let mut code: i64 = 0;
                for d in diffs {
                    match objects::deref(doc, d) {
                        Some(Object::Integer(c)) => code = *c,
                        Some(Object::Name(g)) => {
                            if (0..256).contains(&code) {
                                differences.push((code as u8, String::from_utf8_lossy(g).into_owned()));
                            }
                            code += 1;
                        }
                        _ => {}
                    }
                }
            }
        }
        _ => {}
    }
    let mut known = base.is_some();
    let mut glyph_names: [Option<String>; 256] = std::array::from_fn(|_| None);
    let mut why_no_text = None;
    // Codes drawn by a built-in encoding lak cannot read: `/ToUnicode` cannot be checked against
    // them, so they have no text even when it maps them (it could say anything).
    let mut builtin_unknown = false;
    if base.is_none() && !type3 {
        // An embedded program's own encoding is what viewers draw by (a Type1 font's clear text can
        // define any encoding at all); only without one do the standard fonts' rules apply.
        match descriptor.and_then(|fd| program::builtin(doc, fd, budget)) {
            Some(Builtin::Standard) => {
                base = Some(BaseEncoding::Standard);
                known = true;
            }
            Some(Builtin::Names(names)) => {
                glyph_names = *names;
                known = true;
            }
            Some(Builtin::Unknown(why)) => {
                builtin_unknown = true;
                why_no_text = Some(format!(
                    "font {name} draws by the built-in encoding of its program, but {why} (its /ToUnicode \
                     cannot be checked against it)"
                ));
            }
            None => {
                let embedded = descriptor.is_some_and(|fd| fd.has(b"FontFile2"));
                base = match &std {
                    Some(s) if s.builtin.is_some() => s.builtin,
                    // A symbolic font without an encoding uses its built-in one, which lak cannot read.
                    _ if symbolic && std.is_none() => None,
                    _ => Some(BaseEncoding::Standard),
                };
                known = base.is_some() && !embedded;
            }
        }
    }
    if let Some(b) = base {
        glyph_names = std::array::from_fn(|c| b.glyph(c as u8).map(str::to_string));
    }
    let mut named = [known && !type3; 256];
    for (c, g) in differences {
        glyph_names[c as usize] = Some(g);
        named[c as usize] = !type3;
    }

    // Widths.
    let first = objects::get_number(doc, dict, b"FirstChar").unwrap_or(0.0) as i64;
    let widths: Vec<f64> = objects::get_array(doc, dict, b"Widths")
        .map(|a| a.iter().map(|o| objects::num(doc, o).unwrap_or(0.0)).collect())
        .unwrap_or_default();
    let missing =
        objects::get_dict(doc, dict, b"FontDescriptor").and_then(|fd| objects::get_number(doc, fd, b"MissingWidth"));

    let mut scale = 0.001;
    let (mut ascent, mut descent) = std.as_ref().map_or((0.8, -0.2), |s| (s.ascent, s.descent));
    if type3 {
        let fm = objects::get_array(doc, dict, b"FontMatrix")
            .and_then(geom::Matrix::from_objects)
            .unwrap_or(geom::Matrix::new(0.001, 0.0, 0.0, 0.001, 0.0, 0.0));
        scale = fm.a;
        if let Some(bb) = objects::get_array(doc, dict, b"FontBBox")
            && bb.len() == 4
        {
            let y0 = objects::num(doc, &bb[1]).unwrap_or(0.0) * fm.d;
            let y1 = objects::num(doc, &bb[3]).unwrap_or(0.0) * fm.d;
            if y1 > y0 && y1 - y0 < 5.0 {
                (ascent, descent) = (y1.max(0.0), y0.min(0.0));
            }
        }
    } else {
        (ascent, descent) = ascent_descent(doc, dict, (ascent, descent));
    }

    let table: Box<[Slot; 256]> = Box::new(std::array::from_fn(|c| {
        let glyph = glyph_names[c].as_deref();
        let drawn = glyph.and_then(glyph_to_unicode);
        let mapped = tu.as_ref().and_then(|m| {
            let mut s = String::new();
            m.unicode_into(1, c as u32, &mut s).then_some(s)
        });
        let contradicts = named[c] && matches!((&drawn, &mapped), (Some(d), Some(m)) if contradicts(d, m));
        let unchecked = builtin_unknown && glyph.is_none();
        let text = if contradicts || unchecked { None } else { mapped.or(drawn) };
        let i = c as i64 - first;
        let w = if i >= 0 && (i as usize) < widths.len() {
            widths[i as usize]
        } else if let Some(m) = missing {
            m
        } else if let Some(s) = &std {
            s.fixed.or_else(|| glyph.and_then(|g| s.widths.and_then(|t| std14_width(t, g)))).unwrap_or(0.0)
        } else if widths.is_empty() {
            // No metrics at all: an average width keeps positions plausible.
            500.0
        } else {
            0.0
        };
        Slot { text, w, contradicts }
    }));
    Font { name, kind: Kind::Simple(table), scale, ascent, descent, unreadable, type3, why_no_text }
}

/// Whether `/ToUnicode` text `mapped` contradicts the glyph the encoding draws, `drawn`: a letter or digit
/// that is copied as something else. What a viewer shows and what lak reads would differ.
fn contradicts(drawn: &str, mapped: &str) -> bool {
    let mut chars = drawn.chars();
    let (Some(d), None) = (chars.next(), chars.next()) else {
        return false;
    };
    d.is_alphanumeric() && drawn.nfkc().ne(mapped.nfkc())
}

fn load_type0(doc: &Document, dict: &Dictionary, name: String, budget: &Budget) -> Font {
    let mut unreadable: Option<String> = None;
    let tu = match to_unicode(doc, dict, budget) {
        Ok(m) => m,
        Err(e) => {
            unreadable = Some(e);
            None
        }
    };
    if tu.is_none() && unreadable.is_none() {
        unreadable = Some(format!("font {name} has no /ToUnicode map"));
    }
    let encoding = match objects::get(doc, dict, b"Encoding") {
        Some(Object::Name(n)) if n == b"Identity-H" => CidEncoding::IdentityH,
        Some(Object::Name(n)) if n == b"Identity-V" => {
            unreadable = Some(format!("font {name} writes vertically (Identity-V)"));
            CidEncoding::IdentityH
        }
        Some(Object::Name(n)) => {
            unreadable = Some(format!(
                "font {name} uses the predefined CMap {}, which lak does not read",
                String::from_utf8_lossy(n)
            ));
            CidEncoding::IdentityH
        }
        Some(Object::Stream(s)) => match budget.decode(s).map_err(|m| m.reason).and_then(|d| CMap::parse(&d)) {
            Ok(m) if m.vertical => {
                unreadable = Some(format!("font {name} writes vertically"));
                CidEncoding::Embedded(m)
            }
            Ok(m) if m.uses_other || !m.has_codespace() => {
                unreadable = Some(format!("font {name} has an incomplete encoding CMap"));
                CidEncoding::Embedded(m)
            }
            Ok(m) => CidEncoding::Embedded(m),
            Err(e) => {
                unreadable = Some(e);
                CidEncoding::IdentityH
            }
        },
        _ => {
            unreadable = Some(format!("font {name} has no usable /Encoding"));
            CidEncoding::IdentityH
        }
    };
    let cid_font = objects::get_array(doc, dict, b"DescendantFonts")
        .and_then(|a| a.first())
        .and_then(|o| objects::as_dict(doc, o));
    let mut widths = Vec::new();
    let mut default_width = 1000.0;
    let (mut ascent, mut descent) = (0.8, -0.2);
    if let Some(cf) = cid_font {
        default_width = objects::get_number(doc, cf, b"DW").unwrap_or(1000.0);
        (ascent, descent) = ascent_descent(doc, cf, (ascent, descent));
        if let Some(w) = objects::get_array(doc, cf, b"W") {
            let mut i = 0;
            while i < w.len() && widths.len() <= limits::PDF_MAX_CMAP_ENTRIES {
                let Some(c) = objects::num(doc, &w[i]) else {
                    break;
                };
                let c = c.max(0.0) as u32;
                match w.get(i + 1).and_then(|o| objects::deref(doc, o)) {
                    Some(Object::Array(list)) => {
                        for (k, o) in list.iter().enumerate() {
                            let cid = c.saturating_add(k as u32);
                            widths.push((cid, cid, objects::num(doc, o).unwrap_or(default_width)));
                        }
                        i += 2;
                    }
                    Some(o) => {
                        let hi = geom::number(o).unwrap_or(0.0).max(0.0) as u32;
                        let v = w.get(i + 2).and_then(|o| objects::num(doc, o)).unwrap_or(default_width);
                        if hi >= c {
                            widths.push((c, hi, v));
                        }
                        i += 3;
                    }
                    None => break,
                }
            }
        }
    } else {
        unreadable.get_or_insert_with(|| format!("font {name} has no descendant font"));
    }
    widths.sort_by_key(|&(lo, _, _)| lo);
    Font {
        name,
        kind: Kind::Cid(Box::new(CidFont { encoding, to_unicode: tu, widths, default_width })),
        scale: 0.001,
        ascent,
        descent,
        unreadable,
        type3: false,
        why_no_text: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Stream, dictionary};

    fn doc_with(font: Dictionary) -> (Document, Dictionary) {
        let doc = Document::with_version("1.7");
        (doc, font)
    }

    fn texts(f: &Font, bytes: &[u8]) -> Vec<(Option<String>, f64)> {
        let mut v = Vec::new();
        let mut s = String::new();
        f.decode(bytes, &mut v, &mut s);
        v.into_iter()
            .map(|c| {
                let t = c.text.map(|(a, b)| s[a as usize..b as usize].to_string());
                (t, (c.w0 * 1000.0).round())
            })
            .collect()
    }

    #[test]
    fn standard_font_uses_builtin_metrics_and_winansi() {
        let (doc, f) = doc_with(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
        });
        let font = Font::load(&doc, &f, &Budget::new());
        assert_eq!(
            texts(&font, b"Ja\x80"),
            vec![(Some("J".into()), 500.0), (Some("a".into()), 556.0), (Some("€".into()), 556.0)]
        );
    }

    #[test]
    fn differences_override_the_base_and_unknown_names_stay_unknown() {
        let (doc, f) = doc_with(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "ABCDEF+Custom",
            "FirstChar" => 65, "Widths" => vec![600.into(), 700.into()],
            "Encoding" => dictionary! {
                "BaseEncoding" => "WinAnsiEncoding",
                "Differences" => vec![65.into(), "Z".into(), "g77".into()],
            },
        });
        let font = Font::load(&doc, &f, &Budget::new());
        assert_eq!(texts(&font, b"AB"), vec![(Some("Z".into()), 600.0), (None, 700.0)]);
    }

    #[test]
    fn tounicode_over_an_unreadable_builtin_encoding_gives_no_text() {
        // No /Encoding, and a program whose encoding lak cannot read: /ToUnicode cannot be checked.
        let mut doc = Document::with_version("1.7");
        let tu = doc.add_object(Stream::new(
            dictionary! {},
            b"1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfchar <41> <0078> endbfchar".to_vec(),
        ));
        let program = doc.add_object(Stream::new(dictionary! { "Subtype" => "OpenType" }, b"OTTO".to_vec()));
        let fd = doc.add_object(dictionary! { "Type" => "FontDescriptor", "Flags" => 4, "FontFile3" => program });
        let f = dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "ABCDEF+Odd", "ToUnicode" => tu, "FontDescriptor" => fd,
        };
        let font = Font::load(&doc, &f, &Budget::new());
        assert_eq!(texts(&font, b"A")[0].0, None);
        assert!(font.why_no_text.as_deref().is_some_and(|w| w.contains("cannot be checked")));
        // A /Differences name for the code makes it independent of the program.
        let with_diffs = dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "ABCDEF+Odd", "ToUnicode" => tu, "FontDescriptor" => fd,
            "Encoding" => dictionary! { "Differences" => vec![65.into(), "x".into()] },
        };
        assert_eq!(texts(&Font::load(&doc, &with_diffs, &Budget::new()), b"A")[0].0.as_deref(), Some("x"));
    }

    #[test]
    fn tounicode_that_contradicts_a_drawn_letter_gives_no_text() {
        let mut doc = Document::with_version("1.7");
        let tu = doc.add_object(Stream::new(
            dictionary! {},
            b"1 begincodespacerange <00> <FF> endcodespacerange \
              3 beginbfchar <41> <0078> <42> <0042> <C9> <00450301> endbfchar"
                .to_vec(),
        ));
        let f = dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
            "ToUnicode" => tu,
        };
        let font = Font::load(&doc, &f, &Budget::new());
        let mut v = Vec::new();
        font.decode(b"ABC\xC9", &mut v, &mut String::new());
        // A is drawn but copied as x; B agrees; C is not in the map; É agrees once normalised.
        assert_eq!(
            v.iter().map(|c| (c.text.is_some(), c.contradicts)).collect::<Vec<_>>(),
            vec![(false, true), (true, false), (true, false), (true, false)]
        );
    }

    #[test]
    fn type0_identity_h_reads_tounicode_and_w() {
        let mut doc = Document::with_version("1.7");
        let tu = doc.add_object(Stream::new(
            dictionary! {},
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange 2 beginbfchar <0001> <004A> <0002> <0061> endbfchar"
                .to_vec(),
        ));
        let f = dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "AAAAAA+Liberation", "Encoding" => "Identity-H",
            "ToUnicode" => tu,
            "DescendantFonts" => vec![dictionary! {
                "Subtype" => "CIDFontType2", "DW" => 1000,
                "W" => vec![1.into(), vec![400.into(), 550.into()].into()],
            }.into()],
        };
        let font = Font::load(&doc, &f, &Budget::new());
        assert!(font.unreadable.is_none());
        assert_eq!(
            texts(&font, &[0, 1, 0, 2, 0, 9]),
            vec![(Some("J".into()), 400.0), (Some("a".into()), 550.0), (None, 1000.0)]
        );
    }

    #[test]
    fn type0_without_tounicode_is_unreadable() {
        let (doc, f) = doc_with(dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "X", "Encoding" => "Identity-H",
            "DescendantFonts" => vec![dictionary! { "Subtype" => "CIDFontType2" }.into()],
        });
        assert!(Font::load(&doc, &f, &Budget::new()).unreadable.is_some());
    }
}
