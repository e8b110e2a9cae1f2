#!/usr/bin/env python3
"""Story clustering in streaming mode (as `ingest` places articles) against its floors.

    check-streaming.py PARALLAX_BIN SHARED_EVAL FLOORS   exit 1 when a figure is under its floor

run-eval measures `analyze` with its default (batch) clustering; this runs
`parallax analyze INPUT --clustering streaming` on each pack under "streaming" in FLOORS and
scores it with the same score.py. Floors only go up.
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path


def figure(scores, path):
    value = scores
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    binary, shared, floors = argv[1], Path(argv[2]), json.load(open(argv[3])).get("streaming", {})
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for pack, wanted in floors.items():
            folder = shared / "packs" / pack
            out = Path(tmp) / f"{pack}.json"
            run = subprocess.run([binary, "analyze", str(folder / "input.jsonl"), "--clustering", "streaming", "--json", str(out), "--quiet"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if run.returncode != 0 or not out.exists():
                print(f"FAIL {pack} (streaming): analyze failed: {run.stderr.strip()[-300:]}")
                failed += 1
                continue
            scored = subprocess.run([sys.executable, str(shared / "score.py"), str(folder / "gold.json"), str(out), "--input", str(folder / "input.jsonl"), "--json"],
                                    capture_output=True, text=True)
            try:
                scores = json.loads(scored.stdout)
            except json.JSONDecodeError:
                print(f"FAIL {pack} (streaming): score.py: {scored.stderr.strip()[-300:]}")
                failed += 1
                continue
            for path, floor in wanted.items():
                value = figure(scores, path)
                ok = value is not None and value + 1e-9 >= floor
                failed += not ok
                shown = "missing" if value is None else f"{value:.3f}"
                print(f"{'ok  ' if ok else 'FAIL'} {pack + ' (streaming)':<26} {path:<36} {shown:>8}  floor {floor:.3f}")
    print(f"streaming floors: {'all held' if not failed else f'{failed} below the floor'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
