//! Search: one full-text index (tantivy) over what the store holds: articles, quotes (with
//! their speakers) and story entities (with their aliases).
//!
//! The index is a derived copy: the store stays the source of truth, so an index that is
//! behind (a killed ingest commits the store first) or missing is rebuilt from it. Text is
//! stemmed for English ("strikes" finds "striking"); speaker names are not ("Sharp" must not
//! find "Sharpe"). Query words must all match, as users of news search expect.

mod error;
mod schema;

pub use error::SearchError;

use std::ops::Range;
use std::path::{Path, PathBuf};

use schema::Fields;
use tantivy::collector::TopDocs;
use tantivy::directory::MmapDirectory;
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// What a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitKind {
    Article,
    Quote,
    Entity,
}

impl HitKind {
    pub fn as_str(self) -> &'static str {
        match self {
            HitKind::Article => "article",
            HitKind::Quote => "quote",
            HitKind::Entity => "entity",
        }
    }

    fn parse(s: &str) -> Option<HitKind> {
        match s {
            "article" => Some(HitKind::Article),
            "quote" => Some(HitKind::Quote),
            "entity" => Some(HitKind::Entity),
            _ => None,
        }
    }
}

/// An article to index. Its text is searched but not kept: the store has it.
#[derive(Debug, Clone, Default)]
pub struct ArticleEntry<'a> {
    pub article: u64,
    pub story: Option<u64>,
    pub title: Option<&'a str>,
    pub text: &'a str,
    pub outlet: Option<&'a str>,
    pub published: Option<&'a str>,
}

/// A quote to index, with its speaker's name as the story knows it.
#[derive(Debug, Clone, Default)]
pub struct QuoteEntry<'a> {
    pub article: u64,
    /// Position of the quote among its article's quotes.
    pub position: u32,
    pub story: Option<u64>,
    pub text: &'a str,
    pub speaker: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub published: Option<&'a str>,
}

/// A story entity to index: its name and every alias is searchable.
#[derive(Debug, Clone, Default)]
pub struct EntityEntry<'a> {
    pub story: u64,
    /// Position of the entity among its story's entities.
    pub position: u32,
    pub name: &'a str,
    pub aliases: &'a [String],
    /// "person", "org", … (shown, not searched).
    pub kind: &'a str,
}

/// A search: words (the query language of tantivy: `"exact phrase"`, `-word`, `title:word`),
/// and filters.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    pub text: String,
    /// Only quotes whose speaker's name has all these words.
    pub speaker: Option<String>,
    pub story: Option<u64>,
    /// Only these kinds (all when empty).
    pub kinds: Vec<HitKind>,
    pub limit: usize,
}

#[derive(Debug, Clone)]
pub struct Hit {
    pub kind: HitKind,
    pub score: f32,
    pub article: Option<u64>,
    pub story: Option<u64>,
    pub title: Option<String>,
    /// The quote's words, or the entity's name and aliases; none for an article (its text
    /// is in the store: see [`SearchIndex::snippet`]).
    pub text: Option<String>,
    pub speaker: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    /// The entity's kind.
    pub label: Option<String>,
}

/// A passage of a text around the words a query matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub fragment: String,
    /// Byte ranges of the matched words in `fragment`.
    pub highlighted: Vec<Range<usize>>,
}

pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    writer: Option<IndexWriter>,
    fields: Fields,
    /// Where it lives, for error messages ("in memory" otherwise).
    place: PathBuf,
}

/// Indexing memory: tantivy flushes a segment when it is full.
const WRITER_HEAP: usize = 64 << 20;

impl SearchIndex {
    /// Opens the index in `dir`, creating it (and the folder) when there is none.
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        let place = dir.to_path_buf();
        std::fs::create_dir_all(dir).map_err(|e| SearchError::io(&place, e))?;
        let directory = MmapDirectory::open(dir).map_err(|e| SearchError::new(&place, e.to_string()))?;
        let (schema, _) = schema::build();
        let index = Index::open_or_create(directory, schema).map_err(|e| SearchError::tantivy(&place, e))?;
        Self::with_index(index, place)
    }

    /// An index that lives in memory (tests, one-off runs).
    pub fn in_memory() -> Result<SearchIndex, SearchError> {
        let (schema, _) = schema::build();
        Self::with_index(Index::create_in_ram(schema), PathBuf::from("(in memory)"))
    }

    fn with_index(index: Index, place: PathBuf) -> Result<SearchIndex, SearchError> {
        let fields = Fields::of(&index.schema()).ok_or_else(|| {
            SearchError::new(&place, "this search index was built by another version of parallax: delete it to rebuild it".into())
        })?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into().map_err(|e| SearchError::tantivy(&place, e))?;
        Ok(SearchIndex { index, reader, writer: None, fields, place })
    }

    pub fn place(&self) -> &Path {
        &self.place
    }

    fn writer(&mut self) -> Result<&mut IndexWriter, SearchError> {
        if self.writer.is_none() {
            // One indexing thread: ingest already keeps the other core busy, and tantivy's
            // own pool on top of it would oversubscribe a small machine.
            let w = self.index.writer_with_num_threads(1, WRITER_HEAP).map_err(|e| SearchError::tantivy(&self.place, e))?;
            self.writer = Some(w);
        }
        Ok(self.writer.as_mut().expect("writer set above"))
    }

    /// Adds (or replaces) an article.
    pub fn add_article(&mut self, a: &ArticleEntry) -> Result<(), SearchError> {
        self.put_article(a, true)
    }

    /// Adds an article never indexed before, with its quotes (see [`SearchIndex::insert_quote`]):
    /// no search for an older entry to replace, which is most of indexing's cost on a
    /// growing index.
    pub fn insert_article(&mut self, a: &ArticleEntry) -> Result<(), SearchError> {
        self.put_article(a, false)
    }

    fn put_article(&mut self, a: &ArticleEntry, replace: bool) -> Result<(), SearchError> {
        let f = self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.kind, HitKind::Article.as_str());
        doc.add_u64(f.article, a.article);
        if let Some(s) = a.story {
            doc.add_u64(f.story, s);
        }
        if let Some(t) = a.title {
            doc.add_text(f.title, t);
        }
        doc.add_text(f.content, a.text);
        add_opt(&mut doc, f.outlet, a.outlet);
        add_opt(&mut doc, f.published, a.published);
        self.put(format!("a:{}", a.article), doc, replace)
    }

    /// Adds (or replaces) a quote.
    pub fn add_quote(&mut self, q: &QuoteEntry) -> Result<(), SearchError> {
        self.put_quote(q, true)
    }

    /// Adds a quote of an article never indexed before.
    pub fn insert_quote(&mut self, q: &QuoteEntry) -> Result<(), SearchError> {
        self.put_quote(q, false)
    }

    fn put_quote(&mut self, q: &QuoteEntry, replace: bool) -> Result<(), SearchError> {
        let f = self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.kind, HitKind::Quote.as_str());
        doc.add_u64(f.article, q.article);
        if let Some(s) = q.story {
            doc.add_u64(f.story, s);
        }
        doc.add_text(f.content, q.text);
        doc.add_text(f.shown, q.text);
        add_opt(&mut doc, f.speaker, q.speaker);
        add_opt(&mut doc, f.outlet, q.outlet);
        add_opt(&mut doc, f.published, q.published);
        self.put(format!("q:{}:{}", q.article, q.position), doc, replace)
    }

    /// Adds (or replaces) a story entity.
    pub fn add_entity(&mut self, e: &EntityEntry) -> Result<(), SearchError> {
        let f = self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.kind, HitKind::Entity.as_str());
        doc.add_u64(f.story, e.story);
        let mut names = e.name.to_string();
        for a in e.aliases.iter().filter(|a| String::as_str(a) != e.name) {
            names.push_str("; ");
            names.push_str(a);
        }
        doc.add_text(f.content, &names);
        doc.add_text(f.shown, &names);
        doc.add_text(f.label, e.kind);
        self.put(format!("e:{}:{}", e.story, e.position), doc, true)
    }

    fn put(&mut self, key: String, mut doc: TantivyDocument, replace: bool) -> Result<(), SearchError> {
        let f = self.fields;
        doc.add_text(f.key, &key);
        let place = self.place.clone();
        let w = self.writer()?;
        if replace {
            w.delete_term(Term::from_field_text(f.key, &key));
        }
        w.add_document(doc).map_err(|e| SearchError::tantivy(&place, e))?;
        Ok(())
    }

    /// Removes everything indexed for a story (before its quotes and entities are indexed
    /// again: a story's account changes as articles join it).
    pub fn remove_story(&mut self, story: u64) -> Result<(), SearchError> {
        let f = self.fields;
        self.writer()?.delete_term(Term::from_field_u64(f.story, story));
        Ok(())
    }

    /// Removes everything: before a rebuild from the store.
    pub fn clear(&mut self) -> Result<(), SearchError> {
        let place = self.place.clone();
        self.writer()?.delete_all_documents().map_err(|e| SearchError::tantivy(&place, e))?;
        Ok(())
    }

    /// Makes what was added since the last commit durable and searchable, at once.
    pub fn commit(&mut self) -> Result<(), SearchError> {
        if let Some(w) = self.writer.as_mut() {
            w.commit().map_err(|e| SearchError::tantivy(&self.place, e))?;
        }
        self.reader.reload().map_err(|e| SearchError::tantivy(&self.place, e))
    }

    /// Sees what another handle on the same folder has committed since this one last looked.
    pub fn reload(&self) -> Result<(), SearchError> {
        self.reader.reload().map_err(|e| SearchError::tantivy(&self.place, e))
    }

    /// Searchable entries (after the last commit).
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn query(&self, q: &SearchQuery) -> Result<Box<dyn Query>, SearchError> {
        let f = self.fields;
        let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if !q.text.trim().is_empty() {
            let mut parser = QueryParser::for_index(&self.index, vec![f.title, f.content, f.speaker]);
            parser.set_conjunction_by_default();
            parser.set_field_boost(f.title, 2.0);
            // Lenient: a stray quote mark or colon in what a user typed is not an error.
            let (query, _) = parser.parse_query_lenient(&q.text);
            parts.push((Occur::Must, query));
        }
        if let Some(name) = q.speaker.as_deref().filter(|n| !n.trim().is_empty()) {
            let mut analyzer = self.index.tokenizer_for_field(f.speaker).map_err(|e| SearchError::tantivy(&self.place, e))?;
            let mut stream = analyzer.token_stream(name);
            let mut words = 0;
            while let Some(token) = stream.next() {
                let term = Term::from_field_text(f.speaker, &token.text);
                parts.push((Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::Basic))));
                words += 1;
            }
            if words == 0 {
                return Err(SearchError::new(&self.place, format!("no searchable word in the speaker name {name:?}")));
            }
        }
        if let Some(story) = q.story {
            parts.push((Occur::Must, Box::new(TermQuery::new(Term::from_field_u64(f.story, story), IndexRecordOption::Basic))));
        }
        if !q.kinds.is_empty() {
            let kinds: Vec<(Occur, Box<dyn Query>)> = q
                .kinds
                .iter()
                .map(|k| {
                    let term = Term::from_field_text(f.kind, k.as_str());
                    (Occur::Should, Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>)
                })
                .collect();
            parts.push((Occur::Must, Box::new(BooleanQuery::new(kinds))));
        }
        if parts.is_empty() {
            return Err(SearchError::new(&self.place, "an empty search: give words, a speaker or a story".into()));
        }
        Ok(Box::new(BooleanQuery::new(parts)))
    }

    /// The best hits of a search, best first.
    pub fn search(&self, q: &SearchQuery) -> Result<Vec<Hit>, SearchError> {
        let f = self.fields;
        let query = self.query(q)?;
        let searcher = self.reader.searcher();
        let limit = if q.limit == 0 { 20 } else { q.limit };
        let top = searcher.search(&*query, &TopDocs::with_limit(limit).order_by_score()).map_err(|e| SearchError::tantivy(&self.place, e))?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address).map_err(|e| SearchError::tantivy(&self.place, e))?;
            let text = |field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_owned);
            let number = |field| doc.get_first(field).and_then(|v| v.as_u64());
            let Some(kind) = text(f.kind).as_deref().and_then(HitKind::parse) else { continue };
            hits.push(Hit {
                kind,
                score,
                article: number(f.article),
                story: number(f.story),
                title: text(f.title),
                text: text(f.shown),
                speaker: text(f.speaker),
                outlet: text(f.outlet),
                published: text(f.published),
                label: text(f.label),
            });
        }
        Ok(hits)
    }

    /// The passage of `text` (an article's, from the store) that best shows why it matched.
    pub fn snippet(&self, q: &SearchQuery, text: &str, max_chars: usize) -> Result<Snippet, SearchError> {
        let query = self.query(q)?;
        let searcher = self.reader.searcher();
        let mut generator = SnippetGenerator::create(&searcher, &*query, self.fields.content).map_err(|e| SearchError::tantivy(&self.place, e))?;
        generator.set_max_num_chars(max_chars.max(20));
        let s = generator.snippet(text);
        Ok(Snippet { fragment: s.fragment().to_string(), highlighted: s.highlighted().to_vec() })
    }
}

fn add_opt(doc: &mut TantivyDocument, field: tantivy::schema::Field, value: Option<&str>) {
    if let Some(v) = value.filter(|v| !v.is_empty()) {
        doc.add_text(field, v);
    }
}

#[cfg(test)]
mod tests;
