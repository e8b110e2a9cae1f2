//! Which reader a file needs: by its extension when that is unambiguous, else by its first
//! bytes (gzip magic, `WARC/`, `<?xml` / `<rss` / `<feed`, `{`).

use std::io::BufRead;
use std::path::Path;

/// How many leading bytes [`sniff`] looks at.
pub const SNIFF_BYTES: usize = 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON article per line.
    Jsonl,
    /// One article per file, one paragraph per line.
    Text,
    Html,
    /// WARC, plain or gzip'd.
    Warc,
    /// RSS, Atom or JSON Feed.
    Feed,
    /// A news-please article (or an array of them).
    NewsPlease,
}

/// The format named by a file's extension, if it names exactly one (`.xml`, `.json` and
/// unknown extensions do not).
pub fn by_extension(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let ext = name.rsplit_once('.').map(|(_, e)| e)?;
    Some(match ext {
        "jsonl" | "ndjson" => Format::Jsonl,
        "txt" => Format::Text,
        "html" | "htm" | "xhtml" => Format::Html,
        "warc" => Format::Warc,
        "gz" if name.ends_with(".warc.gz") => Format::Warc,
        "rss" | "atom" => Format::Feed,
        _ => return None,
    })
}

/// Whether a folder listing should pick this file up.
pub fn is_input_file(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    by_extension(path).is_some() || matches!(ext.as_str(), "xml" | "json")
}

/// The format of a file: its extension's, else what its first bytes look like. Anything
/// unrecognised is read as text, which reports binary data clearly.
pub fn sniff(path: &Path, head: &[u8]) -> Format {
    if head.starts_with(&[0x1f, 0x8b]) {
        return Format::Warc;
    }
    by_extension(path).unwrap_or_else(|| by_content(head))
}

pub fn by_content(head: &[u8]) -> Format {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    let body = &head[start..];
    let lower = body.to_ascii_lowercase();
    if head.starts_with(&[0x1f, 0x8b]) || body.starts_with(b"WARC/") {
        Format::Warc
    } else if body.starts_with(b"<") {
        let feed_root = [&b"<rss"[..], b"<feed", b"<rdf:rdf"].iter().any(|t| contains(&lower, t));
        let page = contains(&lower, b"<html") || contains(&lower, b"<!doctype html");
        if feed_root && !page { Format::Feed } else { Format::Html }
    } else if body.starts_with(b"[") {
        Format::NewsPlease
    } else if body.starts_with(b"{") {
        if contains(&lower, b"jsonfeed.org/version") {
            Format::Feed
        } else if looks_like_jsonl(body) {
            Format::Jsonl
        } else {
            Format::NewsPlease
        }
    } else {
        Format::Text
    }
}

/// Whether the head opens a JSON object whose first line runs past the head: JSONL with a
/// long first record, or one minified object. [`by_content`] calls it news-please; only the
/// rest of the line can tell (see [`jsonl_past_first_line`]).
pub fn first_line_cut(head: &[u8]) -> bool {
    let full = head.len() >= SNIFF_BYTES;
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    let body = &head[start..];
    full && body.starts_with(b"{") && !body.contains(&b'\n')
}

/// Reading on from the start of a file: whether its first line is a whole object (ends with
/// `}`) followed by a line opening another, as [`by_content`] asks of the head. Streams: the
/// first line is scanned up to `limit` bytes, not kept.
pub fn jsonl_past_first_line(mut reader: impl BufRead, limit: usize) -> bool {
    let mut last = 0u8;
    let mut length = 0usize;
    // The first line.
    loop {
        let Ok(buf) = reader.fill_buf() else { return false };
        if buf.is_empty() {
            return false;
        }
        let (line, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(end) => (&buf[..end], true),
            None => (buf, false),
        };
        if let Some(&b) = line.iter().rev().find(|b| !b.is_ascii_whitespace()) {
            last = b;
        }
        length += line.len();
        let used = line.len() + usize::from(done);
        reader.consume(used);
        if length > limit {
            return false;
        }
        if done {
            break;
        }
    }
    if last != b'}' {
        return false;
    }
    // The next non-blank byte.
    loop {
        let Ok(buf) = reader.fill_buf() else { return false };
        if buf.is_empty() {
            return false;
        }
        match buf.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(at) => return buf[at] == b'{',
            None => {
                let n = buf.len();
                reader.consume(n);
            }
        }
    }
}

/// A first line that is a whole object, followed by another line opening one.
fn looks_like_jsonl(body: &[u8]) -> bool {
    let mut lines = body.split(|&b| b == b'\n').map(|l| l.trim_ascii()).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or_default();
    first.starts_with(b"{") && first.ends_with(b"}") && lines.next().is_some_and(|l| l.starts_with(b"{"))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_first_then_content() {
        let p = Path::new;
        assert_eq!(sniff(p("a.warc.gz"), b"\x1f\x8b\x08"), Format::Warc);
        assert_eq!(sniff(p("a.bin"), b"\x1f\x8b\x08"), Format::Warc);
        assert_eq!(sniff(p("a.txt"), b"WARC/1.0\r\n"), Format::Text);
        assert_eq!(sniff(p("crawl"), b"WARC/1.1\r\n"), Format::Warc);
        assert_eq!(sniff(p("news.xml"), b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"), Format::Feed);
        assert_eq!(sniff(p("news.xml"), b"<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"), Format::Feed);
        assert_eq!(sniff(p("page.xml"), b"<?xml version=\"1.0\"?><!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff(p("a.json"), b"{\"title\": \"x\", \"maintext\": \"y\"}"), Format::NewsPlease);
        assert_eq!(sniff(p("a.json"), b"{\"version\": \"https://jsonfeed.org/version/1.1\"}"), Format::Feed);
        assert_eq!(sniff(p("a.json"), b"{\"id\":\"a\"}\n{\"id\":\"b\"}\n"), Format::Jsonl);
        assert_eq!(sniff(p("notes"), b"Plain words."), Format::Text);
        let long_record = format!("{{\"id\":\"a\",\"text\":\"{}\"}}\n{{\"id\":\"b\",\"text\":\"c\"}}\n", "word ".repeat(400));
        let head = &long_record.as_bytes()[..SNIFF_BYTES];
        assert!(first_line_cut(head));
        assert!(jsonl_past_first_line(long_record.as_bytes(), usize::MAX));
        let minified = format!("{{\"title\":\"x\",\"maintext\":\"{}\"}}\n", "word ".repeat(400));
        assert!(first_line_cut(&minified.as_bytes()[..SNIFF_BYTES]));
        assert!(!jsonl_past_first_line(minified.as_bytes(), usize::MAX));
        assert!(!first_line_cut(b"{\"title\": \"x\"}"));
        assert!(!jsonl_past_first_line(long_record.as_bytes(), 100), "a first line past the limit is not looked through");
        assert!(is_input_file(p("x.json")) && is_input_file(p("x.warc.gz")) && !is_input_file(p("x.png")) && !is_input_file(p("x.tar.gz")));
    }
}
