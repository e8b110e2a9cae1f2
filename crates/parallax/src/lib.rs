//! Parallax: reads many news reports of the same events and reconciles them into one account.
//!
//! The pipeline runs ingest → clean → extract (entities, quotes, attribution, time
//! expressions) → stories → story entities, and the result can be written as the `parallax/1`
//! contract JSON or as a report for people (terminal text or Markdown).
//!
//! ```no_run
//! let inputs = parallax::ingest::read_inputs(&["articles.jsonl".into()]);
//! let analysis = parallax::Engine::default().analyze(inputs.articles);
//! let json = parallax::contract::to_json(&analysis);
//! ```

pub mod collection;
pub mod contract;
mod pipeline;
pub mod report;

pub use parallax_clean as clean;
pub use parallax_core as core;
pub use parallax_ingest as ingest;
pub use pipeline::{Analysis, Clustering, DocStage, Engine, Reading, Story, StageCounts};
pub use parallax_stories as stories;
pub use parallax_store as store;
pub use collection::{Collection, CollectionError};
