//! Dates that differ for the same event.
//!
//! Three sources:
//! - the same utterance (a quote group) dated differently by two reports: the time next to
//!   each report's cue ("In a statement earlier on Thursday" vs "on Thursday night");
//! - the same action dated differently: clauses in different documents that share rare words
//!   ("talks … collapsed") around dates that differ by a day or by part of the day;
//! - timeline events whose evidence reads alike but whose dates differ: alike evidence is
//!   joined, so copies of one passage dated differently are one disagreement with a side per
//!   date.
//!
//! A plan ("will meet on Tuesday") and a past act ("met on Tuesday") are never compared: they
//! are usually two occurrences.

use super::model::{ClauseMemo, Ctx, DocText, FUNCTION_WORD};
use crate::sets::Sets;
use parallax_core::hash::FastMap;
use super::text::{self, keys, KeyMap, Word, LONG, STOP, TIME};
use crate::{Discrepancy, DiscrepancyKind, Event, QuoteGroup, Side, TextRef};
use parallax_core::{DocAnalysis, Document, Span, TimexType};

/// Words that date an event against another (class [`super::text::RELATIVE`]).
pub const RELATIVE_WORDS: &[&str] = &["before", "after", "previous", "following", "earlier", "later"];

/// A date of one article with what the detectors ask of it and of its sentence, worked out
/// once, when the article is read ([`doc_dates`]).
#[derive(Clone, Debug)]
pub struct DocDate {
    /// Index in the article's sentences.
    sentence: usize,
    span: Span,
    /// `YYYY-MM-DD`.
    day: [u8; 10],
    part: Part,
    future: bool,
    /// The weekday named in the expression, if any.
    weekday: Option<&'static str>,
    /// The clause of its sentence holding it.
    clause: Span,
    /// Index in its sentence's words of the first word at or after its start.
    at_word: Option<usize>,
    /// Whether it can date an utterance's cue: the time of an utterance (see [`speech_time`])
    /// and outside any quote.
    cue: bool,
    /// A past act dated in its own right, neither a plan nor relative (see [`from_actions`]).
    firm: bool,
    /// Of a firm date: the content words of its clause (see [`anchors`]), as (index in the
    /// sentence's words, the article's stem number).
    anchors: Vec<(usize, u32)>,
}

/// An article's date placed in the story: its document and the story's sentence.
#[derive(Clone, Copy)]
struct Dated<'c> {
    doc: usize,
    sent: usize,
    date: &'c DocDate,
}

impl std::ops::Deref for Dated<'_> {
    type Target = DocDate;
    fn deref(&self) -> &DocDate {
        self.date
    }
}

const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Part {
    None,
    Early,
    Afternoon,
    Late,
}

fn part_of(value: &str, before: &[Word]) -> Part {
    match value.get(10..) {
        Some("TMO") => return Part::Early,
        Some("TAF") => return Part::Afternoon,
        Some("TEV" | "TNI") => return Part::Late,
        _ => {}
    }
    if before.iter().any(|w| w.is_any(keys!["earlier", "early", "morning"])) {
        return Part::Early;
    }
    if before.iter().any(|w| w.is_any(keys!["late", "later"])) {
        return Part::Late;
    }
    Part::None
}

fn conflict(a: &Dated, b: &Dated) -> bool {
    if a.future != b.future {
        return false;
    }
    if a.day != b.day {
        // The same weekday a whole number of weeks apart is a doubt about which "Friday" was
        // meant, not two reports disagreeing.
        return !(a.weekday.is_some() && a.weekday == b.weekday);
    }
    matches!(
        (a.part, b.part),
        (Part::Early, Part::Late) | (Part::Late, Part::Early) | (Part::Afternoon, Part::Late) | (Part::Late, Part::Afternoon)
    )
}

/// The dates of one article (`text` as read from it), in sentence order (each sentence's in
/// their order).
pub fn doc_dates(doc: &Document, an: &DocAnalysis, text: &DocText) -> Vec<DocDate> {
    let weekdays = keys!["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let body = doc.body.as_str();
    // The publication day as text (compared with each date's day).
    let published = doc.published.map(|p| p.to_string());
    let mut out = Vec::new();
    let mut memo = ClauseMemo::default();
    let quoted = text::Covers::new(an.quotes.iter().map(|q| q.text.clone()));
    // Whether the sentence last asked about says a plan (the same for each of its dates).
    let mut plan: Option<(usize, bool)> = None;
    for t in &an.times {
        if !matches!(t.kind, TimexType::Date | TimexType::Time) {
            continue;
        }
        let Some(si) = text.sentence_of(&t.span) else { continue };
        let Some(s) = text.sentence_span(si) else { continue };
        if t.span.start < s.start || t.span.end > s.end {
            continue;
        }
        let sw = text.sentence_words(si);
        let v = &t.value;
        let b = v.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' || !b[..4].iter().all(u8::is_ascii_digit) {
            continue;
        }
        let mut day = [0u8; 10];
        day.copy_from_slice(&b[..10]);
        let at_word = Some(sw.partition_point(|w| w.span.start < t.span.start)).filter(|&k| k < sw.len());
        let before_from = at_word.unwrap_or(0);
        let before = &sw[before_from.saturating_sub(3)..before_from];
        let own = text.words_in(&t.span);
        let mut part = part_of(v, before);
        if part == Part::None {
            part = part_of(v, own);
        }
        let future = published.as_deref().is_some_and(|p| &day[..] > p.as_bytes());
        let weekday =
            own.iter().find_map(|w| weekdays.iter().position(|k| *k == w.key)).map(|i| WEEKDAYS[i]);
        let clause = text.clause_of(body, si, &t.span, &mut memo);
        let cue = speech_time(sw, at_word) && !quoted.cover(&t.span);
        let planned = match plan {
            Some((at, planned)) if at == si => planned,
            _ => {
                let planned = planned(body, sw);
                plan = Some((si, planned));
                planned
            }
        };
        let firm = !future && !planned && !relative_text(body, &t.span);
        let anchors = if firm { anchors(sw, &clause, &t.span) } else { Vec::new() };
        out.push(DocDate { sentence: si, span: t.span.clone(), day, part, future, weekday, clause, at_word, cue, firm, anchors });
    }
    // In sentence order (each sentence's expressions in their order).
    out.sort_by_key(|x| x.sentence);
    out
}

/// The dates of the story, in sentence order.
fn dated<'c>(ctx: &'c Ctx) -> Vec<Dated<'c>> {
    let mut out = Vec::new();
    for doc in 0..ctx.view.docs.len() {
        let first = ctx.first_sentence(doc);
        out.extend(ctx.dates(doc).iter().map(|date| Dated { doc, sent: first + date.sentence, date }));
    }
    out
}

pub fn find(ctx: &Ctx, groups: &[QuoteGroup], events: &[Event]) -> Vec<Discrepancy> {
    let all = dated(ctx);
    let mut out = from_groups(ctx, groups, &all);
    out.extend(from_actions(ctx, &all));
    out.extend(from_events(ctx, events));
    out
}

/// The dated phrase: a few words before the time expression, through its end.
fn phrase(ctx: &Ctx, d: &Dated, from_word: Option<usize>) -> Span {
    let ws = ctx.words_in(d.doc, &d.clause);
    let Some(first) = ws.iter().position(|w| w.span.end > d.span.start) else { return d.span.clone() };
    let last = ws.iter().rposition(|w| w.span.start < d.span.end).unwrap_or(first);
    let lo = match from_word.and_then(|k| ctx.sw(d.sent).get(k)).and_then(|w| ws.iter().position(|x| x.span == w.span)) {
        Some(k) if k <= first => k,
        _ => first.saturating_sub(5),
    };
    let hi = (last + 1).min(ws.len() - 1);
    text::cover(ws, lo, hi)
}

fn side(ctx: &Ctx, d: &Dated, from_word: Option<usize>) -> Side {
    let span = phrase(ctx, d, from_word);
    Side { at: TextRef { doc: d.doc, span }, holder: None }
}

fn from_groups(ctx: &Ctx, groups: &[QuoteGroup], all: &[Dated]) -> Vec<Discrepancy> {
    let mut out = Vec::new();
    // Where each story sentence's dates start in `all` (in sentence order): a member's
    // sentence is looked up, not searched for.
    let mut k = 0;
    let sent_dates: Vec<usize> = (0..=ctx.sents.len())
        .map(|si| {
            while k < all.len() && all[k].sent < si {
                k += 1;
            }
            k
        })
        .collect();
    for g in groups {
        // Per member: the date next to its cue, outside any quote.
        let mut dates: Vec<Dated> = Vec::new();
        for &(d, q) in &g.members {
            // (The dates looked at are of the sentences of `d`: `cue` says outside its quotes.)
            let outside = |x: &Dated| x.cue;
            let Some(si) = ctx.quote_sentence(d, q) else { continue };
            // `all` is in sentence order: look only at the sentence's own dates.
            let in_sent = |si: usize| {
                let lo = sent_dates.get(si).copied().unwrap_or_else(|| all.partition_point(|x| x.sent < si));
                all[lo..].iter().take_while(move |x| x.sent == si)
            };
            let mut found = in_sent(si).find(|x| outside(x));
            if found.is_none() && si > 0 && ctx.sents[si - 1].doc == d {
                if !ctx.sents[si - 1].direct_quote {
                    found = in_sent(si - 1).find(|x| outside(x));
                }
            }
            if let Some(x) = found {
                if !dates.iter().any(|y| y.doc == x.doc) {
                    dates.push(*x);
                }
            }
        }
        let mut sides = Vec::new();
        for (i, a) in dates.iter().enumerate() {
            for b in &dates[i + 1..] {
                if conflict(a, b) {
                    for x in [a, b] {
                        let s = side(ctx, x, None);
                        if !sides.iter().any(|t: &Side| t.at == s.at) {
                            sides.push(s);
                        }
                    }
                }
            }
        }
        if sides.len() >= 2 {
            let who = g.speaker.map(|e| ctx.entity_name(e).to_string()).unwrap_or_else(|| "a statement".to_string());
            let labels: Vec<&str> = sides.iter().map(|s| ctx.body(s.at.doc).get(s.at.span.clone()).unwrap_or("")).collect();
            out.push(Discrepancy {
                kind: DiscrepancyKind::Date,
                topic: format!("When {who} spoke: {}", labels.join(" / ")),
                sides,
            });
        }
    }
    out
}

/// Is this date the time of an utterance: a speech word ("said", "statement", "interview")
/// shortly before or just after it? `ws` are the words of its sentence, `at` the index of its
/// first word.
fn speech_time(ws: &[Word], at: Option<usize>) -> bool {
    let Some(at) = at else { return false };
    let lo = at.saturating_sub(7);
    let hi = (at + 4).min(ws.len());
    let speech = keys![
        "said", "says", "told", "statement", "interview", "asked", "conference", "speaking", "spoke", "announced",
        "wrote", "posted", "briefing", "remarks", "speech"
    ];
    ws[lo..hi].iter().any(|w| w.is_any(speech))
}

/// Content words of the clause around a date (`clause` of the sentence whose words are `ws`,
/// the date at `span`), as (word index in the sentence, the article's stem number).
fn anchors(ws: &[Word], clause: &Span, span: &Span) -> Vec<(usize, u32)> {
    ws.iter()
        .enumerate()
        .filter(|(_, w)| w.span.start >= clause.start && w.span.end <= clause.end)
        .filter(|(_, w)| !(w.span.start >= span.start && w.span.end <= span.end))
        .filter(|(_, w)| w.is(LONG) && !w.is(STOP | TIME))
        .map(|(i, w)| (i, w.sid))
        .collect()
}

/// A plan ("will meet on Tuesday", "due to resume on Monday"): a word of the sentence (`ws`)
/// says so.
fn planned(body: &str, ws: &[Word]) -> bool {
    ws.iter().any(|w| {
        w.is_any(keys!["will", "due", "would", "plans", "planned", "expected", "scheduled", "next"])
            || body.get(w.span.clone()).is_some_and(|x| x.ends_with("'ll") || x.ends_with("\u{2019}ll"))
    })
}

/// A date given relative to another event ("the night before").
fn relative_text(body: &str, span: &Span) -> bool {
    let own = body.get(span.clone()).unwrap_or("").to_lowercase();
    ["before", "after", "previous", "following", "that "].iter().any(|w| own.contains(w))
}

fn from_actions(ctx: &Ctx, all: &[Dated]) -> Vec<Discrepancy> {
    // Plans and dates given relative to another event are left out (see `DocDate::firm`): the
    // first are other occurrences, the second are resolved too unreliably to be set against a
    // report.
    let firm: Vec<Dated> = all.iter().filter(|d| d.firm).copied().collect();
    let all = &firm[..];
    // Content stems of the clause around each date (story stem numbers, see [`Ctx::story_sid`]),
    // with their word indices in the sentence.
    let anchor: Vec<Vec<(usize, usize)>> =
        all.iter().map(|d| d.anchors.iter().map(|&(i, l)| (i, ctx.story_sid(d.doc, l))).collect()).collect();
    let n = all.len();
    // Copies of one report give the same date: only dates that conflict (in another
    // document) are worth counting shared words for. Conflicts compare (future, day, part,
    // weekday): each distinct combination is numbered, and a table says which conflict.
    let mut kinds: Vec<&Dated> = Vec::new();
    let kind: Vec<usize> = all
        .iter()
        .map(|d| {
            let same = |k: &&Dated| k.future == d.future && k.day == d.day && k.part == d.part && k.weekday == d.weekday;
            kinds.iter().position(same).unwrap_or_else(|| {
                kinds.push(d);
                kinds.len() - 1
            })
        })
        .collect();
    let nk = kinds.len();
    let clash: Vec<bool> = kinds.iter().flat_map(|a| kinds.iter().map(move |b| conflict(a, b))).collect();
    // Whether two dates are reports of one action dated differently depends only on their
    // kinds and their anchor stems, so dates alike in both (copies of one passage) are one
    // class, and classes are compared instead of dates: scoring a story repeated by many
    // outlets costs the square of its distinct passages, not of its copies (joining the
    // members of two matching classes still visits each pair of them).
    let mut class_of_key: FastMap<(usize, Vec<usize>), usize> = FastMap::default();
    let mut classes: Vec<DateClass> = Vec::new();
    let mut class = vec![0usize; n];
    for (i, a) in anchor.iter().enumerate() {
        let mut stems: Vec<usize> = a.iter().map(|(_, s)| *s).filter(|&s| s < ctx.stem_count()).collect();
        stems.sort_unstable();
        stems.dedup();
        let c = *class_of_key.entry((kind[i], stems)).or_insert_with_key(|(k, stems)| {
            classes.push(DateClass { kind: *k, stems: stems.clone(), members: Vec::new() });
            classes.len() - 1
        });
        classes[c].members.push(i);
        class[i] = c;
    }
    // The classes holding each stem, as one vector cut by stem: `with[starts[s]..starts[s + 1]]`.
    let mut starts = vec![0usize; ctx.stem_count() + 1];
    for c in &classes {
        for &s in &c.stems {
            starts[s + 1] += 1;
        }
    }
    for s in 0..ctx.stem_count() {
        starts[s + 1] += starts[s];
    }
    let mut fill = starts.clone();
    let mut with = vec![0usize; starts[ctx.stem_count()]];
    for (c, cl) in classes.iter().enumerate() {
        for &s in &cl.stems {
            with[fill[s]] = c;
            fill[s] += 1;
        }
    }
    // Same action: several rare words in common, not one shared name or noun. Per class, the
    // classes it agrees with so; the rarity is summed in stem order, as for two dates.
    let mut partners: Vec<Vec<usize>> = vec![Vec::new(); classes.len()];
    let mut shared_with: Vec<(usize, f64)> = vec![(0, 0.0); classes.len()];
    let mut touched: Vec<usize> = Vec::new();
    for (a, ca) in classes.iter().enumerate() {
        for &s in &ca.stems {
            let idf = ctx.idf_by_sid(s);
            for &b in &with[starts[s]..starts[s + 1]] {
                if clash[ca.kind * nk + classes[b].kind] {
                    let e = &mut shared_with[b];
                    if e.0 == 0 {
                        touched.push(b);
                    }
                    e.0 += 1;
                    e.1 += idf;
                }
            }
        }
        for b in touched.drain(..) {
            let (shared, score) = std::mem::replace(&mut shared_with[b], (0, 0.0));
            if shared >= 3 && score >= 10.0 {
                partners[a].push(b);
            }
        }
        partners[a].sort_unstable();
    }
    // Every pair of dates of agreeing classes, in two documents, is one action dated two ways.
    let mut sets = Sets::new(n);
    let mut linked = vec![false; n];
    for (a, ca) in classes.iter().enumerate() {
        for &b in partners[a].iter().filter(|&&b| b > a) {
            for &i in &ca.members {
                for &j in &classes[b].members {
                    if all[i].doc != all[j].doc {
                        linked[i] = true;
                        linked[j] = true;
                        sets.union(i, j);
                    }
                }
            }
        }
    }
    // A side starts at the shared word nearest before its date, shared with its first partner
    // (by position in the story) that has one.
    let from_word: Vec<Option<usize>> = (0..n)
        .map(|k| {
            if !linked[k] {
                return None;
            }
            let mut firsts: Vec<(usize, usize)> = partners[class[k]]
                .iter()
                .filter_map(|&b| classes[b].members.iter().find(|&&m| all[m].doc != all[k].doc).map(|&m| (m, b)))
                .collect();
            firsts.sort_unstable();
            let before = all[k].at_word.unwrap_or(0);
            firsts.iter().find_map(|&(_, b)| {
                anchor[k].iter().filter(|(idx, s)| *idx < before && classes[b].stems.binary_search(s).is_ok()).map(|(idx, _)| *idx).max()
            })
        })
        .collect();
    // Linked members of each group in order, groups in the order of their root.
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); n];
    for i in 0..n {
        if linked[i] {
            let r = sets.find(i);
            groups[r].push(i);
        }
    }
    let mut out = Vec::new();
    for members in groups {
        if members.len() < 2 {
            continue;
        }
        let sides: Vec<Side> = members.iter().map(|&i| side(ctx, &all[i], from_word[i])).collect();
        let labels: Vec<&str> = sides.iter().map(|s| ctx.body(s.at.doc).get(s.at.span.clone()).unwrap_or("")).collect();
        out.push(Discrepancy { kind: DiscrepancyKind::Date, topic: format!("When it happened: {}", labels.join(" / ")), sides });
    }
    out
}

/// Dates alike in kind and anchor stems (see `from_actions`), with their members in order.
struct DateClass {
    kind: usize,
    stems: Vec<usize>,
    members: Vec<usize>,
}

/// Dates set against each other in one disagreement, at most.
const MAX_DATES: usize = 6;

/// Words of an evidence clause, at least.
const MIN_EVIDENCE_WORDS: usize = 6;

fn from_events(ctx: &Ctx, events: &[Event]) -> Vec<Discrepancy> {
    // Evidence must be a real clause, not a verb that happens to repeat, and dated in its own
    // right: "the night before" is resolved too unreliably.
    // (event, evidence, words, its content words' story stem numbers as a range of `sids`) of
    // every usable evidence of a dated event. The stem numbers are what is read of most items
    // (twice: for the rarest, then for the index), mapped to the story's once: the words
    // themselves only for the overlap test.
    let mut items: Vec<(usize, usize, &[Word], std::ops::Range<usize>)> = Vec::new();
    let mut sids: Vec<u32> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        if e.date.is_none() {
            continue;
        }
        for (k, x) in e.evidence.iter().enumerate() {
            // Short evidence (a single verb) is ruled out without looking its words up.
            if x.doc >= ctx.view.docs.len() || ctx.too_short_for(x.doc, &x.span, MIN_EVIDENCE_WORDS) {
                continue;
            }
            let ws = ctx.word_range(x.doc, &x.span);
            if ws.len() >= MIN_EVIDENCE_WORDS && !ctx.has_relative(x.doc, &ws) {
                let from = sids.len();
                let content = ctx.content_stems(x.doc, ws.clone()).iter().filter(|&&l| l != FUNCTION_WORD);
                sids.extend(content.map(|&l| u32::try_from(ctx.story_sid(x.doc, l)).unwrap_or(u32::MAX)));
                items.push((i, k, ctx.doc_words(x.doc, ws), from..sids.len()));
            }
        }
    }
    // Near-identical texts share their rarest word: each item is looked up by its rarest word
    // (the last of the rarest, as `max_by` picks), so only those words are indexed. Words go
    // by the story's stem numbers: vectors, not maps.
    let rarest: Vec<Option<usize>> = items
        .iter()
        .map(|(_, _, _, r)| {
            let mut best: Option<(f64, usize)> = None;
            for &sid in &sids[r.clone()] {
                let idf = ctx.idf_by_sid(sid as usize);
                if best.is_none_or(|(b, _)| idf.total_cmp(&b).is_ge()) {
                    best = Some((idf, sid as usize));
                }
            }
            best.map(|(_, s)| s)
        })
        .collect();
    const NOT_INDEXED: u32 = u32::MAX;
    let mut list_of: Vec<u32> = vec![NOT_INDEXED; ctx.stem_count()];
    let mut lists: Vec<Vec<usize>> = Vec::new();
    for &s in rarest.iter().flatten() {
        if let Some(l) = list_of.get_mut(s) {
            if *l == NOT_INDEXED {
                *l = lists.len() as u32;
                lists.push(Vec::new());
            }
        }
    }
    for (n, (_, _, _, r)) in items.iter().enumerate() {
        for &s in &sids[r.clone()] {
            if let Some(&l) = list_of.get(s as usize) {
                if l != NOT_INDEXED {
                    let list = &mut lists[l as usize];
                    if list.last() != Some(&n) {
                        list.push(n);
                    }
                }
            }
        }
    }
    // Sorted word keys of an item, for the overlap test: built only for items that reach it.
    let sorted: Vec<std::cell::OnceCell<Vec<u64>>> = items.iter().map(|_| std::cell::OnceCell::new()).collect();
    let keys_of = |n: usize| {
        sorted[n].get_or_init(|| {
            let mut x: Vec<u64> = items[n].2.iter().map(|w| w.key).collect();
            x.sort_unstable();
            x
        })
    };
    let mut out = Vec::new();
    // Event pairs already reported, as `min << 32 | max`.
    // Evidence that reads alike across dates, joined: copies of one passage dated differently
    // by many articles are one disagreement with a side per date, not one per pair of copies.
    let mut sets = Sets::new(items.len());
    let mut linked = vec![false; items.len()];
    // Event pairs already joined, as `min << 32 | max`.
    let mut done: KeyMap<u64, ()> = KeyMap::default();
    let pair = |a: usize, b: usize| ((a.min(b) as u64) << 32) | a.max(b) as u64;
    for (n, (i, k, _, _)) in items.iter().enumerate() {
        let Some(rarest) = rarest[n] else { continue };
        let with_word = match list_of.get(rarest) {
            Some(&l) if l != NOT_INDEXED => lists[l as usize].as_slice(),
            _ => &[],
        };
        // Lists are in item order: only the later items of each.
        for &m in &with_word[with_word.partition_point(|&m| m <= n)..] {
            let (j, l, _, _) = &items[m];
            let (a, b) = (&events[*i], &events[*j]);
            let (x, y) = (&a.evidence[*k], &b.evidence[*l]);
            if j == i || x.doc == y.doc || a.date == b.date || done.contains_key(&pair(*i, *j)) {
                continue;
            }
            if sets.find(n) == sets.find(m) || text::overlap_f1_sorted(keys_of(n), keys_of(m)) < 0.7 {
                continue;
            }
            done.insert(pair(*i, *j), ());
            linked[n] = true;
            linked[m] = true;
            sets.union(n, m);
        }
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); items.len()];
    for n in 0..items.len() {
        if linked[n] {
            let r = sets.find(n);
            members[r].push(n);
        }
    }
    for group in members.into_iter().filter(|g| g.len() >= 2) {
        // One side per date, from the first evidence giving it.
        let mut dates: Vec<&str> = Vec::new();
        let mut sides = Vec::new();
        for &n in &group {
            let (i, k, _, _) = items[n];
            let date = events[i].date.as_deref().unwrap_or("");
            if dates.contains(&date) || dates.len() == MAX_DATES {
                continue;
            }
            dates.push(date);
            sides.push(Side { at: events[i].evidence[k].clone(), holder: None });
        }
        if sides.len() < 2 {
            continue;
        }
        let what = &events[items[group[0]].0].what;
        out.push(Discrepancy { kind: DiscrepancyKind::Date, topic: format!("Date of {what}: {}", dates.join(" or ")), sides });
    }
    out
}
