#!/usr/bin/env python3
"""Check a bundled example's gold against its articles.

    python3 examples/check_gold.py [EXAMPLE_DIR ...]     (default: every examples/*/ with gold.json)

For each example folder (articles.jsonl + gold.json) it checks that:
  * docs match the articles (id, outlet, title, published); each doc's `body` is the article text
    with exactly its `must_not` boilerplate lines removed;
  * every text (quotes, quote-group members, time expressions, event evidence, discrepancy
    sides) is an exact substring of its article, and lies in the cleaned body, not in boilerplate;
    time expressions' start/end offsets point at their text; a quote text that occurs more than
    once in its doc is reported (the convention is: the first occurrence is meant);
  * every entity alias occurs (as a whole word) in at least one of the entity's docs, every
    descriptor occurs somewhere, every listed doc mentions the entity by alias or descriptor, and
    every speaker / holder / group speaker is a known entity id;
  * every span in double quotation marks (straight or curly, including paragraphs that open a
    quote without closing it) and every curly single-quoted span in the bodies is covered by a
    quote entry of that doc;
  * score.py scores the gold against itself 1.0 on every figure (with --input), and score.py's
    --self-test passes on it.
Exit status 1 on any error.
"""
import glob
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCORER = os.environ.get("PARALLAX_SCORER", "/work/shared/eval/score.py")
KINDS = {"direct", "partial", "indirect"}
TIME_TYPES = {"DATE", "TIME", "DURATION", "SET"}
DISC_KINDS = {"numeric", "date", "wording", "claim_vs_denial", "other"}
PRECISION = {"day", "month", "year", "unknown"}


def check(folder):
    errors, warnings = [], []
    err, warn = errors.append, warnings.append
    arts = {}
    with open(os.path.join(folder, "articles.jsonl"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                rec = json.loads(line)
                arts[rec["id"]] = rec
    with open(os.path.join(folder, "gold.json"), encoding="utf-8") as f:
        gold = json.load(f)
    if gold.get("schema") != "parallax/1":
        err("schema is not parallax/1")

    # ---- docs and bodies
    texts, bodies = {}, {}
    gdocs = {d["id"]: d for d in gold.get("docs", [])}
    if set(gdocs) != set(arts):
        err(f"docs {sorted(gdocs)} != articles {sorted(arts)}")
    for did, a in arts.items():
        texts[did] = a["text"]
        d = gdocs.get(did)
        if d is None:
            continue
        for key in ("outlet", "title", "published"):
            if d.get(key) != a.get(key):
                err(f"{did}: {key} {d.get(key)!r} != article {a.get(key)!r}")
        if not re.fullmatch(r"\d{4}-\d\d-\d\d", a.get("published", "")):
            err(f"{did}: published is not YYYY-MM-DD")
        paras = a["text"].split("\n")
        boiler = d.get("must_not", [])
        for b in boiler:
            if b not in paras:
                err(f"{did}: must_not line is not a paragraph of the text: {b!r}")
        want = "\n".join(p for p in paras if p not in boiler)
        if d.get("body") is not None and d["body"] != want:
            err(f"{did}: body is not the text minus the must_not lines")
        bodies[did] = want
        for b in boiler:
            if b in want:
                err(f"{did}: boilerplate {b!r} still occurs in the body")
        words = len(a["text"].split())
        if not 250 <= words <= 600:
            warn(f"{did}: {words} words (brief: 250-600)")

    def in_doc(where, doc, text, body_only=True):
        if doc not in texts:
            err(f"{where}: unknown doc {doc!r}")
            return False
        if text not in texts[doc]:
            err(f"{where}: not a substring of {doc}: {text!r}")
            return False
        if body_only and text not in bodies[doc]:
            err(f"{where}: only in boilerplate of {doc}: {text!r}")
            return False
        return True

    # ---- entities
    ents = {}
    for e in gold.get("entities", []):
        if e["id"] in ents:
            err(f"entity id {e['id']} twice")
        ents[e["id"]] = e
        for doc in e.get("docs", []):
            if doc not in texts:
                err(f"entity {e['id']}: unknown doc {doc}")
        edocs = [texts[d] for d in e.get("docs", []) if d in texts]
        for alias in e.get("aliases", []):
            pat = re.compile(r"(?<!\w)" + re.escape(alias) + r"(?!\w)")
            if not any(pat.search(t) for t in edocs):
                err(f"entity {e['id']}: alias {alias!r} occurs in none of its docs")
        for desc in e.get("descriptors", []):
            if not any(desc in t for t in texts.values()):
                err(f"entity {e['id']}: descriptor {desc!r} occurs in no doc")
        for doc in e.get("docs", []):
            names = e.get("aliases", []) + e.get("descriptors", [])
            if doc in texts and not any(n in texts[doc] for n in names):
                err(f"entity {e['id']}: doc {doc} has none of its aliases/descriptors")

    def known(where, eid):
        if eid is not None and eid not in ents:
            err(f"{where}: unknown entity {eid!r}")

    # ---- quotes
    by_doc = {}
    for n, q in enumerate(gold.get("quotes", [])):
        where = f"quotes[{n}]"
        if q["kind"] not in KINDS:
            err(f"{where}: kind {q['kind']!r}")
        known(where, q.get("speaker"))
        if in_doc(where, q["doc"], q["text"]):
            count = texts[q["doc"]].count(q["text"])
            if count > 1:
                warn(f"{where}: occurs {count} times in {q['doc']} (first is meant): {q['text']!r}")
        st = q.get("speaker_text")
        if st and q["doc"] in texts and st not in texts[q["doc"]]:
            err(f"{where}: speaker_text {st!r} not in {q['doc']}")
        if q.get("cue") and q["doc"] in texts and q["cue"] not in texts[q["doc"]]:
            err(f"{where}: cue {q['cue']!r} not in {q['doc']}")
        by_doc.setdefault(q["doc"], []).append(q["text"])

    # every quotation-mark span is covered by a quote entry
    for doc, body in bodies.items():
        have = by_doc.get(doc, [])
        for para in body.split("\n"):
            spans = []
            for m in re.finditer(r"[\"\u201c]([^\"\u201c\u201d]*)(?:[\"\u201d]|$)", para):
                spans.append(m.group(1))
            for m in re.finditer(r"(?<!\w)\u2018(.+?)\u2019(?!\w)", para):
                spans.append(m.group(1))
            for s in spans:
                s = s.strip()
                core = s.rstrip(",")
                if not core:
                    continue
                if not any(core == h or core.rstrip(".!?") == h.rstrip(".!?") for h in have):
                    err(f"{doc}: quoted span not covered by a quote entry: {core!r}")

    # ---- quote groups
    for n, g in enumerate(gold.get("quote_groups", [])):
        where = f"quote_groups[{n}]"
        known(where, g.get("speaker"))
        if len(g["members"]) < 2:
            err(f"{where}: fewer than two members")
        for m in g["members"]:
            if in_doc(where, m["doc"], m["text"]) and m["text"] not in by_doc.get(m["doc"], []):
                err(f"{where}: member is not a quote entry: {m['text']!r}")

    # ---- time expressions
    for n, t in enumerate(gold.get("time_expressions", [])):
        where = f"time_expressions[{n}]"
        if t.get("type") not in TIME_TYPES:
            err(f"{where}: type {t.get('type')!r}")
        if in_doc(where, t["doc"], t["text"]) and "start" in t:
            if texts[t["doc"]][t["start"]:t["end"]] != t["text"]:
                err(f"{where}: start/end do not point at {t['text']!r}")
            elif t["text"] not in bodies[t["doc"]]:
                err(f"{where}: in boilerplate")
        if t["text"].lower().startswith(("on ", "in ", "at ", "since ", "for ")):
            warn(f"{where}: starts with a preposition: {t['text']!r}")

    # ---- events
    for n, e in enumerate(gold.get("events", [])):
        where = f"events[{n}] {e.get('id')}"
        if e.get("date_precision") not in PRECISION:
            err(f"{where}: date_precision {e.get('date_precision')!r}")
        if (e.get("date") is None) != (e.get("date_precision") == "unknown"):
            err(f"{where}: date and date_precision disagree")
        if e.get("date") and not re.fullmatch(r"\d{4}-\d\d-\d\d", e["date"]):
            err(f"{where}: date {e['date']!r}")
        for x in e["evidence"]:
            in_doc(where, x["doc"], x["text"])

    # ---- discrepancies
    for n, d in enumerate(gold.get("discrepancies", [])):
        where = f"discrepancies[{n}] {d.get('id')}"
        if d.get("kind") not in DISC_KINDS:
            err(f"{where}: kind {d.get('kind')!r}")
        if len(d["sides"]) < 2:
            err(f"{where}: fewer than two sides")
        for s in d["sides"]:
            known(where, s.get("holder"))
            in_doc(where, s["doc"], s["text"])
            if re.search(r"[\"\u201c\u201d]", s["text"]):
                warn(f"{where}: side contains a quotation mark: {s['text']!r}")

    # ---- stories
    story_docs = [d for s in gold.get("stories", []) for d in s["docs"]]
    if sorted(story_docs) != sorted(texts):
        err("stories: every doc must be in exactly one story")

    # ---- the scorer: gold vs gold
    gold_path = os.path.join(folder, "gold.json")
    inp = os.path.join(folder, "articles.jsonl")
    if os.path.exists(SCORER):
        run = subprocess.run([sys.executable, SCORER, gold_path, gold_path, "--json",
                              "--input", inp], capture_output=True, text=True)
        if run.returncode:
            err(f"score.py failed: {run.stderr.strip()}")
        else:
            res = json.loads(run.stdout)
            rows = [(f"quotes/{k}", v) for k, v in res["quotes"].items()]
            rows += [(k, v) for k, v in res.items() if k != "quotes"]
            bad = [f"{sec}.{key}={val}" for sec, figs in rows for key, val in figs.items()
                   if isinstance(val, float) and key != "docs_per_sentence" and val != 1.0]
            if bad:
                err("score.py gold vs gold is not 1.0: " + ", ".join(bad))
        run = subprocess.run([sys.executable, SCORER, "--self-test", gold_path],
                             capture_output=True, text=True)
        if run.returncode:
            err("score.py --self-test failed:\n" + run.stdout + run.stderr)
    else:
        warn(f"scorer not found at {SCORER}; set PARALLAX_SCORER")

    return gold, errors, warnings


def main(argv):
    folders = argv or sorted(os.path.dirname(p) for p in
                             glob.glob(os.path.join(HERE, "*", "gold.json")))
    status = 0
    for folder in folders:
        gold, errors, warnings = check(folder)
        kinds = {}
        for q in gold.get("quotes", []):
            kinds[q["kind"]] = kinds.get(q["kind"], 0) + 1
        print(f"{os.path.basename(os.path.normpath(folder))}: docs {len(gold.get('docs', []))}, "
              f"quotes {len(gold.get('quotes', []))} {kinds}, entities {len(gold.get('entities', []))}, "
              f"quote_groups {len(gold.get('quote_groups', []))}, "
              f"time_expressions {len(gold.get('time_expressions', []))}, "
              f"events {len(gold.get('events', []))}, "
              f"discrepancies {len(gold.get('discrepancies', []))}")
        for w in warnings:
            print("  warning:", w)
        for e in errors:
            print("  ERROR:", e)
        print("  OK" if not errors else f"  {len(errors)} error(s)")
        status |= bool(errors)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
