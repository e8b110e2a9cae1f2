//! Small proleptic-Gregorian civil-date arithmetic.
//!
//! Written by hand (Howard Hinnant's days-from-civil algorithms) because the
//! engine only needs day counts, weekdays, ISO weeks and month shifts, and a
//! dependency-free version keeps this hot path allocation-free.

pub use parallax_core::calendar::{civil_from_days, days_from_civil};

pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

pub fn valid(y: i32, m: u8, d: u8) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

/// ISO weekday of a day count: Monday = 1 ... Sunday = 7.
pub fn weekday(days: i64) -> u8 {
    // 1970-01-01 was a Thursday (4).
    ((days + 3).rem_euclid(7) + 1) as u8
}

/// ISO 8601 week-numbering year and week of a day count.
pub fn iso_week(days: i64) -> (i32, u8) {
    let wd = weekday(days) as i64;
    // The Thursday of this ISO week decides the year.
    let thursday = days - wd + 4;
    let (y, _, _) = civil_from_days(thursday);
    let jan1 = days_from_civil(y, 1, 1);
    let week = (thursday - jan1) / 7 + 1;
    (y, week as u8)
}

/// Shift a (year, month) by `delta` months.
pub fn add_months(y: i32, m: u8, delta: i64) -> (i32, u8) {
    let idx = y as i64 * 12 + (m as i64 - 1) + delta;
    let y = idx.div_euclid(12);
    (y.clamp(i32::MIN as i64, i32::MAX as i64) as i32, (idx.rem_euclid(12) + 1) as u8)
}

/// Easter Sunday (anonymous Gregorian algorithm), as (month, day).
pub fn easter(y: i32) -> (u8, u8) {
    let y = y as i64;
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    (month as u8, day as u8)
}

/// Day of the `n`-th (1-based) given weekday in a month; `n = -1` means the last one.
pub fn nth_weekday(y: i32, m: u8, wd: u8, n: i8) -> u8 {
    if n > 0 {
        let first = days_from_civil(y, m, 1);
        let off = (wd as i64 - weekday(first) as i64).rem_euclid(7);
        (1 + off + 7 * (n as i64 - 1)) as u8
    } else {
        let dim = days_in_month(y, m);
        let last = days_from_civil(y, m, dim);
        let off = (weekday(last) as i64 - wd as i64).rem_euclid(7);
        (dim as i64 - off) as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_weekdays() {
        for z in -800_000i64..800_000 {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(weekday(days_from_civil(2022, 8, 23)), 2); // Tuesday
        assert_eq!(weekday(days_from_civil(2022, 8, 18)), 4); // Thursday
    }

    #[test]
    fn iso_weeks() {
        let cases = [((2022, 8, 16), (2022, 33)), ((2021, 1, 3), (2020, 53)), ((2024, 12, 30), (2025, 1)), ((1989, 10, 30), (1989, 44))];
        for ((y, m, d), want) in cases {
            assert_eq!(iso_week(days_from_civil(y, m, d)), want, "{y}-{m}-{d}");
        }
    }

    #[test]
    fn months_and_holidays() {
        assert_eq!(add_months(2022, 1, -1), (2021, 12));
        assert_eq!(add_months(2022, 12, 1), (2023, 1));
        assert_eq!(easter(2022), (4, 17));
        assert_eq!(nth_weekday(2022, 11, 4, 4), 24); // Thanksgiving
        assert_eq!(nth_weekday(2022, 5, 1, -1), 30); // Memorial Day
    }
}
