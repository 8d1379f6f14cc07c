#!/usr/bin/env python3
"""Checks a Megatron-sharded transformer's collectives against the formula.

  check_collectives.py --build gpt2_tiny [--set n_layer=4] --mesh tp:2
                       --layers L --tokens B*S --hidden H

Compiles the model with --shard=megatron and --report, then checks, for
every rank, what Megatron-LM's forward pass communicates: exactly 2
all-reduces of b*s*h elements per layer (after the attention output and the
MLP's second projection), at most one more for the vocab-parallel
embedding, at most one all-gather (the output's), and nothing else. Prints
one line per rank and exits non-zero on a mismatch.
"""

import argparse
import collections
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", required=True)
    parser.add_argument("--set", action="append", default=[])
    parser.add_argument("--mesh", required=True)
    parser.add_argument("--layers", type=int, required=True)
    parser.add_argument("--tokens", type=int, required=True, help="b * s")
    parser.add_argument("--hidden", type=int, required=True)
    parser.add_argument("--bin", default=str(ROOT / "build/bin"))
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="tessera-collectives-"))
    build = [sys.executable, str(ROOT / "test/models/build_models.py"),
             args.build, "--out", str(work)]
    for item in args.set:
        build += ["--set", item]
    subprocess.run(build, check=True, stdout=subprocess.DEVNULL)
    report = work / "report.json"
    subprocess.run([str(Path(args.bin) / "tessera-compile"),
                    str(work / f"{args.build}.onnx"), "-o", str(work / "m.tsr"),
                    f"--mesh={args.mesh}", "--shard=megatron",
                    f"--report={report}"], check=True,
                   stderr=subprocess.DEVNULL)
    data = json.loads(report.read_text())
    per_rank = collections.defaultdict(list)
    for entry in data["collectives"]:
        per_rank[entry["rank"]].append(entry)

    activation = args.tokens * args.hidden
    status = 0
    for rank in range(data["mesh"]["devices"]):
        entries = per_rank[rank]
        kinds = collections.Counter(e["kind"] for e in entries)
        layer_reduces = [e for e in entries if e["kind"] == "all_reduce"
                         and e["elements"] == activation
                         and "Gather" not in e["location"]]
        embedding = [e for e in entries if e["kind"] == "all_reduce"
                     and "Gather" in e["location"]]
        others = set(kinds) - {"all_reduce", "all_gather"}
        ok = (len(layer_reduces) == 2 * args.layers and len(embedding) <= 1
              and kinds["all_reduce"] == len(layer_reduces) + len(embedding)
              and kinds["all_gather"] <= 1 and not others)
        print(f"{'ok' if ok else 'FAIL'} rank {rank}: "
              f"{len(layer_reduces)} all-reduces of {activation} elements "
              f"(expected {2 * args.layers}), {len(embedding)} for the "
              f"embedding, {kinds['all_gather']} all-gather, "
              f"{sum(kinds.values())} collectives in all"
              + (f"; unexpected {sorted(others)}" if others else ""))
        status |= 0 if ok else 1
    return status


if __name__ == "__main__":
    sys.exit(main())
