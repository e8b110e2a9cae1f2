//! `parallax`: a thin binary. Parse flags, run the engine, write the outputs, map the outcome
//! to an exit code: 0 all inputs read, 2 some input failed (the rest is still analysed and
//! written), 1 the run itself failed (e.g. the output file cannot be written).

/// glibc's allocator spent a fifth of an ingest's CPU in `_int_malloc`, `unlink_chunk` and
/// `malloc_consolidate` (reading allocates many small strings on several threads at once).
/// Built without transparent huge pages (`no_thp`): the kernel zeroes a whole 2 MiB page on
/// the first touch of each fresh region, and that zeroing was a fifth of `bench --docs 50`
/// (most of it in reconciling, whose buffers are short-lived and scattered).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod bench;
mod extract_bench;
mod collection;
mod serve;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};
use parallax::report::{self, Style};

#[derive(Parser)]
#[command(name = "parallax", version, about = "Reads many news reports of the same events and reconciles them into one account")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse articles: stories, people with their names, who said what, dates.
    Analyze(AnalyzeArgs),
    /// Store articles: each joins a story (or starts one) as it arrives, copies are linked to
    /// their originals, and everything is indexed for search. Re-ingesting adds nothing.
    Ingest(collection::IngestArgs),
    /// List the stored stories: size, dates, main people.
    Stories(collection::StoriesArgs),
    /// The reconciled account of a stored story.
    Show(collection::ShowArgs),
    /// Write a stored story's account as JSON, Markdown, HTML or CSV.
    Export(collection::ExportArgs),
    /// Find articles, quotes (by speaker) and people in the store.
    Search(collection::SearchArgs),
    /// Serve the web pages and the JSON API over the store (loopback by default).
    Serve(serve::ServeArgs),
    /// Measure reading throughput on a corpus generated from the bundled example.
    Bench(bench::BenchArgs),
}

#[derive(clap::Args)]
struct AnalyzeArgs {
    /// Inputs: files (.jsonl, .txt, .html, .warc, .warc.gz, RSS/Atom/JSON feeds, news-please .json; told apart by extension and first bytes), folders of them, or - for standard input (JSONL, WARC or a feed).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Also write the parallax/1 contract JSON to this file (- for standard output).
    #[arg(long, value_name = "OUT")]
    json: Option<PathBuf>,
    /// Also write a self-contained HTML report to this file.
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
    /// What to print on standard output.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// How to group articles into stories: batch (the whole collection at once) or streaming
    /// (one article at a time in date order, as ingest does).
    #[arg(long, value_enum, default_value_t = ClusteringMode::Batch)]
    clustering: ClusteringMode,
    /// Print nothing but errors.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum ClusteringMode {
    Batch,
    Streaming,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
    Markdown,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Analyze(args) => analyze(args),
        Command::Ingest(args) => collection::ingest(args),
        Command::Stories(args) => collection::stories(args),
        Command::Show(args) => collection::show(args),
        Command::Export(args) => collection::export(args),
        Command::Search(args) => collection::search(args),
        Command::Serve(args) => serve::run(args),
        Command::Bench(args) => bench::run(args),
    }
}

fn analyze(args: AnalyzeArgs) -> ExitCode {
    let started = Instant::now();
    let inputs = parallax::ingest::read_inputs(&args.inputs);
    for error in &inputs.errors {
        eprintln!("parallax: {error}");
    }
    if inputs.articles.is_empty() {
        eprintln!("parallax: no article could be read");
        return ExitCode::from(2);
    }
    let clustering = match args.clustering {
        ClusteringMode::Batch => parallax::Clustering::Batch,
        ClusteringMode::Streaming => parallax::Clustering::Streaming,
    };
    let analysis = parallax::Engine::default().with_clustering(clustering).analyze(inputs.articles);
    if let Some(path) = &args.json {
        let json = parallax::contract::to_json(&analysis);
        let written = if path.as_os_str() == "-" {
            std::io::stdout().lock().write_all(json.as_bytes())
        } else {
            std::fs::write(path, json)
        };
        if let Err(e) = written {
            eprintln!("parallax: cannot write {}: {e}", path.display());
            return ExitCode::from(1);
        }
    }
    if let Some(path) = &args.html {
        if let Err(e) = std::fs::write(path, report::html::render(&analysis)) {
            eprintln!("parallax: cannot write {}: {e}", path.display());
            return ExitCode::from(1);
        }
    }
    let json_on_stdout = args.json.as_ref().is_some_and(|p| p.as_os_str() == "-");
    if !args.quiet && !json_on_stdout {
        let text = match args.format {
            Format::Text => report::render(&analysis, Style::Text),
            Format::Markdown => report::render(&analysis, Style::Markdown),
            Format::Json => parallax::contract::to_json(&analysis),
        };
        if std::io::stdout().lock().write_all(text.as_bytes()).is_err() {
            return ExitCode::SUCCESS; // closed pipe: the reader has what it wanted
        }
    }
    let c = &analysis.counts;
    if !args.quiet {
        eprintln!(
            "parallax: {} articles, {} words, {} stories, {} entities, {} quotes, {} time expressions in {:.2}s ({} lines of boilerplate removed)",
            c.docs, c.words, analysis.stories.len(), c.entities, c.quotes, c.times, started.elapsed().as_secs_f64(), c.removed_lines
        );
    }
    if inputs.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!("parallax: {} input(s) failed; the others were analysed", inputs.errors.len());
        ExitCode::from(2)
    }
}
