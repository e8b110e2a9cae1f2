//! Extracts every `html` record of a JSONL file and prints one JSON object shaped like the
//! `parallax/1` contract's `docs` (body = the extracted text, before any cleaning), then the
//! extraction rate on standard error. Used to score the extractor alone:
//!
//!     cargo run --release -p parallax-extract --example extract_jsonl -- input.jsonl > out.json

use std::io::BufRead;
use std::time::Instant;

use serde_json::{json, Value};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: extract_jsonl INPUT.jsonl");
        std::process::exit(2);
    };
    let file = std::fs::File::open(&path).unwrap_or_else(|e| {
        eprintln!("extract_jsonl: {path}: {e}");
        std::process::exit(1);
    });
    let records: Vec<Value> = std::io::BufReader::new(file)
        .lines()
        .map_while(Result::ok)
        .filter_map(|line| serde_json::from_str(&line).ok())
        .collect();
    let start = Instant::now();
    let docs: Vec<Value> = records
        .iter()
        .filter_map(|r| {
            let page = parallax_extract::extract(r["html"].as_str()?, r["url"].as_str());
            Some(json!({"id": r["id"], "body": page.text, "title": page.title, "published": page.published,
                        "outlet": page.site_name, "author": page.author, "lang": page.lang}))
        })
        .collect();
    let seconds = start.elapsed().as_secs_f64();
    eprintln!("{} pages in {seconds:.2} s: {:.1} pages/s on one thread", docs.len(), docs.len() as f64 / seconds);
    println!("{}", json!({"schema": "parallax/1", "docs": docs}));
}
