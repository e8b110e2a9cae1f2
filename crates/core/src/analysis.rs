use crate::Span;

/// What the extract stages find in one document. Spans point into that document's body.
#[derive(Debug, Clone, Default)]
pub struct DocAnalysis {
    /// Sentence spans of the body, in order (filled by the segment stage).
    pub sentences: Vec<Span>,
    /// Every word of the body with its keys (filled by the segment stage).
    pub words: crate::Words,
    pub entities: Vec<Entity>,
    /// Entities named in the document's headline and photo captions (no mentions: neither is
    /// body text).
    pub caption_entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub times: Vec<TimeExpression>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityType {
    Person,
    Org,
    Place,
    Group,
    Event,
    Other,
}

impl EntityType {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Place => "PLACE",
            EntityType::Group => "GROUP",
            EntityType::Event => "EVENT",
            EntityType::Other => "OTHER",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// A proper name or part of one ("Dr Tomas Okafor", "Okafor").
    Name,
    /// A role or description ("the Prime Minister", "the rogue MP").
    Descriptor,
    /// A pronoun ("he", "they").
    Pronoun,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    pub kind: MentionKind,
}

/// One referent within a document (or, after reconciliation, within a story).
#[derive(Debug, Clone)]
pub struct Entity {
    /// Canonical full name; for unnamed entities a description ("spokesperson for the mayor").
    pub name: String,
    pub kind: EntityType,
    /// Names the text uses, as written (may be empty for unnamed entities).
    pub aliases: Vec<String>,
    /// Roles and titles the text gives ("Prime Minister", "the rebel MP").
    pub descriptors: Vec<String>,
    pub mentions: Vec<Mention>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    Direct,
    Partial,
    Indirect,
}

impl QuoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// Where a quote's speaker comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerSource {
    /// The quote's own paragraph has a cue ("he said") naming the speaker.
    Cue,
    /// No cue of its own: the speaker is carried over from the quote with this index
    /// (a continuation paragraph, or a stand-alone quote after an attributed one).
    Context(usize),
    Unattributed,
}

#[derive(Debug, Clone)]
pub struct Quote {
    /// The quoted words, without quotation marks.
    pub text: Span,
    pub kind: QuoteKind,
    /// The speech verb or phrase ("said", "according to", ":").
    pub cue: Option<Span>,
    /// The words naming the speaker at the cue ("he", "a spokesperson for the PM").
    pub speaker: Option<Span>,
    pub speaker_source: SpeakerSource,
    /// Index into [`DocAnalysis::entities`] once attribution has run.
    pub entity: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

#[derive(Debug, Clone)]
pub struct TimeExpression {
    pub span: Span,
    pub kind: TimexType,
    /// TIMEX3-style value: `2022-08-16`, `2022-08`, `P13D`, `PAST_REF`, `XXXX-08-11`.
    pub value: String,
}
