//! Attribute values: which are read, and what a finding in one means.
//!
//! An Office part keeps a lot of text in attributes: alt text, form-field entries (a drop-down shows the
//! selected one), WordArt strings, list-level texts, filter criteria, connection strings, section names.
//! lak does not keep a list of the attributes that hold text — such a list is never complete. It keeps
//! the opposite: **every attribute value is read unless it is known to be structural**. The decision has
//! three layers (see [`super::vocab::attribute`]):
//!
//! 1. the vocabulary of the format names the attributes it knows: text to read and redact in place
//!    ([`AttrRule::Scan`]), data to strip (authors, dates), names from a closed vocabulary such as fonts
//!    and styles ([`AttrRule::Name`]), and structural attributes (ids, references, relationship types);
//! 2. every other attribute is [`AttrRule::Unknown`]: read, and a finding in it sends the document to
//!    manual handling with the attribute named, because lak cannot tell whether rewriting it keeps the
//!    file valid;
//! 3. a value whose *shape* cannot hold personal data is not read at all: numbers of up to eight digits
//!    (measurements, counts, small ids), short hexadecimal strings (colours, ids), GUIDs, lower-case
//!    tokens and lists of them (every enumerated value of the OOXML schemas: `single`, `accent1`,
//!    `lowerLetter`, `w14 w15`), language tags (`nl-NL`) and cell ranges (`A1:B9`). A BSN (nine digits),
//!    an e-mail address, a phone number or a capitalised word is always read.
//!
//! A [`AttrRule::Name`] (a font, a style, a theme) is read only when it does not look like such a name —
//! when it holds an `@`, a `:` or `/`, or a run of five or more digits: font names such as `Cambria Math`
//! or `Franklin Gothic` are not people, but an e-mail address used as a font name is read and redacted.

/// What the scanner does with an attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AttrRule {
    /// Structural (an id, a reference, a type URI): not read.
    Structural,
    /// Removed from the tag (authors, dates, revision ids).
    Strip(&'static str),
    /// Its value is text: a unit of its own, redacted in place.
    Scan(AttrKind),
    /// A name from a closed vocabulary (a font, a style): read, and redacted in place, only when it does
    /// not look like such a name.
    Name,
    /// Not known to lak: read; a finding in it needs manual handling.
    Unknown,
}

/// Kinds of text attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AttrKind {
    /// Text (alt text, a tooltip, a docVar value).
    Text,
    /// A name that must stay an identifier (a bookmark name).
    Ident,
    /// A worksheet name.
    SheetName,
    /// A defined name.
    DefinedName,
    /// A pivot cache item value.
    PivotValue,
    /// A number format code: only its literal text (`"…"`, `\x`) is shown.
    FormatCode,
    /// A relationship target (a part name or an address); decided by `TargetMode` and the type.
    Target,
    /// Text lak cannot rewrite: a finding needs manual handling (content types, part names).
    Fixed,
}

/// Whether a value's shape rules out personal data (see the module documentation).
pub(crate) fn structural_value(v: &str) -> bool {
    let v = v.trim();
    v.is_empty() || number(v) || hex(v) || guid(v) || v.split(' ').all(|t| token(t) || language(t) || cell_range(t))
}

/// `http://schemas.microsoft.com/office/word/2010/wordml`, `urn:schemas-microsoft-com:office:office`,
/// `{28A0092B-C50C-407E-A947-70E740481C1C}`: a scheme of lower-case letters, no white space, no `@`
/// and no run of five digits (`tel:0612345678` is read), or a GUID.
pub(crate) fn uri_like(v: &str) -> bool {
    let v = v.trim();
    if guid(v) {
        return true;
    }
    let Some((scheme, rest)) = v.split_once(':') else { return false };
    !scheme.is_empty()
        && scheme.bytes().all(|b| b.is_ascii_lowercase())
        && !rest.is_empty()
        && !v.contains(char::is_whitespace)
        && !v.contains('@')
        && !rest.as_bytes().windows(5).any(|w| w.iter().all(u8::is_ascii_digit))
}

/// A name from a vocabulary (font, style) that lak need not read: letters, digits, spaces and a few
/// punctuation marks, no `@`, no run of five digits.
pub(crate) fn name_like(v: &str) -> bool {
    let mut digits = 0;
    for c in v.chars() {
        if c.is_ascii_digit() {
            digits += 1;
            if digits >= 5 {
                return false;
            }
            continue;
        }
        digits = 0;
        if !(c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | ',' | '&' | '\'' | '(' | ')' | '+' | '#')) {
            return false;
        }
    }
    true
}

/// `-12`, `1.5`, `50%`, `12pt`, `9144000`, `1.2E-3`: at most eight digits before the decimal point.
fn number(v: &str) -> bool {
    let v = v.strip_prefix(['-', '+']).unwrap_or(v);
    let unit_at = v.find(|c: char| c.is_ascii_alphabetic() || c == '%').unwrap_or(v.len());
    let (num, unit) = v.split_at(unit_at);
    let (int, frac) = num.split_once('.').unwrap_or((num, ""));
    let unit_ok = matches!(unit, "" | "%" | "pt" | "in" | "cm" | "mm" | "pc" | "px" | "em" | "emu" | "f" | "fd")
        || unit.strip_prefix(['e', 'E']).is_some_and(|e| {
            let e = e.strip_prefix(['-', '+']).unwrap_or(e);
            !e.is_empty() && e.len() <= 3 && e.bytes().all(|b| b.is_ascii_digit())
        });
    !int.is_empty()
        && int.len() <= 8
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && unit_ok
}

/// `FF0000`, `#ff0000`, `00AB12CD`: up to eight hexadecimal digits.
fn hex(v: &str) -> bool {
    let v = v.strip_prefix('#').unwrap_or(v);
    !v.is_empty() && v.len() <= 8 && v.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `{8-4-4-4-12}` with or without braces.
fn guid(v: &str) -> bool {
    let v = v.strip_prefix('{').and_then(|v| v.strip_suffix('}')).unwrap_or(v);
    let groups: Vec<&str> = v.split('-').collect();
    groups.len() == 5
        && groups.iter().zip([8, 4, 4, 4, 12]).all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A schema token: starts with a lower-case letter or `_` (or `#` + such a token), then letters, digits,
/// `_`, `-`: `single`, `accent1`, `rId5`, `x-none`, `#_x0000_t136`, `w14`.
fn token(t: &str) -> bool {
    let t = t.strip_prefix('#').unwrap_or(t);
    let mut chars = t.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
}

/// `nl-NL`, `en-US`, `zh-CN`.
fn language(t: &str) -> bool {
    let mut parts = t.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// `A1`, `$B$7`, `A1:C9`.
fn cell_range(t: &str) -> bool {
    let cell = |c: &str| {
        let c = c.strip_prefix('$').unwrap_or(c);
        let split = c.find(|ch: char| !ch.is_ascii_uppercase()).unwrap_or(c.len());
        let (letters, rest) = c.split_at(split);
        let digits = rest.strip_prefix('$').unwrap_or(rest);
        (1..=3).contains(&letters.len())
            && (1..=7).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
    };
    match t.split_once(':') {
        Some((a, b)) => cell(a) && cell(b),
        None => cell(t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_that_cannot_hold_personal_data() {
        for v in [
            "",
            "24",
            "-12",
            "1.5",
            "50%",
            "12pt",
            "9144000",
            "FF0000",
            "#ff0000",
            "00AB12CD",
            "single",
            "accent1",
            "lowerLetter",
            "w14 w15 wp14",
            "rId5",
            "x-none",
            "nl-NL",
            "#_x0000_t136",
            "A1:B9",
            "$B$7",
            "{11111111-2222-3333-4444-555555555555}",
            "1.2E-3",
        ] {
            assert!(structural_value(v), "{v}");
        }
        for v in [
            "111222333",
            "0612345678",
            "piet.bakker@example.nl",
            "General",
            "Jan Jansen",
            "BSN 111222333",
            "06-12345678",
            "NL91ABNA0417164300",
            "mailto:a@b.nl",
            "de Vries",
        ] {
            assert!(!structural_value(v), "{v}");
        }
    }

    #[test]
    fn uris_and_guids_but_no_names_or_addresses() {
        for v in [
            "http://schemas.microsoft.com/office/word/2010/wordml",
            "urn:schemas-microsoft-com:office:office",
            "{28A0092B-C50C-407E-A947-70E740481C1C}",
        ] {
            assert!(uri_like(v), "{v}");
        }
        for v in [
            "Jan Jansen",
            "mailto:piet.bakker@example.nl",
            "BSN: 111222333",
            "Tel:0612345678",
            "tel:0612345678",
            "111222333",
        ] {
            assert!(!uri_like(v), "{v}");
        }
    }

    #[test]
    fn names_of_fonts_and_styles() {
        for v in ["Cambria Math", "Times New Roman", "Heading1", "Kop 1", "+mj-lt", "ＭＳ 明朝", "Office Theme"] {
            assert!(name_like(v), "{v}");
        }
        for v in ["piet.bakker@example.nl", "BSN 111222333", "http://x/y", "C:\\Users\\jan"] {
            assert!(!name_like(v), "{v}");
        }
    }
}
