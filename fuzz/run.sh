#!/bin/sh
# Runs every fuzz target in turn (one at a time: the machine is shared) for SECONDS each
# (default 600), starting from the fictional seeds in seeds/<target>/. Needs a nightly
# toolchain and cargo-fuzz. A crash stops that target; its input is in artifacts/<target>/.
#   fuzz/run.sh [SECONDS] [TARGET...]
set -u
cd "$(dirname "$0")"
secs=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-warc feed newsplease html jsonl text analyze}
dir=${CARGO_TARGET_DIR:-target}/fuzz
cargo +nightly fuzz build --target-dir "$dir" || exit 1
for t in $targets; do
    mkdir -p "corpus/$t"
    echo "== $t: ${secs}s"
    cargo +nightly fuzz run --target-dir "$dir" "$t" "corpus/$t" "seeds/$t" -- \
        -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 2>&1 |
        grep -E "^(#[0-9]+.*DONE|Done|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+== ERROR|SUMMARY|artifact_prefix|Test unit written)|panicked"
    ls "artifacts/$t" 2>/dev/null | grep -q . && echo "== $t: crash inputs in fuzz/artifacts/$t/" || echo "== $t: no crash"
done
