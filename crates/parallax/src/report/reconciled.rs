//! The reconciled sections of the terminal and Markdown report: summary with citations,
//! timeline, disagreements, quote groups with a compact word diff, and coverage per outlet.
//! Kept short per line: a reader scans these, the HTML report has the full detail.

use std::fmt::Write;

use parallax_core::Document;
use parallax_reconcile::coverage::outlet_name;
use parallax_reconcile::diff::DiffOp;
use parallax_reconcile::TextRef;

use super::{shorten, Style};
use crate::{Analysis, Story};

/// One story's context for the reconciled sections.
pub(super) struct Cx<'a> {
    pub analysis: &'a Analysis,
    pub story: &'a Story,
    /// The story's documents, by position.
    pub docs: &'a [&'a Document],
    pub style: Style,
}

impl Cx<'_> {
    fn outlet(&self, pos: usize) -> String {
        self.docs.get(pos).map_or_else(|| "?".to_owned(), |d| outlet_name(d))
    }

    fn text(&self, t: &TextRef) -> &str {
        self.docs.get(t.doc).and_then(|d| d.body.get(t.span.clone())).unwrap_or("")
    }

    fn entity(&self, e: Option<usize>) -> Option<&str> {
        e.and_then(|e| self.story.entities.entities.get(e)).map(|e| e.name.as_str())
    }

    fn quote_text(&self, pos: usize, q: usize) -> &str {
        let Some(&d) = self.story.docs.get(pos) else { return "" };
        let quote = self.analysis.per_doc.get(d).and_then(|a| a.quotes.get(q));
        quote.and_then(|q| self.docs.get(pos)?.body.get(q.text.clone())).unwrap_or("")
    }

    /// Distinct outlets of some passages, in order of first appearance.
    fn outlets_of<'t>(&self, refs: impl IntoIterator<Item = &'t TextRef>) -> String {
        let mut names: Vec<String> = Vec::new();
        for t in refs {
            let o = self.outlet(t.doc);
            if !names.contains(&o) {
                names.push(o);
            }
        }
        self.style.plain(&names.join(", "))
    }

    pub fn summary(&self, out: &mut String) {
        let summary = &self.story.reconciled.summary;
        if summary.is_empty() {
            return;
        }
        self.style.heading(out, 3, "Summary");
        for s in summary {
            let cites = self.outlets_of(&s.sources);
            let cites = if cites.is_empty() { String::new() } else { format!(" [{cites}]") };
            self.style.item(out, 0, &format!("{}{cites}", self.style.plain(&s.text)));
        }
    }

    pub fn timeline(&self, out: &mut String) {
        let events = &self.story.reconciled.events;
        if events.is_empty() {
            return;
        }
        self.style.heading(out, 3, "Timeline");
        let mut order: Vec<usize> = (0..events.len()).collect();
        order.sort_by(|&x, &y| {
            let (a, b) = (&events[x].date, &events[y].date);
            a.is_none().cmp(&b.is_none()).then(a.cmp(b))
        });
        for i in order {
            let e = &events[i];
            let when = match (&e.date, e.precision.as_str()) {
                (Some(d), "year") => d.get(..4).unwrap_or(d).to_owned(),
                (Some(d), "month") => d.get(..7).unwrap_or(d).to_owned(),
                (Some(d), _) => d.clone(),
                (None, _) => "undated".to_owned(),
            };
            let line = format!("{} — {} [{}]", self.style.strong(&when), self.style.plain(&shorten(&e.what, 120)), self.outlets_of(&e.evidence));
            self.style.item(out, 0, &line);
        }
    }

    pub fn disagreements(&self, out: &mut String) {
        let ds = &self.story.reconciled.discrepancies;
        if ds.is_empty() {
            return;
        }
        self.style.heading(out, 3, "Disagreements");
        for d in ds {
            let kind = d.kind.as_str().replace('_', " ");
            self.style.item(out, 0, &format!("{} ({kind})", self.style.strong(&d.topic)));
            for side in &d.sides {
                let holder = self.entity(side.holder).map(|h| format!(", {}", self.style.plain(h))).unwrap_or_default();
                let line = format!("{}{holder}: “{}”", self.style.plain(&self.outlet(side.at.doc)), self.style.plain(&shorten(self.text(&side.at), 200)));
                self.style.item(out, 1, &line);
            }
        }
    }

    /// A wording against the reference: `[-only the reference-]{+only this one+}` in text,
    /// strike-through and bold in Markdown.
    fn compact_diff(&self, ops: &[DiffOp]) -> String {
        let mut s = String::new();
        for op in ops {
            if !s.is_empty() {
                s.push(' ');
            }
            let words = self.style.plain(op.words());
            match (op, self.style) {
                (DiffOp::Same(_), _) => s.push_str(&words),
                (DiffOp::Added(_), Style::Markdown) => {
                    let _ = write!(s, "**{words}**");
                }
                (DiffOp::Removed(_), Style::Markdown) => {
                    let _ = write!(s, "~~{words}~~");
                }
                (DiffOp::Added(_), Style::Text) => {
                    let _ = write!(s, "{{+{words}+}}");
                }
                (DiffOp::Removed(_), Style::Text) => {
                    let _ = write!(s, "[-{words}-]");
                }
            }
        }
        s
    }

    pub fn groups(&self, out: &mut String) {
        let groups = &self.story.reconciled.groups;
        if groups.is_empty() {
            return;
        }
        self.style.heading(out, 3, "Quotes reported more than once");
        for g in groups {
            let Some(&(first_doc, first_q)) = g.members.first() else { continue };
            let who = self.entity(g.speaker).unwrap_or("Unattributed");
            let mut outlets: Vec<String> = g.members.iter().map(|&(p, _)| self.outlet(p)).collect();
            outlets.dedup();
            let wording = if g.identical_wording { "same words" } else { "worded differently" };
            let line = format!(
                "{}: “{}” — {} reports ({}), {wording}",
                self.style.strong(who),
                self.style.plain(&shorten(self.quote_text(first_doc, first_q), 160)),
                g.members.len(),
                self.style.plain(&outlets.join(", ")),
            );
            self.style.item(out, 0, &line);
            if let Some(reason) = &g.possible_misquote {
                self.style.item(out, 1, &format!("{} {}", self.style.strong("Possible misquote:"), self.style.plain(reason)));
            }
            if g.identical_wording {
                continue;
            }
            for (m, &(pos, _)) in g.members.iter().enumerate().skip(1) {
                let Some(ops) = g.diffs.get(m).filter(|ops| !ops.iter().all(DiffOp::is_same)) else { continue };
                let line = format!("{}: {}", self.style.plain(&self.outlet(pos)), self.compact_diff(ops));
                self.style.item(out, 1, &line);
            }
        }
    }

    pub fn coverage(&self, out: &mut String) {
        let cov = &self.story.reconciled.coverage;
        if cov.outlets.is_empty() {
            return;
        }
        self.style.heading(out, 3, "Coverage by outlet");
        let top = |pairs: &[(usize, usize)]| -> String {
            let names: Vec<String> = pairs.iter().take(3).filter_map(|&(e, n)| Some(format!("{} ({n})", self.entity(Some(e))?))).collect();
            if names.is_empty() { "nobody".to_owned() } else { self.style.plain(&names.join(", ")) }
        };
        for o in &cov.outlets {
            let copies = o.docs.iter().filter(|&&d| self.story.reconciled.copies.original_of(d).is_some()).count();
            let copies = if copies > 0 { format!(", {copies} of them copies") } else { String::new() };
            let line = format!(
                "{} — {} article(s){copies}; only here: {} quote(s), {} event(s); quotes most: {}; mentions most: {}",
                self.style.strong(&o.outlet),
                o.docs.len(),
                o.exclusive_quotes.len(),
                o.exclusive_events.len(),
                top(&o.quoted),
                top(&o.mentions),
            );
            self.style.item(out, 0, &line);
        }
    }
}
