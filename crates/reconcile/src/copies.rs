//! Syndicated and near-identical copies within a story.
//!
//! A wire story reprinted by several outlets, or a lightly edited rewrite of another outlet's
//! article, is not independent confirmation of what it says: coverage, the summary and the
//! disagreement step need to know which articles repeat which. Each body becomes a set of
//! hashed word 5-gram shingles (lowercased, apostrophes and punctuation dropped so that curly
//! vs straight quotes or a changed comma do not break a shingle); a document is a copy when
//! most of the smaller document's shingles occur in the other (containment, not Jaccard: a
//! trimmed reprint is still a copy of the full wire story). Cost: linear in words per document,
//! then one sorted merge per pair of documents.

use crate::StoryView;

/// Word n-gram size. Five words rarely repeat by chance between independent reports, but
/// survive light editing (a changed word breaks only the five shingles that contain it).
const SHINGLE: usize = 5;
/// Share of the smaller document's shingles that must occur in the other.
const MIN_CONTAINMENT: f32 = 0.6;
/// Fewer shared shingles than this is a shared statement or quote, not a copied article.
const MIN_SHARED: usize = 20;

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
    let bodies: Vec<&str> = view.docs.iter().map(|d| d.body.as_str()).collect();
    let dates: Vec<Option<parallax_core::CalendarDate>> = view.docs.iter().map(|d| d.published).collect();
    find_copies_in(&bodies, &dates)
}

/// The work of [`find_copies`] over plain bodies and publication dates (parallel slices).
pub fn find_copies_in(bodies: &[&str], dates: &[Option<parallax_core::CalendarDate>]) -> Copies {
    let n = bodies.len();
    let sets: Vec<Vec<u64>> = bodies.iter().map(|b| shingles(b)).collect();
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
        by_date.then(sets[b].len().cmp(&sets[a].len())).then(a.cmp(&b))
    });
    let mut original: Vec<Option<(usize, f32)>> = vec![None; n];
    for (rank, &d) in order.iter().enumerate() {
        // Prefer an earlier document that is itself an original, so chains resolve to the root.
        let mut best: Option<(usize, f32, bool)> = None;
        for &e in &order[..rank] {
            let Some(sim) = similarity(&sets[d], &sets[e]) else { continue };
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
    let shared = intersection(a, b);
    let containment = shared as f32 / smaller as f32;
    (shared >= MIN_SHARED && containment >= MIN_CONTAINMENT).then_some(containment.min(1.0))
}

/// Size of the intersection of two sorted, deduplicated slices.
fn intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Sorted, deduplicated hashes of the body's word 5-grams.
fn shingles(body: &str) -> Vec<u64> {
    let words = word_hashes(body);
    if words.len() < SHINGLE {
        return Vec::new();
    }
    let mut out: Vec<u64> = words
        .windows(SHINGLE)
        .map(|w| w.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &x| (h.rotate_left(23) ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15)))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// One FNV-1a hash per word: lowercase letters and digits; apostrophes are skipped inside a
/// word ("don't" and "don’t" agree), every other character separates words.
fn word_hashes(body: &str) -> Vec<u64> {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut out = Vec::new();
    let mut h = OFFSET;
    let mut in_word = false;
    for c in body.chars() {
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                let mut buf = [0u8; 4];
                for &b in l.encode_utf8(&mut buf).as_bytes() {
                    h = (h ^ b as u64).wrapping_mul(PRIME);
                }
            }
            in_word = true;
        } else if in_word && matches!(c, '\'' | '\u{2019}') {
            continue;
        } else if in_word {
            out.push(h);
            h = OFFSET;
            in_word = false;
        }
    }
    if in_word {
        out.push(h);
    }
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
            .replace("don't", "don’t");
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
