//! Fixtures shared by the API and browser tests: stores built from the bundled example and
//! from a fictional corpus of script-injection payloads, and in-process requests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::http::{Request, Response, StatusCode};
use http_body_util::BodyExt;
use parallax::{Collection, Engine};
use tower::ServiceExt;

pub fn example_articles() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/brannock-port-strike/articles.jsonl")
}

/// A fresh store in `dir` holding the articles of `jsonl`.
pub fn store_with(dir: &Path, jsonl: &[u8]) -> PathBuf {
    let db = dir.join("test.db");
    let inputs = parallax::ingest::read_bytes(jsonl, Path::new("fixture.jsonl"));
    assert!(inputs.errors.is_empty(), "{:?}", inputs.errors);
    let mut c = Collection::open(&db, Engine::default()).expect("open store");
    c.ingest(inputs.articles, &mut |_| {}).expect("ingest");
    db
}

pub fn example_store(dir: &Path) -> PathBuf {
    store_with(dir, &std::fs::read(example_articles()).expect("example articles"))
}

/// Each payload, if it ever ran, would set `window.__xss` and the document title.
pub const PAYLOADS: &[&str] = &[
    "<script>window.__xss=1;document.title='XSS'</script>",
    "<img src=x onerror=\"window.__xss=1;document.title='XSS'\">",
    "<svg onload=\"window.__xss=1;document.title='XSS'\"></svg>",
    "\"><script>window.__xss=1;document.title='XSS'</script>",
    "'><img src=x onerror=window.__xss=1>",
    "<iframe src=\"javascript:parent.__xss=1\"></iframe>",
    "<body onload=\"window.__xss=1\">",
    "<details open ontoggle=\"window.__xss=1;document.title='XSS'\">x</details>",
    "<input autofocus onfocus=\"window.__xss=1\">",
    "</title><script>window.__xss=1</script>",
    "</textarea><script>window.__xss=1</script>",
    "<style>@import 'javascript:window.__xss=1';</style>",
    "<object data=\"javascript:window.__xss=1\"></object>",
    "<embed src=\"javascript:window.__xss=1\">",
    "<video><source onerror=\"window.__xss=1\"></video>",
    "<marquee onstart=\"window.__xss=1\">m</marquee>",
    "<base href=\"javascript:/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__xss=1\">",
    "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
    "&lt;script&gt;window.__xss=1&lt;/script&gt;",
    "<div style=\"background:url(javascript:window.__xss=1)\">d</div>",
    "<noscript><p title=\"</noscript><img src=x onerror=window.__xss=1>\">",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    "<a href=\"javascript:window.__xss=1\" id=\"xss-link\">link</a>",
    "<link rel=stylesheet href=\"data:text/css,body{}\"><script src=\"data:text/javascript,window.__xss=1\"></script>",
];

/// A fictional story in four articles with the payloads in titles, outlet names, URLs,
/// article text and quotes. The articles share their facts and quotes, so they form one
/// story with quote groups.
pub fn xss_corpus() -> Vec<u8> {
    let p = |i: usize| PAYLOADS[i % PAYLOADS.len()];
    let mut out = String::new();
    for k in 0..4 {
        let title = format!("Lantern ferry crews halt service {}", p(k));
        let outlet = format!("Gullwing Courier {}", p(k + 4));
        let text = format!(
            "Ferry crews on the Lantern Sound route stopped work on Monday after talks on rosters failed {a}.\n\
             \"We will not sail short-handed {b}, and the company knows it,\" said Orla Fenwick, the crews' union secretary.\n\
             The operator, Lantern Sound Ferries, said 14 sailings were cancelled {c}.\n\
             \"The timetable will be back on Thursday {d},\" said Brennan Hale, the operator's chief executive.\n\
             Passengers waited at the pier for hours {e}. Fenwick said the crews would meet again on Wednesday.\n\
             {f} Hale told reporters that \"no crew member will lose pay {g}\".",
            a = p(k + 8),
            b = p(k + 12),
            c = p(k + 16),
            d = p(k + 20),
            e = p(k + 1),
            f = p(k + 5),
            g = p(k + 9),
        );
        let record = serde_json::json!({
            "id": format!("lantern-{k}"),
            "title": title,
            "outlet": outlet,
            "published": format!("2031-03-0{}", k + 3),
            "url": "javascript:window.__xss=1",
            "author": p(k + 2),
            "text": text,
        });
        out.push_str(&record.to_string());
        out.push('\n');
    }
    out.into_bytes()
}

pub async fn send(app: &axum::Router, request: Request<Body>) -> Response<Body> {
    app.clone().oneshot(request).await.expect("the service never fails")
}

pub async fn get(app: &axum::Router, uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let response = send(app, Request::get(uri).body(Body::empty()).expect("request")).await;
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.expect("body").to_bytes();
    (parts.status, parts.headers, String::from_utf8_lossy(&bytes).into_owned())
}

pub async fn get_json(app: &axum::Router, uri: &str) -> serde_json::Value {
    let (status, _, body) = get(app, uri).await;
    assert_eq!(status, StatusCode::OK, "{uri}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{uri}: not JSON ({e}): {body}"))
}

pub fn config(db: PathBuf) -> parallax_server::Config {
    parallax_server::Config { rate_per_second: 0, ..parallax_server::Config::new(db) }
}
