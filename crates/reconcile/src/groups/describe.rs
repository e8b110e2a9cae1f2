//! Turning a set of matched quotes into a [`QuoteGroup`]: which member is the reference, the
//! word diffs against it, whether the wording is identical, a note for people, and whether a
//! difference changes what the speaker is reported to have said.
//!
//! A difference at the edge of a quote on one side only is truncation (an outlet quoting less),
//! not a change of wording. A change is a run of differing words between or beside shared
//! words: a substitution (both sides have words there), or an omission or insertion inside the
//! quote. Only changes can make a possible misquote.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use parallax_core::QuoteKind;

use super::lexicon;
use super::profile::{KeyMap, Profile, Tokens};
use crate::diff::{self, lcs_pairs, Word};
use crate::{QuoteGroup, StoryView};

/// A possible misquote is a small change in an otherwise shared wording: the two must align over
/// this share of the shorter one, and the change span at most [`MISQUOTE_SPAN`] words a side.
/// Beyond that, the wordings are different sentences and their differences say nothing.
const MISQUOTE_ALIGNED: f32 = 0.7;
const MISQUOTE_SPAN: usize = 4;
/// At most this many changes are spelled out per member in a note.
const NOTE_CHANGES: usize = 3;
/// Longest stretch of words quoted in a note before it is cut with "…".
const NOTE_WORDS: usize = 8;

/// A member's words, for comparison, and their keys.
struct Wording<'a> {
    text: &'a str,
    words: Vec<Word>,
    keys: Vec<u64>,
}

impl<'a> Wording<'a> {
    fn new(text: &'a str) -> Wording<'a> {
        let words = diff::words(text);
        let keys = words.iter().map(|w| w.key).collect();
        Wording { text, words, keys }
    }

    /// The comparison key of word `i` spelled out (for the few words a change is made of).
    fn key_text(&self, i: usize) -> String {
        diff::key_text(self.printed(i))
    }

    fn printed(&self, i: usize) -> &'a str {
        &self.text[self.words[i].range.clone()]
    }

    /// Words `r` as printed, cut to a readable length.
    fn phrase(&self, r: &Range<usize>) -> String {
        let n = r.len();
        let take = n.min(NOTE_WORDS);
        let mut s: Vec<&str> = (r.start..r.start + take).map(|i| self.printed(i)).collect();
        if n > take {
            s.push("…");
        }
        s.join(" ")
    }

    /// Whether word `i` starts a sentence (first word, or after ., !, ?, : or a line break).
    fn sentence_initial(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        let gap = &self.text[self.words[i - 1].range.end..self.words[i].range.start];
        gap.contains(['.', '!', '?', ':', '\n', '"', '\u{201C}'])
    }
}

/// One run of differing words: `a` in the reference, `b` in the member (either may be empty).
struct Change {
    a: Range<usize>,
    b: Range<usize>,
    /// Not at either end of the alignment (or a substitution at an end).
    real: bool,
}

fn changes(a: &Wording, b: &Wording) -> (Vec<Change>, usize) {
    let pairs = lcs_pairs(&a.keys, &b.keys);
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    let n_pairs = pairs.len();
    for (k, &(pi, pj)) in pairs.iter().chain(std::iter::once(&(a.words.len(), b.words.len()))).enumerate() {
        let respaced = || {
            let join = |w: &Wording, r: Range<usize>| r.map(|x| w.key_text(x)).collect::<String>();
            join(a, i..pi) == join(b, j..pj)
        };
        if (pi > i || pj > j) && !respaced() {
            let substitution = pi > i && pj > j;
            let edge = k == 0 || k == n_pairs;
            out.push(Change { a: i..pi, b: j..pj, real: substitution || !edge });
        }
        i = pi + 1;
        j = pj + 1;
    }
    (out, n_pairs)
}

/// Story entities by the keys of their name words, built the first time a change has names on
/// both sides and shared by every group of the story.
pub type Aliases = std::cell::OnceCell<HashMap<u64, Vec<usize>>>;

pub fn describe(view: &StoryView, profiles: &[Profile], shapes: &[Tokens], members: &[usize], aliases: &Aliases) -> QuoteGroup {
    let order = order_members(profiles, shapes, members);
    // Members' texts, read from their articles only here: most quotes of a story are in no group.
    // They are all looked up first, in one short loop: the lookups do not depend on one another,
    // so the processor overlaps their reads of the articles (each a different place in memory).
    let text = |p: usize| view.docs.get(profiles[p].doc).and_then(|d| d.body.get(profiles[p].span.clone())).unwrap_or("");
    let member_text: Vec<&str> = order.iter().map(|&p| text(p)).collect();
    // Members printed identically (wire copies) are split into words and diffed once. Equal
    // texts nearly always have one shape, so a member's text is compared with the distinct
    // texts met so far of its shape only (telling equal texts apart is only a saving).
    let mut texts_of_shape: KeyMap<usize> = KeyMap::with_capacity_and_hasher(order.len(), Default::default());
    // Per shape met (by `texts_of_shape`), the first member of each of its distinct texts.
    let mut variants: Vec<Vec<usize>> = Vec::new();
    let mut same_text: Vec<usize> = Vec::with_capacity(order.len());
    for (m, &p) in order.iter().enumerate() {
        let slot = *texts_of_shape.entry(profiles[p].shape as u64).or_insert_with(|| {
            variants.push(Vec::new());
            variants.len() - 1
        });
        let first = match variants[slot].iter().find(|&&f| member_text[f] == member_text[m]) {
            Some(&f) => f,
            None => {
                variants[slot].push(m);
                m
            }
        };
        same_text.push(first);
    }
    // One wording per distinct text; members point to theirs.
    let mut texts: Vec<Wording> = Vec::new();
    let mut text_of: Vec<usize> = Vec::with_capacity(order.len());
    for m in 0..order.len() {
        match same_text[m] {
            f if f < m => text_of.push(text_of[f]),
            _ => {
                text_of.push(texts.len());
                texts.push(Wording::new(member_text[m]));
            }
        }
    }
    let wordings: Vec<&Wording> = text_of.iter().map(|&t| &texts[t]).collect();
    let keys: Vec<&[u64]> = text_of.iter().map(|&t| texts[t].keys.as_slice()).collect();
    // Words in common, in order, between every two members. Members with the same words (wire
    // copies, an outlet reprinting its own story) are aligned once, as one wording: a group
    // reprinted in dozens of articles costs as much as its distinct wordings.
    let n = order.len();
    // Classes of identical words, found among the distinct texts (in order of first member).
    let text_key_refs: Vec<&[u64]> = texts.iter().map(|t| t.keys.as_slice()).collect();
    let (text_class, text_reps) = wording_classes(&text_key_refs);
    let class: Vec<usize> = text_of.iter().map(|&t| text_class[t]).collect();
    let first_member_of_text: Vec<usize> = {
        let mut f = vec![usize::MAX; texts.len()];
        text_of.iter().enumerate().rev().for_each(|(m, &t)| f[t] = m);
        f
    };
    let reps: Vec<usize> = text_reps.iter().map(|&t| first_member_of_text[t]).collect();
    let k = reps.len();
    let mut class_common = vec![0usize; k * k];
    for a in 0..k {
        class_common[a * k + a] = keys[reps[a]].len();
        for b in a + 1..k {
            let l = diff::lcs_len(keys[reps[a]], keys[reps[b]]);
            class_common[a * k + b] = l;
            class_common[b * k + a] = l;
        }
    }
    let common = |i: usize, j: usize| class_common[class[i] * k + class[j]];
    // Members printed alike share one diff, and so do members with the reference's words (all
    // the same, spelled as the reference spells them).
    let mut diffs: Vec<Arc<[diff::DiffOp]>> = Vec::with_capacity(n);
    for m in 0..n {
        let d = match same_text[m] {
            f if f < m => diffs[f].clone(),
            _ if m > 0 && class[m] == class[0] => diffs[0].clone(),
            _ => member_diff(wordings[0], wordings[m], common(0, m)).into(),
        };
        diffs.push(d);
    }
    let quoted = |m: usize| profiles[order[m]].kind != QuoteKind::Indirect;
    // Same words: every member but the longest is, word for word, a stretch of another member
    // (an outlet quoting less, or in pieces, is not a different wording); a paraphrase beside
    // quoted words is a different wording.
    let longest = (0..order.len()).max_by_key(|&m| (keys[m].len(), usize::MAX - m)).unwrap_or(0);
    let any_quoted = (0..order.len()).any(quoted);
    // A member whose words another member has too is trivially a stretch of it; otherwise it is
    // looked for in the other distinct wordings.
    let mut class_size = vec![0usize; k];
    class.iter().for_each(|&c| class_size[c] += 1);
    let mut inside: Vec<Option<bool>> = vec![None; k];
    let identical_wording = (0..order.len()).all(|m| {
        (quoted(m) || !any_quoted)
            && (m == longest
                || class_size[class[m]] > 1
                || *inside[class[m]].get_or_insert_with(|| {
                    (0..k).any(|c| c != class[m] && contains_run(keys[reps[c]], keys[m]))
                }))
    });

    let labels = DocLabels::new(profiles, &order);
    let id = |m: usize| labels.get(view, profiles[order[m]].doc);
    let mut notes: Vec<String> = Vec::new();
    let mut misquote: Option<String> = None;
    // Per member, the counterpart it was described against: a pair is described once, from
    // whichever of the two comes first (each member describes at most one pair).
    let mut described_with: Vec<usize> = vec![usize::MAX; order.len()];
    let pair = |a: usize, b: usize| (a as u64) << 32 | b as u64;
    let candidates = Candidates::new(profiles, &order, &class, k);
    let mut ranked = Vec::new();
    // The changes between two printed wordings, worked out once per pair of texts.
    let mut change_memo: KeyMap<(Vec<Change>, usize)> = KeyMap::default();
    for m in 1..order.len() {
        let w = wordings[m];
        // Compare with the member this one aligns with best (another outlet's first): with a
        // statement in pieces, the reference may be a different piece.
        let Some((c, aligned)) = candidates.counterpart(&keys, &common, &class, &mut ranked, m) else { continue };
        if described_with[c] == m {
            continue;
        }
        if !quoted(m) && quoted(c) {
            notes.push(format!("{} reports it indirectly: '{}'", id(m), w.phrase(&(0..w.words.len()))));
            continue;
        }
        if quoted(m) && !quoted(c) {
            continue; // the indirect member gets the note
        }
        described_with[m] = c;
        if aligned * 2 < w.words.len() {
            notes.push(format!("{} words it differently: '{}'", id(m), w.phrase(&(0..w.words.len()))));
            continue;
        }
        let cw = wordings[c];
        let (chs, _) = &*change_memo.entry(pair(same_text[c], same_text[m])).or_insert_with(|| changes(cw, w));
        let real: Vec<&Change> = chs.iter().filter(|c| c.real).collect();
        if real.is_empty() {
            let shorter = chs.iter().any(|c| !c.a.is_empty());
            let longer = chs.iter().any(|c| !c.b.is_empty());
            match (shorter, longer) {
                (true, false) => notes.push(format!("{} quotes part of it", id(m))),
                (false, true) => notes.push(format!("{} quotes more of it", id(m))),
                (true, true) => notes.push(format!("{} quotes a different stretch of it", id(m))),
                (false, false) => {}
            }
            continue;
        }
        for ch in real.iter().take(NOTE_CHANGES) {
            notes.push(match (ch.a.is_empty(), ch.b.is_empty()) {
                (false, false) => format!("{} has '{}' where {} has '{}'", id(c), cw.phrase(&ch.a), id(m), w.phrase(&ch.b)),
                (false, true) => format!("{} omits '{}'", id(m), cw.phrase(&ch.a)),
                _ => format!("{} adds '{}'", id(m), w.phrase(&ch.b)),
            });
        }
        if real.len() > NOTE_CHANGES {
            notes.push(format!("{} differs in {} more places", id(m), real.len() - NOTE_CHANGES));
        }
        let close = aligned as f32 >= MISQUOTE_ALIGNED * w.words.len().min(cw.words.len()) as f32;
        if misquote.is_none() && quoted(m) && quoted(c) && close {
            misquote = meaning_change(view, cw, w, &real, aliases).map(|why| format!("{} vs {}: {}", id(c), id(m), why));
        }
    }
    let note = match (identical_wording, notes.is_empty()) {
        (true, true) => "same words".to_string(),
        (false, true) => "wordings differ".to_string(),
        (true, false) => format!("same words; {}", notes.join("; ")),
        (false, false) => notes.join("; "),
    };
    QuoteGroup {
        speaker: group_speaker(profiles, &order),
        members: order.iter().map(|&p| (profiles[p].doc, profiles[p].idx)).collect(),
        identical_wording,
        note,
        diffs,
        possible_misquote: misquote,
    }
}

/// A member's diff against the reference. Word by word only when the two share, in order, at
/// least half the words of the shorter one (`shared` words): below that they are different
/// sentences (typically a loose paraphrase reported indirectly), an interleaving of a few common
/// words ("the", "we", "will") would only be noise to a reader, and the alignment costs most.
/// Such a member is shown whole: the reference's words removed, the member's added.
fn member_diff(reference: &Wording, w: &Wording, shared: usize) -> Vec<diff::DiffOp> {
    if shared * 2 >= reference.words.len().min(w.words.len()) {
        return diff::word_diff_keyed(reference.text, &reference.words, &reference.keys, w.text, &w.words, &w.keys);
    }
    let whole = |x: &Wording| {
        let mut s = String::with_capacity(x.text.len());
        for i in 0..x.words.len() {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(x.printed(i));
        }
        s
    };
    let mut ops = Vec::with_capacity(2);
    if !reference.words.is_empty() {
        ops.push(diff::DiffOp::Removed(whole(reference)));
    }
    if !w.words.is_empty() {
        ops.push(diff::DiffOp::Added(whole(w)));
    }
    ops
}

/// Where to look for each member's counterpart without scanning every member: members that
/// share a wording class and form have the same words in common with any member, so among
/// them only the first of another article can win; a member's own article is scanned whole
/// (a few quotes). A group reprinted in hundreds of articles then costs its distinct wordings
/// per member, not its size.
struct Candidates {
    /// Per member: its article and whether it is indirect.
    doc: Vec<usize>,
    indirect: Vec<bool>,
    /// Per (class, indirect) bucket: the first member, and the first member of another article
    /// than that one.
    buckets: Vec<(usize, Option<usize>)>,
    /// Members by article, in member order: the members of the article in slot `s` are
    /// `by_doc[starts[s]..starts[s + 1]]`.
    by_doc: Vec<usize>,
    starts: Vec<usize>,
    /// Per document, its slot (`usize::MAX` when none of its quotes is a member).
    slot_of_doc: Vec<usize>,
}

impl Candidates {
    fn new(profiles: &[Profile], order: &[usize], class: &[usize], k: usize) -> Candidates {
        let doc: Vec<usize> = order.iter().map(|&p| profiles[p].doc).collect();
        let indirect: Vec<bool> = order.iter().map(|&p| profiles[p].kind == QuoteKind::Indirect).collect();
        let mut buckets: Vec<(usize, Option<usize>)> = vec![(usize::MAX, None); 2 * k];
        let mut slot_of_doc = vec![usize::MAX; doc.iter().max().map_or(0, |&d| d + 1)];
        // Members per slot counted, then placed (a counting sort, stable in member order).
        let mut starts: Vec<usize> = vec![0];
        for m in 0..order.len() {
            let b = &mut buckets[class[m] * 2 + indirect[m] as usize];
            if b.0 == usize::MAX {
                b.0 = m;
            } else if b.1.is_none() && doc[b.0] != doc[m] {
                b.1 = Some(m);
            }
            if slot_of_doc[doc[m]] == usize::MAX {
                slot_of_doc[doc[m]] = starts.len() - 1;
                starts.push(0);
            }
            starts[slot_of_doc[doc[m]] + 1] += 1;
        }
        for s in 1..starts.len() {
            starts[s] += starts[s - 1];
        }
        let mut fill = starts.clone();
        let mut by_doc = vec![0usize; order.len()];
        for (m, &d) in doc.iter().enumerate() {
            let s = slot_of_doc[d];
            by_doc[fill[s]] = m;
            fill[s] += 1;
        }
        Candidates { doc, indirect, buckets, by_doc, starts, slot_of_doc }
    }

    /// The member (position in `order`) that member `m` shares most words with, in order, and
    /// how many: another article's member first, then one of its own article. (The same choice
    /// as maximising the key below over every other member.)
    ///
    /// Another article's candidates rank by what their bucket and `m`'s class and form decide,
    /// then by position; so buckets are ranked once per class and form (`ranked`), and a member
    /// looks only at the best rank that has a candidate for it.
    fn counterpart(&self, keys: &[&[u64]], common: &impl Fn(usize, usize) -> usize, class: &[usize], ranked: &mut Vec<Option<Vec<(Rank, usize)>>>, m: usize) -> Option<(usize, usize)> {
        let dm = self.doc[m];
        let key = |j: usize| {
            let n = common(j, m);
            let other = self.doc[j] != dm;
            let well = other && n * 2 >= keys[m].len() && n > 0;
            let same_form = self.indirect[j] == self.indirect[m];
            ((well, same_form, other, n, usize::MAX - j), n)
        };
        let slot = class[m] * 2 + self.indirect[m] as usize;
        if ranked.len() <= slot {
            ranked.resize(slot + 1, None);
        }
        let order = ranked[slot].get_or_insert_with(|| {
            let mut v: Vec<(Rank, usize)> = (0..self.buckets.len())
                .filter(|&b| self.buckets[b].0 != usize::MAX)
                .map(|b| {
                    let n = common(self.buckets[b].0, m);
                    ((n * 2 >= keys[m].len() && n > 0, self.indirect[self.buckets[b].0] == self.indirect[m], n), b)
                })
                .collect();
            v.sort_by(|x, y| y.0.cmp(&x.0));
            v
        });
        let mut other_doc: Option<usize> = None;
        let mut tier: Option<Rank> = None;
        for &(rank, b) in order.iter() {
            if tier.is_some_and(|t| t != rank) {
                break;
            }
            let (first, next) = self.buckets[b];
            let Some(j) = (if self.doc[first] != dm { Some(first) } else { next }) else { continue };
            tier = Some(rank);
            other_doc = Some(other_doc.map_or(j, |o| o.min(j)));
        }
        // A member of its own article ranks below one of another article that shares half its
        // words or has its form: then the own article is not looked at.
        if let Some(j) = other_doc {
            let ((well, same_form, ..), n) = key(j);
            if well || same_form {
                return Some((j, n));
            }
        }
        let s = self.slot_of_doc[dm];
        let own_doc = self.by_doc[self.starts[s]..self.starts[s + 1]].iter().copied().filter(|&j| j != m);
        other_doc.into_iter().chain(own_doc).map(|j| (j, key(j))).max_by_key(|&(_, (k, _))| k).map(|(j, (_, n))| (j, n))
    }
}

/// How a bucket ranks as the counterpart of a member of another article: (shares at least half
/// the member's words, same form, words shared).
type Rank = (bool, bool, usize);

/// The reference first: a quoted (direct, then partial) wording before an indirect one, the
/// longest, then the earliest; the others in article and text order.
fn order_members(profiles: &[Profile], shapes: &[Tokens], members: &[usize]) -> Vec<usize> {
    let rank = |k: QuoteKind| match k {
        QuoteKind::Direct => 0,
        QuoteKind::Partial => 1,
        QuoteKind::Indirect => 2,
    };
    let best = members
        .iter()
        .copied()
        .min_by_key(|&p| (rank(profiles[p].kind), usize::MAX - shapes[profiles[p].shape].toks.len(), profiles[p].doc, profiles[p].span.start));
    let mut rest: Vec<usize> = members.iter().copied().filter(|&p| Some(p) != best).collect();
    rest.sort_by_key(|&p| (profiles[p].doc, profiles[p].span.start));
    best.into_iter().chain(rest).collect()
}

/// Each member's class of identical words (index into the returned representatives, the first
/// member of each class).
fn wording_classes(keys: &[&[u64]]) -> (Vec<usize>, Vec<usize>) {
    let mut reps: Vec<usize> = Vec::new();
    let class = (0..keys.len())
        .map(|m| match reps.iter().position(|&r| keys[r] == keys[m]) {
            Some(c) => c,
            None => {
                reps.push(m);
                reps.len() - 1
            }
        })
        .collect();
    (class, reps)
}

/// Whether `needle` occurs as a contiguous run of `hay`.
fn contains_run(hay: &[u64], needle: &[u64]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

/// Majority speaker; a quoted member's speaker counts twice, an indirect one's once (the
/// attribution of quoted words is usually the more careful).
fn group_speaker(profiles: &[Profile], order: &[usize]) -> Option<usize> {
    let mut votes: Vec<(usize, usize, usize)> = Vec::new(); // (entity, votes, first position)
    for (pos, &p) in order.iter().enumerate() {
        let Some(e) = profiles[p].speaker else { continue };
        let v = if profiles[p].kind == QuoteKind::Indirect { 1 } else { 2 };
        match votes.iter_mut().find(|x| x.0 == e) {
            Some(x) => x.1 += v,
            None => votes.push((e, v, pos)),
        }
    }
    votes.into_iter().max_by_key(|&(_, v, pos)| (v, usize::MAX - pos)).map(|x| x.0)
}

/// Why a set of changes alters meaning, if it does: a negation on one side only, a different
/// number, a different proper name.
fn meaning_change(view: &StoryView, a: &Wording, b: &Wording, real: &[&Change], aliases: &Aliases) -> Option<String> {
    let real: Vec<&Change> = real.iter().copied().filter(|c| c.a.len() <= MISQUOTE_SPAN && c.b.len() <= MISQUOTE_SPAN).collect();
    let real = real.as_slice();
    let negations = |w: &Wording, r: &Range<usize>| r.clone().filter(|&i| lexicon::word_is_negation(w.printed(i), &w.key_text(i))).count();
    for c in real {
        let (na, nb) = (negations(a, &c.a), negations(b, &c.b));
        if na != nb {
            let (with, stretch) = if na > nb { (a, &c.a) } else { (b, &c.b) };
            return Some(format!("a negation in one wording only ('{}')", with.phrase(stretch)));
        }
    }
    // Digits of a stretch run together ("555 111" and "555111" are one number), number words
    // by value.
    let numbers = |w: &Wording, r: &Range<usize>| -> (String, Vec<u64>) {
        let digits: String = r.clone().flat_map(|i| w.printed(i).chars().filter(char::is_ascii_digit)).collect();
        let spelled = r.clone().filter_map(|i| lexicon::number_word(&w.key_text(i))).collect();
        (digits, spelled)
    };
    for c in real {
        let ((da, sa), (db, sb)) = (numbers(a, &c.a), numbers(b, &c.b));
        let has = |d: &String, s: &Vec<u64>| !d.is_empty() || !s.is_empty();
        let differ = if has(&da, &sa) && has(&db, &sb) {
            da != db || (sa != sb && da.is_empty())
        } else {
            // A figure only one wording has, inside the quote (not where one outlet stops short).
            !da.is_empty() || !db.is_empty()
        };
        if differ {
            return Some(format!("a different number ('{}' vs '{}')", a.phrase(&c.a), b.phrase(&c.b)));
        }
    }
    for c in real {
        let (na, nb) = (names(a, &c.a), names(b, &c.b));
        if na.is_empty() || nb.is_empty() {
            continue;
        }
        let aliases = aliases.get_or_init(|| alias_index(view));
        let same_referent = na.iter().any(|x| {
            nb.iter().any(|y| {
                aliases.get(x).is_some_and(|ex| aliases.get(y).is_some_and(|ey| ex.iter().any(|e| ey.contains(e))))
            })
        });
        if !same_referent && na.iter().all(|x| !nb.contains(x)) {
            return Some(format!("a different name ('{}' vs '{}')", a.phrase(&c.a), b.phrase(&c.b)));
        }
    }
    None
}

/// Keys of capitalised words inside a range that do not start a sentence (proper names).
fn names(w: &Wording, r: &Range<usize>) -> Vec<u64> {
    r.clone()
        .filter(|&i| {
            let p = w.printed(i);
            p.chars().next().is_some_and(char::is_uppercase) && p != "I" && !w.sentence_initial(i)
        })
        .map(|i| w.words[i].key)
        .collect()
}

/// Story entities by the keys of the words of their names and aliases.
fn alias_index(view: &StoryView) -> HashMap<u64, Vec<usize>> {
    let mut m: HashMap<u64, Vec<usize>> = HashMap::new();
    for (e, ent) in view.entities.entities.iter().enumerate() {
        for name in std::iter::once(&ent.name).chain(&ent.aliases) {
            for k in diff::word_keys(name) {
                let v = m.entry(k).or_default();
                if !v.contains(&e) {
                    v.push(e);
                }
            }
        }
    }
    m
}

/// How notes name each member's article: its outlet ("The Gazette has ..."), else its id; an
/// outlet that has several of the group's articles gets the id too, so the note can tell them
/// apart. The group's articles are listed the first time a note names one, and a label is made
/// the first time a note names its article (most groups get no note, most members none).
struct DocLabels<'a> {
    profiles: &'a [Profile],
    order: &'a [usize],
    /// The group's articles, in order of first member, and a label per article.
    made: std::cell::OnceCell<(Vec<usize>, Vec<std::cell::OnceCell<String>>)>,
}

impl<'a> DocLabels<'a> {
    fn new(profiles: &'a [Profile], order: &'a [usize]) -> DocLabels<'a> {
        DocLabels { profiles, order, made: std::cell::OnceCell::new() }
    }

    fn get(&self, view: &StoryView, d: usize) -> &str {
        let (docs, labels) = self.made.get_or_init(|| {
            let n = view.docs.len().max(self.order.iter().map(|&p| self.profiles[p].doc + 1).max().unwrap_or(0));
            let mut seen = vec![false; n];
            let mut docs: Vec<usize> = Vec::new();
            for &p in self.order {
                let d = self.profiles[p].doc;
                if !std::mem::replace(&mut seen[d], true) {
                    docs.push(d);
                }
            }
            let labels = vec![std::cell::OnceCell::new(); docs.len()];
            (docs, labels)
        });
        // Only members' articles are asked about.
        let Some(at) = docs.iter().position(|&e| e == d) else { return "?" };
        labels[at].get_or_init(|| {
            let outlet = |d: usize| view.docs.get(d).and_then(|doc| doc.outlet.as_deref()).map(str::trim).filter(|o| !o.is_empty());
            let id = view.docs.get(d).map_or("?", |doc| doc.id.as_str());
            match outlet(d) {
                Some(o) if docs.iter().any(|&e| e != d && outlet(e) == Some(o)) => format!("{o} ({id})"),
                Some(o) => o.to_string(),
                None => id.to_string(),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallax_core::SpeakerSource;

    fn profile(doc: usize, kind: QuoteKind) -> Profile {
        Profile {
            doc,
            idx: 0,
            span: 0..0,
            kind,
            speaker: None,
            source: SpeakerSource::Cue,
            para: None,
            shape: 0,
            habitual: false,
        }
    }

    /// The bucketed search picks what a scan of every other member would.
    #[test]
    fn counterpart_matches_a_full_scan() {
        let n = 60;
        let kinds = [QuoteKind::Direct, QuoteKind::Indirect, QuoteKind::Partial];
        let profiles: Vec<Profile> = (0..n).map(|i| profile((i * 7) % 9, kinds[(i * 5) % 3])).collect();
        let order: Vec<usize> = (0..n).collect();
        let class: Vec<usize> = (0..n).map(|i| (i * 11) % 6).collect();
        let k = 6;
        let owned: Vec<Vec<u64>> = (0..n).map(|i| vec![0; 3 + class[i]]).collect();
        let keys: Vec<&[u64]> = owned.iter().map(Vec::as_slice).collect();
        let class_common: Vec<usize> = (0..k * k).map(|x| ((x / k) * (x % k) + x) % 5).collect();
        let common = |i: usize, j: usize| class_common[class[i] * k + class[j]];
        let cands = Candidates::new(&profiles, &order, &class, k);
        let mut ranked = Vec::new();
        for m in 0..n {
            let brute = (0..n)
                .filter(|&j| j != m)
                .map(|j| (j, common(j, m), profiles[j].doc != profiles[m].doc))
                .max_by_key(|&(j, c, other)| {
                    let well = other && c * 2 >= keys[m].len() && c > 0;
                    let same_form = (profiles[j].kind == QuoteKind::Indirect) == (profiles[m].kind == QuoteKind::Indirect);
                    (well, same_form, other, c, usize::MAX - j)
                })
                .map(|(j, c, _)| (j, c));
            assert_eq!(cands.counterpart(&keys, &common, &class, &mut ranked, m), brute, "member {m}");
        }
    }
}
