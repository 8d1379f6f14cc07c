#!/usr/bin/env bash
#===- bootstrap.sh - Install what Tessera needs and is missing -----------===#
#
# Part of Tessera. Called by `make demo` and `make test` on every run; does
# nothing when everything is already there. Installs Debian 12 packages
# (apt-get, non-interactive) and the pinned Python packages of
# utils/requirements.txt into build/venv.
#
#===----------------------------------------------------------------------===#
set -euo pipefail
cd "$(dirname "$0")/.."

# What the build, the tests and the demo use. LLVM/MLIR 22 come from
# Debian's bookworm-security; libclang-rt-22-dev brings libFuzzer and the
# sanitizers for the fuzz targets. The runtime uses FlatBuffers (the
# artifact), oneDNN (the cpu device's library calls), CLI11 (its tools) and
# OpenMPI (one process per rank under mpirun, and its tests).
APT_PACKAGES=(
  cmake ninja-build ccache git
  clang-22 lld-22 llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools
  libclang-rt-22-dev
  libonnx-dev libprotobuf-dev
  flatbuffers-compiler libflatbuffers-dev libdnnl-dev libcli11-dev
  libopenmpi-dev openmpi-bin
  libgtest-dev libgmock-dev
  python3 python3-venv
)

log() { printf '[bootstrap] %s\n' "$*"; }

missing=()
for package in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null |
      grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null; then
      log "error: packages ${missing[*]} are missing and this user cannot install them (not root, no sudo)" >&2
      exit 1
    fi
    SUDO="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q >/dev/null
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

# The Python environment: recreated when requirements.txt changes.
VENV=build/venv
STAMP="$VENV/.requirements.sha256"
want=$(sha256sum utils/requirements.txt | cut -d' ' -f1)
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$STAMP" 2>/dev/null)" != "$want" ]; then
  log "creating $VENV with the pinned packages of utils/requirements.txt"
  rm -rf "$VENV"
  mkdir -p build
  # Prefer the python3 on PATH; fall back to Debian's, which python3-venv
  # above makes able to create environments.
  if ! python3 -m venv "$VENV" 2>/dev/null; then
    rm -rf "$VENV"
    /usr/bin/python3 -m venv "$VENV"
  fi
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check \
    -r utils/requirements.txt
  echo "$want" >"$STAMP"
fi
