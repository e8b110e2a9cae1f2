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
    pub time_expressions: Vec<TimeOut>,
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
        for e in &story.entities.entities {
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
        time_expressions,
    }
}

/// The contract as pretty-printed JSON.
pub fn to_json(analysis: &Analysis) -> String {
    serde_json::to_string_pretty(&to_contract(analysis)).expect("contract types always serialise")
}
