//! The schema as an ordered list of migrations. `PRAGMA user_version` is the number of
//! migrations applied; each migration runs in its own transaction together with the version
//! bump, so a crash mid-migration leaves the previous version intact.
//!
//! Append new steps; never edit a released one (stores in the field have already run it).

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Context, Result, StoreError};

/// Marks the file as a Parallax store ("PRLX"), so another program's SQLite file is refused
/// instead of having our tables added to it.
pub(crate) const APPLICATION_ID: i64 = 0x5052_4C58;

/// Timestamps are UTC text with milliseconds; text sorts in time order.
macro_rules! now {
    () => {
        "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
    };
}
pub(crate) use now;

pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: articles, stories, membership, copies, clusterer state, cached story results.
    concat!(
        "
    PRAGMA application_id = 1347570776;

    CREATE TABLE articles (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        external_id   TEXT NOT NULL,
        content_hash  BLOB NOT NULL UNIQUE CHECK (length(content_hash) = 32),
        title         TEXT,
        published     TEXT,
        outlet        TEXT,
        url           TEXT,
        author        TEXT,
        source_file   TEXT,
        source_record INTEGER,
        ingested_at   TEXT NOT NULL
    );
    -- Texts live apart so that metadata queries (story summaries, dates, outlets) read a
    -- small dense table instead of one page per article.
    CREATE TABLE article_texts (
        article_id INTEGER PRIMARY KEY REFERENCES articles (id),
        text       TEXT NOT NULL
    );
    -- Scans in date order page by (published, id); undated articles sort first, as ''.
    CREATE INDEX articles_by_date ON articles (coalesce(published, ''), id);
    CREATE INDEX articles_by_external_id ON articles (external_id);

    CREATE TABLE stories (
        id       INTEGER PRIMARY KEY AUTOINCREMENT,
        created  TEXT NOT NULL,
        updated  TEXT NOT NULL,
        revision INTEGER NOT NULL DEFAULT 0,
        label    TEXT
    );

    -- The primary key on article_id is what keeps an article in one story at most.
    CREATE TABLE story_articles (
        article_id INTEGER PRIMARY KEY REFERENCES articles (id),
        story_id   INTEGER NOT NULL REFERENCES stories (id)
    );
    CREATE INDEX story_articles_by_story ON story_articles (story_id, article_id);

    CREATE TABLE copy_of (
        article_id  INTEGER PRIMARY KEY REFERENCES articles (id),
        original_id INTEGER NOT NULL REFERENCES articles (id),
        CHECK (article_id <> original_id)
    );
    CREATE INDEX copy_of_by_original ON copy_of (original_id);

    CREATE TABLE state (
        key   TEXT PRIMARY KEY,
        value BLOB NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE story_results (
        story_id       INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        engine_version TEXT NOT NULL,
        json           TEXT NOT NULL,
        updated        TEXT NOT NULL,
        PRIMARY KEY (story_id, engine_version)
    ) WITHOUT ROWID;

    -- Membership and copy links are what a story's result is computed from, so changing them
    -- drops the cached results and bumps the revision. Triggers do it so that no write path
    -- (including future ones) can forget.
    CREATE TRIGGER story_articles_inserted AFTER INSERT ON story_articles BEGIN
        DELETE FROM story_results WHERE story_id = NEW.story_id;
        UPDATE stories SET updated = ",
        now!(),
        ", revision = revision + 1 WHERE id = NEW.story_id;
    END;
    CREATE TRIGGER story_articles_moved AFTER UPDATE OF story_id ON story_articles
    WHEN OLD.story_id IS NOT NEW.story_id BEGIN
        DELETE FROM story_results WHERE story_id IN (OLD.story_id, NEW.story_id);
        UPDATE stories SET updated = ",
        now!(),
        ", revision = revision + 1
            WHERE id IN (OLD.story_id, NEW.story_id);
    END;
    CREATE TRIGGER story_articles_removed AFTER DELETE ON story_articles BEGIN
        DELETE FROM story_results WHERE story_id = OLD.story_id;
        UPDATE stories SET updated = ",
        now!(),
        ", revision = revision + 1 WHERE id = OLD.story_id;
    END;
    CREATE TRIGGER copy_of_inserted AFTER INSERT ON copy_of BEGIN
        DELETE FROM story_results WHERE story_id =
            (SELECT story_id FROM story_articles WHERE article_id = NEW.article_id);
        UPDATE stories SET revision = revision + 1 WHERE id =
            (SELECT story_id FROM story_articles WHERE article_id = NEW.article_id);
    END;
    CREATE TRIGGER copy_of_changed AFTER UPDATE ON copy_of BEGIN
        DELETE FROM story_results WHERE story_id =
            (SELECT story_id FROM story_articles WHERE article_id = NEW.article_id);
        UPDATE stories SET revision = revision + 1 WHERE id =
            (SELECT story_id FROM story_articles WHERE article_id = NEW.article_id);
    END;
    CREATE TRIGGER copy_of_removed AFTER DELETE ON copy_of BEGIN
        DELETE FROM story_results WHERE story_id =
            (SELECT story_id FROM story_articles WHERE article_id = OLD.article_id);
        UPDATE stories SET revision = revision + 1 WHERE id =
            (SELECT story_id FROM story_articles WHERE article_id = OLD.article_id);
    END;
    "
    ),
    // 2: near-duplicate signatures, kept with their article so that the in-memory index of
    // the recent window is rebuilt from them when a collection is reopened.
    "
    CREATE TABLE article_signatures (
        article_id INTEGER PRIMARY KEY REFERENCES articles (id),
        day        INTEGER NOT NULL,
        signature  BLOB NOT NULL
    );
    CREATE INDEX article_signatures_by_day ON article_signatures (day);
    ",
    // 3: who a story is about, counted as its articles arrive, so that listing stories with
    // their main people needs no re-reading.
    "
    CREATE TABLE story_people (
        story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        name     TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        PRIMARY KEY (story_id, name)
    ) WITHOUT ROWID;
    ",
    // 4: stories merged by the streaming clusterer once they proved to be one. The search
    // index keeps the story numbers it was given; this map sends the old ones on.
    "
    CREATE TABLE story_merges (
        from_story INTEGER PRIMARY KEY,
        into_story INTEGER NOT NULL
    );
    CREATE INDEX story_merges_by_into ON story_merges (into_story);
    ",
];

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the store up to [`SCHEMA_VERSION`]; [`check_identity`] must have passed.
pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    for (index, step) in MIGRATIONS.iter().enumerate() {
        let version = index as i64 + 1;
        // IMMEDIATE takes the write lock before the version is read, so two processes opening
        // a fresh store at once cannot both run the same step.
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .context(path, "start schema migration")?;
        let current = user_version(&tx).context(path, "read schema version")?;
        if current >= version {
            continue;
        }
        let failed = |source| StoreError::Migration {
            path: path.to_path_buf(),
            version,
            source,
        };
        tx.execute_batch(step).map_err(failed)?;
        tx.pragma_update(None, "user_version", version)
            .map_err(failed)?;
        tx.commit().map_err(failed)?;
    }
    Ok(())
}

/// Refuses files that are not Parallax stores, or that a newer build has migrated past what
/// this one knows. Runs before anything is written, so a refused file is left untouched.
pub(crate) fn check_identity(conn: &Connection, path: &Path) -> Result<()> {
    // One read transaction, so that the version, the id and the tables are seen at one moment:
    // another process may be creating this store, one committed migration after another.
    let snapshot = conn.unchecked_transaction().context(path, "start reading the schema")?;
    let conn: &Connection = &snapshot;
    // The first read of the file: a non-SQLite file fails here with "file is not a database".
    let version = user_version(conn).context(path, "read schema version")?;
    let application_id: i64 = conn
        .pragma_query_value(None, "application_id", |row| row.get(0))
        .context(path, "read application id")?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    let foreign = if version == 0 {
        let objects: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))
            .context(path, "read schema")?;
        objects > 0 || application_id != 0
    } else {
        application_id != APPLICATION_ID
    };
    if foreign {
        return Err(StoreError::ForeignDatabase {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn application_id_literal_matches_constant() {
        assert!(MIGRATIONS[0].contains(&format!("application_id = {APPLICATION_ID};")));
    }
}
