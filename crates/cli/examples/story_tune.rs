//! Story clustering on evaluation packs, batch and streaming, for many settings in one run:
//! the packs are read once, then each setting is clustered and scored (B³ F1 against the
//! pack's gold stories).
//!
//!     cargo run --release -p parallax-cli --example story_tune -- PACK_DIR... -- thr=0.22,half=30 thr=0.25
//!
//! Setting keys: thr (streaming join), bthr (batch join), half, window, refine, spec, merge,
//! avg, title, names, numbers.

use std::collections::HashMap;
use std::path::PathBuf;

use parallax::core::{DocAnalysis, Document};
use parallax::stories::{article_counts, cluster_counted, cluster_streaming, FeatureWeights, StoryConfig, TermCounts};
use parallax::Engine;

struct Pack {
    name: String,
    docs: Vec<Document>,
    analyses: Vec<DocAnalysis>,
    gold: Vec<usize>,
}

fn load(dir: &PathBuf, engine: &Engine) -> Pack {
    let inputs = parallax::ingest::read_inputs(&[dir.join("input.jsonl")]);
    let gold: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).unwrap()).unwrap();
    let mut story_of: HashMap<String, usize> = HashMap::new();
    for (k, s) in gold["stories"].as_array().unwrap().iter().enumerate() {
        for d in s["docs"].as_array().unwrap() {
            story_of.insert(d.as_str().unwrap().to_owned(), k);
        }
    }
    let docs: Vec<Document> = inputs.articles.iter().map(|a| engine.clean(a).0).collect();
    let analyses = docs.iter().map(|d| engine.read(d)).collect();
    let gold = inputs.articles.iter().map(|a| story_of[&a.id]).collect();
    Pack { name: dir.file_name().unwrap().to_string_lossy().into_owned(), docs, analyses, gold }
}

fn b3(pred: &[Vec<usize>], gold: &[usize], n: usize) -> f64 {
    let mut pred_of = vec![0; n];
    for (k, s) in pred.iter().enumerate() {
        for &d in s {
            pred_of[d] = k;
        }
    }
    let (mut p, mut r) = (0.0, 0.0);
    for i in 0..n {
        let both = (0..n).filter(|&j| pred_of[j] == pred_of[i] && gold[j] == gold[i]).count() as f64;
        p += both / (0..n).filter(|&j| pred_of[j] == pred_of[i]).count() as f64;
        r += both / (0..n).filter(|&j| gold[j] == gold[i]).count() as f64;
    }
    let (p, r) = (p / n as f64, r / n as f64);
    2.0 * p * r / (p + r)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let split = args.iter().position(|a| a == "--").unwrap_or(args.len());
    let engine = Engine::default();
    let packs: Vec<Pack> = args[..split].iter().map(|p| load(&PathBuf::from(p), &engine)).collect();
    let settings: Vec<String> = if split < args.len() { args[split + 1..].to_vec() } else { vec![String::new()] };
    for setting in settings {
        let mut config = StoryConfig::default();
        let mut weights = FeatureWeights::default();
        for kv in setting.split(',').filter(|s| !s.is_empty()) {
            let (k, v) = kv.split_once('=').expect("key=value");
            let v: f32 = v.parse().expect("number");
            match k {
                "thr" => config.stream.join_threshold = v,
                "bthr" => config.join_threshold = v,
                "half" => config.stream.half_similarity_days = v,
                "window" => config.stream.window_days = v as u32,
                "refine" => config.refinements = v as usize,
                "spec" => config.stream.specific_weight = v,
                "merge" => config.stream.merge_threshold = v,
                "avg" => config.stream.average_link = v > 0.0,
                "title" => weights.title = v,
                "names" => weights.names = v,
                "numbers" => weights.numbers = v,
                _ => panic!("unknown key {k}"),
            }
        }
        let mut line = format!("{setting:<40}");
        let mut sum = [0.0; 2];
        for pack in &packs {
            let counted: Vec<TermCounts> = pack.docs.iter().zip(&pack.analyses).map(|(d, a)| article_counts(d, a, weights)).collect();
            let refs: Vec<&TermCounts> = counted.iter().collect();
            // Both modes compare the same terms, as the engine does.
            let batch = cluster_counted(&pack.docs, &refs, config);
            let stream = cluster_streaming(&pack.docs, &refs, config.stream);
            let (fb, fs) = (b3(&batch, &pack.gold, pack.docs.len()), b3(&stream, &pack.gold, pack.docs.len()));
            if let Ok(dir) = std::env::var("DUMP") {
                let dump = |groups: &Vec<Vec<usize>>| -> Vec<Vec<String>> { groups.iter().map(|g| g.iter().map(|&i| pack.docs[i].id.clone()).collect()).collect() };
                let json = serde_json::json!({"batch": dump(&batch), "stream": dump(&stream)});
                std::fs::write(format!("{dir}/{}.json", pack.name), json.to_string()).unwrap();
            }
            sum[0] += fb;
            sum[1] += fs;
            line.push_str(&format!("  {} b {fb:.3} s {fs:.3}", pack.name));
        }
        println!("{line}");
    }
}
