#!/usr/bin/env python3
"""Makes a stress variant of a card file: every card gets extra publications and projects.

A real publication list is long and partly off the card's main topic; the demo cards have a
handful of works each. Ranking should not fall apart when cards grow that way, so this
writes a copy where each card gets a heavy-tailed number of extra publications (Pareto,
most cards a few, some over a hundred), copied from other cards, and a quarter as many
extra projects. The judgments stay those of the original file.

    python3 scripts/long-cards.py SEED OUT.jsonl [ON_TOPIC] [--cards eval/demo-cards.jsonl]
    ./target/release/rcard eval --cards OUT.jsonl --qrels eval/demo-qrels.jsonl

ON_TOPIC (0 to 1, default 0) is the share of extra publications drawn from cards of the
same division; the rest come from any card.
"""
import argparse
import json
import random

parser = argparse.ArgumentParser()
parser.add_argument("seed", type=int)
parser.add_argument("out")
parser.add_argument("on_topic", type=float, nargs="?", default=0.0)
parser.add_argument("--cards", default="eval/demo-cards.jsonl")
args = parser.parse_args()

rng = random.Random(args.seed)
with open(args.cards, encoding="utf-8") as f:
    cards = [json.loads(line) for line in f if line.strip()]
works = [(c.get("division", ""), p) for c in cards for p in c.get("publications", [])]
projects = [p for c in cards for p in c.get("projects", [])]
by_division = {}
for division, p in works:
    by_division.setdefault(division, []).append(p)

with open(args.out, "w", encoding="utf-8") as out:
    for card in cards:
        extra = min(int(rng.paretovariate(1.2) * 3) - 3, 150)
        same = by_division.get(card.get("division", ""), [])
        added = []
        for _ in range(extra):
            if same and rng.random() < args.on_topic:
                added.append(dict(rng.choice(same)))
            else:
                added.append(dict(rng.choice(works)[1]))
        card["publications"] = card.get("publications", []) + added
        more = rng.sample(projects, min(extra // 4, 20, len(projects)))
        card["projects"] = card.get("projects", []) + [dict(p) for p in more]
        out.write(json.dumps(card, ensure_ascii=False) + "\n")
