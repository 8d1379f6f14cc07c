#!/usr/bin/env python3
"""Prepares the bundle test/gpu/run.sh needs on a GPU machine (see bundle.py).

Run here, where the compiler is built:

  build/venv/bin/python test/gpu/prepare.py [--bin build/bin]
  build/venv/bin/python test/gpu/prepare.py --device=cpu ...   # to test
                                        # run.sh here: artifacts for the cpu

Steps, each printed with what it kept:
  deps         headers and sources the runtime-only build lacks on the GPU
               machine (it has CUDA, cmake and a compiler, no Debian
               packages): FlatBuffers, CLI11, nccl.h, googletest, and the
               schema header flatc generated in the runtime build
  node tests   every ONNX node test of the onnx package that compiles for
               --target and for the cpu, whose cpu outputs match the onnx
               package's expected outputs: the --target artifact, the inputs,
               and the cpu outputs as the reference
  models       test/models models (and sharded ones, several ranks sharing
               the GPU), the cpu outputs on random inputs as the reference
  transformer  a GPT-2 of gpt2-small's width and depth (--transformer), for
               the comparison with PyTorch eager on the GPU
Models' weights are not copied: bundle.dehydrate leaves them out, and
run.sh puts them back from the same models rebuilt there.
"""

import argparse
import concurrent.futures
import json
import lzma
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bundle  # noqa: E402
from bundle import ROOT, log, run  # noqa: E402

# test/models models: small ones whole; (name, build args, compile flags).
MODELS = [
    ("mlp", [], []),
    ("gpt2_tiny", [], []),
    ("bert_tiny", [], []),
    ("llama_tiny", [], []),
    ("resnet_tiny", [], []),
    ("mobilenetv2_tiny", [], []),
    ("efficientnet_tiny", [], []),
    # Meshes on one GPU: the ranks share it, so their collectives go
    # through host memory; the reference is the one-device cpu run.
    ("gpt2_tiny", [], ["--mesh=tp:2", "--shard=megatron"]),
    ("mlp", [], ["--mesh=dp:2", "--shard=data"]),
    # A pipeline: stage 0 sends microbatches to stage 1 on the cuda device.
    ("gpt2_tiny", ["--set", "batch=4"], ["--mesh=pp:2", "--microbatches=2"]),
]

# GPT-2 small's width and depth; a vocabulary and context of 8192 and 256
# keep the logits (what every run copies back) at 64 MiB.
TRANSFORMER = "n_layer=12,n_embd=768,n_head=12,vocab=8192,n_ctx=256,batch=8,seq=256"
# --device=cpu tests the script's plumbing where the runtime has no oneDNN
# (reference loops): GPT-2 small's shape would take hours there.
TRANSFORMER_CPU = "n_layer=2,n_embd=128,n_head=4,vocab=1024,n_ctx=64,batch=2,seq=64"


def copy_deps(out, runtime_build):
    deps = out / "deps"
    include = deps / "include"
    include.mkdir(parents=True)
    for name in ("flatbuffers", "CLI"):
        source = Path("/usr/include") / name
        if not source.is_dir():
            raise SystemExit(f"{source} is missing (Debian's libflatbuffers-dev "
                             "and libcli11-dev)")
        shutil.copytree(source, include / name)
    for candidate in ("/usr/local/cuda/include/nccl.h", "/usr/include/nccl.h"):
        if Path(candidate).exists():
            shutil.copy(candidate, include / "nccl.h")
            break
    header = runtime_build / "include/runtime/schemas/tessera_artifact_generated.h"
    if not header.exists():
        raise SystemExit(f"{header} is missing: build the runtime first")
    shutil.copy(header, deps / "tessera_artifact_generated.h")
    # googletest: what its CMake build needs, without docs and tests.
    gtest = Path("/usr/src/googletest")
    if gtest.is_dir():
        target = deps / "googletest"
        target.mkdir()
        shutil.copy(gtest / "CMakeLists.txt", target)
        for part in ("googletest", "googlemock"):
            (target / part).mkdir()
            shutil.copy(gtest / part / "CMakeLists.txt", target / part)
            for sub in ("cmake", "include", "src"):
                if (gtest / part / sub).is_dir():
                    shutil.copytree(gtest / part / sub, target / part / sub)
    return sum(f.stat().st_size for f in deps.rglob("*") if f.is_file())


# ------------------------------------------------------------ node tests

def node_test_dirs():
    import onnx
    base = Path(onnx.__file__).parent / "backend" / "test" / "data" / "node"
    return sorted(d for d in base.iterdir() if (d / "model.onnx").exists()
                  and (d / "test_data_set_0").is_dir())


def load_pb(path):
    import onnx
    from onnx import numpy_helper
    tensor = onnx.TensorProto()
    tensor.ParseFromString(Path(path).read_bytes())
    return numpy_helper.to_array(tensor)


def prepare_node_test(test_dir, work, args):
    """(name, status): 'kept', or why not."""
    import onnx
    name = test_dir.name
    dest = work / name
    dest.mkdir(parents=True)
    model = onnx.load(str(test_dir / "model.onnx"), load_external_data=False)
    initializers = {i.name for i in model.graph.initializer}
    inputs = [i.name for i in model.graph.input if i.name not in initializers]
    outputs = [o.name for o in model.graph.output]
    data = test_dir / "test_data_set_0"
    in_files = sorted(data.glob("input_*.pb"), key=lambda p: int(p.stem[6:]))
    out_files = sorted(data.glob("output_*.pb"), key=lambda p: int(p.stem[7:]))
    if len(in_files) != len(inputs) or len(out_files) != len(outputs):
        shutil.rmtree(dest)
        return name, "optional inputs or outputs"
    compile_ = [args.bin / "tessera-compile", test_dir / "model.onnx"]
    cpu = run(compile_ + ["-o", dest / "cpu.tsr"], timeout=120)
    if cpu.returncode != 0:
        shutil.rmtree(dest)
        return name, "does not compile for the cpu"
    if args.target != "cpu":
        target = run(compile_ + ["-o", dest / "model.tsr",
                                 f"--target={args.target}"], timeout=120)
        if target.returncode != 0:
            shutil.rmtree(dest)
            return name, f"does not compile for {args.target}: " + \
                bundle.last_line(target.stderr)
    cmd = [args.runtime_bin / "tessera-run", dest / "cpu.tsr"]
    for i, (input_name, pb) in enumerate(zip(inputs, in_files)):
        np.save(dest / f"in_{i}.npy", load_pb(pb))
        cmd.append(f"--input={input_name}=@{dest / f'in_{i}.npy'}")
    for i, output_name in enumerate(outputs):
        cmd.append(f"--output={output_name}=@{dest / f'ref_{i}.npy'}")
    ran = run(cmd, timeout=120)
    if ran.returncode != 0:
        shutil.rmtree(dest)
        return name, "does not run on the cpu"
    for i, pb in enumerate(out_files):
        why = bundle.compare_node(np.load(dest / f"ref_{i}.npy"), load_pb(pb))
        if why:
            shutil.rmtree(dest)
            return name, "differs on the cpu: " + why
    if args.target == "cpu":
        (dest / "cpu.tsr").rename(dest / "model.tsr")
    else:
        (dest / "cpu.tsr").unlink()
    bundle.write_json(dest / "test.json", {"inputs": inputs, "outputs": outputs})
    return name, "kept"


def prepare_node_tests(out, args):
    dirs = node_test_dirs()
    if args.node_tests is not None:
        dirs = dirs[:args.node_tests]
    work = Path(tempfile.mkdtemp(prefix="tessera-gpu-node-"))
    (work / "node").mkdir()
    statuses = {}
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for name, status in pool.map(
                lambda d: prepare_node_test(d, work / "node", args), dirs):
            statuses[name] = status
    kept = sorted(n for n, s in statuses.items() if s == "kept")
    with tarfile.open(out / "node.tar.xz", "w:xz") as tar:
        tar.add(work / "node", arcname="node")
    shutil.rmtree(work)
    reasons = {}
    for status in statuses.values():
        key = status.split(":")[0]
        reasons[key] = reasons.get(key, 0) + 1
    return {"tests": len(dirs), "kept": len(kept), "outcomes": reasons,
            "bytes": (out / "node.tar.xz").stat().st_size}


# ---------------------------------------------------------------- models

def model_key(name, flags):
    suffix = "".join("_" + f.split("=", 1)[1].replace(":", "").replace(",", "_")
                     for f in flags if f.startswith("--mesh"))
    return name + suffix


def prepare_model(out, args, name, build_args, flags, scratch):
    key = model_key(name, flags)
    dest = out / "models" / key
    dest.mkdir(parents=True)
    onnx_path = bundle.build_model(sys.executable, name, scratch / key, build_args)
    inputs = bundle.model_inputs(onnx_path, seed=0)
    compile_ = [args.bin / "tessera-compile", onnx_path]
    single = scratch / key / "single.tsr"
    proc = run(compile_ + ["-o", single], timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(f"{key}: cpu compile failed: {bundle.last_line(proc.stderr)}")
    artifact = scratch / key / "model.tsr"
    proc = run(compile_ + ["-o", artifact, f"--target={args.target}", *flags],
               timeout=600)
    if proc.returncode != 0:
        shutil.rmtree(dest)
        return key, {"status": "does not compile for " + args.target + ": " +
                     bundle.last_line(proc.stderr)}
    cmd = [args.runtime_bin / "tessera-run", single]
    for i, (input_name, value) in enumerate(inputs.items()):
        np.save(dest / f"in_{i}.npy", value)
        cmd.append(f"--input={input_name}=@{dest / f'in_{i}.npy'}")
    import onnx
    outputs = [o.name for o in onnx.load(str(onnx_path),
                                         load_external_data=False).graph.output]
    for i, output_name in enumerate(outputs):
        cmd.append(f"--output={output_name}=@{dest / f'ref_{i}.npy'}")
    proc = run(cmd, timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(f"{key}: the cpu run failed: {bundle.last_line(proc.stderr)}")
    sizes = bundle.dehydrate(artifact, onnx_path,
                             args.runtime_bin / "tessera-inspect", dest,
                             {"model": name, "args": build_args})
    bundle.write_json(dest / "test.json", {
        "model": name, "compile_flags": flags, "inputs": list(inputs),
        "outputs": outputs})
    return key, {"status": "kept", **sizes}


def prepare_transformer(out, args, scratch):
    dest = out / "transformer"
    dest.mkdir(parents=True)
    config = dict(item.split("=") for item in args.transformer.split(","))
    build_args = []
    for key, value in config.items():
        build_args += ["--set", f"{key}={value}"]
    onnx_path = bundle.build_model(sys.executable, "gpt2_small",
                                   scratch / "transformer", build_args)
    artifact = scratch / "transformer" / "model.tsr"
    proc = run([args.bin / "tessera-compile", onnx_path, "-o", artifact,
                f"--target={args.target}"], timeout=1200)
    if proc.returncode != 0:
        raise RuntimeError("transformer: compile failed: " +
                           bundle.last_line(proc.stderr))
    inputs = bundle.model_inputs(onnx_path, seed=0)
    np.save(dest / "input_ids.npy", inputs["input_ids"])
    sizes = bundle.dehydrate(artifact, onnx_path,
                             args.runtime_bin / "tessera-inspect", dest,
                             {"model": "gpt2_small", "args": build_args})
    config = {k: int(v) for k, v in config.items()}
    bundle.write_json(dest / "config.json", config)
    return {"config": config, "artifact_bytes": artifact.stat().st_size,
            **sizes}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", type=Path, default=ROOT / "build/bin",
                        help="where tessera-compile is")
    parser.add_argument("--runtime-bin", type=Path,
                        help="where tessera-run and tessera-inspect are "
                             "(default: --bin)")
    parser.add_argument("--out", type=Path, default=ROOT / "build-gpu")
    parser.add_argument("--device", choices=("cuda", "cpu"), default="cuda",
                        help="what run.sh will run on (cpu: to test it here)")
    parser.add_argument("--target", help="tessera-compile --target (default "
                        "cuda:sm_90 with --device=cuda, cpu with --device=cpu)")
    parser.add_argument("--node-tests", type=int,
                        help="only the first N node tests")
    parser.add_argument("--transformer",
                        help=f"gpt2 config (default {TRANSFORMER}; with "
                             f"--device=cpu {TRANSFORMER_CPU})")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--skip", action="append", default=[],
                        choices=("node", "models", "transformer"))
    args = parser.parse_args()
    args.bin = args.bin.resolve()
    args.runtime_bin = (args.runtime_bin or args.bin).resolve()
    args.target = args.target or ("cpu" if args.device == "cpu" else "cuda:sm_90")
    args.transformer = args.transformer or (
        TRANSFORMER_CPU if args.device == "cpu" else TRANSFORMER)
    out = args.out.resolve()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    start = time.time()
    manifest = {"device": args.device, "target": args.target,
                "git": run(["git", "-C", ROOT, "rev-parse", "--short",
                            "HEAD"]).stdout.strip(),
                "numpy": np.__version__}

    manifest["deps_bytes"] = copy_deps(out, args.runtime_bin.parent)
    log(f"deps: {manifest['deps_bytes'] / 2**20:.1f} MiB")

    if "node" not in args.skip:
        manifest["node_tests"] = prepare_node_tests(out, args)
        n = manifest["node_tests"]
        log(f"node tests: kept {n['kept']} of {n['tests']} "
            f"({n['bytes'] / 2**20:.1f} MiB): {n['outcomes']}")

    scratch = Path(tempfile.mkdtemp(prefix="tessera-gpu-models-"))
    try:
        if "models" not in args.skip:
            manifest["models"] = {}
            for name, build_args, flags in MODELS:
                key, result = prepare_model(out, args, name, build_args, flags,
                                            scratch)
                manifest["models"][key] = result
                log(f"model {key}: {result['status']}"
                    + (f" (weights left out: {result['filled_bytes'] / 2**20:.1f} "
                       f"MiB, kept {result['kept_bytes'] / 2**10:.0f} KiB)"
                       if result["status"] == "kept" else ""))
        if "transformer" not in args.skip:
            manifest["transformer"] = prepare_transformer(out, args, scratch)
            t = manifest["transformer"]
            log(f"transformer: {t['config']}: {t['artifact_bytes'] / 2**20:.0f} "
                f"MiB artifact, weights left out "
                f"{t['filled_bytes'] / 2**20:.0f} MiB")
    finally:
        shutil.rmtree(scratch)

    bundle.write_json(out / "MANIFEST.json", manifest)
    total = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    log(f"bundle: {out} ({total / 2**20:.1f} MiB) in {time.time() - start:.0f} s")
    if total > 48 * 2**20:
        log("warning: over 48 MiB; the device tool carries 64 MiB with the "
            "working tree")


if __name__ == "__main__":
    main()
