//! Date numbers as a spreadsheet shows them.
//!
//! Excel stores a date as the number of days since an epoch (`31852` is 16 March 1987) and a time as the
//! fraction of a day; the number format says how it is shown. A date of birth typed into Excel is such a
//! number, and the date rule only finds it in a shown form. This module turns a serial into a calendar
//! day in either of Excel's date systems ([`DateSystem`]) and renders it through a date format:
//!
//! - tokens `d dd ddd dddd`, `m mm mmm mmmm mmmmm` (`m`/`mm` right after an hour or right before a second
//!   are minutes), `yy yyyy` (and `e`, the year), `h hh`, `s ss` with fractions (`ss.00`), `AM/PM`,
//!   `A/P`, elapsed time (`[h]`, `[mm]`, `[ss]`), literals (quoted, escaped, and the characters shown as
//!   themselves), colours (ignored);
//! - month and day names in Dutch, as the Dutch Excel of the bodies lak works for shows a format without
//!   a locale (`d mmmm yyyy` is `16 maart 1987`), and for the Dutch locales `[$-413]` and `[$-813]`; in
//!   English for a format with another locale prefix (`[$-409]`, `[$-809]`: `16 March 1987`). Dutch
//!   names are also what the date rule reads, and never taken for a person (`January`, `May`, `June`
//!   are first names in English); `[$-F800]` and `[$-x-sysdate]` (the system's long date) are rendered as
//!   `d mmmm yyyy`, `[$-F400]` and `[$-x-systime]` (its time) as `h:mm:ss`;
//! - the built-in date formats ([`builtin`]) as a Dutch Excel shows them (`14` is `d-m-yyyy`).
//!
//! The rendered form is not always one the date rule recognises (`March 16, 1987`, `16-Mar-87`,
//! `1987-3-16`, a format that shows only the month and year of a full date), so [`render`] also gives
//! the day the number stands for as `dd-mm-yyyy` unless the format already shows it the way the rule
//! reads it: day, month and year as digits (`16-3-1987`, `16/03/87`), or day, Dutch month name and
//! four-digit year (`16 mrt 1987`). A format lak cannot render (eras, Buddhist years, conditions, text
//! sections) still gives that day.

/// The epoch of a workbook's date numbers (`<workbookPr date1904="1"/>` chooses 1904).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DateSystem {
    /// Day 1 is 1 January 1900, and day 60 is the 29 February 1900 that never was (Lotus 1-2-3's leap
    /// year bug, kept by Excel): serials before it are one day off from the real calendar.
    Excel1900,
    /// Day 0 is 1 January 1904 (old Mac Excel).
    Excel1904,
}

/// The largest serial Excel shows as a date: 31 December 9999.
pub(crate) const MAX_SERIAL: f64 = 2_958_465.0;

/// A date format as Excel shows a date number: what it shows, when lak renders the format, and the day
/// as `dd-mm-yyyy` unless what it shows has the day as digits already.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Rendered {
    pub shown: Option<String>,
    pub day: Option<String>,
}

/// The code of a built-in date or time format (number format ids 14–22, 27–36, 45–47, 50–58) as a Dutch
/// Excel shows it; `None` for other ids. The East Asian ids (27–36, 50–58) show a date there.
pub(crate) fn builtin(id: &str) -> Option<&'static str> {
    Some(match id.trim().parse::<u32>().ok()? {
        14 | 27..=36 | 50..=58 => "[$-413]d-m-yyyy",
        15 => "[$-413]d-mmm-yy",
        16 => "[$-413]d-mmm",
        17 => "[$-413]mmm-yy",
        18 => "h:mm AM/PM",
        19 => "h:mm:ss AM/PM",
        20 => "h:mm",
        21 => "h:mm:ss",
        22 => "[$-413]d-m-yyyy h:mm",
        45 => "mm:ss",
        46 => "[h]:mm:ss",
        47 => "mm:ss.0",
        _ => return None,
    })
}

/// Whether a format section shows a date or time: a date or time letter outside literals.
pub(crate) fn is_date(section: &str) -> bool {
    let mut chars = section.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => chars.by_ref().take_while(|&d| d != '"').for_each(drop),
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                let inner: String = chars.by_ref().take_while(|&d| d != ']').collect();
                if !inner.is_empty() && inner.chars().all(|c| matches!(c.to_ascii_lowercase(), 'h' | 'm' | 's')) {
                    return true; // elapsed time
                }
            }
            'y' | 'Y' | 'm' | 'M' | 'd' | 'D' | 'h' | 'H' | 's' | 'S' | 'b' | 'B' => return true,
            // An era (`g`) and its year (`e`), not `General` and not an exponent (`E+`).
            'g' | 'G' => {
                if !chars.clone().take(6).collect::<String>().eq_ignore_ascii_case("eneral") {
                    return true;
                }
                chars.by_ref().take(6).for_each(drop);
            }
            'e' | 'E' if !matches!(chars.peek(), Some('+' | '-')) => return true,
            'a' | 'A' => {
                let rest: String = chars.clone().take(4).collect::<String>().to_ascii_lowercase();
                if rest.starts_with("m/pm") || rest.starts_with("/p") {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// Renders the date number `v` (not negative, at most [`MAX_SERIAL`]) through the date format section
/// `section`.
pub(crate) fn render(section: &str, v: f64, system: DateSystem) -> Rendered {
    let whole = v.floor() as i64;
    let stamp = Stamp::new(v, system, 0);
    let day = civil(whole, system).filter(|&(_, _, d)| d > 0).map(|(y, m, d)| format!("{d:02}-{m:02}-{y:04}"));
    let Some((tokens, lang)) = tokens(section) else {
        return Rendered { shown: None, day };
    };
    let frac = tokens.iter().find_map(|t| if let Tok::Frac(n) = t { Some(*n) } else { None }).unwrap_or(0);
    let stamp = if frac > 0 { Stamp::new(v, system, frac) } else { stamp };
    let shown = stamp.map(|s| show(&tokens, &s, lang));
    let day = if recognised(&tokens, lang) && shown.is_some() { None } else { day };
    Rendered { shown, day }
}

/// (year, month, day) of the whole-day serial `n`; 0 in the 1900 system is day 0 of January 1900, as
/// Excel shows it. `None` outside years 1900 (1904) to 9999.
pub(crate) fn civil(n: i64, system: DateSystem) -> Option<(i64, u32, u32)> {
    if n < 0 || n as f64 > MAX_SERIAL {
        return None;
    }
    let (y, m, d) = match system {
        DateSystem::Excel1900 if n == 0 => (1900, 1, 0),
        DateSystem::Excel1900 if n == 60 => (1900, 2, 29),
        DateSystem::Excel1900 if n < 60 => from_days(days_from_civil(1899, 12, 31) + n),
        DateSystem::Excel1900 => from_days(days_from_civil(1899, 12, 30) + n),
        DateSystem::Excel1904 => from_days(days_from_civil(1904, 1, 1) + n),
    };
    (y <= 9999).then_some((y, m, d))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `z` days after 1970-01-01.
fn from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
}

/// A date number taken apart, its time rounded to the fraction of a second shown.
struct Stamp {
    year: i64,
    month: u32,
    day: u32,
    /// 0 is Sunday.
    weekday: u32,
    /// Whole days, for elapsed time.
    days: i64,
    /// Milliseconds into the day.
    ms: i64,
}

impl Stamp {
    fn new(v: f64, system: DateSystem, frac: usize) -> Option<Stamp> {
        let unit = [1000, 100, 10, 1][frac.min(3)];
        let mut days = v.floor() as i64;
        let mut ms = (((v - v.floor()) * 86_400_000.0 / unit as f64).round() as i64) * unit;
        if ms >= 86_400_000 {
            days += 1;
            ms -= 86_400_000;
        }
        let (year, month, day) = civil(days, system)?;
        let weekday = match system {
            // Excel counts the day that never was: its day 1 is a Sunday.
            DateSystem::Excel1900 => (days + 6).rem_euclid(7),
            DateSystem::Excel1904 => (days_from_civil(year, month, day) + 4).rem_euclid(7),
        } as u32;
        Some(Stamp { year, month, day, weekday, days, ms })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lang {
    Dutch,
    English,
}

#[derive(Debug, PartialEq, Eq)]
enum Tok {
    Lit(String),
    Year(usize),
    /// `m` or `mm` until resolved: a month or a minute.
    MonthOrMinute(usize),
    Month(usize),
    Minute(usize),
    Day(usize),
    Hour(usize),
    Second(usize),
    /// Fractions of a second: how many digits.
    Frac(usize),
    /// `AM/PM` (true) or `A/P` (false), and whether it is written in lower case (`a/p` shows `a`).
    AmPm(bool, bool),
    /// `[h]`, `[m]`, `[s]` (with their widths).
    Elapsed(char, usize),
}

/// The tokens of a date section and the language of its names; `None` when lak does not render it.
fn tokens(section: &str) -> Option<(Vec<Tok>, Lang)> {
    let mut out: Vec<Tok> = Vec::new();
    let mut lang = Lang::Dutch;
    let lit = |out: &mut Vec<Tok>, s: &str| match out.last_mut() {
        Some(Tok::Lit(l)) => l.push_str(s),
        _ => out.push(Tok::Lit(s.to_string())),
    };
    let chars: Vec<char> = section.chars().collect();
    let mut i = 0;
    let run = |i: usize, c: char| chars[i..].iter().take_while(|d| d.eq_ignore_ascii_case(&c)).count();
    while i < chars.len() {
        let c = chars[i];
        match c.to_ascii_lowercase() {
            '"' => {
                let s: String = chars[i + 1..].iter().take_while(|&&d| d != '"').collect();
                i += s.chars().count() + 2;
                lit(&mut out, &s);
                continue;
            }
            '\\' => {
                if let Some(d) = chars.get(i + 1) {
                    lit(&mut out, &d.to_string());
                }
                i += 2;
                continue;
            }
            '_' => {
                lit(&mut out, " ");
                i += 2;
                continue;
            }
            '*' => {
                i += 2;
                continue;
            }
            '[' => {
                let inner: String = chars[i + 1..].iter().take_while(|&&d| d != ']').collect();
                i += inner.chars().count() + 2;
                let lower = inner.to_ascii_lowercase();
                if let Some(cur) = inner.strip_prefix('$') {
                    let (symbol, locale) = cur.split_once('-').unwrap_or((cur, ""));
                    lit(&mut out, symbol);
                    let locale = locale.trim().to_ascii_lowercase();
                    let id = match locale.as_str() {
                        "x-sysdate" => 0xF800,
                        "x-systime" => 0xF400,
                        _ => u32::from_str_radix(&locale, 16).unwrap_or(0),
                    };
                    match id & 0xFFFF {
                        0 | 0x0413 | 0x0813 => lang = Lang::Dutch,
                        // The system's long date and time: the rest of the section is Excel's fallback.
                        0xF800 => return tokens("d mmmm yyyy").map(|(t, _)| (t, Lang::Dutch)),
                        0xF400 => return tokens("h:mm:ss").map(|(t, _)| (t, Lang::Dutch)),
                        _ => lang = Lang::English,
                    }
                } else if !lower.is_empty() && lower.chars().all(|c| matches!(c, 'h' | 'm' | 's')) {
                    let first = lower.chars().next().unwrap_or('h');
                    out.push(Tok::Elapsed(first, lower.len()));
                } else if lower.starts_with(['<', '>', '=']) {
                    return None; // a condition
                }
                // Otherwise a colour: not shown.
                continue;
            }
            'y' | 'e' => {
                let n = if c.eq_ignore_ascii_case(&'e') { 4 } else { run(i, c) };
                out.push(Tok::Year(if n <= 2 { 2 } else { 4 }));
                i += run(i, c).max(1);
                continue;
            }
            'm' => {
                let n = run(i, c);
                out.push(if n <= 2 { Tok::MonthOrMinute(n) } else { Tok::Month(n.min(5)) });
                i += n;
                continue;
            }
            'd' => {
                let n = run(i, c);
                out.push(Tok::Day(n.min(4)));
                i += n;
                continue;
            }
            'h' => {
                let n = run(i, c);
                out.push(Tok::Hour(n.min(2)));
                i += n;
                continue;
            }
            's' => {
                let n = run(i, c);
                out.push(Tok::Second(n.min(2)));
                i += n;
                if chars.get(i) == Some(&'.') {
                    let zeros = chars[i + 1..].iter().take_while(|&&d| d == '0').count();
                    if zeros > 0 {
                        out.push(Tok::Frac(zeros.min(3)));
                        i += 1 + zeros;
                    }
                }
                continue;
            }
            'a' => {
                let rest: String = chars[i..].iter().take(5).collect::<String>().to_ascii_lowercase();
                let lower = c == 'a';
                if rest == "am/pm" {
                    out.push(Tok::AmPm(true, lower));
                    i += 5;
                } else if rest.starts_with("a/p") {
                    out.push(Tok::AmPm(false, lower));
                    i += 3;
                } else {
                    return None;
                }
                continue;
            }
            ' ' | '-' | '/' | '.' | ',' | ':' | '(' | ')' | '+' | '$' | '^' | '\'' | '{' | '}' | '<' | '>' | '='
            | '!' | '&' | '~' => lit(&mut out, &c.to_string()),
            _ if !c.is_ascii() && !c.is_alphanumeric() => lit(&mut out, &c.to_string()),
            // Digit placeholders, text (`@`), eras (`g`), Buddhist years (`b`), other letters.
            _ => return None,
        }
        i += 1;
    }
    // `m`/`mm` right after an hour or right before a second is a minute (literals between do not count).
    let kinds: Vec<usize> = (0..out.len()).filter(|&k| !matches!(out[k], Tok::Lit(_))).collect();
    for (p, &k) in kinds.iter().enumerate() {
        if let Tok::MonthOrMinute(n) = out[k] {
            let after_hour = p > 0 && matches!(out[kinds[p - 1]], Tok::Hour(_) | Tok::Elapsed('h', _));
            let before_second =
                kinds.get(p + 1).is_some_and(|&q| matches!(out[q], Tok::Second(_) | Tok::Elapsed('s', _)));
            out[k] = if after_hour || before_second { Tok::Minute(n) } else { Tok::Month(n) };
        }
    }
    Some((out, lang))
}

const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_NL_SHORT: [&str; 12] =
    ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS_NL: [&str; 7] = ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"];
const DAYS_NL_SHORT: [&str; 7] = ["zo", "ma", "di", "wo", "do", "vr", "za"];
const DAYS_EN: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/// The text the tokens show for `s`.
fn show(tokens: &[Tok], s: &Stamp, lang: Lang) -> String {
    let twelve = tokens.iter().any(|t| matches!(t, Tok::AmPm(..)));
    let secs = s.ms / 1000;
    let (hour, minute, second) = (secs / 3600, secs / 60 % 60, secs % 60);
    let month = s.month.saturating_sub(1) as usize % 12;
    let weekday = s.weekday as usize % 7;
    let mut out = String::new();
    for t in tokens {
        match *t {
            Tok::Lit(ref l) => out.push_str(l),
            Tok::Year(2) => out.push_str(&format!("{:02}", s.year % 100)),
            Tok::Year(_) => out.push_str(&format!("{:04}", s.year)),
            Tok::Month(n) => match (n, lang) {
                (1, _) => out.push_str(&s.month.to_string()),
                (2, _) => out.push_str(&format!("{:02}", s.month)),
                (3, Lang::Dutch) => out.push_str(MONTHS_NL_SHORT[month]),
                (3, Lang::English) => out.push_str(&MONTHS_EN[month][..3]),
                (4, Lang::Dutch) => out.push_str(MONTHS_NL[month]),
                (4, Lang::English) => out.push_str(MONTHS_EN[month]),
                (_, Lang::Dutch) => out.push_str(&MONTHS_NL[month][..1]),
                (_, Lang::English) => out.push_str(&MONTHS_EN[month][..1]),
            },
            Tok::MonthOrMinute(n) | Tok::Minute(n) => out.push_str(&pad(minute, n)),
            Tok::Day(n) => match (n, lang) {
                (1 | 2, _) => out.push_str(&pad(i64::from(s.day), n)),
                (3, Lang::Dutch) => out.push_str(DAYS_NL_SHORT[weekday]),
                (3, Lang::English) => out.push_str(&DAYS_EN[weekday][..3]),
                (_, Lang::Dutch) => out.push_str(DAYS_NL[weekday]),
                (_, Lang::English) => out.push_str(DAYS_EN[weekday]),
            },
            Tok::Hour(n) => {
                let h = if twelve { (hour + 11) % 12 + 1 } else { hour };
                out.push_str(&pad(h, n));
            }
            Tok::Second(n) => out.push_str(&pad(second, n)),
            Tok::Frac(n) => {
                let f = format!("{:03}", s.ms % 1000);
                out.push('.');
                out.push_str(&f[..n.min(3)]);
            }
            Tok::AmPm(full, lower) => {
                let s = match (hour < 12, full) {
                    (true, true) => "AM",
                    (false, true) => "PM",
                    (true, false) => "A",
                    (false, false) => "P",
                };
                out.push_str(&if lower && !full { s.to_ascii_lowercase() } else { s.to_string() });
            }
            Tok::Elapsed(c, n) => {
                let total = s.days * 86_400 + secs;
                let v = match c {
                    'h' => total / 3600,
                    'm' => total / 60,
                    _ => total,
                };
                out.push_str(&pad(v, n));
            }
        }
    }
    out
}

fn pad(v: i64, width: usize) -> String {
    if width >= 2 { format!("{v:02}") } else { v.to_string() }
}

/// Whether the tokens show a date the way the date rule reads it: day, month and year as digits in that
/// order with one separator (`-`, `/`, `.`), or day, Dutch month name and four-digit year with spaces.
fn recognised(tokens: &[Tok], lang: Lang) -> bool {
    tokens.windows(5).any(|w| match w {
        [Tok::Day(1 | 2), Tok::Lit(a), Tok::Month(1 | 2), Tok::Lit(b), Tok::Year(_)] => {
            a == b && matches!(a.as_str(), "-" | "/" | ".")
        }
        [Tok::Day(1 | 2), Tok::Lit(a), Tok::Month(3 | 4), Tok::Lit(b), Tok::Year(4)] => {
            lang == Lang::Dutch && a == " " && b == " "
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const NL: DateSystem = DateSystem::Excel1900;

    fn shown(code: &str, v: f64) -> String {
        render(code, v, NL).shown.unwrap_or_else(|| panic!("{code} not rendered"))
    }

    #[test]
    fn serials_around_the_day_that_never_was() {
        assert_eq!(civil(0, NL), Some((1900, 1, 0)));
        assert_eq!(civil(1, NL), Some((1900, 1, 1)));
        assert_eq!(civil(59, NL), Some((1900, 2, 28)));
        assert_eq!(civil(60, NL), Some((1900, 2, 29)));
        assert_eq!(civil(61, NL), Some((1900, 3, 1)));
        assert_eq!(civil(31852, NL), Some((1987, 3, 16)));
        assert_eq!(civil(45292, NL), Some((2024, 1, 1)));
        assert_eq!(civil(2_958_465, NL), Some((9999, 12, 31)));
        assert_eq!(civil(2_958_466, NL), None);
        assert_eq!(civil(-1, NL), None);
    }

    #[test]
    fn serials_in_the_1904_system() {
        let mac = DateSystem::Excel1904;
        assert_eq!(civil(0, mac), Some((1904, 1, 1)));
        assert_eq!(civil(59, mac), Some((1904, 2, 29)));
        assert_eq!(civil(30390, mac), Some((1987, 3, 16)));
        let r = render("dd-mm-yyyy", 30390.0, mac);
        assert_eq!(r, Rendered { shown: Some("16-03-1987".into()), day: None });
        assert_eq!(render("dddd", 0.0, mac).shown.as_deref(), Some("vrijdag"));
    }

    #[test]
    fn weekdays_count_the_day_that_never_was() {
        assert_eq!(shown("[$-409]dddd", 1.0), "Sunday");
        assert_eq!(shown("[$-409]dddd", 61.0), "Thursday");
        assert_eq!(shown("[$-413]ddd dddd", 31852.0), "ma maandag");
    }

    #[test]
    fn dates_are_shown_through_their_format() {
        assert_eq!(shown("dd-mm-yyyy", 31852.0), "16-03-1987");
        assert_eq!(shown("d/m/yy", 31852.0), "16/3/87");
        assert_eq!(shown("d mmmm yyyy", 31852.0), "16 maart 1987");
        assert_eq!(shown("[$-409]d mmmm yyyy", 31852.0), "16 March 1987");
        assert_eq!(shown("[$-10409]dddd d mmm yyyy", 31852.0), "Monday 16 Mar 1987");
        assert_eq!(shown("[$-413]d mmmm yyyy", 31852.0), "16 maart 1987");
        assert_eq!(shown("[$-813]d mmm yyyy", 31852.0), "16 mrt 1987");
        assert_eq!(shown("[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy", 31852.0), "16 maart 1987");
        assert_eq!(shown("[$-x-sysdate]dddd, mmmm dd, yyyy", 31852.0), "16 maart 1987");
        assert_eq!(shown("[$-x-systime]h:mm:ss AM/PM", 31852.25), "6:00:00");
        assert_eq!(shown("[$-409]mmmm d, yyyy", 31852.0), "March 16, 1987");
        assert_eq!(shown("mmmmm", 31852.0), "m");
        assert_eq!(shown("yyyy-mm-dd\"T\"hh:mm:ss", 31852.75), "1987-03-16T18:00:00");
        assert_eq!(shown("[$-409]d-mmm-yy", 31852.0), "16-Mar-87");
        assert_eq!(shown("[Blue]d\\.m\\.yyyy", 31852.0), "16.3.1987");
        assert_eq!(shown("d-m-yyyy", 60.0), "29-2-1900");
        assert_eq!(shown("d-m-yyyy", 0.0), "0-1-1900");
    }

    #[test]
    fn times_are_not_garbled() {
        assert_eq!(shown("h:mm", 0.5), "12:00");
        assert_eq!(shown("hh:mm:ss", 0.75 + 1.0 / 86_400.0), "18:00:01");
        assert_eq!(shown("h:mm AM/PM", 0.75), "6:00 PM");
        assert_eq!(shown("h:mm a/p", 0.25), "6:00 a");
        assert_eq!(shown("mm:ss.0", 90.5 / 86_400.0), "01:30.5");
        assert_eq!(shown("[h]:mm:ss", 1.5), "36:00:00");
        assert_eq!(shown("d-m-yyyy h:mm", 31_852.999_999_9), "17-3-1987 0:00");
        assert_eq!(shown("m", 31852.0), "3");
        assert_eq!(shown("h \"uur\" m", 0.5 + 5.0 / 1440.0), "12 uur 5");
    }

    #[test]
    fn the_day_is_offered_when_the_format_does_not_show_it_as_digits() {
        let day = |code: &str| render(code, 31852.0, NL).day;
        assert_eq!(day("dd-mm-yyyy"), None);
        assert_eq!(day("d/m/yy"), None);
        assert_eq!(day("d-m-yyyy h:mm"), None);
        assert_eq!(day("d mmmm yyyy"), None);
        assert_eq!(day("[$-813]dddd d mmm yyyy"), None);
        for code in [
            "[$-409]d mmmm yyyy",
            "d mmmm yy",
            "mmm-yy",
            "[$-413]d-mmm-yy",
            "yyyy-mm-dd",
            "m/d/yyyy",
            "h:mm",
            "[$-411]ggge\"年\"",
        ] {
            assert_eq!(day(code).as_deref(), Some("16-03-1987"), "{code}");
        }
        assert_eq!(render("[$-411]ggge\"年\"", 31852.0, NL).shown, None);
        assert_eq!(render("h:mm", 0.5, NL).day, None);
    }

    #[test]
    fn built_in_date_formats_as_a_dutch_excel_shows_them() {
        let b = |id: &str| shown(builtin(id).unwrap(), 31852.5);
        assert_eq!(b("14"), "16-3-1987");
        assert_eq!(b("15"), "16-mrt-87");
        assert_eq!(b("16"), "16-mrt");
        assert_eq!(b("17"), "mrt-87");
        assert_eq!(b("22"), "16-3-1987 12:00");
        assert_eq!(b("20"), "12:00");
        assert_eq!(b("57"), "16-3-1987");
        for id in ["0", "1", "13", "23", "26", "37", "44", "48", "49", "59", "164", "x"] {
            assert_eq!(builtin(id), None, "{id}");
        }
    }

    #[test]
    fn date_sections() {
        for code in ["dd-mm-yyyy", "[h]:mm", "h:mm AM/PM", "mmm", "[$-413]d mmmm yyyy", "[$-411]ggge\"年\""] {
            assert!(is_date(code), "{code}");
        }
        for code in ["0", "General", "\"day\" 0", "\\d0", "[Red]0.00", "0.00E+00", "0.0e-0", "[$€-413] #,##0.00"] {
            assert!(!is_date(code), "{code}");
        }
    }
}
