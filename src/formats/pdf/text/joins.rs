//! Values broken over two lines that only read as a value when the lines are read together.
//!
//! Where two lines meet, the text layer reads a space (a wrapped paragraph) or a line break (a new
//! block, which the detector treats as a boundary; see `text_layer.rs`). Some values are broken where
//! neither is right, and then neither half is recognised and both were published:
//!
//! - an e-mail address broken at its `@`, at a dot or inside its domain (`sanne.devries@` /
//!   `voorbeeldmail.nl`, `sanne.devries@voorbeeld` / `mail.nl`): read without a space, whatever the
//!   layout;
//! - an IBAN or a BSN broken in a narrow cell or at a short line (`NL91` / `ABNA 0417 1643 00`,
//!   `1234.56.` / `782`, `1112` / `22333`): read together when, and only when, the digits across the
//!   break pass the value's check (mod 97, the 11-proof), so two unrelated numbers are not joined into
//!   one by chance more often than the check allows.

use crate::detect::validate::{is_valid_bsn, is_valid_iban};

/// How the next line continues the text before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Join {
    /// In the same word: no space.
    Tight,
    /// After a space, as a wrapped line.
    Spaced,
}

/// Tokens looked at on each side of the break.
const SIDE: usize = 8;

/// How `next` (the start of the next line) continues `before` (the text so far), when a value runs
/// across the break.
pub(super) fn across(before: &str, next: &str) -> Option<Join> {
    let tail = before.trim_end_matches([' ', '\t']);
    if tail.ends_with('\n') || tail.is_empty() {
        return None;
    }
    let next = next.trim_start();
    let last = tail.rsplit(char::is_whitespace).next().unwrap_or("");
    let first = next.split(char::is_whitespace).next().unwrap_or("");
    if email_break(last, first) {
        return Some(Join::Tight);
    }
    if let Some(join) = bsn_break(tail, next) {
        return Some(join);
    }
    iban_break(tail, next).then_some(Join::Spaced)
}

fn local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

/// `sanne.devries@` / `voorbeeldmail.nl`, `sanne.devries` / `@voorbeeldmail.nl`, `sanne.` /
/// `devries@voorbeeldmail.nl`, `s.devries@voorbeeld.` / `nl`.
fn email_break(last: &str, first: &str) -> bool {
    let Some(f) = first.chars().next() else { return false };
    let domain = |s: &str| s.contains('.') && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'));
    let trimmed = first.trim_end_matches(['.', ',', ';', ':', ')', '>']);
    if let Some(local) = last.strip_suffix('@') {
        return !local.is_empty() && local.chars().all(local_char) && domain(trimmed);
    }
    if let Some(domain_part) = first.strip_prefix('@') {
        return !last.is_empty() && last.chars().all(local_char) && domain(domain_part.trim_end_matches(['.', ',']));
    }
    if let Some((local, dom)) = last.split_once('@') {
        // The domain is not whole yet: it ends in a dot or hyphen (`voorbeeld.` / `nl`), or has no dot
        // and the next line gives one (`voorbeeld` / `mail.nl`, a break inside a word).
        let open = dom.ends_with(['.', '-']) || (!dom.contains('.') && domain(trimmed));
        return open
            && !local.is_empty()
            && local.chars().all(local_char)
            && dom.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
            && f.is_ascii_alphanumeric();
    }
    if last.ends_with('.')
        && last.len() > 1
        && last.chars().all(|c| local_char(c) && !c.is_ascii_uppercase())
        && let Some((local, dom)) = trimmed.split_once('@')
    {
        return !local.is_empty() && local.chars().all(local_char) && domain(dom);
    }
    false
}

/// The digits (with the dots and spaces between them) that end `tail`, and those that start `next`;
/// a BSN's nine across the break that pass the 11-proof.
fn bsn_break(tail: &str, next: &str) -> Option<Join> {
    let end: String = tail.chars().rev().take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ' ').collect();
    let end: String = end.chars().rev().collect::<String>().trim_start_matches(['.', ' ']).to_string();
    let start: String = next.chars().take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ' ').collect();
    let start = start.trim_end_matches(['.', ' ']);
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let (a, b) = (digits(&end), digits(start));
    if a.is_empty() || b.is_empty() || a.len() + b.len() != 9 {
        return None;
    }
    // Not a longer number on either side.
    let before_end = tail[..tail.len() - end.len()].chars().next_back();
    if before_end.is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    if !is_valid_bsn(&format!("{a}{b}")) {
        return None;
    }
    // `111 222` / `333` reads as a spaced BSN; every other break is inside a group.
    let groups_of_three = end.ends_with(|c: char| c.is_ascii_digit())
        && end.rsplit(' ').next().is_some_and(|g| g.len() == 3)
        && start.split([' ', '.']).next().is_some_and(|g| g.len() == 3)
        && end.contains(' ');
    Some(if groups_of_three { Join::Spaced } else { Join::Tight })
}

/// An IBAN whose first part ends `tail` and whose rest starts `next`, passing its mod-97 check.
fn iban_break(tail: &str, next: &str) -> bool {
    let before: Vec<&str> = tail.split_whitespace().rev().take(SIDE).collect();
    let after: Vec<&str> = next.split_whitespace().take(SIDE).collect();
    let clean = |t: &str| t.trim_end_matches(['.', ',', ';', ':', ')']).to_string();
    for i in 0..before.len() {
        let first = before[i];
        let b = first.as_bytes();
        if b.len() < 4
            || !(b[0].is_ascii_uppercase()
                && b[1].is_ascii_uppercase()
                && b[2].is_ascii_digit()
                && b[3].is_ascii_digit())
        {
            continue;
        }
        let head: String = before[..=i].iter().rev().copied().collect();
        for j in 1..=after.len() {
            let rest: String = after[..j].iter().map(|t| clean(t)).collect();
            let candidate = format!("{head}{rest}");
            if candidate.len() > 34 {
                break;
            }
            if candidate.len() >= 15 && is_valid_iban(&candidate) {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e_mail_addresses_broken_at_the_at_sign_or_a_dot_are_read_as_one() {
        let t = |a: &str, b: &str| across(a, b);
        assert_eq!(t("Haar e-mailadres is sanne.devries@", "voorbeeldmail.nl volgens"), Some(Join::Tight));
        assert_eq!(t("is sanne.devries", "@voorbeeldmail.nl."), Some(Join::Tight));
        assert_eq!(t("Haar e-mailadres is sanne.", "devries@voorbeeldmail.nl volgens"), Some(Join::Tight));
        assert_eq!(t("mail naar s.devries@voorbeeld.", "nl of bel"), Some(Join::Tight));
        assert_eq!(t("is sanne.devries@voorbeeld", "mail.nl. De brief"), Some(Join::Tight));
        // A whole address at the line end, the next line a sentence.
        assert_eq!(t("is sanne@voorbeeld.nl", "De brief"), None);
        assert_eq!(t("is sanne@voorbeeld", "De brief"), None);
        // A sentence that ends, a line that starts with a word: not an address.
        assert_eq!(t("Het verzoek is afgewezen.", "Daarna belde zij"), None);
        assert_eq!(t("Het verzoek is afgewezen.", "daarna@ belde"), None);
        assert_eq!(t("Mail ons via @", "of bel"), None);
    }

    #[test]
    fn a_bsn_or_iban_broken_over_lines_is_joined_only_when_it_passes_its_check() {
        assert_eq!(across("Het BSN van de aanvrager is 1234.56.", "782 volgens de"), Some(Join::Tight));
        assert_eq!(across("aanvrager is 1112", "22333 volgens de"), Some(Join::Tight));
        assert_eq!(across("is 111 222", "333 volgens"), Some(Join::Spaced));
        assert_eq!(across("aanvrager is 1112", "22334 volgens de"), None, "fails the 11-proof");
        assert_eq!(across("nummer A1112", "22333 volgens"), None, "part of a longer code");
        assert_eq!(across("Het rekeningnummer is NL91", "ABNA 0417 1643 00 volgens"), Some(Join::Spaced));
        assert_eq!(across("rekening NL91 ABNA", "0417 1643 00."), Some(Join::Spaced));
        assert_eq!(across("rekening NL91ABNA04", "17164300 volgens"), Some(Join::Spaced));
        assert_eq!(across("rekening NL91 ABNA", "0417 1643 01."), None, "fails mod 97");
        assert_eq!(across("", "NL91"), None);
        assert_eq!(across("eerste regel\n", "782"), None);
    }
}
