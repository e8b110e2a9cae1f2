//! What the grouping needs to know about each quote of a story, computed once: its words as
//! comparison tokens (interned, lightly stemmed, contractions opened), which of them carry
//! content, its speaker, where it sits, and whether it is a habitual report.
//!
//! Tokens for *matching* are looser than the keys of the word diff: "misrepresents" and
//! "misrepresenting" or "isn't" and "is not" should count as evidence of the same utterance,
//! even though the diff reports them as different words.
//!
//! The words come from the document's shared word layer ([`parallax_core::Words`]): a quote is
//! a range of it. What a word becomes as tokens depends on its key alone, so it is worked out
//! once per distinct word (from its printed form) and then looked up by key. All of that
//! depends on the quote's article alone, so it is done when the article is read
//! ([`read_quotes`]), with token texts as keys; a story only numbers the tokens, once per
//! distinct token sequence (a quote printed again, as by a wire copy, shares its *shape*).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use parallax_core::{DocAnalysis, Document, QuoteKind, SpeakerSource, Span, Word};

use super::lexicon;
use crate::diff::is_apostrophe;
use crate::StoryView;

pub struct Profile {
    pub doc: usize,
    pub idx: usize,
    pub span: Span,
    pub kind: QuoteKind,
    /// Story entity of the speaker.
    pub speaker: Option<usize>,
    pub source: SpeakerSource,
    /// Paragraph of the quote's first byte.
    pub para: Option<usize>,
    /// Index of the quote's tokens in the story's distinct token sequences ([`Tokens`]): wire
    /// copies and reprints of one quote share them, and everything the matching reads of a
    /// quote's words is there, so quotes of one shape are compared once.
    pub shape: usize,
    /// "has repeatedly said ...": a report of many utterances, never grouped.
    pub habitual: bool,
}

/// A hasher for keys that are hashes already (word keys): one mix, no SipHash.
#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (n ^ (n >> 29)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

pub type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// Token interning for one story: the story's token numbers by the keys of the token texts.
#[derive(Default)]
pub struct Interner {
    ids: KeyMap<u32>,
    /// A quote's (token, use) pairs, packed, while [`Interner::tokens`] sorts them.
    uses: Vec<u64>,
}

thread_local! {
    /// The table of the last interner this thread dropped, emptied: a story numbers thousands
    /// of tokens, and a fresh table that size is fresh memory for the system to hand over.
    static SPARE_TABLE: std::cell::RefCell<KeyMap<u32>> = std::cell::RefCell::new(KeyMap::default());
}

/// Largest table kept for the next story (entries).
const SPARE_ENTRIES: usize = 1 << 16;

impl Drop for Interner {
    fn drop(&mut self) {
        if self.ids.capacity() <= SPARE_ENTRIES {
            let mut ids = std::mem::take(&mut self.ids);
            ids.clear();
            SPARE_TABLE.with(|spare| {
                if let Ok(mut spare) = spare.try_borrow_mut() {
                    *spare = ids;
                }
            });
        }
    }
}

impl Interner {
    /// An interner with the table the last one of this thread left (see [`SPARE_TABLE`]).
    pub fn new() -> Interner {
        let ids = SPARE_TABLE.with(|spare| spare.try_borrow_mut().map(|mut s| std::mem::take(&mut *s)).unwrap_or_default());
        Interner { ids, uses: Vec::new() }
    }

    /// The token id of a token text by its key ([`crate::diff::key_of`]).
    fn id_of_key(&mut self, key: u64) -> u32 {
        let n = self.ids.len() as u32;
        *self.ids.entry(key).or_insert(n)
    }

    /// A quote's tokens numbered for this story, with the lists the matching reads of them.
    fn tokens(&mut self, q: KeyTokens) -> Tokens {
        let toks: Vec<u32> = q.keys.iter().map(|&k| self.id_of_key(k)).collect();
        let content: Vec<bool> = q.flags.iter().map(|&f| f & CONTENT != 0).collect();
        let n_content = content.iter().filter(|&&c| c).count();
        let mut t = Tokens {
            toks,
            content,
            name: q.flags.iter().map(|&f| f & NAME != 0).collect(),
            bag: Vec::with_capacity(n_content),
            uses: Vec::with_capacity(q.keys.len()),
            ..Tokens::default()
        };
        // (token, use) pairs packed into one number each, sorted by token, then use.
        let mut uses = std::mem::take(&mut self.uses);
        uses.clear();
        uses.extend((0..t.toks.len()).map(|i| {
            let u = match (t.content[i], t.name[i]) {
                (false, _) => Use::FUNCTION,
                (true, true) => Use::NAME,
                (true, false) => Use::CONTENT,
            };
            (t.toks[i] as u64) << 8 | u as u64
        }));
        uses.sort_unstable();
        for (tok, u) in uses.iter().map(|&x| ((x >> 8) as u32, x as u8)) {
            match t.uses.last_mut() {
                Some((last, n, all)) if *last == tok => {
                    *n += 1;
                    *all |= u;
                }
                _ => t.uses.push((tok, 1, u)),
            }
            if u != Use::FUNCTION {
                match t.bag.last_mut() {
                    Some((last, n)) if *last == tok => *n += 1,
                    _ => t.bag.push((tok, 1)),
                }
                if u == Use::NAME && t.names.last() != Some(&tok) {
                    t.names.push(tok);
                }
            }
        }
        self.uses = uses;
        t
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }
}

/// What a word becomes, by its key: the key of its token text (none without letters or
/// digits), whether it is a content word, whether a "not" follows ("didn't" → "did" + "not").
/// `printed` is read only the first time the key is met: what a key becomes does not depend
/// on the article, so it is kept between articles (per thread, bounded).
fn word_tokens(key: u64, printed: &str, buf: &mut String) -> (Option<u64>, bool, bool) {
    thread_local! {
        static KNOWN: std::cell::RefCell<KeyMap<(Option<u64>, bool, bool)>> = std::cell::RefCell::new(KeyMap::default());
    }
    KNOWN.with(|known| match known.try_borrow_mut() {
        Ok(mut known) => {
            if let Some(&k) = known.get(&key) {
                return k;
            }
            let k = work_out(buf, printed);
            if known.len() >= KNOWN_WORDS {
                known.clear();
            }
            known.insert(key, k);
            k
        }
        Err(_) => work_out(buf, printed),
    })
}

/// What a printed word becomes: the key of its token text (none without letters or
/// digits), whether it is a content word, whether a "not" follows.
fn work_out(buf: &mut String, printed: &str) -> (Option<u64>, bool, bool) {
    let mut base = std::mem::take(buf);
    base.clear();
    let negated = if printed.contains(is_apostrophe) {
        let mut lower = String::with_capacity(printed.len());
        lower_with_plain_apostrophes(printed, &mut lower);
        let (opened, negated) = open_lowered(&lower);
        base.extend(opened.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase));
        negated
    } else if printed.is_ascii() {
        // The common case, byte by byte (same result as the general branch for ASCII).
        base.extend(printed.bytes().filter(u8::is_ascii_alphanumeric).map(|b| b.to_ascii_lowercase() as char));
        false
    } else {
        base.extend(printed.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase));
        false
    };
    let out = if base.is_empty() {
        (None, false, negated)
    } else {
        (Some(crate::diff::key_of(stem(&base))), !lexicon::is_function_word(&base), negated)
    };
    *buf = base;
    out
}

/// Most distinct words kept between articles by [`word_tokens`] (a few MB at most).
const KNOWN_WORDS: usize = 1 << 17;

/// One quote's matching tokens as its article alone decides them (the keys of the token texts,
/// which the story numbers, and their flags: a stretch of its article's [`DocQuotes`]), and
/// where the quote sits.
#[derive(Debug, Default, Clone)]
pub struct QuoteTokens {
    /// Where the quote's tokens are in its article's `keys` and `flags`.
    tokens: std::ops::Range<u32>,
    /// A hash of the keys and flags: quotes with equal tokens share a shape.
    hash: u64,
    /// "has repeatedly said ...".
    habitual: bool,
    /// Paragraph of the quote's first byte.
    para: Option<usize>,
}

/// Flags of a token ([`KeyTokens::flags`]): a content word; capitalised inside a sentence (a
/// name).
const CONTENT: u8 = 2;
const NAME: u8 = 1;

/// A quote's tokens as keys of the token texts ([`crate::diff::key_of`]), in text order, and
/// parallel to them, their flags ([`CONTENT`], [`NAME`]).
#[derive(Clone, Copy)]
struct KeyTokens<'a> {
    keys: &'a [u64],
    flags: &'a [u8],
}

impl KeyTokens<'_> {
    fn same_tokens(&self, other: &KeyTokens) -> bool {
        self.keys == other.keys && self.flags == other.flags
    }
}

/// What the grouping needs of one article's quotes, worked out once, when the article is read
/// (see [`crate::prepare`]): per quote (in the article's order), its tokens, or `None` when
/// its span is not in the body. The tokens of all the article's quotes are in one list, so
/// a story reads each article's from one place.
#[derive(Debug, Default, Clone)]
pub struct DocQuotes {
    quotes: Vec<Option<QuoteTokens>>,
    keys: Vec<u64>,
    flags: Vec<u8>,
}

impl DocQuotes {
    fn tokens(&self, t: &QuoteTokens) -> KeyTokens<'_> {
        let r = t.tokens.start as usize..t.tokens.end as usize;
        KeyTokens { keys: &self.keys[r.clone()], flags: &self.flags[r] }
    }

    /// Whether these can be the quotes of `analysis`: one entry per quote (the count is
    /// what is checked).
    pub fn fits(&self, analysis: &DocAnalysis) -> bool {
        self.quotes.len() == analysis.quotes.len()
    }
}

/// The tokens of each quote of one article.
///
/// The words come from the document's shared word layer ([`parallax_core::Words`]): a quote is
/// a range of it, found by a galloping search from the last quote's.
pub fn read_quotes(doc: &Document, an: &DocAnalysis) -> DocQuotes {
    if an.quotes.is_empty() {
        return DocQuotes::default();
    }
    // Analyses built by hand (tests, callers that skipped segmentation) have no word layer.
    let owned = (an.words.words.is_empty() && !doc.body.is_empty()).then(|| parallax_core::words::tokenize(&doc.body, &an.sentences));
    let words: &[Word] = owned.as_ref().map_or(&an.words.words, |w| &w.words);
    let mut buf = String::new();
    let mut out = DocQuotes { quotes: Vec::with_capacity(an.quotes.len()), ..DocQuotes::default() };
    // Quotes mostly come in text order: each one's words are looked for from the last's.
    let mut from = 0;
    for quote in &an.quotes {
        if doc.body.get(quote.text.clone()).is_none() {
            out.quotes.push(None);
            continue;
        }
        if from > 0 && words.get(from - 1).is_some_and(|w| w.start as usize >= quote.text.start) {
            from = 0;
        }
        let range = words_in(words, from, &quote.text);
        from = range.start;
        let start = out.keys.len() as u32;
        let hash = key_tokens(&doc.body, &words[range], &mut buf, &mut out.keys, &mut out.flags);
        out.quotes.push(Some(QuoteTokens {
            tokens: start..out.keys.len() as u32,
            hash,
            habitual: quote.cue.as_ref().is_some_and(|cue| habitual_cue(&doc.body, words, cue)),
            para: doc.paragraph_of(quote.text.start),
        }));
    }
    out
}

/// Profiles of every quote of the story, in (document, quote) order, and the distinct token
/// sequences they point to (each [`Profile::shape`] indexes the second list). `quotes[d]` are
/// the tokens of `view.docs[d]`'s quotes ([`read_quotes`]).
///
/// Syndicated coverage prints one quote in many articles: a quote whose tokens are those of a
/// quote met before (the same text, or one that differs in a comma or a curly apostrophe)
/// takes that quote's shape, and its tokens are not numbered again.
pub fn profiles(view: &StoryView, quotes: &[&DocQuotes], interner: &mut Interner) -> (Vec<Profile>, Vec<Tokens>) {
    let mut out = Vec::with_capacity(view.analyses.iter().map(|a| a.quotes.len()).sum());
    if interner.ids.is_empty() {
        interner.ids.reserve(out.capacity() * 6);
    }
    let mut shapes: Vec<Tokens> = Vec::new();
    // The quote tokens each shape was made from, and the first shape of each hash of tokens.
    // Sharing is only a saving: on a collision a quote gets a shape of its own, which compares
    // as its tokens do.
    let mut made_from: Vec<KeyTokens> = Vec::new();
    let mut by_tokens: KeyMap<usize> = KeyMap::default();
    for (d, an) in view.analyses.iter().enumerate() {
        let Some(prepared) = quotes.get(d) else { continue };
        for (q, quote) in an.quotes.iter().enumerate() {
            // (A quote whose span is not in its article's body has no tokens.)
            let Some(Some(t)) = prepared.quotes.get(q) else { continue };
            if t.tokens.is_empty() {
                continue;
            }
            let toks = prepared.tokens(t);
            let shape = match by_tokens.get(&t.hash) {
                Some(&s) if made_from[s].same_tokens(&toks) => s,
                found => {
                    if found.is_none() {
                        by_tokens.insert(t.hash, shapes.len());
                    }
                    shapes.push(interner.tokens(toks));
                    made_from.push(toks);
                    shapes.len() - 1
                }
            };
            out.push(Profile {
                doc: d,
                idx: q,
                span: quote.text.clone(),
                kind: quote.kind,
                speaker: view.speaker(d, q),
                source: quote.speaker_source,
                para: t.para,
                shape,
                habitual: t.habitual,
            });
        }
    }
    (out, shapes)
}

/// How a token is used at one place of a quote (what it weighs there), as bits.
pub struct Use;

impl Use {
    pub const FUNCTION: u8 = 1;
    pub const NAME: u8 = 2;
    pub const CONTENT: u8 = 4;
}

/// The matching tokens of a stretch of a body and what goes with them.
#[derive(Default, Debug, Clone)]
pub struct Tokens {
    /// Interned matching tokens, in text order.
    pub toks: Vec<u32>,
    /// Parallel to `toks`: whether the token is a content word.
    pub content: Vec<bool>,
    /// Parallel to `toks`: whether the word is capitalised inside a sentence (a name).
    pub name: Vec<bool>,
    /// The content tokens with their counts, sorted by token (for the bag-of-words overlap).
    pub bag: Vec<(u32, u32)>,
    /// Tokens that are names somewhere in the quote, sorted, distinct.
    pub names: Vec<u32>,
    /// Every distinct token with its count and the ways it is used in the quote (bits of
    /// [`Use`]), sorted by token: what bounds an alignment before it is computed.
    pub uses: Vec<(u32, u32, u8)>,
}

/// Where the words of `body` (its word layer `words`) inside `span` are in the layer, looking
/// from word `at` on (every word before it starts before the span): a galloping search, which
/// reads little of the layer when the span is near.
fn words_in(words: &[Word], at: usize, span: &Span) -> std::ops::Range<usize> {
    let before = |w: &Word| (w.start as usize) < span.start;
    let (mut lo, mut step) = (at.min(words.len()), 1);
    while lo + step < words.len() && before(&words[lo + step]) {
        lo += step;
        step *= 2;
    }
    let hi = (lo + step + 1).min(words.len());
    let from = lo + words[lo..hi].partition_point(before);
    let inside = |w: &Word| (w.end as usize) <= span.end;
    let (mut lo, mut step) = (from, 1);
    while lo + step < words.len() && inside(&words[lo + step]) {
        lo += step;
        step *= 2;
    }
    let hi = (lo + step + 1).min(words.len());
    let to = lo + words[lo..hi].partition_point(inside);
    from..to
}

/// Whether two words of the layer, one ending at `end` and the next starting at `start`, are
/// one word for matching: a single hyphen, full stop or apostrophe between them.
fn joined(body: &str, end: usize, start: usize) -> bool {
    start > end
        && start - end <= 3
        && body.get(end..start).is_some_and(|gap| matches!(gap, "-" | "\u{2010}" | "\u{2011}" | "." | "'" | "\u{2019}" | "\u{2018}" | "\u{02BC}"))
}

/// Matching tokens of the words of `body` inside `span`, their content and name flags.
#[cfg(test)]
fn quote_tokens(body: &str, words: &[Word], span: &Span, interner: &mut Interner) -> Tokens {
    let (mut keys, mut flags) = (Vec::new(), Vec::new());
    key_tokens(body, &words[words_in(words, 0, span)], &mut String::new(), &mut keys, &mut flags);
    interner.tokens(KeyTokens { keys: &keys, flags: &flags })
}

/// Matching tokens of a run of words of `body`, as keys with their flags, added to `keys` and
/// `flags`; returns their hash.
fn key_tokens(body: &str, words: &[Word], buf: &mut String, keys: &mut Vec<u64>, flags: &mut Vec<u8>) -> u64 {
    let from = keys.len();
    keys.reserve(words.len() + 2);
    flags.reserve(words.len() + 2);
    let bytes = body.as_bytes();
    let mut prev_end: Option<usize> = None;
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        // Words joined by a hyphen, a full stop or an apostrophe are one word here, as in the
        // diff ("16-year-old", "U.S", "1990's"): the word layer splits them.
        let (mut key, mut last) = (w.key, i);
        while last + 1 < words.len() && joined(body, words[last].end as usize, words[last + 1].start as usize) {
            last += 1;
            key = (key.rotate_left(17) ^ words[last].key).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
        i = last + 1;
        let (start, end) = (w.start as usize, words[last].end as usize);
        let Some(printed) = body.get(start..end) else { continue };
        let initial = prev_end.is_none_or(|e| bytes.get(e..start).is_some_and(|gap| gap.iter().any(|b| matches!(b, b'.' | b'!' | b'?' | b':' | b'\n'))));
        prev_end = Some(end);
        let capital = w.is(Word::CAPITALISED) && printed != "I";
        let (tok, content, negated) = word_tokens(key, printed, buf);
        if let Some(tok) = tok {
            flags.push(if content { CONTENT } else { 0 } | if capital && !initial { NAME } else { 0 });
            keys.push(tok);
        }
        if negated {
            flags.push(0);
            keys.push(*NOT);
        }
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (&key, &flag) in keys[from..].iter().zip(&flags[from..]) {
        h = (h ^ key).wrapping_mul(0x100_0000_01b3);
        h = (h ^ flag as u64).wrapping_mul(0x100_0000_01b3);
    }
    h
}

/// The key of the token "not", which a negative contraction adds.
static NOT: std::sync::LazyLock<u64> = std::sync::LazyLock::new(|| crate::diff::key_of("not"));

/// `printed` lowercased, every apostrophe made a straight one, appended to `out`.
fn lower_with_plain_apostrophes(printed: &str, out: &mut String) {
    out.extend(printed.chars().map(|c| if is_apostrophe(c) { '\'' } else { c }).flat_map(char::to_lowercase));
}

/// Contraction opening (see `open_contraction`) of a word already lowercased with straight apostrophes, without
/// copying: the base is a slice of `lower` or a static word.
fn open_lowered(lower: &str) -> (&str, bool) {
    if let Some(base) = lower.strip_suffix("n't") {
        let base = match base {
            "wo" => "will",
            "ca" => "can",
            "sha" => "shall",
            b => b,
        };
        return (base, true);
    }
    if let Some(p) = lower.rfind('\'') {
        if matches!(&lower[p + 1..], "s" | "re" | "m" | "ve" | "ll" | "d") && p > 0 {
            return (&lower[..p], false);
        }
    }
    (lower, false)
}

/// A light suffix stripper so that inflections of one word meet: plural or third-person "s"
/// ("parties" and "party" → "part"), then "ing"/"ed", then a final "e" or "y" ("decides",
/// "decided", "deciding" → "decid"). Digits and non-ASCII words are left alone.
pub fn stem(key: &str) -> &str {
    if key.bytes().any(|c| c.is_ascii_digit()) || !key.is_ascii() {
        return key;
    }
    let mut s = key;
    if s.len() > 4 && s.ends_with("ies") {
        return &s[..s.len() - 3];
    }
    if s.len() > 3 && s.ends_with('s') && !s.ends_with("ss") && !s.ends_with("us") && !s.ends_with("is") {
        s = &s[..s.len() - 1];
    }
    if s.len() > 5 && s.ends_with("ing") {
        s = &s[..s.len() - 3];
    } else if s.len() > 4 && s.ends_with("ed") {
        s = &s[..s.len() - 2];
    }
    if s.len() > 4 && (s.ends_with('e') || s.ends_with('y')) {
        s = &s[..s.len() - 1];
    }
    s
}

/// Whether the words around a quote's cue make it habitual: an adverb among the two words
/// before the cue or the one after it ("has repeatedly said", "said repeatedly"), on the cue's
/// line and near it.
fn habitual_cue(body: &str, words: &[Word], cue: &Span) -> bool {
    let bytes = body.as_bytes();
    let same_line = |a: usize, b: usize| bytes.get(a.min(b)..b.min(bytes.len())).is_some_and(|gap| !gap.contains(&b'\n'));
    let from = cue.start.saturating_sub(40);
    let at = words.partition_point(|w| (w.end as usize) <= cue.start);
    let before = words[..at].iter().rev().take(2).take_while(|w| w.start as usize >= from && same_line(w.end as usize, cue.start));
    let after = words[at..]
        .iter()
        .find(|w| w.start as usize >= cue.end)
        .filter(|w| w.end as usize <= cue.end + 20 && same_line(cue.end, w.start as usize));
    before.chain(after).any(|w| lexicon::is_habitual_key(w.key))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str, i: &mut Interner) -> (Vec<u32>, Vec<bool>, Vec<bool>) {
        let words = parallax_core::words::tokenize(text, &[0..text.len()]);
        let t = quote_tokens(text, &words.words, &(0..text.len()), i);
        (t.toks, t.content, t.name)
    }

    #[test]
    fn tokens_open_contractions_and_stem() {
        let mut i = Interner::default();
        let (a, ca, na) = tokens("It isn't misrepresenting colleagues’ Fennick", &mut i);
        let (b, _, _) = tokens("it is not misrepresents a colleague", &mut i);
        assert_eq!(na, [false, false, false, false, false, true]);
        assert_eq!(a.len(), 6);
        assert_eq!(&a[..4], &[b[0], b[1], b[2], b[3]]);
        assert_eq!(a[4], b[5]);
        assert_eq!(ca, [false, false, false, true, true, true]);
        assert_eq!(stem("decided"), stem("decides"));
        assert_eq!(stem("parties"), stem("party"));
        assert_eq!(stem("1,200"), "1,200");
        let words = parallax_core::words::tokenize("Go. We said \"no\" twice", &[0..3, 4..24]);
        let t = quote_tokens("Go. We said \"no\" twice", &words.words, &(4..24), &mut i);
        assert_eq!(t.toks.len(), 4, "only the words inside the span");
        assert_eq!(t.bag.len(), 1, "'twice' is the one content word");
        let (x, _, _) = tokens("a 16-year-old in the U.S.", &mut i);
        let (y, _, _) = tokens("a 16 year old in the us", &mut i);
        assert_eq!(x.len(), 5, "hyphens and full stops join");
        assert_eq!(x[4], y[6]);
    }

    #[test]
    fn habitual_cues() {
        let body = "The mayor has repeatedly said the pier is safe. She said it again.\nOften, he said";
        let w = parallax_core::words::tokenize(body, &[0..body.len()]).words;
        let cue = body.find("said").unwrap();
        assert!(habitual_cue(body, &w, &(cue..cue + 4)));
        let cue2 = body.find("said it").unwrap();
        assert!(!habitual_cue(body, &w, &(cue2..cue2 + 4)));
        let cue3 = body.rfind("said").unwrap();
        assert!(habitual_cue(body, &w, &(cue3..cue3 + 4)));
        assert!(!habitual_cue(body, &w, &(cue2 + 4..cue2 + 12)), "the next word is on the next line");
        let w = parallax_core::words::tokenize("é", &[0..2]).words;
        assert!(!habitual_cue("é", &w, &(0..2)));
        assert!(!habitual_cue("é", &w, &(5..9)));
    }
}
