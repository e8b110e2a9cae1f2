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
//! Cost: each article's shingles are hashed, sorted and made distinct once, when it is read
//! ([`DocShingles`]). The story's distinct shingles are numbered once (through a hash table
//! that sorted input walks in order, not at random) and each document
//! becomes a bit set of them, so comparing two documents is a few hundred AND and popcount
//! instructions. A fixed quarter of the shingles (chosen by hash, hence the same quarter in
//! every document) is compared first; only pairs whose samples overlap well are compared in
//! full. The bound is loose (a sampled share of [`SAMPLED_CONTAINMENT`] where the real test
//! wants [`MIN_CONTAINMENT`]), so a real copy is practically never lost to the sample.

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

/// Most words of shingle bit sets for one story (32 MB); beyond, sorted lists are compared.
const MAX_SET_WORDS: usize = 1 << 22;

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

    /// The originals of documents `0..n` in an array, for steps that look them up often
    /// ([`Copies::original_of`] scans the pairs).
    pub fn originals(&self, n: usize) -> Originals {
        let mut original = vec![None; n];
        // The first pair of a copy is the one `original_of` finds.
        for &(copy, of, _) in self.pairs.iter().rev() {
            if copy < n {
                original[copy] = Some(of);
            }
        }
        Originals(original)
    }
}

/// [`Copies::originals`]: each document's original, if it is a copy.
pub struct Originals(Vec<Option<usize>>);

impl Originals {
    pub fn of(&self, doc: usize) -> Option<usize> {
        self.0.get(doc).copied().flatten()
    }

    /// See [`Copies::root`].
    pub fn root(&self, doc: usize) -> usize {
        self.of(doc).unwrap_or(doc)
    }
}

/// An article's shingles, read once with the article (see [`read_shingles`]).
#[derive(Debug, Clone, Default)]
pub struct DocShingles {
    /// Distinct shingle hashes, sorted (so the sample, whose top bits are zero, comes first).
    hashes: Vec<u64>,
    /// Shingles, a repeat counting again ("the longer" of two documents has more).
    count: usize,
    /// Shingles in the sample, a repeat counting again.
    sampled: usize,
}

/// The shingles of an article's word layer.
pub fn read_shingles(words: &[Word]) -> DocShingles {
    let mut hashes: Vec<u64> = shingle_hashes(words).collect();
    let count = hashes.len();
    let sampled = hashes.iter().filter(|&&h| in_sample(h)).count();
    hashes.sort_unstable();
    hashes.dedup();
    DocShingles { hashes, count, sampled }
}

/// The shingles of a document as [`find_copies`] reads them. Analyses built by hand (tests)
/// have no word layer: their bodies are split here.
pub fn doc_shingles(doc: &parallax_core::Document, analysis: &parallax_core::DocAnalysis) -> DocShingles {
    if analysis.words.words.is_empty() && !doc.body.is_empty() {
        return read_shingles(&parallax_core::words::tokenize(&doc.body, &[]).words);
    }
    read_shingles(&analysis.words.words)
}

pub fn find_copies(view: &StoryView) -> Copies {
    let shingles: Vec<DocShingles> = view.docs.iter().zip(&view.analyses).map(|(d, a)| doc_shingles(d, a)).collect();
    find_copies_from(view, &shingles.iter().collect::<Vec<_>>())
}

/// [`find_copies`] over the story's articles' shingles, read with each article.
pub fn find_copies_from(view: &StoryView, shingles: &[&DocShingles]) -> Copies {
    let dates: Vec<Option<parallax_core::CalendarDate>> = view.docs.iter().map(|d| d.published).collect();
    find_copies_by_shingles(shingles, &dates)
}

/// The work of [`find_copies`] over plain bodies and publication dates (parallel slices).
pub fn find_copies_in(bodies: &[&str], dates: &[Option<parallax_core::CalendarDate>]) -> Copies {
    let shingles: Vec<DocShingles> = bodies.iter().map(|b| read_shingles(&parallax_core::words::tokenize(b, &[]).words)).collect();
    find_copies_by_shingles(&shingles.iter().collect::<Vec<_>>(), dates)
}

/// The work of [`find_copies`] over each document's shingles.
fn find_copies_by_shingles(shingles: &[&DocShingles], dates: &[Option<parallax_core::CalendarDate>]) -> Copies {
    let n = shingles.len();
    if n < 2 {
        return Copies::default();
    }
    let sets = ShingleSets::new(shingles, MAX_SET_WORDS);
    let candidate = |a: usize, b: usize| {
        let s = sets.shared(a, b, true) as f32;
        s >= MIN_SAMPLED_SHARED && s >= SAMPLED_CONTAINMENT * shingles[a].sampled.min(shingles[b].sampled) as f32
    };
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
        by_date.then(shingles[b].count.cmp(&shingles[a].count)).then(a.cmp(&b))
    });
    let mut original: Vec<Option<(usize, f32)>> = vec![None; n];
    for (rank, &d) in order.iter().enumerate() {
        // Prefer an earlier document that is itself an original, so chains resolve to the root.
        let mut best: Option<(usize, f32, bool)> = None;
        for &e in &order[..rank] {
            if !candidate(d, e) {
                continue;
            }
            let Some(sim) = similarity(sets.shared(d, e, false), sets.distinct[d].min(sets.distinct[e])) else { continue };
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

/// The numbering's buffers (the hash table, each shingle's number), kept between stories:
/// allocated afresh, buffers this size are mapped and faulted in page by page on every call.
type Scratch = (Vec<(u64, u32)>, Vec<u32>);

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = Default::default();
}

/// Returns the buffers to [`SCRATCH`], unless they have grown past a few MB (an odd huge story
/// does not keep its memory).
fn give_back(buffers: Scratch) {
    if buffers.0.capacity() <= 1 << 18 {
        SCRATCH.with(|s| {
            if let Ok(mut s) = s.try_borrow_mut() {
                *s = buffers;
            }
        });
    }
}

/// Each document's distinct shingles as a bit set over the story's distinct shingles, so that
/// what two documents share is a few hundred AND and popcount instructions rather than a merge
/// of two sorted lists, branch by branch. The sample's shingles have the lowest numbers: the
/// sampled share of a pair is a prefix of the same sets.
struct ShingleSets {
    /// Words per set; sets are rows of `bits`.
    width: usize,
    bits: Vec<u64>,
    /// Instead of `bits` when these would be too large (many long, different documents): each
    /// document's shingle numbers, sorted.
    lists: Option<Vec<Vec<u32>>>,
    /// Distinct sampled shingles of the story (the sample's bits are `0..sampled`).
    sampled: usize,
    /// Per document: distinct shingles.
    distinct: Vec<usize>,
}

impl ShingleSets {
    /// The sets of the documents, as sorted lists beyond `max_words` words of bit sets.
    fn new(docs: &[&DocShingles], max_words: usize) -> ShingleSets {
        let n = docs.len();
        let total: usize = docs.iter().map(|d| d.hashes.len()).sum();
        // The story's distinct shingles are numbered through an open-addressing table placed by
        // the hashes' top bits. The sample (the hashes whose top bits are zero) is numbered
        // first, so its numbers are `0..sampled`; it is each document's sorted list's prefix.
        // Sorted lists also walk the table from start to end (the sample, then the rest), not
        // at random.
        let capacity = (total + total / 2).next_power_of_two().max(16);
        let shift = 64 - capacity.trailing_zeros();
        let (mut table, mut number) = SCRATCH.with(|s| s.try_borrow_mut().map(|mut s| std::mem::take(&mut *s)).unwrap_or_default());
        table.clear();
        table.resize(capacity, (0, u32::MAX));
        number.clear();
        number.resize(total, 0);
        let starts: Vec<usize> = docs.iter().scan(0, |at, d| Some(std::mem::replace(at, *at + d.hashes.len()))).collect();
        let sample_ends: Vec<usize> = docs.iter().map(|d| d.hashes.partition_point(|&h| in_sample(h))).collect();
        let mut next = 0u32;
        let mut sampled = 0;
        for sample in [true, false] {
            for (d, shingles) in docs.iter().enumerate() {
                let range = if sample { 0..sample_ends[d] } else { sample_ends[d]..shingles.hashes.len() };
                for (k, &h) in shingles.hashes[range.clone()].iter().enumerate() {
                    // Placed by the bits below the sample's: sampled hashes all have zero top
                    // bits, and an article of sampled shingles only would otherwise pile them
                    // into one quarter of the table.
                    let mut at = ((h << SAMPLE_BITS) >> shift) as usize;
                    let id = loop {
                        let slot = &mut table[at];
                        if slot.1 == u32::MAX {
                            *slot = (h, next);
                            next += 1;
                            break slot.1;
                        }
                        if slot.0 == h {
                            break slot.1;
                        }
                        at = (at + 1) & (capacity - 1);
                    };
                    number[starts[d] + range.start + k] = id;
                }
            }
            if sample {
                sampled = next as usize;
            }
        }
        let width = (next as usize).div_ceil(64).max(1);
        let distinct = docs.iter().map(|d| d.hashes.len()).collect();
        let numbers = |d: usize| &number[starts[d]..starts[d] + docs[d].hashes.len()];
        if n * width > max_words {
            let lists: Vec<Vec<u32>> = (0..n)
                .map(|d| {
                    let mut list = numbers(d).to_vec();
                    list.sort_unstable();
                    list
                })
                .collect();
            give_back((table, number));
            return ShingleSets { width, bits: Vec::new(), lists: Some(lists), sampled, distinct };
        }
        let mut bits = vec![0u64; n * width];
        for d in 0..n {
            let row = &mut bits[d * width..(d + 1) * width];
            for &i in numbers(d) {
                row[i as usize / 64] |= 1u64 << (i % 64);
            }
        }
        give_back((table, number));
        ShingleSets { width, bits, lists: None, sampled, distinct }
    }

    /// Distinct shingles two documents share: sampled ones only, or all.
    fn shared(&self, a: usize, b: usize, sample: bool) -> usize {
        if let Some(lists) = &self.lists {
            let upto = |l: &[u32]| if sample { l.partition_point(|&i| (i as usize) < self.sampled) } else { l.len() };
            let (la, lb) = (&lists[a][..upto(&lists[a])], &lists[b][..upto(&lists[b])]);
            return parallax_core::words::shared_keys(la, lb);
        }
        let (ra, rb) = (&self.bits[a * self.width..(a + 1) * self.width], &self.bits[b * self.width..(b + 1) * self.width]);
        if !sample {
            return ra.iter().zip(rb).map(|(x, y)| (x & y).count_ones() as usize).sum();
        }
        let (full, rest) = (self.sampled / 64, self.sampled % 64);
        let mut n: usize = ra[..full].iter().zip(&rb[..full]).map(|(x, y)| (x & y).count_ones() as usize).sum();
        if rest > 0 {
            n += (ra[full] & rb[full] & ((1u64 << rest) - 1)).count_ones() as usize;
        }
        n
    }
}

/// Containment of the smaller shingle set in the larger (`shared` of `smaller` shingles), when
/// it makes a copy.
fn similarity(shared: usize, smaller: usize) -> Option<f32> {
    if smaller == 0 {
        return None;
    }
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

    /// Bit sets and sorted lists count alike, sample and all.
    #[test]
    fn both_set_forms_agree() {
        let bodies = [WIRE.to_string(), WIRE.replace("Monday", "Monday night"), WIRE.split(". ").take(2).collect::<Vec<_>>().join(". "), "a b c".into()];
        let shingles: Vec<DocShingles> = bodies.iter().map(|b| read_shingles(&parallax_core::words::tokenize(b, &[]).words)).collect();
        let words: Vec<&DocShingles> = shingles.iter().collect();
        let (bits, lists) = (ShingleSets::new(&words, MAX_SET_WORDS), ShingleSets::new(&words, 0));
        assert!(bits.lists.is_none() && lists.lists.is_some());
        assert_eq!(bits.distinct, lists.distinct);
        for a in 0..words.len() {
            for b in 0..words.len() {
                for sample in [false, true] {
                    assert_eq!(bits.shared(a, b, sample), lists.shared(a, b, sample), "{a} {b} {sample}");
                }
            }
        }
        assert_eq!(bits.shared(0, 0, false), bits.distinct[0]);
        assert!(bits.shared(0, 1, false) > 20 && bits.shared(0, 3, false) == 0);
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
