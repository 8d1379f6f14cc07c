#!/usr/bin/env bash
#===- run_fuzzers.sh - Build and run the fuzzers for a while -------------===#
#
# Part of Tessera. Configures build/fuzz (every project library under
# ASan/UBSan), builds the libFuzzer targets and runs each for SECONDS
# (default 60): the ONNX importer seeded with the ONNX node test models of
# the onnx wheel, the artifact loader seeded with hand-built artifacts
# (artifact-fuzz-seeds). Exits non-zero when a fuzzer finds a crash; the
# reproducer is left in build/fuzz/findings/. Writes JUnit XML (one test
# case per fuzzer) to build/test-results/fuzz.xml.
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
cmake --build "$FUZZ" --target onnx-importer-fuzzer artifact-loader-fuzzer \
  artifact-fuzz-seeds >/dev/null

mkdir -p "$FUZZ/corpus/onnx-importer" "$FUZZ/corpus/artifact-loader" \
  "$FUZZ/findings" build/test-results
SEEDS=$("$PYTHON" -c 'import onnx, os; print(os.path.join(os.path.dirname(onnx.__file__), "backend/test/data/node"))')
# libFuzzer takes seed directories of files; the node tests are directories.
SEED_DIR="$FUZZ/seeds/onnx-importer"
if [ ! -d "$SEED_DIR" ]; then
  mkdir -p "$SEED_DIR"
  for model in "$SEEDS"/*/model.onnx; do
    cp "$model" "$SEED_DIR/$(basename "$(dirname "$model")").onnx"
  done
fi

# The loader's seeds: valid (and a few invalid) artifacts.
ARTIFACT_SEEDS="$FUZZ/seeds/artifact-loader"
if [ ! -d "$ARTIFACT_SEEDS" ]; then
  scratch=$(mktemp -d)
  "$FUZZ/bin/artifact-fuzz-seeds" "$scratch" >/dev/null
  mkdir -p "$ARTIFACT_SEEDS"
  cp "$scratch"/*.tsr "$ARTIFACT_SEEDS/"
  rm -rf "$scratch"
fi

status=0
cases=""
# run_fuzzer NAME SEED_DIR: runs build/fuzz/bin/NAME-fuzzer, adds a test case.
run_fuzzer() {
  local name=$1 seeds=$2 failed=0
  local log="$FUZZ/$name.log" started elapsed runs failure
  started=$(date +%s)
  # Allocations beyond 2 GiB are refused before they happen; -malloc_limit_mb
  # makes any that slips through a finding.
  if ! ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0 \
       "$FUZZ/bin/$name-fuzzer" "$FUZZ/corpus/$name" "$seeds" \
       -max_total_time="$SECONDS_PER_FUZZER" -timeout=20 -rss_limit_mb=6144 \
       -malloc_limit_mb=2048 -artifact_prefix="$FUZZ/findings/" \
       -print_final_stats=1 >"$log" 2>&1; then
    failed=1
    status=1
  fi
  elapsed=$(( $(date +%s) - started ))
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  if [ "$failed" -eq 0 ]; then
    echo "$name fuzzer: clean, $runs inputs in ${elapsed}s"
    failure=""
  else
    echo "$name fuzzer: FOUND A CRASH (see $log and $FUZZ/findings/)"
    tail -40 "$log"
    failure="<failure message=\"crash found; see $log\"/>"
  fi
  cases="$cases
  <testcase classname=\"fuzz\" name=\"$name (${SECONDS_PER_FUZZER}s, ${runs} inputs)\" time=\"${elapsed}\">${failure}</testcase>"
}

run_fuzzer onnx-importer "$SEED_DIR"
run_fuzzer artifact-loader "$ARTIFACT_SEEDS"

cat >build/test-results/fuzz.xml <<XML
<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="fuzz" tests="2">$cases
</testsuite>
XML
exit $status
