//! Tokens and the small closed word lists the timeline needs to find verbs without a tagger.
//!
//! The rules are deliberately shallow (suffixes, irregular forms, auxiliaries): they run in
//! linear time over the body and only have to find the *finite* verbs of news sentences
//! ("walked out", "was suspended", "will meet"), not every verb.
//!
//! Speed: the words come from the shared word layer (`DocAnalysis::words`, FNV keys of the
//! case-folded words), and every word is classified ONCE per document into a bit set of
//! [`tag`]s by one lookup in a static key table plus a few suffix tests. The verb rules then
//! test bits and compare keys: no lower-casing, no string matching, no allocation per word.
//! The string predicates below stay the reference (and serve the rare non-ASCII word); a unit
//! test checks that the fast classification agrees with them.

use parallax_core::{Span, Words};
use std::sync::LazyLock;

/// FNV-1a of a (lower-case) word: the same key as `parallax_core::words::word_key` gives for
/// a lower-case ASCII word, computed at compile time for the word sets of the rules.
pub const fn fnv(s: &str) -> u64 {
    let b = s.as_bytes();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < b.len() {
        h ^= b[i] as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    h
}

/// Keys of a few words, for `key_in`.
macro_rules! keys {
    ($($w:literal),* $(,)?) => { &[$($crate::timeline::words::fnv($w)),*] };
}
pub(crate) use keys;

/// Whether a word key is one of a small set (a handful of integer compares).
#[inline]
pub fn key_in(key: u64, set: &[u64]) -> bool {
    set.contains(&key)
}

/// Word classes of a token, as bits.
pub mod tag {
    pub const CAPITAL: u32 = 1 << 0;
    pub const AUX: u32 = 1 << 1;
    pub const GROUP_ADV: u32 = 1 << 2;
    pub const FUTURE: u32 = 1 << 3;
    pub const PAST: u32 = 1 << 4;
    pub const DET: u32 = 1 << 5;
    pub const PRESENT_EVENT: u32 = 1 << 6;
    pub const SPEECH: u32 = 1 << 7;
    pub const STATIVE: u32 = 1 << 8;
    pub const EVENT_NOUN: u32 = 1 << 9;
    pub const PARTICLE: u32 = 1 << 10;
    pub const OPENER: u32 = 1 << 11;
    pub const STOP: u32 = 1 << 12;
    /// Ends in "ing".
    pub const ING: u32 = 1 << 13;
    /// An "-ing" form that may be a participle (not "during", "meeting", …).
    pub const PARTICIPLE: u32 = 1 << 14;
    /// Ends in "ed".
    pub const ED: u32 = 1 << 16;
    /// A head that does not identify an occurrence alone (speech, reaction, light verbs).
    pub const GENERIC: u32 = 1 << 17;
    /// More than two bytes long.
    pub const LONG: u32 = 1 << 18;
    /// The gap to the next token of the sentence is a clause boundary (`,` `;` `(` ` - ` …).
    pub const BOUND_AFTER: u32 = 1 << 19;
    /// The gap to the next token of the sentence is strong punctuation (`;` `:` quotes, dashes).
    pub const STRONG_AFTER: u32 = 1 << 20;
    /// Inside a time expression of its sentence (set per sentence by the caller).
    pub const IN_TIMEX: u32 = 1 << 21;
}

/// One word of the body: its byte span, the key of its case-folded text and its classes.
#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub key: u64,
    pub tags: u32,
}

impl Token {
    #[inline]
    pub fn span(&self) -> Span {
        self.start as usize..self.end as usize
    }
    #[inline]
    pub fn is(&self, t: u32) -> bool {
        self.tags & t != 0
    }
}

/// The tokens of a document and, per sentence, its token range.
#[derive(Default)]
pub struct DocTokens {
    pub toks: Vec<Token>,
    pub sentences: Vec<(u32, u32)>,
}

/// Tokens of every sentence, from the shared word layer: its words, except that words joined
/// by a single hyphen ("walked-out", "pre-orders") stay one token, as the rules expect.
/// Words outside their sentence's span are dropped.
pub fn doc_tokens(body: &str, words: &Words, sentences: &[Span], out: &mut DocTokens) {
    out.toks.clear();
    out.sentences.clear();
    out.toks.reserve(words.words.len());
    let table: &Table = &TABLE;
    let bytes = body.as_bytes();
    let ws = &words.words;
    for (si, sentence) in sentences.iter().enumerate() {
        let first = out.toks.len();
        let range = words.sentence(si);
        let mut j = range.start;
        while j < range.end.min(ws.len()) {
            let w = ws[j];
            j += 1;
            if (w.start as usize) < sentence.start || w.end as usize > sentence.end {
                continue;
            }
            let mut end = w.end;
            let mut merged = false;
            while j < range.end.min(ws.len())
                && ws[j].start == end + 1
                && (ws[j].end as usize) <= sentence.end
                && bytes.get(end as usize) == Some(&b'-')
            {
                end = ws[j].end;
                merged = true;
                j += 1;
            }
            let Some(text) = body.get(w.start as usize..end as usize) else { continue };
            let key = if merged { parallax_core::words::word_key(text) } else { w.key };
            let mut tags = table.classify(text, key);
            if w.is(parallax_core::Word::CAPITALISED) {
                tags |= tag::CAPITAL;
            }
            out.toks.push(Token { start: w.start, end, key, tags });
        }
        // Gaps between the sentence's tokens: clause boundaries and strong punctuation.
        for k in first..out.toks.len().saturating_sub(1) {
            let gap = bytes.get(out.toks[k].end as usize..out.toks[k + 1].start as usize).unwrap_or(&[]);
            if gap != b" " {
                out.toks[k].tags |= gap_tags(gap);
            }
        }
        out.sentences.push((first as u32, out.toks.len() as u32));
    }
}

/// BOUND_AFTER and STRONG_AFTER of the gap between two words, in one pass over its bytes:
/// the same answer as [`is_boundary_punct`] and [`is_strong_punct`].
fn gap_tags(gap: &[u8]) -> u32 {
    let mut t = 0;
    for (i, &b) in gap.iter().enumerate() {
        match b {
            b',' | b'[' | b']' => t |= tag::BOUND_AFTER,
            b';' | b':' | b'(' | b')' | b'"' => t |= tag::BOUND_AFTER | tag::STRONG_AFTER,
            b'-' if i > 0 && gap[i - 1] == b' ' && gap.get(i + 1) == Some(&b' ') => t |= tag::BOUND_AFTER,
            // “ ” — – are E2 80 9C / 9D / 94 / 93.
            0xE2 if gap.get(i + 1) == Some(&0x80) && matches!(gap.get(i + 2), Some(0x9C | 0x9D | 0x94 | 0x93)) => {
                t |= tag::BOUND_AFTER | tag::STRONG_AFTER
            }
            _ => {}
        }
    }
    t
}

/// The reference for [`gap_tags`] (kept for its test).
#[cfg(test)]
fn is_boundary_punct(s: &str) -> bool {
    // Most gaps between words are one space: answer those without scanning.
    if s.bytes().all(|b| b == b' ') {
        return false;
    }
    s.chars().any(|c| matches!(c, ',' | ';' | ':' | '(' | ')' | '"' | '“' | '”' | '—' | '–' | '[' | ']'))
        || s.contains(" - ")
}

#[cfg(test)]
fn is_strong_punct(s: &str) -> bool {
    if s.bytes().all(|b| b == b' ') {
        return false;
    }
    s.chars().any(|c| matches!(c, ';' | ':' | '(' | ')' | '"' | '“' | '”' | '—' | '–'))
}

/// Letters, apostrophes and hyphens only (asked of verb candidates only).
pub fn wordy(text: &str) -> bool {
    let b = text.as_bytes();
    if b.is_ascii() {
        b.iter().all(|&c| c.is_ascii_alphabetic() || c == b'\'' || c == b'-')
    } else {
        text.chars().all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'))
    }
}

/// Runs `f` on the case-folded text of a word (curly apostrophes straightened), without
/// allocating for ASCII words of ordinary length.
pub fn with_lower<R>(text: &str, f: impl FnOnce(&str) -> R) -> R {
    let b = text.as_bytes();
    if b.is_ascii() && b.len() <= 64 {
        let mut buf = [0u8; 64];
        for (d, s) in buf.iter_mut().zip(b) {
            *d = s.to_ascii_lowercase();
        }
        // ASCII bytes are always valid UTF-8.
        f(std::str::from_utf8(&buf[..b.len()]).unwrap_or(""))
    } else {
        f(&fold(text))
    }
}

fn fold(text: &str) -> String {
    let lower = text.to_lowercase();
    if lower.contains('’') {
        lower.replace('’', "'")
    } else {
        lower
    }
}

// Table-only bits: list memberships that the public tags are derived from.
const L_IRREGULAR: u32 = 1 << 0;
const L_ED_NON_VERB: u32 = 1 << 1;
const L_EED_VERB: u32 = 1 << 2;
const L_GROUP_ADV: u32 = 1 << 3;
const L_LY_NOT_ADV: u32 = 1 << 4;
const L_STOP: u32 = 1 << 5;
const L_NOT_PARTICIPLE: u32 = 1 << 6;
const L_GENERIC: u32 = 1 << 7;
const L_AUX: u32 = 1 << 8;
const L_FUTURE: u32 = 1 << 9;
const L_DET: u32 = 1 << 10;
const L_PRESENT_EVENT: u32 = 1 << 11;
const L_SPEECH: u32 = 1 << 12;
const L_STATIVE: u32 = 1 << 13;
const L_EVENT_NOUN: u32 = 1 << 14;
const L_PARTICLE: u32 = 1 << 15;
const L_OPENER: u32 = 1 << 16;

/// Open-addressing table from word key to list bits (keys are FNV hashes: well spread).
/// Each entry holds the list bits in its high half and the public tags they give in its low
/// half.
struct Table {
    /// Keys apart from values: most lookups miss, and the keys alone stay in the L1 cache.
    keys: Vec<u64>,
    values: Vec<u64>,
    mask: usize,
}

impl Table {
    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & self.mask
    }
    #[inline]
    fn get(&self, key: u64) -> u64 {
        let mut i = self.slot(key);
        loop {
            let k = self.keys[i];
            if k == key {
                return self.values[i];
            }
            if k == 0 {
                return 0;
            }
            i = (i + 1) & self.mask;
        }
    }
    /// The tags of a word (its text as written, and the key of its case-folded text), except
    /// CAPITAL and the gap and time bits, which depend on its context.
    #[inline]
    fn classify(&self, text: &str, key: u64) -> u32 {
        let b = text.as_bytes();
        let n = b.len();
        // Non-ASCII words are rare: the reference predicates answer for them.
        if !b.is_ascii() {
            return classify_str(&fold(text));
        }
        let entry = self.get(key);
        let l = (entry >> 32) as u32;
        let mut t = entry as u32;
        let hyphen = || b.contains(&b'-');
        let ends = |s: &[u8]| n >= s.len() && b[n - s.len()..].eq_ignore_ascii_case(s);
        if n >= 2 {
            let last2 = [b[n - 2].to_ascii_lowercase(), b[n - 1].to_ascii_lowercase()];
            match &last2 {
                b"ed" => {
                    t |= tag::ED;
                    let non_verb = (ends(b"eed") && l & L_EED_VERB == 0) || l & L_ED_NON_VERB != 0;
                    if n > 4 && !non_verb && !hyphen() {
                        t |= tag::PAST;
                    }
                }
                b"ly" if n > 4 && l & L_LY_NOT_ADV == 0 => t |= tag::GROUP_ADV,
                b"ng" if ends(b"ing") => {
                    t |= tag::ING;
                    if n > 5 && l & (L_EVENT_NOUN | L_NOT_PARTICIPLE) == 0 {
                        t |= tag::PARTICIPLE;
                    }
                }
                _ => {}
            }
        }
        t |= if n < 3 { tag::STOP } else { tag::LONG };
        t
    }

    fn add(&mut self, key: u64, bits: u32) {
        let mut i = self.slot(key);
        loop {
            let (k, v) = (self.keys[i], self.values[i]);
            if k == key || k == 0 {
                let l = (v >> 32) as u32 | bits;
                self.keys[i] = key;
                self.values[i] = (u64::from(l) << 32) | u64::from(public_tags(l));
                return;
            }
            i = (i + 1) & self.mask;
        }
    }
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let lists: [(&[&str], u32); 17] = [
        (IRREGULAR_PAST, L_IRREGULAR),
        (ED_NON_VERBS, L_ED_NON_VERB),
        (EED_VERBS, L_EED_VERB),
        (GROUP_ADVERBS, L_GROUP_ADV),
        (LY_NOT_ADVERBS, L_LY_NOT_ADV),
        (STOPWORDS, L_STOP),
        (ING_NOT_PARTICIPLES, L_NOT_PARTICIPLE),
        (GENERIC_HEADS, L_GENERIC),
        (AUXILIARIES, L_AUX),
        (FUTURE_MARKERS, L_FUTURE),
        (DETERMINERS, L_DET),
        (PRESENT_EVENT_VERBS, L_PRESENT_EVENT),
        (PLAIN_SPEECH, L_SPEECH),
        (STATIVES, L_STATIVE),
        (EVENT_NOUNS, L_EVENT_NOUN),
        (PARTICLES, L_PARTICLE),
        (CLAUSE_OPENERS, L_OPENER),
    ];
    let n: usize = lists.iter().map(|l| l.0.len()).sum();
    let size = (2 * n).next_power_of_two();
    let mut t = Table { keys: vec![0; size], values: vec![0; size], mask: size - 1 };
    for (words, bits) in lists {
        for w in words {
            t.add(fnv(w), bits);
        }
    }
    t
});

/// The tags of a word (its text as written, and the key of its case-folded text), except
/// CAPITAL and the gap and time bits, which depend on its context.
#[cfg(test)]
fn classify(text: &str, key: u64) -> u32 {
    TABLE.classify(text, key)
}

/// The public tags that list memberships give by themselves.
fn public_tags(l: u32) -> u32 {
    let map = [
        (L_AUX, tag::AUX),
        (L_FUTURE, tag::FUTURE),
        (L_DET, tag::DET),
        (L_PRESENT_EVENT, tag::PRESENT_EVENT),
        (L_SPEECH, tag::SPEECH | tag::GENERIC),
        (L_GENERIC, tag::GENERIC),
        (L_STATIVE, tag::STATIVE),
        (L_EVENT_NOUN, tag::EVENT_NOUN),
        (L_PARTICLE, tag::PARTICLE),
        (L_OPENER, tag::OPENER),
        (L_STOP, tag::STOP),
        (L_GROUP_ADV, tag::GROUP_ADV),
        (L_IRREGULAR, tag::PAST),
    ];
    map.iter().filter(|(from, _)| l & from != 0).fold(0, |t, (_, to)| t | to)
}

/// The tags of a case-folded word by the string predicates (the reference; used for words
/// with non-ASCII characters).
pub fn classify_str(w: &str) -> u32 {
    let checks: [(bool, u32); 16] = [
        (is_auxiliary(w), tag::AUX),
        (is_group_adverb(w), tag::GROUP_ADV),
        (is_future_marker(w), tag::FUTURE),
        (is_past_form(w), tag::PAST),
        (is_determiner(w), tag::DET),
        (is_present_event_verb(w), tag::PRESENT_EVENT),
        (is_plain_speech(w), tag::SPEECH),
        (is_stative(w), tag::STATIVE),
        (is_event_noun(w), tag::EVENT_NOUN),
        (is_particle(w), tag::PARTICLE),
        (is_clause_opener(w), tag::OPENER),
        (is_stopword(w), tag::STOP),
        (w.ends_with("ing"), tag::ING),
        (w.ends_with("ing") && w.len() > 5 && !is_event_noun(w) && !ING_NOT_PARTICIPLES.contains(&w), tag::PARTICIPLE),
        (w.ends_with("ed"), tag::ED),
        (is_generic(w), tag::GENERIC),
    ];
    let mut t = checks.iter().filter(|c| c.0).fold(0, |t, c| t | c.1);
    if w.len() > 2 {
        t |= tag::LONG;
    }
    t
}

/// Auxiliaries and modals that may precede a main verb in its verb group.
const AUXILIARIES: &[&str] = &[
    "has", "have", "had", "having", "was", "were", "is", "are", "am", "be", "been", "being", "will", "would",
    "shall", "should", "can", "could", "may", "might", "must", "did", "does", "do", "get", "got", "gets", "'s",
    "'ve", "'d", "'ll", "he's", "she's", "it's", "they've", "we've", "they'd", "he'd", "she'd", "they'll",
    "we'll", "he'll", "she'll", "it'll", "i'll",
];

pub fn is_auxiliary(w: &str) -> bool {
    AUXILIARIES.contains(&w)
}

/// Adverbs that sit inside a verb group ("had already taken", "was not decided").
const GROUP_ADVERBS: &[&str] = &[
    "not", "never", "already", "also", "just", "still", "then", "later", "first", "now", "recently", "again",
    "since", "formally", "finally", "officially", "reportedly", "allegedly",
];
/// "-ly" words that are not adverbs.
const LY_NOT_ADVERBS: &[&str] = &[
    "only", "early", "family", "italy", "july", "rally", "ally", "reply", "supply", "apply", "assembly", "weekly",
    "daily", "monthly", "yearly",
];

pub fn is_group_adverb(w: &str) -> bool {
    GROUP_ADVERBS.contains(&w) || (w.len() > 4 && w.ends_with("ly") && !LY_NOT_ADVERBS.contains(&w))
}

/// Marks a verb group as future or hypothetical.
const FUTURE_MARKERS: &[&str] = &[
    "will", "would", "shall", "'ll", "they'll", "we'll", "he'll", "she'll", "it'll", "i'll", "could", "might",
    "may", "should", "must",
];

pub fn is_future_marker(w: &str) -> bool {
    FUTURE_MARKERS.contains(&w)
}

/// Irregular past tense and past participle forms common in news.
const IRREGULAR_PAST: &[&str] = &[
    "went", "gone", "came", "began", "begun", "held", "met", "told", "said", "took", "taken", "made", "gave",
    "given", "won", "lost", "left", "sold", "bought", "built", "broke", "broken", "brought", "fell", "fallen",
    "found", "led", "ran", "saw", "seen", "sent", "set", "spent", "stood", "struck", "wrote", "written", "knew",
    "known", "chose", "chosen", "drove", "driven", "flew", "flown", "grew", "grown", "hit", "kept", "paid", "put",
    "quit", "rose", "risen", "sat", "shut", "spoke", "spoken", "stole", "stolen", "threw", "thrown", "withdrew",
    "withdrawn", "fought", "caught", "sought", "heard", "became", "overtook", "undertook", "shook", "shot", "cut",
    "beat", "beaten", "bit", "swore", "sworn", "tore", "torn", "woke", "forgot", "hid", "hidden", "lent", "meant",
    "felt", "thought", "understood", "upheld", "overturned", "shown", "done", "dealt", "fled", "froze", "hung",
    "laid", "lay", "let", "mistook", "oversaw", "overseen", "rang", "rode", "sang", "sank", "slid", "split",
    "spread", "sprang", "stuck", "stung", "swept", "swung", "taught", "forbade", "foresaw", "wound", "read",
    "born", "bore", "arose", "awoke", "bid", "bound", "bred", "cast", "clung", "dug", "fed", "fit", "forgave",
    "forgiven", "leapt", "lit", "outgrew", "proved", "rebuilt", "rewrote", "sped", "spun", "strove", "withheld",
    "unveiled",
];

pub fn is_irregular_past(w: &str) -> bool {
    IRREGULAR_PAST.contains(&w)
}

/// `-ed` words that are not verbs (besides "-eed" words other than these verbs).
const ED_NON_VERBS: &[&str] = &[
    "red", "bed", "shed", "hundred", "wed", "naked", "wicked", "sacred", "kindred", "rugged", "ragged", "beloved",
    "aged", "learned", "wretched", "embed", "shred", "sled", "infrared", "biped",
];
const EED_VERBS: &[&str] = &["agreed", "freed", "decreed"];

fn is_ed_non_verb(w: &str) -> bool {
    w.ends_with("eed") && !EED_VERBS.contains(&w) || ED_NON_VERBS.contains(&w)
}

/// Past tense or past participle, by form.
pub fn is_past_form(w: &str) -> bool {
    if is_irregular_past(w) {
        return true;
    }
    w.len() > 4 && w.is_ascii() && w.ends_with("ed") && !is_ed_non_verb(w) && !w.contains('-')
}

/// Words after which an `-ed` form is an adjective or noun modifier, not a verb.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our", "my", "your", "some", "any",
    "no", "every", "each", "of", "for", "with", "most", "more", "less", "very", "well", "newly", "so", "too",
    "much", "as", "in", "into", "from", "on", "at", "such", "un", "than", "non", "fully",
];

pub fn is_determiner(w: &str) -> bool {
    DETERMINERS.contains(&w)
}

/// Present-tense verbs of public acts that report an occurrence even without a past form
/// ("announces", "unveils").
const PRESENT_EVENT_VERBS: &[&str] = &[
    "announces", "unveils", "launches", "releases", "confirms", "resigns", "wins", "loses", "agrees", "votes",
    "approves", "rejects", "files", "sues", "signs", "opens", "closes", "begins", "ends", "meets", "expels",
    "suspends", "buys", "sells", "acquires", "cuts", "raises", "warns", "dies", "arrives", "leaves", "introduces",
    "reveals", "claims", "denies", "admits", "accuses", "orders", "bans", "blocks", "fires", "hires", "elects",
    "passes", "strikes", "calls", "plans", "says", "tells",
];

pub fn is_present_event_verb(w: &str) -> bool {
    PRESENT_EVENT_VERBS.contains(&w)
}

/// Verbs that only introduce what someone said: they date a statement only when the clause
/// itself carries a date ("said on Tuesday"); otherwise every quote would become an event.
const PLAIN_SPEECH: &[&str] = &[
    "said", "says", "say", "told", "tells", "tell", "added", "adds", "asked", "asks", "explained", "explains",
    "continued", "replied", "wrote", "writes", "stated", "according", "noted", "insisted", "argued", "suggested",
    "believed", "thought",
];

pub fn is_plain_speech(w: &str) -> bool {
    PLAIN_SPEECH.contains(&w)
}

/// Heads that do not identify an occurrence on their own besides plain speech: reaction
/// verbs and light verbs.
const GENERIC_HEADS: &[&str] = &[
    "responded", "reacted", "warned", "laughed", "denied", "repeated", "rejected", "confirmed", "made", "took",
    "got", "gave", "came", "went", "saw", "did", "was", "were", "is", "are", "put", "kept", "tried", "began",
    "started", "called", "claimed", "accused", "alleged", "raised", "added", "asked",
];

pub fn is_generic(head: &str) -> bool {
    is_plain_speech(head) || GENERIC_HEADS.contains(&head)
}

/// Past forms that describe states or attitudes, not occurrences.
const STATIVES: &[&str] = &[
    "was", "were", "is", "are", "had", "did", "been", "seemed", "appeared", "remained", "wanted", "needed",
    "liked", "loved", "hoped", "expected", "used", "felt", "knew", "known", "meant", "concerned", "involved",
    "based", "related", "interested", "supposed", "entitled", "married", "located", "reported", "aged", "born",
    "let", "set", "put", "read", "fit", "bound", "lay", "owned", "existed", "belonged", "contained", "included",
    "seen", "understood", "considered", "described", "called", "named", "dubbed", "titled", "headed", "led",
    "estimated", "compared", "combined", "followed", "accused", "alleged",
];

pub fn is_stative(w: &str) -> bool {
    STATIVES.contains(&w)
}

/// Nouns that name an occurrence ("filed a lawsuit", "lost its court case", "his keynote
/// address"): cited as extra evidence of the event of their clause.
const EVENT_NOUNS: &[&str] = &[
    "lawsuit", "suit", "case", "dispute", "settlement", "agreement", "deal", "meeting", "interview", "conference",
    "keynote", "address", "speech", "statement", "announcement", "launch", "release", "sale", "sales", "vote",
    "election", "strike", "talks", "protest", "attack", "decision", "ruling", "verdict", "trial", "hearing",
    "investigation", "inquiry", "review", "appearance", "visit", "resignation", "suspension", "expulsion",
    "departure", "arrival", "merger", "acquisition", "takeover", "offer", "bid", "reduction", "increase", "crash",
    "accident", "explosion", "death", "arrest", "request", "leave", "absence", "pre-orders", "pre-order",
    "walkout", "stoppage", "shutdown", "closure", "opening", "ceremony", "summit", "debate", "referendum",
    "appeal", "complaint", "motion", "invitation", "transplant", "surgery", "demand", "shipment",
];

pub fn is_event_noun(w: &str) -> bool {
    EVENT_NOUNS.contains(&w)
}

/// "-ing" words that are not participles of an event.
const ING_NOT_PARTICIPLES: &[&str] = &[
    "during", "according", "including", "following", "morning", "evening", "nothing", "something", "anything",
    "everything", "building", "meeting", "funding", "spending",
];

/// Particles that complete a phrasal verb ("walked out", "broke down").
const PARTICLES: &[&str] = &["out", "off", "up", "down", "back", "over", "away", "public", "place"];

pub fn is_particle(w: &str) -> bool {
    PARTICLES.contains(&w)
}

/// Words that start a new clause inside a sentence.
const CLAUSE_OPENERS: &[&str] = &[
    "and", "but", "or", "which", "who", "whom", "whose", "where", "when", "while", "after", "before", "because",
    "although", "though", "since", "that", "if", "unless", "whereas", "as", "saying", "until", "so",
];

pub fn is_clause_opener(w: &str) -> bool {
    CLAUSE_OPENERS.contains(&w)
}

/// Function words left out of the content bag used to match events across outlets.
const STOPWORDS: &[&str] = &[
    "the", "and", "but", "for", "with", "from", "into", "onto", "that", "this", "these", "those", "which", "who",
    "whom", "whose", "was", "were", "has", "have", "had", "been", "being", "are", "will", "would", "could",
    "should", "his", "her", "its", "their", "our", "they", "them", "she", "him", "not", "also", "after", "before",
    "when", "while", "then", "than", "about", "said", "says", "told", "there", "what", "where", "over", "out",
    "one", "all", "any", "some", "more", "most", "very", "just", "already", "did", "does", "on", "at", "by", "of",
    "in", "to", "an", "a", "it", "he", "we", "you", "your", "my", "me", "us", "last", "next", "week", "day",
    "today", "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "night",
    "morning", "afternoon", "evening", "earlier", "later", "ago",
];

pub fn is_stopword(w: &str) -> bool {
    w.len() < 3 || STOPWORDS.contains(&w)
}

/// A crude stem: lowercase word without a common inflection, cut to 6 bytes, so that
/// "suspended" / "suspension" / "suspending" and "meeting" / "meet" share it.
pub fn stem(w: &str) -> &str {
    let mut s = w.trim_end_matches("'s");
    for suf in ["ing", "ed", "es", "s", "ion"] {
        if s.len() > suf.len() + 3 && s.ends_with(suf) {
            s = &s[..s.len() - suf.len()];
            break;
        }
    }
    let mut end = s.len().min(6);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// FNV-1a of a stem: cheap, deterministic hashing for the pairwise comparisons of merging.
pub fn hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// The hashed stem of a word as written: `hash(stem(lower))`, read straight from the
/// bytes for ASCII words.
pub fn stem_hash(text: &str) -> u64 {
    let b = text.as_bytes();
    if !b.is_ascii() {
        return hash(stem(&fold(text)));
    }
    let mut n = b.len();
    while n >= 2 && b[n - 2] == b'\'' && b[n - 1].eq_ignore_ascii_case(&b's') {
        n -= 2;
    }
    for suf in [&b"ing"[..], b"ed", b"es", b"s", b"ion"] {
        if n > suf.len() + 3 && b[n - suf.len()..n].eq_ignore_ascii_case(suf) {
            n -= suf.len();
            break;
        }
    }
    b[..n.min(6)].iter().fold(0xcbf2_9ce4_8422_2325, |h, &c| (h ^ u64::from(c.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(t: &str) -> Vec<String> {
        let sentences = [0..t.len()];
        let words = parallax_core::words::tokenize(t, &sentences);
        let mut out = DocTokens::default();
        doc_tokens(t, &words, &sentences, &mut out);
        out.toks.iter().map(|k| t[k.span()].to_string()).collect()
    }

    #[test]
    fn tokens_keep_inner_marks() {
        assert_eq!(toks("He’s paid 1.6 million, then walked-out."), ["He’s", "paid", "1.6", "million", "then", "walked-out"]);
    }

    #[test]
    fn past_forms() {
        assert!(is_past_form("suspended"));
        assert!(is_past_form("went"));
        assert!(!is_past_form("need"));
        assert!(!is_past_form("red"));
        assert_eq!(stem("suspended"), stem("suspending"));
    }

    /// The key table and suffix tests give the classes the string predicates give.
    #[test]
    fn fast_classes_match_the_predicates() {
        let lists: [&[&str]; 17] = [
            AUXILIARIES, GROUP_ADVERBS, LY_NOT_ADVERBS, FUTURE_MARKERS, IRREGULAR_PAST, ED_NON_VERBS, EED_VERBS,
            DETERMINERS, PRESENT_EVENT_VERBS, PLAIN_SPEECH, GENERIC_HEADS, STATIVES, EVENT_NOUNS,
            ING_NOT_PARTICIPLES, PARTICLES, CLAUSE_OPENERS, STOPWORDS,
        ];
        let extra = [
            "walked", "walked-out", "quickly", "x", "ab", "abc", "freed", "needed", "seeded", "closing", "sing",
            "talking", "1.6", "10,000", "o'clock", "pre-orders", "Suspended", "WALKED", "Reportedly", "Meeting",
        ];
        let words = lists.iter().flat_map(|l| l.iter().copied()).chain(extra);
        for w in words {
            for v in [w.to_string(), format!("{w}ed"), format!("{w}ing"), format!("{w}ly"), w.to_uppercase()] {
                let key = parallax_core::words::word_key(&v);
                assert_eq!(classify(&v, key), classify_str(&v.to_lowercase()), "{v}");
            }
        }
        assert_eq!(fnv("said"), parallax_core::words::word_key("Said"));
        for w in ["Suspended", "suspension", "it's's", "AGREES", "s", "'s", "ings", "mission", "Walked-out", "élan", "x'S"] {
            assert_eq!(stem_hash(w), hash(stem(&fold(w))), "{w}");
        }
        for gap in [" ", ", ", " - ", "-", " (", ") ", " “", "” ", " — ", ": ", "; ", " [", "\n\n", ". \"", " – "] {
            let want = if is_boundary_punct(gap) { tag::BOUND_AFTER } else { 0 } | if is_strong_punct(gap) { tag::STRONG_AFTER } else { 0 };
            assert_eq!(gap_tags(gap.as_bytes()), want, "{gap:?}");
        }
    }
}
