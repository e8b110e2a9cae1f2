//! Quote speakers → entities.
//!
//! A speaker span is, in this order: a pronoun (he/she → the salient person of that gender
//! outside quotations; they → the nearest group); a span holding a name ("Dr Okafor", "Greens and
//! the Service" → its first name), unless it is "a spokesperson for X"-like (the speaker is then
//! someone unnamed, not X); "her statement" → her; a description ("the Prime Minister", "the
//! rogue MP") → the entity the text gives that title or role to; anything else → an unnamed
//! entity of its own, one per distinct description in the document.

use crate::coref::{self, descriptor_key, Ent};
use crate::lexicon::{self as lx, Gender};
use crate::tokens::{tokenize, Case, Tokens};
use parallax_core::{Document, Entity, EntityType, Mention, MentionKind, Quote, SpeakerSource, Span};

fn gender_of(doc: &Document, e: &Entity) -> Gender {
    if e.kind != EntityType::Person {
        return Gender::Unknown;
    }
    let (mut m, mut f) = (0, 0);
    for a in &e.aliases {
        let mut ws = a.split_whitespace().map(|w| w.to_lowercase());
        if let Some(w) = ws.next() {
            match lx::honorific(&w).or_else(|| if lx::is_common(&w) { None } else { lx::given_name(&w) }) {
                Some(Gender::Male) => m += 3,
                Some(Gender::Female) => f += 3,
                _ => {}
            }
        }
    }
    for mm in &e.mentions {
        if mm.kind == MentionKind::Pronoun {
            match doc.body.get(mm.span.clone()).map(|s| s.to_lowercase()).as_deref().and_then(lx::pronoun) {
                Some('m') => m += 1,
                Some('f') => f += 1,
                _ => {}
            }
        }
    }
    if m > f {
        Gender::Male
    } else if f > m {
        Gender::Female
    } else {
        Gender::Unknown
    }
}

fn as_ents(doc: &Document, entities: &[Entity]) -> Vec<Ent> {
    entities
        .iter()
        .map(|e| Ent {
            e: e.clone(),
            words: e.name.split_whitespace().map(|w| w.to_lowercase()).collect(),
            gender: gender_of(doc, e),
            role: e.aliases.is_empty(),
        })
        .collect()
}

pub fn attribute_quotes(doc: &Document, entities: &mut Vec<Entity>, quotes: &mut [Quote]) {
    let t = tokenize(doc);
    let mut quote_spans: Vec<Span> = quotes.iter().map(|q| q.text.clone()).filter(|s| s.start <= s.end && s.end <= doc.body.len()).collect();
    quote_spans.sort_by_key(|s| s.start);
    let masked = |ti: usize| {
        let tok = &t.toks[ti];
        tok.in_quote || {
            let i = quote_spans.partition_point(|s| s.start <= tok.start);
            i > 0 && quote_spans[i - 1].end > tok.start
        }
    };
    for qi in 0..quotes.len() {
        let Some(span) = quotes[qi].speaker.clone() else { continue };
        if span.start > span.end || span.end > doc.body.len() || !doc.body.is_char_boundary(span.start) || !doc.body.is_char_boundary(span.end) {
            continue;
        }
        let span = core_speaker(&doc.body, span);
        if span.is_empty() {
            continue;
        }
        let ents = as_ents(doc, entities);
        let found = resolve(doc, &t, &ents, &masked, span.clone(), entities);
        quotes[qi].entity = found;
    }
    // quotes attributed by context take their source's entity (chains followed, cycles cut)
    for qi in 0..quotes.len() {
        if quotes[qi].entity.is_some() {
            continue;
        }
        let mut j = qi;
        let mut steps = 0;
        while let SpeakerSource::Context(k) = quotes[j].speaker_source {
            if k >= quotes.len() || steps > quotes.len() {
                break;
            }
            j = k;
            steps += 1;
            if quotes[j].entity.is_some() {
                break;
            }
        }
        if j != qi && quotes[j].entity.is_some() && matches!(quotes[qi].speaker_source, SpeakerSource::Context(_)) {
            quotes[qi].entity = quotes[j].entity;
        }
    }
}

/// The speaker's own noun phrase inside a cue span that runs on: "a statement from X" → X,
/// "X, Helen Marsh, the caucus" → X, "X on Thursday night" → X.
pub fn core_speaker(body: &str, span: Span) -> Span {
    let text = &body[span.clone()];
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return span; // lowercase changed byte lengths: keep the span as given
    }
    let mut start = 0;
    // "(a|the) statement from/by/of ...", "according to ..."
    for prefix in ["according to "] {
        if lower[start..].starts_with(prefix) {
            start += prefix.len();
        }
    }
    let mut w = lower[start..].split(' ');
    let first = w.next().unwrap_or("");
    let (art, noun, prep) = if matches!(first, "a" | "an" | "the" | "his" | "her" | "their" | "its") {
        (first.len() + 1, w.next().unwrap_or(""), w.next().unwrap_or(""))
    } else {
        (0, first, w.next().unwrap_or(""))
    };
    if matches!(noun, "statement" | "post" | "letter" | "tweet" | "email" | "release" | "message" | "note") && matches!(prep, "from" | "by" | "of" | "issued") {
        start += art + noun.len() + 1 + prep.len() + 1;
        if lower[start..].starts_with("by ") {
            start += 3;
        }
    }
    let rest = &lower[start..];
    let mut end = rest.len();
    for stop in [",", ";", " - ", " \u{2013} ", " \u{2014} ", "(", " on ", " during ", " after ", " who ", " which ", " to protect", " in a ", " in an ", " at a "] {
        if let Some(i) = rest.find(stop) {
            if i > 0 {
                end = end.min(i);
            }
        }
    }
    let s = span.start + start;
    let mut e = span.start + start + end;
    while e > s && body.as_bytes()[e - 1] == b' ' {
        e -= 1;
    }
    if !body.is_char_boundary(s) || !body.is_char_boundary(e) || s >= e {
        return span;
    }
    s..e
}

fn words_in(t: &Tokens, span: &Span) -> Vec<usize> {
    let a = t.toks.partition_point(|x| x.start < span.start);
    let b = t.toks.partition_point(|x| x.start < span.end);
    (a..b).filter(|&k| t.is_word(k) || t.toks[k].kind == crate::tokens::Kind::Possessive).collect()
}

fn resolve(doc: &Document, t: &Tokens, ents: &[Ent], masked: &dyn Fn(usize) -> bool, span: Span, entities: &mut Vec<Entity>) -> Option<usize> {
    let ws = words_in(t, &span);
    if ws.is_empty() {
        return None;
    }
    let lw: Vec<&str> = ws.iter().map(|&k| t.lower(k)).collect();
    let first_tok = ws[0];
    // 1. pronouns
    if ws.len() == 1 {
        match lx::pronoun(lw[0]) {
            Some('m') | Some('f') => {
                let g = if lx::pronoun(lw[0]) == Some('m') { Gender::Male } else { Gender::Female };
                let pm = coref::person_mentions(t, ents, masked);
                return coref::antecedent(t, ents, &pm, first_tok, g);
            }
            Some('p') => return they(doc, t, ents, masked, first_tok, entities),
            _ => {}
        }
        if matches!(lw[0], "i" | "we" | "it" | "you") {
            return None;
        }
    }
    // 2. "her statement", "his office"
    if ws.len() == 2 && matches!(lw[0], "his" | "her") && matches!(lw[1], "statement" | "post" | "letter" | "tweet" | "message" | "email" | "speech" | "remarks") {
        let g = if lw[0] == "his" { Gender::Male } else { Gender::Female };
        let pm = coref::person_mentions(t, ents, masked);
        return coref::antecedent(t, ents, &pm, first_tok, g);
    }
    let mut k0 = 0;
    while k0 < lw.len() && matches!(lw[k0], "the" | "a" | "an" | "one" | "another") {
        k0 += 1;
    }
    // "a spokesperson for X", "sources close to X": someone unnamed
    let unnamed_head = (k0..lw.len()).any(|k| {
        (lx::is_speaker_noun(lw[k]) || lx::is_role_noun(lw[k]) || lx::is_group_noun(lw[k]))
            && t.toks[ws[k]].case == Case::Lower
            && lw.get(k + 1).is_some_and(|n| matches!(*n, "for" | "of" | "from" | "at" | "to" | "close" | "with" | "in"))
            && k <= k0 + 2
    });
    // "the Harbour North MP": a name that only qualifies a role is not the speaker
    let role_last = lw.last().is_some_and(|l| lx::is_role_noun(l) || lx::is_title_head(l)) && ws.len() > 1;
    // 3. a name inside the span
    if !unnamed_head {
        let mut best: Option<(usize, usize)> = None;
        for (i, e) in ents.iter().enumerate() {
            for m in &e.e.mentions {
                if m.kind == MentionKind::Name
                    && m.span.start >= span.start
                    && m.span.end <= span.end
                    && !(role_last && m.span.end < span.end && e.e.kind != EntityType::Person)
                    && best.is_none_or(|(s, _)| m.span.start < s)
                {
                    best = Some((m.span.start, i));
                }
            }
        }
        if let Some((_, i)) = best {
            // "X's statement": X; "X's recording" is not X's words
            let owned_thing = ws.iter().any(|&k| t.toks[k].kind == crate::tokens::Kind::Possessive)
                && lw.last().is_some_and(|l| matches!(*l, "recording" | "tape" | "video" | "footage" | "report" | "book" | "film" | "lawyer" | "lawyers" | "spokesperson" | "spokesman" | "spokeswoman" | "office" | "aide" | "aides"));
            if !owned_thing {
                return Some(i);
            }
        }
    }
    // 4. a description the text gives to an entity
    let text = &doc.body[span.clone()];
    let key = descriptor_key(text);
    if !unnamed_head && !key.is_empty() {
        let mut best: Option<(usize, usize, usize)> = None; // (score, mentions, idx)
        let head = key.rsplit(' ').next().unwrap_or("");
        let head_is_role = lx::is_role_noun(head) || lx::is_title_head(head);
        for (i, e) in ents.iter().enumerate() {
            if !matches!(e.e.kind, EntityType::Person | EntityType::Org) {
                continue;
            }
            for d in &e.e.descriptors {
                let dk = descriptor_key(d);
                let score = if dk == key {
                    3
                } else if dk.ends_with(&format!(" {key}")) || key.ends_with(&format!(" {dk}")) {
                    2
                } else if head_is_role && dk.rsplit(' ').next() == Some(head) {
                    1
                } else {
                    0
                };
                if score > 0 {
                    let cand = (score, e.e.mentions.len(), i);
                    if best.is_none_or(|b| (cand.0, cand.1) > (b.0, b.1)) {
                        best = Some(cand);
                    }
                }
            }
            if e.role && e.words.join(" ") == key {
                let cand = (3, e.e.mentions.len(), i);
                if best.is_none_or(|b| (cand.0, cand.1) > (b.0, b.1)) {
                    best = Some(cand);
                }
            }
        }
        if let Some((_, _, i)) = best {
            return Some(i);
        }
        // a group description ("MPs and ministers") → a group entity with the same head noun
        if lw.iter().any(|w| lx::is_group_noun(w)) {
            for (i, e) in ents.iter().enumerate() {
                if e.e.kind == EntityType::Group && !e.words.is_empty() {
                    let h = e.words[e.words.len() - 1].as_str();
                    if lw[k0..].iter().take_while(|w| !matches!(**w, "for" | "of" | "from")).any(|w| *w == h) {
                        return Some(i);
                    }
                }
            }
        }
        // "the MP", "the Harbour North MP" with no holder named in the text: a definite role
        // description in a news report refers to its most salient person
        let definite = lw[0] == "the" && k0 == 1;
        if definite && head_is_role && !lx::is_group_noun(head) && !lx::is_speaker_noun(head) {
            let best = ents
                .iter()
                .enumerate()
                .filter(|(_, e)| e.e.kind == EntityType::Person && !e.role)
                .max_by_key(|(_, e)| e.e.mentions.len())
                .filter(|(_, e)| e.e.mentions.len() >= 3)
                .map(|(i, _)| i);
            if best.is_some() {
                return best;
            }
        }
    }
    // 5. unnamed speaker
    Some(unnamed(doc, t, &ws, k0, span, entities))
}

/// An entity for an unnamed speaker (one per distinct description in the document).
fn unnamed(doc: &Document, t: &Tokens, ws: &[usize], k0: usize, span: Span, entities: &mut Vec<Entity>) -> usize {
    let name_start = if k0 < ws.len() { t.toks[ws[k0]].start } else { span.start };
    let name = doc.body[name_start..span.end].trim().to_string();
    let lname = name.to_lowercase();
    let lw: Vec<&str> = ws[k0.min(ws.len())..].iter().map(|&k| t.lower(k)).collect();
    let head_idx = lw.iter().position(|w| matches!(*w, "for" | "of" | "from" | "at" | "to" | "close" | "with" | "in")).unwrap_or(lw.len());
    let head = if head_idx > 0 { lw[head_idx - 1] } else { "" };
    let kind = if lx::is_group_noun(head) || (head.ends_with('s') && lx::is_role_noun(head.trim_end_matches('s'))) {
        EntityType::Group
    } else if lx::is_speaker_noun(head) || lx::is_role_noun(head) || lx::is_title_head(head) {
        EntityType::Person
    } else if lx::is_org_head(head) {
        EntityType::Org
    } else {
        EntityType::Other
    };
    let descriptor = doc.body[span.clone()].trim().to_string();
    if let Some(i) = entities.iter().position(|e| e.aliases.is_empty() && e.name.to_lowercase() == lname) {
        let e = &mut entities[i];
        if !e.descriptors.contains(&descriptor) {
            e.descriptors.push(descriptor);
        }
        e.mentions.push(Mention { span, kind: MentionKind::Descriptor });
        return i;
    }
    entities.push(Entity { name, kind, aliases: Vec::new(), descriptors: vec![descriptor], mentions: vec![Mention { span, kind: MentionKind::Descriptor }] });
    entities.len() - 1
}

/// "they": the nearest earlier group (a group entity, or a plural group noun such as
/// "protesters"), else the nearest organisation, within a few sentences.
fn they(doc: &Document, t: &Tokens, ents: &[Ent], masked: &dyn Fn(usize) -> bool, at: usize, entities: &mut Vec<Entity>) -> Option<usize> {
    let sent_now = t.toks[at].sent;
    let mut org: Option<usize> = None;
    let mut k = at;
    while k > 0 {
        k -= 1;
        let tok = &t.toks[k];
        if sent_now.saturating_sub(tok.sent) > 3 {
            break;
        }
        if masked(k) || !t.is_word(k) {
            continue;
        }
        // entity mention starting here
        if let Some((i, e)) = ents.iter().enumerate().find(|(_, e)| e.e.mentions.iter().any(|m| m.kind == MentionKind::Name && m.span.start == tok.start)) {
            if e.e.kind == EntityType::Group {
                return Some(i);
            }
            if e.e.kind == EntityType::Org && org.is_none() {
                org = Some(i);
            }
            continue;
        }
        let l = t.lower(k);
        if tok.case == Case::Lower && lx::is_group_noun(l) && !matches!(l, "people" | "members" | "children" | "women" | "men" | "families") {
            let span = tok.start..tok.end;
            let ws = [k];
            return Some(unnamed(doc, t, &ws, 0, span, entities));
        }
    }
    org
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::find_entities;
    use parallax_core::QuoteKind;

    fn quote(doc: &Document, text: &str, speaker: &str) -> Quote {
        let ts = doc.body.find(text).unwrap();
        let sp = doc.body[ts..].find(speaker).map(|i| ts + i).unwrap_or_else(|| doc.body.find(speaker).unwrap());
        Quote { text: ts..ts + text.len(), kind: QuoteKind::Direct, cue: None, speaker: Some(sp..sp + speaker.len()), speaker_source: SpeakerSource::Cue, entity: None }
    }

    #[test]
    fn trims_run_on_speaker_spans() {
        let b = "x said a statement from a spokeswoman for the Mayor, Ann Lee, today";
        let s = b.find("a statement").unwrap();
        let c = core_speaker(b, s..b.len());
        assert_eq!(&b[c], "a spokeswoman for the Mayor");
    }

    #[test]
    fn pronouns_titles_and_unnamed_speakers() {
        let doc = Document::from_paragraphs(
            "t",
            [
                "Harbour Minister Olga Petrenko visited the port on Monday.",
                "\"We will rebuild,\" she said.",
                "Tom Okafor, the Westfield MP, disagreed. \"It is too late,\" the MP said.",
                "\"No comment,\" a spokesman for the minister said.",
                "\"Shame,\" protesters shouted. \"Go home,\" they said.",
            ],
        );
        let mut ents = find_entities(&doc);
        let mut qs = vec![
            quote(&doc, "We will rebuild,", "she"),
            quote(&doc, "It is too late,", "the MP"),
            quote(&doc, "No comment,", "a spokesman for the minister"),
            quote(&doc, "Go home,", "they"),
        ];
        attribute_quotes(&doc, &mut ents, &mut qs);
        let name = |q: &Quote| q.entity.map(|e| ents[e].name.clone()).unwrap_or_default();
        assert_eq!(name(&qs[0]), "Olga Petrenko");
        assert_eq!(name(&qs[1]), "Tom Okafor");
        assert_eq!(name(&qs[2]), "spokesman for the minister");
        assert_eq!(name(&qs[3]), "protesters");
        assert!(ents[qs[3].entity.unwrap()].aliases.is_empty());
    }
}
