//! Word-level differences between two wordings of one quote.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffOp {
    Same(String),
    /// Words only the other wording has.
    Added(String),
    /// Words only the reference wording has.
    Removed(String),
}
