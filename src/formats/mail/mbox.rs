//! Mailbox files (`.mbox`): many messages in one file, each introduced by a `From ` separator line.
//!
//! Reading ([`split`], [`message`]): a line that starts with `From ` at the start of the file or after
//! an empty line begins a message (the separator line itself is not part of it); the empty line before
//! the next separator is framing. Inside a message, `>From `, `>>From `, ... lose one `>` (mboxrd, which
//! also reads mboxo files correctly except for a body line that really began with `>From `: that line
//! loses a `>`, which hides nothing).
//!
//! Writing ([`write`]): each message behind the same separator, `From MAILER-DAEMON Thu Jan  1 00:00:00
//! 1970`: the envelope sender and delivery time of the input's separators name a person and say when
//! the message arrived, so they are not copied but replaced by a constant line, which also keeps the
//! output byte-identical between runs. Lines of the message that start with `From ` behind any number
//! of `>` get one more `>` (mboxrd quoting), and each message ends with an empty line.

use std::ops::Range;

/// The separator line every written message gets.
pub(crate) const SEPARATOR: &[u8] = b"From MAILER-DAEMON Thu Jan  1 00:00:00 1970\n";

/// The byte ranges of the messages of a mailbox, separator lines excluded, in order. `None` when the
/// bytes do not start with a separator: not a mailbox.
pub(crate) fn split(bytes: &[u8]) -> Option<Vec<Range<usize>>> {
    if !bytes.starts_with(b"From ") {
        return None;
    }
    let mut starts: Vec<(usize, usize)> = Vec::new(); // (separator start, message start)
    let mut pos = 0;
    let mut previous_empty = true;
    while pos < bytes.len() {
        let end = bytes[pos..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |i| pos + i + 1);
        let line = &bytes[pos..end];
        if previous_empty && line.starts_with(b"From ") {
            starts.push((pos, end));
        }
        previous_empty = matches!(line, b"\n" | b"\r\n");
        pos = end;
    }
    let mut out = Vec::with_capacity(starts.len());
    for (i, &(_, begin)) in starts.iter().enumerate() {
        let mut end = starts.get(i + 1).map_or(bytes.len(), |&(next, _)| next);
        // The empty line before the next separator (or at the end of the file) is framing.
        if bytes[begin..end].ends_with(b"\r\n\r\n") {
            end -= 2;
        } else if bytes[begin..end].ends_with(b"\n\n") {
            end -= 1;
        }
        out.push(begin..end.max(begin));
    }
    Some(out)
}

/// The message at `range` of a mailbox, unquoted (`>From ` → `From `).
pub(crate) fn message(bytes: &[u8], range: Range<usize>) -> Vec<u8> {
    let mut out = Vec::with_capacity(range.len());
    for line in bytes[range].split_inclusive(|&b| b == b'\n') {
        let quotes = line.iter().take_while(|&&b| b == b'>').count();
        if quotes > 0 && line[quotes..].starts_with(b"From ") {
            out.extend_from_slice(&line[1..]);
        } else {
            out.extend_from_slice(line);
        }
    }
    out
}

/// A mailbox of `messages`, in order (see the module docs).
pub(crate) fn write<'a>(messages: impl IntoIterator<Item = &'a [u8]>) -> Vec<u8> {
    let mut out = Vec::new();
    for m in messages {
        out.extend_from_slice(SEPARATOR);
        for line in m.split_inclusive(|&b| b == b'\n') {
            let quotes = line.iter().take_while(|&&b| b == b'>').count();
            if line[quotes..].starts_with(b"From ") {
                out.push(b'>');
            }
            out.extend_from_slice(line);
        }
        if !m.ends_with(b"\n") {
            out.push(b'\n');
        }
        out.push(b'\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_unquotes_and_writes_back() {
        let mbox = b"From jan@example.nl Mon Jan  1 10:00:00 2024\nSubject: a\n\n>From here\nbody\n\n\
                     From piet@example.nl Tue Jan  2 10:00:00 2024\nSubject: b\n\nFrom the start\n>>From x\n\n";
        let ranges = split(mbox).unwrap();
        // A `From ` line after an empty line inside a body begins a message: writers quote it.
        assert_eq!(ranges.len(), 3);
        let a = message(mbox, ranges[0].clone());
        assert_eq!(a, b"Subject: a\n\nFrom here\nbody\n");
        assert_eq!(message(mbox, ranges[1].clone()), b"Subject: b\n");
        assert_eq!(message(mbox, ranges[2].clone()), b">From x\n");
        let written = write([a.as_slice(), b"Subject: c\n\nFrom x\n>From y\n".as_slice()]);
        assert_eq!(
            written,
            [SEPARATOR, b"Subject: a\n\n>From here\nbody\n\n", SEPARATOR, b"Subject: c\n\n>From x\n>>From y\n\n"]
                .concat()
        );
        let again = split(&written).unwrap();
        assert_eq!(message(&written, again[0].clone()), a);
        assert!(written.windows(7).all(|w| w != b"example"));
    }

    #[test]
    fn a_file_that_does_not_start_with_a_separator_is_no_mailbox() {
        assert!(split(b"Subject: x\n\nbody\n").is_none());
        assert!(split(b"").is_none());
    }
}
