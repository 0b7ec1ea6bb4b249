"""PTC / SemEval-2020 Task 11 files and scoring: raw `articleID.txt` texts, `id<TAB>start<TAB>end` span
lines (SI), `id<TAB>technique<TAB>start<TAB>end` lines (TC), and the SI and TC F1 of `score_ptc.py`.

Offsets are into the raw file, so texts are read without newline translation.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

_ARTICLE = re.compile(r"^article(\w+)\.txt$")


def read_raw(path: Path) -> str:
    """The text of a file exactly as stored (UTF-8, no newline translation), so offsets match the file."""
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        return fh.read()


def article_files(folder: Path) -> dict[str, Path]:
    """Article id -> path for each `articleID.txt` in `folder` or in its `articles/` subfolder, sorted."""
    folder = Path(folder)
    if (folder / "articles").is_dir():
        folder = folder / "articles"
    found = {}
    for path in sorted(folder.glob("article*.txt")):
        m = _ARTICLE.match(path.name)
        if m:
            found[m.group(1)] = path
    return found


def read_lines(path: Path, n: int) -> list[list[str]]:
    """Rows of a tab-separated labels file that have exactly `n` columns and integer offsets; others skipped."""
    out = []
    for line in read_raw(path).splitlines():
        parts = line.split("\t")
        if len(parts) == n and all(p.strip().lstrip("-").isdigit() for p in parts[-2:]):
            out.append([p.strip() for p in parts])
    return out


def read_spans(path: Path) -> dict[str, list[tuple[int, int]]]:
    """SI gold or predictions: article id -> [(start, end)]."""
    out: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for a, s, e in read_lines(path, 3):
        out[a].append((int(s), int(e)))
    return dict(out)


def read_techniques(path: Path) -> list[tuple[str, str, int, int]]:
    """TC gold, predictions or template rows: (article id, technique or '?', start, end)."""
    return [(a, t, int(s), int(e)) for a, t, s, e in read_lines(path, 4)]


def span_line(article_id: str, start: int, end: int) -> str:
    """One SI line."""
    return f"{article_id}\t{start}\t{end}"


def technique_line(article_id: str, technique: str, start: int, end: int) -> str:
    """One TC line."""
    return f"{article_id}\t{technique}\t{start}\t{end}"


def merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans joined into one (spans that only touch stay apart), sorted."""
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def _prf(correct: float, n_pred: int, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1 as a dict."""
    p = correct / n_pred if n_pred else 0.0
    r = correct / n_gold if n_gold else 0.0
    return {"P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0}


def si_score(gold: dict[str, list[tuple[int, int]]], pred: dict[str, list[tuple[int, int]]]) -> dict[str, float]:
    """SI as `score_ptc.py si`, the official SemEval-2020 Task 11 measure: spans merged on both sides;
    precision sums |p & g| / |p| over overlapping pairs and divides by the predicted spans (of gold articles),
    recall sums |p & g| / |g| and divides by the gold spans."""
    gm = {a: merged(v) for a, v in gold.items()}
    pm = {a: merged((s, e) for s, e in v if e > s) for a, v in pred.items() if a in gold}
    p_sum = r_sum = 0.0
    for a, ps in pm.items():
        for ps_, pe in ps:
            for gs, ge in gm[a]:
                inter = max(0, min(pe, ge) - max(ps_, gs))
                if inter:
                    p_sum += inter / (pe - ps_)
                    r_sum += inter / (ge - gs)
    n_pred, n_gold = sum(map(len, pm.values())), sum(map(len, gm.values()))
    p = p_sum / n_pred if n_pred else 0.0
    r = r_sum / n_gold if n_gold else 0.0
    return {"P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0}


def tc_score(gold: Iterable[tuple[str, str, int, int]], pred: Iterable[tuple[str, str, int, int]]) -> dict[str, float]:
    """TC as `score_ptc.py tc`: micro F1 over gold spans, a predicted technique counting once against the
    gold techniques of the same span; predictions for spans outside the gold set are ignored."""
    g: dict[tuple, Counter] = defaultdict(Counter)
    p: dict[tuple, Counter] = defaultdict(Counter)
    for a, t, s, e in gold:
        g[(a, s, e)][t] += 1
    for a, t, s, e in pred:
        p[(a, s, e)][t] += 1
    n_gold = sum(sum(c.values()) for c in g.values())
    n_pred = sum(sum(c.values()) for k, c in p.items() if k in g)
    correct = sum(sum((g[k] & p.get(k, Counter())).values()) for k in g)
    return _prf(correct, n_pred, n_gold)


def template_groups(rows: Iterable[tuple[str, str, int, int]]) -> Iterator[tuple[str, int, int, int]]:
    """(article id, start, end, k) per template row, k counting earlier rows of the same span, so that a
    span listed twice can be given its best and second-best technique."""
    seen: Counter = Counter()
    for a, _t, s, e in rows:
        yield a, s, e, seen[(a, s, e)]
        seen[(a, s, e)] += 1
