//! The engine against the gold answers of the bundled fictional example corpus
//! (`examples/brannock-port-strike`). Thresholds are the figures reached when each section was
//! built; they only go up.

use std::collections::HashMap;
use std::path::PathBuf;

use serde_json::Value;

/// Disagreement recall on the example, as measured when the section was built.
const DISCREPANCY_RECALL: f64 = 0.40;

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

/// Pairs of members (doc, text) that share a group, matched to gold members like quotes.
fn group_pair_f1(run: &Run) -> f64 {
    let flat = |v: &Value| -> Vec<(usize, String, String)> {
        items(v, "quote_groups")
            .iter()
            .enumerate()
            .flat_map(|(k, g)| g["members"].as_array().into_iter().flatten().map(move |m| (k, s(m, "doc").to_owned(), s(m, "text").to_owned())))
            .collect()
    };
    let (gm, pm) = (flat(&run.gold), flat(&run.out));
    let gold: Vec<(&str, &str)> = gm.iter().map(|(_, d, t)| (d.as_str(), t.as_str())).collect();
    let pred: Vec<(&str, &str)> = pm.iter().map(|(_, d, t)| (d.as_str(), t.as_str())).collect();
    let to_gold = match_pairs(&gold, &pred, 0.8);
    let pairs = |m: &[(usize, String, String)]| -> Vec<(usize, usize)> {
        (0..m.len()).flat_map(|i| (i + 1..m.len()).map(move |j| (i, j))).filter(|&(i, j)| m[i].0 == m[j].0).collect()
    };
    let gold_pairs = pairs(&gm);
    let pred_pairs = pairs(&pm);
    let found = pred_pairs
        .iter()
        .filter_map(|&(a, b)| Some((*to_gold.get(&a)?, *to_gold.get(&b)?)))
        .filter(|&(x, y)| gold_pairs.contains(&(x.min(y), x.max(y))))
        .count();
    if found == 0 { 0.0 } else { 2.0 * found as f64 / (gold_pairs.len() + pred_pairs.len()) as f64 }
}

/// Greedy one-to-one matching: predicted index → gold index.
fn match_pairs(gold: &[(&str, &str)], pred: &[(&str, &str)], threshold: f64) -> HashMap<usize, usize> {
    let mut cands = Vec::new();
    for (i, (gd, gt)) in gold.iter().enumerate() {
        for (j, (pd, pt)) in pred.iter().enumerate() {
            let o = if gd == pd { overlap(&bag(gt), &bag(pt)) } else { 0.0 };
            if o > 0.0 && o >= threshold {
                cands.push((o, i, j));
            }
        }
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut used, mut out) = (std::collections::HashSet::new(), HashMap::new());
    for (_, i, j) in cands {
        if !used.contains(&i) && !out.contains_key(&j) {
            used.insert(i);
            out.insert(j, i);
        }
    }
    out
}

/// Does some predicted evidence/side overlap this gold text (same doc, token F1 >= 0.5)?
fn overlaps(doc: &str, text: &str, pred: &[(String, String)]) -> bool {
    pred.iter().any(|(d, t)| d == doc && overlap(&bag(text), &bag(t)) >= 0.5)
}

#[test]
fn quote_groups_match_the_gold() {
    let run = example();
    let f1 = group_pair_f1(&run);
    assert!(f1 >= 0.55, "quote-group pair F1 {f1:.3}");
    for g in items(&run.out, "quote_groups") {
        let members = g["members"].as_array().unwrap();
        assert!(members.len() >= 2);
        assert!(members.iter().all(|m| m["diff"].is_array()));
    }
}

#[test]
fn events_are_dated_like_the_gold() {
    let run = example();
    let pred: Vec<(Option<String>, Vec<(String, String)>)> = items(&run.out, "events")
        .iter()
        .map(|e| {
            let ev = e["evidence"].as_array().into_iter().flatten().map(|x| (s(x, "doc").to_owned(), s(x, "text").to_owned())).collect();
            (e["date"].as_str().map(str::to_owned), ev)
        })
        .collect();
    let dated: Vec<&Value> = items(&run.gold, "events").iter().filter(|e| e["date"].is_string()).collect();
    let right = dated
        .iter()
        .filter(|g| {
            pred.iter().any(|(date, ev)| {
                date.as_deref() == g["date"].as_str()
                    && g["evidence"].as_array().into_iter().flatten().any(|x| overlaps(s(x, "doc"), s(x, "text"), ev))
            })
        })
        .count();
    let recall = right as f64 / dated.len() as f64;
    assert!(recall >= 0.70, "event date recall {recall:.3}");
}

#[test]
fn disagreements_are_found() {
    let run = example();
    let pred: Vec<Vec<(String, String)>> = items(&run.out, "discrepancies")
        .iter()
        .map(|d| d["sides"].as_array().into_iter().flatten().map(|x| (s(x, "doc").to_owned(), s(x, "text").to_owned())).collect())
        .collect();
    let gold = items(&run.gold, "discrepancies");
    let found = gold
        .iter()
        .filter(|g| {
            let sides: Vec<&Value> = g["sides"].as_array().into_iter().flatten().collect();
            pred.iter().any(|p| sides.iter().filter(|x| overlaps(s(x, "doc"), s(x, "text"), p)).count() >= sides.len().min(2))
        })
        .count();
    let recall = found as f64 / gold.len() as f64;
    assert!(recall >= DISCREPANCY_RECALL, "discrepancy recall {recall:.3}");
}

#[test]
fn the_summary_cites_exact_texts_from_several_articles() {
    let run = example();
    let bodies: HashMap<&str, &str> = items(&run.out, "docs").iter().map(|d| (s(d, "id"), s(d, "body"))).collect();
    let summary = items(&run.out, "summary");
    assert!((5..=10).contains(&summary.len()), "{} sentences", summary.len());
    let mut cited = 0;
    for sentence in summary {
        let sources = sentence["sources"].as_array().unwrap();
        assert!(!sources.is_empty());
        for src in sources {
            assert!(bodies[s(src, "doc")].contains(s(src, "text")), "citation not in its article: {src}");
        }
        let mut docs: Vec<&str> = sources.iter().map(|x| s(x, "doc")).collect();
        docs.sort_unstable();
        docs.dedup();
        cited += docs.len();
    }
    let per_sentence = cited as f64 / summary.len() as f64;
    assert!(per_sentence >= 1.5, "{per_sentence:.2} articles cited per sentence");
}

#[test]
fn coverage_lists_every_outlet() {
    let run = example();
    let coverage = items(&run.out, "coverage");
    assert_eq!(coverage.len(), 1);
    let outlets = coverage[0]["outlets"].as_array().unwrap();
    assert_eq!(outlets.len(), 5);
    assert!(outlets.iter().all(|o| o["quoted"].as_array().is_some_and(|q| !q.is_empty())));
}

#[test]
fn the_same_input_gives_the_same_output() {
    let (a, b) = (example(), example());
    assert_eq!(a.out, b.out);
}
