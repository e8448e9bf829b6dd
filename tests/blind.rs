//! The blind evaluation set (`tests/blind/`): documents written by an author who never read lak's source,
//! in every format lak reads, with a gold list of every personal value and every decoy (README there).
//!
//! Each part goes through `lak redact` as a user runs it; then every output is read back with extractors
//! lak does not share (the bytes of text and CSV files, `unzip -p` and a tag strip for Office, `pdftotext`
//! for PDF) and every planted value is looked for:
//!
//! - **recall**: an occurrence of a value counts as found when neither the value itself nor any of its
//!   identifying words (a name's given names and surnames, an identifier's digit groups, an e-mail's local
//!   part) is left in the output beyond the copies that also stand outside personal values in the input;
//! - **precision**: each redacted finding of the report is a hit when it overlaps a planted value, else a
//!   false positive, classed by the decoy it removed (a document date, a case number, an official, ...);
//! - in the inzage parts, the requester's own values must still be there.
//!
//! `dev` is the part to study: its misses and false positives are written to
//! `target/blind/dev-misses.txt`. `test` is only ever measured: nothing of it is printed item by item.
//! Run with `cargo test --release --test blind -- --nocapture` to see the tables.

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use common::{office_text, pdftotext, run_lak};

/// One document of a part's `gold.jsonl`.
struct Gold {
    doc: String,
    format: String,
    template: String,
    values: Vec<(String, String)>,
    keep: Vec<(String, String)>,
}

fn gold(part: &Path) -> Vec<Gold> {
    let text = std::fs::read_to_string(part.join("gold.jsonl")).expect("gold.jsonl");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("gold line is JSON");
            let pairs = |key: &str, second: &str| -> Vec<(String, String)> {
                v[key]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| (x["text"].as_str().unwrap().to_string(), x[second].as_str().unwrap().to_string()))
                    .collect()
            };
            Gold {
                doc: v["doc"].as_str().unwrap().to_string(),
                format: v["format"].as_str().unwrap().to_string(),
                template: v["template"].as_str().unwrap().to_string(),
                values: pairs("values", "category"),
                keep: pairs("keep", "kind"),
            }
        })
        .collect()
}

/// Whitespace collapsed (no-break spaces too), typographic apostrophes folded.
fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}' {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(if c == '\u{2019}' { '\'' } else { c });
    }
    out
}

/// Whole-word occurrences of `needle` in `hay` (no letter or digit glued to either end).
fn count(hay: &str, needle: &str) -> usize {
    if needle.is_empty() {
        return 0;
    }
    let glued = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let first_alnum = needle.chars().next().is_some_and(char::is_alphanumeric);
    let last_alnum = needle.chars().next_back().is_some_and(char::is_alphanumeric);
    hay.match_indices(needle)
        .filter(|(i, m)| {
            let before = first_alnum && glued(hay[..*i].chars().next_back());
            let after = last_alnum && glued(hay[i + m.len()..].chars().next());
            !(before || after)
        })
        .count()
}

/// The text of a document as a reader gets it, by tools lak does not share.
fn extract(path: &Path, format: &str) -> String {
    let raw = match format {
        "txt" | "csv" => String::from_utf8_lossy(&std::fs::read(path).expect("document")).into_owned(),
        "docx" | "xlsx" | "pptx" => office_text(path),
        "pdf" => pdftotext(path),
        other => panic!("unknown format {other}"),
    };
    norm(&raw)
}

/// Excel's serial number of a `dd-mm-yyyy` date (1900 system): a real date cell stores that number.
fn excel_serial(value: &str) -> Option<String> {
    let p: Vec<u32> = value.split('-').map(|x| x.parse().ok()).collect::<Option<_>>()?;
    let [d, m, y] = p[..] else { return None };
    if !(value.len() == 10 && (1..=12).contains(&m) && (1..=31).contains(&d) && y > 1900) {
        return None;
    }
    let days_from_civil = |y: i64, m: i64, d: i64| {
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy
    };
    let serial = days_from_civil(y.into(), m.into(), d.into()) - days_from_civil(1899, 12, 30);
    Some(serial.to_string())
}

const TUSSEN: &[&str] = &[
    "van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "op", "in", "uit", "aan", "bij", "voor", "onder",
    "over", "la", "le", "du", "des", "di", "da", "del", "della", "dos", "das", "von", "zu", "vom", "af",
];

/// The words of a value that identify on their own.
fn identifying(value: &str, category: &str) -> Vec<String> {
    let words = || value.split(|c: char| !(c.is_alphanumeric() || c == '\'')).filter(|w| !w.is_empty());
    match category {
        "person" => words()
            .map(|w| w.trim_matches('\'').to_string())
            .filter(|w| w.chars().count() > 2 && !TUSSEN.contains(&w.to_lowercase().as_str()))
            .collect(),
        "email" => value.split('@').next().filter(|l| l.len() >= 4).map(|l| vec![l.to_string()]).unwrap_or_default(),
        _ => words().filter(|w| w.len() >= 4 && w.chars().any(|c| c.is_ascii_digit())).map(str::to_string).collect(),
    }
}

/// Counts for one category.
#[derive(Default, Clone, Copy)]
struct Tally {
    total: usize,
    leaked: usize,
    redactions: usize,
    false_positives: usize,
}

#[derive(Default)]
struct Score {
    docs: usize,
    withheld: Vec<(String, String)>,
    by_gold: BTreeMap<String, Tally>,
    by_lak: BTreeMap<String, Tally>,
    confusion: BTreeMap<String, usize>,
    requester_total: usize,
    requester_removed: usize,
    /// Item-level notes (dev parts only).
    misses: String,
}

impl Score {
    fn recall(&self) -> f64 {
        let (t, l) = self.by_gold.values().fold((0, 0), |(t, l), x| (t + x.total, l + x.leaked));
        1.0 - l as f64 / t.max(1) as f64
    }

    fn precision(&self) -> f64 {
        let (r, f) = self.by_lak.values().fold((0, 0), |(r, f), x| (r + x.redactions, f + x.false_positives));
        1.0 - f as f64 / r.max(1) as f64
    }

    fn category_recall(&self, c: &str) -> f64 {
        let t = self.by_gold.get(c).copied().unwrap_or_default();
        1.0 - t.leaked as f64 / t.total.max(1) as f64
    }

    fn table(&self, part: &str) -> String {
        let mut s = format!(
            "blind/{part}: {} documents, {} withheld\n{:<20} {:>7} {:>7} {:>8}   {:<14} {:>6} {:>5} {:>9}\n",
            self.docs,
            self.withheld.len(),
            "gold category",
            "values",
            "leaked",
            "recall",
            "lak category",
            "boxes",
            "FP",
            "precision"
        );
        let gold: Vec<_> = self.by_gold.iter().collect();
        let lak: Vec<_> = self.by_lak.iter().collect();
        for i in 0..gold.len().max(lak.len()) {
            let left = gold.get(i).map_or(String::new(), |(c, t)| {
                format!("{c:<20} {:>7} {:>7} {:>8.4}", t.total, t.leaked, 1.0 - t.leaked as f64 / t.total.max(1) as f64)
            });
            let right = lak.get(i).map_or(String::new(), |(c, t)| {
                format!(
                    "{c:<14} {:>6} {:>5} {:>9.4}",
                    t.redactions,
                    t.false_positives,
                    1.0 - t.false_positives as f64 / t.redactions.max(1) as f64
                )
            });
            let _ = writeln!(s, "{left:<44}   {right}");
        }
        let _ = writeln!(s, "overall recall {:.4}, precision {:.4}", self.recall(), self.precision());
        let _ = writeln!(s, "false positives by what they removed: {:?}", self.confusion);
        if self.requester_total > 0 {
            let _ =
                writeln!(s, "requester's own values removed: {} of {}", self.requester_removed, self.requester_total);
        }
        s
    }
}

fn blind_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/blind")
}

/// Runs lak on one part and scores it. `study` writes item-level notes (dev parts only).
fn score(part: &str, study: bool) -> Score {
    let root = blind_root().join(part);
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("out");
    let review = tmp.path().join("review");
    let docs = root.join("docs");
    let (docs_s, out_s, review_s) = (docs.to_str().unwrap(), out.to_str().unwrap(), review.to_str().unwrap());
    let requester = root.join("requester.toml");
    let mut args = vec!["redact", docs_s, "--out", out_s, "--review", review_s, "--quiet"];
    let requester_s = requester.to_str().unwrap().to_string();
    if requester.exists() {
        args.extend(["--mode", "inzage", "--requester", &requester_s]);
    }
    let run = run_lak(tmp.path(), &args);
    assert!(run.code == 0 || run.code == 3, "lak failed on blind/{part}: {run:?}");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(review.join("lak-report.json")).unwrap()).unwrap();
    let mut by_path: BTreeMap<String, &serde_json::Value> = BTreeMap::new();
    for d in report["documents"].as_array().unwrap() {
        let p = d["path"].as_str().unwrap().replace('\\', "/");
        let rel = p.rsplit_once("/docs/").map_or(p.clone(), |(_, r)| r.to_string());
        by_path.insert(rel, d);
    }

    let mut s = Score::default();
    for g in gold(&root) {
        s.docs += 1;
        let rel = g.doc.strip_prefix("docs/").unwrap_or(&g.doc).to_string();
        let entry = by_path.get(&rel).unwrap_or_else(|| panic!("{rel} is not in the report"));
        let status = entry["status"].as_str().unwrap();
        if status == "needs_manual" {
            let code = entry["reason"]["code"].as_str().unwrap_or("?").to_string();
            if study {
                let _ = writeln!(s.misses, "WITHHELD {rel}: {}", entry["reason"]["reason"]);
            }
            s.withheld.push((rel, code));
            continue;
        }
        let input = extract(&docs.join(&rel), &g.format);
        let output = extract(&out.join(&rel), &g.format);
        let xlsx = g.format == "xlsx";
        let occurrences = |hay: &str, v: &str| {
            let n = count(hay, &norm(v));
            match excel_serial(v).filter(|_| xlsx) {
                Some(serial) => n + count(hay, &serial),
                None => n,
            }
        };

        // Recall, per occurrence.
        let mut leaked = vec![false; g.values.len()];
        let mut seen: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, (v, _)) in g.values.iter().enumerate() {
            seen.entry(v.as_str()).or_default().push(i);
        }
        for (v, idx) in &seen {
            let k = idx.len();
            let allowed = occurrences(&input, v).saturating_sub(k);
            let n = occurrences(&output, v).saturating_sub(allowed).min(k);
            for &i in idx.iter().take(n) {
                leaked[i] = true;
            }
        }
        // Identifying words: those left beyond the copies outside personal values.
        let mut words: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, (v, c)) in g.values.iter().enumerate() {
            for w in identifying(v, c) {
                words.entry(w).or_default().push(i);
            }
        }
        for (w, idx) in &words {
            let inside: usize = g.values.iter().map(|(v, _)| count(&norm(v), w)).sum();
            let allowed = count(&input, w).saturating_sub(inside);
            let mut n = count(&output, w).saturating_sub(allowed);
            for &i in idx {
                if n == 0 {
                    break;
                }
                if !leaked[i] {
                    leaked[i] = true;
                    n -= 1;
                }
            }
        }
        for (i, (v, c)) in g.values.iter().enumerate() {
            let t = s.by_gold.entry(c.clone()).or_default();
            t.total += 1;
            if leaked[i] {
                t.leaked += 1;
                if study {
                    let _ = writeln!(s.misses, "MISS {c:<18} {v:<40} {rel} ({})", g.template);
                }
            }
        }
        for (v, kind) in g.keep.iter().filter(|(_, k)| k == "requester") {
            s.requester_total += 1;
            if occurrences(&output, v) == 0 {
                s.requester_removed += 1;
                if study {
                    let _ = writeln!(s.misses, "REQUESTER-REMOVED {kind} {v:<40} {rel}");
                }
            }
        }

        // Precision, per redacted finding.
        for f in entry["findings"].as_array().unwrap().iter().filter(|f| f["action"] == "redact") {
            let text = norm(f["text"].as_str().unwrap());
            let lower = text.to_lowercase();
            let category = f["category"].as_str().unwrap().to_string();
            let overlaps = |v: &str| {
                let v = norm(v).to_lowercase();
                v.contains(&lower) || lower.contains(&v)
            };
            let hit = g
                .values
                .iter()
                .any(|(v, c)| overlaps(v) || identifying(v, c).iter().any(|w| count(&lower, &w.to_lowercase()) > 0));
            let t = s.by_lak.entry(category.clone()).or_default();
            t.redactions += 1;
            if !hit {
                t.false_positives += 1;
                let kind = g.keep.iter().find(|(k, _)| overlaps(k)).map_or("unlabelled", |(_, kind)| kind.as_str());
                *s.confusion.entry(kind.to_string()).or_default() += 1;
                if study {
                    let _ = writeln!(s.misses, "FP {category:<14} {text:<40} removed {kind} in {rel} ({})", g.template);
                }
            }
        }
    }
    s
}

fn write_notes(name: &str, s: &Score, table: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/blind");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.txt")), format!("{table}\n{}", s.misses)).unwrap();
}

/// Floors that the blind set must not fall below: a regression guard at today's measured level, raised
/// as detection improves (the aims of issue 8 are recall ≥ 0.98, names ≥ 0.97, BSN / IBAN / e-mail / phone
/// / postcode ≥ 0.99, precision ≥ 0.95 on the test part).
struct Floors {
    recall: f64,
    precision: f64,
    person: f64,
    exact: f64,
}

fn check(s: &Score, part: &str, floors: &Floors) {
    // Only the reasons: the test part is never looked at item by item.
    let reasons: Vec<&str> = s.withheld.iter().map(|(_, code)| code.as_str()).collect();
    assert!(reasons.is_empty(), "blind/{part}: {} documents withheld: {reasons:?}", reasons.len());
    assert!(s.recall() >= floors.recall, "blind/{part}: recall {:.4} < {}", s.recall(), floors.recall);
    assert!(s.precision() >= floors.precision, "blind/{part}: precision {:.4} < {}", s.precision(), floors.precision);
    assert!(
        s.category_recall("person") >= floors.person,
        "blind/{part}: name recall {:.4} < {}",
        s.category_recall("person"),
        floors.person
    );
    for c in ["bsn", "iban", "email", "phone", "postcode"] {
        assert!(
            s.category_recall(c) >= floors.exact,
            "blind/{part}: {c} recall {:.4} < {}",
            s.category_recall(c),
            floors.exact
        );
    }
}

#[test]
fn blind_dev() {
    let s = score("dev", true);
    let table = s.table("dev");
    println!("{table}");
    write_notes("dev-misses", &s, &table);
    check(&s, "dev", &Floors { recall: 0.985, precision: 0.955, person: 0.97, exact: 0.99 });
}

#[test]
fn blind_test() {
    let s = score("test", false);
    let table = s.table("test");
    println!("{table}");
    write_notes("test-scores", &s, &table);
    check(&s, "test", &Floors { recall: 0.98, precision: 0.95, person: 0.965, exact: 0.99 });
}

#[test]
fn blind_inzage() {
    for (part, study) in [("inzage-dev", true), ("inzage-test", false)] {
        let s = score(part, study);
        let table = s.table(part);
        println!("{table}");
        write_notes(if study { "inzage-dev-misses" } else { "inzage-test-scores" }, &s, &table);
        check(&s, part, &Floors { recall: 0.98, precision: 0.92, person: 0.96, exact: 0.99 });
        // The requester's own values that stay: most of those removed are values the requester file
        // does not list (a landline, a driving licence, an IP address), which lak cannot know.
        assert!(
            s.requester_removed * 8 <= s.requester_total,
            "{part}: {} of {} requester values removed",
            s.requester_removed,
            s.requester_total
        );
    }
}

#[test]
fn the_scoring_reads_values_as_a_reader_would() {
    assert_eq!(count("Jan Jansen en Jansens", "Jansen"), 1);
    assert_eq!(count("06-12345678.", "06-12345678"), 1);
    assert_eq!(norm("a \u{a0} b\n c"), "a b c");
    assert_eq!(excel_serial("16-03-1975").as_deref(), Some("27469"));
    assert_eq!(identifying("J.P. van den Berg-de Vries", "person"), vec!["Berg", "Vries"]);
    assert_eq!(identifying("NL91 ABNA 0417 1643 00", "iban"), vec!["NL91", "0417", "1643"]);
}
