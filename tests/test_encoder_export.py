"""The encoder's export: the NaN guards after attention softmaxes are taken out, with every output unchanged."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from newsprism.encoder.run import MODEL_FILE

needs_onnx = pytest.mark.skipif(importlib.util.find_spec("onnx") is None or importlib.util.find_spec("onnxruntime") is None,
                                reason="the onnx package of the train extra is not installed (make setup-train)")


def test_shipped_encoder_carries_no_nan_guard():
    """The shipped graph has no IsNaN node (an op's type is stored as its name's bytes in the ONNX file):
    each guard passed over an attention matrix twice for nothing (`newsprism.encoder.export`)."""
    assert MODEL_FILE.is_file(), f"{MODEL_FILE} is missing"
    assert b"IsNaN" not in MODEL_FILE.read_bytes()


def guarded_graph(path, guard_output: bool = False) -> None:
    """A small graph as PyTorch exports attention: Softmax, then Where(IsNaN(p), 0, p), then a MatMul."""
    import onnx
    from onnx import TensorProto, helper

    nodes = [
        helper.make_node("Softmax", ["x"], ["p"], axis=-1),
        helper.make_node("IsNaN", ["p"], ["nan"]),
        helper.make_node("Constant", [], ["zero"], value=helper.make_tensor("zero", TensorProto.FLOAT, [1], [0.0])),
        helper.make_node("Where", ["nan", "zero", "p"], ["g"]),
    ]
    if not guard_output:
        nodes.append(helper.make_node("MatMul", ["g", "w"], ["y"]))
    graph = helper.make_graph(
        nodes, "guarded",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3])],
        [helper.make_tensor_value_info("g", TensorProto.FLOAT, [2, 3]) if guard_output
         else helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 2])],
        [helper.make_tensor("w", TensorProto.FLOAT, [3, 2], [0.5, -1.0, 2.0, 0.25, -0.75, 1.5])])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), str(path))


@needs_onnx
def test_without_nan_guards_drops_the_guard_and_keeps_the_output(tmp_path):
    import onnx
    import onnxruntime as ort

    from newsprism.encoder.export import without_nan_guards

    path = tmp_path / "guarded.onnx"
    guarded_graph(path)
    x = np.array([[1.0, 2.0, 3.0], [-4.0, 0.5, 9.0]], dtype=np.float32)
    before = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(None, {"x": x})[0]
    assert without_nan_guards(path) == 1
    ops = [n.op_type for n in onnx.load(str(path)).graph.node]
    assert ops == ["Softmax", "MatMul"]  # the guard, its IsNaN and its now unused constant are gone
    after = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(None, {"x": x})[0]
    assert np.array_equal(before, after)
    assert without_nan_guards(path) == 0  # nothing left to take out


@needs_onnx
def test_without_nan_guards_refuses_a_guard_that_is_an_output(tmp_path):
    path = tmp_path / "guarded.onnx"
    guarded_graph(path, guard_output=True)
    from newsprism.encoder.export import without_nan_guards

    with pytest.raises(ValueError, match="graph output"):
        without_nan_guards(path)
