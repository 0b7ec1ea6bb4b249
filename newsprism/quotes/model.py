"""A trained attribution tagger: finds who (source) is reported saying or thinking (cue) what (content).

The model is a linear-chain CRF (python-crfsuite) over spaCy token features, trained on PolNeAR by
`newsprism.quotes.training`. It tags each token B-/I- Source, Cue or Content (or O), one tag
sequence per article, so quotes running over several sentences stay one span. The tags become
`Attribution`s by grouping: each content span goes to the nearest cue (in its sentence when there is one),
each cue takes the nearest source. Content split by an interrupting cue ('"We will," he said, "win."')
gives one `Attribution` per piece, sharing source and cue, as PolNeAR annotates it.

The shipped model is `newsprism/models/attribution.crfsuite`; next to it `attribution.json` holds the
cue lexicon learnt from the training data, and a record of how the model was trained.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pycrfsuite
from spacy.tokens import Doc, Token

from newsprism import lexicons
from newsprism.parse import SPACY_MODEL
from newsprism.quotes.encoded import LABELS as ROLE_LABELS, RoleHead, doc_probs

DEFAULT_MODEL = Path(__file__).resolve().parents[1] / "models" / "attribution.crfsuite"
# The tagger that also reads the shared encoder (`newsprism.quotes.encoded`): the default where the encoder runs;
# `--fast` (no encoder) keeps DEFAULT_MODEL.
ENCODER_MODEL = DEFAULT_MODEL.with_name("attribution-encoder.crfsuite")
ROLES = ("Source", "Cue", "Content")
CUE_MAX_DEPTH = 12  # heads climbed from a token to its governing cue (features; the tagger was trained with it)
SOURCE_CUE_DISTANCE = 1  # a source joins a cue at most this many sentences away
CONTENT_CUE_DISTANCE = 2  # a content joins the nearest cue at most this many sentences away
FALLBACK_DISCOUNT = 2  # a content found by `_fallback_content`, not tagged, scores its cue's mean / this
# Quotation marks that open, close, or (straight) toggle a quotation: the quotation-mark table's subset the tagger
# was trained with (newsprism/lexicons/quote_marks.json, "attribution_tagger"; widening it needs retraining).
OPEN_QUOTES, CLOSE_QUOTES, TOGGLE_QUOTES = (
    "".join(lexicons.load("quote_marks")["attribution_tagger"][k]) for k in ("open", "close", "toggle"))


@dataclass
class Attribution:
    """One attribution; offsets are characters into `doc.text`, ends exclusive."""

    source: tuple[int, int] | None
    cue: tuple[int, int] | None
    content: tuple[int, int]
    score: float  # mean marginal probability of the content tokens' tags


def _quote_state(doc: Doc) -> list[bool]:
    """Whether each token sits inside quotation marks; a paragraph break closes an open quote."""
    inside, state = [], False
    for tok in doc:
        if "\n" in tok.text:
            state = False
        inside.append(state)
        for ch in tok.text:
            if ch in OPEN_QUOTES:
                state = True
            elif ch in CLOSE_QUOTES:
                state = False
            elif ch in TOGGLE_QUOTES:
                state = not state
    return inside


@lru_cache(maxsize=65536)
def _shape(text: str) -> str:
    """A short word shape: runs of X, x, d and other characters collapsed ('Smith' -> 'Xx')."""
    out = []
    for ch in text:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:6]


def _sentence_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """Per token: the start and end of its sentence, as `Token.sent` gives them (a sentence starts at a
    token whose `is_sent_start` is True), found in two passes instead of a walk per token."""
    n = len(doc)
    first = [tok.is_sent_start is True for tok in doc]
    starts, ends = [0] * n, [n] * n
    cur = 0
    for i in range(1, n):
        if first[i]:
            cur = i
        starts[i] = cur
    cur = n
    for i in range(n - 1, -1, -1):
        ends[i] = cur
        if first[i]:
            cur = i
    return starts, ends


class _Columns(NamedTuple):
    """One doc's token attributes read once into lists (every token's features look at its neighbours, its
    head and its path to the root); `q` marks a token inside a quotation, `c` its cue rate in quarters."""

    n: int
    lower: list[str]
    lemma: list[str]
    pos: list[str]
    dep: list[str]
    head: list[int]
    q: list[str]
    c: list[str]
    cue_ok: list[bool]
    starts: list[int]
    ends: list[int]


def _columns(doc: Doc, cues: dict[str, float]) -> _Columns:
    """The token attributes of `doc` that `features` reads, each as a list by token index."""
    inside = _quote_state(doc)
    n = len(doc)
    toks = list(doc)
    lower = [t.lower_ for t in toks]
    lemma = [t.lemma_.lower() for t in toks]
    pos = [t.pos_ for t in toks]
    dep = [t.dep_ for t in toks]
    head = [t.head.i for t in toks]
    q = ["1" if inside[i] else "0" for i in range(n)]
    c = []
    for lem in lemma:
        rate = cues.get(lem, 0.0)
        c.append(str(int(rate * 4)) if rate else "-")
    cue_ok = [lemma[i] in cues and pos[i] in ("VERB", "NOUN", "ADP", "AUX", "ADJ", "PUNCT") for i in range(n)]
    starts, ends = _sentence_bounds(doc)
    return _Columns(n, lower, lemma, pos, dep, head, q, c, cue_ok, starts, ends)


def _own_features(tok: Token, col: _Columns) -> list[str]:
    """The token's own features, its head's, its place in its sentence and its dependency path upwards."""
    i = tok.i
    h = col.head[i]
    s_start, s_end = col.starts[i], col.ends[i]
    lower, lemma, pos, dep, q, c = col.lower, col.lemma, col.pos, col.dep, col.q, col.c
    return [
        "bias", "w=" + lower[i], "l=" + lemma[i], "p=" + pos[i], "t=" + tok.tag_, "d=" + dep[i],
        "shape=" + _shape(tok.text), "suf=" + lower[i][-3:], "q=" + q[i], "cue=" + c[i],
        "hl=" + lemma[h], "hp=" + pos[h], "dhp=" + dep[i] + "|" + pos[h],
        "hcue=" + c[h], "ent=" + (tok.ent_type_ or "-") + tok.ent_iob_,
        "sstart" if i == s_start else "smid" if i < s_end - 1 else "send",
        "spos=" + str(min(4, (i - s_start) * 5 // max(1, s_end - s_start))),
        "title" if tok.is_title else "lower" if tok.is_lower else "other",
        "path=" + "/".join((dep[i], dep[h], dep[col.head[h]])),
    ]


def _governing_cue(i: int, col: _Columns) -> list[str]:
    """The governing cue's features: the nearest of token `i` and its ancestors (depth 0 to 13) that is a cue."""
    child, node, depth = -1, i, 0
    while not col.cue_ok[node] and depth <= CUE_MAX_DEPTH:
        child, node, depth = node, col.head[node], depth + 1
    if not col.cue_ok[node]:
        return ["gov=none"]
    if child < 0:
        return ["gov=self", "govl=" + col.lemma[node]]
    side = "L" if i < node else "R"
    rel = col.dep[child]
    return [
        "govrel=" + rel, "govl=" + col.lemma[node], "govside=" + side,
        "govrel_side=" + rel + side, "govdepth=" + str(min(depth, 4)),
        "govrel_q=" + rel + col.q[i], "govrate=" + col.c[node],
    ]


# The window's feature names before their values, by offset (made once, not for every token).
_WINDOW = tuple((off, f"{off}w=", f"{off}p=", f"{off}q=", f"{off}c=", f"{off}d=", f"{off}ww=", f"{off}edge")
                for off in (-2, -1, 1, 2))
_ENC = tuple("enc=" + label for label in ROLE_LABELS[1:])


def _window(i: int, col: _Columns) -> list[str]:
    """The features of the two tokens either side of token `i` (an edge marker past the doc's ends)."""
    f = []
    for off, w, p, q, c, d, ww, edge in _WINDOW:
        j = i + off
        if 0 <= j < col.n:
            f += [w + col.lower[j], p + col.pos[j], q + col.q[j], c + col.c[j]]
            if abs(off) == 1:
                f += [d + col.dep[j], ww + col.lower[j] + "|" + col.lower[i]]
        else:
            f.append(edge)
    return f


def _role_features(i: int, row: list[float], best: list[str]) -> dict[str, float]:
    """The encoder head's reading of token `i` (`newsprism.quotes.encoded`; `row` its probability of each
    role tag but O): each probability as a float-valued feature, and the most likely tag of the token and of
    its neighbours one either side."""
    f = dict(zip(_ENC, row))
    f["encmax=" + best[i]] = 1.0
    if i > 0:
        f["-1encmax=" + best[i - 1]] = 1.0
    if i + 1 < len(best):
        f["1encmax=" + best[i + 1]] = 1.0
    return f


def features(doc: Doc, cues: dict[str, float], roles=None) -> list:
    """Feature strings for each token of `doc`, in a fixed order; `cues` maps cue lemmas to their cue rate.
    With `roles` (the encoder head's (tokens, 7) role probabilities, `newsprism.quotes.encoded`), each
    token's features are a dict instead, the strings at 1.0 and the head's reading beside them
    (`_role_features`).

    The token attributes are read once into lists (`_columns`), as every token's features look at its
    neighbours, its head and its path to the root. (A token's head is another `Token` object each time spaCy
    makes it, so the root's path repeats "ROOT" and the search for a governing cue climbs to depth 13.)"""
    col = _columns(doc, cues)
    per_tok: list = []
    best = [ROLE_LABELS[k] for k in roles.argmax(1).tolist()] if roles is not None else []
    rows = roles[:, 1:].tolist() if roles is not None else []  # as Python floats, read once
    for tok in doc:
        if tok.is_space:
            per_tok.append(["space", "q=" + col.q[tok.i]])
        else:
            own = _own_features(tok, col) + _governing_cue(tok.i, col) + _window(tok.i, col)
            if roles is not None:
                own = dict.fromkeys(own, 1.0)
                own.update(_role_features(tok.i, rows[tok.i], best))
            per_tok.append(own)
    return per_tok


def spans_from_tags(doc: Doc, tags: list[str]) -> list[tuple[str, int, int]]:
    """Chunks (role, first token index, end token index) from a BIO tag sequence; an I- after O starts one."""
    chunks: list[tuple[str, int, int]] = []
    role, start = None, 0
    for i, tag in enumerate(tags + ["O"]):
        kind, _, r = tag.partition("-")
        if role is not None and (kind != "I" or r != role):
            chunks.append((role, start, i))
            role = None
        if kind in ("B", "I") and role is None:
            role, start = r, i
    return chunks


def _char_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character offsets of tokens [start, end), without trailing whitespace."""
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


COMPLEMENTS = ("ccomp", "xcomp", "dobj", "obj", "attr", "pobj", "oprd", "dative")


def _fallback_content(doc: Doc, cue: tuple[str, int, int], taken: set[int]) -> tuple[int, int] | None:
    """Token range of the content a cue governs when the tagger marked none: the subtree of its clausal or
    object complement, or for a fronted phrase ('According to X, ...') the clause after it."""
    inside = range(cue[1], cue[2])
    root = next((doc[i] for i in inside if doc[i].head.i not in inside or doc[i].head.i == i), doc[cue[1]])
    for dep in COMPLEMENTS:
        for tok in doc[cue[1]:cue[2]]:
            for child in tok.children:
                if child.dep_ == dep and child.i not in inside:
                    start, end = child.left_edge.i, child.right_edge.i + 1
                    if start >= cue[2] and not taken.intersection(range(start, end)):
                        return start, end
    if root.dep_ in ("prep", "advcl") and root.i < root.head.i:
        start, end = root.right_edge.i + 1, root.head.right_edge.i + 1
        while start < end and (doc[start].is_punct or doc[start].is_space):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        if start < end and not taken.intersection(range(start, end)):
            return start, end
    return None


Chunk = tuple[str, int, int]  # (role, first token, end token) of a tagged chunk


class _Layout:
    """Where the tagged chunks lie: each token's sentence, and the chunks of each role by sentence, so that
    each chunk is compared with those a few sentences away only (the pairs farther apart are never joined,
    and comparing every pair made an article of many quotes quadratic). A chunk lies in every sentence it
    covers: a content tagged over a sentence break (a quotation the parse cut in two, '"... there is no one
    single point of failure," he said.') is in the sentence of its cue, not only in the one it starts in."""

    def __init__(self, doc: Doc, chunks: list[Chunk], across: bool = True):
        self.across = across  # a chunk lies in every sentence it covers (else in the one it starts in)
        self.sent_of = [0] * len(doc)
        for k, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                self.sent_of[i] = k
        self.by_sent: dict[tuple[str, int], list[Chunk]] = {}
        for chunk in chunks:
            for k in self.sentences(chunk):
                self.by_sent.setdefault((chunk[0], k), []).append(chunk)

    def sentences(self, chunk: Chunk) -> range:
        """The sentences that `chunk` covers (the one it starts in, where not `across`)."""
        return range(self.sent_of[chunk[1]], self.sent_of[chunk[2] - 1 if self.across else chunk[1]] + 1)

    def dist(self, a: Chunk, b: Chunk) -> tuple[int, int]:
        """(sentences apart, tokens between) of chunks `a` and `b`; none apart where they share a sentence."""
        gap = max(0, b[1] - a[2], a[1] - b[2])
        sa, sb = self.sentences(a), self.sentences(b)
        return max(0, sb.start - sa.stop + 1, sa.start - sb.stop + 1), gap

    def near(self, chunk: Chunk, kind: str, sentences: int) -> list[Chunk]:
        """The chunks of `kind` that cover a sentence at most `sentences` sentences from the one `chunk` starts in,
        each once, in document order."""
        at = self.sent_of[chunk[1]]
        found = dict.fromkeys(c for k in range(at - sentences, at + sentences + 1)
                              for c in self.by_sent.get((kind, k), []))
        return sorted(found, key=lambda c: c[1])


def _mean(probs: list[float], start: int, end: int) -> float:
    """The mean of `probs` over tokens `start` to `end`."""
    return sum(probs[start:end]) / max(1, end - start)


def _cue_sources(layout: _Layout, cues: list[Chunk]) -> dict[Chunk, Chunk]:
    """Each cue's source: cues and sources paired one to one, nearest first, at most a sentence apart."""
    cue_source: dict[Chunk, Chunk] = {}
    used: set[Chunk] = set()
    pairs = sorted((layout.dist(c, s), c, s) for c in cues for s in layout.near(c, "Source", SOURCE_CUE_DISTANCE))
    for d, cue, src in pairs:
        if d[0] <= SOURCE_CUE_DISTANCE and cue not in cue_source and src not in used:
            cue_source[cue] = src
            used.add(src)
    return cue_source


Piece = tuple[Chunk | None, int, int, float]  # (cue, content start, content end, score)


def _content_pieces(layout: _Layout, chunks: list[Chunk], probs: list[float]) -> list[Piece]:
    """Each tagged content with the nearest cue at most two sentences away, scored by its tokens' mean."""
    pieces: list[Piece] = []
    for chunk in chunks:
        if chunk[0] == "Content":
            cue = min(layout.near(chunk, "Cue", CONTENT_CUE_DISTANCE), key=lambda c: layout.dist(chunk, c),
                      default=None)
            pieces.append((cue, chunk[1], chunk[2], _mean(probs, chunk[1], chunk[2])))
    return pieces


def _lone_cue_pieces(doc: Doc, layout: _Layout, chunks: list[Chunk], cues: list[Chunk], pieces: list[Piece],
                     probs: list[float]) -> list[Piece]:
    """A content for each cue that `pieces` leave without one: the nearest content of its sentence, or else
    the complement it governs in the parse (`_fallback_content`), scored at half the cue's confidence."""
    more: list[Piece] = []
    taken = {i for c in chunks for i in range(c[1], c[2])}
    for cue in sorted(set(cues) - {p[0] for p in pieces}):
        shared = layout.near(cue, "Content", 0)
        if shared:
            chunk = min(shared, key=lambda c: layout.dist(cue, c))
            more.append((cue, chunk[1], chunk[2], _mean(probs, chunk[1], chunk[2])))
            continue
        found = _fallback_content(doc, cue, taken)
        if found:
            more.append((cue, *found, _mean(probs, cue[1], cue[2]) / FALLBACK_DISCOUNT))
            taken.update(range(*found))
    return more


def group(doc: Doc, chunks: list[Chunk], probs: list[float], across: bool = True) -> list[Attribution]:
    """Attributions from tagged chunks: each content goes to the nearest cue (same sentence first, at most
    two sentences away); cues and sources pair one to one, nearest first, at most a sentence apart; a cue
    left without content shares the nearest content of its sentence ('X reports that ..., according to Y'),
    or else takes the complement it governs in the parse, scored at half its confidence. `across`: a chunk
    lies in every sentence it covers (PolNeAR's attributions; `_Layout`)."""
    layout = _Layout(doc, chunks, across)
    cues = [c for c in chunks if c[0] == "Cue"]
    cue_source = _cue_sources(layout, cues)
    pieces = _content_pieces(layout, chunks, probs)
    pieces += _lone_cue_pieces(doc, layout, chunks, cues, pieces, probs)
    out = []
    for cue, start, end, score in sorted(pieces, key=lambda p: p[1]):
        src = cue_source.get(cue) if cue else None
        out.append(Attribution(
            source=_char_span(doc, *src[1:]) if src else None,
            cue=_char_span(doc, *cue[1:]) if cue else None,
            content=_char_span(doc, start, end),
            score=round(score, 4),
        ))
    return out


class AttributionModel:
    """A loaded CRF tagger with its cue lexicon; `predict` turns a parsed `Doc` into attributions."""

    def __init__(self, model_path: Path, cues: dict[str, float], head: RoleHead | None = None):
        self.path = model_path
        self.cues = cues
        self.head = head  # the encoder head whose role probabilities the tagger reads (None: a plain tagger)
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(model_path))

    def roles(self, doc: Doc):
        """The encoder head's role probabilities for the tokens of `doc` (None for a plain tagger)."""
        return doc_probs(doc, self.head) if self.head is not None else None

    def tag(self, doc: Doc, roles=None) -> tuple[list[str], list[float]]:
        """The most likely tag of each token, and its marginal probability; `roles`: the head's probabilities
        where already read (else read from the Doc's encoder pass when the tagger has a head)."""
        if len(doc) == 0:
            return [], []
        if roles is None:
            roles = self.roles(doc)
        tags = self.tagger.tag(features(doc, self.cues, roles))
        probs = [self.tagger.marginal(t, i) for i, t in enumerate(tags)]
        return tags, probs

    def predict(self, doc: Doc, across: bool = True) -> list[Attribution]:
        """Attributions in a parsed `Doc` (it needs the parser, tagger and lemmatizer to have run); `across` as
        `group` takes it."""
        if len(doc) and not (doc.has_annotation("DEP") and doc.has_annotation("LEMMA")):
            raise ValueError(f"the attribution model needs a parsed Doc: run it through {SPACY_MODEL!r} first")
        tags, probs = self.tag(doc)
        return group(doc, spans_from_tags(doc, tags), probs, across)


def read_meta(model_path: Path) -> dict:
    """The JSON record beside a model file (cue lexicon, training record, the encoder head's file name)."""
    meta = model_path.with_suffix(".json")
    return json.loads(meta.read_text(encoding="utf-8")) if meta.exists() else {}


def default_model(encoder: bool = True) -> Path:
    """The shipped tagger to run: the one reading the encoder where `encoder` and the encoder can run (it is
    shipped and its packages installed), else the plain one (`--fast`, or a spaCy pipeline installed without the
    encoder's model package)."""
    from newsprism.encoder.base import available

    return ENCODER_MODEL if encoder and ENCODER_MODEL.exists() and available() else DEFAULT_MODEL


@lru_cache(maxsize=4)
def load_model(path: Path | None = None) -> AttributionModel:
    """The attribution model at `path` (default: the shipped one), loaded once per path."""
    model_path = Path(path) if path is not None else DEFAULT_MODEL
    if not model_path.exists():
        raise FileNotFoundError(
            f"attribution model {model_path} is missing: train one with "
            "`newsprism train attribution --data DIR --out FILE`"
        )
    meta = read_meta(model_path)
    head = RoleHead.load(model_path.with_name(meta["encoder_head"])) if meta.get("encoder_head") else None
    return AttributionModel(model_path, meta.get("cues", {}), head)
