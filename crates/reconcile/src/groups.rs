//! Quote groups: the same utterance reported in several articles (or twice in one).

use crate::{QuoteGroup, StoryView};

pub fn group_quotes(_view: &StoryView) -> Vec<QuoteGroup> {
    Vec::new()
}
