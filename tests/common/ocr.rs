//! Reading outputs with Tesseract's own command line and poppler, not through lak: what a reader of a
//! picture or a scanned page sees.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::Dir;

/// Runs a tool, asserts it succeeded, and returns its standard output.
pub fn run(cmd: &mut Command) -> String {
    let out = cmd.output().expect("tool runs");
    assert!(out.status.success(), "{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What Tesseract reads in a picture file (every page of a TIFF).
pub fn ocr(path: &Path) -> String {
    run(Command::new("tesseract").arg(path).args(["stdout", "-l", "nld"]))
}

/// Letters and digits only, lower case: `06-12345678` read as `06 12345678` still counts.
pub fn squeezed(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase()
}

/// Every file in `dir` whose name starts with `prefix`, sorted.
pub fn files_with_prefix(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .collect();
    v.sort();
    v
}

/// What OCR reads in every image stored in `pdf` (taken out by `pdfimages` as PNG, soft masks too),
/// and on its pages rendered at 150 dpi (`pdftoppm`); `tag` names the working folder in `d`.
pub fn images_and_pages(d: &Dir, pdf: &Path, tag: &str) -> (String, String) {
    let work = d.join(&format!("check-{tag}"));
    std::fs::create_dir_all(&work).unwrap();
    run(Command::new("pdfimages").arg("-png").arg(pdf).arg(work.join("img")));
    run(Command::new("pdftoppm").args(["-r", "150", "-gray", "-png"]).arg(pdf).arg(work.join("page")));
    let read = |prefix: &str| files_with_prefix(&work, prefix).iter().map(|p| ocr(p)).collect::<Vec<_>>().join("\n");
    (read("img"), read("page"))
}
