//! Syndicated and near-identical copies within a story.
//!
//! A wire story reprinted by several outlets, or a lightly edited rewrite of another outlet's
//! article, is not independent confirmation of what it says: coverage, the summary and the
//! disagreement step need to know which articles repeat which. Each body becomes a set of
//! hashed word 5-gram shingles, made from the keys of the shared word layer (case-folded, so
//! a changed capital or comma does not break a shingle); a document is a copy when most of the
//! smaller document's shingles occur in the other (containment, not Jaccard: a trimmed reprint
//! is still a copy of the full wire story).
//!
//! Cost: comparing every pair of documents shingle by shingle is most of the work for a story
//! with no copies at all, which is the usual case. So a fixed quarter of the shingles (chosen by
//! hash, hence the same quarter in every document) is compared first, through one sorted list
//! for the whole story (sorted once); only pairs whose samples overlap well are compared in full. The bound
//! is loose (a sampled share of [`SAMPLED_CONTAINMENT`] where the real test wants
//! [`MIN_CONTAINMENT`]), so a real copy is practically never lost to the sample.

use parallax_core::Word;

use crate::StoryView;

/// Word n-gram size. Five words rarely repeat by chance between independent reports, but
/// survive light editing (a changed word breaks only the five shingles that contain it).
const SHINGLE: usize = 5;
/// Share of the smaller document's shingles that must occur in the other.
const MIN_CONTAINMENT: f32 = 0.6;
/// Fewer shared shingles than this is a shared statement or quote, not a copied article.
const MIN_SHARED: usize = 20;
/// One shingle in `1 << SAMPLE_BITS` is in the sample.
const SAMPLE_BITS: u32 = 2;
/// Sampled containment from which a pair is compared in full.
const SAMPLED_CONTAINMENT: f32 = 0.4;
/// Sampled shingles a pair must share to be compared in full: a copy shares at least
/// [`MIN_SHARED`], a quarter of which is five in expectation.
const MIN_SAMPLED_SHARED: f32 = 2.0;

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

    /// The document a document stands for: its original when it is a copy, else itself.
    /// Two documents with the same root are one source, not two.
    pub fn root(&self, doc: usize) -> usize {
        self.original_of(doc).unwrap_or(doc)
    }

    /// Whether two documents are one source (equal, or one copies the other, or both copy
    /// the same original).
    pub fn same_source(&self, a: usize, b: usize) -> bool {
        self.root(a) == self.root(b)
    }
}

pub fn find_copies(view: &StoryView) -> Copies {
    let dates: Vec<Option<parallax_core::CalendarDate>> = view.docs.iter().map(|d| d.published).collect();
    // Analyses built by hand (tests) have no word layer: split their bodies here.
    let own: Vec<Option<Vec<Word>>> = view
        .docs
        .iter()
        .zip(&view.analyses)
        .map(|(d, a)| (a.words.words.is_empty() && !d.body.is_empty()).then(|| parallax_core::words::tokenize(&d.body, &[]).words))
        .collect();
    let words: Vec<&[Word]> = view.analyses.iter().zip(&own).map(|(a, o)| o.as_deref().unwrap_or(&a.words.words)).collect();
    find_copies_by_words(&words, &dates)
}

/// The work of [`find_copies`] over plain bodies and publication dates (parallel slices).
pub fn find_copies_in(bodies: &[&str], dates: &[Option<parallax_core::CalendarDate>]) -> Copies {
    let words: Vec<Vec<Word>> = bodies.iter().map(|b| parallax_core::words::tokenize(b, &[]).words).collect();
    let words: Vec<&[Word]> = words.iter().map(Vec::as_slice).collect();
    find_copies_by_words(&words, dates)
}

/// The work of [`find_copies`] over each document's words.
fn find_copies_by_words(words: &[&[Word]], dates: &[Option<parallax_core::CalendarDate>]) -> Copies {
    let n = words.len();
    if n < 2 {
        return Copies::default();
    }
    // Shingles per document ("the longer" document has more), and the story's sample.
    let size: Vec<usize> = words.iter().map(|w| (w.len() + 1).saturating_sub(SHINGLE)).collect();
    let mut sampled: Vec<(u64, u32)> = Vec::new();
    let mut sample_size = vec![0usize; n];
    for (d, w) in words.iter().enumerate() {
        let before = sampled.len();
        sampled.extend(shingle_hashes(w).filter(|&h| in_sample(h)).map(|h| (h, d as u32)));
        sample_size[d] = sampled.len() - before;
    }
    sampled.sort_unstable();
    sampled.dedup(); // a shingle twice in one document counts once
    // Sampled shingles each pair shares: runs of one hash in several documents.
    let mut shared_sample = vec![0u32; n * n];
    let mut i = 0;
    while i < sampled.len() {
        let mut j = i + 1;
        while j < sampled.len() && sampled[j].0 == sampled[i].0 {
            j += 1;
        }
        for a in i..j {
            for b in a + 1..j {
                let (x, y) = (sampled[a].1 as usize, sampled[b].1 as usize);
                shared_sample[x * n + y] += 1;
                shared_sample[y * n + x] += 1;
            }
        }
        i = j;
    }
    let candidate = |a: usize, b: usize| {
        let s = shared_sample[a * n + b] as f32;
        s >= MIN_SAMPLED_SHARED && s >= SAMPLED_CONTAINMENT * sample_size[a].min(sample_size[b]) as f32
    };
    // Full shingle sets, only for documents in a candidate pair.
    let mut full: Vec<Option<Vec<u64>>> = vec![None; n];
    // Who is the original between two copies: published first, then the longer, then the first given.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        let da = dates.get(a).copied().flatten();
        let db = dates.get(b).copied().flatten();
        let by_date = match (da, db) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        };
        by_date.then(size[b].cmp(&size[a])).then(a.cmp(&b))
    });
    let mut original: Vec<Option<(usize, f32)>> = vec![None; n];
    for (rank, &d) in order.iter().enumerate() {
        // Prefer an earlier document that is itself an original, so chains resolve to the root.
        let mut best: Option<(usize, f32, bool)> = None;
        for &e in &order[..rank] {
            if !candidate(d, e) {
                continue;
            }
            for x in [d, e] {
                if full[x].is_none() {
                    full[x] = Some(shingles(words[x]));
                }
            }
            let (Some(sd), Some(se)) = (&full[d], &full[e]) else { continue };
            let Some(sim) = similarity(sd, se) else { continue };
            let is_root = original[e].is_none();
            let better = match best {
                None => true,
                Some((_, s, r)) => (is_root, sim) > (r, s),
            };
            if better {
                best = Some((e, sim, is_root));
            }
        }
        if let Some((e, sim, is_root)) = best {
            let root = if is_root { e } else { original[e].map_or(e, |o| o.0) };
            original[d] = Some((root, sim));
        }
    }
    let pairs = original.iter().enumerate().filter_map(|(d, o)| o.map(|(e, s)| (d, e, s))).collect();
    Copies { pairs }
}

/// Containment of the smaller shingle set in the larger, when it makes a copy.
fn similarity(a: &[u64], b: &[u64]) -> Option<f32> {
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return None;
    }
    let shared = parallax_core::words::shared_keys(a, b);
    let containment = shared as f32 / smaller as f32;
    (shared >= MIN_SHARED && containment >= MIN_CONTAINMENT).then_some(containment.min(1.0))
}


/// The hash of each run of [`SHINGLE`] consecutive word keys, in text order.
fn shingle_hashes(words: &[Word]) -> impl Iterator<Item = u64> + '_ {
    words.windows(SHINGLE).map(|w| {
        let h = w[0].key ^ w[1].key.rotate_left(13) ^ w[2].key.rotate_left(26) ^ w[3].key.rotate_left(39) ^ w[4].key.rotate_left(52);
        (h ^ (h >> 31)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    })
}

/// Whether a shingle is in the sample (its top bits, the best mixed).
fn in_sample(h: u64) -> bool {
    h >> (64 - SAMPLE_BITS) == 0
}

/// Sorted, deduplicated shingle hashes of a document.
fn shingles(words: &[Word]) -> Vec<u64> {
    let mut out: Vec<u64> = shingle_hashes(words).collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallax_core::CalendarDate;

    const WIRE: &str = "The harbour board of Fennick voted on Monday to close the old ferry terminal by the end of the year, \
        citing falling passenger numbers and a repair bill it put at four million pounds. \
        Board chair Alma Ruddock said the decision had not been taken lightly and that staff would be offered jobs at the new terminal. \
        Unions representing the forty ferry workers said they had not been consulted and would ballot members on industrial action next week. \
        The terminal opened in 1962 and once handled a million passengers a year.";

    fn date(d: u8) -> Option<CalendarDate> {
        Some(CalendarDate { year: 2024, month: 3, day: d })
    }

    #[test]
    fn a_lightly_edited_reprint_copies_the_earlier_wire_story() {
        let reprint = WIRE
            .replace("voted on Monday", "voted on Monday evening")
            .replace("four million pounds", "£4m")
            .replace("The terminal", "the terminal");
        let independent = "Ferry workers in Fennick gathered outside the terminal gates on Tuesday. \
            Several said they learned of the closure from the radio. One deckhand, who asked not to be named, \
            said his family had worked the crossing for three generations and he did not know what came next. \
            A council spokesman said the authority would press the board for a public consultation.";
        let copies = find_copies_in(&[&reprint, WIRE, independent], &[date(5), date(4), date(5)]);
        assert_eq!(copies.pairs.len(), 1, "{:?}", copies.pairs);
        let (copy, original, sim) = copies.pairs[0];
        assert_eq!((copy, original), (0, 1));
        assert!(sim > 0.6 && sim <= 1.0, "{sim}");
        assert_eq!(copies.original_of(0), Some(1));
        assert_eq!(copies.original_of(2), None);
        assert!(copies.same_source(0, 1));
        assert!(!copies.same_source(1, 2));
    }

    #[test]
    fn a_trimmed_copy_is_still_a_copy_and_without_dates_the_longer_is_the_original() {
        let trimmed: String = WIRE.split(". ").take(3).collect::<Vec<_>>().join(". ");
        let copies = find_copies_in(&[&trimmed, WIRE], &[None, None]);
        assert_eq!(copies.pairs.iter().map(|p| (p.0, p.1)).collect::<Vec<_>>(), vec![(0, 1)]);
    }

    #[test]
    fn chains_resolve_to_the_first_original() {
        let second = WIRE.replace("Monday", "Monday night");
        let third = second.replace("forty", "about 40");
        let copies = find_copies_in(&[&third, &second, WIRE], &[date(7), date(6), date(5)]);
        assert_eq!(copies.original_of(0), Some(2));
        assert_eq!(copies.original_of(1), Some(2));
        assert_eq!(copies.original_of(2), None);
    }

    #[test]
    fn a_shared_quote_is_not_a_copy_and_odd_input_is_fine() {
        let a = "Officials met on Friday. \"We will rebuild the pier and we will do it this year with or without help\", the mayor said. Nothing else was agreed.";
        let b = "Residents were sceptical. The mayor told a meeting: \"We will rebuild the pier and we will do it this year with or without help\". Many left early.";
        assert!(find_copies_in(&[a, b], &[None, None]).pairs.is_empty());
        assert!(find_copies_in(&["", "x", "é ’ '"], &[None]).pairs.is_empty());
        assert!(find_copies_in(&[], &[]).pairs.is_empty());
    }
}
