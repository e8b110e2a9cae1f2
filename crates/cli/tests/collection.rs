//! The store commands end to end: ingest (idempotent, resumable after kill -9), stories,
//! show/export, search.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/brannock-port-strike/articles.jsonl");

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("parallax-collection-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&str], db: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax")).args(args).arg("--db").arg(db).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn story_sizes(db: &Path) -> Vec<u64> {
    let out = run(&["stories", "--json", "--limit", "100000"], db);
    assert!(out.status.success(), "{}", stderr(&out));
    let list: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    list.as_array().unwrap().iter().map(|s| s["articles"].as_u64().unwrap()).collect()
}

#[test]
fn ingest_twice_adds_once_and_the_story_can_be_shown_searched_and_exported() {
    let dir = scratch("example");
    let db = dir.join("p.db");
    let first = run(&["ingest", "-q", EXAMPLE], &db);
    assert!(first.status.success(), "{}", stderr(&first));
    let again = run(&["ingest", EXAMPLE], &db);
    assert!(stderr(&again).contains("0 articles added"), "{}", stderr(&again));
    assert!(stderr(&again).contains("5 already stored"), "{}", stderr(&again));
    assert_eq!(story_sizes(&db), vec![5]);

    let list = stdout(&run(&["stories"], &db));
    assert!(list.contains("5 articles"), "{list}");

    let shown = run(&["show", "1"], &db);
    assert!(shown.status.success(), "{}", stderr(&shown));
    assert!(stdout(&shown).to_lowercase().contains("quote"), "{}", stdout(&shown));

    let csv = stdout(&run(&["export", "1", "--format", "csv"], &db));
    assert!(csv.starts_with("story,quote_group,article,outlet,published,speaker,kind,quote"), "{csv}");
    assert!(csv.lines().count() > 10);
    let json: serde_json::Value = serde_json::from_str(&stdout(&run(&["export", "1"], &db))).unwrap();
    assert_eq!(json["schema"], "parallax/1");
    let html = stdout(&run(&["export", "1", "--format", "html"], &db));
    assert!(html.starts_with("<!DOCTYPE html>") || html.starts_with("<!doctype html>"), "{}", &html[..80.min(html.len())]);

    let hits = run(&["search", "strike", "--json"], &db);
    let hits: serde_json::Value = serde_json::from_str(&stdout(&hits)).unwrap();
    assert!(!hits.as_array().unwrap().is_empty());
    let by = run(&["search", "--speaker", "Foyle", "--json"], &db);
    let by: serde_json::Value = serde_json::from_str(&stdout(&by)).unwrap();
    let by = by.as_array().unwrap();
    assert!(!by.is_empty());
    assert!(by.iter().all(|h| h["kind"] == "quote" && h["speaker"].as_str().unwrap().contains("Foyle")), "{by:?}");
    let in_story = run(&["search", "harbour", "--story", "1", "--kind", "article", "--json"], &db);
    let in_story: serde_json::Value = serde_json::from_str(&stdout(&in_story)).unwrap();
    assert!(in_story.as_array().unwrap().iter().all(|h| h["story"] == 1 && h["kind"] == "article"));

    let missing = run(&["show", "99"], &db);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("no story 99"), "{}", stderr(&missing));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn reading_commands_refuse_a_missing_store_instead_of_creating_one() {
    let dir = scratch("missing");
    let db = dir.join("typo.db");
    for args in [&["stories"][..], &["search", "harbour"], &["show", "1"], &["export", "1"]] {
        let out = run(args, &db);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(stderr(&out).contains(&db.display().to_string()) && stderr(&out).contains("no store"), "{args:?}: {}", stderr(&out));
    }
    assert!(std::fs::read_dir(&dir).unwrap().next().is_none(), "nothing is created");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_killed_ingest_leaves_a_consistent_store_and_the_next_run_finishes_the_job() {
    let dir = scratch("kill");
    let db = dir.join("p.db");
    let corpus = dir.join("corpus.jsonl");
    let made = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["bench", "--docs", "1200", "--corpus", EXAMPLE, "--write-corpus"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", stderr(&made));
    let mut child = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["ingest", "-q"])
        .arg(&corpus)
        .arg("--db")
        .arg(&db)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once it has committed something (or when it ends first on a fast machine).
    let mut stored = 0;
    for _ in 0..600 {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        // Until the other process has created the store, `stories` refuses a missing store:
        // nothing is stored yet.
        let listed = run(&["stories", "--json", "--limit", "100000"], &db);
        if listed.status.success() {
            let list: serde_json::Value = serde_json::from_str(&stdout(&listed)).unwrap_or_default();
            stored = list.as_array().map_or(0, |a| a.iter().filter_map(|s| s["articles"].as_u64()).sum());
            if stored > 0 {
                break;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill(); // SIGKILL on Unix
    let _ = child.wait();
    let after_kill: u64 = story_sizes(&db).iter().sum();
    assert!(after_kill >= stored);

    let resumed = run(&["ingest"], &db).status; // no inputs: refused by clap
    assert!(!resumed.success());
    let resumed = run(&["ingest", "-q", corpus.to_str().unwrap()], &db);
    assert!(resumed.status.success(), "{}", stderr(&resumed));
    // The same stories as one uninterrupted run: every article once, in the same story.
    let reference = dir.join("reference.db");
    let whole = run(&["ingest", "-q", corpus.to_str().unwrap()], &reference);
    assert!(whole.status.success(), "{}", stderr(&whole));
    let mut resumed_sizes = story_sizes(&db);
    let mut reference_sizes = story_sizes(&reference);
    resumed_sizes.sort_unstable();
    reference_sizes.sort_unstable();
    assert_eq!(resumed_sizes, reference_sizes);
    assert!(reference_sizes.iter().sum::<u64>() > 500);
    let again = run(&["ingest", corpus.to_str().unwrap()], &db);
    assert!(stderr(&again).contains("0 articles added"), "{}", stderr(&again));
    let hits = run(&["search", "strike", "--kind", "article", "--limit", "5000", "--json"], &db);
    let hits: serde_json::Value = serde_json::from_str(&stdout(&hits)).unwrap();
    assert!(hits.as_array().unwrap().len() > 50, "the search index caught up");
    std::fs::remove_dir_all(&dir).unwrap();
}
