"""Training side of the shared encoder (needs the `train` extra: PyTorch, transformers, onnx): the base
MiniLM as a torch module with its word embeddings frozen, and the export of a trained head to an int8
ONNX file that `newsprism.encoder.base` runs without PyTorch.
"""

from __future__ import annotations

import os
import tempfile
import warnings
from pathlib import Path


def base_encoder():
    """The packaged all-MiniLM-L6-v2 as a transformers `BertModel`, word embeddings frozen (every head
    shares them at run time, see `newsprism.encoder.base`)."""
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    from newsprism.encoder.base import base_dir

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    enc = AutoModel.from_pretrained(str(base_dir()))
    enc.embeddings.word_embeddings.weight.requires_grad_(False)
    return enc


def export_int8(module, inputs: dict, outputs: list[str], dynamic: dict[str, dict[int, str]], path: Path) -> None:
    """Writes `module` (called with `inputs`, keyword tensors) to `path` as ONNX with its MatMul weights
    in int8, per output channel (onnxruntime's dynamic quantization); axes named in `dynamic` may vary in length."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    module = module.eval().float()
    names = list(inputs)
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plain = Path(tmp) / "plain.onnx"
        with torch.no_grad():
            torch.onnx.export(module, tuple(inputs[n] for n in names), str(plain), input_names=names,
                              output_names=outputs, dynamic_axes=dynamic, opset_version=17, dynamo=False)
        quantize_dynamic(str(plain), str(path), weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul"],
                         per_channel=True)
