#!/usr/bin/env python3
"""Compare run-eval's figures with the floors recorded in eval/floors.json.

    check-floors.py FLOORS FIGURES   exit 1 when a figure is missing or under its floor
    check-floors.py --packs FLOORS   print the packs the floors cover (for run-eval)

FLOORS: {"pack": {"section.path.figure": floor, ...}, ...}. Floors only go up: raise one when
the engine improves, never lower it to make a run pass.
"""
import json
import sys


def figure(scores, path):
    value = scores
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def main(argv):
    if len(argv) == 3 and argv[1] == "--packs":
        print(" ".join(json.load(open(argv[2]))["packs"]))
        return 0
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    floors = json.load(open(argv[1]))["packs"]
    figures = json.load(open(argv[2]))
    failed = 0
    for pack, wanted in floors.items():
        entry = figures.get(pack)
        if entry is None or "scores" not in entry:
            why = entry.get("failed") if entry else "not run"
            print(f"FAIL {pack}: {why}")
            failed += 1
            continue
        for path, floor in wanted.items():
            value = figure(entry["scores"], path)
            ok = value is not None and value + 1e-9 >= floor
            failed += not ok
            shown = "missing" if value is None else f"{value:.3f}"
            print(f"{'ok  ' if ok else 'FAIL'} {pack:<26} {path:<36} {shown:>8}  floor {floor:.3f}")
    print(f"floors: {'all held' if not failed else f'{failed} below the floor'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
