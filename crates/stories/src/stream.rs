//! Streaming story clustering: articles arrive one at a time (in publication order), each
//! joins the most similar live story or opens a new one, and the whole state can be saved and
//! restored between runs.
//!
//! Work per article is bounded by what is live, not by what has been seen: a story that has
//! had no article for `window_days` (or, when dates are missing, the least recently updated
//! stories beyond `max_live`) retires and is never a candidate again. Document frequencies are
//! updated as articles arrive, so weights follow the collection as it grows.

use parallax_core::calendar::days_from_civil;
use parallax_core::hash::FastMap as HashMap;
use parallax_core::CalendarDate;

use crate::vectors::{sublinear, TermCounts, SPECIFIC};

/// A story's number. Numbers are handed out in order of creation and never reused.
pub type StoryId = u32;

/// Settings of the streaming clusterer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StreamConfig {
    /// Minimum (time-discounted) cosine between an article and a story to join it.
    pub join_threshold: f32,
    /// A story with no article for this many days retires.
    pub window_days: u32,
    /// At most this many live stories: beyond it the least recently updated retire (the
    /// bound that holds when articles carry no dates).
    pub max_live: u32,
    /// Days apart at which an article's similarity to a story is halved (0: no discount):
    /// reports of one story cluster in time, and events of the same kind recur.
    pub half_similarity_days: f32,
    /// Share of the similarity that comes from specifics (names and numbers) rather than
    /// all words: events of one kind share their vocabulary, and differ in who, where and
    /// how many.
    pub specific_weight: f32,
    /// Similarity to a story is the mean cosine to its articles (group average) instead of
    /// the cosine to its centroid.
    pub average_link: bool,
    /// A story keeps at most this many terms (its heaviest): a long-running story would
    /// otherwise make every article that joins it cost more than the last.
    pub max_story_terms: u32,
    /// A small live story (at most `SMALL_STORY` articles) becomes part of another live story
    /// when its articles' mean similarity to that story's centroid reaches this (0: never);
    /// merging ignores the time discount and `average_link`. An article is placed once and
    /// never looked at again, so a story whose first reports differed (an accusation, then the
    /// answer to it days later) would otherwise stay split.
    pub merge_threshold: f32,
}

impl Default for StreamConfig {
    fn default() -> Self {
        StreamConfig {
            join_threshold: 0.24,
            window_days: 30,
            max_live: 20_000,
            // The packs measured so far gain nothing from a discount inside the window.
            half_similarity_days: 0.0,
            specific_weight: 0.4,
            average_link: false,
            max_story_terms: 2000,
            merge_threshold: 0.3,
        }
    }
}

/// Two live stories became one: the articles of `from` now belong to `into`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub from: StoryId,
    pub into: StoryId,
}

/// A corrupt or incompatible saved state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateError(pub String);

impl std::fmt::Display for StateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "story clustering state: {}", self.0)
    }
}

impl std::error::Error for StateError {}

/// One live story: the sum of its articles' log term frequencies (idf is applied when
/// comparing, so that it is always the current one).
#[derive(Debug, Clone, Default)]
struct Story {
    id: StoryId,
    /// Sorted by term number.
    terms: Vec<(u32, f32)>,
    /// Squared norms of the idf-weighted centroid (words, specifics), as of `norm_docs`
    /// documents.
    norm2: [f32; 2],
    norm_docs: u64,
    first_day: Option<i64>,
    last_day: Option<i64>,
    /// Arrival number of its latest article.
    last_seq: u64,
    size: u32,
    retired: bool,
    /// The terms of each of its articles while it is small (see [`SMALL_STORY`]): a small
    /// story is judged for a merge by how well its own articles fit the other story.
    members: Vec<Vec<(u32, f32)>>,
}

/// Stories up to this size keep their articles' terms and may be merged into another.
const SMALL_STORY: usize = 3;

/// The streaming clusterer. See the module documentation.
#[derive(Debug, Clone)]
pub struct StreamClusterer {
    config: StreamConfig,
    /// Document frequencies are frozen (set from a whole collection in advance).
    fixed_idf: bool,
    vocabulary: HashMap<u64, u32>,
    keys: Vec<u64>,
    df: Vec<u32>,
    docs: u64,
    /// The latest publication day seen: the date of undated articles.
    clock: Option<i64>,
    seq: u64,
    next_id: StoryId,
    slots: Vec<Story>,
    live: usize,
    /// Term number → (story slot, summed weight) for stories that use it.
    postings: Vec<Vec<(u32, f32)>>,
    /// Retired entries in each posting list, to compact it once they are half of it.
    dead: Vec<u32>,
    /// Reused per-article buffers.
    dot: Vec<[f32; 2]>,
    touched: Vec<u32>,
    /// Merges since the caller last took them.
    merges: Vec<Merge>,
    /// Per vocabulary page (see [`VOCABULARY_PAGE`]): changed since the state was last
    /// saved, see [`StreamClusterer::save_split`].
    page_changed: Vec<bool>,
}

const MAGIC: &[u8; 4] = b"PXSC";
/// Version 3 is the state with its vocabulary apart, in pages (see [`SplitState`]); versions
/// 1 and 2 hold the whole state.
const VERSION: u8 = 2;
const SPLIT_VERSION: u8 = 3;

/// Terms per vocabulary page. The vocabulary is most of the state and only grows; terms are
/// numbered in order of first use, so the pages of words only long-retired stories used stay
/// as they are, and a save rewrites the recent pages (and those of the everyday words).
pub const VOCABULARY_PAGE: usize = 1 << 16;

/// The state saved in parts, so that saving often writes what changed: the vocabulary pages
/// that changed since the last save, and the rest (the live stories, the counters).
#[derive(Debug, Clone, Default)]
pub struct SplitState {
    /// Everything but the vocabulary.
    pub head: Vec<u8>,
    /// (page number, bytes) of the vocabulary pages changed since the last save.
    pub pages: Vec<(u32, Vec<u8>)>,
}

impl StreamClusterer {
    pub fn new(config: StreamConfig) -> Self {
        StreamClusterer {
            config,
            fixed_idf: false,
            vocabulary: HashMap::default(),
            keys: Vec::new(),
            df: Vec::new(),
            docs: 0,
            clock: None,
            seq: 0,
            next_id: 0,
            slots: Vec::new(),
            live: 0,
            postings: Vec::new(),
            dead: Vec::new(),
            dot: Vec::new(),
            touched: Vec::new(),
            merges: Vec::new(),
            page_changed: Vec::new(),
        }
    }

    /// A clusterer whose document frequencies are those of `collection`, frozen: batch
    /// clustering, where the whole collection is known before the first article is placed.
    pub fn with_collection(config: StreamConfig, collection: &[&TermCounts]) -> Self {
        let mut c = Self::new(config);
        for counts in collection {
            for &(key, _) in counts.pairs() {
                let t = c.term(key);
                c.df[t as usize] += 1;
            }
        }
        c.docs = collection.len() as u64;
        c.fixed_idf = true;
        c
    }

    pub fn config(&self) -> StreamConfig {
        self.config
    }

    /// Articles seen.
    pub fn docs(&self) -> u64 {
        self.docs
    }

    /// Stories that can still take articles.
    pub fn live_stories(&self) -> usize {
        self.live
    }

    /// Stories opened so far.
    pub fn stories(&self) -> u32 {
        self.next_id
    }

    fn term(&mut self, key: u64) -> u32 {
        let next = self.keys.len() as u32;
        let t = *self.vocabulary.entry(key).or_insert(next);
        if t == next {
            self.keys.push(key);
            self.df.push(0);
            self.postings.push(Vec::new());
            self.dead.push(0);
        }
        self.changed(t);
        t
    }

    /// Notes that term `t` (its key or its document frequency) changed since the last save.
    fn changed(&mut self, t: u32) {
        let page = t as usize / VOCABULARY_PAGE;
        if page >= self.page_changed.len() {
            self.page_changed.resize(page + 1, true);
        }
        self.page_changed[page] = true;
    }

    fn idf(&self, t: u32) -> f32 {
        let df = self.df.get(t as usize).copied().unwrap_or(0) as f32;
        ((1.0 + self.docs as f32) / (1.0 + df)).ln() + 1.0
    }

    /// Places one article: the story it joins, or a new one. `published` missing means "as
    /// of the latest date seen" (ingest order stands in for time).
    pub fn add(&mut self, counts: &TermCounts, published: Option<CalendarDate>) -> StoryId {
        let day = published.map(|d| days_from_civil(d.year, d.month, d.day));
        if let Some(d) = day {
            if self.clock.is_none_or(|c| d > c) {
                self.clock = Some(d);
                self.retire_old();
            }
        }
        let day = day.or(self.clock);
        self.seq += 1;
        let tf = self.article_terms(counts);
        let joined = self.story_to_join(&tf, day);
        #[cfg(test)]
        assert_eq!(joined, self.story_by_full_walk(&tf, day), "leaving the common terms out changed where an article goes");
        let slot = match joined {
            Some(slot) => slot,
            None => self.open_story(),
        };
        self.join(slot, &tf, day);
        let slot = self.merge_similar(slot, &tf);
        if self.live > self.config.max_live as usize {
            self.retire_least_recent();
        }
        self.slots[slot as usize].id
    }

    /// The merges made since the last call, in order: a caller that keeps articles by story
    /// moves the articles of each `from` to its `into`.
    pub fn take_merges(&mut self) -> Vec<Merge> {
        std::mem::take(&mut self.merges)
    }

    /// Merges the story in `slot` with the live stories its centroid now resembles, one at a
    /// time (a merge changes the centroid); returns the slot of the story it ended in.
    fn merge_similar(&mut self, mut slot: u32, tf: &[(u32, f32)]) -> u32 {
        if self.config.merge_threshold <= 0.0 {
            return slot;
        }
        while let Some((other, sim)) = self.most_similar_story(slot, tf) {
            if sim < self.config.merge_threshold {
                break;
            }
            // The larger story lives on (the older of two the same size): a caller that keeps
            // articles by story moves the fewest.
            let rank = |s: u32| (std::cmp::Reverse(self.slots[s as usize].size), self.slots[s as usize].id);
            let (keep, gone) = if rank(other) < rank(slot) { (other, slot) } else { (slot, other) };
            self.absorb(keep, gone);
            self.merges.push(Merge { from: self.slots[gone as usize].id, into: self.slots[keep as usize].id });
            slot = keep;
        }
        slot
    }

    /// The live story that the story in `slot` best fits (see [`StreamClusterer::fit`]) after
    /// the article `tf` joined it. Candidates share the article's most distinctive terms
    /// (what changed is the article); terms that many live stories share tell nothing and
    /// would make the search cost the number of live stories. One of the two must be small.
    fn most_similar_story(&mut self, slot: u32, tf: &[(u32, f32)]) -> Option<(u32, f32)> {
        const SEED_TERMS: usize = 24;
        const MAX_POSTINGS: usize = 256;
        const CANDIDATES: usize = 4;
        self.refresh_norm(slot);
        let slot_small = self.slots[slot as usize].size as usize <= SMALL_STORY;
        let mut seeds: Vec<(u32, f32)> = tf
            .iter()
            .filter(|&&(t, _)| self.postings[t as usize].len() <= MAX_POSTINGS)
            .map(|&(t, w)| (t, w * self.idf(t) * self.idf(t)))
            .collect();
        let n = seeds.len().min(SEED_TERMS);
        if n == 0 {
            return None;
        }
        seeds.select_nth_unstable_by(n - 1, |a, b| b.1.total_cmp(&a.1));
        seeds.truncate(n);
        if self.dot.len() < self.slots.len() {
            self.dot.resize(self.slots.len(), [0.0; 2]);
        }
        let mut touched = std::mem::take(&mut self.touched);
        for &(t, w) in &seeds {
            for &(other, c) in &self.postings[t as usize] {
                let story = &self.slots[other as usize];
                if other == slot || story.retired || !slot_small && story.size as usize > SMALL_STORY {
                    continue;
                }
                let d = &mut self.dot[other as usize];
                if d[0] == 0.0 {
                    touched.push(other);
                }
                d[0] += w * c;
            }
        }
        let mut candidates: Vec<(u32, f32)> = touched.iter().map(|&o| (o, std::mem::take(&mut self.dot[o as usize])[0])).collect();
        touched.clear();
        self.touched = touched;
        candidates.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.truncate(CANDIDATES);
        let mut best: Option<(u32, f32)> = None;
        for (other, _) in candidates {
            self.refresh_norm(other);
            let sim = self.fit(slot, other);
            if best.is_none_or(|(b, s)| sim > s || (sim == s && self.slots[other as usize].id < self.slots[b as usize].id)) {
                best = Some((other, sim));
            }
        }
        best
    }

    /// How well the smaller of two stories fits the other: the mean similarity of its
    /// articles to the other's centroid, on the measure that places articles. 0 when
    /// neither is small.
    fn fit(&self, a: u32, b: u32) -> f32 {
        let (small, large) = if self.slots[a as usize].size <= self.slots[b as usize].size { (a, b) } else { (b, a) };
        let members = &self.slots[small as usize].members;
        if members.is_empty() || members.len() != self.slots[small as usize].size as usize {
            return 0.0;
        }
        let sum: f32 = members.iter().map(|tf| self.article_similarity(tf, large)).sum();
        sum / members.len() as f32
    }

    /// An article's similarity to a story's centroid, blended as
    /// [`StreamClusterer::story_to_join`] blends it, without its time discount or average link.
    fn article_similarity(&self, tf: &[(u32, f32)], slot: u32) -> f32 {
        let story = &self.slots[slot as usize];
        let mut dot = [0.0f32; 2];
        let mut q2 = [0.0f32; 2];
        let mut j = 0;
        for &(t, w) in tf {
            let idf = self.idf(t);
            let ch = self.channel(t);
            q2[ch] += (w * idf).powi(2);
            while j < story.terms.len() && story.terms[j].0 < t {
                j += 1;
            }
            if j < story.terms.len() && story.terms[j].0 == t {
                dot[ch] += w * idf * idf * story.terms[j].1;
            }
        }
        blend(dot, story.norm2, q2, self.config.specific_weight)
    }

    /// Moves the story in `gone` into the one in `keep` and retires it.
    fn absorb(&mut self, keep: u32, gone: u32) {
        let terms = self.slots[gone as usize].terms.clone();
        self.merge_terms(keep, &terms);
        let (size, first, last, seq) = {
            let g = &self.slots[gone as usize];
            (g.size, g.first_day, g.last_day, g.last_seq)
        };
        let members = std::mem::take(&mut self.slots[gone as usize].members);
        let k = &mut self.slots[keep as usize];
        if (k.size + size) as usize <= SMALL_STORY {
            k.members.extend(members);
        } else {
            k.members = Vec::new();
        }
        k.size += size;
        k.last_seq = k.last_seq.max(seq);
        k.first_day = match (k.first_day, first) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        k.last_day = match (k.last_day, last) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        self.retire(gone);
    }

    /// The article's (term, log tf) sorted by term, counting it into the document
    /// frequencies first (unless they are frozen).
    fn article_terms(&mut self, counts: &TermCounts) -> Vec<(u32, f32)> {
        let mut tf: Vec<(u32, f32)> = Vec::with_capacity(counts.pairs().len());
        for &(key, n) in counts.pairs() {
            if n <= 0.0 || !n.is_finite() {
                continue;
            }
            let t = if self.fixed_idf {
                match self.vocabulary.get(&key) {
                    Some(&t) => t,
                    None => continue,
                }
            } else {
                let t = self.term(key);
                self.df[t as usize] += 1;
                t
            };
            tf.push((t, sublinear(n)));
        }
        if !self.fixed_idf {
            self.docs += 1;
        }
        tf.sort_unstable_by_key(|e| e.0);
        tf.dedup_by_key(|e| e.0);
        tf
    }

    fn channel(&self, t: u32) -> usize {
        usize::from(self.keys[t as usize] & SPECIFIC != 0)
    }

    fn norm2_of(&self, terms: &[(u32, f32)]) -> [f32; 2] {
        let mut n = [0.0f32; 2];
        for &(t, c) in terms {
            n[self.channel(t)] += (c * self.idf(t)).powi(2);
        }
        n
    }

    /// The live story an article joins: the most similar one, if it reaches the join
    /// threshold.
    ///
    /// A common word's posting list holds most live stories, and walking it would make every
    /// article cost the number of live stories. So the article's most common terms are left
    /// out of the search for candidates as long as they cannot, on their own, lift a story to
    /// the threshold (see [`common_terms_bound`]): a story that shares nothing else with the
    /// article is then below it. The candidates, the stories sharing one of the other terms,
    /// are scored on all the article's terms, exactly as a full scan would score them.
    fn story_to_join(&mut self, tf: &[(u32, f32)], day: Option<i64>) -> Option<u32> {
        let threshold = self.config.join_threshold;
        let lambda = self.config.specific_weight;
        // (term, channel, weight × idf, weight × idf²) of the article: the last, times a
        // story's summed log frequency, is the term's share of their idf-weighted dot product.
        let mut q2 = [0.0f32; 2];
        let query: Vec<(u32, usize, f32, f32)> = tf
            .iter()
            .map(|&(t, w)| {
                let idf = self.idf(t);
                let ch = self.channel(t);
                let wq = w * idf;
                q2[ch] += wq * wq;
                (t, ch, wq, wq * idf)
            })
            .collect();
        let (common, common2) = if self.config.average_link { (Vec::new(), [0.0; 2]) } else { self.common_terms(&query, q2) };
        if self.dot.len() < self.slots.len() {
            self.dot.resize(self.slots.len(), [0.0; 2]);
        }
        let mut touched = std::mem::take(&mut self.touched);
        for (i, &(t, ch, _, wqi)) in query.iter().enumerate() {
            if common.get(i) == Some(&true) {
                continue;
            }
            for &(slot, c) in &self.postings[t as usize] {
                if self.slots[slot as usize].retired {
                    continue;
                }
                let d = &mut self.dot[slot as usize];
                if d[0] == 0.0 && d[1] == 0.0 {
                    touched.push(slot);
                }
                d[ch] += wqi * c;
            }
        }
        let mut best: Option<(u32, f32, StoryId)> = None;
        for &slot in &touched {
            let mut dot = std::mem::take(&mut self.dot[slot as usize]);
            self.refresh_norm(slot);
            if !common.is_empty() {
                // What the common terms add is at most their bound: most candidates cannot
                // reach the threshold even so. The others are scored on all terms, summed in
                // the article's term order as the walk sums them: the figures a walk of every
                // list gives.
                let norm2 = self.slots[slot as usize].norm2;
                let partial = blend(dot, norm2, q2, lambda);
                if partial + common_terms_bound(common2, q2, lambda) + 1e-4 < threshold {
                    continue;
                }
                dot = [0.0; 2];
                let terms = &self.slots[slot as usize].terms;
                let mut j = 0;
                for &(t, ch, _, wqi) in &query {
                    j += terms[j..].partition_point(|e| e.0 < t);
                    if j == terms.len() {
                        break;
                    }
                    if terms[j].0 == t {
                        dot[ch] += wqi * terms[j].1;
                    }
                }
            }
            let story = &self.slots[slot as usize];
            let sim = if self.config.average_link {
                let qn = (q2[0] + q2[1]).sqrt();
                let size = story.size as f32;
                if size > 0.0 && qn > 0.0 {
                    (dot[0] + dot[1]) / (qn * size)
                } else {
                    0.0
                }
            } else {
                blend(dot, story.norm2, q2, lambda)
            };
            let sim = sim * time_factor(day, story.first_day, story.last_day, self.config.half_similarity_days);
            if best.is_none_or(|(_, s, id)| sim > s || (sim == s && story.id < id)) {
                best = Some((slot, sim, story.id));
            }
        }
        touched.clear();
        self.touched = touched;
        best.filter(|&(_, sim, _)| sim >= threshold).map(|(slot, _, _)| slot)
    }

    /// Which of the article's terms (by position in `query`) need not be looked up to find
    /// the story it joins: its most common terms (longest posting lists first) while together
    /// they cannot bring a story to the join threshold. Empty when leaving none out is as
    /// cheap.
    fn common_terms(&self, query: &[(u32, usize, f32, f32)], q2: [f32; 2]) -> (Vec<bool>, [f32; 2]) {
        // Lists shorter than this cost less to walk than the exact scoring they would save.
        const LONG_LIST: usize = 32;
        let lambda = self.config.specific_weight;
        if !(0.0..=1.0).contains(&lambda) {
            return (Vec::new(), [0.0; 2]);
        }
        let mut by_length: Vec<(usize, usize)> = query
            .iter()
            .enumerate()
            .map(|(i, &(t, ..))| (self.postings[t as usize].len(), i))
            .filter(|&(len, _)| len >= LONG_LIST)
            .collect();
        if by_length.is_empty() {
            return (Vec::new(), [0.0; 2]);
        }
        by_length.sort_unstable_by(|a, b| b.cmp(a));
        let mut common = vec![false; query.len()];
        let mut common2 = [0.0f32; 2];
        let mut any = false;
        for (_, i) in by_length {
            let (_, ch, wq, _) = query[i];
            let mut with = common2;
            with[ch] += wq * wq;
            if common_terms_bound(with, q2, lambda) >= self.config.join_threshold {
                break;
            }
            common2 = with;
            common[i] = true;
            any = true;
        }
        if any {
            (common, common2)
        } else {
            (Vec::new(), [0.0; 2])
        }
    }

    /// Recomputes a story's norm once the collection has grown by a quarter since it was
    /// worked out: idf drifts slowly, and a full recompute per comparison would cost the
    /// story's size each time.
    fn refresh_norm(&mut self, slot: u32) {
        let story = &self.slots[slot as usize];
        if !self.fixed_idf && self.docs as f64 > story.norm_docs as f64 * f64::from(NORM_REFRESH) {
            let norm2 = self.norm2_of(&story.terms);
            let story = &mut self.slots[slot as usize];
            story.norm2 = norm2;
            story.norm_docs = self.docs;
        }
    }

    fn open_story(&mut self) -> u32 {
        let slot = self.slots.len() as u32;
        self.slots.push(Story { id: self.next_id, ..Story::default() });
        self.next_id += 1;
        self.live += 1;
        slot
    }

    fn join(&mut self, slot: u32, tf: &[(u32, f32)], day: Option<i64>) {
        let scaled: Vec<(u32, f32)>;
        let tf = if self.config.average_link {
            let n = self.norm2_of(tf);
            let norm = (n[0] + n[1]).sqrt();
            scaled = tf.iter().map(|&(t, w)| (t, if norm > 0.0 { w / norm } else { 0.0 })).collect();
            &scaled[..]
        } else {
            tf
        };
        self.merge_terms(slot, tf);
        let story = &mut self.slots[slot as usize];
        if story.size as usize + 1 <= SMALL_STORY {
            story.members.push(tf.to_vec());
        } else {
            story.members = Vec::new();
        }
        story.size += 1;
        story.last_seq = self.seq;
        if let Some(d) = day {
            story.first_day = Some(story.first_day.map_or(d, |f| f.min(d)));
            story.last_day = Some(story.last_day.map_or(d, |l| l.max(d)));
        }
    }

    /// Adds sorted (term, weight) pairs to a story's terms and posting entries, keeping at
    /// most the story's cap of terms.
    fn merge_terms(&mut self, slot: u32, tf: &[(u32, f32)]) {
        let story = &mut self.slots[slot as usize];
        // Merge the article's sorted terms into the story's, and its weights into the
        // posting lists (a story's entry is near the end of a list: stories in the news are
        // the recent ones).
        let old = std::mem::take(&mut story.terms);
        let mut merged = Vec::with_capacity(old.len() + tf.len());
        let (mut i, mut j) = (0, 0);
        while i < old.len() || j < tf.len() {
            if j == tf.len() || (i < old.len() && old[i].0 < tf[j].0) {
                merged.push(old[i]);
                i += 1;
            } else if i == old.len() || tf[j].0 < old[i].0 {
                merged.push(tf[j]);
                self.postings[tf[j].0 as usize].push((slot, tf[j].1));
                j += 1;
            } else {
                let (t, w) = (old[i].0, old[i].1 + tf[j].1);
                merged.push((t, w));
                if let Some(e) = self.postings[t as usize].iter_mut().rev().find(|e| e.0 == slot) {
                    e.1 = w;
                }
                i += 1;
                j += 1;
            }
        }
        let cap = self.config.max_story_terms.max(1) as usize;
        if merged.len() > cap + cap / 2 {
            // Drop down to the cap at once, so that pruning is paid once per half-cap of
            // new terms.
            let mut by_weight: Vec<(u32, f32)> = merged.clone();
            by_weight.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            for &(t, _) in &by_weight[cap..] {
                self.postings[t as usize].retain(|e| e.0 != slot);
            }
            by_weight.truncate(cap);
            by_weight.sort_unstable_by_key(|e| e.0);
            merged = by_weight;
        }
        let norm2 = self.norm2_of(&merged);
        let story = &mut self.slots[slot as usize];
        story.terms = merged;
        story.norm2 = norm2;
        story.norm_docs = self.docs;
    }

    fn retire(&mut self, slot: u32) {
        let story = &mut self.slots[slot as usize];
        if story.retired {
            return;
        }
        story.retired = true;
        self.live -= 1;
        let terms = std::mem::take(&mut story.terms);
        for (t, _) in terms {
            let t = t as usize;
            self.dead[t] += 1;
            if self.dead[t] as usize * 2 >= self.postings[t].len() {
                let slots = &self.slots;
                self.postings[t].retain(|e| !slots[e.0 as usize].retired);
                self.dead[t] = 0;
                // Most terms belong to one story: once it retires their lists are empty for
                // good, and an empty list's allocation would otherwise be kept per term.
                if self.postings[t].is_empty() {
                    self.postings[t] = Vec::new();
                }
            }
        }
    }

    fn retire_old(&mut self) {
        let Some(clock) = self.clock else { return };
        let cutoff = clock - i64::from(self.config.window_days);
        let old: Vec<u32> = (0..self.slots.len() as u32)
            .filter(|&s| {
                let story = &self.slots[s as usize];
                !story.retired && story.last_day.is_some_and(|d| d < cutoff)
            })
            .collect();
        for slot in old {
            self.retire(slot);
        }
    }

    /// Retires the least recently updated tenth of the live stories at once, so that the
    /// sort is paid rarely.
    fn retire_least_recent(&mut self) {
        let mut live: Vec<(u64, u32)> =
            self.slots.iter().enumerate().filter(|(_, s)| !s.retired).map(|(i, s)| (s.last_seq, i as u32)).collect();
        live.sort_unstable();
        let n = (live.len() / 10).max(1);
        for &(_, slot) in &live[..n] {
            self.retire(slot);
        }
    }

    /// The whole state as compact bytes (see [`StreamClusterer::load`]).
    pub fn save(&self) -> Vec<u8> {
        self.write_state(false)
    }

    /// The state in parts (see [`SplitState`]), to be stored together (all of it, or none);
    /// once stored, [`StreamClusterer::mark_saved`]. Restored by
    /// [`StreamClusterer::load_split`] from the head and the latest bytes of every page.
    pub fn save_split(&self) -> SplitState {
        let pages = (0..self.keys.len().div_ceil(VOCABULARY_PAGE))
            .filter(|&p| self.page_changed.get(p).copied().unwrap_or(true))
            .map(|p| {
                let terms = p * VOCABULARY_PAGE..self.keys.len().min((p + 1) * VOCABULARY_PAGE);
                let mut w = Writer(Vec::with_capacity(11 * terms.len()));
                self.write_vocabulary(&mut w, terms);
                (p as u32, w.0)
            })
            .collect();
        SplitState { head: self.write_state(true), pages }
    }

    /// The parts of the last [`StreamClusterer::save_split`] are stored: the next one leaves
    /// out the pages unchanged since.
    pub fn mark_saved(&mut self) {
        self.page_changed.clear();
        self.page_changed.resize(self.keys.len().div_ceil(VOCABULARY_PAGE), false);
    }

    /// The state; with `split`, the vocabulary is left out but for its size.
    fn write_state(&self, split: bool) -> Vec<u8> {
        // Reserved at once: the vocabulary makes the state tens of megabytes at 100k articles,
        // and growing it by doubling copied it several times over.
        let story_terms: usize = self.slots.iter().map(|s| s.terms.len()).sum();
        let vocabulary = if split { 0 } else { 11 * self.keys.len() };
        let mut w = Writer(Vec::with_capacity(64 + vocabulary + 9 * story_terms + 48 * self.live));
        w.0.extend_from_slice(MAGIC);
        w.0.push(if split { SPLIT_VERSION } else { VERSION });
        let c = &self.config;
        w.f32(c.join_threshold);
        w.var(u64::from(c.window_days));
        w.var(u64::from(c.max_live));
        w.f32(c.half_similarity_days);
        w.f32(c.specific_weight);
        w.0.push(u8::from(c.average_link));
        w.var(u64::from(c.max_story_terms));
        w.f32(c.merge_threshold);
        w.0.push(u8::from(self.fixed_idf));
        w.var(self.docs);
        w.opt_day(self.clock);
        w.var(self.seq);
        w.var(u64::from(self.next_id));
        w.var(self.keys.len() as u64);
        if !split {
            self.write_vocabulary(&mut w, 0..self.keys.len());
        }
        w.var(self.live as u64);
        for s in self.slots.iter().filter(|s| !s.retired) {
            w.var(u64::from(s.id));
            w.f32(s.norm2[0]);
            w.f32(s.norm2[1]);
            w.var(s.norm_docs);
            w.opt_day(s.first_day);
            w.opt_day(s.last_day);
            w.var(s.last_seq);
            w.var(u64::from(s.size));
            w.terms(&s.terms);
            w.var(s.members.len() as u64);
            for m in &s.members {
                w.terms(m);
            }
        }
        w.0
    }

    fn write_vocabulary(&self, w: &mut Writer, terms: std::ops::Range<usize>) {
        for (&key, &df) in self.keys[terms.clone()].iter().zip(&self.df[terms]) {
            w.0.extend_from_slice(&key.to_le_bytes());
            w.var(u64::from(df));
        }
    }

    /// Restores a state written by [`StreamClusterer::save`]. Corrupt or truncated bytes give
    /// an error, never a panic.
    pub fn load(bytes: &[u8]) -> Result<Self, StateError> {
        Self::load_split(bytes, |_| None)
    }

    /// Restores a state saved in parts (see [`StreamClusterer::save_split`]): `head`, and
    /// `page(n)` the bytes of vocabulary page `n`. A whole state (see
    /// [`StreamClusterer::save`]) loads too, and its next split save holds every page.
    pub fn load_split(head: &[u8], mut page: impl FnMut(u32) -> Option<Vec<u8>>) -> Result<Self, StateError> {
        let mut r = Reader { bytes: head, at: 0 };
        if r.take(4)? != MAGIC {
            return Err(StateError("not a story clustering state".into()));
        }
        let version = r.byte()?;
        // Version 1 had no story merging; version 3 is version 2 with its vocabulary apart.
        if !(1..=SPLIT_VERSION).contains(&version) {
            return Err(StateError(format!("version {version}, this build reads up to {SPLIT_VERSION}")));
        }
        let config = StreamConfig {
            join_threshold: r.f32()?,
            window_days: r.var_u32()?,
            max_live: r.var_u32()?,
            half_similarity_days: r.f32()?,
            specific_weight: r.f32()?,
            average_link: match r.byte()? {
                0 => false,
                1 => true,
                b => return Err(StateError(format!("bad flag {b}"))),
            },
            max_story_terms: r.var_u32()?,
            merge_threshold: 0.0,
        };
        // A state from before stories could merge did not choose not to merge: it takes this
        // build's default.
        let merge_threshold = if version >= 2 { r.f32()? } else { StreamConfig::default().merge_threshold };
        let config = StreamConfig { merge_threshold, ..config };
        let mut c = Self::new(config);
        c.fixed_idf = match r.byte()? {
            0 => false,
            1 => true,
            b => return Err(StateError(format!("bad flag {b}"))),
        };
        c.docs = r.var()?;
        c.clock = r.opt_day()?;
        c.seq = r.var()?;
        c.next_id = r.var_u32()?;
        if version == SPLIT_VERSION {
            let terms = r.var_u32()? as usize;
            for p in 0..terms.div_ceil(VOCABULARY_PAGE) {
                let bytes = page(p as u32).ok_or_else(|| StateError(format!("vocabulary page {p} missing")))?;
                let mut pr = Reader { bytes: &bytes, at: 0 };
                for _ in p * VOCABULARY_PAGE..terms.min((p + 1) * VOCABULARY_PAGE) {
                    c.read_term(&mut pr)?;
                }
                if pr.at != bytes.len() {
                    return Err(StateError(format!("vocabulary page {p}: trailing bytes")));
                }
            }
        } else {
            for _ in 0..r.count(9)? {
                c.read_term(&mut r)?;
            }
        }
        let live = r.count(8)?;
        let mut last_id = None;
        for _ in 0..live {
            let id = r.var_u32()?;
            if id >= c.next_id || last_id.is_some_and(|l| id <= l) {
                return Err(StateError(format!("bad story number {id}")));
            }
            last_id = Some(id);
            let mut s = Story {
                id,
                norm2: [r.f32()?, r.f32()?],
                norm_docs: r.var()?,
                first_day: r.opt_day()?,
                last_day: r.opt_day()?,
                last_seq: r.var()?,
                size: r.var_u32()?,
                ..Story::default()
            };
            s.terms = r.terms(c.keys.len())?;
            if version >= 2 {
                let n = r.count(1)?;
                if n > SMALL_STORY {
                    return Err(StateError("too many story members".into()));
                }
                for _ in 0..n {
                    s.members.push(r.terms(c.keys.len())?);
                }
            }
            let slot = c.slots.len() as u32;
            for &(t, w) in &s.terms {
                c.postings[t as usize].push((slot, w));
            }
            c.slots.push(s);
            c.live += 1;
        }
        if r.at != head.len() {
            return Err(StateError("trailing bytes".into()));
        }
        if version == SPLIT_VERSION {
            c.mark_saved();
        }
        Ok(c)
    }

    /// One vocabulary entry: the term's key and document frequency.
    fn read_term(&mut self, r: &mut Reader) -> Result<(), StateError> {
        let key = u64::from_le_bytes(r.take(8)?.try_into().map_err(|_| StateError("truncated".into()))?);
        let df = r.var_u32()?;
        if self.vocabulary.contains_key(&key) {
            return Err(StateError("repeated term".into()));
        }
        let t = self.term(key);
        self.df[t as usize] = df;
        Ok(())
    }
}

/// The similarity of an article to a story from their dot products and squared norms, per
/// channel (words, specifics): the words' cosine blended with the specifics' by `lambda`. An
/// article without specifics is judged on its words alone.
fn blend(dot: [f32; 2], story: [f32; 2], article: [f32; 2], lambda: f32) -> f32 {
    let words = cosine(dot[0], story[0], article[0]);
    if article[1] > 0.0 {
        (1.0 - lambda) * words + lambda * cosine(dot[1], story[1], article[1])
    } else {
        words
    }
}

/// How much the collection may grow past the document count a story's norm was computed at
/// before the norm is computed again ([`StreamClusterer::refresh_norm`]); the candidate
/// search's bound ([`common_terms_bound`]) allows for exactly that lag.
const NORM_REFRESH: f32 = 1.25;

/// The most that terms of squared weight `common2` (per channel) can add to an article's
/// similarity to a story (see [`blend`]) whose article weights square to `article2`: by
/// Cauchy-Schwarz, their dot product with a story is at most their norm times the story's, so
/// each channel's cosine is at most their share of the article's norm. A story's norm may lag
/// the collection's idf by up to a quarter more documents (see
/// [`StreamClusterer::refresh_norm`]), which raises an idf of at least 1 by at most ln 1.25,
/// a factor under 1.25.
fn common_terms_bound(common2: [f32; 2], article2: [f32; 2], lambda: f32) -> f32 {
    let share = |ch: usize| if article2[ch] > 0.0 { NORM_REFRESH * (common2[ch] / article2[ch]).sqrt() } else { 0.0 };
    if article2[1] > 0.0 {
        (1.0 - lambda) * share(0) + lambda * share(1)
    } else {
        share(0)
    }
}

fn cosine(dot: f32, a2: f32, b2: f32) -> f32 {
    let d = (a2 * b2).sqrt();
    if d <= 1e-9 {
        0.0
    } else {
        dot / d
    }
}

/// 1 within the story's dates, halving every `half` days outside them; 1 when a date is
/// missing.
pub(crate) fn time_factor(day: Option<i64>, first: Option<i64>, last: Option<i64>, half: f32) -> f32 {
    match (day, first, last) {
        (Some(d), Some(f), Some(l)) => {
            let gap = (f - d).max(d - l).max(0) as f32;
            if half > 0.0 {
                1.0 / (1.0 + gap / half)
            } else {
                1.0
            }
        }
        _ => 1.0,
    }
}

struct Writer(Vec<u8>);

impl Writer {
    fn var(&mut self, mut v: u64) {
        let mut buf = [0u8; 10];
        let mut n = 0;
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                buf[n] = b;
                self.0.extend_from_slice(&buf[..=n]);
                return;
            }
            buf[n] = b | 0x80;
            n += 1;
        }
    }

    fn f32(&mut self, v: f32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    /// Sorted (term, weight) pairs, terms as gaps.
    fn terms(&mut self, terms: &[(u32, f32)]) {
        self.var(terms.len() as u64);
        let mut prev = 0u32;
        for &(t, c) in terms {
            self.var(u64::from(t - prev));
            self.f32(c);
            prev = t;
        }
    }

    fn opt_day(&mut self, d: Option<i64>) {
        match d {
            None => self.0.push(0),
            Some(d) => {
                self.0.push(1);
                // Zig-zag, so that days before 1970 stay short.
                self.var(((d << 1) ^ (d >> 63)) as u64);
            }
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], StateError> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or_else(|| StateError("truncated".into()))?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn byte(&mut self) -> Result<u8, StateError> {
        Ok(self.take(1)?[0])
    }

    fn var(&mut self) -> Result<u64, StateError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let part = u64::from(b & 0x7f);
            if shift == 63 && part > 1 {
                return Err(StateError("number too large".into()));
            }
            v |= part << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(StateError("number too long".into()))
    }

    fn var_u32(&mut self) -> Result<u32, StateError> {
        u32::try_from(self.var()?).map_err(|_| StateError("number too large".into()))
    }

    /// A count of items each at least `min_bytes` long: a count the remaining bytes cannot
    /// hold is corrupt (and would otherwise ask for a huge allocation).
    fn count(&mut self, min_bytes: usize) -> Result<usize, StateError> {
        let n = self.var()?;
        let room = (self.bytes.len() - self.at) / min_bytes.max(1);
        if n > room as u64 {
            return Err(StateError("count larger than the data".into()));
        }
        Ok(n as usize)
    }

    fn f32(&mut self) -> Result<f32, StateError> {
        let b = self.take(4)?;
        let v = f32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        if v.is_finite() {
            Ok(v)
        } else {
            Err(StateError("not a number".into()))
        }
    }

    /// Sorted (term, weight) pairs written by `Writer::terms`, each term under `vocabulary`.
    fn terms(&mut self, vocabulary: usize) -> Result<Vec<(u32, f32)>, StateError> {
        let n = self.count(5)?;
        let mut terms = Vec::with_capacity(n);
        let mut t = 0u32;
        for k in 0..n {
            let delta = self.var_u32()?;
            t = t.checked_add(delta).ok_or_else(|| StateError("bad term".into()))?;
            if (k > 0 && delta == 0) || t as usize >= vocabulary {
                return Err(StateError("bad term".into()));
            }
            terms.push((t, self.f32()?));
        }
        Ok(terms)
    }

    fn opt_day(&mut self) -> Result<Option<i64>, StateError> {
        match self.byte()? {
            0 => Ok(None),
            1 => {
                let z = self.var()?;
                Ok(Some(((z >> 1) as i64) ^ -((z & 1) as i64)))
            }
            b => Err(StateError(format!("bad flag {b}"))),
        }
    }
}

#[cfg(test)]
impl StreamClusterer {
    /// [`StreamClusterer::story_to_join`] by walking the posting list of every term of the
    /// article: what it must agree with.
    fn story_by_full_walk(&mut self, tf: &[(u32, f32)], day: Option<i64>) -> Option<u32> {
        let mut dot: HashMap<u32, [f32; 2]> = HashMap::default();
        let mut order = Vec::new();
        let mut q2 = [0.0f32; 2];
        for &(t, w) in tf {
            let idf = self.idf(t);
            let ch = self.channel(t);
            let wq = w * idf;
            q2[ch] += wq * wq;
            for &(slot, c) in &self.postings[t as usize] {
                if !self.slots[slot as usize].retired {
                    let d = dot.entry(slot).or_insert_with(|| {
                        order.push(slot);
                        [0.0; 2]
                    });
                    d[ch] += wq * idf * c;
                }
            }
        }
        let mut best: Option<(u32, f32, StoryId)> = None;
        for slot in order {
            self.refresh_norm(slot);
            let story = &self.slots[slot as usize];
            let d = dot[&slot];
            let sim = if self.config.average_link {
                let qn = (q2[0] + q2[1]).sqrt();
                if story.size > 0 && qn > 0.0 {
                    (d[0] + d[1]) / (qn * story.size as f32)
                } else {
                    0.0
                }
            } else {
                blend(d, story.norm2, q2, self.config.specific_weight)
            };
            let sim = sim * time_factor(day, story.first_day, story.last_day, self.config.half_similarity_days);
            if best.is_none_or(|(_, s, id)| sim > s || (sim == s && story.id < id)) {
                best = Some((slot, sim, story.id));
            }
        }
        best.filter(|&(_, sim, _)| sim >= self.config.join_threshold).map(|(slot, _, _)| slot)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Article `k` of a stream where every story shares a pool of everyday words with the
    /// others (their posting lists hold most live stories) and has words and numbers of its
    /// own; some articles borrow another story's words, so that decisions near the threshold
    /// occur.
    fn article(k: u64) -> TermCounts {
        let mut rng = k.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        let mut next = |n: u64| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng % n
        };
        let story = k / 6;
        let mut pairs: Vec<(u64, f32)> = (0..40).map(|_| (1 + next(300), 1.0)).collect();
        let own = 4 + next(16);
        pairs.extend((0..own).map(|_| (1_000 + story * 64 + next(40), 1.0 + next(3) as f32)));
        pairs.extend((0..next(4)).map(|_| ((1_000_000 + story * 8 + next(6)) | SPECIFIC, 4.0)));
        if next(4) == 0 {
            let other = story.saturating_sub(1 + next(30));
            pairs.extend((0..next(12)).map(|_| (1_000 + other * 64 + next(40), 1.0)));
        }
        TermCounts::from_pairs(pairs)
    }

    #[test]
    fn leaving_common_terms_out_places_every_article_as_a_full_walk_would() {
        // `add` checks each placement against a full walk of the posting lists (in tests).
        for config in [
            StreamConfig::default(),
            StreamConfig { join_threshold: 0.15, merge_threshold: 0.0, ..StreamConfig::default() },
            StreamConfig { join_threshold: 0.35, specific_weight: 0.0, ..StreamConfig::default() },
        ] {
            let mut c = StreamClusterer::new(config);
            for k in 0..2_500u64 {
                let date = CalendarDate { year: 2031, month: 1 + (k / 250) as u8, day: 1 + (k % 250 / 10) as u8 };
                c.add(&article(k), Some(date));
            }
            assert!(c.stories() > 100 && c.stories() < 2_500, "{} stories", c.stories());
        }
    }

    #[test]
    fn a_state_from_before_story_merging_merges_by_default() {
        let config = StreamConfig { merge_threshold: 0.45, ..StreamConfig::default() };
        // No story: version 1 stories also had no members.
        let saved = StreamClusterer::new(config).save();
        // Version 1 wrote the same configuration up to the merge threshold, and no threshold.
        let mut w = Writer(Vec::new());
        w.f32(config.join_threshold);
        w.var(u64::from(config.window_days));
        w.var(u64::from(config.max_live));
        w.f32(config.half_similarity_days);
        w.f32(config.specific_weight);
        w.0.push(u8::from(config.average_link));
        w.var(u64::from(config.max_story_terms));
        let threshold_at = MAGIC.len() + 1 + w.0.len();
        assert_eq!(saved[threshold_at..threshold_at + 4], 0.45f32.to_le_bytes());
        let mut v1 = saved[..threshold_at].to_vec();
        v1[MAGIC.len()] = 1;
        v1.extend_from_slice(&saved[threshold_at + 4..]);
        let loaded = StreamClusterer::load(&v1).expect("a version 1 state loads");
        assert_eq!(loaded.config().merge_threshold, StreamConfig::default().merge_threshold);
        assert_eq!(loaded.config().join_threshold, config.join_threshold);
        assert_eq!(StreamClusterer::load(&saved).expect("loads").config().merge_threshold, 0.45);
    }

    #[test]
    fn a_state_saved_in_parts_writes_the_changed_pages_and_loads_as_the_whole_state() {
        let mut c = StreamClusterer::new(StreamConfig::default());
        let mut stored: HashMap<u32, Vec<u8>> = HashMap::default();
        let mut head = Vec::new();
        let mut k = 0u64;
        let save = |c: &mut StreamClusterer, stored: &mut HashMap<u32, Vec<u8>>, head: &mut Vec<u8>| {
            let split = c.save_split();
            *head = split.head;
            let written: Vec<u32> = split.pages.iter().map(|p| p.0).collect();
            stored.extend(split.pages);
            c.mark_saved();
            written
        };
        // Enough distinct words for a few pages.
        let wordy = |k: u64| TermCounts::from_pairs((0..400).map(|j| (10_000_000 + k * 400 + j, 1.0)).chain([(1, 1.0)]));
        while c.keys.len() < 3 * VOCABULARY_PAGE {
            c.add(&wordy(k), None);
            k += 1;
        }
        let written = save(&mut c, &mut stored, &mut head);
        assert_eq!(written, vec![0, 1, 2, 3], "a first save writes every page");
        // An article of the common word (term 0) and a new one changes the first and the last
        // page only.
        c.add(&TermCounts::from_pairs([(1, 1.0), (5, 1.0)]), None);
        let written = save(&mut c, &mut stored, &mut head);
        assert_eq!(written, vec![0, 3], "then only the changed pages");
        let page = |n: u32| stored.get(&n).cloned();
        let loaded = StreamClusterer::load_split(&head, page).expect("loads");
        assert_eq!(loaded.save(), c.save(), "the parts load as the whole state");
        let mut again = loaded.clone();
        assert!(again.save_split().pages.is_empty(), "a loaded state has nothing new to save");
        again.add(&wordy(k), None);
        let mut whole = c.clone();
        whole.add(&wordy(k), None);
        assert_eq!(again.save(), whole.save());
        // A whole state (as earlier builds saved) loads, and saves every page next.
        let old = StreamClusterer::load_split(&c.save(), |_| None).expect("loads");
        assert_eq!(old.save_split().pages.len(), 4);
        // A missing or damaged page is an error.
        assert!(StreamClusterer::load_split(&head, |n| if n == 1 { None } else { page(n) }).is_err());
        assert!(StreamClusterer::load_split(&head, |n| page(n).map(|mut b| {
            b.pop();
            b
        }))
        .is_err());
    }
}
