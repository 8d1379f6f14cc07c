#!/usr/bin/env bash
#===- run.sh - The GPU check: build the runtime there, measure, compare -===#
#
# Part of Tessera. For a machine with one NVIDIA GPU, the CUDA toolkit,
# cmake, a C++ compiler and PyTorch, and neither MLIR nor internet (the
# device tool's machines): builds the runtime-only configuration there
# (-DTESSERA_BUILD_COMPILER=OFF, without oneDNN; FlatBuffers, CLI11, nccl.h,
# googletest and the generated schema header come in the bundle), then runs
# test/gpu/check.py: the cuda device's unit tests, the ONNX node tests and
# the model tests on the GPU against the cpu device's outputs, a
# gpt2-small-shaped transformer against PyTorch eager, and GEMM throughput
# against cuBLAS (torch.matmul). Finishes inside eight minutes.
#
#   test/gpu/prepare.py                    # first, here: writes build-gpu/
#   test/gpu/run.sh [--device=cuda|cpu] [--bundle=DIR] [--build=DIR]
#                   [--out=DIR] [--budget=SECONDS] [--skip=STEP]...
#
# Results (results.md, the table for docs/perf.md; results.json; logs) go
# to $OUT when set (the device tool's folder that comes back), else to
# build-gpu-results/. --device=cpu runs the same on the cpu device with
# NumPy as the baseline, to test this script where there is no GPU (with a
# bundle prepared by prepare.py --device=cpu). Exit 0 when every check
# passed, 1 when one failed, 2 when the build or the bundle is missing.
#
#===----------------------------------------------------------------------===#
set -uo pipefail
cd "$(dirname "$0")/../.."
START=$(date +%s)
DEVICE=cuda
BUNDLE=build-gpu
BUILD=build-gpu-runtime
RESULTS=${OUT:-build-gpu-results}
BUDGET=480
PYTHON=${PYTHON:-python3}
SKIP=()
for arg in "$@"; do
  case "$arg" in
    --device=*) DEVICE=${arg#*=} ;;
    --bundle=*) BUNDLE=${arg#*=} ;;
    --build=*) BUILD=${arg#*=} ;;
    --out=*) RESULTS=${arg#*=} ;;
    --budget=*) BUDGET=${arg#*=} ;;
    --skip=*) SKIP+=("--skip" "${arg#*=}") ;;
    *) echo "run.sh: unknown argument $arg (see the header of $0)" >&2; exit 2 ;;
  esac
done
if [ ! -f "$BUNDLE/MANIFEST.json" ]; then
  echo "run.sh: no bundle in $BUNDLE: run test/gpu/prepare.py first (and carry it)" >&2
  exit 2
fi
mkdir -p "$RESULTS"
exec > >(tee "$RESULTS/log.txt") 2>&1
DEPS=$(cd "$BUNDLE/deps" && pwd)
echo "== $(date -u +%FT%TZ) tessera GPU check on $(hostname), device $DEVICE"
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader

# cuBLASLt and NCCL: the toolkit's, else those of the PyTorch wheels.
extra=$("$PYTHON" - <<'PY' 2>/dev/null
import glob, os, site
dirs = []
for base in site.getsitepackages():
    dirs += sorted(glob.glob(os.path.join(base, "nvidia", "*", "lib")))
print(":".join(dirs))
PY
)
export LD_LIBRARY_PATH=${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}/usr/local/cuda/lib64${extra:+:$extra}

echo "== building the runtime ($BUILD)"
GENERATOR="Unix Makefiles"
command -v ninja >/dev/null && GENERATOR=Ninja
if ! cmake -S . -B "$BUILD" -G "$GENERATOR" -DCMAKE_BUILD_TYPE=Release \
    -DTESSERA_BUILD_COMPILER=OFF -DTESSERA_WITH_DNNL=OFF \
    -DCMAKE_PREFIX_PATH="$DEPS" \
    -DTESSERA_SCHEMA_HEADER="$DEPS/tessera_artifact_generated.h" \
    -DCMAKE_DISABLE_FIND_PACKAGE_GTest=ON \
    -DTESSERA_GTEST_SOURCE_DIR="$DEPS/googletest" >"$RESULTS/cmake.txt" 2>&1; then
  tail -30 "$RESULTS/cmake.txt"
  echo "run.sh: cmake failed (the whole output is in cmake.txt)"
  exit 2
fi
grep "Tessera runtime:" "$RESULTS/cmake.txt"
if ! cmake --build "$BUILD" -j "$(nproc)" --target tessera-run tessera-inspect \
    RuntimeCudaTests write-gemm-artifact >"$RESULTS/build.txt" 2>&1; then
  grep -B2 -A8 -m5 "error" "$RESULTS/build.txt" | head -60
  echo "run.sh: the build failed (the whole output is in build.txt)"
  exit 2
fi
echo "   built in $(( $(date +%s) - START )) s"

LEFT=$(( BUDGET - ($(date +%s) - START) - 15 ))
echo "== checking ($LEFT s left)"
"$PYTHON" test/gpu/check.py --bundle "$BUNDLE" --bin "$BUILD/bin" \
  --tests "$BUILD/test/unit/bin" --out "$RESULTS" --device "$DEVICE" \
  --budget "$LEFT" "${SKIP[@]}"
status=$?
echo "== done in $(( $(date +%s) - START )) s, exit $status"
exit $status
