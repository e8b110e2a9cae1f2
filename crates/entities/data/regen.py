#!/usr/bin/env python3
"""Regenerate the vendored word lists in this folder.

given_names.tsv  <- PyPI package `names` 0.3.0 (MIT licence, Trey Hunner), which ships the
                    US Census 1990 first-name frequency files (public domain):
                    dist.male.first / dist.female.first. One line per name: `name<TAB>m|f|u`
                    (u = common for both sexes: the rarer sex has >= 1/4 of the other's frequency).
common_words.txt <- Debian package `wamerican` (SCOWL size 50, permissive licence by Kevin
                    Atkinson et al., see /usr/share/doc/wamerican/copyright): every all-lowercase
                    entry without a possessive, i.e. words that are ordinary English words when
                    written in lower case.

Usage:  pip download names==0.3.0 --no-deps --no-binary :all: && tar xzf names-0.3.0.tar.gz
        apt-get install wamerican
        python3 regen.py path/to/names-0.3.0/names /usr/share/dict/american-english
"""
import sys, os

names_dir, dict_path = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))

def load(path):
    out = {}
    for line in open(path):
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0].lower()] = float(parts[1])
    return out

male = load(os.path.join(names_dir, "dist.male.first"))
female = load(os.path.join(names_dir, "dist.female.first"))
rows = []
for n in sorted(set(male) | set(female)):
    m, f = male.get(n, 0.0), female.get(n, 0.0)
    if m and f and min(m, f) >= max(m, f) / 4:
        g = "u"
    else:
        g = "m" if m > f else "f"
    rows.append(f"{n}\t{g}")
with open(os.path.join(here, "given_names.tsv"), "w") as out:
    out.write("\n".join(rows) + "\n")

words = set()
for line in open(dict_path, encoding="utf-8"):
    w = line.strip()
    if w and w == w.lower() and "'" not in w and w.isalpha():
        words.add(w)
with open(os.path.join(here, "common_words.txt"), "w") as out:
    out.write("\n".join(sorted(words)) + "\n")
print(len(rows), "given names;", len(words), "common words")
