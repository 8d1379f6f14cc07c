#!/usr/bin/env python3
"""Compiles test models for CUDA and checks their artifacts with tessera-inspect.

  check_models.py --bin BUILD/bin --work DIR [--archs sm_80,sm_90] MODEL...
  check_models.py --bin BUILD/bin --work DIR --all
  check_models.py ... [--build-arg=ARG]... [--compile-arg=--mesh=tp:2]... MODEL...

Each model of test/models/build_models.py (--all: every model
`build_models.py --all` builds) is compiled with
`tessera-compile --target=cuda:ARCHS` (no GPU needed), and
`tessera-inspect --json` must show one CudaPtx executable whose PTX is for
the lowest architecture, one cubin per architecture, every kernel with
launches of valid sizes, and no convolution or pooling library call (those
are generated kernels on the cuda target). The first model is compiled
twice: the artifacts must be identical. For a mesh, the summary adds the
ranks and their communication commands. A model the importer refuses on
every target (REFUSED below) must be refused with the importer's message,
not crash. Prints one line per model and exits non-zero on any failure.
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

# Compile flags a model needs on every target (its e2e test uses the same).
FLAGS = {"dynamic_batch": ["--input-shape=input:3x4x4"]}

# The communication commands a mesh's summary counts, in this order.
COMMUNICATION = ("AllReduce", "AllGather", "ReduceScatter", "AllToAll",
                 "CollectivePermute", "Send", "Recv")

# Models built to be refused, and what the refusal must say.
REFUSED = {"unsupported_ops": "unsupported op type(s): CumSum"}


def all_models():
    """The models `build_models.py --all` builds, in its order."""
    sys.path.insert(0, str(ROOT / "test/models"))
    import build_models
    return [n for n, e in build_models.REGISTRY.items() if e.in_all]


def check(artifact, archs, inspect):
    """A list of problems with the artifact (empty: none), and a summary."""
    proc = subprocess.run([str(inspect), "--json", str(artifact)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        return [f"tessera-inspect failed: {proc.stderr.strip()}"], ""
    info = json.loads(proc.stdout)
    problems = []
    executables = info["executables"]
    if len(executables) != 1:
        return [f"{len(executables)} executables, expected 1"], ""
    exe = executables[0]
    if exe["format"] != "CudaPtx":
        problems.append(f"format {exe['format']}, expected CudaPtx")
    if exe["target"] != archs[0]:
        problems.append(f"PTX for {exe['target']}, expected {archs[0]}")
    segments = info["segments"]["list"]
    data = Path(artifact).read_bytes()
    ptx_segment = segments[exe["segment"]]
    ptx = data[ptx_segment["offset"]:ptx_segment["offset"] + ptx_segment["bytes"]]
    if f".target {archs[0]}".encode() not in ptx:
        problems.append(f"the PTX segment has no '.target {archs[0]}'")
    cubins = exe.get("cubins", [])
    if [c["arch"] for c in cubins] != archs:
        problems.append(f"cubins {[c['arch'] for c in cubins]}, expected {archs}")
    for cubin in cubins:
        segment = segments[cubin["segment"]]
        start = data[segment["offset"]:segment["offset"] + 4]
        if cubin["bytes"] == 0 or start != b"\x7fELF":
            problems.append(f"the {cubin['arch']} cubin is not an ELF file")
    launches = 0
    for kernel in exe["kernels"]:
        if not kernel.get("launches"):
            problems.append(f"kernel {kernel['name']} has no launches")
        for launch in kernel.get("launches", []):
            launches += 1
            grid, block = launch["grid"], launch["block"]
            if min(grid + block) < 1 or block[0] * block[1] * block[2] > 1024:
                problems.append(f"launch {launch['function']}: grid {grid} "
                                f"block {block}")
            if f".entry {launch['function']}(".encode() not in ptx:
                problems.append(f"no entry {launch['function']} in the PTX")
    communication = {}
    for rank in info["ranks"]:
        for kind in ("Conv2dCall", "Pool2dCall"):
            if rank["commands_by_kind"].get(kind):
                problems.append(f"rank {rank['rank']} has {kind} commands")
        for kind, count in rank["commands_by_kind"].items():
            if kind in COMMUNICATION:
                communication[kind] = communication.get(kind, 0) + count
    summary = (f"{exe['format']} {exe['target']}, cubins "
               f"{' '.join(c['arch'] for c in cubins)}, "
               f"{len(exe['kernels'])} kernels, {launches} launches")
    # A mesh: how many ranks, and their communication commands in all.
    if len(info["ranks"]) > 1:
        summary += f", {len(info['ranks'])} ranks: " + " ".join(
            f"{kind} {communication[kind]}" for kind in COMMUNICATION
            if kind in communication)
    return problems, summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="*")
    parser.add_argument("--all", action="store_true",
                        help="every model build_models.py --all builds")
    parser.add_argument("--bin", default=str(ROOT / "build/bin"))
    parser.add_argument("--work", required=True)
    parser.add_argument("--archs", default="sm_80,sm_90")
    parser.add_argument("--build-arg", action="append", default=[],
                        help="passed to build_models.py (--build-arg=--set "
                             "--build-arg=batch=4)")
    parser.add_argument("--compile-arg", action="append", default=[],
                        help="passed to tessera-compile for every model "
                             "(--compile-arg=--mesh=tp:2)")
    args = parser.parse_args()
    if args.all:
        args.models += [m for m in all_models() if m not in args.models]
    if not args.models:
        parser.error("name some models, or use --all")

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    archs = sorted(args.archs.split(","), key=lambda a: int(a[3:]))
    bin_dir = Path(args.bin)
    subprocess.run([sys.executable, str(ROOT / "test/models/build_models.py")]
                   + args.models + args.build_arg + ["--out", str(work)],
                   check=True,
                   stdout=subprocess.DEVNULL)
    status = 0
    for index, name in enumerate(args.models):
        artifact = work / f"{name}.tsr"
        cmd = [str(bin_dir / "tessera-compile"), str(work / f"{name}.onnx"),
               f"--target=cuda:{args.archs}", "-o", str(artifact)] + \
            FLAGS.get(name, []) + args.compile_arg
        if name in REFUSED:
            proc = subprocess.run(cmd, capture_output=True, text=True)
            if proc.returncode == 1 and REFUSED[name] in proc.stderr:
                print(f"ok {name}: refused: {REFUSED[name]}")
            else:
                print(f"FAIL {name}: expected exit 1 and '{REFUSED[name]}', "
                      f"got exit {proc.returncode}: {proc.stderr.strip()}")
                status = 1
            continue
        if subprocess.run(cmd).returncode != 0:
            print(f"FAIL {name}: tessera-compile failed")
            status = 1
            continue
        if index == 0:
            first = artifact.read_bytes()
            subprocess.run(cmd, check=True)
            if artifact.read_bytes() != first:
                print(f"FAIL {name}: two compilations gave different bytes")
                status = 1
        problems, summary = check(artifact, archs, bin_dir / "tessera-inspect")
        for problem in problems:
            print(f"FAIL {name}: {problem}")
        if problems:
            status = 1
        else:
            print(f"ok {name}: {summary}")
    return status


if __name__ == "__main__":
    sys.exit(main())
