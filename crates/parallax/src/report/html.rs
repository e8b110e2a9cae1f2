//! The self-contained HTML report: one file, no external resources, no script (it must work
//! with scripts off and under a strict Content-Security-Policy), inline CSS only.
//!
//! Article text, titles, outlet names and URLs are untrusted input: every such string goes
//! through [`esc`] (which also makes it safe inside quoted attributes), only `http(s)` URLs
//! become links, and every attribute value the page has is either generated here (ids,
//! classes) or an escaped URL.

mod article;
mod passages;

pub use article::render_article;

use std::collections::HashMap;
use std::fmt::Write;

use parallax_core::{Document, EntityType, QuoteKind};
use parallax_reconcile::coverage::outlet_name;
use parallax_reconcile::diff::DiffOp;
use parallax_reconcile::{DatePrecision, QuoteGroup, TextRef};

use crate::{Analysis, Story};
use passages::{Kind, Passages};

const STYLE: &str = include_str!("html/style.css");

/// Escapes text for HTML element content and quoted attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and newline have no place in a page.
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A URL fit for an `href`: only absolute http(s) URLs without whitespace or control
/// characters, escaped; anything else (`javascript:`, `data:`, relative paths) is dropped.
pub fn safe_url(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let scheme_ok = lower.starts_with("https://") || lower.starts_with("http://");
    let clean = !url.chars().any(|c| c.is_whitespace() || c.is_control());
    (scheme_ok && clean && url.len() > 8).then(|| esc(url))
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

/// "7 May 2025", "May 2025" or "2025" for a `YYYY-MM-DD` date of the given precision.
fn human_date(date: &str, precision: DatePrecision) -> String {
    const MONTHS: [&str; 12] =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    let parts: Vec<&str> = date.split('-').collect();
    let (Some(y), m, d) = (parts.first().filter(|y| y.len() == 4), parts.get(1).and_then(|m| m.parse::<usize>().ok()), parts.get(2).and_then(|d| d.parse::<u32>().ok())) else {
        return date.to_owned();
    };
    let month = m.and_then(|m| MONTHS.get(m.wrapping_sub(1)));
    match (precision, month, d) {
        (DatePrecision::Year, _, _) => (*y).to_owned(),
        (DatePrecision::Month, Some(mn), _) => format!("{mn} {y}"),
        (_, Some(mn), Some(d)) => format!("{d} {mn} {y}"),
        _ => date.to_owned(),
    }
}

/// Everything one story's sections need.
struct Ctx<'a> {
    a: &'a Analysis,
    story: &'a Story,
    k: usize,
    passages: Passages,
    /// Per document position: the outlet name shown for it.
    outlets: Vec<String>,
    article_href: Option<&'a dyn Fn(usize) -> Option<String>>,
    person_href: Option<&'a dyn Fn(&str) -> String>,
}

impl<'a> Ctx<'a> {
    fn doc(&self, pos: usize) -> Option<&'a Document> {
        self.story.docs.get(pos).and_then(|&d| self.a.docs.get(d))
    }

    fn quote_span(&self, pos: usize, q: usize) -> Option<&'a parallax_core::Quote> {
        self.story.docs.get(pos).and_then(|&d| self.a.per_doc.get(d)).and_then(|a| a.quotes.get(q))
    }

    fn entity_name(&self, e: Option<usize>) -> Option<&'a str> {
        e.and_then(|e| self.story.entities.entities.get(e)).map(|e| e.name.as_str())
    }

    fn outlet(&self, pos: usize) -> &str {
        self.outlets.get(pos).map_or("?", String::as_str)
    }

    fn text(&self, t: &TextRef) -> &'a str {
        self.doc(t.doc).and_then(|d| d.body.get(t.span.clone())).unwrap_or("")
    }

    /// A source chip: the outlet, linking to the passage when it has an anchor.
    fn chip(&self, t: &TextRef) -> String {
        let name = esc(self.outlet(t.doc));
        match self.passages.id(t.doc, &t.span) {
            Some(id) => format!("<a class=\"cite\" href=\"#{id}\">{name}</a>"),
            None => format!("<span class=\"cite\">{name}</span>"),
        }
    }

    fn quote_link(&self, pos: usize, q: usize) -> String {
        let name = esc(self.outlet(pos));
        match self.quote_span(pos, q).and_then(|quote| self.passages.id(pos, &quote.text)) {
            Some(id) => format!("<a class=\"src\" href=\"#{id}\">{name}</a>"),
            None => format!("<span class=\"src\">{name}</span>"),
        }
    }
}

/// The report's stylesheet, for a server that links it instead of inlining it.
pub const STYLESHEET: &str = STYLE;

/// Where a report page lives. The default is a file of its own: stylesheet inline, no script,
/// no links out but the articles' own URLs. A web server links its stylesheet and script (so
/// that a strict Content-Security-Policy holds), puts its site bar on top and links each
/// article to its page.
#[derive(Default)]
pub struct Frame<'a> {
    /// The page title (escaped here); "Parallax report" when empty.
    pub title: &'a str,
    pub stylesheet_href: Option<&'a str>,
    pub script_href: Option<&'a str>,
    /// Markup the caller generates (never from article data), placed first in the page.
    pub site_bar: &'a str,
    /// The URL of a document's own page, by its index in [`Analysis::docs`]. It must be a
    /// URL the caller made (it is escaped, not checked).
    pub article_href: Option<&'a dyn Fn(usize) -> Option<String>>,
    /// The URL of a person's or organisation's page, by name (made by the caller, escaped here).
    pub person_href: Option<&'a dyn Fn(&str) -> String>,
}

/// Renders the whole analysis as one self-contained HTML page.
pub fn render(analysis: &Analysis) -> String {
    render_in(analysis, &Frame::default())
}

/// The head of a page and the start of its body, per the frame.
pub fn page_start(frame: &Frame, out: &mut String) {
    out.push_str("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let title = if frame.title.is_empty() { "Parallax report" } else { frame.title };
    let _ = writeln!(out, "<title>{}</title>", esc(title));
    match frame.stylesheet_href {
        Some(href) => {
            let _ = writeln!(out, "<link rel=\"stylesheet\" href=\"{}\">", esc(href));
        }
        None => {
            out.push_str("<style>\n");
            out.push_str(STYLE);
            out.push_str("</style>\n");
        }
    }
    if let Some(href) = frame.script_href {
        let _ = writeln!(out, "<script src=\"{}\" defer></script>", esc(href));
    }
    out.push_str("</head>\n<body>\n");
    out.push_str(frame.site_bar);
    out.push_str("<div class=\"wrap\">\n");
}

/// Renders the whole analysis as one HTML page in the given frame.
pub fn render_in(analysis: &Analysis, frame: &Frame) -> String {
    let mut out = String::with_capacity(64 * 1024 + analysis.docs.iter().map(|d| d.body.len() * 2).sum::<usize>());
    page_start(frame, &mut out);
    let quotes: usize = analysis.per_doc.iter().map(|a| a.quotes.len()).sum();
    let _ = write!(
        out,
        "<header class=\"top\"><div class=\"brand\">Parallax report</div><h1>{} {} across {} {}</h1>\
         <p class=\"meta\">{} quotes read · every text below is cut from an article and links to it</p>",
        analysis.stories.len(),
        plural(analysis.stories.len(), "story", "stories"),
        analysis.docs.len(),
        plural(analysis.docs.len(), "article", "articles"),
        quotes,
    );
    if analysis.stories.len() > 1 {
        out.push_str("<nav class=\"toc\">");
        for k in 0..analysis.stories.len() {
            let _ = write!(out, "<a href=\"#s{}\">{}. {}</a>", k + 1, k + 1, esc(&shorten(&story_title(analysis, k), 60)));
        }
        out.push_str("</nav>");
    }
    out.push_str("</header>\n<main>\n");
    for k in 0..analysis.stories.len() {
        render_story(analysis, k, frame, &mut out);
    }
    out.push_str("</main>\n<footer>Generated by Parallax. Highlighted passages are the exact words each claim cites; underlined passages are quotes. Copies (syndicated or lightly edited reprints) are marked and are not counted as independent confirmation.</footer>\n</div>\n</body>\n</html>\n");
    out
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

fn story_title(a: &Analysis, k: usize) -> String {
    let story = &a.stories[k];
    let docs = || story.docs.iter().filter_map(|&d| a.docs.get(d));
    docs()
        .filter(|d| d.title.as_deref().is_some_and(|t| !t.trim().is_empty()))
        .min_by_key(|d| d.published)
        .and_then(|d| d.title.clone())
        .or_else(|| docs().min_by_key(|d| d.published).map(|d| d.headline()))
        .unwrap_or_else(|| format!("Story {}", k + 1))
}

fn render_story(a: &Analysis, k: usize, frame: &Frame, out: &mut String) {
    let story = &a.stories[k];
    let r = &story.reconciled;
    let mut passages = Passages::new(k, story.docs.len());
    let outlets = story.docs.iter().map(|&d| a.docs.get(d).map_or_else(|| "?".to_owned(), outlet_name)).collect();
    // Register passages: cited ones first so their ids are small and stable.
    for s in &r.summary {
        for t in &s.sources {
            register(a, story, &mut passages, t, Kind::Cited);
        }
    }
    for e in &r.events {
        for t in &e.evidence {
            register(a, story, &mut passages, t, Kind::Cited);
        }
    }
    for d in &r.discrepancies {
        for s in &d.sides {
            register(a, story, &mut passages, &s.at, Kind::Cited);
        }
    }
    for (pos, &d) in story.docs.iter().enumerate() {
        if let (Some(doc), Some(an)) = (a.docs.get(d), a.per_doc.get(d)) {
            for q in &an.quotes {
                passages.add(pos, doc, &q.text, Kind::Quote);
            }
        }
    }
    let cx = Ctx { a, story, k, passages, outlets, article_href: frame.article_href, person_href: frame.person_href };
    let sid = format!("s{}", k + 1);
    let _ = write!(out, "<section class=\"story\" id=\"{sid}\">\n<h2>{}</h2>\n", esc(&story_title(a, k)));
    let dates: Vec<_> = story.docs.iter().filter_map(|&d| a.docs.get(d)?.published).collect();
    let span = match (dates.iter().min(), dates.iter().max()) {
        (Some(lo), Some(hi)) if lo != hi => format!(" · {lo} to {hi}"),
        (Some(lo), _) => format!(" · {lo}"),
        _ => String::new(),
    };
    let mut distinct: Vec<&String> = cx.outlets.iter().collect();
    distinct.sort();
    distinct.dedup();
    let _ = writeln!(
        out,
        "<p class=\"meta\">Story {} · {} {} from {} {}{span}</p>",
        k + 1,
        story.docs.len(),
        plural(story.docs.len(), "article", "articles"),
        distinct.len(),
        plural(distinct.len(), "outlet", "outlets"),
    );
    let sections = [
        ("summary", "Summary"),
        ("articles", "Articles"),
        ("timeline", "Timeline"),
        ("disagreements", "Disagreements"),
        ("misquotes", "Possible misquotes"),
        ("groups", "Quote groups"),
        ("people", "People and organisations"),
        ("coverage", "Coverage by outlet"),
        ("speakers", "Quotes by speaker"),
        ("texts", "Article texts"),
    ];
    out.push_str("<nav class=\"toc\">");
    for (id, name) in sections {
        let _ = write!(out, "<a href=\"#{sid}-{id}\">{name}</a>");
    }
    out.push_str("</nav>\n");
    summary_section(&cx, out);
    articles_section(&cx, out);
    timeline_section(&cx, out);
    disagreements_section(&cx, out);
    misquotes_section(&cx, out);
    groups_section(&cx, out);
    people_section(&cx, out);
    coverage_section(&cx, out);
    speakers_section(&cx, out);
    texts_section(&cx, out);
    out.push_str("</section>\n");
}

fn register(a: &Analysis, story: &Story, passages: &mut Passages, t: &TextRef, kind: Kind) {
    if let Some(doc) = story.docs.get(t.doc).and_then(|&d| a.docs.get(d)) {
        passages.add(t.doc, doc, &t.span, kind);
    }
}

fn heading(cx: &Ctx, out: &mut String, id: &str, title: &str, count: Option<usize>) {
    let n = count.map(|n| format!("<span class=\"n\">{n}</span>")).unwrap_or_default();
    let _ = writeln!(out, "<h3 id=\"s{}-{id}\">{title}{n}</h3>", cx.k + 1);
}

fn empty(out: &mut String, what: &str) {
    let _ = writeln!(out, "<p class=\"empty\">{what}</p>");
}

fn summary_section(cx: &Ctx, out: &mut String) {
    let summary = &cx.story.reconciled.summary;
    heading(cx, out, "summary", "Summary", None);
    if summary.is_empty() {
        return empty(out, "No summary could be drawn from these articles.");
    }
    out.push_str("<div class=\"summary\">\n");
    for s in summary {
        let _ = write!(out, "<p>{}", esc(&s.text));
        // One chip per cited passage, named by its outlet.
        for t in &s.sources {
            out.push_str(&cx.chip(t));
        }
        out.push_str("</p>\n");
    }
    out.push_str("</div>\n");
}

fn articles_section(cx: &Ctx, out: &mut String) {
    let copies = &cx.story.reconciled.copies;
    heading(cx, out, "articles", "Articles", Some(cx.story.docs.len()));
    out.push_str("<ul class=\"plain articles-list\">\n");
    for pos in 0..cx.story.docs.len() {
        let Some(doc) = cx.doc(pos) else { continue };
        let title = doc.headline();
        let title = title.as_str();
        let when = doc.published.map_or_else(|| "undated".to_owned(), |p| p.to_string());
        let _ = write!(
            out,
            "<li><a class=\"title\" href=\"#s{}-a{}\">{}</a><br><span class=\"src\">{}</span> <span class=\"muted small\">· {when} · {} · {} words</span>",
            cx.k + 1,
            pos + 1,
            esc(title),
            esc(cx.outlet(pos)),
            esc(&doc.id),
            doc.word_count(),
        );
        if let Some(&(_, original, sim)) = copies.pairs.iter().find(|p| p.0 == pos) {
            let _ = write!(
                out,
                " <span class=\"tag copy\">copy of {} · {:.0}% shared</span>",
                esc(cx.outlet(original)),
                (sim * 100.0).clamp(0.0, 100.0)
            );
        }
        let reprints = copies.pairs.iter().filter(|p| p.1 == pos).count();
        if reprints > 0 {
            let _ = write!(out, " <span class=\"tag copy\">reprinted {reprints}×</span>");
        }
        if let Some(href) = cx.article_href.and_then(|f| f(cx.story.docs[pos])) {
            let _ = write!(out, " <a class=\"small article-page\" href=\"{}\">article page</a>", esc(&href));
        }
        if let Some(url) = doc.url.as_deref().and_then(safe_url) {
            let _ = write!(out, " <a class=\"small\" href=\"{url}\" rel=\"noopener noreferrer\">original ↗</a>");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

/// Passages shown under a timeline event before the rest fold away.
const TIMELINE_EVIDENCE: usize = 3;

fn timeline_section(cx: &Ctx, out: &mut String) {
    let events = &cx.story.reconciled.events;
    heading(cx, out, "timeline", "Timeline", Some(events.len()));
    if events.is_empty() {
        return empty(out, "No dated events found.");
    }
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by(|&x, &y| {
        let (a, b) = (&events[x].date, &events[y].date);
        a.is_none().cmp(&b.is_none()).then(a.cmp(b))
    });
    out.push_str("<ol class=\"timeline\">\n");
    for i in order {
        let e = &events[i];
        let when = e.date.as_deref().map(|d| human_date(d, e.precision));
        let class = if when.is_none() { " class=\"undated\"" } else { "" };
        let _ = write!(
            out,
            "<li{class}><div class=\"when\">{}</div><div class=\"what\">{}</div><ul class=\"ev\">",
            esc(when.as_deref().unwrap_or("Undated")),
            esc(&e.what)
        );
        let shown = widest(&e.evidence);
        for (n, t) in shown.iter().enumerate() {
            // A long list of passages buries the event: the first few, the rest on demand.
            if n == TIMELINE_EVIDENCE && shown.len() > TIMELINE_EVIDENCE {
                let _ = write!(out, "<li><details><summary>{} more passages</summary><ul class=\"ev\">", shown.len() - TIMELINE_EVIDENCE);
            }
            let text = cx.text(t);
            // The event's own wording is usually cut from its first passage: name the source only.
            if text.trim() == e.what.trim() {
                let _ = write!(out, "<li>{}</li>", cx.chip(t));
            } else {
                let _ = write!(out, "<li>{} “{}”</li>", cx.chip(t), esc(&shorten(text, 240)));
            }
        }
        if shown.len() > TIMELINE_EVIDENCE {
            out.push_str("</ul></details></li>");
        }
        out.push_str("</ul></li>\n");
    }
    out.push_str("</ol>\n");
}

/// The evidence worth showing: a passage inside a longer passage of the same article adds
/// nothing for a reader (the timeline may cite both a clause and its verb).
fn widest(evidence: &[TextRef]) -> Vec<&TextRef> {
    let inside = |a: &TextRef, b: &TextRef| a.doc == b.doc && b.span.start <= a.span.start && a.span.end <= b.span.end;
    evidence
        .iter()
        .enumerate()
        .filter(|&(i, t)| {
            !evidence.iter().enumerate().any(|(j, u)| j != i && inside(t, u) && (t.span != u.span || j < i))
        })
        .map(|(_, t)| t)
        .collect()
}

fn disagreements_section(cx: &Ctx, out: &mut String) {
    let ds = &cx.story.reconciled.discrepancies;
    heading(cx, out, "disagreements", "Disagreements", Some(ds.len()));
    if ds.is_empty() {
        return empty(out, "The articles do not contradict each other on anything found.");
    }
    for d in ds {
        let _ = write!(
            out,
            "<div class=\"item\"><div class=\"head\"><span class=\"tag flag\">{}</span> <span class=\"topic\">{}</span></div><div class=\"sides\">",
            esc(&d.kind.as_str().replace('_', " ")),
            esc(&d.topic)
        );
        for s in &d.sides {
            let holder = cx.entity_name(s.holder).map(|h| format!(" <span class=\"who\">{}</span>", esc(h))).unwrap_or_default();
            let _ = write!(
                out,
                "<div class=\"card\"><div class=\"ch\">{}{holder}</div><blockquote>{}</blockquote></div>",
                cx.chip(&s.at),
                esc(cx.text(&s.at))
            );
        }
        out.push_str("</div></div>\n");
    }
}

/// One member's wording: the reference as written, the others as a word diff against it.
fn member_wording(cx: &Ctx, g: &QuoteGroup, m: usize) -> String {
    let (pos, q) = g.members[m];
    let text = cx.quote_span(pos, q).and_then(|quote| cx.doc(pos)?.body.get(quote.text.clone())).unwrap_or("");
    let ops = g.diffs.get(m).filter(|ops| m > 0 && !ops.is_empty() && !ops.iter().all(DiffOp::is_same));
    let Some(ops) = ops else { return esc(text) };
    let mut s = String::new();
    for (i, op) in ops.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        match op {
            DiffOp::Same(w) => s.push_str(&esc(w)),
            DiffOp::Added(w) => {
                let _ = write!(s, "<ins>{}</ins>", esc(w));
            }
            DiffOp::Removed(w) => {
                let _ = write!(s, "<del>{}</del>", esc(w));
            }
        }
    }
    s
}

fn group_cards(cx: &Ctx, g: &QuoteGroup, out: &mut String) {
    out.push_str("<div class=\"sides\">");
    for (m, &(pos, q)) in g.members.iter().enumerate() {
        let kind = cx.quote_span(pos, q).map_or("", |q| q.kind.as_str());
        let role = if m == 0 { " · reference" } else { "" };
        let copy = if cx.story.reconciled.copies.original_of(pos).is_some() { " <span class=\"tag copy\">copy</span>" } else { "" };
        let _ = write!(
            out,
            "<div class=\"card\"><div class=\"ch\">{} <span class=\"who\">{kind}{role}</span>{copy}</div><blockquote>{}</blockquote></div>",
            cx.quote_link(pos, q),
            member_wording(cx, g, m)
        );
    }
    out.push_str("</div>");
}

fn group_title(cx: &Ctx, g: &QuoteGroup) -> String {
    let who = cx.entity_name(g.speaker).unwrap_or("Unattributed");
    let first = g
        .members
        .first()
        .and_then(|&(pos, q)| cx.quote_span(pos, q).and_then(|quote| cx.doc(pos)?.body.get(quote.text.clone())))
        .unwrap_or("");
    format!("<b>{}</b>: “{}”", esc(who), esc(&shorten(first, 110)))
}

const LEGEND: &str = "<p class=\"legend\">Each wording is compared with the first (reference): <ins>words only it has</ins> <del>words only the reference has</del></p>\n";

fn misquotes_section(cx: &Ctx, out: &mut String) {
    let flagged: Vec<&QuoteGroup> = cx.story.reconciled.groups.iter().filter(|g| g.possible_misquote.is_some()).collect();
    heading(cx, out, "misquotes", "Possible misquotes", Some(flagged.len()));
    if flagged.is_empty() {
        return empty(out, "No quote is worded differently in a way that changes its meaning.");
    }
    out.push_str(LEGEND);
    for g in flagged {
        let _ = write!(out, "<div class=\"item\"><div class=\"head\">{}</div>", group_title(cx, g));
        let _ = write!(out, "<p class=\"reason\">{}</p>", esc(g.possible_misquote.as_deref().unwrap_or("")));
        group_cards(cx, g, out);
        out.push_str("</div>\n");
    }
}

fn groups_section(cx: &Ctx, out: &mut String) {
    let groups = &cx.story.reconciled.groups;
    heading(cx, out, "groups", "Quote groups", Some(groups.len()));
    if groups.is_empty() {
        return empty(out, "No quote is reported more than once.");
    }
    out.push_str(LEGEND);
    for g in groups {
        let mut outlets: Vec<&str> = g.members.iter().map(|&(p, _)| cx.outlet(p)).collect();
        outlets.sort_unstable();
        outlets.dedup();
        let wording = if g.identical_wording { "<span class=\"tag\">same words</span>" } else { "<span class=\"tag\">worded differently</span>" };
        // Differing wordings are what a reader opens a group for: show them when few enough.
        let open = if !g.identical_wording && groups.len() <= 12 { " open" } else { "" };
        let flag = if g.possible_misquote.is_some() { " <span class=\"tag flag\">possible misquote</span>" } else { "" };
        let _ = write!(
            out,
            "<details class=\"group\"{open}><summary>{} <span class=\"muted small\">· {} {} in {} {}</span> {wording}{flag}</summary>",
            group_title(cx, g),
            g.members.len(),
            plural(g.members.len(), "report", "reports"),
            outlets.len(),
            plural(outlets.len(), "outlet", "outlets"),
        );
        if !g.note.is_empty() {
            let _ = write!(out, "<p class=\"small muted\">{}</p>", esc(&g.note));
        }
        group_cards(cx, g, out);
        out.push_str("</details>\n");
    }
}

fn people_section(cx: &Ctx, out: &mut String) {
    let ents = &cx.story.entities.entities;
    let mut list: Vec<usize> = (0..ents.len())
        .filter(|&e| matches!(ents[e].kind, EntityType::Person | EntityType::Org | EntityType::Group))
        .collect();
    // Per entity: (outlet, mentions, quotes) from the coverage.
    let mut per: HashMap<usize, Vec<(&str, usize, usize)>> = HashMap::new();
    for o in &cx.story.reconciled.coverage.outlets {
        for &(e, n) in &o.mentions {
            bump3(per.entry(e).or_default(), &o.outlet, n, 0);
        }
        for &(e, n) in &o.quoted {
            bump3(per.entry(e).or_default(), &o.outlet, 0, n);
        }
    }
    let quotes_of = |e: usize| per.get(&e).map_or(0, |v| v.iter().map(|x| x.2).sum::<usize>());
    list.sort_by(|&x, &y| {
        (ents[y].mention_count + quotes_of(y)).cmp(&(ents[x].mention_count + quotes_of(x))).then(ents[x].name.cmp(&ents[y].name))
    });
    list.retain(|&e| ents[e].mention_count > 0 || quotes_of(e) > 0);
    heading(cx, out, "people", "People and organisations", Some(list.len()));
    if list.is_empty() {
        return empty(out, "No people or organisations found.");
    }
    const SHOWN: usize = 25;
    let row = |e: usize, out: &mut String| {
        let ent = &ents[e];
        let aliases: Vec<&str> = ent.aliases.iter().filter(|a| **a != ent.name).map(String::as_str).collect();
        let mut per_outlet = per.get(&e).cloned().unwrap_or_default();
        per_outlet.sort_by_key(|x| std::cmp::Reverse(x.1 + x.2));
        let cells: Vec<String> = per_outlet
            .iter()
            .map(|(o, m, q)| {
                let q = if *q > 0 { format!(" / <b>{q}</b>") } else { String::new() };
                format!("<span class=\"po\">{} <b>{m}</b>{q}</span>", esc(o))
            })
            .collect();
        let _ = writeln!(
            out,
            "<tr><td><b>{}</b> <span class=\"tag\">{}</span>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"counts\">{}</td></tr>",
            match cx.person_href {
                Some(href) => format!("<a href=\"{}\">{}</a>", esc(&href(&ent.name)), esc(&ent.name)),
                None => esc(&ent.name),
            },
            ent.kind.as_str().to_lowercase(),
            if aliases.is_empty() { String::new() } else { format!("<div class=\"small muted\">also {}</div>", esc(&aliases.join(", "))) },
            esc(&ent.descriptors.join("; ")),
            ent.mention_count,
            quotes_of(e),
            cells.join(" "),
        );
    };
    let head = "<table><thead><tr><th>Name</th><th>Roles</th><th class=\"num\">Mentions</th><th class=\"num\">Quotes</th><th>Per outlet: mentions / quotes</th></tr></thead><tbody>\n";
    out.push_str(head);
    for &e in list.iter().take(SHOWN) {
        row(e, out);
    }
    out.push_str("</tbody></table>\n");
    if list.len() > SHOWN {
        let _ = write!(out, "<details><summary>{} more</summary>{head}", list.len() - SHOWN);
        for &e in &list[SHOWN..] {
            row(e, out);
        }
        out.push_str("</tbody></table></details>\n");
    }
}

fn bump3<'a>(v: &mut Vec<(&'a str, usize, usize)>, outlet: &'a str, m: usize, q: usize) {
    match v.iter_mut().find(|x| x.0 == outlet) {
        Some(x) => {
            x.1 += m;
            x.2 += q;
        }
        None => v.push((outlet, m, q)),
    }
}

fn coverage_section(cx: &Ctx, out: &mut String) {
    let cov = &cx.story.reconciled.coverage;
    heading(cx, out, "coverage", "Coverage by outlet", Some(cov.outlets.len()));
    if cov.outlets.is_empty() {
        return empty(out, "No coverage computed.");
    }
    let names = |pairs: &[(usize, usize)]| -> String {
        let shown: Vec<String> =
            pairs.iter().take(4).filter_map(|&(e, n)| Some(format!("{} <b>{n}</b>", esc(cx.entity_name(Some(e))?)))).collect();
        if shown.is_empty() { "<span class=\"muted\">—</span>".to_owned() } else { shown.join(" · ") }
    };
    out.push_str("<table><thead><tr><th>Outlet</th><th class=\"num\">Articles</th><th>Only this outlet reports</th><th>Quotes most</th><th>Mentions most</th></tr></thead><tbody>\n");
    for o in &cov.outlets {
        let copies = o.docs.iter().filter(|&&d| cx.story.reconciled.copies.original_of(d).is_some()).count();
        let copy_tag = if copies > 0 { format!(" <span class=\"tag copy\">{copies} {}</span>", plural(copies, "copy", "copies")) } else { String::new() };
        let _ = write!(out, "<tr><td><b>{}</b>{copy_tag}</td><td class=\"num\">{}</td><td>", esc(&o.outlet), o.docs.len());
        let direct: Vec<_> = o.exclusive_quotes.iter().filter(|&&(d, q)| cx.quote_span(d, q).is_some_and(|q| q.kind != QuoteKind::Indirect)).collect();
        if o.exclusive_quotes.is_empty() && o.exclusive_events.is_empty() {
            out.push_str("<span class=\"muted\">nothing exclusive</span>");
        }
        if !o.exclusive_quotes.is_empty() {
            let _ = write!(
                out,
                "<details><summary>{} {} ({} direct or partial)</summary><ul class=\"ev\">",
                o.exclusive_quotes.len(),
                plural(o.exclusive_quotes.len(), "quote", "quotes"),
                direct.len()
            );
            for &(d, q) in &o.exclusive_quotes {
                let Some(quote) = cx.quote_span(d, q) else { continue };
                let text = cx.doc(d).and_then(|doc| doc.body.get(quote.text.clone())).unwrap_or("");
                let who = cx.entity_name(cx.story.entities.local_to_story.get(d).and_then(|m| quote.entity.and_then(|l| m.get(l).copied())));
                let _ = write!(
                    out,
                    "<li>{}{} “{}”</li>",
                    cx.quote_link(d, q),
                    who.map(|w| format!(" <span class=\"small\">{}</span>", esc(w))).unwrap_or_default(),
                    esc(&shorten(text, 160))
                );
            }
            out.push_str("</ul></details>");
        }
        if !o.exclusive_events.is_empty() {
            let _ = write!(
                out,
                "<details><summary>{} {}</summary><ul class=\"ev\">",
                o.exclusive_events.len(),
                plural(o.exclusive_events.len(), "event", "events")
            );
            for &i in &o.exclusive_events {
                if let Some(e) = cx.story.reconciled.events.get(i) {
                    let when = e.date.as_deref().map(|d| format!("{}: ", human_date(d, e.precision))).unwrap_or_default();
                    let _ = write!(out, "<li>{}{}</li>", esc(&when), esc(&e.what));
                }
            }
            out.push_str("</ul></details>");
        }
        let _ = writeln!(out, "</td><td class=\"counts\">{}</td><td class=\"counts\">{}</td></tr>", names(&o.quoted), names(&o.mentions));
    }
    out.push_str("</tbody></table>\n");
}

fn speakers_section(cx: &Ctx, out: &mut String) {
    // (speaker story entity, its quotes as (document position, quote index)).
    type BySpeaker = Vec<(Option<usize>, Vec<(usize, usize)>)>;
    let mut by_speaker: BySpeaker = Vec::new();
    for (pos, &d) in cx.story.docs.iter().enumerate() {
        let Some(an) = cx.a.per_doc.get(d) else { continue };
        for (qi, q) in an.quotes.iter().enumerate() {
            let speaker = q.entity.and_then(|l| cx.story.entities.local_to_story.get(pos)?.get(l).copied());
            match by_speaker.iter_mut().find(|(s, _)| *s == speaker) {
                Some((_, list)) => list.push((pos, qi)),
                None => by_speaker.push((speaker, vec![(pos, qi)])),
            }
        }
    }
    by_speaker.sort_by_key(|(s, list)| (s.is_none(), std::cmp::Reverse(list.len())));
    let total: usize = by_speaker.iter().map(|s| s.1.len()).sum();
    heading(cx, out, "speakers", "Quotes by speaker", Some(total));
    if by_speaker.is_empty() {
        return empty(out, "No quotes found.");
    }
    let most = by_speaker.iter().map(|s| s.1.len()).max().unwrap_or(1).max(1);
    for (speaker, list) in &by_speaker {
        let name = cx.entity_name(*speaker).unwrap_or("Unattributed");
        // Bar widths come from a fixed set of classes: no inline styles under a strict CSP.
        let width = (10 * list.len()).div_ceil(most).clamp(1, 10);
        let _ = write!(
            out,
            "<details class=\"group\"><summary><span class=\"bar w{width}\"></span><b>{}</b> <span class=\"muted small\">· {} {}</span></summary><ul class=\"plain quotes\">",
            esc(name),
            list.len(),
            plural(list.len(), "quote", "quotes")
        );
        for &(pos, qi) in list {
            let Some(q) = cx.quote_span(pos, qi) else { continue };
            let text = cx.doc(pos).and_then(|d| d.body.get(q.text.clone())).unwrap_or("");
            let shown = match q.kind {
                QuoteKind::Indirect => esc(text),
                _ => format!("“{}”", esc(text)),
            };
            let _ = write!(out, "<li>{}<span class=\"kind\">{}</span><br>{shown}</li>", cx.quote_link(pos, qi), q.kind.as_str());
        }
        out.push_str("</ul></details>\n");
    }
}

fn texts_section(cx: &Ctx, out: &mut String) {
    heading(cx, out, "texts", "Article texts", Some(cx.story.docs.len()));
    out.push_str("<p class=\"legend\"><mark>Highlighted</mark>: cited by the summary, the timeline or a disagreement. <span class=\"q\">Underlined</span>: a quote.</p>\n");
    for pos in 0..cx.story.docs.len() {
        let Some(doc) = cx.doc(pos) else { continue };
        let title = doc.headline();
        let title = title.as_str();
        let when = doc.published.map_or_else(|| "undated".to_owned(), |p| p.to_string());
        let _ = writeln!(
            out,
            "<details class=\"text\" open id=\"s{}-a{}\"><summary>{} <span class=\"muted small\">· {} · {when}</span></summary>",
            cx.k + 1,
            pos + 1,
            esc(title),
            esc(cx.outlet(pos)),
        );
        cx.passages.render_body(pos, doc, out);
        out.push_str("</details>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_that_could_become_markup() {
        assert_eq!(esc("<a href='x'>\"&\"</a>"), "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;");
        assert_eq!(esc("a\u{0}b\nc"), "a\u{FFFD}b\nc");
    }

    #[test]
    fn only_http_urls_become_links() {
        assert_eq!(safe_url("https://example.org/a b").as_deref(), None, "whitespace inside is refused");
        assert_eq!(safe_url("https://example.org/a?b=1&c=\"2\"").as_deref(), Some("https://example.org/a?b=1&amp;c=&quot;2&quot;"));
        assert_eq!(safe_url("HTTP://example.org").as_deref(), Some("HTTP://example.org"));
        for bad in ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "//example.org", "/a", "https://", "é"] {
            assert_eq!(safe_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_read_naturally() {
        assert_eq!(human_date("2025-05-07", DatePrecision::Day), "7 May 2025");
        assert_eq!(human_date("2025-05-01", DatePrecision::Month), "May 2025");
        assert_eq!(human_date("2025-01-01", DatePrecision::Year), "2025");
        assert_eq!(human_date("junk", DatePrecision::Day), "junk");
        assert_eq!(human_date("2025-13-01", DatePrecision::Day), "2025-13-01");
    }
}
