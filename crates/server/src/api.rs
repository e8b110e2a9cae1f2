//! The JSON API under `/api` (described by `openapi.json`, served at `/api/openapi.json`).
//! Every error is `{"error": "…"}` with a 4xx status for what the client can fix.

use std::path::Path as FilePath;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use parallax::store::StoreRead;
use serde::{Deserialize, Serialize};

use crate::listing::{self, QuoteFilter, StoryFilter};
use crate::safety::authorize;
use crate::state::{Failure, State as AppState};

pub const OPENAPI: &str = include_str!("openapi.json");

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        // The details of a server fault (file paths, index errors) go to the log, not out.
        let message = if self.status.is_server_error() {
            eprintln!("parallax serve: {}", self.message);
            "internal error".to_owned()
        } else {
            self.message
        };
        (self.status, Json(serde_json::json!({ "error": message }))).into_response()
    }
}

fn json_text(text: Bytes) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], text).into_response()
}

pub async fn openapi() -> Response {
    json_text(Bytes::from_static(OPENAPI.as_bytes()))
}

pub async fn stories(State(state): State<AppState>, Query(filter): Query<StoryFilter>) -> Result<Response, Failure> {
    let (searched, key) = (filter.uses_search(), format!("api {filter:?}"));
    let make = move |c: &mut parallax::Collection| {
        let list = listing::stories(c, &filter)?;
        serde_json::to_vec(&serde_json::json!({ "stories": list })).map(Bytes::from).map_err(Failure::internal)
    };
    let json = if searched { state.read(make).await? } else { state.listing(key, make).await? };
    Ok(json_text(json))
}

/// What the story endpoint caches: the `parallax/1` contract JSON of the story.
pub const STORY_JSON: &str = "api-story-json/1";

pub(crate) fn contract_json(analysis: &parallax::Analysis, _: &[parallax::store::Article]) -> String {
    parallax::contract::to_json(analysis)
}

pub async fn story(State(state): State<AppState>, Path(id): Path<i64>) -> Result<Response, Failure> {
    match state.story_rendering(id, STORY_JSON, contract_json).await? {
        Some(text) => Ok(json_text(text)),
        None => match state.merged_into(id).await? {
            Some(into) => Ok(Redirect::permanent(&format!("/api/stories/{into}")).into_response()),
            None => Err(Failure::not_found(format!("no story {id}"))),
        },
    }
}

#[derive(Serialize)]
struct ArticleView {
    id: i64,
    external_id: String,
    title: Option<String>,
    outlet: Option<String>,
    published: Option<String>,
    url: Option<String>,
    author: Option<String>,
    story: Option<i64>,
    copy_of: Option<i64>,
    /// The cleaned text the quotes' offsets point into.
    body: String,
    quotes: Vec<QuoteView>,
}

#[derive(Serialize)]
struct QuoteView {
    text: String,
    kind: &'static str,
    speaker: Option<String>,
    /// Byte offsets of the quote in `body`.
    start: usize,
    end: usize,
}

pub async fn article(State(state): State<AppState>, Path(id): Path<i64>) -> Result<Response, Failure> {
    let view = state
        .read(move |c| {
            let a = c.article(id).map_err(Failure::internal)?.ok_or_else(|| Failure::not_found(format!("no article {id}")))?;
            let (doc, _) = c.engine().clean(&parallax::collection::raw_of(&a));
            let analysis = c.engine().read(&doc);
            let quotes = analysis
                .quotes
                .iter()
                .filter_map(|q| {
                    Some(QuoteView {
                        text: doc.body.get(q.text.clone())?.to_owned(),
                        kind: q.kind.as_str(),
                        speaker: q.entity.and_then(|e| analysis.entities.get(e)).map(|e| e.name.clone()),
                        start: q.text.start,
                        end: q.text.end,
                    })
                })
                .collect();
            Ok(ArticleView {
                id: a.id.0,
                external_id: a.external_id,
                title: a.title,
                outlet: a.outlet,
                published: a.published,
                url: a.url,
                author: a.author,
                story: a.story.map(|s| s.0),
                copy_of: a.copy_of.map(|s| s.0),
                body: doc.body,
                quotes,
            })
        })
        .await?;
    Ok(Json(view).into_response())
}

pub async fn quotes(State(state): State<AppState>, Query(filter): Query<QuoteFilter>) -> Result<Response, Failure> {
    let list = state.read(move |c| listing::quotes(c, &filter)).await?;
    Ok(Json(serde_json::json!({ "quotes": list })).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Limit {
    limit: Option<usize>,
}

pub async fn entity(State(state): State<AppState>, Path(name): Path<String>, Query(l): Query<Limit>) -> Result<Response, Failure> {
    let view = state.read(move |c| listing::entity(c, &name, l.limit.unwrap_or(50))).await?;
    Ok(Json(view).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct UploadParams {
    /// The article's id for an HTML or text upload (JSONL records carry their own).
    id: Option<String>,
}

#[derive(Serialize)]
struct UploadReport {
    added: usize,
    duplicates: usize,
    copies: usize,
    stories_touched: usize,
    new_stories: usize,
    /// Records that could not be read, as the CLI reports them (`upload.jsonl:3: …`); the
    /// others were stored.
    errors: Vec<String>,
}

/// The name an upload is read under: its format by extension, as the CLI does with files.
fn upload_name(headers: &HeaderMap, id: Option<&str>) -> Result<String, Failure> {
    let kind = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let essence = kind.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let ext = match essence.as_str() {
        "application/x-ndjson" | "application/jsonl" | "application/x-jsonlines" | "application/json" => "jsonl",
        "text/html" | "application/xhtml+xml" => "html",
        "text/plain" => "txt",
        _ => {
            return Err(Failure::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "send JSONL (application/x-ndjson), HTML (text/html) or text (text/plain)",
            ))
        }
    };
    let stem: String = id.unwrap_or("upload").chars().filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.')).take(120).collect();
    let stem = if stem.is_empty() || stem.starts_with('.') { "upload".to_owned() } else { stem };
    Ok(format!("{stem}.{ext}"))
}

pub async fn upload(
    State(state): State<AppState>,
    Query(params): Query<UploadParams>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Failure> {
    authorize(&headers, state.config.token.as_deref())?;
    let name = upload_name(&headers, params.id.as_deref())?;
    if body.is_empty() {
        return Err(Failure::new(StatusCode::BAD_REQUEST, "empty body: send articles"));
    }
    let report = state
        .write(move |c| {
            let inputs = parallax::ingest::read_bytes(&body, FilePath::new(&name));
            let errors: Vec<String> = inputs.errors.iter().map(ToString::to_string).collect();
            if inputs.articles.is_empty() {
                return Ok(Err(errors));
            }
            let done = c.ingest(inputs.articles, &mut |_| {}).map_err(Failure::internal)?;
            Ok(Ok(UploadReport {
                added: done.added,
                duplicates: done.duplicates,
                copies: done.copies,
                stories_touched: done.stories_touched,
                new_stories: done.new_stories,
                errors,
            }))
        })
        .await?;
    match report {
        Ok(r) => {
            let status = if r.added > 0 { StatusCode::CREATED } else { StatusCode::OK };
            Ok((status, Json(r)).into_response())
        }
        Err(errors) => Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(serde_json::json!({ "error": "no article could be read", "errors": errors })))
            .into_response()),
    }
}

/// `GET /api/stories/{id}/articles`: the story's articles, without their text.
pub async fn story_articles(State(state): State<AppState>, Path(id): Path<i64>) -> Result<Response, Failure> {
    let list = state
        .read(move |c| {
            if c.store().story(parallax::store::StoryId(id)).map_err(Failure::internal)?.is_none() {
                return Err(Failure::not_found(format!("no story {id}")));
            }
            let articles = c.story_articles(id).map_err(Failure::internal)?;
            Ok(articles
                .into_iter()
                .map(|a| {
                    serde_json::json!({
                        "id": a.id.0, "external_id": a.external_id, "title": a.title, "outlet": a.outlet,
                        "published": a.published, "url": a.url, "copy_of": a.copy_of.map(|c| c.0),
                    })
                })
                .collect::<Vec<_>>())
        })
        .await?;
    Ok(Json(serde_json::json!({ "articles": list })).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(content_type: &str, id: Option<&str>) -> Result<String, Failure> {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, content_type.parse().unwrap());
        upload_name(&headers, id)
    }

    #[test]
    fn uploads_are_read_by_their_content_type_under_a_safe_name() {
        assert_eq!(named("application/x-ndjson", None).unwrap(), "upload.jsonl");
        assert_eq!(named("text/html; charset=utf-8", Some("front-page")).unwrap(), "front-page.html");
        assert_eq!(named("text/plain", Some("../../etc/passwd")).unwrap(), "upload.txt");
        assert_eq!(named("text/plain", Some("a/b c")).unwrap(), "abc.txt");
        assert_eq!(named("image/png", None).unwrap_err().status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    }
}
