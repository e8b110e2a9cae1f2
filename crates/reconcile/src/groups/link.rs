//! Which pairs of quotes report the same utterance, from their words.
//!
//! Candidates come from an inverted index of content tokens (a pair must share at least two,
//! or be the same short phrase), so the cost follows the number of quotes that share words,
//! not the square of the story's quotes. Each candidate is aligned word by word (Myers LCS on
//! matching tokens) and scored by how much of the *shorter* quote the alignment covers:
//! containment, not symmetric similarity, because a truncated quote, one piece of a quote split
//! around its attribution, or a partial quote ("kangaroo court") is wholly inside the longer
//! report. Content words weigh more than function words, and words that occur in many of the
//! story's quotes (its topic: "bullying", the main name) weigh less, because sharing them says
//! little about which utterance a quote is. A bag-of-words overlap backs up the alignment for
//! indirect reports, which reorder words.

use parallax_core::QuoteKind;

use super::profile::{KeyMap, Profile, Use};
use crate::diff::lcs_pairs;

/// Weight of a function word relative to a rare content word.
const FUNCTION_WEIGHT: f32 = 0.25;
/// Factor for a name capitalised on both sides: names say what a story is about, which every
/// quote of it shares, more than which utterance a quote is.
const NAME_FACTOR: f32 = 0.5;
/// Share of the shorter quote the alignment must cover, by situation.
const NEED_CROSS_DOC: f32 = 0.6;
/// Two quotes of one article that match are usually a summary next to the quote it sums up;
/// only a near-repeat counts.
const NEED_SAME_DOC: f32 = 0.85;
/// Both speakers known and different: the text must all but prove it is one utterance.
const NEED_SPEAKER_CONFLICT: f32 = 0.85;
/// Content tokens shared for the pair to be considered at all.
const MIN_SHARED_CONTENT: usize = 2;
/// Weight of the shared content words: two words that are not the story's common vocabulary.
/// Two topic words ("bullying", the main name) are not enough.
const MIN_MASS: f32 = 1.75;
/// Least share of the shorter quote that the word alignment must cover, even for a paraphrase
/// (the bag of words alone matches any two sentences on the same topic).
const MIN_CONTAINMENT: f32 = 0.5;
/// Share of the smaller quote's distinct content weight that a pair must share before it is
/// aligned at all (a loose bound: acceptance needs [`NEED_CROSS_DOC`] of the alignment).
const PREFILTER_SHARE: f32 = 0.3;
/// Least [`PairScore::density`]: the shorter quote's words must sit together in the longer.
const MIN_DENSITY: f32 = 0.4;
/// Content tokens an indirect quote must share: a reporter's paraphrase of two words
/// ("to plead guilty") is the story's vocabulary, not evidence of one utterance.
const MIN_SHARED_CONTENT_INDIRECT: usize = 3;

/// An accepted pair of quotes (indices into the profiles) and its score.
#[derive(Debug, Clone, Copy)]
pub struct Link {
    pub a: usize,
    pub b: usize,
    pub score: f32,
}

/// Per-token weights for one story: content words by how many quotes use them.
pub fn weights(profiles: &[Profile], n_tokens: usize, n_docs: usize) -> Vec<f32> {
    let mut df = vec![0u32; n_tokens];
    let mut seen: Vec<usize> = vec![usize::MAX; n_tokens];
    for (p, prof) in profiles.iter().enumerate() {
        for (&t, &c) in prof.toks.iter().zip(&prof.content) {
            if c && seen[t as usize] != p {
                seen[t as usize] = p;
                df[t as usize] += 1;
            }
        }
    }
    // A quote repeated by every outlet has its words in about n_docs quotes: up to there a word
    // is still distinctive; beyond, it is the story's vocabulary.
    let base = n_docs.max(2) as f32;
    df.iter().map(|&n| if n as f32 <= base { 1.0 } else { (base / n as f32).sqrt() }).collect()
}

fn weight(p: &Profile, i: usize, w: &[f32]) -> f32 {
    if !p.content[i] {
        FUNCTION_WEIGHT
    } else if p.name[i] {
        w[p.toks[i] as usize] * NAME_FACTOR
    } else {
        w[p.toks[i] as usize]
    }
}

/// The evidence that two quotes are one utterance.
#[derive(Debug, Clone, Copy, Default)]
pub struct PairScore {
    /// Weighted share of the shorter quote covered by the word alignment.
    pub containment: f32,
    /// Weighted share of the shorter quote's content words found anywhere in the other.
    pub bag: f32,
    /// Content tokens in the alignment.
    pub shared_content: usize,
    /// Weight of the content tokens the two share (aligned, or anywhere for the bag).
    pub mass: f32,
    /// Of the stretch of the other quote between its first and last aligned content word, the
    /// weighted share that is aligned: high when the shorter quote sits in one place of the
    /// longer, low when its words are scattered over a long speech.
    pub density: f32,
    /// Same token sequence.
    pub identical: bool,
}

impl PairScore {
    pub fn score(&self) -> f32 {
        self.containment.max(0.9 * self.bag)
    }
}

pub fn score_pair(p: &Profile, q: &Profile, w: &[f32]) -> PairScore {
    let identical = p.toks == q.toks;
    let pairs = lcs_pairs(&p.toks, &q.toks);
    let total = |x: &Profile| (0..x.toks.len()).map(|i| weight(x, i, w)).sum::<f32>();
    let (wp, wq) = (total(p), total(q));
    // Aligned words weigh as in the shorter quote (the one the share is of).
    let p_short = wp <= wq;
    let aligned_weight = |i: usize, j: usize| if p_short { weight(p, i, w) } else { weight(q, j, w) };
    let shared: f32 = pairs.iter().map(|&(i, j)| aligned_weight(i, j)).sum();
    let shared_content = pairs.iter().filter(|&&(i, _)| p.content[i]).count();
    let aligned_mass: f32 = pairs.iter().filter(|&&(i, _)| p.content[i]).map(|&(i, j)| aligned_weight(i, j)).sum();
    let containment = if wp.min(wq) > 0.0 { (shared / wp.min(wq)).min(1.0) } else { 0.0 };
    let (bag, bag_mass) = bag_overlap(p, q, w);
    // The longer side, where a shorter quote's words may be scattered.
    let density = {
        let content_pairs: Vec<(usize, usize)> = pairs.iter().copied().filter(|&(i, _)| p.content[i]).collect();
        match (content_pairs.first(), content_pairs.last()) {
            (Some(&(i0, j0)), Some(&(i1, j1))) => {
                let (long, lo, hi, side) = if wq >= wp { (q, j0, j1, 1) } else { (p, i0, i1, 0) };
                let region: f32 = (lo..=hi).map(|k| weight(long, k, w)).sum();
                let hit: f32 = pairs
                    .iter()
                    .map(|&(i, j)| if side == 1 { j } else { i })
                    .filter(|&k| k >= lo && k <= hi)
                    .map(|k| weight(long, k, w))
                    .sum();
                if region > 0.0 { hit / region } else { 0.0 }
            }
            _ => 0.0,
        }
    };
    PairScore { containment, bag, shared_content, mass: aligned_mass.max(bag_mass), density, identical }
}

/// Weighted overlap of the content-token multisets, over the smaller side's content weight,
/// and the shared weight itself. The bags are sorted, so this is one merge.
fn bag_overlap(p: &Profile, q: &Profile, w: &[f32]) -> (f32, f32) {
    let factor = |t: u32, own: &[u32]| if own.binary_search(&t).is_ok() { NAME_FACTOR } else { 1.0 };
    let mass = |x: &Profile| x.bag.iter().map(|&(t, n)| n as f32 * w[t as usize] * factor(t, &x.names)).sum::<f32>();
    let (mp, mq) = (mass(p), mass(q));
    let own: &[u32] = if mp <= mq { &p.names } else { &q.names };
    if mp.min(mq) <= 0.0 {
        return (0.0, 0.0);
    }
    let (a, b) = (&p.bag, &q.bag);
    let (mut i, mut j, mut shared) = (0, 0, 0f32);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let t = a[i].0;
                shared += a[i].1.min(b[j].1) as f32 * w[t as usize] * factor(t, own);
                i += 1;
                j += 1;
            }
        }
    }
    ((shared / mp.min(mq)).min(1.0), shared)
}

/// Whether a scored pair is one utterance, given where the quotes are and who speaks them.
pub fn accept(p: &Profile, q: &Profile, s: &PairScore) -> bool {
    if p.habitual || q.habitual {
        return false;
    }
    if p.doc == q.doc && p.span.start < q.span.end && q.span.start < p.span.end {
        return false; // a quote nested inside another, or the same span twice
    }
    let indirect = p.kind == QuoteKind::Indirect || q.kind == QuoteKind::Indirect;
    let content_words = |x: &Profile| x.content.iter().filter(|&&c| c).count();
    if s.identical {
        // The same scare-quoted word in two outlets is one borrowing; the same two reported
        // words are likely chance.
        return content_words(p) >= if indirect { MIN_SHARED_CONTENT } else { 1 };
    }
    let shorter_indirect = if content_words(p) <= content_words(q) { p.kind } else { q.kind } == QuoteKind::Indirect;
    let min_shared = if shorter_indirect { MIN_SHARED_CONTENT_INDIRECT } else { MIN_SHARED_CONTENT };
    if s.shared_content < min_shared
        || s.mass < MIN_MASS
        || s.containment < MIN_CONTAINMENT
        || s.density < MIN_DENSITY
    {
        return false;
    }
    let conflict = matches!((p.speaker, q.speaker), (Some(a), Some(b)) if a != b);
    let mut need = if conflict { NEED_SPEAKER_CONFLICT } else { NEED_CROSS_DOC };
    if p.doc == q.doc {
        need = need.max(NEED_SAME_DOC);
    }
    // A paraphrase may reorder words; a verbatim quote may not, so the bag only helps when
    // one side is indirect.
    let score = if indirect { s.score() } else { s.containment };
    score >= need
}

/// The heaviest weight token `t` has at any of its uses `uses` (bits of [`Use`]).
fn heaviest(t: u32, uses: u8, w: &[f32]) -> f32 {
    let mut most = 0f32;
    if uses & Use::FUNCTION != 0 {
        most = FUNCTION_WEIGHT;
    }
    if uses & Use::NAME != 0 {
        most = most.max(w[t as usize] * NAME_FACTOR);
    }
    if uses & Use::CONTENT != 0 {
        most = most.max(w[t as usize]);
    }
    most
}

/// Whether a pair could pass [`accept`] at all, from token counts alone. The word alignment
/// is a common subsequence, so it aligns at most min(count) of each token, each weighing at
/// most the token's heaviest use in the shorter quote: when even that covers too little of
/// the shorter quote, the alignment is not worth computing. `totals` are the quotes' weights.
/// (Rejects nothing [`accept`] would take.)
fn could_accept(p: &Profile, q: &Profile, totals: (f32, f32), w: &[f32]) -> bool {
    if p.habitual || q.habitual || (p.doc == q.doc && p.span.start < q.span.end && q.span.start < p.span.end) {
        return false;
    }
    let p_short = totals.0 <= totals.1;
    let (a, b) = (&p.uses, &q.uses);
    let (mut i, mut j, mut shared) = (0, 0, 0f32);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let t = a[i].0;
                let most = heaviest(t, if p_short { a[i].2 } else { b[j].2 }, w);
                shared += a[i].1.min(b[j].1) as f32 * most;
                i += 1;
                j += 1;
            }
        }
    }
    let smaller = totals.0.min(totals.1);
    if smaller <= 0.0 {
        return false;
    }
    let bound = shared / smaller + 1e-4; // slack for the order in which floats are summed
    if bound < MIN_CONTAINMENT {
        return false;
    }
    let conflict = matches!((p.speaker, q.speaker), (Some(a), Some(b)) if a != b);
    let mut need = if conflict { NEED_SPEAKER_CONFLICT } else { NEED_CROSS_DOC };
    if p.doc == q.doc {
        need = need.max(NEED_SAME_DOC);
    }
    let indirect = p.kind == QuoteKind::Indirect || q.kind == QuoteKind::Indirect;
    bound >= need || (indirect && 0.9 * bag_overlap(p, q, w).0 + 1e-4 >= need)
}

/// Per profile, the first profile with the same tokens, content and name flags (what
/// [`score_pair`] reads): profiles of one shape score alike.
fn shapes(profiles: &[Profile]) -> Vec<u32> {
    let mut first: KeyMap<Vec<u32>> = KeyMap::default();
    let mut out = Vec::with_capacity(profiles.len());
    for (p, prof) in profiles.iter().enumerate() {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for i in 0..prof.toks.len() {
            let v = (prof.toks[i] as u64) << 2 | (prof.content[i] as u64) << 1 | prof.name[i] as u64;
            h = (h ^ v).wrapping_mul(0x100_0000_01b3);
        }
        let same = |o: &Profile| o.toks == prof.toks && o.content == prof.content && o.name == prof.name;
        let bucket = first.entry(h).or_default();
        match bucket.iter().find(|&&o| same(&profiles[o as usize])) {
            Some(&o) => out.push(o),
            None => {
                bucket.push(p as u32);
                out.push(p as u32);
            }
        }
    }
    out
}

/// All accepted links of a story, strongest first.
pub fn links(profiles: &[Profile], w: &[f32], n_tokens: usize) -> Vec<Link> {
    // Postings of content tokens; tokens that are in very many quotes only add work.
    // Flat (one buffer, offsets per token), in profile order: no vector per token.
    let mut starts = vec![0u32; n_tokens + 1];
    for prof in profiles {
        for &(t, _) in &prof.bag {
            starts[t as usize + 1] += 1;
        }
    }
    for t in 0..n_tokens {
        starts[t + 1] += starts[t];
    }
    let mut fill: Vec<u32> = starts[..n_tokens].to_vec();
    let mut flat = vec![0u32; starts[n_tokens] as usize];
    for (p, prof) in profiles.iter().enumerate() {
        for &(t, _) in &prof.bag {
            flat[fill[t as usize] as usize] = p as u32;
            fill[t as usize] += 1;
        }
    }
    let postings = |t: u32| &flat[starts[t as usize] as usize..starts[t as usize + 1] as usize];
    // Weight of each quote's distinct content words, for the cheap bound below.
    let content_weight: Vec<f32> = profiles.iter().map(|prof| prof.bag.iter().map(|&(t, _)| w[t as usize]).sum()).collect();
    let totals: Vec<f32> = profiles.iter().map(|x| (0..x.toks.len()).map(|i| weight(x, i, w)).sum()).collect();
    let cap = 64.max(profiles.len() / 4);
    let mut shared = vec![0f32; profiles.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    let shapes = shapes(profiles);
    let mut scores: KeyMap<PairScore> = KeyMap::default();
    for (p, prof) in profiles.iter().enumerate() {
        for &(t, _) in &prof.bag {
            let list = postings(t);
            if list.len() > cap {
                continue;
            }
            // Postings are in profile order: each pair is counted from its first quote only.
            let later = &list[list.partition_point(|&q| q as usize <= p)..];
            for &q in later {
                let q = q as usize;
                if shared[q] == 0.0 {
                    touched.push(q);
                }
                shared[q] += w[t as usize];
            }
        }
        for &q in &touched {
            let mass = shared[q];
            shared[q] = 0.0;
            let other = &profiles[q];
            // Only pairs whose shared content could pass [`accept`] are aligned: the same
            // phrase, or enough shared weight, both absolute and relative to the smaller quote.
            let same_phrase = prof.toks == other.toks;
            let enough = mass >= MIN_MASS && mass >= PREFILTER_SHARE * content_weight[p].min(content_weight[q]);
            if !same_phrase && !enough {
                continue;
            }
            if !same_phrase && !could_accept(prof, other, (totals[p], totals[q]), w) {
                continue;
            }
            // Quotes with the same tokens score the same against anything: wire copies and
            // reprints are aligned once per pair of distinct wordings.
            let memo_key = (shapes[p] as u64) << 32 | shapes[q] as u64;
            let s = *scores.entry(memo_key).or_insert_with(|| score_pair(prof, other, w));
            if accept(prof, other, &s) {
                out.push(Link { a: p, b: q, score: s.score() });
            }
        }
        touched.clear();
    }
    out.sort_by(|x, y| y.score.total_cmp(&x.score).then(x.a.cmp(&y.a)).then(x.b.cmp(&y.b)));
    out
}
