//! Turns the command line's paths into the list of documents, each with the path it gets in the output
//! tree, and checks the folders a run writes to.
//!
//! A folder argument contributes its contents at their relative paths (`dossier/a/b.pdf` → `a/b.pdf`); a
//! file argument contributes its file name. Walking is sorted, so runs are deterministic. Symbolic links
//! are never followed: a link in a dossier may point anywhere, so it is reported for manual handling.

use std::path::{Path, PathBuf};

use crate::model::{Code, Manual};
use crate::{Error, Result, limits};

/// One document to process.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    /// Where to read it.
    pub source: PathBuf,
    /// Its path in the output tree.
    pub relative: PathBuf,
    /// A problem found while walking (a link, an unreadable folder entry, a container or an entry of one
    /// that cannot be opened).
    pub problem: Option<Manual>,
    /// Where it is inside a container (a zip entry, a message of a mailbox), if it is in one.
    pub member: Option<super::containers::Member>,
}

impl Entry {
    /// The path whose extension says which adapter reads it: a message of a mailbox is read as `.eml`.
    pub(crate) fn format_path(&self) -> std::borrow::Cow<'_, Path> {
        match &self.member {
            Some(m) if m.is_message() => std::borrow::Cow::Owned(self.source.with_extension("eml")),
            _ => std::borrow::Cow::Borrowed(&self.source),
        }
    }
}

fn not_a_file() -> Manual {
    Manual::new(Code::NotAFile, "a symbolic link or special file: not followed")
}

/// Lists the documents under `inputs`.
pub(crate) fn documents(inputs: &[PathBuf]) -> Result<Vec<Entry>> {
    let mut out = Vec::new();
    for input in inputs {
        let meta = std::fs::symlink_metadata(input).map_err(|e| Error::io(input, e))?;
        if meta.is_dir() {
            for item in walkdir::WalkDir::new(input).follow_links(false).sort_by_file_name() {
                match item {
                    Ok(e) if e.file_type().is_dir() => {}
                    Ok(e) => {
                        let relative =
                            e.path().strip_prefix(input).expect("walkdir stays below its root").to_path_buf();
                        let problem = (!e.file_type().is_file()).then(not_a_file);
                        out.push(Entry { source: e.path().to_path_buf(), relative, problem, member: None });
                    }
                    Err(err) => {
                        let path = err.path().map(Path::to_path_buf).unwrap_or_else(|| input.clone());
                        let relative = path.strip_prefix(input).map(Path::to_path_buf).unwrap_or_else(|_| path.clone());
                        let problem = Some(Manual::new(Code::NotAFile, format!("cannot be read: {err}")));
                        out.push(Entry { source: path, relative, problem, member: None });
                    }
                }
                if out.len() > limits::MAX_DOCUMENTS {
                    return Err(Error::Usage(format!("more than {} files in the inputs", limits::MAX_DOCUMENTS)));
                }
            }
        } else {
            let name = input
                .file_name()
                .map(PathBuf::from)
                .ok_or_else(|| Error::Usage(format!("{}: not a file name", input.display())))?;
            let problem = (!meta.is_file()).then(not_a_file);
            out.push(Entry { source: input.clone(), relative: name, problem, member: None });
        }
    }
    Ok(out)
}

/// An absolute, symlink-free form of a path that may not exist yet.
pub(crate) fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let abs =
        if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    let mut existing = abs.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name().map(|n| n.to_os_string()), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut p = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        p.push(name);
    }
    p
}

/// Refuses output and review folders that overlap the inputs or each other, and a non-empty output.
pub(crate) fn check_folders(inputs: &[PathBuf], out: Option<&Path>, review: Option<&Path>) -> Result<()> {
    let ins: Vec<PathBuf> = inputs.iter().map(|p| absolute(p)).collect();
    let named = |p: &Path| p.display().to_string();
    for (what, dir) in [("output", out), ("review", review)] {
        let Some(dir) = dir else { continue };
        let d = absolute(dir);
        for (i, input) in ins.iter().enumerate() {
            if d.starts_with(input) || input.starts_with(&d) {
                return Err(Error::Usage(format!(
                    "the {what} folder {} and the input {} overlap: choose a folder outside the inputs",
                    named(dir),
                    named(&inputs[i])
                )));
            }
        }
    }
    if let (Some(o), Some(r)) = (out, review) {
        let (ao, ar) = (absolute(o), absolute(r));
        if ao.starts_with(&ar) || ar.starts_with(&ao) {
            return Err(Error::Usage(format!(
                "the review folder {} must not be inside the output folder {} (or the other way round): the report holds the removed values",
                named(r),
                named(o)
            )));
        }
    }
    if let Some(o) = out
        && o.exists()
    {
        if !o.is_dir() {
            return Err(Error::Usage(format!("the output {} exists and is not a folder", named(o))));
        }
        let mut items = std::fs::read_dir(o).map_err(|e| Error::io(o, e))?;
        if items.next().is_some() {
            return Err(Error::Usage(format!(
                "the output folder {} is not empty: lak only writes into an empty folder, so that nothing stale is published",
                named(o)
            )));
        }
    }
    Ok(())
}

/// The review folder beside the output folder: `gelakt` → `gelakt-review`.
pub(crate) fn default_review(out: &Path) -> PathBuf {
    let abs = absolute(out);
    let name = abs.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "lak".into());
    abs.with_file_name(format!("{name}-review"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mirrors_folder_contents_and_names_files() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("dossier");
        std::fs::create_dir_all(d.join("a")).unwrap();
        std::fs::write(d.join("a/b.txt"), "x").unwrap();
        std::fs::write(d.join("c.txt"), "x").unwrap();
        let single = dir.path().join("los.txt");
        std::fs::write(&single, "x").unwrap();
        let got = documents(&[d.clone(), single]).unwrap();
        let rel: Vec<_> = got.iter().map(|e| e.relative.to_string_lossy().into_owned()).collect();
        assert_eq!(rel, vec!["a/b.txt", "c.txt", "los.txt"]);
    }

    #[test]
    fn refuses_overlapping_and_non_empty_folders() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in");
        std::fs::create_dir_all(&input).unwrap();
        assert!(check_folders(std::slice::from_ref(&input), Some(&input.join("out")), None).is_err());
        let out = dir.path().join("out");
        assert!(check_folders(std::slice::from_ref(&input), Some(&out), Some(&out.join("review"))).is_err());
        assert!(check_folders(std::slice::from_ref(&input), Some(&out), Some(&dir.path().join("out-review"))).is_ok());
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("old.txt"), "x").unwrap();
        assert!(check_folders(&[input], Some(&out), None).is_err());
    }

    #[test]
    fn review_folder_sits_beside_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("gelakt");
        assert_eq!(default_review(&out), absolute(&dir.path().join("gelakt-review")));
    }
}
