#!/usr/bin/env python3
"""Rebuilds the bundled demo model, its input and onnxruntime's reference output.

  build/venv/bin/python examples/gpt2_tiny/regenerate.py

model.onnx: test/models/build_models.py's gpt2_tiny (a 2-layer GPT-2-shaped
decoder, d=64, 4 heads, vocabulary 1000, sequence 16; random weights, seed
0), exported the way torch.onnx.export writes GPT2LMHeadModel.
input_ids.npy: 16 token ids drawn with seed 0. logits.npy: what onnxruntime
computes for them, the reference `make demo` compares Tessera's output with.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import onnxruntime as ort

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def main():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, str(ROOT / "test/models/build_models.py"),
                        "gpt2_tiny", "--out", tmp], check=True)
        shutil.copy(Path(tmp) / "gpt2_tiny.onnx", HERE / "model.onnx")
    session = ort.InferenceSession(str(HERE / "model.onnx"),
                                   providers=["CPUExecutionProvider"])
    (model_input,) = session.get_inputs()
    shape = [int(d) for d in model_input.shape]
    ids = np.random.default_rng(0).integers(0, 1000, size=shape, dtype=np.int64)
    np.save(HERE / "input_ids.npy", ids)
    (logits,) = session.run(None, {model_input.name: ids})
    np.save(HERE / "logits.npy", logits)
    print(f"wrote model.onnx, input_ids.npy {ids.shape}, logits.npy {logits.shape}")


if __name__ == "__main__":
    main()
