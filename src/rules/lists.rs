//! Word lists: gazetteers, keep lists and deny lists.
//!
//! A list is a UTF-8 text file with one entry per line. Lines are trimmed; empty lines and lines starting
//! with `#` are skipped. Entries are NFC-normalised so that a name typed with a combining accent matches
//! the same name typed precomposed.

use std::borrow::Cow;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::{Error, Result};

/// One entry of a list with the 1-based line it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The entry, trimmed and NFC-normalised.
    pub text: String,
    /// Text after a TAB on the same line (e.g. a ground label in a deny list), trimmed.
    pub extra: Option<String>,
    /// 1-based line number.
    pub line: usize,
}

/// Parses a list's text. `path` is only used in error messages.
pub fn parse(path: &Path, text: &str) -> Result<Vec<Entry>> {
    let mut out = Vec::new();
    visit(path, text, |text, extra, line| {
        out.push(Entry { text: text.into_owned(), extra: extra.map(str::to_string), line })
    })?;
    Ok(out)
}

/// The entries of a list as text only (no TAB part, no line numbers), in a vector of the right size: the
/// recognisers' word lists are large (354k words, 158k streets), and a vector of [`Entry`] grown by
/// doubling would take three times their size while it is read.
pub(crate) fn parse_terms(path: &Path, text: &str) -> Result<Vec<String>> {
    let mut out = Vec::with_capacity(text.bytes().filter(|&b| b == b'\n').count() + 1);
    visit(path, text, |text, _, _| out.push(text.into_owned()))?;
    Ok(out)
}

/// The entries of a list as one text, one entry a line (each ended by `\n`): for a list that is only
/// read once, to compile it (158k streets), this saves an allocation per entry.
pub(crate) fn parse_lines(path: &Path, text: &str) -> Result<String> {
    let mut out = String::with_capacity(text.len());
    visit(path, text, |text, _, _| {
        out.push_str(&text);
        out.push('\n');
    })?;
    Ok(out)
}

/// Calls `f` with every entry: its text (trimmed, NFC), the text after a TAB, and its 1-based line.
fn visit(path: &Path, text: &str, mut f: impl FnMut(Cow<'_, str>, Option<&str>, usize)) -> Result<()> {
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_start_matches('\u{feff}').trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (term, extra) = match line.split_once('\t') {
            Some((t, e)) => (t.trim(), Some(e.trim()).filter(|e| !e.is_empty())),
            None => (line, None),
        };
        if term.chars().any(char::is_control) {
            return Err(Error::config(path, i + 1, "entry holds a control character"));
        }
        let text = if term.is_ascii() { Cow::Borrowed(term) } else { Cow::Owned(term.nfc().collect()) };
        f(text, extra, i + 1);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_comments_blank_lines_and_splits_on_tab() {
        let got = parse(Path::new("x"), "# comment\n\n  Jan Jansen \nPiet\t5.1.1d\n").unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].text, "Jan Jansen");
        assert_eq!(got[0].line, 3);
        assert_eq!(got[1].extra.as_deref(), Some("5.1.1d"));
    }

    #[test]
    fn terms_are_the_entries_texts() {
        let text = "# comment\n\n  Jan Jansen \nPiet\t5.1.1d\nZoe\u{308}";
        let terms = parse_terms(Path::new("x"), text).unwrap();
        assert_eq!(terms, vec!["Jan Jansen", "Piet", "Zo\u{eb}"]);
        assert_eq!(terms, parse(Path::new("x"), text).unwrap().into_iter().map(|e| e.text).collect::<Vec<_>>());
        assert!(parse_terms(Path::new("k.txt"), "bad\u{7}").is_err());
        assert_eq!(parse_lines(Path::new("x"), text).unwrap(), "Jan Jansen\nPiet\nZo\u{eb}\n");
    }

    #[test]
    fn normalises_to_nfc() {
        let got = parse(Path::new("x"), "Zoe\u{308}\n").unwrap();
        assert_eq!(got[0].text, "Zo\u{eb}");
    }

    #[test]
    fn rejects_control_characters() {
        let err = parse(Path::new("k.txt"), "ok\nbad\u{7}x\n").unwrap_err();
        assert_eq!(err.to_string(), "k.txt:2: entry holds a control character");
    }
}
