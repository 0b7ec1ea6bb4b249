"""Events on the shared data: the seed article against its hand annotation, and snippet classification.
Skipped, with the reason, where ../shared is absent."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "examples" / "gaza-2018-04-06.txt"
pytestmark = pytest.mark.skipif(not SEED.exists(), reason=f"shared data not found at {SHARED}")


def seed_article():
    from newsprism.article import Article

    raw = SEED.read_text(encoding="utf-8")
    header, _, body = raw.lstrip().partition("\n\n")
    published = header.split()[1] if header.split()[0] == "date" else None
    return Article(text=body.lstrip("\n"), published=published)


def test_seed_events_and_conflicts_meet_the_annotation():
    from newsprism import pipeline

    nlp = pipeline.load(["newsprism_actors", "newsprism_events"])
    analysis = next(pipeline.analyze(nlp, [seed_article()]))
    run = subprocess.run([sys.executable, str(SHARED / "scorers/check_seed.py"),
                          str(SHARED / "examples/gaza-2018-04-06.gold.json"), "events", "conflicts"],
                         input=analysis.model_dump_json(), capture_output=True, text=True)
    assert run.returncode == 0, run.stdout


def test_classify_snippets_answers_every_id(tmp_path):
    from newsprism.events.data import classify_snippets

    lines = (SHARED / "data/case2021/task2-dev.tsv").read_text(encoding="utf-8").splitlines()[:21]
    path = tmp_path / "snippets.tsv"
    path.write_text("\n".join("\t".join(line.split("\t")[:2]) for line in lines) + "\n", encoding="utf-8")
    got = list(classify_snippets(path, "case2021"))
    assert [i for i, _ in got] == [line.split("\t")[0] for line in lines[1:]]
    types = set((SHARED / "data/case2021/event_types.txt").read_text().split()) | {
        "ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"}
    assert all(label in types for _, label in got)
