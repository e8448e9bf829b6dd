//! `lak check`: today's findings against a committed expectations file, for CI.
//!
//! A team that edits its own rule files wants to know what an edit changes before it lands: which
//! findings a rule now gains, which it loses, which ground or decision changed. `lak check --expect
//! expected.json PATH...` scans `PATH...` as `scan` does, turns the report into [`Expectations`] (per
//! document: its status and, per finding, the stable id, rule, category, ground and action) and compares
//! them with the file. The file holds no values; the ids ([`crate::report::finding_id`]) say where.
//!
//! The file is JSON with a fixed order (documents and names sorted by path, findings by id), so that
//! `--update` rewrites it byte for byte the same when nothing changed, and a review of the commit that
//! updates it shows exactly what changed.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::model::Action;
use crate::report::{FindingReport, Report};

/// The format version of the expectations file.
pub const FORMAT: u32 = 1;

/// What a scan is expected to find.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectations {
    /// [`FORMAT`].
    pub lak_check: u32,
    /// `woo` or `inzage`.
    pub mode: String,
    /// Per document, by its input path as the report gives it.
    pub documents: BTreeMap<String, ExpectedDocument>,
    /// Per folder name with findings, by the name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub names: BTreeMap<String, Vec<ExpectedFinding>>,
}

/// One document's expected outcome.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedDocument {
    /// `clean`, `found` or `needs_manual`.
    pub status: String,
    /// Its findings, sorted by id.
    pub findings: Vec<ExpectedFinding>,
}

/// One expected finding.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedFinding {
    /// The stable id.
    pub id: String,
    /// Rule id.
    pub rule: String,
    /// Rule category.
    pub category: String,
    /// The label on the box.
    pub ground: String,
    /// `redact` or `keep`.
    pub action: String,
}

impl ExpectedFinding {
    fn of(f: &FindingReport) -> ExpectedFinding {
        ExpectedFinding {
            id: f.id.clone(),
            rule: f.rule.clone(),
            category: f.category.clone(),
            ground: f.ground.clone(),
            action: match f.action {
                Action::Redact => "redact",
                Action::Keep { .. } => "keep",
            }
            .to_string(),
        }
    }

    fn describe(&self) -> String {
        format!("{} {} ({}, {}, {})", self.id, self.rule, self.category, self.ground, self.action)
    }
}

fn sorted(findings: &[FindingReport]) -> Vec<ExpectedFinding> {
    let mut v: Vec<ExpectedFinding> = findings.iter().map(ExpectedFinding::of).collect();
    v.sort();
    v
}

impl Expectations {
    /// What a report found.
    pub fn from_report(report: &Report) -> Expectations {
        let documents = report
            .documents
            .iter()
            .map(|d| {
                let status = serde_json::to_value(d.status).ok().and_then(|v| v.as_str().map(str::to_string));
                (d.path.clone(), ExpectedDocument { status: status.unwrap_or_default(), findings: sorted(&d.findings) })
            })
            .collect();
        let names = report.names.iter().map(|n| (n.name.clone(), sorted(&n.findings))).collect();
        Expectations { lak_check: FORMAT, mode: report.mode.to_string(), documents, names }
    }

    /// Reads an expectations file's text.
    pub fn parse(text: &str) -> Result<Expectations, String> {
        let e: Expectations = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if e.lak_check != FORMAT {
            return Err(format!("lak_check is {}; this lak reads format {FORMAT}", e.lak_check));
        }
        Ok(e)
    }

    /// The file's text.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("expectations serialise");
        s.push('\n');
        s
    }
}

/// The differences between expected and actual findings, one line each, in path order: findings
/// gained, lost, changed (same id, other category, ground or action), documents gained or lost, a
/// changed status or mode. Empty when they agree.
pub fn diff(expected: &Expectations, actual: &Expectations) -> Vec<String> {
    let mut out = Vec::new();
    if expected.mode != actual.mode {
        out.push(format!("mode: {} → {}", expected.mode, actual.mode));
    }
    let paths: std::collections::BTreeSet<&String> = expected.documents.keys().chain(actual.documents.keys()).collect();
    for path in paths {
        match (expected.documents.get(path), actual.documents.get(path)) {
            (Some(_), None) => out.push(format!("{path}: document lost (no longer among the inputs)")),
            (None, Some(a)) => {
                out.push(format!("{path}: document gained ({}, {} findings)", a.status, a.findings.len()));
                findings(&mut out, path, &[], &a.findings);
            }
            (Some(e), Some(a)) => {
                if e.status != a.status {
                    out.push(format!("{path}: status {} → {}", e.status, a.status));
                }
                findings(&mut out, path, &e.findings, &a.findings);
            }
            (None, None) => {}
        }
    }
    let names: std::collections::BTreeSet<&String> = expected.names.keys().chain(actual.names.keys()).collect();
    for name in names {
        let none = Vec::new();
        let e = expected.names.get(name).unwrap_or(&none);
        let a = actual.names.get(name).unwrap_or(&none);
        findings(&mut out, &format!("folder name {name:?}"), e, a);
    }
    out
}

fn findings(out: &mut Vec<String>, place: &str, expected: &[ExpectedFinding], actual: &[ExpectedFinding]) {
    let e: BTreeMap<&str, &ExpectedFinding> = expected.iter().map(|f| (f.id.as_str(), f)).collect();
    let a: BTreeMap<&str, &ExpectedFinding> = actual.iter().map(|f| (f.id.as_str(), f)).collect();
    for (id, f) in &e {
        match a.get(id) {
            None => out.push(format!("{place}: lost {}", f.describe())),
            Some(g) if g != f => {
                let mut what = String::new();
                for (field, old, new) in [
                    ("category", &f.category, &g.category),
                    ("ground", &f.ground, &g.ground),
                    ("action", &f.action, &g.action),
                ] {
                    if old != new {
                        let _ = write!(what, "; {field} {old} → {new}");
                    }
                }
                out.push(format!("{place}: changed {} {}{what}", f.id, f.rule));
            }
            Some(_) => {}
        }
    }
    for (id, g) in &a {
        if !e.contains_key(id) {
            out.push(format!("{place}: gained {}", g.describe()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(id: &str, ground: &str) -> ExpectedFinding {
        ExpectedFinding {
            id: id.into(),
            rule: "bsn".into(),
            category: "bsn".into(),
            ground: ground.into(),
            action: "redact".into(),
        }
    }

    #[test]
    fn the_diff_says_what_was_gained_lost_and_changed() {
        let doc = |fs: Vec<ExpectedFinding>| ExpectedDocument { status: "found".into(), findings: fs };
        let mut e = Expectations { lak_check: FORMAT, mode: "woo".into(), ..Expectations::default() };
        e.documents.insert("d/a.txt".into(), doc(vec![f("aa", "5.1.1e"), f("bb", "5.1.1e")]));
        e.documents.insert("d/weg.txt".into(), doc(vec![]));
        let mut a = e.clone();
        a.documents.insert("d/a.txt".into(), doc(vec![f("aa", "5.1.2e"), f("cc", "5.1.1e")]));
        a.documents.remove("d/weg.txt");
        assert_eq!(
            diff(&e, &a),
            vec![
                "d/a.txt: changed aa bsn; ground 5.1.1e → 5.1.2e",
                "d/a.txt: lost bb bsn (bsn, 5.1.1e, redact)",
                "d/a.txt: gained cc bsn (bsn, 5.1.1e, redact)",
                "d/weg.txt: document lost (no longer among the inputs)",
            ]
        );
        assert!(diff(&e, &e).is_empty());
        assert_eq!(Expectations::parse(&e.to_json()).unwrap(), e);
        assert!(Expectations::parse("{\"lak_check\": 1, \"mode\": \"woo\", \"documents\": {}, \"x\": 1}").is_err());
    }
}
