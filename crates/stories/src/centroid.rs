//! Batch clustering of a whole collection by story centroids over body words: articles in
//! publication order join the most similar centroid over a threshold or open a story, then
//! re-assignment passes let early arrivals move. It is what `analyze` uses: measured on the
//! seeds and the story packs, it holds all of them at once, which the streaming clusterer's
//! richer features (titles, names, numbers) do not yet (see ARCHITECTURE.md).

use parallax_core::Document;

use crate::vectors::SparseVector;

/// Minimum cosine between an article and a story centroid to join it.
pub const JOIN_THRESHOLD: f32 = 0.22;

pub fn cluster_vectors(docs: &[Document], vectors: &[SparseVector], join_threshold: f32, refinements: usize) -> Vec<Vec<usize>> {
    if docs.is_empty() {
        return Vec::new();
    }
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&i| (docs[i].published, i));

    let mut assignment = vec![usize::MAX; docs.len()];
    let mut centroids = Centroids::default();
    let mut scratch = Scratch::new();
    for &i in &order {
        let v = &vectors[i];
        let best = centroids.similarities(v, &mut scratch).max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((k, sim)) if sim >= join_threshold => {
                assignment[i] = k;
                centroids.add(k, v);
            }
            _ => assignment[i] = centroids.push(v),
        }
    }
    for _ in 0..refinements {
        let sums = Centroids::from_assignment(vectors, &assignment, centroids.len());
        let mut changed = false;
        for &i in &order {
            let v = &vectors[i];
            let own = assignment[i];
            // Compare against each story without this article, so a lone article can move.
            let mut best_k = own;
            let mut best_sim = f32::MIN;
            for (k, dot) in sums.dots(v, &mut scratch) {
                let sim = if k == own { cosine_without(dot, sums.norm2[k], v.norm2()) } else { cosine(dot, sums.norm2[k], v.norm2()) };
                if sim > best_sim {
                    best_sim = sim;
                    best_k = k;
                }
            }
            if best_sim < join_threshold {
                best_k = own;
            }
            if best_k != own {
                assignment[i] = best_k;
                changed = true;
            }
        }
        if !changed {
            break;
        }
        centroids = sums;
    }
    let mut stories: Vec<Vec<usize>> = Vec::new();
    let mut index = vec![usize::MAX; centroids.len().max(assignment.iter().max().map_or(0, |m| m + 1))];
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

/// Story centroids (sums of their articles' vectors) behind an inverted index, so that an
/// article is compared only with the stories that share a word with it. Term ids are the
/// vectorizer's dense vocabulary numbers, so the index is a vector, not a hash map.
#[derive(Default)]
struct Centroids {
    postings: Vec<Vec<(u32, f32)>>,
    norm2: Vec<f32>,
}

/// Reused per-query accumulators.
struct Scratch {
    dot: Vec<f32>,
    touched: Vec<usize>,
}

impl Scratch {
    fn new() -> Self {
        Scratch { dot: Vec::new(), touched: Vec::new() }
    }
}

impl Centroids {
    fn len(&self) -> usize {
        self.norm2.len()
    }

    fn push(&mut self, v: &SparseVector) -> usize {
        let k = self.norm2.len();
        self.norm2.push(0.0);
        self.add(k, v);
        k
    }

    /// The centroids of a whole assignment at once.
    fn from_assignment(vectors: &[SparseVector], assignment: &[usize], n: usize) -> Self {
        let mut centroids = Centroids { postings: Vec::new(), norm2: vec![0.0f32; n] };
        for (v, &k) in vectors.iter().zip(assignment) {
            centroids.add(k, v);
        }
        // Norms from the final sums, not from the running updates (no drift between passes).
        centroids.norm2.iter_mut().for_each(|x| *x = 0.0);
        for list in &centroids.postings {
            for &(k, w) in list {
                centroids.norm2[k as usize] += w * w;
            }
        }
        centroids
    }

    fn add(&mut self, k: usize, v: &SparseVector) {
        for &(t, w) in v.terms() {
            let t = t as usize;
            if t >= self.postings.len() {
                self.postings.resize_with(t + 1, Vec::new);
            }
            let list = &mut self.postings[t];
            // Articles mostly join recent stories, which sit at the end of a posting list.
            match list.iter_mut().rev().find(|e| e.0 as usize == k) {
                Some(e) => {
                    self.norm2[k] += 2.0 * e.1 * w + w * w;
                    e.1 += w;
                }
                None => {
                    self.norm2[k] += w * w;
                    list.push((k as u32, w));
                }
            }
        }
    }

    /// (story, dot product with `v`) for every story sharing a word with `v`.
    fn dots<'s>(&self, v: &SparseVector, scratch: &'s mut Scratch) -> impl Iterator<Item = (usize, f32)> + 's {
        scratch.dot.resize(self.len(), 0.0);
        for &(t, w) in v.terms() {
            for &(k, c) in self.postings.get(t as usize).map_or(&[][..], Vec::as_slice) {
                let k = k as usize;
                if scratch.dot[k] == 0.0 {
                    scratch.touched.push(k);
                }
                scratch.dot[k] += w * c;
            }
        }
        let dot = &mut scratch.dot;
        scratch.touched.drain(..).map(move |k| {
            let d = std::mem::take(&mut dot[k]);
            (k, d)
        })
    }

    fn similarities<'s>(&'s self, v: &SparseVector, scratch: &'s mut Scratch) -> impl Iterator<Item = (usize, f32)> + 's {
        let norm2 = v.norm2();
        self.dots(v, scratch).map(move |(k, d)| (k, cosine(d, self.norm2[k], norm2)))
    }
}

fn cosine(dot: f32, a2: f32, b2: f32) -> f32 {
    let d = (a2 * b2).sqrt();
    if d <= 1e-9 { 0.0 } else { dot / d }
}

/// Cosine between `v` and the sum `c` with `v` taken out of it.
fn cosine_without(dot: f32, c2: f32, v2: f32) -> f32 {
    cosine(dot - v2, (c2 - 2.0 * dot + v2).max(0.0), v2)
}

