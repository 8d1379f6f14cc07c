#!/usr/bin/env python3
"""Prints the pipeline stages of a tessera-compile --report file.

  pipeline_summary.py report.json

One line per stage: its ranks, ops, share of the total cost, the
activation bytes that cross its cuts and the weight bytes it holds; then
the balance (slowest stage over the mean) and the schedule's predicted
bubble, with gpipe's (p-1)/(m+p-1) on equal stages for comparison.
"""

import json
import sys


def size(n):
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    try:
        report = json.load(open(sys.argv[1]))
    except (OSError, ValueError) as error:
        sys.exit(f"pipeline_summary.py: cannot read {sys.argv[1]}: {error}")
    pipeline = report.get("pipeline")
    if not pipeline:
        sys.exit(f"pipeline_summary.py: {sys.argv[1]} has no pipeline (compile "
                 "with a mesh axis pp of 2 or more)")
    stages = pipeline["stages"]
    total = sum(s["cost"] for s in stages) or 1
    p, m = pipeline["devices"], pipeline["microbatches"]
    print(f"{len(stages)} stages on {p} devices, {m} microbatches, "
          f"{pipeline['schedule']} schedule")
    print(f"  {'stage':>5}  {'ranks':<12} {'ops':>5} {'cost':>7}  "
          f"{'act. in':>10} {'act. out':>10} {'weights':>10}")
    for s in stages:
        ranks = ",".join(str(r) for r in s["ranks"])
        print(f"  {s['stage']:>5}  {ranks:<12} {s['ops']:>5} "
              f"{100 * s['cost'] / total:>6.1f}%  "
              f"{size(s['activation_bytes_in']):>10} "
              f"{size(s['activation_bytes_out']):>10} "
              f"{size(s.get('weight_bytes', 0)):>10}")
    print(f"slowest stage / mean: {pipeline['slowest_stage_over_mean']:.3f}")
    print(f"predicted bubble: {pipeline['predicted_bubble_fraction']:.3f} "
          f"(equal stages, gpipe: (p-1)/(m+p-1) = {(p - 1) / (m + p - 1):.3f})")


if __name__ == "__main__":
    main()
