//! What the end of a run reads of a finding, and how a spooled document keeps it small.
//!
//! Once a document's findings are rendered into the spool ([`super::spool`]), the run still reads a
//! few things of each until it ends: the redaction log (category, ground, rule, where, how the box came
//! about, the value to keep out of part names), the inventory and the summary (grounds, actions), the
//! check that copies with the same text lose the same words (ground, text), the review page's filter
//! index (rule, category, ground, confidence, action, text) and the pseudonym a box gets
//! (`label`). [`Brief`] is that view of a finding, the same whether the finding is whole in memory (a
//! [`FindingReport`]) or packed.
//!
//! [`Briefs`] packs the briefs of one document: every string in one buffer, each distinct string once
//! (a document names its rules, grounds and parts over and over), and per finding a fixed record of
//! offsets into it — about 90 bytes a finding instead of the 700 and more of a [`FindingReport`] with
//! its own strings. At 10,000 documents and 224,490 findings that is the difference between 20 MB and
//! some 180 MB held until the report is written.

use std::collections::HashMap;

use super::FindingReport;
use crate::model::{Action, DecidedBy, Source};

/// How a box came about, as the redaction log gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A rule fired on this document.
    Rule,
    /// The value was redacted in another document or name of the run.
    Dossier,
    /// A reviewer's decision (`--decisions`).
    Reviewer,
}

impl Origin {
    /// The origin of a report entry.
    pub fn of(f: &FindingReport) -> Origin {
        if let DecidedBy::Reviewer(_) = f.decided_by {
            return Origin::Reviewer;
        }
        match f.evidence.source {
            Some(Source::Dossier { .. } | Source::Elsewhere { .. }) => Origin::Dossier,
            _ => Origin::Rule,
        }
    }
}

/// A finding as the end of the run reads it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Brief<'a> {
    /// Rule id.
    pub rule: &'a str,
    /// Rule category.
    pub category: &'a str,
    /// The ground on the box.
    pub ground: &'a str,
    /// The pseudonym on the box (`--label pseudonym`).
    pub label: Option<&'a str>,
    /// Why it is kept; `None` when it is redacted.
    pub keep: Option<&'a str>,
    /// How it came about.
    pub origin: Origin,
    /// The matched text. Personal data.
    pub text: &'a str,
    /// `location.part`.
    pub part: Option<&'a str>,
    /// `location.page`.
    pub page: Option<u32>,
    /// `location.line`.
    pub line: Option<u32>,
    /// `location.cell`.
    pub cell: Option<&'a str>,
    /// As in the report: 0–1, two decimals.
    pub confidence: f64,
}

impl<'a> Brief<'a> {
    /// The brief of a whole finding.
    pub fn of(f: &'a FindingReport) -> Brief<'a> {
        Brief {
            rule: &f.rule,
            category: &f.category,
            ground: &f.ground,
            label: f.label.as_deref(),
            keep: match &f.action {
                Action::Redact => None,
                Action::Keep { reason } => Some(reason),
            },
            origin: Origin::of(f),
            text: &f.text,
            part: f.location.part.as_deref(),
            page: f.location.page,
            line: f.location.line,
            cell: f.location.cell.as_deref(),
            confidence: f.confidence,
        }
    }

    /// Whether it is removed from the output.
    pub fn is_redacted(&self) -> bool {
        self.keep.is_none()
    }
}

/// A string in a [`Briefs`] buffer; `len == ABSENT` is none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Str {
    at: u32,
    len: u32,
}

const ABSENT: u32 = u32::MAX;
const NONE: Str = Str { at: 0, len: ABSENT };

/// One finding in a [`Briefs`].
#[derive(Clone, Debug, PartialEq)]
struct Packed {
    rule: Str,
    category: Str,
    ground: Str,
    label: Str,
    keep: Str,
    text: Str,
    part: Str,
    cell: Str,
    confidence: f64,
    page: u32,
    line: u32,
    /// `HAS_PAGE`, `HAS_LINE` and the origin.
    flags: u8,
}

/// Bytes per finding in [`Briefs::encode`].
const RECORD: usize = 8 * 8 + 8 + 4 + 4 + 1;

const HAS_PAGE: u8 = 1;
const HAS_LINE: u8 = 2;
const DOSSIER: u8 = 4;
const REVIEWER: u8 = 8;

/// The briefs of one document's findings, packed (see the module's documentation).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Briefs {
    strings: String,
    items: Vec<Packed>,
}

/// Builds a [`Briefs`]: each distinct string once in the buffer.
struct Packer<'a> {
    strings: String,
    seen: HashMap<&'a str, Str>,
}

impl<'a> Packer<'a> {
    fn put(&mut self, s: &'a str) -> Option<Str> {
        if let Some(&at) = self.seen.get(s) {
            return Some(at);
        }
        let at = u32::try_from(self.strings.len()).ok()?;
        let len = u32::try_from(s.len()).ok().filter(|&l| l != ABSENT)?;
        at.checked_add(len)?;
        self.strings.push_str(s);
        let str = Str { at, len };
        self.seen.insert(s, str);
        Some(str)
    }

    fn put_opt(&mut self, s: Option<&'a str>) -> Option<Str> {
        s.map_or(Some(NONE), |s| self.put(s))
    }
}

impl Briefs {
    /// The briefs of `findings`, in their order; `None` when their strings do not fit the offsets
    /// (4 GB), and the findings must stay whole.
    pub fn pack(findings: &[FindingReport]) -> Option<Briefs> {
        let mut p = Packer { strings: String::new(), seen: HashMap::new() };
        let mut items = Vec::with_capacity(findings.len());
        for f in findings {
            let b = Brief::of(f);
            let mut flags = match b.origin {
                Origin::Rule => 0,
                Origin::Dossier => DOSSIER,
                Origin::Reviewer => REVIEWER,
            };
            if b.page.is_some() {
                flags |= HAS_PAGE;
            }
            if b.line.is_some() {
                flags |= HAS_LINE;
            }
            items.push(Packed {
                rule: p.put(b.rule)?,
                category: p.put(b.category)?,
                ground: p.put(b.ground)?,
                label: p.put_opt(b.label)?,
                keep: p.put_opt(b.keep)?,
                text: p.put(b.text)?,
                part: p.put_opt(b.part)?,
                cell: p.put_opt(b.cell)?,
                confidence: b.confidence,
                page: b.page.unwrap_or(0),
                line: b.line.unwrap_or(0),
                flags,
            });
        }
        let mut strings = p.strings;
        strings.shrink_to_fit();
        Some(Briefs { strings, items })
    }

    /// How many findings.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    fn str(&self, s: Str) -> Option<&str> {
        if s.len == ABSENT {
            return None;
        }
        // Offsets were taken from this buffer, at boundaries of the strings put in it.
        self.strings.get(s.at as usize..s.at as usize + s.len as usize)
    }

    fn brief<'a>(&'a self, p: &Packed) -> Brief<'a> {
        let s = |x: Str| self.str(x).unwrap_or_default();
        Brief {
            rule: s(p.rule),
            category: s(p.category),
            ground: s(p.ground),
            label: self.str(p.label),
            keep: self.str(p.keep),
            origin: if p.flags & REVIEWER != 0 {
                Origin::Reviewer
            } else if p.flags & DOSSIER != 0 {
                Origin::Dossier
            } else {
                Origin::Rule
            },
            text: s(p.text),
            part: self.str(p.part),
            page: (p.flags & HAS_PAGE != 0).then_some(p.page),
            line: (p.flags & HAS_LINE != 0).then_some(p.line),
            cell: self.str(p.cell),
            confidence: p.confidence,
        }
    }

    /// The briefs, in the findings' order.
    pub fn iter(&self) -> impl Iterator<Item = Brief<'_>> + '_ {
        self.items.iter().map(|p| self.brief(p))
    }

    /// The bytes [`Briefs::decode`] reads back: the strings' length and the strings, the number of
    /// findings, then per finding its eight strings (offset, length), confidence, page, line and flags
    /// (little-endian).
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 + self.strings.len() + RECORD * self.items.len());
        out.extend((self.strings.len() as u32).to_le_bytes());
        out.extend(self.strings.as_bytes());
        out.extend((self.items.len() as u32).to_le_bytes());
        for p in &self.items {
            for s in [p.rule, p.category, p.ground, p.label, p.keep, p.text, p.part, p.cell] {
                out.extend(s.at.to_le_bytes());
                out.extend(s.len.to_le_bytes());
            }
            out.extend(p.confidence.to_le_bytes());
            out.extend(p.page.to_le_bytes());
            out.extend(p.line.to_le_bytes());
            out.push(p.flags);
        }
        out
    }

    /// Reads [`Briefs::encode`]'s bytes back; bytes that do not read as briefs whole (a string outside
    /// the buffer or inside a character, a short record, trailing bytes) are an error, never briefs
    /// with a value missing.
    pub fn decode(bytes: &[u8]) -> std::io::Result<Briefs> {
        let bad = || std::io::Error::new(std::io::ErrorKind::InvalidData, "a spooled chunk of briefs is damaged");
        let mut at = 0usize;
        let mut take = |n: usize| -> std::io::Result<&[u8]> {
            let r = bytes.get(at..at.checked_add(n).ok_or_else(bad)?).ok_or_else(bad)?;
            at += n;
            Ok(r)
        };
        let u32_of = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let len = u32_of(take(4)?) as usize;
        let strings = String::from_utf8(take(len)?.to_vec()).map_err(|_| bad())?;
        let n = u32_of(take(4)?) as usize;
        let mut items = Vec::with_capacity(n.min(bytes.len() / RECORD));
        for _ in 0..n {
            let r = take(RECORD)?;
            let mut strs = [NONE; 8];
            for (i, s) in strs.iter_mut().enumerate() {
                *s = Str { at: u32_of(&r[8 * i..]), len: u32_of(&r[8 * i + 4..]) };
                let fits = s.len == ABSENT
                    || strings.get(s.at as usize..(s.at as usize).saturating_add(s.len as usize)).is_some();
                if !fits {
                    return Err(bad());
                }
            }
            let [rule, category, ground, label, keep, text, part, cell] = strs;
            if [rule, category, ground, text].iter().any(|s| s.len == ABSENT) {
                return Err(bad());
            }
            let confidence = f64::from_le_bytes(r[64..72].try_into().expect("eight bytes"));
            let (page, line, flags) = (u32_of(&r[72..]), u32_of(&r[76..]), r[80]);
            items.push(Packed { rule, category, ground, label, keep, text, part, cell, confidence, page, line, flags });
        }
        if at != bytes.len() {
            return Err(bad());
        }
        Ok(Briefs { strings, items })
    }

    /// Gives finding `i` the pseudonym on its box; false when there is no finding `i` or no room for
    /// the label.
    pub fn set_label(&mut self, i: usize, label: &str) -> bool {
        let at = u32::try_from(self.strings.len()).ok();
        let len = u32::try_from(label.len()).ok().filter(|&l| l != ABSENT);
        let (Some(at), Some(len)) = (at, len) else { return false };
        if i >= self.items.len() || at.checked_add(len).is_none() {
            return false;
        }
        self.strings.push_str(label);
        self.items[i].label = Str { at, len };
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Evidence, Location, Reviewed};

    fn finding(text: &str, part: Option<&str>, keep: Option<&str>) -> FindingReport {
        FindingReport {
            id: "id".into(),
            unit: 0,
            rule: "person-name".into(),
            category: "person".into(),
            ground: "5.1.2e".into(),
            label: None,
            action: keep.map_or(Action::Redact, |r| Action::Keep { reason: r.into() }),
            decided_by: DecidedBy::Rule,
            text: text.into(),
            location: Location { part: part.map(str::to_string), ..Location::default() },
            confidence: 0.87,
            why: String::new(),
            evidence: Evidence::default(),
            context: None,
        }
    }

    /// Packed and read back, every field a finding's brief has is the same, absent ones and empty
    /// strings included.
    #[test]
    fn a_packed_brief_reads_as_the_finding() {
        let mut a = finding("Jan de Vries", Some("word/document.xml"), None);
        a.location.page = Some(0);
        a.location.line = Some(7);
        a.location.cell = Some("B7".into());
        a.evidence.source = Some(Source::Dossier { of: "Jan".into(), from: "d/a.txt".into() });
        let mut b = finding("", None, Some("public official acting in office (\"wethouder\")"));
        b.ground = String::new();
        b.decided_by = DecidedBy::Reviewer(std::sync::Arc::new(Reviewed {
            reviewer: "A".into(),
            time: "t".into(),
            decision: "finding",
            note: None,
        }));
        b.label = Some("Persoon 2".into());
        let c = finding("Jan de Vries", Some("word/document.xml"), None);
        let findings = [a, b, c];
        let packed = Briefs::pack(&findings).unwrap();
        assert_eq!(packed.len(), 3);
        let whole: Vec<Brief<'_>> = findings.iter().map(Brief::of).collect();
        assert_eq!(packed.iter().collect::<Vec<_>>(), whole);
        assert_eq!(whole[0].origin, Origin::Dossier);
        assert_eq!(whole[1].origin, Origin::Reviewer);
        // Each distinct string once.
        assert_eq!(packed.strings.matches("Jan de Vries").count(), 1);
    }

    #[test]
    fn briefs_read_back_from_their_bytes_and_damage_is_an_error() {
        let mut a = finding("Jan de Vries", Some("word/document.xml"), None);
        a.location.page = Some(3);
        a.location.cell = Some("B7".into());
        let mut packed = Briefs::pack(&[a, finding("Zoë", None, Some("kept"))]).unwrap();
        assert!(packed.set_label(0, "Persoon 1"));
        let bytes = packed.encode();
        assert_eq!(Briefs::decode(&bytes).unwrap(), packed);
        assert_eq!(Briefs::decode(&Briefs::default().encode()).unwrap(), Briefs::default());
        for cut in [1, RECORD, bytes.len() - 1] {
            assert!(Briefs::decode(&bytes[..bytes.len() - cut]).is_err(), "cut {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(Briefs::decode(&longer).is_err());
        // A string offset pointing inside `ë` (a character boundary) or past the buffer.
        let strings_len = u32::from_le_bytes(bytes[..4].try_into().unwrap()) as usize;
        let first_record = 4 + strings_len + 4;
        for at in [u32::MAX - 1, strings_len as u32] {
            let mut bad = bytes.clone();
            bad[first_record..first_record + 4].copy_from_slice(&at.to_le_bytes());
            assert!(Briefs::decode(&bad).is_err(), "offset {at}");
        }
        let e = packed.strings.find('ë').unwrap() as u32 + 1;
        let mut inside = bytes.clone();
        let text = first_record + 8 * 5;
        inside[text..text + 8].copy_from_slice(&[e.to_le_bytes(), 1u32.to_le_bytes()].concat());
        assert!(Briefs::decode(&inside).is_err());
    }

    #[test]
    fn a_label_given_later_is_read_back() {
        let mut packed = Briefs::pack(&[finding("Piet", None, None), finding("Bos", None, None)]).unwrap();
        assert!(packed.set_label(1, "Persoon \"1\""));
        assert!(!packed.set_label(2, "Persoon 2"));
        let labels: Vec<_> = packed.iter().map(|b| b.label).collect();
        assert_eq!(labels, [None, Some("Persoon \"1\"")]);
    }
}
