//! Sparse TF-IDF vectors over lowercased word tokens.

use std::sync::LazyLock;

use parallax_core::hash::{FastMap as HashMap, FastSet};

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
    pub fn terms(&self) -> &[(u32, f32)] {
        &self.terms
    }

    pub fn norm2(&self) -> f32 {
        self.norm2
    }
}

/// Sublinear term frequency, 1 + ln(count). Counts are mostly small whole numbers, whose
/// values come from a table (the same f32 values, without a logarithm per word).
pub(crate) fn sublinear(count: f32) -> f32 {
    const TABLE: usize = 64;
    static ONE_PLUS_LN: LazyLock<[f32; TABLE]> = LazyLock::new(|| std::array::from_fn(|n| 1.0 + (n as f32).ln()));
    let whole = count as usize;
    if whole < TABLE && whole as f32 == count {
        ONE_PLUS_LN[whole]
    } else {
        1.0 + count.ln()
    }
}

/// Vocabulary and inverse document frequencies of a collection.
pub struct Vectorizer {
    /// Word key (see [`TermCounts`]) → term id.
    vocabulary: HashMap<u64, u32>,
    idf: Vec<f32>,
}

/// The content words of one text with their weighted counts (a word written as a name counts
/// double), in order of first use. Words are kept as 64-bit keys of their lower-cased text.
/// Counting depends on the text alone, so it is done once per article, when the article is
/// read, and clustering only looks words up.
#[derive(Debug, Clone, Default)]
pub struct TermCounts(Vec<(u64, f32)>);

impl TermCounts {
    /// (word key, weighted count) pairs, each key once.
    pub fn pairs(&self) -> &[(u64, f32)] {
        &self.0
    }

    /// Adds `factor` × each pair of `other`.
    pub fn add(&mut self, other: &TermCounts, factor: f32) {
        if factor == 0.0 {
            return;
        }
        let mut at: HashMap<u64, usize> = self.0.iter().enumerate().map(|(i, e)| (e.0, i)).collect();
        for &(key, n) in &other.0 {
            match at.get(&key) {
                Some(&i) => self.0[i].1 += factor * n,
                None => {
                    at.insert(key, self.0.len());
                    self.0.push((key, factor * n));
                }
            }
        }
    }

    /// Counts from (key, count) pairs; repeated keys are summed.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (u64, f32)>) -> TermCounts {
        let mut c = TermCounts::default();
        c.add(&TermCounts(pairs.into_iter().collect()), 1.0);
        c
    }
}

/// The numbers of a text written with two or more digits (years, ages, counts, street
/// numbers), each as a term of its own, distinct from any word.
pub fn number_counts(text: &str) -> TermCounts {
    let mut pairs = Vec::new();
    for w in text.split(|c: char| !c.is_ascii_digit() && c != '.' && c != ',') {
        let w = w.trim_matches(|c| c == '.' || c == ',');
        let digits: String = w.chars().filter(char::is_ascii_digit).collect();
        if digits.len() >= 2 && w.len() <= 16 {
            // Thousands separators are dropped, decimal points kept: "6.1" is not "61".
            let key: String = w.chars().filter(|&c| c != ',').collect();
            pairs.push((fnv(&format!("#{key}")) | SPECIFIC, 1.0));
        }
    }
    let mut c = TermCounts::default();
    c.add(&TermCounts(pairs), 1.0);
    c
}

/// The words of names, one count per name: an entity named several ways or often is still
/// one participant, and counting it once per name keeps long articles from drowning out
/// who the story is about.
pub fn name_counts<'a>(names: impl IntoIterator<Item = &'a str>) -> TermCounts {
    let mut c = TermCounts::default();
    let mut buffer = String::new();
    for name in names {
        let mut words: Vec<u64> = Vec::new();
        for_each_token(name, &mut buffer, |w, _| words.push(fnv(w) | SPECIFIC));
        words.sort_unstable();
        words.dedup();
        c.add(&TermCounts(words.into_iter().map(|k| (k, 1.0)).collect()), 1.0);
    }
    c
}

pub fn term_counts(text: &str) -> TermCounts {
    let mut at: HashMap<u64, u32> = HashMap::default();
    let mut counts: Vec<(u64, f32)> = Vec::new();
    let mut buffer = String::new();
    for_each_token(text, &mut buffer, |w, name| {
        let key = fnv(w);
        let slot = *at.entry(key).or_insert_with(|| {
            counts.push((key, 0.0));
            counts.len() as u32 - 1
        });
        counts[slot as usize].1 += if name { 2.0 } else { 1.0 };
    });
    TermCounts(counts)
}

/// The key bit of specifics (names, numbers): they are compared apart from words.
pub(crate) const SPECIFIC: u64 = 1 << 63;

/// FNV-1a: a stable key for a word (collisions between the words of a collection are
/// vanishingly rare at 64 bits).
fn fnv(word: &str) -> u64 {
    word.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)) & !SPECIFIC
}

/// Looked up per word of every article: a set, not a scan of the list.
fn is_stopword(word: &str) -> bool {
    static SET: LazyLock<FastSet<&'static str>> = LazyLock::new(|| STOPWORDS.iter().copied().collect());
    SET.contains(word)
}

/// Calls `f(lowercased word, looks like a name)` for each content word of `text`, reusing one
/// buffer (allocation per token was the cost of this stage).
fn for_each_token(text: &str, buffer: &mut String, mut f: impl FnMut(&str, bool)) {
    for w in text.split(|c: char| !c.is_alphanumeric() && c != '-') {
        if w.len() < 2 || w.chars().all(|c| c.is_numeric() || c == '-') {
            continue;
        }
        buffer.clear();
        // Most words are ASCII, whose lowercasing needs no table.
        if w.is_ascii() {
            buffer.push_str(w);
            buffer.make_ascii_lowercase();
        } else {
            buffer.extend(w.chars().flat_map(char::to_lowercase));
        }
        if buffer.chars().count() > 1 && !is_stopword(buffer) {
            f(buffer, w.starts_with(char::is_uppercase));
        }
    }
}

impl Vectorizer {
    /// Fits the vocabulary and returns the vectors of the same texts.
    pub fn fit_transform<'a>(texts: impl Iterator<Item = &'a str>) -> (Self, Vec<SparseVector>) {
        let counted: Vec<TermCounts> = texts.map(term_counts).collect();
        Self::fit_counts(&counted.iter().collect::<Vec<_>>())
    }

    /// Fits the vocabulary and returns the vectors of texts already counted.
    pub fn fit_counts(counted: &[&TermCounts]) -> (Self, Vec<SparseVector>) {
        // Sized up front (for at most 2^18 words, a few hundred articles' worth): growing a
        // map rehashes it.
        let words: usize = counted.iter().map(|c| c.0.len()).sum();
        let mut vocabulary: HashMap<u64, u32> = HashMap::with_capacity_and_hasher(words.min(1 << 18), Default::default());
        let mut df: Vec<u32> = Vec::with_capacity(words.min(1 << 18));
        let mut ids: Vec<Vec<(u32, f32)>> = Vec::with_capacity(counted.len());
        for counts in counted {
            // Each word appears once in a text's counts, so each adds one to its df.
            let doc: Vec<(u32, f32)> = counts
                .0
                .iter()
                .map(|&(key, n)| {
                    let next = vocabulary.len() as u32;
                    let id = *vocabulary.entry(key).or_insert(next);
                    if id == next {
                        df.push(0);
                    }
                    df[id as usize] += 1;
                    (id, n)
                })
                .collect();
            ids.push(doc);
        }
        let docs = counted.len() as f32;
        let idf: Vec<f32> = df.iter().map(|&d| ((1.0 + docs) / (1.0 + d as f32)).ln() + 1.0).collect();
        let vectors = ids.into_iter().map(|tf| weigh(tf, &idf)).collect();
        (Vectorizer { vocabulary, idf }, vectors)
    }

    /// The vector of a new text under this vocabulary (unknown words are ignored).
    pub fn vector(&self, text: &str) -> SparseVector {
        let tf: Vec<(u32, f32)> = term_counts(text).0.iter().filter_map(|&(key, n)| Some((*self.vocabulary.get(&key)?, n))).collect();
        weigh(tf, &self.idf)
    }
}

fn weigh(tf: Vec<(u32, f32)>, idf: &[f32]) -> SparseVector {
    // Sorted by term id as plain integers (the id in the high half; ids are distinct), which
    // sorts several times faster than pairs by a key.
    let mut packed: Vec<u64> = tf.iter().map(|&(id, n)| u64::from(id) << 32 | u64::from(n.to_bits())).collect();
    packed.sort_unstable();
    let terms: Vec<(u32, f32)> = packed
        .iter()
        .map(|&p| {
            let id = (p >> 32) as u32;
            (id, sublinear(f32::from_bits(p as u32)) * idf[id as usize])
        })
        .collect();
    let norm2 = terms.iter().map(|t| t.1 * t.1).sum();
    SparseVector { terms, norm2 }
}
