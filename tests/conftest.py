"""Shared fixtures: the spaCy pipeline and spaCy's model each loaded once per session, the path to ../shared
when it is present, and a hand-made PTC folder for the framing training tests; which tests are `slow` (and
`pytest -m "not slow"` loads no spaCy model: a quick test that tries fails saying so); the pytest-xdist groups."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# pytest keeps its assertion-rewritten test modules (and the plugins' packages, hypothesis among them) as .pyc
# files only when bytecode may be written; where PYTHONDONTWRITEBYTECODE is set, every run parses and rewrites
# them again, about half of collection. The test run writes them (to the git-ignored __pycache__) regardless.
sys.dont_write_bytecode = False

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "examples" / "gaza-2018-04-06.txt"


@pytest.fixture(scope="session")
def nlp():
    from newsprism import pipeline

    return pipeline.load()


@pytest.fixture(scope="session")
def spacy_model():
    """spaCy's model alone (tagger, parser, NER), loaded once for every test that only parses with it."""
    from newsprism.parse import load_parser

    return load_parser()


@pytest.fixture(scope="session")
def analyze(nlp):
    """Analyse one text (with an optional date) through the whole pipeline."""
    from newsprism import pipeline
    from newsprism.article import Article

    def run(text: str, published: str | None = None):
        return next(pipeline.analyze(nlp, [Article(text=text, published=published)]))

    return run


# Fixtures that load spaCy's model or start a server: a test that uses one, even through another fixture, is slow;
# so is every test of a module that runs the command's pipeline, worker processes, Ray, PostgreSQL or a browser.
# Other tests that load the model, train, start a process or run many hypothesis examples carry `@pytest.mark.slow`.
SLOW_FIXTURES = {"nlp", "analyze", "spacy_model", "events_nlp", "framing_nlp", "web_db", "server", "pg_url"}
SLOW_MODULES = {"test_cli", "test_reliability", "test_engines", "test_engines_ray", "test_web_cli", "test_postgres",
                "test_web_postgres", "test_corpus_postgres", "test_web_browser", "test_corpus_browser",
                "test_corpus_pipeline", "test_events_shared", "test_events_detection"}


# Under pytest-xdist (`make test` runs `-n 2 --dist loadgroup`), the tests of one server or cluster share a worker:
# one PostgreSQL server, one Ray cluster and one browser for all of them, as in a serial run.
GROUPS = {"pg_url": "postgres", "server": "postgres"}
GROUP_MODULES = {"test_engines_ray": "ray", "test_web_browser": "browser", "test_corpus_browser": "browser"}


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """`pytest -m "not slow"` does not even import the slow modules (Playwright, Ray, the event detector's
    model at import time: seconds of collection for tests that would all be deselected)."""
    if collection_path.suffix == ".py" and collection_path.stem in SLOW_MODULES and \
            config.getoption("markexpr", "").strip() == "not slow":
        return True
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark those tests `slow`, so that `pytest -m "not slow"` stays quick, and put each in its xdist group."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if SLOW_FIXTURES & fixtures or item.path.stem in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
        group = GROUP_MODULES.get(item.path.stem) or next((GROUPS[f] for f in sorted(fixtures & GROUPS.keys())), None)
        if group:
            item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(autouse=True)
def fast_tests_load_no_model(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test not marked slow may not load a spaCy model (seconds each time): it fails saying so. Rules are
    tested on Docs built by hand (tests/test_rules.py); `spacy.blank` stays allowed."""
    if request.node.get_closest_marker("slow") is not None:
        return
    import spacy.util

    def refuse(name, *args, **kwargs):
        raise RuntimeError(f"{request.node.nodeid} loads the spaCy model {name!r}: mark it @pytest.mark.slow, "
                           "or build its Doc by hand (see tests/test_rules.py)")

    monkeypatch.setattr(spacy.util, "load_model", refuse)


def needs_shared(path: Path = SHARED):
    """Skip marker for tests that read the research data in ../shared."""
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is absent: the shared research data is not beside this clone")


@pytest.fixture
def hand_made_ptc(tmp_path: Path) -> Path:
    """A PTC-style folder of six tiny articles, each with a Loaded_Language and a Doubt span."""
    data = tmp_path / "ptc"
    (data / "articles").mkdir(parents=True)
    si, tc = [], []
    for k in range(6):
        text = f"Headline {k}\n\nThe corrupt traitors lied again, said the mayor.\nIs this a coincidence? Surely not.\n"
        (data / "articles" / f"article{k}.txt").write_text(text, encoding="utf-8")
        for tech, phrase in (("Loaded_Language", "corrupt traitors"), ("Doubt", "Is this a coincidence?")):
            s = text.index(phrase)
            si.append(f"{k}\t{s}\t{s + len(phrase)}\n")
            tc.append(f"{k}\t{tech}\t{s}\t{s + len(phrase)}\n")
    (data / "spans.labels").write_text("".join(si), encoding="utf-8")
    (data / "techniques.labels").write_text("".join(tc), encoding="utf-8")
    return data
