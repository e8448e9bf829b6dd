//! Calendar dates as people write them: `03-03-1984`, `3/3/84`, `1984-03-03`, `3 maart 1984`, `3 mrt. 1984`,
//! and ISO dates with a time as files store them (`1984-03-03T00:00:00`).

pub(super) fn check(m: &str) -> bool {
    parse(m).is_some_and(|(y, mo, d)| valid(y, mo, d))
}

/// The date `m` stands for, as (year, month, day), when it is a valid date in any written form.
pub(crate) fn ymd(m: &str) -> Option<(u32, u32, u32)> {
    parse(m.trim()).filter(|&(y, mo, d)| valid(y, mo, d))
}

/// (year, month, day); a two-digit year is taken as 19xx/20xx by the caller's plausibility only.
fn parse(m: &str) -> Option<(u32, u32, u32)> {
    // An ISO date with its time (`1987-03-16T00:00:00`, as Excel stores a date typed cell): the date.
    let m = match m.split_once('T') {
        Some((date, time)) if date.len() == 10 && time.starts_with(|c: char| c.is_ascii_digit()) => date,
        _ => m,
    };
    let lower = m.to_lowercase();
    let words: Vec<&str> = lower.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    if words.len() >= 3 {
        let day: u32 = words[0].trim_end_matches(|c: char| c.is_alphabetic()).parse().ok()?;
        let month = month_number(words[1].trim_end_matches('.'))?;
        let year: u32 = words[2].parse().ok()?;
        return Some((year, month, day));
    }
    let nums: Vec<&str> = m.split(['-', '/', '.']).collect();
    if nums.len() != 3 {
        return None;
    }
    let n: Vec<u32> = nums.iter().map(|s| s.parse().ok()).collect::<Option<_>>()?;
    if nums[0].len() == 4 {
        Some((n[0], n[1], n[2]))
    } else {
        let year = if nums[2].len() == 2 { 1900 + n[2] } else { n[2] };
        Some((year, n[1], n[0]))
    }
}

/// The number of a month from its Dutch or English name or abbreviation, lower case (`mrt`, `may`).
pub(crate) fn month_number(w: &str) -> Option<u32> {
    const MONTHS: [&[&str]; 12] = [
        &["januari", "jan", "january"],
        &["februari", "feb", "febr", "february"],
        &["maart", "mrt", "mar", "march"],
        &["april", "apr"],
        &["mei", "may"],
        &["juni", "jun", "june"],
        &["juli", "jul", "july"],
        &["augustus", "aug", "august"],
        &["september", "sep", "sept"],
        &["oktober", "okt", "oct", "october"],
        &["november", "nov"],
        &["december", "dec"],
    ];
    MONTHS.iter().position(|names| names.contains(&w)).map(|i| i as u32 + 1)
}

fn valid(y: u32, m: u32, d: u32) -> bool {
    if !(1890..=2100).contains(&y) || !(1..=12).contains(&m) || d == 0 {
        return false;
    }
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    d <= days
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn accepts_written_forms() {
        for d in [
            "03-03-1984",
            "3-3-1984",
            "03/03/1984",
            "3.3.84",
            "1984-03-03",
            "3 maart 1984",
            "3 mrt. 1984",
            "29 februari 2000",
            "1 sept 1950",
            "12e okt 1999",
            "30 january 1965",
            "1984-03-03T00:00:00",
            "1984-03-03T10:30:00.000Z",
        ] {
            assert!(check(d), "{d}");
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        for d in
            ["31-04-1984", "29-02-1900", "00-01-1984", "12-13-1984", "3 foo 1984", "1-1-1800", "1984-02-30T00:00:00"]
        {
            assert!(!check(d), "{d}");
        }
    }
}
