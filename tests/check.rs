//! `lak check` at the command line: findings compared with a committed expectations file, for CI jobs
//! that guard a team's own rule files.

mod common;

use common::Dir;

const BSN_RULE: &str = r#"[[rule]]
id = "bsn"
category = "bsn"
ground = "GROND-X"
description = "BSN with another ground"
patterns = ['(?-u:\b)[0-9]{9}(?-u:\b)']
validator = "bsn11"
confidence = 0.99
"#;

fn dossier(d: &Dir) {
    d.create("dossier/brief.txt", "Geachte heer De Vries,\n\nUw BSN is 111222333.\n");
    d.create("dossier/notulen.txt", "Vergadering over Project Zonnebloem.\n");
    d.create("dossier/sub/mail.txt", "Bel mevrouw A. Kloosterboer op 06-12345678.\n");
}

#[test]
fn check_passes_on_what_update_wrote_and_ids_are_stable() {
    let d = Dir::new();
    dossier(&d);
    let out = d.lak(&["check", "--expect", "expected.json", "dossier", "--update"]);
    assert_eq!(out.code, 0, "{out:?}");
    let first = d.read("expected.json");
    let e: serde_json::Value = serde_json::from_slice(&first).unwrap();
    let brief = &e["documents"]["dossier/brief.txt"];
    assert_eq!(brief["status"], "found");
    let ids: Vec<&str> = brief["findings"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.iter().all(|id| id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit())), "{ids:?}");
    // The file holds no values.
    let text = String::from_utf8(first.clone()).unwrap();
    for v in ["111222333", "Vries", "Kloosterboer", "12345678"] {
        assert!(!text.contains(v), "{v} in the expectations");
    }
    // Nothing changed: exit 0, nothing on stdout; --update rewrites the same bytes, on any -j.
    let out = d.lak(&["check", "--expect", "expected.json", "dossier", "-j", "1"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, "");
    assert!(d.lak(&["check", "--expect", "expected.json", "dossier", "--update", "-j", "2"]).code == 0);
    assert_eq!(d.read("expected.json"), first);
    // The report's findings carry the same ids; a copy of the folder elsewhere gives the same ids.
    d.lak(&["scan", "dossier", "--review", "rev"]);
    let r = d.report("rev");
    let mut report_ids = common::findings_ids(&r, "brief.txt");
    report_ids.sort();
    assert_eq!(report_ids, ids);
    d.create("elders/dossier/brief.txt", "Geachte heer De Vries,\n\nUw BSN is 111222333.\n");
    let out = d.lak(&["scan", "elders/dossier", "--review", "rev2"]);
    assert_eq!(out.code, 0, "{out:?}");
    let mut again = common::findings_ids(&d.report("rev2"), "brief.txt");
    again.sort();
    assert_eq!(again, ids);
}

#[test]
fn check_fails_with_a_readable_diff_of_what_changed() {
    let d = Dir::new();
    dossier(&d);
    assert_eq!(d.lak(&["check", "--expect", "expected.json", "dossier", "--update"]).code, 0);
    let e: serde_json::Value = serde_json::from_slice(&d.read("expected.json")).unwrap();
    let id_of = |doc: &str, rule: &str| {
        e["documents"][doc]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == rule)
            .unwrap_or_else(|| panic!("{rule} in {doc}: {e}"))["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let bsn = id_of("dossier/brief.txt", "bsn");
    // A team's rule file changes the BSN ground, a deny list adds a term, a keep list keeps a name.
    d.create("mijn.toml", BSN_RULE);
    d.create("deny.txt", "Project Zonnebloem\n");
    d.create("keep.txt", "A. Kloosterboer\n");
    let args = [
        "check",
        "--expect",
        "expected.json",
        "dossier",
        "--rules",
        "mijn.toml",
        "--deny",
        "deny.txt",
        "--keep",
        "keep.txt",
    ];
    let out = d.lak(&args);
    assert_eq!(out.code, 1, "{out:?}");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines.contains(&format!("dossier/brief.txt: changed {bsn} bsn; ground 5.1.1e → GROND-X").as_str()),
        "{lines:?}"
    );
    assert!(lines.iter().any(|l| l.starts_with("dossier/notulen.txt: status clean → found")), "{lines:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("dossier/notulen.txt: gained ") && l.ends_with("(deny-list, 5.1.2e, redact)")),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("dossier/sub/mail.txt: changed ") && l.ends_with("action redact → keep")),
        "{lines:?}"
    );
    assert!(out.stderr.contains("difference(s) from expected.json"), "{}", out.stderr);
    // No value in the diff.
    for v in ["111222333", "Kloosterboer", "Zonnebloem", "12345678"] {
        assert!(!out.stdout.contains(v), "{v} in {}", out.stdout);
    }
    // A document that is gone: its findings are lost with it.
    std::fs::remove_file(d.join("dossier/sub/mail.txt")).unwrap();
    let out = d.lak(&["check", "--expect", "expected.json", "dossier"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(out.stdout, "dossier/sub/mail.txt: document lost (no longer among the inputs)\n");
    // --update accepts the change.
    assert_eq!(d.lak(&["check", "--expect", "expected.json", "dossier", "--update"]).code, 0);
    assert_eq!(d.lak(&["check", "--expect", "expected.json", "dossier"]).code, 0);
}

#[test]
fn check_without_an_expectations_file_is_a_usage_error() {
    let d = Dir::new();
    dossier(&d);
    let out = d.lak(&["check", "--expect", "missing.json", "dossier"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("--update"), "{}", out.stderr);
    d.create("bad.json", "{\"lak_check\": 1}");
    assert_eq!(d.lak(&["check", "--expect", "bad.json", "dossier"]).code, 2);
    // check writes no report.
    assert!(!d.join("lak-report.json").exists());
}
