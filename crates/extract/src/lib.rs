//! One HTML page to an article: its main text (one paragraph per line, headings on their own
//! lines) and its metadata (title, publication date, outlet, author, language), plus the
//! charset detection that turns a page's raw bytes into text.
//!
//! Nothing here panics on any input: broken, truncated or hostile HTML yields what could be
//! read, possibly an empty page.

mod charset;
mod furniture;
mod lines;
mod main_text;
mod metadata;

pub use charset::decode_html;

use scraper::Html;

/// What a page yields. Metadata fields are `None` when the page does not state them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    pub title: Option<String>,
    /// The main text, one paragraph per line.
    pub text: String,
    /// `YYYY-MM-DD`, or `YYYY-MM-DDThh:mm:ss±hh:mm` when the page gives a time with its zone.
    pub published: Option<String>,
    /// The outlet: the page's declared site name or publisher, else the URL's host.
    pub site_name: Option<String>,
    /// Authors as the page names them, several joined by "; ".
    pub author: Option<String>,
    /// Primary language subtag as declared ("en"), when declared.
    pub lang: Option<String>,
}

/// Extracts a page. `url` is where it was fetched from, if known: it resolves the outlet when
/// the page names none, and may carry the publication date.
pub fn extract(html: &str, url: Option<&str>) -> Page {
    let doc = Html::parse_document(html);
    let lines = main_text::main_text(html, &doc, url);
    let meta = metadata::read_metadata(&doc, url, &lines);
    Page {
        title: meta.title,
        text: lines.join("\n"),
        published: meta.published,
        site_name: meta.site_name,
        author: meta.author,
        lang: meta.lang,
    }
}
