#!/usr/bin/env python3
"""Mines the reporting-cue inventory of crates/quotes/data/cues.tsv from polnear-train only.

    python3 crates/quotes/scripts/mine_cues.py [--min-n 4] [--min-p 0.45] > crates/quotes/data/cues.tsv

For every lowercase word of an unquoted sentence it simulates the generic rule the crate
applies to mined cues: the reported text is the rest of the sentence after the word
(mode `end`) or the rest up to the next comma/dash (mode `comma`). A candidate counts as
right when it matches a gold indirect piece of the same document (token F1 >= 0.8, as
score.py matches) whose cue contains the word. Words whose better mode reaches the precision floor are written with
their counts, so the inventory and its per-word precision come from the training split
alone (never dev, never test).
"""
import argparse, collections, json, re, sys
sys.path.insert(0, '/work/shared/eval')
import score  # noqa: E402  (bag / overlap: the scorer's own matching)

PACK = '/work/shared/eval/packs/polnear-train'
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d.,]*|[^\sA-Za-z\d]")
QUOTES = set('"“”')
DETS = {'the', 'a', 'an', 'his', 'her', 'their', 'its', 'our', 'this', 'that', 'my', 'your'}


def sentences(para, base):
    """(start, end) char offsets of sentences: split after . ! ? ; before a space and an
    uppercase letter or an opening mark."""
    start = 0
    for m in re.finditer(r'[.!?;]["”’)]*\s+(?=[A-Z“"‘(])', para):
        yield base + start, base + m.end()
        start = m.end()
    if start < len(para):
        yield base + start, base + len(para)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--min-n', type=int, default=4)
    ap.add_argument('--min-p', type=float, default=0.45)
    opt = ap.parse_args()
    gold = collections.defaultdict(list)
    for q in json.load(open(f'{PACK}/gold.json'))['quotes']:
        if q['kind'] == 'indirect':
            cue = set(re.findall(r"[a-z'’]+", (q.get('cue') or '').lower().replace('’', "'")))
            gold[q['doc']].append((q['start'], q['end'], score.bag(q['text']), cue))
    n = collections.Counter()
    hit = {'end': collections.Counter(), 'comma': collections.Counter()}
    for line in open(f'{PACK}/input.jsonl'):
        v = json.loads(line)
        doc, text = v['id'], v['text']
        gs = gold[doc]
        pos = 0
        for para in text.split('\n'):
            base = pos
            pos += len(para) + 1
            for s, e in sentences(para, base):
                sent = text[s:e]
                if any(c in QUOTES for c in sent) or "''" in sent:
                    continue
                toks = [(m.start() + s, m.end() + s, m.group()) for m in WORD.finditer(sent)]
                # the sentence's text end: drop final punctuation
                te = len(toks)
                while te > 0 and not toks[te - 1][2][0].isalnum():
                    te -= 1
                for i, (a, b, w) in enumerate(toks[:te]):
                    if not w[0].islower() or i + 2 >= te:
                        continue
                    if i > 0 and toks[i - 1][2].lower() in DETS:
                        continue
                    cands = {'end': te}
                    ce = next((j for j in range(i + 1, te) if toks[j][2] in (',', '—', '–', '(', ':')), te)
                    cands['comma'] = ce
                    near = [g for g in gs if g[0] < toks[te - 1][1] and g[1] > toks[i + 1][0]]
                    key = w.lower().replace('’', "'")
                    n[key] += 1
                    for mode, stop in cands.items():
                        if stop <= i + 1:
                            continue
                        cb = score.bag(text[toks[i + 1][0]:toks[stop - 1][1]])
                        if any(key in g[3] and score.overlap(g[2], cb) >= 0.8 for g in near):
                            hit[mode][key] += 1
    rows = []
    for w, k in n.items():
        if k < opt.min_n:
            continue
        mode = max(('end', 'comma'), key=lambda m: hit[m][w])
        p = hit[mode][w] / k
        if p >= opt.min_p:
            rows.append((w, k, hit[mode][w], p, mode))
    print('# word\tn\tright\tprecision\tmode   (mined by scripts/mine_cues.py from polnear-train)')
    for w, k, h, p, mode in sorted(rows, key=lambda r: -r[2]):
        print(f'{w}\t{k}\t{h}\t{p:.3f}\t{mode}')


if __name__ == '__main__':
    main()
