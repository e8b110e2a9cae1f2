//! The line rules. Each recognises one kind of page furniture by its general shape, never by
//! the wording of a particular outlet.

use std::sync::LazyLock;

use parallax_core::ParagraphRole;
use regex::Regex;

use crate::Removal;

/// What a rule says about one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Keep(ParagraphRole),
    /// Keep the line from this byte offset on (a dateline was cut off its front).
    KeepFrom(usize),
    Remove(Removal),
    /// A "READ MORE:" header: drop it and the bullet lines that follow.
    StartLinkList,
}

/// One kind of boilerplate. `None` means "not mine, ask the next rule".
pub trait LineRule: Send + Sync {
    fn judge(&self, line: &str) -> Option<Verdict>;
}

pub fn default_rules() -> Vec<Box<dyn LineRule>> {
    vec![
        Box::new(PlayerLabel),
        Box::new(RelatedLinks),
        Box::new(Advertisement),
        Box::new(SharePrompt),
        Box::new(Byline),
        Box::new(Caption),
        Box::new(Dateline),
        Box::new(Heading),
    ]
}

fn words(line: &str) -> usize {
    line.split_whitespace().count()
}

pub(crate) fn is_bullet(line: &str) -> bool {
    line.starts_with(['*', '•', '·', '▪', '►', '-', '–', '»'])
}

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static pattern")
}

/// "Listen", "Watch", "Play video", "Listen to this article (4:12)".
struct PlayerLabel;
static PLAYER: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)^(listen|watch|play|audio|video)(\s+(now|live|again|video|audio|the video|to (this|the) (article|story|report|interview|episode|podcast)))?\s*(\(?\d{1,2}:\d{2}(:\d{2})?\)?)?\s*:?$")
});
impl LineRule for PlayerLabel {
    fn judge(&self, line: &str) -> Option<Verdict> {
        PLAYER.is_match(line).then_some(Verdict::Remove(Removal::PlayerLabel))
    }
}

/// "READ MORE:" and its link bullets; a one-line "Read more: headline" too.
struct RelatedLinks;
static RELATED: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^(?i:read more|related( stories| articles| content| coverage| links)?|more on this( story)?|see also|also read|recommended( reading)?|you may also like|further reading)\s*:?\s*(.*)$")
});
impl LineRule for RelatedLinks {
    fn judge(&self, line: &str) -> Option<Verdict> {
        let caps = RELATED.captures(line)?;
        let rest = caps.get(caps.len() - 1).map_or("", |m| m.as_str());
        let header_like = line.chars().take(9).filter(|c| c.is_uppercase()).count() >= 4 || line.contains(':');
        match (rest.is_empty(), header_like) {
            (true, _) => Some(Verdict::StartLinkList),
            (false, true) => Some(Verdict::Remove(Removal::RelatedLinks)),
            (false, false) => None,
        }
    }
}

struct Advertisement;
static ADVERT: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)^(advertisement|advertising|sponsored( content)?|skip advertisement|story continues below( advertisement)?|continue reading( below| the main story)?|article continues below)\.?$")
});
impl LineRule for Advertisement {
    fn judge(&self, line: &str) -> Option<Verdict> {
        ADVERT.is_match(line).then_some(Verdict::Remove(Removal::Advertisement))
    }
}

/// Short calls to action: subscribe, sign up, share, follow, download the app.
struct SharePrompt;
static PROMPT: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)\b(sign up (for|to)|subscribe (to|now|for|today)|our (daily |weekly |morning |evening )?newsletters?\b|follow us on|share (this|on) |click here|download (our|the) app|get the latest (news|headlines|updates)|support (our|independent) journalism)")
});
impl LineRule for SharePrompt {
    fn judge(&self, line: &str) -> Option<Verdict> {
        let quoted = line.contains(['"', '“', '”']);
        (!quoted && words(line) <= 30 && PROMPT.is_match(line)).then_some(Verdict::Remove(Removal::SharePrompt))
    }
}

/// "By Jane Doe", "By Jane Doe and Tom Reyes, Political Reporters", "Reporting by ...".
struct Byline;
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^(?:(?i:by|written by|words by)\s+\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|and|&|de|van|von|da|,))*(?:\s*[,|]\s*[\p{L} ]+)?|(?i:reporting by|additional reporting by|editing by)\b.*)$")
});
impl LineRule for Byline {
    fn judge(&self, line: &str) -> Option<Verdict> {
        (words(line) <= 12 && !line.ends_with(['.', '!', '?']) && BYLINE.is_match(line) || line.starts_with("Reporting by") || line.starts_with("Editing by"))
            .then_some(Verdict::Remove(Removal::Byline))
    }
}

/// Photo captions that open or close with a credit ("JANE DOE/Outlet ...", "Outlet / Jane
/// Doe ...", "Photo: ...", "... Photograph: Jane Doe/Outlet").
struct Caption;
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^(?:\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}\s?/\s?\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2}\b|(?i:photo|image|picture|photograph|credit|pictured)\s*(?:credit)?\s*:|\((?i:photo|image|file photo|supplied)\b|.*\b(?i:photograph|photo|picture|image)\s*:\s*\p{Lu}[\p{L}.'’ -]*(?:/[\p{L}.'’ -]+)?\.?$)")
});
impl LineRule for Caption {
    fn judge(&self, line: &str) -> Option<Verdict> {
        // Every form of credit has a slash, a colon or a bracket: without one the line is no
        // caption, and the pattern (its word boundaries take the slow engine on text that is
        // not ASCII) need not run. It was a twentieth of ingest's time.
        if !line.contains(['/', ':', '(']) {
            return None;
        }
        CREDIT.is_match(line).then_some(Verdict::Remove(Removal::Caption))
    }
}

/// "PORTVILLE, March 3 (Wire) - ..." or "WASHINGTON — ...": the dateline is cut off.
struct Dateline;
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^\p{Lu}[\p{Lu} .'’-]{2,40}(?:,\s*\p{Lu}[\p{L}.]+(?:\s+\d{1,2})?(?:,\s*\d{4})?)?\s*(?:\([\p{L}\p{N} .&'-]{1,30}\))?\s*[-–—]+(?:\s+|$)")
});
impl LineRule for Dateline {
    fn judge(&self, line: &str) -> Option<Verdict> {
        let m = DATELINE.find(line)?;
        // The capitalised stretch must be a place, not the first words of a shouted sentence.
        let head = &line[..m.end()];
        let upper_words = head.split_whitespace().take_while(|w| w.chars().all(|c| !c.is_lowercase())).count();
        if upper_words == 0 {
            return None;
        }
        Some(if m.end() < line.len() { Verdict::KeepFrom(m.end()) } else { Verdict::Remove(Removal::Dateline) })
    }
}

/// Short lines without sentence punctuation are section headings.
struct Heading;
impl LineRule for Heading {
    fn judge(&self, line: &str) -> Option<Verdict> {
        let short = words(line) <= 8;
        let open = !line.ends_with(['.', '"', '”', '’', '\'', ':', ';', ',']);
        let starts_upper = line.chars().next().is_some_and(char::is_uppercase);
        let has_quote = line.contains(['"', '“', '”']);
        (short && open && starts_upper && !has_quote).then_some(Verdict::Keep(ParagraphRole::Heading))
    }
}
