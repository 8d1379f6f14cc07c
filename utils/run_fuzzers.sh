#!/usr/bin/env bash
#===- run_fuzzers.sh - Build and run the fuzzers for a while -------------===#
#
# Part of Tessera. Configures build/fuzz (every project library under
# ASan/UBSan), builds the libFuzzer targets and runs each for SECONDS
# (default 60), seeded with the ONNX node test models of the onnx wheel.
# Exits non-zero when a fuzzer finds a crash; the reproducer is left in
# build/fuzz/findings/. Writes JUnit XML to build/test-results/fuzz.xml.
#
#   utils/run_fuzzers.sh [SECONDS]
#
#===----------------------------------------------------------------------===#
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_FUZZER=${1:-60}
FUZZ=build/fuzz
PYTHON=build/venv/bin/python

if [ ! -f "$FUZZ/build.ninja" ]; then
  cmake -S . -B "$FUZZ" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DTESSERA_ENABLE_FUZZERS=ON -DTESSERA_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$FUZZ" --target onnx-importer-fuzzer >/dev/null

mkdir -p "$FUZZ/corpus/onnx-importer" "$FUZZ/findings" build/test-results
SEEDS=$("$PYTHON" -c 'import onnx, os; print(os.path.join(os.path.dirname(onnx.__file__), "backend/test/data/node"))')
# libFuzzer takes seed directories of files; the node tests are directories.
SEED_DIR="$FUZZ/seeds/onnx-importer"
if [ ! -d "$SEED_DIR" ]; then
  mkdir -p "$SEED_DIR"
  for model in "$SEEDS"/*/model.onnx; do
    cp "$model" "$SEED_DIR/$(basename "$(dirname "$model")").onnx"
  done
fi

status=0
started=$(date +%s)
log="$FUZZ/onnx-importer.log"
# Allocations beyond 2 GiB are refused by the importer before they happen;
# -malloc_limit_mb makes any that slips through a finding.
if ! ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0 \
     "$FUZZ/bin/onnx-importer-fuzzer" "$FUZZ/corpus/onnx-importer" "$SEED_DIR" \
     -max_total_time="$SECONDS_PER_FUZZER" -timeout=20 -rss_limit_mb=6144 \
     -malloc_limit_mb=2048 -artifact_prefix="$FUZZ/findings/" \
     -print_final_stats=1 >"$log" 2>&1; then
  status=1
fi
elapsed=$(( $(date +%s) - started ))
runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
if [ "$status" -eq 0 ]; then
  echo "onnx-importer fuzzer: clean, $runs inputs in ${elapsed}s"
  failure=""
else
  echo "onnx-importer fuzzer: FOUND A CRASH (see $log and $FUZZ/findings/)"
  tail -40 "$log"
  failure='<failure message="crash found; see build/fuzz/onnx-importer.log"/>'
fi
cat >build/test-results/fuzz.xml <<XML
<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="fuzz" tests="1">
  <testcase classname="fuzz" name="onnx-importer (${SECONDS_PER_FUZZER}s, ${runs} inputs)" time="${elapsed}">${failure}</testcase>
</testsuite>
XML
exit $status
