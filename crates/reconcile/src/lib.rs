//! Reconcile: from the per-article readings of one story to one account.
//!
//! Steps run in dependency order over a [`StoryView`]:
//! copies (syndicated and near-identical articles) → quote groups → timeline →
//! disagreements (using groups and events) → summary (using all of them) → coverage.
//! Every text this crate reports is a [`TextRef`]: a span into one document's body, so the
//! exact-substring rule of the contract holds by construction. Nothing here does I/O.

pub mod copies;
pub mod coverage;
pub mod diff;
pub mod disagreements;
pub mod groups;
pub mod sets;
pub mod summary;
pub mod timeline;

use parallax_core::{DocAnalysis, Document, Span};
use parallax_entities::StoryEntities;

/// One story as the extract stages left it. Document positions (`usize` "doc" fields below)
/// index `docs`.
pub struct StoryView<'a> {
    pub docs: Vec<&'a Document>,
    pub analyses: Vec<&'a DocAnalysis>,
    pub entities: &'a StoryEntities,
}

impl StoryView<'_> {
    /// The story entity that speaks quote `quote` of document `doc`.
    pub fn speaker(&self, doc: usize, quote: usize) -> Option<usize> {
        let local = self.analyses.get(doc)?.quotes.get(quote)?.entity?;
        self.entities.local_to_story.get(doc)?.get(local).copied()
    }

    /// The story entity of a document's local entity.
    pub fn story_entity(&self, doc: usize, local: usize) -> Option<usize> {
        self.entities.local_to_story.get(doc)?.get(local).copied()
    }

    pub fn text(&self, r: &TextRef) -> &str {
        self.docs[r.doc].body.get(r.span.clone()).unwrap_or("")
    }
}

/// A stretch of one document's body.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TextRef {
    pub doc: usize,
    pub span: Span,
}

/// A quote of the story: (document position, index in that document's quotes).
pub type QuoteRef = (usize, usize);

/// One utterance reported more than once.
#[derive(Debug, Clone)]
pub struct QuoteGroup {
    pub speaker: Option<usize>,
    pub members: Vec<QuoteRef>,
    /// False only when words differ (not punctuation or case).
    pub identical_wording: bool,
    /// What differs, for people ("003 has 'keeping within' where 001 has 'in'").
    pub note: String,
    /// For each member, its word-level difference from the group's first member (members
    /// with one wording share theirs).
    pub diffs: Vec<std::sync::Arc<[diff::DiffOp]>>,
    /// Set when the wordings differ in a way that changes meaning (a negation, a number, a
    /// name): the reason.
    pub possible_misquote: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatePrecision {
    Day,
    Month,
    Year,
    Unknown,
}

impl DatePrecision {
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
            DatePrecision::Unknown => "unknown",
        }
    }
}

/// One real-world occurrence, however many articles report it.
#[derive(Debug, Clone)]
pub struct Event {
    pub what: String,
    /// `YYYY-MM-DD`; month and year precision use the first day of the period.
    pub date: Option<String>,
    pub precision: DatePrecision,
    pub evidence: Vec<TextRef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiscrepancyKind {
    Numeric,
    Date,
    Wording,
    ClaimVsDenial,
    Other,
}

impl DiscrepancyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DiscrepancyKind::Numeric => "numeric",
            DiscrepancyKind::Date => "date",
            DiscrepancyKind::Wording => "wording",
            DiscrepancyKind::ClaimVsDenial => "claim_vs_denial",
            DiscrepancyKind::Other => "other",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Side {
    pub at: TextRef,
    /// Story entity holding this side, when known.
    pub holder: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Discrepancy {
    pub kind: DiscrepancyKind,
    pub topic: String,
    pub sides: Vec<Side>,
}

/// A sentence of the summary and the exact texts that support it.
#[derive(Debug, Clone)]
pub struct SummarySentence {
    pub text: String,
    pub sources: Vec<TextRef>,
}

/// The whole reconciled account of a story.
#[derive(Debug, Clone, Default)]
pub struct Reconciled {
    pub copies: copies::Copies,
    pub groups: Vec<QuoteGroup>,
    pub events: Vec<Event>,
    pub discrepancies: Vec<Discrepancy>,
    pub summary: Vec<SummarySentence>,
    pub coverage: coverage::Coverage,
    pub timings: Timings,
}

/// What reconciling needs of one article that depends on that article alone: its event
/// mentions, its words, clauses and quotes as the disagreement detectors read them, its
/// summary sentences, its quotes' matching tokens and its shingles (for copies). It is worked out once, when the
/// article is read, and kept with it; a story that grows by one article then only prepares
/// that article again, and reconciling is the work *across* articles.
#[derive(Debug, Default, Clone)]
pub struct Prepared {
    mentions: timeline::DocMentions,
    text: disagreements::DocText,
    sentences: summary::DocSentences,
    quotes: groups::DocQuotes,
    shingles: copies::DocShingles,
}

pub fn prepare(doc: &Document, analysis: &DocAnalysis) -> Prepared {
    Prepared {
        mentions: timeline::find_mentions(doc, analysis),
        text: disagreements::read_doc(doc, analysis),
        sentences: summary::find_sentences(doc, analysis),
        quotes: groups::read_quotes(doc, analysis),
        shingles: copies::doc_shingles(doc, analysis),
    }
}

/// Runs every step over one story, preparing its articles first.
pub fn reconcile(view: &StoryView) -> Reconciled {
    let prepared: Vec<Prepared> = view.docs.iter().zip(&view.analyses).map(|(doc, a)| prepare(doc, a)).collect();
    reconcile_prepared(view, &prepared.iter().collect::<Vec<_>>())
}

/// Runs every step over one story whose articles are prepared (`prepared[d]` for
/// `view.docs[d]`; anything else and they are prepared again here).
pub fn reconcile_prepared(view: &StoryView, prepared: &[&Prepared]) -> Reconciled {
    if prepared.len() != view.docs.len() {
        return reconcile(view);
    }
    let mut clock = Timings::default();
    let shingles: Vec<&copies::DocShingles> = prepared.iter().map(|p| &p.shingles).collect();
    let copies = clock.time("copies", || copies::find_copies_from(view, &shingles));
    let quotes: Vec<&groups::DocQuotes> = prepared.iter().map(|p| &p.quotes).collect();
    let groups = clock.time("quote groups", || groups::group_quotes_from(view, &quotes, &copies));
    let mentions: Vec<&timeline::DocMentions> = prepared.iter().map(|p| &p.mentions).collect();
    let events = clock.time("timeline", || timeline::build_timeline_from(view, &mentions));
    let texts: Vec<&disagreements::DocText> = prepared.iter().map(|p| &p.text).collect();
    let discrepancies = clock.time("disagreements", || disagreements::find_discrepancies_from(view, &texts, &groups, &events));
    let sentences: Vec<&summary::DocSentences> = prepared.iter().map(|p| &p.sentences).collect();
    let summary = clock.time("summary", || summary::summarize_from(view, &sentences, &copies, &groups, &events, &discrepancies));
    let coverage = clock.time("coverage", || coverage::coverage(view, &copies, &groups, &events));
    Reconciled { copies, groups, events, discrepancies, summary, coverage, timings: clock }
}

/// Wall time of each reconcile step, for benchmarks (never part of the output).
#[derive(Debug, Clone, Default)]
pub struct Timings {
    pub steps: Vec<(&'static str, std::time::Duration)>,
}

impl Timings {
    fn time<T>(&mut self, step: &'static str, f: impl FnOnce() -> T) -> T {
        let start = std::time::Instant::now();
        let out = f();
        self.steps.push((step, start.elapsed()));
        out
    }
}
