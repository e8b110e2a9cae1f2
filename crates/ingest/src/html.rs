//! A first main-text extractor for the `html` field: the paragraphs of the page's article
//! container, without navigation, scripts or page furniture. ("Stories at scale" replaces it
//! with a measured extractor.)

use scraper::{ElementRef, Html, Selector};

/// What a page yields: its title and its text, one paragraph per line.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub title: Option<String>,
    pub text: String,
}

const SKIPPED: &[&str] = &["script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template", "svg", "button"];
const BLOCKS: &[&str] = &["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption"];

pub fn extract_html(html: &str) -> Page {
    let doc = Html::parse_document(html);
    let title = first_text(&doc, "meta[property='og:title']", true).or_else(|| first_text(&doc, "title", false));
    let root = ["article", "main", "[role=main]", "body"]
        .iter()
        .find_map(|sel| Selector::parse(sel).ok().and_then(|s| doc.select(&s).next()));
    let mut paragraphs = Vec::new();
    if let Some(root) = root {
        collect(root, &mut paragraphs);
    }
    Page { title, text: paragraphs.join("\n") }
}

fn collect(element: ElementRef<'_>, out: &mut Vec<String>) {
    for child in element.children() {
        let Some(child) = ElementRef::wrap(child) else { continue };
        let name = child.value().name();
        if SKIPPED.contains(&name) {
            continue;
        }
        if BLOCKS.contains(&name) {
            let text = squash(&child.text().collect::<String>());
            if !text.is_empty() {
                out.push(text);
            }
        } else {
            collect(child, out);
        }
    }
}

fn first_text(doc: &Html, selector: &str, attribute: bool) -> Option<String> {
    let sel = Selector::parse(selector).ok()?;
    let el = doc.select(&sel).next()?;
    let text = if attribute { el.value().attr("content")?.to_owned() } else { el.text().collect() };
    let text = squash(&text);
    (!text.is_empty()).then_some(text)
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_article_paragraphs_only() {
        let page = extract_html(
            "<html><head><title>T</title><script>x()</script></head><body><nav><p>Menu</p></nav>\
             <article><h1>Head  line</h1><div><p>First <b>para</b>.</p><aside><p>Ad</p></aside><p>Second.</p></div></article>\
             <footer><p>(c)</p></footer></body></html>",
        );
        assert_eq!(page.title.as_deref(), Some("T"));
        assert_eq!(page.text, "Head line\nFirst para.\nSecond.");
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for h in ["", "<", "<p>unclosed", "<<<>>>", "<article><p>é</article>"] {
            let _ = extract_html(h);
        }
    }
}
