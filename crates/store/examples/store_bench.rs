//! Storage cost of a streaming ingest, without the reading and clustering around it.
//!
//!     cargo run --release -p parallax-store --example store_bench -- N [--batch 500]
//!         [--state-bytes 65536] [--cache-mib MIB] [--db PATH]
//!
//! Each batch is one transaction shaped like `parallax ingest`'s: the batch's articles
//! (generated, about 2.9 KB of text each, dated in order), new stories for about one article
//! in eight, every article assigned to a story, about one in twenty linked as a copy, and the
//! clusterer state blob rewritten. Prints articles/s for that, for re-ingesting stored
//! articles, and for a date-order scan, and the size of the database.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use parallax_store::{ArticleId, NewArticle, Store, StoreError, StoreRead, StoryId, StoryOrder};

struct Options {
    articles: usize,
    batch: usize,
    state_bytes: usize,
    db: Option<PathBuf>,
    cache_mib: Option<u64>,
}

fn parse_options() -> Result<Options, String> {
    let mut options = Options {
        articles: 10_000,
        batch: 500,
        state_bytes: 64 * 1024,
        db: None,
        cache_mib: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--batch" => {
                options.batch = value("--batch")?
                    .parse()
                    .map_err(|e| format!("--batch: {e}"))?
            }
            "--state-bytes" => {
                options.state_bytes = value("--state-bytes")?
                    .parse()
                    .map_err(|e| format!("--state-bytes: {e}"))?
            }
            "--db" => options.db = Some(PathBuf::from(value("--db")?)),
            "--cache-mib" => {
                options.cache_mib = Some(
                    value("--cache-mib")?
                        .parse()
                        .map_err(|e| format!("--cache-mib: {e}"))?,
                )
            }
            count => options.articles = count.parse().map_err(|e| format!("N: {e}"))?,
        }
    }
    options.batch = options.batch.max(1);
    Ok(options)
}

/// xorshift64*: deterministic, so every run stores the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SYLLABLES: &[&str] = &[
    "port", "strike", "union", "talk", "crane", "wage", "dock", "mayor", "coun", "cil", "har",
    "bour", "ship", "ment", "ation", "pro", "test", "vote", "min", "ister", "re", "form", "bank",
    "rate", "storm", "flood", "court", "trial", "elect", "ion", "al", "er", "ing", "ed", "s",
];

fn word(rng: &mut Rng) -> String {
    (0..1 + rng.below(3))
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect()
}

/// Article `n` is the same on every call, so re-ingesting regenerates identical inputs.
fn generate(n: usize, total: usize) -> NewArticle {
    let rng = &mut Rng(0x9E37_79B9_7F4A_7C15 ^ (n as u64 + 1).wrapping_mul(0xD1B5_4A32_D192_ED03));
    let day = n * 365 / total.max(1);
    let mut text = format!("Report {n}.");
    for paragraph in 0..6 {
        text.push('\n');
        for i in 0..75 {
            if i > 0 {
                text.push(' ');
            }
            text.push_str(&word(rng));
        }
        text.push_str(&format!(" ({paragraph})."));
    }
    NewArticle {
        external_id: format!("bench-{n}"),
        title: Some(format!("{} {} {}", word(rng), word(rng), word(rng))),
        text,
        published: Some(format!("2025-{:02}-{:02}", 1 + day / 31 % 12, 1 + day % 28)),
        outlet: Some(format!("Outlet {}", rng.below(40))),
        url: Some(format!("https://example.org/news/{n}")),
        author: Some(format!("Reporter {}", rng.below(300))),
        source_file: Some("bench.jsonl".into()),
        source_record: Some(n as u64 + 1),
    }
}

struct Totals {
    write: Duration,
    write_cpu: Duration,
    slowest_batch: Duration,
    first_tenth: Duration,
    last_tenth: Duration,
    stories: usize,
    copies: usize,
}

fn ingest(store: &mut Store, options: &Options) -> Result<Totals, StoreError> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut totals = Totals {
        write: Duration::ZERO,
        write_cpu: Duration::ZERO,
        slowest_batch: Duration::ZERO,
        first_tenth: Duration::ZERO,
        last_tenth: Duration::ZERO,
        stories: 0,
        copies: 0,
    };
    let mut recent_stories: Vec<StoryId> = Vec::new();
    let mut recent_articles: Vec<ArticleId> = Vec::new();
    let state = vec![0xA5u8; options.state_bytes];
    let tenth = options.articles / 10;
    let mut start = 0;
    while start < options.articles {
        let end = (start + options.batch).min(options.articles);
        let batch: Vec<NewArticle> = (start..end)
            .map(|n| generate(n, options.articles))
            .collect();
        // Decided before the clock starts: this is the clusterer's work, not the store's.
        let joins: Vec<bool> = batch.iter().map(|_| rng.below(8) != 0).collect();
        let picks: Vec<usize> = batch.iter().map(|_| rng.next() as usize).collect();
        let copies: Vec<bool> = batch.iter().map(|_| rng.below(20) == 0).collect();

        let clock = Instant::now();
        let cpu_before = cpu_time();
        let (new_stories, new_copies) = store.write(|tx| {
            let ids = tx.insert_articles(&batch)?.ids;
            let mut assignments = Vec::with_capacity(ids.len());
            let (mut new_stories, mut new_copies) = (0, 0);
            for (i, &id) in ids.iter().enumerate() {
                let story = if joins[i] && !recent_stories.is_empty() {
                    recent_stories[picks[i] % recent_stories.len()]
                } else {
                    let story = tx.create_story(None)?;
                    recent_stories.push(story);
                    if recent_stories.len() > 200 {
                        recent_stories.remove(0);
                    }
                    new_stories += 1;
                    story
                };
                assignments.push((id, story));
                if copies[i] && !recent_articles.is_empty() {
                    tx.set_copy_of(id, recent_articles[picks[i] % recent_articles.len()])?;
                    new_copies += 1;
                }
            }
            tx.assign(&assignments)?;
            tx.put_state("clusterer", &state)?;
            recent_articles = ids;
            Ok::<_, StoreError>((new_stories, new_copies))
        })?;
        let spent = clock.elapsed();
        totals.write_cpu += cpu_time().saturating_sub(cpu_before);
        totals.write += spent;
        totals.slowest_batch = totals.slowest_batch.max(spent);
        if end <= tenth {
            totals.first_tenth += spent;
        }
        if start >= options.articles - tenth {
            totals.last_tenth += spent;
        }
        totals.stories += new_stories;
        totals.copies += new_copies;
        start = end;
    }
    Ok(totals)
}

/// User + system CPU time of this process, from /proc (Linux; zero elsewhere). On a shared
/// machine wall-clock rates swing with other load; CPU time much less.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks: u64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i)?.parse::<u64>().ok())
        .sum();
    Duration::from_millis(ticks * 10) // USER_HZ is 100 on Linux
}

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| {
            value
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<f64>()
                .ok()
        })
        .unwrap_or(0.0);
    kb / 1024.0
}

fn rate(count: usize, time: Duration) -> String {
    let per_second = count as f64 / time.as_secs_f64().max(1e-9);
    format!("{per_second:>9.0} articles/s")
}

fn file_size(path: &std::path::Path) -> u64 {
    std::fs::metadata(path).map_or(0, |meta| meta.len())
}

fn run(options: &Options) -> Result<(), StoreError> {
    let (db, temporary) = match &options.db {
        Some(path) => (path.clone(), false),
        None => (
            std::env::temp_dir().join(format!("parallax-store-bench-{}.db", std::process::id())),
            true,
        ),
    };
    let mut store = Store::open(&db)?;
    if let Some(mib) = options.cache_mib {
        store.set_page_cache_size(mib << 20)?;
    }
    println!(
        "store_bench: {} articles, batches of {}, state blob {} KiB per batch, page cache {}, {}",
        options.articles,
        options.batch,
        options.state_bytes / 1024,
        options
            .cache_mib
            .map_or("64 MiB (default)".to_string(), |mib| format!("{mib} MiB")),
        db.display()
    );

    let totals = ingest(&mut store, options)?;
    let n = options.articles;
    println!(
        "insert + assign + state: {:>8.2} s {}  (CPU {:.2} s: {}; slowest batch {:.0} ms; {} stories, {} copies)",
        totals.write.as_secs_f64(),
        rate(n, totals.write),
        totals.write_cpu.as_secs_f64(),
        rate(n, totals.write_cpu).trim_start(),
        totals.slowest_batch.as_secs_f64() * 1e3,
        totals.stories,
        totals.copies
    );
    let tenth = n / 10;
    if tenth >= options.batch {
        println!(
            "  first tenth {}, last tenth {}",
            rate(tenth - tenth % options.batch, totals.first_tenth),
            rate(tenth - tenth % options.batch, totals.last_tenth)
        );
    }

    // Re-ingest: the same inputs again, all duplicates.
    let again: Vec<NewArticle> = (0..tenth.max(1).min(n)).map(|i| generate(i, n)).collect();
    let clock = Instant::now();
    let mut added = 0;
    for batch in again.chunks(options.batch) {
        added += store.insert_articles(batch)?.inserted.len();
    }
    let spent = clock.elapsed();
    println!(
        "re-insert {} stored articles: {:>8.2} s {}  ({} added)",
        again.len(),
        spent.as_secs_f64(),
        rate(again.len(), spent),
        added
    );

    let clock = Instant::now();
    let mut scanned = 0;
    for page in store.scan_articles(1000) {
        scanned += page?.len();
    }
    let spent = clock.elapsed();
    println!(
        "scan in date order, pages of 1000: {:>8.2} s {}",
        spent.as_secs_f64(),
        rate(scanned, spent)
    );

    let clock = Instant::now();
    let stories = store.stories(StoryOrder::Size, None)?;
    println!(
        "list all {} stories with sizes, dates, outlets: {:.2} s",
        stories.len(),
        clock.elapsed().as_secs_f64()
    );

    let main = file_size(&db);
    let wal = file_size(std::path::Path::new(&format!("{}-wal", db.display())));
    println!(
        "database: {:.1} MB + WAL {:.1} MB = {:.2} KB per article",
        main as f64 / 1e6,
        wal as f64 / 1e6,
        (main + wal) as f64 / 1e3 / n.max(1) as f64
    );
    println!("peak memory (VmHWM): {:.0} MB", peak_rss_mb());
    drop(store);
    if temporary {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
    }
    Ok(())
}

fn main() {
    let options = match parse_options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("store_bench: {message}");
            eprintln!(
                "usage: store_bench N [--batch 500] [--state-bytes 65536] [--cache-mib MIB] [--db PATH]"
            );
            std::process::exit(2);
        }
    };
    if let Err(error) = run(&options) {
        eprintln!("store_bench: {error}");
        std::process::exit(1);
    }
}
