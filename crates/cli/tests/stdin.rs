//! Articles piped on standard input, read once.

use std::io::Write;
use std::process::{Command, Stdio};

fn analyze_stdin(name: &str, input: &[u8]) -> serde_json::Value {
    let out = std::env::temp_dir().join(format!("parallax-stdin-{name}-{}.json", std::process::id()));
    let mut child = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["analyze", "-", "-q", "--json"])
        .arg(&out)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let done = child.wait_with_output().unwrap();
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    let json = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let _ = std::fs::remove_file(&out);
    json
}

#[test]
fn a_long_one_line_news_please_object_on_stdin_is_one_article() {
    let long = "The harbour board met again on Tuesday to discuss the quay repairs. ".repeat(40);
    let minified = format!("{{\"title\":\"Quay repairs\",\"maintext\":\"{long}\",\"url\":\"https://quill.example/quay\"}}\n");
    let json = analyze_stdin("news-please", minified.as_bytes());
    assert_eq!(json["docs"].as_array().map(Vec::len), Some(1), "{json}");
}

#[test]
fn jsonl_with_a_long_first_record_on_stdin_is_every_record() {
    let long = "The harbour board met again on Tuesday to discuss the quay repairs. ".repeat(40);
    let lines = format!("{{\"id\":\"first\",\"text\":\"{long}\"}}\n{{\"id\":\"second\",\"text\":\"The ferry ran late on Tuesday.\"}}\n");
    let json = analyze_stdin("jsonl", lines.as_bytes());
    assert_eq!(json["docs"].as_array().map(Vec::len), Some(2), "{json}");
}
