"""The tone head: for a sentence and a mention in it, negative, neutral or positive (-1, 0, 1) with its
probability, read from the shared encoder's pass (`newsprism.encoder.run`), trained on NewsMTSC by
`newsprism train tone` (`newsprism.tone.training`). No PyTorch: numpy over the encoder's onnxruntime output.

What it reads of a sentence: its wordpieces' last-layer states beside their frozen word embeddings (the
base model's, which the encoder's input already looks up), each told whether it lies in the mention, how
far from it (a signed distance in wordpieces, cut at MAX_DISTANCE) and how far from it in spaCy's
dependency tree (`newsprism.tone.syntax`). Each member of a small ensemble
projects the states (layer norm, linear), adds those three embeddings, and pools three vectors: the mention's
mean, the sentence's mean, and what the mention attends to in the sentence (a query made of the first two,
ATTENTION_HEADS heads); a small MLP on the three gives the classes' scores. The members' probabilities are
averaged and the likeliest class taken.

The wordpieces of an article's sentences that mention someone are projected in one matrix product and its
mentions judged in padded batches (`ToneModel.judge`); a NewsMTSC line is computed alone
(`ToneModel.classify`). Either way an answer depends on that article or line only, whatever else is analysed
with it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsprism import limits
from newsprism.encoder import base
from newsprism.encoder.run import MAX_PIECES, Encoding, SharedEncoder, shared_encoder
from newsprism.errors import EncoderHeadMissing, ToneInputError
from newsprism.tone.syntax import OTHER, Tree, parse_lines

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "tone"
HEAD_FILE = "tone-head.npz"
POLARITIES = (-1, 0, 1)  # the order of the head's outputs
MAX_DISTANCE = 15  # wordpieces further from the mention than this share one position embedding
ATTENTION_HEADS = 4
MENTIONS_PER_BATCH = 32  # an article's mentions judged together (memory: members x 32 x wordpieces x width floats)
WIDTH = 384  # MiniLM's state width
INPUT = 2 * WIDTH  # what the head reads of a wordpiece: its state and its word embedding
PARAMS = ("ln_g", "ln_b", "proj_w", "proj_b", "tag", "pos", "syn", "query_w", "query_b", "hidden_w", "hidden_b",
          "out_w", "out_b")  # each stacked over the ensemble's members


@dataclass
class Item:
    """What the head reads of one (sentence, mention): the sentence's wordpieces' states and word embeddings
    (n, 768), whether each wordpiece lies in the mention (n,) and its tree distance bucket (n,)."""

    states: np.ndarray
    inside: np.ndarray
    syntax: np.ndarray


def states_of(enc: Encoding, rows: np.ndarray | None = None) -> np.ndarray:
    """What the head reads of each wordpiece of `enc` (or of its wordpieces `rows`): its state beside its
    word embedding (n, 768)."""
    hidden, ids = (enc.hidden, enc.ids) if rows is None else (enc.hidden[rows], enc.ids[rows])
    return np.concatenate([hidden.astype(np.float32), base.embed(ids)], -1)


def pieces_of(offsets: np.ndarray, span: tuple[int, int]) -> slice:
    """The wordpieces (character offsets (n, 2) in text order) overlapping the character span."""
    return slice(int(np.searchsorted(offsets[:, 1], span[0], side="right")),
                 int(np.searchsorted(offsets[:, 0], span[1], side="left")))


def marks_of(offsets: np.ndarray, mention: tuple[int, int]) -> np.ndarray:
    """Which wordpieces (by character offsets) overlap `mention`."""
    return (offsets[:, 0] < mention[1]) & (offsets[:, 1] > mention[0])


def positions(marks: np.ndarray) -> np.ndarray:
    """Each wordpiece's position embedding index, for each row of mention marks (m, n): its signed distance
    to the mention (0 inside it), cut at +-MAX_DISTANCE and shifted to 0..2*MAX_DISTANCE; all 0 in a row
    whose mention covers no wordpiece."""
    n = marks.shape[-1]
    has = marks.any(-1, keepdims=True)
    first = marks.argmax(-1)[..., None]
    last = n - 1 - marks[..., ::-1].argmax(-1)[..., None]
    k = np.arange(n)
    d = np.where(k < first, k - first, np.where(k > last, k - last, 0))
    return np.where(has, np.clip(d, -MAX_DISTANCE, MAX_DISTANCE) + MAX_DISTANCE, 0)


def gelu(x: np.ndarray) -> np.ndarray:
    """GELU, tanh form (as the training module's `torch.nn.GELU(approximate="tanh")`)."""
    return 0.5 * x * (1.0 + np.tanh(0.7978845608028654 * (x + 0.044715 * x**3)))


@dataclass
class ToneHead:
    """The ensemble's parameters, stacked over members (first axis). The layer norm's scale and shift are
    folded into the projection once, so wordpieces are projected for all members in one matrix product
    (`project`), shared by every mention of their sentence (`logits`)."""

    params: dict[str, np.ndarray]

    def __post_init__(self) -> None:
        p = self.params
        k, c, d = p["proj_w"].shape
        self._proj_w = (p["ln_g"][:, :, None] * p["proj_w"]).transpose(1, 0, 2).reshape(c, k * d)
        self._proj_b = np.einsum("kc,kcd->kd", p["ln_b"], p["proj_w"]) + p["proj_b"]

    def project(self, states: np.ndarray) -> np.ndarray:
        """The members' projections (members, n, width) of a sentence's wordpieces (n, 768)."""
        h = (states - states.mean(-1, keepdims=True)) / np.sqrt(states.var(-1, keepdims=True) + 1e-5)
        k, d = self._proj_b.shape
        return (h @ self._proj_w).reshape(len(h), k, d).transpose(1, 0, 2) + self._proj_b[:, None]

    def logits(self, projected: np.ndarray, marks: np.ndarray, syntax: np.ndarray,
               real: np.ndarray | None = None) -> np.ndarray:
        """The members' class scores (members, m, 3) for m mentions: `projected` (members, m, n, width) holds
        each mention's sentence's projected wordpieces (padded to n), the rows of `marks` (m, n) mark each
        mention in its sentence, those of `syntax` (m, n) give each wordpiece's tree distance bucket, and
        those of `real` (m, n) the sentence's wordpieces (None: all n)."""
        p = self.params
        x = (projected + p["tag"][:, marks.astype(np.int64)] + p["pos"][:, positions(marks)]
             + p["syn"][:, syntax])  # (k, m, n, d)
        k, m, n, d = x.shape
        real = np.ones((m, n), np.float32) if real is None else real.astype(np.float32)
        weights = marks.astype(np.float32)
        mention = (weights[None, :, None] @ x)[:, :, 0] / np.maximum(weights.sum(-1), 1.0)[None, :, None]  # (k, m, d)
        sentence = (real[None, :, None] @ x)[:, :, 0] / real.sum(-1)[None, :, None]
        q = np.concatenate([mention, sentence], -1) @ p["query_w"] + p["query_b"][:, None]
        dh = d // ATTENTION_HEADS
        keys = x.reshape(k, m, n, ATTENTION_HEADS, dh).transpose(0, 1, 3, 2, 4)  # (k, m, heads, n, dh)
        scores = (keys @ q.reshape(k, m, ATTENTION_HEADS, dh, 1))[..., 0] / np.sqrt(dh)  # (k, m, heads, n)
        scores = np.where(real[None, :, None] > 0, scores, -np.inf)  # padding takes no attention
        att = np.exp(scores - scores.max(-1, keepdims=True))
        att = att / att.sum(-1, keepdims=True)
        context = (att[..., None, :] @ keys)[..., 0, :].reshape(k, m, d)
        z = np.concatenate([mention, sentence, context], -1)
        z = gelu(z @ p["hidden_w"] + p["hidden_b"][:, None])
        return z @ p["out_w"] + p["out_b"][:, None]

    def verdicts(self, projected: np.ndarray, marks: np.ndarray, syntax: np.ndarray,
                 real: np.ndarray | None = None) -> list[tuple[int, float]]:
        """(polarity, its probability) for each mention (`logits`' arguments): the likeliest class, the
        members' probabilities averaged."""
        z = self.logits(projected, marks, syntax, real)
        z = np.exp(z - z.max(-1, keepdims=True))
        probs = (z / z.sum(-1, keepdims=True)).mean(0)
        return [(POLARITIES[int(np.argmax(row))], round(float(row.max()), 4)) for row in probs]

    def judge(self, item: Item) -> tuple[int, float]:
        """(polarity, its probability) for one item."""
        return self.verdicts(self.project(item.states)[:, None], item.inside[None], item.syntax[None])[0]

    def save(self, path: Path) -> None:
        """Writes the arrays to one .npz file (float16 weights: the head as shipped is what was measured)."""
        np.savez_compressed(path, **{k: v.astype(np.float16) for k, v in self.params.items()})

    @classmethod
    def load(cls, path: Path) -> "ToneHead":
        """Reads what `save` wrote."""
        if not Path(path).is_file():
            raise EncoderHeadMissing(f"{path} is missing: train it with "
                                     "`newsprism train tone --data ../shared/data/newsmtsc`")
        with np.load(path, allow_pickle=False) as z:
            missing = [k for k in PARAMS if k not in z.files]
            if missing:
                raise EncoderHeadMissing(f"{path} is not a tone head of this version (no {', '.join(missing)}): "
                                         "train it again with `newsprism train tone`")
            return cls({k: z[k].astype(np.float32) for k in PARAMS})


def piece_window(offsets: list[tuple[int, int]], start: int, end: int) -> slice:
    """The MAX_PIECES wordpieces of a sentence the encoder reads: all of them, or for a longer sentence the
    window centred on the mention start..end."""
    n = len(offsets)
    if n <= MAX_PIECES:
        return slice(0, n)
    inside = [k for k, (s, e) in enumerate(offsets) if s < end and e > start] or [0]
    first = min(max(0, (inside[0] + inside[-1]) // 2 - MAX_PIECES // 2), n - MAX_PIECES)
    return slice(first, first + MAX_PIECES)


class ToneModel:
    """The tone head with the shared encoder: `classify` for single sentences (NewsMTSC lines), `judge` for
    the mentions of an article already encoded."""

    def __init__(self, folder: Path | None = None, encoder: SharedEncoder | None = None) -> None:
        self.head = ToneHead.load((Path(folder) if folder else MODEL_DIR) / HEAD_FILE)
        self.encoder = encoder

    def items(self, rows: list[tuple[str, int, int]]) -> list[Item]:
        """What the head reads of each (sentence, mention start, mention end), each sentence encoded and
        parsed alone (a sentence longer than one window: the window around the mention)."""
        if self.encoder is None:
            self.encoder = shared_encoder()
        for sentence, start, end in rows:
            if not 0 <= start < end <= len(sentence):
                raise ToneInputError(f"mention {start}-{end} is empty or outside its sentence "
                                     f"of {len(sentence)} characters; give character offsets inside it")
        trees = parse_lines([sentence for sentence, _, _ in rows])
        out = []
        for sentence, start, end in rows:
            e = base.tokenizer().encode(sentence, add_special_tokens=False)
            cut = piece_window(e.offsets, start, end)
            ids, offs = e.ids[cut], np.array(e.offsets[cut], dtype=np.int64).reshape(-1, 2)
            if not ids:  # no wordpiece at all (blank or control characters): nothing for the mention to mark
                out.append(Item(np.zeros((1, INPUT), np.float32), np.zeros(1, bool), np.full(1, OTHER)))
                continue
            probs, hidden = self.encoder.run_window(ids)
            out.append(Item(states_of(Encoding(offs, probs, hidden, np.array(ids, dtype=np.int64))),
                            marks_of(offs, (start, end)), trees[sentence].piece_distances(offs, (start, end))))
        return out

    def classify(self, rows: list[tuple[str, int, int]]) -> list[tuple[int, float]]:
        """(polarity, its probability) for each (sentence, mention start, mention end)."""
        found = self.items(rows)
        with limits.one_blas_thread():
            return [self.head.judge(item) for item in found]

    def judge(self, enc: Encoding, pairs: list[tuple[tuple[int, int], tuple[int, int]]],
              tree: Tree) -> list[tuple[int, float] | None]:
        """(polarity, probability) for each (sentence span, mention span) of an encoded article whose parse
        is `tree`; None where the mention covers no wordpiece. Only the wordpieces of sentences with a mention are projected, in one
        matrix product (the projection is most of the head's arithmetic); the mentions are then judged
        MENTIONS_PER_BATCH at a time, those of like sentence length together, each sentence padded to the
        longest (few numpy calls per article rather than per sentence)."""
        out: list[tuple[int, float] | None] = [None] * len(pairs)
        if not pairs or not len(enc.offsets):
            return out
        cuts = {sentence: pieces_of(enc.offsets, sentence) for sentence, _ in pairs}
        starts, at = {}, 0
        for sentence, cut in cuts.items():  # where each sentence's wordpieces lie among those projected
            starts[sentence] = at
            at += cut.stop - cut.start
        found = []  # (j, first projected row, wordpieces, marks, syntax) of each mention covering a wordpiece
        for j, (sentence, mention) in enumerate(pairs):
            marks = marks_of(enc.offsets[cuts[sentence]], mention)
            if marks.any():
                found.append((j, starts[sentence], len(marks), marks,
                              tree.piece_distances(enc.offsets[cuts[sentence]], mention)))
        if not found:
            return out
        found.sort(key=lambda f: f[2])
        rows = np.concatenate([np.arange(c.start, c.stop) for c in cuts.values()])
        with limits.one_blas_thread():
            projected = self.head.project(states_of(enc, rows))
            for b in range(0, len(found), MENTIONS_PER_BATCH):
                batch = found[b : b + MENTIONS_PER_BATCH]
                n = batch[-1][2]
                index, syntax = np.zeros((len(batch), n), np.int64), np.full((len(batch), n), OTHER)
                marks, real = np.zeros((len(batch), n), bool), np.zeros((len(batch), n), bool)
                for i, (_, first, length, mark, syn) in enumerate(batch):
                    index[i, :length], marks[i, :length] = np.arange(first, first + length), mark
                    syntax[i, :length], real[i, :length] = syn, True
                for (j, *_), verdict in zip(batch, self.head.verdicts(projected[:, index], marks, syntax, real)):
                    out[j] = verdict
        return out


@lru_cache(maxsize=2)
def shipped_model(folder: str | None = None) -> ToneModel:
    """The tone head of `folder` (default: the shipped one) with the shared encoder, loaded once per process."""
    return ToneModel(Path(folder) if folder else None)


def read_record(folder: Path | None = None) -> dict:
    """The training record beside the head (`meta.json`), or {} when there is none."""
    path = (Path(folder) if folder else MODEL_DIR) / "meta.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
