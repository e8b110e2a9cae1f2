//! A small paragraph tokenizer: words (with in-word apostrophes, hyphens and abbreviation
//! dots), punctuation, and the quote marks of the stretches found by [`crate::marks`].
//! Attribution and indirect-speech rules work on these tokens, never on regexes.

use crate::marks::Stretch;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Punct(char),
    /// Opening mark of stretch `n` (index into the document's stretches).
    Open(usize),
    /// Closing mark of stretch `n`.
    Close(usize),
}

#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Inside a quoted stretch (between its marks).
    pub quoted: bool,
}

impl Tok {
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
    pub fn is_mark(&self) -> bool {
        matches!(self.kind, Kind::Open(_) | Kind::Close(_))
    }
}

/// Single letters and short words that take an abbreviation dot ("Sen.", "U.S.", "J.").
fn takes_dot(word: &str) -> bool {
    const ABBR: &[&str] = &[
        "Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt", "Sgt", "Maj", "Adm",
        "Rev", "Prof", "Pres", "Jr", "Sr", "St", "Hon", "Atty", "Supt", "Det", "Cmdr", "Amb", "Sec",
        "Inc", "Corp", "Co", "Ltd", "No", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
        "Sept", "Oct", "Nov", "Dec", "Mass", "Calif", "Fla", "Ill", "Pa", "Va", "Wash", "Mich",
        "Ariz", "Conn", "Colo", "Ga", "Ky", "La", "Md", "Minn", "Mo", "Nev", "Okla", "Ore", "Tenn",
        "Tex", "Wis", "Ala", "vs", "Vt", "Del", "Ind", "Kan", "Neb", "Miss",
    ];
    let n = word.chars().count();
    (n == 1 && word.chars().all(|c| c.is_uppercase()))
        || ABBR.contains(&word)
        || (word.contains('.') && word.chars().filter(|c| c.is_alphabetic()).count() <= 4)
}

/// Tokens of `body[span]`. `marks` are the stretches of this paragraph (absolute spans);
/// `first_stretch` is the index of the first of them in the document's list.
pub fn tokenize(body: &str, span: std::ops::Range<usize>, marks: &[Stretch], first_stretch: usize, out: &mut Vec<Tok>) {
    out.clear();
    let Some(text) = body.get(span.clone()) else { return };
    let base = span.start;
    let bytes = text.as_bytes();
    let mut iter = text.char_indices().peekable();
    let mut mi = 0; // next stretch whose marks we have not passed
    while let Some((i, c)) = iter.next() {
        let at = base + i;
        // Quote marks of stretches.
        while mi < marks.len() && marks[mi].outer().end <= at && marks[mi].close.as_ref().is_none_or(|cl| cl.end <= at) {
            mi += 1;
        }
        if let Some(s) = marks.get(mi) {
            if s.open.start == at && !s.open.is_empty() {
                out.push(Tok { start: at, end: s.open.end, kind: Kind::Open(first_stretch + mi), quoted: false });
                continue;
            }
            if let Some(cl) = &s.close {
                if cl.start == at {
                    out.push(Tok { start: at, end: cl.end, kind: Kind::Close(first_stretch + mi), quoted: false });
                    mi += 1;
                    continue;
                }
            }
        }
        let quoted = marks.get(mi).is_some_and(|s| s.inner.start <= at && at < s.inner.end);
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if j != end {
                    break;
                }
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    iter.next();
                    continue;
                }
                // Connectors kept inside a word when a letter or digit follows.
                if matches!(d, '\'' | '’' | '-' | '.' | '&' | ',' | '/') {
                    let after = text[j + d.len_utf8()..].chars().next();
                    let in_word = after.is_some_and(|a| a.is_alphanumeric());
                    let ok = match d {
                        '\'' | '’' => in_word && !is_mark_at(marks, base + j),
                        '-' | '&' | '/' => in_word,
                        ',' => in_word && bytes[i].is_ascii_digit() && after.is_some_and(|a| a.is_ascii_digit()),
                        _ => in_word || takes_dot(&text[i..j]),
                    };
                    if ok {
                        end = j + d.len_utf8();
                        iter.next();
                        continue;
                    }
                }
                break;
            }
            out.push(Tok { start: at, end: base + end, kind: Kind::Word, quoted });
        } else {
            out.push(Tok { start: at, end: at + c.len_utf8(), kind: Kind::Punct(c), quoted });
        }
    }
}

fn is_mark_at(marks: &[Stretch], at: usize) -> bool {
    marks.iter().any(|s| s.open.start == at || s.close.as_ref().is_some_and(|c| c.start == at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_abbreviations_and_apostrophes() {
        let t = "Sen. J. Smith's aide said the U.S. can't win 1,000 votes.";
        let mut v = Vec::new();
        tokenize(t, 0..t.len(), &[], 0, &mut v);
        let w: Vec<&str> = v.iter().map(|k| &t[k.start..k.end]).collect();
        assert_eq!(w, ["Sen.", "J.", "Smith's", "aide", "said", "the", "U.S.", "can't", "win", "1,000", "votes", "."]);
    }
}
