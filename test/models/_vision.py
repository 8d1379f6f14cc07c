"""MLP and CNN models shaped like torch.onnx.export of torchvision modules.

Exports imitated: TorchScript exporter, eval mode, do_constant_folding=True,
input name ``input``, output name ``output``. In eval mode the exporter folds
every BatchNorm that follows a Conv into the Conv's weight and a new bias
(``onnx::Conv_N`` initializers); ``resnet_tiny_bn`` keeps the BatchNorm
nodes instead (an export with ``training=TrainingMode.PRESERVE`` or an
unfoldable BatchNorm looks like that).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence, Tuple

import numpy as np

try:
    from . import _graph as G
except ImportError:  # run as a script from this directory
    import _graph as G

SQRT2 = float(np.sqrt(2.0))
# 1 / rms(silu(z)) for z ~ N(0, 1): keeps activations O(1) after a SiLU.
SILU_GAIN = 1.68
BN_EPS = 1e-5


# ============================================================== shared bits
def _batch_dim(batch: int, dynamic: bool):
    return "batch" if dynamic else batch


def conv_bn(g: G.GraphBuilder, x: str, cin: int, cout: int, k: int, stride: int, pad,
            conv_qual: str, conv_scope: Sequence[str], bn_qual: str, bn_scope: Sequence[str],
            fold: bool, groups: int = 1, gain: float = SQRT2, gamma_scale: float = 1.0) -> str:
    """Conv2d(bias=False) + BatchNorm2d, folded or explicit.

    The random draws are the same either way, so a folded and an unfolded
    model built from one seed compute the same function.
    """
    cin_g = cin // groups
    w = g.normal((cout, cin_g, k, k), gain / np.sqrt(cin_g * k * k))
    gamma = (g.rng.uniform(0.75, 1.25, cout) * gamma_scale).astype(np.float32)
    beta = g.normal((cout,), 0.1)
    mean = g.normal((cout,), 0.1)
    var = g.rng.uniform(0.5, 1.5, cout).astype(np.float32)
    if fold:
        s = gamma.astype(np.float64) / np.sqrt(var.astype(np.float64) + BN_EPS)
        wf = (w.astype(np.float64) * s[:, None, None, None]).astype(np.float32)
        bf = (beta.astype(np.float64) - mean.astype(np.float64) * s).astype(np.float32)
        with g.scope(*conv_scope):
            wn = g.folded(wf, "Conv")
            bn = g.folded(bf, "Conv")
            return g.conv(x, wn, bn, k, stride, pad, groups=groups)
    with g.scope(*conv_scope):
        y = g.conv(x, g.param(f"{conv_qual}.weight", w), None, k, stride, pad, groups=groups)
    with g.scope(*bn_scope):
        ins = [y, g.param(f"{bn_qual}.weight", gamma), g.param(f"{bn_qual}.bias", beta),
               g.param(f"{bn_qual}.running_mean", mean), g.param(f"{bn_qual}.running_var", var)]
        attrs = dict(epsilon=BN_EPS, momentum=0.9)
        if g.opset >= 14:
            attrs["training_mode"] = 0
        return g.op("BatchNormalization", ins, **attrs)


def classifier_head(g: G.GraphBuilder, x: str, in_f: int, num_classes: int, qual: str,
                    scope: Sequence[str], pool_scope: Sequence[str], gain: float = 1.0) -> str:
    """adaptive_avg_pool2d(1) -> torch.flatten(x, 1) -> Linear."""
    with g.scope(*pool_scope):
        x = g.op("GlobalAveragePool", [x])
    x = g.op("Flatten", [x], axis=1)
    w = g.param(f"{qual}.weight", g.linear_weight(num_classes, in_f, gain))
    b = g.param(f"{qual}.bias", g.bias(num_classes))
    with g.scope(*scope):
        return g.gemm_linear(x, w, b, out_name="output")


def make_divisible(v: float, divisor: int = 8, min_value: Optional[int] = None) -> int:
    """torchvision.models._utils._make_divisible."""
    if min_value is None:
        min_value = divisor
    new_v = max(min_value, int(v + divisor / 2) // divisor * divisor)
    if new_v < 0.9 * v:
        new_v += divisor
    return new_v


# ===================================================================== MLP
@dataclass(frozen=True)
class MLPConfig:
    batch: int = 4
    sizes: Tuple[int, ...] = (784, 256, 128, 10)
    dynamic: bool = False


def build_mlp(cfg: MLPConfig, opset: int, seed: int) -> G.BuiltModel:
    """nn.Module with fc1..fcN = nn.Linear and one shared nn.ReLU."""
    g = G.GraphBuilder(opset, seed)
    b = _batch_dim(cfg.batch, cfg.dynamic)
    x = g.add_input("input", G.FLOAT, [b, cfg.sizes[0]])
    n = len(cfg.sizes) - 1
    for i in range(n):
        fin, fout = cfg.sizes[i], cfg.sizes[i + 1]
        w = g.param(f"fc{i + 1}.weight", g.linear_weight(fout, fin, SQRT2 if i < n - 1 else 1.0))
        bb = g.param(f"fc{i + 1}.bias", g.bias(fout))
        last = i == n - 1
        with g.scope(f"fc{i + 1}"):
            x = g.gemm_linear(x, w, bb, out_name="output" if last else None)
        if not last:
            with g.scope("relu" if i == 0 else f"relu_{i}"):
                x = g.op("Relu", [x])
    g.add_output("output", G.FLOAT, [b, cfg.sizes[-1]])
    return g.finish()


# ================================================================== ResNet
@dataclass(frozen=True)
class ResNetConfig:
    batch: int = 1
    image: int = 224
    widths: Tuple[int, ...] = (64, 128, 256, 512)
    blocks: Tuple[int, ...] = (2, 2, 2, 2)  # ResNet-18
    num_classes: int = 1000
    fold_bn: bool = True
    dynamic: bool = False


def build_resnet(cfg: ResNetConfig, opset: int, seed: int) -> G.BuiltModel:
    """torchvision.models.resnet18 topology (BasicBlock)."""
    g = G.GraphBuilder(opset, seed)
    bd = _batch_dim(cfg.batch, cfg.dynamic)
    x = g.add_input("input", G.FLOAT, [bd, 3, cfg.image, cfg.image])
    fold = cfg.fold_bn
    inplanes = cfg.widths[0]
    x = conv_bn(g, x, 3, inplanes, 7, 2, 3, "conv1", ["conv1"], "bn1", ["bn1"], fold)
    with g.scope("relu"):
        x = g.op("Relu", [x])
    with g.scope("maxpool"):
        x = g.op("MaxPool", [x], ceil_mode=0, kernel_shape=[3, 3], pads=[1, 1, 1, 1],
                 strides=[2, 2])
    for si, (planes, nblocks) in enumerate(zip(cfg.widths, cfg.blocks)):
        layer = f"layer{si + 1}"
        for bi in range(nblocks):
            stride = 2 if (si > 0 and bi == 0) else 1
            q = f"{layer}.{bi}"
            with g.scope(layer, q):
                identity = x
                out = conv_bn(g, x, inplanes, planes, 3, stride, 1, f"{q}.conv1", ["conv1"],
                              f"{q}.bn1", ["bn1"], fold, gain=1.0)
                with g.scope("relu"):
                    out = g.op("Relu", [out])
                out = conv_bn(g, out, planes, planes, 3, 1, 1, f"{q}.conv2", ["conv2"],
                              f"{q}.bn2", ["bn2"], fold, gain=1.0, gamma_scale=0.5)
                if stride != 1 or inplanes != planes:
                    identity = conv_bn(g, x, inplanes, planes, 1, stride, 0,
                                       f"{q}.downsample.0", ["downsample", "downsample.0"],
                                       f"{q}.downsample.1", ["downsample", "downsample.1"],
                                       fold, gain=1.0)
                out = g.op("Add", [out, identity])
                with g.scope("relu_1"):
                    x = g.op("Relu", [out])
            inplanes = planes
    classifier_head(g, x, inplanes, cfg.num_classes, "fc", ["fc"], ["avgpool"])
    g.add_output("output", G.FLOAT, [bd, cfg.num_classes])
    return g.finish()


# ============================================================= MobileNetV2
MBV2_SETTINGS = ((1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2),
                 (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1))


@dataclass(frozen=True)
class MobileNetV2Config:
    batch: int = 1
    image: int = 224
    width_mult: float = 1.0
    settings: Tuple[Tuple[int, int, int, int], ...] = MBV2_SETTINGS  # t, c, n, s
    last_channel: int = 1280
    num_classes: int = 1000
    dynamic: bool = False


def _relu6(g: G.GraphBuilder, x: str) -> str:
    """nn.ReLU6 -> hardtanh(0, 6) -> Clip(x, Constant 0, Constant 6)."""
    lo = g.f32(0.0)
    hi = g.f32(6.0)
    return g.op("Clip", [x, lo, hi])


def _conv_norm_act(g, x, cin, cout, k, stride, groups, qual, comp, act):
    """torchvision Conv2dNormActivation: <comp>.0 conv, <comp>.1 bn, <comp>.2 act."""
    pad = (k - 1) // 2
    x = conv_bn(g, x, cin, cout, k, stride, pad, f"{qual}.0", [f"{comp}.0"], f"{qual}.1",
                [f"{comp}.1"], True, groups=groups)
    with g.scope(f"{comp}.2"):
        return act(g, x)


def build_mobilenetv2(cfg: MobileNetV2Config, opset: int, seed: int) -> G.BuiltModel:
    """torchvision.models.mobilenet_v2 (BN folded, ReLU6 as Clip)."""
    g = G.GraphBuilder(opset, seed)
    bd = _batch_dim(cfg.batch, cfg.dynamic)
    x = g.add_input("input", G.FLOAT, [bd, 3, cfg.image, cfg.image])
    cin = make_divisible(32 * cfg.width_mult)
    last = make_divisible(cfg.last_channel * max(1.0, cfg.width_mult))
    with g.scope("features", "features.0"):
        x = _conv_norm_act(g, x, 3, cin, 3, 2, 1, "features.0", "features.0", _relu6)
    idx = 1
    for t, c, n, s in cfg.settings:
        cout = make_divisible(c * cfg.width_mult)
        for i in range(n):
            stride = s if i == 0 else 1
            hidden = int(round(cin * t))
            q = f"features.{idx}"
            with g.scope("features", q, "conv"):
                y = x
                j = 0
                if t != 1:
                    with g.scope(f"conv.{j}"):
                        y = _conv_norm_act(g, y, cin, hidden, 1, 1, 1, f"{q}.conv.{j}",
                                           f"conv.{j}", _relu6)
                    j += 1
                with g.scope(f"conv.{j}"):
                    y = _conv_norm_act(g, y, hidden, hidden, 3, stride, hidden, f"{q}.conv.{j}",
                                       f"conv.{j}", _relu6)
                j += 1
                res = stride == 1 and cin == cout
                y = conv_bn(g, y, hidden, cout, 1, 1, 0, f"{q}.conv.{j}", [f"conv.{j}"],
                            f"{q}.conv.{j + 1}", [f"conv.{j + 1}"], True, gain=1.0,
                            gamma_scale=0.5 if res else 1.0)
            if res:
                with g.scope("features", q):
                    y = g.op("Add", [x, y])
            x = y
            cin = cout
            idx += 1
    q = f"features.{idx}"
    with g.scope("features", q):
        x = _conv_norm_act(g, x, cin, last, 1, 1, 1, q, q, _relu6)
    classifier_head(g, x, last, cfg.num_classes, "classifier.1", ["classifier", "classifier.1"],
                    [])
    g.add_output("output", G.FLOAT, [bd, cfg.num_classes])
    return g.finish()


# ============================================================ EfficientNet
# expand_ratio, kernel, stride, in_channels, out_channels, num_layers (B0)
EFFNET_B0 = ((1, 3, 1, 32, 16, 1), (6, 3, 2, 16, 24, 2), (6, 5, 2, 24, 40, 2),
             (6, 3, 2, 40, 80, 3), (6, 5, 1, 80, 112, 3), (6, 5, 2, 112, 192, 4),
             (6, 3, 1, 192, 320, 1))
EFFNET_TINY = ((1, 3, 1, 32, 16, 1), (6, 3, 2, 16, 24, 2), (6, 5, 2, 24, 40, 1),
               (6, 3, 2, 40, 80, 2), (6, 5, 1, 80, 112, 1), (6, 5, 2, 112, 192, 1),
               (6, 3, 1, 192, 320, 1))


@dataclass(frozen=True)
class EfficientNetConfig:
    batch: int = 1
    image: int = 64
    width_mult: float = 0.25
    stages: Tuple[Tuple[int, int, int, int, int, int], ...] = EFFNET_TINY
    num_classes: int = 10
    # False: torchvision padding, symmetric (k-1)//2 in the Conv's pads.
    # True: timm tf_efficientnet "SAME" padding: stride-2 convs get an
    # explicit asymmetric Pad node (F.pad) and pads=0 on the Conv.
    same_pad_op: bool = False
    dynamic: bool = False


def _silu_act(g, x):
    return g.silu(x)


def _eff_conv(g, x, cin, cout, k, stride, groups, qual, comp, act, cfg, size, gain):
    """Conv2dNormActivation with torchvision or TF-SAME padding."""
    if cfg.same_pad_op and stride > 1:
        out = -(-size // stride)
        total = max((out - 1) * stride + k - size, 0)
        lo, hi = total // 2, total - total // 2
        with g.scope(f"{comp}.0"):
            pads = g.folded_i64([0, 0, lo, lo, 0, 0, hi, hi], "Pad")
            x = g.op("Pad", [x, pads, g.f32(0.0)], mode="constant")
        pad = 0
    else:
        pad = (k - 1) // 2
    x = conv_bn(g, x, cin, cout, k, stride, pad, f"{qual}.0", [f"{comp}.0"], f"{qual}.1",
                [f"{comp}.1"], True, groups=groups, gain=gain)
    if act is None:
        return x
    with g.scope(f"{comp}.2"):
        return act(g, x)


def build_efficientnet(cfg: EfficientNetConfig, opset: int, seed: int) -> G.BuiltModel:
    """torchvision.models.efficientnet_b0 structure at configurable size."""
    g = G.GraphBuilder(opset, seed)
    bd = _batch_dim(cfg.batch, cfg.dynamic)
    x = g.add_input("input", G.FLOAT, [bd, 3, cfg.image, cfg.image])
    size = cfg.image

    def ch(c):
        return make_divisible(c * cfg.width_mult, 8)

    stem = ch(cfg.stages[0][3])
    with g.scope("features", "features.0"):
        x = _eff_conv(g, x, 3, stem, 3, 2, 1, "features.0", "features.0", _silu_act, cfg, size,
                      1.0)
    size = -(-size // 2)
    cin = stem
    for si, (e, k, s, _cin, c, n) in enumerate(cfg.stages):
        cout = ch(c)
        for bi in range(n):
            stride = s if bi == 0 else 1
            q = f"features.{si + 1}.{bi}"
            hidden = make_divisible(cin * e, 8)
            squeeze = max(1, cin // 4)
            res = stride == 1 and cin == cout
            with g.scope("features", f"features.{si + 1}", q):
                with g.scope("block"):
                    y = x
                    j = 0
                    if hidden != cin:
                        with g.scope(f"block.{j}"):
                            y = _eff_conv(g, y, cin, hidden, 1, 1, 1, f"{q}.block.{j}",
                                          f"block.{j}", _silu_act, cfg, size, 1.1)
                        j += 1
                    with g.scope(f"block.{j}"):
                        y = _eff_conv(g, y, hidden, hidden, k, stride, hidden, f"{q}.block.{j}",
                                      f"block.{j}", _silu_act, cfg, size, SILU_GAIN)
                    size = -(-size // stride)
                    j += 1
                    # SqueezeExcitation(hidden, squeeze, activation=SiLU)
                    sq = f"{q}.block.{j}"
                    with g.scope(f"block.{j}"):
                        w1 = g.param(f"{sq}.fc1.weight",
                                     g.normal((squeeze, hidden, 1, 1), SQRT2 / np.sqrt(hidden)))
                        b1 = g.param(f"{sq}.fc1.bias", g.bias(squeeze, 0.1))
                        w2 = g.param(f"{sq}.fc2.weight",
                                     g.normal((hidden, squeeze, 1, 1), 1.0 / np.sqrt(squeeze)))
                        b2 = g.param(f"{sq}.fc2.bias", g.bias(hidden, 0.1))
                        with g.scope("avgpool"):
                            sc = g.op("GlobalAveragePool", [y])
                        with g.scope("fc1"):
                            sc = g.conv(sc, w1, b1, 1, 1, 0)
                        with g.scope("activation"):
                            sc = g.silu(sc)
                        with g.scope("fc2"):
                            sc = g.conv(sc, w2, b2, 1, 1, 0)
                        with g.scope("scale_activation"):
                            sc = g.op("Sigmoid", [sc])
                        y = g.op("Mul", [sc, y])
                    j += 1
                    with g.scope(f"block.{j}"):
                        y = conv_bn(g, y, hidden, cout, 1, 1, 0, f"{q}.block.{j}.0",
                                    [f"block.{j}.0"], f"{q}.block.{j}.1", [f"block.{j}.1"], True,
                                    gain=1.2 * SILU_GAIN, gamma_scale=0.5 if res else 1.0)
                if res:  # stochastic depth is the identity in eval mode
                    y = g.op("Add", [y, x])
            x = y
            cin = cout
    last = 4 * cin
    q = f"features.{len(cfg.stages) + 1}"
    with g.scope("features", q):
        x = _eff_conv(g, x, cin, last, 1, 1, 1, q, q, _silu_act, cfg, size, 2.0)
    classifier_head(g, x, last, cfg.num_classes, "classifier.1", ["classifier", "classifier.1"],
                    ["avgpool"], gain=2 * SILU_GAIN)
    g.add_output("output", G.FLOAT, [bd, cfg.num_classes])
    return g.finish()
