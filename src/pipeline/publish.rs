//! Publishing: staged outputs move to the names they are published under.
//!
//! Workers write each verified output under its document number into a staging folder inside the
//! output folder (a number is no one's name). Only when every document is done are all the names of the
//! run known, with every value any document lost: then each output is renamed to its redacted path
//! ([`crate::package::names::assign`]), one after the other in document order, so that which of two
//! colliding names gets ` (2)` never depends on thread timing. A rename never replaces a file; the
//! staging folder is removed at the end.

use std::path::Path;

use super::process::Facts;
use crate::model::{Code, Manual};
use crate::package::names::{self, Names};
use crate::report::{DocumentReport, Status};
use crate::{Error, Result};

/// The staging folder in the output folder's root.
pub(crate) const STAGING: &str = ".lak-staging";

/// Names in the output folder's root that belong to lak: a document never takes one.
pub(crate) const RESERVED: &[&str] =
    &[STAGING, crate::package::INVENTORY_CSV, crate::package::INVENTORY_XLSX, crate::package::REDACTION_LOG_CSV];

/// Moves every staged output to its published path (`number`: flat, named by document id) and
/// records it as the document's `output`. A document whose output cannot be moved is withheld.
pub(crate) fn publish(
    out: &Path,
    names: &Names,
    (entries, containers): (&[super::walk::Entry], &[super::containers::Container]),
    documents: &mut [DocumentReport],
    facts: &mut [Facts],
    numbered: bool,
) -> Result<()> {
    // An output in another format than its input (`.msg` → `.eml`) takes that format's extension; a
    // message of a mailbox (which has none) is an `.eml` when published on its own.
    let exts: Vec<String> = facts
        .iter()
        .enumerate()
        .map(|(i, f)| match (f.written_as, &entries[i].member) {
            (Some(e), _) => format!(".{e}"),
            (None, Some(m)) if m.is_message() => ".eml".to_string(),
            (None, _) => names.extension(i).to_string(),
        })
        .collect();
    let targets: Vec<Option<String>> = if numbered {
        documents
            .iter()
            .zip(facts.iter())
            .enumerate()
            .map(|(i, (d, f))| f.staged.as_ref().map(|_| format!("{}{}", d.id, exts[i])))
            .collect()
    } else {
        let written: Vec<Option<(Vec<String>, Vec<String>)>> = facts
            .iter()
            .enumerate()
            .map(|(i, f)| {
                f.staged.as_ref().map(|_| {
                    let mut redacted = names.redacted(i);
                    if let Some(last) = redacted.last_mut() {
                        let stem = last.len() - names.extension(i).len();
                        last.replace_range(stem.., &exts[i]);
                    }
                    (names.original(i), redacted)
                })
            })
            .collect();
        let exts: Vec<&str> = exts.iter().map(String::as_str).collect();
        names::assign(&written, &exts, RESERVED)
    };
    if !numbered {
        // Members of containers are written into their containers (see containers.rs).
        super::containers::publish(out, containers, entries, &targets, documents, facts);
    }
    for ((d, f), target) in documents.iter_mut().zip(facts.iter_mut()).zip(targets) {
        let (Some(staged), Some(target)) = (f.staged.take(), target) else { continue };
        match place(&staged, &out.join(&target)) {
            Ok(()) => d.output = Some(target),
            Err(reason) => {
                let _ = std::fs::remove_file(&staged);
                d.status = Status::NeedsManual;
                d.reason = Some(Manual::new(Code::WriteFailed, reason));
                d.output = None;
            }
        }
    }
    let staging = out.join(STAGING);
    std::fs::remove_dir_all(&staging).map_err(|e| Error::io(&staging, e))
}

/// Renames `staged` to `target`, creating folders; refuses to replace anything.
pub(crate) fn place(staged: &Path, target: &Path) -> std::result::Result<(), String> {
    let say = |what: &str, e: std::io::Error| format!("{what} the output failed: {e}");
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir).map_err(|e| say("creating the folder of", e))?;
    }
    if std::fs::symlink_metadata(target).is_ok() {
        return Err("another output already has this name; not replaced".into());
    }
    // Staged outputs are written without flushing (a dossier round may write them again): flushed here,
    // once, before the rename publishes them.
    std::fs::OpenOptions::new().write(true).open(staged).and_then(|f| f.sync_all()).map_err(|e| say("flushing", e))?;
    std::fs::rename(staged, target).map_err(|e| say("renaming", e))
}
