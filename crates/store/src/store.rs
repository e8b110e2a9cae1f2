//! Opening a store and starting writes.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Context, Result, StoreError};
use crate::model::{InsertReport, NewArticle};
use crate::read::sealed;
use crate::schema;
use crate::write::WriteTx;

/// A second writer (another `parallax ingest` on the same file) waits this long for the lock
/// before giving up with [`StoreError::Busy`]. Long enough to ride out another process's
/// batch commit, short enough that a stuck process is reported rather than waited on forever.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// After a checkpoint the WAL file is truncated to this size, so one large batch does not
/// leave a large file behind.
const WAL_SIZE_LIMIT: i64 = 64 * 1024 * 1024;

/// SQLite's default page cache is 2 MiB; the content-hash index alone outgrows that at a few
/// tens of thousands of articles, and every insert then re-reads index pages from the OS.
/// 64 MiB cut the storage CPU per article by about a fifth at 100k articles (store_bench);
/// a bulk ingest gains more from [`Store::set_page_cache_size`].
const PAGE_CACHE_KIB: i64 = 64 * 1024;

/// One connection to a store file. Reads are on [`StoreRead`](crate::StoreRead); writes go
/// through [`Store::write`] or [`Store::begin`].
///
/// Several processes may open the same file: readers never block and see only committed
/// transactions; writers take turns.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl sealed::Handle for Store {
    fn connection(&self) -> &Connection {
        &self.conn
    }

    fn path(&self) -> &Path {
        &self.path
    }
}

/// Runs `step` again while another connection holds a lock SQLite does not wait for itself,
/// until `deadline`.
fn retry_while_busy<T>(deadline: std::time::Instant, mut step: impl FnMut() -> Result<T>) -> Result<T> {
    loop {
        match step() {
            Err(e) if e.is_busy() && std::time::Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(5));
            }
            other => return other,
        }
    }
}

impl Store {
    /// Opens the store at `path`, creating the file and its folders if needed, and migrates
    /// its schema to this build's version.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
                path: path.clone(),
                source,
            })?;
        }
        let conn = Connection::open(&path).map_err(|source| StoreError::Open {
            path: path.clone(),
            source,
        })?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .context(&path, "set busy timeout")?;
        let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
        retry_while_busy(deadline, || schema::check_identity(&conn, &path))?;

        // Durability: WAL makes every commit atomic (a transaction is in the file whole or not
        // at all) and the file consistent after any crash. With synchronous=NORMAL the WAL is
        // fsynced at checkpoints rather than at each commit: a killed process (kill -9, a
        // panic) loses nothing committed, since its writes are already in the OS; a power loss
        // or OS crash may lose the last few committed transactions, never part of one. Ingest
        // commits articles and clusterer state together, so after such a loss both are at the
        // same earlier point, and re-running the ingest (idempotent by content hash) redoes
        // the lost batches. That trade buys an fsync per checkpoint instead of per batch.
        // Switching the journal needs the file to itself for a moment, and SQLite answers "busy"
        // at once rather than waiting while another process is creating the store.
        let mode: String = retry_while_busy(deadline, || {
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
                .context(&path, "switch to WAL journal")
        })?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::NoWal { path, mode });
        }
        Self::configure(conn, path)
    }

    /// A private, empty in-memory store, for tests of code built on the store.
    pub fn open_in_memory() -> Result<Store> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory().map_err(|source| StoreError::Open {
            path: path.clone(),
            source,
        })?;
        Self::configure(conn, path)
    }

    fn configure(mut conn: Connection, path: PathBuf) -> Result<Store> {
        conn.pragma_update(None, "synchronous", "NORMAL")
            .context(&path, "set synchronous")?;
        conn.pragma_update(None, "foreign_keys", true)
            .context(&path, "enable foreign keys")?;
        conn.pragma_update(None, "journal_size_limit", WAL_SIZE_LIMIT)
            .context(&path, "limit journal size")?;
        // Negative means KiB rather than pages.
        conn.pragma_update(None, "cache_size", -PAGE_CACHE_KIB)
            .context(&path, "set page cache size")?;
        schema::migrate(&mut conn, &path)?;
        Ok(Store { conn, path })
    }

    /// The most memory SQLite may use to cache this connection's pages (allocated as pages are
    /// read). A bulk ingest benefits: each new article's text page pushes index pages out of
    /// the cache, and at 100k articles 256 MiB instead of the default 64 MiB cut the storage
    /// CPU per article from about 68 to 51 µs (store_bench).
    pub fn set_page_cache_size(&mut self, bytes: u64) -> Result<()> {
        let kib = i64::try_from(bytes / 1024).unwrap_or(i64::MAX).max(1);
        self.conn
            .pragma_update(None, "cache_size", -kib)
            .context(&self.path, "set page cache size")
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Starts a write transaction. It takes the write lock at once (`BEGIN IMMEDIATE`), so a
    /// concurrent writer waits here rather than failing halfway through a batch.
    pub fn begin(&mut self) -> Result<WriteTx<'_>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .context(&self.path, "start write transaction")?;
        Ok(WriteTx::new(tx, &self.path))
    }

    /// Runs `f` in one write transaction: committed if it returns `Ok`, rolled back (nothing
    /// written) if it returns `Err` or panics.
    pub fn write<T, E>(&mut self, f: impl FnOnce(&mut WriteTx<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let mut tx = self.begin()?;
        let value = f(&mut tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// [`WriteTx::insert_articles`] in a transaction of its own.
    pub fn insert_articles(&mut self, articles: &[NewArticle]) -> Result<InsertReport> {
        self.write(|tx| tx.insert_articles(articles))
    }
}
