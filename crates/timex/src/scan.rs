//! The grammar: at each token that can start a time expression, every rule
//! proposes a span (in tokens) with a type and value; the longest wins and
//! scanning resumes after it. Rules are plain functions over the token list,
//! so adding a pattern is adding a function, and a miss costs a few enum
//! comparisons.
//!
//! Span conventions follow the TimeML/TempEval-3 guidelines: the TIMEX covers
//! modifiers that change the value or granularity ("last week", "the past two
//! months", "nearly two years", "early next year") but not the introducing
//! preposition ("on Tuesday" -> "Tuesday").

use crate::calendar::{days_from_civil, easter, iso_week, nth_weekday, valid, weekday};
use crate::lexicon::{date_preposition, opens_bare_duration, Holiday, Lex, Pod, Unit};
use crate::normalize::{day_str, duration, shift, unknown, year_str, ymd, Anchor, Point, Qty};
use crate::token::{Kind, Tok};
use crate::TimexType;

/// A proposed match: token range `s..e`.
#[derive(Debug, Clone)]
pub struct Cand {
    pub s: usize,
    pub e: usize,
    pub kind: TimexType,
    pub value: String,
    /// A fiscal quarter this expression names; later "a year earlier" or
    /// "the quarter" refer to it.
    pub focus: Option<(i32, u8)>,
}

fn cand(s: usize, e: usize, kind: TimexType, value: String) -> Option<Cand> {
    Some(Cand { s, e, kind, value, focus: None })
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Tense {
    Past,
    Future,
    Unknown,
}

/// How to pick a weekday relative to the anchor.
#[derive(Clone, Copy, PartialEq, Eq)]
enum WdMode {
    /// Latest such day on or before the anchor (news reports the past).
    Default,
    /// Earliest on or after the anchor (a future cue was seen).
    Future,
    StrictPast,
    StrictFuture,
    ThisWeek,
}

pub struct Scanner<'a> {
    pub text: &'a str,
    pub t: &'a [Tok],
    pub a: Option<Anchor>,
    pub focus: Option<(i32, u8)>,
}

use TimexType::{Date, Duration, Set, Time};

impl<'a> Scanner<'a> {
    // ------------------------------------------------------------ token helpers
    fn lx(&self, i: usize) -> Lex {
        self.t.get(i).map_or(Lex::Other, |t| t.lex)
    }
    fn num(&self, i: usize) -> Option<&Tok> {
        self.t.get(i).filter(|t| t.kind == Kind::Num)
    }
    fn p(&self, i: usize, c: char) -> bool {
        self.t.get(i).is_some_and(|t| t.is_punct(c))
    }
    /// Punctuation `c` written directly after the previous token.
    fn gp(&self, i: usize, c: char) -> bool {
        self.t.get(i).is_some_and(|t| t.glued && t.is_punct(c))
    }
    fn glued(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.glued)
    }
    fn cap(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.cap)
    }
    fn word_is(&self, i: usize, w: &str) -> bool {
        self.t.get(i).is_some_and(|t| t.kind == Kind::Word && self.text[t.s..t.e].eq_ignore_ascii_case(w))
    }
    fn prev(&self, i: usize) -> Lex {
        if i == 0 {
            Lex::Other
        } else {
            self.lx(i - 1)
        }
    }
    /// "'s" at `i` (possessive), returning the index after it.
    fn possessive(&self, i: usize) -> Option<usize> {
        (self.gp(i, '\'') && self.word_is(i + 1, "s") && self.glued(i + 1)).then_some(i + 2)
    }

    /// A future cue ("will", "scheduled", "plans", modal verbs) earlier in the same clause.
    fn future_cue(&self, i: usize) -> bool {
        let mut k = i;
        for _ in 0..8 {
            if k == 0 {
                return false;
            }
            k -= 1;
            let t = &self.t[k];
            if t.kind == Kind::Punct && matches!(t.ch, '.' | '!' | '?' | ';' | ':') {
                return false;
            }
            match t.lex {
                Lex::FutureCue | Lex::Modal | Lex::Until | Lex::Next | Lex::Tomorrow => return true,
                Lex::Month(5, _) if !t.cap => return true, // modal "may"
                _ => {}
            }
        }
        false
    }

    /// Tense of the clause around tokens `i..e`: the nearest future cue
    /// ("will", "scheduled", modal) or past marker ("was", "said", "-ed" verbs)
    /// within the sentence decides which occurrence of "March 31" is meant.
    /// Modal verbs ("would", "could") count as future only when `modal` is set:
    /// for weekdays they mostly report past events ("could not be reached Tuesday").
    fn tense_with(&self, i: usize, e: usize, modal: bool) -> Tense {
        let boundary = |t: &Tok| t.kind == Kind::Punct && matches!(t.ch, '.' | '!' | '?' | ';');
        let classify = |k: usize| -> Tense {
            let t = &self.t[k];
            match t.lex {
                Lex::FutureCue | Lex::Next | Lex::Tomorrow | Lex::Upcoming | Lex::Coming => return Tense::Future,
                Lex::Modal if modal => return Tense::Future,
                Lex::Month(5, _) if !t.cap => return Tense::Future,
                Lex::PastCue | Lex::Ago | Lex::Last | Lex::Yesterday | Lex::Since => return Tense::Past,
                Lex::Other if t.kind == Kind::Word && !t.cap => {
                    let w = &self.text[t.s..t.e];
                    // "-ed" verbs, except passives after "be"/"is" ("would be reviewed").
                    let aux = k > 0 && matches!(&self.text[self.t[k - 1].s..self.t[k - 1].e], "be" | "been" | "being" | "is" | "are");
                    if w.len() >= 5 && w.ends_with("ed") && !aux {
                        return Tense::Past;
                    }
                    if w == "set" && self.lx(k + 1) == Lex::To {
                        return Tense::Future;
                    }
                }
                _ => {}
            }
            Tense::Unknown
        };
        if matches!(self.prev(i), Lex::By | Lex::Until) {
            return Tense::Future;
        }
        let (mut back, mut fwd) = (i, e);
        let (mut back_open, mut fwd_open) = (true, true);
        for _ in 0..8 {
            if back_open {
                if back == 0 || boundary(&self.t[back - 1]) {
                    back_open = false;
                } else {
                    back -= 1;
                    let t = classify(back);
                    if t != Tense::Unknown {
                        return t;
                    }
                }
            }
            if fwd_open {
                if fwd >= self.t.len() || boundary(&self.t[fwd]) {
                    fwd_open = false;
                } else {
                    let t = classify(fwd);
                    fwd += 1;
                    if t != Tense::Unknown {
                        return t;
                    }
                }
            }
        }
        Tense::Unknown
    }

    fn tense(&self, i: usize, e: usize) -> Tense {
        self.tense_with(i, e, true)
    }

    // ------------------------------------------------------------ anchored values
    fn day(&self, off: i64) -> String {
        match self.a {
            Some(a) => day_str(a.days + off),
            None => "XXXX-XX-XX".into(),
        }
    }
    fn point(&self, unit: Unit, f: impl FnOnce(&Anchor) -> Option<Point>) -> String {
        match self.a.as_ref().and_then(f) {
            Some(p) => p.value(),
            None => unknown(unit).into(),
        }
    }

    fn weekday_value(&self, wd: u8, mode: WdMode) -> String {
        let Some(a) = self.a else {
            return format!("XXXX-WXX-{wd}");
        };
        let awd = weekday(a.days) as i64;
        let wd = wd as i64;
        let off = match mode {
            WdMode::Default => -(awd - wd).rem_euclid(7),
            WdMode::Future => (wd - awd).rem_euclid(7),
            WdMode::StrictPast => -((awd - wd - 1).rem_euclid(7) + 1),
            WdMode::StrictFuture => (wd - awd - 1).rem_euclid(7) + 1,
            WdMode::ThisWeek => wd - awd,
        };
        day_str(a.days + off)
    }

    /// Month and day without a year: the occurrence nearest the anchor
    /// (or the next one when the clause speaks of the future).
    fn month_day_value(&self, m: u8, d: u8, tense: Tense) -> Option<String> {
        let Some(a) = self.a else {
            return valid(2000, m, d).then(|| format!("XXXX-{m:02}-{d:02}"));
        };
        let mut best: Option<(i64, i32)> = None;
        for y in [a.y - 1, a.y, a.y + 1] {
            if !valid(y, m, d) {
                continue;
            }
            let diff = days_from_civil(y, m, d) - a.days;
            // News mostly looks back: a later date must be much closer to win.
            let score = match tense {
                Tense::Future if diff < 0 => diff.abs() + 100_000,
                Tense::Past if diff > 0 => diff + 100_000,
                Tense::Unknown if diff > 0 => diff * 5 / 2,
                _ => diff.abs(),
            };
            if best.is_none_or(|(s, _)| score < s) {
                best = Some((score, y));
            }
        }
        best.map(|(_, y)| ymd(y, m, d))
    }

    fn month_value(&self, m: u8, tense: Tense) -> String {
        let Some(a) = self.a else {
            return format!("XXXX-{m:02}");
        };
        let diff = m as i64 - a.m as i64; // -11..=11
        let y = match tense {
            Tense::Future => if diff >= 0 { a.y } else { a.y + 1 },
            Tense::Past => if diff <= 0 { a.y } else { a.y - 1 },
            Tense::Unknown => {
                // nearest, with a later month counted double
                let past = if diff <= 0 { -diff } else { 12 - diff };
                let fut = if diff > 0 { diff } else { 12 + diff };
                if fut * 2 < past { if diff > 0 { a.y } else { a.y + 1 } } else if diff <= 0 { a.y } else { a.y - 1 }
            }
        };
        Point::Month(y, m).value()
    }

    /// Year of a quarter named without one: this year, unless the quarter is
    /// still well ahead (then results being reported are last year's).
    fn quarter_year(&self, q: u8) -> Option<i32> {
        let a = self.a?;
        let aq = a.quarter();
        Some(if q > aq && q - aq >= 2 { a.y - 1 } else { a.y })
    }

    // ------------------------------------------------------------ small parsers
    /// A cardinal quantity at `i`: digits, number words, "a"/"an", "several".
    /// Returns (qty, next index, was a bare article).
    fn card(&self, i: usize) -> Option<(Qty, usize, bool)> {
        let t = self.t.get(i)?;
        if t.kind == Kind::Num {
            if t.ndig > 7 {
                return None;
            }
            let mut v = t.num as f64;
            let mut j = i + 1;
            if let (Some(n1), Some(n2)) = (self.num(j), self.num(j + 2)) {
                if !n1.glued && n1.num == 1 && self.gp(j + 1, '/') && n2.glued && n2.num == 2 {
                    v += 0.5;
                    j += 3;
                }
            }
            if self.gp(j, '.') {
                if let Some(f) = self.num(j + 1).filter(|f| f.glued && f.ndig <= 3) {
                    v += f.num as f64 / 10f64.powi(f.ndig as i32);
                    j += 2;
                }
            }
            return Some((self.range(j).map_or(Qty::N(v), |_| Qty::X), self.range(j).unwrap_or(j), false));
        }
        match t.lex {
            Lex::NumWord(_) => {
                let (v, j) = self.num_words(i)?;
                Some((self.range(j).map_or(Qty::N(v as f64), |_| Qty::X), self.range(j).unwrap_or(j), false))
            }
            Lex::A | Lex::An => match self.lx(i + 1) {
                Lex::Few => Some((Qty::X, i + 2, false)),
                Lex::Couple if self.lx(i + 2) == Lex::Of => Some((Qty::N(2.0), i + 3, false)),
                Lex::Couple => Some((Qty::N(2.0), i + 2, false)),
                Lex::Dozen => Some((Qty::N(12.0), i + 2, false)),
                Lex::NumWord(100) | Lex::NumWord(1000) => {
                    let (v, j) = self.num_words(i + 1)?;
                    Some((Qty::N(v as f64), j, false))
                }
                _ => Some((Qty::N(1.0), i + 1, true)),
            },
            Lex::Several | Lex::Few | Lex::Many => Some((Qty::X, i + 1, false)),
            Lex::Some => Some((Qty::X, i + 1, true)),
            Lex::Couple if self.lx(i + 1) == Lex::Of => Some((Qty::N(2.0), i + 2, false)),
            Lex::Dozens if self.lx(i + 1) == Lex::Of => Some((Qty::X, i + 2, false)),
            _ => None,
        }
    }

    /// "12 to 18", "two or three", "10-15": a range makes the quantity unspecified.
    fn range(&self, j: usize) -> Option<usize> {
        if matches!(self.lx(j), Lex::To | Lex::Or) || self.gp(j, '-') {
            if let Some(n) = self.num(j + 1) {
                if n.ndig <= 4 {
                    return Some(j + 2);
                }
            }
            if let Lex::NumWord(_) = self.lx(j + 1) {
                if !self.gp(j, '-') {
                    return self.num_words(j + 1).map(|(_, k)| k);
                }
            }
        }
        None
    }

    /// Number words: "twenty-four", "one hundred and eighty", "two thousand".
    fn num_words(&self, i: usize) -> Option<(u64, usize)> {
        let mut total = 0u64;
        let mut cur = 0u64;
        let mut j = i;
        let mut any = false;
        loop {
            match self.lx(j) {
                Lex::NumWord(v) if v < 100 => {
                    let v = v as u64;
                    let last = cur % 100;
                    if !any || last == 0 || (last >= 20 && last % 10 == 0 && v < 10) {
                        cur = cur.saturating_add(v);
                    } else {
                        break;
                    }
                    any = true;
                    j += 1;
                    if self.gp(j, '-') && matches!(self.lx(j + 1), Lex::NumWord(u) if u < 10) && cur % 10 == 0 && cur % 100 >= 20 {
                        j += 1;
                    }
                }
                Lex::NumWord(100) => {
                    cur = cur.max(1).saturating_mul(100);
                    any = true;
                    j += 1;
                    if self.lx(j) == Lex::And && matches!(self.lx(j + 1), Lex::NumWord(u) if u < 100) {
                        j += 1;
                    }
                }
                Lex::NumWord(1000) => {
                    total = total.saturating_add(cur.max(1).saturating_mul(1000));
                    cur = 0;
                    any = true;
                    j += 1;
                }
                _ => break,
            }
        }
        any.then_some((total.saturating_add(cur), j))
    }

    /// Ordinal at `i`: "third", "3rd", "twenty-first", "second".
    fn ordinal(&self, i: usize) -> Option<(u8, usize)> {
        match self.lx(i) {
            Lex::Ordinal(n) => return Some((n, i + 1)),
            Lex::Unit(Unit::Second, false) => return Some((2, i + 1)),
            Lex::NumWord(v @ (20 | 30)) => {
                let j = if self.gp(i + 1, '-') { i + 2 } else { i + 1 };
                if let Lex::Ordinal(n) = self.lx(j) {
                    if n < 10 {
                        return Some((v as u8 + n, j + 1));
                    }
                }
                return None;
            }
            _ => {}
        }
        let t = self.num(i)?;
        if t.ndig > 3 || t.comma {
            return None;
        }
        let j = i + 1;
        if self.glued(j) && ["st", "nd", "rd", "th", "d"].iter().any(|s| self.word_is(j, s)) {
            return Some((t.num.min(255) as u8, j + 1));
        }
        None
    }

    /// Day of month at `i`: "11", "11th", "eighth".
    fn day_num(&self, i: usize) -> Option<(u8, usize)> {
        if let Some(t) = self.num(i) {
            if t.ndig > 2 || t.num == 0 || t.num > 31 {
                return None;
            }
            // "Aug 11:30" or "May 5.5%" are not dates.
            if (self.gp(i + 1, ':') && self.num(i + 2).is_some_and(|n| n.glued)) || self.gp(i + 1, '%') || (self.gp(i + 1, '.') && self.num(i + 2).is_some_and(|n| n.glued)) {
                return None;
            }
            if let Some((n, j)) = self.ordinal(i) {
                return Some((n, j));
            }
            return Some((t.num as u8, i + 1));
        }
        let (n, j) = self.ordinal(i)?;
        (1..=31).contains(&n).then_some((n, j))
    }

    /// Four-digit year at `i`.
    fn year_num(&self, i: usize) -> Option<i32> {
        let t = self.num(i)?;
        (t.ndig == 4 && !t.comma && (1000..=2999).contains(&t.num) && !self.gp(i + 1, '%')).then_some(t.num as i32)
    }

    /// A year in words: "nineteen ninety-six", "nineteen eighty".
    fn year_words(&self, i: usize) -> Option<(i32, usize)> {
        let Lex::NumWord(c @ 18..=20) = self.lx(i) else { return None };
        let Lex::NumWord(t) = self.lx(i + 1) else { return None };
        if !(10..100).contains(&t) {
            return None;
        }
        let mut y = c as i32 * 100 + t as i32;
        let mut j = i + 2;
        if t >= 20 && t % 10 == 0 {
            let k = if self.gp(j, '-') { j + 1 } else { j };
            if let Lex::NumWord(u) = self.lx(k) {
                if u < 10 {
                    y += u as i32;
                    j = k + 1;
                }
            }
        }
        Some((y, j))
    }

    /// "a.m." / "pm" / "AM" at `j`: Some((is_pm, next)).
    fn ampm(&self, j: usize) -> Option<(bool, usize)> {
        match self.lx(j) {
            Lex::Am => return Some((false, j + 1)),
            Lex::Pm => return Some((true, j + 1)),
            _ => {}
        }
        let pm = if self.word_is(j, "a") {
            false
        } else if self.word_is(j, "p") {
            true
        } else {
            return None;
        };
        if self.gp(j + 1, '.') && self.word_is(j + 2, "m") && self.glued(j + 2) {
            let k = if self.gp(j + 3, '.') { j + 4 } else { j + 3 };
            return Some((pm, k));
        }
        None
    }

    /// Modifiers that may open a quantity: "about", "more than", "at least", "up to".
    fn qmod(&self, i: usize) -> usize {
        let mut j = i;
        for _ in 0..2 {
            match self.lx(j) {
                Lex::Approx => j += 1,
                Lex::More | Lex::Less if self.lx(j + 1) == Lex::Than => j += 2,
                Lex::At if matches!(self.lx(j + 1), Lex::Least | Lex::Most) => j += 2,
                Lex::Up if self.lx(j + 1) == Lex::To => j += 2,
                Lex::No if matches!(self.lx(j + 1), Lex::More | Lex::Less) && self.lx(j + 2) == Lex::Than => j += 3,
                Lex::Over if self.card(j + 1).is_some_and(|c| !c.2) => j += 1,
                Lex::Some if self.num(j + 1).is_some() || matches!(self.lx(j + 1), Lex::NumWord(_)) => j += 1,
                _ => break,
            }
        }
        j
    }

    // ------------------------------------------------------------ rules
    /// Durations and distances from the anchor: "13 days", "the past two months",
    /// "nearly two years", "12 days ago", "a year earlier", "two-year".
    fn quantity(&self, i: usize) -> Option<Cand> {
        let j = self.qmod(i);
        let modded = j > i;
        let mut k = j;
        let the = self.lx(k) == Lex::The;
        if the {
            k += 1;
        }
        let mut frame = false;
        if matches!(self.lx(k), Lex::Past | Lex::Last | Lex::Next | Lex::Previous | Lex::Coming | Lex::Following | Lex::Latest | Lex::Ordinal(1))
            || (self.lx(k) == Lex::Comparable)
        {
            k += 1;
            frame = true;
        }
        if !(the || frame) && k != j {
            return None;
        }
        let (q, mut k, article) = match self.card(k) {
            Some(c) => c,
            None => {
                // "decades-long", "day-long"
                if let Lex::Unit(u, pl) = self.lx(k) {
                    if k == i && self.gp(k + 1, '-') && self.lx(k + 2) == Lex::Long {
                        return cand(i, k + 3, Duration, duration(if pl { Qty::X } else { Qty::N(1.0) }, u));
                    }
                }
                // "past years": a vague past
                if k == i && self.lx(i) == Lex::Past {
                    if let Lex::Unit(_, true) = self.lx(i + 1) {
                        return cand(i, i + 2, Date, "PAST_REF".into());
                    }
                }
                // "over the years", "in the years that followed"
                if the && !frame && !modded && self.lx(k) == Lex::Unit(Unit::Year, true) && matches!(self.prev(i), Lex::Over | Lex::In | Lex::Through | Lex::During) {
                    return cand(i, k + 1, Duration, "PXY".into());
                }
                // Bare plural: "for years", "over the past few weeks".
                let Lex::Unit(u, true) = self.lx(k) else { return None };
                if modded || the || frame || !opens_bare_duration(self.prev(i)) || self.gp(k + 1, '-') || self.possessive(k + 1).is_some() {
                    return None;
                }
                if matches!(u, Unit::Quarter | Unit::Second) {
                    return None;
                }
                return cand(i, k + 1, Duration, duration(Qty::X, u));
            }
        };
        if self.lx(k) == Lex::More {
            k += 1;
        }
        let hyph = self.gp(k, '-');
        if hyph {
            k += 1;
        }
        let Lex::Unit(unit, plural) = self.lx(k) else { return None };
        k += 1;
        if article && (plural || matches!(unit, Unit::Second | Unit::Quarter)) {
            return None;
        }
        if let Some(t) = self.num(j.max(if the { j + 1 } else { j })) {
            // "1990 years" is not a thing; "the 1988 period" is handled elsewhere.
            if t.ndig == 4 && !plural {
                return None;
            }
        }
        if unit == Unit::Quarter && self.lx(k) == Lex::Of && q != Qty::X {
            return None;
        }
        // Ages ("a 44-year-old", "52 years old") are not annotated as durations.
        if self.lx(k) == Lex::Old || (self.gp(k, '-') && self.lx(k + 1) == Lex::Old) {
            return None;
        }
        // "two-year-long"; other hyphenated continuations ("a year-earlier loss") belong to other rules.
        if self.gp(k, '-') {
            if self.lx(k + 1) == Lex::Long {
                k += 2;
            } else if self.t.get(k + 1).is_some_and(|t| t.kind == Kind::Word && t.glued) {
                return None;
            }
        }
        let mut q = q;
        if self.lx(k) == Lex::And && matches!(self.lx(k + 1), Lex::A | Lex::An) && self.lx(k + 2) == Lex::Half {
            if let Qty::N(v) = q {
                q = Qty::N(v + 0.5);
            }
            k += 3;
        }
        let or_so = self.lx(k) == Lex::Or && self.lx(k + 1) == Lex::So;
        let kk = if or_so { k + 2 } else { k };
        let back = match self.lx(kk) {
            Lex::Ago => Some(-1),
            Lex::Earlier if !the && !frame => Some(-1),
            Lex::Hence => Some(1),
            Lex::From if self.lx(kk + 1) == Lex::Now => Some(1),
            _ => None,
        };
        if let Some(dir) = back {
            let end = if self.lx(kk) == Lex::From { kk + 2 } else { kk + 1 };
            let value = match q {
                Qty::X => if dir < 0 { "PAST_REF".into() } else { "FUTURE_REF".into() },
                Qty::N(v) => {
                    let n = v.round() as i64 * dir;
                    if unit == Unit::Year && n == -1 && self.focus.is_some() {
                        let (fy, fq) = self.focus.unwrap_or((0, 1));
                        Point::Quarter(fy - 1, fq).value()
                    } else if matches!(unit, Unit::Hour | Unit::Minute | Unit::Second) {
                        self.day(0)
                    } else {
                        self.point(unit, |a| shift(a, unit, n))
                    }
                }
            };
            return cand(i, end, Date, value);
        }
        // A rate: "$5 a year", "twice a week".
        if article && !modded && !the && !frame && i > 0 {
            let p = &self.t[i - 1];
            if p.kind == Kind::Num || matches!(p.lex, Lex::Amount | Lex::Times | Lex::Once | Lex::Twice) || p.is_punct('%') {
                return cand(i, k, Set, duration(Qty::N(1.0), unit));
            }
        }
        if hyph && !plural && article {
            return None;
        }
        cand(i, k, Duration, duration(q, unit))
    }

    /// Clock times: "10 a.m.", "7:15 p.m. EST Tuesday", "noon Thursday", "4 in the morning".
    fn clock(&self, i: usize) -> Option<Cand> {
        let mut j = self.qmod(i);
        if self.lx(j) == Lex::At && self.lx(j + 1) == Lex::Approx {
            return None;
        }
        let (mut h, mut m);
        match self.lx(j) {
            Lex::Noon => {
                h = 12;
                m = 0;
                j += 1;
            }
            Lex::Midnight => {
                h = 24;
                m = 0;
                j += 1;
            }
            _ => {
                let t = self.num(j)?;
                if t.ndig > 2 || t.num > 24 || t.comma {
                    return None;
                }
                h = t.num as u32;
                m = 0;
                j += 1;
                let mut colon = false;
                if self.gp(j, ':') {
                    let mm = self.num(j + 1).filter(|x| x.glued && x.ndig == 2 && x.num < 60)?;
                    m = mm.num as u32;
                    j += 2;
                    colon = true;
                }
                if let Some((pm, k)) = self.ampm(j) {
                    if h == 0 || h > 12 {
                        return None;
                    }
                    if pm && h < 12 {
                        h += 12;
                    } else if !pm && h == 12 {
                        h = 0;
                    }
                    j = k;
                } else if self.word_is(j, "o") && self.gp(j + 1, '\'') && self.lx(j + 2) == Lex::Clock {
                    j += 3;
                } else if self.lx(j) == Lex::In && self.lx(j + 1) == Lex::The && matches!(self.lx(j + 2), Lex::Pod(_, false)) {
                    if let Lex::Pod(p, _) = self.lx(j + 2) {
                        if p != Pod::Morning && h < 12 {
                            h += 12;
                        }
                    }
                    j += 3;
                } else if colon && (self.lx(j) == Lex::Tz || matches!(self.prev(i), Lex::At | Lex::By | Lex::Until | Lex::Before | Lex::After | Lex::From | Lex::Approx)) {
                } else {
                    return None;
                }
            }
        }
        if self.lx(j) == Lex::Tz {
            j += 1;
        }
        let k = if self.p(j, ',') { j + 1 } else { j };
        let bare_noon = matches!(self.lx(i), Lex::Noon | Lex::Midnight);
        if bare_noon
            && self.day_ref(k, i).is_none()
            && !matches!(self.prev(i), Lex::At | Lex::By | Lex::Until | Lex::Before | Lex::After | Lex::From | Lex::Since | Lex::Approx | Lex::Past)
        {
            return None;
        }
        let (day, j) = match self.day_ref(k, i) {
            Some((v, e)) => (v, e),
            None => (self.day(0), j),
        };
        cand(i, j, Time, format!("{day}T{h:02}:{m:02}"))
    }

    /// A named day after a clock time: weekday, today/yesterday/tomorrow, "Nov. 9".
    fn day_ref(&self, k: usize, cue_from: usize) -> Option<(String, usize)> {
        match self.lx(k) {
            Lex::Weekday(d, false) => {
                let mode = if self.future_cue(cue_from) { WdMode::Future } else { WdMode::Default };
                Some((self.weekday_value(d, mode), k + 1))
            }
            Lex::Today | Lex::Tonight => Some((self.day(0), k + 1)),
            Lex::Yesterday => Some((self.day(-1), k + 1)),
            Lex::Tomorrow => Some((self.day(1), k + 1)),
            Lex::Month(..) => {
                let c = self.month(k)?;
                (c.value.len() == 10).then_some((c.value, c.e))
            }
            _ => None,
        }
    }

    /// Month-led dates: "Aug. 11", "August 11, 2022", "July 1997", "June this year", "December".
    fn month(&self, i: usize) -> Option<Cand> {
        let Lex::Month(m, abbr) = self.lx(i) else { return None };
        if !self.cap(i) {
            return None;
        }
        let mut j = i + 1;
        let dotted = self.gp(j, '.') && (abbr || self.day_num(j + 1).is_some());
        if dotted {
            j += 1;
        }
        if let Some((d, k)) = self.day_num(j) {
            let k0 = if self.p(k, ',') { k + 1 } else { k };
            if let Some(y) = self.year_num(k0) {
                if valid(y, m, d) {
                    return cand(i, k0 + 1, Date, ymd(y, m, d));
                }
            }
            if let Some(v) = self.month_day_value(m, d, self.tense(i, k)) {
                return cand(i, k, Date, v);
            }
        }
        if abbr && !dotted {
            return None;
        }
        let k0 = if self.p(j, ',') || self.lx(j) == Lex::Of { j + 1 } else { j };
        if let Some(y) = self.year_num(k0) {
            return cand(i, k0 + 1, Date, Point::Month(y, m).value());
        }
        if let Some((y, k)) = self.year_words(j) {
            return cand(i, k, Date, Point::Month(y, m).value());
        }
        if matches!(self.lx(j), Lex::This | Lex::Last | Lex::Next) && self.lx(j + 1) == Lex::Unit(Unit::Year, false) {
            let dy = match self.lx(j) {
                Lex::Last => -1,
                Lex::Next => 1,
                _ => 0,
            };
            let v = match self.a {
                Some(a) => Point::Month(a.y + dy, m).value(),
                None => format!("XXXX-{m:02}"),
            };
            return cand(i, j + 2, Date, v);
        }
        // A bare month name: guard against "May" the verb and names like "April Smith".
        let prep = date_preposition(self.prev(i));
        if (m == 5 || m == 3) && !prep {
            return None;
        }
        if !prep && self.t.get(j).is_some_and(|t| t.kind == Kind::Word && t.cap && t.lex == Lex::Other) {
            return None;
        }
        cand(i, j, Date, self.month_value(m, self.tense(i, j)))
    }

    /// Day-led dates: "11 August 2022", "the 4th of July".
    fn day_month(&self, i: usize) -> Option<Cand> {
        let (d, mut j) = self.day_num(i)?;
        if self.lx(j) == Lex::Of {
            j += 1;
        }
        let Lex::Month(m, abbr) = self.lx(j) else { return None };
        if !self.cap(j) {
            return None;
        }
        j += 1;
        if abbr && self.gp(j, '.') {
            j += 1;
        }
        let k0 = if self.p(j, ',') { j + 1 } else { j };
        if let Some(y) = self.year_num(k0) {
            if valid(y, m, d) {
                return cand(i, k0 + 1, Date, ymd(y, m, d));
            }
        }
        let v = self.month_day_value(m, d, self.tense(i, j))?;
        cand(i, j, Date, v)
    }

    /// "Tuesday", "Tuesday night", "Monday, Oct. 26", "Mondays".
    fn weekday(&self, i: usize) -> Option<Cand> {
        let Lex::Weekday(d, plural) = self.lx(i) else { return None };
        if plural {
            if let Lex::Pod(p, _) = self.lx(i + 1) {
                return cand(i, i + 2, Set, format!("XXXX-WXX-{d}{}", p.code()));
            }
            return cand(i, i + 1, Set, format!("XXXX-WXX-{d}"));
        }
        let k = if self.p(i + 1, ',') { i + 2 } else { i + 1 };
        if let Some(c) = self.month(k) {
            if c.value.len() == 10 {
                // "Monday, Oct. 26": the weekday tells which year is meant.
                if let (Some(a), Lex::Month(m, _), Some((dd, _))) = (self.a, self.lx(k), self.day_num(if self.gp(k + 1, '.') { k + 2 } else { k + 1 })) {
                    if !c.value.starts_with(|ch: char| ch.is_ascii_digit()) || self.year_num(c.e - 1).is_none() {
                        let mut best: Option<(i64, i32)> = None;
                        for y in [a.y - 1, a.y, a.y + 1] {
                            if valid(y, m, dd) && weekday(days_from_civil(y, m, dd)) == d {
                                let diff = (days_from_civil(y, m, dd) - a.days).abs();
                                if best.is_none_or(|(b, _)| diff < b) {
                                    best = Some((diff, y));
                                }
                            }
                        }
                        if let Some((_, y)) = best {
                            return cand(i, c.e, Date, ymd(y, m, dd));
                        }
                    }
                }
                return cand(i, c.e, Date, c.value);
            }
        }
        let possessive = self.possessive(i + 1).is_some();
        let mode = if !possessive && self.tense_with(i, i + 1, false) == Tense::Future { WdMode::Future } else { WdMode::Default };
        let v = self.weekday_value(d, mode);
        if let Lex::Pod(p, plural) = self.lx(i + 1) {
            if plural {
                return cand(i, i + 2, Set, format!("XXXX-WXX-{d}{}", p.code()));
            }
            return cand(i, i + 2, Date, format!("{v}{}", p.code()));
        }
        cand(i, i + 1, Date, v)
    }

    /// Years, decades and centuries: "1998", "the 1990s", "the '80s", "the 20th century",
    /// "nineteen ninety-six", "the year 2000".
    fn year(&self, i: usize) -> Option<Cand> {
        let the = self.lx(i) == Lex::The;
        let j = if the { i + 1 } else { i };
        // the year 2000 / the year two thousand
        if the && self.lx(j) == Lex::Unit(Unit::Year, false) {
            if let Some(y) = self.year_num(j + 1) {
                return cand(i, j + 2, Date, year_str(y));
            }
            if let Some((y, k)) = self.num_words(j + 1) {
                if (1000..3000).contains(&y) {
                    return cand(i, k, Date, year_str(y as i32));
                }
            }
            if let Some((y, k)) = self.year_words(j + 1) {
                return cand(i, k, Date, year_str(y));
            }
            return None;
        }
        // '90s
        if self.p(j, '\'') {
            let t = self.num(j + 1).filter(|t| t.glued && t.ndig == 2 && t.num % 10 == 0)?;
            if !(self.word_is(j + 2, "s") && self.glued(j + 2)) {
                return None;
            }
            let c = self.a.map_or(19, |a| {
                let c = a.y.div_euclid(100);
                if c * 100 + t.num as i32 <= a.y { c } else { c - 1 }
            });
            return cand(i, j + 3, Date, Point::Decade(c * 100 + t.num as i32).value());
        }
        // "the nineties"
        if let Lex::DecadeWord(tens) = self.lx(j) {
            if !(the || matches!(self.prev(j), Lex::The | Lex::Early | Lex::Late | Lex::Mid)) {
                return None;
            }
            let c = self.a.map_or(19, |a| {
                let c = a.y.div_euclid(100);
                if c * 100 + tens as i32 <= a.y { c } else { c - 1 }
            });
            return cand(i, j + 1, Date, Point::Decade(c * 100 + tens as i32).value());
        }
        // ordinal century
        if let Some((n, k)) = self.ordinal(j) {
            if self.lx(k) == Lex::Unit(Unit::Century, false) && n >= 1 {
                return cand(i, k + 1, Date, Point::Century(n as i32 - 1).value());
            }
            return None;
        }
        if let Some(y) = self.year_num(j) {
            // 1990s / 1990's
            if y % 10 == 0 {
                if self.word_is(j + 1, "s") && self.glued(j + 1) {
                    return cand(i, j + 2, Date, Point::Decade(y).value());
                }
                if let Some(k) = self.possessive(j + 1) {
                    return cand(i, k, Date, Point::Decade(y).value());
                }
            }
            if the {
                return None;
            }
            // Not a year: money, percentages, decimals, phone-like numbers, "1,998".
            if i > 0 {
                let p = &self.t[i - 1];
                if p.kind == Kind::Punct && matches!(p.ch, '$' | '#' | '\u{a3}' | '\u{20ac}' | '.' | '/') && self.glued(i) {
                    return None;
                }
                if p.kind == Kind::Punct && p.ch == '$' {
                    return None;
                }
                if p.kind == Kind::Punct && p.ch == '-' && self.glued(i) && i > 1 && self.t[i - 2].kind == Kind::Num {
                    return None;
                }
            }
            if self.gp(j + 1, '.') && self.num(j + 2).is_some_and(|t| t.glued) {
                return None;
            }
            if self.gp(j + 1, '/') || self.gp(j + 1, ':') {
                return None;
            }
            if matches!(self.lx(j + 1), Lex::Amount | Lex::Unit(..)) {
                return None;
            }
            if y < 1900 && !(date_preposition(self.prev(i)) || matches!(self.prev(i), Lex::Month(..))) {
                return None;
            }
            if y > 2099 {
                return None;
            }
            // "Harbour 2030", "Vision 2025", "Windows 2000": a capitalised word of no date
            // meaning right before the number makes it part of a name. Sentence openers ("In
            // 2020") are date words or prepositions and never `Lex::Other` capitals mid-sentence.
            if i > 0 && self.t[i - 1].kind == Kind::Word && self.cap(i - 1) && self.prev(i) == Lex::Other && !starts_sentence(self.t, i - 1) {
                return None;
            }
            return cand(i, j + 1, Date, year_str(y));
        }
        if !the {
            if let Some((y, k)) = self.year_words(j) {
                // "nineteen ninety-six" is a year; "twenty twenty" only after a preposition.
                if y / 100 == 19 || date_preposition(self.prev(i)) || matches!(self.prev(i), Lex::Month(..)) {
                    return cand(i, k, Date, year_str(y));
                }
            }
        }
        None
    }

    /// today, yesterday, tomorrow, tonight, now, currently, recently, recent years...
    fn deictic(&self, i: usize) -> Option<Cand> {
        let pod = |j: usize| match self.lx(j) {
            Lex::Pod(p, false) => Some(p),
            _ => None,
        };
        match self.lx(i) {
            Lex::Today | Lex::Yesterday | Lex::Tomorrow => {
                let off = match self.lx(i) {
                    Lex::Yesterday => -1,
                    Lex::Tomorrow => 1,
                    _ => 0,
                };
                if self.possessive(i + 1).is_some() && off == 0 {
                    return cand(i, i + 1, Date, self.day(0));
                }
                if let Some(p) = pod(i + 1) {
                    return cand(i, i + 2, Time, format!("{}{}", self.day(off), p.code()));
                }
                cand(i, i + 1, Date, self.day(off))
            }
            Lex::Tonight => cand(i, i + 1, Time, format!("{}TNI", self.day(0))),
            Lex::Now | Lex::Currently | Lex::Nowadays => cand(i, i + 1, Date, "PRESENT_REF".into()),
            Lex::Current => {
                if matches!(self.lx(i + 1), Lex::Unit(..) | Lex::Fiscal | Lex::Period) {
                    return None;
                }
                cand(i, i + 1, Date, "PRESENT_REF".into())
            }
            Lex::These if self.lx(i + 1) == Lex::Unit(Unit::Day, true) => cand(i, i + 2, Date, "PRESENT_REF".into()),
            Lex::Recently => cand(i, i + 1, Date, "PAST_REF".into()),
            Lex::Recent => {
                // Alone, "recent" is mostly an adjective of a noun ("the recent sale"), not annotated.
                if let Lex::Unit(_, true) = self.lx(i + 1) {
                    return cand(i, i + 2, Date, "PAST_REF".into());
                }
                None
            }
            Lex::Coming | Lex::Upcoming => {
                if let Lex::Unit(_, true) = self.lx(i + 1) {
                    return cand(i, i + 2, Date, "FUTURE_REF".into());
                }
                None
            }
            Lex::The => match self.lx(i + 1) {
                Lex::Past if !self.past_continues(i + 2) => cand(i, i + 2, Date, "PAST_REF".into()),
                Lex::Future => cand(i, i + 2, Date, "FUTURE_REF".into()),
                Lex::Coming | Lex::Upcoming if matches!(self.lx(i + 2), Lex::Unit(_, true)) => cand(i, i + 3, Date, "FUTURE_REF".into()),
                Lex::Recent if matches!(self.lx(i + 2), Lex::Unit(_, true)) => cand(i, i + 3, Date, "PAST_REF".into()),
                _ => {
                    // "the near future"
                    if self.word_is(i + 1, "near") && self.lx(i + 2) == Lex::Future {
                        return cand(i, i + 3, Date, "FUTURE_REF".into());
                    }
                    None
                }
            },
            Lex::Future if self.prev(i) == Lex::In => cand(i, i + 1, Date, "FUTURE_REF".into()),
            _ => None,
        }
    }

    /// After "the past": does a time phrase continue ("the past two years")?
    fn past_continues(&self, j: usize) -> bool {
        self.num(j).is_some()
            || matches!(
                self.lx(j),
                Lex::NumWord(_)
                    | Lex::Unit(..)
                    | Lex::Weekday(..)
                    | Lex::Month(..)
                    | Lex::Season(..)
                    | Lex::Weekend
                    | Lex::Few
                    | Lex::Several
                    | Lex::Couple
                    | Lex::A
                    | Lex::Pod(..)
                    | Lex::Half
                    | Lex::Ordinal(_)
                    | Lex::Fiscal
                    | Lex::Many
                    | Lex::Dozen
                    | Lex::Dozens
            )
    }

    /// Season value relative to the anchor.
    fn season_value(&self, s: u8, dir: i32) -> String {
        let Some(a) = self.a else {
            return format!("XXXX-{}", ["SP", "SU", "FA", "WI"][s as usize & 3]);
        };
        let cs = match a.m {
            3..=5 => 0,
            6..=8 => 1,
            9..=11 => 2,
            _ => 3,
        };
        // January and February close the winter that began the year before.
        let sy = if a.m <= 2 { a.y - 1 } else { a.y };
        let y = match dir {
            -1 => if s < cs { sy } else { sy - 1 },
            1 => if s > cs { sy } else { sy + 1 },
            _ => sy,
        };
        Point::Season(y, s).value()
    }

    fn weekend_value(&self, dir: i32) -> String {
        let Some(a) = self.a else { return "XXXX-WXX-WE".into() };
        let awd = weekday(a.days) as i64;
        let sat = match dir {
            -1 => a.days - (awd - 6).rem_euclid(7) - if awd >= 6 { 7 } else { 0 },
            1 => a.days + (6 - awd).rem_euclid(7) + if awd >= 6 { 7 } else { 0 },
            0 => a.days + (6 - awd),
            _ => a.days - (awd - 6).rem_euclid(7), // the latest weekend on or before the anchor
        };
        let (y, w) = iso_week(sat);
        Point::Weekend(y, w).value()
    }

    fn focus_value(&self) -> Option<String> {
        self.focus.map(|(y, q)| Point::Quarter(y, q).value())
    }

    /// "last week", "next Tuesday", "this year", "the following day", "this morning",
    /// "the latest quarter", "last fall", "this year's third quarter".
    fn relative(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let the = self.lx(j) == Lex::The;
        if the {
            j += 1;
        }
        let rel = self.lx(j);
        if !matches!(
            rel,
            Lex::Last | Lex::Next | Lex::This | Lex::Coming | Lex::Upcoming | Lex::Past | Lex::Previous | Lex::Following | Lex::Current | Lex::Latest | Lex::That | Lex::Same
        ) {
            return None;
        }
        if rel == Lex::This && the {
            return None;
        }
        j += 1;
        let mut dir: i32 = match rel {
            Lex::Last | Lex::Past | Lex::Previous => -1,
            Lex::Next | Lex::Coming | Lex::Upcoming | Lex::Following => 1,
            _ => 0,
        };
        let mut rel = rel;
        if rel == Lex::This && matches!(self.lx(j), Lex::Coming | Lex::Past) {
            dir = if self.lx(j) == Lex::Past { -1 } else { 1 };
            rel = self.lx(j);
            j += 1;
        }
        if rel == Lex::That && self.lx(j) == Lex::Same {
            j += 1;
        }
        let vague = matches!(rel, Lex::That | Lex::Same | Lex::Latest);
        // "This Week" (a programme title), but not a capitalised sentence start.
        let title = self.cap(j - 1)
            && self.cap(j)
            && matches!(self.lx(j), Lex::Unit(..))
            && i > 0
            && !matches!(self.t[i - 1].ch, '.' | '!' | '?')
            && self.t[i - 1].kind == Kind::Punct;
        if title {
            return None;
        }
        if self.lx(j) == Lex::Fiscal && self.lx(j + 1) == Lex::Unit(Unit::Year, false) {
            j += 1;
        }
        match self.lx(j) {
            Lex::Unit(u, false) => {
                let e = j + 1;
                if self.gp(e, '-') {
                    return None; // "the next year-long", "last year-end" handled elsewhere
                }
                let v = match u {
                    Unit::Year => {
                        if rel == Lex::Latest {
                            return None;
                        }
                        // this year's third quarter
                        if let Some(k) = self.possessive(e) {
                            if let Some((q, k2)) = self.quarter_tail(k) {
                                let y = self.a.map(|a| a.y + dir);
                                let v = y.map_or("XXXX-QX".to_string(), |y| q.value_in(y));
                                return Some(Cand { s: i, e: k2, kind: Date, value: v, focus: y.and_then(|y| q.focus(y)) });
                            }
                            if let (Lex::Unit(Unit::Quarter, false) | Lex::Period, Some((_, fq)), Some(a)) = (self.lx(k), self.focus, self.a) {
                                return cand(i, k + 1, Date, Point::Quarter(a.y + dir, fq).value());
                            }
                        }
                        self.point(u, |a| shift(a, u, dir as i64))
                    }
                    Unit::Quarter | Unit::Month | Unit::Week => {
                        if rel == Lex::Latest && u == Unit::Quarter {
                            // the most recently completed quarter
                            return cand(i, e, Date, self.point(u, |a| shift(a, u, -1)));
                        }
                        if vague && u == Unit::Quarter {
                            let v = self.focus_value()?;
                            return cand(i, e, Date, v);
                        }
                        if rel == Lex::Latest {
                            return None;
                        }
                        self.point(u, |a| shift(a, u, dir as i64))
                    }
                    Unit::Fortnight => self.point(u, |a| shift(a, Unit::Week, 2 * dir as i64)),
                    Unit::Day => {
                        if rel == Lex::Last || rel == Lex::Latest || rel == Lex::Current || rel == Lex::Past || rel == Lex::This {
                            return None;
                        }
                        if !the && matches!(rel, Lex::Next | Lex::Following | Lex::Previous) {
                            return None;
                        }
                        self.day(dir as i64)
                    }
                    Unit::Decade => {
                        if rel == Lex::Past {
                            return cand(i, e, Duration, "P10Y".into());
                        }
                        match self.a {
                            Some(a) => Point::Decade(a.y + 10 * dir).value(),
                            None => "XXX".into(),
                        }
                    }
                    Unit::Century => match self.a {
                        Some(a) => Point::Century(a.y.div_euclid(100) + dir).value(),
                        None => "XX".into(),
                    },
                    _ => return None,
                };
                cand(i, e, Date, v)
            }
            Lex::Period if vague => {
                let v = self.focus_value().or_else(|| self.a.map(|a| shift(&a, Unit::Quarter, -1).map(|p| p.value()).unwrap_or_default()))?;
                cand(i, j + 1, Date, v)
            }
            Lex::Weekend => {
                let d = if vague { 2 } else { dir };
                cand(i, j + 1, Date, self.weekend_value(d))
            }
            Lex::Weekday(d, false) => {
                let mode = match (rel, dir) {
                    (Lex::This, 0) => WdMode::ThisWeek,
                    (_, -1) => WdMode::StrictPast,
                    (Lex::Coming | Lex::Upcoming, 1) => WdMode::Future,
                    (_, 1) => WdMode::StrictFuture,
                    _ => WdMode::Default,
                };
                let v = self.weekday_value(d, mode);
                if let Lex::Pod(p, false) = self.lx(j + 1) {
                    return cand(i, j + 2, Date, format!("{v}{}", p.code()));
                }
                cand(i, j + 1, Date, v)
            }
            Lex::Month(m, _) if self.cap(j) && !vague => {
                let v = match self.a {
                    Some(a) => {
                        let y = match dir {
                            -1 => if m < a.m { a.y } else { a.y - 1 },
                            1 => if m > a.m { a.y } else { a.y + 1 },
                            _ => a.y,
                        };
                        Point::Month(y, m).value()
                    }
                    None => format!("XXXX-{m:02}"),
                };
                let e = if self.gp(j + 1, '.') { j + 2 } else { j + 1 };
                cand(i, e, Date, v)
            }
            Lex::Season(s, false) if !vague || rel == Lex::That => cand(i, j + 1, Date, self.season_value(s, dir)),
            Lex::Pod(p, false) => {
                let (off, kind) = match rel {
                    Lex::This | Lex::That | Lex::Same => (0, Time),
                    Lex::Last if p == Pod::Night => (-1, Time),
                    Lex::Next | Lex::Following if the => (1, Date),
                    Lex::Previous if the => (-1, Date),
                    _ => return None,
                };
                cand(i, j + 1, kind, format!("{}{}", self.day(off), p.code()))
            }
            Lex::Holiday(h) if self.cap(j) => {
                let (m, d, e) = self.holiday_parts(j, h)?;
                let _ = (m, d);
                let a = self.a?;
                let mut y = a.y;
                let (mm, dd) = self.holiday_date(h, y)?;
                let z = days_from_civil(y, mm, dd);
                if dir < 0 && z >= a.days {
                    y -= 1;
                } else if dir > 0 && z <= a.days {
                    y += 1;
                }
                let (mm, dd) = self.holiday_date(h, y)?;
                cand(i, e, Date, ymd(y, mm, dd))
            }
            _ => None,
        }
    }

    /// Ordinal quarter or half after a year qualifier: "third quarter", "first-half".
    fn quarter_tail(&self, k: usize) -> Option<(QorH, usize)> {
        let mut k = k;
        if self.lx(k) == Lex::Fiscal {
            k += 1;
            if self.gp(k, '-') {
                k += 1;
            }
        }
        let (n, mut k) = match self.ordinal(k) {
            Some(x) => x,
            None if self.lx(k) == Lex::Last && self.lx(k + 1) == Lex::Half => (2, k + 1),
            None => return None,
        };
        if self.gp(k, '-') {
            k += 1;
        }
        match self.lx(k) {
            Lex::Unit(Unit::Quarter, false) if (1..=4).contains(&n) => Some((QorH::Q(n), k + 1)),
            Lex::Half if (1..=2).contains(&n) => Some((QorH::H(n), k + 1)),
            _ => None,
        }
    }

    /// Fiscal periods: "the third quarter", "third-quarter", "the fiscal first quarter",
    /// "the 1988 third quarter", "the first half of 1990", "the quarter", "fiscal 1989".
    fn quarter(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let the = self.lx(j) == Lex::The;
        if the {
            j += 1;
        }
        let mut year = None;
        if let Some(y) = self.year_num(j) {
            if the {
                year = Some(y);
                j += 1;
            }
        }
        // "fiscal 1989", "fiscal year 1990"
        if self.lx(j) == Lex::Fiscal {
            let k = if self.lx(j + 1) == Lex::Unit(Unit::Year, false) { j + 2 } else { j + 1 };
            if let Some(y) = self.year_num(k) {
                if let Some((q, k2)) = self.quarter_tail(k + 1) {
                    return Some(Cand { s: i, e: k2, kind: Date, value: q.value_in(y), focus: q.focus(y) });
                }
                return cand(i, k + 1, Date, year_str(y));
            }
            if the && k == j + 2 {
                return cand(i, k, Duration, "P1Y".into());
            }
        }
        if let Some((q, mut k)) = self.quarter_tail(j) {
            if self.lx(k) == Lex::Of {
                if let Some(y) = self.year_num(k + 1) {
                    year = Some(y);
                    k += 2;
                } else if matches!(self.lx(k + 1), Lex::This | Lex::Last | Lex::Next) && self.lx(k + 2) == Lex::Unit(Unit::Year, false) {
                    let d = match self.lx(k + 1) {
                        Lex::Last => -1,
                        Lex::Next => 1,
                        _ => 0,
                    };
                    year = self.a.map(|a| a.y + d);
                    k += 3;
                }
            } else if year.is_none() {
                if let Some(y) = self.year_num(k) {
                    year = Some(y);
                    k += 1;
                }
            }
            let y = year.or_else(|| self.quarter_year(q.n()));
            let v = y.map_or_else(|| q.value_in_unknown(), |y| q.value_in(y));
            return Some(Cand { s: i, e: k, kind: Date, value: v, focus: y.and_then(|y| q.focus(y)) });
        }
        if the {
            // "the 1988 period", "the 1988 quarter"
            if let Some(y) = year {
                if matches!(self.lx(j), Lex::Period | Lex::Unit(Unit::Quarter, false)) {
                    let v = match self.focus {
                        Some((_, q)) => Point::Quarter(y, q).value(),
                        None => year_str(y),
                    };
                    return cand(i, j + 1, Date, v);
                }
                return None;
            }
            // "the quarter"
            if self.lx(j) == Lex::Unit(Unit::Quarter, false) && self.lx(j + 1) != Lex::Of && !self.gp(j + 1, '-') {
                let v = self.focus_value().unwrap_or_else(|| self.a.map_or("XXXX-QX".into(), |a| format!("{}-QX", year_str(a.y))));
                return cand(i, j + 1, Date, v);
            }
        }
        None
    }

    /// "a year earlier" as an adjective: "year-earlier", "the year-ago quarter",
    /// "the comparable year-ago period"; and "year-end", "year's end".
    fn year_ago(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        if self.lx(j) == Lex::The {
            j += 1;
        }
        if matches!(self.lx(j), Lex::Comparable | Lex::Same) {
            j += 1;
        }
        if self.lx(j) != Lex::Unit(Unit::Year, false) {
            return None;
        }
        let after_dash = self.gp(j + 1, '-');
        // year-end / year end / year's end
        let end_at = if after_dash { Some(j + 2) } else if let Some(k) = self.possessive(j + 1) { Some(k) } else { Some(j + 1) };
        if let Some(k) = end_at {
            if self.lx(k) == Lex::End && (j == i || self.lx(i) == Lex::The) && self.lx(k + 1) != Lex::Of {
                let back = if self.prev(i) == Lex::Since { 1 } else { 0 };
                return cand(i, k + 1, Date, self.a.map_or("XXXX-12-31".into(), |a| ymd(a.y - back, 12, 31)));
            }
        }
        if !after_dash || !matches!(self.lx(j + 2), Lex::Ago | Lex::Earlier) {
            return None;
        }
        let mut k = j + 3;
        let focus = self.focus.map(|(fy, fq)| (self.a.map_or(fy, |a| fy.min(a.y)), fq));
        let prev_year = |q: Option<u8>| -> String {
            match (q, focus, self.a) {
                (Some(q), Some((fy, _)), _) => Point::Quarter(fy - 1, q).value(),
                (Some(q), None, Some(a)) => Point::Quarter(a.y - 1, q).value(),
                (None, Some((fy, fq)), _) => Point::Quarter(fy - 1, fq).value(),
                (None, None, Some(a)) => year_str(a.y - 1),
                _ => "XXXX".into(),
            }
        };
        if let Some((QorH::Q(q), k2)) = self.quarter_tail(k) {
            return cand(i, k2, Date, prev_year(Some(q)));
        }
        // "the year-earlier nine months"
        if let Some((qty, k2, _)) = self.card(k) {
            if let Lex::Unit(u, _) = self.lx(k2) {
                return cand(i, k2 + 1, Duration, duration(qty, u));
            }
        }
        if matches!(self.lx(k), Lex::Period | Lex::Unit(Unit::Quarter, false)) {
            k += 1;
        } else if j != i {
            return None; // "the year-earlier" needs a noun
        }
        cand(i, k, Date, prev_year(None))
    }

    /// "the corresponding period last year", "the same quarter a year earlier",
    /// "the comparable period": the fiscal quarter in focus, a year back when said so.
    fn comparable(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        if self.lx(j) == Lex::The {
            j += 1;
        }
        if !matches!(self.lx(j), Lex::Comparable | Lex::Same) || !matches!(self.lx(j + 1), Lex::Period | Lex::Unit(Unit::Quarter, false)) {
            return None;
        }
        let k = j + 2;
        let (back, e) = if self.lx(k) == Lex::Last && self.lx(k + 1) == Lex::Unit(Unit::Year, false) {
            (1, k + 2)
        } else if matches!(self.lx(k), Lex::A | Lex::An) && self.lx(k + 1) == Lex::Unit(Unit::Year, false) && matches!(self.lx(k + 2), Lex::Ago | Lex::Earlier) {
            (1, k + 3)
        } else {
            (0, k)
        };
        let a = self.a?;
        let v = match self.focus {
            Some((fy, fq)) => Point::Quarter(fy.min(a.y) - back, fq).value(),
            None if back == 1 => year_str(a.y - 1),
            None => return None,
        };
        cand(i, e, Date, v)
    }

    /// "every week", "each Thursday", "daily", "twice a week" (the "a week" part).
    fn set(&self, i: usize) -> Option<Cand> {
        match self.lx(i) {
            Lex::Every | Lex::Each => {
                let mut j = i + 1;
                let mut mult = 1.0;
                if self.lx(j) == Lex::OtherWord {
                    mult = 2.0;
                    j += 1;
                }
                if let Some((q, k, article)) = self.card(j) {
                    if !article {
                        if let Lex::Unit(u, _) = self.lx(k) {
                            return cand(i, k + 1, Set, duration(q, u));
                        }
                    }
                }
                match self.lx(j) {
                    Lex::Unit(u, false) if u != Unit::Second || self.lx(j + 1) != Lex::Unit(Unit::Day, false) => {
                        cand(i, j + 1, Set, duration(Qty::N(mult), u))
                    }
                    Lex::Weekday(d, false) => {
                        if let Lex::Pod(p, false) = self.lx(j + 1) {
                            return cand(i, j + 2, Set, format!("XXXX-WXX-{d}{}", p.code()));
                        }
                        cand(i, j + 1, Set, format!("XXXX-WXX-{d}"))
                    }
                    Lex::Month(m, false) if self.cap(j) => cand(i, j + 1, Set, format!("XXXX-{m:02}")),
                    Lex::Season(s, false) => cand(i, j + 1, Set, format!("XXXX-{}", ["SP", "SU", "FA", "WI"][s as usize & 3])),
                    Lex::Pod(p, false) => cand(i, j + 1, Set, format!("XXXX-XX-XX{}", p.code())),
                    Lex::Weekend => cand(i, j + 1, Set, "XXXX-WXX-WE".into()),
                    _ => None,
                }
            }
            Lex::Freq(u) => {
                // "the Daily Telegraph": a capitalised name mid-sentence is not a frequency.
                if self.cap(i) && i > 0 && !self.t[i - 1].is_punct('.') && !self.t[i - 1].is_punct('"') {
                    return None;
                }
                // "rise 8.5% annually" is a growth rate, not a recurring time.
                if u == Unit::Year && i > 0 && (self.t[i - 1].is_punct('%') || self.t[i - 1].lex == Lex::Amount) {
                    return None;
                }
                cand(i, i + 1, Set, duration(Qty::N(1.0), u))
            }
            Lex::Nightly => cand(i, i + 1, Set, "XXXX-XX-XXTNI".into()),
            Lex::Per => match self.lx(i + 1) {
                Lex::Unit(u, false) if u != Unit::Second => cand(i, i + 2, Set, duration(Qty::N(1.0), u)),
                _ => None,
            },
            _ => None,
        }
    }

    /// Modified dates: "early next year", "late November", "mid-1996", "earlier this week",
    /// "the end of 1990", "later in the day", "mid-afternoon".
    fn premod(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let the = self.lx(j) == Lex::The;
        if the {
            j += 1;
        }
        match self.lx(j) {
            Lex::Early | Lex::Late => j += 1,
            Lex::Mid => {
                j += 1;
                if self.gp(j, '-') {
                    j += 1;
                }
            }
            Lex::Earlier | Lex::Later if !the => {
                j += 1;
                if self.lx(j) == Lex::In && self.lx(j + 1) == Lex::The {
                    if let Lex::Unit(u @ (Unit::Year | Unit::Month | Unit::Week | Unit::Day), false) = self.lx(j + 2) {
                        let v = if u == Unit::Day { self.day(0) } else { self.point(u, |a| shift(a, u, 0)) };
                        return cand(i, j + 3, Date, v);
                    }
                }
            }
            Lex::End | Lex::Beginning | Lex::Start | Lex::Middle if self.lx(j + 1) == Lex::Of => j += 2,
            _ => return None,
        }
        // Part of day: "late afternoon", "mid-afternoon yesterday".
        if let Lex::Pod(p, false) = self.lx(j) {
            if matches!(self.lx(i), Lex::Early | Lex::Late | Lex::Mid) {
                let (day, e) = self.day_ref(j + 1, i).unwrap_or((self.day(0), j + 1));
                return cand(i, e, Time, format!("{day}{}", p.code()));
            }
            return None;
        }
        let core = self.date_core(j)?;
        if core.kind == Duration || core.kind == Set || core.value.ends_with("_REF") {
            return None;
        }
        Some(Cand { s: i, ..core })
    }

    /// "the year", "the week", "the weekend", "the night before", "the week of March 6".
    fn the_period(&self, i: usize) -> Option<Cand> {
        if self.lx(i) != Lex::The {
            return None;
        }
        let j = i + 1;
        match self.lx(j) {
            Lex::Weekend => {
                let d = if self.future_cue(i) { 0 } else { 2 };
                cand(i, j + 1, Date, self.weekend_value(d))
            }
            Lex::Season(s, false) => {
                if self.lx(j + 1) == Lex::Of {
                    if let Some(y) = self.year_num(j + 2) {
                        return cand(i, j + 3, Date, Point::Season(y, s).value());
                    }
                    if let Some((y, k)) = self.year_words(j + 2) {
                        return cand(i, k, Date, Point::Season(y, s).value());
                    }
                }
                cand(i, j + 1, Date, self.season_value(s, 0))
            }
            Lex::Other if (self.word_is(j, "full") || self.word_is(j, "whole") || self.word_is(j, "entire")) && self.lx(j + 1) == Lex::Unit(Unit::Year, false) => {
                cand(i, j + 2, Date, self.point(Unit::Year, |a| shift(a, Unit::Year, 0)))
            }
            Lex::Unit(u @ (Unit::Day | Unit::Year | Unit::Month | Unit::Week), false)
                if matches!(self.lx(j + 1), Lex::Before | Lex::After) && self.num(j + 2).is_none() =>
            {
                let off = if self.lx(j + 1) == Lex::Before { -1 } else { 1 };
                if u == Unit::Day {
                    return cand(i, j + 2, Date, self.day(off));
                }
                cand(i, j + 2, Date, self.point(u, |a| shift(a, u, off)))
            }
            Lex::Pod(p, false) if matches!(self.lx(j + 1), Lex::Before | Lex::After) => {
                let off = if self.lx(j + 1) == Lex::Before { -1 } else { 1 };
                cand(i, j + 2, Date, format!("{}{}", self.day(off), p.code()))
            }
            Lex::Unit(u @ (Unit::Year | Unit::Month | Unit::Week), false) => {
                if self.gp(j + 1, '-') || self.num(j + 1).is_some() {
                    return None;
                }
                if let Some(k) = self.possessive(j + 1) {
                    if u == Unit::Year && self.lx(k) == Lex::End {
                        return cand(i, k + 1, Date, self.point(u, |a| shift(a, u, 0)));
                    }
                }
                // the week of March 6
                if u == Unit::Week && self.lx(j + 1) == Lex::Of {
                    if let Some(c) = self.month(j + 2) {
                        if c.value.len() == 10 && c.value.as_bytes()[0].is_ascii_digit() {
                            let y: i32 = c.value[..4].parse().ok()?;
                            let m: u8 = c.value[5..7].parse().ok()?;
                            let d: u8 = c.value[8..10].parse().ok()?;
                            let (wy, w) = iso_week(days_from_civil(y, m, d));
                            return cand(i, c.e, Date, Point::Week(wy, w).value());
                        }
                    }
                }
                if i > 1 && self.prev(i) == Lex::Of && !matches!(self.lx(i - 2), Lex::End | Lex::Beginning | Lex::Start | Lex::Middle) {
                    return None;
                }
                // "the year ended Sept. 30" is the fiscal year as a span; "for the year" is this year.
                let w = self.t.get(j + 1).map(|t| &self.text[t.s..t.e]).unwrap_or("");
                if matches!(w, "ended" | "ending" | "ends") || matches!(self.prev(i), Lex::Over | Lex::Through) {
                    return cand(i, j + 1, Duration, duration(Qty::N(1.0), u));
                }
                cand(i, j + 1, Date, self.point(u, |a| shift(a, u, 0)))
            }
            _ => None,
        }
    }

    fn holiday_date(&self, h: Holiday, y: i32) -> Option<(u8, u8)> {
        Some(match h {
            Holiday::Christmas => (12, 25),
            Holiday::Thanksgiving => (11, nth_weekday(y, 11, 4, 4)),
            Holiday::Easter => easter(y),
            Holiday::Halloween => (10, 31),
            Holiday::NewYear => (1, 1),
            Holiday::Independence => (7, 4),
            Holiday::Labor => (9, nth_weekday(y, 9, 1, 1)),
            Holiday::Memorial => (5, nth_weekday(y, 5, 1, -1)),
            Holiday::Valentine => (2, 14),
            Holiday::Veterans => (11, 11),
            Holiday::Election => (11, nth_weekday(y, 11, 1, 1) + 1),
        })
    }

    /// Recognise a holiday's words at `i`: returns (month, day offset marker, end).
    /// Eves shift the day: reported through the month/day of the holiday itself.
    fn holiday_parts(&self, i: usize, h: Holiday) -> Option<(u8, i8, usize)> {
        let j = i + 1;
        let day_word = |k: usize| self.lx(k) == Lex::Unit(Unit::Day, false) && self.cap(k);
        match h {
            Holiday::Christmas => {
                if self.word_is(j, "eve") {
                    Some((12, -1, j + 1))
                } else if day_word(j) {
                    Some((12, 0, j + 1))
                } else {
                    Some((12, 0, j))
                }
            }
            Holiday::Thanksgiving | Holiday::Halloween => Some((0, 0, if day_word(j) { j + 1 } else { j })),
            Holiday::Easter => Some((0, 0, if self.lx(j) == Lex::Weekday(7, false) { j + 1 } else { j })),
            Holiday::NewYear => {
                if self.lx(j) == Lex::Unit(Unit::Year, false) && self.cap(j) {
                    let k = self.possessive(j + 1).unwrap_or(j + 1);
                    if day_word(k) {
                        return Some((1, 0, k + 1));
                    }
                    if self.word_is(k, "eve") {
                        return Some((12, -1, k + 1));
                    }
                }
                None
            }
            Holiday::Valentine => {
                let k = self.possessive(j).unwrap_or(j);
                day_word(k).then_some((2, 0, k + 1))
            }
            _ => day_word(j).then_some((0, 0, j + 1)),
        }
    }

    /// "Christmas", "Thanksgiving Day", "New Year's Eve", "Easter 1999".
    fn holiday(&self, i: usize) -> Option<Cand> {
        let Lex::Holiday(h) = self.lx(i) else { return None };
        if !self.cap(i) {
            return None;
        }
        let (_, eve, e) = self.holiday_parts(i, h)?;
        let pick = |y: i32| -> Option<String> {
            let (m, d) = self.holiday_date(h, y)?;
            let z = days_from_civil(y, m, d) + eve as i64;
            Some(day_str(z))
        };
        if let Some(y) = self.year_num(e) {
            return cand(i, e + 1, Date, pick(y)?);
        }
        let Some(a) = self.a else {
            let (m, d) = self.holiday_date(h, 2000)?;
            return cand(i, e, Date, format!("XXXX-{m:02}-{d:02}"));
        };
        let mut best: Option<(i64, i32)> = None;
        for y in [a.y - 1, a.y, a.y + 1] {
            let (m, d) = self.holiday_date(h, y)?;
            let diff = (days_from_civil(y, m, d) - a.days).abs();
            if best.is_none_or(|(b, _)| diff < b) {
                best = Some((diff, y));
            }
        }
        cand(i, e, Date, pick(best?.1)?)
    }

    /// Numeric dates: "2022-08-11", "8/11/2022".
    fn numeric_date(&self, i: usize) -> Option<Cand> {
        let t = self.num(i)?;
        if t.comma {
            return None;
        }
        if t.ndig == 4 && self.gp(i + 1, '-') {
            let m = self.num(i + 2).filter(|x| x.glued && x.ndig <= 2)?;
            if !self.gp(i + 3, '-') {
                return None;
            }
            let d = self.num(i + 4).filter(|x| x.glued && x.ndig <= 2)?;
            let (y, m, d) = (t.num as i32, m.num as u8, d.num as u8);
            if !valid(y, m, d) {
                return None;
            }
            return cand(i, i + 5, Date, ymd(y, m, d));
        }
        if t.ndig <= 2 && self.gp(i + 1, '/') {
            let d = self.num(i + 2).filter(|x| x.glued && x.ndig <= 2)?;
            if !self.gp(i + 3, '/') {
                return None;
            }
            let y = self.num(i + 4).filter(|x| x.glued && (x.ndig == 2 || x.ndig == 4))?;
            let mut yy = y.num as i32;
            if y.ndig == 2 {
                let base = self.a.map_or(2000, |a| a.y.div_euclid(100) * 100);
                yy += base;
                if let Some(a) = self.a {
                    if yy > a.y + 10 {
                        yy -= 100;
                    }
                }
            }
            let (m, d) = (t.num as u8, d.num as u8);
            if !valid(yy, m, d) {
                return None;
            }
            return cand(i, i + 5, Date, ymd(yy, m, d));
        }
        None
    }

    /// Everything that names a date (used under modifiers such as "early").
    fn date_core(&self, j: usize) -> Option<Cand> {
        let rules: [fn(&Self, usize) -> Option<Cand>; 9] = [
            Self::month,
            Self::weekday,
            Self::year,
            Self::deictic,
            Self::relative,
            Self::quarter,
            Self::holiday,
            Self::the_period,
            Self::numeric_date,
        ];
        best(rules.iter().filter_map(|r| r(self, j)))
    }

    /// All rules at `i`; the longest match wins.
    pub fn match_at(&self, i: usize) -> Option<Cand> {
        let t = &self.t[i];
        if t.kind == Kind::Word && t.lex == Lex::Other {
            return None;
        }
        if t.kind == Kind::Punct && t.ch != '\'' {
            return None;
        }
        let rules: [fn(&Self, usize) -> Option<Cand>; 17] = [
            Self::comparable,
            Self::quantity,
            Self::clock,
            Self::month,
            Self::day_month,
            Self::weekday,
            Self::year,
            Self::deictic,
            Self::relative,
            Self::quarter,
            Self::year_ago,
            Self::set,
            Self::premod,
            Self::holiday,
            Self::the_period,
            Self::numeric_date,
            Self::year_ago,
        ];
        best(rules.iter().filter_map(|r| r(self, i)))
    }
}

fn best(it: impl Iterator<Item = Cand>) -> Option<Cand> {
    let mut out: Option<Cand> = None;
    for c in it {
        if c.e <= c.s {
            continue;
        }
        if out.as_ref().is_none_or(|o| c.e > o.e) {
            out = Some(c);
        }
    }
    out
}

/// A quarter or half of a year.
#[derive(Debug, Clone, Copy)]
pub enum QorH {
    Q(u8),
    H(u8),
}

impl QorH {
    fn n(self) -> u8 {
        match self {
            QorH::Q(n) => n,
            QorH::H(n) => n * 2,
        }
    }
    fn value_in(self, y: i32) -> String {
        match self {
            QorH::Q(q) => Point::Quarter(y, q).value(),
            QorH::H(h) => Point::Half(y, h).value(),
        }
    }
    fn value_in_unknown(self) -> String {
        match self {
            QorH::Q(q) => format!("XXXX-Q{q}"),
            QorH::H(h) => format!("XXXX-H{h}"),
        }
    }
    fn focus(self, y: i32) -> Option<(i32, u8)> {
        match self {
            QorH::Q(q) => Some((y, q)),
            QorH::H(_) => None,
        }
    }
}

/// Does token `i` open a sentence (first token, or after a full stop, "?" or "!")?
fn starts_sentence(t: &[Tok], i: usize) -> bool {
    let mut k = i;
    while k > 0 {
        k -= 1;
        match t[k].kind {
            Kind::Punct if matches!(t[k].ch, '"' | '\'' | '(') => continue,
            Kind::Punct => return matches!(t[k].ch, '.' | '?' | '!' | ':'),
            _ => return false,
        }
    }
    true
}
