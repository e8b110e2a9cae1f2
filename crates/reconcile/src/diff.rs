//! Word-level differences between two wordings of one quote.
//!
//! Two outlets that print the same sentence rarely agree on every character: curly vs straight
//! apostrophes, a dropped comma, "pre-determination" vs "predetermination", a capital letter.
//! None of that is a different *word*, so words are compared by a key made of their lowercased
//! letters and digits only; the output still carries each side's words as printed.
//!
//! The alignment is Myers' O((N+M)·D) shortest edit script (D = number of differing words), so
//! two long quotes that differ in a handful of words cost little more than reading them.

use std::ops::Range;

/// One maximal run of words in a diff, in the order the words are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffOp {
    Same(String),
    /// Words only the other wording has.
    Added(String),
    /// Words only the reference wording has.
    Removed(String),
}

impl DiffOp {
    pub fn words(&self) -> &str {
        match self {
            DiffOp::Same(w) | DiffOp::Added(w) | DiffOp::Removed(w) => w,
        }
    }

    pub fn is_same(&self) -> bool {
        matches!(self, DiffOp::Same(_))
    }
}

/// A word of a text: where it is (byte range into that text) and its comparison key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub range: Range<usize>,
    /// Hash of the lowercased letters and digits only: "Pre-determination" and
    /// "predetermination", "colleague’s" and "colleagues", "1,200" and "1200" have one key.
    /// [`key_text`] spells it out where the characters matter.
    pub key: u64,
}

/// Apostrophes (straight, curly, modifier letter) that can sit inside a word.
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}')
}

fn is_joiner(c: char) -> bool {
    is_apostrophe(c) || matches!(c, '-' | '\u{2010}' | '\u{2011}' | '.' | ',')
}

/// FNV-1a over the UTF-8 of lowercased characters: a word key without building a string.
struct KeyHash(u64);

impl KeyHash {
    fn new() -> KeyHash {
        KeyHash(0xcbf2_9ce4_8422_2325)
    }

    fn byte(&mut self, b: u8) {
        self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
    }

    fn char(&mut self, c: char) {
        if c.is_ascii() {
            self.byte(c.to_ascii_lowercase() as u8);
            return;
        }
        let mut buf = [0u8; 4];
        for l in c.to_lowercase() {
            l.encode_utf8(&mut buf).bytes().for_each(|b| self.byte(b));
        }
    }
}

/// The key of a printed word (see [`Word::key`]).
pub fn key_of(printed: &str) -> u64 {
    let mut h = KeyHash::new();
    printed.chars().filter(|c| c.is_alphanumeric()).for_each(|c| h.char(c));
    h.0
}

/// The characters a key is made of: "Pre-determination" → "predetermination".
pub fn key_text(printed: &str) -> String {
    printed.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The words of a text. A word is a run of letters and digits, joined across an apostrophe,
/// hyphen or full stop that has a letter or digit on both sides ("didn't", "re-litigating",
/// "U.S", "1.2"), and across a comma only between digits ("1,200"). One pass, no allocation
/// but the output.
pub fn words(text: &str) -> Vec<Word> {
    let bytes = text.as_bytes();
    // The character at byte `i` (a char boundary): an ASCII byte is its own character, so
    // mostly-ASCII text (curly quotes and apostrophes aside) is read byte by byte.
    let at = |i: usize| -> Option<char> {
        match bytes.get(i) {
            Some(&b) if b.is_ascii() => Some(b as char),
            Some(_) => text[i..].chars().next(),
            None => None,
        }
    };
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut i = 0;
    while let Some(c) = at(i) {
        if !c.is_alphanumeric() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut h = KeyHash::new();
        h.char(c);
        let mut prev = c;
        i += c.len_utf8();
        let mut end = i;
        while let Some(d) = at(i) {
            if d.is_alphanumeric() {
                h.char(d);
                prev = d;
                i += d.len_utf8();
                end = i;
                continue;
            }
            let next = at(i + d.len_utf8());
            let joins = is_joiner(d)
                && next.is_some_and(|n| n.is_alphanumeric() && (d != ',' || (prev.is_ascii_digit() && n.is_ascii_digit())));
            if !joins {
                break;
            }
            i += d.len_utf8();
        }
        out.push(Word { range: start..end, key: h.0 });
    }
    out
}

/// The comparison keys of a text's words.
pub fn word_keys(text: &str) -> Vec<u64> {
    words(text).into_iter().map(|w| w.key).collect()
}

/// Word diff of `b` against the reference `a`: runs of shared words, of words only `b` has
/// (`Added`) and of words only `a` has (`Removed`). Case and punctuation are ignored in the
/// comparison; each run holds the words as printed (the reference's for `Same`), separated by
/// single spaces. Where a change replaces words, the `Removed` run comes before the `Added` one.
pub fn word_diff(a: &str, b: &str) -> Vec<DiffOp> {
    let (wa, wb) = (words(a), words(b));
    let ka: Vec<u64> = wa.iter().map(|w| w.key).collect();
    let kb: Vec<u64> = wb.iter().map(|w| w.key).collect();
    word_diff_keyed(a, &wa, &ka, b, &wb, &kb)
}

/// [`word_diff`] over words already split ([`words`] of `a` and of `b`) with their keys
/// (`ka[i]` is `wa[i].key`).
pub fn word_diff_keyed(a: &str, wa: &[Word], ka: &[u64], b: &str, wb: &[Word], kb: &[u64]) -> Vec<DiffOp> {
    let pairs = lcs_pairs(ka, kb);
    // The words in diff order with their kind, first: each run's text is then made at its
    // length, in one allocation.
    const SAME: u8 = 0;
    const ADDED: u8 = 1;
    const REMOVED: u8 = 2;
    let mut words: Vec<(u8, &str)> = Vec::with_capacity(wa.len() + wb.len());
    let (mut i, mut j) = (0, 0);
    for &(pi, pj) in pairs.iter().chain(std::iter::once(&(wa.len(), wb.len()))) {
        while i < pi {
            words.push((REMOVED, &a[wa[i].range.clone()]));
            i += 1;
        }
        while j < pj {
            words.push((ADDED, &b[wb[j].range.clone()]));
            j += 1;
        }
        if pi < wa.len() && pj < wb.len() {
            words.push((SAME, &a[wa[pi].range.clone()]));
            i += 1;
            j += 1;
        }
    }
    words
        .chunk_by(|x, y| x.0 == y.0)
        .map(|run| {
            let mut s = String::with_capacity(run.iter().map(|w| w.1.len() + 1).sum::<usize>() - 1);
            for (n, w) in run.iter().enumerate() {
                if n > 0 {
                    s.push(' ');
                }
                s.push_str(w.1);
            }
            match run[0].0 {
                SAME => DiffOp::Same(s),
                ADDED => DiffOp::Added(s),
                _ => DiffOp::Removed(s),
            }
        })
        .collect()
}

/// Whether two texts have the same words (case and punctuation aside).
pub fn same_words(a: &str, b: &str) -> bool {
    word_keys(a) == word_keys(b)
}

/// Common prefix and suffix lengths of `a` and `b` (they never overlap).
fn affixes<T: PartialEq>(a: &[T], b: &[T]) -> (usize, usize) {
    let mut pre = 0;
    while pre < a.len() && pre < b.len() && a[pre] == b[pre] {
        pre += 1;
    }
    let mut suf = 0;
    while suf < a.len() - pre && suf < b.len() - pre && a[a.len() - 1 - suf] == b[b.len() - 1 - suf] {
        suf += 1;
    }
    (pre, suf)
}

/// A longest common subsequence of `a` and `b` as increasing index pairs `(i, j)` with
/// `a[i] == b[j]`, by Myers' greedy shortest-edit-script algorithm (common prefix and suffix
/// are matched first; memory is O(D²) for the edit distance D).
pub fn lcs_pairs<T: PartialEq>(a: &[T], b: &[T]) -> Vec<(usize, usize)> {
    let (pre, suf) = affixes(a, b);
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(a.len().min(b.len()));
    out.extend((0..pre).map(|i| (i, i)));
    let (ma, mb) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    out.extend(myers(ma, mb).into_iter().map(|(i, j)| (i + pre, j + pre)));
    out.extend((0..suf).map(|s| (a.len() - suf + s, b.len() - suf + s)));
    out
}

/// The length of a longest common subsequence (what [`lcs_pairs`] would return, counted),
/// bit-parallel (Allison–Dix, Hyyrö): one machine word holds 64 positions of the shorter
/// sequence, so two quotes of under 64 words cost one add and a few logic operations per word
/// of the longer, whatever their differences.
pub fn lcs_len<T: Ord + Copy>(a: &[T], b: &[T]) -> usize {
    let (pre, suf) = affixes(a, b);
    let (ma, mb) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    let (short, long) = if ma.len() <= mb.len() { (ma, mb) } else { (mb, ma) };
    if short.is_empty() {
        return pre + suf;
    }
    let n = short.len();
    if n <= 64 {
        // One machine word; the short side's distinct symbols and their position masks are
        // built once on the stack (sorted, for a binary search per word of the long side), so
        // a pair costs O(m log n) and no allocation.
        let mut order = [0u8; 64];
        for (i, o) in order.iter_mut().enumerate().take(n) {
            *o = i as u8;
        }
        let order = &mut order[..n];
        order.sort_unstable_by(|&x, &y| short[x as usize].cmp(&short[y as usize]));
        let mut reps = [0u8; 64]; // index into `short` of each distinct symbol, ascending
        let mut masks = [0u64; 64];
        let mut k = 0usize;
        for &i in order.iter() {
            if k == 0 || short[reps[k - 1] as usize] != short[i as usize] {
                reps[k] = i;
                k += 1;
            }
            masks[k - 1] |= 1u64 << i;
        }
        let (reps, masks) = (&reps[..k], &masks[..k]);
        let mut v = u64::MAX;
        for t in long {
            let Ok(x) = reps.binary_search_by(|&r| short[r as usize].cmp(t)) else { continue };
            let m = masks[x];
            v = v.wrapping_add(v & m) | (v & !m);
        }
        let valid = if n == 64 { u64::MAX } else { (1u64 << n) - 1 };
        return pre + suf + (!v & valid).count_ones() as usize;
    }
    let blocks = n.div_ceil(64);
    // Positions of each symbol of the short side, as bit masks: symbols sorted, one row of
    // `blocks` words each.
    let mut syms: Vec<(T, usize)> = short.iter().copied().zip(0..).collect();
    syms.sort_unstable_by(|x, y| x.0.cmp(&y.0));
    let mut keys: Vec<T> = Vec::with_capacity(n);
    let mut masks: Vec<u64> = Vec::with_capacity(n * blocks);
    for &(t, i) in &syms {
        if keys.last() != Some(&t) {
            keys.push(t);
            masks.extend(std::iter::repeat_n(0, blocks));
        }
        let row = (keys.len() - 1) * blocks;
        masks[row + i / 64] |= 1 << (i % 64);
    }
    let mut v = vec![u64::MAX; blocks];
    for t in long {
        let Ok(k) = keys.binary_search(t) else { continue };
        let m = &masks[k * blocks..(k + 1) * blocks];
        let mut carry = false;
        for (x, &mw) in v.iter_mut().zip(m) {
            let u = *x & mw;
            let (s1, c1) = x.overflowing_add(u);
            let (s2, c2) = s1.overflowing_add(carry as u64);
            carry = c1 || c2;
            *x = s2 | (*x & !mw);
        }
    }
    let mut zeros = 0;
    for (w, x) in v.iter().enumerate() {
        let bits = (n - w * 64).min(64);
        let valid = if bits == 64 { u64::MAX } else { (1u64 << bits) - 1 };
        zeros += (!x & valid).count_ones() as usize;
    }
    pre + suf + zeros
}

/// Myers' algorithm on the middle parts: forward greedy search keeping, for each edit
/// distance d, the furthest x reached on every diagonal k in -d..=d, then a walk back.
/// The diagonals of step d are kept in one flat buffer, at `d² + (k + d)`.
fn myers<T: PartialEq>(a: &[T], b: &[T]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    if n == 0 || m == 0 {
        return Vec::new();
    }
    thread_local! {
        /// The search buffers, kept between calls: a story aligns thousands of short pairs.
        static BUFFERS: std::cell::RefCell<(Vec<isize>, Vec<isize>)> = const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
    }
    BUFFERS.with(|bufs| match bufs.try_borrow_mut() {
        Ok(mut bufs) => {
            let (v, trace) = &mut *bufs;
            let pairs = myers_in(a, b, v, trace);
            if trace.capacity() > 1 << 20 {
                *trace = Vec::new(); // an odd long pair does not keep its memory
            }
            pairs
        }
        Err(_) => myers_in(a, b, &mut Vec::new(), &mut Vec::new()),
    })
}

fn myers_in<T: PartialEq>(a: &[T], b: &[T], v: &mut Vec<isize>, trace: &mut Vec<isize>) -> Vec<(usize, usize)> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = (n + m) as usize;
    let off = max as isize + 1;
    v.clear();
    v.resize(2 * max + 3, 0);
    trace.clear();
    let mut found = None;
    'search: for d in 0..=max as isize {
        let mut k = -d;
        while k <= d {
            let down = k == -d || (k != d && v[(off + k - 1) as usize] < v[(off + k + 1) as usize]);
            let mut x = if down { v[(off + k + 1) as usize] } else { v[(off + k - 1) as usize] + 1 };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[(off + k) as usize] = x;
            if x >= n && y >= m {
                trace.extend_from_slice(&v[(off - d) as usize..=(off + d) as usize]);
                found = Some(d);
                break 'search;
            }
            k += 2;
        }
        trace.extend_from_slice(&v[(off - d) as usize..=(off + d) as usize]);
    }
    let Some(dmax) = found else { return Vec::new() };
    let get = |d: isize, k: isize| -> isize { trace[(d * d + k + d) as usize] };
    let mut pairs = Vec::new();
    let (mut x, mut y) = (n, m);
    let mut d = dmax;
    while d > 0 {
        let k = x - y;
        let down = k == -d || (k != d && get(d - 1, k - 1) < get(d - 1, k + 1));
        let pk = if down { k + 1 } else { k - 1 };
        let px = get(d - 1, pk);
        let py = px - pk;
        let (sx, sy) = if down { (px, py + 1) } else { (px + 1, py) };
        while x > sx && y > sy {
            x -= 1;
            y -= 1;
            pairs.push((x as usize, y as usize));
        }
        x = px;
        y = py;
        d -= 1;
    }
    while x > 0 && y > 0 {
        x -= 1;
        y -= 1;
        pairs.push((x as usize, y as usize));
    }
    pairs.reverse();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(ops: &[DiffOp]) -> Vec<(char, &str)> {
        ops.iter()
            .map(|o| match o {
                DiffOp::Same(w) => ('=', w.as_str()),
                DiffOp::Added(w) => ('+', w.as_str()),
                DiffOp::Removed(w) => ('-', w.as_str()),
            })
            .collect()
    }

    #[test]
    fn words_join_apostrophes_hyphens_and_numbers() {
        let t = "“We didn’t re-open it,” she said — 1,200 jobs, U.S. firms; rock ’n’ roll.";
        let ks = word_keys(t);
        let want = ["we", "didnt", "reopen", "it", "she", "said", "1200", "jobs", "us", "firms", "rock", "n", "roll"];
        assert_eq!(ks, want.map(key_of));
        assert_eq!(key_of("Re-open"), key_of("reopen"));
        assert_eq!(key_text("Colleague’s"), "colleagues");
        let w = &words(t)[1];
        assert_eq!(&t[w.range.clone()], "didn’t");
        assert!(words("").is_empty());
        assert!(words(" — … ").is_empty());
    }

    /// [`words`] as first written, over `char_indices`.
    fn reference_words(text: &str) -> Vec<Word> {
        let mut out = Vec::with_capacity(text.len() / 5 + 1);
        let mut it = text.char_indices().peekable();
        while let Some((start, c)) = it.next() {
            if !c.is_alphanumeric() {
                continue;
            }
            let mut h = KeyHash::new();
            h.char(c);
            let (mut prev, mut end) = (c, start + c.len_utf8());
            while let Some(&(i, d)) = it.peek() {
                if d.is_alphanumeric() {
                    h.char(d);
                    prev = d;
                    end = i + d.len_utf8();
                    it.next();
                    continue;
                }
                let next = text[i + d.len_utf8()..].chars().next();
                let joins = is_joiner(d)
                    && next.is_some_and(|n| n.is_alphanumeric() && (d != ',' || (prev.is_ascii_digit() && n.is_ascii_digit())));
                if !joins {
                    break;
                }
                it.next();
            }
            out.push(Word { range: start..end, key: h.0 });
        }
        out
    }

    /// Reading ASCII characters byte by byte finds the words a reading by characters finds.
    #[test]
    fn words_are_the_reference_words() {
        let texts = [
            "\"We didn't re-open it,\" she said - 1,200 jobs, U.S. firms; rock 'n' roll.",
            "a,b 1,2 3,x x,4 1.2.3 -a- 'b' c' 'd .5 5. ,6 7, a--b a..b 1,,2 I'M Don't",
            "“We didn’t re‑open it,” she said — 1,200 jobs; Zoë’s café, ÉCOLE 2ᵉ x’y ’z",
            "",
            " \n\t!?",
            "x",
            "Z9",
            "end-",
            "é",
        ];
        for t in texts {
            assert_eq!(words(t), reference_words(t), "{t:?}");
        }
    }

    #[test]
    fn a_changed_phrase_is_a_removed_then_added_run() {
        let ops = word_diff("the pier would not be in the plan", "The pier would not be kept within the plan.");
        assert_eq!(
            keys(&ops),
            [('=', "the pier would not be"), ('-', "in"), ('+', "kept within"), ('=', "the plan")]
        );
    }

    #[test]
    fn punctuation_and_case_are_not_differences() {
        let ops = word_diff("Re-open the Ferry, now.", "reopen the ferry now");
        assert_eq!(keys(&ops), [('=', "Re-open the Ferry now")]);
        assert!(same_words("It’s done.", "it's done"));
        assert!(!same_words("it is done", "it's done"));
    }

    #[test]
    fn truncation_and_insertion() {
        let ops = word_diff("we will rebuild the pier this year", "rebuild the old pier");
        assert_eq!(
            keys(&ops),
            [('-', "we will"), ('=', "rebuild the"), ('+', "old"), ('=', "pier"), ('-', "this year")]
        );
        assert_eq!(keys(&word_diff("", "a b")), [('+', "a b")]);
        assert_eq!(keys(&word_diff("a b", "")), [('-', "a b")]);
        assert!(word_diff("", "").is_empty());
    }

    #[test]
    fn lcs_is_longest() {
        let a: Vec<char> = "abcabba".chars().collect();
        let b: Vec<char> = "cbabac".chars().collect();
        let p = lcs_pairs(&a, &b);
        assert_eq!(p.len(), 4);
        assert!(p.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1));
        assert!(p.iter().all(|&(i, j)| a[i] == b[j]));
        // brute-force check against the DP on small random-ish sequences
        for s in 0..200u32 {
            let gen = |seed: u32, n: usize| -> Vec<u32> {
                (0..n as u32).map(|i| (seed.wrapping_mul(2654435761).wrapping_add(i * 40503) >> 7) % 4).collect()
            };
            let (x, y) = (gen(s, (s % 9) as usize), gen(s + 1000, (s % 7) as usize));
            let mut dp = vec![vec![0usize; y.len() + 1]; x.len() + 1];
            for i in (0..x.len()).rev() {
                for j in (0..y.len()).rev() {
                    dp[i][j] = if x[i] == y[j] { dp[i + 1][j + 1] + 1 } else { dp[i + 1][j].max(dp[i][j + 1]) };
                }
            }
            let p = lcs_pairs(&x, &y);
            assert_eq!(p.len(), dp[0][0], "{x:?} {y:?}");
            assert_eq!(lcs_len(&x, &y), dp[0][0], "{x:?} {y:?}");
            assert!(p.iter().all(|&(i, j)| x[i] == y[j]));
            assert!(p.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1));
        }
        // Longer than one machine word, on both sides of it.
        for s in 0..40u32 {
            let gen = |seed: u32, n: usize| -> Vec<u64> {
                (0..n as u32).map(|i| ((seed.wrapping_mul(2654435761).wrapping_add(i * 40503) >> 7) % 5) as u64).collect()
            };
            let (x, y) = (gen(s, 50 + 3 * s as usize), gen(s + 7, 60 + 2 * s as usize));
            let mut dp = vec![vec![0usize; y.len() + 1]; x.len() + 1];
            for i in (0..x.len()).rev() {
                for j in (0..y.len()).rev() {
                    dp[i][j] = if x[i] == y[j] { dp[i + 1][j + 1] + 1 } else { dp[i + 1][j].max(dp[i][j + 1]) };
                }
            }
            assert_eq!(lcs_len(&x, &y), dp[0][0], "{x:?} {y:?}");
            assert_eq!(lcs_pairs(&x, &y).len(), dp[0][0]);
        }
    }
}
