//! Per-outlet coverage: what only one outlet reports, whom it quotes and how often.

use crate::copies::Copies;
use crate::{Event, QuoteGroup, QuoteRef, StoryView};

#[derive(Debug, Clone, Default)]
pub struct Coverage {
    pub outlets: Vec<OutletCoverage>,
}

#[derive(Debug, Clone, Default)]
pub struct OutletCoverage {
    /// The outlet's name, or the document id when the outlet is unknown.
    pub outlet: String,
    pub docs: Vec<usize>,
    /// Quotes no other (independent) outlet reports.
    pub exclusive_quotes: Vec<QuoteRef>,
    /// Indices into the story's events that only this outlet reports.
    pub exclusive_events: Vec<usize>,
    /// (story entity, number of quotes) for everyone this outlet quotes, most quoted first.
    pub quoted: Vec<(usize, usize)>,
    /// (story entity, mentions) in this outlet's articles, most mentioned first.
    pub mentions: Vec<(usize, usize)>,
}

pub fn coverage(_view: &StoryView, _copies: &Copies, _groups: &[QuoteGroup], _events: &[Event]) -> Coverage {
    Coverage::default()
}
