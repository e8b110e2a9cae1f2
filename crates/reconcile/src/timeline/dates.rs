//! Calendar dates with a precision, read from TIMEX3 values, with the day arithmetic needed to
//! re-anchor relative expressions ("the night before", "a week later") on the story's own
//! reference date instead of the publication date.

use crate::DatePrecision;
use parallax_core::CalendarDate;

/// A point on the calendar at day, month or year precision (month and year use day 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct When {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub precision: Prec,
}

/// Ordered from coarse to fine so that "more precise" compares greater.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Prec {
    Year,
    Month,
    Day,
}

impl When {
    pub fn day(d: CalendarDate) -> When {
        When { year: d.year, month: d.month, day: d.day, precision: Prec::Day }
    }

    pub fn format(&self) -> String {
        let (month, day) = match self.precision {
            Prec::Day => (self.month, self.day),
            Prec::Month => (self.month, 1),
            Prec::Year => (1, 1),
        };
        // Digits written directly for the usual four-digit years and two-digit months and
        // days: every event's date is formatted, and the formatting machinery costs more.
        if (0..=9999).contains(&self.year) && month <= 99 && day <= 99 {
            let (y, m, d) = (self.year as u32, u32::from(month), u32::from(day));
            let digits = [y / 1000, y / 100 % 10, y / 10 % 10, y % 10, m / 10, m % 10, d / 10, d % 10].map(|n| b'0' + n as u8);
            let bytes = [digits[0], digits[1], digits[2], digits[3], b'-', digits[4], digits[5], b'-', digits[6], digits[7]];
            return bytes.iter().map(|&b| b as char).collect();
        }
        format!("{:04}-{:02}-{:02}", self.year, month, day)
    }

    pub fn precision(&self) -> DatePrecision {
        match self.precision {
            Prec::Day => DatePrecision::Day,
            Prec::Month => DatePrecision::Month,
            Prec::Year => DatePrecision::Year,
        }
    }

    /// Days since 1970-01-01 of the first day of the period (for ordering and distances).
    pub fn ordinal(&self) -> i64 {
        let (m, d) = match self.precision {
            Prec::Day => (self.month, self.day),
            Prec::Month => (self.month, 1),
            Prec::Year => (1, 1),
        };
        days_from_civil(self.year, m, d)
    }

    /// True when one period contains the other (2022-08 contains 2022-08-16).
    pub fn compatible(&self, other: &When) -> bool {
        let p = self.precision.min(other.precision);
        self.year == other.year
            && (p == Prec::Year || self.month == other.month)
            && (p != Prec::Day || self.day == other.day)
    }

    pub fn shifted_days(&self, days: i64) -> When {
        let (year, month, day) = civil_from_days(self.ordinal() + days);
        When { year, month, day, precision: Prec::Day }
    }
}

pub use parallax_core::calendar::{civil_from_days, days_from_civil};

fn num(s: &str) -> Option<u32> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

/// Reads a TIMEX3 DATE/TIME value: `2022-08-16`, `2022-08-16TNI`, `2022-08`, `2022`,
/// `2022-W33` (the month holding the week's Thursday: events have no week precision),
/// `2022-Q1` (the quarter's first month), `2022-H1`/seasons (the year). `PRESENT_REF` is the
/// publication date. Anything unanchored (`XXXX-…`, `PAST_REF`, decades) gives `None`.
pub fn parse_value(value: &str, published: Option<CalendarDate>) -> Option<When> {
    if value == "PRESENT_REF" {
        return published.map(When::day);
    }
    let head = value.split('T').next().unwrap_or("");
    let mut parts = head.split('-');
    let year = num(parts.next()?).filter(|_| head.len() >= 4 && head.as_bytes()[..4].iter().all(u8::is_ascii_digit))? as i32;
    if !(1000..=2999).contains(&year) {
        return None;
    }
    let Some(second) = parts.next() else {
        return Some(When { year, month: 1, day: 1, precision: Prec::Year });
    };
    if let Some(w) = second.strip_prefix('W').and_then(num) {
        // ISO week w: its Thursday is 3 days after its Monday.
        let jan4 = days_from_civil(year, 1, 4);
        let monday1 = jan4 - (jan4 + 3).rem_euclid(7);
        let thursday = monday1 + 7 * (i64::from(w) - 1) + 3;
        let (y, m, _) = civil_from_days(thursday);
        return Some(When { year: y, month: m, day: 1, precision: Prec::Month });
    }
    if let Some(q) = second.strip_prefix('Q').and_then(num) {
        return (1..=4).contains(&q).then(|| When { year, month: (q as u8 - 1) * 3 + 1, day: 1, precision: Prec::Month });
    }
    let Some(month) = num(second).filter(|m| (1..=12).contains(m)) else {
        return Some(When { year, month: 1, day: 1, precision: Prec::Year });
    };
    let month = month as u8;
    match parts.next().and_then(num) {
        Some(d) if d >= 1 && d <= u32::from(parallax_core::days_in_month(year, month)) => {
            Some(When { year, month, day: d as u8, precision: Prec::Day })
        }
        _ => Some(When { year, month, day: 1, precision: Prec::Month }),
    }
}

/// A TIMEX3 duration (`P1Y`, `P3D`, `P2W`, `P6M`) in days and the precision a shift by it
/// keeps (years shift at year precision, months at month precision).
pub fn parse_duration(value: &str) -> Option<(i64, Prec)> {
    let body = value.strip_prefix('P')?;
    if body.starts_with('T') {
        return None;
    }
    let unit = body.chars().last()?;
    let n = num(&body[..body.len() - 1])? as i64;
    match unit {
        'D' => Some((n, Prec::Day)),
        'W' => Some((7 * n, Prec::Day)),
        'M' => Some((30 * n, Prec::Month)),
        'Y' => Some((365 * n, Prec::Year)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        let pubd = CalendarDate::parse("2022-08-18");
        assert_eq!(parse_value("2022-08-16TNI", pubd).unwrap().format(), "2022-08-16");
        assert_eq!(parse_value("2022-06", pubd).unwrap().format(), "2022-06-01");
        assert_eq!(parse_value("2020", pubd).unwrap().format(), "2020-01-01");
        assert_eq!(parse_value("2006-W13", pubd).unwrap().format(), "2006-03-01");
        assert_eq!(parse_value("PRESENT_REF", pubd).unwrap().format(), "2022-08-18");
        assert_eq!(parse_value("XXXX-08", pubd), None);
        assert_eq!(parse_value("198", pubd), None);
        assert_eq!(parse_value("PAST_REF", pubd), None);
        let d = parse_value("2022-03-01", None).unwrap();
        assert_eq!(d.shifted_days(-1).format(), "2022-02-28");
        assert_eq!(parse_duration("P1Y"), Some((365, Prec::Year)));
    }
}
