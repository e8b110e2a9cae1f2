//! Linkable passages of a story's articles: every text the report cites (summary sources,
//! timeline evidence, disagreement sides) and every quote gets an anchor in the article's full
//! text, so a reader can jump from a claim to the words that support it and read them in
//! context. Cited passages are highlighted; quotes are only underlined.

use std::collections::HashMap;
use std::fmt::Write;

use parallax_core::{Document, ParagraphRole, Span};

use super::esc;

/// What a passage is, which decides how it looks in the article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Cited by the summary, the timeline or a disagreement: highlighted.
    Cited,
    /// A quote: underlined.
    Quote,
}

/// The anchors of one story: (document position, span) → anchor id.
pub struct Passages {
    story: usize,
    ids: HashMap<(usize, usize, usize), String>,
    /// Per document position: (span, anchor id, kind), in insertion order.
    per_doc: Vec<Vec<(Span, String, Kind)>>,
}

impl Passages {
    pub fn new(story: usize, docs: usize) -> Passages {
        Passages { story, ids: HashMap::new(), per_doc: vec![Vec::new(); docs] }
    }

    /// Registers a passage (once per document and span) and returns its anchor id, or `None`
    /// when the span does not fit the body (then the report shows the text without a link).
    pub fn add(&mut self, doc_pos: usize, doc: &Document, span: &Span, kind: Kind) -> Option<String> {
        if span.start >= span.end || doc.body.get(span.clone()).is_none() || doc_pos >= self.per_doc.len() {
            return None;
        }
        let key = (doc_pos, span.start, span.end);
        if let Some(id) = self.ids.get(&key) {
            if kind == Kind::Cited {
                if let Some(p) = self.per_doc[doc_pos].iter_mut().find(|p| p.1 == *id) {
                    p.2 = Kind::Cited;
                }
            }
            return Some(id.clone());
        }
        let id = format!("s{}-p{}", self.story + 1, self.ids.len() + 1);
        self.ids.insert(key, id.clone());
        self.per_doc[doc_pos].push((span.clone(), id.clone(), kind));
        Some(id)
    }

    /// The anchor of a passage registered before.
    pub fn id(&self, doc_pos: usize, span: &Span) -> Option<&str> {
        self.ids.get(&(doc_pos, span.start, span.end)).map(String::as_str)
    }

    /// The article's body as paragraphs, with anchors at passage starts, cited stretches in
    /// `<mark>` and quotes underlined. Overlapping passages are cut at every boundary so that
    /// the markup always nests.
    pub fn render_body(&self, doc_pos: usize, doc: &Document, out: &mut String) {
        let passages: &[(Span, String, Kind)] = self.per_doc.get(doc_pos).map_or(&[], Vec::as_slice);
        let mut anchored = vec![false; passages.len()];
        for (pi, para) in doc.paragraphs.iter().enumerate() {
            if doc.body.get(para.clone()).is_none() {
                continue;
            }
            let class = if doc.role(pi) == ParagraphRole::Heading { " class=\"h\"" } else { "" };
            let _ = write!(out, "<p{class}>");
            // Boundaries inside this paragraph.
            let mut cuts: Vec<usize> = vec![para.start, para.end];
            for (span, _, _) in passages {
                for b in [span.start, span.end] {
                    if b > para.start && b < para.end && doc.body.is_char_boundary(b) {
                        cuts.push(b);
                    }
                }
            }
            cuts.sort_unstable();
            cuts.dedup();
            for w in cuts.windows(2) {
                let (a, b) = (w[0], w[1]);
                for (i, (span, id, _)) in passages.iter().enumerate() {
                    if !anchored[i] && span.start <= a && span.end > a {
                        anchored[i] = true;
                        let _ = write!(out, "<span class=\"anchor\" id=\"{id}\"></span>");
                    }
                }
                let covering = passages.iter().filter(|(s, _, _)| s.start <= a && s.end >= b);
                let (mut cited, mut quoted) = (false, false);
                for (_, _, kind) in covering {
                    match kind {
                        Kind::Cited => cited = true,
                        Kind::Quote => quoted = true,
                    }
                }
                let piece = esc(doc.body.get(a..b).unwrap_or(""));
                match (cited, quoted) {
                    (true, true) => {
                        let _ = write!(out, "<mark><span class=\"q\">{piece}</span></mark>");
                    }
                    (true, false) => {
                        let _ = write!(out, "<mark>{piece}</mark>");
                    }
                    (false, true) => {
                        let _ = write!(out, "<span class=\"q\">{piece}</span>");
                    }
                    (false, false) => out.push_str(&piece),
                }
            }
            out.push_str("</p>\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_passages_nest_and_escape() {
        let doc = Document::from_paragraphs("d", ["A <b> said \"yes & no\" today.", "Second paragraph."]);
        let mut p = Passages::new(0, 1);
        let quote = doc.body.find("yes").unwrap()..doc.body.find("\" today").unwrap();
        let cited = doc.body.find("said").unwrap()..doc.body.find(" & no").unwrap();
        let q = p.add(0, &doc, &quote, Kind::Quote).unwrap();
        let c = p.add(0, &doc, &cited, Kind::Cited).unwrap();
        assert_ne!(q, c);
        assert_eq!(p.add(0, &doc, &quote, Kind::Quote).as_deref(), Some(q.as_str()));
        assert!(p.add(0, &doc, &(0..999), Kind::Cited).is_none());
        let mut out = String::new();
        p.render_body(0, &doc, &mut out);
        assert!(out.contains("A &lt;b&gt; <span class=\"anchor\" id=\"s1-p2\"></span><mark>said &quot;</mark>"), "{out}");
        assert!(out.contains("<mark><span class=\"q\">yes</span></mark><span class=\"q\"> &amp; no</span>"), "{out}");
        assert!(out.contains("<p>Second paragraph.</p>"));
    }
}
