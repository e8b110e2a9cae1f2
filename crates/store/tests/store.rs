mod common;

use common::{article, articles, TempDir};
use parallax_store::{
    ArticleId, NewArticle, Store, StoreError, StoreRead, StoryId, StoryOrder, SCHEMA_VERSION,
};

fn user_version(path: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap()
}

// ---- opening and migrations ----------------------------------------------------------------

#[test]
fn open_creates_folders_and_migrates_an_empty_file() {
    let dir = TempDir::new("migrate");
    let path = dir.path().join("nested/deeper/store.db");
    let store = Store::open(&path).unwrap();
    assert!(path.is_file());
    assert_eq!(store.count_articles().unwrap(), 0);
    assert_eq!(store.count_stories().unwrap(), 0);
    assert_eq!(store.integrity_check().unwrap(), vec!["ok"]);
    drop(store);
    assert_eq!(user_version(&path), SCHEMA_VERSION);
}

#[test]
fn open_leaves_the_file_in_wal_mode() {
    let dir = TempDir::new("pragmas");
    let store = Store::open(dir.db()).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(dir.db()).unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "wal", "WAL is persistent in the file");
}

#[test]
fn reopening_keeps_data_and_does_not_migrate_again() {
    let dir = TempDir::new("reopen");
    let ids = {
        let mut store = Store::open(dir.db()).unwrap();
        let report = store.insert_articles(&articles(0..5)).unwrap();
        store
            .write(|tx| {
                let story = tx.create_story(Some("strike"))?;
                let members: Vec<_> = report.ids.iter().map(|&id| (id, story)).collect();
                tx.assign(&members)?;
                tx.put_state("clusterer", b"state-1")
            })
            .unwrap();
        report.ids
    };
    let store = Store::open(dir.db()).unwrap();
    assert_eq!(store.count_articles().unwrap(), 5);
    assert_eq!(
        store.state("clusterer").unwrap().as_deref(),
        Some(&b"state-1"[..])
    );
    let stories = store.stories(StoryOrder::Id, None).unwrap();
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].label.as_deref(), Some("strike"));
    assert_eq!(stories[0].articles, 5);
    let stored = store.article(ids[2]).unwrap().unwrap();
    assert_eq!(stored.external_id, "a-2");
    assert_eq!(stored.story, Some(stories[0].id));
    assert_eq!(user_version(&dir.db()), SCHEMA_VERSION);
}

#[test]
fn garbage_file_is_a_clear_error_not_a_panic() {
    let dir = TempDir::new("garbage");
    let garbage: Vec<u8> = (0..64 * 1024u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(dir.db(), &garbage).unwrap();
    let error = Store::open(dir.db()).err().expect("garbage must not open");
    assert!(
        matches!(error, StoreError::NotADatabase { .. }),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message.starts_with(&dir.db().display().to_string()),
        "{message}"
    );
    assert!(message.contains("not a SQLite database"), "{message}");
    assert_eq!(
        std::fs::read(dir.db()).unwrap(),
        garbage,
        "a refused file is left untouched"
    );
}

#[test]
fn text_file_is_refused_too() {
    let dir = TempDir::new("text");
    std::fs::write(dir.db(), "id,text\n1,hello\n").unwrap();
    assert!(matches!(
        Store::open(dir.db()),
        Err(StoreError::NotADatabase { .. })
    ));
}

#[test]
fn another_programs_database_is_refused() {
    let dir = TempDir::new("foreign");
    let conn = rusqlite::Connection::open(dir.db()).unwrap();
    conn.execute_batch("CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT);")
        .unwrap();
    drop(conn);
    let error = Store::open(dir.db()).err().unwrap();
    assert!(
        matches!(error, StoreError::ForeignDatabase { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("not a Parallax store"));
}

#[test]
fn store_from_a_newer_build_is_refused_with_both_versions() {
    let dir = TempDir::new("newer");
    drop(Store::open(dir.db()).unwrap());
    let conn = rusqlite::Connection::open(dir.db()).unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    drop(conn);
    let error = Store::open(dir.db()).err().unwrap();
    match &error {
        StoreError::TooNew {
            found, supported, ..
        } => {
            assert_eq!((*found, *supported), (SCHEMA_VERSION + 1, SCHEMA_VERSION));
        }
        other => panic!("expected TooNew, got {other:?}"),
    }
    assert!(
        error.to_string().contains("use a newer parallax"),
        "{error}"
    );
}

#[test]
fn in_memory_store_works() {
    let mut store = Store::open_in_memory().unwrap();
    store.insert_articles(&articles(0..3)).unwrap();
    assert_eq!(store.count_articles().unwrap(), 3);
}

// ---- articles ------------------------------------------------------------------------------

#[test]
fn reinserting_adds_nothing_and_reports_duplicates() {
    let mut store = Store::open_in_memory().unwrap();
    let first = store.insert_articles(&articles(0..10)).unwrap();
    assert_eq!(first.inserted.len(), 10);
    assert!(first.duplicates.is_empty());

    let again = store.insert_articles(&articles(5..15)).unwrap();
    assert_eq!(again.inserted.len(), 5);
    let expected: Vec<(usize, ArticleId)> = (0..5).map(|i| (i, first.ids[5 + i])).collect();
    assert_eq!(again.duplicates, expected);
    assert_eq!(&again.ids[..5], &first.ids[5..]);
    assert_eq!(store.count_articles().unwrap(), 15);
}

#[test]
fn duplicates_within_one_batch_and_by_whitespace_are_caught() {
    let mut store = Store::open_in_memory().unwrap();
    let mut reflowed = article(1);
    reflowed.text = reflowed.text.replace(' ', "  \n ");
    reflowed.external_id = "other-id".into();
    let report = store.insert_articles(&[article(1), reflowed]).unwrap();
    assert_eq!(report.inserted.len(), 1);
    assert_eq!(report.duplicates, vec![(1, report.ids[0])]);
}

#[test]
fn same_text_from_another_outlet_is_a_separate_article() {
    let mut store = Store::open_in_memory().unwrap();
    let mut syndicated = article(1);
    syndicated.outlet = Some("Another Outlet".into());
    let report = store.insert_articles(&[article(1), syndicated]).unwrap();
    assert_eq!(report.inserted.len(), 2);
}

#[test]
fn article_round_trips_every_field() {
    let mut store = Store::open_in_memory().unwrap();
    let new = NewArticle {
        external_id: "x-1".into(),
        title: Some("Title".into()),
        text: "Body with ünïcödé — and “quotes”.".into(),
        published: Some("2025-05-07T10:30:00Z".into()),
        outlet: Some("Coastline Wire".into()),
        url: Some("https://example.org/x".into()),
        author: Some("R. Kessing".into()),
        source_file: Some("/data/in.warc.gz".into()),
        source_record: Some(42),
    };
    let id = store
        .insert_articles(std::slice::from_ref(&new))
        .unwrap()
        .ids[0];
    let stored = store.article(id).unwrap().unwrap();
    assert_eq!(
        (
            &stored.external_id,
            &stored.title,
            &stored.text,
            &stored.published
        ),
        (&new.external_id, &new.title, &new.text, &new.published)
    );
    assert_eq!(
        (&stored.outlet, &stored.url, &stored.author),
        (&new.outlet, &new.url, &new.author)
    );
    assert_eq!(
        (&stored.source_file, stored.source_record),
        (&new.source_file, Some(42))
    );
    assert_eq!(stored.content_hash, new.content_hash());
    assert!(
        stored.ingested_at.ends_with('Z') && stored.ingested_at.len() == 24,
        "{}",
        stored.ingested_at
    );
    assert_eq!((stored.story, stored.copy_of), (None, None));
    assert_eq!(
        store.article_id_by_hash(&new.content_hash()).unwrap(),
        Some(id)
    );
    assert_eq!(store.articles_by_external_id("x-1").unwrap().len(), 1);
    assert_eq!(store.article(ArticleId(999)).unwrap(), None);
}

// ---- transactions --------------------------------------------------------------------------

#[test]
fn error_in_write_closure_rolls_everything_back() {
    let mut store = Store::open_in_memory().unwrap();
    let result: Result<(), StoreError> = store.write(|tx| {
        let report = tx.insert_articles(&articles(0..20))?;
        let story = tx.create_story(None)?;
        tx.assign(&[(report.ids[0], story)])?;
        tx.put_state("clusterer", b"after 20")?;
        // A failure after all those writes: an assignment to a story that does not exist.
        tx.assign(&[(report.ids[1], StoryId(12345))])
    });
    let error = result.expect_err("unknown story must fail");
    assert!(
        error.to_string().contains("assign article to story"),
        "{error}"
    );
    assert!(error.to_string().contains("FOREIGN KEY"), "{error}");
    assert_eq!(store.count_articles().unwrap(), 0);
    assert_eq!(store.count_stories().unwrap(), 0);
    assert_eq!(store.state("clusterer").unwrap(), None);
}

#[test]
fn caller_error_type_rolls_back_too() {
    #[derive(Debug)]
    enum IngestError {
        Store(StoreError),
        Clusterer(&'static str),
    }
    impl From<StoreError> for IngestError {
        fn from(error: StoreError) -> Self {
            IngestError::Store(error)
        }
    }
    let mut store = Store::open_in_memory().unwrap();
    let result = store.write(|tx| {
        tx.insert_articles(&articles(0..3))?;
        Err::<(), _>(IngestError::Clusterer("state does not serialise"))
    });
    match result {
        Err(IngestError::Clusterer(reason)) => assert_eq!(reason, "state does not serialise"),
        Err(IngestError::Store(error)) => panic!("unexpected store error: {error}"),
        Ok(()) => panic!("the closure failed"),
    }
    assert_eq!(store.count_articles().unwrap(), 0);
}

#[test]
fn dropped_transaction_rolls_back_and_reads_inside_see_own_writes() {
    let mut store = Store::open_in_memory().unwrap();
    {
        let mut tx = store.begin().unwrap();
        tx.insert_articles(&articles(0..4)).unwrap();
        tx.put_state("k", b"v").unwrap();
        assert_eq!(tx.count_articles().unwrap(), 4);
        assert_eq!(tx.state("k").unwrap().as_deref(), Some(&b"v"[..]));
    }
    assert_eq!(store.count_articles().unwrap(), 0);
    let mut tx = store.begin().unwrap();
    tx.insert_articles(&articles(0..4)).unwrap();
    tx.commit().unwrap();
    assert_eq!(store.count_articles().unwrap(), 4);
}

#[test]
fn panic_in_write_closure_leaves_nothing() {
    let dir = TempDir::new("panic");
    let mut store = Store::open(dir.db()).unwrap();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = store.write(|tx| -> Result<(), StoreError> {
            tx.insert_articles(&articles(0..3))?;
            panic!("clusterer bug");
        });
    }));
    assert!(outcome.is_err());
    drop(store);
    assert_eq!(Store::open(dir.db()).unwrap().count_articles().unwrap(), 0);
}

#[test]
fn second_connection_sees_only_committed_writes() {
    let dir = TempDir::new("isolation");
    let mut writer = Store::open(dir.db()).unwrap();
    let reader = Store::open(dir.db()).unwrap();
    let mut tx = writer.begin().unwrap();
    tx.insert_articles(&articles(0..3)).unwrap();
    assert_eq!(reader.count_articles().unwrap(), 0);
    tx.commit().unwrap();
    assert_eq!(reader.count_articles().unwrap(), 3);
}

// ---- stories -------------------------------------------------------------------------------

/// Two stories: A with articles 0..4 (one undated, one a copy), B with 4..6.
fn two_stories(store: &mut Store) -> (StoryId, StoryId, Vec<ArticleId>) {
    let mut batch = articles(0..6);
    batch[3].published = None;
    store
        .write(|tx| {
            let ids = tx.insert_articles(&batch)?.ids;
            let a = tx.create_story(Some("A"))?;
            let b = tx.create_story(Some("B"))?;
            let members: Vec<_> = ids
                .iter()
                .enumerate()
                .map(|(i, &id)| (id, if i < 4 { a } else { b }))
                .collect();
            tx.assign(&members)?;
            tx.set_copy_of(ids[2], ids[0])?;
            Ok::<_, StoreError>((a, b, ids))
        })
        .unwrap()
}

#[test]
fn story_summaries_have_size_dates_outlets_and_copies() {
    let mut store = Store::open_in_memory().unwrap();
    let (a, b, _) = two_stories(&mut store);
    let summary = store.story(a).unwrap().unwrap();
    assert_eq!(summary.articles, 4);
    assert_eq!(summary.copies, 1);
    assert_eq!(summary.first_published.as_deref(), Some("2025-05-01"));
    assert_eq!(summary.last_published.as_deref(), Some("2025-05-03"));
    // Articles 0..4 have outlets 0, 1, 2, 0.
    assert_eq!(
        summary.outlets,
        vec![
            ("Outlet 0".to_string(), 2),
            ("Outlet 1".to_string(), 1),
            ("Outlet 2".to_string(), 1)
        ]
    );
    let by_size: Vec<_> = store
        .stories(StoryOrder::Size, None)
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(by_size, vec![a, b]);
    let latest: Vec<_> = store
        .stories(StoryOrder::LastPublished, Some(1))
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(latest, vec![b], "B's articles are dated 2025-05-05..06");
    assert_eq!(store.story(StoryId(77)).unwrap(), None);
}

#[test]
fn story_articles_are_ordered_by_date_then_id_undated_first() {
    let mut store = Store::open_in_memory().unwrap();
    let (a, _, ids) = two_stories(&mut store);
    let order: Vec<_> = store
        .story_articles(a)
        .unwrap()
        .iter()
        .map(|article| article.id)
        .collect();
    assert_eq!(order, vec![ids[3], ids[0], ids[1], ids[2]]);
    let copy = store.article(ids[2]).unwrap().unwrap();
    assert_eq!(copy.copy_of, Some(ids[0]));
    assert_eq!(store.copies_of(ids[0]).unwrap(), vec![ids[2]]);
}

#[test]
fn moving_an_article_updates_both_stories_and_removing_empties_keeps_ids_unique() {
    let mut store = Store::open_in_memory().unwrap();
    let (a, b, ids) = two_stories(&mut store);
    store
        .write(|tx| {
            tx.assign(&[(ids[4], a), (ids[5], a)])?;
            tx.remove_empty_stories()
        })
        .map(|removed| assert_eq!(removed, 1))
        .unwrap();
    assert_eq!(store.story_of(ids[5]).unwrap(), Some(a));
    assert_eq!(store.story(b).unwrap(), None);
    let next = store.write(|tx| tx.create_story(None)).unwrap();
    assert!(next.0 > b.0, "story ids are never reused");
    store.write(|tx| tx.unassign(&[ids[0]])).unwrap();
    assert_eq!(store.story_of(ids[0]).unwrap(), None);
    assert_eq!(store.story(a).unwrap().unwrap().articles, 5);
}

#[test]
fn cached_results_are_dropped_when_membership_changes() {
    let mut store = Store::open_in_memory().unwrap();
    let (a, b, ids) = two_stories(&mut store);
    let put = |store: &mut Store, story: StoryId, json: &str| {
        let revision = store.story(story).unwrap().unwrap().revision;
        store
            .write(|tx| tx.put_story_result(story, revision, "engine-1", json))
            .unwrap()
    };
    assert!(put(&mut store, a, "{\"a\":1}"));
    assert!(put(&mut store, b, "{\"b\":1}"));
    assert_eq!(
        store.story_result(a, "engine-1").unwrap().unwrap().json,
        "{\"a\":1}"
    );
    assert_eq!(store.story_result(a, "engine-2").unwrap(), None);

    // Moving an article out of B into A invalidates both.
    store.write(|tx| tx.assign(&[(ids[4], a)])).unwrap();
    assert_eq!(store.story_result(a, "engine-1").unwrap(), None);
    assert_eq!(store.story_result(b, "engine-1").unwrap(), None);

    // A copy link changes what the story's result says, so it invalidates too.
    assert!(put(&mut store, a, "{\"a\":2}"));
    store.write(|tx| tx.set_copy_of(ids[1], ids[0])).unwrap();
    assert_eq!(store.story_result(a, "engine-1").unwrap(), None);

    // Re-assigning an article to the story it is in changes nothing.
    assert!(put(&mut store, a, "{\"a\":3}"));
    store.write(|tx| tx.assign(&[(ids[0], a)])).unwrap();
    assert!(store.story_result(a, "engine-1").unwrap().is_some());
}

#[test]
fn result_computed_from_an_old_revision_is_not_cached() {
    let mut store = Store::open_in_memory().unwrap();
    let (a, _, _) = two_stories(&mut store);
    let seen = store.story(a).unwrap().unwrap().revision;
    let late = store.insert_articles(&[article(100)]).unwrap().ids[0];
    store.write(|tx| tx.assign(&[(late, a)])).unwrap();
    let stored = store
        .write(|tx| tx.put_story_result(a, seen, "engine-1", "{}"))
        .unwrap();
    assert!(!stored);
    assert_eq!(store.story_result(a, "engine-1").unwrap(), None);
}

#[test]
fn cached_results_are_compressed_and_a_corrupt_one_is_no_result() {
    let dir = TempDir::new("results");
    let mut store = Store::open(dir.db()).unwrap();
    let (a, _, _) = two_stories(&mut store);
    let revision = store.story(a).unwrap().unwrap().revision;
    let page = "<p>Harbour talks resume</p>".repeat(2000);
    assert!(store.write(|tx| tx.put_story_result(a, revision, "page", &page)).unwrap());
    assert_eq!(store.story_result(a, "page").unwrap().map(|r| r.json), Some(page.clone()));
    drop(store);
    let conn = rusqlite::Connection::open(dir.db()).unwrap();
    let stored: i64 = conn.query_row("SELECT length(json) FROM story_results", [], |r| r.get(0)).unwrap();
    let stored = stored as usize;
    assert!(stored * 10 < page.len(), "{stored} bytes stored for {}", page.len());
    // Written as text by an earlier build: still read.
    conn.execute("UPDATE story_results SET json = 'plain text'", []).unwrap();
    drop(conn);
    let store = Store::open(dir.db()).unwrap();
    assert_eq!(store.story_result(a, "page").unwrap().map(|r| r.json), Some("plain text".to_string()));
    drop(store);
    let conn = rusqlite::Connection::open(dir.db()).unwrap();
    conn.execute("UPDATE story_results SET json = x'ff00ff00'", []).unwrap();
    drop(conn);
    let store = Store::open(dir.db()).unwrap();
    assert_eq!(store.story_result(a, "page").unwrap(), None);
}

// ---- state and scans -----------------------------------------------------------------------

#[test]
fn state_blobs_are_replaced_and_deleted() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .write(|tx| tx.put_state("clusterer", &[0, 1, 2, 255]))
        .unwrap();
    store.write(|tx| tx.put_state("clusterer", &[9])).unwrap();
    assert_eq!(store.state("clusterer").unwrap(), Some(vec![9]));
    assert!(store.write(|tx| tx.delete_state("clusterer")).unwrap());
    assert_eq!(store.state("clusterer").unwrap(), None);
}

#[test]
fn scan_returns_every_article_once_in_date_order() {
    let mut store = Store::open_in_memory().unwrap();
    let mut batch = articles(0..103);
    for undated in [7, 50, 99] {
        batch[undated].published = None;
    }
    store.insert_articles(&batch).unwrap();
    let mut seen = Vec::new();
    for page in store.scan_articles(10) {
        let page = page.unwrap();
        assert!(page.len() <= 10);
        seen.extend(
            page.into_iter()
                .map(|article| (article.published.unwrap_or_default(), article.id)),
        );
    }
    assert_eq!(seen.len(), 103);
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted);
    assert_eq!(seen[0].0, "", "undated first");
    // A page size that divides the total exactly ends cleanly too.
    let pages: Vec<_> = store.scan_articles(103).collect::<Result<_, _>>().unwrap();
    assert_eq!(pages.len(), 1);
}

#[test]
fn signatures_are_kept_with_their_article_and_read_back_by_day() {
    let dir = TempDir::new("signatures");
    let mut store = Store::open(dir.db()).unwrap();
    let ids = store.insert_articles(&articles(0..3)).unwrap().ids;
    store
        .write(|tx| {
            tx.put_signature(ids[0], 10, &[1, 2, 3])?;
            tx.put_signature(ids[1], 12, &[4, 5])?;
            tx.put_signature(ids[2], 11, &[6])?;
            Ok::<_, StoreError>(())
        })
        .unwrap();
    drop(store);
    let store = Store::open(dir.db()).unwrap();
    let recent = store.signatures_since(11).unwrap();
    assert_eq!(recent, vec![(ids[2], 11, vec![6]), (ids[1], 12, vec![4, 5])]);
}

#[test]
fn story_people_are_tallied_across_batches() {
    let dir = TempDir::new("people");
    let mut store = Store::open(dir.db()).unwrap();
    let story = store.write(|tx| tx.create_story(None)).unwrap();
    store.write(|tx| tx.add_story_people(story, &[("Mara Quill", 3), ("Oren Sharpe", 1)])).unwrap();
    store.write(|tx| tx.add_story_people(story, &[("Oren Sharpe", 4)])).unwrap();
    assert_eq!(store.story_people(story, 5).unwrap(), vec![("Oren Sharpe".to_string(), 5), ("Mara Quill".to_string(), 3)]);
    assert_eq!(store.story_people(story, 1).unwrap().len(), 1);
}

#[test]
fn merged_story_moves_its_articles_and_people_and_is_recorded() {
    let dir = TempDir::new("merge");
    let mut store = Store::open(dir.db()).unwrap();
    let report = store.insert_articles(&articles(0..5)).unwrap();
    let (kept, merged, later) = store
        .write(|tx| {
            let kept = tx.create_story(None)?;
            let merged = tx.create_story(None)?;
            let later = tx.create_story(None)?;
            let ids = &report.ids;
            tx.assign(&[(ids[0], kept), (ids[1], kept), (ids[2], merged), (ids[3], merged), (ids[4], later)])?;
            tx.add_story_people(kept, &[("Mara Quill", 3)])?;
            tx.add_story_people(merged, &[("Mara Quill", 2), ("Oren Sharpe", 1)])?;
            Ok::<_, StoreError>((kept, merged, later))
        })
        .unwrap();
    let revision = store.story(kept).unwrap().unwrap().revision;
    assert!(store.write(|tx| tx.put_story_result(kept, revision, "test", "{}")).unwrap());
    store.write(|tx| tx.merge_stories(merged, kept)).unwrap();
    assert!(store.story(merged).unwrap().is_none(), "the merged story is gone");
    assert_eq!(store.story(kept).unwrap().unwrap().articles, 4);
    assert_eq!(store.story_people(kept, 5).unwrap(), vec![("Mara Quill".to_string(), 5), ("Oren Sharpe".to_string(), 1)]);
    assert!(store.story_people(merged, 5).unwrap().is_empty());
    assert!(store.story_result(kept, "test").unwrap().is_none(), "the cached account is stale");
    // A chain of merges maps every old number to the live story.
    store.write(|tx| tx.merge_stories(kept, later)).unwrap();
    assert_eq!(store.story_merges().unwrap(), vec![(kept, later), (merged, later)]);
    assert_eq!(store.story(later).unwrap().unwrap().articles, 5);
    assert_eq!(store.integrity_check().unwrap(), vec!["ok"]);
}
