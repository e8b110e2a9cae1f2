//! Crawl archives to articles: which WARC records hold an article (successful HTML responses,
//! HTML or plain-text `resource` and `conversion` records) and how each becomes a
//! [`RawArticle`] through the page extractor.

use std::collections::HashSet;
use std::io::BufRead;
use std::path::Path;

use parallax_extract::{decode_html, extract};

use crate::http::parse_response;
use crate::warc::{WarcReader, WarcRecord};
use crate::{InputError, Origin, RawArticle};

/// Reads every record. Records that are not articles (requests, metadata, redirects, images,
/// pages with no main text, later captures of a URL already read) are passed over silently:
/// they are what a crawl is made of, not bad input.
pub fn read_warc(reader: impl BufRead, file: &Path) -> (Vec<RawArticle>, Vec<InputError>) {
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    for record in WarcReader::new(reader) {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(InputError::in_record(file, e.locator(), e.message));
                continue;
            }
        };
        let locator = format!("WARC record {} at byte {}", record.number, record.offset);
        match article_of(&record, file) {
            Ok(Some(mut article)) => {
                if seen.insert(article.id.clone()) {
                    article.origin = Origin { file: file.to_path_buf(), line: None, record: Some(locator) };
                    articles.push(article);
                }
            }
            Ok(None) => {}
            Err(message) => errors.push(InputError::in_record(file, locator, message)),
        }
    }
    (articles, errors)
}

enum Payload {
    Html,
    Text,
}

fn payload_kind(content_type: Option<&str>) -> Option<Payload> {
    let mime = content_type.unwrap_or("").split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    match mime.as_str() {
        "text/html" | "application/xhtml+xml" => Some(Payload::Html),
        "text/plain" => Some(Payload::Text),
        _ => None,
    }
}

fn article_of(record: &WarcRecord, file: &Path) -> Result<Option<RawArticle>, String> {
    let url = record.header("WARC-Target-URI").map(|u| u.trim_matches(['<', '>']).to_owned()).filter(|u| !u.is_empty());
    let (content_type, body) = match record.record_type() {
        "response" => {
            // A response that is not HTTP (dns:, ftp:) holds no page.
            if record.header("Content-Type").is_some_and(|t| !t.to_ascii_lowercase().contains("application/http")) {
                return Ok(None);
            }
            let http = parse_response(&record.body).map_err(|m| format!("HTTP response: {m}"))?;
            if !(200..300).contains(&http.status) {
                return Ok(None);
            }
            // A server that names no type sends pages more often than anything else.
            let content_type = http.content_type.or_else(|| Some("text/html".into()));
            (content_type, http.body)
        }
        "resource" | "conversion" => (record.header("Content-Type").map(str::to_owned), record.body.clone()),
        _ => return Ok(None),
    };
    let Some(kind) = payload_kind(content_type.as_deref()) else {
        return Ok(None);
    };
    // decode_html's charset rules (BOM, declared charset, detection) serve plain text as well.
    let decoded = decode_html(&body, content_type.as_deref());
    let id = url
        .clone()
        .or_else(|| record.header("WARC-Record-ID").map(|r| r.trim_matches(['<', '>']).to_owned()))
        .unwrap_or_else(|| format!("{}#{}", file.file_stem().unwrap_or_default().to_string_lossy(), record.number));
    let mut article = RawArticle { id, url: url.clone(), ..RawArticle::default() };
    match kind {
        Payload::Html => article.fill_from_page(extract(&decoded, url.as_deref())),
        Payload::Text => {
            article.text = decoded.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n");
        }
    }
    Ok((!article.text.trim().is_empty()).then_some(article))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::warc::tests::record;

    fn response(url: &str, head: &str, body: &[u8]) -> Vec<u8> {
        let block = [format!("HTTP/1.1 200 OK\r\n{head}\r\n").as_bytes(), body].concat();
        record("response", &[("WARC-Target-URI", url), ("Content-Type", "application/http; msgtype=response")], &block)
    }

    #[test]
    fn windows_1252_page_with_http_charset() {
        // No <meta charset>: only the HTTP header says windows-1252.
        let page = b"<html><head><title>Caf\xe9 on the quay</title></head><body><article><p>The caf\xe9 on Quay Street reopened on Monday, its owner said: \x93We are back.\x94</p></article></body></html>";
        let warc = response("https://quill.example/2031/04/14/cafe", "Content-Type: text/html; charset=windows-1252\r\n", page);
        let (arts, errs) = read_warc(&warc[..], Path::new("crawl.warc"));
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(arts[0].title.as_deref(), Some("Café on the quay"));
        assert!(arts[0].text.contains("The café on Quay Street reopened on Monday, its owner said: “We are back.”"), "{}", arts[0].text);
        assert_eq!(arts[0].published.as_deref(), Some("2031-04-14"));
        assert_eq!(arts[0].origin.record.as_deref(), Some("WARC record 1 at byte 0"));
    }

    #[test]
    fn non_articles_are_passed_over_and_bad_heads_reported() {
        let redirect = record(
            "response",
            &[("WARC-Target-URI", "https://quill.example/old")],
            b"HTTP/1.1 301 Moved\r\nLocation: /new\r\n\r\n",
        );
        let image = response("https://quill.example/a.png", "Content-Type: image/png\r\n", b"\x89PNG");
        let request = record("request", &[], b"GET / HTTP/1.1\r\n\r\n");
        let broken = record("response", &[("WARC-Target-URI", "https://quill.example/b")], b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n");
        let text = record("conversion", &[("WARC-Target-URI", "https://quill.example/t"), ("Content-Type", "text/plain")], b"Line one.\r\n\r\nLine two.\r\n");
        let all = [redirect, image, request, broken, text].concat();
        let (arts, errs) = read_warc(&all[..], Path::new("crawl.warc"));
        assert_eq!(arts.len(), 1);
        assert_eq!(arts[0].text, "Line one.\nLine two.");
        assert_eq!(errs.len(), 1);
        assert!(errs[0].to_string().starts_with("crawl.warc (WARC record 4 at byte"), "{}", errs[0]);
    }
}
