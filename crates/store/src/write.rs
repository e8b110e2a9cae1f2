//! The write transaction: everything an ingest step changes (articles, story membership, copy
//! links, clusterer state) goes through one `WriteTx` and becomes visible, and durable, at once.

use std::path::Path;

use rusqlite::Transaction;

use crate::error::{Context, Result};
use crate::model::{ArticleId, InsertReport, NewArticle, StoryId};
use crate::queries;
use crate::read::sealed;

/// An open write transaction. [`commit`](WriteTx::commit) makes its writes durable; dropping it
/// without committing (an error, a panic) rolls all of them back.
///
/// Reads ([`StoreRead`](crate::StoreRead)) on it see its own uncommitted writes.
pub struct WriteTx<'a> {
    tx: Transaction<'a>,
    path: &'a Path,
}

impl sealed::Handle for WriteTx<'_> {
    fn connection(&self) -> &rusqlite::Connection {
        &self.tx
    }

    fn path(&self) -> &Path {
        self.path
    }
}

impl<'a> WriteTx<'a> {
    pub(crate) fn new(tx: Transaction<'a>, path: &'a Path) -> Self {
        WriteTx { tx, path }
    }

    pub fn commit(self) -> Result<()> {
        self.tx.commit().context(self.path, "commit")
    }

    /// Stores the articles whose content hash is new; the others are reported as duplicates
    /// with the id of the stored article. Idempotent: inserting the same batch again adds
    /// nothing.
    pub fn insert_articles(&mut self, articles: &[NewArticle]) -> Result<InsertReport> {
        let mut report = InsertReport {
            inserted: Vec::with_capacity(articles.len()),
            duplicates: Vec::new(),
            ids: Vec::with_capacity(articles.len()),
        };
        for (index, article) in articles.iter().enumerate() {
            let hash = article.content_hash();
            let id = match queries::insert_article(&self.tx, article, &hash)
                .context(self.path, "insert article")?
            {
                Some(id) => {
                    report.inserted.push(id);
                    id
                }
                None => {
                    // The conflicting row is visible in this transaction; a miss means a
                    // damaged index, reported rather than trusted.
                    let id = queries::article_id_by_hash(&self.tx, &hash)
                        .and_then(|id| id.ok_or(rusqlite::Error::QueryReturnedNoRows))
                        .context(self.path, "find duplicate article")?;
                    report.duplicates.push((index, id));
                    id
                }
            };
            report.ids.push(id);
        }
        Ok(report)
    }

    pub fn create_story(&mut self, label: Option<&str>) -> Result<StoryId> {
        queries::create_story(&self.tx, label).context(self.path, "create story")
    }

    /// Returns false if there is no such story.
    pub fn set_story_label(&mut self, story: StoryId, label: Option<&str>) -> Result<bool> {
        queries::set_story_label(&self.tx, story, label).context(self.path, "label story")
    }

    /// Puts each article in its story, moving it out of any story it was in. Cached results
    /// of every story whose membership changed are dropped. Unknown ids fail the call (and,
    /// unless the caller handles the error, the transaction).
    pub fn assign(&mut self, assignments: &[(ArticleId, StoryId)]) -> Result<()> {
        for &(article, story) in assignments {
            queries::assign(&self.tx, article, story)
                .context(self.path, "assign article to story")?;
        }
        Ok(())
    }

    /// Takes the articles out of their stories (before a re-clustering reassigns them).
    pub fn unassign(&mut self, articles: &[ArticleId]) -> Result<()> {
        for &article in articles {
            queries::unassign(&self.tx, article).context(self.path, "remove article from story")?;
        }
        Ok(())
    }

    /// Deletes stories left without articles (their cached results go with them); returns how
    /// many. Their ids are not reused.
    pub fn remove_empty_stories(&mut self) -> Result<u64> {
        queries::remove_empty_stories(&self.tx).context(self.path, "remove empty stories")
    }

    /// Records `article` as a near-duplicate copy of `original` (replacing an earlier link).
    pub fn set_copy_of(&mut self, article: ArticleId, original: ArticleId) -> Result<()> {
        queries::set_copy_of(&self.tx, article, original)
            .context(self.path, "link copy to original")
    }

    pub fn clear_copy_of(&mut self, article: ArticleId) -> Result<()> {
        queries::clear_copy_of(&self.tx, article).context(self.path, "unlink copy")
    }

    /// Saves a state blob (e.g. the streaming clusterer's) in this transaction, so it commits
    /// with exactly the articles and assignments it reflects.
    pub fn put_state(&mut self, key: &str, value: &[u8]) -> Result<()> {
        queries::put_state(&self.tx, key, value).context(self.path, "save clusterer state")
    }

    /// Keeps an article's near-duplicate signature (bytes) and the day it is dated.
    pub fn put_signature(&mut self, article: ArticleId, day: i64, signature: &[u8]) -> Result<()> {
        queries::put_signature(&self.tx, article, day, signature).context(self.path, "save signature")
    }

    /// Story `from` becomes part of `into`: its articles and people move, the merge is
    /// recorded (see [`crate::StoreRead::story_merges`]) and `from` is deleted.
    pub fn merge_stories(&mut self, from: StoryId, into: StoryId) -> Result<()> {
        queries::merge_stories(&self.tx, from, into).context(self.path, "merge stories")
    }

    /// Adds mention counts of people to a story's tally.
    pub fn add_story_people(&mut self, story: StoryId, people: &[(&str, i64)]) -> Result<()> {
        queries::add_story_people(&self.tx, story, people).context(self.path, "count story people")
    }

    pub fn delete_state(&mut self, key: &str) -> Result<bool> {
        queries::delete_state(&self.tx, key).context(self.path, "delete clusterer state")
    }

    /// Caches a story's result computed from the story at `revision` (from
    /// [`StorySummary::revision`](crate::StorySummary)). Returns false, storing nothing, if the
    /// story has changed since or no longer exists: the result would be stale.
    pub fn put_story_result(
        &mut self,
        story: StoryId,
        revision: i64,
        engine_version: &str,
        json: &str,
    ) -> Result<bool> {
        queries::put_story_result(&self.tx, story, revision, engine_version, json)
            .context(self.path, "cache story result")
    }
}
