"""What makes newsprism's components spaCy-native beyond their factories, shared by the components.

- Scores: each component's `score(examples)` reports its figures from gold `Doc`s, so `nlp.evaluate(examples)`
  scores newsprism as it scores spaCy's own components. What a component finds sits in `doc.spans[key]`
  (`newsprism_quotes`, `newsprism_events`, `newsprism_framing`); the gold `Doc` of an `Example` carries the
  same key, and `span_scores` compares the two as spaCy's `SpanRuler` does (`Scorer.score_spans`), giving
  `spans_{key}_p`, `_r`, `_f` and `_per_type`. A gold `Doc` without the key is not scored for it.
- Model files: `nlp.to_disk(path)` calls each component's `to_disk(path / name)`, which copies the model files
  it runs with there (`save_files`); `spacy.load(path)` builds each component from the saved config and then
  calls its `from_disk(path / name)`, which loads the models from those copies. A saved pipeline so carries
  its own models, not the package's.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.scorer import Scorer
from spacy.training import Example

SETTINGS_FILE = "newsprism.json"  # what a component saved beside its model files (which files, which tagger)


def span_scores(examples: Iterable[Example], key: str, labeled: bool = True, **cfg: Any) -> dict[str, Any]:
    """Precision, recall and F of the spans in `doc.spans[key]` against the gold `Doc`s' (token-exact; with
    `labeled` the label must match too), with per-label figures; gold `Doc`s without `key` are left out."""
    attr = f"spans_{key}"
    cfg.pop("attr", None)
    return Scorer.score_spans(
        examples,
        attr,
        getter=lambda doc, _attr: doc.spans.get(key, []),
        has_annotation=lambda doc: key in doc.spans,
        labeled=labeled,
        allow_overlap=True,
        **cfg,
    )


def save_files(folder: str | Path, files: Iterable[Path], settings: dict[str, Any] | None = None) -> None:
    """Copies `files` into `folder` (made when missing) with the component's `settings` beside them; a file
    that does not exist raises FileNotFoundError naming it (a saved pipeline must not lack its models)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for path in files:
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"model file {path} is missing: the pipeline cannot be saved without it")
        shutil.copyfile(path, folder / path.name)
        names.append(path.name)
    record = {"files": names, **(settings or {})}
    (folder / SETTINGS_FILE).write_text(json.dumps(record, indent=1, sort_keys=True), encoding="utf-8")


def saved_settings(folder: str | Path) -> dict[str, Any]:
    """What `save_files` wrote in `folder` ({} when the component saved nothing there)."""
    path = Path(folder) / SETTINGS_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
