"""Shared fixtures: the spaCy pipeline loaded once, and the path to ../shared when it is present."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "examples" / "gaza-2018-04-06.txt"


@pytest.fixture(scope="session")
def nlp():
    from newsprism import pipeline

    return pipeline.load()


@pytest.fixture(scope="session")
def analyze(nlp):
    """Analyse one text (with an optional date) through the whole pipeline."""
    from newsprism import pipeline
    from newsprism.article import Article

    def run(text: str, published: str | None = None):
        return next(pipeline.analyze(nlp, [Article(text=text, published=published)]))

    return run


def needs_shared(path: Path = SHARED):
    """Skip marker for tests that read the research data in ../shared."""
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is absent: the shared research data is not beside this clone")
