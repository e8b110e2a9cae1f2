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

use super::model::{ClauseMemo, Ctx, DocText};
use crate::sets::Sets;
use super::text::{self, keys, Word, DIGITS, LONG, NUMBER_WORD, STOP, TIME};
use crate::{Discrepancy, DiscrepancyKind, Side};
use parallax_core::{days_in_month, CalendarDate, DocAnalysis, Document, Span, TimexType};

pub fn find(ctx: &Ctx) -> Vec<Discrepancy> {
    let mut out = durations(ctx);
    out.extend(quantities(ctx));
    out
}

// ---------------------------------------------------------------- durations

/// An elapsed duration of one article with what the detector needs of its clause, worked out
/// once, when the article is read ([`doc_durations`]).
#[derive(Clone, Debug)]
pub struct Elapsed {
    span: Span,
    days: i64,
    /// Day number of the implied start.
    start: i64,
    approx: bool,
    /// It with a few words around it in its clause: the side it is shown as.
    side: Span,
    /// Content stems of a wider stretch of its clause (see [`share_context`]).
    context: Vec<u64>,
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
    let approx = keys![
        "about", "around", "almost", "nearly", "roughly", "some", "approximately", "past", "over", "more", "than",
        "less", "fewer", "under", "least", "closer", "close", "up"
    ];
    words.iter().any(|w| w.is_any(approx))
}

/// The elapsed durations of one article (`text` as read from it), in the order of its time
/// expressions.
pub fn doc_durations(doc: &Document, an: &DocAnalysis, text: &DocText) -> Vec<Elapsed> {
    let Some(pub_date) = doc.published else { return Vec::new() };
    let today = day_number(pub_date);
    let body = doc.body.as_str();
    let mut out = Vec::new();
    let mut memo = ClauseMemo::default();
    for t in &an.times {
        let said = body.get(t.span.clone()).unwrap_or("");
        let ago = said.len() >= 3 && said.as_bytes()[said.len() - 3..].eq_ignore_ascii_case(b"ago");
        let days = match t.kind {
            TimexType::Duration => duration_days(&t.value),
            TimexType::Date if ago => {
                parse_date(&t.value).map(|x| today - day_number(x))
            }
            _ => None,
        };
        let Some(days) = days else { continue };
        // Long enough to be a stretch of a story, short enough to be counted in days.
        if !(3..=120).contains(&days) {
            continue;
        }
        let ws = text.words_in(&t.span);
        // Include the two words before: "almost", "more than", "past".
        let before = preceding_words(body, text.words_before(t.span.start), t.span.start, 2);
        let approx = is_approx(ws) || is_approx(before);
        let side = around_in(text, body, &t.span, 3, 3, &mut memo);
        let context = content(text.words_in(&around_in(text, body, &t.span, 5, 5, &mut memo)));
        out.push(Elapsed { span: t.span.clone(), days, start: today - days, approx, side, context });
    }
    out
}

fn durations(ctx: &Ctx) -> Vec<Discrepancy> {
    // Each article's durations, read with it, with their documents.
    let mut items: Vec<(usize, &Elapsed)> = Vec::new();
    for doc in 0..ctx.view.docs.len() {
        items.extend(ctx.durations(doc).iter().map(|e| (doc, e)));
    }
    items.sort_by_key(|(_, e)| e.start);
    let mut out = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let mut j = i + 1;
        while j < items.len() && items[j].1.start - items[j - 1].1.start <= 2 && items[j].1.start - items[i].1.start <= 4 {
            j += 1;
        }
        let cluster = &items[i..j];
        i = j;
        let mut exact: Vec<i64> = cluster.iter().filter(|(_, e)| !e.approx).map(|(_, e)| e.start).collect();
        exact.sort_unstable();
        exact.dedup();
        let mut values: Vec<i64> = cluster.iter().map(|(_, e)| e.days).collect();
        values.sort_unstable();
        values.dedup();
        // Disagreement: exact values imply different starts; with only two mentions they must
        // also share a context word, as two stray durations can agree by chance.
        if exact.len() < 2 || values.len() < 2 {
            continue;
        }
        if cluster.len() == 2 && !share_context(cluster[0].1, cluster[1].1) {
            continue;
        }
        let sides: Vec<Side> = cluster
            .iter()
            .map(|&(doc, e)| ctx.side_with(doc, e.side.clone(), ctx.holder(doc, &e.side)))
            .collect();
        let labels: Vec<String> = cluster.iter().map(|&(doc, e)| ctx.body(doc).get(e.span.clone()).unwrap_or("").to_string()).collect();
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

/// Whether two durations share a content word around them.
fn share_context(a: &Elapsed, b: &Elapsed) -> bool {
    a.context.iter().any(|x| b.context.contains(x))
}

fn is_content(w: &Word) -> bool {
    w.is(LONG) && !w.is(STOP | TIME | DIGITS)
}

fn content(ws: &[Word]) -> Vec<u64> {
    ws.iter().filter(|w| is_content(w)).map(|w| w.stem).collect()
}

/// The last `n` words before byte `at` (of `ws`, the words ending by it), within about forty
/// characters of it.
fn preceding_words<'w>(body: &str, ws: &'w [Word], at: usize, n: usize) -> &'w [Word] {
    let from = body.get(..at).and_then(|b| b.char_indices().rev().nth(40)).map_or(0, |(i, _)| i);
    let near = ws.len() - ws.iter().rev().take_while(|w| w.span.start >= from).count();
    &ws[near.max(ws.len().saturating_sub(n))..]
}

/// The clause around `span` in one article's text, cut to `before` words before and `after`
/// words after it.
fn around_in(text: &DocText, body: &str, span: &Span, before: usize, after: usize, memo: &mut ClauseMemo) -> Span {
    let Some(si) = text.sentence_of(span) else {
        return span.clone();
    };
    let clause = text.clause_of(body, si, span, memo);
    widen(text.words_in(&clause), span, before, after)
}

/// `span` widened to `before` words before and `after` words after it among the words `ws`
/// of its clause (in order and apart, so found by bisection: a clause can be long).
fn widen(ws: &[Word], span: &Span, before: usize, after: usize) -> Span {
    let first = ws.partition_point(|w| w.span.end <= span.start);
    if first == ws.len() {
        return span.clone();
    }
    let last = ws.partition_point(|w| w.span.start < span.end).checked_sub(1).unwrap_or(first);
    let lo = first.saturating_sub(before);
    let hi = (last + after).min(ws.len() - 1);
    text::cover(ws, lo, hi)
}

// ---------------------------------------------------------------- counts, money, percentages

#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    Count,
    Money,
    Percent,
}

/// A number with its unit and what it counts. Read once per article when it is read
/// ([`doc_amounts`], with `sent` its article's sentence), then placed in the story.
#[derive(Clone, Debug)]
pub struct Amount {
    sent: usize,
    /// The number phrase (modifier to head), and it with a few words around it in its clause:
    /// the side it is shown as.
    phrase: Span,
    side: Span,
    value: f64,
    unit: Unit,
    /// The stem key of "day" in "a day", "year" in "a year" after money.
    rate: Option<u64>,
    heads: Vec<Stem>,
    context: Vec<Stem>,
}

/// A stem kept inline (numbers compare stems by suffix, so the text is needed), without an
/// allocation per word.
#[derive(Clone, Copy, Debug)]
struct Stem {
    bytes: [u8; 30],
    len: u8,
    /// The last four bytes (all of a shorter stem, with its length): stems that are equal or
    /// one a suffix of the other (four bytes or more) have the same tail, so a differing tail
    /// rules a pair out without comparing bytes.
    tail: u64,
}

impl Stem {
    fn of(word: &str, buf: &mut (String, Vec<u8>)) -> Stem {
        text::stem_text(word, &mut buf.0, &mut buf.1);
        let s = &buf.1;
        let cut = s.len().min(30);
        let mut bytes = [0u8; 30];
        bytes[..cut].copy_from_slice(&s[..cut]);
        let t = &bytes[cut.saturating_sub(4)..cut];
        let tail = t.iter().fold((t.len() as u64) << 32, |x, &b| (x & !0xffff_ffff) | ((x << 8) & 0xffff_ffff) | b as u64);
        Stem { bytes, len: cut as u8, tail }
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len as usize]
    }
}

/// Numbers written as words.
pub const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "hundred", "dozen",
];

fn small_number(w: &Word) -> Option<f64> {
    if !w.is(NUMBER_WORD) {
        return None;
    }
    let table = keys![
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
        "twenty", "thirty", "forty", "fifty", "sixty", "hundred", "dozen"
    ];
    const VALUES: [f64; 20] =
        [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 100.0, 12.0];
    table.iter().position(|k| *k == w.key).map(|i| VALUES[i])
}

fn multiplier(w: &Word) -> Option<f64> {
    let table = keys!["thousand", "k", "million", "m", "mn", "billion", "bn", "b", "hundred"];
    const VALUES: [f64; 9] = [1e3, 1e3, 1e6, 1e6, 1e6, 1e9, 1e9, 1e9, 100.0];
    table.iter().position(|k| *k == w.key).map(|i| VALUES[i])
}

fn is_modifier(w: &Word) -> bool {
    w.is_any(keys![
        "about", "around", "almost", "nearly", "roughly", "some", "approximately", "more", "than", "over", "under",
        "less", "fewer", "least", "at", "closer", "close", "to", "up", "just", "only", "estimated"
    ])
}

fn is_unit_word(w: &Word) -> bool {
    w.is(TIME) || w.is_any(keys!["percent", "per", "cent", "times", "minutes", "seconds", "am", "pm"])
}

/// The value of a written number: "30,000" (groups of three after a comma), "1.2". Returns
/// the value and whether the number was written as one plain run of digits.
fn parse_number(text: &str) -> Option<(f64, bool)> {
    let mut parts = text.split_inclusive([',', '.']);
    let first = parts.next()?;
    let (digits, mut sep) = match first.strip_suffix([',', '.']) {
        Some(d) => (d, first.as_bytes().last().copied()),
        None => (first, None),
    };
    let mut v: f64 = digits.parse().ok()?;
    let plain = sep.is_none();
    for p in parts {
        let (d, next_sep) = match p.strip_suffix([',', '.']) {
            Some(d) => (d, p.as_bytes().last().copied()),
            None => (p, None),
        };
        if d.is_empty() || !d.bytes().all(|b| b.is_ascii_digit()) {
            break;
        }
        match sep {
            Some(b',') if d.len() == 3 => v = v * 1000.0 + d.parse::<f64>().unwrap_or(0.0),
            Some(b'.') => v += format!("0.{d}").parse::<f64>().unwrap_or(0.0),
            _ => break,
        }
        sep = next_sep;
    }
    Some((v, plain))
}

/// Numbers of one sentence.
/// The [`Stem`] of each stem number seen so far (words of one stem share it), so each is
/// spelled out once per story.
struct Stems {
    known: Vec<Option<Stem>>,
    buf: (String, Vec<u8>),
}

impl Stems {
    /// The stem of word `w`, whose stem number in its article is `sid` ([`Word::sid`]).
    fn of(&mut self, body: &str, sid: usize, w: &Word) -> Stem {
        let text = body.get(w.span.clone()).unwrap_or("");
        match self.known.get_mut(sid) {
            Some(Some(s)) => *s,
            Some(slot) => *slot.insert(Stem::of(text, &mut self.buf)),
            None => Stem::of(text, &mut self.buf),
        }
    }
}

/// The amounts of one article, sentence by sentence (numbers inside a time expression of
/// `times` are not amounts).
pub fn doc_amounts(body: &str, text: &DocText, times: &[Span]) -> Vec<Amount> {
    let (sentences, stem_count) = text.counts();
    let mut stems = Stems { known: vec![None; stem_count], buf: (String::new(), Vec::new()) };
    let mut out = Vec::new();
    let mut memo = ClauseMemo::default();
    let times = text::Covers::new(times.iter().cloned());
    for si in 0..sentences {
        let ws = text.sentence_words(si);
        // Most sentences hold no number at all.
        if ws.iter().any(|w| w.is(DIGITS) || small_number(w).is_some()) {
            let from = out.len();
            amounts_in(body, ws, si, &times, &mut stems, &mut out);
            for a in &mut out[from..] {
                a.side = around_in(text, body, &a.phrase, 3, 2, &mut memo);
            }
        }
    }
    out
}

fn amounts_in(body: &str, ws: &[Word], si: usize, timex: &text::Covers, stems: &mut Stems, out: &mut Vec<Amount>) {
    let mut i = 0;
    while i < ws.len() {
        let w = &ws[i];
        let parsed = if w.is(DIGITS) {
            body.get(w.span.clone()).and_then(parse_number)
        } else {
            small_number(w).map(|v| (v, false))
        };
        let Some((mut v, plain)) = parsed else {
            i += 1;
            continue;
        };
        if timex.cover(&w.span) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        // "one and a half million", "1.2 million"
        if ws.get(end + 1).is_some_and(|x| x.is_any(keys!["and"]))
            && ws.get(end + 2).is_some_and(|x| x.is_any(keys!["a"]))
            && ws.get(end + 3).is_some_and(|x| x.is_any(keys!["half"]))
        {
            v += 0.5;
            end += 3;
        }
        while let Some(m) = ws.get(end + 1).and_then(multiplier) {
            v *= m;
            end += 1;
        }
        let prefix = body.get(ws[start].span.start.saturating_sub(1)..ws[start].span.start).unwrap_or("");
        let suffix_char = body.get(ws[end].span.end..).and_then(|r| r.chars().next());
        let hyphenated = suffix_char == Some('-');
        // A year, an adjective ("12-hour") or an ordinal says nothing here.
        let year = plain && end == start && (1800.0..=2100.0).contains(&v) && prefix != "$";
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
        match ws.get(k) {
            Some(x) if x.is_any(keys!["percent"]) => {
                unit = Unit::Percent;
                k += 1;
            }
            Some(x) if x.is_any(keys!["per"]) && ws.get(k + 1).is_some_and(|x| x.is_any(keys!["cent"])) => {
                unit = Unit::Percent;
                k += 2;
            }
            Some(x) if x.is_any(keys!["dollars", "pounds", "euros", "dollar"]) => {
                unit = Unit::Money;
                k += 1;
            }
            _ => {}
        }
        let mut rate = None;
        if unit == Unit::Money {
            if let (Some(a), Some(p)) = (ws.get(k), ws.get(k + 1)) {
                if a.is_any(keys!["a", "an", "per", "each"]) && p.is(TIME) {
                    rate = Some(p.stem);
                    k += 2;
                }
            }
        }
        // Head nouns: the next two words, skipping function words ("450 members of").
        let mut heads = Vec::new();
        let mut to = k.saturating_sub(1).max(end);
        if unit == Unit::Count {
            if ws.get(k).is_some_and(is_unit_word) {
                i = end + 1;
                continue;
            }
            for (x_at, x) in ws.iter().enumerate().skip(k).take(2) {
                if x.is(STOP | DIGITS) {
                    break;
                }
                heads.push(stems.of(body, x.sid as usize, x));
                to = to.max(x_at);
            }
        }
        let mut from = start;
        while from > 0 && is_modifier(&ws[from - 1]) {
            from -= 1;
        }
        let context: Vec<Stem> =
            ws[start.saturating_sub(6)..start].iter().filter(|w| is_content(w)).map(|w| stems.of(body, w.sid as usize, w)).collect();
        out.push(Amount { sent: si, phrase: text::cover(ws, from, to), side: 0..0, value: v, unit, rate, heads, context });
        i = end + 1;
    }
}

fn related_stem(a: &Stem, b: &Stem) -> bool {
    if a.tail != b.tail {
        return false;
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a == b || (a.len() >= 4 && b.len() >= 4 && (a.ends_with(b) || b.ends_with(a)))
}

/// Whether two numbers say the same: unit, value, rate, heads and context.
fn same_content(a: &Amount, b: &Amount) -> bool {
    let same_stems = |x: &[Stem], y: &[Stem]| x.len() == y.len() && x.iter().zip(y).all(|(p, q)| p.as_bytes() == q.as_bytes());
    a.unit == b.unit
        && a.value.to_bits() == b.value.to_bits()
        && a.rate == b.rate
        && same_stems(&a.heads, &b.heads)
        && same_stems(&a.context, &b.context)
}

fn content_hash(a: &Amount) -> u64 {
    let mut h = (a.unit as u64) ^ a.value.to_bits().rotate_left(7) ^ a.rate.unwrap_or(0).rotate_left(23);
    for (k, s) in a.heads.iter().chain(&a.context).enumerate() {
        h = (h ^ s.tail ^ (k as u64) << 56 ^ u64::from(s.len) << 48).wrapping_mul(0x0100_0000_01b3);
    }
    h ^ (a.heads.len() as u64) << 40
}

/// Whether two numbers measure one quantity and differ, by what they say (the caller checks
/// that they sit in two sentences).
fn same_quantity_said(a: &Amount, b: &Amount) -> bool {
    if a.unit != b.unit {
        return false;
    }
    let (lo, hi) = if a.value < b.value { (a.value, b.value) } else { (b.value, a.value) };
    if lo <= 0.0 || hi / lo > 3.0 || hi == lo {
        return false;
    }
    let meets = |xs: &[Stem], ys: &[Stem]| xs.iter().any(|x| ys.iter().any(|y| related_stem(x, y)));
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

/// An article's amount placed in the story: its document and the story's sentence.
struct Placed<'c> {
    doc: usize,
    sent: usize,
    a: &'c Amount,
}

fn quantities(ctx: &Ctx) -> Vec<Discrepancy> {
    // Each article's amounts, read with it, placed in the story's documents and sentences.
    let mut all: Vec<Placed> = Vec::new();
    for doc in 0..ctx.view.docs.len() {
        let first = ctx.first_sentence(doc);
        all.extend(ctx.amounts(doc).iter().map(|a| Placed { doc, sent: first + a.sent, a }));
    }
    // Connected groups of same-quantity numbers.
    let n = all.len();
    let mut sets = Sets::new(n);
    // Whether two numbers measure one quantity depends on what they say (unit, value, rate,
    // heads, context) and on their being in two sentences: numbers saying the same (copies of
    // one passage) are one class, classes are compared, and the members of matching classes
    // are joined wherever they sit in two sentences.
    let mut classes: Vec<Vec<usize>> = Vec::new();
    let mut by_content: parallax_core::hash::FastMap<u64, Vec<usize>> = Default::default();
    for i in 0..n {
        let listed = by_content.entry(content_hash(all[i].a)).or_default();
        match listed.iter().find(|&&c| same_content(all[classes[c][0]].a, all[i].a)) {
            Some(&c) => classes[c].push(i),
            None => {
                listed.push(classes.len());
                classes.push(vec![i]);
            }
        }
    }
    let reps: Vec<&Amount> = classes.iter().map(|c| all[c[0]].a).collect();
    let nc = reps.len();
    // Only values within a factor of three can measure the same thing: compare each class
    // with those above it up to three times its value (the groups do not depend on the order
    // pairs are linked in).
    // Only numbers of one unit compare: sorted by unit, then value.
    let unit_rank = |u: Unit| u as u8;
    let mut by_value: Vec<usize> = (0..nc).collect();
    by_value.sort_by(|&a, &b| {
        unit_rank(reps[a].unit).cmp(&unit_rank(reps[b].unit)).then(reps[a].value.total_cmp(&reps[b].value))
    });
    // Pairs that can match share a stem tail (heads or context) unless they share a rate:
    // one bit per tail makes most pairs a single AND. Equal values never differ, so each
    // class is compared from the first larger value on.
    let mask = |a: &Amount| a.heads.iter().chain(&a.context).fold(0u64, |m, s| m | 1u64 << (s.tail.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 58));
    let keys: Vec<(Unit, f64, u64)> = by_value.iter().map(|&c| (reps[c].unit, reps[c].value, mask(reps[c]))).collect();
    let mut above = 0;
    for (k, &c) in by_value.iter().enumerate() {
        let (unit, value, m) = keys[k];
        above = above.max(k + 1);
        while above < nc && keys[above].0 == unit && keys[above].1 == value {
            above += 1;
        }
        let rated = unit == Unit::Money && reps[c].rate.is_some();
        for (&(u2, v2, m2), &d) in keys[above..].iter().zip(&by_value[above..]) {
            if u2 != unit || v2 / value > 3.0 {
                break;
            }
            if m & m2 == 0 && !(rated && reps[d].rate == reps[c].rate) {
                continue;
            }
            if !same_quantity_said(reps[c], reps[d]) {
                continue;
            }
            for &i in &classes[c] {
                for &j in &classes[d] {
                    if all[i].sent != all[j].sent {
                        sets.union(i, j);
                    }
                }
            }
        }
    }
    // Members of each group in order, groups in the order of their first member (their root).
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); n];
    for i in 0..n {
        let r = sets.find(i);
        groups[r].push(i);
    }
    let mut out = Vec::new();
    for members in groups {
        if members.len() < 2 {
            continue;
        }
        let mut values: Vec<f64> = members.iter().map(|&i| all[i].a.value).collect();
        values.sort_by(f64::total_cmp);
        values.dedup();
        if values.len() < 2 {
            continue;
        }
        let sides: Vec<Side> = members
            .iter()
            .map(|&i| {
                let p = &all[i];
                ctx.side_with(p.doc, p.a.side.clone(), ctx.holder(p.doc, &ctx.sents[p.sent].span))
            })
            .collect();
        let head = members
            .iter()
            .find_map(|&i| all[i].a.heads.first().map(|h| String::from_utf8_lossy(h.as_bytes()).into_owned()))
            .unwrap_or_default();
        let labels: Vec<String> = members
            .iter()
            .map(|&i| ctx.body(all[i].doc)[all[i].a.phrase.clone()].to_string())
            .collect();
        let what = match all[members[0]].a.unit {
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
