//! The `lak` command: parses arguments and calls the library. Nothing below this file knows about clap.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use lak::check::Expectations;
use lak::decide::reviewer::Decisions;
use lak::decide::{Labels, Policy, Requester, Reviewer, tussenvoegsels};
use lak::formats::Options;
use lak::model::Mode;
use lak::pipeline::{self, Command, Job};
use lak::report::Status;
use lak::rules::{RuleSet, RuleSetBuilder};

/// Anonymise documents for Woo publication and AVG inzage: find personal data, remove it for real, and
/// report every decision.
#[derive(Parser)]
#[command(name = "lak", version, about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 all done; 1 residual findings (verify), differences (check) or runtime error; 2 usage or configuration error; 3 some documents need manual handling, or reviewer decisions are stale."
)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Find personal data and write the report; change nothing else.
    Scan {
        /// Files and folders to scan.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Folder for lak-report.json/.html (default: the current folder).
        #[arg(long)]
        review: Option<PathBuf>,
        #[command(flatten)]
        decisions: DecisionArgs,
        #[command(flatten)]
        label: LabelArgs,
        #[command(flatten)]
        common: Common,
    },
    /// Write redacted copies of the inputs into an empty output folder, and the report beside it.
    Redact {
        /// Files and folders to redact (a folder's contents land directly under --out).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output folder; must be empty or absent. It receives only publishable documents.
        #[arg(long)]
        out: PathBuf,
        /// Folder for the report (default: <OUT>-review beside the output folder; never inside it).
        #[arg(long)]
        review: Option<PathBuf>,
        #[command(flatten)]
        package: PackageArgs,
        #[command(flatten)]
        decisions: DecisionArgs,
        #[command(flatten)]
        label: LabelArgs,
        #[command(flatten)]
        common: Common,
    },
    /// Re-scan a folder (usually an output folder): exit code 1 if anything the rules would redact is
    /// still present.
    Verify {
        /// The folder (or files) to check.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Also write the report to this folder.
        #[arg(long)]
        review: Option<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// Compare the findings in PATH... (as `scan` finds them) with an expectations file: exit 1 with the
    /// differences (findings gained, lost, changed), for CI jobs that guard rule files.
    Check {
        /// Files and folders to scan.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The expectations file (JSON, written by --update).
        #[arg(long, value_name = "FILE")]
        expect: PathBuf,
        /// Write today's findings to the expectations file instead of comparing.
        #[arg(long)]
        update: bool,
        #[command(flatten)]
        common: Common,
    },
    /// Serve a review folder's page (lak-review.html) on 127.0.0.1 under a random token, and save the
    /// reviewer's decisions.json into the folder. Ctrl-C ends it.
    Review {
        /// The review folder of a scan or redact run.
        dir: PathBuf,
        /// Port on 127.0.0.1 (default: a free one).
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// Print the address only; do not open a browser.
        #[arg(long)]
        no_open: bool,
    },
    /// List the active rules: id, category, ground (in the chosen mode) and description.
    Rules {
        #[command(flatten)]
        rules: RuleArgs,
        /// Label set to show.
        #[arg(long, value_enum, default_value_t = ModeArg::Woo)]
        mode: ModeArg,
    },
}

/// The labels on the boxes (scan, redact).
#[derive(Args, Default)]
struct LabelArgs {
    /// What the boxes say: the ground (`[5.1.2e]`), or for a person's name a pseudonym that is the same
    /// for every mention of that person in the run (`[Persoon 3]`); the report keeps the grounds.
    #[arg(long, value_enum, default_value_t = LabelArg::Ground)]
    label: LabelArg,
}

#[derive(Clone, Copy, Default, ValueEnum)]
enum LabelArg {
    #[default]
    Ground,
    Pseudonym,
}

/// A reviewer's decisions (scan, redact).
#[derive(Args, Default)]
struct DecisionArgs {
    /// Apply a reviewer's decisions (decisions.json: findings flipped, values kept or redacted,
    /// passages redacted) on top of the rules; stale decisions are reported and give exit code 3.
    #[arg(long, value_name = "FILE")]
    decisions: Option<PathBuf>,
}

/// The publication package (redact).
#[derive(Args, Default)]
struct PackageArgs {
    /// Name every output by its document number, PREFIX-0001.pdf, flat in the output folder, in the
    /// order of the inputs; the original name is only in the review report.
    #[arg(long, value_name = "PREFIX")]
    number: Option<String>,
    /// The inventory's Matter column: the request the package answers.
    #[arg(long, value_name = "TEXT")]
    matter: Option<String>,
    /// The inventory's Zaaknummer column: the case number.
    #[arg(long, value_name = "TEXT")]
    zaaknummer: Option<String>,
    /// Publish only the first of documents with the same bytes or the same text; the inventory lists
    /// the others as Niet openbaar (dubbel).
    #[arg(long)]
    skip_duplicates: bool,
}

impl From<PackageArgs> for lak::package::Options {
    fn from(p: PackageArgs) -> Self {
        lak::package::Options {
            number: p.number,
            meta: lak::package::inventory::Meta { matter: p.matter, zaaknummer: p.zaaknummer },
            skip_duplicates: p.skip_duplicates,
        }
    }
}

#[derive(Args)]
struct RuleArgs {
    /// Add a rule file (repeatable); its rules replace built-in rules with the same id.
    #[arg(long = "rules", value_name = "FILE")]
    rule_files: Vec<PathBuf>,
    /// Use only the rule files given with --rules.
    #[arg(long)]
    no_default_rules: bool,
    /// A list of terms (one per line) that are never redacted, e.g. names of officials or the
    /// organisation's own addresses (repeatable).
    #[arg(long = "keep", value_name = "FILE")]
    keep: Vec<PathBuf>,
    /// A list of terms (one per line, optionally TAB + ground) that are always redacted (repeatable).
    #[arg(long = "deny", value_name = "FILE")]
    deny: Vec<PathBuf>,
}

#[derive(Args)]
struct Common {
    #[command(flatten)]
    rules: RuleArgs,
    /// Label set: Woo grounds (5.1.2e ...) or the AVG basis for an inzage request.
    #[arg(long, value_enum, default_value_t = ModeArg::Woo)]
    mode: ModeArg,
    /// Inzage: a TOML file with the requester's own name, BSN, address, ... to keep.
    #[arg(long, value_name = "FILE")]
    requester: Option<PathBuf>,
    /// Also redact names of public officials acting in office (kept by default).
    #[arg(long)]
    redact_officials: bool,
    /// Remove embedded objects lak cannot inspect (OLE objects, attachments) instead of sending the
    /// document to manual handling.
    #[arg(long)]
    drop_embedded: bool,
    /// Let image-only pages (scans without a text layer), pictures in e-mail, and picture files OCR
    /// cannot read (or without Tesseract) through, marked unchecked in the report, instead of sending
    /// the document to manual handling.
    #[arg(long)]
    allow_unchecked_images: bool,
    /// Write no OCR text layer on scanned PDF pages (by default lak writes the words OCR read and kept,
    /// invisible over the scan, so it can be searched), and remove the one a searchable scan carries.
    #[arg(long)]
    no_text_layer: bool,
    /// Pictures a person has checked: a file of fingerprints (`sha256:...`, one per line, `#` comments),
    /// as the reasons of withheld pictures give them. Such pictures are not read by OCR and are
    /// published as they are, without their metadata.
    #[arg(long, value_name = "FILE")]
    checked_pictures: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Print only errors: no progress bar, no summary.
    #[arg(long, short = 'q', conflicts_with = "verbose")]
    quiet: bool,
    /// Also print one line per document: its number, published name, status and boxes per ground.
    #[arg(long, short = 'v')]
    verbose: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum ModeArg {
    Woo,
    Inzage,
}

impl From<ModeArg> for Mode {
    fn from(m: ModeArg) -> Mode {
        match m {
            ModeArg::Woo => Mode::Woo,
            ModeArg::Inzage => Mode::Inzage,
        }
    }
}

/// Exit codes, as documented in the README: the binary's mapping of a run's outcome to the process.
mod exit {
    /// Everything was processed.
    pub const OK: i32 = 0;
    /// `verify` found values to redact, `check` found differences, or the run failed.
    pub const RESIDUAL_OR_ERROR: i32 = 1;
    /// Bad arguments or configuration.
    pub const USAGE: i32 = 2;
    /// Some documents need manual handling, or reviewer decisions are stale.
    pub const NEEDS_MANUAL: i32 = 3;

    /// The exit code of a finished run.
    pub fn of(outcome: &lak::pipeline::Outcome) -> i32 {
        let c = &outcome.report.counts;
        if c.residual > 0 {
            RESIDUAL_OR_ERROR
        } else if c.needs_manual > 0 || c.stale_decisions > 0 {
            NEEDS_MANUAL
        } else {
            OK
        }
    }
}

fn build_rules(a: &RuleArgs) -> lak::Result<RuleSet> {
    let mut b = RuleSetBuilder::new();
    if a.no_default_rules {
        b = b.without_builtin();
    }
    for f in &a.rule_files {
        b = b.rule_file(f);
    }
    for f in &a.keep {
        b = b.keep_file(f);
    }
    for f in &a.deny {
        b = b.deny_file(f);
    }
    b.build()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            eprintln!("lak: {e}");
            let code = match e {
                lak::Error::Config { .. } | lak::Error::Usage(_) => exit::USAGE,
                lak::Error::Io { .. } => exit::RESIDUAL_OR_ERROR,
            };
            ExitCode::from(code as u8)
        }
    }
}

fn run(cli: Cli) -> lak::Result<i32> {
    let (command, paths, review, common, package, decisions, label) = match cli.command {
        Cmd::Rules { rules, mode } => {
            let set = build_rules(&rules)?;
            for r in set.rules() {
                println!("{:<20} {:<16} {:<10} {}", r.id, r.category, set.label_of(r, mode.into()), r.description);
            }
            return Ok(exit::OK);
        }
        Cmd::Review { dir, port, no_open } => return review(&dir, port, no_open),
        Cmd::Scan { paths, review, decisions, label, common } => {
            (Command::Scan, paths, review, common, PackageArgs::default(), decisions, label)
        }
        Cmd::Redact { paths, out, review, package, decisions, label, common } => {
            (Command::Redact { out }, paths, review, common, package, decisions, label)
        }
        Cmd::Verify { paths, review, common } => (
            Command::Verify,
            paths,
            review,
            common,
            PackageArgs::default(),
            DecisionArgs::default(),
            LabelArgs::default(),
        ),
        Cmd::Check { paths, expect, update, common } => {
            let quiet = common.quiet;
            let outcome = execute(
                Command::Check,
                paths,
                None,
                common,
                PackageArgs::default(),
                DecisionArgs::default(),
                LabelArgs::default(),
            )?;
            return check(&outcome, &expect, update, quiet);
        }
    };
    let (quiet, verbose) = (common.quiet, common.verbose);
    let outcome = execute(command, paths, review, common, package, decisions, label)?;
    if !quiet {
        summarise(&outcome, verbose);
    }
    Ok(exit::of(&outcome))
}

/// `lak review`: prints the page's address (the token is in it, and nowhere else), opens a browser unless
/// told not to, and serves until Ctrl-C.
fn review(dir: &std::path::Path, port: u16, no_open: bool) -> lak::Result<i32> {
    let server = lak::review::Server::bind(dir, port)?;
    let url = server.url();
    println!("{url}");
    use std::io::Write;
    let _ = std::io::stdout().flush();
    eprintln!("lak review: serving {} on 127.0.0.1 only; Ctrl-C to stop", dir.display());
    if !no_open {
        open_browser(&url);
    }
    server.serve()?;
    Ok(exit::OK)
}

/// Opens `url` in the desktop's browser; without one, the printed address is enough.
fn open_browser(url: &str) {
    let opener: &[&str] = if cfg!(target_os = "macos") {
        &["open"]
    } else if cfg!(windows) {
        &["explorer"]
    } else {
        &["xdg-open"]
    };
    let _ = std::process::Command::new(opener[0])
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}

/// Runs the pipeline for one of the commands that process documents.
fn execute(
    command: Command,
    paths: Vec<PathBuf>,
    review: Option<PathBuf>,
    common: Common,
    package: PackageArgs,
    decisions: DecisionArgs,
    label: LabelArgs,
) -> lak::Result<pipeline::Outcome> {
    let labels = match label.label {
        LabelArg::Ground => Labels::Ground,
        LabelArg::Pseudonym => Labels::Pseudonym,
    };
    let mut rules = build_rules(&common.rules)?;
    // Read before anything runs: a bad decisions file is a usage error (exit 2).
    let decisions = decisions.decisions.as_deref().map(Decisions::load).transpose()?;
    let reviewer = match decisions {
        Some(d) => Some(Reviewer::new(d, rules.add_reviewer_rule())?),
        None => None,
    };
    let mode: Mode = common.mode.into();
    let mut policy = Policy::new(mode, &rules);
    if let Some(r) = reviewer {
        policy = policy.with_reviewer(r);
    }
    if common.redact_officials {
        policy = policy.redact_officials();
    }
    match (&common.requester, mode) {
        (Some(path), Mode::Inzage) => policy = policy.with_requester(Requester::load(path, &tussenvoegsels(&rules))?),
        (Some(_), Mode::Woo) => {
            return Err(lak::Error::Usage("--requester only applies to --mode inzage".into()));
        }
        (None, _) => {}
    }
    let options = Options {
        drop_embedded: common.drop_embedded,
        allow_unchecked_images: common.allow_unchecked_images,
        no_text_layer: common.no_text_layer,
        checked_pictures: match &common.checked_pictures {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| lak::Error::Usage(format!("--checked-pictures {}: {e}", path.display())))?;
                lak::formats::checked_pictures(&text)
                    .map_err(|e| lak::Error::Usage(format!("--checked-pictures {}: {e}", path.display())))?
            }
            None => Default::default(),
        },
        ocr: lak::ocr::Engine::find(),
    };
    let job = Job { command, inputs: paths, review, jobs: common.jobs, options, package: package.into(), labels };
    // A bar only on a terminal: a redirected or piped stderr stays free of control characters.
    if !common.quiet && std::io::stderr().is_terminal() {
        pipeline::run_with_progress(&job, &rules, &policy, &lak::progress::Bar::default())
    } else {
        pipeline::run(&job, &rules, &policy)
    }
}

/// `lak check`: compares (or, with `update`, writes) the expectations; the differences go to stdout.
fn check(outcome: &pipeline::Outcome, expect: &std::path::Path, update: bool, quiet: bool) -> lak::Result<i32> {
    let actual = Expectations::from_report(&outcome.report);
    let counts = format!(
        "{} documents, {} findings",
        actual.documents.len(),
        actual.documents.values().map(|d| d.findings.len()).sum::<usize>()
    );
    if update {
        pipeline::write_atomically(expect, actual.to_json().as_bytes(), pipeline::Readers::Everyone)?;
        if !quiet {
            eprintln!("lak check: wrote {} ({counts})", expect.display());
        }
        return Ok(exit::OK);
    }
    let text = std::fs::read_to_string(expect)
        .map_err(|e| lak::Error::Usage(format!("{}: {e} (lak check --update writes it)", expect.display())))?;
    let expected = Expectations::parse(&text).map_err(|e| lak::Error::Usage(format!("{}: {e}", expect.display())))?;
    let differences = lak::check::diff(&expected, &actual);
    if differences.is_empty() {
        if !quiet {
            eprintln!("lak check: as expected ({counts})");
        }
        return Ok(exit::OK);
    }
    for line in &differences {
        println!("{line}");
    }
    if !quiet {
        eprintln!(
            "lak check: {} difference(s) from {}; run with --update to accept them",
            differences.len(),
            expect.display()
        );
    }
    Ok(exit::RESIDUAL_OR_ERROR)
}

/// The lines on stderr after a run. They name documents by number and published name (markers in
/// place of values) and withheld ones by reason code, never by input path or free-text reason: a file
/// name, a part name in a reason, may hold the very values lak removed.
fn summarise(outcome: &pipeline::Outcome, verbose: bool) {
    let r = &outcome.report;
    for d in &r.documents {
        let code = d.reason.as_ref().map_or("", |m| m.code.as_str());
        match d.status {
            Status::NeedsManual => eprintln!("lak: needs manual handling: {} {}: {code}", d.id, d.name),
            Status::Residual => {
                let n = d.finding_count() - d.kept_count();
                eprintln!("lak: residual: {} {}: {n} value(s) the rules would redact", d.id, d.name);
            }
            _ if verbose => {
                let grounds = d.grounds();
                let boxes: Vec<String> = grounds.iter().map(|(g, n)| format!("{n}× {g}")).collect();
                let kept = d.kept_count();
                let status = serde_json::to_value(d.status).ok();
                let status = status.as_ref().and_then(|v| v.as_str()).unwrap_or_default();
                let mut line = format!("lak: {} {}: {status}", d.id, d.name);
                if !boxes.is_empty() {
                    line.push_str(&format!(", {}", boxes.join(", ")));
                }
                if kept > 0 {
                    line.push_str(&format!(", {kept} kept"));
                }
                if let Some(dup) = &d.duplicate {
                    line.push_str(&format!(", same as {}", dup.of));
                }
                eprintln!("{line}");
            }
            _ => {}
        }
    }
    if r.documents.iter().any(|d| d.reason.as_ref().is_some_and(|m| m.code == lak::model::Code::UnsupportedFormat)) {
        eprintln!("lak: lak handles: {}", lak::formats::Registry::standard().extensions().join(", "));
    }
    let c = &r.counts;
    let mut line = format!("lak {}: {} documents", r.command, c.documents);
    for (n, what) in [
        (c.redacted, "redacted"),
        (c.clean, "clean"),
        (c.found, "with findings"),
        (c.residual, "with residual findings"),
        (c.needs_manual, "need manual handling"),
        (c.duplicates, "duplicates not published"),
    ] {
        if n > 0 {
            line.push_str(&format!(", {n} {what}"));
        }
    }
    line.push_str(&format!("; {} findings to redact, {} kept", c.findings_redacted, c.findings_kept));
    if c.stale_decisions > 0 {
        line.push_str(&format!("; {} stale reviewer decision(s), not applied", c.stale_decisions));
    }
    if let Some(dir) = &outcome.review_dir {
        line.push_str(&format!("; review: {}", dir.join(lak::report::PAGE_NAME).display()));
    }
    eprintln!("{line}");
}
