#!/usr/bin/env python3
"""Checks a pipelined model's stage report and its execution trace.

  check_pipeline.py --build gpt2_tiny [--set n_layer=8] --mesh pp:4
                    --microbatches 4 [--schedule gpipe] [--virtual-stages 2]
                    [--shard megatron] [--mpirun] [--max-imbalance 1.15]

Compiles the model with --report and runs it with --trace (threads of one
tessera-run, or one process per rank under mpirun), then checks:

  report  every stage has the report's fields; the slowest stage costs at
          most --max-imbalance times the mean; the predicted bubble is at
          least (p-1)/(m+p-1), gpipe's on uniform stages (uneven stages
          only add to it), and at most that plus the imbalance's share;
  trace   one lane per rank, named after its device and rank; on each lane,
          every run's microbatch spans in exactly the schedule's order for
          that device (computed here, independently of the compiler), each
          on a stage the report gives that rank; the run's idle time is
          reported and equals the sum of its idle spans.

Prints one line per check and exits non-zero on a failure.
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def schedule_order(kind, devices, virtual, microbatches, device):
    """The (stage, microbatch) items a pipeline device runs, in order.

    Forward only: gpipe and 1f1b take each microbatch through the device's
    stages in turn; Megatron's interleaved schedule takes microbatches in
    groups of `devices`, each group through the device's virtual stages.
    Stage s runs on device s % devices."""
    stages = [v * devices + device for v in range(virtual)]
    if kind in ("gpipe", "1f1b"):
        return [(s, m) for m in range(microbatches) for s in stages]
    order = []
    for first in range(0, microbatches, devices):
        group = range(first, min(first + devices, microbatches))
        order += [(s, m) for s in stages for m in group]
    return order


def mesh_axes(mesh):
    return [(axis.split(":")[0], int(axis.split(":")[1]))
            for axis in mesh.split(",")]


def pipeline_coordinate(mesh, rank):
    """The rank's coordinate on the pp axis (ranks are row-major)."""
    coordinate = None
    for name, size in reversed(mesh_axes(mesh)):
        if name == "pp":
            coordinate = rank % size
        rank //= size
    return coordinate


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", required=True)
    parser.add_argument("--set", action="append", default=[])
    parser.add_argument("--mesh", required=True)
    parser.add_argument("--shard", default="none")
    parser.add_argument("--microbatches", type=int, required=True)
    parser.add_argument("--schedule", default="gpipe")
    parser.add_argument("--virtual-stages", type=int, default=1)
    parser.add_argument("--max-imbalance", type=float, default=1.15)
    parser.add_argument("--runs", type=int, default=2,
                        help="timed runs after the warm-up (--benchmark); "
                             "all are traced and checked")
    parser.add_argument("--mpirun", action="store_true")
    parser.add_argument("--bin", default=str(ROOT / "build/bin"))
    parser.add_argument("--work")
    args = parser.parse_args()

    work = Path(args.work or tempfile.mkdtemp(prefix="tessera-pipeline-"))
    work.mkdir(parents=True, exist_ok=True)
    build = [sys.executable, str(ROOT / "test/models/build_models.py"),
             args.build, "--out", str(work)]
    for item in args.set:
        build += ["--set", item]
    subprocess.run(build, check=True, stdout=subprocess.DEVNULL)

    artifact, report_path = work / "pipelined.tsr", work / "report.json"
    compile_cmd = [str(Path(args.bin) / "tessera-compile"),
                   str(work / f"{args.build}.onnx"), "-o", str(artifact),
                   f"--mesh={args.mesh}", f"--shard={args.shard}",
                   f"--microbatches={args.microbatches}",
                   f"--schedule={args.schedule}", f"--report={report_path}"]
    if args.virtual_stages > 1:
        compile_cmd.append(f"--virtual-stages={args.virtual_stages}")
    if subprocess.run(compile_cmd, stderr=subprocess.DEVNULL).returncode:
        print("FAIL: tessera-compile failed: " + " ".join(compile_cmd))
        return 1

    failures = 0

    def check(ok, message):
        nonlocal failures
        print(f"{'ok' if ok else 'FAIL'} {message}")
        failures += 0 if ok else 1

    # The report.
    pipeline = json.loads(report_path.read_text())["pipeline"]
    devices = dict(mesh_axes(args.mesh))["pp"]
    stages = pipeline["stages"]
    fields = {"stage", "ranks", "cost", "ops", "activation_bytes_in",
              "activation_bytes_out"}
    check(all(fields <= set(s) for s in stages) and
          [s["stage"] for s in stages] ==
          list(range(devices * args.virtual_stages)),
          f"report: {len(stages)} stages, each with {sorted(fields)}")
    costs = [s["cost"] for s in stages]
    imbalance = max(costs) / (sum(costs) / len(costs))
    check(imbalance <= args.max_imbalance and
          abs(imbalance - pipeline["slowest_stage_over_mean"]) < 1e-9,
          f"report: slowest stage / mean = {imbalance:.3f} "
          f"(limit {args.max_imbalance})")
    p, m = devices, args.microbatches
    uniform = (p - 1) / (m + p - 1)
    bubble = pipeline["predicted_bubble_fraction"]
    if args.schedule == "gpipe":
        # With stage times t, gpipe's makespan is sum(t) + (m-1) max(t),
        # so the bubble lies between the uniform one and what the slowest
        # stage adds.
        worst = 1 - m * len(costs) / (p * (len(costs) + (m - 1) * imbalance))
        check(uniform - 1e-9 <= bubble <= worst + 1e-9,
              f"report: predicted bubble {bubble:.4f} within "
              f"[(p-1)/(m+p-1) = {uniform:.4f}, {worst:.4f}]")
    else:
        check(0 <= bubble < 1, f"report: predicted bubble {bubble:.4f}")
    stages_of_rank = {}
    for s in stages:
        for rank in s["ranks"]:
            stages_of_rank.setdefault(rank, set()).add(s["stage"])

    # The trace.
    ranks = 1
    for _, size in mesh_axes(args.mesh):
        ranks *= size
    trace_path = work / "trace.json"
    run_cmd = [str(Path(args.bin) / "tessera-run"), str(artifact),
               "--random-inputs", f"--trace={trace_path}",
               f"--benchmark={args.runs}"]
    if args.mpirun:
        run_cmd = ["mpirun", "--allow-run-as-root", "--oversubscribe", "-np",
                   str(ranks)] + run_cmd
    if subprocess.run(run_cmd, stdout=subprocess.DEVNULL).returncode:
        print("FAIL: tessera-run failed: " + " ".join(run_cmd))
        return 1
    events = json.loads(trace_path.read_text())["traceEvents"]
    lanes = {e["tid"]: e["args"]["name"] for e in events
             if e.get("name") == "thread_name"}
    check(sorted(lanes) == list(range(ranks)) and
          all(lanes[r].endswith(f":{r} (rank {r})") for r in lanes),
          f"trace: {len(lanes)} lanes, one per rank")
    for rank in range(ranks):
        device = pipeline_coordinate(args.mesh, rank)
        expected = schedule_order(args.schedule, devices, args.virtual_stages,
                                  m, device)
        runs = sorted({e["args"]["run"] for e in events
                       if e.get("tid") == rank and e.get("cat") == "Run"})
        problems = []
        # --benchmark runs once more to warm up.
        if len(runs) != args.runs + 1:
            problems.append(f"{len(runs)} runs traced, expected "
                            f"{args.runs + 1}")
        for run in runs:
            mine = [e for e in events if e.get("tid") == rank and
                    e.get("ph") == "X" and e["args"].get("run") == run]
            spans = sorted((e for e in mine if e["cat"] == "Microbatch"),
                           key=lambda e: e["ts"])
            order = [(e["args"].get("stage", -1), e["args"]["microbatch"])
                     for e in spans]
            if order != expected:
                problems.append(f"run {run} ran {order}, expected {expected}")
            if {s for s, _ in order} - stages_of_rank.get(rank, set()):
                problems.append(f"run {run} ran stages the report does not "
                                f"give rank {rank}")
            [whole] = [e for e in mine if e["cat"] == "Run"]
            idle = sum(e["dur"] for e in mine if e["cat"] == "Idle")
            if abs(whole["args"].get("idle_us", -1) - idle) > 0.01 * len(mine):
                problems.append(f"run {run} reports idle_us "
                                f"{whole['args'].get('idle_us')}, its idle "
                                f"spans add up to {idle:.3f}")
        check(not problems,
              f"trace: rank {rank} (pp device {device}) ran "
              f"{len(expected)} microbatch items per run in {args.schedule} "
              f"order" + ("" if not problems else ": " + "; ".join(problems)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
