use std::path::{Path, PathBuf};

/// A search index problem, naming the index.
#[derive(Debug, thiserror::Error)]
#[error("search index {}: {message}", place.display())]
pub struct SearchError {
    pub place: PathBuf,
    pub message: String,
}

impl SearchError {
    pub fn new(place: &Path, message: String) -> Self {
        SearchError { place: place.to_path_buf(), message }
    }

    pub fn io(place: &Path, e: std::io::Error) -> Self {
        Self::new(place, e.to_string())
    }

    pub fn tantivy(place: &Path, e: tantivy::TantivyError) -> Self {
        Self::new(place, e.to_string())
    }
}
