//! Validators: checks a pattern match must pass before it becomes a finding.
//!
//! A validator sees the whole text and the match's span, so it can look at neighbouring characters
//! (e.g. a place name followed by a date is not a street address) and it can shorten the span (an IBAN
//! pattern may run on into the next word; the validator cuts it at the country's length). It returns the
//! accepted span, or `None`.

mod bsn;
mod btw;
mod date;
mod iban;
mod id_document;
mod ip;
mod phone;
mod plate;
mod postcode;
mod street;

use std::ops::Range;

pub use bsn::is_valid_bsn;
pub(crate) use date::{month_number, ymd};
pub use iban::is_valid_iban;
pub(crate) use phone::national_form;

use crate::rules::Validator;

/// Runs `validator` on `text[span]`; returns the accepted (possibly shortened) span.
pub fn check(validator: Validator, text: &str, span: Range<usize>) -> Option<Range<usize>> {
    let m = &text[span.clone()];
    let ok = match validator {
        Validator::Bsn11 => bsn::check(m) && !part_of_longer_number(text, &span),
        Validator::IbanMod97 => return iban::check(text, span),
        Validator::Date => date::check(m),
        Validator::Postcode => postcode::check(m),
        Validator::PhoneNl => phone::check(m),
        Validator::Plate => plate::check(m),
        Validator::IdDocument => id_document::check(m),
        Validator::Ip => ip::check(m),
        Validator::BtwId => btw::check(m),
        Validator::StreetAddress => return street::check(text, span),
    };
    ok.then_some(span)
}

/// Whether the span continues a longer dotted or dashed number (`197.107.205` of `197.107.205.125`,
/// `12.345.678` of `1.212.345.678`): a piece of an IP address or amount is not a value of its own.
fn part_of_longer_number(text: &str, span: &Range<usize>) -> bool {
    let b = text.as_bytes();
    let sep = |c: u8| matches!(c, b'.' | b'-' | b',');
    let after = b.get(span.end).is_some_and(|&c| sep(c)) && b.get(span.end + 1).is_some_and(u8::is_ascii_digit);
    let before = span.start >= 2 && sep(b[span.start - 1]) && b[span.start - 2].is_ascii_digit();
    after || before
}

/// The ASCII digits of `s` as values 0–9.
fn digits(s: &str) -> impl Iterator<Item = u32> + '_ {
    s.bytes().filter(u8::is_ascii_digit).map(|b| u32::from(b - b'0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_piece_of_a_longer_number_is_not_a_bsn() {
        let t = "IP 197.107.205.125 en 1.123.456.782,00 maar 111.222.333.";
        let at = |s: &str| t.find(s).unwrap();
        assert_eq!(
            check(Validator::Bsn11, t, at("111.222.333")..at("111.222.333") + 11),
            Some(at("111.222.333")..at("111.222.333") + 11)
        );
        let s = at("123.456.782");
        assert_eq!(check(Validator::Bsn11, t, s..s + 11), None);
    }
}
