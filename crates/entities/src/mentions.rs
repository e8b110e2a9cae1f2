//! Capitalised-span detection and typing: turns tokens into name candidates.
//!
//! A candidate is a maximal run of capitalised words (joined by "of"/"for" only after an
//! organisation/title head, by name particles, or by a possessive before "Office"-like heads).
//! Sentence-initial capitals that are ordinary English words are trimmed. Each run is split into
//! an optional title part ("Prime Minister", "Green MP" → descriptor, with "Green" as its own
//! organisation candidate), an optional honorific ("Dr"), and the name, typed from its head word,
//! the place list, given names, and whether its words are ordinary English words.

use crate::lexicon::{self as lx, Gender};
use crate::tokens::{Case, Kind, Tokens};
use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    Person,
    Org,
    Place,
    Group,
    Event,
    Other,
    /// one word, typed later from its contexts in the whole document
    Single,
    /// one word that a title/role context says is an organisation or a place ("Green" in
    /// "Green MP", "Harbour North" in "Harbour North MP")
    OrgOrPlace,
}

#[derive(Debug, Clone)]
pub struct Cand {
    /// tokens of the form as written, honorific included ("Dr Tomas Okafor")
    pub toks: Range<usize>,
    /// tokens of the bare name ("Tomas Okafor")
    pub name: Range<usize>,
    pub honorific: Option<Gender>,
    /// tokens of a title or role written before the name ("Prime Minister", "former whip")
    pub title: Option<Range<usize>>,
    pub hint: Hint,
    /// the hint comes from a strong context (credit line, title) and must not be overridden
    pub forced: bool,
}

/// A capitalised title with no name ("the Prime Minister", "the Speaker of the House").
#[derive(Debug, Clone)]
pub struct Role {
    pub toks: Range<usize>,
}

pub struct Found {
    pub cands: Vec<Cand>,
    pub roles: Vec<Role>,
}

fn is_run_word(t: &Tokens, i: usize) -> bool {
    t.is_cap(i) && {
        let l = t.lower(i);
        l != "i" && !(lx::is_stop_capital(l) && !lx::is_title_head(l) && !lx::is_known_org(l))
    }
}

fn is_head_for_of(l: &str) -> bool {
    lx::is_org_head(l) || lx::is_title_head(l) || lx::is_other_head(l) || lx::is_event_head(l)
        || matches!(l, "house" | "state" | "states" | "republic" | "kingdom" | "department" | "secretary" | "leader" | "cape" | "isle" | "gulf" | "bay" | "sea")
}

/// End (exclusive) of the capitalised run starting at `i`.
fn run_end(t: &Tokens, i: usize) -> usize {
    let n = t.len();
    let mut j = i + 1;
    while j < n {
        if t.toks[j].para != t.toks[i].para {
            break;
        }
        if is_run_word(t, j)
            || (t.is_cap(j)
                && matches!(t.lower(j), "may" | "june" | "april" | "august")
                && lx::given_name(t.lower(j - 1)).is_some()
                && t.toks[j - 1].case == Case::Title
                && !t.toks.get(j + 1).is_some_and(|x| x.case == Case::Other))
        {
            j += 1;
            continue;
        }
        if t.is_word(j) && t.toks[j].case == Case::Lower {
            let l = t.lower(j);
            if lx::is_name_particle(l) && is_run_word(t, j + 1) {
                j += 2;
                continue;
            }
            if matches!(l, "of" | "for") && is_head_for_of(t.lower(j - 1)) {
                let k = if t.lower(j + 1) == "the" && t.is_word(j + 1) { j + 2 } else { j + 1 };
                if is_run_word(t, k) && t.toks[k].case != Case::Upper || (is_run_word(t, k) && t.lower(k).len() > 1) {
                    j = k + 1;
                    continue;
                }
            }
            break;
        }
        if t.toks[j].kind == Kind::Possessive && is_run_word(t, j + 1) {
            // "Prime Minister's Office": keep the possessive when an org head follows closely
            let mut k = j + 1;
            let mut ok = false;
            while k < n && k < j + 4 && is_run_word(t, k) {
                if lx::is_org_head(t.lower(k)) {
                    ok = true;
                }
                k += 1;
            }
            if ok && lx::is_org_head(t.lower(k - 1)) {
                j = k;
                continue;
            }
            break;
        }
        if t.punct(j) == Some('&') && is_run_word(t, j + 1) {
            j += 2;
            continue;
        }
        break;
    }
    j
}

/// Words of a range (skipping possessives/punctuation).
fn words(t: &Tokens, r: &Range<usize>) -> Vec<usize> {
    r.clone().filter(|&k| t.is_word(k) && t.toks[k].case != Case::Lower).collect()
}

pub fn find(t: &Tokens) -> Found {
    let n = t.len();
    // words seen capitalised where capitals are meaningful
    let mut mid_caps: FxHashSet<&str> = FxHashSet::default();
    for i in 0..n {
        if t.toks[i].case == Case::Title && !t.toks[i].sent_start && t.toks[i].kind == Kind::Word {
            mid_caps.insert(t.lower(i));
        }
    }
    let headlines = headline_paras(t);
    let mut out = Found { cands: Vec::new(), roles: Vec::new() };
    let mut i = 0;
    while i < n {
        if !is_run_word(t, i) {
            i += 1;
            continue;
        }
        let end = run_end(t, i);
        let start = i;
        // photo credit "JANE DOE/Outlet ..." or "OUTLET / Jane Doe ...": split at the slash
        if t.punct(end) == Some('/') && is_run_word(t, end + 1) && end - first_word_of_para(t, i) <= 8 {
            let right_end = run_end(t, end + 1);
            let left_words = words(t, &(start..end));
            let (left_hint, right_len) = if left_words.len() >= 2 { (Hint::Person, 1) } else { (Hint::Org, 2) };
            let mut rlen = right_len.min(right_end - (end + 1));
            if left_hint == Hint::Person && rlen == 1 && end + 2 < right_end && lx::is_org_head(t.lower(end + 2)) {
                rlen = 2;
            }
            let right_hint = if left_hint == Hint::Person { Hint::Org } else { Hint::Person };
            push_forced(&mut out, start..end, left_hint);
            // "JANE DOE/The Harbour Times A caption": the outlet's name follows its article
            // (two words at most, the caption's first word being capitalised too).
            let mut right_start = end + 1;
            if right_hint == Hint::Org && is_function_word(t.lower(right_start)) && right_start + 1 < right_end {
                right_start += 1;
                rlen = (right_end - right_start).min(2);
            }
            if rlen > 0 {
                push_forced(&mut out, right_start..right_start + rlen, right_hint);
            }
            let rest = right_start + rlen;
            if rest < right_end {
                analyze(t, rest, right_end, true, &mid_caps, &mut out);
            }
            i = right_end.max(end + 1);
            continue;
        }
        if headlines.contains(&t.toks[i].para) {
            // In a title-case headline every word is capitalised: a name is a stretch of
            // words known as names or capitalised elsewhere in the text.
            let mut k = start;
            while k < end {
                while k < end && !(t.is_word(k) && headline_name_word(t, k, &mid_caps)) {
                    k += 1;
                }
                let from = k;
                while k < end && (!t.is_word(k) || headline_name_word(t, k, &mid_caps)) {
                    k += 1;
                }
                if from < k {
                    trim_and_analyze(t, from, k, &mid_caps, &mut out);
                }
            }
        } else {
            trim_and_analyze(t, start, end, &mid_caps, &mut out);
        }
        i = end.max(i + 1);
    }
    out
}

/// Paragraphs whose every word is uncertain (see [`crate::tokens`]): headlines.
fn headline_paras(t: &Tokens) -> FxHashSet<u32> {
    let mut words: FxHashMap<u32, (usize, bool)> = FxHashMap::default();
    for tok in t.toks.iter().filter(|x| x.kind == Kind::Word) {
        let e = words.entry(tok.para).or_insert((0, true));
        e.0 += 1;
        e.1 &= tok.sent_start;
    }
    words.into_iter().filter(|&(_, (n, all))| n >= 3 && all).map(|(p, _)| p).collect()
}

/// A headline word that can be part of a name.
fn headline_name_word(t: &Tokens, k: usize, mid_caps: &FxHashSet<&str>) -> bool {
    let l = t.lower(k);
    t.is_cap(k)
        && !is_function_word(l)
        && (mid_caps.contains(l)
            || lx::given_name(l).is_some()
            || lx::is_place(l)
            || lx::is_known_org(l)
            || lx::honorific(l).is_some()
            || !(lx::is_common(l) || lx::is_stop_capital(l)))
}

/// Trims sentence-initial ordinary words off a run ("Kicked", "The", "Former") and types
/// what is left.
fn trim_and_analyze(t: &Tokens, mut start: usize, end: usize, mid_caps: &FxHashSet<&str>, out: &mut Found) {
    {
        let uncertain = t.toks[start].sent_start;
        while start < end {
            let l = t.lower(start);
            let drop = is_function_word(l)
                || (uncertain_at(t, start, uncertain)
                    && (lx::is_common(l) || lx::is_stop_capital(l))
                    && lx::given_name(l).is_none_or(|_| lx::is_common(l) && !is_run_word(t, start + 1))
                    && !lx::is_title_head(l)
                    && !lx::is_title_modifier(l)
                    && lx::honorific(l).is_none()
                    && !mid_caps.contains(l)
                    && !lx::is_known_org(l)
                    && !lx::is_place(l)
                    && t.toks[start].case != Case::Upper);
            if !drop {
                break;
            }
            start += 1;
            while start < end && !t.is_word(start) {
                start += 1;
            }
        }
        if start < end {
            analyze(t, start, end, false, mid_caps, out);
        }
    }
}

/// Words that start sentences and are never part of a name.
fn is_function_word(l: &str) -> bool {
    matches!(
        l,
        "the" | "a" | "an" | "and" | "but" | "or" | "in" | "on" | "at" | "as" | "if" | "so" | "to" | "for" | "of" | "with"
            | "by" | "from" | "this" | "that" | "these" | "those" | "it" | "he" | "she" | "they" | "we" | "you" | "his"
            | "her" | "their" | "our" | "its" | "my" | "when" | "while" | "after" | "before" | "what" | "why" | "how"
            | "where" | "who" | "asked" | "then" | "there" | "here" | "not" | "no" | "yes" | "all" | "some" | "one"
            | "despite" | "although" | "though" | "because" | "since" | "until" | "during" | "under" | "over" | "about"
            | "also" | "even" | "just" | "now" | "later" | "earlier" | "meanwhile" | "however" | "instead" | "like"
    )
}

fn uncertain_at(t: &Tokens, k: usize, run_uncertain: bool) -> bool {
    run_uncertain || t.toks[k].sent_start
}

fn first_word_of_para(t: &Tokens, i: usize) -> usize {
    let p = t.toks[i].para;
    let mut k = i;
    while k > 0 && t.toks[k - 1].para == p {
        k -= 1;
    }
    k
}

fn push_forced(out: &mut Found, r: Range<usize>, hint: Hint) {
    out.cands.push(Cand { toks: r.clone(), name: r, honorific: None, title: None, hint, forced: true });
}

/// Splits one run into title / honorific / name and types it.
fn analyze(t: &Tokens, start: usize, end: usize, after_credit: bool, mid_caps: &FxHashSet<&str>, out: &mut Found) {
    let ws = words(t, &(start..end));
    if ws.is_empty() {
        return;
    }
    let lw: Vec<&str> = ws.iter().map(|&k| t.lower(k)).collect();
    // after a credit line the caption starts a new sentence: trim ordinary words there too
    if after_credit {
        let mut s = 0;
        while s < ws.len() && lx::is_common(lw[s]) && !lx::is_title_head(lw[s]) && !lx::is_title_modifier(lw[s]) && !mid_caps.contains(lw[s]) {
            s += 1;
        }
        if s > 0 {
            if s < ws.len() {
                analyze(t, ws[s], end, false, mid_caps, out);
            }
            return;
        }
    }
    // last title head followed by a name
    let mut title_end: Option<usize> = None; // index into ws, inclusive
    let last_l = lw[lw.len() - 1];
    let headed = ws.len() > 1
        && (lx::is_org_head(last_l) || lx::is_other_head(last_l) || lx::is_event_head(last_l) || lx::is_place_head(last_l))
        && !lx::is_title_head(last_l);
    for k in (0..ws.len()).rev() {
        if headed {
            break;
        }
        if lx::is_title_head(lw[k]) && k + 1 < ws.len() {
            // office complement: "Secretary of State Mike Pompeo"
            let mut m = k + 1;
            if ws[m] > ws[k] + 1 && matches!(t.lower(ws[k] + 1), "of" | "for") {
                // the complement runs until a given name or honorific starts a name
                while m < ws.len() && !(lx::honorific(lw[m]).is_some() || (lx::given_name(lw[m]).is_some() && m + 1 < ws.len())) {
                    m += 1;
                }
                if m >= ws.len() {
                    break;
                }
                title_end = Some(m - 1);
            } else {
                title_end = Some(k);
            }
            break;
        }
    }
    let name_from = title_end.map_or(0, |k| k + 1);
    if let Some(te) = title_end {
        sub_org(t, &ws[..=te], &lw[..=te], out);
    }
    // honorific
    let mut honorific = None;
    let mut nf = name_from;
    if nf < ws.len() {
        if let Some(g) = lx::honorific(lw[nf]) {
            if nf + 1 < ws.len() {
                honorific = Some(g);
                nf += 1;
            } else {
                return;
            }
        }
    }
    let title_only = !headed && title_end.is_none() && lw.iter().any(|w| lx::is_title_head(w)) && lx::is_title_head(lw[lw.len() - 1])
        || (title_end.is_none() && lx::is_title_head(lw[0]) && ws.len() > 1 && matches!(t.lower(ws[0] + 1), "of" | "for"));
    if title_only {
        // "the Prime Minister", "Green Leader", "Speaker of the House"
        let last_head = (0..ws.len()).rev().find(|&k| lx::is_title_head(lw[k])).unwrap_or(0);
        let first_mod = (0..ws.len()).find(|&k| lx::is_title_head(lw[k]) || lx::is_title_modifier(lw[k])).unwrap_or(0);
        if first_mod > 0 {
            sub_org(t, &ws[..=last_head], &lw[..=last_head], out);
        }
        out.roles.push(Role { toks: ws[first_mod]..end });
        return;
    }
    let name_words = &ws[nf..];
    let nl = &lw[nf..];
    if name_words.is_empty() {
        return;
    }
    let title = title_end.map(|te| ws[0]..ws[te] + 1);
    let toks = ws[name_from]..end;
    let name = name_words[0]..end;
    let joined = nl.join(" ");
    let last = nl[nl.len() - 1];
    let before = ws[0].checked_sub(1).filter(|&b| t.is_word(b)).map(|b| t.lower(b));
    let mut hint = if honorific.is_some() || title.is_some() {
        if lx::is_org_head(last) && nl.len() > 1 { Hint::Org } else { Hint::Person }
    } else if lx::is_place(&joined) {
        Hint::Place
    } else if nl.len() == 1 {
        Hint::Single
    } else if lx::is_group_noun(last) {
        // "Green MPs": a group, with its organisation
        sub_org(t, &name_words[..name_words.len() - 1], &nl[..nl.len() - 1], out);
        Hint::Group
    } else if lx::is_org_head(last) {
        Hint::Org
    } else if lx::is_place_head(last) {
        Hint::Place
    } else if lx::is_event_head(last) {
        Hint::Event
    } else if lx::is_other_head(last) {
        Hint::Other
    } else if nl.len() <= 4
        && (lx::given_name(nl[0]).is_some_and(|_| !lx::is_demonym(nl[0]))
            || nl.iter().all(|w| !lx::is_common(w) && !lx::is_demonym(w) && !lx::is_place(w) && !lx::is_known_org(w)))
        && !nl.iter().any(|w| lx::is_title_head(w) || lx::is_org_head(w))
    {
        Hint::Person
    } else {
        // ordinary words, or a place/nationality first: a phrase, not a name
        Hint::Other
    };
    // "a Star Chamber": an indefinite article marks a common noun phrase, not a name
    if matches!(before, Some("a" | "an")) && title.is_none() && honorific.is_none() && hint != Hint::Single {
        hint = Hint::Other;
    }
    // lowercase role before the name: "former whip X", "Green leader X"
    let mut title = title;
    if title.is_none() && matches!(hint, Hint::Person | Hint::Single) && !after_credit {
        if let Some(b) = ws[0].checked_sub(1) {
            if t.is_word(b) && t.toks[b].case == Case::Lower && lx::is_role_noun(t.lower(b)) {
                let mut s = b;
                while s > 0 {
                    let p = s - 1;
                    if !t.is_word(p) || t.toks[p].para != t.toks[b].para {
                        break;
                    }
                    let pl = t.lower(p);
                    if (t.toks[p].case == Case::Lower && (lx::is_title_modifier(pl) || lx::is_role_noun(pl)))
                        || (t.is_cap(p) && !t.toks[p].sent_start && !lx::is_stop_capital(pl))
                        || (t.is_cap(p) && t.toks[p].sent_start && !lx::is_common(pl))
                    {
                        s = p;
                    } else {
                        break;
                    }
                }
                title = Some(s..b + 1);
                if hint == Hint::Single {
                    hint = Hint::Person;
                }
            }
        }
    }
    out.cands.push(Cand { toks, name, honorific, title, hint, forced: false });
}

/// The organisation or place named inside a title ("Green" in "Senior Green MP", "Kestrel" in
/// "Radio Kestrel Political Editor", "Harbour North" in "Harbour North MP").
fn sub_org(t: &Tokens, ws: &[usize], lw: &[&str], out: &mut Found) {
    let mut k = 0;
    while k < ws.len()
        && (lx::is_title_modifier(lw[k]) && !lx::is_known_org(lw[k]) || lx::is_demonym(lw[k]) || (t.toks[ws[k]].sent_start && is_function_word(lw[k])))
    {
        k += 1;
    }
    let s = k;
    while k < ws.len() && !lx::is_title_head(lw[k]) && !lx::is_title_modifier(lw[k]) && !lx::is_demonym(lw[k]) && t.is_cap(ws[k]) {
        k += 1;
    }
    if k > s {
        let r = ws[s]..ws[k - 1] + 1;
        let joined = lw[s..k].join(" ");
        let hint = if lx::is_place(&joined) || lx::is_place_head(lw[k - 1]) { Hint::Place } else { Hint::OrgOrPlace };
        out.cands.push(Cand { toks: r.clone(), name: r, honorific: None, title: None, hint, forced: true });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;
    use parallax_core::Document;

    fn cands(text: &str) -> Vec<(String, Hint)> {
        let d = Document::from_paragraphs("t", [text]);
        let t = tokenize(&d);
        find(&t).cands.iter().map(|c| (d.body[t.toks[c.name.start].start..t.toks[c.name.end - 1].end].to_string(), c.hint)).collect()
    }

    #[test]
    fn splits_titles_and_honorifics() {
        let c = cands("Yesterday Finance Minister Dr Olga Petrenko met Greenpeace officials at the Tasman Fisheries Council.");
        assert!(c.contains(&("Olga Petrenko".into(), Hint::Person)), "{c:?}");
        assert!(c.contains(&("Tasman Fisheries Council".into(), Hint::Org)), "{c:?}");
        assert!(!c.iter().any(|(n, _)| n == "Yesterday"));
    }

    #[test]
    fn credit_lines() {
        let c = cands("JANE ROWE/Daily Bugle The bridge before it closed.");
        assert!(c.contains(&("JANE ROWE".into(), Hint::Person)), "{c:?}");
        assert!(c.contains(&("Daily Bugle".into(), Hint::Org)) || c.contains(&("Daily".into(), Hint::Org)), "{c:?}");
    }

    #[test]
    fn party_inside_title() {
        let c = cands("The vote angered Green MP Tom Okafor and the Harbour Board.");
        assert!(c.contains(&("Tom Okafor".into(), Hint::Person)), "{c:?}");
        assert!(c.iter().any(|(n, h)| n == "Green" && *h == Hint::OrgOrPlace), "{c:?}");
    }
}

#[cfg(test)]
mod headline_tests {
    use super::*;
    use crate::tokens::tokenize;
    use parallax_core::Document;

    #[test]
    fn title_case_headline_names_are_split_from_its_words() {
        for headline in ["Mara Quill Goes After Oren Sharpe As The New Harbour Chief", "Mara Quill Goes After Oren Sharpe As The New Harbour Chief."] {
            let d = Document::from_paragraphs("t", [headline, "Later Quill said the harbour was safe, and Sharpe disagreed."]);
            let t = tokenize(&d);
            let names: Vec<String> =
                find(&t).cands.iter().map(|c| d.body[t.toks[c.name.start].start..t.toks[c.name.end - 1].end].to_string()).collect();
            assert!(names.contains(&"Mara Quill".to_string()), "{headline}: {names:?}");
            assert!(names.contains(&"Oren Sharpe".to_string()), "{headline}: {names:?}");
            assert!(!names.iter().any(|n| n.contains("Goes")), "{headline}: {names:?}");
        }
    }
}
