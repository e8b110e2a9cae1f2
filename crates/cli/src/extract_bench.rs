//! `parallax bench --extract INPUT`: HTML extraction throughput (main text and metadata of a
//! page, `parallax_extract::extract`) over real pages, on one thread and on all cores.

use std::io::BufRead;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use rayon::prelude::*;

/// Rounds over the pages, each way; the fastest counts.
const ROUNDS: usize = 3;

/// A page to extract: its HTML and the URL it came from, if known.
struct Page {
    html: String,
    url: Option<String>,
}

pub fn run(input: &Path) -> ExitCode {
    let pages = match pages_of(input) {
        Ok(p) if !p.is_empty() => p,
        Ok(_) => {
            eprintln!("parallax bench: no HTML pages in {} (a folder of .html files, or JSONL with an \"html\" field)", input.display());
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("parallax bench: {}: {e}", input.display());
            return ExitCode::from(1);
        }
    };
    let bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    let extract = |p: &Page| parallax_extract::extract(&p.html, p.url.as_deref()).text.len();

    // The fastest of a few rounds: on a shared machine the slower ones measure the neighbours.
    let fastest = |round: &dyn Fn()| {
        (0..ROUNDS)
            .map(|_| {
                let start = Instant::now();
                round();
                start.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min)
    };
    let text: usize = pages.iter().map(extract).sum();
    let single = fastest(&|| {
        std::hint::black_box(pages.iter().map(extract).sum::<usize>());
    });
    let all = fastest(&|| {
        std::hint::black_box(pages.par_iter().map(extract).sum::<usize>());
    });
    let threads = rayon::current_num_threads();

    println!(
        "extract: {} pages, {:.1} MB of HTML, {:.1} MB of text ({}); fastest of {ROUNDS} rounds",
        pages.len(),
        bytes as f64 / 1e6,
        text as f64 / 1e6,
        input.display()
    );
    for (label, secs) in [("1 thread ", single), (&format!("{threads} threads") as &str, all)] {
        println!("extract, {label}: {:>8.1} pages/s  {:>6.2} MB/s  ({secs:.2}s)", pages.len() as f64 / secs, bytes as f64 / 1e6 / secs);
    }
    ExitCode::SUCCESS
}

fn pages_of(input: &Path) -> std::io::Result<Vec<Page>> {
    if input.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(input)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "html" | "htm")))
            .collect();
        files.sort();
        let mut pages = Vec::with_capacity(files.len());
        for f in &files {
            // A page that cannot be read is named and left out of the figures.
            match std::fs::read(f) {
                Ok(bytes) => pages.push(Page { html: parallax_extract::decode_html(&bytes, None), url: None }),
                Err(e) => eprintln!("parallax bench: {}: {e} (left out)", f.display()),
            }
        }
        return Ok(pages);
    }
    let reader = std::io::BufReader::new(std::fs::File::open(input)?);
    let mut pages = Vec::new();
    for (n, line) in reader.lines().enumerate() {
        let record = match serde_json::from_str::<serde_json::Value>(&line?) {
            Ok(record) => record,
            Err(e) => {
                eprintln!("parallax bench: {}:{}: {e} (left out)", input.display(), n + 1);
                continue;
            }
        };
        if let Some(html) = record.get("html").and_then(|h| h.as_str()) {
            let url = record.get("url").and_then(|u| u.as_str()).map(str::to_owned);
            pages.push(Page { html: html.to_owned(), url });
        }
    }
    Ok(pages)
}
