//! Where reports or people disagree: numbers, dates, claims and denials, wordings.
//!
//! Each detector works on a shared reading of the story ([`model::Ctx`]: sentences, clause
//! units, entity mentions, word rarity) and returns discrepancies whose sides are short exact
//! clauses, each with its document and, when known, the story entity holding it. The results
//! are then cleaned: sides deduplicated, discrepancies with fewer than two sides dropped,
//! discrepancies that repeat another merged or removed.

mod claims;
mod dates;
mod model;
mod numbers;
mod text;
mod wording;

#[cfg(test)]
mod tests;

use crate::{Discrepancy, Event, QuoteGroup, Side, StoryView};

pub use model::{read_doc, DocText};

pub fn find_discrepancies(view: &StoryView, groups: &[QuoteGroup], events: &[Event]) -> Vec<Discrepancy> {
    let texts: Vec<DocText> = view.docs.iter().zip(&view.analyses).map(|(doc, a)| read_doc(doc, a)).collect();
    find_discrepancies_from(view, &texts.iter().collect::<Vec<_>>(), groups, events)
}

/// The disagreements from each article's text (`texts[d]` for `view.docs[d]`).
pub fn find_discrepancies_from(view: &StoryView, texts: &[&DocText], groups: &[QuoteGroup], events: &[Event]) -> Vec<Discrepancy> {
    if view.docs.is_empty() || view.docs.len() != view.analyses.len() || texts.len() != view.docs.len() {
        return Vec::new();
    }
    let ctx = model::Ctx::from_docs(view, texts);
    let mut out = Vec::new();
    out.extend(numbers::find(&ctx));
    out.extend(dates::find(&ctx, groups, events));
    out.extend(wording::find(&ctx, groups));
    out.extend(claims::find(&ctx));
    clean(out)
}

/// `inner` lies inside `outer` and is long enough to stand for it (two words or more).
fn contains(outer: &Side, inner: &Side) -> bool {
    outer.at.doc == inner.at.doc
        && outer.at.span.start <= inner.at.span.start
        && inner.at.span.end <= outer.at.span.end
        && inner.at.span.len() >= 5
}

fn overlaps(a: &Side, b: &Side) -> bool {
    a.at.doc == b.at.doc && a.at.span.start < b.at.span.end && b.at.span.start < a.at.span.end
}

/// Dedupes sides, merges claim/denial findings that share a side (up to a readable size), and
/// drops findings with fewer than two sides or contained in another.
fn clean(found: Vec<Discrepancy>) -> Vec<Discrepancy> {
    let mut list: Vec<Discrepancy> = Vec::new();
    for mut d in found {
        let mut sides: Vec<Side> = Vec::new();
        for s in d.sides.drain(..) {
            if s.at.span.end <= s.at.span.start || sides.iter().any(|t| t.at == s.at) {
                continue;
            }
            // Of a clause and a quote inside it, keep the quote: the shorter, exact words.
            if let Some(t) = sides.iter_mut().find(|t| contains(t, &s)) {
                *t = s;
                continue;
            }
            if sides.iter().any(|t| contains(&s, t)) {
                continue;
            }
            sides.push(s);
        }
        d.sides = sides;
        if d.sides.len() < 2 {
            continue;
        }
        // Same kind, sharing two sides: one disagreement seen twice.
        if let Some(prev) = list.iter_mut().find(|p| {
            p.kind == d.kind && d.sides.iter().filter(|b| p.sides.iter().any(|a| overlaps(a, b))).count() >= 2.min(d.sides.len())
        }) {
            let new: Vec<Side> =
                d.sides.iter().filter(|b| !prev.sides.iter().any(|a| a.at == b.at)).cloned().collect();
            if prev.sides.len() + new.len() <= 8 {
                for s in new {
                    if let Some(t) = prev.sides.iter_mut().find(|t| contains(t, &s)) {
                        *t = s;
                    } else if !prev.sides.iter().any(|t| contains(&s, t)) {
                        prev.sides.push(s);
                    }
                }
                continue;
            }
            if new.len() < 2 {
                continue;
            }
        }
        list.push(d);
    }
    list
}
