//! Optical character recognition: Tesseract's command line, words with their boxes and confidences.
//!
//! lak runs the `tesseract` program (Debian: `tesseract-ocr` with `tesseract-ocr-nld`) rather than
//! linking libtesseract: no C++ library in the build, nothing to compile on a machine without OCR (lak
//! then withholds pictures as before and says how to install it), a crash or a hang in the engine kills
//! one child process instead of the batch, and the TSV output is a stable interface across Tesseract
//! 4 and 5. The cost is one process start per picture (about 0.2 s with the Dutch and English models
//! loaded), small next to recognising a page.
//!
//! Each call runs one single-threaded Tesseract (`OMP_THREAD_LIMIT=1`): the rayon pool already keeps
//! every core busy with one document each, and a single thread gives the same words on every run.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::limits;

/// A Tesseract installation lak can run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Engine {
    program: PathBuf,
    /// The models used, `nld+eng` when both are installed.
    languages: String,
    /// `tesseract 5.3.0`: for the report.
    version: String,
}

/// One recognised word.
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    /// The word as read.
    pub text: String,
    /// Left, top, width, height in pixels.
    pub bbox: [u32; 4],
    /// 0–100.
    pub confidence: f32,
    /// Tesseract's block number.
    pub block: u32,
    /// Its paragraph number in the block.
    pub paragraph: u32,
    /// Its line number in the paragraph: words of one line share all three numbers.
    pub line: u32,
}

impl Engine {
    /// The engine on this machine: the program `LAK_TESSERACT` names, else `tesseract` on the path; `None`
    /// when it does not run or has neither the Dutch nor the English model.
    pub fn find() -> Option<Engine> {
        let program = std::env::var_os("LAK_TESSERACT").map_or_else(|| PathBuf::from("tesseract"), PathBuf::from);
        let run = |arg: &str| {
            let out = Command::new(&program).arg(arg).stdin(Stdio::null()).stderr(Stdio::piped()).output().ok()?;
            out.status.success().then(|| {
                let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
                text.push_str(&String::from_utf8_lossy(&out.stderr));
                text
            })
        };
        let version = run("--version")?.lines().next().unwrap_or("tesseract").trim().to_string();
        let listed = run("--list-langs")?;
        let installed: Vec<&str> = listed.lines().map(str::trim).collect();
        let languages: Vec<&str> = ["nld", "eng"].into_iter().filter(|l| installed.contains(l)).collect();
        if languages.is_empty() {
            return None;
        }
        Some(Engine { program, languages: languages.join("+"), version })
    }

    /// What the report says about the engine: `tesseract 5.3.0 (nld+eng)`.
    pub fn describe(&self) -> String {
        format!("{} ({})", self.version, self.languages)
    }

    /// The words Tesseract reads in a picture (PNG, JPEG or TIFF bytes), in reading order.
    pub fn read(&self, picture: &[u8]) -> Result<Vec<Word>, String> {
        self.read_at(picture, None)
    }

    /// [`Engine::read`] for a picture (PNG, JPEG, TIFF or PNM bytes) whose resolution is known from
    /// elsewhere (an image's size on a PDF page): Tesseract scales its expectations of text size by it,
    /// and guesses when a picture does not say.
    pub fn read_at(&self, picture: &[u8], dpi: Option<u32>) -> Result<Vec<Word>, String> {
        let mut args: Vec<String> = ["stdin", "stdout", "-l", &self.languages, "--psm", "3"].map(String::from).to_vec();
        if let Some(dpi) = dpi {
            args.extend(["--dpi".to_string(), dpi.clamp(70, 2400).to_string()]);
        }
        args.push("tsv".into());
        let out = self.run(&args, picture)?;
        parse_tsv(&String::from_utf8_lossy(&out))
    }

    /// How far the picture must be turned clockwise for its text to stand upright (90, 180 or 270), from
    /// Tesseract's orientation detection (`--psm 0`, the `osd` model); `None` when it stands upright,
    /// when the detection is unsure (confidence under [`MIN_ORIENTATION_CONFIDENCE`]) or when the
    /// `osd` model is missing.
    pub fn rotation(&self, picture: &[u8]) -> Option<u32> {
        let args: Vec<String> = ["stdin", "stdout", "--psm", "0"].map(String::from).to_vec();
        let out = self.run(&args, picture).ok()?;
        parse_osd(&String::from_utf8_lossy(&out))
    }

    /// Runs Tesseract with `args`, `input` on its standard input, within the time limit; its output.
    /// A reading of the very same bytes with the same arguments is answered from [`Readings`]: the
    /// read-back of an output whose pixels did not change (a page or picture without findings) and a
    /// picture that occurs in several documents cost one reading, not two.
    fn run(&self, args: &[String], input: &[u8]) -> Result<Vec<u8>, String> {
        let key = Readings::key(&self.program, args, input);
        if let Some(out) = READINGS.get(&key) {
            return Ok(out);
        }
        let out = self.run_once(args, input)?;
        READINGS.put(key, &out);
        Ok(out)
    }

    fn run_once(&self, args: &[String], input: &[u8]) -> Result<Vec<u8>, String> {
        let mut child = Command::new(&self.program)
            .args(args)
            .env("OMP_THREAD_LIMIT", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", self.program.display()))?;
        // Written from a thread: a picture larger than the pipe's buffer would otherwise wait for a
        // reader that waits for the end of the input.
        let mut stdin = child.stdin.take().expect("piped");
        let input = input.to_vec();
        let writer = std::thread::spawn(move || stdin.write_all(&input));
        let mut stdout = child.stdout.take().expect("piped");
        let reader = std::thread::spawn(move || {
            let mut out = Vec::new();
            stdout.read_to_end(&mut out).map(|_| out)
        });
        let deadline = Instant::now() + Duration::from_secs(limits::OCR_SECONDS_PER_PICTURE);
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
                Ok(None) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(format!("OCR took longer than {} s", limits::OCR_SECONDS_PER_PICTURE));
                }
                Err(e) => return Err(format!("OCR failed: {e}")),
            }
        };
        let _ = writer.join();
        let out = reader.join().map_err(|_| "OCR output unreadable".to_string())?.map_err(|e| e.to_string())?;
        if !status.success() {
            return Err(format!("Tesseract could not read the picture ({status})"));
        }
        Ok(out)
    }
}

/// The last readings of the process, by the SHA-256 of the program, its arguments and its input.
/// Tesseract runs single-threaded and gives the same output for the same input, so an answer from here
/// is the one a new run would give.
struct Readings {
    entries: std::sync::Mutex<std::collections::VecDeque<([u8; 32], Vec<u8>)>>,
}

/// How many readings [`Readings`] keeps (a reading's TSV is a few kilobytes per page).
const READINGS_KEPT: usize = 512;

static READINGS: Readings = Readings { entries: std::sync::Mutex::new(std::collections::VecDeque::new()) };

impl Readings {
    fn key(program: &std::path::Path, args: &[String], input: &[u8]) -> [u8; 32] {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(program.as_os_str().as_encoded_bytes());
        for a in args {
            h.update([0]);
            h.update(a.as_bytes());
        }
        h.update([1]);
        h.update(input);
        h.finalize().into()
    }

    fn get(&self, key: &[u8; 32]) -> Option<Vec<u8>> {
        let entries = self.entries.lock().ok()?;
        entries.iter().find(|(k, _)| k == key).map(|(_, out)| out.clone())
    }

    fn put(&self, key: [u8; 32], out: &[u8]) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= READINGS_KEPT {
                entries.pop_front();
            }
            entries.push_back((key, out.to_vec()));
        }
    }
}

/// The orientation confidence under which lak does not turn a picture (Tesseract's scale; a clear page
/// of text scores 5 to 20, a picture without text under 1).
pub const MIN_ORIENTATION_CONFIDENCE: f32 = 2.0;

/// The clockwise turn Tesseract's orientation output (`Rotate: 90`, `Orientation confidence: 10.3`)
/// asks for, when it is one and sure enough.
fn parse_osd(out: &str) -> Option<u32> {
    let value =
        |key: &str| out.lines().find_map(|l| l.strip_prefix(key)).map(str::trim).and_then(|v| v.parse::<f32>().ok());
    let rotate = value("Rotate:")?;
    let confidence = value("Orientation confidence:")?;
    let turn = rotate as u32;
    (matches!(turn, 90 | 180 | 270) && confidence >= MIN_ORIENTATION_CONFIDENCE).then_some(turn)
}

/// The words of Tesseract's TSV output (level 5 rows), with empty words left out.
fn parse_tsv(tsv: &str) -> Result<Vec<Word>, String> {
    let mut words = Vec::new();
    for (n, row) in tsv.lines().enumerate() {
        if n == 0 && row.starts_with("level") {
            continue;
        }
        let cells: Vec<&str> = row.split('\t').collect();
        if cells.len() < 11 {
            continue;
        }
        if cells[0] != "5" {
            continue;
        }
        let bad = || format!("unexpected OCR output on line {}", n + 1);
        let num = |i: usize| cells[i].trim().parse::<u32>().map_err(|_| bad());
        let text = cells.get(11).copied().unwrap_or("").trim();
        if text.is_empty() {
            continue;
        }
        words.push(Word {
            text: text.to_string(),
            bbox: [num(6)?, num(7)?, num(8)?, num(9)?],
            confidence: cells[10].trim().parse::<f32>().map_err(|_| bad())?,
            block: num(2)?,
            paragraph: num(3)?,
            line: num(4)?,
        });
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    #[test]
    fn orientation_output_gives_the_turn_when_sure() {
        let osd = |rotate: &str, conf: &str| {
            format!(
                "Page number: 0\nOrientation in degrees: 270\nRotate: {rotate}\nOrientation confidence: {conf}\n\
                 Script: Latin\nScript confidence: 7.14\n"
            )
        };
        assert_eq!(super::parse_osd(&osd("90", "10.34")), Some(90));
        assert_eq!(super::parse_osd(&osd("270", "3.1")), Some(270));
        assert_eq!(super::parse_osd(&osd("0", "12.0")), None);
        assert_eq!(super::parse_osd(&osd("180", "0.4")), None);
        assert_eq!(super::parse_osd("Too few characters. Skipping this page"), None);
    }

    use super::*;

    #[test]
    fn words_with_boxes_from_tsv() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   1\t1\t0\t0\t0\t0\t0\t0\t1241\t1754\t-1\t\n\
                   4\t1\t2\t1\t1\t0\t120\t194\t497\t21\t-1\t\n\
                   5\t1\t2\t1\t1\t1\t120\t292\t56\t15\t96.731934\tNaam:\n\
                   5\t1\t2\t1\t1\t2\t195\t291\t73\t16\t96.780212\tPieter\n\
                   5\t1\t2\t1\t1\t3\t282\t291\t23\t16\t95.0\t \n";
        let words = parse_tsv(tsv).unwrap();
        assert_eq!(words.len(), 2);
        assert_eq!(words[1].text, "Pieter");
        assert_eq!(words[1].bbox, [195, 291, 73, 16]);
        assert_eq!((words[1].block, words[1].paragraph, words[1].line), (2, 1, 1));
        assert!((words[0].confidence - 96.73).abs() < 0.01);
    }

    #[test]
    fn damaged_output_is_an_error_not_a_picture_without_text() {
        assert!(parse_tsv("5\t1\t2\t1\t1\t1\tx\t292\t56\t15\t96.7\tNaam:\n").is_err());
    }
}
