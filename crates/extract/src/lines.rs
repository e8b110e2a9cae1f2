//! Cleaned content HTML to text lines: each block (paragraph, heading, list item, table row,
//! quotation) becomes one line with its whitespace collapsed; `<pre>` keeps its own lines.

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

const BLOCKS: &[&str] = &[
    "address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
];
const CELLS: &[&str] = &["td", "th"];
const INVISIBLE: &[&str] = &["script", "style", "noscript", "template"];

/// The lines of an HTML fragment, without empty ones.
pub(crate) struct FragmentLines {
    pub lines: Vec<String>,
    /// The fragment was one flat `<p>`: trafilatura's baseline fallback, which joins a page's
    /// blocks with newlines (kept here as line breaks) or, for minified pages, with nothing.
    pub single_block: bool,
}

pub(crate) fn html_to_lines(fragment: &str) -> FragmentLines {
    let doc = Html::parse_fragment(fragment);
    let root = doc.root_element();
    if let Some(text) = lone_paragraph_text(root) {
        let lines = text.lines().map(squash).filter(|l| !l.is_empty()).collect();
        return FragmentLines { lines, single_block: true };
    }
    let mut writer = LineWriter::default();
    writer.element(root);
    writer.flush();
    FragmentLines { lines: writer.lines, single_block: false }
}

fn lone_paragraph_text(root: ElementRef<'_>) -> Option<String> {
    let mut elements = root.children().filter_map(ElementRef::wrap);
    let only = elements.next()?;
    let has_loose_text = root.children().any(|c| c.value().as_text().is_some_and(|t| !t.trim().is_empty()));
    if elements.next().is_some() || has_loose_text || only.value().name() != "p" {
        return None;
    }
    let flat = only.children().all(|c| !matches!(c.value(), Node::Element(e) if BLOCKS.contains(&e.name()) || e.name() == "br"));
    flat.then(|| only.text().collect())
}

/// Walks the tree without recursion: pages can nest elements thousands deep.
#[derive(Default)]
struct LineWriter {
    lines: Vec<String>,
    current: String,
}

impl LineWriter {
    fn element(&mut self, root: ElementRef<'_>) {
        let mut pre_depth = 0usize;
        let mut hidden_depth = 0usize;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) if hidden_depth > 0 => {
                    if node.value().is_element() {
                        hidden_depth += 1;
                    }
                }
                Edge::Open(node) => match node.value() {
                    Node::Text(text) if pre_depth > 0 => {
                        let mut parts = text.split('\n');
                        if let Some(first) = parts.next() {
                            self.current.push_str(first);
                        }
                        for part in parts {
                            self.flush();
                            self.current.push_str(part);
                        }
                    }
                    Node::Text(text) => self.current.push_str(text),
                    Node::Element(e) => {
                        let name = e.name();
                        if INVISIBLE.contains(&name) {
                            hidden_depth = 1;
                        } else if name == "br" || BLOCKS.contains(&name) {
                            self.flush();
                        } else if CELLS.contains(&name) {
                            self.current.push(' ');
                        }
                        if name == "pre" {
                            pre_depth += 1;
                        }
                    }
                    _ => {}
                },
                Edge::Close(node) => {
                    let Node::Element(e) = node.value() else { continue };
                    if hidden_depth > 0 {
                        hidden_depth -= 1;
                        continue;
                    }
                    let name = e.name();
                    if BLOCKS.contains(&name) {
                        self.flush();
                    } else if CELLS.contains(&name) {
                        self.current.push(' ');
                    }
                    if name == "pre" {
                        pre_depth = pre_depth.saturating_sub(1);
                    }
                }
            }
        }
    }

    fn flush(&mut self) {
        let line = squash(&self.current);
        if !line.is_empty() {
            self.lines.push(line);
        }
        self.current.clear();
    }
}

/// Whitespace runs (newlines and non-breaking spaces included) to one space, trimmed.
pub(crate) fn squash(text: &str) -> String {
    text.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_lines() {
        let html = "<h1>Flood  warning</h1><p>Rivers\n rose <b>two</b> metres.</p><ul><li>One</li><li>Two</li></ul>\
                    <table><tr><td>Kent</td><td>12</td></tr></table><p>Line<br>break</p><pre>a = 1\nb = 2</pre>";
        assert_eq!(html_to_lines(html).lines, ["Flood warning", "Rivers rose two metres.", "One", "Two", "Kent 12", "Line", "break", "a = 1", "b = 2"]);
    }

    #[test]
    fn a_lone_paragraph_with_newlines_is_split() {
        let baseline = html_to_lines("<p>First block.\nSecond block.</p>");
        assert_eq!(baseline.lines, ["First block.", "Second block."]);
        assert!(baseline.single_block);
        let structured = html_to_lines("<p>Hard\nwrapped.</p><p>Next.</p>");
        assert_eq!(structured.lines, ["Hard wrapped.", "Next."]);
        assert!(!structured.single_block);
    }
}
