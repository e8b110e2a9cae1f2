#![no_main]
//! The whole analysis (cleaning, reading, story clustering, reconciling) of a few articles cut
//! from the input: bytes 0x1e separate articles, and each article's first line, when it
//! looks like a date, is its publication date. Reading and reconciling keep per-article data
//! and indexes that hostile text must not break.

use libfuzzer_sys::fuzz_target;
use parallax::ingest::RawArticle;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let articles: Vec<RawArticle> = text
        .split('\u{1e}')
        .take(8)
        .enumerate()
        .map(|(k, part)| {
            let (first, rest) = part.split_once('\n').unwrap_or((part, ""));
            let dated = first.len() >= 10 && first.as_bytes()[4] == b'-';
            RawArticle {
                id: format!("a{k}"),
                text: if dated { rest.to_string() } else { part.to_string() },
                published: dated.then(|| first.to_string()),
                outlet: Some(format!("Outlet {}", k % 3)),
                ..RawArticle::default()
            }
        })
        .collect();
    let engine = parallax::Engine::default();
    let analysis = engine.analyze(articles);
    let _ = parallax::contract::to_json(&analysis);
});
