//! RSS (0.9x, 1.0, 2.0), Atom and JSON Feed files to articles, one per item, through feed-rs.
//!
//! The text comes from the item's full content (`content:encoded`, Atom `content`), else its
//! description or summary, with HTML reduced to text by the page extractor. A feed that does
//! not parse as a whole is cut into its items and each item is parsed alone, so one broken
//! item (or a file cut off mid-item) costs that item only, and the error names it.

use std::path::Path;

use feed_rs::model::{Entry, Feed};
use parallax_extract::extract;

use crate::{InputError, Origin, RawArticle};

/// An item by its 1-based number: its entry and the feed's title, or why it could not be read.
type Item = (usize, Result<(Entry, Option<String>), String>);

/// Reads a feed file's bytes (bounded by the caller).
pub fn read_feed(bytes: &[u8], file: &Path) -> (Vec<RawArticle>, Vec<InputError>) {
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    let whole = feed_rs::parser::parse(bytes);
    let items: Vec<Item> = match whole {
        Ok(feed) => {
            let outlet = feed_title(&feed);
            feed.entries.into_iter().enumerate().map(|(i, e)| (i + 1, Ok((e, outlet.clone())))).collect()
        }
        Err(whole_error) => match salvage(bytes) {
            Some(items) => items,
            None => return (articles, vec![InputError::new(file, None, format!("not a readable feed: {whole_error}"))]),
        },
    };
    if items.is_empty() {
        errors.push(InputError::new(file, None, "feed has no items"));
    }
    for (number, item) in items {
        let locator = format!("feed item {number}");
        let result = item.and_then(|(entry, outlet)| article_of(entry, outlet));
        match result {
            Ok(mut article) => {
                article.origin = Origin { file: file.to_path_buf(), line: None, record: Some(locator) };
                articles.push(article);
            }
            Err(message) => errors.push(InputError::in_record(file, locator, message)),
        }
    }
    (articles, errors)
}

fn feed_title(feed: &Feed) -> Option<String> {
    feed.title.as_ref().map(|t| plain(&t.content)).filter(|t| !t.is_empty())
}

fn article_of(entry: Entry, outlet: Option<String>) -> Result<RawArticle, String> {
    let link = entry.links.first().map(|l| l.href.trim().to_owned()).filter(|l| !l.is_empty());
    let title = entry.title.as_ref().map(|t| plain(&t.content)).filter(|t| !t.is_empty());
    let content = entry.content.as_ref().and_then(|c| c.body.as_deref()).filter(|b| !b.trim().is_empty());
    let summary = entry.summary.as_ref().map(|s| s.content.as_str()).filter(|s| !s.trim().is_empty());
    let Some(markup) = content.or(summary) else {
        let named = title.as_deref().map(|t| format!(" ('{t}')")).unwrap_or_default();
        return Err(format!("item{named} has no text in content, content:encoded, description or summary"));
    };
    let text = text_of(markup, link.as_deref());
    if text.is_empty() {
        return Err("item text is empty once its HTML is removed".into());
    }
    let published = entry.published.or(entry.updated).map(|d| d.format("%Y-%m-%dT%H:%M:%S+00:00").to_string());
    let authors: Vec<String> = entry.authors.iter().filter_map(|p| p.name.as_deref().map(plain)).filter(|n| !n.is_empty()).collect();
    let id = link.clone().unwrap_or_else(|| entry.id.clone());
    Ok(RawArticle {
        id,
        text,
        title,
        published,
        outlet,
        author: (!authors.is_empty()).then(|| authors.join("; ")),
        url: link,
        origin: Origin::default(),
    })
}

/// An item's markup as text, one paragraph per line. The extractor is made for whole pages;
/// a fragment it finds no main text in (a one-line description) is stripped of tags instead.
fn text_of(markup: &str, link: Option<&str>) -> String {
    if !markup.contains('<') {
        return lines(&decode_entities(markup));
    }
    let page = format!("<html><body><article>{markup}</article></body></html>");
    let text = extract(&page, link).text;
    if !text.trim().is_empty() {
        return text;
    }
    plain(markup)
}

/// Tags removed, block-level breaks kept as line breaks, entities decoded.
fn plain(markup: &str) -> String {
    let mut out = String::with_capacity(markup.len());
    let mut rest = markup;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let after = &rest[lt..];
        let Some(gt) = after.find('>') else {
            rest = "";
            break;
        };
        let tag = after[1..gt].trim_start_matches('/').to_ascii_lowercase();
        let name = tag.split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or("");
        if matches!(name, "p" | "br" | "div" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "tr") {
            out.push('\n');
        }
        rest = &after[gt + 1..];
    }
    out.push_str(rest);
    lines(&decode_entities(&out))
}

fn lines(text: &str) -> String {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let end = after[1..].find(';').map(|i| i + 1).filter(|&i| i <= 10);
        let decoded = end.and_then(|end| {
            let name = &after[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                _ if name.starts_with("#x") || name.starts_with("#X") => u32::from_str_radix(&name[2..], 16).ok().and_then(char::from_u32),
                _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Cuts a feed that failed to parse into its items and parses each inside the feed's own
/// opening (so namespace prefixes still resolve). `None` when no item can be found, or the
/// opening itself does not parse: then the file is not a feed we can read.
fn salvage(bytes: &[u8]) -> Option<Vec<Item>> {
    let (open, close): (&[u8], &[u8]) = if find(bytes, b"<entry").is_some() { (b"<entry", b"</entry>") } else { (b"<item", b"</item>") };
    let first = find_tag(bytes, open, 0)?;
    let head = short_head(&bytes[..first])?;
    let head = &head[..];
    let tail: &[u8] = if find(head, b"<feed").is_some() {
        b"</feed>"
    } else if find(head, b"<rdf:RDF").is_some() {
        b"</rdf:RDF>"
    } else {
        b"</channel></rss>"
    };
    let outlet = feed_rs::parser::parse(&[head, tail].concat()[..]).ok().and_then(|f| feed_title(&f));
    let mut items = Vec::new();
    let mut at = first;
    while let Some(start) = find_tag(bytes, open, at) {
        let number = items.len() + 1;
        let next = find_tag(bytes, open, start + open.len()).unwrap_or(bytes.len());
        let end = find(&bytes[start..next], close).map(|i| start + i + close.len());
        let item = match end {
            None => Err("item is not closed (the feed is cut off or broken here)".to_owned()),
            Some(end) => match feed_rs::parser::parse(&[head, &bytes[start..end], tail].concat()[..]) {
                Ok(mut feed) if feed.entries.len() == 1 => Ok((feed.entries.remove(0), outlet.clone())),
                Ok(_) => Err("item could not be read".to_owned()),
                Err(e) => Err(format!("malformed item: {e}")),
            },
        };
        items.push((number, item));
        at = next;
    }
    Some(items)
}

/// What comes before the first item, re-parsed with every item: as it is, when short (the
/// channel's title then names the outlet); else only the root's start tag, which declares the
/// namespaces, so a huge preamble is not parsed once per item.
fn short_head(head: &[u8]) -> Option<Vec<u8>> {
    const SHORT: usize = 64 * 1024;
    if head.len() <= SHORT {
        return Some(head.to_vec());
    }
    let root = [&b"<rss"[..], b"<feed", b"<rdf:RDF"].iter().find_map(|t| find_tag(head, t, 0))?;
    let end = root + find(&head[root..], b">")? + 1;
    let mut out = head[root..end].to_vec();
    if head[root..].starts_with(b"<rss") {
        out.extend_from_slice(b"<channel>");
    }
    Some(out)
}

/// The next `<item`/`<entry` start tag (not `<items>` or `<entryway>`) from `from`.
fn find_tag(bytes: &[u8], tag: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while at < bytes.len() {
        let i = at + find(&bytes[at..], tag)?;
        match bytes.get(i + tag.len()) {
            Some(b) if b.is_ascii_whitespace() || *b == b'>' || *b == b'/' => return Some(i),
            _ => at = i + tag.len(),
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Quillmouth Gazette</title>
  <link>https://quill.example/</link>
  <description>Fictional local news</description>
  <item>
    <title>Harbour wall repaired after storm</title>
    <link>https://quill.example/2031/04/11/wall</link>
    <pubDate>Fri, 11 Apr 2031 09:30:00 +0000</pubDate>
    <dc:creator>Ada Fennick</dc:creator>
    <description>Short teaser.</description>
    <content:encoded><![CDATA[<p>The harbour wall in Quillmouth was repaired on Friday, the council said.</p><p>&ldquo;It held,&rdquo; said harbourmaster Tobin Marsh.</p>]]></content:encoded>
  </item>
  <item>
    <title>Ferry timetable changes</title>
    <link>https://quill.example/2031/04/12/ferry</link>
    <pubDate>Sat, 12 Apr 2031 07:00:00 +0000</pubDate>
    <description>The morning ferry to Skerrow will leave at 7.15 from Monday &amp; the evening one at 18.40.</description>
  </item>
  <item>
    <title>Photo gallery</title>
    <link>https://quill.example/gallery</link>
  </item>
</channel>
</rss>"#;

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Skerrow Times</title>
  <id>urn:fictional:skerrow</id>
  <updated>2031-04-12T10:00:00Z</updated>
  <entry>
    <title type="html">Lighthouse &lt;em&gt;relit&lt;/em&gt;</title>
    <id>urn:fictional:skerrow:1</id>
    <link href="https://skerrow.example/news/lighthouse"/>
    <published>2031-04-10T18:00:00+02:00</published>
    <updated>2031-04-11T08:00:00Z</updated>
    <author><name>Mirren Absalom</name></author>
    <summary>Summary only.</summary>
    <content type="html">&lt;p&gt;The Skerrow lighthouse was relit on Thursday evening after a year of repairs.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Council meets</title>
    <id>urn:fictional:skerrow:2</id>
    <updated>2031-04-12T09:00:00Z</updated>
    <summary>The island council will meet on Tuesday to discuss the ferry subsidy.</summary>
  </entry>
</feed>"#;

    fn read(s: &str) -> (Vec<RawArticle>, Vec<InputError>) {
        read_feed(s.as_bytes(), Path::new("news.rss"))
    }

    #[test]
    fn rss_items_become_articles() {
        let (arts, errs) = read(RSS);
        assert_eq!(arts.len(), 2);
        let a = &arts[0];
        assert_eq!(a.id, "https://quill.example/2031/04/11/wall");
        assert_eq!(a.title.as_deref(), Some("Harbour wall repaired after storm"));
        assert_eq!(a.published.as_deref(), Some("2031-04-11T09:30:00+00:00"));
        assert_eq!(a.outlet.as_deref(), Some("Quillmouth Gazette"));
        assert_eq!(a.author.as_deref(), Some("Ada Fennick"));
        assert!(a.text.starts_with("The harbour wall in Quillmouth was repaired on Friday"), "{}", a.text);
        assert!(!a.text.contains("<p>") && !a.text.contains("teaser"), "{}", a.text);
        assert_eq!(arts[1].text, "The morning ferry to Skerrow will leave at 7.15 from Monday & the evening one at 18.40.");
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].origin.record.as_deref(), Some("feed item 3"));
        assert!(errs[0].message.contains("Photo gallery"), "{}", errs[0]);
    }

    #[test]
    fn atom_entries_become_articles() {
        let (arts, errs) = read(ATOM);
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(arts.len(), 2);
        assert_eq!(arts[0].title.as_deref(), Some("Lighthouse relit"));
        assert_eq!(arts[0].published.as_deref(), Some("2031-04-10T16:00:00+00:00"));
        assert_eq!(arts[0].author.as_deref(), Some("Mirren Absalom"));
        assert_eq!(arts[0].text, "The Skerrow lighthouse was relit on Thursday evening after a year of repairs.");
        assert_eq!(arts[1].id, "urn:fictional:skerrow:2");
        assert_eq!(arts[1].published.as_deref(), Some("2031-04-12T09:00:00+00:00"));
        assert_eq!(arts[1].outlet.as_deref(), Some("Skerrow Times"));
    }

    #[test]
    fn malformed_feed_keeps_the_good_items() {
        // Item 2 has a mismatched tag; the file is cut off inside item 3.
        let broken = RSS.replace("<title>Ferry timetable changes</title>", "<title>Ferry timetable changes</titel>");
        let cut = &broken[..broken.find("<title>Photo gallery").unwrap()];
        let (arts, errs) = read(cut);
        assert_eq!(arts.len(), 1);
        assert_eq!(arts[0].outlet.as_deref(), Some("Quillmouth Gazette"));
        let at: Vec<_> = errs.iter().map(|e| e.origin.record.clone().unwrap()).collect();
        assert_eq!(at, ["feed item 2", "feed item 3"], "{errs:?}");
        assert!(errs[1].message.contains("not closed"));
    }

    #[test]
    fn not_a_feed_is_one_error() {
        let (arts, errs) = read("<html><body>nothing</body></html>");
        assert!(arts.is_empty());
        assert_eq!(errs.len(), 1);
        assert!(errs[0].to_string().starts_with("news.rss: not a readable feed"), "{}", errs[0]);
    }

    #[test]
    fn entities_and_tags_are_stripped() {
        assert_eq!(plain("<b>A</b> &amp; B&#8217;s &#x2014; <br/>C &bogus; &"), "A & B’s —\nC &bogus; &");
    }
}
