//! From pairwise links to groups.
//!
//! Quotes that report one utterance are joined (union-find, [`super::link::link`]), so each
//! quote ends up in at most one group.
//! Then statements that outlets print in pieces are put back together: one outlet may run a
//! spokesperson's statement as two paragraphs and another as three, so the pieces match across
//! outlets one by one, in two or three groups. When two groups follow each other — a piece of
//! one continued by a piece of the other, same speaker, next paragraph at most — in two or more
//! articles that are not copies of one another, they are one statement and become one group.
//! One article alone is not enough: a reporter quoting two different remarks back to back is
//! common, and a copy of the article repeats that choice. Nor are groups credited mostly to
//! different people.

use parallax_core::SpeakerSource;

use crate::copies::Copies;
use crate::diff::lcs_len;
use super::profile::{KeyMap, Profile, Tokens};
pub use crate::sets::Sets;

/// Groups (lists of profile indices, each sorted) of two or more quotes, from the sets of
/// linked quotes.
pub fn cluster(profiles: &[Profile], shapes: &[Tokens], mut sets: Sets, copies: &Copies) -> Vec<Vec<usize>> {
    join_continued_statements(profiles, &mut sets, copies);
    attach_split_pieces(profiles, shapes, &mut sets);
    // Groups in the order of their roots, members in order: counted, then filled.
    let roots = all_roots(profiles, &mut sets);
    let size = sizes(&roots);
    let mut slot = vec![usize::MAX; roots.len()];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (r, &n) in size.iter().enumerate().filter(|&(_, &n)| n >= 2) {
        slot[r] = groups.len();
        groups.push(Vec::with_capacity(n));
    }
    for (p, &r) in roots.iter().enumerate() {
        if let Some(g) = groups.get_mut(slot[r]) {
            g.push(p);
        }
    }
    groups
}

/// Every quote's set root (sets are over quote indices, so a root is one too).
fn all_roots(profiles: &[Profile], sets: &mut Sets) -> Vec<usize> {
    (0..profiles.len()).map(|p| sets.find(p)).collect()
}

/// Per set root, its number of members (0 for a quote that is not a root).
fn sizes(roots: &[usize]) -> Vec<usize> {
    let mut size = vec![0usize; roots.len()];
    roots.iter().for_each(|&r| size[r] += 1);
    size
}

/// Whether quote `b` carries on the statement of quote `a` (both of one article, `b` next).
fn continues(a: &Profile, b: &Profile) -> bool {
    if a.doc != b.doc || a.habitual || b.habitual || b.span.start < a.span.end {
        return false;
    }
    let near = match (a.para, b.para) {
        (Some(x), Some(y)) => y >= x && y - x <= 1,
        _ => false,
    };
    let same_speaker = match (a.speaker, b.speaker) {
        (Some(x), Some(y)) => x == y,
        _ => b.source == SpeakerSource::Context(a.idx),
    };
    near && same_speaker
}

/// Runs of consecutive quotes of one article, each continuing the one before (as ranges of
/// quote indices: a run is consecutive quotes).
fn chains(profiles: &[Profile]) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    for i in 1..=profiles.len() {
        if i == profiles.len() || !continues(&profiles[i - 1], &profiles[i]) {
            if i - start >= 2 {
                out.push(start..i);
            }
            start = i;
        }
    }
    out
}

/// The speaker most of a group's members are credited to (the lowest entity on a tie), from
/// its (speaker, credits), if any member's is known.
fn main_speaker(credits: &[(usize, usize)]) -> Option<usize> {
    credits.iter().max_by_key(|&&(who, n)| (n, std::cmp::Reverse(who))).map(|&(who, _)| who)
}

/// Adds `n` credits to `who` in a group's (speaker, credits).
fn credit(credits: &mut Vec<(usize, usize)>, who: usize, n: usize) {
    match credits.iter_mut().find(|c| c.0 == who) {
        Some(c) => c.1 += n,
        None => credits.push((who, n)),
    }
}

fn join_continued_statements(profiles: &[Profile], sets: &mut Sets, copies: &Copies) {
    let chains = chains(profiles);
    if chains.is_empty() {
        return;
    }
    // A copy of an article repeats its choice of what to quote next to what: each chain counts
    // for the article it copies.
    let sources: Vec<usize> = chains.iter().map(|c| copies.root(profiles[c.start].doc)).collect();
    // Set sizes by root, kept up to date as sets join (the root of two joined sets is the
    // lower of their roots), so a round reads the chains' quotes, not every quote of the story.
    let mut size = sizes(&all_roots(profiles, sets));
    // The grouped pieces of each chain (pieces that matched nothing stay so: only groups join
    // here), for the chains with two or more: chain `c`'s are `pieces[from[c]..from[c + 1]]`.
    let mut pieces: Vec<usize> = Vec::new();
    let mut from: Vec<usize> = vec![0];
    let mut piece_sources: Vec<usize> = Vec::new();
    for (chain, &source) in chains.iter().zip(&sources) {
        let start = pieces.len();
        pieces.extend(chain.clone().filter(|&p| size[sets.find(p)] >= 2));
        if pieces.len() - start >= 2 {
            from.push(pieces.len());
            piece_sources.push(source);
        } else {
            pieces.truncate(start);
        }
    }
    // Per root of a group (a set of two or more: only groups join here, so no other set ever
    // becomes one), its members' speakers and their credits, merged as groups join; counted
    // the first time two groups are found together (often never).
    let mut credits: Vec<Vec<(usize, usize)>> = Vec::new();
    // (earlier group, later group, source article) packed into one sortable number: 64 bits
    // when the story is small enough (they sort faster), else 128.
    let narrow = profiles.len() < 1 << 22 && sources.iter().all(|&s| s < 1 << 20);
    let (pair_bits, source_bits) = if narrow { (22, 20) } else { (43, 43) };
    let pack = |(a, b): (usize, usize), source: usize| (a as u128) << (pair_bits + source_bits) | (b as u128) << source_bits | source as u128;
    let pair_of = |key: u128| ((key >> (pair_bits + source_bits)) as usize, (key >> source_bits) as usize & ((1 << pair_bits) - 1));
    let mut seen: Vec<u128> = Vec::new();
    let mut seen_narrow: Vec<u64> = Vec::new();
    let mut grouped: Vec<usize> = Vec::new();
    loop {
        // Grouped pieces next to each other in a chain.
        seen.clear();
        seen_narrow.clear();
        for (c, &source) in piece_sources.iter().enumerate() {
            grouped.clear();
            grouped.extend(pieces[from[c]..from[c + 1]].iter().map(|&p| sets.find(p)));
            for w in grouped.windows(2) {
                let (ra, rb) = (w[0], w[1]);
                if ra != rb {
                    let key = pack((ra.min(rb), ra.max(rb)), source);
                    if narrow {
                        seen_narrow.push(key as u64);
                    } else {
                        seen.push(key);
                    }
                }
            }
        }
        if narrow {
            seen_narrow.sort_unstable();
            seen_narrow.dedup();
            seen.extend(seen_narrow.iter().map(|&k| k as u128));
        } else {
            seen.sort_unstable();
            seen.dedup();
        }
        let together: Vec<(usize, usize)> = seen
            .chunk_by(|&a, &b| a >> source_bits == b >> source_bits)
            .filter(|run| run.len() >= 2)
            .map(|run| pair_of(run[0]))
            .collect();
        if together.is_empty() {
            break;
        }
        if credits.is_empty() {
            credits = vec![Vec::new(); profiles.len()];
            for (p, profile) in profiles.iter().enumerate() {
                let Some(who) = profile.speaker else { continue };
                let root = sets.find(p);
                if size[root] >= 2 {
                    credit(&mut credits[root], who, 1);
                }
            }
        }
        // One statement has one speaker: pieces whose groups name different people (an
        // attribution slip in one article) do not join.
        // (The speakers are the groups' as the round began, before any of its joins.)
        let speakers: Vec<(Option<usize>, Option<usize>)> =
            together.iter().map(|&(a, b)| (main_speaker(&credits[a]), main_speaker(&credits[b]))).collect();
        let mut merged = false;
        for (&(ra, rb), speakers) in together.iter().zip(speakers) {
            if !matches!(speakers, (Some(x), Some(y)) if x != y) {
                let (fa, fb) = (sets.find(ra), sets.find(rb));
                if sets.union(fa, fb) {
                    // `Sets::union` keeps the lower root.
                    let (root, gone) = (fa.min(fb), fa.max(fb));
                    debug_assert_eq!(sets.find(gone), root);
                    size[root] = size[fa] + size[fb];
                    for (who, n) in std::mem::take(&mut credits[gone]) {
                        credit(&mut credits[root], who, n);
                    }
                    merged = true;
                }
            }
        }
        if !merged {
            break;
        }
    }
    // A piece that matched nothing, between two pieces of one group in the same chain, is
    // part of that statement too (it straddles pieces that another outlet cut elsewhere).
    for chain in &chains {
        for p in chain.start + 1..chain.end.saturating_sub(1) {
            if size[sets.find(p)] != 1 {
                continue;
            }
            let before = (chain.start..p).rev().map(|q| sets.find(q)).find(|&r| size[r] >= 2);
            let after = (p + 1..chain.end).map(|q| sets.find(q)).find(|&r| size[r] >= 2);
            if let (Some(x), Some(y)) = (before, after) {
                if x == y {
                    sets.union(p, x);
                }
            }
        }
    }
}

/// Least number of matching tokens of a piece attached by [`attach_split_pieces`].
const MIN_PIECE_TOKENS: usize = 3;
/// Share of the piece's tokens that must occur, in order, in the other outlet's quote.
const PIECE_COVER: f32 = 0.8;

/// A quote split around its attribution ("…," she said. "We wouldn't and we didn't.") leaves
/// pieces too short or too plain to match on their own. A piece that continues a grouped quote
/// joins its group when another outlet's member of that group contains its words in order.
fn attach_split_pieces(profiles: &[Profile], shapes: &[Tokens], sets: &mut Sets) {
    let n = profiles.len();
    let roots = all_roots(profiles, sets);
    let mut size = sizes(&roots);
    // The members of each group (a set of two or more) by root, kept as pieces join.
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (p, &r) in roots.iter().enumerate() {
        if size[r] >= 2 {
            members[r].push(p);
        }
    }
    let mut cover: KeyMap<bool> = KeyMap::default();
    for i in 1..n {
        let (a, b) = (i - 1, i);
        if !continues(&profiles[a], &profiles[b]) {
            continue;
        }
        let (ra, rb) = (sets.find(a), sets.find(b));
        let (piece, anchor) = match (size[ra], size[rb]) {
            (1, s) if s >= 2 => (a, rb),
            (s, 1) if s >= 2 => (b, ra),
            _ => continue,
        };
        let toks = &shapes[profiles[piece].shape].toks;
        if toks.len() < MIN_PIECE_TOKENS {
            continue;
        }
        // Whether the words of one shape are in another depends on the two shapes alone.
        let mut covered = |of: usize| {
            let key = (profiles[piece].shape as u64) << 32 | of as u64;
            *cover.entry(key).or_insert_with(|| lcs_len(toks, &shapes[of].toks) as f32 >= PIECE_COVER * toks.len() as f32)
        };
        let inside = members[anchor].iter().any(|&m| profiles[m].doc != profiles[piece].doc && covered(profiles[m].shape));
        if inside {
            sets.union(piece, anchor);
            let root = sets.find(anchor);
            size[root] = size[anchor].max(size[root]) + 1;
            if root != anchor {
                members[root] = std::mem::take(&mut members[anchor]);
            }
            members[root].push(piece);
        }
    }
}
