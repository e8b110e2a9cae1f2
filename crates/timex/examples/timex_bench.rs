//! Throughput of the recogniser, paragraph by paragraph, on a JSONL corpus
//! (default: the TempEval-3 dev texts) repeated until about 20 million words.
//!
//! cargo run --release -p parallax-timex --example timex_bench -- [INPUT.jsonl]

use parallax_timex::{find_time_expressions, CalendarDate};
use serde_json::Value;
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "/work/shared/eval/packs/tempeval3-dev/input.jsonl".into());
    let data = std::fs::read_to_string(&path).expect("read input");
    let mut paras: Vec<(String, Option<CalendarDate>)> = Vec::new();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).expect("json");
        let anchor = v["published"].as_str().and_then(CalendarDate::parse);
        for p in v["text"].as_str().unwrap_or_default().split("\n\n") {
            if !p.trim().is_empty() {
                paras.push((p.to_string(), anchor));
            }
        }
    }
    let words: usize = paras.iter().map(|(p, _)| p.split_whitespace().count()).sum();
    let reps = (20_000_000 / words.max(1)).max(1);
    // warm-up
    let mut found = 0usize;
    for (p, a) in &paras {
        found += find_time_expressions(p, *a).len();
    }
    let t0 = Instant::now();
    let mut n = 0usize;
    for _ in 0..reps {
        for (p, a) in &paras {
            n += find_time_expressions(p, *a).len();
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    let total = words * reps;
    println!(
        "{} paragraphs, {} words x {} reps = {} words in {:.3}s: {:.2} M words/s (single thread); {} expressions per pass ({} total)",
        paras.len(),
        words,
        reps,
        total,
        secs,
        total as f64 / secs / 1e6,
        found,
        n
    );
}
