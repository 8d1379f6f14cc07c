"""GPT2LMHeadModel's forward pass written out, for PyTorch eager or NumPy.

The baseline of the GPU check's transformer: the same computation as
test/models/_text.py's build_gpt2 (Hugging Face GPT-2, eager attention,
NewGELU, a tied lm_head), on the initializers of that ONNX model, run op by
op by PyTorch on the GPU (torch.matmul is cuBLAS) or, to test the script
where there is no GPU, by NumPy on the CPU.
"""

import math

import numpy as np

FLOAT_MIN = float(np.finfo(np.float32).min)


class NumpyOps:
    name = "numpy"

    def __init__(self):
        self.xp = np

    def array(self, value):
        return np.asarray(value)

    def to_numpy(self, x):
        return np.asarray(x)

    def permute(self, x, perm):
        return np.transpose(x, perm)

    def softmax(self, x):
        e = np.exp(x - np.max(x, axis=-1, keepdims=True))
        return e / np.sum(e, axis=-1, keepdims=True)

    def layer_norm(self, x, weight, bias, eps):
        mean = np.mean(x, axis=-1, keepdims=True)
        var = np.mean(np.square(x - mean), axis=-1, keepdims=True)
        return (x - mean) / np.sqrt(var + np.float32(eps)) * weight + bias

    def where(self, mask, x, value):
        return np.where(mask, x, np.float32(value))

    def tanh(self, x):
        return np.tanh(x)

    def synchronize(self):
        pass


class TorchOps:
    name = "torch"

    def __init__(self, device="cuda"):
        import torch
        self.torch = torch
        self.device = device

    def array(self, value):
        return self.torch.from_numpy(np.ascontiguousarray(value)).to(self.device)

    def to_numpy(self, x):
        return x.detach().cpu().numpy()

    def permute(self, x, perm):
        return x.permute(*perm)

    def softmax(self, x):
        return self.torch.softmax(x, dim=-1)

    def layer_norm(self, x, weight, bias, eps):
        return self.torch.nn.functional.layer_norm(x, (x.shape[-1],), weight,
                                                   bias, eps)

    def where(self, mask, x, value):
        return self.torch.where(mask, x, self.torch.tensor(value, device=x.device,
                                                           dtype=x.dtype))

    def tanh(self, x):
        return self.torch.tanh(x)

    def synchronize(self):
        self.torch.cuda.synchronize()


class GPT2:
    """The model on `ops`' device, weights from ONNX initializers."""

    def __init__(self, initializers, config, ops):
        self.ops = ops
        self.cfg = config
        self.p = {}
        for name, value in initializers.items():
            if name.startswith("transformer.") and value.dtype != np.int64:
                self.p[name] = ops.array(value)
        self.wte_t = ops.array(np.ascontiguousarray(
            initializers["transformer.wte.weight"].T))

    def forward(self, ids):
        """ids: token ids [B, S] (int64, on the device) -> logits."""
        ops, p, cfg = self.ops, self.p, self.cfg
        d, nh = cfg["n_embd"], cfg["n_head"]
        hd = d // nh
        eps = cfg.get("eps", 1e-5)
        B, S = ids.shape
        h = p["transformer.wte.weight"][ids] + p["transformer.wpe.weight"][:S]
        mask = p["transformer.h.0.attn.bias"][:, :, :S, :S]
        for i in range(cfg["n_layer"]):
            pre = f"transformer.h.{i}"
            x = ops.layer_norm(h, p[f"{pre}.ln_1.weight"], p[f"{pre}.ln_1.bias"],
                               eps)
            qkv = x @ p[f"{pre}.attn.c_attn.weight"] + p[f"{pre}.attn.c_attn.bias"]
            q, k, v = (qkv[..., j * d:(j + 1) * d].reshape(B, S, nh, hd)
                       for j in range(3))
            q, k, v = (ops.permute(t, (0, 2, 1, 3)) for t in (q, k, v))
            w = (q @ ops.permute(k, (0, 1, 3, 2))) * (1.0 / math.sqrt(hd))
            w = ops.softmax(ops.where(mask, w, FLOAT_MIN))
            a = ops.permute(w @ v, (0, 2, 1, 3)).reshape(B, S, d)
            a = a @ p[f"{pre}.attn.c_proj.weight"] + p[f"{pre}.attn.c_proj.bias"]
            h = a + h
            x = ops.layer_norm(h, p[f"{pre}.ln_2.weight"], p[f"{pre}.ln_2.bias"],
                               eps)
            m = x @ p[f"{pre}.mlp.c_fc.weight"] + p[f"{pre}.mlp.c_fc.bias"]
            m = 0.5 * m * (1.0 + ops.tanh(math.sqrt(2.0 / math.pi) *
                                          (m + 0.044715 * m * m * m)))
            m = m @ p[f"{pre}.mlp.c_proj.weight"] + p[f"{pre}.mlp.c_proj.bias"]
            h = h + m
        h = ops.layer_norm(h, p["transformer.ln_f.weight"],
                           p["transformer.ln_f.bias"], eps)
        return h @ self.wte_t
