//! What the grouping needs to know about each quote of a story, computed once: its words as
//! comparison tokens (interned, lightly stemmed, contractions opened), which of them carry
//! content, its speaker, where it sits, and whether it is a habitual report.
//!
//! Tokens for *matching* are looser than the keys of the word diff: "misrepresents" and
//! "misrepresenting" or "isn't" and "is not" should count as evidence of the same utterance,
//! even though the diff reports them as different words.

use std::collections::HashMap;

use parallax_core::{QuoteKind, SpeakerSource, Span};

use super::lexicon;
use crate::diff::{self, is_apostrophe};
use crate::StoryView;

pub struct Profile<'a> {
    pub doc: usize,
    pub idx: usize,
    pub text: &'a str,
    pub span: Span,
    pub kind: QuoteKind,
    /// Story entity of the speaker.
    pub speaker: Option<usize>,
    pub source: SpeakerSource,
    /// Paragraph of the quote's first byte.
    pub para: Option<usize>,
    /// Interned matching tokens, in text order.
    pub toks: Vec<u32>,
    /// Parallel to `toks`: whether the token is a content word.
    pub content: Vec<bool>,
    /// Parallel to `toks`: whether the word is capitalised inside a sentence (a name).
    pub name: Vec<bool>,
    /// "has repeatedly said ...": a report of many utterances, never grouped.
    pub habitual: bool,
}

/// Token interning for one story.
#[derive(Default)]
pub struct Interner {
    ids: HashMap<String, u32>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let n = self.ids.len() as u32;
        self.ids.insert(s.to_string(), n);
        n
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }
}

/// Profiles of every quote of the story, in (document, quote) order.
pub fn profiles<'a>(view: &StoryView<'a>, interner: &mut Interner) -> Vec<Profile<'a>> {
    let mut out = Vec::new();
    for (d, (doc, an)) in view.docs.iter().zip(&view.analyses).enumerate() {
        for (q, quote) in an.quotes.iter().enumerate() {
            let Some(text) = doc.body.get(quote.text.clone()) else { continue };
            let (toks, content, name) = tokens(text, interner);
            if toks.is_empty() {
                continue;
            }
            let habitual = quote.cue.as_ref().is_some_and(|cue| habitual_cue(&doc.body, cue));
            out.push(Profile {
                doc: d,
                idx: q,
                text,
                span: quote.text.clone(),
                kind: quote.kind,
                speaker: view.speaker(d, q),
                source: quote.speaker_source,
                para: doc.paragraph_of(quote.text.start),
                toks,
                content,
                name,
                habitual,
            });
        }
    }
    out
}

/// Matching tokens of a text, their content flags and their name flags.
pub fn tokens(text: &str, interner: &mut Interner) -> (Vec<u32>, Vec<bool>, Vec<bool>) {
    let mut toks = Vec::new();
    let mut content = Vec::new();
    let mut name = Vec::new();
    let mut prev_end: Option<usize> = None;
    for w in diff::words(text) {
        let printed = &text[w.range.clone()];
        let initial = prev_end.is_none_or(|e| text[e..w.range.start].contains(['.', '!', '?', ':', '\n']));
        prev_end = Some(w.range.end);
        let capital = printed.chars().next().is_some_and(char::is_uppercase) && printed != "I";
        let (key, negated) = if printed.contains(is_apostrophe) {
            let (base, negated) = open_contraction(printed);
            (base.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect(), negated)
        } else {
            (w.key, false)
        };
        if !key.is_empty() {
            content.push(!lexicon::is_function_word(&key));
            name.push(capital && !initial);
            toks.push(interner.id(stem(&key)));
        }
        if negated {
            content.push(false);
            name.push(false);
            toks.push(interner.id("not"));
        }
    }
    (toks, content, name)
}

/// "didn't" → ("did", true), "won’t" → ("will", true), "it's" → ("it", false),
/// "colleague's" → ("colleague", false); other words unchanged.
fn open_contraction(printed: &str) -> (String, bool) {
    let lower: String = printed.chars().map(|c| if is_apostrophe(c) { '\'' } else { c }).flat_map(char::to_lowercase).collect();
    if let Some(base) = lower.strip_suffix("n't") {
        let base = match base {
            "wo" => "will",
            "ca" => "can",
            "sha" => "shall",
            b => b,
        };
        return (base.to_string(), true);
    }
    if let Some(p) = lower.rfind('\'') {
        if matches!(&lower[p + 1..], "s" | "re" | "m" | "ve" | "ll" | "d") && p > 0 {
            return (lower[..p].to_string(), false);
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
/// before the cue or the one after it ("has repeatedly said", "said repeatedly").
fn habitual_cue(body: &str, cue: &Span) -> bool {
    let start = floor_boundary(body, cue.start.saturating_sub(40));
    let end = floor_boundary(body, (cue.end + 20).min(body.len()));
    let (Some(before), Some(after)) = (body.get(start..cue.start.min(body.len())), body.get(cue.end.min(end)..end)) else {
        return false;
    };
    let before = diff::word_keys(before.rsplit('\n').next().unwrap_or(""));
    let after = diff::word_keys(after.split('\n').next().unwrap_or(""));
    before.iter().rev().take(2).chain(after.iter().take(1)).any(|k| lexicon::is_habitual(k))
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }

    #[test]
    fn habitual_cues() {
        let body = "The mayor has repeatedly said the pier is safe. She said it again.";
        let cue = body.find("said").unwrap();
        assert!(habitual_cue(body, &(cue..cue + 4)));
        let cue2 = body.rfind("said").unwrap();
        assert!(!habitual_cue(body, &(cue2..cue2 + 4)));
        assert!(!habitual_cue("é", &(0..2)));
    }
}
