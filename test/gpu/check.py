#!/usr/bin/env python3
"""The GPU check's measurements (run.sh builds the runtime, then runs this).

  check.py --bundle build-gpu --bin BUILD/bin --tests BUILD/test/unit/bin
           --out DIR [--device=cuda|cpu] [--budget SECONDS]

Runs, in order, within --budget seconds (a step that would start too late
is reported as skipped):
  unit tests   RuntimeCudaTests (the device's GPU tests run for real)
  node tests   every node test of the bundle on the device against the cpu
               device's outputs (rtol 1e-3, atol 1e-7)
  models       every model of the bundle, weights put back, against the cpu
               outputs (normalized max error at most 1e-3)
  transformer  the gpt2-small-shaped model: tessera-run --benchmark against
               the same forward pass in PyTorch eager on the same GPU (both
               copy the logits back to pinned host memory), f32 and TF32
  gemm         cuBLASLt through a MatMulCall artifact against torch.matmul
               (cuBLAS) on the same shapes, f32 and TF32
With --device=cpu (to test this script where there is no GPU) the
baseline is NumPy on the CPU instead of PyTorch.

Writes DIR/results.json, DIR/results.md (the table for docs/perf.md) and
DIR/log.txt, and prints the table. Exits 1 when a check failed.
"""

import argparse
import concurrent.futures
import json
import os
import shutil
import statistics
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bundle  # noqa: E402
import gpt2_eager  # noqa: E402
from bundle import last_line, log, run  # noqa: E402

GEMM_SHAPES = [  # M, N, K: square, then GPT-2 small's linear layers
    (4096, 4096, 4096),
    (2048, 2304, 768),   # attention in-projection (Q, K, V) of 2048 tokens
    (2048, 768, 3072),   # MLP down-projection
    (2048, 3072, 768),   # MLP up-projection
    (8192, 8192, 1024),
]


class Budget:
    def __init__(self, seconds):
        self.end = time.time() + seconds

    def left(self):
        return self.end - time.time()


class Baseline:
    """PyTorch on the GPU, or NumPy on the CPU."""

    def __init__(self, device):
        self.device = device
        if device == "cuda":
            import torch
            self.torch = torch
            self.name = f"PyTorch {torch.__version__} eager on " + \
                torch.cuda.get_device_name(0)
        else:
            self.torch = None
            self.name = f"NumPy {np.__version__} on the CPU"

    def set_tf32(self, on):
        if self.torch:
            self.torch.backends.cuda.matmul.allow_tf32 = on
            self.torch.backends.cudnn.allow_tf32 = on

    def time(self, fn, runs, warmup=2):
        """Median milliseconds of fn()."""
        for _ in range(warmup):
            fn()
        times = []
        for _ in range(runs):
            if self.torch:
                self.torch.cuda.synchronize()
            start = time.perf_counter()
            fn()
            if self.torch:
                self.torch.cuda.synchronize()
            times.append((time.perf_counter() - start) * 1e3)
        return statistics.median(times)


def tessera_benchmark(args, artifact, runs, extra=(), timeout=300):
    """(median ms, stdout, stderr, returncode) of tessera-run --benchmark."""
    proc = run([args.bin / "tessera-run", artifact, f"--device={args.device}",
                f"--benchmark={runs}", *extra], timeout=timeout)
    median = None
    if proc.returncode == 0:
        try:
            median = json.loads(last_line(proc.stdout))["median_ms"]
        except (ValueError, KeyError):
            pass
    return median, proc


# ---------------------------------------------------------------- steps

def unit_tests(args, results):
    binary = args.tests / "RuntimeCudaTests"
    report = args.work / "unit.json"
    proc = run([binary, f"--gtest_output=json:{report}"], timeout=300)
    summary = {"exit_code": proc.returncode}
    if report.exists():
        data = json.loads(report.read_text())
        skipped = [f"{s['name']}.{t['name']}" for s in data["testsuites"]
                   for t in s["testsuite"] if t.get("result") == "SKIPPED"]
        failed = [f"{s['name']}.{t['name']}" for s in data["testsuites"]
                  for t in s["testsuite"] if t.get("failures")]
        summary.update(tests=data["tests"], failed=failed, skipped=skipped)
    (args.out / "unit.txt").write_text(proc.stdout + proc.stderr)
    results["unit_tests"] = summary
    log(f"unit tests: {summary.get('tests')} run, "
        f"{len(summary.get('failed', []))} failed, "
        f"{len(summary.get('skipped', []))} skipped (exit {proc.returncode})")
    return proc.returncode == 0


def node_tests(args, results):
    with tarfile.open(args.bundle / "node.tar.xz") as tar:
        tar.extractall(args.work)
    tests = sorted((args.work / "node").iterdir())

    def one(test):
        meta = json.loads((test / "test.json").read_text())
        cmd = [args.bin / "tessera-run", test / "model.tsr",
               f"--device={args.device}"]
        for i, name in enumerate(meta["inputs"]):
            cmd.append(f"--input={name}=@{test / f'in_{i}.npy'}")
        for i, name in enumerate(meta["outputs"]):
            cmd.append(f"--output={name}=@{test / f'out_{i}.npy'}")
        proc = run(cmd, timeout=120)
        if proc.returncode != 0:
            return test.name, "error", (f"exit {proc.returncode}: "
                                        f"{last_line(proc.stderr)}")
        for i in range(len(meta["outputs"])):
            why = bundle.compare_node(np.load(test / f"out_{i}.npy"),
                                      np.load(test / f"ref_{i}.npy"))
            if why:
                return test.name, "failed", f"output {i}: {why}"
        return test.name, "passed", ""

    outcomes = {}
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for name, status, detail in pool.map(one, tests):
            outcomes[name] = (status, detail)
    counts = {}
    for status, _ in outcomes.values():
        counts[status] = counts.get(status, 0) + 1
    problems = {n: f"{s}: {d}" for n, (s, d) in outcomes.items() if s != "passed"}
    results["node_tests"] = {"tests": len(tests), **counts, "problems": problems}
    (args.out / "node_problems.txt").write_text(
        "".join(f"{n}: {p}\n" for n, p in sorted(problems.items())))
    log(f"node tests: {len(tests)}: {counts}")
    for name, problem in list(sorted(problems.items()))[:20]:
        log(f"  {name}: {problem}")
    return not problems


def models(args, results):
    ok = True
    results["models"] = {}
    for model_dir in sorted((args.bundle / "models").iterdir()):
        key = model_dir.name
        meta = json.loads((model_dir / "test.json").read_text())
        artifact = args.work / f"{key}.tsr"
        entry = {}
        try:
            bundle.hydrate(model_dir, args.python, args.work / "onnx" / key,
                           artifact)
        except RuntimeError as error:
            entry = {"status": "error", "detail": f"weights: {error}"}
        if not entry:
            cmd = [args.bin / "tessera-run", artifact, f"--device={args.device}"]
            for i, name in enumerate(meta["inputs"]):
                cmd.append(f"--input={name}=@{model_dir / f'in_{i}.npy'}")
            for i, name in enumerate(meta["outputs"]):
                cmd.append(f"--output={name}=@{args.work / f'{key}_{i}.npy'}")
            proc = run(cmd, timeout=300)
            if proc.returncode != 0:
                entry = {"status": "error", "detail": f"exit {proc.returncode}: "
                         f"{last_line(proc.stderr)}"}
            else:
                errors = [bundle.normalized_error(
                    np.load(args.work / f"{key}_{i}.npy"),
                    np.load(model_dir / f"ref_{i}.npy"))
                    for i in range(len(meta["outputs"]))]
                worst = max(errors) if errors else 0.0
                entry = {"status": "passed" if worst <= bundle.MODEL_TOLERANCE
                         else "failed", "normalized_error": worst}
        ok &= entry["status"] == "passed"
        results["models"][key] = entry
        log(f"model {key}: {entry['status']}"
            + (f", normalized max error {entry['normalized_error']:.2e}"
               if "normalized_error" in entry else f": {entry.get('detail')}"))
    return ok


def transformer(args, results, baseline):
    source = args.bundle / "transformer"
    config = json.loads((source / "config.json").read_text())
    artifact = args.work / "transformer.tsr"
    entry = {"config": config}
    results["transformer"] = entry
    try:
        bundle.hydrate(source, args.python, args.work / "onnx" / "transformer",
                       artifact)
    except RuntimeError as error:
        entry["error"] = f"weights: {error}"
        log(f"transformer: {entry['error']}")
        return False
    ids = np.load(source / "input_ids.npy")
    runs = args.runs
    ok = True
    onnx_path = next((args.work / "onnx" / "transformer").glob("*.onnx"))
    model = gpt2_eager.GPT2(bundle.onnx_initializers(onnx_path), config,
                            gpt2_eager.TorchOps() if baseline.torch
                            else gpt2_eager.NumpyOps())
    ops = model.ops
    ids_device = ops.array(ids)
    if baseline.torch:
        torch = baseline.torch
        pinned = torch.empty((config["batch"], config["seq"], config["vocab"]),
                             dtype=torch.float32, pin_memory=True)

        def eager_with_copy():
            with torch.no_grad():
                pinned.copy_(model.forward(ids_device), non_blocking=True)

        def eager():
            with torch.no_grad():
                model.forward(ids_device)
    else:
        def eager_with_copy():
            model.forward(ids_device)
        eager = eager_with_copy

    for precision, tf32 in (("f32", False), ("tf32", True)):
        if precision == "tf32" and not baseline.torch:
            continue
        baseline.set_tf32(tf32)
        flags = ["--input=input_ids=@" + str(source / "input_ids.npy"),
                 f"--output=logits=@{args.work / 'logits.npy'}"]
        if tf32:
            flags.append("--allow-tf32")
        ours, proc = tessera_benchmark(args, artifact, runs, flags, timeout=600)
        row = {}
        if ours is None:
            row["error"] = f"tessera-run exit {proc.returncode}: {last_line(proc.stderr)}"
            ok = False
        else:
            logits = np.load(args.work / "logits.npy")
            reference = ops.to_numpy(model.forward(ids_device))
            error = bundle.normalized_error(logits, reference)
            theirs = baseline.time(eager_with_copy, runs)
            theirs_gpu = baseline.time(eager, runs)
            limit = 1e-3 if not tf32 else 2e-2
            row.update(tessera_ms=ours, baseline_ms=theirs,
                       baseline_compute_ms=theirs_gpu, ratio=ours / theirs,
                       normalized_error=error, passed=error <= limit)
            ok &= error <= limit
            row["description"] = next(
                (line for line in proc.stdout.splitlines()
                 if line.startswith("benchmark:")), "")
        entry[precision] = row
        log(f"transformer {precision}: {row}")
    baseline.set_tf32(False)
    return ok


def gemm(args, results, baseline):
    rows = []
    results["gemm"] = rows
    ok = True
    for m, n, k in GEMM_SHAPES:
        if args.device == "cpu":
            m, n, k = m // 8, n // 8, k // 8
        flops = 2.0 * m * n * k
        # About 20 ms of work per run at 40 TFLOP/s (5 on the cpu plumbing).
        repeat = max(1, min(50, int(20e-3 * (40e12 if args.device == "cuda"
                                              else 20e9) / flops)))
        artifact = args.work / f"gemm_{m}x{n}x{k}.tsr"
        a_path, b_path = args.work / "gemm_a.npy", args.work / "gemm_b.npy"
        proc = run([args.tests / "write-gemm-artifact", m, n, k, repeat,
                    artifact, a_path, b_path], timeout=300)
        if proc.returncode != 0:
            rows.append({"shape": [m, n, k], "error": last_line(proc.stderr)})
            ok = False
            continue
        a, b = np.load(a_path), np.load(b_path)
        if baseline.torch:
            torch = baseline.torch
            ta, tb = torch.from_numpy(a).cuda(), torch.from_numpy(b).cuda()
            matmul = lambda: torch.matmul(ta, tb)  # noqa: E731
            first_row = lambda: torch.matmul(ta[:1], tb).cpu().numpy()[0]  # noqa: E731
        else:
            matmul = lambda: a @ b  # noqa: E731
            first_row = lambda: (a[:1] @ b)[0]  # noqa: E731
        for precision, tf32 in (("f32", False), ("tf32", True)):
            if precision == "tf32" and not baseline.torch:
                continue
            baseline.set_tf32(tf32)
            row_file = args.work / "gemm_row.npy"
            flags = [f"--output=row=@{row_file}"] + (["--allow-tf32"] if tf32 else [])
            ours, proc = tessera_benchmark(args, artifact, args.runs, flags)
            row = {"shape": [m, n, k], "precision": precision, "repeat": repeat}
            if ours is None:
                row["error"] = f"tessera-run exit {proc.returncode}: {last_line(proc.stderr)}"
                ok = False
            else:
                theirs = baseline.time(lambda: [matmul() for _ in range(repeat)],
                                       args.runs)
                error = bundle.normalized_error(np.load(row_file), first_row())
                limit = 1e-4 if not tf32 else 2e-2
                row.update(tessera_tflops=flops * repeat / (ours * 1e-3) / 1e12,
                           baseline_tflops=flops * repeat / (theirs * 1e-3) / 1e12,
                           ratio=theirs / ours, normalized_error=error,
                           passed=error <= limit)
                ok &= error <= limit
            rows.append(row)
            log(f"gemm {m}x{n}x{k} {precision}: {row}")
        baseline.set_tf32(False)
        for path in (artifact, a_path, b_path):
            path.unlink(missing_ok=True)
    return ok


# ---------------------------------------------------------------- report

def table(results):
    lines = [f"GPU check: {results.get('device_line', '')}",
             f"baseline: {results.get('baseline', '')}", ""]
    lines += ["| check | result |", "| --- | --- |"]
    unit = results.get("unit_tests")
    if unit:
        lines.append(f"| RuntimeCudaTests | {unit.get('tests')} tests, "
                     f"{len(unit.get('failed', []))} failed, "
                     f"{len(unit.get('skipped', []))} skipped |")
    node = results.get("node_tests")
    if node:
        lines.append(f"| ONNX node tests vs cpu | {node.get('passed', 0)} of "
                     f"{node['tests']} passed, {node.get('failed', 0)} failed, "
                     f"{node.get('error', 0)} errors |")
    for key, entry in results.get("models", {}).items():
        detail = (f"normalized max error {entry['normalized_error']:.1e}"
                  if "normalized_error" in entry else entry.get("detail", ""))
        lines.append(f"| model {key} vs cpu | {entry['status']}: {detail} |")
    for step, why in results.get("skipped", {}).items():
        lines.append(f"| {step} | skipped: {why} |")
    t = results.get("transformer")
    if t:
        lines += ["", f"Transformer (GPT-2, {t['config']}), median of runs, "
                  "logits copied to the host in both:", "",
                  "| precision | tessera ms | eager ms (no copy) | tessera / eager "
                  "| normalized error |", "| --- | --- | --- | --- | --- |"]
        for precision in ("f32", "tf32"):
            row = t.get(precision)
            if not row:
                continue
            if "error" in row:
                lines.append(f"| {precision} | {row['error']} | | | |")
            else:
                lines.append(
                    f"| {precision} | {row['tessera_ms']:.2f} | "
                    f"{row['baseline_ms']:.2f} ({row['baseline_compute_ms']:.2f}) "
                    f"| {row['ratio']:.2f} | {row['normalized_error']:.1e} |")
        if "error" in t:
            lines.append(f"error: {t['error']}")
    rows = results.get("gemm")
    if rows:
        lines += ["", "GEMM (MatMulCall through cuBLASLt vs torch.matmul, "
                  "which is cuBLAS):", "",
                  "| M x N x K | precision | tessera TFLOP/s | baseline TFLOP/s "
                  "| tessera / baseline | error |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for row in rows:
            shape = "x".join(map(str, row["shape"]))
            if "error" in row:
                lines.append(f"| {shape} | {row.get('precision', '')} | "
                             f"{row['error']} | | | |")
            else:
                lines.append(f"| {shape} | {row['precision']} | "
                             f"{row['tessera_tflops']:.2f} | "
                             f"{row['baseline_tflops']:.2f} | {row['ratio']:.2f} "
                             f"| {row['normalized_error']:.1e} |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, required=True)
    parser.add_argument("--bin", type=Path, required=True)
    parser.add_argument("--tests", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--device", choices=("cuda", "cpu"), default="cuda")
    parser.add_argument("--budget", type=float, default=360,
                        help="seconds for all steps")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=8)
    parser.add_argument("--skip", action="append", default=[],
                        choices=("unit", "node", "models", "transformer", "gemm"))
    args = parser.parse_args()
    args.python = sys.executable
    for name in ("bundle", "bin", "tests", "out"):
        setattr(args, name, getattr(args, name).resolve())
    args.out.mkdir(parents=True, exist_ok=True)
    args.work = Path(tempfile.mkdtemp(prefix="tessera-gpu-check-"))
    budget = Budget(args.budget)
    manifest = json.loads((args.bundle / "MANIFEST.json").read_text())
    results = {"device": args.device, "bundle": manifest, "skipped": {}}
    devices = run([args.bin / "tessera-run", "--list-devices"], timeout=60)
    results["devices"] = devices.stdout.splitlines()
    results["device_line"] = next((line for line in results["devices"]
                                   if line.startswith(f"{args.device} ")
                                   or line.startswith(f"{args.device}:")), "")
    for line in results["devices"]:
        log(line)
    baseline = Baseline(args.device)
    results["baseline"] = baseline.name
    log(f"baseline: {baseline.name}")

    # Each step, with the seconds it needs at least to be worth starting.
    steps = [("unit", 30, lambda: unit_tests(args, results)),
             ("node", 60, lambda: node_tests(args, results)),
             ("models", 30, lambda: models(args, results)),
             ("transformer", 45, lambda: transformer(args, results, baseline)),
             ("gemm", 45, lambda: gemm(args, results, baseline))]
    ok = True
    for name, needs, step in steps:
        if name in args.skip:
            results["skipped"][name] = "--skip"
            continue
        if budget.left() < needs:
            results["skipped"][name] = f"{budget.left():.0f} s left of the budget"
            ok = False
            continue
        started = time.time()
        try:
            ok &= bool(step())
        except Exception as error:  # a step's failure must not hide the others
            results.setdefault("errors", {})[name] = repr(error)
            log(f"{name}: {error!r}")
            ok = False
        results.setdefault("seconds", {})[name] = round(time.time() - started, 1)
    results["ok"] = ok
    text = table(results)
    print(text)
    (args.out / "results.md").write_text(text)
    bundle.write_json(args.out / "results.json", results)
    shutil.rmtree(args.work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
