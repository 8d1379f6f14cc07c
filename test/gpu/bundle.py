"""What prepare.py (here) and check.py (on the GPU machine) share.

The bundle is a folder (build-gpu/ by default, ignored by git) that
test/gpu/run.sh needs on a GPU machine without MLIR or internet:

  MANIFEST.json        what is inside and how it was made
  deps/                headers and sources the runtime-only build lacks
                       there: FlatBuffers, CLI11, nccl.h, googletest, the
                       flatc-generated schema header
  node.tar.xz          ONNX node tests: node/<test>/model.tsr, in_<i>.npy,
                       ref_<i>.npy (the cpu device's outputs, which matched
                       the onnx package's expected outputs here)
  models/<name>/       model.tsr.xz (weights left out: "dry"), recipe.json
                       (how to put them back), in_<i>.npy, ref_<i>.npy
  transformer/         the GEMM-heavy GPT-2: model.tsr.xz, recipe.json,
                       input_ids.npy, config.json

Artifacts are big only because of their weights, so their weight segments
are left out and put back on the GPU machine ("hydrated") from the same
ONNX model, rebuilt there by test/models/build_models.py from its seed
(numpy's generator streams are stable across versions). Every segment put
back is checked against the SHA-1 recorded here, and tessera-run checks the
artifact's own XXH64 checksums when it loads it.
"""

import hashlib
import json
import lzma
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
BUILD_MODELS = ROOT / "test" / "models" / "build_models.py"

# ONNX node tests and models compare with the cpu device's outputs at the
# onnx backend's tolerances; whole models by the normalized max error.
NODE_RTOL, NODE_ATOL = 1e-3, 1e-7
MODEL_TOLERANCE = 1e-3


def run(cmd, timeout=None, **kwargs):
    """subprocess.run with text output captured; never raises on a timeout
    (returncode None)."""
    try:
        return subprocess.run([str(c) for c in cmd], capture_output=True,
                              text=True, errors="replace", timeout=timeout,
                              **kwargs)
    except subprocess.TimeoutExpired as e:
        return subprocess.CompletedProcess(e.cmd, None, e.stdout or "",
                                           (e.stderr or "") + "\n(timed out)")


def last_line(text):
    lines = [line for line in (text or "").strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def sha1(data):
    return hashlib.sha1(data).hexdigest()


# ---------------------------------------------------------------- models

def build_model(python, name, out_dir, build_args=()):
    """Writes test/models' NAME into out_dir; returns the .onnx path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    proc = run([python, BUILD_MODELS, name, "--out", out_dir, *build_args],
               timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(f"build_models.py {name} failed: "
                           f"{last_line(proc.stderr) or last_line(proc.stdout)}")
    return out_dir / f"{name}.onnx"


def onnx_initializers(onnx_path):
    """name -> numpy array of every initializer."""
    import onnx
    from onnx import numpy_helper
    model = onnx.load(str(onnx_path))
    return {init.name: numpy_helper.to_array(init)
            for init in model.graph.initializer}


def model_inputs(onnx_path, seed=0):
    """Random inputs for a model, as test/e2e/run_model.py draws them: token
    ids inside the table they index, masks of ones with two padding
    positions, token types 0/1, floats N(0, 1)."""
    import onnx
    model = onnx.load(str(onnx_path), load_external_data=False)
    sizes = {init.name: list(init.dims) for init in model.graph.initializer}
    bounds = {}
    for node in model.graph.node:
        if node.op_type == "Gather" and len(node.input) >= 2:
            table, index = node.input[0], node.input[1]
            if table in sizes:
                axis = next((a.i for a in node.attribute if a.name == "axis"), 0)
                bounds[index] = min(bounds.get(index, sizes[table][axis]),
                                    sizes[table][axis])
    rng = np.random.default_rng(seed)
    initializers = set(sizes)
    inputs = {}
    for value in model.graph.input:
        if value.name in initializers:
            continue
        t = value.type.tensor_type
        shape = [d.dim_value if d.dim_value > 0 else 1 for d in t.shape.dim]
        dtype = onnx.helper.tensor_dtype_to_np_dtype(t.elem_type)
        if np.issubdtype(dtype, np.integer):
            if "mask" in value.name:
                x = np.ones(shape, dtype=dtype)
                if x.ndim >= 1 and x.shape[-1] > 2:
                    x[..., -2:] = 0
            elif "token_type" in value.name:
                x = rng.integers(0, 2, size=shape).astype(dtype)
            else:
                x = rng.integers(0, bounds.get(value.name, 100),
                                 size=shape).astype(dtype)
        elif dtype == np.bool_:
            x = rng.integers(0, 2, size=shape).astype(bool)
        else:
            x = rng.standard_normal(shape).astype(dtype)
        inputs[value.name] = x
    return inputs


# ---------------------------------------------------------- dehydration

def segment_table(inspect_bin, artifact):
    """[{offset, bytes, xxh64}] of an artifact's segments (tessera-inspect)."""
    proc = run([inspect_bin, artifact, "--json", "--no-verify-checksums"],
               timeout=120)
    if proc.returncode != 0:
        raise RuntimeError(f"tessera-inspect {artifact}: {last_line(proc.stderr)}")
    return json.loads(proc.stdout)["segments"]["list"]


def dehydrate(artifact, onnx_path, inspect_bin, out_dir, build):
    """Writes out_dir/model.tsr.xz (the artifact with every segment that is
    an initializer of onnx_path, or its transpose, zeroed) and
    out_dir/recipe.json (which initializer fills which segment; `build` says
    how to rebuild the ONNX model: {"model": NAME, "args": [...]})."""
    by_hash = {}
    for name, value in onnx_initializers(onnx_path).items():
        value = np.ascontiguousarray(value)
        by_hash.setdefault(sha1(value.tobytes()), (name, "raw"))
        if value.ndim == 2:
            by_hash.setdefault(sha1(np.ascontiguousarray(value.T).tobytes()),
                               (name, "T"))
    data = bytearray(Path(artifact).read_bytes())
    filled, kept = [], 0
    for index, segment in enumerate(segment_table(inspect_bin, artifact)):
        begin, size = segment["offset"], segment["bytes"]
        digest = sha1(bytes(data[begin:begin + size]))
        if size >= 256 and digest in by_hash:
            name, transform = by_hash[digest]
            filled.append({"segment": index, "offset": begin, "bytes": size,
                           "initializer": name, "transform": transform,
                           "sha1": digest})
            data[begin:begin + size] = bytes(size)
        else:
            kept += size
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "model.tsr.xz").write_bytes(lzma.compress(bytes(data), preset=6))
    recipe = {"build": build, "file_bytes": len(data), "segments": filled}
    (out_dir / "recipe.json").write_text(json.dumps(recipe, indent=1) + "\n")
    return {"filled_bytes": sum(f["bytes"] for f in filled), "kept_bytes": kept}


def hydrate(model_dir, python, scratch, out_artifact):
    """Rebuilds model_dir's artifact into out_artifact (the reverse of
    dehydrate). Raises RuntimeError saying what differs."""
    model_dir = Path(model_dir)
    recipe = json.loads((model_dir / "recipe.json").read_text())
    data = bytearray(lzma.decompress((model_dir / "model.tsr.xz").read_bytes()))
    if recipe["segments"]:
        build = recipe["build"]
        onnx_path = build_model(python, build["model"], scratch, build["args"])
        values = onnx_initializers(onnx_path)
        for entry in recipe["segments"]:
            value = values.get(entry["initializer"])
            if value is None:
                raise RuntimeError(f"the rebuilt {build['model']} has no "
                                   f"initializer {entry['initializer']}")
            if entry["transform"] == "T":
                value = value.T
            raw = np.ascontiguousarray(value).tobytes()
            if sha1(raw) != entry["sha1"]:
                raise RuntimeError(
                    f"initializer {entry['initializer']} of the rebuilt "
                    f"{build['model']} differs from the one compiled (numpy "
                    f"{np.__version__} draws other numbers?)")
            data[entry["offset"]:entry["offset"] + entry["bytes"]] = raw
    Path(out_artifact).write_bytes(bytes(data))


# ----------------------------------------------------------- comparison

def compare_node(ours, reference):
    """None when ours matches the reference at the node tests' tolerances,
    else what differs."""
    if ours.dtype.kind == "V" and reference.dtype.kind == "V":
        ours, reference = ours.view(np.uint16), reference.view(np.uint16)
    if ours.shape != reference.shape:
        return f"shape {list(ours.shape)}, expected {list(reference.shape)}"
    if ours.dtype != reference.dtype:
        return f"dtype {ours.dtype}, expected {reference.dtype}"
    if reference.dtype.kind in "biuV":
        bad = np.flatnonzero(ours.reshape(-1) != reference.reshape(-1))
        return None if bad.size == 0 else (
            f"{bad.size} elements differ, first at {bad[0]}")
    a = ours.astype(np.float64).reshape(-1)
    b = reference.astype(np.float64).reshape(-1)
    nan = np.isnan(b)
    if np.any(np.isnan(a) != nan):
        return "NaNs differ"
    a, b = a[~nan], b[~nan]
    same_inf = np.isinf(b) & (a == b)
    bad = ~same_inf & ~(np.abs(a - b) <= NODE_ATOL + NODE_RTOL * np.abs(b))
    if np.any(bad):
        i = int(np.flatnonzero(bad)[0])
        return f"element {i}: {a[i]:.7g} vs {b[i]:.7g}"
    return None


def normalized_error(ours, reference):
    """max |ours - reference| / max |reference| (0 when both are 0)."""
    a = np.asarray(ours, dtype=np.float64)
    b = np.asarray(reference, dtype=np.float64)
    scale = float(np.max(np.abs(b))) if b.size else 0.0
    diff = float(np.max(np.abs(a - b))) if b.size else 0.0
    return diff / scale if scale > 0 else diff


def write_json(path, value):
    Path(path).write_text(json.dumps(value, indent=1, sort_keys=True) + "\n")


def log(*args):
    print(*args, flush=True)
    sys.stdout.flush()
