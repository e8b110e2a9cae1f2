#!/usr/bin/env python3
"""Compare quality figures with the floors recorded in eval/floors.json.

    check-floors.py FLOORS FIGURES       run-eval's figures against the floors under "packs"
    check-floors.py --packs FLOORS       print the packs those floors cover (for run-eval)
    check-floors.py --streaming FLOORS PARALLAX_BIN SHARED_EVAL
                                         story clustering in streaming mode (as `ingest` places
                                         articles): `parallax analyze INPUT --clustering
                                         streaming` on each pack under "streaming", scored with
                                         SHARED_EVAL/score.py, against those floors

Each exits 1 when a figure is missing or under its floor. Floors only go up: raise one when
the engine improves, never lower it to make a run pass.
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


def below(label, scores, wanted):
    """Prints each figure against its floor; returns how many are missing or under it."""
    failed = 0
    for path, floor in wanted.items():
        value = figure(scores, path)
        ok = value is not None and value + 1e-9 >= floor
        failed += not ok
        shown = "missing" if value is None else f"{value:.3f}"
        print(f"{'ok  ' if ok else 'FAIL'} {label:<26} {path:<36} {shown:>8}  floor {floor:.3f}")
    return failed


def check_packs(floors, figures):
    failed = 0
    for pack, wanted in floors.get("packs", {}).items():
        entry = figures.get(pack)
        if entry is None or "scores" not in entry:
            print(f"FAIL {pack}: {entry.get('failed') if entry else 'not run'}")
            failed += 1
            continue
        failed += below(pack, entry["scores"], wanted)
    print(f"floors: {'all held' if not failed else f'{failed} below the floor'}")
    return failed


def streaming_scores(binary, shared, pack, tmp):
    """score.py's figures for `analyze --clustering streaming` on one pack, or an error."""
    folder = shared / "packs" / pack
    out = Path(tmp) / f"{pack}.json"
    run = subprocess.run([binary, "analyze", str(folder / "input.jsonl"), "--clustering", "streaming", "--json", str(out), "--quiet"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if run.returncode != 0 or not out.exists():
        return None, f"analyze failed: {run.stderr.strip()[-300:]}"
    scored = subprocess.run([sys.executable, str(shared / "score.py"), str(folder / "gold.json"), str(out), "--input", str(folder / "input.jsonl"), "--json"],
                            capture_output=True, text=True)
    try:
        return json.loads(scored.stdout), None
    except json.JSONDecodeError:
        return None, f"score.py: {scored.stderr.strip()[-300:]}"


def check_streaming(floors, binary, shared):
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for pack, wanted in floors.get("streaming", {}).items():
            scores, error = streaming_scores(binary, Path(shared), pack, tmp)
            if error:
                print(f"FAIL {pack} (streaming): {error}")
                failed += 1
                continue
            failed += below(f"{pack} (streaming)", scores, wanted)
    print(f"streaming floors: {'all held' if not failed else f'{failed} below the floor'}")
    return failed


def main(argv):
    if len(argv) == 3 and argv[1] == "--packs":
        print(" ".join(json.load(open(argv[2]))["packs"]))
        return 0
    if len(argv) == 5 and argv[1] == "--streaming":
        return 1 if check_streaming(json.load(open(argv[2])), argv[3], argv[4]) else 0
    if len(argv) == 3:
        return 1 if check_packs(json.load(open(argv[1])), json.load(open(argv[2]))) else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
