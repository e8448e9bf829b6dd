//! The review page, `lak-review.html`: where a person goes through every finding of a run, with its
//! context, and records decisions (`decisions.json`) for `lak redact --decisions`.
//!
//! One self-contained file: the page's markup, style and script (`review_page/`) with the run's data
//! embedded as JSON, and a Content-Security-Policy that lets nothing be loaded from elsewhere and only
//! this script run (by its hash). Document text is data, never markup: it sits in
//! `<script type="application/json">` blocks with `<`, `>`, `&`, U+2028 and U+2029 escaped, and the script
//! puts it on screen with `textContent` only.
//!
//! **Scale.** A large Woo request has 10,000 documents and 200,000 findings. The page does not build a
//! table of them: one index block holds what filtering needs, column by column (document, rule,
//! category, ground, confidence, action, value), and each document's details (context, location, why)
//! are a block of their own, parsed the first time one of its findings is on screen; the list renders
//! only the rows in view. Figures: docs/review.md.
//!
//! The page holds no timestamps or random ids: the same report gives the same bytes. `lak review` (see
//! [`crate::review`]) serves it and finds the documents it links to with [`document_links`].

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use serde::Serialize;

use super::spool::{self, Store};
use super::{DocumentReport, FindingReport, Report, Status};
use crate::model::{Action, Code};

/// File name of the review page.
pub const PAGE_NAME: &str = "lak-review.html";

const HTML: &str = include_str!("review_page/page.html");
const CSS: &str = include_str!("review_page/page.css");
const JS: &str = include_str!("review_page/page.js");

/// The id of the index block; [`document_links`] reads it back.
const INDEX_ID: &str = "lak-index";

/// Grounds a reviewer can choose for an added term or passage besides those the report uses: the
/// personal-data grounds of the Woo (art. 5.1) and personal opinions on policy (5.2).
const GROUNDS: &[&str] =
    &["5.1.1c", "5.1.1d", "5.1.1e", "5.1.2a", "5.1.2c", "5.1.2d", "5.1.2e", "5.1.2f", "5.1.2h", "5.1.2i", "5.2"];

/// Where the page links to a document: paths relative to the review folder, `/`-separated,
/// percent-encoded, so that the page works when the review folder is opened in place.
pub(super) struct Links {
    docs: Vec<(Option<String>, Option<String>)>,
}

impl Links {
    /// The links of every document of `report`, written to `dir`; `out` is the output folder of a
    /// redact run.
    pub(super) fn new(report: &Report, dir: &Path, out: Option<&Path>) -> Links {
        let base = absolute(dir);
        let docs = report
            .documents
            .iter()
            .map(|d| {
                // A link is never followed by lak; the page does not offer one either.
                let original = d
                    .reason
                    .as_ref()
                    .is_none_or(|m| m.code != "not_a_file")
                    .then(|| relative_url(&base, &container_file(&absolute(Path::new(&d.path)))));
                let redacted = match (out, &d.output) {
                    (Some(out), Some(o)) if d.status != Status::NeedsManual => {
                        Some(relative_url(&base, &container_file(&absolute(&out.join(o)))))
                    }
                    _ => None,
                };
                (original, redacted)
            })
            .collect();
        Links { docs }
    }
}

/// The file a link opens for `path`: the path itself, or for an entry of a container
/// (`bijlagen.zip/brief.pdf`, `postvak.mbox/0003`), which is no file of its own, the container.
fn container_file(path: &Path) -> PathBuf {
    if path.exists() {
        return path.to_path_buf();
    }
    path.ancestors().skip(1).find(|a| a.is_file()).map_or_else(|| path.to_path_buf(), Path::to_path_buf)
}

fn absolute(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    // `a/../b` → `b`: the relative link is computed on plain components.
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// The link from folder `base` to `target`, both absolute.
fn relative_url(base: &Path, target: &Path) -> String {
    let b: Vec<_> = base.components().collect();
    let t: Vec<_> = target.components().collect();
    let common = b.iter().zip(&t).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = vec!["..".to_string(); b.len() - common];
    parts.extend(t[common..].iter().map(|c| percent_encode(&c.as_os_str().to_string_lossy())));
    parts.join("/")
}

fn percent_encode(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            o.push(b as char);
        } else {
            let _ = write!(o, "%{b:02X}");
        }
    }
    o
}

/// What the page needs to filter: strings once in tables, findings as columns.
#[derive(Serialize)]
struct Index<'a> {
    meta: Meta<'a>,
    rules: Vec<String>,
    categories: Vec<String>,
    grounds: Vec<String>,
    /// Grounds offered for added terms and passages.
    choices: Vec<String>,
    docs: Vec<Doc<'a>>,
    f: Columns,
    names: Vec<NameFinding<'a>>,
    /// Decisions that no longer fit the documents (see `stale_decisions` in the report).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    stale: &'a [super::StaleDecision],
}

#[derive(Serialize)]
struct Meta<'a> {
    lak_version: &'a str,
    command: &'a str,
    mode: String,
    ruleset: &'a str,
    counts: &'a super::Counts,
}

#[derive(Serialize)]
struct Doc<'a> {
    id: &'a str,
    name: &'a str,
    path: &'a str,
    status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<Reason<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    original: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    redacted: Option<&'a str>,
    sha256: &'a str,
    /// Index of its first finding in the columns; its findings follow in order.
    first: usize,
    n: usize,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    notes: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    scrubbed: &'a [String],
}

#[derive(Serialize)]
struct Reason<'a> {
    code: &'a str,
    reason: &'a str,
    /// What the reviewer can do about it.
    help: &'static str,
}

/// One column per field; row `i` is finding `i`.
#[derive(Serialize, Default)]
struct Columns {
    /// Document index.
    d: Vec<u32>,
    /// Rule, category and ground: indexes into the tables.
    r: Vec<u32>,
    c: Vec<u32>,
    g: Vec<u32>,
    /// Confidence in hundredths.
    p: Vec<u8>,
    /// 0 redact, 1 keep.
    a: Vec<u8>,
    /// The value.
    t: Vec<String>,
}

/// A finding's details, in its document's block.
#[derive(Serialize)]
pub(super) struct Detail<'a> {
    id: &'a str,
    unit: usize,
    why: &'a str,
    at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    keep: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cx: Option<&'a super::context::Context>,
    /// Who decided, when a reviewer did (the rules otherwise: left out to keep the page small).
    #[serde(skip_serializing_if = "Option::is_none")]
    decided_by: Option<&'a crate::model::DecidedBy>,
}

#[derive(Serialize)]
struct NameFinding<'a> {
    name: &'a str,
    redacted: &'a str,
    text: &'a str,
    rule: &'a str,
    ground: &'a str,
    keep: Option<&'a str>,
}

/// Interns strings into a table.
struct Table {
    items: Vec<String>,
    index: std::collections::HashMap<String, u32>,
}

impl Table {
    fn new() -> Self {
        Table { items: Vec::new(), index: std::collections::HashMap::new() }
    }
    fn get(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.items.len() as u32;
        self.items.push(s.to_string());
        self.index.insert(s.to_string(), i);
        i
    }
}

fn keep_reason(f: &FindingReport) -> Option<&str> {
    match &f.action {
        Action::Redact => None,
        Action::Keep { reason } => Some(reason),
    }
}

/// What a reviewer can do about a document withheld for `code`.
pub(crate) fn what_to_do(code: Code) -> &'static str {
    match code {
        Code::UnsupportedFormat | Code::Binary | Code::UnsupportedContent | Code::PdfUnsupported => {
            "Convert it to a format lak reads (text, CSV, DOCX/XLSX/PPTX, PDF with text) and run lak again, or redact it by hand."
        }
        Code::NotUtf8 => "Save it as UTF-8 text and run lak again.",
        Code::TooLarge | Code::ZipLimit | Code::PdfTooComplex => {
            "Split it into smaller documents and run lak again, or redact it by hand."
        }
        Code::Unreadable | Code::OutputUnreadable | Code::WriteFailed => {
            "Check that the file can be read and the folders written, then run lak again."
        }
        Code::NotAFile => "Copy the file the link points to into the dossier itself and run lak again.",
        Code::Encrypted => "Ask the sender for a copy without a password, or open and save it without protection.",
        Code::Corrupt | Code::PdfUnreadable | Code::UnsafePath | Code::DuplicateEntry | Code::XmlDtd => {
            "Open it in the program that made it, save a clean copy and run lak again; otherwise redact it by hand."
        }
        Code::EmbeddedObject => {
            "Remove or extract the embedded objects (or run with --drop-embedded) and run lak again."
        }
        Code::PdfImageOnly | Code::PdfUndecodableText => {
            "Run text recognition (OCR) on it and check the result, or redact the scan by hand."
        }
        Code::ResidualAfterRedaction | Code::ResidualBytesAfterRedaction => {
            "Redact it by hand: lak could not remove every value, so it published nothing. Add a decision or a deny term and run again."
        }
        Code::InternalError => "A bug in lak stopped it: please report it, and redact this document by hand.",
        Code::DuplicateDiffers => "Check the copies of this document: publish the one that hides the most.",
        Code::Signed => {
            "Ask for the message without its signature (or save its content without it), or redact it by hand."
        }
        Code::UnknownCharset | Code::BadTransferEncoding => {
            "Open the message in a mail client, save it again (as UTF-8 where it asks) and run lak again; otherwise redact it by hand."
        }
        Code::MsgUnsupported => {
            "Save it from Outlook as a message in HTML or text (or print it to PDF) and run lak again; otherwise redact it by hand."
        }
        Code::MailTooComplex => {
            "Save the attached messages and files separately and run lak on them, or redact it by hand."
        }
        Code::OcrUnavailable => {
            "Install Tesseract (Debian: apt-get install tesseract-ocr tesseract-ocr-nld) and run lak again, or redact the picture by hand."
        }
        Code::OcrLowConfidence => "Redact the picture by hand: text recognition cannot read it reliably.",
        Code::OcrFailed => {
            "Run lak again (a timeout under load passes); if it fails again, redact the picture by hand."
        }
        Code::PictureWithoutText => {
            "Look at the picture: publish it only if it shows no person, home or vehicle (then run with --allow-unchecked-images)."
        }
    }
}

/// JSON that is safe inside `<script type="application/json">`: no `<`, `>` or `&` (so no `</script>`
/// or `<!--`), and no U+2028/U+2029 (line breaks to older JavaScript). All of these can only occur inside
/// JSON strings, where the `\u` escapes mean the same. Written to `w` as it is serialised.
pub(super) fn embed<T: Serialize>(w: &mut dyn Write, value: &T) -> io::Result<()> {
    let mut e = Escape { out: w, held: Vec::new() };
    serde_json::to_writer(&mut e, value).map_err(io::Error::other)?;
    e.out.write_all(&e.held)
}

/// The escaping of [`embed`], as a writer.
struct Escape<'a> {
    out: &'a mut dyn Write,
    /// The start of a U+2028 or U+2029 (`E2 80 A8`, `E2 80 A9`) whose end is in the next write.
    held: Vec<u8>,
}

impl Write for Escape<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut data = std::mem::take(&mut self.held);
        data.extend_from_slice(buf);
        let mut from = 0;
        let mut i = 0;
        while i < data.len() {
            let (escaped, len): (&[u8], usize) = match data[i] {
                b'<' => (b"\\u003c", 1),
                b'>' => (b"\\u003e", 1),
                b'&' => (b"\\u0026", 1),
                0xE2 if data.len() - i < 3 && [0x80u8, 0xA8].starts_with(&data[i + 1..]) => {
                    self.out.write_all(&data[from..i])?;
                    self.held = data[i..].to_vec();
                    return Ok(buf.len());
                }
                0xE2 if data[i + 1..].starts_with(&[0x80, 0xA8]) => (b"\\u2028", 3),
                0xE2 if data[i + 1..].starts_with(&[0x80, 0xA9]) => (b"\\u2029", 3),
                _ => {
                    i += 1;
                    continue;
                }
            };
            self.out.write_all(&data[from..i])?;
            self.out.write_all(escaped)?;
            i += len;
            from = i;
        }
        self.out.write_all(&data[from..])?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut o = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                o.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                o.push('=');
            }
        }
    }
    o
}

/// The page's Content-Security-Policy: nothing from elsewhere, only the page's own script (by hash),
/// requests only to where the page came from (`lak review`).
pub(crate) fn content_security_policy() -> String {
    use sha2::{Digest, Sha256};
    format!(
        "default-src 'none'; script-src 'sha256-{}'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'",
        base64(&Sha256::digest(JS.as_bytes()))
    )
}

/// Writes the page to `w`.
pub(super) fn write(r: &Report, links: &Links, store: Option<&dyn Store>, w: &mut dyn Write) -> io::Result<()> {
    let mut rules = Table::new();
    let mut categories = Table::new();
    let mut grounds = Table::new();
    let mut cols = Columns::default();
    let mut docs = Vec::with_capacity(r.documents.len());
    for (i, d) in r.documents.iter().enumerate() {
        let (original, redacted) = links.docs.get(i).map(|(o, r)| (o.as_deref(), r.as_deref())).unwrap_or((None, None));
        docs.push(Doc {
            id: &d.id,
            name: &d.name,
            path: &d.path,
            status: d.status,
            format: d.format,
            reason: d.reason.as_ref().map(|m| Reason {
                code: m.code.as_str(),
                reason: &m.reason,
                help: what_to_do(m.code),
            }),
            original,
            redacted,
            sha256: &d.sha256,
            first: cols.d.len(),
            n: d.finding_count(),
            notes: &d.notes,
            scrubbed: &d.scrubbed,
        });
        // One document's briefs at a time, from the spool; the index keeps their values.
        for f in d.briefs(store)?.iter() {
            cols.d.push(i as u32);
            cols.r.push(rules.get(f.rule));
            cols.c.push(categories.get(f.category));
            cols.g.push(grounds.get(f.ground));
            cols.p.push((f.confidence * 100.0).round().clamp(0.0, 100.0) as u8);
            cols.a.push(u8::from(!f.is_redacted()));
            cols.t.push(f.text.to_string());
        }
    }
    let mut choices: Vec<String> = grounds.items.clone();
    for g in GROUNDS {
        if !choices.iter().any(|c| c == g) {
            choices.push(g.to_string());
        }
    }
    let names = r
        .names
        .iter()
        .flat_map(|n| {
            n.findings.iter().map(move |f| NameFinding {
                name: &n.name,
                redacted: &n.redacted,
                text: &f.text,
                rule: &f.rule,
                ground: &f.ground,
                keep: keep_reason(f),
            })
        })
        .collect();
    let mode = r.mode.to_string();
    let index = Index {
        meta: Meta {
            lak_version: r.lak_version,
            command: r.command,
            mode,
            ruleset: &r.ruleset.hash,
            counts: &r.counts,
        },
        rules: rules.items,
        categories: categories.items,
        grounds: grounds.items,
        choices,
        docs,
        f: cols,
        names,
        stale: &r.stale_decisions,
    };
    // Written in order, straight to `w`: at 200,000 findings the data is tens of megabytes.
    let csp = content_security_policy();
    let mut rest = HTML;
    for slot in ["{{CSP}}", "{{CSS}}", "{{DATA}}", "{{JS}}"] {
        let (head, tail) = rest.split_once(slot).expect("the page template has every slot");
        w.write_all(head.as_bytes())?;
        rest = tail;
        match slot {
            "{{CSP}}" => w.write_all(csp.as_bytes())?,
            "{{CSS}}" => w.write_all(CSS.as_bytes())?,
            "{{JS}}" => w.write_all(JS.as_bytes())?,
            _ => data(w, r, &index, store)?,
        }
    }
    w.write_all(rest.as_bytes())
}

/// The data blocks: the index, then one block per document with findings. Only these hold document
/// text, as escaped JSON.
fn data(w: &mut dyn Write, r: &Report, index: &Index<'_>, store: Option<&dyn Store>) -> io::Result<()> {
    w.write_all(b"<script type=\"application/json\" id=\"")?;
    w.write_all(INDEX_ID.as_bytes())?;
    w.write_all(b"\">")?;
    embed(w, index)?;
    w.write_all(b"</script>\n")?;
    for (i, d) in r.documents.iter().enumerate().filter(|(_, d)| d.finding_count() > 0) {
        write!(w, "<script type=\"application/json\" id=\"d{i}\">")?;
        details(w, d, store)?;
        w.write_all(b"</script>\n")?;
    }
    Ok(())
}

/// A finding's details, for its document's block.
pub(super) fn detail(f: &FindingReport) -> Detail<'_> {
    Detail {
        id: &f.id,
        unit: f.unit,
        why: &f.why,
        at: f.location.describe(),
        keep: keep_reason(f),
        cx: f.context.as_ref(),
        decided_by: Some(&f.decided_by).filter(|b| **b != crate::model::DecidedBy::Rule),
    }
}

/// A document's block: the details of its findings as a JSON array, those rendered early from `store`.
fn details(w: &mut dyn Write, d: &DocumentReport, store: Option<&dyn Store>) -> io::Result<()> {
    let spooled = spool::pieces(d, store)?;
    let inline = d.findings.len();
    w.write_all(b"[")?;
    for (i, f) in d.findings.iter().enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        embed(w, &detail(f))?;
    }
    if let Some(p) = &spooled {
        for (i, piece) in p.items.iter().enumerate() {
            if inline + i > 0 {
                w.write_all(b",")?;
            }
            w.write_all(p.at(&piece.detail))?;
        }
    }
    w.write_all(b"]")
}

/// The documents a review page links to, as `(original, redacted)` paths relative to the review folder
/// (decoded), in document order; `None` where the page has no index (not a page lak wrote).
pub fn document_links(page: &str) -> Option<Vec<(Option<String>, Option<String>)>> {
    #[derive(serde::Deserialize)]
    struct Doc {
        original: Option<String>,
        redacted: Option<String>,
    }
    #[derive(serde::Deserialize)]
    struct Index {
        docs: Vec<Doc>,
    }
    let open = format!("<script type=\"application/json\" id=\"{INDEX_ID}\">");
    let start = page.find(&open)? + open.len();
    let end = start + page[start..].find("</script>")?;
    let index: Index = serde_json::from_str(&page[start..end]).ok()?;
    Some(
        index
            .docs
            .into_iter()
            .map(|d| (d.original.map(|o| crate::percent::decode(&o)), d.redacted.map(|r| crate::percent::decode(&r))))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_json_cannot_close_its_script_element_and_means_the_same() {
        let hostile = "</script><script>alert(1)</script> <img src=x onerror=alert(1)> & \u{2028}\u{2029}";
        let mut out = Vec::new();
        embed(&mut out, &hostile).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(!out.contains('<') && !out.contains('>') && !out.contains('&'));
        assert!(!out.contains('\u{2028}') && !out.contains('\u{2029}'));
        assert_eq!(serde_json::from_str::<String>(&out).unwrap(), hostile);
    }

    /// serde_json writes a string in pieces: a U+2028 cut between two writes is escaped all the same.
    #[test]
    fn a_line_separator_cut_between_writes_is_escaped() {
        let text = "a\u{2028}b\u{2029}<\u{20ac}";
        let bytes = text.as_bytes();
        for cut in 0..=bytes.len() {
            let mut out = Vec::new();
            let mut e = Escape { out: &mut out, held: Vec::new() };
            e.write_all(&bytes[..cut]).unwrap();
            e.write_all(&bytes[cut..]).unwrap();
            let held = std::mem::take(&mut e.held);
            out.extend(held);
            assert_eq!(String::from_utf8(out).unwrap(), "a\\u2028b\\u2029\\u003c\u{20ac}", "cut at {cut}");
        }
    }

    #[test]
    fn links_are_relative_to_the_review_folder_and_percent_encoded() {
        let base = Path::new("/a/b/gelakt-review");
        assert_eq!(relative_url(base, Path::new("/a/b/dossier/brief 1#.txt")), "../dossier/brief%201%23.txt");
        assert_eq!(relative_url(base, Path::new("/a/x.pdf")), "../../x.pdf");
        assert_eq!(crate::percent::decode("../dossier/brief%201%23.txt"), "../dossier/brief 1#.txt");
    }

    #[test]
    fn an_entry_of_a_container_links_to_the_container() {
        let dir = tempfile::tempdir().unwrap();
        let zip = dir.path().join("bijlagen.zip");
        std::fs::write(&zip, b"PK").unwrap();
        assert_eq!(container_file(&zip.join("map/brief.pdf")), zip);
        assert_eq!(container_file(&zip), zip);
        // A path that is in no file stays what it is.
        let gone = dir.path().join("weg/brief.pdf");
        assert_eq!(container_file(&gone), gone);
    }

    #[test]
    fn base64_is_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    /// Every manual-handling code gets advice (the match is exhaustive); codes of one kind may share it.
    #[test]
    fn every_manual_handling_code_has_advice() {
        for &c in Code::ALL {
            assert!(!what_to_do(c).is_empty(), "no advice for {c}");
        }
    }
}
