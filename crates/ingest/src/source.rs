//! Resolves command-line inputs (folders, files, `-`) to readers of the right format.

use std::fs;
use std::io::{self, BufRead, BufReader, Read as _};
use std::path::{Path, PathBuf};

use crate::crawl::read_warc;
use crate::decode::decode_text;
use crate::feed::read_feed;
use crate::gz::MemberReader;
use crate::html::article_from_html_bytes;
use crate::jsonl::read_jsonl;
use crate::newsplease::read_newsplease;
use crate::sniff::{by_content, first_line_cut, is_input_file, jsonl_past_first_line, sniff, Format, SNIFF_BYTES};
use crate::{InputError, Origin, RawArticle, MAX_FEED_BYTES, MAX_RECORD_BYTES};

/// Everything read from a set of inputs: the articles and the inputs that failed.
#[derive(Debug, Default)]
pub struct Inputs {
    pub articles: Vec<RawArticle>,
    pub errors: Vec<InputError>,
}

/// Reads each input: a file, a folder of them, or `-` for standard input. A file is JSONL,
/// text or HTML (one article, id = file stem), a WARC or WARC.gz, an RSS/Atom/JSON feed, or
/// news-please JSON, told apart by extension and first bytes (see `sniff`). Duplicate ids
/// keep the first article.
pub fn read_inputs(inputs: &[PathBuf]) -> Inputs {
    let mut out = Inputs::default();
    for input in inputs {
        if input.as_os_str() == "-" {
            read_stdin(&mut out);
        } else if input.is_dir() {
            read_folder(input, &mut out);
        } else {
            read_file(input, &mut out);
        }
    }
    drop_duplicate_ids(&mut out);
    out
}

fn read_folder(dir: &Path, out: &mut Inputs) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => return out.errors.push(InputError::new(dir, None, format!("cannot read folder: {e}"))),
    };
    let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file() && is_input_file(p)).collect();
    files.sort();
    if files.is_empty() {
        out.errors.push(InputError::new(dir, None, "folder holds no .txt, .html, .jsonl, .json, .warc(.gz), .rss, .atom or .xml files"));
    }
    for file in files {
        read_file(&file, out);
    }
}

fn read_file(path: &Path, out: &mut Inputs) {
    let file = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return out.errors.push(InputError::new(path, None, format!("cannot open: {e}"))),
    };
    let mut reader = BufReader::with_capacity(64 * 1024, file);
    let head = match reader.fill_buf() {
        Ok(h) => h[..h.len().min(SNIFF_BYTES)].to_vec(),
        Err(e) => return out.errors.push(InputError::new(path, None, format!("cannot read: {e}"))),
    };
    let format = match sniff(path, &head) {
        // A long first record hides whether another follows: look on through the file.
        Format::NewsPlease if first_line_cut(&head) && reopened_is_jsonl(path) => Format::Jsonl,
        format => format,
    };
    let (articles, errors) = match format {
        Format::Jsonl => read_jsonl(reader, path),
        Format::Warc => read_warc_stream(reader, path),
        Format::Feed => whole(path, MAX_FEED_BYTES, read_feed),
        Format::NewsPlease => whole(path, MAX_RECORD_BYTES, read_newsplease),
        Format::Html => one(read_bounded(path).and_then(|bytes| html_article(path, &bytes))),
        Format::Text => one(read_bounded(path).and_then(|bytes| text_article(path, &bytes))),
    };
    if articles.is_empty() && errors.is_empty() {
        out.errors.push(InputError::new(path, None, "no articles in this file"));
    }
    out.articles.extend(articles);
    out.errors.extend(errors);
}

type Read = (Vec<RawArticle>, Vec<InputError>);

/// Reads one input held in memory (e.g. the body of an upload) as if it were a file called
/// `name`: the same formats, limits and per-record errors as [`read_inputs`].
pub fn read_bytes(bytes: &[u8], name: &Path) -> Inputs {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let over = |limit: usize| (bytes.len() > limit).then(|| InputError::new(name, None, format!("input larger than {limit} bytes, skipped")));
    let format = match sniff(name, head) {
        Format::NewsPlease if first_line_cut(head) && jsonl_past_first_line(bytes, MAX_RECORD_BYTES) => Format::Jsonl,
        format => format,
    };
    let (articles, errors) = match format {
        Format::Jsonl => read_jsonl(bytes, name),
        Format::Warc => read_warc_stream(bytes, name),
        Format::Feed => over(MAX_FEED_BYTES).map_or_else(|| read_feed(bytes, name), |e| (Vec::new(), vec![e])),
        Format::NewsPlease => over(MAX_RECORD_BYTES).map_or_else(|| read_newsplease(bytes, name), |e| (Vec::new(), vec![e])),
        Format::Html => one(over(MAX_RECORD_BYTES).map_or_else(|| html_article(name, bytes), Err)),
        Format::Text => one(over(MAX_RECORD_BYTES).map_or_else(|| text_article(name, bytes), Err)),
    };
    let mut out = Inputs { articles, errors };
    if out.articles.is_empty() && out.errors.is_empty() {
        out.errors.push(InputError::new(name, None, "no articles in this input"));
    }
    drop_duplicate_ids(&mut out);
    out
}

fn reopened_is_jsonl(path: &Path) -> bool {
    fs::File::open(path).is_ok_and(|f| jsonl_past_first_line(BufReader::with_capacity(64 * 1024, f), MAX_RECORD_BYTES))
}

fn one(result: Result<RawArticle, InputError>) -> Read {
    match result {
        Ok(a) => (vec![a], Vec::new()),
        Err(e) => (Vec::new(), vec![e]),
    }
}

/// A file whose parser needs all its bytes at once, refused when over `limit`.
fn whole(path: &Path, limit: usize, parse: fn(&[u8], &Path) -> Read) -> Read {
    let bytes = fs::metadata(path)
        .map_err(|e| InputError::new(path, None, format!("cannot open: {e}")))
        .and_then(|m| match m.len() as usize > limit {
            true => Err(InputError::new(path, None, format!("file larger than {limit} bytes, skipped"))),
            false => fs::read(path).map_err(|e| InputError::new(path, None, format!("cannot read: {e}"))),
        });
    match bytes {
        Ok(bytes) => parse(&bytes, path),
        Err(e) => (Vec::new(), vec![e]),
    }
}

/// A WARC stream, gunzipped on the fly when it starts with the gzip magic (one member per
/// record, or one for the whole file).
pub(crate) fn read_warc_stream<R: BufRead>(mut reader: R, path: &Path) -> Read {
    let gzip = reader.fill_buf().map(|h| h.starts_with(&[0x1f, 0x8b])).unwrap_or(false);
    if gzip {
        read_warc(BufReader::with_capacity(64 * 1024, MemberReader::new(reader)), path)
    } else {
        read_warc(reader, path)
    }
}

/// Standard input: a WARC (plain or gzip'd) or a feed when it looks like one, else JSONL.
fn read_stdin(out: &mut Inputs) {
    let path = Path::new("<stdin>");
    let mut reader = BufReader::with_capacity(64 * 1024, io::stdin().lock());
    let head = reader.fill_buf().map(|h| h[..h.len().min(SNIFF_BYTES)].to_vec()).unwrap_or_default();
    let format = match by_content(&head) {
        // A long first object: a JSONL record or a one-line news-please file. Standard input
        // cannot be read twice, so what is buffered decides: a whole first line followed by
        // another record is JSONL, a whole first line alone is news-please, and a first line
        // longer than the buffer is taken for JSONL, what standard input usually carries.
        Format::NewsPlease if first_line_cut(&head) => {
            let buffered = reader.fill_buf().unwrap_or_default();
            if !buffered.contains(&b'\n') || jsonl_past_first_line(buffered, buffered.len()) {
                Format::Jsonl
            } else {
                Format::NewsPlease
            }
        }
        format => format,
    };
    let (a, e) = match format {
        Format::Warc => read_warc_stream(reader, path),
        Format::Feed | Format::NewsPlease => {
            let mut bytes = Vec::new();
            let limit = MAX_FEED_BYTES as u64;
            match reader.take(limit + 1).read_to_end(&mut bytes) {
                Ok(_) if bytes.len() as u64 > limit => (Vec::new(), vec![InputError::new(path, None, format!("input larger than {limit} bytes, skipped"))]),
                Ok(_) if format == Format::Feed => read_feed(&bytes, path),
                Ok(_) => read_newsplease(&bytes, path),
                Err(e) => (Vec::new(), vec![InputError::new(path, None, format!("read error: {e}"))]),
            }
        }
        _ => read_jsonl(reader, path),
    };
    out.articles.extend(a);
    out.errors.extend(e);
}

/// A single-article file's bytes, refused when over [`MAX_RECORD_BYTES`].
fn read_bounded(path: &Path) -> Result<Vec<u8>, InputError> {
    let err = |m: String| InputError::new(path, None, m);
    let meta = fs::metadata(path).map_err(|e| err(format!("cannot open: {e}")))?;
    if meta.len() as usize > MAX_RECORD_BYTES {
        return Err(err(format!("file larger than {MAX_RECORD_BYTES} bytes, skipped")));
    }
    fs::read(path).map_err(|e| err(format!("cannot read: {e}")))
}

fn text_article(path: &Path, bytes: &[u8]) -> Result<RawArticle, InputError> {
    let text = decode_text(bytes).map_err(|m| InputError::new(path, None, m))?;
    if text.trim().is_empty() {
        return Err(InputError::new(path, None, "empty file"));
    }
    Ok(RawArticle { id: file_id(path), text, origin: file_origin(path), ..RawArticle::default() })
}

fn html_article(path: &Path, bytes: &[u8]) -> Result<RawArticle, InputError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(InputError::new(path, None, "empty file"));
    }
    // A page without article text is not bad input: it stays in the batch, empty.
    Ok(RawArticle { origin: file_origin(path), ..article_from_html_bytes(file_id(path), bytes) })
}

fn file_id(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

fn file_origin(path: &Path) -> Origin {
    Origin { file: path.to_path_buf(), line: None, record: None }
}

fn drop_duplicate_ids(out: &mut Inputs) {
    let mut seen = std::collections::HashMap::new();
    let mut errors = Vec::new();
    out.articles.retain(|a| match seen.get(&a.id) {
        Some(first) => {
            errors.push(InputError {
                origin: a.origin.clone(),
                message: format!("duplicate id '{}' (first at {first}), skipped", a.id),
            });
            false
        }
        None => {
            seen.insert(a.id.clone(), a.origin.clone());
            true
        }
    });
    out.errors.extend(errors);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_with_bad_files_reads_the_good_ones() {
        let dir = std::env::temp_dir().join(format!("parallax-ingest-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("good.txt"), "Line one.\nLine two.").unwrap();
        fs::write(dir.join("empty.txt"), "").unwrap();
        fs::write(dir.join("binary.txt"), b"\x00\x01\x02").unwrap();
        fs::write(dir.join("latin1.txt"), b"caf\xe9").unwrap();
        fs::write(dir.join("ignored.png"), b"\x89PNG").unwrap();
        fs::write(dir.join("page.html"), b"<html><head><title>Quay works</title></head><body><article><p>Repairs to the quay wall began on Monday.</p></article></body></html>").unwrap();
        fs::write(dir.join("blank.htm"), b"  \n").unwrap();
        let inputs = read_inputs(&[dir.clone(), dir.join("missing.txt")]);
        fs::remove_dir_all(&dir).unwrap();
        let ids: Vec<_> = inputs.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["good", "page"]);
        assert_eq!(inputs.articles[1].title.as_deref(), Some("Quay works"));
        assert_eq!(inputs.articles[1].text, "Repairs to the quay wall began on Monday.");
        assert_eq!(inputs.errors.len(), 5, "{:?}", inputs.errors);
        assert!(inputs.errors.iter().all(|e| e.to_string().contains("parallax-ingest")));
    }
}
