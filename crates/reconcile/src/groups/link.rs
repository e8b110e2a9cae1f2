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

use super::cluster::Sets;
use super::profile::{Profile, Tokens, Use};
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

/// Per-token weights for one story: content words by how many quotes use them.
pub fn weights(profiles: &[Profile], shapes: &[Tokens], n_tokens: usize, n_docs: usize) -> Vec<f32> {
    let mut df = vec![0u32; n_tokens];
    let mut seen: Vec<usize> = vec![usize::MAX; n_tokens];
    let quotes = quotes_per_shape(profiles, shapes.len());
    for (s, shape) in shapes.iter().enumerate() {
        let quotes = quotes[s];
        for (&t, &c) in shape.toks.iter().zip(&shape.content) {
            if c && seen[t as usize] != s {
                seen[t as usize] = s;
                df[t as usize] += quotes;
            }
        }
    }
    // A quote repeated by every outlet has its words in about n_docs quotes: up to there a word
    // is still distinctive; beyond, it is the story's vocabulary.
    let base = n_docs.max(2) as f32;
    df.iter().map(|&n| if n as f32 <= base { 1.0 } else { (base / n as f32).sqrt() }).collect()
}

fn weight(p: &Tokens, i: usize, w: &[f32]) -> f32 {
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

/// Every shape's words' [`weight`]s, in one buffer: worked out once per shape, then read by
/// each alignment the shape is in (an alignment reads a word's weight several times).
struct WordWeights {
    all: Vec<f32>,
    /// The weights of shape `s` are `all[starts[s]..starts[s + 1]]`.
    starts: Vec<usize>,
}

impl WordWeights {
    fn new(shapes: &[Tokens], w: &[f32]) -> WordWeights {
        let mut starts = Vec::with_capacity(shapes.len() + 1);
        starts.push(0);
        let mut all = Vec::with_capacity(shapes.iter().map(|x| x.toks.len()).sum());
        for x in shapes {
            all.extend((0..x.toks.len()).map(|i| weight(x, i, w)));
            starts.push(all.len());
        }
        WordWeights { all, starts }
    }

    fn of(&self, s: usize) -> &[f32] {
        &self.all[self.starts[s]..self.starts[s + 1]]
    }
}

/// The evidence that quotes `p` and `q` are one utterance; `(vp, vq)` are their words'
/// weights ([`WordWeights`]) and `(wp, wq)` their sums (worked out once per quote shape, not
/// per pair).
fn score_pair(p: &Tokens, q: &Tokens, w: &[f32], (vp, vq): (&[f32], &[f32]), (wp, wq): (f32, f32)) -> PairScore {
    let identical = p.toks == q.toks;
    let pairs = lcs_pairs(&p.toks, &q.toks);
    // Aligned words weigh as in the shorter quote (the one the share is of).
    let p_short = wp <= wq;
    let aligned_weight = |i: usize, j: usize| if p_short { vp[i] } else { vq[j] };
    let shared: f32 = pairs.iter().map(|&(i, j)| aligned_weight(i, j)).sum();
    let shared_content = pairs.iter().filter(|&&(i, _)| p.content[i]).count();
    let aligned_mass: f32 = pairs.iter().filter(|&&(i, _)| p.content[i]).map(|&(i, j)| aligned_weight(i, j)).sum();
    let containment = if wp.min(wq) > 0.0 { (shared / wp.min(wq)).min(1.0) } else { 0.0 };
    let (bag, bag_mass) = bag_overlap(p, q, w);
    // The longer side, where a shorter quote's words may be scattered.
    let density = {
        let mut content_pairs = pairs.iter().filter(|&&(i, _)| p.content[i]);
        let first = content_pairs.next();
        match (first, content_pairs.next_back().or(first)) {
            (Some(&(i0, j0)), Some(&(i1, j1))) => {
                let (long, lo, hi, side) = if wq >= wp { (vq, j0, j1, 1) } else { (vp, i0, i1, 0) };
                let region: f32 = long[lo..=hi].iter().sum();
                let hit: f32 = pairs
                    .iter()
                    .map(|&(i, j)| if side == 1 { j } else { i })
                    .filter(|&k| k >= lo && k <= hi)
                    .map(|k| long[k])
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
fn bag_overlap(p: &Tokens, q: &Tokens, w: &[f32]) -> (f32, f32) {
    let factor = |t: u32, own: &[u32]| if own.binary_search(&t).is_ok() { NAME_FACTOR } else { 1.0 };
    let mass = |x: &Tokens| x.bag.iter().map(|&(t, n)| n as f32 * w[t as usize] * factor(t, &x.names)).sum::<f32>();
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

/// Whether a scored pair is one utterance, given who speaks the quotes and whether they are of
/// one article (`same_doc`; quotes that overlap there are never one, see [`nested`]).
fn accept(p: &Profile, tp: &Tokens, q: &Profile, tq: &Tokens, s: &PairScore, same_doc: bool) -> bool {
    if p.habitual || q.habitual {
        return false;
    }
    let indirect = p.kind == QuoteKind::Indirect || q.kind == QuoteKind::Indirect;
    let content_words = |x: &Tokens| x.content.iter().filter(|&&c| c).count();
    if s.identical {
        // The same scare-quoted word in two outlets is one borrowing; the same two reported
        // words are likely chance.
        return content_words(tp) >= if indirect { MIN_SHARED_CONTENT } else { 1 };
    }
    let shorter_indirect = if content_words(tp) <= content_words(tq) { p.kind } else { q.kind } == QuoteKind::Indirect;
    let min_shared = if shorter_indirect { MIN_SHARED_CONTENT_INDIRECT } else { MIN_SHARED_CONTENT };
    if s.shared_content < min_shared
        || s.mass < MIN_MASS
        || s.containment < MIN_CONTAINMENT
        || s.density < MIN_DENSITY
    {
        return false;
    }
    let need = need(p, q, same_doc);
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

/// Whether a pair could pass [`accept`] at all, from token counts alone: `bound` is
/// [`alignment_bound`] of the two quotes' tokens, `bag` their [`bag_overlap`] share (read only
/// when one is indirect). (Rejects nothing [`accept`] would take.)
fn could_accept(p: &Profile, q: &Profile, bound: Option<f32>, bag: impl FnOnce() -> f32, same_doc: bool) -> bool {
    if p.habitual || q.habitual {
        return false;
    }
    let Some(bound) = bound else { return false };
    if bound < MIN_CONTAINMENT {
        return false;
    }
    let need = need(p, q, same_doc);
    let indirect = p.kind == QuoteKind::Indirect || q.kind == QuoteKind::Indirect;
    bound >= need || (indirect && 0.9 * bag() + 1e-4 >= need)
}

/// How much of the shorter of two quotes a word alignment could cover at most, from token
/// counts alone (none when the shorter weighs nothing). The alignment is a common subsequence,
/// so it aligns at most min(count) of each token, each weighing at most the token's heaviest
/// use in the shorter quote: when even that covers too little of the shorter quote, the
/// alignment is not worth computing. `totals` are the quotes' weights. It depends on the two
/// shapes alone, so it is worked out once per pair of shapes and orientation.
fn alignment_bound(tp: &Tokens, tq: &Tokens, totals: (f32, f32), w: &[f32]) -> Option<f32> {
    let p_short = totals.0 <= totals.1;
    let (a, b) = (&tp.uses, &tq.uses);
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
        return None;
    }
    Some(shared / smaller + 1e-4) // slack for the order in which floats are summed
}

/// What the verdicts on two shapes in one orientation share, worked out when first needed.
#[derive(Default)]
struct PairMemo {
    bound: Option<Option<f32>>,
    bag: Option<f32>,
    score: Option<PairScore>,
}

/// Share of the shorter quote a pair's score must reach, by who speaks and where.
fn need(p: &Profile, q: &Profile, same_doc: bool) -> f32 {
    let conflict = matches!((p.speaker, q.speaker), (Some(a), Some(b)) if a != b);
    let need = if conflict { NEED_SPEAKER_CONFLICT } else { NEED_CROSS_DOC };
    if same_doc {
        need.max(NEED_SAME_DOC)
    } else {
        need
    }
}

/// Two quotes of one article that overlap: one nested inside the other, or the same span
/// twice. Never one utterance reported twice.
fn nested(p: &Profile, q: &Profile) -> bool {
    p.doc == q.doc && p.span.start < q.span.end && q.span.start < p.span.end
}

/// How many quotes have each shape.
fn quotes_per_shape(profiles: &[Profile], n_shapes: usize) -> Vec<u32> {
    let mut n = vec![0u32; n_shapes];
    profiles.iter().for_each(|p| n[p.shape] += 1);
    n
}

/// Quotes that every pair test treats alike: one shape, one form (indirect or quoted), one
/// speaker. Only the article and place of each member tell them apart.
struct Class {
    /// Members, in profile (so article) order: a range of the quotes sorted by class.
    members: std::ops::Range<usize>,
    /// The first member, and the first member of another article than its (see [`join_pairs`]).
    reps: (usize, Option<usize>),
}

/// Joins in `sets` every pair of quotes that report one utterance.
///
/// Which pairs to consider comes from an inverted index of content tokens (a pair must share
/// one that is not in very many quotes, then enough weight, or be the same phrase), over the
/// story's distinct shapes rather than its quotes. Whether a pair is accepted depends on its
/// shapes, forms and speakers, and otherwise only on whether the two are of one article: so
/// each pair of [`Class`]es is decided twice (across articles, within one), with one alignment
/// per pair of shapes, and the members are joined wholesale ([`join_pairs`]). A quote reprinted
/// in hundreds of articles costs its members once per class it matches, not its pairs.
pub fn link(profiles: &[Profile], shapes: &[Tokens], w: &[f32], n_tokens: usize, sets: &mut Sets) {
    let n_shapes = shapes.len();
    let quotes = quotes_per_shape(profiles, n_shapes);
    // Tokens in very many quotes only add work: they do not make a pair a candidate.
    let cap = 64.max(profiles.len() / 4);
    let mut in_quotes = vec![0usize; n_tokens];
    for (s, shape) in shapes.iter().enumerate() {
        for &(t, _) in &shape.bag {
            in_quotes[t as usize] += quotes[s] as usize;
        }
    }
    let open = |t: u32| in_quotes[t as usize] <= cap;
    // Postings of open content tokens over shapes: flat, one buffer with offsets per token.
    let mut starts = vec![0u32; n_tokens + 1];
    for shape in shapes {
        for &(t, _) in shape.bag.iter().filter(|&&(t, _)| open(t)) {
            starts[t as usize + 1] += 1;
        }
    }
    for t in 0..n_tokens {
        starts[t + 1] += starts[t];
    }
    let mut fill: Vec<u32> = starts[..n_tokens].to_vec();
    let mut flat = vec![0u32; starts[n_tokens] as usize];
    for (s, shape) in shapes.iter().enumerate() {
        for &(t, _) in shape.bag.iter().filter(|&&(t, _)| open(t)) {
            flat[fill[t as usize] as usize] = s as u32;
            fill[t as usize] += 1;
        }
    }
    let postings = |t: u32| &flat[starts[t as usize] as usize..starts[t as usize + 1] as usize];
    // Weight of each shape's distinct content words, for the cheap bound below.
    let content_weight: Vec<f32> = shapes.iter().map(|x| x.bag.iter().map(|&(t, _)| w[t as usize]).sum()).collect();
    let word_weights = WordWeights::new(shapes, w);
    let totals: Vec<f32> = (0..n_shapes).map(|s| word_weights.of(s).iter().sum()).collect();

    // Habitual reports are never grouped: they are in no class. Classes are runs of the
    // quotes sorted by what makes one (then by profile, so members stay in article order).
    let class_key = |p: usize| (profiles[p].shape, profiles[p].kind == QuoteKind::Indirect, profiles[p].speaker);
    // By shape first (a counting sort: shapes are dense and most have a few quotes), then
    // within a shape by the rest of the key.
    let mut sorted: Vec<usize> = {
        let mut starts = vec![0usize; n_shapes + 1];
        profiles.iter().filter(|p| !p.habitual).for_each(|p| starts[p.shape + 1] += 1);
        for s in 0..n_shapes {
            starts[s + 1] += starts[s];
        }
        let mut sorted = vec![0usize; starts[n_shapes]];
        for (i, p) in profiles.iter().enumerate().filter(|(_, p)| !p.habitual) {
            sorted[starts[p.shape]] = i;
            starts[p.shape] += 1;
        }
        sorted
    };
    // A run's keys are read once into `keyed` (a sort compares each many times), and a run
    // already in order (as most are: copies of a quote agree on its form and speaker) is left.
    let mut keyed: Vec<(bool, Option<usize>, usize)> = Vec::new();
    for run in sorted.chunk_by_mut(|&a, &b| profiles[a].shape == profiles[b].shape) {
        if run.len() > 1 {
            keyed.clear();
            keyed.extend(run.iter().map(|&p| (profiles[p].kind == QuoteKind::Indirect, profiles[p].speaker, p)));
            if !keyed.is_sorted() {
                keyed.sort_unstable();
                run.iter_mut().zip(&keyed).for_each(|(p, k)| *p = k.2);
            }
        }
    }
    let mut classes: Vec<Class> = Vec::new();
    let mut by_shape: Vec<Vec<usize>> = vec![Vec::new(); n_shapes];
    let mut i = 0;
    while i < sorted.len() {
        let key = class_key(sorted[i]);
        let end = i + sorted[i..].partition_point(|&p| class_key(p) == key);
        let members = &sorted[i..end];
        let first = members[0];
        let other = members.iter().copied().find(|&p| profiles[p].doc != profiles[first].doc);
        by_shape[key.0].push(classes.len());
        classes.push(Class { members: i..end, reps: (first, other) });
        i = end;
    }
    let mut mass = vec![0f32; n_shapes];
    let mut touched: Vec<usize> = Vec::new();
    for a in (0..n_shapes).filter(|&a| !by_shape[a].is_empty()) {
        for &(t, _) in shapes[a].bag.iter().filter(|&&(t, _)| open(t)) {
            let list = postings(t);
            for &b in &list[list.partition_point(|&b| (b as usize) < a)..] {
                let b = b as usize;
                if mass[b] == 0.0 {
                    touched.push(b);
                }
                mass[b] += w[t as usize];
            }
        }
        for &b in &touched {
            let m = std::mem::take(&mut mass[b]);
            if by_shape[b].is_empty() {
                continue;
            }
            let (ta, tb) = (&shapes[a], &shapes[b]);
            // Only pairs whose shared content could pass [`accept`] are aligned: the same
            // phrase, or enough shared weight, both absolute and relative to the smaller quote.
            let same_phrase = ta.toks == tb.toks;
            let enough = m >= MIN_MASS && m >= PREFILTER_SHARE * content_weight[a].min(content_weight[b]);
            if !same_phrase && !enough {
                continue;
            }
            // Scores by orientation (the first quote of a pair in profile order is `p`).
            let mut ab = PairMemo::default();
            let mut ba = PairMemo::default();
            for &x in &by_shape[a] {
                for &y in by_shape[b].iter().filter(|&&y| a != b || y >= x) {
                    let (cx, cy) = (&classes[x], &classes[y]);
                    let (mx, my) = (&sorted[cx.members.clone()], &sorted[cy.members.clone()]);
                    let (px, py) = (&profiles[mx[0]], &profiles[my[0]]);
                    // Verdicts (across articles, within one) for p of `cx` and q of `cy`, and
                    // reversed, worked out when first needed.
                    let mut verdicts = [[None::<bool>; 2]; 2];
                    let mut verdict = |forward: bool, same_doc: bool| -> bool {
                        *verdicts[forward as usize][same_doc as usize].get_or_insert_with(|| {
                            let (p, tp, q, tq, tot, ws, memo) = if forward || x == y {
                                (px, ta, py, tb, (totals[a], totals[b]), (word_weights.of(a), word_weights.of(b)), &mut ab)
                            } else {
                                (py, tb, px, ta, (totals[b], totals[a]), (word_weights.of(b), word_weights.of(a)), &mut ba)
                            };
                            if !same_phrase {
                                let bound = *memo.bound.get_or_insert_with(|| alignment_bound(tp, tq, tot, w));
                                let bag = &mut memo.bag;
                                if !could_accept(p, q, bound, || *bag.get_or_insert_with(|| bag_overlap(tp, tq, w).0), same_doc) {
                                    return false;
                                }
                            }
                            let s = *memo.score.get_or_insert_with(|| score_pair(tp, tq, w, ws, tot));
                            accept(p, tp, q, tq, &s, same_doc)
                        })
                    };
                    // A few pairs (quotes printed once, the usual case) are decided one by one.
                    let few = mx.len() * my.len() <= 4;
                    let fwd = (!few).then(|| (verdict(true, false), verdict(true, true)));
                    let bwd = (!few).then(|| (verdict(false, false), verdict(false, true)));
                    if !few && fwd == bwd {
                        join_pairs(profiles, sets, (mx, cx.reps), (my, cy.reps), x == y, fwd.unwrap_or_default());
                        continue;
                    }
                    // Else the verdict depends on which quote comes first.
                    for &i in mx {
                        for &j in my.iter().filter(|&&j| x != y || j > i) {
                            let (pi, pj) = (&profiles[i], &profiles[j]);
                            let same_doc = pi.doc == pj.doc;
                            if (same_doc && nested(pi, pj)) || !verdict(i < j, same_doc) {
                                continue;
                            }
                            sets.union(i, j);
                        }
                    }
                }
            }
        }
        touched.clear();
    }
}

/// A class's members and its [`Class::reps`].
type Members<'m> = (&'m [usize], (usize, Option<usize>));

/// Joins every pair of a member of `x` and a member of `y` (two members of `x` when `same`
/// class) that the verdict allows: `cross` for members of different articles, `within` for
/// members of one article that do not overlap. The sets end up as if each such pair were
/// joined, at a cost linear in the members.
///
/// Across articles: each member is joined with the other class's first member and its first
/// member of another article, where their articles differ. Every member with a partner in
/// another article is then joined with one of those two, and the two are joined through any
/// member in a third article, or are each other's only partners. Within an article, classes
/// have a few members each, and its pairs are joined one by one.
fn join_pairs(profiles: &[Profile], sets: &mut Sets, x: Members, y: Members, same: bool, (cross, within): (bool, bool)) {
    let doc = |p: usize| profiles[p].doc;
    if cross {
        for (from, to) in [(x, y), (y, x)] {
            let reps = [Some(to.1 .0), to.1 .1];
            for &m in from.0 {
                for r in reps.into_iter().flatten() {
                    if doc(r) != doc(m) {
                        sets.union(m, r);
                    }
                }
            }
            if same {
                break;
            }
        }
    }
    if within {
        // Members are in article order: walk both lists article by article.
        let (xs, ys) = (x.0, y.0);
        let (mut i, mut j) = (0, 0);
        while i < xs.len() && j < ys.len() {
            let (dx, dy) = (doc(xs[i]), doc(ys[j]));
            if dx != dy {
                if dx < dy { i += 1 } else { j += 1 }
                continue;
            }
            let ie = i + xs[i..].partition_point(|&p| doc(p) == dx);
            let je = j + ys[j..].partition_point(|&p| doc(p) == dy);
            for &p in &xs[i..ie] {
                for &q in &ys[j..je] {
                    if p != q && !nested(&profiles[p], &profiles[q]) {
                        sets.union(p, q);
                    }
                }
            }
            (i, j) = (ie, je);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallax_core::SpeakerSource;

    /// Joining class members wholesale makes the sets that joining every allowed pair makes.
    #[test]
    fn wholesale_joins_match_pair_by_pair() {
        let profile = |doc: usize, start: usize| Profile {
            doc,
            idx: 0,
            span: start..start + 10,
            kind: QuoteKind::Direct,
            speaker: None,
            source: SpeakerSource::Cue,
            para: None,
            shape: 0,
            habitual: false,
        };
        let reps = |m: &[usize], ps: &[Profile]| (m[0], m.iter().copied().find(|&p| ps[p].doc != ps[m[0]].doc));
        for seed in 0..400u64 {
            let r = |i: u64| (seed.wrapping_mul(6364136223846793005).wrapping_add(i.wrapping_mul(1442695040888963407)) >> 33) as usize;
            let n = 2 + r(1) % 9;
            let docs = 1 + r(2) % 4;
            // Profiles in article order, a few overlapping within an article.
            let mut ps: Vec<Profile> = (0..n).map(|i| profile(r(10 + i as u64) % docs, (r(30 + i as u64) % 4) * 6)).collect();
            ps.sort_by_key(|p| (p.doc, p.span.start));
            let split = r(3) % (n + 1);
            let same = r(4) % 3 == 0;
            let (xs, ys): (Vec<usize>, Vec<usize>) = if same { ((0..n).collect(), (0..n).collect()) } else { ((0..split).collect(), (split..n).collect()) };
            if xs.is_empty() || ys.is_empty() {
                continue;
            }
            let verdict = (r(5) % 2 == 0, r(6) % 2 == 0);
            let mut wholesale = Sets::new(n);
            join_pairs(&ps, &mut wholesale, (&xs, reps(&xs, &ps)), (&ys, reps(&ys, &ps)), same, verdict);
            let mut pairwise = Sets::new(n);
            for &i in &xs {
                for &j in ys.iter().filter(|&&j| j != i) {
                    let (pi, pj) = (&ps[i], &ps[j]);
                    let ok = if pi.doc == pj.doc { verdict.1 && !nested(pi, pj) } else { verdict.0 };
                    if ok {
                        pairwise.union(i, j);
                    }
                }
            }
            for i in 0..n {
                assert_eq!(wholesale.find(i), pairwise.find(i), "seed {seed}: {n} quotes, same class {same}, {verdict:?}");
            }
        }
    }
}
