//! A page's metadata: title, publication date, outlet, author and language, each taken from
//! the most deliberate source that has it (meta tags and JSON-LD before visible text).

mod dates;
mod json_ld;

use std::collections::HashMap;

use scraper::{ElementRef, Html, Selector};

pub(crate) use dates::{date_in_text, date_in_url};
use json_ld::{read_json_ld, JsonLd};

use crate::lines::squash;

#[derive(Debug, Default)]
pub(crate) struct Metadata {
    pub title: Option<String>,
    pub published: Option<String>,
    pub site_name: Option<String>,
    pub author: Option<String>,
    pub lang: Option<String>,
}

/// `<meta>` values by lower-cased `property`, `name`, `itemprop` or `http-equiv`; the first
/// non-empty value of a key wins.
struct MetaTags(HashMap<String, String>);

impl MetaTags {
    fn read(doc: &Html) -> MetaTags {
        let mut map = HashMap::new();
        let Ok(meta) = Selector::parse("meta") else { return MetaTags(map) };
        for element in doc.select(&meta) {
            let e = element.value();
            let Some(content) = e.attr("content").map(squash).filter(|c| !c.is_empty()) else { continue };
            for key in ["property", "name", "itemprop", "http-equiv"].iter().filter_map(|a| e.attr(a)) {
                map.entry(key.trim().to_ascii_lowercase()).or_insert_with(|| content.clone());
            }
        }
        MetaTags(map)
    }

    fn first(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| self.0.get(*k)).map(String::as_str)
    }
}

const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time", "og:published_time", "og:article:published_time", "article.published", "published_time",
    "datepublished", "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date", "dcterms.date",
    "citation_publication_date", "citation_date", "prism.publicationdate", "parsely-pub-date", "sailthru.date",
    "pubdate", "publishdate", "publish-date", "publication_date", "date",
];
/// A modification date is the publication date of the version read, better than none.
const MODIFIED_KEYS: &[&str] = &["article:modified_time", "og:updated_time", "dateModified", "dc.date.modified", "dcterms.modified"];
const TITLE_KEYS: &[&str] = &["og:title", "twitter:title", "dc.title", "dcterms.title", "citation_title", "parsely-title", "sailthru.title"];
const SITE_KEYS: &[&str] = &["og:site_name", "application-name", "publisher", "dc.publisher", "dcterms.publisher", "citation_publisher"];
const AUTHOR_KEYS: &[&str] = &[
    "author", "article:author", "byl", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author", "citation_author",
    "twitter:creator",
];

/// Reads the metadata of a parsed page. `lines` are its main-text lines, for a dateline.
pub(crate) fn read_metadata(doc: &Html, url: Option<&str>, lines: &[String]) -> Metadata {
    let meta = MetaTags::read(doc);
    let json_ld = read_json_ld(doc);
    let site_name = site_name(&meta, &json_ld, url);
    Metadata {
        title: title(doc, &meta, &json_ld, site_name.as_deref()),
        published: published(doc, &meta, &json_ld, url, lines),
        author: author(doc, &meta, &json_ld),
        lang: lang(doc, &meta),
        site_name,
    }
}

fn site_name(meta: &MetaTags, json_ld: &JsonLd, url: Option<&str>) -> Option<String> {
    meta.first(SITE_KEYS)
        .map(str::to_owned)
        .or_else(|| json_ld.publisher.clone())
        .or_else(|| {
            let host = url::Url::parse(url?).ok()?.host_str()?.to_ascii_lowercase();
            Some(host.strip_prefix("www.").unwrap_or(&host).to_owned())
        })
        .filter(|s| !s.is_empty())
}

fn title(doc: &Html, meta: &MetaTags, json_ld: &JsonLd, site: Option<&str>) -> Option<String> {
    let document_title = first_text(doc, "head title").or_else(|| first_text(doc, "title"));
    // The visible headline first: social titles (og:title) are often rewritten for sharing.
    let headline = single_h1(doc).filter(|h| !site.is_some_and(|s| same_name(h, s)) && h.split_whitespace().count() >= 2);
    let candidate = headline
        .or_else(|| meta.first(TITLE_KEYS).map(str::to_owned))
        .or_else(|| json_ld.headline.clone())
        .or(document_title)?;
    Some(strip_site_suffix(&candidate, site))
}

/// The page's only `<h1>`: with several, none of them is clearly the headline.
fn single_h1(doc: &Html) -> Option<String> {
    let h1 = Selector::parse("h1").ok()?;
    let mut all = doc.select(&h1);
    let first = all.next()?;
    all.next().is_none().then(|| squash(&first.text().collect::<String>())).filter(|t| !t.is_empty())
}

/// "Headline | Outlet" → "Headline", when the part cut off names the site.
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let squashed = squash(title);
    for separator in [" | ", " - ", " – ", " — ", " :: ", " · ", " » "] {
        let Some((head, tail)) = squashed.rsplit_once(separator) else { continue };
        let names_site = site.is_some_and(|s| same_name(tail, s)) || tail.split_whitespace().count() <= 3 && head.len() > 2 * tail.len();
        if names_site && !head.trim().is_empty() {
            return head.trim().to_owned();
        }
        if let Some((lead, rest)) = squashed.split_once(separator) {
            if site.is_some_and(|s| same_name(lead, s)) && !rest.trim().is_empty() {
                return rest.trim().to_owned();
            }
        }
    }
    squashed
}

fn same_name(a: &str, b: &str) -> bool {
    let key = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
    let (a, b) = (key(a), key(b));
    !a.is_empty() && (a == b || b.starts_with(&a) || a.starts_with(&b))
}

fn published(doc: &Html, meta: &MetaTags, json_ld: &JsonLd, url: Option<&str>, lines: &[String]) -> Option<String> {
    let from_json_ld = || json_ld.date_published.as_deref().and_then(dates::normalise);
    let from_meta = || PUBLISHED_KEYS.iter().find_map(|k| meta.0.get(*k).and_then(|v| dates::normalise(v)));
    let from_markup = || {
        let sel = Selector::parse("[itemprop=datePublished], time[pubdate], [property='article:published_time']").ok()?;
        doc.select(&sel).find_map(element_date)
    };
    let from_url = || url.and_then(date_in_url);
    let from_date_elements = || {
        let sel = Selector::parse("time, [class*=date], [class*=publish], [class*=posted], [id*=date], [class*=byline], [class*=meta]").ok()?;
        doc.select(&sel).take(50).find_map(element_date)
    };
    let from_dateline = || lines.iter().take(5).filter(|l| l.len() < 200).find_map(|l| date_in_text(l));
    let modified = || MODIFIED_KEYS.iter().find_map(|k| meta.0.get(&k.to_ascii_lowercase()).and_then(|v| dates::normalise(v)));
    from_json_ld()
        .or_else(from_meta)
        .or_else(from_markup)
        .or_else(from_url)
        .or_else(from_date_elements)
        .or_else(from_dateline)
        .or_else(modified)
}

/// The date an element states: its `datetime` or `content` attribute, else its short text.
fn element_date(element: ElementRef<'_>) -> Option<String> {
    let e = element.value();
    if let Some(date) = e.attr("datetime").or_else(|| e.attr("content")).and_then(dates::normalise) {
        return Some(date);
    }
    let text = squash(&element.text().collect::<String>());
    (text.len() <= 120).then(|| dates::normalise(&text)).flatten()
}

fn author(doc: &Html, meta: &MetaTags, json_ld: &JsonLd) -> Option<String> {
    if !json_ld.authors.is_empty() {
        let mut names: Vec<&str> = Vec::new();
        for name in &json_ld.authors {
            if !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
        return Some(names.join("; "));
    }
    let from_meta = AUTHOR_KEYS
        .iter()
        .filter_map(|k| meta.0.get(*k))
        .map(|v| clean_author(v))
        .find(|v| !v.is_empty() && !v.contains("://") && !v.starts_with('@'));
    from_meta.or_else(|| {
        let sel = Selector::parse(
            "[itemprop=author] [itemprop=name], [itemprop=author], [rel=author], a[href*='/author/'], [class*=author] [class*=name], \
             .author, [class*=byline] a, [class*=byline]",
        )
        .ok()?;
        doc.select(&sel).map(|e| clean_author(&e.text().collect::<String>())).find(|a| !a.is_empty() && a.split_whitespace().count() <= 6)
    })
}

fn clean_author(raw: &str) -> String {
    let text = squash(raw);
    let text = ["View all posts by ", "Posted by ", "Written by ", "By ", "by "].iter().find_map(|p| text.strip_prefix(p)).unwrap_or(&text);
    text.trim_matches(|c: char| c == ',' || c == '|' || c.is_whitespace()).to_owned()
}

fn lang(doc: &Html, meta: &MetaTags) -> Option<String> {
    let html_lang = Selector::parse("html").ok().and_then(|s| doc.select(&s).next()).and_then(|e| e.value().attr("lang").map(str::to_owned));
    let raw = html_lang.or_else(|| meta.first(&["content-language", "og:locale", "dc.language", "language"]).map(str::to_owned))?;
    let primary = raw.trim().split(['-', '_', ',']).next()?.to_ascii_lowercase();
    (2..=3).contains(&primary.len()).then_some(primary).filter(|p| p.chars().all(|c| c.is_ascii_alphabetic()))
}

fn first_text(doc: &Html, selector: &str) -> Option<String> {
    let sel = Selector::parse(selector).ok()?;
    let text = squash(&doc.select(&sel).next()?.text().collect::<String>());
    (!text.is_empty()).then_some(text)
}
