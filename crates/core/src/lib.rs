//! The carrier types every Parallax stage reads and writes.
//!
//! A [`Document`] owns its cleaned `body`; everything a stage finds is a [`Span`] (byte range)
//! into that body, so every text the engine reports is an exact substring of the body by
//! construction. Stages never copy text out until the output edge.

mod document;
mod analysis;
pub mod calendar;
pub mod hash;
pub mod words;

pub use analysis::{
    DocAnalysis, Entity, EntityType, Mention, MentionKind, Quote, QuoteKind, SpeakerSource,
    TimeExpression, TimexType,
};
pub use words::{Word, Words};
pub use document::{days_in_month, CalendarDate, Document, ParagraphRole, Span};
