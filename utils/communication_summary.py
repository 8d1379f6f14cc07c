#!/usr/bin/env python3
"""Prints the communication summary of a tessera-compile --report file.

  communication_summary.py report.json

One line per rank: how many collectives of each kind it runs and how many
bytes they move, then where they come from (the ONNX nodes).
"""

import collections
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
    report = json.load(open(sys.argv[1]))
    mesh = report["mesh"]
    axes = ",".join(f"{a['name']}:{a['size']}" for a in mesh["axes"]) or "one device"
    print(f"mesh {axes} ({mesh['devices']} devices)")
    per_rank = collections.defaultdict(list)
    for entry in report["collectives"]:
        per_rank[entry["rank"]].append(entry)
    for rank in range(mesh["devices"]):
        entries = per_rank.get(rank, [])
        kinds = collections.Counter(e["kind"] for e in entries)
        moved = sum(e["bytes"] for e in entries)
        parts = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
        print(f"  rank {rank}: {parts or 'no collectives'}; {size(moved)}")
    origins = collections.Counter(
        (e["kind"], ",".join(e["axes"]), e["elements"], e["location"])
        for e in per_rank.get(0, []))
    if origins:
        print("  rank 0's collectives, by origin:")
        for (kind, axes, elements, location), count in origins.items():
            print(f"    {kind} over {axes} of {elements} elements"
                  f"{f' x{count}' if count > 1 else ''}: {location}")
    for decision in report.get("resharding", []):
        print(f"  resharded {decision.get('value', '?')} for "
              f"{decision.get('user', '?')}: {decision.get('from')} -> "
              f"{decision.get('to')} ({size(decision.get('bytes', 0))})")


if __name__ == "__main__":
    main()
