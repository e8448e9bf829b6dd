//! The review page (`lak-review.html`) and `lak review`, tested where a reviewer meets them: lak runs on
//! a folder of fixtures, and headless Chromium opens the page it wrote (see `common/webdriver.rs`; the
//! browser tests skip without Chromium unless `LAK_REQUIRE_BROWSER=1`, as in CI).

mod common;
#[path = "common/webdriver.rs"]
mod webdriver;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::Dir;
use serde_json::Value;

/// A line a hostile author could write: markup and a script end tag right after a BSN, so both are in
/// the BSN's context snippet.
const HOSTILE: &str =
    "BSN 111222333 <img src=x onerror=\"window.__pwned=1\"> </script><script>window.__pwned=2</script> einde";

/// A dossier of fixtures in every format lak reads, one that needs manual handling, and the hostile
/// text; returns the report after `lak redact`.
fn dossier(d: &Dir) -> Value {
    for f in ["text/brief-bezwaar.txt", "text/mail-melding.txt", "text/aanvragers.csv", "text/notulen-raad.txt"] {
        d.fixture(f, &format!("dossier/{}", Path::new(f).file_name().unwrap().to_str().unwrap()));
    }
    d.fixture("office/word-basis.docx", "dossier/word-basis.docx");
    d.fixture("office/excel-basis.xlsx", "dossier/excel-basis.xlsx");
    d.fixture("pdf/libreoffice-brief.pdf", "dossier/libreoffice-brief.pdf");
    d.fixture("office/word-ole.docx", "dossier/word-ole.docx");
    d.create("dossier/hostile.txt", format!("Notitie\n{HOSTILE}\nDe aanvraag van Project Zonnebloem is besproken.\n"));
    let out = d.lak(&["redact", "dossier", "--out", "gelakt", "-q"]);
    assert!(out.code == 0 || out.code == 3, "{out:?}");
    d.report("gelakt-review")
}

fn all_findings(r: &Value) -> Vec<(&Value, &Value)> {
    r["documents"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["findings"].as_array().unwrap().iter().map(move |f| (d, f)))
        .collect()
}

fn file_url(p: &Path) -> String {
    format!("file://{}", p.display())
}

/// The number of findings the page says it shows.
fn shown(b: &webdriver::Browser) -> usize {
    let s = b.run("return document.getElementById('shown').textContent");
    s.as_str().unwrap().split(' ').next().unwrap().parse().unwrap()
}

/// Picks `value` in the select `id` (as a person choosing from the list would, then the change event).
fn choose(b: &webdriver::Browser, id: &str, label: &str) {
    let ok = b.run(&format!(
        "const s = document.getElementById({id:?}); const o = [...s.options].find(o => o.textContent === {label:?}); \
         if (!o) return false; s.value = o.value; s.dispatchEvent(new Event('change')); return true"
    ));
    assert_eq!(ok, Value::Bool(true), "no option {label} in #{id}");
}

fn wait_for_file(p: &Path) -> Vec<u8> {
    let start = Instant::now();
    loop {
        if let Ok(bytes) = std::fs::read(p)
            && !bytes.is_empty()
        {
            return bytes;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "{} never appeared", p.display());
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn is_utc_time(s: &str) -> bool {
    let b = s.as_bytes();
    s.len() == 20 && b[4] == b'-' && b[10] == b'T' && b[19] == b'Z' && s[..4].bytes().all(|c| c.is_ascii_digit())
}

#[test]
fn the_page_lists_filters_and_searches_every_finding_and_exports_decisions() {
    let d = Dir::new();
    let r = dossier(&d);
    let Some(b) = webdriver::browser(&d.join("downloads")) else { return };
    let page = d.join("gelakt-review/lak-review.html");
    b.open(&file_url(&page));
    assert_eq!(b.alert(), None);

    // Every finding of the report is listed.
    let all = all_findings(&r);
    assert!(all.len() > 50, "{}", all.len());
    assert_eq!(shown(&b), all.len());
    // The document that needs manual handling comes first, with its reason and advice.
    let manual =
        b.run("return document.getElementById('manual').hidden ? '' : document.getElementById('manual').textContent");
    assert!(manual.as_str().unwrap().contains("embedded_object"), "{manual}");
    assert!(manual.as_str().unwrap().contains("What you can do"), "{manual}");

    // Filters narrow the list to exactly what the report says.
    let count = |pred: &dyn Fn(&Value, &Value) -> bool| all.iter().filter(|(d, f)| pred(d, f)).count();
    choose(&b, "f-category", "bsn");
    assert_eq!(shown(&b), count(&|_, f| f["category"] == "bsn"));
    choose(&b, "f-action", "keep");
    assert_eq!(shown(&b), count(&|_, f| f["category"] == "bsn" && f["action"] == "keep"));
    choose(&b, "f-category", "any category");
    assert_eq!(shown(&b), count(&|_, f| f["action"] == "keep"));
    assert!(shown(&b) > 0);
    choose(&b, "f-action", "redact and keep");
    let rule = all[0].1["rule"].as_str().unwrap();
    choose(&b, "f-rule", rule);
    assert_eq!(shown(&b), count(&|_, f| f["rule"] == rule));
    choose(&b, "f-rule", "any rule");
    choose(&b, "f-status", "needs_manual");
    assert_eq!(shown(&b), 0);
    choose(&b, "f-status", "any status");

    // Search, typed: `/` focuses the box.
    b.type_into("#list", "/");
    b.type_into("#search", "111222333");
    b.wait(&format!(
        "return document.getElementById('shown').textContent.startsWith('{} ')",
        count(&|d, f| {
            f["text"].as_str().unwrap().contains("111222333")
                || format!("{} {}", d["name"].as_str().unwrap(), d["id"].as_str().unwrap()).contains("111222333")
        })
    ));
    b.run("const s = document.getElementById('search'); s.value = ''; s.dispatchEvent(new Event('input'))");
    b.wait(&format!("return document.getElementById('shown').textContent.startsWith('{} ')", all.len()));

    // Keyboard: j moves to the next finding, n to the next document.
    let value = || b.run("return document.querySelector('#detail td').textContent");
    assert_eq!(value(), all[0].1["text"]);
    b.type_into("#list", "j");
    assert_eq!(value(), all[1].1["text"]);
    b.type_into("#list", "n");
    let second_doc = all.iter().find(|(d, _)| d["id"] != all[0].0["id"]).unwrap();
    assert_eq!(value(), second_doc.1["text"]);
    b.type_into("#list", "p");
    assert_eq!(value(), all[0].1["text"]);

    // Decisions: flip the first finding with x, add a term, mark a passage in the hostile document.
    b.type_into("#reviewer", "A. Beoordelaar");
    b.type_into("#note", "wethouder in functie");
    b.type_into("#list", "x");
    b.type_into("#term", "Project Zonnebloem");
    choose(&b, "term-ground", "5.1.2i");
    b.click("#term-add");
    let hostile = r["documents"]
        .as_array()
        .unwrap()
        .iter()
        .position(|d| d["path"].as_str().unwrap().ends_with("hostile.txt"))
        .unwrap();
    let hdoc = &r["documents"][hostile];
    let bsn = hdoc["findings"].as_array().unwrap().iter().find(|f| f["text"] == "111222333").expect("the BSN is found");
    choose(
        &b,
        "f-doc",
        &format!(
            "{} {} ({})",
            hdoc["id"].as_str().unwrap(),
            hdoc["name"].as_str().unwrap(),
            hdoc["findings"].as_array().unwrap().len()
        ),
    );
    b.run("const s = document.getElementById('search'); s.value = '111222333'; s.dispatchEvent(new Event('input'))");
    b.wait("return document.getElementById('shown').textContent.startsWith('1 ')");
    // The links open the original and the redacted document (relative file URLs from the review folder).
    let links = b.run("return [...document.querySelectorAll('#detail a')].map(a => [a.textContent, a.href])");
    let links: Vec<(String, String)> = serde_json::from_value(links).unwrap();
    let file = |url: &str| std::fs::read(url.strip_prefix("file://").expect("a file URL")).unwrap();
    assert_eq!(links.len(), 2, "{links:?}");
    assert_eq!((links[0].0.as_str(), file(&links[0].1)), ("original", d.read("dossier/hostile.txt")));
    assert_eq!((links[1].0.as_str(), file(&links[1].1)), ("redacted", d.read("gelakt/hostile.txt")));
    let snippet = b.run("return document.getElementById('snippet').textContent");
    assert!(snippet.as_str().unwrap().contains("<img src=x onerror=\"window.__pwned=1\">"), "{snippet}");
    // Mark " <img src=x" after the BSN: the text of the span after the value, its first 11 characters.
    b.run(
        "const v = document.querySelector('#snippet .value'); const t = v.nextSibling.firstChild; \
         const r = document.createRange(); r.setStart(t, 0); r.setEnd(t, 11); \
         const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);",
    );
    b.click("#passage");
    b.wait("return document.getElementById('decided').textContent.startsWith('3 decisions')");

    // Export: a real download of decisions.json.
    b.click("#export");
    let bytes = wait_for_file(&d.join("downloads/decisions.json"));
    let file: Value = serde_json::from_slice(&bytes).expect("decisions.json is JSON");
    assert_eq!(file["lak_decisions"], 1);
    let ds = file["decisions"].as_array().unwrap();
    assert_eq!(ds.len(), 3, "{file:#}");
    let first = all[0].1;
    let flip = &ds[0];
    assert_eq!(flip["kind"], "finding");
    assert_eq!(flip["finding"], first["id"]);
    assert_eq!(flip["action"], if first["action"] == "redact" { "keep" } else { "redact" });
    assert_eq!(flip["text"], first["text"]);
    assert_eq!(flip["document"], all[0].0["id"]);
    assert_eq!(flip["note"], "wethouder in functie");
    assert_eq!(ds[1].get("note"), None, "a note goes with one decision");
    let term = &ds[1];
    assert_eq!(
        (&term["kind"], &term["value"], &term["action"], &term["ground"]),
        (&"value".into(), &"Project Zonnebloem".into(), &"redact".into(), &"5.1.2i".into())
    );
    let passage = &ds[2];
    assert_eq!(passage["kind"], "passage");
    assert_eq!(passage["sha256"], hdoc["sha256"]);
    assert_eq!(passage["unit"], bsn["unit"]);
    assert_eq!(passage["action"], "redact");
    assert_eq!(passage["ground"], "5.2");
    assert_eq!(passage["text"], " <img src=x");
    // The offsets address the unit (for a text file: the file) byte for byte.
    let text = d.read_string("dossier/hostile.txt");
    let (s, e) = (passage["start"].as_u64().unwrap() as usize, passage["end"].as_u64().unwrap() as usize);
    assert_eq!(&text[s..e], " <img src=x");
    for x in ds {
        assert_eq!(x["reviewer"], "A. Beoordelaar");
        assert!(is_utc_time(x["time"].as_str().unwrap()), "{x}");
    }

    // The hostile text was shown as text and nothing in it ran.
    assert_eq!(b.alert(), None);
    assert_eq!(b.run("return typeof window.__pwned"), "undefined");
    assert_eq!(b.run("return document.querySelectorAll('img').length"), 0);
    assert_eq!(
        b.run("return document.querySelectorAll('script').length"),
        b.run(&format!(
            "return {} + 1",
            r["documents"].as_array().unwrap().iter().filter(|d| !d["findings"].as_array().unwrap().is_empty()).count()
                + 1
        ))
    );
}

/// `lak review` running in the background; killed on drop.
struct Review {
    child: Child,
    url: String,
}

impl Review {
    fn start(dir: &Path) -> Review {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lak"))
            .args(["review", "--no-open", "--port", "0"])
            .arg(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        Review { child, url: line.trim().to_string() }
    }
}

impl Drop for Review {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A raw HTTP/1.0 request: (status code, body).
fn request(port: u16, method: &str, path: &str, host: &str, body: &[u8]) -> (u16, Vec<u8>) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let head = format!("{method} {path} HTTP/1.0\r\nHost: {host}\r\nContent-Length: {}\r\n\r\n", body.len());
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut resp = Vec::new();
    s.read_to_end(&mut resp).unwrap();
    let split = resp.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let code = String::from_utf8_lossy(&resp[9..12]).parse().unwrap();
    (code, resp[split + 4..].to_vec())
}

#[test]
fn lak_review_serves_the_page_on_loopback_under_its_token_and_saves_decisions() {
    let d = Dir::new();
    d.fixture("text/brief-bezwaar.txt", "dossier/brief-bezwaar.txt");
    assert_eq!(d.lak(&["scan", "dossier", "--review", "rev", "-q"]).code, 0);
    let server = Review::start(&d.join("rev"));
    let url = server.url.clone();
    let rest = url.strip_prefix("http://127.0.0.1:").expect("a loopback address");
    let (port, path) = rest.split_once('/').unwrap();
    let port: u16 = port.parse().unwrap();
    let token = path.trim_end_matches('/');
    assert!(token.len() >= 32 && token.bytes().all(|b| b.is_ascii_hexdigit()), "{token}");
    let host = format!("127.0.0.1:{port}");
    // Listening on the loopback address only (Linux: the kernel's table of listening sockets).
    #[cfg(target_os = "linux")]
    {
        let tcp = std::fs::read_to_string("/proc/net/tcp").unwrap()
            + &std::fs::read_to_string("/proc/net/tcp6").unwrap_or_default();
        let listening: Vec<&str> = tcp
            .lines()
            .filter(|l| {
                let f: Vec<&str> = l.split_whitespace().collect();
                f.len() > 3 && f[3] == "0A" && f[1].ends_with(&format!(":{port:04X}"))
            })
            .map(|l| l.split_whitespace().nth(1).unwrap())
            .collect();
        assert_eq!(listening, vec![format!("0100007F:{port:04X}")]);
    }
    // The token and nothing else.
    assert_eq!(request(port, "GET", &format!("/{token}/"), &host, b"").0, 200);
    assert_eq!(request(port, "GET", "/", &host, b"").0, 404);
    assert_eq!(request(port, "GET", "/lak-review.html", &host, b"").0, 404);
    let wrong: String = token.chars().rev().collect();
    assert_eq!(request(port, "GET", &format!("/{wrong}/"), &host, b"").0, 404);
    assert_eq!(request(port, "GET", &format!("/{token}/../rev/lak-report.json"), &host, b"").0, 404);
    // Another Host (a DNS name pointed at 127.0.0.1 by a page elsewhere) is refused.
    assert_eq!(request(port, "GET", &format!("/{token}/"), "evil.example:80", b"").0, 403);
    // The token is never written into the page.
    assert!(!d.read_string("rev/lak-review.html").contains(token));
    // The original document, as the page links to it.
    let (code, body) = request(port, "GET", &format!("/{token}/doc/0/original"), &host, b"");
    assert_eq!((code, body), (200, d.read("dossier/brief-bezwaar.txt")));
    // No decisions yet; bad ones are refused.
    assert_eq!(request(port, "GET", &format!("/{token}/decisions"), &host, b"").0, 404);
    assert_eq!(
        request(port, "PUT", &format!("/{token}/decisions"), &host, b"{\"lak_decisions\": 2, \"decisions\": []}").0,
        400
    );
    assert_eq!(request(port, "PUT", &format!("/{token}/decisions"), &host, b"not json").0, 400);
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "PUT /{token}/decisions HTTP/1.0\r\nHost: {host}\r\nContent-Length: 999999999\r\n\r\n").unwrap();
    let mut resp = String::new();
    let _ = s.read_to_string(&mut resp);
    assert!(resp.starts_with("HTTP/1.1 413"), "{resp}");
    assert!(!d.join("rev/decisions.json").exists());

    let Some(b) = webdriver::browser(&d.join("downloads")) else { return };
    b.open(&url);
    b.type_into("#reviewer", "A. Beoordelaar");
    b.type_into("#list", "x");
    b.click("#save");
    b.wait("return document.getElementById('state').textContent.startsWith('Saved')");
    let saved: Value = serde_json::from_slice(&d.read("rev/decisions.json")).unwrap();
    let r = d.report("rev");
    assert_eq!(saved["lak_decisions"], 1);
    assert_eq!(saved["decisions"][0]["finding"], r["documents"][0]["findings"][0]["id"]);
    assert_eq!(saved["decisions"][0]["reviewer"], "A. Beoordelaar");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(d.join("rev/decisions.json")).unwrap().permissions().mode() & 0o777, 0o600);
    }
    // A reviewer who comes back goes on from the saved file.
    b.open(&url);
    b.wait("return document.getElementById('decided').textContent.startsWith('1 decision')");
    assert_eq!(b.alert(), None);
    // Going through the findings to redact, a flip takes the finding out of the list and the next one
    // takes its place: the reviewer is not sent back to the top.
    let findings = r["documents"][0]["findings"].as_array().unwrap();
    let redact: Vec<&Value> = findings
        .iter()
        .enumerate()
        .filter(|(i, f)| (f["action"] == "redact") != (*i == 0))
        .map(|(_, f)| &f["text"])
        .collect();
    assert!(redact.len() > 3);
    choose(&b, "f-action", "redact");
    b.type_into("#list", "j");
    let value = || b.run("return document.querySelector('#detail td').textContent");
    assert_eq!(&value(), redact[1]);
    b.type_into("#list", "x");
    assert_eq!(&value(), redact[2]);
}

#[test]
fn the_page_is_byte_identical_for_the_same_input_and_holds_no_token_or_time() {
    let d = Dir::new();
    d.fixture("text/brief-bezwaar.txt", "dossier/brief-bezwaar.txt");
    d.fixture("text/aanvragers.csv", "dossier/aanvragers.csv");
    assert_eq!(d.lak(&["scan", "dossier", "--review", "rev1", "-q"]).code, 0);
    assert_eq!(d.lak(&["scan", "dossier", "--review", "rev2", "-q", "--jobs", "1"]).code, 0);
    let page = d.read("rev1/lak-review.html");
    assert_eq!(page, d.read("rev2/lak-review.html"));
    // Owner-only, like the report.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(d.join("rev1/lak-review.html")).unwrap().permissions().mode() & 0o777, 0o600);
    }
    // Self-contained: nothing is loaded from elsewhere.
    let text = String::from_utf8(page).unwrap();
    assert!(text.contains("default-src 'none'"));
    for needle in ["src=\"http", "href=\"http", "@import", "url("] {
        assert!(!text.contains(needle), "{needle}");
    }
}
