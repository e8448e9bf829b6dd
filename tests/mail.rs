//! E-mail (`.eml`) end to end: `lak redact` on messages in the styles of real mail clients (fixtures/mail,
//! built by tests/build-fixtures/mail.py with Python's `email` package), and every output read back by
//! independent tools: Python's `email` parser for the headers, the decoded bodies and the attachments,
//! then pdftotext and unzip for the attached PDF and DOCX. A planted value must be gone from every byte
//! and from every decoded reading; the MIME structure must be the one of the input.

mod common;
#[path = "common/email.rs"]
mod email;

use std::process::Command;

use common::{Dir, document, require, status};
use email::{copy_messages, python_reads, readings, withheld_with_codes};

/// Every message that lak redacts completely, with the values planted in it (synthetic people).
const MESSAGES: &[(&str, &[&str])] = &[
    (
        "outlook-alternative.eml",
        &[
            "Anouk",
            "Timmermans",
            "961145936",
            "NL44RABO0123456789",
            "06-48213579",
            "a.timmermans@example.nl",
            "timmermans%40example.nl",
            "Sanne Verhoeven",
            "s.verhoeven@juridischloket.example.nl",
            "Brouwer",
            "j.brouwer@gemeente.example.nl",
            "192.0.2.15",
            "198.51.100.7",
        ],
    ),
    (
        "thunderbird-reply.eml",
        &[
            "Anouk",
            "Timmermans",
            "a.timmermans@example.nl",
            "Jeroen",
            "Brouwer",
            "030-2861234",
            "06-19384756",
            "VX-412-K",
            "Wilgenhof 12",
            "3521 KL",
            "961145936",
            "06-48213579",
        ],
    ),
    (
        "base64-utf8.eml",
        &[
            "Zo\u{eb} van Dijk",
            "zoe.vandijk@example.nl",
            "\u{d6}zdemir",
            "b.ozdemir@example.nl",
            "Lieke",
            "Janssen",
            "NL05INGB0008765432",
            "301191487",
            "14-08-1979",
            "06-27485913",
        ],
    ),
    (
        "attachments.eml",
        &[
            "Karin",
            "Bosman",
            "Sjoerd",
            "Kuipers",
            "s.kuipers@example.nl",
            "k.bosman@lakdorp.example.nl",
            "Veenstra",
            "06-28417390",
            "Esdoornlaan 17",
            "Esdoornlaan 21",
            "3704 KT",
            "693 41 27",
        ],
    ),
    (
        "forwarded.eml",
        &["Lieke", "Janssen", "Anouk", "Timmermans", "Jeroen", "Brouwer", "961145936", "VX-412-K", "06-19384756"],
    ),
];

/// Text that is not personal data and must stay readable, per message.
const KEPT: &[(&str, &str)] = &[
    ("outlook-alternative.eml", "parkeervergunning"),
    ("outlook-alternative.eml", "Juridisch Loket"),
    ("thunderbird-reply.eml", "Team Handhaving, Gemeente Voorbeeld"),
    ("thunderbird-reply.eml", "Doorgestuurd bericht"),
    ("base64-utf8.eml", "Hierbij het rekeningnummer"),
    ("attachments.eml", "Bijgaand het verslag"),
    ("forwarded.eml", "Ter info"),
];

#[test]
fn every_planted_value_is_gone_from_every_header_body_and_attachment() {
    let d = Dir::new();
    let names: Vec<&str> = MESSAGES.iter().map(|m| m.0).collect();
    copy_messages(&d, &names);
    let out = d.lak(&["redact", "in", "--out", "uit"]);
    assert_eq!(out.code, 0, "{out:?}");
    let r = d.report("uit-review");
    for (name, planted) in MESSAGES {
        assert_eq!(status(&r, name), "redacted", "{name}: {}", document(&r, name));
        // The input as the same parser reads it: the output keeps its MIME structure.
        let before = python_reads(&d, &format!("in/{name}"));
        let after = python_reads(&d, &format!("uit/{name}"));
        assert_eq!(before.structure, after.structure, "{name}: MIME structure changed");
        assert!(after.defects.is_empty(), "{name}: python's parser found defects: {:?}", after.defects);
        assert_eq!(before.files.len(), after.files.len());
        for (how, text) in readings(&d, &format!("uit/{name}")) {
            for value in *planted {
                assert!(!text.contains(value), "{value:?} left in {name} ({how})");
            }
        }
        for (_, kept) in KEPT.iter().filter(|k| k.0 == *name) {
            assert!(after.texts.iter().any(|t| t.contains(kept)), "{kept:?} lost from {name}");
        }
    }
    // lak's own check of the outputs agrees.
    let verify = d.lak(&["verify", "uit"]);
    assert_eq!(verify.code, 0, "{verify:?}");
    // The tracking pixel, the script and Outlook's transport headers are gone; the marker says the ground.
    let outlook = String::from_utf8(d.read("uit/outlook-alternative.eml")).unwrap();
    for gone in
        ["tracker.example.com", "<script", "Thread-Index", "X-MS-Exchange", "X-Originating-IP", "multi-part message"]
    {
        assert!(!outlook.contains(gone), "{gone} still in the Outlook message");
    }
    let texts = python_reads(&d, "uit/outlook-alternative.eml").texts;
    assert!(texts[0].contains("BSN [5.1.1e]") && texts[1].contains("BSN [5.1.1e]"), "{texts:?}");
    // Attachment names are scanned: the file names of the attachments lost their people.
    let att = python_reads(&d, "uit/attachments.eml");
    assert!(att.files.iter().any(|(n, _)| n.ends_with("Verslag [5.1.2e].pdf")), "{:?}", att.files);
}

#[test]
fn a_value_found_in_one_alternative_is_removed_from_the_other() {
    // The BSN has its context word only in the plain-text part; the HTML part writes it bare in a
    // table cell, and a name only in a title attribute. One document: both go from both parts.
    let m = "From: a@example.nl\r\nSubject: x\r\nMIME-Version: 1.0\r\n\
             Content-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n--alt\r\n\
             Content-Type: text/plain; charset=utf-8\r\n\r\nBSN van de aanvrager: 301191487. Dossier Wilgenhof.\r\n--alt\r\n\
             Content-Type: text/html; charset=utf-8\r\n\r\n<table><tr><td>301191487</td></tr></table>\
             <p title=\"Bram \u{d6}zdemir\">Dossier Wilgenhof, zie Bram \u{d6}zdemir.</p>\r\n--alt--\r\n";
    let d = Dir::new();
    d.create("in/alt.eml", m);
    let out = d.lak(&["redact", "in", "--out", "uit"]);
    assert_eq!(out.code, 0, "{out:?}");
    let r = python_reads(&d, "uit/alt.eml");
    assert_eq!(r.texts.len(), 2);
    for t in &r.texts {
        assert!(!t.contains("301191487") && !t.contains("\u{d6}zdemir"), "{t}");
        assert!(t.contains("Dossier Wilgenhof"), "{t}");
    }
}

#[test]
fn hostile_and_unreadable_messages_need_manual_handling_with_their_codes() {
    let cases = [
        ("malformed-boundary.eml", "corrupt"),
        ("unknown-charset.eml", "unknown_charset"),
        ("deep-nesting.eml", "mail_too_complex"),
        ("huge-header.eml", "too_large"),
        ("smime-signed.eml", "signed"),
        ("winmail-dat.eml", "embedded_object"),
    ];
    let d = Dir::new();
    withheld_with_codes(&d, &cases);
}

#[test]
fn drop_embedded_replaces_an_attachment_lak_cannot_read() {
    let d = Dir::new();
    copy_messages(&d, &["winmail-dat.eml"]);
    let out = d.lak(&["redact", "in", "--out", "uit", "--drop-embedded"]);
    assert_eq!(out.code, 0, "{out:?}");
    let r = python_reads(&d, "uit/winmail-dat.eml");
    assert_eq!(r.structure, ["multipart/mixed", "1.text/plain", "2.text/plain"]);
    assert!(r.texts[1].contains("attachment removed"), "{:?}", r.texts);
    assert!(!String::from_utf8_lossy(&d.read("uit/winmail-dat.eml")).contains("winmail.dat"));
}

#[test]
fn scan_reports_where_in_the_message_each_value_is() {
    let d = Dir::new();
    copy_messages(&d, &["outlook-alternative.eml", "forwarded.eml"]);
    let out = d.lak(&["scan", "in", "--review", "rev"]);
    assert_eq!(out.code, 0, "{out:?}");
    let r = d.report("rev");
    let parts = |name: &str| -> Vec<String> {
        document(&r, name)["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["location"]["part"].as_str().unwrap_or("").to_string())
            .collect()
    };
    let outlook = parts("outlook-alternative.eml");
    for want in ["message, header From", "part 1 (text/plain)", "part 2 (text/html), attribute href"] {
        assert!(outlook.iter().any(|p| p == want), "{want} not in {outlook:?}");
    }
    assert!(parts("forwarded.eml").iter().any(|p| p == "part 2 (message/rfc822)!message, header From"));
    assert_eq!(document(&r, "outlook-alternative.eml")["date"], "2025-03-04");
}

#[test]
fn outputs_are_the_same_with_one_or_two_workers() {
    let d = Dir::new();
    let names: Vec<&str> = MESSAGES.iter().map(|m| m.0).collect();
    copy_messages(&d, &names);
    assert_eq!(d.lak(&["redact", "in", "--out", "a", "-j", "1"]).code, 0);
    assert_eq!(d.lak(&["redact", "in", "--out", "b", "-j", "2"]).code, 0);
    for name in names {
        assert_eq!(d.read(&format!("a/{name}")), d.read(&format!("b/{name}")), "{name} differs");
    }
}

#[test]
fn a_picture_needs_manual_handling_unless_the_user_lets_it_through() {
    // Outlook's signature logo: an inline PNG in multipart/related, referenced by cid.
    let png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    let m = format!(
        "From: Sanne Verhoeven <s.verhoeven@example.nl>\r\nSubject: logo\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/related; boundary=\"rel\"\r\n\r\n--rel\r\n\
         Content-Type: text/html; charset=utf-8\r\n\r\n<p>Groet, Sanne Verhoeven</p><img src=\"cid:logo\" alt=\"Logo\">\r\n\
         --rel\r\nContent-Type: image/png\r\nContent-ID: <logo>\r\nContent-Transfer-Encoding: base64\r\n\r\n{png}\r\n--rel--\r\n"
    );
    let d = Dir::new();
    d.create("in/logo.eml", &m);
    assert_eq!(d.lak(&["redact", "in", "--out", "a"]).code, 3);
    // One pixel holds no text: a picture OCR cannot check (or, without Tesseract, cannot read).
    let code = document(&d.report("a-review"), "logo.eml")["reason"]["code"].as_str().unwrap().to_string();
    assert!(["picture_without_text", "ocr_low_confidence", "ocr_unavailable"].contains(&code.as_str()), "{code}");

    let out = d.lak(&["redact", "in", "--out", "b", "--allow-unchecked-images"]);
    assert_eq!(out.code, 0, "{out:?}");
    let r = d.report("b-review");
    let notes = document(&r, "logo.eml")["notes"].to_string();
    assert!(notes.contains("not checked"), "{notes}");
    let after = python_reads(&d, "b/logo.eml");
    assert_eq!(after.structure, ["multipart/related", "1.text/html", "2.image/png"]);
    assert!(!after.texts[0].contains("Verhoeven"), "{:?}", after.texts);

    let out = d.lak(&["redact", "in", "--out", "c", "--drop-embedded"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(python_reads(&d, "c/logo.eml").structure, ["multipart/related", "1.text/html", "2.text/plain"]);
}

#[test]
fn an_english_message_without_personal_data_is_published_unchanged() {
    // `From` is in the surname list and `Thu` in the given-name list: neither is a person here, and
    // taking them for one redacted the `From:` header's name and withheld the message.
    let d = Dir::new();
    let m = "From: Team Vergunningen <vergunningen@gemeente.example>\r\nTo: info@example.org\r\n\
             Date: Thu, 14 Mar 2024 10:00:00 +0100\r\nSubject: Re: application\r\nMIME-Version: 1.0\r\n\
             Content-Type: text/plain; charset=utf-8\r\n\r\n\
             From the minutes: the permit is granted.\r\nOn Thu, 14 Mar 2024 the office is open.\r\n";
    d.create("in/english.eml", m);
    let out = d.lak(&["redact", "in", "--out", "uit"]);
    assert_eq!(out.code, 0, "{out:?}");
    let r = d.report("uit-review");
    assert_eq!(status(&r, "english.eml"), "clean", "{}", document(&r, "english.eml"));
    let after = python_reads(&d, "uit/english.eml");
    assert!(
        after.texts[0].contains("From the minutes") && after.texts[0].contains("On Thu, 14 Mar"),
        "{:?}",
        after.texts
    );
}

/// Standard base64 of `data`, for building messages in tests.
fn base64(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for (i, c) in data.chunks(3).enumerate() {
        if i > 0 && i % 19 == 0 {
            out.push_str("\r\n");
        }
        let n =
            (u32::from(c[0]) << 16) | (u32::from(*c.get(1).unwrap_or(&0)) << 8) | u32::from(*c.get(2).unwrap_or(&0));
        for k in 0..4 {
            out.push(if k <= c.len() { A[(n >> (18 - 6 * k) & 63) as usize] as char } else { '=' });
        }
    }
    out
}

#[test]
fn a_scanned_letter_attached_to_a_message_is_redacted_in_its_pixels() {
    if !require("tesseract") {
        return;
    }
    // The picture fixture's letter (tests/build-fixtures/pictures.sh), sent as a JPEG attachment.
    let d = Dir::new();
    d.fixture("pictures/brief-foto.jpg", "brief-foto.jpg");
    let jpg = base64(&d.read("brief-foto.jpg"));
    let m = format!(
        "From: Gemeente Voorbeeldstad <post@gemeente.example>\r\nSubject: scan\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\nZie de bijgevoegde scan.\r\n--b\r\n\
         Content-Type: image/jpeg; name=\"scan.jpg\"\r\nContent-Disposition: attachment; filename=\"scan.jpg\"\r\n\
         Content-Transfer-Encoding: base64\r\n\r\n{jpg}\r\n--b--\r\n"
    );
    d.create("in/scan.eml", &m);
    let out = d.lak(&["redact", "in", "--out", "uit"]);
    assert_eq!(out.code, 0, "{out:?}");
    let r = d.report("uit-review");
    let doc = document(&r, "scan.eml");
    assert_eq!(status(&r, "scan.eml"), "redacted", "{doc}");
    let parts: Vec<&str> =
        doc["findings"].as_array().unwrap().iter().filter_map(|f| f["location"]["part"].as_str()).collect();
    assert!(parts.iter().any(|p| p.starts_with("part 2 (scan.jpg)")), "{parts:?}");
    // The report lists every attachment it read.
    assert!(doc["notes"].to_string().contains("attachment part 2 (scan.jpg): read"), "{}", doc["notes"]);
    // Tesseract itself reads the published attachment: the values are gone, the letter is not.
    let after = python_reads(&d, "uit/scan.eml");
    assert_eq!(after.structure, ["multipart/mixed", "1.text/plain", "2.image/jpeg"]);
    let (_, path) =
        after.files.iter().find(|(n, _)| n.ends_with("scan.jpg")).unwrap_or_else(|| panic!("{:?}", after.files));
    let o = Command::new("tesseract").arg(path).args(["stdout", "-l", "nld"]).output().expect("tesseract runs");
    let read: String = String::from_utf8_lossy(&o.stdout).chars().filter(|c| c.is_alphanumeric()).collect();
    for value in ["111222333", "12345678", "NL91ABNA0417164300", "Jansen", "Vries"] {
        assert!(!read.contains(value), "{value} still readable in the attached picture: {read}");
    }
    assert!(read.contains("Voorbeeldstad") && read.contains("aanvraag"), "{read}");
}
