#!/usr/bin/env python3
"""Print misses, false positives and wrong values of a timex prediction against a gold file.

Usage: scripts/misses.py GOLD.json PRED.json [--input INPUT.jsonl] [--only fn|fp|val]
Uses the scorer's own matching (same doc, one-to-one, best token overlap first).
With --input, shows a little context around each item.
"""
import argparse, json, sys
from collections import Counter

sys.path.insert(0, "/work/shared/eval")
import score  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("gold")
ap.add_argument("pred")
ap.add_argument("--input")
ap.add_argument("--only")
args = ap.parse_args()
gold = json.load(open(args.gold))["time_expressions"]
pred = json.load(open(args.pred))["time_expressions"]
texts, dct = {}, {}
if args.input:
    for line in open(args.input):
        d = json.loads(line)
        texts[d["id"]] = d["text"]
        dct[d["id"]] = d.get("published")

pairs = score.match([(t["doc"], score.bag(t["text"])) for t in gold],
                    [(t["doc"], score.bag(t["text"])) for t in pred], 0)
used = set(pairs.values())


def ctx(t):
    text = texts.get(t["doc"])
    if not text:
        return ""
    k = text.find(t["text"], t.get("start", 0) - 5 if "start" in t else 0)
    if k < 0:
        k = text.find(t["text"])
    return " | " + text[max(0, k - 60):k + len(t["text"]) + 40].replace("\n", " ")


kinds = Counter()
for i, g in enumerate(gold):
    if i not in pairs:
        kinds["fn"] += 1
        if args.only in (None, "fn"):
            print(f"FN  {dct.get(g['doc'])} {g['text']!r} {g['type']} {g['value']}{ctx(g)}")
    else:
        p = pred[pairs[i]]
        if not score.same_value(g["value"], p["value"]):
            kinds["val"] += 1
            if args.only in (None, "val"):
                print(f"VAL {dct.get(g['doc'])} gold {g['text']!r} {g['type']} {g['value']}  pred {p['text']!r} {p['type']} {p['value']}{ctx(g)}")
for j, p in enumerate(pred):
    if j not in used:
        kinds["fp"] += 1
        if args.only in (None, "fp"):
            print(f"FP  {dct.get(p['doc'])} {p['text']!r} {p['type']} {p['value']}{ctx(p)}")
print(dict(kinds), file=sys.stderr)
