//! The story's timeline: one event per real-world occurrence, dated and ordered.

use crate::{Event, StoryView};

pub fn build_timeline(_view: &StoryView) -> Vec<Event> {
    Vec::new()
}
