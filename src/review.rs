//! `lak review REVIEW_DIR`: serves a review folder's page to a browser on this machine, and saves the
//! reviewer's `decisions.json` into the folder.
//!
//! The review folder holds the personal data a run found, so the server is as small as it can be: it
//! listens on 127.0.0.1 only, every URL starts with a random token (128 bits from the operating system)
//! that is printed once and never written to a file, anything else gets `404`, and a request whose
//! `Host` is not the loopback address is refused (a web page elsewhere cannot reach the server through a
//! DNS name it controls). It answers:
//!
//! - `GET /<token>/`: `lak-review.html`, read from disk on every request;
//! - `GET /<token>/doc/<n>/original` and `.../redacted`: the documents the page links to (document
//!   number `n` in report order), sandboxed so that a hostile document cannot run script here;
//! - `GET /<token>/decisions`: the folder's `decisions.json`, so a reviewer can go on where they left;
//! - `PUT` or `POST /<token>/decisions`: a new `decisions.json` (at most [`MAX_DECISIONS_BYTES`], JSON
//!   with `"lak_decisions": 1`), written atomically, readable by the owner only.
//!
//! Plain `std::net`, one thread per connection, one request per connection: one person uses it at a
//! time, and an HTTP library would be more code to trust than this.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::pipeline::{Readers, write_atomically};
use crate::report::{PAGE_NAME, document_links};
use crate::{Error, Result};

/// File name of the reviewer's decisions in the review folder.
pub const DECISIONS_NAME: &str = "decisions.json";
/// The largest `decisions.json` accepted: a decision on every one of 200,000 findings fits.
pub const MAX_DECISIONS_BYTES: usize = 64 << 20;
/// The largest request line plus headers.
const MAX_HEAD_BYTES: usize = 16 << 10;

/// A bound server; [`Server::serve`] runs it.
pub struct Server {
    listener: TcpListener,
    token: String,
    dir: PathBuf,
    port: u16,
}

impl Server {
    /// Listens on 127.0.0.1:`port` (0: a free port) for the review folder `dir`, which must hold a
    /// review page.
    pub fn bind(dir: &Path, port: u16) -> Result<Server> {
        if !dir.join(PAGE_NAME).is_file() {
            return Err(Error::Usage(format!(
                "{}: no {PAGE_NAME} here; give the review folder of a lak scan or lak redact run",
                dir.display()
            )));
        }
        let mut secret = [0u8; 16];
        getrandom::fill(&mut secret)
            .map_err(|e| Error::Usage(format!("no random numbers from the operating system: {e}")))?;
        let token = secret.iter().map(|b| format!("{b:02x}")).collect();
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port))
            .map_err(|e| Error::Usage(format!("cannot listen on 127.0.0.1:{port}: {e}")))?;
        let port = listener.local_addr().map_err(|e| Error::io(dir, e))?.port();
        Ok(Server { listener, token, dir: dir.to_path_buf(), port })
    }

    /// The page's address, token included.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/{}/", self.port, self.token)
    }

    /// Answers requests until the process ends (Ctrl-C).
    pub fn serve(self) -> Result<()> {
        let handler = std::sync::Arc::new(Handler { token: self.token, dir: self.dir, port: self.port });
        for stream in self.listener.incoming() {
            let Ok(stream) = stream else { continue };
            let handler = handler.clone();
            std::thread::spawn(move || handler.connection(stream));
        }
        Ok(())
    }
}

struct Handler {
    token: String,
    dir: PathBuf,
    port: u16,
}

/// An answer: status, content type, extra headers, body.
struct Answer {
    status: &'static str,
    kind: &'static str,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn text(status: &'static str, body: impl Into<String>) -> Answer {
        Answer { status, kind: "text/plain; charset=utf-8", headers: Vec::new(), body: body.into().into_bytes() }
    }
    fn not_found() -> Answer {
        Answer::text("404 Not Found", "not found\n")
    }
}

struct Request {
    method: String,
    path: String,
    host: Option<String>,
    body: Vec<u8>,
}

fn same(a: &[u8], b: &[u8]) -> bool {
    // Compared in full whatever the first difference, so the time taken says nothing about the token.
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl Handler {
    fn connection(&self, stream: TcpStream) {
        let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
        let _ = stream.set_write_timeout(Some(Duration::from_secs(30)));
        let answer = match read_request(&stream) {
            Ok(req) => self.answer(&req),
            Err(a) => a,
        };
        let _ = write_answer(&stream, &answer);
    }

    fn answer(&self, req: &Request) -> Answer {
        let host_ok = req
            .host
            .as_deref()
            .is_some_and(|h| h == format!("127.0.0.1:{}", self.port) || h == format!("localhost:{}", self.port));
        if !host_ok {
            return Answer::text("403 Forbidden", "this server answers only to 127.0.0.1\n");
        }
        let path = req.path.split(['?', '#']).next().unwrap_or_default();
        let Some(rest) = path.strip_prefix('/') else { return Answer::not_found() };
        let (token, rest) = rest.split_once('/').map_or((rest, None), |(t, r)| (t, Some(r)));
        if !same(token.as_bytes(), self.token.as_bytes()) {
            return Answer::not_found();
        }
        match (req.method.as_str(), rest) {
            ("GET" | "HEAD", None) => Answer {
                status: "301 Moved Permanently",
                kind: "text/plain; charset=utf-8",
                headers: vec![("Location", format!("/{}/", self.token))],
                body: Vec::new(),
            },
            ("GET" | "HEAD", Some("")) => self.page(),
            ("GET" | "HEAD", Some("decisions")) => match std::fs::read(self.dir.join(DECISIONS_NAME)) {
                Ok(body) => Answer { status: "200 OK", kind: "application/json", headers: Vec::new(), body },
                Err(_) => Answer::not_found(),
            },
            ("PUT" | "POST", Some("decisions")) => self.save(&req.body),
            ("GET" | "HEAD", Some(doc)) => self.document(doc).unwrap_or_else(Answer::not_found),
            (_, Some("decisions" | "")) => Answer::text("405 Method Not Allowed", "method not allowed\n"),
            _ => Answer::not_found(),
        }
    }

    fn page(&self) -> Answer {
        match std::fs::read(self.dir.join(PAGE_NAME)) {
            Ok(body) => Answer {
                status: "200 OK",
                kind: "text/html; charset=utf-8",
                headers: vec![("Content-Security-Policy", crate::report::content_security_policy())],
                body,
            },
            Err(e) => Answer::text("500 Internal Server Error", format!("{PAGE_NAME}: {e}\n")),
        }
    }

    /// `doc/<n>/original` or `doc/<n>/redacted`: a file the page links to, nothing else.
    fn document(&self, path: &str) -> Option<Answer> {
        let mut parts = path.split('/');
        let (Some("doc"), Some(n), Some(which), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return None;
        };
        let n: usize = n.parse().ok()?;
        let page = std::fs::read_to_string(self.dir.join(PAGE_NAME)).ok()?;
        let (original, redacted) = document_links(&page)?.into_iter().nth(n)?;
        let link = match which {
            "original" => original?,
            "redacted" => redacted?,
            _ => return None,
        };
        let file = self.dir.join(link);
        let body = std::fs::read(&file).ok()?;
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        let kind = match ext.as_str() {
            "pdf" => "application/pdf",
            "txt" | "md" | "csv" => "text/plain; charset=utf-8",
            _ => "application/octet-stream",
        };
        let mut headers = vec![("Content-Security-Policy", "sandbox; default-src 'none'".to_string())];
        if kind == "application/octet-stream" {
            let safe: String = name.chars().map(|c| if c.is_ascii_graphic() && c != '"' { c } else { '_' }).collect();
            headers.push(("Content-Disposition", format!("attachment; filename=\"{safe}\"")));
        }
        Some(Answer { status: "200 OK", kind, headers, body })
    }

    fn save(&self, body: &[u8]) -> Answer {
        if let Err(why) = check_decisions(body) {
            return Answer::text("400 Bad Request", format!("{why}\n"));
        }
        match write_atomically(&self.dir.join(DECISIONS_NAME), body, Readers::Owner) {
            Ok(()) => Answer::text("200 OK", "saved\n"),
            Err(e) => Answer::text("500 Internal Server Error", format!("{e}\n")),
        }
    }
}

/// The shape the server insists on before it writes: JSON, an object with `"lak_decisions": 1` and a
/// `decisions` list. Every decision is checked by `lak redact --decisions`.
fn check_decisions(body: &[u8]) -> std::result::Result<(), String> {
    let v: serde_json::Value = serde_json::from_slice(body).map_err(|e| format!("not JSON: {e}"))?;
    match v.get("lak_decisions") {
        Some(n) if n == 1 => {}
        Some(n) => return Err(format!("lak_decisions {n}: this lak reads version 1")),
        None => return Err("no \"lak_decisions\": 1".into()),
    }
    if !v.get("decisions").is_some_and(serde_json::Value::is_array) {
        return Err("no \"decisions\" list".into());
    }
    Ok(())
}

fn read_request(stream: &TcpStream) -> std::result::Result<Request, Answer> {
    let bad = || Answer::text("400 Bad Request", "bad request\n");
    let mut reader = BufReader::new(stream.take(MAX_HEAD_BYTES as u64));
    let mut line = String::new();
    reader.read_line(&mut line).map_err(|_| bad())?;
    let mut words = line.split_whitespace();
    let (Some(method), Some(path), Some(_version)) = (words.next(), words.next(), words.next()) else {
        return Err(bad());
    };
    let (method, path) = (method.to_string(), path.to_string());
    let mut host = None;
    let mut length = 0usize;
    loop {
        line.clear();
        if reader.read_line(&mut line).map_err(|_| bad())? == 0 {
            return Err(Answer::text("431 Request Header Fields Too Large", "headers too large\n"));
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        let Some((name, value)) = l.split_once(':') else { return Err(bad()) };
        match name.trim().to_ascii_lowercase().as_str() {
            "host" => host = Some(value.trim().to_string()),
            "content-length" => length = value.trim().parse().map_err(|_| bad())?,
            "transfer-encoding" => return Err(Answer::text("411 Length Required", "send a Content-Length\n")),
            _ => {}
        }
    }
    if length > MAX_DECISIONS_BYTES {
        return Err(Answer::text("413 Content Too Large", format!("at most {MAX_DECISIONS_BYTES} bytes\n")));
    }
    // What the header reader already buffered belongs to the body; the rest comes from the stream.
    let mut body = reader.buffer().to_vec();
    body.truncate(length);
    if body.len() < length {
        let mut rest = vec![0; length - body.len()];
        (&*stream).read_exact(&mut rest).map_err(|_| bad())?;
        body.extend(rest);
    }
    Ok(Request { method, path, host, body })
}

fn write_answer(mut stream: &TcpStream, a: &Answer) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\
         X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n",
        a.status,
        a.kind,
        a.body.len()
    );
    for (k, v) in &a.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(&a.body)?;
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_version_1_decisions_are_saved() {
        assert!(check_decisions(br#"{"lak_decisions": 1, "decisions": []}"#).is_ok());
        assert!(check_decisions(br#"{"lak_decisions": 2, "decisions": []}"#).unwrap_err().contains("version 1"));
        assert!(check_decisions(br#"{"decisions": []}"#).is_err());
        assert!(check_decisions(br#"{"lak_decisions": 1}"#).is_err());
        assert!(check_decisions(b"<html>").is_err());
    }

    #[test]
    fn tokens_compare_in_full() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd") && !same(b"abc", b"ab"));
    }
}
