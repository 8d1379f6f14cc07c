#!/usr/bin/env python3
"""Measures tessera-run against onnxruntime on this machine; writes docs/perf.md.

For each model (built by test/models/build_models.py, random weights):
compile it with tessera-compile, then time tessera-run --benchmark and an
onnxruntime session in the same run, both with the same thread count and
the same inputs, and report the median latencies and their ratio.

  bench/run_bench.py [--models resnet18 gpt2_small bert_base] [--runs 30]
                     [--rounds 3] [--threads 2] [--output docs/perf.md]
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "test" / "e2e"))
from run_model import make_inputs  # noqa: E402

MODELS = {
    "resnet18": "ResNet-18 (torchvision), 1x3x224x224",
    "gpt2_small": "GPT-2-small-shaped decoder: 12 layers, d=768, seq 128",
    "bert_base": "BERT-base-shaped encoder: 12 layers, d=768, seq 128",
}


def cpu_name():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def time_onnxruntime(path, inputs, threads, runs, warmup):
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(str(path), options,
                                   providers=["CPUExecutionProvider"])
    for _ in range(warmup):
        session.run(None, inputs)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        session.run(None, inputs)
        times.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(times), min(times)


def time_tessera(artifact, input_files, threads, runs):
    cmd = [str(ROOT / "build/bin/tessera-run"), str(artifact),
           f"--threads={threads}", f"--benchmark={runs}"]
    cmd += [f"--input={name}=@{path}" for name, path in input_files.items()]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"tessera-run failed: {proc.stderr.strip()}")
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    return summary["median_ms"], summary["min_ms"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", nargs="+", default=list(MODELS))
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3,
                        help="alternate tessera and onnxruntime this many times")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--work", default=str(ROOT / "build/bench"))
    parser.add_argument("--output", default=str(ROOT / "docs/perf.md"))
    args = parser.parse_args()

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    for name in args.models:
        model_path = work / f"{name}.onnx"
        if not model_path.exists():
            subprocess.run([sys.executable, str(ROOT / "test/models/build_models.py"),
                            name, "--out", str(work)], check=True)
        artifact = work / f"{name}.tsr"
        start = time.perf_counter()
        subprocess.run([str(ROOT / "build/bin/tessera-compile"), str(model_path),
                        "-o", str(artifact)], check=True)
        compile_s = time.perf_counter() - start

        model = onnx.load(str(model_path), load_external_data=False)
        probe = ort.InferenceSession(str(model_path),
                                     providers=["CPUExecutionProvider"])
        inputs = make_inputs(probe, model, np.random.default_rng(0))
        del probe
        files = {}
        for input_name, value in inputs.items():
            path = work / f"{name}.{input_name}.npy"
            np.save(path, value)
            files[input_name] = path

        # Alternate the two in rounds, so that a slow spell of a shared
        # machine hits both; the median of the rounds' medians is reported.
        ort_medians, ort_mins, ts_medians, ts_mins = [], [], [], []
        per_round = max(1, args.runs // args.rounds)
        for _ in range(args.rounds):
            median, minimum = time_onnxruntime(model_path, inputs, args.threads,
                                               per_round, args.warmup)
            ort_medians.append(median)
            ort_mins.append(minimum)
            median, minimum = time_tessera(artifact, files, args.threads,
                                           per_round)
            ts_medians.append(median)
            ts_mins.append(minimum)
        ort_median, ort_min = statistics.median(ort_medians), min(ort_mins)
        ts_median, ts_min = statistics.median(ts_medians), min(ts_mins)
        ratio = ts_median / ort_median
        rows.append((name, ts_median, ort_median, ratio, ts_min, ort_min,
                     compile_s))
        print(f"{name}: tessera {ts_median:.2f} ms, onnxruntime {ort_median:.2f} ms,"
              f" ratio {ratio:.2f}", flush=True)

    lines = [
        "# Performance",
        "",
        "Generated by `bench/run_bench.py`; rerun it to reproduce. Each side runs",
        f"{args.rounds} rounds of {max(1, args.runs // args.rounds)} timed runs "
        f"(after warm-up), alternating, {args.threads} threads",
        "for both, the same inputs, random weights; the table gives the median",
        "of the rounds' medians and the fastest run.",
        "",
        f"- Machine: {cpu_name()}, {os.cpu_count()} logical CPUs",
        f"- onnxruntime {ort.__version__} (CPUExecutionProvider, default graph "
        "optimizations)",
        f"- Date: {datetime.date.today().isoformat()}",
        "",
        "| model | tessera median (ms) | onnxruntime median (ms) | ratio | "
        "tessera min (ms) | onnxruntime min (ms) | compile (s) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, ts, ortm, ratio, tsmin, ortmin, comp in rows:
        lines.append(f"| {MODELS.get(name, name)} | {ts:.2f} | {ortm:.2f} | "
                     f"{ratio:.2f} | {tsmin:.2f} | {ortmin:.2f} | {comp:.1f} |")
    lines += ["", "Ratio = tessera median / onnxruntime median (lower is "
              "better; the target is at most 1.25). On a shared virtual machine "
              "the medians move by tens of percent between runs for both; the "
              "fastest runs are the steadier comparison."]
    Path(args.output).write_text("\n".join(lines) + "\n")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
