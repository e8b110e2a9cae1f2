//! Quote groups: the same utterance reported in several articles (or twice in one).
//!
//! Outlets rarely print a remark identically: they change a word, cut it short, split it around
//! the attribution ("…," she said. "…") or across paragraphs, quote only a phrase of it, or
//! report it indirectly. So quotes are matched by how much of the shorter one the longer covers,
//! word by word ([`link`]), then joined into groups, with statements printed in pieces put back
//! together ([`cluster`]), and each group is described: diffs, identical wording, a note and a
//! possible-misquote flag ([`describe`]).
//!
//! Text evidence decides; the speaker only raises the bar. Attribution can be wrong (a
//! recording's words credited to the reporter who played it), so two known, different speakers
//! still group when the words are nearly the same. A report of habitual speech ("has repeatedly
//! said") is never grouped: it stands for many utterances, not one.
//!
//! Cost: linear in words to read the quotes' tokens, once per article when it is read
//! ([`read_quotes`]), then per story linear in tokens to number them (a quote reprinted word
//! for word is numbered once), then one word alignment per pair of distinct wordings that share uncommon content
//! words, and work linear in the quotes per pair of wordings that match.

mod cluster;
mod describe;
mod lexicon;
mod link;
mod profile;

use crate::copies::Copies;
use crate::{QuoteGroup, StoryView};
pub use profile::{read_quotes, DocQuotes};

/// The story's quote groups; `copies` are its syndicated copies (a copy is not a second outlet
/// choosing to print two remarks together).
pub fn group_quotes(view: &StoryView, copies: &Copies) -> Vec<QuoteGroup> {
    let quotes: Vec<DocQuotes> = view.docs.iter().zip(&view.analyses).map(|(d, a)| read_quotes(d, a)).collect();
    group_quotes_from(view, &quotes.iter().collect::<Vec<_>>(), copies)
}

/// [`group_quotes`] from each article's quote tokens (`quotes[d]` for `view.docs[d]`, from
/// [`read_quotes`]; an entry whose number of quotes is not its article's, as when the
/// article was read by another build or not at all, is read again here).
pub fn group_quotes_from(view: &StoryView, quotes: &[&DocQuotes], copies: &Copies) -> Vec<QuoteGroup> {
    let again: Vec<Option<DocQuotes>> = view
        .docs
        .iter()
        .zip(&view.analyses)
        .enumerate()
        .map(|(d, (doc, a))| (!quotes.get(d).is_some_and(|q| q.fits(a))).then(|| read_quotes(doc, a)))
        .collect();
    let quotes: Vec<&DocQuotes> = again.iter().enumerate().map(|(d, q)| q.as_ref().unwrap_or_else(|| quotes[d])).collect();
    let mut interner = profile::Interner::new();
    let (profiles, shapes) = profile::profiles(view, &quotes, &mut interner);
    if profiles.len() < 2 {
        return Vec::new();
    }
    let weights = link::weights(&profiles, &shapes, interner.len(), view.docs.len());
    let mut sets = cluster::Sets::new(profiles.len());
    link::link(&profiles, &shapes, &weights, interner.len(), &mut sets);
    let mut groups: Vec<Vec<usize>> = cluster::cluster(&profiles, &shapes, sets, copies);
    groups.sort_by_key(|g| g.iter().map(|&p| (profiles[p].doc, profiles[p].span.start)).min());
    let aliases = describe::Aliases::new();
    groups.iter().map(|g| describe::describe(view, &profiles, &shapes, g, &aliases)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::DiffOp;
    use parallax_core::{DocAnalysis, Document, EntityType, Quote, QuoteKind, SpeakerSource};
    use parallax_entities::{StoryEntities, StoryEntity};

    /// A quote of `text` (its `nth` occurrence in the body), spoken by story entity `who`
    /// (local entity index = story entity index in these tests).
    fn quote(doc: &Document, text: &str, nth: usize, kind: QuoteKind, who: Option<usize>, source: SpeakerSource) -> Quote {
        let start = doc.body.match_indices(text).nth(nth).map(|m| m.0).expect("quote text in body");
        Quote { text: start..start + text.len(), kind, cue: None, speaker: None, speaker_source: source, entity: who }
    }

    fn cue_said(doc: &Document, q: &mut Quote, before: &str) {
        let at = doc.body.find(before).expect("cue in body");
        let off = before.find("said").expect("said in cue");
        q.cue = Some(at + off..at + off + 4);
    }

    fn entities(n_docs: usize) -> StoryEntities {
        let person = |name: &str| StoryEntity {
            name: name.to_string(),
            kind: EntityType::Person,
            aliases: vec![name.to_string(), name.split(' ').next_back().unwrap_or(name).to_string()],
            descriptors: Vec::new(),
            docs: (0..n_docs).collect(),
            mention_count: 3,
        };
        StoryEntities {
            entities: vec![person("Alma Ruddock"), person("Sam Pell"), person("Rhona Vell")],
            local_to_story: vec![vec![0, 1, 2]; n_docs],
        }
    }

    fn analysis(quotes: Vec<Quote>) -> DocAnalysis {
        DocAnalysis { quotes, ..DocAnalysis::default() }
    }

    const CUE: SpeakerSource = SpeakerSource::Cue;

    /// A fictional ferry-terminal story in three outlets.
    fn ferry_story() -> (Vec<Document>, Vec<DocAnalysis>, StoryEntities) {
        let a = Document::from_paragraphs(
            "gazette",
            [
                "\"We will not close the ferry terminal this year, and no jobs will go,\" said Alma Ruddock.",
                "\"The repair bill is four million pounds,\" she said. \"We have asked the council for help.\"",
                "Ruddock has repeatedly said the terminal is safe.",
                "Sam Pell of the crew union said the crossing had \"no future\" under the board.",
            ],
        );
        let b = Document::from_paragraphs(
            "islander",
            [
                "Board chair Alma Ruddock said: \"We will not be closing the ferry terminal this year and no jobs will go.\"",
                "The terminal handled a million passengers last year.",
                "\"The repair bill is five million pounds. We have asked the council for help,\" she said.",
                "She said the terminal is safe.",
            ],
        );
        let c = Document::from_paragraphs(
            "coast-radio",
            [
                "Alma Ruddock promised the board would not close the ferry terminal this year.",
                "Rhona Vell, a councillor, said the council had asked the board for a safety report.",
            ],
        );
        let mut habitual = quote(&a, "the terminal is safe", 0, QuoteKind::Indirect, Some(0), CUE);
        cue_said(&a, &mut habitual, "repeatedly said");
        let qa = vec![
            quote(&a, "We will not close the ferry terminal this year, and no jobs will go", 0, QuoteKind::Direct, Some(0), CUE),
            quote(&a, "The repair bill is four million pounds", 0, QuoteKind::Direct, Some(0), CUE),
            quote(&a, "We have asked the council for help.", 0, QuoteKind::Direct, Some(0), CUE),
            habitual,
            quote(&a, "no future", 0, QuoteKind::Partial, Some(1), CUE),
        ];
        let qb = vec![
            quote(&b, "We will not be closing the ferry terminal this year and no jobs will go.", 0, QuoteKind::Direct, Some(0), CUE),
            quote(&b, "The repair bill is five million pounds. We have asked the council for help", 0, QuoteKind::Direct, Some(0), CUE),
            quote(&b, "the terminal is safe", 0, QuoteKind::Indirect, Some(0), CUE),
        ];
        let qc = vec![
            quote(&c, "the board would not close the ferry terminal this year", 0, QuoteKind::Indirect, Some(0), CUE),
            quote(&c, "the council had asked the board for a safety report", 0, QuoteKind::Indirect, Some(2), CUE),
        ];
        (vec![a, b, c], vec![analysis(qa), analysis(qb), analysis(qc)], entities(3))
    }

    fn run(docs: &[Document], analyses: &[DocAnalysis], ents: &StoryEntities) -> Vec<QuoteGroup> {
        let view = StoryView { docs: docs.iter().collect(), analyses: analyses.iter().collect(), entities: ents };
        group_quotes(&view, &Copies::default())
    }

    #[test]
    fn one_utterance_across_outlets_in_any_form() {
        let (docs, an, ents) = ferry_story();
        let groups = run(&docs, &an, &ents);
        assert_eq!(groups.len(), 2, "{groups:#?}");

        let g = &groups[0];
        let mut members = g.members.clone();
        members.sort();
        assert_eq!(members, vec![(0, 0), (1, 0), (2, 0)], "direct, reworded direct and indirect");
        assert_eq!(g.speaker, Some(0));
        assert!(!g.identical_wording);
        assert_eq!(g.members[0], (1, 0), "the longest direct quote is the reference");
        assert!(g.note.contains("islander has 'be closing' where gazette has 'close'"), "{}", g.note);
        assert!(g.note.contains("coast-radio reports it indirectly"), "{}", g.note);
        assert_eq!(g.possible_misquote, None, "{:?}", g.possible_misquote);
        assert_eq!(g.diffs.len(), 3);
        assert!(g.diffs[0].iter().all(DiffOp::is_same));
        let a = g.members.iter().position(|&m| m == (0, 0)).unwrap();
        assert!(g.diffs[a].contains(&DiffOp::Removed("be closing".into())), "{:?}", g.diffs[a]);
        assert!(g.diffs[a].contains(&DiffOp::Added("close".into())), "{:?}", g.diffs[a]);

        // The quote split around "she said" in one outlet is one quote in the other.
        let g = &groups[1];
        let mut members = g.members.clone();
        members.sort();
        assert_eq!(members, vec![(0, 1), (0, 2), (1, 1)]);
        assert!(!g.identical_wording);
        let why = g.possible_misquote.as_deref().unwrap_or("");
        assert!(why.contains("number") && why.contains("four") && why.contains("five"), "{why}");
    }

    /// Quote tokens read when the articles were read give the groups that reading them here
    /// gives; tokens that do not fit an article's quotes are read again.
    #[test]
    fn prepared_quote_tokens_group_as_fresh_ones() {
        let (docs, an, ents) = ferry_story();
        let view = StoryView { docs: docs.iter().collect(), analyses: an.iter().collect(), entities: &ents };
        let fresh = format!("{:?}", group_quotes(&view, &Copies::default()));
        let read: Vec<DocQuotes> = docs.iter().zip(&an).map(|(d, a)| read_quotes(d, a)).collect();
        let prepared = group_quotes_from(&view, &read.iter().collect::<Vec<_>>(), &Copies::default());
        assert_eq!(format!("{prepared:?}"), fresh);
        let stale = [DocQuotes::default(), read[1].clone(), read[0].clone()];
        let again = group_quotes_from(&view, &stale.iter().collect::<Vec<_>>(), &Copies::default());
        assert_eq!(format!("{again:?}"), fresh);
    }

    #[test]
    fn habitual_reports_summaries_and_other_speakers_stay_out() {
        let (docs, an, ents) = ferry_story();
        let groups = run(&docs, &an, &ents);
        let grouped: Vec<(usize, usize)> = groups.iter().flat_map(|g| g.members.iter().copied()).collect();
        assert!(!grouped.contains(&(0, 3)), "'has repeatedly said' is many utterances");
        assert!(!grouped.contains(&(1, 2)));
        assert!(!grouped.contains(&(0, 4)));
        assert!(!grouped.contains(&(2, 1)), "a councillor's words that share the topic");
        let mut seen = grouped.clone();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), grouped.len(), "a quote is in at most one group");
    }

    #[test]
    fn same_words_and_a_dropped_negation() {
        let a = Document::from_paragraphs(
            "a",
            [
                "\"I have read the safety report and I stand by it,\" Ms Ruddock said.",
                "\"The pier is sound,\" she said.",
            ],
        );
        let b = Document::from_paragraphs(
            "b",
            [
                "\"I have not read the safety report and I stand by it,\" Ruddock said.",
                "Ruddock told reporters: \"The pier is sound.\" Earlier she had said the pier was \"sound\".",
            ],
        );
        let qa = vec![
            quote(&a, "I have read the safety report and I stand by it", 0, QuoteKind::Direct, Some(0), CUE),
            quote(&a, "The pier is sound", 0, QuoteKind::Direct, Some(0), CUE),
        ];
        let qb = vec![
            quote(&b, "I have not read the safety report and I stand by it", 0, QuoteKind::Direct, None, CUE),
            quote(&b, "The pier is sound.", 0, QuoteKind::Direct, Some(0), CUE),
            quote(&b, "sound", 1, QuoteKind::Partial, Some(0), CUE),
        ];
        let ents = entities(2);
        let (docs, an) = (vec![a, b], vec![analysis(qa), analysis(qb)]);
        let groups = run(&docs, &an, &ents);
        assert_eq!(groups.len(), 2, "{groups:#?}");
        let report = &groups[0];
        assert_eq!(report.members, vec![(1, 0), (0, 0)], "unknown speaker agrees with anyone");
        assert!(!report.identical_wording);
        assert!(report.possible_misquote.as_deref().unwrap_or("").contains("negation"), "{:?}", report.possible_misquote);
        assert!(report.note.contains("a omits 'not'"), "{}", report.note);
        let pier = &groups[1];
        assert_eq!(pier.members, vec![(0, 1), (1, 1)], "a one-word echo is not the quote");
        assert!(pier.identical_wording, "only the full stop differs");
        assert_eq!(pier.note, "same words");
        assert_eq!(pier.possible_misquote, None);
    }

    #[test]
    fn a_copy_does_not_make_two_remarks_one_statement() {
        let text = [
            "\"The ferry timetable will not change this winter,\" Alma Ruddock said.",
            "\"We are also hiring six new deckhands for the spring crossings,\" she said.",
        ];
        let (a, b) = (Document::from_paragraphs("gazette", text), Document::from_paragraphs("gazette-wire", text));
        let quotes = |d: &Document| {
            let first = quote(d, "The ferry timetable will not change this winter,", 0, QuoteKind::Direct, Some(0), CUE);
            let next = quote(d, "We are also hiring six new deckhands for the spring crossings,", 0, QuoteKind::Direct, Some(0), CUE);
            vec![first, next]
        };
        let an = vec![analysis(quotes(&a)), analysis(quotes(&b))];
        let (docs, ents) = (vec![a, b], entities(2));
        let view = StoryView { docs: docs.iter().collect(), analyses: an.iter().collect(), entities: &ents };
        assert_eq!(group_quotes(&view, &Copies::default()).len(), 1, "two articles print the remarks together");
        let copies = Copies { pairs: vec![(1, 0, 1.0)] };
        let groups = group_quotes(&view, &copies);
        assert_eq!(groups.len(), 2, "one article and its copy: {groups:#?}");
    }

    #[test]
    fn odd_input_is_fine() {
        let ents = entities(0);
        assert!(run(&[], &[], &ents).is_empty());
        let a = Document::from_paragraphs("a", ["\"...\" — \"\""]);
        let q = Quote { text: 0..200, kind: QuoteKind::Direct, cue: Some(500..600), speaker: None, speaker_source: CUE, entity: Some(9) };
        let q2 = quote(&a, "...", 0, QuoteKind::Direct, None, SpeakerSource::Context(7));
        let ents = entities(1);
        let (docs, an) = (vec![a.clone(), a], vec![analysis(vec![q.clone(), q2.clone()]), analysis(vec![q2, q])]);
        assert!(run(&docs, &an, &ents).is_empty());
    }

    #[test]
    fn a_statement_printed_in_pieces_is_one_group() {
        let a = Document::from_paragraphs(
            "a",
            [
                "A spokesperson for the board said: \"The terminal will stay open through the winter timetable. Repairs start in spring.",
                "\"Staff have been told in person and the unions were briefed on Monday.\"",
            ],
        );
        let b = Document::from_paragraphs(
            "b",
            [
                "\"The terminal will stay open through the winter timetable.",
                "\"Repairs start in spring. Staff have been told in person",
                "\"And the unions were briefed on Monday,\" a board spokesperson said.",
            ],
        );
        let ctx = SpeakerSource::Context(0);
        let qa = vec![
            quote(&a, "The terminal will stay open through the winter timetable. Repairs start in spring.", 0, QuoteKind::Direct, Some(2), CUE),
            quote(&a, "Staff have been told in person and the unions were briefed on Monday.", 0, QuoteKind::Direct, Some(2), ctx),
        ];
        let qb = vec![
            quote(&b, "The terminal will stay open through the winter timetable.", 0, QuoteKind::Direct, Some(2), CUE),
            quote(&b, "Repairs start in spring. Staff have been told in person", 0, QuoteKind::Direct, Some(2), CUE),
            quote(&b, "And the unions were briefed on Monday,", 0, QuoteKind::Direct, Some(2), CUE),
        ];
        let ents = entities(2);
        let (docs, an) = (vec![a, b], vec![analysis(qa), analysis(qb)]);
        let groups = run(&docs, &an, &ents);
        assert_eq!(groups.len(), 1, "{groups:#?}");
        let mut members = groups[0].members.clone();
        members.sort();
        assert_eq!(members, vec![(0, 0), (0, 1), (1, 0), (1, 1), (1, 2)]);
        assert_eq!(groups[0].speaker, Some(2));
    }
}
