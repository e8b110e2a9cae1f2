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
use super::text::{self, Word};
use crate::{Discrepancy, DiscrepancyKind, Side};
use parallax_core::Span;
use std::collections::HashMap;

fn is_denial_word(w: &str) -> bool {
    matches!(
        w,
        "deny" | "denies" | "denied" | "denying" | "denial" | "denials" | "reject" | "rejects" | "rejected"
            | "rejecting" | "refute" | "refutes" | "refuted" | "refuting" | "rebut" | "rebuts" | "rebutted"
            | "disputed" | "disputing" | "misrepresent" | "misrepresents" | "misrepresented" | "misrepresenting"
            | "untrue" | "smear" | "baseless" | "unfounded" | "disprove" | "disproves" | "disproved"
            | "contradicts" | "contradicted" | "incorrect" | "false" | "falsely"
    )
}

/// Denial words that judge a statement in place ("statements which are incorrect") rather than
/// point back to one.
fn is_adjective(w: &str) -> bool {
    matches!(w, "incorrect" | "false" | "falsely" | "baseless" | "unfounded" | "untrue")
}

fn is_claim_word(w: &str) -> bool {
    matches!(
        w,
        "accuse" | "accuses" | "accused" | "accusing" | "accusation" | "accusations" | "allege" | "alleges"
            | "alleged" | "alleging" | "allegation" | "allegations" | "claim" | "claims" | "claimed" | "claiming"
            | "insists" | "insisted" | "maintains"
    )
}

/// Nouns that name a claim, so "the claim" or "those words" can point back to one.
fn is_claim_noun(w: &str) -> bool {
    matches!(
        w,
        "claim" | "claims" | "allegation" | "allegations" | "accusation" | "accusations" | "suggestion"
            | "suggestions" | "report" | "reports" | "words" | "remarks" | "comments" | "comment" | "charge"
            | "charges" | "condition" | "conditions" | "demand" | "demands" | "idea" | "account" | "version"
            | "assertion" | "criticism" | "characterisation" | "characterization" | "story"
    )
}

fn is_speech_word(w: &str) -> bool {
    matches!(
        w,
        "said" | "says" | "say" | "told" | "tells" | "stated" | "added" | "responded" | "replied" | "argued"
            | "argues" | "warned" | "according" | "wrote" | "explained" | "suggested" | "repeated" | "believes"
    )
}

fn is_lexicon(w: &str) -> bool {
    is_denial_word(w) || is_claim_word(w) || is_speech_word(w) || text::is_negation(w)
}

/// Content stems that carry the topic of a clause.
fn topic(words: &[Word]) -> Vec<&str> {
    let mut out: Vec<&str> = words
        .iter()
        .filter(|w| {
            w.lower.len() >= 3
                && !text::is_stop(&w.lower)
                && !is_lexicon(&w.lower)
                && !text::is_time_word(&w.lower)
                && !w.lower.chars().all(|c| c.is_ascii_digit())
        })
        .map(|w| w.stem.as_str())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn shared_score(ctx: &Ctx, a: &[&str], b: &[&str]) -> (f64, usize) {
    let mut s = 0.0;
    let mut n = 0;
    for x in a {
        if b.binary_search(x).is_ok() {
            s += ctx.idf(x);
            n += 1;
        }
    }
    (s, n)
}

/// Is this unit somebody's claim: an accusation, a quote, or reported speech?
fn claim_like(ctx: &Ctx, u: &Unit) -> bool {
    if u.quote.is_some() || ctx.uw(u).iter().any(|w| is_claim_word(&w.lower)) {
        return true;
    }
    let sent = &ctx.sents[u.sent];
    sent.words.iter().any(|w| is_speech_word(&w.lower) || is_claim_word(&w.lower))
}

fn has_strong_denial(ws: &[Word]) -> Option<usize> {
    for (i, w) in ws.iter().enumerate() {
        if is_denial_word(&w.lower) {
            return Some(i);
        }
        // "not true"
        if w.lower == "true" && i > 0 && text::is_negation(&ws[i - 1].lower) {
            return Some(i);
        }
    }
    None
}

/// Stems right after a negation ("never bullied", "nobody had been blocked"): what is denied.
fn negated_stems(ws: &[Word]) -> Vec<&str> {
    let mut out = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        if !text::is_negation(&w.lower) {
            continue;
        }
        let next = ws.get(i + 1).map_or("", |v| v.lower.as_str());
        // Hedges ("not just", "not only") and a bare "no" ("one no") deny nothing.
        if matches!(next, "just" | "only" | "least" | "longer" | "sure" | "") {
            continue;
        }
        // The predicate denied: the first content word after the negation.
        let reach = if w.lower == "no" { 1 } else { 4 };
        if let Some(v) = ws.iter().skip(i + 1).take(reach).find(|v| {
            v.lower.len() >= 3 && !text::is_stop(&v.lower) && !is_lexicon(&v.lower) && !text::is_time_word(&v.lower)
        }) {
            out.push(v.stem.as_str());
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Does a negation sit within three words before a word with this stem?
fn negated_in(ws: &[Word], stem: &str) -> bool {
    ws.iter().enumerate().any(|(i, w)| {
        w.stem == stem && ws[i.saturating_sub(4)..i].iter().any(|v| text::is_negation(&v.lower))
    })
}

/// After the word at `k`, does the clause refer back ("the claim", "those words", "it", or
/// nothing at all)?
fn refers_back(ws: &[Word], k: usize) -> bool {
    let rest = &ws[k + 1..];
    if rest.is_empty() {
        return true;
    }
    let first = rest[0].lower.as_str();
    if matches!(first, "it" | "this" | "them") && rest.len() <= 2 {
        return true;
    }
    if matches!(first, "the" | "those" | "these" | "that" | "this" | "such") {
        if let Some(n) = rest.get(1) {
            if is_claim_noun(&n.lower) && rest.get(2).is_none_or(|w| !matches!(w.lower.as_str(), "that" | "of")) {
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
    if rest[0].lower == "that" {
        return Some(k + 2);
    }
    let noun = rest.iter().take(6).position(|w| is_claim_noun(&w.lower))?;
    let next = rest.get(noun + 1)?;
    if matches!(next.lower.as_str(), "that" | "of" | "about") && rest.len() > noun + 2 {
        return Some(k + 1);
    }
    // "disproves X's claim" with nothing after: still the claim named.
    (noun + 1 == rest.len() && noun >= 1).then_some(k + 1)
}

fn starts_anaphoric(ws: &[Word]) -> bool {
    let first = ws.first().map(|w| w.lower.as_str()).unwrap_or("");
    first == "which" || (matches!(first, "a" | "an") && ws.get(1).is_some_and(|w| is_claim_noun(&w.lower)))
}

struct Found {
    claims: Vec<Side>,
    denials: Vec<Side>,
    /// Topic stems of the claim for the story-wide search.
    topic: Vec<String>,
    denier: Option<usize>,
    /// Units already used as sides.
    used: Vec<usize>,
    /// Look for the same claim elsewhere in the story.
    search: bool,
}

pub fn find(ctx: &Ctx) -> Vec<Discrepancy> {
    let mut out = Vec::new();
    let index = Index::new(ctx);
    let units = &ctx.units;
    for (ui, u) in units.iter().enumerate() {
        let found = if let Some(k) = has_strong_denial(ctx.uw(u)) {
            strong(ctx, ui, k)
        } else if u.holder.is_some() && ctx.uw(u).iter().any(|w| text::is_negation(&w.lower)) {
            weak(ctx, ui)
        } else {
            None
        };
        let Some(mut f) = found else { continue };
        related(ctx, &index, &mut f);
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
    let ws = text::words(body, &s.at.span);
    let mut from = 0;
    if let Some(t) = ws.iter().take(6).position(|w| w.lower == "that") {
        if t + 1 < ws.len() {
            from = t + 1;
        }
    }
    let to = (from + 12).min(ws.len());
    if from >= to {
        return String::new();
    }
    let mut g = body[text::cover(&ws, from, to - 1)].to_string();
    if to < ws.len() {
        g.push('…');
    }
    g
}

fn unit_side(ctx: &Ctx, u: &Unit) -> Side {
    ctx.side_with(u.doc, u.span.clone(), u.holder.or_else(|| ctx.holder(u.doc, &u.span)))
}

fn span_side(ctx: &Ctx, u: &Unit, span: Span, holder: Option<usize>) -> Side {
    let span = text::trim(ctx.body(u.doc), &span);
    ctx.side_with(u.doc, span, holder)
}

fn strong(ctx: &Ctx, ui: usize, k: usize) -> Option<Found> {
    let u = &ctx.units[ui];
    let ws = ctx.uw(u);
    let mut f = Found { claims: Vec::new(), denials: Vec::new(), topic: Vec::new(), denier: u.holder, used: vec![ui], search: true };
    if let Some(c) = inline_claim(ws, k) {
        // Split "he refuted | an allegation that P".
        let claim_span = text::cover(ws, c, ws.len() - 1);
        let claim_holder = ctx.entities_in(u.doc, &claim_span).first().copied().filter(|e| Some(*e) != u.holder);
        let claim_holder = if ws[c].lower.ends_with("'s") || ws.get(c + 1).is_some_and(|w| w.lower.ends_with("'s")) {
            claim_holder
        } else {
            None
        };
        f.claims.push(span_side(ctx, u, claim_span, claim_holder));
        f.denials.push(span_side(ctx, u, text::cover(ws, 0, k), u.holder));
        f.topic = topic(&ws[c..]).into_iter().map(str::to_string).collect();
        // A denied claim that is itself a negation ("X's claim that it was not decided"):
        // clauses elsewhere that share its words may assert either side, so none are added.
        f.search = !ws[c..].iter().any(|w| text::is_negation(&w.lower));
    } else if starts_anaphoric(ws) {
        // "..., which the party denies": the claim is the clause before.
        let prev = ctx.units[..ui].iter().rposition(|p| p.sent == u.sent && topic(ctx.uw(p)).len() >= 2)?;
        let p = &ctx.units[prev];
        f.claims.push(unit_side(ctx, p));
        f.topic = topic(ctx.uw(p)).into_iter().map(str::to_string).collect();
        f.used.push(prev);
        f.denials.push(unit_side(ctx, u));
    } else if !is_adjective(&ws[k].lower) && (refers_back(ws, k) || k + 1 == ws.len() || ws[k].lower == "true") {
        f.denials.push(unit_side(ctx, u));
        let elab = elaborations(ctx, ui, &mut f);
        let own = without_holder(ctx, u);
        let mut probe: Vec<&str> = topic(&own);
        probe.extend(elab.iter().map(String::as_str));
        probe.sort_unstable();
        probe.dedup();
        let prev = antecedent(ctx, ui, &probe)?;
        let p = &ctx.units[prev];
        f.claims.push(unit_side(ctx, p));
        f.topic = topic(ctx.uw(p)).into_iter().map(str::to_string).collect();
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
        f.topic = topic(window).into_iter().map(str::to_string).collect();
    }
    elaborations(ctx, ui, &mut f);
    Some(f)
}

/// Clauses that follow a denial in its sentence and give its reasons ("saying …", "- …").
/// Returns their topic stems.
fn elaborations(ctx: &Ctx, ui: usize, f: &mut Found) -> Vec<String> {
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
        let first = ctx.uw(n)[0].lower.as_str();
        let lead = matches!(first, "saying" | "adding" | "insisting" | "arguing" | "explaining");
        if !(dash || lead) || n.quote.is_some() {
            break;
        }
        let from = usize::from(lead);
        if from >= ctx.uw(n).len() {
            break;
        }
        // Keep the first reason only, up to an "and" that starts a new one.
        let mut to = ctx.uw(n).len() - 1;
        if let Some(a) = ctx.uw(n).iter().skip(from + 3).position(|w| w.lower == "and") {
            to = from + 3 + a - 1;
        }
        let span = text::cover(ctx.uw(n), from, to);
        f.denials.push(span_side(ctx, n, span, u.holder));
        stems.extend(topic(ctx.uw(n)).into_iter().map(str::to_string));
        f.used.push(j);
        last_end = n.span.end;
    }
    stems
}

/// The clause a "the claim" / "those words" points back to: the best topical match among the
/// unit's own sentence and the three before it in the same document.
fn antecedent(ctx: &Ctx, ui: usize, probe: &[&str]) -> Option<usize> {
    let u = &ctx.units[ui];
    let mut best: Option<(f64, usize)> = None;
    for (j, p) in ctx.units[..ui].iter().enumerate().rev() {
        if p.doc != u.doc || u.sent.saturating_sub(p.sent) > 5 {
            if p.doc != u.doc || p.sent + 5 < u.sent {
                break;
            }
            continue;
        }
        let t = topic(ctx.uw(p));
        if t.len() < 2 || has_strong_denial(ctx.uw(p)).is_some() {
            continue;
        }
        let (s, _) = shared_score(ctx, &t, probe);
        let distance = (u.sent - p.sent) as f64;
        let bonus = if ctx.uw(p).iter().any(|w| is_claim_word(&w.lower)) { 1.0 } else { 0.0 }
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
    let Some(h) = u.holder else { return ctx.uw(u).to_vec() };
    let names = ctx.mention_spans(u.doc, &u.span, h);
    ctx.uw(u).iter().filter(|w| !names.iter().any(|m| m.start <= w.span.start && w.span.end <= m.end)).cloned().collect()
}

fn weak(ctx: &Ctx, ui: usize) -> Option<Found> {
    let u = &ctx.units[ui];
    let ws = ctx.uw(u);
    // "never used those words": a negated reference to an earlier quote.
    if let Some(k) = ws.iter().position(|w| text::is_negation(&w.lower)) {
        let noun_ref = ws[k + 1..]
            .windows(2)
            .take(3)
            .any(|p| matches!(p[0].lower.as_str(), "those" | "these" | "the" | "that" | "such") && is_claim_noun(&p[1].lower));
        if noun_ref {
            let mut f = Found {
                claims: Vec::new(),
                denials: vec![unit_side(ctx, u)],
                topic: Vec::new(),
                denier: u.holder,
                used: vec![ui],
                search: false,
            };
            let own = without_holder(ctx, u);
            let prev = antecedent(ctx, ui, &topic(&own))?;
            let p = &ctx.units[prev];
            f.claims.push(unit_side(ctx, p));
            f.used.push(prev);
            return Some(f);
        }
    }
    let neg = negated_stems(ctx.uw(u));
    if neg.is_empty() {
        return None;
    }
    // A denial must be somebody's statement.
    if u.quote.is_none() && !claim_like(ctx, u) {
        return None;
    }
    Some(Found {
        claims: Vec::new(),
        denials: vec![unit_side(ctx, u)],
        topic: neg.into_iter().map(str::to_string).collect(),
        denier: u.holder,
        used: vec![ui],
        search: true,
    })
}

/// Claims elsewhere in the story on the same topic, best first (at most three, one per
/// sentence). A weak denial (no claim of its own) needs one of these to stand.
/// Per-unit facts the story-wide search needs, computed once: topic stems, and for units that
/// can be claims (claim-like, not denials) an index from stem to units.
struct Index<'c> {
    topics: Vec<Vec<&'c str>>,
    by_stem: HashMap<&'c str, Vec<usize>>,
}

impl<'c> Index<'c> {
    fn new(ctx: &'c Ctx) -> Self {
        let topics: Vec<Vec<&str>> = ctx.units.iter().map(|u| topic(ctx.uw(u))).collect();
        let mut by_stem: HashMap<&str, Vec<usize>> = HashMap::new();
        for (j, u) in ctx.units.iter().enumerate() {
            if has_strong_denial(ctx.uw(u)).is_some() || !claim_like(ctx, u) {
                continue;
            }
            for &t in &topics[j] {
                by_stem.entry(t).or_default().push(j);
            }
        }
        Index { topics, by_stem }
    }
}

fn related(ctx: &Ctx, index: &Index, f: &mut Found) {
    if f.topic.is_empty() || !f.search {
        return;
    }
    let mut t: Vec<&str> = f.topic.iter().map(String::as_str).collect();
    t.sort_unstable();
    t.dedup();
    let mut pool: Vec<usize> = t.iter().filter_map(|x| index.by_stem.get(x)).flatten().copied().collect();
    pool.sort_unstable();
    pool.dedup();
    let mut cands: Vec<(f64, usize)> = Vec::new();
    for j in pool {
        let u = &ctx.units[j];
        if f.used.contains(&j) {
            continue;
        }
        if f.denier.is_some() && u.holder == f.denier {
            continue;
        }
        let ut = &index.topics[j];
        let (mut s, n) = shared_score(ctx, &t, ut);
        // The bonuses below add at most 2.5: skip what cannot reach the bar.
        if n == 0 || s + 2.5 < 4.5 {
            continue;
        }
        // Shared names (capitalised inside the clause) say who, not what: they add to the
        // score but do not count as shared topic words.
        let names: Vec<&str> = ctx.uw(u).iter().skip(1).filter(|w| w.lower.len() >= 3 && ctx.body(u.doc)[w.span.clone()].starts_with(char::is_uppercase)).map(|w| w.stem.as_str()).collect();
        let common: Vec<&&str> = t.iter().filter(|x| ut.binary_search(x).is_ok() && !names.contains(x)).collect();
        let n = common.len();
        let base: f64 = common.iter().map(|x| ctx.idf(x)).sum();
        let accusing = ctx.uw(u).iter().any(|w| is_claim_word(&w.lower));
        // A claim about the denier ("accused X of …") is the strongest link.
        let target = accusing && f.denier.is_some_and(|d| ctx.entities_in(u.doc, &u.span).contains(&d));
        if target {
            s += 1.5;
        }
        if ctx.uw(u).iter().any(|w| is_claim_word(&w.lower)) {
            s += 1.0;
        }
        // The claim must assert, not deny, the topic.
        if t.iter().any(|x| negated_in(ctx.uw(u), x)) {
            continue;
        }
        if s >= 4.5 && ((n >= 2 && base >= 3.5) || (target && n >= 1 && base >= 2.0)) {
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
