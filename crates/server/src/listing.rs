//! Stories listed and filtered (by words, date, outlet, person), and the searches over quotes
//! and entities: what the API and the pages both show, gathered once here.

use std::collections::HashMap;

use parallax::collection::{Collection, Hit, HitKind, SearchQuery};
use parallax::store::{StoryOrder, StorySummary};
use serde::{Deserialize, Serialize};

use crate::state::Failure;

/// Most stories one listing returns.
pub const MAX_LIMIT: usize = 200;
/// Search hits looked at to find the stories that match words or a person.
const SEARCH_DEPTH: usize = 1000;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct StoryFilter {
    /// Words searched in articles, quotes and names.
    pub q: Option<String>,
    /// Stories with an article on or after this date (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Stories with an article on or before this date.
    pub to: Option<String>,
    /// Stories with an article from this outlet (exact name, any case).
    pub outlet: Option<String>,
    /// Stories that name this person (or organisation), by any of their names.
    pub person: Option<String>,
    /// `recent` (default), `size` or `created`.
    pub order: Option<String>,
    pub limit: Option<usize>,
}

impl StoryFilter {
    /// Whether the stories listed depend on the search index (not only on the store).
    pub fn uses_search(&self) -> bool {
        given(&self.q).is_some() || given(&self.person).is_some()
    }
}

#[derive(Debug, Serialize)]
pub struct Listing {
    pub id: i64,
    pub title: String,
    pub articles: u64,
    pub copies: u64,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    pub outlets: Vec<OutletCount>,
    pub people: Vec<PersonCount>,
}

#[derive(Debug, Serialize)]
pub struct OutletCount {
    pub outlet: String,
    pub articles: u64,
}

#[derive(Debug, Serialize)]
pub struct PersonCount {
    pub name: String,
    pub mentions: i64,
}

fn given(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn bad_request(message: impl Into<String>) -> Failure {
    Failure::new(axum::http::StatusCode::BAD_REQUEST, message)
}

/// A `YYYY-MM-DD` date as given, or a 400.
fn date(s: Option<&str>, name: &str) -> Result<Option<String>, Failure> {
    let Some(s) = s else { return Ok(None) };
    let ok = s.len() == 10 && s.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    if !ok {
        return Err(bad_request(format!("{name} must be a date like 2025-05-07")));
    }
    Ok(Some(s.to_owned()))
}

/// Story ids in the order of the first hit of each.
fn stories_of(hits: &[Hit]) -> HashMap<i64, usize> {
    let mut rank = HashMap::new();
    for h in hits {
        if let Some(s) = h.story {
            let next = rank.len();
            rank.entry(s as i64).or_insert(next);
        }
    }
    rank
}

pub fn stories(c: &Collection, f: &StoryFilter) -> Result<Vec<Listing>, Failure> {
    let limit = f.limit.unwrap_or(50).clamp(1, MAX_LIMIT);
    let order = match given(&f.order).unwrap_or("recent") {
        "recent" => StoryOrder::LastPublished,
        "size" => StoryOrder::Size,
        "created" => StoryOrder::Id,
        other => return Err(bad_request(format!("order must be recent, size or created, not {other:?}"))),
    };
    let (from, to) = (date(given(&f.from), "from")?, date(given(&f.to), "to")?);
    let words = given(&f.q);
    let outlet = given(&f.outlet).map(str::to_lowercase);
    let person = given(&f.person);
    let filtered = words.is_some() || from.is_some() || to.is_some() || outlet.is_some() || person.is_some();
    let mut rank: Option<HashMap<i64, usize>> = None;
    if let Some(q) = words {
        let hits = c.search(&SearchQuery { text: q.to_owned(), limit: SEARCH_DEPTH, ..SearchQuery::default() }).map_err(|e| bad_request(e.to_string()))?;
        rank = Some(stories_of(&hits));
    }
    let mut named = None;
    if let Some(p) = person {
        let hits = c
            .search(&SearchQuery { text: p.to_owned(), kinds: vec![HitKind::Entity], limit: SEARCH_DEPTH, ..SearchQuery::default() })
            .map_err(|e| bad_request(e.to_string()))?;
        named = Some(stories_of(&hits));
    }
    let all = c.stories(order, if filtered { None } else { Some(limit) }).map_err(Failure::internal)?;
    let mut kept: Vec<StorySummary> = all
        .into_iter()
        .filter(|s| rank.as_ref().is_none_or(|r| r.contains_key(&s.id.0)))
        .filter(|s| named.as_ref().is_none_or(|r| r.contains_key(&s.id.0)))
        .filter(|s| from.as_deref().is_none_or(|d| s.last_published.as_deref().is_some_and(|l| l.get(..10).unwrap_or(l) >= d)))
        .filter(|s| to.as_deref().is_none_or(|d| s.first_published.as_deref().is_some_and(|l| l.get(..10).unwrap_or(l) <= d)))
        .filter(|s| outlet.as_deref().is_none_or(|o| s.outlets.iter().any(|(name, _)| name.to_lowercase() == o)))
        .collect();
    if let Some(r) = &rank {
        // Best match first when searching by words.
        kept.sort_by_key(|s| r.get(&s.id.0).copied().unwrap_or(usize::MAX));
    }
    kept.truncate(limit);
    kept.into_iter().map(|s| listing(c, s)).collect()
}

fn listing(c: &Collection, s: StorySummary) -> Result<Listing, Failure> {
    let people = c.story_people(s.id.0, 5).map_err(Failure::internal)?;
    let title = story_title(c, s.id.0)?;
    Ok(Listing {
        id: s.id.0,
        title,
        articles: s.articles,
        copies: s.copies,
        first_published: s.first_published,
        last_published: s.last_published,
        outlets: s.outlets.into_iter().map(|(outlet, articles)| OutletCount { outlet, articles }).collect(),
        people: people.into_iter().map(|(name, mentions)| PersonCount { name, mentions }).collect(),
    })
}

/// The title of a story's earliest article that has one.
pub fn story_title(c: &Collection, story: i64) -> Result<String, Failure> {
    use parallax::store::StoreRead;
    let title = c.store().story_title(parallax::store::StoryId(story)).map_err(Failure::internal)?;
    Ok(title.map(|t| t.trim().to_owned()).unwrap_or_else(|| format!("Story {story}")))
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct QuoteFilter {
    pub q: Option<String>,
    pub speaker: Option<String>,
    pub story: Option<u64>,
    pub limit: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct QuoteHit {
    pub article: Option<u64>,
    pub story: Option<u64>,
    pub text: String,
    pub speaker: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub score: f32,
}

pub fn quotes(c: &Collection, f: &QuoteFilter) -> Result<Vec<QuoteHit>, Failure> {
    if given(&f.q).is_none() && given(&f.speaker).is_none() && f.story.is_none() {
        return Err(bad_request("give q (words), speaker or story"));
    }
    let query = SearchQuery {
        text: given(&f.q).unwrap_or("").to_owned(),
        speaker: given(&f.speaker).map(str::to_owned),
        story: f.story,
        kinds: vec![HitKind::Quote],
        limit: f.limit.unwrap_or(50).clamp(1, MAX_LIMIT),
    };
    let hits = c.search(&query).map_err(|e| bad_request(e.to_string()))?;
    Ok(hits
        .into_iter()
        .map(|h| QuoteHit {
            article: h.article,
            story: h.story,
            text: h.text.unwrap_or_default(),
            speaker: h.speaker,
            outlet: h.outlet,
            published: h.published,
            score: h.score,
        })
        .collect())
}

#[derive(Debug, Serialize)]
pub struct EntityView {
    pub name: String,
    /// The stories that name it, with the names it goes by there.
    pub stories: Vec<EntityInStory>,
    /// What it is quoted saying, across stories.
    pub quotes: Vec<QuoteHit>,
}

#[derive(Debug, Serialize)]
pub struct EntityInStory {
    pub story: Option<u64>,
    pub names: String,
    pub kind: Option<String>,
}

pub fn entity(c: &Collection, name: &str, limit: usize) -> Result<EntityView, Failure> {
    let name = name.trim();
    if name.is_empty() || !name.chars().any(char::is_alphanumeric) {
        return Err(bad_request("give a name"));
    }
    let limit = limit.clamp(1, MAX_LIMIT);
    let found = c
        .search(&SearchQuery { text: name.to_owned(), kinds: vec![HitKind::Entity], limit, ..SearchQuery::default() })
        .map_err(|e| bad_request(e.to_string()))?;
    let stories = found.into_iter().map(|h| EntityInStory { story: h.story, names: h.text.unwrap_or_default(), kind: h.label }).collect();
    let quotes = quotes(c, &QuoteFilter { speaker: Some(name.to_owned()), limit: Some(limit), ..QuoteFilter::default() })?;
    Ok(EntityView { name: name.to_owned(), stories, quotes })
}
