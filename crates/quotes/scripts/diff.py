#!/usr/bin/env python3
"""Prints misses, false positives and speaker_text errors per kind (same matching as score.py).

    diff.py GOLD.json PRED.json KIND [--miss N] [--fp N] [--spk N] [--seed S]
KIND: direct | partial | indirect | dp (direct+partial)
"""
import json, random, sys
sys.path.insert(0, '/work/shared/eval')
from score import bag, match, speaker_bag, overlap, QUOTE_MATCH

a = sys.argv
gold, pred, kind = json.load(open(a[1])), json.load(open(a[2])), a[3]
opt = {a[i]: int(a[i + 1]) for i in range(4, len(a) - 1, 2)}
kinds = {'dp': {'direct', 'partial'}}.get(kind, {kind})
gq = [q for q in gold['quotes'] if q['kind'] in kinds]
pq = [q for q in pred['quotes'] if q['kind'] in kinds]
pairs = match([(q['doc'], bag(q['text'])) for q in gq], [(q['doc'], bag(q['text'])) for q in pq], QUOTE_MATCH)
rnd = random.Random(opt.get('--seed', 0))
miss = [gq[i] for i in range(len(gq)) if i not in pairs]
used = set(pairs.values())
fp = [pq[j] for j in range(len(pq)) if j not in used]
spk = [(gq[i], pq[j]) for i, j in pairs.items() if speaker_bag(gq[i].get('speaker_text')) and overlap(speaker_bag(gq[i]['speaker_text']), speaker_bag(pq[j].get('speaker_text'))) < 0.5]
print(f'miss {len(miss)}  fp {len(fp)}  speaker errors {len(spk)}')
for title, items, n in (('MISS', miss, opt.get('--miss', 15)), ('FP', fp, opt.get('--fp', 15))):
    print(f'==== {title}')
    for q in rnd.sample(items, min(n, len(items))):
        print(f"[{q['doc'][:25]}] {q['kind'][:3]} <{q.get('speaker_text')}|{q.get('cue')}> {q['text'][:160]!r}")
print('==== SPEAKER (gold | pred)')
for g, p in rnd.sample(spk, min(opt.get('--spk', 15), len(spk))):
    print(f"[{g['doc'][:25]}] {g['kind'][:3]} {g['speaker_text']!r} | {p.get('speaker_text')!r} ({p.get('cue')}, {p.get('source')})  :: {g['text'][:70]!r}")
