//! The API and the pages driven in-process (no socket): answers, errors, limits, headers,
//! and escaping of hostile article data.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::*;
use http_body_util::BodyExt;

fn example_app() -> (tempfile::TempDir, axum::Router) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = example_store(dir.path());
    let app = parallax_server::router(config(db)).expect("router");
    (dir, app)
}

async fn largest_story(app: &axum::Router) -> i64 {
    let list = get_json(app, "/api/stories?order=size&limit=1").await;
    list["stories"][0]["id"].as_i64().expect("a story")
}

#[tokio::test]
async fn stories_are_listed_searched_and_filtered() {
    let (_dir, app) = example_app();
    let all = get_json(&app, "/api/stories").await;
    let stories = all["stories"].as_array().expect("list");
    assert!(!stories.is_empty());
    let first = &stories[0];
    assert!(first["title"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(first["articles"].as_u64().unwrap_or(0) >= 1);
    let outlet = first["outlets"][0]["outlet"].as_str().expect("an outlet").to_owned();
    let by_outlet = get_json(&app, &format!("/api/stories?outlet={}", outlet.to_uppercase().replace(' ', "%20"))).await;
    assert!(!by_outlet["stories"].as_array().expect("list").is_empty(), "outlet filter ignores case");
    let none = get_json(&app, "/api/stories?outlet=No%20Such%20Outlet").await;
    assert!(none["stories"].as_array().expect("list").is_empty());
    let future = get_json(&app, "/api/stories?from=2099-01-01").await;
    assert!(future["stories"].as_array().expect("list").is_empty());
    let past = get_json(&app, "/api/stories?to=2099-01-01&from=1990-01-01").await;
    assert_eq!(past["stories"].as_array().map(Vec::len), stories.len().into());
    let searched = get_json(&app, "/api/stories?q=strike").await;
    assert!(!searched["stories"].as_array().expect("list").is_empty());
    let person = first["people"][0]["name"].as_str().expect("a person").to_owned();
    let surname = person.split(' ').next_back().unwrap_or(&person).to_owned();
    let by_person = get_json(&app, &format!("/api/stories?person={surname}")).await;
    assert!(!by_person["stories"].as_array().expect("list").is_empty(), "person filter finds {surname}");
    for bad in ["/api/stories?from=yesterday", "/api/stories?order=sideways", "/api/stories?limit=-1"] {
        let (status, _, body) = get(&app, bad).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
    }
}

#[tokio::test]
async fn a_story_gives_its_reconciled_account() {
    let (_dir, app) = example_app();
    let id = largest_story(&app).await;
    let account = get_json(&app, &format!("/api/stories/{id}")).await;
    let again = get_json(&app, &format!("/api/stories/{id}")).await;
    assert_eq!(account, again, "the cached account is the computed one");
    let text = account.to_string();
    for key in ["\"quote_groups\"", "\"events\"", "\"discrepancies\"", "\"summary\"", "\"entities\"", "\"coverage\""] {
        assert!(text.contains(key), "{key} in the account");
    }
    let articles = get_json(&app, &format!("/api/stories/{id}/articles")).await;
    assert!(articles["articles"].as_array().is_some_and(|a| a.len() > 1));
    assert_eq!(get(&app, "/api/stories/999999").await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, "/api/stories/999999/articles").await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, "/api/stories/abc").await.0, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_merged_story_redirects_to_the_one_it_lives_on_in() {
    use parallax::store::{Store, StoryId};
    let dir = tempfile::tempdir().expect("temp dir");
    let db = example_store(dir.path());
    let app = parallax_server::router(config(db.clone())).expect("router");
    let live = largest_story(&app).await;
    let mut store = Store::open(&db).expect("store");
    let merged = store.write(|tx| tx.create_story(None)).expect("story");
    store.write(|tx| tx.merge_stories(merged, StoryId(live))).expect("merge");
    drop(store);
    for (uri, to) in [(format!("/api/stories/{}", merged.0), format!("/api/stories/{live}")), (format!("/stories/{}", merged.0), format!("/stories/{live}"))] {
        let (status, headers, _) = get(&app, &uri).await;
        assert_eq!(status, StatusCode::PERMANENT_REDIRECT, "{uri}");
        assert_eq!(headers.get(header::LOCATION).and_then(|v| v.to_str().ok()), Some(to.as_str()), "{uri}");
    }
}

#[tokio::test]
async fn articles_entities_and_quotes() {
    let (_dir, app) = example_app();
    let article = get_json(&app, "/api/articles/1").await;
    let body = article["body"].as_str().expect("body");
    let quotes = article["quotes"].as_array().expect("quotes");
    assert!(!quotes.is_empty());
    for q in quotes {
        let (start, end) = (q["start"].as_u64().unwrap() as usize, q["end"].as_u64().unwrap() as usize);
        assert_eq!(&body[start..end], q["text"].as_str().unwrap(), "offsets point into the body");
    }
    let speaker = quotes.iter().find_map(|q| q["speaker"].as_str()).expect("an attributed quote").to_owned();
    let entity = get_json(&app, &format!("/api/entities/{}", speaker.replace(' ', "%20"))).await;
    assert!(!entity["stories"].as_array().expect("stories").is_empty());
    assert!(!entity["quotes"].as_array().expect("quotes").is_empty(), "{speaker} is quoted");
    let found = get_json(&app, &format!("/api/quotes?speaker={}", speaker.replace(' ', "%20"))).await;
    assert!(found["quotes"].as_array().is_some_and(|q| q.iter().all(|q| q["speaker"].as_str() == Some(speaker.as_str()))));
    let words = get_json(&app, "/api/quotes?q=pay&limit=3").await;
    assert!(words["quotes"].as_array().is_some_and(|q| !q.is_empty() && q.len() <= 3));
    assert_eq!(get(&app, "/api/quotes").await.0, StatusCode::BAD_REQUEST);
    assert_eq!(get(&app, "/api/articles/0").await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, "/api/entities/%20").await.0, StatusCode::BAD_REQUEST);
    assert_eq!(get(&app, "/api/nothing-here").await.0, StatusCode::NOT_FOUND);
}

fn post(uri: &str, content_type: &str, token: Option<&str>, body: impl Into<Body>) -> Request<Body> {
    let mut r = Request::post(uri).header(header::CONTENT_TYPE, content_type);
    if let Some(t) = token {
        r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    r.body(body.into()).expect("request")
}

async fn json_of(response: axum::http::Response<Body>) -> (StatusCode, serde_json::Value) {
    let status = response.status();
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null))
}

#[tokio::test]
async fn uploads_need_the_token_and_report_each_bad_record() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("empty.db");
    let config = parallax_server::Config { token: Some("open-sesame".into()), max_body: 64 * 1024, ..config(db) };
    let app = parallax_server::router(config).expect("router");
    let jsonl = "{\"id\":\"a1\",\"outlet\":\"Tern Daily\",\"published\":\"2031-02-01\",\"title\":\"Bridge reopens\",\"text\":\"The Marl Bridge reopened on Friday. \\\"It is safe,\\\" said Ivo Brannan, the city engineer.\"}\n\
                 {not json}\n\
                 {\"id\":\"a2\",\"outlet\":\"Tern Daily\",\"text\":\"\"}\n";
    let before = get_json(&app, "/api/stories").await;
    assert_eq!(before["stories"].as_array().map(Vec::len), Some(0));
    let (_, _, page) = get(&app, "/").await;
    assert!(page.contains("No stories"));
    let (status, _) = json_of(send(&app, post("/api/articles", "application/x-ndjson", None, jsonl)).await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = json_of(send(&app, post("/api/articles", "application/x-ndjson", Some("wrong"), jsonl)).await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, report) = json_of(send(&app, post("/api/articles", "application/x-ndjson", Some("open-sesame"), jsonl)).await).await;
    assert_eq!(status, StatusCode::CREATED, "{report}");
    assert_eq!(report["added"], 1);
    let errors: Vec<&str> = report["errors"].as_array().expect("errors").iter().filter_map(|e| e.as_str()).collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].starts_with("upload.jsonl:2:"), "errors name the record like the CLI: {errors:?}");
    let (status, report) = json_of(send(&app, post("/api/articles", "application/x-ndjson", Some("open-sesame"), jsonl)).await).await;
    assert_eq!((status, report["added"].as_u64(), report["duplicates"].as_u64()), (StatusCode::OK, Some(0), Some(1)), "sending again adds nothing");
    let page = "<html><head><title>Harbour lights</title></head><body><article><p>The harbour lights were switched on again on Saturday after repairs that took three weeks, the port office said.</p><p>\"We are glad to see them,\" said Mira Tolland, a pilot.</p></article></body></html>";
    let (status, report) = json_of(send(&app, post("/api/articles?id=lights", "text/html; charset=utf-8", Some("open-sesame"), page)).await).await;
    assert_eq!(status, StatusCode::CREATED, "{report}");
    let (status, _) = json_of(send(&app, post("/api/articles", "application/pdf", Some("open-sesame"), "%PDF")).await).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let (status, _) = json_of(send(&app, post("/api/articles", "application/x-ndjson", Some("open-sesame"), "")).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, report) = json_of(send(&app, post("/api/articles", "application/x-ndjson", Some("open-sesame"), "{oops}\n")).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(report["errors"][0].as_str().is_some_and(|e| e.starts_with("upload.jsonl:1:")));
    let big = vec![b'x'; 65 * 1024];
    let response = send(&app, post("/api/articles", "text/plain", Some("open-sesame"), big)).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // The upload is searchable and listed at once (the cached listings are not served stale).
    let list = get_json(&app, "/api/stories?q=harbour").await;
    assert_eq!(list["stories"].as_array().map(Vec::len), Some(1));
    let after = get_json(&app, "/api/stories").await;
    assert_eq!(after["stories"].as_array().map(Vec::len), Some(2));
    let (_, _, page) = get(&app, "/").await;
    assert!(page.contains("Harbour lights") && page.contains("Bridge reopens"), "{page}");
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let (_dir, app) = example_app();
    let id = largest_story(&app).await;
    for uri in ["/".to_owned(), format!("/stories/{id}"), "/articles/1".into(), "/api/stories".into(), "/nope".into(), "/static/parallax.js".into()] {
        let (_, headers, _) = get(&app, &uri).await;
        assert_eq!(headers.get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok()), Some(parallax_server::CONTENT_SECURITY_POLICY), "{uri}");
        assert_eq!(headers.get(header::X_CONTENT_TYPE_OPTIONS).and_then(|v| v.to_str().ok()), Some("nosniff"), "{uri}");
    }
}

#[tokio::test]
async fn clients_over_the_rate_get_429() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = parallax_server::Config { rate_per_second: 1, rate_burst: 3, ..config(dir.path().join("r.db")) };
    let app = parallax_server::router(config).expect("router");
    let statuses: Vec<StatusCode> = futures_statuses(&app, 5).await;
    assert_eq!(&statuses[..3], &[StatusCode::OK; 3]);
    assert_eq!(statuses[4], StatusCode::TOO_MANY_REQUESTS);
}

async fn futures_statuses(app: &axum::Router, n: usize) -> Vec<StatusCode> {
    let mut out = Vec::new();
    for _ in 0..n {
        out.push(get(app, "/api/stories").await.0);
    }
    out
}

#[tokio::test]
async fn malformed_requests_get_4xx() {
    let (_dir, app) = example_app();
    let long = format!("/api/quotes?q={}", "a".repeat(10_000));
    for uri in [
        "/stories/notanumber",
        "/stories/99999999999999999999999",
        "/api/articles/-",
        "/api/stories?limit=ten",
        "/api/quotes?story=x",
        "/api/quotes?q=%FF%FE",
        "/people/%00",
        long.as_str(),
    ] {
        let (status, _, body) = get(&app, uri).await;
        assert!(status.is_client_error() || status == StatusCode::OK, "{uri}: {status} {body}");
    }
    let response = send(&app, Request::delete("/api/stories").body(Body::empty()).unwrap()).await;
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    let response = send(&app, post("/api/articles", "application/x-ndjson", None, vec![0xffu8; 100])).await;
    assert!(response.status().is_client_error(), "binary garbage: {}", response.status());
}

/// Every path of the OpenAPI document is served (with sample parameters), and every API
/// route is in the document.
#[tokio::test]
async fn the_openapi_document_matches_the_routes() {
    let (_dir, app) = example_app();
    let doc = get_json(&app, "/api/openapi.json").await;
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().expect("paths");
    let mut documented: Vec<String> = paths.keys().cloned().collect();
    documented.sort();
    let mut expected = vec!["/openapi.json", "/stories", "/stories/{id}", "/stories/{id}/articles", "/articles", "/articles/{id}", "/entities/{name}", "/quotes"];
    expected.sort();
    assert_eq!(documented, expected);
    for (path, ops) in paths {
        let concrete = path.replace("{id}", "1").replace("{name}", "Somebody");
        for method in ops.as_object().expect("operations").keys() {
            let request = Request::builder().method(method.to_uppercase().as_str()).uri(format!("/api{concrete}")).body(Body::empty()).unwrap();
            let status = send(&app, request).await.status();
            assert!(status != StatusCode::NOT_FOUND || concrete.contains('1') || concrete.contains("Somebody"), "{method} {path}: {status}");
            assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
        }
    }
}

/// The tags and attributes of a page that could run script: every `<script>` (with its
/// `src`), every `on…=` attribute, every `style=` attribute, and every javascript: URL.
fn script_vectors(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let lower = html.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut i = 0;
    while let Some(at) = lower[i..].find('<') {
        let start = i + at;
        let Some(len) = lower[start..].find('>') else { break };
        let tag = &lower[start..start + len + 1];
        i = start + 1;
        if !bytes.get(start + 1).is_some_and(|b| b.is_ascii_alphabetic()) {
            continue;
        }
        if tag.starts_with("<script") && tag != "<script src=\"/static/parallax.js\" defer>" {
            found.push(tag.to_owned());
        }
        // Attribute names: after whitespace, up to '='.
        for (k, _) in tag.match_indices('=') {
            let name: String = tag[..k].chars().rev().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect::<String>().chars().rev().collect();
            let before = tag[..k - name.len()].chars().next_back();
            if before.is_some_and(char::is_whitespace) && (name.starts_with("on") || name == "style" || name == "srcdoc") {
                found.push(tag.to_owned());
            }
        }
        if tag.contains("javascript:") {
            found.push(tag.to_owned());
        }
    }
    found
}

#[test]
fn the_vector_finder_finds_vectors() {
    assert_eq!(script_vectors("<p>a &lt;script&gt;</p><script src=\"/static/parallax.js\" defer></script>").len(), 0);
    assert_eq!(script_vectors("<img src=x onerror=\"a\">").len(), 1);
    assert_eq!(script_vectors("<script>x</script>").len(), 1);
    assert_eq!(script_vectors("<a href=\"javascript:x\">").len(), 1);
    assert_eq!(script_vectors("<div style=\"x\">").len(), 1);
}

#[tokio::test]
async fn hostile_article_data_is_escaped_on_every_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = store_with(dir.path(), &xss_corpus());
    let app = parallax_server::router(config(db)).expect("router");
    let stories = get_json(&app, "/api/stories").await;
    let ids: Vec<i64> = stories["stories"].as_array().expect("list").iter().filter_map(|s| s["id"].as_i64()).collect();
    assert!(!ids.is_empty());
    let mut pages = vec!["/".to_owned(), "/?q=ferry".into(), "/?q=%3Cscript%3E".into(), "/people/Orla%20Fenwick".into(), "/people/%3Cscript%3E".into()];
    pages.extend(ids.iter().map(|id| format!("/stories/{id}")));
    pages.extend((1..=4).map(|a| format!("/articles/{a}")));
    let mut seen_payload_text = 0;
    for uri in &pages {
        let (status, _, html) = get(&app, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        let vectors = script_vectors(&html);
        assert!(vectors.is_empty(), "{uri}: {vectors:?}");
        if html.contains("&lt;script&gt;window.__xss=1") {
            seen_payload_text += 1;
        }
    }
    assert!(seen_payload_text >= 3, "the payloads reach the pages as text");
}

/// Requests stitched from random pieces of paths and parameters: never a server error.
#[tokio::test]
async fn random_requests_never_fail_the_server() {
    let (_dir, app) = example_app();
    let paths = ["/", "/stories/", "/articles/", "/people/", "/api/stories", "/api/stories/", "/api/articles/", "/api/entities/", "/api/quotes", "/static/", "/api/openapi.json", "//", "/api/stories/1/articles"];
    let pieces = ["1", "0", "-1", "99999999999999999999", "%00", "%FF", "%2e%2e%2f", "a b", "<script>", "'", "\"", "😀", "1.5", "", "?", "&", "="];
    let keys = ["q", "from", "to", "outlet", "person", "order", "limit", "speaker", "story", "id", "x"];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for _ in 0..400 {
        let mut uri = paths[next(paths.len())].to_owned();
        if uri.ends_with('/') && next(2) == 0 {
            uri.push_str(pieces[next(pieces.len())]);
        }
        for k in 0..next(4) {
            uri.push(if k == 0 { '?' } else { '&' });
            uri.push_str(keys[next(keys.len())]);
            uri.push('=');
            uri.push_str(pieces[next(pieces.len())]);
        }
        let encoded: String = uri.chars().map(|c| if c == ' ' { "%20".to_owned() } else if c.is_ascii() { c.to_string() } else { c.to_string().bytes().map(|b| format!("%{b:02X}")).collect() }).collect();
        let Ok(request) = Request::get(encoded.as_str()).body(Body::empty()) else { continue };
        let status = send(&app, request).await.status();
        assert!(!status.is_server_error(), "{encoded}: {status}");
    }
}
