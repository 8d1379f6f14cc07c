#!/usr/bin/env bash
#===- demo.sh - What `make demo` shows -----------------------------------===#
#
# Part of Tessera. The main job on the bundled model (examples/gpt2_tiny, a
# GPT-2-shaped decoder exported to ONNX): compile it to an artifact, show
# what is inside, run it on the stored input, compare the output with the
# stored onnxruntime reference, and measure its latency; then the same on 4
# devices with Megatron tensor parallelism, and the communication it does.
# Exits non-zero if any step fails or an output differs from the reference.
#
#===----------------------------------------------------------------------===#
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=build/bin
MODEL_DIR=examples/gpt2_tiny
OUT=build/demo
RUNS=${DEMO_RUNS:-50}
mkdir -p "$OUT"

section() { printf '\n== %s ==\n' "$*"; }
show() { printf '$ %s\n' "$*"; "$@"; }

section "The model: $MODEL_DIR/model.onnx"
echo "A GPT-2-shaped decoder as torch.onnx.export writes it: 2 layers, d=64,"
echo "4 heads, vocabulary 1000, 16 tokens (random weights; see"
echo "$MODEL_DIR/regenerate.py). Input: input_ids i64[1,16]; output: logits."

section "Compile: ONNX -> artifact"
start=$(date +%s%N)
show "$BIN/tessera-compile" "$MODEL_DIR/model.onnx" -o "$OUT/gpt2_tiny.tsr" \
  --report="$OUT/report.json"
end=$(date +%s%N)
echo "compiled in $(( (end - start) / 1000000 )) ms; what the compiler decided:" \
  "$OUT/report.json"

section "Inside the artifact"
show "$BIN/tessera-inspect" "$OUT/gpt2_tiny.tsr" | sed -n '1,12p'

section "Run on the stored input, compare with onnxruntime's output"
show "$BIN/tessera-run" "$OUT/gpt2_tiny.tsr" \
  --input=input_ids=@"$MODEL_DIR/input_ids.npy" \
  --expected-output=logits=@"$MODEL_DIR/logits.npy"

section "Latency: $RUNS runs on the cpu device"
"$BIN/tessera-run" "$OUT/gpt2_tiny.tsr" \
  --input=input_ids=@"$MODEL_DIR/input_ids.npy" --benchmark="$RUNS" |
  sed -n '1,2p'

section "The same model on 4 devices: Megatron tensor parallelism (tp:4)"
show "$BIN/tessera-compile" "$MODEL_DIR/model.onnx" -o "$OUT/gpt2_tiny_tp4.tsr" \
  --mesh=tp:4 --shard=megatron --report="$OUT/report_tp4.json" 2>"$OUT/sharding.log"
echo "what the strategy recognized (full log: $OUT/sharding.log):"
grep -o 'tessera-shard-megatron: tp = .*' "$OUT/sharding.log" | sed 's/^/  /'
show "$BIN/tessera-run" "$OUT/gpt2_tiny_tp4.tsr" --devices=4 \
  --input=input_ids=@"$MODEL_DIR/input_ids.npy" \
  --expected-output=logits=@"$MODEL_DIR/logits.npy" | grep -v '^  values'

section "Communication (from --report): per rank, and where it comes from"
build/venv/bin/python utils/communication_summary.py "$OUT/report_tp4.json"
echo "  Megatron's count for 2 layers: 2 all-reduces per layer, one for the"
echo "  vocab-parallel embedding, one gather of the logits."

echo
echo "Demo done. Next: docs/running.md (tessera-run), docs/sharding.md (meshes"
echo "and strategies), bench/run_bench.py (against onnxruntime)."
