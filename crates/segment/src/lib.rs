//! Sentence segmentation tuned for news typography.
//!
//! UAX #29 splits after every abbreviation ("Dr.", "U.S.", "Jan."); news needs a rule layer that
//! knows titles, initials, month abbreviations and closing quotation marks. Sentences never
//! cross a paragraph boundary.

mod abbreviations;

use parallax_core::{Document, Span};

/// Sentence spans of every paragraph of `doc`, as byte ranges into its body.
pub fn document_sentences(doc: &Document) -> Vec<Span> {
    let mut out = Vec::new();
    for p in &doc.paragraphs {
        for s in sentences(&doc.body[p.clone()]) {
            out.push(p.start + s.start..p.start + s.end);
        }
    }
    out
}

/// Sentence spans of one paragraph (byte ranges into `text`, trimmed of surrounding space).
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = skip_space(text, 0);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if at < start || !matches!(c, '.' | '!' | '?' | '…') {
            i += 1;
            continue;
        }
        // Swallow runs of terminators and closing marks: `?!`, `."`, `.)”`.
        let mut j = i + 1;
        while j < chars.len() && (matches!(chars[j].1, '.' | '!' | '?' | '…') || is_closing(chars[j].1)) {
            j += 1;
        }
        let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
        if j < chars.len() && !chars[j].1.is_whitespace() {
            i = j;
            continue;
        }
        let next = skip_space(text, end);
        if next >= text.len() {
            break;
        }
        if c == '.' && !ends_sentence(text, start, at, &text[next..]) {
            i = j;
            continue;
        }
        if !starts_sentence(&text[next..]) {
            i = j;
            continue;
        }
        out.push(start..end);
        start = next;
        i = j;
    }
    let end = text.trim_end().len();
    if start < end {
        out.push(start..end);
    }
    out
}

fn skip_space(text: &str, from: usize) -> usize {
    text[from..].find(|c: char| !c.is_whitespace()).map_or(text.len(), |k| from + k)
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

fn is_opening(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '«')
}

/// Could a sentence start here? Upper case, a digit, or an opening mark before one.
fn starts_sentence(rest: &str) -> bool {
    let mut cs = rest.chars();
    match cs.next() {
        Some(c) if is_opening(c) => cs.next().is_some_and(|d| d.is_uppercase() || d.is_numeric() || is_opening(d)),
        Some(c) => c.is_uppercase() || c.is_numeric(),
        None => false,
    }
}

/// Decides whether the full stop at `dot` ends the sentence that began at `start`.
fn ends_sentence(text: &str, start: usize, dot: usize, rest: &str) -> bool {
    let word_start = text[start..dot]
        .rfind(|c: char| c.is_whitespace() || is_opening(c))
        .map_or(start, |k| start + k + text[start + k..].chars().next().map_or(1, char::len_utf8));
    let word = &text[word_start..dot];
    if word.is_empty() {
        return true;
    }
    let next_word: &str = rest
        .trim_start_matches(is_opening)
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    // A single capital initial ("J. Smith"), but not a lone pronoun "I".
    let mut letters = word.chars();
    if let (Some(c), None) = (letters.next(), letters.next()) {
        if c.is_uppercase() && c != 'I' {
            return false;
        }
    }
    // Dotted acronyms ("U.S.", "a.m."): a boundary only before a typical sentence opener.
    if word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.') {
        return abbreviations::is_sentence_opener(next_word);
    }
    if abbreviations::is_title(word) {
        return false;
    }
    if abbreviations::is_abbreviation(word) {
        // "Jan. 5" or "No. 10" continue; "Inc. The company" ends.
        return !next_word.starts_with(|c: char| c.is_numeric()) && abbreviations::is_sentence_opener(next_word);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|s| &text[s]).collect()
    }

    #[test]
    fn keeps_titles_initials_and_dates_together() {
        let text = "Dr. Mara Quill met the P.M. at 10 a.m. on Tuesday. The U.S. Federal Reserve held rates, Mr. Okafor said. Shares of Acme Inc. fell on Jan. 5, 2024. See No. 10 Downing St. for details.";
        assert_eq!(
            split(text),
            vec![
                "Dr. Mara Quill met the P.M. at 10 a.m. on Tuesday.",
                "The U.S. Federal Reserve held rates, Mr. Okafor said.",
                "Shares of Acme Inc. fell on Jan. 5, 2024.",
                "See No. 10 Downing St. for details.",
            ]
        );
    }

    #[test]
    fn quotes_followed_by_attribution_stay_whole() {
        let text = "\"We will win!\" the coach said. \"Never.\" She left. He said: \"Yes. Maybe.\" Done";
        assert_eq!(split(text), vec!["\"We will win!\" the coach said.", "\"Never.\"", "She left.", "He said: \"Yes.", "Maybe.\"", "Done"]);
    }

    #[test]
    fn acronym_at_sentence_end_before_opener() {
        assert_eq!(split("They flew to the U.S. He stayed."), vec!["They flew to the U.S.", "He stayed."]);
        assert_eq!(split("J. R. Hartley wrote it."), vec!["J. R. Hartley wrote it."]);
    }

    #[test]
    fn odd_input_never_panics() {
        for t in ["", ".", "é.", "…", "a. .", "\"", "A.\u{a0}B", ". . .", "x?!\"'"] {
            let _ = split(t);
        }
    }
}
