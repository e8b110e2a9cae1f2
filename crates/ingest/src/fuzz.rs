//! Fuzz bodies, one per input parser: plain functions so that `fuzz/` (cargo-fuzz, nightly)
//! and the stable mutation runner (`tests/fuzz_stable.rs`) run exactly the same code. Each
//! must return without panicking on any bytes; what it returns is ignored.

use std::path::Path;

use crate::jsonl::read_jsonl;

/// JSONL record reading (bounded lines, JSON, field checks, HTML records).
pub fn fuzz_jsonl(data: &[u8]) {
    let _ = read_jsonl(data, Path::new("fuzz.jsonl"));
}

/// Text-file decoding (BOMs, UTF-8, UTF-16), and the format sniffing every file's first bytes
/// go through.
pub fn fuzz_text(data: &[u8]) {
    let _ = crate::decode_text(data);
    let _ = crate::sniff::sniff(Path::new("fuzz"), data);
}

/// HTML page bytes to an article: charset choice and decoding, then main text and metadata.
/// Bytes before a first newline within 64 bytes play the transport's Content-Type.
pub fn fuzz_html(data: &[u8]) {
    let (content_type, page) = match data.iter().take(64).position(|&b| b == b'\n') {
        Some(i) => (std::str::from_utf8(&data[..i]).ok(), &data[i + 1..]),
        None => (None, data),
    };
    let html = parallax_extract::decode_html(page, content_type);
    let _ = parallax_extract::extract(&html, Some("https://fuzz.example/2031/04/11/story"));
}

/// WARC framing, HTTP heads and records to articles, plain and (when the bytes start with the
/// gzip magic) gzip'd, as `read_inputs` reads a `.warc` / `.warc.gz` file.
pub fn fuzz_warc(data: &[u8]) {
    let _ = crate::source::read_warc_stream(data, Path::new("fuzz.warc"));
}

/// RSS / Atom / JSON Feed items, with the per-item salvage of feeds that do not parse.
pub fn fuzz_feed(data: &[u8]) {
    let _ = crate::feed::read_feed(data, Path::new("fuzz.rss"));
}

/// news-please JSON articles.
pub fn fuzz_newsplease(data: &[u8]) {
    let _ = crate::newsplease::read_newsplease(data, Path::new("fuzz.json"));
}

/// A fuzz body.
pub type Body = fn(&[u8]);

/// Every fuzz body by name, for runners that pick one.
pub const TARGETS: &[(&str, Body)] = &[
    ("jsonl", fuzz_jsonl),
    ("text", fuzz_text),
    ("html", fuzz_html),
    ("warc", fuzz_warc),
    ("feed", fuzz_feed),
    ("newsplease", fuzz_newsplease),
];
