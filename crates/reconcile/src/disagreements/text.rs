//! Light text tools shared by the detectors: words with byte offsets and integer keys, a crude
//! stemmer (enough to make "bullied", "bullying" and "bully" meet), word classes (function
//! words, negations, denial and claim words…), clause cutting and trimming.
//!
//! Words come from the reading stage's word layer ([`parallax_core::Words`]): nothing is
//! tokenised again. Each word carries the case-folded key of the reading stage, the key of this
//! module's stem and a set of class flags; stems and flags are computed once per distinct word
//! of a story ([`Lexer`]). Comparing words is comparing integers. Everything works on byte
//! spans into a document body so the sides stay exact substrings.

use parallax_core::words::word_key;
use parallax_core::Span;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// A hasher for keys that already are good hashes (FNV word keys), and a cheap mix for small
/// integers: no SipHash on hot paths.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A map from word keys (or small integers) to values.
pub type KeyMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// The keys of a short word list, built once: `w.is_any(keys!["will", "due"])`.
macro_rules! keys {
    ($($w:literal),+ $(,)?) => {{
        static KEYS: std::sync::LazyLock<Vec<u64>> =
            std::sync::LazyLock::new(|| vec![$(parallax_core::words::word_key($w)),+]);
        KEYS.as_slice()
    }};
}
pub(crate) use keys;

// Word classes (bits of `Word::flags`).
pub const STOP: u32 = 1;
pub const NEG: u32 = 1 << 1;
pub const TIME: u32 = 1 << 2;
pub const DENIAL: u32 = 1 << 3;
pub const DENIAL_ADJ: u32 = 1 << 4;
pub const CLAIM: u32 = 1 << 5;
pub const CLAIM_NOUN: u32 = 1 << 6;
pub const SPEECH: u32 = 1 << 7;
pub const REPORTING: u32 = 1 << 8;
/// A number in digits: only ASCII digits, with "," and "." between them.
pub const DIGITS: u32 = 1 << 9;
/// Three bytes or more once case-folded.
pub const LONG: u32 = 1 << 10;
/// Ends in "'s".
pub const POSS: u32 = 1 << 11;
/// Starts with an upper-case letter (this occurrence, not the word).
pub const CAP: u32 = 1 << 12;
/// A number written as a word ("twelve", "dozen").
pub const NUMBER_WORD: u32 = 1 << 13;
/// Dates an event against another ("before", "later").
pub const RELATIVE: u32 = 1 << 14;
/// Words of the claim lexicon: denial, claim, speech words and negations.
pub const LEXICON: u32 = DENIAL | CLAIM | SPEECH | NEG;

/// One word of a body: its byte span, the reading stage's case-folded key, the key of its
/// stem (see [`stem`]) and its classes.
#[derive(Debug, Clone)]
pub struct Word {
    pub span: Span,
    pub key: u64,
    pub stem: u64,
    pub flags: u32,
    /// Dense number of the stem within its article (see [`Lexer::stems`]; the story's number
    /// is `Ctx::story_sid`), for counting by stem in a vector instead of a map.
    pub sid: u32,
}

impl Word {
    pub fn is(&self, class: u32) -> bool {
        self.flags & class != 0
    }

    /// One of the listed words.
    pub fn is_any(&self, keys: &[u64]) -> bool {
        keys.contains(&self.key)
    }
}

static CLASSES: LazyLock<KeyMap<u64, u32>> = LazyLock::new(|| {
    let mut m: KeyMap<u64, u32> = KeyMap::default();
    let lists: [(&[&str], u32); 11] = [
        (super::numbers::NUMBER_WORDS, NUMBER_WORD),
        (STOP_WORDS, STOP),
        (NEGATIONS, NEG),
        (TIME_WORDS, TIME),
        (super::claims::DENIAL_WORDS, DENIAL),
        (super::claims::DENIAL_ADJECTIVES, DENIAL_ADJ),
        (super::claims::CLAIM_WORDS, CLAIM),
        (super::claims::CLAIM_NOUNS, CLAIM_NOUN),
        (super::claims::SPEECH_WORDS, SPEECH),
        (super::model::REPORTING_VERBS, REPORTING),
        (super::dates::RELATIVE_WORDS, RELATIVE),
    ];
    for (list, class) in lists {
        for w in list {
            *m.entry(word_key(w)).or_default() |= class;
        }
    }
    m
});

/// Stems and classes of the distinct words of a story, each computed once.
#[derive(Default)]
pub struct Lexer {
    cache: KeyMap<u64, (u64, u32, u32)>,
    /// Stem key → dense stem number.
    sids: KeyMap<u64, u32>,
    /// Dense stem number → stem key.
    pub stems: Vec<u64>,
    lower: String,
}

impl Lexer {
    /// A lexer for a story of about `words` words.
    pub fn with_capacity(words: usize) -> Lexer {
        let mut cache = KeyMap::default();
        cache.reserve(words / 4 + 64);
        Lexer { cache, sids: KeyMap::default(), stems: Vec::new(), lower: String::new() }
    }

    pub fn word(&mut self, body: &str, w: &parallax_core::Word) -> Word {
        let span = w.start as usize..w.end as usize;
        let (stem, flags, sid) = self.lookup(body, &span, w.key);
        let cap = if w.is(parallax_core::Word::CAPITALISED) { CAP } else { 0 };
        Word { span, key: w.key, stem, flags: flags | cap, sid }
    }

    fn lookup(&mut self, body: &str, span: &Span, key: u64) -> (u64, u32, u32) {
        match self.cache.get(&key) {
            Some(&x) => x,
            None => {
                let (stem, flags) = self.classify(body.get(span.clone()).unwrap_or(""), key);
                let next = self.stems.len() as u32;
                let sid = *self.sids.entry(stem).or_insert(next);
                if sid == next {
                    self.stems.push(stem);
                }
                let x = (stem, flags, sid);
                self.cache.insert(key, x);
                x
            }
        }
    }

    fn classify(&mut self, text: &str, key: u64) -> (u64, u32) {
        fold(text, &mut self.lower);
        let lower = self.lower.as_str();
        let mut flags = CLASSES.get(&key).copied().unwrap_or(0);
        // A written number, joined across "," and "." by the reading stage ("30,000", "1.2").
        if lower.as_bytes().first().is_some_and(u8::is_ascii_digit)
            && lower.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        {
            flags |= DIGITS;
        }
        if lower.len() >= 3 {
            flags |= LONG;
        }
        if lower.ends_with("'s") {
            flags |= POSS;
        }
        if lower.ends_with("n't") {
            flags |= NEG;
        }
        (stem_key(lower), flags)
    }
}

/// Case-folds a word into `out`, apostrophes straightened (as the reading stage's keys do).
fn fold(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() && !text.contains('`') {
        out.push_str(text);
        out.make_ascii_lowercase();
        return;
    }
    for c in text.chars() {
        if matches!(c, '\u{2019}' | '\u{2018}' | '`' | '\u{b4}') {
            out.push('\'');
        } else if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// The case-folded stem of a word as written ("Bullied" → "bully"), for labels and suffix
/// comparisons; the hot paths use stem keys.
pub fn stem_text(word: &str, buf: &mut String, out: &mut Vec<u8>) {
    fold(word, buf);
    let (base, rep) = stem_parts(buf);
    out.clear();
    out.extend_from_slice(base.as_bytes());
    out.extend_from_slice(rep.as_bytes());
}

fn stem_key(lower: &str) -> u64 {
    let (base, rep) = stem_parts(lower);
    let mut h = IdHasher(0xcbf2_9ce4_8422_2325);
    h.write(base.as_bytes());
    h.write(rep.as_bytes());
    h.0
}

/// The key of the stem of a word as written.
#[cfg(test)]
fn stem_key_of(word: &str) -> u64 {
    let mut lower = String::new();
    fold(word, &mut lower);
    stem_key(&lower)
}

/// A crude suffix stripper on a case-folded word: enough for topic overlap, not linguistics.
#[cfg(test)]
fn stem(w: &str) -> String {
    let (base, rep) = stem_parts(w);
    format!("{base}{rep}")
}

/// The stem as (kept part, replacement ending): "bullied" → ("bull", "y").
fn stem_parts(w: &str) -> (&str, &'static str) {
    let w = w.strip_suffix("'s").unwrap_or(w);
    let w = w.strip_suffix("n't").unwrap_or(w);
    let ascii = w.is_ascii();
    let count = |x: &str| if ascii { x.len() } else { x.chars().count() };
    if count(w) <= 3 {
        return (w, "");
    }
    let last = w.as_bytes().last().copied();
    for (suf, rep) in [
        ("ations", ""),
        ("ation", ""),
        ("ating", ""),
        ("ated", ""),
        ("ates", ""),
        ("ate", ""),
        ("ments", ""),
        ("ment", ""),
        ("ies", "y"),
        ("ied", "y"),
        ("ying", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
        ("ly", ""),
        ("e", ""),
    ] {
        // Most suffixes fail on the last byte: no string comparison for them.
        if suf.as_bytes().last().copied() != last {
            continue;
        }
        if let Some(base) = w.strip_suffix(suf) {
            let keep = (suf == "s" && base.ends_with('s')) || (suf == "ly" && base.ends_with('l'));
            if count(base) >= 3 && !keep {
                return (base, rep);
            }
        }
    }
    (w, "")
}

/// Function words and other words that say nothing about a topic.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from", "into",
    "about", "as", "than", "then", "that", "this", "these", "those", "there", "here", "which", "who", "whom",
    "whose", "what", "when", "where", "why", "how", "it", "its", "it's", "he", "she", "they", "them", "his",
    "her", "hers", "their", "we", "our", "us", "you", "your", "i", "me", "my", "i'm", "i've", "he's", "she's",
    "we're", "they're", "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having",
    "do", "does", "did", "done", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "so",
    "also", "just", "very", "now", "still", "even", "only", "all", "any", "some", "such", "more", "most", "much",
    "many", "other", "another", "same", "own", "up", "out", "over", "after", "before", "while", "during", "since",
    "because", "said", "says", "say", "saying", "told", "tell", "asked", "added", "according", "mr", "mrs", "ms",
    "dr", "one", "two", "three", "get", "got", "made", "make", "going", "gonna", "like", "well", "know", "think",
    "way", "s", "re", "ve", "ll", "d", "t", "yet", "already", "again", "both", "each", "every", "through",
    "against", "between", "under", "around", "onto", "upon", "within", "without", "him", "himself", "herself",
    "themselves", "itself", "myself", "ourselves", "whether", "though", "although", "however", "too", "anybody",
    "anyone", "someone", "somebody", "everyone", "everybody", "people", "thing", "things", "something",
    "anything", "everything", "lot", "really", "certainly", "clearly", "obviously", "want", "wanted", "wants",
    "need", "needs", "let's", "that's", "there's", "don't", "didn't", "won't", "can't", "isn't", "wasn't",
    "we've", "you're",
];

/// Negation words (contractions in "n't" are recognised by their ending).
pub const NEGATIONS: &[&str] = &[
    "not", "never", "no", "nobody", "none", "nothing", "neither", "nor", "cannot", "no-one",
];

/// Words naming a time rather than a topic ("Tuesday", "night", "days").
pub const TIME_WORDS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
    "tomorrow", "tonight", "morning", "afternoon", "evening", "night", "day", "days", "week", "weeks", "month",
    "months", "year", "years", "earlier", "later", "last", "next", "ago", "fortnight", "hour", "hours", "january",
    "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
    "late", "early",
];

/// Trims whitespace, punctuation and quotation marks off both ends of a span.
pub fn trim(body: &str, span: &Span) -> Span {
    let Some(text) = body.get(span.clone()) else { return span.start..span.start };
    let junk = |c: char| c.is_whitespace() || (!c.is_alphanumeric() && !matches!(c, '$' | '%' | '€' | '£'));
    let lead = text.len() - text.trim_start_matches(junk).len();
    let trimmed = text.trim_matches(junk);
    // Keep a closing bracket or a final full stop out, but an ending "%" in.
    span.start + lead..span.start + lead + trimmed.len()
}

/// Cuts the words `ws` (consecutive words of one body) into clauses at clause punctuation
/// between them: `,` (not before a digit) `;` `:` brackets and spaced dashes. Returns, per
/// clause, its word range and its span, trimmed as [`trim`] would trim the text (a leading
/// currency sign or a closing "%" stays in). `lo..hi` bounds the text the clauses may cover.
pub fn clauses_of(body: &str, ws: &[Word], lo: usize, hi: usize) -> Vec<(std::ops::Range<usize>, Span)> {
    let mut out = Vec::new();
    if ws.is_empty() {
        return out;
    }
    let bytes = body.as_bytes();
    let mut first = 0;
    let mut piece_lo = lo;
    for i in 0..ws.len() {
        let gap_from = ws[i].span.end;
        let gap_to = ws.get(i + 1).map_or(gap_from, |n| n.span.start);
        // (first cut char, end of the last cut char) in the gap.
        let mut cut: Option<(usize, usize)> = None;
        if gap_to > gap_from && bytes[gap_from..gap_to].iter().any(|b| b"-,;:()\xe2".contains(b)) {
            let gap = body.get(gap_from..gap_to).unwrap_or("");
            let mut prev_space = false;
            let mut it = gap.char_indices().peekable();
            while let Some((k, c)) = it.next() {
                let next = it.peek().map(|&(_, n)| n).or_else(|| body[gap_to..].chars().next());
                let is_cut = match c {
                    ',' => !next.is_some_and(|n| n.is_ascii_digit()),
                    ';' | ':' | '(' | ')' => true,
                    '-' | '\u{2013}' | '\u{2014}' => prev_space && next.is_none_or(char::is_whitespace),
                    _ => false,
                };
                if is_cut {
                    let at = gap_from + k;
                    let end = at + c.len_utf8();
                    cut = Some(cut.map_or((at, end), |(f, _)| (f, end)));
                }
                prev_space = c.is_whitespace();
            }
        }
        let last = i + 1 == ws.len();
        if let Some((cut_at, cut_end)) = cut.filter(|_| !last) {
            out.push((first..i + 1, piece_span(body, ws, first, i, piece_lo, cut_at)));
            first = i + 1;
            piece_lo = cut_end;
        } else if last {
            out.push((first..i + 1, piece_span(body, ws, first, i, piece_lo, hi)));
        }
    }
    out
}

/// The trimmed span of words `first..=last` of a piece of text `lo..hi`.
fn piece_span(body: &str, ws: &[Word], first: usize, last: usize, lo: usize, hi: usize) -> Span {
    let sign = |c: char| matches!(c, '$' | '%' | '\u{20ac}' | '\u{a3}');
    let mut start = ws[first].span.start;
    if lo < start {
        if let Some((k, _)) = body.get(lo..start).and_then(|g| g.char_indices().find(|&(_, c)| sign(c))) {
            start = lo + k;
        }
    }
    let mut end = ws[last].span.end;
    if end < hi {
        if let Some((k, c)) = body.get(end..hi).and_then(|g| g.char_indices().rev().find(|&(_, c)| sign(c))) {
            end = end + k + c.len_utf8();
        }
    }
    start..end
}

/// The span covering words `from..=to` of `ws`.
pub fn cover(ws: &[Word], from: usize, to: usize) -> Span {
    ws[from].span.start..ws[to.min(ws.len() - 1)].span.end
}

/// Spans, asked whether any of them covers a span, by bisection: the spans sorted by start
/// with the furthest end reached so far (a scan of every span per question made an article's
/// reading quadratic in its numbers, dates and quotes).
pub struct Covers {
    starts: Vec<usize>,
    reach: Vec<usize>,
}

impl Covers {
    pub fn new(spans: impl IntoIterator<Item = Span>) -> Covers {
        let mut spans: Vec<(usize, usize)> = spans.into_iter().map(|s| (s.start, s.end)).collect();
        spans.sort_unstable();
        let mut furthest = 0;
        let reach = spans
            .iter()
            .map(|&(_, end)| {
                furthest = furthest.max(end);
                furthest
            })
            .collect();
        Covers { starts: spans.iter().map(|s| s.0).collect(), reach }
    }

    /// Whether one of the spans starts at or before `span` and ends at or after it.
    pub fn cover(&self, span: &Span) -> bool {
        let k = self.starts.partition_point(|&s| s <= span.start);
        k > 0 && self.reach[k - 1] >= span.end
    }
}

/// The words of `ws` (in body order) lying inside `span`.
pub fn inside<'w>(ws: &'w [Word], span: &Span) -> &'w [Word] {
    let from = ws.partition_point(|w| w.span.start < span.start);
    let to = ws.partition_point(|w| w.span.end <= span.end).max(from);
    &ws[from..to]
}

/// Token-level F1 of two lists of word keys (case-folded words), each already sorted, as the
/// yardstick measures side agreement (a list compared many times is sorted once).
pub fn overlap_f1_sorted(x: &[u64], y: &[u64]) -> f64 {
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let common = parallax_core::words::shared_keys(x, y);
    if common == 0 {
        return 0.0;
    }
    let p = common as f64 / y.len() as f64;
    let r = common as f64 / x.len() as f64;
    2.0 * p * r / (p + r)
}

/// The words of a whole text, for tests.
#[cfg(test)]
pub fn words_of(body: &str) -> Vec<Word> {
    let w = parallax_core::words::tokenize(body, &[0..body.len()]);
    let mut lx = Lexer::default();
    w.words.iter().map(|x| lx.word(body, x)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_offsets_apostrophes_and_classes() {
        let body = "Mr Vale’s dog didn't bark.";
        let ws = words_of(body);
        assert_eq!(ws.len(), 5);
        assert_eq!(&body[ws[1].span.clone()], "Vale’s");
        assert_eq!(ws[1].key, word_key("vale's"));
        assert!(ws[1].is(POSS) && ws[3].is(NEG) && ws[0].is(STOP) && !ws[2].is(STOP));
    }

    #[test]
    fn stems_meet() {
        assert_eq!(stem("bullied"), stem("bullying"));
        assert_eq!(stem("bully"), stem("bullies"));
        assert_eq!(stem("intimidated"), stem("intimidation"));
        assert_eq!(stem("accused"), stem("accuse"));
        assert_eq!(stem_key_of("Bullied"), stem_key("bullying"));
    }

    fn cut(body: &str) -> Vec<&str> {
        let ws = words_of(body);
        clauses_of(body, &ws, 0, body.len()).into_iter().map(|(_, s)| &body[s]).collect()
    }

    #[test]
    fn clauses_cut_at_commas_and_dashes() {
        assert_eq!(
            cut("He left, which she denies - and the well-known 1,000 stayed."),
            ["He left", "which she denies", "and the well-known 1,000 stayed"]
        );
        assert_eq!(cut("It cost $5 (up 10%), they said"), ["It cost $5", "up 10%", "they said"]);
    }
}
