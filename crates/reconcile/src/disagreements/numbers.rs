//! Numbers that differ for the same quantity.
//!
//! Two kinds of quantity are compared:
//! - elapsed durations ("13 days", "a fortnight", "12 days ago"): each is turned into the start
//!   date it implies (publication date minus the duration). Durations whose starts fall within
//!   a few days of each other measure the same stretch ("how long the strike has lasted"); when
//!   their exact values imply different starts, the reports disagree;
//! - counts, money and percentages: a number with its unit or head noun ("400 dockworkers",
//!   "$1.2 million a day", "closer to 200" after "job losses"). Two numbers measure the same
//!   thing when their head nouns match (or the head of one is in the other's context) and the
//!   values are of the same order; they disagree when the values differ.

use super::model::Ctx;
use super::text::{self, Word};
use crate::{Discrepancy, DiscrepancyKind, Side};
use parallax_core::{days_in_month, CalendarDate, Span, TimexType};

pub fn find(ctx: &Ctx) -> Vec<Discrepancy> {
    let mut out = durations(ctx);
    out.extend(quantities(ctx));
    out
}

// ---------------------------------------------------------------- durations

struct Elapsed {
    doc: usize,
    span: Span,
    days: i64,
    /// Day number of the implied start.
    start: i64,
    approx: bool,
}

fn day_number(d: CalendarDate) -> i64 {
    // Days since 0000-03-01 (proleptic Gregorian), enough for differences.
    let (y, m) = if d.month <= 2 { (d.year as i64 - 1, d.month as i64 + 9) } else { (d.year as i64, d.month as i64 - 3) };
    365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + d.day as i64
}

fn parse_date(v: &str) -> Option<CalendarDate> {
    let d = CalendarDate::parse(v.get(..10)?)?;
    (d.day <= days_in_month(d.year, d.month)).then_some(d)
}

/// Days of a TIMEX3 duration of whole days or weeks ("P13D", "P2W").
fn duration_days(v: &str) -> Option<i64> {
    let body = v.strip_prefix('P')?;
    let (num, unit) = body.split_at(body.len().checked_sub(1)?);
    let n: i64 = num.parse().ok()?;
    match unit {
        "D" => Some(n),
        "W" => Some(7 * n),
        _ => None,
    }
}

fn is_approx(words: &[Word]) -> bool {
    words.iter().any(|w| {
        matches!(
            w.lower.as_str(),
            "about" | "around" | "almost" | "nearly" | "roughly" | "some" | "approximately" | "past" | "over" | "more"
                | "than" | "less" | "fewer" | "under" | "least" | "closer" | "close" | "up"
        )
    })
}

fn durations(ctx: &Ctx) -> Vec<Discrepancy> {
    let mut items: Vec<Elapsed> = Vec::new();
    for (d, (doc, an)) in ctx.view.docs.iter().zip(&ctx.view.analyses).enumerate() {
        let Some(pub_date) = doc.published else { continue };
        let today = day_number(pub_date);
        for t in &an.times {
            let text = doc.body.get(t.span.clone()).unwrap_or("");
            let ws = text::words(&doc.body, &t.span);
            // Include the two words before: "almost", "more than", "past".
            let before = preceding_words(&doc.body, t.span.start, 2);
            let approx = is_approx(&ws) || is_approx(&before);
            let days = match t.kind {
                TimexType::Duration => duration_days(&t.value),
                TimexType::Date if text.to_lowercase().ends_with("ago") => {
                    parse_date(&t.value).map(|x| today - day_number(x))
                }
                _ => None,
            };
            let Some(days) = days else { continue };
            // Long enough to be a stretch of a story, short enough to be counted in days.
            if !(3..=120).contains(&days) {
                continue;
            }
            items.push(Elapsed { doc: d, span: t.span.clone(), days, start: today - days, approx });
        }
    }
    items.sort_by_key(|e| e.start);
    let mut out = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let mut j = i + 1;
        while j < items.len() && items[j].start - items[j - 1].start <= 2 && items[j].start - items[i].start <= 4 {
            j += 1;
        }
        let cluster = &items[i..j];
        i = j;
        let mut exact: Vec<i64> = cluster.iter().filter(|e| !e.approx).map(|e| e.start).collect();
        exact.sort_unstable();
        exact.dedup();
        let mut values: Vec<i64> = cluster.iter().map(|e| e.days).collect();
        values.sort_unstable();
        values.dedup();
        // Disagreement: exact values imply different starts; with only two mentions they must
        // also share a context word, as two stray durations can agree by chance.
        if exact.len() < 2 || values.len() < 2 {
            continue;
        }
        if cluster.len() == 2 && !share_context(ctx, &cluster[0], &cluster[1]) {
            continue;
        }
        let sides: Vec<Side> = cluster
            .iter()
            .map(|e| {
                let span = around(ctx, e.doc, &e.span, 3, 3);
                let holder = ctx.holder(e.doc, &span);
                ctx.side_with(e.doc, span, holder)
            })
            .collect();
        let labels: Vec<String> = cluster.iter().map(|e| ctx.body(e.doc)[e.span.clone()].to_string()).collect();
        let mut uniq: Vec<String> = Vec::new();
        for l in labels {
            if !uniq.iter().any(|u| u.eq_ignore_ascii_case(&l)) {
                uniq.push(l);
            }
        }
        out.push(Discrepancy {
            kind: DiscrepancyKind::Numeric,
            topic: format!("How long it has lasted: {}", uniq.join(" / ")),
            sides,
        });
    }
    out
}

fn share_context(ctx: &Ctx, a: &Elapsed, b: &Elapsed) -> bool {
    let ca = content(&text::words(ctx.body(a.doc), &around(ctx, a.doc, &a.span, 5, 5)));
    let cb = content(&text::words(ctx.body(b.doc), &around(ctx, b.doc, &b.span, 5, 5)));
    ca.iter().any(|x| cb.contains(x))
}

fn content(ws: &[Word]) -> Vec<String> {
    ws.iter()
        .filter(|w| w.lower.len() >= 3 && !text::is_stop(&w.lower) && !text::is_time_word(&w.lower))
        .filter(|w| !w.lower.chars().all(|c| c.is_ascii_digit()))
        .map(|w| w.stem.to_string())
        .collect()
}

fn preceding_words(body: &str, at: usize, n: usize) -> Vec<Word> {
    let from = body[..at].char_indices().rev().nth(40).map_or(0, |(i, _)| i);
    let ws = text::words(body, &(from..at));
    ws[ws.len().saturating_sub(n)..].to_vec()
}

/// The clause around `span`, cut to `before` words before and `after` words after it.
fn around(ctx: &Ctx, doc: usize, span: &Span, before: usize, after: usize) -> Span {
    let body = ctx.body(doc);
    let Some(sent) = ctx.sentence_of(doc, span).map(|i| &ctx.sents[i]) else {
        return span.clone();
    };
    let clause = text::clauses(body, &sent.span)
        .into_iter()
        .find(|c| c.start <= span.start && span.end <= c.end)
        .unwrap_or_else(|| sent.span.clone());
    let ws = text::words(body, &clause);
    let Some(first) = ws.iter().position(|w| w.span.end > span.start) else { return span.clone() };
    let last = ws.iter().rposition(|w| w.span.start < span.end).unwrap_or(first);
    let lo = first.saturating_sub(before);
    let hi = (last + after).min(ws.len() - 1);
    text::cover(&ws, lo, hi)
}

// ---------------------------------------------------------------- counts, money, percentages

#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    Count,
    Money,
    Percent,
}

struct Amount {
    doc: usize,
    sent: usize,
    /// Words of the number phrase (modifier to head) in the sentence.
    from: usize,
    to: usize,
    value: f64,
    unit: Unit,
    /// "a day", "a year" after money.
    rate: Option<String>,
    heads: Vec<String>,
    context: Vec<String>,
}

fn small_number(w: &str) -> Option<f64> {
    Some(match w {
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "fifteen" => 15.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "hundred" => 100.0,
        "dozen" => 12.0,
        _ => return None,
    })
}

fn multiplier(w: &str) -> Option<f64> {
    Some(match w {
        "thousand" | "k" => 1e3,
        "million" | "m" | "mn" => 1e6,
        "billion" | "bn" | "b" => 1e9,
        "hundred" => 100.0,
        _ => return None,
    })
}

const MODIFIERS: &[&str] = &[
    "about", "around", "almost", "nearly", "roughly", "some", "approximately", "more", "than", "over", "under", "less",
    "fewer", "least", "at", "closer", "close", "to", "up", "just", "only", "estimated",
];

fn is_unit_word(w: &str) -> bool {
    text::is_time_word(w) || matches!(w, "percent" | "per" | "cent" | "times" | "minutes" | "seconds" | "am" | "pm")
}

/// Numbers of one sentence.
fn amounts_in(ctx: &Ctx, si: usize, timex: &[Span]) -> Vec<Amount> {
    let s = &ctx.sents[si];
    let body = ctx.body(s.doc);
    let ws = &s.words;
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let w = &ws[i];
        if timex.iter().any(|t| t.start <= w.span.start && w.span.end <= t.end) {
            i += 1;
            continue;
        }
        let digits = w.lower.chars().all(|c| c.is_ascii_digit());
        let mut value = if digits { w.lower.parse::<f64>().ok() } else { small_number(&w.lower) };
        let Some(mut v) = value.take() else {
            i += 1;
            continue;
        };
        let start = i;
        let mut end = i;
        // "1.2" and "30,000" are split into words by the tokenizer: join them back.
        while end + 1 < ws.len() {
            let gap = body.get(ws[end].span.end..ws[end + 1].span.start).unwrap_or("");
            let next = &ws[end + 1].lower;
            if next.chars().all(|c| c.is_ascii_digit()) && (gap == "," && next.len() == 3) {
                v = v * 1000.0 + next.parse::<f64>().unwrap_or(0.0);
                end += 1;
            } else if next.chars().all(|c| c.is_ascii_digit()) && gap == "." {
                v += format!("0.{}", next.as_str()).parse::<f64>().unwrap_or(0.0);
                end += 1;
            } else {
                break;
            }
        }
        // "one and a half million", "1.2 million"
        if ws.get(end + 1).is_some_and(|x| x.lower == "and")
            && ws.get(end + 2).is_some_and(|x| x.lower == "a")
            && ws.get(end + 3).is_some_and(|x| x.lower == "half")
        {
            v += 0.5;
            end += 3;
        }
        while let Some(m) = ws.get(end + 1).and_then(|x| multiplier(&x.lower)) {
            v *= m;
            end += 1;
        }
        let prefix = body.get(ws[start].span.start.saturating_sub(1)..ws[start].span.start).unwrap_or("");
        let suffix_char = body.get(ws[end].span.end..).and_then(|r| r.chars().next());
        let hyphenated = suffix_char == Some('-');
        // A year, an adjective ("12-hour") or an ordinal says nothing here.
        let year = digits && end == start && (1800.0..=2100.0).contains(&v) && prefix != "$";
        if year || hyphenated || v < 2.0 {
            i = end + 1;
            continue;
        }
        let mut unit = Unit::Count;
        let mut k = end + 1;
        if matches!(prefix, "$" | "€" | "£") {
            unit = Unit::Money;
        }
        if suffix_char == Some('%') {
            unit = Unit::Percent;
        }
        match ws.get(k).map(|x| x.lower.as_str()) {
            Some("percent") => {
                unit = Unit::Percent;
                k += 1;
            }
            Some("per") if ws.get(k + 1).is_some_and(|x| x.lower == "cent") => {
                unit = Unit::Percent;
                k += 2;
            }
            Some("dollars" | "pounds" | "euros" | "dollar") => {
                unit = Unit::Money;
                k += 1;
            }
            _ => {}
        }
        let mut rate = None;
        if unit == Unit::Money {
            if let (Some(a), Some(p)) = (ws.get(k), ws.get(k + 1)) {
                if matches!(a.lower.as_str(), "a" | "an" | "per" | "each") && text::is_time_word(&p.lower) {
                    rate = Some(p.stem.to_string());
                    k += 2;
                }
            }
        }
        // Head nouns: the next two words, skipping function words ("450 members of").
        let mut heads = Vec::new();
        let mut to = k.saturating_sub(1).max(end);
        if unit == Unit::Count {
            let next = ws.get(k).map(|x| x.lower.as_str()).unwrap_or("");
            if is_unit_word(next) {
                i = end + 1;
                continue;
            }
            for x in ws.iter().skip(k).take(2) {
                if text::is_stop(&x.lower) || x.lower.chars().all(|c| c.is_ascii_digit()) {
                    break;
                }
                heads.push(x.stem.to_string());
                to = to.max(ws.iter().position(|y| y.span == x.span).unwrap_or(to));
            }
        }
        let mut from = start;
        while from > 0 && MODIFIERS.contains(&ws[from - 1].lower.as_str()) {
            from -= 1;
        }
        let context: Vec<String> = content(&ws[start.saturating_sub(6)..start]);
        out.push(Amount { doc: s.doc, sent: si, from, to, value: v, unit, rate, heads, context });
        i = end + 1;
    }
    out
}

fn related_stem(a: &str, b: &str) -> bool {
    a == b || (a.len() >= 4 && b.len() >= 4 && (a.ends_with(b) || b.ends_with(a)))
}

fn same_quantity(a: &Amount, b: &Amount) -> bool {
    if a.unit != b.unit || a.sent == b.sent {
        return false;
    }
    let (lo, hi) = if a.value < b.value { (a.value, b.value) } else { (b.value, a.value) };
    if lo <= 0.0 || hi / lo > 3.0 || hi == lo {
        return false;
    }
    let meets = |xs: &[String], ys: &[String]| xs.iter().any(|x| ys.iter().any(|y| related_stem(x, y)));
    match a.unit {
        Unit::Money if a.rate.is_some() && a.rate == b.rate => true,
        Unit::Count if !a.heads.is_empty() || !b.heads.is_empty() => {
            meets(&a.heads, &b.heads) || meets(&a.context, &b.heads) || meets(&b.context, &a.heads)
        }
        _ => {
            let shared = a.context.iter().filter(|x| b.context.iter().any(|y| related_stem(x, y))).count();
            shared >= 2
        }
    }
}

fn quantities(ctx: &Ctx) -> Vec<Discrepancy> {
    let mut all: Vec<Amount> = Vec::new();
    for si in 0..ctx.sents.len() {
        let doc = ctx.sents[si].doc;
        let timex: Vec<Span> = ctx.view.analyses[doc].times.iter().map(|t| t.span.clone()).collect();
        all.extend(amounts_in(ctx, si, &timex));
    }
    // Connected groups of same-quantity numbers.
    let n = all.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for i in 0..n {
        for j in i + 1..n {
            if same_quantity(&all[i], &all[j]) {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                if a != b {
                    parent[a.max(b)] = a.min(b);
                }
            }
        }
    }
    let mut out = Vec::new();
    for r in 0..n {
        let members: Vec<usize> = (0..n).filter(|&i| root(&mut parent, i) == r).collect();
        if members.len() < 2 {
            continue;
        }
        let mut values: Vec<f64> = members.iter().map(|&i| all[i].value).collect();
        values.sort_by(f64::total_cmp);
        values.dedup();
        if values.len() < 2 {
            continue;
        }
        let sides: Vec<Side> = members
            .iter()
            .map(|&i| {
                let a = &all[i];
                let s = &ctx.sents[a.sent];
                let span = around(ctx, a.doc, &text::cover(&s.words, a.from, a.to), 3, 2);
                ctx.side_with(a.doc, span.clone(), ctx.holder(a.doc, &s.span))
            })
            .collect();
        let head = members.iter().find_map(|&i| all[i].heads.first().cloned()).unwrap_or_default();
        let labels: Vec<String> = members
            .iter()
            .map(|&i| {
                let a = &all[i];
                let s = &ctx.sents[a.sent];
                ctx.body(a.doc)[text::cover(&s.words, a.from, a.to)].to_string()
            })
            .collect();
        let what = match all[members[0]].unit {
            Unit::Money => "Amount".to_string(),
            Unit::Percent => "Share".to_string(),
            Unit::Count if !head.is_empty() => format!("Number ({head})"),
            Unit::Count => "Number".to_string(),
        };
        out.push(Discrepancy { kind: DiscrepancyKind::Numeric, topic: format!("{what}: {}", labels.join(" / ")), sides });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse() {
        assert_eq!(duration_days("P13D"), Some(13));
        assert_eq!(duration_days("P2W"), Some(14));
        assert_eq!(duration_days("P1Y"), None);
        let a = CalendarDate { year: 2024, month: 3, day: 1 };
        let b = CalendarDate { year: 2024, month: 2, day: 28 };
        assert_eq!(day_number(a) - day_number(b), 2);
    }
}
