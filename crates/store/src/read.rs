//! Reads, shared by [`Store`](crate::Store) and [`WriteTx`](crate::WriteTx): inside a write
//! transaction they see its uncommitted writes.

use crate::error::{Context, Result};
use crate::hash::ContentHash;
use crate::model::{
    Article, ArticleCursor, ArticleId, StoryId, StoryOrder, StoryResult, StorySummary,
};
use crate::queries;

pub(crate) mod sealed {
    /// The connection and the path for error messages. Sealed: only this crate's handles
    /// implement [`StoreRead`](super::StoreRead).
    pub trait Handle {
        fn connection(&self) -> &rusqlite::Connection;
        fn path(&self) -> &std::path::Path;
    }
}

/// Read access to the store. `use parallax_store::StoreRead;` to call these on a `Store` or a
/// `WriteTx`.
pub trait StoreRead: sealed::Handle {
    fn article(&self, id: ArticleId) -> Result<Option<Article>> {
        queries::article(self.connection(), id).context(self.path(), "read article")
    }

    /// Articles whose input id is `external_id` (ids from different inputs may clash).
    fn articles_by_external_id(&self, external_id: &str) -> Result<Vec<Article>> {
        queries::articles_by_external_id(self.connection(), external_id)
            .context(self.path(), "find articles by input id")
    }

    /// Lets a caller skip the expensive reading of an input that is already stored.
    fn article_id_by_hash(&self, hash: &ContentHash) -> Result<Option<ArticleId>> {
        queries::article_id_by_hash(self.connection(), hash)
            .context(self.path(), "find article by content hash")
    }

    fn count_articles(&self) -> Result<u64> {
        queries::count_articles(self.connection()).context(self.path(), "count articles")
    }

    /// Up to `limit` articles after `after` (from the start if `None`), in (published, id)
    /// order with undated articles first, and the cursor for the next page (`None` at the end).
    fn articles_page(
        &self,
        after: Option<&ArticleCursor>,
        limit: usize,
    ) -> Result<(Vec<Article>, Option<ArticleCursor>)> {
        let page = queries::articles_page(self.connection(), after, limit.max(1))
            .context(self.path(), "read articles in date order")?;
        let next = if page.len() < limit.max(1) {
            None
        } else {
            page.last().map(ArticleCursor::after)
        };
        Ok((page, next))
    }

    /// Up to `limit` articles stored after article `after`, in the order they were stored
    /// (for catching up derived state: the clusterer, the search index).
    fn articles_after_id(&self, after: ArticleId, limit: usize) -> Result<Vec<Article>> {
        queries::articles_after_id(self.connection(), after, limit.max(1)).context(self.path(), "read articles in storage order")
    }

    /// The id of the last article stored, if any.
    fn last_article_id(&self) -> Result<Option<ArticleId>> {
        queries::last_article_id(self.connection()).context(self.path(), "read last article id")
    }

    /// Every article in (published, id) order, `page_size` at a time; for re-clustering.
    fn scan_articles(&self, page_size: usize) -> ArticlePages<'_, Self>
    where
        Self: Sized,
    {
        ArticlePages {
            reader: self,
            page_size,
            next: Some(None),
        }
    }

    fn story(&self, id: StoryId) -> Result<Option<StorySummary>> {
        queries::story(self.connection(), id).context(self.path(), "read story")
    }

    /// A value that changes whenever an article is added or any story's membership or copy
    /// links change (the last article id; the sum of story revisions plus a large step per
    /// recorded merge, since a merge can leave the sum of revisions as it was): what a cache
    /// of story listings checks. It reads the stories and merges tables, not the articles.
    fn content_version(&self) -> Result<(i64, i64)> {
        queries::content_version(self.connection()).context(self.path(), "read content version")
    }

    /// A story's revision (see [`StorySummary::revision`]), without its figures: what a cache
    /// checks before answering.
    fn story_revision(&self, id: StoryId) -> Result<Option<i64>> {
        queries::story_revision(self.connection(), id).context(self.path(), "read story revision")
    }

    /// The title of a story's earliest article that has one.
    fn story_title(&self, id: StoryId) -> Result<Option<String>> {
        queries::story_title(self.connection(), id).context(self.path(), "read story title")
    }

    /// Stories with their size, date range and outlets; `limit: None` lists all.
    fn stories(&self, order: StoryOrder, limit: Option<usize>) -> Result<Vec<StorySummary>> {
        queries::stories(self.connection(), order, limit).context(self.path(), "list stories")
    }

    fn count_stories(&self) -> Result<u64> {
        queries::count_stories(self.connection()).context(self.path(), "count stories")
    }

    /// The story's articles by date (undated first), then id.
    fn story_articles(&self, story: StoryId) -> Result<Vec<Article>> {
        queries::story_articles(self.connection(), story)
            .context(self.path(), "read story articles")
    }

    fn story_of(&self, article: ArticleId) -> Result<Option<StoryId>> {
        queries::story_of(self.connection(), article).context(self.path(), "read article's story")
    }

    /// Articles linked to `original` as its near-duplicate copies.
    fn copies_of(&self, original: ArticleId) -> Result<Vec<ArticleId>> {
        queries::copies_of(self.connection(), original).context(self.path(), "read copies")
    }

    fn state(&self, key: &str) -> Result<Option<Vec<u8>>> {
        queries::state(self.connection(), key).context(self.path(), "read clusterer state")
    }

    /// Near-duplicate signatures of articles dated `day` or later, by day.
    fn signatures_since(&self, day: i64) -> Result<Vec<(ArticleId, i64, Vec<u8>)>> {
        queries::signatures_since(self.connection(), day).context(self.path(), "read signatures")
    }

    /// Every story merged into another, as (merged story, the live story it is now part
    /// of): numbers handed out before a merge (in a search index, say) map through it.
    fn story_merges(&self) -> Result<Vec<(StoryId, StoryId)>> {
        queries::story_merges(self.connection()).context(self.path(), "read story merges")
    }

    /// The live story that `story` was merged into, if it was.
    fn merged_into(&self, story: StoryId) -> Result<Option<StoryId>> {
        queries::merged_into(self.connection(), story).context(self.path(), "read story merges")
    }

    /// The stories merged into the live story `into`.
    fn merged_from(&self, into: StoryId) -> Result<Vec<StoryId>> {
        queries::merged_from(self.connection(), into).context(self.path(), "read story merges")
    }

    /// The people a story mentions most, with their mention counts.
    fn story_people(&self, story: StoryId, limit: usize) -> Result<Vec<(String, i64)>> {
        queries::story_people(self.connection(), story, limit).context(self.path(), "read story people")
    }

    /// The cached result, if one was stored since the story's membership last changed.
    fn story_result(&self, story: StoryId, engine_version: &str) -> Result<Option<StoryResult>> {
        queries::story_result(self.connection(), story, engine_version)
            .context(self.path(), "read cached story result")
    }

    /// `PRAGMA integrity_check`: `["ok"]` when the file is sound, else the problems found.
    /// Reads the whole file: for checks and tests, not for every open.
    fn integrity_check(&self) -> Result<Vec<String>> {
        queries::integrity_check(self.connection()).context(self.path(), "check integrity")
    }
}

impl<T: sealed::Handle> StoreRead for T {}

/// Pages of all articles in date order; see [`StoreRead::scan_articles`].
pub struct ArticlePages<'a, R> {
    reader: &'a R,
    page_size: usize,
    /// `Some(cursor)` while pages remain; the inner `None` means "from the start".
    next: Option<Option<ArticleCursor>>,
}

impl<R: StoreRead> Iterator for ArticlePages<'_, R> {
    type Item = Result<Vec<Article>>;

    fn next(&mut self) -> Option<Self::Item> {
        let after = self.next.take()?;
        match self.reader.articles_page(after.as_ref(), self.page_size) {
            Ok((page, next)) => {
                self.next = next.map(Some);
                if page.is_empty() {
                    None
                } else {
                    Some(Ok(page))
                }
            }
            Err(error) => Some(Err(error)),
        }
    }
}
