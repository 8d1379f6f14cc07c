"""Small single-purpose models for the importer's lit tests."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

try:
    from . import _graph as G
except ImportError:  # run as a script from this directory
    import _graph as G


@dataclass(frozen=True)
class ShapeChainConfig:
    batch: int = 2
    channels: int = 3
    height: int = 4
    width: int = 5
    dynamic: bool = False


def build_shape_chain(cfg: ShapeChainConfig, opset: int, seed: int) -> G.BuiltModel:
    """y = x.view(x.size(0), x.size(1), -1); out = y.view(y.size(0), -1).

    Both views are Shape -> Gather -> Unsqueeze -> Concat -> Reshape chains;
    with a static input every one folds to a constant shape.
    """
    g = G.GraphBuilder(opset, seed)
    b = "batch" if cfg.dynamic else cfg.batch
    x = g.add_input("input", G.FLOAT, [b, cfg.channels, cfg.height, cfg.width])
    y = g.view(x, [g.size(x, 0), g.size(x, 1), -1])
    out = g.view(y, [g.size(y, 0), -1])
    g.rename(out, "output")
    g.add_output("output", G.FLOAT, [b, cfg.channels * cfg.height * cfg.width])
    return g.finish()


@dataclass(frozen=True)
class DynamicBatchConfig:
    features: int = 4
    hidden: int = 32
    classes: int = 8


def build_dynamic_batch(cfg: DynamicBatchConfig, opset: int, seed: int) -> G.BuiltModel:
    """Input dim 0 is dim_param "batch" (dynamic_axes={'input': {0: 'batch'}}).

    x.view(x.size(0), -1) -> fc1 (Gemm) -> ReLU -> fc2 (Gemm).
    """
    g = G.GraphBuilder(opset, seed)
    f = cfg.features
    x = g.add_input("input", G.FLOAT, ["batch", f, f])
    x = g.view(x, [g.size(x, 0), -1])
    w1 = g.param("fc1.weight", g.linear_weight(cfg.hidden, f * f, np.sqrt(2.0)))
    b1 = g.param("fc1.bias", g.bias(cfg.hidden))
    w2 = g.param("fc2.weight", g.linear_weight(cfg.classes, cfg.hidden))
    b2 = g.param("fc2.bias", g.bias(cfg.classes))
    with g.scope("fc1"):
        x = g.gemm_linear(x, w1, b1)
    with g.scope("relu"):
        x = g.op("Relu", [x])
    with g.scope("fc2"):
        g.gemm_linear(x, w2, b2, out_name="output")
    g.add_output("output", G.FLOAT, ["batch", cfg.classes])
    return g.finish()


@dataclass(frozen=True)
class UnsupportedOpsConfig:
    batch: int = 2
    features: int = 8
    k: int = 3


def build_unsupported_ops(cfg: UnsupportedOpsConfig, opset: int, seed: int) -> G.BuiltModel:
    """Relu (supported) -> CumSum -> TopK: two ops outside the importer's list.

    torch.cumsum(x, 1) exports as CumSum(x, Constant axis);
    torch.topk(x, k) as TopK(x, Constant [k], axis=-1, largest=1, sorted=1).
    """
    g = G.GraphBuilder(opset, seed)
    x = g.add_input("input", G.FLOAT, [cfg.batch, cfg.features])
    x = g.op("Relu", [x])
    x = g.op("CumSum", [x, g.i64(1)])
    g.op("TopK", [x, g.i64([cfg.k])], n_out=2, out_names=["values", "indices"],
         axis=-1, largest=1, sorted=1)
    g.add_output("values", G.FLOAT, [cfg.batch, cfg.k])
    g.add_output("indices", G.INT64, [cfg.batch, cfg.k])
    return g.finish()


@dataclass(frozen=True)
class ExternalDataConfig:
    batch: int = 2
    sizes: tuple = (8, 16, 4)


def build_external_data(cfg: ExternalDataConfig, opset: int, seed: int) -> G.BuiltModel:
    """A two-layer MLP saved with every initializer in external_data.onnx.data."""
    g = G.GraphBuilder(opset, seed)
    x = g.add_input("input", G.FLOAT, [cfg.batch, cfg.sizes[0]])
    n = len(cfg.sizes) - 1
    for i in range(n):
        w = g.param(f"fc{i + 1}.weight",
                    g.linear_weight(cfg.sizes[i + 1], cfg.sizes[i], np.sqrt(2.0)))
        b = g.param(f"fc{i + 1}.bias", g.bias(cfg.sizes[i + 1]))
        last = i == n - 1
        with g.scope(f"fc{i + 1}"):
            x = g.gemm_linear(x, w, b, out_name="output" if last else None)
        if not last:
            with g.scope("relu" if i == 0 else f"relu_{i}"):
                x = g.op("Relu", [x])
    g.add_output("output", G.FLOAT, [cfg.batch, cfg.sizes[-1]])
    built = g.finish()
    built.external_data = True
    return built
