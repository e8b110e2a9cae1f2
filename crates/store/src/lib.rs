//! The Parallax store: articles, stories and what the engine derives from them, in one
//! embedded SQLite file.
//!
//! - [`Store::open`] creates or migrates a store; [`default_db_path`] says where it lives when
//!   no path is given.
//! - Writes go through one transaction ([`Store::write`] or [`Store::begin`] → [`WriteTx`]):
//!   articles (idempotent by [`ContentHash`]), story membership, near-duplicate links and the
//!   streaming clusterer's state commit together, so a killed ingest resumes from a
//!   consistent point.
//! - Reads are the [`StoreRead`] methods, on a `Store` or inside a `WriteTx`.
//!
//! All SQL is in `schema` (migrations) and `queries` (statements).

mod error;
mod hash;
mod model;
mod path;
mod queries;
mod read;
mod schema;
mod store;
mod write;

pub use error::{Result, StoreError};
pub use hash::ContentHash;
pub use model::{
    Article, ArticleCursor, ArticleId, InsertReport, NewArticle, StoryId, StoryOrder, StoryResult,
    StorySummary,
};
pub use path::default_db_path;
pub use read::{ArticlePages, StoreRead};
pub use schema::SCHEMA_VERSION;
pub use store::Store;
pub use write::WriteTx;
