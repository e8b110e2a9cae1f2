//! One pass over a document body into word and punctuation tokens with the flags the entity
//! rules need: capitalisation, sentence start, inside a quotation, paragraph.
//!
//! Possessive `'s` is split off ("Okafor's" → "Okafor" + "'s") so a name is the same token in
//! every case; abbreviation periods stay on their word ("Mr.", "U.S.") so they do not end a
//! sentence. Each token's lowercase form lives in one shared buffer (no allocation per token).

use parallax_core::Document;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// starts lowercase ("said")
    Lower,
    /// starts uppercase, rest not all caps ("Okafor", "Lindqvist")
    Title,
    /// two or more letters, all uppercase ("KBC", "MONIQUE")
    Upper,
    /// starts with a digit or symbol
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    /// `'s` / `’s` / a lone `'` after a plural
    Possessive,
    Punct(char),
}

#[derive(Debug, Clone)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub lower: Range<usize>,
    pub kind: Kind,
    pub case: Case,
    /// First word of a sentence (or of a headline-like paragraph): its capital says nothing.
    pub sent_start: bool,
    /// Inside double quotation marks.
    pub in_quote: bool,
    pub para: u32,
    pub sent: u32,
}

pub struct Tokens {
    pub toks: Vec<Token>,
    lower: String,
}

impl Tokens {
    pub fn lower(&self, i: usize) -> &str {
        &self.lower[self.toks[i].lower.clone()]
    }
    pub fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
    }
    pub fn is_cap(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Word && matches!(t.case, Case::Title | Case::Upper))
    }
    pub fn punct(&self, i: usize) -> Option<char> {
        match self.toks.get(i)?.kind {
            Kind::Punct(c) => Some(c),
            _ => None,
        }
    }
    pub fn len(&self) -> usize {
        self.toks.len()
    }
    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }
}

/// Abbreviations whose period belongs to the word.
fn keeps_period(lower_word: &str) -> bool {
    matches!(
        lower_word,
        "mr" | "mrs" | "ms" | "mx" | "dr" | "st" | "jr" | "sr" | "sen" | "rep" | "gov" | "gen" | "col" | "lt"
            | "sgt" | "capt" | "prof" | "rev" | "inc" | "ltd" | "corp" | "co" | "no" | "vs" | "mt" | "ft"
            | "det" | "adm" | "cllr" | "dept" | "fr" | "mme" | "supt" | "insp" | "cmdr" | "hon" | "messrs"
    )
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

pub fn tokenize(doc: &Document) -> Tokens {
    let body = doc.body.as_str();
    let mut toks: Vec<Token> = Vec::with_capacity(body.len() / 5);
    let mut lower = String::with_capacity(body.len());
    let mut sent: u32 = 0;
    for (pi, para) in doc.paragraphs.iter().enumerate() {
        let Some(text) = body.get(para.clone()) else { continue };
        let base = para.start;
        let first_tok = toks.len();
        let mut in_quote = false;
        let mut next_starts = true;
        let bytes = text.as_bytes();
        let mut chars = text.char_indices().peekable();
        sent += 1;
        while let Some((i, c)) = chars.next() {
            if c.is_whitespace() {
                continue;
            }
            if is_word_char(c) {
                // scan a word: alnum runs joined by ' ’ - . (the latter for U.S.-style abbreviations)
                let mut end = i + c.len_utf8();
                loop {
                    let rest = &text[end..];
                    let mut it = rest.chars();
                    let Some(n) = it.next() else { break };
                    if is_word_char(n) {
                        end += n.len_utf8();
                        continue;
                    }
                    if matches!(n, '\'' | '\u{2019}' | '-' | '\u{2010}' | '.' | '&') {
                        if let Some(n2) = it.next() {
                            if is_word_char(n2) {
                                // possessive 's at word end is split off below
                                if is_apostrophe(n) && matches!(n2, 's' | 'S') {
                                    let after = it.next();
                                    if after.is_none_or(|a| !is_word_char(a)) {
                                        break;
                                    }
                                }
                                if n == '.' {
                                    // only letter.letter (U.S, a.m) — not "end.Next"
                                    let seg_start = text[..end].rfind(|ch: char| !is_word_char(ch)).map_or(0, |p| p + 1);
                                    if end - seg_start > 1 || !n2.is_alphabetic() {
                                        break;
                                    }
                                }
                                if n == '&' && !(text[..end].chars().all(|ch| ch.is_uppercase())) {
                                    break;
                                }
                                end += n.len_utf8();
                                continue;
                            }
                        }
                    }
                    break;
                }
                // trailing period of an abbreviation or initial
                let word = &text[i..end];
                let mut keep_dot = false;
                if bytes.get(end) == Some(&b'.') {
                    let wl = word.to_lowercase();
                    let single_initial = word.chars().count() == 1 && word.chars().all(|ch| ch.is_uppercase());
                    if keeps_period(&wl) || single_initial || word.contains('.') {
                        keep_dot = true;
                    }
                }
                if keep_dot {
                    end += 1;
                    chars.next();
                }
                // advance the char iterator to `end`
                while let Some(&(j, _)) = chars.peek() {
                    if j < end {
                        chars.next();
                    } else {
                        break;
                    }
                }
                let w = &text[i..end];
                let ls = lower.len();
                for ch in w.chars() {
                    if ch == '\u{2019}' {
                        lower.push('\'');
                    } else {
                        lower.extend(ch.to_lowercase());
                    }
                }
                let letters: Vec<char> = w.chars().filter(|ch| ch.is_alphabetic()).take(3).collect();
                let case = if c.is_uppercase() {
                    if letters.len() >= 2 && w.chars().filter(|ch| ch.is_alphabetic()).all(|ch| ch.is_uppercase()) {
                        Case::Upper
                    } else {
                        Case::Title
                    }
                } else if c.is_lowercase() {
                    Case::Lower
                } else {
                    Case::Other
                };
                toks.push(Token {
                    start: base + i,
                    end: base + end,
                    lower: ls..lower.len(),
                    kind: Kind::Word,
                    case,
                    sent_start: next_starts,
                    in_quote,
                    para: pi as u32,
                    sent,
                });
                next_starts = false;
                // possessive
                let rest = &text[end..];
                let mut it = rest.chars();
                if let (Some(a), Some(s)) = (it.next(), it.next()) {
                    if is_apostrophe(a) && matches!(s, 's' | 'S') && it.next().is_none_or(|x| !is_word_char(x)) {
                        let pe = end + a.len_utf8() + 1;
                        let ls = lower.len();
                        lower.push_str("'s");
                        toks.push(Token {
                            start: base + end,
                            end: base + pe,
                            lower: ls..lower.len(),
                            kind: Kind::Possessive,
                            case: Case::Other,
                            sent_start: false,
                            in_quote,
                            para: pi as u32,
                            sent,
                        });
                        while let Some(&(j, _)) = chars.peek() {
                            if j < pe {
                                chars.next();
                            } else {
                                break;
                            }
                        }
                    }
                }
                continue;
            }
            // punctuation
            let mut closes_sentence = false;
            match c {
                '"' => in_quote = !in_quote,
                '\u{201C}' | '\u{201E}' => in_quote = true,
                '\u{201D}' => in_quote = false,
                '.' | '!' | '?' | '\u{2026}' => closes_sentence = true,
                _ => {}
            }
            let ls = lower.len();
            lower.push(c);
            toks.push(Token {
                start: base + i,
                end: base + i + c.len_utf8(),
                lower: ls..lower.len(),
                kind: Kind::Punct(c),
                case: Case::Other,
                sent_start: false,
                in_quote,
                para: pi as u32,
                sent,
            });
            let opens_quote = matches!(c, '\u{201C}' | '\u{201E}') || (c == '"' && in_quote);
            if closes_sentence {
                next_starts = true;
                sent += 1;
            } else if opens_quote || c == ':' || (c == '*' && toks.len() == first_tok + 1) {
                next_starts = true;
            } else if matches!(c, '(' | '[' | '\'' | '\u{2018}' | '"' | '\u{201D}' | '\u{2019}') {
                // keep the flag across brackets and closing quotes
            } else {
                next_starts = false;
            }
        }
        // headline-like paragraph (short, no final period, mostly capitalised words): every
        // capital is uncertain
        let words: Vec<usize> = (first_tok..toks.len()).filter(|&k| toks[k].kind == Kind::Word).collect();
        if !words.is_empty() && words.len() <= 14 {
            let last_punct = text.trim_end().chars().last();
            let caps = words.iter().filter(|&&k| matches!(toks[k].case, Case::Title | Case::Upper)).count();
            let long = words.iter().filter(|&&k| toks[k].end - toks[k].start > 3).count().max(1);
            let long_caps = words
                .iter()
                .filter(|&&k| toks[k].end - toks[k].start > 3 && matches!(toks[k].case, Case::Title | Case::Upper))
                .count();
            // Small words written with capitals inside a sentence ("Goes After Rival As The
            // Vote Nears") mark title case even when the headline ends with a period.
            let capital_small_words = words
                .iter()
                .filter(|&&k| !toks[k].sent_start && toks[k].case == Case::Title && is_headline_small_word(&lower[toks[k].lower.clone()]))
                .count();
            if (!matches!(last_punct, Some('.') | Some('"') | Some('\u{201D}')) || capital_small_words >= 2)
                && (long_caps * 10 >= long * 8 || caps == words.len())
                && words.len() >= 2
            {
                for &k in &words {
                    toks[k].sent_start = true;
                }
            }
        }
    }
    Tokens { toks, lower }
}

/// Words that title case capitalises and running text does not.
fn is_headline_small_word(l: &str) -> bool {
    matches!(l, "the" | "a" | "an" | "of" | "in" | "on" | "at" | "as" | "to" | "for" | "with" | "by" | "from" | "and" | "or" | "after" | "over" | "into" | "is" | "are")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &Tokens) -> Vec<String> {
        (0..t.len()).map(|i| t.lower(i).to_string()).collect()
    }

    #[test]
    fn splits_possessives_and_keeps_abbreviations() {
        let d = Document::from_paragraphs("t", ["Mr. Lee's dog met the U.S. envoy. Then it left."]);
        let t = tokenize(&d);
        assert_eq!(words(&t), ["mr.", "lee", "'s", "dog", "met", "the", "u.s.", "envoy", ".", "then", "it", "left", "."]);
        assert!(t.toks[0].sent_start && t.toks[9].sent_start && !t.toks[6].sent_start);
        assert_eq!(t.toks[2].kind, Kind::Possessive);
    }

    #[test]
    fn marks_quotes_and_caps() {
        let d = Document::from_paragraphs("t", ["The NASA chief said: \u{201C}We go.\u{201D} Anna Kowalczyk-Nowak agreed."]);
        let t = tokenize(&d);
        let we = (0..t.len()).find(|&i| t.lower(i) == "we").unwrap();
        assert!(t.toks[we].in_quote && t.toks[we].sent_start);
        let nasa = (0..t.len()).find(|&i| t.lower(i) == "nasa").unwrap();
        assert_eq!(t.toks[nasa].case, Case::Upper);
        assert!((0..t.len()).any(|i| t.lower(i) == "kowalczyk-nowak"));
    }
}
