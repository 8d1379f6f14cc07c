#!/usr/bin/env python3
"""Builds the small ONNX models the importer's lit tests read.

    op_models.py NAME OUT.onnx [--location L] [--offset N] [--length N]
    op_models.py --list
    op_models.py --verify NAME...   (developer aid: onnx checker + onnxruntime)

Every model is built with onnx.helper, so its bytes are the same on every
run. Model names say what they exercise:

  <op>_<variant>   one converter with one form of its attributes and inputs
                   (covering the opset-dependent forms of every op in the
                   converter tables of compiler/import/onnx/Convert*.cpp)
  bad_<what>       malformed or unsupported models for errors.mlir
  ext_weights      a model whose weights live in a side file (see below)

Nodes are named after their first output unless a name is given (the
importer's messages and locations name nodes). Outputs get their types from
ONNX shape inference, so that the models onnxruntime can run are well-formed
ONNX (--verify checks and runs them); models meant to be refused skip it.

ext_weights writes OUT.onnx and, next to it, weights.bin: 16 bytes of
padding, then W = [[1..3], [4..6]] (float32), then B = [10, 20, 30]. The
model computes MatMul(x, W) + B with W stored at --offset (default 16) with
--length (default 24) in the file --location (default weights.bin), and B
at offset 40 of weights.bin; the options build the refused variants
("none" leaves the offset or length out).
"""

import argparse
import os
import random
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

F = TensorProto.FLOAT
F16 = TensorProto.FLOAT16
I32 = TensorProto.INT32
I64 = TensorProto.INT64
BOOL = TensorProto.BOOL

MODELS = {}


def model(fn):
    """Registers fn (returning a ModelProto, or bytes written as is)."""
    MODELS[fn.__name__] = fn
    return fn


def vi(name, shape, elem=F):
    return helper.make_tensor_value_info(name, elem, shape)


def tensor(name, values, dtype=np.float32):
    return numpy_helper.from_array(np.asarray(values, dtype=dtype), name)


def ints(name, values):
    return tensor(name, values, np.int64)


def raw_tensor(name, dims, raw, elem=F):
    """A tensor with any dims and raw bytes, consistent or not."""
    t = TensorProto()
    t.name = name
    t.data_type = elem
    t.dims.extend(dims)
    t.raw_data = raw
    return t


def node(op, inputs, outputs, name=None, **attrs):
    return helper.make_node(op, inputs, outputs, name=name or outputs[0],
                            **attrs)


def mk(nodes, inputs, outputs, inits=(), opset=18, infer=True,
       opsets=None):
    """A model; `outputs` are names (typed by shape inference) or
    ValueInfos."""
    outs = [helper.make_value_info(o, onnx.TypeProto()) if isinstance(o, str)
            else o for o in outputs]
    graph = helper.make_graph(nodes, "g", inputs, outs,
                              initializer=list(inits))
    imports = opsets if opsets is not None else [helper.make_opsetid("", opset)]
    m = helper.make_model(graph, opset_imports=imports,
                          producer_name="op_models.py")
    m.ir_version = 8
    if infer:
        m = onnx.shape_inference.infer_shapes(m, strict_mode=True)
        # Intermediate value_info is not needed by the importer.
        del m.graph.value_info[:]
    return m


def unary(op, shape=(2, 3), elem=F, opset=18, **attrs):
    return mk([node(op, ["x"], ["y"], **attrs)], [vi("x", list(shape), elem)],
              ["y"], opset=opset)


#===----------------------------------------------------------------------===#
# Elementwise (ConvertElementwise.cpp)
#===----------------------------------------------------------------------===#

@model
def add_bcast():
    # [2,3,4] + [3,1] -> [2,3,4]
    return mk([node("Add", ["x", "y"], ["z"])],
              [vi("x", [2, 3, 4]), vi("y", [3, 1])], ["z"])


@model
def add_scalar_init():
    # A rank-0 initializer operand stays a constant operand.
    return mk([node("Add", ["x", "c"], ["z"])], [vi("x", [2, 3])], ["z"],
              inits=[tensor("c", 1.5)])


@model
def arith():
    # Sub, Mul and Div with broadcasting of the second operand.
    return mk([node("Sub", ["x", "y"], ["sub"]),
               node("Mul", ["x", "y"], ["mul"]),
               node("Div", ["y", "x"], ["div"])],
              [vi("x", [2, 3]), vi("y", [1, 3])], ["sub", "mul", "div"])


@model
def int_arith():
    # Integer elementwise ops keep their element type.
    return mk([node("Add", ["a", "b"], ["s"]),
               node("Div", ["s", "b"], ["d"])],
              [vi("a", [4], I32), vi("b", [], I32)], ["d"])


@model
def pow_int_exponent():
    # The int64 exponent (a graph input) is cast to the base's type.
    return mk([node("Pow", ["x", "e"], ["y"])],
              [vi("x", [2, 3]), vi("e", [3], I64)], ["y"])


@model
def pow_int_base_float_exponent():
    # int32 ^ float: raised in floating point, truncated back (4 ^ 0.5 = 2)
    return mk([node("Pow", ["x", "e"], ["y"])],
              [vi("x", [3], I32), vi("e", [], F)], ["y"])


@model
def pow_int_base_float_exponent_const():
    # The same with constants folds: [4, 9, 2] ^ 0.5 = [2, 3, 1]
    return mk([node("Pow", ["x", "e"], ["y"])], [], ["y"],
              inits=[tensor("x", [4, 9, 2], np.int32), tensor("e", 0.5)])


@model
def pow_const_exponent():
    # A constant int64 exponent is cast at import time (folded).
    return mk([node("Pow", ["x", "e"], ["y"])], [vi("x", [2, 3])], ["y"],
              inits=[ints("e", 2)])


@model
def variadic3():
    # Sum, Mean, Max and Min of three inputs that broadcast together.
    ins = ["a", "b", "c"]
    return mk([node("Sum", ins, ["sum"]), node("Mean", ins, ["mean"]),
               node("Max", ins, ["max"]), node("Min", ins, ["min"])],
              [vi("a", [2, 3]), vi("b", [3]), vi("c", [2, 1])],
              ["sum", "mean", "max", "min"])


@model
def variadic1():
    # One input: the op is the identity.
    return mk([node("Sum", ["a"], ["sum"]), node("Max", ["a"], ["max"])],
              [vi("a", [2, 3])], ["sum", "max"])


@model
def logic():
    return mk([node("And", ["p", "q"], ["and"]),
               node("Or", ["p", "q"], ["or"]),
               node("Xor", ["p", "q"], ["xor"]),
               node("Not", ["p"], ["not"])],
              [vi("p", [2, 3], BOOL), vi("q", [3], BOOL)],
              ["and", "or", "xor", "not"])


@model
def compare():
    return mk([node("Equal", ["x", "y"], ["eq"]),
               node("Less", ["x", "y"], ["lt"]),
               node("LessOrEqual", ["x", "y"], ["le"]),
               node("Greater", ["x", "y"], ["gt"]),
               node("GreaterOrEqual", ["x", "y"], ["ge"])],
              [vi("x", [2, 3]), vi("y", [2, 1])],
              ["eq", "lt", "le", "gt", "ge"])


@model
def compare_int():
    return mk([node("Equal", ["i", "j"], ["eq"])],
              [vi("i", [4], I64), vi("j", [], I64)], ["eq"])


@model
def where():
    # condition [2,1], x [2,3], y scalar -> [2,3]
    return mk([node("Where", ["c", "x", "y"], ["z"])],
              [vi("c", [2, 1], BOOL), vi("x", [2, 3]), vi("y", [])], ["z"])


@model
def unary_math():
    ops = ["Neg", "Abs", "Exp", "Log", "Sqrt", "Reciprocal", "Tanh", "Erf",
           "Sigmoid", "Relu"]
    return mk([node(op, ["x"], [op.lower()]) for op in ops],
              [vi("x", [2, 3])], [op.lower() for op in ops])


@model
def leaky_relu():
    return unary("LeakyRelu", alpha=0.25)


@model
def leaky_relu_default():
    return unary("LeakyRelu")


@model
def hard_sigmoid():
    return unary("HardSigmoid", alpha=0.5, beta=0.25)


@model
def hard_sigmoid_default():
    return unary("HardSigmoid")


@model
def hard_swish():
    return unary("HardSwish")


@model
def gelu_none():
    return unary("Gelu", opset=20)


@model
def gelu_tanh():
    return unary("Gelu", opset=20, approximate="tanh")


@model
def clip_min_max():
    return mk([node("Clip", ["x", "lo", "hi"], ["y"])], [vi("x", [2, 3])],
              ["y"], inits=[tensor("lo", -1.0), tensor("hi", 6.0)])


@model
def clip_max_only():
    # The min input is written as an empty name.
    return mk([node("Clip", ["x", "", "hi"], ["y"])], [vi("x", [2, 3])],
              ["y"], inits=[tensor("hi", 6.0)])


@model
def clip_min_only():
    return mk([node("Clip", ["x", "lo"], ["y"])], [vi("x", [2, 3])], ["y"],
              inits=[tensor("lo", 0.0)])


@model
def clip_none():
    return mk([node("Clip", ["x"], ["y"])], [vi("x", [2, 3])], ["y"])


@model
def clip_int():
    # Integer bounds for an int32 tensor.
    return mk([node("Clip", ["x", "lo", "hi"], ["y"])], [vi("x", [4], I32)],
              ["y"], inits=[tensor("lo", -5, np.int32),
                            tensor("hi", 5, np.int32)])


@model
def clip_min_above_max():
    # min > max: every element becomes max (numpy.clip, onnxruntime).
    return mk([node("Clip", ["x", "lo", "hi"], ["y"])], [vi("x", [4])], ["y"],
              inits=[tensor("lo", 2.0), tensor("hi", 1.0)])


@model
def clip_runtime_bound():
    # A bound fed at run time cannot become an attribute.
    return mk([node("Clip", ["x", "lo"], ["y"])],
              [vi("x", [4]), vi("lo", [])], ["y"])


@model
def cast():
    return mk([node("Cast", ["x"], ["h"], to=F16),
               node("Cast", ["x"], ["i"], to=I32),
               node("Cast", ["x"], ["b"], to=BOOL),
               node("Cast", ["x"], ["same"], to=F)],
              [vi("x", [2, 3])], ["h", "i", "b", "same"])


@model
def cast_like():
    return mk([node("CastLike", ["x", "t"], ["y"])],
              [vi("x", [2, 3], I64), vi("t", [1], F16)], ["y"])


@model
def identity():
    return mk([node("Identity", ["x"], ["y"]), node("Relu", ["y"], ["z"])],
              [vi("x", [2, 3])], ["y", "z"])


@model
def dropout_mask():
    # Inference: the data passes through and the mask is all true.
    return mk([node("Dropout", ["x", "ratio"], ["y", "mask"])],
              [vi("x", [2, 3])], ["y", "mask"],
              inits=[tensor("ratio", 0.5)])


@model
def dropout_training():
    return mk([node("Dropout", ["x", "ratio", "training"], ["y"])],
              [vi("x", [2, 3])], ["y"],
              inits=[tensor("ratio", 0.5), tensor("training", True, np.bool_)])


#===----------------------------------------------------------------------===#
# Linear algebra, convolution, pooling, normalization (ConvertNeuralNet.cpp)
#===----------------------------------------------------------------------===#

@model
def gemm_default():
    return mk([node("Gemm", ["a", "b"], ["y"])],
              [vi("a", [2, 3]), vi("b", [3, 4])], ["y"])


@model
def gemm_trans():
    # Y = 0.5 * A^T B^T + 2 * C with A [3,2], B [4,3], C [4].
    return mk([node("Gemm", ["a", "b", "c"], ["y"], transA=1, transB=1,
                    alpha=0.5, beta=2.0)],
              [vi("a", [3, 2]), vi("b", [4, 3]), vi("c", [4])], ["y"])


@model
def gemm_bias_default_beta():
    # C [2,1] broadcasts; alpha = beta = 1 add no multiplications.
    return mk([node("Gemm", ["a", "b", "c"], ["y"], transB=1)],
              [vi("a", [2, 3]), vi("b", [4, 3]), vi("c", [2, 1])], ["y"])


@model
def matmul_2d():
    return mk([node("MatMul", ["a", "b"], ["y"])],
              [vi("a", [2, 3]), vi("b", [3, 4])], ["y"])


@model
def matmul_vec_lhs():
    # [3] x [5,3,4] -> [5,4]
    return mk([node("MatMul", ["a", "b"], ["y"])],
              [vi("a", [3]), vi("b", [5, 3, 4])], ["y"])


@model
def matmul_vec_rhs():
    # [5,2,3] x [3] -> [5,2]
    return mk([node("MatMul", ["a", "b"], ["y"])],
              [vi("a", [5, 2, 3]), vi("b", [3])], ["y"])


@model
def matmul_vec_vec():
    # [3] x [3] -> scalar
    return mk([node("MatMul", ["a", "b"], ["y"])],
              [vi("a", [3]), vi("b", [3])], ["y"])


@model
def matmul_batched():
    # [2,1,3,4] x [5,4,6] -> [2,5,3,6]
    return mk([node("MatMul", ["a", "b"], ["y"])],
              [vi("a", [2, 1, 3, 4]), vi("b", [5, 4, 6])], ["y"])


def conv(x_shape, w_shape, bias=True, inits=(), **attrs):
    inputs = ["x", "w"] + (["b"] if bias else [])
    vis = [vi("x", x_shape), vi("w", w_shape)]
    if bias:
        vis.append(vi("b", [w_shape[0]]))
    return mk([node("Conv", inputs, ["y"], **attrs)], vis, ["y"],
              inits=inits)


@model
def conv_basic():
    # pads [1,1,1,1], strides 2: 8x8 -> 4x4
    return conv([1, 3, 8, 8], [4, 3, 3, 3], pads=[1, 1, 1, 1],
                strides=[2, 2], kernel_shape=[3, 3])


@model
def conv_asym_pads():
    # pads [top=0, left=1, bottom=2, right=3]; no bias
    return conv([1, 2, 5, 5], [3, 2, 3, 3], bias=False, pads=[0, 1, 2, 3])


@model
def conv_group_dilation():
    # group 2, dilations [2,1]: weight [4, 4/2, 3, 3]; H: 9-2*2=5, W: 9-2=7
    return conv([1, 4, 9, 9], [4, 2, 3, 3], group=2, dilations=[2, 1])


@model
def conv_depthwise_weights():
    # Depthwise with the weight and bias as initializers (dense_resource).
    w = np.arange(8 * 1 * 3 * 3, dtype=np.float32).reshape(8, 1, 3, 3)
    b = np.arange(8, dtype=np.float32)
    return mk([node("Conv", ["x", "w", "b"], ["y"], group=8,
                    pads=[1, 1, 1, 1])],
              [vi("x", [1, 8, 6, 6])], ["y"],
              inits=[tensor("w", w), tensor("b", b)])


@model
def conv_same_upper():
    # in 7, stride 2, kernel 4: out 4, total pad (4-1)*2+4-7 = 3 -> 1 | 2
    return conv([1, 1, 7, 7], [1, 1, 4, 4], bias=False, auto_pad="SAME_UPPER",
                strides=[2, 2])


@model
def conv_same_lower():
    # As conv_same_upper, the odd pad at the beginning: 2 | 1
    return conv([1, 1, 7, 7], [1, 1, 4, 4], bias=False, auto_pad="SAME_LOWER",
                strides=[2, 2])


@model
def conv_valid():
    # VALID: no padding, whatever pads says is not used (not given here).
    return conv([1, 1, 7, 5], [2, 1, 3, 3], bias=False, auto_pad="VALID",
                strides=[2, 1])


@model
def conv_1d():
    # [1,2,10] * [4,2,3], pads [1,2], stride 2: (10+3-3)/2+1 = 6
    return conv([1, 2, 10], [4, 2, 3], pads=[1, 2], strides=[2])


@model
def maxpool_basic():
    # kernel 3, stride 2, pads 1: 9 -> 5
    return mk([node("MaxPool", ["x"], ["y"], kernel_shape=[3, 3],
                    strides=[2, 2], pads=[1, 1, 1, 1])],
              [vi("x", [1, 2, 9, 9])], ["y"])


@model
def maxpool_ceil():
    # kernel 2, stride 2 on 5: floor 2, ceil 3
    return mk([node("MaxPool", ["x"], ["y"], kernel_shape=[2, 2],
                    strides=[2, 2], ceil_mode=1)],
              [vi("x", [1, 1, 5, 5])], ["y"])


@model
def maxpool_dilations():
    # kernel 2, dilation 2: extent 3, 6 -> 4
    return mk([node("MaxPool", ["x"], ["y"], kernel_shape=[2, 2],
                    dilations=[2, 2])],
              [vi("x", [1, 1, 6, 6])], ["y"])


@model
def maxpool_1d():
    # kernel 3, stride 1, pads [1,1] on length 8 -> 8
    return mk([node("MaxPool", ["x"], ["y"], kernel_shape=[3], pads=[1, 1])],
              [vi("x", [2, 3, 8])], ["y"])


@model
def maxpool_same_upper():
    # in 5, stride 2, kernel 2: out 3, total 1 -> 0 | 1
    return mk([node("MaxPool", ["x"], ["y"], kernel_shape=[2, 2],
                    strides=[2, 2], auto_pad="SAME_UPPER")],
              [vi("x", [1, 1, 5, 5])], ["y"])


@model
def avgpool_count_include_pad():
    return mk([node("AveragePool", ["x"], ["y"], kernel_shape=[3, 3],
                    pads=[1, 1, 1, 1], count_include_pad=1)],
              [vi("x", [1, 2, 4, 4])], ["y"])


@model
def avgpool_ceil():
    # kernel 3 stride 2 on 6: floor 2, ceil 3 (the third window starts at
    # 4, inside the input)
    return mk([node("AveragePool", ["x"], ["y"], kernel_shape=[3, 3],
                    strides=[2, 2], ceil_mode=1)],
              [vi("x", [1, 1, 6, 6])], ["y"])


@model
def avgpool_1d():
    # kernel 2, stride 2 on 7 -> 3
    return mk([node("AveragePool", ["x"], ["y"], kernel_shape=[2],
                    strides=[2])],
              [vi("x", [1, 3, 7])], ["y"])


@model
def avgpool_dilations_opset19():
    # Opset 19 added dilations to AveragePool: kernel 2, dilation 3, 8 -> 5
    return mk([node("AveragePool", ["x"], ["y"], kernel_shape=[2, 2],
                    dilations=[3, 3])],
              [vi("x", [1, 1, 8, 8])], ["y"], opset=19)


@model
def global_avg_pool():
    return mk([node("GlobalAveragePool", ["x"], ["y"])],
              [vi("x", [2, 3, 5, 7])], ["y"])


@model
def global_max_pool_1d():
    # [N, C, L] is a reduction over L
    return mk([node("GlobalMaxPool", ["x"], ["y"])], [vi("x", [2, 3, 5])],
              ["y"])


@model
def global_avg_pool_3d():
    # [N, C, D, H, W] is a reduction over D, H, W
    return mk([node("GlobalAveragePool", ["x"], ["y"])],
              [vi("x", [1, 2, 3, 4, 5])], ["y"])


@model
def batchnorm():
    return mk([node("BatchNormalization",
                    ["x", "scale", "bias", "mean", "var"], ["y"],
                    epsilon=1e-3)],
              [vi("x", [2, 3, 4, 4]), vi("scale", [3]), vi("bias", [3]),
               vi("mean", [3]), vi("var", [3])], ["y"])


@model
def layernorm_default():
    return mk([node("LayerNormalization", ["x", "s", "b"], ["y"])],
              [vi("x", [2, 3, 8]), vi("s", [8]), vi("b", [8])], ["y"],
              opset=17)


@model
def layernorm_axis_stats():
    # axis -2 of [2,3,4]: normalized shape [3,4]; the scale [4] broadcasts
    # to it; Mean and InvStdDev are [2,1,1].
    return mk([node("LayerNormalization", ["x", "s"], ["y", "mean", "inv"],
                    axis=-2, epsilon=1e-3)],
              [vi("x", [2, 3, 4]), vi("s", [4])], ["y", "mean", "inv"],
              opset=17)


@model
def layernorm_f16_stats():
    # f16 data: the statistics are computed and returned in the stash type
    # (f32, the default); only InvStdDev is used.
    return mk([node("LayerNormalization", ["x", "s", "b"], ["y", "", "inv"])],
              [vi("x", [2, 4], F16), vi("s", [4], F16), vi("b", [4], F16)],
              ["y", "inv"], opset=17)


@model
def softmax_neg_axis():
    return mk([node("Softmax", ["x"], ["y"], axis=-2)],
              [vi("x", [2, 3, 4])], ["y"])


@model
def softmax_default():
    return unary("Softmax", shape=(2, 3, 4))


@model
def reducesum_axes():
    # axes input [-1, 0], keepdims 0 -> reduce over [0, 2]
    return mk([node("ReduceSum", ["x", "axes"], ["y"], keepdims=0)],
              [vi("x", [2, 3, 4])], ["y"], inits=[ints("axes", [-1, 0])])


@model
def reducesum_no_axes():
    # No axes input: every axis, kept as 1
    return mk([node("ReduceSum", ["x"], ["y"])], [vi("x", [2, 3, 4])], ["y"])


@model
def reducesum_empty_axes():
    # An empty axes input also means every axis
    return mk([node("ReduceSum", ["x", "axes"], ["y"], keepdims=0)],
              [vi("x", [2, 3])], ["y"], inits=[ints("axes", np.zeros(0))])


@model
def reducesum_noop():
    # noop_with_empty_axes: the input itself
    return mk([node("ReduceSum", ["x", "axes"], ["y"],
                    noop_with_empty_axes=1)],
              [vi("x", [2, 3])], ["y"], inits=[ints("axes", np.zeros(0))])


@model
def reducemean_opset17():
    # Before opset 18 the axes are an attribute
    return mk([node("ReduceMean", ["x"], ["y"], axes=[-1, 1])],
              [vi("x", [2, 3, 4])], ["y"], opset=17)


@model
def reducemean_opset18():
    # From opset 18 the axes are an input
    return mk([node("ReduceMean", ["x", "axes"], ["y"], keepdims=0)],
              [vi("x", [2, 3, 4])], ["y"], inits=[ints("axes", [1])])


@model
def reducemax_min():
    return mk([node("ReduceMax", ["x", "axes"], ["max"]),
               node("ReduceMin", ["x"], ["min"], keepdims=0)],
              [vi("x", [2, 3, 4])], ["max", "min"],
              inits=[ints("axes", [-2])])


@model
def flatten():
    return mk([node("Flatten", ["x"], ["f2"], axis=2),
               node("Flatten", ["x"], ["f0"], axis=0),
               node("Flatten", ["x"], ["fneg"], axis=-1),
               node("Flatten", ["x"], ["fdefault"])],
              [vi("x", [2, 3, 4, 5])], ["f2", "f0", "fneg", "fdefault"])


#===----------------------------------------------------------------------===#
# Constants, shapes, data movement (ConvertShape.cpp)
#===----------------------------------------------------------------------===#

@model
def constant_value():
    t = tensor("t", [[1, 2, 3], [4, 5, 6]], np.int32)
    return mk([node("Constant", [], ["c"], value=t)], [], ["c"])


@model
def constant_scalars():
    return mk([node("Constant", [], ["f"], value_float=2.5),
               node("Constant", [], ["fs"], value_floats=[1.0, -2.0]),
               node("Constant", [], ["i"], value_int=-7),
               node("Constant", [], ["is"], value_ints=[3, 4, 5])],
              [], ["f", "fs", "i", "is"])


@model
def constant_large():
    # More than 64 elements: a dense_resource blob named after the node.
    t = tensor("t", np.arange(100), np.float32)
    return mk([node("Constant", [], ["c"], name="big_const", value=t),
               node("Add", ["x", "c"], ["y"])],
              [vi("x", [100])], ["y"])


@model
def shape_start_end():
    return mk([node("Shape", ["x"], ["all"]),
               node("Shape", ["x"], ["mid"], start=1, end=-1),
               node("Shape", ["x"], ["tail"], start=-2),
               node("Shape", ["x"], ["clamped"], start=-10, end=10),
               node("Shape", ["x"], ["empty"], start=3, end=1)],
              [vi("x", [2, 3, 4, 5])],
              ["all", "mid", "tail", "clamped", "empty"])


@model
def size():
    return mk([node("Size", ["x"], ["n"])], [vi("x", [2, 3, 4])], ["n"])


@model
def shape_subgraph():
    # The pattern exporters emit: x.reshape(x.shape[0], -1) computed with
    # Shape -> Gather -> Unsqueeze -> Concat -> Reshape.
    return mk([node("Shape", ["x"], ["s"]),
               node("Gather", ["s", "zero"], ["n"], axis=0),
               node("Unsqueeze", ["n", "axes0"], ["n1"]),
               node("Concat", ["n1", "minus1"], ["shape"], axis=0),
               node("Reshape", ["x", "shape"], ["y"])],
              [vi("x", [2, 3, 4])], ["y"],
              inits=[ints("zero", 0), ints("axes0", [0]),
                     ints("minus1", [-1])])


@model
def shape_subgraph_attention():
    # Multi-head attention's shape arithmetic on x [2,8,16]:
    #   Reshape(x, Concat(Shape(x)[0:2], [4, 4]))       -> [2,8,4,4]
    #   Div by Sqrt(Cast(Shape(x)[2] / 4)) = sqrt(4) = 2
    #   plus Expand(bias [4], Shape(reshaped))
    return mk([node("Shape", ["x"], ["s"]),
               node("Slice", ["s", "zero1", "two1"], ["bs"]),
               node("Concat", ["bs", "heads"], ["shape"], axis=0),
               node("Reshape", ["x", "shape"], ["r"]),
               node("Gather", ["s", "two"], ["d"], axis=0),
               node("Div", ["d", "four"], ["h"]),
               node("Cast", ["h"], ["hf"], to=F),
               node("Sqrt", ["hf"], ["sq"]),
               node("Div", ["r", "sq"], ["scaled"]),
               node("Shape", ["r"], ["rs"]),
               node("Expand", ["bias", "rs"], ["b"]),
               node("Add", ["scaled", "b"], ["y"])],
              [vi("x", [2, 8, 16]), vi("bias", [4])], ["y"],
              inits=[ints("zero1", [0]), ints("two1", [2]),
                     ints("heads", [4, 4]), ints("two", 2), ints("four", 4)])


@model
def constant_of_shape():
    value = tensor("v", [7], np.int64)
    return mk([node("Shape", ["x"], ["s"]),
               node("ConstantOfShape", ["s"], ["ones"], value=value),
               node("ConstantOfShape", ["s"], ["zeros"]),
               node("Add", ["x", "zeros"], ["y"])],
              [vi("x", [2, 3])], ["ones", "y"])


@model
def constant_of_shape_scalar():
    # An empty shape gives a scalar.
    return mk([node("ConstantOfShape", ["s"], ["c"],
                    value=tensor("v", [1.5]))],
              [], ["c"], inits=[ints("s", np.zeros(0))])


@model
def range_int():
    # range(10, 1, -3) = [10, 7, 4]
    return mk([node("Range", ["a", "b", "d"], ["r"])], [], ["r"],
              inits=[ints("a", 10), ints("b", 1), ints("d", -3)])


@model
def range_int_extremes():
    # Exact at the ends of int64: [max - 2, max - 1], and an empty range
    big = 2 ** 63 - 1
    return mk([node("Range", ["a", "b", "d"], ["r"]),
               node("Range", ["b", "b", "d"], ["e"])], [], ["r", "e"],
              inits=[ints("a", big - 2), ints("b", big), ints("d", 1)])


@model
def range_float():
    # range(0.5, 2.0, 0.5) = [0.5, 1.0, 1.5]
    return mk([node("Range", ["a", "b", "d"], ["r"]),
               node("Add", ["x", "r"], ["y"])],
              [vi("x", [2, 3])], ["y"],
              inits=[tensor("a", 0.5), tensor("b", 2.0), tensor("d", 0.5)])


@model
def range_empty():
    # start beyond limit with a positive delta: no elements
    return mk([node("Range", ["a", "b", "d"], ["r"])], [], ["r"],
              inits=[ints("a", 5), ints("b", 1), ints("d", 1)])


@model
def reshape_zero_neg1():
    # [0, -1, 2] of [2,3,4]: 0 copies 2, -1 is 24/(2*2) = 6
    return mk([node("Reshape", ["x", "s"], ["y"])], [vi("x", [2, 3, 4])],
              ["y"], inits=[ints("s", [0, -1, 2])])


@model
def reshape_allowzero():
    # allowzero: 0 is a zero-sized dimension, [3,0] of a [0,3] tensor
    return mk([node("Reshape", ["x", "s"], ["y"], allowzero=1)],
              [vi("x", [0, 3])], ["y"], inits=[ints("s", [3, 0])])


@model
def unsqueeze():
    # axes [0, -1] on [3,4] -> [1,3,4,1]
    return mk([node("Unsqueeze", ["x", "axes"], ["y"])], [vi("x", [3, 4])],
              ["y"], inits=[ints("axes", [0, -1])])


@model
def squeeze_axes():
    return mk([node("Squeeze", ["x", "axes"], ["y"])],
              [vi("x", [1, 3, 1, 4, 1])], ["y"], inits=[ints("axes", [-1, 0])])


@model
def squeeze_all():
    return mk([node("Squeeze", ["x"], ["y"])], [vi("x", [1, 3, 1, 4, 1])],
              ["y"])


@model
def expand_bidirectional():
    # [3,1] expanded by [2,1,4]: -> [2,3,4] (the 1 of the shape keeps 3)
    return mk([node("Expand", ["x", "s"], ["y"])], [vi("x", [3, 1])], ["y"],
              inits=[ints("s", [2, 1, 4])])


@model
def concat():
    return mk([node("Concat", ["a", "b", "c"], ["y"], axis=-1)],
              [vi("a", [2, 1]), vi("b", [2, 3]), vi("c", [2, 2])], ["y"])


@model
def split_input():
    return mk([node("Split", ["x", "split"], ["a", "b"], axis=1)],
              [vi("x", [2, 6])], ["a", "b"], inits=[ints("split", [2, 4])])


@model
def split_num_outputs():
    # Opset 18: num_outputs 3 on 7 -> [3, 3, 1]
    return mk([node("Split", ["x"], ["a", "b", "c"], axis=-1,
                    num_outputs=3)],
              [vi("x", [2, 7])], ["a", "b", "c"])


@model
def split_equal_opset13():
    # Opset 13: no split input, equal pieces by output count
    return mk([node("Split", ["x"], ["a", "b", "c"])], [vi("x", [6, 2])],
              ["a", "b", "c"], opset=13)


@model
def slice_negative():
    # x[-3:-1] along axis 0 of [5,4]
    return mk([node("Slice", ["x", "st", "en"], ["y"])], [vi("x", [5, 4])],
              ["y"], inits=[ints("st", [-3]), ints("en", [-1])])


@model
def slice_clamp():
    # starts -100 and ends 2^62 clamp to the dimension
    return mk([node("Slice", ["x", "st", "en", "ax"], ["y"])],
              [vi("x", [5, 4])], ["y"],
              inits=[ints("st", [-100, 1]), ints("en", [2 ** 62, 1000]),
                     ints("ax", [0, 1])])


@model
def slice_axes_subset():
    # Only axis -1 (2) sliced, step 2: [1:4:2] of 5 -> 2
    return mk([node("Slice", ["x", "st", "en", "ax", "sp"], ["y"])],
              [vi("x", [2, 3, 5])], ["y"],
              inits=[ints("st", [1]), ints("en", [4]), ints("ax", [-1]),
                     ints("sp", [2])])


@model
def slice_negative_steps():
    # x[::-1] on axis 0 (start INT_MAX, end INT_MIN) and x[3:0:-2] on axis 1
    big = 2 ** 63 - 1
    return mk([node("Slice", ["x", "st", "en", "ax", "sp"], ["y"])],
              [vi("x", [4, 5])], ["y"],
              inits=[ints("st", [big, 3]), ints("en", [-big - 1, 0]),
                     ints("ax", [0, 1]), ints("sp", [-1, -2])])


@model
def transpose_default():
    return mk([node("Transpose", ["x"], ["y"])], [vi("x", [2, 3, 4])], ["y"])


@model
def transpose_perm():
    return mk([node("Transpose", ["x"], ["y"], perm=[1, 2, 0])],
              [vi("x", [2, 3, 4])], ["y"])


@model
def gather_negative_axis():
    # axis -1 of [2,3,4] with indices [2,2] -> [2,3,2,2]
    return mk([node("Gather", ["x", "i"], ["y"], axis=-1)],
              [vi("x", [2, 3, 4]), vi("i", [2, 2], I64)], ["y"])


@model
def gather_scalar_index():
    # A scalar index removes the axis: [2,3,4] axis 1 -> [2,4]
    return mk([node("Gather", ["x", "i"], ["y"], axis=1)],
              [vi("x", [2, 3, 4])], ["y"], inits=[ints("i", -1)])


@model
def gather_constant():
    # Constant data and indices fold, negative index included.
    return mk([node("Gather", ["d", "i"], ["y"])], [], ["y"],
              inits=[tensor("d", [10, 20, 30], np.int64),
                     ints("i", [-1, 0])])


@model
def pad_constant():
    # pads [1, 0, 2, 3] of [2,3]: low [1,0], high [2,3]; value 1.5
    return mk([node("Pad", ["x", "p", "v"], ["y"])], [vi("x", [2, 3])], ["y"],
              inits=[ints("p", [1, 0, 2, 3]), tensor("v", 1.5)])


@model
def pad_reflect():
    return mk([node("Pad", ["x", "p"], ["y"], mode="reflect")],
              [vi("x", [3, 4])], ["y"], inits=[ints("p", [0, 2, 1, 3])])


@model
def pad_edge():
    return mk([node("Pad", ["x", "p"], ["y"], mode="edge")],
              [vi("x", [3, 4])], ["y"], inits=[ints("p", [2, 0, 0, 1])])


@model
def pad_negative():
    # pads [-1, 1, 0, -2]: crop one row at the top, two columns at the
    # right, then pad one column at the left: [4,5] -> [3,4]
    return mk([node("Pad", ["x", "p"], ["y"])], [vi("x", [4, 5])], ["y"],
              inits=[ints("p", [-1, 1, 0, -2])])


@model
def pad_axes():
    # Opset 18: pads for axes [-1] only: [2,3,4] -> [2,3,7]
    return mk([node("Pad", ["x", "p", "", "ax"], ["y"])],
              [vi("x", [2, 3, 4])], ["y"],
              inits=[ints("p", [1, 2]), ints("ax", [-1])])


@model
def pad_opset13():
    # Opset 13: pads and constant_value inputs, no axes
    return mk([node("Pad", ["x", "p"], ["y"])], [vi("x", [2, 3])], ["y"],
              inits=[ints("p", [0, 1, 0, 1])], opset=13)


@model
def trilu_upper():
    return mk([node("Trilu", ["x"], ["y"])], [vi("x", [2, 3, 4])], ["y"])


@model
def trilu_lower_k():
    # lower, k = -1: keep j - i <= -1 (strictly below the diagonal)
    return mk([node("Trilu", ["x", "k"], ["y"], upper=0)],
              [vi("x", [3, 4])], ["y"], inits=[ints("k", -1)])


@model
def trilu_constant():
    # Folds: upper, k = 1, of a 3x3 of ones
    return mk([node("Trilu", ["x", "k"], ["y"])], [], ["y"],
              inits=[tensor("x", np.ones((3, 3))), ints("k", 1)])


@model
def locations():
    # Named and unnamed nodes: locations name the node and its op type; an
    # initializer's names the initializer.
    return mk([helper.make_node("Relu", ["x"], ["r"], name="act/relu"),
               helper.make_node("Neg", ["r"], ["n"]),
               helper.make_node("Add", ["n", "bias"], ["y"], name="add")],
              [vi("x", [2])], ["y"], inits=[tensor("bias", [1.0, 2.0])])


@model
def locations_outputs():
    # Output names: a node with two outputs (one op, two results), and an
    # Identity whose output is the value another node made.
    return mk([node("Split", ["x", "sizes"], ["lo", "hi"], name="split",
                    axis=0),
               node("Identity", ["hi"], ["same"], name="id")],
              [vi("x", [4])], ["lo", "same"], inits=[ints("sizes", [1, 3])])


#===----------------------------------------------------------------------===#
# Malformed and unsupported models (errors.mlir)
#===----------------------------------------------------------------------===#

@model
def bad_garbage():
    # 256 bytes that are not a protobuf (fixed seed: the same bytes always).
    rng = random.Random(1234)
    return bytes([0xff, 0xff, 0xff, 0xff]) + bytes(
        rng.randrange(256) for _ in range(252))


@model
def bad_dangling_input():
    return mk([node("Relu", ["nowhere"], ["y"], name="relu0")],
              [vi("x", [2])], ["y"], infer=False)


@model
def bad_use_before_def():
    # Nodes out of order: 'r' is used before the node that makes it.
    return mk([node("Neg", ["r"], ["y"], name="neg0"),
               node("Relu", ["x"], ["r"], name="relu0")],
              [vi("x", [2])], ["y"], infer=False)


@model
def bad_attr_type():
    return mk([node("Softmax", ["x"], ["y"], name="sm",
                    axis=1.0)], [vi("x", [2, 3])], ["y"], infer=False)


@model
def bad_attr_missing():
    # Concat requires axis.
    return mk([node("Concat", ["x", "x"], ["y"], name="cat")],
              [vi("x", [2, 3])], ["y"], infer=False)


@model
def bad_cast_no_to():
    return mk([node("Cast", ["x"], ["y"], name="cast0")], [vi("x", [2])],
              ["y"], infer=False)


@model
def bad_defined_twice():
    return mk([node("Relu", ["x"], ["y"], name="first"),
               node("Neg", ["x"], ["y"], name="second")],
              [vi("x", [2])], ["y"], infer=False)


@model
def bad_input_twice():
    return mk([node("Relu", ["x"], ["y"])], [vi("x", [2]), vi("x", [2])],
              ["y"], infer=False)


@model
def bad_raw_data_size():
    w = tensor("w", np.zeros((2, 3)))
    w.raw_data = w.raw_data[:20]  # 20 bytes for 6 floats (24)
    return mk([node("Add", ["x", "w"], ["y"])], [vi("x", [2, 3])], ["y"],
              inits=[w], infer=False)


@model
def bad_typed_data_size():
    w = helper.make_tensor("w", F, [2, 3], [1.0, 2.0, 3.0])
    return mk([node("Add", ["x", "w"], ["y"])], [vi("x", [2, 3])], ["y"],
              inits=[w], infer=False)


@model
def bad_absurd_initializer():
    w = raw_tensor("w", [2 ** 40, 2 ** 40], b"")
    return mk([node("Add", ["x", "w"], ["y"])], [vi("x", [2])], ["y"],
              inits=[w], infer=False)


@model
def bad_absurd_input():
    return mk([node("Relu", ["x"], ["y"])], [vi("x", [2 ** 40, 2 ** 40])],
              ["y"], infer=False)


@model
def bad_negative_dim_input():
    return mk([node("Relu", ["x"], ["y"])], [vi("x", [2, -3])], ["y"],
              infer=False)


@model
def bad_negative_dim_initializer():
    w = raw_tensor("w", [2, -3], b"")
    return mk([node("Add", ["x", "w"], ["y"])], [vi("x", [2])], ["y"],
              inits=[w], infer=False)


@model
def symbolic_input():
    # batch and seq are symbolic; --input-shape fixes them.
    return mk([node("Relu", ["x"], ["y"])], [vi("x", ["batch", "seq", 8])],
              ["y"], infer=False)


@model
def bad_no_shape_input():
    x = helper.make_value_info(
        "x", helper.make_tensor_type_proto(F, shape=None))
    return mk([node("Relu", ["x"], ["y"])], [x], ["y"], infer=False)


@model
def bad_opset12():
    return unary("Relu", opset=12)


@model
def bad_opset25():
    return mk([node("Relu", ["x"], ["y"])], [vi("x", [2])], ["y"], opset=25,
              infer=False)


@model
def bad_no_default_domain():
    return mk([node("Relu", ["x"], ["y"])], [vi("x", [2])], ["y"],
              opsets=[helper.make_opsetid("com.microsoft", 1)], infer=False)


@model
def bad_other_domain():
    n = helper.make_node("FusedMatMul", ["x", "x"], ["y"], name="fused",
                         domain="com.microsoft")
    return mk([n], [vi("x", [2, 2])], ["y"], infer=False,
              opsets=[helper.make_opsetid("", 18),
                      helper.make_opsetid("com.microsoft", 1)])


@model
def bad_unsupported_ops():
    # Two unsupported op types in several nodes (and a supported one).
    nodes = [node("TopK", ["x", "k"], ["v1", "i1"], name="topk_a"),
             node("Relu", ["x"], ["r"]),
             node("NonMaxSuppression", ["boxes", "scores"], ["sel1"],
                  name="nms_a"),
             node("TopK", ["r", "k"], ["v2", "i2"], name="topk_b"),
             node("NonMaxSuppression", ["boxes", "scores"], ["sel2"],
                  name="nms_b"),
             helper.make_node("TopK", ["x", "k"], ["v3", "i3"])]
    return mk(nodes, [vi("x", [4, 5]), vi("boxes", [1, 3, 4]),
                      vi("scores", [1, 1, 3])],
              ["v1", "v2", "v3", "sel1", "sel2"], inits=[ints("k", [2])],
              infer=False)


@model
def bad_many_unsupported():
    # Seven unnamed nodes of one unsupported type: five are listed.
    nodes = [helper.make_node("Sin", ["x" if i == 0 else f"s{i - 1}"],
                              [f"s{i}"]) for i in range(7)]
    return mk(nodes, [vi("x", [2])], ["s6"], infer=False)


@model
def bad_pad_wrap():
    # Opset 19's wrap mode is not supported.
    return mk([node("Pad", ["x", "p"], ["y"], name="pad0", mode="wrap")],
              [vi("x", [2, 3])], ["y"], inits=[ints("p", [0, 1, 0, 1])],
              opset=19, infer=False)


@model
def bad_split_num_outputs():
    # num_outputs must be the number of outputs.
    return mk([node("Split", ["x"], ["a", "b"], name="split0",
                    num_outputs=2 ** 62)],
              [vi("x", [6])], ["a", "b"], infer=False)


@model
def bad_window_overflow():
    # SAME padding of a kernel that spans 2^64 elements overflows int64.
    return mk([node("MaxPool", ["x"], ["y"], name="pool0",
                    kernel_shape=[2 ** 62, 1], dilations=[4, 1],
                    auto_pad="SAME_UPPER")],
              [vi("x", [1, 1, 4, 4])], ["y"], infer=False)


@model
def bad_absurd_result():
    # Inputs of 2^40 elements each whose broadcast has 2^80.
    return mk([node("Add", ["x", "y"], ["z"], name="add0"),
               node("Size", ["z"], ["n"])],
              [vi("x", [2 ** 40, 1]), vi("y", [1, 2 ** 40])], ["n"],
              infer=False)


@model
def bad_ops_before_their_opset():
    # At opset 13: Trilu is from 14, CastLike from 15, LayerNormalization
    # from 17, Gelu from 20.
    return mk([node("Trilu", ["x"], ["t"], name="trilu0"),
               node("CastLike", ["t", "x"], ["c"], name="castlike0"),
               node("LayerNormalization", ["c", "s"], ["l"], name="ln0"),
               node("Gelu", ["l"], ["y"], name="gelu0")],
              [vi("x", [2, 2]), vi("s", [2])], ["y"], opset=13, infer=False)


@model
def bad_gelu_opset18():
    # Gelu is an opset-20 op.
    return mk([node("Gelu", ["x"], ["y"], name="gelu0")], [vi("x", [2])],
              ["y"], infer=False)


@model
def bad_broadcast():
    return mk([node("Add", ["x", "y"], ["z"], name="add_mismatch")],
              [vi("x", [2, 3]), vi("y", [4])], ["z"], infer=False)


@model
def bad_reshape_runtime_shape():
    return mk([node("Reshape", ["x", "s"], ["y"], name="reshape0")],
              [vi("x", [2, 3]), vi("s", [2], I64)], ["y"], infer=False)


@model
def bad_output_not_produced():
    return mk([node("Relu", ["x"], ["y"])], [vi("x", [2])],
              [vi("y", [2]), vi("ghost", [2])], infer=False)


@model
def bad_maxpool_indices():
    # The Indices output of MaxPool is not supported.
    return mk([node("MaxPool", ["x"], ["y", "idx"], name="pool",
                    kernel_shape=[2, 2])],
              [vi("x", [1, 1, 4, 4])], ["y", "idx"], infer=False)


@model
def bad_conv3d():
    return mk([node("Conv", ["x", "w"], ["y"], name="conv3d")],
              [vi("x", [1, 1, 4, 4, 4]), vi("w", [1, 1, 2, 2, 2])], ["y"],
              infer=False)


@model
def bad_auto_pad():
    return mk([node("Conv", ["x", "w"], ["y"], name="conv0",
                    auto_pad="SAME_MIDDLE")],
              [vi("x", [1, 1, 4, 4]), vi("w", [1, 1, 2, 2])], ["y"],
              infer=False)


@model
def bad_axis_range():
    return mk([node("Softmax", ["x"], ["y"], name="sm", axis=3)],
              [vi("x", [2, 3])], ["y"], infer=False)


@model
def bad_string_input():
    return mk([node("Identity", ["x"], ["y"])],
              [vi("x", [2], TensorProto.STRING)], ["y"], infer=False)


@model
def bad_reshape_count():
    return mk([node("Reshape", ["x", "s"], ["y"], name="reshape0")],
              [vi("x", [2, 3])], ["y"], inits=[ints("s", [4, -1])],
              infer=False)


@model
def bad_range_huge():
    # 2^40 elements: refused, not built.
    return mk([node("Range", ["a", "b", "d"], ["r"], name="range0")], [],
              ["r"], inits=[ints("a", 0), ints("b", 2 ** 40), ints("d", 1)],
              infer=False)


@model
def bad_split_sizes():
    return mk([node("Split", ["x", "split"], ["a", "b"], name="split0")],
              [vi("x", [6])], ["a", "b"], inits=[ints("split", [2, 3])],
              infer=False)


#===----------------------------------------------------------------------===#
# External data (external-data.mlir)
#===----------------------------------------------------------------------===#

W_VALUES = np.arange(1, 7, dtype=np.float32).reshape(2, 3)
B_VALUES = np.array([10, 20, 30], dtype=np.float32)


def external(name, dims, location, offset, length):
    t = TensorProto()
    t.name = name
    t.data_type = F
    t.dims.extend(dims)
    t.data_location = TensorProto.EXTERNAL
    for key, value in (("location", location), ("offset", offset),
                       ("length", length)):
        if value is not None and value != "none":
            entry = t.external_data.add()
            entry.key = key
            entry.value = str(value)
    return t


def ext_weights(out, location, offset, length):
    directory = os.path.dirname(os.path.abspath(out))
    with open(os.path.join(directory, "weights.bin"), "wb") as f:
        f.write(b"\0" * 16 + W_VALUES.tobytes() + B_VALUES.tobytes())
    w = external("W", [2, 3], location, offset, length)
    b = external("B", [3], "weights.bin", 40, 12)
    return mk([node("MatMul", ["x", "W"], ["xw"]),
               node("Add", ["xw", "B"], ["y"])],
              [vi("x", [1, 2])], ["y"], inits=[w, b], infer=False)


#===----------------------------------------------------------------------===#
# Command line
#===----------------------------------------------------------------------===#

def verify(name):
    """Checks a model with the ONNX checker and runs it in onnxruntime (or,
    where onnxruntime refuses it, the ONNX reference evaluator), printing
    each output's shape and type (a developer aid for writing the CHECK
    lines)."""
    import onnxruntime as ort
    from onnx.reference import ReferenceEvaluator
    m = MODELS[name]()
    onnx.checker.check_model(m, full_check=True)
    rng = np.random.default_rng(0)
    feeds = {}
    for i in m.graph.input:
        t = i.type.tensor_type
        shape = [d.dim_value for d in t.shape.dim]
        dtype = helper.tensor_dtype_to_np_dtype(t.elem_type)
        feeds[i.name] = np.asarray(rng.standard_normal(shape) * 3).astype(dtype)
    names = [o.name for o in m.graph.output]
    try:
        session = ort.InferenceSession(m.SerializeToString(),
                                       providers=["CPUExecutionProvider"])
        values, by = session.run(None, feeds), "onnxruntime"
    except Exception as e:  # noqa: BLE001
        values = ReferenceEvaluator(m).run(None, feeds)
        by = f"reference evaluator ({str(e).splitlines()[0][:80]}...)"
    print(f"{name}: by {by}")
    for o, value in zip(names, values):
        value = np.asarray(value)
        print(f"  {o}: {list(value.shape)} {value.dtype}"
              + (f" = {value.tolist()}" if value.size <= 12 else ""))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", nargs="?")
    parser.add_argument("out", nargs="?")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--verify", nargs="+", metavar="NAME")
    parser.add_argument("--location", default="weights.bin")
    parser.add_argument("--offset", default="16")
    parser.add_argument("--length", default="24")
    args = parser.parse_args()
    if args.list:
        print("\n".join(["ext_weights"] + sorted(MODELS)))
        return 0
    if args.verify:
        for name in args.verify:
            verify(name)
        return 0
    if not args.name or not args.out:
        parser.error("expects NAME OUT.onnx (or --list)")
    if args.name == "ext_weights":
        m = ext_weights(args.out, args.location, args.offset, args.length)
    elif args.name in MODELS:
        m = MODELS[args.name]()
    else:
        parser.error(f"unknown model '{args.name}' (see --list)")
    data = m if isinstance(m, bytes) else m.SerializeToString()
    with open(args.out, "wb") as f:
        f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
