//! `parallax bench`: reading throughput on a large corpus generated from an example corpus.
//!
//! The corpus repeats the example's articles with the names of people and places rotated, so
//! the work is realistic (same lengths, quotes and dates) without being cached or identical.
//! Figures are taken in one run: single-thread words/s and docs/s (per core), then all cores.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use parallax::ingest::RawArticle;
use parallax::Engine;

#[derive(clap::Args)]
pub struct BenchArgs {
    /// The corpus to grow the benchmark from (JSONL or a folder of .txt).
    #[arg(long, default_value = "examples/brannock-port-strike/articles.jsonl")]
    corpus: PathBuf,
    /// Number of articles to generate.
    #[arg(long, default_value_t = 2000)]
    docs: usize,
    /// Also measure reconciling against reading on the real stories of this input (e.g. an
    /// evaluation pack with many multi-article stories), one thread.
    #[arg(long, value_name = "INPUT")]
    stories: Option<PathBuf>,
    /// Write the generated corpus to this JSONL file and stop, so that it can be analysed (or
    /// its output compared between builds) like any input.
    #[arg(long, value_name = "FILE")]
    write_corpus: Option<PathBuf>,
}

pub fn run(args: BenchArgs) -> ExitCode {
    let inputs = parallax::ingest::read_inputs(&[args.corpus.clone()]);
    if inputs.articles.is_empty() {
        eprintln!("parallax bench: no articles in {}", args.corpus.display());
        return ExitCode::from(2);
    }
    let corpus = generate(&inputs.articles, args.docs);
    if let Some(path) = &args.write_corpus {
        return write_corpus(&corpus, path);
    }
    let engine = Engine::default();
    let words: usize = corpus.iter().map(|a| a.text.split_whitespace().count()).sum();

    // Per core: clean + read every document (with what clustering and reconciling need of it
    // alone, as `analyze` does) on this thread only.
    let start = Instant::now();
    let mut found = 0usize;
    for article in &corpus {
        let (doc, _) = engine.clean(article);
        let analysis = engine.read_article(&doc).analysis;
        found += analysis.quotes.len() + analysis.entities.len() + analysis.times.len();
    }
    let single = start.elapsed().as_secs_f64();

    // Whole pipeline on all cores, stories and story entities included.
    let start = Instant::now();
    let analysis = engine.analyze(corpus.clone());
    let all = start.elapsed().as_secs_f64();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());

    println!("corpus: {} articles, {} words (grown from {})", corpus.len(), words, args.corpus.display());
    println!("reading, 1 thread : {:>12.0} words/s  {:>9.1} docs/s  ({single:.2}s, {found} items)", words as f64 / single, corpus.len() as f64 / single);
    println!(
        "full analyze, {threads} threads: {:>12.0} words/s  {:>9.1} docs/s  ({all:.2}s, {} stories)",
        words as f64 / all,
        corpus.len() as f64 / all,
        analysis.stories.len()
    );
    for (phase, took) in &analysis.counts.phases {
        println!("  {phase:<16} {:>8.3}s", took.as_secs_f64());
    }
    let mut steps: Vec<(&'static str, f64)> = Vec::new();
    add_steps(&mut steps, &analysis);
    let steps: Vec<String> = steps.iter().map(|(s, t)| format!("{s} {t:.3}s")).collect();
    println!("    reconcile steps: {}", steps.join(", "));
    println!("parallel speed-up: {:.2}x on {threads} threads", single / all);
    story_share(&engine, &corpus);
    if let Some(path) = &args.stories {
        real_stories(&engine, path);
    }
    ExitCode::SUCCESS
}

/// Reading against reconciling on real stories, with each reconcile step's share.
fn real_stories(engine: &Engine, path: &std::path::Path) {
    let inputs = parallax::ingest::read_inputs(&[path.to_path_buf()]);
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(1).build() {
        Ok(p) => p,
        Err(e) => return eprintln!("parallax bench: no thread pool: {e}"),
    };
    let analysis = pool.install(|| engine.analyze(inputs.articles));
    let phase = |name: &str| analysis.counts.phases.iter().find(|p| p.0 == name).map_or(0.0, |p| p.1.as_secs_f64());
    let read = phase("clean + read");
    let mut steps: Vec<(&'static str, f64)> = Vec::new();
    add_steps(&mut steps, &analysis);
    let reconcile: f64 = steps.iter().map(|s| s.1).sum();
    let sizes: Vec<usize> = analysis.stories.iter().map(|s| s.docs.len()).collect();
    println!(
        "{}: {} articles in {} stories (largest {}), 1 thread: reading {:.1} ms; stories {:.1} ms; story entities {:.1} ms; reconcile {:.1} ms = {:.1}% of reading",
        path.display(),
        analysis.docs.len(),
        sizes.len(),
        sizes.iter().max().unwrap_or(&0),
        read * 1e3,
        phase("stories") * 1e3,
        phase("story entities") * 1e3,
        reconcile * 1e3,
        100.0 * reconcile / read
    );
    let shares: Vec<String> = steps.iter().map(|(s, t)| format!("{s} {:.1}%", 100.0 * t / read)).collect();
    println!("  reconcile steps as share of reading: {}", shares.join(", "));
}

/// Reconciling a 50-article story against reading its articles, both on one thread, summed
/// over repeated runs so that the ratio is taken in one run on the same machine state.
fn story_share(engine: &Engine, corpus: &[RawArticle]) {
    const STORY: usize = 50;
    const ROUNDS: usize = 20;
    let story: Vec<RawArticle> = corpus.iter().take(STORY).cloned().collect();
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(1).build() {
        Ok(p) => p,
        Err(e) => return eprintln!("parallax bench: no thread pool: {e}"),
    };
    let mut totals: Vec<(&'static str, f64)> = Vec::new();
    let mut stories = 0;
    let mut steps: Vec<(&'static str, f64)> = Vec::new();
    for _ in 0..ROUNDS {
        let analysis = pool.install(|| engine.analyze(story.clone()));
        stories = analysis.stories.len();
        add_steps(&mut steps, &analysis);
        for (phase, took) in &analysis.counts.phases {
            match totals.iter_mut().find(|t| t.0 == *phase) {
                Some(t) => t.1 += took.as_secs_f64(),
                None => totals.push((phase, took.as_secs_f64())),
            }
        }
    }
    let get = |name: &str| totals.iter().find(|t| t.0 == name).map_or(0.0, |t| t.1);
    let phases: Vec<String> = totals.iter().map(|(p, t)| format!("{p} {:.2} ms", t * 1000.0 / ROUNDS as f64)).collect();
    println!("  per story: {}", phases.join(", "));
    let read = get("clean + read");
    let reconcile = get("stories") + get("story entities") + get("reconcile");
    let shares: Vec<String> = steps.iter().map(|(s, t)| format!("{s} {:.1}%", 100.0 * t / read)).collect();
    println!("  reconcile steps as share of reading: {}", shares.join(", "));
    println!(
        "{STORY}-article story ({stories} stories found), 1 thread, {ROUNDS} rounds: reading {:.1} ms, reconciling (stories + entities + reconcile) {:.1} ms = {:.1}% of reading",
        read * 1000.0 / ROUNDS as f64,
        reconcile * 1000.0 / ROUNDS as f64,
        100.0 * reconcile / read
    );
}

/// Grows `seed` to `n` articles. Copy k is a distinct article: the paragraphs of one seed
/// article interleaved with a rotating selection of another's, with capitalised words rotated,
/// so a story of many generated articles overlaps like real coverage (shared quotes and facts,
/// different selections and wordings) instead of repeating identical copies.
fn generate(seed: &[RawArticle], n: usize) -> Vec<RawArticle> {
    let capitalised: Vec<String> = {
        let mut words: Vec<String> = seed
            .iter()
            .flat_map(|a| a.text.split_whitespace())
            .filter(|w| w.len() > 3 && w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic))
            .map(str::to_owned)
            .collect();
        words.sort();
        words.dedup();
        words
    };
    (0..n)
        .map(|k| {
            let base = &seed[k % seed.len()];
            let other = &seed[(k / seed.len() + 1 + k) % seed.len()];
            let own: Vec<&str> = base.text.lines().collect();
            let borrowed: Vec<&str> = other.text.lines().collect();
            let round = k / seed.len();
            let mut paragraphs = Vec::new();
            for (i, p) in own.iter().enumerate() {
                // Drop a rotating share of the article's own paragraphs...
                if (i + round) % 4 != 3 {
                    paragraphs.push(*p);
                }
                // ...and take some of another outlet's.
                if !borrowed.is_empty() && (i + round) % 3 == 0 {
                    paragraphs.push(borrowed[(i + round) % borrowed.len()]);
                }
            }
            let mut text = paragraphs.join("\n");
            if !capitalised.is_empty() {
                let from = &capitalised[k % capitalised.len()];
                let to = &capitalised[(k * 7 + 3) % capitalised.len()];
                text = text.replace(from.as_str(), to);
            }
            RawArticle { id: format!("{}-{k}", base.id), text, ..base.clone() }
        })
        .collect()
}

fn write_corpus(corpus: &[RawArticle], path: &std::path::Path) -> ExitCode {
    let mut out = String::new();
    for a in corpus {
        let record = serde_json::json!({
            "id": a.id,
            "text": a.text,
            "title": a.title,
            "published": a.published,
            "outlet": a.outlet,
            "url": a.url,
        });
        out.push_str(&record.to_string());
        out.push('\n');
    }
    match std::fs::write(path, out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("parallax bench: cannot write {}: {e}", path.display());
            ExitCode::from(1)
        }
    }
}

/// Adds each reconcile step's time, over all stories of `analysis`, to `steps` (seconds).
fn add_steps(steps: &mut Vec<(&'static str, f64)>, analysis: &parallax::Analysis) {
    for (step, took) in analysis.stories.iter().flat_map(|s| s.reconciled.timings.steps.iter()) {
        match steps.iter_mut().find(|s| s.0 == *step) {
            Some(s) => s.1 += took.as_secs_f64(),
            None => steps.push((step, took.as_secs_f64())),
        }
    }
}
