//! Within-document grouping: candidates → entities.
//!
//! Full names first (they define surnames, given names, organisation short forms and acronyms),
//! then lone words: a lone word is an alias of the person whose surname or given name it is, of
//! the organisation it abbreviates, or else its own entity typed from all its contexts in the
//! document ("told X" → outlet, "X MPs" → party, "X said" → person). Titles and appositions
//! ("Dr X, the Y MP,") become descriptors; office titles with no name ("the Speaker") are linked
//! to the person who holds them in the text, or become an office-holder entity of their own.
//! Gendered pronouns are resolved last (gender from given names, honorifics and pronoun usage).

use crate::lexicon::{self as lx, Gender};
use crate::mentions::{Cand, Found, Hint, Role};
use crate::tokens::{Case, Kind, Tokens};
use parallax_core::{Document, Entity, EntityType, Mention, MentionKind};
use rustc_hash::FxHashMap;
use std::ops::Range;

/// An entity under construction, with what the resolvers need.
#[derive(Debug, Clone)]
pub struct Ent {
    pub e: Entity,
    /// lowercase words of the canonical name
    pub words: Vec<String>,
    pub gender: Gender,
    /// an office-holder known only by a title
    pub role: bool,
}

pub fn text_of(doc: &Document, t: &Tokens, r: &Range<usize>) -> String {
    if r.is_empty() || r.end > t.len() {
        return String::new();
    }
    doc.body.get(t.toks[r.start].start..t.toks[r.end - 1].end).unwrap_or("").to_string()
}

fn span_of(t: &Tokens, r: &Range<usize>) -> Range<usize> {
    t.toks[r.start].start..t.toks[r.end - 1].end
}

fn lower_words(t: &Tokens, r: &Range<usize>) -> Vec<String> {
    r.clone().filter(|&k| t.is_word(k)).map(|k| t.lower(k).to_string()).collect()
}

/// Title-case version of an all-caps name ("MONIQUE FORD" → "Monique Ford") for the canonical name.
fn canonical(s: &str) -> String {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase()) && s.contains(' ') {
        let mut out = String::new();
        let mut up = true;
        for c in s.chars() {
            if c.is_alphabetic() {
                if up {
                    out.push(c);
                } else {
                    out.extend(c.to_lowercase());
                }
                up = false;
            } else {
                out.push(c);
                up = true;
            }
        }
        return out;
    }
    s.to_string()
}

struct Builder<'a> {
    doc: &'a Document,
    t: &'a Tokens,
    ents: Vec<Ent>,
    by_key: FxHashMap<(String, u8), usize>,
    /// byte start of a name mention → its entity
    name_at: FxHashMap<usize, usize>,
}

fn kind_code(k: EntityType) -> u8 {
    match k {
        EntityType::Person => 0,
        EntityType::Org => 1,
        EntityType::Place => 2,
        EntityType::Group => 3,
        EntityType::Event => 4,
        EntityType::Other => 5,
    }
}

impl<'a> Builder<'a> {
    fn entity(&mut self, key: String, kind: EntityType, name: String, words: Vec<String>) -> usize {
        let k = (key, kind_code(kind));
        if let Some(&i) = self.by_key.get(&k) {
            return i;
        }
        let i = self.ents.len();
        self.ents.push(Ent {
            e: Entity { name, kind, aliases: Vec::new(), descriptors: Vec::new(), mentions: Vec::new() },
            words,
            gender: Gender::Unknown,
            role: false,
        });
        self.by_key.insert(k, i);
        i
    }

    fn add_name(&mut self, ei: usize, c: &Cand) {
        let alias = text_of(self.doc, self.t, &c.toks);
        let e = &mut self.ents[ei];
        if !alias.is_empty() && !e.e.aliases.contains(&alias) {
            e.e.aliases.push(alias);
        }
        let bare = text_of(self.doc, self.t, &c.name);
        if !bare.is_empty() && !e.e.aliases.contains(&bare) && c.honorific.is_none() {
            e.e.aliases.push(bare);
        }
        let sp = span_of(self.t, &c.toks);
        self.name_at.entry(sp.start).or_insert(ei);
        e.e.mentions.push(Mention { span: sp, kind: MentionKind::Name });
        if let Some(g) = c.honorific {
            if g != Gender::Unknown {
                e.gender = g;
            }
        }
        if let Some(tr) = &c.title {
            self.add_descriptor(ei, tr.clone());
        }
    }

    fn add_descriptor(&mut self, ei: usize, r: Range<usize>) {
        if r.is_empty() {
            return;
        }
        let d = text_of(self.doc, self.t, &r);
        let e = &mut self.ents[ei];
        if !d.is_empty() && !e.e.descriptors.contains(&d) {
            e.e.descriptors.push(d);
        }
        e.e.mentions.push(Mention { span: span_of(self.t, &r), kind: MentionKind::Descriptor });
    }
}

fn type_of(h: Hint, multi: bool) -> EntityType {
    match h {
        Hint::Person => EntityType::Person,
        Hint::Org => EntityType::Org,
        Hint::Place => EntityType::Place,
        Hint::Group => EntityType::Group,
        Hint::Event => EntityType::Event,
        Hint::Other => EntityType::Other,
        Hint::OrgOrPlace => {
            if multi {
                EntityType::Place
            } else {
                EntityType::Org
            }
        }
        Hint::Single => EntityType::Other,
    }
}

fn acronym(words: &[String]) -> String {
    words
        .iter()
        .filter(|w| !matches!(w.as_str(), "of" | "the" | "and" | "for" | "&" | "'s"))
        .filter_map(|w| w.chars().next())
        .collect()
}

pub fn build(doc: &Document, t: &Tokens, found: &Found) -> Vec<Ent> {
    let mut b = Builder { doc, t, ents: Vec::new(), by_key: FxHashMap::default(), name_at: FxHashMap::default() };
    // 1. multi-word names and forced types
    let mut singles: Vec<&Cand> = Vec::new();
    for c in &found.cands {
        let words = lower_words(t, &c.name);
        if words.is_empty() {
            continue;
        }
        if words.len() == 1 && !(c.forced && c.hint == Hint::Person) {
            singles.push(c);
            continue;
        }
        let kind = type_of(c.hint, words.len() > 1);
        let name = canonical(&text_of(doc, t, &c.name));
        let ei = b.entity(words.join(" "), kind, name, words.clone());
        b.add_name(ei, c);
        if kind == EntityType::Person && b.ents[ei].gender == Gender::Unknown {
            if let Some(g) = lx::given_name(&words[0]) {
                b.ents[ei].gender = g;
            }
        }
    }
    // lookup tables from full names
    let mut surname: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    let mut given: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    let mut org_short: FxHashMap<String, usize> = FxHashMap::default();
    for (i, e) in b.ents.iter().enumerate() {
        if e.words.len() < 2 {
            continue;
        }
        match e.e.kind {
            EntityType::Person => {
                surname.entry(e.words[e.words.len() - 1].clone()).or_default().push(i);
                given.entry(e.words[0].clone()).or_default().push(i);
            }
            EntityType::Org => {
                let ac = acronym(&e.words);
                if ac.chars().count() >= 2 {
                    org_short.entry(ac).or_insert(i);
                }
                if e.words.len() == 2 && lx::is_org_head(&e.words[1]) {
                    org_short.entry(e.words[0].clone()).or_insert(i);
                }
            }
            _ => {}
        }
    }
    // 2. lone words: gather evidence per word, then decide once for the document
    #[derive(Default)]
    struct Ev {
        forced: Option<Hint>,
        person: u32,
        strong_person: u32,
        org: u32,
        place: u32,
        upper_only: bool,
        mid: bool,
        first: usize,
    }
    let mut ev: FxHashMap<String, Ev> = FxHashMap::default();
    let mut order: Vec<String> = Vec::new();
    for (ci, c) in singles.iter().enumerate() {
        let w = t.lower(c.name.start).to_string();
        let e = ev.entry(w.clone()).or_insert_with(|| {
            order.push(w.clone());
            Ev { upper_only: true, first: ci, ..Ev::default() }
        });
        if c.forced && e.forced.is_none() {
            e.forced = Some(c.hint);
        }
        if matches!(c.hint, Hint::Place) {
            e.place += 1;
        }
        if c.honorific.is_some() || c.title.is_some() || c.hint == Hint::Person {
            e.strong_person += 1;
        }
        if t.toks[c.name.start].case != Case::Upper {
            e.upper_only = false;
        }
        if !t.toks[c.name.start].sent_start {
            e.mid = true;
        }
        let next = c.toks.end;
        let next_l = if t.is_word(next) { t.lower(next) } else { "" };
        let next2 = if t.toks.get(next).is_some_and(|x| x.kind == Kind::Possessive) && t.is_word(next + 1) { t.lower(next + 1) } else { "" };
        if t.is_word(next)
            && (lx::is_role_noun(next_l) || lx::is_group_noun(next_l) || matches!(next_l, "caucus" | "party" | "government" | "leadership" | "headquarters" | "policy" | "campaign" | "candidate" | "candidates" | "members" | "voters" | "supporters" | "whips"))
            && !(lx::given_name(&w).is_some() && !lx::is_common(&w))
        {
            e.org += 1;
        }
        if matches!(next2, "caucus" | "whips" | "leadership" | "headquarters" | "policy" | "policies" | "candidate" | "candidates" | "members" | "mps" | "spokesperson" | "spokesman" | "spokeswoman" | "board" | "executive" | "shares" | "website" | "chief" | "boss" | "president" | "founder" | "staff" | "employees" | "reporting" | "reporter" | "newsroom" | "investigation") {
            e.org += 1;
        }
        let prev = c.toks.start.checked_sub(1);
        let prev_l = prev.filter(|&p| t.is_word(p)).map(|p| t.lower(p)).unwrap_or("");
        let prev2_l = prev.and_then(|p| p.checked_sub(1)).filter(|&p| t.is_word(p)).map(|p| t.lower(p)).unwrap_or("");
        if lx::is_media_cue_verb(prev_l) || (matches!(prev_l, "to" | "with") && lx::is_media_cue_noun(prev2_l)) {
            e.org += 1;
        }
        if t.is_word(next) && matches!(next_l, "said" | "says" | "told" | "added" | "responded" | "replied" | "argued" | "insisted" | "wrote" | "tweeted" | "explained" | "claimed" | "claims" | "alleged" | "alleges" | "denied" | "admitted" | "warned" | "asked") {
            e.person += 1;
        }
        if matches!(prev_l, "said" | "says" | "added") && !t.toks[c.name.start].in_quote {
            e.person += 1;
        }
        if t.punct(next) == Some(',') && t.is_word(next + 1) && t.lower(next + 1) == "who" {
            e.person += 1;
        }
        if matches!(prev_l, "in" | "from" | "at" | "near" | "across" | "outside" | "around" | "throughout" | "into" | "towards") {
            e.place += 1;
        }
    }
    let mut single_ent: FxHashMap<String, Option<usize>> = FxHashMap::default();
    for w in &order {
        let e = &ev[w];
        let pick = |m: &FxHashMap<String, Vec<usize>>| -> Option<usize> {
            let v = m.get(w)?;
            v.iter().copied().max_by_key(|&i| b.ents[i].e.mentions.len())
        };
        let forced_org_place = matches!(e.forced, Some(Hint::Org | Hint::OrgOrPlace | Hint::Place));
        let mut target: Option<usize> = None;
        if !forced_org_place && !lx::is_known_org(w) && !lx::is_place(w) {
            target = pick(&surname).or_else(|| pick(&given));
        }
        if target.is_none() && e.strong_person == 0 {
            if let Some(&oi) = org_short.get(w) {
                target = Some(oi);
            }
        }
        if target.is_none() {
            let acr = e.upper_only && w.chars().count() <= 5 && w.chars().all(|c| c.is_alphabetic() || c == '.' || c == '&');
            let common = lx::is_common(w);
            let kind = match e.forced {
                Some(Hint::Org) => EntityType::Org,
                Some(Hint::Person) => EntityType::Person,
                Some(Hint::Place) => EntityType::Place,
                Some(Hint::OrgOrPlace) => {
                    if lx::is_place(w) || (e.place > e.org && !lx::is_known_org(w)) {
                        EntityType::Place
                    } else {
                        EntityType::Org
                    }
                }
                _ => {
                    if lx::is_place(w) && !lx::is_known_org(w) {
                        EntityType::Place
                    } else if lx::is_known_org(w) {
                        EntityType::Org
                    } else if e.strong_person > 0 {
                        EntityType::Person
                    } else if lx::is_demonym(w) {
                        EntityType::Other
                    } else if e.org > 0 || (acr && (!common || w.len() <= 3)) {
                        EntityType::Org
                    } else if e.person > 0 && !common {
                        EntityType::Person
                    } else if lx::given_name(w).is_some() && !common && e.mid {
                        EntityType::Person
                    } else if e.place > 0 && !common && e.mid {
                        EntityType::Place
                    } else {
                        EntityType::Other
                    }
                }
            };
            let name = canonical(&text_of(doc, t, &singles[e.first].name));
            let ei = b.entity(w.clone(), kind, name, vec![w.clone()]);
            if kind == EntityType::Person {
                if let Some(g) = lx::given_name(w) {
                    if b.ents[ei].gender == Gender::Unknown && !lx::is_common(w) {
                        b.ents[ei].gender = g;
                    }
                }
            }
            target = Some(ei);
        }
        single_ent.insert(w.clone(), target);
    }
    for c in &singles {
        let w = t.lower(c.name.start);
        if let Some(Some(ei)) = single_ent.get(w) {
            let ei = *ei;
            b.add_name(ei, c);
        }
    }
    // 3. office titles and appositions
    roles(&mut b, &found.roles, &found.cands);
    appositions(&mut b, &found.cands);
    // 4. gender from pronoun usage, then pronouns
    let mut ents = b.ents;
    infer_gender(t, &mut ents);
    resolve_pronouns(t, &mut ents);
    for e in &mut ents {
        e.e.mentions.sort_by_key(|m| (m.span.start, m.span.end));
        e.e.mentions.dedup();
    }
    ents
}

fn role_text_key(t: &Tokens, r: &Range<usize>) -> String {
    let mut ws = lower_words(t, r);
    while ws.first().is_some_and(|w| matches!(w.as_str(), "the" | "a" | "an" | "former")) {
        ws.remove(0);
    }
    let s = ws.join(" ");
    if s == "pm" {
        "prime minister".into()
    } else {
        s
    }
}

/// The descriptor's office part, lowercased, without articles ("the Prime Minister" → "prime minister").
pub fn descriptor_key(d: &str) -> String {
    let mut ws: Vec<String> = d.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-').to_lowercase()).collect();
    while ws.first().is_some_and(|w| matches!(w.as_str(), "the" | "a" | "an")) {
        ws.remove(0);
    }
    let s = ws.join(" ");
    if s == "pm" {
        "prime minister".into()
    } else {
        s
    }
}

fn roles(b: &mut Builder, roles: &[Role], cands: &[Cand]) {
    for r in roles {
        let key = role_text_key(b.t, &r.toks);
        if key.is_empty() {
            continue;
        }
        // "the Green leader, Helen Marsh,": apposition to the next name
        let after = r.toks.end;
        if b.t.punct(after) == Some(',') {
            if let Some(c) = cands.iter().find(|c| c.toks.start == after + 1 && matches!(c.hint, Hint::Person)) {
                if let Some(ei) = ent_of_span(b, &c.toks) {
                    b.add_descriptor(ei, r.toks.clone());
                    continue;
                }
            }
        }
        // a person this office is given to elsewhere in the text
        let holder = b
            .ents
            .iter()
            .enumerate()
            .filter(|(_, e)| e.e.kind == EntityType::Person && !e.role && e.e.descriptors.iter().any(|d| {
                let dk = descriptor_key(d);
                dk == key || dk.ends_with(&format!(" {key}"))
            }))
            .max_by_key(|(_, e)| e.e.mentions.len())
            .map(|(i, _)| i);
        if let Some(ei) = holder {
            b.add_descriptor(ei, r.toks.clone());
            continue;
        }
        if lx::is_office(&key) && !b.t.toks[r.toks.start].in_quote || lx::is_office(&key) && key.contains(' ') {
            let name = text_of(b.doc, b.t, &r.toks);
            let name = name.trim_start_matches("the ").trim_start_matches("The ").to_string();
            // "Speaker" and "Speaker of the House" are one office
            let existing = b.ents.iter().position(|e| e.role && {
                let ek = e.words.join(" ");
                ek.starts_with(&key) || key.starts_with(&ek)
            });
            let ei = match existing {
                Some(i) => {
                    if key.len() > b.ents[i].words.join(" ").len() {
                        b.ents[i].e.name = name.clone();
                        b.ents[i].words = key.split(' ').map(String::from).collect();
                    }
                    i
                }
                None => {
                    let i = b.entity(format!("role:{key}"), EntityType::Person, name, key.split(' ').map(String::from).collect());
                    b.ents[i].role = true;
                    i
                }
            };
            b.add_descriptor(ei, r.toks.clone());
        }
    }
}

fn ent_of_span(b: &Builder, r: &Range<usize>) -> Option<usize> {
    b.name_at.get(&b.t.toks[r.start].start).copied()
}

/// "NAME, the DESC," / "NAME, a DESC." / "NAME is the DESC": the description goes to NAME.
fn appositions(b: &mut Builder, cands: &[Cand]) {
    let t = b.t;
    for c in cands {
        if !matches!(c.hint, Hint::Person | Hint::Single) {
            continue;
        }
        let Some(ei) = ent_of_span(b, &c.toks) else { continue };
        if b.ents[ei].e.kind != EntityType::Person {
            continue;
        }
        let mut k = c.toks.end;
        if t.toks.get(k).is_some_and(|x| x.kind == Kind::Possessive) {
            continue;
        }
        let copula = t.is_word(k) && matches!(t.lower(k), "is" | "was");
        if t.punct(k) == Some(',') || copula {
            k += 1;
        } else {
            continue;
        }
        if !(t.is_word(k) && matches!(t.lower(k), "the" | "a" | "an")) {
            continue;
        }
        let start = k;
        let mut end = k + 1;
        let mut has_role = false;
        while end < t.len() && end < start + 10 && t.toks[end].para == t.toks[start].para {
            if let Some(p) = t.punct(end) {
                if p != '-' && p != '\u{2019}' && p != '\'' {
                    break;
                }
            }
            if t.is_word(end) {
                let l = t.lower(end);
                if lx::is_role_noun(l) || lx::is_title_head(l) {
                    has_role = true;
                }
                if matches!(l, "who" | "which" | "that" | "said" | "says") {
                    break;
                }
            }
            end += 1;
        }
        let closes = t.punct(end).is_some_and(|p| matches!(p, ',' | '.' | ';' | ')')) || end >= t.len();
        if has_role && closes && end > start + 1 {
            b.add_descriptor(ei, start..end);
        }
    }
}

/// Gender of persons with no given-name/honorific evidence, from the pronouns that follow a
/// sentence naming only them.
fn infer_gender(t: &Tokens, ents: &mut [Ent]) {
    let mut by_sent: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
    for (i, e) in ents.iter().enumerate() {
        if e.e.kind != EntityType::Person {
            continue;
        }
        for m in &e.e.mentions {
            if m.kind != MentionKind::Pronoun {
                if let Some(ti) = tok_at(t, m.span.start) {
                    if !t.toks[ti].in_quote {
                        by_sent.entry(t.toks[ti].sent).or_default().push(i);
                    }
                }
            }
        }
    }
    let mut votes: Vec<(i32, i32)> = vec![(0, 0); ents.len()];
    for k in 0..t.len() {
        if !t.is_word(k) || t.toks[k].in_quote || t.toks[k].case == Case::Upper {
            continue;
        }
        let g = match lx::pronoun(t.lower(k)) {
            Some('m') => 0,
            Some('f') => 1,
            _ => continue,
        };
        let s = t.toks[k].sent;
        let here = by_sent.get(&s);
        let cand = match here {
            Some(v) if !v.is_empty() => {
                let mut u = v.clone();
                u.sort();
                u.dedup();
                (u.len() == 1).then(|| u[0])
            }
            _ => by_sent.get(&(s.wrapping_sub(1))).and_then(|v| {
                let mut u = v.clone();
                u.sort();
                u.dedup();
                (u.len() == 1).then(|| u[0])
            }),
        };
        if let Some(i) = cand {
            if g == 0 {
                votes[i].0 += 1;
            } else {
                votes[i].1 += 1;
            }
        }
    }
    for (i, e) in ents.iter_mut().enumerate() {
        if e.gender == Gender::Unknown && e.e.kind == EntityType::Person {
            let (m, f) = votes[i];
            if m > f {
                e.gender = Gender::Male;
            } else if f > m {
                e.gender = Gender::Female;
            }
        }
    }
}

pub fn tok_at(t: &Tokens, byte: usize) -> Option<usize> {
    let i = t.toks.partition_point(|x| x.start < byte);
    (i < t.len() && t.toks[i].start == byte).then_some(i)
}

/// Persons' mentions outside quotations, by token index: (token, entity).
pub fn person_mentions(t: &Tokens, ents: &[Ent], masked: &dyn Fn(usize) -> bool) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    for (i, e) in ents.iter().enumerate() {
        if e.e.kind != EntityType::Person {
            continue;
        }
        for m in &e.e.mentions {
            if let Some(ti) = tok_at(t, m.span.start) {
                if !masked(ti) {
                    v.push((ti, i));
                }
            }
        }
    }
    v.sort();
    v.dedup();
    v
}

/// The person a he/she at token `at` refers to: the leftmost compatible person of the same
/// sentence before it, else of the nearest earlier sentence that has one (subjects first), within
/// a few sentences; else the most mentioned compatible person.
pub fn antecedent(t: &Tokens, ents: &[Ent], pm: &[(usize, usize)], at: usize, g: Gender) -> Option<usize> {
    let ok = |i: usize| match (g, ents[i].gender) {
        (Gender::Male, Gender::Female) | (Gender::Female, Gender::Male) => false,
        _ => true,
    };
    let pos = pm.partition_point(|&(ti, _)| ti < at);
    let sent_now = t.toks.get(at).map_or(0, |x| x.sent);
    // group earlier mentions by sentence, nearest sentence first
    let mut k = pos;
    let mut sentences_seen = 0;
    while k > 0 {
        let s = t.toks[pm[k - 1].0].sent;
        let mut first = k - 1;
        while first > 0 && t.toks[pm[first - 1].0].sent == s {
            first -= 1;
        }
        // exact gender match first, then unknown gender
        for pass in 0..2 {
            for &(_, ei) in &pm[first..k] {
                let exact = ents[ei].gender == g;
                if ok(ei) && (exact || pass == 1) {
                    return Some(ei);
                }
            }
        }
        sentences_seen += 1;
        if sentences_seen >= 4 || sent_now.saturating_sub(s) > 6 {
            break;
        }
        k = first;
    }
    ents.iter()
        .enumerate()
        .filter(|(i, e)| e.e.kind == EntityType::Person && ok(*i) && e.e.mentions.len() >= 2 && (g == Gender::Unknown || e.gender == g))
        .max_by_key(|(_, e)| e.e.mentions.len())
        .map(|(i, _)| i)
}

fn resolve_pronouns(t: &Tokens, ents: &mut [Ent]) {
    let masked = |ti: usize| t.toks[ti].in_quote;
    let mut pm = person_mentions(t, ents, &masked);
    let mut adds: Vec<(usize, Range<usize>)> = Vec::new();
    for k in 0..t.len() {
        if !t.is_word(k) || t.toks[k].in_quote || t.toks[k].case == Case::Upper {
            continue;
        }
        let g = match lx::pronoun(t.lower(k)) {
            Some('m') => Gender::Male,
            Some('f') => Gender::Female,
            _ => continue,
        };
        if let Some(ei) = antecedent(t, ents, &pm, k, g) {
            adds.push((ei, t.toks[k].start..t.toks[k].end));
            // resolved pronouns carry the chain ("X did ... He said ...")
            let at = pm.partition_point(|&(ti, _)| ti < k);
            pm.insert(at, (k, ei));
        }
    }
    for (ei, span) in adds {
        ents[ei].e.mentions.push(Mention { span, kind: MentionKind::Pronoun });
    }
}
