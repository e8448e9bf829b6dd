//! One document, start to finish: read, extract, detect, decide, redact, re-check, write.
//!
//! Every way this can go wrong ends in a [`Manual`] reason and a withheld document, never in an error of
//! the run. After redacting, the output is opened again with the same adapter and scanned with the same
//! rules and policy; if anything the rules would redact is still there, the output is not written.

use std::path::{Path, PathBuf};

use super::walk::Entry;
use super::{Command, Context};
use crate::detect::Scratch;
use crate::formats::{Document, Format, Redaction};
use crate::limits;
use crate::model::{Decided, Manual, RuleIndex};
use crate::package::names::removed_with_rules;
use crate::report::{DocumentReport, FindingReport, Status};

/// What the pipeline learns about a document besides its report entry, for the publication package.
#[derive(Debug, Default)]
pub(crate) struct Facts {
    /// The values removed (or, for scan and verify, to remove), each with its rule: they are removed
    /// from every file and folder name of the run too.
    pub removed: Vec<(String, RuleIndex)>,
    /// The texts of kept findings: a value inside one is not taken from names.
    pub kept: Vec<String>,
    /// Where the redacted output waits until it gets its published name (redact).
    pub staged: Option<PathBuf>,
}

/// Processes document number `index` of the run.
pub(crate) fn document(
    cx: &Context<'_>,
    scratch: &mut Scratch,
    entry: &Entry,
    index: usize,
) -> (DocumentReport, Facts) {
    let path = entry.source.display().to_string();
    if let Some(problem) = &entry.problem {
        return (DocumentReport::manual(path, None, Manual::new("not_a_file", problem.clone())), Facts::default());
    }
    let Some(format) = cx.registry.for_path(&entry.source) else {
        let ext = entry
            .source
            .extension()
            .map(|e| format!(".{}", e.to_string_lossy()))
            .unwrap_or_else(|| "(no extension)".into());
        let reason = format!("no adapter for {ext} files (lak handles: {})", cx.registry.extensions().join(", "));
        return (DocumentReport::manual(path, None, Manual::new("unsupported_format", reason)), Facts::default());
    };
    let mut facts = Facts::default();
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        process(cx, scratch, entry, index, format, &mut facts)
    }));
    let report = match run {
        Ok(Ok(report)) => return (report, facts),
        Ok(Err(reason)) => DocumentReport::manual(path, Some(format.name()), reason),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            DocumentReport::manual(
                path,
                Some(format.name()),
                Manual::new("internal_error", format!("lak failed on this document ({msg}); please report it")),
            )
        }
    };
    // A withheld document publishes nothing, but what was found in it still goes from every name.
    if let Some(staged) = facts.staged.take() {
        let _ = std::fs::remove_file(staged);
    }
    (report, facts)
}

fn read(source: &Path) -> Result<Vec<u8>, Manual> {
    let meta = std::fs::metadata(source).map_err(|e| Manual::new("unreadable", format!("cannot be read: {e}")))?;
    if meta.len() > limits::MAX_INPUT_BYTES {
        return Err(Manual::new(
            "too_large",
            format!("{} bytes; lak reads at most {}", meta.len(), limits::MAX_INPUT_BYTES),
        ));
    }
    std::fs::read(source).map_err(|e| Manual::new("unreadable", format!("cannot be read: {e}")))
}

/// Detects and decides on one opened document.
fn findings(cx: &Context<'_>, scratch: &mut Scratch, doc: &dyn Document) -> Vec<Decided> {
    let units = doc.units();
    for u in &units {
        if u.len() > limits::MAX_UNIT_BYTES {
            return Vec::new();
        }
    }
    let headers: Vec<Option<&str>> = (0..units.len()).map(|u| doc.header(u)).collect();
    let found = cx.detector.detect_with_headers(scratch, &units, &headers);
    cx.policy.decide(cx.rules, &units, found)
}

fn process(
    cx: &Context<'_>,
    scratch: &mut Scratch,
    entry: &Entry,
    index: usize,
    format: &dyn Format,
    facts: &mut Facts,
) -> Result<DocumentReport, Manual> {
    let bytes = read(&entry.source)?;
    let doc = format.open(bytes, &cx.options)?;
    if let Some(u) = doc.units().iter().find(|u| u.len() > limits::MAX_UNIT_BYTES) {
        return Err(Manual::new(
            "too_large",
            format!("a text unit of {} bytes; lak handles at most {}", u.len(), limits::MAX_UNIT_BYTES),
        ));
    }
    let decided = findings(cx, scratch, doc.as_ref());
    let mode = cx.policy.mode();
    let units = doc.units();
    let reports = finding_reports(cx, doc.as_ref(), &decided, None);
    facts.removed = removed_with_rules(&units, &decided);
    facts.kept = decided.iter().filter(|d| !d.is_redacted()).map(|d| d.finding.text(&units).to_string()).collect();
    let to_redact = Redaction::plan(cx.rules, mode, &decided);
    let mut report = DocumentReport {
        path: entry.source.display().to_string(),
        id: String::new(),
        name: String::new(),
        output: None,
        format: Some(format.name()),
        date: doc.date(),
        status: Status::Clean,
        reason: None,
        notes: doc.notes(),
        scrubbed: Vec::new(),
        findings: reports,
        passes: None,
    };
    match &cx.command {
        Command::Scan => {
            if !to_redact.is_empty() {
                report.status = Status::Found;
            }
        }
        Command::Verify => {
            if !to_redact.is_empty() {
                report.status = Status::Residual;
            }
        }
        Command::Redact { .. } => {
            let mut redacted = doc.redact(&to_redact)?;
            let mut removed = crate::decide::removed_values(&units, &decided);
            let mut pass = 1;
            // Fail closed: the output is read back and scanned again. What the rules still find there (a
            // word that reads as a name only once its neighbour became a marker) is redacted in the
            // output, a bounded number of times.
            loop {
                let (again, residual) = rescan(cx, scratch, format, &redacted.bytes)?;
                if residual.is_empty() {
                    sweep(&removed, &redacted.bytes, again.as_ref())?;
                    break;
                }
                if pass >= limits::MAX_REDACTION_PASSES {
                    return Err(residual_error(cx, again.as_ref(), &residual, pass));
                }
                pass += 1;
                let again_units = again.units();
                report.findings.extend(finding_reports(cx, again.as_ref(), &residual, Some(pass)));
                removed.extend(crate::decide::removed_values(&again_units, &residual));
                facts.removed.extend(removed_with_rules(&again_units, &residual));
                removed.sort();
                removed.dedup();
                let scrubbed = std::mem::take(&mut redacted.scrubbed);
                redacted = again.redact(&Redaction::plan(cx.rules, mode, &residual))?;
                redacted.scrubbed = scrubbed;
            }
            // Written under a number: the name it is published under is only known once every name
            // of the run is scanned and every value of the run is known (see `publish`).
            let staging = cx.staging.as_ref().expect("redact stages its outputs");
            let target = staging.join(format!("{index:07}"));
            super::write_atomically(&target, &redacted.bytes, super::Readers::Everyone)
                .map_err(|e| Manual::new("write_failed", e.to_string()))?;
            facts.staged = Some(target);
            report.scrubbed = redacted.scrubbed;
            report.passes = (pass > 1).then_some(pass);
            if !to_redact.is_empty() || !report.scrubbed.is_empty() {
                report.status = Status::Redacted;
            }
        }
    }
    Ok(report)
}

/// The report entries of decided findings; `pass` marks findings made on the output of an earlier
/// redaction pass.
fn finding_reports(
    cx: &Context<'_>,
    doc: &dyn Document,
    decided: &[Decided],
    pass: Option<usize>,
) -> Vec<FindingReport> {
    let units = doc.units();
    decided
        .iter()
        .map(|d| {
            let f = &d.finding;
            let location = doc.locate(f.unit, f.start, f.end);
            let mut report = FindingReport::new(cx.rules, cx.policy.mode(), d, f.text(&units), location);
            if let Some(p) = pass {
                report.why.push_str(&format!(" + found in the redacted output (pass {p})"));
            }
            report
        })
        .collect()
}

/// Opens redacted bytes again and returns the document with what the rules would still redact in it.
fn rescan(
    cx: &Context<'_>,
    scratch: &mut Scratch,
    format: &dyn Format,
    bytes: &[u8],
) -> Result<(Box<dyn Document>, Vec<Decided>), Manual> {
    let doc = format.open(bytes.to_vec(), &cx.options).map_err(|m| {
        Manual::new("output_unreadable", format!("the redacted output could not be read back: {}", m.reason))
    })?;
    let residual: Vec<Decided> = findings(cx, scratch, doc.as_ref()).into_iter().filter(Decided::is_redacted).collect();
    Ok((doc, residual))
}

/// Fail closed: refuses the output if any removed value still occurs in the file's bytes or decoded parts.
fn sweep(removed: &[String], bytes: &[u8], doc: &dyn Document) -> Result<(), Manual> {
    let mut views = vec![std::borrow::Cow::Borrowed(bytes)];
    views.extend(doc.byte_views());
    match super::sweep::find(removed, &views) {
        None => Ok(()),
        Some((_, view)) => Err(Manual::new(
            "residual_bytes_after_redaction",
            format!(
                "a removed value still occurs in the output's bytes ({}); output withheld",
                if view == 0 { "the file itself".to_string() } else { format!("decoded part or stream {view}") }
            ),
        )),
    }
}

/// The manual-handling reason for an output that still holds values after the last pass.
fn residual_error(cx: &Context<'_>, doc: &dyn Document, residual: &[Decided], passes: usize) -> Manual {
    let first = &residual[0].finding;
    let loc = doc.locate(first.unit, first.start, first.end);
    let rule = &cx.rules.rule(first.rule).id;
    let at = match (loc.line, loc.page, &loc.part) {
        (Some(l), _, _) => format!("line {l}"),
        (_, Some(p), _) => format!("page {p}"),
        (_, _, Some(part)) => part.clone(),
        _ => format!("offset {}", loc.offset),
    };
    Manual::new(
        "residual_after_redaction",
        format!(
            "after {passes} redaction passes the rules still find {} value(s) to redact (first: rule {rule} at {at}); output withheld",
            residual.len()
        ),
    )
}
