//! Tokeniser: splits text into words, digit runs and punctuation with byte
//! offsets, classifying each word through the lexicon exactly once.
//!
//! Hand-written rather than regex-driven because it is the only pass that
//! touches every byte; everything after it works on the (short) token list.

use crate::lexicon::{lookup, Lex};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Num,
    Punct,
}

#[derive(Debug, Clone, Copy)]
pub struct Tok {
    /// Byte range in the text.
    pub s: usize,
    pub e: usize,
    pub kind: Kind,
    pub lex: Lex,
    /// Value of a digit run (saturating); 0 otherwise.
    pub num: u64,
    /// Number of digits (0 for non-numbers); digit runs with thousands commas get `comma`.
    pub ndig: u8,
    pub comma: bool,
    /// First letter upper-case.
    pub cap: bool,
    /// No whitespace between this token and the previous one.
    pub glued: bool,
    /// Normalised punctuation character (curly quotes folded to ASCII, dashes to '-').
    pub ch: char,
}

impl Tok {
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.ch == c
    }
}

fn fold_punct(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        _ => c,
    }
}

/// Tokenise `text` into `out` (cleared first).
pub fn tokenize(text: &str, out: &mut Vec<Tok>) {
    out.clear();
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    let mut last_end = usize::MAX;
    let mut lower = [0u8; 24];
    while i < n {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let glued = last_end == i;
        let s = i;
        if c.is_ascii_digit() {
            let mut v: u64 = 0;
            let mut nd: u32 = 0;
            let mut comma = false;
            loop {
                while i < n && b[i].is_ascii_digit() {
                    v = v.saturating_mul(10).saturating_add((b[i] - b'0') as u64);
                    nd += 1;
                    i += 1;
                }
                // Thousands separator: ",ddd" not followed by another digit.
                if i < n
                    && b[i] == b','
                    && b.get(i + 1..i + 4).is_some_and(|g| g.iter().all(u8::is_ascii_digit))
                    && !b.get(i + 4).is_some_and(|x| x.is_ascii_digit())
                {
                    comma = true;
                    i += 1;
                    continue;
                }
                break;
            }
            out.push(Tok { s, e: i, kind: Kind::Num, lex: Lex::Other, num: v, ndig: nd.min(255) as u8, comma, cap: false, glued, ch: '\0' });
            last_end = i;
            continue;
        }
        if c.is_ascii_alphabetic() || (c >= 0x80 && text[i..].chars().next().is_some_and(|ch| ch.is_alphabetic())) {
            let mut ascii = true;
            while i < n {
                let c = b[i];
                if c.is_ascii_alphabetic() {
                    i += 1;
                } else if c >= 0x80 {
                    // Safe: i is on a char boundary (we only ever advance by whole chars).
                    let ch = text[i..].chars().next().unwrap_or(' ');
                    if ch.is_alphabetic() {
                        ascii = false;
                        i += ch.len_utf8();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            let word = &b[s..i];
            let lex = if ascii && word.len() <= lower.len() {
                for (k, &x) in word.iter().enumerate() {
                    lower[k] = x.to_ascii_lowercase();
                }
                // ASCII letters only, so this is valid UTF-8.
                std::str::from_utf8(&lower[..word.len()]).map(lookup).unwrap_or(Lex::Other)
            } else {
                Lex::Other
            };
            let cap = text[s..].chars().next().is_some_and(|ch| ch.is_uppercase());
            out.push(Tok { s, e: i, kind: Kind::Word, lex, num: 0, ndig: 0, comma: false, cap, glued, ch: '\0' });
            last_end = i;
            continue;
        }
        // Punctuation or symbol (any other char).
        let ch = if c < 0x80 { c as char } else { text[i..].chars().next().unwrap_or(' ') };
        let len = ch.len_utf8();
        i += len;
        if ch.is_whitespace() {
            continue;
        }
        out.push(Tok { s, e: i, kind: Kind::Punct, lex: Lex::Other, num: 0, ndig: 0, comma: false, cap: false, glued, ch: fold_punct(ch) });
        last_end = i;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words_numbers_punct() {
        let mut t = Vec::new();
        let text = "On Aug. 11, 2022 at 10 a.m. it cost 1,500\u{2019}s — ok";
        tokenize(text, &mut t);
        let parts: Vec<&str> = t.iter().map(|x| &text[x.s..x.e]).collect();
        assert_eq!(parts, ["On", "Aug", ".", "11", ",", "2022", "at", "10", "a", ".", "m", ".", "it", "cost", "1,500", "\u{2019}", "s", "\u{2014}", "ok"]);
        assert_eq!(t[14].num, 1500);
        assert!(t[14].comma);
        assert_eq!(t[15].ch, '\'');
        assert_eq!(t[17].ch, '-');
    }
}
