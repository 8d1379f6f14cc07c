#!/usr/bin/env bash
#===- demo.sh - What `make demo` shows -----------------------------------===#
#
# Part of Tessera. Runs tessera-opt on the bundled decoder block and shows
# what the graph passes did: cost before and after, which ops were folded
# away, the optimized IR, and the sharding rules that distribution will
# build on.
#
#===----------------------------------------------------------------------===#
set -euo pipefail
cd "$(dirname "$0")/.."

OPT=build/bin/tessera-opt
INPUT=examples/transformer_block.mlir
OUT=build/demo
mkdir -p "$OUT"

section() { printf '\n== %s ==\n' "$*"; }
op_histogram() { grep -o 'tessera\.[a-z_0-9]*' "$1" | sort | uniq -c; }

section "Input: $INPUT (a GPT-2-style decoder block in the tessera dialect)"
"$OPT" "$INPUT" --tessera-print-cost -o "$OUT/input.mlir" 2>&1

section "Running: tessera-opt --tessera-graph-optimize"
"$OPT" "$INPUT" --tessera-graph-optimize --tessera-print-cost \
  -o "$OUT/optimized.mlir" 2>&1

section "What changed (op counts: before -> after)"
join -1 2 -2 2 -a 1 -a 2 -e 0 -o 0,1.1,2.1 \
  <(op_histogram "$OUT/input.mlir" | sort -k2) \
  <(op_histogram "$OUT/optimized.mlir" | sort -k2) |
  awk '$2 != $3 { printf "  %-22s %3d -> %3d\n", $1, $2, $3 }'
echo "  (the causal mask and the attention scale were folded into constants;"
echo "   reshape(reshape(x)) became one reshape)"

section "Optimized IR (full text in $OUT/optimized.mlir)"
sed -n '1,12p' "$OUT/optimized.mlir"
echo "  ..."

section "Sharding rules of the heavy ops (what tensor parallelism builds on)"
"$OPT" "$OUT/optimized.mlir" --tessera-test-sharding-rules -o /dev/null 2>&1 |
  awk -F': remark: sharding rule: ' 'NF == 2 { rule = $2; getline; print rule "\t" $0 }' |
  grep -E 'tessera\.(matmul|softmax|layer_norm)' |
  sed -E 's/^(.*)\t *(%[^ ]+ = )?(tessera\.[a-z_0-9]+).*/  \3  \1/' | sort -u
echo
echo "Demo done. Try: $OPT --help | grep tessera"
