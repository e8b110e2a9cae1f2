//! Clean: from raw article text (one paragraph per line) to a [`Document`] whose body holds only
//! the article's own text.
//!
//! Captions and credit lines leave the body but are kept beside it for the names they hold.
//! Each line goes through a list of [`LineRule`]s; the first that has a verdict wins. Kept
//! paragraphs are copied verbatim (a dateline prefix may be cut off the front), so every span
//! of the body is also a substring of the input line it came from.

mod rules;

use parallax_core::{Document, ParagraphRole};
pub use rules::{default_rules, LineRule, Verdict};

/// Why a line left the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removal {
    PlayerLabel,
    RelatedLinks,
    Advertisement,
    SharePrompt,
    Byline,
    /// A photo caption or credit line; its text is kept in [`Document::captions`].
    Caption,
    /// A dateline standing on its own line ("PORTVILLE, March 3 (Wire) -").
    Dateline,
}

/// A line that was dropped (1-based line number in the input text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemovedLine {
    pub line: usize,
    pub why: Removal,
}

/// The cleaning stage: rules applied line by line, with the state a READ MORE block needs.
pub struct Cleaner {
    rules: Vec<Box<dyn LineRule>>,
}

impl Default for Cleaner {
    fn default() -> Self {
        Cleaner { rules: default_rules() }
    }
}

/// What one cleaning pass produced.
#[derive(Debug, Clone)]
pub struct Cleaned {
    pub document: Document,
    pub removed: Vec<RemovedLine>,
}

impl Cleaner {
    pub fn new(rules: Vec<Box<dyn LineRule>>) -> Self {
        Cleaner { rules }
    }

    pub fn clean(&self, id: &str, text: &str) -> Cleaned {
        let mut kept: Vec<(&str, ParagraphRole)> = Vec::new();
        let mut removed = Vec::new();
        let mut captions = Vec::new();
        let mut in_link_list = false;
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            let trimmed = line.trim();
            if trimmed.is_empty() {
                continue;
            }
            if in_link_list {
                if rules::is_bullet(trimmed) {
                    removed.push(RemovedLine { line: n + 1, why: Removal::RelatedLinks });
                    continue;
                }
                in_link_list = false;
            }
            let verdict = self.rules.iter().find_map(|r| r.judge(trimmed)).unwrap_or(Verdict::Keep(ParagraphRole::Text));
            match verdict {
                Verdict::Keep(role) => kept.push((trimmed, role)),
                Verdict::KeepFrom(offset) => {
                    let rest = trimmed[offset..].trim_start();
                    if !rest.is_empty() {
                        kept.push((rest, ParagraphRole::Text));
                    }
                }
                Verdict::Remove(why) => {
                    if why == Removal::Caption {
                        captions.push(trimmed.to_owned());
                    }
                    removed.push(RemovedLine { line: n + 1, why });
                }
                Verdict::StartLinkList => {
                    in_link_list = true;
                    removed.push(RemovedLine { line: n + 1, why: Removal::RelatedLinks });
                }
            }
        }
        let mut document = Document::from_paragraphs(id, kept.iter().map(|(p, _)| *p));
        document.roles = kept.iter().map(|(_, r)| *r).collect();
        document.captions = captions;
        Cleaned { document, removed }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_boilerplate_keeps_captions_marked() {
        let raw = "Listen\n\
            Harbour workers walked off the job on Monday.\n\
            PORTVILLE, March 3 (Coastwire) - The strike entered its second day.\n\
            HARBOURTON, March 3 (Coastwire) -\n\
            READ MORE:\n\
            * Port talks collapse\n\
            \n\
            * Union votes to strike\n\
            Advertisement\n\
            JANE DOE/The Harbour Times Workers gather at the gate.\n\
            Sign up to our morning newsletter for the latest news.\n\
            By Tom Reyes\n\
            What happens next\n\
            \"We will stay out,\" she said.";
        let c = Cleaner::default().clean("a", raw);
        let paragraphs: Vec<_> = c.document.paragraphs.iter().map(|p| c.document.text(p)).collect();
        assert_eq!(
            paragraphs,
            [
                "Harbour workers walked off the job on Monday.",
                "The strike entered its second day.",
                "What happens next",
                "\"We will stay out,\" she said.",
            ]
        );
        use ParagraphRole::*;
        assert_eq!(c.document.roles, [Text, Text, Heading, Text]);
        assert_eq!(c.document.captions, ["JANE DOE/The Harbour Times Workers gather at the gate."]);
        let why: Vec<_> = c.removed.iter().map(|r| (r.line, r.why)).collect();
        use Removal::*;
        assert_eq!(
            why,
            [(1, PlayerLabel), (4, Dateline), (5, RelatedLinks), (6, RelatedLinks), (8, RelatedLinks), (9, Advertisement), (10, Caption), (11, SharePrompt), (12, Byline)]
        );
    }

    #[test]
    fn every_paragraph_is_a_substring_of_the_input() {
        let raw = "PORTVILLE (Wire) — Ministers met.\n\u{a0}\nA\u{2028}B\n\"Quoted\"\n   spaced   ";
        let c = Cleaner::default().clean("a", raw);
        for p in &c.document.paragraphs {
            assert!(raw.contains(c.document.text(p)));
        }
    }
}
