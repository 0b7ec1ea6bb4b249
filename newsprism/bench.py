"""`make bench`: speed of newsprism on real articles, next to spaCy's parse alone on the same texts.

Prints, for one corpus in one run: articles and words per second of the spaCy parse alone and of the whole
analysis, the share each newsprism component adds (timed per component over the same docs), and the peak
resident memory of the process.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from newsprism import pipeline
from newsprism.article import Article


def corpus(shared: Path, limit: int) -> list[Article]:
    """VOA stories, then PolNeAR texts, up to `limit` articles; a bundled sample when ../shared is absent."""
    arts: list[Article] = []
    voa = shared / "data" / "voa" / "voa_stories.jsonl"
    if voa.exists():
        for line in voa.open(encoding="utf-8"):
            rec = json.loads(line)
            arts.append(Article(text=rec["text"], id=str(rec["id"])))
    for split in ("train", "dev"):
        folder = shared / "data" / "polnear" / split / "text"
        if folder.exists():
            for f in sorted(folder.glob("*.txt")):
                arts.append(Article(text=f.read_text(encoding="utf-8"), id=f.stem))
    if not arts:
        samples = Path(__file__).parent / "samples"
        arts = [Article(text=f.read_text(encoding="utf-8"), id=f.stem) for f in sorted(samples.glob("*.txt"))]
    return arts[:limit]


def rate(n: int, words: int, seconds: float) -> str:
    return f"{seconds:7.2f} s  {n / seconds:7.1f} articles/s  {words / seconds:9.0f} words/s"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--limit", type=int, default=300)
    args = ap.parse_args()
    arts = corpus(args.shared, args.limit)
    words = sum(len(a.text.split()) for a in arts)
    print(f"corpus: {len(arts)} articles, {words} words")

    t0 = time.perf_counter()
    nlp = pipeline.load()
    load_s = time.perf_counter() - t0
    ours = [name for name in nlp.pipe_names if name.startswith("newsprism_")]
    print(f"pipeline load: {load_s:.2f} s; components: {', '.join(ours)}")

    t0 = time.perf_counter()
    with nlp.select_pipes(disable=ours):
        docs = list(nlp.pipe((a.text for a in arts), batch_size=16))
    parse_s = time.perf_counter() - t0
    print(f"spaCy parse alone : {rate(len(arts), words, parse_s)}")

    costs = {}
    for name in ours:
        proc = nlp.get_pipe(name)
        t0 = time.perf_counter()
        for doc in docs:
            proc(doc)
        costs[name] = time.perf_counter() - t0
    del docs

    t0 = time.perf_counter()
    n = sum(1 for _ in pipeline.analyze(nlp, arts))
    whole_s = time.perf_counter() - t0
    print(f"whole analysis    : {rate(n, words, whole_s)}  ({whole_s / parse_s:.2f}x the parse)")
    for name, sec in costs.items():
        print(f"  {name:20s} {sec:6.2f} s  ({100 * sec / parse_s:5.1f}% of the parse)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
