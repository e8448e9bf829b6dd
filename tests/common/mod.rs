//! Helpers for tests that drive the real `lak` binary in temporary folders.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub mod ocr;

/// A temporary folder that disappears at the end of the test.
pub struct Dir {
    tmp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir { tmp: tempfile::tempdir().expect("temp dir") }
    }

    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    pub fn join(&self, rel: &str) -> PathBuf {
        self.tmp.path().join(rel)
    }

    /// Writes a file (creating folders).
    pub fn create(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, contents).unwrap();
        p
    }

    /// Copies a fixture (path relative to `fixtures/`) into the folder.
    pub fn fixture(&self, fixture: &str, rel: &str) -> PathBuf {
        let src = fixtures().join(fixture);
        let bytes = std::fs::read(&src).unwrap_or_else(|e| panic!("{}: {e}", src.display()));
        self.create(rel, bytes)
    }

    pub fn read(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn read_string(&self, rel: &str) -> String {
        String::from_utf8(self.read(rel)).unwrap()
    }

    /// Every file below `rel`, as sorted relative paths.
    pub fn files(&self, rel: &str) -> Vec<String> {
        let root = self.join(rel);
        let mut v: Vec<String> = walkdir::WalkDir::new(&root)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/"))
            .collect();
        v.sort();
        v
    }

    /// The documents of an output folder: every file below `rel` but the package's own files in its
    /// root (the inventory, the redaction log).
    pub fn documents(&self, rel: &str) -> Vec<String> {
        self.files(rel).into_iter().filter(|f| !PACKAGE_FILES.contains(&f.as_str())).collect()
    }

    /// Runs lak with `args` in this folder.
    pub fn lak(&self, args: &[&str]) -> Output {
        run_lak(self.path(), args)
    }

    /// Runs lak with `args` in this folder as on a machine without Tesseract (`LAK_TESSERACT` names a
    /// program that does not exist).
    pub fn lak_without_ocr(&self, args: &[&str]) -> Output {
        self.lak_with_tesseract(&self.join("no-such-tesseract"), args)
    }

    /// Runs lak with `program` as its Tesseract (`LAK_TESSERACT`).
    pub fn lak_with_tesseract(&self, program: &Path, args: &[&str]) -> Output {
        let bin = std::env::var("LAK_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_lak").to_string());
        let out = Command::new(bin)
            .args(args)
            .env("LAK_TESSERACT", program)
            .current_dir(self.path())
            .output()
            .expect("lak runs");
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// The JSON report in `rel`.
    pub fn report(&self, rel: &str) -> serde_json::Value {
        serde_json::from_slice(&self.read(&format!("{rel}/lak-report.json"))).expect("report is JSON")
    }
}

/// The files lak writes into an output folder's root besides the documents.
pub const PACKAGE_FILES: &[&str] = &["inventarislijst.csv", "inventarislijst.xlsx", "lakregister.csv"];

/// The repository's `fixtures/` folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// What a run of lak printed and returned.
#[derive(Debug)]
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run_lak(cwd: &Path, args: &[&str]) -> Output {
    // LAK_BIN runs another build of lak through the same tests (e.g. an older commit, for a comparison).
    let bin = std::env::var("LAK_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_lak").to_string());
    let out = Command::new(bin).args(args).current_dir(cwd).output().expect("lak runs");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Whether an external tool is on the PATH (CI installs them; a missing tool fails loudly there).
pub fn have(tool: &str) -> bool {
    Command::new("sh").arg("-c").arg(format!("command -v {tool}")).output().map(|o| o.status.success()).unwrap_or(false)
}

/// Fails the test when an independent checking tool is missing, unless LAK_SKIP_EXTERNAL=1.
pub fn require(tool: &str) -> bool {
    if have(tool) {
        return true;
    }
    if std::env::var("LAK_SKIP_EXTERNAL").as_deref() == Ok("1") {
        eprintln!("skipping: {tool} not installed (LAK_SKIP_EXTERNAL=1)");
        return false;
    }
    panic!("{tool} is required for this test; install it (see .ci/run) or set LAK_SKIP_EXTERNAL=1");
}

/// The report entry of the document whose path ends in `doc_suffix`.
pub fn document<'a>(report: &'a serde_json::Value, doc_suffix: &str) -> &'a serde_json::Value {
    report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with(doc_suffix))
        .unwrap_or_else(|| panic!("{doc_suffix} not in report"))
}

/// A minimal Word document (content types, relationships, `word/document.xml`) around `body`, the
/// WordprocessingML inside `<w:body>`.
pub fn docx_with_body(body: &str) -> Vec<u8> {
    use std::io::Write;
    let files = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>".to_string(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>".to_string(),
        ),
        (
            "word/document.xml",
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"),
        ),
    ];
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in files {
        z.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// Findings of one document in a report: (rule, text, action).
pub fn findings(report: &serde_json::Value, doc_suffix: &str) -> Vec<(String, String, String)> {
    document(report, doc_suffix)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["text"].as_str().unwrap().to_string(),
                f["action"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The ids of the findings of one document in a report, in report order.
pub fn findings_ids(report: &serde_json::Value, doc_suffix: &str) -> Vec<String> {
    document(report, doc_suffix)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_string())
        .collect()
}

/// The status of one document in a report.
pub fn status(report: &serde_json::Value, doc_suffix: &str) -> String {
    document(report, doc_suffix)["status"].as_str().unwrap().to_string()
}

/// Converts `files` (paths relative to `d`) with headless LibreOffice to `to` (`pdf`, a CSV filter)
/// into `d/outdir`, with `d` as its home so runs do not share a profile; asserts that it succeeded.
pub fn soffice_convert(d: &Dir, files: &[String], to: &str, outdir: &str) {
    let o = Command::new("soffice")
        .args(["--headless", "--norestore", "--convert-to", to, "--outdir"])
        .arg(d.join(outdir))
        .args(files.iter().map(|f| d.join(f)))
        .env("HOME", d.path())
        .output()
        .expect("soffice runs");
    assert!(o.status.success(), "soffice --convert-to {to}: {o:?}");
}

/// What a reader can copy out of a PDF, by poppler's `pdftotext` (an extractor lak does not share).
pub fn pdftotext(path: &Path) -> String {
    require("pdftotext");
    let o = Command::new("pdftotext").arg(path).arg("-").output().expect("pdftotext runs");
    assert!(o.status.success(), "pdftotext failed on {}: {}", path.display(), String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The text of every XML part of an Office package, by `unzip -p` and a tag strip (not lak's reader):
/// tags become nothing inside a paragraph and a line break at its end, entities are decoded.
pub fn office_text(path: &Path) -> String {
    require("unzip");
    let o = Command::new("unzip").arg("-p").arg(path).arg("*.xml").output().expect("unzip runs");
    let xml = String::from_utf8_lossy(&o.stdout);
    let mut out = String::new();
    let mut rest = xml.as_ref();
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let Some(gt) = rest[lt..].find('>') else { break };
        let tag = &rest[lt..lt + gt + 1];
        if tag.starts_with("</w:p>")
            || tag.starts_with("</a:p>")
            || tag.starts_with("</w:tc>")
            || tag.starts_with("</c>")
        {
            out.push('\n');
        } else if tag.starts_with("<w:tab") || tag.starts_with("<w:br") {
            out.push(' ');
        }
        rest = &rest[lt + gt + 1..];
    }
    out.push_str(rest);
    out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}
