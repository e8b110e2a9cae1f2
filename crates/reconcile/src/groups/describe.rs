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

use parallax_core::QuoteKind;

use super::lexicon;
use super::profile::Profile;
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

/// A member's words, for comparison.
struct Wording<'a> {
    text: &'a str,
    words: Vec<Word>,
}

impl<'a> Wording<'a> {
    fn new(text: &'a str) -> Wording<'a> {
        Wording { text, words: diff::words(text) }
    }

    fn keys(&self) -> Vec<u64> {
        self.words.iter().map(|w| w.key).collect()
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
    let pairs = lcs_pairs(&a.keys(), &b.keys());
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

pub fn describe(view: &StoryView, profiles: &[Profile], members: &[usize]) -> QuoteGroup {
    let order = order_members(profiles, members);
    let wordings: Vec<Wording> = order.iter().map(|&p| Wording::new(profiles[p].text)).collect();
    let keys: Vec<Vec<u64>> = wordings.iter().map(Wording::keys).collect();
    // Words in common, in order, between every two members. Members with the same words (wire
    // copies, an outlet reprinting its own story) are aligned once, as one wording: a group
    // reprinted in dozens of articles costs as much as its distinct wordings.
    let n = order.len();
    let (class, reps) = wording_classes(&keys);
    let k = reps.len();
    let mut class_common = vec![0usize; k * k];
    for a in 0..k {
        class_common[a * k + a] = keys[reps[a]].len();
        for b in a + 1..k {
            let l = diff::lcs_len(&keys[reps[a]], &keys[reps[b]]);
            class_common[a * k + b] = l;
            class_common[b * k + a] = l;
        }
    }
    let mut common = vec![0usize; n * n];
    for i in 0..n {
        for j in 0..n {
            common[i * n + j] = class_common[class[i] * k + class[j]];
        }
    }
    let diffs = (0..n).map(|m| member_diff(&wordings[0], &wordings[m], common[m])).collect();
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
                    (0..k).any(|c| c != class[m] && contains_run(&keys[reps[c]], &keys[m]))
                }))
    });

    let labels = doc_labels(view, profiles, &order);
    let id = |m: usize| labels[m].as_str();
    let mut notes: Vec<String> = Vec::new();
    let mut misquote: Option<String> = None;
    let mut described: Vec<(usize, usize)> = Vec::new();
    for m in 1..order.len() {
        let w = &wordings[m];
        // Compare with the member this one aligns with best (another outlet's first): with a
        // statement in pieces, the reference may be a different piece.
        let Some((c, aligned)) = counterpart(profiles, &order, &keys, &common, m) else { continue };
        if described.contains(&(c, m)) {
            continue;
        }
        if !quoted(m) && quoted(c) {
            notes.push(format!("{} reports it indirectly: '{}'", id(m), w.phrase(&(0..w.words.len()))));
            continue;
        }
        if quoted(m) && !quoted(c) {
            continue; // the indirect member gets the note
        }
        described.push((m, c));
        if aligned * 2 < w.words.len() {
            notes.push(format!("{} words it differently: '{}'", id(m), w.phrase(&(0..w.words.len()))));
            continue;
        }
        let cw = &wordings[c];
        let (chs, _) = changes(cw, w);
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
            misquote = meaning_change(view, cw, w, &real).map(|why| format!("{} vs {}: {}", id(c), id(m), why));
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
        return diff::word_diff_of(reference.text, &reference.words, w.text, &w.words);
    }
    let whole = |x: &Wording| (0..x.words.len()).map(|i| x.printed(i)).collect::<Vec<&str>>().join(" ");
    let mut ops = Vec::with_capacity(2);
    if !reference.words.is_empty() {
        ops.push(diff::DiffOp::Removed(whole(reference)));
    }
    if !w.words.is_empty() {
        ops.push(diff::DiffOp::Added(whole(w)));
    }
    ops
}

/// The member (position in `order`) that member `m` shares most words with, in order, and how
/// many: another article's member first, then one of its own article.
fn counterpart(profiles: &[Profile], order: &[usize], keys: &[Vec<u64>], common: &[usize], m: usize) -> Option<(usize, usize)> {
    let n = order.len();
    (0..n)
        .filter(|&j| j != m)
        .map(|j| {
            let other_doc = profiles[order[j]].doc != profiles[order[m]].doc;
            (j, common[j * n + m], other_doc)
        })
        .max_by_key(|&(j, n, other)| {
            let well = other && n * 2 >= keys[m].len() && n > 0;
            let same_form = (profiles[order[j]].kind == QuoteKind::Indirect) == (profiles[order[m]].kind == QuoteKind::Indirect);
            (well, same_form, other, n, usize::MAX - j)
        })
        .map(|(j, n, _)| (j, n))
}

/// The reference first: a quoted (direct, then partial) wording before an indirect one, the
/// longest, then the earliest; the others in article and text order.
fn order_members(profiles: &[Profile], members: &[usize]) -> Vec<usize> {
    let rank = |k: QuoteKind| match k {
        QuoteKind::Direct => 0,
        QuoteKind::Partial => 1,
        QuoteKind::Indirect => 2,
    };
    let best = members
        .iter()
        .copied()
        .min_by_key(|&p| (rank(profiles[p].kind), usize::MAX - profiles[p].toks.len(), profiles[p].doc, profiles[p].span.start));
    let mut rest: Vec<usize> = members.iter().copied().filter(|&p| Some(p) != best).collect();
    rest.sort_by_key(|&p| (profiles[p].doc, profiles[p].span.start));
    best.into_iter().chain(rest).collect()
}

/// Each member's class of identical words (index into the returned representatives, the first
/// member of each class).
fn wording_classes(keys: &[Vec<u64>]) -> (Vec<usize>, Vec<usize>) {
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
fn meaning_change(view: &StoryView, a: &Wording, b: &Wording, real: &[&Change]) -> Option<String> {
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
    let aliases = alias_index(view);
    for c in real {
        let (na, nb) = (names(a, &c.a), names(b, &c.b));
        if na.is_empty() || nb.is_empty() {
            continue;
        }
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
/// apart.
fn doc_labels(view: &StoryView, profiles: &[Profile], order: &[usize]) -> Vec<String> {
    let outlet = |d: usize| view.docs.get(d).and_then(|doc| doc.outlet.as_deref()).map(str::trim).filter(|o| !o.is_empty());
    let docs: Vec<usize> = order.iter().map(|&p| profiles[p].doc).collect();
    docs.iter()
        .map(|&d| {
            let id = view.docs.get(d).map_or("?", |doc| doc.id.as_str());
            match outlet(d) {
                Some(o) if docs.iter().any(|&e| e != d && outlet(e) == Some(o)) => format!("{o} ({id})"),
                Some(o) => o.to_string(),
                None => id.to_string(),
            }
        })
        .collect()
}
