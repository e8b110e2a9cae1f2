//! Runs `find_quotes` over a JSONL file (one article per line: `id`, `text`) and writes the
//! quotes as a parallax/1 JSON object for `score.py`.
//!
//!     cargo run --release -p parallax-quotes --example quotes_eval -- INPUT.jsonl OUT.json

use parallax_core::Document;
use serde_json::{json, Value};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: quotes_eval INPUT.jsonl OUT.json");
        std::process::exit(2);
    }
    let input = std::fs::read_to_string(&args[1]).expect("read input");
    let mut docs = Vec::new();
    let mut quotes = Vec::new();
    for line in input.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).expect("json line");
        let id = v["id"].as_str().unwrap_or_default().to_string();
        let text = v["text"].as_str().unwrap_or_default();
        let doc = Document::from_paragraphs(id.clone(), text.split('\n'));
        for q in parallax_quotes::find_quotes(&doc) {
            quotes.push(json!({
                "doc": id,
                "text": doc.text(&q.text),
                "kind": q.kind.as_str(),
                "speaker": null,
                "speaker_text": q.speaker.as_ref().map(|s| doc.text(s)),
                "cue": q.cue.as_ref().map(|s| doc.text(s)),
                "source": match q.speaker_source {
                    parallax_core::SpeakerSource::Cue => "cue".to_string(),
                    parallax_core::SpeakerSource::Context(i) => format!("context:{i}"),
                    parallax_core::SpeakerSource::Unattributed => "none".to_string(),
                },
            }));
        }
        docs.push(json!({"id": id}));
    }
    let out = json!({"schema": "parallax/1", "docs": docs, "quotes": quotes});
    std::fs::write(&args[2], serde_json::to_string_pretty(&out).unwrap()).expect("write output");
}
