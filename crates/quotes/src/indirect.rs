//! Indirect (reported) speech: a speech verb with a reported clause and no quotation marks.
//!
//! Three shapes cover most news usage: `X said (that) CLAUSE`, `CLAUSE, X said` /
//! `CLAUSE, said X`, and `according to X, CLAUSE` / `CLAUSE, according to X`. The text is the
//! reported clause (with its `that`, as PolNeAR marks it). Sentences holding quotation marks
//! are left to the direct/partial stage: a reported clause with a quoted fragment is
//! annotated as the fragment only.

use crate::attribution::{Attribution, Para};
use crate::cues::is_one_of;
use crate::tokens::Kind;
use parallax_core::Span;

/// One reported clause found in a sentence.
pub struct Reported {
    pub text: Span,
    /// A stance report ("plans to", "criticized X"): not a speech attribution that later
    /// stand-alone quotes may inherit.
    pub stance: bool,
    pub attribution: Attribution,
}

/// Words after a cue showing it does not introduce a clause ("said of", "told to").
const NO_CLAUSE: &[&str] = &["of", "to", "about", "for", "by", "as", "and", "or", "so", "with", "in", "on", "at", "from", "up", "out", "goodbye", "no", "yes", "nothing", "something", "anything", "much", "more", "little"];

/// Words that can open a reported clause right after the cue (or after the addressee).
fn clause_opener(p: &Para, i: usize) -> bool {
    if !p.toks.get(i).is_some_and(|t| t.is_word()) {
        return false;
    }
    let w = p.word(i);
    if is_one_of(w, &["that", "he", "she", "they", "it", "we", "i", "you", "there", "the", "a", "an", "his", "her", "their", "its", "this", "these", "those", "whether", "if", "how", "what", "why", "when", "who", "some", "many", "no", "all", "both", "our", "my", "your", "one", "most", "former", "only"]) {
        return true;
    }
    !is_one_of(w, NO_CLAUSE) && !w.ends_with("ly")
}

/// Reported clauses of the sentence `s..e` (token range; `e` excludes nothing: a final
/// punctuation token is dropped from the text).
pub fn sentence(p: &Para, s: usize, e: usize, out: &mut Vec<Reported>) {
    if e <= s + 2 {
        return;
    }
    // The text end: drop the final punctuation.
    let mut te = e;
    while te > s && matches!(p.toks[te - 1].kind, Kind::Punct(_)) {
        te -= 1;
    }
    if te <= s {
        return;
    }
    if parenthetical(p, s, e, out) {
        return;
    }
    // according to X, CLAUSE
    if p.is_word_eq(s, "according") && p.is_word_eq(s + 1, "to") {
        if let Some(c) = (s + 2..te).find(|&i| p.toks[i].is_punct(',')) {
            if c + 3 < te {
                let a = p.at_cue(s, c, s);
                out.push(Reported { text: p.toks[c + 1].start..p.toks[te - 1].end, attribution: a, stance: false });
                return;
            }
        }
    }
    for k in s..te {
        let Some(cue) = p.cue_at(k) else { continue };
        if !cue.clause && !p.is_word_eq(k, "according") {
            continue;
        }
        // Trailing attribution: CLAUSE, X said / CLAUSE, said X / CLAUSE, according to X.
        if let Some(c) = (s..k).rev().find(|&i| p.toks[i].is_punct(',') || p.toks[i].is_punct('—')) {
            let tail_ok = te - k <= 14 && c > s + 2;
            if tail_ok && !cue.participle {
                let a = p.at_cue(c + 1, te, k);
                let np_fits = if k == c + 1 {
                    p.right_np(p.cue_end(k), te).is_some_and(|(_, b)| b == te)
                } else {
                    p.left_np(c + 1, k).is_some_and(|(a0, _)| a0 == c + 1)
                };
                // Nothing but adverbials after the cue ("said on Tuesday", "told CNN").
                let after = p.cue_end(k);
                let rest_ok = k == c + 1
                    || (te.saturating_sub(after) <= 6
                        && (after..te).all(|i| !p.toks[i].is_word() || (cue_free(p, i) && !is_one_of(p.word(i), &["that", "he", "she", "they", "it", "we", "i", "there", "this"]))));
                if np_fits && rest_ok && a.speaker.is_some() {
                    let start = p.toks[s].start;
                    out.push(Reported { text: start..p.toks[c - 1].end, attribution: a, stance: false });
                    return;
                }
            }
        }
        if p.is_word_eq(k, "according") {
            continue;
        }
        // Leading attribution: X said (that) CLAUSE.
        let Some((a0, _)) = p.left_np(s, k) else { continue };
        let _ = a0;
        let after = p.cue_end(k);
        let mut c = after;
        // "said that" within a few words (adverbials or an addressee in between).
        let that = (after..(after + 9).min(te)).find(|&i| p.is_word_eq(i, "that") || p.toks[i].is_punct(',') || p.toks[i].is_punct(':'));
        let gap_ok = |t: usize| {
            t == after
                || (cue.object && t - after <= 6)
                || (t - after <= 5 && p.is_word(after) && is_one_of(p.word(after), &["on", "in", "at", "during", "last", "this", "earlier", "later", "repeatedly", "also", "publicly", "privately", "yesterday", "today", "recently", "again", "previously", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "flatly", "falsely", "often", "frequently", "before", "after", "late", "early", "to"]))
        };
        if let Some(t) = that.filter(|&t| p.is_word_eq(t, "that") && gap_ok(t)) {
            c = t;
        } else if cue.object {
            // told reporters CLAUSE / told CNN CLAUSE / asked him whether …
            if c < te && p.toks[c].is_word() {
                let w = p.word(c);
                if is_one_of(w, &["me", "him", "her", "us", "them", "reporters", "journalists", "supporters", "voters", "listeners", "viewers", "followers", "officials", "police", "investigators", "lawmakers", "colleagues", "donors", "members", "everyone", "people", "residents", "students", "workers", "the", "a", "an", "his", "her", "their", "its"]) {
                    if is_one_of(w, &["the", "a", "an", "his", "their", "its"]) {
                        c += 2;
                    } else {
                        c += 1;
                    }
                } else {
                    while c < te && p.toks[c].is_word() && p.word(c).chars().next().is_some_and(char::is_uppercase) {
                        c += 1;
                    }
                }
            }
            if !(c < te && (clause_opener(p, c) || p.is_word_eq(c, "to"))) {
                continue;
            }
        } else {
            // An adverbial with no "that" after it, or no clause at all: not a report.
            let adverbial = c < te && p.toks[c].is_word() && is_one_of(p.word(c), &["on", "in", "at", "during", "last", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today", "earlier", "later", "repeatedly", "previously", "publicly", "privately"]);
            let no_clause = c >= te || !p.toks[c].is_word() || is_one_of(p.word(c), NO_CLAUSE) || !clause_opener(p, c);
            if adverbial || no_clause {
                continue;
            }
        }
        if te - c < 3 {
            continue;
        }
        // Stop the clause before a trailing ", he said" style tag if any.
        let mut end = te;
        for j in (c + 1..te).rev() {
            if p.toks[j].is_punct(',') && te - j <= 6 && (j + 1..te).any(|x| p.cue_at(x).is_some_and(|q| q.core)) {
                end = j;
                break;
            }
        }
        // A coordinated second predicate of the speaker ends the clause: "…, and said …",
        // "… but is reluctant …", " - he wanted …".
        for j in c + 2..end {
            let t = &p.toks[j];
            if matches!(t.kind, Kind::Punct('—' | '–' | '-' | '(')) {
                end = j;
                break;
            }
            if p.is_word(j) && is_one_of(p.word(j), &["and", "but"]) && j + 1 < end && p.is_word(j + 1) {
                let n = p.word(j + 1);
                let aux = is_one_of(n, &["is", "was", "has", "had", "will", "would"]);
                if p.cue_at(j + 1).is_some() || is_one_of(n, &["repeated", "added", "insisted", "urged", "called", "accused", "denied"]) || (aux && p.is_word_eq(j, "but")) {
                    end = if p.toks[j - 1].is_punct(',') { j - 1 } else { j };
                    break;
                }
            }
        }
        if end <= c {
            continue;
        }
        let a = p.at_cue(s, te, k);
        if a.speaker.is_none() {
            continue;
        }
        out.push(Reported { text: p.toks[c].start..p.toks[end - 1].end, attribution: a, stance: false });
        // Later cues in the sentence (nested or coordinated reports) are still examined.
    }
}

/// `X, NP said, Y`: an attribution parenthetical inside the reported sentence. Both sides are
/// reported pieces.
pub fn parenthetical(p: &Para, s: usize, e: usize, out: &mut Vec<Reported>) -> bool {
    let mut te = e;
    while te > s && matches!(p.toks[te - 1].kind, Kind::Punct(_)) {
        te -= 1;
    }
    for c1 in s + 1..te {
        if !p.toks[c1].is_punct(',') {
            continue;
        }
        // cue within the next 8 tokens, then a comma
        let Some(k) = (c1 + 1..(c1 + 9).min(te)).find(|&k| p.cue_at(k).is_some_and(|c| c.clause && !c.participle)) else { continue };
        let after = p.cue_end(k);
        let Some(c2) = (after..(after + 5).min(te)).find(|&i| p.toks[i].is_punct(',')) else { continue };
        if (c1 + 1..k).any(|i| !p.toks[i].is_word() && !p.toks[i].is_punct('.')) || (after..c2).any(|i| !p.toks[i].is_word()) {
            continue;
        }
        let a = if k == c1 + 1 { p.at_cue(c1 + 1, c2, k) } else { p.at_cue(c1 + 1, k, k) };
        let fits = if k == c1 + 1 { a.speaker.is_some() } else { p.left_np(c1 + 1, k).is_some_and(|(a0, _)| a0 == c1 + 1) };
        if !fits || te <= c2 + 2 {
            continue;
        }
        out.push(Reported { text: p.toks[s].start..p.toks[c1 - 1].end, attribution: a.clone(), stance: false });
        out.push(Reported { text: p.toks[c2 + 1].start..p.toks[te - 1].end, attribution: a, stance: false });
        return true;
    }
    false
}

fn cue_free(p: &Para, i: usize) -> bool {
    p.cue_at(i).is_none()
}

/// Stance attributions without a reported clause: `X plans to …`, `X criticized the plan`,
/// `X called for an inquiry`. The text is the infinitive or the object, up to the next comma
/// or the sentence end. Used only where no clause report was found.
pub fn stance(p: &Para, s: usize, e: usize, out: &mut Vec<Reported>) {
    let mut te = e;
    while te > s && matches!(p.toks[te - 1].kind, Kind::Punct(_)) {
        te -= 1;
    }
    let mut k = s;
    while k < te {
        let t = &p.toks[k];
        if !t.is_word() || t.quoted || !p.lower_word(k) {
            k += 1;
            continue;
        }
        let w = p.word(k);
        let inf = crate::cues::infinitive(w);
        let obj = !inf && crate::cues::object_report(w);
        if !inf && !obj {
            k += 1;
            continue;
        }
        // Not after a determiner ("the proposed rule").
        if k > s && p.is_word(k - 1) && is_one_of(p.word(k - 1), &["the", "a", "an", "his", "her", "their", "its", "our", "this", "that", "so-called", "widely", "often"]) {
            k += 1;
            continue;
        }
        // "-s" forms are often plural nouns ("his frequent calls", "the plans"): only after a
        // name, a pronoun or an adverb.
        if w.ends_with('s') && k > s && p.is_word(k - 1) && !(p.upper(k - 1) || is_one_of(p.word(k - 1), &["he", "she", "it", "who", "that", "which", "also", "now", "still"]) || p.word(k - 1).ends_with("ly")) {
            k += 1;
            continue;
        }
        let mut c = k + 1;
        if inf {
            // "to" right away, or after a short object ("urged voters to").
            match (c..(c + 5).min(te)).find(|&i| p.is_word_eq(i, "to")) {
                Some(t) if (c..t).all(|i| p.is_word(i)) => c = t,
                _ => {
                    k += 1;
                    continue;
                }
            }
        } else {
            if is_one_of(w, &["called", "calls", "calling", "pushed", "pushing"]) {
                if !p.is_word_eq(c, "for") {
                    k += 1;
                    continue;
                }
                c += 1;
            }
            if c < te && p.is_word(c) && is_one_of(p.word(c), &["that", "to", "on", "in", "at", "by", "with", "from", "as", "it", "him", "her", "them", "out", "up", "down", "back", "off", "over", "about"]) {
                k += 1;
                continue;
            }
        }
        let mut end = c;
        while end < te
            && !matches!(p.toks[end].kind, Kind::Punct(',' | ';' | ':' | '—' | '–' | '('))
            && !p.toks[end].is_mark()
            && !p.toks[end].quoted
        {
            end += 1;
        }
        if end <= c + 1 || !p.is_word(c) {
            k += 1;
            continue;
        }
        let speaker = p.left_np(s, k).or_else(|| if k > s && (p.toks[k - 1].is_punct(',') || p.is_word_eq(k - 1, "and")) { p.subject(s, k) } else { None });
        if let Some((a, b)) = speaker {
            let attribution = Attribution { cue: p.toks[k].start..p.toks[k].end, speaker: Some(p.toks[a].start..p.toks[b - 1].end) };
            out.push(Reported { text: p.toks[c].start..p.toks[end - 1].end, attribution, stance: true });
        }
        k = end;
    }
}

/// Lowest mined precision (see `data/cues.tsv`) at which a mined cue reports on its own.
/// With indirect recall far below precision, any cue right more often than about a third
/// of the time raises F1; the floor keeps precision from sliding.
pub const MINED_FLOOR: f32 = 0.35;

/// Reports by the cues mined from the training split: a lowercase cue word (not after a
/// determiner) followed by at least two tokens; the text is the rest of the sentence, or up
/// to the next comma when the cue's mined reach says so. Used only where the rules above
/// found nothing for the same cue or text.
pub fn mined(p: &Para, s: usize, e: usize, out: &mut Vec<Reported>) {
    let mut te = e;
    while te > s && matches!(p.toks[te - 1].kind, Kind::Punct(_)) {
        te -= 1;
    }
    let mut k = s;
    while k + 2 < te {
        if !p.lower_word(k) || p.toks[k].quoted {
            k += 1;
            continue;
        }
        let Some(m) = crate::cues::mined(p.word(k)) else {
            k += 1;
            continue;
        };
        if m.precision < MINED_FLOOR || (k > s && p.is_word(k - 1) && is_one_of(p.word(k - 1), &["the", "a", "an", "his", "her", "their", "its", "our", "this", "that", "my", "your"])) {
            k += 1;
            continue;
        }
        let c = k + 1;
        let end = match m.reach {
            crate::cues::Reach::End => te,
            crate::cues::Reach::Comma => (c..te).find(|&i| matches!(p.toks[i].kind, Kind::Punct(',' | '—' | '–' | '(' | ':'))).unwrap_or(te),
        };
        if end <= c || !p.toks[c].is_word() && !p.toks[c].is_punct('$') {
            k += 1;
            continue;
        }
        // The speaker: the main clause's subject for a participle ("…, arguing …"), else the
        // phrase right before the cue; never the words after it (they are the report).
        let w = p.word(k);
        let after_break = k > s && (p.toks[k - 1].is_punct(',') || p.is_word(k - 1) && is_one_of(p.word(k - 1), &["and", "but"]));
        let speaker = if w.ends_with("ing") {
            p.subject(s, k)
        } else {
            p.left_np(s, k).or_else(|| if after_break { p.subject(s, k) } else { None })
        }
        .or_else(|| if w.ends_with("ing") { None } else { p.clause_np(s, k) });
        // No one to attribute it to: more often narration than a report.
        let Some((a, b)) = speaker else {
            k += 1;
            continue;
        };
        let attribution = Attribution { cue: p.cue_span(k), speaker: Some(p.span(a, b)) };
        out.push(Reported { text: p.toks[c].start..p.toks[end - 1].end, attribution, stance: true });
        k = end;
    }
}
