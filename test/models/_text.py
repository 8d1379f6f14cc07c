"""Transformer models shaped like Hugging Face exports through torch.onnx.export.

Imitated: transformers 4.3x eager attention, exported with the TorchScript
exporter (opset 17 unless asked otherwise, do_constant_folding=True, eval,
use_cache=False). The Python-level computations of the HF code that depend
on tensor sizes (``x.size()[:-1] + (n_head, d_head)``, ``self.bias[:, :,
k - q : k, :k]``, ``x.shape[-1] // 2``) appear as the Shape -> Gather ->
Unsqueeze -> Concat chains the exporter writes for a dynamic-axes export.
With the default static input shapes every such chain folds to a constant.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

try:
    from . import _graph as G
except ImportError:  # run as a script from this directory
    import _graph as G


def _dims(cfg):
    if cfg.dynamic:
        return "batch", "sequence"
    return cfg.batch, cfg.seq


# ===================================================================== GPT-2
@dataclass(frozen=True)
class GPT2Config:
    batch: int = 1
    seq: int = 16
    n_layer: int = 2
    n_embd: int = 64
    n_head: int = 4
    vocab: int = 1000
    n_ctx: int = 64
    eps: float = 1e-5
    # "matmul": HF Conv1D as MatMul + Add (what the brief asks for).
    # "gemm": what torch exports for Conv1D's addmm: view(-1, d) -> Gemm -> view.
    conv1d: str = "matmul"
    dynamic: bool = False


GPT2_TINY = GPT2Config()
GPT2_SMALL = GPT2Config(seq=128, n_layer=12, n_embd=768, n_head=12, vocab=50257, n_ctx=1024)


def _conv1d(g: G.GraphBuilder, x: str, qual: str, nx: int, nf: int, mode: str,
            gain: float = 1.0) -> str:
    """transformers.pytorch_utils.Conv1D (weight [nx, nf])."""
    w = g.param(f"{qual}.weight", g.normal((nx, nf), gain / math.sqrt(nx)))
    b = g.param(f"{qual}.bias", g.bias(nf))
    if mode == "matmul":
        return g.op("Add", [g.op("MatMul", [x, w]), b])
    if mode != "gemm":
        raise ValueError(f"conv1d must be 'matmul' or 'gemm', not {mode!r}")
    # size_out = x.size()[:-1] + (nf,)
    d0 = g.size(x, 0)
    d1 = g.size(x, 1)
    # torch.addmm(bias, x.view(-1, x.size(-1)), weight)
    x2 = g.view(x, [-1, g.size(x, 2)])
    y = g.op("Gemm", [x2, w, b], alpha=1.0, beta=1.0)
    return g.view(y, [d0, d1, nf])


def _gelu_new(g: G.GraphBuilder, x: str) -> str:
    """NewGELUActivation, written out in Python, so exported op by op."""
    half_x = g.op("Mul", [x, g.f32(0.5)])
    cube = g.op("Pow", [x, g.f32(3.0)])
    inner = g.op("Add", [x, g.op("Mul", [cube, g.f32(0.044715)])])
    inner = g.op("Mul", [inner, g.f32(math.sqrt(2.0 / math.pi))])
    t = g.op("Add", [g.op("Tanh", [inner]), g.f32(1.0)])
    return g.op("Mul", [half_x, t])


def build_gpt2(cfg: GPT2Config, opset: int, seed: int) -> G.BuiltModel:
    """GPT2LMHeadModel(input_ids) -> logits."""
    g = G.GraphBuilder(opset, seed)
    B, S = _dims(cfg)
    d, nh = cfg.n_embd, cfg.n_head
    hd = d // nh
    ids = g.add_input("input_ids", G.INT64, [B, S], G.InputHint("ids", cfg.vocab))
    wte = g.normal((cfg.vocab, d), 1.0 / math.sqrt(d))
    wpe = g.normal((cfg.n_ctx, d), 0.5 / math.sqrt(d))
    n = cfg.n_ctx
    causal = np.tril(np.ones((n, n), dtype=bool)).reshape(1, 1, n, n)

    with g.scope("transformer"):
        # input_shape = input_ids.size(); input_ids = input_ids.view(-1, input_shape[-1])
        seq = g.size(ids, 1)
        ids2 = g.view(ids, [-1, seq])
        # position_ids = torch.arange(past_length, input_shape[-1] + past_length).unsqueeze(0)
        end = g.op("Add", [seq, g.i64(0)])
        pos = g.op("Range", [g.i64(0), end, g.i64(1)])
        pos = g.unsqueeze(pos, [0])
        wte_n = g.param("transformer.wte.weight", wte)
        wpe_n = g.param("transformer.wpe.weight", wpe)
        with g.scope("wte"):
            h = g.op("Gather", [wte_n, ids2])
        with g.scope("wpe"):
            pe = g.op("Gather", [wpe_n, pos])
        h = g.op("Add", [h, pe])
        # output_shape = (-1,) + input_shape[1:] + (hidden_states.size(-1),)
        hsize = g.size(h, 2)
        for i in range(cfg.n_layer):
            pre = f"transformer.h.{i}"
            with g.scope(f"h.{i}"):
                residual = h
                g1, b1 = g.norm_params(d)
                with g.scope("ln_1"):
                    x = g.layer_norm(h, g.param(f"{pre}.ln_1.weight", g1),
                                     g.param(f"{pre}.ln_1.bias", b1), cfg.eps)
                with g.scope("attn"):
                    with g.scope("c_attn"):
                        qkv = _conv1d(g, x, f"{pre}.attn.c_attn", d, 3 * d, cfg.conv1d)
                    q, k, v = g.op("Split", [qkv, g.i64([d, d, d])], n_out=3, axis=2)

                    def split_heads(t):
                        t = g.view(t, [g.size(t, 0), g.size(t, 1), nh, hd])
                        return g.transpose(t, [0, 2, 1, 3])

                    q, k, v = split_heads(q), split_heads(k), split_heads(v)
                    w = g.op("MatMul", [q, g.transpose(k, [0, 1, 3, 2])])
                    w = g.op("Div", [w, g.f32(float(hd) ** 0.5)])
                    # causal_mask = self.bias[:, :, kl - ql : kl, :kl]
                    ql = g.size(q, 2)
                    kl = g.size(k, 2)
                    bias = g.param(f"{pre}.attn.bias", causal)
                    mask = g.dyn_slice(bias, g.op("Sub", [kl, ql]), kl, 2)
                    mask = g.dyn_slice(mask, 0, kl, 3)
                    w = g.op("Where", [mask, w, g.f32(G.FLOAT_MIN)])
                    w = g.op("Softmax", [w], axis=-1)
                    a = g.op("MatMul", [w, v])
                    # _merge_heads
                    a = g.transpose(a, [0, 2, 1, 3])
                    a = g.view(a, [g.size(a, 0), g.size(a, 1), d])
                    with g.scope("c_proj"):
                        a = _conv1d(g, a, f"{pre}.attn.c_proj", d, d, cfg.conv1d,
                                    gain=1.0 / math.sqrt(2 * cfg.n_layer))
                h = g.op("Add", [a, residual])
                residual = h
                g2, b2 = g.norm_params(d)
                with g.scope("ln_2"):
                    x = g.layer_norm(h, g.param(f"{pre}.ln_2.weight", g2),
                                     g.param(f"{pre}.ln_2.bias", b2), cfg.eps)
                with g.scope("mlp"):
                    with g.scope("c_fc"):
                        m = _conv1d(g, x, f"{pre}.mlp.c_fc", d, 4 * d, cfg.conv1d)
                    with g.scope("act"):
                        m = _gelu_new(g, m)
                    with g.scope("c_proj"):
                        m = _conv1d(g, m, f"{pre}.mlp.c_proj", 4 * d, d, cfg.conv1d,
                                    gain=1.0 / math.sqrt(2 * cfg.n_layer))
                h = g.op("Add", [residual, m])
        gf, bf = g.norm_params(d)
        with g.scope("ln_f"):
            h = g.layer_norm(h, g.param("transformer.ln_f.weight", gf),
                             g.param("transformer.ln_f.bias", bf), cfg.eps)
        h = g.view(h, [-1, seq, hsize])
    with g.scope("lm_head"):
        # tied lm_head: MatMul with t(wte), constant folded into its own initializer
        g.op("MatMul", [h, g.folded(np.ascontiguousarray(wte.T), "MatMul")],
             out_names=["logits"])
    g.add_output("logits", G.FLOAT, [B, S, cfg.vocab])
    return g.finish()


# ====================================================================== BERT
@dataclass(frozen=True)
class BertConfig:
    batch: int = 1
    seq: int = 16
    n_layer: int = 2
    hidden: int = 64
    n_head: int = 4
    ffn: int = 128
    vocab: int = 1000
    max_pos: int = 64
    type_vocab: int = 2
    eps: float = 1e-12
    dynamic: bool = False


BERT_TINY = BertConfig()
BERT_BASE = BertConfig(seq=128, n_layer=12, hidden=768, n_head=12, ffn=3072, vocab=30522,
                       max_pos=512)


def build_bert(cfg: BertConfig, opset: int, seed: int) -> G.BuiltModel:
    """BertModel(input_ids, attention_mask, token_type_ids)."""
    g = G.GraphBuilder(opset, seed)
    B, S = _dims(cfg)
    d, nh = cfg.hidden, cfg.n_head
    hd = d // nh
    ids = g.add_input("input_ids", G.INT64, [B, S], G.InputHint("ids", cfg.vocab))
    am = g.add_input("attention_mask", G.INT64, [B, S], G.InputHint("mask"))
    tt = g.add_input("token_type_ids", G.INT64, [B, S], G.InputHint("ids", cfg.type_vocab))

    # get_extended_attention_mask: mask[:, None, None, :]; (1.0 - m) * finfo.min
    m = g.unsqueeze(am, [1])
    m = g.unsqueeze(m, [2])
    m = g.op("Cast", [m], to=G.FLOAT)
    m = g.op("Sub", [g.f32(1.0), m])
    ext_mask = g.op("Mul", [m, g.f32(G.FLOAT_MIN)])

    with g.scope("embeddings"):
        word = g.param("embeddings.word_embeddings.weight", g.normal((cfg.vocab, d), 0.5))
        posw = g.param("embeddings.position_embeddings.weight", g.normal((cfg.max_pos, d), 0.5))
        typew = g.param("embeddings.token_type_embeddings.weight",
                        g.normal((cfg.type_vocab, d), 0.5))
        eg, eb = g.norm_params(d)
        # position_ids = self.position_ids[:, past : seq_length + past]
        seq = g.size(ids, 1)
        pos_buf = g.param("embeddings.position_ids",
                          np.arange(cfg.max_pos, dtype=np.int64).reshape(1, -1))
        pos = g.dyn_slice(pos_buf, 0, seq, 1)
        with g.scope("word_embeddings"):
            e = g.op("Gather", [word, ids])
        with g.scope("token_type_embeddings"):
            te = g.op("Gather", [typew, tt])
        e = g.op("Add", [e, te])
        with g.scope("position_embeddings"):
            pe = g.op("Gather", [posw, pos])
        e = g.op("Add", [e, pe])
        with g.scope("LayerNorm"):
            h = g.layer_norm(e, g.param("embeddings.LayerNorm.weight", eg),
                             g.param("embeddings.LayerNorm.bias", eb), cfg.eps)

    def dense(x, qual, fin, fout, gain=1.0):
        w = g.linear_weight(fout, fin, gain)
        b = g.param(f"{qual}.bias", g.bias(fout))
        return g.linear3d(x, w, b)

    def ln(x, qual):
        ga, be = g.norm_params(d)
        return g.layer_norm(x, g.param(f"{qual}.weight", ga), g.param(f"{qual}.bias", be),
                            cfg.eps)

    def transpose_for_scores(x):
        x = g.view(x, [g.size(x, 0), g.size(x, 1), nh, hd])
        return g.transpose(x, [0, 2, 1, 3])

    with g.scope("encoder"):
        for i in range(cfg.n_layer):
            pre = f"encoder.layer.{i}"
            with g.scope(f"layer.{i}"):
                with g.scope("attention"):
                    with g.scope("self"):
                        sp = f"{pre}.attention.self"
                        with g.scope("query"):
                            mq = dense(h, f"{sp}.query", d, d)
                        with g.scope("key"):
                            mk = dense(h, f"{sp}.key", d, d)
                        k = transpose_for_scores(mk)
                        with g.scope("value"):
                            mv = dense(h, f"{sp}.value", d, d)
                        v = transpose_for_scores(mv)
                        q = transpose_for_scores(mq)
                        s = g.op("MatMul", [q, g.transpose(k, [0, 1, 3, 2])])
                        s = g.op("Div", [s, g.f32(math.sqrt(hd))])
                        s = g.op("Add", [s, ext_mask])
                        p = g.op("Softmax", [s], axis=-1)
                        c = g.op("MatMul", [p, v])
                        c = g.transpose(c, [0, 2, 1, 3])
                        c = g.view(c, [g.size(c, 0), g.size(c, 1), d])
                    with g.scope("output"):
                        with g.scope("dense"):
                            o = dense(c, f"{pre}.attention.output.dense", d, d)
                        o = g.op("Add", [o, h])
                        with g.scope("LayerNorm"):
                            a = ln(o, f"{pre}.attention.output.LayerNorm")
                with g.scope("intermediate"):
                    with g.scope("dense"):
                        t = dense(a, f"{pre}.intermediate.dense", d, cfg.ffn)
                    with g.scope("intermediate_act_fn"):
                        t = g.gelu_erf(t)
                with g.scope("output"):
                    with g.scope("dense"):
                        o = dense(t, f"{pre}.output.dense", cfg.ffn, d)
                    o = g.op("Add", [o, a])
                    with g.scope("LayerNorm"):
                        h = ln(o, f"{pre}.output.LayerNorm")
    g.rename(h, "last_hidden_state")
    h = "last_hidden_state"
    with g.scope("pooler"):
        first = g.op("Gather", [h, g.i64(0)], axis=1)  # hidden_states[:, 0]
        pw = g.param("pooler.dense.weight", g.linear_weight(d, d))
        pb = g.param("pooler.dense.bias", g.bias(d))
        with g.scope("dense"):
            p = g.gemm_linear(first, pw, pb)
        with g.scope("activation"):
            g.op("Tanh", [p], out_names=["pooler_output"])
    g.add_output("last_hidden_state", G.FLOAT, [B, S, d])
    g.add_output("pooler_output", G.FLOAT, [B, d])
    return g.finish()


# ===================================================================== LLaMA
@dataclass(frozen=True)
class LlamaConfig:
    batch: int = 1
    seq: int = 16
    n_layer: int = 2
    hidden: int = 64
    n_head: int = 4
    ffn: int = 176
    vocab: int = 1000
    max_pos: int = 128
    eps: float = 1e-6
    rope_theta: float = 10000.0
    dynamic: bool = False


def _rms_norm(g: G.GraphBuilder, x: str, w: str, eps: float) -> str:
    """LlamaRMSNorm: x * rsqrt(mean(x^2) + eps) * weight (rsqrt = Div(1, Sqrt))."""
    var = g.reduce_mean(g.op("Pow", [x, g.f32(2.0)]), [-1], keepdims=1)
    den = g.op("Sqrt", [g.op("Add", [var, g.f32(eps)])])
    inv = g.op("Div", [g.f32([1.0]), den])
    return g.op("Mul", [w, g.op("Mul", [x, inv])])


def _rotate_half(g: G.GraphBuilder, x: str) -> str:
    """cat((-x[..., d//2:], x[..., :d//2]), -1) with d//2 traced from x.shape."""
    def half():
        h = g.op("Div", [g.size(x, 3), g.i64(2)])  # floor_divide on ints
        h = g.op("Cast", [h], to=G.INT64)
        return g.op("Cast", [h], to=G.INT64)
    x1 = g.dyn_slice(x, 0, half(), 3)
    x2 = g.dyn_slice(x, half(), int(G.INT64_MAX), 3)
    return g.op("Concat", [g.op("Neg", [x2]), x1], axis=-1)


def build_llama(cfg: LlamaConfig, opset: int, seed: int) -> G.BuiltModel:
    """LlamaForCausalLM(input_ids) -> logits (transformers 4.36-style eager)."""
    g = G.GraphBuilder(opset, seed)
    B, S = _dims(cfg)
    d, nh = cfg.hidden, cfg.n_head
    hd = d // nh
    ids = g.add_input("input_ids", G.INT64, [B, S], G.InputHint("ids", cfg.vocab))

    exponent = np.arange(0, hd, 2, dtype=np.int64).astype(np.float32) / hd
    inv_freq = 1.0 / (cfg.rope_theta ** exponent)
    t = np.arange(cfg.max_pos, dtype=np.float32)
    freqs = np.outer(t, inv_freq.astype(np.float32))
    emb = np.concatenate([freqs, freqs], axis=-1)
    cos_cached = np.cos(emb).astype(np.float32)
    sin_cached = np.sin(emb).astype(np.float32)

    def proj(x, fin, fout, gain=1.0):
        return g.linear3d(x, g.linear_weight(fout, fin, gain), None)

    with g.scope("model"):
        bsz = g.size(ids, 0)
        seq = g.size(ids, 1)
        end = g.op("Add", [seq, g.i64(0)])
        pos = g.unsqueeze(g.op("Range", [g.i64(0), end, g.i64(1)]), [0])
        emb_w = g.param("model.embed_tokens.weight", g.normal((cfg.vocab, d), 1.0))
        with g.scope("embed_tokens"):
            h = g.op("Gather", [emb_w, ids])

        # _prepare_4d_causal_attention_mask -> AttentionMaskConverter._make_causal_mask
        kv_len = g.op("Add", [seq, g.i64(0)])
        past = g.op("Sub", [kv_len, seq])
        full = g.op("ConstantOfShape", [g.shape_list([seq, seq])],
                    value=G.numpy_helper.from_array(np.array([G.FLOAT_MIN], np.float32)))
        cond = g.op("Range", [g.i64(0), g.size(full, 1), g.i64(1)])
        cond1 = g.op("Add", [cond, g.i64(1)])
        cond1 = g.view(cond1, [g.size(full, 1), 1])
        lt = g.op("Less", [cond, cond1])
        mask = g.op("Where", [lt, g.f32(0.0), full])
        mask = g.unsqueeze(g.unsqueeze(mask, [0]), [1])
        # .expand(bsz, 1, tgt_len, tgt_len + past_key_values_length)
        size = g.shape_list([bsz, 1, seq, g.op("Add", [seq, past])])
        size = g.reshape(size, g.i64([-1]))
        ones = g.op("ConstantOfShape", [g.op("Shape", [size])],
                    value=G.numpy_helper.from_array(np.array([1], np.int64)))
        neg = g.op("Mul", [ones, g.i64(-1)])
        size = g.op("Where", [g.op("Equal", [size, neg]), ones, size])
        mask = g.op("Expand", [mask, size])

        for i in range(cfg.n_layer):
            pre = f"model.layers.{i}"
            with g.scope(f"layers.{i}"):
                residual = h
                w_in = g.param(f"{pre}.input_layernorm.weight", g.norm_params(d)[0])
                with g.scope("input_layernorm"):
                    x = _rms_norm(g, h, w_in, cfg.eps)
                with g.scope("self_attn"):
                    b_ = g.size(x, 0)
                    q_len = g.size(x, 1)
                    with g.scope("q_proj"):
                        q = proj(x, d, d)
                    with g.scope("k_proj"):
                        k = proj(x, d, d)
                    with g.scope("v_proj"):
                        v = proj(x, d, d)
                    q = g.transpose(g.view(q, [b_, q_len, nh, hd]), [0, 2, 1, 3])
                    k = g.transpose(g.view(k, [b_, q_len, nh, hd]), [0, 2, 1, 3])
                    v = g.transpose(g.view(v, [b_, q_len, nh, hd]), [0, 2, 1, 3])
                    kv_seq = g.size(k, 2)
                    with g.scope("rotary_emb"):
                        cos = g.dyn_slice(g.param(f"{pre}.self_attn.rotary_emb.cos_cached",
                                                  cos_cached), 0, kv_seq, 0)
                        sin = g.dyn_slice(g.param(f"{pre}.self_attn.rotary_emb.sin_cached",
                                                  sin_cached), 0, kv_seq, 0)
                    # apply_rotary_pos_emb(q, k, cos, sin, position_ids)
                    cos = g.unsqueeze(g.op("Gather", [cos, pos], axis=0), [1])
                    sin = g.unsqueeze(g.op("Gather", [sin, pos], axis=0), [1])
                    q = g.op("Add", [g.op("Mul", [q, cos]),
                                     g.op("Mul", [_rotate_half(g, q), sin])])
                    k = g.op("Add", [g.op("Mul", [k, cos]),
                                     g.op("Mul", [_rotate_half(g, k), sin])])
                    w = g.op("MatMul", [q, g.transpose(k, [0, 1, 3, 2])])
                    w = g.op("Div", [w, g.f32(math.sqrt(hd))])
                    w = g.op("Add", [w, mask])
                    w = g.op("Softmax", [w], axis=-1)
                    a = g.op("MatMul", [w, v])
                    a = g.transpose(a, [0, 2, 1, 3])
                    a = g.view(a, [b_, q_len, d])
                    with g.scope("o_proj"):
                        a = proj(a, d, d, gain=1.0 / math.sqrt(2 * cfg.n_layer))
                h = g.op("Add", [residual, a])
                residual = h
                w_post = g.param(f"{pre}.post_attention_layernorm.weight", g.norm_params(d)[0])
                with g.scope("post_attention_layernorm"):
                    x = _rms_norm(g, h, w_post, cfg.eps)
                with g.scope("mlp"):
                    with g.scope("gate_proj"):
                        gt = proj(x, d, cfg.ffn)
                    with g.scope("act_fn"):
                        gt = g.silu(gt)
                    with g.scope("up_proj"):
                        up = proj(x, d, cfg.ffn)
                    m = g.op("Mul", [gt, up])
                    with g.scope("down_proj"):
                        m = proj(m, cfg.ffn, d, gain=2.0 / math.sqrt(2 * cfg.n_layer))
                h = g.op("Add", [residual, m])
        w_norm = g.param("model.norm.weight", g.norm_params(d)[0])
        with g.scope("norm"):
            h = _rms_norm(g, h, w_norm, cfg.eps)
    with g.scope("lm_head"):
        wl = g.folded(np.ascontiguousarray(g.linear_weight(cfg.vocab, d).T), "MatMul")
        g.op("MatMul", [h, wl], out_names=["logits"])
    g.add_output("logits", G.FLOAT, [B, S, cfg.vocab])
    return g.finish()
