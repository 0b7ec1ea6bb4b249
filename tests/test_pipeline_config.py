"""pipeline.load: the components are spaCy factories whose settings come from `config` (never from the
environment), an unknown component is an error, and the config reaches worker processes as an argument."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsprism import pipeline
from newsprism.article import Article
from newsprism.errors import UnknownChoice

TEXT = "Police arrested two men in Dayton on Saturday. The weather was mild."


def test_unknown_component_is_an_error_not_skipped():
    with pytest.raises(UnknownChoice, match="newsprism_nope"):
        pipeline.load(["newsprism_actors", "newsprism_nope"])
    with pytest.raises(UnknownChoice, match="newsprism_nope"):
        pipeline.load(config={"newsprism_nope": {}})


def test_settings_are_the_command_line_options_as_config():
    assert pipeline.settings() == {}  # the default: the shared encoder runs (MiniLM framing, tone)
    assert pipeline.settings(framing_tagger="crf", min_event_score=0.3) == {
        "newsprism_framing": {"tagger": "crf"},
        "newsprism_events": {"min_score": 0.3},
    }
    assert pipeline.settings(fast=True) == {"newsprism_framing": {"tagger": "crf"}, "newsprism_tone": {"enabled": False},
                                            "newsprism_events": {"detector": "linear"},  # no encoder pass for events
                                            "newsprism_quotes": {"encoder": False}}  # the plain attribution tagger
    assert pipeline.settings(fast=True, min_event_score=0.8)["newsprism_events"] == {"detector": "linear", "min_score": 0.8}
    with pytest.raises(UnknownChoice):
        pipeline.settings(framing_tagger="bert")
    # --events-detector: the encoder path otherwise, the linear detector alone (what the bench compares)
    assert pipeline.settings(events_detector="linear") == {"newsprism_events": {"detector": "linear"}}
    assert pipeline.settings(fast=True, events_detector="encoder")["newsprism_events"] == {"detector": "encoder"}
    with pytest.raises(UnknownChoice):
        pipeline.settings(events_detector="bert")


def test_what_runs_is_said_from_the_config():
    assert pipeline.encoder_runs({}) == {"encoder": True, "framing_tagger": "minilm", "tone": True}
    assert pipeline.encoder_runs(pipeline.settings(fast=True)) == {"encoder": False, "framing_tagger": "crf",
                                                                   "tone": False}
    assert "tone towards actors" in pipeline.describe({}) and "no encoder" in pipeline.describe(pipeline.settings(fast=True))


def test_factories_declare_what_they_assign_require_and_take():
    import importlib

    for _, module in pipeline.COMPONENTS:
        importlib.import_module(module)
    meta = {name: Language.get_factory_meta(name) for name, _ in pipeline.COMPONENTS}
    assert "doc._.entities" in meta["newsprism_actors"].assigns
    assert "doc._.entities" in meta["newsprism_quotes"].requires and "doc._.quotes" in meta["newsprism_quotes"].assigns
    assert meta["newsprism_framing"].default_config == {"tagger": "minilm", "model_dir": None,
                                                        "shown_min": None,
                                                        "scorer": {"@scorers": "newsprism.framing_scorer.v1"}}
    assert meta["newsprism_tone"].default_config == {"enabled": True, "model_dir": None}  # the encoder on by default
    assert meta["newsprism_events"].default_config == {"min_score": None, "model_dir": None, "detector": None,
                                                       "scorer": {"@scorers": "newsprism.events_scorer.v1"}}
    assert meta["newsprism_quotes"].default_config["definition"] == "quote"


def test_an_unknown_events_detector_is_refused():
    from newsprism.events.component import make_events

    with pytest.raises(UnknownChoice, match="bert"):
        make_events(None, "newsprism_events", None, None, "bert")


@pytest.mark.slow  # loads spaCy's model
def test_config_reaches_the_components(monkeypatch):
    monkeypatch.setenv("NEWSPRISM_MIN_EVENT_SCORE", "0.0")  # read by the command line only, not the component
    nlp = pipeline.load(["newsprism_actors", "newsprism_events"], config={"newsprism_events": {"min_score": 1.0}})
    assert nlp.get_pipe("newsprism_events").min_score == 1.0
    [analysis] = pipeline.analyze(nlp, [Article(text=TEXT, id="a")])
    assert analysis.events == []


@pytest.mark.slow  # loads spaCy's model twice
def test_the_encoder_runs_by_default_and_fast_skips_it():
    text = ('The corrupt, treacherous regime of Bashar al-Assad butchered innocent children, John Smith said. '
            'Officials of the United Nations praised the brave rescuers.')
    [default] = pipeline.analyze(pipeline.load(), [Article(text=text, id="a")])
    fast = pipeline.load(config=pipeline.settings(fast=True))
    assert fast.get_pipe("newsprism_framing").model.minilm is None
    assert fast.get_pipe("newsprism_events").kind == "linear"  # the events detector that reads no encoder pass
    [quick] = pipeline.analyze(fast, [Article(text=text, id="a")])
    assert default.tone and {t.voice.kind for t in default.tone} <= {"author", "quote"}
    assert quick.tone == [] and quick.actor_tone == [] and quick.quotes == default.quotes


@pytest.mark.slow
def test_config_reaches_worker_processes():
    from newsprism.engines import local

    arts = [Article(text=TEXT, id=str(i)) for i in range(4)]
    found = list(local.analyze(arts, workers=2, batch_size=1, config={"newsprism_events": {"min_score": 1.0}}))
    assert [a.article.id for a in found] == ["0", "1", "2", "3"] and all(a.events == [] for a in found)
    found = list(local.analyze(arts[:2], workers=2, batch_size=1, config={"newsprism_events": {"min_score": 0.0}}))
    assert all(a.events for a in found)


def test_newsprism_components_run_on_one_blas_thread():
    """The components' matrix products and scikit-learn's OpenMP loops (the events encoder detector's trees) run
    on one thread (`limits.one_blas_thread`): the pipeline's parallelism is its worker processes, and a second
    thread spinning beside each cost CPU for nothing."""
    import spacy
    from threadpoolctl import threadpool_info

    threads: list[tuple[int, int]] = []

    @Language.component("newsprism_probe_blas_threads")
    def probe(doc):
        info = threadpool_info()
        threads.append(tuple(max(i["num_threads"] for i in info if i["user_api"] == api) for api in ("blas", "openmp")))
        return doc

    nlp = spacy.blank("en")
    nlp.add_pipe("newsprism_probe_blas_threads")
    art = Article(text=TEXT, id="a")
    pipeline._finish(nlp, art, nlp.make_doc(TEXT), ["newsprism_probe_blas_threads"], 0)
    assert threads == [(1, 1)]
