//! Near-duplicates: syndicated and lightly edited copies of an article.
//!
//! Each article gets a MinHash [`Signature`] of its word 4-grams (the reading stage's case-
//! folded word keys, so case and punctuation edits do not matter). Signatures are indexed by
//! band (locality-sensitive hashing): an arriving article is compared only with articles that
//! share a whole band with it, so the cost per article does not grow with the collection.
//! A candidate is a copy when the estimated resemblance of the two texts clears
//! [`COPY_RESEMBLANCE`]. Articles older than the window retire from the index: syndication
//! happens within days, and a bounded index keeps memory bounded.
//!
//! The index holds no text. It is rebuilt from stored signatures (see [`Signature::to_bytes`])
//! when a collection is reopened.

use parallax_core::hash::FastMap;

/// Hash functions per signature.
pub const HASHES: usize = 64;
/// Bands × rows = [`HASHES`]. Sixteen bands of four rows find pairs whose resemblance is over
/// about 0.5 with high probability (1 − (1 − s⁴)¹⁶ is 0.64 at s = 0.5, 0.98 at 0.7).
const BANDS: usize = 16;
const ROWS: usize = HASHES / BANDS;
/// Words per shingle.
const SHINGLE: usize = 4;
/// Estimated resemblance (Jaccard of the shingle sets) from which an article is a copy.
pub const COPY_RESEMBLANCE: f32 = 0.7;

/// A MinHash signature: per hash function, the least hash of the article's shingles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub [u32; HASHES]);

/// Per-function seeds, fixed so signatures stay comparable across runs and versions.
const fn seeds() -> [u64; HASHES] {
    let mut out = [0u64; HASHES];
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut i = 0;
    while i < HASHES {
        // splitmix64
        x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        out[i] = z ^ (z >> 31) | 1;
        i += 1;
    }
    out
}
const SEEDS: [u64; HASHES] = seeds();

impl Signature {
    /// The signature of a text given as its word keys in order; `None` when it has fewer
    /// words than one shingle (nothing to compare).
    pub fn of_words(keys: &[u64]) -> Option<Signature> {
        if keys.len() < SHINGLE {
            return None;
        }
        let mut min = [u32::MAX; HASHES];
        for w in keys.windows(SHINGLE) {
            let shingle = w.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &k| (h ^ k).wrapping_mul(0x0100_0000_01b3));
            for (m, &seed) in min.iter_mut().zip(&SEEDS) {
                // One multiply per function: a multiplicative hash of the shingle hash.
                let h = ((shingle.wrapping_mul(seed)) >> 32) as u32;
                if h < *m {
                    *m = h;
                }
            }
        }
        Some(Signature(min))
    }

    /// Estimated resemblance of the two texts: the share of functions whose minima agree.
    pub fn resemblance(&self, other: &Signature) -> f32 {
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f32 / HASHES as f32
    }

    fn band(&self, b: usize) -> u64 {
        let rows = &self.0[b * ROWS..(b + 1) * ROWS];
        rows.iter().fold((b as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15), |h, &r| (h ^ u64::from(r)).wrapping_mul(0x0100_0000_01b3))
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|x| x.to_le_bytes()).collect()
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != HASHES * 4 {
            return None;
        }
        let mut out = [0u32; HASHES];
        for (o, c) in out.iter_mut().zip(bytes.chunks_exact(4)) {
            *o = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        }
        Some(Signature(out))
    }
}

/// An indexed article.
struct Member {
    id: u64,
    signature: Signature,
    /// Day number (see [`parallax_core::calendar`]) it is dated, for retiring.
    day: i64,
}

/// The articles of the window, by band.
pub struct NearDuplicates {
    members: Vec<Option<Member>>,
    bands: FastMap<u64, Vec<u32>>,
    /// Days an article stays a possible original.
    window_days: i64,
    /// The latest day seen: the window ends there.
    latest: i64,
    live: usize,
}

/// A copy found: its original and their estimated resemblance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Original {
    pub id: u64,
    pub resemblance: f32,
}

impl NearDuplicates {
    pub fn new(window_days: i64) -> Self {
        NearDuplicates { members: Vec::new(), bands: FastMap::default(), window_days: window_days.max(1), latest: i64::MIN, live: 0 }
    }

    /// Articles in the index.
    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// The article this signature copies, if any: the most resembling indexed article over
    /// the bar (the earliest added among equals).
    pub fn original_of(&self, signature: &Signature) -> Option<Original> {
        let mut best: Option<(f32, u32)> = None;
        for b in 0..BANDS {
            let Some(slots) = self.bands.get(&signature.band(b)) else { continue };
            for &slot in slots {
                let Some(m) = self.members.get(slot as usize).and_then(Option::as_ref) else { continue };
                let r = signature.resemblance(&m.signature);
                if r >= COPY_RESEMBLANCE && best.is_none_or(|(br, bs)| r > br || (r == br && slot < bs)) {
                    best = Some((r, slot));
                }
            }
        }
        best.and_then(|(r, slot)| self.members[slot as usize].as_ref().map(|m| Original { id: m.id, resemblance: r }))
    }

    /// Indexes an article dated `day` (an undated one takes the latest day seen), then retires
    /// articles that fell out of the window.
    pub fn add(&mut self, id: u64, signature: Signature, day: Option<i64>) {
        let day = day.unwrap_or(if self.latest == i64::MIN { 0 } else { self.latest });
        let slot = self.members.len() as u32;
        for b in 0..BANDS {
            self.bands.entry(signature.band(b)).or_default().push(slot);
        }
        self.members.push(Some(Member { id, signature, day }));
        self.live += 1;
        if day > self.latest {
            self.latest = day;
            self.retire();
        }
    }

    fn retire(&mut self) {
        let cutoff = self.latest - self.window_days;
        // Rare (once per new latest day) and linear: simpler than an ordered structure.
        let mut gone = false;
        for m in self.members.iter_mut() {
            if m.as_ref().is_some_and(|m| m.day < cutoff) {
                *m = None;
                self.live -= 1;
                gone = true;
            }
        }
        if gone {
            let members = &self.members;
            self.bands.retain(|_, slots| {
                slots.retain(|&s| members[s as usize].is_some());
                !slots.is_empty()
            });
            self.compact();
        }
    }

    /// Drops retired slots once they are most of the vector, renumbering the rest.
    fn compact(&mut self) {
        if self.live * 2 > self.members.len() {
            return;
        }
        let mut renumber = vec![u32::MAX; self.members.len()];
        let mut kept = Vec::with_capacity(self.live);
        for (old, m) in self.members.drain(..).enumerate() {
            if let Some(m) = m {
                renumber[old] = kept.len() as u32;
                kept.push(Some(m));
            }
        }
        self.members = kept;
        for slots in self.bands.values_mut() {
            for s in slots.iter_mut() {
                *s = renumber[*s as usize];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallax_core::words::word_key;

    fn keys(text: &str) -> Vec<u64> {
        text.split_whitespace().map(|w| word_key(w.trim_matches(|c: char| !c.is_alphanumeric()))).collect()
    }

    const STORY: &str = "Ferry crews at Tarn Harbour walked off the job on Monday over a pay dispute with the \
        operator, stranding hundreds of passengers. The union said talks had broken down after the operator \
        offered a four percent rise. Passengers queued for hours at the terminal while a skeleton service ran \
        to the islands. The operator said it regretted the disruption and hoped to resume talks within days.";

    #[test]
    fn a_lightly_edited_copy_is_found_and_another_story_is_not() {
        let mut index = NearDuplicates::new(7);
        index.add(1, Signature::of_words(&keys(STORY)).unwrap(), Some(100));
        let other = "Orchard growers in the valley counted their losses after a late frost destroyed much of the \
            apple blossom. Growers said insurance would cover only part of the damage this season.";
        index.add(2, Signature::of_words(&keys(other)).unwrap(), Some(100));
        let edited = STORY.replace("hundreds of", "many").replace("Monday", "MONDAY");
        let found = index.original_of(&Signature::of_words(&keys(&edited)).unwrap());
        assert_eq!(found.map(|o| o.id), Some(1));
        let unrelated = "Lighthouse keepers on the northern coast voted on a new roster after months of argument \
            about night shifts and the cost of the supply boat.";
        assert_eq!(index.original_of(&Signature::of_words(&keys(unrelated)).unwrap()), None);
    }

    #[test]
    fn resemblance_estimates_jaccard() {
        let a = Signature::of_words(&keys(STORY)).unwrap();
        assert_eq!(a.resemblance(&a), 1.0);
        let half: String = STORY.split_whitespace().take(35).collect::<Vec<_>>().join(" ");
        let b = Signature::of_words(&keys(&half)).unwrap();
        let r = a.resemblance(&b);
        // 32 of the 63 shingles are shared: about one half.
        assert!((0.3..0.75).contains(&r), "{r}");
    }

    #[test]
    fn old_articles_retire_from_the_window() {
        let mut index = NearDuplicates::new(7);
        index.add(1, Signature::of_words(&keys(STORY)).unwrap(), Some(100));
        let other = "Orchard growers in the valley counted their losses after a late frost destroyed the blossom.";
        index.add(2, Signature::of_words(&keys(other)).unwrap(), Some(120));
        assert_eq!(index.len(), 1);
        assert_eq!(index.original_of(&Signature::of_words(&keys(STORY)).unwrap()), None);
        // Undated articles take the latest day.
        index.add(3, Signature::of_words(&keys(STORY)).unwrap(), None);
        assert_eq!(index.original_of(&Signature::of_words(&keys(STORY)).unwrap()).map(|o| o.id), Some(3));
    }

    #[test]
    fn bytes_round_trip_and_short_texts() {
        let a = Signature::of_words(&keys(STORY)).unwrap();
        assert_eq!(Signature::from_bytes(&a.to_bytes()), Some(a));
        assert_eq!(Signature::from_bytes(&[1, 2, 3]), None);
        assert!(Signature::of_words(&keys("too short")).is_none());
    }
}
