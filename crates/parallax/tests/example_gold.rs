//! The engine against the gold answers of the bundled fictional example corpus
//! (`examples/brannock-port-strike`). Thresholds are the figures reached when each section was
//! built; they only go up.

use std::collections::HashMap;
use std::path::PathBuf;

use serde_json::Value;

struct Run {
    gold: Value,
    out: Value,
}

fn example() -> Run {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/brannock-port-strike");
    let inputs = parallax::ingest::read_inputs(&[dir.join("articles.jsonl")]);
    assert!(inputs.errors.is_empty(), "{:?}", inputs.errors);
    let analysis = parallax::Engine::default().analyze(inputs.articles);
    let out: Value = serde_json::from_str(&parallax::contract::to_json(&analysis)).unwrap();
    let gold: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).unwrap()).unwrap();
    Run { gold, out }
}

fn items<'a>(v: &'a Value, section: &str) -> &'a [Value] {
    v[section].as_array().map_or(&[], Vec::as_slice)
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or("")
}

/// Lowercased word tokens, as the evaluation compares texts.
fn bag(text: &str) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for w in text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').filter(|w| !w.is_empty()) {
        *out.entry(w.to_lowercase().replace('’', "'")).or_default() += 1;
    }
    out
}

fn overlap(a: &HashMap<String, usize>, b: &HashMap<String, usize>) -> f64 {
    let common: usize = a.iter().map(|(w, n)| (*n).min(*b.get(w).unwrap_or(&0))).sum();
    if common == 0 {
        return 0.0;
    }
    let (na, nb) = (a.values().sum::<usize>() as f64, b.values().sum::<usize>() as f64);
    let (p, r) = (common as f64 / nb, common as f64 / na);
    2.0 * p * r / (p + r)
}

/// One-to-one greedy matching of (doc, text) items at token-F1 >= threshold: (matched, gold, pred).
fn matched(gold: &[(&str, &str)], pred: &[(&str, &str)], threshold: f64) -> (usize, usize, usize) {
    let gb: Vec<_> = gold.iter().map(|(d, t)| (*d, bag(t))).collect();
    let pb: Vec<_> = pred.iter().map(|(d, t)| (*d, bag(t))).collect();
    let mut cands = Vec::new();
    for (i, (gd, g)) in gb.iter().enumerate() {
        for (j, (pd, p)) in pb.iter().enumerate() {
            let o = if gd == pd { overlap(g, p) } else { 0.0 };
            if o >= threshold && o > 0.0 {
                cands.push((o, i, j));
            }
        }
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut used_g, mut used_p, mut n) = (vec![false; gb.len()], vec![false; pb.len()], 0);
    for (_, i, j) in cands {
        if !used_g[i] && !used_p[j] {
            used_g[i] = true;
            used_p[j] = true;
            n += 1;
        }
    }
    (n, gb.len(), pb.len())
}

fn f1((m, g, p): (usize, usize, usize)) -> f64 {
    if m == 0 { 0.0 } else { 2.0 * m as f64 / (g + p) as f64 }
}

fn quotes_of<'a>(v: &'a Value, kinds: &[&str]) -> Vec<(&'a str, &'a str)> {
    items(v, "quotes").iter().filter(|q| kinds.contains(&s(q, "kind"))).map(|q| (s(q, "doc"), s(q, "text"))).collect()
}

#[test]
fn every_output_text_is_a_substring_of_its_body() {
    let run = example();
    let bodies: HashMap<&str, &str> = items(&run.out, "docs").iter().map(|d| (s(d, "id"), s(d, "body"))).collect();
    for section in ["quotes", "time_expressions"] {
        for item in items(&run.out, section) {
            let body = bodies[s(item, "doc")];
            for key in ["text", "speaker_text", "cue"] {
                if let Some(t) = item[key].as_str() {
                    assert!(body.contains(t), "{section}.{key} {t:?} not in body of {}", s(item, "doc"));
                }
            }
        }
    }
}

#[test]
fn cleaning_removes_the_boilerplate_and_keeps_the_text() {
    let run = example();
    let bodies: HashMap<&str, &str> = items(&run.out, "docs").iter().map(|d| (s(d, "id"), s(d, "body"))).collect();
    for doc in items(&run.gold, "docs") {
        let body = bodies[s(doc, "id")];
        for line in doc["must_not"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            assert!(!body.contains(line), "boilerplate kept in {}: {line:?}", s(doc, "id"));
        }
        for paragraph in s(doc, "body").lines() {
            assert!(body.contains(paragraph), "text lost from {}: {paragraph:?}", s(doc, "id"));
        }
    }
}

#[test]
fn quotes_match_the_gold() {
    let run = example();
    let direct = f1(matched(&quotes_of(&run.gold, &["direct"]), &quotes_of(&run.out, &["direct"]), 0.8));
    let dp = f1(matched(&quotes_of(&run.gold, &["direct", "partial"]), &quotes_of(&run.out, &["direct", "partial"]), 0.8));
    let indirect = f1(matched(&quotes_of(&run.gold, &["indirect"]), &quotes_of(&run.out, &["indirect"]), 0.8));
    assert!(direct >= 0.90, "direct F1 {direct:.3}");
    assert!(dp >= 0.90, "direct+partial F1 {dp:.3}");
    assert!(indirect >= 0.55, "indirect F1 {indirect:.3}");
}

#[test]
fn time_expressions_match_the_gold() {
    let run = example();
    let pairs = |v: &Value| -> Vec<(String, String)> {
        items(v, "time_expressions").iter().map(|t| (s(t, "doc").to_owned(), s(t, "text").to_owned())).collect()
    };
    let (g, p) = (pairs(&run.gold), pairs(&run.out));
    let gold: Vec<(&str, &str)> = g.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let pred: Vec<(&str, &str)> = p.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let relaxed = f1(matched(&gold, &pred, 0.01));
    assert!(relaxed >= 0.90, "relaxed F1 {relaxed:.3}");
    let values: HashMap<(&str, &str), &str> =
        items(&run.out, "time_expressions").iter().map(|t| ((s(t, "doc"), s(t, "text")), s(t, "value"))).collect();
    let gold_t = items(&run.gold, "time_expressions");
    let right = gold_t.iter().filter(|t| values.get(&(s(t, "doc"), s(t, "text"))) == Some(&s(t, "value"))).count();
    assert!(right as f64 / gold_t.len() as f64 >= 0.80, "values right: {right}/{}", gold_t.len());
}

#[test]
fn one_story_and_its_people() {
    let run = example();
    assert_eq!(items(&run.out, "stories").len(), 1);
    let names: Vec<String> = items(&run.out, "entities")
        .iter()
        .filter(|e| matches!(s(e, "type"), "PERSON" | "ORG"))
        .map(|e| s(e, "name").to_lowercase())
        .collect();
    let gold = items(&run.gold, "entities").iter().filter(|e| matches!(s(e, "type"), "PERSON" | "ORG")).collect::<Vec<_>>();
    let found = gold
        .iter()
        .filter(|e| {
            let mut forms: Vec<String> = vec![s(e, "name").to_lowercase()];
            forms.extend(e["aliases"].as_array().into_iter().flatten().filter_map(Value::as_str).map(str::to_lowercase));
            forms.iter().any(|f| names.contains(f))
        })
        .count();
    let recall = found as f64 / gold.len() as f64;
    assert!(recall >= 0.50, "entity detection recall {recall:.3}");
}
