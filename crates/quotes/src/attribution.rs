//! Finding the cue and the words naming the speaker around a quote or a reported clause.
//!
//! English news attributes speech in a handful of shapes: `"…," NP said` / `"…," said NP`,
//! `NP said: "…"`, `NP said (that) …`, `according to NP`, and `…, saying …` whose speaker is
//! the subject of the main clause. The speaker is a noun phrase next to the cue; we find its
//! extent by walking over tokens that can belong to a noun phrase (names, titles, determiners,
//! nouns, `of`/`for`/`at` attachments, one apposition between commas) and stopping at
//! clause words (conjunctions, auxiliaries, subordinators) and punctuation.

use crate::cues::{self, is_one_of};
use crate::tokens::{Kind, Tok};
use parallax_core::Span;

/// A cue and the speaker it names, as body spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    pub cue: Span,
    pub speaker: Option<Span>,
}

/// Token view of one paragraph.
pub struct Para<'a> {
    pub body: &'a str,
    pub toks: &'a [Tok],
}

/// Words that end a noun phrase when met while walking over it.
const STOP: &[&str] = &[
    "that", "which", "when", "while", "because", "but", "if", "as", "after", "before", "since",
    "although", "though", "so", "then", "where", "whether", "until", "than", "or", "nor", "yet",
    "not", "is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "will", "would",
    "could", "should", "can", "may", "might", "must", "do", "does", "did", "also", "however",
    "meanwhile", "still", "now", "later", "earlier", "yesterday", "today", "tonight", "asked",
    "speaking", "writing", "despite", "instead", "here", "there", "again", "even", "indeed",
    "moreover", "separately", "finally", "thus", "once", "during", "into", "about", "against",
    "over", "under", "without", "through", "it's", "what", "how", "why", "said", "says", "told",
    "added", "it", "this", "these", "those", "he's", "she's", "they're", "i'm", "we're", "not",
    "never", "only", "just", "too", "very", "really", "recently", "reportedly", "repeatedly",
    "like", "unlike", "whom", "whose", "by",
];

/// Sentence-opening words that are never the start of a speaker phrase.
const OPENERS: &[&str] = &[
    "in", "on", "at", "after", "before", "during", "when", "while", "but", "and", "so", "yet",
    "however", "meanwhile", "still", "also", "now", "then", "later", "earlier", "yesterday",
    "today", "asked", "as", "although", "if", "since", "because", "though", "despite", "for",
    "from", "with", "without", "under", "instead", "here", "there", "again", "speaking",
    "writing", "last", "even", "indeed", "moreover", "separately", "finally", "thus", "once",
    "or", "what", "by", "to", "of", "that", "this", "it", "about", "over", "into", "through",
];

/// Lowercase words that may sit inside a speaker phrase but not at its left edge.
const INNER: &[&str] = &["of", "for", "at", "from", "in", "to", "on", "with", "and", "&", "de", "la", "van", "von", "der", "del", "da", "le", "bin", "al", "who"];

/// Adverbs and auxiliaries between a speaker and the cue: "has also said", "later told".
const AUX: &[&str] = &[
    "has", "have", "had", "also", "later", "then", "again", "once", "never", "would", "will",
    "did", "does", "do", "first", "earlier", "previously", "recently", "repeatedly", "publicly",
    "reportedly", "initially", "separately", "finally", "only", "still", "often", "frequently",
    "simply", "flatly", "quickly", "immediately", "angrily", "bluntly", "candidly", "privately",
    "subsequently", "already", "long", "since", "just", "even", "not", "is", "was", "be", "been",
    "being", "may", "might", "could", "can", "should", "must", "are", "were", "went", "on", "to",
    "go", "goes", "going",
];

/// Prepositions that open an adverbial before a clause's subject ("In August, …").
const PREPOSITIONS: &[&str] = &["in", "on", "at", "after", "before", "during", "since", "until", "by", "for", "from", "with", "under", "over", "through", "following", "despite", "amid", "within"];
/// Sentence adverbs that are not written with -ly.
const DISCOURSE: &[&str] = &["likewise", "meanwhile", "however", "instead", "nonetheless", "nevertheless", "moreover", "furthermore", "afterwards", "afterward", "still", "yet", "thus", "therefore", "again", "also", "indeed", "otherwise", "later", "earlier", "first", "second", "third", "then", "now", "today", "yesterday", "overall"];
/// Adverbs in "-ly" that open a sentence ("Recently, …", "Separately, …").
const SENTENCE_ADVERBS: &[&str] = &[
    "recently", "separately", "similarly", "finally", "additionally", "shortly", "subsequently", "previously", "currently",
    "ultimately", "eventually", "consequently", "accordingly", "specifically", "initially", "originally", "unfortunately",
    "fortunately", "importantly", "notably", "clearly", "obviously", "apparently", "reportedly", "allegedly", "sadly",
    "oddly", "interestingly", "ironically", "frankly", "honestly", "personally", "typically", "usually", "generally",
    "publicly", "privately", "officially", "hopefully", "thankfully", "luckily", "surprisingly", "unsurprisingly",
    "certainly", "presumably", "probably", "possibly", "increasingly", "lately", "only", "partly", "mostly", "meanwhile",
];
/// Words that open a subordinate clause.
const SUBORDINATORS: &[&str] = &["when", "while", "as", "if", "because", "although", "though", "since", "once", "whenever", "unless", "until", "after", "before"];
/// Spans of time named after "this", "last" or "earlier" ("this month", "last week").
const PERIODS: &[&str] = &["week", "month", "year", "weekend", "morning", "afternoon", "evening", "night", "spring", "summer", "autumn", "fall", "winter", "season", "term", "quarter"];
const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today", "tonight"];

impl<'a> Para<'a> {
    pub fn word(&self, i: usize) -> &'a str {
        let t = &self.toks[i];
        self.body.get(t.start..t.end).unwrap_or("")
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.is_word())
    }

    pub fn upper(&self, i: usize) -> bool {
        self.is_word(i) && self.word(i).chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    }

    pub fn lower_word(&self, i: usize) -> bool {
        self.is_word(i) && self.word(i).chars().next().is_some_and(|c| c.is_lowercase())
    }

    /// A core cue word at token `i` (unquoted).
    pub fn cue_at(&self, i: usize) -> Option<cues::Cue> {
        let t = self.toks.get(i)?;
        if !t.is_word() || t.quoted {
            return None;
        }
        let c = cues::cue(self.word(i))?;
        // "according" only as "according to".
        if is_one_of(self.word(i), &["according"]) && !self.is_word_eq(i + 1, "to") {
            return None;
        }
        // After a determiner or a possessive the word is a noun: "his remarks", "the report".
        if i > 0 && self.toks[i - 1].is_word() {
            let p = self.word(i - 1);
            if is_one_of(p, &["the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "these", "those", "such", "any", "no", "every", "each"]) || p.ends_with("'s") || p.ends_with("’s") {
                return None;
            }
        }
        // Capitalised cue words mid-sentence are names or titles ("Post", "Read"), not verbs,
        // unless they open the sentence ("Said Smith: …", "According to …").
        if self.upper(i) && i > 0 && self.toks[i - 1].is_word() {
            return None;
        }
        Some(c)
    }

    pub fn is_word_eq(&self, i: usize, w: &str) -> bool {
        self.is_word(i) && self.word(i).eq_ignore_ascii_case(w)
    }

    pub fn span(&self, a: usize, b: usize) -> Span {
        self.toks[a].start..self.toks[b - 1].end
    }

    /// The cue's span: the cue word, extended over multi-word cues ("according to", "went on
    /// to say", "pointed out").
    pub fn cue_span(&self, k: usize) -> Span {
        let mut end = k + 1;
        if self.is_word_eq(k, "according") && self.is_word_eq(k + 1, "to") {
            end = k + 2;
        } else if self.is_word_eq(k, "went") && self.is_word_eq(k + 1, "on") {
            end = k + 2;
            if self.is_word_eq(k + 2, "to") && self.is_word(k + 3) {
                end = k + 4;
            }
        } else if self.is_word_eq(k + 1, "out") && is_one_of(self.word(k), &["pointed", "points", "pointing"]) {
            end = k + 2;
        }
        self.span(k, end.min(self.toks.len()))
    }

    /// Index just past a multi-word cue starting at `k`.
    pub fn cue_end(&self, k: usize) -> usize {
        let s = self.cue_span(k);
        let mut e = k + 1;
        while e < self.toks.len() && self.toks[e].end <= s.end {
            e += 1;
        }
        e
    }

    /// The speaker phrase ending right before token `cue` (exclusive), not crossing `lo`.
    /// Returns token range.
    pub fn left_np(&self, lo: usize, cue: usize) -> Option<(usize, usize)> {
        let mut j = cue;
        // Auxiliaries and adverbs between the speaker and the cue.
        while j > lo && self.is_word(j - 1) && (is_one_of(self.word(j - 1), AUX) || self.word(j - 1).ends_with("ly") && self.lower_word(j - 1)) {
            j -= 1;
        }
        // "The agency, for its part, said", "Smith, however, said": a parenthetical between the
        // subject and the verb.
        if j > lo + 1 && self.toks[j - 1].is_punct(',') {
            if let Some(c) = (lo.max(j.saturating_sub(9))..j - 1).rev().find(|&x| self.toks[x].is_punct(',')) {
                let first = c + 1;
                let parenthetical = first < j - 1
                    && self.is_word(first)
                    && (is_one_of(self.word(first), PREPOSITIONS) || (j - 1 - first == 1 && (self.is_sentence_adverb(first) || is_one_of(self.word(first), OPENERS))));
                if parenthetical && c > lo && self.is_word(c - 1) {
                    j = c;
                }
            }
        }
        // "Smith this month announced", "Smith last week said".
        if j > lo + 1 && self.lower_word(j - 1) && is_one_of(self.word(j - 1), PERIODS) && self.is_word(j - 2) && is_one_of(self.word(j - 2), &["this", "last", "earlier", "next", "late", "early"]) {
            j -= 2;
            while j > lo && self.is_word(j - 1) && is_one_of(self.word(j - 1), AUX) {
                j -= 1;
            }
        }
        // "Smith on Tuesday said", "Smith Tuesday said".
        if j > lo && self.is_word(j - 1) && is_one_of(self.word(j - 1), WEEKDAYS) {
            j -= 1;
            if j > lo && self.is_word_eq(j - 1, "on") {
                j -= 1;
            }
        }
        if j <= lo {
            return None;
        }
        // "X criticised Y and said": coordinated verbs share the clause's subject; a speaker
        // phrase never ends in a conjunction.
        if self.lower_word(j - 1) && is_one_of(self.word(j - 1), &["and", "but", "or", "then"]) {
            return None;
        }
        // "a statement from Smith, who said": the antecedent and the relative pronoun ("who’s
        // called for" is "who has"; a dash sets the clause off as a comma does).
        if ["who", "who’s", "who's"].iter().any(|w| self.is_word_eq(j - 1, w)) {
            let end = j;
            let mut a = j - 1;
            if a > lo && [',', '—', '–'].iter().any(|&c| self.toks[a - 1].is_punct(c)) {
                a -= 1;
                let (mut s, _) = self.walk_left(lo, a, false)?;
                // "a statement from Smith, who": the antecedent is the name after the last
                // preposition.
                if let Some(x) = (s..a).rev().find(|&x| self.lower_word(x) && is_one_of(self.word(x), &["from", "by", "of", "with", "to"])) {
                    s = x + 1;
                }
                return Some((s, end));
            }
            return Some((a, end));
        }
        // A subject pronoun is the whole speaker phrase.
        if is_one_of(self.word(j - 1), &["he", "she", "they", "we", "i", "you"]) && self.is_word(j - 1) {
            return Some((j - 1, j));
        }
        let mut end = j;
        let mut apposition = false;
        if self.toks[j - 1].is_punct(',') {
            // "Smith, who led the party for a decade, said": the name and its relative clause.
            let mut x = j - 1;
            while x > lo && j - 1 - x < 40 {
                x -= 1;
                let t = &self.toks[x];
                if t.quoted || t.is_mark() || matches!(t.kind, Kind::Punct('.' | ';' | ':' | '!' | '?')) {
                    break;
                }
                if t.is_punct(',') && self.is_word(x + 1) && is_one_of(self.word(x + 1), &["who", "whose"]) {
                    if let Some((a, _)) = self.walk_left(lo, x, false) {
                        return Some((a, j - 1));
                    }
                    break;
                }
            }
            // "Smith, a senior fellow at X, said"
            end = j - 1;
            apposition = true;
        }
        let (a, e) = self.walk_left(lo, end, apposition)?;
        Some((a, e))
    }

    /// Walks left from `end` (exclusive) over a noun phrase; `apposition`: the phrase is an
    /// apposition closed by a comma, so one comma may be crossed to reach the name before it.
    fn walk_left(&self, lo: usize, end: usize, apposition: bool) -> Option<(usize, usize)> {
        let mut a = end;
        let mut crossed = false;
        let mut paren = 0i32;
        while a > lo {
            let i = a - 1;
            let t = &self.toks[i];
            if t.quoted || t.is_mark() {
                break;
            }
            match t.kind {
                Kind::Word => {
                    let w = self.word(i);
                    let starts_upper = w.chars().next().is_some_and(|c| c.is_uppercase());
                    if paren == 0 {
                        if starts_upper {
                            // A capitalised opener ends the phrase only at the sentence start.
                            let at_start = i == lo || !self.toks[i - 1].is_word();
                            if at_start && is_one_of(w, OPENERS) {
                                break;
                            }
                        } else {
                            // Clause words, verbs of saying, "and" between common words, and a
                            // participle before a name all end the phrase.
                            let clause_word = is_one_of(w, STOP) || (cues::cue(w).is_some_and(|c| c.core) && !w.ends_with("ing"));
                            let conj = is_one_of(w, &["and", "or"]) && !(i > lo && self.upper(i - 1));
                            let participle = w.ends_with("ing") && !is_one_of(w, &["ceiling", "king", "ring", "spring"]) && i + 1 < end && self.upper(i + 1);
                            if clause_word || conj || participle {
                                break;
                            }
                        }
                    }
                    a = i;
                }
                Kind::Punct(')') => {
                    paren += 1;
                    a = i;
                }
                Kind::Punct('(') => {
                    paren -= 1;
                    a = i;
                    if paren < 0 {
                        break;
                    }
                }
                Kind::Punct(',') if paren > 0 => a = i,
                Kind::Punct(',') if apposition && !crossed && a < end && i > lo && self.upper(i - 1) => {
                    crossed = true;
                    a = i;
                }
                Kind::Punct('-' | '–' | '&' | '\'' | '’' | '.') if paren > 0 || self.is_word(i + 1) && i > lo && self.is_word(i - 1) && !self.toks[i].is_punct('.') => a = i,
                _ if paren > 0 => a = i,
                _ => break,
            }
            if end - a > 30 {
                break;
            }
        }
        // Trim words that cannot open a phrase, and a dangling comma.
        while a < end && (self.toks[a].is_punct(',') || (self.lower_word(a) && is_one_of(self.word(a), INNER)) || (self.is_word(a) && is_one_of(self.word(a), OPENERS) && !self.is_word_eq(a, "this"))) {
            a += 1;
        }
        if a >= end {
            return None;
        }
        // Stopped by a verb: the words are an object ("continued to level allegations … and
        // accused"), not the speaker.
        if a > lo && self.lower_word(a - 1) {
            let w = self.word(a - 1);
            if cues::cue(w).is_some_and(|c| c.core) || is_one_of(w, &["is", "was", "are", "were", "has", "have", "had", "be", "been", "to"]) {
                return None;
            }
        }
        // Too long to be a speaker phrase without a comma: narration, not a subject.
        if end - a > 16 && !crossed {
            return None;
        }
        Some((a, end))
    }

    /// The speaker phrase starting at `start`, stopping before `hi` (cue-first order
    /// "said Smith, a professor at X").
    pub fn right_np(&self, start: usize, hi: usize) -> Option<(usize, usize)> {
        let mut b = start;
        // Skip a leading time expression: "said Tuesday", "said on Monday".
        if self.is_word_eq(b, "on") && self.is_word(b + 1) && is_one_of(self.word(b + 1), WEEKDAYS) {
            b += 2;
        } else if self.is_word(b) && is_one_of(self.word(b), WEEKDAYS) {
            b += 1;
        }
        let a = b;
        let mut commas = 0;
        let mut paren = 0i32;
        while b < hi {
            let t = &self.toks[b];
            if t.quoted || t.is_mark() {
                break;
            }
            match t.kind {
                Kind::Word => {
                    let w = self.word(b);
                    let lower = w.chars().next().is_some_and(|c| c.is_lowercase());
                    if paren == 0 && lower {
                        if b == a && !is_one_of(w, &["the", "a", "an", "his", "her", "their", "its", "our", "he", "she", "they", "we", "i", "one", "two", "three", "some", "several", "many", "sources", "officials", "experts", "analysts", "critics", "supporters", "aides", "advisers", "people", "someone", "another"]) && !w.ends_with('s') {
                            // A lowercase word right after the cue that is not a determiner or
                            // a plural noun: "said in a statement", not a speaker.
                            if is_one_of(w, STOP) || is_one_of(w, OPENERS) {
                                break;
                            }
                        }
                        if is_one_of(w, STOP) || (w.ends_with("ing") && b > a) {
                            break;
                        }
                        if is_one_of(w, &["in", "on", "during"]) && b > a && self.upper(b - 1) {
                            break;
                        }
                    }
                    b += 1;
                }
                Kind::Punct('(') => {
                    paren += 1;
                    b += 1;
                }
                Kind::Punct(')') => {
                    paren -= 1;
                    b += 1;
                    if paren < 0 {
                        break;
                    }
                }
                Kind::Punct(',') if paren == 0 => {
                    // Continue over an apposition: ", a professor at X", ", 45,", ", R-Texas".
                    let n = b + 1;
                    let ok = commas < 2
                        && b > a
                        && self.is_word(n)
                        && n < hi
                        && (!is_one_of(self.word(n), STOP) || is_one_of(self.word(n), &["now", "then", "also", "himself", "herself"]))
                        && !is_one_of(self.word(n), OPENERS)
                        && !self.word(n).ends_with("ing")
                        && !is_one_of(self.word(n), &["who", "according", "adding", "saying", "and"])
                        && cues::cue(self.word(n)).is_none();
                    if !ok {
                        break;
                    }
                    commas += 1;
                    b += 1;
                }
                Kind::Punct('-' | '–' | '&' | '\'' | '’') if b > a => b += 1,
                _ if paren > 0 => b += 1,
                _ => break,
            }
            if b - a > 30 {
                break;
            }
        }
        while b > a && matches!(self.toks[b - 1].kind, Kind::Punct(',' | '-' | '–')) {
            b -= 1;
        }
        (b > a).then_some((a, b))
    }

    /// The words between the clause start (the sentence start or the last comma, colon or
    /// dash before `k`) and the verb at `k`, auxiliaries and adverbs dropped: "It", "which",
    /// "her medical records are". At most 8 words; `None` when anything but words sits there.
    pub fn clause_np(&self, s: usize, k: usize) -> Option<(usize, usize)> {
        let mut b = k;
        while b > s && self.lower_word(b - 1) && (is_one_of(self.word(b - 1), AUX) || self.word(b - 1).ends_with("ly")) {
            b -= 1;
        }
        let mut a = b;
        while a > s && !matches!(self.toks[a - 1].kind, Kind::Punct(',' | ';' | ':' | '—' | '–' | '(' | ')')) {
            a -= 1;
        }
        while a < b && self.is_word(a) && is_one_of(self.word(a), &["and", "but", "so", "yet", "or"]) {
            a += 1;
        }
        let words = (a..b).filter(|&i| self.is_word(i)).count();
        // It must open like a noun phrase: a capital, a determiner or a pronoun.
        let np_start = self.upper(a) && !is_one_of(self.word(a), OPENERS) && !self.word(a).ends_with("ly")
            || self.is_word(a) && is_one_of(self.word(a), &["the", "a", "an", "his", "her", "their", "its", "our", "it", "which", "who", "they", "he", "she", "we", "i", "you", "many", "some", "most", "all", "several", "both", "few", "each", "one", "two", "three", "other", "others", "critics", "officials", "experts", "analysts", "supporters", "voters", "democrats", "republicans"]);
        let ok = np_start && b > a && words <= 8 && (a..b).all(|i| self.is_word(i) || matches!(self.toks[i].kind, Kind::Punct('.' | '\'' | '’' | '-' | '&'))) && self.is_word(a);
        ok.then_some((a, b))
    }

    /// The subject at the start of a sentence (for participle cues: "X criticised Y,
    /// saying …").
    pub fn subject(&self, s: usize, hi: usize) -> Option<(usize, usize)> {
        // "It follows an interview in which the MP accused …": the verb belongs to the relative
        // clause, whose subject follows its pronoun.
        let s = (s..hi)
            .rev()
            .find(|&x| self.lower_word(x) && is_one_of(self.word(x), &["which", "whom"]) && x > s && self.lower_word(x - 1) && is_one_of(self.word(x - 1), &["in", "during", "at", "on", "where", "after"]))
            .map_or(s, |x| x + 1);
        let mut a = s;
        for _ in 0..3 {
            let (from, b) = self.subject_phrase(a, hi);
            // "In late September, a group of parents sent …": a fronted adverbial set off by
            // a comma is not the subject; the subject follows it.
            let fronted = (from > a && self.is_word(from - 1) && is_one_of(self.word(from - 1), PREPOSITIONS))
                || (b == from + 1 && self.is_sentence_adverb(from));
            if fronted && b > from && b < hi && self.toks[b].is_punct(',') {
                a = b + 1;
                continue;
            }
            // "When his mother asked, he said …": a fronted subordinate clause runs to its comma.
            let subordinate = from > a && self.is_word(from - 1) && is_one_of(self.word(from - 1), SUBORDINATORS);
            if subordinate {
                if let Some(comma) = (from..hi.min(from + 30)).find(|&x| self.toks[x].is_punct(',') || self.toks[x].quoted || self.toks[x].is_mark()) {
                    if self.toks[comma].is_punct(',') {
                        a = comma + 1;
                        continue;
                    }
                }
            }
            return (b > from).then_some((from, b));
        }
        None
    }

    /// "Likewise", "Shortly", "Separately": a word that opens a sentence and is no subject.
    /// A capitalised word ending in "-ly" may be a name ("Italy", "Kelly", "Emily"), so only
    /// listed adverbs count there; written in lower case, any "-ly" word does.
    fn is_sentence_adverb(&self, i: usize) -> bool {
        self.is_word(i) && {
            let w = self.word(i);
            let lower_ly = w.len() > 4 && w.starts_with(|c: char| c.is_lowercase()) && w.ends_with("ly");
            lower_ly || is_one_of(w, DISCOURSE) || is_one_of(w, SENTENCE_ADVERBS)
        }
    }

    /// The first phrase of a clause starting at `s`, after its openers: (start, end).
    fn subject_phrase(&self, s: usize, hi: usize) -> (usize, usize) {
        let mut a = s;
        // Openers and the commas after them ("Recently, however, it …").
        while a < hi
            && (self.is_word(a) && is_one_of(self.word(a), OPENERS) && !self.is_word_eq(a, "this") && !(a > s && self.is_word_eq(a, "it"))
                || a > s && self.toks[a].is_punct(','))
        {
            a += 1;
        }
        // A subject pronoun is the whole subject ("it" only after an opener: a sentence that
        // starts with it is often about no one: "It follows …").
        if a < hi && self.is_word(a) && (is_one_of(self.word(a), &["he", "she", "they", "we", "i", "you"]) || a > s && self.is_word_eq(a, "it")) {
            return (a, a + 1);
        }
        let mut b = a;
        while b < hi && b - a < 10 {
            if !self.is_word(b) {
                if matches!(self.toks[b].kind, Kind::Punct('-' | '.' | '\'' | '’')) && b > a && self.is_word(b + 1) {
                    b += 1;
                    continue;
                }
                break;
            }
            let w = self.word(b);
            let lower = w.chars().next().is_some_and(|c| c.is_lowercase());
            if lower && (is_one_of(w, STOP) || is_one_of(w, AUX) || cues::cue(w).is_some() || w.ends_with("ed") || (w.ends_with('s') && b > a && self.upper(b - 1) && !w.ends_with("'s") && !w.ends_with("’s"))) {
                break;
            }
            b += 1;
        }
        (a, b)
    }

    /// Attribution at cue token `k` within the tokens `lo..hi` of one sentence.
    pub fn at_cue(&self, lo: usize, hi: usize, k: usize) -> Attribution {
        let cue = self.cue_span(k);
        let after = self.cue_end(k);
        let c = cues::cue(self.word(k));
        let speaker = if self.is_word_eq(k, "according") {
            self.right_np(after, hi)
        } else if c.is_some_and(|c| c.participle) {
            // "…, saying": the main clause's subject.
            self.subject(lo, k)
        } else if let Some(np) = self.left_np(lo, k) {
            Some(np)
        } else if k > lo && (self.toks[k - 1].is_punct(',') || self.is_word_eq(k - 1, "and") || self.is_word_eq(k - 1, "but")) {
            // "X criticised Y and said …", "X, …, said": the clause's subject.
            self.subject(lo, k).or_else(|| self.right_np(after, hi))
        } else {
            self.right_np(after, hi)
        };
        Attribution { cue, speaker: speaker.map(|(a, b)| self.span(a, b)) }
    }

    /// First unquoted sentence-ending token at or after `from` (exclusive bound `hi`).
    /// Does an unquoted sentence end at token `i`? Not before `)` or `,`, nor a `.` before a
    /// lowercase word ("(R-Wis.)", "p.m. on").
    pub fn is_boundary(&self, i: usize) -> bool {
        let t = &self.toks[i];
        if t.quoted || !matches!(t.kind, Kind::Punct('.' | '!' | '?' | ';')) {
            return false;
        }
        match self.toks.get(i + 1) {
            None => true,
            Some(n) if matches!(n.kind, Kind::Punct(')' | ',' | ']' | '.')) => false,
            Some(_) if t.is_punct('.') && self.lower_word(i + 1) => false,
            _ => true,
        }
    }

    pub fn sentence_end(&self, from: usize, hi: usize) -> usize {
        let mut i = from;
        while i < hi {
            if self.is_boundary(i) {
                return i + 1;
            }
            i += 1;
        }
        hi
    }

    /// Start of the sentence holding token `at` (scanning back to `lo`).
    pub fn sentence_start(&self, lo: usize, at: usize) -> usize {
        let mut i = at;
        while i > lo {
            if self.is_boundary(i - 1) {
                return i;
            }
            i -= 1;
        }
        lo
    }
}

/// Attribution in the narration right after a closing mark: `, said Smith.` / `, he said.` /
/// `Smith told reporters.` Tokens `from..hi` (hi = the sentence end or the next quote).
pub fn after_quote(p: &Para, from: usize, hi: usize) -> Option<Attribution> {
    // Dash attribution: `"…" — Jane Roe` (a name alone after a dash).
    if from < hi && matches!(p.toks[from].kind, Kind::Punct('—' | '―' | '–' | '-')) {
        let words: Vec<usize> = (from + 1..hi).filter(|&i| p.is_word(i)).collect();
        let all_names = !words.is_empty() && words.len() <= 6 && words.iter().all(|&i| p.upper(i) || is_one_of(p.word(i), INNER));
        let last = (from + 1..hi).rev().find(|&i| p.is_word(i));
        if all_names && (from + 1..hi).all(|i| p.is_word(i) || matches!(p.toks[i].kind, Kind::Punct('.' | ',' | '-'))) {
            if let (Some(&a), Some(b)) = (words.first(), last) {
                return Some(Attribution { cue: p.toks[from].start..p.toks[from].end, speaker: Some(p.span(a, b + 1)) });
            }
        }
    }
    let mut i = from;
    while i < hi && matches!(p.toks[i].kind, Kind::Punct(',' | '—' | '―' | '–' | '-' | '(')) {
        i += 1;
    }
    let mut words = 0;
    let mut k = i;
    while k < hi && words < 14 {
        let t = &p.toks[k];
        if t.is_mark() || t.quoted {
            return None;
        }
        if matches!(t.kind, Kind::Punct('.' | '!' | '?' | ';' | ':')) {
            return None;
        }
        if t.is_word() {
            words += 1;
            if let Some(c) = p.cue_at(k) {
                if !c.core && !c.clause {
                    k += 1;
                    continue;
                }
                if k == i {
                    let after = p.cue_end(k);
                    let sp = p.right_np(after, hi);
                    sp?;
                    return Some(Attribution { cue: p.cue_span(k), speaker: sp.map(|(a, b)| p.span(a, b)) });
                }
                if c.participle && !p.is_word_eq(k, "according") {
                    return None;
                }
                let sp = p.left_np(i, k);
                if let Some((a, _)) = sp {
                    // The whole stretch before the cue must be the speaker phrase.
                    if a == i {
                        return Some(Attribution { cue: p.cue_span(k), speaker: Some(p.span(sp?.0, sp?.1)) });
                    }
                }
                return None;
            }
        }
        k += 1;
    }
    None
}

/// How the narration before an opening mark introduces the quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intro {
    /// Nothing before it in its sentence.
    Start,
    /// `X said:` / `X said,` / `According to X,`.
    Cue(Attribution),
    /// A cue right before the mark with no punctuation: `X said (that) "…"`, `told CNN "…"`.
    Bare(Attribution),
    /// A colon with no cue word (`The statement:`), or a transcript label (`SMITH:`).
    Colon(Option<Attribution>),
    /// Narration: the quote is embedded in a sentence.
    Narration,
}

/// Reads the narration `lo..open` before an opening mark (lo = the sentence start or the end
/// of the previous quote).
pub fn before_quote(p: &Para, lo: usize, open: usize) -> Intro {
    let s = p.sentence_start(lo, open);
    let mut last = open;
    // Skip dashes/brackets right before the mark.
    while last > s && matches!(p.toks[last - 1].kind, Kind::Punct('(' | '[')) {
        last -= 1;
    }
    if last == s {
        return Intro::Start;
    }
    let t = &p.toks[last - 1];
    let find_cue = |upto: usize| -> Option<usize> { (s..upto).rev().find(|&k| p.cue_at(k).is_some_and(|c| c.core)) };
    match t.kind {
        Kind::Punct(':') => match find_cue(last - 1) {
            Some(k) if last - 1 - k <= 8 => Intro::Cue(p.at_cue(s, last - 1, k)),
            _ => {
                let n = last - 1 - s;
                if n <= 5 && p.upper(s) {
                    Intro::Colon(Some(Attribution { cue: p.toks[last - 1].start..p.toks[last - 1].end, speaker: Some(p.span(s, last - 1)) }))
                } else {
                    Intro::Colon(None)
                }
            }
        },
        Kind::Punct(',' | '—' | '–') => match find_cue(last - 1) {
            Some(k) if last - 1 - p.cue_end(k) <= 5 || p.is_word_eq(k, "according") && last - 1 - k <= 14 => {
                Intro::Cue(p.at_cue(s, last - 1, k))
            }
            _ => Intro::Narration,
        },
        Kind::Word => {
            let mut k = last - 1;
            if p.is_word_eq(k, "that") && k > s {
                k -= 1;
            }
            // "said in a statement", "told reporters", "said Tuesday": a cue up to 4 words back.
            let found = (k.saturating_sub(4).max(s)..=k).rev().find(|&j| p.cue_at(j).is_some_and(|c| c.core && !c.participle || p.is_word_eq(j, "saying") || p.is_word_eq(j, "adding")));
            match found {
                Some(j)
                    if j == k
                        || (p.cue_at(j).is_some_and(|c| c.object) && k - j <= 3 && (j + 1..=k).all(|x| p.is_word(x) && !is_one_of(p.word(x), &["of", "as", "to", "for", "a", "an", "about", "on", "with"])))
                        || (j + 1..=k).all(|x| p.is_word(x) && (is_one_of(p.word(x), WEEKDAYS) || is_one_of(p.word(x), &["in", "on", "a", "an", "statement", "interview", "during", "at", "recently", "earlier", "later", "today", "also", "once", "simply", "then"]))) =>
                {
                    Intro::Bare(p.at_cue(s, last, j))
                }
                _ => Intro::Narration,
            }
        }
        _ => Intro::Narration,
    }
}

/// The nearest cue to a quoted fragment within its sentence `s..e` (before it first).
pub fn in_sentence(p: &Para, s: usize, e: usize, open: usize, close: usize) -> Option<Attribution> {
    let before = (s..open).rev().find(|&k| p.cue_at(k).is_some_and(|c| c.core || c.clause));
    let k = before.or_else(|| (close..e).find(|&k| p.cue_at(k).is_some_and(|c| c.core || c.clause)))?;
    let a = p.at_cue(s, e, k);
    Some(a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn with<R>(text: &str, f: impl FnOnce(&Para) -> R) -> R {
        let mut toks = Vec::new();
        tokenize(text, 0..text.len(), &[], 0, &mut toks);
        f(&Para { body: text, toks: &toks })
    }

    fn find(p: &Para, w: &str) -> usize {
        (0..p.toks.len()).find(|&i| p.word(i) == w).unwrap()
    }

    fn left(text: &str) -> String {
        with(text, |p| {
            let k = find(p, "said");
            p.left_np(0, k).map(|(a, b)| text[p.toks[a].start..p.toks[b - 1].end].to_string()).unwrap_or_default()
        })
    }

    fn right(text: &str) -> String {
        with(text, |p| {
            let k = find(p, "said");
            p.right_np(k + 1, p.toks.len()).map(|(a, b)| text[p.toks[a].start..p.toks[b - 1].end].to_string()).unwrap_or_default()
        })
    }

    #[test]
    fn speaker_before_cue() {
        assert_eq!(left("In a long interview, the city's deputy mayor said"), "the city's deputy mayor");
        assert_eq!(left("Jane Roe, a historian at Some University, said"), "Jane Roe, a historian at Some University");
        assert_eq!(left("a letter from Roe, who said"), "Roe, who");
        assert_eq!(left("Sen. Al Doe (D-Ore.) has also said"), "Sen. Al Doe (D-Ore.)");
        assert_eq!(left("After the vote he said"), "he");
    }

    #[test]
    fn speaker_after_cue() {
        assert_eq!(right("said Jane Roe, a historian at Some University."), "Jane Roe, a historian at Some University");
        assert_eq!(right("said Roe, speaking at a rally."), "Roe");
        assert_eq!(right("said Roe in a statement."), "Roe");
        assert_eq!(right("said a spokesman for the council."), "a spokesman for the council");
    }

    #[test]
    fn sentence_adverbs_and_openers_are_not_subjects() {
        let text = "Recently, however, it issued a paper welcoming the plan to widen the harbour, and calling for new berths.";
        with(text, |p| {
            for cue in ["calling", "welcoming"] {
                let r = p.subject(0, find(p, cue)).map(|(a, b)| &text[p.toks[a].start..p.toks[b - 1].end]);
                assert_eq!(r, Some("it"), "{cue}");
            }
        });
    }

    #[test]
    fn a_name_ending_in_ly_is_a_subject() {
        let text = "Kelly, meanwhile, issued a paper welcoming the plan to widen the harbour.";
        with(text, |p| {
            let r = p.subject(0, find(p, "welcoming")).map(|(a, b)| &text[p.toks[a].start..p.toks[b - 1].end]);
            assert_eq!(r, Some("Kelly"));
        });
    }
}
