//! The cited summary: a few sentences, each citing every article that supports it.

use crate::copies::Copies;
use crate::{Discrepancy, Event, QuoteGroup, StoryView, SummarySentence};

pub fn summarize(_view: &StoryView, _copies: &Copies, _groups: &[QuoteGroup], _events: &[Event], _discrepancies: &[Discrepancy]) -> Vec<SummarySentence> {
    Vec::new()
}
