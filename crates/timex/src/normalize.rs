//! TIMEX3 value strings: calendar points at a granularity, durations, and
//! the arithmetic that moves a point relative to the anchor.

use crate::calendar::{add_months, civil_from_days, days_from_civil, iso_week};
use crate::lexicon::Unit;

/// A calendar point at the granularity the expression names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Point {
    Day(i64),
    Week(i32, u8),
    Weekend(i32, u8),
    Month(i32, u8),
    Quarter(i32, u8),
    Half(i32, u8),
    Season(i32, u8),
    Year(i32),
    Decade(i32),
    Century(i32),
}

pub fn year_str(y: i32) -> String {
    if (0..=9999).contains(&y) {
        format!("{y:04}")
    } else {
        format!("{y}")
    }
}

pub fn ymd(y: i32, m: u8, d: u8) -> String {
    format!("{}-{m:02}-{d:02}", year_str(y))
}

pub fn day_str(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    ymd(y, m, d)
}

const SEASONS: [&str; 4] = ["SP", "SU", "FA", "WI"];

impl Point {
    pub fn value(self) -> String {
        match self {
            Point::Day(z) => day_str(z),
            Point::Week(y, w) => format!("{}-W{w:02}", year_str(y)),
            Point::Weekend(y, w) => format!("{}-W{w:02}-WE", year_str(y)),
            Point::Month(y, m) => format!("{}-{m:02}", year_str(y)),
            Point::Quarter(y, q) => format!("{}-Q{q}", year_str(y)),
            Point::Half(y, h) => format!("{}-H{h}", year_str(y)),
            Point::Season(y, s) => format!("{}-{}", year_str(y), SEASONS[(s & 3) as usize]),
            Point::Year(y) => year_str(y),
            Point::Decade(y) => {
                let d = y.div_euclid(10);
                if (0..=999).contains(&d) { format!("{d:03}") } else { format!("{d}") }
            }
            Point::Century(c) => {
                if (0..=99).contains(&c) { format!("{c:02}") } else { format!("{c}") }
            }
        }
    }
}

/// The anchor day, with its pieces precomputed.
#[derive(Debug, Clone, Copy)]
pub struct Anchor {
    pub y: i32,
    pub m: u8,
    pub d: u8,
    pub days: i64,
}

impl Anchor {
    pub fn new(y: i32, m: u8, d: u8) -> Anchor {
        Anchor { y, m, d, days: days_from_civil(y, m, d) }
    }
    pub fn quarter(&self) -> u8 {
        (self.m - 1) / 3 + 1
    }
    pub fn week(&self) -> (i32, u8) {
        iso_week(self.days)
    }
}

/// The point `n` units away from the anchor, at that unit's granularity
/// ("two weeks ago" is a week, "a year ago" a year).
pub fn shift(a: &Anchor, unit: Unit, n: i64) -> Option<Point> {
    let n = n.clamp(-100_000, 100_000);
    Some(match unit {
        Unit::Second | Unit::Minute | Unit::Hour => return None,
        Unit::Day => Point::Day(a.days + n),
        Unit::Week => {
            let (y, w) = iso_week(a.days + 7 * n);
            Point::Week(y, w)
        }
        Unit::Fortnight => {
            let (y, w) = iso_week(a.days + 14 * n);
            Point::Week(y, w)
        }
        Unit::Month => {
            let (y, m) = add_months(a.y, a.m, n);
            Point::Month(y, m)
        }
        Unit::Quarter => {
            let idx = a.y as i64 * 4 + (a.quarter() as i64 - 1) + n;
            Point::Quarter(idx.div_euclid(4) as i32, (idx.rem_euclid(4) + 1) as u8)
        }
        Unit::Year => Point::Year((a.y as i64 + n) as i32),
        Unit::Decade => Point::Year((a.y as i64 + 10 * n) as i32),
        Unit::Century => Point::Year((a.y as i64 + 100 * n) as i32),
    })
}

/// Placeholder value when there is no anchor, at a unit's granularity.
pub fn unknown(unit: Unit) -> &'static str {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => "XXXX-XX-XX",
        Unit::Week | Unit::Fortnight => "XXXX-WXX",
        Unit::Month => "XXXX-XX",
        Unit::Quarter => "XXXX-QX",
        Unit::Year | Unit::Decade | Unit::Century => "XXXX",
    }
}

/// Quantity of a duration: exact (possibly with a half) or unspecified ("several").
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Qty {
    N(f64),
    X,
}

/// TIMEX3 duration value: "P13D", "PT4H", "P2Y6M", "PXW".
pub fn duration(q: Qty, unit: Unit) -> String {
    let (time, code, mult) = match unit {
        Unit::Second => (true, "S", 1.0),
        Unit::Minute => (true, "M", 1.0),
        Unit::Hour => (true, "H", 1.0),
        Unit::Day => (false, "D", 1.0),
        Unit::Week => (false, "W", 1.0),
        Unit::Fortnight => (false, "W", 2.0),
        Unit::Month => (false, "M", 1.0),
        Unit::Quarter => (false, "Q", 1.0),
        Unit::Year => (false, "Y", 1.0),
        Unit::Decade => (false, "Y", 10.0),
        Unit::Century => (false, "Y", 100.0),
    };
    let t = if time { "T" } else { "" };
    match q {
        Qty::X => format!("P{t}X{code}"),
        Qty::N(v) => {
            let v = v * mult;
            if v.fract() == 0.0 || !v.is_finite() {
                return format!("P{t}{}{code}", v as i64);
            }
            let whole = v.trunc() as i64;
            // Express the fractional part in the next smaller unit where that is exact.
            let (sub, subcode, subtime) = match unit {
                Unit::Year | Unit::Decade | Unit::Century => (12.0, "M", false),
                Unit::Month => (30.0, "D", false),
                Unit::Week | Unit::Fortnight => (7.0, "D", false),
                Unit::Day => (24.0, "H", true),
                Unit::Hour => (60.0, "M", true),
                Unit::Minute => (60.0, "S", true),
                Unit::Quarter => (3.0, "M", false),
                Unit::Second => return format!("PT{v}S"),
            };
            let rest = (v.fract() * sub).round() as i64;
            let mut s = String::from("P");
            if whole > 0 {
                if time { s.push('T'); }
                s.push_str(&format!("{whole}{code}"));
                if subtime && !time { s.push('T'); }
            } else if subtime {
                s.push('T');
            }
            s.push_str(&format!("{rest}{subcode}"));
            if unit == Unit::Quarter && whole > 0 {
                return format!("P{}M", whole * 3 + rest);
            }
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        let cases = [
            (Qty::N(13.0), Unit::Day, "P13D"),
            (Qty::N(2.5), Unit::Year, "P2Y6M"),
            (Qty::N(5.5), Unit::Hour, "PT5H30M"),
            (Qty::N(1.5), Unit::Minute, "PT1M30S"),
            (Qty::X, Unit::Hour, "PTXH"),
            (Qty::N(2.0), Unit::Decade, "P20Y"),
            (Qty::N(1.0), Unit::Fortnight, "P2W"),
            (Qty::N(1.5), Unit::Day, "P1DT12H"),
        ];
        for (q, u, want) in cases {
            assert_eq!(duration(q, u), want);
        }
    }

    #[test]
    fn points() {
        let a = Anchor::new(2022, 8, 23);
        assert_eq!(shift(&a, Unit::Day, -12).unwrap().value(), "2022-08-11");
        assert_eq!(shift(&a, Unit::Week, -1).unwrap().value(), "2022-W33");
        assert_eq!(shift(&a, Unit::Month, -8).unwrap().value(), "2021-12");
        assert_eq!(shift(&a, Unit::Quarter, -3).unwrap().value(), "2021-Q4");
        assert_eq!(Point::Decade(1990).value(), "199");
        assert_eq!(Point::Century(19).value(), "19");
    }
}
