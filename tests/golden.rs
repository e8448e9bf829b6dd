//! Golden tests: the findings on every text and CSV fixture, compared with hand-reviewed expectations in
//! `tests/golden/<fixture>.json` (rule, matched text, action, line). A change in what lak finds on
//! the fixtures shows up here as a diff to review.
//!
//! To accept new output after reviewing it: `LAK_BLESS=1 cargo test --release --test golden`, then read
//! the diff of `tests/golden/` before committing.

use std::path::Path;

use lak::decide::Policy;
use lak::detect::Detector;
use lak::formats::{Options, Registry};
use lak::model::{Action, Mode};
use lak::rules::RuleSet;
use serde_json::{Value, json};

fn findings(rules: &RuleSet, detector: &Detector, path: &Path) -> Value {
    let registry = Registry::standard();
    let format = registry.for_path(path).expect("a known format");
    let doc = format.open(std::fs::read(path).unwrap(), &Options::default()).unwrap();
    let units = doc.units();
    let headers: Vec<Option<&str>> = (0..units.len()).map(|u| doc.header(u)).collect();
    let mut scratch = detector.scratch();
    let found = detector.detect_with_headers(&mut scratch, &units, &headers);
    let decided = Policy::new(Mode::Woo, rules).decide(rules, &units, found);
    let rows: Vec<Value> = decided
        .iter()
        .map(|d| {
            let f = &d.finding;
            let loc = doc.locate(f.unit, f.start, f.end);
            let mut row = json!({
                "line": loc.line,
                "cell": loc.cell,
                "rule": rules.rule(f.rule).id,
                "text": f.text(&units),
                "action": match &d.action { Action::Redact => "redact", Action::Keep { .. } => "keep" },
            });
            if let Action::Keep { reason } = &d.action {
                row["reason"] = json!(reason);
            }
            row
        })
        .collect();
    Value::Array(rows)
}

#[test]
fn text_fixtures_match_their_reviewed_findings() {
    let rules = RuleSet::builtin().unwrap();
    let detector = Detector::new(&rules).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bless = std::env::var("LAK_BLESS").as_deref() == Ok("1");
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut entries: Vec<_> =
        std::fs::read_dir(root.join("fixtures/text")).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let got = findings(&rules, &detector, &path);
        let golden = root.join("tests/golden").join(format!("{name}.json"));
        if bless {
            std::fs::write(&golden, serde_json::to_string_pretty(&got).unwrap() + "\n").unwrap();
        }
        let want: Value =
            serde_json::from_str(&std::fs::read_to_string(&golden).unwrap_or_else(|_| {
                panic!("{} has no golden file; run with LAK_BLESS=1 and review it", path.display())
            }))
            .unwrap();
        if got != want {
            failures.push(format!("{name}:\n  got:  {got}\n  want: {want}"));
        }
        checked += 1;
    }
    assert!(checked >= 4, "expected the text fixtures");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
