//! The built-in rule set, compiled into the binary so that `lak` works from any folder.
//!
//! The files live under `rules/` in the repository; a test checks that every file there is listed here.

use std::path::PathBuf;

/// Path of the default rule file, relative to the repository root.
pub(crate) const DEFAULT_RULES: &str = "rules/default.toml";

macro_rules! embed {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/", $path)))),*]
    };
}

/// Every built-in file: (path relative to the repository root, contents).
pub(crate) const FILES: &[(&str, &str)] = embed!(
    "rules/default.toml",
    "rules/names/first_names.txt",
    "rules/names/surnames.txt",
    "rules/names/ambiguous.txt",
    "rules/names/tussenvoegsels.txt",
    "rules/names/titles.txt",
    "rules/names/salutations.txt",
    "rules/names/roles.txt",
    "rules/names/officials.txt",
    "rules/names/mail_headers.txt",
    "rules/names/closings.txt",
    "rules/names/not_surnames.txt",
    "rules/names/org_suffixes.txt",
    "rules/names/places.txt",
    "rules/names/dutch_words.txt",
    "rules/names/street_words.txt",
    "rules/names/deduce/first_names.txt",
    "rules/names/deduce/surnames.txt",
    "rules/names/deduce/streets.txt",
    "rules/names/deduce/residences.txt",
);

/// The contents of a built-in file.
pub(crate) fn file(path: &str) -> Option<&'static str> {
    FILES.iter().find(|(p, _)| *p == path).map(|(_, text)| *text)
}

/// Resolves list references of the built-in rule file (relative to `rules/`).
pub(crate) struct Resolver;

impl super::file::Resolver for Resolver {
    fn read(&self, relative: &str) -> Result<(PathBuf, String), String> {
        let path = format!("rules/{relative}");
        file(&path).map(|t| (PathBuf::from(&path), t.to_string())).ok_or_else(|| format!("{path}: not a built-in file"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rules_file_is_embedded() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for entry in walkdir::WalkDir::new(root.join("rules")) {
            let entry = entry.unwrap();
            let rel = entry.path().strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            let is_data = rel.ends_with(".toml") || rel.ends_with(".txt");
            if entry.file_type().is_file() && is_data {
                assert!(file(&rel).is_some(), "{rel} is under rules/ but not embedded");
            }
        }
    }
}
