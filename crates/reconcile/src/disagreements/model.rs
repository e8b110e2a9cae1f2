//! The story as the detectors see it: sentences with words, text units (clauses and quotes),
//! entity mentions mapped to story entities, and word rarity across the story. Words and
//! sentences are the reading stage's (`DocAnalysis::words`, `::sentences`), not re-cut here;
//! each article's words, sentences and units are read once ([`read_doc`]) and the story joins
//! them ([`Ctx::from_docs`]).

use super::dates::DocDate;
use super::numbers::{Amount, Elapsed};
use super::text::{self, keys, KeyMap, Lexer, Word, RELATIVE, REPORTING};
use crate::{Side, StoryView, TextRef};
use parallax_core::{DocAnalysis, Document, EntityType, QuoteKind, Span};

pub struct Sent {
    pub doc: usize,
    pub span: Span,
    /// Its words: a range of its document's words (see [`Ctx::sw`]).
    words: std::ops::Range<usize>,
    /// The classes of its words together (`Word::flags` or-ed).
    pub flags: u32,
    /// Whether a direct quote overlaps it.
    pub direct_quote: bool,
}

/// A unit of an article placed in the story: its document, the story's sentence, and what
/// was read with it ([`UnitSeed`], read in place).
pub struct Unit<'v> {
    pub doc: usize,
    pub sent: usize,
    seed: &'v UnitSeed,
    /// Who holds it, computed on first use (see [`Ctx::uh`]): most units never become sides.
    holder: std::cell::OnceCell<Option<usize>>,
}

impl std::ops::Deref for Unit<'_> {
    type Target = UnitSeed;
    fn deref(&self) -> &UnitSeed {
        self.seed
    }
}

pub struct Ctx<'v, 'a> {
    pub view: &'v StoryView<'a>,
    pub sents: Vec<Sent>,
    pub units: Vec<Unit<'v>>,
    /// Per doc: what was read with it ([`DocText`]), read in place, not copied.
    texts: Vec<&'v DocText>,
    /// Per doc: its own stem numbers ([`Word::sid`]) → the story's.
    doc_sids: Vec<Vec<u32>>,
    /// Per doc: the range of `sents` holding its sentences.
    doc_sents: Vec<std::ops::Range<usize>>,
    /// Per doc, per entity of the article: the story entity, when a person or organisation
    /// (whose mentions can hold a position; the article's mentions are read in place).
    holders: Vec<Vec<Option<usize>>>,
    /// Rarity of each stem seen (see [`Ctx::idf`]), by the story's stem number (see [`Ctx::story_sid`]).
    idf_by_sid: Vec<f64>,
    /// Stem key → the story's stem number.
    sid_of_stem: KeyMap<u64, u32>,
    /// Rarity of a stem no unit holds.
    idf_unseen: f64,
    /// The story's dense stem number → stem key (see [`Ctx::story_sid`]).
    stems: Vec<u64>,
    /// Per unit: whether an earlier article has a unit of the very same words (a syndicated
    /// or copied passage). A copy states no new position: detectors neither start a finding
    /// from it nor take it as a side, so each position is argued once, by its first report.
    pub copy: Vec<bool>,
}

/// The words, sentences and units of one article, what the detectors ask of it alone (its
/// amounts, dates, durations, entity mentions) and packed indexes for looking its words up.
/// They depend on that article alone, so they are worked out once, when the article is read
/// (see [`crate::prepare`]); the story only joins them.
/// Word `sid`s number this article's own stems (`stems`); the story maps them to its own ([`Ctx::story_sid`]).
#[derive(Debug, Default, Clone)]
pub struct DocText {
    words: Vec<Word>,
    stems: Vec<u64>,
    /// Span and range of `words` of each sentence.
    sents: Vec<(Span, std::ops::Range<usize>)>,
    /// Per sentence: the classes of its words together.
    sent_flags: Vec<u32>,
    /// Per sentence: whether a direct quote overlaps it.
    direct_quoted: Vec<bool>,
    /// Per quote: the sentence holding its start.
    quote_sentences: Vec<Option<usize>>,
    /// Per quote: its text's (start, end), packed: who holds a stretch of text is found by
    /// reading a few bytes per quote, not the quotes.
    quote_spans: Vec<(u32, u32)>,
    units: Vec<UnitSeed>,
    /// Each unit's topic stems (`UnitSeed::topic` ranges), sorted and distinct.
    unit_topics: Vec<u64>,
    /// Per topic stem (`unit_topics`): its number in the article ([`Word::sid`]).
    unit_topic_sids: Vec<u32>,
    /// Per stem (`stems`): in how many units it occurs, for the story's word rarity (the
    /// story adds up its articles' counts).
    stem_units: Vec<u32>,
    amounts: Vec<Amount>,
    /// Its entities' mentions as (span, the article's entity), sorted by span.
    mentions: Vec<(Span, usize)>,
    /// Per [`MENTION_STEP`] bytes of the body: how many mentions start before them, where a
    /// lookup of the mentions inside a span starts (a step or two, not a binary search).
    mention_index: Vec<u32>,
    dates: Vec<DocDate>,
    durations: Vec<Elapsed>,
    /// Per [`INDEX_STEP`] bytes of the body, packed: how many words start before them (low 32
    /// bits), which of its bytes start a word (16 bits) and which end one (16 bits, the lowest
    /// set when a word runs across the block's start). Where words lie in order, apart (as the
    /// tokenizer cuts them), how many start before or end by a byte is one entry and a count
    /// of bits: a lookup of the words inside a span reads neither the words nor their bounds
    /// (a second cache miss). Empty otherwise (word layers built by hand), and the words are
    /// searched by bisection as [`text::inside`] does.
    word_bits: Vec<u64>,
    /// Per word: its stem number ([`Word::sid`]), or [`FUNCTION_WORD`] for a word of class
    /// [`text::STOP`]: what the event dates compare, packed.
    content_stems: Vec<u32>,
    /// The indices of its words of class [`RELATIVE`], in order: few, so whether a stretch
    /// holds one is found without reading its words.
    relative_words: Vec<u32>,
    /// Whether a byte at least lies between each word and the next (as the tokenizer cuts
    /// them): then `n` words need `2n - 1` bytes.
    gapped: bool,
}

/// A byte offset as stored in 32 bits (offsets past 4 GiB saturate, as the word layer's do).
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

/// In [`DocText::content_stems`], a function word.
pub const FUNCTION_WORD: u32 = u32::MAX;

/// Bytes of body per entry of [`DocText::word_bits`].
const INDEX_STEP: usize = 16;

/// Bytes of body per entry of [`DocText::mention_index`]: mentions are sparser than words.
const MENTION_STEP: usize = 64;

impl DocText {
    /// How many words start before byte `at`.
    fn words_starting_before(&self, at: usize) -> usize {
        if !self.word_bits.is_empty() {
            let Some(&e) = self.word_bits.get(at / INDEX_STEP) else { return self.words.len() };
            let below = (1u32 << (at % INDEX_STEP)) - 1;
            return (e as u32) as usize + ((e >> 32) as u32 & 0xffff & below).count_ones() as usize;
        }
        self.words.partition_point(|w| w.span.start < at)
    }

    /// How many mentions start before byte `at`.
    fn mentions_starting_before(&self, at: usize) -> usize {
        let ms = &self.mentions;
        let mut k = self.mention_index.get(at / MENTION_STEP).or(self.mention_index.last()).map_or(0, |&k| k as usize);
        while k < ms.len() && ms[k].0.start < at {
            k += 1;
        }
        k
    }

    /// How many words end at or before byte `at`.
    fn words_ending_by(&self, at: usize) -> usize {
        if !self.word_bits.is_empty() {
            let Some(&e) = self.word_bits.get(at / INDEX_STEP) else { return self.words.len() };
            let ends = (e >> 48) as u32;
            // Ends at the block's bytes 1 to `at`'s; bit 0 marks a word across the block's start.
            let upto = (2u32 << (at % INDEX_STEP)) - 1;
            return (e as u32 - (ends & 1)) as usize + (ends & upto & !1).count_ones() as usize;
        }
        self.words.partition_point(|w| w.span.end <= at)
    }

    /// The words inside `span` (as [`text::inside`] finds them).
    pub(super) fn words_in(&self, span: &Span) -> &[Word] {
        &self.words[self.word_range(span)]
    }

    /// The range of the words inside `span`.
    fn word_range(&self, span: &Span) -> std::ops::Range<usize> {
        let from = self.words_starting_before(span.start);
        let to = self.words_ending_by(span.end).max(from);
        from..to
    }

    /// How many sentences and how many distinct stems the article has.
    pub(super) fn counts(&self) -> (usize, usize) {
        (self.sents.len(), self.stems.len())
    }

    /// The words ending at or before byte `at`.
    pub(super) fn words_before(&self, at: usize) -> &[Word] {
        &self.words[..self.words_ending_by(at)]
    }

    /// The span of sentence `si`.
    pub(super) fn sentence_span(&self, si: usize) -> Option<&Span> {
        self.sents.get(si).map(|(s, _)| s)
    }

    /// The words of sentence `si`.
    pub(super) fn sentence_words(&self, si: usize) -> &[Word] {
        self.sents.get(si).and_then(|(_, r)| self.words.get(r.clone())).unwrap_or(&[])
    }

    /// Index of the sentence that contains `span`.
    pub(super) fn sentence_of(&self, span: &Span) -> Option<usize> {
        let k = self.sents.partition_point(|(s, _)| s.end < span.end.max(span.start + 1));
        (k < self.sents.len() && self.sents[k].0.start <= span.start).then_some(k)
    }

    /// The clause of sentence `si` holding `span` (the whole sentence if none does). The
    /// sentence is cut into clauses once for a run of calls about it (`memo`): an article's
    /// amounts, durations and dates ask in sentence order, and cutting a long sentence again
    /// for each of them would make reading quadratic in its length.
    pub(super) fn clause_of(&self, body: &str, si: usize, span: &Span, memo: &mut ClauseMemo) -> Span {
        let Some((s, _)) = self.sents.get(si) else { return span.clone() };
        if memo.sentence != Some(si) {
            memo.clauses.clear();
            memo.clauses.extend(text::clauses_of(body, self.sentence_words(si), s.start, s.end).into_iter().map(|(_, c)| c));
            memo.sentence = Some(si);
        }
        // Clauses are in order and apart: the one that could hold `span` is the first ending at
        // or after it.
        let k = memo.clauses.partition_point(|c| c.end < span.end);
        memo.clauses.get(k).filter(|c| c.start <= span.start).cloned().unwrap_or_else(|| s.clone())
    }
}

/// The clauses of the sentence last asked about (see [`DocText::clause_of`]).
#[derive(Default)]
pub(super) struct ClauseMemo {
    sentence: Option<usize>,
    clauses: Vec<Span>,
}

/// See [`DocText::word_bits`]: empty unless the words lie in order, apart, inside the body.
fn word_bits(body_len: usize, words: &[Word]) -> Vec<u64> {
    let apart = words.windows(2).all(|p| p[0].span.end <= p[1].span.start);
    if !apart || !words.iter().all(|w| w.span.start < w.span.end && w.span.end <= body_len) || body_len >= u32::MAX as usize {
        return Vec::new();
    }
    let mut bits = Vec::with_capacity(body_len / INDEX_STEP + 1);
    let mut k = 0;
    for step in 0..=body_len / INDEX_STEP {
        let at = step * INDEX_STEP;
        while k < words.len() && words[k].span.start < at {
            k += 1;
        }
        let across = k > 0 && words[k - 1].span.end > at;
        bits.push(k as u64 | (across as u64) << 48);
    }
    for w in words {
        bits[w.span.start / INDEX_STEP] |= 1 << (32 + w.span.start % INDEX_STEP);
        if w.span.end % INDEX_STEP != 0 {
            bits[w.span.end / INDEX_STEP] |= 1 << (48 + w.span.end % INDEX_STEP);
        }
    }
    bits
}

/// A clause of a sentence, or the part of a direct or partial quote inside one sentence, as
/// its article is read (the story places it as a [`Unit`]).
#[derive(Debug, Clone)]
pub struct UnitSeed {
    /// Index in the article's sentences.
    sentence: usize,
    pub span: Span,
    /// Its words: a range of its article's words (see [`Ctx::uw`]).
    words: std::ops::Range<usize>,
    /// Index of the doc's quote this unit is the text of.
    pub quote: Option<usize>,
    /// The classes of its words together (`Word::flags` or-ed): lets a detector skip a unit
    /// without a word of the class it needs.
    pub flags: u32,
    /// Hash of its words' keys in order (see [`Ctx::copy`]).
    wording: u64,
    /// Its topic stems (see [`super::claims`]): a range of its article's unit topics.
    topic: std::ops::Range<usize>,
}

/// Appends `items` to `list` sorted and without repeats; returns where they went.
fn push_distinct<T: Ord + Copy>(list: &mut Vec<T>, items: impl Iterator<Item = T>) -> std::ops::Range<usize> {
    let from = list.len();
    list.extend(items);
    list[from..].sort_unstable();
    let mut kept = from;
    for i in from..list.len() {
        if i == from || list[i] != list[kept - 1] {
            list[kept] = list[i];
            kept += 1;
        }
    }
    list.truncate(kept);
    from..kept
}

/// The hash of a run of words by their keys, in order.
fn wording_of(ws: &[Word]) -> u64 {
    ws.iter().fold(ws.len() as u64, |h, w| (h ^ w.key).wrapping_mul(0x0100_0000_01b3))
}

pub fn read_doc(doc: &Document, analysis: &DocAnalysis) -> DocText {
    // The reading stage's sentences and words; a bare analysis (tests) gets its own.
    let own;
    let (spans, ws): (&[Span], &parallax_core::Words) = if !analysis.sentences.is_empty() || doc.body.trim().is_empty() {
        (&analysis.sentences, &analysis.words)
    } else {
        let s = parallax_segment::document_sentences(doc);
        let w = parallax_core::words::tokenize(&doc.body, &s);
        own = (s, w);
        (&own.0, &own.1)
    };
    let mut lexer = Lexer::with_capacity(ws.words.len());
    let words: Vec<Word> = ws.words.iter().map(|w| lexer.word(&doc.body, w)).collect();
    let mut sents = Vec::with_capacity(spans.len());
    for (i, span) in spans.iter().enumerate() {
        let r = ws.sentence(i);
        let r = r.start.min(ws.words.len())..r.end.min(ws.words.len());
        // Only the words inside the sentence's span.
        let inner = &words[r.start..r.end];
        let to = r.start + inner.partition_point(|w| w.span.end <= span.end);
        let from = r.start + inner.partition_point(|w| w.span.start < span.start).min(to - r.start);
        sents.push((span.clone(), from..to));
    }
    let mut units = units_of(&doc.body, &analysis.quotes, &words, &sents);
    let mut unit_topics: Vec<(u64, u32)> = Vec::new();
    let mut stem_units = vec![0u32; lexer.stems.len()];
    let mut distinct: Vec<u32> = Vec::new();
    for u in &mut units {
        let ws = &words[u.words.clone()];
        distinct.clear();
        push_distinct(&mut distinct, ws.iter().map(|w| w.sid));
        for &l in &distinct {
            stem_units[l as usize] += 1;
        }
        u.wording = wording_of(ws);
        u.topic = push_distinct(&mut unit_topics, super::claims::topic_words(ws).map(|w| (w.stem, w.sid)));
    }
    let (unit_topics, unit_topic_sids) = unit_topics.into_iter().unzip();
    let sent_flags = sents.iter().map(|(_, r)| words[r.clone()].iter().fold(0, |f, w| f | w.flags)).collect();
    let word_bits = word_bits(doc.body.len(), &words);
    let gapped = words.windows(2).all(|p| p[0].span.end < p[1].span.start);
    let content_stems = words.iter().map(|w| if w.is(text::STOP) { FUNCTION_WORD } else { w.sid }).collect();
    let relative_words = (0..words.len() as u32).filter(|&k| words[k as usize].is(RELATIVE)).collect();
    let mut mentions: Vec<(Span, usize)> =
        analysis.entities.iter().enumerate().flat_map(|(local, e)| e.mentions.iter().map(move |m| (m.span.clone(), local))).collect();
    mentions.sort_by_key(|(sp, _)| (sp.start, sp.end));
    let mut k = 0;
    let mention_index = (0..=doc.body.len() / MENTION_STEP)
        .map(|step| {
            while k < mentions.len() && mentions[k].0.start < step * MENTION_STEP {
                k += 1;
            }
            k as u32
        })
        .collect();
    let mut text = DocText {
        words,
        stems: std::mem::take(&mut lexer.stems),
        sents,
        sent_flags,
        direct_quoted: Vec::new(),
        quote_sentences: Vec::new(),
        quote_spans: analysis.quotes.iter().map(|q| (offset(q.text.start), offset(q.text.end))).collect(),
        units,
        unit_topics,
        unit_topic_sids,
        stem_units,
        amounts: Vec::new(),
        mentions,
        mention_index,
        dates: Vec::new(),
        durations: Vec::new(),
        word_bits,
        content_stems,
        relative_words,
        gapped,
    };
    // Sentences are in order and apart: a direct quote overlaps a run of them, marked by a
    // difference array (one pass per quote, not one per sentence and quote).
    let mut overlaps = vec![0i64; text.sents.len() + 1];
    for q in analysis.quotes.iter().filter(|q| q.kind == QuoteKind::Direct) {
        let from = text.sents.partition_point(|(s, _)| s.end <= q.text.start);
        let to = text.sents.partition_point(|(s, _)| s.start < q.text.end).max(from);
        overlaps[from] += 1;
        overlaps[to] -= 1;
    }
    let mut open = 0;
    text.direct_quoted = overlaps[..text.sents.len()]
        .iter()
        .map(|d| {
            open += d;
            open > 0
        })
        .collect();
    text.quote_sentences = analysis.quotes.iter().map(|q| text.sentence_of(&(q.text.start..q.text.start.saturating_add(1)))).collect();
    let times: Vec<Span> = analysis.times.iter().map(|t| t.span.clone()).collect();
    text.amounts = super::numbers::doc_amounts(&doc.body, &text, &times);
    text.dates = super::dates::doc_dates(doc, analysis, &text);
    text.durations = super::numbers::doc_durations(doc, analysis, &text);
    text
}

/// The units of one article's sentences: quotes cut out of them and the clauses left.
fn units_of(body: &str, quotes: &[parallax_core::Quote], words: &[Word], sents: &[(Span, std::ops::Range<usize>)]) -> Vec<UnitSeed> {
    let mut units = Vec::new();
    let mut pieces: Vec<(Span, Option<usize>)> = Vec::new();
    let mut cut: Vec<Span> = Vec::new();
    for (si, (sspan, swords)) in sents.iter().enumerate() {
        let sw = &words[swords.clone()];
        if sw.is_empty() {
            continue;
        }
        pieces.clear();
        // Quotes cut out of the sentence: direct ones and long partial ones. A short partial
        // quote ("a smear") stays inside its clause and is also a unit of its own.
        cut.clear();
        for (qi, q) in quotes.iter().enumerate() {
            let qt = &q.text;
            if q.kind == QuoteKind::Indirect || !(qt.start < sspan.end && qt.end > sspan.start) {
                continue;
            }
            let inter = text::trim(body, &(qt.start.max(sspan.start)..qt.end.min(sspan.end)));
            if inter.end <= inter.start {
                continue;
            }
            let qw = text::inside(sw, &inter);
            let n = qw.len();
            if n == 0 {
                continue;
            }
            if q.kind == QuoteKind::Direct || n > 8 {
                cut.push(qt.start.max(sspan.start)..qt.end.min(sspan.end));
            }
            if n <= 30 {
                pieces.push((inter, Some(qi)));
            } else {
                for (_, c) in text::clauses_of(body, qw, inter.start, inter.end) {
                    pieces.push((c, Some(qi)));
                }
            }
        }
        cut.sort_by_key(|c| c.start);
        let mut at = sspan.start;
        let gap = |g: Span, pieces: &mut Vec<(Span, Option<usize>)>| {
            for (_, c) in text::clauses_of(body, text::inside(sw, &g), g.start, g.end) {
                pieces.push((c, None));
            }
        };
        for c in &cut {
            if c.start > at {
                gap(at..c.start, &mut pieces);
            }
            at = at.max(c.end);
        }
        if at < sspan.end {
            gap(at..sspan.end, &mut pieces);
        }
        pieces.sort_by_key(|(sp, _)| sp.start);
        for (span, quote) in pieces.drain(..) {
            // The sentence's words inside the piece (no second tokenisation).
            let from = sw.partition_point(|w| w.span.start < span.start);
            let to = sw.partition_point(|w| w.span.end <= span.end).max(from);
            if from == to {
                continue;
            }
            let words = swords.start + from..swords.start + to;
            let flags = sw[from..to].iter().fold(0, |f, w| f | w.flags);
            units.push(UnitSeed { sentence: si, span, words, quote, flags, wording: 0, topic: 0..0 });
        }
    }
    units
}

impl<'v, 'a> Ctx<'v, 'a> {
    /// The story from its articles' texts (`texts[d]` for `view.docs[d]`).
    pub fn from_docs(view: &'v StoryView<'a>, texts: &[&'v DocText]) -> Self {
        let mut sents = Vec::with_capacity(texts.iter().map(|t| t.sents.len()).sum());
        let mut units = Vec::with_capacity(texts.iter().map(|t| t.units.len()).sum());
        let mut holders = Vec::with_capacity(texts.len());
        let mut doc_sents = Vec::with_capacity(texts.len());
        // Stems renumbered for the story, in order of first use as a story lexer would.
        let mut sids: KeyMap<u64, u32> = KeyMap::default();
        let mut stems: Vec<u64> = Vec::new();
        let mut doc_sids = Vec::with_capacity(texts.len());
        // Units holding each stem, by the story's stem number: the sum of its articles' counts.
        let mut df: Vec<u32> = Vec::new();
        for (d, t) in texts.iter().enumerate() {
            doc_sids.push(t.stems.iter().zip(&t.stem_units).map(|(&stem, &units)| {
                let next = stems.len() as u32;
                let sid = *sids.entry(stem).or_insert(next);
                if sid == next {
                    stems.push(stem);
                    df.push(0);
                }
                df[sid as usize] += units;
                sid
            }).collect());
            let first = sents.len();
            sents.extend(t.sents.iter().zip(&t.sent_flags).zip(&t.direct_quoted).map(|(((span, r), &flags), &direct_quote)| Sent {
                doc: d,
                span: span.clone(),
                words: r.clone(),
                flags,
                direct_quote,
            }));
            units.extend(t.units.iter().map(|seed| Unit { doc: d, sent: first + seed.sentence, seed, holder: std::cell::OnceCell::new() }));
            holders.push(
                (0..view.analyses.get(d).map_or(0, |an| an.entities.len()))
                    .map(|local| {
                        let s = view.story_entity(d, local)?;
                        let kind = view.entities.entities.get(s).map(|e| e.kind);
                        matches!(kind, Some(EntityType::Person | EntityType::Org | EntityType::Group)).then_some(s)
                    })
                    .collect(),
            );
            doc_sents.push(first..sents.len());
        }
        let mut ctx = Ctx {
            view,
            sents,
            units,
            texts: texts.to_vec(),
            doc_sids,
            doc_sents,
            holders,
            idf_by_sid: Vec::new(),
            sid_of_stem: sids,
            idf_unseen: 0.0,
            stems,
            copy: Vec::new(),
        };
        ctx.weigh_stems(&df);
        ctx.copy = ctx.find_copies();
        ctx
    }

    /// See [`Ctx::copy`]. Only units of a few words: short ones ("he said") repeat by chance.
    fn find_copies(&self) -> Vec<bool> {
        const MIN_WORDS: usize = 4;
        let mut first: KeyMap<u64, (usize, usize)> = KeyMap::with_capacity_and_hasher(self.units.len(), Default::default());
        self.units
            .iter()
            .map(|u| {
                let ws = self.uw(u);
                if ws.len() < MIN_WORDS {
                    return false;
                }
                match first.get(&u.wording) {
                    Some(&(doc, _)) => doc != u.doc,
                    None => {
                        first.insert(u.wording, (u.doc, 0));
                        false
                    }
                }
            })
            .collect()
    }

    /// Rarity of each stem from `df`, in how many units of the story it appears (by the
    /// story's stem number).
    fn weigh_stems(&mut self, df: &[u32]) {
        let ns = self.stems.len();
        // Smoothed so that a short story does not make every word look common.
        let n = self.units.len() as f64 + 10.0;
        let unseen = n.ln();
        let mut by_sid = vec![unseen; ns];
        for (k, &c) in df.iter().enumerate() {
            if c > 0 {
                by_sid[k] = (n / (c as f64 + 1.0)).ln();
            }
        }
        self.idf_by_sid = by_sid;
        self.idf_unseen = unseen;
    }

    /// The words of a unit.
    pub fn uw(&self, u: &Unit) -> &[Word] {
        self.texts.get(u.doc).and_then(|t| t.words.get(u.words.clone())).unwrap_or(&[])
    }

    /// Who holds unit `u`: the speaker of its quote, else as [`Ctx::holder`] finds.
    pub fn uh(&self, u: &Unit) -> Option<usize> {
        *u.holder.get_or_init(|| self.holder_of(u.doc, &u.span, u.quote, || self.uw(u)))
    }

    /// The amounts of doc `doc`, as read with it (sentences numbered within the doc).
    pub fn amounts(&self, doc: usize) -> &[Amount] {
        self.texts.get(doc).map_or(&[], |t| t.amounts.as_slice())
    }

    /// The dates of doc `doc`, as read with it (sentences numbered within the doc).
    pub fn dates(&self, doc: usize) -> &[DocDate] {
        self.texts.get(doc).map_or(&[], |t| t.dates.as_slice())
    }

    /// The elapsed durations of doc `doc`, as read with it.
    pub fn durations(&self, doc: usize) -> &[Elapsed] {
        self.texts.get(doc).map_or(&[], |t| t.durations.as_slice())
    }

    /// The story's number of the stem numbered `local` ([`Word::sid`]) in doc `doc` (below
    /// [`Ctx::stem_count`]), for counting by stem in a vector.
    pub fn story_sid(&self, doc: usize, local: u32) -> usize {
        self.doc_sids.get(doc).and_then(|s| s.get(local as usize)).map_or(usize::MAX, |&k| k as usize)
    }

    /// The story's number of the sentence holding the start of quote `q` of doc `doc`.
    pub fn quote_sentence(&self, doc: usize, q: usize) -> Option<usize> {
        let local = (*self.texts.get(doc)?.quote_sentences.get(q)?)?;
        Some(self.first_sentence(doc) + local)
    }

    /// The story's number of the first sentence of doc `doc`.
    pub fn first_sentence(&self, doc: usize) -> usize {
        self.doc_sents.get(doc).map_or(0, |r| r.start)
    }

    /// The words of sentence `si`.
    pub fn sw(&self, si: usize) -> &[Word] {
        self.sents.get(si).and_then(|s| self.texts.get(s.doc)?.words.get(s.words.clone())).unwrap_or(&[])
    }

    /// How many distinct stems the story has (the bound of [`Ctx::story_sid`]).
    pub fn stem_count(&self) -> usize {
        self.stems.len()
    }

    /// The words of doc `doc` inside `span`.
    pub fn words_in(&self, doc: usize, span: &Span) -> &[Word] {
        self.texts.get(doc).map_or(&[], |t| t.words_in(span))
    }

    /// The range of the words of doc `doc` inside `span` (see [`Ctx::doc_words`]).
    pub fn word_range(&self, doc: usize, span: &Span) -> std::ops::Range<usize> {
        self.texts.get(doc).map_or(0..0, |t| t.word_range(span))
    }

    /// The words `range` of doc `doc`.
    pub fn doc_words(&self, doc: usize, range: std::ops::Range<usize>) -> &[Word] {
        self.texts.get(doc).and_then(|t| t.words.get(range)).unwrap_or(&[])
    }

    /// The stem numbers of the words `range` of doc `doc` (see [`DocText::content_stems`]).
    pub fn content_stems(&self, doc: usize, range: std::ops::Range<usize>) -> &[u32] {
        self.texts.get(doc).and_then(|t| t.content_stems.get(range)).unwrap_or(&[])
    }

    /// Whether `span` of doc `doc` is too short to hold `n` words (told without looking its
    /// words up).
    pub fn too_short_for(&self, doc: usize, span: &Span, n: usize) -> bool {
        let gapped = self.texts.get(doc).is_some_and(|t| t.gapped);
        span.len() < if gapped { (2 * n).saturating_sub(1) } else { n }
    }

    /// Whether the words `range` of doc `doc` hold one of class [`RELATIVE`].
    pub fn has_relative(&self, doc: usize, range: &std::ops::Range<usize>) -> bool {
        self.texts.get(doc).is_some_and(|t| {
            let k = t.relative_words.partition_point(|&i| (i as usize) < range.start);
            t.relative_words.get(k).is_some_and(|&i| (i as usize) < range.end)
        })
    }

    /// The topic stems of unit `u` (see [`super::claims`]), sorted and distinct.
    pub fn topic(&self, u: &Unit) -> &[u64] {
        self.texts.get(u.doc).and_then(|t| t.unit_topics.get(u.topic.clone())).unwrap_or(&[])
    }

    /// The story's numbers of the topic stems of unit `u`, in [`Ctx::topic`]'s order.
    pub fn topic_sids<'s>(&'s self, u: &Unit) -> impl Iterator<Item = usize> + 's {
        let local = self.texts.get(u.doc).and_then(|t| t.unit_topic_sids.get(u.topic.clone())).unwrap_or(&[]);
        let doc = u.doc;
        local.iter().map(move |&l| self.story_sid(doc, l))
    }

    /// The story's number of stem `stem` (below [`Ctx::stem_count`]), if a word of the story has it.
    pub fn sid_of(&self, stem: u64) -> Option<usize> {
        self.sid_of_stem.get(&stem).map(|&k| k as usize)
    }


    /// Rarity of a stem across the story's units (higher = more telling).
    pub fn idf(&self, stem: u64) -> f64 {
        self.sid_of_stem.get(&stem).map_or(self.idf_unseen, |&k| self.idf_by_sid(k as usize))
    }

    /// [`Ctx::idf`] of the stem numbered `sid` (see [`Ctx::story_sid`]).
    pub fn idf_by_sid(&self, sid: usize) -> f64 {
        self.idf_by_sid.get(sid).copied().unwrap_or(self.idf_unseen)
    }

    /// (mention span, story entity) of doc `doc` inside `span`, in order.
    fn mentions_in<'s>(&'s self, doc: usize, span: &'s Span) -> impl Iterator<Item = (&'s Span, usize)> + Clone + 's {
        let ms = self.texts.get(doc).map_or(&[][..], |t| t.mentions.as_slice());
        let holders = self.holders.get(doc).map_or(&[][..], Vec::as_slice);
        let lo = self.texts.get(doc).map_or(0, |t| t.mentions_starting_before(span.start));
        ms[lo..]
            .iter()
            .take_while(move |(m, _)| m.start < span.end)
            .filter(move |(m, _)| m.end <= span.end)
            .filter_map(move |(m, local)| Some((m, (*holders.get(*local)?)?)))
    }

    /// Story entities with a mention inside `span` of doc `doc`.
    pub fn entities_in(&self, doc: usize, span: &Span) -> Vec<usize> {
        let mut out: Vec<usize> = self.mentions_in(doc, span).map(|(_, e)| e).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Does story entity `e` have a mention inside `span` of doc `doc`?
    pub fn mentions_entity(&self, doc: usize, span: &Span, e: usize) -> bool {
        self.mentions_in(doc, span).any(|(_, x)| x == e)
    }

    /// Spans of mentions of story entity `e` inside `span`.
    pub fn mention_spans(&self, doc: usize, span: &Span, e: usize) -> Vec<Span> {
        self.mentions_in(doc, span).filter(|(_, x)| *x == e).map(|(m, _)| m.clone()).collect()
    }

    /// Who holds the words at `span`: the speaker of a quote covering it, else the first
    /// person or organisation mentioned in it.
    pub fn holder(&self, doc: usize, span: &Span) -> Option<usize> {
        self.holder_of(doc, span, None, || self.words_in(doc, span))
    }

    pub fn side_with(&self, doc: usize, span: Span, holder: Option<usize>) -> Side {
        Side { at: TextRef { doc, span }, holder }
    }

    pub fn body(&self, doc: usize) -> &str {
        &self.view.docs[doc].body
    }

    /// Who holds `span` of doc `doc` (its words given by `words`), the text of quote `quote`
    /// if any (see [`Ctx::holder`]). The words are looked up only when a mention needs them.
    fn holder_of<'s>(&'s self, doc: usize, span: &Span, quote: Option<usize>, words: impl FnOnce() -> &'s [Word]) -> Option<usize> {
        let view = self.view;
        if let Some(q) = quote {
            return view.speaker(doc, q);
        }
        for (qi, &(start, end)) in self.texts.get(doc).map_or(&[][..], |t| t.quote_spans.as_slice()).iter().enumerate() {
            let inter = (end as usize).min(span.end).saturating_sub((start as usize).max(span.start));
            if inter * 2 >= span.len().max(1) {
                if let Some(s) = view.speaker(doc, qi) {
                    return Some(s);
                }
            }
        }
        // The subject of the clause's reporting verb: a mention before "said" / "accused" /
        // "denied"; after it only for an inverted "said X". Without such a verb, the first mention.
        let inside = self.mentions_in(doc, span);
        // Without a mention nobody holds it, whatever its verb.
        inside.clone().next()?;
        let verb = words().iter().find(|w| w.is(REPORTING));
        match verb {
            Some(v) => inside
                .clone()
                .filter(|(m, _)| m.end <= v.span.start)
                .last()
                .or_else(|| {
                    let inverted = v.is_any(keys!["said", "says", "told", "added", "responded"]);
                    inside.clone().find(|(m, _)| inverted && m.start >= v.span.end && m.start <= v.span.end + 2)
                })
                .map(|(_, e)| e),
            None => inside.clone().next().map(|(_, e)| e),
        }
    }

    pub fn entity_name(&self, e: usize) -> &str {
        self.view.entities.entities.get(e).map_or("", |e| e.name.as_str())
    }
}

/// Verbs whose subject holds the clause's position.
pub const REPORTING_VERBS: &[&str] = &[
    "said", "says", "say", "told", "tells", "added", "responded", "replied", "claimed", "claims", "accused",
    "accuses", "alleged", "alleges", "denied", "denies", "rejected", "rejects", "refuted", "disputed", "insisted",
    "insists", "argued", "argues", "warned", "stated",
];
