//! One article on its own: its text with every quote highlighted in its speaker's colour, a
//! legend of the speakers, and the quotes listed by speaker. Everything from the article is
//! escaped; colours come from a fixed set of classes (`sp0` … `sp7`), never inline styles.

use std::fmt::Write;

use parallax_core::{DocAnalysis, Document, ParagraphRole, QuoteKind};

use super::esc;

/// Speaker colours: speakers beyond this share them (the legend still names each).
const COLOURS: usize = 8;

/// A quote's speaker: its entity in the article's analysis, or none (unattributed).
fn speakers(analysis: &DocAnalysis) -> Vec<Option<usize>> {
    let mut list: Vec<(Option<usize>, usize)> = Vec::new();
    for q in &analysis.quotes {
        match list.iter_mut().find(|s| s.0 == q.entity) {
            Some(s) => s.1 += 1,
            None => list.push((q.entity, 1)),
        }
    }
    // Most quoted first, unattributed last: colours go to those who speak most.
    list.sort_by_key(|&(e, n)| (e.is_none(), std::cmp::Reverse(n)));
    list.into_iter().map(|s| s.0).collect()
}

fn speaker_name(analysis: &DocAnalysis, entity: Option<usize>) -> &str {
    entity.and_then(|e| analysis.entities.get(e)).map_or("Unattributed", |e| e.name.as_str())
}

fn colour(order: &[Option<usize>], entity: Option<usize>) -> usize {
    order.iter().position(|&s| s == entity).unwrap_or(0) % COLOURS
}

/// The article's body as paragraphs with its quotes highlighted by speaker, then the legend
/// and the quotes by speaker. Quotes nested in an earlier quote are listed but not marked
/// twice in the text.
pub fn render_article(doc: &Document, analysis: &DocAnalysis, out: &mut String) {
    let order = speakers(analysis);
    if !order.is_empty() {
        out.push_str("<ul class=\"legend speakers\">");
        for &s in &order {
            let n = analysis.quotes.iter().filter(|q| q.entity == s).count();
            let _ = write!(
                out,
                "<li><span class=\"swatch sp{}\"></span>{} <span class=\"muted small\">{n}</span></li>",
                colour(&order, s),
                esc(speaker_name(analysis, s))
            );
        }
        out.push_str("</ul>\n");
    }
    let mut marks: Vec<(usize, usize, usize)> = analysis
        .quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| q.text.start < q.text.end && doc.body.get(q.text.clone()).is_some())
        .map(|(i, q)| (q.text.start, q.text.end, i))
        .collect();
    marks.sort_unstable();
    let mut kept: Vec<(usize, usize, usize)> = Vec::with_capacity(marks.len());
    for m in marks {
        if kept.last().is_none_or(|k| m.0 >= k.1) {
            kept.push(m);
        }
    }
    out.push_str("<div class=\"text article-text\">\n");
    for (pi, para) in doc.paragraphs.iter().enumerate() {
        let Some(_) = doc.body.get(para.clone()) else { continue };
        let class = if doc.role(pi) == ParagraphRole::Heading { " class=\"h\"" } else { "" };
        let _ = write!(out, "<p{class}>");
        let mut at = para.start;
        for &(start, end, i) in kept.iter().filter(|m| m.0 < para.end && m.1 > para.start) {
            let (start, end) = (start.max(at).max(para.start), end.min(para.end));
            if start >= end || !doc.body.is_char_boundary(start) || !doc.body.is_char_boundary(end) {
                continue;
            }
            out.push_str(&esc(doc.body.get(at..start).unwrap_or("")));
            let q = &analysis.quotes[i];
            let _ = write!(
                out,
                "<mark class=\"said sp{}\" id=\"q{}\" title=\"{}\">{}</mark>",
                colour(&order, q.entity),
                i + 1,
                esc(speaker_name(analysis, q.entity)),
                esc(doc.body.get(start..end).unwrap_or(""))
            );
            at = end;
        }
        out.push_str(&esc(doc.body.get(at..para.end).unwrap_or("")));
        out.push_str("</p>\n");
    }
    out.push_str("</div>\n");
    if order.is_empty() {
        out.push_str("<p class=\"empty\">No quotes found in this article.</p>\n");
        return;
    }
    out.push_str("<h3>Quotes by speaker</h3>\n");
    for &s in &order {
        let _ = write!(out, "<h4><span class=\"swatch sp{}\"></span>{}</h4><ul class=\"plain quotes\">", colour(&order, s), esc(speaker_name(analysis, s)));
        for (i, q) in analysis.quotes.iter().enumerate().filter(|(_, q)| q.entity == s) {
            let text = doc.body.get(q.text.clone()).unwrap_or("");
            let shown = if q.kind == QuoteKind::Indirect { esc(text) } else { format!("“{}”", esc(text)) };
            let _ = write!(out, "<li><a href=\"#q{}\">{shown}</a><span class=\"kind\">{}</span></li>", i + 1, q.kind.as_str());
        }
        out.push_str("</ul>\n");
    }
}
