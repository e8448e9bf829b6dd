//! Duplicates: the same document more than once in a dossier.
//!
//! Dossiers hold the same document many times: an attachment forwarded in several e-mails, the same
//! letter saved twice. Published twice and redacted differently, the copies undo each other's boxes. So:
//!
//! - **Same bytes.** Every input is hashed (SHA-256) before the run. Only the first of a set of equal
//!   files is processed; each later copy gets its report entry and a copy of its output, so the copies
//!   are redacted identically by construction, and lak does the work once.
//! - **Same text.** A document whose extracted text, with every run of whitespace (and every boundary
//!   between text units) read as one space, equals an earlier one's (the same letter as `.txt` and `.md`,
//!   or with other line breaks) is processed on its own, by its own adapter; then the words redacted
//!   in the group must be the same, each under the same ground. If not, every member is processed again
//!   with the values the others redacted; a member that still removes less than the group as a whole
//!   is withheld (`duplicate_differs`): fail closed, no published copy shows what another hides.
//!
//! A later copy records which document it equals ([`crate::report::Duplicate`]); the inventory links
//! them (`Gerelateerd ID`, `gelijk aan 0007`), and with `--skip-duplicates` only the first is published.

use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::process::Facts;
use super::walk::Entry;
use crate::limits;
use crate::report::DocumentReport;
use crate::report::spool::Store;

/// A SHA-256 digest.
pub(crate) type Digest32 = [u8; 32];

fn digest(h: Sha256) -> Digest32 {
    let mut out = [0u8; 32];
    out.copy_from_slice(&h.finalize());
    out
}

/// The hash of an input's bytes, or `None` when it is not a regular file lak would read (processing
/// reports why).
pub(crate) fn content_hash(entry: &Entry) -> Option<Digest32> {
    if entry.problem.is_some() {
        return None;
    }
    if let Some(member) = &entry.member {
        return super::containers::read(member).ok().map(|bytes| hash_bytes(&bytes));
    }
    let meta = std::fs::symlink_metadata(&entry.source).ok()?;
    if !meta.is_file() || meta.len() > limits::MAX_INPUT_BYTES {
        return None;
    }
    let mut file = std::fs::File::open(&entry.source).ok()?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => h.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    Some(digest(h))
}

/// The hash of bytes in memory.
pub(crate) fn hash_bytes(bytes: &[u8]) -> Digest32 {
    digest(Sha256::new_with_prefix(bytes))
}

/// The hash of a document's text with whitespace normalised: every run of whitespace, and every
/// boundary between units, counts as one space.
pub(crate) fn text_hash(units: &[&str]) -> Digest32 {
    let mut h = Sha256::new();
    for word in units.iter().flat_map(|u| u.split_whitespace()) {
        h.update(word.as_bytes());
        h.update(b" ");
    }
    digest(h)
}

/// For each input, the first earlier input with the same bytes.
pub(crate) fn same_bytes(hashes: &[Option<Digest32>]) -> Vec<Option<usize>> {
    let mut first: std::collections::HashMap<Digest32, usize> = std::collections::HashMap::new();
    hashes
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let h = (*h)?;
            let j = *first.entry(h).or_insert(i);
            (j != i).then_some(j)
        })
        .collect()
}

/// Groups of two or more documents with the same text (first member first, in input order), among
/// those that are no byte copy of another and were processed to the end.
pub(crate) fn same_text(facts: &[&Facts], copies: &[Option<usize>]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut by_hash: std::collections::HashMap<Digest32, usize> = std::collections::HashMap::new();
    for (i, f) in facts.iter().enumerate() {
        let Some(h) = f.text.filter(|_| copies[i].is_none()) else { continue };
        match by_hash.get(&h) {
            Some(&g) => groups[g].push(i),
            None => {
                by_hash.insert(h, groups.len());
                groups.push(vec![i]);
            }
        }
    }
    groups.retain(|g| g.len() > 1);
    groups
}

/// What a document's boxes remove, as (ground, word), sorted: equal for two documents redacted
/// identically, whatever their formats and however the values are cut into boxes (`Jan de Vries
/// Kerkstraat 12` in one box of a text, in two cells of a CSV). Boxes in names do not count (the names
/// differ).
pub(crate) fn boxes(d: &DocumentReport, store: Option<&dyn Store>) -> std::io::Result<Vec<(String, String)>> {
    let briefs = d.briefs(store)?;
    let mut v: Vec<(String, String)> = briefs
        .iter()
        .filter(|f| f.is_redacted())
        .filter(|f| !matches!(f.part, Some("file name" | "folder name")))
        .flat_map(|f| {
            f.text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(move |w| (f.ground.to_string(), w.to_string()))
        })
        .collect();
    v.sort();
    Ok(v)
}

/// The words every member of a group removes between them: each (ground, word) as often as the member
/// that removes it most often.
pub(crate) fn union(boxes: &[Vec<(String, String)>]) -> Vec<(String, String)> {
    let mut most: std::collections::BTreeMap<&(String, String), usize> = std::collections::BTreeMap::new();
    for b in boxes {
        let mut counts: std::collections::BTreeMap<&(String, String), usize> = std::collections::BTreeMap::new();
        for w in b {
            *counts.entry(w).or_default() += 1;
        }
        for (w, n) in counts {
            let m = most.entry(w).or_default();
            *m = (*m).max(n);
        }
    }
    most.into_iter().flat_map(|(w, n)| std::iter::repeat_n(w.clone(), n)).collect()
}

/// The result of document `entry` (number `index`) as a byte copy of `first`: the same report entry
/// under its own path, and, when `staging` is given, a copy of the staged output under its own number.
pub(crate) fn copy(
    first: &(DocumentReport, Facts),
    entry: &Entry,
    index: usize,
    staging: Option<&Path>,
) -> (DocumentReport, Facts) {
    let (report, facts) = first;
    let mut report = report.clone();
    report.path = entry.source.display().to_string();
    let mut copy = Facts {
        removed: facts.removed.clone(),
        kept: facts.kept.clone(),
        text: facts.text,
        written_as: facts.written_as,
        ..Facts::default()
    };
    if let (Some(from), Some(dir)) = (&facts.staged, staging) {
        let to = dir.join(format!("{index:07}"));
        match std::fs::read(from)
            .map_err(|e| e.to_string())
            .and_then(|bytes| super::write::stage(&to, &bytes).map_err(|e| e.to_string()))
        {
            Ok(()) => copy.staged = Some(to),
            Err(e) => {
                report = DocumentReport::manual(
                    report.path,
                    report.format,
                    crate::model::Manual::new(
                        crate::model::Code::WriteFailed,
                        format!("copying the output failed: {e}"),
                    ),
                );
            }
        }
    }
    (report, copy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_hash_reads_every_run_of_whitespace_as_one_space() {
        assert_eq!(text_hash(&["Geachte heer,\r\n\r\nUw brief."]), text_hash(&["Geachte  heer,", "Uw\tbrief.\n"]));
        assert_ne!(text_hash(&["Geachte heer"]), text_hash(&["Geachteheer"]));
    }

    #[test]
    fn the_union_of_a_group_holds_each_word_as_often_as_its_most_thorough_member() {
        let w = |g: &str, s: &str| (g.to_string(), s.to_string());
        let a = vec![w("5.1.2e", "Jan"), w("5.1.2e", "Jan")];
        let b = vec![w("5.1.2e", "Haarlem"), w("5.1.2e", "Jan")];
        assert_eq!(union(&[a, b]), vec![w("5.1.2e", "Haarlem"), w("5.1.2e", "Jan"), w("5.1.2e", "Jan")]);
    }

    #[test]
    fn a_copy_points_at_the_first_file_with_its_bytes() {
        let a = Some([1u8; 32]);
        let b = Some([2u8; 32]);
        assert_eq!(same_bytes(&[a, b, None, a, b, a]), vec![None, None, None, Some(0), Some(1), Some(0)]);
    }
}
