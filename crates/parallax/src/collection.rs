//! A collection: the articles kept in a store, grouped into stories as they arrive, with
//! syndicated copies linked to their originals and everything indexed for search. It is what
//! `parallax ingest`, `stories`, `show`, `export`, `search` and the server work on.
//!
//! Consistency: the store is the source of truth. Each batch of articles is stored with its
//! story assignments, copy links, signatures and people in one transaction. What is derived
//! from the articles and costly to write often (the streaming clusterer's state, the search
//! index) records the last article it has taken in; when a collection is opened, articles
//! stored after that point are read again and fed to it. So a killed ingest (even `kill -9`)
//! leaves a consistent store, and the next run catches up and goes on; ingesting the same
//! input again adds nothing (articles are keyed by content).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use parallax_core::hash::FastMap as HashMap;

use parallax_core::calendar::days_from_civil;
use parallax_core::{CalendarDate, Document, EntityType};
use parallax_dedup::{NearDuplicates, Signature};
use parallax_ingest::RawArticle;
use parallax_search::{ArticleEntry, EntityEntry, QuoteEntry, SearchIndex};
use parallax_store::{Article, ArticleId, NewArticle, Store, StoreRead, StoryId, StoryOrder, StorySummary};
use parallax_stories::{SplitState, StreamClusterer};

use crate::pipeline::{Analysis, Clustering, Engine, Reading};

pub use parallax_search::{Hit, HitKind, SearchQuery, Snippet};
pub use parallax_store::default_db_path;

/// Articles read and stored per transaction.
const BATCH: usize = 512;
/// Articles between two saves of the clusterer's state (the live stories and the changed
/// vocabulary pages: megabytes).
const CHECKPOINT: u64 = 20_000;
/// Articles between two commits of the search index.
const SEARCH_COMMIT: usize = 8 * BATCH;
/// Days an article stays a possible original of a copy.
const COPY_WINDOW_DAYS: i64 = 7;
/// People kept per story for listings.
const PEOPLE_PER_ARTICLE: usize = 8;

const CLUSTERER_KEY: &str = "clusterer";
const SEARCH_THROUGH_KEY: &str = "search.through";

/// A collection problem: the message names the file or index concerned.
#[derive(Debug)]
pub struct CollectionError(pub String);

impl std::fmt::Display for CollectionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CollectionError {}

impl From<parallax_store::StoreError> for CollectionError {
    fn from(e: parallax_store::StoreError) -> Self {
        CollectionError(e.to_string())
    }
}

impl From<parallax_search::SearchError> for CollectionError {
    fn from(e: parallax_search::SearchError) -> Self {
        CollectionError(e.to_string())
    }
}

type Result<T> = std::result::Result<T, CollectionError>;

/// Where ingest is, for a progress display.
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub added: usize,
    pub duplicates: usize,
}

/// What one ingest did.
#[derive(Debug, Clone, Default)]
pub struct IngestReport {
    /// Articles stored now.
    pub added: usize,
    /// Articles already stored (same outlet and text): nothing added.
    pub duplicates: usize,
    /// Of the added, near-duplicate copies of an earlier article.
    pub copies: usize,
    /// Stories the added articles started.
    pub new_stories: usize,
    /// Stories the added articles joined or started.
    pub stories_touched: usize,
    /// Stories merged into another once later articles showed them to be one.
    pub merged_stories: usize,
    /// Articles read again on opening, to bring the clusterer or the search index up to date
    /// after an interrupted run.
    pub caught_up: usize,
    pub timings: IngestTimings,
}

/// Where an ingest's time went. Reading runs on all cores beside the storing thread, so the
/// wall time is about the larger of `reading` and the sum of the storing steps.
#[derive(Debug, Clone, Default)]
pub struct IngestTimings {
    /// Cleaning and reading the articles (per batch, wall time on all cores).
    pub reading: Duration,
    /// The streaming clusterer placing articles in stories.
    pub clustering: Duration,
    /// Signatures and the copy index.
    pub copies: Duration,
    /// The SQLite transactions, less the clustering and copies done inside them.
    pub sqlite: Duration,
    /// Adding articles, quotes and entities to the search index.
    pub search: Duration,
    /// Search index commits.
    pub search_commits: Duration,
    /// Saving the clusterer's state.
    pub checkpoints: Duration,
}

/// The streaming clusterer's saved state: its own bytes, the store story of each of its
/// stories, and the last article it has taken in. Saved in parts (see [`SplitState`]): this
/// under [`CLUSTERER_KEY`] with the clusterer's head, and each vocabulary page under its
/// [`vocabulary_page_key`], written only when it changed.
struct Checkpoint {
    clusterer: StreamClusterer,
    stories: Vec<i64>,
    through: i64,
}

/// The checkpoint's format: version 1 held the clusterer's whole state, version 2 its head.
const CHECKPOINT_MAGIC: &[u8; 4] = b"PXCK";
const CHECKPOINT_VERSION: u8 = 2;

fn vocabulary_page_key(page: u32) -> String {
    format!("{CLUSTERER_KEY}.vocabulary.{page}")
}

impl Checkpoint {
    /// The bytes under [`CLUSTERER_KEY`] and the changed vocabulary pages.
    fn to_parts(&self) -> (Vec<u8>, Vec<(u32, Vec<u8>)>) {
        let SplitState { head, pages } = self.clusterer.save_split();
        let mut out = Vec::with_capacity(head.len() + 8 * (self.stories.len() + 3));
        out.extend_from_slice(CHECKPOINT_MAGIC);
        out.push(CHECKPOINT_VERSION);
        out.extend_from_slice(&self.through.to_le_bytes());
        out.extend_from_slice(&(self.stories.len() as u64).to_le_bytes());
        for s in &self.stories {
            out.extend_from_slice(&s.to_le_bytes());
        }
        out.extend_from_slice(&head);
        (out, pages)
    }

    /// The checkpoint from its bytes and `page(n)`, the bytes of vocabulary page `n`.
    fn from_parts(bytes: &[u8], page: impl FnMut(u32) -> Option<Vec<u8>>) -> std::result::Result<Checkpoint, String> {
        let rest = bytes.strip_prefix(CHECKPOINT_MAGIC).ok_or("not a clusterer checkpoint")?;
        let (&version, rest) = rest.split_first().ok_or("truncated checkpoint")?;
        if !(1..=CHECKPOINT_VERSION).contains(&version) {
            return Err(format!("checkpoint version {version}, this build reads up to {CHECKPOINT_VERSION}"));
        }
        let take = |b: &[u8], at: usize| -> std::result::Result<i64, String> {
            let chunk: [u8; 8] = b.get(at..at + 8).and_then(|c| c.try_into().ok()).ok_or("truncated checkpoint")?;
            Ok(i64::from_le_bytes(chunk))
        };
        let through = take(rest, 0)?;
        let n = usize::try_from(take(rest, 8)?).map_err(|_| "bad story count")?;
        if n > rest.len() / 8 {
            return Err("bad story count".into());
        }
        let stories = (0..n).map(|i| take(rest, 16 + 8 * i)).collect::<std::result::Result<Vec<i64>, String>>()?;
        // Version 1 holds the whole state, which loads without pages.
        let clusterer = StreamClusterer::load_split(&rest[16 + 8 * n..], page).map_err(|e| e.0)?;
        Ok(Checkpoint { clusterer, stories, through })
    }
}

pub struct Collection {
    store: Store,
    search: SearchIndex,
    engine: Engine,
    checkpoint: Checkpoint,
    /// Whether `checkpoint` holds the saved state yet (it is read only to add articles).
    checkpoint_loaded: bool,
    /// Articles taken in since the checkpoint was last saved.
    since_checkpoint: u64,
    copies: NearDuplicates,
    /// The last article in the committed search index.
    search_through: i64,
    /// The last article added to the search index (committed or not).
    search_added: i64,
    since_search_commit: usize,
    indexed_entities: IndexedEntities,
}

/// The search index's folder beside a store file: `parallax.db` → `parallax.db.search`.
pub fn search_dir(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".search");
    db.with_file_name(name)
}

fn day_of(published: Option<&str>) -> Option<i64> {
    let d = CalendarDate::parse(published?.get(..10)?)?;
    Some(days_from_civil(d.year, d.month, d.day))
}

impl Collection {
    /// Opens (or creates) the collection stored at `db`, with its search index beside it.
    /// Reading needs nothing more; before adding articles, [`Collection::catch_up`].
    pub fn open(db: &Path, engine: Engine) -> Result<Collection> {
        let mut store = Store::open(db)?;
        // Ingest writes in large batches: a bigger page cache keeps index pages of a large
        // store in memory (measured in crates/store/README.md).
        store.set_page_cache_size(256 << 20)?;
        let search = SearchIndex::open(&search_dir(db))?;
        // Read with the first articles to add (see `catch_up`): a collection opened to be
        // read, like each of the server's read handles, does without the clusterer's state.
        let checkpoint = Checkpoint { clusterer: StreamClusterer::new(engine.stream_config()), stories: Vec::new(), through: 0 };
        let search_through = match store.state(SEARCH_THROUGH_KEY)? {
            Some(b) if b.len() == 8 => i64::from_le_bytes(b.try_into().unwrap_or([0; 8])),
            _ => 0,
        };
        let collection = Collection {
            store,
            search,
            engine,
            checkpoint,
            checkpoint_loaded: false,
            since_checkpoint: 0,
            copies: NearDuplicates::new(COPY_WINDOW_DAYS),
            search_through,
            search_added: search_through,
            since_search_commit: 0,
            indexed_entities: IndexedEntities::default(),
        };
        Ok(collection)
    }

    /// Opens the collection stored at `db` to read it: unlike [`Collection::open`], a missing
    /// store is an error naming the path rather than a new empty one (only ingest creates).
    pub fn open_existing(db: &Path, engine: Engine) -> Result<Collection> {
        if !db.is_file() {
            return Err(CollectionError(format!("{}: no store here (`parallax ingest` creates one)", db.display())));
        }
        Collection::open(db, engine)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The copy index of the recent window, from the stored signatures.
    fn rebuild_copies(&mut self) -> Result<()> {
        let Some(last) = self.store.last_article_id()? else { return Ok(()) };
        let latest = self.store.article(last)?.and_then(|a| day_of(a.published.as_deref())).unwrap_or(i64::MIN / 2);
        for (id, day, bytes) in self.store.signatures_since(latest - COPY_WINDOW_DAYS)? {
            if let Some(sig) = Signature::from_bytes(&bytes) {
                self.copies.add(id.0 as u64, sig, Some(day));
            }
        }
        Ok(())
    }

    /// Feeds articles stored after the clusterer's checkpoint to the clusterer (they keep the
    /// stories they were stored with) and indexes those the search index lacks: after an
    /// interrupted ingest, before the next one. Returns how many articles were read again.
    pub fn catch_up(&mut self) -> Result<usize> {
        // Only adding articles needs the copy index and the clusterer's state: read here, not
        // when a collection is opened to be read.
        if !self.checkpoint_loaded {
            if let Some(bytes) = self.store.state(CLUSTERER_KEY)? {
                let mut failed = None;
                // A page the store fails to read is that error, not a corrupt state.
                let page = |n: u32| match self.store.state(&vocabulary_page_key(n)) {
                    Ok(bytes) => bytes,
                    Err(e) => {
                        failed = Some(e);
                        None
                    }
                };
                let loaded = Checkpoint::from_parts(&bytes, page);
                if let Some(e) = failed {
                    return Err(e.into());
                }
                self.checkpoint = loaded.map_err(|e| CollectionError(format!("{}: clusterer state: {e}", self.store.path().display())))?;
            }
            self.checkpoint_loaded = true;
        }
        if self.copies.is_empty() {
            self.rebuild_copies()?;
        }
        let from = self.checkpoint.through.min(self.search_through);
        let mut after = ArticleId(from);
        let mut caught_up = 0;
        loop {
            let page = self.store.articles_after_id(after, BATCH)?;
            let Some(last) = page.last() else { break };
            after = last.id;
            let docs: Vec<Document> = page.iter().map(|a| self.engine.clean(&raw_of(a)).0).collect();
            let readings: Vec<Reading> = docs.par_iter().map(|d| self.engine.read_for_store(d)).collect();
            for ((a, doc), reading) in page.iter().zip(&docs).zip(&readings) {
                if a.id.0 > self.checkpoint.through {
                    let k = self.checkpoint.clusterer.add(&reading.features, doc.published) as usize;
                    // The store holds the merges already: they were written with the articles.
                    self.checkpoint.clusterer.take_merges();
                    if k >= self.checkpoint.stories.len() {
                        self.checkpoint.stories.resize(k + 1, 0);
                    }
                    if let Some(s) = a.story {
                        self.checkpoint.stories[k] = s.0;
                    }
                    self.checkpoint.through = a.id.0;
                    self.since_checkpoint += 1;
                }
                if a.id.0 > self.search_through {
                    // Maybe indexed before the interruption: replace.
                    index_article(&mut self.search, &mut self.indexed_entities, a, doc, reading, true)?;
                    self.search_added = a.id.0;
                }
                caught_up += 1;
            }
        }
        if caught_up > 0 {
            self.commit_search()?;
            self.save_derived(true)?;
        }
        Ok(caught_up)
    }

    fn commit_search(&mut self) -> Result<()> {
        self.search.commit()?;
        self.search_through = self.search_added;
        self.since_search_commit = 0;
        Ok(())
    }

    /// Saves how far the search index has come and, when due (or `force`), the clusterer.
    fn save_derived(&mut self, force: bool) -> Result<()> {
        let checkpoint = (force || self.since_checkpoint >= CHECKPOINT).then(|| self.checkpoint.to_parts());
        let through = self.search_through.to_le_bytes();
        self.store.write(|tx| {
            tx.put_state(SEARCH_THROUGH_KEY, &through)?;
            if let Some((head, pages)) = &checkpoint {
                // In one transaction: the pages left as they are were written with an earlier
                // head and have not changed since.
                tx.put_state(CLUSTERER_KEY, head)?;
                for (n, page) in pages {
                    tx.put_state(&vocabulary_page_key(*n), page)?;
                }
            }
            Ok::<_, parallax_store::StoreError>(())
        })?;
        if checkpoint.is_some() {
            self.checkpoint.clusterer.mark_saved();
            self.since_checkpoint = 0;
        }
        Ok(())
    }

    /// Stores new articles, in publication order: each joins a story (or starts one), is
    /// linked to the article it copies (if any) and is indexed for search.
    pub fn ingest(&mut self, mut articles: Vec<RawArticle>, progress: &mut dyn FnMut(Progress)) -> Result<IngestReport> {
        // Stable: articles of one date keep their input order.
        articles.sort_by(|a, b| a.published.as_deref().unwrap_or("").cmp(b.published.as_deref().unwrap_or("")));
        let total = articles.len();
        self.ingest_ordered(articles.into_iter(), total, progress)
    }

    /// [`Collection::ingest`] of articles that come already in publication order (the
    /// clusterer's time window relies on it), taken from `articles` a batch at a time: only
    /// the batch being read and the one being stored are held, so the input may be far larger
    /// than memory. `total` is for the progress display only.
    pub fn ingest_ordered(
        &mut self,
        mut articles: impl Iterator<Item = RawArticle>,
        total: usize,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<IngestReport> {
        let mut report = IngestReport { caught_up: self.catch_up()?, ..IngestReport::default() };
        let mut touched = std::collections::HashSet::new();
        let mut done = 0;
        let mut next_batch = || -> Vec<RawArticle> { articles.by_ref().take(BATCH).collect() };
        // Batch k+1 is read (on the other core) while batch k is stored: storing is sequential.
        let engine = std::mem::take(&mut self.engine);
        let mut batch = next_batch();
        let timed_read = |batch: &[RawArticle]| {
            let start = Instant::now();
            (read_batch(&engine, batch), start.elapsed())
        };
        let (mut read, took) = timed_read(&batch);
        report.timings.reading += took;
        let mut outcome = Ok(());
        while !batch.is_empty() {
            let following = next_batch();
            let ((following_read, took), stored) =
                rayon::join(|| timed_read(&following), || self.store_batch(&batch, read, &mut report, &mut touched));
            report.timings.reading += took;
            if let Err(e) = stored {
                outcome = Err(e);
                break;
            }
            done += batch.len();
            progress(Progress { done, total: total.max(done), added: report.added, duplicates: report.duplicates });
            batch = following;
            read = following_read;
        }
        self.engine = engine;
        outcome?;
        report.stories_touched = touched.len();
        let start = Instant::now();
        self.commit_search()?;
        report.timings.search_commits += start.elapsed();
        let start = Instant::now();
        self.save_derived(true)?;
        report.timings.checkpoints += start.elapsed();
        Ok(report)
    }

    fn store_batch(
        &mut self,
        batch: &[RawArticle],
        read: Vec<(Document, Reading)>,
        report: &mut IngestReport,
        touched: &mut std::collections::HashSet<i64>,
    ) -> Result<()> {
        let new: Vec<NewArticle> = batch.iter().map(new_article).collect();
        let checkpoint = &mut self.checkpoint;
        let copies = &mut self.copies;
        let mut stored: Vec<(usize, ArticleId, StoryId)> = Vec::new();
        let (mut clustering, mut copying) = (Duration::ZERO, Duration::ZERO);
        let start = Instant::now();
        self.store.write(|tx| {
            let inserted = tx.insert_articles(&new)?;
            report.duplicates += inserted.duplicates.len();
            let duplicate: std::collections::HashSet<usize> = inserted.duplicates.iter().map(|d| d.0).collect();
            let fresh: Vec<usize> = (0..new.len()).filter(|i| !duplicate.contains(i)).collect();
            let mut assignments: Vec<(ArticleId, StoryId)> = Vec::with_capacity(fresh.len());
            for (&i, &id) in fresh.iter().zip(&inserted.inserted) {
                let (doc, reading) = &read[i];
                let started = Instant::now();
                let k = checkpoint.clusterer.add(&reading.features, doc.published) as usize;
                clustering += started.elapsed();
                if k >= checkpoint.stories.len() {
                    checkpoint.stories.resize(k + 1, 0);
                }
                for merge in checkpoint.clusterer.take_merges() {
                    let (from, into) = (merge.from as usize, merge.into as usize);
                    let (from, into) = (checkpoint.stories.get(from).copied().unwrap_or(0), checkpoint.stories.get(into).copied().unwrap_or(0));
                    if from == 0 || into == 0 || from == into {
                        // The article's own new story, not stored yet, or nothing to move.
                        continue;
                    }
                    tx.merge_stories(StoryId(from), StoryId(into))?;
                    for pending in assignments.iter_mut().filter(|a| a.1 == StoryId(from)) {
                        pending.1 = StoryId(into);
                    }
                    for done in stored.iter_mut().filter(|s| s.2 == StoryId(from)) {
                        done.2 = StoryId(into);
                    }
                    if touched.remove(&from) {
                        touched.insert(into);
                    }
                    report.merged_stories += 1;
                }
                if checkpoint.stories[k] == 0 {
                    checkpoint.stories[k] = tx.create_story(None)?.0;
                    report.new_stories += 1;
                }
                let story = StoryId(checkpoint.stories[k]);
                touched.insert(story.0);
                assignments.push((id, story));
                let day = day_of(new[i].published.as_deref());
                let started = Instant::now();
                let keys: Vec<u64> = reading.analysis.words.words.iter().map(|w| w.key).collect();
                let signature = Signature::of_words(&keys);
                let original = signature.as_ref().and_then(|sig| copies.original_of(sig));
                copying += started.elapsed();
                if let Some(sig) = signature {
                    if let Some(original) = original {
                        tx.set_copy_of(id, ArticleId(original.id as i64))?;
                        report.copies += 1;
                    }
                    tx.put_signature(id, day.unwrap_or(0), &sig.to_bytes())?;
                    let started = Instant::now();
                    copies.add(id.0 as u64, sig, day);
                    copying += started.elapsed();
                }
                let people = people_of(&reading.analysis);
                let people: Vec<(&str, i64)> = people.iter().map(|(n, c)| (n.as_str(), *c)).collect();
                tx.add_story_people(story, &people)?;
                checkpoint.through = id.0;
                stored.push((i, id, story));
            }
            tx.assign(&assignments)?;
            Ok::<_, parallax_store::StoreError>(())
        })?;
        let timings = &mut report.timings;
        timings.clustering += clustering;
        timings.copies += copying;
        timings.sqlite += start.elapsed().saturating_sub(clustering + copying);
        report.added += stored.len();
        self.since_checkpoint += stored.len() as u64;
        let start = Instant::now();
        for &(i, id, story) in &stored {
            let article = stored_view(id, story, &new[i]);
            index_article(&mut self.search, &mut self.indexed_entities, &article, &read[i].0, &read[i].1, false)?;
            self.search_added = id.0;
        }
        timings.search += start.elapsed();
        self.since_search_commit += stored.len();
        // A search commit writes new segments and waits for them: every few thousand articles,
        // not every batch. What is not committed yet is indexed again after an interruption.
        let start = Instant::now();
        if self.since_search_commit >= SEARCH_COMMIT {
            self.commit_search()?;
        }
        timings.search_commits += start.elapsed();
        let start = Instant::now();
        self.save_derived(false)?;
        timings.checkpoints += start.elapsed();
        Ok(())
    }

    /// Stories, with their figures.
    pub fn stories(&self, order: StoryOrder, limit: Option<usize>) -> Result<Vec<StorySummary>> {
        Ok(self.store.stories(order, limit)?)
    }

    /// The story a story number now belongs to: a story merged into another (streaming
    /// clustering) lives on in that one. `None` for a number that was never merged.
    pub fn merged_into(&self, story: i64) -> Result<Option<i64>> {
        Ok(self.store.merged_into(StoryId(story))?.map(|s| s.0))
    }

    /// The people a story mentions most.
    pub fn story_people(&self, story: i64, limit: usize) -> Result<Vec<(String, i64)>> {
        Ok(self.store.story_people(StoryId(story), limit)?)
    }

    /// The stored articles of a story, as inputs, in date order.
    pub fn story_articles(&self, story: i64) -> Result<Vec<Article>> {
        if self.store.story(StoryId(story))?.is_none() {
            return Err(CollectionError(format!("{}: no story {story}", self.store.path().display())));
        }
        Ok(self.store.story_articles(StoryId(story))?)
    }

    /// A story read and reconciled again from its stored articles: the account `analyze`
    /// gives, for exactly the articles of the stored story.
    pub fn analyze_story(&self, story: i64) -> Result<Analysis> {
        let raws: Vec<RawArticle> = self.story_articles(story)?.iter().map(raw_of).collect();
        let engine = Engine::default().with_clustering(Clustering::Given);
        Ok(engine.analyze(raws))
    }

    /// A rendering of a story's reconciled account (`kind` names it: an HTML page, the
    /// contract JSON), cached in the store for the story's revision: the store drops cached
    /// results when articles join the story or copies are linked, so a cached one is never
    /// stale. `render` gets the account and the stored articles in the order of its documents.
    /// A rendering made now is cached only when `keep` (a caller that knows another handle is
    /// writing passes false rather than wait for it). `None` when there is no such story.
    pub fn story_rendering(
        &mut self,
        story: i64,
        kind: &str,
        keep: bool,
        render: impl FnOnce(&Analysis, &[Article]) -> String,
    ) -> Result<Option<String>> {
        let id = StoryId(story);
        // The revision is read before the articles: if the story changes in between, the
        // rendering is still returned but not cached under the older revision.
        let Some(revision) = self.store.story_revision(id)? else { return Ok(None) };
        let key = format!("{kind} {}", env!("CARGO_PKG_VERSION"));
        if let Some(cached) = self.store.story_result(id, &key)? {
            return Ok(Some(cached.json));
        }
        let articles = self.store.story_articles(id)?;
        let engine = Engine::default().with_clustering(Clustering::Given);
        let analysis = engine.analyze(articles.iter().map(raw_of).collect());
        let text = render(&analysis, &articles);
        if keep {
            // A rendering that cannot be cached now (the store busy past its timeout) is still
            // the right answer: it is made again next time. Any other failure is reported.
            match self.store.write(|tx| tx.put_story_result(id, revision, &key, &text)) {
                Ok(_) | Err(parallax_store::StoreError::Busy { .. }) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(Some(text))
    }

    /// Sees what another handle on the same collection has ingested since this one was opened
    /// (the store sees it at once; the search index when told to look).
    pub fn refresh(&self) -> Result<()> {
        Ok(self.search.reload()?)
    }

    /// Hits of the query. The index keeps the story numbers articles were indexed with; a
    /// story merged since is searched under each of its numbers, and hits name the story
    /// each number lives on in.
    pub fn search(&self, query: &SearchQuery) -> Result<Vec<Hit>> {
        let mut hits = match query.story {
            Some(story) => {
                // A story asked for by a number merged away is the story it lives on in.
                let live = self.store.merged_into(StoryId(story as i64))?.unwrap_or(StoryId(story as i64));
                let mut hits = self.search.search(&SearchQuery { story: Some(live.0 as u64), ..query.clone() })?;
                let former = self.store.merged_from(live)?;
                for from in &former {
                    hits.extend(self.search.search(&SearchQuery { story: Some(from.0 as u64), ..query.clone() })?);
                }
                if !former.is_empty() {
                    hits.sort_by(|a, b| b.score.total_cmp(&a.score));
                }
                hits
            }
            None => self.search.search(query)?,
        };
        // Each story number the hits name, looked up once.
        let mut live: HashMap<u64, u64> = HashMap::default();
        for hit in &mut hits {
            if let Some(s) = hit.story {
                let into = match live.get(&s) {
                    Some(&into) => into,
                    None => {
                        let into = self.store.merged_into(StoryId(s as i64))?.map_or(s, |x| x.0 as u64);
                        live.insert(s, into);
                        into
                    }
                };
                hit.story = Some(into);
            }
        }
        // A story's entities were indexed once per story number it had.
        let mut seen = std::collections::HashSet::new();
        hits.retain(|h| h.kind != HitKind::Entity || seen.insert((h.story, h.text.clone())));
        hits.truncate(query.limit);
        Ok(hits)
    }

    pub fn snippet(&self, query: &SearchQuery, text: &str, max_chars: usize) -> Result<Snippet> {
        Ok(self.search.snippet(query, text, max_chars)?)
    }

    pub fn article(&self, id: i64) -> Result<Option<Article>> {
        Ok(self.store.article(ArticleId(id))?)
    }

    pub fn count_articles(&self) -> Result<u64> {
        Ok(self.store.count_articles()?)
    }
}

/// Cleans and reads a batch of articles on all cores.
fn read_batch(engine: &Engine, batch: &[RawArticle]) -> Vec<(Document, Reading)> {
    batch
        .par_iter()
        .map(|raw| {
            let (doc, _) = engine.clean(raw);
            let reading = engine.read_for_store(&doc);
            (doc, reading)
        })
        .collect()
}

/// The people of one article with their mention counts, most mentioned first.
fn people_of(analysis: &parallax_core::DocAnalysis) -> Vec<(String, i64)> {
    let mut people: Vec<(String, i64)> = analysis
        .entities
        .iter()
        .filter(|e| e.kind == EntityType::Person && !e.aliases.is_empty() && e.name.contains(' '))
        .map(|e| (e.name.clone(), e.mentions.len().max(1) as i64))
        .collect();
    people.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    people.dedup_by(|a, b| a.0 == b.0);
    people.truncate(PEOPLE_PER_ARTICLE);
    people
}

fn new_article(raw: &RawArticle) -> NewArticle {
    NewArticle {
        external_id: raw.id.clone(),
        title: raw.title.clone(),
        text: raw.text.clone(),
        published: raw.published.clone(),
        outlet: raw.outlet.clone(),
        url: raw.url.clone(),
        author: raw.author.clone(),
        source_file: Some(raw.origin.file.display().to_string()).filter(|f| !f.is_empty()),
        source_record: raw.origin.line.map(|l| l as u64),
    }
}

/// A stored article back as an input.
pub fn raw_of(a: &Article) -> RawArticle {
    RawArticle {
        id: a.external_id.clone(),
        text: a.text.clone(),
        title: a.title.clone(),
        published: a.published.clone(),
        outlet: a.outlet.clone(),
        url: a.url.clone(),
        author: a.author.clone(),
        ..RawArticle::default()
    }
}

/// What the search index needs of an article just stored (without reading it back).
fn stored_view(id: ArticleId, story: StoryId, a: &NewArticle) -> Article {
    Article {
        id,
        external_id: a.external_id.clone(),
        content_hash: a.content_hash(),
        title: a.title.clone(),
        text: String::new(),
        published: a.published.clone(),
        outlet: a.outlet.clone(),
        url: a.url.clone(),
        author: a.author.clone(),
        source_file: None,
        source_record: None,
        ingested_at: String::new(),
        story: Some(story),
        copy_of: None,
    }
}

/// The story entities indexed by this handle, by (story, name key), with a fingerprint of
/// the entry: an article that repeats the entry an earlier one of its story gave changes
/// nothing, and replacing it would cost a delete that the index applies at every commit.
#[derive(Default)]
struct IndexedEntities(HashMap<(u64, u32), u64>);

impl IndexedEntities {
    /// Entries remembered at most: past it, the memory starts afresh (an entry not
    /// remembered is only replaced by the same).
    const MAX: usize = 1 << 20;

    /// Whether `entry` differs from the one indexed last under its story and name (or is the
    /// first), noting it as indexed.
    fn is_new(&mut self, entry: &EntityEntry) -> bool {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (entry.name, entry.aliases, entry.kind).hash(&mut h);
        let fingerprint = h.finish();
        if self.0.len() >= Self::MAX {
            self.0.clear();
        }
        self.0.insert((entry.story, entry.position), fingerprint) != Some(fingerprint)
    }
}

/// Indexes an article with its quotes and people; `replace` when it may be indexed already.
fn index_article(search: &mut SearchIndex, indexed: &mut IndexedEntities, a: &Article, doc: &Document, reading: &Reading, replace: bool) -> Result<()> {
    let story = a.story.map(|s| s.0 as u64);
    let entry = ArticleEntry {
        article: a.id.0 as u64,
        story,
        title: a.title.as_deref(),
        text: &doc.body,
        outlet: a.outlet.as_deref(),
        published: a.published.as_deref(),
    };
    if replace {
        search.add_article(&entry)?;
    } else {
        search.insert_article(&entry)?;
    }
    // The story's people and organisations, one entry per name in the story: an entry keyed
    // by the name replaces the one an earlier article of the story gave.
    if let Some(story) = story {
        for e in reading.analysis.entities.iter().filter(|e| !e.aliases.is_empty()) {
            let kind = match e.kind {
                EntityType::Person => "person",
                EntityType::Org => "organisation",
                EntityType::Group => "group",
                EntityType::Place => "place",
                _ => continue,
            };
            let key = e.name.to_lowercase().bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
            let entry = EntityEntry { story, position: key, name: &e.name, aliases: &e.aliases, kind };
            if indexed.is_new(&entry) {
                search.add_entity(&entry)?;
            }
        }
    }
    for (n, q) in reading.analysis.quotes.iter().enumerate() {
        let Some(text) = doc.body.get(q.text.clone()) else { continue };
        let speaker = q.entity.and_then(|e| reading.analysis.entities.get(e)).map(|e| e.name.as_str());
        let entry = QuoteEntry { article: a.id.0 as u64, position: n as u32, story, text, speaker, outlet: a.outlet.as_deref(), published: a.published.as_deref() };
        if replace {
            search.add_quote(&entry)?;
        } else {
            search.insert_quote(&entry)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallax_stories::{term_counts, StreamConfig};

    #[test]
    fn a_checkpoint_of_an_earlier_build_loads_and_its_next_save_writes_every_vocabulary_page() {
        let mut clusterer = StreamClusterer::new(StreamConfig::default());
        for text in ["Dockworkers at Portville strike over pay", "Floods close the Ridgeway pass", "The Portville strike enters a second day"] {
            clusterer.add(&term_counts(text), None);
        }
        // Version 1: the clusterer's whole state after the story numbers.
        let mut old = b"PXCK\x01".to_vec();
        old.extend_from_slice(&3i64.to_le_bytes());
        old.extend_from_slice(&2u64.to_le_bytes());
        old.extend_from_slice(&7i64.to_le_bytes());
        old.extend_from_slice(&8i64.to_le_bytes());
        old.extend_from_slice(&clusterer.save());
        let loaded = Checkpoint::from_parts(&old, |_| None).expect("an earlier checkpoint loads");
        assert_eq!((loaded.through, loaded.stories.clone()), (3, vec![7, 8]));
        assert_eq!(loaded.clusterer.save(), clusterer.save());
        let (head, pages) = loaded.to_parts();
        assert_eq!(pages.iter().map(|p| p.0).collect::<Vec<_>>(), vec![0], "the one page there is");
        let again = Checkpoint::from_parts(&head, |n| pages.iter().find(|p| p.0 == n).map(|p| p.1.clone())).expect("loads");
        assert_eq!(again.clusterer.save(), clusterer.save());
        assert!(Checkpoint::from_parts(&head, |_| None).is_err(), "a missing page is an error");
    }
}
