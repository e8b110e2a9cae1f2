//! The commands over a stored collection: `ingest`, `stories`, `show`, `export`, `search`.
//! Each opens the store (default path, or `--db`), does its one job and maps the outcome to an
//! exit code: 0 done, 2 some input failed (the rest was ingested), 1 the command failed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressStyle};
use parallax::collection::{Collection, HitKind, Progress, SearchQuery};
use parallax::report::{self, Style};
use parallax::store::StoryOrder;
use parallax::Engine;

#[derive(clap::Args)]
pub struct DbArg {
    /// The store (SQLite). Default: $PARALLAX_DB, else $XDG_DATA_HOME/parallax/parallax.db
    /// (~/.local/share/parallax/parallax.db).
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
}

impl DbArg {
    pub fn path(&self) -> Result<PathBuf, String> {
        match &self.db {
            Some(p) => Ok(p.clone()),
            None => parallax::collection::default_db_path().map_err(|e| e.to_string()),
        }
    }

    /// Opens the store, creating it when missing: for `ingest` only.
    fn open_or_create(&self) -> Result<(Collection, PathBuf), String> {
        let path = self.path()?;
        let collection = Collection::open(&path, Engine::default()).map_err(|e| e.to_string())?;
        Ok((collection, path))
    }

    /// Opens an existing store: reading a mistyped path must not leave an empty store there.
    fn open(&self) -> Result<(Collection, PathBuf), String> {
        let path = self.path()?;
        let collection = Collection::open_existing(&path, Engine::default()).map_err(|e| e.to_string())?;
        Ok((collection, path))
    }
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("parallax: {message}");
    ExitCode::from(1)
}

#[derive(clap::Args)]
pub struct IngestArgs {
    /// Inputs: folders, .txt, .jsonl, .html files, or - for JSONL on stdin.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    db: DbArg,
    /// No progress bar (it is also off when standard error is not a terminal).
    #[arg(long, short)]
    quiet: bool,
}

pub fn ingest(args: IngestArgs) -> ExitCode {
    let started = Instant::now();
    let inputs = parallax::ingest::read_inputs(&args.inputs);
    for error in &inputs.errors {
        eprintln!("parallax: {error}");
    }
    let (mut collection, path) = match args.db.open_or_create() {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let bar = if args.quiet { ProgressBar::hidden() } else { ProgressBar::new(inputs.articles.len() as u64) };
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} articles, {per_sec}, ETA {eta} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut on_progress = |p: Progress| {
        bar.set_position(p.done as u64);
        bar.set_message(format!("({} new, {} already stored)", p.added, p.duplicates));
    };
    let report = collection.ingest(inputs.articles, &mut on_progress);
    bar.finish_and_clear();
    let report = match report {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let secs = started.elapsed().as_secs_f64();
    if report.caught_up > 0 {
        eprintln!("parallax: {}: caught up with {} articles stored by an interrupted run", path.display(), report.caught_up);
    }
    if !args.quiet {
        eprintln!(
            "parallax: {}: {} articles added ({} copies of earlier ones), {} already stored; {} stories touched, {} new, {} merged into another; {:.1}s ({:.0} articles/s)",
            path.display(),
            report.added,
            report.copies,
            report.duplicates,
            report.stories_touched,
            report.new_stories,
            report.merged_stories,
            secs,
            (report.added + report.duplicates) as f64 / secs.max(1e-9)
        );
    }
    if inputs.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!("parallax: {} input(s) failed; the others were ingested", inputs.errors.len());
        ExitCode::from(2)
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Order {
    /// Most recent article first.
    Recent,
    /// Largest first.
    Size,
    /// Oldest story first.
    Created,
}

#[derive(clap::Args)]
pub struct StoriesArgs {
    #[command(flatten)]
    db: DbArg,
    #[arg(long, value_enum, default_value_t = Order::Recent)]
    order: Order,
    /// Stories to list.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

pub fn stories(args: StoriesArgs) -> ExitCode {
    let (collection, _) = match args.db.open() {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let order = match args.order {
        Order::Recent => StoryOrder::LastPublished,
        Order::Size => StoryOrder::Size,
        Order::Created => StoryOrder::Id,
    };
    let list = match collection.stories(order, Some(args.limit)) {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    let mut out = String::new();
    let mut rows = Vec::new();
    for s in &list {
        let people = collection.story_people(s.id.0, 3).unwrap_or_default();
        let names: Vec<&str> = people.iter().map(|(n, _)| n.as_str()).collect();
        let dates = match (&s.first_published, &s.last_published) {
            (Some(a), Some(b)) if a.get(..10) == b.get(..10) => a.get(..10).unwrap_or(a).to_string(),
            (Some(a), Some(b)) => format!("{} – {}", a.get(..10).unwrap_or(a), b.get(..10).unwrap_or(b)),
            _ => "undated".to_string(),
        };
        if args.json {
            rows.push(serde_json::json!({
                "id": s.id.0,
                "articles": s.articles,
                "copies": s.copies,
                "first_published": s.first_published,
                "last_published": s.last_published,
                "outlets": s.outlets.iter().map(|(o, n)| serde_json::json!({"outlet": o, "articles": n})).collect::<Vec<_>>(),
                "people": people.iter().map(|(n, c)| serde_json::json!({"name": n, "mentions": c})).collect::<Vec<_>>(),
            }));
        } else {
            out.push_str(&format!("{:>6}  {:>4} articles  {:<25}  {}\n", s.id.0, s.articles, dates, names.join(", ")));
        }
    }
    print_listing(args.json, &rows, out, list.is_empty(), "no stories yet: add articles with `parallax ingest`")
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Json,
    Md,
    Html,
    Csv,
    Text,
}

#[derive(clap::Args)]
pub struct ShowArgs {
    /// The story's id (see `parallax stories`).
    story: i64,
    #[command(flatten)]
    db: DbArg,
    #[arg(long, value_enum, default_value_t = ExportFormat::Text)]
    format: ExportFormat,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    /// The story's id (see `parallax stories`).
    story: i64,
    #[command(flatten)]
    db: DbArg,
    /// json: the parallax/1 contract; md: Markdown; html: one self-contained page; csv: one
    /// row per quote.
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    format: ExportFormat,
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn export(args: ExportArgs) -> ExitCode {
    show(ShowArgs { story: args.story, db: args.db, format: args.format, output: args.output })
}

/// `show` and `export`: the reconciled account of a stored story.
pub fn show(args: ShowArgs) -> ExitCode {
    let (collection, _) = match args.db.open() {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let analysis = match collection.analyze_story(args.story) {
        Ok(a) => a,
        Err(e) => return fail(e),
    };
    let text = match args.format {
        ExportFormat::Text => report::render(&analysis, Style::Text),
        ExportFormat::Md => report::render(&analysis, Style::Markdown),
        ExportFormat::Json => parallax::contract::to_json(&analysis),
        ExportFormat::Html => report::html::render(&analysis),
        ExportFormat::Csv => match quotes_csv(&analysis) {
            Ok(t) => t,
            Err(e) => return fail(e),
        },
    };
    write_out(args.output.as_deref(), &text)
}

fn write_out(path: Option<&Path>, text: &str) -> ExitCode {
    let written = match path {
        Some(p) if p.as_os_str() != "-" => std::fs::write(p, text).map_err(|e| format!("cannot write {}: {e}", p.display())),
        _ => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            Ok(())
        }
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

/// One row per quote: who said what, where, and the quote group it belongs to.
fn quotes_csv(analysis: &parallax::Analysis) -> Result<String, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = ["story", "quote_group", "article", "outlet", "published", "speaker", "kind", "quote"];
    w.write_record(header).map_err(|e| e.to_string())?;
    for (k, story) in analysis.stories.iter().enumerate() {
        for (pos, &d) in story.docs.iter().enumerate() {
            let doc = &analysis.docs[d];
            for (qi, q) in analysis.per_doc[d].quotes.iter().enumerate() {
                let group = story.reconciled.groups.iter().position(|g| g.members.contains(&(pos, qi)));
                let speaker = q
                    .entity
                    .and_then(|local| analysis.story_entity(d, local))
                    .and_then(|e| story.entities.entities.get(e))
                    .map(|e| e.name.clone())
                    .unwrap_or_default();
                let record = [
                    format!("s{}", k + 1),
                    group.map(|g| format!("g{}", g + 1)).unwrap_or_default(),
                    doc.id.clone(),
                    doc.outlet.clone().unwrap_or_default(),
                    doc.published.map(|p| p.to_string()).unwrap_or_default(),
                    speaker,
                    q.kind.as_str().to_string(),
                    doc.body.get(q.text.clone()).unwrap_or("").to_string(),
                ];
                w.write_record(&record).map_err(|e| e.to_string())?;
            }
        }
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

#[derive(clap::Args)]
pub struct SearchArgs {
    /// Words to find (all must match; "quoted phrase", -excluded, title:word).
    #[arg(default_value = "")]
    query: String,
    /// Only quotes by a speaker with these names ("Sharpe", "Mara Quill").
    #[arg(long, value_name = "NAME")]
    speaker: Option<String>,
    /// Only within this story.
    #[arg(long, value_name = "ID")]
    story: Option<i64>,
    /// Only these kinds of hits.
    #[arg(long, value_enum)]
    kind: Vec<KindArg>,
    #[arg(long, default_value_t = 20)]
    limit: usize,
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    db: DbArg,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum KindArg {
    Article,
    Quote,
    Entity,
}

pub fn search(args: SearchArgs) -> ExitCode {
    let (collection, _) = match args.db.open() {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let mut kinds: Vec<HitKind> = args
        .kind
        .iter()
        .map(|k| match k {
            KindArg::Article => HitKind::Article,
            KindArg::Quote => HitKind::Quote,
            KindArg::Entity => HitKind::Entity,
        })
        .collect();
    if args.speaker.is_some() && kinds.is_empty() {
        kinds.push(HitKind::Quote);
    }
    let query = SearchQuery {
        text: args.query.clone(),
        speaker: args.speaker.clone(),
        story: args.story.and_then(|s| u64::try_from(s).ok()),
        kinds,
        limit: args.limit,
    };
    let hits = match collection.search(&query) {
        Ok(h) => h,
        Err(e) => return fail(e),
    };
    let mut out = String::new();
    let mut rows = Vec::new();
    for h in &hits {
        // An article is shown by the passage that matched, from its stored text.
        let shown = match (h.kind, h.article) {
            (HitKind::Article, Some(id)) => collection
                .article(id as i64)
                .ok()
                .flatten()
                .and_then(|a| collection.snippet(&query, &a.text, 200).ok())
                .map(|s| s.fragment)
                .unwrap_or_default(),
            _ => h.text.clone().unwrap_or_default(),
        };
        let shown = shown.split_whitespace().collect::<Vec<_>>().join(" ");
        if args.json {
            rows.push(serde_json::json!({
                "kind": h.kind.as_str(),
                "score": h.score,
                "article": h.article,
                "story": h.story,
                "title": h.title,
                "speaker": h.speaker,
                "outlet": h.outlet,
                "published": h.published,
                "label": h.label,
                "text": shown,
            }));
        } else {
            let story = h.story.map(|s| format!("story {s}")).unwrap_or_default();
            let head = match h.kind {
                HitKind::Article => format!("article {} {}", h.article.unwrap_or(0), h.title.as_deref().unwrap_or("")),
                HitKind::Quote => format!("quote by {}", h.speaker.as_deref().unwrap_or("unknown speaker")),
                HitKind::Entity => format!("{} {}", h.label.as_deref().unwrap_or("entity"), h.text.as_deref().unwrap_or("")),
            };
            let meta: Vec<&str> = [h.outlet.as_deref(), h.published.as_deref()].into_iter().flatten().collect();
            out.push_str(&format!("[{story}] {head} ({})\n    {shown}\n", meta.join(", ")));
        }
    }
    print_listing(args.json, &rows, out, hits.is_empty(), "no match")
}

/// Prints a listing: its rows as JSON, or the text made of them (`empty` when there is
/// nothing to list).
fn print_listing(json: bool, rows: &[serde_json::Value], text: String, nothing: bool, empty: &str) -> ExitCode {
    let out = if json {
        format!("{}\n", serde_json::to_string_pretty(rows).unwrap_or_default())
    } else if nothing {
        format!("{empty}\n")
    } else {
        text
    };
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    ExitCode::SUCCESS
}
