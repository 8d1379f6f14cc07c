#!/usr/bin/env python3
"""Compiles an ONNX model with Tessera, runs it, and compares with onnxruntime.

  run_model.py MODEL.onnx [--input-shape NAME:2x3 ...] [--rtol 1e-4]
  run_model.py --build NAME [--build-arg ARG ...]   (a test/models model)
  run_model.py ... --mesh tp:2 --shard megatron [--mpirun]

With --mesh, the model is also compiled for one device, and the sharded
artifact runs on the mesh's devices (threads of one tessera-run, or one
process per rank under mpirun with --mpirun): its outputs must match the
single-device ones within --rtol-single (1e-5) as well as onnxruntime's.

Random inputs are drawn for every model input (integer inputs that index
an embedding stay inside its table; masks are mostly ones), onnxruntime
computes the reference, tessera-compile and tessera-run compute ours from
the same .npy files, and every output must satisfy

  max |ours - reference| <= rtol * max |reference|      (normalized error)

The script prints one line per output and exits non-zero on a mismatch or
any failure of the tools.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort

ROOT = Path(__file__).resolve().parents[2]


def gather_bounds(model):
    """For each graph input, the smallest table it indexes through Gather."""
    sizes = {init.name: list(init.dims) for init in model.graph.initializer}
    bounds = {}
    for node in model.graph.node:
        if node.op_type == "Gather" and len(node.input) >= 2:
            table, index = node.input[0], node.input[1]
            if table in sizes:
                axis = next((a.i for a in node.attribute if a.name == "axis"), 0)
                size = sizes[table][axis]
                bounds[index] = min(bounds.get(index, size), size)
    return bounds


def make_inputs(session, model, rng, shapes=None):
    """Random inputs; `shapes` (name -> dims, from --input-shape) fixes
    symbolic dimensions, which are 1 otherwise."""
    bounds = gather_bounds(model)
    inputs = {}
    for arg in session.get_inputs():
        shape = [d if isinstance(d, int) else 1 for d in arg.shape]
        if shapes and arg.name in shapes:
            shape = shapes[arg.name]
        kind = arg.type
        if "int" in kind:
            dtype = np.int64 if "int64" in kind else np.int32
            if "mask" in arg.name:
                value = np.ones(shape, dtype=dtype)
                if value.ndim >= 1 and value.shape[-1] > 2:
                    value[..., -2:] = 0  # some padding
            elif "token_type" in arg.name:
                value = rng.integers(0, 2, size=shape).astype(dtype)
            else:
                high = bounds.get(arg.name, 100)
                value = rng.integers(0, high, size=shape).astype(dtype)
        elif "bool" in kind:
            value = rng.integers(0, 2, size=shape).astype(bool)
        elif "float16" in kind:
            value = rng.standard_normal(shape).astype(np.float16)
        elif "double" in kind:
            value = rng.standard_normal(shape)
        else:
            value = rng.standard_normal(shape).astype(np.float32)
        inputs[arg.name] = value
    return inputs


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", nargs="?")
    parser.add_argument("--build", help="a model of test/models/build_models.py")
    parser.add_argument("--build-arg", action="append", default=[])
    parser.add_argument("--input-shape", action="append", default=[])
    parser.add_argument("--rtol", type=float, default=1e-4)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--bin", default=str(ROOT / "build/bin"))
    parser.add_argument("--work", help="keep the files here")
    parser.add_argument("--mesh", help="compile for this mesh (dp:2,tp:2)")
    parser.add_argument("--shard", default="none",
                        help="the sharding strategy with --mesh")
    parser.add_argument("--rtol-single", type=float, default=1e-5,
                        help="sharded against single-device outputs")
    parser.add_argument("--compile-arg", action="append", default=[],
                        help="more tessera-compile flags for the mesh "
                             "(--microbatches=4, --schedule=interleaved)")
    parser.add_argument("--mpirun", action="store_true",
                        help="run the sharded artifact under mpirun, one "
                             "process per rank")
    args = parser.parse_args()

    work = Path(args.work or tempfile.mkdtemp(prefix="tessera-e2e-"))
    work.mkdir(parents=True, exist_ok=True)
    if args.build:
        subprocess.run([sys.executable, str(ROOT / "test/models/build_models.py"),
                        args.build, "--out", str(work)] + args.build_arg,
                       check=True, stdout=subprocess.DEVNULL)
        model_path = work / f"{args.build}.onnx"
    else:
        model_path = Path(args.model)

    model = onnx.load(str(model_path))
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(str(model_path), options,
                                   providers=["CPUExecutionProvider"])
    rng = np.random.default_rng(args.seed)
    shapes = {}
    for spec in args.input_shape:
        name, _, dims = spec.rpartition(":")
        shapes[name] = [int(d) for d in dims.split("x")] if dims else []
    inputs = make_inputs(session, model, rng, shapes)
    reference = session.run(None, inputs)

    def compile_model(artifact, extra):
        cmd = [str(Path(args.bin) / "tessera-compile"), str(model_path),
               "-o", str(artifact)] + extra
        cmd += [f"--input-shape={s}" for s in args.input_shape]
        return subprocess.run(cmd).returncode == 0

    def run_artifact(artifact, prefix, launcher=()):
        cmd = list(launcher) + [str(Path(args.bin) / "tessera-run"),
                                str(artifact)]
        for index, (name, value) in enumerate(inputs.items()):
            path = work / f"input_{index}.npy"
            np.save(path, value)
            cmd.append(f"--input={name}=@{path}")
        for i, name in enumerate(outputs):
            cmd.append(f"--output={name}=@{work / f'{prefix}_{i}.npy'}")
        return subprocess.run(cmd).returncode == 0

    outputs = [o.name for o in session.get_outputs()]
    if not compile_model(work / "model.tsr", []):
        print("FAIL: tessera-compile failed")
        return 1
    if not run_artifact(work / "model.tsr", "output"):
        print("FAIL: tessera-run failed")
        return 1
    if args.mesh:
        devices = 1
        for axis in args.mesh.split(","):
            devices *= int(axis.split(":")[1])
        if not compile_model(work / "sharded.tsr",
                             [f"--mesh={args.mesh}", f"--shard={args.shard}"]
                             + args.compile_arg):
            print("FAIL: tessera-compile --mesh failed")
            return 1
        launcher = ()
        if args.mpirun:
            launcher = ("mpirun", "--allow-run-as-root", "--oversubscribe",
                        "-np", str(devices))
        if not run_artifact(work / "sharded.tsr", "sharded", launcher):
            print("FAIL: tessera-run of the sharded artifact failed")
            return 1

    status = 0
    for i, (name, expected) in enumerate(zip(outputs, reference)):
        ours = np.load(work / f"output_{i}.npy")
        if ours.shape != expected.shape or ours.dtype != expected.dtype:
            print(f"FAIL {name}: got {ours.dtype}{list(ours.shape)}, "
                  f"expected {expected.dtype}{list(expected.shape)}")
            status = 1
            continue
        if expected.dtype.kind in "biu":
            ok = np.array_equal(ours, expected)
            print(f"{'ok' if ok else 'FAIL'} {name}: {'equal' if ok else 'differs'}")
            status |= 0 if ok else 1
            continue
        scale = float(np.max(np.abs(expected))) or 1.0
        error = float(np.max(np.abs(ours.astype(np.float64) -
                                    expected.astype(np.float64)))) / scale
        ok = np.isfinite(error) and error <= args.rtol
        print(f"{'ok' if ok else 'FAIL'} {name} {list(expected.shape)}: "
              f"normalized max error {error:.2e} (limit {args.rtol:.0e})")
        status |= 0 if ok else 1
    if args.mesh:
        for i, name in enumerate(outputs):
            single = np.load(work / f"output_{i}.npy")
            sharded = np.load(work / f"sharded_{i}.npy")
            if single.shape != sharded.shape or single.dtype != sharded.dtype:
                print(f"FAIL {name} on {args.mesh}: {sharded.dtype}"
                      f"{list(sharded.shape)}, one device gave "
                      f"{single.dtype}{list(single.shape)}")
                status = 1
                continue
            scale = float(np.max(np.abs(single))) or 1.0
            error = float(np.max(np.abs(sharded.astype(np.float64) -
                                        single.astype(np.float64)))) / scale
            ok = np.isfinite(error) and error <= args.rtol_single
            print(f"{'ok' if ok else 'FAIL'} {name} on {args.mesh}"
                  f"{' under mpirun' if args.mpirun else ''}: normalized max "
                  f"error against one device {error:.2e} "
                  f"(limit {args.rtol_single:.0e})")
            status |= 0 if ok else 1
    return status


if __name__ == "__main__":
    sys.exit(main())
