//! Quote extraction for English news: direct, partial and indirect quotes, each with its cue
//! (speech verb) and the words naming its speaker.
//!
//! The pipeline is one pass per paragraph:
//! 1. [`marks`] pairs quotation marks into stretches (apostrophes, nesting, quotes running
//!    over paragraphs);
//! 2. [`tokens`] tokenizes the paragraph around them;
//! 3. every stretch is classified direct or partial from the narration around it and gets its
//!    attribution from [`attribution`] (cue before or after the quote, or in the sentence);
//! 4. sentences without quotation marks are searched for reported speech by [`indirect`];
//! 5. quotes with no cue of their own (continuation paragraphs, stand-alone quotes) inherit the
//!    nearest preceding attribution ([`SpeakerSource::Context`]).

pub mod attribution;
pub mod cues;
pub mod indirect;
pub mod marks;
pub mod tokens;

use attribution::{after_quote, before_quote, in_sentence, Attribution, Intro, Para};
use parallax_core::{Document, Quote, QuoteKind, SpeakerSource, Span};
use tokens::{Kind, Tok};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Src {
    Cue,
    /// Continues the quotation of the previous paragraph.
    Continues,
    /// Stands alone: attributed by context.
    Context,
}

#[derive(Debug, Clone)]
struct Draft {
    text: Span,
    kind: QuoteKind,
    attr: Option<Attribution>,
    src: Src,
    /// May stand-alone quotes inherit this attribution?
    donor: bool,
    /// Continues the previous paragraph's quotation.
    continues: bool,
    /// Left open at the end of its paragraph (the quotation goes on in the next one).
    runs_on: bool,
}

/// Finds the quotes of `doc`, in body order. Never panics.
pub fn find_quotes(doc: &Document) -> Vec<Quote> {
    let body = doc.body.as_str();
    let stretches = marks::stretches(body, &doc.paragraphs);
    let mut toks: Vec<Tok> = Vec::new();
    let mut drafts: Vec<Draft> = Vec::new();
    let mut reported = Vec::new();
    let mut si = 0;
    // An attribution ending the previous paragraph with a colon ("Smith continued:").
    let mut colon_intro: Option<Attribution> = None;
    for (pi, span) in doc.paragraphs.iter().enumerate() {
        if body.get(span.clone()).is_none() {
            continue;
        }
        let first = si;
        while si < stretches.len() && stretches[si].para == pi {
            si += 1;
        }
        let ps = &stretches[first..si];
        tokens::tokenize(body, span.clone(), ps, first, &mut toks);
        let p = Para { body, toks: &toks };
        let start = drafts.len();
        quoted(&p, ps, first, body, colon_intro.take(), &mut drafts);
        let _ = start;
        // Indirect speech in sentences without quotation marks.
        let mut s = 0;
        while s < toks.len() {
            let e = p.sentence_end(s, toks.len());
            let has_quote = toks[s..e].iter().any(|t| t.quoted || t.is_mark());
            if !has_quote {
                reported.clear();
                indirect::sentence(&p, s, e, &mut reported);
                let n = reported.len();
                indirect::stance(&p, s, e, &mut reported);
                // Stance reports only where no clause report covers the same cue.
                let (clauses, stances) = reported.split_at(n);
                let keep: Vec<bool> = stances.iter().map(|r| !clauses.iter().any(|c| covers(c, r))).collect();
                let mut it = keep.iter();
                let mut idx = 0;
                reported.retain(|_| { idx += 1; idx <= n || *it.next().unwrap_or(&false) });
                // Mined cues only where the rules found nothing for the same cue or text.
                let n = reported.len();
                indirect::mined(&p, s, e, &mut reported);
                let (found, mined) = reported.split_at(n);
                let keep: Vec<bool> = mined.iter().map(|r| !found.iter().any(|c| covers(c, r) || c.attribution.cue == r.attribution.cue)).collect();
                let mut it = keep.iter();
                let mut idx = 0;
                reported.retain(|_| { idx += 1; idx <= n || *it.next().unwrap_or(&false) });
                for r in reported.drain(..) {
                    drafts.push(Draft { text: r.text, kind: QuoteKind::Indirect, attr: Some(r.attribution), src: Src::Cue, donor: !r.stance, continues: false, runs_on: false });
                }
            }
            s = e;
        }
        // A paragraph ending in "X said:" introduces the next paragraph's quote.
        if let Some(last) = toks.last() {
            if last.is_punct(':') && ps.is_empty() {
                let n = toks.len() - 1;
                let s = p.sentence_start(0, n);
                if let Some(k) = (s..n).rev().find(|&k| p.cue_at(k).is_some_and(|c| c.core)) {
                    colon_intro = Some(p.at_cue(s, n, k));
                }
            }
        }
    }
    resolve(drafts)
}

/// Does report `c` already cover report `r` (holds its cue, or overlaps its text)?
fn covers(c: &indirect::Reported, r: &indirect::Reported) -> bool {
    c.text.start <= r.attribution.cue.start && r.attribution.cue.start < c.text.end || r.text.start < c.text.end && c.text.start < r.text.end
}

/// Direct and partial quotes of one paragraph.
fn quoted(p: &Para, ps: &[marks::Stretch], first: usize, body: &str, colon_intro: Option<Attribution>, out: &mut Vec<Draft>) {
    let n = p.toks.len();
    let mut pos: Vec<(Option<usize>, Option<usize>)> = vec![(None, None); ps.len()];
    for (i, t) in p.toks.iter().enumerate() {
        match t.kind {
            Kind::Open(k) if k >= first && k - first < ps.len() => pos[k - first].0 = Some(i),
            Kind::Close(k) if k >= first && k - first < ps.len() => pos[k - first].1 = Some(i),
            _ => {}
        }
    }
    let base = out.len();
    let mut prev_close: usize = 0;
    for (m, st) in ps.iter().enumerate() {
        let Some(open_t) = pos[m].0 else { continue };
        let close_t = pos[m].1;
        let text = trim_quote(body, st.inner.clone());
        if text.is_empty() {
            continue;
        }
        let inner = &body[text.clone()];
        let raw_inner = body[st.inner.clone()].trim_end();
        let term = raw_inner.ends_with(['.', '!', '?', '…', ',', '—', '-', '–']);
        let intro = if m > 0 && pos[m - 1].1.is_none() { Intro::Narration } else { before_quote(p, prev_close, open_t) };
        let next_open = pos.get(m + 1).and_then(|x| x.0).unwrap_or(n);
        let (post_attr, post_words) = match close_t {
            Some(c) => {
                let se = p.sentence_end(c + 1, next_open);
                let words = (c + 1..se).any(|i| p.toks[i].is_word());
                (after_quote(p, c + 1, se), words)
            }
            None => (None, false),
        };
        if let Some(c) = close_t {
            prev_close = c + 1;
        }
        let pre_ok = matches!(intro, Intro::Start | Intro::Cue(_) | Intro::Bare(_) | Intro::Colon(_));
        let post_ok = close_t.is_none() || !post_words || post_attr.is_some() || term;
        let words = inner.split_whitespace().count();
        let mut direct = pre_ok && post_ok;
        // A bare cue before a short lowercase fragment: "called it a "disgrace"" style
        // fragments are partial; "said "we will win."" stays direct.
        if let Intro::Bare(_) = intro {
            let lower_start = inner.chars().next().is_some_and(|c| c.is_lowercase());
            if lower_start && words <= 3 {
                direct = false;
            }
        }
        if direct {
            let (attr, src) = match intro {
                Intro::Cue(a) | Intro::Bare(a) => (Some(a), Src::Cue),
                Intro::Colon(Some(a)) => (Some(a), Src::Cue),
                _ => match post_attr {
                    Some(a) => (Some(a), Src::Cue),
                    None if st.continues => (None, Src::Continues),
                    None => (None, Src::Context),
                },
            };
            out.push(Draft { text, kind: QuoteKind::Direct, attr, src, donor: true, continues: st.continues, runs_on: close_t.is_none() });
        } else {
            let s = p.sentence_start(0, open_t);
            let e = close_t.map_or(n, |c| p.sentence_end(c + 1, n));
            let attr = in_sentence(p, s, e, open_t, close_t.unwrap_or(n)).or(post_attr);
            // A quoted fragment with no speech verb in its sentence is a title or scare quote.
            if attr.is_none() {
                continue;
            }
            out.push(Draft { text, kind: QuoteKind::Partial, attr, src: Src::Cue, donor: true, continues: st.continues, runs_on: close_t.is_none() });
        }
    }
    // Direct quotes of this paragraph with no cue of their own share the paragraph's cue
    // ("A," he said. "B."), or take an introduction that ended the previous paragraph.
    let here: Vec<usize> = (base..out.len()).collect();
    for &i in &here {
        if out[i].attr.is_some() || out[i].kind != QuoteKind::Direct {
            continue;
        }
        let donor = here.iter().rev().filter(|&&j| j < i).chain(here.iter().filter(|&&j| j > i)).find(|&&j| out[j].kind == QuoteKind::Direct && out[j].attr.is_some()).copied();
        if let Some(j) = donor {
            out[i].attr = out[j].attr.clone();
            out[i].src = Src::Cue;
        } else if let Some(a) = colon_intro.clone() {
            if out[i].src == Src::Context {
                out[i].attr = Some(a);
                out[i].src = Src::Cue;
            }
        }
    }
}

/// The quote text: inner span trimmed of whitespace and a trailing comma.
fn trim_quote(body: &str, span: Span) -> Span {
    let Some(t) = body.get(span.clone()) else { return span.start..span.start };
    let lead = t.len() - t.trim_start().len();
    let mut end = t.trim_end().len();
    while end > lead && t[..end].ends_with([',', ' ', ':']) {
        end -= 1;
    }
    if end <= lead {
        return span.start..span.start;
    }
    span.start + lead..span.start + end
}

/// A quotation over several paragraphs whose attribution comes in a later paragraph
/// ("…the decision.", / "…this way.", / "…our points," said a spokesperson.): the earlier
/// paragraphs of the same quotation take that attribution.
fn attribute_backwards(drafts: &mut [Draft]) {
    for i in (1..drafts.len()).rev() {
        if drafts[i].attr.is_none() || !drafts[i].continues || drafts[i].kind != QuoteKind::Direct {
            continue;
        }
        let mut j = i;
        while j > 0 {
            j -= 1;
            let d = &drafts[j];
            if d.attr.is_some() || !d.runs_on || d.kind != QuoteKind::Direct {
                break;
            }
            drafts[j].attr = drafts[i].attr.clone();
            drafts[j].src = Src::Cue;
            if !drafts[j].continues {
                break;
            }
        }
    }
}

/// Orders the drafts and resolves context attribution into [`Quote`]s.
fn resolve(mut drafts: Vec<Draft>) -> Vec<Quote> {
    drafts.sort_by_key(|d| (d.text.start, d.text.end));
    drafts.dedup_by(|a, b| a.text == b.text);
    attribute_backwards(&mut drafts);
    let mut out: Vec<Quote> = Vec::with_capacity(drafts.len());
    for (i, d) in drafts.iter().enumerate() {
        let (cue, speaker, source) = match (&d.attr, d.src) {
            (Some(a), _) => (Some(a.cue.clone()), a.speaker.clone(), SpeakerSource::Cue),
            (None, src) => {
                // The nearest preceding quote with a speaker; point at its own source.
                let root = (0..i).rev().find(|&j| out[j].speaker.is_some() && drafts[j].donor).map(|j| match out[j].speaker_source {
                    SpeakerSource::Context(r) => r,
                    _ => j,
                });
                match root {
                    Some(r) => {
                        let cue = if src == Src::Continues { out[r].cue.clone() } else { None };
                        (cue, out[r].speaker.clone(), SpeakerSource::Context(r))
                    }
                    None => (None, None, SpeakerSource::Unattributed),
                }
            }
        };
        let source = if speaker.is_none() && matches!(source, SpeakerSource::Cue) { SpeakerSource::Cue } else { source };
        out.push(Quote { text: d.text.clone(), kind: d.kind, cue, speaker, speaker_source: source, entity: None });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    type Found = (String, QuoteKind, Option<String>, Option<String>, SpeakerSource);

    fn run(paras: &[&str]) -> Vec<Found> {
        let doc = Document::from_paragraphs("t", paras.iter().copied());
        find_quotes(&doc)
            .into_iter()
            .map(|q| {
                (
                    doc.text(&q.text).to_string(),
                    q.kind,
                    q.speaker.as_ref().map(|s| doc.text(s).to_string()),
                    q.cue.as_ref().map(|s| doc.text(s).to_string()),
                    q.speaker_source,
                )
            })
            .collect()
    }

    #[test]
    fn quote_split_by_attribution() {
        let q = run(&["“The roads are closed,” the fire chief said. “Stay home tonight.”"]);
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].0, "The roads are closed");
        assert_eq!(q[0].2.as_deref(), Some("the fire chief"));
        assert_eq!(q[1].0, "Stay home tonight.");
        assert_eq!(q[1].2.as_deref(), Some("the fire chief"));
        assert_eq!(q[1].1, QuoteKind::Direct);
    }

    #[test]
    fn cue_first_and_colon() {
        let q = run(&["\"We are ready,\" said Maria Lopez, a nurse at the clinic."]);
        assert_eq!(q[0].2.as_deref(), Some("Maria Lopez, a nurse at the clinic"));
        let q = run(&["The minister said: \"Nothing has been decided.\""]);
        assert_eq!((q[0].2.as_deref(), q[0].3.as_deref()), (Some("The minister"), Some("said")));
    }

    #[test]
    fn partial_inside_narration() {
        let q = run(&["The councillor accused the board of a “whitewash” over the report."]);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].1, QuoteKind::Partial);
        assert_eq!(q[0].2.as_deref(), Some("The councillor"));
    }

    #[test]
    fn time_phrases_and_fronted_clauses_are_not_speakers() {
        let q = run(&["The harbour board this month announced that the night shifts would end."]);
        assert_eq!(q[0].2.as_deref(), Some("The harbour board"), "{q:?}");
        let q = run(&["In late March, a group of dockworkers wrote to the board, saying the new rosters were “unworkable and unsafe”."]);
        assert_eq!(q[0].2.as_deref(), Some("a group of dockworkers"), "{q:?}");
        let q = run(&["When the crowd booed the speech, the mayor smiled and said, \"I have heard worse at my own dinner table.\""]);
        assert_eq!(q[0].2.as_deref(), Some("the mayor"), "{q:?}");
    }

    #[test]
    fn relative_pronoun_after_a_dash_names_its_antecedent() {
        let q = run(&["It is now an election issue, with Mara Quill — who’s called for a ban on night shifts — attacking the plan."]);
        let speaker = q[0].2.as_deref().unwrap_or_default();
        assert!(speaker.starts_with("Mara Quill"), "{q:?}");
    }

    #[test]
    fn scare_quotes_without_a_cue_are_dropped() {
        assert!(run(&["The so-called “smart” meters arrived in May."]).is_empty());
    }

    #[test]
    fn continuation_and_context() {
        let q = run(&["The coach said: “We trained hard all winter.", "“Nobody expected this result.”", "The crowd left early.", "“It was a long season.”"]);
        assert_eq!(q.len(), 3);
        assert_eq!(q[1].4, SpeakerSource::Context(0));
        assert_eq!(q[1].3.as_deref(), Some("said"));
        assert_eq!(q[2].4, SpeakerSource::Context(0));
        assert_eq!(q[2].3, None);
        assert_eq!(q[2].2.as_deref(), Some("The coach"));
    }

    #[test]
    fn attribution_at_the_end_of_a_multi_paragraph_quote() {
        let q = run(&["The board met late.", "“We reviewed every option.", "“None of them saves the mill,” a company spokeswoman said."]);
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].2.as_deref(), Some("a company spokeswoman"));
        assert_eq!(q[0].3.as_deref(), Some("said"));
    }

    #[test]
    fn speaker_of_coordinated_and_relative_clauses() {
        let q = run(&["It follows an interview in which the senator attacked the plan and said it was a “disgrace” for the town."]);
        assert_eq!(q[0].2.as_deref(), Some("the senator"));
        let q = run(&["The mayor visited the site and said the bridge would reopen in June."]);
        assert_eq!(q[0].2.as_deref(), Some("The mayor"));
    }

    #[test]
    fn indirect_speech() {
        let q = run(&["The mayor said the bridge would reopen in June."]);
        assert_eq!(q[0].0, "the bridge would reopen in June");
        assert_eq!(q[0].1, QuoteKind::Indirect);
        let q = run(&["The bridge would reopen in June, a council spokeswoman said."]);
        assert_eq!(q[0].0, "The bridge would reopen in June");
        assert_eq!(q[0].2.as_deref(), Some("a council spokeswoman"));
        let q = run(&["According to the report, prices rose sharply in spring."]);
        assert_eq!(q[0].0, "prices rose sharply in spring");
    }

    #[test]
    fn mined_cue_reports() {
        let q = run(&["The audit found the program cost twice the estimate."]);
        assert_eq!(q[0].0, "the program cost twice the estimate");
        assert_eq!(q[0].2.as_deref(), Some("The audit"));
    }

    #[test]
    fn dash_attribution() {
        let q = run(&["“Vote early.” ― Ana Ruiz"]);
        assert_eq!(q[0].2.as_deref(), Some("Ana Ruiz"));
    }

    #[test]
    fn never_panics() {
        let odd = ["", "\"", "“”", "said", ", said", "“a,” said", "According to", "é said “é", "— “", "said:", "\"\"\"\"", "'‘’'", "<a href=\"x\">"];
        for a in odd {
            for b in odd {
                let _ = run(&[a, b, a]);
            }
        }
    }
}
