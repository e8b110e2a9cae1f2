//! Finds and normalises time expressions in English news text, TIMEX3 /
//! TempEval-3 style.
//!
//! Pipeline: [`token`] splits the text once (the only pass over every byte),
//! [`lexicon`] classifies each word, [`scan`] tries the grammar only at tokens
//! that can start an expression, and [`normalize`] / [`calendar`] turn the
//! matched words into TIMEX3 values relative to the publication date.
//!
//! The lexicon lookup is the prefilter: a word it does not know (the vast
//! majority) is rejected with one enum comparison, so the grammar runs only at
//! digits and trigger words (months, weekdays, units, "ago", "today"...).
//! Throughput is several million words per second per core
//! (`examples/timex_bench.rs`).

pub mod calendar;
pub mod lexicon;
pub mod normalize;
pub mod scan;
pub mod token;

use normalize::Anchor;

/// The shared carrier types: the anchor date and the TIMEX3 type.
pub use parallax_core::{CalendarDate, TimexType};

/// One recognised expression: `text[start..end]` is exactly its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeExpression {
    pub start: usize,
    pub end: usize,
    pub kind: TimexType,
    pub value: String,
}

/// Finds the time expressions in `text`, normalised against `anchor` (the
/// publication date) when given. Sorted by start, non-overlapping.
pub fn find_time_expressions(text: &str, anchor: Option<CalendarDate>) -> Vec<TimeExpression> {
    let mut out = Vec::new();
    // Anchors far outside recorded history are treated as absent: it keeps all
    // the calendar arithmetic comfortably inside i32.
    let anchor = anchor
        .filter(|a| (-100_000..=100_000).contains(&a.year) && calendar::valid(a.year, a.month, a.day))
        .map(|a| Anchor::new(a.year, a.month, a.day));
    TOKENS.with(|cell| {
        let mut toks = cell.take();
        token::tokenize(text, &mut toks);
        let mut sc = scan::Scanner { text, t: &toks, a: anchor, focus: None };
        let mut i = 0;
        while i < toks.len() {
            match sc.match_at(i) {
                Some(c) => {
                    let (s, e) = (toks[c.s].s, toks[c.e - 1].e);
                    out.push(TimeExpression { start: s, end: e, kind: c.kind, value: c.value });
                    if c.focus.is_some() && sc.focus.is_none() {
                        sc.focus = c.focus;
                    }
                    i = c.e;
                }
                None => i += 1,
            }
        }
        cell.set(toks);
    });
    out
}

thread_local! {
    /// Reused token buffer: the function runs once per paragraph.
    static TOKENS: std::cell::Cell<Vec<token::Tok>> = const { std::cell::Cell::new(Vec::new()) };
}

#[cfg(test)]
mod tests;
