//! The page's main text. trafilatura (a port of go-trafilatura) picks the content and drops
//! navigation, comments and page furniture; `lines` turns its cleaned HTML into one paragraph
//! per line. When it finds nothing, or the page is too deeply nested for it, the paragraphs of
//! the page's article container are used. Lines of news furniture are dropped either way.

use std::panic::{catch_unwind, AssertUnwindSafe};

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};
use trafilatura::Options;

use crate::furniture::is_furniture;
use crate::lines::{html_to_lines, squash};

/// trafilatura walks the tree recursively; deeper pages (real ones stay far below this) would
/// overflow the stack, which cannot be caught.
const MAX_DEPTH_FOR_TRAFILATURA: usize = 200;

/// The main text, one paragraph (or heading, list item, table row) per line. `doc` is `html`
/// parsed.
pub(crate) fn main_text(html: &str, doc: &Html, url: Option<&str>) -> Vec<String> {
    let mut lines = Vec::new();
    if max_depth(doc) <= MAX_DEPTH_FOR_TRAFILATURA {
        if let Some(content) = trafilatura_html(html, url) {
            let content = html_to_lines(&content);
            lines = content.lines;
            if content.single_block {
                // Its baseline and our container extractor read the same blocks; ours keeps
                // their boundaries, so it wins unless it finds clearly less text.
                let ours = container_paragraphs(doc);
                if text_len(&ours) * 5 >= text_len(&lines) * 4 {
                    lines = ours;
                }
            }
        }
    }
    if lines.is_empty() {
        lines = container_paragraphs(doc);
    }
    lines.retain(|line| !is_furniture(line));
    lines
}

fn trafilatura_html(html: &str, url: Option<&str>) -> Option<String> {
    // Comments would be left out of the text anyway; not looking for them keeps comment
    // sections out of the main text too (measured: precision 0.901 → 0.910). The fallback
    // (readability, then a baseline) rescues pages where the main heuristics find too little.
    let mut options = Options::default().with_exclude_comments(true).with_fallback(true);
    if let Some(url) = url.and_then(|u| url::Url::parse(u).ok()) {
        options = options.with_url(url);
    }
    // A third-party extractor must not take the batch down with it: a page it cannot handle
    // gets the simple extraction instead.
    let result = catch_unwind(AssertUnwindSafe(|| trafilatura::extract(html, &options))).ok()?.ok()?;
    Some(result.content_html)
}

fn text_len(lines: &[String]) -> usize {
    lines.iter().map(String::len).sum()
}

fn max_depth(doc: &Html) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(_) => {
                depth += 1;
                max = max.max(depth);
            }
            Edge::Close(_) => depth -= 1,
        }
    }
    max
}

const SKIPPED: &[&str] = &["script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template", "svg", "button"];
const BLOCKS: &[&str] = &["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption"];

/// The outermost blocks of the first `article`, `main` or `body` element, outside page
/// furniture. Iterative, for arbitrarily deep pages.
fn container_paragraphs(doc: &Html) -> Vec<String> {
    let root = ["article", "main", "[role=main]", "body"]
        .iter()
        .find_map(|sel| Selector::parse(sel).ok().and_then(|s| doc.select(&s).next()));
    let Some(root) = root else { return Vec::new() };
    let mut paragraphs = Vec::new();
    let mut stack: Vec<ElementRef<'_>> = root.children().filter_map(ElementRef::wrap).collect();
    stack.reverse();
    while let Some(element) = stack.pop() {
        let name = element.value().name();
        if SKIPPED.contains(&name) {
            continue;
        }
        if BLOCKS.contains(&name) {
            let text = squash(&element.text().collect::<String>());
            if !text.is_empty() {
                paragraphs.push(text);
            }
        } else {
            let start = stack.len();
            stack.extend(element.children().filter(|c| matches!(c.value(), Node::Element(_))).filter_map(ElementRef::wrap));
            stack[start..].reverse();
        }
    }
    paragraphs
}
