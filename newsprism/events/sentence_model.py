"""The events sentence model at run time (onnxruntime, no PyTorch): all-MiniLM-L6-v2 fine-tuned on the
annotated event sentences (`newsprism.events.finetune`), reading one sentence alone, giving P(NONE) and
P(each PLOVER type).

The encoder detector (`newsprism.events.encoded`) averages its heads' score with this model's event score,
1 - P(NONE), and calibrates the average (the two err on different sentences: averaged they rank better than
either). It runs only on sentences the heads score at least `gate` (chosen on the tuning part): most sentences of
news are plainly no event, and the heads' score alone decides them. Each sentence runs alone, unpadded, as the
shared encoder's windows do (`newsprism.encoder.run`: int8 activations are scaled over the whole input, so a
batch would make a sentence's answer depend on its neighbours).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsprism.encoder import base

FILE_NAME = "events_sentence-minilm.onnx"
MAX_PIECES = 80  # wordpieces of a sentence read ([CLS] and [SEP] aside); longer sentences are cut


def model_path(model_dir: Path) -> Path:
    """Where the sentence model of `model_dir` is stored."""
    return Path(model_dir) / FILE_NAME


def piece_ids(text: str) -> list[int]:
    """The first MAX_PIECES wordpiece ids of a sentence, without [CLS] and [SEP] (`base.pad` adds them)."""
    return base.tokenizer().encode(text, add_special_tokens=False).ids[:MAX_PIECES]


class SentenceModel:
    """`probabilities(texts)` -> (len(texts), len(classes)): P(each class) per sentence, NONE first."""

    def __init__(self, path: Path) -> None:
        self.session = base.session(path)
        self.classes: list[str] = json.loads(self.session.get_modelmeta().custom_metadata_map["classes"])

    def probabilities(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(self.classes)), dtype=np.float32)
        for k, text in enumerate(texts):
            ids, mask = base.pad([piece_ids(text)])
            out[k] = self.session.run(["probabilities"], {"inputs_embeds": base.embed(ids), "attention_mask": mask})[0][0]
        return out


@lru_cache(maxsize=2)
def load(path: Path) -> SentenceModel:
    """The sentence model at `path`, loaded once per process."""
    return SentenceModel(path)
