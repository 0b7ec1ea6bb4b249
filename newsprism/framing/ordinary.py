"""The ordinary-news framing set: propaganda spans annotated by hand in everyday news articles of mainstream
and local outlets (`annotations/framing/`, guide in its GUIDE.md), and the figures a reader of ordinary news
cares about: how often a span shown is right, and how many spans per 1,000 words are shown.

PTC's articles were chosen because they hold propaganda (about 15 gold spans per 1,000 words); most news does
not, so a tagger tuned on PTC marks plain description on ordinary pages. The set is kept as document ids and
character offsets into `../shared/data` (an `aeb:SHA` id is that page's `articleBody` in
`aeb/ground-truth.json`, an `html:NAME` id is `html/text/NAME.txt`), never the text. It is split by document
into a tuning half (where the shown-span threshold is chosen) and a reporting half (where it is measured),
seeded.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsprism.errors import FramingInputError
from newsprism.framing.semeval import merged, si_score

ANNOTATIONS = Path(__file__).resolve().parents[2] / "annotations" / "framing"
SEED = 0
SAMPLE = 10  # documents in the blind second pass


@dataclass
class OrdinarySet:
    """The documents (id -> text) and their gold spans (id -> [(start, end, technique)])."""

    texts: dict[str, str]
    gold: dict[str, list[tuple[int, int, str]]]
    batches: dict[str, int] | None = None  # id -> the annotation round that added it (documents.tsv's `batch`)

    def halves(self) -> tuple[list[str], list[str]]:
        """(tuning, reporting): `split` of the set's documents, each annotation round cut apart."""
        return split(list(self.texts), batches=self.batches)

    def words(self, ids: list[str]) -> int:
        """White-space words in the documents `ids`."""
        return sum(len(self.texts[d].split()) for d in ids)


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a TSV file with a header line, as dicts."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    head = lines[0].split("\t")
    return [dict(zip(head, line.split("\t"))) for line in lines[1:] if line.strip()]


@lru_cache(maxsize=2)
def _aeb(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def doc_text(doc_id: str, data: Path) -> str:
    """The text of an `aeb:SHA` or `html:NAME` document under the shared data folder `data`."""
    source, _, name = doc_id.partition(":")
    if source == "aeb":
        pages = _aeb(Path(data) / "aeb" / "ground-truth.json")
        if name not in pages:
            raise FramingInputError(f"{doc_id} is not a page of {data}/aeb/ground-truth.json")
        return pages[name]["articleBody"]
    if source == "html":
        path = Path(data) / "html" / "text" / f"{name}.txt"
        if not path.is_file():
            raise FramingInputError(f"{doc_id}: {path} is not a file")
        return path.read_text(encoding="utf-8")
    raise FramingInputError(f"{doc_id}: a document id is aeb:SHA or html:NAME")


# The training part (round 5): documents kept apart from the tuning and reporting halves, for fitting, never
# for choosing a rule or reporting a figure (GUIDE.md).
TRAINING = ("training-documents.tsv", "training-labels.tsv")


def load(folder: Path = ANNOTATIONS, data: Path = Path("../shared/data"), labels: str = "labels.tsv",
         documents: str = "documents.tsv") -> OrdinarySet:
    """The set of `folder` (`documents` of doc/outlet/batch rows, and `labels` of doc/start/end/technique
    rows; `load(folder, data, labels=TRAINING[1], documents=TRAINING[0])` reads the training part) with its texts from `data`;
    FramingInputError names what is missing."""
    folder, data = Path(folder), Path(data)
    for need in (folder / documents, folder / labels):
        if not need.is_file():
            raise FramingInputError(f"{need} is missing: give the ordinary-news annotation folder "
                                    "(annotations/framing)")
    if not (data / "aeb").is_dir():
        raise FramingInputError(f"{data}/aeb is missing: give the shared data folder (../shared/data)")
    rows = read_tsv(folder / documents)
    ids = [r["doc"] for r in rows]
    texts = {d: doc_text(d, data) for d in ids}
    batches = {r["doc"]: int(r.get("batch") or 1) for r in rows}
    gold: dict[str, list[tuple[int, int, str]]] = {d: [] for d in ids}
    for r in read_tsv(folder / labels):
        d, s, e = r["doc"], int(r["start"]), int(r["end"])
        if d not in texts or not 0 <= s < e <= len(texts[d]):
            raise FramingInputError(f"{folder / labels}: {d} {s}-{e} is not a span of a listed document")
        gold[d].append((s, e, r["technique"]))
    return OrdinarySet(texts, gold, batches)


def split(ids: list[str], seed: int = SEED, batches: dict[str, int] | None = None) -> tuple[list[str], list[str]]:
    """(tuning, reporting): the documents shuffled with the seed and cut in half, each half in id order.
    Given `batches` (id -> annotation round), each round is shuffled and cut on its own, so that documents
    added later never move an earlier document from one half to the other (a threshold chosen before on
    the tuning half stays apart from the reporting half)."""
    rounds: dict[int, list[str]] = {}
    for d in ids:
        rounds.setdefault((batches or {}).get(d, 1), []).append(d)
    tune: list[str] = []
    report: list[str] = []
    for _, members in sorted(rounds.items()):
        order = sorted(members)
        random.Random(seed).shuffle(order)
        half = len(order) // 2
        tune += order[:half]
        report += order[half:]
    return sorted(tune), sorted(report)


SAMPLE_BATCH = 1  # the annotation round the first second pass sampled
# Documents of each annotation round's blind second pass: round 1's by the set's author again, round 2's by
# another annotating session that never saw the first pass's labels, rounds 6's and 7's by their annotators again,
# from the texts with the first pass out of view (GUIDE.md).
SAMPLES = {1: SAMPLE, 2: 8, 6: 8, 7: 8}


def sample(ids: list[str], n: int = SAMPLE, seed: int = SEED, batches: dict[str, int] | None = None,
           batch: int = SAMPLE_BATCH) -> list[str]:
    """The documents of a blind second pass: n drawn with the seed, in id order, from round `batch` when
    `batches` (id -> round) is given (documents added later do not change the sample)."""
    pool = [d for d in ids if (batches or {}).get(d, SAMPLE_BATCH) == batch]
    return sorted(random.Random(seed + 1).sample(sorted(pool), n))


def samples(ids: list[str], batches: dict[str, int]) -> dict[int, list[str]]:
    """{round: its second pass's documents (`sample`)} for every round of SAMPLES."""
    return {r: sample(ids, n, batches=batches, batch=r) for r, n in SAMPLES.items()}


def overlaps(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    """Whether `span` shares a character with one of `others`."""
    return any(s < span[1] and span[0] < e for s, e in others)


# Fewer shown spans than this give no estimate of precision worth the name (one span more or less right moves
# it by a tenth or more): the figures say so beside the counts (`figures`, `precision_text`). The same least
# count as the tuning half's rule (`newsprism.framing.training.SHOWN_MIN_COUNT`).
ESTIMATE_MIN = 10


def wilson(right: int, shown: int, z: float = 1.96) -> list[float] | None:
    """The Wilson score interval (95% by default) of a precision of `right` out of `shown`, or None when
    nothing was shown: how far the true share may lie from the one measured on few spans."""
    if not shown:
        return None
    p, n = right / shown, shown
    mid, half = (p + z * z / (2 * n)), z * ((p * (1 - p) + z * z / (4 * n)) / n) ** 0.5
    return [round(max(0.0, (mid - half) / (1 + z * z / n)), 4), round(min(1.0, (mid + half) / (1 + z * z / n)), 4)]


def precision_text(f: dict) -> str:
    """A figures dict's precision for a table: the share with its 95% interval, and, below ESTIMATE_MIN
    shown spans, the counts and that they are too few to estimate it ("-, none shown" when none is)."""
    if not f["shown"]:
        return "-, none shown"
    lo, hi = f.get("precision_interval_95") or wilson(f["right"], f["shown"])
    text = f"{f['precision']:.3f} [{lo:.2f}, {hi:.2f}]"
    if f["shown"] < ESTIMATE_MIN:
        text += f", {f['right']} of {f['shown']} right: too few to estimate"
    return text


def figures(gold: dict[str, list[tuple[int, int]]], pred: dict[str, list[tuple[int, int]]], words: int) -> dict:
    """For the documents of `gold`: shown spans and how many are right (overlap a gold span), precision of
    shown spans (None when none is shown) with its 95% Wilson interval and whether enough spans were shown to
    estimate it (`ESTIMATE_MIN`), gold spans found, spans per 1,000 words shown and gold, and the
    official SI measure (score_ptc's character-overlap P/R/F1)."""
    shown = [(d, sp) for d in gold for sp in merged(pred.get(d, []))]
    right = sum(overlaps(sp, gold[d]) for d, sp in shown)
    n_gold = sum(len(merged(v)) for v in gold.values())
    found = sum(overlaps(g, merged(pred.get(d, []))) for d in gold for g in merged(gold[d]))
    si = si_score(gold, {d: pred.get(d, []) for d in gold})
    return {
        "documents": len(gold), "words": words, "shown": len(shown), "right": right,
        "precision": round(right / len(shown), 4) if shown else None,
        "precision_interval_95": wilson(right, len(shown)), "enough_to_estimate": len(shown) >= ESTIMATE_MIN,
        "gold": n_gold, "gold_found": found, "recall": round(found / n_gold, 4) if n_gold else None,
        "shown_per_1000_words": round(1000 * len(shown) / words, 2) if words else 0.0,
        "gold_per_1000_words": round(1000 * n_gold / words, 2) if words else 0.0,
        "SI": {k: round(v, 4) for k, v in si.items()},
    }
