//! One utterance worded differently by two reports: from quote groups whose wordings differ.
//!
//! For each pair of verbatim members (direct or partial quotes, different documents) the words
//! are aligned (longest common subsequence) and each stretch that differs becomes a pair of
//! sides: the differing words with a few words of context, kept inside their sentence. A
//! reader sees "in the rules" against "keeping within the rules", not two whole paragraphs.

use super::model::Ctx;
use super::text::{self, Word};
use crate::{Discrepancy, DiscrepancyKind, QuoteGroup, Side, TextRef};
use parallax_core::QuoteKind;

/// Words of context kept on each side of a difference.
const CONTEXT: usize = 3;
/// Differences closer than this (in shared words) are shown as one stretch.
const JOIN: usize = 4;

pub fn find(ctx: &Ctx, groups: &[QuoteGroup]) -> Vec<Discrepancy> {
    let mut out = Vec::new();
    for g in groups.iter().filter(|g| !g.identical_wording) {
        let members: Vec<(usize, usize)> = g
            .members
            .iter()
            .copied()
            .filter(|&(d, q)| {
                ctx.view
                    .analyses
                    .get(d)
                    .and_then(|a| a.quotes.get(q))
                    .is_some_and(|q| q.kind != QuoteKind::Indirect)
            })
            .collect();
        let mut sides: Vec<Side> = Vec::new();
        let mut docs: Vec<usize> = Vec::new();
        // Each document's wordings against the first document's: linear in the group's size.
        let Some(&(first_doc, _)) = members.first() else { continue };
        for &(da, qa) in members.iter().filter(|m| m.0 == first_doc) {
            let ta = &ctx.view.analyses[da].quotes[qa].text;
            let wa = ctx.words_in(da, ta);
            // Syndicated copies quote the same words: the alignment depends only on the two
            // word sequences, so each distinct wording is aligned once.
            let mut aligned: Vec<(&[Word], Vec<Hunk>)> = Vec::new();
            for &(db, qb) in members.iter().filter(|m| m.0 != first_doc) {
                let tb = &ctx.view.analyses[db].quotes[qb].text;
                let wb = ctx.words_in(db, tb);
                let same = |x: &[Word]| x.len() == wb.len() && x.iter().zip(wb).all(|(p, q)| p.key == q.key);
                let k = match aligned.iter().position(|(x, _)| same(x)) {
                    Some(k) => k,
                    None => {
                        aligned.push((wb, hunks(wa, wb)));
                        aligned.len() - 1
                    }
                };
                let found: Vec<_> = aligned[k]
                    .1
                    .iter()
                    .map(|&(af, at, bf, bt)| (window(ctx.body(da), wa, af, at), window(ctx.body(db), wb, bf, bt)))
                    .collect();
                for (ra, rb) in found {
                    for s in [Side { at: TextRef { doc: da, span: ra }, holder: g.speaker }, Side {
                        at: TextRef { doc: db, span: rb },
                        holder: g.speaker,
                    }] {
                        if !sides.iter().any(|t| t.at == s.at) {
                            sides.push(s);
                        }
                    }
                    for d in [da, db] {
                        if !docs.contains(&d) {
                            docs.push(d);
                        }
                    }
                }
            }
        }
        if sides.len() < 2 {
            continue;
        }
        let who = g.speaker.map(|e| ctx.entity_name(e).to_string()).filter(|n| !n.is_empty());
        let first = &sides[0];
        let fw = ctx.words_in(first.at.doc, &first.at.span);
        let lead = if fw.is_empty() { String::new() } else { ctx.body(first.at.doc)[text::cover(fw, 0, fw.len().min(6) - 1)].to_string() };
        let names: Vec<&str> = docs
            .iter()
            .map(|&d| ctx.view.docs[d].outlet.as_deref().filter(|o| !o.trim().is_empty()).unwrap_or(ctx.view.docs[d].id.as_str()))
            .collect();
        let topic = match who {
            Some(n) => format!("{n}'s words '{lead}…' worded differently in {}", names.join(" and ")),
            None => format!("Quote '{lead}…' worded differently in {}", names.join(" and ")),
        };
        out.push(Discrepancy { kind: DiscrepancyKind::Wording, topic, sides });
    }
    out
}

/// A stretch that differs: (a from, a to, b from, b to) in words, half-open.
type Hunk = (usize, usize, usize, usize);

/// Aligns two wordings and returns, for each stretch that differs, the span of each side with
/// context. Nothing when the two share too little to be the same words.
#[cfg(test)]
fn differences(body_a: &str, a: &[Word], body_b: &str, b: &[Word]) -> Vec<(parallax_core::Span, parallax_core::Span)> {
    hunks(a, b).into_iter().map(|(af, at, bf, bt)| (window(body_a, a, af, at), window(body_b, b, bf, bt))).collect()
}

/// The stretches where two wordings differ, near ones joined: a function of their word keys
/// alone. Nothing when the two share too little to be the same words.
fn hunks(a: &[Word], b: &[Word]) -> Vec<Hunk> {
    let (n, m) = (a.len(), b.len());
    if n == 0 || m == 0 || n * m > 250_000 {
        return Vec::new();
    }
    // The words the two share (as multisets) bound the common subsequence from above: when
    // even that is too little, the table is not worth building.
    if shared_words(a, b) < 4.max(n.min(m).div_ceil(2)) {
        return Vec::new();
    }
    // LCS table over lowercased words.
    let mut t = vec![0u16; (n + 1) * (m + 1)];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[i * (m + 1) + j] = if a[i].key == b[j].key {
                t[(i + 1) * (m + 1) + j + 1] + 1
            } else {
                t[(i + 1) * (m + 1) + j].max(t[i * (m + 1) + j + 1])
            };
        }
    }
    let common = t[0] as usize;
    if common < 4 || common * 2 < n.min(m) {
        return Vec::new();
    }
    // Walk the table: matched pairs.
    let mut pairs = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i].key == b[j].key {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if t[(i + 1) * (m + 1) + j] >= t[i * (m + 1) + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    // Stretches between matches where either side has words: (a from, a to, b from, b to),
    // half-open. Only the overlapping part of the two wordings counts (a partial quote
    // covers a piece of a longer one).
    let (first, last) = match (pairs.first(), pairs.last()) {
        (Some(f), Some(l)) => (*f, *l),
        _ => return Vec::new(),
    };
    let mut stretches: Vec<Hunk> = Vec::new();
    for w in pairs.windows(2) {
        let ((pa, pb), (na, nb)) = (w[0], w[1]);
        if na > pa + 1 || nb > pb + 1 {
            stretches.push((pa + 1, na, pb + 1, nb));
        }
    }
    let _ = (first, last);
    if stretches.is_empty() {
        return Vec::new();
    }
    // Join near stretches.
    let mut joined: Vec<Hunk> = Vec::new();
    for h in stretches {
        if let Some(p) = joined.last_mut() {
            if h.0 < p.1 + JOIN {
                p.1 = h.1;
                p.3 = h.3;
                continue;
            }
        }
        joined.push(h);
    }
    joined
}

/// How many words two wordings share, counted with repeats (an upper bound of their longest
/// common subsequence).
fn shared_words(a: &[Word], b: &[Word]) -> usize {
    let mut x: Vec<u64> = a.iter().map(|w| w.key).collect();
    let mut y: Vec<u64> = b.iter().map(|w| w.key).collect();
    x.sort_unstable();
    y.sort_unstable();
    parallax_core::words::shared_keys(&x, &y)
}

/// The words `from..to` (half-open, maybe empty) with context, kept within their sentences.
fn window(body: &str, ws: &[Word], from: usize, to: usize) -> parallax_core::Span {
    let last = ws.len() - 1;
    let mut lo = from.saturating_sub(CONTEXT);
    let mut hi = (to.max(from + 1) - 1 + CONTEXT).min(last);
    // Do not cross a sentence end.
    for k in (lo..from.min(last)).rev() {
        if ends_sentence(body, ws, k) {
            lo = k + 1;
            break;
        }
    }
    let anchor = to.saturating_sub(1).max(from).min(last);
    for k in anchor..hi {
        if ends_sentence(body, ws, k) {
            hi = k;
            break;
        }
    }
    if lo > hi {
        lo = hi;
    }
    text::cover(ws, lo, hi)
}

fn ends_sentence(body: &str, ws: &[Word], k: usize) -> bool {
    let Some(next) = ws.get(k + 1) else { return true };
    body.get(ws[k].span.end..next.span.start).is_some_and(|g| g.contains(['.', '!', '?']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ws(s: &str) -> Vec<Word> {
        text::words_of(s)
    }

    #[test]
    fn differing_stretch_with_context() {
        let a = "We will stay at the quay until the very last ship has gone.";
        let b = "We will stay on the quay until the last ship has gone.";
        let d = differences(a, &ws(a), b, &ws(b));
        assert_eq!(d.len(), 2);
        assert_eq!(&a[d[0].0.clone()], "We will stay at the quay until");
        assert_eq!(&b[d[0].1.clone()], "We will stay on the quay until");
        assert_eq!(&a[d[1].0.clone()], "quay until the very last ship has");
        assert_eq!(&b[d[1].1.clone()], "quay until the last ship has gone");
    }

    #[test]
    fn unrelated_wordings_give_nothing() {
        let a = "The harbour will reopen on Monday.";
        let b = "Nobody here trusts the new board or its plans.";
        assert!(differences(a, &ws(a), b, &ws(b)).is_empty());
    }
}
