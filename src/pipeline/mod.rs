//! The batch driver.
//!
//! [`run`] takes a [`Job`] (which command, which inputs, where to write), lists the documents, processes
//! them in parallel with rayon (each worker has its own detector scratch space), and collects one report
//! entry per document, in a fixed order.
//!
//! Guarantees, each tested at the command line:
//!
//! - inputs are only read; outputs are written to a temporary file and renamed into place: first under
//!   their document number into a staging folder, then, once every name of the run is scanned, to
//!   their published names ([`crate::package::names`]), never over another file;
//! - a document that fails in any way (unreadable, unsupported, too large, undecodable, a bug in lak)
//!   is reported as `needs_manual` with its reason and is not written; the others go on;
//! - every redacted output is read back and scanned again before it is written (fail closed);
//! - copies of a document are redacted identically: byte copies are processed once and published with
//!   the same bytes, and a document with the same text as others that hides less than they do is
//!   withheld (`duplicates.rs`);
//! - the output folder holds only documents; the report goes to a separate review folder;
//! - the report does not hold the run's memory: each document's findings are rendered by the worker that
//!   processed it into a spool file in the review folder (`spool.rs`, owner-only, removed when the run
//!   ends, also when it fails), and the report's files are written from it in document order at the end,
//!   each to a temporary file renamed into place;
//! - the same inputs and rules give byte-identical outputs and reports.

mod containers;
mod dossier;
mod duplicates;
mod process;
mod publish;
mod spool;
mod sweep;
mod walk;
mod write;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

pub use write::{Readers, write_atomically, write_atomically_with};

use crate::decide::{Labels, Policy, Pseudonyms};
use crate::detect::Detector;
use crate::formats::{Options, Registry};
use crate::model::{Code, Dossier, DossierValue, Manual};
use crate::package::names::{self, Names, RunValues};
use crate::report::{Counts, DocumentReport, Duplicate, Report, RulesetInfo, Same, Status};
use crate::rules::RuleSet;
use crate::{Error, Result};
use process::Facts;

/// What a run does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Find and report; write nothing but the report.
    Scan,
    /// Write redacted copies into `out`, mirroring the inputs.
    Redact {
        /// The output folder (must be empty or absent).
        out: PathBuf,
    },
    /// Re-scan a tree (usually an output tree): anything the rules would redact is a residual.
    Verify,
    /// Find like `Scan`, write no report: the caller compares the findings with expectations
    /// ([`crate::check`]).
    Check,
}

impl Command {
    fn name(&self) -> &'static str {
        match self {
            Command::Scan => "scan",
            Command::Redact { .. } => "redact",
            Command::Verify => "verify",
            Command::Check => "check",
        }
    }
}

/// One run's instructions.
#[derive(Clone, Debug)]
pub struct Job {
    /// The command.
    pub command: Command,
    /// Files and folders to process.
    pub inputs: Vec<PathBuf>,
    /// Where the report goes. Default: `<OUT>-review` for redact, the current folder for scan, nowhere
    /// for verify.
    pub review: Option<PathBuf>,
    /// Worker threads (default: all cores).
    pub jobs: Option<usize>,
    /// What to do with content lak cannot check.
    pub options: Options,
    /// The publication package: document numbers, inventory data (redact).
    pub package: crate::package::Options,
    /// The labels on the boxes: grounds, or pseudonyms for people (`--label`).
    pub labels: Labels,
}

/// The result of a run.
#[derive(Debug)]
pub struct Outcome {
    /// The report (also written to `review_dir`, if any). When it was written to a review folder, the
    /// findings of processed documents went to its files as their documents were processed
    /// ([`crate::report::spool`]), and so did their briefs: in memory only their counts are kept
    /// ([`DocumentReport::finding_count`], [`DocumentReport::kept_count`], [`DocumentReport::grounds`]),
    /// and the spool is gone once the run returns. Read `lak-report.json` for the findings.
    pub report: Report,
    /// Where the report was written.
    pub review_dir: Option<PathBuf>,
}

/// What every worker shares.
#[derive(Clone)]
pub(crate) struct Context<'a> {
    pub rules: &'a RuleSet,
    pub detector: &'a Detector,
    pub policy: &'a Policy,
    pub registry: &'a Registry,
    pub command: Command,
    pub options: Options,
    /// The largest text unit handed to the detector ([`crate::limits::MAX_UNIT_BYTES`]; smaller in tests).
    pub max_unit_bytes: usize,
    /// Where redacted outputs wait for their names (redact).
    pub staging: Option<PathBuf>,
    /// Which labels the boxes carry.
    pub labels: Labels,
    /// With `--label pseudonym`, once the run's people are numbered: the numbers (see `pseudonyms`).
    pub pseudonyms: Option<&'a Pseudonyms>,
    /// Where the report's findings of each processed document go (see spool.rs), when the run writes a
    /// report.
    pub spool: Option<&'a dyn crate::report::spool::Store>,
}

/// Puts the results of documents processed again in their places; an output staged in an earlier
/// round is withdrawn when the document now needs manual handling.
fn replace(results: &mut [(DocumentReport, Facts)], again: &[usize], redone: Vec<(DocumentReport, Facts)>) {
    for (&i, result) in again.iter().zip(redone) {
        put(&mut results[i], result);
    }
}

/// Puts the result of a document processed again in the place of its earlier one (see `replace`).
fn put(slot: &mut (DocumentReport, Facts), result: (DocumentReport, Facts)) {
    if let (Some(old), None) = (&slot.1.staged, &result.1.staged) {
        let _ = std::fs::remove_file(old);
    }
    *slot = result;
}

/// Processes documents `which` again, in parallel, each with the dossier `dossier_of` gives it.
fn process_again(
    pool: &rayon::ThreadPool,
    cx: &Context<'_>,
    entries: &[walk::Entry],
    which: &[usize],
    dossier_of: impl Fn(usize) -> Dossier + Sync,
) -> Vec<(DocumentReport, Facts)> {
    pool.install(|| {
        which
            .par_iter()
            .map_init(
                || cx.detector.scratch(),
                |scratch, &i| process::document(cx, scratch, &entries[i], i, &dossier_of(i)),
            )
            .collect()
    })
}

/// Documents with the same text (`group`) must lose the same words: when they did not, each is
/// processed again with what the others redacted besides the run's dossier (`known`); then a member
/// that still removes less than the group as a whole is withheld, so that every copy published hides
/// the same (see duplicates.rs).
fn same_text_alike(
    pool: &rayon::ThreadPool,
    cx: &Context<'_>,
    entries: &[walk::Entry],
    results: &mut [(DocumentReport, Facts)],
    group: &[usize],
    known: &dossier::Known,
) -> Result<()> {
    let complete = |results: &[(DocumentReport, Facts)]| -> Result<Vec<bool>> {
        let boxes = group
            .iter()
            .map(|&i| duplicates::boxes(&results[i].0, cx.spool).map_err(spool_error))
            .collect::<Result<Vec<_>>>()?;
        let all = duplicates::union(&boxes);
        Ok(group.iter().zip(&boxes).map(|(&i, b)| results[i].1.text.is_some() && *b == all).collect())
    };
    if complete(results)?.iter().all(|&c| c) {
        return Ok(());
    }
    let path = |i: usize| -> Arc<str> { entries[i].source.display().to_string().into() };
    let given: Vec<Dossier> = group
        .iter()
        .map(|&i| {
            let mut others = results[i].1.trace.as_ref().map(|t| t.relevant(known)).unwrap_or_default();
            for &j in group.iter().filter(|&&j| j != i) {
                others.values.extend(results[j].1.removed.iter().map(|(value, rule)| DossierValue {
                    value: value.clone(),
                    rule: *rule,
                    ground: None,
                    from: path(j),
                }));
            }
            others
        })
        .collect();
    let redone = process_again(pool, cx, entries, group, |i| {
        given[group.iter().position(|&j| j == i).expect("a member")].clone()
    });
    replace(results, group, redone);
    if cx.labels == Labels::Pseudonym {
        for (&i, d) in group.iter().zip(given) {
            results[i].1.given = Some(dossier::Given::Own(d));
        }
    }
    for (&i, complete) in group.iter().zip(complete(results)?) {
        if complete {
            continue;
        }
        let (d, f) = &mut results[i];
        if let Some(staged) = f.staged.take() {
            let _ = std::fs::remove_file(staged);
        }
        let reason = Manual::new(
            Code::DuplicateDiffers,
            "a document with the same text lost more; this one is withheld so that no copy shows what another hides",
        );
        *d = DocumentReport::manual(d.path.clone(), d.format, reason);
        f.trace = None;
    }
    Ok(())
}

/// An error reading or writing the spool of the report's findings.
fn spool_error(e: std::io::Error) -> crate::Error {
    crate::Error::io("the spool of the report's findings in the review folder", e)
}

/// `--label pseudonym`: numbers the people of the run by their first mention (documents in the run's
/// order, then position), processes every document with a redacted person again (redact) with the same
/// dossier as its last round, its people's boxes now labelled with their numbers, and gives the
/// findings in the report their labels. Scan writes no boxes: it only labels the report.
fn pseudonymise(
    pool: &rayon::ThreadPool,
    cx: &Context<'_>,
    entries: &[walk::Entry],
    results: &mut [(DocumentReport, Facts)],
) -> Result<()> {
    let pseudonyms = Pseudonyms::build(results.iter().flat_map(|(_, f)| f.people.iter().map(|(_, m)| m.clone())));
    if matches!(cx.command, Command::Redact { .. }) && !pseudonyms.is_empty() {
        let again: Vec<usize> =
            (0..results.len()).filter(|&i| results[i].1.staged.is_some() && !results[i].1.people.is_empty()).collect();
        let labelled = Context { pseudonyms: Some(&pseudonyms), ..cx.clone() };
        let redone = process_again(pool, &labelled, entries, &again, |i| {
            results[i].1.given.as_ref().map(dossier::Given::dossier).unwrap_or_default()
        });
        replace(results, &again, redone);
    }
    for (d, f) in results.iter_mut() {
        f.given = None;
        let labels = f.people.iter().filter_map(|(i, m)| Some((*i, pseudonyms.label(m)?))).collect();
        d.set_labels(cx.spool, labels).map_err(spool_error)?;
    }
    Ok(())
}

/// Runs a job.
pub fn run(job: &Job, rules: &RuleSet, policy: &Policy) -> Result<Outcome> {
    run_with_progress(job, rules, policy, &crate::progress::Silent)
}

/// Runs a job, telling `progress` how many documents are done.
pub fn run_with_progress(
    job: &Job,
    rules: &RuleSet,
    policy: &Policy,
    progress: &dyn crate::progress::Progress,
) -> Result<Outcome> {
    let outcome = run_job(job, rules, policy, progress);
    progress.finish();
    outcome
}

fn run_job(job: &Job, rules: &RuleSet, policy: &Policy, progress: &dyn crate::progress::Progress) -> Result<Outcome> {
    if job.inputs.is_empty() {
        return Err(Error::Usage("no input paths given".into()));
    }
    for input in &job.inputs {
        if std::fs::symlink_metadata(input).is_err() {
            return Err(Error::Usage(format!("{}: no such file or folder", input.display())));
        }
    }
    let review_dir = match (&job.command, &job.review) {
        (_, Some(r)) => Some(r.clone()),
        (Command::Redact { out }, None) => Some(walk::default_review(out)),
        (Command::Scan, None) => Some(PathBuf::from(".")),
        (Command::Verify | Command::Check, None) => None,
    };
    let out = match &job.command {
        Command::Redact { out } => Some(out.as_path()),
        _ => None,
    };
    walk::check_folders(&job.inputs, out, review_dir.as_deref().filter(|_| out.is_some() || job.review.is_some()))?;
    if let Some(prefix) = &job.package.number {
        names::check_prefix(prefix).map_err(Error::Usage)?;
    }
    let (entries, containers) = containers::expand(walk::documents(&job.inputs)?)?;
    // The report's findings wait in a spool in the review folder (created now, after the walk, so that
    // the spool is never taken for an input); a run that fails leaves no folder it created.
    let spool_dir = review_dir.as_deref().filter(|_| job.command != Command::Check);
    let created = spool_dir.filter(|d| !d.exists());
    if let Some(dir) = spool_dir {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let spool = spool_dir.map(spool::Spool::new).transpose();
    let outcome = spool.and_then(|spool| {
        let store = spool.as_ref().map(|s| s as &dyn crate::report::spool::Store);
        run_documents(job, rules, policy, progress, (&entries, &containers), review_dir.clone(), store)
    });
    if let (Err(_), Some(dir)) = (&outcome, created) {
        let _ = std::fs::remove_dir(dir);
    }
    outcome
}

/// Runs a job on its documents (`entries`, some of them members of `containers`), with the spool of the
/// report's findings (`store`).
fn run_documents(
    job: &Job,
    rules: &RuleSet,
    policy: &Policy,
    progress: &dyn crate::progress::Progress,
    (entries, containers): (&[walk::Entry], &[containers::Container]),
    review_dir: Option<PathBuf>,
    store: Option<&dyn crate::report::spool::Store>,
) -> Result<Outcome> {
    let out = match &job.command {
        Command::Redact { out } => Some(out.as_path()),
        _ => None,
    };
    let staging = out.map(|o| o.join(publish::STAGING));
    if let Some(s) = &staging {
        std::fs::create_dir_all(s).map_err(|e| Error::io(s, e))?;
    }
    let detector = Detector::new(rules)?;
    let registry = Registry::standard();
    let relatives: Vec<&Path> = entries.iter().map(|e| e.relative.as_path()).collect();
    let mut names = Names::scan(&relatives, &registry.extensions(), rules, &detector, &mut detector.scratch(), policy);
    let cx = Context {
        rules,
        detector: &detector,
        policy,
        registry: &registry,
        command: job.command.clone(),
        options: job.options.clone(),
        max_unit_bytes: crate::limits::MAX_UNIT_BYTES,
        staging,
        labels: job.labels,
        pseudonyms: None,
        spool: store,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(job.jobs.unwrap_or(0))
        .build()
        .map_err(|e| Error::Usage(format!("cannot start worker threads: {e}")))?;
    // Byte copies are processed once (see duplicates.rs).
    let hashes: Vec<_> = pool.install(|| entries.par_iter().map(duplicates::content_hash).collect());
    let copies = duplicates::same_bytes(&hashes);
    let firsts: Vec<usize> = (0..entries.len()).filter(|&i| copies[i].is_none()).collect();
    progress.start(entries.len());
    progress.advance(entries.len() - firsts.len());
    let first = Dossier::default();
    let processed: Vec<(DocumentReport, Facts)> = pool.install(|| {
        firsts
            .par_iter()
            .map_init(
                || detector.scratch(),
                |scratch, &i| {
                    let result = process::document(&cx, scratch, &entries[i], i, &first);
                    progress.advance(1);
                    result
                },
            )
            .collect()
    });
    let mut slots: Vec<Option<(DocumentReport, Facts)>> = (0..entries.len()).map(|_| None).collect();
    for (&i, result) in firsts.iter().zip(processed) {
        slots[i] = Some(result);
    }
    let mut results: Vec<(DocumentReport, Facts)> = Vec::with_capacity(entries.len());
    for (i, slot) in slots.into_iter().enumerate() {
        // Until the dossier rounds are done, a copy stands in with the first's result but no output.
        let result = slot.unwrap_or_else(|| duplicates::copy(&results[copies[i].unwrap()], &entries[i], i, None));
        results.push(result);
    }
    // Dossier-wide consistency: documents where a value redacted elsewhere may stand un-redacted are
    // processed again with what the others redacted (see dossier.rs).
    let mut known = Arc::new(dossier::dossier(results.iter().filter_map(|(_, f)| f.trace.as_ref())));
    // With pseudonyms, a document keeps which entries of which round's knowledge it was given.
    let keep_given = job.labels == Labels::Pseudonym && out.is_some();
    for _ in 0..crate::limits::MAX_DOSSIER_ROUNDS {
        // Which documents go round again, with what, and their processing: all in the workers. A new
        // result takes its document's place at once: a round never holds two results of a document
        // (at 10,000 documents, collecting them first doubled the run's memory for a moment).
        let redone = pool.install(|| {
            results
                .par_iter_mut()
                .enumerate()
                .map_init(
                    || detector.scratch(),
                    |scratch, (i, slot)| {
                        let trace = slot.1.trace.as_ref()?;
                        let given = trace.again(&known)?;
                        let picked = keep_given.then(|| trace.pick(&known));
                        let mut result = process::document(&cx, scratch, &entries[i], i, &given);
                        if let Some(picked) = picked {
                            result.1.given = Some(dossier::Given::Picked(Arc::clone(&known), picked));
                        }
                        put(slot, result);
                        Some(())
                    },
                )
                .flatten()
                .count()
        });
        if redone == 0 {
            break;
        }
        // The round's knowledge goes before the next is built from the traces: both at once held
        // twice the dossier for a moment (40 MB at 10,000 documents).
        drop(std::mem::take(&mut known));
        known = Arc::new(dossier::dossier(results.iter().filter_map(|(_, f)| f.trace.as_ref())));
    }
    // Documents with the same text must lose the same words (see `same_text_alike`).
    let groups = duplicates::same_text(&results.iter().map(|(_, f)| f).collect::<Vec<_>>(), &copies);
    for group in &groups {
        same_text_alike(&pool, &cx, entries, &mut results, group, &known)?;
    }
    // Pseudonyms: the run's people are numbered now that every document's names are known (see
    // `pseudonyms`).
    if job.labels == Labels::Pseudonym {
        pseudonymise(&pool, &cx, entries, &mut results)?;
    }
    // The copies take the final result of the document they copy, output included (unless skipped).
    for i in 0..results.len() {
        if let Some(j) = copies[i] {
            let staging = cx.staging.as_deref().filter(|_| !job.package.skip_duplicates);
            results[i] = duplicates::copy(&results[j], &entries[i], i, staging);
        }
    }
    let mut same_as: Vec<Option<(usize, Same)>> = copies.iter().map(|c| c.map(|j| (j, Same::Bytes))).collect();
    for group in &groups {
        for &i in &group[1..] {
            same_as[i] = Some((group[0], Same::Text));
        }
    }
    // A byte copy of a text copy equals the first of the text group.
    for i in 0..same_as.len() {
        if let Some((j, Same::Bytes)) = same_as[i]
            && let Some((k, Same::Text)) = same_as[j]
        {
            same_as[i] = Some((k, Same::Text));
        }
    }
    // Dossier consistency is done: its traces and the run's dossier go before the end of the run builds
    // what it builds whole (the names' automaton of every removed value, the package's tables).
    drop(known);
    let (mut documents, mut facts): (Vec<DocumentReport>, Vec<Facts>) = results.into_iter().unzip();
    for f in &mut facts {
        f.trace = None;
    }
    // Names are content: a value removed from any document (or name) goes from every name. Only the
    // values that may occur in a name go into the names' automaton (see `Grams`).
    let (name_removed, mut kept) = names.values();
    kept.extend(facts.iter_mut().flat_map(|f| std::mem::take(&mut f.kept)));
    let grams = names.grams();
    let removed = name_removed
        .into_iter()
        .chain(facts.iter_mut().flat_map(|f| std::mem::take(&mut f.removed)))
        .filter(|(value, _)| grams.may_contain(value));
    names.complete(&RunValues::new(removed, &kept), rules, policy.mode());
    drop(kept);
    let ids = names::numbers(documents.len(), job.package.number.as_deref());
    for (i, (d, id)) in documents.iter_mut().zip(ids).enumerate() {
        d.id = id;
        d.name = names.redacted(i).join("/");
        d.findings.splice(0..0, names.file_findings(i, rules, policy.mode()));
        if names.changed(i) {
            d.status = match (d.status, &job.command) {
                (Status::Clean, Command::Scan | Command::Check) => Status::Found,
                (Status::Clean, Command::Verify) => Status::Residual,
                (Status::Clean, Command::Redact { .. }) => Status::Redacted,
                (s, _) => s,
            };
        }
    }
    for i in 0..documents.len() {
        let Some((j, same)) = same_as[i] else { continue };
        documents[i].duplicate = Some(Duplicate { of: documents[j].id.clone(), same });
        if job.package.skip_duplicates && out.is_some() {
            if let Some(staged) = facts[i].staged.take() {
                let _ = std::fs::remove_file(staged);
            }
            documents[i].status = Status::Duplicate;
        }
    }
    if let Some(o) = out {
        publish::publish(o, &names, (entries, containers), &mut documents, &mut facts, job.package.number.is_some())?;
    }
    let mut report = Report {
        lak_version: crate::VERSION,
        command: job.command.name(),
        mode: policy.mode(),
        ruleset: RulesetInfo {
            hash: rules.hash().to_string(),
            sources: rules.sources().to_vec(),
            rules: rules.rules().len(),
        },
        counts: Counts::default(),
        documents,
        names: names.reports(rules, policy.mode()),
        stale_decisions: Vec::new(),
    };
    // A reviewer's decision that no document of the final round used is stale.
    if let Some(reviewer) = policy.reviewer() {
        let mut review = crate::decide::Review::default();
        for f in &mut facts {
            review.merge(std::mem::take(&mut f.review));
        }
        report.stale_decisions = reviewer.stale(&review.applied, &review.stale);
    }
    report.count();
    debug_assert!(report.documents.iter().all(|d| d.status != Status::NeedsManual || d.output.is_none()));
    if let Some(o) = out {
        let files = crate::package::Files::new(&report, &job.package, store);
        for file in crate::package::File::ALL {
            write_atomically_with(&o.join(file.name()), Readers::Everyone, |w| files.write(file, w))?;
        }
    }
    if let Some(dir) = &review_dir {
        std::fs::create_dir_all(dir).map_err(|e| crate::Error::io(dir, e))?;
        for file in crate::report::ReviewFile::ALL {
            write_atomically_with(&dir.join(file.name()), Readers::Owner, |w| {
                report.write_file(file, dir, out, store, w)
            })?;
        }
    }
    Ok(Outcome { report, review_dir })
}
