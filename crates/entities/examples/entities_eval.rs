//! Evaluation harness: entities (and, with a gold file that has quotes, speakers) as a
//! parallax/1 JSON for `score.py`.
//!
//!     cargo run --release -p parallax-entities --example entities_eval -- INPUT.jsonl OUT.json [GOLD.json]
//!
//! All docs of the file form one story, unless GOLD has `stories` (then those). With GOLD quotes
//! that have `speaker_text`, quotes are rebuilt from the gold spans (speaker words located next
//! to the quote) and attributed with `attribute_quotes`, to measure speaker accuracy without the
//! quotes stage.

use parallax_core::{Document, Entity, Quote, QuoteKind, SpeakerSource};
use parallax_entities::{attribute_quotes, find_entities, merge_story};
use serde_json::{json, Value};
use std::collections::HashMap;

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: entities_eval INPUT.jsonl OUT.json [GOLD.json]");
        std::process::exit(2);
    }
    let input = std::fs::read_to_string(&args[1]).expect("read input");
    let gold: Option<Value> = args.get(3).map(|p| serde_json::from_str(&std::fs::read_to_string(p).expect("read gold")).expect("gold json"));
    let mut docs: Vec<Document> = Vec::new();
    for line in input.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).expect("jsonl");
        let id = v["id"].as_str().unwrap_or("").to_string();
        let text = v["text"].as_str().unwrap_or("");
        docs.push(Document::from_paragraphs(id, text.split('\n')));
    }
    let mut ents: Vec<Vec<Entity>> = docs.iter().map(find_entities).collect();

    // quotes from gold spans
    let mut quotes: Vec<Vec<(Quote, Value)>> = vec![Vec::new(); docs.len()];
    if let Some(g) = &gold {
        for q in g["quotes"].as_array().into_iter().flatten() {
            let Some(di) = docs.iter().position(|d| Some(d.id.as_str()) == q["doc"].as_str()) else { continue };
            let body = &docs[di].body;
            let Some(text) = q["text"].as_str() else { continue };
            let Some(ts) = body.find(text) else { continue };
            let span = ts..ts + text.len();
            let speaker = q["speaker_text"].as_str().and_then(|st| {
                let b = body.as_bytes();
                let occ: Vec<usize> = body
                    .match_indices(st)
                    .map(|(i, _)| i)
                    .filter(|&i| (i == 0 || !b[i - 1].is_ascii_alphanumeric()) && b.get(i + st.len()).is_none_or(|c| !c.is_ascii_alphanumeric()))
                    .collect();
                // nearest after the quote in its paragraph, else nearest before
                let para = docs[di].paragraph_of(ts).map(|p| docs[di].paragraphs[p].clone()).unwrap_or(0..body.len());
                occ.iter()
                    .copied()
                    .filter(|&i| i >= span.end && i < para.end)
                    .min()
                    .or_else(|| occ.iter().copied().filter(|&i| i < ts).max())
                    .or_else(|| occ.first().copied())
                    .map(|i| i..i + st.len())
            });
            let kind = match q["kind"].as_str() {
                Some("partial") => QuoteKind::Partial,
                Some("indirect") => QuoteKind::Indirect,
                _ => QuoteKind::Direct,
            };
            let src = if speaker.is_some() { SpeakerSource::Cue } else { SpeakerSource::Unattributed };
            quotes[di].push((Quote { text: span, kind, cue: None, speaker, speaker_source: src, entity: None }, q.clone()));
        }
        for (di, d) in docs.iter().enumerate() {
            let mut qs: Vec<Quote> = quotes[di].iter().map(|(q, _)| q.clone()).collect();
            attribute_quotes(d, &mut ents[di], &mut qs);
            for (k, q) in qs.into_iter().enumerate() {
                quotes[di][k].0 = q;
            }
        }
    }

    // stories
    let mut groups: Vec<Vec<usize>> = Vec::new();
    if let Some(st) = gold.as_ref().and_then(|g| g["stories"].as_array()).filter(|s| s.len() > 1) {
        for s in st {
            let ids: Vec<&str> = s["docs"].as_array().into_iter().flatten().filter_map(|x| x.as_str()).collect();
            groups.push((0..docs.len()).filter(|&i| ids.contains(&docs[i].id.as_str())).collect());
        }
    } else {
        groups.push((0..docs.len()).collect());
    }
    let mut out_ents = Vec::new();
    let mut out_quotes = Vec::new();
    let mut used: HashMap<String, usize> = HashMap::new();
    for (gi, g) in groups.iter().enumerate() {
        let input: Vec<(&Document, &[Entity])> = g.iter().map(|&i| (&docs[i], ents[i].as_slice())).collect();
        let story = merge_story(&input);
        let mut ids = Vec::new();
        for se in &story.entities {
            let base = format!("{}-s{}", slug(&se.name), gi);
            let n = used.entry(base.clone()).or_insert(0);
            *n += 1;
            let id = if *n == 1 { base } else { format!("{base}-{n}") };
            ids.push(id.clone());
            out_ents.push(json!({
                "id": id, "name": se.name, "type": se.kind.as_str(), "aliases": se.aliases,
                "descriptors": se.descriptors, "mentions": se.mention_count,
                "docs": se.docs.iter().map(|&k| docs[g[k]].id.clone()).collect::<Vec<_>>(),
            }));
        }
        for (k, &di) in g.iter().enumerate() {
            for (q, gq) in &quotes[di] {
                let speaker = q.entity.and_then(|e| story.local_to_story[k].get(e)).map(|&s| ids[s].clone());
                out_quotes.push(json!({
                    "doc": docs[di].id, "text": &docs[di].body[q.text.clone()], "kind": gq["kind"],
                    "speaker": speaker, "speaker_text": q.speaker.clone().map(|s| docs[di].body[s].to_string()),
                    "gold_speaker": gq["speaker"],
                }));
            }
        }
    }
    let out = json!({
        "schema": "parallax/1",
        "docs": docs.iter().map(|d| json!({"id": d.id})).collect::<Vec<_>>(),
        "stories": groups.iter().enumerate().map(|(i, g)| json!({"id": format!("s{i}"), "docs": g.iter().map(|&k| docs[k].id.clone()).collect::<Vec<_>>()})).collect::<Vec<_>>(),
        "entities": out_ents,
        "quotes": out_quotes,
    });
    std::fs::write(&args[2], serde_json::to_string_pretty(&out).unwrap()).expect("write");
}
