//! Event mentions of one document: finite verbs of sentences that report an occurrence,
//! each with the time expression it owns (if any) and the date it gets.
//!
//! Dating rules, in order:
//! 1. a verb owns the nearest time expression of its sentence (each expression goes to one
//!    verb; a clause boundary between them counts as distance), and takes its date;
//! 2. relative expressions ("the night before", "one year later") are re-anchored on the last
//!    date the article mentioned before them, not on the publication date;
//! 3. an undated simple-past action verb takes the date of a dated verb of its own sentence,
//!    else the article's running reference date (the last day-precise date it mentioned:
//!    "then", "later" and plain narration continue from there), else the publication date;
//!    a present-perfect one ("has filed") takes the publication date;
//! 4. anything else (plain "said" without a date, future without a date, verbs inside
//!    quotations without a date, states) is not an event.

use super::dates::{parse_duration, parse_value, Prec, When};
use super::words::*;
use crate::TextRef;
use parallax_core::{DocAnalysis, Document, ParagraphRole, QuoteKind, Span, TimeExpression, TimexType};

/// How a mention got its date (explicit dates outvote inherited ones when mentions merge).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    Inherited,
    Explicit,
}

/// One event mention in one document.
#[derive(Debug, Clone)]
pub struct Mention {
    pub doc: usize,
    pub date: Option<(When, Source)>,
    /// Clause span first, then the verb-to-date span, then the verb groups (≤ 3 tokens).
    pub evidence: Vec<Span>,
    /// Words of a short headline (subject, verb group, object) as token spans of the body:
    /// the text is only built for the mention that represents its event.
    pub headline: Vec<Span>,
    /// Whether the clause has a subject before its verb (a better headline).
    pub has_subject: bool,
    /// Hashed stems of the clause's content words, sorted and deduplicated.
    pub bag: Vec<u64>,
    /// Hashed stem of the head verb.
    pub head: u64,
    /// Occurrence families of the mention: the head verb's first, then the event nouns of
    /// its clause ("suspended" / "suspension" / "was suspended" share one).
    pub fams: Vec<u64>,
    /// The head says that someone spoke or reacted ("said", "responded"), or is a light verb
    /// ("made", "took"): such a family alone does not identify an occurrence.
    pub generic: bool,
    /// The clause is subordinate ("when he went public", "since the strike began"):
    /// background that restates an occurrence more often than it reports one.
    pub subordinate: bool,
}

/// How many sentences after a day-precise date plain narration still continues from it.
const NARRATION_WINDOW: usize = 100;
/// Whether an undated simple-past action far from any date takes the publication date.
const UNDATED_TO_PUBLICATION: bool = false;

/// A verb found in a sentence.
struct Verb {
    /// Token index of the main verb.
    tok: usize,
    /// Token index where its group starts (auxiliaries, adverbs).
    group_start: usize,
    /// Token index one past the group (a particle may follow the verb).
    group_end: usize,
    future: bool,
    perfect: bool,
    past: bool,
    /// Verbs chained to this one ("began accusing", "voted to refer").
    chained: Vec<(usize, usize)>,
}

/// A time expression resolved to a date, with its first token index in the sentence.
struct Timex {
    span: Span,
    when: When,
    tok: usize,
}

const WEEKDAYS_MONTHS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "today", "yesterday", "tonight", "tomorrow",
];

/// Relative to another event, not to the publication date ("the night before", "a week
/// later") — unless it names a day or month itself ("earlier on Thursday").
fn relative_direction(text: &str) -> Option<i64> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    if words.iter().any(|w| WEEKDAYS_MONTHS.contains(w) || w.bytes().all(|b| b.is_ascii_digit()) && w.len() == 4) {
        return None;
    }
    if words.iter().any(|w| matches!(*w, "before" | "earlier" | "previous" | "prior" | "preceding")) {
        Some(-1)
    } else if words.iter().any(|w| matches!(*w, "later" | "after" | "following" | "afterwards" | "subsequent")) {
        Some(1)
    } else {
        None
    }
}

/// Resolves every time expression of the document in text order, carrying the reference
/// date that relative expressions hang on. Returns (span, date) pairs in text order.
pub(super) fn resolve_times(doc: &Document, times: &[TimeExpression]) -> Vec<(Span, When)> {
    let published = doc.published;
    let pub_when = published.map(When::day);
    let mut sorted: Vec<&TimeExpression> = times.iter().collect();
    sorted.sort_by_key(|t| t.span.start);
    let mut reference: Option<When> = None;
    let mut out = Vec::new();
    for t in sorted {
        // A span that is not a slice of this body cannot be cited: ignore it.
        let Some(text) = doc.body.get(t.span.clone()) else { continue };
        let resolved = match t.kind {
            TimexType::Set => None,
            TimexType::Duration => match (relative_direction(text), parse_duration(&t.value), reference) {
                (Some(dir), Some((days, prec)), Some(r)) => {
                    let mut w = r.shifted_days(dir * days);
                    w.precision = prec.min(r.precision);
                    Some(w)
                }
                _ => None,
            },
            TimexType::Date | TimexType::Time => {
                let naive = parse_value(&t.value, published);
                match (relative_direction(text), naive, pub_when, reference) {
                    (Some(_), Some(v), Some(p), Some(r)) if v.precision == Prec::Day && r.precision == Prec::Day => {
                        Some(r.shifted_days(v.ordinal() - p.ordinal()))
                    }
                    _ => naive,
                }
            }
        };
        if let Some(w) = resolved {
            if w.precision == Prec::Day {
                reference = Some(w);
            }
            out.push((t.span.clone(), w));
        }
    }
    out
}

fn is_boundary_punct(s: &str) -> bool {
    // Most gaps between words are one space: answer those without scanning.
    if s.bytes().all(|b| b == b' ') {
        return false;
    }
    s.chars().any(|c| matches!(c, ',' | ';' | ':' | '(' | ')' | '"' | '“' | '”' | '—' | '–' | '[' | ']'))
        || s.contains(" - ")
}

fn is_strong_punct(s: &str) -> bool {
    if s.bytes().all(|b| b == b' ') {
        return false;
    }
    s.chars().any(|c| matches!(c, ';' | ':' | '(' | ')' | '"' | '“' | '”' | '—' | '–'))
}

/// Finite verbs of a sentence, in order.
fn find_verbs(body: &str, toks: &[Token]) -> Vec<Verb> {
    let mut verbs: Vec<Verb> = Vec::new();
    let gap = |a: usize, b: usize| body.get(toks[a].span.end..toks[b].span.start).unwrap_or("");
    let mut i = 0;
    while i < toks.len() {
        let w = toks[i].lower();
        let prev = i.checked_sub(1).map(|p| toks[p].lower());
        let joined = |p: usize| !is_boundary_punct(gap(p, p + 1));
        // Walk back over the group: auxiliaries and group adverbs directly before.
        let mut start = i;
        let mut has_aux = false;
        while start > 0 && joined(start - 1) && (is_auxiliary(&toks[start - 1].lower()) || is_group_adverb(&toks[start - 1].lower())) {
            has_aux |= is_auxiliary(&toks[start - 1].lower());
            start -= 1;
        }
        while start < i && !is_auxiliary(&toks[start].lower()) {
            start += 1; // a group starts at its first auxiliary, not at a stray adverb
        }
        let group = &toks[start..i];
        let future = group.iter().any(|g| is_future_marker(g.lower()))
            || (i >= 2 && toks[i - 1].lower() == "to" && matches!(toks[i - 2].lower(), "due" | "scheduled" | "set" | "expected" | "planned" | "plans" | "plan" | "poised"));
        let after_modal = i > 0 && joined(i - 1) && toks[i - 1].lower() != "to" && (is_future_marker(&toks[start.min(i - 1)].lower()) && has_aux);
        let capital_inside = toks[i].capital && i > 0;
        let det_before = prev.is_some_and(is_determiner) && !has_aux;
        // A copula with no verb after it is the main verb ("was back in the capital on Tuesday").
        let copula = matches!(w, "was" | "were" | "is" | "are") && {
            let mut k = i + 1;
            while k < toks.len() && is_group_adverb(&toks[k].lower()) {
                k += 1;
            }
            k >= toks.len() || !(is_past_form(&toks[k].lower()) || toks[k].lower().ends_with("ing") || toks[k].lower() == "to")
        };
        if copula && !capital_inside {
            verbs.push(Verb { tok: i, group_start: i, group_end: i + 1, future: false, perfect: false, past: w.starts_with('w'), chained: Vec::new() });
            i += 1;
            continue;
        }
        let is_verb = !capital_inside
            && w.chars().all(|c| c.is_alphabetic() || c == '\'' || c == '-')
            && !is_auxiliary(w)
            && !is_group_adverb(w)
            && ((is_past_form(w) && !det_before)
                || (is_present_event_verb(w) && !det_before && prev.is_some_and(|p| !matches!(p, "the" | "a" | "an" | "to")))
                || (after_modal && !is_determiner(w))
                || (future && i >= 2 && toks[i - 1].lower() == "to")
                || (i >= 1 && toks[i - 1].lower() == "to" && joined(i - 1) && i >= 2 && !is_determiner(w) && w.len() > 2 && !w.ends_with("ing") && !toks[i - 2].lower().ends_with("ed") && !matches!(toks[i - 2].lower(), "due" | "up" | "according" | "next" | "close" | "similar" | "compared" | "thanks" | "back" | "access" | "return" | "prior" | "addition")));
        if !is_verb {
            i += 1;
            continue;
        }
        let perfect = group.iter().any(|g| matches!(g.lower(), "has" | "have" | "'ve" | "he's" | "she's" | "it's" | "they've" | "we've"))
            && !group.iter().any(|g| g.lower() == "being");
        let present_passive = group.iter().any(|g| matches!(g.lower(), "is" | "are" | "am")) && !perfect;
        let infinitive = i >= 1 && toks[i - 1].lower() == "to";
        let past = !future && !infinitive && is_past_form(w) && !present_passive;
        let mut end = i + 1;
        if end < toks.len() && joined(i) && is_particle(&toks[end].lower()) && end - start < 3 {
            end += 1;
        }
        // Chained verbs: "voted to refer", "began accusing", "started by hinting".
        if let Some(last) = verbs.last_mut() {
            let between = last.group_end..start;
            let chained = last.group_end <= start
                && between.len() <= 2
                && between.clone().all(|k| matches!(toks[k].lower(), "to" | "by" | "on"))
                && (last.group_end..=start).all(|k| k == 0 || joined(k - 1));
            if chained {
                last.chained.push((start, end));
                i = end;
                continue;
            }
        }
        verbs.push(Verb { tok: i, group_start: start, group_end: end, future, perfect, past, chained: Vec::new() });
        i = end;
    }
    // Participles ("began accusing", ", saying", "by walking") and event nouns ("filed a
    // lawsuit") are words of the nearest verb's event: extra evidence, not new events.
    if !verbs.is_empty() {
        for k in 0..toks.len() {
            let w = toks[k].lower();
            let participle = w.ends_with("ing") && w.len() > 5 && !toks[k].capital
                && k > 0 && !is_determiner(&toks[k - 1].lower()) && !is_event_noun(w)
                && !matches!(w, "during" | "according" | "including" | "following" | "morning" | "evening" | "nothing" | "something" | "anything" | "everything" | "building" | "meeting" | "funding" | "spending");
            let noun = is_event_noun(w) && !toks[k].capital;
            if !(participle || noun) || verbs.iter().any(|v| (v.group_start..v.group_end).contains(&k) || v.chained.iter().any(|c| (c.0..c.1).contains(&k))) {
                continue;
            }
            let nearest = verbs.iter().enumerate().min_by_key(|(_, v)| {
                let d = if k < v.group_start { v.group_start - k + 1 } else { k.saturating_sub(v.group_end) };
                let crossing = (k.min(v.group_start)..k.max(v.group_end)).filter(|&j| j + 1 < toks.len() && is_strong_punct(gap(j, j + 1))).count();
                d + 6 * crossing
            });
            if let Some((vi, _)) = nearest {
                let mut end = k + 1;
                // "court case", "keynote address": keep a modifier noun before an event noun.
                let start = if noun && k > 0 && !is_stopword(&toks[k - 1].lower()) && !toks[k - 1].capital && !is_past_form(&toks[k - 1].lower()) && !is_boundary_punct(gap(k - 1, k)) { k - 1 } else { k };
                if participle && end < toks.len() && is_particle(&toks[end].lower()) {
                    end += 1;
                }
                verbs[vi].chained.push((start, end));
            }
        }
    }
    verbs
}

/// Token distance from a time expression to a verb, counting a clause boundary as 4.
fn distance(body: &str, toks: &[Token], verb: &Verb, timex_tok: usize) -> usize {
    let (a, b) = if timex_tok < verb.group_start { (timex_tok, verb.group_start) } else { (verb.group_end.min(timex_tok), timex_tok) };
    let mut d = b.saturating_sub(a);
    if timex_tok < verb.group_start {
        d += 1; // a date usually follows its verb
    }
    for k in a..b {
        if k > a && is_clause_opener(&toks[k].lower()) && !matches!(toks[k].lower(), "after" | "before" | "since" | "as") {
            d += 4;
        }
        if k + 1 < toks.len() && is_strong_punct(body.get(toks[k].span.end..toks[k + 1].span.start).unwrap_or("")) {
            d += 4;
        }
    }
    d
}

/// Token range of the clause around a verb: out to punctuation or a clause opener.
fn clause_bounds(body: &str, toks: &[Token], v: &Verb) -> (usize, usize) {
    let gap = |k: usize| body.get(toks[k].span.end..toks[k + 1].span.start).unwrap_or("");
    let mut s = v.group_start;
    while s > 0 && !is_boundary_punct(gap(s - 1)) && !is_clause_opener(&toks[s - 1].lower()) && v.group_start - s < 12 {
        s -= 1;
    }
    // Keep a subordinator ("When he went public ...") but not "and"/"that"/"which".
    if s > 0 && !is_boundary_punct(gap(s - 1)) && matches!(toks[s - 1].lower(), "when" | "after" | "before" | "while" | "as" | "since" | "until") {
        s -= 1;
    }
    // Chained verbs right after the group ("voted to refer") extend the clause.
    let mut e = v.chained.iter().filter(|c| c.0 >= v.group_end && c.0 <= v.group_end + 2).map(|c| c.1).max().unwrap_or(v.group_end).min(toks.len());
    while e < toks.len() && !is_boundary_punct(gap(e - 1)) && !is_clause_opener(&toks[e].lower()) && e - v.group_end < 12 {
        e += 1;
    }
    (s, e)
}

/// FNV-1a: cheap, deterministic hashing of stems for the pairwise comparisons of merging.
fn hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Maximum words of an event's headline.
const HEADLINE_WORDS: usize = 12;

/// A short headline of the occurrence: the subject (cut before a modifier: "Talks aimed at
/// ending …" → "Talks"), the verb group with its chained verbs, and the object up to the end
/// of the clause, at most [`HEADLINE_WORDS`] words. Leading conjunctions and subordinators
/// are dropped. Returns the word spans and whether a subject was found.
fn headline(toks: &[Token], v: &Verb, cs: usize, ce: usize, timex_tok: &dyn Fn(usize) -> bool) -> (Vec<Span>, bool) {
    let mut s = cs;
    while s < v.group_start && (is_clause_opener(toks[s].lower()) || matches!(toks[s].lower(), "then" | "also" | "once")) {
        s += 1;
    }
    // Subject: drop date words, cut before a participle, relative or preposition.
    let mut subject: Vec<usize> = Vec::new();
    for k in s..v.group_start {
        let w = toks[k].lower();
        if timex_tok(k) || matches!(w, "on" | "in" | "at" | "last" | "earlier" | "later" | "this") && subject.is_empty() {
            continue;
        }
        if !subject.is_empty() && !toks[k].capital && (is_past_form(w) || w.ends_with("ing") || matches!(w, "at" | "in" | "on" | "for" | "from" | "with" | "who" | "which" | "over" | "after" | "before" | "during")) {
            break;
        }
        subject.push(k);
    }
    if subject.len() > 5 {
        subject.drain(..subject.len() - 5);
    }
    let mut words: Vec<usize> = subject.clone();
    let verb_end = v.chained.iter().filter(|c| c.0 >= v.group_end && c.0 <= v.group_end + 2).map(|c| c.1).max().unwrap_or(v.group_end);
    words.extend(v.group_start..verb_end.min(toks.len()));
    let mut k = verb_end;
    while k < ce.min(toks.len()) && words.len() < HEADLINE_WORDS {
        words.push(k);
        k += 1;
    }
    // Do not end on a function word ("… accused BHC of").
    while words.len() > subject.len() + 1 && words.last().is_some_and(|&k| k >= verb_end && is_stopword(toks[k].lower()) && !timex_tok(k)) {
        words.pop();
    }
    (words.into_iter().map(|k| toks[k].span.clone()).collect(), !subject.is_empty())
}

/// Heads that do not identify an occurrence on their own: speech and reaction verbs and
/// light verbs.
fn is_generic(head: &str) -> bool {
    is_plain_speech(head)
        || matches!(
            head,
            "responded" | "reacted" | "warned" | "laughed" | "denied" | "repeated" | "rejected" | "confirmed" | "made" | "took"
                | "got" | "gave" | "came" | "went" | "saw" | "did" | "was" | "were" | "is" | "are" | "put" | "kept" | "tried"
                | "began" | "started" | "called" | "claimed" | "accused" | "alleged" | "raised" | "added" | "asked"
        )
}

/// The occurrence family of a head verb or event noun: its stem, with the few common news
/// verbs whose noun or phrasal synonym has another stem mapped together (expel / expulsion /
/// "kicked out", collapse / "broke down", walk out / walkout / strike, meet / met).
fn family(w: &str, particle: Option<&str>) -> u64 {
    let st = stem(w);
    let canon = match (st, particle) {
        ("expel" | "expell" | "expuls" | "ousted" | "ouster", _) => "expel",
        ("booted" | "kicked" | "thrown" | "threw", Some("out")) => "expel",
        ("collap" | "collaps", _) | ("broke" | "broken", Some("down")) => "collapse",
        ("walked" | "walk" | "walks", Some("out")) | ("walkou", _) => "strike",
        ("strike" | "struck", _) => "strike",
        ("met" | "meet" | "meets", _) => "meet",
        ("voted" | "vote" | "votes", _) => "vote",
        ("resign" | "resigns", _) => "resign",
        ("suspen" | "suspends", _) => "suspen",
        ("arrest", _) => "arrest",
        _ => st,
    };
    hash(canon)
}

/// The event mentions of document `doc`.
pub fn document_mentions(doc_index: usize, doc: &Document, analysis: &DocAnalysis) -> Vec<Mention> {
    let body = doc.body.as_str();
    let published = doc.published.map(When::day);
    let resolved = resolve_times(doc, &analysis.times);
    let quotes: Vec<&Span> =
        analysis.quotes.iter().filter(|q| q.kind != QuoteKind::Indirect).map(|q| &q.text).collect();
    let in_quote = |at: usize| quotes.iter().any(|q| q.start <= at && at < q.end);
    let mut out = Vec::new();
    let mut reference: Option<When> = None;
    // Sentence index of the last day-precise date: narration carries it a few sentences only.
    let mut reference_at = 0usize;
    let mut next_time = 0usize;
    // The segment stage already split the body; re-segment only when it did not run.
    let segmented;
    let sentences: &[Span] = if analysis.sentences.is_empty() {
        segmented = parallax_segment::document_sentences(doc);
        &segmented
    } else {
        &analysis.sentences
    };
    let lower_body = body.to_ascii_lowercase();
    for (si, sentence) in sentences.iter().cloned().enumerate() {
        if sentence.end > body.len() || sentence.start >= sentence.end {
            continue;
        }
        if doc.paragraph_of(sentence.start).is_some_and(|p| doc.role(p) == ParagraphRole::Heading) {
            continue;
        }
        let toks = tokens(body, &lower_body, sentence.clone());
        if toks.is_empty() {
            continue;
        }
        // Time expressions of this sentence (resolved list is in text order).
        let mut times: Vec<Timex> = Vec::new();
        let reference_before = reference.filter(|_| si - reference_at <= NARRATION_WINDOW);
        while next_time < resolved.len() && resolved[next_time].0.start < sentence.end {
            let (span, when) = resolved[next_time].clone();
            next_time += 1;
            if span.start < sentence.start {
                continue;
            }
            let tok = toks.partition_point(|t| t.span.end <= span.start).min(toks.len() - 1);
            if when.precision == Prec::Day {
                reference = Some(when);
                reference_at = si;
            }
            times.push(Timex { span, when, tok });
        }
        let verbs = find_verbs(body, &toks);
        if verbs.is_empty() {
            continue;
        }
        // Each time expression goes to its nearest verb; each verb keeps its nearest one.
        let mut owned: Vec<Option<(usize, usize)>> = vec![None; verbs.len()];
        for (ti, t) in times.iter().enumerate() {
            let best = verbs
                .iter()
                .enumerate()
                .map(|(vi, v)| (distance(body, &toks, v, t.tok), vi))
                .min();
            if let Some((d, vi)) = best {
                if d <= 14 && owned[vi].is_none_or(|(od, _)| d < od) {
                    owned[vi] = Some((d, ti));
                }
            }
        }
        // A dated non-future verb of the sentence dates its undated past neighbours.
        let sentence_date = verbs
            .iter()
            .zip(&owned)
            .filter(|(v, _)| !v.future)
            .find_map(|(_, o)| o.map(|(_, ti)| times[ti].when));
        for (vi, v) in verbs.iter().enumerate() {
            let head = toks[v.tok].lower();
            let own = owned[vi].map(|(_, ti)| &times[ti]);
            let date = match own {
                Some(t) => Some((t.when, Source::Explicit)),
                None => {
                    // A plain speech verb reports an occurrence when the sentence opens
                    // with a sequence cue ("Later, a spokesperson said") or when it names a
                    // programme or outlet as listener ("told Checkpoint"): an interview.
                    let speech_event = is_plain_speech(head)
                        && (matches!(toks[0].lower(), "later" | "then" | "afterwards" | "subsequently")
                            || (matches!(head, "told" | "tells") && toks.get(v.group_end).is_some_and(|t| t.capital)));
                    let eventive = !v.future && (v.past || v.perfect || speech_event) && (speech_event || !is_plain_speech(head)) && !is_stative(head)
                        && !in_quote(toks[v.tok].span.start);
                    if !eventive {
                        continue;
                    }
                    let inherited = if v.perfect { published } else { sentence_date.or(reference_before).or(published.filter(|_| UNDATED_TO_PUBLICATION)) };
                    inherited.map(|w| (w, Source::Inherited))
                }
            };
            let (cs, ce) = clause_bounds(body, &toks, v);
            if cs >= ce || ce > toks.len() {
                continue;
            }
            let mut clause = toks[cs].span.start..toks[ce - 1].span.end;
            let mut evidence = Vec::new();
            let group = toks[v.group_start.max(v.group_end.saturating_sub(3))].span.start..toks[v.group_end - 1].span.end;
            let mut core = None;
            if let Some(t) = own {
                clause = clause.start.min(t.span.start)..clause.end.max(t.span.end);
                // The verb-to-date stretch, with the preposition before a date that follows.
                core = Some(if t.span.start >= group.end {
                    group.start..t.span.end
                } else {
                    let prep = t.tok.checked_sub(1).filter(|&k| matches!(toks[k].lower(), "on" | "in" | "at" | "since" | "by" | "from" | "during" | "until"));
                    prep.map_or(t.span.start, |k| toks[k].span.start)..group.end
                });
            }
            evidence.push(clause.clone());
            if let Some(c) = core {
                if c != clause {
                    evidence.push(c);
                }
            }
            if group != clause {
                evidence.push(group.clone());
            }
            for &(a, b) in &v.chained {
                let s = toks[a].span.start..toks[(b - 1).max(a)].span.end;
                if !evidence.contains(&s) {
                    evidence.push(s);
                }
            }
            let mut bag: Vec<u64> = toks[cs..ce]
                .iter()
                .filter(|t| !is_stopword(&t.lower()) && !times.iter().any(|x| x.span.start <= t.span.start && t.span.end <= x.span.end))
                .map(|t| hash(stem(t.lower())))
                .collect();
            bag.sort();
            bag.dedup();
            let timex_tok = |k: usize| times.iter().any(|x| x.span.start <= toks[k].span.start && toks[k].span.end <= x.span.end);
            let (headline, has_subject) = headline(&toks, v, cs, ce, &timex_tok);
            let particle = (v.group_end > v.tok + 1).then(|| toks[v.group_end - 1].lower());
            let mut fams = vec![family(head, particle)];
            for &(a, b) in &v.chained {
                let w = toks[(b - 1).max(a)].lower();
                if is_event_noun(w) {
                    let f = family(w, None);
                    if !fams.contains(&f) {
                        fams.push(f);
                    }
                }
            }
            let subordinate = cs < v.group_start
                && matches!(toks[cs].lower(), "when" | "after" | "before" | "while" | "as" | "since" | "until" | "because" | "although" | "though" | "if" | "once")
                || cs > 0 && matches!(toks[cs - 1].lower(), "that" | "which" | "who" | "whom" | "whose" | "where" | "when" | "since" | "until" | "because" | "if");
            out.push(Mention {
                doc: doc_index,
                date,
                evidence,
                headline,
                has_subject,
                bag,
                head: hash(stem(head)),
                fams,
                generic: is_generic(head),
                subordinate,
            });
        }
    }
    out
}

/// The text references of a mention.
pub fn evidence_refs(m: &Mention) -> Vec<TextRef> {
    m.evidence.iter().map(|s| TextRef { doc: m.doc, span: s.clone() }).collect()
}
