//! Findings rendered once, as their document is processed, and kept out of memory until the report's
//! files are written.
//!
//! At 10,000 documents a run has 200,000 findings, and what the report says of each (its context
//! snippet, why it fired, its evidence) is most of the memory a run would hold until the end. So a
//! worker renders every finding of the document it processed, in the form each file needs — its JSON
//! object (indented for its place in `lak-report.json`), its row of `lak-report.html`, its details for
//! `lak-review.html` (escaped for the page) — puts those bytes in a [`Store`] (the pipeline's spool
//! file in the review folder), and with them each finding's [`Brief`](super::Brief), packed
//! ([`Briefs`]): what the rest of the run reads, one document at a time
//! ([`DocumentReport::briefs`]). [`Spooled`] on the document says where both went and keeps in memory
//! only their counts ([`Tally`]: what the summary and the inventory read); the writers (`mod.rs`, `html.rs`, `review_page.rs`) take the findings
//! from the store one document at a time, in document order, so the files are byte for byte what
//! rendering the whole report in memory gave.
//!
//! A document processed again (a dossier round) is rendered again; its earlier chunk is never read. Only
//! one thing about a finding can change after its document is processed: the pseudonym on its box
//! (`label`, `--label pseudonym`), given once the run's people are numbered. Its JSON is rendered
//! without one and the chunk records where the `label` line goes; the labels go into the briefs, which
//! are put into the store again. The findings in a document's file
//! name, added at the end, stay in memory and come first, as in the report.

use std::io;
use std::ops::Range;

use super::brief::Briefs;
use super::{DocumentReport, FindingReport, html, review_page};

/// Where the pieces of processed documents wait: the pipeline's spool file.
pub trait Store: Sync {
    /// Keeps `bytes`, and says where.
    fn put(&self, bytes: &[u8]) -> io::Result<Chunk>;
    /// The bytes kept at `chunk`.
    fn get(&self, chunk: Chunk) -> io::Result<Vec<u8>>;
}

/// A place in a [`Store`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk {
    /// The first byte.
    pub offset: u64,
    /// The number of bytes.
    pub len: u64,
}

/// A document whose findings were rendered into a [`Store`]: they follow the findings still in
/// memory (those in its file name). Their briefs are in the store too; in memory stays only what the
/// run's summary and inventory count ([`Tally`]), so the report's memory does not grow with the
/// findings of a dossier.
#[derive(Clone, Debug, PartialEq)]
pub struct Spooled {
    /// Where their rendered pieces are.
    pub chunk: Chunk,
    /// Where their packed briefs are ([`Briefs::encode`]); a new chunk once pseudonyms are given.
    pub briefs: Chunk,
    /// What is counted of them.
    pub tally: Tally,
}

/// The counts of a spooled document's findings, kept in memory.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// How many findings.
    pub findings: usize,
    /// How many of them are kept.
    pub kept: usize,
    /// The grounds of the redacted ones with their counts, sorted by ground.
    pub grounds: Vec<(Box<str>, usize)>,
}

impl Tally {
    fn of(briefs: &Briefs) -> Tally {
        let mut grounds: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        let mut kept = 0;
        for b in briefs.iter() {
            match b.keep {
                Some(_) => kept += 1,
                None => *grounds.entry(b.ground).or_default() += 1,
            }
        }
        Tally { findings: briefs.len(), kept, grounds: grounds.into_iter().map(|(g, n)| (g.into(), n)).collect() }
    }
}

/// The indentation of a finding in `lak-report.json`: in `documents[i].findings`, three levels down.
const FINDING_INDENT: usize = 8;

/// `s` (pretty JSON) with every line after the first indented by `n` more spaces: pretty JSON at depth
/// `n / 2`. JSON strings hold no raw line breaks, so every `\n` is between tokens.
pub(super) fn indent(s: &str, n: usize) -> String {
    let pad = format!("\n{}", " ".repeat(n));
    s.replace('\n', &pad)
}

/// The JSON of a finding as it stands in `lak-report.json`, without its `label`, and where a `label`
/// line goes (before `action`, the field after it).
pub(super) fn finding_json(f: &FindingReport) -> io::Result<(String, usize)> {
    let text = indent(&serde_json::to_string_pretty(f).map_err(io::Error::other)?, FINDING_INDENT);
    // Keys before `action` are the fixed names of earlier fields, and no string holds a line break:
    // the first `action` key at the finding's own indentation is this one.
    let key = format!("\n{}\"action\": ", " ".repeat(FINDING_INDENT + 2));
    let at = text.find(&key).ok_or_else(|| io::Error::other("a finding's JSON has no action"))?;
    Ok((text, at))
}

/// The `label` line of a finding's JSON, to insert where [`finding_json`] says.
pub(super) fn label_json(label: &str) -> io::Result<String> {
    let value = serde_json::to_string(label).map_err(io::Error::other)?;
    Ok(format!("\n{}\"label\": {value},", " ".repeat(FINDING_INDENT + 2)))
}

/// The pieces of one finding in a chunk.
pub(super) struct Piece {
    /// Its JSON, without `label`.
    pub json: Range<usize>,
    /// Where in the JSON the `label` line goes.
    pub label_at: usize,
    /// Its row of `lak-report.html`.
    pub row: Range<usize>,
    /// Its details on the review page, escaped.
    pub detail: Range<usize>,
}

/// A chunk read back: the bytes and each finding's pieces in them.
pub(super) struct Pieces {
    pub bytes: Vec<u8>,
    pub items: Vec<Piece>,
}

impl Pieces {
    /// The bytes of `range`.
    pub fn at(&self, range: &Range<usize>) -> &[u8] {
        &self.bytes[range.clone()]
    }
}

/// Renders the findings of `d` into `store`, puts their briefs there too and keeps only their
/// [`Tally`]. When the store fails the document stays whole in memory: the report comes out the same,
/// only larger in memory.
pub fn spool(store: &dyn Store, d: &mut DocumentReport) {
    if d.findings.is_empty() || d.spooled.is_some() {
        return;
    }
    let Some(briefs) = Briefs::pack(&d.findings) else { return };
    let Ok(bytes) = encode(&d.findings) else { return };
    let Ok(chunk) = store.put(&bytes) else { return };
    let Ok(at) = store.put(&briefs.encode()) else { return };
    d.findings = Vec::new();
    d.spooled = Some(Spooled { chunk, briefs: at, tally: Tally::of(&briefs) });
}

/// The briefs of a spooled document, from `store`.
pub(super) fn briefs(s: &Spooled, store: Option<&dyn Store>) -> io::Result<Briefs> {
    let store = store.ok_or_else(|| io::Error::other("the report's findings are spooled, and no spool was given"))?;
    let briefs = Briefs::decode(&store.get(s.briefs)?)?;
    if briefs.len() != s.tally.findings {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "a spooled chunk of briefs is damaged"));
    }
    Ok(briefs)
}

/// Puts `briefs` back into `store` after a change (pseudonyms given).
pub(super) fn put_briefs(s: &mut Spooled, store: Option<&dyn Store>, briefs: &Briefs) -> io::Result<()> {
    let store = store.ok_or_else(|| io::Error::other("the report's findings are spooled, and no spool was given"))?;
    s.briefs = store.put(&briefs.encode())?;
    Ok(())
}

/// A chunk: the number of findings, then per finding the lengths of its JSON, where its label goes, and
/// the lengths of its row and its details (`u32`, little-endian), then the pieces themselves.
fn encode(findings: &[FindingReport]) -> io::Result<Vec<u8>> {
    let too_large = || io::Error::other("a finding too large to spool");
    let mut head: Vec<u8> = Vec::with_capacity(4 + 16 * findings.len());
    let mut body: Vec<u8> = Vec::new();
    let n = u32::try_from(findings.len()).map_err(|_| too_large())?;
    head.extend(n.to_le_bytes());
    for f in findings {
        let (json, label_at) = if f.label.is_some() {
            let mut unlabelled = f.clone();
            unlabelled.label = None;
            finding_json(&unlabelled)?
        } else {
            finding_json(f)?
        };
        let row = html::row(f);
        let mut detail = Vec::new();
        review_page::embed(&mut detail, &review_page::detail(f))?;
        for len in [json.len(), label_at, row.len(), detail.len()] {
            head.extend(u32::try_from(len).map_err(|_| too_large())?.to_le_bytes());
        }
        body.extend(json.as_bytes());
        body.extend(row.as_bytes());
        body.extend(detail);
    }
    head.extend(body);
    Ok(head)
}

/// Reads a chunk of `n` findings back; a chunk that does not read as one is an error, never a shorter
/// report.
pub(super) fn decode(bytes: Vec<u8>, n: usize) -> io::Result<Pieces> {
    let bad = || io::Error::new(io::ErrorKind::InvalidData, "a spooled chunk of the report is damaged");
    let word = |i: usize| -> io::Result<usize> {
        let b = bytes.get(4 * i..4 * i + 4).ok_or_else(bad)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    if word(0)? != n {
        return Err(bad());
    }
    let mut at = 4 * (1 + 4 * n);
    let mut items = Vec::with_capacity(n);
    for i in 0..n {
        let [json, label_at, row, detail] = [word(1 + 4 * i)?, word(2 + 4 * i)?, word(3 + 4 * i)?, word(4 + 4 * i)?];
        let mut take = |len: usize| {
            let r = at..at.checked_add(len).filter(|&end| end <= bytes.len()).ok_or_else(bad)?;
            at = r.end;
            Ok::<_, io::Error>(r)
        };
        let json = take(json)?;
        let row = take(row)?;
        let detail = take(detail)?;
        if label_at > json.len() {
            return Err(bad());
        }
        items.push(Piece { json, label_at, row, detail });
    }
    if at != bytes.len() {
        return Err(bad());
    }
    Ok(Pieces { bytes, items })
}

/// The pieces of `d`'s spooled findings, from `store`.
pub(super) fn pieces(d: &DocumentReport, store: Option<&dyn Store>) -> io::Result<Option<Pieces>> {
    let Some(s) = &d.spooled else { return Ok(None) };
    let store = store.ok_or_else(|| io::Error::other("the report's findings are spooled, and no spool was given"))?;
    decode(store.get(s.chunk)?, s.tally.findings).map(Some)
}
