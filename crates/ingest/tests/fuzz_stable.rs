//! The fuzz bodies on stable Rust, for machines without nightly (cargo-fuzz needs it).
//!
//! `seeds_do_not_panic` runs every body on its seed files (`fuzz/seeds/<target>/`) in each
//! `cargo test`. `mutate` is a blind mutation fuzzer (no coverage feedback, so weaker than
//! libFuzzer) that runs until told to stop:
//!
//!     FUZZ_TARGET=warc FUZZ_SECONDS=600 cargo test --release -p parallax-ingest --test fuzz_stable -- --ignored --nocapture
//!
//! A panic saves the input to `$TMPDIR/parallax-fuzz-<target>-crash` and fails the test.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use parallax_ingest::fuzz::TARGETS;

fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/seeds").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    files.sort();
    files.iter().filter_map(|f| std::fs::read(f).ok()).collect()
}

#[test]
fn seeds_do_not_panic() {
    for (name, body) in TARGETS {
        let seeds = seeds(name);
        assert!(!seeds.is_empty(), "no seeds for {name}");
        for seed in seeds {
            body(&seed);
            for cut in [0, 1, seed.len() / 3, seed.len() / 2, seed.len().saturating_sub(1)] {
                body(&seed[..cut]);
            }
        }
    }
}

/// Byte strings the formats give meaning to, spliced in by the mutator.
const TOKENS: &[&[u8]] = &[
    b"WARC/1.0\r\n", b"WARC/1.1\r\n", b"Content-Length: ", b"Content-Length: 99999999999\r\n", b"\r\n\r\n", b"\r\n", b"WARC-Type: response\r\n",
    b"WARC-Type: resource\r\n", b"Content-Type: text/html; charset=", b"HTTP/1.1 200 OK\r\n", b"Transfer-Encoding: chunked\r\n",
    b"Content-Encoding: gzip\r\n", b"\x1f\x8b\x08\x00", b"<item>", b"</item>", b"<entry>", b"</entry>", b"<![CDATA[", b"]]>",
    b"<content:encoded>", b"<description>", b"<pubDate>", b"<rss version=\"2.0\">", b"<feed xmlns=\"http://www.w3.org/2005/Atom\">",
    b"<?xml version=\"1.0\" encoding=\"windows-1252\"?>", b"&amp;", b"&#x", b"<meta charset=", b"<p>", b"</p>", b"<script>", b"<!--",
    b"{", b"}", b"[", b"]", b"\"maintext\":", b"\"authors\":", b"\"id\":", b"\"html\":", b"null", b"\\u", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00",
    b"\xe9", b"\xf0\x9f", b"\n",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

fn mutate(rng: &mut Rng, input: &mut Vec<u8>, corpus: &[Vec<u8>]) {
    for _ in 0..1 + rng.below(4) {
        let len = input.len();
        match rng.below(8) {
            0 if len > 0 => {
                let i = rng.below(len);
                input[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                input[i] = rng.next() as u8;
            }
            2 => {
                let at = rng.below(len + 1);
                let token = TOKENS[rng.below(TOKENS.len())];
                input.splice(at..at, token.iter().copied());
            }
            3 if len > 0 => {
                let from = rng.below(len);
                let to = (from + 1 + rng.below(64)).min(len);
                input.drain(from..to);
            }
            4 if len > 0 => {
                let from = rng.below(len);
                let to = (from + 1 + rng.below(256)).min(len);
                let piece = input[from..to].to_vec();
                let at = rng.below(len + 1);
                input.splice(at..at, piece);
            }
            5 => input.truncate(rng.below(len + 1)),
            6 => {
                let other = &corpus[rng.below(corpus.len())];
                if !other.is_empty() {
                    let from = rng.below(other.len());
                    let to = (from + 1 + rng.below(512)).min(other.len());
                    let at = rng.below(len + 1);
                    input.splice(at..at, other[from..to].iter().copied());
                }
            }
            _ => {
                // Digits next to a digit: lengths and sizes are where framing breaks.
                if let Some(i) = (0..len).map(|k| (k + rng.below(len)) % len).find(|&k| input[k].is_ascii_digit()) {
                    input[i] = b"0123456789"[rng.below(10)];
                }
            }
        }
    }
    input.truncate(1 << 20);
}

#[test]
#[ignore = "runs for FUZZ_SECONDS; see the module comment"]
fn mutate_target() {
    let name = std::env::var("FUZZ_TARGET").unwrap_or_else(|_| "warc".into());
    let seconds: u64 = std::env::var("FUZZ_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(60);
    let seed: u64 = std::env::var("FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x9e37_79b9_7f4a_7c15);
    let (_, body) = TARGETS.iter().find(|(n, _)| *n == name).unwrap_or_else(|| panic!("unknown FUZZ_TARGET {name}"));
    let mut corpus = seeds(&name);
    let mut rng = Rng(seed | 1);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut runs = 0u64;
    std::panic::set_hook(Box::new(|_| {}));
    while Instant::now() < deadline {
        for _ in 0..100 {
            let mut input = corpus[rng.below(corpus.len())].clone();
            mutate(&mut rng, &mut input, &corpus);
            if std::panic::catch_unwind(|| body(&input)).is_err() {
                let path = std::env::temp_dir().join(format!("parallax-fuzz-{name}-crash"));
                std::fs::write(&path, &input).unwrap();
                let _ = std::panic::take_hook();
                panic!("{name}: panic after {runs} runs; input saved to {}", path.display());
            }
            runs += 1;
            // Keep some mutants so that mutations stack up over time.
            if rng.below(50) == 0 {
                if corpus.len() < 2000 {
                    corpus.push(input);
                } else {
                    let i = rng.below(corpus.len());
                    corpus[i] = input;
                }
            }
        }
    }
    println!("{name}: {runs} runs in {seconds} s, no panic");
}
