//! `Collection` as a library: ingest from an iterator, a batch at a time.

use std::time::Duration;

use parallax::collection::Collection;
use parallax::ingest::RawArticle;
use parallax::store::StoryOrder;
use parallax::Engine;

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("parallax-lib-collection-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Two fictional running stories, reported day after day by two outlets: more articles than
/// one ingest batch holds.
fn reports() -> Vec<RawArticle> {
    (0..700)
        .map(|k| {
            let text = if k % 2 == 0 {
                format!("The Quillmouth harbour board met again on day {k} of the quay repairs.\nCouncillor Ada Fennick said the quay wall would reopen to ferries within {} weeks.", k % 5 + 2)
            } else {
                format!("Skerrow lighthouse keepers counted {k} visitors at the relit lamp.\nThe keeper, Tomas Brevik, said the island ferry would add a second crossing in spring.")
            };
            RawArticle {
                id: format!("r{k}"),
                text,
                published: Some(format!("2031-04-{:02}", k % 20 + 1)),
                outlet: Some(["Quill Post", "Skerrow Times"][k % 2].to_string()),
                ..RawArticle::default()
            }
        })
        .collect()
}

fn story_sizes(collection: &Collection) -> Vec<u64> {
    let mut sizes: Vec<u64> = collection.stories(StoryOrder::Id, None).unwrap().iter().map(|s| s.articles).collect();
    sizes.sort_unstable();
    sizes
}

#[test]
fn articles_streamed_in_order_are_stored_as_a_whole_sorted_input_is() {
    let dir = scratch("stream");
    let mut sorted = reports();
    sorted.sort_by(|a, b| a.published.cmp(&b.published));

    let mut streamed = Collection::open(&dir.join("streamed.db"), Engine::default()).unwrap();
    let mut last = 0;
    let report = streamed.ingest_ordered(sorted.into_iter(), 700, &mut |p| last = p.done).unwrap();
    assert_eq!((report.added, last), (700, 700));
    let t = &report.timings;
    assert!(t.reading > Duration::ZERO && t.clustering > Duration::ZERO && t.sqlite > Duration::ZERO && t.search > Duration::ZERO, "{t:?}");

    let mut whole = Collection::open(&dir.join("whole.db"), Engine::default()).unwrap();
    assert_eq!(whole.ingest(reports(), &mut |_| {}).unwrap().added, 700);
    assert_eq!(story_sizes(&streamed), story_sizes(&whole));
    assert_eq!(story_sizes(&streamed).iter().sum::<u64>(), 700);
    drop((streamed, whole));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn reading_a_missing_store_names_it_and_creates_nothing() {
    let dir = scratch("missing");
    let db = dir.join("nothing-here.db");
    let error = Collection::open_existing(&db, Engine::default()).err().expect("no store there");
    assert!(error.to_string().contains("nothing-here.db"), "{error}");
    assert!(std::fs::read_dir(&dir).unwrap().next().is_none());
    std::fs::remove_dir_all(&dir).unwrap();
}
