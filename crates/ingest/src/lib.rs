//! Ingest: turn what the user points Parallax at into [`RawArticle`]s.
//!
//! Every problem with one input becomes an [`InputError`] naming the file (and line or record);
//! the other inputs are still read. Nothing here panics on bad bytes.

mod crawl;
mod decode;
mod feed;
pub mod fuzz;
mod gz;
mod html;
mod http;
mod jsonl;
mod newsplease;
mod sniff;
mod source;
mod warc;

pub use decode::decode_text;
pub use source::{read_bytes, read_inputs, Inputs};

use std::fmt;
use std::path::PathBuf;

/// An article as read, before cleaning.
#[derive(Debug, Clone, Default)]
pub struct RawArticle {
    pub id: String,
    /// Plain text, one paragraph per line.
    pub text: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub outlet: Option<String>,
    /// Authors as the source names them, several joined by "; ".
    pub author: Option<String>,
    pub url: Option<String>,
    pub origin: Origin,
}

/// Where a record came from, for error messages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    pub file: PathBuf,
    /// 1-based line of a JSONL record.
    pub line: Option<usize>,
    /// Which record of a multi-record file (WARC, feed, JSON), when there is no line to name:
    /// "record 3 at byte 20480", "item 2", "$.maintext".
    pub record: Option<String>,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(record) = &self.record {
            write!(f, " ({record})")?;
        }
        Ok(())
    }
}

/// One input that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub origin: Origin,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}

impl std::error::Error for InputError {}

impl InputError {
    pub fn new(file: impl Into<PathBuf>, line: Option<usize>, message: impl Into<String>) -> Self {
        InputError { origin: Origin { file: file.into(), line, record: None }, message: message.into() }
    }

    /// An error about one record of a multi-record file, `record` saying which.
    pub fn in_record(file: impl Into<PathBuf>, record: impl Into<String>, message: impl Into<String>) -> Self {
        InputError { origin: Origin { file: file.into(), line: None, record: Some(record.into()) }, message: message.into() }
    }
}

/// Largest single record (a text file, or one JSONL line) accepted, in bytes.
pub const MAX_RECORD_BYTES: usize = 16 * 1024 * 1024;

/// Largest feed file accepted: a feed is parsed whole, and holds many articles.
pub const MAX_FEED_BYTES: usize = 64 * 1024 * 1024;
