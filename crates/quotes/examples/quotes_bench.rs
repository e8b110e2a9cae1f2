//! Throughput of `find_quotes` in words per second over a JSONL corpus repeated.
//!
//!     cargo run --release -p parallax-quotes --example quotes_bench -- [INPUT.jsonl] [REPEATS]
//! (defaults: the polnear-dev pack, 20 repeats).

use parallax_core::Document;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).map(String::as_str).unwrap_or("/work/shared/eval/packs/polnear-dev/input.jsonl");
    let repeats: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(20);
    let input = std::fs::read_to_string(path).expect("read input");
    let docs: Vec<Document> = input
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json line");
            let id = v["id"].as_str().unwrap_or_default().to_string();
            Document::from_paragraphs(id, v["text"].as_str().unwrap_or_default().split('\n'))
        })
        .collect();
    let words: usize = docs.iter().map(Document::word_count).sum();
    let mut quotes = 0;
    for d in &docs {
        quotes += parallax_quotes::find_quotes(d).len(); // warm-up
    }
    let t = Instant::now();
    for _ in 0..repeats {
        for d in &docs {
            quotes += std::hint::black_box(parallax_quotes::find_quotes(d)).len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let total = words * repeats;
    println!("{} docs, {} words x {} repeats in {:.3}s: {:.0} words/s ({} quotes)", docs.len(), words, repeats, secs, total as f64 / secs, quotes);
}
