//! Outlook messages (`.msg`) end to end: `lak redact` on messages written per MS-OXMSG
//! (fixtures/mail/*.msg, built by tests/build-fixtures/msg.py), published as `.eml`. Independent tools
//! check both ends: olefile (a CFB reader lak does not share) proves each input is a valid compound
//! file that holds the planted values, and Python's `email` package reads every output: headers,
//! decoded bodies, saved attachments (then pdftotext and unzip). A planted value must be gone from
//! every byte and every decoded reading; the text around it must stay.

mod common;
#[path = "common/email.rs"]
mod email;

use std::process::Command;

use common::{Dir, document, office_text, pdftotext, status};
use email::{copy_messages, python_reads, withheld_with_codes};

/// The messages lak redacts completely, with the values planted in them (synthetic people).
const MESSAGES: &[(&str, &[&str])] = &[
    (
        "outlook-note.msg",
        &[
            "Femke",
            "Graaf",
            "f.degraaf@example.nl",
            "Smits",
            "r.smits@gemeente.example.nl",
            "Noor El Amrani",
            "NELAMRANI",
            "Daan Willems",
            "daan.willems@example.nl",
            "284716406",
            "NL46ABNA0581937264",
            "06-31827465",
            "192.0.2.44",
            "Kastanjelaan",
        ],
    ),
    (
        "outlook-attachments.msg",
        &[
            "Femke",
            "Graaf",
            "f.degraaf@example.nl",
            "Smits",
            "Karin",
            "Bosman",
            "Sjoerd",
            "Kuipers",
            "Veenstra",
            "06-28417390",
            "Esdoornlaan 17",
            "3704 KT",
            "Bram Hendriks",
            "b.hendriks@example.nl",
            "Gijs Mulder",
            "06-52938417",
        ],
    ),
    ("rtf-only.msg", &["Femke", "Graaf", "Smits", "284716406", "f.degraaf@example.nl"]),
    ("rtf-html.msg", &["Femke", "Graaf", "Smits", "06-31827465", "f.degraaf@example.nl"]),
];

/// Text that is no one's and must stay.
const KEPT: &[(&str, &str)] = &[
    ("outlook-note.msg", "parkeervergunning"),
    ("outlook-note.msg", "Met vriendelijke groet"),
    ("outlook-attachments.msg", "Bijgaand het verslag"),
    ("outlook-attachments.msg", "parkeert weer op de stoep"),
    ("rtf-only.msg", "Geachte heer"),
    ("rtf-html.msg", "bel mij op"),
];

/// Lists every stream of a compound file with olefile, each decoded as UTF-16LE when it is a
/// `001F` string, decompressed when it is compressed RTF (MS-OXRTFCP, written again here) and as bytes
/// otherwise; prints JSON.
const OLE_STREAMS: &str = r#"
import json, struct, sys, olefile
PRE = (b"{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript "
       b"\\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par "
       b"\\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx")
def lzfu(data):
    comp, raw, kind, crc = struct.unpack_from("<IIII", data)
    ring = bytearray(PRE.ljust(4096, b"\0")); w = len(PRE); out = bytearray(); i = 16
    while i < len(data):
        control = data[i]; i += 1
        for bit in range(8):
            if control & (1 << bit):
                ref = struct.unpack_from(">H", data, i)[0]; i += 2
                off, n = ref >> 4, (ref & 15) + 2
                if off == w:
                    return bytes(out)
                for k in range(n):
                    b = ring[(off + k) % 4096]; out.append(b); ring[w] = b; w = (w + 1) % 4096
            else:
                b = data[i]; i += 1; out.append(b); ring[w] = b; w = (w + 1) % 4096
    return bytes(out)
ole = olefile.OleFileIO(sys.argv[1])
out = {}
for path in ole.listdir(streams=True, storages=False):
    name = "/".join(path)
    data = ole.openstream(path).read()
    if name.endswith("001F"):
        out[name] = data.decode("utf-16-le", "replace")
    elif name.endswith("10090102"):
        out[name] = lzfu(data).decode("latin-1")
    else:
        out[name] = data.decode("latin-1")
print(json.dumps(out))
"#;

/// A Python that has olefile: `python3`, else Debian's own (a developer's `python3` may be another).
fn python_with_olefile() -> Option<&'static str> {
    ["python3", "/usr/bin/python3"]
        .into_iter()
        .find(|py| Command::new(py).args(["-c", "import olefile"]).output().is_ok_and(|o| o.status.success()))
}

fn ole_streams(path: &std::path::Path) -> Option<serde_json::Map<String, serde_json::Value>> {
    let Some(py) = python_with_olefile() else {
        assert!(
            std::env::var("LAK_SKIP_EXTERNAL").as_deref() == Ok("1"),
            "python3-olefile is required for this test; install it (see .ci/run) or set LAK_SKIP_EXTERNAL=1"
        );
        return None;
    };
    let o = Command::new(py).args(["-c", OLE_STREAMS]).arg(path).output().expect("python runs");
    assert!(o.status.success(), "olefile failed on {}: {}", path.display(), String::from_utf8_lossy(&o.stderr));
    Some(serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap().as_object().unwrap().clone())
}

#[test]
fn the_fixtures_are_compound_files_that_hold_their_planted_values() {
    for (name, planted) in MESSAGES {
        let Some(streams) = ole_streams(&common::fixtures().join("mail").join(name)) else { return };
        assert!(streams.contains_key("__properties_version1.0"), "{name}: {:?}", streams.keys());
        let all: String = streams.values().map(|v| v.as_str().unwrap()).collect::<Vec<_>>().join("\n");
        for value in *planted {
            // The attachments' own values are inside the PDF and DOCX, compressed: the file names and
            // the forwarded message are read here, the rest by the output check below.
            if ["Veenstra", "06-28417390", "Esdoornlaan 17", "3704 KT"].contains(value) {
                continue;
            }
            assert!(all.contains(value), "{name}: {value:?} not planted");
        }
    }
    let streams = ole_streams(&common::fixtures().join("mail/outlook-attachments.msg")).unwrap();
    assert!(streams.keys().any(|k| k.starts_with("__attach_version1.0_#00000002/__substg1.0_3701000D/")));
}

#[test]
fn every_planted_value_is_gone_from_every_header_body_and_attachment_of_the_eml() {
    let d = Dir::new();
    let names: Vec<&str> = MESSAGES.iter().map(|m| m.0).collect();
    copy_messages(&d, &names);
    let out = d.lak(&["redact", "in", "--out", "uit"]);
    assert_eq!(out.code, 0, "{out:?}");
    let r = d.report("uit-review");
    // Published as .eml, under the input's name.
    assert_eq!(d.documents("uit"), ["outlook-attachments.eml", "outlook-note.eml", "rtf-html.eml", "rtf-only.eml"]);
    for (name, planted) in MESSAGES {
        let doc = document(&r, name);
        assert_eq!(status(&r, name), "redacted", "{name}: {doc}");
        assert_eq!(doc["format"], "msg");
        let eml = name.replace(".msg", ".eml");
        assert_eq!(doc["output"], eml.as_str());
        assert!(doc["notes"].as_array().unwrap().iter().any(|n| n.as_str().unwrap().contains("published as .eml")));
        let rel = format!("uit/{eml}");
        let after = python_reads(&d, &rel);
        assert!(after.defects.is_empty(), "{name}: python's parser found defects: {:?}", after.defects);
        let mut readings = vec![
            ("bytes".to_string(), String::from_utf8_lossy(&d.read(&rel)).into_owned()),
            ("headers".to_string(), after.headers.join("\n")),
            ("texts".to_string(), after.texts.join("\n")),
        ];
        for (file, path) in &after.files {
            readings.push((format!("{file}, name"), file.clone()));
            readings.push((format!("{file}, bytes"), String::from_utf8_lossy(&std::fs::read(path).unwrap()).into()));
            if file.ends_with(".pdf") {
                readings.push((format!("{file}, pdftotext"), pdftotext(path)));
            } else if file.ends_with(".docx") {
                readings.push((format!("{file}, unzip"), office_text(path)));
            }
        }
        for (how, text) in &readings {
            for value in *planted {
                assert!(!text.contains(value), "{value:?} left in {eml} ({how})");
            }
        }
        for (_, kept) in KEPT.iter().filter(|k| k.0 == *name) {
            assert!(after.texts.iter().any(|t| t.contains(kept)), "{kept:?} lost from {eml}");
        }
    }
    // The structure the conversion gives: alternative bodies; a mixed message with the PDF, the DOCX
    // and the forwarded message as message/rfc822.
    assert_eq!(
        python_reads(&d, "uit/outlook-note.eml").structure,
        ["multipart/alternative", "1.text/plain", "2.text/html"]
    );
    let att = python_reads(&d, "uit/outlook-attachments.eml");
    assert_eq!(
        att.structure,
        [
            "multipart/mixed",
            "1.text/plain",
            "2.application/pdf",
            "3.application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "4.message/rfc822",
            "4.1.text/plain",
        ]
    );
    assert!(att.files.iter().any(|(n, _)| n.ends_with("Verslag [5.1.2e].pdf")), "{:?}", att.files);
    // The date comes from the submit time, as the message's own date.
    assert_eq!(document(&r, "outlook-note.msg")["date"], "2025-03-04");
    // What was not converted is listed, and was never copied.
    let note = document(&r, "outlook-note.msg");
    let scrubbed: Vec<&str> = note["scrubbed"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    for want in ["named properties", "transport headers", "RTF body", "Exchange (X.500) addresses"] {
        assert!(scrubbed.iter().any(|s| s.contains(want)), "{want} not in {scrubbed:?}");
    }
    let bytes = String::from_utf8_lossy(&d.read("uit/outlook-note.eml")).into_owned();
    for gone in ["Received", "X-Originating-IP", "rtf1", "Privénotitie"] {
        assert!(!bytes.contains(gone), "{gone} in the output");
    }
    // The inventory says the message became an .eml.
    let inventory = String::from_utf8(d.read("uit/inventarislijst.csv")).unwrap();
    assert!(inventory.contains("Outlook-bericht (.msg) gepubliceerd als .eml"), "{inventory}");
    // lak's own check of the outputs agrees.
    let verify = d.lak(&["verify", "uit"]);
    assert_eq!(verify.code, 0, "{verify:?}");
}

#[test]
fn hostile_and_unsupported_messages_need_manual_handling_with_their_codes() {
    let cases = [
        ("truncated.msg", "corrupt"),
        ("cyclic-chain.msg", "corrupt"),
        ("huge-size.msg", "corrupt"),
        ("smime.msg", "encrypted"),
        ("appointment.msg", "msg_unsupported"),
        ("rtf-native.msg", "msg_unsupported"),
        ("ole-attachment.msg", "embedded_object"),
    ];
    let d = Dir::new();
    let r = withheld_with_codes(&d, &cases);
    for (name, _) in cases {
        // A reason never quotes a value.
        let doc = document(&r, name);
        assert!(!doc["reason"]["reason"].as_str().unwrap().contains("Femke"), "{doc}");
    }
}

#[test]
fn drop_embedded_removes_an_ole_object_and_says_so() {
    let d = Dir::new();
    copy_messages(&d, &["ole-attachment.msg"]);
    let out = d.lak(&["redact", "in", "--out", "uit", "--drop-embedded"]);
    assert_eq!(out.code, 0, "{out:?}");
    let r = d.report("uit-review");
    let scrubbed = document(&r, "ole-attachment.msg")["scrubbed"].to_string();
    assert!(scrubbed.contains("OLE objects attached to the message removed"), "{scrubbed}");
    assert_eq!(python_reads(&d, "uit/ole-attachment.eml").structure, ["text/plain"]);
}

#[test]
fn outputs_are_the_same_with_one_or_two_workers() {
    let d = Dir::new();
    let names: Vec<&str> = MESSAGES.iter().map(|m| m.0).collect();
    copy_messages(&d, &names);
    assert_eq!(d.lak(&["redact", "in", "--out", "a", "-j", "1"]).code, 0);
    assert_eq!(d.lak(&["redact", "in", "--out", "b", "-j", "2"]).code, 0);
    for name in names {
        let eml = name.replace(".msg", ".eml");
        assert_eq!(d.read(&format!("a/{eml}")), d.read(&format!("b/{eml}")), "{eml} differs");
    }
}

#[test]
fn a_msg_and_an_eml_of_the_same_name_both_publish() {
    let d = Dir::new();
    copy_messages(&d, &["outlook-note.msg"]);
    d.create("in/outlook-note.eml", "From: a@example.nl\r\nSubject: x\r\n\r\nTekst.\r\n");
    let out = d.lak(&["redact", "in", "--out", "uit"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(d.documents("uit").len(), 2, "{:?}", d.documents("uit"));
}

#[test]
fn numbered_outputs_take_the_eml_extension_too() {
    let d = Dir::new();
    copy_messages(&d, &["outlook-note.msg", "rtf-only.msg"]);
    d.create("in/brief.txt", "Geen persoonsgegevens.\n");
    let out = d.lak(&["redact", "in", "--out", "uit", "--number", "WOO"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(d.documents("uit"), ["WOO-0001.txt", "WOO-0002.eml", "WOO-0003.eml"]);
}
