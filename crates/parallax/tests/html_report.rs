//! The HTML report over a small fictional story, some of whose articles try to inject markup
//! through their text, title, outlet and URL. The page must show that text escaped, carry no
//! script, event handler or `javascript:` link, and have every section.

use parallax::ingest::RawArticle;

fn article(id: &str, outlet: &str, title: &str, published: &str, url: Option<&str>, text: &str) -> RawArticle {
    RawArticle {
        id: id.into(),
        text: text.into(),
        title: Some(title.into()),
        published: Some(published.into()),
        outlet: Some(outlet.into()),
        url: url.map(str::to_owned),
        ..Default::default()
    }
}

const WIRE: &str = "The Tallow Bridge in Ostervale was closed to traffic on Monday after engineers found cracks in two of its steel supports, the city council said.\n\
Council leader Mirren Absalom said the closure would last at least six weeks.\n\
\"We will not reopen a bridge that we cannot vouch for. The safety of the people crossing it comes first,\" Ms Absalom told reporters on Monday.\n\
About 30,000 vehicles cross the bridge each day, according to council figures.\n\
Local business owner Teodor Varga said the closure would hurt shops on both banks of the river.\n\
\"Half my customers come over that bridge every morning,\" Mr Varga said.\n\
The bridge was opened in 1971 and was last inspected in March 2023.";

fn articles() -> Vec<RawArticle> {
    vec![
        article("wire-1", "Valley Wire", "Tallow Bridge closed after cracks found", "2024-06-03", Some("https://example.org/wire/1"), WIRE),
        // A syndicated copy with a light edit.
        article(
            "copy-1",
            "Ostervale Evening Post",
            "Cracks close Tallow Bridge",
            "2024-06-04",
            Some("http://example.org/post?id=1&x=2"),
            &WIRE.replace("on Monday after", "on Monday morning after"),
        ),
        article(
            "evil-1",
            "<script>alert(1)</script> Gazette",
            "Bridge shut <img src=x onerror=alert(1)> \"><svg onload=alert(2)>",
            "2024-06-04",
            Some("javascript:alert(3)"),
            "The Tallow Bridge in Ostervale will stay closed for six weeks, council leader Mirren Absalom said on Tuesday. <script>alert(1)</script>\n\
             \"We will not reopen a bridge that we can not vouch for <img src=x onerror=alert(1)>,\" Ms Absalom said.\n\
             Engineers found cracks in the steel supports of the bridge on Monday. \"><svg onload=alert(4)> 'quoted' & more\n\
             Shop owner Teodor Varga said: \"Half of my customers come over that bridge every morning.\"\n\
             Residents said the council had ignored warnings about the bridge for years. javascript:alert(5)",
        ),
        article(
            "local-1",
            "Ostervale Courier",
            "Traders fear weeks of lost trade as Tallow Bridge shuts",
            "2024-06-05",
            Some(" JAVASCRIPT:alert(6)"),
            "Shopkeepers on both sides of the river in Ostervale said on Wednesday that the Tallow Bridge closure could cost them thousands.\n\
             Teodor Varga, who runs a bakery near the bridge, said: \"Half my customers come over that bridge every morning.\"\n\
             Council leader Mirren Absalom said the bridge would reopen in August at the earliest.\n\
             \"We will not reopen a bridge that we cannot vouch for,\" she said.\n\
             The council said engineers found the cracks on Monday during a routine inspection.",
        ),
    ]
}

/// The tags the report writes. Anything else after a `<` is text that escaped escaping.
const TAGS: &[&str] = &[
    "html", "head", "meta", "title", "style", "body", "div", "header", "h1", "h2", "h3", "p", "nav", "a", "main", "section",
    "ul", "ol", "li", "span", "b", "br", "table", "thead", "tbody", "tr", "th", "td", "details", "summary", "blockquote",
    "ins", "del", "mark", "footer",
];
const ATTRIBUTES: &[&str] = &["lang", "charset", "name", "content", "class", "id", "href", "rel", "open"];

/// Checks every tag of the page: known name, known attributes, double-quoted values with no
/// raw `<` or `"`, and links that are fragments or http(s) only. Returns the number of tags.
fn check_markup(html: &str) -> usize {
    let mut tags = 0;
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off;
        let end = start + html[start..].find('>').unwrap_or_else(|| panic!("unclosed tag at {start}"));
        let tag = &html[start + 1..end];
        tags += 1;
        i = end + 1;
        if tag.eq_ignore_ascii_case("!doctype html") {
            continue;
        }
        let tag = tag.strip_prefix('/').unwrap_or(tag);
        let name_end = tag.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(tag.len());
        let name = &tag[..name_end];
        assert!(TAGS.contains(&name), "unexpected tag <{tag}> at {start}: {}", &html[start.saturating_sub(80)..end + 1]);
        // Attributes: name="value" or a bare name.
        let mut rest = tag[name_end..].trim_start();
        while !rest.is_empty() {
            let attr_end = rest.find(|c: char| c == '=' || c.is_whitespace()).unwrap_or(rest.len());
            let attr = &rest[..attr_end];
            assert!(ATTRIBUTES.contains(&attr), "unexpected attribute {attr:?} in <{tag}>");
            rest = &rest[attr_end..];
            if let Some(after) = rest.strip_prefix("=\"") {
                let close = after.find('"').unwrap_or_else(|| panic!("unterminated value in <{tag}>"));
                let value = &after[..close];
                assert!(!value.contains('<') && !value.contains('>'), "raw markup in an attribute of <{tag}>");
                if attr == "href" {
                    assert!(
                        value.starts_with('#') || value.starts_with("https://") || value.starts_with("http://"),
                        "unsafe link {value:?}"
                    );
                }
                rest = &after[close + 1..];
            }
            rest = rest.trim_start();
        }
        // Style content is the report's own CSS: skip it whole.
        if name == "style" && !html[start + 1..].starts_with('/') {
            let close = html[i..].find("</style>").expect("closed style");
            assert!(!html[i..i + close].contains('<'));
            i += close;
        }
    }
    tags
}

#[test]
fn the_report_escapes_untrusted_text_and_has_every_section() {
    let analysis = parallax::Engine::default().analyze(articles());
    let html = parallax::report::html::render(&analysis);
    if let Ok(path) = std::env::var("PARALLAX_HTML_OUT") {
        let _ = std::fs::write(path, &html);
    }
    assert!(html.starts_with("<!doctype html>"));
    assert!(check_markup(&html) > 100);

    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "a script tag");
    assert!(!lower.contains("<img") && !lower.contains("<svg"), "injected markup");
    assert!(!lower.contains("href=\"javascript"), "a javascript: link");
    assert!(!lower.contains("http-equiv"), "no refresh or other meta tricks");
    assert!(!lower.contains("url(") && !lower.contains("@import"), "no external resources");
    // The hostile text is shown, escaped, wherever it came from.
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; Gazette"), "outlet");
    assert!(html.contains("Bridge shut &lt;img src=x onerror=alert(1)&gt; &quot;&gt;&lt;svg onload=alert(2)&gt;"), "title");
    assert!(html.contains("&lt;svg onload=alert(4)&gt; &#39;quoted&#39; &amp; more"), "body");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "body script");
    // Only the http(s) URLs became links, escaped.
    assert!(html.contains("href=\"https://example.org/wire/1\""));
    assert!(html.contains("href=\"http://example.org/post?id=1&amp;x=2\""));

    for section in [
        "Summary",
        "Articles",
        "Timeline",
        "Disagreements",
        "Possible misquotes",
        "Quote groups",
        "People and organisations",
        "Coverage by outlet",
        "Quotes by speaker",
        "Article texts",
    ] {
        assert!(html.contains(&format!("{section}<span class=\"n\">")) || html.contains(&format!("{section}</h3>")), "section {section}");
    }
    assert!(html.contains("Mirren Absalom"));
    assert!(html.contains("Ostervale Courier"));
    // The reprint is marked as a copy of the wire story.
    assert!(html.contains("copy of Valley Wire"), "copy mark");
    // Every in-page link points at an anchor the page has.
    for link in html.split("href=\"#").skip(1) {
        let target = &link[..link.find('"').unwrap()];
        assert!(html.contains(&format!("id=\"{target}\"")), "dangling link #{target}");
    }
}

#[test]
fn an_empty_analysis_renders_a_valid_page() {
    let analysis = parallax::Engine::default().analyze(Vec::new());
    let html = parallax::report::html::render(&analysis);
    check_markup(&html);
    assert!(html.contains("</html>"));
}
