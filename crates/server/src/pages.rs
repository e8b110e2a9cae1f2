//! The web pages: server-rendered HTML that works without script. Every string from the store
//! goes through `esc`; the one stylesheet and one script are files of this binary.

use std::collections::HashMap;
use std::fmt::Write;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use parallax::report::html::{self, esc, safe_url, Frame};
use parallax::store::Article;

use crate::listing::{self, QuoteFilter, StoryFilter};
use crate::state::{Failure, State as AppState};

pub const CSS_PATH: &str = "/static/parallax.css";
pub const JS_PATH: &str = "/static/parallax.js";
const SITE_CSS: &str = include_str!("../static/site.css");
const SITE_JS: &str = include_str!("../static/parallax.js");

/// What the story page caches.
/// Bump the number when the page's markup changes: renderings cached in a store under the old
/// name are then left unused.
pub const STORY_PAGE: &str = "web-story-page/2";

pub async fn stylesheet() -> Response {
    let css = format!("{}\n{SITE_CSS}", html::STYLESHEET);
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")], css).into_response()
}

pub async fn script() -> Response {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")], SITE_JS).into_response()
}

/// A path segment with everything but unreserved characters percent-encoded.
pub fn path_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn site_bar(query: &str) -> String {
    format!(
        "<header class=\"site\"><div class=\"site-in\"><a class=\"home\" href=\"/\">Parallax</a>\
         <form class=\"find\" action=\"/\" method=\"get\" role=\"search\">\
         <input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"Search stories, quotes, people\" aria-label=\"Search\">\
         <button type=\"submit\">Search</button></form></div></header>\n",
        esc(query)
    )
}

fn page(title: &str, query: &str, body: &str) -> String {
    let bar = site_bar(query);
    let mut out = String::with_capacity(body.len() + 1024);
    html::page_start(&Frame { title, stylesheet_href: Some(CSS_PATH), script_href: Some(JS_PATH), site_bar: &bar, ..Frame::default() }, &mut out);
    out.push_str(body);
    out.push_str("</div>\n</body>\n</html>\n");
    out
}

fn error_page(f: Failure) -> Response {
    if f.status.is_server_error() {
        eprintln!("parallax serve: {}", f.message);
    }
    let message = if f.status.is_server_error() { "Something went wrong on the server." } else { f.message.as_str() };
    let body = format!("<h1>{}</h1><p>{}</p><p><a href=\"/\">All stories</a></p>", f.status.as_u16(), esc(message));
    (f.status, Html(page("Parallax", "", &body))).into_response()
}

fn date_range(first: Option<&str>, last: Option<&str>) -> String {
    let day = |d: &str| d.get(..10).unwrap_or(d).to_owned();
    match (first, last) {
        (Some(a), Some(b)) if day(a) == day(b) => day(a),
        (Some(a), Some(b)) => format!("{} – {}", day(a), day(b)),
        (Some(a), None) | (None, Some(a)) => day(a),
        _ => "undated".to_owned(),
    }
}

fn filter_form(f: &StoryFilter) -> String {
    let v = |s: &Option<String>| esc(s.as_deref().unwrap_or(""));
    let open = if f.outlet.is_some() || f.person.is_some() || f.from.is_some() || f.to.is_some() { " open" } else { "" };
    format!(
        "<details class=\"filters\"{open}><summary>Filter</summary><form action=\"/\" method=\"get\" class=\"filter-form\">\
         <input type=\"hidden\" name=\"q\" value=\"{}\">\
         <label>Outlet <input name=\"outlet\" value=\"{}\"></label>\
         <label>Person <input name=\"person\" value=\"{}\"></label>\
         <label>From <input type=\"date\" name=\"from\" value=\"{}\"></label>\
         <label>To <input type=\"date\" name=\"to\" value=\"{}\"></label>\
         <button type=\"submit\">Apply</button></form></details>",
        v(&f.q),
        v(&f.outlet),
        v(&f.person),
        v(&f.from),
        v(&f.to)
    )
}

/// `/`: the stories, newest first, with search and filters.
pub async fn story_list(State(state): State<AppState>, Query(filter): Query<StoryFilter>) -> Response {
    let made = if filter.uses_search() {
        state.read(move |c| list_page(c, &filter).map(Bytes::from)).await
    } else {
        let key = format!("page {filter:?}");
        state.listing(key, move |c| list_page(c, &filter).map(Bytes::from)).await
    };
    match made {
        Ok(html) => ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response(),
        Err(e) => error_page(e),
    }
}

fn list_page(c: &mut parallax::Collection, filter: &StoryFilter) -> Result<String, Failure> {
    let stories = listing::stories(c, filter)?;
    let quotes = match filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        Some(q) => listing::quotes(c, &QuoteFilter { q: Some(q.to_owned()), limit: Some(10), ..QuoteFilter::default() })?,
        None => Vec::new(),
    };
    let q = filter.q.as_deref().unwrap_or("");
    let mut body = String::new();
    let heading = if q.trim().is_empty() { "Stories".to_owned() } else { format!("Stories matching “{}”", esc(q)) };
    let _ = writeln!(body, "<header class=\"top\"><h1>{heading}</h1><p class=\"meta\">{} shown</p>{}</header>", stories.len(), filter_form(filter));
    if stories.is_empty() {
        body.push_str("<p class=\"empty\">No stories. Add articles with <code>parallax ingest</code> or <code>POST /api/articles</code>.</p>\n");
    }
    body.push_str("<ul class=\"plain story-list\">\n");
    for s in &stories {
        let outlets: Vec<String> = s.outlets.iter().take(6).map(|o| esc(&o.outlet)).collect();
        let people: Vec<String> = s
            .people
            .iter()
            .take(4)
            .map(|p| format!("<a href=\"/people/{}\">{}</a>", path_segment(&p.name), esc(&p.name)))
            .collect();
        let copies = if s.copies > 0 { format!(" <span class=\"tag copy\">{} copies</span>", s.copies) } else { String::new() };
        let _ = writeln!(
            body,
            "<li><a class=\"title\" href=\"/stories/{}\">{}</a><div class=\"small muted\">{} · {} articles{copies} · {}</div>{}</li>",
            s.id,
            esc(&s.title),
            esc(&date_range(s.first_published.as_deref(), s.last_published.as_deref())),
            s.articles,
            outlets.join(", "),
            if people.is_empty() { String::new() } else { format!("<div class=\"small\">{}</div>", people.join(" · ")) },
        );
    }
    body.push_str("</ul>\n");
    if !quotes.is_empty() {
        body.push_str("<h3>Quotes</h3>\n");
        quote_list(&quotes, &mut body);
    }
    Ok(page("Parallax: stories", q, &body))
}

fn quote_list(quotes: &[listing::QuoteHit], out: &mut String) {
    out.push_str("<ul class=\"plain quotes\">\n");
    for h in quotes {
        let who = h.speaker.as_deref().map_or_else(
            || "<span class=\"muted\">Unattributed</span>".to_owned(),
            |s| format!("<a href=\"/people/{}\">{}</a>", path_segment(s), esc(s)),
        );
        let source = match h.article {
            Some(a) => format!("<a href=\"/articles/{a}\">{}</a>", esc(h.outlet.as_deref().unwrap_or("article"))),
            None => esc(h.outlet.as_deref().unwrap_or("")),
        };
        let story = h.story.map(|s| format!(" · <a href=\"/stories/{s}\">story {s}</a>")).unwrap_or_default();
        let _ = writeln!(
            out,
            "<li><b>{who}</b> <span class=\"small muted\">{source} · {}{story}</span><br>“{}”</li>",
            esc(h.published.as_deref().unwrap_or("undated")),
            esc(&h.text)
        );
    }
    out.push_str("</ul>\n");
}

fn story_page_html(analysis: &parallax::Analysis, articles: &[Article]) -> String {
    let ids: Vec<i64> = articles.iter().map(|a| a.id.0).collect();
    let href = move |d: usize| ids.get(d).map(|id| format!("/articles/{id}"));
    let title = articles.iter().find_map(|a| a.title.as_deref().filter(|t| !t.trim().is_empty())).unwrap_or("Story");
    let bar = site_bar("");
    html::render_in(
        analysis,
        &Frame {
            title,
            stylesheet_href: Some(CSS_PATH),
            script_href: Some(JS_PATH),
            site_bar: &bar,
            article_href: Some(&href),
            person_href: Some(&|name| format!("/people/{}", path_segment(name))),
        },
    )
}

/// `/stories/{id}`: the reconciled account (rendered once per story revision).
pub async fn story(State(state): State<AppState>, Path(id): Path<i64>) -> Response {
    match state.story_rendering(id, STORY_PAGE, story_page_html).await {
        Ok(Some(html)) => ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response(),
        Ok(None) => match state.merged_into(id).await {
            Ok(Some(into)) => Redirect::permanent(&format!("/stories/{into}")).into_response(),
            Ok(None) => error_page(Failure::not_found(format!("There is no story {id}."))),
            Err(e) => error_page(e),
        },
        Err(e) => error_page(e),
    }
}

/// Keeps the renderings of the `count` most recent stories (0: all) ready: renders what is
/// missing at start, then again whenever the store changes (an ingest by this server or by
/// another process), so that a reader rarely meets a story reconciled on the spot. A story
/// whose rendering is cached for its revision costs one lookup.
pub async fn keep_warm(state: AppState, count: usize) {
    let mut seen = None;
    let mut warmed = WarmedRevisions::new();
    loop {
        let version = state
            .read(|c| {
                use parallax::store::StoreRead;
                c.store().content_version().map_err(Failure::internal)
            })
            .await
            .ok();
        if version.is_some() && version != seen {
            warm_once(&state, count, &mut warmed).await;
            seen = version;
        }
        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    }
}

/// The story revision whose renderings were last made ready, by story.
pub type WarmedRevisions = HashMap<i64, i64>;

/// Renders the pages of the `count` most recent stories that have none cached yet. A story
/// still at the revision `warmed` records is skipped without a lookup: after a change to the
/// store, only the stories it changed are visited again. Returns how many were visited.
pub async fn warm_once(state: &AppState, count: usize, warmed: &mut WarmedRevisions) -> usize {
    let limit = (count > 0).then_some(count);
    let recent = state.read(move |c| c.stories(parallax::store::StoryOrder::LastPublished, limit).map_err(Failure::internal)).await;
    let Ok(recent) = recent else { return 0 };
    let started = std::time::Instant::now();
    let mut visited = 0;
    for s in &recent {
        if warmed.get(&s.id.0) == Some(&s.revision) {
            continue;
        }
        visited += 1;
        // Made while this server writes, a rendering is not stored: the story is not ready then.
        let before = state.writes_done();
        let mut ready = before.is_some();
        if let Err(e) = state.story_rendering(s.id.0, STORY_PAGE, story_page_html).await {
            eprintln!("parallax serve: cannot render story {}: {}", s.id.0, e.message);
            ready = false;
        }
        if let Err(e) = state.story_rendering(s.id.0, crate::api::STORY_JSON, crate::api::contract_json).await {
            eprintln!("parallax serve: cannot render story {}: {}", s.id.0, e.message);
            ready = false;
        }
        if ready && state.writes_done() == before {
            warmed.insert(s.id.0, s.revision);
        }
    }
    // Stories no longer among the most recent (or merged away) are forgotten.
    let listed: std::collections::HashSet<i64> = recent.iter().map(|s| s.id.0).collect();
    warmed.retain(|id, _| listed.contains(id));
    if started.elapsed().as_secs_f64() > 1.0 {
        eprintln!("parallax serve: pages of {} stories ready ({:.1}s)", recent.len(), started.elapsed().as_secs_f64());
    }
    visited
}

/// `/articles/{id}`: one article with its quotes highlighted by speaker.
pub async fn article(State(state): State<AppState>, Path(id): Path<i64>) -> Response {
    let made = state
        .read(move |c| {
            let a = c.article(id).map_err(Failure::internal)?.ok_or_else(|| Failure::not_found(format!("There is no article {id}.")))?;
            let (doc, _) = c.engine().clean(&parallax::collection::raw_of(&a));
            let analysis = c.engine().read(&doc);
            let title = doc.headline();
            let mut body = String::new();
            let _ = write!(body, "<header class=\"top\"><div class=\"brand\">Article</div><h1>{}</h1><p class=\"meta\">", esc(&title));
            let mut meta = Vec::new();
            if let Some(o) = &a.outlet {
                meta.push(format!("<b>{}</b>", esc(o)));
            }
            meta.push(esc(a.published.as_deref().unwrap_or("undated")));
            if let Some(author) = &a.author {
                meta.push(format!("by {}", esc(author)));
            }
            if let Some(s) = a.story {
                meta.push(format!("<a href=\"/stories/{}\">story {}</a>", s.0, s.0));
            }
            if let Some(orig) = a.copy_of {
                meta.push(format!("<span class=\"tag copy\">copy of <a href=\"/articles/{}\">article {}</a></span>", orig.0, orig.0));
            }
            if let Some(url) = a.url.as_deref().and_then(safe_url) {
                meta.push(format!("<a href=\"{url}\" rel=\"noopener noreferrer\">original ↗</a>"));
            }
            body.push_str(&meta.join(" · "));
            body.push_str("</p></header>\n<main>\n");
            html::render_article(&doc, &analysis, &mut body);
            body.push_str("</main>\n");
            Ok(page(&title, "", &body))
        })
        .await;
    match made {
        Ok(html) => Html(html).into_response(),
        Err(e) => error_page(e),
    }
}

/// `/people/{name}`: where a person (or organisation) appears and what they are quoted saying.
pub async fn person(State(state): State<AppState>, Path(name): Path<String>) -> Response {
    let view = state.read(move |c| listing::entity(c, &name, 100)).await;
    let view = match view {
        Ok(v) => v,
        Err(e) => return error_page(e),
    };
    let mut body = String::new();
    let _ = writeln!(body, "<header class=\"top\"><div class=\"brand\">Person or organisation</div><h1>{}</h1></header>", esc(&view.name));
    let _ = writeln!(body, "<h3>Named in<span class=\"n\">{}</span></h3>", view.stories.len());
    if view.stories.is_empty() {
        body.push_str("<p class=\"empty\">No story names them.</p>\n");
    }
    body.push_str("<ul class=\"plain\">\n");
    for s in &view.stories {
        let link = s.story.map(|id| format!("<a href=\"/stories/{id}\">story {id}</a>")).unwrap_or_default();
        let _ = writeln!(body, "<li>{link} · {} <span class=\"tag\">{}</span></li>", esc(&s.names), esc(s.kind.as_deref().unwrap_or("")));
    }
    body.push_str("</ul>\n");
    let _ = writeln!(body, "<h3>Quotes<span class=\"n\">{}</span></h3>", view.quotes.len());
    quote_list(&view.quotes, &mut body);
    Html(page(&view.name, "", &body)).into_response()
}

pub async fn not_found() -> Response {
    (StatusCode::NOT_FOUND, Html(page("Not found", "", "<h1>404</h1><p>No such page.</p><p><a href=\"/\">All stories</a></p>"))).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn warming_again_visits_only_changed_stories() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("warm.db");
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/brannock-port-strike/articles.jsonl");
        let inputs = parallax::ingest::read_inputs(&[corpus]);
        let mut collection = parallax::Collection::open(&db, parallax::Engine::default()).expect("store");
        collection.ingest(inputs.articles, &mut |_| {}).expect("ingest");
        drop(collection);
        let state = crate::state::Shared::open(crate::Config::new(db)).expect("state");
        let mut warmed = WarmedRevisions::new();
        let stories = warm_once(&state, 0, &mut warmed).await;
        assert!(stories > 0);
        assert_eq!(warmed.len(), stories, "every story is ready at its revision");
        assert_eq!(warm_once(&state, 0, &mut warmed).await, 0, "nothing changed, nothing is visited");
        let story = *warmed.keys().next().expect("a story");
        warmed.insert(story, -1);
        assert_eq!(warm_once(&state, 0, &mut warmed).await, 1, "a story at another revision is visited");
    }

    #[test]
    fn names_become_safe_path_segments() {
        assert_eq!(path_segment("Ilse Marrow"), "Ilse%20Marrow");
        assert_eq!(path_segment("<x>/\"'"), "%3Cx%3E%2F%22%27");
        assert_eq!(path_segment("Zoë"), "Zo%C3%AB");
    }
}
