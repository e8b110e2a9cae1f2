//! `extract` on small fictional pages: main text, each metadata source, and broken markup.

use parallax_extract::{extract, Page};

const BODY: &str = "<p>The harbour board of Skerrow voted on Tuesday to close the north pier to heavy lorries after engineers found cracks in its supports.</p>\
    <p>Repairs are expected to take six weeks and to cost about 400,000 crowns, the board's chair, Mira Okafor, told a meeting in the town hall.</p>\
    <p>Fishing boats will continue to land their catch at the south quay, where extra cranes have been brought in from the mainland.</p>";

fn page(head: &str, body: &str, url: Option<&str>) -> Page {
    extract(&format!("<!DOCTYPE html><html lang=\"en-GB\"><head>{head}</head><body>{body}</body></html>"), url)
}

fn article(body_prefix: &str) -> String {
    format!("<nav><ul><li><a href=/>Home</a></li><li><a href=/news>News</a></li></ul></nav><article>{body_prefix}{BODY}</article><footer><p>Contact us</p></footer>")
}

#[test]
fn main_text_keeps_paragraphs_and_headings_as_lines() {
    let p = page("<title>Pier closed</title>", &article("<h1>North pier closed to lorries</h1>"), None);
    let lines: Vec<&str> = p.text.lines().collect();
    assert_eq!(lines.len(), 4, "{}", p.text);
    assert_eq!(lines[0], "North pier closed to lorries");
    assert!(lines[1].starts_with("The harbour board of Skerrow voted"));
    assert!(!p.text.contains("Home") && !p.text.contains("Contact us"));
    assert_eq!(p.lang.as_deref(), Some("en"));
}

#[test]
fn news_furniture_inside_the_article_is_dropped() {
    let body = article("").replace("</article>", "<p>Subscribe now to read the full story in our weekend edition.</p><p>© 2031 Skerrow Times. All rights reserved.</p></article>");
    let p = page("", &body, None);
    assert!(p.text.contains("south quay"));
    assert!(!p.text.contains("Subscribe") && !p.text.contains("rights reserved"), "{}", p.text);
}

#[test]
fn open_graph_and_article_meta_tags() {
    let head = "<meta property=\"og:title\" content=\"Pier shut after cracks found\">\
        <meta property=\"og:site_name\" content=\"Skerrow Times\">\
        <meta property=\"article:published_time\" content=\"2031-03-04T09:15:00+01:00\">\
        <meta name=\"author\" content=\"Tam Reyes\">";
    let p = page(head, &article(""), Some("https://skerrowtimes.example/news/pier"));
    assert_eq!(p.title.as_deref(), Some("Pier shut after cracks found"));
    assert_eq!(p.site_name.as_deref(), Some("Skerrow Times"));
    assert_eq!(p.published.as_deref(), Some("2031-03-04T09:15:00+01:00"));
    assert_eq!(p.author.as_deref(), Some("Tam Reyes"));
}

#[test]
fn itemprop_and_dublin_core() {
    let p = page("<meta name=\"DC.date.issued\" content=\"2031-03-05\"><meta name=\"DC.creator\" content=\"Ola Brandt\">", &article(""), None);
    assert_eq!(p.published.as_deref(), Some("2031-03-05"));
    assert_eq!(p.author.as_deref(), Some("Ola Brandt"));
    let body = article("<span itemprop=\"author\">Ines Paz</span><meta itemprop=\"datePublished\" content=\"2031-03-06T07:00:00Z\">");
    let p = page("", &body, None);
    assert_eq!(p.published.as_deref(), Some("2031-03-06T07:00:00+00:00"));
    assert_eq!(p.author.as_deref(), Some("Ines Paz"));
}

#[test]
fn json_ld_article_in_a_graph() {
    let head = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
        {"@type":"WebSite","name":"Skerrow Times Online"},
        {"@type":"NewsArticle","headline":"Pier repairs to take six weeks","datePublished":"2031-03-07T18:30:00-05:00",
         "author":[{"@type":"Person","name":"Tam Reyes"},{"@type":"Person","name":"Ola Brandt"}],
         "publisher":{"@type":"Organization","name":"Skerrow Times"}}]}</script>"#;
    let p = page(head, &article(""), None);
    assert_eq!(p.title.as_deref(), Some("Pier repairs to take six weeks"));
    assert_eq!(p.published.as_deref(), Some("2031-03-07T18:30:00-05:00"));
    assert_eq!(p.author.as_deref(), Some("Tam Reyes; Ola Brandt"));
    assert_eq!(p.site_name.as_deref(), Some("Skerrow Times"));
}

#[test]
fn date_from_the_url_and_outlet_from_the_host() {
    let p = page("<title>Pier closed | Skerrow Times</title>", &article(""), Some("https://www.skerrowtimes.example/2031/03/08/pier-closed/"));
    assert_eq!(p.published.as_deref(), Some("2031-03-08"));
    assert_eq!(p.site_name.as_deref(), Some("skerrowtimes.example"));
    assert_eq!(p.title.as_deref(), Some("Pier closed"));
}

#[test]
fn date_from_a_time_element_or_a_visible_dateline() {
    let p = page("", &article("<p class=\"meta\">Posted <time datetime=\"2031-03-09\">Sunday</time></p>"), None);
    assert_eq!(p.published.as_deref(), Some("2031-03-09"));
    let p = page("", &article("<div class=\"story-date\">Published March 10, 2031</div>"), None);
    assert_eq!(p.published.as_deref(), Some("2031-03-10"));
}

#[test]
fn a_page_without_metadata_has_none() {
    let p = page("", &article(""), None);
    assert_eq!((p.published, p.author, p.site_name), (None, None, None));
}

#[test]
fn broken_or_hostile_html_never_panics() {
    let deep = "<div><p>Deep text.".repeat(190);
    let deeper = "<div>".repeat(5000);
    let inputs = [
        "",
        "<",
        "<<<>>>",
        "<p>unclosed",
        "<html><head><title>",
        "<article><p>é</article>",
        "<script>never closed",
        "<meta property=og:title content>",
        "<script type=\"application/ld+json\">{\"@graph\": [[[{\"datePublished\": 5}]]]</script>",
        "<script type=\"application/ld+json\">{not json</script>",
        "\u{0}\u{feff}<p>\u{fffd}</p>",
        &deep,
        &deeper,
    ];
    for html in inputs {
        let _ = extract(html, Some("not a url"));
        let _ = extract(html, Some("https://example.org/2031/02/30/impossible-date"));
        // Every prefix of a well-formed page: pages arrive truncated.
        let full = format!("<html><head><meta charset=utf-8><title>T</title></head><body>{}</body></html>", article(html));
        for cut in (0..full.len()).step_by(full.len() / 8 + 1).filter(|&i| full.is_char_boundary(i)) {
            let _ = extract(&full[..cut], None);
        }
    }
}

#[test]
fn minified_page_keeps_its_paragraphs() {
    // No whitespace between tags: trafilatura's baseline would glue the paragraphs together.
    let html = "<html><head><title>Quay reopens</title></head><body><nav>Home News</nav><article><h1>Quay reopens</h1>\
        <p>The south quay reopened to fishing boats on Friday after six weeks of repairs.</p>\
        <p>\u{201c}We are back in business,\u{201d} the harbour master told reporters.</p></article></body></html>";
    let p = extract(html, None);
    assert_eq!(p.text.lines().collect::<Vec<_>>(), [
        "Quay reopens",
        "The south quay reopened to fishing boats on Friday after six weeks of repairs.",
        "\u{201c}We are back in business,\u{201d} the harbour master told reporters."
    ]);
}
