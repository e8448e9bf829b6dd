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
//! - the output folder holds only documents; the report goes to a separate review folder;
//! - the same inputs and rules give byte-identical outputs and reports.

mod dossier;
mod process;
mod publish;
mod sweep;
mod walk;
mod write;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use write::{Readers, write_atomically};

use crate::decide::Policy;
use crate::detect::Detector;
use crate::formats::{Options, Registry};
use crate::model::Dossier;
use crate::package::names::{self, Names, RunValues};
use crate::report::{Counts, DocumentReport, Report, RulesetInfo, Status};
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
}

impl Command {
    fn name(&self) -> &'static str {
        match self {
            Command::Scan => "scan",
            Command::Redact { .. } => "redact",
            Command::Verify => "verify",
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
}

/// The result of a run.
#[derive(Debug)]
pub struct Outcome {
    /// The report (also written to `review_dir`, if any).
    pub report: Report,
    /// Where the report was written.
    pub review_dir: Option<PathBuf>,
}

/// Exit codes, as documented in the README.
pub mod exit {
    /// Everything was processed.
    pub const OK: i32 = 0;
    /// `verify` found values to redact, or the run failed.
    pub const RESIDUAL_OR_ERROR: i32 = 1;
    /// Bad arguments or configuration.
    pub const USAGE: i32 = 2;
    /// Some documents need manual handling.
    pub const NEEDS_MANUAL: i32 = 3;
}

impl Outcome {
    /// The process exit code for this outcome.
    pub fn exit_code(&self) -> i32 {
        let c = &self.report.counts;
        if c.residual > 0 {
            exit::RESIDUAL_OR_ERROR
        } else if c.needs_manual > 0 {
            exit::NEEDS_MANUAL
        } else {
            exit::OK
        }
    }
}

/// What every worker shares.
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
}

/// Runs a job.
pub fn run(job: &Job, rules: &RuleSet, policy: &Policy) -> Result<Outcome> {
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
        (Command::Verify, None) => None,
    };
    let out = match &job.command {
        Command::Redact { out } => Some(out.as_path()),
        _ => None,
    };
    walk::check_folders(&job.inputs, out, review_dir.as_deref().filter(|_| out.is_some() || job.review.is_some()))?;
    if let Some(prefix) = &job.package.number {
        names::check_prefix(prefix).map_err(Error::Usage)?;
    }
    let entries = walk::documents(&job.inputs)?;
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
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(job.jobs.unwrap_or(0))
        .build()
        .map_err(|e| Error::Usage(format!("cannot start worker threads: {e}")))?;
    let first = Dossier::default();
    let mut results: Vec<(DocumentReport, Facts)> = pool.install(|| {
        entries
            .par_iter()
            .enumerate()
            .map_init(|| detector.scratch(), |scratch, (i, entry)| process::document(&cx, scratch, entry, i, &first))
            .collect()
    });
    // Dossier-wide consistency: documents where a value redacted elsewhere may stand un-redacted are
    // processed again with what the others redacted (see dossier.rs).
    for _ in 0..crate::limits::MAX_DOSSIER_ROUNDS {
        let known = dossier::dossier(results.iter().filter_map(|(_, f)| f.trace.as_ref()));
        // Which documents go round again, with what, and their processing: all in the workers.
        let redone: Vec<(usize, (DocumentReport, Facts))> = pool.install(|| {
            (0..results.len())
                .into_par_iter()
                .map_init(
                    || detector.scratch(),
                    |scratch, i| {
                        let given = results[i].1.trace.as_ref()?.again(&known)?;
                        Some((i, process::document(&cx, scratch, &entries[i], i, &given)))
                    },
                )
                .flatten()
                .collect()
        });
        if redone.is_empty() {
            break;
        }
        for (i, result) in redone {
            // An output staged in an earlier round is withdrawn when the document now needs manual
            // handling.
            if let (Some(old), None) = (&results[i].1.staged, &result.1.staged) {
                let _ = std::fs::remove_file(old);
            }
            results[i] = result;
        }
    }
    let (mut documents, mut facts): (Vec<DocumentReport>, Vec<Facts>) = results.into_iter().unzip();
    // Names are content: a value removed from any document (or name) goes from every name.
    let (name_removed, mut kept) = names.values();
    kept.extend(facts.iter().flat_map(|f| f.kept.iter().cloned()));
    let removed = name_removed.into_iter().chain(facts.iter().flat_map(|f| f.removed.iter().cloned()));
    names.complete(&RunValues::new(removed, &kept), rules, policy.mode());
    let ids = names::numbers(documents.len(), job.package.number.as_deref());
    for (i, (d, id)) in documents.iter_mut().zip(ids).enumerate() {
        d.id = id;
        d.name = names.redacted(i).join("/");
        d.findings.splice(0..0, names.file_findings(i, rules, policy.mode()));
        if names.changed(i) {
            d.status = match (d.status, &job.command) {
                (Status::Clean, Command::Scan) => Status::Found,
                (Status::Clean, Command::Verify) => Status::Residual,
                (Status::Clean, Command::Redact { .. }) => Status::Redacted,
                (s, _) => s,
            };
        }
    }
    if let Some(o) = out {
        publish::publish(o, &names, &mut documents, &mut facts, job.package.number.is_some())?;
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
    };
    report.count();
    debug_assert!(report.documents.iter().all(|d| d.status != Status::NeedsManual || d.output.is_none()));
    if let Some(o) = out {
        for (name, bytes) in crate::package::files(&report, &job.package) {
            write_atomically(&o.join(name), &bytes, Readers::Everyone)?;
        }
    }
    if let Some(dir) = &review_dir {
        report.write(dir)?;
    }
    Ok(Outcome { report, review_dir })
}
