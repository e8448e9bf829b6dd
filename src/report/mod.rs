//! The review report: `lak-report.json` for machines, `lak-report.html` for the people who check the
//! work, and `lak-review.html`, the page where they go through every finding with its context and
//! record decisions (`review_page.rs`).
//!
//! **The report holds personal data**: every finding carries the text that was removed. It is written to
//! the review folder, which lak never allows inside the output folder.
//!
//! The JSON schema is documented in docs/reference.md (section *Report*). Field order and document order are
//! fixed, and the report has no timestamps, so the same input and rules give a byte-identical report.
//!
//! **Scale.** At 10,000 documents the three files are hundreds of megabytes, and the findings behind them
//! most of what a run would hold in memory. So the files are written to a writer the pipeline gives,
//! document by document ([`Report::write_file`]), and a document's findings are rendered once, when the
//! worker that processed it is done, into a [`spool::Store`] (the pipeline's spool file), from which the
//! writers take them in document order; the bytes are those of rendering the whole report in memory.

mod brief;
pub mod context;
mod html;
mod review_page;
pub mod spool;

pub(crate) use review_page::content_security_policy;
pub use review_page::{PAGE_NAME, document_links};

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

pub use crate::decide::reviewer::StaleDecision;
use crate::model::{Action, DecidedBy, Evidence, Location, Manual, Mode};
pub use brief::{Brief, Briefs, Origin};

/// File name of the JSON report.
pub const JSON_NAME: &str = "lak-report.json";
/// File name of the HTML report.
pub const HTML_NAME: &str = "lak-report.html";

/// A whole run.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// lak's version.
    pub lak_version: &'static str,
    /// `scan`, `redact` or `verify`.
    pub command: &'static str,
    /// `woo` or `inzage`.
    pub mode: Mode,
    /// The rules used.
    pub ruleset: RulesetInfo,
    /// Totals.
    pub counts: Counts,
    /// One entry per document, in path order.
    pub documents: Vec<DocumentReport>,
    /// Every folder name with findings: names are scanned like text (see [`crate::package::names`]);
    /// a file name's findings are the first of its document's.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<NameReport>,
    /// Reviewer decisions (`--decisions`) that found nothing to apply to, in file order, with why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stale_decisions: Vec<StaleDecision>,
}

/// Findings in one folder name.
#[derive(Clone, Debug, Serialize)]
pub struct NameReport {
    /// The name as it is on disk. Personal data.
    pub name: String,
    /// The name as published, markers in place of the values.
    pub redacted: String,
    /// The findings, located in `name` (`location.part` is `folder name`).
    pub findings: Vec<FindingReport>,
}

/// Which rules a run used.
#[derive(Clone, Debug, Serialize)]
pub struct RulesetInfo {
    /// `sha256:` of every rule file and list, in load order.
    pub hash: String,
    /// Where they came from.
    pub sources: Vec<String>,
    /// Number of active rules.
    pub rules: usize,
}

/// Totals over all documents.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Counts {
    /// Documents seen.
    pub documents: usize,
    /// Written with redactions or scrubbed data (redact).
    pub redacted: usize,
    /// Nothing to remove.
    pub clean: usize,
    /// Findings to redact present (scan).
    pub found: usize,
    /// Values the rules would redact still present (verify).
    pub residual: usize,
    /// Withheld: a person must handle these.
    pub needs_manual: usize,
    /// Not published: a copy of another document (`--skip-duplicates`).
    pub duplicates: usize,
    /// Findings redacted (or to redact, for scan/verify).
    pub findings_redacted: usize,
    /// Findings kept, with a reason.
    pub findings_kept: usize,
    /// Reviewer decisions that found nothing to apply to (`stale_decisions`).
    pub stale_decisions: usize,
}

/// The outcome for one document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Written to the output with redactions or scrubbed data.
    Redacted,
    /// Nothing to remove (written unchanged for plain text).
    Clean,
    /// Scan: there is something to redact.
    Found,
    /// Verify: values the rules would redact are present.
    Residual,
    /// Not processed automatically; withheld from the output.
    NeedsManual,
    /// Not published: the same as an earlier document of the run (`--skip-duplicates`).
    Duplicate,
}

/// How a document duplicates an earlier one (see `pipeline/duplicates.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Same {
    /// The same bytes.
    Bytes,
    /// The same extracted text, whitespace normalised.
    Text,
}

/// The earlier document a document duplicates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    /// Its document number.
    pub of: String,
    /// What is the same.
    pub same: Same,
}

/// One document's entry.
#[derive(Clone, Debug, Serialize)]
pub struct DocumentReport {
    /// The input path.
    pub path: String,
    /// The document's number in the run (`0001`, or `PREFIX-0001` with `--number`), in input order.
    pub id: String,
    /// SHA-256 (hex) of the document's bytes as read: passage decisions name their document by it.
    pub sha256: String,
    /// The path relative to its input, with markers in place of personal data in file and folder
    /// names: what logs, the inventory and the redaction log show.
    pub name: String,
    /// Path of the written file relative to the output folder (redact only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    /// The adapter used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
    /// The document's own date (`YYYY-MM-DD`) where its format records one (see
    /// [`crate::formats::Document::date`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The outcome.
    pub status: Status,
    /// Why the document needs manual handling.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Manual>,
    /// Hidden content found and processed (e.g. hidden sheets).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Hidden data removed (metadata, comments, ...).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scrubbed: Vec<String>,
    /// Every finding, in document order; findings of later redaction passes follow, located in the
    /// output of the pass before. Once they are spooled (`spooled`), only those in the file name are
    /// here: [`DocumentReport::briefs`] reads them all.
    pub findings: Vec<FindingReport>,
    /// Redaction passes it took until the re-scan of the output found nothing (only when more than one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub passes: Option<usize>,
    /// The earlier document of the run this one duplicates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate: Option<Duplicate>,
    /// Where its findings were rendered when it was processed (see [`spool`]), and their briefs; they
    /// follow `findings`. `None` when they are whole in memory.
    #[serde(skip)]
    pub spooled: Option<spool::Spooled>,
}

impl DocumentReport {
    /// An entry for a document that needs manual handling.
    pub fn manual(path: String, format: Option<&'static str>, reason: Manual) -> DocumentReport {
        DocumentReport {
            path,
            id: String::new(),
            sha256: String::new(),
            name: String::new(),
            output: None,
            format,
            date: None,
            status: Status::NeedsManual,
            reason: Some(reason),
            notes: Vec::new(),
            scrubbed: Vec::new(),
            findings: Vec::new(),
            passes: None,
            duplicate: None,
            spooled: None,
        }
    }

    /// How many findings it has, whole in memory and spooled.
    pub fn finding_count(&self) -> usize {
        self.findings.len() + self.spooled.as_ref().map_or(0, |s| s.tally.findings)
    }

    /// How many of its findings are kept, whole in memory and spooled.
    pub fn kept_count(&self) -> usize {
        let whole = self.findings.iter().filter(|f| !matches!(f.action, Action::Redact)).count();
        whole + self.spooled.as_ref().map_or(0, |s| s.tally.kept)
    }

    /// The grounds of its redacted findings with their counts, most used first (then by ground); read
    /// without the spool.
    pub fn grounds(&self) -> Vec<(String, usize)> {
        let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        for f in self.findings.iter().filter(|f| matches!(f.action, Action::Redact)) {
            *counts.entry(&f.ground).or_default() += 1;
        }
        for (g, n) in self.spooled.iter().flat_map(|s| &s.tally.grounds) {
            *counts.entry(g).or_default() += n;
        }
        let mut v: Vec<(String, usize)> = counts.into_iter().map(|(g, n)| (g.to_string(), n)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v
    }

    /// Every finding as the end of a run reads it, in the report's order: those whole in memory, then
    /// the spooled ones, read from `store` (the spool the run put them in).
    pub fn briefs(&self, store: Option<&dyn spool::Store>) -> io::Result<DocBriefs<'_>> {
        let spooled = self.spooled.as_ref().map(|s| spool::briefs(s, store)).transpose()?;
        Ok(DocBriefs { whole: &self.findings, spooled })
    }

    /// Gives each finding `i` (counted as [`DocumentReport::briefs`] counts) its pseudonym on the box.
    pub fn set_labels(&mut self, store: Option<&dyn spool::Store>, labels: Vec<(usize, String)>) -> io::Result<()> {
        let whole = self.findings.len();
        let mut spooled = None;
        for (i, label) in labels {
            if let Some(f) = self.findings.get_mut(i) {
                f.label = Some(label);
                continue;
            }
            let Some(s) = &self.spooled else { continue };
            if spooled.is_none() {
                spooled = Some(spool::briefs(s, store)?);
            }
            if let Some(b) = &mut spooled {
                b.set_label(i - whole, &label);
            }
        }
        if let (Some(b), Some(s)) = (spooled, &mut self.spooled) {
            spool::put_briefs(s, store, &b)?;
        }
        Ok(())
    }

    /// The entry without its findings, for the writers, which add them one by one.
    fn without_findings(&self) -> DocumentReport {
        DocumentReport {
            path: self.path.clone(),
            id: self.id.clone(),
            sha256: self.sha256.clone(),
            name: self.name.clone(),
            output: self.output.clone(),
            format: self.format,
            date: self.date.clone(),
            status: self.status,
            reason: self.reason.clone(),
            notes: self.notes.clone(),
            scrubbed: self.scrubbed.clone(),
            findings: Vec::new(),
            passes: self.passes,
            duplicate: self.duplicate.clone(),
            spooled: None,
        }
    }
}

/// A document's findings as the end of a run reads them ([`DocumentReport::briefs`]).
pub struct DocBriefs<'a> {
    whole: &'a [FindingReport],
    spooled: Option<brief::Briefs>,
}

impl DocBriefs<'_> {
    /// The briefs, in the report's order.
    pub fn iter(&self) -> impl Iterator<Item = Brief<'_>> + '_ {
        self.whole.iter().map(Brief::of).chain(self.spooled.iter().flat_map(|s| s.iter()))
    }
}

/// One finding as reported.
#[derive(Clone, Debug, Serialize)]
pub struct FindingReport {
    /// A stable id: the same document bytes, rule and position in the text give the same id on every
    /// run and machine ([`finding_id`]). `lak check` compares findings by it.
    pub id: String,
    /// Index of the text unit the finding is in (passage decisions address units).
    pub unit: usize,
    /// Rule id.
    pub rule: String,
    /// Rule category.
    pub category: String,
    /// The label on the box in this run's mode.
    pub ground: String,
    /// The label on the box when it is not the ground: a person's pseudonym (`Persoon 3`, `--label
    /// pseudonym`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// `redact` or `keep` (with `reason`).
    #[serde(flatten)]
    pub action: Action,
    /// Who decided the action: the rules, or a reviewer (with name, time and kind of decision).
    pub decided_by: DecidedBy,
    /// The matched text. Personal data.
    pub text: String,
    /// Where it is.
    pub location: Location,
    /// 0–1, two decimals.
    pub confidence: f64,
    /// Why the rule fired, in words.
    pub why: String,
    /// Why the rule fired, as data.
    pub evidence: Evidence,
    /// The text around the value, for the review page (absent for findings in file and folder names).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<context::Context>,
}

impl FindingReport {
    /// The report entry of a decided finding; `text` is the matched text, `location` where it is.
    pub fn new(
        rules: &crate::rules::RuleSet,
        mode: Mode,
        decided: &crate::model::Decided,
        text: &str,
        location: Location,
    ) -> FindingReport {
        let f = &decided.finding;
        let rule = rules.rule(f.rule);
        let mut why = f.evidence.describe();
        if let DecidedBy::Reviewer(r) = &decided.by
            && !matches!(f.evidence.source, Some(crate::model::Source::Reviewer { .. }))
        {
            let action = if decided.is_redacted() { "redact" } else { "keep" };
            why.push_str(&format!(" + reviewer {} decided on {} to {action} it", r.reviewer, r.time));
        }
        FindingReport {
            id: decided.id.clone().unwrap_or_default(),
            unit: f.unit,
            rule: rule.id.clone(),
            category: rule.category.clone(),
            ground: rules.label(f, mode).to_string(),
            label: None,
            action: decided.action.clone(),
            decided_by: decided.by.clone(),
            text: text.to_string(),
            location,
            confidence: (f64::from(f.confidence) * 100.0).round() / 100.0,
            why,
            evidence: f.evidence.clone(),
            context: None,
        }
    }
}

/// The stable id of a finding: the first 16 hex digits of a SHA-256 over what identifies it, the hash of
/// the text it was found in (`content`: the document's bytes, or a name), the rule id, the text unit,
/// the span and the redaction pass (1 for findings in the input). Nothing else (no paths, no order, no
/// version) goes in, so an id only changes when the document, the rule or the position does.
pub fn finding_id(content: &[u8], rule: &str, unit: usize, start: usize, end: usize, pass: usize) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update((content.len() as u64).to_le_bytes());
    h.update(content);
    h.update((rule.len() as u64).to_le_bytes());
    h.update(rule.as_bytes());
    for n in [unit, start, end, pass] {
        h.update((n as u64).to_le_bytes());
    }
    h.finalize()[..8].iter().map(|b| format!("{b:02x}")).collect()
}

impl Report {
    /// Recomputes the totals from the documents.
    pub fn count(&mut self) {
        let mut c = Counts { documents: self.documents.len(), ..Counts::default() };
        for d in &self.documents {
            match d.status {
                Status::Redacted => c.redacted += 1,
                Status::Clean => c.clean += 1,
                Status::Found => c.found += 1,
                Status::Residual => c.residual += 1,
                Status::NeedsManual => c.needs_manual += 1,
                Status::Duplicate => c.duplicates += 1,
            }
            let kept = d.kept_count();
            c.findings_kept += kept;
            c.findings_redacted += d.finding_count() - kept;
        }
        for f in self.names.iter().flat_map(|n| &n.findings) {
            match f.action {
                Action::Redact => c.findings_redacted += 1,
                Action::Keep { .. } => c.findings_kept += 1,
            }
        }
        c.stale_decisions = self.stale_decisions.len();
        self.counts = c;
    }

    /// Writes the JSON text (`lak-report.json`); `store` holds the findings rendered as their documents
    /// were processed ([`spool`]). One document at a time, the way `serde_json` would write the whole
    /// report pretty-printed: each part is pretty-printed on its own and indented for its depth.
    pub fn write_json(&self, store: Option<&dyn spool::Store>, w: &mut dyn Write) -> io::Result<()> {
        let head = Report {
            lak_version: self.lak_version,
            command: self.command,
            mode: self.mode,
            ruleset: self.ruleset.clone(),
            counts: self.counts.clone(),
            documents: Vec::new(),
            names: self.names.clone(),
            stale_decisions: self.stale_decisions.clone(),
        };
        let head = serde_json::to_string_pretty(&head).map_err(io::Error::other)?;
        let (before, after) = split_empty(&head, "\n  \"documents\": ")?;
        w.write_all(before.as_bytes())?;
        if !self.documents.is_empty() {
            w.write_all(b"[")?;
            for (i, d) in self.documents.iter().enumerate() {
                w.write_all(if i == 0 { b"\n    " } else { b",\n    " })?;
                write_document_json(d, store, w)?;
            }
            w.write_all(b"\n  ]")?;
        } else {
            w.write_all(b"[]")?;
        }
        w.write_all(after.as_bytes())?;
        w.write_all(b"\n")
    }

    /// Writes the HTML page (`lak-report.html`).
    pub fn write_html(&self, store: Option<&dyn spool::Store>, w: &mut dyn Write) -> io::Result<()> {
        html::write(self, store, w)
    }

    /// Writes the review page (`lak-review.html`) for a report written to `dir`; `out` is the output
    /// folder of a redact run. The page links to the documents by paths relative to `dir`.
    pub fn write_review_page(
        &self,
        dir: &Path,
        out: Option<&Path>,
        store: Option<&dyn spool::Store>,
        w: &mut dyn Write,
    ) -> io::Result<()> {
        review_page::write(self, &review_page::Links::new(self, dir, out), store, w)
    }

    /// Writes one of the review folder's files for a report written to `dir`; `out` is the output folder
    /// of a redact run; `store` holds the findings rendered as their documents were processed
    /// ([`spool`]). The pipeline gives the writer (a temporary file it renames into place, owner-only):
    /// the report renders, it does not open files. Each file is written document by document, never
    /// held whole in memory: at 10,000 documents they are hundreds of megabytes.
    pub fn write_file(
        &self,
        file: ReviewFile,
        dir: &Path,
        out: Option<&Path>,
        store: Option<&dyn spool::Store>,
        w: &mut dyn Write,
    ) -> io::Result<()> {
        match file {
            ReviewFile::Json => self.write_json(store, w),
            ReviewFile::Html => self.write_html(store, w),
            ReviewFile::Page => self.write_review_page(dir, out, store, w),
        }
    }
}

/// `text` cut around the empty array `[]` after `key`, which must occur once: the part up to and with
/// the key, and the part after the array.
fn split_empty<'a>(text: &'a str, key: &str) -> io::Result<(&'a str, &'a str)> {
    let marker = format!("{key}[]");
    match text.match_indices(&marker).map(|(i, _)| i).collect::<Vec<_>>()[..] {
        [i] => Ok((&text[..i + key.len()], &text[i + marker.len()..])),
        _ => Err(io::Error::other(format!("the report's JSON has not one {key:?}"))),
    }
}

/// One document of `lak-report.json`, at its depth, its findings from memory and from `store`.
fn write_document_json(d: &DocumentReport, store: Option<&dyn spool::Store>, w: &mut dyn Write) -> io::Result<()> {
    let head = spool::indent(&serde_json::to_string_pretty(&d.without_findings()).map_err(io::Error::other)?, 4);
    let (before, after) = split_empty(&head, "\n      \"findings\": ")?;
    w.write_all(before.as_bytes())?;
    if d.finding_count() == 0 {
        w.write_all(b"[]")?;
    } else {
        let spooled = spool::pieces(d, store)?;
        let inline = d.findings.len();
        w.write_all(b"[")?;
        for (i, f) in d.findings.iter().enumerate() {
            w.write_all(if i == 0 { b"\n        " } else { b",\n        " })?;
            w.write_all(spool::finding_json(f)?.0.as_bytes())?;
        }
        let briefs = d.spooled.as_ref().map(|s| spool::briefs(s, store)).transpose()?;
        if let (Some(p), Some(b)) = (&spooled, &briefs) {
            for (i, (piece, f)) in p.items.iter().zip(b.iter()).enumerate() {
                w.write_all(if inline + i == 0 { b"\n        " } else { b",\n        " })?;
                let json = p.at(&piece.json);
                w.write_all(&json[..piece.label_at])?;
                if let Some(label) = f.label {
                    w.write_all(spool::label_json(label)?.as_bytes())?;
                }
                w.write_all(&json[piece.label_at..])?;
            }
        }
        w.write_all(b"\n      ]")?;
    }
    w.write_all(after.as_bytes())
}

/// The files a run writes to its review folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewFile {
    /// `lak-report.json`.
    Json,
    /// `lak-report.html`.
    Html,
    /// `lak-review.html`.
    Page,
}

impl ReviewFile {
    /// Every file, in the order they are written.
    pub const ALL: [ReviewFile; 3] = [ReviewFile::Json, ReviewFile::Html, ReviewFile::Page];

    /// Its name in the review folder.
    pub fn name(self) -> &'static str {
        match self {
            ReviewFile::Json => JSON_NAME,
            ReviewFile::Html => HTML_NAME,
            ReviewFile::Page => PAGE_NAME,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::spool::{Chunk, Store};
    use super::*;
    use crate::model::{Evidence, Source};

    /// A store in memory.
    #[derive(Default)]
    struct Memory(Mutex<Vec<u8>>);

    impl Store for Memory {
        fn put(&self, bytes: &[u8]) -> io::Result<Chunk> {
            let mut m = self.0.lock().unwrap();
            let offset = m.len() as u64;
            m.extend_from_slice(bytes);
            Ok(Chunk { offset, len: bytes.len() as u64 })
        }
        fn get(&self, c: Chunk) -> io::Result<Vec<u8>> {
            let m = self.0.lock().unwrap();
            m.get(c.offset as usize..(c.offset + c.len) as usize)
                .map(<[u8]>::to_vec)
                .ok_or_else(|| io::Error::other("gone"))
        }
    }

    fn finding(text: &str, keep: bool, part: Option<&str>) -> FindingReport {
        FindingReport {
            id: format!("id-{text}"),
            unit: 2,
            rule: "person".into(),
            category: "person".into(),
            ground: "5.1.2e".into(),
            label: None,
            action: if keep { Action::Keep { reason: "office".into() } } else { Action::Redact },
            decided_by: DecidedBy::Rule,
            text: text.into(),
            location: Location { part: part.map(str::to_string), line: Some(3), ..Location::default() },
            confidence: 0.87,
            why: "name: <b>&\"x\"\u{2028} </script>".into(),
            evidence: Evidence { source: Some(Source::Name { form: "initials + surname" }), ..Evidence::default() },
            context: Some(context::Context {
                start: 3,
                before: "Mevrouw \u{2029}".into(),
                after: " belde <!--".into(),
                others: vec![[0, 2]],
            }),
        }
    }

    fn document(path: &str, findings: Vec<FindingReport>) -> DocumentReport {
        DocumentReport {
            path: path.into(),
            id: "0001".into(),
            sha256: "ab".into(),
            name: path.into(),
            output: None,
            format: Some("text"),
            date: None,
            status: Status::Found,
            reason: None,
            notes: vec!["een notitie".into()],
            scrubbed: Vec::new(),
            findings,
            passes: None,
            duplicate: None,
            spooled: None,
        }
    }

    fn report(documents: Vec<DocumentReport>) -> Report {
        Report {
            lak_version: "0.0.0",
            command: "scan",
            mode: Mode::Woo,
            ruleset: RulesetInfo { hash: "sha256:00".into(), sources: vec!["builtin".into()], rules: 3 },
            counts: Counts::default(),
            documents,
            names: vec![NameReport {
                name: "J. Jansen".into(),
                redacted: "[5.1.2e]".into(),
                findings: vec![finding("J. Jansen", false, Some("folder name"))],
            }],
            stale_decisions: Vec::new(),
        }
    }

    fn render(r: &Report, store: Option<&dyn Store>) -> Vec<Vec<u8>> {
        ReviewFile::ALL
            .iter()
            .map(|&file| {
                let mut out = Vec::new();
                r.write_file(file, Path::new("/r/review"), Some(Path::new("/r/out")), store, &mut out).unwrap();
                out
            })
            .collect()
    }

    /// The files written from spooled findings are byte for byte those of the report whole in memory,
    /// and the JSON is what `serde_json` writes of the whole report: labels given after spooling, file
    /// name findings in front, documents without findings, copies.
    #[test]
    fn spooled_findings_give_the_same_bytes_as_the_report_in_memory() {
        let a = vec![
            finding("A. de Vries", false, None),
            finding("wethouder Bos", true, None),
            finding("Piet", false, None),
        ];
        let mut whole = report(vec![
            document("d/a.txt", a.clone()),
            DocumentReport::manual(
                "d/b.bin".into(),
                None,
                crate::model::Manual::new(crate::model::Code::Binary, "binary"),
            ),
            document("d/c.txt", vec![finding("C. Smit", false, None)]),
        ]);
        let store = Memory::default();
        let mut spooled = whole.clone();
        for d in &mut spooled.documents {
            spool::spool(&store, d);
        }
        assert!(spooled.documents[0].spooled.is_some() && spooled.documents[0].findings.is_empty());
        // After the dossier rounds: a copy, a pseudonym, a finding in a file name.
        for r in [&mut whole, &mut spooled] {
            let copy = DocumentReport { path: "d/kopie.txt".into(), ..r.documents[0].clone() };
            r.documents.push(copy);
            r.documents[0].set_labels(Some(&store), vec![(2, "Persoon \"1\"".into())]).unwrap();
            r.documents[0].findings.insert(0, finding("a.txt", false, Some("file name")));
            r.count();
        }
        for (w, s) in whole.documents.iter().zip(&spooled.documents) {
            let (w, s) = (w.briefs(None).unwrap(), s.briefs(Some(&store)).unwrap());
            assert_eq!(w.iter().collect::<Vec<_>>(), s.iter().collect::<Vec<_>>());
        }
        let expected = render(&whole, None);
        let mut json = serde_json::to_string_pretty(&whole).unwrap();
        json.push('\n');
        assert_eq!(String::from_utf8(expected[0].clone()).unwrap(), json);
        let actual = render(&spooled, Some(&store));
        for (file, (e, a)) in ReviewFile::ALL.iter().zip(expected.iter().zip(&actual)) {
            assert_eq!(String::from_utf8_lossy(a), String::from_utf8_lossy(e), "{}", file.name());
        }
        // No documents at all.
        let empty = report(Vec::new());
        assert_eq!(
            render(&empty, None)[0],
            format!("{}\n", serde_json::to_string_pretty(&empty).unwrap()).into_bytes()
        );
    }

    /// A chunk that does not read back as it was written fails the write; the findings are never
    /// silently left out.
    #[test]
    fn a_damaged_or_missing_spool_is_an_error() {
        let store = Memory::default();
        let mut r = report(vec![document("d/a.txt", vec![finding("A. de Vries", false, None)])]);
        spool::spool(&store, &mut r.documents[0]);
        store.0.lock().unwrap().truncate(10);
        for file in ReviewFile::ALL {
            assert!(
                r.write_file(file, Path::new("r"), None, Some(&store), &mut Vec::new()).is_err(),
                "{}",
                file.name()
            );
            assert!(r.write_file(file, Path::new("r"), None, None, &mut Vec::new()).is_err(), "{}", file.name());
        }
    }
}
