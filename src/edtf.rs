//! Dates as archives write them: EDTF (Library of Congress Extended Date/Time Format),
//! levels 0 and 1.
//!
//! Historical documents are rarely dated to the day. EDTF lets an editor say exactly
//! what is known: `1966` (a year), `1966-11` (a month), `1966-11-03` (a day), each with
//! `?` (uncertain), `~` (approximate) or `%` (both); `196X` and `1966-XX` (digits left
//! unspecified); seasons `1966-21`..`1966-24`; years before 0 (`-0044`) and past 9999
//! (`Y12345`); and intervals `1966-11/1966-12`, `1966/..` (open end), `/1966` (unknown
//! start). [`EdtfDate::parse`] accepts exactly that grammar, [`fmt::Display`] writes it
//! for people as archives do ("c. December 1966", "1966?", "1960s",
//! "November – December 1966"), and [`EdtfDate::sort_key`] orders documents by the
//! earliest moment a date allows.

use std::cmp::Ordering;
use std::fmt;

use thiserror::Error;

use crate::i18n::Interface;

/// Why a string is not an EDTF date; the message is shown to editors as is.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{0}")]
pub struct EdtfError(String);

fn invalid(message: impl Into<String>) -> EdtfError {
    EdtfError(message.into())
}

/// A parsed EDTF value, keeping the text the editor wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdtfDate {
    text: String,
    kind: DateKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum DateKind {
    Single(DatePoint),
    Interval { start: Bound, end: Bound },
}

/// One end of an interval.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Bound {
    Date(DatePoint),
    /// `..`: the interval runs on without limit.
    Open,
    /// Empty: the interval has an end, but nobody knows it.
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DatePoint {
    /// The year with unspecified digits read as 0, so `196X` is 1960.
    year: i64,
    /// How many trailing year digits are `X`.
    unspecified_year_digits: u8,
    month: Part,
    day: Part,
    uncertain: bool,
    approximate: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Absent,
    Unspecified,
    Known(u8),
}

/// Orders dates by their earliest moment; see [`EdtfDate::sort_key`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct SortKey {
    year: i64,
    month: u8,
    day: u8,
    /// A bare date sorts before an interval starting at the same moment.
    is_interval: bool,
}

impl EdtfDate {
    /// Reads an EDTF date (levels 0 and 1, and the intervals of level 2 used by archives).
    pub fn parse(text: &str) -> Result<EdtfDate, EdtfError> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(invalid("a date cannot be empty"));
        }
        let kind = match trimmed.split_once('/') {
            None => DateKind::Single(parse_point(trimmed)?),
            Some((start, end)) => {
                if end.contains('/') {
                    return Err(invalid(format!("`{trimmed}` has more than one `/`")));
                }
                let start = parse_bound(start)?;
                let end = parse_bound(end)?;
                if matches!(start, Bound::Open | Bound::Unknown) && matches!(end, Bound::Open | Bound::Unknown) {
                    return Err(invalid(format!("the interval `{trimmed}` needs at least one date")));
                }
                if let (Bound::Date(s), Bound::Date(e)) = (&start, &end) {
                    if s.earliest() > e.earliest() {
                        return Err(invalid(format!("the interval `{trimmed}` ends before it starts")));
                    }
                }
                DateKind::Interval { start, end }
            }
        };
        Ok(EdtfDate {
            text: trimmed.to_string(),
            kind,
        })
    }

    /// The EDTF text as the editor wrote it.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The earliest moment the date allows; an interval with an unknown start sorts by its end.
    pub fn sort_key(&self) -> SortKey {
        match &self.kind {
            DateKind::Single(point) => point.sort_key(false),
            DateKind::Interval {
                start: Bound::Date(start),
                ..
            } => start.sort_key(true),
            DateKind::Interval {
                end: Bound::Date(end), ..
            } => end.sort_key(true),
            // `parse` refuses intervals without any date.
            DateKind::Interval { .. } => SortKey {
                year: i64::MAX,
                month: 0,
                day: 0,
                is_interval: true,
            },
        }
    }

    /// The first and last years the date allows: `196X` is 1960 to 1969,
    /// `1962-11/1963-02` 1962 to 1963; an open or unknown end is as far as the
    /// other end allows (`1966/..` from 1966 on, `../1967` up to 1967, as
    /// `i64::MIN`/`i64::MAX`). A search's year range keeps a document whose span it
    /// overlaps.
    pub fn year_span(&self) -> (i64, i64) {
        let last_of = |point: &DatePoint| point.year + 10_i64.pow(u32::from(point.unspecified_year_digits)) - 1;
        match &self.kind {
            DateKind::Single(point) => (point.year, last_of(point)),
            DateKind::Interval { start, end } => {
                let first = match start {
                    Bound::Date(point) => point.year,
                    Bound::Open | Bound::Unknown => i64::MIN,
                };
                let last = match end {
                    Bound::Date(point) => last_of(point),
                    Bound::Open | Bound::Unknown => i64::MAX,
                };
                (first, last)
            }
        }
    }

    /// The first year the date allows, for grouping by year.
    pub fn year(&self) -> i64 {
        self.sort_key().year
    }

    /// The month (1-12) the date starts in, when it is known to the month; a season
    /// has none.
    pub fn month(&self) -> Option<u8> {
        let point = match &self.kind {
            DateKind::Single(point) => point,
            DateKind::Interval {
                start: Bound::Date(point),
                ..
            } => point,
            DateKind::Interval {
                end: Bound::Date(point),
                ..
            } => point,
            DateKind::Interval { .. } => return None,
        };
        match point.month {
            Part::Known(month @ 1..=12) => Some(month),
            _ => None,
        }
    }

    /// Whether a year of the date is only partly known (`196X`): it belongs to a decade,
    /// not to a year.
    pub fn is_decade_or_wider(&self) -> bool {
        match &self.kind {
            DateKind::Single(point) => point.unspecified_year_digits > 0,
            DateKind::Interval {
                start: Bound::Date(point),
                ..
            } => point.unspecified_year_digits > 0,
            DateKind::Interval { .. } => false,
        }
    }

    /// Whether the editor doubts the date (`?`, `%`), as against only approximating it
    /// (`~`): a citation writes the one "[1813?]" and the other "ca. 1813".
    pub fn is_uncertain(&self) -> bool {
        match &self.kind {
            DateKind::Single(point) => point.uncertain,
            DateKind::Interval { start, end } => [start, end]
                .iter()
                .any(|bound| matches!(bound, Bound::Date(point) if point.uncertain)),
        }
    }

    /// Where the date starts, as far as it is known, for citations: year, month,
    /// day, and whether the editor marked it uncertain or approximate (an interval
    /// always counts as approximate).
    pub fn start(&self) -> Option<(i64, Option<u8>, Option<u8>, bool)> {
        let point = match &self.kind {
            DateKind::Single(point) => point,
            // An interval within one year is that year; a longer one, its first year,
            // approximately.
            DateKind::Interval {
                start: Bound::Date(start),
                end,
            } => {
                let flagged = start.uncertain || start.approximate || start.unspecified_year_digits > 0;
                return match end {
                    Bound::Date(end) if end.year == start.year && start.unspecified_year_digits == 0 => {
                        Some((start.year, None, None, flagged || end.uncertain || end.approximate))
                    }
                    _ => Some((start.year, None, None, true)),
                };
            }
            DateKind::Interval { .. } => return None,
        };
        if point.unspecified_year_digits > 0 {
            return None;
        }
        let month = match point.month {
            Part::Known(month @ 1..=12) => Some(month),
            _ => None,
        };
        let day = match point.day {
            Part::Known(day) if month.is_some() => Some(day),
            _ => None,
        };
        Some((point.year, month, day, point.uncertain || point.approximate))
    }

    /// The date in ISO 8601 form as far as it is known (`1966-11`), for machine-readable
    /// markup such as `<time datetime>`.
    pub fn iso_start(&self) -> Option<String> {
        let point = match &self.kind {
            DateKind::Single(point) => point,
            DateKind::Interval {
                start: Bound::Date(point),
                ..
            } => point,
            DateKind::Interval { .. } => return None,
        };
        if point.unspecified_year_digits > 0 || !(0..=9999).contains(&point.year) {
            return None;
        }
        let mut iso = format!("{:04}", point.year);
        if let Part::Known(month @ 1..=12) = point.month {
            iso.push_str(&format!("-{month:02}"));
            if let Part::Known(day) = point.day {
                iso.push_str(&format!("-{day:02}"));
            }
        }
        Some(iso)
    }
}

impl PartialOrd for EdtfDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for EdtfDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key()
            .cmp(&other.sort_key())
            .then_with(|| self.text.cmp(&other.text))
    }
}

fn parse_bound(text: &str) -> Result<Bound, EdtfError> {
    match text {
        "" => Ok(Bound::Unknown),
        ".." => Ok(Bound::Open),
        _ => Ok(Bound::Date(parse_point(text)?)),
    }
}

fn parse_point(text: &str) -> Result<DatePoint, EdtfError> {
    let (body, uncertain, approximate) = match text.as_bytes().last() {
        Some(b'?') => (&text[..text.len() - 1], true, false),
        Some(b'~') => (&text[..text.len() - 1], false, true),
        Some(b'%') => (&text[..text.len() - 1], true, true),
        _ => (text, false, false),
    };
    if body.ends_with(['?', '~', '%']) {
        return Err(invalid(format!(
            "`{text}` has more than one qualifier; use `%` for uncertain and approximate"
        )));
    }
    if body.contains('T') {
        return Err(invalid(format!(
            "`{text}`: times of day are not supported; give the date alone"
        )));
    }
    let (negative, unsigned) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    let mut parts = unsigned.split('-');
    let year_text = parts.next().unwrap_or_default();
    let month_text = parts.next();
    let day_text = parts.next();
    if parts.next().is_some() {
        return Err(invalid(format!(
            "`{text}` is not an EDTF date: expected YYYY, YYYY-MM or YYYY-MM-DD"
        )));
    }

    let (year, unspecified_year_digits) = parse_year(year_text, text)?;
    let year = if negative { -year } else { year };
    let month = match month_text {
        None => Part::Absent,
        Some("XX") => Part::Unspecified,
        Some(m) => {
            let value =
                parse_two_digits(m).ok_or_else(|| invalid(format!("`{text}`: the month `{m}` must be two digits")))?;
            if !(1..=12).contains(&value) && !(21..=24).contains(&value) {
                return Err(invalid(format!(
                    "`{text}`: there is no month {m} (01-12, or 21-24 for seasons)"
                )));
            }
            Part::Known(value)
        }
    };
    let day = match day_text {
        None => Part::Absent,
        Some("XX") => Part::Unspecified,
        Some(d) => {
            let value =
                parse_two_digits(d).ok_or_else(|| invalid(format!("`{text}`: the day `{d}` must be two digits")))?;
            let max = match month {
                Part::Known(m @ 1..=12) => days_in_month(year, m, unspecified_year_digits > 0),
                Part::Known(_) => return Err(invalid(format!("`{text}`: a season has no days"))),
                _ => 31,
            };
            if value == 0 || value > max {
                return Err(invalid(format!("`{text}`: the day {d} does not exist in that month")));
            }
            Part::Known(value)
        }
    };
    if month == Part::Unspecified && matches!(day, Part::Known(_)) {
        return Err(invalid(format!("`{text}`: a known day needs a known month")));
    }
    if unspecified_year_digits > 0 && month != Part::Absent && month != Part::Unspecified {
        return Err(invalid(format!("`{text}`: a month needs a fully known year")));
    }
    Ok(DatePoint {
        year,
        unspecified_year_digits,
        month,
        day,
        uncertain,
        approximate,
    })
}

fn parse_year(year_text: &str, whole: &str) -> Result<(i64, u8), EdtfError> {
    if let Some(long) = year_text.strip_prefix('Y') {
        if long.len() > 4 && long.len() <= 18 && long.bytes().all(|b| b.is_ascii_digit()) {
            let year = long
                .parse()
                .map_err(|_| invalid(format!("`{whole}`: the year is too large")))?;
            return Ok((year, 0));
        }
        return Err(invalid(format!("`{whole}`: a `Y` year needs more than four digits")));
    }
    if year_text.len() != 4 {
        return Err(invalid(format!(
            "`{whole}` is not an EDTF date: the year must have four digits (YYYY, or 196X for a decade)"
        )));
    }
    let digits = year_text.trim_end_matches('X');
    let unspecified = (year_text.len() - digits.len()) as u8;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(format!(
            "`{whole}` is not an EDTF date: `{year_text}` is not a year"
        )));
    }
    let known: i64 = if digits.is_empty() {
        0
    } else {
        digits.parse().unwrap_or(0)
    };
    Ok((known * 10_i64.pow(u32::from(unspecified)), unspecified))
}

fn parse_two_digits(text: &str) -> Option<u8> {
    if text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

fn days_in_month(year: i64, month: u8, year_unknown: bool) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year_unknown || (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) => 29,
        2 => 28,
        _ => 31,
    }
}

impl DatePoint {
    fn earliest(&self) -> (i64, u8, u8) {
        let month = match self.month {
            Part::Known(m @ 1..=12) => m,
            // Spring starts in March, summer in June, autumn in September, winter in December.
            Part::Known(season) => (season - 21) * 3 + 3,
            _ => 0,
        };
        let day = match self.day {
            Part::Known(d) => d,
            _ => 0,
        };
        (self.year, month, day)
    }

    fn sort_key(&self, is_interval: bool) -> SortKey {
        let (year, month, day) = self.earliest();
        SortKey {
            year,
            month,
            day,
            is_interval,
        }
    }

    fn qualified(&self) -> bool {
        self.uncertain || self.approximate
    }

    /// The year alone: "1966", "1960s", "44 BCE", in the interface's words.
    fn year_text(&self, words: &Interface) -> String {
        if self.unspecified_year_digits >= 4 {
            return words.text("dates.unknown_year").to_string();
        }
        let magnitude = self.year.unsigned_abs().to_string();
        let year = if self.unspecified_year_digits > 0 {
            words.format("dates.decade", &[("year", &magnitude)])
        } else {
            magnitude
        };
        if self.year < 0 {
            words.format("dates.before_common_era", &[("year", &year)])
        } else {
            year
        }
    }

    /// The date without its qualifier: "3 November 1966", "Spring 1966", "1960s".
    fn plain(&self, words: &Interface) -> String {
        let year = self.year_text(words);
        let month = |m: u8, key: &str| words.list(key).get(usize::from(m - 1)).cloned().unwrap_or_default();
        match (self.month, self.day) {
            (Part::Known(m @ 1..=12), Part::Known(d)) => words.format(
                "dates.day",
                &[
                    ("day", &d.to_string()),
                    ("month", &month(m, "dates.months_of_day")),
                    ("year", &year),
                ],
            ),
            (Part::Known(m @ 1..=12), Part::Unspecified) => words.format(
                "dates.day_unknown",
                &[("month", &month(m, "dates.months")), ("year", &year)],
            ),
            (Part::Known(m @ 1..=12), _) => {
                words.format("dates.month", &[("month", &month(m, "dates.months")), ("year", &year)])
            }
            (Part::Known(season), _) => {
                let name = words
                    .list("dates.seasons")
                    .get(usize::from(season - 21))
                    .cloned()
                    .unwrap_or_default();
                words.format("dates.season", &[("season", &name), ("year", &year)])
            }
            (Part::Unspecified, _) => words.format("dates.month_unknown", &[("year", &year)]),
            (Part::Absent, _) if self.unspecified_year_digits == 0 => words.format("dates.year", &[("year", &year)]),
            (Part::Absent, _) => year,
        }
    }

    /// Archival usage: "c." for approximate, a trailing "?" for uncertain.
    fn describe(&self, words: &Interface) -> String {
        let mut text = self.plain(words);
        if self.approximate {
            text = words.format("dates.approximate", &[("date", &text)]);
        }
        if self.uncertain {
            text = words.format("dates.uncertain", &[("date", &text)]);
        }
        text
    }
}

impl EdtfDate {
    /// The date for a reader in the interface's language: "November – December 1966",
    /// "c. 3 November 1966?", "ноябрь – декабрь 1966".
    pub fn describe(&self, words: &Interface) -> String {
        match &self.kind {
            DateKind::Single(point) => point.describe(words),
            DateKind::Interval { start, end } => match (start, end) {
                (Bound::Date(s), Bound::Date(e)) => {
                    let same_year =
                        s.year == e.year && s.unspecified_year_digits == 0 && e.unspecified_year_digits == 0;
                    let no_days = s.day == Part::Absent && e.day == Part::Absent;
                    match (s.month, e.month) {
                        (Part::Known(sm @ 1..=12), Part::Known(em @ 1..=12))
                            if same_year && no_days && !s.qualified() && !e.qualified() =>
                        {
                            let months = words.list("dates.months");
                            let name = |m: u8| months.get(usize::from(m - 1)).cloned().unwrap_or_default();
                            words.format(
                                "dates.months_of_a_year",
                                &[("start", &name(sm)), ("end", &name(em)), ("year", &s.year_text(words))],
                            )
                        }
                        _ => words.format(
                            "dates.range",
                            &[("start", &s.describe(words)), ("end", &e.describe(words))],
                        ),
                    }
                }
                (Bound::Date(s), Bound::Open) => words.format("dates.from", &[("date", &s.describe(words))]),
                (Bound::Date(s), _) => words.format("dates.from_end_unknown", &[("date", &s.describe(words))]),
                (Bound::Open, Bound::Date(e)) => words.format("dates.until", &[("date", &e.describe(words))]),
                (_, Bound::Date(e)) => words.format("dates.until_start_unknown", &[("date", &e.describe(words))]),
                _ => self.text.clone(),
            },
        }
    }
}

impl fmt::Display for EdtfDate {
    /// The date in English ([`EdtfDate::describe`] in the shipped English words).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(crate::i18n::english()))
    }
}

/// A year as the archive shows it, BCE years with their era, in the interface's words.
pub fn year_label(year: i64, words: &Interface) -> String {
    if year < 0 {
        words.format("dates.before_common_era", &[("year", &year.unsigned_abs().to_string())])
    } else {
        year.to_string()
    }
}

/// A decade's label ("1960s") from its first year.
pub fn decade_label(decade: i64, words: &Interface) -> String {
    let year = words.format("dates.decade", &[("year", &decade.unsigned_abs().to_string())]);
    if decade < 0 {
        words.format("dates.before_common_era", &[("year", &year)])
    } else {
        year
    }
}

/// A month's name (1 to 12) standing alone, as a heading of the year's documents: with
/// a capital, as a heading begins (French and Russian write months in lower case
/// inside a date).
pub fn month_label(month: Option<u8>, words: &Interface) -> String {
    match month {
        Some(m @ 1..=12) => {
            let name = words
                .list("dates.months")
                .get(usize::from(m - 1))
                .cloned()
                .unwrap_or_default();
            let mut chars = name.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
        _ => words.text("dates.month_not_known").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> String {
        EdtfDate::parse(text)
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .to_string()
    }

    #[test]
    fn a_citation_gets_where_the_date_starts_and_whether_it_is_sure() {
        let start = |text: &str| EdtfDate::parse(text).expect("a date").start();
        assert_eq!(start("1966-11-03"), Some((1966, Some(11), Some(3), false)));
        assert_eq!(start("1966-11~"), Some((1966, Some(11), None, true)));
        assert_eq!(start("1966?"), Some((1966, None, None, true)));
        // Within one year: the year. Across years: the first, approximately.
        assert_eq!(start("1966-11/1966-12"), Some((1966, None, None, false)));
        assert_eq!(start("1963/1966"), Some((1963, None, None, true)));
        assert_eq!(start("1966/.."), Some((1966, None, None, true)));
        // A decade has no year to cite.
        assert_eq!(start("196X"), None);
        assert_eq!(start("1966-XX"), Some((1966, None, None, false)));
    }

    #[test]
    fn level_zero_dates_are_written_for_people() {
        for (edtf, human) in [
            ("1966", "1966"),
            ("1966-11", "November 1966"),
            ("1966-11-03", "3 November 1966"),
            ("1966-11/1966-12", "November – December 1966"),
            ("1963-11/1966-10", "November 1963 – October 1966"),
            ("1966-11-03/1966-11-05", "3 November 1966 – 5 November 1966"),
            ("-0044-03-15", "15 March 44 BCE"),
        ] {
            assert_eq!(shown(edtf), human, "{edtf}");
        }
    }

    #[test]
    fn dates_are_written_as_the_interface_language_writes_them() {
        let in_language = |language: &str, edtf: &str| {
            let (words, _) = Interface::new(
                Some(language),
                &std::collections::BTreeMap::new(),
                std::path::Path::new("INDEX.md"),
            );
            EdtfDate::parse(edtf).expect("a date").describe(&words)
        };
        for (language, edtf, human) in [
            ("ru", "1966-11-03", "3 ноября 1966"),
            ("ru", "1966-11", "ноябрь 1966"),
            ("ru", "1966-11/1966-12", "ноябрь – декабрь 1966"),
            ("ru", "1966-12~", "ок. декабрь 1966"),
            ("ru", "196X", "1960-е"),
            ("de", "1966-11-03", "3. November 1966"),
            ("de", "1966-12~", "um Dezember 1966"),
            ("fr", "1966/..", "à partir de 1966"),
            ("es", "1966-11-03", "3 de noviembre de 1966"),
            ("zh", "1966-11-03", "1966年11月3日"),
            ("zh", "196X", "1960年代"),
            ("zh", "-0044", "公元前44年"),
            ("ja", "1966-11~", "1966年11月頃"),
            ("ko", "1966-11-03", "1966년 11월 3일"),
            ("ar", "1966-11-03", "3 نوفمبر 1966"),
        ] {
            assert_eq!(in_language(language, edtf), human, "{language} {edtf}");
        }
    }

    #[test]
    fn level_one_qualifiers_say_what_is_doubtful() {
        for (edtf, human) in [
            ("1966-12~", "c. December 1966"),
            ("1966?", "1966?"),
            ("1966-11-03%", "c. 3 November 1966?"),
            ("196X", "1960s"),
            ("19XX", "1900s"),
            ("1966-XX", "1966, month unknown"),
            ("1966-11-XX", "November 1966, day unknown"),
            ("1966-21", "Spring 1966"),
            ("1966-24~", "c. Winter 1966"),
            ("Y170000002", "170000002"),
            ("1966/..", "from 1966 onwards"),
            ("../1966-12", "until December 1966"),
            ("1966-11/", "from November 1966 (end unknown)"),
            ("/1967", "until 1967 (start unknown)"),
            ("1966~/1967?", "c. 1966 – 1967?"),
            ("1966?/1967?", "1966? – 1967?"),
        ] {
            assert_eq!(shown(edtf), human, "{edtf}");
        }
    }

    #[test]
    fn malformed_dates_are_refused_with_a_reason() {
        for (text, reason) in [
            ("66", "four digits"),
            ("1966-13", "no month 13"),
            ("1966-02-30", "does not exist"),
            ("1967-02-29", "does not exist"),
            ("1966-1", "two digits"),
            ("December 1966", "four digits"),
            ("1967/1966", "ends before it starts"),
            ("../..", "at least one date"),
            ("1966-11-03T10:00", "times of day"),
            ("1966?~", "more than one qualifier"),
            ("", "empty"),
            ("19X6", "not a year"),
            ("196X-11", "fully known year"),
            ("1966-21-03", "season has no days"),
        ] {
            let error = EdtfDate::parse(text).expect_err(text).to_string();
            assert!(error.contains(reason), "{text}: {error}");
        }
    }

    #[test]
    fn months_and_decades_are_known_from_the_start() {
        assert_eq!(EdtfDate::parse("1966-11/1967-02").expect("valid").month(), Some(11));
        assert_eq!(EdtfDate::parse("1966-21").expect("valid").month(), None);
        assert_eq!(EdtfDate::parse("../1966-03").expect("valid").month(), Some(3));
        assert!(EdtfDate::parse("196X").expect("valid").is_decade_or_wider());
        assert!(!EdtfDate::parse("1966").expect("valid").is_decade_or_wider());
    }

    #[test]
    fn leap_days_exist_only_in_leap_years() {
        assert!(EdtfDate::parse("1964-02-29").is_ok());
        assert!(EdtfDate::parse("2000-02-29").is_ok());
        assert!(EdtfDate::parse("1900-02-29").is_err());
    }

    #[test]
    fn a_dates_span_runs_from_its_first_year_to_its_last() {
        let span = |text: &str| EdtfDate::parse(text).expect(text).year_span();
        assert_eq!(span("1966-11-03"), (1966, 1966));
        assert_eq!(span("196X"), (1960, 1969));
        assert_eq!(span("19XX"), (1900, 1999));
        assert_eq!(span("1962-11/1963-02"), (1962, 1963));
        assert_eq!(span("1966/.."), (1966, i64::MAX));
        assert_eq!(span("../1967"), (i64::MIN, 1967));
    }

    #[test]
    fn approximate_month_sorts_with_its_month() {
        let mut dates: Vec<EdtfDate> = [
            "1967",
            "1966-12~",
            "1966-11-03",
            "1966",
            "196X",
            "1966-11/1966-12",
            "1966-11",
        ]
        .iter()
        .map(|t| EdtfDate::parse(t).expect(t))
        .collect();
        dates.sort();
        let order: Vec<&str> = dates.iter().map(EdtfDate::as_str).collect();
        assert_eq!(
            order,
            [
                "196X",
                "1966",
                "1966-11",
                "1966-11/1966-12",
                "1966-11-03",
                "1966-12~",
                "1967"
            ]
        );
    }

    #[test]
    fn interval_with_unknown_start_sorts_by_its_end() {
        let a = EdtfDate::parse("/1965").expect("valid");
        let b = EdtfDate::parse("1966").expect("valid");
        assert!(a < b);
    }

    #[test]
    fn iso_start_gives_what_is_known() {
        assert_eq!(
            EdtfDate::parse("1966-11/1966-12")
                .expect("valid")
                .iso_start()
                .as_deref(),
            Some("1966-11")
        );
        assert_eq!(
            EdtfDate::parse("1966-11-03~").expect("valid").iso_start().as_deref(),
            Some("1966-11-03")
        );
        assert_eq!(EdtfDate::parse("196X").expect("valid").iso_start(), None);
        assert_eq!(
            EdtfDate::parse("1966-21").expect("valid").iso_start().as_deref(),
            Some("1966")
        );
    }
}
