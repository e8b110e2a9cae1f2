//! The cited summary: a few sentences, each citing every article that supports it.
//!
//! Extractive on purpose: a journalist must be able to trust every sentence, so the summary
//! reuses reporters' sentences and never writes facts of its own. Candidates are the lead
//! sentences of each article (news puts what matters first). A candidate is supported by
//! another article when that article has a sentence saying much the same (IDF-weighted word
//! overlap); that sentence becomes the citation. Syndicated copies never count as support.
//! Sentences are picked greedily by support and centrality without repeating one another, and
//! each disagreement gets one sentence that sets its sides against each other, citing both.

use std::collections::HashSet;
use std::sync::LazyLock;

use parallax_core::words::word_key;

use parallax_core::ParagraphRole;

use crate::copies::Copies;
use crate::{Discrepancy, Event, QuoteGroup, StoryView, SummarySentence, TextRef};

/// Longest summary, in sentences.
const MAX_SENTENCES: usize = 10;
/// Shortest summary worth reading, when the articles allow it.
const MIN_SENTENCES: usize = 5;
/// Sentences about what happened, at least, beside those on disagreements.
const MIN_EVENT_SENTENCES: usize = 4;
/// Disagreements given a sentence of their own, at most.
const MAX_DISAGREEMENTS: usize = 3;
/// Sentences whose support is searched for, at most, per story.
const SHORTLIST: usize = 40;
/// Lead sentences of each article considered as summary sentences.
const LEAD_SENTENCES: usize = 15;
/// Weighted overlap above which two sentences say much the same.
const SUPPORT: f32 = 0.3;
/// Content words two sentences must share to state the same fact.
const MIN_SHARED: usize = 4;
/// Weight of a capitalised word relative to other words.
const NAME_WEIGHT: f32 = 0.4;
/// Overlap above which a candidate repeats a sentence already chosen.
const REDUNDANT: f32 = 0.45;

/// Function words and reporting verbs carry no fact.
const STOPWORDS: &[&str] = &[
    "the", "and", "for", "that", "this", "with", "from", "was", "were", "has", "have", "had", "his", "her",
    "its", "their", "they", "she", "him", "them", "are", "but", "not", "said", "says", "say", "told", "who",
    "which", "what", "when", "will", "would", "could", "should", "been", "being", "into", "over", "after",
    "about", "than", "then", "also", "just", "there", "here", "our", "out", "all", "any", "can", "did", "does",
    "one", "two", "more", "most", "other", "some", "such", "only", "very", "now", "new", "on", "in", "at",
];

#[derive(Debug, Clone)]
struct Sentence {
    doc: usize,
    span: std::ops::Range<usize>,
    /// Position among its document's sentences.
    rank: usize,
    words: usize,
    /// Its terms, sorted by key: a range of the story's (or the article's) terms.
    terms: std::ops::Range<usize>,
    /// It means nothing out of its article (see [`out_of_context`]).
    out_of_context: bool,
}

/// A content word of a sentence in the story (its stem key is its number's, see
/// [`Story::of_term`]).
#[derive(Debug, Clone, Copy)]
struct Term {
    /// IDF weight, normalised over the sentence to unit length.
    weight: f32,
    /// Written as a name here.
    name: bool,
    /// Documents of the story using the term.
    spread: u16,
}

pub fn summarize(view: &StoryView, copies: &Copies, groups: &[QuoteGroup], events: &[Event], discrepancies: &[Discrepancy]) -> Vec<SummarySentence> {
    let found: Vec<DocSentences> = view.docs.iter().zip(&view.analyses).map(|(doc, a)| find_sentences(doc, a)).collect();
    summarize_from(view, &found.iter().collect::<Vec<_>>(), copies, groups, events, discrepancies)
}

/// The summary from each article's sentences (`found[d]` for `view.docs[d]`).
pub fn summarize_from(
    view: &StoryView,
    found: &[&DocSentences],
    copies: &Copies,
    _groups: &[QuoteGroup],
    events: &[Event],
    discrepancies: &[Discrepancy],
) -> Vec<SummarySentence> {
    let mut story = STORY.with(|kept| kept.try_borrow_mut().ok().and_then(|mut k| k.take())).unwrap_or_default();
    read_story(found, &mut story);
    let out = summarize_story(view, &story, found.len(), copies, events, discrepancies);
    // A story of many sentences without content words keeps few terms: its sentences count too.
    if story.terms.capacity() <= KEPT_TERMS && story.sentences.capacity() <= KEPT_TERMS {
        STORY.with(|kept| {
            if let Ok(mut k) = kept.try_borrow_mut() {
                *k = Some(story);
            }
        });
    }
    out
}

/// [`summarize_from`] over the story's sentences and terms, read from `n_docs` articles.
fn summarize_story(view: &StoryView, story: &Story, n_docs: usize, copies: &Copies, events: &[Event], discrepancies: &[Discrepancy]) -> Vec<SummarySentence> {
    let sentences = &story.sentences;
    if sentences.is_empty() {
        return Vec::new();
    }
    let original = copies.originals(view.docs.len().max(n_docs));
    let independent = |a: usize, b: usize| a != b && original.root(a) != original.root(b);
    // Score the lead sentences: support from other articles, then centrality and position.
    struct Candidate {
        sentence: usize,
        support: Vec<usize>,
        score: f32,
    }
    // A cheap first ranking (how many other articles use the sentence's words) picks the few
    // sentences whose support is worth searching for: the search is the costly part.
    let mut shortlist: Vec<(f32, usize)> = sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| s.rank < LEAD_SENTENCES && (8..=45).contains(&s.words) && original.of(s.doc).is_none())
        .map(|(i, s)| {
            let shared: f32 = story.terms[s.terms.clone()].iter().map(|t| t.weight * t.spread.saturating_sub(1).min(4) as f32).sum();
            (shared - s.rank as f32 * 0.1, i)
        })
        .collect();
    // The order is total (sentence numbers break ties), so the best few are picked first and
    // only they are sorted.
    let order = |a: &(f32, usize), b: &(f32, usize)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    if shortlist.len() > SHORTLIST {
        shortlist.select_nth_unstable_by(SHORTLIST - 1, order);
        shortlist.truncate(SHORTLIST);
    }
    shortlist.sort_by(order);
    // Which shortlisted sentences the evidence of a dated event overlaps: one pass over the
    // evidence, each span checked against the few shortlisted sentences of its article only
    // (linked lists by document, `usize::MAX` ends one).
    let mut dated = vec![false; shortlist.len()];
    let mut first_of_doc = vec![usize::MAX; n_docs];
    let mut next_of_doc = vec![usize::MAX; shortlist.len()];
    for (k, &(_, i)) in shortlist.iter().enumerate() {
        if let Some(first) = first_of_doc.get_mut(sentences[i].doc) {
            next_of_doc[k] = std::mem::replace(first, k);
        }
    }
    for e in events.iter().filter(|e| e.date.is_some()).flat_map(|e| e.evidence.iter()) {
        let mut k = first_of_doc.get(e.doc).copied().unwrap_or(usize::MAX);
        while k != usize::MAX {
            let span = &sentences[shortlist[k].1].span;
            dated[k] |= e.span.start < span.end && span.start < e.span.end;
            k = next_of_doc[k];
        }
    }
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut acc = Accumulator::new(sentences.len());
    // The best supporting sentence (similarity, sentence) per document, for one candidate at a
    // time: dense by document, with the documents met.
    let mut best: Vec<Option<(f32, usize)>> = vec![None; n_docs];
    let mut supporting: Vec<usize> = Vec::new();
    let mut found: Vec<(usize, f32)> = Vec::new();
    for (&(_, i), &dated) in shortlist.iter().zip(&dated) {
        let s = &sentences[i];
        if s.out_of_context {
            continue;
        }
        similar(story, i, &mut acc, &mut found);
        for &(j, sim) in &found {
            let d = sentences[j].doc;
            if sim >= SUPPORT && independent(s.doc, d) {
                match &mut best[d] {
                    Some(b) if sim > b.0 => *b = (sim, j),
                    Some(_) => {}
                    none => {
                        *none = Some((sim, j));
                        supporting.push(d);
                    }
                }
            }
        }
        supporting.sort_unstable();
        let support: Vec<(usize, f32, usize)> =
            supporting.drain(..).filter_map(|d| best[d].take().map(|(sim, j)| (d, sim, j))).collect();
        let centrality: f32 = support.iter().map(|s| s.1).sum();
        let score = support.len() as f32 * 2.0 + centrality + if dated { 0.5 } else { 0.0 } - s.rank as f32 * 0.15;
        candidates.push(Candidate { sentence: i, support: support.into_iter().map(|(_, _, j)| j).collect(), score });
    }
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.sentence.cmp(&b.sentence)));

    let disagreements = discrepancies.iter().filter(|d| d.sides.len() >= 2).count().min(MAX_DISAGREEMENTS);
    let room = MAX_SENTENCES - disagreements;
    let mut chosen: Vec<&Candidate> = Vec::new();
    // Sentences other articles confirm first; unconfirmed ones only to reach a readable length.
    for confirmed_only in [true, false] {
        for c in &candidates {
            let enough = if confirmed_only { room } else { MIN_SENTENCES.saturating_sub(disagreements).max(MIN_EVENT_SENTENCES).min(room) };
            if chosen.len() >= enough {
                break;
            }
            if confirmed_only && c.support.is_empty() || chosen.iter().any(|k| std::ptr::eq(*k, c)) {
                continue;
            }
            let repeats = chosen.iter().any(|k| {
                story.cosine(k.sentence, c.sentence) >= REDUNDANT
                    || k.support.contains(&c.sentence)
                    || c.support.contains(&k.sentence)
                    || k.support.iter().any(|j| c.support.contains(j))
            });
            if !repeats {
                chosen.push(c);
            }
        }
    }
    // Reading order: earlier in their articles first, then by article.
    chosen.sort_by_key(|c| (sentences[c.sentence].rank, sentences[c.sentence].doc));
    let mut out: Vec<SummarySentence> = chosen
        .iter()
        .map(|c| {
            let s = &sentences[c.sentence];
            let mut sources = vec![TextRef { doc: s.doc, span: s.span.clone() }];
            sources.extend(c.support.iter().map(|&j| TextRef { doc: sentences[j].doc, span: sentences[j].span.clone() }));
            SummarySentence { text: view.docs[s.doc].body[s.span.clone()].to_owned(), sources }
        })
        .collect();
    out.extend(discrepancies.iter().filter(|d| d.sides.len() >= 2).take(MAX_DISAGREEMENTS).map(|d| disagreement_sentence(view, d)));
    out
}

/// "Topic — Outlet A: “…”; Outlet B: “…”." citing every side.
fn disagreement_sentence(view: &StoryView, d: &Discrepancy) -> SummarySentence {
    let mut parts = Vec::new();
    let mut sources = Vec::new();
    for side in d.sides.iter().take(4) {
        let doc = view.docs[side.at.doc];
        let outlet = doc.outlet.clone().unwrap_or_else(|| doc.id.clone());
        let who = match side.holder.and_then(|h| view.entities.entities.get(h)) {
            Some(holder) => format!("{} ({outlet})", holder.name),
            None => outlet,
        };
        parts.push(format!("{who}: “{}”", view.text(&side.at).trim()));
        sources.push(side.at.clone());
    }
    let topic = upper_first(d.topic.trim().trim_end_matches('.'));
    SummarySentence { text: format!("{topic} — {}.", parts.join("; ")), sources }
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// A sentence that opens with a pronoun, or cuts a quotation in two, means nothing out of its
/// article.
/// It depends on the article alone, so it is judged when the article is read.
fn out_of_context(doc: &parallax_core::Document, analysis: &parallax_core::DocAnalysis, span: &std::ops::Range<usize>) -> bool {
    let text = &doc.body[span.clone()];
    let marks = text.chars().filter(|c| matches!(c, '"' | '“' | '”')).count();
    let inside_quote = analysis.quotes.iter().any(|q| q.text.start < span.start && span.start < q.text.end);
    if marks % 2 == 1 || inside_quote {
        return true;
    }
    let first = text.trim_start_matches(|c: char| !c.is_alphanumeric()).split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    matches!(first, "He" | "She" | "It" | "They" | "His" | "Her" | "Their" | "This" | "That" | "These" | "Those" | "We" | "I")
        || text.starts_with(['"', '“', '‘', '\''])
}

/// The sentences of one article with their content terms (weights come later, from the
/// story). They depend on that article alone, so they are cut once, when the article is read
/// (see [`crate::prepare`]).
#[derive(Debug, Default, Clone)]
pub struct DocSentences {
    /// Their `doc` is 0 and their `terms` index this article's `terms` until the story joins
    /// them.
    sentences: Vec<Sentence>,
    /// The article's distinct term keys, each with the number of its sentences using it: the
    /// story numbers each term once per article, not once per sentence.
    distinct: Vec<(u64, u32)>,
    /// The sentences' terms end to end, each as its place in `distinct` with [`NAME_BIT`] set
    /// when it is written as a name there: four bytes a term, as the story reads them all.
    terms: Vec<u32>,
}

/// The mark of a name among an article's terms (see [`DocSentences::terms`]).
const NAME_BIT: u32 = 1 << 31;

pub fn find_sentences(doc: &parallax_core::Document, analysis: &parallax_core::DocAnalysis) -> DocSentences {
    let stopwords: &HashSet<u64, KeyHash> = &STOPWORD_KEYS;
    let mut out = DocSentences::default();
    // (stem key, written as a name) of each sentence's terms, end to end.
    let mut terms: Vec<(u64, bool)> = Vec::new();
    let (sentences, words) = if analysis.words.words.is_empty() && !doc.body.is_empty() {
        let sentences = parallax_segment::document_sentences(doc);
        let words = parallax_core::words::tokenize(&doc.body, &sentences);
        (std::borrow::Cow::Owned(sentences), std::borrow::Cow::Owned(words))
    } else {
        (std::borrow::Cow::Borrowed(&analysis.sentences), std::borrow::Cow::Borrowed(&analysis.words))
    };
    let mut rank = 0;
    for (i, span) in sentences.iter().enumerate() {
        let heading = doc.paragraph_of(span.start).is_some_and(|p| doc.role(p) != ParagraphRole::Text);
        if heading {
            continue;
        }
        let ws = &words.words[words.sentence(i)];
        let first = terms.len();
        terms.extend(ws.iter().filter(|w| w.end - w.start >= 3 && !stopwords.contains(&w.key)).map(|w| (w.stem, w.looks_like_name())));
        // One entry per term; a term written once as a name is a name.
        let own = &mut terms[first..];
        own.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut kept = 0;
        for k in 0..own.len() {
            if kept == 0 || own[k].0 != own[kept - 1].0 {
                own[kept] = own[k];
                kept += 1;
            }
        }
        terms.truncate(first + kept);
        // Only lead sentences of a readable length can be summary sentences.
        let candidate = rank < LEAD_SENTENCES && (8..=45).contains(&ws.len());
        let out_of_context = candidate && out_of_context(doc, analysis, span);
        out.sentences.push(Sentence { doc: 0, span: span.clone(), rank, words: ws.len(), terms: first..terms.len(), out_of_context });
        rank += 1;
    }
    let mut by_key: Vec<(u64, u32)> = terms.iter().zip(0..).map(|(t, k)| (t.0, k)).collect();
    by_key.sort_unstable();
    out.terms = vec![0; terms.len()];
    for run in by_key.chunk_by(|a, b| a.0 == b.0) {
        let at = out.distinct.len() as u32;
        run.iter().for_each(|&(_, k)| out.terms[k as usize] = at | if terms[k as usize].1 { NAME_BIT } else { 0 });
        out.distinct.push((run[0].0, run.len() as u32));
    }
    out
}

/// The story's sentences with weighted terms, and the posting lists over them, filled into
/// `story`'s buffers (whatever they held is dropped). Terms get dense numbers in one pass over
/// each article's distinct terms (a table by stem key), so that document frequencies, spreads
/// and postings are counted in arrays, with no sorting of the story's words; then one pass
/// over the sentences copies, weighs and normalises their terms and lists their postings.
/// Postings are only listed for terms that [`similar`] reads: not for those in more than a
/// quarter of the sentences.
fn read_story(found: &[&DocSentences], story: &mut Story) {
    let Story { sentences, doc_starts, terms, of_term, keys, index, work } = story;
    let n_sentences: usize = found.iter().map(|f| f.sentences.len()).sum();
    // Dense term numbers, and per number: sentences using it (df), documents using it
    // (spread). Each article's distinct terms are numbered once (`ids`, article after
    // article); its terms take their numbers through the article's own index of them.
    let Work { number, df, spread, ids, idf, fill } = work;
    keys.clear();
    number.reset(found.iter().map(|f| f.distinct.len()).max().unwrap_or(0));
    df.clear();
    spread.clear();
    ids.clear();
    for f in found {
        for &(key, sentences) in &f.distinct {
            let next = df.len() as u32;
            let id = number.get_or_insert(key, next);
            if id == next {
                df.push(0);
                spread.push(0);
                keys.push(key);
            }
            df[id as usize] += sentences;
            spread[id as usize] = spread[id as usize].saturating_add(1);
            ids.push(id);
        }
    }
    let n = n_sentences as f32;
    idf.clear();
    idf.extend(df.iter().map(|&d| ((1.0 + n) / (1.0 + d as f32)).ln() + 1.0));
    // Postings by term number, each list in sentence order (a counting sort). Every slot is
    // written, so the kept buffer is not cleared first.
    let common = common_df(n_sentences) as u32;
    let starts = &mut index.starts;
    starts.clear();
    starts.reserve(df.len() + 1);
    let mut at = 0u32;
    for &d in df.iter() {
        starts.push(at);
        at += if d > common { 0 } else { d };
    }
    starts.push(at);
    fill.clear();
    fill.extend_from_slice(starts);
    let postings = &mut index.postings;
    postings.resize(at as usize, Posting::default());

    sentences.clear();
    sentences.reserve(n_sentences);
    doc_starts.clear();
    terms.clear();
    terms.reserve(found.iter().map(|f| f.terms.len()).sum());
    of_term.clear();
    of_term.reserve(terms.capacity());
    let mut first_id = 0;
    for (d, f) in found.iter().enumerate() {
        doc_starts.push(sentences.len() as u32);
        let ids = &ids[first_id..first_id + f.distinct.len()];
        first_id += f.distinct.len();
        for s in &f.sentences {
            let si = sentences.len() as u32;
            let first = terms.len();
            let own = &f.terms[s.terms.clone()];
            of_term.extend(own.iter().map(|&local| ids[(local & !NAME_BIT) as usize]));
            terms.extend(own.iter().zip(&of_term[first..]).map(|(&local, &id)| {
                let idf = idf[id as usize];
                let name = local & NAME_BIT != 0;
                // Names say who, not what happened: two sentences about the same people are
                // not the same fact, so names weigh less than the words of the event.
                let weight = if name { idf * NAME_WEIGHT } else { idf };
                Term { weight, name, spread: spread[id as usize] }
            }));
            let own = &mut terms[first..];
            let norm = own.iter().map(|t| t.weight * t.weight).sum::<f32>().sqrt().max(1e-6);
            own.iter_mut().for_each(|t| t.weight /= norm);
            for (t, &id) in own.iter().zip(&of_term[first..]) {
                if df[id as usize] > common {
                    continue;
                }
                let slot = &mut fill[id as usize];
                postings[*slot as usize] = Posting { sentence: si | if t.name { Posting::NAME } else { 0 }, weight: t.weight };
                *slot += 1;
            }
            sentences.push(Sentence { doc: d, terms: first..terms.len(), ..s.clone() });
        }
    }
    doc_starts.push(sentences.len() as u32);
}

/// Sentences a term may be found in, at most, and still be searched by [`similar`].
fn common_df(sentences: usize) -> usize {
    (sentences / 4).max(8)
}

/// The story's sentences, their terms end to end, and the postings over them.
#[derive(Default)]
struct Story {
    sentences: Vec<Sentence>,
    /// Where each document's sentences start in `sentences` (one more entry closes the last).
    doc_starts: Vec<u32>,
    terms: Vec<Term>,
    /// Parallel to `terms`: each term's number in the index.
    of_term: Vec<u32>,
    /// Each term number's stem key.
    keys: Vec<u64>,
    index: Index,
    /// Buffers [`read_story`] works in.
    work: Work,
}

/// Per term number: document frequency, spread and IDF; the term numbers by key, an
/// article's terms' numbers, and the postings' fill positions.
#[derive(Default)]
struct Work {
    number: Numbers,
    df: Vec<u32>,
    spread: Vec<u16>,
    ids: Vec<u32>,
    idf: Vec<f32>,
    fill: Vec<u32>,
}

/// Term numbers by stem key: open addressing on the top bits of the key times a constant (one
/// multiplication spreads the word hashes' bits; the standard map hashes again and probes
/// groups). It starts small enough to stay in the fastest cache (a story repeats most of its
/// words) and doubles when a quarter full, so that probes are short. Kept with the story's
/// buffers: a table still at the next story's starting size is reused with only its used
/// slots cleared; one that grew is replaced (keeping it measured no faster).
#[derive(Default)]
struct Numbers {
    /// (key, number); `u32::MAX` marks an empty slot.
    slots: Vec<(u64, u32)>,
    /// Slots in use.
    used: Vec<u32>,
}

impl Numbers {
    /// Empties the table, sized for a story whose largest article has `keys` distinct keys.
    fn reset(&mut self, keys: usize) {
        for &i in &self.used {
            self.slots[i as usize].1 = u32::MAX;
        }
        self.used.clear();
        let size = (8 * keys).next_power_of_two().max(64);
        if self.slots.len() != size {
            self.slots = vec![(0, u32::MAX); size];
        }
    }

    /// The number of `key`, given `next` when it has none yet.
    fn get_or_insert(&mut self, key: u64, next: u32) -> u32 {
        let mask = self.slots.len() - 1;
        let mut i = (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - self.slots.len().trailing_zeros())) as usize;
        loop {
            let slot = &mut self.slots[i];
            if slot.1 == u32::MAX {
                *slot = (key, next);
                self.used.push(i as u32);
                if 4 * self.used.len() > self.slots.len() {
                    self.grow();
                }
                return next;
            }
            if slot.0 == key {
                return slot.1;
            }
            i = (i + 1) & mask;
        }
    }

    /// Doubles the table, placing its entries again.
    fn grow(&mut self) {
        let size = 2 * self.slots.len();
        let old = std::mem::replace(&mut self.slots, vec![(0, u32::MAX); size]);
        let used = std::mem::take(&mut self.used);
        for &i in &used {
            let (key, id) = old[i as usize];
            self.get_or_insert(key, id);
        }
    }
}

/// Most terms a story's buffers may hold and still be kept for the next story.
const KEPT_TERMS: usize = 1 << 16;

thread_local! {
    /// The last story's buffers, reused by the next story on this thread: a story's terms and
    /// postings take up to a few MB (kept only up to [`KEPT_TERMS`] terms), and fresh memory of that size costs page faults (the
    /// kernel zeroing each page) every time.
    static STORY: std::cell::RefCell<Option<Story>> = const { std::cell::RefCell::new(None) };
}

impl Story {
    /// The cosine of two sentences' weighted terms (both sorted by stem key).
    fn cosine(&self, a: usize, b: usize) -> f32 {
        let (a, b) = (self.sentences[a].terms.clone(), self.sentences[b].terms.clone());
        let key = |k: usize| self.keys[self.of_term[k] as usize];
        let (mut i, mut j, mut sum) = (a.start, b.start, 0.0);
        while i < a.end && j < b.end {
            match key(i).cmp(&key(j)) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += self.terms[i].weight * self.terms[j].weight;
                    i += 1;
                    j += 1;
                }
            }
        }
        sum
    }
}

static STOPWORD_KEYS: LazyLock<HashSet<u64, KeyHash>> = LazyLock::new(|| STOPWORDS.iter().map(|w| word_key(w)).collect());

type KeyHash = parallax_core::hash::FastBuild;

/// Posting lists end to end, by term number.
#[derive(Default)]
struct Index {
    /// Where each term number's postings start (one more entry closes the last).
    starts: Vec<u32>,
    postings: Vec<Posting>,
}

/// A sentence using a term: the term's weight there and whether it is written as a name there
/// (the top bit of `sentence`). Eight bytes, so that building and reading the lists moves
/// half the memory; a search skips its own article by the range of its sentences.
#[derive(Debug, Clone, Copy, Default)]
struct Posting {
    sentence: u32,
    weight: f32,
}

impl Posting {
    const NAME: u32 = 1 << 31;
}

impl Index {
    fn postings(&self, id: u32) -> &[Posting] {
        let id = id as usize;
        &self.postings[self.starts[id] as usize..self.starts[id + 1] as usize]
    }
}

/// Sentences of other documents sharing words with sentence `i`, with their cosine, into `out`.
/// Only sentences sharing at least [`MIN_SHARED`] words other than names count: one rare
/// shared phrase ("picket line") or the same people is a topic, not the same fact.
/// Terms found in more than a quarter of the story's sentences are skipped (their posting lists
/// are left empty, see [`common_df`]): they carry little weight, and their long posting lists
/// would make the search quadratic.
fn similar(story: &Story, i: usize, acc: &mut Accumulator, out: &mut Vec<(usize, f32)>) {
    let sentences = &story.sentences;
    let doc = sentences[i].doc;
    let (own_start, own_len) = (story.doc_starts[doc], story.doc_starts[doc + 1] - story.doc_starts[doc]);
    let range = sentences[i].terms.clone();
    for (&Term { weight: w, name: name_here, .. }, &id) in story.terms[range.clone()].iter().zip(&story.of_term[range]) {
        for p in story.index.postings(id) {
            let j = p.sentence & !Posting::NAME;
            if j.wrapping_sub(own_start) >= own_len {
                acc.add(j as usize, w * p.weight, !name_here && p.sentence & Posting::NAME == 0);
            }
        }
    }
    out.clear();
    out.extend(acc.drain().filter(|&(j, _, shared)| shared >= MIN_SHARED && sentences[j].words >= 6).map(|(j, sim, _)| (j, sim)));
}

/// Dense per-sentence sums reused across queries (a hash map per query was the hot spot).
/// A sentence's sum, count and mark sit together: one memory access per posting. The
/// sentences touched are listed in first-touch order without a branch (a sentence is written
/// past the end of the list, and the list only grows when it is new): whether a posting meets
/// a sentence for the first time is a coin toss the processor cannot predict.
struct Accumulator {
    cells: Vec<Cell>,
    touched: Vec<usize>,
    n_touched: usize,
}

#[derive(Clone, Copy, Default)]
struct Cell {
    sum: f32,
    shared: u16,
    touched: bool,
}

impl Accumulator {
    fn new(n: usize) -> Self {
        Accumulator { cells: vec![Cell::default(); n], touched: vec![0; n + 1], n_touched: 0 }
    }

    fn add(&mut self, j: usize, value: f32, counts: bool) {
        let c = &mut self.cells[j];
        self.touched[self.n_touched] = j;
        self.n_touched += usize::from(!c.touched);
        c.touched = true;
        c.sum += value;
        c.shared = c.shared.saturating_add(u16::from(counts));
    }

    /// (sentence, sum, shared words), resetting the accumulator.
    fn drain(&mut self) -> impl Iterator<Item = (usize, f32, usize)> + '_ {
        let cells = &mut self.cells;
        let n = std::mem::take(&mut self.n_touched);
        self.touched[..n].iter().map(move |&j| {
            let c = std::mem::take(&mut cells[j]);
            (j, c.sum, c.shared as usize)
        })
    }
}



#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DiscrepancyKind, Side};
    use parallax_core::{DocAnalysis, Document};
    use parallax_entities::StoryEntities;

    fn doc(id: &str, outlet: &str, paragraphs: &[&str]) -> Document {
        let mut d = Document::from_paragraphs(id, paragraphs.iter().copied());
        d.outlet = Some(outlet.into());
        d
    }

    #[test]
    fn every_sentence_cites_exact_texts_from_several_articles() {
        let docs = [
            doc("a", "Coast Wire", &["Ferry crews at Tarn Harbour walked off the job on Monday over a pay dispute with the operator.", "The operator said it had offered a four percent rise to the crews.", "Passengers queued for hours at the terminal."]),
            doc("b", "Valley Times", &["Tarn Harbour ferry crews walked off the job on Monday in a pay dispute with the ferry operator.", "The operator offered the crews a four percent pay rise, a spokesman said.", "Union officials met late into the night."]),
            doc("c", "Night Radio", &["Ferry services from Tarn Harbour stopped on Monday when crews walked off the job over pay.", "About 300 crew members joined the strike, the union said."]),
        ];
        let analyses = vec![DocAnalysis::default(); 3];
        let entities = StoryEntities { entities: Vec::new(), local_to_story: vec![Vec::new(); 3] };
        let view = StoryView { docs: docs.iter().collect(), analyses: analyses.iter().collect(), entities: &entities };
        let numbers = |d: usize, t: &str| {
            let at = docs[d].body.find(t).unwrap();
            Side { at: TextRef { doc: d, span: at..at + t.len() }, holder: None }
        };
        let dispute = Discrepancy { kind: DiscrepancyKind::Numeric, topic: "Number of strikers".into(), sides: vec![numbers(2, "About 300 crew members"), numbers(0, "Ferry crews")] };
        let summary = summarize(&view, &Copies::default(), &[], &[], &[dispute]);
        assert!(summary.len() >= 2, "{summary:?}");
        for s in &summary {
            for src in &s.sources {
                assert!(docs[src.doc].body.get(src.span.clone()).is_some_and(|t| !t.is_empty()));
            }
        }
        let cited: usize = summary.iter().map(|s| { let mut d: Vec<_> = s.sources.iter().map(|x| x.doc).collect(); d.sort(); d.dedup(); d.len() }).sum();
        assert!(cited as f32 / summary.len() as f32 >= 1.5, "{summary:?}");
        assert!(summary[0].text.contains("walked off the job on Monday"));
        assert!(summary.last().unwrap().text.starts_with("Number of strikers — Night Radio: “About 300 crew members”"));
    }

    /// A story summarised in buffers another story left is summarised as in fresh ones.
    #[test]
    fn kept_buffers_do_not_leak_between_stories() {
        let big = [
            doc("a", "Coast Wire", &["Ferry crews at Tarn Harbour walked off the job on Monday over a pay dispute with the operator.", "The operator said it had offered a four percent rise to the crews."]),
            doc("b", "Valley Times", &["Tarn Harbour ferry crews walked off the job on Monday in a pay dispute with the ferry operator.", "The operator offered the crews a four percent pay rise, a spokesman said."]),
            doc("c", "Night Radio", &["Ferry services from Tarn Harbour stopped on Monday when crews walked off the job over pay."]),
        ];
        let small = [
            doc("d", "Hill Post", &["The council approved a new bus depot beside the ring road after a long public inquiry."]),
            doc("e", "Town Crier", &["After a long public inquiry the council approved the new bus depot beside the ring road."]),
        ];
        let run = |docs: &[Document]| {
            let analyses = vec![DocAnalysis::default(); docs.len()];
            let entities = StoryEntities { entities: Vec::new(), local_to_story: vec![Vec::new(); docs.len()] };
            let view = StoryView { docs: docs.iter().collect(), analyses: analyses.iter().collect(), entities: &entities };
            format!("{:?}", summarize(&view, &Copies::default(), &[], &[], &[]))
        };
        let (first_small, first_big) = (run(&small), run(&big));
        assert_eq!(run(&small), first_small);
        assert_eq!(run(&big), first_big);
        assert!(first_small.contains("bus depot"), "{first_small}");
    }

    #[test]
    fn copies_are_not_support() {
        let text = ["Ferry crews at Tarn Harbour walked off the job on Monday over a pay dispute with the operator."];
        let docs = [doc("a", "Coast Wire", &text), doc("b", "Valley Times", &text)];
        let analyses = vec![DocAnalysis::default(); 2];
        let entities = StoryEntities { entities: Vec::new(), local_to_story: vec![Vec::new(); 2] };
        let view = StoryView { docs: docs.iter().collect(), analyses: analyses.iter().collect(), entities: &entities };
        let copies = Copies { pairs: vec![(1, 0, 1.0)] };
        let summary = summarize(&view, &copies, &[], &[], &[]);
        assert!(summary.iter().all(|s| s.sources.len() == 1), "{summary:?}");
    }
}
