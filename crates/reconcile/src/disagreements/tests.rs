//! End-to-end checks of the detectors on small invented stories built by hand.

use super::find_discrepancies;
use crate::{diff::DiffOp, Discrepancy, DiscrepancyKind, QuoteGroup, StoryView};
use parallax_core::{
    CalendarDate, DocAnalysis, Document, Entity, EntityType, Mention, MentionKind, Quote, QuoteKind, SpeakerSource,
    TimeExpression, TimexType,
};
use parallax_entities::{StoryEntities, StoryEntity};

fn doc(id: &str, day: u8, paras: &[&str]) -> Document {
    let mut d = Document::from_paragraphs(id, paras.iter().copied());
    d.published = Some(CalendarDate { year: 2031, month: 3, day });
    d
}

fn span_of(d: &Document, text: &str) -> std::ops::Range<usize> {
    let at = d.body.find(text).expect("text in body");
    at..at + text.len()
}

fn time(d: &Document, text: &str, kind: TimexType, value: &str) -> TimeExpression {
    TimeExpression { span: span_of(d, text), kind, value: value.to_string() }
}

fn quote(d: &Document, text: &str, kind: QuoteKind) -> Quote {
    Quote { text: span_of(d, text), kind, cue: None, speaker: None, speaker_source: SpeakerSource::Unattributed, entity: None }
}

fn texts(view: &StoryView, d: &Discrepancy) -> Vec<String> {
    d.sides.iter().map(|s| view.text(&s.at).to_string()).collect()
}

fn run(docs: &[Document], analyses: &[DocAnalysis], entities: &StoryEntities, groups: &[QuoteGroup]) -> Vec<(DiscrepancyKind, Vec<String>)> {
    let view = StoryView { docs: docs.iter().collect(), analyses: analyses.iter().collect(), entities };
    find_discrepancies(&view, groups, &[]).iter().map(|d| (d.kind, texts(&view, d))).collect()
}

fn no_entities(n: usize) -> StoryEntities {
    StoryEntities { entities: Vec::new(), local_to_story: vec![Vec::new(); n] }
}

#[test]
fn denial_of_a_that_clause_is_split_into_claim_and_denial() {
    let d = doc("a", 10, &["The harbourmaster denied that she had hidden the dredging report from the board."]);
    let found = run(&[d], &[DocAnalysis::default()], &no_entities(1), &[]);
    let cvd: Vec<_> = found.iter().filter(|(k, _)| *k == DiscrepancyKind::ClaimVsDenial).collect();
    assert_eq!(cvd.len(), 1, "{found:?}");
    assert!(cvd[0].1.contains(&"she had hidden the dredging report from the board".to_string()));
    assert!(cvd[0].1.contains(&"The harbourmaster denied".to_string()));
}

#[test]
fn which_denies_points_back_to_the_previous_clause() {
    let d = doc("a", 10, &["He says the council wasted the lighthouse fund, which the council denies."]);
    let found = run(&[d], &[DocAnalysis::default()], &no_entities(1), &[]);
    assert!(found.iter().any(|(k, s)| *k == DiscrepancyKind::ClaimVsDenial
        && s.contains(&"He says the council wasted the lighthouse fund".to_string())
        && s.contains(&"which the council denies".to_string())), "{found:?}");
}

#[test]
fn negated_quote_answers_an_accusation_against_its_speaker() {
    let a = doc("a", 10, &["The ferry crews accused Tobias Venn of sabotaging the timetable review."]);
    let b = doc("b", 11, &["\"I have never sabotaged anything,\" Venn said."]);
    // The rest of the story: enough other text for word rarity to mean something.
    let c = doc(
        "c",
        11,
        &[
            "The timetable review began in January.",
            "Crews on the northern route have worked longer shifts since the spring.",
            "Passenger numbers fell by a fifth last year.",
            "The operator plans two new vessels for the island service.",
            "Harbour fees rose again in the autumn.",
            "A consultation on fares closes next month.",
            "Cafes near the pier report quieter weekends.",
            "The coastguard held a drill off the headland.",
            "Tourism officials expect a busy summer.",
            "Repairs to the slipway finished early.",
            "Two pilots retired after long careers.",
            "School trips to the island resume in May.",
        ],
    );
    let mut qa = DocAnalysis::default();
    let ent = |d: &Document, names: &[&str]| Entity {
        name: "Tobias Venn".into(),
        kind: EntityType::Person,
        aliases: vec![],
        descriptors: vec![],
        mentions: names.iter().map(|n| Mention { span: span_of(d, n), kind: MentionKind::Name }).collect(),
    };
    qa.entities.push(ent(&a, &["Tobias Venn"]));
    let mut qb = DocAnalysis::default();
    qb.entities.push(ent(&b, &["Venn"]));
    let mut q = quote(&b, "I have never sabotaged anything", QuoteKind::Direct);
    q.entity = Some(0);
    qb.quotes.push(q);
    let entities = StoryEntities {
        entities: vec![StoryEntity {
            name: "Tobias Venn".into(),
            kind: EntityType::Person,
            aliases: vec![],
            descriptors: vec![],
            docs: vec![0, 1],
            mention_count: 2,
        }],
        local_to_story: vec![vec![0], vec![0], vec![]],
    };
    let found = run(&[a, b, c], &[qa, qb, DocAnalysis::default()], &entities, &[]);
    assert!(found.iter().any(|(k, s)| *k == DiscrepancyKind::ClaimVsDenial
        && s.iter().any(|t| t.contains("accused Tobias Venn of sabotaging"))
        && s.contains(&"I have never sabotaged anything".to_string())), "{found:?}");
}

#[test]
fn counts_of_the_same_noun_that_differ() {
    let a = doc("a", 10, &["About 300 nurses walked out of the clinic."]);
    let b = doc("b", 10, &["Some 350 nurses joined the walkout, the union said."]);
    let c = doc("c", 10, &["Two nurses spoke to reporters in 2029."]);
    let an = || DocAnalysis::default();
    let found = run(&[a, b, c], &[an(), an(), an()], &no_entities(3), &[]);
    let num: Vec<_> = found.iter().filter(|(k, _)| *k == DiscrepancyKind::Numeric).collect();
    assert_eq!(num.len(), 1, "{found:?}");
    assert_eq!(num[0].1.len(), 2);
    assert!(num[0].1.iter().any(|t| t.contains("300 nurses")));
    assert!(num[0].1.iter().any(|t| t.contains("350 nurses")));
}

#[test]
fn money_per_day_and_words_for_numbers() {
    let a = doc("a", 10, &["Traders say the closure costs the quay $2.5 million a day."]);
    let b = doc("b", 11, &["The mayor said the town was losing three million dollars a day."]);
    let found = run(&[a, b], &[DocAnalysis::default(), DocAnalysis::default()], &no_entities(2), &[]);
    assert!(found.iter().any(|(k, s)| *k == DiscrepancyKind::Numeric && s.len() == 2), "{found:?}");
}

#[test]
fn durations_that_imply_different_starts() {
    let a = doc("a", 20, &["The blockade, now in its tenth day, has closed the strait."]);
    let b = doc("b", 20, &["After 12 days of the blockade the strait is still shut."]);
    let c = doc("c", 21, &["The blockade began 11 days ago."]);
    let mut aa = DocAnalysis::default();
    aa.times.push(time(&a, "tenth day", TimexType::Duration, "P10D"));
    let mut ab = DocAnalysis::default();
    ab.times.push(time(&b, "12 days", TimexType::Duration, "P12D"));
    let mut ac = DocAnalysis::default();
    ac.times.push(time(&c, "11 days ago", TimexType::Date, "2031-03-10"));
    let found = run(&[a, b, c], &[aa, ab, ac], &no_entities(3), &[]);
    let num: Vec<_> = found.iter().filter(|(k, _)| *k == DiscrepancyKind::Numeric).collect();
    assert_eq!(num.len(), 1, "{found:?}");
    assert_eq!(num[0].1.len(), 3);
}

#[test]
fn same_duration_measured_on_different_days_agrees() {
    let a = doc("a", 20, &["After 10 days of the blockade the strait is shut."]);
    let b = doc("b", 21, &["After 11 days of the blockade the strait is shut."]);
    let mut aa = DocAnalysis::default();
    aa.times.push(time(&a, "10 days", TimexType::Duration, "P10D"));
    let mut ab = DocAnalysis::default();
    ab.times.push(time(&b, "11 days", TimexType::Duration, "P11D"));
    let found = run(&[a, b], &[aa, ab], &no_entities(2), &[]);
    assert!(found.iter().all(|(k, _)| *k != DiscrepancyKind::Numeric), "{found:?}");
}

fn two_outlet_group() -> (Vec<Document>, Vec<DocAnalysis>, Vec<QuoteGroup>) {
    let a = doc(
        "a",
        12,
        &["In a statement earlier on Friday, the minister said: \"We will keep the ferry running until the last sailing of the winter.\""],
    );
    let b = doc(
        "b",
        12,
        &[
            "A statement from the minister on Friday night was brief.",
            "\"We will keep the ferry going until the final sailing of the winter.\"",
        ],
    );
    let mut aa = DocAnalysis::default();
    aa.quotes.push(quote(&a, "We will keep the ferry running until the last sailing of the winter.", QuoteKind::Direct));
    aa.times.push(time(&a, "Friday", TimexType::Date, "2031-03-12"));
    let mut ab = DocAnalysis::default();
    ab.quotes.push(quote(&b, "We will keep the ferry going until the final sailing of the winter.", QuoteKind::Direct));
    ab.times.push(time(&b, "Friday night", TimexType::Date, "2031-03-12TNI"));
    let group = QuoteGroup {
        speaker: None,
        members: vec![(0, 0), (1, 0)],
        identical_wording: false,
        note: String::new(),
        diffs: vec![vec![].into(), vec![DiffOp::Same(String::new())].into()],
        possible_misquote: None,
    };
    (vec![a, b], vec![aa, ab], vec![group])
}

#[test]
fn differing_wordings_of_a_group_become_short_sides() {
    let (docs, analyses, groups) = two_outlet_group();
    let found = run(&docs, &analyses, &no_entities(2), &groups);
    let w: Vec<_> = found.iter().filter(|(k, _)| *k == DiscrepancyKind::Wording).collect();
    assert_eq!(w.len(), 1, "{found:?}");
    assert!(w[0].1.iter().any(|t| t.contains("running until the last")));
    assert!(w[0].1.iter().any(|t| t.contains("going until the final")));
    assert!(w[0].1.iter().all(|t| t.split_whitespace().count() <= 12));
}

#[test]
fn a_statement_dated_earlier_and_at_night() {
    let (docs, analyses, groups) = two_outlet_group();
    let found = run(&docs, &analyses, &no_entities(2), &groups);
    assert!(found.iter().any(|(k, s)| *k == DiscrepancyKind::Date
        && s.iter().any(|t| t.contains("earlier on Friday"))
        && s.iter().any(|t| t.contains("Friday night"))), "{found:?}");
}

#[test]
fn empty_and_inconsistent_views_give_nothing() {
    let entities = no_entities(0);
    let view = StoryView { docs: vec![], analyses: vec![], entities: &entities };
    assert!(find_discrepancies(&view, &[], &[]).is_empty());
    let d = doc("a", 1, &["Text."]);
    let view = StoryView { docs: vec![&d], analyses: vec![], entities: &entities };
    assert!(find_discrepancies(&view, &[], &[]).is_empty());
    // Spans past the body end must not panic.
    let mut an = DocAnalysis::default();
    an.quotes.push(Quote { text: 3..400, ..quote(&d, "Text", QuoteKind::Direct) });
    an.times.push(TimeExpression { span: 2..300, kind: TimexType::Duration, value: "P9D".into() });
    let e1 = no_entities(1);
    let view = StoryView { docs: vec![&d], analyses: vec![&an], entities: &e1 };
    let _ = find_discrepancies(&view, &[], &[]);
}

/// `Covers` answers as a scan of every span would, overlapping and nested spans included.
#[test]
fn covering_spans_are_found_by_bisection_as_by_a_scan() {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n) as usize
    };
    for _ in 0..200 {
        let spans: Vec<std::ops::Range<usize>> = (0..next(8)).map(|_| {
            let start = next(60);
            start..start + next(30)
        }).collect();
        let covers = super::text::Covers::new(spans.iter().cloned());
        for _ in 0..50 {
            let start = next(80);
            let asked = start..start + next(20);
            let scanned = spans.iter().any(|s| s.start <= asked.start && asked.end <= s.end);
            assert_eq!(covers.cover(&asked), scanned, "{spans:?} {asked:?}");
        }
    }
}
