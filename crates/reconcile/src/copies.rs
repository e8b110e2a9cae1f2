//! Syndicated and near-identical copies within a story.

use crate::StoryView;

/// Which documents copy which.
#[derive(Debug, Clone, Default)]
pub struct Copies {
    /// (copy, original, similarity 0..1): `copy` repeats `original` (published first).
    pub pairs: Vec<(usize, usize, f32)>,
}

impl Copies {
    /// The original a document copies, if it is a copy.
    pub fn original_of(&self, doc: usize) -> Option<usize> {
        self.pairs.iter().find(|p| p.0 == doc).map(|p| p.1)
    }
}

pub fn find_copies(_view: &StoryView) -> Copies {
    Copies::default()
}
