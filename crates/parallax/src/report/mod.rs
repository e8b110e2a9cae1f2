//! Reports for people: the same content as the contract, laid out for reading, in plain
//! terminal text or Markdown. One walk over the analysis; the [`Style`] decides the markup.

pub mod html;
mod reconciled;

use std::fmt::Write;

use parallax_core::{EntityType, QuoteKind};

use crate::Analysis;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Text,
    Markdown,
}

impl Style {
    fn heading(self, out: &mut String, level: usize, title: &str) {
        match self {
            Style::Markdown => {
                let _ = writeln!(out, "\n{} {title}\n", "#".repeat(level));
            }
            Style::Text => {
                let rule = if level == 1 { '=' } else { '-' };
                let _ = writeln!(out, "\n{title}\n{}", rule.to_string().repeat(title.chars().count().min(78)));
            }
        }
    }

    fn item(self, out: &mut String, depth: usize, text: &str) {
        let indent = "  ".repeat(depth);
        let bullet = if self == Style::Markdown { "-" } else { "•" };
        let _ = writeln!(out, "{indent}{bullet} {text}");
    }

    fn strong(self, text: &str) -> String {
        match self {
            Style::Markdown => format!("**{}**", escape_md(text)),
            Style::Text => text.to_owned(),
        }
    }

    fn plain(self, text: &str) -> String {
        match self {
            Style::Markdown => escape_md(text),
            Style::Text => text.to_owned(),
        }
    }
}

/// Article text is untrusted: keep it from becoming Markdown structure or HTML.
fn escape_md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

/// Renders the whole analysis as a report.
pub fn render(analysis: &Analysis, style: Style) -> String {
    let mut out = String::new();
    style.heading(&mut out, 1, &format!("Parallax report: {} articles, {} stories", analysis.docs.len(), analysis.stories.len()));
    for (k, story) in analysis.stories.iter().enumerate() {
        let docs: Vec<&parallax_core::Document> = story.docs.iter().map(|&d| &analysis.docs[d]).collect();
        let title = docs.iter().find_map(|d| d.title.clone()).unwrap_or_else(|| docs[0].headline());
        style.heading(&mut out, 2, &format!("Story {}: {}", k + 1, style.plain(&title)));
        let copies = &story.reconciled.copies;
        for (pos, d) in docs.iter().enumerate() {
            let when = d.published.map(|p| p.to_string()).unwrap_or_else(|| "undated".into());
            let outlet = d.outlet.as_deref().unwrap_or("unknown outlet");
            let mut line = format!("{} — {}, {when}", style.plain(&d.id), style.plain(outlet));
            if let Some(&(_, original, sim)) = copies.pairs.iter().find(|p| p.0 == pos) {
                let _ = write!(line, " (copy of {}, {:.0}% shared)", style.plain(&docs[original].id), sim * 100.0);
            }
            style.item(&mut out, 0, &line);
        }
        let cx = reconciled::Cx { analysis, story, docs: &docs, style };
        cx.summary(&mut out);
        cx.timeline(&mut out);
        cx.disagreements(&mut out);
        cx.groups(&mut out);
        people_section(analysis, k, style, &mut out);
        cx.coverage(&mut out);
        quotes_section(analysis, k, style, &mut out);
        dates_section(analysis, k, style, &mut out);
    }
    out
}

fn people_section(analysis: &Analysis, k: usize, style: Style, out: &mut String) {
    let story = &analysis.stories[k];
    let mut entities: Vec<_> = story.entities.entities.iter().enumerate().collect();
    entities.retain(|(_, e)| matches!(e.kind, EntityType::Person | EntityType::Org | EntityType::Group));
    entities.sort_by(|a, b| b.1.mention_count.cmp(&a.1.mention_count).then(a.1.name.cmp(&b.1.name)));
    style.heading(out, 3, "People and organisations");
    for (_, e) in entities.iter().take(40) {
        let mut line = format!("{} ({}, {} mentions in {} articles)", style.strong(&e.name), e.kind.as_str().to_lowercase(), e.mention_count, e.docs.len());
        let other: Vec<&String> = e.aliases.iter().filter(|a| **a != e.name).collect();
        if !other.is_empty() {
            let _ = write!(line, " — also: {}", style.plain(&other.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")));
        }
        if !e.descriptors.is_empty() {
            let _ = write!(line, " — roles: {}", style.plain(&e.descriptors.join(", ")));
        }
        style.item(out, 0, &line);
    }
}

fn quotes_section(analysis: &Analysis, k: usize, style: Style, out: &mut String) {
    let story = &analysis.stories[k];
    // speaker (story entity or None) -> (doc, quote index)
    let mut by_speaker: Vec<(Option<usize>, Vec<(usize, usize)>)> = Vec::new();
    for &d in &story.docs {
        for (qi, q) in analysis.per_doc[d].quotes.iter().enumerate() {
            let speaker = q.entity.and_then(|l| analysis.story_entity(d, l));
            match by_speaker.iter_mut().find(|(s, _)| *s == speaker) {
                Some((_, list)) => list.push((d, qi)),
                None => by_speaker.push((speaker, vec![(d, qi)])),
            }
        }
    }
    by_speaker.sort_by_key(|(s, list)| (s.is_none(), std::cmp::Reverse(list.len())));
    style.heading(out, 3, "Who said what");
    for (speaker, list) in by_speaker {
        let name = speaker.map_or("Unattributed".to_owned(), |s| story.entities.entities[s].name.clone());
        style.item(out, 0, &format!("{} ({} quotes)", style.strong(&name), list.len()));
        for (d, qi) in list {
            let doc = &analysis.docs[d];
            let q = &analysis.per_doc[d].quotes[qi];
            let text = shorten(doc.text(&q.text), 220);
            let shown = match q.kind {
                QuoteKind::Indirect => format!("(reported) {}", style.plain(&text)),
                QuoteKind::Partial => format!("(partial) “{}”", style.plain(&text)),
                QuoteKind::Direct => format!("“{}”", style.plain(&text)),
            };
            style.item(out, 1, &format!("{shown} [{}]", style.plain(&doc.id)));
        }
    }
}

fn dates_section(analysis: &Analysis, k: usize, style: Style, out: &mut String) {
    let story = &analysis.stories[k];
    let mut dated: Vec<(String, String, String)> = Vec::new();
    for &d in &story.docs {
        let doc = &analysis.docs[d];
        for t in &analysis.per_doc[d].times {
            dated.push((t.value.clone(), doc.text(&t.span).to_owned(), doc.id.clone()));
        }
    }
    if dated.is_empty() {
        return;
    }
    dated.sort();
    dated.dedup();
    style.heading(out, 3, "Dates");
    for (value, text, doc) in dated {
        style.item(out, 0, &format!("{} — “{}” [{}]", style.plain(&value), style.plain(&text), style.plain(&doc)));
    }
}
