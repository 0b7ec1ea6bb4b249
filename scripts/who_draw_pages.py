"""How round twelve of the who labels (annotations/who/GUIDE.md) drew its pages from the VOA stories and the
PTC training articles: every document in none of the held-out parts of the project's other annotations (the
events' `dev`, `tune` and `report` documents in annotations/events/sentences.tsv, the PTC articles of the
shipped framing model's development split), by source in id order, shuffled with `random.Random(12)`, and
taken in that order where the text has at least two pronoun cues ("he said", "said she", ...), twice its
nominal cues ("the spokesman said", "the official told") plus its pronoun cues at least 4, and at most 5,000
characters; the first 5 of each source. It reads the texts only, never an output of the system.

    .venv/bin/python scripts/who_draw_pages.py        # prints the candidates and the pages taken
"""

from __future__ import annotations

import csv
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
PRONOUN = re.compile(r"\b(?:he|she|they)\s+(?:said|says|told|added|explained|wrote|stated|noted)\b"
                     r"|\b(?:said|says|added)\s+(?:he|she)\b", re.I)
NOMINAL = re.compile(r"\b[Tt]he\s+(?:[a-z]+\s+){0,2}(?:spokesman|spokeswoman|spokesperson|official|officials|"
                     r"minister|president|pair|couple|man|woman|statement|report|agency|group|company|lawyer|"
                     r"attorney|senator|source|director|leader|chief|commander|general|governor|mayor|secretary)"
                     r"\s+(?:said|says|told|added|wrote|stated)\b")
PER_SOURCE, MAX_CHARS, SEED = 5, 5000, 12


def held_out() -> set[str]:
    with open(ROOT / "annotations" / "events" / "sentences.tsv", encoding="utf-8") as f:
        held = {r["doc"] for r in csv.DictReader(f, delimiter="\t") if r["split"] in ("dev", "tune", "report")}
    meta = json.loads((ROOT / "newsprism" / "models" / "framing" / "meta.json").read_text(encoding="utf-8"))
    return held | {f"ptc:{a}" for a in meta["articles"]["dev_ids"]}


def main() -> list[str]:
    texts = {}
    for line in (DATA / "voa" / "voa_stories.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            texts[f"voa:{record['id']}"] = record["text"]
    for path in (DATA / "ptc" / "train" / "articles").glob("article*.txt"):
        texts[f"ptc:{path.stem[7:]}"] = path.read_text(encoding="utf-8")
    held, taken = held_out(), []
    for source in ("voa", "ptc"):
        order = sorted((d for d in texts if d.startswith(source + ":") and d not in held), key=lambda d: int(d.split(":")[1]))
        random.Random(SEED).shuffle(order)
        n = 0
        for doc in order:
            pronouns, nominals = len(PRONOUN.findall(texts[doc])), len(NOMINAL.findall(texts[doc]))
            ok = n < PER_SOURCE and pronouns >= 2 and pronouns + 2 * nominals >= 4 and len(texts[doc]) <= MAX_CHARS
            print(doc, len(texts[doc]), pronouns, nominals, "taken" if ok else "", sep="\t")
            if ok:
                n += 1
                taken.append(doc)
    print(" ".join(taken))
    return taken


if __name__ == "__main__":
    main()
