"""One quality gate: every evaluation's figures against the saved baselines in `tests/baselines.json`.

    .venv/bin/pytest -q tests/eval_gate.py                 # the gate (pytest collects this file: pyproject)
    .venv/bin/python tests/eval_gate.py --update           # rewrite every baseline from the current code
    .venv/bin/python tests/eval_gate.py --update tone      # ... or only some evaluations' baselines
    make gate / make baselines                             # the same two

Each evaluation runs the project's own evaluation code on a fixed set of development data and gives a few
figures, all higher-is-better; a figure fails the gate when it falls more than the stated tolerance below its
baseline (the message names the evaluation, the figure, the baseline and the new value). A figure that rises
more than the tolerance above its baseline passes with a warning (`BaselineRise`, in pytest's summary) asking
for `make baselines` (or `--update NAME`), so that a baseline does not sit below what the code gives: commit
`tests/baselines.json` with the change that earned it.

Figures not measured out of sample (the data they are reported on trained the model or chose its settings)
are listed in `IN_SAMPLE` with the reason, written into baselines.json's `in_sample` (`--update`, or
`--mark-in-sample` alone, which leaves every figure as it is) and named so in the gate's messages.

    samples      quotes on the four bundled articles (newsprism/samples) against a hand-made gold,
                 tests/gold/samples.json (guide: tests/gold/README.md), scored by the shared score_quotes.py
    quotes       `newsprism eval quotes` on PolNeAR dev (84 articles): every gold attribution with content
                 (no word list chooses the gold), and recall and speaker accuracy of those the text puts in
                 quotation marks
    attribution  `newsprism eval attribution` on PolNeAR dev: source, cue and content exact F1
    extraction   `newsprism eval extraction` on the 55 pages of ../shared/data/html
    events       the shipped linear detector (the one `--fast` runs) and its typer on the annotated report part (annotations/events,
                 texts from ../shared; nothing was chosen there), and the shipped PLOVER and CASE 2021 classifiers on the
                 shared dev halves (in sample: it catches a change in features or decoding, not overfitting;
                 `newsprism eval events` cross-validates the recipe, too slow for a gate)
    events_encoder  the same for the detector over the shared encoder, the default (the encoder path, `--detector encoder`)
    framing      SI and TC F1 on the development split the framing model's record names (56 PTC articles),
                 the CRF tagger
    framing_encoder  the same for the MiniLM tagger over the shared encoder averaged with the CRF, the
                 tagger the pipeline runs by default (the encoder path)
    tone         NewsMTSC dev-rw and dev-mt macro F1 and accuracy of the shipped tone head

The evaluations skip, naming the missing path, where the shared data and scorers are not beside the clone. The whole gate takes a few minutes (all figures are deterministic on one machine).
"""

from __future__ import annotations

import json
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
BASELINES = HERE / "baselines.json"
SAMPLES_GOLD = HERE / "gold" / "samples.json"
SAMPLES = ROOT / "newsprism" / "samples"
SCORERS = SHARED / "scorers"
POLNEAR_DEV = SHARED / "data" / "polnear" / "dev"
HTML = SHARED / "data" / "html"
PTC = SHARED / "data" / "ptc" / "train"
NEWSMTSC = SHARED / "data" / "newsmtsc"
TOLERANCE = 0.01  # the default; baselines.json states the one in force and why

if str(ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(ROOT))


# ---- samples: quotes on the bundled articles against the hand-made gold --------------------------------

def sample_articles() -> dict:
    """The bundled samples read as `newsprism analyze` reads them, by file name."""
    from newsprism.readers.text import article_from_text

    return {p.name: article_from_text(p.read_text(encoding="utf-8"), p.name) for p in sorted(SAMPLES.glob("*.txt"))}


def samples_gold(direct_only: bool = False) -> list[dict]:
    """The hand-made gold as the shared scorer reads it (the Gender Gap Tracker's JSON lines: id, text, quotes
    with quote and speaker), the ids those `sample_articles` get; with `direct_only`, the direct quotes alone."""
    articles = sample_articles()
    return [{"id": articles[name].id, "text": articles[name].text,
             "quotes": [{"quote": q["content"], "speaker": q["speaker"] or ""} for q in entry["quotes"]
                        if not direct_only or q["kind"] == "direct"]}
            for name, entry in json.loads(SAMPLES_GOLD.read_text(encoding="utf-8")).items()]


def figures_samples() -> dict:
    """Quotes on the bundled samples scored by the shared scorer (`score_quotes.py`, the Gender Gap Tracker's
    rule, as `newsprism eval quotes` runs it); `direct_recall` is its recall on the direct quotes alone."""
    import tempfile

    from newsprism.quotes.evaluation import QUOTE_COMPONENTS, predict, score

    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        predict(sample_articles().values(), pred, components=QUOTE_COMPONENTS)
        results = {}
        for part, direct_only in (("all", False), ("direct", True)):
            gold = Path(tmp) / f"gold-{part}.jsonl"
            gold.write_text("".join(json.dumps(r) + "\n" for r in samples_gold(direct_only)), encoding="utf-8")
            code, results[part] = score(SCORERS, "score_quotes.py", str(gold), str(pred))
            assert code == 0 and results[part].get("missing_articles") == 0, f"samples scoring failed: {results[part]}"
    r = results["all"]
    return {"precision": r["precision"], "recall": r["recall"], "f1": r["f1"],
            "direct_recall": results["direct"]["recall"], "speaker_accuracy": r["speaker_accuracy"]}


# ---- the evaluations on ../shared ------------------------------------------------------------------------

def figures_quotes() -> dict:
    from newsprism.quotes import evaluation as quotes

    code, r = quotes.run(POLNEAR_DEV, SCORERS)
    assert code == 0 and r.get("missing_articles") == 0, f"quotes evaluation failed: {r}"
    return {"precision": r["precision"], "recall": r["recall"], "f1": r["f1"], "speaker_accuracy": r["speaker_accuracy"],
            "direct_recall": r["direct"]["recall"], "direct_speaker_accuracy": r["direct"]["speaker_accuracy"]}


def figures_attribution() -> dict:
    from newsprism.quotes import attribution_evaluation as attribution

    code, r = attribution.run(POLNEAR_DEV, SCORERS)
    assert code == 0 and r.get("missing_articles") == 0, f"attribution evaluation failed: {r}"
    return {f"{role}_exact_f1": r[role]["exact"][2] for role in ("source", "cue", "content")} | {
        f"{role}_chars_f1": r[role]["chars"][2] for role in ("source", "cue", "content")}


def figures_extraction() -> dict:
    from newsprism.readers import evaluation as extraction

    r = extraction.run(HTML)
    return {k: r[k] for k in ("precision", "recall", "f1", "language_accuracy")}


def figures_events() -> dict:
    from newsprism.events import annotation, classifier
    from newsprism.events.data import load_data
    from newsprism.events.evaluation import METRIC, evaluate_annotated, score

    dev = evaluate_annotated(annotation.ANNOTATIONS, SHARED, "report", kind="linear")
    out = {"detection_precision": dev["detection"]["precision"], "detection_recall": dev["detection"]["recall"],
           "detection_f1": dev["detection"]["f1"], "typed_f1": dev["typed"]["f1"]}
    for scheme, metric in METRIC.items():
        ids, texts, labels = load_data(SHARED, scheme)
        pred = classifier.load(scheme).predict(list(classifier.parser().pipe(texts, batch_size=64)))
        out[f"{scheme}_{metric}_f1_in_sample"] = score(dict(zip(ids, labels)), dict(zip(ids, pred)))[metric]
    return out


def figures_events_encoder() -> dict:
    """The encoder path: the shipped detector over the shared encoder's sentence vectors (`--detector encoder`, the
    default the model record names) and its typer, on the same annotated report part as `events`."""
    from newsprism.events import annotation
    from newsprism.events.evaluation import evaluate_annotated

    dev = evaluate_annotated(annotation.ANNOTATIONS, SHARED, "report", kind="encoder")
    return {"detection_precision": dev["detection"]["precision"], "detection_recall": dev["detection"]["recall"],
            "detection_f1": dev["detection"]["f1"], "typed_f1": dev["typed"]["f1"]}


def figures_framing(tagger: str = "crf") -> dict:
    from newsprism.framing.evaluation import evaluate, recorded_dev_split

    with recorded_dev_split(PTC) as (_, split):
        r = evaluate(split, tagger=tagger)
    return {f"{task}_{k.lower()}": round(r[task][k], 4) for task in ("SI", "TC") for k in ("P", "R", "F1")}


def figures_framing_encoder() -> dict:
    """The encoder path the pipeline runs by default: the MiniLM span head over the shared encoder averaged
    with the CRF (`--framing-tagger minilm`), on the same development split as `framing`."""
    return figures_framing("minilm")


def figures_tone() -> dict:
    from newsprism.tone.evaluation import evaluate
    from newsprism.tone.model import shipped_model

    out = {}
    for split, s in evaluate(shipped_model(), NEWSMTSC).items():
        out |= {f"{split}_f1m": s["f1m"], f"{split}_accuracy": s["accuracy"]}
    return out


# name -> (figures, the data it needs)
EVALUATIONS: dict[str, tuple[Callable[[], dict], Path]] = {
    "samples": (figures_samples, SCORERS / "score_quotes.py"),
    "quotes": (figures_quotes, POLNEAR_DEV),
    "attribution": (figures_attribution, POLNEAR_DEV),
    "extraction": (figures_extraction, HTML / "pages"),
    "events": (figures_events, SHARED / "data" / "voa"),
    "events_encoder": (figures_events_encoder, SHARED / "data" / "voa"),
    "framing": (figures_framing, PTC),
    "framing_encoder": (figures_framing_encoder, PTC),
    "tone": (figures_tone, NEWSMTSC),
}


# Figures reported on data that trained the model or chose its settings: evaluation -> figure -> why (as the
# models' records say). Written into baselines.json's "in_sample" and named in the gate's messages.
_FRAMING_TUNED = "chosen on this split: the decoding settings were chosen on the development split (models/framing/README.md)"
IN_SAMPLE: dict[str, dict[str, str]] = {
    "events": {  # the detection figures are on the report part, where nothing was chosen: out of sample
        "plover_macro_f1_in_sample": "in sample: the PLOVER classifier was trained on these snippets",
        "case2021_weighted_f1_in_sample": "in sample: the CASE 2021 classifier was trained on these snippets",
    },
    "attribution": {f"{role}_{kind}_f1": "chosen on this split: the attribution tagger's c1 and the quote rules "
                                          "were chosen on PolNeAR dev (docs/models.md)"
                    for role in ("source", "cue", "content") for kind in ("exact", "chars")},
    "framing": {f"{task}_{k}": _FRAMING_TUNED for task in ("SI", "TC") for k in ("p", "r", "f1")},
    "framing_encoder": {f"{task}_{k}": _FRAMING_TUNED for task in ("SI", "TC") for k in ("p", "r", "f1")},
    "tone": {f"{split}_{k}": why for split, why in (
        ("dev-mt", "chosen on this split: the head's settings were chosen comparing heads on it (models/tone/README.md)"),
        ("dev-rw", "chosen on this split in part: the head's shape and training settings were chosen comparing heads "
                   "on it, its tree distance and width were not (models/tone/README.md)"))
        for k in ("f1m", "accuracy")},
}


class BaselineRise(UserWarning):
    """A figure rose above its baseline by more than the tolerance: the baseline should be raised."""


def label(name: str, figure: str) -> str:
    """`name.figure`, with `(in sample: ...)` / `(chosen on this split: ...)` where IN_SAMPLE lists it."""
    why = IN_SAMPLE.get(name, {}).get(figure)
    return f"{name}.{figure}" + (f" ({why})" if why else "")


def compare(name: str, got: dict, baseline: dict, tolerance: float) -> tuple[list[str], list[str]]:
    """(drops, rises): a line for each figure of `baseline` that `got` lacks or that fell more than `tolerance`
    below it, and for each figure of `got` that rose more than `tolerance` above its baseline or has none."""
    down: list[str] = []
    up: list[str] = []
    for figure in {**baseline, **got}:
        base, new, where = baseline.get(figure), got.get(figure), label(name, figure)
        if new is None:
            down.append(f"{where}: baseline {base}, no longer reported")
        elif base is None:
            up.append(f"{where}: now {new}, no baseline")
        elif abs(new - base) > tolerance:
            way = "down" if new < base else "up"
            (down if new < base else up).append(
                f"{where}: baseline {base}, now {new} ({way} {abs(base - new):.4f}, tolerance {tolerance})")
    return down, up


def drops(name: str, got: dict, baseline: dict, tolerance: float) -> list[str]:
    """The drops of `compare`: what fails the gate."""
    return compare(name, got, baseline, tolerance)[0]


def rises(name: str, got: dict, baseline: dict, tolerance: float) -> list[str]:
    """The rises of `compare`: what asks for new baselines."""
    return compare(name, got, baseline, tolerance)[1]


def load_baselines() -> dict:
    return json.loads(BASELINES.read_text(encoding="utf-8"))


# ---- the tests -----------------------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("name", list(EVALUATIONS))
def test_no_figure_drops_below_its_baseline(name):
    figures, needs = EVALUATIONS[name]
    if not needs.exists():
        pytest.skip(f"{needs} is absent: the shared research data (../shared beside the clone) is needed for {name}")
    baselines = load_baselines()
    assert name in baselines, f"no baseline for {name}: run `python tests/eval_gate.py --update {name}`"
    got = figures()
    check(name, got, baselines[name], baselines["tolerance"])


def check(name: str, got: dict, baseline: dict, tolerance: float) -> None:
    """Fails on a drop (`drops`); warns (`BaselineRise`) on a rise (`rises`), asking for new baselines."""
    lost = drops(name, got, baseline, tolerance)
    assert not lost, "figures below their baseline (tests/baselines.json):\n" + "\n".join(lost) + f"\nall now: {got}"
    gained = rises(name, got, baseline, tolerance)
    if gained:
        warnings.warn(BaselineRise(
            "figures above their baseline (tests/baselines.json): run `make baselines` (or "
            f"`python tests/eval_gate.py --update {name}`) and commit it with the change that earned it:\n"
            + "\n".join(gained)), stacklevel=2)


def test_drops_name_the_figure_and_ignore_rises():
    assert drops("tone", {"f1": 0.70, "acc": 0.9}, {"f1": 0.72, "acc": 0.8}, 0.01) == [
        "tone.f1: baseline 0.72, now 0.7 (down 0.0200, tolerance 0.01)"]
    assert drops("tone", {"f1": 0.715}, {"f1": 0.72}, 0.01) == []
    assert drops("tone", {}, {"f1": 0.72}, 0.01) == ["tone.f1: baseline 0.72, no longer reported"]


def test_a_drop_fails_and_a_rise_warns_asking_for_new_baselines():
    with pytest.raises(AssertionError, match="tone.f1: baseline 0.72, now 0.7"):
        check("tone", {"f1": 0.70}, {"f1": 0.72}, 0.01)
    with pytest.warns(BaselineRise, match=r"make baselines.*\n.*tone.f1: baseline 0.72, now 0.75 \(up 0.0300"):
        check("tone", {"f1": 0.75}, {"f1": 0.72}, 0.01)
    with pytest.warns(BaselineRise, match="tone.recall: now 0.5, no baseline"):
        check("tone", {"f1": 0.72, "recall": 0.5}, {"f1": 0.72}, 0.01)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # within the tolerance: neither
        check("tone", {"f1": 0.725}, {"f1": 0.72}, 0.01)


def test_in_sample_figures_are_marked_in_baselines_and_messages():
    baselines = load_baselines()
    assert baselines["in_sample"] == IN_SAMPLE, "run `python tests/eval_gate.py --mark-in-sample`"
    for name, figures in IN_SAMPLE.items():
        assert set(figures) <= set(baselines[name]), f"{name}: IN_SAMPLE names figures the gate does not report"
    assert drops("tone", {"dev-mt_f1m": 0.5}, {"dev-mt_f1m": 0.69}, 0.01)[0].startswith(
        "tone.dev-mt_f1m (chosen on this split: the head's settings were chosen comparing heads on it")
    assert rises("events", {"plover_macro_f1_in_sample": 0.9}, {"plover_macro_f1_in_sample": 0.8}, 0.01)[0].startswith(
        "events.plover_macro_f1_in_sample (in sample:")


def test_baselines_cover_every_evaluation_with_a_stated_tolerance():
    baselines = load_baselines()
    assert set(EVALUATIONS) <= set(baselines) and 0 <= baselines["tolerance"] < 0.05 and baselines["tolerance_reason"]


def test_sample_gold_offsets_match_the_texts():
    """The hand-made gold names the bundled texts, and each quote's offsets hold its content."""
    gold = json.loads(SAMPLES_GOLD.read_text(encoding="utf-8"))
    articles = sample_articles()
    assert set(gold) == set(articles)
    for name, entry in gold.items():
        for q in entry["quotes"]:
            assert articles[name].text[q["start"] : q["end"]] == q["content"], (name, q)
            assert q["kind"] in {"direct", "indirect"}


def test_sample_gold_reaches_the_shared_scorer_as_written():
    """Each gold quote goes to score_quotes.py with its words and speaker, under the id its article gets."""
    gold = json.loads(SAMPLES_GOLD.read_text(encoding="utf-8"))
    written = samples_gold()
    assert len(written) == len(gold) and all(r["quotes"] for r in written)
    assert sum(len(r["quotes"]) for r in written) == sum(len(e["quotes"]) for e in gold.values())
    assert all(q["quote"] in r["text"] for r in written for q in r["quotes"])
    direct = samples_gold(direct_only=True)
    assert 0 < sum(len(r["quotes"]) for r in direct) < sum(len(r["quotes"]) for r in written)


def update(names: list[str]) -> None:
    """Runs the named evaluations (all by default) and writes their figures as the new baselines."""
    baselines = load_baselines() if BASELINES.exists() else {}
    baselines.setdefault("tolerance", TOLERANCE)
    baselines.setdefault("tolerance_reason", "")
    for name in names or list(EVALUATIONS):
        figures, needs = EVALUATIONS[name]
        if not needs.exists():
            print(f"{name}: skipped, {needs} is absent", file=sys.stderr)
            continue
        baselines[name] = figures()
        print(f"{name}: {json.dumps(baselines[name])}", file=sys.stderr)
    write(baselines)


def write(baselines: dict) -> None:
    """Writes `baselines` with the in-sample marks of `IN_SAMPLE` to baselines.json."""
    baselines["in_sample"] = IN_SAMPLE
    BASELINES.write_text(json.dumps(baselines, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--update", nargs="*", metavar="NAME", choices=list(EVALUATIONS), default=None,
                        help="rewrite the baselines of these evaluations (all when none is named)")
    parser.add_argument("--mark-in-sample", action="store_true",
                        help="write only the in-sample marks (IN_SAMPLE) into baselines.json, no figure changed")
    args = parser.parse_args()
    if args.mark_in_sample:  # every figure left as it is
        write(load_baselines())
        raise SystemExit(0)
    if args.update is None:
        raise SystemExit(f"run the gate with pytest ({Path(__file__).name}), or --update to rewrite baselines")
    update(args.update)
