//! news-please JSON: one article object per file, as news-please writes it (`title`,
//! `maintext`, `date_publish`, `source_domain`, `url`, `authors`, `language`, …). A file holding
//! an array of such objects is read too. Errors name the JSON path of the bad field.

use std::path::Path;

use serde_json::{Map, Value};

use crate::{InputError, Origin, RawArticle};

/// Reads a news-please file's bytes (bounded by the caller).
pub fn read_newsplease(bytes: &[u8], file: &Path) -> (Vec<RawArticle>, Vec<InputError>) {
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => return (Vec::new(), vec![InputError::new(file, None, format!("malformed JSON: {e}"))]),
    };
    let objects: Vec<(String, String, &Value)> = match &value {
        Value::Array(items) => items.iter().enumerate().map(|(i, v)| (format!("$[{i}]"), format!("{stem}-{}", i + 1), v)).collect(),
        v => vec![("$".to_owned(), stem, v)],
    };
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    for (path, fallback_id, value) in objects {
        let result = match value {
            Value::Object(obj) => article_of(obj, &path, fallback_id),
            _ => Err(format!("{path}: a news-please article must be a JSON object")),
        };
        match result {
            Ok(mut article) => {
                article.origin = Origin { file: file.to_path_buf(), line: None, record: (path != "$").then_some(path) };
                articles.push(article);
            }
            Err(message) => errors.push(InputError::new(file, None, message)),
        }
    }
    (articles, errors)
}

fn article_of(obj: &Map<String, Value>, path: &str, fallback_id: String) -> Result<RawArticle, String> {
    let field = |name: &str| -> Result<Option<String>, String> {
        match obj.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(format!("{path}.{name}: must be a string")),
        }
    };
    // news-please leaves maintext null when it found no body; the description is then the
    // only text there is.
    let text = match (field("maintext")?, field("description")?) {
        (Some(t), _) | (None, Some(t)) => t,
        (None, None) => return Err(format!("{path}.maintext: no article text (and no description)")),
    };
    let authors = match obj.get("authors") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(list)) => list
            .iter()
            .enumerate()
            .map(|(i, a)| match a {
                Value::String(s) => Ok(s.trim().to_owned()),
                _ => Err(format!("{path}.authors[{i}]: must be a string")),
            })
            .collect::<Result<Vec<_>, _>>()?,
        Some(Value::String(s)) => vec![s.trim().to_owned()],
        Some(_) => return Err(format!("{path}.authors: must be a list of names")),
    };
    let authors: Vec<String> = authors.into_iter().filter(|a| !a.is_empty()).collect();
    let url = field("url")?;
    // "2031-04-11 09:30:00", no zone: keep the date and time, written the way the rest of the
    // engine reads them.
    let published = field("date_publish")?.map(|d| d.trim().replacen(' ', "T", 1));
    Ok(RawArticle {
        id: url.clone().unwrap_or(fallback_id),
        text: text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n"),
        title: field("title")?,
        published,
        outlet: field("source_domain")?,
        author: (!authors.is_empty()).then(|| authors.join("; ")),
        url,
        origin: Origin::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = r#"{
        "authors": ["Tobin Marsh", "Ada Fennick"],
        "date_download": "2031-04-12 08:00:00",
        "date_modify": null,
        "date_publish": "2031-04-11 09:30:00",
        "description": "The wall held.",
        "filename": "https%3A%2F%2Fquill.example%2F2031%2F04%2F11%2Fwall.json",
        "image_url": null,
        "language": "en",
        "localpath": null,
        "maintext": "The harbour wall in Quillmouth was repaired on Friday.\n\nIt had been damaged in the March storm.",
        "source_domain": "quill.example",
        "title": "Harbour wall repaired",
        "title_page": null,
        "title_rss": null,
        "url": "https://quill.example/2031/04/11/wall"
    }"#;

    #[test]
    fn reads_a_news_please_article() {
        let (arts, errs) = read_newsplease(ARTICLE.as_bytes(), Path::new("wall.json"));
        assert!(errs.is_empty(), "{errs:?}");
        let a = &arts[0];
        assert_eq!(a.id, "https://quill.example/2031/04/11/wall");
        assert_eq!(a.text, "The harbour wall in Quillmouth was repaired on Friday.\nIt had been damaged in the March storm.");
        assert_eq!(a.title.as_deref(), Some("Harbour wall repaired"));
        assert_eq!(a.published.as_deref(), Some("2031-04-11T09:30:00"));
        assert_eq!(a.outlet.as_deref(), Some("quill.example"));
        assert_eq!(a.author.as_deref(), Some("Tobin Marsh; Ada Fennick"));
    }

    #[test]
    fn bad_fields_are_named_by_path() {
        let input = r#"[{"maintext": "Fine.", "title": "A"}, {"maintext": 3}, {"title": "no text"}, {"maintext": "x", "authors": ["ok", 4]}, 7]"#;
        let (arts, errs) = read_newsplease(input.as_bytes(), Path::new("batch.json"));
        assert_eq!(arts.len(), 1);
        assert_eq!(arts[0].id, "batch-1");
        let messages: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            messages,
            [
                "batch.json: $[1].maintext: must be a string",
                "batch.json: $[2].maintext: no article text (and no description)",
                "batch.json: $[3].authors[1]: must be a string",
                "batch.json: $[4]: a news-please article must be a JSON object",
            ]
        );
        let (_, errs) = read_newsplease(b"{\"maintext\": ", Path::new("cut.json"));
        assert!(errs[0].message.starts_with("malformed JSON"));
    }
}
