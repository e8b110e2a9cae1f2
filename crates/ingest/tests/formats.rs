//! Every input format through `read_inputs`, from files on disk, with fictional content.

use std::io::Write;
use std::path::{Path, PathBuf};

use parallax_ingest::read_inputs;

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("parallax-formats-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A tiny WARC writer: one `response` record holding an HTTP 200 HTML page.
fn response_record(url: &str, content_type: &str, page: &[u8]) -> Vec<u8> {
    let block = [format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n", page.len()).as_bytes(), page].concat();
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:fictional-{}>\r\nWARC-Date: 2031-04-12T08:00:00Z\r\n\
         WARC-Target-URI: {url}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        url.len(),
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(&block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

fn page(n: usize) -> Vec<u8> {
    format!(
        "<html><head><title>Quay story {n}</title><meta name=\"author\" content=\"Nell Ardry\"></head><body><article>\
         <p>Report {n}: the south quay in Quillmouth reopened to fishing boats after six weeks of repairs, the harbour office said.</p>\
         <p>Skippers had moored at the north pier while the work went on.</p></article></body></html>"
    )
    .into_bytes()
}

fn records() -> Vec<Vec<u8>> {
    (1..=3).map(|n| response_record(&format!("https://quill.example/2031/04/1{n}/quay"), "text/html; charset=utf-8", &page(n))).collect()
}

#[test]
fn warc_plain_and_gzipped_per_record() {
    let dir = TempDir::new("warc");
    let plain = dir.write("crawl.warc", &records().concat());
    // Common Crawl style: one gzip member per record.
    let gz = dir.write("crawl.warc.gz", &records().iter().map(|r| gzip(r)).collect::<Vec<_>>().concat());
    for path in [plain, gz] {
        let inputs = read_inputs(std::slice::from_ref(&path));
        assert!(inputs.errors.is_empty(), "{path:?}: {:?}", inputs.errors);
        let ids: Vec<_> = inputs.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["https://quill.example/2031/04/11/quay", "https://quill.example/2031/04/12/quay", "https://quill.example/2031/04/13/quay"]);
        let a = &inputs.articles[1];
        assert_eq!(a.title.as_deref(), Some("Quay story 2"));
        assert_eq!(a.published.as_deref(), Some("2031-04-12"));
        assert_eq!(a.author.as_deref(), Some("Nell Ardry"));
        assert!(a.text.starts_with("Report 2: the south quay"), "{}", a.text);
    }
}

#[test]
fn truncated_warc_gz_keeps_what_comes_before_the_cut() {
    let dir = TempDir::new("cut");
    let members: Vec<Vec<u8>> = records().iter().map(|r| gzip(r)).collect();
    let whole = members.concat();
    // Cut in the middle of the third record's gzip member.
    let cut = members[0].len() + members[1].len() + members[2].len() / 2;
    let path = dir.write("cut.warc.gz", &whole[..cut]);
    let inputs = read_inputs(&[path]);
    assert_eq!(inputs.articles.len(), 2);
    assert_eq!(inputs.errors.len(), 1, "{:?}", inputs.errors);
    let e = inputs.errors[0].to_string();
    assert!(e.contains("cut.warc.gz (WARC record 3 at byte ") && e.contains("cut off"), "{e}");
}

#[test]
fn damaged_gzip_member_costs_only_its_record() {
    let dir = TempDir::new("damaged");
    let mut members: Vec<Vec<u8>> = records().iter().map(|r| gzip(r)).collect();
    let mid = members[1].len() / 2;
    members[1][mid] ^= 0xff;
    members[1][mid + 1] ^= 0x0f;
    let path = dir.write("damaged.warc.gz", &members.concat());
    let inputs = read_inputs(&[path]);
    let ids: Vec<_> = inputs.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["https://quill.example/2031/04/11/quay", "https://quill.example/2031/04/13/quay"], "{:?}", inputs.errors);
    assert!(!inputs.errors.is_empty());
    let first = inputs.errors[0].to_string();
    assert!(first.contains("(WARC record 2 at byte ") && first.contains("damaged gzip member"), "{first}");
}

#[test]
fn feeds_and_news_please_are_sniffed() {
    let dir = TempDir::new("feeds");
    let rss = dir.write(
        "gazette.xml",
        br#"<?xml version="1.0" encoding="windows-1252"?>
<rss version="2.0"><channel><title>Quillmouth Gazette</title>
<item><title>Caf&#233; reopens</title><link>https://quill.example/cafe</link><pubDate>Mon, 14 Apr 2031 07:00:00 GMT</pubDate>
<description>The caf&#233; on Quay Street reopened on Monday, its owner said.</description></item>
</channel></rss>"#,
    );
    let atom = dir.write(
        "skerrow.atom",
        br#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Skerrow Times</title><id>urn:x</id><updated>2031-04-12T10:00:00Z</updated>
<entry><title>Lighthouse relit</title><id>urn:x:1</id><updated>2031-04-11T08:00:00Z</updated>
<summary>The Skerrow lighthouse was relit on Thursday.</summary></entry></feed>"#,
    );
    let np = dir.write(
        "0f3c2a.json",
        br#"{"title": "Ferry fares frozen", "maintext": "Ferry fares to Skerrow will not rise this year, the operator said.", "date_publish": "2031-04-15 10:00:00",
            "source_domain": "quill.example", "url": "https://quill.example/fares", "authors": ["Ada Fennick"], "language": "en"}"#,
    );
    let broken = dir.write("broken.rss", b"<rss><channel><title>T</title><item><title>Only a start");
    let inputs = read_inputs(&[rss, atom, np, broken]);
    let ids: Vec<_> = inputs.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["https://quill.example/cafe", "urn:x:1", "https://quill.example/fares"]);
    assert_eq!(inputs.articles[0].title.as_deref(), Some("Café reopens"));
    assert_eq!(inputs.articles[0].published.as_deref(), Some("2031-04-14T07:00:00+00:00"));
    assert_eq!(inputs.articles[2].published.as_deref(), Some("2031-04-15T10:00:00"));
    assert_eq!(inputs.articles[2].author.as_deref(), Some("Ada Fennick"));
    assert_eq!(inputs.errors.len(), 1, "{:?}", inputs.errors);
    assert!(inputs.errors[0].to_string().contains("broken.rss (feed item 1): item is not closed"), "{}", inputs.errors[0]);
}

#[test]
fn folders_pick_up_every_format() {
    let dir = TempDir::new("folder");
    dir.write("a.warc.gz", &gzip(&records()[0]));
    dir.write("b.txt", b"A text article.\nSecond paragraph.");
    dir.write("c.rss", b"<rss version=\"2.0\"><channel><title>T</title><item><title>I</title><link>https://t.example/i</link><description>Item text.</description></item></channel></rss>");
    dir.write("d.png", b"\x89PNG");
    let inputs = read_inputs(&[dir.0.clone(), Path::new("/nonexistent/parallax.warc").to_path_buf()]);
    assert_eq!(inputs.articles.len(), 3, "{:?}", inputs.errors);
    assert_eq!(inputs.errors.len(), 1);
}

#[test]
fn json_file_of_jsonl_with_a_long_first_record_is_read_as_jsonl() {
    let dir = TempDir::new("long-jsonl");
    let long = "The harbour board met again on Tuesday to discuss the quay repairs. ".repeat(40);
    let lines = format!("{{\"id\":\"first\",\"text\":\"{long}\"}}\n{{\"id\":\"second\",\"text\":\"The ferry ran late.\"}}\n");
    let jsonl = dir.write("articles.json", lines.as_bytes());
    let minified = format!("{{\"title\":\"Quay repairs\",\"maintext\":\"{long}\",\"url\":\"https://quill.example/quay\"}}");
    let np = dir.write("quay.json", minified.as_bytes());
    let inputs = read_inputs(&[jsonl, np]);
    let ids: Vec<_> = inputs.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["first", "second", "https://quill.example/quay"], "{:?}", inputs.errors);
    assert!(inputs.errors.is_empty(), "{:?}", inputs.errors);
}
