//! The engine: per-document stages run in parallel, then the cross-document steps.

use parallax_clean::Cleaner;
use parallax_core::{CalendarDate, DocAnalysis, Document, ParagraphRole, TimeExpression};
use parallax_entities::StoryEntities;
use parallax_reconcile::{reconcile_prepared, Prepared, Reconciled, StoryView};
use parallax_ingest::RawArticle;
use parallax_stories::{cluster_counted, cluster_streaming, FeatureWeights, StoryConfig, TermCounts};
use rayon::prelude::*;

/// One per-document extraction step. Stages run in order over a shared [`DocAnalysis`].
pub trait DocStage: Send + Sync {
    fn name(&self) -> &'static str;
    fn run(&self, doc: &Document, analysis: &mut DocAnalysis);
}

/// Sentences and words, shared by every later step that reads sentence by sentence or
/// compares words.
struct SegmentStage;
impl DocStage for SegmentStage {
    fn name(&self) -> &'static str {
        "segment"
    }
    fn run(&self, doc: &Document, analysis: &mut DocAnalysis) {
        analysis.sentences = parallax_segment::document_sentences(doc);
        analysis.words = parallax_core::words::tokenize(&doc.body, &analysis.sentences);
    }
}

struct EntityStage;
impl DocStage for EntityStage {
    fn name(&self) -> &'static str {
        "entities"
    }
    fn run(&self, doc: &Document, analysis: &mut DocAnalysis) {
        analysis.entities = parallax_entities::find_entities(doc);
        // A headline and photo captions name people in full where the text may use only a
        // surname: their names join the story's entities, with no mentions of their own.
        if doc.title.is_some() || !doc.captions.is_empty() {
            let furniture = doc.title.iter().chain(&doc.captions).map(String::as_str);
            let furniture = Document::from_paragraphs(doc.id.clone(), furniture);
            analysis.caption_entities = parallax_entities::find_entities(&furniture)
                .into_iter()
                .map(|e| parallax_core::Entity { mentions: Vec::new(), ..e })
                .collect();
        }
    }
}

/// Quotes come only from running text: headings are not speech.
struct QuoteStage;
impl DocStage for QuoteStage {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn run(&self, doc: &Document, analysis: &mut DocAnalysis) {
        let quotes = parallax_quotes::find_quotes(doc);
        let in_text = |q: &parallax_core::Quote| {
            doc.paragraph_of(q.text.start).is_none_or(|p| doc.role(p) == ParagraphRole::Text)
        };
        if quotes.iter().all(in_text) {
            analysis.quotes = quotes;
            return;
        }
        // Dropping quotes shifts indices: remap Context(i) references, dropping dangling ones.
        let mut new_index = vec![None; quotes.len()];
        let mut kept = Vec::new();
        for (i, q) in quotes.into_iter().enumerate() {
            if in_text(&q) {
                new_index[i] = Some(kept.len());
                kept.push(q);
            }
        }
        for q in &mut kept {
            if let parallax_core::SpeakerSource::Context(i) = q.speaker_source {
                q.speaker_source = match new_index.get(i).copied().flatten() {
                    Some(j) => parallax_core::SpeakerSource::Context(j),
                    None => parallax_core::SpeakerSource::Unattributed,
                };
            }
        }
        analysis.quotes = kept;
    }
}

struct AttributionStage;
impl DocStage for AttributionStage {
    fn name(&self) -> &'static str {
        "attribution"
    }
    fn run(&self, doc: &Document, analysis: &mut DocAnalysis) {
        parallax_entities::attribute_quotes(doc, &mut analysis.entities, &mut analysis.quotes);
    }
}

/// Time expressions over the whole body, resolved against the publication date. One call per
/// document keeps context across paragraphs (a fiscal quarter named early decides what "a year
/// ago" means later).
struct TimexStage;
impl DocStage for TimexStage {
    fn name(&self) -> &'static str {
        "timex"
    }
    fn run(&self, doc: &Document, analysis: &mut DocAnalysis) {
        for t in parallax_timex::find_time_expressions(&doc.body, doc.published) {
            analysis.times.push(TimeExpression { span: t.start..t.end, kind: t.kind, value: t.value });
        }
    }
}

/// One story: its documents (indices into [`Analysis::docs`]), its merged entities and its
/// reconciled account (document positions in it index `docs`).
#[derive(Debug)]
pub struct Story {
    pub docs: Vec<usize>,
    pub entities: StoryEntities,
    pub reconciled: Reconciled,
}

/// How many items each stage produced, for the run summary.
#[derive(Debug, Default, Clone)]
pub struct StageCounts {
    pub docs: usize,
    pub words: usize,
    pub removed_lines: usize,
    pub entities: usize,
    pub quotes: usize,
    pub times: usize,
    /// Wall time of each phase of `analyze`, in order.
    pub phases: Vec<(&'static str, std::time::Duration)>,
}

/// Everything the engine read and found.
#[derive(Debug)]
pub struct Analysis {
    pub docs: Vec<Document>,
    pub per_doc: Vec<DocAnalysis>,
    pub stories: Vec<Story>,
    /// For each document, its story's index in `stories`.
    pub story_of: Vec<usize>,
    pub counts: StageCounts,
}

/// Everything read off one article (see [`Engine::read_article`]).
pub struct Reading {
    pub analysis: DocAnalysis,
    pub prepared: Prepared,
    /// What story clustering compares: its words, title, names and numbers.
    pub features: TermCounts,
    /// The name keys of its entities and of its captions' entities, for merging its story's
    /// entities (empty when read for storing: made again when needed).
    pub names: [parallax_entities::NameKeys; 2],
}

/// How `analyze` groups articles into stories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Clustering {
    /// The whole collection at once, with second looks (the best grouping).
    #[default]
    Batch,
    /// One article at a time in (published, input) order, as `ingest` does, with no second
    /// look: to measure what streaming gives.
    Streaming,
    /// The articles are one story already (a stored story read again): no clustering.
    Given,
}

/// The reading pipeline with its stages.
pub struct Engine {
    cleaner: Cleaner,
    stages: Vec<Box<dyn DocStage>>,
    stories: StoryConfig,
    features: FeatureWeights,
    clustering: Clustering,
}

impl Default for Engine {
    fn default() -> Self {
        Engine {
            cleaner: Cleaner::default(),
            stages: vec![Box::new(SegmentStage), Box::new(EntityStage), Box::new(QuoteStage), Box::new(AttributionStage), Box::new(TimexStage)],
            stories: StoryConfig::default(),
            features: FeatureWeights::default(),
            clustering: Clustering::default(),
        }
    }
}

impl Engine {
    /// The same engine grouping stories the given way.
    pub fn with_clustering(mut self, clustering: Clustering) -> Self {
        self.clustering = clustering;
        self
    }

    /// The same engine with other story clustering settings.
    pub fn with_story_config(mut self, stories: StoryConfig, features: FeatureWeights) -> Self {
        self.stories = stories;
        self.features = features;
        self
    }

    /// The settings of the streaming clusterer (`ingest`).
    pub fn stream_config(&self) -> parallax_stories::StreamConfig {
        self.stories.stream
    }

    /// Cleans one raw article into a document.
    pub fn clean(&self, raw: &RawArticle) -> (Document, usize) {
        let cleaned = self.cleaner.clean(&raw.id, &raw.text);
        let mut doc = cleaned.document;
        doc.title = raw.title.clone();
        doc.outlet = raw.outlet.clone();
        doc.url = raw.url.clone();
        doc.published = raw.published.as_deref().and_then(CalendarDate::parse);
        (doc, cleaned.removed.len())
    }

    /// Runs the per-document stages on one document.
    pub fn read(&self, doc: &Document) -> DocAnalysis {
        let mut analysis = DocAnalysis::default();
        for stage in &self.stages {
            stage.run(doc, &mut analysis);
        }
        analysis
    }

    /// Reads one document, and works out what story clustering and reconciling need of it
    /// alone (its word counts, event mentions, summary sentences): that belongs to reading,
    /// done once per article and in parallel, not again each time its story is clustered or
    /// reconciled.
    pub fn read_article(&self, doc: &Document) -> Reading {
        let analysis = self.read(doc);
        let prepared = parallax_reconcile::prepare(doc, &analysis);
        let names = [parallax_entities::name_keys(&analysis.entities), parallax_entities::name_keys(&analysis.caption_entities)];
        let features = match self.clustering {
            Clustering::Given => TermCounts::default(),
            _ => parallax_stories::article_counts(doc, &analysis, self.features),
        };
        Reading { features, analysis, prepared, names }
    }

    /// [`Engine::read_article`] without the preparation for reconciling: what storing an
    /// article needs (a stored story is reconciled when it is shown, from its articles).
    pub fn read_for_store(&self, doc: &Document) -> Reading {
        let analysis = self.read(doc);
        let prepared = Prepared::default();
        let features = parallax_stories::article_counts(doc, &analysis, self.features);
        Reading { features, analysis, prepared, names: Default::default() }
    }

    pub fn analyze(&self, articles: Vec<RawArticle>) -> Analysis {
        let mut clock = std::time::Instant::now();
        let mut phases = Vec::new();
        let mut lap = |name: &'static str| {
            phases.push((name, clock.elapsed()));
            clock = std::time::Instant::now();
        };
        let cleaned: Vec<(Document, usize)> = articles.par_iter().map(|a| self.clean(a)).collect();
        let mut counts = StageCounts { docs: cleaned.len(), ..StageCounts::default() };
        counts.removed_lines = cleaned.iter().map(|c| c.1).sum();
        let docs: Vec<Document> = cleaned.into_iter().map(|c| c.0).collect();
        let readings: Vec<Reading> = docs.par_iter().map(|d| self.read_article(d)).collect();
        let mut per_doc = Vec::with_capacity(readings.len());
        let mut prepared = Vec::with_capacity(readings.len());
        let mut terms = Vec::with_capacity(readings.len());
        let mut names = Vec::with_capacity(readings.len());
        for r in readings {
            per_doc.push(r.analysis);
            prepared.push(r.prepared);
            names.push(r.names);
            terms.push(r.features);
        }
        counts.words = docs.iter().map(Document::word_count).sum();
        counts.quotes = per_doc.iter().map(|a| a.quotes.len()).sum();
        counts.times = per_doc.iter().map(|a| a.times.len()).sum();
        lap("clean + read");

        let terms: Vec<&TermCounts> = terms.iter().collect();
        let groups = match self.clustering {
            Clustering::Batch => cluster_counted(&docs, &terms, self.stories),
            Clustering::Streaming => cluster_streaming(&docs, &terms, self.stories.stream),
            Clustering::Given if docs.is_empty() => Vec::new(),
            Clustering::Given => vec![(0..docs.len()).collect()],
        };
        lap("stories");
        let mut story_of = vec![0; docs.len()];
        let mut stories: Vec<Story> = groups
            .into_iter()
            .enumerate()
            .map(|(k, members)| {
                for &d in &members {
                    story_of[d] = k;
                }
                // Each document's captions join the merge as a source of their own (an entry
                // of their own, of the same document), folded back into the document afterwards.
                let mut input: Vec<(&Document, &[parallax_core::Entity])> =
                    members.iter().map(|&d| (&docs[d], per_doc[d].entities.as_slice())).collect();
                let mut keys: Vec<&parallax_entities::NameKeys> = members.iter().map(|&d| &names[d][0]).collect();
                let mut source_doc: Vec<usize> = (0..members.len()).collect();
                for (pos, &d) in members.iter().enumerate() {
                    if !per_doc[d].caption_entities.is_empty() {
                        input.push((&docs[d], per_doc[d].caption_entities.as_slice()));
                        keys.push(&names[d][1]);
                        source_doc.push(pos);
                    }
                }
                let mut entities = parallax_entities::merge_story_keyed(&input, &keys);
                entities.local_to_story.truncate(members.len());
                for e in &mut entities.entities {
                    let mut docs: Vec<usize> = e.docs.iter().map(|&src| source_doc[src]).collect();
                    docs.sort_unstable();
                    docs.dedup();
                    e.docs = docs;
                }
                Story { docs: members, entities, reconciled: Reconciled::default() }
            })
            .collect();
        counts.entities = stories.iter().map(|s| s.entities.entities.len()).sum();
        lap("story entities");
        let reconciled: Vec<Reconciled> = stories
            .par_iter()
            .map(|story| {
                let view = StoryView {
                    docs: story.docs.iter().map(|&d| &docs[d]).collect(),
                    analyses: story.docs.iter().map(|&d| &per_doc[d]).collect(),
                    entities: &story.entities,
                };
                let prepared: Vec<&Prepared> = story.docs.iter().map(|&d| &prepared[d]).collect();
                reconcile_prepared(&view, &prepared)
            })
            .collect();
        for (story, r) in stories.iter_mut().zip(reconciled) {
            story.reconciled = r;
        }
        lap("reconcile");
        counts.phases = phases;
        Analysis { docs, per_doc, stories, story_of, counts }
    }
}

impl Analysis {
    /// The story-level entity index of a document's local entity.
    pub fn story_entity(&self, doc: usize, local: usize) -> Option<usize> {
        let story = &self.stories[self.story_of[doc]];
        let pos = story.docs.iter().position(|&d| d == doc)?;
        story.entities.local_to_story.get(pos)?.get(local).copied()
    }
}
