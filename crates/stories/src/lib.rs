//! Stories: which articles tell the same story.
//!
//! Each article becomes weighted terms: its words (names weigh more: a story is mostly who
//! and where), its title words again, and its specifics (the names of its entities and its
//! numbers), compared apart from the words so that two events of the same kind (two
//! earthquakes, two shootings) are told apart by who, where and how many. Articles are taken
//! in publication order by a [`StreamClusterer`] and join the most similar live story when
//! the similarity clears a threshold, otherwise they open a new story. Batch clustering does
//! the same with the whole collection's document frequencies, then re-assigns every article
//! to its best story, so early arrivals are not stuck with the first story they saw. Work per
//! article is bounded by the live stories sharing a term with it, never quadratic.

mod centroid;
mod stream;
mod vectors;

use parallax_core::hash::FastMap as HashMap;

use parallax_core::{DocAnalysis, Document, EntityType};
pub use stream::{Merge, SplitState, StateError, StoryId, StreamClusterer, StreamConfig, VOCABULARY_PAGE};
pub use vectors::{name_counts, number_counts, term_counts, SparseVector, TermCounts, Vectorizer};

/// How much each kind of evidence weighs in an article's terms, next to its body words.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FeatureWeights {
    /// Title words, on top of their count in the body (a title names the story).
    pub title: f32,
    /// Words of the names of people, organisations and places, once per entity.
    pub names: f32,
    /// Numbers of two or more digits.
    pub numbers: f32,
}

impl Default for FeatureWeights {
    fn default() -> Self {
        FeatureWeights { title: 3.0, names: 1.0, numbers: 4.0 }
    }
}

/// The terms story clustering compares for one read article: its body words, with its title,
/// the names of its entities and its numbers weighted by `weights`.
pub fn article_counts(doc: &Document, analysis: &DocAnalysis, weights: FeatureWeights) -> TermCounts {
    article_counts_from(&term_counts(&doc.body), doc, analysis, weights)
}

/// [`article_counts`] from the body's words already counted (see [`term_counts`]).
pub fn article_counts_from(body: &TermCounts, doc: &Document, analysis: &DocAnalysis, weights: FeatureWeights) -> TermCounts {
    let mut counts = body.clone();
    if let Some(title) = doc.title.as_deref() {
        counts.add(&term_counts(title), weights.title);
    }
    let names = analysis
        .entities
        .iter()
        .filter(|e| matches!(e.kind, EntityType::Person | EntityType::Org | EntityType::Place) && !e.aliases.is_empty())
        .map(|e| e.name.as_str());
    counts.add(&name_counts(names), weights.names);
    counts.add(&number_counts(&doc.body), weights.numbers);
    counts
}

/// Settings of the clustering.
#[derive(Debug, Clone, Copy)]
pub struct StoryConfig {
    /// The streaming clusterer's settings (threshold, time discount, window).
    pub stream: StreamConfig,
    /// Batch: minimum cosine to join a story centroid.
    pub join_threshold: f32,
    /// Batch: re-assignment passes after the first.
    pub refinements: usize,
}

impl Default for StoryConfig {
    fn default() -> Self {
        StoryConfig { stream: StreamConfig::default(), join_threshold: centroid::JOIN_THRESHOLD, refinements: 2 }
    }
}

/// Partition of `docs` into stories: each inner Vec holds document indices; every document is
/// in exactly one story. Stories are ordered by their first document.
pub fn cluster_stories(docs: &[Document], config: StoryConfig) -> Vec<Vec<usize>> {
    let counted: Vec<TermCounts> = docs.iter().map(|d| term_counts(&d.body)).collect();
    cluster_counted(docs, &counted.iter().collect::<Vec<_>>(), config)
}

/// The order articles are placed in: by publication date, then input order.
pub fn arrival_order(docs: &[Document]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&i| (docs[i].published, i));
    order
}

/// Streaming clustering of a whole collection: the articles are placed one by one in
/// [`arrival_order`] by a fresh [`StreamClusterer`], with no second look.
pub fn cluster_streaming(docs: &[Document], counted: &[&TermCounts], config: StreamConfig) -> Vec<Vec<usize>> {
    let mut clusterer = StreamClusterer::new(config);
    let mut assignment = vec![0usize; docs.len()];
    let mut merged_into: HashMap<usize, usize> = HashMap::default();
    for i in arrival_order(docs) {
        let empty = TermCounts::default();
        let counts = counted.get(i).copied().unwrap_or(&empty);
        assignment[i] = clusterer.add(counts, docs[i].published) as usize;
        for m in clusterer.take_merges() {
            merged_into.insert(m.from as usize, m.into as usize);
        }
    }
    for k in assignment.iter_mut() {
        while let Some(&into) = merged_into.get(k) {
            *k = into;
        }
    }
    group(&assignment)
}

/// Batch clustering (see [`centroid`]): `counted[i]` are the body words of `docs[i]` (see
/// [`term_counts`]).
pub fn cluster_counted(docs: &[Document], counted: &[&TermCounts], config: StoryConfig) -> Vec<Vec<usize>> {
    if docs.is_empty() {
        return Vec::new();
    }
    let empty = TermCounts::default();
    let counted: Vec<&TermCounts> = (0..docs.len()).map(|i| counted.get(i).copied().unwrap_or(&empty)).collect();
    let (_, vectors) = Vectorizer::fit_counts(&counted);
    centroid::cluster_vectors(docs, &vectors, config.join_threshold, config.refinements)
}

/// Stories from a story number per document, ordered by their first document.
fn group(assignment: &[usize]) -> Vec<Vec<usize>> {
    let mut stories: Vec<Vec<usize>> = Vec::new();
    let mut index: HashMap<usize, usize> = HashMap::default();
    for (i, &k) in assignment.iter().enumerate() {
        let at = *index.entry(k).or_insert_with(|| {
            stories.push(Vec::new());
            stories.len() - 1
        });
        stories[at].push(i);
    }
    stories
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

    fn dated(id: &str, date: &str, text: &str) -> Document {
        Document { published: parallax_core::CalendarDate::parse(date), ..doc(id, text) }
    }

    /// Two fictional stories told in turns over a week, with a third that shares their
    /// vocabulary of strikes and floods but not their names.
    fn fixture() -> Vec<Document> {
        vec![
            dated("a1", "2031-03-02", "Dockworkers at Portville harbour walked out over pay; the Harbour Board called the strike unlawful."),
            dated("b1", "2031-03-02", "Floods closed the Ridgeway mountain pass and stranded 40 hikers near Ridgeway village."),
            dated("a2", "2031-03-03", "The Portville harbour strike entered a second day as dockworkers rejected the Harbour Board pay offer."),
            dated("b2", "2031-03-04", "Rescuers reached the 40 hikers stranded by floods at the Ridgeway pass; the village road reopened."),
            dated("a3", "2031-03-05", "Harbour Board chair Lena Ortiz said the Portville dockworkers strike must end."),
            dated("c1", "2031-03-06", "Bus drivers in Elmstead began a strike over rosters; the Elmstead transit authority urged talks."),
            dated("b3", "2031-03-07", "Ridgeway villagers counted the cost of the floods as the pass stayed shut."),
        ]
    }

    fn terms(docs: &[Document]) -> Vec<TermCounts> {
        docs.iter().map(|d| term_counts(&d.body)).collect()
    }

    fn stream_all(docs: &[Document], counted: &[TermCounts], from: usize, mut c: StreamClusterer) -> (Vec<StoryId>, StreamClusterer) {
        let ids = (from..docs.len()).map(|i| c.add(&counted[i], docs[i].published)).collect();
        (ids, c)
    }

    #[test]
    fn streaming_and_batch_agree_on_the_fixture() {
        let docs = fixture();
        let counted = terms(&docs);
        let refs: Vec<&TermCounts> = counted.iter().collect();
        let expected = vec![vec![0, 2, 4], vec![1, 3, 6], vec![5]];
        assert_eq!(cluster_counted(&docs, &refs, StoryConfig::default()), expected);
        assert_eq!(cluster_streaming(&docs, &refs, StreamConfig::default()), expected);
    }

    #[test]
    fn stories_that_prove_to_be_one_are_merged() {
        let docs = fixture();
        let counted = terms(&docs);
        // Every article opens a story of its own; merging then has to find the stories.
        let config = StreamConfig { join_threshold: 2.0, merge_threshold: 0.2, ..StreamConfig::default() };
        let mut c = StreamClusterer::new(config);
        let mut story = Vec::new();
        let mut merges = Vec::new();
        for (d, t) in docs.iter().zip(&counted) {
            story.push(c.add(t, d.published));
            merges.extend(c.take_merges());
        }
        assert!(c.take_merges().is_empty(), "merges are taken once");
        let resolve = |mut k: StoryId| {
            while let Some(m) = merges.iter().find(|m| m.from == k) {
                k = m.into;
            }
            k
        };
        let final_story: Vec<StoryId> = story.iter().map(|&k| resolve(k)).collect();
        assert_eq!(final_story[0], final_story[2]);
        assert_eq!(final_story[0], final_story[4]);
        assert_eq!(final_story[1], final_story[3]);
        assert_ne!(final_story[0], final_story[1]);
        assert_ne!(final_story[5], final_story[0]);
        assert_ne!(final_story[5], final_story[1]);
        assert!(merges.iter().all(|m| m.from != m.into));
        // Without merging, each article stays alone.
        let mut c = StreamClusterer::new(StreamConfig { merge_threshold: 0.0, ..config });
        let alone: Vec<StoryId> = docs.iter().zip(&counted).map(|(d, t)| c.add(t, d.published)).collect();
        assert_eq!(alone, (0..docs.len() as StoryId).collect::<Vec<_>>());
        assert!(c.take_merges().is_empty());
    }

    #[test]
    fn streaming_is_deterministic() {
        let docs = fixture();
        let counted = terms(&docs);
        let (a, ca) = stream_all(&docs, &counted, 0, StreamClusterer::new(StreamConfig::default()));
        let (b, cb) = stream_all(&docs, &counted, 0, StreamClusterer::new(StreamConfig::default()));
        assert_eq!(a, b);
        assert_eq!(ca.save(), cb.save());
    }

    #[test]
    fn saved_and_loaded_state_continues_like_an_uninterrupted_run() {
        let docs = fixture();
        let counted = terms(&docs);
        let (whole, _) = stream_all(&docs, &counted, 0, StreamClusterer::new(StreamConfig::default()));
        for cut in 0..=docs.len() {
            let mut first = StreamClusterer::new(StreamConfig::default());
            let mut ids: Vec<StoryId> = (0..cut).map(|i| first.add(&counted[i], docs[i].published)).collect();
            let bytes = first.save();
            let loaded = StreamClusterer::load(&bytes).expect("state loads");
            assert_eq!(loaded.save(), bytes, "a loaded state saves to the same bytes");
            let (rest, _) = stream_all(&docs, &counted, cut, loaded);
            ids.extend(rest);
            assert_eq!(ids, whole, "cut after {cut} articles");
        }
    }

    #[test]
    fn corrupt_state_is_an_error_not_a_panic() {
        let docs = fixture();
        let counted = terms(&docs);
        let (_, c) = stream_all(&docs, &counted, 0, StreamClusterer::new(StreamConfig::default()));
        let bytes = c.save();
        assert!(StreamClusterer::load(&[]).is_err());
        assert!(StreamClusterer::load(b"not a state at all").is_err());
        for n in 0..bytes.len() {
            assert!(StreamClusterer::load(&bytes[..n]).is_err(), "truncated at {n}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(StreamClusterer::load(&longer).is_err());
        let mut newer = bytes.clone();
        newer[4] = 99;
        assert!(StreamClusterer::load(&newer).is_err());
        // Any single corrupted byte either fails to load or loads a state that still works.
        for i in 0..bytes.len() {
            for flip in [0x01u8, 0x80, 0xff] {
                let mut bad = bytes.clone();
                bad[i] ^= flip;
                if let Ok(mut c) = StreamClusterer::load(&bad) {
                    for (d, t) in docs.iter().zip(&counted) {
                        c.add(t, d.published);
                    }
                }
            }
        }
    }

    #[test]
    fn stories_retire_after_the_window_and_undated_articles_take_the_last_date() {
        let docs = fixture();
        let counted = terms(&docs);
        let mut c = StreamClusterer::new(StreamConfig { window_days: 10, ..StreamConfig::default() });
        let first = c.add(&counted[0], docs[0].published);
        assert_eq!(c.add(&counted[2], None), first, "an undated follow-up joins its story");
        let later = parallax_core::CalendarDate::parse("2031-05-01");
        assert_ne!(c.add(&counted[4], later), first, "a story quiet for longer than the window is closed");
        assert_eq!(c.live_stories(), 1);
    }

    #[test]
    fn live_stories_are_capped_without_dates() {
        let mut c = StreamClusterer::new(StreamConfig { max_live: 20, ..StreamConfig::default() });
        for k in 0..200 {
            c.add(&term_counts(&format!("Unrelated{k} topic{k} words{k}")), None);
        }
        assert!(c.live_stories() <= 20);
        assert_eq!(c.stories(), 200);
    }

    #[test]
    fn empty_and_single() {
        assert!(cluster_stories(&[], StoryConfig::default()).is_empty());
        assert_eq!(cluster_stories(&[doc("a", "")], StoryConfig::default()), vec![vec![0]]);
    }
}
