//! One person, one decision across the dossier (issues 8 and 10): a value redacted in one document of a
//! run is redacted in every other document of the run, even where that document alone gives no reason
//! to; a name kept for an office is redacted when another document redacts it for a person. Checked at
//! the level a user sees it: `lak redact` on a folder, the outputs read back as bytes, and the report.

mod common;

use common::Dir;

/// The `why` of every finding in the document whose path ends with `doc`.
fn whys(r: &serde_json::Value, doc: &str) -> Vec<String> {
    r["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"].as_str().unwrap().ends_with(doc))
        .flat_map(|d| d["findings"].as_array().unwrap().iter())
        .filter(|f| f["action"] == "redact")
        .map(|f| f["why"].as_str().unwrap().to_string())
        .collect()
}

const CONFIRMING: &str = "Gesprek met mevrouw J. Vlonkert over haar aanvraag.\nGeboortedatum: 14-03-1987\n";
const BARE: &str = "Vlonkert belde terug over de brief.\nDe aanvraag van 14-03-1987 is compleet.\n";

#[test]
fn a_name_and_a_value_redacted_in_one_document_are_redacted_in_the_others() {
    // Alone, the second document gives no reason to redact either value.
    let d = Dir::new();
    d.create("alleen/b.txt", BARE);
    let out = d.lak(&["redact", "alleen", "--out", "alleen-uit"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(d.read_string("alleen-uit/b.txt"), BARE, "the premise of this test");

    // In a dossier with the first, both go.
    d.create("dossier/a.txt", CONFIRMING);
    d.create("dossier/b.txt", BARE);
    let out = d.lak(&["redact", "dossier", "--out", "uit"]);
    assert_eq!(out.code, 0, "{out:?}");
    for doc in ["uit/a.txt", "uit/b.txt"] {
        let text = d.read_string(doc);
        assert!(!text.contains("Vlonkert") && !text.contains("14-03-1987"), "{doc}:\n{text}");
    }
    assert!(d.read_string("uit/b.txt").contains("belde terug over de brief"));
    let why = whys(&d.report("uit-review"), "b.txt");
    assert_eq!(why.len(), 2, "{why:?}");
    assert!(why.iter().any(|w| w.contains("\"J. Vlonkert\" is redacted in") && w.contains("a.txt")), "{why:?}");
    assert!(why.iter().any(|w| w.contains("\"14-03-1987\" is redacted in") && w.contains("a.txt")), "{why:?}");
}

#[test]
fn a_name_kept_for_an_office_is_redacted_when_another_document_redacts_it() {
    let d = Dir::new();
    let official = "Wethouder Vlonkert opende de bewonersavond.\n";
    d.create("alleen/c.txt", official);
    let out = d.lak(&["redact", "alleen", "--out", "alleen-uit"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(d.read_string("alleen-uit/c.txt"), official, "an official acting in office stays");

    // b.txt redacts the bare surname only through a.txt; c.txt learns of it a round later.
    d.create("dossier/a.txt", CONFIRMING);
    d.create("dossier/b.txt", BARE);
    d.create("dossier/c.txt", official);
    let out = d.lak(&["redact", "dossier", "--out", "uit"]);
    assert_eq!(out.code, 0, "{out:?}");
    let text = d.read_string("uit/c.txt");
    assert!(!text.contains("Vlonkert") && text.contains("opende de bewonersavond"), "{text}");
    let why = whys(&d.report("uit-review"), "c.txt");
    assert!(why.iter().any(|w| w.contains("is redacted for a person in") && w.contains("b.txt")), "{why:?}");
}

#[test]
fn words_and_given_names_do_not_travel_alone() {
    let d = Dir::new();
    d.create("dossier/a.txt", "Bezoek aan de heer F.M. van der Meer en zijn buurman Maarten Vlonkert.\n");
    let other = "Meer informatie over de Sint Maarten optocht volgt. Contact: F. van der Meer.\n";
    d.create("dossier/b.txt", other);
    let out = d.lak(&["redact", "dossier", "--out", "uit"]);
    assert_eq!(out.code, 0, "{out:?}");
    let text = d.read_string("uit/b.txt");
    assert!(text.starts_with("Meer informatie over de Sint Maarten optocht volgt."), "{text}");
    assert!(!text.contains("van der Meer"), "{text}");
}

#[test]
fn the_dossier_run_is_deterministic() {
    let d = Dir::new();
    d.create("dossier/a.txt", CONFIRMING);
    d.create("dossier/b.txt", BARE);
    d.create("dossier/c.txt", "Wethouder Vlonkert opende de bewonersavond.\n");
    for (out, jobs) in [("een", "1"), ("twee", "2")] {
        let run = d.lak(&["redact", "dossier", "--out", out, "--jobs", jobs]);
        assert_eq!(run.code, 0, "{run:?}");
    }
    for doc in ["a.txt", "b.txt", "c.txt"] {
        assert_eq!(d.read(&format!("een/{doc}")), d.read(&format!("twee/{doc}")), "{doc}");
    }
    assert_eq!(d.read("een-review/lak-report.json"), d.read("twee-review/lak-report.json"));
}
