"""Trains and evaluates the attribution tagger (`newsprism.quotes.model`) on PolNeAR.

A split folder holds `text/NAME.txt` and `attributions/NAME_ANNOTATOR.ann` (brat); as in the scorer, the
first .ann of each article (sorted by name) is the gold one. Gold spans become BIO tags over spaCy tokens
(each brat fragment a span of its own), a linear-chain CRF learns them, and `evaluate` writes predictions
in the scorer's JSONL format and runs `score_polnear.py` on them. Parsed articles can be cached (DocBin)
so that repeated runs skip spaCy.
"""

from __future__ import annotations

import hashlib
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pycrfsuite
from spacy.tokens import Doc

from newsprism.quotes import encoded
from newsprism.quotes.model import ROLES, AttributionModel, features, load_model
from newsprism.parse import SPACY_MODEL
from newsprism.parse import parse as parse_texts

SCORER = Path(__file__).resolve().parents[2].parent / "shared" / "scorers" / "score_polnear.py"
# CRF settings. The L1 weight c1 is not among them: `train` fits one tagger per value of C1_GRID (one grid for the
# plain and the encoder tagger) and keeps the one with which the quotes component scores best on the tuning split
# (PolNeAR dev, or a seeded tenth of the fitted articles when there is no dev split): the mean of source, cue and
# content exact F1 that `newsprism eval attribution` reports, where a larger c1 is kept only when it beats the
# smaller by more than C1_MARGIN (`choose_c1`), so that a change of a rule moving the figures by a few
# ten-thousandths does not flip the choice. The held-out tenth of train chooses nothing; it is scored once, for the
# kept tagger.
CRF_PARAMS = {"c2": 0.01, "max_iterations": 150, "feature.minfreq": 2, "feature.possible_transitions": True}
# max_iterations stays 150: 300 scored lower on dev (the plain tagger at c1 1.0, the quotes component's mean exact
# F1 0.6836 against 0.6896; source, cue and content all lower). Sentence features (a quotation mark in the sentence,
# the sentence's highest cue rate and the token's side of that cue) left the mean as it was (0.6899: content
# 0.5991 -> 0.6080, cue 0.7087 -> 0.7039, source 0.7609 -> 0.7578) and were dropped.
# Tried in this order, each reported on stderr. 0.5 was left out after it scored lower on dev than 1.0 (the bare
# tagger's mean exact F1 0.659 against 0.671, with extra features of a token's dependents that were then dropped, as they
# did not raise the quotes component's figures on dev).
C1_GRID = (1.0, 2.0)
C1_MARGIN = 0.001
MIN_CUE_COUNT, MIN_CUE_RATE = 3, 0.05


def read_ann(path: Path) -> dict[str, list[tuple[int, int]]]:
    """Gold spans per role (Source, Cue, Content) of the attributions in one brat file, one per fragment."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    out: dict[str, list[tuple[int, int]]] = {role: [] for role in ROLES}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if line.startswith("T"):
            kind, _, where = parts[1].partition(" ")
            try:
                frags = [tuple(map(int, f.split())) for f in where.split(";")]
            except ValueError:
                continue
            spans[parts[0]] = (kind, [f for f in frags if len(f) == 2])
        elif line.startswith("E"):
            events.append(dict(a.split(":", 1) for a in parts[1].split() if ":" in a))
    for ev in events:
        for role in ROLES:
            if ev.get(role) in spans:
                out[role].extend(spans[ev[role]][1])
    return {role: sorted(set(v)) for role, v in out.items()}


def load_split(split_dir: Path) -> list[tuple[str, str, dict[str, list[tuple[int, int]]]]]:
    """(name, text, gold spans) for each article of a split that has a text and an annotation, by name."""
    anns: dict[str, Path] = {}
    for f in sorted((split_dir / "attributions").glob("*.ann")):
        anns.setdefault(f.name[: f.name.rfind("_")], f)
    out = []
    for name, ann in sorted(anns.items()):
        text_path = split_dir / "text" / f"{name}.txt"
        if text_path.exists():
            out.append((name, text_path.read_text(encoding="utf-8"), read_ann(ann)))
    return out


def parse(texts: list[str], cache_dir: Path | None = None) -> list[Doc]:
    """spaCy docs for `texts`, cached as `polnear-*.spacy` in `cache_dir` when given (`newsprism.parse`)."""
    return parse_texts(texts, cache_dir, prefix="polnear")


def bio_tags(doc: Doc, gold: dict[str, list[tuple[int, int]]]) -> list[str]:
    """BIO tags for the tokens of `doc`: a token takes the gold span covering most of its characters; line
    breaks are always O, as brat spans never cross them."""
    owner: dict[int, int] = {}
    spans = [(role, s, e) for role in ROLES for s, e in gold.get(role, [])]
    for k, (_, s, e) in enumerate(spans):
        for c in range(s, e):
            owner.setdefault(c, k)
    tags, prev = [], None
    for tok in doc:
        if "\n" in tok.text:
            tags.append("O")
            prev = None
            continue
        votes = Counter(owner[c] for c in range(tok.idx, tok.idx + len(tok.text)) if c in owner)
        if not votes:
            tags.append("O")
            prev = None
            continue
        k = votes.most_common(1)[0][0]
        tags.append(("I-" if k == prev else "B-") + spans[k][0])
        prev = k
    return tags


def cue_lexicon(docs: list[Doc], tags: list[list[str]]) -> dict[str, float]:
    """Lemma -> share of its occurrences tagged Cue, for lemmas seen as a cue often enough."""
    seen, cue = Counter(), Counter()
    for doc, seq in zip(docs, tags):
        for tok, tag in zip(doc, seq):
            lemma = tok.lemma_.lower()
            seen[lemma] += 1
            if tag.endswith("Cue"):
                cue[lemma] += 1
    return {
        lemma: round(cue[lemma] / seen[lemma], 3)
        for lemma in sorted(cue)
        if cue[lemma] >= MIN_CUE_COUNT and cue[lemma] / seen[lemma] >= MIN_CUE_RATE
    }


def _span_json(text: str, span: tuple[int, int] | None) -> dict | None:
    """A `Span`-shaped dict, or None."""
    return None if span is None else {"start": span[0], "end": span[1], "text": text[span[0]:span[1]]}


def predictions(model: AttributionModel, names: list[str], docs: list[Doc]) -> list[dict]:
    """One scorer PRED record per article: its id and text, and its attributions as quotes."""
    out = []
    for name, doc in zip(names, docs):
        quotes = [
            {
                "content": _span_json(doc.text, a.content),
                "cue": _span_json(doc.text, a.cue),
                "speaker": _span_json(doc.text, a.source),
                "score": a.score,
            }
            for a in model.predict(doc)
        ]
        out.append({"article": {"id": name, "text": doc.text}, "quotes": quotes})
    return out


def score(split_dir: Path, pred_path: Path, scorer: Path = SCORER) -> dict:
    """Runs the PolNeAR scorer on a PRED file and returns its JSON result."""
    if not scorer.exists():
        raise FileNotFoundError(f"PolNeAR scorer {scorer} is missing; pass scorer=PATH")
    run = subprocess.run(
        [sys.executable, str(scorer), str(split_dir), str(pred_path)], capture_output=True, text=True
    )
    lines = run.stdout.splitlines()
    if not lines:
        raise RuntimeError(f"the scorer failed: {run.stderr.strip()[-500:]}")
    return json.loads(lines[0])


def evaluate(
    model: AttributionModel | Path | None,
    split_dir: Path,
    pred_out: Path | None = None,
    cache_dir: Path | None = None,
    scorer: Path = SCORER,
) -> dict:
    """Scores a model (default: the shipped one) on a split with the PolNeAR scorer; writes the
    predictions to `pred_out` (JSONL, the scorer's PRED format) when given."""
    if not isinstance(model, AttributionModel):
        model = load_model(model)
    articles = load_split(Path(split_dir))
    if not articles:
        raise ValueError(f"no annotated articles in {split_dir} (expected text/*.txt and attributions/*.ann)")
    docs = parse([text for _, text, _ in articles], cache_dir)
    records = predictions(model, [name for name, _, _ in articles], docs)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(pred_out) if pred_out else Path(tmp) / "pred.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        return score(Path(split_dir), path, scorer)


def _holdout_split(n: int, holdout: float, seed: int) -> tuple[list[int], list[int]]:
    """(held, fit): the indices of `n` articles held out for scoring (a seeded `holdout` share, none below 10
    articles) and those the tagger is fitted on, each in article order."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    n_hold = int(n * holdout) if n >= 10 else 0
    return sorted(order[:n_hold]), sorted(order[n_hold:])


def _trainer(docs: list[Doc], tags: list[list[str]], cues: dict[str, float],
             roles: list | None = None) -> pycrfsuite.Trainer:
    """A CRF trainer holding the features and tags of `docs` (with the encoder head's role probabilities of
    each doc where `roles` is given), to fit once per setting tried."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for k, (doc, doc_tags) in enumerate(zip(docs, tags)):
        trainer.append(features(doc, cues, roles[k] if roles is not None else None), doc_tags)
    return trainer


def encoder_states(docs: list[Doc], cache_dir: Path | None = None) -> list[np.ndarray]:
    """Each doc's token states from the shared encoder's pass over its text (`newsprism.quotes.encoded`), kept
    as `polnear-states-{hash}.npz` (float16) in `cache_dir` when given; the hash covers the encoder's file and
    every text."""
    from newsprism.encoder.run import MODEL_FILE, shared_encoder

    key = hashlib.sha1(MODEL_FILE.read_bytes())
    for doc in docs:
        key.update(b"\0" + doc.text.encode("utf-8"))
    cache = Path(cache_dir) / f"polnear-states-{key.hexdigest()[:16]}.npz" if cache_dir else None
    if cache and cache.exists():
        with np.load(cache) as f:
            return np.split(f["states"].astype(np.float32), np.cumsum(f["lens"])[:-1])
    encoder = shared_encoder()
    # float16 as cached, so a run that reads the cache fits the same model as the run that wrote it
    states = [encoded.doc_states(doc, encoder.encode(doc.text)).astype(np.float16).astype(np.float32) for doc in docs]
    if cache:
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cache, states=np.concatenate(states).astype(np.float16), lens=np.array([len(d) for d in docs]))
    return states


def _fit_crf(trainer: pycrfsuite.Trainer, out: Path, params: dict) -> dict:
    """Fits the CRF on the trainer's data with `params` over CRF_PARAMS, writes it to `out`, and returns the
    settings it was fitted with."""
    settings = {**CRF_PARAMS, **params}
    trainer.set_params(settings)
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return settings


def _part_split(articles: list, part: list[int], train_dir: Path, split: Path) -> Path:
    """Some articles of train (`part`) copied with their gold .ann into a split folder `split`."""
    for sub in ("text", "attributions"):
        (split / sub).mkdir(parents=True, exist_ok=True)
    for i in part:
        name = articles[i][0]
        (split / "text" / f"{name}.txt").write_text(articles[i][1], encoding="utf-8")
        ann = sorted((train_dir / "attributions").glob(f"{name}_*.ann"))[0]
        (split / "attributions" / ann.name).write_text(ann.read_text(encoding="utf-8"), encoding="utf-8")
    return split


def _part_scores(model: AttributionModel, articles: list, docs: list[Doc], part: list[int],
                 train_dir: Path) -> dict:
    """The scorer's figures for the bare tagger `model` on some articles of train (`part`)."""
    with tempfile.TemporaryDirectory() as tmp:
        split = _part_split(articles, part, train_dir, Path(tmp) / "part")
        pred = Path(tmp) / "part.jsonl"
        recs = predictions(model, [articles[i][0] for i in part], [docs[i] for i in part])
        pred.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
        return score(split, pred)


def _component_scores(model_path: Path, split: Path) -> dict:
    """The figures of `newsprism eval attribution` on `split` (the quotes component, its rules and the tagger
    at `model_path`): what chooses c1."""
    from newsprism.quotes import attribution_evaluation

    return attribution_evaluation.run(split, SCORER.parent, model_path=model_path)[1]


def exact_mean(scores: dict) -> float:
    """The mean of source, cue and content exact F1 in the scorer's figures: what chooses c1."""
    return round(sum(scores[role]["exact"][2] for role in ("source", "cue", "content")) / 3, 4)


def choose_c1(means: dict[float, float], margin: float = C1_MARGIN) -> float:
    """The c1 kept from the tuning split's exact F1 mean of each c1 tried: the smallest, unless a larger one beats
    the one kept so far by more than `margin` (taken in increasing c1)."""
    best = None
    for c1 in sorted(means):
        if best is None or means[c1] > means[best] + margin:
            best = c1
    return best


def train(
    data_dir: Path,
    out: Path,
    seed: int = 0,
    holdout: float = 0.1,
    cache_dir: Path | None = None,
    params: dict | None = None,
    c1_grid: tuple[float, ...] = C1_GRID,
    encoder: bool = False,
) -> dict:
    """Trains the tagger on `data_dir/train` (or `data_dir` itself when it is a split), holding out a
    seeded `holdout` share of its articles for scoring. One tagger is fitted per c1 of `c1_grid` (or the
    one c1 in `params`) and the one scoring best on the tuning split is kept: `data_dir/dev` when it exists,
    else a seeded tenth of the articles fitted on (then left out of the fit). Writes `out` (.crfsuite) and
    `out`.json (cue lexicon and training record); returns the scores: the quotes component's on the tuning
    split per c1 tried, and the kept bare tagger's on the held-out share and on dev.

    With `encoder`, the tagger also reads the encoder head's role probabilities (`newsprism.quotes.encoded`):
    the head is fitted on the articles the CRF is fitted on and written beside `out` (.npz, named in the record),
    and the CRF is fitted on the head's out-of-fold probabilities of those articles (`encoded.cross_fit`)."""
    started = time.time()
    if len(c1_grid) > 1 and not (params and "c1" in params) and not SCORER.exists():
        raise FileNotFoundError(f"the PolNeAR scorer {SCORER} is missing: choosing c1 scores each candidate "
                                "with it (or give one c1)")
    data_dir, out = Path(data_dir), Path(out)
    train_dir = data_dir / "train" if (data_dir / "train").is_dir() else data_dir
    articles = load_split(train_dir)
    if not articles:
        raise ValueError(f"no annotated articles in {train_dir} (expected text/*.txt and attributions/*.ann)")
    docs = parse([text for _, text, _ in articles], cache_dir)
    held, fit = _holdout_split(len(articles), holdout, seed)
    dev_dir = data_dir / "dev"
    has_dev = dev_dir.is_dir() and dev_dir != train_dir
    tune: list[int] = []
    if not has_dev:
        part, rest = _holdout_split(len(fit), 0.1, seed + 1)
        tune, fit = [fit[k] for k in part], [fit[k] for k in rest]
    tags = [bio_tags(doc, gold) for doc, (_, _, gold) in zip(docs, articles)]
    cues = cue_lexicon([docs[i] for i in fit], [tags[i] for i in fit])
    roles, head_name = None, None
    if encoder:
        states = encoder_states(docs, cache_dir)
        fit_states, fit_tags = [states[i] for i in fit], [tags[i] for i in fit]
        roles = encoded.cross_fit(fit_states, fit_tags, seed)
        head = encoded.fit(fit_states, fit_tags, seed)
        head_name = out.with_suffix(".npz").name
        head.save(out.with_suffix(".npz"))
        del states, fit_states
        print(f"encoder head fitted ({round(time.time() - started)} s)", file=sys.stderr, flush=True)
    trainer = _trainer([docs[i] for i in fit], [tags[i] for i in fit], cues, roles)
    del roles
    grid = [params["c1"]] if params and "c1" in params else list(c1_grid)
    if len(grid) > 1 and not (has_dev or tune):
        raise ValueError(f"{train_dir} has too few articles to choose c1 on a tenth of them and no dev split "
                         "beside it: give one c1")
    tried: dict[str, dict] = {}
    for c1 in grid:
        path = out.with_name(f"{out.stem}.c1-{c1}{out.suffix}")
        settings = _fit_crf(trainer, path, {**(params or {}), "c1": c1})
        if has_dev or tune:
            with tempfile.TemporaryDirectory() as tmp:
                meta = path.with_suffix(".json")  # the tagger's cue lexicon, read beside it
                meta.write_text(json.dumps({"cues": cues, "encoder_head": head_name}), encoding="utf-8")
                split = dev_dir if has_dev else _part_split(articles, tune, train_dir, Path(tmp) / "tune")
                figures = _component_scores(path, split)
                meta.unlink()
            tried[str(c1)] = figures
            print(f"c1={c1}: exact F1 mean {exact_mean(figures)} on the tuning split "
                  f"({round(time.time() - started)} s)", file=sys.stderr, flush=True)
    chosen = choose_c1({c1: exact_mean(tried[str(c1)]) for c1 in grid}) if tried else grid[0]
    for c1 in grid:
        path = out.with_name(f"{out.stem}.c1-{c1}{out.suffix}")
        if c1 == chosen:
            path.replace(out)
        else:
            path.unlink()
    settings = {**settings, "c1": chosen}
    record = {
        "command": f"newsprism train attribution --data {data_dir} --out {out} --seed {seed}"
                   + (" --encoder" if encoder else ""),
        "data": str(train_dir),
        "articles": len(fit),
        "holdout_articles": [articles[i][0] for i in held],
        "seed": seed,
        "crf": settings,
        "tuning": {
            "split": str(dev_dir) if has_dev else "a seeded tenth of the articles fitted on",
            "tune_articles": [articles[i][0] for i in tune],
            "c1_tried": {c1: exact_mean(f) for c1, f in tried.items()},
            "criterion": "mean of source, cue and content exact F1 of the quotes component with the tagger "
                         f"(newsprism eval attribution); a larger c1 only when it beats the smaller by more than "
                         f"{C1_MARGIN}",
            "chosen_c1": chosen,
        },
        "spacy_model": SPACY_MODEL,
        "cues": cues,
    }
    head = None
    if encoder:
        from newsprism.encoder.run import MODEL_FILE

        record["encoder_head"] = head_name
        record["encoder"] = {
            "head": f"a projection and a bidirectional GRU ({encoded.HIDDEN} each way, over runs of {encoded.CHUNK} "
                    f"tokens; {encoded.EPOCHS} epochs, seeded) over each token's mean wordpiece state of the shared "
                    f"encoder, to {list(encoded.LABELS)}",
            "cross_fit_folds": encoded.FOLDS,
            "encoder_file": str(MODEL_FILE.relative_to(MODEL_FILE.parents[3])),
        }
        head = encoded.RoleHead.load(out.with_suffix(".npz"))
    model = AttributionModel(out, cues, head)
    scores: dict = {"tuning": tried} if tried else {}
    if held:
        scores["holdout"] = _part_scores(model, articles, docs, held, train_dir)
    if has_dev:
        scores["dev"] = evaluate(model, dev_dir, cache_dir=cache_dir)
    record["scores"] = scores
    record["train_seconds"] = round(time.time() - started)
    out.with_suffix(".json").write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return scores
