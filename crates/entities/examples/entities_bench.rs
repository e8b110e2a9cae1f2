//! Throughput of `find_entities` (+ `merge_story`) in words per second on a JSONL corpus.
//!
//!     cargo run --release -p parallax-entities --example entities_bench -- INPUT.jsonl [ROUNDS]

use parallax_core::Document;
use parallax_entities::{find_entities, merge_story};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).map(String::as_str).unwrap_or("/work/shared/eval/packs/polnear-train/input.jsonl");
    let rounds: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(3);
    let input = std::fs::read_to_string(path).expect("read input");
    let docs: Vec<Document> = input
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| Document::from_paragraphs(v["id"].as_str().unwrap_or("").to_string(), v["text"].as_str().unwrap_or("").split('\n')))
        .collect();
    let words: usize = docs.iter().map(|d| d.word_count()).sum();
    // warm the word lists
    let _ = find_entities(&Document::from_paragraphs("w", ["Warm up, said Jane Doe."]));
    let start = Instant::now();
    let mut n_ents = 0;
    for _ in 0..rounds {
        let ents: Vec<_> = docs.iter().map(find_entities).collect();
        n_ents = ents.iter().map(Vec::len).sum();
        let input: Vec<(&Document, &[parallax_core::Entity])> = docs.iter().zip(&ents).map(|(d, e)| (d, e.as_slice())).take(50).collect();
        let _ = merge_story(&input);
    }
    let secs = start.elapsed().as_secs_f64();
    println!("{} docs, {} words x {} rounds in {:.3}s: {:.0} words/s ({} entities per round)", docs.len(), words, rounds, secs, (words * rounds) as f64 / secs, n_ents);
}
