//! The `lak` command on folders: exit codes, mirrored output, the report and its place, refusals.

mod common;

use common::{Dir, findings, status};

const LETTER: &str = "Geachte heer Jansen,\n\nUw BSN is 111222333 en uw telefoonnummer 06-12345678.\n\nMet vriendelijke groet,\n\nP.J. (Piet) Bakker\n";

fn dossier(d: &Dir) {
    d.create("dossier/brieven/brief.txt", LETTER);
    d.create("dossier/notitie.txt", "Vergadering over de begroting. Geen persoonsgegevens.\n");
}

#[test]
fn redact_mirrors_the_folder_and_writes_the_report_beside_it() {
    let d = Dir::new();
    dossier(&d);
    let out = d.lak(&["redact", "dossier", "--out", "gelakt"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(d.documents("gelakt"), vec!["brieven/brief.txt", "notitie.txt"]);
    let brief = d.read_string("gelakt/brieven/brief.txt");
    for gone in ["Jansen", "111222333", "06-12345678", "Piet", "Bakker", "P.J."] {
        assert!(!brief.contains(gone), "{gone} left in:\n{brief}");
    }
    assert!(brief.contains("Geachte heer [5.1.2e],"), "{brief}");
    assert!(brief.contains("Uw BSN is [5.1.1e]"), "{brief}");
    assert!(brief.contains("Met vriendelijke groet,\n\n[5.1.2e]\n"), "{brief}");
    // The clean document is copied unchanged.
    assert_eq!(d.read_string("gelakt/notitie.txt"), "Vergadering over de begroting. Geen persoonsgegevens.\n");
    // The report lives beside the output, never inside it.
    assert_eq!(d.files("gelakt-review"), vec!["lak-report.html", "lak-report.json", "lak-review.html"]);
    let r = d.report("gelakt-review");
    assert_eq!(r["command"], "redact");
    assert_eq!(r["counts"]["documents"], 2);
    assert_eq!(r["counts"]["redacted"], 1);
    assert_eq!(r["counts"]["clean"], 1);
    assert_eq!(status(&r, "brief.txt"), "redacted");
    let f = findings(&r, "brief.txt");
    assert!(f.contains(&("bsn".into(), "111222333".into(), "redact".into())), "{f:?}");
    assert!(f.contains(&("person-name".into(), "P.J. (Piet) Bakker".into(), "redact".into())), "{f:?}");
    // Every finding says where it is and why.
    let first = &r["documents"][0]["findings"][0];
    assert!(first["location"]["line"].as_u64().is_some());
    assert!(!first["why"].as_str().unwrap().is_empty());
    // Inputs are untouched.
    assert_eq!(d.read_string("dossier/brieven/brief.txt"), LETTER);
}

#[test]
fn scan_writes_only_the_report() {
    let d = Dir::new();
    dossier(&d);
    let out = d.lak(&["scan", "dossier", "--review", "rev"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(d.files("rev"), vec!["lak-report.html", "lak-report.json", "lak-review.html"]);
    let r = d.report("rev");
    assert_eq!(status(&r, "brief.txt"), "found");
    assert_eq!(status(&r, "notitie.txt"), "clean");
    assert_eq!(d.files("dossier").len(), 2);
}

#[test]
fn unreadable_and_unsupported_documents_need_manual_handling_and_are_withheld() {
    let d = Dir::new();
    dossier(&d);
    d.create("dossier/binary.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    d.create("dossier/latin1.txt", b"Caf\xe9 de Vries\n");
    d.create("dossier/opname.mp3", b"ID3\x04\x00");
    let out = d.lak(&["redact", "dossier", "--out", "gelakt"]);
    assert_eq!(out.code, 3, "{out:?}");
    assert!(out.stderr.contains("needs manual handling"), "{}", out.stderr);
    // Withheld documents are not in the output; the others are.
    assert_eq!(d.documents("gelakt"), vec!["brieven/brief.txt", "notitie.txt"]);
    let r = d.report("gelakt-review");
    assert_eq!(r["counts"]["needs_manual"], 3);
    let reason = |suffix: &str| {
        r["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["path"].as_str().unwrap().ends_with(suffix))
            .unwrap()["reason"]["code"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(reason("binary.txt"), "binary");
    assert_eq!(reason("latin1.txt"), "not_utf8");
    assert_eq!(reason("opname.mp3"), "unsupported_format");
    assert!(out.stderr.contains("lak handles: txt"), "{}", out.stderr);
}

#[cfg(unix)]
#[test]
fn a_file_that_cannot_be_read_does_not_stop_the_batch() {
    use std::os::unix::fs::PermissionsExt;
    let d = Dir::new();
    dossier(&d);
    let p = d.create("dossier/geheim.txt", "BSN 111222333\n");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&p).is_ok() {
        // Running as root: permissions do not stop reading; nothing to test here.
        return;
    }
    let out = d.lak(&["redact", "dossier", "--out", "gelakt"]);
    assert_eq!(out.code, 3, "{out:?}");
    assert_eq!(d.documents("gelakt"), vec!["brieven/brief.txt", "notitie.txt"]);
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_not_followed() {
    let d = Dir::new();
    dossier(&d);
    d.create("elders/geheim.txt", "BSN 111222333\n");
    std::os::unix::fs::symlink(d.join("elders/geheim.txt"), d.join("dossier/link.txt")).unwrap();
    let out = d.lak(&["redact", "dossier", "--out", "gelakt"]);
    assert_eq!(out.code, 3, "{out:?}");
    assert!(!d.join("gelakt/link.txt").exists());
    assert_eq!(status(&d.report("gelakt-review"), "link.txt"), "needs_manual");
}

#[test]
fn a_bad_rule_file_is_a_usage_error_with_file_and_line() {
    let d = Dir::new();
    dossier(&d);
    d.create("mijn.toml", "[[rule]]\nid = \"x\"\ncategory = \"c\"\nground = \"5.1.2e\"\npatterns = ['(unclosed']\n");
    let out = d.lak(&["scan", "dossier", "--rules", "mijn.toml"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("mijn.toml:5:"), "{}", out.stderr);
    assert!(out.stderr.contains("invalid pattern"), "{}", out.stderr);
}

#[test]
fn refuses_unsafe_folder_choices() {
    let d = Dir::new();
    dossier(&d);
    // Output inside the input.
    let out = d.lak(&["redact", "dossier", "--out", "dossier/gelakt"]);
    assert_eq!(out.code, 2, "{out:?}");
    // Review folder inside the output.
    let out = d.lak(&["redact", "dossier", "--out", "gelakt", "--review", "gelakt/review"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("review folder"), "{}", out.stderr);
    // A non-empty output folder.
    d.create("oud/stale.txt", "x");
    let out = d.lak(&["redact", "dossier", "--out", "oud"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("not empty"), "{}", out.stderr);
    // A missing input.
    let out = d.lak(&["scan", "bestaat-niet"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(!d.join("gelakt").exists());
}

#[test]
fn output_and_report_are_deterministic() {
    let d = Dir::new();
    dossier(&d);
    for i in 0..8 {
        d.create(
            &format!("dossier/batch/doc{i}.txt"),
            format!("Mevrouw A. de Wit-{i} belde over BSN 123456782.\n").repeat(i + 1),
        );
    }
    assert_eq!(d.lak(&["redact", "dossier", "--out", "a", "--jobs", "1"]).code, 0);
    assert_eq!(d.lak(&["redact", "dossier", "--out", "b", "--jobs", "4"]).code, 0);
    assert_eq!(d.files("a"), d.files("b"));
    for f in d.files("a") {
        assert_eq!(d.read(&format!("a/{f}")), d.read(&format!("b/{f}")), "{f} differs");
    }
    let ra = d.read_string("a-review/lak-report.json").replace("\"a/", "").replace("/a\"", "");
    let rb = d.read_string("b-review/lak-report.json").replace("\"b/", "").replace("/b\"", "");
    assert_eq!(ra, rb);
}

#[test]
fn verify_finds_residual_data_and_passes_redacted_output() {
    let d = Dir::new();
    dossier(&d);
    assert_eq!(d.lak(&["redact", "dossier", "--out", "gelakt"]).code, 0);
    let out = d.lak(&["verify", "gelakt"]);
    assert_eq!(out.code, 0, "{out:?}");
    let out = d.lak(&["verify", "dossier"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stderr.contains("residual"), "{}", out.stderr);
}

#[test]
fn rules_lists_ids_categories_and_grounds_per_mode() {
    let d = Dir::new();
    let out = d.lak(&["rules"]);
    assert_eq!(out.code, 0);
    let bsn = out.stdout.lines().find(|l| l.starts_with("bsn ")).unwrap();
    assert!(bsn.contains("5.1.1e"), "{bsn}");
    let out = d.lak(&["rules", "--mode", "inzage"]);
    let bsn = out.stdout.lines().find(|l| l.starts_with("bsn ")).unwrap();
    assert!(bsn.contains("AVG 15(4)"), "{bsn}");
}

#[test]
fn inzage_keeps_the_requesters_own_data_and_removes_others() {
    let d = Dir::new();
    d.create(
        "pakket/brief.txt",
        "Geachte heer De Vries,\n\nUw BSN 111222333 is bekend. Uw buurvrouw mevrouw A. Jansen (BSN 123456782) heeft geklaagd.\nU woont op Kerkstraat 12a, 1234 AB Haarlem.\n",
    );
    d.create(
        "verzoeker.toml",
        "name = \"Jan de Vries\"\nbsn = \"111222333\"\naddress = \"Kerkstraat 12a, 1234 AB Haarlem\"\n",
    );
    let out = d.lak(&["redact", "pakket", "--out", "uit", "--mode", "inzage", "--requester", "verzoeker.toml"]);
    assert_eq!(out.code, 0, "{out:?}");
    let brief = d.read_string("uit/brief.txt");
    assert!(brief.contains("Geachte heer De Vries"), "{brief}");
    assert!(brief.contains("Uw BSN 111222333"), "{brief}");
    assert!(brief.contains("Kerkstraat 12a, 1234 AB"), "{brief}");
    assert!(!brief.contains("Jansen") && !brief.contains("123456782"), "{brief}");
    assert!(brief.contains("[AVG 15(4)]"), "{brief}");
    let f = findings(&d.report("uit-review"), "brief.txt");
    assert!(f.iter().any(|(_, t, a)| t == "111222333" && a == "keep"), "{f:?}");
    // --requester without inzage is a usage error.
    let out = d.lak(&["scan", "pakket", "--requester", "verzoeker.toml"]);
    assert_eq!(out.code, 2, "{out:?}");
}

#[test]
fn keep_and_deny_lists() {
    let d = Dir::new();
    d.create("in/memo.txt", "Overleg met Karel Appelboom over Project Zonnebloem en BSN 111222333.\n");
    d.create("keep.txt", "# bestuurders\nKarel Appelboom\n");
    d.create("deny.txt", "Project Zonnebloem\t5.1.2h\n");
    let out = d.lak(&["redact", "in", "--out", "uit", "--keep", "keep.txt", "--deny", "deny.txt"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(d.read_string("uit/memo.txt"), "Overleg met Karel Appelboom over [5.1.2h] en BSN [5.1.1e].\n");
}

#[test]
fn officials_in_office_are_kept_and_reported() {
    let d = Dir::new();
    d.create("in/besluit.txt", "Aanwezig: wethouder P. Verhoeven en de buurman, de heer K. Smeets.\n");
    assert_eq!(d.lak(&["redact", "in", "--out", "uit"]).code, 0);
    assert_eq!(d.read_string("uit/besluit.txt"), "Aanwezig: wethouder P. Verhoeven en de buurman, de heer [5.1.2e].\n");
    let f = findings(&d.report("uit-review"), "besluit.txt");
    assert!(f.contains(&("person-name".into(), "P. Verhoeven".into(), "keep".into())), "{f:?}");
    assert_eq!(d.lak(&["redact", "in", "--out", "uit2", "--redact-officials"]).code, 0);
    assert!(!d.read_string("uit2/besluit.txt").contains("Verhoeven"));
}

#[test]
fn csv_cells_are_read_under_their_column_headers() {
    let d = Dir::new();
    d.create("in/lijst.csv", "Achternaam;Geboortedatum;BSN;Zaak\nMolenaar;14-02-1979;12345672;Z-2024-1\n");
    let out = d.lak(&["redact", "in", "--out", "uit"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        d.read_string("uit/lijst.csv"),
        "Achternaam;Geboortedatum;BSN;Zaak\n[5.1.2e];[5.1.2e];[5.1.1e];Z-2024-1\n"
    );
    let r = d.report("uit-review");
    let f = &r["documents"][0]["findings"];
    assert_eq!(f[1]["location"]["cell"], "B2");
    assert!(f[1]["why"].as_str().unwrap().contains("geboortedatum (column header)"), "{}", f[1]["why"]);
}

#[test]
fn a_value_redacted_once_is_redacted_everywhere_in_the_document() {
    let d = Dir::new();
    // The date is a date of birth only next to `Geboortedatum`; its second copy has no context.
    d.create(
        "in/formulier.txt",
        "Geboortedatum: 14-03-1987\n\nDe aanvraag is op 14-03-1987 ingeschreven, niet op 15-03-1987.\n",
    );
    let out = d.lak(&["redact", "in", "--out", "out"]);
    assert_eq!(out.code, 0, "{out:?}");
    let text = d.read_string("out/formulier.txt");
    assert!(!text.contains("14-03-1987"), "{text}");
    assert!(text.contains("niet op 15-03-1987"), "{text}");
    let r = d.report("out-review");
    let repeated = r["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["location"]["line"] == 3)
        .expect("the second copy is reported");
    assert_eq!(repeated["category"], r["documents"][0]["findings"][0]["category"]);
    assert_eq!(repeated["why"], "\"14-03-1987\" is redacted elsewhere in the document");
}

/// Streets without a `-straat`-like ending (issue 8, class 3): the street gazetteer knows them.
const STREETS: &str = "Zij woont op Rokin 84 in Amsterdam.\n\
Het adres is Lange Voorhout 9, 2514 EA Den Haag.\n\
Hij woont Achter de Hoven 12 te Leeuwarden.\n\
Bezoekadres: Plein 1944 3, Nijmegen.\n\
Afspraak op de Dam 1 in Amsterdam.\n\
Zie Bijlage 2, Artikel 3 en Agendapunt 5.\n\
Post naar Postbus 123, 1000 AB Amsterdam.\n";

#[test]
fn streets_without_a_suffix_are_addresses() {
    let d = Dir::new();
    d.create("in/brief.txt", STREETS);
    let out = d.lak(&["redact", "in", "--out", "uit"]);
    assert_eq!(out.code, 0, "{out:?}");
    // Checked on the raw bytes of the output.
    let text = d.read_string("uit/brief.txt");
    assert_eq!(
        text,
        "Zij woont op [5.1.2e].\n\
         Het adres is [5.1.2e], [5.1.2e].\n\
         Hij woont [5.1.2e].\n\
         Bezoekadres: [5.1.2e].\n\
         Afspraak op de [5.1.2e].\n\
         Zie Bijlage 2, Artikel 3 en Agendapunt 5.\n\
         Post naar Postbus 123, 1000 AB Amsterdam.\n"
    );
    let r = d.report("uit-review");
    let f = &r["documents"][0]["findings"];
    let by_text = |t: &str| {
        f.as_array().unwrap().iter().find(|x| x["text"] == t).unwrap_or_else(|| panic!("{t} not found: {f}")).clone()
    };
    // An address takes its town (`, Nijmegen`, `in Amsterdam`).
    for street in ["Rokin 84 in Amsterdam", "Plein 1944 3, Nijmegen", "Dam 1 in Amsterdam"] {
        let x = by_text(street);
        assert_eq!(x["rule"], "street-address-bag", "{x}");
        assert_eq!(x["category"], "address");
        assert_eq!(x["ground"], "5.1.2e");
        assert_eq!(x["evidence"]["gazetteers"], serde_json::json!(["streets"]), "{x}");
    }
    // `Dam` is an ordinary word: found only with context, here `op de`.
    assert_eq!(by_text("Dam 1 in Amsterdam")["evidence"]["context"], "op de");
    // The suffix rule finds these already; either way they are addresses.
    for street in ["Lange Voorhout 9", "Achter de Hoven 12 te Leeuwarden"] {
        assert_eq!(by_text(street)["category"], "address");
    }
    // The postcode of a Postbus is kept, as before.
    assert_eq!(by_text("1000 AB")["action"], "keep");
}

/// A minimal Word document with one paragraph per entry; a paragraph's runs are given separately.
fn docx(paragraphs: &[&[&str]]) -> Vec<u8> {
    let mut body = String::new();
    for runs in paragraphs {
        body.push_str("<w:p>");
        for (i, r) in runs.iter().enumerate() {
            let bold = if i % 2 == 1 { "<w:rPr><w:b/></w:rPr>" } else { "" };
            body.push_str(&format!("<w:r>{bold}<w:t xml:space=\"preserve\">{r}</w:t></w:r>"));
        }
        body.push_str("</w:p>");
    }
    common::docx_with_body(&body)
}

#[test]
fn streets_without_a_suffix_are_addresses_in_word_documents() {
    if !common::require("unzip") {
        return;
    }
    let d = Dir::new();
    d.create(
        "in/brief.docx",
        docx(&[
            &["Zij woont op ", "Rokin", " 84 in Amsterdam."],
            &["Adres: ", "Lange ", "Voorhout 9."],
            &["Hij woont Achter de Hoven 12."],
            &["Locatie Plein 1944 3."],
            &["Wonende op de Dam 1."],
            &["Zie Bijlage 2, Artikel 3 en Agendapunt 5. Postbus 123."],
        ]),
    );
    let out = d.lak(&["redact", "in", "--out", "uit"]);
    assert_eq!(out.code, 0, "{out:?}");
    // Checked with an independent extractor: unzip, then the text of the w:t elements.
    let xml = std::process::Command::new("unzip")
        .arg("-p")
        .arg(d.join("uit/brief.docx"))
        .arg("word/document.xml")
        .output()
        .unwrap();
    assert!(xml.status.success());
    let xml = String::from_utf8(xml.stdout).unwrap();
    let paragraphs: Vec<String> = xml
        .split("</w:p>")
        .filter(|p| p.contains("<w:t"))
        .map(|p| {
            p.split("<w:t").skip(1).map(|t| t.split_once('>').unwrap().1.split("</w:t>").next().unwrap()).collect()
        })
        .collect();
    assert_eq!(
        paragraphs,
        vec![
            "Zij woont op [5.1.2e].",
            "Adres: [5.1.2e].",
            "Hij woont [5.1.2e].",
            "Locatie [5.1.2e].",
            "Wonende op de [5.1.2e].",
            "Zie Bijlage 2, Artikel 3 en Agendapunt 5. Postbus 123.",
        ]
    );
}

/// The report's findings wait in a spool file in the review folder while a run goes, so that lak's
/// memory does not grow with the report (issue 10). After the run only the report is there, the same
/// bytes whatever the number of threads (documents processed again in a dossier round, pseudonyms
/// given at the end, a value in a file name, a byte copy, a document lak cannot read); after a run
/// that cannot write its report, neither a spool nor a part of a report is left.
#[test]
fn the_review_folder_holds_the_report_and_no_spool_whatever_the_threads_and_after_a_failure() {
    let d = Dir::new();
    d.create("dossier/a.txt", "Gesprek met mevrouw J. Vlonkert over haar aanvraag.\nGeboortedatum: 14-03-1987\n");
    d.create("dossier/b.txt", "Vlonkert belde terug over de brief.\nDe aanvraag van 14-03-1987 is compleet.\n");
    d.create("dossier/c.txt", "Vlonkert belde terug over de brief.\nDe aanvraag van 14-03-1987 is compleet.\n");
    d.create("dossier/brief Jansen 111222333.txt", LETTER);
    d.create("dossier/foto.bin", [0u8, 159, 146, 150]);
    let listing = |rel: &str| {
        let mut v: Vec<String> =
            std::fs::read_dir(d.join(rel)).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
        v.sort();
        v
    };
    for (review, jobs) in [("een", "1"), ("twee", "2")] {
        let o = d.lak(&["scan", "dossier", "--review", review, "--label", "pseudonym", "-j", jobs, "-q"]);
        assert_eq!(o.code, 3, "{o:?}");
        assert_eq!(listing(review), ["lak-report.html", "lak-report.json", "lak-review.html"]);
    }
    for f in ["lak-report.html", "lak-report.json", "lak-review.html"] {
        assert_eq!(d.read(&format!("een/{f}")), d.read(&format!("twee/{f}")), "{f}");
    }
    let r = d.report("een");
    assert_eq!(status(&r, "foto.bin"), "needs_manual");
    let json = d.read_string("een/lak-report.json");
    assert!(json.contains("\"label\": \"Persoon 1\""), "{json}");
    assert!(json.contains("\"part\": \"file name\""), "{json}");
    // The report cannot be written (a folder stands where the JSON goes): the run fails, and the review
    // folder holds nothing lak wrote.
    std::fs::create_dir_all(d.join("drie/lak-report.json")).unwrap();
    let o = d.lak(&["scan", "dossier", "--review", "drie", "-q"]);
    assert_eq!(o.code, 1, "{o:?}");
    assert_eq!(listing("drie"), ["lak-report.json"]);
    assert!(listing("drie/lak-report.json").is_empty());
}
