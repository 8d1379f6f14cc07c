#!/usr/bin/env python3
"""Build ONNX test models shaped like torch.onnx.export / Hugging Face exports.

No torch needed: every graph is written with onnx.helper, node by node, in
the form the TorchScript exporter (opset 17, do_constant_folding=True, eval
mode) produces. See README.md in this directory.

  build_models.py --list
  build_models.py NAME... --out DIR [--opset N] [--seed S] [--check]
  build_models.py --all --out DIR [--check]

Output is deterministic: the same arguments give the same bytes.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional

import numpy as np
import onnx

try:
    from . import _graph as G
    from . import _small, _text, _vision
except ImportError:  # run as a script from this directory
    import _graph as G
    import _small
    import _text
    import _vision

# Models whose initializers would not fit a 2 GiB protobuf go to external
# data automatically (none of the registered ones at their defaults).
_PROTO_LIMIT = 2 ** 31 - 64 * 2 ** 20


@dataclass(frozen=True)
class Entry:
    build: Callable
    config: object
    doc: str
    in_all: bool = True


REGISTRY: Dict[str, Entry] = {
    "mlp": Entry(_vision.build_mlp, _vision.MLPConfig(),
                 "Linear(784,256)-ReLU-Linear(256,128)-ReLU-Linear(128,10), batch 4"),
    "resnet18": Entry(_vision.build_resnet, _vision.ResNetConfig(),
                      "torchvision resnet18, BN folded, 1x3x224x224"),
    "resnet_tiny": Entry(_vision.build_resnet,
                         _vision.ResNetConfig(image=32, widths=(8, 16, 32, 64), num_classes=10),
                         "resnet18 topology, widths 8-64, 1x3x32x32, BN folded"),
    "resnet_tiny_bn": Entry(_vision.build_resnet,
                            _vision.ResNetConfig(image=32, widths=(8, 16, 32, 64),
                                                 num_classes=10, fold_bn=False),
                            "resnet_tiny with explicit BatchNormalization nodes"),
    "mobilenetv2": Entry(_vision.build_mobilenetv2, _vision.MobileNetV2Config(),
                         "torchvision mobilenet_v2, BN folded, ReLU6 as Clip, 1x3x224x224"),
    "mobilenetv2_tiny": Entry(
        _vision.build_mobilenetv2,
        _vision.MobileNetV2Config(
            image=32, width_mult=0.25, last_channel=128, num_classes=10,
            settings=((1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 2, 2), (6, 64, 2, 2),
                      (6, 96, 1, 1), (6, 160, 2, 2), (6, 320, 1, 1))),
        "mobilenet_v2 at width 0.25, fewer blocks, 1x3x32x32"),
    "efficientnet_tiny": Entry(_vision.build_efficientnet, _vision.EfficientNetConfig(),
                               "torchvision efficientnet_b0 blocks at width 0.25, 1x3x64x64"),
    "gpt2_tiny": Entry(_text.build_gpt2, _text.GPT2_TINY,
                       "GPT2LMHeadModel, 2 layers, d 64, 4 heads, vocab 1000, 1x16"),
    "gpt2_small": Entry(_text.build_gpt2, _text.GPT2_SMALL,
                        "GPT2LMHeadModel gpt2 (124M), 1x128; on demand only", in_all=False),
    "bert_tiny": Entry(_text.build_bert, _text.BERT_TINY,
                       "BertModel, 2 layers, d 64, 4 heads, ffn 128, vocab 1000, 1x16"),
    "bert_base": Entry(_text.build_bert, _text.BERT_BASE,
                       "BertModel bert-base-uncased (110M), 1x128; on demand only",
                       in_all=False),
    "llama_tiny": Entry(_text.build_llama, _text.LlamaConfig(),
                        "LlamaForCausalLM, 2 layers, d 64, 4 heads, ffn 176, vocab 1000, 1x16"),
    "shape_chain": Entry(_small.build_shape_chain, _small.ShapeChainConfig(),
                         "two x.view(x.size(0), ..., -1) Shape chains that fold"),
    "dynamic_batch": Entry(_small.build_dynamic_batch, _small.DynamicBatchConfig(),
                           "input dim 0 is dim_param 'batch'"),
    "unsupported_ops": Entry(_small.build_unsupported_ops, _small.UnsupportedOpsConfig(),
                             "CumSum and TopK, outside the importer's op list"),
    "external_data": Entry(_small.build_external_data, _small.ExternalDataConfig(),
                           "tiny MLP, initializers in external_data.onnx.data"),
}

# Values --check gives to symbolic dimensions.
CHECK_DIMS = {"batch": 2, "sequence": 8}


# ------------------------------------------------------------------ config
def _parse_value(text: str, current):
    if isinstance(current, bool):
        if text.lower() in ("1", "true", "yes", "on"):
            return True
        if text.lower() in ("0", "false", "no", "off"):
            return False
        raise ValueError(f"not a boolean: {text!r}")
    if isinstance(current, int):
        return int(text)
    if isinstance(current, float):
        return float(text)
    if isinstance(current, tuple):
        if current and isinstance(current[0], tuple):
            raise ValueError("nested tuples cannot be set from the command line")
        kind = type(current[0]) if current else int
        return tuple(kind(v) for v in text.split(",") if v)
    return text


def make_config(entry: Entry, overrides: List[str], dynamic: bool):
    cfg = entry.config
    fields = {f.name for f in dataclasses.fields(cfg)}
    changes = {}
    if dynamic and "dynamic" in fields:
        changes["dynamic"] = True
    for item in overrides:
        key, sep, value = item.partition("=")
        if not sep:
            raise ValueError(f"--set wants KEY=VALUE, got {item!r}")
        if key not in fields:
            raise ValueError(f"{type(cfg).__name__} has no field {key!r} "
                             f"(fields: {', '.join(sorted(fields))})")
        changes[key] = _parse_value(value, getattr(cfg, key))
    return dataclasses.replace(cfg, **changes)


def build(name: str, opset: int = 17, seed: int = 0, overrides: Optional[List[str]] = None,
          dynamic: bool = False) -> G.BuiltModel:
    """Build one registered model in memory."""
    entry = REGISTRY[name]
    cfg = make_config(entry, overrides or [], dynamic)
    return entry.build(cfg, opset, seed)


# -------------------------------------------------------------------- save
def _init_bytes(model: onnx.ModelProto) -> int:
    return sum(len(t.raw_data) for t in model.graph.initializer)


def save(built: G.BuiltModel, path: Path, external: bool = False, value_info: bool = False,
         threshold: int = 1024) -> None:
    """Write path; with external data, initializers of >= threshold bytes go
    to path + '.data' (models flagged external_data put all of them there)."""
    model = built.model
    if value_info:
        model = onnx.shape_inference.infer_shapes(model, strict_mode=True, data_prop=True)
    location = path.name + ".data"
    data_path = path.parent / location
    # onnx appends to an existing data file; start from nothing every time.
    if data_path.exists():
        data_path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    if external or built.external_data or _init_bytes(model) > _PROTO_LIMIT:
        onnx.save_model(model, str(path), save_as_external_data=True,
                        all_tensors_to_one_file=True, location=location,
                        size_threshold=0 if built.external_data else threshold,
                        convert_attribute=False)
    else:
        onnx.save_model(model, str(path))


# ------------------------------------------------------------------- check
def _feeds(model: onnx.ModelProto, hints: Dict[str, G.InputHint], seed: int):
    rng = np.random.Generator(np.random.PCG64(seed + 1))
    feeds = {}
    for vi in model.graph.input:
        tt = vi.type.tensor_type
        shape = [d.dim_value if d.HasField("dim_value") else CHECK_DIMS.get(d.dim_param, 2)
                 for d in tt.shape.dim]
        hint = hints.get(vi.name, G.InputHint())
        if hint.kind == "ids":
            feeds[vi.name] = rng.integers(0, hint.high, size=shape, dtype=np.int64)
        elif hint.kind == "mask":
            m = np.ones(shape, dtype=np.int64)
            if shape[-1] > 2:
                m[0, -2:] = 0  # some padding on the first row
            feeds[vi.name] = m
        elif tt.elem_type == onnx.TensorProto.FLOAT:
            feeds[vi.name] = rng.standard_normal(shape, dtype=np.float32)
        else:
            raise ValueError(f"no way to fill input {vi.name}")
    return feeds


def check(path: Path, built: G.BuiltModel, seed: int) -> str:
    """onnx.checker (full_check) on the saved file, then one onnxruntime run."""
    import onnxruntime as ort

    onnx.checker.check_model(str(path), full_check=True)
    graph_io = onnx.load(str(path), load_external_data=False)
    opts = ort.SessionOptions()
    opts.log_severity_level = 3
    sess = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    feeds = _feeds(graph_io, built.hints, seed)
    outs = sess.run(None, feeds)
    sizes = {}
    for vi in graph_io.graph.input:
        for d, n in zip(vi.type.tensor_type.shape.dim, feeds[vi.name].shape):
            if d.dim_param:
                sizes[d.dim_param] = n
    parts = []
    for vi, val in zip(graph_io.graph.output, outs):
        want = tuple(d.dim_value if d.HasField("dim_value") else sizes.get(d.dim_param, -1)
                     for d in vi.type.tensor_type.shape.dim)
        if tuple(val.shape) != want:
            raise AssertionError(f"{path.name}: output {vi.name} has shape {val.shape}, "
                                 f"declared {want}")
        if val.dtype.kind == "f":
            if not np.isfinite(val).all():
                raise AssertionError(f"{path.name}: output {vi.name} is not finite")
            parts.append(f"{vi.name}{list(val.shape)} mean {val.mean():+.3f} std {val.std():.3f}")
        else:
            parts.append(f"{vi.name}{list(val.shape)} {val.dtype}")
    return "; ".join(parts)


# --------------------------------------------------------------------- CLI
def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("names", nargs="*", metavar="NAME", help="models to build (see --list)")
    p.add_argument("--list", action="store_true", help="print the model names and exit")
    p.add_argument("--all", action="store_true",
                   help="build every model except the on-demand ones (gpt2_small, bert_base)")
    p.add_argument("--out", type=Path, help="output directory (DIR/NAME.onnx)")
    p.add_argument("--opset", type=int, default=17,
                   help=f"default-domain opset, {G.MIN_OPSET}..{G.MAX_OPSET} (default 17)")
    p.add_argument("--seed", type=int, default=0, help="weight seed (default 0)")
    p.add_argument("--check", action="store_true",
                   help="onnx.checker full_check and one onnxruntime run per model")
    p.add_argument("--external-data", action="store_true",
                   help="save the initializers to NAME.onnx.data next to NAME.onnx")
    p.add_argument("--external-data-threshold", type=int, default=1024, metavar="BYTES",
                   help="with --external-data, initializers smaller than this stay in the "
                        ".onnx (default 1024, onnx's default; 0 moves all of them, which "
                        "onnxruntime cannot load when a shape input is among them)")
    p.add_argument("--dynamic", action="store_true",
                   help="symbolic batch (and sequence) input dims, as with dynamic_axes")
    p.add_argument("--value-info", action="store_true",
                   help="run onnx shape inference and store value_info, as torch does")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                   help="override a config field of the named models (repeatable)")
    p.add_argument("--verbose", "-v", action="store_true", help="print sha256 of each file")
    args = p.parse_args(argv)

    if args.list:
        width = max(len(n) for n in REGISTRY)
        for name, e in REGISTRY.items():
            tag = "" if e.in_all else "  [not in --all]"
            print(f"{name:<{width}}  {e.doc}{tag}")
        return 0
    names = list(args.names)
    if args.all:
        names += [n for n, e in REGISTRY.items() if e.in_all and n not in names]
    if not names:
        p.error("name some models, or use --all or --list")
    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        p.error(f"unknown model(s): {', '.join(unknown)} (see --list)")
    if args.out is None:
        p.error("--out DIR is required")
    if not G.MIN_OPSET <= args.opset <= G.MAX_OPSET:
        p.error(f"--opset must be in {G.MIN_OPSET}..{G.MAX_OPSET}")

    t_all = time.perf_counter()
    failed = 0
    for name in names:
        t0 = time.perf_counter()
        try:
            built = build(name, args.opset, args.seed, args.set, args.dynamic)
        except ValueError as e:
            print(f"error: {name}: {e}", file=sys.stderr)
            return 2
        path = args.out / f"{name}.onnx"
        save(built, path, args.external_data, args.value_info, args.external_data_threshold)
        t_build = time.perf_counter() - t0
        size = path.stat().st_size
        data = path.parent / (path.name + ".data")
        if data.exists():
            size += data.stat().st_size
        line = f"{name}: {path} ({size / 2 ** 20:.1f} MiB, {t_build:.1f}s)"
        if args.verbose:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            line += f" sha256 {digest[:16]}"
        if args.check:
            t1 = time.perf_counter()
            try:
                summary = check(path, built, args.seed)
                line += f"\n  check ok ({time.perf_counter() - t1:.1f}s): {summary}"
            except Exception as e:  # report every model, fail at the end
                failed += 1
                line += f"\n  CHECK FAILED: {type(e).__name__}: {e}"
        print(line, flush=True)
    print(f"{len(names)} model(s) in {time.perf_counter() - t_all:.1f}s"
          + (f", {failed} failed check" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
