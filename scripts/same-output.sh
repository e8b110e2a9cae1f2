#!/bin/bash
# Whether a build writes the same analysis as a reference build, section by section: for
# changes meant to be pure speed-ups. Inputs are the evaluation packs' and the bench corpus.
# usage: scripts/same-output.sh REFERENCE_BIN NEW_BIN [INPUT...]
# (default inputs: seeds, ecbplus-dev, semeval2015_timeline-dev, newswcl50-dev of ../shared/eval/packs,
#  and the 50-article bench story written by `bench --docs 50 --write-corpus`)
set -u
REF=$1; NEW=$2; shift 2
HERE=$(cd "$(dirname "$0")/.." && pwd)
PACKS=${SHARED_EVAL:-$HERE/../shared/eval}/packs
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
INPUTS=("$@")
if [ ${#INPUTS[@]} -eq 0 ]; then
  "$REF" bench --docs 50 --write-corpus "$OUT/bench50.jsonl" >/dev/null
  INPUTS=("$OUT/bench50.jsonl")
  for p in seeds ecbplus-dev semeval2015_timeline-dev newswcl50-dev; do
    [ -f "$PACKS/$p/input.jsonl" ] && INPUTS+=("$PACKS/$p/input.jsonl")
  done
fi
status=0
for input in "${INPUTS[@]}"; do
  name=$(basename "$(dirname "$input")")-$(basename "$input" .jsonl)
  "$REF" analyze "$input" -q --json "$OUT/$name.ref.json" || { echo "$name: reference build failed"; status=1; continue; }
  "$NEW" analyze "$input" -q --json "$OUT/$name.new.json" || { echo "$name: new build failed"; status=1; continue; }
  python3 - "$OUT/$name.ref.json" "$OUT/$name.new.json" "$name" <<'PY' || status=1
import json, sys
ref, new, name = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
def sections(x, path=""):
    if isinstance(x, dict):
        for k, v in x.items():
            yield from sections(v, f"{path}.{k}" if path else k)
    elif isinstance(x, list) and path in ("stories",):
        for i, v in enumerate(x):
            yield from sections(v, path)
    else:
        yield path, x
def flat(x):
    out = {}
    for p, v in sections(x):
        out.setdefault(p, []).append(json.dumps(v, sort_keys=True))
    return out
a, b = flat(ref), flat(new)
diff = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
if diff:
    print(f"{name}: DIFFERENT in {', '.join(diff)}")
    sys.exit(1)
print(f"{name}: same")
PY
done
exit $status
