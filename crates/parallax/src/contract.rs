//! The `parallax/1` contract (see the evaluation's CONTRACT.md): the JSON the engine writes.
//! These serde types exist only here, at the edge; the stages never see them.

use std::collections::HashMap;

use serde::Serialize;

use crate::Analysis;

#[derive(Debug, Serialize)]
pub struct Contract {
    pub schema: &'static str,
    pub docs: Vec<DocOut>,
    pub stories: Vec<StoryOut>,
    pub entities: Vec<EntityOut>,
    pub quotes: Vec<QuoteOut>,
    pub quote_groups: Vec<GroupOut>,
    pub time_expressions: Vec<TimeOut>,
    pub events: Vec<EventOut>,
    pub discrepancies: Vec<DiscrepancyOut>,
    pub summary: Vec<SummaryOut>,
    /// Per story: per-outlet coverage and syndicated copies (an extension of the contract).
    pub coverage: Vec<CoverageOut>,
}

#[derive(Debug, Serialize)]
pub struct TextOut {
    pub doc: String,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct GroupOut {
    pub id: String,
    pub story: String,
    pub speaker: Option<String>,
    pub members: Vec<MemberOut>,
    pub identical_wording: bool,
    pub note: String,
    pub possible_misquote: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct MemberOut {
    pub doc: String,
    pub text: String,
    pub kind: &'static str,
    /// Word-level difference from the group's first member: [["=", "words"], ["+", "added"], ["-", "removed"]].
    pub diff: Vec<(&'static str, String)>,
}

#[derive(Debug, Serialize)]
pub struct EventOut {
    pub id: String,
    pub story: String,
    pub what: String,
    pub date: Option<String>,
    pub date_precision: &'static str,
    pub evidence: Vec<TextOut>,
}

#[derive(Debug, Serialize)]
pub struct DiscrepancyOut {
    pub id: String,
    pub story: String,
    pub kind: &'static str,
    pub topic: String,
    pub sides: Vec<SideOut>,
}

#[derive(Debug, Serialize)]
pub struct SideOut {
    pub doc: String,
    pub text: String,
    pub holder: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SummaryOut {
    pub story: String,
    pub text: String,
    pub sources: Vec<TextOut>,
}

#[derive(Debug, Serialize)]
pub struct CoverageOut {
    pub story: String,
    pub outlets: Vec<OutletOut>,
    /// Syndicated or near-identical copies: not independent confirmation.
    pub copies: Vec<CopyOut>,
}

#[derive(Debug, Serialize)]
pub struct OutletOut {
    pub outlet: String,
    pub docs: Vec<String>,
    pub exclusive_quotes: Vec<TextOut>,
    pub exclusive_events: Vec<String>,
    pub quoted: Vec<(String, usize)>,
    pub mentions: Vec<(String, usize)>,
}

#[derive(Debug, Serialize)]
pub struct CopyOut {
    pub doc: String,
    pub original: String,
    pub similarity: f32,
}

#[derive(Debug, Serialize)]
pub struct DocOut {
    pub id: String,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub body: String,
}

#[derive(Debug, Serialize)]
pub struct StoryOut {
    pub id: String,
    pub docs: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct EntityOut {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub aliases: Vec<String>,
    pub descriptors: Vec<String>,
    pub docs: Vec<String>,
    pub story: String,
    pub mentions: usize,
    /// Mentions and quotes in each outlet's articles.
    pub outlets: Vec<EntityOutletOut>,
}

#[derive(Debug, Serialize)]
pub struct EntityOutletOut {
    pub outlet: String,
    pub mentions: usize,
    pub quotes: usize,
}

#[derive(Debug, Serialize)]
pub struct QuoteOut {
    pub doc: String,
    pub text: String,
    pub kind: &'static str,
    pub speaker: Option<String>,
    pub speaker_text: Option<String>,
    pub cue: Option<String>,
    /// Byte offsets of `text` in the doc's body.
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Serialize)]
pub struct TimeOut {
    pub doc: String,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub value: String,
    pub start: usize,
    pub end: usize,
}

/// Stable, readable ids: the slug of the name, with a counter when two entities share it.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() { "entity".into() } else { out }
}

pub fn to_contract(analysis: &Analysis) -> Contract {
    let docs = &analysis.docs;
    let mut taken: HashMap<String, usize> = HashMap::new();
    let mut entity_ids: Vec<Vec<String>> = Vec::new();
    let mut entities = Vec::new();
    for (k, story) in analysis.stories.iter().enumerate() {
        let mut ids = Vec::new();
        for (g, e) in story.entities.entities.iter().enumerate() {
            let outlets = story
                .reconciled
                .coverage
                .outlets
                .iter()
                .filter_map(|o| {
                    let count = |list: &[(usize, usize)]| list.iter().find(|x| x.0 == g).map_or(0, |x| x.1);
                    let (mentions, quotes) = (count(&o.mentions), count(&o.quoted));
                    (mentions + quotes > 0).then(|| EntityOutletOut { outlet: o.outlet.clone(), mentions, quotes })
                })
                .collect();
            let base = slug(&e.name);
            let n = taken.entry(base.clone()).or_insert(0);
            *n += 1;
            let id = if *n == 1 { base } else { format!("{base}-{n}") };
            ids.push(id.clone());
            entities.push(EntityOut {
                id,
                name: e.name.clone(),
                kind: e.kind.as_str(),
                aliases: e.aliases.clone(),
                descriptors: e.descriptors.clone(),
                docs: e.docs.iter().map(|&i| docs[story.docs[i]].id.clone()).collect(),
                story: format!("s{}", k + 1),
                mentions: e.mention_count,
                outlets,
            });
        }
        entity_ids.push(ids);
    }
    let mut quotes = Vec::new();
    let mut time_expressions = Vec::new();
    for (d, (doc, found)) in docs.iter().zip(&analysis.per_doc).enumerate() {
        for q in &found.quotes {
            let speaker = q
                .entity
                .and_then(|local| analysis.story_entity(d, local))
                .map(|g| entity_ids[analysis.story_of[d]][g].clone());
            quotes.push(QuoteOut {
                doc: doc.id.clone(),
                text: doc.text(&q.text).to_owned(),
                kind: q.kind.as_str(),
                speaker,
                speaker_text: q.speaker.as_ref().map(|s| doc.text(s).to_owned()),
                cue: q.cue.as_ref().map(|s| doc.text(s).to_owned()),
                start: q.text.start,
                end: q.text.end,
            });
        }
        for t in &found.times {
            time_expressions.push(TimeOut {
                doc: doc.id.clone(),
                text: doc.text(&t.span).to_owned(),
                kind: t.kind.as_str(),
                value: t.value.clone(),
                start: t.span.start,
                end: t.span.end,
            });
        }
    }
    let mut quote_groups = Vec::new();
    let mut events = Vec::new();
    let mut discrepancies = Vec::new();
    let mut summary = Vec::new();
    let mut coverage = Vec::new();
    for (k, story) in analysis.stories.iter().enumerate() {
        let sid = format!("s{}", k + 1);
        let r = &story.reconciled;
        let doc_id = |pos: usize| docs[story.docs[pos]].id.clone();
        let cut = |t: &parallax_reconcile::TextRef| TextOut {
            doc: doc_id(t.doc),
            text: docs[story.docs[t.doc]].body.get(t.span.clone()).unwrap_or("").to_owned(),
        };
        let entity = |e: Option<usize>| e.and_then(|e| entity_ids[k].get(e).cloned());
        for g in &r.groups {
            let members = g
                .members
                .iter()
                .enumerate()
                .map(|(m, &(d, q))| {
                    let doc = &docs[story.docs[d]];
                    let quote = &analysis.per_doc[story.docs[d]].quotes[q];
                    let diff = g.diffs.get(m).map(|ops| ops.iter().map(diff_cell).collect()).unwrap_or_default();
                    MemberOut { doc: doc.id.clone(), text: doc.text(&quote.text).to_owned(), kind: quote.kind.as_str(), diff }
                })
                .collect();
            quote_groups.push(GroupOut {
                id: format!("q{}", quote_groups.len() + 1),
                story: sid.clone(),
                speaker: entity(g.speaker),
                members,
                identical_wording: g.identical_wording,
                note: g.note.clone(),
                possible_misquote: g.possible_misquote.clone(),
            });
        }
        let first_event = events.len();
        for e in &r.events {
            events.push(EventOut {
                id: format!("e{}", events.len() + 1),
                story: sid.clone(),
                what: e.what.clone(),
                date: e.date.clone(),
                date_precision: e.precision.as_str(),
                evidence: e.evidence.iter().map(&cut).collect(),
            });
        }
        for d in &r.discrepancies {
            discrepancies.push(DiscrepancyOut {
                id: format!("d{}", discrepancies.len() + 1),
                story: sid.clone(),
                kind: d.kind.as_str(),
                topic: d.topic.clone(),
                sides: d.sides.iter().map(|s| { let t = cut(&s.at); SideOut { doc: t.doc, text: t.text, holder: entity(s.holder) } }).collect(),
            });
        }
        for s in &r.summary {
            summary.push(SummaryOut { story: sid.clone(), text: s.text.clone(), sources: s.sources.iter().map(&cut).collect() });
        }
        coverage.push(CoverageOut {
            story: sid.clone(),
            outlets: r
                .coverage
                .outlets
                .iter()
                .map(|o| OutletOut {
                    outlet: o.outlet.clone(),
                    docs: o.docs.iter().map(|&d| doc_id(d)).collect(),
                    exclusive_quotes: o
                        .exclusive_quotes
                        .iter()
                        .map(|&(d, q)| {
                            let doc = &docs[story.docs[d]];
                            TextOut { doc: doc.id.clone(), text: doc.text(&analysis.per_doc[story.docs[d]].quotes[q].text).to_owned() }
                        })
                        .collect(),
                    exclusive_events: o.exclusive_events.iter().map(|&e| format!("e{}", first_event + e + 1)).collect(),
                    quoted: o.quoted.iter().filter_map(|&(e, n)| Some((entity(Some(e))?, n))).collect(),
                    mentions: o.mentions.iter().filter_map(|&(e, n)| Some((entity(Some(e))?, n))).collect(),
                })
                .collect(),
            copies: r.copies.pairs.iter().map(|&(c, o, s)| CopyOut { doc: doc_id(c), original: doc_id(o), similarity: s }).collect(),
        });
    }
    Contract {
        schema: "parallax/1",
        docs: docs
            .iter()
            .map(|d| DocOut {
                id: d.id.clone(),
                outlet: d.outlet.clone(),
                title: d.title.clone(),
                published: d.published.map(|p| p.to_string()),
                body: d.body.clone(),
            })
            .collect(),
        stories: analysis
            .stories
            .iter()
            .enumerate()
            .map(|(k, s)| StoryOut { id: format!("s{}", k + 1), docs: s.docs.iter().map(|&i| docs[i].id.clone()).collect() })
            .collect(),
        entities,
        quotes,
        quote_groups,
        time_expressions,
        events,
        discrepancies,
        summary,
        coverage,
    }
}

fn diff_cell(op: &parallax_reconcile::diff::DiffOp) -> (&'static str, String) {
    use parallax_reconcile::diff::DiffOp;
    match op {
        DiffOp::Same(w) => ("=", w.clone()),
        DiffOp::Added(w) => ("+", w.clone()),
        DiffOp::Removed(w) => ("-", w.clone()),
    }
}

/// The contract as pretty-printed JSON.
pub fn to_json(analysis: &Analysis) -> String {
    serde_json::to_string_pretty(&to_contract(analysis)).expect("contract types always serialise")
}
