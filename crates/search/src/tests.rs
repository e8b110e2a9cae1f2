use super::*;

/// A small fictional story: two articles, three quotes, two entities.
fn filled() -> SearchIndex {
    let mut index = SearchIndex::in_memory().unwrap();
    index
        .add_article(&ArticleEntry {
            article: 1,
            story: Some(7),
            title: Some("Ferry crews walk out at Tarn Harbour"),
            text: "Ferry crews at Tarn Harbour walked off the job on Monday over pay. Passengers queued for hours.",
            outlet: Some("Coast Wire"),
            published: Some("2031-03-04"),
        })
        .unwrap();
    index
        .add_article(&ArticleEntry {
            article: 2,
            story: Some(8),
            title: Some("Orchard growers count frost losses"),
            text: "Growers in the valley said a late frost destroyed much of the apple blossom.",
            outlet: Some("Valley Times"),
            published: Some("2031-03-05"),
        })
        .unwrap();
    let quotes = [
        (1, 0, 7, "We will not sail until the operator talks to us", Some("Mara Quill")),
        (1, 1, 7, "The strike is costing the island dearly", Some("Oren Sharpe")),
        (2, 0, 8, "Frost like this comes once in a generation", Some("Oren Sharp")),
    ];
    for (article, position, story, text, speaker) in quotes {
        index.add_quote(&QuoteEntry { article, position, story: Some(story), text, speaker, outlet: None, published: None }).unwrap();
    }
    let aliases = vec!["Mara Quill".to_string(), "Quill".to_string(), "the union secretary".to_string()];
    index.add_entity(&EntityEntry { story: 7, position: 0, name: "Mara Quill", aliases: &aliases, kind: "person" }).unwrap();
    index.commit().unwrap();
    index
}

fn search(index: &SearchIndex, text: &str) -> Vec<Hit> {
    index.search(&SearchQuery { text: text.into(), ..SearchQuery::default() }).unwrap()
}

#[test]
fn finds_articles_quotes_and_entities_with_stemming() {
    let index = filled();
    // "walking" meets "walked", "strikes" meets "strike".
    let hits = search(&index, "walking ferry");
    assert_eq!(hits.first().map(|h| (h.kind, h.article)), Some((HitKind::Article, Some(1))));
    let hits = search(&index, "strikes");
    assert!(hits.iter().any(|h| h.kind == HitKind::Quote && h.speaker.as_deref() == Some("Oren Sharpe")), "{hits:?}");
    let hits = search(&index, "union secretary");
    assert_eq!(hits.first().map(|h| (h.kind, h.story)), Some((HitKind::Entity, Some(7))));
    assert!(hits[0].text.as_deref().is_some_and(|t| t.contains("Quill")));
}

#[test]
fn all_words_must_match() {
    let index = filled();
    assert!(search(&index, "ferry frost").is_empty());
}

#[test]
fn speaker_filter_matches_whole_words_of_the_name() {
    let index = filled();
    let by = |name: &str| {
        index.search(&SearchQuery { speaker: Some(name.into()), ..SearchQuery::default() }).unwrap().iter().map(|h| h.text.clone().unwrap_or_default()).collect::<Vec<_>>()
    };
    assert_eq!(by("Sharp"), vec!["Frost like this comes once in a generation".to_string()]);
    assert_eq!(by("oren sharpe").len(), 1);
    assert_eq!(by("Quill").len(), 1);
    let words_and_speaker = index.search(&SearchQuery { text: "island".into(), speaker: Some("Sharpe".into()), ..SearchQuery::default() }).unwrap();
    assert_eq!(words_and_speaker.len(), 1);
}

#[test]
fn story_and_kind_filters() {
    let index = filled();
    let in_story = index.search(&SearchQuery { story: Some(8), ..SearchQuery::default() }).unwrap();
    assert_eq!(in_story.len(), 2);
    assert!(in_story.iter().all(|h| h.story == Some(8)));
    let quotes = index.search(&SearchQuery { text: "strike".into(), kinds: vec![HitKind::Quote], ..SearchQuery::default() }).unwrap();
    assert!(quotes.iter().all(|h| h.kind == HitKind::Quote));
}

#[test]
fn replacing_and_removing() {
    let mut index = filled();
    let before = index.len();
    index
        .add_article(&ArticleEntry { article: 1, story: Some(7), title: Some("Ferry crews return"), text: "Crews returned to work.", ..ArticleEntry::default() })
        .unwrap();
    index.commit().unwrap();
    assert_eq!(index.len(), before);
    assert!(search(&index, "passengers").is_empty());
    index.remove_story(7).unwrap();
    index.commit().unwrap();
    assert!(index.search(&SearchQuery { story: Some(7), ..SearchQuery::default() }).unwrap().is_empty());
    assert_eq!(index.search(&SearchQuery { story: Some(8), ..SearchQuery::default() }).unwrap().len(), 2);
}

#[test]
fn odd_queries_are_not_errors_and_empty_ones_are() {
    let index = filled();
    for q in ["\"unclosed", "title:", "a:b:c", "((", "-", "ferry AND", "💥"] {
        let _ = search(&index, q);
    }
    assert!(index.search(&SearchQuery::default()).is_err());
    assert!(index.search(&SearchQuery { speaker: Some("  ,,".into()), ..SearchQuery::default() }).is_err());
}

#[test]
fn snippet_highlights_the_matched_words() {
    let index = filled();
    let q = SearchQuery { text: "passengers".into(), ..SearchQuery::default() };
    let text = "Ferry crews at Tarn Harbour walked off the job on Monday over pay. Passengers queued for hours.";
    let s = index.snippet(&q, text, 60).unwrap();
    assert_eq!(s.highlighted.len(), 1);
    assert_eq!(&s.fragment[s.highlighted[0].clone()], "Passengers");
}

#[test]
fn reopens_from_disk() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut index = SearchIndex::open(dir.path()).unwrap();
        index.add_article(&ArticleEntry { article: 3, text: "Lighthouse keepers vote on a new roster.", ..ArticleEntry::default() }).unwrap();
        index.commit().unwrap();
    }
    let index = SearchIndex::open(dir.path()).unwrap();
    assert_eq!(search(&index, "lighthouse").len(), 1);
}

#[test]
fn a_folder_that_is_not_an_index_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("meta.json"), b"not json at all").unwrap();
    let err = SearchIndex::open(dir.path()).err().expect("garbage meta.json");
    assert!(err.to_string().contains(&dir.path().display().to_string()), "{err}");
}
