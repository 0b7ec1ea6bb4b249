"""The tone head: for a sentence and a mention in it, negative, neutral or positive (-1, 0, 1) with its
probability, read from the shared encoder's pass (`newsprism.encoder.run`): a multinomial logistic
regression over the mean state of the sentence's wordpieces and the mean state of the mention's, trained
on NewsMTSC by `newsprism train tone`. No PyTorch: numpy over the encoder's onnxruntime output.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsprism.encoder import base
from newsprism.errors import EncoderHeadMissing, ToneInputError
from newsprism.encoder.run import MAX_PIECES, Encoding, SharedEncoder, shared_encoder

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "tone"
HEAD_FILE = "tone-head.npz"
POLARITIES = (-1, 0, 1)  # the order of the head's outputs
FEATURES = 768  # the head's input: the sentence's and the mention's mean states, 384 each (MiniLM's width)
SENTENCES_PER_RUN = 256  # sentences encoded per encoder call: bounded memory, few calls


def features(enc: Encoding, sentence: tuple[int, int], mention: tuple[int, int]) -> np.ndarray | None:
    """[mean state of the sentence, mean state of the mention] (768 floats), or None when the mention
    covers no wordpiece."""
    m = enc.mean_state(*mention)
    s = enc.mean_state(*sentence)
    return None if m is None or s is None else np.concatenate([s, m])


@dataclass
class ToneHead:
    """Standardised features -> multinomial logistic regression, stored as plain arrays."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray  # (768, 3)
    bias: np.ndarray  # (3,)

    def probs(self, feats: np.ndarray) -> np.ndarray:
        """Class probabilities (negative, neutral, positive) per row of features."""
        z = ((feats - self.mean) / self.scale) @ self.weights + self.bias
        z = np.exp(z - z.max(-1, keepdims=True))
        return z / z.sum(-1, keepdims=True)

    def save(self, path: Path) -> None:
        """Writes the arrays to one .npz file."""
        np.savez_compressed(path, mean=self.mean.astype(np.float32), scale=self.scale.astype(np.float32),
                            weights=self.weights.astype(np.float32), bias=self.bias.astype(np.float32))

    @classmethod
    def load(cls, path: Path) -> "ToneHead":
        """Reads what `save` wrote."""
        if not Path(path).is_file():
            raise EncoderHeadMissing(f"{path} is missing: train it with "
                                     "`newsprism train tone --data ../shared/data/newsmtsc`")
        with np.load(path, allow_pickle=False) as z:
            return cls(z["mean"], z["scale"], z["weights"], z["bias"])


def verdict(p: np.ndarray) -> tuple[int, float]:
    """(polarity, its probability) from one row of class probabilities."""
    k = int(p.argmax())
    return POLARITIES[k], round(float(p[k]), 4)


class ToneModel:
    """The tone head with the shared encoder: `classify` for single sentences (NewsMTSC lines), `judge` for
    the mentions of an article already encoded."""

    def __init__(self, folder: Path | None = None, encoder: SharedEncoder | None = None) -> None:
        self.head = ToneHead.load((Path(folder) if folder else MODEL_DIR) / HEAD_FILE)
        self.encoder = encoder

    def sentence_features(self, items: list[tuple[str, int, int]]) -> np.ndarray:
        """Features for (sentence, mention start, mention end) items, each sentence encoded alone."""
        if self.encoder is None:
            self.encoder = shared_encoder()
        out = np.zeros((len(items), FEATURES), dtype=np.float32)
        for k in range(0, len(items), SENTENCES_PER_RUN):
            chunk = items[k : k + SENTENCES_PER_RUN]
            encs = []
            for sentence, start, end in chunk:
                if not 0 <= start < end <= len(sentence):
                    raise ToneInputError(f"mention {start}-{end} is empty or outside its sentence "
                                         f"of {len(sentence)} characters; give character offsets inside it")
                e = base.tokenizer().encode(sentence, add_special_tokens=False)
                encs.append((e.ids[:MAX_PIECES], e.offsets[:MAX_PIECES]))  # one window: a longer sentence is cut
            res = self.encoder.run_windows([ids for ids, _ in encs])
            for j, ((_, offs), (p, h), (sentence, start, end)) in enumerate(zip(encs, res, chunk)):
                enc = Encoding(np.array(offs, dtype=np.int64).reshape(-1, 2), p, h)
                f = features(enc, (0, len(sentence)), (start, end))
                out[k + j] = f if f is not None else 0.0
        return out

    def classify(self, items: list[tuple[str, int, int]]) -> list[tuple[int, float]]:
        """(polarity, its probability) for each (sentence, mention start, mention end)."""
        if not items:
            return []
        return [verdict(p) for p in self.head.probs(self.sentence_features(items))]

    def judge(self, enc: Encoding, pairs: list[tuple[tuple[int, int], tuple[int, int]]]) -> list[tuple[int, float] | None]:
        """(polarity, probability) for each (sentence span, mention span) of an encoded article; None where
        the mention covers no wordpiece."""
        feats = [features(enc, s, m) for s, m in pairs]
        rows = [f for f in feats if f is not None]
        probs = iter(self.head.probs(np.stack(rows)) if rows else [])
        return [verdict(next(probs)) if f is not None else None for f in feats]


@lru_cache(maxsize=2)
def shipped_model(folder: str | None = None) -> ToneModel:
    """The tone head of `folder` (default: the shipped one) with the shared encoder, loaded once per process."""
    return ToneModel(Path(folder) if folder else None)


def read_record(folder: Path | None = None) -> dict:
    """The training record beside the head (`meta.json`), or {} when there is none."""
    path = (Path(folder) if folder else MODEL_DIR) / "meta.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
