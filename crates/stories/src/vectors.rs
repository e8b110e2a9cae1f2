//! Sparse TF-IDF vectors over lowercased word tokens.

use parallax_core::hash::FastMap as HashMap;

/// Function words carry no topic.
const STOPWORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from",
    "as", "is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "he", "she", "it",
    "they", "we", "i", "you", "his", "her", "its", "their", "our", "my", "your", "this", "that",
    "these", "those", "not", "no", "said", "says", "say", "will", "would", "could", "should", "can",
    "may", "might", "must", "do", "does", "did", "there", "here", "what", "which", "who", "whom",
    "when", "where", "why", "how", "all", "any", "some", "more", "most", "other", "into", "about",
    "after", "before", "over", "than", "then", "also", "just", "so", "if", "out", "up", "him", "them",
    "us", "me", "one", "two", "new", "been", "after", "while", "because", "told", "mr", "mrs", "ms",
    "dr", "last", "year", "years", "week", "day", "time", "now", "only", "very", "s", "t",
];

/// A sparse vector: term id → weight, kept sorted by term id for merging.
#[derive(Debug, Clone, Default)]
pub struct SparseVector {
    terms: Vec<(u32, f32)>,
    norm2: f32,
}

impl SparseVector {
    fn from_map(map: HashMap<u32, f32>) -> Self {
        let mut terms: Vec<(u32, f32)> = map.into_iter().collect();
        terms.sort_unstable_by_key(|t| t.0);
        let norm2 = terms.iter().map(|t| t.1 * t.1).sum();
        SparseVector { terms, norm2 }
    }

    pub fn terms(&self) -> &[(u32, f32)] {
        &self.terms
    }

    pub fn norm2(&self) -> f32 {
        self.norm2
    }
}

/// Vocabulary and inverse document frequencies of a collection.
pub struct Vectorizer {
    vocabulary: HashMap<String, u32>,
    idf: Vec<f32>,
}

/// Calls `f(lowercased word, looks like a name)` for each content word of `text`, reusing one
/// buffer (allocation per token was the cost of this stage).
fn for_each_token(text: &str, buffer: &mut String, mut f: impl FnMut(&str, bool)) {
    for w in text.split(|c: char| !c.is_alphanumeric() && c != '-') {
        if w.len() < 2 || w.chars().all(|c| c.is_numeric() || c == '-') {
            continue;
        }
        buffer.clear();
        buffer.extend(w.chars().flat_map(char::to_lowercase));
        if buffer.chars().count() > 1 && !STOPWORDS.contains(&buffer.as_str()) {
            f(buffer, w.starts_with(char::is_uppercase));
        }
    }
}

impl Vectorizer {
    /// Fits the vocabulary and returns the vectors of the same texts in one tokenisation pass.
    pub fn fit_transform<'a>(texts: impl Iterator<Item = &'a str>) -> (Self, Vec<SparseVector>) {
        let mut vocabulary: HashMap<String, u32> = HashMap::default();
        let mut df: Vec<u32> = Vec::new();
        let mut last_doc: Vec<usize> = Vec::new();
        let mut counts: Vec<HashMap<u32, f32>> = Vec::new();
        let mut buffer = String::new();
        for (n, text) in texts.enumerate() {
            let mut tf: HashMap<u32, f32> = HashMap::default();
            for_each_token(text, &mut buffer, |w, name| {
                let id = match vocabulary.get(w) {
                    Some(&id) => id,
                    None => {
                        let id = vocabulary.len() as u32;
                        vocabulary.insert(w.to_owned(), id);
                        df.push(0);
                        last_doc.push(usize::MAX);
                        id
                    }
                };
                if last_doc[id as usize] != n {
                    last_doc[id as usize] = n;
                    df[id as usize] += 1;
                }
                *tf.entry(id).or_default() += if name { 2.0 } else { 1.0 };
            });
            counts.push(tf);
        }
        let docs = counts.len() as f32;
        let idf: Vec<f32> = df.iter().map(|&d| ((1.0 + docs) / (1.0 + d as f32)).ln() + 1.0).collect();
        let vectors = counts.into_iter().map(|tf| weigh(tf, &idf)).collect();
        (Vectorizer { vocabulary, idf }, vectors)
    }

    /// The vector of a new text under this vocabulary (unknown words are ignored).
    pub fn vector(&self, text: &str) -> SparseVector {
        let mut tf: HashMap<u32, f32> = HashMap::default();
        let mut buffer = String::new();
        for_each_token(text, &mut buffer, |w, name| {
            if let Some(&id) = self.vocabulary.get(w) {
                *tf.entry(id).or_default() += if name { 2.0 } else { 1.0 };
            }
        });
        weigh(tf, &self.idf)
    }
}

fn weigh(mut tf: HashMap<u32, f32>, idf: &[f32]) -> SparseVector {
    for (id, w) in tf.iter_mut() {
        *w = (1.0 + w.ln()) * idf[*id as usize];
    }
    SparseVector::from_map(tf)
}
