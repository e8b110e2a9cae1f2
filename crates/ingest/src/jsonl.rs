//! JSONL articles: one JSON object per line (see the contract: `id` and `text` or `html`
//! required; `title`, `published`, `outlet`, `author`, `url` optional).

use std::io::BufRead;
use std::path::Path;

use serde_json::Value;

use crate::{InputError, Origin, RawArticle, MAX_RECORD_BYTES};

/// Reads every record; a bad line becomes an error and reading goes on with the next.
pub fn read_jsonl(reader: impl BufRead, file: &Path) -> (Vec<RawArticle>, Vec<InputError>) {
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    let mut lines = BoundedLines { reader, line: 0 };
    loop {
        let (line_no, line) = match lines.next_line() {
            Ok(Some(l)) => l,
            Ok(None) => break,
            Err(e) => {
                errors.push(InputError::new(file, Some(lines.line), format!("read error: {e}")));
                break;
            }
        };
        let err = |message: String| InputError::new(file, Some(line_no), message);
        let bytes = match line {
            Line::TooLong(n) => {
                errors.push(err(format!("record longer than {MAX_RECORD_BYTES} bytes ({n} bytes), skipped")));
                continue;
            }
            Line::Bytes(b) => b,
        };
        let text = match std::str::from_utf8(&bytes) {
            Ok(t) => t,
            Err(e) => {
                errors.push(err(format!("invalid UTF-8 at column {}", e.valid_up_to() + 1)));
                continue;
            }
        };
        let text = text.trim_start_matches('\u{feff}').trim();
        if text.is_empty() {
            continue;
        }
        match parse_record(text) {
            Ok(mut article) => {
                article.origin = Origin { file: file.to_path_buf(), line: Some(line_no), record: None };
                articles.push(article);
            }
            Err(message) => errors.push(err(message)),
        }
    }
    (articles, errors)
}

fn parse_record(line: &str) -> Result<RawArticle, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("malformed JSON: {e}"))?;
    let Value::Object(obj) = value else {
        return Err("a record must be a JSON object".into());
    };
    let id = match obj.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => return Err("'id' must be a non-empty string".into()),
        None => return Err("record has no 'id'".into()),
    };
    let field = |name: &str| -> Result<Option<String>, String> {
        match obj.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(format!("'{name}' must be a string (record '{id}')")),
        }
    };
    let title = field("title")?.filter(|t| !t.trim().is_empty());
    let (text, html) = (field("text")?, field("html")?);
    let published = field("published")?.filter(|p| !p.trim().is_empty());
    let outlet = field("outlet")?.filter(|o| !o.trim().is_empty());
    let author = field("author")?.filter(|a| !a.trim().is_empty());
    let url = field("url")?;
    let mut article = RawArticle { id, title, published, outlet, author, url, ..RawArticle::default() };
    match (text, html) {
        (Some(t), _) if !t.trim().is_empty() => article.text = t,
        // A page without article text is not bad input: it stays in the batch, empty.
        (_, Some(h)) if !h.trim().is_empty() => article.fill_from_page(parallax_extract::extract(&h, article.url.as_deref())),
        _ => return Err(format!("record '{}' has no 'text' or 'html'", article.id)),
    }
    Ok(article)
}

enum Line {
    Bytes(Vec<u8>),
    /// A line over the limit; its length in bytes (it was read and dropped).
    TooLong(usize),
}

/// Reads lines without ever holding more than [`MAX_RECORD_BYTES`] of one line in memory.
struct BoundedLines<R> {
    reader: R,
    line: usize,
}

impl<R: BufRead> BoundedLines<R> {
    fn next_line(&mut self) -> std::io::Result<Option<(usize, Line)>> {
        let mut buf = Vec::new();
        let mut total = 0usize;
        let mut too_long = false;
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                if total == 0 {
                    return Ok(None);
                }
                break;
            }
            let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (i + 1, true),
                None => (chunk.len(), false),
            };
            total += take;
            if !too_long && buf.len() + take <= MAX_RECORD_BYTES + 1 {
                buf.extend_from_slice(&chunk[..take]);
            } else {
                too_long = true;
                buf = Vec::new();
            }
            self.reader.consume(take);
            if done {
                break;
            }
        }
        self.line += 1;
        if too_long {
            return Ok(Some((self.line, Line::TooLong(total))));
        }
        if buf.last() == Some(&b'\n') {
            buf.pop();
        }
        Ok(Some((self.line, Line::Bytes(buf))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &[u8]) -> (Vec<RawArticle>, Vec<InputError>) {
        read_jsonl(input, Path::new("in.jsonl"))
    }

    #[test]
    fn good_records_survive_bad_neighbours() {
        let input = b"{\"id\":\"a\",\"text\":\"One.\\nTwo.\",\"published\":\"2024-03-01\"}\n\
            {not json}\n\
            \n\
            [1,2]\n\
            {\"id\":\"b\"}\n\
            {\"id\":\"c\",\"text\":\"bad \xff\"}\n\
            {\"id\":7,\"text\":\"Seven.\",\"title\":3}\n\
            {\"id\":\"d\",\"html\":\"<html><body><article><p>Para one.</p><p>Para two.</p></article></body></html>\"}";
        let (arts, errs) = read(input);
        let ids: Vec<_> = arts.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "d"]);
        assert_eq!(arts[0].origin.line, Some(1));
        assert_eq!(arts[1].text, "Para one.\nPara two.");
        let lines: Vec<_> = errs.iter().map(|e| e.origin.line.unwrap()).collect();
        assert_eq!(lines, [2, 4, 5, 6, 7]);
        assert!(errs[0].to_string().starts_with("in.jsonl:2: malformed JSON"));
    }

    #[test]
    fn html_records_take_missing_metadata_from_the_page() {
        let page = "<html><head><meta property='og:site_name' content='Skerrow Times'><title>Quay reopens</title></head>\
            <body><article><p>The south quay reopened to fishing boats on Friday after six weeks of repairs.</p></article></body></html>";
        let record = |extra: &str| {
            let mut r = serde_json::json!({"id": "q", "html": page, "url": "https://skerrow.example/2031/04/11/quay"});
            if !extra.is_empty() {
                r["outlet"] = extra.into();
            }
            r.to_string()
        };
        let (arts, errs) = read(format!("{}\n{}", record(""), record("Given Outlet").replace("\"q\"", "\"r\"")).as_bytes());
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(arts[0].title.as_deref(), Some("Quay reopens"));
        assert_eq!(arts[0].published.as_deref(), Some("2031-04-11"));
        assert_eq!(arts[0].outlet.as_deref(), Some("Skerrow Times"));
        assert_eq!(arts[1].outlet.as_deref(), Some("Given Outlet"));
    }

    #[test]
    fn huge_line_is_skipped_not_loaded() {
        let mut input = Vec::new();
        input.extend_from_slice(b"{\"id\":\"big\",\"text\":\"");
        input.resize(MAX_RECORD_BYTES + 100, b'a');
        input.extend_from_slice(b"\"}\n{\"id\":\"ok\",\"text\":\"Fine.\"}\n");
        let (arts, errs) = read(&input);
        assert_eq!(arts.len(), 1);
        assert!(errs[0].message.contains("longer than"));
    }
}
