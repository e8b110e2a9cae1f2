//! Stories: which articles tell the same story.
//!
//! Each article becomes a TF-IDF vector over its words (names weigh more: a story is mostly
//! who and where). Articles are taken in publication order and joined to the most similar
//! story centroid when the cosine clears a threshold, otherwise they open a new story; a second
//! pass re-assigns every article to its best centroid, so early arrivals are not stuck with
//! the first story they saw. The cost is O(articles × stories), never quadratic memory.

mod vectors;

use parallax_core::Document;
pub use vectors::{SparseVector, Vectorizer};

/// Settings of the clustering.
#[derive(Debug, Clone, Copy)]
pub struct StoryConfig {
    /// Minimum cosine between an article and a story centroid to join it.
    pub join_threshold: f32,
    /// Re-assignment passes after the first.
    pub refinements: usize,
}

impl Default for StoryConfig {
    fn default() -> Self {
        StoryConfig { join_threshold: 0.22, refinements: 2 }
    }
}

/// Partition of `docs` into stories: each inner Vec holds document indices; every document is
/// in exactly one story. Stories are ordered by their first document.
pub fn cluster_stories(docs: &[Document], config: StoryConfig) -> Vec<Vec<usize>> {
    if docs.is_empty() {
        return Vec::new();
    }
    let (_, vectors) = Vectorizer::fit_transform(docs.iter().map(|d| d.body.as_str()));
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&i| (docs[i].published, i));

    let mut assignment = vec![usize::MAX; docs.len()];
    let mut centroids: Vec<SparseVector> = Vec::new();
    for &i in &order {
        match best(&centroids, &vectors[i]) {
            Some((k, sim)) if sim >= config.join_threshold => {
                assignment[i] = k;
                centroids[k].add(&vectors[i]);
            }
            _ => {
                assignment[i] = centroids.len();
                centroids.push(vectors[i].clone());
            }
        }
    }
    for _ in 0..config.refinements {
        let sums = centroid_sums(&vectors, &assignment, centroids.len());
        let mut changed = false;
        for &i in &order {
            // Compare against each story without this article, so a lone article can move.
            let mut best_k = assignment[i];
            let mut best_sim = f32::MIN;
            for (k, c) in sums.iter().enumerate() {
                let sim = if k == assignment[i] { c.cosine_without(&vectors[i]) } else { c.cosine(&vectors[i]) };
                if sim > best_sim {
                    best_sim = sim;
                    best_k = k;
                }
            }
            if best_sim < config.join_threshold {
                best_k = assignment[i];
            }
            if best_k != assignment[i] {
                assignment[i] = best_k;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut stories: Vec<Vec<usize>> = Vec::new();
    let mut index = vec![usize::MAX; centroids.len()];
    for i in 0..docs.len() {
        let k = assignment[i];
        if index[k] == usize::MAX {
            index[k] = stories.len();
            stories.push(Vec::new());
        }
        stories[index[k]].push(i);
    }
    stories
}

fn best(centroids: &[SparseVector], v: &SparseVector) -> Option<(usize, f32)> {
    centroids
        .iter()
        .enumerate()
        .map(|(k, c)| (k, c.cosine(v)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

fn centroid_sums(vectors: &[SparseVector], assignment: &[usize], n: usize) -> Vec<SparseVector> {
    let mut sums = vec![SparseVector::default(); n];
    for (i, &k) in assignment.iter().enumerate() {
        sums[k].add(&vectors[i]);
    }
    sums
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, text: &str) -> Document {
        Document::from_paragraphs(id, [text])
    }

    #[test]
    fn separates_two_stories() {
        let docs = vec![
            doc("a", "Dockworkers at Portville harbour walked out over pay; the Harbour Board called the strike unlawful."),
            doc("b", "The Portville harbour strike entered a second day as dockworkers rejected the Harbour Board pay offer."),
            doc("c", "Floods closed the Ridgeway mountain pass and stranded hikers near Ridgeway village."),
            doc("d", "Rescuers reached hikers stranded by floods at the Ridgeway pass; the village road reopened."),
            doc("e", "Harbour Board chair Lena Ortiz said the Portville dockworkers strike must end."),
        ];
        let stories = cluster_stories(&docs, StoryConfig::default());
        assert_eq!(stories, vec![vec![0, 1, 4], vec![2, 3]]);
    }

    #[test]
    fn empty_and_single() {
        assert!(cluster_stories(&[], StoryConfig::default()).is_empty());
        assert_eq!(cluster_stories(&[doc("a", "")], StoryConfig::default()), vec![vec![0]]);
    }
}
