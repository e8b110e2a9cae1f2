//! The story as the detectors see it: sentences with words, text units (clauses and quotes),
//! entity mentions mapped to story entities, and word rarity across the story.

use super::text::{self, Word};
use crate::{Side, StoryView, TextRef};
use parallax_core::{EntityType, QuoteKind, Span};
use std::collections::HashMap;

pub struct Sent {
    pub doc: usize,
    pub span: Span,
    pub words: Vec<Word>,
}

/// A clause of a sentence, or the part of a direct or partial quote inside one sentence.
pub struct Unit {
    pub doc: usize,
    pub sent: usize,
    pub span: Span,
    /// Its words: a range of its sentence's words (see [`Ctx::uw`]).
    pub words: std::ops::Range<usize>,
    /// Index of the doc's quote this unit is the text of.
    pub quote: Option<usize>,
    pub holder: Option<usize>,
}

pub struct Ctx<'v, 'a> {
    pub view: &'v StoryView<'a>,
    pub sents: Vec<Sent>,
    pub units: Vec<Unit>,
    /// Per doc: the range of `sents` holding its sentences.
    doc_sents: Vec<std::ops::Range<usize>>,
    /// Per doc: (mention span, story entity), sorted by start.
    mentions: Vec<Vec<(Span, usize)>>,
    df: HashMap<String, usize>,
    n_units: usize,
}

impl<'v, 'a> Ctx<'v, 'a> {
    pub fn new(view: &'v StoryView<'a>) -> Self {
        let mut sents = Vec::new();
        let mut mentions = Vec::new();
        let mut doc_sents = Vec::new();
        for (d, doc) in view.docs.iter().enumerate() {
            let first = sents.len();
            for span in parallax_segment::document_sentences(doc) {
                let words = text::words(&doc.body, &span);
                sents.push(Sent { doc: d, span, words });
            }
            let mut ms = Vec::new();
            if let Some(an) = view.analyses.get(d) {
                for (local, e) in an.entities.iter().enumerate() {
                    let Some(s) = view.story_entity(d, local) else { continue };
                    let kind = view.entities.entities.get(s).map(|e| e.kind);
                    if !matches!(kind, Some(EntityType::Person | EntityType::Org | EntityType::Group)) {
                        continue;
                    }
                    for m in &e.mentions {
                        ms.push((m.span.clone(), s));
                    }
                }
            }
            ms.sort_by_key(|(sp, _)| (sp.start, sp.end));
            mentions.push(ms);
            doc_sents.push(first..sents.len());
        }
        let mut ctx = Ctx { view, sents, units: Vec::new(), doc_sents, mentions, df: HashMap::new(), n_units: 0 };
        ctx.build_units();
        ctx
    }

    fn build_units(&mut self) {
        let mut units = Vec::new();
        for (si, s) in self.sents.iter().enumerate() {
            let doc = self.view.docs[s.doc];
            let body = &doc.body;
            let quotes: Vec<(usize, Span)> = self
                .view
                .analyses
                .get(s.doc)
                .map(|an| {
                    an.quotes
                        .iter()
                        .enumerate()
                        .filter(|(_, q)| q.kind != QuoteKind::Indirect)
                        .map(|(i, q)| (i, q.text.clone()))
                        .filter(|(_, t)| t.start < s.span.end && t.end > s.span.start)
                        .collect()
                })
                .unwrap_or_default();
            let mut pieces: Vec<(Span, Option<usize>)> = Vec::new();
            // Quotes cut out of the sentence: direct ones and long partial ones. A short
            // partial quote ("a smear") stays inside its clause and is also a unit of its own.
            let mut cut: Vec<Span> = Vec::new();
            for (qi, qt) in &quotes {
                let inter = text::trim(body, &(qt.start.max(s.span.start)..qt.end.min(s.span.end)));
                if inter.end <= inter.start {
                    continue;
                }
                let n = text::words(body, &inter).len();
                if n == 0 {
                    continue;
                }
                let kind = self.view.analyses[s.doc].quotes[*qi].kind;
                if kind == QuoteKind::Direct || n > 8 {
                    cut.push(qt.start.max(s.span.start)..qt.end.min(s.span.end));
                }
                if n <= 30 {
                    pieces.push((inter, Some(*qi)));
                } else {
                    for c in text::clauses(body, &inter) {
                        pieces.push((c, Some(*qi)));
                    }
                }
            }
            cut.sort_by_key(|c| c.start);
            let mut at = s.span.start;
            let mut gaps = Vec::new();
            for c in &cut {
                if c.start > at {
                    gaps.push(at..c.start);
                }
                at = at.max(c.end);
            }
            if at < s.span.end {
                gaps.push(at..s.span.end);
            }
            for g in gaps {
                for c in text::clauses(body, &g) {
                    pieces.push((c, None));
                }
            }
            pieces.sort_by_key(|(sp, _)| sp.start);
            for (span, quote) in pieces {
                // The sentence's words inside the piece (no second tokenisation).
                let from = s.words.partition_point(|w| w.span.start < span.start);
                let to = s.words.partition_point(|w| w.span.end <= span.end).max(from);
                let words = from..to;
                if words.is_empty() {
                    continue;
                }
                units.push(Unit { doc: s.doc, sent: si, span, words, quote, holder: None });
            }
        }
        for u in &mut units {
            let ws = &self.sents[u.sent].words[u.words.clone()];
            u.holder = holder_of(self.view, &self.mentions, u.doc, &u.span, u.quote, Some(ws));
        }
        let mut df: HashMap<String, usize> = HashMap::new();
        for u in &units {
            let mut seen: Vec<&str> = self.sents[u.sent].words[u.words.clone()].iter().map(|w| w.stem.as_str()).collect();
            seen.sort_unstable();
            seen.dedup();
            for s in seen {
                match df.get_mut(s) {
                    Some(c) => *c += 1,
                    None => {
                        df.insert(s.to_string(), 1);
                    }
                }
            }
        }
        self.n_units = units.len();
        self.units = units;
        self.df = df;
    }

    /// The words of a unit.
    pub fn uw(&self, u: &Unit) -> &[Word] {
        self.sents.get(u.sent).and_then(|s| s.words.get(u.words.clone())).unwrap_or(&[])
    }

    /// Rarity of a stem across the story's units (higher = more telling).
    pub fn idf(&self, stem: &str) -> f64 {
        let df = self.df.get(stem).copied().unwrap_or(0) as f64;
        // Smoothed so that a short story does not make every word look common.
        ((self.n_units as f64 + 10.0) / (df + 1.0)).ln()
    }

    /// Story entities with a mention inside `span` of doc `doc`.
    pub fn entities_in(&self, doc: usize, span: &Span) -> Vec<usize> {
        let mut out: Vec<usize> = self.mentions[doc]
            .iter()
            .filter(|(m, _)| m.start >= span.start && m.end <= span.end)
            .map(|(_, e)| *e)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Spans of mentions of story entity `e` inside `span`.
    pub fn mention_spans(&self, doc: usize, span: &Span, e: usize) -> Vec<Span> {
        self.mentions[doc]
            .iter()
            .filter(|(m, x)| *x == e && m.start >= span.start && m.end <= span.end)
            .map(|(m, _)| m.clone())
            .collect()
    }

    /// Who holds the words at `span`: the speaker of a quote covering it, else the first
    /// person or organisation mentioned in it.
    pub fn holder(&self, doc: usize, span: &Span) -> Option<usize> {
        holder_of(self.view, &self.mentions, doc, span, None, None)
    }

    /// Index of the sentence of doc `doc` that contains `span`.
    pub fn sentence_of(&self, doc: usize, span: &Span) -> Option<usize> {
        let range = self.doc_sents.get(doc)?.clone();
        let sents = &self.sents[range.clone()];
        let k = sents.partition_point(|s| s.span.end < span.end.max(span.start + 1));
        (k < sents.len() && sents[k].span.start <= span.start).then_some(range.start + k)
    }

    pub fn side_with(&self, doc: usize, span: Span, holder: Option<usize>) -> Side {
        Side { at: TextRef { doc, span }, holder }
    }

    pub fn body(&self, doc: usize) -> &str {
        &self.view.docs[doc].body
    }

    pub fn entity_name(&self, e: usize) -> &str {
        self.view.entities.entities.get(e).map_or("", |e| e.name.as_str())
    }
}

fn holder_of(
    view: &StoryView,
    mentions: &[Vec<(Span, usize)>],
    doc: usize,
    span: &Span,
    quote: Option<usize>,
    words: Option<&[Word]>,
) -> Option<usize> {
    if let Some(q) = quote {
        return view.speaker(doc, q);
    }
    if let Some(an) = view.analyses.get(doc) {
        for (qi, q) in an.quotes.iter().enumerate() {
            let inter = q.text.end.min(span.end).saturating_sub(q.text.start.max(span.start));
            if inter * 2 >= span.len().max(1) {
                if let Some(s) = view.speaker(doc, qi) {
                    return Some(s);
                }
            }
        }
    }
    // The subject of the clause's reporting verb: a mention before "said" / "accused" /
    // "denied"; after it only for an inverted "said X". Without such a verb, the first mention.
    let inside: Vec<&(Span, usize)> =
        mentions.get(doc)?.iter().filter(|(m, _)| m.start >= span.start && m.end <= span.end).collect();
    let body = &view.docs.get(doc)?.body;
    let own;
    let words = match words {
        Some(w) => w,
        None => {
            own = text::words(body, span);
            &own[..]
        }
    };
    let verb = words.iter().find(|w| reporting_verb(&w.lower)).cloned();
    match verb {
        Some(v) => inside
            .iter()
            .rev()
            .find(|(m, _)| m.end <= v.span.start)
            .or_else(|| {
                let inverted = matches!(v.lower.as_str(), "said" | "says" | "told" | "added" | "responded");
                inside.iter().find(|(m, _)| inverted && m.start >= v.span.end && m.start <= v.span.end + 2)
            })
            .map(|(_, e)| *e),
        None => inside.first().map(|(_, e)| *e),
    }
}

/// Verbs whose subject holds the clause's position.
fn reporting_verb(w: &str) -> bool {
    matches!(
        w,
        "said" | "says" | "say" | "told" | "tells" | "added" | "responded" | "replied" | "claimed" | "claims"
            | "accused" | "accuses" | "alleged" | "alleges" | "denied" | "denies" | "rejected" | "rejects"
            | "refuted" | "disputed" | "insisted" | "insists" | "argued" | "argues" | "warned" | "stated"
    )
}
