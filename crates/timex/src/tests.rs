//! Behaviour tables: (sentence, anchor, expected text, type, value).
//! Sentences are written for these tests, not taken from any evaluation data.

use super::*;

const TUE: &str = "2022-08-23"; // a Tuesday
const THU: &str = "2022-08-18"; // a Thursday

fn find(text: &str, anchor: Option<&str>) -> Vec<(String, &'static str, String)> {
    let a = anchor.map(|a| CalendarDate::parse(a).expect("anchor"));
    find_time_expressions(text, a)
        .into_iter()
        .map(|t| (text[t.start..t.end].to_string(), t.kind.as_str(), t.value))
        .collect()
}

/// Each case: the sentence must contain the expected expression with that type and value.
fn check(cases: &[(&str, Option<&str>, &str, &str, &str)]) {
    let mut failures = Vec::new();
    for &(sentence, anchor, text, kind, value) in cases {
        let got = find(sentence, anchor);
        if !got.iter().any(|(t, k, v)| t == text && *k == kind && v == value) {
            failures.push(format!("{sentence:?} @ {anchor:?}: want {text:?} {kind} {value}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn dates() {
    check(&[
        ("The deal closed on August 11 after talks.", Some(TUE), "August 11", "DATE", "2022-08-11"),
        ("It was signed Aug. 11, 2021, in Auckland.", Some(TUE), "Aug. 11, 2021", "DATE", "2021-08-11"),
        ("The vote took place on 11 August.", Some(TUE), "11 August", "DATE", "2022-08-11"),
        ("The filing is dated 2022-08-11.", Some(TUE), "2022-08-11", "DATE", "2022-08-11"),
        ("The council met on Tuesday.", Some(TUE), "Tuesday", "DATE", "2022-08-23"),
        ("The council met on Tuesday.", Some(THU), "Tuesday", "DATE", "2022-08-16"),
        ("The council will meet on Tuesday.", Some(THU), "Tuesday", "DATE", "2022-08-23"),
        ("They hope to settle it next Tuesday.", Some(THU), "next Tuesday", "DATE", "2022-08-23"),
        ("Protesters gathered on Tuesday night.", Some(THU), "Tuesday night", "DATE", "2022-08-16TNI"),
        ("Prices rose today.", Some(TUE), "today", "DATE", "2022-08-23"),
        ("Prices fell yesterday.", Some(TUE), "yesterday", "DATE", "2022-08-22"),
        ("Markets open tomorrow.", Some(TUE), "tomorrow", "DATE", "2022-08-24"),
        ("The board met last week.", Some(TUE), "last week", "DATE", "2022-W33"),
        ("Sales doubled this year.", Some(TUE), "this year", "DATE", "2022"),
        ("He was first elected in June this year.", Some(TUE), "June this year", "DATE", "2022-06"),
        ("Costs climbed last month.", Some(TUE), "last month", "DATE", "2022-07"),
        ("The law changed in the 1990s.", Some(TUE), "the 1990s", "DATE", "199"),
        ("Elections are due next year.", Some(TUE), "next year", "DATE", "2023"),
        ("She recently resigned.", Some(TUE), "recently", "DATE", "PAST_REF"),
        ("The party is now split.", Some(TUE), "now", "DATE", "PRESENT_REF"),
        ("He is currently abroad.", Some(TUE), "currently", "DATE", "PRESENT_REF"),
        ("He was suspended 12 days ago.", Some(TUE), "12 days ago", "DATE", "2022-08-11"),
        ("They had argued the night before.", Some(TUE), "the night before", "DATE", "2022-08-22TNI"),
        ("Talks resumed earlier this week.", Some(TUE), "earlier this week", "DATE", "2022-W34"),
        ("Profit fell in the third quarter.", Some(TUE), "the third quarter", "DATE", "2022-Q3"),
        ("Third-quarter profit fell.", Some(TUE), "Third-quarter", "DATE", "2022-Q3"),
        ("The company was founded in 1998.", Some(TUE), "1998", "DATE", "1998"),
        ("The review is set for December 2022.", Some(TUE), "December 2022", "DATE", "2022-12"),
        ("The suspension will be reviewed in December.", Some(TUE), "December", "DATE", "2022-12"),
        ("The suspension would be reviewed in December.", Some(TUE), "December", "DATE", "2022-12"),
        ("Officials could not be reached on Tuesday.", Some(THU), "Tuesday", "DATE", "2022-08-16"),
        ("The rights expire Nov. 21.", Some(TUE), "Nov. 21", "DATE", "2022-11-21"),
        ("The fiscal year ended March 31.", Some(TUE), "March 31", "DATE", "2022-03-31"),
        ("The bill passed in March.", Some(TUE), "March", "DATE", "2022-03"),
        ("Growth slowed late last year.", Some(TUE), "late last year", "DATE", "2021"),
        ("The plant opens early next year.", Some(TUE), "early next year", "DATE", "2023"),
        ("Prices peaked in mid-2021.", Some(TUE), "mid-2021", "DATE", "2021"),
        ("Shops close on Christmas Day.", Some(TUE), "Christmas Day", "DATE", "2022-12-25"),
        ("Sales jumped last fall.", Some(TUE), "last fall", "DATE", "2021-FA"),
        ("A year earlier it had lost money.", Some(TUE), "A year earlier", "DATE", "2021"),
        ("The fund was set up in the 20th century.", Some(TUE), "the 20th century", "DATE", "19"),
        ("The plan was unveiled on Monday, Aug. 22.", Some(TUE), "Monday, Aug. 22", "DATE", "2022-08-22"),
    ]);
}

#[test]
fn times_durations_sets() {
    check(&[
        ("The polls close at 10 a.m. on Friday.", Some(TUE), "10 a.m.", "TIME", "2022-08-23T10:00"),
        ("The shot was fired at 7:15 p.m. Thursday.", Some(TUE), "7:15 p.m. Thursday", "TIME", "2022-08-18T19:15"),
        ("Officials met this morning.", Some(TUE), "this morning", "TIME", "2022-08-23TMO"),
        ("He waited for 13 days.", Some(TUE), "13 days", "DURATION", "P13D"),
        ("It took a fortnight.", Some(TUE), "a fortnight", "DURATION", "P2W"),
        ("After almost two weeks of talks, they agreed.", Some(TUE), "almost two weeks", "DURATION", "P2W"),
        ("He has served more than a year.", Some(TUE), "more than a year", "DURATION", "P1Y"),
        ("The trial lasted three years.", Some(TUE), "three years", "DURATION", "P3Y"),
        ("They argued for hours.", Some(TUE), "hours", "DURATION", "PTXH"),
        ("Shares fell over the past two months.", Some(TUE), "the past two months", "DURATION", "P2M"),
        ("The mission lasted 2 1/2 years.", Some(TUE), "2 1/2 years", "DURATION", "P2Y6M"),
        ("He spoke for an hour and a half.", Some(TUE), "an hour and a half", "DURATION", "PT1H30M"),
        ("The first nine months were weak.", Some(TUE), "The first nine months", "DURATION", "P9M"),
        ("The committee meets every week.", Some(TUE), "every week", "SET", "P1W"),
        ("The paper is published weekly.", Some(TUE), "weekly", "SET", "P1W"),
        ("Fees rise each year.", Some(TUE), "each year", "SET", "P1Y"),
        ("The market opens each Thursday.", Some(TUE), "each Thursday", "SET", "XXXX-WXX-4"),
        ("It is a two-year contract.", Some(TUE), "two-year", "DURATION", "P2Y"),
    ]);
}

#[test]
fn without_anchor() {
    check(&[
        ("The deal closed on August 11.", None, "August 11", "DATE", "XXXX-08-11"),
        ("The council met on Tuesday.", None, "Tuesday", "DATE", "XXXX-WXX-2"),
        ("He waited for 13 days.", None, "13 days", "DURATION", "P13D"),
        ("It happened last week.", None, "last week", "DATE", "XXXX-WXX"),
    ]);
}

#[test]
fn not_time_expressions() {
    for (sentence, anchor) in [
        ("A 44-year-old man was arrested.", Some(TUE)),
        ("She may resign.", Some(TUE)),
        ("They will march on the capital.", Some(TUE)),
        ("It cost $1998 to fix.", Some(TUE)),
        ("The film High Noon is a classic.", Some(TUE)),
        ("April Smith spoke to reporters.", Some(TUE)),
        ("He came second in the race.", Some(TUE)),
        ("Growth of 8.5% annually is expected.", Some(TUE)),
        ("She said the Harbour 2030 plan would save the port.", Some(TUE)),
    ] {
        assert!(find(sentence, anchor).is_empty(), "{sentence}: {:?}", find(sentence, anchor));
    }
}

#[test]
fn spans_exclude_prepositions_and_are_ordered() {
    let text = "On Tuesday the MPs met; on August 11 they had met for 13 days.";
    let found = find_time_expressions(text, CalendarDate::parse(TUE));
    let texts: Vec<&str> = found.iter().map(|t| &text[t.start..t.end]).collect();
    assert_eq!(texts, ["Tuesday", "August 11", "13 days"]);
    for w in found.windows(2) {
        assert!(w[0].end <= w[1].start);
    }
}

#[test]
fn parse_anchor() {
    assert_eq!(CalendarDate::parse("2022-08-23"), Some(CalendarDate { year: 2022, month: 8, day: 23 }));
    assert_eq!(CalendarDate::parse("2022-08-23T14:26:00+12:00"), Some(CalendarDate { year: 2022, month: 8, day: 23 }));
    assert_eq!(CalendarDate::parse("2022-02-30"), None);
    assert_eq!(CalendarDate::parse("23/08/2022"), None);
    assert_eq!(CalendarDate::parse("2022-08-2\u{e9}"), None);
    assert_eq!(CalendarDate::parse(""), None);
}

/// Arbitrary and adversarial input must never panic, and spans must stay on
/// char boundaries, sorted and non-overlapping.
#[test]
fn never_panics_on_odd_input() {
    let pieces = [
        "Aug.", "11", ",", " ", "2022", "-", "08", "/", "99", "9999999999999999999999", "a.m.", "p", ".", "m",
        "Tuesday", "night", "last", "next", "the", "past", "two", "-", "year", "old", "'", "s", "90s", "\u{2019}",
        "\u{2013}", "é", "日本", "\u{0661}\u{0662}", "\u{200b}", "\n", "ago", "every", "fiscal", "third", "quarter",
        "1/2", "of", "and", "a", "half", "Christmas", "Eve", "New", "Year", "'s", "Day", "mid", "early", "0",
        "00:00", "24", ":", "60", "%", "$", "nineteen", "ninety", "hundred", "thousand", "twenty-first", "century",
        "May", "March", "this", "coming", "weekend", "since", "31", "February", "29", "1900", "2100", "-1",
        "\u{1F600}", "o", "clock", "EST", "noon", "every other", "Mondays", "quarters", "H1", "\u{feff}",
    ];
    let anchors = [None, CalendarDate::parse("2022-08-23"), Some(CalendarDate { year: -5, month: 2, day: 29 }), Some(CalendarDate { year: i32::MAX, month: 12, day: 31 }), Some(CalendarDate { year: 2022, month: 13, day: 40 })];
    // A small deterministic generator (xorshift) instead of a fuzzing framework.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let rounds: usize = std::env::var("TIMEX_FUZZ_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(4000);
    for round in 0..rounds {
        let len = (next() % 24) as usize;
        let mut text = String::new();
        for _ in 0..len {
            text.push_str(pieces[(next() % pieces.len() as u64) as usize]);
            if next() % 3 != 0 {
                text.push(' ');
            }
        }
        let anchor = anchors[round % anchors.len()];
        let found = find_time_expressions(&text, anchor);
        let mut last = 0;
        for t in &found {
            assert!(t.start < t.end && t.end <= text.len(), "{text:?}");
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end), "{text:?}");
            assert!(t.start >= last, "overlap in {text:?}");
            last = t.end;
        }
    }
    // Long input and raw byte soup.
    let long = "In 1998, on Tuesday, 12 days ago, last week ".repeat(20_000);
    assert!(!find_time_expressions(&long, CalendarDate::parse("2022-08-23")).is_empty());
    let soup: String = (0..50_000u32).filter_map(|i| char::from_u32((i * 7919) % 0x11_0000)).collect();
    let _ = find_time_expressions(&soup, None);
    let _ = find_time_expressions("", None);
}
