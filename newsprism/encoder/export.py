"""Training side of the shared encoder (needs the `train` extra: PyTorch, transformers, onnx): the base
MiniLM as a torch module with its word embeddings frozen, and the export of a trained head to an int8
ONNX file that `newsprism.encoder.base` runs without PyTorch.

PyTorch's exporter writes each attention's softmax followed by a guard, `Where(IsNaN(p), 0, p)`, for rows whose
keys are all masked. The encoder's inputs always leave [CLS] and [SEP] unmasked, so the guard never changes a
value, yet it passed over every attention matrix twice (about an eighth of the encoder's time on one thread):
`export_int8` writes the graph without it (`without_nan_guards`), and the same function took it out of the
shipped file (`scripts/strip_nan_guards.py`), every output bit for bit as before.
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
    without_nan_guards(path)


def without_nan_guards(path: Path) -> int:
    """Rewrites the ONNX file at `path` without the guards after its softmaxes (`Where(IsNaN(p), 0, p)`
    becomes `p`: see the module's docstring); returns how many it took out (0 leaves the file untouched)."""
    import onnx

    model = onnx.load(str(path))
    producer = {out: node for node in model.graph.node for out in node.output}
    replaced: dict[str, str] = {}  # a guard's output -> the softmax output it guarded
    dropped: set[int] = set()
    for node in model.graph.node:
        if node.op_type != "Where" or len(node.input) != 3:
            continue
        cond, guarded = producer.get(node.input[0]), node.input[2]
        if (cond is not None and cond.op_type == "IsNaN" and cond.input[0] == guarded
                and producer.get(guarded) is not None and producer[guarded].op_type == "Softmax"):
            replaced[node.output[0]] = guarded
            dropped.add(id(node))
            dropped.add(id(cond))
    if not replaced:
        return 0
    kept = [node for node in model.graph.node if id(node) not in dropped]
    for node in kept:
        for k, name in enumerate(node.input):
            if name in replaced:
                node.input[k] = replaced[name]
    for out in model.graph.output:
        if out.name in replaced:
            raise ValueError(f"{path}: a graph output ({out.name}) is a NaN guard; not rewritten")
    used = {name for node in kept for name in node.input} | {out.name for out in model.graph.output}
    kept = [node for node in kept if node.op_type != "Constant" or any(out in used for out in node.output)]
    del model.graph.node[:]
    model.graph.node.extend(kept)
    made = {out for node in kept for out in node.output}
    shapes = [info for info in model.graph.value_info if info.name in made]  # no shape kept for a name gone
    del model.graph.value_info[:]
    model.graph.value_info.extend(shapes)
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return len(replaced)
