//! From mentions to events: one event per real-world occurrence, however many articles (or
//! sentences) report it, then the timeline order.
//!
//! Two mentions are the same occurrence when they share enough content words (overlap
//! coefficient of the clause stems) and their dates agree. Mentions whose content matches
//! strongly (same head verb) but whose day dates differ by at most two days are also merged:
//! this is the "Tuesday vs Monday night" case, kept as one event and reported by
//! [`super::date_conflicts`]. Mentions of one document only merge when dated alike.

use super::candidates::{Lists, Mention, Source};
use super::dates::{Prec, When};
use crate::{DatePrecision, Event, TextRef};

/// Shared content stems of two sorted bags, and the overlap coefficient.
fn overlap(a: &[u64], b: &[u64]) -> (usize, f64) {
    let n = parallax_core::words::shared_keys(a, b);
    let min = a.len().min(b.len()).max(1);
    (n, n as f64 / min as f64)
}

/// A family both mentions share that identifies an occurrence: not the generic head family
/// ("said", "made") of either of them.
fn strong_family(a: &Mention, b: &Mention, lists: Lists) -> bool {
    let bf = lists.fams(b);
    lists.fams(a).iter().enumerate().any(|(i, f)| {
        !(i == 0 && a.generic) && bf.iter().enumerate().any(|(j, g)| g == f && !(j == 0 && b.generic))
    })
}

fn same_occurrence(a: &Mention, b: &Mention, lists: Lists) -> bool {
    let same_head = a.head == b.head;
    let both_explicit = matches!((a.date, b.date), (Some((_, Source::Explicit)), Some((_, Source::Explicit))));
    let family = strong_family(a, b, lists);
    if !same_head && !family && !both_explicit {
        return false; // every rule below needs one or the other
    }
    // Neither head nor family shared: only two articles' explicit, compatible dates with
    // three shared content words can still match (the last rule below), so the bag walk is
    // skipped for the many same-day pairs that cannot.
    if !same_head && !family {
        let dates_agree = matches!((a.date, b.date), (Some((da, _)), Some((db, _))) if da.compatible(&db));
        if a.doc == b.doc || !dates_agree || lists.bag(a).len() < 3 || lists.bag(b).len() < 3 {
            return false;
        }
    }
    // The bag overlap is the costly part: only computed once the cheap tests leave it open.
    let overlap = || overlap(lists.bag(a), lists.bag(b));
    match (a.date, b.date) {
        (Some((da, sa)), Some((db, sb))) => {
            if da.compatible(&db) {
                let strong_date = sa == Source::Explicit && sb == Source::Explicit;
                // One occurrence family on one day, one of them dated by its own words: in a
                // story's reports that is the same occurrence ("suspended on Tuesday", "after
                // being suspended", "his suspension on Tuesday").
                if family
                    && da.precision == Prec::Day
                    && db.precision == Prec::Day
                    && (sa == Source::Explicit || sb == Source::Explicit)
                {
                    return true;
                }
                if a.doc == b.doc && !family && !(same_head && strong_date) {
                    return false;
                }
                let (shared, coef) = overlap();
                if family && shared >= 2 && coef >= 0.3 {
                    return true;
                }
                if a.doc == b.doc {
                    same_head && shared >= 2 && coef >= 0.5 && strong_date
                } else {
                    (same_head && shared >= 2 && coef >= 0.4) || (shared >= 3 && coef >= 0.5 && strong_date)
                }
            } else {
                // Conflicting day dates: only clearly the same report, two days apart at most.
                a.doc != b.doc
                    && da.precision == Prec::Day
                    && db.precision == Prec::Day
                    && (a.day - b.day).abs() <= 2
                    && (same_head || family)
                    && {
                        let (shared, coef) = overlap();
                        shared >= 3 && coef >= 0.6
                    }
            }
        }
        _ => {
            a.doc != b.doc && (same_head || family) && {
                let (shared, coef) = overlap();
                shared >= 3 && coef >= 0.6
            }
        }
    }
}

/// How many members of a group a new mention is compared with: enough to catch a paraphrase,
/// few enough to keep a large story linear in its mentions.
pub(super) const MEMBERS_COMPARED: usize = 4;
/// How many of the latest groups sharing a blocking key a new mention is compared with.
const GROUPS_COMPARED: usize = 24;


/// A trivial hasher for keys that are hashes or small integers already (blocking keys): the
/// default SipHash costs more than the comparisons it serves.
#[derive(Default, Clone, Copy)]
struct Mix(u64);

impl std::hash::Hasher for Mix {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.write_u64(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7cc1_b727_220a_95);
    }
    fn write_i64(&mut self, i: i64) {
        self.write_u64(i as u64);
    }
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
}

type FastMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<Mix>>;

/// A group being built: its first members (the only ones compared) and its dates.
struct Group {
    first: [usize; MEMBERS_COMPARED],
    len: usize,
    dates: Vec<When>,
}

/// Groups of mentions: group `g` holds `members[starts[g]..starts[g + 1]]`, in text order.
pub(super) struct Groups {
    starts: Vec<usize>,
    members: Vec<usize>,
    /// The group of each mention.
    group_of: Vec<usize>,
}

impl Groups {
    fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }
    fn get(&self, g: usize) -> &[usize] {
        &self.members[self.starts[g]..self.starts[g + 1]]
    }
}

/// What makes two mentions worded alike for [`same_occurrence`]: head, families, content
/// words (`fams` and `bag`, the mention's lists), date and its source, and the generic and
/// subordinate marks.
pub(super) fn twin_key(m: &Mention, fams: &[u64], bag: &[u64]) -> u64 {
    use std::hash::Hasher;
    let mut h = Mix::default();
    h.write_u64(m.head);
    h.write_u8(u8::from(m.generic) | u8::from(m.subordinate) << 1 | u8::from(m.date.is_some()) << 2);
    if let Some((w, source)) = m.date {
        h.write_i64(w.ordinal());
        h.write_u8(w.precision as u8 | (source as u8) << 4);
    }
    for &f in fams {
        h.write_u64(f);
    }
    h.write_u8(0xff);
    for &b in bag {
        h.write_u64(b);
    }
    h.finish()
}

fn same_wording(a: &Mention, b: &Mention, lists: Lists) -> bool {
    a.head == b.head
        && a.generic == b.generic
        && a.subordinate == b.subordinate
        && a.date == b.date
        && lists.fams(a) == lists.fams(b)
        && lists.bag(a) == lists.bag(b)
}

/// Greedy single-link grouping in text order. A mention is only compared with groups that
/// share its head verb or one of its dates (blocking), and with a few members of each; it
/// joins the group with most matching members. No chaining across dates: it joins only if
/// its date is compatible with every date of the group, or if it is a tolerated conflict
/// with a group that has a single day date.
fn group_mentions(mentions: &[Mention], lists: Lists) -> Groups {
    let mut groups: Vec<Group> = Vec::new();
    let mut group_of = vec![0usize; mentions.len()];
    // Groups per blocking key as linked lists (newest first) in one vector: no vector per
    // key (most keys are seen once). `links[i] = (group, next)`, `usize::MAX` ends a list.
    // Keys get dense numbers, looked up once per mention; `heads` is by key number.
    let mut numbers: FastMap<(u8, i64), usize> = FastMap::default();
    let mut heads: Vec<usize> = Vec::new();
    let mut links: Vec<(usize, usize)> = Vec::new();
    fn recent(links: &[(usize, usize)], mut at: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::from_fn(move || {
            let &(g, next) = links.get(at)?;
            at = next;
            Some(g)
        })
        .take(GROUPS_COMPARED)
    }
    let mut keys: Vec<(u8, i64)> = Vec::new();
    let mut key_numbers: Vec<usize> = Vec::new();
    // Groups met on the keys' recent lists, each with the key (its place in `keys`) listing it.
    let mut met: Vec<(usize, usize)> = Vec::new();
    let mut candidates: Vec<usize> = Vec::new();
    // Per group, the last mention it was a candidate for.
    let mut compared_for: Vec<usize> = Vec::new();
    // The first mention of each wording (see [`twin_key`]).
    let mut first_of_wording: FastMap<u64, usize> = FastMap::default();
    for (j, m) in mentions.iter().enumerate() {
        // A clause worded exactly as one another article printed earlier (a syndicated or
        // copied passage), and judged the same occurrence as it, joins that one's event
        // without the search below. This is a rule of its own, not only a shortcut: in a
        // long story the twin's group may have left the recent groups the search compares,
        // and the search would then open a new event for a copy (about 15 of ecbplus-dev's
        // 5,397 events differ; seeds and semeval are unchanged).
        let twin = match first_of_wording.entry(m.wording) {
            std::collections::hash_map::Entry::Occupied(e) => {
                let t = *e.get();
                let twin = mentions[t].doc != m.doc && same_wording(&mentions[t], m, lists) && same_occurrence(&mentions[t], m, lists);
                twin.then(|| group_of[t])
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(j);
                None
            }
        };
        keys.clear();
        keys.push((0u8, m.head as i64));
        for (i, f) in lists.fams(m).iter().enumerate() {
            if !(i == 0 && m.generic) {
                keys.push((2, *f as i64));
            }
        }
        if m.date.is_some() {
            keys.push((1, m.day));
        }
        key_numbers.clear();
        key_numbers.extend(keys.iter().map(|&k| {
            let next = heads.len();
            let number = *numbers.entry(k).or_insert(next);
            if number == next {
                heads.push(usize::MAX);
            }
            number
        }));
        // The most recent groups of each key only: a long story stays linear in mentions.
        met.clear();
        let best = match twin {
            Some(g) => Some((usize::MAX, g)),
            None => {
                for (ki, &number) in key_numbers.iter().enumerate() {
                    met.extend(recent(&links, heads[number]).map(|g| (g, ki)));
                }
                // Each group once (marked with this mention), in any order: the best is the
                // group with most hits, the lowest-numbered among equals, as in group order.
                candidates.clear();
                for &(g, _) in &met {
                    if std::mem::replace(&mut compared_for[g], j) != j {
                        candidates.push(g);
                    }
                }
                let mut best: Option<(usize, usize)> = None;
                for &g in &candidates {
                    let group = &groups[g];
                    let compatible = m.date.is_none_or(|(w, _)| group.dates.iter().all(|d| d.compatible(&w)));
                    let single_day = group.dates.len() == 1 && group.dates[0].precision == Prec::Day;
                    if !compatible && !single_day {
                        continue; // cannot be joined whatever the members say: skip comparing them
                    }
                    let hits = group.first[..group.len.min(MEMBERS_COMPARED)].iter().filter(|&&i| same_occurrence(&mentions[i], m, lists)).count();
                    let conflict_ok = hits > 0 && group.dates.len() == 1 && group.dates[0].precision == Prec::Day;
                    if hits > 0 && (compatible || conflict_ok) && best.is_none_or(|(h, b)| hits > h || hits == h && g < b) {
                        best = Some((hits, g));
                    }
                }
                best
            }
        };
        let opened = best.is_none();
        let g = match best {
            Some((_, g)) => g,
            None => {
                groups.push(Group { first: [0; MEMBERS_COMPARED], len: 0, dates: Vec::new() });
                compared_for.push(usize::MAX);
                groups.len() - 1
            }
        };
        let group = &mut groups[g];
        if group.len < MEMBERS_COMPARED {
            group.first[group.len] = j;
        }
        group.len += 1;
        group_of[j] = g;
        if let Some((w, _)) = m.date {
            if !group.dates.contains(&w) {
                group.dates.push(w);
            }
        }
        for (ki, &number) in key_numbers.iter().enumerate() {
            let head = heads[number];
            // A group opened just now is in a key's list only if this mention put it there
            // (a key met twice), at its head: no walk down the list. Lists walked for the
            // search above are not walked again: they only change here, at their heads.
            let listed = if opened {
                links.get(head).is_some_and(|l| l.0 == g)
            } else if twin.is_none() {
                links.get(head).is_some_and(|l| l.0 == g) || met.iter().any(|&(x, k)| x == g && k == ki)
            } else {
                recent(&links, head).any(|x| x == g)
            };
            if !listed {
                links.push((g, head));
                heads[number] = links.len() - 1;
            }
        }
    }
    // Members in text order, group by group.
    let mut starts = Vec::with_capacity(groups.len() + 1);
    let mut at = 0;
    for g in &groups {
        starts.push(at);
        at += g.len;
    }
    starts.push(at);
    let mut fill = starts.clone();
    let mut members = vec![0usize; mentions.len()];
    for (j, &g) in group_of.iter().enumerate() {
        members[fill[g]] = j;
        fill[g] += 1;
    }
    Groups { starts, members, group_of }
}

/// The date of a merged event: the best-supported one among its members (explicit dates
/// count double), preferring the most precise date that the coarser ones contain.
fn vote<'a>(members: impl Iterator<Item = &'a Mention>, tally: &mut Vec<(When, usize)>) -> Option<When> {
    tally.clear();
    for m in members {
        if let Some((w, src)) = m.date {
            let weight = if src == Source::Explicit { 2 } else { 1 };
            match tally.iter_mut().find(|(t, _)| *t == w) {
                Some(e) => e.1 += weight,
                None => tally.push((w, weight)),
            }
        }
    }
    // Support of a date = its own weight + weight of coarser dates that contain it.
    let support = |w: &When| tally.iter().filter(|(t, _)| t.compatible(w) && t.precision <= w.precision).map(|(_, n)| n).sum::<usize>();
    tally.iter().map(|(w, _)| (support(w), w.precision, std::cmp::Reverse(w.ordinal()), *w)).max().map(|x| x.3)
}

/// Whether a group of mentions makes an event a reader needs: dated by some article's own
/// words, or reported by several articles; an occurrence only narrated in passing must at
/// least be a main-clause, specific action.
fn worth_an_event(members: &[&Mention]) -> bool {
    if members.iter().any(|m| matches!(m.date, Some((_, Source::Explicit)))) {
        return true;
    }
    let first_doc = members[0].doc;
    if members.iter().any(|m| m.doc != first_doc) {
        return true;
    }
    let undated = members.iter().all(|m| m.date.is_none());
    undated && members.iter().any(|m| !m.generic && !m.subordinate)
}

/// The headline text of a mention: its words joined by single spaces, first letter up.
fn headline_text(body: &str, m: &Mention, lists: Lists) -> String {
    let mut out = String::new();
    for s in lists.headline(m) {
        let w = body.get(s.clone()).unwrap_or("");
        if !w.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    // An ASCII first letter is raised in place; any other through Unicode's mapping.
    if out.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
        out[..1].make_ascii_uppercase();
        return out;
    }
    let mut chars = out.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => c.to_uppercase().chain(chars).collect(),
        _ => out,
    }
}

/// Groups mentions into events and orders them.
pub fn build_events(bodies: &[&str], mentions: &[Mention], lists: Lists) -> Vec<Event> {
    let n = mentions.len();
    let groups = group_mentions(mentions, lists);
    // Events in group order, and their sort keys with their places there (the place orders
    // events of one key as the group did, and the sort moves pairs, not events). An undated
    // event's key is that of the event just before it in its article.
    let mut made: Vec<Option<Event>> = Vec::new();
    let mut keyed: Vec<(i64, usize)> = Vec::new();
    let group_of = &groups.group_of;
    let mut tally = Vec::new();
    let dates: Vec<Option<When>> = (0..groups.len()).map(|g| vote(groups.get(g).iter().map(|&i| &mentions[i]), &mut tally)).collect();
    let mut refs: Vec<&Mention> = Vec::new();
    let keep: Vec<bool> = (0..groups.len())
        .map(|g| {
            refs.clear();
            refs.extend(groups.get(g).iter().map(|&i| &mentions[i]));
            worth_an_event(&refs)
        })
        .collect();
    // A dated mention that makes no event of its own (narrated in passing, one article) is
    // part of the account its article gives of that day: it joins the nearest kept event of
    // its article with the same date (before it, else after it), as extra evidence.
    let mut guests: Vec<Vec<usize>> = vec![Vec::new(); groups.len()];
    let mut keep = keep;
    for g in 0..groups.len() {
        let members = groups.get(g);
        let Some(d) = dates[g].filter(|_| !keep[g]) else { continue };
        let first = members[0];
        let doc = mentions[first].doc;
        let host_of = |k: usize| (keep[group_of[k]] && dates[group_of[k]] == Some(d)).then_some(group_of[k]);
        let before = (0..first).rev().take_while(|&k| mentions[k].doc == doc).find_map(host_of);
        let host = before.or_else(|| (first + 1..n).take_while(|&k| mentions[k].doc == doc).find_map(host_of));
        match host {
            Some(h) => guests[h].extend(members.iter().copied()),
            // No account of that day to join: a specific main-clause action still stands.
            None => keep[g] = members.iter().any(|&i| !mentions[i].generic && !mentions[i].subordinate),
        }
    }
    // Where each article's spans start among the story's, and the group that last took each.
    let mut first_span = Vec::with_capacity(lists.0.len());
    let mut spans = 0;
    for arena in lists.0 {
        first_span.push(spans);
        spans += arena.spans.len();
    }
    let mut taken_by = vec![u32::MAX; spans];
    for g in 0..groups.len() {
        let members = groups.get(g);
        if !keep[g] {
            continue;
        }
        let first = members[0];
        let key = match dates[g] {
            Some(w) => w.ordinal(),
            None => {
                // Walk back in the first member's article to the closest dated event.
                (0..first)
                    .rev()
                    .take_while(|&k| mentions[k].doc == mentions[first].doc)
                    .find_map(|k| dates[group_of[k]].map(|w| w.ordinal()))
                    .unwrap_or(i64::MAX)
            }
        };
        let rep = members
            .iter()
            .copied()
            .max_by_key(|&i| {
                let m = &mentions[i];
                (m.date.map(|d| d.1), !m.subordinate, !m.generic, m.has_subject, std::cmp::Reverse(i))
            })
            .unwrap_or(first);
        // Every member's evidence, first occurrence order. Equal bounds in one article have
        // one number (see [`super::candidates::Arena::same`]), so a span already taken is
        // one look-up in a dense array marked with the event's group.
        let spans: usize = members.iter().chain(&guests[g]).map(|&m| lists.evidence(&mentions[m]).len()).sum();
        let mut evidence: Vec<TextRef> = Vec::with_capacity(spans);
        for &m in members.iter().chain(&guests[g]) {
            let mention = &mentions[m];
            for (span, &number) in lists.evidence(mention).iter().zip(lists.evidence_numbers(mention)) {
                let taken = &mut taken_by[first_span[mention.doc] + number as usize];
                if *taken != g as u32 {
                    *taken = g as u32;
                    evidence.push(TextRef { doc: mention.doc, span: span.clone() });
                }
            }
        }
        let event = Event {
            what: headline_text(bodies.get(mentions[rep].doc).copied().unwrap_or(""), &mentions[rep], lists),
            date: dates[g].map(|w| w.format()),
            precision: dates[g].map_or(DatePrecision::Unknown, |w| w.precision()),
            evidence,
        };
        keyed.push((key, made.len()));
        made.push(Some(event));
    }
    keyed.sort_unstable();
    keyed.iter().filter_map(|&(_, at)| made[at].take()).collect()
}
