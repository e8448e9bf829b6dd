//! The adapter end to end on small messages: units, redaction, and the output read back.

use super::*;

fn open(m: &str) -> Box<dyn Document> {
    Mail.open(m.as_bytes().to_vec(), &Options::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn redact_all(doc: &dyn Document, value: &str) -> Vec<u8> {
    let units = doc.units();
    let mut rs = Vec::new();
    for (u, t) in units.iter().enumerate() {
        for (s, _) in t.match_indices(value) {
            rs.push(Redaction { unit: u, start: s, end: s + value.len(), label: "5.1.2e".into() });
        }
    }
    doc.redact(&rs).unwrap_or_else(|e| panic!("{e}")).bytes
}

const ALTERNATIVE: &str = "From: =?UTF-8?B?Wm/DqyBCYWtrZXI=?= <z.bakker@example.nl>\r\n\
To: Team Handhaving <handhaving@gemeente.example.nl>\r\n\
Subject: =?iso-8859-1?Q?Overlast_bij_Zo=EB?=\r\n\
DKIM-Signature: v=1; a=rsa-sha256; d=example.nl; b=abc\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/alternative; boundary=\"=_alt\"\r\n\
\r\n\
This is a multi-part message in MIME format.\r\n\
--=_alt\r\n\
Content-Type: text/plain; charset=\"windows-1252\"\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
\r\n\
Beste Zo=EB Bakker, bel 06-12345678.\r\n\
--=_alt\r\n\
Content-Type: text/html; charset=\"windows-1252\"\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
\r\n\
<html><body><p>Beste <b>Zo&euml;</b> Bakker, bel 06-12345678.</p>=\r\n\
<a href=3D\"mailto:z.bakker@example.nl\">mail</a><img src=3D\"http://t.example/p.gif\"></body></html>\r\n\
--=_alt--\r\n";

#[test]
fn headers_and_both_alternatives_are_units() {
    let doc = open(ALTERNATIVE);
    let units = doc.units();
    assert!(units.contains(&"From: Zo\u{eb} Bakker <z.bakker@example.nl>"), "{units:?}");
    assert!(units.contains(&"Subject: Overlast bij Zo\u{eb}"));
    // The plain-text and the HTML alternative read alike.
    assert_eq!(units.iter().filter(|u| **u == "Beste Zo\u{eb} Bakker, bel 06-12345678.").count(), 2);
    assert!(units.contains(&"mailto:z.bakker@example.nl"));
    assert!(!units.iter().any(|u| u.contains("DKIM")));
    let u = units.iter().position(|u| u.starts_with("Beste")).unwrap();
    assert_eq!(doc.locate(u, 6, 9).part.as_deref(), Some("part 1 (text/plain)"));
    assert_eq!(doc.locate(0, 6, 9).part.as_deref(), Some("message, header From"));
}

#[test]
fn redacted_output_reads_back_without_the_values() {
    let doc = open(ALTERNATIVE);
    let mut out = doc.redact(&[]).unwrap().bytes;
    for v in ["Zo\u{eb} Bakker", "z.bakker@example.nl", "06-12345678", "Zo\u{eb}"] {
        let again = Mail.open(out.clone(), &Options::default()).unwrap();
        out = redact_all(again.as_ref(), v);
    }
    let again = Mail.open(out.clone(), &Options::default()).unwrap();
    let text = again.units().join("\n");
    for v in ["Bakker", "z.bakker", "06-12345678", "Zo\u{eb}", "t.example", "DKIM", "multi-part message"] {
        assert!(!text.contains(v), "{v} in {text}");
        assert!(!String::from_utf8_lossy(&out).contains(v), "{v} in the bytes");
    }
    assert!(text.contains("Subject: Overlast bij [5.1.2e]"), "{text}");
    assert!(text.contains("Team Handhaving"));
    let s = String::from_utf8(out).unwrap();
    assert!(s.contains("charset=\"utf-8\""), "{s}");
    assert!(s.contains("--=_alt--"));
}

#[test]
fn unknown_charsets_signatures_and_bad_encodings_need_manual_handling() {
    let cases = [
        ("Content-Type: text/plain; charset=x-klingon\r\n\r\nabc\r\n", "unknown_charset"),
        ("Content-Transfer-Encoding: uuencode\r\n\r\nabc\r\n", "bad_transfer_encoding"),
        ("Content-Transfer-Encoding: base64\r\n\r\nab*c\r\n", "bad_transfer_encoding"),
        ("Content-Type: multipart/signed; boundary=b\r\n\r\n--b\r\n\r\nx\r\n--b--\r\n", "signed"),
        ("Content-Type: application/pkcs7-mime\r\n\r\nabc\r\n", "encrypted"),
        ("Content-Type: application/zip; name=a.zip\r\n\r\nabc\r\n", "embedded_object"),
        ("Content-Type: image/png\r\n\r\n\u{89}PNG\r\n", "embedded_object"),
    ];
    for (m, code) in cases {
        let err = Mail.open(m.as_bytes().to_vec(), &Options::default()).err().unwrap_or_else(|| panic!("{m}"));
        assert_eq!(err.code, code, "{m}: {err}");
    }
}

#[test]
fn dates_come_from_the_date_field() {
    assert_eq!(date("Tue, 4 Mar 2025 10:12:00 +0100").as_deref(), Some("2025-03-04"));
    assert_eq!(date("garbage"), None);
}
