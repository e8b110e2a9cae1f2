//! Light text tools shared by the detectors: words with byte offsets, a crude stemmer (enough to
//! make "bullied", "bullying" and "bully" meet), function words, clause cutting and trimming.
//! Everything works on byte spans into a document body so the sides stay exact substrings.

use parallax_core::Span;

/// A short string kept inline (most words fit), so tokenising a story does not allocate
/// per word.
#[derive(Clone)]
pub enum Small {
    Inline([u8; 22], u8),
    Heap(Box<str>),
}

impl Small {
    pub fn new(s: &str) -> Small {
        if s.len() <= 22 {
            let mut buf = [0u8; 22];
            buf[..s.len()].copy_from_slice(s.as_bytes());
            Small::Inline(buf, s.len() as u8)
        } else {
            Small::Heap(s.into())
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            // The bytes were copied from a `str` of exactly this length.
            Small::Inline(buf, len) => std::str::from_utf8(&buf[..*len as usize]).unwrap_or(""),
            Small::Heap(s) => s,
        }
    }
}

impl std::ops::Deref for Small {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for Small {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

impl PartialEq for Small {
    fn eq(&self, o: &Small) -> bool {
        self.as_str() == o.as_str()
    }
}

impl PartialEq<str> for Small {
    fn eq(&self, o: &str) -> bool {
        self.as_str() == o
    }
}

impl PartialEq<&str> for Small {
    fn eq(&self, o: &&str) -> bool {
        self.as_str() == *o
    }
}

impl PartialEq<Small> for str {
    fn eq(&self, o: &Small) -> bool {
        self == o.as_str()
    }
}

impl PartialEq<Small> for &str {
    fn eq(&self, o: &Small) -> bool {
        *self == o.as_str()
    }
}

/// One word of a body: `\w+('\w+)*` like the scorer, apostrophes normalised.
#[derive(Debug, Clone)]
pub struct Word {
    pub span: Span,
    pub lower: Small,
    pub stem: Small,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}')
}

fn push_lower(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        out.extend(c.to_lowercase());
    }
}

/// Words of `body[span]` with absolute byte spans.
pub fn words(body: &str, span: &Span) -> Vec<Word> {
    let Some(text) = body.get(span.clone()) else { return Vec::new() };
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut it = text.char_indices().peekable();
    let mut lower = String::new();
    while let Some((start, c)) = it.next() {
        if !is_word_char(c) {
            continue;
        }
        lower.clear();
        let mut end = start + c.len_utf8();
        push_lower(&mut lower, c);
        loop {
            match it.peek().copied() {
                Some((at, n)) if is_word_char(n) => {
                    push_lower(&mut lower, n);
                    end = at + n.len_utf8();
                    it.next();
                }
                // An apostrophe joins two word runs ("don't", "Sharma's").
                Some((at, n)) if is_apostrophe(n) => {
                    let after = text[at + n.len_utf8()..].chars().next();
                    if after.is_some_and(is_word_char) {
                        lower.push('\'');
                        end = at + n.len_utf8();
                        it.next();
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        let stem = stem(&lower);
        out.push(Word { span: span.start + start..span.start + end, lower: Small::new(&lower), stem });
    }
    out
}

/// A crude suffix stripper: enough for topic overlap, not linguistics.
pub fn stem(w: &str) -> Small {
    let w = w.strip_suffix("'s").unwrap_or(w);
    let w = w.strip_suffix("n't").unwrap_or(w);
    if w.chars().count() <= 3 {
        return Small::new(w);
    }
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
        if let Some(base) = w.strip_suffix(suf) {
            let keep = (suf == "s" && base.ends_with('s')) || (suf == "ly" && base.ends_with('l'));
            if base.chars().count() >= 3 && !keep {
                if rep.is_empty() {
                    return Small::new(base);
                }
                let mut joined = String::with_capacity(base.len() + rep.len());
                joined.push_str(base);
                joined.push_str(rep);
                return Small::new(&joined);
            }
        }
    }
    Small::new(w)
}

/// Function words and other words that say nothing about a topic.
pub fn is_stop(lower: &str) -> bool {
    matches!(
        lower,
        "a" | "an" | "the" | "and" | "or" | "but" | "if" | "of" | "to" | "in" | "on" | "at" | "by" | "for" | "with"
            | "from" | "into" | "about" | "as" | "than" | "then" | "that" | "this" | "these" | "those" | "there"
            | "here" | "which" | "who" | "whom" | "whose" | "what" | "when" | "where" | "why" | "how" | "it"
            | "its" | "it's" | "he" | "she" | "they" | "them" | "his" | "her" | "hers" | "their" | "we" | "our"
            | "us" | "you" | "your" | "i" | "me" | "my" | "i'm" | "i've" | "he's" | "she's" | "we're" | "they're"
            | "is" | "are" | "was" | "were" | "be" | "been" | "being" | "am" | "has" | "have" | "had" | "having"
            | "do" | "does" | "did" | "done" | "will" | "would" | "shall" | "should" | "can" | "could" | "may"
            | "might" | "must" | "so" | "also" | "just" | "very" | "now" | "still" | "even" | "only" | "all"
            | "any" | "some" | "such" | "more" | "most" | "much" | "many" | "other" | "another" | "same" | "own"
            | "up" | "out" | "over" | "after" | "before" | "while" | "during" | "since" | "because" | "said"
            | "says" | "say" | "saying" | "told" | "tell" | "asked" | "added" | "according" | "mr" | "mrs"
            | "ms" | "dr" | "one" | "two" | "three" | "get" | "got" | "made" | "make" | "going" | "gonna" | "like"
            | "well" | "know" | "think" | "way" | "s" | "re" | "ve" | "ll" | "d" | "t" | "yet" | "already"
            | "again" | "both" | "each" | "every" | "through" | "against" | "between" | "under" | "around"
            | "onto" | "upon" | "within" | "without" | "him" | "himself" | "herself" | "themselves" | "itself"
            | "myself" | "ourselves" | "whether" | "though" | "although" | "however" | "too" | "anybody"
            | "anyone" | "someone" | "somebody" | "everyone" | "everybody" | "people" | "thing" | "things"
            | "something" | "anything" | "everything" | "lot" | "really" | "certainly" | "clearly"
            | "obviously" | "want" | "wanted" | "wants" | "need" | "needs" | "let's" | "that's" | "there's"
            | "don't" | "didn't" | "won't" | "can't" | "isn't" | "wasn't" | "we've" | "you're"
    )
}

/// Negation words and contractions.
pub fn is_negation(lower: &str) -> bool {
    matches!(lower, "not" | "never" | "no" | "nobody" | "none" | "nothing" | "neither" | "nor" | "cannot" | "no-one")
        || lower.ends_with("n't")
}

/// Words naming a time rather than a topic ("Tuesday", "night", "days").
pub fn is_time_word(lower: &str) -> bool {
    matches!(
        lower,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday" | "today"
            | "yesterday" | "tomorrow" | "tonight" | "morning" | "afternoon" | "evening" | "night" | "day"
            | "days" | "week" | "weeks" | "month" | "months" | "year" | "years" | "earlier" | "later" | "last"
            | "next" | "ago" | "fortnight" | "hour" | "hours" | "january" | "february" | "march" | "april"
            | "june" | "july" | "august" | "september" | "october" | "november" | "december" | "late" | "early"
    )
}

/// Trims whitespace, punctuation and quotation marks off both ends of a span.
pub fn trim(body: &str, span: &Span) -> Span {
    let Some(text) = body.get(span.clone()) else { return span.start..span.start };
    let junk = |c: char| c.is_whitespace() || (!c.is_alphanumeric() && !matches!(c, '$' | '%' | '€' | '£'));
    let lead = text.len() - text.trim_start_matches(junk).len();
    let trimmed = text.trim_matches(junk);
    // Keep a closing bracket or a final full stop out, but an ending "%" in.
    span.start + lead..span.start + lead + trimmed.len()
}

/// Cuts a stretch of text at clause punctuation: `,` `;` `:` spaced dashes and quotation
/// marks. Returned spans are trimmed and never empty.
pub fn clauses(body: &str, span: &Span) -> Vec<Span> {
    let Some(text) = body.get(span.clone()) else { return Vec::new() };
    let mut cuts = vec![0];
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let prev_space = k > 0 && chars[k - 1].1.is_whitespace();
        let next_space = chars.get(k + 1).is_none_or(|&(_, n)| n.is_whitespace());
        let next_digit = chars.get(k + 1).is_some_and(|&(_, n)| n.is_ascii_digit());
        let cut = match c {
            ',' => !next_digit,
            ';' | ':' | '(' | ')' => true,
            '-' | '–' | '—' => prev_space && next_space,
            _ => false,
        };
        if cut {
            cuts.push(at);
            cuts.push(at + c.len_utf8());
        }
    }
    cuts.push(text.len());
    let mut out = Vec::new();
    for pair in cuts.chunks(2) {
        if let [a, b] = *pair {
            if b > a {
                let s = trim(body, &(span.start + a..span.start + b));
                if s.end > s.start {
                    out.push(s);
                }
            }
        }
    }
    out
}

/// The span covering words `from..=to` of `ws`.
pub fn cover(ws: &[Word], from: usize, to: usize) -> Span {
    ws[from].span.start..ws[to.min(ws.len() - 1)].span.end
}

/// Token-level F1 of two word lists (lowercased), as the yardstick measures side agreement.
pub fn overlap_f1(a: &[Word], b: &[Word]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut counts: std::collections::HashMap<&str, i32> = std::collections::HashMap::new();
    for w in a {
        *counts.entry(w.lower.as_str()).or_default() += 1;
    }
    let mut common = 0;
    for w in b {
        if let Some(c) = counts.get_mut(w.lower.as_str()) {
            if *c > 0 {
                *c -= 1;
                common += 1;
            }
        }
    }
    if common == 0 {
        return 0.0;
    }
    let p = common as f64 / b.len() as f64;
    let r = common as f64 / a.len() as f64;
    2.0 * p * r / (p + r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_offsets_and_apostrophes() {
        let body = "Mr Vale’s dog didn't bark.";
        let ws = words(body, &(0..body.len()));
        let l: Vec<&str> = ws.iter().map(|w| w.lower.as_str()).collect();
        assert_eq!(l, ["mr", "vale's", "dog", "didn't", "bark"]);
        assert_eq!(&body[ws[1].span.clone()], "Vale’s");
    }

    #[test]
    fn stems_meet() {
        assert_eq!(stem("bullied"), stem("bullying"));
        assert_eq!(stem("bully"), stem("bullies"));
        assert_eq!(stem("intimidated"), stem("intimidation"));
        assert_eq!(stem("accused"), stem("accuse"));
    }

    #[test]
    fn clauses_cut_at_commas_and_dashes() {
        let body = "He left, which she denies - and the well-known 1,000 stayed.";
        let cs: Vec<&str> = clauses(body, &(0..body.len())).into_iter().map(|s| &body[s]).collect();
        assert_eq!(cs, ["He left", "which she denies", "and the well-known 1,000 stayed"]);
    }
}
