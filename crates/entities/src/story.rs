//! Cross-document merging of one story's entities.
//!
//! Union-find over all documents' entities: same kind and same normalised name; a person's lone
//! surname ("Okafor") with the one full name in the story that ends with it; an organisation's
//! short form or acronym; an office-holder known only by a title ("the Prime Minister") with
//! the one named person the story gives that title to; unnamed speakers by equal description.

use std::borrow::Cow;

use crate::coref::descriptor_key;
use crate::lexicon as lx;
use parallax_core::{Document, Entity, EntityType};
use rustc_hash::FxHashMap;

#[derive(Debug, Clone)]
pub struct StoryEntity {
    pub name: String,
    pub kind: EntityType,
    pub aliases: Vec<String>,
    pub descriptors: Vec<String>,
    /// indices into the input slice
    pub docs: Vec<usize>,
    pub mention_count: usize,
}

#[derive(Debug, Clone, Default)]
pub struct StoryEntities {
    pub entities: Vec<StoryEntity>,
    pub local_to_story: Vec<Vec<usize>>,
}

/// Lowercase, straight quotes, no honorifics, no possessive, single spaces.
///
/// Built in one buffer: a story's merge normalises every name and alias of every article, so
/// the per-word strings of a split-and-join were most of its cost.
pub fn norm_name(s: &str) -> String {
    let straight = |c: char| if matches!(c, '\u{2019}' | '\u{2018}') { '\'' } else { c };
    let kept = |c: char| c.is_alphanumeric() || matches!(straight(c), '-' | '.' | '\'');
    let mut out = String::with_capacity(s.len());
    // Start of each word in `out` (names have few words).
    let mut starts: [usize; 16] = [0; 16];
    let mut words = 0usize;
    for w in s.split_whitespace() {
        let w = w.trim_matches(|c: char| !kept(c));
        if w.is_empty() {
            continue;
        }
        if words > 0 {
            out.push(' ');
        }
        if words < starts.len() {
            starts[words] = out.len();
        }
        words += 1;
        for c in w.chars() {
            let c = straight(c);
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
    if words > starts.len() {
        return norm_name_long(s);
    }
    let mut first = 0;
    while words - first > 1 {
        let end = starts[first + 1] - 1;
        if lx::honorific(&out[starts[first]..end]).is_none() {
            break;
        }
        first += 1;
    }
    if words > 0 && out[starts[words - 1]..].ends_with("'s") {
        out.truncate(out.len() - 2);
    }
    if first > 0 {
        out.drain(..starts[first]);
    }
    out
}

/// [`norm_name`] by words, for the rare name too long for its buffer.
fn norm_name_long(s: &str) -> String {
    let s = s.replace(['\u{2019}', '\u{2018}'], "'");
    let mut ws: Vec<String> = s
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '.' && c != '\'').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    while ws.len() > 1 && lx::honorific(&ws[0]).is_some() {
        ws.remove(0);
    }
    if let Some(l) = ws.last_mut() {
        if let Some(x) = l.strip_suffix("'s") {
            *l = x.to_string();
        }
    }
    ws.join(" ")
}

fn find(p: &mut [usize], mut x: usize) -> usize {
    while p[x] != x {
        p[x] = p[p[x]];
        x = p[x];
    }
    x
}

fn union(p: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(p, a), find(p, b));
    if ra != rb {
        p[ra.max(rb)] = ra.min(rb);
    }
}

/// What merging compares of one source's entities, each worked out from that source alone: its
/// normalised name ([`norm_name`]), its normalised aliases, and the title keys
/// ([`descriptor_key`]) that match an office-holder (the descriptors of a named person, the name
/// of an unnamed one). An article's keys are made once, when it is read, not each time its
/// story is merged.
#[derive(Debug, Default, Clone)]
pub struct NameKeys {
    entities: Vec<EntityKeys>,
}

#[derive(Debug, Default, Clone)]
struct EntityKeys {
    name: String,
    /// Whether `name` has more than one word.
    spaced: bool,
    /// Words of the entity's own name, at most 4 (a longer full name is a better story name).
    words: usize,
    aliases: Vec<String>,
    titles: Vec<String>,
}

fn unnamed(e: &Entity) -> bool {
    e.aliases.is_empty()
}

/// The keys of one source's entities (see [`NameKeys`]).
pub fn name_keys(entities: &[Entity]) -> NameKeys {
    let keys = entities
        .iter()
        .map(|e| {
            let titles = match (e.kind, unnamed(e)) {
                (EntityType::Person, false) => e.descriptors.iter().map(|d| descriptor_key(d)).collect(),
                (EntityType::Person, true) => vec![descriptor_key(&e.name)],
                _ => Vec::new(),
            };
            let name = norm_name(&e.name);
            let spaced = name.contains(' ');
            let words = e.name.split_whitespace().take(4).count();
            EntityKeys { name, spaced, words, aliases: e.aliases.iter().map(|a| norm_name(a)).collect(), titles }
        })
        .collect();
    NameKeys { entities: keys }
}

pub fn merge_story(docs: &[(&Document, &[Entity])]) -> StoryEntities {
    let keys: Vec<NameKeys> = docs.iter().map(|(_, ents)| name_keys(ents)).collect();
    merge_story_keyed(docs, &keys.iter().collect::<Vec<_>>())
}

/// [`merge_story`] with each source's [`NameKeys`] made already (`keys[d]` for `docs[d]`; keys
/// that do not fit their source are made again here).
pub fn merge_story_keyed(docs: &[(&Document, &[Entity])], keys: &[&NameKeys]) -> StoryEntities {
    let remade: Vec<Option<NameKeys>> = docs
        .iter()
        .enumerate()
        .map(|(d, (_, ents))| keys.get(d).is_none_or(|k| k.entities.len() != ents.len()).then(|| name_keys(ents)))
        .collect();
    let keys: Vec<&NameKeys> = remade.iter().enumerate().map(|(d, r)| r.as_ref().unwrap_or_else(|| keys[d])).collect();
    // flatten
    let mut all: Vec<(usize, usize, &Entity)> = Vec::new();
    let mut base = Vec::with_capacity(docs.len());
    for (d, (_, ents)) in docs.iter().enumerate() {
        base.push(all.len());
        for (i, e) in ents.iter().enumerate() {
            all.push((d, i, e));
        }
    }
    let n = all.len();
    let mut p: Vec<usize> = (0..n).collect();
    let key_of = |k: usize| &keys[all[k].0].entities[all[k].1];
    let names: Vec<&str> = (0..n).map(|k| key_of(k).name.as_str()).collect();
    let aliases: Vec<&[String]> = (0..n).map(|k| key_of(k).aliases.as_slice()).collect();
    // 1. same kind + same normalised name (or a shared multi-word alias)
    let mut by_name: FxHashMap<(&str, bool), usize> = FxHashMap::default();
    for (k, (_, _, e)) in all.iter().enumerate() {
        let key = (names[k], unnamed(e));
        if key.0.is_empty() {
            continue;
        }
        match by_name.get(&key) {
            Some(&j) if compatible(all[j].2.kind, e.kind) => union(&mut p, j, k),
            Some(_) => {}
            None => {
                by_name.insert(key, k);
            }
        }
    }
    let mut by_alias: FxHashMap<&str, usize> = FxHashMap::default();
    for (k, (_, _, e)) in all.iter().enumerate() {
        for a in aliases[k] {
            let a = a.as_str();
            if !a.contains(' ') {
                continue;
            }
            match by_alias.get(&a) {
                Some(&j) if all[j].2.kind == e.kind => union(&mut p, j, k),
                Some(_) => {}
                None => {
                    by_alias.insert(a, k);
                }
            }
        }
    }
    // 2. lone words → the one full name they belong to
    let mut surnames: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    let mut org_short: FxHashMap<Cow<str>, Vec<usize>> = FxHashMap::default();
    for (k, (_, _, e)) in all.iter().enumerate() {
        let name = names[k];
        if !key_of(k).spaced || unnamed(e) {
            continue;
        }
        match e.kind {
            EntityType::Person => surnames.entry(name.rsplit(' ').next().unwrap_or(name)).or_default().push(k),
            EntityType::Org => {
                let ac: String = name.split(' ').filter(|w| !matches!(*w, "of" | "the" | "and" | "for" | "&")).filter_map(|w| w.chars().next()).collect();
                org_short.entry(Cow::Owned(ac)).or_default().push(k);
                if let Some((first, second)) = name.split_once(' ') {
                    if !second.contains(' ') && lx::is_org_head(second) {
                        org_short.entry(Cow::Borrowed(first)).or_default().push(k);
                    }
                }
            }
            _ => {}
        }
        for a in aliases[k] {
            if !a.contains(' ') && e.kind == EntityType::Person {
                surnames.entry(a.as_str()).or_default().push(k);
            }
        }
    }
    for k in 0..n {
        let e = all[k].2;
        if unnamed(e) || key_of(k).spaced {
            continue;
        }
        let holders = match e.kind {
            EntityType::Person => surnames.get(names[k]),
            EntityType::Org => org_short.get(names[k]),
            _ => continue,
        };
        if let Some(v) = holders {
            let mut roots: Vec<usize> = v.iter().map(|&j| find(&mut p, j)).collect();
            roots.sort();
            roots.dedup();
            if roots.len() == 1 {
                union(&mut p, roots[0], k);
            }
        }
    }
    // 3. office-holders known by title → the named person with that title
    let mut titled: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (j, (_, _, e)) in all.iter().enumerate() {
        if !unnamed(e) && e.kind == EntityType::Person {
            for t in &key_of(j).titles {
                titled.entry(t.as_str()).or_default().push(j);
            }
        }
    }
    for k in 0..n {
        let e = all[k].2;
        if !(unnamed(e) && e.kind == EntityType::Person) {
            continue;
        }
        let Some(holders) = key_of(k).titles.first().and_then(|t| titled.get(t.as_str())) else { continue };
        let mut roots: Vec<usize> = holders.iter().map(|&j| find(&mut p, j)).collect();
        roots.sort();
        roots.dedup();
        if roots.len() == 1 {
            union(&mut p, roots[0], k);
        }
    }
    // collect
    let mut root_to_story: Vec<usize> = vec![usize::MAX; n];
    let mut members: Vec<Vec<usize>> = Vec::new();
    for k in 0..n {
        let r = find(&mut p, k);
        if root_to_story[r] == usize::MAX {
            root_to_story[r] = members.len();
            members.push(Vec::new());
        }
        members[root_to_story[r]].push(k);
    }
    let mut entities = Vec::with_capacity(members.len());
    for m in &members {
        let named: Vec<usize> = m.iter().copied().filter(|&k| !unnamed(all[k].2)).collect();
        let pool = if named.is_empty() { m.clone() } else { named };
        // kind: by mention count
        let mut kinds: FxHashMap<u8, (usize, EntityType)> = FxHashMap::default();
        for &k in &pool {
            let e = all[k].2;
            let c = kinds.entry(e.kind as u8).or_insert((0, e.kind));
            c.0 += e.mentions.len().max(1);
        }
        let kind = kinds.values().max_by_key(|(c, _)| *c).map(|&(_, k)| k).unwrap_or(EntityType::Other);
        // name: the longest full name, most frequent first
        let name = pool
            .iter()
            .filter(|&&k| all[k].2.kind == kind)
            .max_by_key(|&&k| (key_of(k).words, all[k].2.mentions.len()))
            .map(|&k| all[k].2.name.clone())
            .unwrap_or_else(|| all[m[0]].2.name.clone());
        let mut aliases: Vec<String> = Vec::new();
        let mut descriptors: Vec<String> = Vec::new();
        let mut dl: Vec<usize> = Vec::new();
        let mut mc = 0;
        for &k in m {
            let (d, _, e) = all[k];
            for a in &e.aliases {
                if !aliases.contains(a) {
                    aliases.push(a.clone());
                }
            }
            for x in &e.descriptors {
                if !descriptors.contains(x) {
                    descriptors.push(x.clone());
                }
            }
            dl.push(d);
            mc += e.mentions.len();
        }
        dl.sort_unstable();
        dl.dedup();
        entities.push(StoryEntity { name, kind, aliases, descriptors, docs: dl, mention_count: mc });
    }
    let mut local_to_story = Vec::with_capacity(docs.len());
    for (d, (_, ents)) in docs.iter().enumerate() {
        local_to_story.push((0..ents.len()).map(|i| root_to_story[find(&mut p, base[d] + i)]).collect());
    }
    StoryEntities { entities, local_to_story }
}

/// Kinds that one name may carry in different reports of a story: typing a lone word from its
/// contexts can differ between documents ("told X" vs "X said"), so the merged kind is the
/// majority one.
fn compatible(a: EntityType, b: EntityType) -> bool {
    a == b
        || matches!(
            (a, b),
            (EntityType::Org, EntityType::Group)
                | (EntityType::Group, EntityType::Org)
                | (EntityType::Person, EntityType::Org)
                | (EntityType::Org, EntityType::Person)
                | (EntityType::Other, _)
                | (_, EntityType::Other)
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_buffer_normalisation_agrees_with_the_word_by_word_one() {
        let names = [
            "Dr Alma Ruddock",
            "  Mr.  Sam   O’Pell’s ",
            "the Harbour Board's",
            "Ms Dr Rhona Vell",
            "Dr",
            "“Quoted” Name,",
            "ÉLODIE Brière-Vasseur",
            "'s",
            "Kai 's",
            "",
            "   ",
            "A B C D E F G H I J K L M N O P Q R S",
        ];
        for n in names {
            assert_eq!(norm_name(n), norm_name_long(n), "{n:?}");
        }
    }
}
