#!/usr/bin/env python3
"""Runs every ONNX node test of the onnx package through Tessera.

Each test directory of onnx/backend/test/data/node holds a one-op model
(some hold the op's function expansion, several ops) and data sets of
inputs and expected outputs. Every model is compiled with tessera-compile,
run with tessera-run on each data set, and compared with the expected
outputs (the onnx backend's tolerances: rtol 1e-3, atol 1e-7). Outcomes:

  passed       compiled, ran, every output matched
  unsupported  the model uses an op, opset or element type the importer does
               not take
  runtime parameter
               a parameter Tessera needs at compile time (an axes, shape or
               pads tensor) is a graph input of the test model, fed at run
               time; a static-shape compiler cannot import it as such
  failed       refused by the importer with another error, failed to
               compile or to run, or computed different numbers
  crashed      a tool died (a signal, or an unexpected exit code)
  timed out    a tool ran longer than the time limit

Writes a per-op table in Markdown (docs/onnx-coverage.md by default). With
--import-only, models are only imported (no compile or run); with
--compile-only, compiled into an artifact for --target (cpu by default, or
e.g. cuda:sm_80,sm_90, which needs no GPU) and not run. With
--cuda-emulation, compiled for --target=cuda:... with the GPU launches run as
loops on the CPU (tessera-compile --cuda-emulation), then run and compared
like the CPU's artifacts: a check of CUDA code generation without a GPU.
With --check,
exits non-zero when any tool crashed or timed out (refusing a model is fine,
dying on one never is) or when fewer than 95% of the supported tests pass.
"""

import argparse
import collections
import concurrent.futures
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import onnx
from onnx import numpy_helper

ROOT = Path(__file__).resolve().parents[2]

# Errors that mean "outside what Tessera imports", not "the importer failed".
UNSUPPORTED = (
    "unsupported op type",            # an op without a converter
    "Tessera imports opsets",         # an opset before 13 or after 24
    "which Tessera does not support", # strings, complex, 4/8-bit types
    "no default-domain",              # models of other domains only
    "Tessera imports tensors only",   # sequences, optionals, maps
)

STATUSES = ("passed", "unsupported", "runtime parameter", "failed",
            "crashed", "timed out")

RTOL, ATOL = 1e-3, 1e-7
# The share of the supported tests that must pass (make test checks it).
MIN_PASS_PERCENT = 95


def node_test_dirs():
    base = Path(onnx.__file__).parent / "backend" / "test" / "data" / "node"
    return sorted(d for d in base.iterdir() if (d / "model.onnx").exists())


def describe(test_dir):
    """(op type, opset, expanded) of a node test."""
    model = onnx.load(str(test_dir / "model.onnx"), load_external_data=False)
    opset = next((o.version for o in model.opset_import
                  if o.domain in ("", "ai.onnx")), None)
    ops = [n.op_type for n in model.graph.node]
    expanded = "_expanded" in test_dir.name or len(ops) > 1
    op = ops[0] if len(ops) == 1 else None
    return op, opset, expanded


def first_error(stderr):
    for line in stderr.splitlines():
        if "error: " in line:
            return line.split("error: ", 1)[1]
    lines = stderr.strip().splitlines()
    return lines[-1] if lines else ""


def classify_import(returncode, stderr):
    """(status, reason) of a failed tessera-compile."""
    reason = first_error(stderr)
    if returncode not in (0, 1):
        return "crashed", f"tessera-compile exit code {returncode}: {reason}"
    if any(text in reason for text in UNSUPPORTED):
        return "unsupported", reason
    if "must be known at compile time" in reason:
        return "runtime parameter", reason
    return "failed", reason


def run_tool(cmd, timeout):
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True,
                              errors="replace", timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    return proc


def load_pb(path):
    tensor = onnx.TensorProto()
    tensor.ParseFromString(Path(path).read_bytes())
    return numpy_helper.to_array(tensor)


def compare(ours, expected):
    """A reason the outputs differ, or None."""
    if ours.dtype.kind == "V" and ours.dtype.itemsize == expected.dtype.itemsize:
        # bfloat16 comes back from .npy as opaque 2-byte values.
        ours = ours.view(expected.dtype)
    if ours.shape != expected.shape:
        return f"shape {list(ours.shape)}, expected {list(expected.shape)}"
    if expected.dtype.kind in "biuSU":
        if ours.dtype.kind != expected.dtype.kind and expected.dtype.kind != "b":
            return f"dtype {ours.dtype}, expected {expected.dtype}"
        if not np.array_equal(ours.astype(expected.dtype), expected):
            return "values differ"
        return None
    ours64 = ours.astype(np.float64)
    expected64 = expected.astype(np.float64)
    close = np.isclose(ours64, expected64, rtol=RTOL, atol=ATOL, equal_nan=True)
    if not close.all():
        bad = np.argwhere(~close)[0]
        index = tuple(int(i) for i in bad)
        return (f"{np.count_nonzero(~close)} of {close.size} elements differ, "
                f"e.g. at {list(index)}: {ours64[index]!r} vs "
                f"{expected64[index]!r}")
    return None


def run_one(bin_dir, test_dir, timeout, import_only, target="cpu",
            compile_only=False, extra_flags=()):
    try:
        return run_checked(bin_dir, test_dir, timeout, import_only, target,
                           compile_only, extra_flags)
    except Exception as error:  # a test input this script cannot read
        return "failed", f"harness: {type(error).__name__}: {error}"


def run_checked(bin_dir, test_dir, timeout, import_only, target="cpu",
                compile_only=False, extra_flags=()):
    model_path = test_dir / "model.onnx"
    with tempfile.TemporaryDirectory(prefix="tessera-node-") as work:
        work = Path(work)
        artifact = work / "model.tsr"
        emit = ["--emit=imported", "-o", os.devnull] if import_only else \
            ["-o", str(artifact)]
        if target != "cpu" and not import_only:
            emit.append(f"--target={target}")
        if not import_only:
            emit += list(extra_flags)
        proc = run_tool([str(bin_dir / "tessera-compile"), str(model_path)] + emit,
                        timeout)
        if proc is None:
            return "timed out", f"tessera-compile ran more than {timeout} s"
        if proc.returncode != 0:
            status, reason = classify_import(proc.returncode, proc.stderr)
            if status == "failed" and not import_only:
                # An import failure reads the same as a compile failure here.
                reason = f"compile: {reason}"
            return status, reason
        if import_only:
            return "passed", ""
        if compile_only:
            if not artifact.exists() or artifact.stat().st_size == 0:
                return "failed", "compile: no artifact was written"
            return "passed", ""

        model = onnx.load(str(model_path), load_external_data=False)
        initializers = {i.name for i in model.graph.initializer}
        input_names = [i.name for i in model.graph.input
                       if i.name not in initializers]
        output_names = [o.name for o in model.graph.output]
        data_sets = sorted(test_dir.glob("test_data_set_*"))
        for data_set in data_sets:
            inputs = sorted(data_set.glob("input_*.pb"),
                            key=lambda p: int(p.stem.split("_")[1]))
            cmd = [str(bin_dir / "tessera-run"), str(artifact)]
            for i, path in enumerate(inputs):
                npy = work / f"in_{i}.npy"
                np.save(npy, load_pb(path))
                name = input_names[i] if i < len(input_names) else str(i)
                cmd.append(f"--input={name}=@{npy}")
            for i, name in enumerate(output_names):
                cmd.append(f"--output={name}=@{work / f'out_{i}.npy'}")
            proc = run_tool(cmd, timeout)
            if proc is None:
                return "timed out", f"tessera-run ran more than {timeout} s"
            if proc.returncode not in (0, 1, 2, 3):
                return "crashed", (f"tessera-run exit code {proc.returncode}: "
                                   f"{first_error(proc.stderr)}")
            if proc.returncode != 0:
                return "failed", f"run: {first_error(proc.stderr)}"
            for i, name in enumerate(output_names):
                expected_path = data_set / f"output_{i}.pb"
                if not expected_path.exists():
                    continue
                expected = load_pb(expected_path)
                reason = compare(np.load(work / f"out_{i}.npy"), expected)
                if reason:
                    return "failed", f"output '{name}': {reason}"
        return "passed", ""


def write_table(path, results, import_only, target="cpu", compile_only=False):
    """results: list of (test name, op, opset, expanded, status, reason)."""
    total = collections.Counter(r[4] for r in results)
    by_op = collections.defaultdict(list)
    for result in results:
        key = result[1] if not result[3] else "(function expansions)"
        by_op[key or "(multi-op models)"].append(result)
    supported = sum(total.get(s, 0) for s in
                    ("passed", "failed", "crashed", "timed out"))
    passed = total.get("passed", 0)
    if import_only:
        what = "imported with `tessera-compile --emit=imported`"
    elif compile_only:
        what = (f"compiled with `tessera-compile --target={target}` into an "
                "artifact (not run)")
    elif target != "cpu":
        what = (f"compiled with `tessera-compile --target={target} "
                "--cuda-emulation` (the GPU launches as loops on the CPU), "
                "run with `tessera-run` on each of its data sets and compared "
                f"with the expected outputs (rtol {RTOL:g}, atol {ATOL:g})")
    else:
        what = ("compiled with `tessera-compile`, run with `tessera-run` on "
                "each of its data sets and compared with the expected "
                f"outputs (rtol {RTOL:g}, atol {ATOL:g})")

    lines = [
        "# ONNX node test coverage",
        "",
        "Generated by `test/conformance/onnx_node_tests.py` from the node tests",
        f"of the onnx {onnx.__version__} wheel: every model {what}.",
        "Regenerate with `make onnx-coverage`.",
        "",
        "| outcome | tests |",
        "| --- | ---: |",
    ]
    for status in STATUSES:
        lines.append(f"| {status} | {total.get(status, 0)} |")
    lines += [
        f"| **total** | **{len(results)}** |",
        "",
        f"Of the {supported} tests whose ops, opsets and types Tessera "
        f"supports, {passed} pass "
        f"({100.0 * passed / supported if supported else 0:.1f}%).",
        "",
        "*unsupported*: the op is not one the importer converts, the model",
        "declares an opset outside 13 to 24, or it uses an element type Tessera",
        "does not have (strings, complex, 4- and 8-bit floats). *runtime",
        "parameter*: the test feeds an axes, shape, pads or bound tensor as a",
        "graph input, which a static-shape compiler needs as a constant.",
        "*failed*: refused with another error, or ran and computed other",
        "numbers; every failure and its reason is listed below.",
        "",
        "## By op",
        "",
        "| op | tests | passed | unsupported | runtime parameter | failed |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for op in sorted(by_op, key=lambda k: (k.startswith("("), k.lower())):
        counts = collections.Counter(r[4] for r in by_op[op])
        failed = (counts.get("failed", 0) + counts.get("crashed", 0) +
                  counts.get("timed out", 0))
        lines.append(f"| {op} | {len(by_op[op])} | {counts.get('passed', 0)} | "
                     f"{counts.get('unsupported', 0)} | "
                     f"{counts.get('runtime parameter', 0)} | {failed} |")
    failures = [r for r in results if r[4] in ("failed", "crashed", "timed out")]
    if failures:
        lines += ["", "## Failures", "", "| test | op | opset | reason |",
                  "| --- | --- | ---: | --- |"]
        for name, op, opset, expanded, status, reason in failures:
            reason = reason.replace("|", "\\|").replace("\n", " ")
            if len(reason) > 200:
                reason = reason[:197] + "..."
            lines.append(f"| {name} | {op or 'expanded'} | {opset} | "
                         f"{status}: {reason} |")
    Path(path).write_text("\n".join(lines) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=str(ROOT / "build/bin"),
                        help="directory of tessera-compile and tessera-run")
    parser.add_argument("--output", default=str(ROOT / "docs/onnx-coverage.md"))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--timeout", type=int, default=120)
    parser.add_argument("--filter", default="",
                        help="only tests whose name contains this")
    parser.add_argument("--import-only", action="store_true",
                        help="only import the models")
    parser.add_argument("--target", default="cpu",
                        help="tessera-compile --target (cpu, cuda:sm_80,sm_90, "
                             "...); other than cpu needs --compile-only here")
    parser.add_argument("--compile-only", action="store_true",
                        help="compile each model into an artifact, do not run it")
    parser.add_argument("--cuda-emulation", action="store_true",
                        help="with --target=cuda:...: run the GPU launches as "
                             "loops on the CPU, and compare")
    parser.add_argument("--check", action="store_true",
                        help="fail when a tool crashed or timed out")
    args = parser.parse_args()

    if args.target != "cpu" and not (args.compile_only or args.import_only
                                     or args.cuda_emulation):
        parser.error("--target other than cpu runs on no device here: add "
                     "--compile-only or --cuda-emulation")
    if args.cuda_emulation and not args.target.startswith("cuda:"):
        parser.error("--cuda-emulation needs --target=cuda:<architectures>")
    extra_flags = ["--cuda-emulation"] if args.cuda_emulation else []
    bin_dir = Path(args.bin)
    dirs = [d for d in node_test_dirs() if args.filter in d.name]
    described = {d: describe(d) for d in dirs}
    results = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = {pool.submit(run_one, bin_dir, d, args.timeout,
                               args.import_only, args.target,
                               args.compile_only, extra_flags): d
                   for d in dirs}
        for future in concurrent.futures.as_completed(futures):
            d = futures[future]
            op, opset, expanded = described[d]
            status, reason = future.result()
            results.append((d.name, op, opset, expanded, status, reason))
    results.sort()
    write_table(args.output, results, args.import_only, args.target,
                args.compile_only)

    counts = collections.Counter(r[4] for r in results)
    print(", ".join(f"{counts.get(s, 0)} {s}" for s in STATUSES)
          + f" of {len(results)} ONNX node tests; table in {args.output}")
    for name, op, opset, expanded, status, reason in results:
        if status in ("crashed", "timed out"):
            print(f"{status.upper()}: {name}: {reason}")
    supported = sum(counts.get(s, 0) for s in
                    ("passed", "failed", "crashed", "timed out"))
    percent = 100.0 * counts.get("passed", 0) / supported if supported else 0.0
    print(f"{percent:.1f}% of the {supported} supported tests pass "
          f"(at least {MIN_PASS_PERCENT}% required with --check)")
    if args.check and (counts.get("crashed") or counts.get("timed out")):
        return 1
    if args.check and not args.filter and percent < MIN_PASS_PERCENT:
        print(f"FAILED: fewer than {MIN_PASS_PERCENT}% pass")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
