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
pub use iban::is_valid_iban;

use crate::rules::Validator;

/// Runs `validator` on `text[span]`; returns the accepted (possibly shortened) span.
pub fn check(validator: Validator, text: &str, span: Range<usize>) -> Option<Range<usize>> {
    let m = &text[span.clone()];
    let ok = match validator {
        Validator::Bsn11 => bsn::check(m),
        Validator::IbanMod97 => return iban::check(text, span),
        Validator::Date => date::check(m),
        Validator::Postcode => postcode::check(m),
        Validator::PhoneNl => phone::check(m),
        Validator::Plate => plate::check(m),
        Validator::IdDocument => id_document::check(m),
        Validator::Ip => ip::check(m),
        Validator::BtwId => btw::check(m),
        Validator::StreetAddress => street::check(text, span.clone()),
    };
    ok.then_some(span)
}

/// The ASCII digits of `s` as values 0–9.
fn digits(s: &str) -> impl Iterator<Item = u32> + '_ {
    s.bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| u32::from(b - b'0'))
}
