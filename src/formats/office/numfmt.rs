//! Numbers as a spreadsheet shows them through their number format.
//!
//! A cell holds `612345678`; its format `"0"0"-"00000000` shows `06-12345678`, a mobile number the
//! detector only finds in the shown form. lak renders a number through the common parts of a format
//! code — digit placeholders (`0`, `#`, `?`), literal text (quoted, escaped, or one of the characters
//! shown as themselves), a decimal point, thousands grouping, a percent sign, `General`, and sections for
//! negative numbers and zero — and reads the result as a view of the cell (see `views.rs`).
//!
//! A date or time format shows a date number (`31852` through `dd-mm-yyyy` is `16-03-1987`): it is
//! rendered by `numfmt/date.rs` in the workbook's date system, and gives [`Shown::Date`] with the day as
//! `dd-mm-yyyy` as well when the format does not show it that way, so that a date of birth is found
//! whatever format it is shown in. A negative number or one past 31-12-9999 is no date
//! ([`Shown::Unknown`]).
//!
//! What it does not render (fractions, exponents, conditions, scaling commas, text sections) is
//! [`Shown::Unknown`]. `workbook.rs` refuses a document where a format lak cannot render could assemble
//! an identifier out of a number ([`assembles`]: literal digits, or literal characters between digit
//! placeholders).

mod date;

pub(crate) use date::{DateSystem, builtin};

/// How a number looks through a format.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Shown {
    /// The text shown.
    Text(String),
    /// A date or time format: what it shows (`None` when lak does not render the format) and the day
    /// the number stands for as `dd-mm-yyyy`, unless what it shows has that day as digits already.
    Date {
        /// The text shown.
        shown: Option<String>,
        /// The day, `dd-mm-yyyy`.
        day: Option<String>,
    },
    /// A format lak does not render.
    Unknown,
}

#[derive(Debug, PartialEq, Eq)]
enum Token {
    Lit(String),
    /// A digit placeholder: `0`, `#` or `?`.
    Digit(char),
    Point,
    General,
    Percent,
}

/// Renders the number `value` (as stored in the cell) through the format `code`; a date number counts
/// from the epoch of `system`.
pub(crate) fn render(code: &str, value: &str, system: DateSystem) -> Shown {
    let Ok(v) = value.trim().parse::<f64>() else { return Shown::Unknown };
    if !v.is_finite() {
        return Shown::Unknown;
    }
    let sections = sections(code);
    let (section, v, minus) = match sections.len() {
        _ if v < 0.0 && sections.len() >= 2 => (sections[1], -v, false),
        n if v == 0.0 && n >= 3 => (sections[2], v, false),
        _ => (sections[0], v.abs(), v < 0.0),
    };
    if date::is_date(section) {
        if minus || !(0.0..=date::MAX_SERIAL).contains(&v) || value.trim().starts_with('-') {
            return Shown::Unknown; // Excel shows `#####`
        }
        let r = date::render(section, v, system);
        return Shown::Date { shown: r.shown, day: r.day };
    }
    let tokens = match tokens(section) {
        Ok(t) => t,
        Err(shown) => return shown,
    };
    let mut v = v;
    for t in &tokens {
        if *t == Token::Percent {
            v *= 100.0;
        }
    }
    let point = tokens.iter().position(|t| *t == Token::Point).unwrap_or(tokens.len());
    let int_places = tokens[..point].iter().filter(|t| matches!(t, Token::Digit(_))).count();
    let frac_places = tokens[point..].iter().filter(|t| matches!(t, Token::Digit(_))).count();
    if v >= 1e15 {
        return Shown::Unknown;
    }
    let fixed = format!("{v:.frac_places$}");
    let (int_str, frac_str) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let int_digits: Vec<char> = int_str.trim_start_matches('0').chars().collect();
    let frac_digits: Vec<char> = frac_str.chars().collect();
    // Trailing `#` places of the fraction show no zeros.
    let frac_tokens: Vec<&Token> = tokens[point..].iter().filter(|t| matches!(t, Token::Digit(_))).collect();
    let mut frac_shown = frac_places;
    for (k, t) in frac_tokens.iter().enumerate().rev() {
        if matches!(t, Token::Digit('#')) && frac_digits.get(k) == Some(&'0') && frac_shown == k + 1 {
            frac_shown = k;
        }
    }
    let mut out = String::new();
    if minus {
        out.push('-');
    }
    let (mut int_k, mut frac_k) = (0usize, 0usize);
    for (i, t) in tokens.iter().enumerate() {
        match t {
            Token::Lit(s) => out.push_str(s),
            Token::Percent => out.push('%'),
            Token::General => out.push_str(&general(v)),
            Token::Point => {
                if frac_shown > 0 || tokens[i + 1..].contains(&Token::Digit('0')) {
                    out.push('.');
                }
            }
            Token::Digit(p) if i < point => {
                // Placeholders take the digits from the right; the first takes all the extra ones.
                let from_right = int_places - 1 - int_k;
                let m = int_digits.len();
                if int_k == 0 && m > int_places {
                    out.extend(&int_digits[..m - int_places]);
                }
                if from_right < m {
                    out.push(int_digits[m - 1 - from_right]);
                } else {
                    match p {
                        '0' => out.push('0'),
                        '?' => out.push(' '),
                        _ => {}
                    }
                }
                int_k += 1;
            }
            Token::Digit(p) => {
                if frac_k < frac_shown {
                    out.push(frac_digits.get(frac_k).copied().unwrap_or('0'));
                } else if *p == '?' {
                    out.push(' ');
                }
                frac_k += 1;
            }
        }
    }
    if int_places == 0 && !tokens.contains(&Token::General) && !int_digits.is_empty() {
        // No integer placeholder: Excel still shows the integer part before the point.
        return Shown::Unknown;
    }
    Shown::Text(out)
}

/// A number the way `General` shows it (integers without decimals).
fn general(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 { format!("{}", v as i64) } else { format!("{v}") }
}

/// The sections of a format code (split at `;` outside quotes, escapes and brackets).
fn sections(code: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut quoted, mut bracket, mut escaped) = (0, false, false, false);
    for (i, c) in code.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if !quoted => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            ';' if !quoted && !bracket => {
                out.push(&code[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&code[start..]);
    out
}

/// The tokens of one section; `Err` with what it shows when lak does not render it.
fn tokens(section: &str) -> Result<Vec<Token>, Shown> {
    let mut out = Vec::new();
    let lit = |out: &mut Vec<Token>, s: &str| match out.last_mut() {
        Some(Token::Lit(l)) => l.push_str(s),
        _ => out.push(Token::Lit(s.to_string())),
    };
    let mut chars = section.char_indices().peekable();
    let mut grouping_ok = true;
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                let mut s = String::new();
                for (_, d) in chars.by_ref() {
                    if d == '"' {
                        break;
                    }
                    s.push(d);
                }
                lit(&mut out, &s);
            }
            '\\' => {
                if let Some((_, d)) = chars.next() {
                    lit(&mut out, &d.to_string());
                }
            }
            '_' => {
                chars.next();
                lit(&mut out, " ");
            }
            '*' => {
                chars.next(); // a fill character: repeated to the cell's width, nothing fixed
            }
            '[' => {
                let mut inner = String::new();
                for (_, d) in chars.by_ref() {
                    if d == ']' {
                        break;
                    }
                    inner.push(d);
                }
                if let Some(cur) = inner.strip_prefix('$') {
                    lit(&mut out, cur.split('-').next().unwrap_or(""));
                } else if inner.starts_with(['<', '>', '=']) {
                    return Err(Shown::Unknown);
                } else if inner.chars().all(|c| matches!(c.to_ascii_lowercase(), 'h' | 'm' | 's')) {
                    return Err(Shown::Unknown); // elapsed time: a date section, see `date.rs`
                }
                // Otherwise a colour: not shown.
            }
            '0' | '#' | '?' => out.push(Token::Digit(c)),
            '.' => {
                if out.contains(&Token::Point) {
                    lit(&mut out, ".");
                } else {
                    out.push(Token::Point);
                }
            }
            ',' => {
                // Grouping between placeholders; a comma after the last one scales: not rendered.
                let before = out.iter().any(|t| matches!(t, Token::Digit(_)));
                let after = chars.peek().is_some_and(|&(_, d)| matches!(d, '0' | '#' | '?'));
                if !(before && after) || out.contains(&Token::Point) {
                    return Err(Shown::Unknown);
                }
                // Grouping with literals between the placeholders is not rendered.
                grouping_ok &=
                    !out.iter().skip_while(|t| !matches!(t, Token::Digit(_))).any(|t| matches!(t, Token::Lit(_)));
            }
            '%' => out.push(Token::Percent),
            'G' | 'g' if section[i..].to_ascii_lowercase().starts_with("general") => {
                for _ in 0..6 {
                    chars.next();
                }
                out.push(Token::General);
            }
            ' ' | '-' | '+' | '(' | ')' | ':' | '$' | '^' | '\'' | '{' | '}' | '<' | '>' | '=' | '!' | '&' | '~' => {
                lit(&mut out, &c.to_string())
            }
            '1'..='9' => lit(&mut out, &c.to_string()),
            c if !c.is_ascii() && !c.is_alphanumeric() => lit(&mut out, &c.to_string()), // €, £
            _ => return Err(Shown::Unknown), // fractions, exponents, text, letters
        }
    }
    if !grouping_ok {
        return Err(Shown::Unknown);
    }
    Ok(out)
}

/// Whether a format could assemble an identifier out of a number: a literal digit anywhere, or literal
/// characters between digit placeholders (`000-000`, `"0"0"-"00000000`).
pub(crate) fn assembles(code: &str) -> bool {
    sections(code).iter().any(|section| {
        let mut seen_digit = false;
        let mut lit_after_digit = false;
        let mut chars = section.chars();
        let lit = |s: &str, seen: bool, after: &mut bool| -> bool {
            if s.chars().any(|c| c.is_ascii_digit()) {
                return true;
            }
            if seen && !s.trim().is_empty() {
                *after = true;
            }
            false
        };
        while let Some(c) = chars.next() {
            let hit = match c {
                '"' => {
                    let s: String = chars.by_ref().take_while(|&d| d != '"').collect();
                    lit(&s, seen_digit, &mut lit_after_digit)
                }
                '\\' => chars.next().is_some_and(|d| lit(&d.to_string(), seen_digit, &mut lit_after_digit)),
                '[' => {
                    chars.by_ref().take_while(|&d| d != ']').for_each(drop);
                    false
                }
                '0' | '#' | '?' => {
                    if lit_after_digit {
                        return true;
                    }
                    seen_digit = true;
                    false
                }
                '1'..='9' => true,
                '-' | '/' | '(' | ')' | ':' | '+' | ' ' => {
                    lit(&c.to_string(), seen_digit, &mut lit_after_digit);
                    false
                }
                _ => false,
            };
            if hit {
                return true;
            }
        }
        false
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Shown {
        fn shown_date(self) -> Option<String> {
            match self {
                Shown::Date { shown, .. } => shown,
                _ => None,
            }
        }
    }

    fn text(code: &str, v: &str) -> String {
        match render(code, v, DateSystem::Excel1900) {
            Shown::Text(t) => t,
            other => panic!("{code} {v}: {other:?}"),
        }
    }

    #[test]
    fn numbers_are_shown_through_their_format() {
        assert_eq!(text("\"0\"0\"-\"00000000", "612345678"), "06-12345678");
        assert_eq!(text("000000000", "12345672"), "012345672");
        assert_eq!(text("0", "111222333"), "111222333");
        assert_eq!(text("000-000-000", "111222333"), "111-222-333");
        assert_eq!(text("\\0\\6 00000000", "12345678"), "06 12345678");
        assert_eq!(text("0.00", "3.14159"), "3.14");
        assert_eq!(text("#,##0", "1234567"), "1234567");
        assert_eq!(text("0%", "0.25"), "25%");
        assert_eq!(text("\"Tel. \"General", "612345678"), "Tel. 612345678");
        assert_eq!(text("0;(0)", "-5"), "(5)");
        assert_eq!(text("[$€-413] #,##0.00", "12.5"), "€ 12.50");
        assert_eq!(text("[Red]0", "7"), "7");
    }

    #[test]
    fn date_numbers_are_shown_as_dates() {
        let date = |code: &str, v: &str| render(code, v, DateSystem::Excel1900);
        assert_eq!(date("dd-mm-yyyy", "31852"), Shown::Date { shown: Some("16-03-1987".into()), day: None });
        assert_eq!(
            date("[$-409]d mmmm yyyy;@", "31852"),
            Shown::Date { shown: Some("16 March 1987".into()), day: Some("16-03-1987".into()) }
        );
        assert_eq!(
            render("d/m/yyyy", "30390", DateSystem::Excel1904),
            Shown::Date { shown: Some("16/3/1987".into()), day: None }
        );
        assert_eq!(
            date("[$-413]d mmmm yyyy;@", "31852"),
            Shown::Date { shown: Some("16 maart 1987".into()), day: None }
        );
        assert_eq!(date("dd-mm-yyyy", "-1"), Shown::Unknown);
        assert_eq!(date("dd-mm-yyyy", "2958466"), Shown::Unknown);
        assert_eq!(date("dd-mm-yyyy;dd-mm-yyyy", "-31852"), Shown::Unknown);
        assert_eq!(date("dd-mm-yyyy", "2958465").shown_date().as_deref(), Some("31-12-9999"));
    }

    #[test]
    fn dates_and_what_lak_does_not_render() {
        let r = |code: &str, v: &str| render(code, v, DateSystem::Excel1900);
        assert_eq!(r("[h]:mm", "1.5"), Shown::Date { shown: Some("36:00".into()), day: Some("01-01-1900".into()) });
        assert_eq!(r("# ?/?", "1.5"), Shown::Unknown);
        assert_eq!(r("0.00E+00", "1.5"), Shown::Unknown);
        assert_eq!(r("[<1000]0;0,", "5"), Shown::Unknown);
        assert_eq!(r("0", "abc"), Shown::Unknown);
    }

    #[test]
    fn formats_that_could_assemble_an_identifier() {
        assert!(assembles("\"0\"0\"-\"00000000"));
        assert!(assembles("000-000"));
        assert!(assembles("\"06\"# ?/?"));
        assert!(!assembles("0.00"));
        assert!(!assembles("#,##0 \"kg\""));
        assert!(!assembles("dd-mm-yyyy"));
        assert!(!assembles("General"));
    }
}
