//! The binary on bad input: every failure named with its file (and line), the rest analysed
//! and written, exit status 2, never a panic.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("parallax-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn parallax(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax")).arg("analyze").args(args).output().unwrap()
}

const GOOD: &str = "Harbour pilots voted to strike on Monday, the union said.\n\"We have no choice,\" said Ana Pereira, the pilots' delegate.";

#[test]
fn a_folder_with_bad_files_still_yields_the_good_ones() {
    let dir = scratch("folder");
    std::fs::write(dir.join("good.txt"), GOOD).unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(dir.join("binary.txt"), [0u8, 159, 146, 150, 0, 1]).unwrap();
    std::fs::write(dir.join("latin1.txt"), b"Caf\xe9 owners said prices rose.").unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(GOOD.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    std::fs::write(dir.join("utf16.txt"), utf16).unwrap();
    std::fs::write(dir.join("bad-utf16.txt"), [0xFF, 0xFE, 0x00, 0xD8, 0x41]).unwrap();
    let json = dir.join("out.json");
    let out = parallax(&[&dir, Path::new("--json"), &json]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    for bad in ["empty.txt: empty file", "binary.txt: binary data", "latin1.txt: invalid UTF-8", "bad-utf16.txt: invalid UTF-16"] {
        assert!(stderr.contains(bad), "missing {bad:?} in {stderr}");
    }
    assert!(!stderr.contains("panicked"));
    let written = std::fs::read_to_string(&json).unwrap();
    assert!(written.contains("\"id\": \"good\"") && written.contains("\"id\": \"utf16\""), "{written}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn malformed_jsonl_lines_are_named_and_skipped() {
    let dir = scratch("jsonl");
    let good = serde_line("a", GOOD);
    let huge = format!("{{\"id\":\"huge\",\"text\":\"{}\"}}", "word ".repeat(4_000_000));
    let input = [good.as_str(), "{\"id\": \"b\", \"text\": ", "", "{\"text\": \"no id\"}", huge.as_str(), "\u{0}\u{1}", &serde_line("c", "Second story.")].join("\n");
    let file = dir.join("in.jsonl");
    std::fs::write(&file, input).unwrap();
    let json = dir.join("out.json");
    let out = parallax(&[&file, Path::new("--json"), &json]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    for line in [":2: malformed JSON", ":4: record has no 'id'", ":5: record longer than", ":6: malformed JSON"] {
        assert!(stderr.contains(line), "missing {line:?} in {stderr}");
    }
    let written = std::fs::read_to_string(&json).unwrap();
    assert!(written.contains("\"id\": \"a\"") && written.contains("\"id\": \"c\""));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn nothing_readable_is_an_error_not_a_panic() {
    let dir = scratch("none");
    let out = parallax(&[&dir.join("missing.jsonl")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.jsonl"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_report_names_speakers() {
    let dir = scratch("report");
    std::fs::write(dir.join("a.txt"), GOOD).unwrap();
    let out = parallax(&[&dir.join("a.txt")]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("Who said what") && report.contains("Ana Pereira"), "{report}");
    std::fs::remove_dir_all(&dir).unwrap();
}

fn serde_line(id: &str, text: &str) -> String {
    format!("{{\"id\":{},\"text\":{}}}", json_string(id), json_string(text))
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
