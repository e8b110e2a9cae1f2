//! A writer killed with SIGKILL mid-ingest leaves a sound store holding exactly the batches it
//! committed, and the next writer resumes from the saved state.
//!
//! The child is this test executable run again with `WRITER_DB` set and filtered to
//! `writer_child`; in a normal run that test sees no `WRITER_DB` and returns at once.

mod common;

use std::io::{BufRead, BufReader, Lines};
use std::process::{Child, ChildStdout, Command, Stdio};

use common::{article, TempDir};
use parallax_store::{NewArticle, Store, StoreError, StoreRead, StoryOrder};

const WRITER_DB: &str = "PARALLAX_STORE_TEST_WRITER_DB";
const BATCH: usize = 50;
const STATE_KEY: &str = "batches-committed";
/// Bounds the child if the parent dies without killing it (a closed stdout also stops it).
const MAX_BATCHES: u64 = 100_000;

fn committed_batches(store: &Store) -> u64 {
    store.state(STATE_KEY).unwrap().map_or(0, |bytes| {
        u64::from_le_bytes(bytes.try_into().expect("8-byte counter"))
    })
}

/// Big enough that a batch (2.5 MB) overflows SQLite's page cache (2 MB by default): pages of
/// the open transaction then spill into the WAL before the commit, so a kill mid-batch leaves
/// uncommitted frames there for recovery to discard.
fn large_article(n: usize) -> NewArticle {
    let mut article = article(n);
    article
        .text
        .push_str(&" and the strike went on".repeat(2_000));
    article
}

/// Batch `n` (1-based): `BATCH` new articles in a new story, and the counter set to `n`, all in
/// one transaction, the way a streaming ingest commits articles with its clusterer state.
#[test]
fn writer_child() {
    let Some(path) = std::env::var_os(WRITER_DB) else {
        return;
    };
    let mut store = Store::open(path).unwrap();
    let mut batch = committed_batches(&store);
    while batch < MAX_BATCHES {
        batch += 1;
        let first = (batch as usize - 1) * BATCH;
        let articles: Vec<_> = (first..first + BATCH).map(large_article).collect();
        store
            .write(|tx| {
                let ids = tx.insert_articles(&articles)?.ids;
                println!("inserted {batch}");
                let story = tx.create_story(Some(&format!("batch {batch}")))?;
                let members: Vec<_> = ids.into_iter().map(|id| (id, story)).collect();
                tx.assign(&members)?;
                tx.put_state(STATE_KEY, &batch.to_le_bytes())
            })
            .unwrap();
        println!("committed {batch}");
    }
}

/// The child and its output; kills the child on drop, so a failed assertion never leaves a
/// writer running.
struct Writer {
    child: Child,
    output: Lines<BufReader<ChildStdout>>,
    last_committed: u64,
    last_inserted: u64,
}

impl Writer {
    fn spawn(db: &std::path::Path) -> Writer {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["writer_child", "--exact", "--nocapture", "--test-threads=1"])
            .env(WRITER_DB, db)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let output = BufReader::new(child.stdout.take().unwrap()).lines();
        Writer {
            child,
            output,
            last_committed: 0,
            last_inserted: 0,
        }
    }

    /// Reads the child's output until it reports batch `target` inserted but not yet
    /// committed: the child is then inside that batch's transaction.
    fn wait_inside_batch(&mut self, target: u64) {
        while self.last_inserted < target {
            let line = self
                .output
                .next()
                .expect("writer exited too early")
                .unwrap();
            self.note(&line);
        }
    }

    /// SIGKILL on Unix: no destructor, rollback or checkpoint runs in the child. Returns the
    /// last batch it reported committed, including reports still in the pipe.
    fn kill(mut self) -> u64 {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
        while let Some(Ok(line)) = self.output.next() {
            self.note(&line);
        }
        self.last_committed
    }

    fn note(&mut self, line: &str) {
        if let Some(n) = line.strip_prefix("committed ") {
            self.last_committed = n.trim().parse().unwrap();
        } else if let Some(n) = line.strip_prefix("inserted ") {
            self.last_inserted = n.trim().parse().unwrap();
        }
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn killed_writer_leaves_whole_batches_and_resumes() {
    let dir = TempDir::new("kill");
    let db = dir.db();
    let mut committed = 0;
    for round in 1..=3 {
        let mut writer = Writer::spawn(&db);
        let target = committed + 4;
        writer.wait_inside_batch(target);
        let reported = writer.kill();

        let store = Store::open(&db).unwrap();
        assert_eq!(
            store.integrity_check().unwrap(),
            vec!["ok"],
            "round {round}"
        );
        let batches = committed_batches(&store);
        let articles = store.count_articles().unwrap();
        assert!(
            batches >= reported,
            "round {round}: batch {reported} was reported committed, store has {batches}"
        );
        // Killed inside batch `target`: its commit either finished first or left no trace.
        assert!(
            batches == target - 1 || batches == target,
            "round {round}: {batches} batches, killed in {target}"
        );
        assert_eq!(
            articles,
            batches * BATCH as u64,
            "round {round}: articles and state disagree"
        );
        assert_eq!(store.count_stories().unwrap(), batches, "round {round}");
        let sizes = store.stories(StoryOrder::Id, None).unwrap();
        assert!(
            sizes.iter().all(|story| story.articles == BATCH as u64),
            "round {round}: a partial batch"
        );
        committed = batches;
    }
}

#[test]
fn resumed_writer_does_not_duplicate_a_replayed_batch() {
    // What the next ingest run does after a kill: it re-reads inputs that were already stored.
    let dir = TempDir::new("replay");
    let mut store = Store::open(dir.db()).unwrap();
    let batch: Vec<_> = (0..BATCH).map(article).collect();
    store.insert_articles(&batch).unwrap();
    let replay = store
        .write(|tx| {
            let report = tx.insert_articles(&batch)?;
            tx.put_state(STATE_KEY, &1u64.to_le_bytes())?;
            Ok::<_, StoreError>(report)
        })
        .unwrap();
    assert!(replay.inserted.is_empty());
    assert_eq!(replay.duplicates.len(), BATCH);
    assert_eq!(store.count_articles().unwrap(), BATCH as u64);
}
