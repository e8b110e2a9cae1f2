//! Quotation-mark pairing.
//!
//! News text mixes curly and straight double quotes, nests single (or double) quotes inside
//! double ones, leaves a quote open at a paragraph end when the quotation runs on into the
//! next paragraph, and uses `’`/`'` as apostrophes far more often than as quote marks. This
//! module finds the *outermost* quoted stretches of every paragraph with a single byte-level
//! pass; nested marks stay inside the stretch's text.
//!
//! Single quotes count as quote marks only in documents that use no double quotes at all
//! (British style). In double-quote documents a single-quoted stretch is either nested (and
//! so already inside a double-quoted stretch) or a headline-style scare quote, which the
//! annotation conventions we follow do not treat as a quote.

use parallax_core::Span;

/// One quoted stretch: the marks around it and the text between them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stretch {
    pub para: usize,
    /// Byte range of the opening mark (empty when the stretch starts without one).
    pub open: Span,
    /// Byte range of the closing mark; `None` when the quote runs to the paragraph end.
    pub close: Option<Span>,
    /// Between the marks, untrimmed.
    pub inner: Span,
    /// The paragraph opens with this stretch and the previous paragraph's last stretch was left
    /// open: the same quotation continues.
    pub continues: bool,
}

impl Stretch {
    /// From the opening mark to just after the closing mark (or the inner end).
    pub fn outer(&self) -> Span {
        self.open.start..self.close.as_ref().map_or(self.inner.end, |c| c.end)
    }
}

fn is_space_or_start(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '"'))
}

/// Quoted stretches of every paragraph, in body order.
pub fn stretches(body: &str, paragraphs: &[Span]) -> Vec<Stretch> {
    let mut out = Vec::new();
    let double = body.bytes().any(|b| b == b'"') || body.contains(['“', '”', '„']);
    let mut prev_open_ended = false;
    for (pi, p) in paragraphs.iter().enumerate() {
        let Some(text) = body.get(p.clone()) else { continue };
        let first = out.len();
        if double {
            double_stretches(text, p.start, pi, &mut out);
        } else {
            single_stretches(text, p.start, pi, &mut out);
        }
        if let Some(s) = out.get_mut(first) {
            let lead = text.len() - text.trim_start().len();
            if prev_open_ended && s.open.start == p.start + lead {
                s.continues = true;
            }
        }
        prev_open_ended = out.len() > first && out.last().is_some_and(|s| s.close.is_none());
    }
    out.retain(|s| body.get(s.inner.clone()).is_some_and(|t| t.chars().any(char::is_alphanumeric)));
    out
}

fn double_stretches(text: &str, base: usize, para: usize, out: &mut Vec<Stretch>) {
    // (byte offset of the opening mark, its length, opened by a straight mark)
    let mut outer: Option<(usize, usize, bool)> = None;
    let mut nested: u32 = 0; // curly marks nested inside a curly outer quote
    let mut nested_straight = false; // a straight pair nested inside a curly outer quote
    let mut prev: Option<char> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        let len = c.len_utf8();
        // Markup left in the text (`<tweet id="…">`): its attribute quotes are not quotes.
        if c == '<' && outer.is_none() && next.is_some_and(|n| n.is_ascii_alphabetic() || n == '/') {
            if let Some(k) = text[i..].find('>') {
                let stop = i + k;
                while iter.peek().is_some_and(|&(j, _)| j <= stop) {
                    iter.next();
                }
                prev = Some('>');
                continue;
            }
        }
        match c {
            '“' | '„' => match outer {
                None => outer = Some((i, len, false)),
                Some((_, _, false)) => {
                    // A second opening mark: nested when it starts a word, otherwise a
                    // misused closing mark.
                    if is_space_or_start(prev) {
                        nested += 1;
                    } else if nested > 0 {
                        nested -= 1;
                    } else {
                        close(text, base, para, &mut outer, i, len, out);
                    }
                }
                Some((_, _, true)) => {}
            },
            '”' => match outer {
                Some((_, _, false)) if nested > 0 => nested -= 1,
                Some((_, _, false)) => close(text, base, para, &mut outer, i, len, out),
                Some((_, _, true)) => {
                    // Curly closing inside a straight quote: nested, unless it ends the text.
                }
                None => {
                    // Stray closing mark used as an opening one ("”Yes,” he said).
                    if is_space_or_start(prev) && next.is_some_and(|n| !n.is_whitespace()) {
                        outer = Some((i, len, false));
                    }
                }
            },
            '"' => match outer {
                None => outer = Some((i, len, true)),
                Some((_, _, true)) => close(text, base, para, &mut outer, i, len, out),
                Some((_, _, false)) => {
                    if nested_straight {
                        nested_straight = false;
                    } else if is_space_or_start(prev) {
                        nested_straight = true;
                    } else {
                        // Mixed marks: a straight mark closing a curly quote.
                        close(text, base, para, &mut outer, i, len, out);
                    }
                }
            },
            _ => {}
        }
        if outer.is_none() {
            nested = 0;
            nested_straight = false;
        }
        prev = Some(c);
    }
    if let Some((o, l, _)) = outer {
        let end = text.trim_end().len();
        out.push(Stretch {
            para,
            open: base + o..base + o + l,
            close: None,
            inner: base + o + l..base + end.max(o + l),
            continues: false,
        });
    }
}

fn close(
    _text: &str,
    base: usize,
    para: usize,
    outer: &mut Option<(usize, usize, bool)>,
    i: usize,
    len: usize,
    out: &mut Vec<Stretch>,
) {
    if let Some((o, l, _)) = outer.take() {
        out.push(Stretch {
            para,
            open: base + o..base + o + l,
            close: Some(base + i..base + i + len),
            inner: base + o + l..base + i,
            continues: false,
        });
    }
}

/// Elisions that start with an apostrophe: never an opening quote mark.
fn is_elision(rest: &str) -> bool {
    let b = rest.as_bytes();
    if b.len() >= 2 && b[0].is_ascii_digit() && b[1].is_ascii_digit() {
        return true; // '90s, '16
    }
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).take(6).collect::<String>().to_lowercase();
    matches!(word.as_str(), "n" | "em" | "til" | "cause" | "tis" | "twas" | "round" | "bout" | "s")
}

/// Single-quote stretches for documents quoted British style (`‘…’` / `'…'`).
fn single_stretches(text: &str, base: usize, para: usize, out: &mut Vec<Stretch>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let is_mark = |c: char| c == '‘' || c == '’' || c == '\'';
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        let prev = if k > 0 { Some(chars[k - 1].1) } else { None };
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let opens = (c == '‘' || c == '\'')
            && is_space_or_start(prev)
            && next.is_some_and(|n| n.is_alphanumeric() || n == '“' || n == '…')
            && !is_elision(&text[i + c.len_utf8()..]);
        if !opens {
            k += 1;
            continue;
        }
        // Closing candidates: a mark after a non-space with no letter right after it.
        let mut chosen: Option<usize> = None;
        let mut fallback: Option<usize> = None;
        let mut m = k + 1;
        while m < chars.len() {
            let (_, d) = chars[m];
            let dprev = chars[m - 1].1;
            let dnext = chars.get(m + 1).map(|&(_, n)| n);
            if d == '‘' && is_space_or_start(Some(dprev)) {
                break; // another opening before any close
            }
            if is_mark(d) && d != '‘' && !dprev.is_whitespace() && !dnext.is_some_and(|n| n.is_alphanumeric()) {
                // "workers’ rights": a plural possessive; keep looking for a better close.
                let possessive = matches!(dprev, 's' | 'S') && dnext.is_some_and(|n| n == ' ')
                    && chars.get(m + 2).is_some_and(|&(_, n)| n.is_lowercase());
                if possessive {
                    fallback.get_or_insert(m);
                } else {
                    chosen = Some(m);
                    break;
                }
            }
            m += 1;
        }
        match chosen.or(fallback) {
            Some(m) => {
                let (j, d) = chars[m];
                out.push(Stretch {
                    para,
                    open: base + i..base + i + c.len_utf8(),
                    close: Some(base + j..base + j + d.len_utf8()),
                    inner: base + i + c.len_utf8()..base + j,
                    continues: false,
                });
                k = m + 1;
            }
            None => k += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(paras: &[&str]) -> Vec<String> {
        let doc = parallax_core::Document::from_paragraphs("t", paras.iter().copied());
        stretches(&doc.body, &doc.paragraphs).iter().map(|s| doc.body[s.inner.clone()].to_string()).collect()
    }

    #[test]
    fn pairs_curly_and_straight() {
        assert_eq!(texts(&["“We won,” she said. \"Now we rest.\""]), ["We won,", "Now we rest."]);
    }

    #[test]
    fn nested_quotes_stay_inside() {
        assert_eq!(texts(&["\"He told me “no way” twice,\" she said."]), ["He told me “no way” twice,"]);
        assert_eq!(texts(&["“He said ‘never’ and left.”"]), ["He said ‘never’ and left."]);
    }

    #[test]
    fn open_quote_runs_to_paragraph_end_and_continues() {
        let doc = parallax_core::Document::from_paragraphs("t", ["“First part of it.", "“Second part.”"]);
        let s = stretches(&doc.body, &doc.paragraphs);
        assert_eq!(s.len(), 2);
        assert!(s[0].close.is_none());
        assert!(s[1].continues);
    }

    #[test]
    fn single_quotes_only_in_single_style_documents() {
        assert_eq!(texts(&["The workers’ union called it ‘a disgrace’ on Monday."]), ["a disgrace"]);
        assert_eq!(texts(&["Rock 'n' roll from the '90s was 'loud', he said."]), ["loud"]);
        assert!(texts(&["Headline ‘big win’ for \"them\""]).len() == 1);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in ["\"", "“", "”", "'", "‘’", "\"\"\"", "é“é", "”a"] {
            let _ = texts(&[t, t]);
        }
    }
}
