//! The index's fields. Changing them makes old indexes unreadable ([`Fields::of`] fails and the
//! user is told to rebuild), so they change rarely.

use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING};

#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Unique per entry ("a:ARTICLE", "q:ARTICLE:N", "e:STORY:N"), to replace it.
    pub key: Field,
    pub kind: Field,
    pub article: Field,
    pub story: Field,
    pub title: Field,
    /// What is searched: the article's text, the quote, the entity's names.
    pub content: Field,
    /// What is shown for quotes and entities (articles are shown from the store).
    pub shown: Field,
    pub speaker: Field,
    pub outlet: Field,
    pub published: Field,
    pub label: Field,
}

fn text(tokenizer: &str, stored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default().set_tokenizer(tokenizer).set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored {
        options.set_stored()
    } else {
        options
    }
}

pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    b.add_text_field("key", STRING);
    b.add_text_field("kind", STRING | STORED);
    b.add_u64_field("article", INDEXED | STORED | FAST);
    b.add_u64_field("story", INDEXED | STORED | FAST);
    b.add_text_field("title", text("en_stem", true));
    b.add_text_field("content", text("en_stem", false));
    b.add_text_field("shown", STORED);
    // Names are matched word for word, not stemmed.
    b.add_text_field("speaker", text("default", true));
    b.add_text_field("outlet", STRING | STORED);
    b.add_text_field("published", STRING | STORED);
    b.add_text_field("label", STORED);
    let schema = b.build();
    let fields = Fields::of(&schema).expect("the fields just added");
    (schema, fields)
}

impl Fields {
    /// The fields of an index's schema, if it is the schema [`build`] makes.
    pub fn of(schema: &Schema) -> Option<Fields> {
        let f = |name: &str| schema.get_field(name).ok();
        Some(Fields {
            key: f("key")?,
            kind: f("kind")?,
            article: f("article")?,
            story: f("story")?,
            title: f("title")?,
            content: f("content")?,
            shown: f("shown")?,
            speaker: f("speaker")?,
            outlet: f("outlet")?,
            published: f("published")?,
            label: f("label")?,
        })
    }
}
