//! Names are content: file and folder names are scanned like text and published with markers.
//!
//! `Dossier Jan de Vries/Brief aan J. de Vries 111222333.txt` names a person and their BSN before anyone
//! opens the letter. So every component of every document's path (relative to the input it was found
//! in) is a text unit, and all the names of a run are detected and decided together, as one document,
//! with the run's rules and policy:
//!
//! - a name confirmed in a folder name is found again, alone, in a file name below it (propagation),
//!   and a value redacted in one name is redacted in every other;
//! - the requester's own name stays in inzage mode, as it does in text;
//! - a file's extension is kept, and not scanned, only when it is one lak reads (`.pdf`, `.docx`):
//!   in `Brief aan J. de Vries` the text after the last dot is a surname, not an extension;
//! - `_` reads as a space (`brief_jan_de_vries`): one byte for one byte, so spans map back unchanged.
//!
//! Then [`Names::complete`] adds every value removed from any document of the run ([`RunValues`]):
//! `Bezwaar Jansen.docx` loses `Jansen` when the letter inside lost it, even where the name alone gives
//! the recogniser too little to go on.
//!
//! A marker in a name is made safe for every file system: a ground from a rule file may hold any
//! character, so `/ \ : * ? " < > |` and control characters become `_`. [`assign`] turns the redacted
//! names into output paths that never collide (`Brief aan [5.1.2e] (2).txt`), or into document numbers
//! (`PREFIX-0001.pdf`) with `--number`.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path};

use aho_corasick::{AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::decide::Policy;
use crate::detect::{Detector, Scratch};
use crate::model::{Action, Decided, Evidence, Finding, Location, Mode, RuleIndex, Source};
use crate::report::{FindingReport, NameReport};
use crate::rules::RuleSet;

/// Longest file or folder name written (bytes): the limit of every common file system.
pub const MAX_NAME_BYTES: usize = 255;

/// What a name names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Kind {
    Folder,
    File,
}

/// One document's relative path, as units.
#[derive(Clone, Debug)]
struct Parts {
    /// Unit of each folder name, outermost first.
    folders: Vec<usize>,
    /// Unit of the file name (without a known extension).
    file: usize,
    /// The known extension with its dot (`.pdf`), or empty.
    ext: String,
}

/// The names of one run, scanned and decided.
#[derive(Debug)]
pub struct Names {
    /// Distinct names by kind, as on disk (decoded lossily if they are not UTF-8: what is written is
    /// what was scanned).
    units: Vec<(Kind, String)>,
    /// Per document.
    paths: Vec<Parts>,
    /// Decided findings; `finding.unit` indexes `units`.
    decided: Vec<Decided>,
    /// Each unit with markers in place of redacted values (after [`Names::complete`]).
    redacted: Vec<String>,
}

impl Names {
    /// Scans the relative paths of a run's documents. `known` are the extensions lak reads (lower case,
    /// without the dot).
    pub fn scan(
        relatives: &[&Path],
        known: &[&str],
        rules: &RuleSet,
        detector: &Detector,
        scratch: &mut Scratch,
        policy: &Policy,
    ) -> Names {
        let mut units: Vec<(Kind, String)> = Vec::new();
        let mut index: HashMap<(Kind, String), usize> = HashMap::new();
        let mut unit = |kind: Kind, text: String| -> usize {
            *index.entry((kind, text.clone())).or_insert_with(|| {
                units.push((kind, text));
                units.len() - 1
            })
        };
        let mut paths = Vec::with_capacity(relatives.len());
        for rel in relatives {
            let mut comps: Vec<String> = rel
                .components()
                .filter_map(|c| match c {
                    Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                    _ => None,
                })
                .collect();
            let last = comps.pop().unwrap_or_default();
            let (stem, ext) = split_extension(&last, known);
            let folders = comps.into_iter().map(|c| unit(Kind::Folder, c)).collect();
            let file = unit(Kind::File, stem.to_string());
            paths.push(Parts { folders, file, ext: ext.to_string() });
        }
        let texts: Vec<String> = units.iter().map(|(_, t)| t.replace('_', " ")).collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let found = detector.detect(scratch, &refs);
        let mut decided = policy.decide(rules, &refs, found);
        decided.sort_by_key(|d| (d.finding.unit, d.finding.start));
        Names { units, paths, decided, redacted: Vec::new() }
    }

    /// The decided findings in one unit (`decided` is sorted by unit and offset).
    fn of_unit(&self, unit: usize) -> &[Decided] {
        let start = self.decided.partition_point(|d| d.finding.unit < unit);
        let end = self.decided.partition_point(|d| d.finding.unit <= unit);
        &self.decided[start..end]
    }

    /// The values redacted in names, with their rules, and the texts kept: the names' share of the
    /// run's [`RunValues`].
    pub fn values(&self) -> (Vec<(String, RuleIndex)>, Vec<String>) {
        let refs: Vec<&str> = self.units.iter().map(|(_, t)| t.as_str()).collect();
        let kept =
            self.decided.iter().filter(|d| !d.is_redacted()).map(|d| d.finding.text(&refs).to_string()).collect();
        (removed_with_rules(&refs, &self.decided), kept)
    }

    /// The short byte strings of the names, to rule out values that cannot occur in them.
    pub fn grams(&self) -> Grams {
        Grams::of(self.units.iter().map(|(_, t)| t.as_str()))
    }

    /// Adds a finding for every copy of a value removed anywhere in the run that no finding covers yet,
    /// then writes every name with markers (safe for file systems) in place of what is redacted.
    pub fn complete(&mut self, values: &RunValues, rules: &RuleSet, mode: Mode) {
        let refs: Vec<&str> = self.units.iter().map(|(_, t)| t.as_str()).collect();
        if let Some(ac) = values.automaton() {
            let mut added = Vec::new();
            for (unit, text) in refs.iter().enumerate() {
                for m in ac.find_iter(text) {
                    let (start, end) = (m.start(), m.end());
                    let covered = self.of_unit(unit).iter().any(|d| d.finding.start < end && start < d.finding.end);
                    if covered || !crate::decide::bounded(text.as_bytes(), start, end) {
                        continue;
                    }
                    let (value, rule) = &values.values[m.pattern().as_usize()];
                    added.push(Decided {
                        finding: Finding {
                            unit,
                            start,
                            end,
                            rule: *rule,
                            confidence: 1.0,
                            evidence: Evidence {
                                source: Some(Source::Elsewhere { of: value.clone() }),
                                ..Evidence::default()
                            },
                        },
                        action: Action::Redact,
                        by: crate::model::DecidedBy::Rule,
                        id: None,
                    });
                }
            }
            self.decided.extend(added);
            self.decided.sort_by_key(|d| (d.finding.unit, d.finding.start));
        }
        self.redacted = refs
            .iter()
            .enumerate()
            .map(|(unit, text)| {
                let mut out = String::with_capacity(text.len());
                let mut pos = 0;
                for d in self.of_unit(unit).iter().filter(|d| d.is_redacted()) {
                    let f = &d.finding;
                    if f.start < pos {
                        continue;
                    }
                    out.push_str(&text[pos..f.start]);
                    out.push_str(&safe_marker(rules.label(f, mode)));
                    pos = f.end;
                }
                out.push_str(&text[pos..]);
                out
            })
            .collect();
    }

    /// Whether any name on document `doc`'s path had something redacted.
    pub fn changed(&self, doc: usize) -> bool {
        let p = &self.paths[doc];
        p.folders.iter().chain(std::iter::once(&p.file)).any(|&u| self.redacted[u] != self.units[u].1)
    }

    /// Document `doc`'s path as published: folders and file name with markers, the extension kept.
    pub fn redacted(&self, doc: usize) -> Vec<String> {
        let p = &self.paths[doc];
        let mut v: Vec<String> = p.folders.iter().map(|&u| fit(&self.redacted[u], "")).collect();
        v.push(fit(&self.redacted[p.file], &p.ext));
        v
    }

    /// Document `doc`'s path as found (decoded lossily).
    pub fn original(&self, doc: usize) -> Vec<String> {
        let p = &self.paths[doc];
        let mut v: Vec<String> = p.folders.iter().map(|&u| self.units[u].1.clone()).collect();
        v.push(format!("{}{}", self.units[p.file].1, p.ext));
        v
    }

    /// The extension of document `doc` as kept (`.pdf`), or empty.
    pub fn extension(&self, doc: usize) -> &str {
        &self.paths[doc].ext
    }

    /// The findings in document `doc`'s file name, located by `part` `file name`.
    pub fn file_findings(&self, doc: usize, rules: &RuleSet, mode: Mode) -> Vec<FindingReport> {
        self.unit_findings(self.paths[doc].file, rules, mode)
    }

    /// The report entries: every folder name with findings, in the order the names were first met.
    pub fn reports(&self, rules: &RuleSet, mode: Mode) -> Vec<NameReport> {
        let folders = self.units.iter().enumerate().filter(|(_, (kind, _))| *kind == Kind::Folder);
        folders
            .filter_map(|(unit, (_, text))| {
                let findings = self.unit_findings(unit, rules, mode);
                (!findings.is_empty()).then(|| NameReport {
                    name: text.clone(),
                    redacted: self.redacted.get(unit).cloned().unwrap_or_default(),
                    findings,
                })
            })
            .collect()
    }

    fn unit_findings(&self, unit: usize, rules: &RuleSet, mode: Mode) -> Vec<FindingReport> {
        let (kind, text) = &self.units[unit];
        self.of_unit(unit)
            .iter()
            .map(|d| {
                let f = &d.finding;
                let part = if *kind == Kind::Folder { "folder name" } else { "file name" };
                let location = Location {
                    part: Some(part.to_string()),
                    column: Some(text[..f.start].chars().count() as u32 + 1),
                    offset: f.start,
                    length: f.end - f.start,
                    ..Location::default()
                };
                let mut report = FindingReport::new(rules, mode, d, &text[f.start..f.end], location);
                // A name's findings are identified by the name, as a document's by its bytes.
                let content = format!("{part}:{text}");
                report.id = crate::report::finding_id(content.as_bytes(), &rules.rule(f.rule).id, 0, f.start, f.end, 1);
                report
            })
            .collect()
    }
}

/// Splits a file name into the part that is scanned and a known extension (with its dot) that is kept.
fn split_extension<'a>(name: &'a str, known: &[&str]) -> (&'a str, &'a str) {
    match name.rfind('.') {
        Some(dot) if dot > 0 && known.iter().any(|k| k.eq_ignore_ascii_case(&name[dot + 1..])) => name.split_at(dot),
        _ => (name, ""),
    }
}

/// A marker that every file system accepts as part of a name.
fn safe_marker(label: &str) -> String {
    crate::formats::marker(label)
        .chars()
        .map(
            |c| {
                if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                    '_'
                } else {
                    c
                }
            },
        )
        .collect()
}

/// `name` + `ext`, the name shortened (at a character boundary) so that the whole fits
/// [`MAX_NAME_BYTES`]: markers can be longer than the values they replace.
fn fit(name: &str, ext: &str) -> String {
    format!("{}{ext}", truncate(name, MAX_NAME_BYTES.saturating_sub(ext.len())))
}

/// The longest start of `s` of at most `max` bytes that ends at a character boundary.
fn truncate(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The values a document's decisions removed, each with the rule of the first finding that removed it
/// (the values of [`crate::decide::removed_values`]), and the surname of every redacted person's name
/// on its own: `Bezwaar Kloosterboer.docx` names the `A. Kloosterboer` of the letter inside.
pub fn removed_with_rules(units: &[&str], decided: &[Decided]) -> Vec<(String, RuleIndex)> {
    let values = crate::decide::removed_values(units, decided);
    let mut rule_of: HashMap<&str, RuleIndex> = HashMap::new();
    let mut surnames: Vec<(String, RuleIndex)> = Vec::new();
    for d in decided.iter().filter(|d| d.is_redacted()) {
        let text = d.finding.text(units);
        rule_of.entry(text.trim()).or_insert(d.finding.rule);
        if let Some(name) = &d.finding.evidence.name {
            for word in text.split(|c: char| !c.is_alphanumeric()) {
                if word.chars().count() >= 4 && name.surnames.iter().any(|s| s == &word.to_lowercase()) {
                    surnames.push((word.to_string(), d.finding.rule));
                }
            }
        }
    }
    let kept: Vec<&str> = decided.iter().filter(|d| !d.is_redacted()).map(|d| d.finding.text(units)).collect();
    surnames.retain(|(s, _)| !kept.iter().any(|k| k.contains(s.as_str())));
    let mut out: Vec<(String, RuleIndex)> =
        values.into_iter().filter_map(|v| rule_of.get(v.as_str()).copied().map(|r| (v, r))).collect();
    out.extend(surnames);
    out.sort();
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// The byte strings of one to four bytes in a set of texts. A value occurs in one of the texts only if
/// each of its windows of four bytes (the value itself, when shorter) is among them: a test that never
/// rules out a value that occurs, so a value it rules out gives no match in the texts, and leaving it
/// out of a [`RunValues`] changes no match. At 10,000 documents a run removes some 100,000 distinct
/// values; the automaton of them all was the largest thing built at the end of the run, for names that
/// hold few of them.
#[derive(Debug, Default)]
pub struct Grams(HashSet<u64>);

/// Up to four bytes and their number, as one integer.
fn gram(bytes: &[u8]) -> u64 {
    bytes.iter().fold(bytes.len() as u64, |x, &b| (x << 8) | u64::from(b))
}

impl Grams {
    /// The grams of `texts`.
    pub fn of<'a>(texts: impl IntoIterator<Item = &'a str>) -> Grams {
        let mut set = HashSet::new();
        for t in texts {
            let b = t.as_bytes();
            for i in 0..b.len() {
                for n in 1..=4.min(b.len() - i) {
                    set.insert(gram(&b[i..i + n]));
                }
            }
        }
        Grams(set)
    }

    /// Whether `value` may occur in one of the texts.
    pub fn may_contain(&self, value: &str) -> bool {
        let b = value.as_bytes();
        match b.len() {
            0 => true,
            1..=4 => self.0.contains(&gram(b)),
            _ => b.windows(4).all(|w| self.0.contains(&gram(w))),
        }
    }
}

/// Every value removed anywhere in a run (documents and names), minus those that also occur inside a
/// text kept anywhere in it (an official's name, the requester's own data): a value removed once is
/// removed from every name.
#[derive(Debug, Default)]
pub struct RunValues {
    values: Vec<(String, RuleIndex)>,
}

impl RunValues {
    /// Collects the run's values; for a value removed under several rules, the lowest rule index wins.
    pub fn new(removed: impl IntoIterator<Item = (String, RuleIndex)>, kept: &[String]) -> RunValues {
        let mut values: Vec<(String, RuleIndex)> = removed.into_iter().collect();
        values.sort();
        values.dedup_by(|a, b| a.0 == b.0);
        // Kept while the names are completed: without the room of the duplicates.
        values.shrink_to_fit();
        let mut run = RunValues { values };
        if let Some(ac) = run.overlapping() {
            let mut inside = vec![false; run.values.len()];
            for k in kept {
                for m in ac.find_overlapping_iter(k.as_str()) {
                    inside[m.pattern().as_usize()] = true;
                }
            }
            let mut keep = inside.iter().map(|i| !i);
            run.values.retain(|_| keep.next().unwrap_or(true));
        }
        run
    }

    /// The values, sorted.
    pub fn values(&self) -> impl Iterator<Item = &str> {
        self.values.iter().map(|(v, _)| v.as_str())
    }

    fn overlapping(&self) -> Option<aho_corasick::AhoCorasick> {
        self.build(MatchKind::Standard)
    }

    /// Leftmost-longest matching of every value, or `None` when there are none (or too many for one
    /// automaton, which the values are not: a run's removed values are a few per document).
    fn automaton(&self) -> Option<aho_corasick::AhoCorasick> {
        self.build(MatchKind::LeftmostLongest)
    }

    fn build(&self, kind: MatchKind) -> Option<aho_corasick::AhoCorasick> {
        if self.values.is_empty() {
            return None;
        }
        AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .match_kind(kind)
            .build(self.values.iter().map(|(v, _)| v.as_str()))
            .ok()
    }
}

/// Turns redacted paths into output paths, in document order. `paths[i]` is `Some((original,
/// redacted))` components for a document that is written, `None` for one that is not. Two documents
/// (or folders) whose names would be the same, ignoring case (Windows and macOS do), get ` (2)`,
/// ` (3)`, ... before the extension; the same original folder always maps to the same output folder.
/// `reserved` names are taken in the root from the start.
pub fn assign(paths: &[Option<(Vec<String>, Vec<String>)>], exts: &[&str], reserved: &[&str]) -> Vec<Option<String>> {
    let mut taken: HashMap<String, HashSet<String>> = HashMap::new();
    taken.entry(String::new()).or_default().extend(reserved.iter().map(|r| r.to_lowercase()));
    let mut folders: HashMap<Vec<String>, String> = HashMap::new();
    let mut unique = |dir: &str, name: &str, ext: &str| -> String {
        let set = taken.entry(dir.to_string()).or_default();
        let stem = &name[..name.len() - ext.len()];
        let mut candidate = name.to_string();
        let mut n = 2;
        while !set.insert(candidate.to_lowercase()) {
            let suffix = format!(" ({n})");
            let room = MAX_NAME_BYTES.saturating_sub(ext.len() + suffix.len());
            candidate = format!("{}{suffix}{ext}", truncate(stem, room));
            n += 1;
        }
        candidate
    };
    paths
        .iter()
        .zip(exts)
        .map(|(p, ext)| {
            let (original, redacted) = p.as_ref()?;
            let mut dir = String::new();
            for depth in 0..original.len() - 1 {
                let key = original[..=depth].to_vec();
                dir = match folders.get(&key) {
                    Some(d) => d.clone(),
                    None => {
                        let name = unique(&dir, &redacted[depth], "");
                        let d = if dir.is_empty() { name } else { format!("{dir}/{name}") };
                        folders.insert(key, d.clone());
                        d
                    }
                };
            }
            let file = unique(&dir, redacted.last().expect("a path has a file name"), ext);
            Some(if dir.is_empty() { file } else { format!("{dir}/{file}") })
        })
        .collect()
}

/// Document numbers: `PREFIX-0001`, in input order, at least four digits (more when a run has more
/// documents), or `0001` without a prefix.
pub fn numbers(count: usize, prefix: Option<&str>) -> Vec<String> {
    let width = count.to_string().len().max(4);
    (1..=count)
        .map(|n| match prefix {
            Some(p) => format!("{p}-{n:0width$}"),
            None => format!("{n:0width$}"),
        })
        .collect()
}

/// Checks a `--number` prefix: letters, digits, `-`, `_` and `.`, not starting with a dot, at most 64
/// bytes, so that every file system accepts `PREFIX-0001.pdf` and it cannot be taken for a hidden file.
pub fn check_prefix(prefix: &str) -> Result<(), String> {
    let ok = !prefix.is_empty()
        && prefix.len() <= 64
        && !prefix.starts_with('.')
        && prefix.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "--number {prefix:?}: a prefix is 1 to 64 letters, digits, '-', '_' or '.', not starting with a dot"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(paths: &[&str]) -> Names {
        let rules = RuleSet::builtin().unwrap();
        let detector = Detector::new(&rules).unwrap();
        let mut scratch = detector.scratch();
        let policy = Policy::new(Mode::Woo, &rules);
        let rel: Vec<&Path> = paths.iter().map(Path::new).collect();
        let mut names = Names::scan(&rel, &["txt", "pdf"], &rules, &detector, &mut scratch, &policy);
        let (removed, kept) = names.values();
        names.complete(&RunValues::new(removed, &kept), &rules, Mode::Woo);
        names
    }

    /// Grams never rule out a value that occurs in a text (at any byte offset, across UTF-8), and rule
    /// out most that do not.
    #[test]
    fn grams_rule_out_only_values_that_do_not_occur() {
        let texts = ["Brief aan J. de Vries.txt", "Dossier Çelik_2024", "a"];
        let grams = Grams::of(texts);
        for t in texts {
            for i in 0..t.len() {
                for j in i + 1..=t.len() {
                    if let Some(v) = t.get(i..j) {
                        assert!(grams.may_contain(v), "{v:?}");
                    }
                }
            }
        }
        for absent in ["Jansen", "b", "Vriesland", "Çelik_2023", "J. de Vries-Bos"] {
            assert!(!grams.may_contain(absent), "{absent:?}");
        }
    }

    #[test]
    fn names_and_numbers_in_paths_become_markers_and_extensions_stay() {
        let n = run(&["Dossier Jan de Vries/Brief aan J. de Vries 111222333.txt", "Dossier Jan de Vries/notulen.pdf"]);
        assert_eq!(n.redacted(0), vec!["Dossier [5.1.2e]", "Brief aan [5.1.2e] [5.1.1e].txt"]);
        assert_eq!(n.redacted(1), vec!["Dossier [5.1.2e]", "notulen.pdf"]);
        assert!(n.changed(1));
        // The text after the last dot of a name without a known extension is scanned.
        let n = run(&["Gesprek met J. de Vries"]);
        assert_eq!(n.redacted(0), vec!["Gesprek met [5.1.2e]"]);
        let n = run(&["verslag_jan_de_vries_111222333.txt"]);
        assert!(!n.redacted(0)[0].contains("111222333"), "{:?}", n.redacted(0));
    }

    #[test]
    fn values_removed_elsewhere_in_the_run_go_from_names_too() {
        let rules = RuleSet::builtin().unwrap();
        let detector = Detector::new(&rules).unwrap();
        let mut scratch = detector.scratch();
        let policy = Policy::new(Mode::Woo, &rules);
        let rel = [Path::new("Bezwaar Kloosterboer.txt")];
        let mut names = Names::scan(&rel, &["txt"], &rules, &detector, &mut scratch, &policy);
        let person = rules.rules().iter().position(|r| r.category == "person").unwrap();
        names.complete(&RunValues::new([("Kloosterboer".to_string(), person)], &[]), &rules, Mode::Woo);
        assert_eq!(names.redacted(0), vec!["Bezwaar [5.1.2e].txt"]);
        // A value also kept somewhere in the run (an official's name) is not taken from names.
        let run = RunValues::new([("Kloosterboer".to_string(), person)], &["wethouder Kloosterboer".to_string()]);
        assert_eq!(run.values().count(), 0);
    }

    #[test]
    fn markers_are_safe_file_names() {
        assert_eq!(safe_marker("art. 5/1: \"x\""), "[art. 5_1_ _x_]");
        assert_eq!(safe_marker("AVG 15(4)"), "[AVG 15(4)]");
        let long = "a".repeat(300);
        let at_limit = Some((vec![long.clone()], vec![fit(&long, ".txt")]));
        let got = assign(&[at_limit.clone(), at_limit], &[".txt", ".txt"], &[]);
        assert!(got[1].as_ref().unwrap().ends_with("a (2).txt"));
        assert_eq!(fit(&long, ".txt").len(), MAX_NAME_BYTES);
        assert!(fit(&"é".repeat(200), ".pdf").ends_with("é.pdf"));
    }

    #[test]
    fn outputs_that_would_collide_are_numbered_and_folders_stay_apart() {
        let p = |o: &[&str], r: &[&str]| {
            Some((o.iter().map(|s| s.to_string()).collect(), r.iter().map(|s| s.to_string()).collect()))
        };
        let paths = vec![
            p(&["D Jan", "Brief Jan.txt"], &["D [x]", "Brief [x].txt"]),
            p(&["D Jan", "Brief Piet.txt"], &["D [x]", "Brief [x].txt"]),
            None,
            p(&["D Piet", "brief piet.txt"], &["D [x]", "brief [x].txt"]),
            p(&["D Jan", "brief [X].TXT"], &["D [x]", "brief [X].TXT"]),
            p(&[".lak-staging"], &[".lak-staging"]),
        ];
        let exts = [".txt", ".txt", "", ".txt", ".TXT", ""];
        let got = assign(&paths, &exts, &[".lak-staging"]);
        assert_eq!(
            got,
            vec![
                Some("D [x]/Brief [x].txt".to_string()),
                Some("D [x]/Brief [x] (2).txt".to_string()),
                None,
                Some("D [x] (2)/brief [x].txt".to_string()),
                Some("D [x]/brief [X] (3).TXT".to_string()),
                Some(".lak-staging (2)".to_string()),
            ]
        );
    }

    #[test]
    fn numbers_are_padded_and_prefixes_checked() {
        assert_eq!(numbers(3, Some("WOO-12")), vec!["WOO-12-0001", "WOO-12-0002", "WOO-12-0003"]);
        assert_eq!(numbers(10_000, None)[0], "00001");
        assert!(check_prefix("VWS-2024.01").is_ok());
        for bad in ["", ".x", "a/b", "a b", "a:b"] {
            assert!(check_prefix(bad).is_err(), "{bad}");
        }
    }
}
