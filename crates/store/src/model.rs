//! The values that go into and come out of the store.

use std::fmt;

use crate::hash::ContentHash;

/// The store's own id of an article (not the input's id, which need not be unique).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArticleId(pub i64);

/// The store's id of a story. Ids are never reused, even after a story is removed, so an id
/// shown to a user keeps naming the same story or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StoryId(pub i64);

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Display for StoryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// An article as read from an input, ready to be stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewArticle {
    /// The input's own id (JSONL `id`, file name, URL...).
    pub external_id: String,
    pub title: Option<String>,
    pub text: String,
    /// ISO 8601 date or date-time; dates of one format sort correctly as text.
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    /// The input file the article was read from.
    pub source_file: Option<String>,
    /// 1-based line (JSONL) or record (WARC, feed item) within `source_file`.
    pub source_record: Option<u64>,
}

impl NewArticle {
    /// The key that makes inserts idempotent; see [`ContentHash::of`].
    pub fn content_hash(&self) -> ContentHash {
        ContentHash::of(self.outlet.as_deref(), &self.text)
    }
}

/// A stored article, with its story and the original it copies, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub id: ArticleId,
    pub external_id: String,
    pub content_hash: ContentHash,
    pub title: Option<String>,
    pub text: String,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub source_file: Option<String>,
    pub source_record: Option<u64>,
    /// UTC, `YYYY-MM-DDTHH:MM:SS.sssZ`.
    pub ingested_at: String,
    pub story: Option<StoryId>,
    pub copy_of: Option<ArticleId>,
}

/// What one `insert_articles` call did, input by input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InsertReport {
    /// Ids of the articles stored by this call, in input order.
    pub inserted: Vec<ArticleId>,
    /// `(input index, id of the article already stored)` for each input whose content hash was
    /// already present (stored earlier, or earlier in the same batch).
    pub duplicates: Vec<(usize, ArticleId)>,
    /// For every input, in order: its article id, new or existing.
    pub ids: Vec<ArticleId>,
}

/// One story with the figures `parallax stories` lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorySummary {
    pub id: StoryId,
    pub label: Option<String>,
    pub created: String,
    /// Time of the last membership change.
    pub updated: String,
    /// Counts membership changes; a cached result is only stored for the revision it was
    /// computed from (see `WriteTx::put_story_result`).
    pub revision: i64,
    pub articles: u64,
    /// How many of `articles` are near-duplicate copies of another article.
    pub copies: u64,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    /// Outlets with their article counts, most articles first.
    pub outlets: Vec<(String, u64)>,
}

/// The order of [`StoreRead::stories`](crate::StoreRead::stories).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StoryOrder {
    /// Oldest story first.
    #[default]
    Id,
    /// Largest story first.
    Size,
    /// Story with the most recent article first.
    LastPublished,
}

/// A cached per-story result (e.g. the reconciled report as JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryResult {
    pub json: String,
    pub updated: String,
}

/// Where a paged scan of all articles stopped; pass it back to get the next page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleCursor {
    pub(crate) published_key: String,
    pub(crate) id: ArticleId,
}

impl ArticleCursor {
    pub(crate) fn after(article: &Article) -> Self {
        ArticleCursor {
            published_key: article.published.clone().unwrap_or_default(),
            id: article.id,
        }
    }
}
