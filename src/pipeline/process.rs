//! One document, start to finish: read, extract, detect, decide, redact, re-check, write.
//!
//! Every way this can go wrong ends in a [`Manual`] reason and a withheld document, never in an error of
//! the run. After redacting, the output is opened again with the same adapter and scanned with the same
//! rules and policy; if anything the rules would redact is still there, the output is not written.

use std::path::PathBuf;

use super::dossier::Trace;
use super::walk::Entry;
use super::{Command, Context};
use crate::decide::{DocumentKey, Labels, Mention, Review, Reviewer};
use crate::detect::Scratch;
use crate::formats::{ByteView, Document, Format, Redaction};
use crate::limits;
use crate::model::{Code, Decided, Dossier, Manual, RuleIndex, Source};
use crate::package::names::removed_with_rules;
use crate::report::{DocumentReport, FindingReport, Status};

/// What the pipeline learns about a document besides its report entry: for the publication package and,
/// unless it needs manual handling, for the dossier.
#[derive(Debug, Default)]
pub(crate) struct Facts {
    /// The values removed (or, for scan and verify, to remove), each with its rule: they are removed
    /// from every file and folder name of the run too.
    pub removed: Vec<(String, RuleIndex)>,
    /// The texts of kept findings: a value inside one is not taken from names.
    pub kept: Vec<String>,
    /// Where the redacted output waits until it gets its published name (redact).
    pub staged: Option<PathBuf>,
    /// The extension (`eml`) the output is published under when its format writes another format
    /// than it reads (an Outlook `.msg` is published as `.eml`).
    pub written_as: Option<&'static str>,
    /// What it redacted, for the other documents of the run (see `dossier.rs`).
    pub trace: Option<Trace>,
    /// The hash of its text, whitespace normalised, when it was processed to the end (see
    /// `duplicates.rs`).
    pub text: Option<super::duplicates::Digest32>,
    /// SHA-256 (hex) of its bytes as read; empty when they were not read.
    pub sha256: String,
    /// Which reviewer decisions it used, and which addressed it but did not fit.
    pub review: Review,
    /// With `--label pseudonym`: each redacted person finding, by its index in the report's findings,
    /// in the order they stand in the document, with who it names (see `decide/pseudonyms.rs`).
    pub people: Vec<(usize, Mention)>,
    /// With `--label pseudonym` (redact): the dossier it was last processed with (none: the empty one),
    /// to process it once more with the same knowledge when the run's people are numbered. Set by the
    /// pipeline, which knows the round.
    pub given: Option<super::dossier::Given>,
}

/// Processes document number `index` of the run in the light of what the other documents of the run
/// redacted (`dossier`; empty on the first pass).
pub(crate) fn document(
    cx: &Context<'_>,
    scratch: &mut Scratch,
    entry: &Entry,
    index: usize,
    dossier: &Dossier,
) -> (DocumentReport, Facts) {
    let path = entry.source.display().to_string();
    if let Some(problem) = &entry.problem {
        return (DocumentReport::manual(path, None, problem.clone()), Facts::default());
    }
    let Some(format) = cx.registry.for_path(&entry.format_path()) else {
        let ext = entry
            .source
            .extension()
            .map(|e| format!(".{}", e.to_string_lossy()))
            .unwrap_or_else(|| "(no extension)".into());
        let reason = format!("no adapter for {ext} files (lak handles: {})", cx.registry.extensions().join(", "));
        return (DocumentReport::manual(path, None, Manual::new(Code::UnsupportedFormat, reason)), Facts::default());
    };
    let mut facts = Facts::default();
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        process(cx, scratch, entry, index, format, dossier, &mut facts)
    }));
    let report = match run {
        Ok(Ok(mut report)) => {
            // Rendered now, once, and kept out of memory until the report is written (see spool.rs).
            if let Some(store) = cx.spool {
                crate::report::spool::spool(store, &mut report);
            }
            // Held until the end of the run: without the room the lists grew into.
            facts.removed.shrink_to_fit();
            facts.kept.shrink_to_fit();
            return (report, facts);
        }
        Ok(Err(reason)) => {
            let mut report = DocumentReport::manual(path, Some(format.name()), reason);
            report.sha256 = facts.sha256.clone();
            report
        }
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            DocumentReport::manual(
                path,
                Some(format.name()),
                Manual::new(Code::InternalError, format!("lak failed on this document ({msg}); please report it")),
            )
        }
    };
    // A withheld document publishes nothing, but what was found in it still goes from every name.
    if let Some(staged) = facts.staged.take() {
        let _ = std::fs::remove_file(staged);
    }
    facts.trace = None;
    facts.text = None;
    facts.people.clear();
    (report, facts)
}

fn read(entry: &Entry) -> Result<Vec<u8>, Manual> {
    if let Some(member) = &entry.member {
        return super::containers::read(member);
    }
    let source = &entry.source;
    let meta = std::fs::metadata(source).map_err(|e| Manual::new(Code::Unreadable, format!("cannot be read: {e}")))?;
    if meta.len() > limits::MAX_INPUT_BYTES {
        return Err(Manual::new(
            Code::TooLarge,
            format!("{} bytes; lak reads at most {}", meta.len(), limits::MAX_INPUT_BYTES),
        ));
    }
    std::fs::read(source).map_err(|e| Manual::new(Code::Unreadable, format!("cannot be read: {e}")))
}

/// Detects and decides on one opened document. A unit over the size limit is an error, never an empty
/// result: the re-check of an output must not take a unit it cannot scan for a clean one.
fn findings(
    cx: &Context<'_>,
    scratch: &mut Scratch,
    doc: &dyn Document,
    dossier: &Dossier,
    key: &DocumentKey<'_>,
) -> Result<(Vec<Decided>, Review), Manual> {
    let units = doc.units();
    if let Some(u) = units.iter().find(|u| u.len() > cx.max_unit_bytes) {
        return Err(Manual::new(
            Code::TooLarge,
            format!("a text unit of {} bytes; lak handles at most {}", u.len(), cx.max_unit_bytes),
        ));
    }
    let headers: Vec<Option<&str>> = (0..units.len()).map(|u| doc.header(u)).collect();
    let identifiers: Vec<bool> = (0..units.len()).map(|u| doc.is_identifier(u)).collect();
    let found = cx.detector.detect_in_dossier(scratch, &units, &headers, &identifiers, dossier);
    Ok(cx.policy.decide_document(cx.rules, &units, found, dossier, Some(key)))
}

fn process(
    cx: &Context<'_>,
    scratch: &mut Scratch,
    entry: &Entry,
    index: usize,
    format: &dyn Format,
    dossier: &Dossier,
    facts: &mut Facts,
) -> Result<DocumentReport, Manual> {
    let bytes = read(entry)?;
    // The hash of the bytes read (the walk's hash, unless the file changed since): finding ids derive
    // from it.
    let content = super::duplicates::hash_bytes(&bytes);
    facts.sha256 = hex(&content);
    let doc = format.open(bytes, &cx.options)?;
    let key = DocumentKey { content: &content, sha256: &facts.sha256, pass: 1, kept: &[] };
    let (decided, review) = findings(cx, scratch, doc.as_ref(), dossier, &key)?;
    facts.review = review;
    let units = doc.units();
    facts.text = Some(super::duplicates::text_hash(&units));
    facts.trace =
        Some(Trace::new(&entry.source.display().to_string(), cx.rules, &units, &decided).processed_with(dossier));
    let reports = finding_reports(cx, doc.as_ref(), &decided, &content, None);
    if cx.labels == Labels::Pseudonym {
        facts.people = people(cx, &units, &decided, 0);
    }

    facts.removed = removed_with_rules(&units, &decided);
    facts.kept = decided.iter().filter(|d| !d.is_redacted()).map(|d| d.finding.text(&units).to_string()).collect();
    let to_redact = plan(cx, &units, &decided);
    let mut report = DocumentReport {
        path: entry.source.display().to_string(),
        id: String::new(),
        sha256: facts.sha256.clone(),
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
        duplicate: None,
        spooled: None,
    };
    match &cx.command {
        Command::Scan | Command::Check => {
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
            // What a reviewer kept by id stays kept in the re-scans, where its id is another.
            let kept = if cx.policy.reviewer().is_some() { Reviewer::kept_by_id(&units, &decided) } else { Vec::new() };
            // Fail closed: the output is read back and scanned again. What the rules still find there (a
            // word that reads as a name only once its neighbour became a marker) is redacted in the
            // output, a bounded number of times.
            loop {
                let key = DocumentKey { content: &content, sha256: &facts.sha256, pass: pass + 1, kept: &kept };
                let Rescan { doc: again, residual, review } =
                    rescan(cx, scratch, format.output().unwrap_or(format), &redacted.bytes, dossier, &key)?;
                facts.review.merge(review);
                if residual.is_empty() {
                    sweep(&removed, &redacted.bytes, again.as_ref())?;
                    reviewer_spans_gone(&units, &decided, &again.units())?;
                    break;
                }
                if pass >= limits::MAX_REDACTION_PASSES {
                    return Err(residual_error(cx, again.as_ref(), &residual, pass));
                }
                pass += 1;
                let again_units = again.units();
                if cx.labels == Labels::Pseudonym {
                    facts.people.extend(people(cx, &again_units, &residual, report.findings.len()));
                }
                report.findings.extend(finding_reports(cx, again.as_ref(), &residual, &content, Some(pass)));
                removed.extend(crate::decide::removed_values(&again_units, &residual));
                facts.removed.extend(removed_with_rules(&again_units, &residual));
                removed.sort();
                removed.dedup();
                let scrubbed = std::mem::take(&mut redacted.scrubbed);
                redacted = again.redact(&plan(cx, &again_units, &residual))?;
                redacted.scrubbed = scrubbed;
            }
            // Written under a number: the name it is published under is only known once every name
            // of the run is scanned and every value of the run is known (see `publish`).
            let staging = cx.staging.as_ref().expect("redact stages its outputs");
            let target = staging.join(format!("{index:07}"));
            super::write::stage(&target, &redacted.bytes).map_err(|e| Manual::new(Code::WriteFailed, e.to_string()))?;
            facts.staged = Some(target);
            facts.written_as = format.output().and_then(|f| f.extensions().first().copied());
            report.scrubbed = redacted.scrubbed;
            if entry.member.as_ref().is_some_and(|m| m.is_message()) {
                // The mailbox's separator line of the message is never copied (containers.rs).
                report.scrubbed.push("mailbox `From ` line (envelope sender and delivery time)".into());
            }
            report.passes = (pass > 1).then_some(pass);
            if !to_redact.is_empty() || !report.scrubbed.is_empty() {
                report.status = Status::Redacted;
            }
        }
    }
    Ok(report)
}

/// Whether a finding names a person (the category of the name rules).
fn is_person(cx: &Context<'_>, d: &Decided) -> bool {
    cx.rules.rule(d.finding.rule).category == "person"
}

/// The redacted person findings of `decided`, by their index in the report's findings (the first at
/// `offset`), in the order they stand in the text.
fn people(cx: &Context<'_>, units: &[&str], decided: &[Decided], offset: usize) -> Vec<(usize, Mention)> {
    let mut people: Vec<(usize, &Decided)> =
        decided.iter().enumerate().filter(|(_, d)| d.is_redacted() && is_person(cx, d)).collect();
    people.sort_by_key(|(i, d)| (d.finding.unit, d.finding.start, d.finding.end, *i));
    let mut mentions: Vec<Mention> =
        people.iter().map(|(_, d)| Mention::new(d.finding.evidence.name.as_ref(), d.finding.text(units))).collect();
    Mention::in_document(&mut mentions);
    people.into_iter().map(|(i, _)| offset + i).zip(mentions).collect()
}

/// The boxes for the redacted findings: labelled with their grounds, or, once the run's people are
/// numbered (`--label pseudonym`), a person's name with the person's pseudonym.
fn plan(cx: &Context<'_>, units: &[&str], decided: &[Decided]) -> Vec<Redaction> {
    let mut plan = crate::decide::plan(cx.rules, cx.policy.mode(), decided);
    if let Some(pseudonyms) = cx.pseudonyms {
        // `plan` has a box per redacted finding, in their order.
        let redacted: Vec<&Decided> = decided.iter().filter(|d| d.is_redacted()).collect();
        let labelled: Vec<usize> = (0..redacted.len()).filter(|&i| is_person(cx, redacted[i])).collect();
        let mut mentions: Vec<Mention> = labelled
            .iter()
            .map(|&i| Mention::new(redacted[i].finding.evidence.name.as_ref(), redacted[i].finding.text(units)))
            .collect();
        Mention::in_document(&mut mentions);
        for (i, m) in labelled.into_iter().zip(&mentions) {
            if let Some(label) = pseudonyms.label(m) {
                plan[i].label = label;
            }
        }
    }
    plan
}

/// The report entries of decided findings, each with its context snippet; `pass` marks findings made on
/// the output of an earlier redaction pass.
fn finding_reports(
    cx: &Context<'_>,
    doc: &dyn Document,
    decided: &[Decided],
    content: &[u8],
    pass: Option<usize>,
) -> Vec<FindingReport> {
    let units = doc.units();
    let spans: Vec<_> = decided.iter().map(|d| (d.finding.unit, d.finding.start, d.finding.end)).collect();
    let contexts = crate::report::context::snippets(&units, &spans);
    decided
        .iter()
        .zip(contexts)
        .map(|(d, context)| {
            let f = &d.finding;
            let location = doc.locate(f.unit, f.start, f.end);
            let mut report = FindingReport::new(cx.rules, cx.policy.mode(), d, f.text(&units), location);
            report.context = context;
            if d.id.is_none() {
                let rule = &cx.rules.rule(f.rule).id;
                report.id = crate::report::finding_id(content, rule, f.unit, f.start, f.end, pass.unwrap_or(1));
            }
            if let Some(p) = pass {
                report.why.push_str(&format!(" + found in the redacted output (pass {p})"));
            }
            report
        })
        .collect()
}

/// Bytes as lower-case hex.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
}

/// A redacted output read back: the document, what the rules would still redact in it, and which
/// reviewer decisions the re-scan used.
struct Rescan {
    doc: Box<dyn Document>,
    residual: Vec<Decided>,
    review: Review,
}

/// Opens redacted bytes again and returns the document with what the rules would still redact in it.
fn rescan(
    cx: &Context<'_>,
    scratch: &mut Scratch,
    format: &dyn Format,
    bytes: &[u8],
    dossier: &Dossier,
    key: &DocumentKey<'_>,
) -> Result<Rescan, Manual> {
    let doc = format.open(bytes.to_vec(), &cx.options).map_err(|m| {
        Manual::new(Code::OutputUnreadable, format!("the redacted output could not be read back: {}", m.reason))
    })?;
    let (decided, review) = findings(cx, scratch, doc.as_ref(), dossier, key)
        .map_err(|m| Manual::new(m.code, format!("the redacted output cannot be checked: {}", m.reason)))?;
    let residual: Vec<Decided> = decided.into_iter().filter(Decided::is_redacted).collect();
    Ok(Rescan { doc, residual, review })
}

/// Fail closed for what a reviewer added: a passage or value a format could not remove completely (a
/// span across lines of a PDF, across runs of a paragraph) must not pass as removed. Every line of
/// every such span is counted in the output's text: more copies than the input had outside the spans
/// means a part was left, and the output is withheld.
fn reviewer_spans_gone(units: &[&str], decided: &[Decided], output: &[&str]) -> Result<(), Manual> {
    let spans: Vec<&str> = decided
        .iter()
        .filter(|d| d.is_redacted() && matches!(d.finding.evidence.source, Some(Source::Reviewer { .. })))
        .map(|d| d.finding.text(units))
        .collect();
    if spans.is_empty() {
        return Ok(());
    }
    let mut pieces: Vec<&str> = spans
        .iter()
        .flat_map(|s| s.split(['\n', '\r', '\t', '\u{b}', '\u{c}']))
        .map(str::trim)
        .filter(|p| p.chars().any(char::is_alphanumeric))
        .collect();
    pieces.sort_unstable();
    pieces.dedup();
    let count = |texts: &[&str], piece: &str| texts.iter().map(|t| t.matches(piece).count()).sum::<usize>();
    for piece in pieces {
        let allowed = count(units, piece).saturating_sub(count(&spans, piece));
        if count(output, piece) > allowed {
            return Err(Manual::new(
                Code::ResidualAfterRedaction,
                "part of a passage or value a reviewer redacted is still in the output; output withheld",
            ));
        }
    }
    Ok(())
}

/// Fail closed: refuses the output if any removed value still occurs in the file's bytes or decoded parts.
/// The reason names where, not the value: it is printed on the terminal too.
fn sweep(removed: &[String], bytes: &[u8], doc: &dyn Document) -> Result<(), Manual> {
    let mut views = vec![ByteView::borrowed("the file itself", bytes).with_syntax(doc.file_syntax())];
    views.extend(doc.byte_views());
    match super::sweep::find(removed, &views) {
        None => Ok(()),
        Some((_, view)) => Err(Manual::new(
            Code::ResidualBytesAfterRedaction,
            format!("a removed value still occurs in the output's bytes, in {}; output withheld", views[view].place),
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
        Code::ResidualAfterRedaction,
        format!(
            "after {passes} redaction passes the rules still find {} value(s) to redact (first: rule {rule} at {at}); output withheld",
            residual.len()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::Policy;
    use crate::detect::Detector;
    use crate::formats::{Options, Redacted, Registry};
    use crate::model::{Location, Mode};
    use crate::rules::RuleSet;

    const KEY: DocumentKey<'static> = DocumentKey { content: b"", sha256: "", pass: 2, kept: &[] };

    /// A format whose documents are one unit: the file's bytes as text.
    struct Echo;

    struct EchoDoc(String);

    impl Format for Echo {
        fn name(&self) -> &'static str {
            "echo"
        }
        fn extensions(&self) -> &'static [&'static str] {
            &["echo"]
        }
        fn open(&self, bytes: Vec<u8>, _: &Options) -> Result<Box<dyn Document>, Manual> {
            Ok(Box::new(EchoDoc(String::from_utf8_lossy(&bytes).into_owned())))
        }
    }

    impl Document for EchoDoc {
        fn units(&self) -> Vec<&str> {
            vec![&self.0]
        }
        fn locate(&self, _: usize, start: usize, end: usize) -> Location {
            Location { offset: start, length: end - start, ..Location::default() }
        }
        fn redact(&self, _: &[Redaction]) -> Result<Redacted, Manual> {
            Ok(Redacted { bytes: self.0.clone().into_bytes(), scrubbed: Vec::new() })
        }
    }

    #[test]
    fn an_output_too_large_to_scan_is_withheld_not_taken_for_clean() {
        let rules = RuleSet::builtin().unwrap();
        let detector = Detector::new(&rules).unwrap();
        let policy = Policy::new(Mode::Woo, &rules);
        let registry = Registry::standard();
        let cx = Context {
            rules: &rules,
            detector: &detector,
            policy: &policy,
            registry: &registry,
            command: Command::Verify,
            options: Options::default(),
            max_unit_bytes: 40,
            staging: None,
            labels: Labels::Ground,
            pseudonyms: None,
            spool: None,
        };
        let mut scratch = detector.scratch();
        let small = b"Geen persoonsgegevens hier.";
        assert!(
            rescan(&cx, &mut scratch, &Echo, small, &Dossier::default(), &KEY).is_ok_and(|r| r.residual.is_empty())
        );
        // Over the limit, the detector is not run: before, that was an empty list of findings, so the
        // output passed its re-check with a BSN in it.
        let big = b"Een lange brief met BSN 111222333 aan het einde.";
        let err = rescan(&cx, &mut scratch, &Echo, big, &Dossier::default(), &KEY).err().expect("refused");
        assert_eq!(err.code, "too_large");
        assert!(err.reason.contains("output"), "{}", err.reason);
        let doc = Echo.open(big.to_vec(), &Options::default()).unwrap();
        assert_eq!(findings(&cx, &mut scratch, doc.as_ref(), &Dossier::default(), &KEY).unwrap_err().code, "too_large");
    }

    #[test]
    fn a_reviewers_passage_left_in_part_withholds_the_output() {
        use crate::model::{Action, DecidedBy, Evidence, Finding};
        let input = ["Kop\nIk vind het beleid\nvan de wethouder slecht.\nIk vind het beleid goed.\n"];
        let (start, end) = (4, 47);
        assert_eq!(&input[0][start..end], "Ik vind het beleid\nvan de wethouder slecht.");
        let passage = Decided {
            finding: Finding {
                unit: 0,
                start,
                end,
                rule: 0,
                confidence: 1.0,
                evidence: Evidence {
                    source: Some(Source::Reviewer { reviewer: "A".into(), time: "2026-12-03T15:04:05Z".into() }),
                    ..Evidence::default()
                },
            },
            action: Action::Redact,
            by: DecidedBy::Rule,
            id: None,
        };
        let decided = [passage];
        // Removed completely: its first line stands outside it too, and stays there.
        let whole = ["Kop\n[5.2]\nIk vind het beleid goed.\n"];
        assert!(reviewer_spans_gone(&input, &decided, &whole).is_ok());
        // The format removed the second line only.
        let partial = ["Kop\nIk vind het beleid\n[5.2]\nIk vind het beleid goed.\n"];
        let err = reviewer_spans_gone(&input, &decided, &partial).unwrap_err();
        assert_eq!(err.code, "residual_after_redaction");
    }
}
