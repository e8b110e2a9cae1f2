//! Every statement the store runs after migration, as functions over a connection (a
//! transaction derefs to one). Callers add the path and operation to errors; this module only
//! speaks SQL, so another backend would replace this file and `schema.rs`.
//!
//! Statements go through `prepare_cached`: batch inserts run the same few statements thousands
//! of times, and re-parsing them would cost more than the inserts.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::hash::ContentHash;
use crate::model::{
    Article, ArticleCursor, ArticleId, NewArticle, StoryId, StoryOrder, StoryResult, StorySummary,
};
use crate::schema::now;

// ---- articles ------------------------------------------------------------------------------

/// Inserts the article unless its content hash is stored; `None` means it was a duplicate.
pub(crate) fn insert_article(
    conn: &Connection,
    article: &NewArticle,
    hash: &ContentHash,
) -> rusqlite::Result<Option<ArticleId>> {
    let mut insert = conn.prepare_cached(concat!(
        "INSERT INTO articles (external_id, content_hash, title, published, outlet, url,
                               author, source_file, source_record, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ",
        now!(),
        ")
         ON CONFLICT (content_hash) DO NOTHING
         RETURNING id"
    ))?;
    let id = insert
        .query_row(
            params![
                article.external_id,
                &hash.0[..],
                article.title,
                article.published,
                article.outlet,
                article.url,
                article.author,
                article.source_file,
                article
                    .source_record
                    .and_then(|record| i64::try_from(record).ok()),
            ],
            |row| row.get(0).map(ArticleId),
        )
        .optional()?;
    if let Some(id) = id {
        conn.prepare_cached("INSERT INTO article_texts (article_id, text) VALUES (?1, ?2)")?
            .execute(params![id.0, article.text])?;
    }
    Ok(id)
}

pub(crate) fn article_id_by_hash(
    conn: &Connection,
    hash: &ContentHash,
) -> rusqlite::Result<Option<ArticleId>> {
    conn.prepare_cached("SELECT id FROM articles WHERE content_hash = ?1")?
        .query_row([&hash.0[..]], |row| row.get(0).map(ArticleId))
        .optional()
}

/// The columns `read_article` expects, with the story and copy link joined in.
macro_rules! select_article {
    () => {
        "SELECT a.id, a.external_id, a.content_hash, a.title, t.text, a.published, a.outlet,
                a.url, a.author, a.source_file, a.source_record, a.ingested_at,
                sa.story_id, c.original_id
         FROM articles a
         JOIN article_texts t ON t.article_id = a.id
         LEFT JOIN story_articles sa ON sa.article_id = a.id
         LEFT JOIN copy_of c ON c.article_id = a.id "
    };
}

fn read_article(row: &Row<'_>) -> rusqlite::Result<Article> {
    Ok(Article {
        id: ArticleId(row.get(0)?),
        external_id: row.get(1)?,
        content_hash: ContentHash(row.get(2)?),
        title: row.get(3)?,
        text: row.get(4)?,
        published: row.get(5)?,
        outlet: row.get(6)?,
        url: row.get(7)?,
        author: row.get(8)?,
        source_file: row.get(9)?,
        source_record: row
            .get::<_, Option<i64>>(10)?
            .and_then(|record| u64::try_from(record).ok()),
        ingested_at: row.get(11)?,
        story: row.get::<_, Option<i64>>(12)?.map(StoryId),
        copy_of: row.get::<_, Option<i64>>(13)?.map(ArticleId),
    })
}

pub(crate) fn article(conn: &Connection, id: ArticleId) -> rusqlite::Result<Option<Article>> {
    conn.prepare_cached(concat!(select_article!(), "WHERE a.id = ?1"))?
        .query_row([id.0], read_article)
        .optional()
}

pub(crate) fn articles_by_external_id(
    conn: &Connection,
    external_id: &str,
) -> rusqlite::Result<Vec<Article>> {
    conn.prepare_cached(concat!(
        select_article!(),
        "WHERE a.external_id = ?1 ORDER BY a.id"
    ))?
    .query_map([external_id], read_article)?
    .collect()
}

pub(crate) fn count_articles(conn: &Connection) -> rusqlite::Result<u64> {
    conn.query_row("SELECT count(*) FROM articles", [], |row| count(row, 0))
}

const ARTICLES_AFTER: &str = concat!(
    select_article!(),
    "WHERE (coalesce(a.published, ''), a.id) > (?1, ?2)
     ORDER BY coalesce(a.published, ''), a.id LIMIT ?3"
);

/// One page of all articles in (published, id) order, undated first. Keyset paging: each page
/// is an index seek, so a full scan stays linear and no read transaction is held between pages.
pub(crate) fn articles_page(
    conn: &Connection,
    after: Option<&ArticleCursor>,
    limit: usize,
) -> rusqlite::Result<Vec<Article>> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    match after {
        None => conn
            .prepare_cached(concat!(
                select_article!(),
                "ORDER BY coalesce(a.published, ''), a.id LIMIT ?1"
            ))?
            .query_map([limit], read_article)?
            .collect(),
        Some(cursor) => conn
            .prepare_cached(ARTICLES_AFTER)?
            .query_map(
                params![cursor.published_key, cursor.id.0, limit],
                read_article,
            )?
            .collect(),
    }
}

pub(crate) fn articles_after_id(conn: &Connection, after: ArticleId, limit: usize) -> rusqlite::Result<Vec<Article>> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    conn.prepare_cached(concat!(select_article!(), "WHERE a.id > ?1 ORDER BY a.id LIMIT ?2"))?
        .query_map(params![after.0, limit], read_article)?
        .collect()
}

pub(crate) fn last_article_id(conn: &Connection) -> rusqlite::Result<Option<ArticleId>> {
    conn.prepare_cached("SELECT max(id) FROM articles")?
        .query_row([], |row| row.get::<_, Option<i64>>(0))
        .map(|id| id.map(ArticleId))
}

// ---- stories and membership ----------------------------------------------------------------

pub(crate) fn create_story(conn: &Connection, label: Option<&str>) -> rusqlite::Result<StoryId> {
    conn.prepare_cached(concat!(
        "INSERT INTO stories (created, updated, label) VALUES (",
        now!(),
        ", ",
        now!(),
        ", ?1) RETURNING id"
    ))?
    .query_row([label], |row| row.get(0).map(StoryId))
}

pub(crate) fn set_story_label(
    conn: &Connection,
    story: StoryId,
    label: Option<&str>,
) -> rusqlite::Result<bool> {
    let changed = conn
        .prepare_cached("UPDATE stories SET label = ?2 WHERE id = ?1")?
        .execute(params![story.0, label])?;
    Ok(changed > 0)
}

/// Puts the article in the story, moving it out of any other. The triggers invalidate the
/// cached results of both stories.
pub(crate) fn assign(
    conn: &Connection,
    article: ArticleId,
    story: StoryId,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO story_articles (article_id, story_id) VALUES (?1, ?2)
         ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id
         WHERE story_id IS NOT excluded.story_id",
    )?
    .execute([article.0, story.0])?;
    Ok(())
}

pub(crate) fn unassign(conn: &Connection, article: ArticleId) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM story_articles WHERE article_id = ?1")?
        .execute([article.0])?;
    Ok(())
}

pub(crate) fn remove_empty_stories(conn: &Connection) -> rusqlite::Result<u64> {
    let removed = conn.execute(
        "DELETE FROM stories
         WHERE NOT EXISTS (SELECT 1 FROM story_articles sa WHERE sa.story_id = stories.id)",
        [],
    )?;
    Ok(removed as u64)
}

pub(crate) fn story_of(conn: &Connection, article: ArticleId) -> rusqlite::Result<Option<StoryId>> {
    conn.prepare_cached("SELECT story_id FROM story_articles WHERE article_id = ?1")?
        .query_row([article.0], |row| row.get(0).map(StoryId))
        .optional()
}

pub(crate) fn story_articles(conn: &Connection, story: StoryId) -> rusqlite::Result<Vec<Article>> {
    conn.prepare_cached(concat!(
        select_article!(),
        "WHERE sa.story_id = ?1 ORDER BY coalesce(a.published, ''), a.id"
    ))?
    .query_map([story.0], read_article)?
    .collect()
}

pub(crate) fn count_stories(conn: &Connection) -> rusqlite::Result<u64> {
    conn.query_row("SELECT count(*) FROM stories", [], |row| count(row, 0))
}

macro_rules! select_story {
    ($tail:literal) => {
        concat!(
            "SELECT s.id, s.label, s.created, s.updated, s.revision,
                    count(a.id), count(c.article_id), min(a.published), max(a.published)
             FROM stories s
             LEFT JOIN story_articles sa ON sa.story_id = s.id
             LEFT JOIN articles a ON a.id = sa.article_id
             LEFT JOIN copy_of c ON c.article_id = sa.article_id ",
            $tail
        )
    };
}

fn read_story(row: &Row<'_>) -> rusqlite::Result<StorySummary> {
    Ok(StorySummary {
        id: StoryId(row.get(0)?),
        label: row.get(1)?,
        created: row.get(2)?,
        updated: row.get(3)?,
        revision: row.get(4)?,
        articles: count(row, 5)?,
        copies: count(row, 6)?,
        first_published: row.get(7)?,
        last_published: row.get(8)?,
        outlets: Vec::new(),
    })
}

pub(crate) fn content_version(conn: &Connection) -> rusqlite::Result<(i64, i64)> {
    conn.prepare_cached(
        "SELECT coalesce((SELECT max(id) FROM articles), 0),
                coalesce((SELECT sum(revision) FROM stories), 0) + 1000000007 * (SELECT count(*) FROM story_merges)",
    )?
        .query_row([], |row| Ok((row.get(0)?, row.get(1)?)))
}

pub(crate) fn story_revision(conn: &Connection, story: StoryId) -> rusqlite::Result<Option<i64>> {
    conn.prepare_cached("SELECT revision FROM stories WHERE id = ?1")?.query_row([story.0], |row| row.get(0)).optional()
}

pub(crate) fn story_title(conn: &Connection, story: StoryId) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached(
        "SELECT a.title FROM story_articles m JOIN articles a ON a.id = m.article_id
         WHERE m.story_id = ?1 AND trim(coalesce(a.title, '')) <> ''
         ORDER BY a.published IS NULL, a.published, a.id LIMIT 1",
    )?
    .query_row([story.0], |row| row.get(0))
    .optional()
}

pub(crate) fn story(conn: &Connection, story: StoryId) -> rusqlite::Result<Option<StorySummary>> {
    let summary = conn
        .prepare_cached(select_story!("WHERE s.id = ?1 GROUP BY s.id"))?
        .query_row([story.0], read_story)
        .optional()?;
    summary
        .map(|summary| with_outlets(conn, summary))
        .transpose()
}

pub(crate) fn stories(
    conn: &Connection,
    order: StoryOrder,
    limit: Option<usize>,
) -> rusqlite::Result<Vec<StorySummary>> {
    let sql = match order {
        StoryOrder::Id => select_story!("GROUP BY s.id ORDER BY s.id LIMIT ?1"),
        StoryOrder::Size => {
            select_story!("GROUP BY s.id ORDER BY count(a.id) DESC, s.id LIMIT ?1")
        }
        StoryOrder::LastPublished => select_story!(
            "GROUP BY s.id ORDER BY max(a.published) IS NULL, max(a.published) DESC, s.id LIMIT ?1"
        ),
    };
    // SQLite reads a negative LIMIT as "no limit".
    let limit = limit.map_or(-1, |limit| i64::try_from(limit).unwrap_or(i64::MAX));
    let summaries: Vec<StorySummary> = conn
        .prepare_cached(sql)?
        .query_map([limit], read_story)?
        .collect::<rusqlite::Result<_>>()?;
    summaries
        .into_iter()
        .map(|summary| with_outlets(conn, summary))
        .collect()
}

fn with_outlets(conn: &Connection, mut summary: StorySummary) -> rusqlite::Result<StorySummary> {
    summary.outlets = conn
        .prepare_cached(
            "SELECT a.outlet, count(*) AS n
             FROM story_articles sa JOIN articles a ON a.id = sa.article_id
             WHERE sa.story_id = ?1 AND a.outlet IS NOT NULL
             GROUP BY a.outlet ORDER BY n DESC, a.outlet",
        )?
        .query_map([summary.id.0], |row| Ok((row.get(0)?, count(row, 1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(summary)
}

// ---- near-duplicate copies -----------------------------------------------------------------

pub(crate) fn set_copy_of(
    conn: &Connection,
    article: ArticleId,
    original: ArticleId,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO copy_of (article_id, original_id) VALUES (?1, ?2)
         ON CONFLICT (article_id) DO UPDATE SET original_id = excluded.original_id
         WHERE original_id IS NOT excluded.original_id",
    )?
    .execute([article.0, original.0])?;
    Ok(())
}

pub(crate) fn clear_copy_of(conn: &Connection, article: ArticleId) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM copy_of WHERE article_id = ?1")?
        .execute([article.0])?;
    Ok(())
}

pub(crate) fn copies_of(
    conn: &Connection,
    original: ArticleId,
) -> rusqlite::Result<Vec<ArticleId>> {
    conn.prepare_cached(
        "SELECT article_id FROM copy_of WHERE original_id = ?1 ORDER BY article_id",
    )?
    .query_map([original.0], |row| row.get(0).map(ArticleId))?
    .collect()
}

// ---- clusterer state -----------------------------------------------------------------------

pub(crate) fn put_state(conn: &Connection, key: &str, value: &[u8]) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO state (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![key, value])?;
    Ok(())
}

pub(crate) fn put_signature(conn: &Connection, article: ArticleId, day: i64, signature: &[u8]) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO article_signatures (article_id, day, signature) VALUES (?1, ?2, ?3)
         ON CONFLICT (article_id) DO UPDATE SET day = excluded.day, signature = excluded.signature",
    )?
    .execute(params![article.0, day, signature])?;
    Ok(())
}

pub(crate) fn signatures_since(conn: &Connection, day: i64) -> rusqlite::Result<Vec<(ArticleId, i64, Vec<u8>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT article_id, day, signature FROM article_signatures WHERE day >= ?1 ORDER BY day, article_id",
    )?;
    let rows = stmt.query_map([day], |row| Ok((ArticleId(row.get(0)?), row.get(1)?, row.get(2)?)))?;
    rows.collect()
}

pub(crate) fn add_story_people(conn: &Connection, story: StoryId, people: &[(&str, i64)]) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO story_people (story_id, name, mentions) VALUES (?1, ?2, ?3)
         ON CONFLICT (story_id, name) DO UPDATE SET mentions = mentions + excluded.mentions",
    )?;
    for (name, mentions) in people {
        stmt.execute(params![story.0, name, mentions])?;
    }
    Ok(())
}

/// Moves the articles and people of story `from` into `into`, records the merge and
/// deletes `from` (the membership triggers drop both stories' cached results).
pub(crate) fn merge_stories(conn: &Connection, from: StoryId, into: StoryId) -> rusqlite::Result<()> {
    conn.prepare_cached("UPDATE story_articles SET story_id = ?2 WHERE story_id = ?1")?.execute(params![from.0, into.0])?;
    conn.prepare_cached(
        "INSERT INTO story_people (story_id, name, mentions)
         SELECT ?2, name, mentions FROM story_people WHERE story_id = ?1 ORDER BY name
         ON CONFLICT (story_id, name) DO UPDATE SET mentions = mentions + excluded.mentions",
    )?
    .execute(params![from.0, into.0])?;
    conn.prepare_cached("DELETE FROM story_people WHERE story_id = ?1")?.execute([from.0])?;
    conn.prepare_cached("UPDATE story_merges SET into_story = ?2 WHERE into_story = ?1")?.execute(params![from.0, into.0])?;
    conn.prepare_cached("INSERT INTO story_merges (from_story, into_story) VALUES (?1, ?2)")?.execute(params![from.0, into.0])?;
    conn.prepare_cached("DELETE FROM story_results WHERE story_id = ?1")?.execute([from.0])?;
    conn.prepare_cached("DELETE FROM stories WHERE id = ?1")?.execute([from.0])?;
    Ok(())
}

/// The story a merged story lives on in (merges of merges are followed when written).
pub(crate) fn merged_into(conn: &Connection, story: StoryId) -> rusqlite::Result<Option<StoryId>> {
    conn.prepare_cached("SELECT into_story FROM story_merges WHERE from_story = ?1")?
        .query_row([story.0], |row| row.get(0).map(StoryId))
        .optional()
}

/// The stories merged into `into` (chains are flattened on merge: each names the live story).
pub(crate) fn merged_from(conn: &Connection, into: StoryId) -> rusqlite::Result<Vec<StoryId>> {
    let mut stmt = conn.prepare_cached("SELECT from_story FROM story_merges WHERE into_story = ?1 ORDER BY from_story")?;
    let rows = stmt.query_map([into.0], |row| row.get(0).map(StoryId))?;
    rows.collect()
}

/// Every merge, as (merged story, the story it lives on in).
pub(crate) fn story_merges(conn: &Connection) -> rusqlite::Result<Vec<(StoryId, StoryId)>> {
    let mut stmt = conn.prepare_cached("SELECT from_story, into_story FROM story_merges ORDER BY from_story")?;
    let rows = stmt.query_map([], |row| Ok((StoryId(row.get(0)?), StoryId(row.get(1)?))))?;
    rows.collect()
}

pub(crate) fn story_people(conn: &Connection, story: StoryId, limit: usize) -> rusqlite::Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, mentions FROM story_people WHERE story_id = ?1 ORDER BY mentions DESC, name LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![story.0, limit as i64], |row| Ok((row.get(0)?, row.get(1)?)))?;
    rows.collect()
}

pub(crate) fn state(conn: &Connection, key: &str) -> rusqlite::Result<Option<Vec<u8>>> {
    conn.prepare_cached("SELECT value FROM state WHERE key = ?1")?
        .query_row([key], |row| row.get(0))
        .optional()
}

pub(crate) fn delete_state(conn: &Connection, key: &str) -> rusqlite::Result<bool> {
    let deleted = conn
        .prepare_cached("DELETE FROM state WHERE key = ?1")?
        .execute([key])?;
    Ok(deleted > 0)
}

// ---- cached story results ------------------------------------------------------------------

/// Stores the result only if the story is still at `revision`: a result computed while the
/// membership changed underneath would otherwise be cached as current. Results are kept
/// LZ4-compressed: a rendered story page holds its articles' text and its diffs, many times
/// the articles' own size.
pub(crate) fn put_story_result(
    conn: &Connection,
    story: StoryId,
    revision: i64,
    engine_version: &str,
    json: &str,
) -> rusqlite::Result<bool> {
    let stored = conn
        .prepare_cached(concat!(
            "INSERT INTO story_results (story_id, engine_version, json, updated)
             SELECT id, ?2, ?3, ",
            now!(),
            " FROM stories WHERE id = ?1 AND revision = ?4
             ON CONFLICT (story_id, engine_version)
             DO UPDATE SET json = excluded.json, updated = excluded.updated"
        ))?
        .execute(params![story.0, engine_version, lz4_flex::compress_prepend_size(json.as_bytes()), revision])?;
    Ok(stored > 0)
}

/// A cached result as stored: compressed bytes, or text (written before compression). A
/// corrupt one is no result: it is computed again.
fn result_text(row: &Row<'_>, column: usize) -> rusqlite::Result<Option<String>> {
    Ok(match row.get_ref(column)? {
        rusqlite::types::ValueRef::Blob(bytes) => lz4_flex::decompress_size_prepended(bytes).ok().and_then(|b| String::from_utf8(b).ok()),
        rusqlite::types::ValueRef::Text(text) => std::str::from_utf8(text).ok().map(str::to_owned),
        _ => None,
    })
}

pub(crate) fn story_result(
    conn: &Connection,
    story: StoryId,
    engine_version: &str,
) -> rusqlite::Result<Option<StoryResult>> {
    conn.prepare_cached(
        "SELECT json, updated FROM story_results WHERE story_id = ?1 AND engine_version = ?2",
    )?
    .query_row(params![story.0, engine_version], |row| {
        let Some(json) = result_text(row, 0)? else { return Ok(None) };
        Ok(Some(StoryResult { json, updated: row.get(1)? }))
    })
    .optional()
    .map(Option::flatten)
}

/// SQLite integers are signed; counts never are.
fn count(row: &Row<'_>, column: usize) -> rusqlite::Result<u64> {
    row.get::<_, i64>(column)
        .map(|n| u64::try_from(n).unwrap_or(0))
}

// ---- maintenance ---------------------------------------------------------------------------

/// `PRAGMA integrity_check` lines; `["ok"]` for a sound file.
pub(crate) fn integrity_check(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut lines = Vec::new();
    conn.pragma_query(None, "integrity_check", |row| {
        lines.push(row.get(0)?);
        Ok(())
    })?;
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::sealed::Handle;
    use crate::Store;

    /// Linear re-clustering depends on each page being an index seek, not a sort of the table.
    #[test]
    fn paging_after_a_cursor_seeks_the_date_index() {
        let store = Store::open_in_memory().unwrap();
        let mut plan = String::new();
        store
            .connection()
            .prepare(&format!("EXPLAIN QUERY PLAN {ARTICLES_AFTER}"))
            .unwrap()
            .query_map(params!["2025", 1, 10], |row| row.get::<_, String>(3))
            .unwrap()
            .for_each(|detail| plan.push_str(&detail.unwrap()));
        assert!(plan.contains("articles_by_date"), "{plan}");
        assert!(!plan.contains("TEMP B-TREE"), "no sort step: {plan}");
    }
}
