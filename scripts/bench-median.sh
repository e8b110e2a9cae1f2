#!/bin/bash
# The cost of reconciling a 50-article story as a share of reading it, step by step: the median
# (and minimum) of N runs of `parallax bench --docs 50`, since one run on a shared machine is noisy.
# usage: scripts/bench-median.sh BIN N [extra bench args]
BIN=$1; N=$2; shift 2
for i in $(seq $N); do $BIN bench --docs 50 "$@" 2>&1 | grep -E "steps as|story \(|entities" ; done | python3 -c "
import sys,re,statistics,collections
v=collections.defaultdict(list)
for l in sys.stdin:
    if 'steps as share' in l:
        pre = 'real ' if 'real' in l else ''
        for name,x in re.findall(r'([a-z ]+) ([0-9.]+)%', l.split(':',1)[1]): v[pre+name.strip()].append(float(x))
    m=re.search(r'per story: clean \+ read ([0-9.]+) ms, stories ([0-9.]+) ms, story entities ([0-9.]+) ms, reconcile ([0-9.]+) ms',l)
    if m:
        r=float(m.group(1)); v['stories'].append(100*float(m.group(2))/r); v['entities'].append(100*float(m.group(3))/r)
    m=re.search(r'= ([0-9.]+)% of reading',l)
    if m: v['TOTAL' if 'article story' in l else 'REAL TOTAL'].append(float(m.group(1)))
for k,x in v.items(): print('%-22s median %.1f%%  min %.1f%%'%(k,statistics.median(x),min(x)))
"
