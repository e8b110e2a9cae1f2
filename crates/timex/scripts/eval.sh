#!/bin/sh
# Score the recogniser on the TempEval-3 dev pack; prints the time_expressions row.
# Usage: crates/timex/scripts/eval.sh   (from /work/main)
set -e
PACK=${PACK:-/work/shared/eval/packs/tempeval3-dev}
OUT=${OUT:-/tmp/timex-eval.json}
CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/tmp/target-timex} cargo run -q --release -p parallax-timex --example timex_eval -- "$PACK/input.jsonl" "$OUT"
python3 /work/shared/eval/score.py "$PACK/gold.json" "$OUT" --input "$PACK/input.jsonl"
