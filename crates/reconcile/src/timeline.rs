//! The story's timeline: one event per real-world occurrence, dated and ordered.
//!
//! 1. [`candidates`]: per article, the finite verbs of sentences that report an occurrence,
//!    dated by the time expression they own, a relative cue re-anchored on the article's
//!    previous date, the running narrative date, or the publication date.
//! 2. [`merge`]: mentions of the same occurrence in several articles become one event with
//!    all their evidence; the event's date is voted (explicit dates outweigh inherited ones).
//! 3. Events are ordered by date; undated ones follow the event before them in their article.
//!
//! Evidence: each mention contributes its clause, the stretch from its verb to its date
//! ("said Ardern on Tuesday") and its verb group ("was suspended", ≤ 3 tokens), because
//! readers (and gold annotations) cite either the clause or the event word.
//!
//! Conflicting dates: when outlets date one occurrence differently ("collapsed on Tuesday" vs
//! "collapsed late on Monday night"), the mentions stay in ONE event (dated by the vote) and
//! [`date_conflicts`] lists, per event, the evidence spans and the dates they give, for the
//! disagreements step.

mod candidates;
mod dates;
mod merge;
mod words;
#[cfg(test)]
mod tests;

use crate::{Event, StoryView, TextRef};
use parallax_core::{DocAnalysis, Document};

/// The event mentions of one article. They depend on that article alone, so they are found
/// once, when the article is read (see [`crate::prepare`]), not each time its story is
/// reconciled.
#[derive(Debug, Default, Clone)]
pub struct DocMentions {
    /// Their `doc` is 0 until the story places the article.
    mentions: Vec<candidates::Mention>,
    arena: candidates::Arena,
}

pub fn find_mentions(doc: &Document, analysis: &DocAnalysis) -> DocMentions {
    let mut found = DocMentions::default();
    let mut scratch = candidates::Scratch::default();
    candidates::document_mentions(0, doc, analysis, &mut found.arena, &mut scratch, &mut found.mentions);
    found.arena.number_spans();
    found
}

pub fn build_timeline(view: &StoryView) -> Vec<Event> {
    let found: Vec<DocMentions> = view.docs.iter().zip(&view.analyses).map(|(doc, a)| find_mentions(doc, a)).collect();
    build_timeline_from(view, &found.iter().collect::<Vec<_>>())
}

/// The timeline from each article's mentions (`found[d]` for `view.docs[d]`).
pub fn build_timeline_from(view: &StoryView, found: &[&DocMentions]) -> Vec<Event> {
    let mut mentions = Vec::with_capacity(found.iter().map(|f| f.mentions.len()).sum());
    for (d, f) in found.iter().enumerate() {
        let first = mentions.len();
        mentions.extend_from_slice(&f.mentions);
        mentions[first..].iter_mut().for_each(|m| m.doc = d);
    }
    let arenas: Vec<&candidates::Arena> = found.iter().map(|f| &f.arena).collect();
    let bodies: Vec<&str> = view.docs.iter().map(|d| d.body.as_str()).collect();
    merge::build_events(&bodies, &mentions, candidates::Lists(&arenas))
}

/// Events whose evidence dates them differently: (event index, [(dating text, date)]),
/// with the dates as `YYYY-MM-DD` (day precision only, so month-vs-day is not a conflict).
/// Each dating text is the smallest evidence span holding the time expression.
pub fn date_conflicts(view: &StoryView, events: &[Event]) -> Vec<(usize, Vec<(TextRef, String)>)> {
    let resolved: Vec<Vec<(parallax_core::Span, dates::When)>> = view
        .docs
        .iter()
        .zip(&view.analyses)
        .map(|(doc, a)| candidates::resolve_times(doc, &a.times))
        .collect();
    let mut out = Vec::new();
    for (e, event) in events.iter().enumerate() {
        let mut found: Vec<(TextRef, String)> = Vec::new();
        let mut seen_times = Vec::new();
        for r in &event.evidence {
            let Some(times) = resolved.get(r.doc) else { continue };
            for (span, when) in times {
                if when.precision != dates::Prec::Day || span.start < r.span.start || span.end > r.span.end {
                    continue;
                }
                let key = (r.doc, span.start);
                // Keep the smallest evidence span that holds this time expression.
                if let Some(i) = seen_times.iter().position(|k| *k == key) {
                    if r.span.len() < found[i].0.span.len() {
                        found[i].0 = r.clone();
                    }
                    continue;
                }
                seen_times.push(key);
                found.push((r.clone(), when.format()));
            }
        }
        let mut distinct: Vec<&String> = found.iter().map(|(_, d)| d).collect();
        distinct.sort();
        distinct.dedup();
        if distinct.len() > 1 {
            out.push((e, found));
        }
    }
    out
}
