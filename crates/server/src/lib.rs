//! `parallax serve`: a JSON API and web pages over a stored collection.
//!
//! [`router`] builds the whole service over a [`Config`]; tests drive it in-process
//! (`tower::ServiceExt::oneshot`), [`serve`] binds it to an address. Request flow: rate limit
//! → body size limit → handler (collection calls on the blocking pool, see `state`) →
//! security headers on every response. The story page and the story's JSON are rendered once
//! per story revision and cached (in memory and in the store).

mod api;
mod listing;
pub mod load;
mod pages;
mod safety;
mod state;

use std::net::SocketAddr;
use std::path::PathBuf;

use axum::extract::DefaultBodyLimit;
use axum::http::Uri;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

pub use api::OPENAPI;
pub use safety::CONTENT_SECURITY_POLICY;
pub use state::State;

/// Largest request body accepted (an upload of articles).
pub const DEFAULT_MAX_BODY: usize = 16 << 20;

#[derive(Debug, Clone)]
pub struct Config {
    /// The store (its search index is beside it).
    pub db: PathBuf,
    /// When set, write endpoints need `Authorization: Bearer <token>`.
    pub token: Option<String>,
    pub max_body: usize,
    /// Requests per second per client address, on average (0: no limit).
    pub rate_per_second: u32,
    /// Requests a client may send at once before the rate applies.
    pub rate_burst: u32,
}

impl Config {
    pub fn new(db: PathBuf) -> Config {
        Config { db, token: None, max_body: DEFAULT_MAX_BODY, rate_per_second: 50, rate_burst: 200 }
    }
}

/// Opens the collection and builds the service.
pub fn router(config: Config) -> Result<Router, String> {
    Ok(app(state::Shared::open(config)?))
}

fn app(state: State) -> Router {
    let max_body = state.config.max_body;
    let api = Router::new()
        .route("/openapi.json", get(api::openapi))
        .route("/stories", get(api::stories))
        .route("/stories/{id}", get(api::story))
        .route("/stories/{id}/articles", get(api::story_articles))
        .route("/articles", axum::routing::post(api::upload))
        .route("/articles/{id}", get(api::article))
        .route("/entities/{name}", get(api::entity))
        .route("/quotes", get(api::quotes));
    Router::new()
        .route("/", get(pages::story_list))
        .route("/stories/{id}", get(pages::story))
        .route("/articles/{id}", get(pages::article))
        .route("/people/{name}", get(pages::person))
        .route(pages::CSS_PATH, get(pages::stylesheet))
        .route(pages::JS_PATH, get(pages::script))
        .nest("/api", api)
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(max_body))
        .layer(axum::middleware::from_fn_with_state(state.clone(), safety::rate_limit))
        .layer(axum::middleware::from_fn(safety::security_headers))
        .with_state(state)
}

async fn not_found(uri: Uri) -> Response {
    if uri.path().starts_with("/api/") || uri.path() == "/api" {
        state::Failure::not_found(format!("no endpoint {}", uri.path())).into_response()
    } else {
        pages::not_found().await
    }
}

/// Serves until Ctrl-C (or SIGTERM), printing the address it listens on. Meanwhile the pages
/// of the `warm` most recent stories (0: all) are rendered in the background, one at a time,
/// at start and whenever the store changes, so that their first view is fast too.
pub async fn serve(config: Config, addr: SocketAddr, warm: usize) -> Result<(), String> {
    let state = state::Shared::open(config)?;
    let app = app(state.clone());
    tokio::spawn(pages::keep_warm(state, warm));
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let bound = listener.local_addr().map_err(|e| e.to_string())?;
    eprintln!("parallax: serving on http://{bound}/ (API description at /api/openapi.json)");
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|e| e.to_string())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

/// [`serve`] on a runtime of its own, for a binary without one.
pub fn serve_blocking(config: Config, addr: SocketAddr, warm: usize) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| format!("cannot start the runtime: {e}"))?;
    runtime.block_on(serve(config, addr, warm))
}
