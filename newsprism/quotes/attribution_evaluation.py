"""`newsprism eval attribution`: source, cue and content spans on a PolNeAR split (score_polnear.py).

It scores every attribution the quotes component finds, by PolNeAR's definition (beliefs, plans and findings
included), not the analysis's `quotes`, which keep only what was said, written or stated."""

from __future__ import annotations

import tempfile
from pathlib import Path

from newsprism.quotes import evaluation as runner, polnear


def write_record(split: Path, figures: dict, fast: bool = False, bare: dict | None = None) -> Path:
    """Writes `figures` (what `run` gave on `split`) into the record of the shipped tagger the component ran
    (the one reading the encoder, or with `fast` the plain one) as `component_dev`, the figures of the component
    users run, and `bare`, where given, as `dev`: the bare CRF's on `split` scored again (`training.evaluate`; the
    tagger's own grouping of its tags may have changed since training wrote them; its `holdout` figures stay as
    training wrote them); returns the record's path."""
    import json

    from newsprism.quotes.model import default_model

    path = default_model(encoder=not fast).with_suffix(".json")
    record = json.loads(path.read_text(encoding="utf-8"))
    record["scores"]["component_dev"] = figures
    if bare is not None:
        record["scores"]["dev"] = bare
    record["component_command"] = (f"newsprism {'--fast ' if fast else ''}eval attribution "
                                   "--data ../shared/data/polnear/dev --record")
    path.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def run(split: Path, scorers: Path, holdout: bool = False, model_path: Path | None = None,
        fast: bool = False) -> tuple[int, dict]:
    """Analyses the split and scores it; returns the scorer's exit status and figures. With `holdout`,
    `split` is PolNeAR's folder and the split scored is the tagger's held-out tenth of train
    (`polnear.holdout_split`), which nothing was chosen on. `model_path`: another tagger than the shipped one
    (training compares its candidates so); `fast`: the component as `--fast` runs it (the plain tagger, no
    encoder)."""
    settings: dict = {"definition": "attribution"}
    if fast:
        settings["encoder"] = False
    if model_path is not None:
        settings["model_path"] = str(model_path)
    with tempfile.TemporaryDirectory() as tmp:
        if holdout:
            split = polnear.holdout_split(split, Path(tmp) / "holdout")
        pred = Path(tmp) / "pred.jsonl"
        runner.predict(polnear.articles(split), pred, config={"newsprism_quotes": settings},
                       components=runner.QUOTE_COMPONENTS)
        return runner.score(scorers, "score_polnear.py", str(split), str(pred))
