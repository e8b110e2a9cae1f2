//! Dates as pages write them, normalised to `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ss±hh:mm`
//! (a time is kept only when its zone is known, so the day is not shifted by a guess).

use std::sync::LazyLock;

use regex::Regex;

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static pattern")
}

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}:?\d{2})?)?")
});
static SLASHED: LazyLock<Regex> = LazyLock::new(|| regex(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b"));
static DAY_FIRST_NUMERIC: LazyLock<Regex> = LazyLock::new(|| regex(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b"));
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
});
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b")
});
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"/((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)")
});

/// A date written as a machine would (meta tags, JSON-LD, `datetime` attributes): ISO 8601,
/// RFC 2822 or a month-name form.
pub(crate) fn normalise(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if let Some((c, date)) = ISO.captures(raw).and_then(|c| {
        let date = ymd(&c[1], &c[2], &c[3])?;
        Some((c, date))
    }) {
        let (Some(hour), Some(minute), Some(zone)) = (c.get(4), c.get(5), c.get(7)) else {
            return Some(date);
        };
        let second = c.get(6).map_or("00", |m| m.as_str());
        let (h, m, s) = (number(hour.as_str())?, number(minute.as_str())?, number(second)?);
        if h > 23 || m > 59 || s > 60 {
            return Some(date);
        }
        return Some(format!("{date}T{h:02}:{m:02}:{s:02}{}", offset(zone.as_str())));
    }
    if let Some(c) = SLASHED.captures(raw) {
        return ymd(&c[1], &c[2], &c[3]);
    }
    if raw.len() >= 10 && raw.chars().all(|c| c.is_ascii_digit()) {
        // A Unix timestamp in seconds or milliseconds.
        let seconds: i64 = raw[..10].parse().ok()?;
        return Some(date_of_unix_seconds(seconds));
    }
    date_in_text(raw)
}

/// The first date written out in prose: "May 17, 2024", "17 May 2024", "17/05/2024".
pub(crate) fn date_in_text(text: &str) -> Option<String> {
    let month_first = MONTH_DAY_YEAR.captures(text).and_then(|c| Some((c.get(0)?.start(), month_day(&c[3], &c[1], &c[2])?)));
    let day_first = DAY_MONTH_YEAR.captures(text).and_then(|c| Some((c.get(0)?.start(), month_day(&c[3], &c[2], &c[1])?)));
    let numeric = DAY_FIRST_NUMERIC.captures(text).and_then(|c| {
        let (first, second) = (number(&c[1])?, number(&c[2])?);
        // Day first unless that cannot be (the common reading outside the US; a US date with a
        // day over 12 is still read right).
        let (day, month) = if second > 12 { (second, first) } else { (first, second) };
        Some((c.get(0)?.start(), ymd(&c[3], &month.to_string(), &day.to_string())?))
    });
    [month_first, day_first, numeric].into_iter().flatten().min_by_key(|(at, _)| *at).map(|(_, d)| d)
}

/// A date in a URL path: `/2024/05/17/`, `/2024-05-17-title`, `/20240517/`.
pub(crate) fn date_in_url(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let c = URL_DATE.captures(path)?;
    ymd(&c[1], &c[2], &c[3])
}

fn month_day(year: &str, month_name: &str, day: &str) -> Option<String> {
    let prefix = month_name.get(..3)?.to_ascii_lowercase();
    let month = MONTHS.iter().position(|m| *m == prefix)? + 1;
    ymd(year, &month.to_string(), day)
}

fn ymd(year: &str, month: &str, day: &str) -> Option<String> {
    let (y, m, d) = (number(year)?, number(month)?, number(day)?);
    let valid = (1900..=2100).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m);
    valid.then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn number(s: &str) -> Option<u32> {
    s.parse().ok()
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn offset(zone: &str) -> String {
    match zone {
        "Z" | "z" | "UTC" | "GMT" => "+00:00".into(),
        _ => {
            let digits: String = zone.chars().filter(char::is_ascii_digit).collect();
            format!("{}{}:{}", &zone[..1], &digits[..2], &digits[2..4])
        }
    }
}

fn date_of_unix_seconds(seconds: i64) -> String {
    // Howard Hinnant's days-to-civil algorithm.
    let days = seconds.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machine_dates() {
        assert_eq!(normalise("2024-05-17").as_deref(), Some("2024-05-17"));
        assert_eq!(normalise("2024-05-17T08:30:00Z").as_deref(), Some("2024-05-17T08:30:00+00:00"));
        assert_eq!(normalise("2024-05-17T08:30:00.000+0200").as_deref(), Some("2024-05-17T08:30:00+02:00"));
        assert_eq!(normalise("2024-05-17 08:30").as_deref(), Some("2024-05-17"), "no zone: the date alone");
        assert_eq!(normalise("20240517").as_deref(), Some("2024-05-17"));
        assert_eq!(normalise("2024/5/7").as_deref(), Some("2024-05-07"));
        assert_eq!(normalise("Fri, 17 May 2024 08:30:00 GMT").as_deref(), Some("2024-05-17"));
        assert_eq!(normalise("1715934600").as_deref(), Some("2024-05-17"));
        assert_eq!(normalise("2024-02-30"), None);
        assert_eq!(normalise("soon"), None);
    }

    #[test]
    fn prose_dates() {
        assert_eq!(date_in_text("Published May 17th, 2024 at 9am").as_deref(), Some("2024-05-17"));
        assert_eq!(date_in_text("Updated: 3 Sept. 2023").as_deref(), Some("2023-09-03"));
        assert_eq!(date_in_text("17/05/2024").as_deref(), Some("2024-05-17"));
        assert_eq!(date_in_text("05/17/2024").as_deref(), Some("2024-05-17"));
        assert_eq!(date_in_text("in May 2024"), None);
    }

    #[test]
    fn url_dates() {
        assert_eq!(date_in_url("https://news.example/2024/05/17/flood-warning").as_deref(), Some("2024-05-17"));
        assert_eq!(date_in_url("https://news.example/world/2024-05-17-flood.html").as_deref(), Some("2024-05-17"));
        assert_eq!(date_in_url("https://news.example/a/20240517/flood").as_deref(), Some("2024-05-17"));
        assert_eq!(date_in_url("https://news.example/story/123456789"), None);
        assert_eq!(date_in_url("https://news.example/2024/05/"), None);
    }
}
