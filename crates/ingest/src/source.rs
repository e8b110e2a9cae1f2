//! Resolves command-line inputs (folders, files, `-`) to readers of the right format.

use std::fs;
use std::io::{self, BufReader};
use std::path::{Path, PathBuf};

use crate::decode::decode_text;
use crate::jsonl::read_jsonl;
use crate::{InputError, Origin, RawArticle, MAX_RECORD_BYTES};

/// Everything read from a set of inputs: the articles and the inputs that failed.
#[derive(Debug, Default)]
pub struct Inputs {
    pub articles: Vec<RawArticle>,
    pub errors: Vec<InputError>,
}

/// Reads each input: a folder of `.txt` files (id = file stem), a `.txt` file, a `.jsonl`
/// file, or `-` for JSONL on standard input. Duplicate ids keep the first article.
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
        .filter(|p| p.is_file() && matches!(extension(p).as_str(), "txt" | "jsonl"))
        .collect();
    files.sort();
    if files.is_empty() {
        out.errors.push(InputError::new(dir, None, "folder holds no .txt or .jsonl files"));
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
    match read_text_file(path) {
        Ok(article) => out.articles.push(article),
        Err(e) => out.errors.push(e),
    }
}

fn read_text_file(path: &Path) -> Result<RawArticle, InputError> {
    let err = |m: String| InputError::new(path, None, m);
    let meta = fs::metadata(path).map_err(|e| err(format!("cannot open: {e}")))?;
    if meta.len() as usize > MAX_RECORD_BYTES {
        return Err(err(format!("file larger than {MAX_RECORD_BYTES} bytes, skipped")));
    }
    let bytes = fs::read(path).map_err(|e| err(format!("cannot read: {e}")))?;
    let text = decode_text(&bytes).map_err(err)?;
    if text.trim().is_empty() {
        return Err(err("empty file".into()));
    }
    let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(RawArticle { id, text, origin: Origin { file: path.to_path_buf(), line: None }, ..RawArticle::default() })
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
        let inputs = read_inputs(&[dir.clone(), dir.join("missing.txt")]);
        fs::remove_dir_all(&dir).unwrap();
        assert_eq!(inputs.articles.len(), 1);
        assert_eq!(inputs.articles[0].id, "good");
        assert_eq!(inputs.errors.len(), 4, "{:?}", inputs.errors);
        assert!(inputs.errors.iter().all(|e| e.to_string().contains("parallax-ingest")));
    }
}
