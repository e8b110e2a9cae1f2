//! The word layer: every word of a body once, with a case-folded key and a stem key, so that
//! the later steps (reconciliation above all) compare words by integer instead of
//! re-tokenising and lower-casing text again and again.

use crate::Span;

/// One word of a body. `key` and `stem` are hashes of the case-folded word (curly apostrophes
/// straightened) and of its stem; equal words have equal keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub start: u32,
    pub end: u32,
    pub key: u64,
    pub stem: u64,
    pub flags: u8,
}

impl Word {
    /// Starts with an upper-case letter.
    pub const CAPITALISED: u8 = 1;
    /// Two or more letters, all upper case.
    pub const ALL_CAPS: u8 = 2;
    /// Starts with a digit.
    pub const NUMERIC: u8 = 4;
    /// First word of its sentence.
    pub const SENTENCE_START: u8 = 8;

    pub fn span(&self) -> Span {
        self.start as usize..self.end as usize
    }

    pub fn is(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    /// A capitalised word that does not open its sentence: probably part of a name.
    pub fn looks_like_name(&self) -> bool {
        self.is(Word::CAPITALISED) && !self.is(Word::SENTENCE_START)
    }
}

/// The words of a document and where its sentences start.
#[derive(Debug, Clone, Default)]
pub struct Words {
    pub words: Vec<Word>,
    /// For each sentence (in order), the index of its first word in `words`; a sentence
    /// without words has the index of the next word.
    pub sentence_starts: Vec<u32>,
}

impl Words {
    /// The word indices of sentence `i`.
    pub fn sentence(&self, i: usize) -> std::ops::Range<usize> {
        let start = self.sentence_starts.get(i).map_or(self.words.len(), |&s| s as usize);
        let end = self.sentence_starts.get(i + 1).map_or(self.words.len(), |&s| s as usize);
        start..end.max(start)
    }
}

/// FNV-1a over case-folded bytes: cheap, stable across runs and platforms.
struct KeyHasher(u64);

impl KeyHasher {
    fn new() -> Self {
        KeyHasher(0xcbf2_9ce4_8422_2325)
    }
    fn byte(&mut self, b: u8) {
        self.0 ^= b as u64;
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }
    fn char(&mut self, c: char) {
        let c = match c {
            '’' | '‘' | '`' | '´' => '\'',
            _ => c,
        };
        if c.is_ascii() {
            self.byte(c.to_ascii_lowercase() as u8);
        } else {
            let mut buf = [0u8; 4];
            for l in c.to_lowercase() {
                for &b in l.encode_utf8(&mut buf).as_bytes() {
                    self.byte(b);
                }
            }
        }
    }
}

/// The key of a word as written anywhere (a word list, another document).
pub fn word_key(word: &str) -> u64 {
    let mut h = KeyHasher::new();
    word.chars().for_each(|c| h.char(c));
    h.0
}

/// The stem key: case-folded, with a plural or verb ending taken off ("expelled", "expelling",
/// "expels" → "expel"; "bullied", "bullies", "bullying" → "bully").
pub fn stem_key(word: &str) -> u64 {
    let mut lower = String::with_capacity(word.len());
    lower.extend(word.chars().flat_map(char::to_lowercase).map(|c| if matches!(c, '’' | '‘') { '\'' } else { c }));
    hash_stem(&lower)
}

fn hash_stem(lower: &str) -> u64 {
    let (stem, y) = stem(lower);
    let mut h = KeyHasher::new();
    stem.bytes().for_each(|b| h.byte(b));
    if y {
        h.byte(b'y');
    }
    h.0
}

/// A light suffix stripper on a lower-case word: the stem, and whether a "y" ends it
/// ("bullied" → ("bull", true) reads "bully").
pub fn stem(word: &str) -> (&str, bool) {
    let w = word.strip_suffix("'s").unwrap_or(word);
    for suffix in ["ied", "ies"] {
        if let Some(s) = w.strip_suffix(suffix) {
            if s.len() >= 2 {
                return (s, true);
            }
        }
    }
    let mut w = w;
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(s) = w.strip_suffix(suffix) {
            if s.len() >= 3 && !(suffix == "s" && (s.ends_with('s') || s.ends_with('u'))) {
                w = s;
                break;
            }
        }
    }
    let b = w.as_bytes();
    let doubled = b.len() >= 4 && b[b.len() - 1].is_ascii_alphabetic() && b[b.len() - 1] == b[b.len() - 2];
    if doubled && !matches!(b[b.len() - 1], b's' | b'e' | b'o') && !(b[b.len() - 1] == b'l' && b.len() < 6) {
        w = &w[..w.len() - 1];
    }
    match w.strip_suffix('y') {
        Some(s) if s.len() >= 3 => (s, true),
        _ => (w, false),
    }
}

/// How many keys two sorted key lists share (a key held twice by both counts twice).
pub fn shared_keys<T: Ord>(a: &[T], b: &[T]) -> usize {
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

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits `body` into words: runs of letters and digits, joined across an inner apostrophe
/// ("didn't", "Smith's") and, between digits, across "." and "," ("1.2", "10,000").
pub fn tokenize(body: &str, sentences: &[Span]) -> Words {
    let mut words = Vec::with_capacity(body.len() / 6);
    let mut sentence_starts = Vec::with_capacity(sentences.len());
    let mut next_sentence = 0;
    let bytes = body.as_bytes();
    let mut chars = body.char_indices().peekable();
    let mut lower = String::new();
    while let Some((start, c)) = chars.next() {
        if !is_word_char(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut all_caps = c.is_uppercase();
        let mut letters = usize::from(c.is_alphabetic());
        while let Some(&(i, d)) = chars.peek() {
            if is_word_char(d) {
                all_caps &= !d.is_lowercase();
                letters += usize::from(d.is_alphabetic());
                end = i + d.len_utf8();
                chars.next();
                continue;
            }
            // Joiners: an apostrophe between letters, "." or "," between digits.
            let joiner = matches!(d, '\'' | '’') || (matches!(d, '.' | ',') && bytes[end - 1].is_ascii_digit());
            let after = body[i + d.len_utf8()..].chars().next();
            let joins = joiner
                && after.is_some_and(|a| if matches!(d, '.' | ',') { a.is_ascii_digit() } else { a.is_alphabetic() });
            if joins {
                chars.next();
                continue;
            }
            break;
        }
        let text = &body[start..end];
        // Sentences that ended before this word without a word of their own start here too.
        while next_sentence < sentences.len() && sentences[next_sentence].end <= start {
            if sentence_starts.len() == next_sentence {
                sentence_starts.push(words.len() as u32);
            }
            next_sentence += 1;
        }
        let opens = next_sentence < sentences.len() && sentence_starts.len() == next_sentence;
        let mut flags = 0;
        if c.is_uppercase() {
            flags |= Word::CAPITALISED;
        }
        if all_caps && letters >= 2 {
            flags |= Word::ALL_CAPS;
        }
        if c.is_ascii_digit() {
            flags |= Word::NUMERIC;
        }
        if opens {
            flags |= Word::SENTENCE_START;
            sentence_starts.push(words.len() as u32);
        }
        lower.clear();
        lower.extend(text.chars().flat_map(char::to_lowercase).map(|c| if matches!(c, '’' | '‘') { '\'' } else { c }));
        let mut key = KeyHasher::new();
        lower.bytes().for_each(|b| key.byte(b));
        words.push(Word { start: start as u32, end: end as u32, key: key.0, stem: hash_stem(&lower), flags });
    }
    while sentence_starts.len() < sentences.len() {
        sentence_starts.push(words.len() as u32);
    }
    Words { words, sentence_starts }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keys_and_sentences() {
        let body = "Dr Okafor didn’t resign. Costs rose 1.5 percent, to $10,000.\nHe denied it";
        let sentences = vec![0..24, 25..60, 61..body.len()];
        let w = tokenize(body, &sentences);
        let texts: Vec<&str> = w.words.iter().map(|x| &body[x.span()]).collect();
        assert_eq!(texts, ["Dr", "Okafor", "didn’t", "resign", "Costs", "rose", "1.5", "percent", "to", "10,000", "He", "denied", "it"]);
        assert_eq!(w.sentence_starts, [0, 4, 10]);
        assert_eq!(w.sentence(1), 4..10);
        assert_eq!(w.words[2].key, word_key("didn't"));
        assert!(w.words[0].is(Word::SENTENCE_START) && w.words[1].looks_like_name());
        assert!(w.words[6].is(Word::NUMERIC));
        assert_eq!(stem_key("expelled"), stem_key("expelling"));
        assert_eq!(stem_key("Expels"), stem_key("expel"));
        assert_eq!(stem_key("bullied"), stem_key("bullies"));
        assert_eq!(stem_key("bullying"), stem_key("bully"));
        assert_eq!(stem("expelled"), ("expel", false));
        assert_eq!(stem("called"), ("call", false));
        assert_eq!(shared_keys(&[1, 3, 5, 9], &[3, 4, 5, 10]), 2);
    }

    #[test]
    fn odd_text_never_panics() {
        for body in ["", "’", "a’", "1.", ".1", "ぁぁ", "x,1", "ÉÉ É", "it’s’"] {
            let _ = tokenize(body, &[0..body.len()]);
            let _ = stem_key(body);
        }
    }
}
