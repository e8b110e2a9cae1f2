//! schema.org JSON-LD blocks: the article object's headline, dates, authors and publisher.

use scraper::{Html, Selector};
use serde_json::Value;

/// What the JSON-LD of a page says about its article.
#[derive(Debug, Default)]
pub(crate) struct JsonLd {
    pub headline: Option<String>,
    pub date_published: Option<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
}

/// Types whose dates and authors are the article's own (not a breadcrumb's or a web site's).
const ARTICLE_TYPES: &[&str] = &[
    "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle",
    "ReviewNewsArticle", "BlogPosting", "LiveBlogPosting", "SocialMediaPosting", "Report", "ScholarlyArticle",
    "TechArticle", "Review", "Recipe", "WebPage", "ItemPage", "Question", "VideoObject",
];

pub(crate) fn read_json_ld(doc: &Html) -> JsonLd {
    let Ok(scripts) = Selector::parse(r#"script[type="application/ld+json"]"#) else { return JsonLd::default() };
    let mut objects = Vec::new();
    for script in doc.select(&scripts) {
        let raw: String = script.text().collect();
        if let Ok(value) = serde_json::from_str::<Value>(unwrap_script(&raw)) {
            flatten(value, &mut objects, 0);
        }
    }
    // The most article-like object speaks first: a NewsArticle before a WebPage.
    let rank = |o: &serde_json::Map<String, Value>| types(o).filter_map(|t| ARTICLE_TYPES.iter().position(|a| *a == t)).min();
    let mut ranked: Vec<_> = objects.iter().filter_map(|o| Some((rank(o)?, o))).collect();
    ranked.sort_by_key(|(r, _)| *r);
    let mut out = JsonLd::default();
    for (_, object) in ranked {
        out.headline = out.headline.or_else(|| text(object.get("headline")).or_else(|| text(object.get("name"))));
        out.date_published = out.date_published.or_else(|| text(object.get("datePublished")).or_else(|| text(object.get("dateCreated"))));
        if out.authors.is_empty() {
            out.authors = names(object.get("author").or_else(|| object.get("creator")));
        }
        out.publisher = out.publisher.or_else(|| names(object.get("publisher")).into_iter().next());
    }
    if out.publisher.is_none() {
        let site = objects.iter().find(|o| types(o).any(|t| t == "WebSite" || t == "NewsMediaOrganization" || t == "Organization"));
        out.publisher = site.and_then(|o| text(o.get("name")));
    }
    out
}

/// Some pages wrap the JSON in an HTML comment or CDATA section.
fn unwrap_script(raw: &str) -> &str {
    let mut s = raw.trim();
    for (open, close) in [("<!--", "-->"), ("//<![CDATA[", "//]]>"), ("<![CDATA[", "]]>")] {
        if let Some(inner) = s.strip_prefix(open) {
            s = inner.strip_suffix(close).unwrap_or(inner).trim();
        }
    }
    s.trim_end_matches(';')
}

/// Every object of a JSON-LD value: top-level arrays, `@graph` members, and nested `mainEntity`.
fn flatten(value: Value, out: &mut Vec<serde_json::Map<String, Value>>, depth: usize) {
    if depth > 4 {
        return;
    }
    match value {
        Value::Array(items) => items.into_iter().for_each(|v| flatten(v, out, depth + 1)),
        Value::Object(mut object) => {
            if let Some(graph) = object.remove("@graph") {
                flatten(graph, out, depth + 1);
            }
            if let Some(main) = object.get("mainEntity").cloned() {
                flatten(main, out, depth + 1);
            }
            out.push(object);
        }
        _ => {}
    }
}

fn types(object: &serde_json::Map<String, Value>) -> impl Iterator<Item = &str> {
    let list: Vec<&str> = match object.get("@type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    list.into_iter().map(|t| t.rsplit(['/', ':']).next().unwrap_or(t))
}

fn text(value: Option<&Value>) -> Option<String> {
    let s = match value? {
        Value::String(s) => s.trim().to_owned(),
        Value::Array(items) => return items.iter().find_map(|v| text(Some(v))),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// Person or organisation names: a string, an object with `name`, or a list of either.
fn names(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) if !s.trim().is_empty() && !s.contains("://") => vec![s.trim().to_owned()],
        Some(Value::Object(o)) => text(o.get("name")).into_iter().collect(),
        Some(Value::Array(items)) => items.iter().flat_map(|v| names(Some(v))).collect(),
        _ => Vec::new(),
    }
}
