//! Resolves command-line inputs (folders, files, `-`) to readers of the right format.

use std::fs;
use std::io::{self, BufReader};
use std::path::{Path, PathBuf};

use crate::decode::decode_text;
use crate::html::article_from_html_bytes;
use crate::jsonl::read_jsonl;
use crate::{InputError, Origin, RawArticle, MAX_RECORD_BYTES};

/// Everything read from a set of inputs: the articles and the inputs that failed.
#[derive(Debug, Default)]
pub struct Inputs {
    pub articles: Vec<RawArticle>,
    pub errors: Vec<InputError>,
}

/// Reads each input: a folder of `.txt` and `.html` files (id = file stem), a `.txt` or
/// `.html` file, a `.jsonl` file, or `-` for JSONL on standard input. Duplicate ids keep the
/// first article.
pub fn read_inputs(inputs: &[PathBuf]) -> Inputs {
    let mut out = Inputs::default();
    for input in inputs {
        if input.as_os_str() == "-" {
            let (a, e) = read_jsonl(io::stdin().lock(), Path::new("<stdin>"));
            out.articles.extend(a);
            out.errors.extend(e);
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
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && matches!(extension(p).as_str(), "txt" | "jsonl" | "ndjson" | "html" | "htm"))
        .collect();
    files.sort();
    if files.is_empty() {
        out.errors.push(InputError::new(dir, None, "folder holds no .txt, .html or .jsonl files"));
    }
    for file in files {
        read_file(&file, out);
    }
}

fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase()
}

fn read_file(path: &Path, out: &mut Inputs) {
    let ext = extension(path);
    if ext == "jsonl" || ext == "ndjson" {
        match fs::File::open(path) {
            Ok(f) => {
                let (a, e) = read_jsonl(BufReader::new(f), path);
                if a.is_empty() && e.is_empty() {
                    out.errors.push(InputError::new(path, None, "empty file: no records"));
                }
                out.articles.extend(a);
                out.errors.extend(e);
            }
            Err(e) => out.errors.push(InputError::new(path, None, format!("cannot open: {e}"))),
        }
        return;
    }
    let article = match ext.as_str() {
        "html" | "htm" => read_bounded(path).and_then(|bytes| html_article(path, &bytes)),
        _ => read_bounded(path).and_then(|bytes| text_article(path, &bytes)),
    };
    match article {
        Ok(article) => out.articles.push(article),
        Err(e) => out.errors.push(e),
    }
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
    Origin { file: path.to_path_buf(), line: None }
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
