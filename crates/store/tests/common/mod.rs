//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use parallax_store::NewArticle;

/// A fresh folder under Cargo's per-target temporary directory, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let unique = format!(
            "{name}-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("parallax-store-tests")
            .join(unique);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn db(&self) -> PathBuf {
        self.0.join("parallax.db")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A distinct article for each `n`, dated within May 2025.
pub fn article(n: usize) -> NewArticle {
    NewArticle {
        external_id: format!("a-{n}"),
        title: Some(format!("Report {n}")),
        text: format!("Article number {n} says the port strike went on.\nSecond paragraph {n}."),
        published: Some(format!("2025-05-{:02}", 1 + n % 28)),
        outlet: Some(format!("Outlet {}", n % 3)),
        url: Some(format!("https://example.org/{n}")),
        author: None,
        source_file: Some("input.jsonl".into()),
        source_record: Some(n as u64 + 1),
    }
}

pub fn articles(range: std::ops::Range<usize>) -> Vec<NewArticle> {
    range.map(article).collect()
}
