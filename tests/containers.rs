//! Containers in a dossier (`.zip`, `.mbox`) end to end: `lak redact` on a folder holding the zip and
//! the mailbox of fixtures/containers (built by tests/build-fixtures/containers.py with Python's
//! `zipfile`, `mailbox` and `email`), every output read back by independent tools: Python's `zipfile`
//! for the entries and their order, `unzip -t`, `pdftotext` and the Office text of the extracted
//! entries, Python's `mailbox` and `email` for the messages. A planted value must be gone from every
//! byte, every decoded reading and every entry name; an entry that needs manual handling is left out
//! of its container and listed in the report and the inventory with its code; the exit code says so.

mod common;
#[path = "common/email.rs"]
mod email;

use std::process::Command;

use common::{Dir, document, office_text, pdftotext, require, status};
use email::{python_reads, readings};

/// The values planted in the zip's entries and names (synthetic people).
const ZIP_PLANTED: &[&str] = &[
    // brief.pdf (the demo's minutes)
    "Karin Bosman",
    "Kuipers",
    "Anouk van der Linden",
    "Veenstra",
    "06-28417390",
    "Esdoornlaan 21",
    // ontvangst.docx (the demo's acknowledgement)
    "Esdoornlaan 17",
    "3704 KT",
    "693 41 27",
    "k.bosman@lakdorp.example.nl",
    // berichten/melding.eml (fixtures/mail/base64-utf8.eml)
    "zoe.vandijk@example.nl",
    "\u{d6}zdemir",
    "b.ozdemir@example.nl",
    "NL05INGB0008765432",
    "301191487",
    "06-27485913",
    // Bezwaar Roelofs 219857362.txt: in its name and its text
    "Roelofs",
    "Ilse",
    "219857362",
    // binnen.zip/notitie.txt
    "Hoogeveen",
    "Gerrit",
    "173829466",
];

/// The values planted in the mailbox, its `From ` lines included.
const MBOX_PLANTED: &[&str] =
    &["Femke", "Dijkhuizen", "f.dijkhuizen@example.nl", "247193859", "NL20INGB0001234567", "06-51738294"];

/// Reads a zip with Python's `zipfile`: entry names in order, each entry extracted into a folder (a
/// nested zip's entries under `name.d/`, reported as `name/entry`); prints JSON.
const READ_ZIP: &str = r#"
import io, json, os, sys, zipfile
path, outdir = sys.argv[1], sys.argv[2]
out = []
def walk(data, prefix):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        for info in z.infolist():
            name = prefix + info.filename
            assert info.date_time == (1980, 1, 1, 0, 0, 0), info.date_time
            assert not info.extra and not info.comment
            out.append(name)
            body = z.read(info)
            target = os.path.join(outdir, name.replace(".zip/", ".zip.d/"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as f:
                f.write(body)
            if name.endswith(".zip"):
                walk(body, name + "/")
walk(open(path, "rb").read(), "")
print(json.dumps(out))
"#;

/// Reads a mailbox with Python's `mailbox` and `email`: per message its `From ` line, its decoded
/// headers and its decoded text parts; prints JSON.
const READ_MBOX: &str = r#"
import email.policy, json, mailbox, sys
out = []
for m in mailbox.mbox(sys.argv[1], factory=None):
    msg = email.message_from_bytes(m.as_bytes(), policy=email.policy.default)
    texts = [p.get_content() for p in msg.walk() if p.get_content_maintype() == "text"]
    headers = [k + ": " + str(v) for k, v in msg.items()]
    out.append({"from_line": m.get_from(), "headers": headers, "texts": texts, "defects": [type(d).__name__ for d in msg.defects]})
print(json.dumps(out))
"#;

fn python(script: &str, args: &[&std::path::Path]) -> serde_json::Value {
    let o = Command::new("python3").args(["-c", script]).args(args).output().expect("python3 runs");
    assert!(o.status.success(), "python failed: {}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn dossier(d: &Dir) {
    d.fixture("containers/bijlagen.zip", "in/bijlagen.zip");
    d.fixture("containers/postvak.mbox", "in/postvak.mbox");
    // A loose file that names a person only by the surname a zip entry confirms.
    d.create("in/telefoonnotitie.txt", "Telefoonnotitie: mevrouw Roelofs belde terug over de kapvergunning.\n");
}

fn code(report: &serde_json::Value, doc: &str) -> String {
    document(report, doc)["reason"]["code"].as_str().unwrap_or_default().to_string()
}

#[test]
fn a_zip_and_a_mailbox_are_redacted_entry_by_entry_and_written_back_whole() {
    require("python3");
    require("unzip");
    let d = Dir::new();
    dossier(&d);
    let out = d.lak(&["redact", "in", "--out", "uit"]);
    assert_eq!(out.code, 3, "entries that need manual handling make exit code 3: {out:?}");
    let r = d.report("uit-review");

    // Every entry and message is a document of the run, under the container's path.
    for doc in [
        "in/bijlagen.zip/brief.pdf",
        "in/bijlagen.zip/ontvangst.docx",
        "in/bijlagen.zip/berichten/melding.eml",
        "in/bijlagen.zip/Bezwaar Roelofs 219857362.txt",
        "in/bijlagen.zip/binnen.zip/notitie.txt",
        "in/postvak.mbox/0001",
        "in/postvak.mbox/0003",
    ] {
        assert_eq!(status(&r, doc), "redacted", "{doc}: {}", document(&r, doc));
    }
    // Withheld entries: listed with their codes, left out of their containers.
    for (doc, c) in [
        ("in/bijlagen.zip/entry 7", "unsafe_path"),
        ("in/bijlagen.zip/foto.bmp", "corrupt"), // "BM" and zeros: a damaged picture
        ("in/postvak.mbox/0002", "unknown_charset"),
    ] {
        assert_eq!(status(&r, doc), "needs_manual", "{doc}");
        assert_eq!(code(&r, doc), c, "{doc}");
        assert!(document(&r, doc)["output"].is_null());
    }
    assert!(document(&r, "in/bijlagen.zip/entry 7")["reason"]["reason"].as_str().unwrap().contains("../../etc"));
    // The output folder holds the two containers and the package, nothing of the withheld entries.
    assert_eq!(d.documents("uit"), vec!["bijlagen.zip", "postvak.mbox", "telefoonnotitie.txt"]);
    assert!(!d.path().join("etc").exists() && !d.join("uit/../etc").exists());
    // Dossier-wide consistency: the surname confirmed in a zip entry goes from the loose note.
    let note = d.read_string("uit/telefoonnotitie.txt");
    assert!(!note.contains("Roelofs") && note.contains("belde terug"), "{note}");

    // The zip, read by Python's zipfile: the input's order, redacted names, clean entries.
    let zip = d.join("uit/bijlagen.zip");
    let t = Command::new("unzip").arg("-t").arg(&zip).output().unwrap();
    assert!(t.status.success(), "unzip -t: {}", String::from_utf8_lossy(&t.stdout));
    let extracted = d.join("zip-out");
    let names: Vec<String> = python(READ_ZIP, &[&zip, &extracted])
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        names,
        [
            "brief.pdf",
            "ontvangst.docx",
            "berichten/melding.eml",
            "Bezwaar [5.1.2e] [5.1.1e].txt",
            "binnen.zip",
            "binnen.zip/notitie.txt"
        ]
    );
    // The report says where each entry went.
    assert_eq!(
        document(&r, "in/bijlagen.zip/Bezwaar Roelofs 219857362.txt")["output"],
        "bijlagen.zip/Bezwaar [5.1.2e] [5.1.1e].txt"
    );
    assert_eq!(document(&r, "in/bijlagen.zip/binnen.zip/notitie.txt")["output"], "bijlagen.zip/binnen.zip/notitie.txt");
    let mut readings: Vec<(String, String)> = vec![("entry names".into(), names.join("\n"))];
    for name in &names {
        let path = extracted.join(name.replace(".zip/", ".zip.d/"));
        if path.is_dir() {
            continue;
        }
        readings.push((format!("{name}, bytes"), String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into()));
        if name.ends_with(".pdf") {
            readings.push((format!("{name}, pdftotext"), pdftotext(&path)));
        } else if name.ends_with(".docx") {
            readings.push((format!("{name}, text"), office_text(&path)));
        } else if name.ends_with(".eml") {
            let m = python(
                "import email, email.policy, sys\nm = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)\nimport json\nprint(json.dumps([k + ': ' + str(v) for k, v in m.items()] + [p.get_content() for p in m.walk() if p.get_content_maintype() == 'text']))",
                &[&path],
            );
            readings.push((format!("{name}, python email"), m.to_string()));
        }
    }
    for (how, text) in &readings {
        for value in ZIP_PLANTED {
            assert!(!text.contains(value), "{value:?} left in the zip ({how})");
        }
    }
    let read = |how: &str| readings.iter().find(|(h, _)| h == how).map(|(_, t)| t.as_str()).unwrap();
    assert!(read("brief.pdf, pdftotext").contains("veertien jonge linden"));
    assert!(read("ontvangst.docx, text").contains("Postbus 100"));
    assert!(read("berichten/melding.eml, python email").contains("Hierbij het rekeningnummer"));
    assert!(read("binnen.zip/notitie.txt, bytes").contains("belde over de kapvergunning"));

    // The mailbox, read by Python's mailbox: the written messages in order, no sender on a `From ` line.
    let mbox_bytes = d.read("uit/postvak.mbox");
    let messages = python(READ_MBOX, &[&d.join("uit/postvak.mbox")]);
    let messages = messages.as_array().unwrap();
    assert_eq!(messages.len(), 2);
    let mut mbox_readings = vec![String::from_utf8_lossy(&mbox_bytes).into_owned()];
    for m in messages {
        assert_eq!(m["from_line"], "MAILER-DAEMON Thu Jan  1 00:00:00 1970");
        assert!(m["defects"].as_array().unwrap().is_empty(), "{m}");
        mbox_readings.push(m.to_string());
    }
    for text in &mbox_readings {
        for value in MBOX_PLANTED {
            assert!(!text.contains(value), "{value:?} left in the mailbox");
        }
    }
    assert!(messages[0]["headers"].to_string().contains("Subject: Kapvergunning Esdoornlaan"));
    assert!(messages[1]["texts"].to_string().contains("uw bezwaar tegen de kapvergunning ontvangen"));
    assert_eq!(document(&r, "in/postvak.mbox/0003")["output"], "postvak.mbox/0002");
    assert!(document(&r, "in/postvak.mbox/0001")["scrubbed"].to_string().contains("mailbox `From ` line"));

    // The inventory lists every entry and message, the withheld ones as niet openbaar with their code.
    let inventory = d.read_string("uit/inventarislijst.csv");
    for row in [
        ";bijlagen.zip/brief.pdf;pdf;",
        ";bijlagen.zip/binnen.zip/notitie.txt;doc;",
        ";bijlagen.zip/entry 7;other;;Niet openbaar;;;Handmatig te beoordelen: bevat onderdelen met onveilige namen (unsafe_path)",
        ";postvak.mbox/0001;email;",
        ";postvak.mbox/0002;email;;Niet openbaar;",
    ] {
        assert!(inventory.contains(row), "{row} not in\n{inventory}");
    }
    for value in ZIP_PLANTED.iter().chain(MBOX_PLANTED) {
        assert!(!inventory.contains(value), "{value:?} in the inventory");
    }

    // lak's own check of the output reads the containers again and finds nothing.
    let verify = d.lak(&["verify", "uit"]);
    assert_eq!(verify.code, 0, "{verify:?}");
}

#[test]
fn hostile_zips_withhold_the_entries_they_concern_with_their_codes() {
    require("python3");
    let d = Dir::new();
    for name in ["bomb.zip", "slip.zip", "encrypted.zip", "diep.zip"] {
        d.fixture(&format!("containers/{name}"), &format!("in/{name}"));
    }
    let out = d.lak(&["redact", "in", "--out", "uit"]);
    assert_eq!(out.code, 3, "{out:?}");
    let r = d.report("uit-review");
    for (doc, c) in [
        ("in/bomb.zip/leeg.txt", "zip_limit"),
        ("in/slip.zip/entry 1", "unsafe_path"),
        ("in/slip.zip/entry 2", "unsafe_path"),
        ("in/slip.zip/entry 3", "unsafe_path"),
        ("in/encrypted.zip/geheim.txt", "encrypted"),
        ("in/diep.zip/niveau2.zip/niveau3.zip/niveau4.zip", "zip_limit"),
    ] {
        assert_eq!(status(&r, doc), "needs_manual", "{doc}");
        assert_eq!(code(&r, doc), c, "{doc}: {}", document(&r, doc));
    }
    assert_eq!(status(&r, "in/bomb.zip/gewoon.txt"), "clean");
    assert_eq!(status(&r, "in/encrypted.zip/open.txt"), "clean");
    // Containers keep what could be checked; one with nothing left is not written.
    assert_eq!(d.documents("uit"), vec!["bomb.zip", "encrypted.zip"]);
    let entries = |zip: &str| {
        let listing = python(
            "import json, sys, zipfile\nprint(json.dumps(zipfile.ZipFile(sys.argv[1]).namelist()))",
            &[&d.join(zip)],
        );
        listing.as_array().unwrap().iter().map(|n| n.as_str().unwrap().to_string()).collect::<Vec<_>>()
    };
    assert_eq!(entries("uit/bomb.zip"), ["gewoon.txt"]);
    assert_eq!(entries("uit/encrypted.zip"), ["open.txt"]);
    // Nothing escaped, nothing of the withheld entries was written anywhere.
    let all: Vec<String> = d.files("");
    assert!(!all.iter().any(|f| f.contains("ontsnapt") || f.contains("absoluut") || f.contains("terug")), "{all:?}");
    for f in d.files("uit") {
        let bytes = d.read(&format!("uit/{f}"));
        assert!(!bytes.windows(9).any(|w| w == b"219857362" || w == b"173829466"), "{f}");
    }
}

#[test]
fn a_container_that_cannot_be_opened_is_itself_a_document_that_needs_manual_handling() {
    let d = Dir::new();
    d.create("in/kapot.zip", b"PK\x03\x04 dit is geen zip");
    d.create("in/geen.mbox", "Subject: geen scheidingsregel\n\nBSN 219857362\n");
    d.create("in/leeg.mbox", "");
    d.create("in/brief.txt", "Geen persoonsgegevens.\n");
    let out = d.lak(&["redact", "in", "--out", "uit"]);
    assert_eq!(out.code, 3, "{out:?}");
    let r = d.report("uit-review");
    assert_eq!(code(&r, "in/kapot.zip"), "corrupt");
    assert_eq!(code(&r, "in/geen.mbox"), "corrupt");
    // An empty mailbox holds no documents and is not written.
    assert_eq!(r["documents"].as_array().unwrap().len(), 3);
    assert_eq!(d.documents("uit"), vec!["brief.txt"]);
}

#[test]
fn two_runs_write_byte_identical_containers() {
    let d = Dir::new();
    dossier(&d);
    assert_eq!(d.lak(&["redact", "in", "--out", "uit1"]).code, 3);
    assert_eq!(d.lak(&["redact", "in", "--out", "uit2"]).code, 3);
    let files = d.files("uit1");
    assert_eq!(files, d.files("uit2"));
    for f in &files {
        assert!(d.read(&format!("uit1/{f}")) == d.read(&format!("uit2/{f}")), "{f} differs between runs");
    }
}

#[test]
fn numbered_output_publishes_every_member_under_its_own_number() {
    let d = Dir::new();
    dossier(&d);
    let out = d.lak(&["redact", "in", "--out", "uit", "--number", "WOO"]);
    assert_eq!(out.code, 3, "{out:?}");
    let docs = d.documents("uit");
    // A row of the inventory is one file: zip entries and messages are published on their own.
    assert!(docs.contains(&"WOO-0001.pdf".to_string()), "{docs:?}");
    assert!(docs.iter().any(|f| f.ends_with(".eml")), "{docs:?}");
    assert!(!docs.iter().any(|f| f.ends_with(".zip") || f.ends_with(".mbox")), "{docs:?}");
    let r = d.report("uit-review");
    let message = document(&r, "in/postvak.mbox/0001");
    assert_eq!(message["output"].as_str().unwrap(), format!("{}.eml", message["id"].as_str().unwrap()));
}

#[test]
fn containers_named_after_people_lose_the_names_and_are_never_merged() {
    let d = Dir::new();
    let zip = |names: &[(&str, &str)]| {
        use std::io::Write;
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, text) in names {
            z.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
            z.write_all(text.as_bytes()).unwrap();
        }
        z.finish().unwrap().into_inner()
    };
    let letter = "Brief van mevrouw Ilse Roelofs en meneer Gerrit Hoogeveen over de kapvergunning.\n";
    d.create("in/Bezwaar Ilse Roelofs.zip", zip(&[("brief.txt", letter)]));
    d.create("in/Bezwaar Gerrit Hoogeveen.zip", zip(&[("brief.txt", letter), ("Map Roelofs/notitie.txt", "Niets.\n")]));
    let out = d.lak(&["redact", "in", "--out", "uit"]);
    assert_eq!(out.code, 0, "{out:?}");
    // Two containers whose names redact alike get two files, the extension kept at the end.
    assert_eq!(d.documents("uit"), vec!["Bezwaar [5.1.2e] (2).zip", "Bezwaar [5.1.2e].zip"]);
    let r = d.report("uit-review");
    assert_eq!(
        document(&r, "in/Bezwaar Gerrit Hoogeveen.zip/Map Roelofs/notitie.txt")["output"],
        "Bezwaar [5.1.2e].zip/Map [5.1.2e]/notitie.txt"
    );
    assert_eq!(document(&r, "in/Bezwaar Ilse Roelofs.zip/brief.txt")["output"], "Bezwaar [5.1.2e] (2).zip/brief.txt");
}

#[test]
fn a_zip_given_as_a_file_argument_is_a_container_too() {
    let d = Dir::new();
    d.fixture("containers/bomb.zip", "bomb.zip");
    let out = d.lak(&["redact", "bomb.zip", "--out", "uit"]);
    assert_eq!(out.code, 3, "{out:?}");
    let r = d.report("uit-review");
    assert_eq!(code(&r, "bomb.zip/leeg.txt"), "zip_limit");
    assert_eq!(document(&r, "bomb.zip/gewoon.txt")["output"], "bomb.zip/gewoon.txt");
}

/// Builds a zip of `files` (name, path) with Python's `zipfile`.
const WRITE_ZIP: &str = r#"
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for name, path in json.loads(sys.argv[2]):
        z.write(path, name)
print("[]")
"#;

#[test]
fn a_dossier_of_eml_msg_mbox_and_zip_loses_every_planted_value_and_lists_every_message() {
    if !require("python3") || !require("pdftotext") {
        return;
    }
    // Outlook messages travel inside a zip: each is read, and written into the zip as an `.eml`.
    let d = Dir::new();
    d.fixture("mail/outlook-attachments.msg", "bron/bericht.msg");
    d.fixture("mail/outlook-note.msg", "bron/notitie.msg");
    let files = serde_json::json!([
        ["bericht.msg", d.join("bron/bericht.msg")],
        ["map/notitie.msg", d.join("bron/notitie.msg")]
    ]);
    d.fixture("mail/thunderbird-reply.eml", "in/antwoord.eml");
    python(WRITE_ZIP, &[&d.join("in/export.zip"), std::path::Path::new(&files.to_string())]);
    d.fixture("mail/rtf-html.msg", "in/los.msg");
    d.fixture("containers/postvak.mbox", "in/postvak.mbox");
    // A loose note naming someone only by the surname a message in the zip confirms.
    d.create("in/notitie.txt", "Mevrouw Bosman is teruggebeld.\n");

    let out = d.lak(&["redact", "in", "--out", "uit"]);
    // postvak.mbox holds a message in an unknown charset: withheld, so the run says manual handling.
    assert_eq!(out.code, 3, "{out:?}");
    let r = d.report("uit-review");
    // Every message is a document of the report, also each one inside a container.
    for (doc, want) in [
        ("export.zip/bericht.msg", "redacted"),
        ("export.zip/map/notitie.msg", "redacted"),
        ("antwoord.eml", "redacted"),
        ("los.msg", "redacted"),
        ("postvak.mbox/0001", "redacted"),
        ("postvak.mbox/0002", "needs_manual"),
        ("notitie.txt", "redacted"),
    ] {
        assert_eq!(status(&r, doc), want, "{doc}: {}", document(&r, doc));
    }
    assert!(document(&r, "export.zip/bericht.msg")["notes"].to_string().contains("attachment "));

    // The zip holds `.eml` entries that Python's email package reads, with nothing planted left in any
    // byte, header, text or attachment (PDF through pdftotext, DOCX through its XML text).
    let entries = python(READ_ZIP, &[&d.join("uit/export.zip"), &d.join("zip")]);
    assert_eq!(entries, serde_json::json!(["bericht.eml", "map/notitie.eml"]));
    let planted: Vec<&str> = ["Femke", "Graaf", "Smits", "Karin", "Bosman", "Sjoerd", "Kuipers", "Veenstra"]
        .into_iter()
        .chain(["06-28417390", "Esdoornlaan 17", "3704 KT", "284716406", "NL46ABNA0581937264", "06-31827465"])
        .chain(["Noor El Amrani", "Daan Willems", "Anouk", "Timmermans", "a.timmermans@example.nl"])
        .collect();
    for rel in ["zip/bericht.eml", "zip/map/notitie.eml", "uit/antwoord.eml", "uit/los.eml"] {
        assert!(python_reads(&d, rel).defects.is_empty(), "{rel}: python's email package found defects");
        for (how, reading) in readings(&d, rel) {
            for value in &planted {
                assert!(!reading.contains(value), "{value:?} left in {rel} ({how})");
            }
        }
    }
    // The surname confirmed in the zip's message is gone from the loose note too.
    assert_eq!(d.read_string("uit/notitie.txt"), "Mevrouw [5.1.2e] is teruggebeld.\n");
    // lak's own check of the whole output folder agrees.
    assert_eq!(d.lak(&["verify", "uit"]).code, 0);
}
