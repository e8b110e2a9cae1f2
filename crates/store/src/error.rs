//! Store errors. Every message starts with the database path, so a user with several stores
//! (or a mistyped `--db`) sees which file is meant.

use std::io;
use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: cannot create the folder for the database: {source}", .path.display())]
    CreateDir { path: PathBuf, source: io::Error },

    #[error("{}: cannot open the database: {source}", .path.display())]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },

    #[error("{}: not a SQLite database, or the file is corrupt ({source})", .path.display())]
    NotADatabase {
        path: PathBuf,
        source: rusqlite::Error,
    },

    #[error("{}: a SQLite database, but not a Parallax store (it holds other tables)", .path.display())]
    ForeignDatabase { path: PathBuf },

    #[error(
        "{}: the store has schema version {found}, but this parallax knows versions up to \
         {supported} only; use a newer parallax",
        .path.display()
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error(
        "{}: cannot use a write-ahead log (journal mode stays '{mode}'); the file system may \
         not support shared memory (network file systems often do not)",
        .path.display()
    )]
    NoWal { path: PathBuf, mode: String },

    #[error("{}: schema migration to version {version} failed: {source}", .path.display())]
    Migration {
        path: PathBuf,
        version: i64,
        source: rusqlite::Error,
    },

    #[error(
        "{}: {operation}: the database is locked by another process (another ingest?): {source}",
        .path.display()
    )]
    Busy {
        path: PathBuf,
        operation: &'static str,
        source: rusqlite::Error,
    },

    #[error("{}: {operation}: {source}", .path.display())]
    Sqlite {
        path: PathBuf,
        operation: &'static str,
        source: rusqlite::Error,
    },

    #[error(
        "no place for the database: set PARALLAX_DB, or XDG_DATA_HOME or HOME, or pass --db PATH"
    )]
    NoDataDir,
}

impl StoreError {
    /// Another connection held a lock this one could not wait for.
    pub(crate) fn is_busy(&self) -> bool {
        matches!(self, StoreError::Busy { .. })
    }

    /// Classifies a SQLite failure so that corruption and lock contention get their own
    /// messages wherever they surface (corruption may only show when a damaged page is read).
    pub(crate) fn sqlite(path: &Path, operation: &'static str, source: rusqlite::Error) -> Self {
        let path = path.to_path_buf();
        match source.sqlite_error_code() {
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
                StoreError::NotADatabase { path, source }
            }
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy {
                path,
                operation,
                source,
            },
            _ => StoreError::Sqlite {
                path,
                operation,
                source,
            },
        }
    }
}

/// Attaches the database path and the operation to a rusqlite result.
pub(crate) trait Context<T> {
    fn context(self, path: &Path, operation: &'static str) -> Result<T>;
}

impl<T> Context<T> for rusqlite::Result<T> {
    fn context(self, path: &Path, operation: &'static str) -> Result<T> {
        self.map_err(|source| StoreError::sqlite(path, operation, source))
    }
}
