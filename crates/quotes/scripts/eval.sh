#!/usr/bin/env bash
# Scores find_quotes on the seeds and polnear-dev packs (or the packs given).
#   crates/quotes/scripts/eval.sh [PACK ...]      run from the workspace root
set -eu
packs=("$@"); [ ${#packs[@]} -gt 0 ] || packs=(seeds polnear-dev)
E=/work/shared/eval
CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/tmp/target-quotes} cargo build -q --release -p parallax-quotes --example quotes_eval
for p in "${packs[@]}"; do
  out=/tmp/quotes-$p.json
  ${CARGO_TARGET_DIR:-/tmp/target-quotes}/release/examples/quotes_eval $E/packs/$p/input.jsonl $out
  echo "== $p"
  python3 $E/score.py $E/packs/$p/gold.json $out --input $E/packs/$p/input.jsonl | grep -E "quotes|section|speaker" | head -20
done
