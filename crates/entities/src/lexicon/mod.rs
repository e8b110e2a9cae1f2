//! Precompiled word lists (built once, behind `LazyLock`): lookups are one hash probe on a
//! lowercase word. `lists` holds the hand-written general lists; `data/` the vendored given
//! names (US Census via the `names` package) and common English words (SCOWL via `wamerican`).

pub mod lists;

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

/// Grammatical/natural gender evidence for a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
    Unknown,
}

fn set(words: &[&'static str]) -> FxHashSet<&'static str> {
    words.iter().copied().collect()
}

fn gender_of(c: char) -> Gender {
    match c {
        'm' => Gender::Male,
        'f' => Gender::Female,
        _ => Gender::Unknown,
    }
}

static COMMON: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| include_str!("../../data/common_words.txt").lines().filter(|l| !l.is_empty()).collect());
static GIVEN: LazyLock<FxHashMap<&'static str, Gender>> = LazyLock::new(|| {
    include_str!("../../data/given_names.tsv")
        .lines()
        .filter_map(|l| {
            let (n, g) = l.split_once('\t')?;
            Some((n, gender_of(g.chars().next()?)))
        })
        .collect()
});
static HONORIFICS: LazyLock<FxHashMap<&'static str, Gender>> =
    LazyLock::new(|| lists::HONORIFICS.iter().map(|&(w, g)| (w, gender_of(g))).collect());
static TITLE_HEADS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| set(lists::TITLE_HEADS));
static TITLE_MODIFIERS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| set(lists::TITLE_MODIFIERS));
static OFFICES: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| set(lists::OFFICES));
static ROLE_NOUNS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| set(lists::ROLE_NOUNS));
static SPEAKER_NOUNS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| set(lists::SPEAKER_NOUNS));
static GROUP_NOUNS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| set(lists::GROUP_NOUNS));
static ORG_HEADS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| set(lists::ORG_HEADS));
static PLACE_HEADS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| set(lists::PLACE_HEADS));
static EVENT_HEADS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| set(lists::EVENT_HEADS));
static OTHER_HEADS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| set(lists::OTHER_HEADS));
static STOP_CAPITALS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| set(lists::STOP_CAPITALS));
static KNOWN_ORGS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| set(lists::KNOWN_ORGS));
static PLACES: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| set(lists::PLACES));
static DEMONYMS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| set(lists::DEMONYMS));
static SPEECH_VERBS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| set(lists::SPEECH_VERBS));
static MEDIA_CUE_NOUNS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| set(lists::MEDIA_CUE_NOUNS));

/// An ordinary English word when written in lower case ("rogue", "court").
pub fn is_common(w: &str) -> bool {
    COMMON.contains(w)
}
pub fn given_name(w: &str) -> Option<Gender> {
    GIVEN.get(w).copied()
}
pub fn honorific(w: &str) -> Option<Gender> {
    HONORIFICS.get(w).copied()
}
pub fn is_title_head(w: &str) -> bool {
    TITLE_HEADS.contains(w)
}
pub fn is_title_modifier(w: &str) -> bool {
    TITLE_MODIFIERS.contains(w)
}
pub fn is_office(phrase: &str) -> bool {
    OFFICES.contains(phrase)
}
pub fn is_role_noun(w: &str) -> bool {
    ROLE_NOUNS.contains(w)
}
pub fn is_speaker_noun(w: &str) -> bool {
    SPEAKER_NOUNS.contains(w)
}
pub fn is_group_noun(w: &str) -> bool {
    GROUP_NOUNS.contains(w)
}
pub fn is_org_head(w: &str) -> bool {
    ORG_HEADS.contains(w)
}
pub fn is_place_head(w: &str) -> bool {
    PLACE_HEADS.contains(w)
}
pub fn is_event_head(w: &str) -> bool {
    EVENT_HEADS.contains(w)
}
pub fn is_other_head(w: &str) -> bool {
    OTHER_HEADS.contains(w)
}
pub fn is_stop_capital(w: &str) -> bool {
    STOP_CAPITALS.contains(w)
}
pub fn is_known_org(w: &str) -> bool {
    KNOWN_ORGS.contains(w)
}
/// A country, capital, city, state or region (lowercase, words joined by single spaces).
pub fn is_place(phrase: &str) -> bool {
    PLACES.contains(phrase)
}
pub fn is_demonym(w: &str) -> bool {
    DEMONYMS.contains(w)
}
pub fn is_speech_verb(w: &str) -> bool {
    SPEECH_VERBS.contains(w)
}
pub fn is_media_cue_noun(w: &str) -> bool {
    MEDIA_CUE_NOUNS.contains(w)
}
pub fn is_media_cue_verb(w: &str) -> bool {
    lists::MEDIA_CUE_VERBS.contains(&w)
}
pub fn pronoun(w: &str) -> Option<char> {
    lists::PRONOUNS.iter().find(|(p, _)| *p == w).map(|&(_, g)| g)
}

/// Words that stand between capitalised name words without ending the name ("Bank of England",
/// "Ludwig van Beethoven").
pub fn is_name_particle(w: &str) -> bool {
    matches!(w, "de" | "del" | "della" | "da" | "di" | "van" | "von" | "der" | "den" | "bin" | "bint" | "al" | "el" | "la" | "le" | "du" | "dos" | "das" | "ibn" | "ter" | "op")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load() {
        assert!(is_common("court"));
        assert!(!is_common("zxqv"));
        assert_eq!(given_name("mary"), Some(Gender::Female));
        assert_eq!(given_name("john"), Some(Gender::Male));
        assert_eq!(honorific("mrs"), Some(Gender::Female));
        assert!(is_org_head("party") && is_place("new zealand") && is_stop_capital("tuesday"));
    }
}
