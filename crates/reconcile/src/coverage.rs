//! Per-outlet coverage: what only one outlet reports, whom it quotes and how often.
//!
//! A fact-checker asks "who else has this?" before trusting a quote or an event, and "whose
//! voices does this outlet carry?" when weighing its account. Copies are not independent
//! confirmation: a quote or event that an outlet shares only with its own reprints (or with
//! the article it reprinted) still counts as reported by one source.

use crate::copies::Copies;
use crate::{Event, QuoteGroup, QuoteRef, StoryView};

#[derive(Debug, Clone, Default)]
pub struct Coverage {
    pub outlets: Vec<OutletCoverage>,
}

#[derive(Debug, Clone, Default)]
pub struct OutletCoverage {
    /// The outlet's name, or the document id when the outlet is unknown.
    pub outlet: String,
    pub docs: Vec<usize>,
    /// Quotes no other (independent) outlet reports.
    pub exclusive_quotes: Vec<QuoteRef>,
    /// Indices into the story's events that only this outlet reports.
    pub exclusive_events: Vec<usize>,
    /// (story entity, number of quotes) for everyone this outlet quotes, most quoted first.
    pub quoted: Vec<(usize, usize)>,
    /// (story entity, mentions) in this outlet's articles, most mentioned first.
    pub mentions: Vec<(usize, usize)>,
}

/// The name an outlet goes by: its trimmed name, or the document id when it has none.
pub fn outlet_name(doc: &parallax_core::Document) -> String {
    match doc.outlet.as_deref().map(str::trim) {
        Some(o) if !o.is_empty() => o.to_owned(),
        _ => doc.id.clone(),
    }
}

pub fn coverage(view: &StoryView, copies: &Copies, groups: &[QuoteGroup], events: &[Event]) -> Coverage {
    let n = view.docs.len();
    // Outlets in order of first appearance; outlet_of[doc] indexes `outlets`.
    let mut outlets: Vec<OutletCoverage> = Vec::new();
    let mut outlet_of = Vec::with_capacity(n);
    for (d, doc) in view.docs.iter().enumerate() {
        let name = outlet_name(doc);
        let k = match outlets.iter().position(|o| o.outlet == name) {
            Some(k) => k,
            None => {
                outlets.push(OutletCoverage { outlet: name, ..OutletCoverage::default() });
                outlets.len() - 1
            }
        };
        outlets[k].docs.push(d);
        outlet_of.push(k);
    }

    // Each document's original and root, looked up once (a copy list is scanned per lookup).
    let original = copies.originals(n);
    let root = |d: usize| original.root(d);

    // Quotes: which group each quote is in.
    let mut group_of: Vec<Vec<Option<usize>>> =
        view.analyses.iter().map(|a| vec![None; a.quotes.len()]).collect();
    for (g, group) in groups.iter().enumerate() {
        for &(d, q) in &group.members {
            if let Some(slot) = group_of.get_mut(d).and_then(|v| v.get_mut(q)) {
                slot.get_or_insert(g);
            }
        }
    }
    // An outlet lists each group once, at its first member from that outlet.
    let mut listed_group: Vec<Vec<usize>> = vec![Vec::new(); outlets.len()];
    // Quotes and mentions per story entity, counted outlet by outlet (an outlet's articles in
    // order, as every list above is per outlet).
    let mut quoted = Tally::new(view.entities.entities.len());
    let mut mentions = Tally::new(view.entities.entities.len());
    for k in 0..outlets.len() {
        for i in 0..outlets[k].docs.len() {
            let d = outlets[k].docs[i];
            if d >= view.analyses.len() {
                continue;
            }
            for (q, slot) in group_of[d].iter().enumerate() {
                let group = slot.and_then(|g| groups.get(g).map(|gr| (g, gr)));
                let exclusive = match group {
                    None => true,
                    Some((g, gr)) => {
                        let confirmed = || gr.members.iter().any(|&(e, _)| e < n && outlet_of[e] != k && root(d) != root(e));
                        // A reprint's quote that its original also carries belongs to the original.
                        let from_original =
                            || original.of(d).is_some_and(|o| gr.members.iter().any(|&(e, _)| e == o && outlet_of[e] != k));
                        let exclusive = !confirmed() && !from_original() && !listed_group[k].contains(&g);
                        if exclusive {
                            listed_group[k].push(g);
                        }
                        exclusive
                    }
                };
                if exclusive {
                    outlets[k].exclusive_quotes.push((d, q));
                }
                if let Some(s) = view.speaker(d, q) {
                    quoted.add(s, 1);
                }
            }
            for (local, entity) in view.analyses[d].entities.iter().enumerate() {
                if let Some(s) = view.story_entity(d, local) {
                    if !entity.mentions.is_empty() {
                        mentions.add(s, entity.mentions.len());
                    }
                }
            }
        }
        // Sorted by count, then entity: the order the counts came in does not matter.
        let o = &mut outlets[k];
        o.quoted = quoted.take();
        o.mentions = mentions.take();
        o.quoted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        o.mentions.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    }

    // Events: the independent outlets among an event's evidence.
    // `evidence_of[d]` is one more than the last event with evidence from document `d`.
    let mut evidence_of = vec![0usize; n];
    for (i, event) in events.iter().enumerate() {
        let docs = || event.evidence.iter().map(|t| t.doc).filter(|&d| d < n);
        docs().for_each(|d| evidence_of[d] = i + 1);
        let mut sources: Vec<usize> = Vec::new();
        for d in docs() {
            // Evidence from a reprint counts for the original when the original is evidence too.
            let copied = original.of(d).is_some_and(|o| o < n && evidence_of[o] == i + 1);
            if !copied && !sources.contains(&outlet_of[d]) {
                sources.push(outlet_of[d]);
            }
        }
        if let [only] = sources[..] {
            outlets[only].exclusive_events.push(i);
        }
    }

    Coverage { outlets }
}

/// Counts per story entity, one outlet at a time: a count's place in the list by entity, so
/// an addition costs the same however many entities the outlet names.
struct Tally {
    at: Vec<usize>,
    counts: Vec<(usize, usize)>,
}

impl Tally {
    fn new(entities: usize) -> Tally {
        Tally { at: vec![usize::MAX; entities], counts: Vec::new() }
    }

    fn add(&mut self, entity: usize, by: usize) {
        let found = match self.at.get(entity) {
            Some(&i) => self.counts.get_mut(i),
            // (An entity number beyond the story's: looked for in the list.)
            None => self.counts.iter_mut().find(|c| c.0 == entity),
        };
        match found {
            Some(c) => c.1 += by,
            None => {
                if let Some(i) = self.at.get_mut(entity) {
                    *i = self.counts.len();
                }
                self.counts.push((entity, by));
            }
        }
    }

    /// The counts so far, unordered; the tally starts again empty.
    fn take(&mut self) -> Vec<(usize, usize)> {
        for &(e, _) in &self.counts {
            if let Some(i) = self.at.get_mut(e) {
                *i = usize::MAX;
            }
        }
        std::mem::take(&mut self.counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DatePrecision, TextRef};
    use parallax_core::{DocAnalysis, Document, Entity, EntityType, Mention, MentionKind, Quote, QuoteKind, SpeakerSource};
    use parallax_entities::{StoryEntities, StoryEntity};

    fn doc(id: &str, outlet: Option<&str>, body: &str) -> Document {
        Document { outlet: outlet.map(str::to_owned), ..Document::from_paragraphs(id, [body]) }
    }

    fn quote(span: std::ops::Range<usize>, entity: Option<usize>) -> Quote {
        Quote { text: span, kind: QuoteKind::Direct, cue: None, speaker: None, speaker_source: SpeakerSource::Cue, entity }
    }

    fn person(name: &str, mentions: usize) -> Entity {
        Entity {
            name: name.into(),
            kind: EntityType::Person,
            aliases: vec![name.into()],
            descriptors: Vec::new(),
            mentions: (0..mentions).map(|i| Mention { span: i..i + 1, kind: MentionKind::Name }).collect(),
        }
    }

    fn story_entity(name: &str) -> StoryEntity {
        StoryEntity { name: name.into(), kind: EntityType::Person, aliases: Vec::new(), descriptors: Vec::new(), docs: Vec::new(), mention_count: 0 }
    }

    fn group(members: Vec<QuoteRef>) -> QuoteGroup {
        QuoteGroup { speaker: None, members, identical_wording: true, note: String::new(), diffs: Vec::new(), possible_misquote: None }
    }

    fn event(docs: &[usize]) -> Event {
        Event {
            what: "x".into(),
            date: None,
            precision: DatePrecision::Unknown,
            evidence: docs.iter().map(|&doc| TextRef { doc, span: 0..1 }).collect(),
        }
    }

    #[test]
    fn exclusives_ignore_copies_and_counts_are_per_outlet() {
        // 0 and 1: two articles of outlet A; 2: outlet B; 3: B's reprint of A's article 0
        // under outlet C; 4: no outlet.
        let docs = [
            doc("a1", Some("A"), "Quote one here. Quote two here."),
            doc("a2", Some(" A "), "Quote three here."),
            doc("b1", Some("B"), "Quote one again."),
            doc("c1", Some("C"), "Quote two here copied."),
            doc("d1", None, "Nothing."),
        ];
        let analyses = [
            DocAnalysis {
                entities: vec![person("Ann", 3), person("Bo", 1)],
                quotes: vec![quote(0..9, Some(0)), quote(16..25, Some(0))],
                ..DocAnalysis::default()
            },
            DocAnalysis { entities: vec![person("Bo", 2)], quotes: vec![quote(0..11, Some(0))], ..DocAnalysis::default() },
            DocAnalysis { entities: vec![person("Ann", 1)], quotes: vec![quote(0..9, Some(0))], ..DocAnalysis::default() },
            DocAnalysis { entities: vec![person("Ann", 1)], quotes: vec![quote(0..9, Some(0))], ..DocAnalysis::default() },
            DocAnalysis::default(),
        ];
        let entities = StoryEntities {
            entities: vec![story_entity("Ann"), story_entity("Bo")],
            local_to_story: vec![vec![0, 1], vec![1], vec![0], vec![0], vec![]],
        };
        let view = StoryView { docs: docs.iter().collect(), analyses: analyses.iter().collect(), entities: &entities };
        let copies = Copies { pairs: vec![(3, 0, 0.9)] };
        // Quote one: A and B (independent). Quote two: A and its reprint in C.
        let groups = vec![group(vec![(0, 0), (2, 0)]), group(vec![(0, 1), (3, 0)])];
        // Event 0: A and the reprint only; event 1: A and B; event 2: B only; event 3: the reprint only.
        let events = vec![event(&[0, 3]), event(&[1, 2]), event(&[2]), event(&[3])];
        let cov = coverage(&view, &copies, &groups, &events);
        let names: Vec<&str> = cov.outlets.iter().map(|o| o.outlet.as_str()).collect();
        assert_eq!(names, ["A", "B", "C", "d1"]);
        let a = &cov.outlets[0];
        assert_eq!(a.docs, [0, 1]);
        assert_eq!(a.exclusive_quotes, [(0, 1), (1, 0)]);
        assert_eq!(a.exclusive_events, [0]);
        assert_eq!(a.quoted, [(0, 2), (1, 1)]);
        assert_eq!(a.mentions, [(0, 3), (1, 3)]);
        let b = &cov.outlets[1];
        assert!(b.exclusive_quotes.is_empty());
        assert_eq!(b.exclusive_events, [2]);
        let c = &cov.outlets[2];
        assert!(c.exclusive_quotes.is_empty(), "a reprinted quote belongs to the original");
        assert_eq!(c.exclusive_events, [3]);
        assert!(cov.outlets[3].quoted.is_empty());
    }

    #[test]
    fn empty_and_inconsistent_input_does_not_panic() {
        let entities = StoryEntities::default();
        let view = StoryView { docs: Vec::new(), analyses: Vec::new(), entities: &entities };
        let cov = coverage(&view, &Copies::default(), &[group(vec![(5, 5)])], &[event(&[9])]);
        assert!(cov.outlets.is_empty());
    }
}
