//! The review report: `lak-report.json` for machines, `lak-report.html` for the people who check the
//! work, and `lak-review.html`, the page where they go through every finding with its context and
//! record decisions (`review_page.rs`).
//!
//! **The report holds personal data**: every finding carries the text that was removed. It is written to
//! the review folder, which lak never allows inside the output folder.
//!
//! The JSON schema is documented in docs/reference.md (section *Report*). Field order and document order are
//! fixed, and the report has no timestamps, so the same input and rules give a byte-identical report.

pub mod context;
mod html;
mod review_page;

pub(crate) use review_page::content_security_policy;
pub use review_page::{PAGE_NAME, document_links};

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

pub use crate::decide::reviewer::StaleDecision;
use crate::model::{Action, DecidedBy, Evidence, Location, Manual, Mode};

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
    /// output of the pass before.
    pub findings: Vec<FindingReport>,
    /// Redaction passes it took until the re-scan of the output found nothing (only when more than one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub passes: Option<usize>,
    /// The earlier document of the run this one duplicates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate: Option<Duplicate>,
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
        }
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
            for f in &d.findings {
                match f.action {
                    Action::Redact => c.findings_redacted += 1,
                    Action::Keep { .. } => c.findings_kept += 1,
                }
            }
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

    /// Writes the JSON text (`lak-report.json`).
    pub fn write_json(&self, w: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *w, self).map_err(io::Error::other)?;
        w.write_all(b"\n")
    }

    /// Writes the HTML page (`lak-report.html`).
    pub fn write_html(&self, w: &mut dyn Write) -> io::Result<()> {
        html::write(self, w)
    }

    /// Writes the review page (`lak-review.html`) for a report written to `dir`; `out` is the output
    /// folder of a redact run. The page links to the documents by paths relative to `dir`.
    pub fn write_review_page(&self, dir: &Path, out: Option<&Path>, w: &mut dyn Write) -> io::Result<()> {
        review_page::write(self, &review_page::Links::new(self, dir, out), w)
    }

    /// Writes one of the review folder's files for a report written to `dir`; `out` is the output folder
    /// of a redact run. The pipeline gives the writer (a temporary file it renames into place, owner-only):
    /// the report renders, it does not open files. Each file is written as it is rendered, document by
    /// document, never held whole in memory: at 10,000 documents they are hundreds of megabytes.
    pub fn write_file(&self, file: ReviewFile, dir: &Path, out: Option<&Path>, w: &mut dyn Write) -> io::Result<()> {
        match file {
            ReviewFile::Json => self.write_json(w),
            ReviewFile::Html => self.write_html(w),
            ReviewFile::Page => self.write_review_page(dir, out, w),
        }
    }
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
