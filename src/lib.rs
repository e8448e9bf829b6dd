//! lak — anonymise documents for Dutch public bodies.
//!
//! lak finds personal data in folders of documents and removes it for real, so that the result can be
//! published under the Wet open overheid (Woo) or handed to a citizen who asked to see their own data
//! (AVG art. 15, *inzage*). Every removed value leaves a visible marker carrying its legal ground
//! (e.g. `[5.1.2e]`), and every decision lands in a review report.
//!
//! # How the pieces fit
//!
//! Data flows one way, and the module layout follows it:
//!
//! ```text
//!  bytes ──► formats (adapter per file type) ──► text units with a map back to the source
//!                                                    │
//!  rules (rule files, word lists) ──► detect ──► findings (rule, span, evidence)
//!                                                    │
//!                 decide (mode, keep lists, requester, officials) ──► actions: redact / keep
//!                                                    │
//!            formats (apply redactions, scrub hidden data) ──► redacted bytes
//!                                                    │
//!     pipeline (walk, parallelise, re-scan the output, fail closed, write atomically)
//!                                                    │
//!        package (names without personal data, document numbers) ──► published output folder
//!                                                    │
//!                                     report (JSON + a page for reviewers)
//! ```
//!
//! - [`rules`] parses rule files into a validated [`rules::RuleSet`].
//! - [`detect`] compiles a rule set once into an immutable, `Sync` [`detect::Detector`]; every worker
//!   borrows it with its own [`detect::Scratch`].
//! - [`decide`] turns findings into actions ([`model::Action`]) for a run's [`decide::Policy`].
//! - [`formats`] holds one adapter per file type behind the [`formats::Format`] trait.
//! - [`pipeline`] drives a batch: one document failing never stops the others, and a document that cannot
//!   be fully processed is withheld and reported as needing manual handling.
//! - [`package`] makes the publication package: file and folder names scanned like text and published
//!   with markers, document numbers, outputs that never overwrite each other.
//! - [`progress`] counts documents done for a progress bar, without a word about them.
//! - [`check`] compares a run's findings with a committed expectations file (`lak check`, for CI).
//! - [`report`] writes `lak-report.json`, `lak-report.html` and the review page `lak-review.html` into
//!   the review folder, never into the output folder: the report holds the very values that were removed.
//! - [`review`] serves the review page on the loopback address and saves the reviewer's decisions
//!   (`lak review`).
//!
//! # Example
//!
//! ```
//! use lak::{decide::Policy, detect::Detector, model::Mode, rules::RuleSet};
//!
//! let rules = RuleSet::builtin().unwrap();
//! let detector = Detector::new(&rules).unwrap();
//! let mut scratch = detector.scratch();
//! let text = "Het BSN van verzoeker is 111222333.";
//! let findings = detector.detect(&mut scratch, &[text]);
//! let policy = Policy::new(Mode::Woo, &rules);
//! let decided = policy.decide(&rules, &[text], findings);
//! assert_eq!(decided[0].finding.text(&[text]), "111222333");
//! assert_eq!(rules.label(&decided[0].finding, policy.mode()), "5.1.1e");
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod check;
pub mod decide;
pub mod detect;
pub mod error;
pub mod formats;
#[doc(hidden)]
pub mod fuzzing;
pub mod limits;
pub mod model;
pub mod ocr;
pub mod package;
mod percent;
pub mod pipeline;
pub mod progress;
pub mod report;
pub mod review;
pub mod rules;

pub use error::{Error, Result};

/// The version of lak, as recorded in every report.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
