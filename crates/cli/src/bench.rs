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
    /// Instead of reading, stream this many generated articles (comma-separated sizes, e.g.
    /// 10000,30000,100000) through the streaming story clusterer: many distinct stories of a
    /// few articles each, dated over months, and print articles/s and cost per article.
    #[arg(long, value_name = "N,...", value_delimiter = ',')]
    stream: Vec<usize>,
    /// Instead of reading, ingest this many generated articles (comma-separated sizes, e.g.
    /// 10000,30000,100000) into a fresh store each (in a temporary folder): articles/s with
    /// reading, story clustering, copy detection, storing and search indexing, all cores.
    #[arg(long, value_delimiter = ',', value_name = "N,...")]
    ingest: Vec<usize>,
    /// Instead of reading, ingest this many generated articles into a fresh store, serve it on
    /// loopback and load the story page and the API with --clients concurrent clients:
    /// requests/s, p50/p99 per endpoint and errors, first views of story pages apart.
    #[arg(long, value_name = "N")]
    serve: Option<usize>,
    /// Concurrent clients of --serve.
    #[arg(long, default_value_t = 50)]
    clients: usize,
    /// Requests of the story page and story JSON phases of --serve; the other endpoints get a
    /// fifth of it each, the mixed phase half (each phase also stops after 120 s).
    #[arg(long, default_value_t = 20_000)]
    requests: usize,
    /// Instead of reading, measure HTML extraction (main text and metadata) over the pages of
    /// this input: a folder of .html files, or JSONL whose records carry "html" (e.g.
    /// ../shared/eval/packs/trafilatura_eval-dev/input.jsonl); pages/s and MB/s on one thread
    /// and on all cores.
    #[arg(long, value_name = "INPUT")]
    extract: Option<PathBuf>,
    /// Write the generated corpus to this JSONL file and stop, so that it can be analysed (or
    /// its output compared between builds) like any input.
    #[arg(long, value_name = "FILE")]
    write_corpus: Option<PathBuf>,
}

pub fn run(args: BenchArgs) -> ExitCode {
    if let Some(input) = &args.extract {
        return crate::extract_bench::run(input);
    }
    let inputs = parallax::ingest::read_inputs(&[args.corpus.clone()]);
    if inputs.articles.is_empty() {
        eprintln!("parallax bench: no articles in {}", args.corpus.display());
        return ExitCode::from(2);
    }
    if !args.stream.is_empty() {
        return stream_bench(&inputs.articles, &args.stream);
    }
    if !args.ingest.is_empty() {
        return ingest_bench(&inputs.articles, &args.ingest);
    }
    if let Some(n) = args.serve {
        return serve_bench(&inputs.articles, n, args.clients, args.requests);
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

/// Articles per generated story, and generated stories opened per day.
const STORY_SIZE: usize = 8;
const STORIES_PER_DAY: usize = 100;

/// Article `k` of a stream of many stories: a seed article with every capitalised word (the
/// names) marked with its story's number, so stories share their vocabulary of events but
/// not their people and places, as separate events of one kind do; dated by story.
fn stream_article(seed: &[RawArticle], k: usize) -> (String, Option<parallax::core::CalendarDate>) {
    let story = k / STORY_SIZE;
    let base = &seed[(k + story) % seed.len()];
    let tag = {
        let mut t = String::new();
        let mut n = story;
        loop {
            t.push((b'a' + (n % 26) as u8) as char);
            n /= 26;
            if n == 0 {
                break;
            }
        }
        t
    };
    let mut text = String::with_capacity(base.text.len() + 256);
    for (i, line) in base.text.lines().enumerate() {
        // Each article of a story leaves out a different share of the paragraphs.
        if (i + k) % 4 == 3 {
            continue;
        }
        for word in line.split(' ') {
            // Names, numbers and most other words are the story's own, written with its
            // number inside the word (before any trailing punctuation).
            let core = word.trim_end_matches(|c: char| !c.is_alphanumeric());
            let own = word.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) || (word.len() + story) % 5 != 0;
            if own && core.len() > 1 && core.chars().all(char::is_alphanumeric) {
                text.push_str(core);
                if core.chars().all(|c| c.is_ascii_digit()) {
                    text.push_str(&story.to_string());
                } else {
                    text.push_str(&tag);
                }
                text.push_str(&word[core.len()..]);
            } else {
                text.push_str(word);
            }
            text.push(' ');
        }
        text.push('\n');
    }
    let day = parallax::core::calendar::days_from_civil(2031, 1, 1) + (story / STORIES_PER_DAY) as i64;
    let (y, m, d) = parallax::core::calendar::civil_from_days(day);
    (text, Some(parallax::core::CalendarDate { year: y, month: m, day: d }))
}

fn stream_bench(seed: &[RawArticle], sizes: &[usize]) -> ExitCode {
    use parallax::stories::{number_counts, term_counts, StreamClusterer, StreamConfig};
    let mut per_article = Vec::new();
    for &n in sizes {
        let mut clusterer = StreamClusterer::new(StreamConfig::default());
        let (mut count_s, mut cluster_s) = (0.0f64, 0.0f64);
        let mut last_tenth = 0.0f64;
        for k in 0..n {
            let (text, date) = stream_article(seed, k);
            let start = Instant::now();
            let mut counts = term_counts(&text);
            counts.add(&number_counts(&text), 4.0);
            count_s += start.elapsed().as_secs_f64();
            let start = Instant::now();
            clusterer.add(&counts, date);
            let took = start.elapsed().as_secs_f64();
            cluster_s += took;
            if k >= n - n / 10 {
                last_tenth += took;
            }
        }
        let start = Instant::now();
        let state = clusterer.save();
        let save_s = start.elapsed().as_secs_f64();
        let us = 1e6 * cluster_s / n as f64;
        per_article.push((n, us, 1e6 * last_tenth / (n / 10).max(1) as f64));
        println!(
            "stream {n:>7} articles: clustering {:>9.0} articles/s ({us:.1} µs/article; last tenth {:.1} µs), term counting {:>8.0} articles/s, {} stories ({} live), state {:.1} MB saved in {:.3}s",
            n as f64 / cluster_s,
            1e6 * last_tenth / (n / 10).max(1) as f64,
            n as f64 / count_s,
            clusterer.stories(),
            clusterer.live_stories(),
            state.len() as f64 / 1e6,
            save_s
        );
    }
    if let (Some(first), Some(last)) = (per_article.first(), per_article.last()) {
        println!("cost per article at {} vs {}: {:.2}x (last tenths: {:.2}x)", last.0, first.0, last.1 / first.1, last.2 / first.2);
    }
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        if let Some(line) = status.lines().find(|l| l.starts_with("VmHWM")) {
            println!("peak memory: {}", line.trim_start_matches("VmHWM:").trim());
        }
    }
    ExitCode::SUCCESS
}

fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM")).map(|l| l.trim_start_matches("VmHWM:").trim().to_string()))
        .unwrap_or_else(|| "unknown".into())
}

/// Generated article `k` of many stories (see [`stream_article`]), from a few outlets.
fn stream_record(seed: &[RawArticle], k: usize) -> RawArticle {
    const OUTLETS: [&str; 6] = ["Coast Wire", "Valley Times", "Night Radio", "Harbour Post", "City Ledger", "Island News"];
    let (text, date) = stream_article(seed, k);
    RawArticle {
        id: format!("g{k}"),
        text,
        published: date.map(|d| d.to_string()),
        outlet: Some(OUTLETS[k % OUTLETS.len()].to_string()),
        ..RawArticle::default()
    }
}

/// `n` generated articles of many stories, in date order.
fn stream_corpus(seed: &[RawArticle], n: usize) -> Vec<RawArticle> {
    (0..n).map(|k| stream_record(seed, k)).collect()
}

/// Ingest of many generated stories (see [`stream_article`]) into fresh stores. The articles
/// are generated as ingest takes them, so the corpus is never held whole (peak memory is the
/// ingest's own), and the time spent generating them is left out of the figures.
fn ingest_bench(seed: &[RawArticle], sizes: &[usize]) -> ExitCode {
    let mut per_article = Vec::new();
    for &n in sizes {
        let dir = std::env::temp_dir().join(format!("parallax-ingest-bench-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let db = dir.join("bench.db");
        let (mut generating, mut words) = (std::time::Duration::ZERO, 0usize);
        let articles = (0..n).map(|k| {
            let start = Instant::now();
            let article = stream_record(seed, k);
            words += article.text.split_whitespace().count();
            generating += start.elapsed();
            article
        });
        let start = Instant::now();
        let mut collection = match parallax::Collection::open(&db, Engine::default()) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("parallax bench: {e}");
                return ExitCode::from(1);
            }
        };
        // Generated in date order already.
        let report = match collection.ingest_ordered(articles, n, &mut |_| {}) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("parallax bench: {e}");
                return ExitCode::from(1);
            }
        };
        let secs = (start.elapsed() - generating).as_secs_f64();
        drop(collection);
        let size: u64 = std::fs::read_dir(&dir)
            .map(|entries| entries.flatten().map(|e| dir_size(&e.path())).sum())
            .unwrap_or(0);
        let us = 1e6 * secs / n as f64;
        per_article.push((n, us));
        println!(
            "ingest {n:>7} articles ({words} words): {:>7.0} articles/s ({us:.0} µs/article), {} stored, {} copies, {} stories; store + index {:.0} MB; peak memory so far {}",
            n as f64 / secs,
            report.added,
            report.copies,
            report.new_stories,
            size as f64 / 1e6,
            peak_memory()
        );
        let t = &report.timings;
        let per = |d: std::time::Duration| 1e6 * d.as_secs_f64() / n as f64;
        println!(
            "  µs/article: reading {:.0} (all cores, beside storing); storing: clustering {:.0}, copies {:.0}, SQLite {:.0}, search indexing {:.0}, search commits {:.0}, clusterer checkpoints {:.0}",
            per(t.reading),
            per(t.clustering),
            per(t.copies),
            per(t.sqlite),
            per(t.search),
            per(t.search_commits),
            per(t.checkpoints)
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
    if let (Some(first), Some(last)) = (per_article.first(), per_article.last()) {
        println!("cost per article at {} vs {}: {:.2}x", last.0, first.0, last.1 / first.1);
    }
    ExitCode::SUCCESS
}

fn dir_size(path: &std::path::Path) -> u64 {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => std::fs::read_dir(path).map(|d| d.flatten().map(|e| dir_size(&e.path())).sum()).unwrap_or(0),
        Ok(m) => m.len(),
        Err(_) => 0,
    }
}

/// The load test: a store of `n` generated articles served on loopback, then each endpoint
/// alone (a story's page and JSON first when not rendered yet, then again), then all at once.
fn serve_bench(seed: &[RawArticle], n: usize, clients: usize, requests: usize) -> ExitCode {
    use parallax_server::load::{Endpoint, Phase};
    let dir = std::env::temp_dir().join(format!("parallax-serve-bench-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let db = dir.join("bench.db");
    let start = Instant::now();
    let ingested = parallax::Collection::open(&db, Engine::default()).and_then(|mut c| {
        // Titles make the story list readable; the ingest bench goes without, as before.
        let corpus = stream_corpus(seed, n).into_iter().map(|a| RawArticle { title: Some(format!("Report {}", a.id)), ..a }).collect();
        c.ingest(corpus, &mut |_| {})?;
        c.stories(parallax::store::StoryOrder::Id, None)
    });
    let stories = match ingested {
        Ok(s) => s,
        Err(e) => {
            eprintln!("parallax bench: {e}");
            return ExitCode::from(1);
        }
    };
    println!("stored {n} articles in {} stories in {:.1}s", stories.len(), start.elapsed().as_secs_f64());
    // Stories spread over the collection; articles likewise.
    let sample = 500.min(stories.len());
    let ids: Vec<i64> = (0..sample).map(|i| stories[i * stories.len() / sample.max(1)].id.0).collect();
    let articles: Vec<String> = (0..500).map(|i| format!("/api/articles/{}", 1 + i * n / 500)).collect();
    let paths = |f: &dyn Fn(i64) -> String| ids.iter().map(|&id| f(id)).collect::<Vec<_>>();
    let endpoint = |name: &str, paths: Vec<String>| Endpoint { name: name.to_owned(), paths };
    let one = |name: &str, paths: Vec<String>, requests: usize| Phase { name: name.to_owned(), endpoints: vec![endpoint(name, paths)], requests };
    let quotes = vec!["/api/quotes?q=strike&limit=20".into(), "/api/quotes?q=talks&limit=20".into()];
    // Each endpoint alone, so that its own rate shows; then all of them at once.
    let phases = [
        one("story page, first view", paths(&|id| format!("/stories/{id}")), ids.len()),
        one("story page", paths(&|id| format!("/stories/{id}")), requests),
        one("GET /api/stories/{id}, first", paths(&|id| format!("/api/stories/{id}")), ids.len()),
        one("GET /api/stories/{id}", paths(&|id| format!("/api/stories/{id}")), requests),
        one("GET /api/articles/{id}", articles.clone(), requests / 5),
        one("GET /api/stories?limit=20", vec!["/api/stories?limit=20".into()], requests / 5),
        one("GET /api/quotes?q=", quotes.clone(), requests / 5),
        one("story list page /?limit=20", vec!["/?limit=20".into()], requests / 5),
        Phase {
            name: "all at once".into(),
            endpoints: vec![
                endpoint("story page", paths(&|id| format!("/stories/{id}"))),
                endpoint("GET /api/stories/{id}", paths(&|id| format!("/api/stories/{id}"))),
                endpoint("GET /api/articles/{id}", articles),
                endpoint("GET /api/stories?limit=20", vec!["/api/stories?limit=20".into()]),
                endpoint("GET /api/quotes?q=", quotes),
                endpoint("story list page /?limit=20", vec!["/?limit=20".into()]),
            ],
            requests: requests / 2,
        },
    ];
    let mut config = parallax_server::Config::new(db);
    // The clients all come from one address: the per-client limit would measure itself.
    config.rate_per_second = 0;
    let limit = std::time::Duration::from_secs(120);
    // Then as `serve` keeps it: every story rendered in the background, each page viewed.
    let every: Vec<String> = stories.iter().map(|s| format!("/stories/{}", s.id.0)).collect();
    let warmed = [one("story page, any story (all rendered first, as serve does)", every, requests)];
    let reports = match parallax_server::load::measure(config.clone(), &phases, clients, limit, false)
        .and_then(|mut r| {
            let warm = Instant::now();
            let more = parallax_server::load::measure(config, &warmed, clients, limit, true)?;
            println!("rendered every story in {:.1}s", warm.elapsed().as_secs_f64());
            r.extend(more);
            Ok(r)
        }) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("parallax bench: {e}");
            return ExitCode::from(1);
        }
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    for (phase, r) in &reports {
        println!(
            "{phase}: {} requests in {:.1}s = {:.0} requests/s, {} errors, {clients} clients, {threads} cores{}",
            r.requests,
            r.seconds,
            r.requests_per_second(),
            r.errors,
            if r.timed_out { " (stopped by the time limit)" } else { "" }
        );
        for e in &r.endpoints {
            println!("  {:<28} {:>6} requests  p50 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms  {} errors", e.name, e.requests, e.p50_ms, e.p99_ms, e.max_ms, e.errors);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    let errors: usize = reports.iter().map(|r| r.1.errors).sum();
    if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
