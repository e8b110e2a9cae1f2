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
//!
//! Speed: tokens are classified once per document (see [`super::words`]); the rules test
//! bits and compare word keys. A mention's lists (evidence, headline, content bag, families)
//! live in one [`Arena`] per document (joined end to end for the story), and the per-sentence
//! work lists in a reused [`Scratch`], so that finding mentions allocates nothing per word or
//! per mention.

use super::dates::{parse_duration, parse_value, Prec, When};
use super::words::{self, key_in, keys, tag, DocTokens, Token};
use parallax_core::{DocAnalysis, Document, ParagraphRole, QuoteKind, Span, TimeExpression, TimexType};

/// How a mention got its date (explicit dates outvote inherited ones when mentions merge).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    Inherited,
    Explicit,
}

/// A range of a list kept in the [`Arena`].
pub type Slot = (u32, u32);

/// The lists of a story's mentions, stored end to end.
#[derive(Debug, Default, Clone)]
pub struct Arena {
    pub spans: Vec<Span>,
    pub keys: Vec<u64>,
    /// Parallel to `spans` once [`Arena::number_spans`] ran: the first span with the same
    /// bounds, so that evidence is told apart by number, not by hashing bounds.
    pub same: Vec<u32>,
}

impl Arena {
    pub fn spans(&self, s: Slot) -> &[Span] {
        self.spans.get(s.0 as usize..s.1 as usize).unwrap_or(&[])
    }
    pub fn keys(&self, s: Slot) -> &[u64] {
        self.keys.get(s.0 as usize..s.1 as usize).unwrap_or(&[])
    }

    /// Fills `same` (for one article's arena: bounds are compared, not documents).
    pub fn number_spans(&mut self) {
        let mut first: parallax_core::hash::FastMap<(usize, usize), u32> = Default::default();
        self.same.clear();
        for (k, s) in self.spans.iter().enumerate() {
            self.same.push(*first.entry((s.start, s.end)).or_insert(k as u32));
        }
    }
}

/// The lists of a story's mentions: each article's [`Arena`] as it was prepared, by document
/// (a mention's slots index its own article's arena), so the story copies none of them.
#[derive(Clone, Copy)]
pub struct Lists<'a>(pub &'a [&'a Arena]);

impl<'a> Lists<'a> {
    pub fn bag(self, m: &Mention) -> &'a [u64] {
        self.0[m.doc].keys(m.bag)
    }
    pub fn fams(self, m: &Mention) -> &'a [u64] {
        self.0[m.doc].keys(m.fams)
    }
    pub fn evidence(self, m: &Mention) -> &'a [Span] {
        self.0[m.doc].spans(m.evidence)
    }
    /// The numbers of a mention's evidence spans (see [`Arena::same`]), parallel to
    /// [`Lists::evidence`].
    pub fn evidence_numbers(self, m: &Mention) -> &'a [u32] {
        let arena = self.0[m.doc];
        arena.same.get(m.evidence.0 as usize..m.evidence.1 as usize).unwrap_or(&[])
    }
    pub fn headline(self, m: &Mention) -> &'a [Span] {
        self.0[m.doc].spans(m.headline)
    }
}

/// One event mention in one document (plain data: the story copies its articles' mentions
/// wholesale).
#[derive(Debug, Clone, Copy)]
pub struct Mention {
    pub doc: usize,
    pub date: Option<(When, Source)>,
    /// Clause span first, then the verb-to-date span, then the verb groups (≤ 3 tokens).
    pub evidence: Slot,
    /// Words of a short headline (subject, verb group, object) as token spans of the body:
    /// the text is only built for the mention that represents its event.
    pub headline: Slot,
    /// Whether the clause has a subject before its verb (a better headline).
    pub has_subject: bool,
    /// Hashed stems of the clause's content words, sorted and deduplicated.
    pub bag: Slot,
    /// Hashed stem of the head verb.
    pub head: u64,
    /// Occurrence families of the mention: the head verb's first, then the event nouns of
    /// its clause ("suspended" / "suspension" / "was suspended" share one).
    pub fams: Slot,
    /// The head says that someone spoke or reacted ("said", "responded"), or is a light verb
    /// ("made", "took"): such a family alone does not identify an occurrence.
    pub generic: bool,
    /// The clause is subordinate ("when he went public", "since the strike began"):
    /// background that restates an occurrence more often than it reports one.
    pub subordinate: bool,
    /// What makes two mentions worded alike, hashed (see [`super::merge::twin_key`]): it
    /// depends on the article alone, so it is worked out when the article is read.
    pub wording: u64,
    /// Its date's [`When::ordinal`] (0 when undated), worked out when the article is read.
    pub day: i64,
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
}

/// Words chained to a verb ("voted to refer", "began accusing", event nouns of its clause):
/// (verb index, first token, end token), in the order they were found.
type Chain = (usize, usize, usize);

fn chains_of(chains: &[Chain], vi: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    chains.iter().filter(move |c| c.0 == vi).map(|c| (c.1, c.2))
}

/// A time expression resolved to a date, with its first token index in the sentence.
struct Timex {
    span: Span,
    when: When,
    tok: usize,
}

/// Work lists reused from sentence to sentence and document to document.
#[derive(Default)]
pub struct Scratch {
    tokens: DocTokens,
    stems: Vec<u64>,
    verbs: Vec<Verb>,
    chains: Vec<Chain>,
    times: Vec<Timex>,
    owned: Vec<Option<(usize, usize)>>,
    idx: Vec<usize>,
    bag: Vec<u64>,
    quoted: Vec<Span>,
}

const WEEKDAYS_MONTHS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "today", "yesterday", "tonight", "tomorrow",
];

/// Relative to another event, not to the publication date ("the night before", "a week
/// later") — unless it names a day or month itself ("earlier on Thursday").
fn relative_direction(text: &str) -> Option<i64> {
    let is = |w: &str, list: &[&str]| list.iter().any(|l| l.eq_ignore_ascii_case(w));
    let (mut back, mut forward) = (false, false);
    for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if is(w, WEEKDAYS_MONTHS) || w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        back |= is(w, &["before", "earlier", "previous", "prior", "preceding"]);
        forward |= is(w, &["later", "after", "following", "afterwards", "subsequent"]);
    }
    if back {
        Some(-1)
    } else if forward {
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

const K_TO: u64 = words::fnv("to");
const K_BEING: u64 = words::fnv("being");
const SCHEDULED: &[u64] = keys!["due", "scheduled", "set", "expected", "planned", "plans", "plan", "poised"];
const COPULAS: &[u64] = keys!["was", "were", "is", "are"];
const PAST_COPULAS: &[u64] = keys!["was", "were"];
const THE_A_AN_TO: &[u64] = keys!["the", "a", "an", "to"];
const NOT_BEFORE_INFINITIVE: &[u64] = keys![
    "due", "up", "according", "next", "close", "similar", "compared", "thanks", "back", "access", "return",
    "prior", "addition"
];
const PERFECT_AUX: &[u64] = keys!["has", "have", "'ve", "he's", "she's", "it's", "they've", "we've"];
const PRESENT_BE: &[u64] = keys!["is", "are", "am"];
const CHAIN_LINKS: &[u64] = keys!["to", "by", "on"];
const TEMPORAL_OPENERS: &[u64] = keys!["after", "before", "since", "as"];
const SUBORDINATORS: &[u64] = keys!["when", "after", "before", "while", "as", "since", "until"];
const HEADLINE_SKIP: &[u64] = keys!["then", "also", "once"];
const SUBJECT_SKIP: &[u64] = keys!["on", "in", "at", "last", "earlier", "later", "this"];
const SUBJECT_CUT: &[u64] =
    keys!["at", "in", "on", "for", "from", "with", "who", "which", "over", "after", "before", "during"];
const SEQUENCE_CUES: &[u64] = keys!["later", "then", "afterwards", "subsequently"];
const TOLD: &[u64] = keys!["told", "tells"];
const DATE_PREPOSITIONS: &[u64] = keys!["on", "in", "at", "since", "by", "from", "during", "until"];
const SUBORDINATE_OPENERS: &[u64] =
    keys!["when", "after", "before", "while", "as", "since", "until", "because", "although", "though", "if", "once"];
const RELATIVE_BEFORE: &[u64] =
    keys!["that", "which", "who", "whom", "whose", "where", "when", "since", "until", "because", "if"];

/// Finite verbs of a sentence, in order, with the words chained to them.
fn find_verbs(body: &str, toks: &[Token], verbs: &mut Vec<Verb>, chains: &mut Vec<Chain>) {
    verbs.clear();
    chains.clear();
    let n = toks.len();
    let joined = |p: usize| !toks[p].is(tag::BOUND_AFTER);
    let mut i = 0;
    while i < n {
        let t = toks[i];
        let prev = i.checked_sub(1).map(|p| toks[p]);
        // Cheap exit: every rule below needs a verb form, a copula, or "to", an auxiliary or
        // a group adverb right before.
        if !t.is(tag::PAST | tag::PRESENT_EVENT) && !key_in(t.key, COPULAS) && !prev.is_some_and(|p| p.key == K_TO || p.is(tag::AUX | tag::GROUP_ADV)) {
            i += 1;
            continue;
        }
        // Walk back over the group: auxiliaries and group adverbs directly before.
        let mut start = i;
        let mut has_aux = false;
        while start > 0 && joined(start - 1) && toks[start - 1].is(tag::AUX | tag::GROUP_ADV) {
            has_aux |= toks[start - 1].is(tag::AUX);
            start -= 1;
        }
        while start < i && !toks[start].is(tag::AUX) {
            start += 1; // a group starts at its first auxiliary, not at a stray adverb
        }
        let group = &toks[start..i];
        let future = group.iter().any(|g| g.is(tag::FUTURE))
            || (i >= 2 && toks[i - 1].key == K_TO && key_in(toks[i - 2].key, SCHEDULED));
        let after_modal = i > 0 && joined(i - 1) && toks[i - 1].key != K_TO && (toks[start.min(i - 1)].is(tag::FUTURE) && has_aux);
        let capital_inside = t.is(tag::CAPITAL) && i > 0;
        let det_before = prev.is_some_and(|p| p.is(tag::DET)) && !has_aux;
        // A copula with no verb after it is the main verb ("was back in the capital on Tuesday").
        let copula = key_in(t.key, COPULAS) && {
            let mut k = i + 1;
            while k < n && toks[k].is(tag::GROUP_ADV) {
                k += 1;
            }
            k >= n || !(toks[k].is(tag::PAST | tag::ING) || toks[k].key == K_TO)
        };
        if copula && !capital_inside {
            verbs.push(Verb { tok: i, group_start: i, group_end: i + 1, future: false, perfect: false, past: key_in(t.key, PAST_COPULAS) });
            i += 1;
            continue;
        }
        let is_verb = !capital_inside
            && !t.is(tag::AUX | tag::GROUP_ADV)
            && ((t.is(tag::PAST) && !det_before)
                || (t.is(tag::PRESENT_EVENT) && !det_before && prev.is_some_and(|p| !key_in(p.key, THE_A_AN_TO)))
                || (after_modal && !t.is(tag::DET))
                || (future && i >= 2 && toks[i - 1].key == K_TO)
                || (i >= 2
                    && toks[i - 1].key == K_TO
                    && joined(i - 1)
                    && !t.is(tag::DET)
                    && t.is(tag::LONG)
                    && !t.is(tag::ING)
                    && !toks[i - 2].is(tag::ED)
                    && !key_in(toks[i - 2].key, NOT_BEFORE_INFINITIVE)))
            && body.get(t.span()).is_some_and(words::wordy);
        if !is_verb {
            i += 1;
            continue;
        }
        let perfect = group.iter().any(|g| key_in(g.key, PERFECT_AUX)) && !group.iter().any(|g| g.key == K_BEING);
        let present_passive = group.iter().any(|g| key_in(g.key, PRESENT_BE)) && !perfect;
        let infinitive = i >= 1 && toks[i - 1].key == K_TO;
        let past = !future && !infinitive && t.is(tag::PAST) && !present_passive;
        let mut end = i + 1;
        if end < n && joined(i) && toks[end].is(tag::PARTICLE) && end - start < 3 {
            end += 1;
        }
        // Chained verbs: "voted to refer", "began accusing", "started by hinting".
        if let Some(last) = verbs.last() {
            let between = last.group_end..start;
            let chained = last.group_end <= start
                && between.len() <= 2
                && between.clone().all(|k| key_in(toks[k].key, CHAIN_LINKS))
                && (last.group_end..=start).all(|k| k == 0 || joined(k - 1));
            if chained {
                chains.push((verbs.len() - 1, start, end));
                i = end;
                continue;
            }
        }
        verbs.push(Verb { tok: i, group_start: start, group_end: end, future, perfect, past });
        i = end;
    }
    // Participles ("began accusing", ", saying", "by walking") and event nouns ("filed a
    // lawsuit") are words of the nearest verb's event: extra evidence, not new events.
    if verbs.is_empty() {
        return;
    }
    for k in 0..n {
        let t = toks[k];
        let participle = t.is(tag::PARTICIPLE) && !t.is(tag::CAPITAL) && k > 0 && !toks[k - 1].is(tag::DET);
        let noun = t.is(tag::EVENT_NOUN) && !t.is(tag::CAPITAL);
        if !(participle || noun)
            || verbs.iter().any(|v| (v.group_start..v.group_end).contains(&k))
            || chains.iter().any(|c| (c.1..c.2).contains(&k))
        {
            continue;
        }
        let nearest = verbs.iter().enumerate().min_by_key(|(_, v)| {
            let d = if k < v.group_start { v.group_start - k + 1 } else { k.saturating_sub(v.group_end) };
            let crossing = (k.min(v.group_start)..k.max(v.group_end)).filter(|&j| j + 1 < n && toks[j].is(tag::STRONG_AFTER)).count();
            d + 6 * crossing
        });
        if let Some((vi, _)) = nearest {
            let mut end = k + 1;
            // "court case", "keynote address": keep a modifier noun before an event noun.
            let start = if noun && k > 0 && !toks[k - 1].is(tag::STOP | tag::CAPITAL | tag::PAST) && joined(k - 1) { k - 1 } else { k };
            if participle && end < n && toks[end].is(tag::PARTICLE) {
                end += 1;
            }
            chains.push((vi, start, end));
        }
    }
}

/// Token distance from a time expression to a verb, counting a clause boundary as 4.
fn distance(toks: &[Token], verb: &Verb, timex_tok: usize) -> usize {
    let (a, b) = if timex_tok < verb.group_start { (timex_tok, verb.group_start) } else { (verb.group_end.min(timex_tok), timex_tok) };
    let mut d = b.saturating_sub(a);
    if timex_tok < verb.group_start {
        d += 1; // a date usually follows its verb
    }
    for k in a..b {
        if k > a && toks[k].is(tag::OPENER) && !key_in(toks[k].key, TEMPORAL_OPENERS) {
            d += 4;
        }
        if k + 1 < toks.len() && toks[k].is(tag::STRONG_AFTER) {
            d += 4;
        }
    }
    d
}

/// End of a verb's group with the verbs chained right after it ("voted to refer").
fn verb_end(v: &Verb, chains: &[Chain], vi: usize) -> usize {
    chains_of(chains, vi).filter(|c| c.0 >= v.group_end && c.0 <= v.group_end + 2).map(|c| c.1).max().unwrap_or(v.group_end)
}

/// Token range of the clause around a verb: out to punctuation or a clause opener.
fn clause_bounds(toks: &[Token], v: &Verb, verb_end: usize) -> (usize, usize) {
    let mut s = v.group_start;
    while s > 0 && !toks[s - 1].is(tag::BOUND_AFTER | tag::OPENER) && v.group_start - s < 12 {
        s -= 1;
    }
    // Keep a subordinator ("When he went public ...") but not "and"/"that"/"which".
    if s > 0 && !toks[s - 1].is(tag::BOUND_AFTER) && key_in(toks[s - 1].key, SUBORDINATORS) {
        s -= 1;
    }
    // Chained verbs right after the group ("voted to refer") extend the clause.
    let mut e = verb_end.min(toks.len());
    while e < toks.len() && !toks[e - 1].is(tag::BOUND_AFTER) && !toks[e].is(tag::OPENER) && e - v.group_end < 12 {
        e += 1;
    }
    (s, e)
}

/// Maximum words of an event's headline.
const HEADLINE_WORDS: usize = 12;

/// A short headline of the occurrence: the subject (cut before a modifier: "Talks aimed at
/// ending …" → "Talks"), the verb group with its chained verbs, and the object up to the end
/// of the clause, at most [`HEADLINE_WORDS`] words. Leading conjunctions and subordinators
/// are dropped. Pushes the word spans and returns whether a subject was found.
fn headline(toks: &[Token], v: &Verb, verb_end: usize, cs: usize, ce: usize, words: &mut Vec<usize>, out: &mut Vec<Span>) -> bool {
    let mut s = cs;
    while s < v.group_start && (toks[s].is(tag::OPENER) || key_in(toks[s].key, HEADLINE_SKIP)) {
        s += 1;
    }
    // Subject: drop date words, cut before a participle, relative or preposition.
    words.clear();
    for k in s..v.group_start {
        let t = toks[k];
        if t.is(tag::IN_TIMEX) || key_in(t.key, SUBJECT_SKIP) && words.is_empty() {
            continue;
        }
        if !words.is_empty() && !t.is(tag::CAPITAL) && (t.is(tag::PAST | tag::ING) || key_in(t.key, SUBJECT_CUT)) {
            break;
        }
        words.push(k);
    }
    if words.len() > 5 {
        words.drain(..words.len() - 5);
    }
    let subject = words.len();
    words.extend(v.group_start..verb_end.min(toks.len()));
    let mut k = verb_end;
    while k < ce.min(toks.len()) && words.len() < HEADLINE_WORDS {
        words.push(k);
        k += 1;
    }
    // Do not end on a function word ("… accused BHC of").
    while words.len() > subject + 1 && words.last().is_some_and(|&k| k >= verb_end && toks[k].is(tag::STOP) && !toks[k].is(tag::IN_TIMEX)) {
        words.pop();
    }
    out.extend(words.iter().map(|&k| toks[k].span()));
    subject > 0
}

/// The occurrence family of a head verb or event noun: its stem, with the few common news
/// verbs whose noun or phrasal synonym has another stem mapped together (expel / expulsion /
/// "kicked out", collapse / "broke down", walk out / walkout / strike, meet / met).
fn family(text: &str, particle: Option<u64>) -> u64 {
    const OUT: u64 = words::fnv("out");
    const DOWN: u64 = words::fnv("down");
    words::with_lower(text, |w| {
        let st = words::stem(w);
        let canon = match (st, particle) {
            ("expel" | "expell" | "expuls" | "ousted" | "ouster", _) => "expel",
            ("booted" | "kicked" | "thrown" | "threw", Some(OUT)) => "expel",
            ("collap" | "collaps", _) | ("broke" | "broken", Some(DOWN)) => "collapse",
            ("walked" | "walk" | "walks", Some(OUT)) | ("walkou", _) => "strike",
            ("strike" | "struck", _) => "strike",
            ("met" | "meet" | "meets", _) => "meet",
            ("voted" | "vote" | "votes", _) => "vote",
            ("resign" | "resigns", _) => "resign",
            ("suspen" | "suspends", _) => "suspen",
            ("arrest", _) => "arrest",
            _ => st,
        };
        words::hash(canon)
    })
}

/// The event mentions of document `doc`, appended to `out` (their lists to `arena`).
pub fn document_mentions(
    doc_index: usize,
    doc: &Document,
    analysis: &DocAnalysis,
    arena: &mut Arena,
    scratch: &mut Scratch,
    out: &mut Vec<Mention>,
) {
    let body = doc.body.as_str();
    let published = doc.published.map(When::day);
    let resolved = resolve_times(doc, &analysis.times);
    // Direct quotations as disjoint sorted stretches: "inside a quote" is one binary search.
    let quoted = &mut scratch.quoted;
    quoted.clear();
    quoted.extend(analysis.quotes.iter().filter(|q| q.kind != QuoteKind::Indirect && q.text.start < q.text.end).map(|q| q.text.clone()));
    quoted.sort_unstable_by_key(|q| q.start);
    let mut merged: usize = 0;
    for k in 0..quoted.len() {
        if merged > 0 && quoted[k].start <= quoted[merged - 1].end {
            quoted[merged - 1].end = quoted[merged - 1].end.max(quoted[k].end);
        } else {
            quoted[merged] = quoted[k].clone();
            merged += 1;
        }
    }
    quoted.truncate(merged);
    let quoted = &scratch.quoted;
    let in_quote = |at: usize| {
        let i = quoted.partition_point(|q| q.start <= at);
        i > 0 && at < quoted[i - 1].end
    };
    let mut reference: Option<When> = None;
    // Sentence index of the last day-precise date: narration carries it a few sentences only.
    let mut reference_at = 0usize;
    let mut next_time = 0usize;
    // The segment stage already split the body and its words; redo that only when it did not run.
    let segmented;
    let sentences: &[Span] = if analysis.sentences.is_empty() {
        segmented = parallax_segment::document_sentences(doc);
        &segmented
    } else {
        &analysis.sentences
    };
    let own_words;
    let words = if analysis.words.sentence_starts.len() == sentences.len() && !(analysis.words.words.is_empty() && !body.is_empty()) {
        &analysis.words
    } else {
        own_words = parallax_core::words::tokenize(body, sentences);
        &own_words
    };
    let Scratch { tokens, stems, verbs, chains, times, owned, idx, bag, .. } = scratch;
    words::doc_tokens(body, words, sentences, tokens);
    stems.clear();
    stems.resize(tokens.toks.len(), 0);
    for (si, sentence) in sentences.iter().cloned().enumerate() {
        if sentence.end > body.len() || sentence.start >= sentence.end {
            continue;
        }
        if doc.paragraph_of(sentence.start).is_some_and(|p| doc.role(p) == ParagraphRole::Heading) {
            continue;
        }
        let Some(&(ts, te)) = tokens.sentences.get(si) else { continue };
        let (ts, te) = (ts as usize, te as usize);
        if ts >= te {
            continue;
        }
        // Time expressions of this sentence (resolved list is in text order).
        times.clear();
        let reference_before = reference.filter(|_| si - reference_at <= NARRATION_WINDOW);
        {
            let toks = &mut tokens.toks[ts..te];
            while next_time < resolved.len() && resolved[next_time].0.start < sentence.end {
                let (span, when) = resolved[next_time].clone();
                next_time += 1;
                if span.start < sentence.start {
                    continue;
                }
                let tok = toks.partition_point(|t| (t.end as usize) <= span.start).min(toks.len() - 1);
                // The words inside the expression: left out of content bags and headline subjects.
                for t in toks[tok..].iter_mut().take_while(|t| (t.start as usize) < span.end) {
                    if t.start as usize >= span.start && t.end as usize <= span.end {
                        t.tags |= tag::IN_TIMEX;
                    }
                }
                if when.precision == Prec::Day {
                    reference = Some(when);
                    reference_at = si;
                }
                times.push(Timex { span, when, tok });
            }
        }
        let toks = &tokens.toks[ts..te];
        let stems = &mut stems[ts..te];
        find_verbs(body, toks, verbs, chains);
        if verbs.is_empty() {
            continue;
        }
        // Each time expression goes to its nearest verb; each verb keeps its nearest one.
        owned.clear();
        owned.resize(verbs.len(), None);
        for (ti, t) in times.iter().enumerate() {
            let best = verbs.iter().enumerate().map(|(vi, v)| (distance(toks, v, t.tok), vi)).min();
            if let Some((d, vi)) = best {
                if d <= 14 && owned[vi].is_none_or(|(od, _)| d < od) {
                    owned[vi] = Some((d, ti));
                }
            }
        }
        // A dated non-future verb of the sentence dates its undated past neighbours.
        let sentence_date = verbs.iter().zip(owned.iter()).filter(|(v, _)| !v.future).find_map(|(_, o)| o.map(|(_, ti)| times[ti].when));
        for (vi, v) in verbs.iter().enumerate() {
            let head = toks[v.tok];
            let own = owned[vi].map(|(_, ti)| &times[ti]);
            let date = match own {
                Some(t) => Some((t.when, Source::Explicit)),
                None => {
                    // A plain speech verb reports an occurrence when the sentence opens
                    // with a sequence cue ("Later, a spokesperson said") or when it names a
                    // programme or outlet as listener ("told Checkpoint"): an interview.
                    let speech = head.is(tag::SPEECH);
                    let speech_event = speech
                        && (key_in(toks[0].key, SEQUENCE_CUES)
                            || (key_in(head.key, TOLD) && toks.get(v.group_end).is_some_and(|t| t.is(tag::CAPITAL))));
                    let eventive = !v.future
                        && (v.past || v.perfect || speech_event)
                        && (speech_event || !speech)
                        && !head.is(tag::STATIVE)
                        && !in_quote(head.start as usize);
                    if !eventive {
                        continue;
                    }
                    let inherited = if v.perfect { published } else { sentence_date.or(reference_before).or(published.filter(|_| UNDATED_TO_PUBLICATION)) };
                    inherited.map(|w| (w, Source::Inherited))
                }
            };
            let vend = verb_end(v, chains, vi);
            let (cs, ce) = clause_bounds(toks, v, vend);
            if cs >= ce || ce > toks.len() {
                continue;
            }
            let mut clause = toks[cs].start as usize..toks[ce - 1].end as usize;
            let group = toks[v.group_start.max(v.group_end.saturating_sub(3))].start as usize..toks[v.group_end - 1].end as usize;
            let mut core = None;
            if let Some(t) = own {
                clause = clause.start.min(t.span.start)..clause.end.max(t.span.end);
                // The verb-to-date stretch, with the preposition before a date that follows.
                core = Some(if t.span.start >= group.end {
                    group.start..t.span.end
                } else {
                    let prep = t.tok.checked_sub(1).filter(|&k| key_in(toks[k].key, DATE_PREPOSITIONS));
                    prep.map_or(t.span.start, |k| toks[k].start as usize)..group.end
                });
            }
            let ev_start = arena.spans.len();
            arena.spans.push(clause.clone());
            if let Some(c) = core {
                if c != clause {
                    arena.spans.push(c);
                }
            }
            if group != clause {
                arena.spans.push(group);
            }
            for (a, b) in chains_of(chains, vi) {
                let s = toks[a].start as usize..toks[(b - 1).max(a)].end as usize;
                if !arena.spans[ev_start..].contains(&s) {
                    arena.spans.push(s);
                }
            }
            let evidence = (ev_start as u32, arena.spans.len() as u32);
            bag.clear();
            for k in cs..ce {
                let t = toks[k];
                if !t.is(tag::STOP | tag::IN_TIMEX) {
                    if stems[k] == 0 {
                        stems[k] = words::stem_hash(&body[t.span()]);
                    }
                    bag.push(stems[k]);
                }
            }
            bag.sort_unstable();
            bag.dedup();
            let bag_start = arena.keys.len();
            arena.keys.extend_from_slice(bag);
            let bag_slot = (bag_start as u32, arena.keys.len() as u32);
            let hl_start = arena.spans.len();
            let has_subject = headline(toks, v, vend, cs, ce, idx, &mut arena.spans);
            let headline_slot = (hl_start as u32, arena.spans.len() as u32);
            let head_text = &body[head.span()];
            let particle = (v.group_end > v.tok + 1).then(|| toks[v.group_end - 1].key);
            let fam_start = arena.keys.len();
            arena.keys.push(family(head_text, particle));
            for (a, b) in chains_of(chains, vi) {
                let w = toks[(b - 1).max(a)];
                if w.is(tag::EVENT_NOUN) {
                    let f = family(&body[w.span()], None);
                    if !arena.keys[fam_start..].contains(&f) {
                        arena.keys.push(f);
                    }
                }
            }
            let fams = (fam_start as u32, arena.keys.len() as u32);
            let subordinate = cs < v.group_start && key_in(toks[cs].key, SUBORDINATE_OPENERS) || cs > 0 && key_in(toks[cs - 1].key, RELATIVE_BEFORE);
            if stems[v.tok] == 0 {
                stems[v.tok] = words::stem_hash(head_text);
            }
            let mut mention = Mention {
                doc: doc_index,
                date,
                evidence,
                headline: headline_slot,
                has_subject,
                bag: bag_slot,
                head: stems[v.tok],
                fams,
                generic: head.is(tag::GENERIC),
                subordinate,
                wording: 0,
                day: date.map_or(0, |(w, _)| w.ordinal()),
            };
            mention.wording = super::merge::twin_key(&mention, arena.keys(fams), arena.keys(bag_slot));
            out.push(mention);
        }
    }
}

