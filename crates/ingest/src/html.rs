//! HTML pages to articles, through `parallax-extract`: the page's main text, and its metadata
//! where the input does not give it.

use parallax_extract::{decode_html, extract, Page};

use crate::RawArticle;

impl RawArticle {
    /// Takes the page's text; title, publication date and outlet only where still unknown, so
    /// what a record states outranks what the page says.
    pub fn fill_from_page(&mut self, page: Page) {
        self.text = page.text;
        self.title = self.title.take().or(page.title);
        self.published = self.published.take().or(page.published);
        self.outlet = self.outlet.take().or(page.site_name);
        self.author = self.author.take().or(page.author);
    }
}

/// An `.html` file's article: its bytes decoded by their declared or detected charset.
pub(crate) fn article_from_html_bytes(id: String, bytes: &[u8]) -> RawArticle {
    let html = decode_html(bytes, None);
    let mut article = RawArticle { id, ..RawArticle::default() };
    article.fill_from_page(extract(&html, None));
    article
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_fields_outrank_page_metadata() {
        let page = Page {
            title: Some("Page title".into()),
            text: "Body.".into(),
            published: Some("2024-05-17".into()),
            site_name: Some("The Example Post".into()),
            ..Page::default()
        };
        let mut article = RawArticle { title: Some("Given title".into()), ..RawArticle::default() };
        article.fill_from_page(page);
        assert_eq!(article.title.as_deref(), Some("Given title"));
        assert_eq!(article.published.as_deref(), Some("2024-05-17"));
        assert_eq!(article.outlet.as_deref(), Some("The Example Post"));
        assert_eq!(article.text, "Body.");
    }

    #[test]
    fn latin1_page_file_is_decoded() {
        let bytes = b"<html><head><meta charset=iso-8859-1><title>Caf\xe9 reopens</title></head><body><article><p>The caf\xe9 on Quay Street reopened on Monday after a month of repairs.</p></article></body></html>";
        let article = article_from_html_bytes("cafe".into(), bytes);
        assert_eq!(article.title.as_deref(), Some("Café reopens"));
        assert!(article.text.contains("The café on Quay Street reopened"), "{}", article.text);
    }
}
