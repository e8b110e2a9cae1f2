//! Runs the recogniser over a JSONL file (fields `id`, `text`, `published`) and
//! writes the parallax/1 JSON the eval scorer reads.
//!
//! cargo run --release -p parallax-timex --example timex_eval -- INPUT.jsonl OUT.json

use parallax_timex::{find_time_expressions, CalendarDate};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: timex_eval INPUT.jsonl OUT.json");
        std::process::exit(2);
    }
    let f = std::fs::File::open(&args[1]).expect("open input");
    let per_paragraph = std::env::var("TIMEX_PER_PARAGRAPH").is_ok_and(|v| v == "1");
    let mut docs = Vec::new();
    let mut times = Vec::new();
    for line in BufReader::new(f).lines() {
        let line = line.expect("read line");
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(&line).expect("json line");
        let id = v["id"].as_str().unwrap_or_default().to_string();
        let text = v["text"].as_str().unwrap_or_default();
        let published = v["published"].as_str().and_then(CalendarDate::parse);
        // TIMEX_PER_PARAGRAPH=1 calls the recogniser paragraph by paragraph, as the pipeline does.
        let parts: Vec<&str> = if per_paragraph { text.split("\n\n").collect() } else { vec![text] };
        for part in parts {
            for t in find_time_expressions(part, published) {
                times.push(json!({"doc": id, "text": &part[t.start..t.end], "type": t.kind.as_str(), "value": t.value}));
            }
        }
        docs.push(json!({"id": id, "published": v["published"]}));
    }
    let out = json!({"schema": "parallax/1", "docs": docs, "time_expressions": times});
    let mut w = std::fs::File::create(&args[2]).expect("create output");
    w.write_all(serde_json::to_string_pretty(&out).expect("serialise").as_bytes()).expect("write");
}
