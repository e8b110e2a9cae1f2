//! People, organisations, places and groups in English news articles, found with rules and
//! general word lists (no model): every alias and descriptor, pronoun and descriptor
//! resolution, quote speakers linked to entities, and entities merged across a story.
//!
//! Pipeline per document: [`tokens`] (one pass, flags) → [`mentions`] (capitalised runs split
//! into title / honorific / name and typed) → [`coref`] (names grouped by surname, given name,
//! short form and acronym; titles, appositions, offices and pronouns resolved). [`speakers`]
//! maps quote speaker spans to entities; [`story`] merges the documents of one story.

pub mod coref;
pub mod lexicon;
pub mod mentions;
pub mod speakers;
pub mod story;
pub mod tokens;

use parallax_core::{Document, Entity, EntityType, Quote};

pub use story::{name_keys, NameKeys, StoryEntities, StoryEntity};

/// Entities of one document with all their mentions.
pub fn find_entities(doc: &Document) -> Vec<Entity> {
    let t = tokens::tokenize(doc);
    let found = mentions::find(&t);
    coref::build(doc, &t, &found)
        .into_iter()
        .map(|e| e.e)
        // a lone unknown capitalised word of no type is noise, not an entity
        .filter(|e| e.kind != EntityType::Other || e.name.contains(' '))
        .collect()
}

/// Sets `quote.entity` for every quote with a speaker span (names, pronouns, descriptions,
/// unnamed speakers as entities of their own added to `entities`); quotes attributed by context
/// take their source quote's entity.
pub fn attribute_quotes(doc: &Document, entities: &mut Vec<Entity>, quotes: &mut [Quote]) {
    speakers::attribute_quotes(doc, entities, quotes)
}

/// One entity per referent across the documents of one story.
pub fn merge_story(docs: &[(&Document, &[Entity])]) -> StoryEntities {
    story::merge_story(docs)
}

/// [`merge_story`] with each source's name keys made when it was read (`keys[d]` for `docs[d]`).
pub fn merge_story_keyed(docs: &[(&Document, &[Entity])], keys: &[&NameKeys]) -> StoryEntities {
    story::merge_story_keyed(docs, keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, paras: &[&str]) -> Document {
        Document::from_paragraphs(id, paras.iter().copied())
    }

    #[test]
    fn aliases_descriptors_and_types() {
        let d = doc("a", &[
            "Deputy Mayor Dr Priya Raman has quit the Riverside Council.",
            "Dr Raman, the Northgate councillor, said on Tuesday she was tired. Raman told Radio Harbour that Priya would rest.",
        ]);
        let ents = find_entities(&d);
        let p = ents.iter().find(|e| e.name == "Priya Raman").expect("person");
        assert_eq!(p.kind, EntityType::Person);
        for a in ["Dr Priya Raman", "Dr Raman", "Raman", "Priya"] {
            assert!(p.aliases.iter().any(|x| x == a), "{a} in {:?}", p.aliases);
        }
        assert!(p.descriptors.iter().any(|x| x == "Deputy Mayor"));
        assert!(p.descriptors.iter().any(|x| x == "the Northgate councillor"));
        assert!(ents.iter().any(|e| e.name == "Riverside Council" && e.kind == EntityType::Org));
        assert!(!ents.iter().any(|e| e.name == "Tuesday"));
    }

    #[test]
    fn story_merges_surname_and_office() {
        let d1 = doc("1", &["Prime Minister Ana Kovac met Bruno Lind in the capital."]);
        let d2 = doc("2", &["Kovac refused. The Prime Minister said nothing more."]);
        let (e1, e2) = (find_entities(&d1), find_entities(&d2));
        let s = merge_story(&[(&d1, &e1), (&d2, &e2)]);
        let k = s.entities.iter().find(|e| e.name == "Ana Kovac").expect("merged");
        assert_eq!(k.docs, vec![0, 1]);
        let pm = e2.iter().position(|e| e.name == "Prime Minister").expect("office");
        assert_eq!(s.entities[s.local_to_story[1][pm]].name, "Ana Kovac");
    }

    #[test]
    fn keys_made_at_reading_merge_as_keys_made_at_merging() {
        let d1 = doc("1", &["Prime Minister Ana Kovac met Bruno Lind in the capital."]);
        let d2 = doc("2", &["Kovac refused. The Prime Minister said nothing more."]);
        let (e1, e2) = (find_entities(&d1), find_entities(&d2));
        let docs = [(&d1, e1.as_slice()), (&d2, e2.as_slice())];
        let plain = merge_story(&docs);
        let (k1, k2) = (name_keys(&e1), name_keys(&e2));
        let keyed = merge_story_keyed(&docs, &[&k1, &k2]);
        assert_eq!(keyed.local_to_story, plain.local_to_story);
        // Keys that do not fit their source (missing, or for no entities) are made again.
        let empty = NameKeys::default();
        for keys in [vec![], vec![&k1], vec![&empty, &k2]] {
            assert_eq!(merge_story_keyed(&docs, &keys).local_to_story, plain.local_to_story, "{}", keys.len());
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in ["", "\"", "’s", "Mr.", "A/B", "É É É/é", "The The The.", "U.S.A. \u{201C}", "of the of"] {
            let d = doc("x", &[t]);
            let mut ents = find_entities(&d);
            let mut qs = vec![Quote { text: 0..d.body.len(), kind: parallax_core::QuoteKind::Direct, cue: None, speaker: Some(0..d.body.len()), speaker_source: parallax_core::SpeakerSource::Context(0), entity: None }];
            attribute_quotes(&d, &mut ents, &mut qs);
            let _ = merge_story(&[(&d, &ents)]);
        }
    }
}
