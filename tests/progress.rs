//! Progress and log lines at the command line: a bar on a terminal only (tested through a
//! pseudo-terminal made by util-linux `script`), `--quiet` and `--verbose`, and no personal data in
//! anything lak prints.

mod common;

use common::Dir;

/// Runs lak in `d` with stdin, stdout and stderr on a pseudo-terminal; returns the exit code and
/// everything the terminal received.
fn lak_on_terminal(d: &Dir, args: &[&str]) -> (i32, String) {
    let bin = std::env::var("LAK_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_lak").to_string());
    let quote = |s: &str| format!("'{}'", s.replace('\'', "'\\''"));
    let command = std::iter::once(bin.as_str()).chain(args.iter().copied()).map(quote).collect::<Vec<_>>().join(" ");
    let out = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(d.path())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("script runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

fn dossier(d: &Dir) {
    d.create("dossier/Dossier Jan de Vries/Brief aan J. de Vries 111222333.txt", "Uw BSN is 111222333.\n");
    d.create("dossier/notulen.txt", "Vergadering over de begroting.\n");
    d.create("dossier/Bezwaar Qwerenbrink.txt", "Bezwaar van mevrouw A. Qwerenbrink.\n");
    // Withheld, with a name in its file name.
    d.create("dossier/Opname P. Hendriks 06-12345678.mp3", b"ID3\x03");
}

/// What no line lak prints may hold: the values and the names they stand in.
const PERSONAL: &[&str] = &["Vries", "111222333", "Qwerenbrink", "Hendriks", "12345678"];

#[test]
fn a_terminal_gets_a_progress_bar() {
    if !common::require("script") {
        return;
    }
    let d = Dir::new();
    dossier(&d);
    let (code, screen) = lak_on_terminal(&d, &["redact", "dossier", "--out", "gelakt"]);
    assert_eq!(code, 3, "{screen}");
    assert!(screen.contains("0/4 documents  ETA"), "{screen:?}");
    assert!(screen.contains("] 4/4 documents  "), "{screen:?}");
    assert!(screen.contains("/s  ETA 0:00"), "{screen:?}");
    // The bar is drawn over itself and erased at the end, before the summary.
    assert!(screen.contains("\r\x1b[2K["), "{screen:?}");
    assert!(screen.contains("\r\x1b[2Klak: needs manual handling: 0003 "), "{screen:?}");
    assert!(screen.contains("lak redact: 4 documents"), "{screen:?}");
    for v in PERSONAL {
        assert!(!screen.contains(v), "{v} on the terminal: {screen}");
    }
    // --quiet: no bar, no summary.
    let (code, screen) = lak_on_terminal(&d, &["redact", "dossier", "--out", "stil", "--quiet"]);
    assert_eq!(code, 3, "{screen}");
    assert!(!screen.contains("documents"), "{screen:?}");
}

#[test]
fn without_a_terminal_there_is_no_bar() {
    let d = Dir::new();
    dossier(&d);
    let out = d.lak(&["redact", "dossier", "--out", "gelakt"]);
    assert_eq!(out.code, 3, "{out:?}");
    assert!(!out.stderr.contains('\r') && !out.stderr.contains('\x1b'), "{:?}", out.stderr);
    assert!(!out.stderr.contains("ETA"), "{:?}", out.stderr);
    assert!(out.stderr.contains("lak redact: 4 documents"), "{:?}", out.stderr);
    let out = d.lak(&["scan", "dossier", "--review", "rev", "-q"]);
    assert_eq!(out.code, 3, "{out:?}");
    assert_eq!(out.stderr, "");
}

#[test]
fn log_lines_name_documents_by_number_and_published_name_never_by_value() {
    let d = Dir::new();
    dossier(&d);
    d.create("dossier/sub/Kopie Jan de Vries.txt", "Uw BSN is 111222333.\n");
    for args in [
        vec!["redact", "dossier", "--out", "gelakt", "--verbose"],
        vec!["scan", "dossier", "--review", "rev", "-v"],
        vec!["verify", "dossier", "-v"],
    ] {
        let out = d.lak(&args);
        assert!(out.code != 2, "{out:?}");
        for v in PERSONAL {
            assert!(!out.stderr.contains(v) && !out.stdout.contains(v), "{v} printed by {args:?}: {}", out.stderr);
        }
        let lines: Vec<&str> = out.stderr.lines().collect();
        assert!(lines.len() >= 5, "one line per document and a summary: {lines:?}");
    }
    let out = d.lak(&["redact", "dossier", "--out", "g2", "-v"]);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert!(
        lines.contains(&"lak: needs manual handling: 0003 Opname [5.1.2e] [5.1.2e].mp3: unsupported_format"),
        "{lines:?}"
    );
    assert!(lines.contains(&"lak: 0001 Bezwaar [5.1.2e].txt: redacted, 2× 5.1.2e"), "{lines:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("lak: 0005 sub/Kopie [5.1.2e].txt: redacted, ") && l.ends_with("same as 0002")),
        "{lines:?}"
    );
    // --quiet and --verbose contradict each other.
    assert_eq!(d.lak(&["scan", "dossier", "-q", "-v"]).code, 2);
}
