//! The red team's Office reproducers (`fixtures/office/adversarial/<finding>/`, built by
//! `tests/build-fixtures/office_redteam/`): every one is either refused (needs manual handling, nothing
//! written) or written with none of the planted values findable by a check that shares no code with lak.
//!
//! The check unzips every entry of the output with the `zip` crate (nested packages too) and searches the
//! raw file, every entry name, and every decompressed entry for each value as UTF-8, UTF-16LE, UTF-16BE,
//! decimal and hexadecimal XML character references, and in the text left after removing XML comments
//! and tags and decoding entities. Where a value is only assembled when the document is shown (a digit
//! written as a symbol, a number format, a formula), LibreOffice renders the output to PDF and the text
//! `pdftotext` gets out of it is searched too.

mod common;

use std::io::{Cursor, Read};

use common::{Dir, fixtures, require};

/// What the reproducers plant (`VALUES` in `harness.py`).
const VALUES: [&str; 7] =
    ["111222333", "123456782", "NL91ABNA0417164300", "piet.bakker@example.nl", "06-12345678", "Jansen", "de Vries"];

/// Folders whose outputs are also rendered by LibreOffice: the value only exists once the document is shown.
const RENDERED: [&str; 3] = ["leak-02", "leak-08", "leak-09"];

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Every spelling of `value` the check looks for in bytes.
fn spellings(value: &str) -> Vec<(&'static str, Vec<u8>)> {
    let le: Vec<u8> = value.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = value.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let dec: String = value.chars().map(|c| format!("&#{};", c as u32)).collect();
    let hex: String = value.chars().map(|c| format!("&#x{:x};", c as u32)).collect();
    let hex_upper: String = value.chars().map(|c| format!("&#x{:X};", c as u32)).collect();
    vec![
        ("UTF-8", value.as_bytes().to_vec()),
        ("UTF-16LE", le),
        ("UTF-16BE", be),
        ("decimal references", dec.into_bytes()),
        ("hex references", hex.into_bytes()),
        ("hex references", hex_upper.into_bytes()),
    ]
}

/// The text of an XML part with comments and tags removed and entities decoded (`None` if not UTF-8).
fn stripped(data: &[u8]) -> Option<String> {
    let s = std::str::from_utf8(data).ok()?;
    let mut text = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        text.push_str(&rest[..i]);
        let after = &rest[i..];
        let end = if after.starts_with("<!--") {
            after.find("-->").map(|e| e + 3)
        } else if after.starts_with("<![CDATA[") {
            // CDATA content is text.
            match after.find("]]>") {
                Some(e) => {
                    text.push_str(&after[9..e]);
                    Some(e + 3)
                }
                None => None,
            }
        } else {
            after.find('>').map(|e| e + 1)
        };
        match end {
            Some(e) => rest = &after[e..],
            None => {
                rest = "";
            }
        }
    }
    text.push_str(rest);
    Some(unescape(&text))
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let Some(semi) = after.find(';').filter(|&e| e <= 12) else {
            out.push('&');
            rest = &after[1..];
            continue;
        };
        let name = &after[1..semi];
        let c = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            n if n.starts_with("#x") || n.starts_with("#X") => {
                u32::from_str_radix(&n[2..], 16).ok().and_then(char::from_u32)
            }
            n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every planted value the independent check finds in `file`, as `where: value (spelling)`.
fn leaks(file: &[u8], path: &str) -> Vec<String> {
    let mut found = Vec::new();
    for v in VALUES {
        for (how, b) in spellings(v) {
            if contains(file, &b) {
                found.push(format!("{path} (raw bytes): {v} ({how})"));
            }
        }
    }
    let Ok(mut z) = zip::ZipArchive::new(Cursor::new(file)) else {
        found.push(format!("{path}: not a zip"));
        return found;
    };
    if VALUES.iter().any(|v| contains(z.comment(), v.as_bytes())) {
        found.push(format!("{path}: archive comment"));
    }
    for i in 0..z.len() {
        let mut f = match z.by_index(i) {
            Ok(f) => f,
            Err(e) => {
                found.push(format!("{path}: entry {i} unreadable: {e}"));
                continue;
            }
        };
        let name = f.name().map(|n| n.into_owned()).unwrap_or_else(|_| format!("#{i}"));
        let at = format!("{path}!{name}");
        for v in VALUES {
            if name.contains(v) {
                found.push(format!("{at} (entry name): {v}"));
            }
            if contains(f.comment().as_bytes(), v.as_bytes()) {
                found.push(format!("{at} (entry comment): {v}"));
            }
        }
        let mut data = Vec::new();
        if let Err(e) = f.read_to_end(&mut data) {
            found.push(format!("{at}: unreadable: {e}"));
            continue;
        }
        for v in VALUES {
            for (how, b) in spellings(v) {
                if contains(&data, &b) {
                    found.push(format!("{at}: {v} ({how})"));
                }
            }
        }
        // Text with tags removed (a value split over runs), and the whole part with references decoded (a
        // value written with character references in an attribute).
        if let (Some(text), Ok(whole)) = (stripped(&data), std::str::from_utf8(&data)) {
            let whole = unescape(whole);
            for v in VALUES {
                if (text.contains(v) || whole.contains(v)) && !contains(&data, v.as_bytes()) {
                    found.push(format!("{at}: {v} (split over tags or escaped)"));
                }
            }
        }
        if data.starts_with(b"PK\x03\x04") {
            found.extend(leaks(&data, &at));
        }
    }
    found
}

/// Fixture paths (relative to `fixtures/office/adversarial`) of the red team's reproducers.
fn reproducers() -> Vec<String> {
    let root = fixtures().join("office/adversarial");
    let mut out = Vec::new();
    for dir in std::fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap();
        if !dir.file_type().unwrap().is_dir() {
            continue;
        }
        for f in std::fs::read_dir(dir.path()).unwrap() {
            let f = f.unwrap();
            out.push(format!("{}/{}", dir.file_name().to_string_lossy(), f.file_name().to_string_lossy()));
        }
    }
    out.sort();
    out
}

#[test]
fn every_red_team_reproducer_is_refused_or_leaves_nothing() {
    let files = reproducers();
    assert!(files.len() >= 60, "{} reproducers", files.len());
    let d = Dir::new();
    for f in &files {
        d.fixture(&format!("office/adversarial/{f}"), &format!("in/{f}"));
    }
    let out = d.lak(&["redact", "in", "--out", "uit", "--quiet"]);
    assert!(out.code == 0 || out.code == 3, "{out:?}");
    let report = d.report("uit-review");
    let docs = report["documents"].as_array().unwrap();
    let mut problems = Vec::new();
    let mut rendered = Vec::new();
    for f in &files {
        let doc = docs
            .iter()
            .find(|x| x["path"].as_str().unwrap().replace('\\', "/").ends_with(&format!("in/{f}")))
            .unwrap_or_else(|| panic!("{f} not in the report"));
        let status = doc["status"].as_str().unwrap();
        let written = d.join(&format!("uit/{f}"));
        match status {
            "needs_manual" => {
                if written.exists() {
                    problems.push(format!("{f}: refused but written"));
                }
            }
            "redacted" | "clean" => {
                let bytes = std::fs::read(&written).unwrap_or_else(|e| panic!("{f}: {e}"));
                problems.extend(leaks(&bytes, f));
                if RENDERED.iter().any(|r| f.starts_with(r)) {
                    rendered.push(f.clone());
                }
            }
            other => problems.push(format!("{f}: status {other}")),
        }
    }
    if !rendered.is_empty() && require("soffice") && require("pdftotext") {
        let outs: Vec<String> = rendered.iter().map(|f| format!("uit/{f}")).collect();
        common::soffice_convert(&d, &outs, "pdf", "pdf");
        for f in &rendered {
            let stem = f.rsplit('/').next().unwrap().rsplit_once('.').unwrap().0;
            let pdf = d.join(&format!("pdf/{stem}.pdf"));
            let text = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
            assert!(text.status.success(), "{f}: LibreOffice did not render it ({})", pdf.display());
            let text = String::from_utf8_lossy(&text.stdout);
            let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            for v in VALUES {
                let v_squeezed: String = v.chars().filter(|c| !c.is_whitespace()).collect();
                if text.contains(v) || (v.chars().all(|c| c.is_ascii_digit()) && squeezed.contains(&v_squeezed)) {
                    problems.push(format!("{f} (rendered by LibreOffice): {v}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn the_independent_check_sees_every_spelling() {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let plain = [
        ("a.xml", "<a>BSN 111<b/>222333</a>".to_string()),
        ("b.xml", "<a v=\"&#112;iet.bakker@example.nl\"/>".to_string()),
        ("c.xml", "<a><!-- x -->Jan<![CDATA[sen]]></a>".to_string()),
    ];
    for (n, t) in &plain {
        z.start_file(*n, opts).unwrap();
        std::io::Write::write_all(&mut z, t.as_bytes()).unwrap();
    }
    z.start_file("d.bin", opts).unwrap();
    let utf16: Vec<u8> = "06-12345678".encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::io::Write::write_all(&mut z, &utf16).unwrap();
    let bytes = z.finish().unwrap().into_inner();
    let found = leaks(&bytes, "t");
    for want in ["111222333", "piet.bakker", "Jansen", "06-12345678"] {
        assert!(found.iter().any(|f| f.contains(want)), "{want}: {found:?}");
    }
}
