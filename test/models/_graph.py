"""Graph builder that names and shapes things the way torch.onnx.export does.

Everything here imitates the TorchScript-based exporter of PyTorch 2.x
(``torch.onnx.export(..., do_constant_folding=True)`` on a module in eval
mode):

* Node names are the module scope plus the op type, uniquified with ``_N``
  (``/transformer/h.0/attn/Shape_1``); outputs are ``<node>_output_<i>``.
* Constants a symbolic function creates directly (the index of a ``Gather``
  that implements ``x.size(i)``, the ``axes`` of an ``Unsqueeze``, scalar
  literals) are ``Constant`` nodes in the scope of the code that made them.
* Values produced by constant folding (a transposed ``Linear`` weight, a
  batch norm folded into a convolution, an ``Unsqueeze`` of a literal in a
  shape list) are initializers named ``onnx::<ConsumerOp>_<N>``.
* Parameters and buffers keep their state_dict names.
* Initializers with equal dtype, shape and bytes are merged, the first name
  winning (``_jit_pass_onnx_deduplicate_initializers`` in eval mode).
* Initializers are stored as ``raw_data``.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple, Union

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

PRODUCER_NAME = "pytorch"
PRODUCER_VERSION = "2.5.0"
GRAPH_NAME = "main_graph"

MIN_OPSET = 13
MAX_OPSET = 21

FLOAT_MIN = float(np.finfo(np.float32).min)  # torch.finfo(torch.float32).min
INT64_MAX = np.iinfo(np.int64).max  # what an open slice end becomes

# Lowest IR version that can carry each default-domain opset (onnx's
# VERSION_TABLE); torch writes the IR version of the onnx it links, which is
# never lower than this.
_IR_FOR_OPSET = {13: 7, 14: 7, 15: 8, 16: 8, 17: 8, 18: 8, 19: 9, 20: 9, 21: 10}

Dim = Union[int, str]


def ir_version_for(opset: int) -> int:
    return _IR_FOR_OPSET[opset]


@dataclass
class InputHint:
    """How --check fills an input: 'normal', ('ids', high), 'mask', 'types'."""

    kind: str = "normal"
    high: int = 0


@dataclass
class BuiltModel:
    model: onnx.ModelProto
    hints: Dict[str, InputHint] = field(default_factory=dict)
    # Models that must be saved with their initializers outside the .onnx.
    external_data: bool = False


class GraphBuilder:
    """Accumulates nodes/initializers with torch-exporter naming."""

    def __init__(self, opset: int, seed: int):
        if not MIN_OPSET <= opset <= MAX_OPSET:
            raise ValueError(f"opset {opset} outside {MIN_OPSET}..{MAX_OPSET}")
        self.opset = opset
        self.rng = np.random.Generator(np.random.PCG64(seed))
        self.nodes: List[onnx.NodeProto] = []
        self.initializers: List[onnx.TensorProto] = []
        self.inputs: List[onnx.ValueInfoProto] = []
        self.outputs: List[onnx.ValueInfoProto] = []
        self.hints: Dict[str, InputHint] = {}
        self._scope: List[str] = []
        self._node_names: set = set()
        self._init_by_key: Dict[Tuple, str] = {}
        self._init_names: set = set()
        self._onnx_id = 100  # fake debug-name counter for onnx::Op_N names

    # ------------------------------------------------------------------ naming
    @contextlib.contextmanager
    def scope(self, *parts: str):
        """Enter module scope components, e.g. scope('layer1', 'layer1.0')."""
        self._scope.extend(parts)
        try:
            yield
        finally:
            del self._scope[len(self._scope) - len(parts):]

    def _node_name(self, op_type: str) -> str:
        base = "/" + "/".join(self._scope + [op_type])
        name, k = base, 0
        while name in self._node_names:
            k += 1
            name = f"{base}_{k}"
        self._node_names.add(name)
        return name

    # ------------------------------------------------------------------- nodes
    def op(self, op_type: str, inputs: Sequence[str], n_out: int = 1,
           out_names: Optional[Sequence[str]] = None, **attrs):
        """Add a node; returns its output name (or a list when n_out > 1)."""
        name = self._node_name(op_type)
        if out_names is None:
            outs = [f"{name}_output_{i}" for i in range(n_out)]
        else:
            outs = list(out_names)
            assert len(outs) == n_out
        attrs = {k: v for k, v in attrs.items() if v is not None}
        self.nodes.append(helper.make_node(op_type, list(inputs), outs, name=name, **attrs))
        return outs[0] if n_out == 1 else outs

    def rename(self, old: str, new: str) -> None:
        """Rename a value (the exporter names graph outputs after output_names)."""
        for node in self.nodes:
            for i, n in enumerate(node.output):
                if n == old:
                    node.output[i] = new
            for i, n in enumerate(node.input):
                if n == old:
                    node.input[i] = new

    def const(self, value, dtype=None) -> str:
        """A Constant node (what a symbolic function's g.op('Constant') is)."""
        arr = np.asarray(value, dtype=dtype)
        if arr.dtype == np.float64:
            arr = arr.astype(np.float32)
        return self.op("Constant", [], value=numpy_helper.from_array(arr))

    def i64(self, value) -> str:
        return self.const(np.asarray(value, dtype=np.int64))

    def f32(self, value) -> str:
        return self.const(np.asarray(value, dtype=np.float32))

    # ------------------------------------------------------------ initializers
    @staticmethod
    def _key(arr: np.ndarray) -> Tuple:
        return (arr.dtype.str, arr.shape, hashlib.sha256(arr.tobytes()).digest())

    def _add_init(self, name: str, arr: np.ndarray) -> str:
        """Add an initializer unless one with the same bytes exists."""
        arr = np.ascontiguousarray(arr)
        key = self._key(arr)
        if key in self._init_by_key:
            return self._init_by_key[key]
        assert name not in self._init_names, name
        self._init_names.add(name)
        self.initializers.append(numpy_helper.from_array(arr, name))
        self._init_by_key[key] = name
        return name

    def param(self, name: str, arr: np.ndarray) -> str:
        """A parameter or buffer under its state_dict name."""
        return self._add_init(name, arr)

    def folded(self, arr: np.ndarray, consumer: str) -> str:
        """A constant-folded value: initializer onnx::<consumer>_<N>."""
        arr = np.ascontiguousarray(arr)
        existing = self._init_by_key.get(self._key(arr))
        if existing is not None:
            return existing
        self._onnx_id += 1
        return self._add_init(f"onnx::{consumer}_{self._onnx_id}", arr)

    def folded_i64(self, values, consumer: str) -> str:
        return self.folded(np.asarray(values, dtype=np.int64), consumer)

    # ------------------------------------------------------------- graph I/O
    def add_input(self, name: str, elem_type: int, shape: Sequence[Dim],
                  hint: Optional[InputHint] = None) -> str:
        self.inputs.append(helper.make_tensor_value_info(name, elem_type, list(shape)))
        if hint is not None:
            self.hints[name] = hint
        return name

    def add_output(self, name: str, elem_type: int, shape: Sequence[Dim]) -> str:
        self.outputs.append(helper.make_tensor_value_info(name, elem_type, list(shape)))
        return name

    def finish(self) -> BuiltModel:
        graph = helper.make_graph(self.nodes, GRAPH_NAME, self.inputs, self.outputs,
                                  initializer=self.initializers)
        model = helper.make_model(
            graph,
            producer_name=PRODUCER_NAME,
            producer_version=PRODUCER_VERSION,
            opset_imports=[helper.make_opsetid("", self.opset)],
            ir_version=ir_version_for(self.opset),
        )
        return BuiltModel(model, dict(self.hints))

    # ------------------------------------------------------------ random data
    def normal(self, shape, std: float = 1.0) -> np.ndarray:
        return (self.rng.standard_normal(shape, dtype=np.float32) * np.float32(std))

    def linear_weight(self, out_f: int, in_f: int, gain: float = 1.0) -> np.ndarray:
        """torch Linear layout [out, in], std gain/sqrt(in)."""
        return self.normal((out_f, in_f), gain / np.sqrt(in_f))

    def bias(self, n: int, std: float = 0.02) -> np.ndarray:
        return self.normal((n,), std)

    def norm_params(self, n: int) -> Tuple[np.ndarray, np.ndarray]:
        """LayerNorm gamma ~ 1, beta ~ 0 (small noise so swaps are visible)."""
        gamma = (1.0 + self.normal((n,), 0.05)).astype(np.float32)
        beta = self.normal((n,), 0.05)
        return gamma, beta

    # ====================================================== torch op patterns
    # Each helper emits what the corresponding torch symbolic emits.

    def size(self, x: str, dim: int) -> str:
        """x.size(dim) under tracing: Shape -> Gather(Constant dim, axis=0)."""
        shape = self.op("Shape", [x])
        idx = self.i64(dim)
        return self.op("Gather", [shape, idx], axis=0)

    def unsqueeze(self, x: str, axes: Sequence[int]) -> str:
        """Unsqueeze with axes as a Constant input (opset >= 13)."""
        return self.op("Unsqueeze", [x, self.i64(list(axes))])

    def squeeze(self, x: str, axes: Sequence[int]) -> str:
        return self.op("Squeeze", [x, self.i64(list(axes))])

    def shape_list(self, elems: Sequence[Union[int, str]], consumer: str = "Concat") -> str:
        """prim::ListConstruct of ints and traced sizes -> Concat of [1] tensors.

        Traced sizes are Unsqueezed (axes Constant); literal ints are
        Unsqueezes of constants and therefore constant folded to initializers.
        """
        parts = []
        for e in elems:
            if isinstance(e, (int, np.integer)):
                parts.append(self.folded_i64([int(e)], consumer))
            else:
                parts.append(self.unsqueeze(e, [0]))
        return self.op("Concat", parts, axis=0)

    def reshape(self, x: str, shape: str) -> str:
        """aten::view / reshape: allowzero=0 is written from opset 14 on."""
        if self.opset >= 14:
            return self.op("Reshape", [x, shape], allowzero=0)
        return self.op("Reshape", [x, shape])

    def view(self, x: str, elems: Sequence[Union[int, str]]) -> str:
        return self.reshape(x, self.shape_list(elems))

    def transpose(self, x: str, perm: Sequence[int]) -> str:
        return self.op("Transpose", [x], perm=list(perm))

    def dyn_slice(self, x: str, start: Union[int, str], end: Union[int, str], axis: int,
                  step: int = 1) -> str:
        """aten::slice with a traced bound: every bound is Unsqueezed; the
        literal ones (and axes/steps) are folded to initializers."""
        def bound(v):
            if isinstance(v, (int, np.integer)):
                return self.folded_i64([int(v)], "Slice")
            return self.unsqueeze(v, [0])
        s = bound(start)
        e = bound(end)
        return self.op("Slice", [x, s, e, self.folded_i64([axis], "Slice"),
                                 self.folded_i64([step], "Slice")])

    def reduce_mean(self, x: str, axes: Sequence[int], keepdims: Optional[int] = None) -> str:
        """ReduceMean: axes attribute before opset 18, Constant input after.

        keepdims=None leaves the attribute out (default 1), as the layer_norm
        decomposition does; x.mean(-1, keepdim=True) writes keepdims=1.
        """
        if self.opset >= 18:
            return self.op("ReduceMean", [x, self.i64(list(axes))], keepdims=keepdims)
        return self.op("ReduceMean", [x], axes=list(axes), keepdims=keepdims)

    def layer_norm(self, x: str, gamma: str, beta: str, eps: float) -> str:
        """nn.LayerNorm over the last dim.

        opset >= 17: LayerNormalization(axis=-1). Older opsets: the
        decomposition of torch's symbolic_opset9.native_layer_norm.
        """
        if self.opset >= 17:
            return self.op("LayerNormalization", [x, gamma, beta], axis=-1, epsilon=float(eps))
        mean = self.reduce_mean(x, [-1])
        num = self.op("Sub", [x, mean])
        two = self.f32(2.0)
        var = self.reduce_mean(self.op("Pow", [num, two]), [-1])
        eps_c = self.f32(eps)
        den = self.op("Sqrt", [self.op("Add", [var, eps_c])])
        y = self.op("Div", [num, den])
        y = self.op("Mul", [y, gamma])
        return self.op("Add", [y, beta])

    def linear3d(self, x: str, weight: np.ndarray, bias_name: Optional[str]) -> str:
        """F.linear on a rank>2 input: MatMul(x, W^T folded) [+ Add(bias, .)]."""
        wt = self.folded(np.ascontiguousarray(weight.T), "MatMul")
        y = self.op("MatMul", [x, wt])
        if bias_name is not None:
            y = self.op("Add", [bias_name, y])
        return y

    def gemm_linear(self, x: str, w_name: str, b_name: str, out_name: Optional[str] = None) -> str:
        """F.linear on a rank-2 input: Gemm(transB=1) after fuseTransposeIntoGemm."""
        return self.op("Gemm", [x, w_name, b_name], alpha=1.0, beta=1.0, transB=1,
                       out_names=None if out_name is None else [out_name])

    def conv(self, x: str, w: str, b: Optional[str], kernel: int, stride: int, pad,
             groups: int = 1, dilation: int = 1) -> str:
        """aten::_convolution: every attribute is written."""
        if isinstance(pad, int):
            pads = [pad, pad, pad, pad]
        else:
            pads = list(pad)
        inputs = [x, w] + ([b] if b is not None else [])
        return self.op("Conv", inputs, dilations=[dilation, dilation], group=groups,
                       kernel_shape=[kernel, kernel], pads=pads, strides=[stride, stride])

    def silu(self, x: str) -> str:
        """nn.SiLU: Mul(x, Sigmoid(x))."""
        return self.op("Mul", [x, self.op("Sigmoid", [x])])

    def gelu_erf(self, x: str) -> str:
        """F.gelu(approximate='none'): Gelu op from opset 20, else the erf form."""
        if self.opset >= 20:
            return self.op("Gelu", [x], approximate="none")
        d = self.op("Div", [x, self.f32(1.4142135381698608)])
        e = self.op("Erf", [d])
        a = self.op("Add", [e, self.f32(1.0)])
        m = self.op("Mul", [x, a])
        return self.op("Mul", [m, self.f32(0.5)])


FLOAT = TensorProto.FLOAT
INT64 = TensorProto.INT64
BOOL = TensorProto.BOOL
