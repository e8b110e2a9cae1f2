//! Claims and denials: someone says or alleges P, someone else denies P.
//!
//! A denial is a clause with a denial word ("denied", "rejected", "refuted", "misrepresents",
//! "not true") or, more weakly, a negated statement someone is reported to have made ("I've
//! never bullied anybody"). Its claim is found three ways:
//! - inside the clause: "refuted an allegation that P", "denied that P", "X's claim that P";
//! - by reference: "which the party denies", "denied the claim", "never used those words" point
//!   back to the previous clause or sentence;
//! - elsewhere in the story: clauses that assert the same topic (rare words shared, the denier
//!   named as the target) and are someone's claim (a quote, reported speech or an accusation).
//!
//! Sides are short clauses so a reader can see each position in its own words.

use super::model::{Ctx, Unit};
use super::text::{self, keys, KeyMap, Word, CLAIM, CLAIM_NOUN, DENIAL, DENIAL_ADJ, CAP, DIGITS, LEXICON, LONG, NEG, POSS, SPEECH, STOP, TIME};
use crate::{Discrepancy, DiscrepancyKind, Side};
use parallax_core::Span;

/// Words that deny or reject a statement (class [`DENIAL`]).
pub const DENIAL_WORDS: &[&str] = &[
    "deny", "denies", "denied", "denying", "denial", "denials", "reject", "rejects", "rejected", "rejecting", "refute",
    "refutes", "refuted", "refuting", "rebut", "rebuts", "rebutted", "disputed", "disputing", "misrepresent",
    "misrepresents", "misrepresented", "misrepresenting", "untrue", "smear", "baseless", "unfounded", "disprove",
    "disproves", "disproved", "contradicts", "contradicted", "incorrect", "false", "falsely",
];

/// Denial words that judge a statement in place ("statements which are incorrect") rather than
/// point back to one (class [`DENIAL_ADJ`]).
pub const DENIAL_ADJECTIVES: &[&str] = &["incorrect", "false", "falsely", "baseless", "unfounded", "untrue"];

/// Words that make a statement an accusation or a claim (class [`CLAIM`]).
pub const CLAIM_WORDS: &[&str] = &[
    "accuse", "accuses", "accused", "accusing", "accusation", "accusations", "allege", "alleges", "alleged", "alleging",
    "allegation", "allegations", "claim", "claims", "claimed", "claiming", "insists", "insisted", "maintains",
];

/// Nouns that name a claim, so "the claim" or "those words" can point back to one (class
/// [`CLAIM_NOUN`]).
pub const CLAIM_NOUNS: &[&str] = &[
    "claim", "claims", "allegation", "allegations", "accusation", "accusations", "suggestion", "suggestions", "report",
    "reports", "words", "remarks", "comments", "comment", "charge", "charges", "condition", "conditions", "demand",
    "demands", "idea", "account", "version", "assertion", "criticism", "characterisation", "characterization", "story",
];

/// Words that report speech (class [`SPEECH`]).
pub const SPEECH_WORDS: &[&str] = &[
    "said", "says", "say", "told", "tells", "stated", "added", "responded", "replied", "argued", "argues", "warned",
    "according", "wrote", "explained", "suggested", "repeated", "believes",
];

/// A word that can carry the topic of a clause.
fn is_content(w: &Word) -> bool {
    w.is(LONG) && !w.is(STOP | LEXICON | TIME | DIGITS)
}

/// The words that carry the topic of a clause, in text order (see [`topic`]).
pub(super) fn topic_words(words: &[Word]) -> impl Iterator<Item = &Word> + '_ {
    words.iter().filter(|w| is_content(w))
}

/// Content stems that carry the topic of a clause, sorted and distinct.
fn topic(words: &[Word]) -> Vec<u64> {
    let mut out: Vec<u64> = topic_words(words).map(|w| w.stem).collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn shared_score(ctx: &Ctx, a: &[u64], b: &[u64]) -> (f64, usize) {
    let mut s = 0.0;
    let mut n = 0;
    for &x in a {
        if b.binary_search(&x).is_ok() {
            s += ctx.idf(x);
            n += 1;
        }
    }
    (s, n)
}

fn has_strong_denial(ws: &[Word]) -> Option<usize> {
    for (i, w) in ws.iter().enumerate() {
        if w.is(DENIAL) {
            return Some(i);
        }
        // "not true"
        if i > 0 && ws[i - 1].is(NEG) && w.is_any(keys!["true"]) {
            return Some(i);
        }
    }
    None
}

/// [`has_strong_denial`] of a unit: none without a denial word or a negation among its words.
fn strong_denial(ctx: &Ctx, u: &Unit) -> Option<usize> {
    if u.flags & (DENIAL | NEG) == 0 {
        return None;
    }
    has_strong_denial(ctx.uw(u))
}

/// Stems right after a negation ("never bullied", "nobody had been blocked"): what is denied.
fn negated_stems(ws: &[Word]) -> Vec<u64> {
    let mut out = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        if !w.is(NEG) {
            continue;
        }
        // Hedges ("not just", "not only") and a bare "no" ("one no") deny nothing.
        match ws.get(i + 1) {
            None => continue,
            Some(n) if n.is_any(keys!["just", "only", "least", "longer", "sure"]) => continue,
            _ => {}
        }
        // The predicate denied: the first content word after the negation.
        let reach = if w.is_any(keys!["no"]) { 1 } else { 4 };
        if let Some(v) = ws.iter().skip(i + 1).take(reach).find(|v| is_content_after_negation(v)) {
            out.push(v.stem);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn is_content_after_negation(v: &Word) -> bool {
    v.is(LONG) && !v.is(STOP | LEXICON | TIME)
}

/// Does a negation sit within four words before a word whose stem is in `stems` (sorted)?
fn negated_any(ws: &[Word], stems: &[u64]) -> bool {
    ws.iter().enumerate().any(|(i, w)| {
        stems.binary_search(&w.stem).is_ok() && ws[i.saturating_sub(4)..i].iter().any(|v| v.is(NEG))
    })
}

/// After the word at `k`, does the clause refer back ("the claim", "those words", "it", or
/// nothing at all)?
fn refers_back(ws: &[Word], k: usize) -> bool {
    let rest = &ws[k + 1..];
    if rest.is_empty() {
        return true;
    }
    let first = &rest[0];
    if first.is_any(keys!["it", "this", "them"]) && rest.len() <= 2 {
        return true;
    }
    if first.is_any(keys!["the", "those", "these", "that", "this", "such"]) {
        if let Some(n) = rest.get(1) {
            if n.is(CLAIM_NOUN) && rest.get(2).is_none_or(|w| !w.is_any(keys!["that", "of"])) {
                return true;
            }
        }
    }
    false
}

/// "denied that P", "refuted an allegation that P", "disputed X's accusations of P": the index
/// where the claim content starts.
fn inline_claim(ws: &[Word], k: usize) -> Option<usize> {
    let rest = &ws[k + 1..];
    if rest.len() < 3 {
        return None;
    }
    if rest[0].is_any(keys!["that"]) {
        return Some(k + 2);
    }
    let noun = rest.iter().take(6).position(|w| w.is(CLAIM_NOUN))?;
    let next = rest.get(noun + 1)?;
    if next.is_any(keys!["that", "of", "about"]) && rest.len() > noun + 2 {
        return Some(k + 1);
    }
    // "disproves X's claim" with nothing after: still the claim named.
    (noun + 1 == rest.len() && noun >= 1).then_some(k + 1)
}

fn starts_anaphoric(ws: &[Word]) -> bool {
    let Some(first) = ws.first() else { return false };
    first.is_any(keys!["which"]) || (first.is_any(keys!["a", "an"]) && ws.get(1).is_some_and(|w| w.is(CLAIM_NOUN)))
}

struct Found {
    claims: Vec<Side>,
    denials: Vec<Side>,
    /// Topic stems of the claim for the story-wide search.
    topic: Vec<u64>,
    denier: Option<usize>,
    /// Units already used as sides.
    used: Vec<usize>,
    /// Look for the same claim elsewhere in the story.
    search: bool,
}

pub fn find(ctx: &Ctx) -> Vec<Discrepancy> {
    let mut out = Vec::new();
    let index = Index::new(ctx);
    let mut scratch = Scratch::default();
    let units = &ctx.units;
    for (ui, u) in units.iter().enumerate() {
        // Neither a denial word nor a negation: no denial, strong or weak.
        let found = if u.flags & (DENIAL | NEG) == 0 || ctx.copy[ui] {
            None
        } else if let Some(k) = strong_denial(ctx, u) {
            strong(ctx, &index, ui, k)
        } else if u.flags & NEG != 0 && ctx.uh(u).is_some() {
            weak(ctx, &index, ui)
        } else {
            None
        };
        let Some(mut f) = found else { continue };
        related(ctx, &index, &mut scratch, &mut f);
        if f.claims.is_empty() || f.denials.is_empty() {
            continue;
        }
        let gist = f.claims.first().map(|s| gist(ctx, s)).unwrap_or_default();
        let who = f.denier.map(|e| ctx.entity_name(e).to_string()).filter(|n| !n.is_empty());
        let topic = match who {
            Some(n) => format!("Whether {gist} (disputed by {n})"),
            None => format!("Whether {gist} (disputed)"),
        };
        let mut sides = f.claims;
        sides.extend(f.denials);
        out.push(Discrepancy { kind: DiscrepancyKind::ClaimVsDenial, topic, sides });
    }
    out
}

/// The claim in a few words for the topic line.
fn gist(ctx: &Ctx, s: &Side) -> String {
    let body = ctx.body(s.at.doc);
    let ws = ctx.words_in(s.at.doc, &s.at.span);
    let mut from = 0;
    if let Some(t) = ws.iter().take(6).position(|w| w.is_any(keys!["that"])) {
        if t + 1 < ws.len() {
            from = t + 1;
        }
    }
    let to = (from + 12).min(ws.len());
    if from >= to {
        return String::new();
    }
    let mut g = body[text::cover(ws, from, to - 1)].to_string();
    if to < ws.len() {
        g.push('…');
    }
    g
}

fn unit_side(ctx: &Ctx, u: &Unit) -> Side {
    ctx.side_with(u.doc, u.span.clone(), ctx.uh(u).or_else(|| ctx.holder(u.doc, &u.span)))
}

fn span_side(ctx: &Ctx, u: &Unit, span: Span, holder: Option<usize>) -> Side {
    let span = text::trim(ctx.body(u.doc), &span);
    ctx.side_with(u.doc, span, holder)
}

fn strong(ctx: &Ctx, index: &Index, ui: usize, k: usize) -> Option<Found> {
    let u = &ctx.units[ui];
    let ws = ctx.uw(u);
    let mut f = Found { claims: Vec::new(), denials: Vec::new(), topic: Vec::new(), denier: ctx.uh(u), used: vec![ui], search: true };
    if let Some(c) = inline_claim(ws, k) {
        // Split "he refuted | an allegation that P".
        let claim_span = text::cover(ws, c, ws.len() - 1);
        let claim_holder = ctx.entities_in(u.doc, &claim_span).first().copied().filter(|e| Some(*e) != ctx.uh(u));
        let claim_holder = if ws[c].is(POSS) || ws.get(c + 1).is_some_and(|w| w.is(POSS)) {
            claim_holder
        } else {
            None
        };
        f.claims.push(span_side(ctx, u, claim_span, claim_holder));
        f.denials.push(span_side(ctx, u, text::cover(ws, 0, k), ctx.uh(u)));
        f.topic = topic(&ws[c..]);
        // A denied claim that is itself a negation ("X's claim that it was not decided"):
        // clauses elsewhere that share its words may assert either side, so none are added.
        f.search = !ws[c..].iter().any(|w| w.is(NEG));
    } else if starts_anaphoric(ws) {
        // "..., which the party denies": the claim is the clause before.
        // The units of a sentence are consecutive: stop at the first of another sentence.
        let prev =
            (0..ui).rev().take_while(|&j| ctx.units[j].sent == u.sent).find(|&j| index.topic(j).len() >= 2)?;
        let p = &ctx.units[prev];
        f.claims.push(unit_side(ctx, p));
        f.topic = index.topic(prev).to_vec();
        f.used.push(prev);
        f.denials.push(unit_side(ctx, u));
    } else if !ws[k].is(DENIAL_ADJ) && (refers_back(ws, k) || k + 1 == ws.len() || ws[k].is_any(keys!["true"])) {
        f.denials.push(unit_side(ctx, u));
        let elab = elaborations(ctx, ui, &mut f);
        let own = without_holder(ctx, u);
        let mut probe: Vec<u64> = topic(&own);
        probe.extend(elab);
        probe.sort_unstable();
        probe.dedup();
        let prev = antecedent(ctx, index, ui, &probe)?;
        let p = &ctx.units[prev];
        f.claims.push(unit_side(ctx, p));
        f.topic = index.topic(prev).to_vec();
        f.used.push(prev);
        f.search = false;
        return Some(f);
    } else {
        // The denial word with its own object ("misrepresents a conversation"): the clause
        // is the denial, its topic is searched for in the story.
        // Its topic is what the denial word bears on: a few words around it.
        f.denials.push(unit_side(ctx, u));
        let own = without_holder(ctx, u);
        let at = own.iter().position(|w| w.span == ws[k].span).unwrap_or(0);
        let window = &own[at.saturating_sub(3)..(at + 7).min(own.len())];
        f.topic = topic(window);
    }
    elaborations(ctx, ui, &mut f);
    Some(f)
}

/// Clauses that follow a denial in its sentence and give its reasons ("saying …", "- …").
/// Returns their topic stems.
fn elaborations(ctx: &Ctx, ui: usize, f: &mut Found) -> Vec<u64> {
    let u = &ctx.units[ui];
    let body = ctx.body(u.doc);
    let mut stems = Vec::new();
    let mut last_end = u.span.end;
    for (j, n) in ctx.units.iter().enumerate().skip(ui + 1) {
        if n.sent != u.sent || n.doc != u.doc {
            break;
        }
        let gap = body.get(last_end..n.span.start).unwrap_or("");
        let dash = gap.contains(['-', '–', '—']);
        let lead = ctx.uw(n)[0].is_any(keys!["saying", "adding", "insisting", "arguing", "explaining"]);
        if !(dash || lead) || n.quote.is_some() {
            break;
        }
        let from = usize::from(lead);
        if from >= ctx.uw(n).len() {
            break;
        }
        // Keep the first reason only, up to an "and" that starts a new one.
        let mut to = ctx.uw(n).len() - 1;
        if let Some(a) = ctx.uw(n).iter().skip(from + 3).position(|w| w.is_any(keys!["and"])) {
            to = from + 3 + a - 1;
        }
        let span = text::cover(ctx.uw(n), from, to);
        f.denials.push(span_side(ctx, n, span, ctx.uh(u)));
        stems.extend(topic(ctx.uw(n)));
        f.used.push(j);
        last_end = n.span.end;
    }
    stems
}

/// The clause a "the claim" / "those words" points back to: the best topical match among the
/// unit's own sentence and the three before it in the same document.
fn antecedent(ctx: &Ctx, index: &Index, ui: usize, probe: &[u64]) -> Option<usize> {
    let u = &ctx.units[ui];
    let mut best: Option<(f64, usize)> = None;
    for (j, p) in ctx.units[..ui].iter().enumerate().rev() {
        if p.doc != u.doc || u.sent.saturating_sub(p.sent) > 5 {
            if p.doc != u.doc || p.sent + 5 < u.sent {
                break;
            }
            continue;
        }
        let t = index.topic(j);
        if t.len() < 2 || strong_denial(ctx, p).is_some() {
            continue;
        }
        let (s, _) = shared_score(ctx, t, probe);
        let distance = (u.sent - p.sent) as f64;
        let bonus = if ctx.uw(p).iter().any(|w| w.is(CLAIM)) { 1.0 } else { 0.0 }
            + if p.quote.is_some() { 1.0 } else { 0.0 };
        let score = s + bonus - 0.4 * distance;
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, j));
        }
    }
    best.map(|(_, j)| j)
}

/// The unit's words minus those naming its holder: a denier's own name says nothing about
/// what is denied.
fn without_holder(ctx: &Ctx, u: &Unit) -> Vec<Word> {
    let Some(h) = ctx.uh(u) else { return ctx.uw(u).to_vec() };
    let names = ctx.mention_spans(u.doc, &u.span, h);
    ctx.uw(u).iter().filter(|w| !names.iter().any(|m| m.start <= w.span.start && w.span.end <= m.end)).cloned().collect()
}

fn weak(ctx: &Ctx, index: &Index, ui: usize) -> Option<Found> {
    let u = &ctx.units[ui];
    let ws = ctx.uw(u);
    // "never used those words": a negated reference to an earlier quote.
    if let Some(k) = ws.iter().position(|w| w.is(NEG)) {
        let noun_ref = ws[k + 1..]
            .windows(2)
            .take(3)
            .any(|p| p[0].is_any(keys!["those", "these", "the", "that", "such"]) && p[1].is(CLAIM_NOUN));
        if noun_ref {
            let mut f = Found {
                claims: Vec::new(),
                denials: vec![unit_side(ctx, u)],
                topic: Vec::new(),
                denier: ctx.uh(u),
                used: vec![ui],
                search: false,
            };
            let own = without_holder(ctx, u);
            let prev = antecedent(ctx, index, ui, &topic(&own))?;
            let p = &ctx.units[prev];
            f.claims.push(unit_side(ctx, p));
            f.used.push(prev);
            return Some(f);
        }
    }
    // A denial must be somebody's statement.
    if u.quote.is_none() && !index.claim_like_at(ui, u) {
        return None;
    }
    let neg = negated_stems(ctx.uw(u));
    if neg.is_empty() {
        return None;
    }
    Some(Found {
        claims: Vec::new(),
        denials: vec![unit_side(ctx, u)],
        topic: neg,
        denier: ctx.uh(u),
        used: vec![ui],
        search: true,
    })
}

/// Claims elsewhere in the story on the same topic, best first (at most three, one per
/// sentence). A weak denial (no claim of its own) needs one of these to stand.
/// Per-unit facts the story-wide search needs, computed once: topic stems, and for units that
/// can be claims (claim-like, not denials) an index from stem to units.
struct Index<'c> {
    /// Per unit: its topic stems (see [`topic`]), as its article read them.
    topics: Vec<&'c [u64]>,
    /// The units that can be claims holding each stem, in order, cut by the story's stem
    /// number: `with_stem[stem_starts[s]..stem_starts[s + 1]]` (see [`Index::units_with`]).
    /// Counted into place by stem number, not sorted by stem.
    stem_starts: Vec<u32>,
    with_stem: Vec<u32>,
    /// Per sentence: has a speech or claim word.
    reported: Vec<bool>,
    /// Per unit: has a claim word ("accused", "alleged").
    accusing: Vec<bool>,
}

/// Buffers of the story-wide search, reused from one denial to the next: per unit (score,
/// shared stems), the units touched, and the scores of each topic searched so far.
#[derive(Default)]
struct Scratch {
    score: Vec<(f64, u32)>,
    touched: Vec<usize>,
    /// Topic → index in `scored`. Copies of one denial search the same topic: the scores
    /// through the index depend on the topic alone, so they are summed once.
    topics: KeyMap<u64, Vec<usize>>,
    scored: Vec<Scored>,
}

/// The units a topic can find: those whose shared-topic score could reach the bar.
struct Scored {
    topic: Vec<u64>,
    /// (unit, summed rarity of shared stems, shared stems), by unit.
    units: Vec<(u32, f64, u32)>,
}

impl<'c> Index<'c> {
    fn new(ctx: &'c Ctx) -> Self {
        let topics: Vec<&[u64]> = ctx.units.iter().map(|u| ctx.topic(u)).collect();
        let reported: Vec<bool> = ctx.sents.iter().map(|s| s.flags & (SPEECH | CLAIM) != 0).collect();
        let accusing: Vec<bool> = ctx.units.iter().map(|u| u.flags & CLAIM != 0).collect();
        let mut index = Index { topics, stem_starts: Vec::new(), with_stem: Vec::new(), reported, accusing };
        // (story stem number, unit), in unit order.
        let mut entries: Vec<(u32, u32)> = Vec::new();
        for (j, u) in ctx.units.iter().enumerate() {
            if ctx.copy[j] || !index.claim_like_at(j, u) || strong_denial(ctx, u).is_some() {
                continue;
            }
            entries.extend(ctx.topic_sids(u).filter(|&s| s < ctx.stem_count()).map(|s| (s as u32, j as u32)));
        }
        let mut starts = vec![0u32; ctx.stem_count() + 1];
        for &(s, _) in &entries {
            starts[s as usize + 1] += 1;
        }
        for s in 0..ctx.stem_count() {
            starts[s + 1] += starts[s];
        }
        let mut fill = starts.clone();
        let mut with = vec![0u32; entries.len()];
        for &(s, j) in &entries {
            with[fill[s as usize] as usize] = j;
            fill[s as usize] += 1;
        }
        index.stem_starts = starts;
        index.with_stem = with;
        index
    }

    /// The units that can be claims holding the stem numbered `sid` ([`Ctx::sid_of`]), in order.
    fn units_with(&self, sid: usize) -> &[u32] {
        match (self.stem_starts.get(sid), self.stem_starts.get(sid + 1)) {
            (Some(&lo), Some(&hi)) => &self.with_stem[lo as usize..hi as usize],
            _ => &[],
        }
    }

    /// Topic stems of unit `j`, sorted and distinct (as [`topic`] gives them).
    fn topic(&self, j: usize) -> &'c [u64] {
        self.topics.get(j).copied().unwrap_or(&[])
    }

    /// Is unit `j` (`u`) somebody's claim: an accusation, a quote, or reported speech?
    fn claim_like_at(&self, j: usize, u: &Unit) -> bool {
        u.quote.is_some() || self.accusing[j] || self.reported.get(u.sent).copied().unwrap_or(false)
    }
}

/// The units that topic `t` (sorted, distinct) can find, with their shared-topic scores: an
/// index into `scratch.scored`.
fn scores(ctx: &Ctx, index: &Index, scratch: &mut Scratch, t: &[u64]) -> usize {
    let h = t.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &x| (h ^ x).wrapping_mul(0x0100_0000_01b3));
    let Scratch { score, touched, topics, scored } = scratch;
    let seen = topics.entry(h).or_default();
    if let Some(&k) = seen.iter().find(|&&k| scored[k].topic == t) {
        return k;
    }
    // Shared-topic scores of every indexed unit sharing a stem, accumulated through the index
    // (in the order of `t`, as a pairwise sum would add them).
    score.resize(ctx.units.len(), (0.0, 0));
    for &x in t {
        let Some(sid) = ctx.sid_of(x) else { continue };
        let js = index.units_with(sid);
        if js.is_empty() {
            continue;
        }
        let idf = ctx.idf_by_sid(sid);
        for &j in js {
            let j = j as usize;
            let e = &mut score[j];
            if e.1 == 0 {
                touched.push(j);
            }
            e.0 += idf;
            e.1 += 1;
        }
    }
    let mut units = Vec::new();
    for &j in touched.iter() {
        let (s, n) = std::mem::replace(&mut score[j], (0.0, 0));
        // The bonuses add at most 2.5: skip what cannot reach the bar.
        if n == 0 || s + 2.5 < 4.5 {
            continue;
        }
        units.push((j as u32, s, n));
    }
    touched.clear();
    seen.push(scored.len());
    scored.push(Scored { topic: t.to_vec(), units });
    scored.len() - 1
}

fn related(ctx: &Ctx, index: &Index, scratch: &mut Scratch, f: &mut Found) {
    if f.topic.is_empty() || !f.search {
        return;
    }
    let mut t: Vec<u64> = f.topic.clone();
    t.sort_unstable();
    t.dedup();
    // Even a unit sharing every stem scores at most their summed rarity, and the bonuses add
    // at most 2.5 to reach the bar of 4.5: below that, nothing can be found.
    if t.iter().map(|&x| ctx.idf(x)).sum::<f64>() + 2.5 < 4.5 - 1e-9 {
        return;
    }
    let k = scores(ctx, index, scratch, t.as_slice());
    // No order needed: the candidates are sorted by (score, unit) below.
    let mut cands: Vec<(f64, usize)> = Vec::new();
    for &(j, s, n) in &scratch.scored[k].units {
        let (j, mut s) = (j as usize, s);
        let u = &ctx.units[j];
        if f.used.contains(&j) {
            continue;
        }
        if f.denier.is_some() && ctx.uh(u) == f.denier {
            continue;
        }
        let ut = index.topic(j);
        let accusing = index.accusing[j];
        // A claim about the denier ("accused X of …") is the strongest link.
        let target = accusing && f.denier.is_some_and(|d| ctx.mentions_entity(u.doc, &u.span, d));
        if target {
            s += 1.5;
        }
        if accusing {
            s += 1.0;
        }
        // Cheap bars first: the score, and enough shared words (names only lower the count).
        if s < 4.5 || (n < 2 && !target) {
            continue;
        }
        // Shared names (capitalised inside the clause, after its first word) say who, not
        // what: they add to the score but do not count as shared topic words.
        let names = || ctx.uw(u).iter().skip(1).filter(|w| w.is(LONG) && w.is(CAP));
        let mut n = 0;
        let mut base = 0.0;
        for &x in &t {
            if ut.binary_search(&x).is_ok() && !names().any(|w| w.stem == x) {
                n += 1;
                base += ctx.idf(x);
            }
        }
        // The claim must assert, not deny, the topic.
        if s >= 4.5 && ((n >= 2 && base >= 3.5) || (target && n >= 1 && base >= 2.0)) && !(u.flags & NEG != 0 && negated_any(ctx.uw(u), &t)) {
            cands.push((s, j));
        }
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut sents: Vec<usize> = f.used.iter().map(|&j| ctx.units[j].sent).collect();
    let mut taken = 0;
    for (_, j) in cands {
        let u = &ctx.units[j];
        if sents.contains(&u.sent) {
            continue;
        }
        sents.push(u.sent);
        f.claims.push(unit_side(ctx, u));
        f.used.push(j);
        taken += 1;
        if taken == 2 {
            break;
        }
    }
}
