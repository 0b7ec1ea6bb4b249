"""Checks that an article's analysis is the same JSON whatever else is analysed with it: each article
analysed alone, inside one shuffled batch, on two worker processes (another order and batch size) and
through `newsprism.analyze` must give byte-identical JSON (the shared encoder runs each window alone:
`newsprism.encoder.run`).

    .venv/bin/python scripts/check_determinism.py [--shared ../shared] [--n 50] [--fast]

The articles: the seed (../shared/examples/gaza-2018-04-06.txt) and the first n-1 PolNeAR dev texts.
Prints one line per way that differs from "alone" (naming the articles) and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsprism.article import Article  # noqa: E402


def articles(shared: Path, n: int) -> list[Article]:
    """The seed article as `newsprism analyze` reads it, then PolNeAR dev texts, n in all."""
    from newsprism.readers import read_paths

    arts = list(read_paths([str(shared / "examples" / "gaza-2018-04-06.txt")]))
    for f in sorted((shared / "data" / "polnear" / "dev" / "text").glob("*.txt"))[: max(0, n - len(arts))]:
        arts.append(Article(text=f.read_text(encoding="utf-8"), id=f.stem))
    return arts


def differences(arts: list[Article], fast: bool = False, seed: int = 0) -> dict[str, list[str]]:
    """For each way of analysing beside "alone", the ids whose JSON differs from the article analysed alone."""
    import newsprism
    from newsprism import pipeline
    from newsprism.engines import local

    config = pipeline.settings(fast=fast)
    nlp = pipeline.shared(config)

    def as_json(results) -> dict[str, str]:
        return {r.article.id: r.model_dump_json() for r in results}

    alone = {}
    for art in arts:
        alone |= as_json(pipeline.analyze(nlp, [art]))
    rng = random.Random(seed)
    shuffled = arts[:]
    rng.shuffle(shuffled)
    ways = {"one shuffled batch": as_json(pipeline.analyze(nlp, shuffled, batch_size=len(shuffled)))}
    rng.shuffle(shuffled)
    ways["2 workers, batches of 3"] = as_json(local.analyze(shuffled, workers=2, batch_size=3, config=config))
    ways["newsprism.analyze"] = as_json(
        newsprism.analyze(a.text, published=a.published, title=a.title, source=a.source, url=a.url, id=a.id, fast=fast)
        for a in arts)
    return {way: [i for i in alone if got.get(i) != alone[i]] for way, got in ways.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--n", type=int, default=50, help="articles, the seed first (default 50)")
    ap.add_argument("--fast", action="store_true", help="without the shared encoder (--fast)")
    args = ap.parse_args()
    arts = articles(args.shared, args.n)
    diff = differences(arts, args.fast)
    for way, ids in diff.items():
        print(f"{way}: {len(arts) - len(ids)}/{len(arts)} identical to alone" + (f"; differ: {ids}" if ids else ""))
    sys.exit(1 if any(diff.values()) else 0)


if __name__ == "__main__":
    main()
