//! What the handlers share: handles on the collection and the rendered-story cache.
//!
//! SQLite and tantivy calls block, so every use of the collection runs on tokio's blocking
//! pool. Reads take a handle from a small pool of read handles (one SQLite connection and
//! search reader each: readers never wait for each other or for a write); writes go through
//! the one write handle, one at a time. After a write, read handles reload their search
//! reader before their next use (the store itself sees committed writes at once).

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use parallax::{Collection, Engine};
use tokio::sync::Semaphore;

use crate::safety::RateLimiter;
use crate::Config;

/// Read handles kept open (and the most used at once).
const READERS: usize = 4;
/// Rendered stories kept in memory.
const CACHED_RENDERINGS: usize = 2048;

/// A failure to show to the client: the status and a message (never article text).
#[derive(Debug)]
pub struct Failure {
    pub status: axum::http::StatusCode,
    pub message: String,
}

impl Failure {
    pub fn new(status: axum::http::StatusCode, message: impl Into<String>) -> Failure {
        Failure { status, message: message.into() }
    }

    pub fn internal(message: impl std::fmt::Display) -> Failure {
        Failure::new(axum::http::StatusCode::INTERNAL_SERVER_ERROR, message.to_string())
    }

    pub fn not_found(what: impl Into<String>) -> Failure {
        Failure::new(axum::http::StatusCode::NOT_FOUND, what)
    }
}

struct ReadHandle {
    collection: Collection,
    /// The write generation its search reader has seen.
    seen: u64,
    refreshed: Instant,
}

/// How stale a read handle's search reader may get when the writes come from elsewhere (e.g.
/// `parallax ingest` into the served store).
const REFRESH_EVERY: Duration = Duration::from_secs(5);

pub struct Shared {
    pub config: Config,
    idle: Mutex<Vec<ReadHandle>>,
    readers: Semaphore,
    writer: Mutex<Option<Collection>>,
    writes: AtomicU64,
    /// Whether the write handle is busy: read handles then do not wait to cache renderings.
    writing: AtomicBool,
    renderings: Mutex<Renderings>,
    /// One lock per story being rendered (see `story_rendering`).
    gates: Mutex<HashMap<(i64, &'static str), Gate>>,
    /// Story listings by request, with the store's content version they were made at.
    listings: Mutex<HashMap<String, (ContentVersion, Bytes)>>,
    pub limiter: RateLimiter,
}

/// Held by the one request rendering a story.
type Gate = Arc<tokio::sync::Mutex<()>>;

/// See `StoreRead::content_version`.
type ContentVersion = (i64, i64);

/// Listings kept in memory; the table is emptied when full.
const CACHED_LISTINGS: usize = 512;

/// Rendered stories by (story, kind), each for the story revision it was made from; the
/// oldest entry goes first when full.
#[derive(Default)]
struct Renderings {
    by_key: HashMap<(i64, &'static str), (i64, Bytes)>,
    order: VecDeque<(i64, &'static str)>,
}

pub type State = Arc<Shared>;

impl Shared {
    /// Opens the collection once (creating the store when absent) so that a bad path fails
    /// at start, not at the first request.
    pub fn open(config: Config) -> Result<State, String> {
        let first = Collection::open(&config.db, Engine::default()).map_err(|e| e.to_string())?;
        let limiter = RateLimiter::new(config.rate_per_second, config.rate_burst);
        Ok(Arc::new(Shared {
            config,
            idle: Mutex::new(vec![ReadHandle { collection: first, seen: 0, refreshed: Instant::now() }]),
            readers: Semaphore::new(READERS),
            writer: Mutex::new(None),
            writes: AtomicU64::new(0),
            writing: AtomicBool::new(false),
            renderings: Mutex::new(Renderings::default()),
            gates: Mutex::new(HashMap::new()),
            listings: Mutex::new(HashMap::new()),
            limiter,
        }))
    }

    pub fn db(&self) -> &PathBuf {
        &self.config.db
    }

    /// Writes finished so far, or `None` while one runs: the same answer before and after
    /// something means that no write ran in between (so renderings made then were stored,
    /// see `rendered`).
    pub fn writes_done(&self) -> Option<u64> {
        if self.writing.load(Ordering::Acquire) {
            return None;
        }
        Some(self.writes.load(Ordering::Acquire))
    }

    /// The story a story merged into since (streaming clustering), where it lives on.
    pub async fn merged_into(self: &Arc<Self>, story: i64) -> Result<Option<i64>, Failure> {
        self.read(move |c| c.merged_into(story).map_err(Failure::internal)).await
    }

    /// Runs `f` with a read handle, on the blocking pool.
    pub async fn read<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&mut Collection) -> Result<T, Failure> + Send + 'static,
    ) -> Result<T, Failure> {
        let _permit = self.readers.acquire().await.map_err(Failure::internal)?;
        let shared = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let idle = shared.idle.lock().map_err(Failure::internal)?.pop();
            let mut handle = match idle {
                Some(h) => h,
                None => ReadHandle {
                    collection: Collection::open(shared.db(), Engine::default()).map_err(Failure::internal)?,
                    seen: 0,
                    refreshed: Instant::now(),
                },
            };
            let writes = shared.writes.load(Ordering::Acquire);
            if handle.seen != writes || handle.refreshed.elapsed() > REFRESH_EVERY {
                handle.collection.refresh().map_err(Failure::internal)?;
                handle.seen = writes;
                handle.refreshed = Instant::now();
            }
            let result = f(&mut handle.collection);
            if let Ok(mut idle) = shared.idle.lock() {
                idle.push(handle);
            }
            result
        })
        .await
        .map_err(Failure::internal)?
    }

    /// Runs `f` with the write handle, on the blocking pool; writes run one at a time.
    pub async fn write<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&mut Collection) -> Result<T, Failure> + Send + 'static,
    ) -> Result<T, Failure> {
        let shared = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let mut writer = shared.writer.lock().map_err(Failure::internal)?;
            if writer.is_none() {
                *writer = Some(Collection::open(shared.db(), Engine::default()).map_err(Failure::internal)?);
            }
            let collection = writer.as_mut().ok_or_else(|| Failure::internal("no write handle"))?;
            // Cleared on the way out even if the write panics, or renderings would never be
            // stored again.
            struct Writing<'a>(&'a AtomicBool);
            impl Drop for Writing<'_> {
                fn drop(&mut self) {
                    self.0.store(false, Ordering::Release);
                }
            }
            shared.writing.store(true, Ordering::Release);
            let writing = Writing(&shared.writing);
            let result = f(collection);
            drop(writing);
            shared.writes.fetch_add(1, Ordering::AcqRel);
            result
        })
        .await
        .map_err(Failure::internal)?
    }

    /// A rendering of a story: from memory when made for the story's current revision, else
    /// from the store's cache, else made now by `render` (see
    /// [`Collection::story_rendering`]). `None` when there is no such story.
    ///
    /// A story is rendered by one request at a time: others asking for it meanwhile wait for
    /// that rendering instead of making their own (a large story takes seconds, and many
    /// readers arrive at once when it has just changed).
    pub async fn story_rendering(
        self: &Arc<Self>,
        story: i64,
        kind: &'static str,
        render: fn(&parallax::Analysis, &[parallax::store::Article]) -> String,
    ) -> Result<Option<Bytes>, Failure> {
        if let Some(found) = self.rendered(story, kind, None).await? {
            return Ok(found);
        }
        let gate = self.gate(story, kind);
        let made = {
            let _turn = gate.lock().await;
            self.rendered(story, kind, Some(render)).await
        };
        self.release_gate(story, kind, gate);
        Ok(made?.flatten())
    }

    /// The story's rendering from memory, or made (when `render` is given): `Some(None)` when
    /// there is no such story, `None` when it is not in memory and not to be made.
    async fn rendered(
        self: &Arc<Self>,
        story: i64,
        kind: &'static str,
        render: Option<fn(&parallax::Analysis, &[parallax::store::Article]) -> String>,
    ) -> Result<Option<Option<Bytes>>, Failure> {
        let shared = Arc::clone(self);
        self.read(move |c| {
            use parallax::store::StoreRead;
            let Some(revision) = c.store().story_revision(parallax::store::StoryId(story)).map_err(Failure::internal)? else { return Ok(Some(None)) };
            if let Some(text) = shared.cached(story, kind, revision) {
                return Ok(Some(Some(text)));
            }
            let Some(render) = render else { return Ok(None) };
            let keep = !shared.writing.load(Ordering::Acquire);
            let Some(text) = c.story_rendering(story, kind, keep, render).map_err(Failure::internal)? else { return Ok(Some(None)) };
            let text = Bytes::from(text);
            shared.remember(story, kind, revision, text.clone());
            Ok(Some(Some(text)))
        })
        .await
    }

    fn gate(&self, story: i64, kind: &'static str) -> Gate {
        match self.gates.lock() {
            Ok(mut gates) => Arc::clone(gates.entry((story, kind)).or_default()),
            Err(_) => Arc::default(),
        }
    }

    fn release_gate(&self, story: i64, kind: &'static str, gate: Gate) {
        if let Ok(mut gates) = self.gates.lock() {
            // Only the table and this request hold it: nobody is waiting.
            if Arc::strong_count(&gate) == 2 {
                gates.remove(&(story, kind));
            }
        }
    }

    /// A story listing (JSON or a page) that depends on the store alone, not on the search
    /// index: from memory while no article was added and no story changed, else made now.
    pub async fn listing(
        self: &Arc<Self>,
        key: String,
        make: impl FnOnce(&mut Collection) -> Result<Bytes, Failure> + Send + 'static,
    ) -> Result<Bytes, Failure> {
        let shared = Arc::clone(self);
        self.read(move |c| {
            use parallax::store::StoreRead;
            let version = c.store().content_version().map_err(Failure::internal)?;
            if let Some((v, made)) = shared.listings.lock().map_err(Failure::internal)?.get(&key) {
                if *v == version {
                    return Ok(made.clone());
                }
            }
            let made = make(c)?;
            if let Ok(mut listings) = shared.listings.lock() {
                if listings.len() >= CACHED_LISTINGS {
                    listings.clear();
                }
                listings.insert(key, (version, made.clone()));
            }
            Ok(made)
        })
        .await
    }

    fn cached(&self, story: i64, kind: &'static str, revision: i64) -> Option<Bytes> {
        let r = self.renderings.lock().ok()?;
        r.by_key.get(&(story, kind)).filter(|(rev, _)| *rev == revision).map(|(_, t)| t.clone())
    }

    fn remember(&self, story: i64, kind: &'static str, revision: i64, text: Bytes) {
        let Ok(mut r) = self.renderings.lock() else { return };
        if r.by_key.insert((story, kind), (revision, text)).is_none() {
            r.order.push_back((story, kind));
        }
        while r.order.len() > CACHED_RENDERINGS {
            if let Some(old) = r.order.pop_front() {
                r.by_key.remove(&old);
            }
        }
    }
}
