//! Where reports or people disagree: numbers, dates, claims and denials, wordings.

use crate::{Discrepancy, Event, QuoteGroup, StoryView};

pub fn find_discrepancies(_view: &StoryView, _groups: &[QuoteGroup], _events: &[Event]) -> Vec<Discrepancy> {
    Vec::new()
}
